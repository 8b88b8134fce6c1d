/* assess_test.c - takings of a questionnaire (assess.h): saved as they go
 * and resumed, scored on finishing with the result written beside the
 * answers in one transaction, the change between two takings against
 * hand-computed values, answers that stay private while results are
 * shared only on request, deleting both halves, importing questionnaires. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

/* An answer to item i whose keyed score (after reverse-keying) is k. */
static int
keyed(const struct dy_instrument *in, size_t i, int k)
{
	struct dy_instrument_item it;
	struct dy_instrument_info info;

	dy_instrument_info(in, &info);
	dy_instrument_item(in, i, &it);
	return it.reverse ? info.scale_min + info.scale_max - k : k;
}

/* Take the built-in check as session s with every keyed score k, except
 * item `odd` (when below the items) keyed k + 1. Writes the result's id. */
static void
take(struct dy_session *s, const struct dy_instrument *in, int k, size_t odd, char rid[DY_ID_LEN + 1])
{
	struct dy_instrument_info info;
	struct dy_taking t;
	struct dy_error err = {0};
	bool resumed;
	size_t i;

	dy_instrument_info(in, &info);
	assert_int_equal(dy_assess_start(s, in, &t, &resumed, &err), 0);
	for (i = 0; i < info.n_items; i++)
		assert_int_equal(dy_assess_answer(s, in, t.id, i, keyed(in, i, i == odd ? k + 1 : k), &err), 0);
	assert_int_equal(dy_assess_finish(s, in, t.id, rid, &err), 0);
}

static size_t
count_kind(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n;

	assert_int_equal(dy_item_list(s, &q, &l, &err), 0);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

static void
every_built_in_questionnaire_parses_and_is_listed(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	json_t *list;
	size_t n = 0;

	for (const struct dy_assess_builtin *b = dy_assess_builtin; b->id; b++, n++) {
		assert_int_equal(dy_instrument_parse(b->json, b->len, &in, &err), 0);
		dy_instrument_free(in);
	}
	assert_true(n >= 1);
	assert_int_equal(dy_assess_instruments_json(f->a, &list, &err), 0);
	assert_int_equal(json_array_size(list), n);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "id")), DY_ASSESS_DEFAULT);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(list, 0), "items")), 28);
	json_decref(list);
	assert_int_equal(dy_assess_instrument(f->a, "no-such", &in, &err), DY_ENOTFOUND);
}

static void
an_unfinished_taking_is_saved_and_resumed_by_the_next_start(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	struct dy_taking t, t2;
	char rid[DY_ID_LEN + 1];
	bool resumed;

	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	assert_int_equal(dy_assess_start(f->a, in, &t, &resumed, &err), 0);
	assert_false(resumed);
	assert_int_equal(t.n, 28);
	assert_int_equal(t.answered, 0);
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 0, 5, &err), 0);
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 1, 2, &err), 0);
	assert_int_equal(dy_assess_start(f->a, in, &t2, &resumed, &err), 0);
	assert_true(resumed);
	assert_string_equal(t2.id, t.id);
	assert_int_equal(t2.answered, 2);
	assert_int_equal(t2.next, 2);
	assert_int_equal(t2.answers[0], 5);
	assert_int_equal(t2.answers[1], 2);
	/* finishing early names the first item left */
	assert_int_equal(dy_assess_finish(f->a, in, t.id, rid, &err), DY_EINVAL);
	assert_string_equal(err.msg, "Item 3 is not answered yet.");
	assert_int_equal(count_kind(f->a, &dy_kind_assessment_result, DY_FILTER_MINE), 0);
	dy_instrument_free(in);
}

static void
an_answer_out_of_the_scale_is_refused_and_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	struct dy_taking t, t2;
	bool resumed;

	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	assert_int_equal(dy_assess_start(f->a, in, &t, &resumed, &err), 0);
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 0, 4, &err), 0);
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 0, 7, &err), DY_EINVAL);
	assert_string_equal(err.msg, "An answer is a whole number from 1 to 6.");
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 0, 0, &err), DY_EINVAL);
	assert_int_equal(dy_assess_answer(f->a, in, t.id, 28, 3, &err), DY_EINVAL);
	assert_int_equal(dy_assess_taking(f->a, t.id, strlen(t.id), &t2, &err), 0);
	assert_int_equal(t2.answers[0], 4);
	assert_int_equal(t2.answered, 1);
	dy_instrument_free(in);
}

static void
a_result_with_scores_that_are_not_numbers_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *bad[] = {
		json_pack("{s:s,s:i,s:s,s:[s],s:[s],s:f}", "instrument", "x", "instrument_version", 1, "title", "X",
		          "facets", "a", "scores", "high", "overall", 3.0),
		json_pack("{s:s,s:i,s:s,s:[s],s:[f],s:s}", "instrument", "x", "instrument_version", 1, "title", "X",
		          "facets", "a", "scores", 3.0, "overall", "3"),
		json_pack("{s:s,s:i,s:s,s:[s],s:[f],s:f}", "instrument", "x", "instrument_version", 1, "title", "X",
		          "facets", "a", "scores", 3.0, "overall", 5000.0),
		json_pack("{s:s,s:i,s:[i,f]}", "instrument", "x", "instrument_version", 1, "answers", 3, 2.5),
	};

	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(dy_item_create(f->a, i < 3 ? &dy_kind_assessment_result : &dy_kind_assessment, NULL,
		                                bad[i], NULL, 0, DY_VIS_PRIVATE, 0, id, &err),
		                 DY_EINVAL);
		json_decref(bad[i]);
	}
	assert_int_equal(count_kind(f->a, &dy_kind_assessment_result, DY_FILTER_MINE), 0);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment, DY_FILTER_MINE), 0);
}

static double
num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static void
change_between_takings_matches_hand_computed_rci(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	char r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1], r3[DY_ID_LEN + 1];
	json_t *rep, *takings, *change, *overall, *facet;

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	/* every keyed score 3, then every keyed score 4: +1 on every facet */
	take(f->a, in, 3, SIZE_MAX, r1);
	fx_fake_clock(f, 1800000000 + 90 * 86400);
	take(f->a, in, 4, SIZE_MAX, r2);
	assert_int_equal(dy_assess_report(f->a, NULL, false, &rep, &err), 0);
	takings = json_object_get(rep, "takings");
	assert_int_equal(json_array_size(takings), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(takings, 0), "id")), r1);
	assert_true(fabs(num(json_array_get(takings, 0), "overall") - 3.0) < 1e-9);
	assert_true(fabs(num(json_array_get(takings, 1), "overall") - 4.0) < 1e-9);
	change = json_object_get(rep, "change");
	overall = json_object_get(change, "overall");
	/* overall: sd .60, r .90: SEM = .6 * sqrt(.1) = 0.18974, S_diff = 0.26833,
	 * RCI = 1 / 0.26833 = 3.7268 */
	assert_true(fabs(num(overall, "rci") - 3.7268) < 1e-3);
	assert_true(fabs(num(overall, "reliable_delta") - 1.96 * 0.26833) < 1e-3);
	assert_string_equal(json_string_value(json_object_get(overall, "verdict")), "improvement");
	assert_string_equal(json_string_value(json_object_get(change, "words")), "Overall: +1.00, a reliable improvement.");
	/* a facet: sd .75, r .80: SEM = .75 * sqrt(.2) = 0.33541, S_diff = 0.47434,
	 * RCI = 1 / 0.47434 = 2.1082 */
	facet = json_array_get(json_object_get(change, "facets"), 0);
	assert_string_equal(json_string_value(json_object_get(facet, "id")), "reactivity");
	assert_true(fabs(num(facet, "rci") - 2.1082) < 1e-3);
	assert_string_equal(json_string_value(json_object_get(facet, "verdict")), "improvement");
	/* a facet mean of 4 is at or above the middle (3.5): the high meaning */
	assert_non_null(strstr(json_string_value(json_object_get(
	                           json_array_get(json_object_get(json_array_get(takings, 1), "facets"), 0), "meaning")),
	                       "choose what you do next"));
	json_decref(rep);
	/* one item of the first facet one point higher: +1/7 on it, 1/28 overall */
	fx_fake_clock(f, 1800000000 + 180 * 86400);
	take(f->a, in, 4, 0, r3);
	assert_int_equal(dy_assess_report(f->a, NULL, false, &rep, &err), 0);
	change = json_object_get(rep, "change");
	facet = json_array_get(json_object_get(change, "facets"), 0);
	assert_true(fabs(num(facet, "delta") - 1.0 / 7) < 1e-9);
	assert_true(fabs(num(facet, "rci") - (1.0 / 7) / 0.47434) < 1e-3);
	assert_string_equal(json_string_value(json_object_get(facet, "verdict")), "noise");
	assert_true(fabs(num(json_object_get(change, "overall"), "delta") - 1.0 / 28) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(json_object_get(change, "overall"), "verdict")), "noise");
	json_decref(rep);
	/* a decline: back to all 3 */
	take(f->a, in, 3, SIZE_MAX, r3);
	assert_int_equal(dy_assess_report(f->a, NULL, false, &rep, &err), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(rep, "change"), "overall"),
	                                                       "verdict")),
	                    "decline");
	json_decref(rep);
	dy_instrument_free(in);
}

static void
answers_stay_private_and_results_are_shared_only_when_sharing_is_on(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	struct dy_item it;
	struct dy_taking t;
	char r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1];
	json_t *rep;
	char *dump;
	size_t changed;
	bool on;

	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	take(f->a, in, 3, SIZE_MAX, r1);
	assert_int_equal(dy_assess_sharing(f->a, &on, &err), 0);
	assert_false(on);
	/* off by default: Sam sees nothing */
	assert_int_equal(count_kind(f->b, &dy_kind_assessment_result, DY_FILTER_ALL), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_assessment_result, r1, strlen(r1), &it, &err), DY_ENOTFOUND);
	assert_int_equal(dy_assess_report(f->b, NULL, true, &rep, &err), 0);
	assert_int_equal(json_array_size(json_object_get(rep, "takings")), 0);
	json_decref(rep);
	/* on: the earlier result and the next are shared */
	assert_int_equal(dy_assess_set_sharing(f->a, true, &changed, &err), 0);
	assert_int_equal(changed, 1);
	take(f->a, in, 4, SIZE_MAX, r2);
	assert_int_equal(count_kind(f->b, &dy_kind_assessment_result, DY_FILTER_THEIRS), 2);
	assert_int_equal(dy_assess_report(f->b, NULL, true, &rep, &err), 0);
	assert_int_equal(json_array_size(json_object_get(rep, "takings")), 2);
	assert_true(json_is_object(json_object_get(rep, "change")));
	assert_null(json_object_get(rep, "unfinished"));
	json_decref(rep);
	/* the answers never: not listed, not readable by id; the result names them nowhere */
	assert_int_equal(count_kind(f->b, &dy_kind_assessment, DY_FILTER_ALL), 0);
	assert_int_equal(dy_assess_delete(f->a, "ffffffff", 8, &err), DY_ENOTFOUND);
	assert_int_equal(dy_item_get(f->b, &dy_kind_assessment_result, r2, strlen(r2), &it, &err), 0);
	assert_int_equal(dy_assess_unfinished(f->a, NULL, &t, &err), DY_ENOTFOUND);
	{
		struct dy_query q = {.kinds = {&dy_kind_assessment}, .nkinds = 1, .filter = DY_FILTER_MINE};
		struct dy_item_list l;
		json_t *j = dy_item_json(&it);

		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(l.count, 2);
		dump = json_dumps(j, 0);
		for (size_t i = 0; i < l.count; i++) {
			assert_null(strstr(dump, l.items[i].id));
			assert_int_equal(dy_item_get(f->b, &dy_kind_assessment, l.items[i].id, DY_ID_LEN, &it, &err),
			                 DY_ENOTFOUND);
		}
		assert_null(strstr(dump, "answers"));
		free(dump);
		json_decref(j);
		dy_item_list_release(&l);
	}
	dy_item_release(&it);
	/* the partner cannot delete my result */
	assert_int_equal(dy_assess_delete(f->b, r2, strlen(r2), &err), DY_EPERM);
	/* off again: private again */
	assert_int_equal(dy_assess_set_sharing(f->a, false, &changed, &err), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(count_kind(f->b, &dy_kind_assessment_result, DY_FILTER_ALL), 0);
	/* nothing a taking holds is in the file as plain text */
	assert_false(file_contains(f->path, DY_ASSESS_DEFAULT));
	assert_false(file_contains(f->path, "\"answers\""));
	assert_false(file_contains(f->path, "reactivity"));
	dy_instrument_free(in);
}

static void
deleting_a_taking_by_either_id_removes_answers_and_result(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	char r1[DY_ID_LEN + 1], r2[DY_ID_LEN + 1];
	struct dy_taking t;
	bool resumed;

	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	take(f->a, in, 3, SIZE_MAX, r1);
	take(f->a, in, 4, SIZE_MAX, r2);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment, DY_FILTER_MINE), 2);
	/* by the result's id */
	assert_int_equal(dy_assess_delete(f->a, r1, strlen(r1), &err), 0);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment, DY_FILTER_MINE), 1);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment_result, DY_FILTER_MINE), 1);
	/* by the answers' id */
	{
		struct dy_query q = {.kinds = {&dy_kind_assessment}, .nkinds = 1, .filter = DY_FILTER_MINE};
		struct dy_item_list l;
		assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
		assert_int_equal(dy_assess_delete(f->a, l.items[0].id, DY_ID_LEN, &err), 0);
		dy_item_list_release(&l);
	}
	assert_int_equal(count_kind(f->a, &dy_kind_assessment, DY_FILTER_MINE), 0);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment_result, DY_FILTER_MINE), 0);
	/* an unfinished one goes alone */
	assert_int_equal(dy_assess_start(f->a, in, &t, &resumed, &err), 0);
	assert_int_equal(dy_assess_delete(f->a, t.id, strlen(t.id), &err), 0);
	assert_int_equal(count_kind(f->a, &dy_kind_assessment, DY_FILTER_MINE), 0);
	dy_instrument_free(in);
}

static void
a_taking_is_due_every_three_months_and_never_more_than_monthly(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	char rid[DY_ID_LEN + 1];
	const int64_t t0 = 1800000000, month = 2629746;
	int64_t last, next;
	bool due;

	fx_fake_clock(f, t0);
	assert_int_equal(dy_assess_due(f->a, NULL, t0, 3, &due, &last, &next, &err), 0);
	assert_true(due);
	assert_int_equal(last, 0);
	assert_int_equal(dy_assess_instrument(f->a, NULL, &in, &err), 0);
	take(f->a, in, 3, SIZE_MAX, rid);
	dy_instrument_free(in);
	assert_int_equal(dy_assess_due(f->a, NULL, t0 + 1, 3, &due, &last, &next, &err), 0);
	assert_false(due);
	assert_int_equal(last, t0);
	assert_int_equal(next, t0 + 3 * month);
	assert_int_equal(dy_assess_due(f->a, NULL, t0 + 3 * month - 1, 3, &due, &last, &next, &err), 0);
	assert_false(due);
	assert_int_equal(dy_assess_due(f->a, NULL, t0 + 3 * month, 3, &due, &last, &next, &err), 0);
	assert_true(due);
	assert_int_equal(dy_assess_due(f->a, NULL, t0 + month, 1, &due, &last, &next, &err), 0);
	assert_true(due);
	/* more often than monthly, or a 13-month gap, is not a setting */
	assert_int_equal(dy_assess_due(f->a, NULL, t0, 0, &due, &last, &next, &err), DY_EINVAL);
	assert_int_equal(dy_assess_due(f->a, NULL, t0, 13, &due, &last, &next, &err), DY_EINVAL);
	/* the partner's takings are not mine */
	assert_int_equal(dy_assess_due(f->b, NULL, t0 + 1, 3, &due, &last, &next, &err), 0);
	assert_true(due);
}

static char *
read_data(const char *name, size_t *len)
{
	char path[512];
	FILE *fp;
	char *buf = malloc(DY_INSTRUMENT_MAX_BYTES + 1);

	snprintf(path, sizeof(path), "%s/data/instruments/%s", DY_SOURCE_ROOT, name);
	assert_non_null(buf);
	assert_non_null(fp = fopen(path, "rb"));
	*len = fread(buf, 1, DY_INSTRUMENT_MAX_BYTES, fp);
	fclose(fp);
	buf[*len] = '\0';
	return buf;
}

/* The built-in check with its id replaced (the first "dyad-differentiation-check"). */
static char *
renamed(const char *doc, const char *id, size_t *len)
{
	const char *at = strstr(doc, DY_ASSESS_DEFAULT);
	size_t n = strlen(doc) + strlen(id) + 1;
	char *out = malloc(n);

	assert_non_null(at);
	snprintf(out, n, "%.*s%s%s", (int)(at - doc), doc, id, at + strlen(DY_ASSESS_DEFAULT));
	*len = strlen(out);
	return out;
}

static void
an_imported_questionnaire_is_checked_kept_private_and_takeable(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_instrument *in;
	char id[DY_ASSESS_ID_MAX + 1], rid[DY_ID_LEN + 1];
	size_t len, len2;
	char *doc = read_data("differentiation-check.json", &len), *mine;
	json_t *list;

	/* the built-in id is taken */
	assert_int_equal(dy_assess_import(f->a, doc, len, id, &err), DY_EEXIST);
	/* bad files: nothing kept */
	assert_int_equal(dy_assess_import(f->a, "{\"format\":", 10, id, &err), DY_EINVAL);
	mine = renamed(doc, "our-own-check", &len2);
	{
		char *bad = strdup(mine), *p = strstr(bad, "\"facet\": \"reactivity\"");
		assert_non_null(p);
		memcpy(p, "\"facet\": \"reactiviti\"", 21);
		assert_int_equal(dy_assess_import(f->a, bad, strlen(bad), id, &err), DY_EINVAL);
		assert_non_null(strstr(err.msg, "items[0].facet"));
		free(bad);
	}
	assert_int_equal(count_kind(f->a, &dy_kind_instrument, DY_FILTER_MINE), 0);
	assert_int_equal(dy_assess_import(f->a, mine, len2, id, &err), 0);
	assert_string_equal(id, "our-own-check");
	assert_int_equal(dy_assess_import(f->a, mine, len2, id, &err), DY_EEXIST);
	assert_int_equal(count_kind(f->a, &dy_kind_instrument, DY_FILTER_MINE), 1);
	assert_int_equal(dy_assess_instruments_json(f->a, &list, &err), 0);
	assert_int_equal(json_array_size(list), 2);
	assert_false(json_is_true(json_object_get(json_array_get(list, 1), "builtin")));
	json_decref(list);
	/* mine alone: Sam has only the built-in one */
	assert_int_equal(dy_assess_instrument(f->b, "our-own-check", &in, &err), DY_ENOTFOUND);
	assert_int_equal(dy_assess_instrument(f->a, "our-own-check", &in, &err), 0);
	take(f->a, in, 5, SIZE_MAX, rid);
	dy_instrument_free(in);
	assert_false(file_contains(f->path, "our-own-check"));
	free(mine);
	free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_built_in_questionnaire_parses_and_is_listed, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(an_unfinished_taking_is_saved_and_resumed_by_the_next_start,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_answer_out_of_the_scale_is_refused_and_changes_nothing,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_result_with_scores_that_are_not_numbers_is_refused,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(change_between_takings_matches_hand_computed_rci, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(answers_stay_private_and_results_are_shared_only_when_sharing_is_on,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(deleting_a_taking_by_either_id_removes_answers_and_result,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_taking_is_due_every_three_months_and_never_more_than_monthly,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_imported_questionnaire_is_checked_kept_private_and_takeable,
		                                fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
