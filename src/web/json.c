/*
 * json.c - the JSON boundary: parsing bodies with jansson, checking their
 * fields against a route's table, and the shapes of people and spaces.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "banned.h"

bool web_is_json_type(const char *ct)
{
	static const char want[] = "application/json";
	size_t n = sizeof(want) - 1;

	if (ct == NULL)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

int web_parse_body(struct web_req *r)
{
	json_error_t jerr;
	char msg[200];

	if (r->body_len == 0)
		return 0;
	/* jansson rejects invalid UTF-8 and \u0000 in strings by default; the
	 * whole body must be one JSON value. */
	r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (r->json == NULL) {
		snprintf(msg, sizeof(msg), "The request body is not valid JSON (line %d, column %d).",
		         jerr.line, jerr.column);
		reply_error(r, 400, "invalid", msg);
		return -1;
	}
	return 0;
}

int web_fields(struct web_req *r, const struct web_field *fields, size_t n,
               struct web_value *vals)
{
	char msg[160];
	size_t i;

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The request body must be a JSON object.");
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct web_field *f = &fields[i];
		json_t *v;

		memset(&vals[i], 0, sizeof(vals[i]));
		if (f->name == NULL) {
			reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
			return -1;
		}
		v = json_object_get(r->json, f->name);
		if (v == NULL || (json_is_null(v) && !f->required)) {
			if (f->required) {
				snprintf(msg, sizeof(msg), "The field \"%s\" is missing.", f->name);
				goto bad;
			}
			continue;
		}
		switch (f->type) {
		case WEB_F_STRING:
			if (!json_is_string(v)) {
				snprintf(msg, sizeof(msg), "The field \"%s\" must be a string.", f->name);
				goto bad;
			}
			vals[i].s = json_string_value(v);
			vals[i].len = json_string_length(v);
			if (vals[i].len < f->min || vals[i].len > f->max) {
				snprintf(msg, sizeof(msg), "The field \"%s\" must be %zu to %zu bytes long.",
				         f->name, f->min, f->max);
				goto bad;
			}
			break;
		case WEB_F_BOOL:
			if (!json_is_boolean(v)) {
				snprintf(msg, sizeof(msg), "The field \"%s\" must be true or false.", f->name);
				goto bad;
			}
			vals[i].b = json_is_true(v);
			break;
		}
		vals[i].present = true;
	}
	return 0;
bad:
	reply_error(r, 400, "invalid", msg);
	return -1;
}

/* The core's one presentation of people and spaces (the CLI's too). */
json_t *web_json_person(const struct dy_person_info *p)
{
	return dy_person_json(p);
}

json_t *web_json_space(const struct dy_space_info *s)
{
	return dy_space_json(s);
}

json_t *web_json_whoami(const struct dy_space_info *s)
{
	json_t *me = NULL, *partner = NULL;
	int i;

	for (i = 0; i < s->members && i < 2; i++) {
		if (s->people[i].me && me == NULL)
			me = web_json_person(&s->people[i]);
		else if (partner == NULL)
			partner = web_json_person(&s->people[i]);
	}
	if (me == NULL) {
		json_decref(partner);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o}", "me", me, "partner", partner != NULL ? partner : json_null(),
	                 "space", web_json_space(s));
}
