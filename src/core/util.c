/*
 * util.c - ids, human codes, UTF-8, time text and string helpers.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util.h"
#include "banned.h"

static const char hexdig[] = "0123456789abcdef";

void
dy_uuid_form(char out[DY_ID_LEN + 1], uint8_t b[16], int version)
{
	size_t i, o = 0;

	b[6] = (uint8_t)((version & 0x0f) << 4 | (b[6] & 0x0f));
	b[8] = (uint8_t)(0x80 | (b[8] & 0x3f));
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hexdig[b[i] >> 4];
		out[o++] = hexdig[b[i] & 15];
	}
	out[o] = '\0';
}

void
dy_uuid_v4(char out[DY_ID_LEN + 1])
{
	uint8_t b[16];

	randombytes_buf(b, sizeof(b));
	dy_uuid_form(out, b, 4);
}

bool
dy_id_prefix_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > DY_ID_LEN)
		return false;
	for (i = 0; i < len; i++) {
		bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
		if (dash ? s[i] != '-' : !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

bool
dy_id_valid(const char *s, size_t len)
{
	return len == DY_ID_LEN && dy_id_prefix_valid(s, len);
}

/* Crockford's base32 alphabet: no I, L, O or U. */
static const char b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
dy_code_encode(const uint8_t in[DY_CODE_BYTES], char out[DY_RECOVERY_LEN + 1])
{
	size_t i, o = 0, n = 0;
	unsigned acc = 0, bits = 0;

	for (i = 0; i < DY_CODE_BYTES; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			if (n > 0 && n % 5 == 0)
				out[o++] = '-';
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
			n++;
		}
	}
	out[o] = '\0';
}

static int
b32_value(int c)
{
	const char *p;

	c = toupper(c);
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(b32, c)) == NULL)
		return -1;
	return (int)(p - b32);
}

bool
dy_code_decode(const char *s, size_t len, uint8_t out[DY_CODE_BYTES])
{
	uint8_t tmp[DY_CODE_BYTES];
	size_t i, o = 0, n = 0;
	unsigned acc = 0, bits = 0;

	if (len > 200)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int v;

		if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if ((v = b32_value(c)) < 0 || n >= 40) {
			sodium_memzero(tmp, sizeof(tmp));
			return false;
		}
		n++;
		acc = (acc << 5) | (unsigned)v;
		bits += 5;
		if (bits >= 8) {
			tmp[o++] = (uint8_t)(acc >> (bits - 8));
			bits -= 8;
		}
		acc &= 0xff;
	}
	if (n != 40 || o != DY_CODE_BYTES) {
		sodium_memzero(tmp, sizeof(tmp));
		return false;
	}
	memcpy(out, tmp, DY_CODE_BYTES);
	sodium_memzero(tmp, sizeof(tmp));
	return true;
}

size_t
dy_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c, cp;
	size_t need, k;

	if (n == 0 || (c = s[0]) == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n <= need)
		return 0;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3f);
	}
	/* overlong forms, beyond U+10FFFF, surrogates */
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need + 1;
}

#ifndef __SSE2__
/* The high bits of the bytes of v that are not plain ASCII (a high bit
 * set, or zero): 0 when all eight are. */
static uint64_t
not_plain8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t v;

	memcpy(&v, p, 8);
	return (v | ((v - ones) & ~v)) & highs;
}
#endif

/* How many bytes from p on are plain ASCII (neither a high bit nor zero),
 * looking at no more than n of them. A block at a time (SSE2: 16, with the
 * first other byte found from the mask; else 8), then byte by byte only
 * inside the block that holds the other byte. */
static size_t
plain_prefix(const unsigned char *p, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	while (n - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128())));

		if (mask != 0)
			return i + (size_t)__builtin_ctz(mask);
		i += 16;
	}
#else
	while (n - i >= 8) {
		if (not_plain8(p + i) != 0) {
			/* a byte that is not plain lies in these eight */
			while ((unsigned)p[i] - 1 < 0x7f)
				i++;
			return i;
		}
		i += 8;
	}
#endif
	while (i < n && (unsigned)p[i] - 1 < 0x7f)
		i++;
	return i;
}

size_t
dy_utf8_chars(const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

bool
dy_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	/* record bodies are checked on every read, and a list of all reads
	 * them all: plain ASCII goes by blocks (plain_prefix), and each longer
	 * character is checked in place by the ranges of Unicode's table 3-7
	 * (what dy_utf8_seq accepts: no overlong form, no surrogate, nothing
	 * past U+10FFFF) */
	for (;;) {
		unsigned c;

		p += plain_prefix(p, (size_t)(end - p));
		if (p == end)
			return true;
		c = *p;
		if (c >= 0xc2 && c <= 0xdf) {
			if (end - p < 2 || (p[1] & 0xc0) != 0x80)
				return false;
			p += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			/* after E0 only A0..BF (no overlong), after ED only 80..9F
			 * (no surrogate) */
			if (end - p < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (c == 0xe0 && p[1] < 0xa0) ||
			    (c == 0xed && p[1] > 0x9f))
				return false;
			p += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			/* after F0 only 90..BF (no overlong), after F4 only 80..8F
			 * (nothing past U+10FFFF) */
			if (end - p < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80 ||
			    (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] > 0x8f))
				return false;
			p += 4;
		} else {
			return false;   /* NUL, a continuation byte alone, C0, C1, F5..FF */
		}
	}
}

bool
dy_text_line_valid(const char *s, size_t len, size_t max)
{
	size_t i;
	bool visible = false;

	if (s == NULL || len == 0 || len > max || !dy_utf8_valid(s, len))
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return false;
		if (c != ' ')
			visible = true;
	}
	return visible;
}

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what four digits of year hold */
#define ISO_MIN (-62167219200LL)
#define ISO_MAX 253402300799LL

/*
 * The civil date by arithmetic (Howard Hinnant's civil_from_days), not
 * gmtime_r and strftime: it needs no C library time zone code (the core
 * must build for the browser) and costs a tenth as much, which counts in a
 * page of entries.
 */
void
dy_time_iso(int64_t t, char out[DY_TIME_ISO_LEN + 1])
{
	static const char sep[6] = {'-', '-', 'T', ':', ':', 'Z'};
	int64_t days, secs, z, era, doe, yoe, y, doy, mp, d, m;
	int v[6], i;
	char *p = out;

	if (t < ISO_MIN || t > ISO_MAX) {
		memcpy(out, "1970-01-01T00:00:00Z", DY_TIME_ISO_LEN + 1);
		return;
	}
	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	secs = t - days * 86400;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	v[0] = (int)y;
	v[1] = (int)m;
	v[2] = (int)d;
	v[3] = (int)(secs / 3600);
	v[4] = (int)(secs / 60 % 60);
	v[5] = (int)(secs % 60);
	p[0] = (char)('0' + v[0] / 1000);
	p[1] = (char)('0' + v[0] / 100 % 10);
	p[2] = (char)('0' + v[0] / 10 % 10);
	p[3] = (char)('0' + v[0] % 10);
	p[4] = sep[0];
	p += 5;
	for (i = 1; i < 6; i++) {
		p[0] = (char)('0' + v[i] / 10);
		p[1] = (char)('0' + v[i] % 10);
		p[2] = sep[i];
		p += 3;
	}
	*p = '\0';
}

char *
dy_strndup(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX || (p = malloc(len + 1)) == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
dy_grow(void *pv, size_t n, size_t *cap, size_t elem, size_t first)
{
	size_t ncap;
	void *p, *np;

	if (n < *cap)
		return 0;
	ncap = *cap != 0 ? *cap * 2 : first;
	if (ncap <= *cap || elem == 0 || ncap > SIZE_MAX / elem)
		return -1;
	memcpy(&p, pv, sizeof(p));
	if ((np = realloc(p, ncap * elem)) == NULL)
		return -1;
	memcpy(pv, &np, sizeof(np));
	*cap = ncap;
	return 0;
}

void
dy_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;

	if (src == NULL)
		src = "";  /* a NULL column of a damaged file reads as empty */
	n = strlen(src);

	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}
