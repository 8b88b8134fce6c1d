/* question_test.c - questions for two (question.h): each answer is held
 * until both have answered, opens for the first to answer at their next use
 * and never early; the partner learns only that I answered; today's
 * question is the same for both all day; bad input changes nothing; the
 * database holds no plaintext. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

#define DAY 86400
#define T0 ((int64_t)1800000000)     /* 2027-01-15, a fixed day for the clock */

static int32_t
utc_day(void *ctx, int64_t t)
{
	(void)ctx;
	return (int32_t)(t >= 0 ? t / DAY : (t - DAY + 1) / DAY);
}

static struct dy_question_status
status(struct dy_session *s, const struct dy_question *q)
{
	struct dy_error err = {0};
	struct dy_question_status st;

	if (dy_question_status(s, q, &st, &err) != 0)
		fail_msg("status: %s", err.msg);
	return st;
}

static void
answer(struct dy_session *s, const struct dy_question *q, const char *text, enum dy_answer_state want)
{
	struct dy_error err = {0};
	struct dy_question_status st;

	if (dy_question_answer(s, q, text, strlen(text), &st, &err) != 0)
		fail_msg("answer: %s", err.msg);
	assert_int_equal(st.state, want);
	assert_true(st.has_mine);
	assert_string_equal(json_string_value(json_object_get(st.mine.fields, "answer")), text);
	dy_question_status_release(&st);
}

static size_t
answers_seen(struct dy_session *s, enum dy_filter filter)
{
	return fx_count(s, &dy_kind_question_answer, filter);
}

static void
first_answer_is_held_until_the_second_and_opens_at_its_authors_next_use(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("values-03", 9);
	struct dy_question_status st;
	struct dy_item it;
	struct dy_error err = {0};
	char a_id[DY_ID_LEN + 1];

	assert_non_null(q);
	fx_fake_clock(f, T0);
	st = status(f->a, q);
	assert_int_equal(st.state, DY_ANSWER_OPEN_TO_ME);
	assert_false(st.alone);
	assert_string_equal(st.partner, "Sam");
	dy_question_status_release(&st);

	answer(f->a, q, "Honesty, even when it costs me", DY_ANSWER_MINE_WAITS);
	st = status(f->a, q);
	memcpy(a_id, st.mine.id, sizeof(a_id));
	assert_int_equal(st.mine.vis, DY_VIS_HELD);
	dy_question_status_release(&st);

	/* Sam knows that Alex answered, and not what */
	st = status(f->b, q);
	assert_int_equal(st.state, DY_ANSWER_THEIRS_WAITS);
	assert_false(st.has_theirs);
	dy_question_status_release(&st);
	assert_int_equal(answers_seen(f->b, DY_FILTER_ALL), 0);
	assert_int_equal(dy_item_get(f->b, &dy_kind_question_answer, a_id, DY_ID_LEN, &it, &err), DY_ENOTFOUND);

	/* Sam answers second: Sam's opens at once; Alex's waits for Alex */
	fx_fake_clock(f, T0 + 60);
	answer(f->b, q, "Kindness first, then honesty", DY_ANSWER_OPENING);
	assert_int_equal(dy_item_get(f->b, &dy_kind_question_answer, a_id, DY_ID_LEN, &it, &err), DY_ENOTFOUND);
	st = status(f->b, q);
	assert_int_equal(st.state, DY_ANSWER_OPENING);
	assert_false(st.has_theirs);
	assert_int_equal(st.mine.vis, DY_VIS_SHARED);
	dy_question_status_release(&st);

	/* Alex uses dyad: both open, for both */
	fx_fake_clock(f, T0 + 120);
	st = status(f->a, q);
	assert_int_equal(st.state, DY_ANSWER_OPEN);
	assert_true(st.has_theirs);
	assert_string_equal(json_string_value(json_object_get(st.theirs.fields, "answer")), "Kindness first, then honesty");
	assert_string_equal(st.theirs.author, "Sam");
	assert_int_equal(st.mine.vis, DY_VIS_SHARED);
	dy_question_status_release(&st);
	st = status(f->b, q);
	assert_int_equal(st.state, DY_ANSWER_OPEN);
	assert_string_equal(json_string_value(json_object_get(st.theirs.fields, "answer")),
	                    "Honesty, even when it costs me");
	dy_question_status_release(&st);
}

static void
a_held_answer_never_opens_early(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("needs-01", 8);
	struct dy_question_status st;

	fx_fake_clock(f, T0);
	answer(f->a, q, "Quiet evenings", DY_ANSWER_MINE_WAITS);
	/* years pass and both use dyad: still held, as nobody else answered */
	fx_fake_clock(f, T0 + 3 * 365 * (int64_t)DAY);
	st = status(f->a, q);
	assert_int_equal(st.state, DY_ANSWER_MINE_WAITS);
	assert_int_equal(st.mine.vis, DY_VIS_HELD);
	dy_question_status_release(&st);
	st = status(f->b, q);
	assert_int_equal(st.state, DY_ANSWER_THEIRS_WAITS);
	dy_question_status_release(&st);
	assert_int_equal(answers_seen(f->b, DY_FILTER_ALL), 0);
	assert_int_equal(answers_seen(f->b, DY_FILTER_THEIRS), 0);
}

static void
bad_answers_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("goals-01", 8);
	struct dy_question_status st;
	struct dy_error err = {0};
	char *big = malloc(DY_ANSWER_CHARS + 2);

	assert_non_null(big);
	memset(big, 'x', DY_ANSWER_CHARS + 1);
	big[DY_ANSWER_CHARS + 1] = '\0';
	assert_null(dy_question_find("goals-999", 9));
	assert_null(dy_question_find("", 0));
	assert_int_equal(dy_question_answer(f->a, q, "   \n ", 5, &st, &err), DY_EINVAL);
	assert_int_equal(dy_question_answer(f->a, q, "", 0, &st, &err), DY_EINVAL);
	assert_int_equal(dy_question_answer(f->a, q, "\xff\xfe", 2, &st, &err), DY_EINVAL);
	assert_int_equal(dy_question_answer(f->a, q, big, DY_ANSWER_CHARS + 1, &st, &err), DY_ETOOBIG);
	assert_int_equal(dy_question_answer(f->a, NULL, "fine", 4, &st, &err), DY_ENOTFOUND);
	assert_int_equal(answers_seen(f->a, DY_FILTER_MINE), 0);
	memset(big, 'x', DY_ANSWER_CHARS);
	answer(f->a, q, "A long walk on my own, every week", DY_ANSWER_MINE_WAITS);
	assert_int_equal(dy_question_answer(f->a, q, "again", 5, &st, &err), DY_EEXIST);
	assert_int_equal(answers_seen(f->a, DY_FILTER_MINE), 1);
	free(big);
}

static void
nobody_to_answer_with_until_a_partner_joins(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("goals-01", 8);
	struct dy_question_status st;
	struct dy_error err = {0};

	fx_make_alex(f);
	st = status(f->a, q);
	assert_true(st.alone);
	assert_int_equal(st.state, DY_ANSWER_OPEN_TO_ME);
	dy_question_status_release(&st);
	assert_int_equal(dy_question_answer(f->a, q, "Learn the cello", 15, &st, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "partner has joined"));
	assert_int_equal(answers_seen(f->a, DY_FILTER_MINE), 0);
}

static void
todays_question_is_the_couples_all_day_and_moves_on_after_both_answered(void **state)
{
	struct fixture *f = *state;
	struct dy_question_status a, b, later, next;
	struct dy_error err = {0};
	int differ = 0;

	fx_fake_clock(f, T0);
	assert_int_equal(dy_question_today(f->a, T0, utc_day, NULL, &a, &err), 0);
	assert_int_equal(dy_question_today(f->b, T0 + DAY - 1 - (T0 % DAY), utc_day, NULL, &b, &err), 0);
	assert_ptr_equal(a.q, b.q);
	/* another on most days: of ten days, most differ from the one before */
	for (int d = 1; d <= 10; d++) {
		struct dy_question_status x, y;
		assert_int_equal(dy_question_today(f->a, T0 + (d - 1) * (int64_t)DAY, utc_day, NULL, &x, &err), 0);
		assert_int_equal(dy_question_today(f->a, T0 + d * (int64_t)DAY, utc_day, NULL, &y, &err), 0);
		differ += x.q != y.q;
		dy_question_status_release(&x);
		dy_question_status_release(&y);
	}
	assert_int_equal(differ, 10);

	/* both answer today's: it stays today's question, open */
	answer(f->a, a.q, "To be braver about asking", DY_ANSWER_MINE_WAITS);
	answer(f->b, a.q, "To rest without guilt", DY_ANSWER_OPENING);
	assert_int_equal(dy_question_today(f->a, T0 + 10, utc_day, NULL, &later, &err), 0);
	assert_ptr_equal(later.q, a.q);
	assert_int_equal(later.state, DY_ANSWER_OPEN);
	dy_question_status_release(&later);

	/* the round comes back to it after the whole library: passed over then */
	{
		int64_t back = T0 + (int64_t)dy_nquestions * DAY;
		fx_fake_clock(f, back);
		assert_int_equal(dy_question_today(f->a, back, utc_day, NULL, &next, &err), 0);
		assert_ptr_not_equal(next.q, a.q);
		assert_int_equal(next.state, DY_ANSWER_OPEN_TO_ME);
		dy_question_status_release(&next);
	}
	dy_question_status_release(&a);
	dy_question_status_release(&b);
}

static void
answered_list_pairs_answers_newest_first(void **state)
{
	struct fixture *f = *state;
	struct dy_question_status *v;
	struct dy_error err = {0};
	char next[DY_CURSOR_MAX + 1];
	size_t n;

	fx_fake_clock(f, T0);
	answer(f->a, dy_question_find("goals-01", 8), "one", DY_ANSWER_MINE_WAITS);
	fx_fake_clock(f, T0 + 10);
	answer(f->b, dy_question_find("goals-02", 8), "two", DY_ANSWER_MINE_WAITS);
	fx_fake_clock(f, T0 + 20);
	answer(f->a, dy_question_find("goals-02", 8), "three", DY_ANSWER_OPENING);
	assert_int_equal(dy_question_answered(f->a, 1, NULL, &v, &n, next, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].q->id, "goals-02");
	assert_int_equal(v[0].state, DY_ANSWER_OPENING);
	assert_true(next[0] != '\0');
	dy_question_status_release(&v[0]);
	free(v);
	assert_int_equal(dy_question_answered(f->a, 1, next, &v, &n, next, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].q->id, "goals-01");
	assert_int_equal(v[0].state, DY_ANSWER_MINE_WAITS);
	dy_question_status_release(&v[0]);
	free(v);
	assert_int_equal(dy_question_answered(f->a, 0, NULL, &v, &n, next, &err), DY_EINVAL);
}

static void
a_partner_who_leaves_takes_nothing_and_the_next_reads_nothing(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("boundaries-02", 13);
	struct dy_question_status st;
	struct dy_error err = {0};

	fx_fake_clock(f, T0);
	answer(f->a, q, "MARKER-ANSWER-pangolin", DY_ANSWER_MINE_WAITS);
	answer(f->b, q, "MARKER-ANSWER-axolotl", DY_ANSWER_OPENING);
	st = status(f->a, q);
	assert_int_equal(st.state, DY_ANSWER_OPEN);
	dy_question_status_release(&st);
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	/* Alex's answer is Alex's alone again; the question starts afresh */
	st = status(f->a, q);
	assert_true(st.alone);
	assert_false(st.has_theirs);
	dy_question_status_release(&st);
	assert_int_equal(answers_seen(f->a, DY_FILTER_THEIRS), 0);
	assert_int_equal(answers_seen(f->a, DY_FILTER_MINE), 1);
	{
		struct dy_query qr = {.kinds = {&dy_kind_question_answer}, .nkinds = 1, .filter = DY_FILTER_MINE};
		struct dy_item_list l;
		assert_int_equal(dy_item_list(f->a, &qr, &l, &err), 0);
		assert_int_equal(l.count, 1);
		assert_int_equal(l.items[0].vis, DY_VIS_PRIVATE);
		dy_item_list_release(&l);
	}
}

static void
database_holds_no_plaintext_of_answers(void **state)
{
	struct fixture *f = *state;
	const char *const marks[] = {"MARKER", "quokka", "wombat", "dingo", "values-0"};

	fx_fake_clock(f, T0);
	answer(f->a, dy_question_find("values-01", 9), "MARKER-ANSWER-quokka", DY_ANSWER_MINE_WAITS);
	answer(f->b, dy_question_find("values-01", 9), "MARKER-ANSWER-wombat", DY_ANSWER_OPENING);
	answer(f->b, dy_question_find("values-02", 9), "MARKER-ANSWER-dingo", DY_ANSWER_MINE_WAITS);
	fx_no_plaintext(f, marks, sizeof(marks) / sizeof(marks[0]));
}

static void
an_open_question_goes_on_my_agenda_once_linked_to_my_answer(void **state)
{
	struct fixture *f = *state;
	const struct dy_question *q = dy_question_find("goals-04", 8);
	struct dy_item_list l = {0};
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], again[DY_ID_LEN + 1];

	fx_fake_clock(f, T0);
	answer(f->a, q, "To finish the garden", DY_ANSWER_MINE_WAITS);
	/* not before both answered */
	assert_int_equal(dy_question_discuss(f->a, q, id, &err), DY_EINVAL);
	assert_int_equal(fx_count(f->a, &dy_kind_checkin_item, DY_FILTER_ALL), 0);
	answer(f->b, q, "To run ten kilometres", DY_ANSWER_OPENING);
	assert_int_equal(dy_question_discuss(f->a, q, id, &err), 0);
	assert_int_equal(dy_question_discuss(f->a, q, again, &err), 0);
	assert_string_equal(again, id);
	assert_int_equal(dy_checkin_items(f->a, NULL, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.items[0].vis, DY_VIS_HELD);
	assert_string_equal(json_string_value(json_object_get(l.items[0].fields, "topic")), "goal");
	assert_non_null(strstr(json_string_value(json_object_get(l.items[0].fields, "statement")), q->text));
	dy_item_list_release(&l);
	/* held: my partner sees nothing of it yet */
	assert_int_equal(fx_count(f->b, &dy_kind_checkin_item, DY_FILTER_ALL), 0);
}

static void
library_has_eighty_questions_in_five_themes(void **state)
{
	size_t per[8] = {0};

	(void)state;
	assert_true(dy_nquestions >= 80);
	assert_int_equal(dy_question_nthemes, 5);
	for (size_t i = 0; i < dy_nquestions; i++) {
		size_t t;
		for (t = 0; t < dy_question_nthemes; t++)
			if (strcmp(dy_questions[i].theme, dy_question_themes[t].id) == 0)
				break;
		assert_true(t < dy_question_nthemes);
		per[t]++;
		assert_ptr_equal(dy_question_find(dy_questions[i].id, strlen(dy_questions[i].id)), &dy_questions[i]);
	}
	for (size_t t = 0; t < dy_question_nthemes; t++)
		assert_true(per[t] >= 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(first_answer_is_held_until_the_second_and_opens_at_its_authors_next_use,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_held_answer_never_opens_early, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_answers_are_refused_and_change_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(nobody_to_answer_with_until_a_partner_joins, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(todays_question_is_the_couples_all_day_and_moves_on_after_both_answered,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(answered_list_pairs_answers_newest_first, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_partner_who_leaves_takes_nothing_and_the_next_reads_nothing,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(database_holds_no_plaintext_of_answers, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_open_question_goes_on_my_agenda_once_linked_to_my_answer, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test(library_has_eighty_questions_in_five_themes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
