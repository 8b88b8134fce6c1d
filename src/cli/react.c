/*
 * react.c - dyad react add, list, show, share, unshare, rm, stats,
 * feelings; and dyad pause, the guided pause.
 *
 * A reaction is built here as the JSON object of its fields and checked by
 * the core's descriptor (src/core/reaction.c): intensity 0..10, feeling
 * words from the vocabulary, limits on every text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum {
	O_INTENSITY = 'i', O_FEEL = 'f', O_TRIGGER = 't', O_PAUSED = 'p', O_SHARE = 's',
	O_URGE = 0x100, O_DID, O_NEED, O_AT, O_SVG, O_BREATHS, O_COOL, O_HAPPENED, O_NOT_PAUSED,
};

static int
add_words(json_t *arr, const char *s)
{
	while (*s != '\0') {
		const char *end = strchr(s, ',');
		size_t n = end != NULL ? (size_t)(end - s) : strlen(s);

		while (n > 0 && *s == ' ') {
			s++;
			n--;
		}
		while (n > 0 && s[n - 1] == ' ')
			n--;
		if (n > 0 && json_array_append_new(arr, json_stringn_nocheck(s, n)) != 0)
			return -1;
		if (end == NULL)
			break;
		s = end + 1;
	}
	return 0;
}

static int
set_text(json_t *o, const char *name, const char *v)
{
	return v == NULL ? 0 : json_object_set_new(o, name, json_stringn_nocheck(v, strlen(v)));
}

static int
cmd_react_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"intensity", required_argument, NULL, O_INTENSITY},
		{"feel", required_argument, NULL, O_FEEL},
		{"trigger", required_argument, NULL, O_TRIGGER},
		{"urge", required_argument, NULL, O_URGE},
		{"did", required_argument, NULL, O_DID},
		{"paused", no_argument, NULL, O_PAUSED},
		{"need", required_argument, NULL, O_NEED},
		{"at", required_argument, NULL, O_AT},
		{"share", no_argument, NULL, O_SHARE},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	json_t *f = json_object(), *feel = json_array(), *trig = json_array();
	const char *urge = NULL, *did = NULL, *need = NULL, *at_s = NULL, *happened;
	long long intensity = -1;
	bool paused = false, share = false;
	int64_t at = (int64_t)time(NULL);
	char id[DY_ID_LEN + 1];
	int o, rc = CLI_FAIL;

	if (f == NULL || feel == NULL || trig == NULL) {
		cli_err("Out of memory.");
		goto out;
	}
	while ((o = cli_getopt(c, argc, argv, "i:f:t:ps", opts)) != -1) {
		switch (o) {
		case CLI_STOP:
			rc = c->stop;
			goto out;
		case O_INTENSITY:
			if (cli_parse_num(optarg, 0, DY_REACT_INTENSITY_MAX, &intensity) != 0) {
				cli_err(M_BAD_NUMBER, "The intensity", 0LL, (long long)DY_REACT_INTENSITY_MAX);
				goto out;
			}
			break;
		case O_FEEL:
			if (add_words(feel, optarg) != 0)
				goto out;
			break;
		case O_TRIGGER:
			if (add_words(trig, optarg) != 0)
				goto out;
			break;
		case O_URGE: urge = optarg; break;
		case O_DID: did = optarg; break;
		case O_NEED: need = optarg; break;
		case O_AT: at_s = optarg; break;
		case O_PAUSED: paused = true; break;
		case O_SHARE: share = true; break;
		default: break;
		}
	}
	if (optind >= argc) {
		rc = cli_usage(c, M_MISSING, "WHAT-HAPPENED");
		goto out;
	}
	happened = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		goto out;
	if (intensity < 0) {
		rc = cli_usage(c, M_MISSING, "--intensity N (0 to 10)");
		goto out;
	}
	rc = CLI_FAIL;
	if (at_s != NULL && cli_parse_when(at_s, at, &at) != 0) {
		cli_err(M_BAD_WHEN, at_s);
		goto out;
	}
	if (json_object_set_new(f, "happened", json_stringn_nocheck(happened, strlen(happened))) != 0 ||
	    json_object_set_new(f, "intensity", json_integer(intensity)) != 0 ||
	    json_object_set_new(f, "paused", json_boolean(paused)) != 0 ||
	    json_object_set_new(f, "at", json_integer(at)) != 0 || set_text(f, "urge", urge) != 0 ||
	    set_text(f, "did", did) != 0 || set_text(f, "need", need) != 0 ||
	    (json_array_size(feel) > 0 && json_object_set(f, "feelings", feel) != 0) ||
	    (json_array_size(trig) > 0 && json_object_set(f, "triggers", trig) != 0)) {
		cli_err("Out of memory.");
		goto out;
	}
	/* check what can be checked before the passphrase: the descriptor's
	 * own rules, through a dry run would need a session; the feeling
	 * words and numbers are the usual mistakes, so check those now */
	for (size_t i = 0; i < json_array_size(feel); i++) {
		const json_t *w = json_array_get(feel, i);

		if (!dy_feeling_known(json_string_value(w), json_string_length(w))) {
			cli_err("\"%.32s\" is not one of dyad's feeling words; %s", json_string_value(w),
			        M_FEEL_UNKNOWN_HINT);
			goto out;
		}
	}
	if ((rc = cli_unlock(c)) != 0)
		goto out;
	/* checked above in the system's zone; meant in the person's own */
	if (at_s != NULL && (cli_parse_when(at_s, (int64_t)time(NULL), &at) != 0 ||
	                     json_object_set_new(f, "at", json_integer(at)) != 0)) {
		cli_err(M_BAD_WHEN, at_s);
		rc = CLI_FAIL;
		goto out;
	}
	if (dy_item_create(c->s, &dy_kind_reaction, NULL, f, NULL, 0, share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id,
	                   &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	arg_note_once(c, false);   /* what happened is always an argument */
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", id, "shared", share));
	else {
		if (isatty(STDOUT_FILENO))
			printf(share ? M_REACT_SAVED_SHARED : M_REACT_SAVED, id);
		else
			printf("%s\n", id);
		rc = out_flush();
	}
out:
	json_decref(f);
	json_decref(feel);
	json_decref(trig);
	return rc;
}

/* A reaction's line in a list: id, when, intensity, whether I paused,
 * whose, what happened. */
static void
react_line(struct cli *c, const struct dy_item *it)
{
	const json_t *h = json_object_get(it->fields, "happened");
	char when[32], mark[DY_NAME_MAX + 16];

	fmt_local(json_integer_value(json_object_get(it->fields, "at")), when, sizeof(when));
	cli_item_mark(it, mark, sizeof(mark));
	printf("%s%.8s%s  %s  %2lld/10  %s%s  (%s)  ", col(c, C_DIM), it->id, col(c, C_RESET), when,
	       (long long)json_integer_value(json_object_get(it->fields, "intensity")),
	       json_is_true(json_object_get(it->fields, "paused")) ? "paused" : "      ", "", mark);
	put_clean(stdout, json_string_value(h), json_string_length(h) > 50 ? 50 : json_string_length(h), false);
	fputc('\n', stdout);
}

static const struct cli_kind react_kind = {
	.kind = &dy_kind_reaction,
	.not_found = M_REACT_NOT_FOUND,
	.empty = M_REACT_EMPTY,
	.edited = M_REACT_EDITED,
	.line = react_line,
};

static int
cmd_react_list(struct cli *c, int argc, char **argv)
{
	return cli_items_list(c, argc, argv, &react_kind);
}

static void
show_text(const struct dy_item *it, const char *field, const char *label)
{
	const json_t *v = json_object_get(it->fields, field);

	if (!json_is_string(v))
		return;
	printf("%s: ", label);
	put_clean(stdout, json_string_value(v), json_string_length(v), true);
	fputc('\n', stdout);
}

static void
show_list(const struct dy_item *it, const char *field, const char *label)
{
	const json_t *v = json_object_get(it->fields, field);

	if (json_array_size(v) == 0)
		return;
	printf("%s: ", label);
	for (size_t i = 0; i < json_array_size(v); i++) {
		const json_t *w = json_array_get(v, i);

		if (i > 0)
			fputs(", ", stdout);
		put_clean(stdout, json_string_value(w), json_string_length(w), false);
	}
	fputc('\n', stdout);
}

static int
cmd_react_show(struct cli *c, int argc, char **argv)
{
	struct dy_item it;
	char when[32], mark[DY_NAME_MAX + 16];
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &react_kind, &it)) != 0)
		return rc;
	if (c->json) {
		rc = json_out(dy_item_json(&it));
		dy_item_release(&it);
		return rc;
	}
	fmt_local(json_integer_value(json_object_get(it.fields, "at")), when, sizeof(when));
	cli_item_mark(&it, mark, sizeof(mark));
	printf("%s%s%s  %s  %s\n\n", col(c, C_DIM), it.id, col(c, C_RESET), mark, when);
	show_text(&it, "happened", "What happened");
	show_list(&it, "triggers", "What set it off");
	show_list(&it, "feelings", "What I felt");
	printf("Intensity: %lld of 10\n", (long long)json_integer_value(json_object_get(it.fields, "intensity")));
	show_text(&it, "urge", "The urge");
	show_text(&it, "did", "What I did");
	printf("Paused first: %s\n", json_is_true(json_object_get(it.fields, "paused")) ? "yes" : "no");
	show_text(&it, "need", "What I need");
	dy_item_release(&it);
	return out_flush();
}

/* share, unshare or rm: what = 0, 1, 2 */
static int
change(struct cli *c, int argc, char **argv, int what)
{
	struct dy_error err = {0};
	struct dy_item it;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &react_kind, &it)) != 0)
		return rc;
	rc = CLI_FAIL;
	if (!it.mine) {
		cli_err(M_REACT_NOT_YOURS, it.author, it.author);
		goto out;
	}
	if (what == 2 ? dy_item_delete(c->s, &dy_kind_reaction, it.id, strlen(it.id), &err)
	              : dy_item_set_vis(c->s, &dy_kind_reaction, it.id, strlen(it.id),
	                                what == 0 ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, &err)) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json)
		rc = json_out(what == 2 ? json_pack("{s:s, s:b}", "id", it.id, "deleted", 1)
		                        : json_pack("{s:s, s:b}", "id", it.id, "shared", what == 0));
	else {
		printf(what == 0 ? M_REACT_SHARED : what == 1 ? M_REACT_UNSHARED : M_REACT_RM_DONE, it.id);
		rc = out_flush();
	}
out:
	dy_item_release(&it);
	return rc;
}

static int
cmd_react_share(struct cli *c, int argc, char **argv)
{
	return change(c, argc, argv, 0);
}

static int
cmd_react_unshare(struct cli *c, int argc, char **argv)
{
	return change(c, argc, argv, 1);
}

static int
cmd_react_rm(struct cli *c, int argc, char **argv)
{
	return change(c, argc, argv, 2);
}

static void
print_tops(const char *label, const struct dy_react_top *t, size_t n)
{
	if (n == 0)
		return;
	fputs(label, stdout);
	for (size_t i = 0; i < n; i++) {
		printf("%s ", i > 0 ? "," : "");
		put_clean(stdout, t[i].word, strlen(t[i].word), false);
		printf(" (%d)", t[i].count);
	}
	fputc('\n', stdout);
}

static int
cmd_react_stats(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"svg", required_argument, NULL, O_SVG},
		{NULL, 0, NULL, 0},
	};
	struct dy_reaction_stats st;
	struct dy_error err = {0};
	const char *svg_path = NULL;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_SVG)
			svg_path = optarg;
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_reaction_stats(c->s, (int64_t)time(NULL), cli_local_day, NULL, &st, &err) != 0)
		return cli_core_fail(&err);
	if (svg_path != NULL) {
		struct dy_buf svg = DY_BUF_INIT(1 << 20);

		if (dy_reaction_chart(&st, "reaction-chart", &svg, &err) != 0) {
			dy_buf_release(&svg);
			return cli_core_fail(&err);
		}
		rc = cli_write_svg(svg_path, &svg);
		dy_buf_release(&svg);
		if (rc != 0)
			return rc;
	}
	if (c->json) {
		rc = json_out(dy_reaction_stats_json(&st));
		goto out;
	}
	if (st.count == 0) {
		/* "nothing yet" would be untrue when some could not be read */
		if (st.damaged == 0)
			fputs(M_REACT_NONE, stdout);
	} else {
		printf(M_REACT_COUNT, st.count, st.count == 1 ? "moment" : "moments", st.paused);
		if (st.week_count > 0)
			printf(M_REACT_WEEK, st.week_count, st.week_count == 1 ? "moment" : "moments", st.week_paused);
		fputs("\n" M_REACT_INTENSITY, stdout);
		for (int i = 0; i < DY_REACT_WEEKS; i++) {
			char day[16];

			if (st.weeks[i].count == 0)
				continue;
			dy_day_short(st.weeks[i].monday, day);
			printf("  %-6s  %.1f  (%d noted, %d paused)\n", day, st.weeks[i].intensity, st.weeks[i].count,
			       st.weeks[i].paused);
		}
		fputc('\n', stdout);
		print_tops(M_REACT_FEELINGS, st.feelings, st.nfeelings);
		print_tops(M_REACT_TRIGGERS, st.triggers, st.ntriggers);
	}
	if (svg_path != NULL)
		printf(M_SVG_WRITTEN, svg_path);
	rc = out_flush();
out:
	if (rc == 0)
		cli_say_damaged(st.damaged, M_DAMAGED_REACTION, M_DAMAGED_REACTIONS);
	return rc;
}

static int
cmd_react_feelings(struct cli *c, int argc, char **argv)
{
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (c->json)
		return json_out(dy_feelings_json());
	for (size_t g = 0; g < dy_feeling_ngroups; g++) {
		printf("%-10s ", dy_feeling_groups[g].label);
		for (size_t i = 0; i < dy_feeling_groups[g].nwords; i++)
			printf("%s%s", i > 0 ? ", " : "", dy_feeling_groups[g].words[i]);
		fputc('\n', stdout);
	}
	return out_flush();
}

/* A text member to change: the text, or null (removed) when empty. */
static int
edit_text(json_t *o, const char *name, const char *v)
{
	if (v == NULL)
		return 0;
	return json_object_set_new(o, name, v[0] != '\0' ? json_stringn_nocheck(v, strlen(v)) : json_null());
}

static int
cmd_react_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"happened", required_argument, NULL, O_HAPPENED},
		{"intensity", required_argument, NULL, O_INTENSITY},
		{"feel", required_argument, NULL, O_FEEL},
		{"trigger", required_argument, NULL, O_TRIGGER},
		{"urge", required_argument, NULL, O_URGE},
		{"did", required_argument, NULL, O_DID},
		{"paused", no_argument, NULL, O_PAUSED},
		{"not-paused", no_argument, NULL, O_NOT_PAUSED},
		{"need", required_argument, NULL, O_NEED},
		{"at", required_argument, NULL, O_AT},
		{NULL, 0, NULL, 0},
	};
	json_t *f = json_object(), *feel = json_array(), *trig = json_array();
	const char *id, *happened = NULL, *urge = NULL, *did = NULL, *need = NULL, *at_s = NULL;
	bool feel_given = false, trig_given = false;
	long long intensity = -1;
	int paused = -1;
	int64_t at = (int64_t)time(NULL);
	int o, rc = CLI_FAIL;

	if (f == NULL || feel == NULL || trig == NULL) {
		cli_err(M_NOMEM);
		goto out;
	}
	while ((o = cli_getopt(c, argc, argv, "i:f:t:p", opts)) != -1) {
		switch (o) {
		case CLI_STOP:
			rc = c->stop;
			goto out;
		case O_INTENSITY:
			if (cli_parse_num(optarg, 0, DY_REACT_INTENSITY_MAX, &intensity) != 0) {
				cli_err(M_BAD_NUMBER, "The intensity", 0LL, (long long)DY_REACT_INTENSITY_MAX);
				goto out;
			}
			break;
		case O_FEEL:
			feel_given = true;
			if (add_words(feel, optarg) != 0)
				goto out;
			break;
		case O_TRIGGER:
			trig_given = true;
			if (add_words(trig, optarg) != 0)
				goto out;
			break;
		case O_HAPPENED: happened = optarg; break;
		case O_URGE: urge = optarg; break;
		case O_DID: did = optarg; break;
		case O_NEED: need = optarg; break;
		case O_AT: at_s = optarg; break;
		case O_PAUSED: paused = 1; break;
		case O_NOT_PAUSED: paused = 0; break;
		default: break;
		}
	}
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		goto out;
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		goto out;
	rc = CLI_FAIL;
	if (at_s != NULL && cli_parse_when(at_s, at, &at) != 0) {
		cli_err(M_BAD_WHEN, at_s);
		goto out;
	}
	if ((happened != NULL && json_object_set_new(f, "happened", json_stringn_nocheck(happened, strlen(happened))) != 0) ||
	    (intensity >= 0 && json_object_set_new(f, "intensity", json_integer(intensity)) != 0) ||
	    (paused >= 0 && json_object_set_new(f, "paused", json_boolean(paused)) != 0) ||
	    (at_s != NULL && json_object_set_new(f, "at", json_integer(at)) != 0) || edit_text(f, "urge", urge) != 0 ||
	    edit_text(f, "did", did) != 0 || edit_text(f, "need", need) != 0 ||
	    (feel_given && json_object_set(f, "feelings", json_array_size(feel) > 0 ? feel : json_null()) != 0) ||
	    (trig_given && json_object_set(f, "triggers", json_array_size(trig) > 0 ? trig : json_null()) != 0)) {
		cli_err(M_NOMEM);
		goto out;
	}
	if (json_object_size(f) == 0) {
		rc = cli_usage(c, M_EDIT_NOTHING, "--happened, --intensity, --feel, --trigger, --urge, --did, "
		               "--paused, --not-paused, --need or --at");
		goto out;
	}
	for (size_t i = 0; i < json_array_size(feel); i++) {
		const json_t *w = json_array_get(feel, i);

		if (!dy_feeling_known(json_string_value(w), json_string_length(w))) {
			cli_err("\"%.32s\" is not one of dyad's feeling words; %s", json_string_value(w),
			        M_FEEL_UNKNOWN_HINT);
			goto out;
		}
	}
	rc = cli_item_edit(c, &react_kind, id, f);
out:
	json_decref(f);
	json_decref(feel);
	json_decref(trig);
	return rc;
}

static const struct cli_cmd react_cmds[] = {
	{"add", cmd_react_add, S_RADD, H_RADD},
	{"list", cmd_react_list, S_RLIST, H_RLIST},
	{"show", cmd_react_show, S_RSHOW, H_RSHOW},
	{"share", cmd_react_share, S_RSHARE, H_RSHARE},
	{"unshare", cmd_react_unshare, S_RUNSHARE, H_RUNSHARE},
	{"edit", cmd_react_edit, S_REDIT, H_REDIT},
	{"rm", cmd_react_rm, S_RRM, H_RRM},
	{"stats", cmd_react_stats, S_RSTATS, H_RSTATS},
	{"feelings", cmd_react_feelings, S_RFEEL, H_RFEEL},
};

const struct cli_family cli_react_family = CLI_FAMILY("react", S_REACT, H_REACT, react_cmds);

/* ------------------------------------------------------------ dyad pause */

#define PAUSE_IN 4
#define PAUSE_OUT 6
#define COOL_DEFAULT (20 * 60)

static int
cmd_pause(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"breaths", required_argument, NULL, O_BREATHS},
		{"cool-down", optional_argument, NULL, O_COOL},
		{NULL, 0, NULL, 0},
	};
	long long breaths = 6;
	int64_t cool = 0, done = 0;
	char dur[DY_DURATION_TEXT_MAX];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_BREATHS && cli_parse_num(optarg, 1, 60, &breaths) != 0)
			return cli_usage(c, M_BAD_NUMBER, "--breaths", 1LL, 60LL);
		if (o == O_COOL) {
			struct dy_error err = {0};

			cool = COOL_DEFAULT;
			if (optarg != NULL && dy_duration_parse(optarg, &cool, &err) != 0)
				return cli_core_fail(&err);
		}
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	printf(M_PAUSE_INTRO, PAUSE_IN, PAUSE_OUT);
	fflush(stdout);
	if (cli_breathe((int)breaths, PAUSE_IN, PAUSE_OUT) < breaths) {
		fputs(M_PAUSE_STOPPED, stdout);
		return out_flush();
	}
	fputs(M_PAUSE_COOL, stdout);
	if (cool > 0) {
		dy_duration_text(cool, dur);
		printf("\n" M_PAUSE_COOL_START, dur);
		fflush(stdout);
		fputs(cli_countdown(cool, 0, &done) == 0 ? M_PAUSE_COOL_DONE : M_PAUSE_STOPPED, stdout);
	}
	return out_flush();
}

static const struct cli_cmd pause_cmds[] = {
	{"pause", cmd_pause, S_PAUSE, H_PAUSE},
};

const struct cli_family cli_pause_family = CLI_FAMILY(NULL, NULL, NULL, pause_cmds);
