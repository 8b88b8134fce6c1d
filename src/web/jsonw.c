/*
 * jsonw.c - the JSON writer of jsonw.h.
 */
#include <stdint.h>

#include <string.h>

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

/* The length of the run of plain bytes at the start of s[0..n). Eight
 * bytes at a time while none of them can need care (a control character,
 * '"', '\\' or a byte of a multi-byte character: the usual "has a byte
 * below / equal to" tricks, which may flag a plain byte after one that
 * needs care but never miss one), then byte by byte by the table, which is
 * exact. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;

	while (i + 8 <= n) {
		uint64_t v, q, b;

		memcpy(&v, s + i, 8);
		q = v ^ (ones * '"');
		b = v ^ (ones * '\\');
		if ((((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b) | v) & highs)
			break;
		i += 8;
	}
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
	dy_buf_addf(&w->b, "%lld", (long long)v);
}

char *jw_detach(struct jw *w, size_t *len)
{
	if (w->failed)
		jw_fail(w);
	w->failed = false;
	return dy_buf_take(&w->b, len);
}
