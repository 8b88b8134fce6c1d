/*
 * settings_test.c - a person's own settings (src/core/settings.c): the
 * time zone, kept, changed, defaulted and refused; and the upgrade of a
 * database written by schema 4 (data/schema4.db, data/make_schema4.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "helpers.h"

static int
raw_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

static void
a_new_person_has_no_zone_until_one_is_set(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1] = "x";

	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "");
	assert_int_equal(dy_zone_set(f->a, "Europe/Berlin", 13, &err), 0);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "Europe/Berlin");
	/* each person's own: the partner's stays unset */
	assert_int_equal(dy_zone_get(f->b, zone, &err), 0);
	assert_string_equal(zone, "");
}

static void
a_default_is_kept_only_when_there_is_no_zone(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1];

	assert_int_equal(dy_zone_default(f->a, "Asia/Tokyo", 10, &err), 0);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "Asia/Tokyo");
	assert_int_equal(dy_zone_default(f->a, "America/New_York", 16, &err), 0);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "Asia/Tokyo");
	/* set always wins; empty clears */
	assert_int_equal(dy_zone_set(f->a, "UTC", 3, &err), 0);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "UTC");
	assert_int_equal(dy_zone_set(f->a, NULL, 0, &err), 0);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "");
}

static void
a_malformed_zone_is_refused_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1], longname[DY_ZONE_MAX + 2];
	static const char *const bad[] = {"/etc/passwd", "Europe/", "a//b", "Europe/Ber lin", "../x", "Zürich",
	                                  "a\nb"};
	size_t i;

	assert_int_equal(dy_zone_set(f->a, "Europe/Paris", 12, &err), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(dy_zone_set(f->a, bad[i], strlen(bad[i]), &err), DY_EINVAL);
		assert_int_equal(dy_zone_default(f->a, bad[i], strlen(bad[i]), &err), DY_EINVAL);
	}
	memset(longname, 'A', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(dy_zone_set(f->a, longname, strlen(longname), &err), DY_EINVAL);
	/* a NUL inside the given length is not a name either */
	assert_int_equal(dy_zone_set(f->a, "UTC\0x", 5, &err), DY_EINVAL);
	assert_int_equal(dy_zone_get(f->a, zone, &err), 0);
	assert_string_equal(zone, "Europe/Paris");
	assert_true(dy_zone_form(longname, DY_ZONE_MAX));
	assert_false(dy_zone_form(longname, DY_ZONE_MAX + 1));
}

/* My colour and my partner's, from dy_whoami. */
static void
colours(struct dy_session *s, int *mine, int *theirs)
{
	struct dy_error err = {0};
	struct dy_space_info si;
	int i;

	*mine = *theirs = -1;
	memset(&si, 0, sizeof(si));
	assert_int_equal(dy_whoami(s, &si, &err), 0);
	for (i = 0; i < si.members; i++) {
		if (si.people[i].me)
			*mine = si.people[i].hue;
		else
			*theirs = si.people[i].hue;
	}
}

static void
partners_start_with_two_colours_and_never_share_one(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	int mine, theirs;

	colours(f->a, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "teal");
	assert_string_equal(dy_hue_name(theirs), "rose");
	assert_int_equal(dy_colour_set(f->b, dy_hue_parse("blue", 4), &err), 0);
	colours(f->a, &mine, &theirs);
	assert_string_equal(dy_hue_name(theirs), "blue");
	/* Sam's: refused, nothing changes */
	assert_int_equal(dy_colour_set(f->a, dy_hue_parse("blue", 4), &err), DY_EEXIST);
	assert_non_null(strstr(err.msg, "Sam"));
	assert_int_equal(dy_colour_set(f->a, -1, &err), DY_EINVAL);
	assert_int_equal(dy_colour_set(f->a, DY_HUES, &err), DY_EINVAL);
	colours(f->a, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "teal");
	/* the old partner's colour is free to take */
	assert_int_equal(dy_colour_set(f->a, dy_hue_parse("rose", 4), &err), 0);
	colours(f->b, &mine, &theirs);
	assert_string_equal(dy_hue_name(theirs), "rose");
	assert_int_equal(dy_hue_parse("Blue", 4), -1);
	assert_int_equal(dy_hue_parse("blu", 3), -1);
	assert_null(dy_hue_name(DY_HUES));
}

static void
a_new_partner_never_inherits_the_colour_of_the_one_who_left(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *jordan = NULL;
	char code[DY_INVITE_LEN + 1], recovery[DY_RECOVERY_LEN + 1];
	int64_t exp;
	int mine, theirs;

	/* Sam chooses violet, then leaves */
	assert_int_equal(dy_colour_set(f->b, dy_hue_parse("violet", 6), &err), 0);
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Jordan", 6, PASS_B, strlen(PASS_B), recovery,
	                               &jordan, &err), 0);
	colours(jordan, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "rose");
	assert_string_equal(dy_hue_name(theirs), "teal");

	/* when the one who stays has rose, the next newcomer gets teal */
	assert_int_equal(dy_leave(jordan, &err), 0);
	dy_session_free(jordan);
	jordan = NULL;
	assert_int_equal(dy_colour_set(f->a, dy_hue_parse("rose", 4), &err), 0);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Kim", 3, PASS_B, strlen(PASS_B), recovery,
	                               &jordan, &err), 0);
	colours(jordan, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "teal");
	assert_string_equal(dy_hue_name(theirs), "rose");
	dy_session_free(jordan);
}

/* A database written by schema 4 opens, is upgraded in place, keeps what
 * was in it, and each person has no zone and the colour of their place. */
static void
schema_4_database_is_upgraded_in_place(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *maya = NULL, *sam = NULL;
	struct dy_entry_list l;
	char cmd[700], zone[DY_ZONE_MAX + 1];

	dy_db_close(f->db);
	f->db = NULL;
	snprintf(cmd, sizeof(cmd), "rm -f '%s'* && cp '%s/schema4.db' '%s'", f->path, DY_TEST_DATA, f->path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 4);
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), dy_schema_version());
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM person WHERE zone IS NULL"), 2);
	assert_int_equal(raw_int(f->path, "SELECT hue FROM person WHERE name = 'Maya'"), 0);
	assert_int_equal(raw_int(f->path, "SELECT hue FROM person WHERE name = 'Sam'"), 1);
	assert_int_equal(dy_unlock(f->db, "Maya", 4, "maya passphrase 1", 17, &maya, &err), 0);
	assert_int_equal(dy_unlock(f->db, "Sam", 3, "sam passphrase 2", 16, &sam, &err), 0);
	assert_int_equal(dy_zone_get(maya, zone, &err), 0);
	assert_string_equal(zone, "");
	assert_int_equal(dy_journal_list(maya, DY_FILTER_MINE, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.damaged, 0);
	dy_entry_list_release(&l);
	assert_int_equal(dy_journal_list(sam, DY_FILTER_THEIRS, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 0);
	dy_entry_list_release(&l);
	dy_session_free(maya);
	dy_session_free(sam);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_person_has_no_zone_until_one_is_set, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_default_is_kept_only_when_there_is_no_zone, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_malformed_zone_is_refused_and_changes_nothing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(partners_start_with_two_colours_and_never_share_one, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_new_partner_never_inherits_the_colour_of_the_one_who_left,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(schema_4_database_is_upgraded_in_place, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
