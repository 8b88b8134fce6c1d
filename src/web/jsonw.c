/*
 * jsonw.c - the JSON writer of jsonw.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "banned.h"

/* initial is a guess, held to max: the text never needs more, and a
 * SIZE_MAX guess would wrap the + 1 below to a malloc(0). */
void jw_init(struct jw *w, size_t initial, size_t max)
{
	memset(w, 0, sizeof(*w));
	w->max = max;
	if (initial > max)
		initial = max;
	w->buf = malloc(initial + 1);
	if (w->buf == NULL)
		w->failed = true;
	else
		w->cap = initial;
}

void jw_release(struct jw *w)
{
	free(w->buf);
	memset(w, 0, sizeof(*w));
}

/* Room for n more bytes (and a NUL). */
static bool reserve(struct jw *w, size_t n)
{
	size_t want, cap;
	char *nb;

	if (w->failed)
		return false;
	if (n > w->max || w->len > w->max - n) {
		w->failed = true;
		return false;
	}
	want = w->len + n;
	if (want <= w->cap)
		return true;
	cap = w->cap > 0 ? w->cap : 256;
	while (cap < want)
		cap = cap > w->max / 2 ? w->max : cap * 2;
	nb = realloc(w->buf, cap + 1);
	if (nb == NULL) {
		w->failed = true;
		return false;
	}
	w->buf = nb;
	w->cap = cap;
	return true;
}

void jw_raw(struct jw *w, const char *s, size_t n)
{
	if (!reserve(w, n))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

/* Length of the valid UTF-8 sequence at s (first byte >= 0x80), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void jw_str(struct jw *w, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	/* worst case 6 bytes out per byte in, plus quotes: reserve as we go */
	if (!reserve(w, n + 2))
		return;
	w->buf[w->len++] = '"';
	while (i < n) {
		size_t run = i;

		while (run < n && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i) {
			jw_raw(w, str + i, run - i);
			i = run;
			continue;
		}
		if (s[i] >= 0x80) {
			size_t len = utf8_seq(s + i, n - i);

			if (len == 0) {
				w->failed = true;
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
	char b[24];
	int n = snprintf(b, sizeof(b), "%lld", (long long)v);

	if (n > 0 && (size_t)n < sizeof(b))
		jw_raw(w, b, (size_t)n);
	else
		w->failed = true;
}

char *jw_detach(struct jw *w, size_t *len)
{
	char *out;

	if (w->failed || w->buf == NULL) {
		jw_release(w);
		return NULL;
	}
	w->buf[w->len] = '\0';
	out = w->buf;
	*len = w->len;
	memset(w, 0, sizeof(*w));
	return out;
}

void jw_json(struct jw *w, const json_t *v)
{
	char num[40];
	const char *key;
	json_t *m;
	size_t i, n = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jw_lit(w, "{");
		json_object_foreach((json_t *)(uintptr_t)v, key, m) {
			if (n++ > 0)
				jw_lit(w, ",");
			jw_str(w, key, strlen(key));
			jw_lit(w, ":");
			jw_json(w, m);
		}
		jw_lit(w, "}");
		break;
	case JSON_ARRAY:
		jw_lit(w, "[");
		for (i = 0; i < json_array_size(v); i++) {
			if (i > 0)
				jw_lit(w, ",");
			jw_json(w, json_array_get(v, i));
		}
		jw_lit(w, "]");
		break;
	case JSON_STRING:
		jw_str(w, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		jw_int(w, (int64_t)json_integer_value(v));
		break;
	case JSON_REAL:
		n = (size_t)snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		jw_raw(w, num, n < sizeof(num) ? n : 0);
		break;
	case JSON_TRUE:
		jw_lit(w, "true");
		break;
	case JSON_FALSE:
		jw_lit(w, "false");
		break;
	default:
		jw_lit(w, "null");
		break;
	}
}
