/*
 * self.c - dyad boundary, dyad goal, dyad interest: each partner's self,
 * stated (issue #11). The records and their rules are the core's
 * (src/core/self.c); this file reads options, builds the fields as JSON
 * for the kinds' descriptors to check, and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_WHY = 0x100, O_AREA, O_FORM, O_SHARE };

static void boundary_line(struct cli *c, const struct dy_item *it);
static void goal_line(struct cli *c, const struct dy_item *it);
static void interest_line(struct cli *c, const struct dy_item *it);

static const struct cli_kind boundary_kind = {
	.kind = &dy_kind_boundary, .not_found = M_BOUNDARY_NOT_FOUND, .empty = M_BOUNDARY_EMPTY, .line = boundary_line};
static const struct cli_kind goal_kind = {
	.kind = &dy_kind_goal, .not_found = M_GOAL_NOT_FOUND, .empty = M_GOAL_EMPTY, .line = goal_line};
static const struct cli_kind interest_kind = {
	.kind = &dy_kind_interest, .not_found = M_INTEREST_NOT_FOUND, .empty = M_INTEREST_EMPTY, .line = interest_line};
static const struct cli_kind note_kind = {.kind = &dy_kind_goal_note, .not_found = M_NOTE_NOT_FOUND, .empty = ""};

static const char *
str(const struct dy_item *it, const char *name)
{
	const char *v = json_string_value(json_object_get(it->fields, name));

	return v != NULL ? v : "";
}

/* The first line of a text, at most 60 bytes, cleaned for the terminal. */
static void
put_summary(const char *s)
{
	size_t n = strcspn(s, "\n");

	put_clean(stdout, s, n > 60 ? 60 : n, false);
	if (n > 60 || s[n] != '\0')
		fputs("…", stdout);
}

static int
set_opt(json_t *o, const char *name, const char *v)
{
	if (v == NULL)
		return 0;
	return json_object_set_new(o, name, json_stringn_nocheck(v, strlen(v)));
}

/* The form a statement's own words name: "I won't …" is a limit, "I'm okay
 * with …" is okay, anything else a need. --form says otherwise. */
static const char *
form_of(const char *s)
{
	static const struct {
		const char *start, *form;
	} starts[] = {
		{"i won't", "limit"}, {"i won’t", "limit"}, {"i will not", "limit"}, {"i don't", "limit"},
		{"i do not", "limit"}, {"no ", "limit"}, {"i'm okay", "okay"}, {"i’m okay", "okay"},
		{"i am okay", "okay"}, {"i'm ok", "okay"}, {"i’m ok", "okay"}, {"i am ok", "okay"},
	};

	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		if (strncasecmp(s, starts[i].start, strlen(starts[i].start)) == 0)
			return starts[i].form;
	return "need";
}

static const char *
form_words(const char *form)
{
	return strcmp(form, "limit") == 0 ? M_FORM_LIMIT : strcmp(form, "okay") == 0 ? M_FORM_OKAY : M_FORM_NEED;
}

/* The id of a record just written: a sentence on a terminal, the bare id
 * for scripts, {"id"} with --json. */
static int
said_id(struct cli *c, const char *fmt, const char *id)
{
	if (c->json)
		return json_out(json_pack("{s:s}", "id", id));
	if (isatty(STDOUT_FILENO))
		printf(fmt, id);
	else
		printf("%s\n", id);
	return out_flush();
}

/* ------------------------------------------------- share, unshare, rm */

static int
vis_command(struct cli *c, int argc, char **argv, const struct cli_kind *k, enum dy_vis vis, const char *said)
{
	struct dy_error err = {0};
	struct dy_item it;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, k, &it)) != 0)
		return rc;
	if (dy_item_set_vis(c->s, k->kind, it.id, strlen(it.id), vis, 0, &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", it.id, "shared", vis == DY_VIS_SHARED));
	else {
		printf(said, it.id);
		rc = out_flush();
	}
	dy_item_release(&it);
	return rc;
}

static int
rm_command(struct cli *c, int argc, char **argv, const struct cli_kind *k)
{
	struct dy_error err = {0};
	struct dy_item it;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, k, &it)) != 0)
		return rc;
	if (dy_item_delete(c->s, k->kind, it.id, strlen(it.id), &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", it.id, "deleted", 1));
	else {
		printf(M_SELF_DELETED, k->kind->noun, it.id);
		rc = out_flush();
	}
	dy_item_release(&it);
	return rc;
}

/* Create a record of kind k from fields, private unless share. */
static int
create(struct cli *c, const struct dy_kind *k, json_t *fields, bool share, const char *said)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	if (dy_item_create(c->s, k, NULL, fields, NULL, 0, share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, &err) != 0)
		return cli_core_fail(&err);
	return said_id(c, said, id);
}

/* ------------------------------------------------------------- adding */

/* What `dyad boundary|goal|interest add TEXT [options] [--share]` writes:
 * TEXT as "statement", each option given as its field, fields that always
 * start the same ("status": "active"), and a field that defaults from the
 * statement's own words (a boundary's form). */
#define ADD_OPTS_MAX 4
struct add_spec {
	const struct dy_kind *kind;
	const char *opts[ADD_OPTS_MAX];        /* --NAME VALUE sets the field NAME */
	const char *dflt[ADD_OPTS_MAX];        /* its value when not given; NULL: left out */
	const char *fixed, *fixed_value;       /* a field set the same for every new one */
	const char *derived;                   /* a field that, when not given, ... */
	const char *(*derive)(const char *text); /* ... comes from the statement */
	const char *said, *said_shared;
};

static int
add_command(struct cli *c, int argc, char **argv, const struct add_spec *a)
{
	struct option opts[ADD_OPTS_MAX + 2];
	const char *vals[ADD_OPTS_MAX] = {0}, *text;
	bool share = false;
	size_t n = 0, i;
	json_t *f = NULL;
	int o, rc;

	for (i = 0; i < ADD_OPTS_MAX && a->opts[i] != NULL; i++)
		opts[n++] = (struct option){a->opts[i], required_argument, NULL, 0x200 + (int)i};
	opts[n++] = (struct option){"share", no_argument, NULL, O_SHARE};
	opts[n] = (struct option){NULL, 0, NULL, 0};
	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_SHARE)
			share = true;
		else if (o >= 0x200 && o < 0x200 + ADD_OPTS_MAX)
			vals[o - 0x200] = optarg;
	}
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "TEXT");
	text = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0)
		return rc;
	arg_note_once(c, false);
	if ((f = json_pack("{s:o}", "statement", json_stringn_nocheck(text, strlen(text)))) == NULL)
		goto oom;
	for (i = 0; i < ADD_OPTS_MAX && a->opts[i] != NULL; i++)
		if (set_opt(f, a->opts[i], vals[i] != NULL ? vals[i] : a->dflt[i]) != 0)
			goto oom;
	if ((a->fixed != NULL && set_opt(f, a->fixed, a->fixed_value) != 0) ||
	    (a->derived != NULL && json_object_get(f, a->derived) == NULL &&
	     set_opt(f, a->derived, a->derive(text)) != 0))
		goto oom;
	rc = create(c, a->kind, f, share, share ? a->said_shared : a->said);
	json_decref(f);
	return rc;
oom:
	json_decref(f);
	cli_err("Out of memory.");
	return CLI_FAIL;
}

/* ---------------------------------------------------------- boundaries */

static void
boundary_line(struct cli *c, const struct dy_item *it)
{
	struct dy_boundary_status st;
	struct dy_error err = {0};
	char mark[DY_NAME_MAX + 16];

	cli_item_mark(it, mark, sizeof(mark));
	printf("%s%.8s%s  ", col(c, C_DIM), it->id, col(c, C_RESET));
	put_summary(str(it, "statement"));
	/* the form's words, unless the statement starts with them */
	if (strcmp(form_of(str(it, "statement")), str(it, "form")) != 0 ||
	    strncasecmp(str(it, "statement"), "i", 1) != 0)
		printf("  [%s]", form_words(str(it, "form")));
	printf("  (%s, %s", str(it, "area"), mark);
	if (it->vis == DY_VIS_SHARED && dy_boundary_status(c->s, it, &st, &err) == 0) {
		if (st.discuss)
			fputs(it->mine ? M_B_DISCUSS_ASKED : M_B_DISCUSS_YOU, stdout);
		else if (st.acked)
			fputs(M_B_ACKED, stdout);
		else if (st.acked_version > 0)
			fputs(M_B_CHANGED, stdout);
		else if (!it->mine)
			fputs(M_B_WAITING_YOU, stdout);
	}
	fputs(")\n", stdout);
}


/* An area left out is "other"; a form, what the statement's words say. */
static int
cmd_boundary_add(struct cli *c, int argc, char **argv)
{
	static const struct add_spec boundary = {
		.kind = &dy_kind_boundary, .opts = {"why", "area", "form"}, .dflt = {NULL, "other", NULL},
		.derived = "form", .derive = form_of, .said = M_BOUNDARY_SAVED, .said_shared = M_BOUNDARY_SAVED_SHARED,
	};
	return add_command(c, argc, argv, &boundary);
}

static int
cmd_boundary_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"why", required_argument, NULL, O_WHY},
		{"area", required_argument, NULL, O_AREA},
		{"form", required_argument, NULL, O_FORM},
		{NULL, 0, NULL, 0},
	};
	const char *why = NULL, *area = NULL, *form = NULL, *text = NULL, *id;
	struct dy_error err = {0};
	struct dy_item it;
	json_t *f = NULL;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		switch (o) {
		case CLI_STOP: return c->stop;
		case O_WHY: why = optarg; break;
		case O_AREA: area = optarg; break;
		case O_FORM: form = optarg; break;
		default: break;
		}
	}
	if ((rc = cli_take_id(c, argc, argv, &id)) != 0)
		return rc;
	if (optind < argc)
		text = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0)
		return rc;
	if (text == NULL && why == NULL && area == NULL && form == NULL)
		return cli_usage(c, M_MISSING, "the new TEXT, --why, --area or --form");
	if ((rc = cli_unlock(c)) != 0 || (rc = cli_item_get(c, &boundary_kind, id, &it)) != 0)
		return rc;
	if (text != NULL || why != NULL)
		arg_note_once(c, false);
	f = json_object();
	if (f == NULL || set_opt(f, "statement", text) != 0 || set_opt(f, "why", why) != 0 ||
	    set_opt(f, "area", area) != 0 || set_opt(f, "form", form) != 0) {
		cli_err("Out of memory.");
		rc = CLI_FAIL;
	} else if (dy_item_edit(c->s, &dy_kind_boundary, it.id, strlen(it.id), f, NULL, 0, &err) != 0) {
		rc = cli_core_fail(&err);
	} else if (c->json) {
		rc = json_out(json_pack("{s:s, s:i}", "id", it.id, "version", it.version + 1));
	} else {
		printf(it.vis == DY_VIS_SHARED ? M_BOUNDARY_EDITED_SHARED : M_BOUNDARY_EDITED, it.id);
		rc = out_flush();
	}
	json_decref(f);
	dy_item_release(&it);
	return rc;
}

static int
cmd_boundary_list(struct cli *c, int argc, char **argv)
{
	return cli_items_list(c, argc, argv, &boundary_kind);
}

/* The status as JSON: {"wording", "acknowledged", "acknowledged_at",
 * "acknowledged_wording", "discuss", "discuss_at"}. */
static json_t *
status_json(const struct dy_boundary_status *st)
{
	return json_pack("{s:i, s:b, s:o, s:i, s:b, s:o}", "wording", st->version, "acknowledged", st->acked,
	                 "acknowledged_at", st->acked ? json_time(st->acked_at) : json_null(), "acknowledged_wording",
	                 st->acked_version, "discuss", st->discuss,
	                 "discuss_at", st->discuss ? json_time(st->discuss_at) : json_null());
}

static int
cmd_boundary_show(struct cli *c, int argc, char **argv)
{
	struct dy_boundary_status st;
	struct dy_error err = {0};
	struct dy_item it;
	char when[32], mark[DY_NAME_MAX + 16];
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &boundary_kind, &it)) != 0)
		return rc;
	if (dy_boundary_status(c->s, &it, &st, &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json) {
		json_t *j = dy_item_json(&it);

		if (j != NULL && json_object_set_new(j, "status", status_json(&st)) != 0) {
			json_decref(j);
			j = NULL;
		}
		dy_item_release(&it);
		return json_out(j);
	}
	cli_item_mark(&it, mark, sizeof(mark));
	fmt_local(it.updated_at, when, sizeof(when));
	printf("%s%s%s — %s, %s (%s)\n", col(c, C_BOLD), form_words(str(&it, "form")), col(c, C_RESET),
	       str(&it, "area"), mark, when);
	put_clean(stdout, str(&it, "statement"), strlen(str(&it, "statement")), true);
	fputc('\n', stdout);
	if (str(&it, "why")[0] != '\0') {
		fputs(M_B_WHY, stdout);
		put_clean(stdout, str(&it, "why"), strlen(str(&it, "why")), true);
		fputc('\n', stdout);
	}
	if (it.version > 1)
		printf(M_B_WORDING, it.version, it.id);
	if (it.vis == DY_VIS_SHARED) {
		if (st.acked) {
			fmt_local(st.acked_at, when, sizeof(when));
			printf(it.mine ? M_B_SHOW_ACKED : M_B_SHOW_YOU_ACKED, when);
		} else if (st.acked_version > 0)
			fputs(it.mine ? M_B_SHOW_CHANGED : M_B_SHOW_CHANGED_YOU, stdout);
		else if (it.mine)
			fputs(M_B_SHOW_WAITING, stdout);
		else
			printf(M_B_SHOW_ASK_ACK, it.id, it.id);
		if (st.discuss)
			fputs(it.mine ? M_B_SHOW_DISCUSS : M_B_SHOW_YOU_DISCUSS, stdout);
	}
	dy_item_release(&it);
	return out_flush();
}

static int
cmd_boundary_history(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	struct dy_item it;
	char when[32];
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &boundary_kind, &it)) != 0)
		return rc;
	if (dy_item_versions(c->s, &dy_kind_boundary, it.id, strlen(it.id), &l, &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json) {
		json_t *arr = json_array();

		for (size_t i = 0; arr != NULL && i < l.count; i++)
			if (json_array_append_new(arr, dy_item_json(&l.items[i])) != 0) {
				json_decref(arr);
				arr = NULL;
			}
		if (arr != NULL && json_array_append_new(arr, dy_item_json(&it)) != 0) {
			json_decref(arr);
			arr = NULL;
		}
		rc = json_out(arr != NULL ? json_pack("{s:o, s:I}", "versions", arr, "damaged", (json_int_t)l.damaged)
		                          : NULL);
	} else {
		for (size_t i = 0; i <= l.count; i++) {
			const struct dy_item *v = i < l.count ? &l.items[i] : &it;

			fmt_local(v->updated_at, when, sizeof(when));
			printf("%s%d%s  %s  ", col(c, C_DIM), v->version, col(c, C_RESET), when);
			put_clean(stdout, str(v, "statement"), strlen(str(v, "statement")), false);
			fputs(i == l.count ? M_B_CURRENT : "\n", stdout);
		}
		rc = out_flush();
	}
	/* like the lists: on stderr, also with --json */
	if (rc == 0)
		cli_say_damaged(l.damaged, M_B_DAMAGED_ONE, M_B_DAMAGED);
	dy_item_list_release(&l);
	dy_item_release(&it);
	return rc;
}

static int
cmd_boundary_share(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &boundary_kind, DY_VIS_SHARED, M_SELF_SHARED);
}

static int
cmd_boundary_unshare(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &boundary_kind, DY_VIS_PRIVATE, M_SELF_UNSHARED);
}

static int
answer(struct cli *c, int argc, char **argv, enum dy_boundary_act act)
{
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1];
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &boundary_kind, &it)) != 0)
		return rc;
	if (dy_boundary_answer(c->s, it.id, strlen(it.id), act, id, &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:s, s:i}", "id", id, "boundary", it.id, "wording", it.version));
	else {
		printf(act == DY_BOUNDARY_ACK ? M_B_ACK_DONE : M_B_DISCUSS_DONE, shown(it.author));
		rc = out_flush();
	}
	dy_item_release(&it);
	return rc;
}

static int
cmd_boundary_ack(struct cli *c, int argc, char **argv)
{
	return answer(c, argc, argv, DY_BOUNDARY_ACK);
}

static int
cmd_boundary_discuss(struct cli *c, int argc, char **argv)
{
	return answer(c, argc, argv, DY_BOUNDARY_DISCUSS);
}

static int
cmd_boundary_rm(struct cli *c, int argc, char **argv)
{
	return rm_command(c, argc, argv, &boundary_kind);
}

/* --------------------------------------------------------------- goals */

static void
goal_line(struct cli *c, const struct dy_item *it)
{
	char mark[DY_NAME_MAX + 16];

	cli_item_mark(it, mark, sizeof(mark));
	printf("%s%.8s%s  %-7s  ", col(c, C_DIM), it->id, col(c, C_RESET), str(it, "status"));
	put_summary(str(it, "statement"));
	printf("  (%s", mark);
	if (str(it, "target")[0] != '\0')
		printf(M_G_BY, str(it, "target"));
	fputs(")\n", stdout);
}


static int
cmd_goal_add(struct cli *c, int argc, char **argv)
{
	static const struct add_spec goal = {
		.kind = &dy_kind_goal, .opts = {"why", "target"}, .fixed = "status", .fixed_value = "active",
		.said = M_GOAL_SAVED, .said_shared = M_GOAL_SAVED_SHARED,
	};
	return add_command(c, argc, argv, &goal);
}

static int
cmd_goal_list(struct cli *c, int argc, char **argv)
{
	return cli_items_list(c, argc, argv, &goal_kind);
}

static int
cmd_goal_show(struct cli *c, int argc, char **argv)
{
	struct dy_query q = {.kinds = {&dy_kind_goal_note}, .nkinds = 1, .filter = DY_FILTER_ALL};
	struct dy_error err = {0};
	struct dy_item_list l = {0};
	struct dy_item it;
	char when[32], mark[DY_NAME_MAX + 16];
	json_t *notes = NULL;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &goal_kind, &it)) != 0)
		return rc;
	q.parent_id = it.id;
	if (dy_item_list(c->s, &q, &l, &err) != 0) {
		dy_item_release(&it);
		return cli_core_fail(&err);
	}
	if (c->json && (notes = json_array()) == NULL)
		goto oom;
	if (!c->json) {
		cli_item_mark(&it, mark, sizeof(mark));
		printf("%s", col(c, C_BOLD));
		put_clean(stdout, str(&it, "statement"), strlen(str(&it, "statement")), true);
		printf("%s\n%s, %s", col(c, C_RESET), str(&it, "status"), mark);
		if (str(&it, "target")[0] != '\0')
			printf(M_G_BY, str(&it, "target"));
		fputc('\n', stdout);
		if (str(&it, "why")[0] != '\0') {
			fputs(M_G_WHY, stdout);
			put_clean(stdout, str(&it, "why"), strlen(str(&it, "why")), true);
			fputc('\n', stdout);
		}
	}
	/* oldest first reads as a story */
	for (size_t i = l.count; i-- > 0;) {
		const struct dy_item *n = &l.items[i];
		bool dismissed = false;

		if (dy_goal_note_dismissed(c->s, n, &dismissed, &err) != 0) {
			rc = cli_core_fail(&err);
			goto out;
		}
		if (c->json) {
			json_t *j = dy_item_json(n);

			if (j == NULL || json_object_set_new(j, "dismissed", json_boolean(dismissed)) != 0 ||
			    json_array_append_new(notes, j) != 0)
				goto oom;
			continue;
		}
		if (dismissed)
			continue;
		fmt_local(n->created_at, when, sizeof(when));
		printf("\n%s%.8s%s  %s  %s\n", col(c, C_DIM), n->id, col(c, C_RESET), when,
		       strcmp(str(n, "sort"), "support") == 0 ? shown(n->mine ? M_G_YOUR_SUPPORT : n->author)
		                                              : M_G_PROGRESS);
		put_clean(stdout, str(n, "note"), strlen(str(n, "note")), true);
		fputc('\n', stdout);
	}
	if (c->json) {
		json_t *j = dy_item_json(&it);

		if (j == NULL || json_object_set_new(j, "notes", notes) != 0) {
			json_decref(j);
			notes = NULL;
			goto oom;
		}
		notes = NULL;
		if (json_object_set_new(j, "notes_damaged", json_integer((json_int_t)l.damaged)) != 0) {
			json_decref(j);
			goto oom;
		}
		rc = json_out(j);
	} else
		rc = out_flush();
	if (rc == 0)
		cli_say_damaged(l.damaged, M_DAMAGED_NOTE, M_DAMAGED_NOTES);
	goto out;
oom:
	cli_err("Out of memory.");
	rc = CLI_FAIL;
out:
	json_decref(notes);
	dy_item_list_release(&l);
	dy_item_release(&it);
	return rc;
}

/* dyad goal progress|support ID NOTE */
static int
note_command(struct cli *c, int argc, char **argv, bool support)
{
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1];
	const char *gid, *text;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind + 2 > argc)
		return cli_usage(c, M_MISSING, optind >= argc ? "ID" : "NOTE");
	gid = argv[optind++];
	text = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0 ||
	    (rc = cli_item_get(c, &goal_kind, gid, &it)) != 0)
		return rc;
	if (support == it.mine) {
		cli_err(support ? M_G_SUPPORT_OWN : M_G_PROGRESS_THEIRS, shown(it.author));
		dy_item_release(&it);
		return CLI_FAIL;
	}
	arg_note_once(c, false);
	if (dy_goal_note(c->s, it.id, strlen(it.id), text, strlen(text), id, &err) != 0)
		rc = cli_core_fail(&err);
	else
		rc = said_id(c, support ? M_G_SUPPORT_DONE : M_G_PROGRESS_DONE, id);
	dy_item_release(&it);
	return rc;
}

static int
cmd_goal_progress(struct cli *c, int argc, char **argv)
{
	return note_command(c, argc, argv, false);
}

static int
cmd_goal_support(struct cli *c, int argc, char **argv)
{
	return note_command(c, argc, argv, true);
}

static int
cmd_goal_dismiss(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_item n;
	int rc;

	if ((rc = cli_item_command(c, argc, argv, &note_kind, &n)) != 0)
		return rc;
	if (dy_goal_dismiss(c->s, n.id, strlen(n.id), &err) != 0)
		rc = cli_core_fail(&err);
	else if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "id", n.id, "dismissed", 1));
	else {
		printf(M_G_DISMISSED, n.id);
		rc = out_flush();
	}
	dy_item_release(&n);
	return rc;
}

static int
cmd_goal_status(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	struct dy_item it;
	const char *gid, *status;
	json_t *f;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind + 2 > argc)
		return cli_usage(c, M_MISSING, optind >= argc ? "ID" : "STATUS (active, paused, done or dropped)");
	gid = argv[optind++];
	status = argv[optind++];
	if ((rc = cli_no_more(c, argc, argv)) != 0 || (rc = cli_unlock(c)) != 0 ||
	    (rc = cli_item_get(c, &goal_kind, gid, &it)) != 0)
		return rc;
	f = json_pack("{s:s}", "status", status);
	if (f == NULL) {
		cli_err("Out of memory.");
		rc = CLI_FAIL;
	} else if (dy_item_edit(c->s, &dy_kind_goal, it.id, strlen(it.id), f, NULL, 0, &err) != 0)
		rc = cli_core_fail(&err);
	else if (c->json)
		rc = json_out(json_pack("{s:s, s:s}", "id", it.id, "status", status));
	else {
		printf(M_G_STATUS_DONE, it.id, status);
		rc = out_flush();
	}
	json_decref(f);
	dy_item_release(&it);
	return rc;
}

static int
cmd_goal_share(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &goal_kind, DY_VIS_SHARED, M_SELF_SHARED);
}

static int
cmd_goal_unshare(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &goal_kind, DY_VIS_PRIVATE, M_SELF_UNSHARED);
}

static int
cmd_goal_rm(struct cli *c, int argc, char **argv)
{
	return rm_command(c, argc, argv, &goal_kind);
}

/* ----------------------------------------------------------- interests */

static void
interest_line(struct cli *c, const struct dy_item *it)
{
	char mark[DY_NAME_MAX + 16];

	cli_item_mark(it, mark, sizeof(mark));
	printf("%s%.8s%s  ", col(c, C_DIM), it->id, col(c, C_RESET));
	put_summary(str(it, "statement"));
	printf("  (%s%s%s)\n", str(it, "with"), str(it, "with")[0] != '\0' ? ", " : "", mark);
}


static int
cmd_interest_add(struct cli *c, int argc, char **argv)
{
	static const struct add_spec interest = {
		.kind = &dy_kind_interest, .opts = {"with", "note"},
		.said = M_INTEREST_SAVED, .said_shared = M_INTEREST_SAVED_SHARED,
	};
	return add_command(c, argc, argv, &interest);
}

static int
cmd_interest_list(struct cli *c, int argc, char **argv)
{
	return cli_items_list(c, argc, argv, &interest_kind);
}

static int
cmd_interest_share(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &interest_kind, DY_VIS_SHARED, M_SELF_SHARED);
}

static int
cmd_interest_unshare(struct cli *c, int argc, char **argv)
{
	return vis_command(c, argc, argv, &interest_kind, DY_VIS_PRIVATE, M_SELF_UNSHARED);
}

static int
cmd_interest_rm(struct cli *c, int argc, char **argv)
{
	return rm_command(c, argc, argv, &interest_kind);
}

static const struct cli_cmd boundary_cmds[] = {
	{"add", cmd_boundary_add, S_BADD, H_BADD},
	{"edit", cmd_boundary_edit, S_BEDIT, H_BEDIT},
	{"list", cmd_boundary_list, S_BLIST, H_BLIST},
	{"show", cmd_boundary_show, S_BSHOW, H_BSHOW},
	{"history", cmd_boundary_history, S_BHISTORY, H_BHISTORY},
	{"share", cmd_boundary_share, S_BSHARE, H_BSHARE},
	{"unshare", cmd_boundary_unshare, S_BUNSHARE, H_BUNSHARE},
	{"ack", cmd_boundary_ack, S_BACK, H_BACK},
	{"discuss", cmd_boundary_discuss, S_BDISCUSS, H_BDISCUSS},
	{"rm", cmd_boundary_rm, S_BRM, H_BRM},
};

static const struct cli_cmd goal_cmds[] = {
	{"add", cmd_goal_add, S_GADD, H_GADD},
	{"list", cmd_goal_list, S_GLIST, H_GLIST},
	{"show", cmd_goal_show, S_GSHOW, H_GSHOW},
	{"progress", cmd_goal_progress, S_GPROGRESS, H_GPROGRESS},
	{"support", cmd_goal_support, S_GSUPPORT, H_GSUPPORT},
	{"dismiss", cmd_goal_dismiss, S_GDISMISS, H_GDISMISS},
	{"status", cmd_goal_status, S_GSTATUS, H_GSTATUS},
	{"share", cmd_goal_share, S_GSHARE, H_GSHARE},
	{"unshare", cmd_goal_unshare, S_GUNSHARE, H_GUNSHARE},
	{"rm", cmd_goal_rm, S_GRM, H_GRM},
};

static const struct cli_cmd interest_cmds[] = {
	{"add", cmd_interest_add, S_IADD, H_IADD},
	{"list", cmd_interest_list, S_ILIST, H_ILIST},
	{"share", cmd_interest_share, S_ISHARE, H_ISHARE},
	{"unshare", cmd_interest_unshare, S_IUNSHARE, H_IUNSHARE},
	{"rm", cmd_interest_rm, S_IRM, H_IRM},
};

const struct cli_family cli_boundary_family = CLI_FAMILY("boundary", S_BOUNDARY, H_BOUNDARY, boundary_cmds);
const struct cli_family cli_goal_family = CLI_FAMILY("goal", S_GOAL, H_GOAL, goal_cmds);
const struct cli_family cli_interest_family = CLI_FAMILY("interest", S_INTEREST, H_INTEREST, interest_cmds);
