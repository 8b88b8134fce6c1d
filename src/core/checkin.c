/*
 * checkin.c - check-ins (checkin.h): the schedule, its next date in the
 * couple's zone, and its iCalendar file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

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
	if ((sc.weekday = dy_weekday_parse(day, day != NULL ? strlen(day) : 0)) < 0)
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

json_t *
dy_checkin_schedule_json(const struct dy_checkin_schedule *sc)
{
	static const char *const weeks[] = {"", "1", "2", "3", "4", "last"};
	char words[DY_CHECKIN_WORDS_MAX], at[6];
	json_t *o;

	if (sc == NULL || sc->freq < DY_CHECKIN_WEEKLY || sc->freq > DY_CHECKIN_MONTHLY || sc->weekday < 0 ||
	    sc->weekday > 6 || sc->minute < 0 || sc->minute >= 1440 || sc->week < 0 || sc->week > DY_CHECKIN_LAST)
		return NULL;
	dy_checkin_words(sc, words);
	snprintf(at, sizeof(at), "%02u:%02u", (unsigned)sc->minute / 60 % 24, (unsigned)sc->minute % 60);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "frequency", dy_checkin_freqs[sc->freq - 1], "day",
	              dy_checkin_days[sc->weekday], "time", at, "zone", sc->zone, "words", words);
	if (o != NULL && sc->freq == DY_CHECKIN_MONTHLY &&
	    json_object_set_new(o, "week", json_string(weeks[sc->week])) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
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

/* ------------------------------------------------------------ agendas */

const char *const dy_checkin_topics[] = {"appreciation", "goal", "interest", "boundary", "concern", "other", NULL};
const char *const dy_checkin_whos[] = {"me", "partner", "both", NULL};
static const char *const mark_acts[] = {"join", "end", NULL};
static const char *const turn_sorts[] = {"paraphrase", "heard", "note", NULL};

static int
text_check(const json_t *v, struct dy_error *err)
{
	size_t n = dy_utf8_chars(json_string_value(v), json_string_length(v));

	if (n > DY_CHECKIN_CHARS)
		return dy_fail(err, DY_ETOOBIG, "That is %zu characters; at most %d fit.", n, DY_CHECKIN_CHARS);
	return 0;
}

/* The day of a date YYYY-MM-DD that exists, or -1. */
static int
date_day(const char *s, size_t len, int32_t *day)
{
	int v[3] = {0, 0, 0}, y2, m2, d2;
	static const int at[3] = {0, 5, 8}, width[3] = {4, 2, 2};

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int f = 0; f < 3; f++)
		for (int i = 0; i < width[f]; i++) {
			char c = s[at[f] + i];

			if (c < '0' || c > '9')
				return -1;
			v[f] = v[f] * 10 + (c - '0');
		}
	if (v[0] < 2000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return -1;
	*day = dy_day_from_date(v[0], v[1], v[2]);
	dy_day_to_date(*day, &y2, &m2, &d2);
	return y2 == v[0] && m2 == v[1] && d2 == v[2] ? 0 : -1;
}

static int
date_check(const json_t *v, struct dy_error *err)
{
	int32_t day;

	if (date_day(json_string_value(v), json_string_length(v), &day) != 0)
		return dy_fail(err, DY_EINVAL, "A follow-up date is written YYYY-MM-DD, like 2027-03-31 (not \"%.20s\").",
		               json_string_value(v));
	return 0;
}

static const struct dy_field item_fields[] = {
	{.name = "topic", .type = DY_F_CHOICE, .required = true, .choices = dy_checkin_topics},
	{.name = "statement", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_CHECKIN_TEXT_MAX,
	 .check = text_check},
	{.name = "link", .type = DY_F_LINE, .min = DY_ID_LEN, .max = DY_ID_LEN},
	{.name = "session", .type = DY_F_LINE, .min = DY_ID_LEN, .max = DY_ID_LEN},
};

const struct dy_kind dy_kind_checkin_item = {
	.name = "checkin_item",
	.noun = "agenda item",
	.fields = item_fields,
	.nfields = sizeof(item_fields) / sizeof(item_fields[0]),
};

const struct dy_kind dy_kind_checkin = {
	.name = "checkin",
	.noun = "check-in",
	.shared_by_default = true,
};

static const char *const answers_checkin[] = {"checkin", NULL};
static const char *const answers_item[] = {"checkin_item", NULL};

static const struct dy_field mark_fields[] = {
	{.name = "act", .type = DY_F_CHOICE, .required = true, .choices = mark_acts},
};

const struct dy_kind dy_kind_checkin_mark = {
	.name = "checkin_mark",
	.noun = "mark",
	.fields = mark_fields,
	.nfields = sizeof(mark_fields) / sizeof(mark_fields[0]),
	.responds_to = answers_checkin,
	.responder = DY_RESPOND_EITHER,
};

static const struct dy_field turn_fields[] = {
	{.name = "sort", .type = DY_F_CHOICE, .required = true, .choices = turn_sorts},
	{.name = "words", .type = DY_F_TEXT, .min = 1, .max = DY_CHECKIN_TEXT_MAX, .check = text_check},
	{.name = "heard", .type = DY_F_BOOL},
};

const struct dy_kind dy_kind_checkin_turn = {
	.name = "checkin_turn",
	.noun = "turn",
	.fields = turn_fields,
	.nfields = sizeof(turn_fields) / sizeof(turn_fields[0]),
	.responds_to = answers_item,
	.responder = DY_RESPOND_EITHER,
};

/* Who does an agreement, as stored: a person's id or "both"; or, in one
 * written before, its author's "me" or "partner" (dy_checkin_doer reads
 * both forms). */
static int
who_check(const json_t *v, struct dy_error *err)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);

	if (dy_id_valid(s, n) || strcmp(s, "both") == 0 || strcmp(s, "me") == 0 || strcmp(s, "partner") == 0)
		return 0;
	return dy_fail(err, DY_EINVAL, "An agreement is done by one of you (their id) or by both.");
}

static const struct dy_field agreement_fields[] = {
	{.name = "what", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_CHECKIN_TEXT_MAX, .check = text_check},
	{.name = "who", .type = DY_F_LINE, .required = true, .min = 2, .max = DY_ID_LEN, .check = who_check},
	{.name = "follow_up", .type = DY_F_LINE, .min = 10, .max = 10, .check = date_check},
	{.name = "done", .type = DY_F_BOOL},
};

const struct dy_kind dy_kind_checkin_agreement = {
	.name = "checkin_agreement",
	.noun = "agreement",
	.fields = agreement_fields,
	.nfields = sizeof(agreement_fields) / sizeof(agreement_fields[0]),
	.responds_to = answers_checkin,
	.responder = DY_RESPOND_EITHER,
};

static const char *const answers_agreement[] = {"checkin_agreement", NULL};

static const struct dy_field done_fields[] = {
	{.name = "done", .type = DY_F_BOOL, .required = true},
};

const struct dy_kind dy_kind_checkin_done = {
	.name = "checkin_done",
	.noun = "done mark",
	.fields = done_fields,
	.nfields = sizeof(done_fields) / sizeof(done_fields[0]),
	.responds_to = answers_agreement,
	.responder = DY_RESPOND_EITHER,
};

static const char *
field_str(const struct dy_item *it, const char *name)
{
	const char *v = json_string_value(json_object_get(it->fields, name));

	return v != NULL ? v : "";
}

/* Whether [p, p+n) is only spaces, tabs and line breaks. */
static bool
blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			return false;
	return true;
}

/* A JSON string of text, or NULL with err set when it is not UTF-8. */
static json_t *
text_value(const char *text, size_t len, struct dy_error *err)
{
	json_t *v;

	if (text == NULL || !dy_utf8_valid(text, len)) {
		dy_fail(err, DY_EINVAL, "Text must be UTF-8.");
		return NULL;
	}
	if ((v = json_stringn_nocheck(text, len)) == NULL)
		dy_fail(err, DY_ENOMEM, "Out of memory.");
	return v;
}

/* Put a list in the opposite order. */
static void
reverse(struct dy_item_list *l)
{
	for (size_t i = 0; i < l->count / 2; i++) {
		struct dy_item t = l->items[i];

		l->items[i] = l->items[l->count - 1 - i];
		l->items[l->count - 1 - i] = t;
	}
}

/* Keep the items of l that keep() says, in order. */
static void
keep_only(struct dy_item_list *l, bool (*keep)(void *ctx, const struct dy_item *it), void *ctx)
{
	size_t i, n = 0;

	for (i = 0; i < l->count; i++) {
		if (keep(ctx, &l->items[i]))
			l->items[n++] = l->items[i];
		else
			dy_item_release(&l->items[i]);
	}
	l->count = n;
}

/*
 * End the transaction a function here began, as its result rc says:
 * commit after success (0), roll back after a failure. Returns rc, or the
 * commit's error (a commit that fails is rolled back). A function that
 * writes several records begins at its top and ends here at its one out:
 * label, so that no path leaves the transaction open or commits a half.
 */
static int
tx_end(struct dy_session *s, int rc, struct dy_error *err)
{
	if (rc == 0)
		return dy_tx_commit(s->db, err);
	dy_tx_rollback(s->db);
	return rc;
}

static int
list_kind(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter, const char *parent,
          struct dy_item_list *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter, .parent_id = parent};

	return dy_item_list(s, &q, out, err);
}

int
dy_checkin_add(struct dy_session *s, const char *topic, const char *text, size_t text_len, const char *link,
               char id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct dy_item l = {0};
	json_t *f = NULL, *t;
	int rc;

	if (text == NULL || blank(text, text_len))
		return dy_fail(err, DY_EINVAL, "An agenda item needs a few words: what do you want to talk about?");
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((t = text_value(text, text_len, err)) == NULL) {
		rc = err->code;
		goto out;
	}
	if ((f = json_pack("{s:s?, s:o}", "topic", topic, "statement", t)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	if (link != NULL && link[0] != '\0') {
		rc = dy_item_get(s, &dy_kind_goal, link, strlen(link), &l, err);
		if (rc == DY_ENOTFOUND)
			rc = dy_item_get(s, &dy_kind_boundary, link, strlen(link), &l, err);
		if (rc == DY_ENOTFOUND)
			rc = dy_item_get(s, &dy_kind_question_answer, link, strlen(link), &l, err);
		if (rc == DY_ENOTFOUND || (rc == 0 && !l.mine))
			rc = dy_fail(err, DY_ENOTFOUND, "No goal, boundary or answer of yours %.36s to link to.", link);
		if (rc != 0)
			goto out;
		if (json_object_set_new(f, "link", json_string(l.id)) != 0) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto out;
		}
	}
	rc = dy_item_create(s, &dy_kind_checkin_item, NULL, f, NULL, 0, DY_VIS_HELD, DY_CHECKIN_HELD_UNTIL, id, err);
out:
	rc = tx_end(s, rc, err);
	dy_item_release(&l);
	json_decref(f);
	return rc;
}

int
dy_checkin_reveal(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	return dy_item_set_vis(s, &dy_kind_checkin_item, id, id_len, DY_VIS_SHARED, 0, err);
}

static bool
in_session(void *ctx, const struct dy_item *it)
{
	const char *want = ctx;

	return strcmp(field_str(it, "session"), want != NULL ? want : "") == 0;
}

int
dy_checkin_items(struct dy_session *s, const char *session, struct dy_item_list *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_checkin_item}, .nkinds = 1, .filter = DY_FILTER_ALL,
	                     .match = in_session, .match_ctx = (void *)(uintptr_t)session};
	int rc;

	if ((rc = dy_item_list(s, &q, out, err)) != 0)
		return rc;
	reverse(out);
	return 0;
}

struct asked_ctx {
	struct dy_session *s;
	const struct dy_item_list *items;   /* my agenda items */
	int rc;
	struct dy_error *err;
};

static bool
still_asked(void *ctx, const struct dy_item *b)
{
	struct asked_ctx *a = ctx;
	struct dy_boundary_status st;
	size_t i;

	if (a->rc != 0 || b->vis != DY_VIS_SHARED)
		return false;
	if ((a->rc = dy_boundary_status(a->s, b, &st, a->err)) != 0 || !st.discuss)
		return false;
	for (i = 0; i < a->items->count; i++) {
		const struct dy_item *it = &a->items->items[i];

		if (it->mine && strcmp(field_str(it, "link"), b->id) == 0 && it->created_at >= st.discuss_at)
			return false;
	}
	return true;
}

int
dy_checkin_asked(struct dy_session *s, struct dy_item_list *out, struct dy_error *err)
{
	struct dy_item_list items = {0};
	struct asked_ctx a = {s, &items, 0, err};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = list_kind(s, &dy_kind_checkin_item, DY_FILTER_MINE, NULL, &items, err)) != 0)
		return rc;
	if ((rc = list_kind(s, &dy_kind_boundary, DY_FILTER_MINE, NULL, out, err)) != 0)
		goto out;
	keep_only(out, still_asked, &a);
	if ((rc = a.rc) != 0)
		dy_item_list_release(out);
out:
	dy_item_list_release(&items);
	return rc;
}

/* A check-in's state from its marks l (join and end, either partner's). */
static void
state_of(const struct dy_item_list *l, bool *i_joined, bool *partner_joined, bool *ended)
{
	*i_joined = *partner_joined = *ended = false;
	for (size_t i = 0; i < l->count; i++) {
		if (strcmp(field_str(&l->items[i], "act"), "end") == 0)
			*ended = true;
		else if (l->items[i].mine)
			*i_joined = true;
		else
			*partner_joined = true;
	}
}

int
dy_checkin_state(struct dy_session *s, const struct dy_item *c, bool *i_joined, bool *partner_joined, bool *ended,
                 size_t *damaged, struct dy_error *err)
{
	struct dy_item_list l = {0};
	int rc;

	if ((rc = list_kind(s, &dy_kind_checkin_mark, DY_FILTER_ALL, c->id, &l, err)) != 0)
		return rc;
	state_of(&l, i_joined, partner_joined, ended);
	if (damaged != NULL)
		*damaged = l.damaged;
	dy_item_list_release(&l);
	return 0;
}

int
dy_checkin_current(struct dy_session *s, struct dy_item *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_checkin}, .nkinds = 1, .filter = DY_FILTER_ALL, .limit = 1};
	struct dy_item_list l = {0};
	bool mine, theirs, ended;
	int rc;

	if ((rc = dy_item_list(s, &q, &l, err)) != 0)
		return rc;
	if (l.count == 0) {
		rc = dy_fail(err, DY_ENOTFOUND, "No check-in has started.");
		goto out;
	}
	if ((rc = dy_checkin_state(s, &l.items[0], &mine, &theirs, &ended, NULL, err)) != 0)
		goto out;
	if (ended) {
		rc = dy_fail(err, DY_ENOTFOUND, "No check-in has started.");
		goto out;
	}
	*out = l.items[0];
	l.count = 0;
out:
	dy_item_list_release(&l);
	return rc;
}

/*
 * What the mark, turn and agreement functions share: in one transaction,
 * get record pid of kind parent (a check-in or an agenda item), let check
 * (NULL: none) say whether it takes the answer, and answer it with a
 * record of kind holding fields f. check returns 0 to write the answer,
 * ANSWER_NONE to write nothing and succeed, or an error with err set. f
 * stays the caller's (NULL is out of memory). id, when not NULL, gets the
 * answer's id; got, when not NULL, gets the parent, which the caller then
 * releases (on success only).
 */
#define ANSWER_NONE 1
typedef int (*answer_check_fn)(struct dy_session *s, const struct dy_item *parent, const void *ctx,
                               struct dy_error *err);

static int
answer(struct dy_session *s, const struct dy_kind *parent, const char *pid, size_t pid_len, answer_check_fn check,
       const void *ctx, const struct dy_kind *kind, json_t *f, char id[DY_ID_LEN + 1], struct dy_item *got,
       struct dy_error *err)
{
	struct dy_item p = {0};
	char unused[DY_ID_LEN + 1];
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	rc = dy_item_get(s, parent, pid, pid_len, &p, err);
	if (rc == 0 && check != NULL)
		rc = check(s, &p, ctx, err);
	if (rc == 0)
		rc = dy_item_respond(s, kind, p.id, strlen(p.id), f, NULL, 0, id != NULL ? id : unused, err);
	else if (rc == ANSWER_NONE)
		rc = 0;
	rc = tx_end(s, rc, err);
	if (rc == 0 && got != NULL)
		*got = p;
	else
		dy_item_release(&p);
	return rc;
}

/* Whether check-in c takes my mark act ("join" or "end"): joining an
 * ended one is refused; joining again, or ending again, writes nothing. */
static int
mark_check(struct dy_session *s, const struct dy_item *c, const void *act, struct dy_error *err)
{
	bool mine, theirs, ended;
	int rc;

	if ((rc = dy_checkin_state(s, c, &mine, &theirs, &ended, NULL, err)) != 0)
		return rc;
	if (strcmp(act, "end") == 0)
		return ended ? ANSWER_NONE : 0;
	if (ended)
		return dy_fail(err, DY_EINVAL, "This check-in has ended; start a new one.");
	return mine ? ANSWER_NONE : 0;
}

/* Mark check-in id with act, as mark_check allows; got as answer's. */
static int
mark(struct dy_session *s, const char *id, size_t id_len, const char *act, struct dy_item *got, struct dy_error *err)
{
	json_t *f = json_pack("{s:s}", "act", act);
	int rc = answer(s, &dy_kind_checkin, id, id_len, mark_check, act, &dy_kind_checkin_mark, f, NULL, got, err);

	json_decref(f);
	return rc;
}

/* Open my waiting item it at check-in id, for both of us. */
static int
open_item(struct dy_session *s, const struct dy_item *it, const char *id, struct dy_error *err)
{
	json_t *f = json_pack("{s:s}", "session", id);
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = dy_item_edit(s, &dy_kind_checkin_item, it->id, strlen(it->id), f, NULL, 0, err);
	json_decref(f);
	if (rc == 0 && it->vis != DY_VIS_SHARED)
		rc = dy_item_set_vis(s, &dy_kind_checkin_item, it->id, strlen(it->id), DY_VIS_SHARED, 0, err);
	return rc;
}

/* A boundary I was asked to talk about, as an item opened at check-in id. */
static int
asked_item(struct dy_session *s, const struct dy_item *b, const char *id, struct dy_error *err)
{
	json_t *f = json_pack("{s:s, s:O?, s:s, s:s}", "topic", "boundary", "statement",
	                      json_object_get(b->fields, "statement"),
	                      "link", b->id, "session", id);
	char iid[DY_ID_LEN + 1];
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = dy_item_create(s, &dy_kind_checkin_item, NULL, f, NULL, 0, DY_VIS_SHARED, 0, iid, err);
	json_decref(f);
	return rc;
}

int
dy_checkin_join(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	struct dy_item c = {0};
	struct dy_item_list items = {0}, asked = {0};
	size_t i;
	int rc;

	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = mark(s, id, id_len, "join", &c, err)) != 0 || (rc = dy_checkin_asked(s, &asked, err)) != 0)
		goto out;
	for (i = 0; i < asked.count; i++)
		if ((rc = asked_item(s, &asked.items[i], c.id, err)) != 0)
			goto out;
	if ((rc = list_kind(s, &dy_kind_checkin_item, DY_FILTER_MINE, NULL, &items, err)) != 0)
		goto out;
	for (i = 0; i < items.count; i++)
		if (field_str(&items.items[i], "session")[0] == '\0' &&
		    (rc = open_item(s, &items.items[i], c.id, err)) != 0)
			goto out;
out:
	rc = tx_end(s, rc, err);
	dy_item_list_release(&items);
	dy_item_list_release(&asked);
	dy_item_release(&c);
	return rc;
}

int
dy_checkin_start(struct dy_session *s, char id[DY_ID_LEN + 1], bool *started, struct dy_error *err)
{
	struct dy_item c = {0};
	char cid[DY_ID_LEN + 1];
	bool made = false;
	int rc;

	*started = false;
	{
		struct dy_space_info si;

		if ((rc = dy_whoami(s, &si, err)) != 0)
			return rc;
		if (si.members < 2)
			return dy_fail(err, DY_EINVAL, "A check-in is a talk for two: invite your partner first.");
	}
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	rc = dy_checkin_current(s, &c, err);
	if (rc == 0)
		memcpy(cid, c.id, sizeof(cid));
	else if (rc == DY_ENOTFOUND &&
	         (rc = dy_item_create(s, &dy_kind_checkin, NULL, NULL, NULL, 0, DY_VIS_SHARED, 0, cid, err)) == 0)
		made = true;
	if (rc == 0)
		rc = dy_checkin_join(s, cid, strlen(cid), err);
	if ((rc = tx_end(s, rc, err)) == 0) {
		memcpy(id, cid, sizeof(cid));
		*started = made;
	}
	dy_item_release(&c);
	return rc;
}

int
dy_checkin_end(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	return mark(s, id, id_len, "end", NULL, err);
}

/* Whether item it takes turn *sort: it has been opened at a check-in, a
 * paraphrase is the listener's and felt heard the speaker's. */
static int
turn_check(struct dy_session *s, const struct dy_item *it, const void *sort, struct dy_error *err)
{
	enum dy_turn_sort ts = *(const enum dy_turn_sort *)sort;

	(void)s;
	if (field_str(it, "session")[0] == '\0')
		return dy_fail(err, DY_EINVAL, "This item has not been opened at a check-in yet.");
	if (ts == DY_TURN_PARAPHRASE && it->mine)
		return dy_fail(err, DY_EPERM, "This item is yours: you speak, and your partner paraphrases it.");
	if (ts == DY_TURN_HEARD && !it->mine)
		return dy_fail(err, DY_EPERM, "This item is %s's: they say whether they felt heard.", it->author);
	return 0;
}

int
dy_checkin_turn(struct dy_session *s, const char *item_id, size_t item_len, enum dy_turn_sort sort, const char *text,
                size_t text_len, bool heard, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	json_t *f, *t = NULL;
	int rc;

	if (sort != DY_TURN_HEARD) {
		if (text == NULL || blank(text, text_len))
			return dy_fail(err, DY_EINVAL, sort == DY_TURN_PARAPHRASE
			                                   ? "A paraphrase needs a few words: what did you hear?"
			                                   : "A note needs a few words.");
		if ((t = text_value(text, text_len, err)) == NULL)
			return err->code;
	}
	if (sort == DY_TURN_HEARD)
		f = json_pack("{s:s, s:b}", "sort", "heard", "heard", heard);
	else
		f = json_pack("{s:s, s:o}", "sort", sort == DY_TURN_PARAPHRASE ? "paraphrase" : "note", "words", t);
	rc = answer(s, &dy_kind_checkin_item, item_id, item_len, turn_check, &sort, &dy_kind_checkin_turn, f, id, NULL, err);
	json_decref(f);
	return rc;
}

int
dy_checkin_turns(struct dy_session *s, const char *item_id, struct dy_item_list *out, struct dy_error *err)
{
	int rc;

	if ((rc = list_kind(s, &dy_kind_checkin_turn, DY_FILTER_ALL, item_id, out, err)) != 0)
		return rc;
	reverse(out);
	return 0;
}

/* The one of the space's people who is me (or, me false, my partner);
 * NULL when there is none. */
static const struct dy_person_info *
person_of(const struct dy_space_info *sp, bool me)
{
	for (int i = 0; i < sp->members && i < 2; i++)
		if (sp->people[i].me == me)
			return &sp->people[i];
	return NULL;
}

/* The stored "who" of what a person said: "both", or the id of the one
 * "me", "partner", a name or an id names in sp; NULL when none. */
static const char *
doer_of(const char *who, const struct dy_space_info *sp)
{
	const struct dy_person_info *p = NULL;
	size_t n = who != NULL ? strnlen(who, DY_NAME_INPUT_MAX + 1) : 0;

	if (n == 0 || n > DY_NAME_INPUT_MAX)
		return NULL;
	if (strcmp(who, "both") == 0)
		return "both";
	if (strcmp(who, "me") == 0 || strcmp(who, "partner") == 0)
		p = person_of(sp, strcmp(who, "me") == 0);
	for (int i = 0; p == NULL && i < sp->members && i < 2; i++)
		if (strcmp(sp->people[i].id, who) == 0 ||
		    dy_name_same(sp->people[i].name, strlen(sp->people[i].name), who, n))
			p = &sp->people[i];
	return p != NULL ? p->id : NULL;
}

enum dy_doer
dy_checkin_doer(const struct dy_item *a, const struct dy_space_info *sp, const char **id, const char **name)
{
	const char *who = field_str(a, "who");
	const struct dy_person_info *p = NULL;
	enum dy_doer d = DY_DOER_FORMER;

	if (strcmp(who, "both") == 0) {
		d = DY_DOER_BOTH;
	} else if (strcmp(who, "me") == 0 || strcmp(who, "partner") == 0) {
		/* written before: said from its author's side */
		p = person_of(sp, (strcmp(who, "me") == 0) == a->mine);
	} else {
		for (int i = 0; p == NULL && i < sp->members && i < 2; i++)
			if (strcmp(sp->people[i].id, who) == 0)
				p = &sp->people[i];
	}
	if (p != NULL)
		d = p->me ? DY_DOER_ME : DY_DOER_PARTNER;
	if (id != NULL)
		*id = p != NULL ? p->id : "";
	if (name != NULL)
		*name = p != NULL ? p->name : "";
	return d;
}

const char *const dy_checkin_doers[] = {"you", "partner", "both", "former", NULL};

const char *
dy_checkin_doer_words(enum dy_doer d, const char *name)
{
	switch (d) {
	case DY_DOER_ME: return "You";
	case DY_DOER_PARTNER: return name;
	case DY_DOER_BOTH: return "Both of you";
	default: return "A partner who left";
	}
}

void
dy_checkin_done_of(const struct dy_item *a, const struct dy_item_list *marks, struct dy_agreement_done *out)
{
	memset(out, 0, sizeof(*out));
	/* one written before: its author's own "done" */
	if (json_is_true(json_object_get(a->fields, "done"))) {
		out->marks[0].mine = a->mine;
		dy_strlcpy(out->marks[0].name, a->author, sizeof(out->marks[0].name));
		out->marks[0].at = a->updated_at;
		out->count = 1;
	}
	for (size_t i = 0; marks != NULL && i < marks->count && out->count < 2; i++) {
		const struct dy_item *m = &marks->items[i];
		bool seen = false;

		if (strcmp(m->parent_id, a->id) != 0 || !json_is_true(json_object_get(m->fields, "done")))
			continue;
		for (size_t k = 0; k < out->count; k++)
			seen = seen || out->marks[k].mine == m->mine;
		if (seen)
			continue; /* one each: its author's "done" from before, or a second mark */
		out->marks[out->count].mine = m->mine;
		dy_strlcpy(out->marks[out->count].name, m->author, sizeof(out->marks[out->count].name));
		out->marks[out->count].at = m->created_at;
		out->count++;
	}
	if (out->count == 2 && out->marks[1].at < out->marks[0].at) {
		struct dy_done_mark t = out->marks[0];

		out->marks[0] = out->marks[1];
		out->marks[1] = t;
	}
}

json_t *
dy_checkin_agreement_json(const struct dy_item *a, const struct dy_space_info *sp, const struct dy_item_list *marks,
                          size_t marks_damaged)
{
	const char *id, *name, *stored = field_str(a, "who");
	enum dy_doer d = dy_checkin_doer(a, sp, &id, &name);
	const char *words = dy_checkin_doer_words(d, name);
	struct dy_agreement_done done;
	json_t *o = dy_item_json(a), *who, *by;

	if (o == NULL)
		return NULL;
	if (id[0] != '\0')
		who = json_string(id);
	else if (d == DY_DOER_BOTH || dy_id_valid(stored, strlen(stored)))
		who = json_string(stored);
	else
		who = json_null();
	dy_checkin_done_of(a, marks, &done);
	by = json_array();
	for (size_t i = 0; by != NULL && i < done.count; i++) {
		char at[DY_TIME_ISO_LEN + 1];

		dy_time_iso(done.marks[i].at, at);
		if (json_array_append_new(by, json_pack("{s:b, s:s, s:s}", "mine", done.marks[i].mine, "name",
		                                        done.marks[i].name, "at", at)) != 0) {
			json_decref(by);
			by = NULL;
		}
	}
	if (json_object_set_new(o, "who", who) != 0 || json_object_set_new(o, "who_is", json_string(dy_checkin_doers[d])) != 0 ||
	    json_object_set_new(o, "who_words", json_string(words)) != 0 ||
	    json_object_set_new(o, "done", json_boolean(done.count > 0)) != 0 || by == NULL ||
	    json_object_set_new(o, "done_by", by) != 0 ||
	    json_object_set_new(o, "marks_damaged", json_integer((json_int_t)marks_damaged)) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
dy_checkin_agree(struct dy_session *s, const char *session, size_t session_len, const char *who, const char *what,
                 size_t what_len, const char *follow_up, int32_t today, bool *past, char id[DY_ID_LEN + 1],
                 struct dy_error *err)
{
	struct dy_space_info sp;
	const char *doer;
	json_t *f = NULL, *t;
	int32_t day = 0;
	int rc;

	*past = false;
	if (what == NULL || blank(what, what_len))
		return dy_fail(err, DY_EINVAL, "An agreement says what will be done: it cannot be empty.");
	if ((rc = dy_whoami(s, &sp, err)) != 0)
		return rc;
	if ((doer = doer_of(who, &sp)) == NULL)
		return dy_fail(err, DY_EINVAL,
		               "An agreement is for me, my partner or both of us (me, partner, both, or one of our names).");
	if (follow_up != NULL && follow_up[0] != '\0' && date_day(follow_up, strlen(follow_up), &day) != 0)
		return dy_fail(err, DY_EINVAL, "A follow-up date is written YYYY-MM-DD, like 2027-03-31 (not \"%.20s\").",
		               follow_up);
	if ((t = text_value(what, what_len, err)) == NULL)
		return err->code;
	if ((f = json_pack("{s:o, s:s}", "what", t, "who", doer)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if (follow_up != NULL && follow_up[0] != '\0' && json_object_set_new(f, "follow_up", json_string(follow_up)) != 0) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	if ((rc = answer(s, &dy_kind_checkin, session, session_len, NULL, NULL, &dy_kind_checkin_agreement, f, id, NULL,
	                 err)) != 0)
		goto out;
	*past = follow_up != NULL && follow_up[0] != '\0' && day < today;
out:
	json_decref(f);
	return rc;
}

int
dy_checkin_done_marks(struct dy_session *s, const char *id, struct dy_item_list *out, struct dy_error *err)
{
	int rc;

	if ((rc = list_kind(s, &dy_kind_checkin_done, DY_FILTER_ALL, id, out, err)) != 0)
		return rc;
	reverse(out);
	return 0;
}

int
dy_checkin_done_damaged(struct dy_session *s, const struct dy_item_list *marks, const char *id, size_t *n,
                        struct dy_error *err)
{
	struct dy_item_list l = {0};
	int rc;

	if (marks->damaged == 0) {
		*n = 0;
		return 0;
	}
	if ((rc = list_kind(s, &dy_kind_checkin_done, DY_FILTER_ALL, id, &l, err)) != 0)
		return rc;
	*n = l.damaged;
	dy_item_list_release(&l);
	return 0;
}

int
dy_checkin_agreement_done(struct dy_session *s, const char *id, size_t id_len, bool done, struct dy_error *err)
{
	struct dy_item a = {0};
	struct dy_item_list mine = {0};
	json_t *f = NULL;
	char mid[DY_ID_LEN + 1];
	bool before;
	int rc;

	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = dy_item_get(s, &dy_kind_checkin_agreement, id, id_len, &a, err)) != 0 ||
	    (rc = list_kind(s, &dy_kind_checkin_done, DY_FILTER_MINE, a.id, &mine, err)) != 0)
		goto out;
	/* my own "done" on an agreement I wrote before there were marks */
	before = a.mine && json_is_true(json_object_get(a.fields, "done"));
	if (done && mine.count == 0 && !before) {
		if ((f = json_pack("{s:b}", "done", 1)) == NULL) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto out;
		}
		if ((rc = dy_item_respond(s, &dy_kind_checkin_done, a.id, strlen(a.id), f, NULL, 0, mid, err)) != 0)
			goto out;
	}
	if (!done) {
		for (size_t i = 0; i < mine.count; i++)
			if ((rc = dy_item_delete(s, &dy_kind_checkin_done, mine.items[i].id, strlen(mine.items[i].id), err)) !=
			    0)
				goto out;
		if (before) {
			if ((f = json_pack("{s:n}", "done")) == NULL) {
				rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
				goto out;
			}
			if ((rc = dy_item_edit(s, &dy_kind_checkin_agreement, a.id, strlen(a.id), f, NULL, 0, err)) != 0)
				goto out;
		}
	}
out:
	rc = tx_end(s, rc, err);
	json_decref(f);
	dy_item_list_release(&mine);
	dy_item_release(&a);
	return rc;
}

int
dy_checkin_agreement_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	/* the owner check, and the marks going with it, are the record's */
	return dy_item_delete(s, &dy_kind_checkin_agreement, id, id_len, err);
}

struct due_ctx {
	int32_t today;
	const struct dy_item_list *marks;
};

static bool
is_due(void *ctx, const struct dy_item *it)
{
	const struct due_ctx *dc = ctx;
	struct dy_agreement_done done;
	const char *d = field_str(it, "follow_up");
	int32_t day;

	dy_checkin_done_of(it, dc->marks, &done);
	if (done.count > 0)
		return false;
	return date_day(d, strlen(d), &day) == 0 && day <= dc->today;
}

int
dy_checkin_agreements(struct dy_session *s, const char *session, bool due, int32_t today, struct dy_item_list *out,
                      struct dy_error *err)
{
	int rc;

	struct dy_item_list marks = {0};
	struct due_ctx dc = {today, &marks};

	if ((rc = list_kind(s, &dy_kind_checkin_agreement, DY_FILTER_ALL, session, out, err)) != 0)
		return rc;
	if (due) {
		if ((rc = dy_checkin_done_marks(s, NULL, &marks, err)) != 0) {
			dy_item_list_release(out);
			return rc;
		}
		keep_only(out, is_due, &dc);
		dy_item_list_release(&marks);
	}
	reverse(out);
	return 0;
}

/* A record's key and its place in its list, to sort by. */
struct keyed {
	const char *key;
	size_t at;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x->at > y->at) - (x->at < y->at);
}

static const char *
item_key(const struct dy_item *it)
{
	return field_str(it, "session");
}

/* An agreement's check-in, or a mark's: the record it answers. */
static const char *
agreement_key(const struct dy_item *it)
{
	return it->parent_id;
}

/* Sort l by key (an item's check-in, an agreement's or a mark's), keeping
 * the order within each key: the list's order breaks ties. */
static int
group_by(struct dy_item_list *l, const char *(*key)(const struct dy_item *), struct dy_error *err)
{
	struct keyed *k;
	struct dy_item *sorted;
	size_t i;

	if (l->count < 2)
		return 0;
	if (l->count > SIZE_MAX / sizeof(*sorted) || (k = calloc(l->count, sizeof(*k))) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((sorted = calloc(l->count, sizeof(*sorted))) == NULL) {
		free(k);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	for (i = 0; i < l->count; i++)
		k[i] = (struct keyed){key(&l->items[i]), i};
	qsort(k, l->count, sizeof(*k), keyed_cmp);
	for (i = 0; i < l->count; i++)
		sorted[i] = l->items[k[i].at];
	free(l->items);
	l->items = sorted;
	free(k);
	return 0;
}

int
dy_checkin_history(struct dy_session *s, struct dy_checkin_history *out, struct dy_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = list_kind(s, &dy_kind_checkin, DY_FILTER_ALL, NULL, &out->checkins, err)) != 0 ||
	    (rc = list_kind(s, &dy_kind_checkin_item, DY_FILTER_ALL, NULL, &out->items, err)) != 0 ||
	    (rc = list_kind(s, &dy_kind_checkin_agreement, DY_FILTER_ALL, NULL, &out->agreements, err)) != 0 ||
	    (rc = list_kind(s, &dy_kind_checkin_mark, DY_FILTER_ALL, NULL, &out->marks, err)) != 0)
		return rc;
	/* oldest first, then grouped by check-in with that order kept */
	reverse(&out->items);
	reverse(&out->agreements);
	if ((rc = group_by(&out->items, item_key, err)) != 0 ||
	    (rc = group_by(&out->agreements, agreement_key, err)) != 0 ||
	    (rc = group_by(&out->marks, agreement_key, err)) != 0)
		return rc;
	out->damaged = out->checkins.damaged + out->items.damaged + out->agreements.damaged;
	return 0;
}

void
dy_checkin_history_release(struct dy_checkin_history *h)
{
	if (h == NULL)
		return;
	dy_item_list_release(&h->checkins);
	dy_item_list_release(&h->items);
	dy_item_list_release(&h->agreements);
	dy_item_list_release(&h->marks);
	dy_item_list_release(&h->turns);
	h->damaged = 0;
}

/* The slice of l (grouped by key) whose key is id, as a view. */
static void
slice(const struct dy_item_list *l, const char *(*key)(const struct dy_item *), const char *id,
      struct dy_item_list *view)
{
	size_t lo = 0, hi = l->count, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(key(&l->items[mid]), id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < l->count && strcmp(key(&l->items[end]), id) == 0; end++)
		;
	memset(view, 0, sizeof(*view));
	view->items = l->count > 0 ? &l->items[lo] : NULL;
	view->count = end - lo;
	view->damaged = l->damaged;
}

void
dy_checkin_history_of(const struct dy_checkin_history *h, const char *id, struct dy_item_list *items,
                      struct dy_item_list *agreements)
{
	slice(&h->items, item_key, id, items);
	slice(&h->agreements, agreement_key, id, agreements);
}

int
dy_checkin_history_state(struct dy_session *s, const struct dy_checkin_history *h, const struct dy_item *c,
                         bool *i_joined, bool *partner_joined, bool *ended, size_t *damaged, struct dy_error *err)
{
	struct dy_item_list marks;

	/* a damaged mark's check-in is outside it, but the list of all cannot
	 * say whose it was: then ask for this one's */
	if (h->marks.damaged > 0)
		return dy_checkin_state(s, c, i_joined, partner_joined, ended, damaged, err);
	slice(&h->marks, agreement_key, c->id, &marks);
	state_of(&marks, i_joined, partner_joined, ended);
	if (damaged != NULL)
		*damaged = 0;
	return 0;
}

int
dy_checkin_history_turns(struct dy_session *s, struct dy_checkin_history *h, struct dy_error *err)
{
	int rc;

	dy_item_list_release(&h->turns);
	memset(&h->turns, 0, sizeof(h->turns));
	if ((rc = list_kind(s, &dy_kind_checkin_turn, DY_FILTER_ALL, NULL, &h->turns, err)) != 0)
		return rc;
	reverse(&h->turns);
	return group_by(&h->turns, agreement_key, err);
}

int
dy_checkin_history_turns_of(struct dy_session *s, const struct dy_checkin_history *h, const struct dy_item *it,
                            struct dy_item_list *out, struct dy_error *err)
{
	if (h->turns.damaged > 0)
		return dy_checkin_turns(s, it->id, out, err);
	slice(&h->turns, agreement_key, it->id, out);
	out->damaged = 0;
	return 0;
}

void
dy_checkin_history_turns_done(const struct dy_checkin_history *h, struct dy_item_list *l)
{
	/* a view into h when none was damaged (turns_of's rule), else its own */
	if (h->turns.damaged > 0)
		dy_item_list_release(l);
	else
		memset(l, 0, sizeof(*l));
}
