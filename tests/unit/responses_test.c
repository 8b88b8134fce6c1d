/* responses_test.c - quiet responses to a partner's shared entry: only the
 * partner gives them, never on an entry they cannot see, they never change
 * the entry, and they go when the entry is unshared or deleted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

static size_t
count_responses(struct dy_session *s, const char *entry)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	size_t n;

	assert_int_equal(dy_journal_responses(s, entry, strlen(entry), &l, &err), 0);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
partner_responds_and_the_author_sees_it_under_the_entry(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	struct dy_entry e;
	char id[DY_ID_LEN + 1], r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "Ours", 4, "I want to tell you.", 19, true, id, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "read", NULL, 0, r1, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, 8, "note", "Thank you for this.", 19, r2, &err), 0);
	assert_int_equal(dy_journal_responses(f->a, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0].id, r1);
	assert_string_equal(l.items[0].author, "Sam");
	assert_false(l.items[0].mine);
	assert_string_equal(l.items[0].parent_id, id);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "say")), "read");
	assert_string_equal(json_string_value(json_object_get(l.items[1].fields, "note")), "Thank you for this.");
	dy_item_list_release(&l);
	/* the entry itself is as it was */
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_int_equal(e.version, 1);
	assert_string_equal(e.text, "I want to tell you.");
	dy_entry_release(&e);
	/* the author's recent list holds them; the responder's holds none */
	assert_int_equal(dy_journal_responses_since(f->a, 0, &l, &err), 0);
	assert_int_equal(l.count, 2);
	dy_item_list_release(&l);
	assert_int_equal(dy_journal_responses_since(f->b, 0, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	/* the author cannot take the partner's response away; the partner can */
	assert_int_equal(dy_journal_response_delete(f->a, r1, strlen(r1), &err), DY_EPERM);
	assert_int_equal(dy_journal_response_delete(f->b, r1, strlen(r1), &err), 0);
	assert_int_equal(count_responses(f->a, id), 1);
}

static void
no_response_to_a_private_entry_or_to_my_own(void **state)
{
	struct fixture *f = *state;
	struct dy_error e1 = {0}, e2 = {0};
	char priv[DY_ID_LEN + 1], mine[DY_ID_LEN + 1], bogus[DY_ID_LEN + 1], r[DY_ID_LEN + 1];
	struct dy_item_list l;

	assert_int_equal(dy_journal_add(f->a, "", 0, "only mine", 9, false, priv, &e1), 0);
	memcpy(bogus, priv, sizeof(bogus));
	bogus[DY_ID_LEN - 1] = bogus[DY_ID_LEN - 1] == '0' ? '1' : '0';
	/* the partner's private entry reads as a missing one */
	assert_int_equal(dy_journal_respond(f->b, priv, strlen(priv), "read", NULL, 0, r, &e1), DY_ENOTFOUND);
	assert_int_equal(dy_journal_respond(f->b, bogus, strlen(bogus), "read", NULL, 0, r, &e2), DY_ENOTFOUND);
	{
		char w1[64], w2[64];

		snprintf(w1, sizeof(w1), "No entry %s.", priv);
		snprintf(w2, sizeof(w2), "No entry %s.", bogus);
		assert_string_equal(e1.msg, w1);
		assert_string_equal(e2.msg, w2);
	}
	assert_int_equal(dy_journal_responses(f->b, priv, strlen(priv), &l, &e1), DY_ENOTFOUND);
	/* my own entry is not mine to answer */
	assert_int_equal(dy_journal_add(f->a, "", 0, "shared", 6, true, mine, &e1), 0);
	assert_int_equal(dy_journal_respond(f->a, mine, strlen(mine), "thanks", NULL, 0, r, &e1), DY_EPERM);
	/* what a response says is one of three; a note has words, the others none */
	assert_int_equal(dy_journal_respond(f->b, mine, strlen(mine), "love", NULL, 0, r, &e1), DY_EINVAL);
	assert_int_equal(dy_journal_respond(f->b, mine, strlen(mine), "note", NULL, 0, r, &e1), DY_EINVAL);
	assert_int_equal(dy_journal_respond(f->b, mine, strlen(mine), "read", "x", 1, r, &e1), DY_EINVAL);
	{
		char big[DY_RESPONSE_NOTE_MAX + 1];

		memset(big, 'n', sizeof(big));
		assert_int_equal(dy_journal_respond(f->b, mine, strlen(mine), "note", big, sizeof(big), r, &e1),
		                 DY_ETOOBIG);
	}
	assert_int_equal(count_responses(f->a, mine), 0);
}

static void
responses_go_when_the_entry_is_unshared_or_deleted(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], r[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "ours", 4, true, id, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "thanks", NULL, 0, r, &err), 0);
	assert_int_equal(count_responses(f->a, id), 1);
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), false, &err), 0);
	assert_int_equal(count_responses(f->a, id), 0);
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), true, &err), 0);
	assert_int_equal(count_responses(f->a, id), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "read", NULL, 0, r, &err), 0);
	assert_int_equal(dy_journal_delete(f->a, id, strlen(id), &err), 0);
	assert_int_equal(dy_journal_response_delete(f->b, r, strlen(r), &err), DY_ENOTFOUND);
}

static void
the_database_holds_no_plaintext_of_a_note(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], r[DY_ID_LEN + 1], wal[400];
	const char *note = "MARKER-NOTE-wombat";

	assert_int_equal(dy_journal_add(f->a, "", 0, "ours", 4, true, id, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "note", note, strlen(note), r, &err), 0);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_false(file_contains(f->path, note));
	assert_false(file_contains(wal, note));
}

/* A response whose stored copy no longer decrypts is left out of the
 * entry's responses and of the author's recent ones, and counted in
 * damaged, for both partners (a response to a shared entry is both
 * partners' to see); the others are listed. */
static void
a_damaged_response_is_left_out_and_counted(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "Ours", 4, "I want to tell you.", 19, true, id, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "read", NULL, 0, r1, &err), 0);
	assert_int_equal(dy_journal_respond(f->b, id, strlen(id), "note", "Thank you for this.", 19, r2, &err), 0);
	fx_damage(f, r2);
	for (int who = 0; who < 2; who++) {
		assert_int_equal(dy_journal_responses(who ? f->b : f->a, id, strlen(id), &l, &err), 0);
		assert_int_equal(l.count, 1);
		assert_string_equal(l.items[0].id, r1);
		assert_int_equal(l.damaged, 1);
		dy_item_list_release(&l);
	}
	assert_int_equal(dy_journal_responses_since(f->a, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 1);
	dy_item_list_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(partner_responds_and_the_author_sees_it_under_the_entry, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(no_response_to_a_private_entry_or_to_my_own, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(responses_go_when_the_entry_is_unshared_or_deleted, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(the_database_holds_no_plaintext_of_a_note, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_damaged_response_is_left_out_and_counted, fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
