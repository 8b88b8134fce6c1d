/*
 * name.c - people's names and the space's label as people type them
 * (dy_name_normalize, dy_name_same, dy_name_fold; src/core/name.c).
 *
 * Input: the first byte picks the kind (even: a person's name, odd: the
 * space's label) and where the rest is cut in two (a and b) for the
 * comparisons; the rest is the text.
 *
 * What must hold:
 *  - normalising either accepts, giving UTF-8 of at most the kind's limit
 *    with its NUL, no control, separator or direction character, no white
 *    space at either end, and a fixed point (normalising it again gives the
 *    same bytes); or refuses with DY_EINVAL (or DY_ENOMEM), a message, and
 *    the output buffer untouched;
 *  - dy_name_same is reflexive and symmetric;
 *  - dy_name_fold writes within its buffer, NUL-terminated, valid UTF-8 for
 *    valid input, cut only at a character's start; two texts whose whole
 *    folds are equal are the same name and vice versa.
 */
#include <string.h>

#include "dyad.h"
#include "fuzz.h"

#define OUT_CAP (DY_LABEL_MAX + 8)
#define FOLD_CAP (DY_NAME_INPUT_MAX * 20 + 1)   /* NFKC case folding expands up to 18x */

static const uint32_t refused_cps[] = {0x061C, 0x200E, 0x200F, 0x2028, 0x2029};

/* Decode one UTF-8 character of valid text (checked by dy_utf8_valid). */
static size_t next_cp(const unsigned char *s, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*c = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0) {
		*c = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	*c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 |
	     (s[3] & 0x3F);
	return 4;
}

static bool is_refused(uint32_t c)
{
	size_t i;

	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return true;
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return true;
	for (i = 0; i < sizeof(refused_cps) / sizeof(refused_cps[0]); i++)
		if (c == refused_cps[i])
			return true;
	return false;
}

static void check_fold(const char *s, size_t n, char *f, size_t *flen)
{
	size_t small;
	char cut[8];

	*flen = dy_name_fold(s, n, f, FOLD_CAP);
	FUZZ_CHECK(*flen < FOLD_CAP && f[*flen] == '\0');
	if (dy_utf8_valid(s, n))
		FUZZ_CHECK(dy_utf8_valid(f, *flen));
	/* a small buffer: within it, and a prefix of the whole fold cut at a
	 * character's start when the text folded as UTF-8 */
	memset(cut, 'x', sizeof(cut));
	small = dy_name_fold(s, n, cut, 5);
	FUZZ_CHECK(small < 5 && cut[small] == '\0' && cut[5] == 'x');
	FUZZ_CHECK(small <= *flen && memcmp(cut, f, small) == 0);
	if (dy_utf8_valid(f, *flen) && small < *flen)
		FUZZ_CHECK(((unsigned char)f[small] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char fa[FOLD_CAP], fb[FOLD_CAP];
	char out[OUT_CAP], again[OUT_CAP];
	struct dy_error err;
	enum dy_name_kind kind;
	const char *s, *a, *b;
	size_t n, len = 0, len2 = 0, i, c, an, bn, fal, fbl;
	int max, rc;

	if (size < 1)
		return 0;
	kind = data[0] & 1 ? DY_NAME_LABEL : DY_NAME_PERSON;
	max = kind == DY_NAME_LABEL ? DY_LABEL_MAX : DY_NAME_MAX;
	s = (const char *)data + 1;
	n = size - 1;

	memset(out, 0x5A, sizeof(out));
	memset(&err, 0, sizeof(err));
	rc = dy_name_normalize(kind, s, n, out, sizeof(out), &len, &err);
	if (rc != 0) {
		FUZZ_CHECK(err.code == DY_EINVAL || err.code == DY_ENOMEM);
		FUZZ_CHECK(err.msg[0] != '\0' && memchr(err.msg, '\0', sizeof(err.msg)) != NULL);
		for (i = 0; i < sizeof(out); i++)
			FUZZ_CHECK(out[i] == 0x5A);
	} else {
		FUZZ_CHECK(len >= 1 && len <= (size_t)max && out[len] == '\0');
		FUZZ_CHECK(dy_utf8_valid(out, len));
		FUZZ_CHECK(out[0] != ' ' && out[len - 1] != ' ');
		for (i = 0; i < len; i += c) {
			uint32_t cp;

			c = next_cp((const unsigned char *)out + i, &cp);
			FUZZ_CHECK(!is_refused(cp));
		}
		FUZZ_CHECK(dy_utf8_valid(s, n) && n <= DY_NAME_INPUT_MAX);
		/* a fixed point */
		rc = dy_name_normalize(kind, out, len, again, sizeof(again), &len2, &err);
		FUZZ_CHECK(rc == 0 && len2 == len && memcmp(again, out, len) == 0);
		FUZZ_CHECK(dy_name_same(out, len, out, len));
		/* a name fits a label too */
		if (kind == DY_NAME_PERSON) {
			rc = dy_name_normalize(DY_NAME_LABEL, s, n, again, sizeof(again), &len2, &err);
			FUZZ_CHECK(rc == 0 && len2 == len && memcmp(again, out, len) == 0);
		}
	}

	/* comparing: the text cut in two at a place the first byte picks */
	an = n == 0 ? 0 : (size_t)(data[0] >> 1) % (n + 1);
	a = s;
	b = s + an;
	bn = n - an;
	FUZZ_CHECK(dy_name_same(a, an, a, an));
	FUZZ_CHECK(dy_name_same(a, an, b, bn) == dy_name_same(b, bn, a, an));
	check_fold(a, an, fa, &fal);
	check_fold(b, bn, fb, &fbl);
	if (an > 0 && bn > 0 && an <= DY_NAME_INPUT_MAX && bn <= DY_NAME_INPUT_MAX && dy_utf8_valid(a, an) &&
	    dy_utf8_valid(b, bn))
		FUZZ_CHECK(dy_name_same(a, an, b, bn) == (fal == fbl && memcmp(fa, fb, fal) == 0));
	return 0;
}
