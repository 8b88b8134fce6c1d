/*
 * main.c - the dyad command: global options, the one table of families,
 * help, and dispatch. Each family's commands live in its own file, which
 * exports their table (cli.h: struct cli_family).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "pool.h"
#include "banned.h"

static int cmd_help(struct cli *c, int argc, char **argv);

static const struct cli_cmd help_cmds[] = {
	{"help", cmd_help, S_HELP, H_HELP},
};
static const struct cli_family help_family = CLI_FAMILY(NULL, NULL, NULL, help_cmds);

/* Every family, in the order `dyad help` lists them. No two may share a
 * word: a family's name and the top-level commands are one namespace. */
static const struct cli_family *const families[] = {
	&cli_space_family,
	&cli_journal_family,
	&cli_practice_family,
	&cli_react_family,
	&cli_pause_family,
	&cli_account_family,
	&cli_settings_family,
	&cli_balance_family,
	&cli_assess_family,
	&cli_boundary_family,
	&cli_goal_family,
	&cli_interest_family,
	&cli_checkin_family,
	&cli_question_family,
	&cli_coach_family,
	&cli_serve_family,
	&help_family,
};
#define N_FAMILIES (sizeof(families) / sizeof(families[0]))

/* Words people type out of habit, for any family's subcommands. */
static const struct {
	const char *alias, *name;
} aliases[] = {
	{"ls", "list"}, {"new", "add"}, {"delete", "rm"}, {"remove", "rm"}, {"cat", "show"},
};

/* The family named word, or NULL. */
static const struct cli_family *
find_family(const char *word)
{
	for (size_t i = 0; i < N_FAMILIES; i++)
		if (families[i]->name != NULL && strcmp(families[i]->name, word) == 0)
			return families[i];
	return NULL;
}

/* The command named word in f, or NULL. */
static const struct cli_cmd *
family_cmd(const struct cli_family *f, const char *word)
{
	for (size_t i = 0; i < f->ncmds; i++)
		if (strcmp(f->cmds[i].name, word) == 0)
			return &f->cmds[i];
	return NULL;
}

/* The top-level command named word, or NULL. */
static const struct cli_cmd *
find_top(const char *word)
{
	const struct cli_cmd *cmd;

	for (size_t i = 0; i < N_FAMILIES; i++)
		if (families[i]->name == NULL && (cmd = family_cmd(families[i], word)) != NULL)
			return cmd;
	return NULL;
}

/* The subcommand sub of family f, aliases allowed, or NULL. */
static const struct cli_cmd *
find_sub(const struct cli_family *f, const char *sub)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(sub, aliases[i].alias) == 0)
			sub = aliases[i].name;
	return family_cmd(f, sub);
}

static void
print_main_help(void)
{
	fputs(H_MAIN, stdout);
	for (size_t i = 0; i < N_FAMILIES; i++) {
		const struct cli_family *f = families[i];

		if (f->name != NULL) {
			printf("  %-12s %s\n", f->name, f->summary);
			continue;
		}
		for (size_t j = 0; j < f->ncmds; j++)
			printf("  %-12s %s\n", f->cmds[j].name, f->cmds[j].summary);
	}
	fputs(H_MAIN_TAIL, stdout);
}

static void
print_family_help(const struct cli_family *f)
{
	fputs(f->help, stdout);
	for (size_t i = 0; i < f->ncmds; i++)
		printf("  %-10s %s\n", f->cmds[i].name, f->cmds[i].summary);
	printf("\nSee 'dyad %s SUBCOMMAND --help' for each.\n", f->name);
}

/* dyad help [COMMAND [SUBCOMMAND]] */
static int
cmd_help(struct cli *c, int argc, char **argv)
{
	const struct cli_family *f;
	const struct cli_cmd *cmd;
	int o;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind >= argc) {
		print_main_help();
		return out_flush();
	}
	if ((f = find_family(argv[optind])) != NULL) {
		if (optind + 1 >= argc) {
			print_family_help(f);
			return out_flush();
		}
		if ((cmd = find_sub(f, argv[optind + 1])) == NULL) {
			cli_err(M_UNKNOWN_SUB, argv[optind + 1], f->name, f->name);
			return CLI_USAGE;
		}
	} else if ((cmd = find_top(argv[optind])) == NULL) {
		cli_err(M_UNKNOWN_COMMAND, argv[optind]);
		return CLI_USAGE;
	}
	fputs(cmd->help, stdout);
	return out_flush();
}

static bool
color_wanted(int fd)
{
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (nc != NULL && nc[0] != '\0')
		return false;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fd) == 1;
}

enum { G_DATA = 0x1000, G_AS, G_PASS_FILE, G_JSON, G_VERSION };

static const struct option main_opts[] = {
	{"data", required_argument, NULL, G_DATA},
	{"as", required_argument, NULL, G_AS},
	{"passphrase-file", required_argument, NULL, G_PASS_FILE},
	{"json", no_argument, NULL, G_JSON},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, G_VERSION},
	{NULL, 0, NULL, 0},
};

/*
 * Global options come before the command (getopt stops at the first word
 * that is not an option, "+"), and may also follow it: each command's
 * parser knows them too.
 */
int
main(int argc, char **argv)
{
	struct cli c;
	const struct cli_family *fam;
	const struct cli_cmd *cmd;
	struct cli_cmd running;
	char full[64];
	const char *env;
	int o, rc = CLI_FAIL, first;

	memset(&c, 0, sizeof(c));
	tzset();        /* times are shown in the person's own time zone */
	if ((env = getenv("DYAD_DATA")) != NULL && env[0] != '\0')
		c.data_opt = env;
	if ((env = getenv("DYAD_AS")) != NULL && env[0] != '\0')
		c.as = env;
	c.color = color_wanted(STDOUT_FILENO);
	c.color_err = color_wanted(STDERR_FILENO);

	opterr = 0;
	while ((o = getopt_long(argc, argv, "+:h", main_opts, NULL)) != -1) {
		switch (o) {
		case G_DATA:
			c.data_opt = optarg;
			break;
		case G_AS:
			c.as = optarg;
			break;
		case G_PASS_FILE:
			c.pass_file = optarg;
			break;
		case G_JSON:
			c.json = true;
			break;
		case G_VERSION:
			printf("dyad %s\n", dyad_version);
			return out_flush();
		case 'h':
			print_main_help();
			return out_flush();
		case ':':
			cli_err(M_NEEDS_VALUE " See 'dyad --help'.", argv[optind - 1]);
			return CLI_USAGE;
		default:
			if (optopt != 0 && optopt < 0x100 && strncmp(argv[optind - 1], "--", 2) != 0)
				cli_err(M_UNKNOWN_SHORT " See 'dyad --help'.", optopt);
			else
				cli_err(M_UNKNOWN_OPTION " See 'dyad --help'.", argv[optind - 1]);
			return CLI_USAGE;
		}
	}
	if (optind >= argc) {
		cli_err(M_NO_COMMAND);
		return CLI_USAGE;
	}
	first = optind;
	if ((fam = find_family(argv[first])) != NULL) {
		if (first + 1 >= argc || argv[first + 1][0] == '-') {
			bool help = first + 1 < argc &&
			            (strcmp(argv[first + 1], "--help") == 0 || strcmp(argv[first + 1], "-h") == 0);

			if (help) {
				print_family_help(fam);
				return out_flush();
			}
			cli_err(M_MISSING_SUB, fam->name, fam->name);
			return CLI_USAGE;
		}
		cmd = find_sub(fam, argv[first + 1]);
		if (cmd == NULL) {
			cli_err(M_UNKNOWN_SUB, argv[first + 1], fam->name, fam->name);
			return CLI_USAGE;
		}
		snprintf(full, sizeof(full), "%s %s", fam->name, cmd->name);
		first++;
	} else {
		cmd = find_top(argv[first]);
		if (cmd == NULL) {
			cli_err(M_UNKNOWN_COMMAND, argv[first]);
			return CLI_USAGE;
		}
		snprintf(full, sizeof(full), "%s", cmd->name);
	}
	/* the command runs under its full name, which its messages show */
	running = *cmd;
	running.name = full;

	if (dy_init() != 0) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	c.cmd = &running;
	optind = 0;     /* glibc: start afresh on the command's own argv */
	rc = cmd->run(&c, argc - first, argv + first);
	/* a helper that met --help or a usage error stops with CLI_STOP */
	if (rc == CLI_STOP)
		rc = c.stop;
	cli_release(&c);
	plat_pool_stop();  /* context.c may have started it */
	if (rc == 0)
		rc = out_flush();
	return rc;
}
