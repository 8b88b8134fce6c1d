/*
 * reaction.c - the reactivity log: the kind "reaction" and its trends
 * (intensity by week, how often I paused, my most frequent feelings and
 * triggers), counted in the person's own calendar. The feeling words are
 * the vocabulary of data/feelings.json, compiled in as feelings.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "record.h"
#include "util.h"
#include "banned.h"

bool
dy_feeling_known(const char *word, size_t len)
{
	size_t g, i;

	for (g = 0; g < dy_feeling_ngroups; g++)
		for (i = 0; i < dy_feeling_groups[g].nwords; i++) {
			const char *w = dy_feeling_groups[g].words[i];

			if (strlen(w) == len && memcmp(w, word, len) == 0)
				return true;
		}
	return false;
}

json_t *
dy_feelings_json(void)
{
	json_t *groups = json_array();
	size_t g, i;

	for (g = 0; groups != NULL && g < dy_feeling_ngroups; g++) {
		const struct dy_feeling_group *fg = &dy_feeling_groups[g];
		json_t *words = json_array();

		for (i = 0; words != NULL && i < fg->nwords; i++)
			if (json_array_append_new(words, json_string(fg->words[i])) != 0) {
				json_decref(words);
				words = NULL;
			}
		if (words == NULL || json_array_append_new(groups, json_pack("{s:s, s:s, s:o}", "id", fg->id, "label",
		                                                             fg->label, "words", words)) != 0) {
			json_decref(groups);
			groups = NULL;
		}
	}
	return groups != NULL ? json_pack("{s:o}", "groups", groups) : NULL;
}

/* Each feeling a word of the vocabulary (the type's check has run). */
int
dy_feelings_check(const json_t *v, struct dy_error *err)
{
	size_t i;

	for (i = 0; i < json_array_size(v); i++) {
		const json_t *w = json_array_get(v, i);

		if (!dy_feeling_known(json_string_value(w), json_string_length(w)))
			return dy_fail(err, DY_EINVAL,
			               "\"%.32s\" is not one of dyad's feeling words; choose from the list "
			               "(peaceful, hurt, anxious, angry, ...).",
			               json_string_value(w));
	}
	return 0;
}

static const struct dy_field reaction_fields[] = {
	{.name = "happened", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_REACT_TEXT_MAX},
	{.name = "triggers", .type = DY_F_TAGS, .min = 0, .max = DY_REACT_TRIGGERS_MAX, .tag_max = DY_REACT_TRIGGER_MAX},
	{.name = "feelings", .type = DY_F_TAGS, .min = 0, .max = DY_REACT_FEELINGS_MAX, .tag_max = DY_FEELING_MAX,
	 .check = dy_feelings_check},
	{.name = "intensity", .type = DY_F_INT, .required = true, .min = 0, .max = DY_REACT_INTENSITY_MAX},
	{.name = "urge", .type = DY_F_TEXT, .min = 0, .max = DY_REACT_TEXT_MAX},
	{.name = "did", .type = DY_F_TEXT, .min = 0, .max = DY_REACT_TEXT_MAX},
	{.name = "paused", .type = DY_F_BOOL, .required = true},
	{.name = "need", .type = DY_F_TEXT, .min = 0, .max = DY_REACT_TEXT_MAX},
	{.name = "at", .type = DY_F_TIME, .required = true, .min = DY_AT_MIN, .max = DY_AT_MAX},
};

const struct dy_kind dy_kind_reaction = {
	.name = "reaction",
	.noun = "reaction",
	.fields = reaction_fields,
	.nfields = sizeof(reaction_fields) / sizeof(reaction_fields[0]),
};

/* ------------------------------------------------------------- trends */

/* ASCII case-insensitive equality of a counted word and a C string. */
static bool
same_word(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (strlen(b) != alen)
		return false;
	for (i = 0; i < alen; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

struct counter {
	struct dy_react_top *v;
	size_t n, cap;
};

static int
count_word(struct counter *c, const char *s, size_t len)
{
	size_t j;

	if (s == NULL || len > DY_REACT_TRIGGER_MAX)
		return 0;
	for (j = 0; j < c->n; j++)
		if (same_word(s, len, c->v[j].word))
			break;
	if (j == c->n) {
		if (c->n == c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 16;
			struct dy_react_top *v = realloc(c->v, cap * sizeof(*v));

			if (v == NULL)
				return DY_ENOMEM;
			c->v = v;
			c->cap = cap;
		}
		/* one spelling for all: ASCII lower case */
		for (size_t k = 0; k < len; k++)
			c->v[j].word[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] - 'A' + 'a') : s[k];
		c->v[j].word[len] = '\0';
		c->v[j].count = 0;
		c->n++;
	}
	c->v[j].count++;
	return 0;
}

static int
count_words(struct counter *c, const json_t *arr)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *w = json_array_get(arr, i);

		if (count_word(c, json_string_value(w), json_string_length(w)) != 0)
			return DY_ENOMEM;
	}
	return 0;
}

static int
cmp_top(const void *a, const void *b)
{
	const struct dy_react_top *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->word, y->word);
}

static size_t
take_top(struct counter *c, struct dy_react_top out[DY_REACT_TOP])
{
	size_t i;

	if (c->n > 0)
		qsort(c->v, c->n, sizeof(*c->v), cmp_top);
	for (i = 0; i < c->n && i < DY_REACT_TOP; i++)
		out[i] = c->v[i];
	return i;
}

/* Reactions being tallied, one record at a time (rec_list). */
struct react_sink {
	struct dy_reaction_stats *st;
	dy_local_day_fn day;
	void *ctx;
	int32_t first_week;
	double sum, wsum[DY_REACT_WEEKS];
	struct counter feel, trig;
};

/* Count one reaction. Its fields are read in place when they are flat
 * (rec_fields_flat: no allocation, no parse), else through jansson. */
static int
react_take(void *vk, struct rec *r, struct dy_error *err)
{
	struct react_sink *k = vk;
	struct dy_reaction_stats *st = k->st;
	struct rec_member m[REC_MEMBERS_MAX];
	const struct rec_member *feel = NULL, *trig = NULL;
	json_t *f = NULL;
	int64_t inten = 0, at = 0;
	bool has_inten = false, has_at = false, paused = false;
	int n = rec_fields_flat(r, m), rc = 0;
	int32_t d;

	if (n >= 0) {
		for (int i = 0; i < n; i++) {
			const struct rec_member *x = &m[i];

			if (x->key_len == 9 && memcmp(x->key, "intensity", 9) == 0 && x->type == RV_INT) {
				inten = x->i;
				has_inten = true;
			} else if (x->key_len == 2 && memcmp(x->key, "at", 2) == 0 && x->type == RV_INT) {
				at = x->i;
				has_at = true;
			} else if (x->key_len == 6 && memcmp(x->key, "paused", 6) == 0) {
				paused = x->type == RV_TRUE;
			} else if (x->key_len == 8 && memcmp(x->key, "feelings", 8) == 0 && x->type == RV_STRINGS) {
				feel = x;
			} else if (x->key_len == 8 && memcmp(x->key, "triggers", 8) == 0 && x->type == RV_STRINGS) {
				trig = x;
			}
		}
	} else {
		const char *body;
		size_t body_len;
		const json_t *i, *a;

		if (rec_payload_split(r, &f, &body, &body_len, err) != 0)
			return DY_ECORRUPT;
		i = json_object_get(f, "intensity");
		a = json_object_get(f, "at");
		if ((has_inten = json_is_integer(i)))
			inten = json_integer_value(i);
		if ((has_at = json_is_integer(a)))
			at = json_integer_value(a);
		paused = json_is_true(json_object_get(f, "paused"));
	}
	if (!has_inten || !has_at) {
		json_decref(f);
		return dy_fail(err, DY_ECORRUPT, "Reaction %s is damaged.", r->id);
	}
	st->count++;
	st->paused += paused;
	k->sum += (double)inten;
	d = k->day(k->ctx, at);
	if (d >= k->first_week && d <= st->today) {
		size_t w = (size_t)((d - k->first_week) / 7);

		st->weeks[w].count++;
		st->weeks[w].paused += paused;
		k->wsum[w] += (double)inten;
	}
	if (f != NULL) {
		if (count_words(&k->feel, json_object_get(f, "feelings")) != 0 ||
		    count_words(&k->trig, json_object_get(f, "triggers")) != 0)
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		json_decref(f);
		return rc;
	}
	for (int j = 0; j < 2; j++) {
		const struct rec_member *x = j == 0 ? feel : trig;
		const char *p, *w;
		size_t len;

		if (x == NULL)
			continue;
		p = x->s;
		while (rec_strings_next(&p, x->s + x->len, &w, &len))
			if (count_word(j == 0 ? &k->feel : &k->trig, w, len) != 0)
				return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	return 0;
}

int
dy_reaction_stats(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx, struct dy_reaction_stats *out,
                  struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_reaction}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct dy_reaction_stats st;
	struct react_sink k;
	char next[DY_CURSOR_MAX + 1];
	bool oldest_first;
	size_t i;
	int rc;

	memset(&st, 0, sizeof(st));
	memset(&k, 0, sizeof(k));
	st.today = day(ctx, now);
	k.st = &st;
	k.day = day;
	k.ctx = ctx;
	k.first_week = dy_day_week_start(st.today) - 7 * (DY_REACT_WEEKS - 1);
	for (i = 0; i < DY_REACT_WEEKS; i++)
		st.weeks[i].monday = k.first_week + 7 * (int32_t)i;
	/* every record read and counted in turn, none kept */
	if ((rc = rec_list(s, &q, react_take, &k, &st.damaged, &oldest_first, next, err)) != 0)
		goto out;
	st.intensity = st.count > 0 ? k.sum / (double)st.count : 0;
	for (i = 0; i < DY_REACT_WEEKS; i++)
		if (st.weeks[i].count > 0)
			st.weeks[i].intensity = k.wsum[i] / st.weeks[i].count;
	st.week_count = st.weeks[DY_REACT_WEEKS - 1].count;
	st.week_paused = st.weeks[DY_REACT_WEEKS - 1].paused;
	st.nfeelings = take_top(&k.feel, st.feelings);
	st.ntriggers = take_top(&k.trig, st.triggers);
	*out = st;
out:
	free(k.feel.v);
	free(k.trig.v);
	return rc;
}

static json_t *
day_json(int32_t day)
{
	char buf[16];
	int y, m, d;

	dy_day_to_date(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	return json_string_nocheck(buf);
}

static json_t *
tops_json(const struct dy_react_top *t, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:i}", "word", t[i].word, "count", t[i].count)) != 0) {
			json_decref(a);
			a = NULL;
		}
	return a;
}

/* A mean rounded to one decimal, as JSON. */
static json_t *
mean_json(double v)
{
	return json_real((double)(long long)(v * 10 + 0.5) / 10);
}

json_t *
dy_reaction_stats_json(const struct dy_reaction_stats *st)
{
	json_t *weeks = json_array(), *feel = tops_json(st->feelings, st->nfeelings),
	       *trig = tops_json(st->triggers, st->ntriggers);
	size_t i;

	for (i = 0; weeks != NULL && i < DY_REACT_WEEKS; i++) {
		const struct dy_react_week *w = &st->weeks[i];

		if (json_array_append_new(weeks, json_pack("{s:o, s:i, s:i, s:o}", "from", day_json(w->monday), "count",
		                                           w->count, "paused", w->paused, "intensity",
		                                           w->count > 0 ? mean_json(w->intensity) : json_null())) != 0) {
			json_decref(weeks);
			weeks = NULL;
		}
	}
	if (weeks == NULL || feel == NULL || trig == NULL) {
		json_decref(weeks);
		json_decref(feel);
		json_decref(trig);
		return NULL;
	}
	return json_pack("{s:o, s:I, s:I, s:o, s:{s:i, s:i, s:o}, s:o, s:o, s:o, s:I}",
	                 "today", day_json(st->today),
	                 "count", (json_int_t)st->count,
	                 "paused", (json_int_t)st->paused,
	                 "intensity", st->count > 0 ? mean_json(st->intensity) : json_null(),
	                 "week", "count", st->week_count, "paused", st->week_paused,
	                 "from", day_json(st->weeks[DY_REACT_WEEKS - 1].monday),
	                 "weeks", weeks, "feelings", feel, "triggers", trig, "damaged", (json_int_t)st->damaged);
}

int
dy_reaction_chart(const struct dy_reaction_stats *st, const char *id, struct dy_buf *out, struct dy_error *err)
{
	struct dy_chart_point pts[DY_REACT_WEEKS];
	char labels[DY_REACT_WEEKS][16];
	struct dy_chart c;
	size_t i, n = 0;
	int rc;

	for (i = 0; i < DY_REACT_WEEKS; i++) {
		if (st->weeks[i].count == 0)
			continue;
		dy_day_short(st->weeks[i].monday, labels[n]);
		pts[n] = (struct dy_chart_point){.x = (double)i, .y = st->weeks[i].intensity, .label = labels[n]};
		n++;
	}
	memset(&c, 0, sizeof(c));
	c.kind = DY_CHART_LINE;
	c.id = id;
	c.title = "How strong my reactions were, week by week";
	c.x_label = "Week from Monday";
	c.y_label = "Mean intensity (0 to 10)";
	c.points = pts;
	c.n = n;
	c.fixed_x = 1;
	c.x_min = 0;
	c.x_max = DY_REACT_WEEKS - 1;
	c.fixed_y = 1;
	c.y_min = 0;
	c.y_max = DY_REACT_INTENSITY_MAX;
	c.decimals = 1;
	if ((rc = dy_chart_svg(&c, out)) != 0)
		return dy_fail(err, rc, rc == DY_ENOMEM ? "Out of memory." : "The chart could not be drawn.");
	return 0;
}
