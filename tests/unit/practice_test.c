/* practice_test.c - the practice log and the reactivity log (practice.h,
 * reaction.h): what is refused and changes nothing, who sees what, what
 * the database file holds, and the statistics on hand-made fixtures,
 * including a streak across a month's end and a daylight-saving change
 * counted in a real time zone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "helpers.h"

/* The local day of t in the process's time zone (TZ), as a front end
 * computes it. */
static int32_t
local_day(void *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	localtime_r(&tt, &tm);
	return dy_day_from_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The instant of a local wall-clock time in TZ. */
static int64_t
local_instant(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1};

	return (int64_t)mktime(&tm);
}

static size_t
count_kind(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n;

	assert_int_equal(dy_item_list(s, &q, &l, &err), 0);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
session_is_logged_and_read_back(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_practice_log(f->a, "meditation", 10, 600, 1700000000, "calm", 4, false, id, &err), 0);
	assert_int_equal(dy_item_get(f->a, &dy_kind_practice, id, strlen(id), &it, &err), 0);
	assert_string_equal(json_string_value(json_object_get(it.fields, "practice")), "meditation");
	assert_int_equal(json_integer_value(json_object_get(it.fields, "seconds")), 600);
	assert_int_equal(json_integer_value(json_object_get(it.fields, "at")), 1700000000);
	assert_string_equal(json_string_value(json_object_get(it.fields, "note")), "calm");
	assert_int_equal(it.vis, DY_VIS_PRIVATE);
	dy_item_release(&it);
	/* a practice I name */
	assert_int_equal(dy_practice_log(f->a, "tai chi", 7, 90, 1700000000, NULL, 0, false, id, &err), 0);
}

static void
bad_sessions_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name;
		int64_t seconds, at;
		const char *says;
	} bad[] = {
		{"meditation", 0, 1700000000, "seconds must be a whole number from 1 to 86400"},
		{"meditation", 25 * 3600, 1700000000, "from 1 to 86400"},
		{"meditation", -300, 1700000000, "from 1 to 86400"},
		{"", 60, 1700000000, "practice is empty"},
		{" yoga", 60, 1700000000, "start or end with a space"},
		{"yoga<script>", 60, 1700000000, "letters, digits"},
		{"an extremely long name for a practice, surely", 60, 1700000000, "longer than 40 bytes"},
		{"yoga", 60, 100, "at must be a whole number"},
	};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1] = "untouched";
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		assert_int_not_equal(dy_practice_log(f->a, bad[i].name, strlen(bad[i].name), bad[i].seconds, bad[i].at,
		                                     NULL, 0, false, id, &err), 0);
		if (strstr(err.msg, bad[i].says) == NULL)
			fail_msg("%zu: \"%s\" does not say \"%s\"", i, err.msg, bad[i].says);
	}
	assert_string_equal(id, "untouched");
	assert_int_equal(count_kind(f->a, &dy_kind_practice, DY_FILTER_ALL), 0);
}

static void
partner_never_sees_my_private_sessions_or_reactions(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char pid[DY_ID_LEN + 1], rid[DY_ID_LEN + 1];
	json_t *r = json_pack("{s:s, s:i, s:b, s:I}", "happened", "argument about dishes", "intensity", 7, "paused", 0,
	                      "at", (json_int_t)1700000000);

	assert_int_equal(dy_practice_log(f->a, "yoga", 4, 1200, 1700000000, NULL, 0, false, pid, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, r, NULL, 0, DY_VIS_PRIVATE, 0, rid, &err), 0);
	assert_int_equal(count_kind(f->b, &dy_kind_practice, DY_FILTER_ALL), 0);
	assert_int_equal(count_kind(f->b, &dy_kind_reaction, DY_FILTER_ALL), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_practice, pid, strlen(pid), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_get(f->b, &dy_kind_reaction, rid, strlen(rid), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_delete(f->b, &dy_kind_reaction, rid, strlen(rid), &err), DY_ENOTFOUND);
	/* shared, the partner reads it and cannot change it; unshared, gone */
	assert_int_equal(dy_item_set_vis(f->a, &dy_kind_reaction, rid, strlen(rid), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_reaction, rid, strlen(rid), &it, &err), 0);
	assert_false(it.mine);
	dy_item_release(&it);
	assert_int_equal(dy_item_delete(f->b, &dy_kind_reaction, rid, strlen(rid), &err), DY_EPERM);
	assert_int_equal(dy_item_set_vis(f->a, &dy_kind_reaction, rid, strlen(rid), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_reaction, rid, strlen(rid), &it, &err), DY_ENOTFOUND);
	json_decref(r);
}

static void
database_holds_no_plaintext_of_sessions_or_reactions(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *r = json_pack("{s:s, s:[s], s:[s], s:i, s:s, s:s, s:b, s:s, s:I}", "happened", "MARKER-HAPPENED-okapi",
	                      "triggers", "MARKER-TRIGGER-tapir", "feelings", "overwhelmed", "intensity", 6, "urge",
	                      "MARKER-URGE-dugong", "did", "MARKER-DID-gharial", "paused", 1, "need", "MARKER-NEED-kakapo",
	                      "at", (json_int_t)1700000000);

	assert_int_equal(dy_practice_log(f->a, "yoga", 4, 1200, 1700000000, "MARKER-NOTE-quoll", 17, false, id, &err), 0);
	assert_int_equal(dy_practice_log(f->a, "MARKER-NAME-numbat", 18, 60, 1700000000, NULL, 0, true, id, &err), 0);
	assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, r, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	{
		const char *const marks[] = {"MARKER", "overwhelmed", "quoll", "numbat", "okapi", "tapir", "dugong", "kakapo"};

		fx_no_plaintext(f, marks, sizeof(marks) / sizeof(marks[0]));
	}
	json_decref(r);
}

static void
bad_reactions_are_refused_with_a_clear_message_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *json, *says;
	} bad[] = {
		{"{\"happened\":\"x\",\"intensity\":11,\"paused\":false,\"at\":1700000000}",
		 "intensity must be a whole number from 0 to 10"},
		{"{\"happened\":\"x\",\"intensity\":-1,\"paused\":false,\"at\":1700000000}", "from 0 to 10"},
		{"{\"happened\":\"x\",\"intensity\":5,\"paused\":false,\"at\":1700000000,\"feelings\":[\"grumpy\"]}",
		 "\"grumpy\" is not one of dyad's feeling words"},
		{"{\"happened\":\"x\",\"intensity\":5,\"paused\":false,\"at\":1700000000,\"feelings\":[\"hurt\",\"hurt\"]}",
		 "twice"},
		{"{\"happened\":\"\",\"intensity\":5,\"paused\":false,\"at\":1700000000}", "happened is empty"},
		{"{\"intensity\":5,\"paused\":false,\"at\":1700000000}", "happened is missing"},
		{"{\"happened\":\"x\",\"paused\":false,\"at\":1700000000}", "intensity is missing"},
		{"{\"happened\":\"x\",\"intensity\":5,\"paused\":\"yes\",\"at\":1700000000}", "paused must be true or false"},
		{"{\"happened\":\"x\",\"intensity\":5,\"paused\":false,\"at\":1700000000,\"mood\":3}", "no field \"mood\""},
		{"{\"happened\":\"x\",\"intensity\":5,\"paused\":false,\"at\":1700000000,"
		 "\"triggers\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "0 to 5 items"},
	};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *o = json_loads(bad[i].json, 0, NULL);

		assert_non_null(o);
		memset(&err, 0, sizeof(err));
		assert_int_not_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
		if (strstr(err.msg, bad[i].says) == NULL)
			fail_msg("%zu: \"%s\" does not say \"%s\"", i, err.msg, bad[i].says);
		json_decref(o);
	}
	assert_int_equal(count_kind(f->a, &dy_kind_reaction, DY_FILTER_ALL), 0);
}

static void
vocabulary_is_the_data_file(void **state)
{
	json_t *doc, *file;
	json_error_t je;

	(void)state;
	file = json_load_file(DY_SOURCE_ROOT "/data/feelings.json", 0, &je);
	assert_non_null(file);
	doc = dy_feelings_json();
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "groups")),
	                 json_array_size(json_object_get(file, "groups")));
	for (size_t g = 0; g < json_array_size(json_object_get(file, "groups")); g++) {
		json_t *want = json_array_get(json_object_get(file, "groups"), g);
		json_t *got = json_array_get(json_object_get(doc, "groups"), g);

		assert_true(json_equal(json_object_get(want, "words"), json_object_get(got, "words")));
		assert_true(json_equal(json_object_get(want, "label"), json_object_get(got, "label")));
	}
	assert_true(dy_feeling_known("hurt", 4));
	assert_false(dy_feeling_known("Hurt", 4));
	assert_false(dy_feeling_known("hurtful", 7));
	json_decref(doc);
	json_decref(file);
}

/* Hand-made: Monday 2026-03-02 is "today"'s week; sessions across the end
 * of February make a streak of 5 (Feb 26..Mar 2). */
static void
tally_counts_weeks_days_and_a_streak_across_a_month(void **state)
{
	struct dy_practice_stats st;
	struct dy_error err = {0};
	int32_t d = dy_day_from_date(2026, 2, 26);
	const struct dy_practice_rec recs[] = {
		{d + 4, 600, "yoga"},      /* Mon Mar 2 */
		{d, 300, "meditation"},    /* Thu Feb 26 */
		{d + 1, 300, "meditation"},
		{d + 2, 1200, "walking"},
		{d + 3, 300, "meditation"},
		{d + 4, 120, "meditation"},/* a second on Mar 2: one day */
		{d - 10, 60, "breathing"}, /* Mon Feb 16 */
		{d - 11, 60, "breathing"}, /* Sun Feb 15 */
		{d - 12, 60, "breathing"}, /* Sat Feb 14 */
		{d - 13, 60, "breathing"}, /* Fri Feb 13 */
		{d - 14, 60, "breathing"}, /* Thu Feb 12 */
		{d - 15, 60, "breathing"}, /* Wed Feb 11 */
	};
	int32_t today = d + 5; /* Tue Mar 3, not practised yet */

	(void)state;
	assert_int_equal(dy_practice_tally(recs, sizeof(recs) / sizeof(recs[0]), today, &st, &err), 0);
	assert_int_equal(st.sessions, 12);
	assert_int_equal(st.seconds, 600 + 300 * 3 + 1200 + 120 + 60 * 6);
	assert_int_equal(st.week_seconds, 720);
	assert_int_equal(st.week_days, 1);
	assert_int_equal(st.weeks[DY_PRACTICE_WEEKS - 1].monday, dy_day_from_date(2026, 3, 2));
	/* last week (Feb 23..Mar 1): Thu, Fri, Sat, Sun */
	assert_int_equal(st.weeks[DY_PRACTICE_WEEKS - 2].days, 4);
	assert_int_equal(st.weeks[DY_PRACTICE_WEEKS - 2].seconds, 300 + 300 + 1200 + 300);
	assert_int_equal(st.streak.current, 5);
	assert_int_equal(st.streak.longest, 6);
	assert_string_equal(st.top[0].name, "walking");
	assert_int_equal(st.top[0].seconds, 1200);
	assert_string_equal(st.top[1].name, "meditation");
	assert_int_equal(st.top[1].sessions, 4);
	/* the picture says the same in words */
	{
		struct dy_buf b = DY_BUF_INIT(1 << 20);

		assert_int_equal(dy_practice_chart(&st, "pc", &b, &err), 0);
		assert_non_null(strstr(b.p, "Minutes of practice per week"));
		assert_non_null(strstr(b.p, "2 Mar"));
		assert_non_null(strstr(b.p, "<desc"));
		dy_buf_release(&b);
	}
}

/* Sessions at 23:30 local time every evening from Mar 26 to Mar 31, 2026
 * in Europe/Paris (clocks go forward on Mar 29): six days in a row,
 * counted in local days though one of them is 23 hours long. */
static void
streak_holds_across_a_daylight_saving_change(void **state)
{
	struct fixture *f = *state;
	struct dy_practice_stats st;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	setenv("TZ", "Europe/Paris", 1);
	tzset();
	for (int d = 26; d <= 31; d++)
		assert_int_equal(dy_practice_log(f->a, "meditation", 10, 600, local_instant(2026, 3, d, 23, 30), NULL, 0,
		                                 false, id, &err), 0);
	/* Sam's sessions are Sam's: they do not count in Alex's */
	assert_int_equal(dy_practice_log(f->b, "yoga", 4, 600, local_instant(2026, 3, 25, 23, 30), NULL, 0, true, id,
	                                 &err), 0);
	assert_int_equal(dy_practice_stats(f->a, local_instant(2026, 3, 31, 23, 50), local_day, NULL, &st, &err), 0);
	assert_int_equal(st.sessions, 6);
	assert_int_equal(st.streak.current, 6);
	assert_int_equal(st.streak.longest, 6);
	/* the week of Mon Mar 30: two days, 20 minutes */
	assert_int_equal(st.week_days, 2);
	assert_int_equal(st.week_seconds, 1200);
	/* in UTC, 23:30 in Paris is 21:30 or 22:30 the same day: still six
	 * days, and the same streak */
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	tzset();
	free(old);
}

static void
reaction_trends_count_pauses_feelings_and_triggers(void **state)
{
	struct fixture *f = *state;
	struct dy_reaction_stats st;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	int64_t monday = (int64_t)dy_day_from_date(2026, 3, 2) * 86400 + 12 * 3600;
	static const struct {
		int day, intensity, paused;
		const char *feel1, *feel2, *trigger;
	} rs[] = {
		{0, 8, 0, "angry", "hurt", "Chores"},
		{1, 6, 1, "hurt", NULL, "chores"},
		{2, 4, 1, "anxious", NULL, "money"},
		{-7, 9, 0, "angry", NULL, "money"},
		{-6, 7, 0, "hurt", NULL, "CHORES"},
	};
	json_t *o;

	(void)state;
	for (size_t i = 0; i < sizeof(rs) / sizeof(rs[0]); i++) {
		o = json_pack("{s:s, s:i, s:b, s:I, s:[s], s:[s]}", "happened", "something", "intensity", rs[i].intensity,
		              "paused", rs[i].paused, "at", (json_int_t)(monday + rs[i].day * 86400), "triggers",
		              rs[i].trigger, "feelings", rs[i].feel1);
		if (rs[i].feel2 != NULL)
			json_array_append_new(json_object_get(o, "feelings"), json_string(rs[i].feel2));
		assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
		json_decref(o);
	}
	/* Sam's are Sam's */
	o = json_pack("{s:s, s:i, s:b, s:I}", "happened", "x", "intensity", 1, "paused", 1, "at", (json_int_t)monday);
	assert_int_equal(dy_item_create(f->b, &dy_kind_reaction, NULL, o, NULL, 0, DY_VIS_SHARED, 0, id, &err), 0);
	json_decref(o);
	assert_int_equal(dy_reaction_stats(f->a, monday + 3 * 86400, local_day, NULL, &st, &err), 0);
	assert_int_equal(st.count, 5);
	assert_int_equal(st.paused, 2);
	assert_int_equal(st.week_count, 3);
	assert_int_equal(st.week_paused, 2);
	assert_true(st.weeks[DY_REACT_WEEKS - 1].intensity > 5.99 && st.weeks[DY_REACT_WEEKS - 1].intensity < 6.01);
	assert_true(st.weeks[DY_REACT_WEEKS - 2].intensity > 7.99 && st.weeks[DY_REACT_WEEKS - 2].intensity < 8.01);
	assert_string_equal(st.feelings[0].word, "hurt");
	assert_int_equal(st.feelings[0].count, 3);
	assert_string_equal(st.feelings[1].word, "angry");
	assert_int_equal(st.feelings[1].count, 2);
	/* "Chores", "chores" and "CHORES" are one trigger */
	assert_int_equal(st.ntriggers, 2);
	assert_int_equal(st.triggers[0].count, 3);
	assert_string_equal(st.triggers[0].word, "chores");
	assert_int_equal(st.triggers[1].count, 2);
	assert_string_equal(st.triggers[1].word, "money");
	{
		struct dy_buf b = DY_BUF_INIT(1 << 20);
		json_t *j = dy_reaction_stats_json(&st);

		assert_non_null(j);
		assert_int_equal(json_integer_value(json_object_get(j, "paused")), 2);
		json_decref(j);
		assert_int_equal(dy_reaction_chart(&st, "rc", &b, &err), 0);
		assert_non_null(strstr(b.p, "How strong my reactions were"));
		dy_buf_release(&b);
	}
}

/* A session or a reaction whose stored copy no longer decrypts is left
 * out of the statistics and counted in damaged, in the structs and in
 * their JSON; the others are counted as ever. */
static void
stats_leave_out_a_damaged_record_and_count_it(void **state)
{
	struct fixture *f = *state;
	struct dy_practice_stats ps;
	struct dy_reaction_stats rs;
	struct dy_error err = {0};
	char p1[DY_ID_LEN + 1], p2[DY_ID_LEN + 1], r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1];
	int64_t at = (int64_t)dy_day_from_date(2026, 3, 2) * 86400 + 12 * 3600;
	json_t *o, *j;

	assert_int_equal(dy_practice_log(f->a, "meditation", 10, 600, at, NULL, 0, false, p1, &err), 0);
	assert_int_equal(dy_practice_log(f->a, "yoga", 4, 1200, at, NULL, 0, false, p2, &err), 0);
	for (int i = 0; i < 2; i++) {
		o = json_pack("{s:s, s:i, s:b, s:I}", "happened", "something", "intensity", 3 + 4 * i, "paused", i, "at",
		              (json_int_t)at);
		assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, i ? r2 : r1,
		                                &err),
		                 0);
		json_decref(o);
	}
	assert_int_equal(dy_practice_stats(f->a, at, local_day, NULL, &ps, &err), 0);
	assert_int_equal(ps.sessions, 2);
	assert_int_equal(ps.damaged, 0);
	fx_damage(f, p2);
	fx_damage(f, r1);
	assert_int_equal(dy_practice_stats(f->a, at, local_day, NULL, &ps, &err), 0);
	assert_int_equal(ps.sessions, 1);
	assert_int_equal(ps.seconds, 600);
	assert_int_equal(ps.damaged, 1);
	assert_non_null(j = dy_practice_stats_json(&ps));
	assert_int_equal(json_integer_value(json_object_get(j, "damaged")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "minutes")), 10);
	json_decref(j);
	assert_int_equal(dy_reaction_stats(f->a, at, local_day, NULL, &rs, &err), 0);
	assert_int_equal(rs.count, 1);
	assert_int_equal(rs.paused, 1);
	assert_int_equal(rs.damaged, 1);
	assert_non_null(j = dy_reaction_stats_json(&rs));
	assert_int_equal(json_integer_value(json_object_get(j, "damaged")), 1);
	json_decref(j);
	/* Sam's statistics are his own: nothing of Alex's is counted */
	assert_int_equal(dy_practice_stats(f->b, at, local_day, NULL, &ps, &err), 0);
	assert_int_equal(ps.damaged, 0);
	assert_int_equal(dy_reaction_stats(f->b, at, local_day, NULL, &rs, &err), 0);
	assert_int_equal(rs.damaged, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(session_is_logged_and_read_back, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_sessions_are_refused_and_change_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(partner_never_sees_my_private_sessions_or_reactions, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(database_holds_no_plaintext_of_sessions_or_reactions, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(bad_reactions_are_refused_with_a_clear_message_and_change_nothing,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test(vocabulary_is_the_data_file),
		cmocka_unit_test(tally_counts_weeks_days_and_a_streak_across_a_month),
		cmocka_unit_test_setup_teardown(streak_holds_across_a_daylight_saving_change, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(reaction_trends_count_pauses_feelings_and_triggers, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(stats_leave_out_a_damaged_record_and_count_it, fx_setup_couple,
		                                fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
