/*
 * coach_bench.c - the I-statement coach's speed (issue #12): the web app
 * asks it about the whole text a short pause after each keystroke, so it
 * has to stay far below a frame.
 *
 *	build/bench/coach_bench [-r REPS] [TSV]
 *
 * TSV (default tests/data/coach.tsv) gives the statements. REPS times
 * (default 21) it runs dy_coach_check over every statement, and over one
 * text of DY_COACH_TEXT_MAX bytes made of them (the most one call reads).
 * Prints the median and p95 of this thread's CPU time per statement (µs)
 * and per full-size text (ms).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "dyad.h"

#ifndef DY_SOURCE_ROOT
#error "the build gives the source root"
#endif

struct stmt {
	const char *s;
	size_t len;
};

static void
check(const char *s, size_t len)
{
	struct dy_coach_result r;
	struct dy_error err = {0};

	if (dy_coach_check(s, len, &r, &err) != 0)
		bench_die("dy_coach_check", &err);
}

int
main(int argc, char **argv)
{
	const char *path = DY_SOURCE_ROOT "/tests/data/coach.tsv";
	char line[2048], *big;
	struct stmt *st = NULL;
	size_t n = 0, cap = 0, i, bl = 0;
	long reps = 21, r;
	double *per, *full;
	FILE *f;

	bench_name = "coach_bench";
	for (int a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-r") == 0 && a + 1 < argc)
			reps = strtol(argv[++a], NULL, 10);
		else
			path = argv[a];
	}
	if (reps < 1)
		bench_die("-r takes a number of at least 1", NULL);
	if (!(f = fopen(path, "r")))
		bench_die(path, NULL);
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		size_t len;

		if (line[0] == '#' || !tab)
			continue;
		len = strcspn(tab + 1, "\n");
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			if (!(st = realloc(st, cap * sizeof(*st))))
				bench_die("out of memory", NULL);
		}
		if (!(st[n].s = strndup(tab + 1, len)))
			bench_die("out of memory", NULL);
		st[n++].len = len;
	}
	fclose(f);
	if (n == 0)
		bench_die("no statements", NULL);
	/* the longest text one call reads: statements one after another */
	big = bench_calloc(DY_COACH_TEXT_MAX + 1, 1);
	for (i = 0; bl + st[i % n].len + 1 <= DY_COACH_TEXT_MAX; i++) {
		memcpy(big + bl, st[i % n].s, st[i % n].len);
		bl += st[i % n].len;
		big[bl++] = ' ';
	}
	per = bench_calloc((size_t)reps, sizeof(double));
	full = bench_calloc((size_t)reps, sizeof(double));
	for (i = 0; i < n; i++)  /* warm up */
		check(st[i].s, st[i].len);
	for (r = 0; r < reps; r++) {
		double t0 = bench_ms(CLOCK_THREAD_CPUTIME_ID), t1, t2;

		for (i = 0; i < n; i++)
			check(st[i].s, st[i].len);
		t1 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
		check(big, bl);
		t2 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
		per[r] = (t1 - t0) * 1000.0 / (double)n;
		full[r] = t2 - t1;
	}
	printf("statements: %zu, repetitions: %ld (CPU time of this thread)\n", n, reps);
	printf("per statement: median %.1f µs, p95 %.1f µs\n", bench_quantile(per, (size_t)reps, 0.5),
	       bench_quantile(per, (size_t)reps, 0.95));
	printf("one text of %zu bytes: median %.2f ms, p95 %.2f ms\n", bl,
	       bench_quantile(full, (size_t)reps, 0.5), bench_quantile(full, (size_t)reps, 0.95));
	for (i = 0; i < n; i++)
		free((char *)st[i].s);
	free(st);
	free(big);
	free(per);
	free(full);
	return 0;
}
