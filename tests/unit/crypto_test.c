/* crypto_test.c - the one associated-data builder and the context table:
 * byte for byte what the five old builders wrote, so that every database
 * sealed before still opens. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "crypto.h"
#include "util.h"

/* The forms the old builders wrote (account.c, token.c, crypto.c: snprintf
 * into 96 or 128 bytes; record.c's rec_ad by hand, each part cut at its
 * limit). */
static size_t
old_printf_form(uint8_t *ad, size_t size, const char *fmt, const char *a, const char *b)
{
	int n = b != NULL ? snprintf((char *)ad, size, fmt, a, b) : snprintf((char *)ad, size, fmt, a);

	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

static size_t
old_rec_form(uint8_t *ad, const char *id, const char *owner, const char *kind)
{
	static const char tag[] = "dyad-rec-v1|";
	size_t n = sizeof(tag) - 1, l;

	memcpy(ad, tag, n);
	l = strnlen(id, DY_ID_LEN);
	memcpy(ad + n, id, l);
	n += l;
	ad[n++] = '|';
	l = strnlen(owner, DY_ID_LEN);
	memcpy(ad + n, owner, l);
	n += l;
	ad[n++] = '|';
	l = strnlen(kind, 23);
	memcpy(ad + n, kind, l);
	return n + l;
}

static void
assert_same(const uint8_t *got, size_t got_len, const uint8_t *want, size_t want_len)
{
	assert_int_not_equal(got_len, 0);
	assert_int_equal(got_len, want_len);
	assert_memory_equal(got, want, want_len);
}

static void
ad_person_is_the_old_form(void **state)
{
	static const char *const purposes[] = {"pass", "recovery"};
	char id[DY_ID_LEN + 1];
	uint8_t got[DY_AD_MAX], want[128];

	(void)state;
	dy_uuid_v4(id);
	for (size_t i = 0; i < 2; i++) {
		const char *parts[] = {purposes[i], id};
		size_t n = dy_ad(got, sizeof(got), DY_AD_PERSON, parts, 2);

		assert_same(got, n, want, old_printf_form(want, sizeof(want), "dyad-person-v1|%s|%s", purposes[i], id));
	}
}

static void
ad_space_is_the_old_form(void **state)
{
	char person[DY_ID_LEN + 1], space[DY_ID_LEN + 1];
	uint8_t got[DY_AD_MAX], want[128];
	const char *parts[] = {person, space};
	size_t n;

	(void)state;
	dy_uuid_v4(person);
	dy_uuid_v4(space);
	n = dy_ad(got, sizeof(got), DY_AD_SPACE, parts, 2);
	assert_same(got, n, want, old_printf_form(want, sizeof(want), "dyad-space-v1|%s|%s", person, space));
}

static void
ad_invite_is_the_old_form(void **state)
{
	char space[DY_ID_LEN + 1];
	uint8_t got[DY_AD_MAX], want[96];
	const char *parts[] = {space};
	size_t n;

	(void)state;
	dy_uuid_v4(space);
	n = dy_ad(got, sizeof(got), DY_AD_INVITE, parts, 1);
	assert_same(got, n, want, old_printf_form(want, sizeof(want), "dyad-invite-v1|%s", space, NULL));
}

static void
ad_session_is_the_old_form(void **state)
{
	uint8_t lookup[DY_KEY_BYTES], got[DY_AD_MAX], want[128];
	char hex[2 * DY_KEY_BYTES + 1], person[DY_ID_LEN + 1];
	const char *parts[] = {hex, person};
	size_t n;

	(void)state;
	randombytes_buf(lookup, sizeof(lookup));
	sodium_bin2hex(hex, sizeof(hex), lookup, sizeof(lookup));
	dy_uuid_v4(person);
	n = dy_ad(got, sizeof(got), DY_AD_SESSION, parts, 2);
	assert_same(got, n, want, old_printf_form(want, sizeof(want), "dyad-session-v1|%s|%s", hex, person));
}

static void
ad_record_is_the_old_form_and_cuts_parts_where_it_did(void **state)
{
	static const char *const kinds[] = {"journal", "k", "a-kind-name-of-23-bytes", "a-kind-name-longer-than-23-bytes"};
	char id[DY_ID_LEN + 1], owner[DY_ID_LEN + 1], long_id[80];
	uint8_t got[DY_AD_MAX], want[DY_AD_MAX];

	(void)state;
	dy_uuid_v4(id);
	dy_uuid_v4(owner);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *parts[] = {id, owner, kinds[i]};
		size_t n = dy_ad(got, sizeof(got), DY_AD_RECORD, parts, 3);

		assert_same(got, n, want, old_rec_form(want, id, owner, kinds[i]));
	}
	/* an over-long id is cut at DY_ID_LEN, as rec_ad cut it */
	memset(long_id, 'a', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	{
		const char *parts[] = {long_id, long_id, long_id};
		size_t n = dy_ad(got, sizeof(got), DY_AD_RECORD, parts, 3);

		assert_same(got, n, want, old_rec_form(want, long_id, long_id, long_id));
	}
}

static void
ad_refuses_misuse_with_zero(void **state)
{
	char id[DY_ID_LEN + 1];
	const char *parts[] = {id, id, id};
	uint8_t out[DY_AD_MAX];

	(void)state;
	dy_uuid_v4(id);
	assert_int_equal(dy_ad(out, sizeof(out), DY_AD_SPACE, parts, 1), 0);     /* too few parts */
	assert_int_equal(dy_ad(out, sizeof(out), DY_AD_INVITE, parts, 2), 0);    /* too many */
	assert_int_equal(dy_ad(out, sizeof(out), DY_KEY_CSRF, parts, 0), 0);     /* a subkey context */
	assert_int_equal(dy_ad(out, sizeof(out), DY_CTX__COUNT, parts, 1), 0);
	assert_int_equal(dy_ad(out, 20, DY_AD_SPACE, parts, 2), 0);              /* no room */
}

static void
ad_max_holds_every_context_at_its_longest(void **state)
{
	char big[256];
	const char *parts[] = {big, big, big, big, big, big, big};
	static const struct {
		enum dy_ctx ctx;
		size_t nparts;
	} all[] = {{DY_AD_PERSON, 2}, {DY_AD_SPACE, 2},   {DY_AD_INVITE, 1}, {DY_AD_SESSION, 2},
	           {DY_AD_RECORD, 3}, {DY_AD_RECORD2, 7}, {DY_AD_KEPT, 7}};
	uint8_t out[DY_AD_MAX];

	(void)state;
	memset(big, 'f', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_not_equal(dy_ad(out, sizeof(out), all[i].ctx, parts, all[i].nparts), 0);
}

/* A kept version's associated data is a record's parts under a tag of its
 * own: a kept body never opens as the live row, nor the live one as kept. */
static void
ad_kept_is_the_record_parts_under_its_own_tag(void **state)
{
	const char *parts[] = {"id", "owner", "kind", "", "3", "1", "2"};
	uint8_t live[DY_AD_MAX], kept[DY_AD_MAX], key[DY_KEY_BYTES], ct[16 + DY_SEAL_OVERHEAD], pt[16];
	size_t nl = dy_ad(live, sizeof(live), DY_AD_RECORD2, parts, 7);
	size_t nk = dy_ad(kept, sizeof(kept), DY_AD_KEPT, parts, 7);
	static const char want_kept[] = "dyad-kept-v1|id|owner|kind||3|1|2";
	static const char want_live[] = "dyad-rec-v2|id|owner|kind||3|1|2";

	(void)state;
	assert_same(kept, nk, (const uint8_t *)want_kept, strlen(want_kept));
	assert_same(live, nl, (const uint8_t *)want_live, strlen(want_live));
	randombytes_buf(key, sizeof(key));
	memset(pt, 'x', sizeof(pt));
	dy_seal(ct, pt, sizeof(pt), kept, nk, key);
	assert_int_equal(dy_open(pt, ct, sizeof(ct), live, nl, key), -1);
	assert_int_equal(dy_open(pt, ct, sizeof(ct), kept, nk, key), 0);
	dy_seal(ct, pt, sizeof(pt), live, nl, key);
	assert_int_equal(dy_open(pt, ct, sizeof(ct), kept, nk, key), -1);
}

/* dy_subkey as it was, with its context as a string */
static void
old_subkey(uint8_t out[DY_KEY_BYTES], const uint8_t *in, size_t in_len, const char *context)
{
	uint8_t ctx[crypto_generichash_KEYBYTES];

	crypto_generichash(ctx, sizeof(ctx), (const uint8_t *)context, strlen(context), NULL, 0);
	crypto_generichash(out, DY_KEY_BYTES, in, in_len, ctx, sizeof(ctx));
}

static void
subkeys_are_the_old_ones_and_differ_by_context(void **state)
{
	static const struct {
		enum dy_ctx ctx;
		const char *old;
	} keys[] = {
		{DY_KEY_INVITE_LOOKUP, "dyad invite lookup"},
		{DY_KEY_INVITE, "dyad invite key"},
		{DY_KEY_SESSION_LOOKUP, "dyad session lookup"},
		{DY_KEY_SESSION, "dyad session key"},
		{DY_KEY_CSRF, "dyad csrf"},
	};
	uint8_t in[32], got[sizeof(keys) / sizeof(keys[0])][DY_KEY_BYTES], want[DY_KEY_BYTES];

	(void)state;
	randombytes_buf(in, sizeof(in));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		dy_subkey(got[i], in, sizeof(in), keys[i].ctx);
		old_subkey(want, in, sizeof(in), keys[i].old);
		assert_memory_equal(got[i], want, DY_KEY_BYTES);
		for (size_t j = 0; j < i; j++)
			assert_memory_not_equal(got[i], got[j], DY_KEY_BYTES);
	}
}

static void
space_key_wrapped_under_the_old_form_still_unwraps(void **state)
{
	uint8_t personal[DY_KEY_BYTES], space[DY_KEY_BYTES], back[DY_KEY_BYTES];
	uint8_t wrapped[DY_SPACE_WRAPPED_BYTES], ad[128];
	char person[DY_ID_LEN + 1], space_id[DY_ID_LEN + 1];

	(void)state;
	randombytes_buf(personal, sizeof(personal));
	randombytes_buf(space, sizeof(space));
	dy_uuid_v4(person);
	dy_uuid_v4(space_id);
	/* sealed as a database written before the table would have it */
	dy_seal(wrapped, space, sizeof(space), ad,
	        old_printf_form(ad, sizeof(ad), "dyad-space-v1|%s|%s", person, space_id), personal);
	assert_int_equal(dy_space_key_unwrap(back, wrapped, personal, person, space_id), 0);
	assert_memory_equal(back, space, sizeof(space));
	/* and bound to its person */
	assert_int_not_equal(dy_space_key_unwrap(back, wrapped, personal, space_id, person), 0);
}

/* dy_unpad scans back from the end instead of calling sodium_unpad; it
 * accepts and refuses exactly what sodium_unpad does over the whole bucket,
 * for padding at every offset and for damaged padding. */
static void
unpad_agrees_with_sodium_unpad(void **state)
{
	static uint8_t buf[2048 + 8];
	size_t len, padded, got, want;
	int a, b;

	(void)state;
	for (len = 0; len <= 1300; len++) {
		randombytes_buf(buf, len);
		assert_int_equal(dy_pad(buf, len, sizeof(buf), &padded), 0);
		assert_int_equal(padded, dy_pad_bucket(len));
		assert_int_equal(dy_unpad(buf, padded, &got), 0);
		assert_int_equal(got, len);
		assert_int_equal(sodium_unpad(&want, buf, padded, padded), 0);
		assert_int_equal(want, len);
		/* the 0x80 made something else: both refuse or both agree */
		buf[len] = (uint8_t)(len % 2 == 0 ? 0x00 : 0x81);
		a = dy_unpad(buf, padded, &got);
		b = sodium_unpad(&want, buf, padded, padded);
		assert_int_equal(a == 0, b == 0);
		if (a == 0)
			assert_int_equal(got, want);
		/* a stray byte in the zeros after it */
		buf[len] = 0x80;
		if (len + 1 < padded) {
			buf[padded - 1] = 0x01;
			assert_int_not_equal(dy_unpad(buf, padded, &got), 0);
			assert_int_not_equal(sodium_unpad(&want, buf, padded, padded), 0);
			buf[padded - 1] = 0x00;
		}
	}
	/* all zeros; a length that is not a bucket; nothing */
	memset(buf, 0, sizeof(buf));
	assert_int_not_equal(dy_unpad(buf, 256, &got), 0);
	buf[10] = 0x80;
	assert_int_not_equal(dy_unpad(buf, 300, &got), 0);
	assert_int_not_equal(dy_unpad(buf, 0, &got), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ad_person_is_the_old_form),
		cmocka_unit_test(ad_space_is_the_old_form),
		cmocka_unit_test(ad_invite_is_the_old_form),
		cmocka_unit_test(ad_session_is_the_old_form),
		cmocka_unit_test(ad_record_is_the_old_form_and_cuts_parts_where_it_did),
		cmocka_unit_test(ad_refuses_misuse_with_zero),
		cmocka_unit_test(ad_max_holds_every_context_at_its_longest),
		cmocka_unit_test(ad_kept_is_the_record_parts_under_its_own_tag),
		cmocka_unit_test(subkeys_are_the_old_ones_and_differ_by_context),
		cmocka_unit_test(space_key_wrapped_under_the_old_form_still_unwraps),
		cmocka_unit_test(unpad_agrees_with_sodium_unpad),
	};

	if (dy_init() != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
