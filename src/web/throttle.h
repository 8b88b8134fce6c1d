/*
 * throttle.h - slowing down passphrase guessing.
 *
 * Failed logins are counted per account name (case-folded: dy_name_fold)
 * and per client address (an IPv6 client by its /64 network, since a host
 * often holds all of it). Past
 * a few failures each further attempt must wait, twice as long each time
 * (up to 15 minutes); a success clears the account's count. The counters
 * live in a fixed table that never gives up a count being slowed: when a
 * flood has filled every place a new name or address could take, that name
 * or address waits a minute (it fails closed). (How many key
 * derivations run at once is kdfpool.h's business.) Thread-safe.
 */
#ifndef DY_WEB_THROTTLE_H
#define DY_WEB_THROTTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Empty counters and a fresh hash key; needs sodium_init (dy_init) first. */
void throttle_init(void);
void throttle_release(void);

/* The clock of the counters, in whole seconds from any fixed point (only
 * differences count): now(ctx). NULL goes back to CLOCK_MONOTONIC. Not
 * synchronised with the counters: set it before the server runs (a test
 * clock) or between tests. */
void throttle_set_clock(int64_t (*now)(void *ctx), void *ctx);

/* Seconds to wait before the next attempt for this account name and client
 * address; 0 when an attempt may go ahead now. name may be NULL. */
int64_t throttle_wait(const char *name, size_t name_len, const char *addr);

/* Record a failed or a successful attempt. */
void throttle_fail(const char *name, size_t name_len, const char *addr);
void throttle_success(const char *name, size_t name_len);

#endif
