/*
 * name.c - people's names and the space's label: the rule of name.h,
 * with utf8proc for Unicode normalisation and case folding.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

/* The messages, per kind: [0] a person's name, [1] the space's label. */
static const char *const m_needed[] = {"A name is needed.", "The space's name is needed."};
static const char *const m_long[] = {"That name is longer than %d bytes.",
                                     "The space's name is longer than %d bytes."};
static const char *const m_utf8[] = {"A name must be UTF-8 text.", "The space's name must be UTF-8 text."};
static const char *const m_chars[] = {
	"A name cannot hold control characters, line breaks or characters that change the writing direction.",
	"The space's name cannot hold control characters, line breaks or characters that change the writing direction.",
};

/* Characters no name may hold: controls, line and paragraph separators,
 * and the bidirectional marks, embeddings, overrides and isolates. */
static bool
refused(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);

	if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
		return true;
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* Whether the UTF-8 character at s[0..n) (n > 0) is white space (Unicode
 * Zs, the ASCII space among them); its length in *k (1 when malformed). */
static bool
space_at(const utf8proc_uint8_t *s, size_t n, size_t *k)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r = utf8proc_iterate(s, (utf8proc_ssize_t)n, &c);

	*k = r > 0 ? (size_t)r : 1;
	return r > 0 && utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

int
dy_name_normalize(enum dy_name_kind kind, const char *s, size_t len, char *out, size_t size,
                  size_t *out_len, struct dy_error *err)
{
	int w = kind == DY_NAME_LABEL ? 1 : 0;
	int max = kind == DY_NAME_LABEL ? DY_LABEL_MAX : DY_NAME_MAX;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n;
	size_t i = 0, start, end, k;
	int rc;

	if (s == NULL || len == 0)
		return dy_fail(err, DY_EINVAL, "%s", m_needed[w]);
	if (len > DY_NAME_INPUT_MAX)
		return dy_fail(err, DY_EINVAL, m_long[w], max);
	if (!dy_utf8_valid(s, len))
		return dy_fail(err, DY_EINVAL, "%s", m_utf8[w]);
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t r = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);

		if (r <= 0)
			return dy_fail(err, DY_EINVAL, "%s", m_utf8[w]);
		if (refused(c))
			return dy_fail(err, DY_EINVAL, "%s", m_chars[w]);
		i += (size_t)r;
	}
	n = utf8proc_map(p, (utf8proc_ssize_t)len, &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) {
		rc = n == UTF8PROC_ERROR_NOMEM ? dy_fail(err, DY_ENOMEM, "Out of memory.")
		                               : dy_fail(err, DY_EINVAL, "%s", m_utf8[w]);
		goto out;
	}
	/* trim white space at both ends; inner spaces stay as they are */
	start = 0;
	while (start < (size_t)n && space_at(nfc + start, (size_t)n - start, &k))
		start += k;
	end = start;
	for (i = start; i < (size_t)n; i += k)
		if (!space_at(nfc + i, (size_t)n - i, &k))
			end = i + k;
	if (end == start) {
		rc = dy_fail(err, DY_EINVAL, "%s", m_needed[w]);
		goto out;
	}
	if (end - start > (size_t)max || end - start >= size) {
		rc = dy_fail(err, DY_EINVAL, m_long[w], max);
		goto out;
	}
	memcpy(out, nfc + start, end - start);
	out[end - start] = '\0';
	*out_len = end - start;
	rc = 0;
out:
	free(nfc);
	return rc;
}

/* The caseless form of s (NFKC case fold, ignorables dropped); a new
 * string the caller frees, or NULL. */
static utf8proc_uint8_t *
fold(const char *s, size_t len, utf8proc_ssize_t *n)
{
	utf8proc_uint8_t *f = NULL;

	if (len == 0 || len > DY_NAME_INPUT_MAX)
		return NULL;
	*n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &f,
	                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
	                  UTF8PROC_IGNORE);
	return *n < 0 ? NULL : f;
}

size_t
dy_name_fold(const char *s, size_t len, char *out, size_t size)
{
	utf8proc_uint8_t *f;
	utf8proc_ssize_t n = 0;
	size_t o = 0, i;

	if (size == 0)
		return 0;
	if (s != NULL && (f = fold(s, len, &n)) != NULL) {
		o = (size_t)n < size - 1 ? (size_t)n : size - 1;
		while (o > 0 && o < (size_t)n && (f[o] & 0xC0) == 0x80)
			o--;                    /* cut at a character's start */
		memcpy(out, f, o);
		free(f);
	} else if (s != NULL) {
		o = len < size - 1 ? len : size - 1;
		while (o > 0 && o < len && ((unsigned char)s[o] & 0xC0) == 0x80)
			o--;                    /* too long for folding: cut at a start too */
		for (i = 0; i < o; i++)
			out[i] = (char)tolower((unsigned char)s[i]);
	}
	out[o] = '\0';
	return o;
}

bool
dy_name_same(const char *a, size_t alen, const char *b, size_t blen)
{
	utf8proc_uint8_t *fa = NULL, *fb = NULL;
	utf8proc_ssize_t na = 0, nb = 0;
	bool same;
	size_t i;

	if (a == NULL || b == NULL)
		return false;
	fa = fold(a, alen, &na);
	fb = fold(b, blen, &nb);
	if (fa != NULL && fb != NULL) {
		same = na == nb && memcmp(fa, fb, (size_t)na) == 0;
	} else {
		same = alen == blen;
		for (i = 0; same && i < alen; i++)
			same = tolower((unsigned char)a[i]) == tolower((unsigned char)b[i]);
	}
	free(fa);
	free(fb);
	return same;
}
