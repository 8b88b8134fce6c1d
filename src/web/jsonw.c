/*
 * jsonw.c - the JSON writer of jsonw.h.
 */
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "jsonw.h"
#include "banned.h"

/* initial is a guess, held to max: the text never needs more, and a
 * SIZE_MAX guess would wrap the + 1 below to a malloc(0). */
void jw_init(struct jw *w, size_t initial, size_t max)
{
	dy_buf_init(&w->b, max);
	w->failed = false;
	dy_buf_grow(&w->b, initial > max ? max : initial);
}

void jw_release(struct jw *w)
{
	dy_buf_release(&w->b);
	w->failed = false;
}

void jw_fail(struct jw *w)
{
	dy_buf_fail(&w->b, DY_EINVAL);
}

void jw_raw(struct jw *w, const char *s, size_t n)
{
	dy_buf_add(&w->b, s, n);
}

/* Bytes copied as they are: printable ASCII and DEL, but the quote and the
 * backslash (the run scan of jw_str, one load per byte). */
static const bool plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* The length of the run of plain bytes at the start of s[0..n). Sixteen
 * bytes at a time with SSE2 (every x86-64 has it): a byte is looked at
 * closer when, read as signed, it is below 0x20 (a control character, or
 * any byte of a multi-byte character: 0x80 and up are negative) or it is
 * '"' or '\\'. Elsewhere eight at a time, with the usual "has a byte below
 * / equal to" tricks, which may flag a plain byte after one that needs care
 * but never miss one. Then byte by byte by the table, which is exact. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i care = _mm_or_si128(_mm_cmplt_epi8(v, space),
		                            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));
		unsigned mask = (unsigned)_mm_movemask_epi8(care);

		if (mask != 0)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
#else
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;

	while (i + 8 <= n) {
		uint64_t v, q, b;

		memcpy(&v, s + i, 8);
		q = v ^ (ones * '"');
		b = v ^ (ones * '\\');
		if ((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b) | v) & highs)
			break;
		i += 8;
	}
#endif
	while (i < n && plain[s[i]])
		i++;
	return i;
}

void jw_str(struct jw *w, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	/* room for the plain case at once; escapes grow it as they come */
	if (n > SIZE_MAX - 2 || dy_buf_grow(&w->b, n + 2) != 0)
		return;
	jw_lit(w, "\"");
	while (i < n) {
		size_t run = i + plain_run(s + i, n - i);

		if (run > i) {
			jw_raw(w, str + i, run - i);
			i = run;
			continue;
		}
		if (s[i] >= 0x80) {
			size_t len = dy_utf8_seq(s + i, n - i);

			if (len == 0) {
				/* invalid UTF-8 fails the writer: an answer is never half-right */
				dy_buf_fail(&w->b, DY_EINVAL);
				return;
			}
			jw_raw(w, str + i, len);
			i += len;
			continue;
		}
		switch (s[i]) {
		case '"': jw_lit(w, "\\\""); break;
		case '\\': jw_lit(w, "\\\\"); break;
		case '\n': jw_lit(w, "\\n"); break;
		case '\r': jw_lit(w, "\\r"); break;
		case '\t': jw_lit(w, "\\t"); break;
		case '\b': jw_lit(w, "\\b"); break;
		case '\f': jw_lit(w, "\\f"); break;
		default: {
			char u[6] = {'\\', 'u', '0', '0', hex[s[i] >> 4], hex[s[i] & 15]};

			jw_raw(w, u, sizeof(u));
			break;
		}
		}
		i++;
	}
	jw_lit(w, "\"");
}

void jw_int(struct jw *w, int64_t v)
{
	char d[20];
	size_t n = sizeof(d);
	/* the magnitude as unsigned: -INT64_MIN does not fit an int64_t */
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		jw_lit(w, "-");
	jw_raw(w, d + n, sizeof(d) - n);
}

char *jw_detach(struct jw *w, size_t *len)
{
	if (w->failed)
		jw_fail(w);
	w->failed = false;
	return dy_buf_take(&w->b, len);
}
