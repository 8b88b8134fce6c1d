/*
 * items.c - the generic API of record kinds (see items.h), for the kind
 * the route names. Ids in paths must be whole UUIDs, and every "not found"
 * has the kind's same words, so the partner's private record answers
 * exactly as a missing one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "router.h"
#include "banned.h"

/* The kind of the matched route; every route of h_items_* names one. */
static const struct web_kind *route_kind(const struct web_req *r)
{
	return r->route->kind;
}

bool web_id_ok(struct web_req *r)
{
	if (r->param_len != DY_ID_LEN)
		return false;
	for (size_t i = 0; i < DY_ID_LEN; i++) {
		char c = r->param[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (c >= 'A' && c <= 'F') {
			r->param[i] = (char)(c - 'A' + 'a');
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return true;
}

static void reply_missing(struct web_req *r, const struct web_kind *k)
{
	reply_error(r, 404, "not_found", k->missing);
}

static void reply_item_error(struct web_req *r, const struct web_kind *k, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND)
		reply_missing(r, k);
	else
		reply_dy_error(r, err);
}

int web_oom(struct dy_error *err)
{
	err->code = DY_ENOMEM;
	snprintf(err->msg, sizeof(err->msg), "%s", "Out of memory.");
	return -1;
}

json_t *web_item_json(struct web_req *r, const struct web_kind *k, const struct dy_item *it, struct dy_error *err)
{
	json_t *j = dy_item_json(it);

	if (j == NULL) {
		web_oom(err);
		return NULL;
	}
	if (k->decorate != NULL && k->decorate(r, it, j, err) != 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

static void reply_item(struct web_req *r, const struct web_kind *k, unsigned status, const char *id)
{
	struct dy_error err = {0};
	struct dy_item it;
	json_t *j;

	if (dy_item_get(r->session, k->kind, id, strlen(id), &it, &err) != 0) {
		reply_item_error(r, k, &err);
		return;
	}
	if ((j = web_item_json(r, k, &it, &err)) == NULL)
		reply_item_error(r, k, &err);
	else
		reply_json(r, status, j);
	dy_item_release(&it);
}

void web_reply_item(struct web_req *r, unsigned status, const char *id)
{
	reply_item(r, route_kind(r), status, id);
}

void h_items_list(struct web_req *r)
{
	const struct web_kind *k = route_kind(r);
	static const struct {
		const char *name;
		int bit;
		enum dy_filter filter;
	} filters[] = {
		{"all", WEB_F_ALL, DY_FILTER_ALL},
		{"mine", WEB_F_MINE, DY_FILTER_MINE},
		{"shared", WEB_F_SHARED, DY_FILTER_SHARED},
		{"theirs", WEB_F_THEIRS, DY_FILTER_THEIRS},
	};
	struct dy_query q = {.kinds = {k->kind}, .nkinds = 1, .filter = k->filter, .limit = k->limit};
	const char *f = req_query(r, "filter"), *cursor = req_query(r, "cursor"), *limit = req_query(r, "limit");
	struct dy_error err = {0};
	struct dy_item_list l;
	json_t *arr;
	size_t i;

	if (f != NULL && f[0] != '\0') {
		bool known = false;

		for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
			if ((k->filters & filters[i].bit) != 0 && strcmp(f, filters[i].name) == 0) {
				q.filter = filters[i].filter;
				known = true;
			}
		if (!known) {
			reply_error(r, 400, "invalid", k->filter_words);
			return;
		}
	}
	if (limit != NULL && limit[0] != '\0') {
		char *end = NULL;
		unsigned long v = limit[0] >= '0' && limit[0] <= '9' ? strtoul(limit, &end, 10) : 0;

		if (end == NULL || *end != '\0' || v < 1 || v > WEB_PAGE_MAX) {
			char msg[64];

			snprintf(msg, sizeof(msg), "limit must be a whole number from 1 to %d.", WEB_PAGE_MAX);
			reply_error(r, 400, "invalid", msg);
			return;
		}
		q.limit = v;
	}
	if (cursor != NULL && strlen(cursor) > DY_CURSOR_MAX) {
		reply_error(r, 400, "invalid", "That page cursor is not one of dyad's; start from the first page.");
		return;
	}
	q.cursor = cursor;
	if (dy_item_list(r->session, &q, &l, &err) != 0) {
		reply_item_error(r, k, &err);
		return;
	}
	arr = json_array();
	for (i = 0; arr != NULL && i < l.count; i++) {
		json_t *j = web_item_json(r, k, &l.items[i], &err);

		if (j == NULL || json_array_append_new(arr, j) != 0) {
			if (j != NULL)
				web_oom(&err);
			json_decref(arr);
			dy_item_list_release(&l);
			reply_item_error(r, k, &err);
			return;
		}
	}
	reply_json(r, 200, arr == NULL ? NULL : json_pack("{s:o, s:o, s:I, s:I}", "items", arr, "next",
	                                                  l.next[0] != '\0' ? json_string(l.next) : json_null(),
	                                                  "limit", (json_int_t)q.limit, "damaged",
	                                                  (json_int_t)l.damaged));
	dy_item_list_release(&l);
}

void h_items_create(struct web_req *r)
{
	const struct web_kind *k = route_kind(r);
	struct dy_error err = {0};
	json_t *body = NULL, *fields = NULL, *shared;
	char id[DY_ID_LEN + 1];

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The body must be a JSON object of the record's fields.");
		return;
	}
	if (k->prepare == NULL)
		body = json_incref(r->json);
	else if ((body = k->prepare(r, r->json)) == NULL)
		return;
	shared = json_object_get(body, "shared");
	if (shared != NULL && !json_is_boolean(shared)) {
		reply_error(r, 400, "invalid", "shared must be true or false.");
		goto cleanup;
	}
	if ((fields = json_deep_copy(body)) == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		goto cleanup;
	}
	json_object_del(fields, "shared");
	if (k->stamp_at && json_object_get(fields, "at") == NULL &&
	    json_object_set_new(fields, "at", json_integer((json_int_t)web_now())) != 0) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		goto cleanup;
	}
	/* the core checks every field of the kind (names, types, ranges, sizes) */
	if (dy_item_create(r->session, k->kind, NULL, fields, NULL, 0,
	                   json_is_true(shared) ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, &err) != 0) {
		reply_item_error(r, k, &err);
		goto cleanup;
	}
	reply_item(r, k, 201, id);
cleanup:
	json_decref(fields);
	json_decref(body);
}

void h_items_get(struct web_req *r)
{
	const struct web_kind *k = route_kind(r);

	if (!web_id_ok(r)) {
		reply_missing(r, k);
		return;
	}
	reply_item(r, k, 200, r->param);
}

void h_items_edit(struct web_req *r)
{
	const struct web_kind *k = route_kind(r);
	struct dy_error err = {0};
	json_t *body = NULL;

	if (!web_id_ok(r)) {
		reply_missing(r, k);
		return;
	}
	if (!json_is_object(r->json) || json_object_size(r->json) == 0) {
		reply_error(r, 400, "invalid", "The body must be a JSON object of the fields to change.");
		return;
	}
	if (json_object_get(r->json, "shared") != NULL) {
		reply_error(r, 400, "invalid", "Share or stop sharing with POST .../share and .../unshare.");
		return;
	}
	if (k->prepare == NULL)
		body = json_incref(r->json);
	else if ((body = k->prepare(r, r->json)) == NULL)
		return;
	/* the core checks the result as a whole, as for a new record */
	if (dy_item_edit(r->session, k->kind, r->param, r->param_len, body, NULL, 0, &err) != 0) {
		json_decref(body);
		if (err.code == DY_EPERM)
			reply_missing(r, k);
		else
			reply_item_error(r, k, &err);
		return;
	}
	json_decref(body);
	reply_item(r, k, 200, r->param);
}

void h_items_delete(struct web_req *r)
{
	const struct web_kind *k = route_kind(r);
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_missing(r, k);
		return;
	}
	if (dy_item_delete(r->session, k->kind, r->param, r->param_len, &err) != 0) {
		reply_item_error(r, k, &err);
		return;
	}
	reply_empty(r, 204);
}

static void set_shared(struct web_req *r, bool on)
{
	const struct web_kind *k = route_kind(r);
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_missing(r, k);
		return;
	}
	if (dy_item_set_vis(r->session, k->kind, r->param, r->param_len, on ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0,
	                    &err) != 0) {
		reply_item_error(r, k, &err);
		return;
	}
	reply_item(r, k, 200, r->param);
}

void h_items_share(struct web_req *r)
{
	set_shared(r, true);
}

void h_items_unshare(struct web_req *r)
{
	set_shared(r, false);
}
