/*
 * throttle_test.c - failed-login counters
 * (src/web/throttle.c), on a clock the tests move by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sodium.h>

#include "throttle.h"

#define T0 1000000

static int64_t fake_now;

static int64_t fake_clock(void *ctx)
{
	return *(const int64_t *)ctx;
}

static int setup(void **state)
{
	(void)state;
	throttle_init();
	fake_now = T0;
	throttle_set_clock(fake_clock, &fake_now);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	throttle_set_clock(NULL, NULL);
	throttle_release();
	return 0;
}

static void fail_times(const char *name, const char *addr, int times)
{
	int i;

	for (i = 0; i < times; i++)
		throttle_fail(name, name != NULL ? strlen(name) : 0, addr);
}

static int64_t wait_of(const char *name, const char *addr)
{
	return throttle_wait(name, name != NULL ? strlen(name) : 0, addr);
}

/* ---- per account name ---- */

static void name_may_fail_four_times_then_waits_one_second(void **state)
{
	(void)state;
	fail_times("alex", NULL, 4);
	assert_int_equal(wait_of("alex", NULL), 0);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 1);
}

static void name_wait_doubles_with_each_further_failure(void **state)
{
	(void)state;
	fail_times("alex", NULL, 5);
	assert_int_equal(wait_of("alex", NULL), 1);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 2);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 4);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 8);
}

static void name_wait_stops_at_fifteen_minutes(void **state)
{
	(void)state;
	fail_times("alex", NULL, 14);
	assert_int_equal(wait_of("alex", NULL), 512);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 900);
	fail_times("alex", NULL, 100);
	assert_int_equal(wait_of("alex", NULL), 900);
}

static void wait_counts_down_as_the_clock_moves(void **state)
{
	(void)state;
	fail_times("alex", NULL, 7);
	assert_int_equal(wait_of("alex", NULL), 4);
	fake_now += 1;
	assert_int_equal(wait_of("alex", NULL), 3);
	fake_now += 2;
	assert_int_equal(wait_of("alex", NULL), 1);
	fake_now += 1;
	assert_int_equal(wait_of("alex", NULL), 0);
}

/* Waiting out the penalty does not clear it: the next failure waits longer. */
static void failure_after_the_wait_ends_waits_twice_as_long(void **state)
{
	(void)state;
	fail_times("alex", NULL, 6);
	assert_int_equal(wait_of("alex", NULL), 2);
	fake_now += 2;
	assert_int_equal(wait_of("alex", NULL), 0);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 4);
}

static void success_clears_the_name_count(void **state)
{
	(void)state;
	fail_times("alex", NULL, 6);
	assert_int_equal(wait_of("alex", NULL), 2);
	throttle_success("alex", 4);
	assert_int_equal(wait_of("alex", NULL), 0);
	/* four more free tries, as at the start */
	fail_times("alex", NULL, 4);
	assert_int_equal(wait_of("alex", NULL), 0);
}

static void success_leaves_the_address_count(void **state)
{
	(void)state;
	fail_times("alex", "192.0.2.7", 20);
	throttle_success("alex", 4);
	assert_int_equal(wait_of("alex", "192.0.2.7"), 1);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 1);
}

static void name_count_follows_the_name_across_addresses(void **state)
{
	char addr[32];
	int i;

	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(addr, sizeof(addr), "192.0.2.%d", i + 1);
		fail_times("alex", addr, 1);
	}
	assert_int_equal(wait_of("alex", "198.51.100.1"), 1);
	assert_int_equal(wait_of("sam", "198.51.100.1"), 0);
}

static void names_are_counted_apart(void **state)
{
	(void)state;
	fail_times("alex", NULL, 10);
	assert_true(wait_of("alex", NULL) > 0);
	assert_int_equal(wait_of("sam", NULL), 0);
	assert_int_equal(wait_of("alex2", NULL), 0);
}

/* names log in without regard to case (part of #7), so "ALEX" must not be
 * a fresh count for alex's account */
static void a_name_in_another_case_shares_its_count(void **state)
{
	(void)state;
	fail_times("alex", NULL, 3);
	fail_times("ALEX", NULL, 2);
	assert_true(wait_of("Alex", NULL) > 0);
	assert_true(wait_of("aLeX", NULL) > 0);
	assert_int_equal(wait_of("alexa", NULL), 0);
}

static void quiet_name_starts_over_after_an_hour(void **state)
{
	(void)state;
	fail_times("alex", NULL, 7);
	fake_now += 3601;
	assert_int_equal(wait_of("alex", NULL), 0);
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 0);
}

static void name_quiet_for_just_an_hour_keeps_its_count(void **state)
{
	(void)state;
	fail_times("alex", NULL, 7);
	fake_now += 3600;
	fail_times("alex", NULL, 1);
	assert_int_equal(wait_of("alex", NULL), 8);
}

/* ---- per client address ---- */

static void address_may_fail_nineteen_times_then_waits_one_second(void **state)
{
	(void)state;
	fail_times(NULL, "192.0.2.7", 19);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 0);
	fail_times(NULL, "192.0.2.7", 1);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 1);
	fail_times(NULL, "192.0.2.7", 1);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 2);
}

/* Guessing a different name each time does not escape the address count. */
static void address_count_holds_across_names(void **state)
{
	char name[16];
	int i;

	(void)state;
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "user%d", i);
		fail_times(name, "192.0.2.7", 1);
	}
	assert_int_equal(wait_of("someone-new", "192.0.2.7"), 1);
	assert_int_equal(wait_of("someone-new", "192.0.2.8"), 0);
}

static void addresses_are_counted_apart(void **state)
{
	(void)state;
	fail_times(NULL, "192.0.2.7", 25);
	assert_true(wait_of(NULL, "192.0.2.7") > 0);
	assert_int_equal(wait_of(NULL, "192.0.2.70"), 0);
	assert_int_equal(wait_of(NULL, "192.0.2.8"), 0);
}

static void ipv4_and_ipv6_addresses_are_counted_apart(void **state)
{
	(void)state;
	fail_times(NULL, "127.0.0.1", 25);
	assert_true(wait_of(NULL, "127.0.0.1") > 0);
	assert_int_equal(wait_of(NULL, "::1"), 0);
	fail_times(NULL, "2001:db8::1", 25);
	assert_true(wait_of(NULL, "2001:db8::1") > 0);
	assert_int_equal(wait_of(NULL, "192.0.2.1"), 0);
}

static void quiet_address_starts_over_after_an_hour(void **state)
{
	(void)state;
	fail_times(NULL, "192.0.2.7", 22);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 4);
	fake_now += 3601;
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 0);
	fail_times(NULL, "192.0.2.7", 1);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 0);
}

/* A host holds a whole /64: twenty addresses from one network are one
 * client, and the next network is another. */
static void ipv6_addresses_of_one_64_network_share_a_count(void **state)
{
	char addr[64];
	int i;

	(void)state;
	for (i = 0; i < 20; i++) {
		snprintf(addr, sizeof(addr), "2001:db8:1:2:%x::%x", i * 7, i + 1);
		fail_times(NULL, addr, 1);
	}
	assert_int_equal(wait_of(NULL, "2001:db8:1:2:ffff:ffff:ffff:ffff"), 1);
	assert_int_equal(wait_of(NULL, "2001:db8:1:2::"), 1);
	assert_int_equal(wait_of(NULL, "2001:db8:1:3::1"), 0);
	assert_int_equal(wait_of(NULL, "2001:db8:1:1:ffff:ffff:ffff:ffff"), 0);
}

static void spellings_of_one_ipv6_address_share_a_count(void **state)
{
	(void)state;
	fail_times(NULL, "2001:DB8:0:0:0:0:0:1", 10);
	fail_times(NULL, "2001:db8::1", 10);
	assert_int_equal(wait_of(NULL, "2001:0db8::0001"), 1);
}

/* A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d: each is
 * its IPv4 address, not one /64 for every IPv4 client. */
static void ipv4_mapped_address_counts_as_its_ipv4_address(void **state)
{
	(void)state;
	fail_times(NULL, "::ffff:192.0.2.7", 20);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 1);
	assert_int_equal(wait_of(NULL, "::ffff:192.0.2.7"), 1);
	assert_int_equal(wait_of(NULL, "::ffff:192.0.2.8"), 0);
	assert_int_equal(wait_of(NULL, "192.0.2.8"), 0);
}

static void address_text_that_is_no_address_is_counted_as_it_is(void **state)
{
	(void)state;
	fail_times(NULL, "unknown", 20);
	assert_int_equal(wait_of(NULL, "unknown"), 1);
	assert_int_equal(wait_of(NULL, "unknown2"), 0);
	fail_times(NULL, "fe80::1%eth0", 20);
	assert_int_equal(wait_of(NULL, "fe80::1%eth0"), 1);
}

/* ---- both ---- */

static void wait_is_the_longer_of_name_and_address(void **state)
{
	(void)state;
	fail_times("alex", NULL, 8);           /* name: 8 s */
	fail_times(NULL, "192.0.2.7", 21);     /* address: 2 s */
	assert_int_equal(wait_of("alex", "192.0.2.7"), 8);
	assert_int_equal(wait_of("sam", "192.0.2.7"), 2);
	assert_int_equal(wait_of("alex", "192.0.2.8"), 8);
}

static void name_and_address_of_the_same_text_are_counted_apart(void **state)
{
	(void)state;
	fail_times("192.0.2.7", NULL, 10);
	assert_true(wait_of("192.0.2.7", NULL) > 0);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 0);
}

static void missing_name_and_address_count_nothing(void **state)
{
	(void)state;
	fail_times(NULL, NULL, 50);
	fail_times("", "", 50);
	assert_int_equal(wait_of(NULL, NULL), 0);
	assert_int_equal(wait_of("", ""), 0);
	assert_int_equal(wait_of("alex", "192.0.2.7"), 0);
	throttle_success(NULL, 0);
}

static void init_forgets_every_count(void **state)
{
	(void)state;
	fail_times("alex", "192.0.2.7", 25);
	assert_true(wait_of("alex", "192.0.2.7") > 0);
	throttle_release();
	throttle_init();
	assert_int_equal(wait_of("alex", "192.0.2.7"), 0);
}

/* ---- a full table ---- */

/* 50,000 addresses failing once, later than the account's last failure,
 * fill the table many times over; the account under a penalty keeps it
 * (a new key takes the place of a cooler one). */
static void flood_of_new_addresses_does_not_clear_a_blocked_name(void **state)
{
	char addr[32];
	int i;

	(void)state;
	fail_times("alex", NULL, 10);
	assert_int_equal(wait_of("alex", NULL), 32);
	fake_now += 1;
	for (i = 0; i < 50000; i++) {
		snprintf(addr, sizeof(addr), "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
		fail_times(NULL, addr, 1);
	}
	assert_int_equal(wait_of("alex", NULL), 31);
}

static void flood_of_new_names_does_not_clear_a_blocked_address(void **state)
{
	char name[32];
	int i;

	(void)state;
	fail_times(NULL, "192.0.2.7", 25);
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 32);
	fake_now += 1;
	for (i = 0; i < 50000; i++) {
		snprintf(name, sizeof(name), "guess-%d", i);
		fail_times(name, NULL, 1);
	}
	assert_int_equal(wait_of(NULL, "192.0.2.7"), 31);
}

static void new_name_is_counted_when_the_table_is_full(void **state)
{
	char addr[32];
	int i;

	(void)state;
	for (i = 0; i < 50000; i++) {
		snprintf(addr, sizeof(addr), "10.%d.%d.%d", (i >> 16) & 255, (i >> 8) & 255, i & 255);
		fail_times(NULL, addr, 1);
	}
	fake_now += 1;
	fail_times("sam", NULL, 5);
	assert_int_equal(wait_of("sam", NULL), 1);
}

/* Twenty thousand names, each failed sixteen times (far past alex's
 * ten), fill every slot with a key being slowed. Alex's wait holds (a slot
 * past its free tries is never given up), and a name new to the full
 * table must wait instead of starting a count nobody keeps. */
static void flood_of_hot_names_never_clears_a_blocked_name(void **state)
{
	char name[32];
	int i;

	(void)state;
	fail_times("alex", NULL, 10);
	assert_int_equal(wait_of("alex", NULL), 32);
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof(name), "hot-%d", i);
		fail_times(name, NULL, 16);
	}
	assert_int_equal(wait_of("alex", NULL), 32);
	assert_int_equal(wait_of("someone-new", NULL), 60);
	fail_times("someone-new", NULL, 1);
	assert_int_equal(wait_of("someone-new", NULL), 60);
}

/* Keys with free tries left are given up for new ones: a table full of
 * them still counts a new name from its first failure. */
static void a_key_with_free_tries_left_makes_room(void **state)
{
	char name[32];
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(name, sizeof(name), "cool-%d", i);
		fail_times(name, NULL, 4);
	}
	assert_int_equal(wait_of("sam", NULL), 0);
	fail_times("sam", NULL, 5);
	assert_int_equal(wait_of("sam", NULL), 1);
}

/* FNV-1a, the table's hash before it was keyed: anyone could compute
 * names that land beside a victim's slot. */
static uint32_t fnv1a(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 16777619u;
	}
	return h;
}

/* Eight names made to share alex's slot under FNV-1a, each failed far
 * past alex, then a ninth: with a public hash the ninth pushes alex out
 * (the coldest of the eight slots there); a keyed hash scatters them. */
static void names_colliding_under_a_public_hash_do_not_clear_a_blocked_name(void **state)
{
	char name[32], key[40];
	uint32_t want = fnv1a("n:alex", 6) % 4096;
	int found = 0, i;

	(void)state;
	fail_times("alex", NULL, 10);
	assert_int_equal(wait_of("alex", NULL), 32);
	for (i = 0; found < 9 && i < 10000000; i++) {
		int n = snprintf(name, sizeof(name), "x%d", i);
		int k = snprintf(key, sizeof(key), "n:%s", name);

		assert_true(n > 0 && k > 0);
		if (fnv1a(key, (size_t)k) % 4096 != want)
			continue;
		fail_times(name, NULL, found < 8 ? 40 : 1);
		found++;
	}
	assert_int_equal(found, 9);
	assert_int_equal(wait_of("alex", NULL), 32);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(name_may_fail_four_times_then_waits_one_second),
		TEST(name_wait_doubles_with_each_further_failure),
		TEST(name_wait_stops_at_fifteen_minutes),
		TEST(wait_counts_down_as_the_clock_moves),
		TEST(failure_after_the_wait_ends_waits_twice_as_long),
		TEST(success_clears_the_name_count),
		TEST(success_leaves_the_address_count),
		TEST(name_count_follows_the_name_across_addresses),
		TEST(names_are_counted_apart),
		TEST(a_name_in_another_case_shares_its_count),
		TEST(quiet_name_starts_over_after_an_hour),
		TEST(name_quiet_for_just_an_hour_keeps_its_count),
		TEST(address_may_fail_nineteen_times_then_waits_one_second),
		TEST(address_count_holds_across_names),
		TEST(addresses_are_counted_apart),
		TEST(ipv4_and_ipv6_addresses_are_counted_apart),
		TEST(quiet_address_starts_over_after_an_hour),
		TEST(ipv6_addresses_of_one_64_network_share_a_count),
		TEST(spellings_of_one_ipv6_address_share_a_count),
		TEST(ipv4_mapped_address_counts_as_its_ipv4_address),
		TEST(address_text_that_is_no_address_is_counted_as_it_is),
		TEST(wait_is_the_longer_of_name_and_address),
		TEST(name_and_address_of_the_same_text_are_counted_apart),
		TEST(missing_name_and_address_count_nothing),
		TEST(init_forgets_every_count),
		TEST(flood_of_hot_names_never_clears_a_blocked_name),
		TEST(a_key_with_free_tries_left_makes_room),
		TEST(flood_of_new_addresses_does_not_clear_a_blocked_name),
		TEST(flood_of_new_names_does_not_clear_a_blocked_address),
		TEST(new_name_is_counted_when_the_table_is_full),
		TEST(names_colliding_under_a_public_hash_do_not_clear_a_blocked_name),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
