/*
 * coach.h - the I-statement coach (issue #12): gentle advice on what a
 * person is about to say to their partner. Part of libdyad's public
 * interface: dyad.h includes it.
 *
 * dy_coach_check reads English text and finds seven habits that make a
 * partner defend rather than listen (after Gottman's "four horsemen" and
 * nonviolent communication): blame (my feeling put on you: "you make me
 * angry", "it's your fault", "I feel that you never..."), absolutes about
 * the partner ("you always", "you never", "every time you"), mind-reading
 * (telling them what they think or want: "you don't care", "you did it on
 * purpose"), contempt (scorn and name-calling: "grow up", "you idiot",
 * "you're pathetic"), sarcasm (praise meant as its opposite: "oh great",
 * "yeah, right", "nice going, genius"), character attacks (a lasting trait
 * pinned on the partner: "you're so lazy", "you're such a child") and
 * "should" aimed at the partner ("you should...", "you need to...").
 * It also says whether the text is a clean I-statement: no findings, and
 * all four parts of one (a feeling, the situation, a need, a request).
 *
 * It is advice, never a gate: front ends show findings beside the text and
 * send whatever the person chooses. Rules first: word patterns over the
 * text's sentences, aware of negation ("it's not your fault"), quoted
 * speech ("my boss said 'you never...'"), plain yes/no questions ("do you
 * always take the bus?") and kind absolutes ("you always make me laugh").
 * Beside them a small learned model (one logistic regression per kind,
 * trained offline by tools/coach_train.c) adds a finding where it is
 * confident and the rules found nothing of that kind. How well it does is
 * measured on a labelled set (tests/data/coach.tsv; docs/COACH.md).
 */
#ifndef DY_COACH_H
#define DY_COACH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct dy_error;

enum dy_coach_kind {
	DY_COACH_BLAME,
	DY_COACH_ABSOLUTE,
	DY_COACH_MIND_READING,
	DY_COACH_CONTEMPT,
	DY_COACH_SARCASM,
	DY_COACH_CHARACTER,
	DY_COACH_SHOULD,
};
#define DY_COACH_KINDS 7

/* The parts of an I-statement found in a text (bits of
 * dy_coach_result.parts). */
enum dy_coach_part {
	DY_COACH_PART_FEELING = 1 << 0,    /* "I feel sad", "I was worried" */
	DY_COACH_PART_SITUATION = 1 << 1,  /* "when...", "after...", "about..." */
	DY_COACH_PART_NEED = 1 << 2,       /* "I need...", "it matters to me..." */
	DY_COACH_PART_REQUEST = 1 << 3,    /* "would you...?", "could we...?", "please..." */
};
#define DY_COACH_PARTS_ALL 0xfu

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
	unsigned parts;     /* enum dy_coach_part bits found anywhere in the text */
	bool clean;         /* no findings and all four parts: a clean I-statement */
};

/* The stable name of a kind ("blame", "absolute", "mind_reading",
 * "contempt", "sarcasm", "character_attack", "should") and its advice, a
 * sentence or two in dyad's voice. */
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

/* The name of a part ("feeling", "situation", "need", "request"), given
 * one bit of enum dy_coach_part. */
const char *dy_coach_part_name(unsigned part);

/* Encouragement for a clean I-statement, in dyad's voice. */
const char *dy_coach_clean_note(void);

/* Append the result as JSON: {"findings":[{"kind","advice","start","end",
 * "text"}...], "clean": bool, "parts": ["feeling", ...]} with start and
 * end as byte offsets into text; "note" (the encouragement) when clean. */
__attribute__((warn_unused_result)) int
dy_coach_json(const char *text, const struct dy_coach_result *r, struct dy_buf *out);

#endif
