/*
 * search_bench.c - full-text search of the journal (issue #9: "search over
 * 10,000 entries of about 1 KiB, decryption included: median under 50 ms").
 *
 *	build/bench/search_bench DIR [-r REPS] [N...]
 *
 * For each N (default 10000) a fresh database in DIR/nN gets N entries of
 * about 1 KiB of words drawn from a fixed vocabulary (with capitals, some
 * accented words, a phrase in one entry of 50 and a rare word in one of
 * 500), then each
 * operation runs REPS times (default 21):
 *   list     dy_journal_list of all: the reference, decryption of every
 *            entry and nothing else, the floor a search without an index pays;
 *   common   a word in most entries (every hit scored, 20 kept);
 *   rare     a word in one entry of 500;
 *   phrase   a phrase of four words;
 *   accent   two words, one accented, in another case.
 * Each operation runs twice in every repetition: with the core running its
 * jobs itself (serial), and through the platform's pool (dy_db_set_parallel
 * with plat_pool_run: the machine's other cores). Prints the median and p95
 * of wall clock, the median of the process's CPU time (every thread's) and
 * of the calling thread's, in ms, and "target" lines for the median of the
 * slowest search, serial and on the pool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dyad.h"
#include "pool.h"

#define NOW INT64_C(1772611200) /* 2026-03-04 08:00 UTC */

/* the platform's pool as the front ends install it (dy_db_set_parallel) */
static const struct dy_parallel pool_hook = {.begin = plat_pool_begin, .wait = plat_pool_wait};

static int64_t clock_now = NOW;

static int64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return clock_now;
}

static double
ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
q(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[(int)(p * (n - 1) + 0.5)];
}

static void
die(const char *what, const struct dy_error *err)
{
	fprintf(stderr, "search_bench: %s: %s\n", what, err != NULL ? err->msg : "failed");
	exit(1);
}

static const char *const vocab[] = {
	"the", "a", "and", "of", "to", "in", "I", "we", "my", "our", "felt", "morning", "walk", "talked",
	"about", "today", "quiet", "again", "tired", "Sunday", "garden", "mother", "work", "dinner", "slowly",
	"Café", "rain", "river", "boundaries", "laughed", "wanted", "needed", "space", "together", "alone",
	"Éloïse", "kitchen", "window", "letter", "promise", "naïve", "enough", "breath", "worried", "calm",
	"weekend", "plans", "listened", "late", "early", "bread", "tea", "phone", "city", "forest", "old",
};
#define NVOCAB (sizeof(vocab) / sizeof(vocab[0]))

static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
fill(struct dy_session *s, struct dy_db *db, long n)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], text[1200], title[64];
	uint32_t seed = 2463534242u;

	for (long i = 0; i < n; i++) {
		size_t len = 0;

		if (i % 500 == 0 && dy_tx_begin(db, &err) != 0)
			die("begin", &err);
		while (len < 1000) {
			const char *w = vocab[rnd(&seed) % NVOCAB];
			size_t wl = strlen(w);

			memcpy(text + len, w, wl);
			len += wl;
			text[len++] = rnd(&seed) % 12 == 0 ? '\n' : rnd(&seed) % 9 == 0 ? ',' : ' ';
			if (text[len - 1] == ',')
				text[len++] = ' ';
		}
		if (i % 50 == 7) {
			memcpy(text + len, "a walk by the river ", 20);
			len += 20;
		}
		if (i % 500 == 250) {
			memcpy(text + len, "marmalade", 9);
			len += 9;
		}
		text[len] = '\0';
		snprintf(title, sizeof(title), "%s %s", vocab[rnd(&seed) % NVOCAB], vocab[rnd(&seed) % NVOCAB]);
		clock_now = NOW - (int64_t)(n - i) * 3600;
		if (dy_journal_add(s, title, strlen(title), text, len, i % 3 == 0, id, &err) != 0)
			die("add", &err);
		if ((i % 500 == 499 || i == n - 1) && dy_tx_commit(db, &err) != 0)
			die("commit", &err);
	}
	clock_now = NOW;
}

int
main(int argc, char **argv)
{
	static const char *const names[] = {"list (reference)", "common word", "rare word", "phrase", "accent"};
	static const char *const queries[] = {NULL, "morning", "marmalade", "\"walk by the river\"", "CAFE eloise"};
	const char *dir;
	long sizes[16];
	int nsizes = 0, reps = 21, i;

	if (argc < 2) {
		fprintf(stderr, "usage: search_bench DIR [-r REPS] [N...]\n");
		return 2;
	}
	dir = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (nsizes < 16)
			sizes[nsizes++] = atol(argv[i]);
	}
	if (reps < 1 || reps > 1000)
		reps = 21;
	if (nsizes == 0)
		sizes[nsizes++] = 10000;
	if (dy_init() != 0)
		die("init", NULL);
	mkdir(dir, 0700);
	if (plat_pool_start(0) != 0)
		die("cannot start the pool", NULL);
	printf("pool: %u threads (the caller and %u workers)\n\n", plat_pool_threads(), plat_pool_threads() - 1);
	printf("| entries | operation | hits (total) | wall ms median | wall p95 | process CPU ms median "
	       "| calling thread CPU ms median |\n"
	       "|---:|---|---:|---:|---:|---:|---:|\n");
	for (int z = 0; z < nsizes; z++) {
		struct dy_error err = {0};
		struct dy_db *db;
		struct dy_session *s;
		char path[512], rec[DY_RECOVERY_LEN + 1];
		static double wall[10][1000], cpu[10][1000], tcpu[10][1000];
		double worst[2] = {0, 0};
		size_t total[10] = {0};

		snprintf(path, sizeof(path), "%s/n%ld.db", dir, sizes[z]);
		if (dy_db_open(path, DY_OPEN_CREATE, &db, &err) != 0)
			die(path, &err);
		dy_db_set_clock(db, fake_clock, NULL);
		if (dy_space_create(db, NULL, 0, "Ana", 3, "bench passphrase", 16, rec, &s, &err) != 0)
			die("space", &err);
		fill(s, db, sizes[z]);
		for (int r = 0; r < reps; r++) {
			for (int k = 0; k < 10; k++) {
				int op = k % 5;
				double w0, c0, t0;

				/* serial and pooled in alternation, each operation in turn */
				dy_db_set_parallel(db, k >= 5 ? &pool_hook : NULL);
				w0 = ms(CLOCK_MONOTONIC);
				c0 = ms(CLOCK_PROCESS_CPUTIME_ID);
				t0 = ms(CLOCK_THREAD_CPUTIME_ID);

				if (op == 0) {
					struct dy_entry_list l;

					if (dy_journal_list(s, DY_FILTER_ALL, NULL, 0, &l, &err) != 0)
						die("list", &err);
					if (l.count != (size_t)sizes[z])
						die("list count", NULL);
					total[k] = l.count;
					dy_entry_list_release(&l);
				} else {
					struct dy_search_result res;

					if (dy_journal_search(s, queries[op], strlen(queries[op]), DY_FILTER_ALL, 20, &res,
					                      &err) != 0)
						die(queries[op], &err);
					if (res.total == 0 || res.count == 0)
						die("no hits", NULL);
					total[k] = res.total;
					dy_search_release(&res);
				}
				wall[k][r] = ms(CLOCK_MONOTONIC) - w0;
				cpu[k][r] = ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
				tcpu[k][r] = ms(CLOCK_THREAD_CPUTIME_ID) - t0;
			}
		}
		dy_db_set_parallel(db, NULL);
		for (int k = 0; k < 10; k++) {
			int op = k % 5;
			double med = q(wall[k], reps, 0.5);

			if (total[k] != total[op])
				die("the pool found other hits than the serial search", NULL);
			printf("| %ld | %s%s%s%s | %zu | %.1f | %.1f | %.1f | %.1f |\n", sizes[z], names[op],
			       queries[op] ? " " : "", queries[op] ? queries[op] : "", k >= 5 ? ", on the pool" : ", serial",
			       total[k], med, q(wall[k], reps, 0.95), q(cpu[k], reps, 0.5), q(tcpu[k], reps, 0.5));
			if (op > 0 && med > worst[k >= 5])
				worst[k >= 5] = med;
		}
		if (sizes[z] == 10000)
			for (int p = 0; p < 2; p++)
				printf("target search over 10,000 entries of about 1 KiB, median < 50 ms (%s): slowest search "
				       "%.1f ms wall clock (list of all %.1f ms) %s\n",
				       p ? "on the pool" : "serial", worst[p], q(wall[p * 5], reps, 0.5),
				       worst[p] < 50 ? "MET" : "NOT MET");
		fflush(stdout);
		dy_session_free(s);
		dy_db_close(db);
	}
	plat_pool_stop();
	return 0;
}
