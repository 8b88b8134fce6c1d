/*
 * stats_bench.c - practice and reactivity statistics over years of daily
 * records (issue #9: "ten years of daily records: under 20 ms").
 *
 *	build/bench/stats_bench DIR [-r REPS] [N...]
 *
 * For each N (default 1000 3650 10000 100000) a fresh database in DIR/nN
 * gets N practice sessions and N reactions, one of each a day going back
 * from the fixed "now", then each operation runs REPS times (default 11):
 *   list      dy_item_list of every session (decrypt and parse only): the
 *             reference, the floor any statistic over all records pays;
 *   practice  dy_practice_stats (list + local days + weeks + streaks);
 *   reaction  dy_reaction_stats (list + weeks + top feelings and triggers).
 * Prints the median and p95 of wall clock and this thread's CPU time, in
 * ms. Local days come from localtime_r in TZ, as the CLI computes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "bench.h"
#include "dyad.h"

#define NOW INT64_C(1772611200) /* 2026-03-04 08:00 UTC */

static int64_t
fake_clock(void *ctx)
{
	(void)ctx;
	return NOW;
}

static int32_t
local_day(void *ctx, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	localtime_r(&tt, &tm);
	return dy_day_from_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static const char *const feel[] = {"hurt", "angry", "anxious", "tired", "lonely", "frustrated"};
static const char *const trig[] = {"chores", "money", "being late", "phones", "family"};
static const char *const kinds[] = {"meditation", "yoga", "walking", "breathing"};

static void
fill(struct dy_session *s, struct dy_db *db, long n)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	for (long i = 0; i < n; i++) {
		/* one a day for ten years, then more on the same days */
		int64_t at = NOW - (int64_t)(i % 3650) * 86400 - 3600 - (int64_t)(i / 3650) * 60;
		json_t *r;

		if (i % 500 == 0 && dy_tx_begin(db, &err) != 0)
			bench_die("begin", &err);
		if (dy_practice_log(s, kinds[i % 4], strlen(kinds[i % 4]), 600 + (i % 7) * 60, at, "a short note", 12, false,
		                    id, &err) != 0)
			bench_die("practice", &err);
		r = json_pack("{s:s, s:i, s:b, s:I, s:[s,s], s:[s], s:s, s:s}", "happened",
		              "We talked past each other about the weekend plans.", "intensity", (int)(i % 11), "paused",
		              (int)(i % 3 == 0), "at", (json_int_t)at, "feelings", feel[i % 6], feel[(i + 1) % 6],
		              "triggers", trig[i % 5], "urge", "to walk out", "need", "a slower start");
		if (r == NULL || dy_item_create(s, &dy_kind_reaction, NULL, r, NULL, 0, DY_VIS_PRIVATE, 0, id, &err) != 0)
			bench_die("reaction", &err);
		json_decref(r);
		if ((i % 500 == 499 || i == n - 1) && dy_tx_commit(db, &err) != 0)
			bench_die("commit", &err);
	}
}

int
main(int argc, char **argv)
{
	static const long defaults[] = {1000, 3650, 10000, 100000};
	const char *dir;
	long sizes[16];
	int nsizes = 0, reps = 11, i;

	bench_name = "stats_bench";
	if (argc < 2) {
		fprintf(stderr, "usage: stats_bench DIR [-r REPS] [N...]\n");
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
		reps = 11;
	if (nsizes == 0)
		for (i = 0; i < 4; i++)
			sizes[nsizes++] = defaults[i];
	if (dy_init() != 0)
		bench_die("init", NULL);
	mkdir(dir, 0700);
	tzset();
	printf("| records a kind | list (reference) wall ms | practice stats wall ms | reaction stats wall ms | "
	       "list CPU ms | practice CPU ms | reaction CPU ms |\n|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int z = 0; z < nsizes; z++) {
		struct dy_error err = {0};
		struct dy_db *db;
		struct dy_session *s;
		char path[512], rec[DY_RECOVERY_LEN + 1];
		double wall[3][1000], cpu[3][1000];

		snprintf(path, sizeof(path), "%s/n%ld.db", dir, sizes[z]);
		if (dy_db_open(path, DY_OPEN_CREATE, &db, &err) != 0)
			bench_die(path, &err);
		dy_db_set_clock(db, fake_clock, NULL);
		if (dy_space_create(db, NULL, 0, "Ana", 3, "bench passphrase", 16, rec, &s, &err) != 0)
			bench_die("space", &err);
		fill(s, db, sizes[z]);
		for (int r = 0; r < reps; r++) {
			for (int op = 0; op < 3; op++) {
				struct dy_query lq = {.kinds = {&dy_kind_practice}, .nkinds = 1, .filter = DY_FILTER_MINE};
				struct dy_practice_stats ps;
				struct dy_reaction_stats rs;
				struct dy_item_list l;
				double w0 = bench_ms(CLOCK_MONOTONIC), c0 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
				int rc;

				if (op == 0) {
					rc = dy_item_list(s, &lq, &l, &err);
					if (rc == 0) {
						if (l.count != (size_t)sizes[z])
							bench_die("list count", NULL);
						dy_item_list_release(&l);
					}
				} else if (op == 1) {
					rc = dy_practice_stats(s, NOW, local_day, NULL, &ps, &err);
					if (rc == 0 && ps.sessions != (size_t)sizes[z])
						bench_die("practice count", NULL);
				} else {
					rc = dy_reaction_stats(s, NOW, local_day, NULL, &rs, &err);
					if (rc == 0 && rs.count != (size_t)sizes[z])
						bench_die("reaction count", NULL);
				}
				if (rc != 0)
					bench_die("stats", &err);
				wall[op][r] = bench_ms(CLOCK_MONOTONIC) - w0;
				cpu[op][r] = bench_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			}
		}
		printf("| %ld |", sizes[z]);
		for (int op = 0; op < 3; op++)
			printf(" %.1f (p95 %.1f) |", bench_quantile(wall[op], (size_t)reps, 0.5),
			       bench_quantile(wall[op], (size_t)reps, 0.95));
		for (int op = 0; op < 3; op++)
			printf(" %.1f |", bench_quantile(cpu[op], (size_t)reps, 0.5));
		printf("\n");
		fflush(stdout);
		dy_session_free(s);
		dy_db_close(db);
	}
	return 0;
}
