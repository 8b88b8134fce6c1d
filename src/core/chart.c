/*
 * chart.c - line, bar and scatter charts as SVG (see chart.h).
 *
 * The picture is a 640 x 360 view box: a title at the top, the plot in
 * the middle, the x axis's ticks and title below, the y axis's at the
 * left. Ranges get "nice" ticks (1, 2 or 5 times a power of ten), at most
 * about six of them. Coordinates are written with one decimal and values
 * with the chart's decimals, by fixed-point arithmetic of our own (no
 * printf of doubles: its decimal point follows the locale).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dyad.h"
#include "banned.h"

/* The picture's geometry: a wide one for lines and bars, a square one for
 * maps (readable on a phone). The macros read the geometry g in scope. */
struct geo {
	double w, h, pl, pr, pt, pb;
	int font;
};
static const struct geo wide = {640, 360, 72, 24, 48, 64, 12};
static const struct geo square = {420, 420, 58, 20, 48, 64, 14};
#define W (g->w)
#define H (g->h)
#define PAD_L (g->pl)
#define PAD_R (g->pr)
#define PAD_T (g->pt)
#define PAD_B (g->pb)
#define PLOT_W (W - PAD_L - PAD_R)
#define PLOT_H (H - PAD_T - PAD_B)
#define MAX_TICK_LABELS 8     /* category or point labels under the x axis */
#define TICK_LABEL_CHARS 12   /* characters of a label under an axis */
#define POINT_LABEL_CHARS 16  /* characters of a name beside a dot */
#define DESC_POINTS 24        /* points spelled out in the text alternative */

/* The colours of a file opened on its own; a page's CSS may override. */
#define INK "#3b4252"
#define GRID "#d8dee9"
#define SERIES0 "#2a7f7f"
#define SERIES1 "#b4536b"

struct range {
	double lo, hi, step;
	unsigned decimals;  /* to write the ticks */
};

/* ---------------------------------------------------------------- numbers */

/* v rounded to the nearest integer, halves away from zero; |v| < 2^62. */
static long long
round_ll(double v)
{
	return v < 0 ? -(long long)(-v + 0.5) : (long long)(v + 0.5);
}

/* The largest integer not above v; |v| < 2^62. */
static double
floor_d(double v)
{
	long long i = (long long)v;

	return (double)i > v ? (double)(i - 1) : (double)i;
}

static double
ceil_d(double v)
{
	return -floor_d(-v);
}

/* Write v with exactly d decimals (d <= 3), '.' as the point, no "-0". */
static void
num(struct dy_buf *b, double v, unsigned d)
{
	static const long long scale[] = {1, 10, 100, 1000};
	long long x = round_ll(v * (double)scale[d]);
	unsigned long long a;

	if (x < 0)
		dy_buf_addstr(b, "-");
	a = x < 0 ? (unsigned long long)-(x + 1) + 1 : (unsigned long long)x;
	dy_buf_addf(b, "%llu", a / (unsigned long long)scale[d]);
	if (d > 0)
		dy_buf_addf(b, ".%0*llu", (int)d, a % (unsigned long long)scale[d]);
}

/* A coordinate in the view box, with one decimal. */
static void
coord(struct dy_buf *b, double v)
{
	num(b, v, 1);
}

/* 1, 2 or 5 times a power of ten, the nearest at or above raw (> 0), and
 * the decimals it takes to write multiples of it (0..3). Steps under 0.001
 * are 0.001: values are shown with at most three decimals. */
static double
nice_step(double raw, unsigned *decimals)
{
	double p = 1;
	unsigned d = 0;

	if (raw < 0.001)
		raw = 0.001;
	while (p * 10 <= raw)
		p *= 10;
	while (p > raw && d < 3) {
		p /= 10;
		d++;
	}
	/* now p <= raw < 10p (or p = 0.001) */
	if (raw <= p) {
		/* exact */
	} else if (raw <= 2 * p) {
		p *= 2;
	} else if (raw <= 5 * p) {
		p *= 5;
	} else {
		p *= 10;
		if (d > 0)
			d--;
	}
	*decimals = d;
	return p;
}

/* Ticks for [lo, hi]: fitted ranges widen to whole steps, fixed ones keep
 * their ends. */
static void
range_make(struct range *r, double lo, double hi, int fixed)
{
	if (hi <= lo) {
		/* one value: a range of one around it, or from 0 */
		double pad = lo == 0 ? 1 : (lo < 0 ? -lo : lo) / 2;

		lo -= pad;
		hi += pad;
	}
	r->step = nice_step((hi - lo) / 5, &r->decimals);
	if (fixed) {
		r->lo = lo;
		r->hi = hi;
	} else {
		r->lo = floor_d(lo / r->step) * r->step;
		r->hi = ceil_d(hi / r->step) * r->step;
		if (r->hi <= r->lo)
			r->hi = r->lo + r->step;
	}
}

static double
px_x(const struct geo *g, const struct range *r, double v)
{
	return PAD_L + (v - r->lo) / (r->hi - r->lo) * PLOT_W;
}

static double
px_y(const struct geo *g, const struct range *r, double v)
{
	return PAD_T + PLOT_H - (v - r->lo) / (r->hi - r->lo) * PLOT_H;
}

/* ------------------------------------------------------------------- text */

static bool
text_ok(const char *s, bool required)
{
	size_t n;

	if (!s)
		return !required;
	n = strlen(s);
	return (n > 0 || !required) && n <= DY_CHART_TEXT_MAX && dy_utf8_valid(s, n);
}

/*
 * Write s (valid UTF-8) as XML character data or attribute text, at most
 * max characters (0: all), with "…" when cut. The five markup characters
 * are escaped; control characters, which XML 1.0 cannot carry, become
 * spaces, and U+FFFE/U+FFFF become U+FFFD.
 */
static void
xml_text(struct dy_buf *b, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, chars = 0;

	while (i < n) {
		size_t k = dy_utf8_seq(p + i, n - i);

		if (k == 0)
			break;  /* cannot happen: s was checked */
		if (max && chars == max) {
			dy_buf_addstr(b, "\xe2\x80\xa6");
			return;
		}
		if (k == 1) {
			switch (p[i]) {
			case '&': dy_buf_addstr(b, "&amp;"); break;
			case '<': dy_buf_addstr(b, "&lt;"); break;
			case '>': dy_buf_addstr(b, "&gt;"); break;
			case '"': dy_buf_addstr(b, "&quot;"); break;
			case '\'': dy_buf_addstr(b, "&#39;"); break;
			default:
				if (p[i] < 0x20 || p[i] == 0x7f)
					dy_buf_addstr(b, " ");
				else
					dy_buf_add(b, p + i, 1);
			}
		} else if (k == 3 && p[i] == 0xef && p[i + 1] == 0xbf && p[i + 2] >= 0xbe) {
			dy_buf_addstr(b, "\xef\xbf\xbd");
		} else {
			dy_buf_add(b, p + i, k);
		}
		i += k;
		chars++;
	}
}

static bool
id_ok(const char *id)
{
	size_t i, n;

	if (!id || (n = strlen(id)) == 0 || n > DY_CHART_ID_MAX)
		return false;
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z')))
		return false;
	for (i = 1; i < n; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ validation */

static int
check(const struct dy_chart *c)
{
	size_t i;

	if (c->kind != DY_CHART_LINE && c->kind != DY_CHART_BAR && c->kind != DY_CHART_SCATTER)
		return DY_EINVAL;
	if (!id_ok(c->id) || !text_ok(c->title, true) || !text_ok(c->x_label, true) ||
	    !text_ok(c->y_label, true) || !text_ok(c->unit, false) || !text_ok(c->x_low, false) ||
	    !text_ok(c->x_high, false) || !text_ok(c->y_low, false) || !text_ok(c->y_high, false) ||
	    !text_ok(c->quarters[0], false) || !text_ok(c->quarters[1], false) ||
	    !text_ok(c->quarters[2], false) || !text_ok(c->quarters[3], false))
		return DY_EINVAL;
	if (c->decimals > 3)
		return DY_EINVAL;
	if (c->n > DY_CHART_MAX_POINTS)
		return DY_ETOOBIG;
	if (c->n > 0 && !c->points)
		return DY_EINVAL;
	if (c->fixed_x && !(isfinite(c->x_min) && isfinite(c->x_max) && c->x_min < c->x_max &&
	                    fabs(c->x_min) < DY_CHART_VALUE_MAX && fabs(c->x_max) < DY_CHART_VALUE_MAX))
		return DY_EINVAL;
	if (c->fixed_y && !(isfinite(c->y_min) && isfinite(c->y_max) && c->y_min < c->y_max &&
	                    fabs(c->y_min) < DY_CHART_VALUE_MAX && fabs(c->y_max) < DY_CHART_VALUE_MAX))
		return DY_EINVAL;
	for (i = 0; i < c->n; i++) {
		const struct dy_chart_point *p = &c->points[i];

		if (!isfinite(p->x) || !isfinite(p->y) || fabs(p->x) >= DY_CHART_VALUE_MAX ||
		    fabs(p->y) >= DY_CHART_VALUE_MAX || p->series > 1)
			return DY_EINVAL;
		if (!text_ok(p->label, c->kind == DY_CHART_BAR))
			return DY_EINVAL;
		if (c->kind == DY_CHART_LINE && i > 0 && p->x < c->points[i - 1].x)
			return DY_EINVAL;
		if (c->kind != DY_CHART_BAR && c->fixed_x && (p->x < c->x_min || p->x > c->x_max))
			return DY_EINVAL;
		if (c->fixed_y && (p->y < c->y_min || p->y > c->y_max))
			return DY_EINVAL;
	}
	return 0;
}

/* --------------------------------------------------------------- drawing */

static void
text_at(struct dy_buf *b, double x, double y, const char *anchor, const char *cls, const char *s,
        size_t max)
{
	dy_buf_addstr(b, "<text x=\"");
	coord(b, x);
	dy_buf_addstr(b, "\" y=\"");
	coord(b, y);
	dy_buf_addf(b, "\" text-anchor=\"%s\" class=\"%s\">", anchor, cls);
	xml_text(b, s, max);
	dy_buf_addstr(b, "</text>");
}

static void
line_el(struct dy_buf *b, double x1, double y1, double x2, double y2, const char *cls,
        const char *stroke)
{
	dy_buf_addstr(b, "<line x1=\"");
	coord(b, x1);
	dy_buf_addstr(b, "\" y1=\"");
	coord(b, y1);
	dy_buf_addstr(b, "\" x2=\"");
	coord(b, x2);
	dy_buf_addstr(b, "\" y2=\"");
	coord(b, y2);
	dy_buf_addf(b, "\" class=\"%s\" stroke=\"%s\"/>", cls, stroke);
}

/* Horizontal grid lines with the y ticks' values at the left. */
static void
y_axis(const struct geo *g, struct dy_buf *b, const struct range *ry)
{
	long long k, steps = round_ll((ry->hi - ry->lo) / ry->step);
	double first = ceil_d(ry->lo / ry->step - 1e-9) * ry->step;

	for (k = 0; k <= steps + 1; k++) {
		double v = first + (double)k * ry->step, y;
		char tick[32];
		struct dy_buf t = DY_BUF_INIT(sizeof(tick));

		if (v > ry->hi + ry->step * 1e-9)
			break;
		y = px_y(g, ry, v);
		line_el(b, PAD_L, y, PAD_L + PLOT_W, y, "dy-chart-grid", GRID);
		num(&t, v, ry->decimals);
		if (t.err == 0)
			text_at(b, PAD_L - 8, y + 4, "end", "dy-chart-tick", t.p, 0);
		dy_buf_release(&t);
	}
}

/* Where a label under the axis at x hangs: from its start near the left
 * end, from its end near the right end, else centred, so none is cut. */
static const char *
anchor_at(const struct geo *g, double x)
{
	if (x < PAD_L + 24)
		return "start";
	if (x > PAD_L + PLOT_W - 24)
		return "end";
	return "middle";
}

/* Numeric x ticks, for lines without labels and for scatters. */
static void
x_ticks(const struct geo *g, struct dy_buf *b, const struct range *rx)
{
	long long k, steps = round_ll((rx->hi - rx->lo) / rx->step);
	double first = ceil_d(rx->lo / rx->step - 1e-9) * rx->step;

	for (k = 0; k <= steps + 1; k++) {
		double v = first + (double)k * rx->step;
		struct dy_buf t = DY_BUF_INIT(32);

		if (v > rx->hi + rx->step * 1e-9)
			break;
		num(&t, v, rx->decimals);
		if (t.err == 0)
			text_at(b, px_x(g, rx, v), PAD_T + PLOT_H + 18, anchor_at(g, px_x(g, rx, v)), "dy-chart-tick",
			        t.p, 0);
		dy_buf_release(&t);
	}
}

/* Which of n labels to write under the axis: every k-th, at most
 * MAX_TICK_LABELS, always the last. */
static bool
label_shown(size_t i, size_t n)
{
	size_t every = (n + MAX_TICK_LABELS - 1) / MAX_TICK_LABELS;

	if (every <= 1)
		return true;
	return (n - 1 - i) % every == 0;
}

static const char *
series_colour(unsigned s)
{
	return s ? SERIES1 : SERIES0;
}

static void
draw_bars(const struct geo *g, struct dy_buf *b, const struct dy_chart *c, const struct range *ry)
{
	double band = (double)PLOT_W / (double)c->n, w = band * 0.7;
	double base = px_y(g, ry, ry->lo > 0 ? ry->lo : (ry->hi < 0 ? ry->hi : 0));
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct dy_chart_point *p = &c->points[i];
		double x = PAD_L + band * (double)i + (band - w) / 2, y = px_y(g, ry, p->y);
		double top = y < base ? y : base, h = y < base ? base - y : y - base;

		dy_buf_addstr(b, "<rect x=\"");
		coord(b, x);
		dy_buf_addstr(b, "\" y=\"");
		coord(b, top);
		dy_buf_addstr(b, "\" width=\"");
		coord(b, w);
		dy_buf_addstr(b, "\" height=\"");
		coord(b, h);
		dy_buf_addf(b, "\" rx=\"2\" class=\"dy-chart-bar dy-chart-s%u\" fill=\"%s\"/>", p->series,
		            series_colour(p->series));
		if (label_shown(i, c->n))
			text_at(b, x + w / 2, PAD_T + PLOT_H + 18, "middle", "dy-chart-tick", p->label,
			        TICK_LABEL_CHARS);
	}
}

static void
dot(struct dy_buf *b, double x, double y, unsigned series)
{
	dy_buf_addstr(b, "<circle cx=\"");
	coord(b, x);
	dy_buf_addstr(b, "\" cy=\"");
	coord(b, y);
	dy_buf_addf(b, "\" r=\"4\" class=\"dy-chart-dot dy-chart-s%u\" fill=\"%s\"/>", series,
	            series_colour(series));
}

static void
draw_line(const struct geo *g, struct dy_buf *b, const struct dy_chart *c, const struct range *rx,
          const struct range *ry)
{
	size_t i;
	bool labels = false;

	for (i = 0; i < c->n; i++)
		labels = labels || c->points[i].label;
	if (c->n > 1) {
		dy_buf_addstr(b, "<polyline points=\"");
		for (i = 0; i < c->n; i++) {
			if (i)
				dy_buf_addstr(b, " ");
			coord(b, px_x(g, rx, c->points[i].x));
			dy_buf_addstr(b, ",");
			coord(b, px_y(g, ry, c->points[i].y));
		}
		dy_buf_addf(b, "\" fill=\"none\" stroke-width=\"2\" class=\"dy-chart-line dy-chart-s0\" "
		               "stroke=\"%s\"/>", SERIES0);
	}
	for (i = 0; i < c->n; i++) {
		dot(b, px_x(g, rx, c->points[i].x), px_y(g, ry, c->points[i].y), c->points[i].series);
		if (labels && c->points[i].label && label_shown(i, c->n))
			text_at(b, px_x(g, rx, c->points[i].x), PAD_T + PLOT_H + 18,
			        anchor_at(g, px_x(g, rx, c->points[i].x)), "dy-chart-tick", c->points[i].label,
			        TICK_LABEL_CHARS);
	}
	if (!labels)
		x_ticks(g, b, rx);
}

/* The points of one series joined in order, as a faint path. */
static void
series_path(const struct geo *g, struct dy_buf *b, const struct dy_chart *c, const struct range *rx,
            const struct range *ry, unsigned series)
{
	size_t i, drawn = 0;

	for (i = 0; i < c->n; i++) {
		if (c->points[i].series != series)
			continue;
		dy_buf_addstr(b, drawn++ ? " " : "<polyline points=\"");
		coord(b, px_x(g, rx, c->points[i].x));
		dy_buf_addstr(b, ",");
		coord(b, px_y(g, ry, c->points[i].y));
	}
	if (drawn)
		dy_buf_addf(b, "\" fill=\"none\" stroke-width=\"1.5\" stroke-opacity=\"0.5\" "
		               "class=\"dy-chart-path dy-chart-s%u\" stroke=\"%s\"/>",
		            series, series_colour(series));
}

/* Whether point i is the last of its series. */
static bool
last_of_series(const struct dy_chart *c, size_t i)
{
	size_t j;

	for (j = i + 1; j < c->n; j++)
		if (c->points[j].series == c->points[i].series)
			return false;
	return true;
}

static void
draw_scatter(const struct geo *g, struct dy_buf *b, const struct dy_chart *c, const struct range *rx,
             const struct range *ry)
{
	static const char *const anchors[4] = {"start", "end", "start", "end"};
	size_t i;

	if (c->x_low && c->x_high && c->y_low && c->y_high) {
		double mx = (rx->lo + rx->hi) / 2, my = (ry->lo + ry->hi) / 2;

		line_el(b, px_x(g, rx, mx), PAD_T, px_x(g, rx, mx), PAD_T + PLOT_H,
		        "dy-chart-mid\" stroke-dasharray=\"4 4", INK);
		line_el(b, PAD_L, px_y(g, ry, my), PAD_L + PLOT_W, px_y(g, ry, my),
		        "dy-chart-mid\" stroke-dasharray=\"4 4", INK);
	} else {
		x_ticks(g, b, rx);
	}
	for (i = 0; i < 4; i++) {
		double x = i % 2 ? PAD_L + PLOT_W - 8 : PAD_L + 8;
		double y = i < 2 ? PAD_T + 34.0 : PAD_T + PLOT_H - 26.0;

		if (!c->quarters[i])
			continue;
		dy_buf_addstr(b, "<text x=\"");
		coord(b, x);
		dy_buf_addstr(b, "\" y=\"");
		coord(b, y);
		dy_buf_addf(b, "\" text-anchor=\"%s\" fill-opacity=\"0.55\" font-style=\"italic\" "
		               "class=\"dy-chart-quarter\">", anchors[i]);
		xml_text(b, c->quarters[i], 0);
		dy_buf_addstr(b, "</text>");
	}
	if (c->x_low)
		text_at(b, PAD_L, PAD_T + PLOT_H + 18, "start", "dy-chart-end", c->x_low, 0);
	if (c->x_high)
		text_at(b, PAD_L + PLOT_W, PAD_T + PLOT_H + 18, "end", "dy-chart-end", c->x_high, 0);
	if (c->y_low)
		text_at(b, PAD_L + 6, PAD_T + PLOT_H - 6, "start", "dy-chart-end", c->y_low, 0);
	if (c->y_high)
		text_at(b, PAD_L + 6, PAD_T + 14, "start", "dy-chart-end", c->y_high, 0);
	if (c->joined) {
		series_path(g, b, c, rx, ry, 0);
		series_path(g, b, c, rx, ry, 1);
	}
	for (i = 0; i < c->n; i++) {
		const struct dy_chart_point *p = &c->points[i];
		double x = px_x(g, rx, p->x), y = px_y(g, ry, p->y);
		bool latest = c->joined && last_of_series(c, i);

		if (latest) {
			/* the latest: larger, ringed, named */
			dy_buf_addstr(b, "<circle cx=\"");
			coord(b, x);
			dy_buf_addstr(b, "\" cy=\"");
			coord(b, y);
			dy_buf_addf(b, "\" r=\"8\" fill=\"none\" stroke-width=\"2\" "
			               "class=\"dy-chart-latest dy-chart-s%u\" stroke=\"%s\"/>",
			            p->series, series_colour(p->series));
		}
		dot(b, x, y, p->series);
		if (p->label && (!c->joined || latest))
			text_at(b, x + 11, y - 9, x > PAD_L + PLOT_W * 0.75 ? "end" : "start",
			        "dy-chart-name", p->label, POINT_LABEL_CHARS);
	}
}

/* ------------------------------------------------------- the words of it */

static void
value_words(struct dy_buf *b, const struct dy_chart *c, double v)
{
	num(b, v, c->decimals);
	if (c->unit) {
		dy_buf_addstr(b, " ");
		xml_text(b, c->unit, 0);
	}
}

/* The name of point i in the text alternative: its label, its x, or its
 * position. */
static void
point_name(struct dy_buf *b, const struct dy_chart *c, size_t i)
{
	const struct dy_chart_point *p = &c->points[i];

	if (p->label)
		xml_text(b, p->label, 0);
	else if (c->kind == DY_CHART_LINE)
		num(b, p->x, p->x == (double)round_ll(p->x) ? 0 : c->decimals);
	else
		dy_buf_addf(b, "Point %zu", i + 1);
}

/*
 * The text alternative: what the chart is of, then its points in words.
 * A long line or bar series gives its latest DESC_POINTS points (the recent
 * weeks are what a person asks about) and the highest and lowest of all.
 */
static void
describe(struct dy_buf *b, const struct dy_chart *c)
{
	static const char *const what[] = {"Line chart", "Bar chart", "Map"};
	size_t i, shown = c->n < DESC_POINTS ? c->n : DESC_POINTS, first = 0, hi = 0, lo = 0;

	dy_buf_addstr(b, what[c->kind]);
	dy_buf_addstr(b, " of ");
	xml_text(b, c->y_label, 0);
	dy_buf_addstr(b, c->kind == DY_CHART_SCATTER ? " against " : " by ");
	xml_text(b, c->x_label, 0);
	dy_buf_addstr(b, ".");
	if (c->n == 0) {
		dy_buf_addstr(b, " Nothing to show yet.");
		return;
	}
	if (shown < c->n) {
		/* the newest say most (a map's path ends in its latest point) */
		first = c->n - shown;
		dy_buf_addf(b, " The last %zu of %zu:", shown, c->n);
	}
	for (i = first; i < first + shown; i++) {
		const struct dy_chart_point *p = &c->points[i];

		dy_buf_addstr(b, " ");
		point_name(b, c, i);
		dy_buf_addstr(b, ": ");
		if (c->kind == DY_CHART_SCATTER) {
			xml_text(b, c->x_label, 0);
			dy_buf_addstr(b, " ");
			num(b, p->x, c->decimals);
			dy_buf_addstr(b, ", ");
			xml_text(b, c->y_label, 0);
			dy_buf_addstr(b, " ");
		}
		value_words(b, c, p->y);
		dy_buf_addstr(b, i + 1 < first + shown ? ";" : ".");
	}
	if (shown == c->n)
		return;
	if (c->kind == DY_CHART_SCATTER)
		return;
	for (i = 1; i < c->n; i++) {
		if (c->points[i].y > c->points[hi].y)
			hi = i;
		if (c->points[i].y < c->points[lo].y)
			lo = i;
	}
	dy_buf_addstr(b, " Highest of all: ");
	value_words(b, c, c->points[hi].y);
	dy_buf_addstr(b, " (");
	point_name(b, c, hi);
	dy_buf_addstr(b, "); lowest: ");
	value_words(b, c, c->points[lo].y);
	dy_buf_addstr(b, " (");
	point_name(b, c, lo);
	dy_buf_addstr(b, ").");
}

/* ------------------------------------------------------------------ chart */

int
dy_chart_svg(const struct dy_chart *c, struct dy_buf *out)
{
	struct range rx = {0, 1, 1, 0}, ry;
	double xlo = 0, xhi = 0, ylo = 0, yhi = 0;
	const struct geo *g;
	size_t i;
	int rc;

	if ((rc = check(c)) != 0)
		return dy_buf_fail(out, rc);
	g = c->square ? &square : &wide;
	for (i = 0; i < c->n; i++) {
		const struct dy_chart_point *p = &c->points[i];

		if (i == 0 || p->x < xlo)
			xlo = p->x;
		if (i == 0 || p->x > xhi)
			xhi = p->x;
		if (i == 0 || p->y < ylo)
			ylo = p->y;
		if (i == 0 || p->y > yhi)
			yhi = p->y;
	}
	/* bars and lines measure from zero: a week of 5 minutes beside one of
	 * 60 must look like it */
	if (c->kind != DY_CHART_SCATTER) {
		if (ylo > 0)
			ylo = 0;
		if (yhi < 0)
			yhi = 0;
	}
	if (c->fixed_y)
		ylo = c->y_min, yhi = c->y_max;
	range_make(&ry, ylo, yhi, c->fixed_y);
	if (c->kind != DY_CHART_BAR) {
		if (c->fixed_x)
			xlo = c->x_min, xhi = c->x_max;
		range_make(&rx, xlo, xhi, c->fixed_x);
	}

	dy_buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	                 "width=\"%d\" height=\"%d\" role=\"img\" class=\"dy-chart\" "
	                 "aria-labelledby=\"%s-title %s-desc\" "
	                 "font-family=\"system-ui, sans-serif\" font-size=\"%d\" fill=\"%s\">",
	            (int)W, (int)H, (int)W, (int)H, c->id, c->id, g->font, INK);
	dy_buf_addf(out, "<title id=\"%s-title\">", c->id);
	xml_text(out, c->title, 0);
	dy_buf_addf(out, "</title><desc id=\"%s-desc\">", c->id);
	describe(out, c);
	dy_buf_addstr(out, "</desc>");
	dy_buf_addf(out, "<text x=\"%d\" y=\"24\" font-size=\"%d\" font-weight=\"600\" "
	                 "class=\"dy-chart-title\">", (int)PAD_L, g->font + 3);
	xml_text(out, c->title, 0);
	dy_buf_addstr(out, "</text>");
	dy_buf_addstr(out, "<g aria-hidden=\"true\">");
	y_axis(g, out, &ry);
	if (c->kind == DY_CHART_BAR && c->n > 0)
		draw_bars(g, out, c, &ry);
	else if (c->kind == DY_CHART_LINE)
		draw_line(g, out, c, &rx, &ry);
	else if (c->kind == DY_CHART_SCATTER)
		draw_scatter(g, out, c, &rx, &ry);
	/* the axes themselves, over the grid */
	line_el(out, PAD_L, PAD_T + PLOT_H, PAD_L + PLOT_W, PAD_T + PLOT_H, "dy-chart-axis", INK);
	line_el(out, PAD_L, PAD_T, PAD_L, PAD_T + PLOT_H, "dy-chart-axis", INK);
	text_at(out, PAD_L + PLOT_W / 2.0, H - 12, "middle", "dy-chart-axis-title", c->x_label, 0);
	dy_buf_addf(out, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\" "
	                 "class=\"dy-chart-axis-title\">", (int)(PAD_T + PLOT_H / 2));
	xml_text(out, c->y_label, 0);
	dy_buf_addstr(out, "</text>");
	if (c->n == 0)
		text_at(out, PAD_L + PLOT_W / 2.0, PAD_T + PLOT_H / 2.0, "middle", "dy-chart-empty",
		        "Nothing to show yet", 0);
	dy_buf_addstr(out, "</g></svg>");
	return out->err;
}
