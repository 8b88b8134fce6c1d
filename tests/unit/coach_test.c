/* coach_test.c - the I-statement coach (coach.h): precision and recall of
 * every kind, and of the clean I-statement flag, on the labelled
 * statements of tests/data/coach.tsv, what a finding points at, the
 * I-statement builder, the JSON, and what is refused. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach_int.h"
#include "coach_tsv.h"
#include "helpers.h"

#ifndef DY_SOURCE_ROOT
#error "the build gives the source root"
#endif

#define PRECISION_MIN 0.9
#define RECALL_MIN 0.8

struct counts {
	unsigned tp, fp, fn;
};

/* What is scored: the kinds, and the clean flag as one more label. */
#define CLEAN COACH_TSV_CLEAN
#define LABELS COACH_TSV_LABELS

static struct coach_set set;  /* tests/data/coach.tsv, read once */

static int
read_set(void **state)
{
	char path[512], msg[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/data/coach.tsv", DY_SOURCE_ROOT);
	if (coach_tsv_read(path, &set, msg, sizeof(msg)) != 0) {
		print_message("%s\n", msg);
		return -1;
	}
	return 0;
}

static int
free_set(void **state)
{
	(void)state;
	coach_tsv_free(&set);
	return 0;
}

/* Score the parts of a group ("dev", "held-out", ...). */
static void
score_part(const char *group, struct counts c[LABELS], unsigned *statements)
{
	memset(c, 0, sizeof(struct counts) * LABELS);
	*statements = 0;
	for (size_t i = 0; i < set.n; i++) {
		const struct coach_stmt *st = &set.s[i];
		unsigned got = 0;
		struct dy_coach_result r;
		struct dy_error err = {0};

		if (!coach_tsv_in_group(set.parts[st->part], group))
			continue;
		assert_int_equal(dy_coach_check(st->text, st->len, &r, &err), 0);
		for (size_t j = 0; j < r.n; j++)
			got |= 1u << r.findings[j].kind;
		if (r.clean)
			got |= 1u << CLEAN;
		for (int k = 0; k < LABELS; k++) {
			bool w = st->want & (1u << k), g = got & (1u << k);

			c[k].tp += w && g;
			c[k].fp += !w && g;
			c[k].fn += w && !g;
			if (w != g)
				print_message("  %s %-16s %s\n", g ? "extra  " : "missed ",
				              coach_tsv_label(k), st->text);
		}
		(*statements)++;
	}
}

static void
report_and_check(const char *part, bool enforce)
{
	struct counts c[LABELS];
	unsigned statements;
	int k;

	score_part(part, c, &statements);
	print_message("%s: %u statements\n", part, statements);
	if (strcmp(part, "fresh") == 0 && statements == 0) {
		/* a fresh part is written by someone who has not seen the rules,
		 * after they were frozen: until it is in the file (its part may
		 * be empty or absent), say so; every named part must have
		 * statements */
		print_message("%s: no statements in tests/data/coach.tsv yet\n", part);
		skip();
	}
	assert_true(statements > 0);
	for (k = 0; k < LABELS; k++)
		print_message("  %-16s precision %.3f recall %.3f (tp %u, fp %u, fn %u)\n",
		              coach_tsv_label(k),
		              c[k].tp + c[k].fp ? (double)c[k].tp / (c[k].tp + c[k].fp) : 0,
		              c[k].tp + c[k].fn ? (double)c[k].tp / (c[k].tp + c[k].fn) : 0,
		              c[k].tp, c[k].fp, c[k].fn);
	for (k = 0; k < LABELS; k++) {
		double p = c[k].tp + c[k].fp ? (double)c[k].tp / (c[k].tp + c[k].fp) : 0;
		double rec = c[k].tp + c[k].fn ? (double)c[k].tp / (c[k].tp + c[k].fn) : 0;

		if (enforce) {
			assert_true(c[k].tp + c[k].fn >= 10);  /* enough examples to say anything */
			assert_true(p >= PRECISION_MIN);
			assert_true(rec >= RECALL_MIN);
		}
	}
}

static void
every_kind_meets_its_precision_and_recall_on_the_dev_statements(void **state)
{
	(void)state;
	report_and_check("dev", true);
}

static void
every_kind_meets_its_precision_and_recall_on_the_held_out_statements(void **state)
{
	(void)state;
	report_and_check("held-out", true);
}

/* The fresh part was never used to tune the rules: its figures are the
 * honest estimate of how the coach does on new text, and are reported
 * (docs/COACH.md), not held to the targets: holding it to them would mean
 * tuning on it. */
static void
fresh_statements_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("fresh", false);
}

/* The third fresh part was written by someone who never saw the rules and
 * never changed them, but the model learns from it: reported, not held to
 * the targets (its figures are training figures for the model). */
static void
third_fresh_statements_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("third-fresh", false);
}

/* The fourth fresh part was scored once against the coach frozen in
 * 297ebd9; then the rules were taught the families of its misses and the
 * model learns from it: reported, not held to the targets. */
static void
fourth_fresh_statements_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("fourth-fresh", false);
}

/* The fifth fresh part was scored once against the coach frozen in
 * c851f0c; then the rules were taught the families of its misses and the
 * model learns from it: reported, not held to the targets. */
static void
fifth_fresh_statements_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("fifth-fresh", false);
}

/* The sixth fresh part was scored once against the coach frozen in
 * 8c71284 (and its findings did not change until then); then the model
 * learns from it (the rules were not taught its families): reported, not
 * held to the targets. */
static void
sixth_fresh_statements_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("sixth-fresh", false);
}

/* The seventh to fourteenth fresh parts were each scored once against the
 * coach of their day (docs/COACH.md, "Fresh"); then the rules were taught
 * their families as constructions of general English and the model
 * learns from them: reported, not held to the targets. */
static void
fresh_parts_trained_on_since_are_scored_and_reported(void **state)
{
	static const char *const parts[] = {
		"seventh-fresh", "eighth-fresh", "ninth-fresh", "tenth-fresh", "eleventh-fresh",
		"twelfth-fresh", "thirteenth-fresh", "fourteenth-fresh",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		report_and_check(parts[i], false);
}

/* The statements written for the model (sarcasm and contempt by situation,
 * shoulds as hints and blame by situation, mind-reading of motives and
 * character attacks in many words): the rules were not tuned on them and
 * the model learns from them, so their figures are training figures for
 * the model and a measure of the rules on text they were not written for:
 * reported, not held to the targets. */
static void
statements_written_for_the_model_are_scored_and_reported(void **state)
{
	(void)state;
	report_and_check("train", false);
}

/* The model adds findings to the rules' and never takes one away: over
 * every labelled statement, each of the rules' findings is in the
 * shipped answer, the model's own have a place in the text that starts
 * and ends a word, all come in text order, and the model does find some
 * the rules do not. */
static void
the_model_adds_to_the_rules_and_takes_nothing_away(void **state)
{
	unsigned added = 0;

	(void)state;
	for (size_t k = 0; k < set.n; k++) {
		const char *text = set.s[k].text;
		struct dy_coach_result rules, both;
		struct dy_error err = {0};
		size_t len = set.s[k].len, i, j;

		assert_int_equal(coach_check_model(text, len, NULL, COACH_RULES, &rules, NULL, &err), 0);
		assert_int_equal(dy_coach_check(text, len, &both, &err), 0);
		for (i = 0; i < rules.n; i++) {
			for (j = 0; j < both.n; j++)
				if (both.findings[j].kind == rules.findings[i].kind &&
				    both.findings[j].start == rules.findings[i].start &&
				    both.findings[j].end == rules.findings[i].end)
					break;
			assert_true(j < both.n);
		}
		for (j = 0; j < both.n; j++) {
			const struct dy_coach_finding *x = &both.findings[j];

			assert_true(x->start < x->end && x->end <= len);
			assert_true(x->start == 0 || !isalnum((unsigned char)text[x->start - 1]));
			assert_true(x->end == len || !isalnum((unsigned char)text[x->end]));
			if (j > 0)
				assert_true(both.findings[j - 1].start <= x->start);
		}
		added += both.n > rules.n;
		if (rules.n > 0)
			assert_false(both.clean);
	}
	print_message("statements where the model adds a finding: %u\n", added);
	assert_true(added > 0);
}

/* The same answer, finding for finding, and the same best scores, read
 * with the filters (coach_int.h) and without. */
static void
assert_filters_change_nothing(const char *text, size_t len)
{
	static const enum coach_use uses[] = {COACH_RULES, COACH_BOTH};

	for (size_t u = 0; u < sizeof(uses) / sizeof(uses[0]); u++) {
		const struct coach_model *m = uses[u] == COACH_RULES ? NULL : &coach_model;
		struct dy_coach_result with, without, as_shipped;
		int32_t best_with[DY_COACH_KINDS], best_without[DY_COACH_KINDS];
		struct dy_error err = {0};

		assert_int_equal(coach_check_model(text, len, m, uses[u] | COACH_FILTERED, &with, best_with,
		                                   &err), 0);
		assert_int_equal(coach_check_model(text, len, m, uses[u] | COACH_UNFILTERED, &without,
		                                   best_without, &err), 0);
		assert_int_equal(coach_check_model(text, len, m, uses[u], &as_shipped, NULL, &err), 0);
		assert_int_equal(with.n, without.n);
		assert_int_equal(with.parts, without.parts);
		assert_int_equal(with.clean, without.clean);
		for (size_t i = 0; i < with.n; i++) {
			assert_int_equal(with.findings[i].kind, without.findings[i].kind);
			assert_int_equal(with.findings[i].start, without.findings[i].start);
			assert_int_equal(with.findings[i].end, without.findings[i].end);
		}
		assert_memory_equal(best_with, best_without, sizeof(best_with));
		/* the answer as shipped (filters only for a long text) too */
		assert_int_equal(as_shipped.n, without.n);
		for (size_t i = 0; i < without.n; i++) {
			assert_int_equal(as_shipped.findings[i].kind, without.findings[i].kind);
			assert_int_equal(as_shipped.findings[i].start, without.findings[i].start);
			assert_int_equal(as_shipped.findings[i].end, without.findings[i].end);
		}
	}
}

/* The filters that make a long text fast (coach_int.h) skip only rules
 * that cannot match and list lookups that cannot succeed: over every
 * labelled statement, and over long texts made of them (all kinds, only
 * the kind ones, shuffled, and cut in the middle of a sentence), the
 * findings with them and without are the same. */
static void
the_filters_change_no_finding_on_the_labelled_set_and_long_texts(void **state)
{
	char *big;
	size_t texts = 0;

	(void)state;
	assert_true(set.n > 1000);
	for (size_t i = 0; i < set.n; i++)
		assert_filters_change_nothing(set.s[i].text, set.s[i].len);
	assert_non_null(big = malloc(DY_COACH_TEXT_MAX));
	for (int mode = 0; mode < 3; mode++)
		for (size_t off = 0; off < set.n; off += 97) {
			size_t len = 0;

			for (size_t i = off;; i++) {
				const struct coach_stmt *st = &set.s[(mode == 2 ? i * 7 : i) % set.n];

				if (mode == 1 && st->want != 0 && st->want != 1u << CLEAN)
					continue;  /* only statements with nothing to find */
				if (len + st->len + 1 > DY_COACH_TEXT_MAX)
					break;
				memcpy(big + len, st->text, st->len);
				len += st->len;
				big[len++] = i % 3 ? ' ' : '\n';
			}
			assert_filters_change_nothing(big, len);
			assert_filters_change_nothing(big, len / 3);
			texts += 2;
		}
	free(big);
	print_message("statements: %zu, long texts: %zu\n", set.n, texts);
}

static void
a_finding_points_at_the_words_found(void **state)
{
	const char *text = "I love our garden. But you never listen to me!";
	struct dy_coach_result r;
	struct dy_error err = {0};

	(void)state;
	assert_int_equal(dy_coach_check(text, strlen(text), &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.findings[0].kind, DY_COACH_ABSOLUTE);
	assert_int_equal(r.findings[0].end - r.findings[0].start, strlen("you never"));
	assert_memory_equal(text + r.findings[0].start, "you never", strlen("you never"));
}

/* A "not" or "never" reaches to the end of its own clause, and a
 * conjunction with a new subject starts another: "you never listen and
 * you're so lazy" is an absolute and a character attack, while in "I
 * don't think you're lazy or selfish" the "not" still covers both. */
static void
a_negation_reaches_only_its_own_clause(void **state)
{
	const char *both = "You never listen and you're so lazy.";
	const char *covered = "I don't think you're lazy or selfish.";
	const char *again = "It's not your fault and you're not a failure.";
	struct dy_coach_result r;
	struct dy_error err = {0};

	(void)state;
	assert_int_equal(dy_coach_check(both, strlen(both), &r, &err), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.findings[0].kind, DY_COACH_ABSOLUTE);
	assert_int_equal(r.findings[1].kind, DY_COACH_CHARACTER);
	assert_memory_equal(both + r.findings[1].start, "you're so lazy", strlen("you're so lazy"));
	assert_int_equal(dy_coach_check(covered, strlen(covered), &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(dy_coach_check(again, strlen(again), &r, &err), 0);
	assert_int_equal(r.n, 0);
}

static void
curly_apostrophes_and_quotes_read_like_straight_ones(void **state)
{
	const char *text = "It\xe2\x80\x99s your fault. She said \xe2\x80\x9cyou\xe2\x80\x99re lazy\xe2\x80\x9d.";
	struct dy_coach_result r;
	struct dy_error err = {0};

	(void)state;
	assert_int_equal(dy_coach_check(text, strlen(text), &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.findings[0].kind, DY_COACH_BLAME);
}

static void
findings_come_as_json_with_kind_advice_and_place(void **state)
{
	const char *text = "You idiot.";
	struct dy_coach_result r;
	struct dy_error err = {0};
	struct dy_buf b = DY_BUF_INIT(4096);

	(void)state;
	assert_int_equal(dy_coach_check(text, strlen(text), &r, &err), 0);
	assert_int_equal(dy_coach_json(text, &r, &b), 0);
	assert_non_null(strstr(b.p, "\"kind\":\"contempt\""));
	assert_non_null(strstr(b.p, "\"start\":0,\"end\":9"));
	assert_non_null(strstr(b.p, "\"text\":\"You idiot\""));
	assert_non_null(strstr(b.p, "\"advice\":\"This can land as contempt"));
	dy_buf_release(&b);
	memset(&r, 0, sizeof(r));
	assert_int_equal(dy_coach_json("", &r, &b), 0);
	assert_string_equal(b.p, "{\"findings\":[],\"clean\":false,\"parts\":[]}");
	dy_buf_release(&b);
}

static void
the_new_kinds_are_told_apart_in_one_text(void **state)
{
	const char *text = "Oh great, you forgot. You're so lazy. You should call her. You moron.";
	static const enum dy_coach_kind want[] = {
		DY_COACH_SARCASM, DY_COACH_CHARACTER, DY_COACH_SHOULD, DY_COACH_CONTEMPT,
	};
	struct dy_coach_result r;
	struct dy_error err = {0};
	size_t i;

	(void)state;
	assert_int_equal(dy_coach_check(text, strlen(text), &r, &err), 0);
	assert_int_equal(r.n, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(r.findings[i].kind, want[i]);
	assert_int_equal(r.findings[2].end - r.findings[2].start, strlen("You should"));
	assert_memory_equal(text + r.findings[2].start, "You should", strlen("You should"));
	assert_false(r.clean);
	assert_string_equal(dy_coach_kind_name(DY_COACH_CHARACTER), "character_attack");
	assert_string_equal(dy_coach_kind_name(DY_COACH_SHOULD), "should");
	assert_string_equal(dy_coach_kind_name(DY_COACH_SARCASM), "sarcasm");
	assert_non_null(strstr(dy_coach_advice(DY_COACH_SHOULD), "Would you be willing"));
}

static void
a_clean_i_statement_is_recognised_with_its_four_parts(void **state)
{
	const char *clean = "I feel anxious when plans change late, because I need to know what to "
	                    "expect. Could you tell me a day ahead?";
	const char *three = "I feel anxious when plans change late, because I need to know.";
	const char *flagged = "I feel anxious when you always change plans, because I need to know. "
	                      "Could you tell me a day ahead?";
	struct dy_coach_result r;
	struct dy_error err = {0};
	struct dy_buf b = DY_BUF_INIT(4096);

	(void)state;
	assert_int_equal(dy_coach_check(clean, strlen(clean), &r, &err), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.parts, DY_COACH_PARTS_ALL);
	assert_true(r.clean);
	assert_int_equal(dy_coach_json(clean, &r, &b), 0);
	assert_non_null(strstr(b.p, "\"clean\":true"));
	assert_non_null(strstr(b.p, "\"parts\":[\"feeling\",\"situation\",\"need\",\"request\"]"));
	assert_non_null(strstr(b.p, "\"note\":\"A clean I-statement"));
	dy_buf_release(&b);
	/* three parts are not yet clean; a finding spoils all four */
	assert_int_equal(dy_coach_check(three, strlen(three), &r, &err), 0);
	assert_int_equal(r.parts, DY_COACH_PART_FEELING | DY_COACH_PART_SITUATION | DY_COACH_PART_NEED);
	assert_false(r.clean);
	assert_int_equal(dy_coach_json(three, &r, &b), 0);
	assert_non_null(strstr(b.p, "\"clean\":false"));
	assert_null(strstr(b.p, "\"note\""));
	dy_buf_release(&b);
	assert_int_equal(dy_coach_check(flagged, strlen(flagged), &r, &err), 0);
	assert_int_equal(r.parts, DY_COACH_PARTS_ALL);
	assert_int_equal(r.n, 1);
	assert_false(r.clean);
	/* what the builder makes from kind parts is clean */
	assert_int_equal(dy_coach_istatement("lonely", "we eat in silence", "connection",
	                                     "talk with me at dinner", &b, &err), 0);
	assert_int_equal(dy_coach_check(b.p, b.len, &r, &err), 0);
	assert_true(r.clean);
	dy_buf_release(&b);
}

static void
the_i_statement_is_built_from_its_four_parts(void **state)
{
	struct dy_buf b = DY_BUF_INIT(4096);
	struct dy_error err = {0};

	(void)state;
	assert_int_equal(dy_coach_istatement(" lonely ", "we eat in silence.", "connection",
	                                     "talk with me at dinner?", &b, &err), 0);
	assert_string_equal(b.p, "I feel lonely when we eat in silence, because I need connection. "
	                         "Would you be willing to talk with me at dinner?");
	dy_buf_release(&b);
	assert_int_equal(dy_coach_istatement("sad", "", "x", "y", &b, &err), DY_EINVAL);
	assert_string_equal(err.msg, "Say when you feel it.");
	assert_int_equal(dy_coach_istatement("sad", "now", "rest\nplease", "y", &b, &err), DY_EINVAL);
	assert_int_equal(dy_coach_istatement("sad", "now", "rest", NULL, &b, &err), DY_EINVAL);
	assert_null(b.p);  /* nothing was written */
}

static void
text_that_is_not_utf8_or_too_long_is_refused(void **state)
{
	struct dy_coach_result r = {.n = 7};
	struct dy_error err = {0};
	char *big;

	(void)state;
	assert_int_equal(dy_coach_check("you \xff never", 11, &r, &err), DY_EINVAL);
	assert_int_equal(r.n, 7);
	assert_non_null(big = malloc(DY_COACH_TEXT_MAX + 1));
	memset(big, 'a', DY_COACH_TEXT_MAX + 1);
	assert_int_equal(dy_coach_check(big, DY_COACH_TEXT_MAX + 1, &r, &err), DY_ETOOBIG);
	/* the most it takes: a long run of findings stops at the cap */
	for (size_t i = 0; i + 11 <= DY_COACH_TEXT_MAX; i += 11)
		memcpy(big + i, "You idiot. ", 11);
	assert_int_equal(dy_coach_check(big, DY_COACH_TEXT_MAX, &r, &err), 0);
	assert_int_equal(r.n, DY_COACH_FINDINGS_MAX);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_kind_meets_its_precision_and_recall_on_the_dev_statements),
		cmocka_unit_test(every_kind_meets_its_precision_and_recall_on_the_held_out_statements),
		cmocka_unit_test(fresh_statements_are_scored_and_reported),
		cmocka_unit_test(third_fresh_statements_are_scored_and_reported),
		cmocka_unit_test(fourth_fresh_statements_are_scored_and_reported),
		cmocka_unit_test(fifth_fresh_statements_are_scored_and_reported),
		cmocka_unit_test(sixth_fresh_statements_are_scored_and_reported),
		cmocka_unit_test(fresh_parts_trained_on_since_are_scored_and_reported),
		cmocka_unit_test(statements_written_for_the_model_are_scored_and_reported),
		cmocka_unit_test(the_model_adds_to_the_rules_and_takes_nothing_away),
		cmocka_unit_test(the_filters_change_no_finding_on_the_labelled_set_and_long_texts),
		cmocka_unit_test(a_finding_points_at_the_words_found),
		cmocka_unit_test(a_negation_reaches_only_its_own_clause),
		cmocka_unit_test(curly_apostrophes_and_quotes_read_like_straight_ones),
		cmocka_unit_test(findings_come_as_json_with_kind_advice_and_place),
		cmocka_unit_test(the_new_kinds_are_told_apart_in_one_text),
		cmocka_unit_test(a_clean_i_statement_is_recognised_with_its_four_parts),
		cmocka_unit_test(the_i_statement_is_built_from_its_four_parts),
		cmocka_unit_test(text_that_is_not_utf8_or_too_long_is_refused),
	};

	return cmocka_run_group_tests(tests, read_set, free_set);
}
