/*
 * router.c - finding a request's route (web_route_find, src/web/router.c)
 * for any method and path, as libmicrohttpd hands them over.
 *
 * Input: the method, a NUL byte, the path (a missing NUL: all path, method
 * GET), and the size of the Allow buffer from the first byte.
 *
 * What must hold: a match is a route of the table whose method is the one
 * asked (HEAD as GET) and whose pattern, with its {id} replaced by the
 * parameter found, is the path byte for byte; a path that matches no route
 * is NO_ROUTE; for NO_METHOD, the Allow list names each method once, fits
 * its buffer, and names only methods of routes whose pattern matches.
 */
#include <string.h>

#include "router.h"
#include "fuzz.h"

/* Whether path is pattern with "{...}" replaced by param. */
static bool expands_to(const char *pattern, const char *param, const char *path)
{
	size_t plen = strlen(param);

	while (*pattern != '\0') {
		if (*pattern == '{') {
			if (strncmp(path, param, plen) != 0)
				return false;
			path += plen;
			pattern = strchr(pattern, '}');
			if (pattern == NULL)
				return false;
			pattern++;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *path == '\0';
}

/* Whether path fits pattern at all (for any parameter): {..} takes one
 * non-empty segment of at most DY_ID_LEN bytes. */
static bool fits(const char *pattern, const char *path)
{
	while (*pattern != '\0') {
		if (*pattern == '{') {
			size_t n = strcspn(path, "/");

			if (n == 0 || n > DY_ID_LEN)
				return false;
			path += n;
			pattern = strchr(pattern, '}') + 1;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return *path == '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct web_req r;
	const struct web_route *table;
	char method[16], *path, allow[64];
	const char *want;
	const uint8_t *nul;
	size_t n, mlen, allow_size, i;
	enum web_match m;
	bool any_path = false;

	if (size < 1 || size > 4096)
		return 0;
	allow_size = data[0] % (sizeof(allow) + 1);
	data++;
	size--;
	nul = memchr(data, '\0', size);
	if (nul != NULL) {
		mlen = (size_t)(nul - data);
		if (mlen >= sizeof(method))
			return 0;
		memcpy(method, data, mlen);
		method[mlen] = '\0';
		data = nul + 1;
		size -= mlen + 1;
	} else {
		memcpy(method, "GET", 4);
	}
	/* libmicrohttpd's URL is a C string: it ends at the first NUL */
	if ((path = malloc(size + 1)) == NULL)
		return 0;
	memcpy(path, data, size);
	path[size] = '\0';

	memset(&r, 0, sizeof(r));
	memset(allow, 'x', sizeof(allow));
	m = web_route_find(&r, method, path, allow, allow_size);
	table = web_route_table(&n);
	want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (i = 0; i < n; i++)
		any_path = any_path || fits(table[i].pattern, path);

	switch (m) {
	case WEB_MATCH_OK:
		FUZZ_CHECK(r.route >= table && r.route < table + n);
		FUZZ_CHECK(strcmp(r.route->method, want) == 0);
		FUZZ_CHECK(r.param_len <= DY_ID_LEN && strlen(r.param) == r.param_len);
		FUZZ_CHECK(memchr(r.param, '/', r.param_len) == NULL);
		FUZZ_CHECK(strchr(r.route->pattern, '{') != NULL || r.param_len == 0);
		FUZZ_CHECK(expands_to(r.route->pattern, r.param, path));
		break;
	case WEB_MATCH_NO_ROUTE:
		FUZZ_CHECK(!any_path);
		FUZZ_CHECK(r.route == NULL);
		break;
	case WEB_MATCH_NO_METHOD: {
		const char *p = allow;

		FUZZ_CHECK(any_path);
		FUZZ_CHECK(r.route == NULL);
		if (allow_size == 0)
			break;
		FUZZ_CHECK(memchr(allow, '\0', allow_size) != NULL);
		while (*p != '\0') {
			size_t k = strcspn(p, ","), j;
			bool known = false;
			const char *q;

			for (j = 0; j < n; j++) {
				if (strlen(table[j].method) == k && memcmp(table[j].method, p, k) == 0 &&
				    fits(table[j].pattern, path))
					known = true;
			}
			FUZZ_CHECK(known);
			FUZZ_CHECK(!(k == strlen(want) && memcmp(p, want, k) == 0));
			/* named once */
			for (q = p + k; *q != '\0';) {
				size_t k2;

				q += 2;
				k2 = strcspn(q, ",");
				FUZZ_CHECK(!(k2 == k && memcmp(q, p, k) == 0));
				q += k2;
			}
			p += k;
			if (*p == ',') {
				FUZZ_CHECK(p[1] == ' ');
				p += 2;
			}
		}
		break;
	}
	default:
		FUZZ_CHECK(!"an answer web_route_find does not give");
	}
	free(path);
	return 0;
}
