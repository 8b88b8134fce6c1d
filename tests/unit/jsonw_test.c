/*
 * jsonw_test.c - the JSON writer (src/web/jsonw.c): escapes, UTF-8 checks,
 * the cap, whole numbers, and round trips through jansson's parser.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "jsonw.h"

#define BIG (1024 * 1024)

/* jw_str of (s, n) alone in a writer capped at max: the text, or NULL. */
static char *str_doc(const char *s, size_t n, size_t max, size_t *len)
{
	struct jw w;

	jw_init(&w, 8, max);
	jw_str(&w, s, n);
	return jw_detach(&w, len);
}

static void assert_str_writes(const char *s, size_t n, const char *want, size_t want_len)
{
	size_t len = 0;
	char *out = str_doc(s, n, BIG, &len);

	assert_non_null(out);
	assert_int_equal(len, want_len);
	assert_memory_equal(out, want, want_len);
	assert_int_equal(out[len], '\0');
	free(out);
}
#define ASSERT_STR_WRITES(in, want) assert_str_writes((in), sizeof(in) - 1, (want), sizeof(want) - 1)

static void assert_str_refused(const char *s, size_t n)
{
	size_t len = 12345;
	char *out = str_doc(s, n, BIG, &len);

	assert_null(out);
	assert_int_equal(len, 12345);
}
#define ASSERT_STR_REFUSED(in) assert_str_refused((in), sizeof(in) - 1)

/* The string jansson reads back from text (one JSON string value). */
static json_t *parse_string(const char *text, size_t len)
{
	json_error_t err;
	json_t *v = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);

	assert_non_null(v);
	assert_true(json_is_string(v));
	return v;
}

/* A small deterministic generator (xorshift64*), so a failure repeats. */
static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* ---- escapes ---- */

static void quote_and_backslash_are_escaped(void **state)
{
	(void)state;
	ASSERT_STR_WRITES("a\"b\\c", "\"a\\\"b\\\\c\"");
	ASSERT_STR_WRITES("\"", "\"\\\"\"");
	ASSERT_STR_WRITES("\\", "\"\\\\\"");
}

static void every_control_character_is_escaped(void **state)
{
	static const char hex[] = "0123456789abcdef";
	unsigned c;

	(void)state;
	for (c = 0; c < 0x20; c++) {
		char in[1] = {(char)c}, want[16];
		int n;

		switch (c) {
		case '\b': n = snprintf(want, sizeof(want), "\"\\b\""); break;
		case '\t': n = snprintf(want, sizeof(want), "\"\\t\""); break;
		case '\n': n = snprintf(want, sizeof(want), "\"\\n\""); break;
		case '\f': n = snprintf(want, sizeof(want), "\"\\f\""); break;
		case '\r': n = snprintf(want, sizeof(want), "\"\\r\""); break;
		default: n = snprintf(want, sizeof(want), "\"\\u00%c%c\"", hex[c >> 4], hex[c & 15]); break;
		}
		assert_true(n > 0);
		assert_str_writes(in, 1, want, (size_t)n);
	}
}

static void nul_inside_a_string_is_escaped_not_an_end(void **state)
{
	(void)state;
	ASSERT_STR_WRITES("a\0b", "\"a\\u0000b\"");
}

static void printable_ascii_and_del_are_written_as_they_are(void **state)
{
	char in[0x80 - 0x20], want[sizeof(in) + 2];
	size_t n = 0;
	unsigned c;

	(void)state;
	for (c = 0x20; c < 0x80; c++)
		if (c != '"' && c != '\\')
			in[n++] = (char)c;
	want[0] = '"';
	memcpy(want + 1, in, n);
	want[n + 1] = '"';
	assert_str_writes(in, n, want, n + 2);
}

static void empty_string_is_two_quotes(void **state)
{
	(void)state;
	assert_str_writes(NULL, 0, "\"\"", 2);
	assert_str_writes("ignored", 0, "\"\"", 2);
}

/* U+2028 and U+2029 are valid in JSON text (our answers are never read as
 * JavaScript source), so they go out raw, and jansson reads them back. */
static void line_and_paragraph_separators_are_written_raw(void **state)
{
	size_t len = 0;
	char *out;
	json_t *v;

	(void)state;
	ASSERT_STR_WRITES("\xe2\x80\xa8\xe2\x80\xa9", "\"\xe2\x80\xa8\xe2\x80\xa9\"");
	out = str_doc("\xe2\x80\xa8", 3, BIG, &len);
	assert_non_null(out);
	v = parse_string(out, len);
	assert_string_equal(json_string_value(v), "\xe2\x80\xa8");
	json_decref(v);
	free(out);
}

/* ---- UTF-8 ---- */

static void utf8_boundaries_of_every_length_are_written_raw(void **state)
{
	(void)state;
	ASSERT_STR_WRITES("\xc2\x80", "\"\xc2\x80\"");             /* U+0080 */
	ASSERT_STR_WRITES("\xdf\xbf", "\"\xdf\xbf\"");             /* U+07FF */
	ASSERT_STR_WRITES("\xe0\xa0\x80", "\"\xe0\xa0\x80\"");     /* U+0800 */
	ASSERT_STR_WRITES("\xed\x9f\xbf", "\"\xed\x9f\xbf\"");     /* U+D7FF */
	ASSERT_STR_WRITES("\xee\x80\x80", "\"\xee\x80\x80\"");     /* U+E000 */
	ASSERT_STR_WRITES("\xef\xbf\xbf", "\"\xef\xbf\xbf\"");     /* U+FFFF */
	ASSERT_STR_WRITES("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\""); /* U+10000 */
	ASSERT_STR_WRITES("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\""); /* U+10FFFF */
	ASSERT_STR_WRITES("caf\xc3\xa9 \xf0\x9f\x8c\xb1\"", "\"caf\xc3\xa9 \xf0\x9f\x8c\xb1\\\"\"");
}

static void overlong_encodings_are_refused(void **state)
{
	(void)state;
	ASSERT_STR_REFUSED("\xc0\x80");
	ASSERT_STR_REFUSED("\xc1\xbf");
	ASSERT_STR_REFUSED("\xe0\x80\x80");
	ASSERT_STR_REFUSED("\xe0\x9f\xbf");
	ASSERT_STR_REFUSED("\xf0\x80\x80\x80");
	ASSERT_STR_REFUSED("\xf0\x8f\xbf\xbf");
}

static void surrogate_code_points_are_refused(void **state)
{
	(void)state;
	ASSERT_STR_REFUSED("\xed\xa0\x80");
	ASSERT_STR_REFUSED("\xed\xbf\xbf");
	ASSERT_STR_REFUSED("\xed\xa0\xbd\xed\xb8\x80"); /* a CESU-8 pair */
}

static void code_points_past_u10ffff_are_refused(void **state)
{
	(void)state;
	ASSERT_STR_REFUSED("\xf4\x90\x80\x80");
	ASSERT_STR_REFUSED("\xf5\x80\x80\x80");
	ASSERT_STR_REFUSED("\xf7\xbf\xbf\xbf");
	ASSERT_STR_REFUSED("\xf8\x88\x80\x80\x80");
	ASSERT_STR_REFUSED("\xfe");
	ASSERT_STR_REFUSED("\xff");
}

static void stray_continuation_bytes_are_refused(void **state)
{
	(void)state;
	ASSERT_STR_REFUSED("\x80");
	ASSERT_STR_REFUSED("a\xbf");
	ASSERT_STR_REFUSED("\xc3\xa9\xa9");
}

static void sequences_cut_short_are_refused(void **state)
{
	(void)state;
	ASSERT_STR_REFUSED("\xc3");
	ASSERT_STR_REFUSED("ab\xe2\x82");
	ASSERT_STR_REFUSED("\xf0\x9f\x8c");
	ASSERT_STR_REFUSED("\xc3(");
	ASSERT_STR_REFUSED("\xe2(\xa1");
	ASSERT_STR_REFUSED("\xf0\x9f\x8c(");
}

/* The length given is the end: a valid sequence running past it is cut. */
static void sequence_running_past_the_given_length_is_refused(void **state)
{
	(void)state;
	assert_str_refused("\xc3\xa9", 1);
	assert_str_refused("x\xf0\x9f\x8c\xb1", 4);
}

static void writer_failed_on_bad_utf8_stays_failed(void **state)
{
	struct jw w;
	size_t len = 7;

	(void)state;
	jw_init(&w, 64, BIG);
	jw_lit(&w, "[");
	jw_str(&w, "\xff", 1);
	jw_lit(&w, "]");
	jw_str(&w, "fine", 4);
	jw_int(&w, 1);
	assert_true(w.failed || w.b.err != 0);
	assert_null(jw_detach(&w, &len));
	assert_int_equal(len, 7);
	assert_null(w.b.p);
}

/* ---- the cap ---- */

static void text_of_exactly_max_bytes_is_kept(void **state)
{
	struct jw w;
	size_t len = 0;
	char *out;

	(void)state;
	jw_init(&w, 0, 8);
	jw_lit(&w, "1234");
	jw_lit(&w, "5678");
	out = jw_detach(&w, &len);
	assert_non_null(out);
	assert_int_equal(len, 8);
	assert_string_equal(out, "12345678");
	free(out);
}

static void one_byte_past_max_fails_and_detach_returns_null(void **state)
{
	struct jw w;
	size_t len = 99;

	(void)state;
	jw_init(&w, 0, 8);
	jw_lit(&w, "12345678");
	jw_lit(&w, "9");
	assert_true(w.failed || w.b.err != 0);
	assert_null(jw_detach(&w, &len));
	assert_int_equal(len, 99);
}

static void write_that_fits_after_one_past_max_does_not_revive_the_writer(void **state)
{
	struct jw w;
	size_t len = 99;

	(void)state;
	jw_init(&w, 0, 8);
	jw_lit(&w, "1234567");
	jw_lit(&w, "89");
	jw_lit(&w, "8");
	jw_raw(&w, "", 0);
	assert_null(jw_detach(&w, &len));
	assert_int_equal(len, 99);
}

static void escapes_count_against_max(void **state)
{
	size_t len = 0;
	char *out;

	(void)state;
	/* 4 newlines: 2 quotes + 8 bytes */
	out = str_doc("\n\n\n\n", 4, 10, &len);
	assert_non_null(out);
	assert_int_equal(len, 10);
	free(out);
	assert_null(str_doc("\n\n\n\n\n", 5, 10, &len));
	/* one control byte is 6 out: \u0001 */
	out = str_doc("\x01", 1, 8, &len);
	assert_non_null(out);
	free(out);
	assert_null(str_doc("\x01", 1, 7, &len));
}

static void quotes_of_a_string_count_against_max(void **state)
{
	size_t len = 0;

	(void)state;
	assert_null(str_doc("abc", 3, 4, &len));
	assert_null(str_doc("", 0, 1, &len));
}

static void number_past_max_fails(void **state)
{
	struct jw w;
	size_t len = 0;

	(void)state;
	jw_init(&w, 0, 5);
	jw_int(&w, 123456);
	assert_null(jw_detach(&w, &len));
}

/* A first guess larger than the cap is no reason to allocate past it, and
 * SIZE_MAX used to wrap to a malloc(0) that the writer took for SIZE_MAX
 * bytes of room. */
static void initial_size_over_max_is_held_to_max(void **state)
{
	struct jw w;
	size_t len = 0;
	char *out;

	(void)state;
	jw_init(&w, SIZE_MAX, 16);
	assert_false(w.failed || w.b.err != 0);
	assert_true(w.b.cap <= w.b.max + 1);
	jw_lit(&w, "0123456789abcdef");
	jw_lit(&w, "!");
	assert_true(w.failed || w.b.err != 0);
	jw_release(&w);

	jw_init(&w, 1000, 16);
	assert_true(w.b.cap <= w.b.max + 1);
	jw_lit(&w, "0123456789abcdef");
	out = jw_detach(&w, &len);
	assert_non_null(out);
	assert_int_equal(len, 16);
	free(out);
}

static void writer_grows_from_nothing_to_its_max(void **state)
{
	struct jw w;
	size_t len = 0, i;
	char chunk[100], *out;

	(void)state;
	memset(chunk, 'x', sizeof(chunk));
	jw_init(&w, 0, 100000);
	for (i = 0; i < 1000; i++)
		jw_raw(&w, chunk, sizeof(chunk));
	out = jw_detach(&w, &len);
	assert_non_null(out);
	assert_int_equal(len, 100000);
	assert_int_equal(strspn(out, "x"), 100000);
	assert_int_equal(out[len], '\0');
	free(out);
}

static void detach_hands_over_the_text_and_releases_the_writer(void **state)
{
	struct jw w;
	size_t len = 0;
	char *out;

	(void)state;
	jw_init(&w, 4, 64);
	jw_lit(&w, "{\"a\":");
	jw_int(&w, 1);
	jw_lit(&w, "}");
	out = jw_detach(&w, &len);
	assert_non_null(out);
	assert_string_equal(out, "{\"a\":1}");
	assert_int_equal(len, 7);
	assert_null(w.b.p);
	assert_int_equal(w.b.len, 0);
	jw_release(&w);   /* harmless after detach */
	free(out);
}

/* ---- whole numbers ---- */

static void int64_extremes_are_written_exactly(void **state)
{
	static const struct { int64_t v; const char *text; } cases[] = {
		{INT64_MIN, "-9223372036854775808"},
		{INT64_MIN + 1, "-9223372036854775807"},
		{-1, "-1"},
		{0, "0"},
		{1, "1"},
		{INT64_MAX, "9223372036854775807"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct jw w;
		size_t len = 0;
		char *out;
		json_t *v;
		json_error_t err;

		jw_init(&w, 0, 64);
		jw_int(&w, cases[i].v);
		out = jw_detach(&w, &len);
		assert_non_null(out);
		assert_string_equal(out, cases[i].text);
		v = json_loadb(out, len, JSON_DECODE_ANY, &err);
		assert_non_null(v);
		assert_true(json_is_integer(v));
		assert_true(json_integer_value(v) == cases[i].v);
		json_decref(v);
		free(out);
	}
}

/* ---- round trips ---- */

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A code point from every region, controls and JSON's specials often. */
static uint32_t random_code_point(void)
{
	static const uint32_t edges[] = {
		0x00, 0x1f, '"', '\\', '/', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000,
		0xfeff, 0xfffd, 0xffff, 0x10000, 0x10ffff, 0x2028, 0x2029,
	};
	uint64_t r = rng();

	switch (r % 6) {
	case 0: return (uint32_t)((r >> 8) % 0x20);
	case 1: return (uint32_t)(0x20 + (r >> 8) % 0x60);
	case 2: return (uint32_t)(0x80 + (r >> 8) % (0x800 - 0x80));
	case 3: {
		uint32_t cp = (uint32_t)(0x800 + (r >> 8) % (0x10000 - 0x800));

		return cp >= 0xd800 && cp <= 0xdfff ? cp - 0x800 : cp;
	}
	case 4: return (uint32_t)(0x10000 + (r >> 8) % (0x110000 - 0x10000));
	default: return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
	}
}

/* A byte that needs care is found wherever it falls in a long run of
 * plain ones: at each offset of the blocks jw_str scans at once, and in the
 * tail after them. */
static void care_byte_at_every_offset_of_a_run_is_seen(void **state)
{
	static const char *const care[] = {"\"", "\\", "\x01", "\x1f", "\xc3\xa9", "\xe2\x80\xa8", "\x7f"};
	char in[80];
	size_t c, at, len;

	(void)state;
	for (c = 0; c < sizeof(care) / sizeof(care[0]); c++) {
		size_t cl = strlen(care[c]);

		for (at = 0; at + cl <= 70; at++) {
			char *out;
			json_t *v;

			memset(in, 'a', 70);
			memcpy(in + at, care[c], cl);
			out = str_doc(in, 70, BIG, &len);
			assert_non_null(out);
			v = parse_string(out, len);
			assert_int_equal(json_string_length(v), 70);
			assert_memory_equal(json_string_value(v), in, 70);
			/* written escaped exactly when JSON needs it */
			assert_int_equal(len, 72 + (care[c][0] == '"' || care[c][0] == '\\' ? 1 :
			                             (unsigned char)care[c][0] < 0x20 ? 5 : 0));
			json_decref(v);
			free(out);
		}
	}
}

static void random_valid_strings_read_back_the_same_through_jansson(void **state)
{
	char in[64 * 4];
	int round;

	(void)state;
	rng_state = 0x9e3779b97f4a7c15ull;
	for (round = 0; round < 3000; round++) {
		size_t n = 0, count = rng() % 64, len = 0, k;
		char *out;
		json_t *v;

		for (k = 0; k < count; k++)
			n += put_utf8(in + n, random_code_point());
		out = str_doc(in, n, BIG, &len);
		assert_non_null(out);
		v = parse_string(out, len);
		assert_int_equal(json_string_length(v), n);
		assert_memory_equal(json_string_value(v), in, n);
		json_decref(v);
		free(out);
	}
}

/* Random bytes, rich in the ones UTF-8 decoding turns on: the writer takes
 * exactly what jansson takes as a string, and reads back the same. */
static void random_bytes_are_taken_exactly_when_jansson_takes_them(void **state)
{
	static const unsigned char bytes[] = {
		0x00, 0x0a, 0x1f, 0x20, '"', '\\', 'a', 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0,
		0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1,
		0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff,
	};
	char in[16];
	int round, taken = 0, refused = 0;

	(void)state;
	rng_state = 0x2545f4914f6cdd1dull;
	for (round = 0; round < 20000; round++) {
		size_t n = rng() % sizeof(in), len = 0, k;
		json_t *ref;
		char *out;

		for (k = 0; k < n; k++)
			in[k] = (char)bytes[rng() % sizeof(bytes)];
		ref = json_stringn(in, n);
		out = str_doc(in, n, BIG, &len);
		if (ref == NULL) {
			assert_null(out);
			refused++;
		} else {
			json_t *back;

			assert_non_null(out);
			back = parse_string(out, len);
			assert_true(json_equal(back, ref));
			json_decref(back);
			taken++;
		}
		json_decref(ref);
		free(out);
	}
	/* both sides were exercised */
	assert_true(taken > 1000);
	assert_true(refused > 1000);
}

static void document_of_strings_and_numbers_parses_as_written(void **state)
{
	struct jw w;
	size_t len = 0;
	char *out;
	json_t *v;
	json_error_t err;

	(void)state;
	jw_init(&w, 16, 4096);
	jw_lit(&w, "{\"title\":");
	jw_str(&w, "Tuesday \"notes\"\n", 16);
	jw_lit(&w, ",\"n\":");
	jw_int(&w, -42);
	jw_lit(&w, ",\"tags\":[");
	jw_str(&w, "a\\b", 3);
	jw_lit(&w, ",");
	jw_str(&w, "\xc3\xa9", 2);
	jw_lit(&w, "]}");
	out = jw_detach(&w, &len);
	assert_non_null(out);
	v = json_loadb(out, len, 0, &err);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "title")), "Tuesday \"notes\"\n");
	assert_true(json_integer_value(json_object_get(v, "n")) == -42);
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "tags"), 0)), "a\\b");
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "tags"), 1)), "\xc3\xa9");
	json_decref(v);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_and_backslash_are_escaped),
		cmocka_unit_test(every_control_character_is_escaped),
		cmocka_unit_test(nul_inside_a_string_is_escaped_not_an_end),
		cmocka_unit_test(printable_ascii_and_del_are_written_as_they_are),
		cmocka_unit_test(empty_string_is_two_quotes),
		cmocka_unit_test(line_and_paragraph_separators_are_written_raw),
		cmocka_unit_test(utf8_boundaries_of_every_length_are_written_raw),
		cmocka_unit_test(overlong_encodings_are_refused),
		cmocka_unit_test(surrogate_code_points_are_refused),
		cmocka_unit_test(code_points_past_u10ffff_are_refused),
		cmocka_unit_test(stray_continuation_bytes_are_refused),
		cmocka_unit_test(sequences_cut_short_are_refused),
		cmocka_unit_test(sequence_running_past_the_given_length_is_refused),
		cmocka_unit_test(writer_failed_on_bad_utf8_stays_failed),
		cmocka_unit_test(text_of_exactly_max_bytes_is_kept),
		cmocka_unit_test(one_byte_past_max_fails_and_detach_returns_null),
		cmocka_unit_test(write_that_fits_after_one_past_max_does_not_revive_the_writer),
		cmocka_unit_test(escapes_count_against_max),
		cmocka_unit_test(quotes_of_a_string_count_against_max),
		cmocka_unit_test(number_past_max_fails),
		cmocka_unit_test(initial_size_over_max_is_held_to_max),
		cmocka_unit_test(writer_grows_from_nothing_to_its_max),
		cmocka_unit_test(detach_hands_over_the_text_and_releases_the_writer),
		cmocka_unit_test(int64_extremes_are_written_exactly),
		cmocka_unit_test(care_byte_at_every_offset_of_a_run_is_seen),
		cmocka_unit_test(random_valid_strings_read_back_the_same_through_jansson),
		cmocka_unit_test(random_bytes_are_taken_exactly_when_jansson_takes_them),
		cmocka_unit_test(document_of_strings_and_numbers_parses_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
