/*
 * journal.c - dyad journal add, list, show, edit, rm, share, unshare.
 *
 * Each command checks its arguments and the text it was given before it
 * asks for the passphrase, so that a mistake costs no typing; text from the
 * editor is asked for after unlocking, so that a wrong passphrase does not
 * throw away what you wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_TITLE = 't', O_SHARE = 's', O_YES = 'y', O_TITLE_ONLY = 0x100 };

/* Columns for the summary in a list line. */
#define SUMMARY_COLS 56

/* The ID operand: exactly one. */
static int
take_id(struct cli *c, int argc, char **argv, const char **id)
{
	return cli_take_id(c, argc, argv, id);
}

/* Report a failed call about the entry id; "not found" says the same for an
 * id that does not exist and for one that is not yours to see. */
static int
entry_fail(const char *id, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND) {
		cli_err(M_NOT_FOUND, id);
		return CLI_FAIL;
	}
	return cli_core_fail(err);
}

/* "private", "shared" or "from Sam", and its colour. */
static void
entry_mark(const struct cli *c, const struct dy_entry *e, char *buf, size_t n, const char **color)
{
	if (!e->mine) {
		snprintf(buf, n, M_FROM, shown(e->author));
		*color = col_person(c, c->partner != NULL ? c->partner->color : 1);
	} else if (e->shared) {
		snprintf(buf, n, "%s", M_SHARED);
		*color = col(c, C_SHARED);
	} else {
		snprintf(buf, n, "%s", M_PRIVATE);
		*color = col_person(c, c->me != NULL ? c->me->color : 0);
	}
}

int
cmd_journal_add(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, O_TITLE},
		{"share", no_argument, NULL, O_SHARE},
		EXTRAS_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct buf text = {0};
	const char *title = NULL, *arg = NULL;
	char id[DY_ID_LEN + 1] = "";
	bool share = false, from_editor;
	json_t *extras = json_object();
	int o, rc;

	if (extras == NULL)
		return CLI_FAIL;
	while ((o = cli_getopt(c, argc, argv, "t:s", opts)) != -1) {
		if (o == CLI_STOP) {
			rc = c->stop;
			goto out;
		}
		if (o == O_TITLE)
			title = optarg;
		else if (o == O_SHARE)
			share = true;
		else if ((rc = extras_opt(c, o, optarg, extras)) != 0)
			goto out;
	}
	rc = CLI_FAIL;
	if (optind < argc)
		arg = argv[optind++];
	if (optind < argc) {
		rc = cli_usage(c, M_TEXT_QUOTES);
		goto out;
	}
	if (title != NULL && check_text(title, strlen(title), DY_TITLE_MAX, "title") != 0)
		goto out;
	if (arg != NULL && check_text(arg, strlen(arg), DY_TEXT_MAX, "text") != 0)
		goto out;
	if ((rc = cli_unlock(c)) != 0 || (rc = extras_resolve(c, extras)) != 0)
		goto out;
	if ((rc = text_get(arg, NULL, 0, &text, &from_editor)) != 0)
		goto out;
	if (dy_journal_add_with(c->s, title, title != NULL ? strlen(title) : 0, text.p, text.len,
	                        share, extras, id, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (arg != NULL)
		arg_note_once(c, true);
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", id, "shared", share));
	else if (isatty(STDOUT_FILENO)) {
		printf(M_SAVED, share ? M_SHARED : M_PRIVATE, id);
		if (!share)
			printf(M_SAVED_HINT, id);
		fputc('\n', stdout);
		rc = out_flush();
	} else {
		/* for scripts: the whole id, alone on its line */
		printf("%s\n", id);
		rc = out_flush();
	}
out:
	json_decref(extras);
	buf_release(&text);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The shortest prefix length, 8 or more, that tells every listed id apart
 * (ids made close in time can share their first characters). Sorted, only
 * neighbours need comparing. */
static int
short_id_len(const struct dy_entry_list *l)
{
	const char **ids;
	size_t want = 8;

	if (l->count < 2)
		return (int)want;
	ids = calloc(l->count, sizeof(*ids));
	if (ids == NULL)
		return DY_ID_LEN;
	for (size_t i = 0; i < l->count; i++)
		ids[i] = l->items[i].id;
	qsort(ids, l->count, sizeof(*ids), cmp_str);
	for (size_t i = 1; i < l->count; i++) {
		size_t k = 0;

		while (k < DY_ID_LEN && ids[i][k] != '\0' && ids[i][k] == ids[i - 1][k])
			k++;
		if (k + 1 > want)
			want = k + 1;
	}
	free(ids);
	/* never end on a dash */
	if (want < DY_ID_LEN && l->items[0].id[want - 1] == '-')
		want++;
	return want > DY_ID_LEN ? DY_ID_LEN : (int)want;
}

static int
list_human(struct cli *c, const struct dy_entry_list *l, enum dy_filter filter)
{
	char when[32], mark[DY_NAME_MAX + 16], sum[SUMMARY_COLS * 4 + 8];
	const char *mc;
	int width = (int)strlen(M_PRIVATE), idw = short_id_len(l);

	if (l->count == 0 && l->damaged == 0) {
		fputs(filter == DY_FILTER_MINE ? M_EMPTY_MINE :
		      filter == DY_FILTER_SHARED ? M_EMPTY_SHARED :
		      filter == DY_FILTER_THEIRS ? M_EMPTY_THEIRS : M_EMPTY_ALL, stdout);
		return out_flush();
	}
	for (size_t i = 0; i < l->count; i++) {
		entry_mark(c, &l->items[i], mark, sizeof(mark), &mc);
		if ((int)strlen(mark) > width)
			width = (int)strlen(mark);
	}
	for (size_t i = 0; i < l->count; i++) {
		const struct dy_entry *e = &l->items[i];
		int pad;

		entry_mark(c, e, mark, sizeof(mark), &mc);
		fmt_local(e->created_at, when, sizeof(when));
		entry_summary(e, SUMMARY_COLS, sum, sizeof(sum));
		pad = width - (int)strlen(mark);
		printf("%s%.*s%s  %s  %s%s%s%*s  ", col(c, C_DIM), idw, e->id, col(c, C_RESET), when,
		       mc, mark, col(c, C_RESET), pad, "");
		if (e->title_len > 0)
			printf("%s%s%s\n", col(c, C_BOLD), sum, col(c, C_RESET));
		else
			printf("%s\n", sum);
	}
	return out_flush();
}

int
cmd_journal_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_FILTER_OPTIONS,
		LIST_FILTER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct dy_entry_list l = {0};
	struct cli_filter f = CLI_FILTER_INIT;
	struct dy_journal_query jq = {.filter = DY_FILTER_ALL};
	json_t *arr;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (!cli_filter_opt(o, &f) && (rc = list_filter_opt(c, o, optarg, &jq)) != 0)
			return rc;
	}
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_filter_check(c, &f)) != 0)
		return rc;
	jq.filter = f.filter;
	if (jq.since > 0 && jq.until > 0 && jq.until <= jq.since)
		return cli_usage(c, "%s", M_DATES_ORDER);
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_journal_find(c->s, &jq, &l, &err) != 0)
		return cli_core_fail(&err);
	if (c->json) {
		arr = json_array();
		for (size_t i = 0; arr != NULL && i < l.count; i++) {
			if (json_array_append_new(arr, json_entry(&l.items[i])) != 0) {
				json_decref(arr);
				arr = NULL;
			}
		}
		rc = json_out(arr != NULL ? json_pack("{s:o, s:I, s:I}", "entries", arr, "total", (json_int_t)l.count,
		                                      "damaged", (json_int_t)l.damaged)
		                          : NULL);
	} else {
		if (l.count == 0 && l.damaged == 0 && (jq.tag != NULL || jq.mood != 0 || jq.since > 0 || jq.until > 0)) {
			fputs(M_EMPTY_MATCH, stdout);
			rc = out_flush();
		} else {
			rc = list_human(c, &l, jq.filter);
		}
	}
	if (rc == 0)
		cli_say_damaged(l.damaged, M_DAMAGED_ENTRY, M_DAMAGED_ENTRIES);
	dy_entry_list_release(&l);
	return rc;
}

int
cmd_journal_show(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_entry e;
	const char *id = NULL, *mc;
	char when[32], mark[DY_NAME_MAX + 16];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = take_id(c, argc, argv, &id)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	memset(&e, 0, sizeof(e));
	if (dy_journal_get(c->s, id, strlen(id), &e, &err) != 0)
		return entry_fail(id, &err);
	if (c->json) {
		json_t *j, *resp;

		/* the responses as the API's GET /journal/{id}/responses has them */
		if ((rc = responses_json(c, &e, &resp)) == 0) {
			j = json_entry(&e);
			if (j == NULL) {
				json_decref(resp);
			} else if (json_object_set_new(j, "responses", resp) != 0) {
				json_decref(j);  /* resp went with the failed call */
				j = NULL;
			}
			rc = json_out(j);
		}
		dy_entry_release(&e);
		return rc;
	}
	if (e.title_len > 0) {
		fputs(col(c, C_BOLD), stdout);
		put_clean(stdout, e.title, e.title_len, false);
		printf("%s\n", col(c, C_RESET));
	}
	entry_mark(c, &e, mark, sizeof(mark), &mc);
	fmt_local(e.created_at, when, sizeof(when));
	printf("%s%s%s  %s%s%s  " M_SHOW_WRITTEN, col(c, C_DIM), e.id, col(c, C_RESET),
	       mc, mark, col(c, C_RESET), when);
	if (e.updated_at > e.created_at) {
		fmt_local(e.updated_at, when, sizeof(when));
		printf(M_SHOW_EDITED, when);
	}
	fputc('\n', stdout);
	extras_show(c, &e);
	fputc('\n', stdout);
	put_clean(stdout, e.text, e.text_len, true);
	fputc('\n', stdout);
	rc = responses_show(c, &e);
	dy_entry_release(&e);
	return rc != 0 ? rc : out_flush();
}

int
cmd_journal_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, O_TITLE},
		{"title-only", no_argument, NULL, O_TITLE_ONLY},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct dy_entry e;
	struct buf text = {0};
	const char *id = NULL, *title = NULL, *arg = NULL;
	bool title_only = false, from_editor = false;
	int o, rc;

	memset(&e, 0, sizeof(e));
	while ((o = cli_getopt(c, argc, argv, "t:", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_TITLE)
			title = optarg;
		else if (o == O_TITLE_ONLY)
			title_only = true;
	}
	if ((rc = take_id(c, argc, argv, &id)) != 0)
		return rc;
	if (optind < argc)
		arg = argv[optind++];
	if (optind < argc)
		return cli_usage(c, M_TEXT_QUOTES);
	if (title_only && title == NULL)
		return cli_usage(c, M_MISSING, "--title TITLE");
	if (title_only && arg != NULL)
		return cli_usage(c, M_EXTRA_OPERAND, arg);
	if (title != NULL && check_text(title, strlen(title), DY_TITLE_MAX, "title") != 0)
		return CLI_FAIL;
	if (arg != NULL && check_text(arg, strlen(arg), DY_TEXT_MAX, "text") != 0)
		return CLI_FAIL;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_journal_get(c->s, id, strlen(id), &e, &err) != 0)
		return entry_fail(id, &err);
	rc = CLI_FAIL;
	if (!e.mine) {
		cli_err(M_NOT_YOURS_EDIT, e.author, e.author);
		goto out;
	}
	if (title_only) {
		if (dy_journal_edit(c->s, e.id, strlen(e.id), title, strlen(title), e.text, e.text_len,
		                    &err) != 0) {
			rc = entry_fail(id, &err);
			goto out;
		}
	} else {
		if (text_get(arg, e.text, e.text_len, &text, &from_editor) != 0)
			goto out;
		if (from_editor && title == NULL && text.len == e.text_len &&
		    memcmp(text.p, e.text, text.len) == 0) {
			fputs(M_EDIT_SAME, stdout);
			rc = out_flush();
			goto out;
		}
		if (dy_journal_edit(c->s, e.id, strlen(e.id), title, title != NULL ? strlen(title) : 0,
		                    text.p, text.len, &err) != 0) {
			rc = entry_fail(id, &err);
			goto out;
		}
	}
	if (arg != NULL)
		arg_note_once(c, true);
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", e.id, "edited", 1));
	else {
		printf(M_EDITED, e.id);
		rc = out_flush();
	}
out:
	buf_release(&text);
	dy_entry_release(&e);
	return rc;
}

int
cmd_journal_rm(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, NULL, O_YES},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct dy_entry e;
	const char *id = NULL;
	char sum[SUMMARY_COLS * 4 + 8], question[sizeof(sum) + 64];
	bool yes = false;
	int o, rc;

	memset(&e, 0, sizeof(e));
	while ((o = cli_getopt(c, argc, argv, "y", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_YES)
			yes = true;
	}
	if ((rc = take_id(c, argc, argv, &id)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_journal_get(c->s, id, strlen(id), &e, &err) != 0)
		return entry_fail(id, &err);
	rc = CLI_FAIL;
	if (!e.mine) {
		cli_err(M_NOT_YOURS_RM, e.author, e.author);
		goto out;
	}
	if (!yes && isatty(STDIN_FILENO) && tty_available()) {
		entry_summary(&e, 40, sum, sizeof(sum));
		snprintf(question, sizeof(question), M_RM_ASK, e.id, sum);
		if (!tty_confirm(question)) {
			fputs(M_RM_NO, stdout);
			rc = out_flush();
			goto out;
		}
	}
	if (dy_journal_delete(c->s, e.id, strlen(e.id), &err) != 0) {
		rc = entry_fail(id, &err);
		goto out;
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", e.id, "deleted", 1));
	else {
		printf(M_RM_DONE, e.id);
		rc = out_flush();
	}
out:
	dy_entry_release(&e);
	return rc;
}

static int
share_cmd(struct cli *c, int argc, char **argv, bool share)
{
	struct dy_error err = {0};
	struct dy_entry e;
	const char *id = NULL;
	int o, rc;

	memset(&e, 0, sizeof(e));
	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = take_id(c, argc, argv, &id)) != 0 || (rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	/* resolve a short id to the whole one, and say whose it is */
	if (dy_journal_get(c->s, id, strlen(id), &e, &err) != 0)
		return entry_fail(id, &err);
	rc = CLI_FAIL;
	if (!e.mine) {
		cli_err(M_NOT_YOURS_SHARE, e.author, e.author);
		goto out;
	}
	if (dy_journal_share(c->s, e.id, strlen(e.id), share, &err) != 0) {
		rc = entry_fail(id, &err);
		goto out;
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", e.id, "shared", share));
	else {
		if (!share)
			printf(M_UNSHARED_DONE, e.id);
		else if (c->partner != NULL)
			printf(M_SHARED_DONE, e.id, shown(c->partner->name));
		else
			printf(M_SHARED_ALONE, e.id);
		rc = out_flush();
	}
out:
	dy_entry_release(&e);
	return rc;
}

int
cmd_journal_share(struct cli *c, int argc, char **argv)
{
	return share_cmd(c, argc, argv, true);
}

int
cmd_journal_unshare(struct cli *c, int argc, char **argv)
{
	return share_cmd(c, argc, argv, false);
}

/* ------------------------------------------------------------ the family */

static const struct cli_cmd journal_cmds[] = {
	{"add", cmd_journal_add, S_JADD, H_JADD},
	{"list", cmd_journal_list, S_JLIST, H_JLIST},
	{"search", cmd_journal_search, S_JSEARCH, H_JSEARCH},
	{"show", cmd_journal_show, S_JSHOW, H_JSHOW},
	{"edit", cmd_journal_edit, S_JEDIT, H_JEDIT},
	{"rm", cmd_journal_rm, S_JRM, H_JRM},
	{"share", cmd_journal_share, S_JSHARE, H_JSHARE},
	{"unshare", cmd_journal_unshare, S_JUNSHARE, H_JUNSHARE},
	{"prompt", cmd_journal_prompt, S_JPROMPT, H_JPROMPT},
	{"prompts", cmd_journal_prompts, S_JPROMPTS, H_JPROMPTS},
	{"respond", cmd_journal_respond, S_JRESPOND, H_JRESPOND},
};

const struct cli_family cli_journal_family = CLI_FAMILY("journal", S_JOURNAL, H_JOURNAL, journal_cmds);
