/*
 * coach.c - the I-statement coach over HTTP: POST /api/v1/coach reads
 * text and answers what the core's coach found (dy_coach_check);
 * POST /api/v1/coach/statement builds an I-statement from its four parts
 * and answers it with what the coach finds in it. Nothing is stored; a
 * session is needed so that strangers cannot use the server's time.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "banned.h"

/* The findings of text as a JSON object, with member "statement" = text
 * when statement is true; NULL with an answer sent on failure. */
static json_t *
findings(struct web_req *r, const char *text, size_t len, bool statement)
{
	struct dy_coach_result res;
	struct dy_error err = {0};
	struct dy_buf b = DY_BUF_INIT(1 << 20);
	json_t *doc = NULL;

	if (dy_coach_check(text, len, &res, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if (dy_coach_json(text, &res, &b) != 0 || !(doc = json_loadb(b.p, b.len, 0, NULL)) ||
	    (statement && json_object_set_new(doc, "statement", json_stringn(text, len)) != 0)) {
		json_decref(doc);
		doc = NULL;
		reply_error(r, 500, "no_memory", "Out of memory.");
	}
out:
	dy_buf_release(&b);
	return doc;
}

void h_coach_check(struct web_req *r)
{
	enum { F_TEXT, F__N };
	static const struct web_field fields[F__N] = {
		[F_TEXT] = {"text", WEB_F_STRING, true, 0, DY_COACH_TEXT_MAX},
	};
	struct web_value v[F__N];
	json_t *doc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if ((doc = findings(r, v[F_TEXT].s, v[F_TEXT].len, false)) != NULL)
		reply_json(r, 200, doc);
}

void h_coach_statement(struct web_req *r)
{
	enum { F_FEEL, F_WHEN, F_NEED, F_ASK, F__N };
	static const struct web_field fields[F__N] = {
		[F_FEEL] = {"feel", WEB_F_STRING, true, 1, DY_COACH_PART_MAX},
		[F_WHEN] = {"when", WEB_F_STRING, true, 1, DY_COACH_PART_MAX},
		[F_NEED] = {"need", WEB_F_STRING, true, 1, DY_COACH_PART_MAX},
		[F_ASK] = {"ask", WEB_F_STRING, true, 1, DY_COACH_PART_MAX},
	};
	struct web_value v[F__N];
	struct dy_buf b = DY_BUF_INIT(4 * DY_COACH_PART_MAX + 256);
	struct dy_error err = {0};
	json_t *doc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	for (size_t i = 0; i < F__N; i++)
		if (strlen(v[i].s) != v[i].len) {
			reply_error(r, 400, "invalid", "The parts of a statement cannot contain NUL characters.");
			return;
		}
	if (dy_coach_istatement(v[F_FEEL].s, v[F_WHEN].s, v[F_NEED].s, v[F_ASK].s, &b, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if ((doc = findings(r, b.p, b.len, true)) != NULL)
		reply_json(r, 200, doc);
out:
	dy_buf_release(&b);
}
