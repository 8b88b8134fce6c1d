/*
 * crypto.h - the core's use of libsodium, in one place.
 *
 * Key model (docs/STORAGE.md says it in full):
 *  - passphrase --Argon2id--> key-encryption key (KEK), parameters per person;
 *  - the KEK unwraps the person's secret keys: a symmetric personal key and
 *    an X25519 secret key (the recovery code's own KEK wraps them too);
 *  - each member keeps the key of the current partnership (the space key of
 *    an epoch) wrapped under their personal key;
 *  - records are XChaCha20-Poly1305 with a fresh random nonce per write, the
 *    record's id, owner, kind, parent, version, visibility and partnership
 *    bound in as associated data (a kept earlier version under a context of
 *    its own), the payload padded to a size bucket.
 * Every key lives in a struct dy_keys from sodium_malloc and is wiped on free.
 */
#ifndef DY_CRYPTO_H
#define DY_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "dyad.h"

#define DY_KEY_BYTES 32
#define DY_SALT_BYTES crypto_pwhash_SALTBYTES
#define DY_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define DY_TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
/* Ciphertext overhead of dy_seal: nonce in front, tag behind. */
#define DY_SEAL_OVERHEAD (DY_NONCE_BYTES + DY_TAG_BYTES)
#define DY_SPACE_WRAPPED_BYTES (DY_KEY_BYTES + DY_SEAL_OVERHEAD)

#define DY_OLD_KEYS 4

struct dy_keys {
	uint8_t personal[DY_KEY_BYTES];
	uint8_t box_pk[crypto_box_PUBLICKEYBYTES];
	uint8_t box_sk[crypto_box_SECRETKEYBYTES];
	uint8_t space[DY_KEY_BYTES];     /* the key of partnership epoch */
	int64_t epoch;                   /* 0: none held */
	/* keys of partnerships that have ended, held only while their records
	 * are sealed again (at an unlock) */
	uint8_t old[DY_OLD_KEYS][DY_KEY_BYTES];
	int64_t old_epoch[DY_OLD_KEYS];
	int nold;
};

/* The person's secrets as wrapped together: personal key then box secret key. */
#define DY_PERSON_SECRET_BYTES (DY_KEY_BYTES + crypto_box_SECRETKEYBYTES)
/* A web session's wrapped secrets: personal, box secret, space key. */
#define DY_SESSION_SECRET_BYTES (DY_PERSON_SECRET_BYTES + DY_KEY_BYTES)
/* The person's secrets as sealed under a passphrase's or recovery code's KEK. */
#define DY_WRAPPED_BYTES (DY_PERSON_SECRET_BYTES + DY_SEAL_OVERHEAD)
/* A web session's secrets as sealed under its session key. */
#define DY_SESSION_WRAPPED_BYTES (DY_SESSION_SECRET_BYTES + DY_SEAL_OVERHEAD)

/* A zeroed struct dy_keys in guarded memory; NULL when out of memory. Free
 * with dy_keys_free, which wipes it. */
struct dy_keys *dy_keys_new(void);
void dy_keys_free(struct dy_keys *k);

/* Fresh personal key and X25519 key pair. */
int dy_keys_generate_person(struct dy_keys *k);

/* Derive a 32-byte KEK into out (guarded memory of the caller) with Argon2id. */
DY_WUR int dy_kdf(uint8_t out[DY_KEY_BYTES], const char *pass, size_t pass_len,
                  const uint8_t salt[DY_SALT_BYTES], uint64_t ops, size_t mem,
                  struct dy_error *err);

/* AEAD seal: writes nonce || ciphertext || tag (pt_len + DY_SEAL_OVERHEAD
 * bytes) to out. */
void dy_seal(uint8_t *out, const uint8_t *pt, size_t pt_len,
             const uint8_t *ad, size_t ad_len, const uint8_t key[DY_KEY_BYTES]);

/* AEAD open of what dy_seal wrote: writes ct_len - DY_SEAL_OVERHEAD bytes to
 * out. Returns 0, or -1 when the input is short, forged or under another key. */
DY_WUR int dy_open(uint8_t *out, const uint8_t *ct, size_t ct_len,
                   const uint8_t *ad, size_t ad_len, const uint8_t key[DY_KEY_BYTES]);

/* Each member's copy of the space key, wrapped under their personal key
 * with their id and the space's as associated data. Not crypto_box_seal to
 * their public key: anonymous sealing can be done by anyone, so whoever can
 * write the database could swap in a key of their own choosing. */
void dy_space_key_wrap(uint8_t out[DY_SPACE_WRAPPED_BYTES], const uint8_t space[DY_KEY_BYTES],
                       const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id);
DY_WUR int dy_space_key_unwrap(uint8_t space[DY_KEY_BYTES], const uint8_t in[DY_SPACE_WRAPPED_BYTES],
                               const uint8_t personal[DY_KEY_BYTES], const char *person_id,
                               const char *space_id);
/* The same for the key of one partnership (epoch), bound to it: a copy of
 * an older partnership's key cannot stand in for the current one. */
void dy_epoch_key_wrap(uint8_t out[DY_SPACE_WRAPPED_BYTES], const uint8_t key[DY_KEY_BYTES],
                       const uint8_t personal[DY_KEY_BYTES], const char *person_id, const char *space_id,
                       int64_t epoch);
DY_WUR int dy_epoch_key_unwrap(uint8_t key[DY_KEY_BYTES], const uint8_t in[DY_SPACE_WRAPPED_BYTES],
                               const uint8_t personal[DY_KEY_BYTES], const char *person_id,
                               const char *space_id, int64_t epoch);

/*
 * Every context of dyad's key derivations and associated data, one row each
 * of the table in crypto.c. Associated data binds a ciphertext to where it
 * belongs, as the text "<tag>|<part>|<part>..."; a subkey context names what
 * a derived key is for. Never change a row that has shipped: databases are
 * sealed under it. Add a row (a new tag, "-v2") instead.
 */
enum dy_ctx {
	/* associated data (dy_ad) and its parts, in order */
	DY_AD_PERSON,          /* "dyad-person-v1": purpose ("pass", "recovery"), person id */
	DY_AD_SPACE,           /* "dyad-space-v1": person id, space id */
	DY_AD_INVITE,          /* "dyad-invite-v1": space id (schema 1-3) */
	DY_AD_SPACE2,          /* "dyad-space-v2": person id, space id, partnership (epoch) */
	DY_AD_INVITE2,         /* "dyad-invite-v2": space id, partnership it begins */
	DY_AD_SESSION,         /* "dyad-session-v1": session lookup (hex), person id */
	DY_AD_RECORD,          /* "dyad-rec-v1": record id, owner id, kind (schema 1-3) */
	DY_AD_RECORD2,         /* "dyad-rec-v2": record id, owner id, kind, parent id,
	                          version, visibility, partnership (epoch) */
	DY_AD_KEPT,            /* "dyad-kept-v1": the parts of dyad-rec-v2, for a kept
	                          (earlier) version of a record: a kept body never
	                          opens as the live one, nor the live one as kept */
	/* subkeys (dy_subkey) */
	DY_KEY_INVITE_LOOKUP,  /* "dyad invite lookup": finds an invitation, proves nothing */
	DY_KEY_INVITE,         /* "dyad invite key": unwraps the space key it carries */
	DY_KEY_SESSION_LOOKUP, /* "dyad session lookup" */
	DY_KEY_SESSION,        /* "dyad session key": unwraps the session's keys */
	DY_KEY_CSRF,           /* "dyad csrf": the anti-CSRF value of a token */
	DY_KEY_ANSWER_ID,      /* "dyad answer id": the id of an answer to a question for two */
	DY_CTX__COUNT
};

/* Room for the associated data of any context, every part at its longest. */
#define DY_AD_MAX 256

/*
 * Write the associated data of an DY_AD_* context to out (cap bytes):
 * the context's tag, then each of its nparts parts after a '|'. A part
 * longer than the context allows for it is cut there (ids at DY_ID_LEN),
 * so the result always fits in DY_AD_MAX. Returns its length; 0 only on
 * misuse (a subkey context, the wrong number of parts, cap too small).
 */
size_t dy_ad(uint8_t *out, size_t cap, enum dy_ctx ctx, const char *const *parts, size_t nparts);

/*
 * Padding, so that a stored ciphertext shows only a size bucket, not the
 * exact length of what was written: ISO/IEC 7816-4 (sodium_pad: 0x80,
 * then zeros) up to the bucket of len + 1 bytes. Buckets start at 256 bytes
 * and each is the one before plus a quarter, rounded up to 256 bytes (256,
 * 512, 768, 1024, 1280, 1792, ...): at most a quarter more bytes, and about
 * 40 sizes between 256 B and 2 MiB.
 */
size_t dy_pad_bucket(size_t len);
/* Pad buf's len bytes to dy_pad_bucket(len) (cap must allow it) into
 * *padded. -1 when it does not fit. */
DY_WUR int dy_pad(uint8_t *buf, size_t len, size_t cap, size_t *padded);
/* The unpadded length of a padded buffer; -1 when the padding is wrong. */
DY_WUR int dy_unpad(const uint8_t *buf, size_t padded, size_t *len);

/* A 32-byte subkey of a high-entropy input (codes, session secrets) for the
 * purpose of a DY_KEY_* context. */
void dy_subkey(uint8_t out[DY_KEY_BYTES], const uint8_t *in, size_t in_len, enum dy_ctx ctx);

/* A record id (a UUID, version 8) that whoever holds key can compute and
 * nobody else can tell apart from a random one: a keyed BLAKE2b of the
 * texts a and b (neither may contain '|') under key's subkey for ctx.
 * Partners find each other's answer to a question for two by it. */
void dy_keyed_id(char out[DY_ID_LEN + 1], const uint8_t key[DY_KEY_BYTES], enum dy_ctx ctx, const char *a,
                 const char *b);

#endif
