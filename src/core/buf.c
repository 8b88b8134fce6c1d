/*
 * buf.c - the capped growable buffer of buf.h.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "dyad.h"
#include "banned.h"

#define BUF_MIN_ALLOC 64

void
dy_buf_init(struct dy_buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = 0;
}

void
dy_buf_release(struct dy_buf *b)
{
	if (b->p != NULL)
		sodium_memzero(b->p, b->cap);   /* it may have held someone's words */
	free(b->p);
	dy_buf_init(b, b->max);
}

void
dy_buf_reset(struct dy_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

int
dy_buf_fail(struct dy_buf *b, int code)
{
	if (b->err == 0)
		b->err = code < 0 ? code : DY_EINVAL;
	return b->err;
}

/* Make the allocation at least need bytes (content and NUL), doubling, and
 * never more than max + 1. The caller has checked need <= max + 1. */
static int
ensure(struct dy_buf *b, size_t need)
{
	size_t cap;
	char *np;

	if (need <= b->cap)
		return 0;
	cap = b->cap > BUF_MIN_ALLOC ? b->cap : BUF_MIN_ALLOC;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
	if (cap > b->max + 1 || cap < need)
		cap = need > b->max + 1 ? need : b->max + 1;
	/* a new block and the old one cleared, not realloc: realloc may leave
	 * the old bytes in a freed block */
	if ((np = malloc(cap)) == NULL)
		return dy_buf_fail(b, DY_ENOMEM);
	if (b->p == NULL) {
		np[0] = '\0';
	} else {
		memcpy(np, b->p, b->len + 1);
		sodium_memzero(b->p, b->cap);
		free(b->p);
	}
	b->p = np;
	b->cap = cap;
	return 0;
}

int
dy_buf_grow(struct dy_buf *b, size_t n)
{
	if (b->err != 0)
		return b->err;
	if (b->max == SIZE_MAX)
		return dy_buf_fail(b, DY_ETOOBIG);  /* no room for the NUL: a caller's mistake */
	if (n > b->max - b->len)
		n = b->max - b->len;
	return ensure(b, b->len + n + 1);
}

int
dy_buf_add(struct dy_buf *b, const void *data, size_t n)
{
	int rc;

	if (b->err != 0)
		return b->err;
	if (b->max == SIZE_MAX || n > b->max - b->len)
		return dy_buf_fail(b, DY_ETOOBIG);
	if (b->len + n + 1 > b->cap && (rc = ensure(b, b->len + n + 1)) != 0)
		return rc;
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int
dy_buf_addstr(struct dy_buf *b, const char *s)
{
	return dy_buf_add(b, s, strlen(s));
}

int
dy_buf_vaddf(struct dy_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	size_t room;
	int n, rc;

	if (b->err != 0)
		return b->err;
	/* first try in what is allocated; then once more with the exact size */
	room = b->cap > b->len ? b->cap - b->len : 0;
	va_copy(again, ap);
	n = vsnprintf(room > 0 ? b->p + b->len : NULL, room, fmt, ap);
	if (n < 0) {
		va_end(again);
		if (b->p != NULL)
			b->p[b->len] = '\0';
		return dy_buf_fail(b, DY_EINVAL);
	}
	if ((size_t)n < room) {
		va_end(again);
		if ((size_t)n > b->max - b->len) {
			b->p[b->len] = '\0';
			return dy_buf_fail(b, DY_ETOOBIG);
		}
		b->len += (size_t)n;
		return 0;
	}
	if (b->p != NULL)
		b->p[b->len] = '\0';
	if (b->max == SIZE_MAX || (size_t)n > b->max - b->len) {
		va_end(again);
		return dy_buf_fail(b, DY_ETOOBIG);
	}
	if ((rc = ensure(b, b->len + (size_t)n + 1)) != 0) {
		va_end(again);
		return rc;
	}
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, again);
	va_end(again);
	b->len += (size_t)n;
	return 0;
}

int
dy_buf_addf(struct dy_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = dy_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *
dy_buf_take(struct dy_buf *b, size_t *len)
{
	char *out = NULL;

	if (b->err == 0) {
		out = b->p != NULL ? b->p : calloc(1, 1);
		if (out != NULL && len != NULL)
			*len = b->p != NULL ? b->len : 0;
		if (out == b->p)
			b->p = NULL;
	}
	dy_buf_release(b);
	return out;
}
