/*
 * settings.c - a person's own settings: their time zone and colour (dyad.h, "a
 * person's own settings"), their pulse day (balance.h) and how often the
 * differentiation check is suggested (assess.h). Kept in plain columns of
 * their row (docs/STORAGE.md says why).
 */
#include <string.h>

#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

bool
dy_zone_form(const char *zone, size_t len)
{
	size_t i;

	if (zone == NULL || len == 0 || len > DY_ZONE_MAX || zone[0] == '/' || zone[len - 1] == '/')
		return false;
	for (i = 0; i < len; i++) {
		char c = zone[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '+' || c == '-' || c == '/'))
			return false;
		if (c == '/' && zone[i + 1] == '/')
			return false;
	}
	return true;
}

int
dy_zone_get(struct dy_session *s, char out[DY_ZONE_MAX + 1], struct dy_error *err)
{
	return store_person_zone(s->db, s->person_id, out, err);
}

/* zone[0..len) as a NUL-terminated name in buf, or DY_EINVAL. */
static int
zone_take(const char *zone, size_t len, char buf[DY_ZONE_MAX + 1], struct dy_error *err)
{
	if (!dy_zone_form(zone, len))
		return dy_fail(err, DY_EINVAL, "A time zone is a name like Europe/Berlin or UTC.");
	memcpy(buf, zone, len);
	buf[len] = '\0';
	return 0;
}

int
dy_zone_set(struct dy_session *s, const char *zone, size_t len, struct dy_error *err)
{
	char buf[DY_ZONE_MAX + 1];
	int rc;

	if (zone == NULL || len == 0)
		return store_person_set_zone(s->db, s->person_id, NULL, false, err);
	if ((rc = zone_take(zone, len, buf, err)) != 0)
		return rc;
	return store_person_set_zone(s->db, s->person_id, buf, false, err);
}

int
dy_zone_default(struct dy_session *s, const char *zone, size_t len, struct dy_error *err)
{
	char buf[DY_ZONE_MAX + 1];
	int rc;

	if ((rc = zone_take(zone, len, buf, err)) != 0)
		return rc;
	return store_person_set_zone(s->db, s->person_id, buf, true, err);
}

static const char *const hues[DY_HUES] = {"teal", "rose", "blue", "amber", "violet", "green"};

const char *
dy_hue_name(int hue)
{
	return hue >= 0 && hue < DY_HUES ? hues[hue] : NULL;
}

int
dy_hue_parse(const char *name, size_t len)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < DY_HUES; i++)
		if (strlen(hues[i]) == len && memcmp(hues[i], name, len) == 0)
			return i;
	return -1;
}

int
dy_colour_set(struct dy_session *s, int hue, struct dy_error *err)
{
	struct dy_space_info si;
	int rc, i;

	if (dy_hue_name(hue) == NULL)
		return dy_fail(err, DY_EINVAL, "A colour is one of teal, rose, blue, amber, violet and green.");
	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	memset(&si, 0, sizeof(si));
	if ((rc = store_person_list(s->db, s->space_id, si.people, &si.members, err)) != 0)
		goto fail;
	for (i = 0; i < si.members && i < 2; i++) {
		if (strcmp(si.people[i].id, s->person_id) != 0 && si.people[i].hue == hue) {
			rc = dy_fail(err, DY_EEXIST, "%s has %s already; partners' colours differ, so choose another.",
			             si.people[i].name, hues[hue]);
			goto fail;
		}
	}
	if ((rc = store_person_set_hue(s->db, s->person_id, hue, err)) != 0)
		goto fail;
	return store_commit(s->db, err);
fail:
	store_rollback(s->db);
	return rc;
}

/* My latest pulse only: what this week's pulse needs. */
static int
latest_pulse(struct dy_session *s, struct dy_item_list *l, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_pulse}, .nkinds = 1, .filter = DY_FILTER_MINE, .limit = 1};

	return dy_item_list(s, &q, l, err);
}

int
dy_pulse_plan_get(struct dy_session *s, struct dy_pulse_plan *out, struct dy_error *err)
{
	struct store_prefs p;
	int rc;

	if ((rc = store_person_prefs(s->db, s->person_id, &p, err)) != 0)
		return rc;
	/* a damaged value reads as the default */
	out->weekday = p.pulse_day >= 0 && p.pulse_day < 7 ? p.pulse_day : DY_PULSE_DAY_DEFAULT;
	out->moved_at = p.pulse_moved_at;
	out->moved_given = p.pulse_moved_given;
	return 0;
}

int
dy_pulse_week(struct dy_session *s, int64_t now, int32_t (*day)(void *ctx, int64_t t), void *ctx,
              struct dy_pulse_week *out, struct dy_error *err)
{
	struct dy_pulse_plan plan;
	struct dy_item_list l;
	int rc;

	if ((rc = dy_pulse_plan_get(s, &plan, err)) != 0)
		return rc;
	if ((rc = latest_pulse(s, &l, err)) != 0)
		return rc;
	dy_pulse_week_of(&l, &plan, now, day, ctx, out);
	dy_item_list_release(&l);
	return 0;
}

int
dy_pulse_day_set(struct dy_session *s, int weekday, int64_t now, int32_t (*day)(void *ctx, int64_t t), void *ctx,
                 struct dy_error *err)
{
	struct dy_pulse_plan plan;
	struct dy_pulse_week week;
	struct dy_item_list l = {0};
	int rc;

	if (dy_weekday_name(weekday) == NULL)
		return dy_fail(err, DY_EINVAL, "A pulse day is a weekday, Monday to Sunday.");
	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	if ((rc = dy_pulse_plan_get(s, &plan, err)) != 0 || (rc = latest_pulse(s, &l, err)) != 0)
		goto fail;
	if (plan.weekday == weekday) {
		dy_item_list_release(&l);
		return store_commit(s->db, err);
	}
	/* what the week in progress had, under the day it moves from */
	dy_pulse_week_of(&l, &plan, now, day, ctx, &week);
	dy_item_list_release(&l);
	if ((rc = store_person_set_pulse_day(s->db, s->person_id, weekday, now, week.given, err)) != 0)
		goto fail;
	return store_commit(s->db, err);
fail:
	dy_item_list_release(&l);
	store_rollback(s->db);
	return rc;
}

int
dy_check_every_get(struct dy_session *s, int *months, struct dy_error *err)
{
	struct store_prefs p;
	int rc;

	if ((rc = store_person_prefs(s->db, s->person_id, &p, err)) != 0)
		return rc;
	*months = p.check_every >= 1 && p.check_every <= DY_ASSESS_EVERY_MAX ? p.check_every : DY_ASSESS_EVERY_DEFAULT;
	return 0;
}

int
dy_check_every_set(struct dy_session *s, int months, struct dy_error *err)
{
	if (months < 1 || months > DY_ASSESS_EVERY_MAX)
		return dy_fail(err, DY_EINVAL, "The check is suggested every 1 to %d months.", DY_ASSESS_EVERY_MAX);
	return store_person_set_check_every(s->db, s->person_id, months, err);
}
