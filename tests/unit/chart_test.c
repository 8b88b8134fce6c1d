/* chart_test.c - charts as SVG (chart.h): the picture's parts, its words,
 * its escaping, its ticks, and what it refuses. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Draw c; the SVG text, which the caller frees, or NULL with *rc set. */
static char *
draw(const struct dy_chart *c, int *rc)
{
	struct dy_buf b = DY_BUF_INIT(1 << 20);

	*rc = dy_chart_svg(c, &b);
	if (*rc != 0) {
		assert_int_equal(b.err, *rc);  /* the failure is latched */
		dy_buf_release(&b);
		return NULL;
	}
	return dy_buf_take(&b, NULL);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* Whether s is well-formed markup: every element closed in order, every
 * attribute value quoted, no '<' or '&' in text other than markup and the
 * five entities. Enough XML to catch an escaping or nesting slip. */
static bool
well_formed(const char *s)
{
	const char *stack[64];
	size_t depth = 0, len[64];
	const char *p = s;

	while (*p) {
		if (*p == '&') {
			if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) && strncmp(p, "&gt;", 4) &&
			    strncmp(p, "&quot;", 6) && strncmp(p, "&#39;", 5))
				return false;
			p++;
		} else if (*p == '<') {
			bool closing = p[1] == '/';
			const char *name = p + (closing ? 2 : 1), *q = name;
			char quote = 0;

			while (*q && *q != ' ' && *q != '>' && *q != '/')
				q++;
			if (q == name)
				return false;
			/* to the end of the tag, minding quoted values */
			while (*q && (quote || *q != '>')) {
				if (quote && *q == quote)
					quote = 0;
				else if (!quote && (*q == '"' || *q == '\''))
					quote = *q;
				else if (quote && *q == '<')
					return false;
				q++;
			}
			if (!*q)
				return false;
			if (closing) {
				if (depth == 0 || len[depth - 1] != (size_t)(strcspn(name, " >")) ||
				    strncmp(stack[depth - 1], name, len[depth - 1]))
					return false;
				depth--;
			} else if (q[-1] != '/') {
				if (depth == 64)
					return false;
				stack[depth] = name;
				len[depth++] = strcspn(name, " >/");
			}
			p = q + 1;
		} else if (*p == '>') {
			return false;
		} else {
			p++;
		}
	}
	return depth == 0;
}

static const struct dy_chart_point weeks[] = {
	{0, 30, "2 Nov", 0}, {1, 45, "9 Nov", 0}, {2, 0, "16 Nov", 0}, {3, 47, "23 Nov", 0},
};

static void
bar_chart_has_a_title_a_text_alternative_and_one_bar_a_point(void **state)
{
	struct dy_chart c = {.kind = DY_CHART_BAR, .id = "practice", .title = "Minutes a week",
	                     .x_label = "Week", .y_label = "Minutes", .unit = "minutes",
	                     .points = weeks, .n = 4};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	assert_true(well_formed(svg));
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-labelledby=\"practice-title practice-desc\""));
	assert_non_null(strstr(svg, "<title id=\"practice-title\">Minutes a week</title>"));
	assert_non_null(strstr(svg, "<desc id=\"practice-desc\">Bar chart of Minutes by Week. "
	                            "2 Nov: 30 minutes; 9 Nov: 45 minutes; 16 Nov: 0 minutes; "
	                            "23 Nov: 47 minutes.</desc>"));
	assert_int_equal(count(svg, "<rect "), 4);
	assert_int_equal(count(svg, ">16 Nov</text>"), 1);
	assert_int_equal(count(svg, ">Week</text>"), 1);
	assert_int_equal(count(svg, ">Minutes</text>"), 1);
	free(svg);
}

static void
fitted_ranges_get_nice_ticks_from_zero(void **state)
{
	struct dy_chart c = {.kind = DY_CHART_BAR, .id = "c", .title = "t", .x_label = "x",
	                     .y_label = "y", .points = weeks, .n = 4};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	/* 0..47 in about five steps: 0, 10, ..., 50, and no tick at 47 */
	assert_non_null(strstr(svg, "class=\"dy-chart-tick\">0</text>"));
	assert_non_null(strstr(svg, "class=\"dy-chart-tick\">10</text>"));
	assert_non_null(strstr(svg, "class=\"dy-chart-tick\">50</text>"));
	assert_null(strstr(svg, "class=\"dy-chart-tick\">47</text>"));
	assert_null(strstr(svg, "class=\"dy-chart-tick\">60</text>"));
	assert_int_equal(count(svg, "dy-chart-grid"), 6);
	free(svg);
}

static void
small_ranges_write_their_ticks_with_decimals(void **state)
{
	static const struct dy_chart_point p[] = {{0, 0.12, NULL, 0}, {1, 0.31, NULL, 0}};
	struct dy_chart c = {.kind = DY_CHART_LINE, .id = "c", .title = "t", .x_label = "x",
	                     .y_label = "y", .points = p, .n = 2, .decimals = 2};
	int rc;
	char *svg;

	(void)state;
	/* a locale with a decimal comma must not change the SVG (it is not
	 * always installed; the C locale is the floor of this check) */
	(void)setlocale(LC_NUMERIC, "de_DE.UTF-8");
	svg = draw(&c, &rc);
	(void)setlocale(LC_NUMERIC, "C");
	assert_non_null(svg);
	/* a line measures from 0: 0 to 0.31 in steps of 0.1 */
	assert_non_null(strstr(svg, "class=\"dy-chart-tick\">0.1</text>"));
	assert_non_null(strstr(svg, "class=\"dy-chart-tick\">0.4</text>"));
	assert_null(strstr(svg, "class=\"dy-chart-tick\">0.5</text>"));
	assert_non_null(strstr(svg, "0: 0.12; 1: 0.31."));
	assert_null(strstr(svg, "0,12"));
	free(svg);
}

static void
text_is_escaped_and_controls_become_spaces(void **state)
{
	static const struct dy_chart_point p[] = {{0, 1, "<b>&\"'\x01", 0}, {0, 2, "\xef\xbf\xbf", 0}};
	struct dy_chart c = {.kind = DY_CHART_BAR, .id = "c", .title = "Me & <you>",
	                     .x_label = "a\"b", .y_label = "y", .points = p, .n = 2};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	assert_true(well_formed(svg));
	assert_non_null(strstr(svg, "<title id=\"c-title\">Me &amp; &lt;you&gt;</title>"));
	assert_non_null(strstr(svg, "&lt;b&gt;&amp;&quot;&#39; "));
	assert_non_null(strstr(svg, "\xef\xbf\xbd"));
	assert_null(strstr(svg, "\x01"));
	assert_null(strstr(svg, "\xef\xbf\xbf"));
	assert_null(strstr(svg, "<b>"));
	free(svg);
}

static void
long_series_are_summarised_in_words_and_thinned_under_the_axis(void **state)
{
	struct dy_chart_point p[52];
	char labels[52][8];
	struct dy_chart c = {.kind = DY_CHART_BAR, .id = "c", .title = "t", .x_label = "Week",
	                     .y_label = "Minutes", .unit = "minutes", .points = p, .n = 52};
	size_t i;
	int rc;
	char *svg;

	(void)state;
	for (i = 0; i < 52; i++) {
		snprintf(labels[i], sizeof(labels[i]), "w%zu", i + 1);
		p[i] = (struct dy_chart_point){(double)i, (double)((i * 7) % 50), labels[i], 0};
	}
	p[40].y = 99;
	svg = draw(&c, &rc);
	assert_non_null(svg);
	assert_true(well_formed(svg));
	assert_int_equal(count(svg, "<rect "), 52);
	/* the words: the latest 24 points, then the highest and lowest of all */
	assert_non_null(strstr(svg, "Bar chart of Minutes by Week. The last 24 of 52: w29: 46 minutes;"));
	assert_non_null(strstr(svg, "w52: 7 minutes. Highest of all: 99 minutes (w41); "
	                            "lowest: 0 minutes (w1).</desc>"));
	assert_null(strstr(svg, "w28:"));
	/* under the axis: at most eight labels, the last always among them */
	assert_in_range(count(svg, "class=\"dy-chart-tick\">w"), 2, 8);
	assert_non_null(strstr(svg, ">w52</text>"));
	free(svg);
}

static void
scatter_map_draws_midlines_ends_and_names(void **state)
{
	static const struct dy_chart_point p[] = {{2.5, 4, "Alex", 0}, {4.5, 1.5, "Sam", 1}};
	struct dy_chart c = {.kind = DY_CHART_SCATTER, .id = "map", .title = "Where we stand",
	                     .x_label = "Independence", .y_label = "Closeness",
	                     .points = p, .n = 2, .fixed_x = 1, .fixed_y = 1,
	                     .x_min = 0, .x_max = 5, .y_min = 0, .y_max = 5, .decimals = 1,
	                     .x_low = "together", .x_high = "on my own",
	                     .y_low = "distant", .y_high = "close"};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	assert_true(well_formed(svg));
	assert_int_equal(count(svg, "dy-chart-mid"), 2);
	assert_int_equal(count(svg, "<circle "), 2);
	assert_non_null(strstr(svg, "dy-chart-s1"));
	assert_non_null(strstr(svg, ">on my own</text>"));
	assert_non_null(strstr(svg, "Map of Closeness against Independence. Alex: Independence 2.5, "
	                            "Closeness 4.0; Sam: Independence 4.5, Closeness 1.5."));
	free(svg);
}

static void
a_square_chart_is_square_with_larger_type(void **state)
{
	static const struct dy_chart_point p[] = {{2, 3, "a", 0}};
	struct dy_chart c = {.kind = DY_CHART_SCATTER, .id = "c", .title = "t", .x_label = "x",
	                     .y_label = "y", .points = p, .n = 1, .square = 1};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	assert_non_null(strstr(svg, "viewBox=\"0 0 420 420\""));
	assert_non_null(strstr(svg, "font-size=\"14\""));
	free(svg);
	c.square = 0;
	svg = draw(&c, &rc);
	assert_non_null(strstr(svg, "viewBox=\"0 0 640 360\""));
	free(svg);
}

static void
an_empty_chart_says_so(void **state)
{
	struct dy_chart c = {.kind = DY_CHART_LINE, .id = "c", .title = "t", .x_label = "x",
	                     .y_label = "y"};
	int rc;
	char *svg = draw(&c, &rc);

	(void)state;
	assert_non_null(svg);
	assert_true(well_formed(svg));
	assert_non_null(strstr(svg, "Nothing to show yet.</desc>"));
	assert_non_null(strstr(svg, ">Nothing to show yet</text>"));
	free(svg);
}

static void
bad_charts_are_refused(void **state)
{
	struct dy_chart_point p[2] = {{0, 1, "a", 0}, {1, 2, "b", 0}};
	struct dy_chart good = {.kind = DY_CHART_LINE, .id = "c", .title = "t", .x_label = "x",
	                        .y_label = "y", .points = p, .n = 2};
	struct dy_chart c;
	char big[DY_CHART_TEXT_MAX + 2];
	int rc;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	free(draw(&good, &rc));
	assert_int_equal(rc, 0);  /* what the cases below change draws */
	c = good, c.title = NULL;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.title = "";
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.title = big;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.x_label = "\xc3";
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.id = "1abc";
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.id = "a b";
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.decimals = 4;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.n = DY_CHART_MAX_POINTS + 1;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_ETOOBIG);
	c = good, p[1].y = NAN;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[1].y = INFINITY;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[1].y = 2e12;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[1].y = 2;
	p[1].x = -1;  /* a line's x must not go back */
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[1].x = 1;
	c = good, c.fixed_y = 1, c.y_min = 0, c.y_max = 1.5;  /* 2 is outside */
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.fixed_y = 1, c.y_min = 3, c.y_max = 3;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	c = good, c.kind = DY_CHART_BAR, p[0].label = NULL;  /* a bar needs its category */
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[0].label = "a";
	c = good, p[0].series = 2;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
	p[0].series = 0;
	c = good, c.kind = (enum dy_chart_kind)7;
	assert_null(draw(&c, &rc)), assert_int_equal(rc, DY_EINVAL);
}

static void
a_chart_past_the_buffers_cap_is_too_big(void **state)
{
	struct dy_chart c = {.kind = DY_CHART_BAR, .id = "c", .title = "t", .x_label = "x",
	                     .y_label = "y", .points = weeks, .n = 4};
	struct dy_buf b = DY_BUF_INIT(500);

	(void)state;
	assert_int_equal(dy_chart_svg(&c, &b), DY_ETOOBIG);
	assert_null(dy_buf_take(&b, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bar_chart_has_a_title_a_text_alternative_and_one_bar_a_point),
		cmocka_unit_test(fitted_ranges_get_nice_ticks_from_zero),
		cmocka_unit_test(small_ranges_write_their_ticks_with_decimals),
		cmocka_unit_test(text_is_escaped_and_controls_become_spaces),
		cmocka_unit_test(long_series_are_summarised_in_words_and_thinned_under_the_axis),
		cmocka_unit_test(scatter_map_draws_midlines_ends_and_names),
		cmocka_unit_test(a_square_chart_is_square_with_larger_type),
		cmocka_unit_test(an_empty_chart_says_so),
		cmocka_unit_test(bad_charts_are_refused),
		cmocka_unit_test(a_chart_past_the_buffers_cap_is_too_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
