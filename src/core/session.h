/*
 * session.h - an unlocked person (struct dy_session) and the person rows the
 * account code reads. Internal to src/core.
 */
#ifndef DY_SESSION_H
#define DY_SESSION_H

#include "crypto.h"
#include "dyad.h"
#include "store.h"

struct dy_session {
	struct dy_db *db;
	char person_id[DY_ID_LEN + 1];
	char space_id[DY_ID_LEN + 1];
	char name[DY_NAME_MAX + 1];
	int color;
	int64_t created_at;
	struct dy_keys *keys;        /* guarded memory, wiped by dy_session_free */
};

/* The blobs of a person row, copied out of SQLite. */
#define DY_WRAPPED_BYTES (DY_PERSON_SECRET_BYTES + DY_SEAL_OVERHEAD)
struct person_row {
	char id[DY_ID_LEN + 1];
	char space_id[DY_ID_LEN + 1];
	char name[DY_NAME_MAX + 1];
	int color;
	int64_t created_at;
	uint8_t box_pk[crypto_box_PUBLICKEYBYTES];
	uint8_t kdf_salt[DY_SALT_BYTES];
	uint64_t kdf_ops;
	size_t kdf_mem;
	uint8_t wrapped[DY_WRAPPED_BYTES];
	uint8_t rec_salt[DY_SALT_BYTES];
	uint64_t rec_ops;
	size_t rec_mem;
	uint8_t rec_wrapped[DY_WRAPPED_BYTES];
	uint8_t space_key_wrapped[DY_SPACE_WRAPPED_BYTES];
};

/* Read the person row with this id (by_id) or name; DY_ENOTFOUND if none. */
DY_WUR int person_load(struct dy_db *db, bool by_id, const char *key, size_t key_len,
                       struct person_row *out, struct dy_error *err);

/* A session for a person whose secrets (personal key, box secret key) are in
 * keys and whose space key is set too. Takes ownership of keys, also on
 * failure. */
DY_WUR int session_make(struct dy_db *db, const struct person_row *p, struct dy_keys *keys,
                        struct dy_session **out, struct dy_error *err);

/* The same into a session allocated before (so that nothing can fail after
 * a commit). Takes ownership of keys. */
void session_fill(struct dy_session *s, struct dy_db *db, const struct person_row *p, struct dy_keys *keys);

#endif
