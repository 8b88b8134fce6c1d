/*
 * buf.h - the one growable byte buffer of dyad, with a hard cap (after
 * curl's dynbuf). Part of libdyad's public interface: dyad.h includes it,
 * and the front ends use it for what they read and write.
 *
 * Invariants of a struct dy_buf, which only these functions change:
 *  - len <= max, always: nothing past the cap is ever kept;
 *  - p is NULL (nothing allocated yet) or holds len bytes and a NUL after
 *    them, so the content can be used as a C string when it has no NUL;
 *  - the first failure is latched in err (DY_ETOOBIG: the cap would be
 *    passed; DY_ENOMEM: out of memory). Every later add returns that code
 *    and keeps nothing, and dy_buf_take returns NULL: a writer adds many
 *    pieces and checks once, at the end. What was added before the failure
 *    stays readable (p, len) until release.
 * p, len and err may be read directly.
 *
 * Ownership: the buffer owns p until dy_buf_take hands it over (the caller
 * then frees it with free()) or dy_buf_release frees it.
 */
#ifndef DY_BUF_H
#define DY_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct dy_buf {
	char *p;
	size_t len;
	size_t cap;     /* bytes allocated, the NUL's included */
	size_t max;     /* the most bytes of content it will ever hold */
	int err;        /* 0, or the first failure: a negative dy_code */
};

/* An empty buffer that will hold at most max bytes. Allocates nothing. */
#define DY_BUF_INIT(max) {NULL, 0, 0, (max), 0}
void dy_buf_init(struct dy_buf *b, size_t max);

/* Free the content; the buffer is empty again, with the same cap and no
 * failure, ready for reuse. Accepts a zeroed buffer. */
void dy_buf_release(struct dy_buf *b);

/* Empty the buffer and clear its failure, keeping its memory. */
void dy_buf_reset(struct dy_buf *b);

/* Allocate room for n more bytes (fewer when the cap is nearer) so that
 * adds up to that size do not reallocate: a hint for writers who know the
 * size ahead. 0, or the latched failure (DY_ENOMEM). */
int dy_buf_grow(struct dy_buf *b, size_t n);

/* Append n bytes (may contain NULs), or a C string, or printf-style text.
 * 0, or the latched failure: all of the piece is kept or none of it. */
int dy_buf_add(struct dy_buf *b, const void *data, size_t n);
int dy_buf_addstr(struct dy_buf *b, const char *s);
int dy_buf_addf(struct dy_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dy_buf_vaddf(struct dy_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Latch a failure the writer found itself (bad input, say: DY_EINVAL), as
 * if an add had failed with code (a negative dy_code). A buffer that has
 * failed already keeps its first code. Returns the latched code. */
int dy_buf_fail(struct dy_buf *b, int code);

/* Hand the content over: a NUL-terminated string of *len bytes (*len may
 * be NULL) that the caller frees with free(); "" when nothing was added.
 * NULL when the buffer failed (or the empty string could not be
 * allocated). Either way the buffer is left released, as dy_buf_release
 * leaves it. */
char *dy_buf_take(struct dy_buf *b, size_t *len);

#endif
