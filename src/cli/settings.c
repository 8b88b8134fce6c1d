/*
 * settings.c - dyad settings: a person's own settings (their time zone),
 * shown and changed.
 *
 *   dyad settings                 show them
 *   dyad settings zone NAME       choose a time zone (tz database name)
 *   dyad settings zone --unset    none: the device's (this system's, the browser's)
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "messages.h"
#include "zone.h"
#include "banned.h"

enum { O_UNSET = 0x100 };

/* Show the settings (after a change too). */
static int
show(struct cli *c)
{
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1];
	const char *sys = c->sys_zone;
	bool have_sys;

	if (dy_zone_get(c->s, zone, &err) != 0)
		return cli_core_fail(&err);
	/* the system's zone as it was before cli_unlock made the setting
	 * the process's */
	have_sys = zone[0] == '\0' && sys[0] != '\0';
	if (c->json)
		return json_out(json_pack("{s:o, s:o}", "zone", zone[0] ? json_string(zone) : json_null(),
		                          "system_zone", sys[0] ? json_string(sys) : json_null()));
	if (zone[0] != '\0')
		printf(M_SETTINGS_ZONE, zone);
	else if (have_sys)
		printf(M_SETTINGS_ZONE_SYSTEM, sys);
	else
		fputs(M_SETTINGS_ZONE_UNKNOWN, stdout);
	return out_flush();
}

static int
cmd_settings(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"unset", no_argument, NULL, O_UNSET},
		{NULL, 0, NULL, 0},
	};
	struct dy_error err = {0};
	const char *what = NULL, *value = NULL;
	bool unset = false;
	int o, rc;

	while ((o = cli_getopt(c, argc, argv, "", opts)) != -1) {
		if (o == CLI_STOP)
			return c->stop;
		if (o == O_UNSET)
			unset = true;
	}
	if (optind < argc)
		what = argv[optind++];
	if (optind < argc)
		value = argv[optind++];
	if (optind < argc)
		return cli_usage(c, M_EXTRA_OPERAND, argv[optind]);
	if (what == NULL) {
		if (unset)
			return cli_usage(c, M_SETTINGS_UNSET_WHAT);
		if ((rc = cli_unlock(c)) != 0)
			return rc;
		return show(c);
	}
	if (strcmp(what, "zone") != 0)
		return cli_usage(c, M_SETTINGS_UNKNOWN, what);
	if (unset == (value != NULL))
		return cli_usage(c, unset ? M_SETTINGS_BOTH : M_MISSING, "a time zone (like Europe/Berlin) or --unset");
	/* refused before the passphrase is asked for */
	if (value != NULL && (strlen(value) > DY_ZONE_MAX || !zone_valid(value))) {
		cli_err(M_SETTINGS_BAD_ZONE, value);
		return CLI_FAIL;
	}
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_zone_set(c->s, value, value != NULL ? strlen(value) : 0, &err) != 0)
		return cli_core_fail(&err);
	return show(c);
}

static const struct cli_cmd settings_cmds[] = {
	{"settings", cmd_settings, S_SETTINGS, H_SETTINGS},
};

const struct cli_family cli_settings_family = CLI_FAMILY(NULL, NULL, NULL, settings_cmds);
