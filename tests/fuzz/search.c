/*
 * search.c - the walk a journal search makes over each entry's title and
 * text (scan_counts in src/core/search.c), which counts a query's matches
 * without folding the whole text.
 *
 * Input: the first byte's low six bits are the query's length in bytes;
 * the query follows, then the text (any bytes: the walk must agree even on
 * bytes that are not UTF-8, though entries always are).
 *
 * What must hold: for every query a search accepts, each term's count by
 * the walk equals its count on the text cut into folded words (fold_words
 * and term_count, the way the passage is marked); a query it refuses is
 * refused with DY_EINVAL.
 */
#include <string.h>

#include "dyad.h"
#include "search_int.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned scan[DY_SEARCH_TERMS_MAX], fold[DY_SEARCH_TERMS_MAX];
	size_t qlen, nterms;
	int rc;

	if (size < 1)
		return 0;
	qlen = data[0] & 0x3F;
	if (qlen > size - 1)
		qlen = size - 1;
	rc = search_counts((const char *)data + 1, qlen, (const char *)data + 1 + qlen, size - 1 - qlen, scan, fold,
	                   &nterms);
	FUZZ_CHECK(rc == 0 || rc == DY_EINVAL);
	if (rc != 0)
		return 0;
	FUZZ_CHECK(nterms >= 1 && nterms <= DY_SEARCH_TERMS_MAX);
	for (size_t t = 0; t < nterms; t++)
		FUZZ_CHECK(scan[t] == fold[t]);
	return 0;
}
