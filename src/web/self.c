/*
 * self.c - the API of boundaries, goals and interests (issue #11). Their
 * lists, creation, reading, sharing and deletion are the generic item
 * routes (items.c); here is what is theirs: a boundary's status beside
 * its fields, rewording with its history, the partner's acknowledgement
 * and request to talk; a goal's notes beside its fields, progress and
 * support notes, and dismissing support; editing each kind.
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "router.h"
#include "banned.h"

static int boundary_decorate(struct web_req *r, const struct dy_item *it, json_t *j, struct dy_error *err)
{
	struct dy_boundary_status st;
	char at[DY_TIME_ISO_LEN + 1];

	if (dy_boundary_status(r->session, it, &st, err) != 0)
		return -1;
	dy_time_iso(st.acked_at, at);
	if (json_object_set_new(j, "status",
	                        json_pack("{s:i, s:b, s:o, s:i, s:b}", "wording", st.version, "acknowledged", st.acked,
	                                  "acknowledged_at", st.acked ? json_string(at) : json_null(),
	                                  "acknowledged_wording", st.acked_version, "discuss", st.discuss)) != 0)
		return web_oom(err);
	return 0;
}

static int goal_decorate(struct web_req *r, const struct dy_item *it, json_t *j, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_goal_note}, .nkinds = 1, .filter = DY_FILTER_ALL, .parent_id = it->id};
	struct dy_item_list l = {0};
	json_t *notes = json_array();
	int rc = -1;

	if (notes == NULL || dy_item_list(r->session, &q, &l, err) != 0)
		goto out;
	/* oldest first, as a story */
	for (size_t i = l.count; i-- > 0;) {
		bool dismissed = false;
		json_t *n;

		if (dy_goal_note_dismissed(r->session, &l.items[i], &dismissed, err) != 0)
			goto out;
		n = dy_item_json(&l.items[i]);
		if (n == NULL || json_object_set_new(n, "dismissed", json_boolean(dismissed)) != 0 ||
		    json_array_append_new(notes, n) != 0) {
			json_decref(n);
			web_oom(err);
			goto out;
		}
	}
	rc = json_object_set(j, "notes", notes) == 0 &&
	             json_object_set_new(j, "notes_damaged", json_integer((json_int_t)l.damaged)) == 0
	         ? 0
	         : web_oom(err);
out:
	json_decref(notes);
	dy_item_list_release(&l);
	return rc == 0 ? 0 : -1;
}

const struct web_kind web_kind_boundary = {
	.kind = &dy_kind_boundary,
	.missing = "There is no such boundary.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_SHARED | WEB_F_THEIRS,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all, mine, shared or theirs.",
	.limit = 50,
	.decorate = boundary_decorate,
};

const struct web_kind web_kind_goal = {
	.kind = &dy_kind_goal,
	.missing = "There is no such goal.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_SHARED | WEB_F_THEIRS,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all, mine, shared or theirs.",
	.limit = 50,
	.decorate = goal_decorate,
};

const struct web_kind web_kind_interest = {
	.kind = &dy_kind_interest,
	.missing = "There is no such interest.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_SHARED | WEB_F_THEIRS,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all, mine, shared or theirs.",
	.limit = 50,
};

static void reply_self_error(struct web_req *r, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND)
		reply_error(r, 404, "not_found", r->route->kind->missing);
	else
		reply_dy_error(r, err);
}

/* PUT /api/v1/{boundaries,goals,interests}/{id}: the members given replace
 * the stored ones (null removes an optional one). A boundary keeps its
 * earlier wording. */
void h_self_edit(struct web_req *r)
{
	const struct web_kind *k = r->route->kind;
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", k->missing);
		return;
	}
	if (!json_is_object(r->json) || json_object_size(r->json) == 0) {
		reply_error(r, 400, "invalid", "The body must be a JSON object of the fields to change.");
		return;
	}
	if (dy_item_edit(r->session, k->kind, r->param, r->param_len, r->json, NULL, 0, &err) != 0) {
		reply_self_error(r, &err);
		return;
	}
	web_reply_item(r, 200, r->param);
}

/* GET /api/v1/boundaries/{id}/history: every wording, oldest first, the
 * current one last, and how many kept wordings were left out because
 * they did not decrypt (a damaged file). */
void h_boundary_history(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_item_list l = {0};
	struct dy_item it = {0};
	json_t *arr = NULL;

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", web_kind_boundary.missing);
		return;
	}
	if (dy_item_get(r->session, &dy_kind_boundary, r->param, r->param_len, &it, &err) != 0 ||
	    dy_item_versions(r->session, &dy_kind_boundary, it.id, strlen(it.id), &l, &err) != 0) {
		reply_self_error(r, &err);
		goto out;
	}
	arr = json_array();
	for (size_t i = 0; arr != NULL && i <= l.count; i++)
		if (json_array_append_new(arr, dy_item_json(i < l.count ? &l.items[i] : &it)) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	reply_json(r, 200, arr != NULL ? json_pack("{s:o, s:I}", "versions", arr, "damaged", (json_int_t)l.damaged)
	                               : NULL);
out:
	dy_item_list_release(&l);
	dy_item_release(&it);
}

static void answer(struct web_req *r, enum dy_boundary_act act)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", web_kind_boundary.missing);
		return;
	}
	if (dy_boundary_answer(r->session, r->param, r->param_len, act, id, &err) != 0) {
		reply_self_error(r, &err);
		return;
	}
	web_reply_item(r, 200, r->param);
}

/* POST /api/v1/boundaries/{id}/ack: "I've read this and I understand it". */
void h_boundary_ack(struct web_req *r)
{
	answer(r, DY_BOUNDARY_ACK);
}

/* POST /api/v1/boundaries/{id}/discuss: "let's talk about it". */
void h_boundary_discuss(struct web_req *r)
{
	answer(r, DY_BOUNDARY_DISCUSS);
}

/* POST /api/v1/goals/{id}/notes {"note"}: progress on mine, support on my
 * partner's shared goal. Answers the goal with its notes. */
void h_goal_note(struct web_req *r)
{
	struct dy_error err = {0};
	json_t *note = json_object_get(r->json, "note");
	char id[DY_ID_LEN + 1];

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", web_kind_goal.missing);
		return;
	}
	if (!json_is_object(r->json) || !json_is_string(note) || json_object_size(r->json) != 1) {
		reply_error(r, 400, "invalid", "The body must be {\"note\": \"...\"}.");
		return;
	}
	if (dy_goal_note(r->session, r->param, r->param_len, json_string_value(note), json_string_length(note), id,
	                 &err) != 0) {
		reply_self_error(r, &err);
		return;
	}
	web_reply_item(r, 201, r->param);
}

/* POST /api/v1/goal-notes/{id}/dismiss: put away my partner's support
 * note on my goal. */
void h_goal_note_dismiss(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", "There is no such note.");
		return;
	}
	if (dy_goal_dismiss(r->session, r->param, r->param_len, &err) != 0) {
		if (err.code == DY_ENOTFOUND)
			reply_error(r, 404, "not_found", "There is no such note.");
		else
			reply_dy_error(r, &err);
		return;
	}
	reply_empty(r, 204);
}
