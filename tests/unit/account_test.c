/* account_test.c - spaces, invitations, passphrases, recovery, leaving, export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "helpers.h"

static void
second_space_in_one_database_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char rec[DY_RECOVERY_LEN + 1];

	fx_make_alex(f);
	assert_int_equal(dy_space_create(f->db, NULL, 0, "Kim", 3, PASS_B, strlen(PASS_B), rec, &s, &err), DY_EEXIST);
	assert_null(s);
}

static void
short_passphrase_and_bad_name_are_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char rec[DY_RECOVERY_LEN + 1];
	bool exists = true;

	assert_int_equal(dy_space_create(f->db, NULL, 0, "Alex", 4, "short", 5, rec, &s, &err), DY_EINVAL);
	assert_int_equal(dy_space_create(f->db, NULL, 0, "A\nx", 3, PASS_A, strlen(PASS_A), rec, &s, &err), DY_EINVAL);
	assert_int_equal(dy_space_create(f->db, NULL, 0, "\xff", 1, PASS_A, strlen(PASS_A), rec, &s, &err), DY_EINVAL);
	assert_int_equal(dy_space_exists(f->db, &exists, &err), 0);
	assert_false(exists);
}

static void
partners_see_each_other_after_join(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_space_info si;

	assert_int_equal(dy_whoami(f->b, &si, &err), 0);
	assert_int_equal(si.members, 2);
	assert_string_equal(si.label, "Us");
	assert_string_equal(si.people[0].name, "Alex");
	assert_false(si.people[0].me);
	assert_true(si.people[1].me);
	assert_int_not_equal(si.people[0].color, si.people[1].color);
}

static void
invitation_works_once(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Kim", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXPIRED);
	assert_non_null(strstr(err.msg, "already been used"));
	assert_null(s);
	/* a used invitation no longer holds the space key */
	assert_int_equal(fx_raw_int(f->path, "SELECT length(wrapped_space_key) FROM invite"), 0);
}

static void
third_partner_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code1[DY_INVITE_LEN + 1], code2[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	struct dy_space_info si;
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code1, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code1, strlen(code1), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
	/* the used invitation does not admit a third */
	assert_int_equal(dy_space_join(f->db, code1, strlen(code1), "Kim", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXPIRED);
	assert_null(s);
	(void)code2;
	/* and no new ones */
	assert_int_equal(dy_invite_create(f->a, code1, &exp, &err), DY_EFULL);
	assert_int_equal(dy_space_people(f->db, &si, &err), 0);
	assert_int_equal(si.members, 2);
}

static void
invitation_expires_after_seven_days(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_fake_clock(f, 1800000000);
	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(exp, 1800000000 + 7 * 24 * 3600);
	f->fake_now = exp;
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXPIRED);
	assert_non_null(strstr(err.msg, "expired"));
	f->fake_now = exp - 1;
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
}

static void
unknown_invitation_code_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char rec[DY_RECOVERY_LEN + 1];
	const char *bogus = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH";

	fx_make_alex(f);
	assert_int_equal(dy_space_join(f->db, bogus, strlen(bogus), "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EAUTH);
	assert_int_equal(dy_space_join(f->db, "nonsense", 8, "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err), DY_EAUTH);
}

static void
checking_an_invitation_tells_its_state_and_uses_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	enum dy_invite_state st = DY_INVITE_OK;
	char code[DY_INVITE_LEN + 1], old[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	const char *bogus = "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG-HHHHH";
	int64_t exp;

	fx_fake_clock(f, 1800000000);
	fx_make_alex(f);
	assert_int_equal(dy_invite_check(f->db, bogus, strlen(bogus), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_UNKNOWN);
	st = DY_INVITE_OK;
	assert_int_equal(dy_invite_check(f->db, "nonsense", 8, &st, &err), 0);
	assert_int_equal(st, DY_INVITE_UNKNOWN);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_invite_check(f->db, code, strlen(code), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_OK);
	/* checking twice still leaves it usable */
	assert_int_equal(dy_invite_check(f->db, code, strlen(code), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_OK);
	f->fake_now = exp;
	assert_int_equal(dy_invite_check(f->db, code, strlen(code), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_EXPIRED);
	f->fake_now = exp - 10;
	memcpy(old, code, sizeof(code));
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	/* a replaced invitation is gone: unknown, not "used" */
	assert_int_equal(dy_invite_check(f->db, old, strlen(old), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_UNKNOWN);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
	assert_int_equal(dy_invite_check(f->db, code, strlen(code), &st, &err), 0);
	assert_int_equal(st, DY_INVITE_USED);
}

static void
partner_name_must_differ(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Alex", 4, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXIST);
	/* the failed attempt did not use the invitation up */
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
}

static void
wrong_passphrase_and_unknown_name_read_the_same(void **state)
{
	struct fixture *f = *state;
	struct dy_error e1 = {0}, e2 = {0};
	struct dy_session *s = NULL;

	assert_int_equal(dy_unlock(f->db, "Alex", 4, "not it at all", 13, &s, &e1), DY_EAUTH);
	assert_int_equal(dy_unlock(f->db, "Nobody", 6, PASS_A, strlen(PASS_A), &s, &e2), DY_EAUTH);
	assert_string_equal(e1.msg, e2.msg);
	assert_null(s);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &s, &e1), 0);
	dy_session_free(s);
}

static void
unlock_without_name_needs_a_single_member(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;

	fx_make_alex(f);
	assert_int_equal(dy_unlock(f->db, NULL, 0, PASS_A, strlen(PASS_A), &s, &err), 0);
	dy_session_free(s);
	fx_make_sam(f);
	assert_int_equal(dy_unlock(f->db, NULL, 0, PASS_A, strlen(PASS_A), &s, &err), DY_EINVAL);
}

static void
entries_survive_a_passphrase_change(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_entry e;
	char id[DY_ID_LEN + 1];
	const char *np = "a whole new passphrase";

	assert_int_equal(dy_journal_add(f->a, "", 0, "before the change", 17, false, id, &err), 0);
	assert_int_equal(dy_passphrase_change(f->a, np, strlen(np), &err), 0);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &s, &err), DY_EAUTH);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, np, strlen(np), &s, &err), 0);
	assert_int_equal(dy_journal_get(s, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "before the change");
	dy_entry_release(&e);
	dy_session_free(s);
}

static void
recovery_code_sets_a_new_passphrase(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_entry e;
	char id[DY_ID_LEN + 1], sid[DY_ID_LEN + 1];
	const char *np = "remembered at last";

	assert_int_equal(dy_journal_add(f->a, "", 0, "private before recovery", 23, false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, "shared before recovery", 22, true, sid, &err), 0);
	assert_int_equal(dy_recover(f->db, "Alex", 4, f->recovery_b, strlen(f->recovery_b), np, strlen(np), &err),
	                 DY_EAUTH);
	assert_int_equal(dy_recover(f->db, "Alex", 4, f->recovery_a, strlen(f->recovery_a), np, strlen(np), &err), 0);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &s, &err), DY_EAUTH);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, np, strlen(np), &s, &err), 0);
	assert_int_equal(dy_journal_get(s, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "private before recovery");
	dy_entry_release(&e);
	assert_int_equal(dy_journal_get(s, sid, strlen(sid), &e, &err), 0);
	dy_entry_release(&e);
	dy_session_free(s);
}

static void
a_new_recovery_code_replaces_the_old_one(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_entry e;
	char id[DY_ID_LEN + 1], fresh[DY_RECOVERY_LEN + 1] = "";
	const char *np = "remembered at last";

	assert_int_equal(dy_journal_add(f->a, "", 0, "written before", 14, false, id, &err), 0);
	assert_int_equal(dy_recovery_renew(f->a, fresh, &err), 0);
	assert_int_equal(strlen(fresh), DY_RECOVERY_LEN);
	assert_string_not_equal(fresh, f->recovery_a);
	/* the old code stops working, the new one works, the partner's is untouched */
	assert_int_equal(dy_recover(f->db, "Alex", 4, f->recovery_a, strlen(f->recovery_a), np, strlen(np), &err),
	                 DY_EAUTH);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &s, &err), 0);
	dy_session_free(s);
	s = NULL;
	assert_int_equal(dy_recover(f->db, "Alex", 4, fresh, strlen(fresh), np, strlen(np), &err), 0);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, np, strlen(np), &s, &err), 0);
	assert_int_equal(dy_journal_get(s, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "written before");
	dy_entry_release(&e);
	dy_session_free(s);
	assert_int_equal(dy_recover(f->db, "Sam", 3, f->recovery_b, strlen(f->recovery_b), np, strlen(np), &err), 0);
}

static void
leaving_takes_my_records_and_leaves_the_partners(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	struct dy_space_info si;
	struct dy_session *s = NULL;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "alex shared", 11, true, id, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, "alex private", 12, false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam private", 11, false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam shared", 10, true, id, &err), 0);
	assert_int_equal(dy_leave(f->a, &err), 0);
	dy_session_free(f->a);
	f->a = NULL;
	assert_int_equal(dy_journal_list(f->b, DY_FILTER_ALL, 0, 0, &l, &err), 0);
	assert_int_equal(l.count, 2);
	for (size_t i = 0; i < l.count; i++)
		assert_true(l.items[i].mine);
	dy_entry_list_release(&l);
	assert_int_equal(dy_space_people(f->db, &si, &err), 0);
	assert_int_equal(si.members, 1);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &s, &err), DY_EAUTH);
}

static void
last_one_leaving_removes_the_space(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	bool exists = true;

	fx_make_alex(f);
	assert_int_equal(dy_leave(f->a, &err), 0);
	assert_int_equal(dy_space_exists(f->db, &exists, &err), 0);
	assert_false(exists);
}

static void
export_holds_all_mine_and_nothing_of_my_partner(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], *json = NULL;
	size_t len;

	assert_int_equal(dy_journal_add(f->a, "Mine", 4, "alex private words", 18, false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, "alex shared words", 17, true, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam private words", 17, false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam shared words", 16, true, id, &err), 0);
	assert_int_equal(dy_export(f->a, &json, &len, &err), 0);
	assert_int_equal(strlen(json), len);
	assert_non_null(strstr(json, "alex private words"));
	assert_non_null(strstr(json, "alex shared words"));
	assert_null(strstr(json, "sam private words"));
	assert_null(strstr(json, "sam shared words"));
	/* instants as ISO 8601 UTC, like everywhere else people see them */
	assert_non_null(strstr(json, "\"exported_at\": \"20"));
	assert_non_null(strstr(json, "\"visibility\": \"private\""));
	free(json);
}


static void
markdown_export_reads_as_a_document_of_mine_only(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], *md = NULL;
	size_t len;

	fx_fake_clock(f, 1800000000);
	const char *t1 = "alex private words\n\n- a list", *t2 = "\n  first line here\nmore";

	assert_int_equal(dy_journal_add(f->a, "My # [title]", 12, t1, strlen(t1), false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, t2, strlen(t2), true, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam shared words", 16, true, id, &err), 0);
	assert_int_equal(dy_export_markdown(f->a, &md, &len, &err), 0);
	assert_int_equal(strlen(md), len);
	assert_non_null(strstr(md, "# Alex in dyad\n"));
	/* a title's markup characters are escaped; an untitled entry is named by its first line */
	assert_non_null(strstr(md, "\n## My \\# \\[title\\]\n"));
	assert_non_null(strstr(md, "\n## first line here\n"));
	assert_non_null(strstr(md, "*written 2027-01-15 08:00 UTC - private*"));
	assert_non_null(strstr(md, " - shared*"));
	assert_non_null(strstr(md, "alex private words\n\n- a list\n"));
	assert_null(strstr(md, "sam shared words"));
	free(md);
}

static int
invite_rows(const char *path, const char *where)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM invite WHERE %s", where);
	return fx_raw_int(path, sql);
}

/* A spare or replaced invitation never admits anyone. */
static void
a_new_invitation_replaces_the_earlier_one(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code1[DY_INVITE_LEN + 1], code2[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code1, &exp, &err), 0);
	assert_int_equal(dy_invite_create(f->a, code2, &exp, &err), 0);
	assert_int_equal(invite_rows(f->path, "1"), 1);
	assert_int_equal(dy_space_join(f->db, code1, strlen(code1), "Kim", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EAUTH);
	assert_null(s);
	assert_int_equal(dy_space_join(f->db, code2, strlen(code2), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
}

static void
no_invitation_outlives_a_join_or_a_leave(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
	/* only the used one is left, and it holds no key */
	assert_int_equal(invite_rows(f->path, "1"), 1);
	assert_int_equal(invite_rows(f->path, "length(wrapped_space_key) > 0"), 0);
	assert_int_equal(dy_leave(f->b, &err), 0);
	assert_int_equal(invite_rows(f->path, "1"), 0);
	/* with room again, the old code admits no one */
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Kim", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EAUTH);
	assert_null(s);
}

static void
an_expired_invitation_loses_its_key_when_the_database_opens(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_fake_clock(f, 1000000000);   /* 2001: long expired by the real clock */
	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(invite_rows(f->path, "length(wrapped_space_key) > 0"), 1);
	dy_session_free(f->a);
	f->a = NULL;
	dy_db_close(f->db);
	f->db = NULL;
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(invite_rows(f->path, "length(wrapped_space_key) > 0"), 0);
	/* it still says why it is refused */
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXPIRED);
	assert_non_null(strstr(err.msg, "expired"));
	assert_null(s);
}

static int64_t
clock_at(void *ctx)
{
	return *(const int64_t *)ctx;
}

static void
opening_with_a_clock_expires_invitations_by_that_clock(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp, now = 1000000000;   /* 2001: long expired by the real clock */

	fx_fake_clock(f, now);
	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	dy_session_free(f->a);
	f->a = NULL;
	dy_db_close(f->db);
	/* a day later by the clock it opens with: the invitation keeps its key */
	now += 24 * 3600;
	assert_int_equal(dy_db_open_clock(f->path, 0, clock_at, &now, &f->db, &err), 0);
	assert_int_equal(invite_rows(f->path, "length(wrapped_space_key) > 0"), 1);
	dy_db_close(f->db);
	/* past its week: the open deletes the key */
	now = exp;
	assert_int_equal(dy_db_open_clock(f->path, 0, clock_at, &now, &f->db, &err), 0);
	assert_int_equal(invite_rows(f->path, "length(wrapped_space_key) > 0"), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXPIRED);
	assert_null(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(second_space_in_one_database_is_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(short_passphrase_and_bad_name_are_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(partners_see_each_other_after_join, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(invitation_works_once, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(third_partner_is_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(invitation_expires_after_seven_days, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(unknown_invitation_code_is_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(checking_an_invitation_tells_its_state_and_uses_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(partner_name_must_differ, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(wrong_passphrase_and_unknown_name_read_the_same, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(unlock_without_name_needs_a_single_member, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(entries_survive_a_passphrase_change, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(recovery_code_sets_a_new_passphrase, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_new_recovery_code_replaces_the_old_one, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(leaving_takes_my_records_and_leaves_the_partners, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_new_invitation_replaces_the_earlier_one, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(no_invitation_outlives_a_join_or_a_leave, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(an_expired_invitation_loses_its_key_when_the_database_opens, fx_setup,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(opening_with_a_clock_expires_invitations_by_that_clock, fx_setup,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(last_one_leaving_removes_the_space, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(export_holds_all_mine_and_nothing_of_my_partner, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(markdown_export_reads_as_a_document_of_mine_only, fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
