/* buf_test.c - the core's buffers and text: struct dy_buf, dy_utf8_valid,
 * dy_utf8_seq and dy_time_iso (dyad.h's "buffers and text"). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"

static void
buf_add_keeps_bytes_with_a_nul_after(void **state)
{
	struct dy_buf b = DY_BUF_INIT(100);

	(void)state;
	assert_int_equal(dy_buf_add(&b, "ab\0cd", 5), 0);
	assert_int_equal(dy_buf_addstr(&b, "ef"), 0);
	assert_int_equal(b.len, 7);
	assert_memory_equal(b.p, "ab\0cdef", 8);
	dy_buf_release(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 100);
}

static void
buf_holds_exactly_its_cap(void **state)
{
	struct dy_buf b;
	char big[64];

	(void)state;
	memset(big, 'x', sizeof(big));
	dy_buf_init(&b, sizeof(big));
	assert_int_equal(dy_buf_add(&b, big, sizeof(big) - 1), 0);
	assert_int_equal(dy_buf_add(&b, "y", 1), 0);
	assert_int_equal(b.len, sizeof(big));
	assert_int_equal(b.err, 0);
	assert_int_equal(b.p[b.len], '\0');
	dy_buf_release(&b);
}

static void
buf_add_past_cap_fails_keeps_nothing_of_it_and_latches(void **state)
{
	struct dy_buf b = DY_BUF_INIT(8);

	(void)state;
	assert_int_equal(dy_buf_add(&b, "12345", 5), 0);
	assert_int_equal(dy_buf_add(&b, "6789", 4), DY_ETOOBIG);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.p, "12345");
	/* latched: a piece that would fit is refused too */
	assert_int_equal(dy_buf_add(&b, "6", 1), DY_ETOOBIG);
	assert_int_equal(dy_buf_addf(&b, "%d", 7), DY_ETOOBIG);
	assert_int_equal(b.len, 5);
	assert_null(dy_buf_take(&b, NULL));
	/* take released it: usable again, with the same cap */
	assert_int_equal(b.err, 0);
	assert_int_equal(dy_buf_add(&b, "12345678", 8), 0);
	dy_buf_release(&b);
}

static void
buf_take_hands_over_and_leaves_it_empty(void **state)
{
	struct dy_buf b = DY_BUF_INIT(1024);
	size_t len = 0;
	char *s;

	(void)state;
	assert_int_equal(dy_buf_addstr(&b, "hello"), 0);
	s = dy_buf_take(&b, &len);
	assert_non_null(s);
	assert_int_equal(len, 5);
	assert_string_equal(s, "hello");
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	free(s);
}

static void
buf_take_of_nothing_is_an_empty_string(void **state)
{
	struct dy_buf b = DY_BUF_INIT(16);
	size_t len = 99;
	char *s = dy_buf_take(&b, &len);

	(void)state;
	assert_non_null(s);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	free(s);
}

static void
buf_addf_formats_in_place_and_when_it_must_grow(void **state)
{
	struct dy_buf b = DY_BUF_INIT(100000);
	char want[5000];

	(void)state;
	assert_int_equal(dy_buf_addf(&b, "%s-%d", "id", 42), 0);
	assert_string_equal(b.p, "id-42");
	/* longer than anything allocated yet: the second, exact-size path */
	memset(want, 'z', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	assert_int_equal(dy_buf_addf(&b, "%s", want), 0);
	assert_int_equal(b.len, 5 + sizeof(want) - 1);
	assert_memory_equal(b.p + 5, want, sizeof(want) - 1);
	assert_int_equal(b.p[b.len], '\0');
	dy_buf_release(&b);
}

static void
buf_addf_past_cap_fails_in_either_path(void **state)
{
	struct dy_buf b = DY_BUF_INIT(10);

	(void)state;
	/* nothing allocated: the exact-size path sees the cap */
	assert_int_equal(dy_buf_addf(&b, "%s", "0123456789A"), DY_ETOOBIG);
	assert_int_equal(b.len, 0);
	dy_buf_release(&b);
	/* room allocated, but too little for the second number */
	assert_int_equal(dy_buf_grow(&b, 10), 0);
	assert_int_equal(dy_buf_addf(&b, "%d", 1234567), 0);
	assert_int_equal(dy_buf_addf(&b, "%d", 1234), DY_ETOOBIG);
	assert_string_equal(b.p, "1234567");
	dy_buf_release(&b);
}

static void
buf_grow_is_a_hint_clamped_to_the_cap(void **state)
{
	struct dy_buf b = DY_BUF_INIT(32);

	(void)state;
	assert_int_equal(dy_buf_grow(&b, 1u << 20), 0);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.cap, 33);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	dy_buf_release(&b);
}

static void
buf_reset_clears_the_failure_and_keeps_the_memory(void **state)
{
	struct dy_buf b = DY_BUF_INIT(4);
	char *p;

	(void)state;
	assert_int_equal(dy_buf_add(&b, "abc", 3), 0);
	assert_int_equal(dy_buf_add(&b, "de", 2), DY_ETOOBIG);
	p = b.p;
	dy_buf_reset(&b);
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 0);
	assert_ptr_equal(b.p, p);
	assert_int_equal(dy_buf_add(&b, "wxyz", 4), 0);
	assert_string_equal(b.p, "wxyz");
	dy_buf_release(&b);
}

static void
buf_fail_latches_the_first_code(void **state)
{
	struct dy_buf b = DY_BUF_INIT(64);

	(void)state;
	assert_int_equal(dy_buf_addstr(&b, "ok"), 0);
	assert_int_equal(dy_buf_fail(&b, DY_EINVAL), DY_EINVAL);
	assert_int_equal(dy_buf_fail(&b, DY_ENOMEM), DY_EINVAL);
	assert_int_equal(dy_buf_addstr(&b, "more"), DY_EINVAL);
	assert_string_equal(b.p, "ok");
	assert_null(dy_buf_take(&b, NULL));
}

static void
buf_grows_through_many_small_adds(void **state)
{
	struct dy_buf b = DY_BUF_INIT(1 << 20);
	size_t i;

	(void)state;
	for (i = 0; i < 100000; i++)
		assert_int_equal(dy_buf_add(&b, &"0123456789"[i % 10], 1), 0);
	assert_int_equal(b.len, 100000);
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.p[i], '0' + (int)(i % 10));
	assert_true(b.cap <= (1 << 20) + 1);
	dy_buf_release(&b);
}

static void
buf_release_accepts_a_zeroed_buffer(void **state)
{
	struct dy_buf b;

	(void)state;
	memset(&b, 0, sizeof(b));
	dy_buf_release(&b);
	dy_buf_release(&b);
	assert_null(b.p);
}

/* ---------------------------------------------------------------- UTF-8 */

static void
utf8_accepts_well_formed_text(void **state)
{
	static const char *const good[] = {
		"", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"\xed\x9f\xbf",           /* U+D7FF, just below the surrogates */
		"\xee\x80\x80",           /* U+E000, just above */
		"\xf4\x8f\xbf\xbf",       /* U+10FFFF */
		"\xc2\x80",               /* U+0080 */
		"\xe0\xa0\x80",           /* U+0800 */
		"\xf0\x90\x80\x80",       /* U+10000 */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(dy_utf8_valid(good[i], strlen(good[i])));
}

static void
utf8_refuses_overlong_surrogates_big_cut_short_and_nul(void **state)
{
	static const struct {
		const char *s;
		size_t n;
	} bad[] = {
		{"\xc0\x80", 2},          /* overlong NUL */
		{"\xc1\xbf", 2},          /* overlong */
		{"\xe0\x9f\xbf", 3},      /* overlong three-byte */
		{"\xf0\x8f\xbf\xbf", 4},  /* overlong four-byte */
		{"\xed\xa0\x80", 3},      /* U+D800 */
		{"\xed\xbf\xbf", 3},      /* U+DFFF */
		{"\xf4\x90\x80\x80", 4},  /* above U+10FFFF */
		{"\xf5\x80\x80\x80", 4},
		{"\xff", 1},
		{"\x80", 1},              /* a continuation alone */
		{"\xc3", 1},              /* cut short */
		{"\xe2\x82", 2},
		{"\xf0\x9f\x98", 3},
		{"\xc3\x28", 2},          /* bad continuation */
		{"a\0b", 3},              /* a NUL */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(dy_utf8_valid(bad[i].s, bad[i].n));
}

static void
utf8_seq_gives_the_length_of_one_sequence(void **state)
{
	(void)state;
	assert_int_equal(dy_utf8_seq((const unsigned char *)"a", 1), 1);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"\xc3\xa9x", 3), 2);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"\xe2\x82\xac", 3), 3);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 3), 0);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"\0", 1), 0);
	assert_int_equal(dy_utf8_seq((const unsigned char *)"x", 0), 0);
}

/* dy_utf8_valid by another route: one sequence at a time by dy_utf8_seq. */
static bool
utf8_valid_by_seq(const unsigned char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = dy_utf8_seq(s + i, n - i)) == 0)
			return false;
		i += k;
	}
	return true;
}

/* The block-at-a-time check (16 or 8 bytes of plain ASCII at a time, the
 * character that stops a block checked in place) says what a check of one
 * sequence at a time says: every pair of bytes that matter to the rules,
 * at every place in and across a block and at the end of the text, and
 * random texts. */
static void
utf8_valid_agrees_with_one_sequence_at_a_time(void **state)
{
	static const unsigned char b[] = {0x00, 0x01, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
	                                  0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff};
	const size_t nb = sizeof(b);
	unsigned char buf[48];
	uint32_t x = 2463534242u;
	size_t checks = 0;

	(void)state;
	for (size_t i = 0; i < nb; i++)
		for (size_t j = 0; j < nb; j++)
			for (size_t k = 0; k < nb; k++)
				for (size_t at = 0; at + 4 <= sizeof(buf); at += 5) {
					memset(buf, 'x', sizeof(buf));
					buf[at] = b[i];
					buf[at + 1] = b[j];
					buf[at + 2] = b[k];
					buf[at + 3] = 0x80;
					for (size_t len = at; len <= at + 4; len++) {
						assert_int_equal(dy_utf8_valid((const char *)buf, len), utf8_valid_by_seq(buf, len));
						checks++;
					}
				}
	for (int r = 0; r < 200000; r++) {
		size_t len;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		len = x % (sizeof(buf) + 1);
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			buf[i] = x % 8 == 0 ? (unsigned char)(x >> 8) : x % 8 == 1 ? b[(x >> 8) % nb] : (unsigned char)('a' + (x >> 8) % 26);
		}
		assert_int_equal(dy_utf8_valid((const char *)buf, len), utf8_valid_by_seq(buf, len));
		checks++;
	}
	assert_true(checks > 500000);
}

/* ----------------------------------------------------------------- time */

static void
time_iso_matches_the_c_library_across_the_years(void **state)
{
	char got[DY_TIME_ISO_LEN + 1], want[64];
	uint64_t x = 88172645463325252ULL;

	(void)state;
	/* year 1000 to 9999, and every kind of day: compare with gmtime_r */
	for (int i = 0; i < 20000; i++) {
		int64_t t;
		time_t tt;
		struct tm tm;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t = -30610224000LL + (int64_t)(x % (253402300799ULL + 30610224000ULL + 1));
		if (i < 4)
			t = (int64_t[]){0, 951782400, 253402300799LL, -30610224000LL}[i];
		tt = (time_t)t;
		assert_non_null(gmtime_r(&tt, &tm));
		assert_int_not_equal(strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm), 0);
		dy_time_iso(t, got);
		assert_string_equal(got, want);
	}
}

static void
time_iso_writes_the_epoch_outside_four_digit_years(void **state)
{
	char got[DY_TIME_ISO_LEN + 1];

	(void)state;
	dy_time_iso(253402300800LL, got);
	assert_string_equal(got, "1970-01-01T00:00:00Z");
	dy_time_iso(INT64_MIN, got);
	assert_string_equal(got, "1970-01-01T00:00:00Z");
	dy_time_iso(-62167219200LL, got);
	assert_string_equal(got, "0000-01-01T00:00:00Z");
	dy_time_iso(-1, got);
	assert_string_equal(got, "1969-12-31T23:59:59Z");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_add_keeps_bytes_with_a_nul_after),
		cmocka_unit_test(buf_holds_exactly_its_cap),
		cmocka_unit_test(buf_add_past_cap_fails_keeps_nothing_of_it_and_latches),
		cmocka_unit_test(buf_take_hands_over_and_leaves_it_empty),
		cmocka_unit_test(buf_take_of_nothing_is_an_empty_string),
		cmocka_unit_test(buf_addf_formats_in_place_and_when_it_must_grow),
		cmocka_unit_test(buf_addf_past_cap_fails_in_either_path),
		cmocka_unit_test(buf_grow_is_a_hint_clamped_to_the_cap),
		cmocka_unit_test(buf_reset_clears_the_failure_and_keeps_the_memory),
		cmocka_unit_test(buf_fail_latches_the_first_code),
		cmocka_unit_test(buf_grows_through_many_small_adds),
		cmocka_unit_test(buf_release_accepts_a_zeroed_buffer),
		cmocka_unit_test(utf8_accepts_well_formed_text),
		cmocka_unit_test(utf8_refuses_overlong_surrogates_big_cut_short_and_nul),
		cmocka_unit_test(utf8_seq_gives_the_length_of_one_sequence),
		cmocka_unit_test(utf8_valid_agrees_with_one_sequence_at_a_time),
		cmocka_unit_test(time_iso_matches_the_c_library_across_the_years),
		cmocka_unit_test(time_iso_writes_the_epoch_outside_four_digit_years),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
