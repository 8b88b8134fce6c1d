/*
 * coach_bench.c - the I-statement coach's speed (issue #12): the web app
 * asks it about the whole text a short pause after each keystroke, so it
 * has to stay far below a frame.
 *
 *	build/bench/coach_bench [-r REPS] [TSV]
 *
 * TSV (default tests/data/coach.tsv) gives the statements. REPS times
 * (default 21) it runs dy_coach_check over every statement, over one text
 * of DY_COACH_TEXT_MAX bytes made of them (the most one call reads; it
 * stops reading at the most findings reported, DY_COACH_FINDINGS_MAX),
 * and over one as long made of the statements labelled "none" or
 * "clean" (a long text with little to find: read to its end).
 * Prints the median and p95 of this thread's CPU time per statement (µs)
 * and per full-size text (ms), for the coach as shipped (the rules and
 * the learned model) and for the rules alone (coach_int.h), the coach
 * before the model.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "coach_int.h"
#include "coach_tsv.h"
#include "dyad.h"

#ifndef DY_SOURCE_ROOT
#error "the build gives the source root"
#endif

struct stmt {
	const char *s;
	size_t len;
	bool kind;  /* labelled "none" or "clean" */
};

/* The longest text one call reads: statements (only the kind ones with
 * kind_only) one after another. Its length in *len. */
static char *
long_text(const struct stmt *st, size_t n, bool kind_only, size_t *len)
{
	char *big = bench_calloc(DY_COACH_TEXT_MAX + 1, 1);
	size_t bl = 0, i;

	for (i = 0;; i++) {
		const struct stmt *x = &st[i % n];

		if (kind_only && !x->kind)
			continue;
		if (bl + x->len + 1 > DY_COACH_TEXT_MAX)
			break;
		memcpy(big + bl, x->s, x->len);
		bl += x->len;
		big[bl++] = ' ';
	}
	*len = bl;
	return big;
}

static bool rules_only;  /* time the rules alone */

static void
check(const char *s, size_t len)
{
	struct dy_coach_result r;
	struct dy_error err = {0};

	if ((rules_only ? coach_check_model(s, len, NULL, COACH_RULES, &r, NULL, &err)
	                : dy_coach_check(s, len, &r, &err)) != 0)
		bench_die("dy_coach_check", &err);
}

int
main(int argc, char **argv)
{
	const char *path = DY_SOURCE_ROOT "/tests/data/coach.tsv";
	char msg[512], *big, *calm;
	struct coach_set set;
	struct stmt *st = NULL;
	size_t n = 0, i, bl = 0, cl = 0, kinds = 0;
	long reps = 21, r;
	double *per, *full, *quiet;

	bench_name = "coach_bench";
	for (int a = 1; a < argc; a++) {
		if (strcmp(argv[a], "-r") == 0 && a + 1 < argc)
			reps = strtol(argv[++a], NULL, 10);
		else
			path = argv[a];
	}
	if (reps < 1)
		bench_die("-r takes a number of at least 1", NULL);
	if (coach_tsv_read(path, &set, msg, sizeof(msg)) != 0)
		bench_die(msg, NULL);
	st = bench_calloc(set.n ? set.n : 1, sizeof(*st));
	for (n = 0; n < set.n; n++) {
		st[n].s = set.s[n].text;
		st[n].len = set.s[n].len;
		st[n].kind = set.s[n].want == 0 || set.s[n].want == 1u << COACH_TSV_CLEAN;
		kinds += st[n].kind;
	}
	if (n == 0)
		bench_die("no statements", NULL);
	if (kinds == 0)
		bench_die("no statement labelled none or clean", NULL);
	big = long_text(st, n, false, &bl);
	calm = long_text(st, n, true, &cl);
	per = bench_calloc((size_t)reps, sizeof(double));
	full = bench_calloc((size_t)reps, sizeof(double));
	quiet = bench_calloc((size_t)reps, sizeof(double));
	printf("statements: %zu, repetitions: %ld (CPU time of this thread)\n", n, reps);
	for (int way = 0; way < 2; way++) {
		rules_only = way == 1;
		for (i = 0; i < n; i++)  /* warm up */
			check(st[i].s, st[i].len);
		for (r = 0; r < reps; r++) {
			double t0 = bench_ms(CLOCK_THREAD_CPUTIME_ID), t1, t2, t3;

			for (i = 0; i < n; i++)
				check(st[i].s, st[i].len);
			t1 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
			check(big, bl);
			t2 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
			check(calm, cl);
			t3 = bench_ms(CLOCK_THREAD_CPUTIME_ID);
			per[r] = (t1 - t0) * 1000.0 / (double)n;
			full[r] = t2 - t1;
			quiet[r] = t3 - t2;
		}
		printf("%s:\n", rules_only ? "rules alone" : "as shipped (rules and model)");
		printf("  per statement: median %.1f µs, p95 %.1f µs\n",
		       bench_quantile(per, (size_t)reps, 0.5), bench_quantile(per, (size_t)reps, 0.95));
		printf("  one text of %zu bytes: median %.2f ms, p95 %.2f ms\n", bl,
		       bench_quantile(full, (size_t)reps, 0.5), bench_quantile(full, (size_t)reps, 0.95));
		printf("  one text of %zu bytes with little to find: median %.2f ms, p95 %.2f ms\n", cl,
		       bench_quantile(quiet, (size_t)reps, 0.5), bench_quantile(quiet, (size_t)reps, 0.95));
	}
	coach_tsv_free(&set);
	free(st);
	free(big);
	free(calm);
	free(per);
	free(full);
	free(quiet);
	return 0;
}
