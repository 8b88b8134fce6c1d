/* prompts_test.c - the prompt library, the prompt of the day, and what an
 * entry carries besides its words (prompt, mood, feeling words, tags). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "helpers.h"

static void
every_prompt_is_found_by_its_id_and_nothing_else_is(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(dy_nprompts >= 60);
	assert_int_equal(dy_prompt_nthemes, 7);
	for (i = 0; i < dy_nprompts; i++) {
		assert_ptr_equal(dy_prompt_find(dy_prompts[i].id, strlen(dy_prompts[i].id)), &dy_prompts[i]);
		assert_non_null(dy_prompt_theme_label(dy_prompts[i].theme));
		for (j = 0; j < i; j++)
			assert_string_not_equal(dy_prompts[i].id, dy_prompts[j].id);
	}
	assert_null(dy_prompt_find("feelings-99", 11));
	assert_null(dy_prompt_find("feelings-0", 10));     /* a prefix is not an id */
	assert_null(dy_prompt_find("feelings-01x", 12));
	assert_null(dy_prompt_find("", 0));
	assert_null(dy_prompt_theme_label("nope"));
}

static void
prompt_of_the_day_is_stable_for_a_day_and_moves_with_the_days(void **state)
{
	const char *alex = "0193a0b0-0000-7000-8000-00000000000a";
	const char *sam = "0193a0b0-0000-7000-8000-00000000000b";
	int32_t day = dy_day_from_date(2026, 3, 10), d;
	size_t differ = 0, moved = 0;

	(void)state;
	assert_ptr_equal(dy_prompt_of_day(alex, day), dy_prompt_of_day(alex, day));
	assert_null(dy_prompt_of_day(NULL, day));
	for (d = day; d < day + 60; d++) {
		const struct dy_prompt *a = dy_prompt_of_day(alex, d), *b = dy_prompt_of_day(sam, d);

		assert_non_null(a);
		assert_non_null(b);
		if (a != b)
			differ++;
		if (a != dy_prompt_of_day(alex, d - 1))
			moved++;
	}
	/* a hash: the partners share a prompt on about 1 day in 70 */
	assert_true(differ >= 55);
	assert_true(moved >= 58);
}

static void
tags_fold_case_and_trim_and_refuse_what_is_not_a_tag(void **state)
{
	struct dy_error err = {0};
	char out[DY_TAG_MAX + 1] = "untouched";
	char big[DY_TAG_MAX + 2];
	size_t n = 0;

	(void)state;
	assert_int_equal(dy_tag_normalize("  Work ", 7, out, &n, &err), 0);
	assert_string_equal(out, "work");
	assert_int_equal(n, 4);
	assert_int_equal(dy_tag_normalize("Stra\xc3\x9f" "e", 7, out, &n, &err), 0);
	assert_string_equal(out, "strasse");
	assert_int_equal(dy_tag_normalize("\xc3\x89T\xc3\x89", 5, out, &n, &err), 0);
	assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
	memcpy(out, "untouched", 10);
	assert_int_equal(dy_tag_normalize("   ", 3, out, &n, &err), DY_EINVAL);
	assert_string_equal(err.msg, "A tag is empty.");
	assert_int_equal(dy_tag_normalize("a\nb", 3, out, &n, &err), DY_EINVAL);
	assert_int_equal(dy_tag_normalize("\xff", 1, out, &n, &err), DY_EINVAL);
	memset(big, 'x', sizeof(big));
	assert_int_equal(dy_tag_normalize(big, DY_TAG_MAX + 1, out, &n, &err), DY_EINVAL);
	assert_string_equal(err.msg, "A tag is at most 40 bytes.");
	assert_string_equal(out, "untouched");
	assert_int_equal(dy_tag_normalize(big, DY_TAG_MAX, out, &n, &err), 0);
}

static size_t
count_mine(struct dy_session *s)
{
	struct dy_error err = {0};
	struct dy_entry_list l;
	size_t n;

	assert_int_equal(dy_journal_list(s, DY_FILTER_MINE, NULL, 0, &l, &err), 0);
	n = l.count;
	dy_entry_list_release(&l);
	return n;
}

static void
an_entry_keeps_its_prompt_mood_feelings_and_tags(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1];
	json_t *x = json_pack("{s:s, s:i, s:[s,s], s:[s,s,s]}", "prompt", "values-02", "mood", 2, "feelings", "tired",
	                      "hopeful", "tags", "Work", " work", "Family");
	json_t *j;

	assert_int_equal(dy_journal_add_with(f->a, "", 0, "Long day.", 9, false, x, id, &err), 0);
	json_decref(x);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.prompt, "values-02");
	assert_int_equal(e.mood, 2);
	assert_int_equal(json_array_size(e.feelings), 2);
	assert_int_equal(json_array_size(e.tags), 2);
	assert_string_equal(json_string_value(json_array_get(e.tags, 0)), "work");
	assert_string_equal(json_string_value(json_array_get(e.tags, 1)), "family");
	assert_string_equal(e.text, "Long day.");
	j = dy_entry_json(&e);
	assert_int_equal(json_integer_value(json_object_get(j, "mood")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "prompt")), "values-02");
	json_decref(j);
	dy_entry_release(&e);

	/* an edit of the text keeps them; the extras change alone, null removes */
	assert_int_equal(dy_journal_edit(f->a, id, strlen(id), "T", 1, "Longer day.", 11, &err), 0);
	x = json_pack("{s:i, s:n}", "mood", 4, "tags");
	assert_int_equal(dy_journal_set_extras(f->a, id, strlen(id), x, &err), 0);
	json_decref(x);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.title, "T");
	assert_string_equal(e.text, "Longer day.");
	assert_string_equal(e.prompt, "values-02");
	assert_int_equal(e.mood, 4);
	assert_null(e.tags);
	assert_int_equal(json_array_size(e.feelings), 2);
	dy_entry_release(&e);
}

static void
bad_extras_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1], first[DY_ID_LEN + 1];
	static const struct {
		const char *json;
		const char *msg;
	} bad[] = {
		{"{\"prompt\":\"feelings-99\"}", "There is no prompt \"feelings-99\"; `dyad journal prompts` lists them."},
		{"{\"prompt\":\"\"}", "The prompt is empty."},
		{"{\"mood\":0}", "The mood must be a whole number from 1 to 5."},
		{"{\"mood\":6}", "The mood must be a whole number from 1 to 5."},
		{"{\"mood\":\"3\"}", "The mood must be a whole number from 1 to 5."},
		{"{\"feelings\":[\"grumpyish\"]}", NULL},
		{"{\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}", "An entry has at most 10 tags."},
		{"{\"tags\":[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}", "A tag is at most 40 bytes."},
		{"{\"tags\":[7]}", "Each of the tags must be text."},
		{"{\"title\":\"sneaked in\"}", "An entry has no field \"title\"."},
	};
	size_t i;

	assert_int_equal(dy_journal_add(f->a, "", 0, "kept", 4, false, first, &err), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *x = json_loads(bad[i].json, 0, NULL);

		assert_non_null(x);
		memset(&err, 0, sizeof(err));
		assert_int_equal(dy_journal_add_with(f->a, "", 0, "not kept", 8, false, x, id, &err), DY_EINVAL);
		if (bad[i].msg != NULL)
			assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(dy_journal_set_extras(f->a, first, strlen(first), x, &err), DY_EINVAL);
		json_decref(x);
	}
	assert_int_equal(count_mine(f->a), 1);
	assert_int_equal(dy_journal_get(f->a, first, strlen(first), &e, &err), 0);
	assert_int_equal(e.version, 1);
	assert_int_equal(e.mood, 0);
	assert_string_equal(e.prompt, "");
	dy_entry_release(&e);
}

static void
the_partner_cannot_change_the_extras_of_my_shared_entry(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	json_t *x = json_pack("{s:i}", "mood", 1);

	assert_int_equal(dy_journal_add_with(f->a, "", 0, "ours", 4, true, x, id, &err), 0);
	assert_int_equal(dy_journal_set_extras(f->b, id, strlen(id), x, &err), DY_EPERM);
	json_decref(x);
	assert_int_equal(dy_journal_add(f->a, "", 0, "mine", 4, false, id, &err), 0);
	x = json_pack("{s:i}", "mood", 5);
	assert_int_equal(dy_journal_set_extras(f->b, id, strlen(id), x, &err), DY_ENOTFOUND);
	json_decref(x);
}

static void
the_database_holds_no_plaintext_of_tags_or_feelings(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], wal[400];
	json_t *x = json_pack("{s:[s], s:[s]}", "tags", "marker-tag-quoll", "feelings", "homesick");

	assert_int_equal(dy_journal_add_with(f->a, "", 0, "x", 1, true, x, id, &err), 0);
	json_decref(x);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_false(file_contains(f->path, "marker-tag-quoll"));
	assert_false(file_contains(wal, "marker-tag-quoll"));
	assert_false(file_contains(f->path, "homesick"));
	assert_false(file_contains(wal, "homesick"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_prompt_is_found_by_its_id_and_nothing_else_is),
		cmocka_unit_test(prompt_of_the_day_is_stable_for_a_day_and_moves_with_the_days),
		cmocka_unit_test(tags_fold_case_and_trim_and_refuse_what_is_not_a_tag),
		cmocka_unit_test_setup_teardown(an_entry_keeps_its_prompt_mood_feelings_and_tags, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_extras_are_refused_and_change_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(the_partner_cannot_change_the_extras_of_my_shared_entry, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(the_database_holds_no_plaintext_of_tags_or_feelings, fx_setup_couple, fx_teardown),
	};
	if (dy_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
