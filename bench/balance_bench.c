/*
 * balance_bench.c - issue #10's benchmark: scoring a taking of the
 * differentiation check, and drawing the balance map of ten years of
 * weekly pulses for both partners ("each under 10 ms").
 *
 *	build/bench/balance_bench DIR [-r REPS] [YEARS...]
 *
 * For each YEARS (default 1 10 50: 52, 520 and 2,600 pulses a partner; a
 * hundred years would start before 1970, which dyad does not date) a
 * fresh database in DIR gets that many weekly pulses from each partner,
 * the partner's shared. Then, REPS times (default 21):
 *   score  dy_instrument_parse of the shipped check (embedded by the
 *          build) and dy_instrument_score of one full taking;
 *   map    what GET /api/v1/balance does: list my pulses and my partner's
 *          shared ones (decrypting each), the region and trend, and
 *          dy_balance_map_svg;
 *   list   only the two lists: the reference, the decryption floor.
 * Prints medians and p95 of wall clock and this thread's CPU, in ms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "bench.h"
#include "dyad.h"

#define NOW INT64_C(1795000000)

#ifndef DY_SOURCE_ROOT
#error "the build gives the source root"
#endif

static int64_t now_ = NOW;

static int64_t
clock_fn(void *ctx)
{
	(void)ctx;
	return now_;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		bench_die(path, NULL);
	rewind(f);
	if (!(p = malloc((size_t)n + 1)) || fread(p, 1, (size_t)n, f) != (size_t)n)
		bench_die(path, NULL);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/* Every pulse of a filter as points, oldest first (the core's
 * dy_pulse_points), or only listed when out is NULL; returns the count. */
static size_t
points(struct dy_session *s, enum dy_filter filter, struct dy_pulse_point **out)
{
	struct dy_query qy = {.kinds = {&dy_kind_pulse}, .nkinds = 1, .filter = filter};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n;

	if (out) {
		if (dy_pulse_points(s, filter, &l, out, &err) != 0)
			bench_die("points", &err);
	} else if (dy_item_list(s, &qy, &l, &err) != 0) {
		bench_die("list", &err);
	}
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
fill(struct dy_db *db, struct dy_session *s, long n, bool share)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	for (long i = 0; i < n; i++) {
		json_t *f = json_pack("{s:i,s:i,s:s}", "connection", (int)(i * 7 % 11), "self",
		                      (int)(i * 5 % 11), "note", "a week like others");

		if (i % 500 == 0 && dy_tx_begin(db, &err) != 0)
			bench_die("begin", &err);
		now_ = NOW - (int64_t)(n - i) * 7 * 86400;
		if (!f || dy_item_create(s, &dy_kind_pulse, NULL, f, NULL, 0,
		                         share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, &err) != 0)
			bench_die("pulse", &err);
		json_decref(f);
		if ((i % 500 == 499 || i == n - 1) && dy_tx_commit(db, &err) != 0)
			bench_die("commit", &err);
	}
	now_ = NOW;
}

int
main(int argc, char **argv)
{
	static const long defaults[] = {1, 10, 50};
	long years[8];
	int nyears = 0, reps = 21, i;
	const char *dir;
	char *check;
	size_t check_len;
	int answers[DY_INSTRUMENT_MAX_ITEMS];

	bench_name = "balance_bench";
	if (argc < 2) {
		fprintf(stderr, "usage: balance_bench DIR [-r REPS] [YEARS...]\n");
		return 2;
	}
	dir = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (nyears < 8)
			years[nyears++] = atol(argv[i]);
	}
	if (reps < 1 || reps > 1000)
		reps = 21;
	if (nyears == 0)
		for (i = 0; i < 3; i++)
			years[nyears++] = defaults[i];
	if (dy_init() != 0)
		bench_die("init", NULL);
	mkdir(dir, 0700);
	check = slurp(DY_SOURCE_ROOT "/data/instruments/differentiation-check.json", &check_len);
	for (i = 0; i < DY_INSTRUMENT_MAX_ITEMS; i++)
		answers[i] = 1 + i % 6;
	printf("| years (pulses a partner) | score wall ms | map wall ms | list (reference) wall ms | "
	       "score CPU ms | map CPU ms | list CPU ms |\n|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int z = 0; z < nyears; z++) {
		long n = years[z] * 52;
		struct dy_error err = {0};
		struct dy_db *db;
		struct dy_session *a, *b;
		char path[512], rec[DY_RECOVERY_LEN + 1], code[DY_INVITE_LEN + 1];
		double wall[3][1000], cpu[3][1000];
		int64_t exp;

		snprintf(path, sizeof(path), "%s/y%ld.db", dir, years[z]);
		remove(path);
		if (dy_db_open(path, DY_OPEN_CREATE, &db, &err) != 0)
			bench_die(path, &err);
		dy_db_set_clock(db, clock_fn, NULL);
		if (dy_space_create(db, NULL, 0, "Ana", 3, "bench passphrase", 16, rec, &a, &err) != 0 ||
		    dy_invite_create(a, code, &exp, &err) != 0 ||
		    dy_space_join(db, code, strlen(code), "Sam", 3, "bench passphrase 2", 18, rec, &b, &err) != 0)
			bench_die("couple", &err);
		fill(db, a, n, false);
		fill(db, b, n, true);
		for (int r = 0; r < reps; r++) {
			for (int op = 0; op < 3; op++) {
				double w0 = bench_ms(CLOCK_MONOTONIC), c0 = bench_ms(CLOCK_THREAD_CPUTIME_ID);

				if (op == 0) {
					struct dy_instrument *in;
					struct dy_instrument_info info;
					struct dy_instrument_score sc;

					if (dy_instrument_parse(check, check_len, &in, &err) != 0)
						bench_die("parse", &err);
					dy_instrument_info(in, &info);
					if (dy_instrument_score(in, answers, info.n_items, &sc, &err) != 0)
						bench_die("score", &err);
					dy_instrument_free(in);
				} else if (op == 1) {
					struct dy_pulse_point *mp, *tp;
					size_t nm = points(a, DY_FILTER_MINE, &mp), nt = points(a, DY_FILTER_THEIRS, &tp);
					struct dy_balance bal;
					struct dy_buf svg = DY_BUF_INIT(1 << 22), words = DY_BUF_INIT(512);

					if (nm != (size_t)n || nt != (size_t)n)
						bench_die("pulse counts", NULL);
					dy_balance_of(mp, nm, &bal);
					dy_balance_trend_words(&bal, &words);
					if (dy_balance_map_svg("m", mp, nm, "Ana", 0, tp, nt, "Sam", &svg) != 0)
						bench_die("map", NULL);
					dy_buf_release(&svg);
					dy_buf_release(&words);
					free(mp);
					free(tp);
				} else {
					if (points(a, DY_FILTER_MINE, NULL) + points(a, DY_FILTER_THEIRS, NULL) != (size_t)(2 * n))
						bench_die("list counts", NULL);
				}
				wall[op][r] = bench_ms(CLOCK_MONOTONIC) - w0;
				cpu[op][r] = bench_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			}
		}
		printf("| %ld (%ld) |", years[z], n);
		for (int op = 0; op < 3; op++)
			printf(" %.2f (p95 %.2f) |", bench_quantile(wall[op], (size_t)reps, 0.5),
			       bench_quantile(wall[op], (size_t)reps, 0.95));
		for (int op = 0; op < 3; op++)
			printf(" %.2f |", bench_quantile(cpu[op], (size_t)reps, 0.5));
		printf("\n");
		fflush(stdout);
		dy_session_free(a);
		dy_session_free(b);
		dy_db_close(db);
	}
	free(check);
	return 0;
}
