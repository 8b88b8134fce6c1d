/*
 * session.c - health, first-run state, and web sessions: log in (throttled),
 * who am I, log out.
 *
 * The cookie holds the token from dy_token_issue ("<id>.<secret>"); the
 * database holds the person's keys wrapped under the secret, so any worker
 * (or a restarted server) can serve any session and the database alone
 * opens nothing. The CSRF token is derived from the session token.
 */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "sesscache.h"
#include "throttle.h"
#include "banned.h"

void h_healthz(struct web_req *r)
{
	static const char ok[] = "{\"ok\":true}";

	reply_static(r, 200, ok, sizeof(ok) - 1, "application/json");
}

void h_setup(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	bool exists = false;
	int members = 0;

	if (web_db(r) == NULL)
		return;
	if (dy_space_exists(r->db, &exists, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (exists) {
		memset(&info, 0, sizeof(info));
		if (dy_space_people(r->db, &info, &err) != 0) {
			reply_dy_error(r, &err);
			return;
		}
		members = info.members;
	}
	reply_json(r, 200, json_pack("{s:b,s:i}", "space", exists, "members", members));
}

int web_start_session(struct web_req *r, struct dy_session *s, json_t *doc)
{
	struct dy_error err = {0};
	char token[DY_TOKEN_LEN + 1];
	char csrf[44];
	int rc = -1;

	if (dy_token_issue(s, r->cfg->session_ttl, token, &err) != 0 ||
	    dy_token_csrf(token, strlen(token), csrf, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if (json_object_set_new(doc, "csrf", json_string(csrf)) != 0) {
		reply_error(r, 500, "internal", "Out of memory.");
		goto out;
	}
	/* the caller replies; the cookie goes on that reply */
	memcpy(r->token, token, sizeof(token));
	r->token_len = strlen(token);
	rc = 0;
out:
	explicit_bzero(token, sizeof(token));
	return rc;
}

/* Set the cookie of a session just started by web_start_session. */
static void reply_started(struct web_req *r, unsigned status, json_t *doc)
{
	reply_json(r, status, doc);
	reply_cookie(r, r->token);
}

void h_session_login(struct web_req *r)
{
	enum { F_NAME, F_PASS, F_ZONE, F__N };
	static const struct web_field fields[F__N] = {
		[F_NAME] = {"name", WEB_F_STRING, true, 1, DY_NAME_INPUT_MAX},
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
		[F_ZONE] = {"zone", WEB_F_STRING, false, 0, DY_ZONE_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_space_info info;
	json_t *doc = NULL;
	char addr[64], zone[DY_ZONE_MAX + 1];
	int rc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (reply_if_throttled(r, v[F_NAME].s, v[F_NAME].len, addr, sizeof(addr)))
		return;
	if (web_db(r) == NULL)
		return;
	rc = dy_unlock(r->db, v[F_NAME].s, v[F_NAME].len, v[F_PASS].s, v[F_PASS].len, &s, &err);
	if (rc != 0) {
		if (err.code == DY_EAUTH)
			throttle_fail(v[F_NAME].s, v[F_NAME].len, addr);
		reply_dy_error(r, &err);
		goto out;
	}
	throttle_success(v[F_NAME].s, v[F_NAME].len);
	web_zone_default(s, &v[F_ZONE]);
	memset(&info, 0, sizeof(info));
	if (dy_whoami(s, &info, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if (dy_zone_get(s, zone, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	doc = web_json_whoami(&info);
	if (doc != NULL && json_object_set_new(doc, "zone", zone[0] ? json_string(zone) : json_null()) != 0) {
		json_decref(doc);
		doc = NULL;
	}
	if (doc == NULL || web_start_session(r, s, doc) != 0)
		goto out;
	reply_started(r, 200, doc);
	doc = NULL;
out:
	json_decref(doc);
	if (r->resp == NULL)
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
	dy_session_free(s);
}

/*
 * Forgot the passphrase: set a new one with the recovery code. Throttled
 * like a log-in, per name and per address (a recovery code is guessable
 * only by trying); a wrong name and a wrong code are the same 401. 204; the
 * app then logs in with the new passphrase.
 */
void h_recover(struct web_req *r)
{
	enum { F_NAME, F_CODE, F_PASS, F__N };
	static const struct web_field fields[F__N] = {
		[F_NAME] = {"name", WEB_F_STRING, true, 1, DY_NAME_INPUT_MAX},
		[F_CODE] = {"code", WEB_F_STRING, true, 1, 128},
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	char addr[64];
	int rc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (reply_if_throttled(r, v[F_NAME].s, v[F_NAME].len, addr, sizeof(addr)))
		return;
	if (web_db(r) == NULL)
		return;
	rc = dy_recover(r->db, v[F_NAME].s, v[F_NAME].len, v[F_CODE].s, v[F_CODE].len, v[F_PASS].s,
	                v[F_PASS].len, &err);
	if (rc != 0) {
		if (err.code == DY_EAUTH)
			throttle_fail(v[F_NAME].s, v[F_NAME].len, addr);
		reply_dy_error(r, &err);
		return;
	}
	throttle_success(v[F_NAME].s, v[F_NAME].len);
	/* the core ended every session of this person */
	sesscache_invalidate_all();
	reply_empty(r, 204);
}

void h_session_get(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	char csrf[44], zone[DY_ZONE_MAX + 1];
	json_t *doc;

	memset(&info, 0, sizeof(info));
	if (dy_whoami(r->session, &info, &err) != 0 ||
	    dy_token_csrf(r->token, r->token_len, csrf, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (dy_zone_get(r->session, zone, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	doc = web_json_whoami(&info);
	if (doc != NULL && (json_object_set_new(doc, "csrf", json_string(csrf)) != 0 ||
	                    json_object_set_new(doc, "zone", zone[0] ? json_string(zone) : json_null()) != 0)) {
		json_decref(doc);
		doc = NULL;
	}
	reply_json(r, 200, doc);
}

void h_session_logout(struct web_req *r)
{
	struct dy_error err = {0};

	if (dy_token_revoke(r->db, r->token, r->token_len, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	sesscache_invalidate_all();
	reply_empty(r, 204);
	reply_cookie(r, NULL);
}
