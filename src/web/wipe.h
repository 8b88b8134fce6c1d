/*
 * wipe.h - memory that may hold people's words (a passphrase, an entry's
 * text, its rendered HTML, an answer about to be sent) is cleared before it
 * goes back to the allocator, so that freed blocks do not keep it for later
 * requests to reuse or for a core dump to show. docs/SECURITY.md says what
 * this covers and what it cannot (libmicrohttpd's and GnuTLS's own
 * buffers, the kernel's).
 */
#ifndef DY_WEB_WIPE_H
#define DY_WEB_WIPE_H

#include <stddef.h>

/* free(p) after clearing the whole block (NULL: nothing). p must come from
 * malloc, calloc or realloc. Without glibc (no malloc_usable_size to know
 * the block's size) these two are plain free and realloc. */
void web_free_wiped(void *p);

/* realloc(p, n) that leaves no copy behind: a new block, the old one
 * cleared and freed. NULL (p untouched) when out of memory. */
void *web_realloc_wiped(void *p, size_t n);

#endif
