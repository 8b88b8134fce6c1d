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
	rc = dy_unlock(r->db, name, strlen(name), pass, pass_len, &check, &err);
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

void h_me_passphrase(struct web_req *r)
{
	enum { F_CURRENT, F_NEW, F__N };
	static const struct web_field fields[F__N] = {
		[F_CURRENT] = {"current", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
		[F_NEW] = {"new", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	json_t *doc = NULL;
	int rc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (verify_passphrase(r, v[F_CURRENT].s, v[F_CURRENT].len) != 0)
		return;
	rc = dy_passphrase_change(r->session, v[F_NEW].s, v[F_NEW].len, &err);
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

/* A new recovery code, after the passphrase is entered again; the old code
 * stops working. 201 {"recovery_code"}. */
void h_me_recovery(struct web_req *r)
{
	enum { F_PASS, F__N };
	static const struct web_field fields[F__N] = {
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	char recovery[DY_RECOVERY_LEN + 1];
	int rc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (verify_passphrase(r, v[F_PASS].s, v[F_PASS].len) != 0)
		return;
	rc = dy_recovery_renew(r->session, recovery, &err);
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 201, json_pack("{s:s}", "recovery_code", recovery));
	explicit_bzero(recovery, sizeof(recovery));
}

/*
 * The export's file name: dyad-NAME-YYYY-MM-DD.EXT, NAME being the
 * person's name with every byte that is not an ASCII letter, digit, '-' or
 * '_' as '-' (the header stays plain ASCII; filename* gives the whole name
 * for browsers that read RFC 6266), the date by the server's clock (UTC).
 */
static void export_disposition(struct web_req *r, const char *ext, char *out, size_t size)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	const char *name = "me";
	char safe[DY_NAME_MAX + 1], iso[DY_TIME_ISO_LEN + 1];
	char pct[3 * DY_NAME_MAX + 1];
	size_t i, n = 0, p = 0;

	memset(&info, 0, sizeof(info));
	if (dy_whoami(r->session, &info, &err) == 0)
		for (int k = 0; k < info.members && k < 2; k++)
			if (info.people[k].me)
				name = info.people[k].name;
	for (i = 0; name[i] != '\0' && n < DY_NAME_MAX; i++) {
		unsigned char ch = (unsigned char)name[i];
		bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		             ch == '-' || ch == '_';

		if (plain)
			safe[n++] = (char)ch;
		else if (n == 0 || safe[n - 1] != '-')
			safe[n++] = '-';
		if (plain || ch == '.')
			pct[p++] = (char)ch;
		else
			p += (size_t)snprintf(pct + p, sizeof(pct) - p, "%%%02X", ch);
	}
	safe[n] = '\0';
	pct[p] = '\0';
	if (n == 0 || strcmp(safe, "-") == 0)
		snprintf(safe, sizeof(safe), "me");
	dy_time_iso(dy_db_now(r->db), iso);
	snprintf(out, size, "attachment; filename=\"dyad-%s-%.10s.%s\"; filename*=UTF-8''dyad-%s-%.10s.%s",
	         safe, iso, ext, pct[0] != '\0' ? pct : "me", iso, ext);
}

/* GET /api/v1/me/export: everything I own, as JSON, or with
 * ?format=markdown as a document to read. */
void h_me_export(struct web_req *r)
{
	struct dy_error err = {0};
	const char *format = req_query(r, "format");
	char *text = NULL;
	char disposition[96 + 4 * DY_NAME_MAX];
	size_t len = 0;
	bool md;
	int rc;

	if (format != NULL && strcmp(format, "json") != 0 && strcmp(format, "markdown") != 0) {
		reply_error(r, 400, "invalid", "format must be json or markdown.");
		return;
	}
	md = format != NULL && strcmp(format, "markdown") == 0;
	rc = md ? dy_export_markdown(r->session, &text, &len, &err) : dy_export(r->session, &text, &len, &err);
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	export_disposition(r, md ? "md" : "json", disposition, sizeof(disposition));
	reply_take(r, 200, text, len, md ? "text/markdown; charset=utf-8" : "application/json");
	reply_header(r, MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
}

void h_me_leave(struct web_req *r)
{
	enum { F_PASS, F__N };
	static const struct web_field fields[F__N] = {
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (verify_passphrase(r, v[F_PASS].s, v[F_PASS].len) != 0)
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
