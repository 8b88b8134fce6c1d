/*
 * pool.c - the pool of threads behind the core's parallel hook (pool.h).
 *
 * One lock guards everything: the queue of calls with unclaimed jobs, each
 * call's next job and finished count, and the stop flag. A thread reports a
 * job done and claims the next under one taking of the lock.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "banned.h"
#include "pool.h"

/* One plat_pool_begin (on the heap, freed by its plat_pool_wait) or
 * plat_pool_run (on its caller's stack). */
struct call {
	void (*job)(void *arg, size_t i);
	void *arg;
	size_t n;
	size_t next;                     /* the first job no thread has claimed */
	size_t done;                     /* jobs returned */
	pthread_cond_t finished;         /* done == n */
	struct call *later;              /* the queue */
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t work;             /* a call was queued, or stop */
	struct call *first, *last;       /* calls with unclaimed jobs */
	pthread_t tid[PLAT_POOL_MAX];
	unsigned nworkers;
	bool stop;
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER};

/* Claim the next job of call c, queued (the lock held): *i its index;
 * c leaves the queue with its last job claimed. */
static void
claim_of(struct call *c, size_t *i)
{
	struct call *prev = NULL;

	*i = c->next++;
	if (c->next < c->n)
		return;
	if (pool.first != c)
		for (prev = pool.first; prev->later != c; prev = prev->later)
			;
	if (prev == NULL)
		pool.first = c->later;
	else
		prev->later = c->later;
	if (pool.last == c)
		pool.last = prev;
}

/* Claim the next job of the first queued call (the lock held): the call,
 * *i its index. */
static struct call *
claim(size_t *i)
{
	struct call *c = pool.first;

	if (c != NULL)
		claim_of(c, i);
	return c;
}

/* Report job of c done (the lock held); c must not be touched after. */
static void
finish(struct call *c)
{
	if (++c->done == c->n)
		pthread_cond_signal(&c->finished);
}

static void *
worker(void *unused)
{
	struct call *c;
	size_t i;

	(void)unused;
	pthread_mutex_lock(&pool.lock);
	for (;;) {
		while (pool.first == NULL && !pool.stop)
			pthread_cond_wait(&pool.work, &pool.lock);
		if (pool.first == NULL)
			break;  /* stop, and nothing left to take */
		c = claim(&i);
		pthread_mutex_unlock(&pool.lock);
		c->job(c->arg, i);
		pthread_mutex_lock(&pool.lock);
		finish(c);
	}
	pthread_mutex_unlock(&pool.lock);
	return NULL;
}

int
plat_pool_start(unsigned want)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = want == 0 || want > PLAT_POOL_MAX ? PLAT_POOL_MAX : want;
	sigset_t all, old;
	int rc = 0;

	if (cpus > 0 && (unsigned long)cpus < threads)
		threads = (unsigned)cpus;
	/* the workers take no signal: a front end's handlers (Ctrl-C in a
	 * timer, SIGTERM of the server) keep interrupting the thread that
	 * waits for them */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_mutex_lock(&pool.lock);
	if (pool.nworkers > 0)
		goto out;
	pool.stop = false;
	while (pool.nworkers + 1 < threads) {
		if ((rc = pthread_create(&pool.tid[pool.nworkers], NULL, worker, NULL)) != 0)
			break;
		pool.nworkers++;
	}
out:
	pthread_mutex_unlock(&pool.lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		plat_pool_stop();
		return -rc;
	}
	return 0;
}

unsigned
plat_pool_threads(void)
{
	unsigned n;

	pthread_mutex_lock(&pool.lock);
	n = pool.nworkers + 1;
	pthread_mutex_unlock(&pool.lock);
	return n;
}

/* Queue c, its memory the caller's until it has waited for it. With no
 * worker, or one job, runs its jobs here and queues nothing: false. */
static bool
call_queue(struct call *c)
{
	size_t i;

	pthread_mutex_lock(&pool.lock);
	if (pool.nworkers == 0 || c->n == 1) {
		pthread_mutex_unlock(&pool.lock);
		for (i = 0; i < c->n; i++)
			c->job(c->arg, i);
		return false;
	}
	pthread_cond_init(&c->finished, NULL);
	if (pool.last != NULL)
		pool.last->later = c;
	else
		pool.first = c;
	pool.last = c;
	pthread_cond_broadcast(&pool.work);
	pthread_mutex_unlock(&pool.lock);
	return true;
}

/* Wait for queued call c: take its unclaimed jobs here, then wait for
 * those other threads run. c's memory may go after. */
static void
call_wait(struct call *c)
{
	size_t i;

	pthread_mutex_lock(&pool.lock);
	while (c->next < c->n) {
		claim_of(c, &i);
		pthread_mutex_unlock(&pool.lock);
		c->job(c->arg, i);
		pthread_mutex_lock(&pool.lock);
		finish(c);
	}
	while (c->done < c->n)
		pthread_cond_wait(&c->finished, &pool.lock);
	pthread_mutex_unlock(&pool.lock);
	pthread_cond_destroy(&c->finished);
}

void
plat_pool_run(void *ctx, size_t n, void (*job)(void *arg, size_t i), void *arg)
{
	struct call c = {.job = job, .arg = arg, .n = n};

	(void)ctx;
	if (n > 0 && call_queue(&c))
		call_wait(&c);
}

void *
plat_pool_begin(void *ctx, size_t n, void (*job)(void *arg, size_t i), void *arg)
{
	struct call *c;

	(void)ctx;
	if (n == 0)
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		/* no memory to queue it: the caller runs its jobs */
		for (size_t i = 0; i < n; i++)
			job(arg, i);
		return NULL;
	}
	c->job = job;
	c->arg = arg;
	c->n = n;
	if (call_queue(c))
		return c;
	free(c);
	return NULL;
}

void
plat_pool_wait(void *ctx, void *call)
{
	(void)ctx;
	if (call == NULL)
		return;
	call_wait(call);
	free(call);
}

void
plat_pool_stop(void)
{
	unsigned n;

	pthread_mutex_lock(&pool.lock);
	pool.stop = true;
	n = pool.nworkers;
	pthread_cond_broadcast(&pool.work);
	pthread_mutex_unlock(&pool.lock);
	for (unsigned i = 0; i < n; i++)
		pthread_join(pool.tid[i], NULL);
	pthread_mutex_lock(&pool.lock);
	pool.nworkers = 0;
	pthread_mutex_unlock(&pool.lock);
}
