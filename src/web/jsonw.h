/*
 * jsonw.h - a small JSON writer for the server's hottest answers (journal
 * entries and pages of them).
 *
 * Why not jansson here: jansson's serializer walks strings one code point
 * at a time through a callback, about 20-30 ns a byte on our target
 * machine, which made a page of 20 entries (16 KB) cost 300-400 us, more
 * than everything else in the request together. This writer copies runs of
 * plain bytes at once. It only writes: all JSON *parsing* stays with
 * jansson, and everything else the server answers is still built with
 * jansson. Strings are checked to be UTF-8 as they are written; the tests
 * parse every answer back.
 *
 * A struct jw writes into the core's capped buffer (struct dy_buf); after
 * any failure (out of memory, over the cap, bad UTF-8) it stays failed and
 * jw_detach returns NULL.
 */
#ifndef DY_WEB_JSONW_H
#define DY_WEB_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

/* The core's capped buffer underneath: b.err is set once the writer failed.
 * failed is for callers that find an error of their own; prefer jw_fail,
 * the field stays only until web/journal.c uses it. */
struct jw {
	struct dy_buf b;
	bool failed;
};

/* An empty writer of at most max bytes of text (max < SIZE_MAX), with room
 * for initial bytes to start (a guess, held to max). */
void jw_init(struct jw *w, size_t initial, size_t max);
void jw_release(struct jw *w);

/* JSON syntax as it is: "{", "],", "true"... (the caller's literal). */
void jw_raw(struct jw *w, const char *s, size_t n);
#define jw_lit(w, s) jw_raw((w), (s), sizeof(s) - 1)

/* A JSON string: quotes, escapes; fails on invalid UTF-8. */
void jw_str(struct jw *w, const char *s, size_t n);

/* A whole number. */
void jw_int(struct jw *w, int64_t v);


/* Fail the writer for a reason of the caller's (an HTML rendering that ran
 * out of memory): jw_detach will return NULL. */
void jw_fail(struct jw *w);

/* The text (NUL-terminated) and its length; the caller frees it. NULL when
 * the writer failed. Leaves w released. */
char *jw_detach(struct jw *w, size_t *len);

#endif
