/*
 * coach.c - dyad coach: the I-statement coach in the terminal. Reads text
 * (an argument, standard input, or the editor), prints what the core's
 * coach found with its advice, or builds an I-statement from its four
 * parts. Advice only: the exit status is 0 whatever was found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum { O_FEEL = 0x100, O_WHEN, O_NEED, O_ASK };

/* The finding's words as one line for the terminal, quoted. */
static void
put_found(const char *text, const struct dy_coach_finding *f)
{
	fputs("\"", stdout);
	put_clean(stdout, text + f->start, f->end - f->start, false);
	fputs("\"", stdout);
}

static void
print_findings(const struct cli *c, const char *text, const struct dy_coach_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		printf("%zu. %s%s%s: ", i + 1, col(c, C_BOLD), dy_coach_kind_name(r->findings[i].kind),
		       col(c, C_RESET));
		put_found(text, &r->findings[i]);
		printf("\n   %s\n", dy_coach_advice(r->findings[i].kind));
	}
}

static int
check_and_print(struct cli *c, const char *text, size_t len)
{
	struct dy_coach_result r;
	struct dy_error err = {0};

	if (dy_coach_check(text, len, &r, &err) != 0)
		return cli_core_fail(&err);
	if (c->json) {
		struct dy_buf b = DY_BUF_INIT(1 << 20);
		json_t *v;

		if (dy_coach_json(text, &r, &b) != 0) {
			dy_buf_release(&b);
			cli_err(M_NOMEM);
			return CLI_FAIL;
		}
		v = json_loadb(b.p, b.len, 0, NULL);
		dy_buf_release(&b);
		return json_out(v);
	}
	if (r.clean) {
		printf(M_COACH_CLEAN "%s\n", dy_coach_clean_note());
		return out_flush();
	}
	if (r.n == 0) {
		printf(M_COACH_CLEAR);
		return out_flush();
	}
	print_findings(c, text, &r);
	printf(M_COACH_TIP);
	return out_flush();
}

/*
 * Build the I-statement and print it, then what the coach finds in it (the
 * parts are free text: "when you always..." is still an absolute), or that
 * it is clean. JSON: {"statement": ..., "findings": [...], "clean": ...,
 * "parts": [...]}.
 */
static int
build_and_print(struct cli *c, const char *const part[4])
{
	struct dy_buf b = DY_BUF_INIT(4 * DY_COACH_PART_MAX + 256);
	struct dy_buf found = DY_BUF_INIT(1 << 20);
	struct dy_coach_result r;
	struct dy_error err = {0};
	json_t *v = NULL;
	int rc = CLI_FAIL;

	if (dy_coach_istatement(part[0], part[1], part[2], part[3], &b, &err) != 0 ||
	    dy_coach_check(b.p, b.len, &r, &err) != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json) {
		if (dy_coach_json(b.p, &r, &found) != 0 ||
		    !(v = json_loadb(found.p, found.len, 0, NULL)) ||
		    json_object_set_new(v, "statement", json_stringn(b.p, b.len)) != 0) {
			cli_err(M_NOMEM);
			goto out;
		}
		rc = json_out(v);
		v = NULL;
		goto out;
	}
	put_clean(stdout, b.p, b.len, false);
	fputs("\n", stdout);
	if (r.n > 0) {
		fputs("\n", stdout);
		print_findings(c, b.p, &r);
	} else if (r.clean) {
		printf("\n%s\n", dy_coach_clean_note());
	}
	rc = out_flush();
out:
	json_decref(v);
	dy_buf_release(&found);
	dy_buf_release(&b);
	return rc;
}

static int
cmd_coach(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"feel", required_argument, NULL, O_FEEL},
		{"when", required_argument, NULL, O_WHEN},
		{"need", required_argument, NULL, O_NEED},
		{"ask", required_argument, NULL, O_ASK},
		{NULL, 0, NULL, 0},
	};
	const char *part[4] = {NULL, NULL, NULL, NULL};
	bool building = false;
	struct buf text = {NULL, 0};
	bool from_editor;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o >= O_FEEL && o <= O_ASK) {
			part[o - O_FEEL] = optarg;
			building = true;
		}
	}
	if (building) {
		if (optind < argc)
			return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
		if (!part[0] || !part[1] || !part[2] || !part[3])
			return cli_usage(c, M_COACH_PARTS);
		if ((rc = build_and_print(c, part)) == 0)
			arg_note_once(c, false);
		return rc;
	}
	if (argc - optind > 1)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind + 1]);
	if ((rc = text_get(optind < argc ? argv[optind] : NULL, NULL, 0, &text, &from_editor)) != 0)
		return rc;
	rc = check_and_print(c, text.p, text.len);
	buf_release(&text);
	if (rc == 0 && optind < argc)
		arg_note_once(c, true);
	return rc;
}

static const struct cli_cmd coach_cmds[] = {
	{"coach", cmd_coach, S_COACH, H_COACH},
};

const struct cli_family cli_coach_family = CLI_FAMILY(NULL, NULL, NULL, coach_cmds);
