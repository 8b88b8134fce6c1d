/* util_test.c - ids, human codes and UTF-8 checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util.h"

static void
uuid_v4_is_well_formed_and_random(void **state)
{
	char a[DY_ID_LEN + 1], b[DY_ID_LEN + 1];

	(void)state;
	dy_uuid_v4(a);
	dy_uuid_v4(b);
	assert_true(dy_id_valid(a, strlen(a)));
	assert_int_equal(a[14], '4');
	assert_true(a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b');
	/* two ids made at once differ from their first characters on */
	assert_memory_not_equal(a, b, 8);
}

static void
id_prefix_accepts_hex_and_dashes_only(void **state)
{
	(void)state;
	assert_true(dy_id_prefix_valid("0190ab", 6));
	assert_false(dy_id_prefix_valid("0190AB", 6));
	assert_false(dy_id_prefix_valid("0190*", 5));
	assert_false(dy_id_prefix_valid("", 0));
	assert_false(dy_id_valid("0190ab", 6));
}

static void
code_round_trips_and_forgives_typing(void **state)
{
	uint8_t raw[DY_CODE_BYTES], back[DY_CODE_BYTES];
	char text[DY_RECOVERY_LEN + 1], typed[DY_RECOVERY_LEN + 1];

	(void)state;
	for (int i = 0; i < DY_CODE_BYTES; i++)
		raw[i] = (uint8_t)(i * 37 + 11);
	dy_code_encode(raw, text);
	assert_int_equal(strlen(text), DY_RECOVERY_LEN);
	assert_true(dy_code_decode(text, strlen(text), back));
	assert_memory_equal(raw, back, sizeof(raw));
	/* lower case, no dashes */
	size_t o = 0;
	for (size_t i = 0; text[i]; i++)
		if (text[i] != '-')
			typed[o++] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
	typed[o] = '\0';
	assert_true(dy_code_decode(typed, o, back));
	assert_memory_equal(raw, back, sizeof(raw));
}

static void
code_rejects_wrong_length_and_letters(void **state)
{
	uint8_t back[DY_CODE_BYTES];

	(void)state;
	assert_false(dy_code_decode("ABCDE", 5, back));
	assert_false(dy_code_decode("UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU-UUUUU", 47, back));
}

static void
utf8_validation_rejects_malformed_input(void **state)
{
	(void)state;
	assert_true(dy_utf8_valid("plain", 5));
	assert_true(dy_utf8_valid("caf\xc3\xa9 \xf0\x9f\x92\x9b", 10));
	assert_false(dy_utf8_valid("\xff", 1));
	assert_false(dy_utf8_valid("\xc3", 1));           /* truncated */
	assert_false(dy_utf8_valid("\xc0\xaf", 2));       /* overlong */
	assert_false(dy_utf8_valid("\xed\xa0\x80", 3));   /* surrogate */
	assert_false(dy_utf8_valid("a\0b", 3));           /* NUL */
	assert_false(dy_utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
}

/* Plain ASCII is skipped eight bytes at a time: a bad byte or a NUL at any
 * place of such a block is still found. */
static void
utf8_validation_finds_a_bad_byte_anywhere_in_a_plain_run(void **state)
{
	char s[120];
	size_t at, len;

	(void)state;
	/* runs checked 8 and 32 bytes at a time, and the bytes left over */
	for (len = 24; len <= 100; len += 76) {
		for (at = 0; at < len; at++) {
			memset(s, 'a', sizeof(s));
			assert_true(dy_utf8_valid(s, len));
			s[at] = '\0';
			assert_false(dy_utf8_valid(s, len));
			s[at] = (char)0x80;
			assert_false(dy_utf8_valid(s, len));
			s[at] = (char)0xc3;
			s[at + 1] = (char)0xa9;
			assert_true(dy_utf8_valid(s, len + 1));
		}
	}
}

static void
text_line_rejects_control_and_blank(void **state)
{
	(void)state;
	assert_true(dy_text_line_valid("Alex", 4, 64));
	assert_false(dy_text_line_valid("A\nB", 3, 64));
	assert_false(dy_text_line_valid("   ", 3, 64));
	assert_false(dy_text_line_valid("Alex", 4, 3));
}

static void
grow_doubles_from_first_and_keeps_what_was_there(void **state)
{
	int *v = NULL;
	size_t cap = 0, n;

	(void)state;
	for (n = 0; n < 100; n++) {
		assert_int_equal(dy_grow(&v, n, &cap, sizeof(*v), 4), 0);
		assert_true(cap > n);
		v[n] = (int)n * 3;
	}
	/* 4, 8, 16, 32, 64, 128 */
	assert_int_equal(cap, 128);
	for (n = 0; n < 100; n++)
		assert_int_equal(v[n], (int)n * 3);
	/* room left: no change */
	assert_int_equal(dy_grow(&v, 100, &cap, sizeof(*v), 4), 0);
	assert_int_equal(cap, 128);
	free(v);
	/* a size that cannot be allocated is refused, the array untouched */
	v = NULL;
	cap = SIZE_MAX / 2 + 1;
	assert_int_equal(dy_grow(&v, cap, &cap, sizeof(*v), 4), -1);
	assert_null(v);
	assert_int_equal(cap, SIZE_MAX / 2 + 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(uuid_v4_is_well_formed_and_random),
		cmocka_unit_test(id_prefix_accepts_hex_and_dashes_only),
		cmocka_unit_test(code_round_trips_and_forgives_typing),
		cmocka_unit_test(code_rejects_wrong_length_and_letters),
		cmocka_unit_test(utf8_validation_rejects_malformed_input),
		cmocka_unit_test(utf8_validation_finds_a_bad_byte_anywhere_in_a_plain_run),
		cmocka_unit_test(text_line_rejects_control_and_blank),
		cmocka_unit_test(grow_doubles_from_first_and_keeps_what_was_there),
	};
	assert_int_equal(dy_init(), 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
