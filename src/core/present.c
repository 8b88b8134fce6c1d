/*
 * present.c - the one JSON presentation of people and spaces, shared by the
 * CLI's --json, the HTTP API and export (records have theirs in record.c:
 * dy_item_json).
 */
#include <string.h>

#include <jansson.h>

#include "util.h"
#include "banned.h"

json_t *
dy_person_json(const struct dy_person_info *p)
{
	char created[21];
	const char *hue = dy_hue_name(p->hue);

	dy_time_iso(p->created_at, created);
	return json_pack("{s:s, s:s, s:i, s:s, s:s, s:b}", "id", p->id, "name", p->name, "color", p->color,
	                 "colour", hue != NULL ? hue : "teal", "created_at", created, "me", p->me);
}

json_t *
dy_space_json(const struct dy_space_info *s)
{
	char created[21], left[21];
	json_t *people = json_array(), *o;
	int i;

	if (people == NULL)
		return NULL;
	for (i = 0; i < s->members && i < 2; i++) {
		if (json_array_append_new(people, dy_person_json(&s->people[i])) != 0) {
			json_decref(people);
			return NULL;
		}
	}
	dy_time_iso(s->created_at, created);
	o = json_pack("{s:s, s:s, s:s, s:i, s:o}", "id", s->id, "label", s->label, "created_at", created,
	              "members", s->members, "people", people);
	/* the partner who left, for the notice the one who stays sees */
	if (o != NULL && s->left_name[0] != '\0') {
		dy_time_iso(s->left_at, left);
		if (json_object_set_new(o, "partner_left", json_pack("{s:s, s:s}", "name", s->left_name, "at", left)) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}
