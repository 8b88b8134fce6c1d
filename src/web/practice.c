/*
 * practice.c - the practice log's API: sessions are the generic item
 * routes (items.c) over the kind "practice", whose length may come as
 * "duration" text; here their statistics with the minutes-per-week chart
 * drawn by the core, counted in the person's time zone (settings.c; ?tz=
 * overrides it).
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "zone.h"
#include "banned.h"

/* A session may give its length as "seconds" or as "duration" text the
 * way people type it ("10m", "1h30m"), read by the core's parser. */
static json_t *practice_prepare(struct web_req *r, json_t *in)
{
	struct dy_error err = {0};
	json_t *dur = json_object_get(in, "duration"), *body;
	int64_t secs;

	if (dur == NULL)
		return json_incref(in);
	if (json_object_get(in, "seconds") != NULL) {
		reply_error(r, 400, "invalid", "Give the length as seconds or as duration, not both.");
		return NULL;
	}
	if (!json_is_string(dur) || json_string_length(dur) >= 64) {
		reply_error(r, 400, "invalid", "duration must be text like 90s, 10m or 1h30m.");
		return NULL;
	}
	if (dy_duration_parse(json_string_value(dur), &secs, &err) != 0) {
		reply_dy_error(r, &err);
		return NULL;
	}
	if ((body = json_deep_copy(in)) == NULL || json_object_del(body, "duration") != 0 ||
	    json_object_set_new(body, "seconds", json_integer(secs)) != 0) {
		json_decref(body);
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return NULL;
	}
	return body;
}

const struct web_kind web_kind_practice = {
	.kind = &dy_kind_practice,
	.missing = "There is no such session.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_SHARED | WEB_F_THEIRS,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all, mine, shared or theirs.",
	.limit = 50,
	.stamp_at = true,
	.prepare = practice_prepare,
};

void h_practice_stats(struct web_req *r)
{
	struct dy_practice_stats st;
	struct dy_error err = {0};
	struct dy_buf svg = DY_BUF_INIT(1 << 20);
	json_t *doc;
	int rc;

	if (web_zone_enter(r) != 0)
		return;
	rc = dy_practice_stats(r->session, web_now(), zone_local_day, NULL, &st, &err);
	zone_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (dy_practice_chart(&st, "practice-chart", &svg, &err) != 0) {
		dy_buf_release(&svg);
		reply_dy_error(r, &err);
		return;
	}
	doc = dy_practice_stats_json(&st);
	if (doc != NULL && json_object_set_new(doc, "chart", json_stringn(svg.p, svg.len)) != 0) {
		json_decref(doc);
		doc = NULL;
	}
	dy_buf_release(&svg);
	reply_json(r, 200, doc);
}
