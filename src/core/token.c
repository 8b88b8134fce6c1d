/*
 * token.c - web session tokens.
 *
 * A token is "<id>.<secret>" (16 and 32 random bytes, base64url). The
 * database keeps a lookup hash of the id and the person's keys sealed under
 * a subkey of the secret: whoever holds the database but not the cookie can
 * open nothing, and any server process holding the cookie can.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "crypto.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

#define TOKEN_ID_BYTES 16
#define TOKEN_SECRET_BYTES 32
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define TOKEN_ID_CHARS 22      /* base64url of 16 bytes */
#define TOKEN_SECRET_CHARS 43  /* base64url of 32 bytes */
#define TOUCH_EVERY 60
#define MAX_TTL (366LL * 24 * 3600)
#define WRAPPED_SESSION_BYTES (DY_SESSION_SECRET_BYTES + DY_SEAL_OVERHEAD)

_Static_assert(TOKEN_ID_CHARS + 1 + TOKEN_SECRET_CHARS == DY_TOKEN_LEN, "token length");

struct token {
	uint8_t id[TOKEN_ID_BYTES];
	uint8_t secret[TOKEN_SECRET_BYTES];
};

static int
token_parse(const char *text, size_t len, struct token *t)
{
	size_t n;

	if (text == NULL || len != DY_TOKEN_LEN || text[TOKEN_ID_CHARS] != '.')
		return -1;
	if (sodium_base642bin(t->id, sizeof(t->id), text, TOKEN_ID_CHARS, NULL, &n, NULL, B64) != 0 ||
	    n != sizeof(t->id))
		return -1;
	if (sodium_base642bin(t->secret, sizeof(t->secret), text + TOKEN_ID_CHARS + 1, TOKEN_SECRET_CHARS,
	                      NULL, &n, NULL, B64) != 0 || n != sizeof(t->secret))
		return -1;
	return 0;
}

static size_t
session_ad(uint8_t ad[128], const uint8_t lookup[DY_KEY_BYTES], const char *person_id)
{
	char hex[2 * DY_KEY_BYTES + 1];
	int n;

	sodium_bin2hex(hex, sizeof(hex), lookup, DY_KEY_BYTES);
	n = snprintf((char *)ad, 128, "dyad-session-v1|%s|%s", hex, person_id);
	return n < 0 ? 0 : n >= 128 ? 127 : (size_t)n;
}

int
dy_token_issue(struct dy_session *s, int64_t idle_ttl, char token[DY_TOKEN_LEN + 1], struct dy_error *err)
{
	struct token t;
	uint8_t lookup[DY_KEY_BYTES], *key = NULL, *plain = NULL, ad[128];
	uint8_t wrapped[WRAPPED_SESSION_BYTES];
	char text[DY_TOKEN_LEN + 1];
	int64_t now = store_now(s->db);
	sqlite3_stmt *st;
	int rc;

	if (idle_ttl <= 0 || idle_ttl > MAX_TTL)
		return dy_fail(err, DY_EINVAL, "Session lifetime out of range.");
	if ((key = sodium_malloc(DY_KEY_BYTES)) == NULL || (plain = sodium_malloc(DY_SESSION_SECRET_BYTES)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	randombytes_buf(&t, sizeof(t));
	dy_subkey(lookup, t.id, sizeof(t.id), "dyad session lookup");
	dy_subkey(key, t.secret, sizeof(t.secret), "dyad session key");
	memcpy(plain, s->keys->personal, DY_KEY_BYTES);
	memcpy(plain + DY_KEY_BYTES, s->keys->box_sk, crypto_box_SECRETKEYBYTES);
	memcpy(plain + DY_PERSON_SECRET_BYTES, s->keys->space, DY_KEY_BYTES);
	dy_seal(wrapped, plain, DY_SESSION_SECRET_BYTES, ad, session_ad(ad, lookup, s->person_id), key);

	/* forget sessions nobody has used within their lifetime */
	if ((st = store_stmt(s->db, S_TOKEN_PURGE, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, now);
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto out;
	if ((st = store_stmt(s->db, S_TOKEN_INSERT, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto out;
	}
	store_bind_blob(st, 1, lookup, sizeof(lookup));
	store_bind_text(st, 2, s->person_id, strlen(s->person_id));
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, idle_ttl);
	store_bind_blob(st, 5, wrapped, sizeof(wrapped));
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto out;
	sodium_bin2base64(text, TOKEN_ID_CHARS + 1, t.id, sizeof(t.id), B64);
	text[TOKEN_ID_CHARS] = '.';
	sodium_bin2base64(text + TOKEN_ID_CHARS + 1, TOKEN_SECRET_CHARS + 1, t.secret, sizeof(t.secret), B64);
	memcpy(token, text, sizeof(text));
	sodium_memzero(text, sizeof(text));
out:
	sodium_memzero(&t, sizeof(t));
	sodium_free(key);
	sodium_free(plain);
	return rc;
}

/* Read the row of a parsed token: its person and wrapped keys. A missing or
 * idle-expired row is DY_EAUTH. */
static int
token_row(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], char person_id[DY_ID_LEN + 1],
          uint8_t wrapped[WRAPPED_SESSION_BYTES], int64_t *last_seen, struct dy_error *err)
{
	sqlite3_stmt *st;
	int64_t ttl;
	int step;

	if ((st = store_stmt(db, S_TOKEN_GET, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return step == SQLITE_DONE ? dy_fail(err, DY_EAUTH, "Please log in.") : store_fail(db, step, err);
	}
	dy_strlcpy(person_id, (const char *)sqlite3_column_text(st, 0), DY_ID_LEN + 1);
	*last_seen = sqlite3_column_int64(st, 1);
	ttl = sqlite3_column_int64(st, 2);
	if (sqlite3_column_bytes(st, 3) != WRAPPED_SESSION_BYTES) {
		sqlite3_reset(st);
		return dy_fail(err, DY_EAUTH, "Please log in.");
	}
	memcpy(wrapped, sqlite3_column_blob(st, 3), WRAPPED_SESSION_BYTES);
	sqlite3_reset(st);
	/* values from the file: range-checked before any arithmetic */
	if (ttl <= 0 || ttl > MAX_TTL || *last_seen < 0 || *last_seen > store_now(db) + 86400 ||
	    store_now(db) - *last_seen > ttl)
		return dy_fail(err, DY_EAUTH, "Your session has ended; please log in again.");
	return 0;
}

/* Move a session's idle clock on, at most once a minute (a write per
 * request would serialise every reader behind the write lock). */
static int
token_touch(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], int64_t last_seen, struct dy_error *err)
{
	int64_t now = store_now(db);
	sqlite3_stmt *st;

	if (now - last_seen < TOUCH_EVERY)
		return 0;
	if ((st = store_stmt(db, S_TOKEN_TOUCH, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	sqlite3_bind_int64(st, 2, now);
	return store_exec(db, st, err);
}

int
dy_token_open(struct dy_db *db, const char *token, size_t token_len, struct dy_session **out,
              struct dy_error *err)
{
	struct token t;
	struct person_row p;
	struct dy_keys *k = NULL;
	/* transient secrets on the stack, wiped below: a guarded allocation per
	 * request costs more syscalls than the rest of the request */
	uint8_t lookup[DY_KEY_BYTES], key[DY_KEY_BYTES], plain[DY_SESSION_SECRET_BYTES], ad[128];
	uint8_t wrapped[WRAPPED_SESSION_BYTES];
	char person_id[DY_ID_LEN + 1];
	int64_t last_seen;
	int rc;

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(lookup, t.id, sizeof(t.id), "dyad session lookup");
	if ((rc = token_row(db, lookup, person_id, wrapped, &last_seen, err)) != 0)
		goto out;
	dy_subkey(key, t.secret, sizeof(t.secret), "dyad session key");
	if (dy_open(plain, wrapped, sizeof(wrapped), ad, session_ad(ad, lookup, person_id), key) != 0) {
		rc = dy_fail(err, DY_EAUTH, "Please log in.");
		goto out;
	}
	if ((rc = person_load(db, true, person_id, strlen(person_id), &p, err)) != 0) {
		if (rc == DY_ENOTFOUND)
			rc = dy_fail(err, DY_EAUTH, "Please log in.");
		goto out;
	}
	if ((rc = token_touch(db, lookup, last_seen, err)) != 0)
		goto out;
	if ((k = dy_keys_new()) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	memcpy(k->personal, plain, DY_KEY_BYTES);
	memcpy(k->box_sk, plain + DY_KEY_BYTES, crypto_box_SECRETKEYBYTES);
	memcpy(k->space, plain + DY_PERSON_SECRET_BYTES, DY_KEY_BYTES);
	rc = session_make(db, &p, k, out, err);
out:
	sodium_memzero(&t, sizeof(t));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(plain, sizeof(plain));
	return rc;
}

int
dy_token_check(struct dy_session *s, const char *token, size_t token_len, struct dy_error *err)
{
	struct token t;
	uint8_t lookup[DY_KEY_BYTES], wrapped[WRAPPED_SESSION_BYTES];
	char person_id[DY_ID_LEN + 1];
	int64_t last_seen;
	int rc;

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(lookup, t.id, sizeof(t.id), "dyad session lookup");
	sodium_memzero(&t, sizeof(t));
	if ((rc = token_row(s->db, lookup, person_id, wrapped, &last_seen, err)) != 0)
		return rc;
	if (strcmp(person_id, s->person_id) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	return token_touch(s->db, lookup, last_seen, err);
}

int
dy_token_revoke(struct dy_db *db, const char *token, size_t token_len, struct dy_error *err)
{
	struct token t;
	uint8_t lookup[DY_KEY_BYTES];
	sqlite3_stmt *st;

	if (token_parse(token, token_len, &t) != 0)
		return 0;
	dy_subkey(lookup, t.id, sizeof(t.id), "dyad session lookup");
	sodium_memzero(&t, sizeof(t));
	if ((st = store_stmt(db, S_TOKEN_DELETE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_blob(st, 1, lookup, sizeof(lookup));
	return store_exec(db, st, err);
}

int
dy_token_csrf(const char *token, size_t token_len, char csrf[44], struct dy_error *err)
{
	struct token t;
	uint8_t mac[DY_KEY_BYTES];

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(mac, t.secret, sizeof(t.secret), "dyad csrf");
	sodium_memzero(&t, sizeof(t));
	sodium_bin2base64(csrf, 44, mac, sizeof(mac), B64);
	return 0;
}
