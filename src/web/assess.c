/*
 * assess.c - questionnaires, takings and results over HTTP (assess.h):
 *   GET    /api/v1/instruments                 the questionnaires I can take
 *   POST   /api/v1/instruments                 import one (the body is its JSON)
 *   GET    /api/v1/instruments/{id}            one, with its items, to take it
 *   POST   /api/v1/takings                     {"instrument"}: start, or resume my unfinished one
 *   GET    /api/v1/takings/{id}                my taking, with my answers so far
 *   POST   /api/v1/takings/{id}/answers        {"item", "value"}: one answer, saved at once
 *   POST   /api/v1/takings/{id}/finish         score it; the result is written with it
 *   DELETE /api/v1/takings/{id}                a taking by its id or its result's: both go
 *   GET    /api/v1/results?instrument&filter   results and change (filter mine|theirs)
 *   POST   /api/v1/results/share, /unshare     sharing of all my results
 * A taking is its owner's alone: anyone else's reads exactly as a missing
 * one (404, same words). The partner reaches only shared results.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "banned.h"

static void
reply_no_taking(struct web_req *r)
{
	reply_error(r, 404, "not_found", "There is no such taking.");
}

static void
reply_taking_error(struct web_req *r, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND)
		reply_no_taking(r);
	else
		reply_dy_error(r, err);
}

/* The {id} of the path is a record id (lower-case hex and dashes). */
static bool
id_ok(const struct web_req *r)
{
	size_t i;

	if (r->param_len != DY_ID_LEN)
		return false;
	for (i = 0; i < DY_ID_LEN; i++) {
		char c = r->param[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'))
			return false;
	}
	return true;
}

/* Whether body is an object with only the members named in known. */
static bool
only_members(struct web_req *r, const char *const *known, const char *message)
{
	const char *key;
	json_t *v;

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The request body must be a JSON object.");
		return false;
	}
	json_object_foreach(r->json, key, v) {
		size_t i;
		bool ok = false;

		for (i = 0; known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			reply_error(r, 400, "invalid", message);
			return false;
		}
	}
	return true;
}

void
h_instrument_list(struct web_req *r)
{
	struct dy_error err = {0};
	json_t *list;

	if (dy_assess_instruments_json(r->session, &list, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 200, json_pack("{s:o}", "items", list));
}

void
h_instrument_import(struct web_req *r)
{
	struct dy_error err = {0};
	char id[DY_ASSESS_ID_MAX + 1];
	char *text;
	int rc;

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The request body must be a questionnaire (a JSON object).");
		return;
	}
	if (!(text = json_dumps(r->json, JSON_COMPACT))) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	rc = dy_assess_import(r->session, text, strlen(text), id, &err);
	free(text);
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 201, json_pack("{s:s}", "id", id));
}

void
h_instrument_get(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_instrument *in;
	char id[DY_ID_LEN + 1];

	memcpy(id, r->param, r->param_len);
	id[r->param_len] = '\0';
	if (dy_assess_instrument(r->session, id, &in, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 200, dy_assess_instrument_json(in));
	dy_instrument_free(in);
}

static void
reply_taking(struct web_req *r, unsigned status, const struct dy_taking *t)
{
	reply_json(r, status, dy_assess_taking_json(t));
}

void
h_taking_start(struct web_req *r)
{
	static const char *const known[] = {"instrument", NULL};
	struct dy_error err = {0};
	struct dy_instrument *in;
	struct dy_taking *t;
	const json_t *v;
	bool resumed;

	if (!only_members(r, known, "A taking starts with \"instrument\" (an id); nothing else."))
		return;
	v = json_object_get(r->json, "instrument");
	if (v && !json_is_string(v)) {
		reply_error(r, 400, "invalid", "The field \"instrument\" must be a questionnaire's id.");
		return;
	}
	if (!(t = malloc(sizeof(*t)))) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	if (dy_assess_instrument(r->session, v ? json_string_value(v) : NULL, &in, &err) != 0) {
		reply_dy_error(r, &err);
	} else {
		if (dy_assess_start(r->session, in, t, &resumed, &err) != 0)
			reply_dy_error(r, &err);
		else
			reply_taking(r, resumed ? 200 : 201, t);
		dy_instrument_free(in);
	}
	free(t);
}

/* My taking of the path into t and its questionnaire into *in (when in is
 * not NULL): 0, or -1 with a reply sent. */
static int
open_taking(struct web_req *r, struct dy_taking *t, struct dy_instrument **in)
{
	struct dy_error err = {0};

	if (!id_ok(r)) {
		reply_no_taking(r);
		return -1;
	}
	if (dy_assess_taking(r->session, r->param, r->param_len, t, &err) != 0) {
		reply_taking_error(r, &err);
		return -1;
	}
	if (in && dy_assess_instrument(r->session, t->instrument, in, &err) != 0) {
		reply_dy_error(r, &err);
		return -1;
	}
	return 0;
}

void
h_taking_get(struct web_req *r)
{
	struct dy_taking *t = malloc(sizeof(*t));

	if (!t) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	if (open_taking(r, t, NULL) == 0)
		reply_taking(r, 200, t);
	free(t);
}

void
h_taking_answer(struct web_req *r)
{
	static const char *const known[] = {"item", "value", NULL};
	struct dy_error err = {0};
	struct dy_instrument *in = NULL;
	struct dy_taking *t;
	const json_t *item, *value;

	if (!only_members(r, known, "An answer has \"item\" (from 0) and \"value\"; nothing else."))
		return;
	item = json_object_get(r->json, "item");
	value = json_object_get(r->json, "value");
	if (!json_is_integer(item) || !json_is_integer(value) || json_integer_value(item) < 0 ||
	    json_integer_value(item) >= DY_INSTRUMENT_MAX_ITEMS || json_integer_value(value) < -1000000 ||
	    json_integer_value(value) > 1000000) {
		reply_error(r, 400, "invalid", "An answer has \"item\" (a whole number from 0) and \"value\" "
		                               "(a whole number on the scale).");
		return;
	}
	if (!(t = malloc(sizeof(*t)))) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	if (open_taking(r, t, &in) != 0)
		goto out;
	if (dy_assess_answer(r->session, in, t->id, (size_t)json_integer_value(item),
	                     (int)json_integer_value(value), &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if (dy_assess_taking(r->session, t->id, strlen(t->id), t, &err) != 0) {
		reply_taking_error(r, &err);
		goto out;
	}
	reply_taking(r, 200, t);
out:
	dy_instrument_free(in);
	free(t);
}

void
h_taking_finish(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_instrument *in = NULL;
	struct dy_taking *t;
	char rid[DY_ID_LEN + 1];

	if (!(t = malloc(sizeof(*t)))) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	if (open_taking(r, t, &in) != 0)
		goto out;
	if (dy_assess_finish(r->session, in, t->id, rid, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	reply_json(r, 201, json_pack("{s:s,s:s}", "id", t->id, "result_id", rid));
out:
	dy_instrument_free(in);
	free(t);
}

void
h_taking_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (!id_ok(r)) {
		reply_no_taking(r);
		return;
	}
	if (dy_assess_delete(r->session, r->param, r->param_len, &err) != 0) {
		reply_taking_error(r, &err);
		return;
	}
	reply_empty(r, 204);
}

void
h_results(struct web_req *r)
{
	const char *f = req_query(r, "filter"), *ins = req_query(r, "instrument");
	struct dy_error err = {0};
	bool theirs = false;
	json_t *rep;

	if (f && *f) {
		if (strcmp(f, "theirs") == 0)
			theirs = true;
		else if (strcmp(f, "mine") != 0) {
			reply_error(r, 400, "invalid", "filter must be mine or theirs.");
			return;
		}
	}
	if (ins && (!*ins || strlen(ins) > DY_ASSESS_ID_MAX)) {
		reply_error(r, 400, "invalid", "instrument must be a questionnaire's id.");
		return;
	}
	if (dy_assess_report(r->session, ins, theirs, &rep, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (!theirs) {
		char last_iso[DY_TIME_ISO_LEN + 1], next_iso[DY_TIME_ISO_LEN + 1];
		int64_t last = 0, next = 0;
		bool due = false;
		int every = DY_ASSESS_EVERY_DEFAULT;

		/* at my interval (settings: check_every) */
		if (dy_check_every_get(r->session, &every, &err) != 0 ||
		    dy_assess_due(r->session, ins, dy_db_now(r->db), every, &due, &last, &next, &err) != 0) {
			json_decref(rep);
			reply_dy_error(r, &err);
			return;
		}
		dy_time_iso(last, last_iso);
		dy_time_iso(next, next_iso);
		if (json_object_set_new(rep, "due", json_pack("{s:b,s:i,s:o,s:o}", "due", due, "every_months", every,
		                                             "last_at", last ? json_string(last_iso) : json_null(),
		                                             "next_at", next ? json_string(next_iso) : json_null())) != 0) {
			json_decref(rep);
			reply_error(r, 500, "no_memory", "Out of memory.");
			return;
		}
	}
	reply_json(r, 200, rep);
}

static void
set_sharing(struct web_req *r, bool on)
{
	struct dy_error err = {0};
	size_t changed = 0;

	if (dy_assess_set_sharing(r->session, on, &changed, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 200, json_pack("{s:b,s:I}", "sharing", on, "changed", (json_int_t)changed));
}

void
h_results_share(struct web_req *r)
{
	set_sharing(r, true);
}

void
h_results_unshare(struct web_req *r)
{
	set_sharing(r, false);
}
