/*
 * pulse.c - the balance pulse and the balance map over HTTP:
 *   GET    /api/v1/pulses?filter=mine|theirs|all&limit&cursor  a page, newest first
 *   POST   /api/v1/pulses                                   this week's pulse
 *   DELETE /api/v1/pulses/{id}
 *   POST   /api/v1/pulses/{id}/share, /unshare
 *   GET    /api/v1/balance?tz=                              region, trend, gap, this week, the map
 *   GET    /api/v1/balance/week?tz=                         this week's pulse only (Today's card)
 * Pulses are the generic item routes (items.c) over the core's kind
 * "pulse"; the partner's private pulse reads exactly as a missing one:
 * 404, same words. Here the kind's table and the balance.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "json.h"
#include "zone.h"
#include "banned.h"

const struct web_kind web_kind_pulse = {
	.kind = &dy_kind_pulse,
	.missing = "There is no such pulse.",
	.filters = WEB_F_ALL | WEB_F_MINE | WEB_F_THEIRS,
	.filter = DY_FILTER_MINE,
	.filter_words = "filter must be mine, theirs or all.",
	.limit = 20,
	.stamp_at = false,   /* a pulse has no "at": its time is the record's own */
};

/* {"from", "given", "day"}: this week's pulse of the session's person; NULL after
 * a reply. */
static json_t *pulse_week_json(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_pulse_week week;
	char from[16];
	int y, m, d, rc;
	json_t *doc;

	/* the week counted in my zone (?tz=, my setting) */
	if (web_zone_enter(r) != 0)
		return NULL;
	rc = dy_pulse_week(r->session, web_now(), zone_local_day, NULL, &week, &err);
	zone_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return NULL;
	}
	dy_day_to_date(week.from, &y, &m, &d);
	snprintf(from, sizeof(from), "%04d-%02d-%02d", y, m, d);
	if ((doc = json_pack("{s:s,s:b,s:s}", "from", from, "given", week.given, "day",
	                     dy_weekday_name(week.weekday))) == NULL)
		reply_error(r, 500, "no_memory", "Out of memory.");
	return doc;
}

void h_balance_week(struct web_req *r)
{
	json_t *doc = pulse_week_json(r);

	if (doc != NULL)
		reply_json(r, 200, doc);
}

void h_balance(struct web_req *r)
{
	struct dy_item_list mine = {0}, theirs = {0};
	struct dy_pulse_point *mp = NULL, *tp = NULL;
	struct dy_space_info who;
	struct dy_error err = {0};
	struct dy_balance bal;
	struct dy_closeness cg;
	json_t *wk = NULL;
	struct dy_buf words = DY_BUF_INIT(512), gap = DY_BUF_INIT(512), svg = DY_BUF_INIT(1 << 20);
	const char *me = NULL, *partner = NULL;
	int i;

	if (dy_whoami(r->session, &who, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	for (i = 0; i < who.members; i++) {
		if (who.people[i].me)
			me = who.people[i].name;
		else
			partner = who.people[i].name;
	}
	if (dy_pulse_points(r->session, DY_FILTER_MINE, &mine, &mp, &err) != 0 ||
	    dy_pulse_points(r->session, DY_FILTER_THEIRS, &theirs, &tp, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if (dy_pulse_closeness(&mine, &cg, &err) != 0) {
		reply_dy_error(r, &err);
		goto out;
	}
	if ((wk = pulse_week_json(r)) == NULL)
		goto out;
	dy_balance_of(mp, mine.count, &bal);
	dy_balance_trend_words(&bal, &words);
	dy_closeness_words(&cg, &gap);
	if (dy_balance_map_svg("balance-map", mp, mine.count, me ? me : "me", 0, tp, theirs.count,
	                       partner, &svg) != 0) {
		reply_error(r, 500, "internal", "The map could not be drawn.");
		goto out;
	}
	reply_json(r, 200, json_pack("{s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:s%}",
	                             "count", (json_int_t)mine.count,
	                             "partner_count", (json_int_t)theirs.count,
	                             "region", bal.n ? json_string(dy_region_name(bal.region)) : json_null(),
	                             "words", bal.n ? json_string(dy_region_words(bal.region)) : json_null(),
	                             "latest", bal.n ? json_pack("{s:f,s:f}", "connection", bal.connection,
	                                                         "self", bal.self) : json_null(),
	                             "trend", bal.trend ? json_pack("{s:f,s:f,s:s}", "connection",
	                                                            bal.d_connection, "self", bal.d_self,
	                                                            "words", words.p) : json_null(),
	                             /* how close I would like us to be against how close we are */
	                             "closeness", cg.n ? json_pack("{s:I,s:i,s:i,s:i,s:f,s:s}",
	                                                           "pictures", (json_int_t)cg.n, "now", cg.now,
	                                                           "wish", cg.wish, "gap", cg.gap,
	                                                           "mean_gap", cg.mean_gap, "words", gap.p)
	                                               : json_null(),
	                             "week", wk,
	                             "map", svg.p, svg.len));
	wk = NULL;  /* the answer took it */
out:
	json_decref(wk);
	free(mp);
	free(tp);
	dy_item_list_release(&mine);
	dy_item_list_release(&theirs);
	dy_buf_release(&words);
	dy_buf_release(&gap);
	dy_buf_release(&svg);
}
