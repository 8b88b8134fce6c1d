/*
 * sesscache.h - the sessions a worker thread has opened, kept for a moment.
 *
 * Opening a session from its token (dy_token_open) unwraps the person's
 * keys, which costs more than the rest of a typical request. Each worker
 * thread keeps the last few sessions it opened, with the database
 * connection they belong to, and on every request asks the database whether
 * the token still holds (dy_token_check: one indexed read, no unwrapping),
 * so a session revoked or expired anywhere (another process, the CLI) stops
 * working at once. Revocations made by this server (logout, passphrase
 * change, leaving) also drop every cached session through a generation
 * counter.
 */
#ifndef DY_WEB_SESSCACHE_H
#define DY_WEB_SESSCACHE_H

#include <stddef.h>

#include "dyad.h"

struct sesscache;

/* A new empty cache for one thread; NULL when out of memory. */
struct sesscache *sesscache_new(void);

/* Free the cached sessions (before their database is closed). */
void sesscache_free(struct sesscache *c);

/* The session for token: the cached one when the database says the token
 * still holds, else opened anew on db. The session stays owned by the cache: the caller must not free
 * it, and may use it until its next call on this cache. On failure returns
 * the core's error code (DY_EAUTH for a bad, revoked or expired token). */
DY_WUR int sesscache_get(struct sesscache *c, struct dy_db *db, const char *token, size_t len,
                         struct dy_session **out, struct dy_error *err);

/* Forget every cached session in every thread (a session was revoked). */
void sesscache_invalidate_all(void);

#endif
