/*
 * cookie.c - counting session cookies in a Cookie header
 * (web_cookie_count, src/web/http.c), which decides that a request with two
 * session cookies is refused rather than served by the first.
 *
 * Input: a mode byte choosing the name (the plain or the __Host- session
 * cookie, or a one-letter name), then the header's value, cut at its first
 * NUL as libmicrohttpd hands it over.
 *
 * What must hold: the count is the one an independent reading gives (split
 * at every ';', skip the spaces and tabs that open a pair, a pair counts
 * when it begins with the name followed by '=' or a space), never more than
 * the pairs there are, and reading stays inside the value (ASan).
 */
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "fuzz.h"

static unsigned reference(const char *v, size_t len, const char *name)
{
	size_t n = strlen(name), i = 0;
	unsigned count = 0;

	while (i < len) {
		size_t end = i;

		while (end < len && v[end] != ';')
			end++;
		while (i < end && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (end - i > n && memcmp(v + i, name, n) == 0 && (v[i + n] == '=' || v[i + n] == ' '))
			count++;
		i = end + 1;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {WEB_COOKIE, WEB_COOKIE_SECURE, "a"};
	const char *name;
	char *v;
	size_t len, pairs = 1, i;
	unsigned got;

	if (size == 0)
		return 0;
	name = names[data[0] % 3];
	data++;
	size--;
	len = strnlen((const char *)data, size);
	v = malloc(len + 1);
	FUZZ_CHECK(v != NULL);
	memcpy(v, data, len);
	v[len] = '\0';
	for (i = 0; i < len; i++)
		pairs += v[i] == ';';
	got = web_cookie_count(v, name);
	FUZZ_CHECK(got == reference(v, len, name));
	FUZZ_CHECK(got <= pairs);
	free(v);
	return 0;
}
