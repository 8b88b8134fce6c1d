/*
 * practice.c - the practice log: the kind "practice" (a practice's name,
 * how long, when, a note) and its statistics in the person's own calendar:
 * minutes per week, days practised this week, streaks. The statistics
 * lead with what was done; a missed day is only a gap (days.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

const char *const dy_practice_names[] = {"meditation", "yoga", "breathing", "walking", NULL};

static int
name_field_check(const json_t *v, struct dy_error *err)
{
	return dy_practice_name_check(json_string_value(v), json_string_length(v), err);
}

static const struct dy_field practice_fields[] = {
	{.name = "practice", .type = DY_F_LINE, .required = true, .min = 1, .max = DY_PRACTICE_NAME_MAX,
	 .check = name_field_check},
	{.name = "seconds", .type = DY_F_INT, .required = true, .min = 1, .max = DY_DURATION_MAX},
	{.name = "at", .type = DY_F_TIME, .required = true, .min = DY_AT_MIN, .max = DY_AT_MAX},
	{.name = "note", .type = DY_F_TEXT, .min = 0, .max = DY_PRACTICE_NOTE_MAX},
};

const struct dy_kind dy_kind_practice = {
	.name = "practice",
	.noun = "session",
	.fields = practice_fields,
	.nfields = sizeof(practice_fields) / sizeof(practice_fields[0]),
};

int
dy_practice_name_check(const char *name, size_t len, struct dy_error *err)
{
	size_t i;

	if (name == NULL || len == 0)
		return dy_fail(err, DY_EINVAL, "Name the practice: meditation, yoga, breathing, walking or your own word.");
	if (len > DY_PRACTICE_NAME_MAX)
		return dy_fail(err, DY_ETOOBIG, "A practice's name is at most %d bytes.", DY_PRACTICE_NAME_MAX);
	if (!dy_utf8_valid(name, len))
		return dy_fail(err, DY_EINVAL, "The practice's name is not valid UTF-8 text.");
	if (name[0] == ' ' || name[len - 1] == ' ')
		return dy_fail(err, DY_EINVAL, "A practice's name does not start or end with a space.");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		/* letters of any script (bytes of multi-byte UTF-8), ASCII
		 * letters and digits, and a few joiners */
		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == ' ' || c == '-' || c == '\'')
			continue;
		return dy_fail(err, DY_EINVAL,
		               "A practice's name has letters, digits, spaces, '-' and ' only (not \"%c\").",
		               c >= 0x20 && c < 0x7f ? (char)c : '?');
	}
	return 0;
}

int
dy_practice_log(struct dy_session *s, const char *name, size_t name_len, int64_t seconds, int64_t at,
                const char *note, size_t note_len, bool share, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	json_t *f;
	int rc;

	f = json_pack("{s:o, s:I, s:I}", "practice", json_stringn_nocheck(name != NULL ? name : "", name != NULL ? name_len : 0),
	              "seconds", (json_int_t)seconds, "at", (json_int_t)at);
	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if (note != NULL && note_len > 0 &&
	    json_object_set_new_nocheck(f, "note", json_stringn_nocheck(note, note_len)) != 0) {
		json_decref(f);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	rc = dy_item_create(s, &dy_kind_practice, NULL, f, NULL, 0, share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, err);
	json_decref(f);
	return rc;
}

/* ---------------------------------------------------------- statistics */

static int
cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_total(const void *a, const void *b)
{
	const struct dy_practice_total *x = a, *y = b;

	if (x->seconds != y->seconds)
		return x->seconds < y->seconds ? 1 : -1;
	return strcmp(x->name, y->name);
}

int
dy_practice_tally(const struct dy_practice_rec *recs, size_t n, int32_t today, struct dy_practice_stats *out,
                  struct dy_error *err)
{
	struct dy_practice_stats st;
	struct dy_practice_total *totals = NULL;
	int32_t *days = NULL, first_week = dy_day_week_start(today) - 7 * (DY_PRACTICE_WEEKS - 1);
	int32_t last_day[DY_PRACTICE_WEEKS];
	size_t i, j, ntotals = 0;
	int rc = DY_ENOMEM;

	memset(&st, 0, sizeof(st));
	st.today = today;
	for (i = 0; i < DY_PRACTICE_WEEKS; i++) {
		st.weeks[i].monday = first_week + 7 * (int32_t)i;
		last_day[i] = INT32_MIN;
	}
	if (n > 0 && ((days = malloc(n * sizeof(*days))) == NULL || (totals = calloc(n, sizeof(*totals))) == NULL)) {
		dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct dy_practice_rec *r = &recs[i];

		days[i] = r->day;
		st.sessions++;
		st.seconds += r->seconds;
		if (r->day >= first_week && r->day <= today) {
			size_t w = (size_t)((r->day - first_week) / 7);

			st.weeks[w].seconds += r->seconds;
			st.weeks[w].sessions++;
		}
		for (j = 0; j < ntotals; j++)
			if (strcmp(totals[j].name, r->name) == 0)
				break;
		if (j == ntotals)
			dy_strlcpy(totals[ntotals++].name, r->name, sizeof(totals[0].name));
		totals[j].seconds += r->seconds;
		totals[j].sessions++;
	}
	if (n > 0)
		qsort(days, n, sizeof(*days), cmp_day);
	/* days practised in each week: distinct days, in order */
	for (i = 0; i < n; i++) {
		size_t w;

		if (days[i] < first_week || days[i] > today)
			continue;
		w = (size_t)((days[i] - first_week) / 7);
		if (days[i] != last_day[w]) {
			st.weeks[w].days++;
			last_day[w] = days[i];
		}
	}
	dy_streaks(days, n, today, &st.streak);
	st.week_seconds = st.weeks[DY_PRACTICE_WEEKS - 1].seconds;
	st.week_days = st.weeks[DY_PRACTICE_WEEKS - 1].days;
	if (ntotals > 0)
		qsort(totals, ntotals, sizeof(*totals), cmp_total);
	for (i = 0; i < ntotals && i < DY_PRACTICE_TOP; i++)
		st.top[st.ntop++] = totals[i];
	*out = st;
	rc = 0;
out:
	free(days);
	free(totals);
	return rc;
}

int
dy_practice_stats(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx, struct dy_practice_stats *out,
                  struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_practice}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct dy_item_list l;
	struct dy_practice_rec *recs = NULL;
	struct dy_practice_stats st;
	size_t i, n = 0, damaged;
	int rc;

	if ((rc = dy_item_list(s, &q, &l, err)) != 0)
		return rc;
	damaged = l.damaged;
	if (l.count > 0 && (recs = calloc(l.count, sizeof(*recs))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	for (i = 0; i < l.count; i++) {
		const json_t *f = l.items[i].fields;
		const json_t *name = json_object_get(f, "practice"), *secs = json_object_get(f, "seconds"),
		             *at = json_object_get(f, "at");

		if (!json_is_string(name) || !json_is_integer(secs) || !json_is_integer(at)) {
			damaged++;
			continue;
		}
		recs[n].name = json_string_value(name);
		recs[n].seconds = json_integer_value(secs);
		recs[n].day = day(ctx, json_integer_value(at));
		n++;
	}
	if ((rc = dy_practice_tally(recs, n, day(ctx, now), &st, err)) != 0)
		goto out;
	st.damaged = damaged;
	*out = st;
out:
	free(recs);
	dy_item_list_release(&l);
	return rc;
}

/* "YYYY-MM-DD" of a day number. */
static json_t *
day_json(int32_t day)
{
	char buf[16];
	int y, m, d;

	dy_day_to_date(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return json_string_nocheck(buf);
}

json_t *
dy_practice_stats_json(const struct dy_practice_stats *st)
{
	json_t *o, *weeks, *top;
	size_t i;

	weeks = json_array();
	top = json_array();
	for (i = 0; weeks != NULL && i < DY_PRACTICE_WEEKS; i++) {
		const struct dy_practice_week *w = &st->weeks[i];

		if (json_array_append_new(weeks, json_pack("{s:o, s:I, s:i, s:i}", "from", day_json(w->monday), "minutes",
		                                           (json_int_t)(w->seconds / 60), "sessions", w->sessions,
		                                           "days", w->days)) != 0) {
			json_decref(weeks);
			weeks = NULL;
		}
	}
	for (i = 0; top != NULL && i < st->ntop; i++) {
		if (json_array_append_new(top, json_pack("{s:s, s:I, s:i}", "name", st->top[i].name, "minutes",
		                                         (json_int_t)(st->top[i].seconds / 60), "sessions",
		                                         st->top[i].sessions)) != 0) {
			json_decref(top);
			top = NULL;
		}
	}
	if (weeks == NULL || top == NULL) {
		json_decref(weeks);
		json_decref(top);
		return NULL;
	}
	o = json_pack("{s:o, s:I, s:I, s:{s:I, s:i, s:o}, s:{s:i, s:i}, s:o, s:o}",
	              "today", day_json(st->today),
	              "sessions", (json_int_t)st->sessions,
	              "minutes", (json_int_t)(st->seconds / 60),
	              "week", "minutes", (json_int_t)(st->week_seconds / 60), "days", st->week_days,
	              "from", day_json(st->weeks[DY_PRACTICE_WEEKS - 1].monday),
	              "streak", "current", (int)st->streak.current, "longest", (int)st->streak.longest,
	              "weeks", weeks, "practices", top);
	return o;
}

void
dy_day_short(int32_t day, char out[16])
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, d;

	dy_day_to_date(day, &y, &m, &d);
	snprintf(out, 16, "%d %s", d, months[(m - 1) % 12]);
}

int
dy_practice_chart(const struct dy_practice_stats *st, const char *id, struct dy_buf *out, struct dy_error *err)
{
	struct dy_chart_point pts[DY_PRACTICE_WEEKS];
	char labels[DY_PRACTICE_WEEKS][16];
	struct dy_chart c;
	size_t i;
	int rc;

	for (i = 0; i < DY_PRACTICE_WEEKS; i++) {
		dy_day_short(st->weeks[i].monday, labels[i]);
		pts[i] = (struct dy_chart_point){.x = (double)i, .y = (double)(st->weeks[i].seconds / 60),
		                                 .label = labels[i]};
	}
	memset(&c, 0, sizeof(c));
	c.kind = DY_CHART_BAR;
	c.id = id;
	c.title = "Minutes of practice per week";
	c.x_label = "Week from Monday";
	c.y_label = "Minutes";
	c.unit = "minutes";
	c.points = pts;
	c.n = DY_PRACTICE_WEEKS;
	if ((rc = dy_chart_svg(&c, out)) != 0)
		return dy_fail(err, rc, rc == DY_ENOMEM ? "Out of memory." : "The chart could not be drawn.");
	return 0;
}
