/*
 * router.c - the API's one route table, and the boundary checks every
 * request passes before its handler runs, in this order:
 *   404 no such route / 405 method not allowed (server.c, on first sight)
 *   411, 413, 503 a body without a length, over the route's limit, or over
 *       the shared budget (server.c, on first sight; 401 and 403 then too)
 *   401 no valid session (routes with WEB_R_SESSION)
 *   403 no or wrong X-CSRF-Token (routes with WEB_R_CSRF)
 *   415 a body that is not application/json
 *   400 a body that is not JSON
 * docs/openapi.yaml documents this table; tests/api/openapi.test.mjs reads
 * the ROUTE lines below and checks the two agree, so keep one route a line.
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "json.h"
#include "router.h"
#include "banned.h"

#define S WEB_R_SESSION
#define C WEB_R_CSRF
#define X WEB_R_SECRET
#define K (WEB_R_SECRET | WEB_R_KDF)
/* ROUTE(method, pattern, handler, flags[, kind]): kind is the record kind
 * the generic handlers h_items_* (items.h) serve on that route. */
#define ROUTE_F(m, p, h, f) {m, p, h, f, NULL}
#define ROUTE_K(m, p, h, f, k) {m, p, h, f, k}
#define ROUTE_PICK(f, k, name, ...) name
#define ROUTE(m, p, h, ...) ROUTE_PICK(__VA_ARGS__, ROUTE_K, ROUTE_F, -)(m, p, h, __VA_ARGS__)

static const struct web_route routes[] = {
	ROUTE("GET", "/healthz", h_healthz, 0),
	ROUTE("GET", "/api/v1/setup", h_setup, 0),
	ROUTE("GET", "/api/v1/limits", h_limits, 0),
	ROUTE("POST", "/api/v1/space", h_space_create, K),
	ROUTE("POST", "/api/v1/join", h_join, K),
	ROUTE("POST", "/api/v1/join/check", h_join_check, X),
	ROUTE("POST", "/api/v1/session", h_session_login, K),
	ROUTE("GET", "/api/v1/session", h_session_get, S),
	ROUTE("DELETE", "/api/v1/session", h_session_logout, S | C),
	ROUTE("POST", "/api/v1/recover", h_recover, K),
	ROUTE("POST", "/api/v1/invites", h_invite_create, S | C),
	ROUTE("PUT", "/api/v1/space", h_space_update, S | C),
	ROUTE("DELETE", "/api/v1/space/notice", h_space_notice_dismiss, S | C),
	ROUTE("GET", "/api/v1/journal", h_journal_list, S),
	ROUTE("POST", "/api/v1/journal", h_journal_add, S | C),
	ROUTE("GET", "/api/v1/journal/{id}", h_journal_get, S),
	ROUTE("PUT", "/api/v1/journal/{id}", h_journal_edit, S | C),
	ROUTE("DELETE", "/api/v1/journal/{id}", h_journal_delete, S | C),
	ROUTE("POST", "/api/v1/journal/{id}/share", h_journal_share, S | C),
	ROUTE("POST", "/api/v1/journal/{id}/unshare", h_journal_unshare, S | C),
	ROUTE("GET", "/api/v1/search", h_search, S),
	ROUTE("GET", "/api/v1/journal/{id}/responses", h_journal_responses, S),
	ROUTE("POST", "/api/v1/journal/{id}/responses", h_journal_respond, S | C),
	ROUTE("GET", "/api/v1/responses", h_responses_recent, S),
	ROUTE("DELETE", "/api/v1/responses/{id}", h_items_delete, S | C, &web_kind_response),
	ROUTE("GET", "/api/v1/pulses", h_items_list, S, &web_kind_pulse),
	ROUTE("POST", "/api/v1/pulses", h_items_create, S | C, &web_kind_pulse),
	ROUTE("DELETE", "/api/v1/pulses/{id}", h_items_delete, S | C, &web_kind_pulse),
	ROUTE("POST", "/api/v1/pulses/{id}/share", h_items_share, S | C, &web_kind_pulse),
	ROUTE("POST", "/api/v1/pulses/{id}/unshare", h_items_unshare, S | C, &web_kind_pulse),
	ROUTE("GET", "/api/v1/balance", h_balance, S),
	ROUTE("GET", "/api/v1/balance/week", h_balance_week, S),
	ROUTE("GET", "/api/v1/instruments", h_instrument_list, S),
	ROUTE("POST", "/api/v1/instruments", h_instrument_import, S | C),
	ROUTE("GET", "/api/v1/instruments/{id}", h_instrument_get, S),
	ROUTE("POST", "/api/v1/takings", h_taking_start, S | C),
	ROUTE("GET", "/api/v1/takings/{id}", h_taking_get, S),
	ROUTE("POST", "/api/v1/takings/{id}/answers", h_taking_answer, S | C),
	ROUTE("POST", "/api/v1/takings/{id}/finish", h_taking_finish, S | C),
	ROUTE("DELETE", "/api/v1/takings/{id}", h_taking_delete, S | C),
	ROUTE("GET", "/api/v1/results", h_results, S),
	ROUTE("POST", "/api/v1/results/share", h_results_share, S | C),
	ROUTE("POST", "/api/v1/results/unshare", h_results_unshare, S | C),
	ROUTE("POST", "/api/v1/coach", h_coach_check, S | C),
	ROUTE("POST", "/api/v1/coach/statement", h_coach_statement, S | C),
	ROUTE("GET", "/api/v1/practice", h_items_list, S, &web_kind_practice),
	ROUTE("POST", "/api/v1/practice", h_items_create, S | C, &web_kind_practice),
	ROUTE("GET", "/api/v1/stats/practice", h_practice_stats, S),
	ROUTE("GET", "/api/v1/practice/{id}", h_items_get, S, &web_kind_practice),
	ROUTE("PUT", "/api/v1/practice/{id}", h_items_edit, S | C, &web_kind_practice),
	ROUTE("DELETE", "/api/v1/practice/{id}", h_items_delete, S | C, &web_kind_practice),
	ROUTE("POST", "/api/v1/practice/{id}/share", h_items_share, S | C, &web_kind_practice),
	ROUTE("POST", "/api/v1/practice/{id}/unshare", h_items_unshare, S | C, &web_kind_practice),
	ROUTE("GET", "/api/v1/reactions", h_items_list, S, &web_kind_reaction),
	ROUTE("POST", "/api/v1/reactions", h_items_create, S | C, &web_kind_reaction),
	ROUTE("GET", "/api/v1/stats/reactions", h_reaction_stats, S),
	ROUTE("GET", "/api/v1/reactions/{id}", h_items_get, S, &web_kind_reaction),
	ROUTE("PUT", "/api/v1/reactions/{id}", h_items_edit, S | C, &web_kind_reaction),
	ROUTE("DELETE", "/api/v1/reactions/{id}", h_items_delete, S | C, &web_kind_reaction),
	ROUTE("POST", "/api/v1/reactions/{id}/share", h_items_share, S | C, &web_kind_reaction),
	ROUTE("POST", "/api/v1/reactions/{id}/unshare", h_items_unshare, S | C, &web_kind_reaction),
	ROUTE("GET", "/api/v1/feelings", h_feelings, S),
	ROUTE("GET", "/api/v1/boundaries", h_items_list, S, &web_kind_boundary),
	ROUTE("POST", "/api/v1/boundaries", h_items_create, S | C, &web_kind_boundary),
	ROUTE("GET", "/api/v1/boundaries/{id}", h_items_get, S, &web_kind_boundary),
	ROUTE("PUT", "/api/v1/boundaries/{id}", h_self_edit, S | C, &web_kind_boundary),
	ROUTE("DELETE", "/api/v1/boundaries/{id}", h_items_delete, S | C, &web_kind_boundary),
	ROUTE("POST", "/api/v1/boundaries/{id}/share", h_items_share, S | C, &web_kind_boundary),
	ROUTE("POST", "/api/v1/boundaries/{id}/unshare", h_items_unshare, S | C, &web_kind_boundary),
	ROUTE("GET", "/api/v1/boundaries/{id}/history", h_boundary_history, S, &web_kind_boundary),
	ROUTE("POST", "/api/v1/boundaries/{id}/ack", h_boundary_ack, S | C, &web_kind_boundary),
	ROUTE("POST", "/api/v1/boundaries/{id}/discuss", h_boundary_discuss, S | C, &web_kind_boundary),
	ROUTE("GET", "/api/v1/goals", h_items_list, S, &web_kind_goal),
	ROUTE("POST", "/api/v1/goals", h_items_create, S | C, &web_kind_goal),
	ROUTE("GET", "/api/v1/goals/{id}", h_items_get, S, &web_kind_goal),
	ROUTE("PUT", "/api/v1/goals/{id}", h_self_edit, S | C, &web_kind_goal),
	ROUTE("DELETE", "/api/v1/goals/{id}", h_items_delete, S | C, &web_kind_goal),
	ROUTE("POST", "/api/v1/goals/{id}/share", h_items_share, S | C, &web_kind_goal),
	ROUTE("POST", "/api/v1/goals/{id}/unshare", h_items_unshare, S | C, &web_kind_goal),
	ROUTE("POST", "/api/v1/goals/{id}/notes", h_goal_note, S | C, &web_kind_goal),
	ROUTE("POST", "/api/v1/goal-notes/{id}/dismiss", h_goal_note_dismiss, S | C),
	ROUTE("GET", "/api/v1/interests", h_items_list, S, &web_kind_interest),
	ROUTE("POST", "/api/v1/interests", h_items_create, S | C, &web_kind_interest),
	ROUTE("GET", "/api/v1/interests/{id}", h_items_get, S, &web_kind_interest),
	ROUTE("PUT", "/api/v1/interests/{id}", h_self_edit, S | C, &web_kind_interest),
	ROUTE("DELETE", "/api/v1/interests/{id}", h_items_delete, S | C, &web_kind_interest),
	ROUTE("POST", "/api/v1/interests/{id}/share", h_items_share, S | C, &web_kind_interest),
	ROUTE("POST", "/api/v1/interests/{id}/unshare", h_items_unshare, S | C, &web_kind_interest),
	ROUTE("GET", "/api/v1/questions", h_questions, S),
	ROUTE("GET", "/api/v1/questions/today", h_question_today, S),
	ROUTE("GET", "/api/v1/questions/{id}", h_question_get, S),
	ROUTE("POST", "/api/v1/questions/{id}/answer", h_question_answer, S | C),
	ROUTE("POST", "/api/v1/questions/{id}/discuss", h_question_discuss, S | C),
	ROUTE("GET", "/api/v1/answers", h_answers, S),
	ROUTE("GET", "/api/v1/prompts", h_prompts, S),
	ROUTE("GET", "/api/v1/prompts/today", h_prompt_today, S),
	ROUTE("POST", "/api/v1/me/passphrase", h_me_passphrase, S | C | K),
	ROUTE("POST", "/api/v1/me/recovery", h_me_recovery, S | C | K),
	ROUTE("GET", "/api/v1/me/export", h_me_export, S),
	ROUTE("GET", "/api/v1/checkin/schedule", h_checkin_schedule_get, S),
	ROUTE("PUT", "/api/v1/checkin/schedule", h_checkin_schedule_put, S | C),
	ROUTE("DELETE", "/api/v1/checkin/schedule", h_checkin_schedule_delete, S | C),
	ROUTE("GET", "/api/v1/checkin/calendar.ics", h_checkin_ics, S),
	ROUTE("GET", "/api/v1/checkin/agenda", h_checkin_agenda, S),
	ROUTE("POST", "/api/v1/checkin/items", h_checkin_item_add, S | C),
	ROUTE("GET", "/api/v1/checkin/items/{id}", h_checkin_item_get, S),
	ROUTE("POST", "/api/v1/checkin/items/{id}/reveal", h_checkin_item_reveal, S | C),
	ROUTE("POST", "/api/v1/checkin/items/{id}/turns", h_checkin_turn, S | C),
	ROUTE("POST", "/api/v1/checkin/start", h_checkin_start, S | C),
	ROUTE("GET", "/api/v1/checkin/current", h_checkin_current, S),
	ROUTE("GET", "/api/v1/checkin/history", h_checkin_history, S),
	ROUTE("GET", "/api/v1/checkin/sessions/{id}", h_checkin_get, S),
	ROUTE("POST", "/api/v1/checkin/sessions/{id}/join", h_checkin_join, S | C),
	ROUTE("POST", "/api/v1/checkin/sessions/{id}/end", h_checkin_end, S | C),
	ROUTE("POST", "/api/v1/checkin/sessions/{id}/agreements", h_checkin_agree, S | C),
	ROUTE("GET", "/api/v1/checkin/agreements", h_checkin_agreements, S),
	ROUTE("POST", "/api/v1/checkin/agreements/{id}/done", h_checkin_agreement_done, S | C),
	ROUTE("DELETE", "/api/v1/checkin/agreements/{id}/done", h_checkin_agreement_undone, S | C),
	ROUTE("DELETE", "/api/v1/checkin/agreements/{id}", h_checkin_agreement_delete, S | C),
	ROUTE("GET", "/api/v1/me/settings", h_me_settings_get, S),
	ROUTE("PUT", "/api/v1/me/settings", h_me_settings_put, S | C),
	ROUTE("POST", "/api/v1/me/leave", h_me_leave, S | C | K),
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* Whether path matches pattern; a "{name}" segment matches one non-empty
 * segment of at most DY_ID_LEN bytes, copied to param. param is left empty
 * unless a "{name}" segment matched, so a route without one never sees a
 * piece of another route's path. */
static bool match(const char *pattern, const char *path, char *param, size_t *param_len)
{
	param[0] = '\0';
	*param_len = 0;
	while (*pattern != '\0') {
		if (*pattern == '{') {
			size_t n = strcspn(path, "/");

			if (n == 0 || n > DY_ID_LEN)
				return false;
			memcpy(param, path, n);
			param[n] = '\0';
			*param_len = n;
			path += n;
			pattern = strchr(pattern, '}');
			if (pattern == NULL)
				return false;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return *path == '\0';
}

/* Append method to the ", "-separated list of used bytes in allow (size
 * bytes with the NUL): once, and only whole. Returns the new length. */
static size_t allow_add(char *allow, size_t size, size_t used, const char *method)
{
	size_t m = strlen(method), sep = used > 0 ? 2 : 0;
	const char *p = allow;

	while (p < allow + used) {
		size_t k = strcspn(p, ",");

		if (k == m && memcmp(p, method, m) == 0)
			return used;
		p += k;
		if (*p == ',')
			p += 2;
	}
	if (size == 0 || sep + m >= size - used)
		return used;
	if (sep > 0) {
		allow[used++] = ',';
		allow[used++] = ' ';
	}
	memcpy(allow + used, method, m);
	used += m;
	allow[used] = '\0';
	return used;
}

enum web_match web_route_find_in(const struct web_route *table, size_t n, struct web_req *r,
                                 const char *method, const char *path,
                                 char *allow, size_t allow_size)
{
	char param[DY_ID_LEN + 1];
	size_t param_len = 0, used = 0, i;
	bool path_known = false;

	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	if (allow_size > 0)
		allow[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!match(table[i].pattern, path, param, &param_len))
			continue;
		if (strcmp(table[i].method, method) == 0) {
			r->route = &table[i];
			memcpy(r->param, param, param_len + 1);
			r->param_len = param_len;
			return WEB_MATCH_OK;
		}
		path_known = true;
		used = allow_add(allow, allow_size, used, table[i].method);
	}
	return path_known ? WEB_MATCH_NO_METHOD : WEB_MATCH_NO_ROUTE;
}

enum web_match web_route_find(struct web_req *r, const char *method, const char *path,
                              char *allow, size_t allow_size)
{
	return web_route_find_in(routes, NROUTES, r, method, path, allow, allow_size);
}

const struct web_route *web_route_table(size_t *n)
{
	*n = NROUTES;
	return routes;
}

/* Open the session named by the cookie into r; 401 when there is none. */
static int open_session(struct web_req *r)
{
	struct dy_error err = {0};
	const char *cookie;
	size_t n;
	int rc;

	cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, r->cfg->cookie);
	n = cookie != NULL ? strlen(cookie) : 0;
	if (n == 0 || n > DY_TOKEN_LEN) {
		reply_error(r, 401, "unauthorized", "Please log in.");
		return -1;
	}
	rc = web_session_open(r, cookie, n, &err);
	if (rc == -1)
		return -1;
	if (rc != 0) {
		if (err.code == DY_EAUTH || err.code == DY_EEXPIRED || err.code == DY_EINVAL ||
		    err.code == DY_ENOTFOUND) {
			reply_error(r, 401, "unauthorized", "Your session has ended. Please log in again.");
			reply_cookie(r, NULL);
		} else {
			reply_dy_error(r, &err);
		}
		return -1;
	}
	memcpy(r->token, cookie, n);
	r->token[n] = '\0';
	r->token_len = n;
	return 0;
}

static int check_csrf(struct web_req *r)
{
	struct dy_error err = {0};
	char want[44];
	const char *got = req_header(r, "X-CSRF-Token");
	int rc = -1;

	if (got == NULL) {
		reply_error(r, 403, "csrf", "This request is missing its security token. Please reload the page.");
		return -1;
	}
	if (dy_token_csrf(r->token, r->token_len, want, &err) != 0) {
		reply_dy_error(r, &err);
		return -1;
	}
	if (web_secure_equal(got, strlen(got), want, strlen(want)))
		rc = 0;
	else
		reply_error(r, 403, "csrf", "This request's security token is out of date. Please reload the page.");
	return rc;
}

void web_route_precheck(struct web_req *r)
{
	const struct web_route *rt = r->route;

	if (!(rt->flags & WEB_R_SESSION) || open_session(r) != 0)
		goto out;
	if (rt->flags & WEB_R_CSRF)
		(void)check_csrf(r);
out:
	/* the session stays with this thread's cache; web_route_run opens it
	 * again on the thread that runs the handler */
	r->session = NULL;
	r->session_borrowed = false;
	r->db = NULL;
	explicit_bzero(r->token, sizeof(r->token));
	r->token_len = 0;
}

void web_route_run(struct web_req *r)
{
	const struct web_route *rt = r->route;

	if ((rt->flags & WEB_R_SESSION) && open_session(r) != 0)
		return;
	if ((rt->flags & WEB_R_CSRF) && check_csrf(r) != 0)
		return;
	if (r->body_len > 0) {
		if (!web_is_json_type(req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE))) {
			reply_error(r, 415, "unsupported_media_type", "Please send JSON (Content-Type: application/json).");
			return;
		}
		if (web_parse_body(r) != 0)
			return;
	}
	rt->handler(r);
	if (r->resp == NULL)
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
}
