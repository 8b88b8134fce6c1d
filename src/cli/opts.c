/*
 * opts.c - option parsing shared by every command: getopt_long over the
 * command's own options plus the global ones, with our own one-line errors.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "banned.h"

enum {
	OPT_DATA = 0x1000,
	OPT_AS,
	OPT_PASS_FILE,
	OPT_JSON,
	OPT_HELP = 'h',
};

static const struct option global_opts[] = {
	{"data", required_argument, NULL, OPT_DATA},
	{"as", required_argument, NULL, OPT_AS},
	{"passphrase-file", required_argument, NULL, OPT_PASS_FILE},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, OPT_HELP},
};
#define N_GLOBAL (sizeof(global_opts) / sizeof(global_opts[0]))
#define MAX_OPTS 32

int
cli_usage(struct cli *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->cmd != NULL)
		fprintf(stderr, "dyad: " M_SEE_HELP, msg, c->cmd->name);
	else
		fprintf(stderr, "dyad: %s\n", msg);
	return CLI_USAGE;
}

int
cli_take_id(struct cli *c, int argc, char **argv, const char **id)
{
	if (optind >= argc || argv[optind][0] == '\0')
		return cli_usage(c, M_MISSING, "ID");
	*id = argv[optind++];
	return 0;
}

/* After an error from getopt_long: was the offending word a long option? */
static bool
long_arg(int argc, char **argv)
{
	return optind >= 1 && optind - 1 < argc && strncmp(argv[optind - 1], "--", 2) == 0;
}

/*
 * The combined table is rebuilt on each call (it is tiny) so that commands
 * need not keep state; getopt_long keeps its own position in optind.
 * The first call for an argv must be made with optind = 0 (main does so).
 */
int
cli_getopt(struct cli *c, int argc, char **argv, const char *shortopts,
           const struct option *opts)
{
	struct option all[MAX_OPTS + 1];
	char shorts[64];
	size_t n = 0;
	int o, len;

	for (size_t i = 0; opts != NULL && opts[i].name != NULL && n < MAX_OPTS; i++)
		all[n++] = opts[i];
	for (size_t i = 0; i < N_GLOBAL && n < MAX_OPTS; i++)
		all[n++] = global_opts[i];
	memset(&all[n], 0, sizeof(all[n]));
	/* ':' first: a missing value is reported as ':' rather than '?' */
	len = snprintf(shorts, sizeof(shorts), ":h%s", shortopts != NULL ? shortopts : "");
	if (len < 0 || (size_t)len >= sizeof(shorts))
		abort();        /* a programming error in a command's table */

	opterr = 0;
	for (;;) {
		o = getopt_long(argc, argv, shorts, all, NULL);
		switch (o) {
		case OPT_DATA:
			c->data_opt = optarg;
			continue;
		case OPT_AS:
			c->as = optarg;
			continue;
		case OPT_PASS_FILE:
			c->pass_file = optarg;
			continue;
		case OPT_JSON:
			c->json = true;
			continue;
		case OPT_HELP:
			fputs(c->cmd->help, stdout);
			c->stop = out_flush();
			return CLI_STOP;
		case ':':
			if (long_arg(argc, argv))
				c->stop = cli_usage(c, M_NEEDS_VALUE, argv[optind - 1]);
			else
				c->stop = cli_usage(c, M_NEEDS_VALUE_SHORT, optopt);
			return CLI_STOP;
		case '?':
			if (long_arg(argc, argv) || optopt <= 0 || optopt >= 0x100)
				c->stop = cli_usage(c, M_UNKNOWN_OPTION, argv[optind - 1]);
			else
				c->stop = cli_usage(c, M_UNKNOWN_SHORT, optopt);
			return CLI_STOP;
		default:
			return o;
		}
	}
}

int
cli_parse_num(const char *s, long long min, long long max, long long *out)
{
	char *end = NULL;
	long long v;

	if (s == NULL || *s == '\0' || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
