/*
 * reaction.h - the reactivity log (issue #9): after a moment of strong
 * reaction, what happened, what I felt (words from the vocabulary in
 * data/feelings.json), how strongly (0..10), what I had the urge to do,
 * what I did, whether I paused first and what I need; and the trends.
 * Part of libdyad's public interface: dyad.h includes it.
 *
 * A reaction is a record of kind "reaction" (private by default, shareable
 * through dy_item_set_vis); front ends create it with dy_item_create and a
 * JSON object of the fields below, which the kind's descriptor checks.
 */
#ifndef DY_REACTION_H
#define DY_REACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "practice.h"

struct dy_session;
struct dy_error;
struct json_t;

#define DY_REACT_TEXT_MAX 4000     /* bytes of each text: happened, urge, did, need */
#define DY_REACT_FEELINGS_MAX 8    /* feeling words on one reaction */
#define DY_FEELING_MAX 32          /* bytes of a feeling word */
#define DY_REACT_TRIGGERS_MAX 5    /* triggers named on one reaction */
#define DY_REACT_TRIGGER_MAX 40    /* bytes of a trigger */
#define DY_REACT_INTENSITY_MAX 10
#define DY_REACT_WEEKS 12          /* weeks the trends go back, this one included */
#define DY_REACT_TOP 5             /* feelings and triggers the trends name */

/*
 * The kind "reaction": fields "happened" (text, required), "triggers"
 * (0..5 short labels: "money", "being late"), "feelings" (0..8 words of
 * the vocabulary), "intensity" (0..10, required), "urge", "did" (text),
 * "paused" (true or false, required), "need" (text), "at" (the moment,
 * required, DY_AT_MIN..DY_AT_MAX).
 */
extern const struct dy_kind dy_kind_reaction;

/* The feeling-word vocabulary, in groups (src/core/feelings.c, written
 * from data/feelings.json). */
struct dy_feeling_group {
	const char *id;
	const char *label;
	const char *const *words;
	size_t nwords;
};
extern const struct dy_feeling_group dy_feeling_groups[];
extern const size_t dy_feeling_ngroups;

/* Whether word[0..len) is a word of the vocabulary (exact, lower case). */
bool dy_feeling_known(const char *word, size_t len);

/* A dy_field check: every member of the array v (of strings) is a word of
 * the vocabulary; DY_EINVAL naming the first that is not. */
int dy_feelings_check(const struct json_t *v, struct dy_error *err);

/* The vocabulary as JSON: {"groups": [{"id", "label", "words": [...]}]}.
 * NULL when out of memory. */
struct json_t *dy_feelings_json(void);

struct dy_react_week {
	int32_t monday;
	int count;
	int paused;
	double intensity;     /* mean intensity; 0 when count is 0 */
};

struct dy_react_top {
	char word[DY_REACT_TRIGGER_MAX + 1];
	int count;
};

struct dy_reaction_stats {
	int32_t today;
	size_t count;                 /* all my reactions */
	size_t paused;                /* of them, those where I paused first */
	double intensity;             /* mean intensity of all; 0 when none */
	int week_count, week_paused;  /* this week, from Monday */
	struct dy_react_week weeks[DY_REACT_WEEKS];   /* oldest first, this week last */
	struct dy_react_top feelings[DY_REACT_TOP];   /* most frequent first */
	size_t nfeelings;
	struct dy_react_top triggers[DY_REACT_TOP];   /* the same; ASCII case aside, in lower case */
	size_t ntriggers;
	size_t damaged;               /* reactions left out: they did not decrypt */
};

/* My trends as of instant now, days local through day (see practice.h). */
__attribute__((warn_unused_result)) int
dy_reaction_stats(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx, struct dy_reaction_stats *out,
                  struct dy_error *err);

/* The trends as JSON: {"today", "count", "paused", "intensity", "week":
 * {"count", "paused", "from"}, "weeks": [{"from", "count", "paused",
 * "intensity"}...], "feelings": [{"word", "count"}...], "triggers": [...],
 * "damaged": reactions left out because they could not be read}. NULL
 * when out of memory. */
struct json_t *dy_reaction_stats_json(const struct dy_reaction_stats *st);

/* Mean intensity per week as a line chart (weeks without a reaction are
 * left out), the picture both front ends show. */
__attribute__((warn_unused_result)) int
dy_reaction_chart(const struct dy_reaction_stats *st, const char *id, struct dy_buf *out, struct dy_error *err);

#endif
