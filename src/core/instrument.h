/*
 * instrument.h - questionnaires as data, their scoring, and change between
 * two takings (issue #10). Part of libdyad's public interface: dyad.h
 * includes it.
 *
 * A questionnaire is a JSON document in the format of
 * docs/instrument.schema.json ("dyad-instrument/1"): a response scale,
 * facets with plain-language meanings and the reliability and spread used
 * for change statistics, and items, each in one facet and maybe
 * reverse-keyed. dy_instrument_parse checks every rule of the schema and
 * more (unique ids, one label per scale point, every item's facet known,
 * every facet with an item) and names the first field that breaks one.
 *
 * Scoring follows the literature for such scales: a reverse-keyed answer a
 * counts as min + max - a; a facet's score is the mean of its items, the
 * overall score the mean of all items; higher means more of what the
 * facet's "high" text says.
 *
 * Change between two takings is the Reliable Change Index of Jacobson and
 * Truax (1991): SEM = sd * sqrt(1 - r), S_diff = sqrt(2) * SEM,
 * RCI = (x2 - x1) / S_diff, reliable when |RCI| > 1.96.
 */
#ifndef DY_INSTRUMENT_H
#define DY_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#define DY_INSTRUMENT_MAX_BYTES (256 * 1024)  /* of the JSON document */
#define DY_INSTRUMENT_MAX_ITEMS 200
#define DY_INSTRUMENT_MAX_FACETS 12
#define DY_INSTRUMENT_NO_ANSWER (-1)          /* an item not answered yet */

struct dy_error;
struct dy_instrument;  /* a parsed, valid questionnaire; read-only */

struct dy_instrument_facet {
	const char *id, *name, *about, *high, *low;
	double reliability, sd;
	size_t items;  /* how many items it has */
};

struct dy_instrument_item {
	const char *id, *text;
	size_t facet;  /* index into the facets */
	bool reverse;
};

struct dy_instrument_info {
	const char *id, *title, *instructions, *about;
	long version;
	int scale_min, scale_max;
	const char *const *labels;     /* scale_max - scale_min + 1 of them */
	bool provisional;              /* the norms were not measured for it */
	const char *norms_note;
	double reliability, sd;        /* of the overall score */
	size_t n_facets, n_items;
};

/*
 * Parse and check a questionnaire of len bytes. On success *out is a new
 * questionnaire that the caller frees with dy_instrument_free; its strings
 * live as long as it does. Anything wrong is DY_EINVAL (DY_ETOOBIG over
 * DY_INSTRUMENT_MAX_BYTES) with a message naming the first bad field,
 * such as "items[4].facet: \"calm\" is not one of the facets.", and *out
 * is untouched.
 */
__attribute__((warn_unused_result)) int
dy_instrument_parse(const char *json, size_t len, struct dy_instrument **out,
                    struct dy_error *err);
void dy_instrument_free(struct dy_instrument *in);

void dy_instrument_info(const struct dy_instrument *in, struct dy_instrument_info *out);
/* The facet or item at index i (i below n_facets / n_items). */
void dy_instrument_facet(const struct dy_instrument *in, size_t i, struct dy_instrument_facet *out);
void dy_instrument_item(const struct dy_instrument *in, size_t i, struct dy_instrument_item *out);
/* The index of the item with this id, or -1. */
long dy_instrument_item_index(const struct dy_instrument *in, const char *id);

struct dy_instrument_score {
	double facet[DY_INSTRUMENT_MAX_FACETS];  /* n_facets of them */
	double overall;
	size_t n_facets;
};

/*
 * Score a complete taking: answers[i] answers item i, n is the number of
 * items. An answer outside the scale, DY_INSTRUMENT_NO_ANSWER, or a count
 * other than n_items is DY_EINVAL with a message naming the item.
 */
__attribute__((warn_unused_result)) int
dy_instrument_score(const struct dy_instrument *in, const int *answers, size_t n,
                    struct dy_instrument_score *out, struct dy_error *err);

enum dy_change_verdict {
	DY_CHANGE_NOISE = 0,     /* within measurement noise */
	DY_CHANGE_BETTER = 1,    /* a reliable rise (more differentiated) */
	DY_CHANGE_WORSE = -1,    /* a reliable fall */
};

struct dy_change {
	double sem;              /* standard error of measurement */
	double s_diff;           /* standard error of the difference */
	double rci;              /* (x2 - x1) / s_diff */
	double reliable_delta;   /* the smallest change that is reliable: 1.96 * s_diff */
	enum dy_change_verdict verdict;
};

/*
 * The change from score x1 to x2 on a measure of spread sd (> 0) and
 * reliability r (0 < r < 1). DY_EINVAL (with no message) for sd or r out
 * of range or a score that is not finite.
 */
__attribute__((warn_unused_result)) int
dy_change(double x1, double x2, double sd, double r, struct dy_change *out);

#endif
