/*
 * store.h - the storage interface of the core: transactions, the clock, and
 * typed row functions. The domain code (record.c, account.c, token.c, the
 * kinds) calls these and never sees SQL or SQLite: the statements, the
 * handle and every sqlite3_* call are behind store_int.h, included only by
 * store.c and store_people.c. This is the seam for a second backend and
 * for the core in the browser (docs/STORAGE.md). Internal to src/core.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto.h"
#include "dyad.h"

struct dy_db;

/* Transactions, nested: the outermost store_begin takes the write lock at
 * once (BEGIN IMMEDIATE), so a writer waits its turn instead of failing
 * half-way; one inside another is a SAVEPOINT, released by store_commit
 * and undone alone by store_rollback. Every begin is ended by exactly one
 * commit or rollback. A failed commit has rolled back its level. */
DY_WUR int store_begin(struct dy_db *db, struct dy_error *err);
/* A read transaction: several statements see one snapshot (and the WAL is
 * looked up once). Inside another transaction it is a savepoint. End it
 * with store_commit or store_rollback. */
DY_WUR int store_begin_read(struct dy_db *db, struct dy_error *err);
DY_WUR int store_commit(struct dy_db *db, struct dy_error *err);
void store_rollback(struct dy_db *db);

/* Now, from the db's clock, in seconds since the epoch. */
int64_t store_now(struct dy_db *db);

/* ---------------------------------------------------------- record rows
 * Typed row functions for the record tables: the record module calls these
 * and never sees SQL. Bodies are sealed bytes (nonce, ciphertext, tag). */

/* A record row. body is sealed, owned by the row (free with
 * store_rec_release) when it came from a store_rec_* read. */
struct store_rec {
	char id[DY_ID_LEN + 1];
	char owner_id[DY_ID_LEN + 1];
	char kind[DY_KIND_MAX + 1];
	char parent_id[DY_ID_LEN + 1];   /* "" when none */
	int visibility;
	int64_t reveal_at;
	int version;
	int64_t created_at;
	int64_t updated_at;
	int64_t seq;                     /* order among records of one second */
	int64_t epoch;                   /* partnership of a shared or held body; 0 when private */
	int form;                        /* how the body is sealed (record.h's enum rec_form) */
	uint8_t *body;
	size_t body_len;
};
void store_rec_release(struct store_rec *r);

/* Insert a new record (version 1, created = updated = now, today's form)
 * of the space. */
DY_WUR int store_rec_insert(struct dy_db *db, const char *space_id, const struct store_rec *r,
                            struct dy_error *err);

/* The record of this kind whose id is id or starts with it, among those
 * person me may see holding the key of partnership epoch: *n is 0, 1 or 2 (2: more than one, and
 * *out is left empty); on 1, *out is the row. An index range, never a scan.
 * prefix must hold only the characters of an id (lower-case hex, '-'). */
DY_WUR int store_rec_find(struct dy_db *db, const char *prefix, size_t len, const char *kind,
                          const char *me, int64_t epoch, struct store_rec *out, int *n,
                          struct dy_error *err);

/* Where a page starts: after the record (created_at, seq) of an earlier
 * page, which the cursor names by its created_at and id. */
struct store_page {
	const char *space_id;
	const char *kind;
	const char *me;
	int64_t epoch;                   /* the partnership whose key me holds */
	int filter;                      /* enum dy_filter */
	int64_t since;                   /* created_at >= since */
	int64_t before_at;               /* created_at < before_at, or = and seq < before_seq */
	int64_t before_seq;
	const char *parent_id;           /* NULL: any */
};

/* The seq of record id if person me may see it (holding the key of
 * partnership epoch), or INT64_MAX when
 * there is none (a page then goes on from the record's second, repeating
 * rather than skipping): a cursor tells nothing of records not mine. */
DY_WUR int store_rec_seq(struct dy_db *db, const char *id, const char *me, int64_t epoch, int64_t *seq,
                         struct dy_error *err);

/* Up to max rows of a page, newest first, into rows[0..*n); the caller
 * releases each. Fewer than max means the list has ended. */
DY_WUR int store_rec_page(struct dy_db *db, const struct store_page *q, struct store_rec *rows,
                          size_t max, size_t *n, struct dy_error *err);

/* The same page, row by row through fn without copying (the row and its
 * body are valid during the call only); fn returns 0 to go on, or a value
 * that stops the walk and is returned. */
struct store_rec;
typedef int (*store_rec_fn)(void *ctx, const struct store_rec *r, struct dy_error *err);
DY_WUR int store_rec_page_each(struct dy_db *db, const struct store_page *q, size_t max, store_rec_fn fn,
                               void *ctx, struct dy_error *err);
/* Every row of the query from its cursor on (q->before_at, before_seq) to
 * its end, OLDEST first, through fn as store_rec_page_each does: a list of
 * all reads its rows in about the table's order this way, much cheaper
 * than newest first. */
DY_WUR int store_rec_rest_each(struct dy_db *db, const struct store_page *q, store_rec_fn fn, void *ctx,
                               struct dy_error *err);
/* Whether a store_rec_page_each walk is under way (a list called from a
 * list's callback must use store_rec_page, which copies). */
bool store_paging(const struct dy_db *db);

/* Start job(arg, i) for every i < n through the database's parallel hook
 * (dy_db_set_parallel; dyad.h, struct dy_parallel), or run them here, in
 * order, when none is set: a handle that store_parallel_wait must get
 * before anything the jobs touch is read or freed, or NULL when every job
 * has returned already. The hook must stay set until then. */
void *store_parallel_begin(struct dy_db *db, size_t n, dy_job_fn job, void *arg);

/* Return when every job of the store_parallel_begin that gave call has
 * returned (call NULL: at once). */
void store_parallel_wait(struct dy_db *db, void *call);

/* Replace the body of record id if it still has the version and visibility
 * that were read (else *changed is false and nothing is written); the
 * version goes up by one and updated_at becomes now. */
DY_WUR int store_rec_update(struct dy_db *db, const char *id, const uint8_t *body, size_t len,
                            int64_t now, int version, int visibility, bool *changed,
                            struct dy_error *err);

/* Set the visibility (reveal_at for held records), the partnership and the
 * body re-sealed for them (today's form), under the same guard as
 * store_rec_update. store_rec_update writes today's form too. */
DY_WUR int store_rec_set_vis(struct dy_db *db, const char *id, int visibility, int64_t reveal_at,
                             int64_t epoch, const uint8_t *body, size_t len, int version,
                             int old_visibility, bool *changed, struct dy_error *err);

/* Call fn for every held record of owner's whose reveal_at is at or before
 * now (an index range: cheap when there is none). Rows as store_rec_each_owned. */
DY_WUR int store_rec_each_due(struct dy_db *db, const char *owner, int64_t now, store_rec_fn fn, void *ctx,
                              struct dy_error *err);

/* Whether owner has a held record whose reveal_at is at or before now. */
DY_WUR int store_rec_has_due(struct dy_db *db, const char *owner, int64_t now, bool *due, struct dy_error *err);

/* Whether owner has a record of kind with id in the space, whatever its
 * visibility, and then its visibility and creation time: what a record's
 * plain columns say, nothing of its content (questions for two: that my
 * partner has answered, not what). */
DY_WUR int store_rec_peek(struct dy_db *db, const char *space_id, const char *id, const char *owner,
                          const char *kind, bool *found, int *vis, int64_t *created_at, struct dy_error *err);

/* Bring the time of owner's held record id of kind forward to at (never
 * back), so that it opens at its owner's next unlock. */
DY_WUR int store_rec_hasten(struct dy_db *db, const char *id, const char *owner, const char *kind, int64_t at,
                            struct dy_error *err);

/* Move what the write-ahead log holds into the database file and empty the
 * log (PRAGMA wal_checkpoint(TRUNCATE)), after something was deleted or made
 * private, so that its old pages do not linger there. Only outside a
 * transaction; gives up after a moment when readers hold old snapshots (the
 * next one tries again). */
void store_checkpoint(struct dy_db *db);

/* Delete record id; its versions and the records answering it go with it. */
DY_WUR int store_rec_delete(struct dy_db *db, const char *id, struct dy_error *err);

/* Delete the records answering parent that are not owner's. */
DY_WUR int store_rec_drop_answers(struct dy_db *db, const char *parent, const char *owner,
                                  struct dy_error *err);

/* Call fn for every record of owner's that answers parent. The row is
 * valid during the call only; fn may stop the walk by returning non-zero. */
DY_WUR int store_rec_each_answer(struct dy_db *db, const char *parent, const char *owner, store_rec_fn fn,
                                 void *ctx, struct dy_error *err);

/* Call fn for every record that owner owns, oldest first; fn may stop the
 * walk by returning non-zero (which is returned). The row is valid during
 * the call only. */
DY_WUR int store_rec_each_owned(struct dy_db *db, const char *owner, store_rec_fn fn, void *ctx,
                                struct dy_error *err);

/* A kept version: its number, when it was written, its sealed body (owned). */
struct store_version {
	int version;
	int64_t updated_at;
	bool seen;                       /* kept while the record was shared: the
	                                    partner saw it; else it stays under
	                                    the owner's key */
	int visibility;                  /* what its body is sealed for, */
	int64_t epoch;                   /* in which partnership, */
	int form;                        /* and how (enum rec_form) */
	uint8_t *body;
	size_t body_len;
};

/* The kept versions of record id, oldest first, into a new array *out of *n
 * (free each body, then the array, with store_versions_free). */
DY_WUR int store_version_list(struct dy_db *db, const char *id, struct store_version **out,
                              size_t *n, struct dy_error *err);
void store_versions_free(struct store_version *v, size_t n);

/* Keep v (its body sealed as kept: form 3) in the history of record id;
 * v->form is not read. */
DY_WUR int store_version_keep(struct dy_db *db, const char *id, const struct store_version *v,
                              struct dy_error *err);

/* Call fn for every record of owner's that has a kept version sealed
 * before kept versions had associated data of their own (form 1 or 2), as
 * store_rec_each_owned does. */
DY_WUR int store_rec_each_old_kept(struct dy_db *db, const char *owner, store_rec_fn fn, void *ctx,
                                   struct dy_error *err);

/* Forget a kept version (one that no longer decrypts). */
DY_WUR int store_version_delete(struct dy_db *db, const char *id, int version, struct dy_error *err);

/* Replace the sealed body of a kept version, sealed (today's form: kept,
 * form 3) for a visibility in a partnership. */
DY_WUR int store_version_set_body(struct dy_db *db, const char *id, int version, const uint8_t *body,
                                  size_t len, int visibility, int64_t epoch, struct dy_error *err);

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
	int form;                         /* record.h's enum person_form: below 3,
	                                     records of theirs may be in an older
	                                     form (until their next unlock) */
};

/* The space (there is one per database): id, label, created_at and the
 * notice of who left (left_name, left_at) of out are set, members is 0.
 * None yet: DY_ENOSPACE. */
DY_WUR int store_space_get(struct dy_db *db, struct dy_space_info *out, struct dy_error *err);
/* The space's current partnership (key epoch). None yet: DY_ENOSPACE. */
DY_WUR int store_space_epoch(struct dy_db *db, int64_t *epoch, struct dy_error *err);
DY_WUR int store_space_set_label(struct dy_db *db, const char *id, const char *label, size_t label_len,
                                 struct dy_error *err);
/* A partner left: the partnership ends (the epoch moves on) and the space
 * keeps who left and when, for the one who stays. */
DY_WUR int store_space_end(struct dy_db *db, const char *id, const char *left_name, int64_t left_at,
                           struct dy_error *err);
/* A partner joined: partnership epoch begins if the current one is
 * epoch - 1 (else *changed is false), and the notice goes. */
DY_WUR int store_space_next(struct dy_db *db, const char *id, int64_t epoch, bool *changed,
                            struct dy_error *err);
DY_WUR int store_space_clear_notice(struct dy_db *db, const char *id, struct dy_error *err);

/* A member's copy of a partnership's key, wrapped under their personal key
 * (form 1: as schema 1-3 wrapped it, without the epoch in its associated
 * data; 2: with it). */
struct store_key {
	int64_t epoch;
	int form;
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];
};
#define STORE_KEYS_MAX 4
/* A person's keys, oldest first, at most STORE_KEYS_MAX (the newest). */
DY_WUR int store_key_list(struct dy_db *db, const char *person_id, struct store_key out[STORE_KEYS_MAX],
                          int *n, struct dy_error *err);
/* Keep (or replace) a person's key of a partnership, in form 2. */
DY_WUR int store_key_put(struct dy_db *db, const char *person_id, int64_t epoch,
                         const uint8_t wrapped[DY_SPACE_WRAPPED_BYTES], struct dy_error *err);
/* Forget a person's keys of every partnership but epoch. */
DY_WUR int store_key_forget_others(struct dy_db *db, const char *person_id, int64_t epoch,
                                   struct dy_error *err);
/* Every record of the person, and every version kept, is sealed in today's
 * form now (person.form PERSON_FORM_NOW). */
DY_WUR int store_person_set_form(struct dy_db *db, const char *id, struct dy_error *err);
/* Set a person's colour (an index into the palette, dyad.h DY_HUES). */
DY_WUR int store_person_set_hue(struct dy_db *db, const char *id, int hue, struct dy_error *err);
/* A person's time zone setting into out ("" when they have none). No such
 * person: DY_ENOTFOUND. */
DY_WUR int store_person_zone(struct dy_db *db, const char *id, char out[DY_ZONE_MAX + 1], struct dy_error *err);
/* Set it (zone NULL: none); with only_if_none, only when they have none
 * yet. */
DY_WUR int store_person_set_zone(struct dy_db *db, const char *id, const char *zone, bool only_if_none,
                                 struct dy_error *err);
/* A person's pulse day with its last move (balance.h) and the months
 * between suggested takings (assess.h), as stored: out of range after
 * damage, the caller's to check. No such person: DY_ENOTFOUND. */
struct store_prefs {
	int pulse_day;
	int64_t pulse_moved_at;
	bool pulse_moved_given;
	int check_every;
};
DY_WUR int store_person_prefs(struct dy_db *db, const char *id, struct store_prefs *out, struct dy_error *err);
DY_WUR int store_person_set_pulse_day(struct dy_db *db, const char *id, int weekday, int64_t moved_at,
                                      bool moved_given, struct dy_error *err);
DY_WUR int store_person_set_check_every(struct dy_db *db, const char *id, int months, struct dy_error *err);
/* The space's check-in schedule (checkin.h; freq 0: none). No such space:
 * DY_ENOTFOUND. */
DY_WUR int store_space_checkin(struct dy_db *db, const char *id, struct dy_checkin_schedule *out,
                               struct dy_error *err);
DY_WUR int store_space_set_checkin(struct dy_db *db, const char *id, const struct dy_checkin_schedule *sc,
                                   struct dy_error *err);
DY_WUR int store_space_insert(struct dy_db *db, const char *id, const char *label, size_t label_len,
                              int64_t created_at, struct dy_error *err);
/* Delete the space once nobody is left in it (a no-op while someone is). */
DY_WUR int store_space_delete_if_empty(struct dy_db *db, const char *id, struct dy_error *err);

/* The people of a space, at most two, in colour order: out[0..*count). */
DY_WUR int store_person_list(struct dy_db *db, const char *space_id, struct dy_person_info out[2],
                             int *count, struct dy_error *err);
/* One person by id; none: DY_ENOTFOUND ("No such person."). */
DY_WUR int store_person_by_id(struct dy_db *db, const char *id, size_t id_len,
                              struct store_person *out, struct dy_error *err);
DY_WUR int store_person_insert(struct dy_db *db, const struct store_person *p, struct dy_error *err);
/* Replace the passphrase-wrapped secrets of a person. */
DY_WUR int store_person_set_pass(struct dy_db *db, const char *id, const uint8_t salt[DY_SALT_BYTES],
                                 uint64_t ops, size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES],
                                 struct dy_error *err);
/* Replace the recovery-wrapped secrets of a person (a new recovery code). */
DY_WUR int store_person_set_rec(struct dy_db *db, const char *id, const uint8_t salt[DY_SALT_BYTES],
                                uint64_t ops, size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES],
                                struct dy_error *err);
/* Delete a person; the schema's ON DELETE CASCADE takes what they own. */
DY_WUR int store_person_delete(struct dy_db *db, const char *id, struct dy_error *err);

/* An invitation, found by the lookup subkey of its code. */
struct store_invite {
	uint8_t lookup[DY_KEY_BYTES];
	char space_id[DY_ID_LEN + 1];
	char created_by[DY_ID_LEN + 1];
	int64_t created_at;               /* written, not read back */
	int64_t expires_at;
	bool used;
	bool has_key;                     /* wrapped and creator_key hold the new
	                                     partnership's key (unused, whole) */
	int64_t epoch;                    /* the partnership it begins */
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES];     /* under the code's key */
	uint8_t creator_key[DY_SPACE_WRAPPED_BYTES]; /* under its maker's personal key */
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
/* Forget every invitation of a space (a partner left, or a new invitation
 * replaces the earlier ones), or every one but lookup's (a partner joined
 * with it). */
DY_WUR int store_invite_delete_space(struct dy_db *db, const char *space_id, struct dy_error *err);
DY_WUR int store_invite_delete_others(struct dy_db *db, const char *space_id,
                                      const uint8_t lookup[DY_KEY_BYTES], struct dy_error *err);

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
