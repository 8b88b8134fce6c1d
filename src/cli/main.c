/*
 * main.c - the dyad command: global options, the one table of commands,
 * help, and dispatch. Each command lives in the file of its family.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

static int cmd_help(struct cli *c, int argc, char **argv);

/* Every command, in the order `dyad help` lists them. A name with a space is
 * a subcommand of a family ("journal add"). */
static const struct cli_cmd commands[] = {
	{"init", cmd_init, S_INIT, H_INIT},
	{"invite", cmd_invite, S_INVITE, H_INVITE},
	{"join", cmd_join, S_JOIN, H_JOIN},
	{"journal add", cmd_journal_add, S_JADD, H_JADD},
	{"journal list", cmd_journal_list, S_JLIST, H_JLIST},
	{"journal show", cmd_journal_show, S_JSHOW, H_JSHOW},
	{"journal edit", cmd_journal_edit, S_JEDIT, H_JEDIT},
	{"journal rm", cmd_journal_rm, S_JRM, H_JRM},
	{"journal share", cmd_journal_share, S_JSHARE, H_JSHARE},
	{"journal unshare", cmd_journal_unshare, S_JUNSHARE, H_JUNSHARE},
	{"whoami", cmd_whoami, S_WHOAMI, H_WHOAMI},
	{"passphrase", cmd_passphrase, S_PASSPHRASE, H_PASSPHRASE},
	{"recover", cmd_recover, S_RECOVER, H_RECOVER},
	{"export", cmd_export, S_EXPORT, H_EXPORT},
	{"backup", cmd_backup, S_BACKUP, H_BACKUP},
	{"leave", cmd_leave, S_LEAVE, H_LEAVE},
	{"serve", cmd_serve, S_SERVE, H_SERVE},
	{"help", cmd_help, S_HELP, H_HELP},
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Aliases people type out of habit. */
static const struct {
	const char *alias, *name;
} aliases[] = {
	{"ls", "list"}, {"new", "add"}, {"delete", "rm"}, {"remove", "rm"}, {"cat", "show"},
};

static bool
is_family(const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strncmp(commands[i].name, word, n) == 0 && commands[i].name[n] == ' ')
			return true;
	return false;
}

/* The command named by word (and sub, for a family), or NULL. */
static const struct cli_cmd *
find_cmd(const char *word, const char *sub)
{
	char name[64];

	if (sub != NULL) {
		for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
			if (strcmp(sub, aliases[i].alias) == 0)
				sub = aliases[i].name;
		snprintf(name, sizeof(name), "%s %s", word, sub);
	} else {
		snprintf(name, sizeof(name), "%s", word);
	}
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
list_commands(const char *family)
{
	size_t fl = family != NULL ? strlen(family) : 0;
	bool journal_done = false;

	for (size_t i = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i].name;
		const char *sp = strchr(name, ' ');

		if (family != NULL) {
			if (sp == NULL || strncmp(name, family, fl) != 0 || name[fl] != ' ')
				continue;
			printf("  %-10s %s\n", sp + 1, commands[i].summary);
			continue;
		}
		if (sp != NULL) {
			if (!journal_done)
				printf("  %-12s %s\n", "journal", S_JOURNAL);
			journal_done = true;
			continue;
		}
		printf("  %-12s %s\n", name, commands[i].summary);
	}
}

static void
print_main_help(void)
{
	fputs(H_MAIN, stdout);
	list_commands(NULL);
	fputs(H_MAIN_TAIL, stdout);
}

static void
print_family_help(const char *family)
{
	fputs(H_JOURNAL, stdout);
	list_commands(family);
	printf("\nSee 'dyad %s SUBCOMMAND --help' for each.\n", family);
}

/* dyad help [COMMAND [SUBCOMMAND]] */
static int
cmd_help(struct cli *c, int argc, char **argv)
{
	const struct cli_cmd *cmd;
	int o;

	while ((o = cli_getopt(c, argc, argv, "", NULL)) != -1)
		if (o == CLI_STOP)
			return c->stop;
	if (optind >= argc) {
		print_main_help();
		return out_flush();
	}
	if (is_family(argv[optind]) && optind + 1 >= argc) {
		print_family_help(argv[optind]);
		return out_flush();
	}
	cmd = find_cmd(argv[optind], is_family(argv[optind]) ? argv[optind + 1] : NULL);
	if (cmd == NULL) {
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
	const struct cli_cmd *cmd;
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
	if (is_family(argv[first])) {
		if (first + 1 >= argc || argv[first + 1][0] == '-') {
			bool help = first + 1 < argc &&
			            (strcmp(argv[first + 1], "--help") == 0 || strcmp(argv[first + 1], "-h") == 0);

			if (help) {
				print_family_help(argv[first]);
				return out_flush();
			}
			cli_err(M_MISSING_SUB, argv[first], argv[first]);
			return CLI_USAGE;
		}
		cmd = find_cmd(argv[first], argv[first + 1]);
		if (cmd == NULL) {
			cli_err(M_UNKNOWN_JOURNAL, argv[first + 1]);
			return CLI_USAGE;
		}
		first++;
	} else {
		cmd = find_cmd(argv[first], NULL);
		if (cmd == NULL) {
			cli_err(M_UNKNOWN_COMMAND, argv[first]);
			return CLI_USAGE;
		}
	}

	if (dy_init() != 0) {
		cli_err(M_NOMEM);
		return CLI_FAIL;
	}
	c.cmd = cmd;
	optind = 0;     /* glibc: start afresh on the command's own argv */
	rc = cmd->run(&c, argc - first, argv + first);
	cli_release(&c);
	if (rc == 0)
		rc = out_flush();
	return rc;
}
