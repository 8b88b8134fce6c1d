/*
 * account.c - spaces, partners, invitations, passphrases, leaving, export.
 *
 * The slow part of every operation here is Argon2id; it always runs outside
 * a write transaction, so that one partner's log-in never holds the other's
 * writes.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "crypto.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

#define DEFAULT_LABEL "Our space"

int
dy_init(void)
{
	return sodium_init() < 0 ? DY_ENOMEM : 0;
}

void *
dy_secret_new(size_t size)
{
	void *p = sodium_malloc(size);

	if (p != NULL)
		sodium_memzero(p, size);
	return p;
}

void
dy_secret_free(void *p)
{
	if (p != NULL)
		sodium_free(p);
}

/* Associated data binding wrapped person secrets to their person. */
static size_t
person_ad(uint8_t *ad, size_t size, const char *person_id, const char *purpose)
{
	int n = snprintf((char *)ad, size, "dyad-person-v1|%s|%s", purpose, person_id);

	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

int
person_load(struct dy_db *db, bool by_id, const char *key, size_t key_len,
            struct person_row *out, struct dy_error *err)
{
	sqlite3_stmt *st;
	struct person_row p;
	int rc;

	if ((st = store_stmt(db, by_id ? S_PERSON_BY_ID : S_PERSON_BY_NAME, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, key, key_len);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return dy_fail(err, DY_ENOTFOUND, "No such person.");
		return store_fail(db, rc, err);
	}
	memset(&p, 0, sizeof(p));
	dy_strlcpy(p.id, (const char *)sqlite3_column_text(st, 0), sizeof(p.id));
	dy_strlcpy(p.space_id, (const char *)sqlite3_column_text(st, 1), sizeof(p.space_id));
	dy_strlcpy(p.name, (const char *)sqlite3_column_text(st, 2), sizeof(p.name));
	p.color = sqlite3_column_int(st, 3);
	p.created_at = sqlite3_column_int64(st, 4);
	p.kdf_ops = (uint64_t)sqlite3_column_int64(st, 7);
	p.kdf_mem = (size_t)sqlite3_column_int64(st, 8);
	p.rec_ops = (uint64_t)sqlite3_column_int64(st, 11);
	p.rec_mem = (size_t)sqlite3_column_int64(st, 12);
#define COPY_BLOB(col, field)                                                     \
	do {                                                                      \
		if (sqlite3_column_bytes(st, col) != (int)sizeof(p.field))        \
			goto corrupt;                                             \
		memcpy(p.field, sqlite3_column_blob(st, col), sizeof(p.field));   \
	} while (0)
	COPY_BLOB(5, box_pk);
	COPY_BLOB(6, kdf_salt);
	COPY_BLOB(9, wrapped);
	COPY_BLOB(10, rec_salt);
	COPY_BLOB(13, rec_wrapped);
	COPY_BLOB(14, space_key_wrapped);
#undef COPY_BLOB
	sqlite3_reset(st);
	*out = p;
	return 0;
corrupt:
	sqlite3_reset(st);
	return dy_fail(err, DY_ECORRUPT, "A person's record in the database is damaged.");
}

int
session_make(struct dy_db *db, const struct person_row *p, struct dy_keys *keys,
             struct dy_session **out, struct dy_error *err)
{
	struct dy_session *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		dy_keys_free(keys);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	session_fill(s, db, p, keys);
	*out = s;
	return 0;
}

void
session_fill(struct dy_session *s, struct dy_db *db, const struct person_row *p, struct dy_keys *keys)
{
	s->db = db;
	memcpy(s->person_id, p->id, sizeof(s->person_id));
	memcpy(s->space_id, p->space_id, sizeof(s->space_id));
	memcpy(s->name, p->name, sizeof(s->name));
	s->color = p->color;
	s->created_at = p->created_at;
	memcpy(keys->box_pk, p->box_pk, sizeof(keys->box_pk));
	s->keys = keys;
}

void
dy_session_free(struct dy_session *s)
{
	if (s == NULL)
		return;
	dy_keys_free(s->keys);
	free(s);
}

static int
check_passphrase(const char *pass, size_t len, struct dy_error *err)
{
	if (pass == NULL || len < DY_PASSPHRASE_MIN)
		return dy_fail(err, DY_EINVAL, "Choose a passphrase of at least %d characters.", DY_PASSPHRASE_MIN);
	if (len > DY_PASSPHRASE_MAX)
		return dy_fail(err, DY_ETOOBIG, "That passphrase is longer than %d bytes.", DY_PASSPHRASE_MAX);
	if (!dy_utf8_valid(pass, len))
		return dy_fail(err, DY_EINVAL, "The passphrase is not valid UTF-8 text.");
	return 0;
}

static int
check_name(const char *name, size_t len, struct dy_error *err)
{
	if (name == NULL || len == 0)
		return dy_fail(err, DY_EINVAL, "A name is needed.");
	if (len > DY_NAME_MAX)
		return dy_fail(err, DY_ETOOBIG, "That name is longer than %d bytes.", DY_NAME_MAX);
	if (!dy_text_line_valid(name, len, DY_NAME_MAX))
		return dy_fail(err, DY_EINVAL, "A name must be one line of UTF-8 text.");
	return 0;
}

/*
 * Wrap the person's secrets (personal key, box secret key) under a key
 * derived from secret with fresh salt: out gets salt and the sealed bytes.
 */
static int
wrap_secrets(struct dy_db *db, const struct dy_keys *k, const char *person_id, const char *purpose,
             const char *secret, size_t secret_len, uint8_t salt[DY_SALT_BYTES],
             uint8_t wrapped[DY_WRAPPED_BYTES], struct dy_error *err)
{
	uint8_t *kek = NULL, *plain = NULL, ad[128];
	size_t ad_len;
	int rc;

	if ((kek = sodium_malloc(DY_KEY_BYTES)) == NULL || (plain = sodium_malloc(DY_PERSON_SECRET_BYTES)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	randombytes_buf(salt, DY_SALT_BYTES);
	if ((rc = dy_kdf(kek, secret, secret_len, salt, db->kdf_ops, db->kdf_mem, err)) != 0)
		goto out;
	memcpy(plain, k->personal, DY_KEY_BYTES);
	memcpy(plain + DY_KEY_BYTES, k->box_sk, sizeof(k->box_sk));
	ad_len = person_ad(ad, sizeof(ad), person_id, purpose);
	dy_seal(wrapped, plain, DY_PERSON_SECRET_BYTES, ad, ad_len, kek);
	rc = 0;
out:
	sodium_free(kek);
	sodium_free(plain);
	return rc;
}

/* The inverse of wrap_secrets: fills k's personal and box secret keys. */
static int
unwrap_secrets(const uint8_t salt[DY_SALT_BYTES], uint64_t ops, size_t mem,
               const uint8_t wrapped[DY_WRAPPED_BYTES], const char *person_id, const char *purpose,
               const char *secret, size_t secret_len, struct dy_keys *k, struct dy_error *err)
{
	uint8_t *kek = NULL, *plain = NULL, ad[128];
	size_t ad_len;
	int rc;

	/* limits come from the file: a damaged or hostile one must not make a
	 * log-in take hours or gigabytes */
	if (ops < crypto_pwhash_OPSLIMIT_INTERACTIVE || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
	    mem < crypto_pwhash_MEMLIMIT_INTERACTIVE || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
		return dy_fail(err, DY_ECORRUPT, "A person's key parameters in the database are damaged.");
	if ((kek = sodium_malloc(DY_KEY_BYTES)) == NULL || (plain = sodium_malloc(DY_PERSON_SECRET_BYTES)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	if ((rc = dy_kdf(kek, secret, secret_len, salt, ops, mem, err)) != 0)
		goto out;
	ad_len = person_ad(ad, sizeof(ad), person_id, purpose);
	if (dy_open(plain, wrapped, DY_WRAPPED_BYTES, ad, ad_len, kek) != 0) {
		rc = DY_EAUTH;
		goto out;
	}
	memcpy(k->personal, plain, DY_KEY_BYTES);
	memcpy(k->box_sk, plain + DY_KEY_BYTES, sizeof(k->box_sk));
	rc = 0;
out:
	sodium_free(kek);
	sodium_free(plain);
	return rc;
}

/*
 * A new person's row, fully built outside any transaction: keys generated,
 * secrets wrapped under the passphrase and a fresh recovery code.
 */
static int
person_build(struct dy_db *db, const char *space_id, const char *name, size_t name_len,
             const char *pass, size_t pass_len, char recovery[DY_RECOVERY_LEN + 1],
             struct person_row *p, struct dy_keys *k, struct dy_error *err)
{
	uint8_t code[DY_CODE_BYTES];
	char code_text[DY_RECOVERY_LEN + 1];
	int rc;

	memset(p, 0, sizeof(*p));
	dy_uuid_v4(p->id);
	dy_strlcpy(p->space_id, space_id, sizeof(p->space_id));
	memcpy(p->name, name, name_len);
	p->created_at = store_now(db);
	if (dy_keys_generate_person(k) != 0)
		return dy_fail(err, DY_EIO, "Could not make a key pair.");
	memcpy(p->box_pk, k->box_pk, sizeof(p->box_pk));
	p->kdf_ops = p->rec_ops = db->kdf_ops;
	p->kdf_mem = p->rec_mem = db->kdf_mem;
	if ((rc = wrap_secrets(db, k, p->id, "pass", pass, pass_len, p->kdf_salt, p->wrapped, err)) != 0)
		return rc;
	randombytes_buf(code, sizeof(code));
	dy_code_encode(code, code_text);
	rc = wrap_secrets(db, k, p->id, "recovery", (const char *)code, sizeof(code), p->rec_salt,
	                  p->rec_wrapped, err);
	if (rc == 0)
		memcpy(recovery, code_text, sizeof(code_text));
	sodium_memzero(code, sizeof(code));
	sodium_memzero(code_text, sizeof(code_text));
	return rc;
}

static int
person_insert(struct dy_db *db, const struct person_row *p, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, S_PERSON_INSERT, err);

	if (st == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, p->id, strlen(p->id));
	store_bind_text(st, 2, p->space_id, strlen(p->space_id));
	store_bind_text(st, 3, p->name, strlen(p->name));
	sqlite3_bind_int(st, 4, p->color);
	sqlite3_bind_int64(st, 5, p->created_at);
	store_bind_blob(st, 6, p->box_pk, sizeof(p->box_pk));
	store_bind_blob(st, 7, p->kdf_salt, sizeof(p->kdf_salt));
	sqlite3_bind_int64(st, 8, (int64_t)p->kdf_ops);
	sqlite3_bind_int64(st, 9, (int64_t)p->kdf_mem);
	store_bind_blob(st, 10, p->wrapped, sizeof(p->wrapped));
	store_bind_blob(st, 11, p->rec_salt, sizeof(p->rec_salt));
	sqlite3_bind_int64(st, 12, (int64_t)p->rec_ops);
	sqlite3_bind_int64(st, 13, (int64_t)p->rec_mem);
	store_bind_blob(st, 14, p->rec_wrapped, sizeof(p->rec_wrapped));
	store_bind_blob(st, 15, p->space_key_wrapped, sizeof(p->space_key_wrapped));
	return store_exec(db, st, err);
}

/* The space's row, or DY_ENOSPACE. */
static int
space_get(struct dy_db *db, struct dy_space_info *out, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, S_SPACE_GET, err);
	int rc;

	if (st == NULL)
		return err ? err->code : DY_EIO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		dy_strlcpy(out->id, (const char *)sqlite3_column_text(st, 0), sizeof(out->id));
		dy_strlcpy(out->label, (const char *)sqlite3_column_text(st, 1), sizeof(out->label));
		out->created_at = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOSPACE, "No space has been set up yet.");
	return rc == SQLITE_ROW ? 0 : store_fail(db, rc, err);
}

/* Fill out->people and out->members for the space in out->id. */
static int
space_people(struct dy_db *db, struct dy_space_info *out, const char *me, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, S_PERSON_LIST, err);
	int rc;

	if (st == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, out->id, strlen(out->id));
	out->members = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->members < 2) {
		struct dy_person_info *pi = &out->people[out->members++];
		dy_strlcpy(pi->id, (const char *)sqlite3_column_text(st, 0), sizeof(pi->id));
		dy_strlcpy(pi->name, (const char *)sqlite3_column_text(st, 1), sizeof(pi->name));
		pi->color = sqlite3_column_int(st, 2);
		pi->created_at = sqlite3_column_int64(st, 3);
		pi->me = me != NULL && strcmp(pi->id, me) == 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(db, rc, err);
}

int
dy_space_exists(struct dy_db *db, bool *out, struct dy_error *err)
{
	struct dy_space_info si;
	int rc = space_get(db, &si, err);

	if (rc == DY_ENOSPACE) {
		*out = false;
		return 0;
	}
	if (rc == 0)
		*out = true;
	return rc;
}

int
dy_space_people(struct dy_db *db, struct dy_space_info *out, struct dy_error *err)
{
	struct dy_space_info si;
	int rc;

	if ((rc = space_get(db, &si, err)) != 0)
		return rc;
	if ((rc = space_people(db, &si, NULL, err)) != 0)
		return rc;
	*out = si;
	return 0;
}

int
dy_whoami(struct dy_session *s, struct dy_space_info *out, struct dy_error *err)
{
	struct dy_space_info si;
	int rc;

	if ((rc = space_get(s->db, &si, err)) != 0)
		return rc;
	if ((rc = space_people(s->db, &si, s->person_id, err)) != 0)
		return rc;
	*out = si;
	return 0;
}

int
dy_space_create(struct dy_db *db, const char *label, size_t label_len,
                const char *name, size_t name_len, const char *pass, size_t pass_len,
                char recovery[DY_RECOVERY_LEN + 1], struct dy_session **out, struct dy_error *err)
{
	struct dy_keys *k = NULL;
	struct dy_session *sess = NULL;
	struct person_row p;
	struct dy_space_info si;
	char space_id[DY_ID_LEN + 1], code[DY_RECOVERY_LEN + 1];
	sqlite3_stmt *st;
	int rc;

	if (label == NULL || label_len == 0) {
		label = DEFAULT_LABEL;
		label_len = strlen(label);
	}
	if (!dy_text_line_valid(label, label_len, DY_LABEL_MAX))
		return dy_fail(err, DY_EINVAL, "The space's name must be one line of text, up to %d bytes.", DY_LABEL_MAX);
	if ((rc = check_name(name, name_len, err)) != 0 || (rc = check_passphrase(pass, pass_len, err)) != 0)
		return rc;
	if ((rc = space_get(db, &si, err)) != DY_ENOSPACE)
		return rc == 0 ? dy_fail(err, DY_EEXIST, "A space already exists here; join it with an invitation.") : rc;
	memset(code, 0, sizeof(code));
	if ((k = dy_keys_new()) == NULL || (sess = calloc(1, sizeof(*sess))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto fail;
	}

	dy_uuid_v4(space_id);
	if ((rc = person_build(db, space_id, name, name_len, pass, pass_len, code, &p, k, err)) != 0)
		goto fail;
	p.color = 0;
	crypto_aead_xchacha20poly1305_ietf_keygen(k->space);
	dy_space_key_wrap(p.space_key_wrapped, k->space, k->personal, p.id, space_id);

	if ((rc = store_begin(db, err)) != 0)
		goto fail;
	if ((rc = space_get(db, &si, err)) != DY_ENOSPACE) {
		if (rc == 0)
			rc = dy_fail(err, DY_EEXIST, "A space already exists here; join it with an invitation.");
		goto rollback;
	}
	if ((st = store_stmt(db, S_SPACE_INSERT, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, space_id, strlen(space_id));
	store_bind_text(st, 2, label, label_len);
	sqlite3_bind_int64(st, 3, p.created_at);
	if ((rc = store_exec(db, st, err)) != 0 || (rc = person_insert(db, &p, err)) != 0)
		goto rollback;
	if ((rc = store_commit(db, err)) != 0)
		goto fail;
	memcpy(recovery, code, sizeof(code));
	sodium_memzero(code, sizeof(code));
	session_fill(sess, db, &p, k);
	*out = sess;
	return 0;
rollback:
	store_rollback(db);
fail:
	sodium_memzero(code, sizeof(code));
	dy_keys_free(k);
	free(sess);
	return rc;
}

static size_t
invite_ad(uint8_t *ad, size_t size, const char *space_id)
{
	int n = snprintf((char *)ad, size, "dyad-invite-v1|%s", space_id);

	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

int
dy_invite_create(struct dy_session *s, char code[DY_INVITE_LEN + 1], int64_t *expires_at,
                 struct dy_error *err)
{
	struct dy_space_info si;
	uint8_t raw[DY_CODE_BYTES], lookup[DY_KEY_BYTES], key[DY_KEY_BYTES];
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES], ad[96];
	int64_t now = store_now(s->db), exp = now + DY_INVITE_TTL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = dy_whoami(s, &si, err)) != 0)
		return rc;
	if (si.members >= 2)
		return dy_fail(err, DY_EFULL, "Your space already has two partners.");
	/* forget invitations that expired long ago */
	if ((st = store_stmt(s->db, S_INVITE_PURGE, err)) == NULL)
		return err ? err->code : DY_EIO;
	sqlite3_bind_int64(st, 1, now);
	if ((rc = store_exec(s->db, st, err)) != 0)
		return rc;
	randombytes_buf(raw, sizeof(raw));
	dy_subkey(lookup, raw, sizeof(raw), "dyad invite lookup");
	dy_subkey(key, raw, sizeof(raw), "dyad invite key");
	dy_seal(wrapped, s->keys->space, DY_KEY_BYTES, ad, invite_ad(ad, sizeof(ad), s->space_id), key);
	if ((st = store_stmt(s->db, S_INVITE_INSERT, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto out;
	}
	store_bind_blob(st, 1, lookup, sizeof(lookup));
	store_bind_text(st, 2, s->space_id, strlen(s->space_id));
	store_bind_text(st, 3, s->person_id, strlen(s->person_id));
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, exp);
	store_bind_blob(st, 6, wrapped, sizeof(wrapped));
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto out;
	dy_code_encode(raw, code);
	if (expires_at != NULL)
		*expires_at = exp;
out:
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(key, sizeof(key));
	return rc;
}

/*
 * Read and check an invitation: it exists, is unused and unexpired, the
 * space has room and the name is free. Copies the wrapped space key out.
 * Runs once before the slow key derivations (to fail fast) and again
 * inside the transaction that adds the partner.
 */
static int
invite_check(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct dy_space_info *si,
             const char *name, uint8_t wrapped[DY_SPACE_WRAPPED_BYTES], struct dy_error *err)
{
	const unsigned char *space_id;
	int64_t expires;
	bool used, ours;
	sqlite3_stmt *st;
	int rc, step;

	if ((st = store_stmt(db, S_INVITE_GET, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return step == SQLITE_DONE ? dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.")
		                           : store_fail(db, step, err);
	}
	space_id = sqlite3_column_text(st, 0);
	ours = space_id != NULL && strcmp((const char *)space_id, si->id) == 0;
	expires = sqlite3_column_int64(st, 1);
	used = sqlite3_column_type(st, 2) != SQLITE_NULL;
	if (!used && ours && sqlite3_column_bytes(st, 3) == DY_SPACE_WRAPPED_BYTES)
		memcpy(wrapped, sqlite3_column_blob(st, 3), DY_SPACE_WRAPPED_BYTES);
	else
		ours = ours && used;
	sqlite3_reset(st);
	if (used)
		return dy_fail(err, DY_EEXPIRED, "That invitation has already been used. Ask for a new one.");
	if (!ours)
		return dy_fail(err, DY_ECORRUPT, "The invitation in the database is damaged.");
	if (store_now(db) >= expires)
		return dy_fail(err, DY_EEXPIRED, "That invitation has expired. Ask for a new one.");
	if ((rc = space_people(db, si, NULL, err)) != 0)
		return rc;
	if (si->members >= 2)
		return dy_fail(err, DY_EFULL, "This space already has two partners; no one else can join.");
	if (si->members == 1 && strcmp(si->people[0].name, name) == 0)
		return dy_fail(err, DY_EEXIST, "Your partner already uses the name %s; choose another.", name);
	return 0;
}

int
dy_space_join(struct dy_db *db, const char *code, size_t code_len, const char *name, size_t name_len,
              const char *pass, size_t pass_len, char recovery[DY_RECOVERY_LEN + 1],
              struct dy_session **out, struct dy_error *err)
{
	struct dy_keys *k = NULL;
	struct dy_session *sess = NULL;
	struct person_row p;
	struct dy_space_info si;
	uint8_t raw[DY_CODE_BYTES], lookup[DY_KEY_BYTES], key[DY_KEY_BYTES], ad[96];
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
	char rcode[DY_RECOVERY_LEN + 1], name_z[DY_NAME_MAX + 1];
	sqlite3_stmt *st;
	int rc;

	memset(rcode, 0, sizeof(rcode));
	if (code == NULL || !dy_code_decode(code, code_len, raw))
		return dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.");
	dy_subkey(lookup, raw, sizeof(raw), "dyad invite lookup");
	dy_subkey(key, raw, sizeof(raw), "dyad invite key");
	if ((rc = check_name(name, name_len, err)) != 0 || (rc = check_passphrase(pass, pass_len, err)) != 0)
		goto out;
	memcpy(name_z, name, name_len);
	name_z[name_len] = '\0';
	if ((rc = space_get(db, &si, err)) != 0 || (rc = invite_check(db, lookup, &si, name_z, wrapped, err)) != 0)
		goto out;
	if ((k = dy_keys_new()) == NULL || (sess = calloc(1, sizeof(*sess))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	/* the slow part, outside the transaction */
	if ((rc = person_build(db, si.id, name, name_len, pass, pass_len, rcode, &p, k, err)) != 0)
		goto out;

	if ((rc = store_begin(db, err)) != 0)
		goto out;
	if ((rc = invite_check(db, lookup, &si, name_z, wrapped, err)) != 0)
		goto rollback;
	if (dy_open(k->space, wrapped, sizeof(wrapped), ad, invite_ad(ad, sizeof(ad), si.id), key) != 0) {
		rc = dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.");
		goto rollback;
	}
	p.color = si.members == 1 ? 1 - si.people[0].color : 0;
	dy_space_key_wrap(p.space_key_wrapped, k->space, k->personal, p.id, si.id);
	if ((rc = person_insert(db, &p, err)) != 0)
		goto rollback;
	if ((st = store_stmt(db, S_INVITE_USE, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_blob(st, 1, lookup, sizeof(lookup));
	sqlite3_bind_int64(st, 2, store_now(db));
	if ((rc = store_exec(db, st, err)) != 0)
		goto rollback;
	if ((rc = store_commit(db, err)) != 0)
		goto out;
	memcpy(recovery, rcode, sizeof(rcode));
	session_fill(sess, db, &p, k);
	*out = sess;
	sess = NULL;
	k = NULL;
	goto out;
rollback:
	store_rollback(db);
out:
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(rcode, sizeof(rcode));
	dy_keys_free(k);
	free(sess);
	return rc;
}

/* Pick the person to unlock: by name, or the only one when name is NULL. */
static int
person_pick(struct dy_db *db, const char *name, size_t name_len, struct person_row *p,
            struct dy_error *err)
{
	struct dy_space_info si;
	int rc;

	if (name != NULL)
		return person_load(db, false, name, name_len, p, err);
	if ((rc = dy_space_people(db, &si, err)) != 0)
		return rc;
	if (si.members != 1)
		return dy_fail(err, DY_EINVAL, "There are two of you here: say who you are by name.");
	return person_load(db, true, si.people[0].id, strlen(si.people[0].id), p, err);
}

int
dy_unlock(struct dy_db *db, const char *name, size_t name_len, const char *pass, size_t pass_len,
          struct dy_session **out, struct dy_error *err)
{
	struct person_row p;
	struct dy_keys *k = NULL;
	int rc;

	if (pass == NULL || pass_len > DY_PASSPHRASE_MAX)
		return dy_fail(err, DY_EAUTH, "Wrong name or passphrase.");
	rc = person_pick(db, name, name_len, &p, err);
	if (rc == DY_ENOTFOUND) {
		/* spend the same time as a real attempt: names are not revealed by timing */
		uint8_t dummy[DY_KEY_BYTES], salt[DY_SALT_BYTES] = {0};
		rc = dy_kdf(dummy, pass, pass_len, salt, db->kdf_ops, db->kdf_mem, err);
		sodium_memzero(dummy, sizeof(dummy));
		if (rc != 0)
			return rc;
		return dy_fail(err, DY_EAUTH, "Wrong name or passphrase.");
	}
	if (rc != 0)
		return rc;
	if ((k = dy_keys_new()) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = unwrap_secrets(p.kdf_salt, p.kdf_ops, p.kdf_mem, p.wrapped, p.id, "pass", pass, pass_len, k, err);
	if (rc == DY_EAUTH)
		rc = dy_fail(err, DY_EAUTH, "Wrong name or passphrase.");
	if (rc != 0)
		goto fail;
	if (dy_space_key_unwrap(k->space, p.space_key_wrapped, k->personal, p.id, p.space_id) != 0) {
		rc = dy_fail(err, DY_ECORRUPT, "Your copy of the space key is damaged.");
		goto fail;
	}
	return session_make(db, &p, k, out, err);
fail:
	dy_keys_free(k);
	return rc;
}

/* Store new passphrase-wrapped secrets for a person and end their web sessions. */
static int
set_passphrase(struct dy_db *db, const char *person_id, const struct dy_keys *k,
               const char *newpass, size_t newpass_len, struct dy_error *err)
{
	uint8_t salt[DY_SALT_BYTES], wrapped[DY_WRAPPED_BYTES];
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_passphrase(newpass, newpass_len, err)) != 0)
		return rc;
	if ((rc = wrap_secrets(db, k, person_id, "pass", newpass, newpass_len, salt, wrapped, err)) != 0)
		return rc;
	if ((rc = store_begin(db, err)) != 0)
		return rc;
	if ((st = store_stmt(db, S_PERSON_SET_PASS, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, person_id, strlen(person_id));
	store_bind_blob(st, 2, salt, sizeof(salt));
	sqlite3_bind_int64(st, 3, (int64_t)db->kdf_ops);
	sqlite3_bind_int64(st, 4, (int64_t)db->kdf_mem);
	store_bind_blob(st, 5, wrapped, sizeof(wrapped));
	if ((rc = store_exec(db, st, err)) != 0)
		goto rollback;
	if ((st = store_stmt(db, S_TOKEN_DELETE_PERSON, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, person_id, strlen(person_id));
	if ((rc = store_exec(db, st, err)) != 0)
		goto rollback;
	return store_commit(db, err);
rollback:
	store_rollback(db);
	return rc;
}

int
dy_passphrase_change(struct dy_session *s, const char *newpass, size_t newpass_len, struct dy_error *err)
{
	return set_passphrase(s->db, s->person_id, s->keys, newpass, newpass_len, err);
}

int
dy_recover(struct dy_db *db, const char *name, size_t name_len, const char *code, size_t code_len,
           const char *newpass, size_t newpass_len, struct dy_error *err)
{
	struct person_row p;
	struct dy_keys *k = NULL;
	uint8_t raw[DY_CODE_BYTES];
	int rc;

	if ((rc = check_passphrase(newpass, newpass_len, err)) != 0)
		return rc;
	if (code == NULL || !dy_code_decode(code, code_len, raw))
		return dy_fail(err, DY_EAUTH, "Wrong name or recovery code.");
	rc = person_pick(db, name, name_len, &p, err);
	if (rc == DY_ENOTFOUND)
		rc = dy_fail(err, DY_EAUTH, "Wrong name or recovery code.");
	if (rc != 0)
		goto out;
	if ((k = dy_keys_new()) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	rc = unwrap_secrets(p.rec_salt, p.rec_ops, p.rec_mem, p.rec_wrapped, p.id, "recovery",
	                    (const char *)raw, sizeof(raw), k, err);
	if (rc == DY_EAUTH)
		rc = dy_fail(err, DY_EAUTH, "Wrong name or recovery code.");
	if (rc == 0)
		rc = set_passphrase(db, p.id, k, newpass, newpass_len, err);
out:
	sodium_memzero(raw, sizeof(raw));
	dy_keys_free(k);
	return rc;
}

int
dy_leave(struct dy_session *s, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	/* ON DELETE CASCADE takes my records, their versions, the partner's notes
	 * on my records, my invitations and my web sessions */
	if ((st = store_stmt(s->db, S_PERSON_DELETE, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, s->person_id, strlen(s->person_id));
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto rollback;
	if ((st = store_stmt(s->db, S_SPACE_DELETE, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, s->space_id, strlen(s->space_id));
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto rollback;
	return store_commit(s->db, err);
rollback:
	store_rollback(s->db);
	return rc;
}

/* Add one record to the export's "records" array: its fields, with the
 * body text (if any) as "text". */
static int
export_record(void *ctx, const struct rec *r, struct dy_error *err)
{
	json_t *arr = ctx, *o, *data = NULL;
	const char *body;
	size_t body_len;
	int rc;

	if ((rc = rec_payload_split(r, &data, &body, &body_len, err)) != 0)
		return rc;
	if (body != NULL && json_object_set_new(data, "text", json_stringn(body, body_len)) != 0) {
		json_decref(data);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	char created[21], updated[21];

	dy_time_iso(r->created_at, created);
	dy_time_iso(r->updated_at, updated);
	o = json_pack("{s:s, s:s, s:s?, s:s, s:I, s:s, s:s, s:o}",
	              "id", r->id, "kind", r->kind, "parent_id", r->parent_id[0] ? r->parent_id : NULL,
	              "visibility", r->visibility == 0 ? "private" : r->visibility == 1 ? "shared" : "held",
	              "version", (json_int_t)r->version, "created_at", created,
	              "updated_at", updated, "data", data);
	if (o == NULL || json_array_append_new(arr, o) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	return 0;
}

int
dy_export(struct dy_session *s, char **json, size_t *len, struct dy_error *err)
{
	json_t *doc = NULL, *records = NULL;
	struct dy_space_info si;
	char *text = NULL, now_iso[21], joined_iso[21];
	size_t damaged = 0;
	int rc;

	if ((rc = dy_whoami(s, &si, err)) != 0)
		return rc;
	if ((records = json_array()) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = rec_foreach_owned(s, export_record, records, &damaged, err)) != 0)
		goto out;
	dy_time_iso(store_now(s->db), now_iso);
	dy_time_iso(s->created_at, joined_iso);
	doc = json_pack("{s:s, s:i, s:s, s:{s:s, s:s, s:i, s:s}, s:{s:s, s:s}, s:O, s:I}",
	                "format", "dyad-export", "version", 1, "exported_at", now_iso,
	                "person", "id", s->person_id, "name", s->name, "color", s->color,
	                "created_at", joined_iso,
	                "space", "id", si.id, "label", si.label, "records", records,
	                "damaged_records", (json_int_t)damaged);
	if (doc == NULL || (text = json_dumps(doc, JSON_INDENT(2))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	*len = strlen(text);
	*json = text;
	rc = 0;
out:
	json_decref(doc);
	json_decref(records);
	return rc;
}
