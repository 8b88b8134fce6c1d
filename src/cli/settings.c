/*
 * settings.c - dyad settings: a person's own settings (time zone, colour,
 * pulse day, check interval), shown and changed.
 *
 *   dyad settings                      show them
 *   dyad settings zone NAME            choose a time zone (tz database name)
 *   dyad settings zone --unset         none: the device's (this system's, the browser's)
 *   dyad settings colour NAME          choose a colour of the palette
 *   dyad settings pulse-day DAY        the weekday my pulse week starts on
 *   dyad settings check-every MONTHS   months between suggested checks (1-12)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "messages.h"
#include "zone.h"
#include "banned.h"

enum { O_UNSET = 0x100 };

static const char *const day_titles[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                          "Sunday"};

const char *
cli_day_title(int wd)
{
	return wd >= 0 && wd < 7 ? day_titles[wd] : "?";
}

void
cli_week_words(const struct dy_pulse_week *w, char *out, size_t size)
{
	int y, m, d;

	dy_day_to_date(w->from, &y, &m, &d);
	snprintf(out, size, "%s %04d-%02d-%02d", cli_day_title(dy_day_weekday(w->from)), y, m, d);
}

/* Show the settings (after a change too), with my colour hue. */
static int
show(struct cli *c, int hue)
{
	struct dy_error err = {0};
	struct dy_pulse_plan plan;
	char zone[DY_ZONE_MAX + 1];
	const char *sys = c->sys_zone, *colour;
	bool have_sys;
	int every;

	if (dy_zone_get(c->s, zone, &err) != 0 || dy_pulse_plan_get(c->s, &plan, &err) != 0 ||
	    dy_check_every_get(c->s, &every, &err) != 0)
		return cli_core_fail(&err);
	colour = dy_hue_name(hue);
	/* the system's zone as it was before cli_unlock made the setting
	 * the process's */
	have_sys = zone[0] == '\0' && sys[0] != '\0';
	if (c->json)
		return json_out(json_pack("{s:o, s:o, s:s, s:s, s:i}", "zone", zone[0] ? json_string(zone) : json_null(),
		                          "system_zone", sys[0] ? json_string(sys) : json_null(), "colour",
		                          colour != NULL ? colour : "teal", "pulse_day", dy_weekday_name(plan.weekday),
		                          "check_every", every));
	printf(M_SETTINGS_COLOUR, colour != NULL ? colour : "teal");
	if (zone[0] != '\0')
		printf(M_SETTINGS_ZONE, zone);
	else if (have_sys)
		printf(M_SETTINGS_ZONE_SYSTEM, sys);
	else
		fputs(M_SETTINGS_ZONE_UNKNOWN, stdout);
	printf(M_SETTINGS_PULSE_DAY, cli_day_title(plan.weekday));
	printf(M_SETTINGS_CHECK_EVERY, every, every == 1 ? "" : "s");
	return out_flush();
}

/* dyad settings pulse-day DAY: checked before the passphrase is asked for */
static int
set_pulse_day(struct cli *c, bool unset, const char *value)
{
	struct dy_error err = {0};
	int wd, rc;

	if (unset || value == NULL)
		return cli_usage(c, M_MISSING, "a weekday (like monday or mon)");
	if ((wd = dy_weekday_parse(value, strlen(value))) < 0) {
		cli_err(M_SETTINGS_BAD_DAY, value);
		return CLI_FAIL;
	}
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_pulse_day_set(c->s, wd, (int64_t)time(NULL), cli_local_day, NULL, &err) != 0)
		return cli_core_fail(&err);
	return show(c, c->me->hue);
}

/* dyad settings check-every MONTHS */
static int
set_check_every(struct cli *c, bool unset, const char *value)
{
	struct dy_error err = {0};
	long long months;
	int rc;

	if (unset || value == NULL)
		return cli_usage(c, M_MISSING, "a number of months from 1 to 12");
	if (cli_parse_num(value, 1, DY_ASSESS_EVERY_MAX, &months) != 0) {
		cli_err(M_SETTINGS_BAD_MONTHS, value);
		return CLI_FAIL;
	}
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (dy_check_every_set(c->s, (int)months, &err) != 0)
		return cli_core_fail(&err);
	return show(c, c->me->hue);
}

/* dyad settings colour NAME */
static int
set_colour(struct cli *c, bool unset, const char *value)
{
	struct dy_error err = {0};
	int hue, rc;

	if (unset || value == NULL)
		return cli_usage(c, M_MISSING, "a colour (teal, rose, blue, amber, violet or green)");
	if ((hue = dy_hue_parse(value, strlen(value))) < 0) {
		cli_err(M_BAD_COLOUR, value);
		return CLI_FAIL;
	}
	if ((rc = cli_unlock(c)) != 0)
		return rc;
	if (c->partner != NULL && c->partner->hue == hue) {
		cli_err(M_COLOUR_TAKEN, shown(c->partner->name), value);
		return CLI_FAIL;
	}
	if (dy_colour_set(c->s, hue, &err) != 0)
		return cli_core_fail(&err);
	return show(c, hue);
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
		return show(c, c->me->hue);
	}
	if (strcmp(what, "colour") == 0 || strcmp(what, "color") == 0)
		return set_colour(c, unset, value);
	if (strcmp(what, "pulse-day") == 0)
		return set_pulse_day(c, unset, value);
	if (strcmp(what, "check-every") == 0)
		return set_check_every(c, unset, value);
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
	return show(c, c->me->hue);
}

static const struct cli_cmd settings_cmds[] = {
	{"settings", cmd_settings, S_SETTINGS, H_SETTINGS},
};

const struct cli_family cli_settings_family = CLI_FAMILY(NULL, NULL, NULL, settings_cmds);
