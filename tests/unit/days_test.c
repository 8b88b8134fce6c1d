/* days_test.c - durations, day numbers, weeks and streaks (days.h), on
 * hand-made fixtures: a streak across a month's end, one across a
 * daylight-saving change, durations people type and the ones refused. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "helpers.h"

static void
durations_people_type_are_read(void **state)
{
	static const struct {
		const char *in;
		int64_t want;
	} ok[] = {
		{"90s", 90}, {"10m", 600}, {"1h30m", 5400}, {"1h", 3600}, {"2m5s", 125},
		{"1h0m1s", 3601}, {" 45m ", 2700}, {"24h", 86400}, {"1440m", 86400}, {"0h1s", 1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int64_t got = -1;
		struct dy_error err = {0};

		if (dy_duration_parse(ok[i].in, &got, &err) != 0)
			fail_msg("\"%s\": %s", ok[i].in, err.msg);
		assert_int_equal(got, ok[i].want);
	}
}

static void
bad_durations_get_a_clear_error_and_change_nothing(void **state)
{
	static const struct {
		const char *in, *says;
	} bad[] = {
		{"-5m", "cannot be negative"}, {"0", "needs its unit"}, {"0m", "longer than nothing"},
		{"25h", "at most 24 hours"}, {"24h1s", "at most 24 hours"}, {"10x", "\"x\" is not a unit"},
		{"10", "needs its unit"}, {"", "like 90s"}, {"m", "like 90s"}, {"30m1h", "then minutes"},
		{"1h1h", "then minutes"}, {"1h 30m", "like 90s"}, {"9999999999s", "at most 24 hours"},
		{"1.5h", "\".\" is not a unit"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t got = 42;
		struct dy_error err = {0};

		assert_int_equal(dy_duration_parse(bad[i].in, &got, &err), DY_EINVAL);
		assert_int_equal(got, 42);
		assert_non_null(strstr(err.msg, "Give a duration like 90s, 10m or 1h30m"));
		if (!strstr(err.msg, bad[i].says))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"", bad[i].in, err.msg, bad[i].says);
	}
}

static void
durations_read_back_as_they_are_typed(void **state)
{
	char out[DY_DURATION_TEXT_MAX];
	int64_t back;
	struct dy_error err = {0};
	int64_t s;

	(void)state;
	dy_duration_text(5400, out);
	assert_string_equal(out, "1h30m");
	dy_duration_text(86400, out);
	assert_string_equal(out, "24h");
	dy_duration_text(0, out);
	assert_string_equal(out, "0s");
	for (s = 1; s <= DY_DURATION_MAX; s += 613) {
		dy_duration_text(s, out);
		assert_int_equal(dy_duration_parse(out, &back, &err), 0);
		assert_int_equal(back, s);
	}
}

static void
day_numbers_agree_with_the_c_library_and_back(void **state)
{
	int32_t d;

	(void)state;
	assert_int_equal(dy_day_from_date(1970, 1, 1), 0);
	assert_int_equal(dy_day_from_date(2000, 3, 1), 11017);
	for (d = -800000; d <= 2932896; d += 997) {  /* about 220 BC to AD 9999 */
		int y, m, md;
		time_t t = (time_t)d * 86400;
		struct tm tm;

		dy_day_to_date(d, &y, &m, &md);
		assert_int_equal(dy_day_from_date(y, m, md), d);
		assert_non_null(gmtime_r(&t, &tm));
		assert_int_equal(y, tm.tm_year + 1900);
		assert_int_equal(m, tm.tm_mon + 1);
		assert_int_equal(md, tm.tm_mday);
		assert_int_equal(dy_day_weekday(d), (tm.tm_wday + 6) % 7);
	}
	/* Sunday 29 November 2026 belongs to the week of Monday the 23rd */
	assert_int_equal(dy_day_weekday(dy_day_from_date(2026, 11, 29)), 6);
	assert_int_equal(dy_day_week_start(dy_day_from_date(2026, 11, 29)), dy_day_from_date(2026, 11, 23));
	assert_int_equal(dy_day_week_start(dy_day_from_date(2026, 11, 30)), dy_day_from_date(2026, 11, 30));
}

static void
a_streak_runs_across_a_months_end_and_today_still_open_keeps_it(void **state)
{
	int32_t days[] = {
		dy_day_from_date(2026, 10, 1), dy_day_from_date(2026, 10, 2),  /* a run of 2 */
		dy_day_from_date(2026, 10, 29), dy_day_from_date(2026, 10, 30),
		dy_day_from_date(2026, 10, 31), dy_day_from_date(2026, 10, 31),  /* twice: once */
		dy_day_from_date(2026, 11, 1), dy_day_from_date(2026, 11, 2),  /* a run of 5 */
		dy_day_from_date(2026, 11, 27), dy_day_from_date(2026, 11, 28),  /* to yesterday */
	};
	struct dy_streak s;

	(void)state;
	dy_streaks(days, 10, dy_day_from_date(2026, 11, 29), &s);
	assert_int_equal(s.current, 2);  /* today not yet practised: not a break */
	assert_int_equal(s.longest, 5);
	assert_int_equal(s.longest_end, dy_day_from_date(2026, 11, 2));
	dy_streaks(days, 10, dy_day_from_date(2026, 11, 30), &s);
	assert_int_equal(s.current, 0);  /* yesterday missed: the run is over */
	assert_int_equal(s.longest, 5);
	dy_streaks(days, 10, dy_day_from_date(2026, 11, 1), &s);  /* later days ignored */
	assert_int_equal(s.current, 4);
	assert_int_equal(s.longest, 4);
	dy_streaks(NULL, 0, 100, &s);
	assert_int_equal(s.current, 0);
	assert_int_equal(s.longest, 0);
	assert_int_equal(s.longest_end, 0);
}

/* Local days across the end of summer time in Berlin (25 October 2026,
 * 03:00 -> 02:00): practices at 21:30 local each evening are 19:30 UTC
 * before and 20:30 UTC after. Turned into local days as a front end does,
 * they make one unbroken run; counted in UTC days by mistake, a 23:30
 * local practice on the 24th (21:30 UTC) and one at 00:30 local on the
 * 26th (23:30 UTC on the 25th) would fall on the wrong days. */
static int32_t
local_day(int64_t utc, int offset_seconds)
{
	int64_t local = utc + offset_seconds;

	return (int32_t)((local >= 0 ? local : local - 86399) / 86400);
}

static void
a_streak_survives_the_daylight_saving_change(void **state)
{
	int64_t base = (int64_t)dy_day_from_date(2026, 10, 23) * 86400;
	int64_t at[] = {
		base + 19 * 3600 + 1800,              /* 23 Oct 21:30 CEST (+2) */
		base + 86400 + 21 * 3600 + 1800,      /* 24 Oct 23:30 CEST */
		base + 3 * 86400 - 3600 + 1800,       /* 26 Oct 00:30 CET (+1): 25 Oct 23:30 UTC */
		base + 3 * 86400 + 20 * 3600 + 1800,  /* 26 Oct 21:30 CET */
	};
	int offset[] = {7200, 7200, 3600, 3600};
	int32_t days[4];
	struct dy_streak s;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++)
		days[i] = local_day(at[i], offset[i]);
	/* 23, 24, 26, 26: a gap on the 25th, as the person lived it */
	assert_int_equal(days[1] - days[0], 1);
	assert_int_equal(days[2], dy_day_from_date(2026, 10, 26));
	dy_streaks(days, 4, dy_day_from_date(2026, 10, 26), &s);
	assert_int_equal(s.current, 1);
	assert_int_equal(s.longest, 2);
	/* and with a practice on the 25th as well, one run of four days */
	{
		int32_t full[] = {days[0], days[1], dy_day_from_date(2026, 10, 25), days[2], days[3]};

		dy_streaks(full, 5, dy_day_from_date(2026, 10, 26), &s);
		assert_int_equal(s.current, 4);
		assert_int_equal(s.longest, 4);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations_people_type_are_read),
		cmocka_unit_test(bad_durations_get_a_clear_error_and_change_nothing),
		cmocka_unit_test(durations_read_back_as_they_are_typed),
		cmocka_unit_test(day_numbers_agree_with_the_c_library_and_back),
		cmocka_unit_test(a_streak_runs_across_a_months_end_and_today_still_open_keeps_it),
		cmocka_unit_test(a_streak_survives_the_daylight_saving_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
