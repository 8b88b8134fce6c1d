/* self_test.c - boundaries, needs, goals and interests (self.h): only the
 * owner edits, shares or deletes; an acknowledgement belongs to the
 * wording it was given for; the history is complete and in order; notes
 * on goals are progress or support by who writes them; bad input is
 * refused and changes nothing; the database holds no plaintext. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

static void
add_boundary(struct dy_session *s, const char *statement, const char *form, const char *area, enum dy_vis vis,
             char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	json_t *o = json_pack("{s:s, s:s, s:s}", "statement", statement, "form", form, "area", area);

	assert_non_null(o);
	if (dy_item_create(s, &dy_kind_boundary, NULL, o, NULL, 0, vis, 0, id, &err) != 0)
		fail_msg("add_boundary: %s", err.msg);
	json_decref(o);
}

static void
edit_statement(struct dy_session *s, const char *id, const char *statement)
{
	struct dy_error err = {0};
	json_t *o = json_pack("{s:s}", "statement", statement);

	if (dy_item_edit(s, &dy_kind_boundary, id, strlen(id), o, NULL, 0, &err) != 0)
		fail_msg("edit: %s", err.msg);
	json_decref(o);
}

static struct dy_boundary_status
status_of(struct dy_session *s, const char *id)
{
	struct dy_error err = {0};
	struct dy_item b;
	struct dy_boundary_status st;

	assert_int_equal(dy_item_get(s, &dy_kind_boundary, id, strlen(id), &b, &err), 0);
	if (dy_boundary_status(s, &b, &st, &err) != 0)
		fail_msg("status: %s", err.msg);
	dy_item_release(&b);
	return st;
}

static void
partner_acknowledges_a_wording_and_a_new_wording_asks_again(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], ack[DY_ID_LEN + 1], again[DY_ID_LEN + 1], talk[DY_ID_LEN + 1];
	struct dy_boundary_status st;

	add_boundary(f->a, "Sunday mornings are mine, alone", "need", "time", DY_VIS_SHARED, id);
	st = status_of(f->a, id);
	assert_false(st.acked);
	assert_int_equal(st.acked_version, 0);

	assert_int_equal(dy_boundary_answer(f->b, id, strlen(id), DY_BOUNDARY_ACK, ack, &err), 0);
	/* the same answer again writes nothing */
	assert_int_equal(dy_boundary_answer(f->b, id, strlen(id), DY_BOUNDARY_ACK, again, &err), 0);
	assert_string_equal(ack, again);
	assert_int_equal(fx_count(f->b, &dy_kind_boundary_answer, DY_FILTER_ALL), 1);
	st = status_of(f->a, id);
	assert_true(st.acked);
	assert_int_equal(st.version, 1);
	assert_int_equal(st.acked_version, 1);
	assert_false(st.discuss);

	/* a changed wording asks to be acknowledged again */
	edit_statement(f->a, id, "Sunday mornings until eleven are mine, alone");
	st = status_of(f->a, id);
	assert_int_equal(st.version, 2);
	assert_false(st.acked);
	assert_int_equal(st.acked_version, 1);
	assert_int_equal(dy_boundary_answer(f->b, id, strlen(id), DY_BOUNDARY_DISCUSS, talk, &err), 0);
	st = status_of(f->b, id);
	assert_true(st.discuss);
	assert_false(st.acked);
	assert_int_equal(dy_boundary_answer(f->b, id, strlen(id), DY_BOUNDARY_ACK, ack, &err), 0);
	st = status_of(f->a, id);
	assert_true(st.acked);
	assert_int_equal(st.acked_version, 2);

	/* I do not answer my own boundary */
	assert_int_equal(dy_boundary_answer(f->a, id, strlen(id), DY_BOUNDARY_ACK, ack, &err), DY_EPERM);
}

static void
history_is_complete_and_in_order_after_edits(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], word[64];
	int i;

	add_boundary(f->a, "wording 1", "limit", "money", DY_VIS_SHARED, id);
	for (i = 2; i <= 6; i++) {
		snprintf(word, sizeof(word), "wording %d", i);
		edit_statement(f->a, id, word);
	}
	/* the partner reads the same history */
	for (int who = 0; who < 2; who++) {
		assert_int_equal(dy_item_versions(who ? f->b : f->a, &dy_kind_boundary, id, strlen(id), &l, &err), 0);
		assert_int_equal(l.count, 5);
		for (i = 0; i < 5; i++) {
			snprintf(word, sizeof(word), "wording %d", i + 1);
			assert_string_equal(json_string_value(json_object_get(l.items[i].fields, "statement")), word);
			assert_int_equal(l.items[i].version, i + 1);
		}
		dy_item_list_release(&l);
	}
}

/* A kept wording that no longer decrypts (a damaged file) is left out of
 * the history and counted, for the owner and the partner alike; the other
 * wordings still show, in order. */
static void
history_leaves_out_a_damaged_wording_and_counts_it(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], sql[256];

	add_boundary(f->a, "wording 1", "limit", "money", DY_VIS_SHARED, id);
	edit_statement(f->a, id, "wording 2");
	edit_statement(f->a, id, "wording 3");
	edit_statement(f->a, id, "wording 4");
	snprintf(sql, sizeof(sql), "UPDATE record_version SET body = zeroblob(80) WHERE record_id = '%s' AND version = 2",
	         id);
	assert_int_equal(fx_raw_exec(f->path, sql), 1);
	for (int who = 0; who < 2; who++) {
		assert_int_equal(dy_item_versions(who ? f->b : f->a, &dy_kind_boundary, id, strlen(id), &l, &err), 0);
		assert_int_equal(l.damaged, 1);
		assert_int_equal(l.count, 2);
		assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "statement")), "wording 1");
		assert_string_equal(json_string_value(json_object_get(l.items[1].fields, "statement")), "wording 3");
		dy_item_list_release(&l);
	}
}

/* A boundary, a need or a goal whose stored copy no longer decrypts is
 * left out of the list and counted in damaged; the others are listed.
 * The partner counts a damaged shared one, never a private one. */
static void
list_leaves_out_a_damaged_record_and_counts_it(void **state)
{
	struct fixture *f = *state;
	struct dy_query q = {.kinds = {&dy_kind_boundary, &dy_kind_goal}, .nkinds = 2, .filter = DY_FILTER_ALL};
	struct dy_error err = {0};
	struct dy_item_list l;
	char keep[DY_ID_LEN + 1], need[DY_ID_LEN + 1], goal[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s, s:s}", "statement", "Learn to sail", "status", "active");

	add_boundary(f->a, "Quiet after ten", "limit", "time", DY_VIS_SHARED, keep);
	add_boundary(f->a, "An hour alone on Saturdays", "need", "time", DY_VIS_SHARED, need);
	assert_non_null(o);
	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, goal, &err), 0);
	json_decref(o);
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.damaged, 0);
	dy_item_list_release(&l);
	fx_damage(f, need);
	fx_damage(f, goal);
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 2);
	assert_string_equal(l.items[0].id, keep);
	dy_item_list_release(&l);
	assert_int_equal(dy_item_list(f->b, &q, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 1);
	assert_string_equal(l.items[0].id, keep);
	dy_item_list_release(&l);
}

static void
only_the_owner_changes_shares_or_deletes(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char priv[DY_ID_LEN + 1], shared[DY_ID_LEN + 1], ack[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s}", "statement", "changed by the partner");

	add_boundary(f->a, "PRIVATE draft", "okay", "friends", DY_VIS_PRIVATE, priv);
	add_boundary(f->a, "shared one", "okay", "friends", DY_VIS_SHARED, shared);
	/* a private draft reads exactly as a missing one */
	assert_int_equal(dy_item_get(f->b, &dy_kind_boundary, priv, strlen(priv), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_edit(f->b, &dy_kind_boundary, priv, strlen(priv), o, NULL, 0, &err), DY_ENOTFOUND);
	assert_int_equal(dy_boundary_answer(f->b, priv, strlen(priv), DY_BOUNDARY_ACK, ack, &err), DY_ENOTFOUND);
	assert_int_equal(fx_count(f->b, &dy_kind_boundary, DY_FILTER_ALL), 1);
	/* a shared one is seen, not changed */
	assert_int_equal(dy_item_edit(f->b, &dy_kind_boundary, shared, strlen(shared), o, NULL, 0, &err), DY_EPERM);
	assert_int_equal(dy_item_set_vis(f->b, &dy_kind_boundary, shared, strlen(shared), DY_VIS_PRIVATE, 0, &err),
	                 DY_EPERM);
	assert_int_equal(dy_item_delete(f->b, &dy_kind_boundary, shared, strlen(shared), &err), DY_EPERM);
	assert_int_equal(dy_item_get(f->a, &dy_kind_boundary, shared, strlen(shared), &it, &err), 0);
	assert_string_equal(json_string_value(json_object_get(it.fields, "statement")), "shared one");
	dy_item_release(&it);
	/* made private again, the partner's answers go with it */
	assert_int_equal(dy_boundary_answer(f->b, shared, strlen(shared), DY_BOUNDARY_ACK, ack, &err), 0);
	assert_int_equal(dy_item_set_vis(f->a, &dy_kind_boundary, shared, strlen(shared), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_boundary_answer, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_boundary_answer, DY_FILTER_ALL), 0);
	json_decref(o);
}

static void
bad_input_is_refused_with_a_clear_message_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	char *long_text = malloc(2002);
	char *long_accents = malloc(2 * 2000 + 1);
	static const struct {
		const struct dy_kind *k;
		const char *json, *says;
	} bad[] = {
		{&dy_kind_boundary, "{\"statement\":\"\",\"form\":\"need\",\"area\":\"time\"}", "statement is empty"},
		{&dy_kind_boundary, "{\"statement\":\"x\",\"form\":\"need\",\"area\":\"garden\"}", "area must be one of"},
		{&dy_kind_boundary, "{\"statement\":\"x\",\"form\":\"maybe\",\"area\":\"time\"}", "form must be one of"},
		{&dy_kind_boundary, "{\"statement\":\"x\",\"form\":\"need\"}", "area is missing"},
		{&dy_kind_goal, "{\"statement\":\"run a marathon\",\"status\":\"someday\"}", "status must be one of"},
		{&dy_kind_goal, "{\"statement\":\"x\",\"status\":\"active\",\"target\":\"31/03/2027\"}", "YYYY-MM-DD"},
		{&dy_kind_goal, "{\"statement\":\"x\",\"status\":\"active\",\"target\":\"2027-02-30\"}", "YYYY-MM-DD"},
		{&dy_kind_goal, "{\"statement\":\"x\",\"status\":\"active\",\"target\":\"next year\"}", "target"},
		{&dy_kind_interest, "{\"statement\":\"x\",\"with\":\"everyone\"}", "with must be one of"},
	};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1] = "untouched";
	json_t *o;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = json_loads(bad[i].json, 0, NULL);
		assert_non_null(o);
		memset(&err, 0, sizeof(err));
		assert_int_not_equal(dy_item_create(f->a, bad[i].k, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
		if (strstr(err.msg, bad[i].says) == NULL)
			fail_msg("%zu: \"%s\" does not say \"%s\"", i, err.msg, bad[i].says);
		json_decref(o);
	}
	/* 2,000 characters fit, 2,001 do not, whatever their bytes */
	assert_non_null(long_text);
	assert_non_null(long_accents);
	memset(long_text, 'a', 2001);
	long_text[2001] = '\0';
	for (i = 0; i < 2000; i++)
		memcpy(long_accents + 2 * i, "\xc3\xa9", 2);
	long_accents[4000] = '\0';
	o = json_pack("{s:s, s:s, s:s}", "statement", long_text, "form", "need", "area", "time");
	assert_int_equal(dy_item_create(f->a, &dy_kind_boundary, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err),
	                 DY_ETOOBIG);
	assert_non_null(strstr(err.msg, "2001 characters"));
	json_decref(o);
	assert_string_equal(id, "untouched");
	assert_int_equal(fx_count(f->a, &dy_kind_boundary, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_goal, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_interest, DY_FILTER_ALL), 0);
	o = json_pack("{s:s, s:s, s:s}", "statement", long_accents, "form", "need", "area", "time");
	assert_int_equal(dy_item_create(f->a, &dy_kind_boundary, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	json_decref(o);
	/* an edit that breaks a rule changes nothing */
	o = json_pack("{s:s}", "area", "garden");
	assert_int_equal(dy_item_edit(f->a, &dy_kind_boundary, id, strlen(id), o, NULL, 0, &err), DY_EINVAL);
	json_decref(o);
	{
		struct dy_item it;

		assert_int_equal(dy_item_get(f->a, &dy_kind_boundary, id, strlen(id), &it, &err), 0);
		assert_string_equal(json_string_value(json_object_get(it.fields, "area")), "time");
		assert_int_equal(it.version, 1);
		dy_item_release(&it);
	}
	free(long_text);
	free(long_accents);
}

static void
goal_notes_are_progress_or_support_and_support_can_be_dismissed(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_query q = {.kinds = {&dy_kind_goal_note}, .nkinds = 1, .filter = DY_FILTER_ALL};
	struct dy_item_list l;
	char goal[DY_ID_LEN + 1], priv[DY_ID_LEN + 1], progress[DY_ID_LEN + 1], support[DY_ID_LEN + 1], id[DY_ID_LEN + 1];
	json_t *g = json_pack("{s:s, s:s, s:s, s:s}", "statement", "learn the cello", "why", "music of my own",
	                      "target", "2027-06-30", "status", "active");
	bool dismissed;

	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_SHARED, 0, goal, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_PRIVATE, 0, priv, &err), 0);
	assert_int_equal(dy_goal_note(f->a, goal, strlen(goal), "first lesson done", 17, progress, &err), 0);
	assert_int_equal(dy_goal_note(f->b, goal, strlen(goal), "I can drive you to lessons", 26, support, &err), 0);
	/* a private goal reads as missing to the partner */
	assert_int_equal(dy_goal_note(f->b, priv, strlen(priv), "hello", 5, id, &err), DY_ENOTFOUND);
	q.parent_id = goal;
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 2);
	for (size_t i = 0; i < l.count; i++) {
		const char *sort = json_string_value(json_object_get(l.items[i].fields, "sort"));

		assert_string_equal(sort, l.items[i].mine ? "progress" : "support");
	}
	dy_item_list_release(&l);
	/* the partner cannot edit my goal; I dismiss support, not my own notes */
	assert_int_equal(dy_item_edit(f->b, &dy_kind_goal, goal, strlen(goal), g, NULL, 0, &err), DY_EPERM);
	assert_int_equal(dy_goal_dismiss(f->a, progress, strlen(progress), &err), DY_EPERM);
	assert_int_equal(dy_goal_dismiss(f->b, support, strlen(support), &err), DY_EPERM);
	assert_int_equal(dy_goal_dismiss(f->a, support, strlen(support), &err), 0);
	assert_int_equal(dy_goal_dismiss(f->a, support, strlen(support), &err), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_goal_dismissal, DY_FILTER_ALL), 1);
	{
		struct dy_item n;

		assert_int_equal(dy_item_get(f->a, &dy_kind_goal_note, support, strlen(support), &n, &err), 0);
		assert_int_equal(dy_goal_note_dismissed(f->a, &n, &dismissed, &err), 0);
		assert_true(dismissed);
		dy_item_release(&n);
	}
	/* deleting the goal takes its notes and their dismissals */
	assert_int_equal(dy_item_delete(f->a, &dy_kind_goal, goal, strlen(goal), &err), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_goal_note, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_goal_note, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_goal_dismissal, DY_FILTER_ALL), 0);
	json_decref(g);
}

static void
database_holds_no_plaintext_of_what_partners_wrote(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], goal[DY_ID_LEN + 1], note[DY_ID_LEN + 1];
	const char *const marks[] = {"MARKER", "quoll", "numbat", "okapi", "tapir", "dugong", "kakapo", "discuss"};
	json_t *g = json_pack("{s:s, s:s, s:s}", "statement", "MARKER-GOAL-okapi", "why", "MARKER-WHY-tapir", "status",
	                      "active");
	json_t *in = json_pack("{s:s, s:s}", "statement", "MARKER-INTEREST-dugong", "with", "alone");

	add_boundary(f->a, "MARKER-BOUNDARY-quoll", "limit", "body", DY_VIS_SHARED, id);
	edit_statement(f->a, id, "MARKER-BOUNDARY-numbat");
	assert_int_equal(dy_boundary_answer(f->b, id, strlen(id), DY_BOUNDARY_DISCUSS, note, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_SHARED, 0, goal, &err), 0);
	assert_int_equal(dy_goal_note(f->b, goal, strlen(goal), "MARKER-SUPPORT-kakapo", 21, note, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_interest, NULL, in, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	fx_no_plaintext(f, marks, sizeof(marks) / sizeof(marks[0]));
	json_decref(g);
	json_decref(in);
}

/* The notes on a goal as the front ends list them (goal_note records
 * answering it): one whose stored copy no longer decrypts is left out and
 * counted in damaged. A note on my private goal is never counted for my
 * partner; one on a shared goal is, for both. */
static size_t
damaged_notes(struct dy_session *s, const char *goal, size_t *count)
{
	struct dy_query q = {.kinds = {&dy_kind_goal_note}, .nkinds = 1, .filter = DY_FILTER_ALL, .parent_id = goal};
	struct dy_error err = {0};
	struct dy_item_list l;
	size_t n;

	assert_int_equal(dy_item_list(s, &q, &l, &err), 0);
	n = l.damaged;
	*count = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
goal_notes_leave_out_a_damaged_note_and_count_it(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char shared[DY_ID_LEN + 1], priv[DY_ID_LEN + 1], n1[DY_ID_LEN + 1], n2[DY_ID_LEN + 1], n3[DY_ID_LEN + 1];
	json_t *g = json_pack("{s:s, s:s}", "statement", "learn the cello", "status", "active");
	size_t count;

	assert_non_null(g);
	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_SHARED, 0, shared, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_PRIVATE, 0, priv, &err), 0);
	json_decref(g);
	assert_int_equal(dy_goal_note(f->a, shared, strlen(shared), "first lesson done", 17, n1, &err), 0);
	assert_int_equal(dy_goal_note(f->b, shared, strlen(shared), "I can drive you", 15, n2, &err), 0);
	assert_int_equal(dy_goal_note(f->a, priv, strlen(priv), "only mine", 9, n3, &err), 0);
	assert_int_equal(damaged_notes(f->a, shared, &count), 0);
	assert_int_equal(count, 2);
	fx_damage(f, n2);
	fx_damage(f, n3);
	assert_int_equal(damaged_notes(f->a, shared, &count), 1);
	assert_int_equal(count, 1);
	assert_int_equal(damaged_notes(f->b, shared, &count), 1);
	assert_int_equal(count, 1);
	assert_int_equal(damaged_notes(f->a, priv, &count), 1);
	assert_int_equal(count, 0);
	/* Sam never learns of a note on Alex's private goal */
	assert_int_equal(damaged_notes(f->b, priv, &count), 0);
	assert_int_equal(count, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(partner_acknowledges_a_wording_and_a_new_wording_asks_again,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(history_is_complete_and_in_order_after_edits, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(history_leaves_out_a_damaged_wording_and_counts_it, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(list_leaves_out_a_damaged_record_and_counts_it, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(only_the_owner_changes_shares_or_deletes, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_input_is_refused_with_a_clear_message_and_changes_nothing,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(goal_notes_are_progress_or_support_and_support_can_be_dismissed,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(goal_notes_leave_out_a_damaged_note_and_count_it, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(database_holds_no_plaintext_of_what_partners_wrote, fx_setup_couple,
		                                fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
