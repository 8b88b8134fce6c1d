/*
 * codes.c - invitation and recovery codes as people type them
 * (dy_code_decode, src/core/util.c).
 *
 * What must hold: a code decodes only from exactly 40 symbols of Crockford's
 * base32 (dashes and white space aside); what decodes encodes back to the
 * canonical form, which decodes to the same bytes; and the canonical form
 * of the input, read by hand here, is that encoding.
 */
#include <ctype.h>
#include <string.h>

#include "dyad.h"
#include "util.h"
#include "fuzz.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The input's symbols in canonical form (upper case, O as 0, I and L as 1),
 * without separators; -1 when a byte is neither a symbol nor a separator. */
static int canonical(const uint8_t *s, size_t n, char *out, size_t cap, size_t *len)
{
	size_t i;

	*len = 0;
	for (i = 0; i < n; i++) {
		int c = s[i];

		if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		c = c < 0x80 ? toupper(c) : c;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == 0 || c >= 0x80 || strchr(alphabet, c) == NULL)
			return -1;
		if (*len < cap)
			out[*len] = (char)c;
		(*len)++;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t raw[DY_CODE_BYTES], again[DY_CODE_BYTES];
	char text[DY_RECOVERY_LEN + 1], canon[40];
	size_t clen, i, o = 0;
	bool ok;

	ok = dy_code_decode((const char *)data, size, raw);
	if (size <= 200 && canonical(data, size, canon, sizeof(canon), &clen) == 0 && clen == 40)
		FUZZ_CHECK(ok);
	if (!ok)
		return 0;
	FUZZ_CHECK(size <= 200);
	FUZZ_CHECK(canonical(data, size, canon, sizeof(canon), &clen) == 0 && clen == 40);
	dy_code_encode(raw, text);
	FUZZ_CHECK(strlen(text) == DY_RECOVERY_LEN);
	for (i = 0; i < DY_RECOVERY_LEN; i++) {
		if (i % 6 == 5) {
			FUZZ_CHECK(text[i] == '-');
			continue;
		}
		FUZZ_CHECK(text[i] == canon[o]);
		o++;
	}
	FUZZ_CHECK(dy_code_decode(text, strlen(text), again));
	FUZZ_CHECK(memcmp(raw, again, sizeof(raw)) == 0);
	return 0;
}
