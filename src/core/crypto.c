/*
 * crypto.c - libsodium, used as crypto.h describes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "util.h"
#include "banned.h"

struct dy_keys *
dy_keys_new(void)
{
	struct dy_keys *k = sodium_malloc(sizeof(*k));

	if (k != NULL)
		sodium_memzero(k, sizeof(*k));
	return k;
}

void
dy_keys_free(struct dy_keys *k)
{
	if (k != NULL)
		sodium_free(k);  /* wipes before unmapping */
}

int
dy_keys_generate_person(struct dy_keys *k)
{
	crypto_aead_xchacha20poly1305_ietf_keygen(k->personal);
	return crypto_box_keypair(k->box_pk, k->box_sk);
}

int
dy_kdf(uint8_t out[DY_KEY_BYTES], const char *pass, size_t pass_len,
       const uint8_t salt[DY_SALT_BYTES], uint64_t ops, size_t mem, struct dy_error *err)
{
	if (crypto_pwhash(out, DY_KEY_BYTES, pass, pass_len, salt, ops, mem,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return dy_fail(err, DY_ENOMEM, "Not enough memory to derive the key from the passphrase.");
	return 0;
}

void
dy_seal(uint8_t *out, const uint8_t *pt, size_t pt_len,
        const uint8_t *ad, size_t ad_len, const uint8_t key[DY_KEY_BYTES])
{
	randombytes_buf(out, DY_NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + DY_NONCE_BYTES, NULL, pt, pt_len,
	                                           ad, ad_len, NULL, out, key);
}

int
dy_open(uint8_t *out, const uint8_t *ct, size_t ct_len,
        const uint8_t *ad, size_t ad_len, const uint8_t key[DY_KEY_BYTES])
{
	if (ct_len < DY_SEAL_OVERHEAD)
		return -1;
	return crypto_aead_xchacha20poly1305_ietf_decrypt(out, NULL, NULL, ct + DY_NONCE_BYTES,
	                                                  ct_len - DY_NONCE_BYTES, ad, ad_len,
	                                                  ct, key) == 0 ? 0 : -1;
}

void
dy_space_key_wrap(uint8_t out[DY_SPACE_WRAPPED_BYTES], const uint8_t space[DY_KEY_BYTES],
                  const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id)
{
	const char *parts[] = {person_id, space_id};
	uint8_t ad[DY_AD_MAX];

	dy_seal(out, space, DY_KEY_BYTES, ad, dy_ad(ad, sizeof(ad), DY_AD_SPACE, parts, 2), personal);
}

int
dy_space_key_unwrap(uint8_t space[DY_KEY_BYTES], const uint8_t in[DY_SPACE_WRAPPED_BYTES],
                    const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id)
{
	const char *parts[] = {person_id, space_id};
	uint8_t ad[DY_AD_MAX];

	return dy_open(space, in, DY_SPACE_WRAPPED_BYTES, ad, dy_ad(ad, sizeof(ad), DY_AD_SPACE, parts, 2),
	               personal);
}

static size_t
epoch_ad(uint8_t ad[DY_AD_MAX], const char *person_id, const char *space_id, int64_t epoch)
{
	char e[24];
	const char *parts[] = {person_id, space_id, e};

	snprintf(e, sizeof(e), "%" PRId64, epoch);
	return dy_ad(ad, DY_AD_MAX, DY_AD_SPACE2, parts, 3);
}

void
dy_epoch_key_wrap(uint8_t out[DY_SPACE_WRAPPED_BYTES], const uint8_t key[DY_KEY_BYTES],
                  const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id, int64_t epoch)
{
	uint8_t ad[DY_AD_MAX];

	dy_seal(out, key, DY_KEY_BYTES, ad, epoch_ad(ad, person_id, space_id, epoch), personal);
}

int
dy_epoch_key_unwrap(uint8_t key[DY_KEY_BYTES], const uint8_t in[DY_SPACE_WRAPPED_BYTES],
                    const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id,
                    int64_t epoch)
{
	uint8_t ad[DY_AD_MAX];

	return dy_open(key, in, DY_SPACE_WRAPPED_BYTES, ad, epoch_ad(ad, person_id, space_id, epoch), personal);
}

/*
 * The contexts of enum dy_ctx. An AD row lists the most bytes each part may
 * take; ids are DY_ID_LEN, a kind at most 23 (record.h's DY_KIND_MAX).
 */
#define AD_PARTS_MAX 7
static const struct {
	const char *tag;
	size_t nparts;                  /* 0: a subkey context */
	size_t part_max[AD_PARTS_MAX];
} ctx_table[DY_CTX__COUNT] = {
	[DY_AD_PERSON] = {"dyad-person-v1", 2, {16, DY_ID_LEN}},
	[DY_AD_SPACE] = {"dyad-space-v1", 2, {DY_ID_LEN, DY_ID_LEN}},
	[DY_AD_INVITE] = {"dyad-invite-v1", 1, {DY_ID_LEN}},
	[DY_AD_SPACE2] = {"dyad-space-v2", 3, {DY_ID_LEN, DY_ID_LEN, 20}},
	[DY_AD_INVITE2] = {"dyad-invite-v2", 2, {DY_ID_LEN, 20}},
	[DY_AD_SESSION] = {"dyad-session-v1", 2, {2 * DY_KEY_BYTES, DY_ID_LEN}},
	[DY_AD_RECORD] = {"dyad-rec-v1", 3, {DY_ID_LEN, DY_ID_LEN, 23}},
	/* numbers as decimal text: a version and an epoch fit in 20 digits */
	[DY_AD_RECORD2] = {"dyad-rec-v2", 7, {DY_ID_LEN, DY_ID_LEN, 23, DY_ID_LEN, 20, 1, 20}},
	[DY_AD_KEPT] = {"dyad-kept-v1", 7, {DY_ID_LEN, DY_ID_LEN, 23, DY_ID_LEN, 20, 1, 20}},
	[DY_KEY_INVITE_LOOKUP] = {"dyad invite lookup", 0, {0}},
	[DY_KEY_INVITE] = {"dyad invite key", 0, {0}},
	[DY_KEY_SESSION_LOOKUP] = {"dyad session lookup", 0, {0}},
	[DY_KEY_SESSION] = {"dyad session key", 0, {0}},
	[DY_KEY_CSRF] = {"dyad csrf", 0, {0}},
	[DY_KEY_ANSWER_ID] = {"dyad answer id", 0, {0}},
};

/* the longest: "dyad-session-v1" and two parts at their maximum */
_Static_assert(sizeof("dyad-session-v1") + 2 * DY_KEY_BYTES + 1 + DY_ID_LEN <= DY_AD_MAX, "DY_AD_MAX");
_Static_assert(sizeof("dyad-rec-v1") + 3 * (DY_ID_LEN + 1) <= DY_AD_MAX, "DY_AD_MAX");
_Static_assert(sizeof("dyad-rec-v2") + 3 * (DY_ID_LEN + 1) + 24 + 2 * 21 + 2 <= DY_AD_MAX, "DY_AD_MAX");
_Static_assert(sizeof("dyad-kept-v1") + 3 * (DY_ID_LEN + 1) + 24 + 2 * 21 + 2 <= DY_AD_MAX, "DY_AD_MAX");

size_t
dy_ad(uint8_t *out, size_t cap, enum dy_ctx ctx, const char *const *parts, size_t nparts)
{
	size_t n, i, l;

	if ((unsigned)ctx >= DY_CTX__COUNT || ctx_table[ctx].nparts == 0 || nparts != ctx_table[ctx].nparts)
		return 0;
	n = strlen(ctx_table[ctx].tag);
	if (n > cap)
		return 0;
	memcpy(out, ctx_table[ctx].tag, n);
	for (i = 0; i < nparts; i++) {
		l = parts[i] != NULL ? strnlen(parts[i], ctx_table[ctx].part_max[i]) : 0;
		if (l + 1 > cap - n)
			return 0;
		out[n++] = '|';
		if (l > 0)
			memcpy(out + n, parts[i], l);
		n += l;
	}
	return n;
}

size_t
dy_pad_bucket(size_t len)
{
	size_t b = 256;

	/* the bucket of len + 1: the padding takes one byte at least */
	while (b <= len && b < SIZE_MAX / 2)
		b = (b + b / 4 + 255) / 256 * 256;
	return b;
}

int
dy_pad(uint8_t *buf, size_t len, size_t cap, size_t *padded)
{
	size_t b = dy_pad_bucket(len);

	if (b > cap)
		return -1;
	/* a block size of the whole bucket pads to exactly that bucket */
	return sodium_pad(padded, buf, len, b, cap) == 0 && *padded == b ? 0 : -1;
}

/*
 * What sodium_unpad(len, buf, padded, padded) accepts -- the last byte that
 * is not zero is 0x80, and what comes before it is the payload -- found by
 * scanning back from the end, eight bytes at a time. sodium_unpad takes the
 * same time whatever the padding (about 25 instructions a byte over the
 * whole buffer, more than the decryption itself); that protects padding
 * that is checked before any authentication, which is not the case here:
 * dy_unpad only ever sees what dy_open has authenticated, and the length it
 * finds is public to whoever can read the file (the bucket) or is used by
 * code that takes time with it anyway.
 */
int
dy_unpad(const uint8_t *buf, size_t padded, size_t *len)
{
	size_t i = padded;

	if (padded == 0 || dy_pad_bucket(padded - 1) != padded)
		return -1;
	while (i >= 8) {
		uint64_t w;

		memcpy(&w, buf + i - 8, 8);
		if (w != 0)
			break;
		i -= 8;
	}
	while (i > 0 && buf[i - 1] == 0)
		i--;
	if (i == 0 || buf[i - 1] != 0x80)
		return -1;
	*len = i - 1;
	return 0;
}

void
dy_subkey(uint8_t out[DY_KEY_BYTES], const uint8_t *in, size_t in_len, enum dy_ctx ctx)
{
	uint8_t key[crypto_generichash_KEYBYTES];
	const char *context = (unsigned)ctx < DY_CTX__COUNT ? ctx_table[ctx].tag : "";

	/* the context as the hash key: distinct purposes give unrelated keys */
	crypto_generichash(key, sizeof(key), (const uint8_t *)context, strlen(context), NULL, 0);
	crypto_generichash(out, DY_KEY_BYTES, in, in_len, key, sizeof(key));
}

void
dy_keyed_id(char out[DY_ID_LEN + 1], const uint8_t key[DY_KEY_BYTES], enum dy_ctx ctx, const char *a,
            const char *b)
{
	uint8_t sub[DY_KEY_BYTES], h[16];
	crypto_generichash_state st;

	dy_subkey(sub, key, DY_KEY_BYTES, ctx);
	crypto_generichash_init(&st, sub, sizeof(sub), sizeof(h));
	crypto_generichash_update(&st, (const uint8_t *)a, strlen(a));
	crypto_generichash_update(&st, (const uint8_t *)"|", 1);
	crypto_generichash_update(&st, (const uint8_t *)b, strlen(b));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_memzero(sub, sizeof(sub));
	sodium_memzero(&st, sizeof(st));
	dy_uuid_form(out, h, 8);
}
