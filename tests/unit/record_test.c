/*
 * record_test.c - the feature platform: a kind described in this file alone
 * (a descriptor: no SQL, no crypto) gets create, list with filters and
 * cursors, share, respond, versions and delete from the core; the partner is
 * refused the same way for every kind; transactions nest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"
#include "record.h"
#include "session.h"

/* ------------------------------------------------ kinds of this test only */

static const char *const feelings[] = {"calm", "tender", "tense", NULL};

static const struct dy_field note_fields[] = {
	{.name = "title", .type = DY_F_LINE, .required = true, .min = 1, .max = 40},
	{.name = "mood", .type = DY_F_INT, .min = 1, .max = 5},
	{.name = "feeling", .type = DY_F_CHOICE, .choices = feelings},
	{.name = "tags", .type = DY_F_TAGS, .min = 0, .max = 3, .tag_max = 12},
};

static const struct dy_kind note = {
	.name = "test_note", .noun = "note", .fields = note_fields, .nfields = 4,
	.body_max = 200, .history = true,
};

static const char *const answers_note[] = {"test_note", NULL};
static const char *const words[] = {"read", "thanks", NULL};
static const struct dy_field nod_fields[] = {
	{.name = "word", .type = DY_F_CHOICE, .required = true, .choices = words},
};

/* the partner's quiet answer to a note */
static const struct dy_kind nod = {
	.name = "test_nod", .noun = "nod", .fields = nod_fields, .nfields = 1,
	.responds_to = answers_note, .responder = DY_RESPOND_PARTNER,
};

/* the owner's own progress on a note */
static const struct dy_kind progress = {
	.name = "test_progress", .noun = "progress note", .body_max = 100, .body_required = true,
	.responds_to = answers_note, .responder = DY_RESPOND_OWNER,
};

static const struct dy_kind other = {
	.name = "test_other", .noun = "other", .body_max = 100, .body_required = true,
};

static json_t *
fields(const char *title, int mood)
{
	json_t *o = json_pack("{s:s}", "title", title);

	if (mood > 0)
		json_object_set_new(o, "mood", json_integer(mood));
	return o;
}

/* Create a note of p's; returns its id in id. */
static void
add_note(struct dy_session *p, const char *title, int mood, const char *body, enum dy_vis vis,
         char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	json_t *o = fields(title, mood);

	assert_int_equal(dy_item_create(p, &note, NULL, o, body, body ? strlen(body) : 0, vis, 0, id, &err), 0);
	json_decref(o);
}

static size_t
count(struct dy_session *p, const struct dy_kind *k, enum dy_filter filter)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n;

	assert_int_equal(dy_item_list(p, &q, &l, &err), 0);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

/* Alex unlocks again (a reveal at a time happens at the author's unlock). */
static void
relock_alex(struct fixture *f)
{
	struct dy_error err = {0};

	dy_session_free(f->a);
	f->a = NULL;
	if (dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &f->a, &err) != 0)
		fail_msg("unlock: %s", err.msg);
}

/* ------------------------------------------------------------------ tests */

static void
a_kind_from_a_descriptor_alone_supports_every_operation(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], nid[DY_ID_LEN + 1];
	json_t *o;

	add_note(f->a, "first", 3, "a quiet morning", DY_VIS_PRIVATE, id);
	assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), 0);
	assert_string_equal(json_string_value(json_object_get(it.fields, "title")), "first");
	assert_int_equal(json_integer_value(json_object_get(it.fields, "mood")), 3);
	assert_string_equal(it.body, "a quiet morning");
	assert_true(it.mine);
	assert_int_equal(it.vis, DY_VIS_PRIVATE);
	assert_int_equal(it.version, 1);
	dy_item_release(&it);

	/* list with a filter: private, so only mine */
	assert_int_equal(count(f->a, &note, DY_FILTER_MINE), 1);
	assert_int_equal(count(f->b, &note, DY_FILTER_ALL), 0);

	/* share: the partner sees it and may respond */
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(count(f->b, &note, DY_FILTER_THEIRS), 1);
	o = json_pack("{s:s}", "word", "thanks");
	assert_int_equal(dy_item_respond(f->b, &nod, id, strlen(id), o, NULL, 0, nid, &err), 0);
	json_decref(o);
	{
		struct dy_query q = {.kinds = {&nod}, .nkinds = 1, .parent_id = id};
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(l.count, 1);
		assert_string_equal(l.items[0].author, "Sam");
		assert_string_equal(l.items[0].parent_id, id);
		assert_false(l.items[0].mine);
		dy_item_list_release(&l);
	}

	/* edit twice: the kind keeps history, readable by both while shared */
	o = json_pack("{s:s}", "title", "second");
	assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), o, NULL, 0, &err), 0);
	json_decref(o);
	o = json_pack("{s:s, s:n}", "title", "third", "mood");
	assert_int_equal(dy_item_edit(f->a, &note, id, 8, o, "a louder evening", 16, &err), 0);
	json_decref(o);
	assert_int_equal(dy_item_versions(f->b, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "title")), "first");
	assert_int_equal(l.items[0].version, 1);
	assert_string_equal(json_string_value(json_object_get(l.items[1].fields, "title")), "second");
	assert_string_equal(l.items[1].body, "a quiet morning");
	dy_item_list_release(&l);
	assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), 0);
	assert_int_equal(it.version, 3);
	assert_null(json_object_get(it.fields, "mood"));  /* null removed it */
	assert_string_equal(it.body, "a louder evening");
	dy_item_release(&it);

	/* unshare: versions move back under my key and stay readable by me */
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(dy_item_versions(f->a, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.damaged, 0);
	dy_item_list_release(&l);

	/* delete: gone for good */
	assert_int_equal(dy_item_delete(f->a, &note, id, strlen(id), &err), 0);
	assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), DY_ENOTFOUND);
	assert_int_equal(count(f->a, &note, DY_FILTER_ALL), 0);
}

/* The refusals for the partner, for the journal and for a test kind alike. */
static void
partner_is_refused_the_same_way_for_every_kind(void **state)
{
	struct fixture *f = *state;
	const struct dy_kind *kinds[] = {&dy_kind_journal, &note};
	char want[160];

	for (size_t i = 0; i < 2; i++) {
		const struct dy_kind *k = kinds[i];
		struct dy_error err = {0};
		char id[DY_ID_LEN + 1], nid[DY_ID_LEN + 1];
		json_t *o = k == &note ? fields("mine", 0) : json_pack("{s:s}", "title", "mine");
		struct dy_item it;

		assert_int_equal(dy_item_create(f->a, k, NULL, o, "text", 4, DY_VIS_SHARED, 0, id, &err), 0);
		assert_int_equal(dy_item_edit(f->b, k, id, strlen(id), o, NULL, 0, &err), DY_EPERM);
		snprintf(want, sizeof(want), "This %s is Alex's; only they can change it.", k->noun);
		assert_string_equal(err.msg, want);
		assert_int_equal(dy_item_delete(f->b, k, id, strlen(id), &err), DY_EPERM);
		snprintf(want, sizeof(want), "This %s is Alex's; only they can delete it.", k->noun);
		assert_string_equal(err.msg, want);
		assert_int_equal(dy_item_set_vis(f->b, k, id, strlen(id), DY_VIS_PRIVATE, 0, &err), DY_EPERM);
		snprintf(want, sizeof(want), "This %s is Alex's; only they can unshare it.", k->noun);
		assert_string_equal(err.msg, want);
		assert_int_equal(dy_item_set_vis(f->b, k, id, strlen(id), DY_VIS_SHARED, 0, &err), DY_EPERM);
		snprintf(want, sizeof(want), "This %s is Alex's; only they can share it.", k->noun);
		assert_string_equal(err.msg, want);
		/* nothing changed */
		assert_int_equal(dy_item_get(f->a, k, id, strlen(id), &it, &err), 0);
		assert_int_equal(it.version, 1);
		assert_int_equal(it.vis, DY_VIS_SHARED);
		dy_item_release(&it);
		json_decref(o);
		if (k == &note) {
			/* respond as the owner on my record: a progress note is mine to add */
			assert_int_equal(dy_item_respond(f->b, &progress, id, strlen(id), NULL, "did it", 6, nid, &err),
			                 DY_EPERM);
			assert_string_equal(err.msg, "This is Alex's; only they can add a progress note to it.");
			assert_int_equal(dy_item_respond(f->a, &progress, id, strlen(id), NULL, "did it", 6, nid, &err), 0);
			/* and a nod is for the partner to give */
			o = json_pack("{s:s}", "word", "read");
			assert_int_equal(dy_item_respond(f->a, &nod, id, strlen(id), o, NULL, 0, nid, &err), DY_EPERM);
			json_decref(o);
		}
	}
}

static void
private_records_are_invisible_to_the_partner_in_every_operation(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0}, err2 = {0};
	struct dy_item it;
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], nid[DY_ID_LEN + 1], missing[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s}", "word", "read");

	add_note(f->a, "private", 0, NULL, DY_VIS_PRIVATE, id);
	memcpy(missing, id, sizeof(missing));
	missing[0] = missing[0] == 'a' ? 'b' : 'a';
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_get(f->b, &note, missing, strlen(missing), &it, &err2), DY_ENOTFOUND);
	assert_int_equal(dy_item_respond(f->b, &nod, id, strlen(id), o, NULL, 0, nid, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_versions(f->b, &note, id, strlen(id), &l, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_edit(f->b, &note, id, strlen(id), NULL, NULL, 0, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_delete(f->b, &note, id, strlen(id), &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_set_vis(f->b, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), DY_ENOTFOUND);
	json_decref(o);
	/* and the database holds none of it in the clear */
	assert_int_equal(file_contains(f->path, "private"), 0);
}

static void
bad_fields_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	static const struct {
		const char *json;
		int code;
		const char *msg;
	} cases[] = {
		{"{}", DY_EINVAL, "The title is missing."},
		{"{\"title\":\"\"}", DY_EINVAL, "The title is empty."},
		{"{\"title\":\"a\\nb\"}", DY_EINVAL, "A title is one line of text."},
		{"{\"title\":\"this title is far longer than forty bytes!\"}", DY_ETOOBIG,
		 "The title is longer than 40 bytes."},
		{"{\"title\":7}", DY_EINVAL, "The title must be text."},
		{"{\"title\":\"x\",\"mood\":6}", DY_EINVAL, "The mood must be a whole number from 1 to 5."},
		{"{\"title\":\"x\",\"mood\":\"3\"}", DY_EINVAL, "The mood must be a whole number from 1 to 5."},
		{"{\"title\":\"x\",\"feeling\":\"angry\"}", DY_EINVAL, "The feeling must be one of: calm, tender, tense."},
		{"{\"title\":\"x\",\"tags\":[\"a\",\"a\"]}", DY_EINVAL, "The tags list has \"a\" twice."},
		{"{\"title\":\"x\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}", DY_EINVAL,
		 "The tags must be a list of 0 to 3 items."},
		{"{\"title\":\"x\",\"colour\":\"red\"}", DY_EINVAL, "A note has no field \"colour\"."},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		assert_int_equal(dy_item_create(f->a, &note, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), cases[i].code);
		assert_string_equal(err.msg, cases[i].msg);
		json_decref(o);
	}
	{
		char big[300];
		json_t *o = fields("x", 0);
		memset(big, 'b', sizeof(big));
		assert_int_equal(dy_item_create(f->a, &note, NULL, o, big, sizeof(big), DY_VIS_PRIVATE, 0, id, &err),
		                 DY_ETOOBIG);
		assert_string_equal(err.msg, "The note is longer than 200 bytes.");
		assert_int_equal(dy_item_create(f->a, &note, NULL, o, "\xff", 1, DY_VIS_PRIVATE, 0, id, &err), DY_EINVAL);
		assert_string_equal(err.msg, "The note is not valid UTF-8 text.");
		json_decref(o);
	}
	assert_int_equal(count(f->a, &note, DY_FILTER_ALL), 0);
	/* a bad edit leaves the record as it was */
	add_note(f->a, "kept", 2, NULL, DY_VIS_PRIVATE, id);
	{
		json_t *o = json_pack("{s:i}", "mood", 9);
		struct dy_item it;
		assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), o, NULL, 0, &err), DY_EINVAL);
		json_decref(o);
		assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), 0);
		assert_int_equal(json_integer_value(json_object_get(it.fields, "mood")), 2);
		assert_int_equal(it.version, 1);
		dy_item_release(&it);
	}
}

static void
a_transaction_writes_several_records_or_none(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id1[DY_ID_LEN + 1], id2[DY_ID_LEN + 1];
	struct dy_item it;

	/* both or nothing */
	assert_int_equal(dy_tx_begin(f->db, &err), 0);
	add_note(f->a, "one", 0, NULL, DY_VIS_PRIVATE, id1);
	add_note(f->a, "two", 0, NULL, DY_VIS_SHARED, id2);
	dy_tx_rollback(f->db);
	assert_int_equal(count(f->a, &note, DY_FILTER_ALL), 0);

	/* a nested unit undone alone; the outer one commits */
	assert_int_equal(dy_tx_begin(f->db, &err), 0);
	add_note(f->a, "kept", 0, NULL, DY_VIS_PRIVATE, id1);
	assert_int_equal(dy_tx_begin(f->db, &err), 0);
	add_note(f->a, "undone", 0, NULL, DY_VIS_PRIVATE, id2);
	dy_tx_rollback(f->db);
	/* an operation that fails inside leaves the outer work alone */
	assert_int_equal(dy_item_delete(f->a, &note, "ffff", 4, &err), DY_ENOTFOUND);
	assert_int_equal(dy_tx_commit(f->db, &err), 0);
	assert_int_equal(dy_item_get(f->a, &note, id1, strlen(id1), &it, &err), 0);
	dy_item_release(&it);
	assert_int_equal(dy_item_get(f->a, &note, id2, strlen(id2), &it, &err), DY_ENOTFOUND);
	assert_int_equal(count(f->a, &note, DY_FILTER_ALL), 1);
	/* nothing is left open */
	assert_int_equal(dy_tx_commit(f->db, &err), DY_EIO);
}

static void
unsharing_or_deleting_takes_the_partners_responses_along(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], nid[DY_ID_LEN + 1], pid[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s}", "word", "read");

	add_note(f->a, "ours", 0, NULL, DY_VIS_SHARED, id);
	assert_int_equal(dy_item_respond(f->b, &nod, id, strlen(id), o, NULL, 0, nid, &err), 0);
	assert_int_equal(dy_item_respond(f->a, &progress, id, strlen(id), NULL, "step one", 8, pid, &err), 0);
	assert_int_equal(count(f->b, &nod, DY_FILTER_ALL), 1);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_PRIVATE, 0, &err), 0);
	/* the partner's nod went; my own progress note stays, private with it */
	assert_int_equal(count(f->b, &nod, DY_FILTER_ALL), 0);
	assert_int_equal(count(f->a, &progress, DY_FILTER_MINE), 1);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 0);
	assert_int_equal(count(f->a, &progress, DY_FILTER_SHARED), 0);
	/* shared again: my progress note is seen with it; answered again, then
	 * deleted: every response goes */
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(count(f->b, &progress, DY_FILTER_THEIRS), 1);
	assert_int_equal(dy_item_respond(f->b, &nod, id, strlen(id), o, NULL, 0, nid, &err), 0);
	assert_int_equal(dy_item_delete(f->a, &note, id, strlen(id), &err), 0);
	assert_int_equal(count(f->b, &nod, DY_FILTER_ALL), 0);
	assert_int_equal(count(f->a, &progress, DY_FILTER_ALL), 0);
	json_decref(o);
}

static bool
mood_at_least_3(void *ctx, const struct dy_item *it)
{
	(void)ctx;
	return json_integer_value(json_object_get(it->fields, "mood")) >= 3;
}

static void
queries_page_by_cursor_through_ranges_matches_and_kinds(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], next[DY_CURSOR_MAX + 1] = "";
	char title[16];
	size_t seen = 0;

	/* one note a day for 30 days, moods 1..5 in turn; an "other" on odd days */
	for (int d = 0; d < 30; d++) {
		fx_fake_clock(f, 1700000000 + d * 86400);
		snprintf(title, sizeof(title), "day %d", d);
		add_note(f->a, title, d % 5 + 1, NULL, DY_VIS_PRIVATE, id);
		if (d % 2 == 1)
			assert_int_equal(dy_item_create(f->a, &other, NULL, NULL, "odd", 3, DY_VIS_PRIVATE, 0, id, &err), 0);
	}
	/* a time range: days 10..19, newest first */
	{
		struct dy_query q = {.kinds = {&note}, .nkinds = 1, .since = 1700000000 + 10 * 86400,
		                     .until = 1700000000 + 20 * 86400};
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(l.count, 10);
		assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "title")), "day 19");
		assert_string_equal(json_string_value(json_object_get(l.items[9].fields, "title")), "day 10");
		dy_item_list_release(&l);
	}
	/* a match, paged by 4: moods 3, 4, 5 are 18 of the 30 days */
	do {
		struct dy_query q = {.kinds = {&note}, .nkinds = 1, .limit = 4, .cursor = next,
		                     .match = mood_at_least_3};
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		for (size_t i = 0; i < l.count; i++)
			assert_true(json_integer_value(json_object_get(l.items[i].fields, "mood")) >= 3);
		seen += l.count;
		memcpy(next, l.next, sizeof(next));
		dy_item_list_release(&l);
	} while (next[0] != '\0');
	assert_int_equal(seen, 18);
	/* the same with a field predicate, and two predicates together */
	{
		json_t *three = json_integer(3), *four = json_integer(4), *day = json_string("day 20");
		struct dy_query q = {.kinds = {&note}, .nkinds = 1, .npreds = 1,
		                     .preds = {{.field = "mood", .op = DY_P_GE, .value = three}}};
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(l.count, 18);
		dy_item_list_release(&l);
		q.preds[1] = (struct dy_pred){.field = "mood", .op = DY_P_LE, .value = four};
		q.preds[2] = (struct dy_pred){.field = "title", .op = DY_P_GE, .value = day};
		q.npreds = 3;
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		/* moods 3 and 4 (days 2,3,7,8,12,13,17,18,22,23,27,28), titles from "day 20" on
		 * bytewise ("day 22" ... "day 28", "day 3", "day 7", "day 8") */
		assert_int_equal(l.count, 7);
		dy_item_list_release(&l);
		q.preds[0] = (struct dy_pred){.field = "nothing", .op = DY_P_EQ, .value = three};
		q.npreds = 1;
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(l.count, 0);
		dy_item_list_release(&l);
		json_decref(three);
		json_decref(four);
		json_decref(day);
	}
	/* two kinds merged in time order, paged by 7 */
	seen = 0;
	{
		int64_t prev = INT64_MAX;
		do {
			struct dy_query q = {.kinds = {&note, &other}, .nkinds = 2, .limit = 7, .cursor = next};
			assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
			for (size_t i = 0; i < l.count; i++) {
				assert_true(l.items[i].created_at <= prev);
				prev = l.items[i].created_at;
			}
			seen += l.count;
			memcpy(next, l.next, sizeof(next));
			dy_item_list_release(&l);
		} while (next[0] != '\0');
	}
	assert_int_equal(seen, 45);
}

static void
held_records_show_to_the_partner_only_from_their_time(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1];
	json_t *o = fields("for later", 0);

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_item_create(f->a, &note, NULL, o, NULL, 0, DY_VIS_HELD, 1800000600, id, &err), 0);
	json_decref(o);
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), DY_ENOTFOUND);
	assert_int_equal(count(f->b, &note, DY_FILTER_ALL), 0);
	assert_int_equal(count(f->a, &note, DY_FILTER_MINE), 1);
	fx_fake_clock(f, 1800000600);
	/* sealed under Alex's key until Alex's first unlock after the time */
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), DY_ENOTFOUND);
	relock_alex(f);
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), 0);
	assert_int_equal(it.vis, DY_VIS_SHARED);
	dy_item_release(&it);
	assert_int_equal(count(f->b, &note, DY_FILTER_SHARED), 1);
}

static void
kinds_are_found_by_name(void **state)
{
	(void)state;
	assert_ptr_equal(dy_kind_find("journal"), &dy_kind_journal);
	assert_null(dy_kind_find("test_note"));  /* a test's kinds are its own */
	assert_null(dy_kind_find(""));
	assert_null(dy_kind_find(NULL));
}

static void
item_json_is_the_one_presentation(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1];
	json_t *j;

	fx_fake_clock(f, 1764390174);
	add_note(f->a, "shown", 4, "body text", DY_VIS_SHARED, id);
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), 0);
	j = dy_item_json(&it);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "id")), id);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "test_note");
	assert_string_equal(json_string_value(json_object_get(j, "author")), "Alex");
	assert_true(json_is_false(json_object_get(j, "mine")));
	assert_true(json_is_true(json_object_get(j, "shared")));
	assert_string_equal(json_string_value(json_object_get(j, "visibility")), "shared");
	assert_string_equal(json_string_value(json_object_get(j, "created_at")), "2025-11-29T04:22:54Z");
	assert_string_equal(json_string_value(json_object_get(j, "title")), "shown");
	assert_int_equal(json_integer_value(json_object_get(j, "mood")), 4);
	assert_string_equal(json_string_value(json_object_get(j, "text")), "body text");
	json_decref(j);
	dy_item_release(&it);
}


/* ------------------------------------------------ found in review, kept */

static void
answers_to_a_held_record_wait_for_its_time_too(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], pid[DY_ID_LEN + 1], id2[DY_ID_LEN + 1], pid2[DY_ID_LEN + 1];
	json_t *o = fields("agenda", 0);

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_item_create(f->a, &note, NULL, o, NULL, 0, DY_VIS_HELD, 1800000600, id, &err), 0);
	assert_int_equal(dy_item_respond(f->a, &progress, id, strlen(id), NULL, "my prep", 7, pid, &err), 0);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 0);
	/* a private record with an answer, then held: the answer is held too */
	add_note(f->a, "later", 0, NULL, DY_VIS_PRIVATE, id2);
	assert_int_equal(dy_item_respond(f->a, &progress, id2, strlen(id2), NULL, "more prep", 9, pid2, &err), 0);
	assert_int_equal(dy_item_set_vis(f->a, &note, id2, strlen(id2), DY_VIS_HELD, 1800000900, &err), 0);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 0);
	fx_fake_clock(f, 1800000600);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 0);  /* until Alex's next unlock */
	relock_alex(f);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 1);
	fx_fake_clock(f, 1800000900);
	relock_alex(f);
	assert_int_equal(count(f->b, &progress, DY_FILTER_ALL), 2);
	json_decref(o);
}

static void
a_cursor_naming_a_private_record_tells_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l1, l2;
	char priv[DY_ID_LEN + 1], mine[DY_ID_LEN + 1], cursor[DY_CURSOR_MAX + 1];

	fx_fake_clock(f, 1700000000);
	add_note(f->a, "private", 0, NULL, DY_VIS_PRIVATE, priv);
	add_note(f->b, "sam's", 0, NULL, DY_VIS_PRIVATE, mine);
	snprintf(cursor, sizeof(cursor), "1700000000.%s", priv);
	{
		struct dy_query q = {.kinds = {&note}, .nkinds = 1, .filter = DY_FILTER_ALL, .cursor = cursor};
		assert_int_equal(dy_item_list(f->b, &q, &l1, &err), 0);
		assert_int_equal(dy_item_delete(f->a, &note, priv, strlen(priv), &err), 0);
		assert_int_equal(dy_item_list(f->b, &q, &l2, &err), 0);
	}
	/* the same answer whether Alex's private note is there or not */
	assert_int_equal(l1.count, l2.count);
	assert_int_equal(l1.count, 1);
	dy_item_list_release(&l1);
	dy_item_list_release(&l2);
}

static void
drafts_kept_while_private_stay_mine_when_shared(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s}", "title", "second");

	add_note(f->a, "first private draft", 0, NULL, DY_VIS_PRIVATE, id);
	assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), o, NULL, 0, &err), 0);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	json_decref(o);
	o = json_pack("{s:s}", "title", "third");
	assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), o, NULL, 0, &err), 0);
	json_decref(o);
	/* Sam sees only what was shared ("second"); Alex sees both */
	assert_int_equal(dy_item_versions(f->b, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 0);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "title")), "second");
	dy_item_list_release(&l);
	assert_int_equal(dy_item_versions(f->a, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.damaged, 0);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "title")), "first private draft");
	dy_item_list_release(&l);
	/* and through unshare and share again, both still open for Alex */
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(dy_item_versions(f->a, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.damaged, 0);
	dy_item_list_release(&l);
	assert_int_equal(file_contains(f->path, "first private draft"), 0);
}

static void
a_damaged_answer_does_not_keep_me_from_unsharing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], pid[DY_ID_LEN + 1], sql[160];

	add_note(f->a, "ours", 0, NULL, DY_VIS_SHARED, id);
	assert_int_equal(dy_item_respond(f->a, &progress, id, strlen(id), NULL, "step", 4, pid, &err), 0);
	snprintf(sql, sizeof(sql), "UPDATE record SET body = randomblob(80) WHERE id = '%s'", pid);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(count(f->b, &note, DY_FILTER_ALL), 0);
	assert_int_equal(count(f->a, &progress, DY_FILTER_ALL), 0);  /* gone: nobody could read it */
}

static bool
write_inside(void *ctx, const struct dy_item *it)
{
	struct fixture *f = ctx;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *o = fields("inside", 0);
	int rc = dy_item_create(f->a, &note, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err);

	(void)it;
	json_decref(o);
	assert_int_equal(rc, DY_EBUSY);
	return true;
}

static bool
list_inside(void *ctx, const struct dy_item *it)
{
	struct fixture *f = ctx;

	(void)it;
	/* a list from a match function: the outer walk is not disturbed */
	return count(f->a, &note, DY_FILTER_ALL) == 3;
}

static void
a_list_inside_a_list_works(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1];
	struct dy_query q = {.kinds = {&note}, .nkinds = 1, .limit = 2, .match = list_inside, .match_ctx = f};

	for (int i = 0; i < 3; i++)
		add_note(f->a, "n", 0, NULL, DY_VIS_PRIVATE, id);
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_not_equal(l.next, "");
	assert_string_not_equal(l.items[0].id, l.items[1].id);
	dy_item_list_release(&l);
	q.limit = 0;
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 3);  /* each once: the outer walk went on where it was */
	assert_string_not_equal(l.items[0].id, l.items[1].id);
	assert_string_not_equal(l.items[1].id, l.items[2].id);
	assert_string_not_equal(l.items[0].id, l.items[2].id);
	dy_item_list_release(&l);
}

static void
misuse_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], pid[DY_ID_LEN + 1];
	static const struct dy_field clash_fields[] = {{.name = "text", .type = DY_F_LINE, .max = 10}};
	static const struct dy_kind clash = {.name = "test_clash", .noun = "clash", .fields = clash_fields,
	                                     .nfields = 1};
	struct dy_query twice = {.kinds = {&note, &note}, .nkinds = 2};
	struct dy_query inside = {.kinds = {&note}, .nkinds = 1, .match = write_inside, .match_ctx = f};

	add_note(f->a, "one", 0, NULL, DY_VIS_SHARED, id);
	/* a kind listed twice */
	assert_int_equal(dy_item_list(f->a, &twice, &l, &err), DY_EINVAL);
	/* an answer shared on its own, apart from its record */
	assert_int_equal(dy_item_respond(f->a, &progress, id, strlen(id), NULL, "x", 1, pid, &err), 0);
	assert_int_equal(dy_item_set_vis(f->a, &progress, pid, strlen(pid), DY_VIS_PRIVATE, 0, &err), DY_EINVAL);
	/* a field named like a member every record has */
	assert_int_equal(dy_item_create(f->a, &clash, NULL, NULL, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), DY_EINVAL);
	/* a write inside a list's read snapshot is refused, and nothing stays open */
	assert_int_equal(dy_item_list(f->a, &inside, &l, &err), 0);
	assert_int_equal(l.count, 1);
	dy_item_list_release(&l);
	assert_int_equal(count(f->a, &note, DY_FILTER_ALL), 1);
	assert_int_equal(dy_tx_commit(f->db, &err), DY_EIO);
}

/* rec_payload_plain reads {"name":"value"} and {} without a parser, and
 * declines whatever a JSON parser would decode differently or refuse. */
static bool
plain(const char *json, size_t json_len, const char *body, const char **val, size_t *val_len,
      const char **b, size_t *b_len, uint8_t *buf)
{
	struct rec r;

	memset(&r, 0, sizeof(r));
	memcpy(buf, json, json_len);
	r.payload_len = json_len;
	if (body != NULL) {
		buf[json_len] = '\0';
		memcpy(buf + json_len + 1, body, strlen(body));
		r.payload_len += 1 + strlen(body);
	}
	buf[r.payload_len] = '\0';
	r.payload = buf;
	return rec_payload_plain(&r, "title", val, val_len, b, b_len);
}

static void
plain_payloads_are_read_without_a_parse_and_others_declined(void **state)
{
	static const char *const declined[] = {
		"{\"title\":\"say \\\"hi\\\"\"}",   /* an escaped quote */
		"{\"title\":\"a\\\\b\"}",             /* an escaped backslash */
		"{\"title\":\"\\u00e9\"}",             /* a \\u escape */
		"{\"title\":\"a\",\"x\":\"b\"}",     /* a second member */
		"{\"titles\":\"a\"}",                  /* another name */
		"{\"title\":1}",                        /* not a string */
		"{\"title\":\"\xc3\"}",                /* bad UTF-8 */
		"{\"title\":\"a\tb\"}",                /* a raw control character */
		"{ }", "[]", "", "{\"title\":\"",
	};
	uint8_t buf[128];
	const char *val, *b;
	size_t val_len, b_len, i;

	(void)state;
	assert_true(plain("{\"title\":\"Sunday \xc3\xa9\"}", 21, "the text", &val, &val_len, &b, &b_len, buf));
	assert_int_equal(val_len, 9);
	assert_memory_equal(val, "Sunday \xc3\xa9", 9);
	assert_int_equal(b_len, 8);
	assert_string_equal(b, "the text");
	assert_true(plain("{\"title\":\"\"}", 12, "x", &val, &val_len, &b, &b_len, buf));
	assert_int_equal(val_len, 0);
	assert_non_null(val);
	assert_true(plain("{}", 2, "x", &val, &val_len, &b, &b_len, buf));
	assert_null(val);
	assert_string_equal(b, "x");
	assert_true(plain("{}", 2, NULL, &val, &val_len, &b, &b_len, buf));
	assert_null(b);
	assert_int_equal(b_len, 0);
	for (i = 0; i < sizeof(declined) / sizeof(declined[0]); i++)
		assert_false(plain(declined[i], strlen(declined[i]), "x", &val, &val_len, &b, &b_len, buf));
}

/* A decrypted payload as rec_unseal leaves it (a copy, NUL after it), decoded
 * into an item for a session of no one in particular. */
static int
decode_payload(const char *payload, size_t len, struct dy_item *it)
{
	static struct dy_session s;
	struct dy_error err = {0};
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	memcpy(r.id, "abcdef01-2345-4678-89ab-cdef01234567", DY_ID_LEN + 1);
	r.payload = malloc(len + 1);
	assert_non_null(r.payload);
	memcpy(r.payload, payload, len);
	r.payload[len] = '\0';
	r.payload_len = len;
	rc = rec_to_item(&s, &r, it, &err);
	rec_release(&r);
	return rc;
}

/* Found by tests/fuzz/record.c: a partner can seal any bytes under the
 * space key, and a text no writer can present failed the whole page. */
static void
a_payload_whose_text_is_not_utf8_is_damaged(void **state)
{
	static const char good[] = "{\"title\":\"t\"}\0caf\xc3\xa9, then a long plain tail";
	static const char bad[] = "{\"title\":\"t\"}\0a long plain run \xff then more";
	static const char nul[] = "{}\0before a NUL\0and after";
	struct dy_item it;

	(void)state;
	assert_int_equal(decode_payload(good, sizeof(good) - 1, &it), 0);
	assert_int_equal(it.body_len, strlen("caf\xc3\xa9, then a long plain tail"));
	dy_item_release(&it);
	assert_int_equal(decode_payload(bad, sizeof(bad) - 1, &it), DY_ECORRUPT);
	assert_int_equal(decode_payload(nul, sizeof(nul) - 1, &it), DY_ECORRUPT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_kind_from_a_descriptor_alone_supports_every_operation,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(partner_is_refused_the_same_way_for_every_kind, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(private_records_are_invisible_to_the_partner_in_every_operation,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_fields_are_refused_and_change_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_transaction_writes_several_records_or_none, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(unsharing_or_deleting_takes_the_partners_responses_along,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(queries_page_by_cursor_through_ranges_matches_and_kinds,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(held_records_show_to_the_partner_only_from_their_time,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(item_json_is_the_one_presentation, fx_setup_couple, fx_teardown),
		cmocka_unit_test(kinds_are_found_by_name),
		cmocka_unit_test_setup_teardown(answers_to_a_held_record_wait_for_its_time_too, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_cursor_naming_a_private_record_tells_nothing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(drafts_kept_while_private_stay_mine_when_shared, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_damaged_answer_does_not_keep_me_from_unsharing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(misuse_is_refused, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_list_inside_a_list_works, fx_setup_couple, fx_teardown),
		cmocka_unit_test(plain_payloads_are_read_without_a_parse_and_others_declined),
		cmocka_unit_test(a_payload_whose_text_is_not_utf8_is_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
