/*
 * practice.c - dyad practice log, list, stats, timer, rm.
 *
 * Stats lead with what was done this week; a day without practice is never
 * called a failure (DESIGN.md, "voice"). Days and weeks are the system's
 * local ones (TZ), turned from instants here and counted in the core.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcntl.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_AT = 0x100, O_NOTE, O_SHARE, O_BELL, O_KIND, O_SVG, O_DURATION };

/* Parse a duration operand or option; prints the core's message. */
static int
duration_arg(const char *s, int64_t *secs)
{
	struct dy_error err = {0};

	if (dy_duration_parse(s, secs, &err) != 0)
		return cli_core_fail(&err);
	return 0;
}

/* Check a practice's name before asking for the passphrase. */
static int
name_arg(const char *s)
{
	struct dy_error err = {0};

	if (dy_practice_name_check(s, strlen(s), &err) != 0)
		return cli_core_fail(&err);
	return 0;
}

static int
log_session(struct cli *c, const char *kind, int64_t secs, int64_t at, const char *note, bool share)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], dur[DY_DURATION_TEXT_MAX];

	if (dy_practice_log(c->s, kind, strlen(kind), secs, at, note, note != NULL ? strlen(note) : 0, share, id,
	                    &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s, s:s, s:I, s:b}", "id", id, "practice", kind, "seconds", (json_int_t)secs,
		                          "shared", share));
	if (isatty(STDOUT_FILENO)) {
		dy_duration_text(secs, dur);
		printf(M_PRACTICE_LOGGED, dur, kind, share ? M_SHARED : M_PRIVATE);
	} else {
		printf("%s\n", id);
	}
	return out_flush();
}

static int
cmd_practice_log(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, O_AT},
		{"note", required_argument, NULL, O_NOTE},
		{"share", no_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	const char *kind, *dur, *at_s = NULL, *note = NULL;
	bool share = false;
	int64_t secs, at = (int64_t)time(NULL);
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "s", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_AT)
			at_s = optarg;
		else if (o == O_NOTE)
			note = optarg;
		else if (o == 's')
			share = true;
	}
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "KIND");
	kind = argv[optind++];
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "DURATION");
	dur = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (name_arg(kind) != 0 || duration_arg(dur, &secs) != 0)
		return CLI_FAIL;
	if (at_s != NULL && cli_parse_when(at_s, at, &at) != 0) {
		cli_err(M_BAD_WHEN, at_s);
		return CLI_FAIL;
	}
	if (note != NULL && check_text(note, strlen(note), DY_PRACTICE_NOTE_MAX, "note") != 0)
		return CLI_FAIL;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	/* checked above in the system's zone; meant in the person's own */
	if (at_s != NULL && cli_parse_when(at_s, (int64_t)time(NULL), &at) != 0) {
		cli_err(M_BAD_WHEN, at_s);
		return CLI_FAIL;
	}
	if ((rc = log_session(c, kind, secs, at, note, share)) == 0 && note != NULL)
		arg_note_once(c, false);
	return rc;
}

/* A session's line in a list: id, when, how long, what, whose, the note's
 * start. */
static void
practice_line(struct cli *c, const struct dy_item *it)
{
	const json_t *name = json_object_get(it->fields, "practice"), *note = json_object_get(it->fields, "note");
	char when[32], dur[DY_DURATION_TEXT_MAX], mark[DY_NAME_MAX + 16];

	fmt_local(json_integer_value(json_object_get(it->fields, "at")), when, sizeof(when));
	dy_duration_text(json_integer_value(json_object_get(it->fields, "seconds")), dur);
	cli_item_mark(it, mark, sizeof(mark));
	printf("%s%.8s%s  %s  %-6s  ", col(c, C_DIM), it->id, col(c, C_RESET), when, dur);
	put_clean(stdout, json_string_value(name), json_string_length(name), false);
	printf("  (%s)", mark);
	if (json_is_string(note)) {
		fputs("  ", stdout);
		put_clean(stdout, json_string_value(note),
		          json_string_length(note) > 60 ? 60 : json_string_length(note), false);
	}
	fputc('\n', stdout);
}

static const struct cli_kind practice_kind = {
	.kind = &dy_kind_practice,
	.not_found = M_PRACTICE_NOT_FOUND,
	.empty = M_PRACTICE_EMPTY,
	.edited = M_PRACTICE_EDITED,
	.line = practice_line,
};

static int
cmd_practice_list(struct cli *c, int argc, char **argv)
{
	return cli_items_list(c, argc, argv, &practice_kind);
}

static int
cmd_practice_stats(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"svg", required_argument, NULL, O_SVG},
		{NULL, 0, NULL, 0},
	};
	struct dy_practice_stats st;
	struct dy_error err = {0};
	struct dy_buf svg = DY_BUF_INIT(1 << 20);
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
	if (dy_practice_stats(c->s, (int64_t)time(NULL), cli_local_day, NULL, &st, &err) != 0)
		return cli_core_fail(&err);
	if (svg_path != NULL) {
		if (dy_practice_chart(&st, "practice-chart", &svg, &err) != 0) {
			dy_buf_release(&svg);
			return cli_core_fail(&err);
		}
		rc = cli_write_svg(svg_path, &svg);
		dy_buf_release(&svg);
		if (rc != 0)
			return rc;
	}
	if (c->json) {
		rc = json_out(dy_practice_stats_json(&st));
		goto out;
	}
	if (st.sessions == 0) {
		/* "nothing yet" would be untrue when some could not be read */
		if (st.damaged == 0)
			fputs(M_PRACTICE_EMPTY, stdout);
	} else {
		int64_t most = 1;

		if (st.week_days > 0)
			printf(M_PRACTICE_WEEK, (long long)(st.week_seconds / 60), st.week_days,
			       st.week_days == 1 ? "day" : "days");
		else
			fputs(M_PRACTICE_WEEK_NONE, stdout);
		if (st.streak.current > 1)
			printf(M_PRACTICE_STREAK, (int)st.streak.current, (int)st.streak.longest);
		else if (st.streak.longest > 0)
			printf(M_PRACTICE_LONGEST, (int)st.streak.longest, st.streak.longest == 1 ? "day" : "days in a row");
		printf("\n" M_PRACTICE_WEEKS, DY_PRACTICE_WEEKS);
		for (int i = 0; i < DY_PRACTICE_WEEKS; i++)
			if (st.weeks[i].seconds > most)
				most = st.weeks[i].seconds;
		for (int i = 0; i < DY_PRACTICE_WEEKS; i++) {
			char day[16];
			int bar = (int)(st.weeks[i].seconds * 30 / most);

			dy_day_short(st.weeks[i].monday, day);
			printf("  %-6s  ", day);
			for (int k = 0; k < bar; k++)
				fputs("#", stdout);
			printf("%s%lld\n", bar > 0 ? " " : "", (long long)(st.weeks[i].seconds / 60));
		}
		fputs("\n" M_PRACTICE_BY, stdout);
		for (size_t i = 0; i < st.ntop; i++) {
			printf("%s ", i > 0 ? "," : "");
			put_clean(stdout, st.top[i].name, strlen(st.top[i].name), false);
			printf(" %lld min", (long long)(st.top[i].seconds / 60));
		}
		fputc('\n', stdout);
	}
	if (svg_path != NULL)
		printf(M_SVG_WRITTEN, svg_path);
	rc = out_flush();
out:
	if (rc == 0)
		cli_say_damaged(st.damaged, M_DAMAGED_SESSION, M_DAMAGED_SESSIONS);
	return rc;
}

static int
cmd_practice_timer(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"bell", required_argument, NULL, O_BELL},
		{"kind", required_argument, NULL, O_KIND},
		{"note", required_argument, NULL, O_NOTE},
		{NULL, 0, NULL, 0},
	};
	const char *kind = "meditation", *bell_s = NULL, *note = NULL;
	char dur[DY_DURATION_TEXT_MAX];
	int64_t secs, bell = 0, done = 0, start;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_BELL)
			bell_s = optarg;
		else if (o == O_KIND)
			kind = optarg;
		else if (o == O_NOTE)
			note = optarg;
	}
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "DURATION");
	if (duration_arg(argv[optind++], &secs) != 0)
		return CLI_FAIL;
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (bell_s != NULL && duration_arg(bell_s, &bell) != 0)
		return CLI_FAIL;
	if (bell_s != NULL && bell >= secs)
		return cli_usage(c, M_BELL_BAD);
	if (name_arg(kind) != 0)
		return CLI_FAIL;
	if (note != NULL && check_text(note, strlen(note), DY_PRACTICE_NOTE_MAX, "note") != 0)
		return CLI_FAIL;
	/* unlock first: when the time is up, the session is logged at once */
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (note != NULL)
		arg_note_once(c, false);   /* now: the note is in ps while the timer runs */
	dy_duration_text(secs, dur);
	if (!c->json) {
		printf(M_TIMER_START, kind, dur);
		fflush(stdout);
	}
	start = (int64_t)time(NULL);
	if (cli_countdown(secs, bell, &done) == 0) {
		if (!c->json && isatty(STDOUT_FILENO))
			fputs(M_TIMER_DONE, stdout);
		return log_session(c, kind, secs, start, note, false);
	}
	if (done < 1) {
		fputs(M_TIMER_TOO_SHORT, stdout);
		return out_flush();
	}
	{
		char q[128];

		dy_duration_text(done, dur);
		snprintf(q, sizeof(q), M_TIMER_ASK, dur);
		if (!cli_ask_yes(q)) {
			fputs(M_TIMER_NOT_LOGGED, stdout);
			return out_flush();
		}
	}
	return log_session(c, kind, done, start, note, false);
}

static int
cmd_practice_rm(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_item it;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &practice_kind, &it)) != 0)
		return rc;
	if (dy_item_delete(c->s, &dy_kind_practice, it.id, strlen(it.id), &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", it.id, "deleted", 1));
	else {
		printf("Deleted session %s.\n", it.id);
		rc = out_flush();
	}
	dy_item_release(&it);
	return rc;
}

static int
cmd_practice_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"duration", required_argument, NULL, O_DURATION},
		{"kind", required_argument, NULL, O_KIND},
		{"note", required_argument, NULL, O_NOTE},
		{"at", required_argument, NULL, O_AT},
		{NULL, 0, NULL, 0},
	};
	const char *id, *kind = NULL, *dur = NULL, *note = NULL, *at_s = NULL;
	int64_t secs = 0, at = (int64_t)time(NULL);
	json_t *f = NULL;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_DURATION)
			dur = optarg;
		else if (o == O_KIND)
			kind = optarg;
		else if (o == O_NOTE)
			note = optarg;
		else if (o == O_AT)
			at_s = optarg;
	}
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		return rc;
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (dur == NULL && kind == NULL && note == NULL && at_s == NULL)
		return cli_usage(c, M_EDIT_NOTHING, "--duration, --kind, --note or --at");
	/* what can be checked before the passphrase */
	if ((dur != NULL && duration_arg(dur, &secs) != 0) || (kind != NULL && name_arg(kind) != 0))
		return CLI_FAIL;
	if (at_s != NULL && cli_parse_when(at_s, at, &at) != 0) {
		cli_err(M_BAD_WHEN, at_s);
		return CLI_FAIL;
	}
	if (note != NULL && check_text(note, strlen(note), DY_PRACTICE_NOTE_MAX, "note") != 0)
		return CLI_FAIL;
	if ((f = json_object()) == NULL ||
	    (dur != NULL && json_object_set_new(f, "seconds", json_integer(secs)) != 0) ||
	    (kind != NULL && json_object_set_new(f, "practice", json_string(kind)) != 0) ||
	    (note != NULL && json_object_set_new(f, "note", note[0] != '\0' ? json_string(note) : json_null()) != 0) ||
	    (at_s != NULL && json_object_set_new(f, "at", json_integer(at)) != 0)) {
		json_decref(f);
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	rc = cli_item_edit(c, &practice_kind, id, f);
	json_decref(f);
	return rc;
}

static const struct cli_cmd practice_cmds[] = {
	{"log", cmd_practice_log, S_PLOG, H_PLOG},
	{"list", cmd_practice_list, S_PLIST, H_PLIST},
	{"stats", cmd_practice_stats, S_PSTATS, H_PSTATS},
	{"timer", cmd_practice_timer, S_PTIMER, H_PTIMER},
	{"edit", cmd_practice_edit, S_PEDIT, H_PEDIT},
	{"rm", cmd_practice_rm, S_PRM, H_PRM},
};

const struct cli_family cli_practice_family = CLI_FAMILY("practice", S_PRACTICE, H_PRACTICE, practice_cmds);
