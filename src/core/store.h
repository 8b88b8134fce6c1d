/*
 * store.h - SQLite storage: the database handle, the schema's migrations and
 * the one fixed table of prepared statements. All SQL of dyad is in store.c;
 * the rest of the core binds values to statements chosen by number.
 * Internal to src/core.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <sqlite3.h>

#include "crypto.h"
#include "dyad.h"

enum stmt {
	S_SPACE_GET,
	S_SPACE_INSERT,
	S_SPACE_DELETE,
	S_PERSON_LIST,
	S_PERSON_BY_NAME,
	S_PERSON_BY_ID,
	S_PERSON_INSERT,
	S_PERSON_SET_PASS,
	S_PERSON_DELETE,
	S_INVITE_INSERT,
	S_INVITE_GET,
	S_INVITE_USE,
	S_INVITE_PURGE,
	S_RECORD_INSERT,
	S_RECORD_FIND,
	S_RECORD_UPDATE,
	S_RECORD_SET_VIS,
	S_RECORD_DELETE,
	S_RECORD_COUNT,
	S_RECORD_LIST,
	S_RECORD_OWNED,
	S_VERSION_INSERT,
	S_VERSION_LIST,
	S_VERSION_SET_BODY,
	S_TOKEN_INSERT,
	S_TOKEN_GET,
	S_TOKEN_TOUCH,
	S_TOKEN_DELETE,
	S_TOKEN_DELETE_PERSON,
	S_TOKEN_PURGE,
	S__COUNT
};

struct dy_db {
	sqlite3 *h;
	sqlite3_stmt *stmt[S__COUNT];
	dy_clock_fn clock;
	void *clock_ctx;
	uint64_t kdf_ops;
	size_t kdf_mem;
};

/* The prepared statement number id, reset and with its bindings cleared;
 * NULL (err filled) when it cannot be prepared. The statement stays owned by
 * the db. */
sqlite3_stmt *store_stmt(struct dy_db *db, enum stmt id, struct dy_error *err);

/* Transactions. store_begin takes the write lock at once (BEGIN IMMEDIATE),
 * so a writer waits its turn instead of failing half-way. */
DY_WUR int store_begin(struct dy_db *db, struct dy_error *err);
/* A read transaction: several statements see one snapshot (and the WAL is
 * looked up once). End it with store_commit or store_rollback. */
DY_WUR int store_begin_read(struct dy_db *db, struct dy_error *err);
DY_WUR int store_commit(struct dy_db *db, struct dy_error *err);
void store_rollback(struct dy_db *db);

/* Turn a SQLite result code into a dy_code with a message in err. */
int store_fail(struct dy_db *db, int rc, struct dy_error *err);

/* Step a statement that returns no rows; 0 or a dy_code. Resets it after. */
DY_WUR int store_exec(struct dy_db *db, sqlite3_stmt *st, struct dy_error *err);

/* Binding helpers: text and blobs are copied by SQLite (SQLITE_TRANSIENT
 * is avoided where the caller's buffer outlives the step: SQLITE_STATIC). */
void store_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len);
void store_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t len);

/* Rows changed by the last statement. */
int store_changes(struct dy_db *db);

/* Now, from the db's clock, in seconds since the epoch. */
int64_t store_now(struct dy_db *db);

/* ------------------------------------- people, spaces, invitations, sessions
 * Typed row functions (store_people.c): the account code (account.c,
 * token.c) calls these and never a statement. Each returns 0 or a dy_code
 * with err filled; out-parameters are untouched on failure. Ids and names
 * are NUL-terminated text; blobs have the fixed sizes of crypto.h, and a
 * row whose blob has another size is DY_ECORRUPT.
 */

/* A person's row: identity, public key, and the secrets as wrapped under
 * the passphrase (kdf_*, wrapped) and the recovery code (rec_*). */
struct store_person {
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

/* The space (there is one per database): id, label and created_at of out
 * are set, members is 0. None yet: DY_ENOSPACE. */
DY_WUR int store_space_get(struct dy_db *db, struct dy_space_info *out, struct dy_error *err);
DY_WUR int store_space_insert(struct dy_db *db, const char *id, const char *label, size_t label_len,
                              int64_t created_at, struct dy_error *err);
/* Delete the space once nobody is left in it (a no-op while someone is). */
DY_WUR int store_space_delete_if_empty(struct dy_db *db, const char *id, struct dy_error *err);

/* The people of a space, at most two, in colour order: out[0..*count). */
DY_WUR int store_person_list(struct dy_db *db, const char *space_id, struct dy_person_info out[2],
                             int *count, struct dy_error *err);
/* One person by id or by name; none: DY_ENOTFOUND ("No such person."). */
DY_WUR int store_person_by_id(struct dy_db *db, const char *id, size_t id_len,
                              struct store_person *out, struct dy_error *err);
DY_WUR int store_person_by_name(struct dy_db *db, const char *name, size_t name_len,
                                struct store_person *out, struct dy_error *err);
DY_WUR int store_person_insert(struct dy_db *db, const struct store_person *p, struct dy_error *err);
/* Replace the passphrase-wrapped secrets of a person. */
DY_WUR int store_person_set_pass(struct dy_db *db, const char *id, const uint8_t salt[DY_SALT_BYTES],
                                 uint64_t ops, size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES],
                                 struct dy_error *err);
/* Delete a person; the schema's ON DELETE CASCADE takes what they own. */
DY_WUR int store_person_delete(struct dy_db *db, const char *id, struct dy_error *err);

/* An invitation, found by the lookup subkey of its code. */
struct store_invite {
	uint8_t lookup[DY_KEY_BYTES];
	char space_id[DY_ID_LEN + 1];
	char created_by[DY_ID_LEN + 1];   /* written, not read back */
	int64_t created_at;               /* written, not read back */
	int64_t expires_at;
	bool used;
	bool has_key;                     /* wrapped holds the space key (unused, whole) */
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
};

DY_WUR int store_invite_insert(struct dy_db *db, const struct store_invite *inv, struct dy_error *err);
/* None with that lookup: DY_ENOTFOUND. A used invitation has no key. */
DY_WUR int store_invite_get(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES],
                            struct store_invite *out, struct dy_error *err);
/* Mark it used at now and forget its key (if it was not used already). */
DY_WUR int store_invite_use(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], int64_t now,
                            struct dy_error *err);
/* Forget invitations that expired more than 30 days before now. */
DY_WUR int store_invite_purge(struct dy_db *db, int64_t now, struct dy_error *err);

/* A web session, found by the lookup subkey of its id. */
struct store_token {
	uint8_t lookup[DY_KEY_BYTES];
	char person_id[DY_ID_LEN + 1];
	int64_t created_at;               /* written, not read back */
	int64_t last_seen;
	int64_t idle_ttl;
	uint8_t wrapped[DY_SESSION_WRAPPED_BYTES];
};

/* A new session row, last seen at created_at. */
DY_WUR int store_token_insert(struct dy_db *db, const struct store_token *t, struct dy_error *err);
/* None with that lookup: DY_ENOTFOUND; wrapped keys of the wrong size:
 * DY_ECORRUPT. */
DY_WUR int store_token_get(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES],
                           struct store_token *out, struct dy_error *err);
DY_WUR int store_token_touch(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], int64_t now,
                             struct dy_error *err);
DY_WUR int store_token_delete(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct dy_error *err);
/* End every session of a person. */
DY_WUR int store_token_delete_person(struct dy_db *db, const char *person_id, struct dy_error *err);
/* Forget sessions idle longer than their lifetime at now. */
DY_WUR int store_token_purge(struct dy_db *db, int64_t now, struct dy_error *err);

/* The Argon2id cost set for new passphrases (dy_db_set_kdf). */
void store_kdf_cost(const struct dy_db *db, uint64_t *ops, size_t *mem);

#endif
