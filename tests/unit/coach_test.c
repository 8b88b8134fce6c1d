/* coach_test.c - the I-statement coach (coach.h): precision and recall of
 * every kind, and of the clean I-statement flag, on the labelled
 * statements of tests/data/coach.tsv, what a finding points at, the
 * I-statement builder, the JSON, and what is refused. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach_int.h"
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
#define CLEAN DY_COACH_KINDS
#define LABELS (DY_COACH_KINDS + 1)

static const char *
label_name(int k)
{
	return k == CLEAN ? "clean" : dy_coach_kind_name((enum dy_coach_kind)k);
}

/* Which labels a label list names ("blame,absolute", "clean" or "none"),
 * as bits. */
static unsigned
parse_kinds(const char *s, size_t n)
{
	unsigned bits = 0;
	int k;

	if (n == 4 && memcmp(s, "none", 4) == 0)
		return 0;
	for (k = 0; k < LABELS; k++) {
		const char *name = label_name(k), *p = s;
		size_t len = strlen(name);

		while (p < s + n) {
			const char *comma = memchr(p, ',', (size_t)(s + n - p));
			size_t m = (size_t)((comma ? comma : s + n) - p);

			if (m == len && memcmp(p, name, m) == 0)
				bits |= 1u << k;
			p = comma ? comma + 1 : s + n;
		}
	}
	assert_true(bits != 0);  /* a label that names no kind is a typo */
	return bits;
}

/* Score one part of the file ("dev" or "held-out": the lines after the
 * comment line naming it, up to the next part). */
static void
score_part(const char *part, struct counts c[LABELS], unsigned *statements)
{
	char path[512], line[2048], marker[64];
	FILE *f;
	bool in = false;

	snprintf(path, sizeof(path), "%s/tests/data/coach.tsv", DY_SOURCE_ROOT);
	snprintf(marker, sizeof(marker), "# --- %s", part);
	assert_non_null(f = fopen(path, "r"));
	memset(c, 0, sizeof(struct counts) * LABELS);
	*statements = 0;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\n");
		char *tab;
		unsigned want, got = 0;
		struct dy_coach_result r;
		struct dy_error err = {0};
		size_t i;
		int k;

		line[n] = '\0';
		if (line[0] == '#') {
			if (strncmp(line, "# --- ", 6) == 0)
				in = strncmp(line, marker, strlen(marker)) == 0;
			continue;
		}
		if (!in || n == 0)
			continue;
		assert_non_null(tab = strchr(line, '\t'));
		want = parse_kinds(line, (size_t)(tab - line));
		assert_int_equal(dy_coach_check(tab + 1, strlen(tab + 1), &r, &err), 0);
		for (i = 0; i < r.n; i++)
			got |= 1u << r.findings[i].kind;
		if (r.clean)
			got |= 1u << CLEAN;
		for (k = 0; k < LABELS; k++) {
			bool w = want & (1u << k), g = got & (1u << k);

			c[k].tp += w && g;
			c[k].fp += !w && g;
			c[k].fn += w && !g;
			if (w != g)
				print_message("  %s %-16s %s\n", g ? "extra  " : "missed ",
				              label_name(k), tab + 1);
		}
		(*statements)++;
	}
	fclose(f);
}

static void
report_and_check(const char *part, bool enforce)
{
	struct counts c[LABELS];
	unsigned statements;
	int k;

	score_part(part, c, &statements);
	print_message("%s: %u statements\n", part, statements);
	if (!enforce && statements == 0) {
		/* a fresh part is written by someone who has not seen the rules,
		 * after they were frozen: until it is in the file, say so */
		print_message("%s: no statements in tests/data/coach.tsv yet\n", part);
		skip();
	}
	assert_true(statements > 0);
	for (k = 0; k < LABELS; k++)
		print_message("  %-16s precision %.3f recall %.3f (tp %u, fp %u, fn %u)\n",
		              label_name(k),
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

/* The model adds findings to the rules' and never takes one away: over
 * every labelled statement, each of the rules' findings is in the
 * shipped answer, the model's own have a place in the text that starts
 * and ends a word, all come in text order, and the model does find some
 * the rules do not. */
static void
the_model_adds_to_the_rules_and_takes_nothing_away(void **state)
{
	char path[512], line[2048];
	FILE *f;
	unsigned added = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/data/coach.tsv", DY_SOURCE_ROOT);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t'), *text;
		struct dy_coach_result rules, both;
		struct dy_error err = {0};
		size_t len, i, j;

		if (line[0] == '#' || !tab)
			continue;
		text = tab + 1;
		len = strcspn(text, "\n");
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
	fclose(f);
	print_message("statements where the model adds a finding: %u\n", added);
	assert_true(added > 0);
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
		cmocka_unit_test(the_model_adds_to_the_rules_and_takes_nothing_away),
		cmocka_unit_test(a_finding_points_at_the_words_found),
		cmocka_unit_test(a_negation_reaches_only_its_own_clause),
		cmocka_unit_test(curly_apostrophes_and_quotes_read_like_straight_ones),
		cmocka_unit_test(findings_come_as_json_with_kind_advice_and_place),
		cmocka_unit_test(the_new_kinds_are_told_apart_in_one_text),
		cmocka_unit_test(a_clean_i_statement_is_recognised_with_its_four_parts),
		cmocka_unit_test(the_i_statement_is_built_from_its_four_parts),
		cmocka_unit_test(text_that_is_not_utf8_or_too_long_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
