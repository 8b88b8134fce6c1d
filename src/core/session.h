/*
 * session.h - an unlocked person (struct dy_session). Internal to src/core.
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
	int form;                    /* record.h's enum person_form: PERSON_FORM_NOW once my
	                                records are all in today's form */
	struct dy_keys *keys;        /* guarded memory, wiped by dy_session_free */
	/* the other person whose records this session last read: their name
	 * without a look-up per record ("" until then) */
	char other_id[DY_ID_LEN + 1];
	char other_name[DY_NAME_MAX + 1];
};

/* A session for a person whose secrets (personal key, box secret key) are in
 * keys and whose space key is set too. Takes ownership of keys, also on
 * failure. */
DY_WUR int session_make(struct dy_db *db, const struct store_person *p, struct dy_keys *keys,
                        struct dy_session **out, struct dy_error *err);

/* The same into a session allocated before (so that nothing can fail after
 * a commit). Takes ownership of keys. */
void session_fill(struct dy_session *s, struct dy_db *db, const struct store_person *p, struct dy_keys *keys);

/* Load into keys (personal key set) the person's key of the space's
 * current partnership (keys->epoch; 0 when they hold none) and of any
 * ended one they still keep (keys->old). */
DY_WUR int session_keys_load(struct dy_db *db, const char *person_id, const char *space_id, struct dy_keys *keys,
                             struct dy_error *err);

/* What every unlock does (dy_unlock, dy_token_open, dy_token_check, and
 * before an invitation): when the partnership changed since the session's
 * keys were loaded, load them again, make a key of my own for a partnership
 * I am alone in, make what I had shared in an ended one private, and seal
 * again anything sealed as schema 1-3 did; then reveal my held records
 * whose time has come. Cheap when there is nothing to do (two index
 * reads). */
DY_WUR int session_settle(struct dy_session *s, struct dy_error *err);

#endif
