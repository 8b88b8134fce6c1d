/*
 * settings_test.c - a person's own settings (src/core/settings.c): the
 * time zone, kept, changed, defaulted and refused; the pulse day and the
 * week it starts, moved without losing or repeating a pulse; the months
 * between suggested checks; and the upgrade of a database written by
 * schema 4 (data/schema4.db, data/make_schema4.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

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
	int mine, theirs;

	/* Sam chooses violet, then leaves */
	assert_int_equal(dy_colour_set(f->b, dy_hue_parse("violet", 6), &err), 0);
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	jordan = fx_join(f, "Jordan", PASS_B);
	colours(jordan, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "rose");
	assert_string_equal(dy_hue_name(theirs), "teal");

	/* when the one who stays has rose, the next newcomer gets teal */
	assert_int_equal(dy_leave(jordan, &err), 0);
	dy_session_free(jordan);
	jordan = NULL;
	assert_int_equal(dy_colour_set(f->a, dy_hue_parse("rose", 4), &err), 0);
	jordan = fx_join(f, "Kim", PASS_B);
	colours(jordan, &mine, &theirs);
	assert_string_equal(dy_hue_name(mine), "teal");
	assert_string_equal(dy_hue_name(theirs), "rose");
	dy_session_free(jordan);
}

/* UTC days, as a front end's dy_local_day_fn gives them */
static int32_t
utc_day(void *ctx, int64_t t)
{
	(void)ctx;
	return (int32_t)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/* Noon UTC of a date in November or December 2026. */
static int64_t
noon(int month, int mday)
{
	return (int64_t)dy_day_from_date(2026, month, mday) * 86400 + 12 * 3600;
}

static void
give_pulse(struct dy_session *s)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *fields = json_pack("{s:i,s:i}", "connection", 6, "self", 6);

	assert_non_null(fields);
	assert_int_equal(dy_item_create(s, &dy_kind_pulse, NULL, fields, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	json_decref(fields);
}

static void
week_at(struct dy_session *s, int64_t now, struct dy_pulse_week *w)
{
	struct dy_error err = {0};

	assert_int_equal(dy_pulse_week(s, now, utc_day, NULL, w, &err), 0);
}

static void
the_pulse_day_is_monday_until_chosen_and_each_persons_own(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_pulse_plan plan;

	assert_int_equal(dy_pulse_plan_get(f->a, &plan, &err), 0);
	assert_int_equal(plan.weekday, 0);
	assert_int_equal(dy_pulse_day_set(f->a, 3, noon(11, 25), utc_day, NULL, &err), 0);
	assert_int_equal(dy_pulse_plan_get(f->a, &plan, &err), 0);
	assert_int_equal(plan.weekday, 3);
	assert_int_equal(plan.moved_at, noon(11, 25));
	assert_int_equal(dy_pulse_plan_get(f->b, &plan, &err), 0);
	assert_int_equal(plan.weekday, 0);
	/* out of range: refused, and nothing changes */
	assert_int_equal(dy_pulse_day_set(f->a, 7, noon(11, 26), utc_day, NULL, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "weekday"));
	assert_int_equal(dy_pulse_day_set(f->a, -1, noon(11, 26), utc_day, NULL, &err), DY_EINVAL);
	assert_int_equal(dy_pulse_plan_get(f->a, &plan, &err), 0);
	assert_int_equal(plan.weekday, 3);
	assert_int_equal(plan.moved_at, noon(11, 25));
	/* the same day again is no move */
	assert_int_equal(dy_pulse_day_set(f->a, 3, noon(11, 27), utc_day, NULL, &err), 0);
	assert_int_equal(dy_pulse_plan_get(f->a, &plan, &err), 0);
	assert_int_equal(plan.moved_at, noon(11, 25));
}

static void
weekday_names_parse_in_full_or_by_three_letters_in_any_case(void **state)
{
	(void)state;
	assert_int_equal(dy_weekday_parse("monday", 6), 0);
	assert_int_equal(dy_weekday_parse("Thu", 3), 3);
	assert_int_equal(dy_weekday_parse("SUNDAY", 6), 6);
	assert_int_equal(dy_weekday_parse("funday", 6), -1);
	assert_int_equal(dy_weekday_parse("th", 2), -1);
	assert_int_equal(dy_weekday_parse("thurs", 5), -1);
	assert_int_equal(dy_weekday_parse("", 0), -1);
	assert_string_equal(dy_weekday_name(4), "friday");
	assert_null(dy_weekday_name(7));
}

/* The week starts on the pulse day: Thursday's week on Wednesday
 * 2026-11-25 is from Thursday the 19th. */
static void
the_week_runs_from_the_pulse_day_and_a_pulse_in_it_gives_it(void **state)
{
	struct dy_pulse_plan thu = {.weekday = 3};
	struct dy_item items[1];
	struct dy_item_list l = {.items = items, .count = 1};
	struct dy_pulse_week w;

	(void)state;
	memset(items, 0, sizeof(items));
	items[0].created_at = noon(11, 19) - 12 * 3600;  /* Thursday, midnight */
	dy_pulse_week_of(&l, &thu, noon(11, 25), utc_day, NULL, &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 19));
	assert_int_equal(w.weekday, 3);
	assert_true(w.given);
	items[0].created_at -= 1;                         /* Wednesday, a second before */
	dy_pulse_week_of(&l, &thu, noon(11, 25), utc_day, NULL, &w);
	assert_false(w.given);
	/* on the pulse day itself its own week begins */
	dy_pulse_week_of(&l, &thu, noon(11, 26), utc_day, NULL, &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 26));
	/* Sunday: the week of a Sunday is from that Sunday */
	thu.weekday = 6;
	dy_pulse_week_of(&l, &thu, noon(11, 29), utc_day, NULL, &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 29));
}

/* Alex gives Monday's pulse and moves the day to Thursday on Thursday:
 * that week is given, not asked again; the next Thursday asks. Sam, who
 * owes the Monday week's pulse, moves to Saturday on Saturday: still
 * asked. */
static void
moving_the_day_never_asks_again_for_a_given_pulse_nor_forgets_an_owed_one(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_pulse_week w;

	fx_fake_clock(f, noon(11, 22));                   /* Sunday: Sam's, last week's */
	give_pulse(f->b);
	f->fake_now = noon(11, 23);                       /* Monday */
	give_pulse(f->a);
	week_at(f->a, noon(11, 26), &w);
	assert_true(w.given);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 23));

	assert_int_equal(dy_pulse_day_set(f->a, 3, noon(11, 26), utc_day, NULL, &err), 0);
	week_at(f->a, noon(11, 26), &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 26));
	assert_int_equal(w.weekday, 3);
	assert_true(w.given);
	week_at(f->a, noon(12, 2), &w);                   /* Wednesday, the week's last day */
	assert_true(w.given);
	week_at(f->a, noon(12, 3), &w);                   /* the next Thursday asks */
	assert_int_equal(w.from, dy_day_from_date(2026, 12, 3));
	assert_false(w.given);

	week_at(f->b, noon(11, 28), &w);
	assert_false(w.given);
	assert_int_equal(dy_pulse_day_set(f->b, 5, noon(11, 28), utc_day, NULL, &err), 0);
	week_at(f->b, noon(11, 28), &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 28));
	assert_false(w.given);
	f->fake_now = noon(11, 28);
	give_pulse(f->b);
	week_at(f->b, noon(11, 28), &w);
	assert_true(w.given);
}

/* A pulse given after the move counts like any other; one deleted after
 * the move no longer gives the week. */
static void
a_move_counts_only_the_pulse_it_found(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_pulse_week w;
	struct dy_item_list l;
	struct dy_query q = {.kinds = {&dy_kind_pulse}, .nkinds = 1, .filter = DY_FILTER_MINE};

	fx_fake_clock(f, noon(11, 23));
	give_pulse(f->a);
	assert_int_equal(dy_pulse_day_set(f->a, 4, noon(11, 27), utc_day, NULL, &err), 0);
	week_at(f->a, noon(11, 27), &w);
	assert_true(w.given);
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(dy_item_delete(f->a, &dy_kind_pulse, l.items[0].id, strlen(l.items[0].id), &err), 0);
	dy_item_list_release(&l);
	week_at(f->a, noon(11, 27), &w);
	assert_false(w.given);
}

static void
the_check_interval_is_three_months_until_chosen_one_to_twelve(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	int m;

	assert_int_equal(dy_check_every_get(f->a, &m, &err), 0);
	assert_int_equal(m, 3);
	assert_int_equal(dy_check_every_set(f->a, 1, &err), 0);
	assert_int_equal(dy_check_every_get(f->a, &m, &err), 0);
	assert_int_equal(m, 1);
	assert_int_equal(dy_check_every_set(f->a, 12, &err), 0);
	assert_int_equal(dy_check_every_get(f->a, &m, &err), 0);
	assert_int_equal(m, 12);
	assert_int_equal(dy_check_every_set(f->a, 0, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "1 to 12 months"));
	assert_int_equal(dy_check_every_set(f->a, 13, &err), DY_EINVAL);
	assert_int_equal(dy_check_every_get(f->a, &m, &err), 0);
	assert_int_equal(m, 12);
	/* the partner's is their own */
	assert_int_equal(dy_check_every_get(f->b, &m, &err), 0);
	assert_int_equal(m, 3);
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
	struct dy_pulse_plan plan;
	int every;
	char cmd[700], zone[DY_ZONE_MAX + 1];

	dy_db_close(f->db);
	f->db = NULL;
	snprintf(cmd, sizeof(cmd), "rm -f '%s'* && cp '%s/schema4.db' '%s'", f->path, DY_TEST_DATA, f->path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), 4);
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), dy_schema_version());
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM person WHERE zone IS NULL"), 2);
	assert_int_equal(fx_raw_int(f->path, "SELECT hue FROM person WHERE name = 'Maya'"), 0);
	assert_int_equal(fx_raw_int(f->path, "SELECT hue FROM person WHERE name = 'Sam'"), 1);
	assert_int_equal(dy_unlock(f->db, "Maya", 4, "maya passphrase 1", 17, &maya, &err), 0);
	assert_int_equal(dy_unlock(f->db, "Sam", 3, "sam passphrase 2", 16, &sam, &err), 0);
	assert_int_equal(dy_zone_get(maya, zone, &err), 0);
	assert_string_equal(zone, "");
	/* the settings of migration 7 start at their defaults */
	assert_int_equal(dy_pulse_plan_get(maya, &plan, &err), 0);
	assert_int_equal(plan.weekday, DY_PULSE_DAY_DEFAULT);
	assert_int_equal(plan.moved_at, 0);
	assert_int_equal(dy_check_every_get(sam, &every, &err), 0);
	assert_int_equal(every, DY_ASSESS_EVERY_DEFAULT);
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
		cmocka_unit_test_setup_teardown(the_pulse_day_is_monday_until_chosen_and_each_persons_own,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test(weekday_names_parse_in_full_or_by_three_letters_in_any_case),
		cmocka_unit_test(the_week_runs_from_the_pulse_day_and_a_pulse_in_it_gives_it),
		cmocka_unit_test_setup_teardown(moving_the_day_never_asks_again_for_a_given_pulse_nor_forgets_an_owed_one,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_move_counts_only_the_pulse_it_found, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(the_check_interval_is_three_months_until_chosen_one_to_twelve,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(schema_4_database_is_upgraded_in_place, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
