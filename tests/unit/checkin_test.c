/* checkin_test.c - check-ins (checkin.h): a schedule is read as people
 * give it and bad input changes nothing; the next check-in keeps its local
 * time across daylight-saving changes (Europe/London, America/New_York,
 * through the host's zone data as the front ends use it); the iCalendar
 * file is well-formed RFC 5545 and says the same thing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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

static void
add_item(struct dy_session *s, const char *topic, const char *text, const char *link, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};

	if (dy_checkin_add(s, topic, text, strlen(text), link, id, &err) != 0)
		fail_msg("add %s: %s", text, err.msg);
}

static size_t
count_items(struct dy_session *s, const char *session, bool theirs_only)
{
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n = 0;

	assert_int_equal(dy_checkin_items(s, session, &l, &err), 0);
	for (size_t i = 0; i < l.count; i++)
		n += !theirs_only || !l.items[i].mine;
	dy_item_list_release(&l);
	return n;
}

static void
agenda_items_stay_hidden_from_the_partner_until_revealed_or_joined(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	char a1[DY_ID_LEN + 1], a2[DY_ID_LEN + 1], b1[DY_ID_LEN + 1], goal[DY_ID_LEN + 1], c[DY_ID_LEN + 1],
		c2[DY_ID_LEN + 1];
	json_t *g = json_pack("{s:s, s:s}", "statement", "Run a 10k", "status", "active");
	bool started, mine, theirs, ended;

	assert_int_equal(dy_item_create(f->a, &dy_kind_goal, NULL, g, NULL, 0, DY_VIS_PRIVATE, 0, goal, &err), 0);
	json_decref(g);
	add_item(f->a, "appreciation", "Thank you for the soup", NULL, a1);
	add_item(f->a, "goal", "My 10k training evenings", goal, a2);
	add_item(f->b, "concern", "Weekends feel rushed", NULL, b1);
	assert_int_equal(dy_item_get(f->a, &dy_kind_checkin_item, a2, strlen(a2), &it, &err), 0);
	assert_int_equal(it.vis, DY_VIS_HELD);
	assert_string_equal(json_string_value(json_object_get(it.fields, "link")), goal);
	dy_item_release(&it);
	/* held: Sam sees none of Alex's, by list or by id */
	assert_int_equal(count_items(f->a, NULL, false), 2);
	assert_int_equal(count_items(f->b, NULL, true), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_checkin_item, a1, strlen(a1), &it, &err), DY_ENOTFOUND);
	/* Sam cannot reveal Alex's item, nor link Alex's goal */
	assert_int_not_equal(dy_checkin_reveal(f->b, a1, strlen(a1), &err), 0);
	assert_int_equal(dy_checkin_add(f->b, "goal", "x", 1, goal, c, &err), DY_ENOTFOUND);
	assert_int_equal(dy_checkin_add(f->a, "gossip", "x", 1, NULL, c, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_add(f->a, "other", " \n ", 3, NULL, c, &err), DY_EINVAL);
	assert_int_equal(count_items(f->a, NULL, false), 2);
	/* revealed: seen */
	assert_int_equal(dy_checkin_reveal(f->a, a1, strlen(a1), &err), 0);
	assert_int_equal(count_items(f->b, NULL, true), 1);
	/* Sam starts and joins: Sam's item opens, Alex's held one stays hidden */
	assert_int_equal(dy_checkin_start(f->b, c, &started, &err), 0);
	assert_true(started);
	assert_int_equal(count_items(f->a, c, true), 1);
	assert_int_equal(count_items(f->b, c, false), 1);
	assert_int_equal(dy_item_get(f->b, &dy_kind_checkin_item, a2, strlen(a2), &it, &err), DY_ENOTFOUND);
	/* Alex joins by starting too: the same check-in, and both of Alex's open */
	assert_int_equal(dy_checkin_start(f->a, c2, &started, &err), 0);
	assert_false(started);
	assert_string_equal(c, c2);
	assert_int_equal(count_items(f->b, c, true), 2);
	assert_int_equal(count_items(f->b, NULL, false), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_checkin_item, a2, strlen(a2), &it, &err), 0);
	assert_int_equal(it.vis, DY_VIS_SHARED);
	dy_item_release(&it);
	assert_int_equal(dy_checkin_current(f->a, &it, &err), 0);
	assert_int_equal(dy_checkin_state(f->a, &it, &mine, &theirs, &ended, NULL, &err), 0);
	assert_true(mine && theirs && !ended);
	dy_item_release(&it);
	/* an item added during it waits for the next one */
	add_item(f->a, "other", "Later", NULL, a1);
	assert_int_equal(count_items(f->b, NULL, false), 0);
	assert_int_equal(dy_checkin_end(f->b, c, strlen(c), &err), 0);
	assert_int_equal(dy_checkin_end(f->a, c, strlen(c), &err), 0);
	assert_int_equal(dy_checkin_current(f->a, &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_checkin_join(f->a, c, strlen(c), &err), DY_EINVAL);
	assert_int_equal(count_items(f->b, NULL, false), 0);
	assert_int_equal(count_items(f->a, NULL, false), 1);
}

static void
boundaries_asked_about_come_onto_their_owners_agenda_on_their_own(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char bd[DY_ID_LEN + 1], ans[DY_ID_LEN + 1], c[DY_ID_LEN + 1];
	json_t *b = json_pack("{s:s, s:s, s:s}", "statement", "I need an hour alone after work", "form", "need", "area",
	                      "time");
	bool started;

	assert_int_equal(dy_item_create(f->a, &dy_kind_boundary, NULL, b, NULL, 0, DY_VIS_SHARED, 0, bd, &err), 0);
	json_decref(b);
	assert_int_equal(dy_checkin_asked(f->a, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	assert_int_equal(dy_boundary_answer(f->b, bd, strlen(bd), DY_BOUNDARY_DISCUSS, ans, &err), 0);
	assert_int_equal(dy_checkin_asked(f->a, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].id, bd);
	dy_item_list_release(&l);
	/* it is Alex's to bring, not Sam's */
	assert_int_equal(dy_checkin_asked(f->b, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	/* at the check-in it becomes Alex's item, linked, and leaves the list */
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_items(f->b, c, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "link")), bd);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "topic")), "boundary");
	dy_item_list_release(&l);
	assert_int_equal(dy_checkin_asked(f->a, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
}

static void
turns_follow_the_speaker_and_listener_roles(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char a1[DY_ID_LEN + 1], c[DY_ID_LEN + 1], t[DY_ID_LEN + 1];
	bool started;

	add_item(f->a, "concern", "Dishes", NULL, a1);
	assert_int_equal(dy_checkin_turn(f->b, a1, strlen(a1), DY_TURN_NOTE, "n", 1, false, t, &err), DY_ENOTFOUND);
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_turn(f->a, a1, strlen(a1), DY_TURN_PARAPHRASE, "I hear", 6, false, t, &err), DY_EPERM);
	assert_int_equal(dy_checkin_turn(f->b, a1, strlen(a1), DY_TURN_HEARD, NULL, 0, true, t, &err), DY_EPERM);
	assert_int_equal(dy_checkin_turn(f->b, a1, strlen(a1), DY_TURN_PARAPHRASE, "  ", 2, false, t, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_turns(f->a, a1, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	assert_int_equal(
		dy_checkin_turn(f->b, a1, strlen(a1), DY_TURN_PARAPHRASE, "You feel alone with the dishes", 30, false, t, &err),
		0);
	assert_int_equal(dy_checkin_turn(f->a, a1, strlen(a1), DY_TURN_HEARD, NULL, 0, true, t, &err), 0);
	assert_int_equal(dy_checkin_turn(f->a, a1, strlen(a1), DY_TURN_NOTE, "Rota idea", 9, false, t, &err), 0);
	assert_int_equal(dy_checkin_turns(f->b, a1, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "sort")), "paraphrase");
	assert_true(l.items[0].mine); /* Sam, the listener, paraphrased */
	assert_true(json_is_true(json_object_get(l.items[1].fields, "heard")));
	dy_item_list_release(&l);
}

static void
agreements_need_words_and_a_past_follow_up_is_only_a_warning(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	char c[DY_ID_LEN + 1], g[DY_ID_LEN + 1], g2[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	bool started, past;

	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "", 0, NULL, today, &past, g, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", " \t", 2, NULL, today, &past, g, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "nobody", "x", 1, NULL, today, &past, g, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "x", 1, "2027-02-30", today, &past, g, &err),
	                 DY_EINVAL);
	assert_int_equal(dy_checkin_agreements(f->a, c, false, today, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	assert_int_equal(
		dy_checkin_agree(f->a, c, strlen(c), "me", "Book the plumber", 16, "2026-11-01", today, &past, g, &err), 0);
	assert_true(past);
	assert_int_equal(
		dy_checkin_agree(f->b, c, strlen(c), "both", "Walk on Sundays", 15, "2026-12-06", today, &past, g2, &err), 0);
	assert_false(past);
	assert_int_equal(dy_checkin_agreements(f->b, c, false, today, &l, &err), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "what")), "Book the plumber");
	dy_item_list_release(&l);
	/* due: only the past one, until it is marked done */
	assert_int_equal(dy_checkin_agreements(f->b, NULL, true, today, &l, &err), 0);
	assert_int_equal(l.count, 1);
	dy_item_list_release(&l);
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), true, &err), 0);
	assert_int_equal(dy_checkin_agreements(f->b, NULL, true, today, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	assert_int_equal(dy_checkin_agreements(f->a, NULL, true, today + 7, &l, &err), 0);
	assert_int_equal(l.count, 1);
	dy_item_list_release(&l);
	assert_int_equal(dy_checkin_end(f->a, c, strlen(c), &err), 0);
	{
		struct dy_checkin_history h;

		assert_int_equal(dy_checkin_history(f->b, &h, &err), 0);
		assert_int_equal(h.checkins.count, 1);
		assert_string_equal(h.checkins.items[0].id, c);
		dy_checkin_history_release(&h);
	}
}

/* Who does agreement id, read by s: the doer, and their words copied
 * into words (a name points into the space's info, which is gone when
 * this returns). */
#define WORDS_MAX (DY_NAME_MAX + 32)
static enum dy_doer
doer(struct dy_session *s, const char *id, char words[WORDS_MAX])
{
	struct dy_space_info sp;
	struct dy_error err = {0};
	struct dy_item a;
	const char *name;
	enum dy_doer d;
	json_t *j;

	assert_int_equal(dy_whoami(s, &sp, &err), 0);
	assert_int_equal(dy_item_get(s, &dy_kind_checkin_agreement, id, strlen(id), &a, &err), 0);
	d = dy_checkin_doer(&a, &sp, NULL, &name);
	snprintf(words, WORDS_MAX, "%s", dy_checkin_doer_words(d, name));
	/* the JSON says the same, with the stored form the same for both */
	j = dy_checkin_agreement_json(&a, &sp, NULL, 0);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "who_is")), dy_checkin_doers[d]);
	assert_string_equal(json_string_value(json_object_get(j, "who_words")), words);
	json_decref(j);
	dy_item_release(&a);
	return d;
}

/* The stored "who" of agreement id, as s reads it. */
static const char *
stored_who(struct dy_session *s, const char *id, char out[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	struct dy_item a;

	assert_int_equal(dy_item_get(s, &dy_kind_checkin_agreement, id, strlen(id), &a, &err), 0);
	snprintf(out, DY_ID_LEN + 1, "%s", json_string_value(json_object_get(a.fields, "who")));
	dy_item_release(&a);
	return out;
}

static void
an_agreement_is_kept_as_the_person_and_each_partner_reads_it_from_their_side(void **state)
{
	struct fixture *f = *state;
	struct dy_space_info sp;
	struct dy_error err = {0};
	char c[DY_ID_LEN + 1], g1[DY_ID_LEN + 1], g2[DY_ID_LEN + 1], g3[DY_ID_LEN + 1], g4[DY_ID_LEN + 1],
		w1[DY_ID_LEN + 1], w2[DY_ID_LEN + 1];
	const char *sam_id = NULL, *alex_id = NULL;
	char words[WORDS_MAX];
	int32_t today = dy_day_from_date(2026, 11, 29);
	bool started, past;

	assert_int_equal(dy_whoami(f->a, &sp, &err), 0);
	for (int i = 0; i < sp.members; i++) {
		if (strcmp(sp.people[i].name, "Sam") == 0)
			sam_id = sp.people[i].id;
		else
			alex_id = sp.people[i].id;
	}
	assert_non_null(sam_id);
	assert_non_null(alex_id);
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	/* Alex: "me" is Alex; "partner" is Sam; a name in any case; both */
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "Call the plumber", 16, NULL, today, &past, g1, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "partner", "Book the table", 14, NULL, today, &past, g2,
	                                  &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->b, c, strlen(c), "alex", "Plan the walk", 13, NULL, today, &past, g3, &err), 0);
	assert_int_equal(dy_checkin_agree(f->b, c, strlen(c), "both", "Slow Sundays", 12, NULL, today, &past, g4, &err), 0);
	/* stored as the person, the same whoever wrote it */
	assert_string_equal(stored_who(f->b, g1, w1), alex_id);
	assert_string_equal(stored_who(f->b, g3, w2), alex_id);
	assert_string_equal(stored_who(f->a, g2, w1), sam_id);
	assert_string_equal(stored_who(f->a, g4, w1), "both");
	/* each reads it from their side, in their own words */
	assert_int_equal(doer(f->a, g1, words), DY_DOER_ME);
	assert_string_equal(words, "You");
	assert_int_equal(doer(f->b, g1, words), DY_DOER_PARTNER);
	assert_string_equal(words, "Alex");
	assert_int_equal(doer(f->a, g2, words), DY_DOER_PARTNER);
	assert_string_equal(words, "Sam");
	assert_int_equal(doer(f->b, g2, words), DY_DOER_ME);
	assert_string_equal(words, "You");
	assert_int_equal(doer(f->a, g3, words), DY_DOER_ME);
	assert_int_equal(doer(f->b, g3, words), DY_DOER_PARTNER);
	assert_int_equal(doer(f->a, g4, words), DY_DOER_BOTH);
	assert_string_equal(words, "Both of you");
	assert_int_equal(doer(f->b, g4, words), DY_DOER_BOTH);
	/* someone who is not in the space is refused, and nothing is written */
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "Robin", "x", 1, NULL, today, &past, g1, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "me, partner, both"));
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "", "x", 1, NULL, today, &past, g1, &err), DY_EINVAL);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), NULL, "x", 1, NULL, today, &past, g1, &err), DY_EINVAL);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_agreement, DY_FILTER_ALL), 4);
}

static void
an_agreement_written_before_with_me_or_partner_still_reads_right_for_both(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char c[DY_ID_LEN + 1], g1[DY_ID_LEN + 1], g2[DY_ID_LEN + 1], w[DY_ID_LEN + 1];
	char words[WORDS_MAX];
	bool started;
	/* as dy_checkin_agree stored them before: who as its author saw it */
	json_t *me = json_pack("{s:s, s:s}", "what", "Fix the bike", "who", "me");
	json_t *partner = json_pack("{s:s, s:s, s:s}", "what", "Water the plants", "who", "partner", "follow_up",
	                            "2026-12-01");

	assert_int_equal(dy_checkin_start(f->b, c, &started, &err), 0);
	assert_int_equal(dy_item_respond(f->b, &dy_kind_checkin_agreement, c, strlen(c), me, NULL, 0, g1, &err), 0);
	assert_int_equal(dy_item_respond(f->b, &dy_kind_checkin_agreement, c, strlen(c), partner, NULL, 0, g2, &err), 0);
	json_decref(me);
	json_decref(partner);
	assert_string_equal(stored_who(f->a, g1, w), "me");
	/* Sam wrote "me": Sam does it */
	assert_int_equal(doer(f->b, g1, words), DY_DOER_ME);
	assert_string_equal(words, "You");
	assert_int_equal(doer(f->a, g1, words), DY_DOER_PARTNER);
	assert_string_equal(words, "Sam");
	/* Sam wrote "partner": Alex does it */
	assert_int_equal(doer(f->a, g2, words), DY_DOER_ME);
	assert_int_equal(doer(f->b, g2, words), DY_DOER_PARTNER);
	assert_string_equal(words, "Alex");
	/* and it is still marked done by its author, as before */
	assert_int_equal(dy_checkin_agreement_done(f->b, g2, strlen(g2), true, &err), 0);
	assert_int_equal(doer(f->a, g2, words), DY_DOER_ME);
}

/* Whether agreement id is done as s reads it (through the JSON both
 * front ends show), and the name, side and count of its marks. */
static bool
done_as(struct dy_session *s, const char *id, size_t *count, const char **first, bool *first_mine)
{
	static char name[DY_NAME_MAX + 1];
	struct dy_item_list marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	struct dy_item a;
	json_t *j, *by;
	bool done;

	assert_int_equal(dy_whoami(s, &sp, &err), 0);
	assert_int_equal(dy_item_get(s, &dy_kind_checkin_agreement, id, strlen(id), &a, &err), 0);
	assert_int_equal(dy_checkin_done_marks(s, NULL, &marks, &err), 0);
	j = dy_checkin_agreement_json(&a, &sp, &marks, 0);
	assert_non_null(j);
	done = json_is_true(json_object_get(j, "done"));
	by = json_object_get(j, "done_by");
	*count = json_array_size(by);
	snprintf(name, sizeof(name), "%s", *count > 0 ? json_string_value(json_object_get(json_array_get(by, 0), "name")) : "");
	*first = name;
	*first_mine = *count > 0 && json_is_true(json_object_get(json_array_get(by, 0), "mine"));
	if (*count > 0)
		assert_non_null(json_string_value(json_object_get(json_array_get(by, 0), "at")));
	json_decref(j);
	dy_item_list_release(&marks);
	dy_item_release(&a);
	return done;
}

static size_t
due_count(struct dy_session *s, int32_t today)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	size_t n;

	assert_int_equal(dy_checkin_agreements(s, NULL, true, today, &l, &err), 0);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
either_partner_marks_an_agreement_done_with_a_record_of_their_own_and_takes_back_only_their_own(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item a;
	char c[DY_ID_LEN + 1], g[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	const char *name;
	size_t count;
	bool started, past, mine;

	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "both", "Book the plumber", 16, "2026-11-01", today, &past,
	                                  g, &err),
	                 0);
	assert_int_equal(due_count(f->a, today), 1);
	assert_false(done_as(f->b, g, &count, &name, &mine));
	assert_int_equal(count, 0);
	/* Sam marks Alex's agreement done: a record of Sam's, Alex's untouched */
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), true, &err), 0);
	assert_int_equal(dy_item_get(f->a, &dy_kind_checkin_agreement, g, strlen(g), &a, &err), 0);
	assert_int_equal(a.version, 1);
	assert_null(json_object_get(a.fields, "done"));
	dy_item_release(&a);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_MINE), 1);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_done, DY_FILTER_MINE), 0);
	/* both see it done, by whom */
	assert_true(done_as(f->a, g, &count, &name, &mine));
	assert_int_equal(count, 1);
	assert_string_equal(name, "Sam");
	assert_false(mine);
	assert_true(done_as(f->b, g, &count, &name, &mine));
	assert_true(mine);
	assert_int_equal(due_count(f->a, today), 0);
	assert_int_equal(due_count(f->b, today), 0);
	/* marking again writes nothing; Alex taking back a mark he never made changes nothing */
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), true, &err), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_MINE), 1);
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), false, &err), 0);
	assert_true(done_as(f->a, g, &count, &name, &mine));
	/* Alex marks it too: two marks, Sam's first */
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), true, &err), 0);
	assert_true(done_as(f->a, g, &count, &name, &mine));
	assert_int_equal(count, 2);
	assert_string_equal(name, "Sam");
	/* Sam takes his back: still done, by Alex */
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), false, &err), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_MINE), 0);
	assert_true(done_as(f->b, g, &count, &name, &mine));
	assert_int_equal(count, 1);
	assert_string_equal(name, "Alex");
	assert_false(mine);
	/* Alex takes his back: due again, for both */
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), false, &err), 0);
	assert_false(done_as(f->b, g, &count, &name, &mine));
	assert_int_equal(due_count(f->b, today), 1);
	/* an id that is no agreement */
	assert_int_equal(dy_checkin_agreement_done(f->b, c, strlen(c), true, &err), DY_ENOTFOUND);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_ALL), 0);
	/* the marks go when the agreement goes */
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), true, &err), 0);
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), true, &err), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_done, DY_FILTER_ALL), 2);
	assert_int_equal(dy_item_delete(f->a, &dy_kind_checkin_agreement, g, strlen(g), &err), 0);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_done, DY_FILTER_ALL), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_ALL), 0);
}

static void
an_agreement_marked_done_before_stays_done_by_its_author_who_alone_takes_that_back(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char c[DY_ID_LEN + 1], g[DY_ID_LEN + 1];
	const char *name;
	size_t count;
	bool started, mine;
	/* as an agreement marked done was stored before: its own "done" */
	json_t *old = json_pack("{s:s, s:s, s:s, s:b}", "what", "Fix the bike", "who", "me", "follow_up", "2026-11-01",
	                        "done", 1);

	assert_int_equal(dy_checkin_start(f->b, c, &started, &err), 0);
	assert_int_equal(dy_item_respond(f->b, &dy_kind_checkin_agreement, c, strlen(c), old, NULL, 0, g, &err), 0);
	json_decref(old);
	assert_true(done_as(f->a, g, &count, &name, &mine));
	assert_int_equal(count, 1);
	assert_string_equal(name, "Sam");
	assert_false(mine);
	assert_int_equal(due_count(f->a, dy_day_from_date(2026, 11, 29)), 0);
	/* Alex takes back what is not his: nothing changes */
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), false, &err), 0);
	assert_true(done_as(f->a, g, &count, &name, &mine));
	/* Sam marking it again adds nothing; taking it back clears the old "done" */
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), true, &err), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_ALL), 0);
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), false, &err), 0);
	assert_false(done_as(f->a, g, &count, &name, &mine));
	assert_int_equal(due_count(f->a, dy_day_from_date(2026, 11, 29)), 1);
}

/* The agreements and done marks s sees, as a pair of counts. */
static void
seen(struct dy_session *s, size_t *agreements, size_t *marks)
{
	*agreements = fx_count(s, &dy_kind_checkin_agreement, DY_FILTER_ALL);
	*marks = fx_count(s, &dy_kind_checkin_done, DY_FILTER_ALL);
}

static void
only_its_author_removes_an_agreement_and_both_partners_done_marks_go_with_it(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it = {0};
	char c[DY_ID_LEN + 1], g[DY_ID_LEN + 1], keep[DY_ID_LEN + 1], sams[DY_ID_LEN + 1], item[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	size_t n, m;
	bool started, past;

	add_item(f->a, "other", "Weekends", NULL, item);
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "both", "Book the plumbr", 15, "2026-11-01", today, &past,
	                                  g, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "Walk on Sundays", 15, NULL, today, &past, keep, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->b, c, strlen(c), "me", "Fix the gate", 12, NULL, today, &past, sams, &err), 0);
	/* both mark the mistyped one done, Sam the one that stays too */
	assert_int_equal(dy_checkin_agreement_done(f->a, g, strlen(g), true, &err), 0);
	assert_int_equal(dy_checkin_agreement_done(f->b, g, strlen(g), true, &err), 0);
	assert_int_equal(dy_checkin_agreement_done(f->b, keep, strlen(keep), true, &err), 0);
	assert_int_equal(dy_checkin_end(f->b, c, strlen(c), &err), 0);
	seen(f->a, &n, &m);
	assert_int_equal(n, 3);
	assert_int_equal(m, 3);

	/* Sam may mark Alex's agreement done, not remove it: refused, nothing changes */
	err = (struct dy_error){0};
	assert_int_equal(dy_checkin_agreement_delete(f->b, g, strlen(g), &err), DY_EPERM);
	assert_non_null(strstr(err.msg, "Alex's"));
	assert_int_equal(dy_checkin_agreement_delete(f->b, g, 8, &err), DY_EPERM);
	seen(f->b, &n, &m);
	assert_int_equal(n, 3);
	assert_int_equal(m, 3);
	seen(f->a, &n, &m);
	assert_int_equal(n, 3);
	assert_int_equal(m, 3);
	/* what is no agreement is missing, and stays */
	assert_int_equal(dy_checkin_agreement_delete(f->a, c, strlen(c), &err), DY_ENOTFOUND);
	assert_int_equal(dy_checkin_agreement_delete(f->a, item, strlen(item), &err), DY_ENOTFOUND);
	assert_int_equal(dy_checkin_agreement_delete(f->a, "nope", 4, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_get(f->a, &dy_kind_checkin, c, strlen(c), &it, &err), 0);
	dy_item_release(&it);
	assert_int_equal(dy_item_get(f->a, &dy_kind_checkin_item, item, strlen(item), &it, &err), 0);
	dy_item_release(&it);

	/* Alex removes it, from a check-in that has ended: both marks go with it */
	assert_int_equal(dy_checkin_agreement_delete(f->a, g, strlen(g), &err), 0);
	for (int i = 0; i < 2; i++) {
		struct dy_session *who = i == 0 ? f->a : f->b;

		seen(who, &n, &m);
		assert_int_equal(n, 2);
		assert_int_equal(m, 1);
		assert_int_equal(dy_item_get(who, &dy_kind_checkin_agreement, g, strlen(g), &it, &err), DY_ENOTFOUND);
		assert_int_equal(dy_item_get(who, &dy_kind_checkin_agreement, keep, strlen(keep), &it, &err), 0);
		dy_item_release(&it);
	}
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_done, DY_FILTER_MINE), 0);
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_done, DY_FILTER_MINE), 1);
	/* a second time it is missing */
	err = (struct dy_error){0};
	assert_int_equal(dy_checkin_agreement_delete(f->a, g, strlen(g), &err), DY_ENOTFOUND);
	assert_true(strlen(err.msg) > 0);
	/* Sam removes his own, in the check-in Alex started */
	assert_int_equal(dy_checkin_agreement_delete(f->a, sams, strlen(sams), &err), DY_EPERM);
	assert_int_equal(dy_checkin_agreement_delete(f->b, sams, strlen(sams), &err), 0);
	seen(f->a, &n, &m);
	assert_int_equal(n, 1);
	assert_int_equal(m, 1);
}

static void
database_holds_no_plaintext_of_agendas_turns_or_agreements(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char a1[DY_ID_LEN + 1], c[DY_ID_LEN + 1], t[DY_ID_LEN + 1];
	bool started, past;

	add_item(f->a, "concern", "MARKER-ITEM-quokka", NULL, a1);
	add_item(f->b, "other", "MARKER-HELD-wombat", NULL, t);
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_turn(f->b, a1, strlen(a1), DY_TURN_PARAPHRASE, "MARKER-PARA-axolotl", 19, false, t,
	                                 &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "MARKER-AGREE-pangolin", 21, "2027-01-05",
	                                  dy_day_from_date(2026, 11, 29), &past, t, &err),
	                 0);
	{
		const char *const marks[] = {"MARKER", "quokka", "wombat", "axolotl", "pangolin", "paraphrase", "concern"};

		fx_no_plaintext(f, marks, sizeof(marks) / sizeof(marks[0]));
	}
}

static void
a_check_in_needs_a_partner(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	bool started = true;

	fx_make_alex(f);
	assert_int_equal(dy_checkin_start(f->a, id, &started, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "invite your partner"));
	assert_false(started);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin, DY_FILTER_ALL), 0);
}

/* What the agenda, the agreements and the history leave out because it
 * could not be read (a damaged file) is counted: on the agenda an item I
 * may see (never my partner's held one); an agreement of the list's
 * check-in, due or not; in the history the check-ins, and every item and
 * agreement of any of them once, however many check-ins it shows. */
static void
checkin_lists_count_what_they_left_out_damaged(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item_list l;
	struct dy_checkin_history h;
	char a1[DY_ID_LEN + 1], a2[DY_ID_LEN + 1], b1[DY_ID_LEN + 1], c[DY_ID_LEN + 1], c2[DY_ID_LEN + 1],
		g1[DY_ID_LEN + 1], g2[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	bool started, past;

	add_item(f->a, "appreciation", "Thank you for the soup", NULL, a1);
	add_item(f->a, "concern", "Weekends feel rushed", NULL, a2);
	add_item(f->b, "other", "A held one of my own", NULL, b1);
	fx_damage(f, a2);
	fx_damage(f, b1);
	assert_int_equal(dy_checkin_items(f->a, NULL, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].id, a1);
	assert_int_equal(l.damaged, 1);
	dy_item_list_release(&l);
	/* Sam counts his own held item, never Alex's */
	assert_int_equal(dy_checkin_items(f->b, NULL, &l, &err), 0);
	assert_int_equal(l.count, 0);
	assert_int_equal(l.damaged, 1);
	dy_item_list_release(&l);

	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_int_equal(dy_checkin_start(f->b, c2, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "both", "Walk on Sundays", 15, "2026-11-01", today, &past,
	                                  g1, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "both", "Fix the gate", 12, "2026-11-01", today, &past, g2,
	                                  &err),
	                 0);
	assert_int_equal(dy_checkin_end(f->a, c, strlen(c), &err), 0);
	fx_damage(f, g2);
	for (int who = 0; who < 2; who++) {
		for (int due = 0; due < 2; due++) {
			assert_int_equal(dy_checkin_agreements(who ? f->b : f->a, due ? NULL : c, due, today, &l, &err), 0);
			assert_int_equal(l.count, 1);
			assert_string_equal(l.items[0].id, g1);
			assert_int_equal(l.damaged, 1);
			dy_item_list_release(&l);
		}
	}

	/* a second check-in: the history counts the damaged item and agreement
	 * once each, not once per check-in */
	assert_int_equal(dy_checkin_start(f->a, c2, &started, &err), 0);
	assert_true(started);
	assert_int_equal(dy_checkin_end(f->a, c2, strlen(c2), &err), 0);
	for (int who = 0; who < 2; who++) {
		assert_int_equal(dy_checkin_history(who ? f->b : f->a, &h, &err), 0);
		assert_int_equal(h.checkins.count, 2);
		assert_int_equal(h.damaged, 2);
		dy_checkin_history_release(&h);
	}
	fx_damage(f, c2);
	assert_int_equal(dy_checkin_history(f->a, &h, &err), 0);
	assert_int_equal(h.checkins.count, 1);
	assert_string_equal(h.checkins.items[0].id, c);
	assert_int_equal(h.damaged, 3);
	dy_checkin_history_release(&h);
}

/* Whether view v holds the records of list l, in the same order. */
static void
same_ids(const struct dy_item_list *v, const struct dy_item_list *l)
{
	assert_int_equal(v->count, l->count);
	for (size_t i = 0; i < l->count; i++)
		assert_string_equal(v->items[i].id, l->items[i].id);
}

/* The history reads each check-in, agenda item and agreement once and
 * finds a check-in's items and agreements in memory: the same, in the
 * same order, as the lists of that check-in give; my waiting items are
 * none of them, and my partner's held ones are not there at all. */
static void
the_history_finds_each_checkins_items_and_agreements_as_its_lists_do(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char c1[DY_ID_LEN + 1], c2[DY_ID_LEN + 1], x[DY_ID_LEN + 1], id[DY_ID_LEN + 1], turn[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	bool started, past;

	add_item(f->a, "appreciation", "Thank you for the soup", NULL, id);
	add_item(f->b, "concern", "Weekends feel rushed", NULL, id);
	add_item(f->a, "goal", "The cello again", NULL, id);
	assert_int_equal(dy_checkin_start(f->a, c1, &started, &err), 0);
	assert_int_equal(dy_checkin_start(f->b, x, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->b, c1, strlen(c1), "both", "Walk on Sundays", 15, NULL, today, &past, id, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c1, strlen(c1), "me", "Fix the gate", 12, NULL, today, &past, id, &err), 0);
	{
		struct dy_item_list l;

		/* what was said on the first check-in's items */
		assert_int_equal(dy_checkin_items(f->a, c1, &l, &err), 0);
		assert_int_equal(l.count, 3);
		for (size_t i = 0; i < l.count; i++) {
			struct dy_session *listener = l.items[i].mine ? f->b : f->a;

			assert_int_equal(dy_checkin_turn(listener, l.items[i].id, strlen(l.items[i].id), DY_TURN_PARAPHRASE,
			                                 "I heard you", 11, false, id, &err),
			                 0);
			if (i == 0)
				assert_int_equal(dy_checkin_turn(f->a, l.items[i].id, strlen(l.items[i].id), DY_TURN_NOTE,
				                                 "A note", 6, false, turn, &err),
				                 0);
		}
		dy_item_list_release(&l);
	}
	assert_int_equal(dy_checkin_end(f->a, c1, strlen(c1), &err), 0);
	add_item(f->b, "other", "Slower mornings", NULL, id);
	assert_int_equal(dy_checkin_start(f->b, c2, &started, &err), 0);
	assert_int_equal(dy_checkin_start(f->a, x, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c2, strlen(c2), "both", "Breakfast out", 13, NULL, today, &past, id, &err),
	                 0);
	assert_int_equal(dy_checkin_end(f->b, c2, strlen(c2), &err), 0);
	add_item(f->a, "other", "Held for the next one", NULL, id);
	for (int who = 0; who < 2; who++) {
		struct dy_session *s = who ? f->b : f->a;
		struct dy_checkin_history h;
		struct dy_item_list items, ag, l;

		assert_int_equal(dy_checkin_history(s, &h, &err), 0);
		assert_int_equal(dy_checkin_history_turns(s, &h, &err), 0);
		assert_int_equal(h.turns.count, 4);
		assert_int_equal(h.checkins.count, 2);
		assert_string_equal(h.checkins.items[0].id, c2);
		assert_int_equal(h.items.count, who ? 4u : 5u);  /* Alex's held one is his own */
		assert_int_equal(h.agreements.count, 3);
		assert_int_equal(h.damaged, 0);
		for (size_t i = 0; i < h.checkins.count; i++) {
			const char *c = h.checkins.items[i].id;

			bool mine, theirs, ended, mine2, theirs2, ended2;
			size_t bad = 99, bad2 = 99;

			assert_int_equal(dy_checkin_history_state(s, &h, &h.checkins.items[i], &mine, &theirs, &ended, &bad, &err),
			                 0);
			assert_int_equal(dy_checkin_state(s, &h.checkins.items[i], &mine2, &theirs2, &ended2, &bad2, &err), 0);
			assert_true(mine && theirs && ended && mine2 && theirs2 && ended2);
			assert_int_equal(bad, 0);
			assert_int_equal(bad2, 0);
			dy_checkin_history_of(&h, c, &items, &ag);
			assert_int_equal(items.count, i == 0 ? 1u : 3u);
			assert_int_equal(dy_checkin_items(s, c, &l, &err), 0);
			same_ids(&items, &l);
			dy_item_list_release(&l);
			for (size_t k = 0; k < items.count; k++) {
				struct dy_item_list t;

				assert_int_equal(dy_checkin_history_turns_of(s, &h, &items.items[k], &t, &err), 0);
				assert_int_equal(dy_checkin_turns(s, items.items[k].id, &l, &err), 0);
				same_ids(&t, &l);
				assert_int_equal(t.damaged, 0);
				dy_item_list_release(&l);
				dy_checkin_history_turns_done(&h, &t);
			}
			assert_int_equal(dy_checkin_agreements(s, c, false, 0, &l, &err), 0);
			same_ids(&ag, &l);
			dy_item_list_release(&l);
		}
		/* the waiting items, of no check-in; none for an id that is none */
		dy_checkin_history_of(&h, "", &items, &ag);
		assert_int_equal(items.count, who ? 0u : 1u);
		assert_int_equal(ag.count, 0);
		dy_checkin_history_of(&h, "ffffffff-ffff-4fff-bfff-ffffffffffff", &items, &ag);
		assert_int_equal(items.count + ag.count, 0);
		dy_checkin_history_release(&h);
	}
	/* a damaged turn: the list of all cannot say whose it was, so each
	 * item's turns are read again, and only its own item counts it */
	fx_damage(f, turn);
	{
		struct dy_checkin_history h;
		size_t counted = 0, total = 0;

		assert_int_equal(dy_checkin_history(f->b, &h, &err), 0);
		assert_int_equal(dy_checkin_history_turns(f->b, &h, &err), 0);
		assert_int_equal(h.turns.damaged, 1);
		for (size_t k = 0; k < h.items.count; k++) {
			struct dy_item_list t;

			assert_int_equal(dy_checkin_history_turns_of(f->b, &h, &h.items.items[k], &t, &err), 0);
			counted += t.damaged;
			total += t.count;
			dy_checkin_history_turns_done(&h, &t);
		}
		assert_int_equal(counted, 1);
		assert_int_equal(total, 3);
		dy_checkin_history_release(&h);
	}
}

/* The id of the one mark of kind k (a check-in's, or an agreement's done
 * mark) on parent whose field name is value, as s lists it. */
static void
mark_of(struct dy_session *s, const struct dy_kind *k, const char *parent, const char *name, const json_t *value,
        char id[DY_ID_LEN + 1])
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = DY_FILTER_ALL, .parent_id = parent};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t found = 0;

	assert_int_equal(dy_item_list(s, &q, &l, &err), 0);
	for (size_t i = 0; i < l.count; i++)
		if (json_equal(json_object_get(l.items[i].fields, name), value)) {
			memcpy(id, l.items[i].id, DY_ID_LEN + 1);
			found++;
		}
	dy_item_list_release(&l);
	assert_int_equal(found, 1);
}

/* A check-in's end mark that could not be read (a damaged file) leaves
 * it looking under way, and an agreement's done mark leaves it looking
 * not done: nothing guesses the state, but both partners are told how
 * many marks of that check-in or agreement could not be read, so the
 * front ends can say the state may be out of date. Only the damaged
 * agreement counts one; with none damaged, none is counted. */
static void
damaged_marks_are_counted_where_the_state_is_read(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item ci = {0}, cur = {0};
	struct dy_item_list marks;
	struct dy_space_info sp;
	char c0[DY_ID_LEN + 1], c[DY_ID_LEN + 1], c2[DY_ID_LEN + 1], g1[DY_ID_LEN + 1], g2[DY_ID_LEN + 1],
		m[DY_ID_LEN + 1];
	int32_t today = dy_day_from_date(2026, 11, 29);
	bool started, past, mine, theirs, ended;
	size_t n = 99;
	json_t *v, *j;

	/* an earlier check-in, whole */
	assert_int_equal(dy_checkin_start(f->a, c0, &started, &err), 0);
	assert_int_equal(dy_checkin_start(f->b, c2, &started, &err), 0);
	assert_int_equal(dy_checkin_end(f->b, c0, strlen(c0), &err), 0);
	assert_int_equal(dy_checkin_start(f->a, c, &started, &err), 0);
	assert_true(started);
	assert_int_equal(dy_checkin_start(f->b, c2, &started, &err), 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "both", "Walk on Sundays", 15, NULL, today, &past, g1, &err),
	                 0);
	assert_int_equal(dy_checkin_agree(f->a, c, strlen(c), "me", "Fix the gate", 12, NULL, today, &past, g2, &err), 0);
	assert_int_equal(dy_checkin_agreement_done(f->b, g1, strlen(g1), true, &err), 0);
	assert_int_equal(dy_checkin_agreement_done(f->a, g2, strlen(g2), true, &err), 0);
	assert_int_equal(dy_checkin_end(f->a, c, strlen(c), &err), 0);
	assert_int_equal(dy_item_get(f->a, &dy_kind_checkin, c, strlen(c), &ci, &err), 0);
	assert_int_equal(dy_checkin_state(f->a, &ci, &mine, &theirs, &ended, &n, &err), 0);
	assert_true(mine && theirs && ended);
	assert_int_equal(n, 0);
	assert_int_equal(dy_checkin_done_marks(f->a, NULL, &marks, &err), 0);
	assert_int_equal(marks.damaged, 0);
	n = 99;
	assert_int_equal(dy_checkin_done_damaged(f->a, &marks, g1, &n, &err), 0);
	assert_int_equal(n, 0);
	dy_item_list_release(&marks);

	/* the end mark damaged: the check-in reads as under way again, and
	 * says one of its marks could not be read, to both */
	v = json_string("end");
	mark_of(f->a, &dy_kind_checkin_mark, c, "act", v, m);
	json_decref(v);
	fx_damage(f, m);
	for (int who = 0; who < 2; who++) {
		n = 0;
		assert_int_equal(dy_checkin_state(who ? f->b : f->a, &ci, &mine, &theirs, &ended, &n, &err), 0);
		assert_false(ended);
		assert_int_equal(n, 1);
	}
	assert_int_equal(dy_checkin_current(f->b, &cur, &err), 0);
	assert_string_equal(cur.id, c);
	dy_item_release(&cur);
	/* the history, whose list of all marks cannot say whose a damaged one
	 * is, asks for this check-in's: the same state and count */
	{
		struct dy_checkin_history h;

		assert_int_equal(dy_checkin_history(f->a, &h, &err), 0);
		assert_int_equal(h.marks.damaged, 1);
		assert_int_equal(h.checkins.count, 2);
		for (size_t i = 0; i < h.checkins.count; i++) {
			bool is_c = strcmp(h.checkins.items[i].id, c) == 0;

			n = 99;
			assert_int_equal(dy_checkin_history_state(f->a, &h, &h.checkins.items[i], &mine, &theirs, &ended, &n,
			                                          &err),
			                 0);
			assert_int_equal(ended, !is_c);
			assert_int_equal(n, is_c ? 1u : 0u);
		}
		dy_checkin_history_release(&h);
	}

	/* Sam's done mark on the first agreement damaged: it reads as not
	 * done; that agreement counts one damaged mark, the other none */
	v = json_true();
	mark_of(f->a, &dy_kind_checkin_done, g1, "done", v, m);
	fx_damage(f, m);
	assert_int_equal(dy_whoami(f->a, &sp, &err), 0);
	for (int who = 0; who < 2; who++) {
		struct dy_session *s = who ? f->b : f->a;
		struct dy_item a = {0};

		assert_int_equal(dy_checkin_done_marks(s, NULL, &marks, &err), 0);
		assert_int_equal(marks.damaged, 1);
		assert_int_equal(dy_checkin_done_damaged(s, &marks, g1, &n, &err), 0);
		assert_int_equal(n, 1);
		assert_int_equal(dy_item_get(s, &dy_kind_checkin_agreement, g1, strlen(g1), &a, &err), 0);
		j = dy_checkin_agreement_json(&a, &sp, &marks, n);
		assert_non_null(j);
		assert_true(json_is_false(json_object_get(j, "done")));
		assert_int_equal(json_integer_value(json_object_get(j, "marks_damaged")), 1);
		json_decref(j);
		dy_item_release(&a);
		assert_int_equal(dy_checkin_done_damaged(s, &marks, g2, &n, &err), 0);
		assert_int_equal(n, 0);
		dy_item_list_release(&marks);
	}
	json_decref(v);
	dy_item_release(&ci);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schedules_are_read_as_people_give_them_and_bad_input_is_refused),
		cmocka_unit_test_setup_teardown(a_check_in_needs_a_partner, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(schedule_is_kept_by_the_space_and_bad_sets_change_nothing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test(london_weekly_check_in_keeps_its_local_time_across_both_changes),
		cmocka_unit_test(new_york_check_ins_land_on_local_time_around_its_changes),
		cmocka_unit_test(icalendar_file_is_rfc5545_and_parses_back_to_the_schedule),
		cmocka_unit_test_setup_teardown(agenda_items_stay_hidden_from_the_partner_until_revealed_or_joined,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(boundaries_asked_about_come_onto_their_owners_agenda_on_their_own,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(turns_follow_the_speaker_and_listener_roles, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(agreements_need_words_and_a_past_follow_up_is_only_a_warning,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_agreement_is_kept_as_the_person_and_each_partner_reads_it_from_their_side,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_agreement_written_before_with_me_or_partner_still_reads_right_for_both,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(
			either_partner_marks_an_agreement_done_with_a_record_of_their_own_and_takes_back_only_their_own,
			fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(
			an_agreement_marked_done_before_stays_done_by_its_author_who_alone_takes_that_back, fx_setup_couple,
			fx_teardown),
		cmocka_unit_test_setup_teardown(
			only_its_author_removes_an_agreement_and_both_partners_done_marks_go_with_it, fx_setup_couple,
			fx_teardown),
		cmocka_unit_test_setup_teardown(database_holds_no_plaintext_of_agendas_turns_or_agreements, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(checkin_lists_count_what_they_left_out_damaged, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(damaged_marks_are_counted_where_the_state_is_read, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(the_history_finds_each_checkins_items_and_agreements_as_its_lists_do,
		                                fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
