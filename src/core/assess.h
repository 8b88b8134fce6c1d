/*
 * assess.h - taking questionnaires (issue #10): takings, their results,
 * sharing results, and the questionnaires a person imports. Part of
 * libdyad's public interface: dyad.h includes it.
 *
 * Four record kinds, all written through dy_item_*:
 *   "assessment"         a taking's answers. Always private. Its payload
 *                        holds the questionnaire's id and version, one
 *                        answer per item (DY_INSTRUMENT_NO_ANSWER while not
 *                        answered: an unfinished taking is saved as it
 *                        goes) and, once finished, the id of its result.
 *   "assessment_result"  a finished taking's scores: questionnaire, facet
 *                        ids and means, overall mean, when. Private, or
 *                        shared when the person has sharing on. It names
 *                        no answers record: the link lives only in the
 *                        answers' encrypted payload, so the partner who
 *                        reads a shared result learns neither the id nor
 *                        the existence of the answers behind it.
 *   "instrument"         a questionnaire the person imported (its JSON as
 *                        the body), private. dyad's own questionnaires are
 *                        built in (data/instruments/, dy_assess_builtin).
 *   "assess_prefs"       the person's choice to share results (private;
 *                        at most one; absent means off).
 *
 * Finishing a taking writes its result and the answers' link to it in one
 * transaction; deleting a taking, by either id, deletes both in one.
 */
#ifndef DY_ASSESS_H
#define DY_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

struct dy_session;
struct dy_error;
struct dy_instrument;
struct json_t;
struct dy_kind;
struct dy_taking;

extern const struct dy_kind dy_kind_assessment;
extern const struct dy_kind dy_kind_assessment_result;
extern const struct dy_kind dy_kind_instrument;
extern const struct dy_kind dy_kind_assess_prefs;

#define DY_ASSESS_ID_MAX DY_ID_LEN   /* bytes of a questionnaire's id (a path segment of the API) */
#define DY_ASSESS_IMPORTS_MAX 50     /* questionnaires one person may import */
#define DY_ASSESS_DEFAULT "dyad-differentiation-check"

/* dyad's own questionnaires, NULL-terminated (id NULL). */
struct dy_assess_builtin {
	const char *id;
	const char *json;
	size_t len;
};
extern const struct dy_assess_builtin dy_assess_builtin[];

/* The questionnaire id, built in or imported by me: *out is a new one the
 * caller frees with dy_instrument_free. id NULL: DY_ASSESS_DEFAULT.
 * Unknown: DY_ENOTFOUND "No questionnaire \"x\".". */
DY_WUR int dy_assess_instrument(struct dy_session *s, const char *id, struct dy_instrument **out,
                                struct dy_error *err);

/* Every questionnaire I can take, as a JSON array of {"id", "title",
 * "version", "items", "facets", "builtin", "about"}: the built-in ones
 * first, then mine by title. The caller decrefs *out. */
DY_WUR int dy_assess_instruments_json(struct dy_session *s, struct json_t **out, struct dy_error *err);

/* A questionnaire for a front end that shows it: {"id", "title",
 * "version", "instructions", "about", "provisional", "norms_note",
 * "scale": {"min", "max", "labels"}, "items": [{"id", "text"}],
 * "facets": [{"id", "name", "about", "high", "low"}]}. NULL when out of
 * memory; the caller decrefs it. */
struct json_t *dy_assess_instrument_json(const struct dy_instrument *in);

/* A taking of mine as JSON: {"id", "instrument", "instrument_version",
 * "items", "answered", "next", "finished", "answers", "started_at",
 * "updated_at"}. NULL when out of memory; the caller decrefs it. */
struct json_t *dy_assess_taking_json(const struct dy_taking *t);

/* Import a questionnaire (len bytes of JSON): checked in full
 * (dy_instrument_parse names the first bad field), then kept as my private
 * record. An id that is taken (built in, or imported before) is DY_EEXIST;
 * nothing is kept on any failure. Writes its id (DY_ASSESS_ID_MAX + 1). */
DY_WUR int dy_assess_import(struct dy_session *s, const char *json, size_t len,
                            char id[DY_ASSESS_ID_MAX + 1], struct dy_error *err);

/* A taking of mine, as its answers record holds it. */
struct dy_taking {
	char id[DY_ID_LEN + 1];
	char instrument[DY_ASSESS_ID_MAX + 1];
	long version;
	int answers[DY_INSTRUMENT_MAX_ITEMS];   /* DY_INSTRUMENT_NO_ANSWER when not yet */
	size_t n;                               /* items */
	size_t answered;
	size_t next;                            /* the first item not answered (n when none) */
	bool finished;
	char result_id[DY_ID_LEN + 1];          /* "" until finished */
	int64_t started_at, updated_at;
};

/* My unfinished taking of in, if there is one (the newest), else a new one,
 * saved at once (private). *resumed says which. */
DY_WUR int dy_assess_start(struct dy_session *s, const struct dy_instrument *in, struct dy_taking *out,
                           bool *resumed, struct dy_error *err);

/* My unfinished taking of the questionnaire id: DY_ENOTFOUND when none. */
DY_WUR int dy_assess_unfinished(struct dy_session *s, const char *instrument_id, struct dy_taking *out,
                                struct dy_error *err);

/* My taking by id (or a unique prefix); someone else's is DY_ENOTFOUND. */
DY_WUR int dy_assess_taking(struct dy_session *s, const char *id, size_t id_len, struct dy_taking *out,
                            struct dy_error *err);

/* Answer item (an index below the questionnaire's items) of my unfinished
 * taking id with value, saved at once. A value outside the scale, an item
 * that does not exist, a taking of another questionnaire or one finished
 * is DY_EINVAL with a message, and nothing changes. */
DY_WUR int dy_assess_answer(struct dy_session *s, const struct dy_instrument *in, const char *id,
                            size_t item, int value, struct dy_error *err);

/* Finish my taking id: every item answered (else DY_EINVAL naming the first
 * that is not), scored, and in one transaction its result written (shared
 * when my sharing is on) and the answers linked to it. Writes the result's
 * id. */
DY_WUR int dy_assess_finish(struct dy_session *s, const struct dy_instrument *in, const char *id,
                            char result_id[DY_ID_LEN + 1], struct dy_error *err);

/* Delete my taking by the id of its answers or of its result: both go, in
 * one transaction. The partner's result is DY_EPERM; an unknown id
 * DY_ENOTFOUND. */
DY_WUR int dy_assess_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);

/* Whether my results are shared; turning it on shares every result of
 * mine and the ones to come, off makes them all private again. *changed
 * (may be NULL) counts the results whose visibility changed. */
DY_WUR int dy_assess_sharing(struct dy_session *s, bool *on, struct dy_error *err);
DY_WUR int dy_assess_set_sharing(struct dy_session *s, bool on, size_t *changed, struct dy_error *err);

/* Results of the questionnaire id (NULL: DY_ASSESS_DEFAULT), mine (theirs
 * false) or my partner's shared ones (theirs true), as one JSON object
 * for every front end:
 *   {"instrument": {"id", "title", "version", "about", "provisional",
 *                   "norms_note", "scale": {"min", "max"},
 *                   "facets": [{"id", "name", "about", "high", "low"}]} or
 *                   null when it is not one I have (a partner's import),
 *    "sharing": bool (mine only),
 *    "unfinished": {"id", "answered", "items"} or null (mine only),
 *    "takings": [{"id", "taken_at", "shared", "overall",
 *                 "facets": [{"id", "name", "score", "meaning"}]}] oldest first,
 *    "change": null, or between the last two takings
 *              {"from", "to", "words", "overall": C, "facets": [C + "id", "name"]}
 *              with C = {"delta", "rci", "reliable_delta", "verdict"
 *              ("improvement" | "decline" | "noise"), "words"}}
 * "meaning" is the facet's high text at or above the scale's middle, its
 * low text below. The caller decrefs *out. */
DY_WUR int dy_assess_report(struct dy_session *s, const char *id, bool theirs, struct json_t **out,
                            struct dy_error *err);

/* When the next taking is suggested: every every_months months (1..12;
 * DY_ASSESS_EVERY_DEFAULT by default; never more often than monthly)
 * after my latest finished taking of the questionnaire id (NULL: the
 * default one). *due is true at now when I have no finished taking or the
 * time has come; *last_at is my latest taking's time (0: none), *next_at
 * when the next is suggested (0: now, never taken). A month is 1/12 of a
 * mean Gregorian year here. DY_EINVAL for every_months out of range. */
#define DY_ASSESS_EVERY_DEFAULT 3
#define DY_ASSESS_EVERY_MAX 12
DY_WUR int dy_assess_due(struct dy_session *s, const char *id, int64_t now, int every_months, bool *due,
                         int64_t *last_at, int64_t *next_at, struct dy_error *err);

/* My interval between suggested takings, in months (1 .. DY_ASSESS_EVERY_MAX;
 * DY_ASSESS_EVERY_DEFAULT until I choose one): what front ends pass to
 * dy_assess_due. A damaged value reads as the default. */
DY_WUR int dy_check_every_get(struct dy_session *s, int *months, struct dy_error *err);
/* Choose it; DY_EINVAL out of 1 .. DY_ASSESS_EVERY_MAX, and nothing changes. */
DY_WUR int dy_check_every_set(struct dy_session *s, int months, struct dy_error *err);

/* The sentence for a verdict: "a reliable improvement", "a reliable
 * decline", "within measurement noise". */
const char *dy_assess_verdict_words(int verdict);

#endif
