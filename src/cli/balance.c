/*
 * balance.c - dyad pulse (this week's balance pulse) and dyad balance
 * (where I stand: the region of my latest pulse, the trend, my recent
 * pulses, and the map as SVG). Pulses are records of the core's kind
 * "pulse"; the region, trend and map are the core's (balance.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_CONNECTION = 0x100, O_SELF, O_NOW, O_WISH, O_NOTE, O_SHARE, O_SVG, O_LAST };

/* A score asked on the terminal until it is a whole number in lo..hi, or
 * the person gives up (an empty answer or end of input): -1. */
static long long
ask_score(const char *question, long long lo, long long hi)
{
	char answer[32];
	long long n;

	for (;;) {
		if (tty_ask(question, answer, sizeof(answer)) != 0 || answer[0] == '\0')
			return -1;
		if (cli_parse_num(answer, lo, hi, &n) == 0)
			return n;
		cli_note(M_PULSE_RANGE, lo, hi);
	}
}

static int
cmd_pulse(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"connection", required_argument, NULL, O_CONNECTION},
		{"self", required_argument, NULL, O_SELF},
		{"now", required_argument, NULL, O_NOW},
		{"wish", required_argument, NULL, O_WISH},
		{"note", required_argument, NULL, O_NOTE},
		{"share", no_argument, NULL, O_SHARE},
		{NULL, 0, NULL, 0},
	};
	long long connection = -1, self = -1, now = 0, wish = 0;
	const char *note = NULL;
	bool share = false;
	char id[DY_ID_LEN + 1], week[48];
	struct dy_error err = {0};
	struct dy_pulse_week before;
	struct dy_item it;
	json_t *fields = NULL;
	int o, rc = CLI_FAIL;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		switch (o) {
		case CLI_STOP:
			return c->stop;
		case O_CONNECTION:
			if (cli_parse_num(optarg, 0, 10, &connection) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--connection", 0LL, 10LL);
			break;
		case O_SELF:
			if (cli_parse_num(optarg, 0, 10, &self) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--self", 0LL, 10LL);
			break;
		case O_NOW:
			if (cli_parse_num(optarg, 1, 7, &now) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--now", 1LL, 7LL);
			break;
		case O_WISH:
			if (cli_parse_num(optarg, 1, 7, &wish) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--wish", 1LL, 7LL);
			break;
		case O_NOTE:
			note = optarg;
			break;
		case O_SHARE:
			share = true;
			break;
		default:
			break;
		}
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if ((connection < 0 || self < 0) && !(isatty(STDIN_FILENO) && tty_available()))
		return cli_usage(c, M_PULSE_NEEDS);
	if (note && check_text(note, strlen(note), DY_PULSE_NOTE_MAX, "note") != 0)
		return CLI_FAIL;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	/* whether this week (from my pulse day) had a pulse before this one */
	if (dy_pulse_week(c->s, (int64_t)time(NULL), cli_local_day, NULL, &before, &err) != 0)
		return cli_core_fail(&err);
	rc = CLI_FAIL;
	if ((connection < 0 && (connection = ask_score(M_PULSE_ASK_CONNECTION, 0, 10)) < 0) ||
	    (self < 0 && (self = ask_score(M_PULSE_ASK_SELF, 0, 10)) < 0)) {
		cli_err(M_PULSE_NOT_GIVEN);
		goto out;
	}
	if (!(fields = json_pack("{s:I,s:I}", "connection", (json_int_t)connection, "self",
	                         (json_int_t)self)) ||
	    (now && json_object_set_new(fields, "closeness_now", json_integer(now)) != 0) ||
	    (wish && json_object_set_new(fields, "closeness_wish", json_integer(wish)) != 0) ||
	    (note && json_object_set_new(fields, "note", json_string_nocheck(note)) != 0)) {
		cli_err(M_NOMEM);
		goto out;
	}
	if (dy_item_create(c->s, &dy_kind_pulse, NULL, fields, NULL, 0,
	                   share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (note != NULL)
		arg_note_once(c, false);
	if (c->json) {
		if (dy_item_get(c->s, &dy_kind_pulse, id, strlen(id), &it, &err) != 0) {
			rc = cli_core_fail(&err);
			goto out;
		}
		rc = json_out(dy_item_json(&it));
		dy_item_release(&it);
		goto out;
	}
	printf(share ? M_PULSE_SAVED_SHARED : M_PULSE_SAVED, (int)connection, (int)self);
	printf("%s\n", dy_region_words(dy_region_of((double)connection, (double)self)));
	cli_week_words(&before, week, sizeof(week));
	printf(M_PULSE_WEEK, week);
	if (before.given)
		fputs(M_PULSE_AGAIN, stdout);
	rc = out_flush();
out:
	json_decref(fields);
	return rc;
}

/* All pulses of a filter, oldest first, as points (and the list itself,
 * for the table); the caller frees *pts and releases *l. */
static int
pulses(struct cli *c, enum dy_filter filter, struct dy_item_list *l, struct dy_pulse_point **pts)
{
	struct dy_error err = {0};

	if (dy_pulse_points(c->s, filter, l, pts, &err) != 0)
		return cli_core_fail(&err);
	return 0;
}

static int
cmd_balance(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"svg", required_argument, NULL, O_SVG},
		{"last", required_argument, NULL, O_LAST},
		{NULL, 0, NULL, 0},
	};
	const char *svg_path = NULL;
	long long last = 8;
	struct dy_item_list mine = {0}, theirs = {0};
	struct dy_pulse_point *mp = NULL, *tp = NULL;
	struct dy_balance bal;
	struct dy_closeness cg;
	struct dy_pulse_week wk;
	struct dy_error err = {0};
	char week[48];
	struct dy_buf words = DY_BUF_INIT(512), gap = DY_BUF_INIT(512), svg = DY_BUF_INIT(1 << 20);
	size_t i;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		switch (o) {
		case CLI_STOP:
			return c->stop;
		case O_SVG:
			svg_path = optarg;
			break;
		case O_LAST:
			if (cli_parse_num(optarg, 1, 520, &last) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--last", 1LL, 520LL);
			break;
		default:
			break;
		}
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if ((rc = pulses(c, DY_FILTER_MINE, &mine, &mp)) != 0 ||
	    (rc = pulses(c, DY_FILTER_THEIRS, &theirs, &tp)) != 0)
		goto out;
	if (dy_pulse_closeness(&mine, &cg, &err) != 0 ||
	    dy_pulse_week(c->s, (int64_t)time(NULL), cli_local_day, NULL, &wk, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	cli_week_words(&wk, week, sizeof(week));
	rc = CLI_FAIL;
	dy_balance_of(mp, mine.count, &bal);
	dy_balance_trend_words(&bal, &words);
	dy_closeness_words(&cg, &gap);
	if (svg_path) {
		if (dy_balance_map_svg("balance", mp, mine.count, c->me->name, 0, tp, theirs.count,
		                       c->partner ? c->partner->name : NULL, &svg) != 0) {
			cli_err(M_NOMEM);
			goto out;
		}
		if ((rc = cli_write_svg(svg_path, &svg)) != 0 || strcmp(svg_path, "-") == 0)
			goto out;
		rc = CLI_FAIL;
	}
	if (c->json) {
		json_t *list = json_array(), *doc;

		for (i = 0; list && i < mine.count && i < (size_t)last; i++)
			json_array_append_new(list, dy_item_json(&mine.items[i]));
		doc = json_pack("{s:I,s:o,s:o,s:o,s:o,s:I,s:o,s:{s:s%,s:b,s:s}}", "pulses_total", (json_int_t)mine.count,
		                "region", bal.n ? json_string(dy_region_name(bal.region)) : json_null(),
		                "words", bal.n ? json_string(dy_region_words(bal.region)) : json_null(),
		                "trend", bal.trend ? json_pack("{s:f,s:f,s:s}", "connection", bal.d_connection,
		                                               "self", bal.d_self, "words", words.p)
		                                   : json_null(),
		                "pulses", list ? list : json_null(), "partner_shared", (json_int_t)theirs.count,
		                "closeness", cg.n ? json_pack("{s:I,s:i,s:i,s:i,s:f,s:s}", "pictures", (json_int_t)cg.n,
		                                                 "now", cg.now, "wish", cg.wish, "gap", cg.gap,
		                                                 "mean_gap", cg.mean_gap, "words", gap.p)
		                                     : json_null(),
		                "week", "from", week + strlen(week) - 10, (size_t)10, "given", wk.given, "day",
		                dy_weekday_name(wk.weekday));
		rc = json_out(doc);
		goto out;
	}
	if (bal.n == 0) {
		printf(M_BALANCE_NONE);
		printf(M_BALANCE_WEEK_DUE, week);
		rc = out_flush();
		goto out;
	}
	printf(wk.given ? M_BALANCE_WEEK_GIVEN : M_BALANCE_WEEK_DUE, week);
	printf(M_BALANCE_LATEST, (int)bal.connection, (int)bal.self, dy_region_words(bal.region));
	if (bal.trend)
		printf("%s\n", words.p);
	else
		printf(M_BALANCE_NO_TREND, (int)(2 * DY_BALANCE_TREND));
	if (cg.n)
		printf("%s\n", gap.p);
	printf("\n");
	for (i = 0; i < mine.count && i < (size_t)last; i++) {
		const struct dy_item *it = &mine.items[i];
		char when[32];
		json_t *n = json_object_get(it->fields, "note");

		fmt_local(it->created_at, when, sizeof(when));
		printf("%.10s  connected %2d  myself %2d  %s", when,
		       (int)json_integer_value(json_object_get(it->fields, "connection")),
		       (int)json_integer_value(json_object_get(it->fields, "self")),
		       it->vis == DY_VIS_SHARED ? "shared" : "private");
		if (n && json_string_length(n) > 0) {
			fputs("  ", stdout);
			put_clean(stdout, json_string_value(n), json_string_length(n), false);
		}
		fputs("\n", stdout);
	}
	if (c->partner)
		printf(theirs.count ? M_BALANCE_PARTNER : M_BALANCE_PARTNER_NONE, shown(c->partner->name),
		       theirs.count);
	rc = out_flush();
out:
	free(mp);
	free(tp);
	dy_item_list_release(&mine);
	dy_item_list_release(&theirs);
	dy_buf_release(&words);
	dy_buf_release(&gap);
	dy_buf_release(&svg);
	return rc;
}

static const struct cli_cmd balance_cmds[] = {
	{"pulse", cmd_pulse, S_PULSE, H_PULSE},
	{"balance", cmd_balance, S_BALANCE, H_BALANCE},
};

const struct cli_family cli_balance_family = CLI_FAMILY(NULL, NULL, NULL, balance_cmds);
