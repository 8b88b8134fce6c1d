/* name_test.c - people's names and the space's label (name.c), alone and
 * where the core takes them: setup, join, unlock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Normalise s as a person's name; returns the code, out the result. */
static int
norm(const char *s, char out[DY_LABEL_MAX + 1], struct dy_error *err)
{
	size_t n = 0;

	return dy_name_normalize(DY_NAME_PERSON, s, strlen(s), out, DY_LABEL_MAX + 1, &n, err);
}

static void
a_decomposed_name_is_kept_composed(void **state)
{
	struct dy_error err = {0};
	char out[DY_LABEL_MAX + 1];
	size_t n = 0;

	(void)state;
	/* "Zoe" with e + COMBINING DIAERESIS becomes U+00EB */
	assert_int_equal(dy_name_normalize(DY_NAME_PERSON, "Zoe\xcc\x88", 5, out, sizeof(out), &n, &err), 0);
	assert_string_equal(out, "Zo\xc3\xab");
	assert_int_equal(n, 4);
}

static void
spaces_around_a_name_are_trimmed_and_inner_ones_kept(void **state)
{
	struct dy_error err = {0};
	char out[DY_LABEL_MAX + 1];

	(void)state;
	assert_int_equal(norm("  Maya Rose \xc2\xa0", out, &err), 0);
	assert_string_equal(out, "Maya Rose");
	assert_int_equal(norm(" \xe3\x80\x80 ", out, &err), DY_EINVAL);
	assert_string_equal(err.msg, "A name is needed.");
}

static void
controls_and_direction_characters_are_refused(void **state)
{
	static const char *const bad[] = {
		"Ma\tya", "Ma\nya", "Ma\x1b[31mya", "Ma\x7fya",
		"Ma\xc2\x85ya",                 /* C1: NEXT LINE */
		"Ma\xc2\x9bya",                 /* C1: CSI */
		"Ma\xe2\x80\xa8ya",             /* LINE SEPARATOR */
		"Ma\xe2\x80\xa9ya",             /* PARAGRAPH SEPARATOR */
		"Ma\xd8\x9cya",                 /* U+061C ARABIC LETTER MARK */
		"Ma\xe2\x80\x8eya", "Ma\xe2\x80\x8fya", /* LRM, RLM */
		"Ma\xe2\x80\xaaya", "Ma\xe2\x80\xaeya", /* LRE, RLO */
		"Ma\xe2\x81\xa6ya", "Ma\xe2\x81\xa9ya", /* LRI, PDI */
	};
	struct dy_error err = {0};
	char out[DY_LABEL_MAX + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(out, "untouched", 10);
		assert_int_equal(norm(bad[i], out, &err), DY_EINVAL);
		assert_string_equal(err.msg, "A name cannot hold control characters, line breaks or characters "
		                             "that change the writing direction.");
		assert_string_equal(out, "untouched");
	}
	/* right-to-left letters themselves are welcome */
	assert_int_equal(norm("\xd7\x9e\xd7\x90\xd7\x99\xd7\x94", out, &err), 0);
}

static void
bad_utf8_and_empty_names_are_refused(void **state)
{
	struct dy_error err = {0};
	char out[DY_LABEL_MAX + 1];
	size_t n;

	(void)state;
	assert_int_equal(norm("\xff", out, &err), DY_EINVAL);
	assert_string_equal(err.msg, "A name must be UTF-8 text.");
	assert_int_equal(norm("", out, &err), DY_EINVAL);
	assert_int_equal(dy_name_normalize(DY_NAME_PERSON, NULL, 0, out, sizeof(out), &n, &err), DY_EINVAL);
	assert_int_equal(dy_name_normalize(DY_NAME_LABEL, "a\nb", 3, out, sizeof(out), &n, &err), DY_EINVAL);
	assert_string_equal(err.msg, "The space's name cannot hold control characters, line breaks or characters "
	                             "that change the writing direction.");
}

static void
length_is_counted_after_normalising(void **state)
{
	struct dy_error err = {0};
	char in[DY_NAME_INPUT_MAX + 2], out[DY_LABEL_MAX + 1];
	size_t n = 0, i;

	(void)state;
	/* 32 decomposed e-diaeresis: 96 bytes given, 64 bytes composed */
	for (i = 0; i < 32; i++)
		memcpy(in + 3 * i, "e\xcc\x88", 3);
	assert_int_equal(dy_name_normalize(DY_NAME_PERSON, in, 96, out, sizeof(out), &n, &err), 0);
	assert_int_equal(n, DY_NAME_MAX);
	/* one more is over */
	memcpy(in + 96, "e\xcc\x88", 3);
	assert_int_equal(dy_name_normalize(DY_NAME_PERSON, in, 99, out, sizeof(out), &n, &err), DY_EINVAL);
	assert_string_equal(err.msg, "That name is longer than 64 bytes.");
	/* a label may be longer than a name */
	assert_int_equal(dy_name_normalize(DY_NAME_LABEL, in, 99, out, sizeof(out), &n, &err), 0);
	/* and nothing past the input cap is looked at */
	memset(in, 'a', sizeof(in));
	assert_int_equal(dy_name_normalize(DY_NAME_LABEL, in, DY_NAME_INPUT_MAX + 1, out, sizeof(out), &n, &err),
	                 DY_EINVAL);
	assert_string_equal(err.msg, "The space's name is longer than 100 bytes.");
}

static void
names_compare_without_regard_to_case(void **state)
{
	(void)state;
	assert_true(dy_name_same("maya", 4, "Maya", 4));
	assert_true(dy_name_same("MAYA", 4, "maya", 4));
	assert_true(dy_name_same("Stra\xc3\x9f" "e", 7, "STRASSE", 7));               /* sharp s folds to ss */
	assert_true(dy_name_same("\xc3\x89lise", 6, "e\xcc\x81lise", 7));             /* NFC vs NFD */
	assert_true(dy_name_same("\xce\xa3\xce\xb9\xce\xbc", 6, "\xcf\x83\xce\xb9\xce\xbc", 6)); /* Greek sigma */
	assert_true(dy_name_same("ma\xc2\xadya", 6, "Maya", 4));                      /* a soft hyphen */
	assert_false(dy_name_same("Maya", 4, "Mayo", 4));
	assert_false(dy_name_same("Maya", 4, "Maya2", 5));
	assert_false(dy_name_same(NULL, 0, "Maya", 4));
}

/* Found by the name fuzzer: text too long to fold (over DY_NAME_INPUT_MAX
 * bytes) was cut byte-wise, splitting a character in two. */
static void
a_fold_too_long_to_normalise_is_cut_at_a_character_start(void **state)
{
	char in[1 + 2 * 300], out[5];
	size_t i, n;

	(void)state;
	in[0] = 'a';
	for (i = 0; i < 300; i++)
		memcpy(in + 1 + 2 * i, "\xc3\xa9", 2);          /* e acute, two bytes */
	n = dy_name_fold(in, sizeof(in), out, sizeof(out));
	assert_int_equal(n, 3);                           /* "a" and one e acute, not half of the next */
	assert_memory_equal(out, "a\xc3\xa9", 4);
	/* and a fold that fits is cut at a start as well */
	n = dy_name_fold("a\xc3\xa9\xc3\xa9", 5, out, sizeof(out));
	assert_int_equal(n, 3);
}

static void
a_partner_may_not_take_a_name_that_differs_only_in_case(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "alex", 4, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXIST);
	assert_string_equal(err.msg, "Your partner is already called Alex, and names here differ by more than "
	                             "capital letters; choose another.");
	assert_null(s);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), " ALEX ", 6, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_EEXIST);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Ma\xe2\x80\xaeya", 7, PASS_B, strlen(PASS_B), rec,
	                               &s, &err), DY_EINVAL);
	assert_null(s);
	/* the refusals used nothing up */
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &f->b, &err), 0);
}

static void
names_and_labels_are_stored_normalised(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_space_info si;
	char rec[DY_RECOVERY_LEN + 1];

	assert_int_equal(dy_space_create(f->db, " Our home ", 10, "Zoe\xcc\x88 ", 6, PASS_A, strlen(PASS_A), rec,
	                                 &f->a, &err), 0);
	assert_int_equal(dy_whoami(f->a, &si, &err), 0);
	assert_string_equal(si.label, "Our home");
	assert_string_equal(si.people[0].name, "Zo\xc3\xab");
}

static void
a_bad_label_is_refused_and_nothing_is_made(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char rec[DY_RECOVERY_LEN + 1];
	bool exists = true;

	assert_int_equal(dy_space_create(f->db, "Us\xe2\x81\xa6", 5, "Alex", 4, PASS_A, strlen(PASS_A), rec, &s, &err),
	                 DY_EINVAL);
	assert_null(s);
	assert_int_equal(dy_space_exists(f->db, &exists, &err), 0);
	assert_false(exists);
}

static void
unlock_finds_a_person_by_name_in_any_case(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_space_info si;

	assert_int_equal(dy_unlock(f->db, "sam", 3, PASS_B, strlen(PASS_B), &s, &err), 0);
	assert_int_equal(dy_whoami(s, &si, &err), 0);
	assert_true(si.people[1].me);
	assert_string_equal(si.people[1].name, "Sam");
	dy_session_free(s);
	s = NULL;
	assert_int_equal(dy_unlock(f->db, "sam", 3, PASS_A, strlen(PASS_A), &s, &err), DY_EAUTH);
	assert_null(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_decomposed_name_is_kept_composed),
		cmocka_unit_test(spaces_around_a_name_are_trimmed_and_inner_ones_kept),
		cmocka_unit_test(controls_and_direction_characters_are_refused),
		cmocka_unit_test(bad_utf8_and_empty_names_are_refused),
		cmocka_unit_test(length_is_counted_after_normalising),
		cmocka_unit_test(names_compare_without_regard_to_case),
		cmocka_unit_test(a_fold_too_long_to_normalise_is_cut_at_a_character_start),
		cmocka_unit_test_setup_teardown(a_partner_may_not_take_a_name_that_differs_only_in_case, fx_setup,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(names_and_labels_are_stored_normalised, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(a_bad_label_is_refused_and_nothing_is_made, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(unlock_finds_a_person_by_name_in_any_case, fx_setup_couple, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
