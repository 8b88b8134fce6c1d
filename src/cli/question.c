/*
 * question.c - dyad question: questions for two (issue #11). Today's
 * question, answering it privately, and both answers once both have
 * answered; the rules (held answers, when they open) are the core's
 * (src/core/question.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_QUESTION = 0x100 };

/* Text written by a person, indented two spaces on every line. */
static void
put_answer(const char *s)
{
	size_t n;

	do {
		n = strcspn(s, "\n");
		fputs("  ", stdout);
		put_clean(stdout, s, n, false);
		fputc('\n', stdout);
		s += n + (s[n] == '\n');
	} while (*s != '\0');
}

static const char *
answer_text(const struct dy_item *it)
{
	const char *v = json_string_value(json_object_get(it->fields, "answer"));

	return v != NULL ? v : "";
}

static void
put_head(struct cli *c, const struct dy_question *q)
{
	const char *label = dy_question_theme_label(q->theme);

	printf("%s%s · %s%s  %s(%s)%s\n", col(c, C_BOLD), M_Q_HEAD, label != NULL ? label : q->theme, col(c, C_RESET),
	       col(c, C_DIM), q->id, col(c, C_RESET));
	put_answer(q->text);
	fputc('\n', stdout);
}

/* Where the question stands, in words; today: it is today's question (the
 * command to answer needs no --question). */
static void
put_status(struct cli *c, const struct dy_question_status *st, bool today)
{
	const char *partner = shown(st->partner);
	const char *flag = today ? "" : " --question ", *qid = today ? "" : st->q->id;

	put_head(c, st->q);
	if (st->alone && !st->has_mine) {
		fputs(M_Q_ALONE, stdout);
		return;
	}
	switch (st->state) {
	case DY_ANSWER_OPEN_TO_ME: printf(M_Q_UNANSWERED, flag, qid); return;
	case DY_ANSWER_THEIRS_WAITS: printf(M_Q_THEIRS_WAITS, partner, flag, qid); return;
	case DY_ANSWER_MINE_WAITS: printf(M_Q_MINE_WAITS, partner); break;
	case DY_ANSWER_OPENING:
		if (!st->has_theirs)
			printf(M_Q_OPENING, partner, partner);
		break;
	case DY_ANSWER_OPEN: break;
	}
	if (st->has_mine) {
		printf("%s%s:%s\n", col_person(c, c->me != NULL ? c->me->color : 0), M_Q_YOU, col(c, C_RESET));
		put_answer(answer_text(&st->mine));
	}
	if (st->has_theirs) {
		printf("%s%s:%s\n", col_person(c, c->partner != NULL ? c->partner->color : 1), shown(st->theirs.author),
		       col(c, C_RESET));
		put_answer(answer_text(&st->theirs));
	}
}

static int
status_out(struct cli *c, const struct dy_question_status *st, bool today)
{
	if (c->json)
		return json_out(dy_question_status_json(st));
	put_status(c, st, today);
	return out_flush();
}

static int
simple_opts(struct cli *c, int argc, char **argv)
{
	int o;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return CLI_STOP;  /* main exits with c->stop */
	return 0;
}

static int
cmd_question_today(struct cli *c, int argc, char **argv)
{
	struct dy_question_status st;
	struct dy_error err = {0};
	int rc;

	if ((rc = simple_opts(c, argc, argv)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0 ||
	    (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_question_today(c->s, (int64_t)time(NULL), cli_local_day, NULL, &st, &err) != 0)
		return cli_core_fail(&err);
	rc = status_out(c, &st, true);
	dy_question_status_release(&st);
	return rc;
}

static const struct dy_question *
question_arg(const char *id)
{
	const struct dy_question *q = dy_question_find(id, strlen(id));

	if (q == NULL)
		cli_err(M_Q_NOT_FOUND, shown(id));
	return q;
}

static int
cmd_question_answer(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"question", required_argument, NULL, O_QUESTION},
		{NULL, 0, NULL, 0},
	};
	const struct dy_question *q = NULL;
	struct dy_question_status st;
	struct dy_error err = {0};
	struct buf text = {0};
	const char *arg = NULL;
	bool from_editor = false, today = true;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "q:", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_QUESTION || o == 'q') {
			if ((q = question_arg(optarg)) == NULL)
				return CLI_FAIL;
			today = false;
		}
	}
	if (optind < argc)
		arg = argv[optind++];
	if (optind < argc)
		return cli_usage(c, M_TEXT_QUOTES);
	if (arg != NULL && check_text(arg, strlen(arg), 4 * DY_ANSWER_CHARS, "answer") != 0)
		return CLI_FAIL;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (q == NULL) {
		if (dy_question_today(c->s, (int64_t)time(NULL), cli_local_day, NULL, &st, &err) != 0)
			return cli_core_fail(&err);
		q = st.q;
		dy_question_status_release(&st);
	}
	if (!c->json && arg == NULL && isatty(STDIN_FILENO))
		put_head(c, q);  /* what the editor is about to answer */
	if ((rc = text_get(arg, NULL, 0, &text, &from_editor)) != 0)
		goto out;
	if (dy_question_answer(c->s, q, text.p, text.len, &st, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (arg != NULL)
		arg_note_once(c, true);
	rc = status_out(c, &st, today);
	dy_question_status_release(&st);
out:
	buf_release(&text);
	return rc;
}

static int
cmd_question_show(struct cli *c, int argc, char **argv)
{
	const struct dy_question *q;
	struct dy_question_status st;
	struct dy_error err = {0};
	int rc;

	if ((rc = simple_opts(c, argc, argv)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "ID");
	if ((q = question_arg(argv[optind++])) == NULL)
		return CLI_FAIL;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_question_status(c->s, q, &st, &err) != 0)
		return cli_core_fail(&err);
	rc = status_out(c, &st, false);
	dy_question_status_release(&st);
	return rc;
}

static int
cmd_question_discuss(struct cli *c, int argc, char **argv)
{
	const struct dy_question *q;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	int rc;

	if ((rc = simple_opts(c, argc, argv)) != 0)
		return rc;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "ID");
	if ((q = question_arg(argv[optind++])) == NULL)
		return CLI_FAIL;
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_question_discuss(c->s, q, id, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s}", "id", id));
	printf(M_Q_DISCUSSED, id);
	return out_flush();
}

static int
cmd_question_list(struct cli *c, int argc, char **argv)
{
	char cursor[DY_CURSOR_MAX + 1] = "";
	struct dy_question_status *v;
	struct dy_error err = {0};
	json_t *all = NULL;
	size_t n, i, total = 0;
	int rc;

	if ((rc = simple_opts(c, argc, argv)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0 ||
	    (rc = cli_unlock(c)) != 0)
		return rc;
	if (c->json && (all = json_array()) == NULL) {
		cli_err("Out of memory.");
		return CLI_FAIL;
	}
	do {
		if (dy_question_answered(c->s, 100, cursor, &v, &n, cursor, &err) != 0) {
			json_decref(all);
			return cli_core_fail(&err);
		}
		for (i = 0; i < n; i++) {
			if (all != NULL) {
				if (json_array_append_new(all, dy_question_status_json(&v[i])) != 0)
					rc = CLI_FAIL;
			} else {
				if (total + i > 0)
					fputc('\n', stdout);
				put_status(c, &v[i], false);
			}
			dy_question_status_release(&v[i]);
		}
		free(v);
		total += n;
	} while (cursor[0] != '\0' && rc == 0);
	if (all != NULL)
		return rc != 0 ? (json_decref(all), rc) : json_out(json_pack("{s:o}", "answers", all));
	if (total == 0)
		fputs(M_Q_NONE, stdout);
	return out_flush();
}

static int
cmd_question_library(struct cli *c, int argc, char **argv)
{
	size_t t, i;
	int rc;

	if ((rc = simple_opts(c, argc, argv)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (c->json)
		return json_out(dy_questions_json());
	for (t = 0; t < dy_question_nthemes; t++) {
		printf("%s%s%s\n", col(c, C_BOLD), dy_question_themes[t].label, col(c, C_RESET));
		for (i = 0; i < dy_nquestions; i++)
			if (strcmp(dy_questions[i].theme, dy_question_themes[t].id) == 0)
				printf("  %s%-14s%s %s\n", col(c, C_DIM), dy_questions[i].id, col(c, C_RESET), dy_questions[i].text);
		if (t + 1 < dy_question_nthemes)
			fputc('\n', stdout);
	}
	return out_flush();
}

static const struct cli_cmd question_cmds[] = {
	{"today", cmd_question_today, S_QTODAY, H_QTODAY},
	{"answer", cmd_question_answer, S_QANSWER, H_QANSWER},
	{"show", cmd_question_show, S_QSHOW, H_QSHOW},
	{"discuss", cmd_question_discuss, S_QDISCUSS, H_QDISCUSS},
	{"list", cmd_question_list, S_QLIST, H_QLIST},
	{"library", cmd_question_library, S_QLIBRARY, H_QLIBRARY},
};

const struct cli_family cli_question_family = CLI_FAMILY("question", S_QUESTION, H_QUESTION, question_cmds);
