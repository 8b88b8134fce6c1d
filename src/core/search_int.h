/*
 * search_int.h - what the tests see of search.c's insides (not part of
 * libdyad's interface).
 */
#ifndef DY_SEARCH_INT_H
#define DY_SEARCH_INT_H

#include <stddef.h>

/* The counts of query's terms in text[0..len), both ways: scan, by the
 * walk a search makes over each entry; fold, by cutting the whole text into
 * folded words and counting on those. Each array holds
 * DY_SEARCH_TERMS_MAX counts; *nterms is the query's terms. 0, DY_EINVAL
 * for a query a search refuses, or DY_ENOMEM. */
int search_counts(const char *query, size_t query_len, const char *text, size_t len, unsigned *scan,
                  unsigned *fold, size_t *nterms);

#endif
