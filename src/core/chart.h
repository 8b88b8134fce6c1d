/*
 * chart.h - charts as SVG, drawn once in the core so that the web app and
 * the command line's `--svg FILE` show the same picture (DESIGN.md,
 * issue #9 "Charts"). Part of libdyad's public interface: dyad.h includes
 * it.
 *
 * Three shapes: a line over numeric x (practice minutes by week, intensity
 * over time), bars over categories (minutes per week, days practised), and
 * a scatter of named points in a fixed or fitted range (the balance map).
 * Every chart has a title, two labelled axes and a text alternative: the
 * SVG is role="img" with <title> and <desc>, and <desc> says in words what
 * the picture shows, so a screen reader or a text export loses nothing.
 *
 * The picture is styled by presentation attributes, so a file opened on
 * its own looks right, and by classes (dy-chart-*) that a page's CSS may
 * override, for dark mode and the partners' colours. Numbers are written
 * without the C library's locale, so a decimal comma never breaks the SVG.
 */
#ifndef DY_CHART_H
#define DY_CHART_H

#include <stddef.h>

#include "buf.h"

enum dy_chart_kind {
	DY_CHART_LINE,     /* points joined in order of x (x must not decrease) */
	DY_CHART_BAR,      /* one bar per point, in the given order; x unused */
	DY_CHART_SCATTER,  /* points on their own */
};

#define DY_CHART_MAX_POINTS 2000  /* more is DY_ETOOBIG */
#define DY_CHART_TEXT_MAX 200     /* bytes of any one text (title, label) */
#define DY_CHART_ID_MAX 32        /* bytes of the id prefix */
#define DY_CHART_VALUE_MAX 1e12   /* |x| and |y| must stay below this */

struct dy_chart_point {
	double x;
	double y;
	/* bar: the category under the bar (required); line: the tick text
	 * under this point's x (optional: x is written as a number when
	 * NULL); scatter: the point's name, written beside the dot and in the
	 * text alternative (optional). */
	const char *label;
	/* 0 or 1: which partner's colour the point takes (class
	 * dy-chart-s0 / dy-chart-s1); 0 for one-person charts */
	unsigned series;
};

struct dy_chart {
	enum dy_chart_kind kind;
	/* prefix for the ids of <title> and <desc>, unique on a page:
	 * a letter, then letters, digits, '-' or '_' */
	const char *id;
	const char *title;              /* required */
	const char *x_label, *y_label;  /* axis titles, required */
	const char *unit;               /* of y, in the text alternative; may be NULL */
	const struct dy_chart_point *points;
	size_t n;                       /* 0 draws empty axes and says so */
	/* ranges: fitted to the points (bars and lines start y at 0) unless
	 * fixed; a fixed range must have min < max and holds every point */
	int fixed_x, fixed_y;
	double x_min, x_max, y_min, y_max;
	/* scatter only, optional: words at the ends of the axes ("closer",
	 * "more on my own"); when all four are given the chart is a map with
	 * its midlines drawn */
	const char *x_low, *x_high, *y_low, *y_high;
	/* scatter only, optional: names of the four quarters of the map, drawn
	 * faintly in their corners: top left, top right, bottom left, bottom
	 * right (any may be NULL) */
	const char *quarters[4];
	/* scatter only: join each series' points in the order given (a path
	 * over time) and draw each series' last point larger */
	int joined;
	/* a square picture (420 x 420, larger type) instead of the wide one
	 * (640 x 360): for maps, and anything read on a phone */
	int square;
	unsigned decimals;              /* of values in the text alternative, 0..3 */
};

/*
 * Append the chart as one standalone SVG element (no XML declaration, so
 * it can be inlined in HTML as it is, or written to a file) to out.
 * 0, or: DY_EINVAL for a missing text, text that is not UTF-8 or longer
 * than DY_CHART_TEXT_MAX, a bad id, a value that is not finite or too
 * large, a line whose x decreases, or a point outside a fixed range;
 * DY_ETOOBIG for too many points or when out's cap is reached;
 * DY_ENOMEM. On failure out may hold part of the picture: the caller
 * discards it (out's failure is latched, as buf.h says).
 */
__attribute__((warn_unused_result)) int dy_chart_svg(const struct dy_chart *c, struct dy_buf *out);

#endif
