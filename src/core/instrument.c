/*
 * instrument.c - questionnaires: parsing and checking (docs/
 * instrument.schema.json), scoring, and the Reliable Change Index. See
 * instrument.h.
 *
 * The parsed questionnaire keeps jansson's document and points into its
 * strings, so it owns exactly two allocations: itself and its items.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

#define FORMAT "dyad-instrument/1"
#define SCALE_LABELS_MAX 11
#define RELIABLE_Z 1.96

struct dy_instrument {
	json_t *root;
	struct dy_instrument_info info;
	const char *labels[SCALE_LABELS_MAX];
	struct dy_instrument_facet facets[DY_INSTRUMENT_MAX_FACETS];
	struct dy_instrument_item *items;
};

/* ------------------------------------------------------- field checkers */

/* Refuse any member of obj not named in allowed (NULL-terminated). */
static int
known_fields(json_t *obj, const char *path, const char *const *allowed, struct dy_error *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i;
		bool ok = false;

		(void)v;
		for (i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok)
			return dy_fail(err, DY_EINVAL, "%s%s%.40s: this field is not part of a questionnaire.",
			               path, *path ? "." : "", key);
	}
	return 0;
}

static json_t *
member(json_t *obj, const char *key, const char *path, struct dy_error *err)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		dy_fail(err, DY_EINVAL, "%s%s%s: missing.", path, *path ? "." : "", key);
	return v;
}

/* v as a string of min..max bytes with no NUL and no control character;
 * where names the field in the message. */
static int
text_value(json_t *v, const char *where, size_t min, size_t max, const char **out,
           struct dy_error *err)
{
	const char *s;
	size_t n, i;

	if (!json_is_string(v))
		return dy_fail(err, DY_EINVAL, "%s: must be text.", where);
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) != n)
		return dy_fail(err, DY_EINVAL, "%s: must not contain a NUL character.", where);
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return dy_fail(err, DY_EINVAL, "%s: must not contain control characters.", where);
	if (n < min || n > max)
		return dy_fail(err, DY_EINVAL, "%s: must be %zu to %zu bytes long.", where, min, max);
	*out = s;
	return 0;
}

/* The member key of obj (at path) as text_value checks it. */
static int
text(json_t *obj, const char *key, const char *path, size_t min, size_t max, const char **out,
     struct dy_error *err)
{
	json_t *v = member(obj, key, path, err);
	char where[96];

	if (!v)
		return DY_EINVAL;
	snprintf(where, sizeof(where), "%s%s%s", path, *path ? "." : "", key);
	return text_value(v, where, min, max, out, err);
}

/* An id: a lower-case letter or digit, then those or '-', at most max. */
static int
ident(json_t *obj, const char *key, const char *path, size_t max, const char **out,
      struct dy_error *err)
{
	const char *s;
	size_t i;
	int rc;

	if ((rc = text(obj, key, path, 1, max, &s, err)) != 0)
		return rc;
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
			return dy_fail(err, DY_EINVAL,
			               "%s%s%s: \"%.40s\" must be lower-case letters, digits and '-'.",
			               path, *path ? "." : "", key, s);
	}
	*out = s;
	return 0;
}

static int
integer(json_t *obj, const char *key, const char *path, long min, long max, long *out,
        struct dy_error *err)
{
	json_t *v = member(obj, key, path, err);

	if (!v)
		return DY_EINVAL;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return dy_fail(err, DY_EINVAL, "%s%s%s: must be a whole number from %ld to %ld.", path,
		               *path ? "." : "", key, min, max);
	*out = (long)json_integer_value(v);
	return 0;
}

static int
flag(json_t *obj, const char *key, const char *path, bool *out, struct dy_error *err)
{
	json_t *v = member(obj, key, path, err);

	if (!v)
		return DY_EINVAL;
	if (!json_is_boolean(v))
		return dy_fail(err, DY_EINVAL, "%s%s%s: must be true or false.", path,
		               *path ? "." : "", key);
	*out = json_is_true(v);
	return 0;
}

/* A reliability (0 < r < 1) and a standard deviation (0 < sd <= 100). */
static int
norm(json_t *obj, const char *path, double *r, double *sd, struct dy_error *err)
{
	json_t *v;

	if (!(v = member(obj, "reliability", path, err)))
		return DY_EINVAL;
	if (!json_is_number(v) || !(json_number_value(v) > 0 && json_number_value(v) < 1))
		return dy_fail(err, DY_EINVAL, "%s.reliability: must be a number between 0 and 1.", path);
	*r = json_number_value(v);
	if (!(v = member(obj, "sd", path, err)))
		return DY_EINVAL;
	if (!json_is_number(v) || !(json_number_value(v) > 0 && json_number_value(v) <= 100))
		return dy_fail(err, DY_EINVAL, "%s.sd: must be a number above 0 and at most 100.", path);
	*sd = json_number_value(v);
	return 0;
}

/* --------------------------------------------------------------- parts */

static int
parse_scale(struct dy_instrument *in, json_t *root, struct dy_error *err)
{
	static const char *const fields[] = {"min", "max", "labels", NULL};
	json_t *scale = member(root, "scale", "", err), *labels;
	long min, max;
	size_t i;
	int rc;

	if (!scale)
		return DY_EINVAL;
	if (!json_is_object(scale))
		return dy_fail(err, DY_EINVAL, "scale: must be an object.");
	if ((rc = known_fields(scale, "scale", fields, err)) != 0 ||
	    (rc = integer(scale, "min", "scale", 0, 10, &min, err)) != 0 ||
	    (rc = integer(scale, "max", "scale", 1, 10, &max, err)) != 0)
		return rc;
	if (max <= min)
		return dy_fail(err, DY_EINVAL, "scale.max: must be above scale.min.");
	if (!(labels = member(scale, "labels", "scale", err)))
		return DY_EINVAL;
	if (!json_is_array(labels) || json_array_size(labels) != (size_t)(max - min + 1))
		return dy_fail(err, DY_EINVAL, "scale.labels: must be a list of %ld labels, one for each "
		               "point from %ld to %ld.", max - min + 1, min, max);
	for (i = 0; i < json_array_size(labels); i++) {
		char where[48];

		snprintf(where, sizeof(where), "scale.labels[%zu]", i);
		if ((rc = text_value(json_array_get(labels, i), where, 1, 60, &in->labels[i], err)) != 0)
			return rc;
	}
	in->info.scale_min = (int)min;
	in->info.scale_max = (int)max;
	in->info.labels = in->labels;
	return 0;
}

static int
parse_norms(struct dy_instrument *in, json_t *root, struct dy_error *err)
{
	static const char *const fields[] = {"provisional", "note", "overall", NULL};
	static const char *const norm_fields[] = {"reliability", "sd", NULL};
	json_t *norms = member(root, "norms", "", err), *overall;
	int rc;

	if (!norms)
		return DY_EINVAL;
	if (!json_is_object(norms))
		return dy_fail(err, DY_EINVAL, "norms: must be an object.");
	if ((rc = known_fields(norms, "norms", fields, err)) != 0 ||
	    (rc = flag(norms, "provisional", "norms", &in->info.provisional, err)) != 0 ||
	    (rc = text(norms, "note", "norms", 1, 2000, &in->info.norms_note, err)) != 0)
		return rc;
	if (!(overall = member(norms, "overall", "norms", err)))
		return DY_EINVAL;
	if (!json_is_object(overall))
		return dy_fail(err, DY_EINVAL, "norms.overall: must be an object.");
	if ((rc = known_fields(overall, "norms.overall", norm_fields, err)) != 0)
		return rc;
	return norm(overall, "norms.overall", &in->info.reliability, &in->info.sd, err);
}

static int
parse_facets(struct dy_instrument *in, json_t *root, struct dy_error *err)
{
	static const char *const fields[] = {"id", "name", "about", "high", "low", "reliability",
	                                     "sd", NULL};
	json_t *facets = member(root, "facets", "", err);
	size_t i, j;
	int rc;

	if (!facets)
		return DY_EINVAL;
	if (!json_is_array(facets) || json_array_size(facets) == 0 ||
	    json_array_size(facets) > DY_INSTRUMENT_MAX_FACETS)
		return dy_fail(err, DY_EINVAL, "facets: must be a list of 1 to %d facets.",
		               DY_INSTRUMENT_MAX_FACETS);
	for (i = 0; i < json_array_size(facets); i++) {
		json_t *f = json_array_get(facets, i);
		struct dy_instrument_facet *o = &in->facets[i];
		char path[48];

		snprintf(path, sizeof(path), "facets[%zu]", i);
		if (!json_is_object(f))
			return dy_fail(err, DY_EINVAL, "%s: must be an object.", path);
		if ((rc = known_fields(f, path, fields, err)) != 0 ||
		    (rc = ident(f, "id", path, 32, &o->id, err)) != 0 ||
		    (rc = text(f, "name", path, 1, 100, &o->name, err)) != 0 ||
		    (rc = text(f, "about", path, 1, 500, &o->about, err)) != 0 ||
		    (rc = text(f, "high", path, 1, 500, &o->high, err)) != 0 ||
		    (rc = text(f, "low", path, 1, 500, &o->low, err)) != 0 ||
		    (rc = norm(f, path, &o->reliability, &o->sd, err)) != 0)
			return rc;
		for (j = 0; j < i; j++)
			if (strcmp(in->facets[j].id, o->id) == 0)
				return dy_fail(err, DY_EINVAL, "%s.id: \"%s\" is used by facets[%zu] too.",
				               path, o->id, j);
	}
	in->info.n_facets = json_array_size(facets);
	return 0;
}

static int
parse_items(struct dy_instrument *in, json_t *root, struct dy_error *err)
{
	static const char *const fields[] = {"id", "facet", "text", "reverse", NULL};
	json_t *items = member(root, "items", "", err);
	size_t i, j, n;
	int rc;

	if (!items)
		return DY_EINVAL;
	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > DY_INSTRUMENT_MAX_ITEMS)
		return dy_fail(err, DY_EINVAL, "items: must be a list of 1 to %d items.",
		               DY_INSTRUMENT_MAX_ITEMS);
	n = json_array_size(items);
	if (!(in->items = calloc(n, sizeof(*in->items))))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	for (i = 0; i < n; i++) {
		json_t *it = json_array_get(items, i);
		struct dy_instrument_item *o = &in->items[i];
		const char *facet;
		char path[48];

		snprintf(path, sizeof(path), "items[%zu]", i);
		if (!json_is_object(it))
			return dy_fail(err, DY_EINVAL, "%s: must be an object.", path);
		if ((rc = known_fields(it, path, fields, err)) != 0 ||
		    (rc = ident(it, "id", path, 48, &o->id, err)) != 0 ||
		    (rc = text(it, "facet", path, 1, 32, &facet, err)) != 0 ||
		    (rc = text(it, "text", path, 1, 500, &o->text, err)) != 0 ||
		    (rc = flag(it, "reverse", path, &o->reverse, err)) != 0)
			return rc;
		for (j = 0; j < in->info.n_facets && strcmp(in->facets[j].id, facet); j++)
			;
		if (j == in->info.n_facets)
			return dy_fail(err, DY_EINVAL, "%s.facet: \"%.40s\" is not one of the facets.",
			               path, facet);
		o->facet = j;
		in->facets[j].items++;
		for (j = 0; j < i; j++)
			if (strcmp(in->items[j].id, o->id) == 0)
				return dy_fail(err, DY_EINVAL, "%s.id: \"%s\" is used by items[%zu] too.",
				               path, o->id, j);
	}
	in->info.n_items = n;
	for (j = 0; j < in->info.n_facets; j++)
		if (in->facets[j].items == 0)
			return dy_fail(err, DY_EINVAL, "facets[%zu]: no item belongs to \"%s\".", j,
			               in->facets[j].id);
	return 0;
}

/* ------------------------------------------------------------- the API */

int
dy_instrument_parse(const char *json, size_t len, struct dy_instrument **out,
                    struct dy_error *err)
{
	static const char *const fields[] = {"format", "id", "title", "version", "instructions",
	                                     "about", "scale", "norms", "facets", "items", NULL};
	struct dy_instrument *in = NULL;
	json_error_t jerr;
	const char *format;
	int rc;

	if (len > DY_INSTRUMENT_MAX_BYTES)
		return dy_fail(err, DY_ETOOBIG, "A questionnaire file can be at most %d KiB.",
		               DY_INSTRUMENT_MAX_BYTES / 1024);
	if (!(in = calloc(1, sizeof(*in))))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	in->root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!in->root) {
		rc = dy_fail(err, DY_EINVAL, "Not valid JSON (line %d, column %d): %s.", jerr.line,
		             jerr.column, jerr.text);
		goto out;
	}
	if (!json_is_object(in->root)) {
		rc = dy_fail(err, DY_EINVAL, "A questionnaire must be a JSON object.");
		goto out;
	}
	if ((rc = known_fields(in->root, "", fields, err)) != 0 ||
	    (rc = text(in->root, "format", "", 1, 64, &format, err)) != 0)
		goto out;
	if (strcmp(format, FORMAT) != 0) {
		rc = dy_fail(err, DY_EINVAL, "format: \"%.40s\" is not a format this dyad reads (\"%s\").",
		             format, FORMAT);
		goto out;
	}
	if ((rc = ident(in->root, "id", "", 64, &in->info.id, err)) != 0 ||
	    (rc = text(in->root, "title", "", 1, 200, &in->info.title, err)) != 0 ||
	    (rc = integer(in->root, "version", "", 1, 1000000, &in->info.version, err)) != 0 ||
	    (rc = text(in->root, "instructions", "", 1, 2000, &in->info.instructions, err)) != 0 ||
	    (rc = text(in->root, "about", "", 1, 4000, &in->info.about, err)) != 0 ||
	    (rc = parse_scale(in, in->root, err)) != 0 ||
	    (rc = parse_norms(in, in->root, err)) != 0 ||
	    (rc = parse_facets(in, in->root, err)) != 0 ||
	    (rc = parse_items(in, in->root, err)) != 0)
		goto out;
	*out = in;
	in = NULL;
	rc = 0;
out:
	dy_instrument_free(in);
	return rc;
}

void
dy_instrument_free(struct dy_instrument *in)
{
	if (!in)
		return;
	json_decref(in->root);
	free(in->items);
	free(in);
}

void
dy_instrument_info(const struct dy_instrument *in, struct dy_instrument_info *out)
{
	*out = in->info;
}

void
dy_instrument_facet(const struct dy_instrument *in, size_t i, struct dy_instrument_facet *out)
{
	*out = in->facets[i];
}

void
dy_instrument_item(const struct dy_instrument *in, size_t i, struct dy_instrument_item *out)
{
	*out = in->items[i];
}

long
dy_instrument_item_index(const struct dy_instrument *in, const char *id)
{
	size_t i;

	for (i = 0; i < in->info.n_items; i++)
		if (strcmp(in->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

int
dy_instrument_score(const struct dy_instrument *in, const int *answers, size_t n,
                    struct dy_instrument_score *out, struct dy_error *err)
{
	double sum[DY_INSTRUMENT_MAX_FACETS] = {0}, all = 0;
	int lo = in->info.scale_min, hi = in->info.scale_max;
	size_t i;

	if (n != in->info.n_items)
		return dy_fail(err, DY_EINVAL, "This questionnaire has %zu items; %zu answers were given.",
		               in->info.n_items, n);
	for (i = 0; i < n; i++) {
		const struct dy_instrument_item *it = &in->items[i];
		int a = answers[i];

		if (a == DY_INSTRUMENT_NO_ANSWER)
			return dy_fail(err, DY_EINVAL, "Item %s has no answer yet.", it->id);
		if (a < lo || a > hi)
			return dy_fail(err, DY_EINVAL, "The answer to item %s must be from %d to %d.",
			               it->id, lo, hi);
		if (it->reverse)
			a = lo + hi - a;
		sum[it->facet] += a;
		all += a;
	}
	memset(out, 0, sizeof(*out));
	out->n_facets = in->info.n_facets;
	for (i = 0; i < in->info.n_facets; i++)
		out->facet[i] = sum[i] / (double)in->facets[i].items;
	out->overall = all / (double)n;
	return 0;
}

int
dy_change(double x1, double x2, double sd, double r, struct dy_change *out)
{
	struct dy_change c;

	if (!isfinite(x1) || !isfinite(x2) || !(sd > 0) || !isfinite(sd) || !(r > 0 && r < 1))
		return DY_EINVAL;
	c.sem = sd * sqrt(1 - r);
	c.s_diff = sqrt(2.0) * c.sem;
	c.rci = (x2 - x1) / c.s_diff;
	c.reliable_delta = RELIABLE_Z * c.s_diff;
	c.verdict = c.rci > RELIABLE_Z ? DY_CHANGE_BETTER
	          : c.rci < -RELIABLE_Z ? DY_CHANGE_WORSE : DY_CHANGE_NOISE;
	*out = c;
	return 0;
}
