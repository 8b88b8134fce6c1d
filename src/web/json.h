/*
 * json.h - request bodies in, documents out: the checks at the JSON
 * boundary, and the JSON shapes of the core's people and spaces.
 */
#ifndef DY_WEB_JSON_H
#define DY_WEB_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "dyad.h"
#include "http.h"

enum web_ftype { WEB_F_STRING, WEB_F_BOOL };

/*
 * One field of a request body: its name, type, whether it must be there,
 * and for strings the byte range of the value.
 *
 * A handler declares its fields as a map keyed by its own enum, the way
 * kcgi keys fieldmap[] by KEY_*, and reads the values by the same keys:
 *
 *	enum { F_TITLE, F_TEXT, F__N };
 *	static const struct web_field fields[F__N] = {
 *		[F_TITLE] = {"title", WEB_F_STRING, false, 0, DY_TITLE_MAX},
 *		[F_TEXT] = {"text", WEB_F_STRING, true, 1, DY_TEXT_MAX},
 *	};
 *	struct web_value v[F__N];
 *
 *	if (web_fields(r, fields, F__N, v) != 0)
 *		return;
 *	... v[F_TITLE].s, v[F_TEXT].len ...
 *
 * A key left out of the map (a row with no name) is a programming error:
 * web_fields answers 500 rather than skip it.
 */
struct web_field {
	const char *name;
	enum web_ftype type;
	bool required;
	size_t min;
	size_t max;
};

/* A checked field's value; present is false for an absent optional one
 * (s is then NULL and len 0). */
struct web_value {
	bool present;
	const char *s;
	size_t len;
	bool b;
};

/* Whether a Content-Type header says JSON ("application/json", any
 * parameters, any case). */
bool web_is_json_type(const char *content_type);

/* Parse r->body into r->json. On failure answers 400 (malformed JSON) and
 * returns -1. An empty body leaves r->json NULL and returns 0. */
DY_WUR int web_parse_body(struct web_req *r);

/* Check r->json (which must be an object) against fields[0..n) and fill
 * vals[0..n), each value at its field's index; unknown members are ignored.
 * On failure answers 400 naming the field (500 for a hole in the map) and
 * returns -1. */
DY_WUR int web_fields(struct web_req *r, const struct web_field *fields, size_t n,
               struct web_value *vals);

/* {"id","name","color"} of a person. NULL when out of memory. */
json_t *web_json_person(const struct dy_person_info *p);

/* {"id","label","members"} of a space. */
json_t *web_json_space(const struct dy_space_info *s);

/* {"me","partner","space"} from a whoami answer; partner is null when alone. */
json_t *web_json_whoami(const struct dy_space_info *s);

#endif
