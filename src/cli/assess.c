/*
 * assess.c - dyad assess: the questionnaires I can take (list), taking one
 * an item at a time (take: answers read from standard input, one a line,
 * so a terminal and a script work alike; stopping saves the taking and the
 * next take resumes it), results with their change (results), sharing
 * results (share, unshare), deleting a taking (rm), and importing a
 * questionnaire (import). The core keeps everything (assess.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_ALL = 0x100, O_THEIRS };

#define BAR 20

/*
 * The smallest change that is reliable, as said to a person: the smallest
 * figure of two decimals above it. Rounded to the nearest (0.4704 as
 * 0.47), a change of exactly the figure said would be judged noise, since
 * a change is reliable only when |RCI| > 1.96, that is, above it.
 */
static double
reliable_shown(double reliable_delta)
{
	return (floor(reliable_delta * 100.0) + 1.0) / 100.0;
}

static int
no_more(struct cli *c, int argc, char **argv)
{
	return optind < argc ? cli_usage(c, M_EXTRA_OPERAND, argv[optind]) : 0;
}

/* Options: none beyond the global ones. Nonzero: stop and return it
 * (CLI_STOP after --help, which main turns into the exit status). */
static int
plain_opts(struct cli *c, int argc, char **argv)
{
	int o;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return CLI_STOP;
	return 0;
}

static void
bar(double frac, int width)
{
	int i, fill = (int)(frac * width + 0.5);

	if (fill < 0)
		fill = 0;
	if (fill > width)
		fill = width;
	for (i = 0; i < width; i++)
		fputs(i < fill ? "#" : "-", stdout);
}

static int
cmd_assess_list(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	json_t *list, *v;
	size_t i;
	int rc;

	if ((rc = plain_opts(c, argc, argv)) != 0 || (rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_assess_instruments_json(c->s, &list, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(list);
	json_array_foreach(list, i, v) {
		printf("%s  %s (%d items, %d parts)%s\n", shown(json_string_value(json_object_get(v, "id"))),
		       shown(json_string_value(json_object_get(v, "title"))),
		       (int)json_integer_value(json_object_get(v, "items")),
		       (int)json_integer_value(json_object_get(v, "facets")),
		       json_is_true(json_object_get(v, "builtin")) ? "" : M_ASSESS_IMPORTED);
	}
	printf(M_ASSESS_LIST_HINT);
	json_decref(list);
	return out_flush();
}

/* One line from standard input into buf: 1, or 0 at its end. */
static int
read_answer(char *buf, size_t n)
{
	size_t len;

	if (!fgets(buf, (int)n, stdin))
		return 0;
	len = strlen(buf);
	if (len > 0 && buf[len - 1] != '\n' && !feof(stdin)) {
		int ch;
		while ((ch = getchar()) != EOF && ch != '\n')
			;
		buf[0] = 'x';  /* too long: not an answer */
		buf[1] = '\0';
		return 1;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	return 1;
}

static int
cmd_assess_take(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_instrument *in = NULL;
	struct dy_instrument_info info;
	struct dy_instrument_item item;
	struct dy_taking t;
	char line[64], rid[DY_ID_LEN + 1];
	const char *id = NULL;
	bool resumed, stopped = false;
	size_t i;
	int rc;

	if ((rc = plain_opts(c, argc, argv)) != 0)
		return rc;
	if (optind < argc)
		id = argv[optind++];
	if ((rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	rc = CLI_FAIL;
	if (dy_assess_instrument(c->s, id, &in, &err) != 0 || dy_assess_start(c->s, in, &t, &resumed, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	dy_instrument_info(in, &info);
	printf("%s\n\n", shown(info.title));
	if (resumed)
		printf(M_ASSESS_RESUMED, t.answered, t.n);
	else
		printf("%s\n\n", info.instructions ? info.instructions : "");
	printf(M_ASSESS_HOW, info.scale_min, info.scale_max);
	for (i = 0; i < (size_t)(info.scale_max - info.scale_min + 1); i++)
		printf("  %d  %s\n", info.scale_min + (int)i, info.labels[i]);
	for (i = t.next; i < t.n; i++) {
		long long v;

		if (t.answers[i] != DY_INSTRUMENT_NO_ANSWER)
			continue;
		dy_instrument_item(in, i, &item);
		printf("\n[");
		bar((double)t.answered / (double)t.n, BAR);
		printf("] %zu/%zu\n%s\n", t.answered + 1, t.n, item.text);
		for (;;) {
			printf(M_ASSESS_PROMPT, info.scale_min, info.scale_max);
			fflush(stdout);
			if (!read_answer(line, sizeof(line)) || line[0] == '\0' || strcmp(line, "q") == 0) {
				stopped = true;
				break;
			}
			if (cli_parse_num(line, info.scale_min, info.scale_max, &v) == 0)
				break;
			printf(M_ASSESS_RANGE, info.scale_min, info.scale_max);
		}
		if (stopped)
			break;
		if (dy_assess_answer(c->s, in, t.id, i, (int)v, &err) != 0) {
			rc = cli_core_fail(&err);
			goto out;
		}
		t.answers[i] = (int)v;
		t.answered++;
	}
	if (stopped) {
		printf("\n" M_ASSESS_SAVED, t.answered, t.n);
		rc = out_flush();
		goto out;
	}
	if (dy_assess_finish(c->s, in, t.id, rid, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	printf("\n[");
	bar(1, BAR);
	printf("] %zu/%zu\n" M_ASSESS_DONE, t.n, t.n);
	rc = out_flush();
out:
	dy_instrument_free(in);
	return rc;
}

/* Facet bars of one taking (a report's "takings" member). */
static void
print_facets(const json_t *taking, const json_t *instrument)
{
	const json_t *f, *scale = json_object_get(instrument, "scale");
	double lo = scale ? (double)json_integer_value(json_object_get(scale, "min")) : 1,
	       hi = scale ? (double)json_integer_value(json_object_get(scale, "max")) : 6;
	size_t i;

	json_array_foreach(json_object_get(taking, "facets"), i, f) {
		double score = json_number_value(json_object_get(f, "score"));
		const char *meaning = json_string_value(json_object_get(f, "meaning"));

		printf("  %-24s [", shown(json_string_value(json_object_get(f, "name"))));
		bar(hi > lo ? (score - lo) / (hi - lo) : 0, BAR);
		printf("] %.2f\n", score);
		if (meaning && *meaning)
			printf("    %s\n", meaning);
	}
	printf("  %-24s [", M_ASSESS_OVERALL);
	bar(hi > lo ? (json_number_value(json_object_get(taking, "overall")) - lo) / (hi - lo) : 0, BAR);
	printf("] %.2f\n", json_number_value(json_object_get(taking, "overall")));
}

static int
cmd_assess_results(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, O_ALL},
		{"theirs", no_argument, NULL, O_THEIRS},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	const char *id = NULL;
	bool all = false, theirs = false;
	json_t *rep, *takings, *ins, *change, *v;
	int64_t last = 0, next = 0;
	bool due = false;
	size_t i, n;
	int o, rc, every = DY_ASSESS_EVERY_DEFAULT;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_ALL)
			all = true;
		else if (o == O_THEIRS)
			theirs = true;
	}
	if (optind < argc)
		id = argv[optind++];
	if ((rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (theirs && !c->partner) {
		cli_err(M_ASSESS_NO_PARTNER);
		return CLI_FAIL;
	}
	if (dy_assess_report(c->s, id, theirs, &rep, &err) != 0)
		return cli_core_fail(&err);
	/* when the next taking is suggested, at my interval (dyad settings
	 * check-every) */
	if (!theirs && (dy_check_every_get(c->s, &every, &err) != 0 ||
	                dy_assess_due(c->s, id, dy_db_now(c->db), every, &due, &last, &next, &err) != 0)) {
		json_decref(rep);
		return cli_core_fail(&err);
	}
	if (c->json) {
		char last_iso[DY_TIME_ISO_LEN + 1], next_iso[DY_TIME_ISO_LEN + 1];

		dy_time_iso(last, last_iso);
		dy_time_iso(next, next_iso);
		if (!theirs && json_object_set_new(rep, "due", json_pack("{s:b,s:i,s:o,s:o}", "due", due, "every_months",
		                                                         every, "last_at", last ? json_string(last_iso)
		                                                                                : json_null(),
		                                                         "next_at", next ? json_string(next_iso)
		                                                                         : json_null())) != 0) {
			json_decref(rep);
			cli_err(M_NOMEM);
			return CLI_FAIL;
		}
		return json_out(rep);
	}
	takings = json_object_get(rep, "takings");
	ins = json_object_get(rep, "instrument");
	change = json_object_get(rep, "change");
	n = json_array_size(takings);
	if (json_is_object(ins))
		printf("%s\n", shown(json_string_value(json_object_get(ins, "title"))));
	if (n == 0) {
		if (theirs)
			printf(M_ASSESS_THEIRS_NONE, shown(c->partner->name));
		else
			printf(M_ASSESS_NONE);
	} else {
		char when[32];

		v = json_array_get(takings, n - 1);
		printf(theirs ? M_ASSESS_THEIR_LATEST : M_ASSESS_LATEST,
		       theirs ? shown(c->partner->name) : "", json_string_value(json_object_get(v, "taken_at")));
		print_facets(v, ins);
		if (json_is_object(change)) {
			const json_t *f;

			printf("\n" M_ASSESS_CHANGE);
			printf("  %s\n", json_string_value(json_object_get(change, "words")));
			json_array_foreach(json_object_get(change, "facets"), i, f)
				printf("  %s (RCI %.2f)\n", json_string_value(json_object_get(f, "words")),
				       json_number_value(json_object_get(f, "rci")));
			printf(M_ASSESS_RCI_NOTE, reliable_shown(json_number_value(json_object_get(
			                              json_object_get(change, "overall"), "reliable_delta"))));
		}
		printf("\n" M_ASSESS_HISTORY);
		for (i = n; i-- > 0;) {
			v = json_array_get(takings, i);
			snprintf(when, sizeof(when), "%.10s", json_string_value(json_object_get(v, "taken_at")));
			printf("  %s  %.8s  overall %.2f  %s\n", when, json_string_value(json_object_get(v, "id")),
			       json_number_value(json_object_get(v, "overall")),
			       json_is_true(json_object_get(v, "shared")) ? M_SHARED : M_PRIVATE);
			if (all && i + 1 < n)
				print_facets(v, ins);
		}
	}
	if (!theirs) {
		if (due && last)
			printf("\n" M_ASSESS_DUE, every, every == 1 ? "" : "s");
		else if (!due) {
			char when[32];

			fmt_local(next, when, sizeof(when));
			printf("\n" M_ASSESS_NEXT, when);
		}
		v = json_object_get(rep, "unfinished");
		if (json_is_object(v))
			printf("\n" M_ASSESS_UNFINISHED, (int)json_integer_value(json_object_get(v, "answered")),
			       (int)json_integer_value(json_object_get(v, "items")));
		printf("\n%s", json_is_true(json_object_get(rep, "sharing")) ? M_ASSESS_SHARING_ON : M_ASSESS_SHARING_OFF);
	}
	if (json_is_object(ins) && json_is_true(json_object_get(ins, "provisional")))
		printf(M_ASSESS_PROVISIONAL);
	json_decref(rep);
	return out_flush();
}

static int
set_sharing(struct cli *c, int argc, char **argv, bool on)
{
	struct dy_error err = {0};
	size_t changed = 0;
	int rc;

	if ((rc = plain_opts(c, argc, argv)) != 0 || (rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_assess_set_sharing(c->s, on, &changed, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:b,s:I}", "sharing", on, "changed", (json_int_t)changed));
	printf(on ? M_ASSESS_SHARED : M_ASSESS_UNSHARED, changed);
	return out_flush();
}

static int
cmd_assess_share(struct cli *c, int argc, char **argv)
{
	return set_sharing(c, argc, argv, true);
}

static int
cmd_assess_unshare(struct cli *c, int argc, char **argv)
{
	return set_sharing(c, argc, argv, false);
}

static int
cmd_assess_rm(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	const char *id;
	int rc;

	if ((rc = plain_opts(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		return rc;
	if ((rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_assess_delete(c->s, id, strlen(id), &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s,s:b}", "id", id, "deleted", 1));
	printf(M_ASSESS_DELETED, shown(id));
	return out_flush();
}

static int
cmd_assess_import(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_buf b = DY_BUF_INIT(DY_INSTRUMENT_MAX_BYTES);
	char id[DY_ASSESS_ID_MAX + 1];
	const char *path;
	int fd, rc;

	if ((rc = plain_opts(c, argc, argv)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "FILE");
	path = argv[optind++];
	if ((rc = no_more(c, argc, argv)) != 0)
		return rc;
	if ((fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		cli_err(M_CANNOT_READ, path, strerror(errno));
		return CLI_FAIL;
	}
	rc = buf_read_fd(&b, fd);
	if (fd != STDIN_FILENO)
		close(fd);
	if (rc != 0 || b.err == DY_ETOOBIG) {
		cli_err(b.err == DY_ETOOBIG ? M_ASSESS_TOO_BIG : M_CANNOT_READ, path,
		        b.err == DY_ETOOBIG ? "" : strerror(errno));
		rc = CLI_FAIL;
		goto out;
	}
	if ((rc = cli_unlock(c)) != 0)
		goto out;
	if (dy_assess_import(c->s, b.p ? b.p : "", b.len, id, &err) != 0) {
		cli_err(M_ASSESS_IMPORT_BAD, shown(path), err.msg);
		rc = CLI_FAIL;
		goto out;
	}
	if (c->json)
		rc = json_out(json_pack("{s:s}", "id", id));
	else {
		printf(M_ASSESS_IMPORTED_OK, shown(id), shown(id));
		rc = out_flush();
	}
out:
	dy_buf_release(&b);
	return rc;
}

static const struct cli_cmd assess_cmds[] = {
	{"list", cmd_assess_list, S_ALIST, H_ALIST},
	{"take", cmd_assess_take, S_ATAKE, H_ATAKE},
	{"results", cmd_assess_results, S_ARESULTS, H_ARESULTS},
	{"share", cmd_assess_share, S_ASHARE, H_ASHARE},
	{"unshare", cmd_assess_unshare, S_AUNSHARE, H_AUNSHARE},
	{"rm", cmd_assess_rm, S_ARM, H_ARM},
	{"import", cmd_assess_import, S_AIMPORT, H_AIMPORT},
};

const struct cli_family cli_assess_family = CLI_FAMILY("assess", S_ASSESS, H_ASSESS, assess_cmds);
