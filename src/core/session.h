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

#endif
