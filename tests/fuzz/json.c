/*
 * json.c - the JSON intake of every request body (web_parse_body and
 * web_fields, src/web/json.c): parsing with jansson, then reading a route's
 * field map.
 *
 * Input: a field map in the first bytes (how many fields, up to six; for
 * each, which name, type, whether required, and the byte range), then the
 * body. The names and ranges are the handlers' (the files of src/web: "name",
 * "passphrase", "text", the coach's "feel"...; 1..DY_NAME_MAX,
 * 0..DY_TEXT_MAX...) and some odd ones, so the handlers' maps are among the
 * maps built here; a handler that adds a field or range should add it to the
 * tables below.
 *
 * What must hold: a body that does not parse gets exactly one reply, a 400;
 * so does a body that is not an object or breaks the map; when web_fields
 * accepts, it made no reply, every required field is present, every present
 * string is a NUL-free C string of its length within its range, and every
 * absent field is zeroed (what the handlers rely on when they read v[]).
 */
#include <string.h>

#include "coach.h"
#include "json.h"
#include "fuzz.h"

static const char *const names[] = {
	"name", "passphrase", "label", "code", "title", "text", "shared", "current", "new",
	"feel", "when", "need", "ask", "", "__proto__", "n\xc3\xa4me", "text\n",
};

static const size_t bounds[][2] = {
	{1, DY_NAME_MAX}, {1, DY_PASSPHRASE_MAX}, {0, DY_LABEL_MAX}, {1, 128},
	{0, DY_TITLE_MAX}, {1, DY_TEXT_MAX}, {0, DY_COACH_TEXT_MAX}, {1, DY_COACH_PART_MAX},
	{0, 0}, {1, 1}, {3, 2}, {0, SIZE_MAX},
};

#define MAP_MAX 6

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct web_field map[MAP_MAX];
	struct web_value v[MAP_MAX];
	static const struct web_config cfg;
	struct web_req r;
	size_t n, i;
	char *body;
	int rc;

	if (size < 1)
		return 0;
	n = 1 + data[0] % MAP_MAX;
	if (size < 1 + 2 * n)
		return 0;
	for (i = 0; i < n; i++) {
		uint8_t a = data[1 + 2 * i], b = data[2 + 2 * i];
		const size_t *range = bounds[(b >> 2) % (sizeof(bounds) / sizeof(bounds[0]))];

		map[i].name = names[a % (sizeof(names) / sizeof(names[0]))];
		map[i].type = (b & 1) ? WEB_F_BOOL : WEB_F_STRING;
		map[i].required = (b & 2) != 0;
		map[i].min = range[0];
		map[i].max = range[1];
	}
	data += 1 + 2 * n;
	size -= 1 + 2 * n;

	memset(&r, 0, sizeof(r));
	/* the answers read the server's configuration (HSTS, cookies) */
	r.cfg = &cfg;
	memcpy(r.path, "/api/v1/fuzz", sizeof("/api/v1/fuzz"));
	/* an exact copy: a read past the body is a read past the buffer */
	if ((body = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	memcpy(body, data, size);
	r.body = body;
	r.body_len = size;

	rc = web_parse_body(&r);
	if (rc != 0) {
		FUZZ_CHECK(rc == -1 && r.json == NULL);
		FUZZ_CHECK(r.resp != NULL && r.status == 400);
		goto out;
	}
	FUZZ_CHECK(r.resp == NULL);
	FUZZ_CHECK((r.json == NULL) == (size == 0));
	memset(v, 0xA5, sizeof(v));
	rc = web_fields(&r, map, n, v);
	if (rc != 0) {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(r.resp != NULL && r.status == 400);
		goto out;
	}
	FUZZ_CHECK(r.resp == NULL && json_is_object(r.json));
	for (i = 0; i < n; i++) {
		if (!v[i].present) {
			FUZZ_CHECK(!map[i].required);
			FUZZ_CHECK(v[i].s == NULL && v[i].len == 0 && !v[i].b);
			continue;
		}
		if (map[i].type == WEB_F_STRING) {
			FUZZ_CHECK(v[i].s != NULL);
			FUZZ_CHECK(strlen(v[i].s) == v[i].len);
			FUZZ_CHECK(v[i].len >= map[i].min && v[i].len <= map[i].max);
			FUZZ_CHECK(dy_utf8_valid(v[i].s, v[i].len));
			FUZZ_CHECK(json_is_string(json_object_get(r.json, map[i].name)));
		} else {
			FUZZ_CHECK(v[i].s == NULL);
			FUZZ_CHECK(v[i].b == json_is_true(json_object_get(r.json, map[i].name)));
		}
	}
out:
	if (r.resp != NULL)
		MHD_destroy_response(r.resp);
	json_decref(r.json);
	free(body);
	return 0;
}
