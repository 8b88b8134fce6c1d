/*
 * serve.c - dyad serve: fill struct web_options from the command line and
 * hand over to the web server (src/web).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "web.h"
#include "banned.h"

/*
 * A session lifetime: a whole number of days, or a number with a unit,
 * s, m, h or d ("2s" lets tests see expiry). From 1 second to 366 days,
 * the longest the core issues.
 */
static int
parse_ttl(const char *arg, int64_t *out)
{
	static const struct {
		char unit;
		long long secs;
	} units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
	const long long max = 366LL * 86400;
	char num[24];
	size_t len = strlen(arg);
	long long mult = 86400, n;

	if (len == 0 || len >= sizeof(num))
		return -1;
	memcpy(num, arg, len + 1);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (num[len - 1] == units[i].unit) {
			mult = units[i].secs;
			num[--len] = '\0';
			break;
		}
	}
	if (cli_parse_num(num, 1, max / mult, &n) != 0)
		return -1;
	*out = (int64_t)(n * mult);
	return 0;
}

enum { O_LISTEN = 'l', O_CERT = 0x100, O_KEY, O_BEHIND, O_THREADS, O_TTL, O_REDIRECT, O_PUBLIC, O_PER_ADDRESS };

int
cmd_serve(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, O_LISTEN},
		{"tls-cert", required_argument, NULL, O_CERT},
		{"tls-key", required_argument, NULL, O_KEY},
		{"behind-https", no_argument, NULL, O_BEHIND},
		{"threads", required_argument, NULL, O_THREADS},
		{"connections-per-address", required_argument, NULL, O_PER_ADDRESS},
		{"session-ttl", required_argument, NULL, O_TTL},
		{"http-redirect", required_argument, NULL, O_REDIRECT},
		{"public-url", required_argument, NULL, O_PUBLIC},
		{NULL, 0, NULL, 0},
	};
	struct web_options wo;
	struct cli_made made;
	long long n;
	int o, rc;

	memset(&wo, 0, sizeof(wo));
	wo.listen = "127.0.0.1:8080";
	while ((o = cli_getopt(c, argc, argv, "l:", opts)) != -1) {
		switch (o) {
		case CLI_STOP:
			return c->stop;
		case O_LISTEN:
			wo.listen = optarg;
			break;
		case O_CERT:
			wo.tls_cert = optarg;
			break;
		case O_KEY:
			wo.tls_key = optarg;
			break;
		case O_BEHIND:
			wo.behind_https = true;
			break;
		case O_THREADS:
			if (cli_parse_num(optarg, 1, 256, &n) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--threads", 1LL, 256LL);
			wo.threads = (unsigned)n;
			break;
		case O_PER_ADDRESS:
			/* the server's connection limit is 1,024 in all */
			if (cli_parse_num(optarg, 1, 1024, &n) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--connections-per-address", 1LL, 1024LL);
			wo.per_address = (unsigned)n;
			break;
		case O_PUBLIC:
			if (!web_public_url_ok(optarg))
				return cli_usage(c, M_BAD_PUBLIC_URL, "--public-url");
			wo.public_url = optarg;
			break;
		case O_REDIRECT:
			if (cli_parse_num(optarg, 1, 65535, &n) != 0)
				return cli_usage(c, M_BAD_NUMBER, "--http-redirect", 1LL, 65535LL);
			wo.http_redirect = (unsigned)n;
			break;
		case O_TTL:
			if (parse_ttl(optarg, &wo.session_ttl) != 0)
				return cli_usage(c, M_BAD_TTL);
			break;
		default:
			break;
		}
	}
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if ((wo.tls_cert == NULL) != (wo.tls_key == NULL))
		return cli_usage(c, M_TLS_PAIR);
	if (wo.http_redirect != 0 && wo.tls_cert == NULL)
		return cli_usage(c, M_REDIRECT_TLS);
	if ((rc = cli_paths(c)) != 0)
		return rc;
	/* the server fills the database on first run; the folder and the
	 * private, empty file are made here (src/platform) */
	if ((rc = cli_make_data(c, &made)) != 0)
		return rc;
	wo.db_path = c->db_path;
	/*
	 * A testing aid, not a feature: DYAD_TEST_CLOCK=FILE makes the server
	 * read "now" (epoch seconds) from FILE, so that tests can move time on
	 * (session expiry, login throttling) instead of sleeping. The man page
	 * lists it under serve as such. An empty value is the real clock.
	 */
	if ((wo.test_clock = getenv("DYAD_TEST_CLOCK")) != NULL && wo.test_clock[0] == '\0')
		wo.test_clock = NULL;
	return web_serve(&wo);
}

static const struct cli_cmd serve_cmds[] = {
	{"serve", cmd_serve, S_SERVE, H_SERVE},
};

const struct cli_family cli_serve_family = CLI_FAMILY(NULL, NULL, NULL, serve_cmds);
