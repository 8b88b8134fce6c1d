/*
 * me.c - my account: change passphrase, export everything I own, leave.
 *
 * Changing the passphrase and leaving ask for the current passphrase again
 * (a stolen session alone must not do either); those checks are throttled
 * per account like logins.
 */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "sesscache.h"
#include "throttle.h"
#include "banned.h"

/* Check pass against the session's person. 0 when right; otherwise -1 with
 * a reply (401 wrong, 429 throttled, 503 busy). */
static int verify_passphrase(struct web_req *r, const char *pass, size_t pass_len)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	struct dy_session *check = NULL;
	const char *name = NULL;
	char addr[64];
	int i, rc;

	memset(&info, 0, sizeof(info));
	if (dy_whoami(r->session, &info, &err) != 0) {
		reply_dy_error(r, &err);
		return -1;
	}
	for (i = 0; i < info.members && i < 2; i++)
		if (info.people[i].me)
			name = info.people[i].name;
	if (name == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return -1;
	}
	if (reply_if_throttled(r, name, strlen(name), addr, sizeof(addr)))
		return -1;
	if (!req_kdf_enter(r))
		return -1;
	rc = dy_unlock(r->db, name, strlen(name), pass, pass_len, &check, &err);
	kdf_leave();
	dy_session_free(check);
	if (rc != 0) {
		if (err.code == DY_EAUTH) {
			throttle_fail(name, strlen(name), addr);
			reply_error(r, 401, "auth", "That passphrase is not right.");
		} else {
			reply_dy_error(r, &err);
		}
		return -1;
	}
	throttle_success(name, strlen(name));
	return 0;
}

static const struct web_field pass_fields[] = {
	{"current", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
	{"new", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
};

void h_me_passphrase(struct web_req *r)
{
	struct web_value v[2];
	struct dy_error err = {0};
	json_t *doc = NULL;
	int rc;

	if (web_fields(r, pass_fields, 2, v) != 0)
		return;
	if (verify_passphrase(r, v[0].s, v[0].len) != 0)
		return;
	if (!req_kdf_enter(r))
		return;
	rc = dy_passphrase_change(r->session, v[1].s, v[1].len, &err);
	kdf_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	/* Every session of mine was revoked: this device gets a fresh one, and
	 * with it a new CSRF token (also in the X-CSRF-Token header). */
	doc = json_object();
	if (doc == NULL || web_start_session(r, r->session, doc) != 0) {
		json_decref(doc);
		if (r->resp == NULL)
			reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	sesscache_invalidate_all();
	reply_empty(r, 204);
	reply_cookie(r, r->token);
	reply_header(r, "X-CSRF-Token", json_string_value(json_object_get(doc, "csrf")));
	json_decref(doc);
}

void h_me_export(struct web_req *r)
{
	struct dy_error err = {0};
	char *json = NULL;
	size_t len = 0;

	if (dy_export(r->session, &json, &len, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_take(r, 200, json, len, "application/json");
	reply_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, "attachment; filename=\"dyad-export.json\"");
}

static const struct web_field leave_fields[] = {
	{"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
};

void h_me_leave(struct web_req *r)
{
	struct web_value v[1];
	struct dy_error err = {0};

	if (web_fields(r, leave_fields, 1, v) != 0)
		return;
	if (verify_passphrase(r, v[0].s, v[0].len) != 0)
		return;
	if (dy_leave(r->session, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	/* The core deleted my sessions with me; revoking is belt and braces. */
	if (dy_token_revoke(r->db, r->token, r->token_len, &err) != 0)
		fprintf(stderr, "dyad: leave: %s\n", err.msg);
	sesscache_invalidate_all();
	reply_empty(r, 204);
	reply_cookie(r, NULL);
}
