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
#include "record.h"
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

/* Sessions being gathered, one record at a time (rec_list): their local
 * days, lengths and names, each name kept once. */
struct practice_sink {
	dy_local_day_fn day;
	void *ctx;
	struct dy_practice_rec *recs;
	size_t n, cap;
	char **names;
	size_t nnames, capnames;
};

/* The one copy of a practice's name. NULL when out of memory. */
static const char *
name_once(struct practice_sink *k, const char *s, size_t len)
{
	char *c;

	for (size_t i = 0; i < k->nnames; i++)
		if (strlen(k->names[i]) == len && memcmp(k->names[i], s, len) == 0)
			return k->names[i];
	if (k->nnames == k->capnames) {
		size_t cap = k->capnames ? k->capnames * 2 : 16;
		char **v = realloc(k->names, cap * sizeof(*v));

		if (v == NULL)
			return NULL;
		k->names = v;
		k->capnames = cap;
	}
	if ((c = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(c, s, len);
	c[len] = '\0';
	k->names[k->nnames++] = c;
	return c;
}

/* Take one session. Its fields are read in place when they are flat
 * (rec_fields_flat: no allocation, no parse), else through jansson. */
static int
practice_take(void *vk, struct rec *r, struct dy_error *err)
{
	struct practice_sink *k = vk;
	struct rec_member m[REC_MEMBERS_MAX];
	json_t *f = NULL;
	const char *name = NULL;
	size_t name_len = 0;
	int64_t secs = 0, at = 0;
	bool has_secs = false, has_at = false;
	int n = rec_fields_flat(r, m);

	if (n >= 0) {
		for (int i = 0; i < n; i++) {
			const struct rec_member *x = &m[i];

			if (x->key_len == 8 && memcmp(x->key, "practice", 8) == 0 && x->type == RV_STRING) {
				name = x->s;
				name_len = x->len;
			} else if (x->key_len == 7 && memcmp(x->key, "seconds", 7) == 0 && x->type == RV_INT) {
				secs = x->i;
				has_secs = true;
			} else if (x->key_len == 2 && memcmp(x->key, "at", 2) == 0 && x->type == RV_INT) {
				at = x->i;
				has_at = true;
			}
		}
	} else {
		const char *body;
		size_t body_len;
		const json_t *nm, *sc, *a;

		if (rec_payload_split(r, &f, &body, &body_len, err) != 0)
			return DY_ECORRUPT;
		nm = json_object_get(f, "practice");
		sc = json_object_get(f, "seconds");
		a = json_object_get(f, "at");
		if (json_is_string(nm)) {
			name = json_string_value(nm);
			name_len = json_string_length(nm);
		}
		if ((has_secs = json_is_integer(sc)))
			secs = json_integer_value(sc);
		if ((has_at = json_is_integer(a)))
			at = json_integer_value(a);
	}
	if (name == NULL || !has_secs || !has_at) {
		json_decref(f);
		return dy_fail(err, DY_ECORRUPT, "Session %s is damaged.", r->id);
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 1024;
		struct dy_practice_rec *v = realloc(k->recs, cap * sizeof(*v));

		if (v == NULL) {
			json_decref(f);
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		}
		k->recs = v;
		k->cap = cap;
	}
	k->recs[k->n].name = name_once(k, name, name_len);
	json_decref(f);
	if (k->recs[k->n].name == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	k->recs[k->n].seconds = secs;
	k->recs[k->n].day = k->day(k->ctx, at);
	k->n++;
	return 0;
}

int
dy_practice_stats(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx, struct dy_practice_stats *out,
                  struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_practice}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct practice_sink k = {.day = day, .ctx = ctx};
	struct dy_practice_stats st;
	char next[DY_CURSOR_MAX + 1];
	size_t damaged = 0;
	bool oldest_first;
	int rc;

	/* every record read in turn; only its day, length and name kept */
	if ((rc = rec_list(s, &q, practice_take, &k, &damaged, &oldest_first, next, err)) != 0)
		goto out;
	if ((rc = dy_practice_tally(k.recs, k.n, day(ctx, now), &st, err)) != 0)
		goto out;
	st.damaged = damaged;
	*out = st;
out:
	for (size_t i = 0; i < k.nnames; i++)
		free(k.names[i]);
	free(k.names);
	free(k.recs);
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
	o = json_pack("{s:o, s:I, s:I, s:{s:I, s:i, s:o}, s:{s:i, s:i}, s:o, s:o, s:I}",
	              "today", day_json(st->today),
	              "sessions", (json_int_t)st->sessions,
	              "minutes", (json_int_t)(st->seconds / 60),
	              "week", "minutes", (json_int_t)(st->week_seconds / 60), "days", st->week_days,
	              "from", day_json(st->weeks[DY_PRACTICE_WEEKS - 1].monday),
	              "streak", "current", (int)st->streak.current, "longest", (int)st->streak.longest,
	              "weeks", weeks, "practices", top, "damaged", (json_int_t)st->damaged);
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
