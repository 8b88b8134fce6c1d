/*
 * coach.h - the I-statement coach (issue #12): gentle advice on what a
 * person is about to say to their partner. Part of libdyad's public
 * interface: dyad.h includes it.
 *
 * dy_coach_check reads English text and finds four habits that make a
 * partner defend rather than listen (after Gottman's "four horsemen" and
 * nonviolent communication): blame (my feeling put on you: "you make me
 * angry", "it's your fault", "I feel that you never..."), absolutes about
 * the partner ("you always", "you never", "every time you"), mind-reading
 * (telling them what they think or want: "you don't care", "you did it on
 * purpose") and contempt (insults, mockery: "grow up", "you idiot").
 *
 * It is advice, never a gate: front ends show findings beside the text and
 * send whatever the person chooses. Rules, not a model: word patterns over
 * the text's sentences, aware of negation ("it's not your fault"), quoted
 * speech ("my boss said 'you never...'"), plain yes/no questions ("do you
 * always take the bus?") and kind absolutes ("you always make me laugh").
 * How well it does is measured on a labelled set (tests/data/coach.tsv;
 * docs/COACH.md).
 */
#ifndef DY_COACH_H
#define DY_COACH_H

#include <stddef.h>

#include "buf.h"

struct dy_error;

enum dy_coach_kind {
	DY_COACH_BLAME,
	DY_COACH_ABSOLUTE,
	DY_COACH_MIND_READING,
	DY_COACH_CONTEMPT,
};
#define DY_COACH_KINDS 4

#define DY_COACH_TEXT_MAX (20 * 1024)  /* bytes of text the coach reads */
#define DY_COACH_FINDINGS_MAX 64       /* findings reported; more are dropped */
#define DY_COACH_PART_MAX 500          /* bytes of each part of an I-statement */

struct dy_coach_finding {
	enum dy_coach_kind kind;
	size_t start, end;  /* the words that were found: bytes [start, end) of the text */
};

struct dy_coach_result {
	struct dy_coach_finding findings[DY_COACH_FINDINGS_MAX];
	size_t n;           /* in the order they occur; one per kind per sentence */
};

/* The stable name of a kind ("blame", "absolute", "mind_reading",
 * "contempt") and its advice, a sentence or two in dyad's voice. */
const char *dy_coach_kind_name(enum dy_coach_kind kind);
const char *dy_coach_advice(enum dy_coach_kind kind);

/*
 * Read text (len bytes of UTF-8) and fill *out with what was found.
 * 0; DY_EINVAL for text that is not UTF-8; DY_ETOOBIG over
 * DY_COACH_TEXT_MAX. *out is untouched on failure.
 */
__attribute__((warn_unused_result)) int
dy_coach_check(const char *text, size_t len, struct dy_coach_result *out, struct dy_error *err);

/*
 * Build "I feel FEELING when WHEN, because I need NEED. Would you be
 * willing to REQUEST?" from its four parts, each 1..DY_COACH_PART_MAX
 * bytes of text on one line, trimmed of spaces and of a final '.' or '?'.
 * Appends to out. DY_EINVAL naming the part that is empty, too long, not
 * UTF-8 or has a control character.
 */
__attribute__((warn_unused_result)) int
dy_coach_istatement(const char *feeling, const char *when, const char *need, const char *request,
                    struct dy_buf *out, struct dy_error *err);

/* Append the result as JSON: {"findings":[{"kind","advice","start","end",
 * "text"}...]} with start and end as byte offsets into text. */
__attribute__((warn_unused_result)) int
dy_coach_json(const char *text, const struct dy_coach_result *r, struct dy_buf *out);

#endif
