/* balance_test.c - the balance pulse (kind "pulse") and the balance map
 * (balance.h): regions at their thresholds, the trend against a
 * hand-computed fixture, the map's parts, what is refused, and that a
 * private pulse is the partner's to see only once shared. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

static void
regions_split_at_five_with_five_counted_as_enough(void **state)
{
	(void)state;
	assert_int_equal(dy_region_of(5, 5), DY_REGION_CONNECTED);
	assert_int_equal(dy_region_of(10, 10), DY_REGION_CONNECTED);
	assert_int_equal(dy_region_of(5, 4), DY_REGION_MERGED);
	assert_int_equal(dy_region_of(9, 0), DY_REGION_MERGED);
	assert_int_equal(dy_region_of(4, 5), DY_REGION_DISTANT);
	assert_int_equal(dy_region_of(0, 10), DY_REGION_DISTANT);
	assert_int_equal(dy_region_of(4, 4), DY_REGION_STRAINED);
	assert_int_equal(dy_region_of(0, 0), DY_REGION_STRAINED);
	assert_string_equal(dy_region_name(DY_REGION_MERGED), "merged");
	assert_non_null(strstr(dy_region_words(DY_REGION_STRAINED), "go gently"));
}

static void
the_trend_compares_the_last_four_pulses_with_the_four_before(void **state)
{
	/* oldest first; the 4 before: connection 3 4 3 4 (mean 3.5), self 6 6 6 6;
	 * the last 4: connection 6 5 6 7 (mean 6), self 6 7 5 6 (mean 6) */
	static const struct dy_pulse_point p[] = {
		{9, 9}, {3, 6}, {4, 6}, {3, 6}, {4, 6}, {6, 6}, {5, 7}, {6, 5}, {7, 6},
	};
	struct dy_balance b;
	struct dy_buf words = DY_BUF_INIT(512);

	(void)state;
	dy_balance_of(p, 9, &b);
	assert_int_equal(b.n, 9);
	assert_true(b.trend);
	assert_true(b.d_connection > 2.499 && b.d_connection < 2.501);
	assert_true(b.d_self > -0.001 && b.d_self < 0.001);
	assert_int_equal(b.region, DY_REGION_CONNECTED);
	dy_balance_trend_words(&b, &words);
	assert_string_equal(words.p, "Over your last 4 pulses you felt closer and about as free to be "
	                             "yourself as in the 4 before.");
	dy_buf_release(&words);
	/* seven pulses: a region, no trend, no words */
	dy_balance_of(p + 2, 7, &b);
	assert_false(b.trend);
	dy_balance_trend_words(&b, &words);
	assert_null(words.p);
	dy_balance_of(NULL, 0, &b);
	assert_int_equal(b.n, 0);
}

static void
the_closeness_gap_is_wish_minus_now_with_a_mean_over_the_last_four(void **state)
{
	/* gaps: 0, 3, 2, 1, -1 -> latest -1 (now 5, wish 4); the last four 3 2 1 -1: mean 1.25 */
	static const struct dy_closeness_point p[] = {{4, 4}, {2, 5}, {3, 5}, {4, 5}, {5, 4}};
	struct dy_closeness c;
	struct dy_buf words = DY_BUF_INIT(512);

	(void)state;
	dy_closeness_of(p, 5, &c);
	assert_int_equal(c.n, 5);
	assert_int_equal(c.now, 5);
	assert_int_equal(c.wish, 4);
	assert_int_equal(c.gap, -1);
	assert_int_equal(c.recent, 4);
	assert_true(c.mean_gap > 1.249 && c.mean_gap < 1.251);
	dy_closeness_words(&c, &words);
	assert_string_equal(words.p, "You would like a little more room: now 5 of 7, wished 4. "
	                             "Over your last 4 pictures the gap averaged +1.2.");
	dy_buf_release(&words);
	dy_closeness_of(p + 1, 1, &c);
	assert_int_equal(c.gap, 3);
	dy_closeness_words(&c, &words);
	assert_string_equal(words.p, "You would like to be closer: now 2 of 7, wished 5.");
	dy_buf_release(&words);
	dy_closeness_of(p, 1, &c);
	dy_closeness_words(&c, &words);
	assert_string_equal(words.p, "You are as close as you would like to be: 4 of 7.");
	dy_buf_release(&words);
	dy_closeness_of(NULL, 0, &c);
	dy_closeness_words(&c, &words);
	assert_null(words.p);
}

static void
the_closeness_gap_of_pulses_reads_only_those_with_both_pictures_oldest_first(void **state)
{
	/* newest first, as a list comes: (now 5, wish 4), one without a wish,
	 * none, (2, 5) -> oldest first (2, 5), (5, 4): latest gap -1, mean 1 */
	struct dy_item items[4];
	struct dy_item_list l = {.items = items, .count = 4};
	struct dy_closeness c;
	struct dy_error err = {0};
	size_t i;

	(void)state;
	memset(items, 0, sizeof(items));
	items[0].fields = json_pack("{s:i,s:i,s:i,s:i}", "connection", 5, "self", 5, "closeness_now", 5,
	                            "closeness_wish", 4);
	items[1].fields = json_pack("{s:i,s:i,s:i}", "connection", 5, "self", 5, "closeness_now", 3);
	items[2].fields = json_pack("{s:i,s:i}", "connection", 5, "self", 5);
	items[3].fields = json_pack("{s:i,s:i,s:i,s:i}", "connection", 5, "self", 5, "closeness_now", 2,
	                            "closeness_wish", 5);
	for (i = 0; i < 4; i++)
		assert_non_null(items[i].fields);
	assert_int_equal(dy_pulse_closeness(&l, &c, &err), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.now, 5);
	assert_int_equal(c.wish, 4);
	assert_int_equal(c.gap, -1);
	assert_int_equal(c.recent, 2);
	assert_true(c.mean_gap > 0.999 && c.mean_gap < 1.001);
	/* no pulse with both pictures: no gap */
	l.items = items + 1;
	l.count = 2;
	assert_int_equal(dy_pulse_closeness(&l, &c, &err), 0);
	assert_int_equal(c.n, 0);
	for (i = 0; i < 4; i++)
		json_decref(items[i].fields);
}

/* UTC days, as a front end's dy_local_day_fn would give them */
static int32_t
utc_day(void *ctx, int64_t t)
{
	(void)ctx;
	return dy_day_from_date(1970, 1, 1) + (int32_t)(t / 86400);
}

static void
this_weeks_pulse_is_given_by_a_pulse_from_its_monday_on(void **state)
{
	/* now: Wednesday 2026-11-25 12:00 UTC; its week is from Monday the 23rd */
	const int64_t monday = (int64_t)(dy_day_from_date(2026, 11, 23) - dy_day_from_date(1970, 1, 1)) * 86400;
	const int64_t now = monday + 2 * 86400 + 12 * 3600;
	struct dy_item items[2];
	struct dy_item_list l = {.items = items, .count = 0};
	struct dy_pulse_week w;

	(void)state;
	memset(items, 0, sizeof(items));
	dy_pulse_week_of(&l, NULL, now, utc_day, NULL, &w);
	assert_int_equal(w.from, dy_day_from_date(2026, 11, 23));
	assert_false(w.given);
	/* the latest (first) on Sunday the 22nd, late: last week's */
	items[0].created_at = monday - 60;
	items[1].created_at = monday - 8 * 86400;
	l.count = 2;
	dy_pulse_week_of(&l, NULL, now, utc_day, NULL, &w);
	assert_false(w.given);
	/* the latest on Monday the 23rd, just after midnight */
	items[0].created_at = monday + 60;
	dy_pulse_week_of(&l, NULL, now, utc_day, NULL, &w);
	assert_true(w.given);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
the_map_draws_both_paths_with_each_latest_ringed_and_the_regions_named(void **state)
{
	static const struct dy_pulse_point mine[] = {{6, 3}, {7, 5}, {8, 6}};
	static const struct dy_pulse_point theirs[] = {{2, 8}, {4, 7}};
	struct dy_buf b = DY_BUF_INIT(1 << 16);

	(void)state;
	assert_int_equal(dy_balance_map_svg("map", mine, 3, "Alex", 0, theirs, 2, "Sam", &b), 0);
	assert_int_equal(count(b.p, "<polyline"), 2);
	assert_int_equal(count(b.p, "dy-chart-latest"), 2);
	assert_int_equal(count(b.p, "<circle"), 5 + 2);
	assert_int_equal(count(b.p, ">Alex</text>"), 1);
	assert_int_equal(count(b.p, ">Sam</text>"), 1);
	assert_non_null(strstr(b.p, ">connected and yourself</text>"));
	assert_non_null(strstr(b.p, ">strained</text>"));
	/* self is x, connection is y: Alex's latest (8, 6) is in the words */
	assert_non_null(strstr(b.p, "Alex: Free to be myself (0-10) 6, Connected (0-10) 8"));
	dy_buf_release(&b);
	/* alone: one path */
	assert_int_equal(dy_balance_map_svg("map", mine, 3, "Alex", 1, NULL, 0, NULL, &b), 0);
	assert_int_equal(count(b.p, "<polyline"), 1);
	assert_non_null(strstr(b.p, "dy-chart-s1"));
	dy_buf_release(&b);
	/* nothing yet */
	assert_int_equal(dy_balance_map_svg("map", NULL, 0, "Alex", 0, NULL, 0, NULL, &b), 0);
	assert_non_null(strstr(b.p, "Nothing to show yet"));
	dy_buf_release(&b);
}

static void
the_map_refuses_values_outside_the_scale(void **state)
{
	static const struct dy_pulse_point bad[] = {{11, 3}};
	static const struct dy_pulse_point neg[] = {{3, -1}};
	struct dy_buf b = DY_BUF_INIT(1 << 16);

	(void)state;
	assert_int_equal(dy_balance_map_svg("map", bad, 1, "Alex", 0, NULL, 0, NULL, &b), DY_EINVAL);
	dy_buf_release(&b);
	assert_int_equal(dy_balance_map_svg("map", neg, 1, "Alex", 0, NULL, 0, NULL, &b), DY_EINVAL);
	dy_buf_release(&b);
	assert_int_equal(dy_balance_map_svg("map", neg, 1, "Alex", 2, NULL, 0, NULL, &b), DY_EINVAL);
	dy_buf_release(&b);
}

/* Years of pulses, or several a week, outgrow a chart: the map draws the
 * newest, each partner keeping at least half the room, within the 1 MiB
 * the web's answer allows (before, it failed and the page said so). */
static void
a_map_of_more_pulses_than_a_chart_holds_draws_the_newest(void **state)
{
	const size_t n = 3 * DY_CHART_MAX_POINTS;
	struct dy_pulse_point *mine = calloc(n, sizeof(*mine)), *theirs = calloc(n, sizeof(*theirs));
	struct dy_buf b = DY_BUF_INIT(1 << 20);

	(void)state;
	assert_non_null(mine);
	assert_non_null(theirs);
	for (size_t i = 0; i < n; i++) {
		mine[i].connection = 2;
		mine[i].self = 3;
		theirs[i].connection = 4;
		theirs[i].self = 1;
	}
	mine[n - 1].connection = 9;   /* the newest of each, which must be drawn */
	theirs[n - 1].self = 8;
	assert_int_equal(dy_balance_map_svg("map", mine, n, "Alex", 0, theirs, n, "Sam", &b), 0);
	assert_int_equal(count(b.p, "<circle"), DY_CHART_MAX_POINTS + 2);
	assert_int_equal(count(b.p, "dy-chart-latest"), 2);
	/* the description, read out instead of the picture, ends with my
	 * newest (drawn last, over my partner's) */
	assert_non_null(strstr(b.p, "The last "));
	assert_non_null(strstr(b.p, "Alex: Free to be myself (0-10) 3, Connected (0-10) 9.</desc>"));
	dy_buf_release(&b);
	/* a partner with few keeps all of theirs; the rest of the room is mine */
	assert_int_equal(dy_balance_map_svg("map", mine, n, "Alex", 0, theirs + n - 10, 10, "Sam", &b), 0);
	assert_int_equal(count(b.p, "<circle"), DY_CHART_MAX_POINTS + 2);
	dy_buf_release(&b);
	free(mine);
	free(theirs);
}

static json_t *
pulse(int connection, int self)
{
	return json_pack("{s:i,s:i}", "connection", connection, "self", self);
}

static void
a_pulse_out_of_range_or_missing_a_score_is_refused_and_stores_nothing(void **state)
{
	struct fixture *f = *state;
	const struct dy_kind *k = dy_kind_find("pulse");
	struct dy_error err = {0};
	struct dy_query q = {.nkinds = 1, .filter = DY_FILTER_MINE};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1];
	json_t *cases[] = {pulse(11, 5), pulse(-1, 5), pulse(5, 11), json_pack("{s:i}", "connection", 5),
	                   json_pack("{s:i,s:i,s:i}", "connection", 5, "self", 5, "closeness_now", 8),
	                   json_pack("{s:s,s:i}", "connection", "high", "self", 5)};
	size_t i;

	assert_non_null(k);
	q.kinds[0] = k;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(dy_item_create(f->a, k, NULL, cases[i], NULL, 0, DY_VIS_PRIVATE, 0, id, &err),
		                 DY_EINVAL);
		json_decref(cases[i]);
	}
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
}

static void
a_private_pulse_is_the_partners_only_once_shared(void **state)
{
	struct fixture *f = *state;
	const struct dy_kind *k = dy_kind_find("pulse");
	struct dy_error err = {0};
	struct dy_item it;
	struct dy_query q = {.nkinds = 1, .filter = DY_FILTER_ALL};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:i,s:i,s:s}", "connection", 7, "self", 4, "note", "a tender week");

	q.kinds[0] = k;
	assert_int_equal(dy_item_create(f->a, k, NULL, o, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	json_decref(o);
	assert_int_equal(dy_item_get(f->b, k, id, strlen(id), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_list(f->b, &q, &l, &err), 0);
	assert_int_equal(l.count, 0);
	dy_item_list_release(&l);
	assert_int_equal(dy_item_set_vis(f->a, k, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(dy_item_get(f->b, k, id, strlen(id), &it, &err), 0);
	assert_int_equal(json_integer_value(json_object_get(it.fields, "connection")), 7);
	assert_false(it.mine);
	dy_item_release(&it);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regions_split_at_five_with_five_counted_as_enough),
		cmocka_unit_test(the_trend_compares_the_last_four_pulses_with_the_four_before),
		cmocka_unit_test(the_closeness_gap_is_wish_minus_now_with_a_mean_over_the_last_four),
		cmocka_unit_test(the_closeness_gap_of_pulses_reads_only_those_with_both_pictures_oldest_first),
		cmocka_unit_test(this_weeks_pulse_is_given_by_a_pulse_from_its_monday_on),
		cmocka_unit_test(the_map_draws_both_paths_with_each_latest_ringed_and_the_regions_named),
		cmocka_unit_test(the_map_refuses_values_outside_the_scale),
		cmocka_unit_test(a_map_of_more_pulses_than_a_chart_holds_draws_the_newest),
		cmocka_unit_test_setup_teardown(a_pulse_out_of_range_or_missing_a_score_is_refused_and_stores_nothing,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_private_pulse_is_the_partners_only_once_shared,
		                                fx_setup_couple, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
