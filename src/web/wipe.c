/*
 * wipe.c - freeing and growing memory without leaving its bytes behind
 * (wipe.h). The size of a block comes from glibc (malloc_usable_size);
 * elsewhere these are plain free and realloc.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <sodium.h>

#include "wipe.h"
#include "banned.h"

void web_free_wiped(void *p)
{
	if (p == NULL)
		return;
#ifdef __GLIBC__
	sodium_memzero(p, malloc_usable_size(p));
#endif
	free(p);
}

void *web_realloc_wiped(void *p, size_t n)
{
#ifdef __GLIBC__
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(n);
	if ((q = malloc(n > 0 ? n : 1)) == NULL)
		return NULL;
	old = malloc_usable_size(p);
	memcpy(q, p, old < n ? old : n);
	web_free_wiped(p);
	return q;
#else
	return realloc(p, n);
#endif
}
