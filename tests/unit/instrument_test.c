/* instrument_test.c - questionnaires (instrument.h): the shipped
 * differentiation check, checking files and naming the bad field, scoring
 * with reverse keys against hand-computed figures, and the Reliable Change
 * Index. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Debian's cmocka predates assert_double_equal */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

#ifndef DY_SOURCE_ROOT
#error "the build gives the source root"
#endif

/* A questionnaire of two facets and five items, small enough to score by
 * hand; a "%s" in it takes the text of a test's change. */
static const char small[] =
	"{\"format\":\"dyad-instrument/1\",\"id\":\"small\",\"title\":\"Small\",\"version\":2,"
	"\"instructions\":\"Answer.\",\"about\":\"For tests.\","
	"\"scale\":{\"min\":1,\"max\":6,\"labels\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]},"
	"\"norms\":{\"provisional\":true,\"note\":\"Made up.\",\"overall\":{\"reliability\":0.9,\"sd\":0.6}},"
	"\"facets\":[{\"id\":\"calm\",\"name\":\"Calm\",\"about\":\"x\",\"high\":\"h\",\"low\":\"l\","
	"\"reliability\":0.92,\"sd\":0.6},"
	"{\"id\":\"voice\",\"name\":\"Voice\",\"about\":\"x\",\"high\":\"h\",\"low\":\"l\","
	"\"reliability\":0.8,\"sd\":0.75}],"
	"\"items\":[{\"id\":\"c1\",\"facet\":\"calm\",\"text\":\"One\",\"reverse\":false},"
	"{\"id\":\"v1\",\"facet\":\"voice\",\"text\":\"Two\",\"reverse\":true},"
	"{\"id\":\"c2\",\"facet\":\"calm\",\"text\":\"Three\",\"reverse\":true},"
	"{\"id\":\"v2\",\"facet\":\"voice\",\"text\":\"Four\",\"reverse\":false},"
	"{\"id\":\"c3\",\"facet\":\"calm\",\"text\":\"Five\",\"reverse\":false}]}";

static struct dy_instrument *
parse_ok(const char *json)
{
	struct dy_instrument *in = NULL;
	struct dy_error err = {0};

	if (dy_instrument_parse(json, strlen(json), &in, &err) != 0)
		fail_msg("parse: %s", err.msg);
	return in;
}

/* Replace the first occurrence of from in small by to; parse it; expect a
 * refusal whose message starts with want. */
static void
refused(const char *from, const char *to, const char *want)
{
	char doc[sizeof(small) + 512];
	const char *at = strstr(small, from);
	struct dy_instrument *in = (struct dy_instrument *)&in;  /* must stay untouched */
	struct dy_error err = {0};
	int n;

	assert_non_null(at);
	n = snprintf(doc, sizeof(doc), "%.*s%s%s", (int)(at - small), small, to, at + strlen(from));
	assert_true(n > 0 && (size_t)n < sizeof(doc));
	assert_int_equal(dy_instrument_parse(doc, (size_t)n, &in, &err), DY_EINVAL);
	assert_ptr_equal(in, (struct dy_instrument *)&in);
	if (strncmp(err.msg, want, strlen(want)) != 0)
		fail_msg("for %s -> %s: got \"%s\", want \"%s...\"", from, to, err.msg, want);
}

static void
shipped_check_has_four_facets_of_six_or_more_items_a_third_reversed(void **state)
{
	char path[512], *json;
	FILE *f;
	long size;
	struct dy_instrument *in;
	struct dy_instrument_info info;
	struct dy_instrument_facet facet;
	struct dy_instrument_item item;
	size_t i, reversed = 0;

	(void)state;
	snprintf(path, sizeof(path), "%s/data/instruments/differentiation-check.json", DY_SOURCE_ROOT);
	assert_non_null(f = fopen(path, "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((size = ftell(f)) > 0);
	rewind(f);
	assert_non_null(json = malloc((size_t)size + 1));
	assert_int_equal(fread(json, 1, (size_t)size, f), (size_t)size);
	json[size] = '\0';
	fclose(f);
	in = parse_ok(json);
	free(json);
	dy_instrument_info(in, &info);
	assert_string_equal(info.id, "dyad-differentiation-check");
	assert_int_equal(info.scale_min, 1);
	assert_int_equal(info.scale_max, 6);
	assert_string_equal(info.labels[5], "Strongly agree");
	assert_true(info.provisional);
	assert_non_null(strstr(info.about, "not a validated clinical instrument"));
	assert_int_equal(info.n_facets, 4);
	for (i = 0; i < info.n_facets; i++) {
		dy_instrument_facet(in, i, &facet);
		assert_true(facet.items >= 6);
	}
	for (i = 0; i < info.n_items; i++) {
		dy_instrument_item(in, i, &item);
		reversed += item.reverse;
	}
	/* "about a third": between a quarter and two fifths */
	assert_true(reversed * 4 >= info.n_items && reversed * 5 <= info.n_items * 2);
	dy_instrument_free(in);
}

static void
scores_flip_reverse_keyed_items_and_average_by_facet(void **state)
{
	struct dy_instrument *in = parse_ok(small);
	/* c1 5; v1 2 reversed -> 5; c2 6 reversed -> 1; v2 4; c3 3 */
	const int answers[] = {5, 2, 6, 4, 3};
	struct dy_instrument_score sc;
	struct dy_error err = {0};

	(void)state;
	assert_int_equal(dy_instrument_score(in, answers, 5, &sc, &err), 0);
	assert_int_equal(sc.n_facets, 2);
	assert_near(sc.facet[0], (5 + 1 + 3) / 3.0, 1e-12);  /* calm: 3.0 */
	assert_near(sc.facet[1], (5 + 4) / 2.0, 1e-12);      /* voice: 4.5 */
	assert_near(sc.overall, (5 + 5 + 1 + 4 + 3) / 5.0, 1e-12);  /* 3.6 */
	assert_int_equal(dy_instrument_item_index(in, "c2"), 2);
	assert_int_equal(dy_instrument_item_index(in, "zz"), -1);
	dy_instrument_free(in);
}

static void
answers_outside_the_scale_or_missing_are_refused_by_item(void **state)
{
	struct dy_instrument *in = parse_ok(small);
	int answers[] = {5, 2, 6, 4, 3};
	struct dy_instrument_score sc = {.overall = 42};
	struct dy_error err = {0};

	(void)state;
	answers[3] = 7;
	assert_int_equal(dy_instrument_score(in, answers, 5, &sc, &err), DY_EINVAL);
	assert_string_equal(err.msg, "The answer to item v2 must be from 1 to 6.");
	answers[3] = 0;
	assert_int_equal(dy_instrument_score(in, answers, 5, &sc, &err), DY_EINVAL);
	answers[3] = DY_INSTRUMENT_NO_ANSWER;
	assert_int_equal(dy_instrument_score(in, answers, 5, &sc, &err), DY_EINVAL);
	assert_string_equal(err.msg, "Item v2 has no answer yet.");
	answers[3] = 4;
	assert_int_equal(dy_instrument_score(in, answers, 4, &sc, &err), DY_EINVAL);
	assert_near(sc.overall, 42, 0);  /* untouched */
	dy_instrument_free(in);
}

static void
reliable_change_index_matches_the_worked_example(void **state)
{
	struct dy_change c;

	(void)state;
	/* the example: SD 0.60, r = .92 */
	assert_int_equal(dy_change(3.0, 3.47, 0.60, 0.92, &c), 0);
	assert_near(c.sem, 0.170, 0.0005);
	assert_near(c.s_diff, 0.240, 0.0005);
	assert_near(c.reliable_delta, 0.4704, 0.00005);
	assert_near(c.rci, 0.47 / 0.24, 1e-9);
	assert_int_equal(c.verdict, DY_CHANGE_NOISE);  /* 1.958: just short */
	assert_int_equal(dy_change(3.0, 3.48, 0.60, 0.92, &c), 0);
	assert_int_equal(c.verdict, DY_CHANGE_BETTER);
	assert_int_equal(dy_change(4.0, 3.5, 0.60, 0.92, &c), 0);
	assert_int_equal(c.verdict, DY_CHANGE_WORSE);
	assert_int_equal(dy_change(4.0, 4.0, 0.60, 0.92, &c), 0);
	assert_int_equal(c.verdict, DY_CHANGE_NOISE);
	assert_int_equal(dy_change(1, 2, 0, 0.9, &c), DY_EINVAL);
	assert_int_equal(dy_change(1, 2, 0.5, 1, &c), DY_EINVAL);
	assert_int_equal(dy_change(1, 2, 0.5, 0, &c), DY_EINVAL);
	assert_int_equal(dy_change(NAN, 2, 0.5, 0.9, &c), DY_EINVAL);
}

static void
bad_files_are_refused_naming_the_first_bad_field(void **state)
{
	(void)state;
	refused("\"reverse\":false},{\"id\":\"v1\"", "\"reversed\":false},{\"id\":\"v1\"",
	        "items[0].reversed: this field is not part");
	refused(",\"reverse\":false},{\"id\":\"v1\"", "},{\"id\":\"v1\"", "items[0].reverse: missing.");
	refused("\"facet\":\"voice\",\"text\":\"Two\"", "\"facet\":\"calmness\",\"text\":\"Two\"",
	        "items[1].facet: \"calmness\" is not one of the facets.");
	refused("\"id\":\"c2\"", "\"id\":\"c1\"", "items[2].id: \"c1\" is used by items[0] too.");
	refused("\"reliability\":0.92", "\"reliability\":\"high\"",
	        "facets[0].reliability: must be a number between 0 and 1.");
	refused("\"reliability\":0.92", "\"reliability\":1.2",
	        "facets[0].reliability: must be a number between 0 and 1.");
	refused("\"sd\":0.75", "\"sd\":-1", "facets[1].sd: must be a number above 0");
	refused("\"title\":\"Small\",", "", "title: missing.");
	refused("\"version\":2", "\"version\":2.5", "version: must be a whole number");
	refused("\"format\":\"dyad-instrument/1\"", "\"format\":\"other/1\"", "format: \"other/1\"");
	refused("\"labels\":[\"a\",", "\"labels\":[", "scale.labels: must be a list of 6 labels");
	refused("\"e\",\"f\"", "\"e\",\"\"", "scale.labels[5]: must be 1 to 60 bytes");
	refused("\"text\":\"Four\"", "\"text\":\"Fo\\u0007ur\"",
	        "items[3].text: must not contain control characters.");
	refused("\"id\":\"small\"", "\"id\":\"Small One\"", "id: \"Small One\" must be lower-case");
	refused("\"title\":\"Small\"", "\"title\":\"Small\",\"title\":\"Again\"", "Not valid JSON");
	refused("\"version\":2,", "\"version\":2", "Not valid JSON (line 1");
}

static void
a_facet_without_items_and_an_oversized_file_are_refused(void **state)
{
	char *big;
	struct dy_instrument *in = NULL;
	struct dy_error err = {0};

	(void)state;
	refused("\"facets\":[", "\"facets\":[{\"id\":\"alone\",\"name\":\"A\",\"about\":\"x\","
	        "\"high\":\"h\",\"low\":\"l\",\"reliability\":0.5,\"sd\":1},",
	        "facets[0]: no item belongs to \"alone\".");
	assert_non_null(big = malloc(DY_INSTRUMENT_MAX_BYTES + 2));
	memset(big, ' ', DY_INSTRUMENT_MAX_BYTES + 1);
	big[DY_INSTRUMENT_MAX_BYTES + 1] = '\0';
	assert_int_equal(dy_instrument_parse(big, DY_INSTRUMENT_MAX_BYTES + 1, &in, &err), DY_ETOOBIG);
	assert_null(in);
	free(big);
	refused("[{\"id\":\"c1\"", "42,[{\"id\":\"c1\"", "Not valid JSON");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_check_has_four_facets_of_six_or_more_items_a_third_reversed),
		cmocka_unit_test(scores_flip_reverse_keyed_items_and_average_by_facet),
		cmocka_unit_test(answers_outside_the_scale_or_missing_are_refused_by_item),
		cmocka_unit_test(reliable_change_index_matches_the_worked_example),
		cmocka_unit_test(bad_files_are_refused_naming_the_first_bad_field),
		cmocka_unit_test(a_facet_without_items_and_an_oversized_file_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
