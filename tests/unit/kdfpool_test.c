/*
 * kdfpool_test.c - the key-derivation workers (src/web/kdfpool.c): a fixed
 * number of places, refused at once when all are taken, every job run or
 * cancelled exactly once. Jobs here block on a gate the test opens, so
 * nothing depends on timing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <cmocka.h>

#include "kdfpool.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool gate_open;
static int running, ran, cancelled, inited;

static void init(void)
{
	pthread_mutex_lock(&mu);
	inited++;
	pthread_mutex_unlock(&mu);
}

static void reset(void)
{
	pthread_mutex_lock(&mu);
	gate_open = false;
	running = ran = cancelled = 0;
	pthread_mutex_unlock(&mu);
}

/* A job: say it runs, wait for the gate, count itself done. */
static void job_run(void *arg)
{
	int *who = arg;

	pthread_mutex_lock(&mu);
	running++;
	pthread_cond_broadcast(&cv);
	while (!gate_open)
		pthread_cond_wait(&cv, &mu);
	running--;
	ran++;
	*who += 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void job_cancel(void *arg)
{
	int *who = arg;

	pthread_mutex_lock(&mu);
	cancelled++;
	*who += 100;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void wait_running(int n)
{
	pthread_mutex_lock(&mu);
	while (running < n)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
}

static void open_gate(void)
{
	pthread_mutex_lock(&mu);
	gate_open = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}

static void places_are_workers_and_queue_and_the_next_is_refused_at_once(void **state)
{
	int who[KDF_WORKERS + KDF_QUEUE];
	int i;

	(void)state;
	reset();
	memset(who, 0, sizeof(who));
	assert_int_equal(kdfpool_start(KDF_WORKERS, KDF_QUEUE, NULL), 0);
	for (i = 0; i < KDF_WORKERS + KDF_QUEUE; i++) {
		assert_true(kdfpool_take());
		kdfpool_run(job_run, job_cancel, &who[i]);
	}
	wait_running(KDF_WORKERS);
	assert_false(kdfpool_take());
	open_gate();
	/* a place comes free once a job has finished; nothing else takes it */
	while (!kdfpool_take())
		sched_yield();
	kdfpool_run(job_run, job_cancel, &who[0]);
	pthread_mutex_lock(&mu);
	while (ran < KDF_WORKERS + KDF_QUEUE + 1)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	kdfpool_stop();
	assert_int_equal(ran, KDF_WORKERS + KDF_QUEUE + 1);
	assert_int_equal(cancelled, 0);
	assert_int_equal(who[0], 2);
	for (i = 1; i < KDF_WORKERS + KDF_QUEUE; i++)
		assert_int_equal(who[i], 1);
}

static void *stopper(void *unused)
{
	(void)unused;
	kdfpool_stop();
	return NULL;
}

static void start_returns_once_every_thread_has_run_its_init(void **state)
{
	(void)state;
	reset();
	pthread_mutex_lock(&mu);
	inited = 0;
	pthread_mutex_unlock(&mu);
	assert_int_equal(kdfpool_start(KDF_WORKERS, KDF_QUEUE, init), 0);
	pthread_mutex_lock(&mu);
	assert_int_equal(inited, KDF_WORKERS);
	pthread_mutex_unlock(&mu);
	kdfpool_stop();
}

static void stop_cancels_the_waiting_and_finishes_the_running(void **state)
{
	int who[KDF_WORKERS + KDF_QUEUE];
	int i, total = 0;
	pthread_t t;

	(void)state;
	reset();
	memset(who, 0, sizeof(who));
	assert_int_equal(kdfpool_start(KDF_WORKERS, KDF_QUEUE, NULL), 0);
	for (i = 0; i < KDF_WORKERS + KDF_QUEUE; i++) {
		assert_true(kdfpool_take());
		kdfpool_run(job_run, job_cancel, &who[i]);
	}
	wait_running(KDF_WORKERS);
	/* the workers are held at the gate while stop runs on another thread:
	 * it cancels the waiting jobs at once, then waits for the running */
	assert_int_equal(pthread_create(&t, NULL, stopper, NULL), 0);
	pthread_mutex_lock(&mu);
	while (cancelled < KDF_QUEUE)
		pthread_cond_wait(&cv, &mu);
	assert_int_equal(ran, 0);
	pthread_mutex_unlock(&mu);
	open_gate();
	pthread_join(t, NULL);
	assert_int_equal(ran, KDF_WORKERS);
	assert_int_equal(cancelled, KDF_QUEUE);
	for (i = 0; i < KDF_WORKERS + KDF_QUEUE; i++) {
		assert_true(who[i] == 1 || who[i] == 100);
		total += who[i];
	}
	assert_int_equal(total, KDF_WORKERS * 1 + KDF_QUEUE * 100);
	assert_false(kdfpool_take());
}

static void start_refuses_sizes_it_cannot_hold(void **state)
{
	(void)state;
	assert_int_equal(kdfpool_start(0, 4, NULL), -1);
	assert_int_equal(kdfpool_start(2, 1000, NULL), -1);
	assert_false(kdfpool_take());
	kdfpool_stop(); /* never started: nothing to do */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_are_workers_and_queue_and_the_next_is_refused_at_once),
		cmocka_unit_test(start_returns_once_every_thread_has_run_its_init),
		cmocka_unit_test(stop_cancels_the_waiting_and_finishes_the_running),
		cmocka_unit_test(start_refuses_sizes_it_cannot_hold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
