/*
 * settings.c - a person's own settings: their time zone (dyad.h, "a
 * person's own settings"). Kept in plain columns of their row
 * (docs/STORAGE.md says why).
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
