/*
 * kdfpool.c - worker threads for key derivations, with a fixed ring of
 * waiting jobs. "places" counts the jobs taken and not yet finished
 * (running or waiting), so a taken place always finds room in the ring.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kdfpool.h"
#include "banned.h"

#define MAX_THREADS 16
#define MAX_JOBS 64

struct job {
	kdf_job_fn run;
	kdf_job_fn cancel;
	void *arg;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_t threads[MAX_THREADS];
static unsigned nthreads;
static struct job ring[MAX_JOBS];
static unsigned head, count;   /* waiting jobs: ring[head], ... count of them */
static unsigned places, max_places;
static bool stopping, started;
static void (*thread_init)(void);
static unsigned ready;          /* threads past thread_init */

static void *worker(void *unused)
{
	(void)unused;
#ifdef __linux__
	/* A derivation yields to the threads that answer everyone else: on
	 * Linux the nice value is per thread. Failing to lower it is harmless. */
	if (setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 5) != 0) {
		/* keep the default priority */
	}
#endif
	if (thread_init != NULL)
		thread_init();
	pthread_mutex_lock(&lock);
	ready++;
	pthread_cond_broadcast(&wake);
	for (;;) {
		struct job j;

		while (count == 0 && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (count == 0)
			break; /* stopping, nothing left */
		j = ring[head];
		head = (head + 1) % MAX_JOBS;
		count--;
		pthread_mutex_unlock(&lock);
		j.run(j.arg);
		pthread_mutex_lock(&lock);
		places--;
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int kdfpool_start(unsigned workers, unsigned queue, void (*init)(void))
{
	unsigned i;

	if (workers == 0 || workers > MAX_THREADS || workers + queue > MAX_JOBS)
		return -1;
	pthread_mutex_lock(&lock);
	head = count = places = ready = 0;
	max_places = workers + queue;
	stopping = false;
	thread_init = init;
	pthread_mutex_unlock(&lock);
	for (i = 0; i < workers; i++) {
		if (pthread_create(&threads[i], NULL, worker, NULL) != 0)
			break;
	}
	nthreads = i;
	started = true;
	if (i < workers) {
		kdfpool_stop();
		return -1;
	}
	pthread_mutex_lock(&lock);
	while (ready < workers)
		pthread_cond_wait(&wake, &lock);
	pthread_mutex_unlock(&lock);
	return 0;
}

bool kdfpool_take(void)
{
	bool ok;

	pthread_mutex_lock(&lock);
	ok = started && !stopping && places < max_places;
	if (ok)
		places++;
	pthread_mutex_unlock(&lock);
	return ok;
}

void kdfpool_run(kdf_job_fn run, kdf_job_fn cancel, void *arg)
{
	pthread_mutex_lock(&lock);
	ring[(head + count) % MAX_JOBS] = (struct job){run, cancel, arg};
	count++;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

void kdfpool_stop(void)
{
	struct job left[MAX_JOBS];
	unsigned n, i;

	if (!started)
		return;
	pthread_mutex_lock(&lock);
	stopping = true;
	n = count;
	for (i = 0; i < n; i++)
		left[i] = ring[(head + i) % MAX_JOBS];
	count = 0;
	places -= n;
	pthread_cond_broadcast(&wake);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < n; i++)
		left[i].cancel(left[i].arg);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	nthreads = 0;
	started = false;
}
