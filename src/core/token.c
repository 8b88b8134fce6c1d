/*
 * token.c - web session tokens.
 *
 * A token is "<id>.<secret>" (16 and 32 random bytes, base64url). The
 * database keeps a lookup hash of the id and the person's keys sealed under
 * a subkey of the secret: whoever holds the database but not the cookie can
 * open nothing, and any server process holding the cookie can.
 */
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
/* last_seen is kept coarse: a multiple of the grain, an hour, or a
 * sixteenth of a shorter lifetime (so that it still means something), and
 * written only when it moves. A session may so end up to one grain early,
 * never late. */
#define GRAIN_MAX 3600
#define MAX_TTL (366LL * 24 * 3600)

_Static_assert(TOKEN_ID_CHARS + 1 + TOKEN_SECRET_CHARS == DY_TOKEN_LEN, "token length");

struct token {
	uint8_t id[TOKEN_ID_BYTES];
	uint8_t secret[TOKEN_SECRET_BYTES];
};

/* Whether s[0..n) is all base64url characters. libsodium 1.0.18 (Debian
 * 12's) decodes every byte from 0x80 up as '_', so a token with such bytes
 * in it opened the session of the token with '_' there (found by
 * tests/fuzz/token.c): the alphabet is checked here first. */
static bool
b64url_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		      c == '_'))
			return false;
	}
	return true;
}

static int
token_parse(const char *text, size_t len, struct token *t)
{
	size_t n;

	if (text == NULL || len != DY_TOKEN_LEN || text[TOKEN_ID_CHARS] != '.' ||
	    !b64url_only(text, TOKEN_ID_CHARS) || !b64url_only(text + TOKEN_ID_CHARS + 1, TOKEN_SECRET_CHARS))
		return -1;
	if (sodium_base642bin(t->id, sizeof(t->id), text, TOKEN_ID_CHARS, NULL, &n, NULL, B64) != 0 ||
	    n != sizeof(t->id))
		return -1;
	if (sodium_base642bin(t->secret, sizeof(t->secret), text + TOKEN_ID_CHARS + 1, TOKEN_SECRET_CHARS,
	                      NULL, &n, NULL, B64) != 0 || n != sizeof(t->secret))
		return -1;
	return 0;
}

/* A time rounded down to the grain of a session of lifetime ttl. */
static int64_t
coarse(int64_t t, int64_t ttl)
{
	int64_t g = ttl / 16;

	if (g > GRAIN_MAX)
		g = GRAIN_MAX;
	if (g < 1)
		g = 1;
	return t - ((t % g) + g) % g;
}

/* Associated data of a session's wrapped keys: its lookup and person. */
static size_t
session_ad(uint8_t ad[DY_AD_MAX], const uint8_t lookup[DY_KEY_BYTES], const char *person_id)
{
	char hex[2 * DY_KEY_BYTES + 1];
	const char *parts[] = {hex, person_id};

	sodium_bin2hex(hex, sizeof(hex), lookup, DY_KEY_BYTES);
	return dy_ad(ad, DY_AD_MAX, DY_AD_SESSION, parts, 2);
}

int
dy_token_issue(struct dy_session *s, int64_t idle_ttl, char token[DY_TOKEN_LEN + 1], struct dy_error *err)
{
	struct token t;
	struct store_token row;
	uint8_t *key = NULL, *plain = NULL, ad[DY_AD_MAX];
	char text[DY_TOKEN_LEN + 1];
	int64_t now = store_now(s->db);
	int rc;

	if (idle_ttl <= 0 || idle_ttl > MAX_TTL)
		return dy_fail(err, DY_EINVAL, "Session lifetime out of range.");
	if ((key = sodium_malloc(DY_KEY_BYTES)) == NULL || (plain = sodium_malloc(DY_SESSION_SECRET_BYTES)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	memset(&row, 0, sizeof(row));
	randombytes_buf(&t, sizeof(t));
	dy_subkey(row.lookup, t.id, sizeof(t.id), DY_KEY_SESSION_LOOKUP);
	dy_subkey(key, t.secret, sizeof(t.secret), DY_KEY_SESSION);
	memcpy(plain, s->keys->personal, DY_KEY_BYTES);
	memcpy(plain + DY_KEY_BYTES, s->keys->box_sk, crypto_box_SECRETKEYBYTES);
	/* no partnership key: it is replaced when a partner joins or leaves,
	 * so an opened session reads the current one from the person's keys */
	memset(plain + DY_PERSON_SECRET_BYTES, 0, DY_KEY_BYTES);
	dy_seal(row.wrapped, plain, DY_SESSION_SECRET_BYTES, ad, session_ad(ad, row.lookup, s->person_id), key);
	dy_strlcpy(row.person_id, s->person_id, sizeof(row.person_id));
	row.idle_ttl = idle_ttl;
	row.created_at = coarse(now, idle_ttl);
	row.last_seen = row.created_at;

	/* forget sessions nobody has used within their lifetime */
	if ((rc = store_token_purge(s->db, now, err)) != 0 || (rc = store_token_insert(s->db, &row, err)) != 0)
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

/* Read the row of a parsed token: its person and wrapped keys. A missing,
 * damaged or idle-expired row is DY_EAUTH. */
static int
token_row(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct store_token *row,
          struct dy_error *err)
{
	int64_t now = store_now(db);
	int rc;

	rc = store_token_get(db, lookup, row, err);
	if (rc == DY_ENOTFOUND || rc == DY_ECORRUPT)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	if (rc != 0)
		return rc;
	/* values from the file: range-checked before any arithmetic */
	if (row->idle_ttl <= 0 || row->idle_ttl > MAX_TTL || row->last_seen < 0 ||
	    row->last_seen > now + 86400 || now - row->last_seen > row->idle_ttl)
		return dy_fail(err, DY_EAUTH, "Your session has ended; please log in again.");
	return 0;
}

/* Move a session's idle clock on when its coarse value moves (a write per
 * request would serialise every reader behind the write lock, and an exact
 * time would tell when someone last used dyad). */
static int
token_touch(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], const struct store_token *row,
            struct dy_error *err)
{
	int64_t now = coarse(store_now(db), row->idle_ttl);

	if (now <= row->last_seen)
		return 0;
	return store_token_touch(db, lookup, now, err);
}

int
dy_token_open(struct dy_db *db, const char *token, size_t token_len, struct dy_session **out,
              struct dy_error *err)
{
	struct token t;
	struct store_token row;
	struct store_person p;
	struct dy_keys *k = NULL;
	struct dy_session *s = NULL;
	/* transient secrets on the stack, wiped below: a guarded allocation per
	 * request costs more syscalls than the rest of the request */
	uint8_t lookup[DY_KEY_BYTES], key[DY_KEY_BYTES], plain[DY_SESSION_SECRET_BYTES], ad[DY_AD_MAX];
	int rc;

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(lookup, t.id, sizeof(t.id), DY_KEY_SESSION_LOOKUP);
	if ((rc = token_row(db, lookup, &row, err)) != 0)
		goto out;
	dy_subkey(key, t.secret, sizeof(t.secret), DY_KEY_SESSION);
	if (dy_open(plain, row.wrapped, sizeof(row.wrapped), ad, session_ad(ad, lookup, row.person_id), key) != 0) {
		rc = dy_fail(err, DY_EAUTH, "Please log in.");
		goto out;
	}
	if ((rc = store_person_by_id(db, row.person_id, strlen(row.person_id), &p, err)) != 0) {
		if (rc == DY_ENOTFOUND)
			rc = dy_fail(err, DY_EAUTH, "Please log in.");
		goto out;
	}
	if ((rc = token_touch(db, lookup, &row, err)) != 0)
		goto out;
	if ((k = dy_keys_new()) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	memcpy(k->personal, plain, DY_KEY_BYTES);
	memcpy(k->box_sk, plain + DY_KEY_BYTES, crypto_box_SECRETKEYBYTES);
	if ((rc = session_keys_load(db, p.id, p.space_id, k, err)) != 0) {
		dy_keys_free(k);
		goto out;
	}
	if ((rc = session_make(db, &p, k, &s, err)) != 0)
		goto out;
	if ((rc = session_settle(s, err)) != 0) {
		dy_session_free(s);
		goto out;
	}
	*out = s;
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
	struct store_token row;
	uint8_t lookup[DY_KEY_BYTES];
	int rc;

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(lookup, t.id, sizeof(t.id), DY_KEY_SESSION_LOOKUP);
	sodium_memzero(&t, sizeof(t));
	if ((rc = token_row(s->db, lookup, &row, err)) != 0)
		return rc;
	if (strcmp(row.person_id, s->person_id) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	if ((rc = token_touch(s->db, lookup, &row, err)) != 0)
		return rc;
	/* a kept session follows the space: a partner joined or left, a held
	 * record's time came */
	return session_settle(s, err);
}

int
dy_token_revoke(struct dy_db *db, const char *token, size_t token_len, struct dy_error *err)
{
	struct token t;
	uint8_t lookup[DY_KEY_BYTES];

	if (token_parse(token, token_len, &t) != 0)
		return 0;
	dy_subkey(lookup, t.id, sizeof(t.id), DY_KEY_SESSION_LOOKUP);
	sodium_memzero(&t, sizeof(t));
	return store_token_delete(db, lookup, err);
}

int
dy_token_csrf(const char *token, size_t token_len, char csrf[44], struct dy_error *err)
{
	struct token t;
	uint8_t mac[DY_KEY_BYTES];

	if (token_parse(token, token_len, &t) != 0)
		return dy_fail(err, DY_EAUTH, "Please log in.");
	dy_subkey(mac, t.secret, sizeof(t.secret), DY_KEY_CSRF);
	sodium_memzero(&t, sizeof(t));
	sodium_bin2base64(csrf, 44, mac, sizeof(mac), B64);
	return 0;
}
