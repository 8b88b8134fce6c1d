/*
 * reaction.c - the reactivity log's API: reactions are the generic item
 * routes (items.c) over the kind "reaction"; here their trends with the
 * intensity chart drawn by the core, in the person's time zone
 * (settings.c; ?tz= overrides it), and the feeling-word vocabulary.
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "zone.h"
#include "banned.h"

const struct web_kind web_kind_reaction = {
	.kind = &dy_kind_reaction,
	.missing = "There is no such reaction.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_SHARED | WEB_F_THEIRS,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all, mine, shared or theirs.",
	.limit = 50,
	.stamp_at = true,
};

void h_reaction_stats(struct web_req *r)
{
	struct dy_reaction_stats st;
	struct dy_error err = {0};
	struct dy_buf svg = DY_BUF_INIT(1 << 20);
	json_t *doc;
	int rc;

	if (web_zone_enter(r) != 0)
		return;
	rc = dy_reaction_stats(r->session, web_now(), zone_local_day, NULL, &st, &err);
	zone_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	if (dy_reaction_chart(&st, "reaction-chart", &svg, &err) != 0) {
		dy_buf_release(&svg);
		reply_dy_error(r, &err);
		return;
	}
	doc = dy_reaction_stats_json(&st);
	if (doc != NULL && json_object_set_new(doc, "chart", json_stringn(svg.p, svg.len)) != 0) {
		json_decref(doc);
		doc = NULL;
	}
	dy_buf_release(&svg);
	reply_json(r, 200, doc);
}

void h_feelings(struct web_req *r)
{
	reply_json(r, 200, dy_feelings_json());
}
