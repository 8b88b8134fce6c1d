/* checkin_test.c - check-ins (checkin.h): a schedule is read as people
 * give it and bad input changes nothing; the next check-in keeps its local
 * time across daylight-saving changes (Europe/London, America/New_York,
 * through the host's zone data as the front ends use it); the iCalendar
 * file is well-formed RFC 5545 and says the same thing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "../../src/platform/zone.h"

/* The instant of a UTC date and time. */
static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	return (int64_t)dy_day_from_date(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* The local minute of the day of instant t in the entered zone. */
static int
local_minute(int64_t t)
{
	int64_t lt = t + zone_offset(NULL, t);

	return (int)((lt % 86400 + 86400) % 86400 / 60);
}

static struct dy_checkin_schedule
parse_ok(const char *freq, const char *day, const char *time, const char *week, const char *zone, int32_t today)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};

	if (dy_checkin_schedule_parse(freq, day, time, week, zone, today, &sc, &err) != 0)
		fail_msg("parse %s %s %s: %s", freq, day, time, err.msg);
	return sc;
}

static void
schedules_are_read_as_people_give_them_and_bad_input_is_refused(void **state)
{
	struct dy_checkin_schedule sc, before;
	struct dy_error err = {0};
	int32_t today = dy_day_from_date(2026, 11, 29); /* a Sunday */
	const char *bad[][5] = {
		{"fortnightly", "thu", "19:30", NULL, "UTC"}, {"weekly", "thu", "25:00", NULL, "UTC"},
		{"weekly", "thu", "19:60", NULL, "UTC"},      {"weekly", "thu", "1930", NULL, "UTC"},
		{"weekly", "someday", "19:30", NULL, "UTC"},   {"weekly", "thu", "19:30", "2", "UTC"},
		{"monthly", "thu", "19:30", "5", "UTC"},      {"monthly", "thu", "19:30", "first", "UTC"},
		{"weekly", "thu", "19:30", NULL, "../etc"},   {"weekly", "thu", "19:30", NULL, ""},
		{NULL, "thu", "19:30", NULL, "UTC"},          {"weekly", "thu", "-1:30", NULL, "UTC"},
	};
	char words[DY_CHECKIN_WORDS_MAX];

	(void)state;
	sc = parse_ok("weekly", "Thursday", "19:30", NULL, "Europe/London", today);
	assert_int_equal(sc.freq, DY_CHECKIN_WEEKLY);
	assert_int_equal(sc.weekday, 3);
	assert_int_equal(sc.minute, 19 * 60 + 30);
	assert_int_equal(sc.week, 0);
	assert_string_equal(sc.zone, "Europe/London");
	dy_checkin_words(&sc, words);
	assert_string_equal(words, "every Thursday at 19:30");
	sc = parse_ok("biweekly", "mon", "7:05", NULL, "UTC", today);
	assert_int_equal(sc.anchor, today + 1);
	dy_checkin_words(&sc, words);
	assert_string_equal(words, "every other Monday at 07:05");
	sc = parse_ok("monthly", "SUN", "18:00", "last", "UTC", today);
	assert_int_equal(sc.week, DY_CHECKIN_LAST);
	dy_checkin_words(&sc, words);
	assert_string_equal(words, "the last Sunday of the month at 18:00");
	sc = parse_ok("monthly", "fri", "00:00", NULL, "UTC", today);
	assert_int_equal(sc.week, 1);

	before = parse_ok("weekly", "tue", "20:00", NULL, "UTC", today);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sc = before;
		err = (struct dy_error){0};
		if (dy_checkin_schedule_parse(bad[i][0], bad[i][1], bad[i][2], bad[i][3], bad[i][4], today, &sc, &err) !=
		    DY_EINVAL)
			fail_msg("case %zu was accepted", i);
		assert_true(strlen(err.msg) > 10);
		assert_memory_equal(&sc, &before, sizeof(sc));
	}
	err = (struct dy_error){0};
	assert_int_equal(dy_checkin_schedule_parse("weekly", "thu", "25:00", NULL, "UTC", today, &sc, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "25:00"));
	assert_int_equal(dy_checkin_schedule_parse("hourly", "thu", "10:00", NULL, "UTC", today, &sc, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "weekly, biweekly or monthly"));
}

static void
schedule_is_kept_by_the_space_and_bad_sets_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_checkin_schedule sc, got, bad;
	struct dy_error err = {0};

	assert_int_equal(dy_checkin_schedule_get(f->a, &got, &err), 0);
	assert_int_equal(got.freq, DY_CHECKIN_NONE);
	sc = parse_ok("biweekly", "wed", "21:15", NULL, "America/New_York", dy_day_from_date(2026, 12, 1));
	assert_int_equal(dy_checkin_schedule_set(f->a, &sc, &err), 0);
	/* the partner sees the same schedule: it is the couple's */
	assert_int_equal(dy_checkin_schedule_get(f->b, &got, &err), 0);
	assert_memory_equal(&got, &sc, sizeof(sc));
	bad = sc;
	bad.minute = 1440;
	assert_int_equal(dy_checkin_schedule_set(f->b, &bad, &err), DY_EINVAL);
	bad = sc;
	bad.anchor += 1; /* not a Wednesday */
	assert_int_equal(dy_checkin_schedule_set(f->b, &bad, &err), DY_EINVAL);
	bad = sc;
	bad.freq = 7;
	assert_int_equal(dy_checkin_schedule_set(f->b, &bad, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_schedule_get(f->a, &got, &err), 0);
	assert_memory_equal(&got, &sc, sizeof(sc));
	assert_int_equal(dy_checkin_schedule_set(f->a, NULL, &err), 0);
	assert_int_equal(dy_checkin_schedule_get(f->a, &got, &err), 0);
	assert_int_equal(got.freq, DY_CHECKIN_NONE);
	assert_int_equal(dy_checkin_next(&got, 0, zone_offset, NULL, &(int64_t){0}, &err), DY_ENOTFOUND);
}

static void
london_weekly_check_in_keeps_its_local_time_across_both_changes(void **state)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	int64_t t, when;

	(void)state;
	zone_enter("Europe/London");
	sc = parse_ok("weekly", "sunday", "19:30", NULL, "Europe/London", dy_day_from_date(2027, 3, 1));
	/* 2027-03-21 is GMT (19:30 UTC); 2027-03-28 is BST from 01:00 UTC (18:30 UTC) */
	assert_int_equal(dy_checkin_next(&sc, utc(2027, 3, 20, 12, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 21, 19, 30));
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 28, 18, 30));
	/* at the very instant: that one */
	assert_int_equal(dy_checkin_next(&sc, when, zone_offset, NULL, &t, &err), 0);
	assert_int_equal(t, when);
	/* and back to GMT on 2027-10-31 */
	assert_int_equal(dy_checkin_next(&sc, utc(2027, 10, 25, 0, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 10, 31, 19, 30));
	/* a year of check-ins, every one at 19:30 local, seven days apart in local days */
	t = utc(2027, 1, 1, 0, 0);
	for (int i = 0; i < 53; i++) {
		int64_t prev = t;

		assert_int_equal(dy_checkin_next(&sc, t, zone_offset, NULL, &when, &err), 0);
		assert_int_equal(local_minute(when), 19 * 60 + 30);
		assert_int_equal(zone_local_day(NULL, when) % 7, (dy_day_from_date(2027, 1, 3)) % 7);
		if (i > 0)
			assert_true(when - prev + 1 == 7 * 86400 || when - prev + 1 == 7 * 86400 - 3600 ||
			            when - prev + 1 == 7 * 86400 + 3600);
		t = when + 1;
	}
	/* the hour skipped on 2027-03-28: 01:30 does not exist and is 02:30 BST */
	assert_int_equal(dy_checkin_local_instant(dy_day_from_date(2027, 3, 28), 90, zone_offset, NULL),
	                 utc(2027, 3, 28, 1, 30));
	/* 01:30 happens twice on 2027-10-31: the first, BST (00:30 UTC) */
	assert_int_equal(dy_checkin_local_instant(dy_day_from_date(2027, 10, 31), 90, zone_offset, NULL),
	                 utc(2027, 10, 31, 0, 30));
	zone_leave();
}

static void
new_york_check_ins_land_on_local_time_around_its_changes(void **state)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	int64_t when;

	(void)state;
	zone_enter("America/New_York");
	/* Sunday 01:30: 2026-11-01 falls back at 02:00 EDT: 01:30 happens twice */
	sc = parse_ok("weekly", "sun", "01:30", NULL, "America/New_York", dy_day_from_date(2026, 10, 1));
	assert_int_equal(dy_checkin_next(&sc, utc(2026, 10, 30, 0, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2026, 11, 1, 5, 30));  /* 01:30 EDT, the first */
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2026, 11, 8, 6, 30));  /* 01:30 EST */
	/* 02:30 on 2027-03-14 does not exist (02:00 EST -> 03:00 EDT): 03:30 EDT */
	sc = parse_ok("monthly", "sun", "02:30", "2", "America/New_York", dy_day_from_date(2027, 1, 1));
	assert_int_equal(dy_checkin_next(&sc, utc(2027, 3, 1, 0, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 14, 7, 30));
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 4, 11, 6, 30));   /* 02:30 EDT */
	/* the last Friday of the month at 18:00 */
	sc = parse_ok("monthly", "fri", "18:00", "last", "America/New_York", dy_day_from_date(2027, 1, 1));
	assert_int_equal(dy_checkin_next(&sc, utc(2027, 1, 1, 0, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 1, 29, 23, 0));
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 2, 26, 23, 0));
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 26, 22, 0));   /* EDT */
	/* every other Wednesday from 2027-03-03 (EST) to 2027-03-17 (EDT) */
	sc = parse_ok("biweekly", "wed", "09:00", NULL, "America/New_York", dy_day_from_date(2027, 3, 1));
	assert_int_equal(dy_checkin_next(&sc, utc(2027, 3, 1, 0, 0), zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 3, 14, 0));
	assert_int_equal(dy_checkin_next(&sc, when + 1, zone_offset, NULL, &when, &err), 0);
	assert_int_equal(when, utc(2027, 3, 17, 13, 0));
	zone_leave();
}

/* The content lines of an iCalendar text, unfolded; asserts CRLF endings
 * and folded lines of at most 75 octets. Returns how many; lines[i] are
 * malloc'd. */
static size_t
unfold(const char *ics, char *lines[], size_t max)
{
	size_t n = 0;
	const char *p = ics;

	while (*p != '\0') {
		const char *eol = strstr(p, "\r\n");
		size_t len;

		assert_non_null(eol);
		len = (size_t)(eol - p);
		assert_true(len <= 75);
		assert_null(memchr(p, '\n', len));
		if (p[0] == ' ') {
			size_t old;

			assert_true(n > 0);
			old = strlen(lines[n - 1]);
			lines[n - 1] = realloc(lines[n - 1], old + len);
			assert_non_null(lines[n - 1]);
			memcpy(lines[n - 1] + old, p + 1, len - 1);
			lines[n - 1][old + len - 1] = '\0';
		} else {
			assert_true(n < max);
			lines[n] = malloc(len + 1);
			assert_non_null(lines[n]);
			memcpy(lines[n], p, len);
			lines[n][len] = '\0';
			n++;
		}
		p = eol + 2;
	}
	return n;
}

static int
has_line(char *lines[], size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i], want) == 0)
			return 1;
	return 0;
}

static void
icalendar_file_is_rfc5545_and_parses_back_to_the_schedule(void **state)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	char *ics = NULL, *lines[200];
	size_t len, n, i, depth = 0, daylight = 0, standard = 0;
	char uid[80];

	(void)state;
	zone_enter("Europe/London");
	sc = parse_ok("monthly", "thu", "19:30", "last", "Europe/London", dy_day_from_date(2026, 11, 29));
	memset(uid, 'a', 60);
	uid[60] = '\0';
	assert_int_equal(dy_checkin_ics(&sc, utc(2026, 11, 29, 17, 0), "0123456789abcdef0123456789abcdef", zone_offset,
	                                NULL, &ics, &len, &err),
	                 0);
	assert_int_equal(strlen(ics), len);
	n = unfold(ics, lines, 200);
	assert_string_equal(lines[0], "BEGIN:VCALENDAR");
	assert_string_equal(lines[n - 1], "END:VCALENDAR");
	assert_true(has_line(lines, n, "VERSION:2.0"));
	assert_true(has_line(lines, n, "TZID:Europe/London"));
	assert_true(has_line(lines, n, "DTSTART;TZID=Europe/London:20261231T193000"));
	assert_true(has_line(lines, n, "RRULE:FREQ=MONTHLY;BYDAY=-1TH"));
	assert_true(has_line(lines, n, "DTSTAMP:20261129T170000Z"));
	assert_true(has_line(lines, n, "UID:0123456789abcdef0123456789abcdef@dyad"));
	/* the change to BST in 2027, at 01:00 GMT, and back at 02:00 BST */
	assert_true(has_line(lines, n, "DTSTART:20270328T010000"));
	assert_true(has_line(lines, n, "DTSTART:20271031T020000"));
	/* components nest and close; every one of the zone's has its offsets */
	for (i = 0; i < n; i++) {
		char *colon = strchr(lines[i], ':');

		assert_non_null(colon);
		if (strncmp(lines[i], "BEGIN:", 6) == 0)
			depth++;
		if (strncmp(lines[i], "END:", 4) == 0) {
			assert_true(depth > 0);
			depth--;
		}
		if (strcmp(lines[i], "BEGIN:DAYLIGHT") == 0) {
			daylight++;
			assert_string_equal(lines[i + 2], "TZOFFSETFROM:+0000");
			assert_string_equal(lines[i + 3], "TZOFFSETTO:+0100");
		}
		if (strcmp(lines[i], "BEGIN:STANDARD") == 0) {
			standard++;
			assert_string_equal(lines[i + 2], "TZOFFSETFROM:+0100");
			assert_string_equal(lines[i + 3], "TZOFFSETTO:+0000");
		}
	}
	assert_int_equal(depth, 0);
	assert_true(daylight >= 10 && daylight <= 12);
	assert_true(standard >= 10 && standard <= 12);
	/* the description is long: it was folded, and unfolds whole */
	assert_non_null(strstr(ics, "\r\n "));
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(ics);
	zone_leave();

	/* a zone without changes, every other week */
	zone_enter("UTC");
	sc = parse_ok("biweekly", "tue", "08:00", NULL, "UTC", dy_day_from_date(2026, 11, 29));
	assert_int_equal(dy_checkin_ics(&sc, utc(2026, 11, 29, 17, 0), "x", zone_offset, NULL, &ics, &len, &err), 0);
	n = unfold(ics, lines, 200);
	assert_true(has_line(lines, n, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"));
	assert_true(has_line(lines, n, "DTSTART;TZID=UTC:20261201T080000"));
	assert_true(has_line(lines, n, "TZOFFSETTO:+0000"));
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(ics);
	assert_int_equal(dy_checkin_ics(&sc, 0, uid, zone_offset, NULL, &ics, &len, &err), DY_EINVAL);
	zone_leave();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schedules_are_read_as_people_give_them_and_bad_input_is_refused),
		cmocka_unit_test_setup_teardown(schedule_is_kept_by_the_space_and_bad_sets_change_nothing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test(london_weekly_check_in_keeps_its_local_time_across_both_changes),
		cmocka_unit_test(new_york_check_ins_land_on_local_time_around_its_changes),
		cmocka_unit_test(icalendar_file_is_rfc5545_and_parses_back_to_the_schedule),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
