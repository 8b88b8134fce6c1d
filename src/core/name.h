/*
 * name.h - people's names and the space's label (name.c): the one rule for
 * the short texts that say who someone is. Part of libdyad's public
 * interface: dyad.h includes it, and the front ends use dy_name_same to
 * match a name a person typed (--as, a login) against the space's people.
 *
 * The rule, in the order it is checked:
 *  - valid UTF-8 of at most DY_NAME_INPUT_MAX bytes as given;
 *  - no control characters (C0, DEL, C1), no line or paragraph separators,
 *    and none of the characters that reorder text on screen (U+061C,
 *    U+200E/F, U+202A..U+202E, U+2066..U+2069): a name is shown beside the
 *    partner's words, in terminals and pages, and must not change them;
 *  - normalised to Unicode NFC, white space trimmed at both ends;
 *  - not empty, and at most DY_NAME_MAX (a person) or DY_LABEL_MAX (the
 *    space's label) bytes counted after normalising.
 * Names are unique in a space without regard to case: dy_name_same.
 */
#ifndef DY_NAME_H
#define DY_NAME_H

#include <stdbool.h>
#include <stddef.h>

struct dy_error;

/* What a name names: the messages and the size limit differ. */
enum dy_name_kind {
	DY_NAME_PERSON,     /* at most DY_NAME_MAX bytes */
	DY_NAME_LABEL,      /* the space's label: at most DY_LABEL_MAX bytes */
};

/* The most bytes taken in before normalising (decomposed text composes to
 * fewer bytes, so the limits above are judged after NFC). */
#define DY_NAME_INPUT_MAX 512

/*
 * Check and normalise a name or label by the rule above. On success out
 * (size bytes, at least the kind's limit + 1) holds the normalised text and
 * a NUL, *out_len its length. On failure DY_EINVAL (empty, too long, bad
 * UTF-8, a refused character: a name is judged whole, as one field, so the
 * web answers 400 and not 413), with a message naming the problem; out is
 * untouched.
 */
__attribute__((warn_unused_result))
int dy_name_normalize(enum dy_name_kind kind, const char *s, size_t len, char *out, size_t size,
                      size_t *out_len, struct dy_error *err);

/*
 * Whether a and b name the same person or space for people reading them:
 * equal after Unicode NFKC case folding, with default-ignorable characters
 * (soft hyphens, zero-width joiners) left out, so "maya", "Maya" and
 * "MAYA" are one name. Text that is not valid UTF-8 (or a failure to
 * allocate) falls back to comparing bytes with ASCII case ignored.
 */
bool dy_name_same(const char *a, size_t alen, const char *b, size_t blen);

/* The caseless form dy_name_same compares, for keys that must not tell
 * "Maya" from "maya" (a login throttle's): written to out (size > 0 bytes,
 * cut at a character boundary, NUL-terminated); returns its length. */
size_t dy_name_fold(const char *s, size_t len, char *out, size_t size);

#endif
