/*
 * parallel_test.c - the core's parallel hook (dy_db_set_parallel) and the
 * platform's pool behind it (src/platform/pool.c): whatever order, and on
 * whatever threads, a list's jobs run, what the reader sees is what one
 * record at a time gives; the pool serves many callers at once.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"
#include "pool.h"
#include "record.h"
#include "search.h"
#include "session.h"
#include "store.h"
#include "util.h"

/* ------------------------------------------------------------ the hooks */

/* A test hook (struct dy_parallel): it runs a call's jobs in reverse or in
 * a shuffled order, either at once in begin (eager: begin returns NULL) or
 * only when the core waits for the call (deferred: nothing of a batch is
 * opened before its wait, so a core that read a slot too early, or freed
 * one too soon, would see it). It checks that the core waits for every
 * call once, in the order it began them, and counts the calls begun and
 * not yet waited for. */
#define HOOK_OPEN_MAX 4

struct hook_call {
	size_t n;
	dy_job_fn job;
	void *arg;
	size_t seq;                      /* its place among the calls begun */
	bool open;
};

struct hook {
	bool shuffled;                   /* else reversed */
	bool eager;                      /* run in begin, else in wait */
	uint64_t seed;                   /* moves on with each shuffle */
	size_t calls, most;              /* calls begun; their largest n */
	size_t open, open_most;          /* begun and not waited for; the most at once */
	size_t waited;                   /* calls waited for, in order */
	bool bad;                        /* a wait out of order, twice, or too many open */
	struct hook_call c[HOOK_OPEN_MAX];
};

static void
hook_run(struct hook *h, size_t n, dy_job_fn job, void *arg)
{
	size_t order[256];

	assert_true(n <= sizeof(order) / sizeof(order[0]));
	for (size_t i = 0; i < n; i++)
		order[i] = h->shuffled ? i : n - 1 - i;
	for (size_t i = n; h->shuffled && i > 1; i--) {
		size_t j, t;

		h->seed = h->seed * 6364136223846793005u + 1442695040888963407u;
		j = (size_t)(h->seed >> 33) % i;
		t = order[i - 1];
		order[i - 1] = order[j];
		order[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		job(arg, order[i]);
}

static void *
hook_begin(void *ctx, size_t n, dy_job_fn job, void *arg)
{
	struct hook *h = ctx;
	struct hook_call *c = NULL;

	if (n > h->most)
		h->most = n;
	h->calls++;
	if (h->eager) {
		hook_run(h, n, job, arg);
		h->waited++;
		return NULL;
	}
	for (size_t i = 0; i < HOOK_OPEN_MAX && c == NULL; i++)
		if (!h->c[i].open)
			c = &h->c[i];
	if (c == NULL) {
		h->bad = true;
		hook_run(h, n, job, arg);
		return NULL;
	}
	*c = (struct hook_call){.n = n, .job = job, .arg = arg, .seq = h->calls - 1, .open = true};
	if (++h->open > h->open_most)
		h->open_most = h->open;
	return c;
}

static void
hook_wait(void *ctx, void *call)
{
	struct hook *h = ctx;
	struct hook_call *c = call;

	if (c == NULL || !c->open || c->seq != h->waited) {
		h->bad = true;
		return;
	}
	hook_run(h, c->n, c->job, c->arg);
	c->open = false;
	h->open--;
	h->waited++;
}

static void
hook_set(struct dy_db *db, struct hook *h, bool shuffled, bool eager)
{
	struct dy_parallel p = {.begin = hook_begin, .wait = hook_wait, .ctx = h};
	uint64_t seed = h->seed;

	memset(h, 0, sizeof(*h));
	h->seed = seed;
	h->shuffled = shuffled;
	h->eager = eager;
	dy_db_set_parallel(db, &p);
}

/* Every call begun was waited for, once, in order. */
static void
hook_settled(const struct hook *h)
{
	assert_false(h->bad);
	assert_int_equal(h->open, 0);
	assert_int_equal(h->waited, h->calls);
}

static const struct dy_parallel pool_hook = {.begin = plat_pool_begin, .wait = plat_pool_wait};

/* ------------------------------------------------------ the journal made */

#define N_MINE 150   /* more than two batches (REC_OPEN_BATCH), the last one part full */
#define N_THEIRS 20

static const char *const queries[] = {"river", "marmalade", "\"walk by the river\"", "CAFE eloise", "entry"};

/* Alex's and Sam's entries, long and short, some with extras, some shared,
 * and one of Alex's damaged; the damaged one's id to *bad. */
static void
journal_make(struct fixture *f, char bad[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], title[64], text[2400];
	struct store_rec row;
	uint8_t junk[300];
	bool changed = false;
	int n = 0;

	assert_int_equal(dy_tx_begin(f->db, &err), 0);
	for (int i = 0; i < N_MINE; i++) {
		size_t len = (size_t)snprintf(text, sizeof(text), "Entry %d. We took a walk by the river%s.", i,
		                              i % 7 == 0 ? " and ate marmalade at the café with Éloïse" : "");

		/* every third one long: past the short ones' buffers */
		while (i % 3 == 0 && len + 40 < sizeof(text))
			len += (size_t)snprintf(text + len, sizeof(text) - len, " the river ran on and on %d", i);
		title[0] = '\0';
		if (i % 5 == 0)
			snprintf(title, sizeof(title), "River day %d", i);
		if (i % 4 == 0) {
			json_t *x = json_pack("{s:i, s:[s]}", "mood", 1 + i % 5, "tags", i % 8 == 0 ? "walks" : "home");

			assert_non_null(x);
			assert_int_equal(dy_journal_add_with(f->a, title, strlen(title), text, len, i % 3 == 1, x, id, &err),
			                 0);
			json_decref(x);
		} else {
			assert_int_equal(dy_journal_add(f->a, title, strlen(title), text, len, i % 3 == 1, id, &err), 0);
		}
		if (i == 77)
			memcpy(bad, id, DY_ID_LEN + 1);
	}
	for (int i = 0; i < N_THEIRS; i++) {
		size_t len = (size_t)snprintf(text, sizeof(text), "Sam's entry %d by the river, cafe Eloise", i);

		assert_int_equal(dy_journal_add(f->b, "", 0, text, len, i % 2 == 0, id, &err), 0);
	}
	assert_int_equal(dy_tx_commit(f->db, &err), 0);
	/* a body that no longer opens: counted as damaged, the rest listed */
	assert_int_equal(store_rec_find(f->db, bad, strlen(bad), "journal", f->a->person_id, f->a->keys->epoch, &row,
	                                &n, &err),
	                 0);
	assert_int_equal(n, 1);
	memset(junk, 0x5a, sizeof(junk));
	assert_int_equal(store_rec_update(f->db, bad, junk, sizeof(junk), 1, row.version, row.visibility, &changed,
	                                  &err),
	                 0);
	assert_true(changed);
	store_rec_release(&row);
}

static void
entries_equal(const struct dy_entry *a, const struct dy_entry *b)
{
	assert_string_equal(a->id, b->id);
	assert_string_equal(a->author, b->author);
	assert_int_equal(a->mine, b->mine);
	assert_int_equal(a->shared, b->shared);
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->created_at, b->created_at);
	assert_int_equal(a->updated_at, b->updated_at);
	assert_int_equal(a->title_len, b->title_len);
	assert_memory_equal(a->title, b->title, a->title_len + 1);
	assert_int_equal(a->text_len, b->text_len);
	assert_memory_equal(a->text, b->text, a->text_len + 1);
	assert_string_equal(a->prompt, b->prompt);
	assert_int_equal(a->mood, b->mood);
	assert_true((a->tags == NULL) == (b->tags == NULL));
	assert_true(a->tags == NULL || json_equal(a->tags, b->tags));
	assert_true((a->feelings == NULL) == (b->feelings == NULL));
}

static void
lists_equal(const struct dy_entry_list *a, const struct dy_entry_list *b)
{
	assert_int_equal(a->count, b->count);
	assert_int_equal(a->damaged, b->damaged);
	assert_string_equal(a->next, b->next);
	for (size_t i = 0; i < a->count; i++)
		entries_equal(&a->items[i], &b->items[i]);
}

static void
results_equal(const struct dy_search_result *a, const struct dy_search_result *b)
{
	assert_int_equal(a->count, b->count);
	assert_int_equal(a->total, b->total);
	assert_int_equal(a->damaged, b->damaged);
	for (size_t i = 0; i < a->count; i++) {
		const struct dy_search_hit *x = &a->hits[i], *y = &b->hits[i];

		entries_equal(&x->entry, &y->entry);
		assert_int_equal(x->score, y->score);
		assert_int_equal(x->order, y->order);
		assert_int_equal(x->passage_start, y->passage_start);
		assert_int_equal(x->passage_len, y->passage_len);
		assert_int_equal(x->nmarks, y->nmarks);
		assert_memory_equal(x->marks, y->marks, x->nmarks * sizeof(x->marks[0]));
		assert_int_equal(x->ntitle_marks, y->ntitle_marks);
		assert_memory_equal(x->title_marks, y->title_marks, x->ntitle_marks * sizeof(x->title_marks[0]));
	}
}

/* What a session sees of the journal: the list of all under each filter,
 * the pages of 20, the searches. */
struct seen {
	struct dy_entry_list all[3];
	struct dy_entry_list page[2];
	struct dy_search_result found[sizeof(queries) / sizeof(queries[0])];
};

static void
see(struct dy_session *s, struct seen *v)
{
	static const enum dy_filter filters[3] = {DY_FILTER_ALL, DY_FILTER_MINE, DY_FILTER_SHARED};
	struct dy_error err = {0};

	memset(v, 0, sizeof(*v));
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(dy_journal_list(s, filters[i], NULL, 0, &v->all[i], &err), 0);
	assert_int_equal(dy_journal_list(s, DY_FILTER_ALL, NULL, 20, &v->page[0], &err), 0);
	assert_int_equal(dy_journal_list(s, DY_FILTER_ALL, v->page[0].next, 20, &v->page[1], &err), 0);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		assert_int_equal(dy_journal_search(s, queries[i], strlen(queries[i]), DY_FILTER_ALL, 10, &v->found[i], &err),
		                 0);
}

static void
seen_equal(const struct seen *a, const struct seen *b)
{
	for (size_t i = 0; i < 3; i++)
		lists_equal(&a->all[i], &b->all[i]);
	for (size_t i = 0; i < 2; i++)
		lists_equal(&a->page[i], &b->page[i]);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		results_equal(&a->found[i], &b->found[i]);
}

static void
seen_release(struct seen *v)
{
	for (size_t i = 0; i < 3; i++)
		dy_entry_list_release(&v->all[i]);
	for (size_t i = 0; i < 2; i++)
		dy_entry_list_release(&v->page[i]);
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++)
		dy_search_release(&v->found[i]);
}

/* ---------------------------------------------------------------- tests */

/* Lists and searches give the same entries, order, cursors, damaged
 * counts and hits when the jobs run in reverse, shuffled, at once or only
 * when waited for, or on the pool's threads as when the core runs them
 * itself. */
static void
lists_and_searches_are_the_same_in_any_order_of_jobs(void **state)
{
	struct fixture *f = *state;
	struct seen ref, got;
	struct hook h = {.seed = 20261130};
	char bad[DY_ID_LEN + 1];

	journal_make(f, bad);
	see(f->a, &ref);
	/* the journal is what it was made to be: the reference is no empty one */
	assert_int_equal(ref.all[0].count, N_MINE - 1 + N_THEIRS / 2);
	assert_int_equal(ref.all[0].damaged, 1);
	assert_int_equal(ref.page[0].count, 20);
	assert_true(ref.found[1].total > 0 && ref.found[3].total > 0);
	for (size_t i = 0; i < ref.all[0].count; i++)
		assert_string_not_equal(ref.all[0].items[i].id, bad);

	for (int k = 0; k < 4; k++) {
		hook_set(f->db, &h, k >= 2, k % 2 == 0);
		see(f->a, &got);
		seen_equal(&ref, &got);
		seen_release(&got);
		hook_settled(&h);
		/* a list of all hands the hook whole batches */
		assert_true(h.calls > 0);
		assert_int_equal(h.most, REC_OPEN_BATCH);
	}

	assert_int_equal(plat_pool_start(0), 0);
	dy_db_set_parallel(f->db, &pool_hook);
	see(f->a, &got);
	seen_equal(&ref, &got);
	seen_release(&got);
	/* and the partner, through the pool, sees what they saw one at a time */
	dy_db_set_parallel(f->db, NULL);
	seen_release(&ref);
	see(f->b, &ref);
	assert_int_equal(ref.all[0].count, N_THEIRS + N_MINE / 3);
	dy_db_set_parallel(f->db, &pool_hook);
	see(f->b, &got);
	seen_equal(&ref, &got);
	seen_release(&got);
	seen_release(&ref);
	dy_db_set_parallel(f->db, NULL);
	plat_pool_stop();
}

/* A list of all begins a batch's jobs while the one before is still
 * begun, so that reading the rows overlaps opening them: with a hook that
 * runs nothing before the wait, two calls are open at once, and each
 * batch's rows were all read before the batch before it was waited for. */
static void
a_list_of_all_reads_the_next_batch_while_one_is_opened(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	struct hook h = {.seed = 7};
	char bad[DY_ID_LEN + 1];

	journal_make(f, bad);
	hook_set(f->db, &h, false, false);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, N_MINE - 1);
	assert_int_equal(l.damaged, 1);
	hook_settled(&h);
	/* 150 rows: two whole batches and one part full, each begun once */
	assert_int_equal(h.calls, (N_MINE + REC_OPEN_BATCH - 1) / REC_OPEN_BATCH);
	assert_int_equal(h.open_most, 2);
	dy_entry_list_release(&l);

	/* a page hands each row over before it reads the next: one call at a time */
	hook_set(f->db, &h, false, false);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, NULL, 20, &l, &err), 0);
	assert_int_equal(l.count, 20);
	hook_settled(&h);
	assert_int_equal(h.open_most, 1);
	assert_int_equal(h.most, 1);
	dy_entry_list_release(&l);
	dy_db_set_parallel(f->db, NULL);
}

/* A sink that fails stops the list where it failed, the same with a hook
 * as without: the records before it were handed over, none after; the
 * batch begun after the failing one is waited for, and nothing it opened
 * is handed over or left behind. */
struct stop_sink {
	size_t seen, stop_at;
};

static int
stop_take(void *ctx, struct rec *r, struct dy_error *err)
{
	struct stop_sink *k = ctx;

	(void)r;
	if (k->seen++ == k->stop_at)
		return dy_fail(err, DY_EIO, "Stopped at %zu.", k->stop_at);
	return 0;
}

static void
a_failing_sink_stops_the_list_in_its_place_with_the_hook(void **state)
{
	/* in the first batch (handed over while the second is begun), in the
	 * second (while the third, part full, is begun), in the last */
	static const size_t stops[] = {3, REC_OPEN_BATCH + 3, 2 * REC_OPEN_BATCH + 5};
	struct fixture *f = *state;
	struct dy_query q = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct hook h = {.seed = 11};
	char bad[DY_ID_LEN + 1], next[DY_CURSOR_MAX + 1], msg[64];
	size_t damaged = 0;
	bool oldest_first;

	journal_make(f, bad);
	assert_int_equal(plat_pool_start(0), 0);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		for (int k = 0; k < 4; k++) {
			struct dy_error err = {0};
			struct stop_sink sk = {.stop_at = stops[i]};

			if (k < 2)
				hook_set(f->db, &h, k == 1, false);
			else
				dy_db_set_parallel(f->db, k == 2 ? &pool_hook : NULL);
			assert_int_equal(rec_list(f->a, &q, stop_take, &sk, &damaged, &oldest_first, next, &err), DY_EIO);
			snprintf(msg, sizeof(msg), "Stopped at %zu.", stops[i]);
			assert_string_equal(err.msg, msg);
			assert_int_equal(sk.seen, stops[i] + 1);
			if (k < 2) {
				hook_settled(&h);
				assert_int_equal(h.calls, i == 0 ? 2 : 3);
			}
		}
	dy_db_set_parallel(f->db, NULL);
	plat_pool_stop();
}

/* The pool: many threads call it at once, each with calls of its own
 * sizes, run at once or begun and waited for later, two at a time; every
 * job of every call runs exactly once, and before its call (or its wait)
 * returns. */
#define CALLERS 6
#define CALLS 300

struct caller {
	unsigned id;
	bool ok;
};

struct work {
	unsigned char ran[200];
	unsigned id;
	uint64_t sum[200];
};

static void
work_job(void *arg, size_t i)
{
	struct work *w = arg;
	uint64_t x = w->id * 1000003u + i;

	for (int k = 0; k < 200; k++)
		x = x * 6364136223846793005u + 1442695040888963407u;
	w->sum[i] = x;
	w->ran[i]++;
}

/* Whether w holds what n jobs of caller w->id make, and nothing more. */
static bool
work_right(const struct work *w, size_t n)
{
	for (size_t i = 0; i < sizeof(w->ran); i++) {
		uint64_t x = w->id * 1000003u + i;

		for (int j = 0; j < 200; j++)
			x = x * 6364136223846793005u + 1442695040888963407u;
		if (w->ran[i] != (i < n) || (i < n && w->sum[i] != x))
			return false;
	}
	return true;
}

static size_t
work_size(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005u + 1442695040888963407u;
	return 1 + (size_t)(*seed >> 33) % 200;
}

/* Calls of every kind: run; begun and waited for at once; two begun, the
 * first waited for while the second may still run, then the second. */
static void *
caller_main(void *arg)
{
	struct caller *c = arg;
	uint64_t seed = c->id;

	c->ok = true;
	for (int k = 0; k < CALLS; k++) {
		struct work w[2];
		size_t n[2];
		void *call[2];

		memset(w, 0, sizeof(w));
		w[0].id = w[1].id = c->id;
		n[0] = work_size(&seed);
		n[1] = work_size(&seed);
		switch (k % 3) {
		case 0:
			plat_pool_run(NULL, n[0], work_job, &w[0]);
			n[1] = 0;
			break;
		case 1:
			plat_pool_wait(NULL, plat_pool_begin(NULL, n[0], work_job, &w[0]));
			n[1] = 0;
			break;
		default:
			call[0] = plat_pool_begin(NULL, n[0], work_job, &w[0]);
			call[1] = plat_pool_begin(NULL, n[1], work_job, &w[1]);
			plat_pool_wait(NULL, call[0]);
			if (!work_right(&w[0], n[0]))
				c->ok = false;
			plat_pool_wait(NULL, call[1]);
			break;
		}
		if (!work_right(&w[0], n[0]) || !work_right(&w[1], n[1]))
			c->ok = false;
	}
	return NULL;
}

static void
the_pool_runs_every_job_of_many_callers_once(void **state)
{
	pthread_t t[CALLERS];
	struct caller c[CALLERS];

	(void)state;
	assert_int_equal(plat_pool_start(0), 0);
	assert_int_equal(plat_pool_start(0), 0);  /* started once */
	assert_true(plat_pool_threads() >= 1 && plat_pool_threads() <= PLAT_POOL_MAX);
	for (unsigned i = 0; i < CALLERS; i++) {
		c[i].id = i + 1;
		assert_int_equal(pthread_create(&t[i], NULL, caller_main, &c[i]), 0);
	}
	for (unsigned i = 0; i < CALLERS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_true(c[i].ok);
	}
	plat_pool_stop();
	plat_pool_stop();  /* stopped once */
	assert_int_equal(plat_pool_threads(), 1);
	/* without workers a call still runs every job */
	c[0].id = 99;
	caller_main(&c[0]);
	assert_true(c[0].ok);
}

/* Several connections to one database, each in its own thread as the web
 * server's request threads are, list and search through one pool at once
 * and each sees what one record at a time gives. */
struct reader {
	const char *path;
	struct seen got[3];              /* compared on the test's thread */
	int rc;
};

static void *
reader_main(void *arg)
{
	struct reader *r = arg;
	struct dy_db *db = NULL;
	struct dy_session *s = NULL;

	if ((r->rc = fx_open_as(r->path, "Alex", PASS_A, &db, &s)) != 0)
		return NULL;
	dy_db_set_parallel(db, &pool_hook);
	for (int k = 0; k < 3; k++)
		see(s, &r->got[k]);
	dy_session_free(s);
	dy_db_close(db);
	return NULL;
}

static void
readers_in_many_threads_share_the_pool(void **state)
{
	struct fixture *f = *state;
	struct seen ref;
	static struct reader rd[3];
	pthread_t t[3];
	char bad[DY_ID_LEN + 1];

	journal_make(f, bad);
	see(f->a, &ref);
	assert_int_equal(plat_pool_start(0), 0);
	for (int i = 0; i < 3; i++) {
		memset(&rd[i], 0, sizeof(rd[i]));
		rd[i].path = f->path;
		rd[i].rc = -1;
		assert_int_equal(pthread_create(&t[i], NULL, reader_main, &rd[i]), 0);
	}
	for (int i = 0; i < 3; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(rd[i].rc, 0);
	}
	plat_pool_stop();
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 3; k++) {
			seen_equal(&ref, &rd[i].got[k]);
			seen_release(&rd[i].got[k]);
		}
	seen_release(&ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lists_and_searches_are_the_same_in_any_order_of_jobs, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_list_of_all_reads_the_next_batch_while_one_is_opened, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_failing_sink_stops_the_list_in_its_place_with_the_hook, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test(the_pool_runs_every_job_of_many_callers_once),
		cmocka_unit_test_setup_teardown(readers_in_many_threads_share_the_pool, fx_setup_couple, fx_teardown),
	};

	if (dy_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
