/*
 * pulse.c - the balance pulse and the balance map over HTTP:
 *   GET    /api/v1/pulses?filter=mine|theirs&limit&cursor   a page, newest first
 *   POST   /api/v1/pulses                                   this week's pulse
 *   DELETE /api/v1/pulses/{id}
 *   POST   /api/v1/pulses/{id}/share, /unshare
 *   GET    /api/v1/balance                                  region, trend, the map
 * Pulses are the core's records of kind "pulse" (dy_item_*), answered in
 * the one JSON presentation of items (dy_item_json). The partner's private
 * pulse reads exactly as a missing one: 404, same words.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "banned.h"

#define PULSES_DEFAULT 20

static void reply_no_pulse(struct web_req *r)
{
	reply_error(r, 404, "not_found", "There is no such pulse.");
}

static void reply_pulse_error(struct web_req *r, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND)
		reply_no_pulse(r);
	else
		reply_dy_error(r, err);
}

static bool pulse_id_ok(const struct web_req *r)
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

static void reply_pulse(struct web_req *r, unsigned status, const char *id, size_t len)
{
	struct dy_error err = {0};
	struct dy_item it;

	if (dy_item_get(r->session, &dy_kind_pulse, id, len, &it, &err) != 0) {
		reply_pulse_error(r, &err);
		return;
	}
	reply_json(r, status, dy_item_json(&it));
	dy_item_release(&it);
}

void h_pulse_list(struct web_req *r)
{
	const char *f = req_query(r, "filter"), *cursor = req_query(r, "cursor");
	const char *l = req_query(r, "limit");
	struct dy_query q = {.nkinds = 1, .filter = DY_FILTER_MINE, .limit = PULSES_DEFAULT};
	struct dy_item_list list = {0};
	struct dy_error err = {0};
	json_t *items;
	size_t i;

	q.kinds[0] = &dy_kind_pulse;
	if (f && *f) {
		if (strcmp(f, "mine") == 0)
			q.filter = DY_FILTER_MINE;
		else if (strcmp(f, "theirs") == 0)
			q.filter = DY_FILTER_THEIRS;
		else if (strcmp(f, "all") == 0)
			q.filter = DY_FILTER_ALL;
		else {
			reply_error(r, 400, "invalid", "filter must be mine, theirs or all.");
			return;
		}
	}
	if (l && *l) {
		char *end = NULL;
		unsigned long n = strtoul(l, &end, 10);

		if (l[0] < '0' || l[0] > '9' || *end != '\0' || n < 1 || n > WEB_PAGE_MAX) {
			reply_error(r, 400, "invalid", "limit must be a whole number from 1 to 100.");
			return;
		}
		q.limit = n;
	}
	if (cursor && strlen(cursor) > DY_CURSOR_MAX) {
		reply_error(r, 400, "invalid", "That page cursor is not one of dyad's; start from the first page.");
		return;
	}
	q.cursor = cursor;
	if (dy_item_list(r->session, &q, &list, &err) != 0) {
		reply_pulse_error(r, &err);
		return;
	}
	if (!(items = json_array())) {
		dy_item_list_release(&list);
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	for (i = 0; i < list.count; i++)
		json_array_append_new(items, dy_item_json(&list.items[i]));
	reply_json(r, 200, json_pack("{s:o,s:o,s:I}", "items", items, "next",
	                             list.next[0] ? json_string(list.next) : json_null(),
	                             "limit", (json_int_t)q.limit));
	dy_item_list_release(&list);
}

void h_pulse_add(struct web_req *r)
{
	static const char *const known[] = {"connection", "self", "closeness_now", "closeness_wish",
	                                    "note", "shared", NULL};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *fields, *shared;
	const char *key;
	json_t *v;
	bool share = false;

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The request body must be a JSON object.");
		return;
	}
	json_object_foreach(r->json, key, v) {
		size_t i;
		bool ok = false;

		for (i = 0; known[i] && !ok; i++)
			ok = strcmp(key, known[i]) == 0;
		if (!ok) {
			reply_error(r, 400, "invalid", "A pulse has connection, self, closeness_now, "
			            "closeness_wish, note and shared; nothing else.");
			return;
		}
	}
	shared = json_object_get(r->json, "shared");
	if (shared && !json_is_boolean(shared)) {
		reply_error(r, 400, "invalid", "The field \"shared\" must be true or false.");
		return;
	}
	share = shared && json_is_true(shared);
	/* the core checks every field of the kind (types, ranges, lengths) */
	if (!(fields = json_deep_copy(r->json))) {
		reply_error(r, 500, "no_memory", "Out of memory.");
		return;
	}
	json_object_del(fields, "shared");
	if (dy_item_create(r->session, &dy_kind_pulse, NULL, fields, NULL, 0,
	                   share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, &err) != 0) {
		json_decref(fields);
		reply_dy_error(r, &err);
		return;
	}
	json_decref(fields);
	reply_pulse(r, 201, id, strlen(id));
}

void h_pulse_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (!pulse_id_ok(r)) {
		reply_no_pulse(r);
		return;
	}
	if (dy_item_delete(r->session, &dy_kind_pulse, r->param, r->param_len, &err) != 0) {
		reply_pulse_error(r, &err);
		return;
	}
	reply_empty(r, 204);
}

static void set_shared(struct web_req *r, bool on)
{
	struct dy_error err = {0};

	if (!pulse_id_ok(r)) {
		reply_no_pulse(r);
		return;
	}
	if (dy_item_set_vis(r->session, &dy_kind_pulse, r->param, r->param_len,
	                    on ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, &err) != 0) {
		reply_pulse_error(r, &err);
		return;
	}
	reply_pulse(r, 200, r->param, r->param_len);
}

void h_pulse_share(struct web_req *r)
{
	set_shared(r, true);
}

void h_pulse_unshare(struct web_req *r)
{
	set_shared(r, false);
}

/* Every pulse of a filter as points, oldest first; the caller frees *pts
 * and releases *l. -1 with an answer sent on failure. */
static int points(struct web_req *r, enum dy_filter filter, struct dy_item_list *l,
                  struct dy_pulse_point **pts)
{
	struct dy_query q = {.nkinds = 1, .filter = filter};
	struct dy_error err = {0};
	size_t i;

	q.kinds[0] = &dy_kind_pulse;
	*pts = NULL;
	if (dy_item_list(r->session, &q, l, &err) != 0) {
		reply_pulse_error(r, &err);
		return -1;
	}
	if (!(*pts = calloc(l->count + 1, sizeof(**pts)))) {
		dy_item_list_release(l);
		reply_error(r, 500, "no_memory", "Out of memory.");
		return -1;
	}
	for (i = 0; i < l->count; i++) {
		const struct dy_item *it = &l->items[l->count - 1 - i];

		(*pts)[i].connection = (double)json_integer_value(json_object_get(it->fields, "connection"));
		(*pts)[i].self = (double)json_integer_value(json_object_get(it->fields, "self"));
	}
	return 0;
}

void h_balance(struct web_req *r)
{
	struct dy_item_list mine = {0}, theirs = {0};
	struct dy_pulse_point *mp = NULL, *tp = NULL;
	struct dy_space_info who;
	struct dy_error err = {0};
	struct dy_balance bal;
	struct dy_buf words = DY_BUF_INIT(512), svg = DY_BUF_INIT(1 << 20);
	const char *me = NULL, *partner = NULL;
	int i;

	if (dy_whoami(r->session, &who, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	for (i = 0; i < who.members; i++) {
		if (who.people[i].me)
			me = who.people[i].name;
		else
			partner = who.people[i].name;
	}
	if (points(r, DY_FILTER_MINE, &mine, &mp) != 0)
		goto out;
	if (points(r, DY_FILTER_THEIRS, &theirs, &tp) != 0)
		goto out;
	dy_balance_of(mp, mine.count, &bal);
	dy_balance_trend_words(&bal, &words);
	if (dy_balance_map_svg("balance-map", mp, mine.count, me ? me : "me", 0, tp, theirs.count,
	                       partner, &svg) != 0) {
		reply_error(r, 500, "internal", "The map could not be drawn.");
		goto out;
	}
	reply_json(r, 200, json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:s%}",
	                             "count", (json_int_t)mine.count,
	                             "partner_count", (json_int_t)theirs.count,
	                             "region", bal.n ? json_string(dy_region_name(bal.region)) : json_null(),
	                             "words", bal.n ? json_string(dy_region_words(bal.region)) : json_null(),
	                             "latest", bal.n ? json_pack("{s:f,s:f}", "connection", bal.connection,
	                                                         "self", bal.self) : json_null(),
	                             "trend", bal.trend ? json_pack("{s:f,s:f,s:s}", "connection",
	                                                            bal.d_connection, "self", bal.d_self,
	                                                            "words", words.p) : json_null(),
	                             "map", svg.p, svg.len));
out:
	free(mp);
	free(tp);
	dy_item_list_release(&mine);
	dy_item_list_release(&theirs);
	dy_buf_release(&words);
	dy_buf_release(&svg);
}
