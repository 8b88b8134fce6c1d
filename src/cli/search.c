/*
 * search.c - dyad journal search WORDS: the core's full-text search
 * (search.h) over my entries and my partner's shared ones, best first,
 * each with its passage and the matched words in bold (on a terminal
 * with colours).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_LIMIT = 0x100 };

/* Write s[0..n) cleaned, the spans in bold. */
static void
put_marked(const struct cli *c, const char *s, size_t n, const struct dy_search_span *m, size_t nm)
{
	size_t at = 0;

	for (size_t i = 0; i <= nm; i++) {
		size_t ms = i < nm ? m[i].start : n, ml = i < nm ? m[i].len : 0;

		put_clean(stdout, s + at, ms - at, false);
		if (ml > 0) {
			fputs(col(c, C_BOLD), stdout);
			put_clean(stdout, s + ms, ml, false);
			fputs(col(c, C_RESET), stdout);
		}
		at = ms + ml;
	}
}

/* The query from the operands: joined by spaces; an operand with a space
 * and no quote was one quoted phrase on the shell's command line, and is
 * a phrase here too. */
static int
query_of(int argc, char **argv, struct dy_buf *q)
{
	for (int i = optind; i < argc; i++) {
		bool phrase = strchr(argv[i], ' ') != NULL && strchr(argv[i], '"') == NULL;

		if (i > optind)
			dy_buf_add(q, " ", 1);
		if (phrase)
			dy_buf_add(q, "\"", 1);
		dy_buf_addstr(q, argv[i]);
		if (phrase)
			dy_buf_add(q, "\"", 1);
	}
	return q->err;
}

int
cmd_journal_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_FILTER_OPTIONS,
		{"limit", required_argument, NULL, O_LIMIT},
		{NULL, 0, NULL, 0},
	};
	struct cli_filter f = CLI_FILTER_INIT;
	struct dy_buf q = DY_BUF_INIT(DY_SEARCH_QUERY_MAX);
	struct dy_search_result r = {0};
	struct dy_error err = {0};
	long long limit = 20;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_LIMIT && cli_parse_num(optarg, 1, DY_SEARCH_LIMIT_MAX, &limit) != 0)
			return cli_usage(c, M_BAD_NUMBER, "--limit", 1LL, (long long)DY_SEARCH_LIMIT_MAX);
		cli_filter_opt(o, &f);
	}
	if ((rc = cli_filter_check(c, &f)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "WORDS");
	if (query_of(argc, argv, &q) != 0) {
		dy_buf_release(&q);
		cli_err(M_SEARCH_TOO_LONG, DY_SEARCH_QUERY_MAX);
		return CLI_FAIL;
	}
	if ((rc = cli_unlock(c)) != 0)
		goto out;
	if (dy_journal_search(c->s, q.p, q.len, f.filter, (size_t)limit, &r, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json) {
		json_t *hits = json_array();

		for (size_t i = 0; hits != NULL && i < r.count; i++)
			if (json_array_append_new(hits, dy_search_hit_json(&r.hits[i])) != 0) {
				json_decref(hits);
				hits = NULL;
			}
		rc = json_out(hits != NULL ? json_pack("{s:s%, s:I, s:o, s:I}", "query", q.p, q.len, "total",
		                                       (json_int_t)r.total, "hits", hits, "damaged",
		                                       (json_int_t)r.damaged)
		                           : NULL);
		if (rc == 0)
			cli_say_damaged(r.damaged, M_DAMAGED_ENTRY, M_DAMAGED_ENTRIES);
		goto out;
	}
	if (r.count == 0)
		fputs(M_SEARCH_NONE, stdout);
	for (size_t i = 0; i < r.count; i++) {
		const struct dy_search_hit *h = &r.hits[i];
		const struct dy_entry *e = &h->entry;
		char when[32], mark[DY_NAME_MAX + 16];

		fmt_local(e->created_at, when, sizeof(when));
		if (!e->mine)
			snprintf(mark, sizeof(mark), M_FROM, shown(e->author));
		else
			snprintf(mark, sizeof(mark), "%s", e->shared ? M_SHARED : M_PRIVATE);
		printf("%s%.8s%s  %s  %s", col(c, C_DIM), e->id, col(c, C_RESET), when, mark);
		if (e->title_len > 0) {
			fputs("  ", stdout);
			put_marked(c, e->title, e->title_len, h->title_marks, h->ntitle_marks);
		}
		fputs("\n    ", stdout);
		if (h->passage_start > 0)
			fputs("...", stdout);
		put_marked(c, e->text + h->passage_start, h->passage_len, h->marks, h->nmarks);
		if (h->passage_start + h->passage_len < e->text_len)
			fputs("...", stdout);
		fputs("\n", stdout);
	}
	if (r.total > r.count)
		printf(M_SEARCH_MORE, r.count, r.total);
	rc = out_flush();
	if (rc == 0)
		cli_say_damaged(r.damaged, M_DAMAGED_ENTRY, M_DAMAGED_ENTRIES);
out:
	dy_search_release(&r);
	dy_buf_release(&q);
	return rc;
}
