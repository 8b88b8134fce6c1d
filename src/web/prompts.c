/*
 * prompts.c - the self-exploration prompts: the library by theme, and the
 * prompt of the day of the person signed in, on their local day: in the
 * zone of ?tz=, else their time zone setting, else the server's
 * (web_zone_enter).
 */
#include <stdio.h>
#include <string.h>

#include "handlers.h"
#include "zone.h"
#include "banned.h"

void h_prompts(struct web_req *r)
{
	reply_json(r, 200, dy_prompts_json());
}

void h_prompt_today(struct web_req *r)
{
	const struct dy_prompt *p;
	char date[16];
	int32_t day;
	int y, m, d;
	json_t *doc;

	if (web_zone_enter(r) != 0)
		return;
	day = zone_local_day(NULL, web_now());
	zone_leave();
	if ((p = dy_prompt_mine(r->session, day)) == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	dy_day_to_date(day, &y, &m, &d);
	snprintf(date, sizeof(date), "%04d-%02d-%02d", y, m, d);
	doc = dy_prompt_json(p);
	if (doc != NULL && json_object_set_new(doc, "date", json_string(date)) != 0) {
		json_decref(doc);
		doc = NULL;
	}
	reply_json(r, 200, doc);
}
