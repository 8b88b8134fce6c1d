/*
 * checkin_bench.c - the check-in history as `dyad checkin history` reads
 * it, beside the floor of reading each of its records once (issue #9: the
 * history listed every agenda item again for each check-in, and once more
 * only to count the damaged ones).
 *
 *	build/bench/checkin_bench DIR [-r REPS] [RECORDS...]
 *
 * For each RECORDS (default 1000 10000) a fresh database in DIR gets
 * check-ins of twelve records each, one a day, until it holds about that
 * many records of the check-in kinds: Ana's three agenda items, the
 * check-in, both partners' join marks, Sam's paraphrase and Ana's note on
 * the first item, two agreements (one marked done), the end mark. Then,
 * REPS times (default 11) in alternation:
 *   history  what `dyad checkin history --json` asks the core for: who I
 *            am, the history, every done mark, and for each check-in its
 *            state, its agreements and its items;
 *   api      what GET /api/v1/checkin/history asks for besides: every turn,
 *            and each item's;
 *   list     the reference: one list of each check-in kind (check-ins,
 *            items, turns, agreements, join and end marks, done marks),
 *            which decrypts each record once: the floor of any history.
 * It checks that the history has every check-in, each with its three items
 * and two agreements, and nothing damaged. A second table, the same
 * rounds: the lists of one parent's records that `dyad checkin show` of
 * the newest check-in asks for (its state from its marks, its agreements,
 * its first item's turns; not its items, whose check-in is inside their
 * encryption, so they are a list of the kind), beside the reference of
 * reading the check-in itself (dy_item_get): the same at every size, or a
 * list of one parent reads the whole kind. Prints medians and p95 of wall
 * clock and this thread's CPU, in ms, and the history's median over the
 * list's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench.h"
#include "dyad.h"

#define NOW INT64_C(1700000000)
#define PER_CHECKIN 12   /* records a check-in brings */

static int64_t now_ = NOW;

static int64_t
clock_fn(void *ctx)
{
	(void)ctx;
	return now_;
}

/* The id of check-in c's first agenda item, into id. */
static int
first_item(struct dy_session *s, const char *c, char id[DY_ID_LEN + 1])
{
	struct dy_item_list l = {0};
	struct dy_error err = {0};

	if (dy_checkin_items(s, c, &l, &err) != 0 || l.count == 0)
		bench_die("the first item", &err);
	memcpy(id, l.items[0].id, DY_ID_LEN + 1);
	dy_item_list_release(&l);
	return 0;
}

/* n check-ins of PER_CHECKIN records, a day apart. */
static void
fill(struct dy_db *db, struct dy_session *a, struct dy_session *b, long n)
{
	struct dy_error err = {0};
	int32_t today = dy_day_from_date(2030, 1, 1);

	for (long i = 0; i < n; i++) {
		char id[DY_ID_LEN + 1], c[DY_ID_LEN + 1], g[DY_ID_LEN + 1];
		bool started, past;

		if (i % 100 == 0 && dy_tx_begin(db, &err) != 0)
			bench_die("begin", &err);
		now_ += 86400;
		if (dy_checkin_add(a, "appreciation", "Thank you for the soup on Tuesday", 33, NULL, id, &err) != 0 ||
		    dy_checkin_add(a, "concern", "Weekends feel rushed and I miss our walks", 41, NULL, id, &err) != 0 ||
		    dy_checkin_add(a, "goal", "I want to start the cello again this spring", 43, NULL, id, &err) != 0 ||
		    dy_checkin_start(a, c, &started, &err) != 0 || !started ||
		    dy_checkin_start(b, id, &started, &err) != 0 || first_item(a, c, id) != 0 ||
		    dy_checkin_turn(b, id, strlen(id), DY_TURN_PARAPHRASE, "You liked the soup", 18, false, g, &err) != 0 ||
		    dy_checkin_turn(a, id, strlen(id), DY_TURN_NOTE, "The lentil one, with lemon", 26, false, g, &err) != 0 ||
		    dy_checkin_agree(b, c, strlen(c), "both", "Walk on Sundays after breakfast", 31, NULL, today, &past, g,
		                     &err) != 0 ||
		    dy_checkin_agree(a, c, strlen(c), "me", "Fix the garden gate", 19, "2030-02-01", today, &past, g,
		                     &err) != 0 ||
		    dy_checkin_agreement_done(b, g, strlen(g), true, &err) != 0 || dy_checkin_end(a, c, strlen(c), &err) != 0)
			bench_die("a check-in", &err);
		if ((i % 100 == 99 || i == n - 1) && dy_tx_commit(db, &err) != 0)
			bench_die("commit", &err);
	}
}

/* What `dyad checkin history --json` asks the core for (api: and what GET
 * /api/v1/checkin/history asks for besides); returns how many check-ins
 * it had, and checks each. */
static size_t
history(struct dy_session *s, bool api)
{
	struct dy_checkin_history h = {0};
	struct dy_item_list marks = {0};
	struct dy_space_info sp;
	struct dy_error err = {0};
	size_t n;

	if (dy_whoami(s, &sp, &err) != 0 || dy_checkin_history(s, &h, &err) != 0 ||
	    dy_checkin_done_marks(s, NULL, &marks, &err) != 0)
		bench_die("history", &err);
	if (api && dy_checkin_history_turns(s, &h, &err) != 0)
		bench_die("turns", &err);
	if (h.damaged != 0 || marks.damaged != 0)
		bench_die("damaged records in the history", NULL);
	for (size_t i = 0; i < h.checkins.count; i++) {
		struct dy_item_list ag, items;
		bool mine, theirs, ended;
		size_t md, bad;

		if (dy_checkin_history_state(s, &h, &h.checkins.items[i], &mine, &theirs, &ended, &md, &err) != 0)
			bench_die("a check-in of the history", &err);
		dy_checkin_history_of(&h, h.checkins.items[i].id, &items, &ag);
		for (size_t k = 0; k < ag.count; k++)
			if (dy_checkin_done_damaged(s, &marks, ag.items[k].id, &bad, &err) != 0)
				bench_die("done marks", &err);
		if (!mine || !theirs || !ended || md != 0 || ag.count != 2 || items.count != 3)
			bench_die("a check-in of the history is not whole", NULL);
		for (size_t k = 0; api && k < items.count; k++) {
			struct dy_item_list t;

			if (dy_checkin_history_turns_of(s, &h, &items.items[k], &t, &err) != 0)
				bench_die("an item's turns", &err);
			if (t.count != (k == 0 ? 2u : 0u))
				bench_die("an item's turns are not whole", NULL);
			dy_checkin_history_turns_done(&h, &t);
		}
	}
	n = h.checkins.count;
	dy_checkin_history_release(&h);
	dy_item_list_release(&marks);
	return n;
}

/* The lists of one parent's records `dyad checkin show` asks for of
 * check-in c, whose first item is item: the check-in, its state (its
 * marks), its agreements, the item's turns; checks they are whole. */
static void
show(struct dy_session *s, const char *c, const char *item)
{
	struct dy_item ci = {0};
	struct dy_item_list ag = {0}, turns = {0};
	struct dy_error err = {0};
	bool mine, theirs, ended;
	size_t md;

	if (dy_item_get(s, &dy_kind_checkin, c, strlen(c), &ci, &err) != 0 ||
	    dy_checkin_state(s, &ci, &mine, &theirs, &ended, &md, &err) != 0 ||
	    dy_checkin_agreements(s, c, false, 0, &ag, &err) != 0 || dy_checkin_turns(s, item, &turns, &err) != 0)
		bench_die("show", &err);
	if (!mine || !theirs || !ended || md != 0 || ag.count != 2 || turns.count != 2)
		bench_die("the check-in shown is not whole", NULL);
	dy_item_release(&ci);
	dy_item_list_release(&ag);
	dy_item_list_release(&turns);
}

/* The reference of show: the check-in itself. */
static void
get_one(struct dy_session *s, const char *c)
{
	struct dy_item ci = {0};
	struct dy_error err = {0};

	if (dy_item_get(s, &dy_kind_checkin, c, strlen(c), &ci, &err) != 0)
		bench_die("get", &err);
	dy_item_release(&ci);
}

/* The floor: each record of the check-in kinds decrypted once. */
static size_t
list_all(struct dy_session *s)
{
	const struct dy_kind *kinds[] = {&dy_kind_checkin,      &dy_kind_checkin_item, &dy_kind_checkin_turn,
	                                 &dy_kind_checkin_agreement, &dy_kind_checkin_mark, &dy_kind_checkin_done};
	size_t n = 0;

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct dy_query q = {.kinds = {kinds[k]}, .nkinds = 1, .filter = DY_FILTER_ALL};
		struct dy_item_list l = {0};
		struct dy_error err = {0};

		if (dy_item_list(s, &q, &l, &err) != 0)
			bench_die("list", &err);
		n += l.count;
		dy_item_list_release(&l);
	}
	return n;
}

int
main(int argc, char **argv)
{
	static const long defaults[] = {1000, 10000};
	long sizes[8];
	int nsizes = 0, reps = 11, i;
	const char *dir;

	bench_name = "checkin_bench";
	if (argc < 2) {
		fprintf(stderr, "usage: checkin_bench DIR [-r REPS] [RECORDS...]\n");
		return 2;
	}
	dir = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (nsizes < 8)
			sizes[nsizes++] = atol(argv[i]);
	}
	if (reps < 1 || reps > 1000)
		reps = 11;
	if (nsizes == 0)
		for (i = 0; i < 2; i++)
			sizes[nsizes++] = defaults[i];
	if (dy_init() != 0)
		bench_die("init", NULL);
	mkdir(dir, 0700);
	printf("| records (check-ins) | history wall ms | api wall ms | list (reference) wall ms | history CPU ms | "
	       "api CPU ms | list CPU ms | history / list | api / list |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (int z = 0; z < nsizes; z++) {
		long n = sizes[z] / PER_CHECKIN;
		struct dy_error err = {0};
		struct dy_db *db;
		struct dy_session *a, *b;
		char path[512], rec[DY_RECOVERY_LEN + 1], code[DY_INVITE_LEN + 1];
		double *wall[5], *cpu[5], hw, aw, lw;
		char newest[DY_ID_LEN + 1], item[DY_ID_LEN + 1];
		struct dy_checkin_history h = {0};
		int64_t exp;

		if (n < 1)
			bench_die("too few records", NULL);
		for (int op = 0; op < 5; op++) {
			wall[op] = bench_calloc((size_t)reps, sizeof(double));
			cpu[op] = bench_calloc((size_t)reps, sizeof(double));
		}
		snprintf(path, sizeof(path), "%s/c%ld.db", dir, sizes[z]);
		remove(path);
		now_ = NOW;
		if (dy_db_open(path, DY_OPEN_CREATE, &db, &err) != 0)
			bench_die(path, &err);
		dy_db_set_clock(db, clock_fn, NULL);
		if (dy_space_create(db, NULL, 0, "Ana", 3, "bench passphrase", 16, rec, &a, &err) != 0 ||
		    dy_invite_create(a, code, &exp, &err) != 0 ||
		    dy_space_join(db, code, strlen(code), "Sam", 3, "bench passphrase 2", 18, rec, &b, &err) != 0)
			bench_die("couple", &err);
		fill(db, a, b, n);
		if (list_all(a) != (size_t)(n * PER_CHECKIN))
			bench_die("the records are not all there", NULL);
		if (dy_checkin_history(a, &h, &err) != 0 || h.checkins.count == 0)
			bench_die("the newest check-in", &err);
		memcpy(newest, h.checkins.items[0].id, DY_ID_LEN + 1);
		dy_checkin_history_release(&h);
		first_item(a, newest, item);
		for (int r = 0; r < reps; r++) {
			for (int op = 0; op < 5; op++) {
				double w0 = bench_ms(CLOCK_MONOTONIC), c0 = bench_ms(CLOCK_THREAD_CPUTIME_ID);

				if (op < 2 && history(a, op == 1) != (size_t)n)
					bench_die("the history lacks check-ins", NULL);
				if (op == 2)
					list_all(a);
				if (op == 3)
					for (int k = 0; k < 10; k++)
						show(a, newest, item);
				if (op == 4)
					for (int k = 0; k < 10; k++)
						get_one(a, newest);
				wall[op][r] = bench_ms(CLOCK_MONOTONIC) - w0;
				cpu[op][r] = bench_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
			}
		}
		hw = bench_quantile(wall[0], (size_t)reps, 0.5);
		aw = bench_quantile(wall[1], (size_t)reps, 0.5);
		lw = bench_quantile(wall[2], (size_t)reps, 0.5);
		printf("| %ld (%ld) | %.2f (p95 %.2f) | %.2f (p95 %.2f) | %.2f (p95 %.2f) | %.2f | %.2f | %.2f | %.1f | %.1f |\n",
		       n * PER_CHECKIN, n, hw, bench_quantile(wall[0], (size_t)reps, 0.95), aw,
		       bench_quantile(wall[1], (size_t)reps, 0.95), lw, bench_quantile(wall[2], (size_t)reps, 0.95),
		       bench_quantile(cpu[0], (size_t)reps, 0.5), bench_quantile(cpu[1], (size_t)reps, 0.5),
		       bench_quantile(cpu[2], (size_t)reps, 0.5), hw / lw, aw / lw);
		printf("|  | by parent for the newest, x10: %.2f ms wall (p95 %.2f), %.2f CPU | get of it, x10 (reference): "
		       "%.2f ms wall (p95 %.2f), %.2f CPU | show / get %.1f |  |  |  |  |  |\n",
		       bench_quantile(wall[3], (size_t)reps, 0.5), bench_quantile(wall[3], (size_t)reps, 0.95),
		       bench_quantile(cpu[3], (size_t)reps, 0.5), bench_quantile(wall[4], (size_t)reps, 0.5),
		       bench_quantile(wall[4], (size_t)reps, 0.95), bench_quantile(cpu[4], (size_t)reps, 0.5),
		       bench_quantile(wall[3], (size_t)reps, 0.5) / bench_quantile(wall[4], (size_t)reps, 0.5));
		fflush(stdout);
		for (int op = 0; op < 5; op++) {
			free(wall[op]);
			free(cpu[op]);
		}
		dy_session_free(a);
		dy_session_free(b);
		dy_db_close(db);
	}
	return 0;
}
