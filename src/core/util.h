/*
 * util.h - small helpers shared by the core's modules: error reporting,
 * ids, human codes, names and labels. Internal to src/core. (The UTF-8
 * validator and the time formatter are public: dyad.h.)
 */
#ifndef DY_UTIL_H
#define DY_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "dyad.h"

/* Fill err (when not NULL) with code and a printf-style message; returns code,
 * so callers can write `return dy_fail(err, DY_EINVAL, "...")`. */
int dy_fail(struct dy_error *err, enum dy_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A new random UUIDv4 (122 random bits) in text form. Random rather than
 * time-ordered (v7): lists order by created_at, and short prefixes of random
 * ids are unique, which people typing ids in a terminal need. */
void dy_uuid_v4(char out[DY_ID_LEN + 1]);
/* A UUID's text form of the 16 bytes b, with its version (4: random; 8:
 * derived, as dy_keyed_id makes) and variant set in b. */
void dy_uuid_form(char out[DY_ID_LEN + 1], uint8_t b[16], int version);

/* Whether s is a well-formed lower-case UUID text, or a prefix of one made of
 * hex digits and dashes only (for dy_journal_get's prefixes). */
bool dy_id_valid(const char *s, size_t len);
bool dy_id_prefix_valid(const char *s, size_t len);

/* Human codes (recovery, invitation): 25 random bytes as 40 base32 chars in
 * eight dash-separated groups of five. */
#define DY_CODE_BYTES 25
void dy_code_encode(const uint8_t in[DY_CODE_BYTES], char out[DY_RECOVERY_LEN + 1]);
/* Parse a code typed by a person: case, spaces and dashes do not matter, and
 * the look-alikes O, I and L read as 0, 1 and 1. Returns false when it is
 * not a code. */
bool dy_code_decode(const char *s, size_t len, uint8_t out[DY_CODE_BYTES]);

/* Whether a name or label is acceptable: valid UTF-8, 1..max bytes, no
 * control characters, not only spaces. */
bool dy_text_line_valid(const char *s, size_t len, size_t max);

/* A copy of [s, s+len) with a NUL after it; NULL when out of memory. The
 * caller frees it with free(). */
char *dy_strndup(const char *s, size_t len);

/* Room for one more element in a growing array: when n has reached *cap,
 * realloc the array whose pointer is at pv (a T **, passed as void *) to
 * twice *cap elements of elem bytes (first when *cap is 0). -1 when out of
 * memory or too large, the array left as it was. */
int dy_grow(void *pv, size_t n, size_t *cap, size_t elem, size_t first);

/* Copy a NUL-terminated string into a fixed buffer, truncating; NULL
 * copies as "". */
void dy_strlcpy(char *dst, const char *src, size_t size);

#endif
