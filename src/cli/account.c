/*
 * account.c - the commands about you and your space: init, invite, join,
 * whoami, passphrase, recover, leave, export, backup.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "messages.h"
#include "platform.h"
#include "web.h"
#include "banned.h"

/* Operands a command does not take are a usage error. */
static int
no_operands(struct cli *c, int argc, char **argv)
{
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	return 0;
}

/* The hue named s, or -1 after saying that it is not one. */
static int
take_colour(const char *s)
{
	int hue = dy_hue_parse(s, strlen(s));

	if (hue < 0)
		cli_err(M_BAD_COLOUR, s);
	return hue;
}

/* Check and normalise a name or label the core's way (name.h), before a
 * passphrase is asked for; the core's message when it is refused. */
static int
take_name(enum dy_name_kind kind, const char *s, char *out, size_t size)
{
	struct dy_error err = {0};
	size_t n;

	if (dy_name_normalize(kind, s, strlen(s), out, size, &n, &err) != 0) {
		cli_err("%s", err.msg);
		return CLI_FAIL;
	}
	return 0;
}

static int
show_recovery(struct cli *c, const char *name, const char *recovery, bool joined)
{
	const char *label = c->space.label[0] != '\0' ? c->space.label : "Our space";

	if (c->json)
		return json_out(json_pack("{s:s, s:s, s:s, s:s}", "name", name, "space", label,
		                          "data", c->data_dir, "recovery_code", recovery));
	if (joined)
		printf(M_JOINED, shown(name), c->partner != NULL ? shown(c->partner->name) : "your partner",
		       shown(label));
	else
		printf(M_WELCOME, shown(name), shown(label), c->data_dir);
	printf(M_RECOVERY, recovery);
	if (!joined)
		fputs(M_NEXT_INVITE, stdout);
	return out_flush();
}

/* Fill c->space, c->me and c->partner from a fresh session. */
static void
learn_space(struct cli *c)
{
	struct dy_error err = {0};

	memset(&c->space, 0, sizeof(c->space));
	if (dy_whoami(c->s, &c->space, &err) != 0)
		return;
	for (int i = 0; i < c->space.members && i < 2; i++) {
		if (c->space.people[i].me)
			c->me = &c->space.people[i];
		else
			c->partner = &c->space.people[i];
	}
}

enum { O_NAME = 'n', O_SPACE = 0x100, O_INVITE = 'i', O_YES = 'y', O_CODE = 0x101,
       O_NEWFILE = 0x102, O_URL = 0x103, O_QR = 0x104, O_NO_QR = 0x105, O_MARKDOWN = 0x106,
       O_COLOUR = 0x107 };

/*
 * init: check everything we can before touching the disk, so that a
 * failure (mismatched passphrases, a space already there) leaves nothing
 * behind; if creating the space fails after all, remove what we made.
 */
int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, O_NAME},
		{"space", required_argument, NULL, O_SPACE},
		{"colour", required_argument, NULL, O_COLOUR},
		{"color", required_argument, NULL, O_COLOUR},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct secret pass = {0};
	const char *name = NULL, *label = NULL;
	char recovery[DY_RECOVERY_LEN + 1] = {0};
	char prompt[DY_NAME_MAX + 80], name_n[DY_NAME_MAX + 1], label_n[DY_LABEL_MAX + 1];
	struct cli_made made = {0};
	enum plat_kind kind;
	int o, rc, hue = -1;

	while ((o = cli_getopt(c, argc, argv, "n:", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_NAME)
			name = optarg;
		else if (o == O_SPACE)
			label = optarg;
		else if (o == O_COLOUR && (hue = take_colour(optarg)) < 0)
			return CLI_FAIL;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if (name == NULL)
		return cli_usage(c, M_MISSING, "--name NAME");
	if ((rc = take_name(DY_NAME_PERSON, name, name_n, sizeof(name_n))) != 0)
		return rc;
	name = name_n;
	if (label != NULL && label[0] != '\0') {
		if ((rc = take_name(DY_NAME_LABEL, label, label_n, sizeof(label_n))) != 0)
			return rc;
		label = label_n;
	}
	if ((rc = cli_paths(c)) != 0)
		return rc;
	if (plat_path_kind(c->db_path, &kind) == 0 && kind != PLAT_NONE) {
		bool exists = false;

		if ((rc = cli_open(c)) != 0)
			return rc;
		if (dy_space_exists(c->db, &exists, &err) != 0)
			return cli_core_fail(&err);
		if (exists) {
			cli_err(M_ALREADY_SPACE, c->data_dir);
			return CLI_FAIL;
		}
		dy_db_close(c->db);
		c->db = NULL;
	}
	snprintf(prompt, sizeof(prompt), M_PASS_NEW_PROMPT, shown(name), DY_PASSPHRASE_MIN);
	if ((rc = passphrase_get(PASS_NEW, c->pass_file, prompt, &pass)) != 0)
		return rc;
	rc = CLI_FAIL;
	if (cli_make_data(c, &made) != 0)
		goto out;
	if (dy_db_open(c->db_path, DY_OPEN_CREATE, &c->db, &err) != 0) {
		cli_core_fail(&err);
		cli_unmake_data(c, &made);
		goto out;
	}
	if (dy_space_create(c->db, label, label != NULL ? strlen(label) : 0, name, strlen(name),
	                    pass.p, pass.len, recovery, &c->s, &err) != 0) {
		cli_core_fail(&err);
		cli_unmake_data(c, &made);
		goto out;
	}
	secret_free(&pass);
	if (hue >= 0 && dy_colour_set(c->s, hue, &err) != 0)
		cli_core_fail(&err);     /* the space is made: say so, and go on */
	learn_space(c);
	rc = show_recovery(c, name, recovery, false);
out:
	sodium_memzero(recovery, sizeof(recovery));
	secret_free(&pass);
	return rc;
}

/*
 * invite: a one-time code; with --url (or DYAD_URL), the address where the
 * partner opens dyad, also the link to send and its QR code (on a
 * terminal, or with --qr).
 */
int
cmd_invite(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"url", required_argument, NULL, O_URL},
		{"qr", no_argument, NULL, O_QR},
		{"no-qr", no_argument, NULL, O_NO_QR},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	char code[DY_INVITE_LEN + 1] = {0};
	char link[300 + DY_INVITE_LEN] = {0};
	char when[32];
	const char *url = getenv("DYAD_URL");
	int64_t expires = 0;
	int o, rc, qr = -1; /* -1: when stdout is a terminal */
	size_t n;

	if (url != NULL && url[0] == '\0')
		url = NULL;
	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_URL)
			url = optarg;
		else if (o == O_QR)
			qr = 1;
		else if (o == O_NO_QR)
			qr = 0;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if (url != NULL && !web_public_url_ok(url))
		return cli_usage(c, M_BAD_PUBLIC_URL, "--url (or DYAD_URL)");
	if (url == NULL && qr == 1)
		return cli_usage(c, M_QR_NEEDS_URL);
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (c->space.members >= 2) {
		cli_err(M_SPACE_FULL);
		return CLI_FAIL;
	}
	if (dy_invite_create(c->s, code, &expires, &err) != 0) {
		if (err.code == DY_EFULL) {
			cli_err(M_SPACE_FULL);
			return CLI_FAIL;
		}
		return cli_core_fail(&err);
	}
	if (url != NULL) {
		n = strlen(url);
		snprintf(link, sizeof(link), "%.*s/join#%s", (int)(n > 0 && url[n - 1] == '/' ? n - 1 : n), url, code);
	}
	if (c->json) {
		json_t *doc = json_pack("{s:s, s:o}", "code", code, "expires_at", json_time(expires));

		if (doc != NULL && url != NULL) {
			json_object_set_new(doc, "link", json_string(link));
			json_object_set_new(doc, "loopback", json_boolean(web_origin_is_loopback(url)));
		}
		rc = json_out(doc);
	} else {
		fmt_local(expires, when, sizeof(when));
		if (url == NULL) {
			printf(M_INVITE, when, code, code);
		} else {
			printf(M_INVITE_LINK, when, link);
			if (qr == 1 || (qr == -1 && isatty(STDOUT_FILENO)))
				rc = out_qr(link);
			printf(M_INVITE_LINK_JOIN, code);
		}
		if (rc == 0)
			rc = out_flush();
		if (url == NULL)
			cli_note(M_INVITE_URL_HINT);
	}
	if (url != NULL && web_origin_is_loopback(url))
		cli_note(M_INVITE_LOOPBACK, url);
	sodium_memzero(code, sizeof(code));
	sodium_memzero(link, sizeof(link));
	return rc;
}

int
cmd_join(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, O_NAME},
		{"invite", required_argument, NULL, O_INVITE},
		{"colour", required_argument, NULL, O_COLOUR},
		{"color", required_argument, NULL, O_COLOUR},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct dy_space_info sp;
	struct secret pass = {0};
	enum dy_invite_state state = DY_INVITE_UNKNOWN;
	const char *name = NULL, *code = NULL;
	char recovery[DY_RECOVERY_LEN + 1] = {0};
	char prompt[DY_NAME_MAX + 80], name_n[DY_NAME_MAX + 1];
	int o, rc, hue = -1;

	while ((o = cli_getopt(c, argc, argv, "n:i:", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_NAME)
			name = optarg;
		else if (o == O_INVITE)
			code = optarg;
		else if (o == O_COLOUR && (hue = take_colour(optarg)) < 0)
			return CLI_FAIL;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if (name == NULL)
		return cli_usage(c, M_MISSING, "--name NAME");
	if (code == NULL)
		return cli_usage(c, M_MISSING, "--invite CODE");
	if ((rc = take_name(DY_NAME_PERSON, name, name_n, sizeof(name_n))) != 0)
		return rc;
	name = name_n;
	if ((rc = cli_open(c)) != 0)
		return rc;
	/* say what we can before asking for a passphrase */
	memset(&sp, 0, sizeof(sp));
	if (dy_space_people(c->db, &sp, &err) != 0)
		return cli_core_fail(&err);
	if (sp.members <= 0) {
		cli_err(M_NO_SPACE, c->data_dir);
		return CLI_FAIL;
	}
	/* in the order POST /api/v1/join/check answers: an unknown, used or
	 * expired code says so first, then a full space */
	if (dy_invite_check(c->db, code, strlen(code), &state, &err) != 0)
		return cli_core_fail(&err);
	if (state == DY_INVITE_UNKNOWN || state == DY_INVITE_USED || state == DY_INVITE_EXPIRED) {
		cli_err(state == DY_INVITE_USED ? M_INVITE_USED : state == DY_INVITE_EXPIRED ? M_INVITE_EXPIRED
		        : M_INVITE_UNKNOWN);
		return CLI_FAIL;
	}
	if (sp.members >= 2 || state == DY_INVITE_FULL) {
		cli_err(M_SPACE_FULL);
		return CLI_FAIL;
	}
	if (dy_name_same(sp.people[0].name, strlen(sp.people[0].name), name, strlen(name))) {
		cli_err(M_NAME_TAKEN, sp.people[0].name);
		return CLI_FAIL;
	}
	if (hue >= 0 && hue == sp.people[0].hue) {
		cli_err(M_COLOUR_TAKEN, shown(sp.people[0].name), dy_hue_name(hue));
		return CLI_FAIL;
	}
	snprintf(prompt, sizeof(prompt), M_PASS_NEW_PROMPT, shown(name), DY_PASSPHRASE_MIN);
	if ((rc = passphrase_get(PASS_NEW, c->pass_file, prompt, &pass)) != 0)
		return rc;
	rc = dy_space_join(c->db, code, strlen(code), name, strlen(name), pass.p, pass.len,
	                   recovery, &c->s, &err);
	secret_free(&pass);
	if (rc != 0) {
		if (rc == DY_EFULL)
			cli_err(M_SPACE_FULL);
		else if (rc == DY_EEXIST)
			cli_err(M_NAME_TAKEN, sp.people[0].name);
		else
			cli_core_fail(&err);
		return CLI_FAIL;
	}
	if (hue >= 0 && dy_colour_set(c->s, hue, &err) != 0)
		cli_core_fail(&err);     /* joined all the same: say so, and go on */
	learn_space(c);
	rc = show_recovery(c, name, recovery, true);
	sodium_memzero(recovery, sizeof(recovery));
	return rc;
}

int
cmd_whoami(struct cli *c, int argc, char **argv)
{
	json_t *people;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (c->json) {
		people = dy_space_json(&c->space);
		return json_out(people != NULL ? json_pack("{s:s, s:i, s:o}", "name", c->me->name, "color",
		                                           c->me->color, "space", people)
		                               : NULL);
	}
	if (c->partner == NULL && c->space.left_name[0] != '\0') {
		static const char *const months[] = M_MONTHS;
		char day[32];
		time_t t = (time_t)c->space.left_at;
		struct tm tm;

		if (localtime_r(&t, &tm) == NULL)
			memset(&tm, 0, sizeof(tm));
		snprintf(day, sizeof(day), "%d %s", tm.tm_mday, months[tm.tm_mon >= 0 && tm.tm_mon < 12 ? tm.tm_mon : 0]);
		printf(M_WHOAMI_LEFT, shown(c->me->name), shown(c->space.label), shown(c->space.left_name), day,
		       shown(c->space.left_name), shown(c->space.left_name));
		return out_flush();
	}
	printf(M_WHOAMI, shown(c->me->name), shown(c->space.label),
	       c->partner != NULL ? M_WHOAMI_WITH : M_WHOAMI_ALONE,
	       c->partner != NULL ? shown(c->partner->name) : "");
	return out_flush();
}

int
cmd_label(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	char label[DY_LABEL_MAX + 1];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "the space's new name");
	if (optind + 1 < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind + 1]);
	/* normalised as the core keeps it, and refused before the passphrase */
	if ((rc = take_name(DY_NAME_LABEL, argv[optind], label, sizeof(label))) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_space_set_label(c->s, label, strlen(label), &err) != 0) {
		cli_core_fail(&err);
		return CLI_FAIL;
	}
	printf(M_LABEL_DONE, shown(label));
	return out_flush();
}

int
cmd_passphrase(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"new-passphrase-file", required_argument, NULL, O_NEWFILE},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct secret pass = {0};
	const char *newfile = NULL;
	char prompt[DY_NAME_MAX + 80];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_NEWFILE)
			newfile = optarg;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	snprintf(prompt, sizeof(prompt), M_PASS_CHANGE_PROMPT, shown(c->me->name), DY_PASSPHRASE_MIN);
	if ((rc = passphrase_get(PASS_CHANGED, newfile, prompt, &pass)) != 0)
		return rc;
	rc = dy_passphrase_change(c->s, pass.p, pass.len, &err);
	secret_free(&pass);
	if (rc != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s, s:b}", "name", c->me->name, "changed", 1));
	fputs(M_PASS_CHANGED, stdout);
	return out_flush();
}

/* The recovery code: --code, else the terminal, else one line of stdin. */
static int
read_code(const char *opt, char code[DY_RECOVERY_LEN + 16])
{
	struct dy_buf b = DY_BUF_INIT(DY_RECOVERY_LEN + 8);
	size_t n;

	if (opt != NULL) {
		snprintf(code, DY_RECOVERY_LEN + 16, "%s", opt);
		return 0;
	}
	if (isatty(STDIN_FILENO) && tty_available()) {
		if (tty_ask(M_CODE_PROMPT, code, DY_RECOVERY_LEN + 16) == 0 && code[0] != '\0')
			return 0;
		cli_err(M_CODE_NONE);
		return CLI_FAIL;
	}
	if (buf_read_fd(&b, STDIN_FILENO) != 0 || b.err != 0) {
		dy_buf_release(&b);
		cli_err(M_CODE_NONE);
		return CLI_FAIL;
	}
	n = b.len;
	while (n > 0 && (b.p[n - 1] == '\n' || b.p[n - 1] == '\r' || b.p[n - 1] == ' '))
		n--;
	if (n == 0) {
		dy_buf_release(&b);
		cli_err(M_CODE_NONE);
		return CLI_FAIL;
	}
	snprintf(code, DY_RECOVERY_LEN + 16, "%.*s", (int)n, b.p);
	sodium_memzero(b.p, b.len);
	dy_buf_release(&b);
	return 0;
}

int
cmd_recover(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"code", required_argument, NULL, O_CODE},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	struct secret pass = {0};
	const char *code_opt = NULL;
	char code[DY_RECOVERY_LEN + 16] = {0};
	char name[DY_NAME_MAX + 1];
	char prompt[DY_NAME_MAX + 80];
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_CODE)
			code_opt = optarg;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_open(c)) != 0)
		return rc;
	if ((rc = cli_who(c, name)) != 0)
		return rc;
	if ((rc = read_code(code_opt, code)) != 0)
		return rc;
	snprintf(prompt, sizeof(prompt), M_PASS_CHANGE_PROMPT, shown(name), DY_PASSPHRASE_MIN);
	if ((rc = passphrase_get(PASS_NEW, c->pass_file, prompt, &pass)) != 0)
		goto out;
	rc = dy_recover(c->db, name, strlen(name), code, strlen(code), pass.p, pass.len, &err);
	secret_free(&pass);
	if (rc == DY_EAUTH) {
		cli_err(M_CODE_WRONG, name);
		rc = CLI_FAIL;
		goto out;
	}
	if (rc != 0) {
		rc = cli_core_fail(&err);
		goto out;
	}
	if (c->json)
		rc = json_out(json_pack("{s:s, s:b}", "name", name, "recovered", 1));
	else {
		printf(M_RECOVERED, shown(name));
		rc = out_flush();
	}
out:
	sodium_memzero(code, sizeof(code));
	return rc;
}

int
cmd_recovery_code(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	char recovery[DY_RECOVERY_LEN + 1] = {0};
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_recovery_renew(c->s, recovery, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		rc = json_out(json_pack("{s:s, s:s}", "name", c->me->name, "recovery_code", recovery));
	else {
		printf(M_RECOVERY_NEW, recovery);
		rc = out_flush();
	}
	sodium_memzero(recovery, sizeof(recovery));
	return rc;
}

int
cmd_leave(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"yes", no_argument, NULL, O_YES},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	char name[DY_NAME_MAX + 1];
	char answer[DY_NAME_MAX + 2];
	char prompt[DY_NAME_MAX + 64];
	char partner[DY_NAME_MAX + 80] = "";
	bool yes = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "y", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_YES)
			yes = true;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if (!yes && !(isatty(STDIN_FILENO) && tty_available())) {
		cli_err(M_LEAVE_NEEDS_YES);
		return CLI_USAGE;
	}
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	snprintf(name, sizeof(name), "%s", c->me->name);
	if (!yes) {
		if (c->partner != NULL)
			snprintf(partner, sizeof(partner), M_LEAVE_PARTNER, shown(c->partner->name));
		cli_note(M_LEAVE_WARN, name, partner);
		snprintf(prompt, sizeof(prompt), M_LEAVE_TYPE, shown(name));
		if (tty_ask(prompt, answer, sizeof(answer)) != 0 || strcmp(answer, name) != 0) {
			cli_err(M_LEAVE_NO);
			return CLI_FAIL;
		}
	}
	if (dy_leave(c->s, &err) != 0)
		return cli_core_fail(&err);
	if (c->json)
		return json_out(json_pack("{s:s, s:b}", "name", name, "left", 1));
	printf(M_LEFT, shown(name));
	return out_flush();
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown", no_argument, NULL, O_MARKDOWN},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	char *json = NULL;
	size_t len = 0;
	bool md = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_MARKDOWN)
			md = true;
	}
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	rc = md ? dy_export_markdown(c->s, &json, &len, &err) : dy_export(c->s, &json, &len, &err);
	if (rc != 0)
		return cli_core_fail(&err);
	fwrite(json, 1, len, stdout);
	if (len == 0 || json[len - 1] != '\n')
		fputc('\n', stdout);
	sodium_memzero(json, len);
	free(json);
	return out_flush();
}

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	struct dy_error err = {0};
	const char *file;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind >= argc)
		return cli_usage(c, M_MISSING, "FILE");
	file = argv[optind++];
	if ((rc = no_operands(c, argc, argv)) != 0)
		return rc;
	if ((rc = cli_open(c)) != 0)
		return rc;
	/* the file is ours, private and new, before SQLite writes to it */
	rc = plat_file_create(file);
	if (rc == -EEXIST) {
		cli_err(M_BACKUP_EXISTS, file);
		return CLI_FAIL;
	}
	if (rc != 0) {
		cli_err(M_CANNOT_CREATE, file, plat_strerror(rc));
		return CLI_FAIL;
	}
	if (dy_db_backup(c->db, file, &err) != 0) {
		(void)plat_file_remove(file);
		return cli_core_fail(&err);
	}
	if (c->json)
		return json_out(json_pack("{s:s, s:s}", "file", file, "database", c->db_path));
	printf(M_BACKUP_DONE, file, c->db_path);
	return out_flush();
}

/* ---------------------------------------------------------- the families */

/* Two tables, so that `dyad help` lists starting a space first and the
 * journal before the rest of the account's commands. */
static const struct cli_cmd space_cmds[] = {
	{"init", cmd_init, S_INIT, H_INIT},
	{"invite", cmd_invite, S_INVITE, H_INVITE},
	{"join", cmd_join, S_JOIN, H_JOIN},
	{"label", cmd_label, S_LABEL, H_LABEL},
};

static const struct cli_cmd account_cmds[] = {
	{"whoami", cmd_whoami, S_WHOAMI, H_WHOAMI},
	{"passphrase", cmd_passphrase, S_PASSPHRASE, H_PASSPHRASE},
	{"recover", cmd_recover, S_RECOVER, H_RECOVER},
	{"recovery-code", cmd_recovery_code, S_RECOVERY_CODE, H_RECOVERY_CODE},
	{"export", cmd_export, S_EXPORT, H_EXPORT},
	{"backup", cmd_backup, S_BACKUP, H_BACKUP},
	{"leave", cmd_leave, S_LEAVE, H_LEAVE},
};

const struct cli_family cli_space_family = CLI_FAMILY(NULL, NULL, NULL, space_cmds);
const struct cli_family cli_account_family = CLI_FAMILY(NULL, NULL, NULL, account_cmds);
