/*
 * coach_int.h - the coach's learned part, shared by coach.c, the weights
 * it was trained to (coach_model.c, written by tools/coach_train.c) and
 * the trainer itself. Not part of libdyad's public interface.
 *
 * The model is one logistic regression per kind over the text's features
 * (coach.c, "the learned part", says which): a feature is a 32-bit hash of
 * a string, and a kind's score is its bias plus the weights of the
 * features seen, in 1/COACH_SCALE. A text is read in windows of a sentence
 * and the one before it; the model finds a kind in a window whose score is
 * above the kind's threshold.
 */
#ifndef DY_COACH_INT_H
#define DY_COACH_INT_H

#include <stdint.h>

#include "dyad.h"

#define COACH_SCALE 1024  /* a weight of 1.0 is 1024 */
#define COACH_NEVER INT32_MAX  /* a threshold no score passes */
#define COACH_INDEX_BITS 12    /* the weights are found by their hash's first bits */

struct coach_weight {
	uint32_t h;                    /* the feature's hash */
	int16_t w[DY_COACH_KINDS];     /* its weight for each kind */
};

struct coach_model {
	const struct coach_weight *w;  /* sorted by h, no hash twice */
	size_t n;
	/* index[b]: the first weight whose hash's first COACH_INDEX_BITS
	 * bits are b or more; 2^COACH_INDEX_BITS + 1 of them */
	const uint16_t *index;
	int32_t bias[DY_COACH_KINDS];
	int32_t threshold[DY_COACH_KINDS];  /* found when the score is above */
};

/* The weights shipped (coach_model.c); NULL weights for "rules only". */
extern const struct coach_model coach_model;

enum coach_use {
	COACH_RULES = 1,  /* the rules' findings */
	COACH_MODEL = 2,  /* the model's findings */
	COACH_BOTH = 3,   /* both; at most one finding per kind per sentence */
	/*
	 * A text is read with filters: the rules that cannot match a
	 * sentence, or start at a word, are not tried there, and a word is
	 * not looked up in a @list that cannot hold it; a long text also
	 * adds up each word's weights once. They give the same findings as
	 * reading without them, faster; the unit test compares, with these
	 * two.
	 */
	COACH_UNFILTERED = 4,  /* never the filters (every rule tried everywhere) */
	COACH_FILTERED = 8,    /* the filters, and the weights added up once also for a short text */
};

/*
 * dy_coach_check with model m (NULL with COACH_RULES). best, when not
 * NULL, gets each kind's highest window score (INT32_MIN for a text with
 * no words, or no model), whatever the thresholds; the whole text is
 * then read, also past the most findings reported.
 */
__attribute__((warn_unused_result)) int
coach_check_model(const char *text, size_t len, const struct coach_model *m, enum coach_use use,
                  struct dy_coach_result *out, int32_t best[DY_COACH_KINDS], struct dy_error *err);

/*
 * The features of the whole text, as the model sees a window: fn is
 * called once for each (a feature seen twice is called twice). 0, or
 * dy_coach_check's errors, or what fn returned when it was not 0.
 */
__attribute__((warn_unused_result)) int
coach_text_features(const char *text, size_t len, int (*fn)(void *ctx, uint32_t h), void *ctx,
                    struct dy_error *err);

#endif
