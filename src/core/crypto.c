/*
 * crypto.c - libsodium, used as crypto.h describes.
 */
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

static size_t
space_ad(uint8_t ad[128], const char *person_id, const char *space_id)
{
	int n = snprintf((char *)ad, 128, "dyad-space-v1|%s|%s", person_id, space_id);

	return n < 0 ? 0 : (size_t)n >= 128 ? 127 : (size_t)n;
}

void
dy_space_key_wrap(uint8_t out[DY_SPACE_WRAPPED_BYTES], const uint8_t space[DY_KEY_BYTES],
                  const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id)
{
	uint8_t ad[128];

	dy_seal(out, space, DY_KEY_BYTES, ad, space_ad(ad, person_id, space_id), personal);
}

int
dy_space_key_unwrap(uint8_t space[DY_KEY_BYTES], const uint8_t in[DY_SPACE_WRAPPED_BYTES],
                    const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id)
{
	uint8_t ad[128];

	return dy_open(space, in, DY_SPACE_WRAPPED_BYTES, ad, space_ad(ad, person_id, space_id), personal);
}

void
dy_subkey(uint8_t out[DY_KEY_BYTES], const uint8_t *in, size_t in_len, const char *context)
{
	uint8_t ctx[crypto_generichash_KEYBYTES];

	/* the context as the hash key: distinct purposes give unrelated keys */
	crypto_generichash(ctx, sizeof(ctx), (const uint8_t *)context, strlen(context), NULL, 0);
	crypto_generichash(out, DY_KEY_BYTES, in, in_len, ctx, sizeof(ctx));
}
