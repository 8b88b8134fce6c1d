/*
 * settings.c - a person's own settings: their time zone, colour, pulse day
 * and check interval. GET and PUT /api/v1/me/settings; the browser's zone
 * as the default at sign-up and log-in, and the colour chosen there; the
 * zone a statistics handler counts days in.
 *
 * The server checks a zone against the host's tz database (zone.h); the
 * core keeps it and checks only its form.
 */
#include <string.h>

#include "handlers.h"
#include "json.h"
#include "zone.h"
#include "banned.h"

_Static_assert(DY_ZONE_MAX <= ZONE_NAME_MAX, "a zone the core keeps fits the host's check");

void web_zone_default(struct dy_session *s, const struct web_value *zone)
{
	struct dy_error err = {0};
	char name[DY_ZONE_MAX + 1];

	/* only a hint: a zone this host does not know is not kept (the app
	 * then shows times in the browser's own zone, and the person can
	 * choose one in Settings); a failure to keep it fails nothing */
	if (zone == NULL || !zone->present || zone->len == 0 || zone->len > DY_ZONE_MAX)
		return;
	memcpy(name, zone->s, zone->len);
	name[zone->len] = '\0';
	if (strlen(name) != zone->len || !zone_valid(name))
		return;
	(void)!dy_zone_default(s, name, zone->len, &err);
}

int web_colour_take(struct web_req *r, const struct web_value *colour, int *hue)
{
	*hue = -1;
	if (colour == NULL || !colour->present)
		return 0;
	if ((*hue = dy_hue_parse(colour->s, colour->len)) < 0) {
		reply_error(r, 400, "invalid", "colour must be one of teal, rose, blue, amber, violet and green.");
		return -1;
	}
	return 0;
}

void web_colour_choose(struct dy_session *s, int hue)
{
	struct dy_error err = {0};

	/* the partner's colour (unknown to a joiner before joining) leaves
	 * the one the core gave: the answer's "colour" says which */
	if (hue >= 0)
		(void)!dy_colour_set(s, hue, &err);
}

/* {"zone": NAME or null, "colour": NAME, "pulse_day": DAY, "check_every":
 * MONTHS} for the session's person; NULL after a reply. */
static json_t *settings_json(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_space_info info;
	struct dy_pulse_plan plan;
	char zone[DY_ZONE_MAX + 1];
	const char *colour = NULL;
	int i, every;

	memset(&info, 0, sizeof(info));
	if (dy_zone_get(r->session, zone, &err) != 0 || dy_whoami(r->session, &info, &err) != 0 ||
	    dy_pulse_plan_get(r->session, &plan, &err) != 0 || dy_check_every_get(r->session, &every, &err) != 0) {
		reply_dy_error(r, &err);
		return NULL;
	}
	for (i = 0; i < info.members && i < 2; i++)
		if (info.people[i].me)
			colour = dy_hue_name(info.people[i].hue);
	return json_pack("{s:o, s:s, s:s, s:i}", "zone", zone[0] != '\0' ? json_string(zone) : json_null(), "colour",
	                 colour != NULL ? colour : "teal", "pulse_day", dy_weekday_name(plan.weekday), "check_every",
	                 every);
}

void h_me_settings_get(struct web_req *r)
{
	json_t *doc = settings_json(r);

	if (doc != NULL)
		reply_json(r, 200, doc);
}

void h_me_settings_put(struct web_req *r)
{
	enum { F_ZONE, F_COLOUR, F_PULSE_DAY, F__N };
	static const struct web_field fields[F__N] = {
		[F_ZONE] = {"zone", WEB_F_STRING, false, 0, DY_ZONE_MAX},
		[F_COLOUR] = {"colour", WEB_F_STRING, false, 0, 16},
		[F_PULSE_DAY] = {"pulse_day", WEB_F_STRING, false, 0, 16},
	};
	struct web_value v[F__N];
	struct dy_error err = {0};
	char name[DY_ZONE_MAX + 1];
	const json_t *every_v;
	const char *tz;
	json_t *doc;
	int hue, day = -1, every = 0, rc;

	if (web_fields(r, fields, F__N, v) != 0)
		return;
	/* all are checked before any changes */
	if (web_colour_take(r, &v[F_COLOUR], &hue) != 0)
		return;
	if ((tz = req_query(r, "tz")) != NULL && tz[0] != '\0' && !zone_valid(tz)) {
		reply_error(r, 400, "invalid", "tz must be a time zone name like Europe/Paris or UTC.");
		return;
	}
	if (v[F_PULSE_DAY].present && (day = dy_weekday_parse(v[F_PULSE_DAY].s, v[F_PULSE_DAY].len)) < 0) {
		reply_error(r, 400, "invalid", "pulse_day must be a weekday, monday to sunday.");
		return;
	}
	if ((every_v = json_object_get(r->json, "check_every")) != NULL) {
		json_int_t n = json_is_integer(every_v) ? json_integer_value(every_v) : 0;

		if (n < 1 || n > DY_ASSESS_EVERY_MAX) {
			reply_error(r, 400, "invalid", "check_every must be a whole number of months from 1 to 12.");
			return;
		}
		every = (int)n;
	}
	if (v[F_ZONE].present && v[F_ZONE].len > 0) {
		memcpy(name, v[F_ZONE].s, v[F_ZONE].len);
		name[v[F_ZONE].len] = '\0';
		if (strlen(name) != v[F_ZONE].len || !zone_valid(name)) {
			reply_error(r, 400, "invalid",
			            "zone must be a time zone name like Europe/Berlin or UTC, or empty for the browser's.");
			return;
		}
	}
	if (hue >= 0 && dy_colour_set(r->session, hue, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (v[F_ZONE].present) {
		memcpy(name, v[F_ZONE].s, v[F_ZONE].len);
		name[v[F_ZONE].len] = '\0';
		if (dy_zone_set(r->session, name, v[F_ZONE].len, &err) != 0) {
			reply_dy_error(r, &err);
			return;
		}
	}
	if (day >= 0) {
		/* the week in progress is counted in my zone (?tz=, the one
		 * just set, the server's) */
		if (web_zone_enter(r) != 0)
			return;
		rc = dy_pulse_day_set(r->session, day, web_now(), zone_local_day, NULL, &err);
		zone_leave();
		if (rc != 0) {
			reply_dy_error(r, &err);
			return;
		}
	}
	if (every > 0 && dy_check_every_set(r->session, every, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if ((doc = settings_json(r)) != NULL)
		reply_json(r, 200, doc);
}

int web_zone_enter(struct web_req *r)
{
	struct dy_error err = {0};
	const char *tz = req_query(r, "tz");
	char zone[DY_ZONE_MAX + 1];

	if (tz != NULL && tz[0] != '\0') {
		if (!zone_valid(tz)) {
			reply_error(r, 400, "invalid", "tz must be a time zone name like Europe/Paris or UTC.");
			return -1;
		}
		zone_enter(tz);
		return 0;
	}
	if (dy_zone_get(r->session, zone, &err) != 0) {
		reply_dy_error(r, &err);
		return -1;
	}
	/* a setting this host no longer knows (its tz database changed)
	 * counts in the server's own zone rather than failing */
	zone_enter(zone[0] != '\0' && zone_valid(zone) ? zone : NULL);
	return 0;
}
