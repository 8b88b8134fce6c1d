/*
 * checkin.c - check-ins (checkin.h): the schedule, its next date in the
 * couple's zone, and its iCalendar file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

const char *const dy_checkin_freqs[] = {"weekly", "biweekly", "monthly", NULL};
const char *const dy_checkin_days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", NULL};
static const char *const day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                        "Sunday"};
static const char *const ics_days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

#define DAY_SECONDS 86400

/* ------------------------------------------------------------ schedule */

static int
lower_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = a[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != b[i])
			return 0;
	}
	return 1;
}

static int
parse_day(const char *day)
{
	size_t len = day != NULL ? strlen(day) : 0;
	int i;

	for (i = 0; i < 7; i++) {
		size_t full = strlen(dy_checkin_days[i]);

		if ((len == full || len == 3) && lower_eq(day, dy_checkin_days[i], len))
			return i;
	}
	return -1;
}

/* "HH:MM" or "H:MM", 00:00..23:59, as minutes; -1 when not. */
static int
parse_time(const char *t)
{
	size_t len = t != NULL ? strlen(t) : 0;
	size_t colon = len == 5 ? 2 : 1;
	int h = 0, m;
	size_t i;

	if ((len != 4 && len != 5) || t[colon] != ':')
		return -1;
	for (i = 0; i < colon; i++) {
		if (t[i] < '0' || t[i] > '9')
			return -1;
		h = h * 10 + (t[i] - '0');
	}
	if (t[colon + 1] < '0' || t[colon + 1] > '5' || t[colon + 2] < '0' || t[colon + 2] > '9')
		return -1;
	m = (t[colon + 1] - '0') * 10 + (t[colon + 2] - '0');
	if (h > 23)
		return -1;
	return h * 60 + m;
}

static int
schedule_check(const struct dy_checkin_schedule *sc, struct dy_error *err)
{
	if (sc->freq < DY_CHECKIN_WEEKLY || sc->freq > DY_CHECKIN_MONTHLY)
		return dy_fail(err, DY_EINVAL, "A check-in is weekly, biweekly or monthly.");
	if (sc->weekday < 0 || sc->weekday > 6)
		return dy_fail(err, DY_EINVAL, "A check-in's day is a weekday, Monday to Sunday.");
	if (sc->minute < 0 || sc->minute >= 24 * 60)
		return dy_fail(err, DY_EINVAL, "A check-in's time is from 00:00 to 23:59.");
	if (sc->freq == DY_CHECKIN_MONTHLY ? (sc->week < 1 || sc->week > DY_CHECKIN_LAST) : sc->week != 0)
		return dy_fail(err, DY_EINVAL, "Only a monthly check-in has a week of the month (1 to 4, or last).");
	if (sc->freq == DY_CHECKIN_BIWEEKLY ? dy_day_weekday(sc->anchor) != sc->weekday : sc->anchor != 0)
		return dy_fail(err, DY_EINVAL, "An every-other-week check-in starts on its own weekday.");
	if (!dy_zone_form(sc->zone, strnlen(sc->zone, sizeof(sc->zone))))
		return dy_fail(err, DY_EINVAL, "A time zone is a name like Europe/Berlin or UTC.");
	return 0;
}

int
dy_checkin_schedule_parse(const char *freq, const char *day, const char *time, const char *week, const char *zone,
                          int32_t today, struct dy_checkin_schedule *out, struct dy_error *err)
{
	struct dy_checkin_schedule sc;
	size_t zlen = zone != NULL ? strlen(zone) : 0;
	int i;

	memset(&sc, 0, sizeof(sc));
	for (i = 0; dy_checkin_freqs[i] != NULL; i++)
		if (freq != NULL && strcmp(freq, dy_checkin_freqs[i]) == 0)
			sc.freq = i + 1;
	if (sc.freq == DY_CHECKIN_NONE)
		return dy_fail(err, DY_EINVAL, "\"%.20s\" is not a frequency: a check-in is weekly, biweekly or monthly.",
		               freq != NULL ? freq : "");
	if ((sc.weekday = parse_day(day)) < 0)
		return dy_fail(err, DY_EINVAL, "\"%.20s\" is not a day: say a weekday, like thursday or thu.",
		               day != NULL ? day : "");
	if ((sc.minute = parse_time(time)) < 0)
		return dy_fail(err, DY_EINVAL, "\"%.20s\" is not a time: say HH:MM, from 00:00 to 23:59, like 19:30.",
		               time != NULL ? time : "");
	if (week != NULL && sc.freq != DY_CHECKIN_MONTHLY)
		return dy_fail(err, DY_EINVAL, "Only a monthly check-in has a week of the month.");
	if (sc.freq == DY_CHECKIN_MONTHLY) {
		if (week == NULL)
			sc.week = 1;
		else if (strcmp(week, "last") == 0)
			sc.week = DY_CHECKIN_LAST;
		else if (strlen(week) == 1 && week[0] >= '1' && week[0] <= '4')
			sc.week = week[0] - '0';
		else
			return dy_fail(err, DY_EINVAL, "\"%.20s\" is not a week of the month: say 1, 2, 3, 4 or last.",
			               week);
	}
	if (zone == NULL || zlen == 0 || zlen > DY_ZONE_MAX || !dy_zone_form(zone, zlen))
		return dy_fail(err, DY_EINVAL, "A time zone is a name like Europe/Berlin or UTC.");
	memcpy(sc.zone, zone, zlen + 1);
	if (sc.freq == DY_CHECKIN_BIWEEKLY)
		sc.anchor = today + (sc.weekday - dy_day_weekday(today) + 7) % 7;
	*out = sc;
	return 0;
}

int
dy_checkin_schedule_get(struct dy_session *s, struct dy_checkin_schedule *out, struct dy_error *err)
{
	struct dy_checkin_schedule sc;
	int rc;

	if ((rc = store_space_checkin(s->db, s->space_id, &sc, err)) != 0)
		return rc;
	if (sc.freq != DY_CHECKIN_NONE && schedule_check(&sc, err) != 0)
		return dy_fail(err, DY_ECORRUPT, "The stored check-in schedule is damaged; set it again.");
	*out = sc;
	return 0;
}

int
dy_checkin_schedule_set(struct dy_session *s, const struct dy_checkin_schedule *sc, struct dy_error *err)
{
	struct dy_checkin_schedule none;
	int rc;

	if (sc == NULL || sc->freq == DY_CHECKIN_NONE) {
		memset(&none, 0, sizeof(none));
		return store_space_set_checkin(s->db, s->space_id, &none, err);
	}
	if ((rc = schedule_check(sc, err)) != 0)
		return rc;
	return store_space_set_checkin(s->db, s->space_id, sc, err);
}

/* ------------------------------------------------------------ instants */

int64_t
dy_checkin_local_instant(int32_t day, int minute, dy_zone_offset_fn off, void *ctx)
{
	int64_t local = (int64_t)day * DAY_SECONDS + (int64_t)minute * 60;
	int64_t before = off(ctx, local - DAY_SECONDS), after = off(ctx, local + DAY_SECONDS);
	bool ok_before = off(ctx, local - before) == before, ok_after = off(ctx, local - after) == after;

	/* a zone changes its offset at most once within two days: the local
	 * time is in the offset before the change, after it, both (repeated:
	 * the first instant), or neither (skipped: the offset before) */
	if (ok_before && ok_after)
		return local - (before > after ? before : after);
	if (ok_after)
		return local - after;
	return local - before;
}

/* Floor division and modulo for days before 1970. */
static int32_t
mod(int32_t a, int32_t b)
{
	int32_t r = a % b;

	return r < 0 ? r + b : r;
}

static bool
occurs_on(const struct dy_checkin_schedule *sc, int32_t day)
{
	int y, m, d, y2, m2, d2;

	if (dy_day_weekday(day) != sc->weekday)
		return false;
	switch (sc->freq) {
	case DY_CHECKIN_WEEKLY:
		return true;
	case DY_CHECKIN_BIWEEKLY:
		return mod(day - sc->anchor, 14) == 0;
	case DY_CHECKIN_MONTHLY:
		dy_day_to_date(day, &y, &m, &d);
		if (sc->week == DY_CHECKIN_LAST) {
			dy_day_to_date(day + 7, &y2, &m2, &d2);
			return m2 != m;
		}
		return (d - 1) / 7 + 1 == sc->week;
	default:
		return false;
	}
}

/* The first day from `from` on (at most a year and a bit) with a check-in,
 * and its instant at or after t. */
static int
next_from(const struct dy_checkin_schedule *sc, int64_t t, dy_zone_offset_fn off, void *ctx, int32_t *day_out,
          int64_t *when)
{
	int64_t lt = t + off(ctx, t);
	int32_t today = (int32_t)((lt >= 0 ? lt : lt - (DAY_SECONDS - 1)) / DAY_SECONDS);
	int32_t d;

	for (d = today - 1; d <= today + 400; d++) {
		int64_t at;

		if (!occurs_on(sc, d))
			continue;
		at = dy_checkin_local_instant(d, sc->minute, off, ctx);
		if (at >= t) {
			*day_out = d;
			*when = at;
			return 0;
		}
	}
	return -1;
}

int
dy_checkin_next(const struct dy_checkin_schedule *sc, int64_t from, dy_zone_offset_fn off, void *ctx,
                int64_t *when, struct dy_error *err)
{
	int32_t day;
	int rc;

	if (sc == NULL || sc->freq == DY_CHECKIN_NONE)
		return dy_fail(err, DY_ENOTFOUND, "No check-in schedule yet: set one with its day and time.");
	if ((rc = schedule_check(sc, err)) != 0)
		return rc;
	if (next_from(sc, from, off, ctx, &day, when) != 0)
		return dy_fail(err, DY_EINVAL, "This schedule has no check-in within a year.");
	return 0;
}

void
dy_checkin_words(const struct dy_checkin_schedule *sc, char out[DY_CHECKIN_WORDS_MAX])
{
	static const char *const ordinal[] = {"", "first", "second", "third", "fourth", "last"};
	int h, m;

	out[0] = '\0';
	if (sc == NULL || sc->freq < DY_CHECKIN_WEEKLY || sc->freq > DY_CHECKIN_MONTHLY || sc->weekday < 0 ||
	    sc->weekday > 6 || sc->minute < 0 || sc->minute >= 1440)
		return;
	h = sc->minute / 60;
	m = sc->minute % 60;
	if (sc->freq == DY_CHECKIN_MONTHLY && sc->week >= 1 && sc->week <= DY_CHECKIN_LAST)
		snprintf(out, DY_CHECKIN_WORDS_MAX, "the %s %s of the month at %02d:%02d", ordinal[sc->week],
		         day_names[sc->weekday], h, m);
	else
		snprintf(out, DY_CHECKIN_WORDS_MAX, "every %s%s at %02d:%02d",
		         sc->freq == DY_CHECKIN_BIWEEKLY ? "other " : "", day_names[sc->weekday], h, m);
}

/* ----------------------------------------------------------- iCalendar */

/* A content line, folded at 75 octets (RFC 5545 3.1) without splitting a
 * UTF-8 character, and ended with CRLF. */
static int
ics_line(struct dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
ics_line(struct dy_buf *b, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	size_t len, i = 0, width = 75;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line))
		return dy_buf_fail(b, DY_ETOOBIG);
	len = (size_t)n;
	while (len - i > width) {
		size_t cut = i + width;

		while (cut > i && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		if (dy_buf_add(b, line + i, cut - i) != 0 || dy_buf_add(b, "\r\n ", 3) != 0)
			return -1;
		i = cut;
		width = 74; /* the leading space is one of the next line's 75 */
	}
	if (dy_buf_add(b, line + i, len - i) != 0)
		return -1;
	return dy_buf_add(b, "\r\n", 2);
}

/* An instant as local date-time text in offset o: 20261203T193000. */
static void
ics_local(int64_t t, int32_t o, char out[16])
{
	int64_t lt = t + o;
	int32_t day = (int32_t)((lt >= 0 ? lt : lt - (DAY_SECONDS - 1)) / DAY_SECONDS);
	int64_t sec = lt - (int64_t)day * DAY_SECONDS;
	int y, m, d;

	dy_day_to_date(day, &y, &m, &d);
	snprintf(out, 16, "%04u%02u%02uT%02u%02u%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100,
	         (unsigned)(sec / 3600) % 100, (unsigned)(sec / 60 % 60), (unsigned)(sec % 60));
}

/* +HHMM or -HHMM (+HHMMSS when there are seconds). */
static void
ics_offset(int32_t o, char out[9])
{
	unsigned a = (unsigned)(o < 0 ? -(int64_t)o : o) % (100 * 3600);

	if (a % 60 != 0)
		snprintf(out, 9, "%c%02u%02u%02u", o < 0 ? '-' : '+', a / 3600 % 100, a / 60 % 60, a % 60);
	else
		snprintf(out, 9, "%c%02u%02u", o < 0 ? '-' : '+', a / 3600 % 100, a / 60 % 60);
}

#define ICS_TRANSITIONS_MAX 64

struct transition {
	int64_t at;         /* the first instant of the new offset */
	int32_t from, to;
};

/* The offset changes in [lo, hi): stepping by 6 hours, then halving the
 * step down to the second. */
static size_t
transitions(int64_t lo, int64_t hi, dy_zone_offset_fn off, void *ctx, struct transition *v, size_t max)
{
	int64_t t;
	int32_t prev = off(ctx, lo);
	size_t n = 0;

	for (t = lo + 6 * 3600; t < hi && n < max; t += 6 * 3600) {
		int32_t cur = off(ctx, t);
		int64_t a = t - 6 * 3600, z = t;

		if (cur == prev)
			continue;
		while (z - a > 1) {
			int64_t mid = a + (z - a) / 2;

			if (off(ctx, mid) == prev)
				a = mid;
			else
				z = mid;
		}
		v[n].at = z;
		v[n].from = prev;
		v[n].to = off(ctx, z);
		n++;
		prev = cur;
	}
	return n;
}

int
dy_checkin_ics(const struct dy_checkin_schedule *sc, int64_t now, const char *uid, dy_zone_offset_fn off,
               void *ctx, char **out, size_t *out_len, struct dy_error *err)
{
	static const char *const ordinal[] = {"", "1", "2", "3", "4", "-1"};
	struct transition tr[ICS_TRANSITIONS_MAX];
	struct dy_buf b;
	char start[16], stamp[16], from[9], to[9], rule[64];
	int64_t first;
	int32_t day, o;
	size_t n, i;
	int y, m, d, rc;

	if ((rc = dy_checkin_next(sc, now, off, ctx, &first, err)) != 0)
		return rc;
	if (uid == NULL || strlen(uid) > DY_ID_LEN + 8)
		return dy_fail(err, DY_EINVAL, "A calendar needs a short unique id.");
	(void)next_from(sc, now, off, ctx, &day, &first);
	dy_day_to_date(day, &y, &m, &d);
	ics_local(first, off(ctx, first), start);
	ics_local(now, 0, stamp);
	if (sc->freq == DY_CHECKIN_MONTHLY)
		snprintf(rule, sizeof(rule), "FREQ=MONTHLY;BYDAY=%s%s", ordinal[sc->week], ics_days[sc->weekday]);
	else
		snprintf(rule, sizeof(rule), "FREQ=WEEKLY;%sBYDAY=%s", sc->freq == DY_CHECKIN_BIWEEKLY ? "INTERVAL=2;" : "",
		         ics_days[sc->weekday]);
	/* the zone's changes from a year before the first check-in to ten after */
	n = transitions(first - 366LL * DAY_SECONDS, first + 3653LL * DAY_SECONDS, off, ctx, tr, ICS_TRANSITIONS_MAX);
	dy_buf_init(&b, DY_CHECKIN_ICS_MAX);
	ics_line(&b, "BEGIN:VCALENDAR");
	ics_line(&b, "VERSION:2.0");
	ics_line(&b, "PRODID:-//dyad//check-ins//EN");
	ics_line(&b, "CALSCALE:GREGORIAN");
	ics_line(&b, "METHOD:PUBLISH");
	ics_line(&b, "BEGIN:VTIMEZONE");
	ics_line(&b, "TZID:%s", sc->zone);
	if (n == 0) {
		/* a zone without changes: one standard time from long ago */
		o = off(ctx, first);
		ics_offset(o, from);
		ics_line(&b, "BEGIN:STANDARD");
		ics_line(&b, "DTSTART:19700101T000000");
		ics_line(&b, "TZOFFSETFROM:%s", from);
		ics_line(&b, "TZOFFSETTO:%s", from);
		ics_line(&b, "END:STANDARD");
	}
	for (i = 0; i < n; i++) {
		const char *part = tr[i].to > tr[i].from ? "DAYLIGHT" : "STANDARD";
		char at[16];

		/* the onset in the local time in force before it */
		ics_local(tr[i].at, tr[i].from, at);
		ics_offset(tr[i].from, from);
		ics_offset(tr[i].to, to);
		ics_line(&b, "BEGIN:%s", part);
		ics_line(&b, "DTSTART:%s", at);
		ics_line(&b, "TZOFFSETFROM:%s", from);
		ics_line(&b, "TZOFFSETTO:%s", to);
		ics_line(&b, "END:%s", part);
	}
	ics_line(&b, "END:VTIMEZONE");
	ics_line(&b, "BEGIN:VEVENT");
	ics_line(&b, "UID:%s@dyad", uid);
	ics_line(&b, "DTSTAMP:%sZ", stamp);
	ics_line(&b, "DTSTART;TZID=%s:%s", sc->zone, start);
	ics_line(&b, "DURATION:PT1H");
	ics_line(&b, "RRULE:%s", rule);
	ics_line(&b, "SUMMARY:Our check-in");
	ics_line(&b, "DESCRIPTION:Time to talk: appreciations\\, goals\\, interests\\, boundaries and "
	             "anything on our minds. Each of us brings an agenda in dyad.");
	ics_line(&b, "END:VEVENT");
	ics_line(&b, "END:VCALENDAR");
	if ((rc = b.err) != 0) {
		dy_buf_release(&b);
		return dy_fail(err, rc, "Out of memory for the calendar.");
	}
	*out = dy_buf_take(&b, out_len);
	if (*out == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	return 0;
}
