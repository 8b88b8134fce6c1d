/*
 * pool.h - a small pool of threads that runs the core's independent jobs
 * on the machine's other cores (plat_pool_).
 *
 * The core is single-threaded and portable: it only declares a hook,
 * dy_parallel_fn in dyad.h ("run job(arg, i) for every i < n, perhaps at
 * once; return when all are done"), and a front end installs
 * plat_pool_run on its database (dy_db_set_parallel). The threads live
 * here, beside the host's files and folders.
 *
 * Design
 *  - Made once (plat_pool_start), torn down once at exit (plat_pool_stop):
 *    workers idle on a condition variable between calls.
 *  - A call is its caller's object (on its stack for plat_pool_run, on the
 *    heap from plat_pool_begin to plat_pool_wait), queued while it has
 *    jobs no thread has claimed. Between begin and wait the caller does
 *    other work (the core reads the next batch from SQLite) while the
 *    workers take the jobs. Workers and the caller claim its jobs one index at
 *    a time under the pool's lock; the caller takes jobs too, so a call
 *    always completes, even when every worker is busy with another call
 *    (the web server makes calls from several request threads at once).
 *  - Each call counts its own finished jobs and the caller waits for its
 *    own count only. A worker touches a call between claiming one of its
 *    jobs and reporting it done, never after: no job ever touches another
 *    call's memory, and a call's memory may go as soon as plat_pool_run
 *    (or plat_pool_wait) returns.
 *  - The workers block every signal: a front end's handlers run on its
 *    own threads, whose waits they interrupt.
 *  - Without a pool (never started, stopped, or a machine of one core)
 *    plat_pool_run and plat_pool_begin run the jobs themselves, in order.
 */
#ifndef DY_PLATFORM_POOL_H
#define DY_PLATFORM_POOL_H

#include <stddef.h>

/* The most threads that take a call's jobs: the caller and the workers. */
#define PLAT_POOL_MAX 4

/* Start the pool: threads (caller included) = the online CPUs, at most
 * want (0: PLAT_POOL_MAX) and PLAT_POOL_MAX, so want - 1 workers; one CPU
 * (or want 1) starts none. 0, or a negative errno (nothing left running).
 * Starting a started pool is 0 and changes nothing. */
int plat_pool_start(unsigned want);

/* The threads that take a call's jobs now (the caller included): 1 when
 * no pool runs. */
unsigned plat_pool_threads(void);

/* Run job(arg, i) for every i < n, on the pool's threads and the
 * caller's; returns when every job has returned. ctx is unused (NULL).
 * Safe to call from several threads at once. */
void plat_pool_run(void *ctx, size_t n, void (*job)(void *arg, size_t i), void *arg);

/* The two steps of plat_pool_run, the core's hook (dyad.h, struct
 * dy_parallel, which a front end fills with these two: the platform knows
 * nothing of the core): plat_pool_begin queues the jobs for the workers and
 * returns at once, a handle that plat_pool_wait must get; or runs them
 * itself and returns NULL when no worker runs, n is 1 or it has no memory
 * for the handle. plat_pool_wait runs the jobs no worker has taken yet,
 * waits for the others, and frees the handle (NULL: returns at once).
 * ctx is unused (NULL). Several threads may have calls begun at once;
 * each waits only for its own. */
void *plat_pool_begin(void *ctx, size_t n, void (*job)(void *arg, size_t i), void *arg);
void plat_pool_wait(void *ctx, void *call);

/* Stop the workers and join them. Every call must have returned, and
 * every begun one been waited for (the front end stops its requests
 * first). Stopping a stopped pool does
 * nothing. */
void plat_pool_stop(void);

#endif
