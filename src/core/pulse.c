/*
 * pulse.c - the balance pulse (kind "pulse"), the regions of the balance
 * map, the trend, and the map itself (see balance.h).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

static const struct dy_field pulse_fields[] = {
	{.name = "connection", .type = DY_F_INT, .required = true, .min = 0, .max = 10},
	{.name = "self", .type = DY_F_INT, .required = true, .min = 0, .max = 10},
	{.name = "closeness_now", .type = DY_F_INT, .min = 1, .max = 7},
	{.name = "closeness_wish", .type = DY_F_INT, .min = 1, .max = 7},
	{.name = "note", .type = DY_F_LINE, .min = 0, .max = DY_PULSE_NOTE_MAX},
};

const struct dy_kind dy_kind_pulse = {
	.name = "pulse",
	.noun = "pulse",
	.fields = pulse_fields,
	.nfields = sizeof(pulse_fields) / sizeof(pulse_fields[0]),
};

static const char *const region_names[] = {"connected", "merged", "distant", "strained"};

static const char *const region_words[] = {
	"Connected and yourself: close to your partner and free to be you.",
	"Merged: close, with less room to be yourself.",
	"Distant: free to be yourself, with less closeness.",
	"Strained: neither close nor free. It happens; go gently.",
};

/* The regions' short names, for the map's corners (top left, top right,
 * bottom left, bottom right: connection up, self to the right). */
static const char *const quarter_names[4] = {
	"merged", "connected and yourself", "strained", "distant",
};

enum dy_region
dy_region_of(double connection, double self)
{
	bool close = connection >= DY_BALANCE_HIGH, free_ = self >= DY_BALANCE_HIGH;

	if (close)
		return free_ ? DY_REGION_CONNECTED : DY_REGION_MERGED;
	return free_ ? DY_REGION_DISTANT : DY_REGION_STRAINED;
}

const char *
dy_region_name(enum dy_region r)
{
	return (unsigned)r < 4 ? region_names[r] : "unknown";
}

const char *
dy_region_words(enum dy_region r)
{
	return (unsigned)r < 4 ? region_words[r] : "";
}

int
dy_pulse_points(struct dy_session *s, enum dy_filter filter, struct dy_item_list *l,
                struct dy_pulse_point **pts, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_pulse}, .nkinds = 1, .filter = filter};
	size_t i;
	int rc;

	*pts = NULL;
	memset(l, 0, sizeof(*l));
	if ((rc = dy_item_list(s, &q, l, err)) != 0)
		return rc;
	if (!(*pts = calloc(l->count + 1, sizeof(**pts)))) {
		dy_item_list_release(l);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	/* the list is newest first; the core checked each pulse's scores */
	for (i = 0; i < l->count; i++) {
		const struct dy_item *it = &l->items[l->count - 1 - i];

		(*pts)[i].connection = (double)json_integer_value(json_object_get(it->fields, "connection"));
		(*pts)[i].self = (double)json_integer_value(json_object_get(it->fields, "self"));
	}
	return 0;
}

void
dy_balance_of(const struct dy_pulse_point *p, size_t n, struct dy_balance *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0)
		return;
	out->connection = p[n - 1].connection;
	out->self = p[n - 1].self;
	out->region = dy_region_of(out->connection, out->self);
	if (n < 2 * DY_BALANCE_TREND)
		return;
	out->trend = true;
	for (i = 0; i < DY_BALANCE_TREND; i++) {
		out->d_connection += p[n - 1 - i].connection - p[n - 1 - DY_BALANCE_TREND - i].connection;
		out->d_self += p[n - 1 - i].self - p[n - 1 - DY_BALANCE_TREND - i].self;
	}
	out->d_connection /= DY_BALANCE_TREND;
	out->d_self /= DY_BALANCE_TREND;
}

void
dy_balance_trend_words(const struct dy_balance *b, struct dy_buf *out)
{
	const char *close, *free_;

	if (!b->trend)
		return;
	close = b->d_connection >= DY_BALANCE_SAME ? "closer"
	      : b->d_connection <= -DY_BALANCE_SAME ? "less close" : "about as close";
	free_ = b->d_self >= DY_BALANCE_SAME ? "freer to be yourself"
	      : b->d_self <= -DY_BALANCE_SAME ? "less free to be yourself" : "about as free to be yourself";
	dy_buf_addf(out, "Over your last %d pulses you felt %s and %s as in the %d before.",
	            DY_BALANCE_TREND, close, free_, DY_BALANCE_TREND);
}

void
dy_closeness_of(const struct dy_closeness_point *p, size_t n, struct dy_closeness *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0)
		return;
	out->now = p[n - 1].now;
	out->wish = p[n - 1].wish;
	out->gap = out->wish - out->now;
	out->recent = n < DY_BALANCE_TREND ? n : DY_BALANCE_TREND;
	for (i = n - out->recent; i < n; i++)
		out->mean_gap += p[i].wish - p[i].now;
	out->mean_gap /= (double)out->recent;
}

void
dy_pulse_week_of(const struct dy_item_list *l, const struct dy_pulse_plan *plan, int64_t now,
                 int32_t (*day)(void *ctx, int64_t t), void *ctx, struct dy_pulse_week *out)
{
	int wd = plan != NULL && plan->weekday >= 0 && plan->weekday < 7 ? plan->weekday : DY_PULSE_DAY_DEFAULT;
	int32_t today = day(ctx, now), d, moved;
	int64_t latest;

	out->weekday = wd;
	out->from = today - (dy_day_weekday(today) - wd + 7) % 7;
	out->given = false;
	if (l->count == 0)
		return;
	/* newest first: the latest is the first; a pulse's time is its record's */
	latest = l->items[0].created_at;
	d = day(ctx, latest);
	if (d >= out->from && d < out->from + 7) {
		out->given = true;
		return;
	}
	/* the week that holds the day's last move keeps what the week in
	 * progress then had (balance.h) */
	if (plan == NULL || !plan->moved_given || plan->moved_at == 0 || latest > plan->moved_at ||
	    d < out->from - 6)
		return;
	moved = day(ctx, plan->moved_at);
	out->given = moved >= out->from && moved < out->from + 7;
}

int
dy_pulse_closeness(const struct dy_item_list *l, struct dy_closeness *out, struct dy_error *err)
{
	struct dy_closeness_point *p;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	if (!(p = calloc(l->count + 1, sizeof(*p))))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	/* oldest first; the core checked each picture is 1..7 */
	for (i = l->count; i-- > 0;) {
		const json_t *now = json_object_get(l->items[i].fields, "closeness_now"),
		             *wish = json_object_get(l->items[i].fields, "closeness_wish");

		if (json_is_integer(now) && json_is_integer(wish)) {
			p[n].now = (int)json_integer_value(now);
			p[n].wish = (int)json_integer_value(wish);
			n++;
		}
	}
	dy_closeness_of(p, n, out);
	free(p);
	return 0;
}

void
dy_closeness_words(const struct dy_closeness *c, struct dy_buf *out)
{
	if (c->n == 0)
		return;
	if (c->gap == 0)
		dy_buf_addf(out, "You are as close as you would like to be: %d of 7.", c->now);
	else
		dy_buf_addf(out, "You would like %s: now %d of 7, wished %d.",
		            c->gap > 0 ? "to be closer" : "a little more room", c->now, c->wish);
	if (c->recent > 1)
		dy_buf_addf(out, " Over your last %zu pictures the gap averaged %+.1f.", c->recent, c->mean_gap);
}

static int
add_points(struct dy_chart_point *pts, size_t *k, const struct dy_pulse_point *p, size_t n,
           const char *name, unsigned series)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(p[i].connection >= 0 && p[i].connection <= 10 && p[i].self >= 0 && p[i].self <= 10))
			return DY_EINVAL;
		pts[*k].x = p[i].self;
		pts[*k].y = p[i].connection;
		pts[*k].label = name;
		pts[*k].series = series;
		(*k)++;
	}
	return 0;
}

int
dy_balance_map_svg(const char *id, const struct dy_pulse_point *mine, size_t n_mine,
                   const char *my_name, unsigned my_series, const struct dy_pulse_point *theirs,
                   size_t n_theirs, const char *their_name, struct dy_buf *out)
{
	struct dy_chart c = {
		.kind = DY_CHART_SCATTER, .id = id, .title = "Where you stand",
		.x_label = "Free to be myself (0-10)", .y_label = "Connected (0-10)",
		.fixed_x = 1, .fixed_y = 1, .x_min = 0, .x_max = 10, .y_min = 0, .y_max = 10,
		.x_low = "less free", .x_high = "free", .y_low = "apart", .y_high = "close",
		.joined = 1, .square = 1,
	};
	struct dy_chart_point *pts;
	size_t k = 0;
	int rc;

	if (!theirs)
		n_theirs = 0;
	if (my_series > 1)
		return dy_buf_fail(out, DY_EINVAL);
	/* more pulses than a chart holds (years of them, or several a week):
	 * the newest, each of us keeping at least half of the room */
	if (n_mine + n_theirs > DY_CHART_MAX_POINTS) {
		const size_t half = DY_CHART_MAX_POINTS / 2;
		size_t keep_mine, keep_theirs;

		if (n_mine <= half) {
			keep_mine = n_mine;
			keep_theirs = DY_CHART_MAX_POINTS - n_mine;
		} else if (n_theirs <= half) {
			keep_theirs = n_theirs;
			keep_mine = DY_CHART_MAX_POINTS - n_theirs;
		} else {
			keep_mine = half;
			keep_theirs = DY_CHART_MAX_POINTS - half;
		}
		mine += n_mine - keep_mine;
		theirs += n_theirs - keep_theirs;
		n_mine = keep_mine;
		n_theirs = keep_theirs;
	}
	memcpy(c.quarters, quarter_names, sizeof(c.quarters));
	if (!(pts = calloc(n_mine + n_theirs + 1, sizeof(*pts))))
		return dy_buf_fail(out, DY_ENOMEM);
	/* the partner's first, so that mine are drawn over theirs */
	if ((rc = add_points(pts, &k, theirs, n_theirs, their_name, 1 - my_series)) != 0 ||
	    (rc = add_points(pts, &k, mine, n_mine, my_name, my_series)) != 0) {
		dy_buf_fail(out, rc);
		goto out;
	}
	c.points = pts;
	c.n = k;
	rc = dy_chart_svg(&c, out);
out:
	free(pts);
	return rc;
}
