/*
 * account.c - spaces, partners, invitations, passphrases, leaving, export.
 *
 * The slow part of every operation here is Argon2id; it always runs outside
 * a write transaction, so that one partner's log-in never holds the other's
 * writes.
 */
#include <inttypes.h>
#include <stdio.h>
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

/* Associated data binding wrapped person secrets to their person and
 * purpose ("pass", "recovery"). */
static size_t
person_ad(uint8_t ad[DY_AD_MAX], const char *person_id, const char *purpose)
{
	const char *parts[] = {purpose, person_id};

	return dy_ad(ad, DY_AD_MAX, DY_AD_PERSON, parts, 2);
}

int
session_make(struct dy_db *db, const struct store_person *p, struct dy_keys *keys,
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
session_fill(struct dy_session *s, struct dy_db *db, const struct store_person *p, struct dy_keys *keys)
{
	s->db = db;
	memcpy(s->person_id, p->id, sizeof(s->person_id));
	memcpy(s->space_id, p->space_id, sizeof(s->space_id));
	memcpy(s->name, p->name, sizeof(s->name));
	s->color = p->color;
	s->created_at = p->created_at;
	s->form = p->form;
	s->other_id[0] = s->other_name[0] = '\0';
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

int
session_keys_load(struct dy_db *db, const char *person_id, const char *space_id, struct dy_keys *k,
                  struct dy_error *err)
{
	struct store_key rows[STORE_KEYS_MAX];
	int64_t epoch;
	int n = 0, i, rc;

	if ((rc = store_space_epoch(db, &epoch, err)) != 0 || (rc = store_key_list(db, person_id, rows, &n, err)) != 0)
		return rc;
	k->epoch = 0;
	k->nold = 0;
	for (i = 0; i < n; i++) {
		uint8_t *dst = rows[i].epoch == epoch ? k->space : k->old[k->nold];
		int bad = rows[i].form == 1
		          ? dy_space_key_unwrap(dst, rows[i].wrapped, k->personal, person_id, space_id)
		          : dy_epoch_key_unwrap(dst, rows[i].wrapped, k->personal, person_id, space_id, rows[i].epoch);

		/* a schema 1-3 copy names no partnership: it stands only for the first */
		if (bad != 0 || (rows[i].form == 1 && rows[i].epoch != 1)) {
			sodium_memzero(rows, sizeof(rows));
			return dy_fail(err, DY_ECORRUPT, "Your copy of the space key is damaged.");
		}
		if (rows[i].epoch == epoch)
			k->epoch = epoch;
		else if (k->nold < DY_OLD_KEYS)
			k->old_epoch[k->nold++] = rows[i].epoch;
	}
	sodium_memzero(rows, sizeof(rows));
	return 0;
}

int
session_settle(struct dy_session *s, struct dy_error *err)
{
	struct dy_keys *k = s->keys;
	struct dy_space_info si;
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
	int64_t epoch;
	bool all, due = false;
	int rc;

	if ((rc = store_space_epoch(s->db, &epoch, err)) != 0)
		return rc;
	all = k->epoch != epoch || k->nold > 0 || s->form != PERSON_FORM_NOW;
	/* the common case reads two index entries and writes nothing */
	if (!all && ((rc = store_rec_has_due(s->db, s->person_id, store_now(s->db), &due, err)) != 0 || !due))
		return rc;
	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	if (!all) {
		if ((rc = rec_settle(s, false, false, err)) != 0)
			goto out;
		return store_commit(s->db, err);
	}
	/* again inside the transaction: another process may have settled */
	if ((rc = session_keys_load(s->db, s->person_id, s->space_id, k, err)) != 0 ||
	    (rc = store_space_epoch(s->db, &epoch, err)) != 0 || (rc = store_space_get(s->db, &si, err)) != 0 ||
	    (rc = store_person_list(s->db, si.id, si.people, &si.members, err)) != 0)
		goto out;
	if (k->epoch == 0) {
		/* a partner left: a partnership of one, with a key of my own that
		 * nobody before had (a new partner gets the next one) */
		if (si.members != 1) {
			rc = dy_fail(err, DY_ECORRUPT, "Your copy of the space key is missing.");
			goto out;
		}
		crypto_aead_xchacha20poly1305_ietf_keygen(k->space);
		k->epoch = epoch;
		dy_epoch_key_wrap(wrapped, k->space, k->personal, s->person_id, s->space_id, epoch);
		if ((rc = store_key_put(s->db, s->person_id, epoch, wrapped, err)) != 0)
			goto out;
	}
	if ((rc = rec_settle(s, true, s->form == PERSON_FORM_V1, err)) != 0)
		goto out;
	/* the ended partnerships' keys go: what was sealed in them is mine now,
	 * under my own key */
	if ((rc = store_key_forget_others(s->db, s->person_id, k->epoch, err)) != 0)
		goto out;
	if (s->form == PERSON_FORM_V1) {
		/* my copy of the key in today's form too */
		dy_epoch_key_wrap(wrapped, k->space, k->personal, s->person_id, s->space_id, k->epoch);
		if ((rc = store_key_put(s->db, s->person_id, k->epoch, wrapped, err)) != 0)
			goto out;
	}
	if (s->form != PERSON_FORM_NOW && (rc = store_person_set_form(s->db, s->person_id, err)) != 0)
		goto out;
	if ((rc = store_commit(s->db, err)) != 0)
		return rc;
	sodium_memzero(k->old, sizeof(k->old));
	k->nold = 0;
	s->form = PERSON_FORM_NOW;
	store_checkpoint(s->db);  /* the old keys and bodies leave the log too */
	return 0;
out:
	store_rollback(s->db);
	return rc;
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

/*
 * Wrap the person's secrets (personal key, box secret key) under a key
 * derived from secret with fresh salt: out gets salt and the sealed bytes.
 */
static int
wrap_secrets(struct dy_db *db, const struct dy_keys *k, const char *person_id, const char *purpose,
             const char *secret, size_t secret_len, uint8_t salt[DY_SALT_BYTES],
             uint8_t wrapped[DY_WRAPPED_BYTES], struct dy_error *err)
{
	uint8_t *kek = NULL, *plain = NULL, ad[DY_AD_MAX];
	uint64_t ops;
	size_t ad_len, mem;
	int rc;

	if ((kek = sodium_malloc(DY_KEY_BYTES)) == NULL || (plain = sodium_malloc(DY_PERSON_SECRET_BYTES)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	randombytes_buf(salt, DY_SALT_BYTES);
	store_kdf_cost(db, &ops, &mem);
	if ((rc = dy_kdf(kek, secret, secret_len, salt, ops, mem, err)) != 0)
		goto out;
	memcpy(plain, k->personal, DY_KEY_BYTES);
	memcpy(plain + DY_KEY_BYTES, k->box_sk, sizeof(k->box_sk));
	ad_len = person_ad(ad, person_id, purpose);
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
	uint8_t *kek = NULL, *plain = NULL, ad[DY_AD_MAX];
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
	ad_len = person_ad(ad, person_id, purpose);
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
             struct store_person *p, struct dy_keys *k, struct dy_error *err)
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
	store_kdf_cost(db, &p->kdf_ops, &p->kdf_mem);
	p->rec_ops = p->kdf_ops;
	p->rec_mem = p->kdf_mem;
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

/* Fill out->people and out->members for the space in out->id; me (may be
 * NULL) is marked. */
static int
space_people(struct dy_db *db, struct dy_space_info *out, const char *me, struct dy_error *err)
{
	int rc, i;

	if ((rc = store_person_list(db, out->id, out->people, &out->members, err)) != 0)
		return rc;
	for (i = 0; i < out->members; i++)
		out->people[i].me = me != NULL && strcmp(out->people[i].id, me) == 0;
	return 0;
}

int
dy_space_exists(struct dy_db *db, bool *out, struct dy_error *err)
{
	struct dy_space_info si;
	int rc = store_space_get(db, &si, err);

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

	if ((rc = store_space_get(db, &si, err)) != 0)
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

	if ((rc = store_space_get(s->db, &si, err)) != 0)
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
	struct store_person p;
	struct dy_space_info si;
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
	char space_id[DY_ID_LEN + 1], code[DY_RECOVERY_LEN + 1];
	char name_n[DY_NAME_MAX + 1], label_n[DY_LABEL_MAX + 1];
	bool tx = false;
	int rc;

	if (label == NULL || label_len == 0) {
		label = DEFAULT_LABEL;
		label_len = strlen(label);
	}
	/* names and labels are kept as name.c normalises them */
	if ((rc = dy_name_normalize(DY_NAME_LABEL, label, label_len, label_n, sizeof(label_n), &label_len, err)) != 0 ||
	    (rc = dy_name_normalize(DY_NAME_PERSON, name, name_len, name_n, sizeof(name_n), &name_len, err)) != 0 ||
	    (rc = check_passphrase(pass, pass_len, err)) != 0)
		return rc;
	label = label_n;
	name = name_n;
	if ((rc = store_space_get(db, &si, err)) != DY_ENOSPACE)
		return rc == 0 ? dy_fail(err, DY_EEXIST, "A space already exists here; join it with an invitation.") : rc;
	memset(code, 0, sizeof(code));
	if ((k = dy_keys_new()) == NULL || (sess = calloc(1, sizeof(*sess))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}

	dy_uuid_v4(space_id);
	if ((rc = person_build(db, space_id, name, name_len, pass, pass_len, code, &p, k, err)) != 0)
		goto out;
	p.color = 0;
	p.form = PERSON_FORM_NOW;
	/* the first partnership: mine alone until someone joins */
	crypto_aead_xchacha20poly1305_ietf_keygen(k->space);
	k->epoch = 1;
	dy_epoch_key_wrap(wrapped, k->space, k->personal, p.id, space_id, 1);

	if ((rc = store_begin(db, err)) != 0)
		goto out;
	tx = true;
	if ((rc = store_space_get(db, &si, err)) != DY_ENOSPACE) {
		if (rc == 0)
			rc = dy_fail(err, DY_EEXIST, "A space already exists here; join it with an invitation.");
		goto out;
	}
	if ((rc = store_space_insert(db, space_id, label, label_len, p.created_at, err)) != 0 ||
	    (rc = store_person_insert(db, &p, err)) != 0 || (rc = store_key_put(db, p.id, 1, wrapped, err)) != 0)
		goto out;
	tx = false;
	if ((rc = store_commit(db, err)) != 0)
		goto out;
	memcpy(recovery, code, sizeof(code));
	session_fill(sess, db, &p, k);
	*out = sess;
	sess = NULL;
	k = NULL;
out:
	if (tx)
		store_rollback(db);
	sodium_memzero(code, sizeof(code));
	dy_keys_free(k);
	free(sess);
	return rc;
}

/* Associated data of the key an invitation carries: the space, and the
 * partnership it begins. */
static size_t
invite_ad(uint8_t ad[DY_AD_MAX], const char *space_id, int64_t epoch)
{
	char e[24];
	const char *parts[] = {space_id, e};

	snprintf(e, sizeof(e), "%" PRId64, epoch);
	return dy_ad(ad, DY_AD_MAX, DY_AD_INVITE2, parts, 2);
}

int
dy_invite_create(struct dy_session *s, char code[DY_INVITE_LEN + 1], int64_t *expires_at,
                 struct dy_error *err)
{
	struct dy_space_info si;
	struct store_invite inv;
	uint8_t raw[DY_CODE_BYTES], key[DY_KEY_BYTES], next[DY_KEY_BYTES], ad[DY_AD_MAX];
	int64_t now = store_now(s->db);
	int rc;

	/* what I shared with a partner who left is private again before anyone
	 * new can be asked in */
	if ((rc = session_settle(s, err)) != 0 || (rc = dy_whoami(s, &si, err)) != 0)
		return rc;
	if (si.members >= 2)
		return dy_fail(err, DY_EFULL, "Your space already has two partners.");
	memset(&inv, 0, sizeof(inv));
	randombytes_buf(raw, sizeof(raw));
	dy_subkey(inv.lookup, raw, sizeof(raw), DY_KEY_INVITE_LOOKUP);
	dy_subkey(key, raw, sizeof(raw), DY_KEY_INVITE);
	/* the partnership it begins has a key of its own: the one who joins
	 * never gets the key of what came before. My copy waits with it. */
	inv.epoch = s->keys->epoch + 1;
	crypto_aead_xchacha20poly1305_ietf_keygen(next);
	dy_seal(inv.wrapped, next, DY_KEY_BYTES, ad, invite_ad(ad, s->space_id, inv.epoch), key);
	dy_epoch_key_wrap(inv.creator_key, next, s->keys->personal, s->person_id, s->space_id, inv.epoch);
	dy_strlcpy(inv.space_id, s->space_id, sizeof(inv.space_id));
	dy_strlcpy(inv.created_by, s->person_id, sizeof(inv.created_by));
	inv.created_at = now;
	inv.expires_at = now + DY_INVITE_TTL;
	/* one invitation at a time: a new one replaces every earlier one, and
	 * invitations that expired long ago are forgotten */
	if ((rc = store_begin(s->db, err)) != 0)
		goto out;
	if ((rc = store_invite_purge(s->db, now, err)) != 0 ||
	    (rc = store_invite_delete_space(s->db, s->space_id, err)) != 0 ||
	    (rc = store_invite_insert(s->db, &inv, err)) != 0) {
		store_rollback(s->db);
		goto out;
	}
	if ((rc = store_commit(s->db, err)) != 0)
		goto out;
	dy_code_encode(raw, code);
	if (expires_at != NULL)
		*expires_at = inv.expires_at;
out:
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(next, sizeof(next));
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
             const char *name, struct store_invite *out, struct dy_error *err)
{
	struct store_invite inv;
	int64_t epoch;
	int rc;

	rc = store_invite_get(db, lookup, &inv, err);
	if (rc == DY_ENOTFOUND)
		return dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.");
	if (rc != 0)
		return rc;
	if (inv.used)
		return dy_fail(err, DY_EEXPIRED, "That invitation has already been used. Ask for a new one.");
	/* before the key: an expired invitation has lost it (dy_db_open) */
	if (store_now(db) >= inv.expires_at)
		return dy_fail(err, DY_EEXPIRED, "That invitation has expired. Ask for a new one.");
	if (strcmp(inv.space_id, si->id) != 0 || !inv.has_key)
		return dy_fail(err, DY_ECORRUPT, "The invitation in the database is damaged.");
	if ((rc = space_people(db, si, NULL, err)) != 0 || (rc = store_space_epoch(db, &epoch, err)) != 0)
		return rc;
	if (si->members >= 2)
		return dy_fail(err, DY_EFULL, "This space already has two partners; no one else can join.");
	/* made by the one who is here, for the partnership after theirs */
	if (si->members != 1 || strcmp(inv.created_by, si->people[0].id) != 0 || inv.epoch != epoch + 1)
		return dy_fail(err, DY_EEXPIRED, "That invitation is no longer valid. Ask for a new one.");
	if (si->members == 1 && dy_name_same(si->people[0].name, strlen(si->people[0].name), name, strlen(name)))
		return dy_fail(err, DY_EEXIST, "Your partner is already called %s, and names here differ by more than "
		               "capital letters; choose another.", si->people[0].name);
	*out = inv;
	sodium_memzero(&inv, sizeof(inv));
	return 0;
}

int
dy_invite_check(struct dy_db *db, const char *code, size_t code_len, enum dy_invite_state *state,
                struct dy_error *err)
{
	struct store_invite inv;
	struct dy_space_info si;
	uint8_t raw[DY_CODE_BYTES], lookup[DY_KEY_BYTES];
	enum dy_invite_state st = DY_INVITE_UNKNOWN;
	int rc;

	if (code == NULL || !dy_code_decode(code, code_len, raw)) {
		*state = DY_INVITE_UNKNOWN;
		return 0;
	}
	dy_subkey(lookup, raw, sizeof(raw), DY_KEY_INVITE_LOOKUP);
	sodium_memzero(raw, sizeof(raw));
	memset(&inv, 0, sizeof(inv));
	rc = store_invite_get(db, lookup, &inv, err);
	if (rc == DY_ENOTFOUND)
		rc = 0;
	else if (rc != 0)
		goto out;
	else if (inv.used)
		st = DY_INVITE_USED;
	else if (store_now(db) >= inv.expires_at)
		st = DY_INVITE_EXPIRED;
	else {
		rc = store_space_get(db, &si, err);
		if (rc == DY_ENOSPACE) {
			rc = 0;          /* an invitation outlived its space: not one of ours */
		} else if (rc == 0 && strcmp(si.id, inv.space_id) == 0) {
			if ((rc = space_people(db, &si, NULL, err)) != 0)
				goto out;
			st = si.members >= 2 ? DY_INVITE_FULL : DY_INVITE_OK;
		}
	}
	if (rc == 0)
		*state = st;
out:
	sodium_memzero(&inv, sizeof(inv));
	return rc;
}

int
dy_space_join(struct dy_db *db, const char *code, size_t code_len, const char *name, size_t name_len,
              const char *pass, size_t pass_len, char recovery[DY_RECOVERY_LEN + 1],
              struct dy_session **out, struct dy_error *err)
{
	struct dy_keys *k = NULL;
	struct dy_session *sess = NULL;
	struct store_person p;
	struct dy_space_info si;
	struct store_invite inv;
	uint8_t raw[DY_CODE_BYTES], lookup[DY_KEY_BYTES], key[DY_KEY_BYTES], ad[DY_AD_MAX];
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
	char rcode[DY_RECOVERY_LEN + 1], name_z[DY_NAME_MAX + 1];
	size_t name_z_len;
	bool tx = false, changed = false;
	int rc;

	memset(rcode, 0, sizeof(rcode));
	if (code == NULL || !dy_code_decode(code, code_len, raw))
		return dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.");
	dy_subkey(lookup, raw, sizeof(raw), DY_KEY_INVITE_LOOKUP);
	dy_subkey(key, raw, sizeof(raw), DY_KEY_INVITE);
	if ((rc = dy_name_normalize(DY_NAME_PERSON, name, name_len, name_z, sizeof(name_z), &name_z_len, err)) != 0 ||
	    (rc = check_passphrase(pass, pass_len, err)) != 0)
		goto out;
	name = name_z;
	name_len = name_z_len;
	memset(&inv, 0, sizeof(inv));
	if ((rc = store_space_get(db, &si, err)) != 0 || (rc = invite_check(db, lookup, &si, name_z, &inv, err)) != 0)
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
	tx = true;
	if ((rc = invite_check(db, lookup, &si, name_z, &inv, err)) != 0)
		goto out;
	if (dy_open(k->space, inv.wrapped, sizeof(inv.wrapped), ad, invite_ad(ad, si.id, inv.epoch), key) != 0) {
		rc = dy_fail(err, DY_EAUTH, "That invitation code is not valid. Check it and try again.");
		goto out;
	}
	k->epoch = inv.epoch;
	/* my place is the one free; my colour the first my partner does not
	 * have (never that of someone who was here before: their row is gone) */
	p.color = 1 - si.people[0].color;
	p.form = PERSON_FORM_NOW;
	dy_epoch_key_wrap(wrapped, k->space, k->personal, p.id, si.id, inv.epoch);
	/* a new partnership begins: its key is mine and (waiting in the
	 * invitation, under their own key) my partner's; the invitation is used
	 * up, and no other one is left to admit anyone */
	if ((rc = store_person_insert(db, &p, err)) != 0 ||
	    (rc = store_person_set_hue(db, p.id, si.people[0].hue == 0 ? 1 : 0, err)) != 0 ||
	    (rc = store_key_put(db, p.id, inv.epoch, wrapped, err)) != 0 ||
	    (rc = store_key_put(db, inv.created_by, inv.epoch, inv.creator_key, err)) != 0 ||
	    (rc = store_space_next(db, si.id, inv.epoch, &changed, err)) != 0 ||
	    (rc = store_invite_use(db, lookup, store_now(db), err)) != 0 ||
	    (rc = store_invite_delete_others(db, si.id, lookup, err)) != 0)
		goto out;
	if (!changed) {
		rc = dy_fail(err, DY_EEXPIRED, "That invitation is no longer valid. Ask for a new one.");
		goto out;
	}
	tx = false;
	if ((rc = store_commit(db, err)) != 0)
		goto out;
	memcpy(recovery, rcode, sizeof(rcode));
	session_fill(sess, db, &p, k);
	*out = sess;
	sess = NULL;
	k = NULL;
out:
	if (tx)
		store_rollback(db);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(key, sizeof(key));
	sodium_memzero(rcode, sizeof(rcode));
	sodium_memzero(&inv, sizeof(inv));
	dy_keys_free(k);
	free(sess);
	return rc;
}

/* Pick the person to unlock: by name, or the only one when name is NULL. */
static int
person_pick(struct dy_db *db, const char *name, size_t name_len, struct store_person *p,
            struct dy_error *err)
{
	struct dy_space_info si;
	int rc, i;

	if ((rc = dy_space_people(db, &si, err)) != 0)
		return rc == DY_ENOSPACE && name != NULL ? dy_fail(err, DY_ENOTFOUND, "No one here has that name.") : rc;
	if (name != NULL) {
		/* names are unique without regard to case: "maya" is Maya */
		for (i = 0; i < si.members; i++)
			if (dy_name_same(si.people[i].name, strlen(si.people[i].name), name, name_len))
				return store_person_by_id(db, si.people[i].id, strlen(si.people[i].id), p, err);
		return dy_fail(err, DY_ENOTFOUND, "No one here has that name.");
	}
	if (si.members != 1)
		return dy_fail(err, DY_EINVAL, "There are two of you here: say who you are by name.");
	return store_person_by_id(db, si.people[0].id, strlen(si.people[0].id), p, err);
}

int
dy_unlock(struct dy_db *db, const char *name, size_t name_len, const char *pass, size_t pass_len,
          struct dy_session **out, struct dy_error *err)
{
	struct store_person p;
	struct dy_keys *k = NULL;
	struct dy_session *s = NULL;
	int rc;

	if (pass == NULL || pass_len > DY_PASSPHRASE_MAX)
		return dy_fail(err, DY_EAUTH, "Wrong name or passphrase.");
	rc = person_pick(db, name, name_len, &p, err);
	if (rc == DY_ENOTFOUND) {
		/* spend the same time as a real attempt: names are not revealed by timing */
		uint8_t dummy[DY_KEY_BYTES], salt[DY_SALT_BYTES] = {0};
		uint64_t ops;
		size_t mem;

		store_kdf_cost(db, &ops, &mem);
		rc = dy_kdf(dummy, pass, pass_len, salt, ops, mem, err);
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
	if ((rc = session_keys_load(db, p.id, p.space_id, k, err)) != 0)
		goto fail;
	if ((rc = session_make(db, &p, k, &s, err)) != 0)
		return rc;
	if ((rc = session_settle(s, err)) != 0) {
		dy_session_free(s);
		return rc;
	}
	*out = s;
	return 0;
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
	uint64_t ops;
	size_t mem;
	int rc;

	if ((rc = check_passphrase(newpass, newpass_len, err)) != 0)
		return rc;
	/* the cost wrap_secrets used: the db's, read once for both */
	store_kdf_cost(db, &ops, &mem);
	if ((rc = wrap_secrets(db, k, person_id, "pass", newpass, newpass_len, salt, wrapped, err)) != 0)
		return rc;
	if ((rc = store_begin(db, err)) != 0)
		return rc;
	if ((rc = store_person_set_pass(db, person_id, salt, ops, mem, wrapped, err)) != 0 ||
	    (rc = store_token_delete_person(db, person_id, err)) != 0) {
		store_rollback(db);
		return rc;
	}
	return store_commit(db, err);
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
	struct store_person p;
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
dy_recovery_renew(struct dy_session *s, char recovery[DY_RECOVERY_LEN + 1], struct dy_error *err)
{
	uint8_t code[DY_CODE_BYTES], salt[DY_SALT_BYTES], wrapped[DY_WRAPPED_BYTES];
	char text[DY_RECOVERY_LEN + 1];
	uint64_t ops;
	size_t mem;
	int rc;

	randombytes_buf(code, sizeof(code));
	dy_code_encode(code, text);
	/* the cost wrap_secrets uses: the db's */
	store_kdf_cost(s->db, &ops, &mem);
	if ((rc = wrap_secrets(s->db, s->keys, s->person_id, "recovery", (const char *)code, sizeof(code),
	                       salt, wrapped, err)) != 0)
		goto out;
	if ((rc = store_begin(s->db, err)) != 0)
		goto out;
	if ((rc = store_person_set_rec(s->db, s->person_id, salt, ops, mem, wrapped, err)) != 0) {
		store_rollback(s->db);
		goto out;
	}
	if ((rc = store_commit(s->db, err)) != 0)
		goto out;
	memcpy(recovery, text, sizeof(text));
out:
	sodium_memzero(code, sizeof(code));
	sodium_memzero(text, sizeof(text));
	return rc;
}

int
dy_leave(struct dy_session *s, struct dy_error *err)
{
	struct dy_space_info si;
	int rc;

	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	/* every invitation of the space goes: none made for this partnership
	 * may admit anyone into the next one. ON DELETE CASCADE takes my
	 * records, their versions, the partner's notes on my records, my keys
	 * and my web sessions. The partnership ends: the one who stays is told,
	 * and at their next unlock makes what they shared with me private and
	 * takes a key nobody else has had. */
	if ((rc = store_invite_delete_space(s->db, s->space_id, err)) != 0 ||
	    (rc = store_person_delete(s->db, s->person_id, err)) != 0 ||
	    (rc = store_space_delete_if_empty(s->db, s->space_id, err)) != 0)
		goto fail;
	rc = store_space_get(s->db, &si, err);
	if (rc == 0)
		rc = store_space_end(s->db, s->space_id, s->name, store_now(s->db), err);
	else if (rc == DY_ENOSPACE)
		rc = 0;  /* nobody stays */
	if (rc != 0)
		goto fail;
	if ((rc = store_commit(s->db, err)) == 0)
		store_checkpoint(s->db);
	return rc;
fail:
	store_rollback(s->db);
	return rc;
}

int
dy_space_set_label(struct dy_session *s, const char *label, size_t label_len, struct dy_error *err)
{
	char label_n[DY_LABEL_MAX + 1];
	int rc;

	if (label == NULL || label_len == 0)
		return dy_fail(err, DY_EINVAL, "The space's name is empty; write one first.");
	if ((rc = dy_name_normalize(DY_NAME_LABEL, label, label_len, label_n, sizeof(label_n), &label_len, err)) != 0)
		return rc;
	return store_space_set_label(s->db, s->space_id, label_n, label_len, err);
}

int
dy_space_dismiss_notice(struct dy_session *s, struct dy_error *err)
{
	return store_space_clear_notice(s->db, s->space_id, err);
}

/* Add one record to the export's "records" array, in the one presentation
 * of records (dy_item_json): the kind's fields and the text beside the
 * record's id, kind, visibility, version and times. */
struct export_ctx {
	struct dy_session *s;
	json_t *records;
};

static int
export_record(void *ctx, struct rec *r, struct dy_error *err)
{
	struct export_ctx *x = ctx;
	struct dy_item it;
	json_t *o;
	int rc;

	if ((rc = rec_to_item(x->s, r, &it, err)) != 0)
		return rc;
	o = dy_item_json(&it);
	dy_item_release(&it);
	if (o == NULL || json_array_append_new(x->records, o) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	return 0;
}

int
dy_export(struct dy_session *s, char **json, size_t *len, struct dy_error *err)
{
	json_t *doc = NULL, *records = NULL;
	struct dy_space_info si;
	char *text = NULL, now_iso[DY_TIME_ISO_LEN + 1], joined_iso[DY_TIME_ISO_LEN + 1];
	size_t damaged = 0;
	int rc;

	if ((rc = dy_whoami(s, &si, err)) != 0)
		return rc;
	if ((records = json_array()) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	struct export_ctx x = {.s = s, .records = records};

	if ((rc = rec_foreach_owned(s, export_record, &x, &damaged, err)) != 0)
		goto out;
	dy_time_iso(store_now(s->db), now_iso);
	dy_time_iso(s->created_at, joined_iso);
	doc = json_pack("{s:s, s:i, s:s, s:{s:s, s:s, s:i, s:s}, s:{s:s, s:s}, s:O, s:I}",
	                "format", "dyad-export", "version", 2, "exported_at", now_iso,
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

/* ------------------------------------------------- the readable export */

/* A line of plain text inside Markdown: line breaks become spaces, and the
 * characters Markdown would read as markup are escaped. */
static void
md_plain(struct dy_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		if (strchr("\\`*_[]<>#|~!", ch) != NULL && ch != '\0')
			dy_buf_add(b, "\\", 1);
		dy_buf_add(b, &ch, 1);
	}
}

/* "2026-11-29 05:42 UTC" */
static void
md_time(struct dy_buf *b, int64_t t)
{
	char iso[DY_TIME_ISO_LEN + 1];

	dy_time_iso(t, iso);
	dy_buf_addf(b, "%.10s %.5s UTC", iso, iso + 11);
}

/* The first non-blank line of text, its length in *n (at most max bytes,
 * cut at a character boundary); NULL when there is none. */
static const char *
md_first_line(const char *text, size_t len, size_t max, size_t *n)
{
	size_t i = 0, end;

	while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i == len)
		return NULL;
	end = i;
	while (end < len && text[end] != '\n' && text[end] != '\r')
		end++;
	if (end - i > max) {
		end = i + max;
		while (end > i && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--;
	}
	*n = end - i;
	return text + i;
}

struct md_ctx {
	struct dy_session *s;
	struct dy_buf *b;
	size_t count;
};

static int
md_record(void *ctx, struct rec *r, struct dy_error *err)
{
	struct md_ctx *x = ctx;
	struct dy_buf *b = x->b;
	const struct dy_kind *k;
	struct dy_item it;
	const char *title = NULL, *key;
	json_t *value;
	size_t tn = 0;
	int rc;

	if ((rc = rec_to_item(x->s, r, &it, err)) != 0)
		return rc;
	k = dy_kind_find(it.kind);
	value = json_object_get(it.fields, "title");
	if (json_is_string(value) && json_string_length(value) > 0) {
		title = json_string_value(value);
		tn = json_string_length(value);
	} else if (it.body != NULL) {
		title = md_first_line(it.body, it.body_len, 80, &tn);
	}
	dy_buf_addstr(b, "\n---\n\n## ");
	if (title != NULL)
		md_plain(b, title, tn);
	else
		dy_buf_addstr(b, k != NULL && k->noun != NULL ? k->noun : it.kind);
	dy_buf_addstr(b, "\n\n*");
	if (k != NULL && k->noun != NULL && strcmp(it.kind, "journal") != 0)
		dy_buf_addf(b, "%s, ", k->noun);
	dy_buf_addstr(b, "written ");
	md_time(b, it.created_at);
	if (it.updated_at != it.created_at) {
		dy_buf_addstr(b, ", edited ");
		md_time(b, it.updated_at);
	}
	dy_buf_addstr(b, it.vis == DY_VIS_SHARED ? " - shared*\n" : it.vis == DY_VIS_HELD ? " - held back*\n"
	              : " - private*\n");
	json_object_foreach(it.fields, key, value) {
		if (strcmp(key, "title") == 0)
			continue;
		dy_buf_addstr(b, "\n- ");
		md_plain(b, key, strlen(key));
		dy_buf_addstr(b, ": ");
		if (json_is_string(value)) {
			md_plain(b, json_string_value(value), json_string_length(value));
		} else {
			char *v = json_dumps(value, JSON_ENCODE_ANY | JSON_COMPACT);

			if (v == NULL)
				dy_buf_fail(b, DY_ENOMEM);
			else
				md_plain(b, v, strlen(v));
			free(v);
		}
	}
	if (json_object_size(it.fields) > (json_object_get(it.fields, "title") != NULL ? 1u : 0u))
		dy_buf_addstr(b, "\n");
	if (it.body != NULL && it.body_len > 0) {
		dy_buf_addstr(b, "\n");
		dy_buf_add(b, it.body, it.body_len);
		if (it.body[it.body_len - 1] != '\n')
			dy_buf_addstr(b, "\n");
	}
	x->count++;
	dy_item_release(&it);
	return b->err != 0 ? dy_fail(err, b->err, "The export is too large to write.") : 0;
}

int
dy_export_markdown(struct dy_session *s, char **text, size_t *len, struct dy_error *err)
{
	struct dy_buf b = DY_BUF_INIT(DY_EXPORT_MAX);
	struct dy_space_info si;
	struct md_ctx x = {.s = s, .b = &b, .count = 0};
	size_t damaged = 0;
	char *out;
	int rc;

	if ((rc = dy_whoami(s, &si, err)) != 0)
		return rc;
	dy_buf_addstr(&b, "# ");
	md_plain(&b, s->name, strlen(s->name));
	dy_buf_addstr(&b, " in dyad\n\nEverything ");
	md_plain(&b, s->name, strlen(s->name));
	dy_buf_addstr(&b, " wrote in dyad, private and shared, exported ");
	md_time(&b, store_now(s->db));
	dy_buf_addstr(&b, ".\nSpace: ");
	md_plain(&b, si.label, strlen(si.label));
	dy_buf_addstr(&b, ". Oldest first. Each entry's own text follows as it was written (Markdown).\n");
	if ((rc = rec_foreach_owned(s, md_record, &x, &damaged, err)) != 0)
		goto out;
	if (x.count == 0)
		dy_buf_addstr(&b, "\nNothing written yet.\n");
	if (damaged > 0)
		dy_buf_addf(&b, "\n---\n\n%zu record%s could not be read (the database file is damaged) and %s left out.\n",
		            damaged, damaged == 1 ? "" : "s", damaged == 1 ? "is" : "are");
	if (b.err != 0) {
		rc = dy_fail(err, b.err, "The export is too large to write.");
		goto out;
	}
	if ((out = dy_buf_take(&b, len)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	*text = out;
	rc = 0;
out:
	if (b.p != NULL)
		sodium_memzero(b.p, b.len);
	dy_buf_release(&b);
	return rc;
}
