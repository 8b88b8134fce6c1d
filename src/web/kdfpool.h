/*
 * kdfpool.h - the threads that run key derivations, away from the threads
 * that serve connections.
 *
 * A request that derives a key from a passphrase (Argon2id, 64 MiB and a
 * good part of a second) would hold its event-loop thread, and with it
 * every other connection of that thread, for all that time. Instead the
 * server suspends the connection and hands the request to this pool: a few
 * worker threads (each one key derivation at a time) and a short queue.
 * When every place, running or waiting, is taken, kdfpool_take says so at
 * once and the request is answered 503 with Retry-After: a burst of logins
 * never waits on a server thread and never holds more than
 * places x 64 MiB. Thread-safe.
 */
#ifndef DY_WEB_KDFPOOL_H
#define DY_WEB_KDFPOOL_H

#include <stdbool.h>

/* Derivations running at once, and requests waiting for one. */
#define KDF_WORKERS 2
#define KDF_QUEUE 4

/* A unit of work. run is called on a worker thread; cancel instead, on the
 * thread calling kdfpool_stop, for a job that was still waiting. Exactly
 * one of the two is called for each job given to kdfpool_run. */
typedef void (*kdf_job_fn)(void *arg);

/* Start workers threads with room for queue waiting jobs. Each thread
 * first calls init (when not NULL), and kdfpool_start returns once every
 * one has: 0, or -1 when a thread could not be started (none is left
 * running). */
__attribute__((warn_unused_result)) int kdfpool_start(unsigned workers, unsigned queue, void (*init)(void));

/* Take a place for one job: true when one was free (give it to kdfpool_run,
 * which must follow), false when all are taken or the pool is stopping. */
__attribute__((warn_unused_result)) bool kdfpool_take(void);

/* Queue a job in the place just taken with kdfpool_take. */
void kdfpool_run(kdf_job_fn run, kdf_job_fn cancel, void *arg);

/* Cancel the waiting jobs, let the running ones finish, and join the
 * workers. Safe to call when the pool never started. */
void kdfpool_stop(void);

#endif
