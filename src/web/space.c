/*
 * space.c - the couple's space: create it on first run, invite the
 * partner, join with an invitation. Creating and joining set a passphrase
 * (a key derivation, bounded by the KDF semaphore) and start a session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "handlers.h"
#include "json.h"
#include "origin.h"
#include "throttle.h"
#include "web.h"
#include "banned.h"

/* The "me" part of a new member's answer, and the session for it. */
static void reply_new_member(struct web_req *r, struct dy_session *s, const char *recovery)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	json_t *doc = NULL, *me = NULL;
	int i;

	memset(&info, 0, sizeof(info));
	if (dy_whoami(s, &info, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	for (i = 0; i < info.members && i < 2; i++)
		if (info.people[i].me)
			me = web_json_person(&info.people[i]);
	if (me == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	doc = json_pack("{s:s,s:o}", "recovery_code", recovery, "me", me);
	if (doc == NULL || web_start_session(r, s, doc) != 0) {
		json_decref(doc);
		if (r->resp == NULL)
			reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	reply_json(r, 201, doc);
	reply_cookie(r, r->token);
}

void h_space_create(struct web_req *r)
{
	enum { F_LABEL, F_NAME, F_PASS, F_ZONE, F_COLOUR, F__N };
	static const struct web_field fields[F__N] = {
		/* name.c judges names and labels after normalising */
		[F_LABEL] = {"label", WEB_F_STRING, false, 0, DY_NAME_INPUT_MAX},
		[F_NAME] = {"name", WEB_F_STRING, true, 0, DY_NAME_INPUT_MAX},
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
		[F_ZONE] = {"zone", WEB_F_STRING, false, 0, DY_ZONE_MAX},
		[F_COLOUR] = {"colour", WEB_F_STRING, false, 0, 16},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char recovery[DY_RECOVERY_LEN + 1];
	int rc, hue;

	if (web_fields(r, fields, F__N, v) != 0 || web_colour_take(r, &v[F_COLOUR], &hue) != 0)
		return;
	if (web_db(r) == NULL)
		return;
	rc = dy_space_create(r->db, v[F_LABEL].len > 0 ? v[F_LABEL].s : NULL, v[F_LABEL].len,
	                     v[F_NAME].s, v[F_NAME].len, v[F_PASS].s, v[F_PASS].len, recovery, &s, &err);
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	web_zone_default(s, &v[F_ZONE]);
	web_colour_choose(s, hue);
	reply_new_member(r, s, recovery);
	explicit_bzero(recovery, sizeof(recovery));
	dy_session_free(s);
}

/* The answer for an invitation that cannot be used, the same from
 * /join/check and /join: 410 "used" or "expired", 409 "full", 401 "auth"
 * for a code that is not one (a failure counted against addr). */
static void reply_invite_state(struct web_req *r, enum dy_invite_state st, const char *addr)
{
	switch (st) {
	case DY_INVITE_OK:
		reply_json(r, 200, json_pack("{s:b}", "ok", 1));
		break;
	case DY_INVITE_USED:
		reply_error(r, 410, "used", "That invitation has already been used. Ask for a new one.");
		break;
	case DY_INVITE_EXPIRED:
		reply_error(r, 410, "expired", "That invitation has expired. Ask for a new one.");
		break;
	case DY_INVITE_FULL:
		reply_error(r, 409, "full", "This space already has two partners; no one else can join.");
		break;
	case DY_INVITE_UNKNOWN:
	default:
		throttle_fail(NULL, 0, addr);
		reply_error(r, 401, "auth", "That invitation code is not valid. Check it and try again.");
		break;
	}
}

void h_join(struct web_req *r)
{
	enum { F_CODE, F_NAME, F_PASS, F_ZONE, F_COLOUR, F__N };
	static const struct web_field fields[F__N] = {
		[F_CODE] = {"code", WEB_F_STRING, true, 1, 128},
		[F_NAME] = {"name", WEB_F_STRING, true, 0, DY_NAME_INPUT_MAX},
		[F_PASS] = {"passphrase", WEB_F_STRING, true, 1, DY_PASSPHRASE_MAX},
		[F_ZONE] = {"zone", WEB_F_STRING, false, 0, DY_ZONE_MAX},
		[F_COLOUR] = {"colour", WEB_F_STRING, false, 0, 16},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	struct dy_error err2 = {0};
	enum dy_invite_state st = DY_INVITE_UNKNOWN;
	struct dy_session *s = NULL;
	char recovery[DY_RECOVERY_LEN + 1];
	char addr[64];
	int rc, hue;

	if (web_fields(r, fields, F__N, v) != 0 || web_colour_take(r, &v[F_COLOUR], &hue) != 0)
		return;
	/* invitation codes are guessable only by trying: count failures per
	 * address like failed logins */
	if (reply_if_throttled(r, NULL, 0, addr, sizeof(addr)))
		return;
	if (web_db(r) == NULL)
		return;
	rc = dy_space_join(r->db, v[F_CODE].s, v[F_CODE].len, v[F_NAME].s, v[F_NAME].len,
	                   v[F_PASS].s, v[F_PASS].len, recovery, &s, &err);
	if (rc != 0) {
		if (err.code == DY_EAUTH)
			throttle_fail(NULL, 0, addr);
		/* used and expired answer as the check does ("used", "expired") */
		if (err.code == DY_EEXPIRED && dy_invite_check(r->db, v[F_CODE].s, v[F_CODE].len, &st, &err2) == 0 &&
		    (st == DY_INVITE_USED || st == DY_INVITE_EXPIRED)) {
			reply_invite_state(r, st, addr);
			return;
		}
		reply_dy_error(r, &err);
		return;
	}
	web_zone_default(s, &v[F_ZONE]);
	web_colour_choose(s, hue);
	reply_new_member(r, s, recovery);
	explicit_bzero(recovery, sizeof(recovery));
	dy_session_free(s);
}

/*
 * Check an invitation code before the partner chooses a name and a
 * passphrase: 200 {"ok":true} when it can be used; 401 "auth" for a code
 * that is not one (throttled per address like a failed login: codes are
 * guessable only by trying), 410 "used" or "expired", 409 "full". Nothing
 * else is told: not who made it, not who is in the space.
 */
void h_join_check(struct web_req *r)
{
	enum { F_CODE, F__N };
	static const struct web_field fields[F__N] = {
		[F_CODE] = {"code", WEB_F_STRING, true, 1, 128},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	enum dy_invite_state st = DY_INVITE_UNKNOWN;
	char addr[64];

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (reply_if_throttled(r, NULL, 0, addr, sizeof(addr)))
		return;
	if (web_db(r) == NULL)
		return;
	if (dy_invite_check(r->db, v[F_CODE].s, v[F_CODE].len, &st, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_invite_state(r, st, addr);
}

/*
 * The QR code of text (libqrencode, error correction M) as
 * {"size": N, "modules": "0110..."}: N*N characters row by row, '1' for a
 * dark module, without the quiet zone around it. NULL when it cannot be
 * made.
 */
static json_t *qr_json(const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	json_t *j = NULL;
	char *m = NULL;
	size_t n, i;

	if (q == NULL || q->width <= 0)
		goto out;
	n = (size_t)q->width * (size_t)q->width;
	if ((m = malloc(n)) == NULL)
		goto out;
	for (i = 0; i < n; i++)
		m[i] = (q->data[i] & 1) ? '1' : '0';
	j = json_pack("{s:i,s:s%}", "size", q->width, "modules", m, n);
out:
	free(m);
	QRcode_free(q);
	return j;
}

/*
 * A new invitation: its code, expiry, and the link the partner opens,
 * built from the address the inviter used to reach the server (or
 * --public-url), with its QR code and whether that address opens on this
 * machine only. Without a usable Host header the link is the path alone.
 */
void h_invite_create(struct web_req *r)
{
	struct dy_error err = {0};
	char code[DY_INVITE_LEN + 1], when[32], origin[WEB_ORIGIN_MAX];
	char link[WEB_ORIGIN_MAX + DY_INVITE_LEN + 16];
	int64_t expires = 0;
	json_t *doc = NULL, *qr = NULL;
	bool absolute;

	if (dy_invite_create(r->session, code, &expires, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	dy_time_iso(expires, when);
	absolute = web_origin(r, origin, sizeof(origin)) == 0;
	snprintf(link, sizeof(link), "%s/join#%s", absolute ? origin : "", code);
	doc = json_pack("{s:s,s:s,s:s}", "code", code, "expires_at", when, "link", link);
	if (doc != NULL && absolute) {
		json_object_set_new(doc, "loopback", json_boolean(web_origin_is_loopback(origin)));
		if ((qr = qr_json(link)) != NULL)
			json_object_set_new(doc, "qr", qr);
	}
	explicit_bzero(code, sizeof(code));
	explicit_bzero(link, sizeof(link));
	reply_json(r, 201, doc);
}

/* The space as the session's person sees it (GET /api/v1/session's "space"). */
static void reply_space(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_space_info info;

	memset(&info, 0, sizeof(info));
	if (dy_whoami(r->session, &info, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 200, web_json_space(&info));
}

void h_space_update(struct web_req *r)
{
	enum { F_LABEL, F__N };
	static const struct web_field fields[F__N] = {
		[F_LABEL] = {"label", WEB_F_STRING, true, 1, DY_LABEL_MAX},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	if (dy_space_set_label(r->session, v[F_LABEL].s, v[F_LABEL].len, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_space(r);
}

void h_space_notice_dismiss(struct web_req *r)
{
	struct dy_error err = {0};

	if (dy_space_dismiss_notice(r->session, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_space(r);
}
