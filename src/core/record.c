/*
 * record.c - encrypted records and the generic operations on them: the one
 * place that seals and opens records, checks a kind's fields, and pages
 * through lists by cursor. Kinds are data (struct dy_kind); this file knows
 * none of them.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "crypto.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

/* ------------------------------------------------------------- payloads */

void
rec_release(struct rec *r)
{
	if (r == NULL)
		return;
	if (r->payload != NULL)
		sodium_memzero(r->payload, r->payload_len);
	free(r->payload);
	r->payload = NULL;
	r->payload_len = 0;
}

int
rec_payload_build(const json_t *fields, const char *body, size_t body_len, uint8_t **out,
                  size_t *out_len, struct dy_error *err)
{
	char *json = json_dumps(fields, JSON_COMPACT);
	size_t jlen, total;
	uint8_t *p;

	if (json == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	jlen = strlen(json);
	if (body != NULL && body_len > DY_PAYLOAD_MAX) {
		total = SIZE_MAX;
	} else {
		total = jlen + (body != NULL ? 1 + body_len : 0);
	}
	if (total > DY_PAYLOAD_MAX) {
		sodium_memzero(json, jlen);
		free(json);
		return dy_fail(err, DY_ETOOBIG, "Too big to store.");
	}
	if ((p = malloc(total + 1)) == NULL) {
		sodium_memzero(json, jlen);
		free(json);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	memcpy(p, json, jlen);
	if (body != NULL) {
		p[jlen] = '\0';
		if (body_len > 0)
			memcpy(p + jlen + 1, body, body_len);
	}
	p[total] = '\0';
	sodium_memzero(json, jlen);
	free(json);
	*out = p;
	*out_len = total;
	return 0;
}

int
rec_payload_split(const struct rec *r, json_t **fields, const char **body, size_t *body_len,
                  struct dy_error *err)
{
	const uint8_t *nul = memchr(r->payload, '\0', r->payload_len);
	size_t jlen = nul != NULL ? (size_t)(nul - r->payload) : r->payload_len;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)r->payload, jlen, 0, &jerr);

	/* dyad seals only UTF-8 text without NUL bytes (check_text), but a
	 * partner can seal any bytes under the space key: a text that no writer
	 * can present would fail every page it is on, so it is damaged (found
	 * by tests/fuzz/record.c) */
	if (!json_is_object(o) || (nul != NULL && !dy_utf8_valid((const char *)nul + 1, r->payload_len - jlen - 1))) {
		json_decref(o);
		return dy_fail(err, DY_ECORRUPT, "Record %s is damaged.", r->id);
	}
	*fields = o;
	*body = nul != NULL ? (const char *)nul + 1 : NULL;
	*body_len = nul != NULL ? r->payload_len - jlen - 1 : 0;
	return 0;
}

bool
rec_payload_plain(const struct rec *r, const char *name, const char **val, size_t *val_len, const char **body,
                  size_t *body_len)
{
	const char *p = (const char *)r->payload, *nul = memchr(p, '\0', r->payload_len), *v, *end;
	size_t jlen = nul != NULL ? (size_t)(nul - p) : r->payload_len, nlen = strlen(name);

	if (jlen == 2 && p[0] == '{' && p[1] == '}') {
		*val = NULL;
		*val_len = 0;
	} else {
		/* {"name":"value"}: 5 bytes before the value, 2 after it */
		if (jlen < nlen + 7 || p[0] != '{' || p[1] != '"' || memcmp(p + 2, name, nlen) != 0 ||
		    memcmp(p + 2 + nlen, "\":\"", 3) != 0 || p[jlen - 2] != '"' || p[jlen - 1] != '}')
			return false;
		v = p + nlen + 5;
		end = p + jlen - 2;
		/* what JSON would decode differently or refuse: escapes, quotes,
		 * control characters, bad UTF-8 */
		for (const char *c = v; c < end; c++)
			if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20)
				return false;
		if (!dy_utf8_valid(v, (size_t)(end - v)))
			return false;
		*val = v;
		*val_len = (size_t)(end - v);
	}
	/* a body that is not UTF-8: rec_payload_split says it is damaged */
	if (nul != NULL && !dy_utf8_valid(nul + 1, r->payload_len - jlen - 1))
		return false;
	*body = nul != NULL ? nul + 1 : NULL;
	*body_len = nul != NULL ? r->payload_len - jlen - 1 : 0;
	return true;
}

/* A JSON string with nothing to decode at p (after its opening quote),
 * before end: its length up to the closing quote, or -1. */
static ptrdiff_t
plain_string(const char *p, const char *end)
{
	const char *c = p;

	while (c < end && *c != '"') {
		if (*c == '\\' || (unsigned char)*c < 0x20)
			return -1;
		c++;
	}
	if (c == end || !dy_utf8_valid(p, (size_t)(c - p)))
		return -1;
	return c - p;
}

int
rec_fields_flat(const struct rec *r, struct rec_member m[REC_MEMBERS_MAX])
{
	const char *p = (const char *)r->payload, *nul = memchr(p, '\0', r->payload_len);
	const char *end = p + (nul != NULL ? (size_t)(nul - p) : r->payload_len);
	int n = 0;

	if (end - p < 2 || *p != '{' || end[-1] != '}')
		return -1;
	p++;
	end--;
	if (p == end)
		return 0;
	for (;;) {
		struct rec_member *x;
		ptrdiff_t k;

		if (n == REC_MEMBERS_MAX || p >= end || *p != '"' || (k = plain_string(p + 1, end)) < 0)
			return -1;
		x = &m[n++];
		x->key = p + 1;
		x->key_len = (size_t)k;
		p += k + 2;
		if (p >= end || *p++ != ':' || p >= end)
			return -1;
		x->s = NULL;
		x->len = 0;
		x->i = 0;
		if (*p == '"') {
			if ((k = plain_string(p + 1, end)) < 0)
				return -1;
			x->type = RV_STRING;
			x->s = p + 1;
			x->len = (size_t)k;
			p += k + 2;
		} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
			bool neg = *p == '-';
			int digits = 0;

			if (neg)
				p++;
			while (p < end && *p >= '0' && *p <= '9' && digits < 19) {
				x->i = x->i * 10 + (*p++ - '0');
				digits++;
			}
			if (digits == 0 || digits > 18 || (p < end && *p != ',') || (digits > 1 && p[-digits] == '0'))
				return -1;
			if (neg)
				x->i = -x->i;
			x->type = RV_INT;
		} else if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
			x->type = RV_TRUE;
			p += 4;
		} else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
			x->type = RV_FALSE;
			p += 5;
		} else if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
			x->type = RV_NULL;
			p += 4;
		} else if (*p == '[') {
			const char *q = ++p;

			/* "a","b",... up to the closing bracket */
			while (q < end && *q != ']') {
				if (*q != '"' || (k = plain_string(q + 1, end)) < 0)
					return -1;
				q += k + 2;
				if (q < end && *q == ',' && q + 1 < end && q[1] != ']')
					q++;
				else if (q >= end || *q != ']')
					return -1;
			}
			if (q >= end)
				return -1;
			x->type = RV_STRINGS;
			x->s = p;
			x->len = (size_t)(q - p);
			p = q + 1;
		} else {
			return -1;
		}
		if (p == end)
			return n;
		if (*p++ != ',')
			return -1;
	}
}

int
rec_strings_next(const char **p, const char *end, const char **s, size_t *len)
{
	const char *q = *p, *c;

	if (q >= end || *q != '"')
		return 0;
	c = memchr(q + 1, '"', (size_t)(end - q - 1));
	if (c == NULL)
		return 0;
	*s = q + 1;
	*len = (size_t)(c - q - 1);
	*p = c + 1 < end && c[1] == ',' ? c + 2 : c + 1;
	return 1;
}

/* ------------------------------------------------------- sealing, opening */

/* Where a sealed body belongs: everything its associated data binds, and
 * what chooses its key. A body moved to another record, person, kind or
 * parent, to another version or visibility, or to another partnership,
 * or between the live row and the kept versions (REC_FORM_KEPT), does not
 * open. */
struct seal_at {
	const char *id, *owner, *kind, *parent;  /* parent "" when none */
	int version;
	int visibility;
	int64_t epoch;                           /* partnership it was sealed in (0: none) */
	int form;                                /* enum rec_form */
};

/* The seal_at of a record as it stands (r's own version and visibility). */
static struct seal_at
seal_of(const struct rec *r)
{
	struct seal_at at = {r->id, r->owner_id, r->kind, r->parent_id, r->version, r->visibility, r->epoch,
	                     r->form};
	return at;
}

/* v in decimal, as "%" PRId64 writes it, into out (24 bytes): the AD of
 * every record read has three numbers, and snprintf cost more than the rest
 * of the AD. */
static const char *
decimal(char out[24], int64_t v)
{
	char *p = out + 23;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	return p;
}

static size_t
rec_ad(uint8_t ad[DY_AD_MAX], const struct seal_at *at)
{
	char version[24], vis[24], epoch[24];
	const char *v1[3] = {at->id, at->owner, at->kind};
	const char *v2[7] = {at->id, at->owner, at->kind, at->parent, NULL, NULL, NULL};

	if (at->form == REC_FORM_V1)
		return dy_ad(ad, DY_AD_MAX, DY_AD_RECORD, v1, 3);
	v2[4] = decimal(version, at->version);
	v2[5] = decimal(vis, at->visibility);
	v2[6] = decimal(epoch, at->epoch);
	return dy_ad(ad, DY_AD_MAX, at->form == REC_FORM_KEPT ? DY_AD_KEPT : DY_AD_RECORD2, v2, 7);
}

/* The key of a body: the owner's personal key while private or held (held
 * records wait sealed under their author's key: the partner's key opens
 * nothing held), the key of the partnership it was shared in once shared.
 * Bodies of schema 1-3 (REC_FORM_V1) used the space key for held ones. NULL
 * when this session holds no such key (a partnership that has ended). */
static const uint8_t *
rec_key(const struct dy_session *s, int visibility, int64_t epoch, int form)
{
	const struct dy_keys *k = s->keys;
	int i;

	if (visibility == REC_PRIVATE || (visibility == REC_HELD && form != REC_FORM_V1))
		return k->personal;
	if (k->epoch != 0 && epoch == k->epoch)
		return k->space;
	for (i = 0; i < k->nold; i++)
		if (k->old_epoch[i] == epoch)
			return k->old[i];
	return NULL;
}

/* Seal a payload for my record at at, padded to its size bucket, always in
 * today's form: REC_FORM_KEPT when at's form says so (a kept version),
 * else REC_FORM_V2 (the live row). The caller frees *out. */
static int
rec_seal(const struct dy_session *s, const struct seal_at *at, const uint8_t *payload, size_t len,
         uint8_t **out, size_t *out_len, struct dy_error *err)
{
	struct seal_at now = *at;
	uint8_t ad[DY_AD_MAX], *pad = NULL, *ct = NULL;
	const uint8_t *key;
	size_t ad_len, cap, padded = 0;
	int rc = 0;

	now.form = at->form == REC_FORM_KEPT ? REC_FORM_KEPT : REC_FORM_V2;
	now.owner = s->person_id;
	if (len > DY_PAYLOAD_MAX)
		return dy_fail(err, DY_ETOOBIG, "Too big to store.");
	if ((key = rec_key(s, now.visibility, now.epoch, now.form)) == NULL)
		return dy_fail(err, DY_EBUSY, "Your partnership changed in the meantime; nothing was saved. Try again.");
	cap = dy_pad_bucket(len);
	if ((pad = malloc(cap)) == NULL || (ct = malloc(cap + DY_SEAL_OVERHEAD)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	if (len > 0)
		memcpy(pad, payload, len);
	if (dy_pad(pad, len, cap, &padded) != 0) {
		rc = dy_fail(err, DY_EIO, "Internal error: padding failed.");
		goto out;
	}
	ad_len = rec_ad(ad, &now);
	dy_seal(ct, pad, padded, ad, ad_len, key);
	*out = ct;
	*out_len = padded + DY_SEAL_OVERHEAD;
	ct = NULL;
out:
	if (pad != NULL)
		sodium_memzero(pad, cap);
	free(pad);
	free(ct);
	return rc;
}

/* The key that opens a sealed body of body_len bytes at at, or NULL (err
 * filled: DY_ECORRUPT) when the body cannot be one or no key of this
 * session opens it. */
static const uint8_t *
unseal_key(const struct dy_session *s, const struct seal_at *at, const uint8_t *body, size_t body_len,
           struct dy_error *err)
{
	const uint8_t *key;

	if (body == NULL || body_len < DY_SEAL_OVERHEAD || body_len - DY_SEAL_OVERHEAD > 2 * DY_PAYLOAD_MAX) {
		dy_fail(err, DY_ECORRUPT, "Record %s is damaged.", at->id);
		return NULL;
	}
	if ((key = rec_key(s, at->visibility, at->epoch, at->form)) == NULL)
		dy_fail(err, DY_ECORRUPT, "Record %s was shared in a partnership that has ended.", at->id);
	return key;
}

/* Open a sealed body with key into pt, which has room for body_len -
 * DY_SEAL_OVERHEAD + 1 bytes: the payload, NUL-terminated, its length to
 * *out_len. Nothing but the padding's bytes are left past the payload. */
static int
unseal_into(const uint8_t *key, const struct seal_at *at, const uint8_t *body, size_t body_len, uint8_t *pt,
            size_t *out_len, struct dy_error *err)
{
	uint8_t ad[DY_AD_MAX];
	size_t ad_len = rec_ad(ad, at), n = body_len - DY_SEAL_OVERHEAD;

	if (dy_open(pt, body, body_len, ad, ad_len, key) != 0 ||
	    (at->form != REC_FORM_V1 && dy_unpad(pt, n, &n) != 0) || n > DY_PAYLOAD_MAX) {
		sodium_memzero(pt, body_len - DY_SEAL_OVERHEAD);
		return dy_fail(err, DY_ECORRUPT,
		               "Record %s failed its integrity check: it is damaged or was changed outside dyad.",
		               at->id);
	}
	pt[n] = '\0';
	*out_len = n;
	return 0;
}

/* Open a sealed body into a new NUL-terminated buffer. A body that does not
 * open under what at says -- damaged, or changed by someone who could write
 * the file (an older text put back, a visibility flipped) -- is
 * DY_ECORRUPT, never its text. */
static int
rec_unseal(const struct dy_session *s, const struct seal_at *at, const uint8_t *body, size_t body_len,
           uint8_t **out, size_t *out_len, struct dy_error *err)
{
	const uint8_t *key = unseal_key(s, at, body, body_len, err);
	uint8_t *pt;
	int rc;

	if (key == NULL)
		return DY_ECORRUPT;
	if ((pt = malloc(body_len - DY_SEAL_OVERHEAD + 1)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = unseal_into(key, at, body, body_len, pt, out_len, err)) != 0) {
		free(pt);
		return rc;
	}
	*out = pt;
	return 0;
}

/* A buffer that the records of a list are opened into one after another,
 * so that a sink which does not keep a payload costs no allocation, and
 * no wipe, per record. Each payload is written over the one before; what
 * an earlier, longer one left past the new one is wiped before the new one
 * is handed over (a sink that keeps it wipes only its own length). */
struct open_buf {
	uint8_t *p;
	size_t cap;
	size_t dirty;                    /* bytes from p that may hold plaintext */
};

static void
open_buf_release(struct open_buf *b)
{
	if (b->p != NULL)
		sodium_memzero(b->p, b->dirty);
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* The form of person owner_id's records (person.form, enum person_form):
 * mine from the session, the other's looked up. */
static int
owner_form_of(struct dy_session *s, const char *owner_id, int *form, struct dy_error *err)
{
	struct store_person p;
	int rc;

	if (strcmp(owner_id, s->person_id) == 0) {
		*form = s->form;
		return 0;
	}
	rc = store_person_by_id(s->db, owner_id, strlen(owner_id), &p, err);
	if (rc != 0)
		return rc == DY_ENOTFOUND ? dy_fail(err, DY_ECORRUPT, "A record's owner is missing.") : rc;
	*form = p.form;
	sodium_memzero(&p, sizeof(p));
	return 0;
}

/* The name of the person owner_id, from the session (me, or the other
 * person it last met) or else looked up once. */
static int
owner_name(struct dy_session *s, const char *owner_id, char out[DY_NAME_MAX + 1], struct dy_error *err)
{
	struct store_person p;
	int rc;

	if (strcmp(owner_id, s->person_id) == 0) {
		memcpy(out, s->name, DY_NAME_MAX + 1);
		return 0;
	}
	if (s->other_id[0] == '\0' || strcmp(owner_id, s->other_id) != 0) {
		rc = store_person_by_id(s->db, owner_id, strlen(owner_id), &p, err);
		if (rc != 0)
			return rc == DY_ENOTFOUND ? dy_fail(err, DY_ECORRUPT, "A record's owner is missing.") : rc;
		memcpy(s->other_id, p.id, sizeof(s->other_id));
		memcpy(s->other_name, p.name, sizeof(s->other_name));
		sodium_memzero(&p, sizeof(p));
	}
	memcpy(out, s->other_name, DY_NAME_MAX + 1);
	return 0;
}

/* A decrypted record from a stored row, its payload in a new buffer. */
static int
rec_open_row(struct dy_session *s, const struct store_rec *row, struct rec *r, struct dy_error *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = owner_name(s, row->owner_id, r->owner_name, err)) != 0)
		return rc;
	memcpy(r->id, row->id, sizeof(r->id));
	memcpy(r->owner_id, row->owner_id, sizeof(r->owner_id));
	memcpy(r->kind, row->kind, sizeof(r->kind));
	memcpy(r->parent_id, row->parent_id, sizeof(r->parent_id));
	r->visibility = row->visibility;
	r->reveal_at = row->reveal_at;
	r->version = row->version;
	r->created_at = row->created_at;
	r->updated_at = row->updated_at;
	r->seq = row->seq;
	r->epoch = row->epoch;
	r->form = row->form;
	struct seal_at at = seal_of(r);
	return rec_unseal(s, &at, row->body, row->body_len, &r->payload, &r->payload_len, err);
}

/* --------------------------------------------------------------- items */

void
dy_item_release(struct dy_item *it)
{
	if (it == NULL)
		return;
	json_decref(it->fields);
	if (it->body != NULL)
		sodium_memzero(it->body, it->body_len);
	free(it->body);
	it->fields = NULL;
	it->body = NULL;
	it->body_len = 0;
}

void
dy_item_list_release(struct dy_item_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->count; i++)
		dy_item_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

int
rec_to_item(const struct dy_session *s, struct rec *r, struct dy_item *it, struct dy_error *err)
{
	json_t *o = NULL;
	const char *body;
	size_t body_len;
	int rc;

	memset(it, 0, sizeof(*it));
	if ((rc = rec_payload_split(r, &o, &body, &body_len, err)) != 0)
		return rc;
	if (body != NULL) {
		/* the body ends the buffer, NUL-terminated: move it to the front
		 * and hand the buffer over (no second copy of a long text) */
		memmove(r->payload, body, body_len + 1);
		/* the fields' JSON that was before the body is no longer needed:
		 * wipe what the move left of it past the body */
		sodium_memzero(r->payload + body_len + 1, r->payload_len - body_len);
		it->body = (char *)r->payload;
		it->body_len = body_len;
		r->payload = NULL;
		r->payload_len = 0;
	}
	it->fields = o;
	memcpy(it->id, r->id, sizeof(it->id));
	memcpy(it->kind, r->kind, sizeof(it->kind));
	memcpy(it->parent_id, r->parent_id, sizeof(it->parent_id));
	memcpy(it->author, r->owner_name, sizeof(it->author));
	it->mine = strcmp(r->owner_id, s->person_id) == 0;
	it->vis = (enum dy_vis)r->visibility;
	it->reveal_at = r->reveal_at;
	it->version = r->version;
	it->created_at = r->created_at;
	it->updated_at = r->updated_at;
	return 0;
}

/* ----------------------------------------------------- checking fields */

/* "1 MiB", "64 KiB", "500 bytes": a limit as people read it. */
static void
size_words(int64_t n, char *buf, size_t size)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0)
		snprintf(buf, size, "%" PRId64 " MiB", n / (1024 * 1024));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, size, "%" PRId64 " KiB", n / 1024);
	else
		snprintf(buf, size, "%" PRId64 " bytes", n);
}

/* Check one line of text (a DY_F_LINE value or a tag) of len bytes. */
static int
check_line(const char *what, const char *s, size_t len, int64_t min, int64_t max, struct dy_error *err)
{
	char words[32];
	size_t i;

	if ((int64_t)len > max) {
		size_words(max, words, sizeof(words));
		return dy_fail(err, DY_ETOOBIG, "The %s is longer than %s.", what, words);
	}
	if (!dy_utf8_valid(s, len))
		return dy_fail(err, DY_EINVAL, "The %s is not valid UTF-8 text.", what);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return dy_fail(err, DY_EINVAL, "A %s is one line of text.", what);
	}
	if ((int64_t)len < min)
		return dy_fail(err, DY_EINVAL, len == 0 ? "The %s is empty." : "The %s is too short.", what);
	return 0;
}

static int
check_text(const char *what, const char *s, size_t len, int64_t min, int64_t max, bool required,
           struct dy_error *err)
{
	char words[32];

	if ((int64_t)len > max) {
		size_words(max, words, sizeof(words));
		return dy_fail(err, DY_ETOOBIG, "The %s is longer than %s.", what, words);
	}
	if (len == 0 && (required || min > 0))
		return dy_fail(err, DY_EINVAL, "The %s is empty; write something first.", what);
	if (len > 0 && !dy_utf8_valid(s, len))
		return dy_fail(err, DY_EINVAL, "The %s is not valid UTF-8 text.", what);
	if ((int64_t)len < min)
		return dy_fail(err, DY_EINVAL, "The %s is too short.", what);
	return 0;
}

static int
check_field(const struct dy_field *f, const json_t *v, struct dy_error *err)
{
	const char *what = f->name;
	size_t i, j;
	int rc;

	switch (f->type) {
	case DY_F_LINE:
		if (!json_is_string(v))
			return dy_fail(err, DY_EINVAL, "The %s must be text.", what);
		rc = check_line(what, json_string_value(v), json_string_length(v), f->min, f->max, err);
		break;
	case DY_F_TEXT:
		if (!json_is_string(v))
			return dy_fail(err, DY_EINVAL, "The %s must be text.", what);
		rc = check_text(what, json_string_value(v), json_string_length(v), f->min, f->max, false, err);
		break;
	case DY_F_INT:
	case DY_F_TIME:
		if (!json_is_integer(v) || json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			return dy_fail(err, DY_EINVAL, "The %s must be a whole number from %" PRId64 " to %" PRId64 ".",
			               what, f->min, f->max);
		rc = 0;
		break;
	case DY_F_BOOL:
		if (!json_is_boolean(v))
			return dy_fail(err, DY_EINVAL, "The %s must be true or false.", what);
		rc = 0;
		break;
	case DY_F_CHOICE:
		rc = DY_EINVAL;
		for (i = 0; json_is_string(v) && f->choices != NULL && f->choices[i] != NULL; i++)
			if (strcmp(json_string_value(v), f->choices[i]) == 0 &&
			    json_string_length(v) == strlen(f->choices[i]))
				rc = 0;
		if (rc != 0) {
			char list[256] = "";
			size_t used = 0;

			for (i = 0; f->choices != NULL && f->choices[i] != NULL && used < sizeof(list); i++)
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "",
				                         f->choices[i]);
			return dy_fail(err, DY_EINVAL, "The %s must be one of: %s.", what, list);
		}
		break;
	case DY_F_TAGS:
		if (!json_is_array(v) || (int64_t)json_array_size(v) < f->min ||
		    (int64_t)json_array_size(v) > f->max)
			return dy_fail(err, DY_EINVAL, "The %s must be a list of %" PRId64 " to %" PRId64 " items.",
			               what, f->min, f->max);
		for (i = 0; i < json_array_size(v); i++) {
			const json_t *t = json_array_get(v, i);
			if (!json_is_string(t))
				return dy_fail(err, DY_EINVAL, "Each of the %s must be text.", what);
			if ((rc = check_line(what, json_string_value(t), json_string_length(t), 1,
			                     (int64_t)f->tag_max, err)) != 0)
				return rc;
			for (j = 0; j < i; j++)
				if (json_equal(t, json_array_get(v, j)))
					return dy_fail(err, DY_EINVAL, "The %s list has \"%s\" twice.", what,
					               json_string_value(t));
		}
		rc = 0;
		break;
	case DY_F_NUMBER:
		if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
		    json_number_value(v) < (double)f->min || json_number_value(v) > (double)f->max)
			return dy_fail(err, DY_EINVAL, "The %s must be a number from %" PRId64 " to %" PRId64 ".",
			               what, f->min, f->max);
		rc = 0;
		break;
	case DY_F_NUMBERS:
		if (!json_is_array(v) || (int64_t)json_array_size(v) < f->min ||
		    (int64_t)json_array_size(v) > f->max)
			return dy_fail(err, DY_EINVAL, "The %s must be a list of %" PRId64 " to %" PRId64 " numbers.",
			               what, f->min, f->max);
		for (i = 0; i < json_array_size(v); i++)
			if (!json_is_number(json_array_get(v, i)) || !isfinite(json_number_value(json_array_get(v, i))))
				return dy_fail(err, DY_EINVAL, "Each of the %s must be a number.", what);
		rc = 0;
		break;
	default:
		return dy_fail(err, DY_EINVAL, "The %s has an unknown type.", what);
	}
	if (rc == 0 && f->check != NULL)
		rc = f->check(v, err);
	return rc;
}

/* Check a whole record of kind k: fields (an object; absent members are
 * absent fields) and the body. */
static int
check_record(const struct dy_kind *k, const json_t *fields, const char *body, size_t body_len,
             struct dy_error *err)
{
	const char *key;
	json_t *v;
	size_t i;
	int rc;

	if (fields != NULL && !json_is_object(fields))
		return dy_fail(err, DY_EINVAL, "The fields of a %s must be an object.", k->noun);
	json_object_foreach((json_t *)(uintptr_t)fields, key, v) {
		for (i = 0; i < k->nfields; i++)
			if (strcmp(key, k->fields[i].name) == 0)
				break;
		if (i == k->nfields)
			return dy_fail(err, DY_EINVAL, "A %s has no field \"%.40s\".", k->noun, key);
	}
	for (i = 0; i < k->nfields; i++) {
		const struct dy_field *f = &k->fields[i];

		v = fields != NULL ? json_object_get(fields, f->name) : NULL;
		if (v == NULL || json_is_null(v)) {
			if (f->required)
				return dy_fail(err, DY_EINVAL, "The %s is missing.", f->name);
			continue;
		}
		if ((rc = check_field(f, v, err)) != 0)
			return rc;
	}
	if (k->body_max == 0) {
		if (body != NULL)
			return dy_fail(err, DY_EINVAL, "A %s has no text.", k->noun);
		return 0;
	}
	if (body == NULL && k->body_required)
		return dy_fail(err, DY_EINVAL, "The %s is empty; write something first.", k->noun);
	if (body != NULL)
		return check_text(k->noun, body, body_len, 0, (int64_t)k->body_max, k->body_required, err);
	return 0;
}

/* A copy of fields without its null members (nulls mean "none"). */
static json_t *
fields_clean(const json_t *fields)
{
	json_t *o = json_object(), *v;
	const char *key;

	if (o == NULL)
		return NULL;
	json_object_foreach((json_t *)(uintptr_t)fields, key, v) {
		if (!json_is_null(v) && json_object_set(o, key, v) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* ---------------------------------------------------- finding, checking */

/* Make sure the session holds the space's current partnership: a session
 * kept open (a server's, a test's) while a partner joined or left settles
 * first (session_settle), so that it never shares under an ended
 * partnership's key nor misses what the new partner shares. One read of the
 * space's row when nothing changed. */
static int
rec_current(struct dy_session *s, struct dy_error *err)
{
	int64_t epoch;
	int rc;

	if ((rc = store_space_epoch(s->db, &epoch, err)) != 0)
		return rc;
	return epoch == s->keys->epoch ? 0 : session_settle(s, err);
}

static int
not_found(const char *noun, const char *id, size_t id_len, struct dy_error *err)
{
	return dy_fail(err, DY_ENOTFOUND, "No %s %.*s.", noun, (int)(id_len > 40 ? 40 : id_len),
	               id != NULL ? id : "");
}

/* Find a record that I may see, of kind (NULL: any kind), by id or unique
 * prefix (at least 4 characters), and decrypt it. Not visible and not
 * existing read the same. */
static int
rec_find(struct dy_session *s, const char *kind, const char *noun, const char *id, size_t id_len,
         struct rec *out, struct dy_error *err)
{
	struct store_rec row;
	int rc, n = 0;

	/* an id that cannot exist gets the same answer as one that is not mine */
	if (id == NULL || id_len < 4 || id_len > DY_ID_LEN || !dy_id_prefix_valid(id, id_len))
		return not_found(noun, id, id_len, err);
	if ((rc = store_rec_find(s->db, id, id_len, kind, s->person_id, s->keys->epoch, &row, &n, err)) != 0)
		return rc;
	if (n > 1)
		return dy_fail(err, DY_EINVAL, "More than one %s starts with %.*s; give more of the id.", noun,
		               (int)id_len, id);
	if (n == 0)
		return not_found(noun, id, id_len, err);
	rc = rec_open_row(s, &row, out, err);
	store_rec_release(&row);
	return rc;
}

/* Another process changed or deleted the record between our read and our
 * write: nothing was written, and trying again works from fresh data. */
static int
changed_meanwhile(struct dy_error *err)
{
	return dy_fail(err, DY_EBUSY, "It changed in the meantime (another window?); nothing was saved. Try again.");
}

/* Only the owner changes a record: the same refusal for every kind. */
static int
check_owner(const struct dy_session *s, const struct dy_kind *k, const struct rec *r, const char *verb,
            struct dy_error *err)
{
	if (strcmp(r->owner_id, s->person_id) != 0)
		return dy_fail(err, DY_EPERM, "This %s is %s's; only they can %s it.", k->noun, r->owner_name, verb);
	return 0;
}

/* The members dy_item_json gives every record (and "html", which the web
 * adds): a kind's field may not be named like one of them. */
static const char *const reserved[] = {
	"id", "kind", "author", "mine", "shared", "visibility", "reveal_at", "parent_id", "version",
	"created_at", "updated_at", "text", "html",
};

static int
kind_ok(const struct dy_kind *k, struct dy_error *err)
{
	size_t i, j;

	if (k == NULL || k->name == NULL || k->noun == NULL || strlen(k->name) > DY_KIND_MAX ||
	    k->nfields > DY_FIELDS_MAX || (k->nfields > 0 && k->fields == NULL))
		return dy_fail(err, DY_EINVAL, "Unknown kind of record.");
	for (i = 0; i < k->nfields; i++) {
		if (k->fields[i].name == NULL)
			return dy_fail(err, DY_EINVAL, "A field of %s has no name.", k->name);
		for (j = 0; j < sizeof(reserved) / sizeof(reserved[0]); j++)
			if (strcmp(k->fields[i].name, reserved[j]) == 0)
				return dy_fail(err, DY_EINVAL, "A field of %s is named \"%s\", which every record has.",
				               k->name, reserved[j]);
	}
	return 0;
}

/* ------------------------------------------------------------ creating */

/* Insert my new record; parent, when not NULL, is the record it answers;
 * want_id, when not NULL, its id (else a random one). */
static int
rec_insert(struct dy_session *s, const struct dy_kind *k, const char *parent_id, const json_t *fields,
           const char *body, size_t body_len, int vis, int64_t reveal_at, const char *want_id,
           char id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct store_rec row;
	json_t *clean = NULL;
	uint8_t *payload = NULL;
	size_t len;
	int rc;

	if (vis != REC_PRIVATE && vis != REC_SHARED && vis != REC_HELD)
		return dy_fail(err, DY_EINVAL, "Unknown visibility.");
	if ((rc = check_record(k, fields, body, body_len, err)) != 0)
		return rc;
	if ((clean = fields != NULL ? fields_clean(fields) : json_object()) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	memset(&row, 0, sizeof(row));
	if ((rc = rec_payload_build(clean, body, body_len, &payload, &len, err)) != 0)
		goto out;
	if (want_id != NULL)
		dy_strlcpy(row.id, want_id, sizeof(row.id));
	else
		dy_uuid_v4(row.id);
	memcpy(row.owner_id, s->person_id, sizeof(row.owner_id));
	dy_strlcpy(row.kind, k->name, sizeof(row.kind));
	if (parent_id != NULL)
		dy_strlcpy(row.parent_id, parent_id, sizeof(row.parent_id));
	row.visibility = vis;
	row.reveal_at = reveal_at;
	row.created_at = store_now(s->db);
	row.version = 1;
	row.epoch = vis == REC_PRIVATE ? 0 : s->keys->epoch;
	row.form = REC_FORM_V2;
	{
		struct seal_at at = {row.id, row.owner_id, row.kind, row.parent_id, 1, vis, row.epoch, REC_FORM_V2};
		if ((rc = rec_seal(s, &at, payload, len, &row.body, &row.body_len, err)) != 0)
			goto out;
	}
	/* a unit of its own, or a level of the caller's: never a write slipped
	 * into a read snapshot */
	if ((rc = store_begin(s->db, err)) != 0)
		goto out;
	if ((rc = store_rec_insert(s->db, s->space_id, &row, err)) != 0) {
		store_rollback(s->db);
		goto out;
	}
	if ((rc = store_commit(s->db, err)) != 0)
		goto out;
	memcpy(id, row.id, DY_ID_LEN + 1);
out:
	if (payload != NULL)
		sodium_memzero(payload, len);
	free(payload);
	free(row.body);
	json_decref(clean);
	return rc;
}

int
dy_item_create(struct dy_session *s, const struct dy_kind *k, const char *parent_id, const json_t *fields,
               const char *body, size_t body_len, enum dy_vis vis, int64_t reveal_at,
               char id[DY_ID_LEN + 1], struct dy_error *err)
{
	int rc;

	if ((rc = kind_ok(k, err)) != 0)
		return rc;
	if (parent_id != NULL) {
		/* a response: its visibility follows its record's */
		return dy_item_respond(s, k, parent_id, strlen(parent_id), fields, body, body_len, id, err);
	}
	if (k->responds_to != NULL)
		return dy_fail(err, DY_EINVAL, "A %s answers another record; say which.", k->noun);
	if ((rc = rec_current(s, err)) != 0)
		return rc;
	return rec_insert(s, k, NULL, fields, body, body_len, (int)vis, reveal_at, NULL, id, err);
}

int
rec_create_keyed(struct dy_session *s, const struct dy_kind *k, const char *id, const json_t *fields, int vis,
                 int64_t reveal_at, struct dy_error *err)
{
	char made[DY_ID_LEN + 1];
	int rc;

	if ((rc = kind_ok(k, err)) != 0 || (rc = rec_current(s, err)) != 0)
		return rc;
	if (strlen(id) != DY_ID_LEN)
		return dy_fail(err, DY_EINVAL, "Not a record id.");
	return rec_insert(s, k, NULL, fields, NULL, 0, vis, reveal_at, id, made, err);
}

int
dy_item_respond(struct dy_session *s, const struct dy_kind *rk, const char *parent_id, size_t parent_len,
                const json_t *fields, const char *body, size_t body_len, char id[DY_ID_LEN + 1],
                struct dy_error *err)
{
	struct rec p;
	size_t i;
	bool answers = false;
	int rc;

	if ((rc = kind_ok(rk, err)) != 0)
		return rc;
	if (rk->responds_to == NULL)
		return dy_fail(err, DY_EINVAL, "A %s does not answer other records.", rk->noun);
	if ((rc = rec_current(s, err)) != 0 || (rc = store_begin(s->db, err)) != 0)
		return rc;
	memset(&p, 0, sizeof(p));
	if ((rc = rec_find(s, NULL, "record", parent_id, parent_len, &p, err)) != 0)
		goto rollback;
	for (i = 0; rk->responds_to[i] != NULL; i++)
		if (strcmp(rk->responds_to[i], p.kind) == 0)
			answers = true;
	if (!answers) {
		rc = not_found("record", parent_id, parent_len, err);
		goto rollback;
	}
	if (rk->responder == DY_RESPOND_OWNER && strcmp(p.owner_id, s->person_id) != 0) {
		rc = dy_fail(err, DY_EPERM, "This is %s's; only they can add a %s to it.", p.owner_name, rk->noun);
		goto rollback;
	}
	if (rk->responder == DY_RESPOND_PARTNER && strcmp(p.owner_id, s->person_id) == 0) {
		rc = dy_fail(err, DY_EPERM, "A %s is for your partner to give; this one is yours.", rk->noun);
		goto rollback;
	}
	/* a response is seen by whoever sees its record, when they see it:
	 * private stays private, held stays held until the same moment */
	if ((rc = rec_insert(s, rk, p.id, fields, body, body_len, p.visibility,
	                     p.visibility == REC_HELD ? p.reveal_at : 0, NULL, id, err)) != 0)
		goto rollback;
	rc = store_commit(s->db, err);
	goto out;
rollback:
	store_rollback(s->db);
out:
	rec_release(&p);
	return rc;
}

/* ------------------------------------------------------------- reading */

int
dy_item_get(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len, struct dy_item *out,
            struct dy_error *err)
{
	struct rec r;
	struct dy_item it;
	int rc;

	if ((rc = kind_ok(k, err)) != 0 || (rc = rec_current(s, err)) != 0)
		return rc;
	if ((rc = rec_find(s, k->name, k->noun, id, id_len, &r, err)) != 0)
		return rc;
	if ((rc = rec_to_item(s, &r, &it, err)) == 0)
		*out = it;
	rec_release(&r);
	return rc;
}

/* A cursor names the last record of a page: "<created_at>.<id>". */
static void
cursor_make(int64_t created_at, const char *id, char out[DY_CURSOR_MAX + 1])
{
	snprintf(out, DY_CURSOR_MAX + 1, "%" PRId64 ".%s", created_at, id);
}

static int
cursor_parse(const char *c, int64_t *at, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	const char *dot = strchr(c, '.');
	bool neg = c[0] == '-';
	int64_t v = 0;
	const char *p;

	if (dot == NULL || dot == c + neg || dot - c > 20 || strlen(dot + 1) != DY_ID_LEN ||
	    !dy_id_valid(dot + 1, DY_ID_LEN))
		goto bad;
	for (p = c + neg; p < dot; p++) {
		if (*p < '0' || *p > '9' || v > (INT64_MAX - (*p - '0')) / 10)
			goto bad;
		v = v * 10 + (*p - '0');
	}
	*at = neg ? -v : v;
	memcpy(id, dot + 1, DY_ID_LEN + 1);
	return 0;
bad:
	return dy_fail(err, DY_EINVAL, "That page cursor is not one of dyad's; start from the first page.");
}

/* Whether item it passes predicate p. */
static bool
pred_holds(const struct dy_pred *p, const struct dy_item *it)
{
	const json_t *v = json_object_get(it->fields, p->field);
	size_t i;

	if (v == NULL || p->value == NULL)
		return false;
	switch (p->op) {
	case DY_P_EQ:
		return json_equal(v, p->value);
	case DY_P_GE:
	case DY_P_LE: {
		int c;
		if (json_is_number(v) && json_is_number(p->value)) {
			double a = json_number_value(v), b = json_number_value(p->value);
			c = a < b ? -1 : a > b;
		} else if (json_is_string(v) && json_is_string(p->value)) {
			c = strcmp(json_string_value(v), json_string_value(p->value));
		} else {
			return false;
		}
		return p->op == DY_P_GE ? c >= 0 : c <= 0;
	}
	case DY_P_HAS:
		for (i = 0; json_is_array(v) && i < json_array_size(v); i++)
			if (json_equal(json_array_get(v, i), p->value))
				return true;
		return false;
	}
	return false;
}

/* One kind's rows of a list, fetched a batch at a time. */
struct stream {
	const struct dy_kind *k;
	struct store_rec *rows;
	size_t n, pos;
	bool done;                       /* no rows after the batch */
	int64_t at, seq;                 /* where the next batch starts */
};

static int
stream_fill(struct dy_session *s, const struct dy_query *q, struct stream *st, int64_t epoch, size_t batch,
            struct dy_error *err)
{
	struct store_page pg = {
		.space_id = s->space_id, .kind = st->k->name, .me = s->person_id, .epoch = epoch,
		.filter = (int)q->filter, .since = q->since, .before_at = st->at, .before_seq = st->seq,
		.parent_id = q->parent_id,
	};
	int rc;

	while (st->pos < st->n)
		store_rec_release(&st->rows[st->pos++]);
	st->n = st->pos = 0;
	if ((rc = store_rec_page(s->db, &pg, st->rows, batch, &st->n, err)) != 0)
		return rc;
	if (st->n < batch)
		st->done = true;
	if (st->n > 0) {
		st->at = st->rows[st->n - 1].created_at;
		st->seq = st->rows[st->n - 1].seq;
	}
	return 0;
}

static void
streams_free(struct stream *st, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		while (st[i].pos < st[i].n)
			store_rec_release(&st[i].rows[st[i].pos++]);
		free(st[i].rows);
	}
}

static int
list_append(struct dy_item_list *l, size_t *cap, struct dy_item *it, struct dy_error *err)
{
	if (dy_grow(&l->items, l->count, cap, sizeof(*l->items), 32) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	l->items[l->count++] = *it;
	return 0;
}

/*
 * The records of a list for a sink (rec_list), opened a batch at a time.
 * The rows come from SQLite on the calling thread: each row's columns,
 * its owner's name and its key are read there, and its sealed body copied
 * out (SQLite's pointers die at the next step). Then the batch's jobs --
 * room for the payload, decrypt and authenticate each body, then the
 * kind's rec_prep work (the UTF-8 check, a search's matching) -- begin
 * through the database's parallel hook (store_parallel_begin), each in its
 * own slot: its own copy of the body, its own plaintext buffer, its own
 * error. A list of all reads OPEN_BATCH rows at a time into two batches in
 * turn: while one's jobs run, the calling thread reads the next rows into
 * the other; when that one is full it begins too, and the first is waited
 * for and handed over. So SQLite's reading overlaps the opening, and the
 * hand-over of one batch the opening of the next. The records go to the
 * sink on the calling thread in the order the rows came, and every count,
 * cursor and message is decided there exactly as one record at a time
 * would. Any other list reads one row at a time and hands it over before
 * the next (it may stop at its limit without opening the next row).
 */
#define OPEN_BATCH REC_OPEN_BATCH

struct open_slot {
	struct rec r;                    /* the row's columns, then its payload in buf */
	const uint8_t *key;
	uint8_t *body;                   /* the sealed body, copied from the row */
	size_t body_len, body_cap;
	struct open_buf buf;             /* what this slot's records are opened into */
	int rc;                          /* 0, or why the record is not handed over */
	struct dy_error err;
};

struct open_batch {
	struct open_slot slot[OPEN_BATCH];
	size_t n;                        /* slots filled */
	const struct rec_prep *prep;     /* NULL: none */
	uint8_t *preps;                  /* OPEN_BATCH areas of prep->size bytes */
	void *call;                      /* store_parallel_begin's, while begun */
	bool begun;                      /* its jobs began and were not waited for */
};

static void *
prep_area(const struct open_batch *ob, size_t i)
{
	return ob->prep != NULL ? ob->preps + i * ob->prep->size : NULL;
}

/* Free a batch that is not begun (open_finish waits for every one). */
static void
open_batch_free(struct open_batch *ob)
{
	if (ob == NULL)
		return;
	for (size_t i = 0; i < OPEN_BATCH; i++) {
		struct open_slot *sl = &ob->slot[i];

		if (sl->r.payload == sl->buf.p)
			sl->r.payload = NULL;  /* the buffer's own */
		rec_release(&sl->r);
		open_buf_release(&sl->buf);
		free(sl->body);
		if (ob->prep != NULL && ob->prep->release != NULL)
			ob->prep->release(prep_area(ob, i));
	}
	free(ob->preps);
	free(ob);
}

static struct open_batch *
open_batch_new(const struct rec_prep *prep)
{
	struct open_batch *ob = calloc(1, sizeof(*ob));

	if (ob == NULL)
		return NULL;
	ob->prep = prep;
	if (prep != NULL && (ob->preps = calloc(OPEN_BATCH, prep->size)) == NULL) {
		free(ob);
		return NULL;
	}
	return ob;
}

/* One job of a batch: open slot i's body into its buffer (grown here, so
 * that the fresh memory's first touch is not the calling thread's; as a
 * list has always opened them: what an earlier, longer payload left past
 * this one is wiped before it is handed over) and do the prep's work on
 * it. Touches slot i, its prep area and what the whole batch only reads. */
static void
open_job(void *arg, size_t i)
{
	struct open_batch *ob = arg;
	struct open_slot *sl = &ob->slot[i];
	struct seal_at at;
	size_t need;

	if (sl->rc != 0)
		return;
	at = seal_of(&sl->r);
	need = sl->body_len - DY_SEAL_OVERHEAD + 1;
	if (sl->buf.cap < need) {
		open_buf_release(&sl->buf);
		if ((sl->buf.p = malloc(need)) == NULL) {
			sl->rc = dy_fail(&sl->err, DY_ENOMEM, "Out of memory.");
			return;
		}
		sl->buf.cap = need;
	}
	if ((sl->rc = unseal_into(sl->key, &at, sl->body, sl->body_len, sl->buf.p, &sl->r.payload_len, &sl->err)) !=
	    0) {
		if (sl->buf.dirty < need)
			sl->buf.dirty = need;
		return;
	}
	if (sl->buf.dirty > need)
		sodium_memzero(sl->buf.p + need, sl->buf.dirty - need);
	sl->buf.dirty = need;
	sl->r.payload = sl->buf.p;
	if (ob->prep != NULL) {
		sl->r.prep = prep_area(ob, i);
		ob->prep->fn(ob->prep->ctx, &sl->r, sl->r.prep);
	}
}

/* Read row into the batch's next slot, on the calling thread: its columns,
 * owner's name and key, a copy of its body. What fails is the slot's rc
 * and err, handed over in its turn. */
static void
open_slot_fill(struct dy_session *s, const struct store_rec *row, struct open_slot *sl)
{
	struct seal_at at;

	memset(&sl->r, 0, sizeof(sl->r));
	sl->rc = 0;
	sl->key = NULL;
	sl->body_len = 0;
	if ((sl->rc = owner_name(s, row->owner_id, sl->r.owner_name, &sl->err)) != 0)
		return;
	memcpy(sl->r.id, row->id, sizeof(sl->r.id));
	memcpy(sl->r.owner_id, row->owner_id, sizeof(sl->r.owner_id));
	memcpy(sl->r.kind, row->kind, sizeof(sl->r.kind));
	memcpy(sl->r.parent_id, row->parent_id, sizeof(sl->r.parent_id));
	sl->r.visibility = row->visibility;
	sl->r.reveal_at = row->reveal_at;
	sl->r.version = row->version;
	sl->r.created_at = row->created_at;
	sl->r.updated_at = row->updated_at;
	sl->r.seq = row->seq;
	sl->r.epoch = row->epoch;
	sl->r.form = row->form;
	at = seal_of(&sl->r);
	if ((sl->key = unseal_key(s, &at, row->body, row->body_len, &sl->err)) == NULL) {
		sl->rc = DY_ECORRUPT;
		return;
	}
	if (sl->body_cap < row->body_len) {
		free(sl->body);
		sl->body_cap = 0;
		if ((sl->body = malloc(row->body_len)) == NULL) {
			sl->rc = dy_fail(&sl->err, DY_ENOMEM, "Out of memory.");
			return;
		}
		sl->body_cap = row->body_len;
	}
	memcpy(sl->body, row->body, row->body_len);
	sl->body_len = row->body_len;
}

/* A list being made: the page so far, and where the rows read so far end.
 * Records go to the page as items (l), or, with a sink, to the sink as
 * decrypted records (rec_list: the kind reads its own payloads). */
struct lister {
	struct dy_session *s;
	const struct dy_query *q;
	struct dy_item_list l;
	size_t cap;
	rec_fn sink;                     /* NULL: items into l */
	void *sink_ctx;
	const struct rec_prep *prep;     /* the sink's work beside decryption, or NULL */
	size_t batch_max;                /* rows opened together for the sink */
	struct open_batch *ob[2];        /* the sink's records being opened (ob[1]: batch_max > 1) */
	unsigned fill;                   /* ob[fill] takes the rows; ob[fill ^ 1] may be begun */
	size_t taken;                    /* records on the page */
	size_t damaged;
	int64_t last_at;                 /* the page's last record, for the cursor */
	char last_id[DY_ID_LEN + 1];
	bool more;                       /* a row past the page exists */
	size_t seen;                     /* rows read in this batch */
	int64_t at, seq;                 /* the last row read */
};

/* Begin opening ob's records: its jobs start through the hook (or run
 * here), and the calling thread goes on. */
static void
open_batch_begin(struct lister *ls, struct open_batch *ob)
{
	ob->call = store_parallel_begin(ls->s->db, ob->n, open_job, ob);
	ob->begun = true;
}

/* Wait for ob's jobs if begun, then hand its records to the sink in order
 * (which may take a payload): a record that does not open, or that the
 * sink finds damaged, is counted and left out; any other failure stops
 * the list. Once the list has stopped (rc not 0, on entry or on the way)
 * the records left go back to their buffers unseen. Returns the list's rc
 * after them; ob is empty after. */
static int
open_batch_hand_over(struct lister *ls, struct open_batch *ob, int rc, struct dy_error *err)
{
	size_t i, n = ob->n;
	bool opened = ob->begun;         /* else its jobs never ran */

	if (ob->begun) {
		store_parallel_wait(ls->s->db, ob->call);
		ob->call = NULL;
		ob->begun = false;
	}
	ob->n = 0;
	for (i = 0; i < n; i++) {
		struct open_slot *sl = &ob->slot[i];

		if (rc != 0) {
			/* the list stops: what the rest hold goes back to their buffers */
			if (opened && sl->rc == 0 && ob->prep != NULL)
				ob->prep->done(prep_area(ob, i), &sl->r);
			if (sl->r.payload == sl->buf.p)
				sl->r.payload = NULL;
			rec_release(&sl->r);
			continue;
		}
		if ((rc = sl->rc) == 0) {
			rc = ls->sink(ls->sink_ctx, &sl->r, err);
			if (ob->prep != NULL)
				ob->prep->done(prep_area(ob, i), &sl->r);
			if (sl->r.payload == sl->buf.p)
				sl->r.payload = NULL;  /* left (or given back) to the buffer */
			else
				memset(&sl->buf, 0, sizeof(sl->buf));  /* the sink took it */
			rec_release(&sl->r);
		} else if (err != NULL) {
			*err = sl->err;
		}
		if (rc == DY_ECORRUPT) {
			ls->damaged++;
			rc = 0;
			continue;
		}
		if (rc != 0)
			continue;
		ls->taken++;
		ls->last_at = sl->r.created_at;
		memcpy(ls->last_id, sl->r.id, sizeof(ls->last_id));
	}
	return rc;
}

/* The batch being filled is full: begin it. One row at a time, hand it
 * over at once (a page counts what it took before it reads the next row);
 * else hand over the batch begun before it, whose jobs ran while this one
 * was read, and fill that one next. */
static int
open_batch_ship(struct lister *ls, struct dy_error *err)
{
	struct open_batch *full = ls->ob[ls->fill], *before = ls->ob[ls->fill ^ 1];
	int rc = 0;

	open_batch_begin(ls, full);
	if (ls->batch_max == 1)
		return open_batch_hand_over(ls, full, 0, err);
	if (before->begun)
		rc = open_batch_hand_over(ls, before, 0, err);
	ls->fill ^= 1;
	return rc;
}

/* The rows have ended, or the list stopped (rc not 0): open and hand over
 * what is left in the order it was read -- the batch begun, then the one
 * being filled (begun first, so that the two overlap) -- or, once stopped,
 * wait for the jobs begun and give back what every slot holds. No batch
 * is begun after. Returns the list's rc. */
static int
open_finish(struct lister *ls, int rc, struct dy_error *err)
{
	struct open_batch *filling = ls->ob[ls->fill], *begun = ls->ob[ls->fill ^ 1];

	if (filling == NULL)
		return rc;
	if (rc == 0 && filling->n > 0)
		open_batch_begin(ls, filling);
	if (begun != NULL)
		rc = open_batch_hand_over(ls, begun, rc, err);
	return open_batch_hand_over(ls, filling, rc, err);
}

/* Hand a decrypted record to the sink (which may take its payload): into
 * the batch, which goes when it is full. */
static int
sink_row(struct lister *ls, const struct store_rec *row, struct dy_error *err)
{
	struct open_batch *ob = ls->ob[ls->fill];

	if (ls->q->limit > 0 && ls->taken == ls->q->limit) {
		ls->more = true;  /* no need to open it to know it is there */
		return 1;
	}
	if (ob == NULL) {
		if ((ls->ob[0] = open_batch_new(ls->prep)) == NULL ||
		    (ls->batch_max > 1 && (ls->ob[1] = open_batch_new(ls->prep)) == NULL))
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		ob = ls->ob[ls->fill];
	}
	open_slot_fill(ls->s, row, &ob->slot[ob->n++]);
	if (ob->n < ls->batch_max)
		return 0;
	return open_batch_ship(ls, err);
}

/* Take one row into the page: 0 to go on, 1 when the page is full (and a
 * row past it exists), or a dy_code. Undecryptable rows are counted and
 * left out, so one damaged record never hides the others. */
static int
take_row(struct lister *ls, const struct store_rec *row, struct dy_error *err)
{
	const struct dy_query *q = ls->q;
	bool filtered = q->npreds > 0 || q->match != NULL;
	struct dy_item it;
	struct rec r;
	size_t i;
	int rc;

	if (ls->sink != NULL)
		return sink_row(ls, row, err);
	if (q->limit > 0 && ls->l.count == q->limit && !filtered) {
		ls->more = true;  /* no need to open it to know it is there */
		return 1;
	}
	rc = rec_open_row(ls->s, row, &r, err);
	if (rc == 0) {
		rc = rec_to_item(ls->s, &r, &it, err);
		rec_release(&r);
	}
	if (rc == DY_ECORRUPT) {
		ls->damaged++;
		return 0;
	}
	if (rc != 0)
		return rc;
	for (i = 0; i < q->npreds && pred_holds(&q->preds[i], &it); i++)
		;
	if (i < q->npreds || (q->match != NULL && !q->match(q->match_ctx, &it))) {
		dy_item_release(&it);
		return 0;
	}
	if (q->limit > 0 && ls->l.count == q->limit) {
		dy_item_release(&it);
		ls->more = true;
		return 1;
	}
	if ((rc = list_append(&ls->l, &ls->cap, &it, err)) != 0) {
		dy_item_release(&it);
		return rc;
	}
	ls->taken++;
	ls->last_at = it.created_at;
	memcpy(ls->last_id, it.id, sizeof(ls->last_id));
	return 0;
}

static int
take_streamed(void *ctx, const struct store_rec *row, struct dy_error *err)
{
	struct lister *ls = ctx;

	ls->seen++;
	ls->at = row->created_at;
	ls->seq = row->seq;
	return take_row(ls, row, err);
}

/* One kind: rows go from SQLite to the page without a copy, a batch at a
 * time until the page is full or the list ends. */
static int
list_one_kind(struct lister *ls, int64_t epoch, size_t batch, struct dy_error *err)
{
	const struct dy_query *q = ls->q;
	int rc;

	for (;;) {
		struct store_page pg = {
			.space_id = ls->s->space_id, .kind = q->kinds[0]->name, .me = ls->s->person_id, .epoch = epoch,
			.filter = (int)q->filter, .since = q->since, .before_at = ls->at, .before_seq = ls->seq,
			.parent_id = q->parent_id,
		};

		ls->seen = 0;
		rc = store_rec_page_each(ls->s->db, &pg, batch, take_streamed, ls, err);
		if (rc < 0)
			return rc;
		if (rc > 0 || ls->seen < batch)
			return 0;
	}
}

/* A list of all of one kind into a sink: every row from the cursor on,
 * oldest first, in one walk (store_rec_rest_each); the caller reverses. */
static int
list_rest(struct lister *ls, int64_t epoch, struct dy_error *err)
{
	const struct dy_query *q = ls->q;
	struct store_page pg = {
		.space_id = ls->s->space_id, .kind = q->kinds[0]->name, .me = ls->s->person_id, .epoch = epoch,
		.filter = (int)q->filter, .since = q->since, .before_at = ls->at, .before_seq = ls->seq,
		.parent_id = q->parent_id,
	};
	int rc = store_rec_rest_each(ls->s->db, &pg, take_streamed, ls, err);

	return rc < 0 ? rc : 0;
}

/* Several kinds: a merge in (created_at, seq) order of one buffered stream
 * per kind. */
static int
list_merged(struct lister *ls, int64_t epoch, size_t batch, struct dy_error *err)
{
	const struct dy_query *q = ls->q;
	struct stream st[DY_QUERY_KINDS_MAX];
	size_t i;
	int rc = 0;

	memset(st, 0, sizeof(st));
	for (i = 0; i < q->nkinds; i++) {
		st[i].k = q->kinds[i];
		st[i].at = ls->at;
		st[i].seq = ls->seq;
		if ((st[i].rows = calloc(batch, sizeof(*st[i].rows))) == NULL) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto out;
		}
	}
	for (;;) {
		struct stream *best = NULL;

		for (i = 0; i < q->nkinds; i++) {
			if (st[i].pos == st[i].n && !st[i].done &&
			    (rc = stream_fill(ls->s, q, &st[i], epoch, batch, err)) != 0)
				goto out;
			if (st[i].pos < st[i].n) {
				const struct store_rec *h = &st[i].rows[st[i].pos];
				if (best == NULL || h->created_at > best->rows[best->pos].created_at ||
				    (h->created_at == best->rows[best->pos].created_at && h->seq > best->rows[best->pos].seq))
					best = &st[i];
			}
		}
		if (best == NULL)
			break;
		rc = take_row(ls, &best->rows[best->pos], err);
		store_rec_release(&best->rows[best->pos]);
		best->pos++;
		if (rc != 0)
			break;
	}
	if (rc > 0)
		rc = 0;
out:
	streams_free(st, q->nkinds);
	return rc;
}

/* Run the list ls was set up for (its session, query and where its items
 * go); writes the next page's cursor to next ("" after the last page).
 * *oldest_first tells that a sink got the records oldest first (a list of
 * all of one kind: list_rest). */
static int
list_run(struct lister *ls, char next[DY_CURSOR_MAX + 1], bool *oldest_first, struct dy_error *err)
{
	struct dy_session *s = ls->s;
	const struct dy_query *q = ls->q;
	int64_t epoch;                   /* the partnership whose shared records I may see */
	size_t batch, i;
	int rc = 0;

	ls->at = INT64_MAX;
	ls->seq = INT64_MAX;
	next[0] = '\0';
	*oldest_first = false;
	if (q == NULL || q->nkinds == 0 || q->nkinds > DY_QUERY_KINDS_MAX)
		return dy_fail(err, DY_EINVAL, "A list needs 1 to %d kinds.", DY_QUERY_KINDS_MAX);
	for (i = 0; i < q->nkinds; i++) {
		if ((rc = kind_ok(q->kinds[i], err)) != 0)
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(q->kinds[j]->name, q->kinds[i]->name) == 0)
				return dy_fail(err, DY_EINVAL, "A list names the kind %s twice.", q->kinds[i]->name);
	}
	if (q->filter != DY_FILTER_ALL && q->filter != DY_FILTER_MINE && q->filter != DY_FILTER_SHARED &&
	    q->filter != DY_FILTER_THEIRS)
		return dy_fail(err, DY_EINVAL, "Unknown filter.");
	if (q->limit > 100000)
		return dy_fail(err, DY_EINVAL, "A page holds at most 100000 items.");
	if (q->npreds > DY_QUERY_PREDS_MAX)
		return dy_fail(err, DY_EINVAL, "A list takes at most %d predicates.", DY_QUERY_PREDS_MAX);
	for (i = 0; i < q->npreds; i++)
		if (q->preds[i].field == NULL || q->preds[i].value == NULL || q->preds[i].op > DY_P_HAS)
			return dy_fail(err, DY_EINVAL, "A predicate needs a field, an operator and a value.");
	if (q->parent_id != NULL && !dy_id_valid(q->parent_id, strlen(q->parent_id)))
		return dy_fail(err, DY_EINVAL, "That is not a record id.");
	if ((rc = rec_current(s, err)) != 0)
		return rc;
	epoch = s->keys->epoch;
	if (q->until > 0) {
		ls->at = q->until;
		ls->seq = INT64_MIN;
	}
	/* one snapshot for every batch of the page */
	if ((rc = store_begin_read(s->db, err)) != 0)
		return rc;
	if (q->cursor != NULL && q->cursor[0] != '\0') {
		char cid[DY_ID_LEN + 1];
		int64_t cat = 0, cseq = 0;

		if ((rc = cursor_parse(q->cursor, &cat, cid, err)) != 0 ||
		    (rc = store_rec_seq(s->db, cid, s->person_id, epoch, &cseq, err)) != 0)
			goto out;
		if (cat < ls->at || (cat == ls->at && cseq < ls->seq)) {
			ls->at = cat;
			ls->seq = cseq;
		}
	}
	/* a page of limit needs limit + 1 rows to know whether more follow; a
	 * filter may turn rows down, so read more at a time then */
	batch = q->limit == 0 ? 256 : q->limit + 1;
	if ((q->match != NULL || q->npreds > 0) && batch < 64)
		batch = 64;
	/* a list from inside a list's match function takes the copying path */
	ls->batch_max = 1;
	if (q->nkinds == 1 && !store_paging(s->db) && ls->sink != NULL && q->limit == 0) {
		ls->batch_max = OPEN_BATCH;
		rc = list_rest(ls, epoch, err);
		*oldest_first = true;
	} else if (q->nkinds == 1 && !store_paging(s->db)) {
		rc = list_one_kind(ls, epoch, batch, err);
	} else {
		rc = list_merged(ls, epoch, batch, err);
	}
	rc = open_finish(ls, rc, err);  /* the last rows read; no jobs left */
	if (rc == 0 && ls->more && ls->taken > 0)
		cursor_make(ls->last_at, ls->last_id, next);
out:
	store_rollback(s->db);  /* a read: ending it is all that is left */
	return rc;
}

int
dy_item_list(struct dy_session *s, const struct dy_query *q, struct dy_item_list *out, struct dy_error *err)
{
	struct lister ls;
	char next[DY_CURSOR_MAX + 1];
	bool oldest_first;
	int rc;

	memset(&ls, 0, sizeof(ls));
	ls.s = s;
	ls.q = q;
	if ((rc = list_run(&ls, next, &oldest_first, err)) == 0) {
		ls.l.damaged = ls.damaged;
		memcpy(ls.l.next, next, sizeof(ls.l.next));
		*out = ls.l;
		memset(&ls.l, 0, sizeof(ls.l));
	}
	dy_item_list_release(&ls.l);
	return rc;
}

int
rec_list_prep(struct dy_session *s, const struct dy_query *q, const struct rec_prep *prep, rec_fn fn, void *ctx,
              size_t *damaged, bool *oldest_first, char next[DY_CURSOR_MAX + 1], struct dy_error *err)
{
	struct lister ls;
	int rc;

	if (q != NULL && (q->npreds > 0 || q->match != NULL))
		return dy_fail(err, DY_EINVAL, "Internal error: a list of records takes no filter.");
	memset(&ls, 0, sizeof(ls));
	ls.s = s;
	ls.q = q;
	ls.sink = fn;
	ls.sink_ctx = ctx;
	ls.prep = prep;
	if ((rc = list_run(&ls, next, oldest_first, err)) == 0)
		*damaged = ls.damaged;
	open_batch_free(ls.ob[0]);
	open_batch_free(ls.ob[1]);
	return rc;
}

int
rec_list(struct dy_session *s, const struct dy_query *q, rec_fn fn, void *ctx, size_t *damaged,
         bool *oldest_first, char next[DY_CURSOR_MAX + 1], struct dy_error *err)
{
	return rec_list_prep(s, q, NULL, fn, ctx, damaged, oldest_first, next, err);
}

int
rec_get(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len, struct rec *out,
        struct dy_error *err)
{
	int rc;

	if ((rc = kind_ok(k, err)) != 0 || (rc = rec_current(s, err)) != 0)
		return rc;
	return rec_find(s, k->name, k->noun, id, id_len, out, err);
}

/* -------------------------------------------------------------- writing */

/* Where kept version v of record r belongs, into *at; DY_ECORRUPT when v
 * is in a form that r's owner (whose person.form is owner_form) no longer
 * has: once their versions are all kept as kept (REC_FORM_KEPT), one in
 * the live row's form can only have been put there from outside dyad. */
static int
kept_at(const struct rec *r, const struct store_version *v, int owner_form, struct seal_at *at,
        struct dy_error *err)
{
	*at = seal_of(r);
	at->version = v->version;
	at->visibility = v->visibility;
	at->epoch = v->epoch;
	at->form = v->form;
	if (v->form == REC_FORM_KEPT ||
	    (owner_form != PERSON_FORM_NOW && (v->form == REC_FORM_V1 || v->form == REC_FORM_V2)))
		return 0;
	return dy_fail(err, DY_ECORRUPT,
	               "Record %s failed its integrity check: it is damaged or was changed outside dyad.", r->id);
}

/* Re-seal the kept versions of my record r: those the partner saw (kept
 * while it was shared or held) for the record's new visibility and
 * partnership, those kept while it was private under my key whatever
 * happens; every one in today's form (as kept). A version that no longer
 * decrypts, or is in a form I no longer have (kept_at), is
 * forgotten: nobody can read it, and it must not keep its owner from
 * unsharing. Runs inside the caller's transaction. */
static int
reseal_versions(struct dy_session *s, const struct rec *r, int visibility, int64_t epoch, struct dy_error *err)
{
	struct store_version *v = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = store_version_list(s->db, r->id, &v, &n, err)) != 0)
		return rc;
	for (i = 0; rc == 0 && i < n; i++) {
		struct seal_at at, to;
		uint8_t *pt = NULL, *ct = NULL;
		size_t pt_len, ct_len;

		rc = kept_at(r, &v[i], s->form, &at, err);
		to = at;
		to.form = REC_FORM_KEPT;
		to.visibility = v[i].seen ? visibility : REC_PRIVATE;
		to.epoch = to.visibility == REC_PRIVATE ? 0 : epoch;
		if (rc == 0 && at.form == REC_FORM_KEPT && at.visibility == to.visibility && at.epoch == to.epoch)
			continue;  /* sealed as it should be already */
		if (rc == 0)
			rc = rec_unseal(s, &at, v[i].body, v[i].body_len, &pt, &pt_len, err);
		if (rc == DY_ECORRUPT) {
			rc = store_version_delete(s->db, r->id, v[i].version, err);
			continue;
		}
		if (rc != 0)
			break;
		rc = rec_seal(s, &to, pt, pt_len, &ct, &ct_len, err);
		sodium_memzero(pt, pt_len);
		free(pt);
		if (rc == 0)
			rc = store_version_set_body(s->db, r->id, v[i].version, ct, ct_len, to.visibility, to.epoch, err);
		free(ct);
	}
	store_versions_free(v, n);
	return rc;
}

int
dy_item_edit(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len, const json_t *fields,
             const char *body, size_t body_len, struct dy_error *err)
{
	struct rec r;
	struct dy_item cur;
	struct seal_at at;
	struct store_version kept = {0};
	json_t *merged = NULL, *v;
	const char *key;
	uint8_t *payload = NULL, *sealed = NULL;
	size_t len = 0, sealed_len;
	bool changed = false;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&cur, 0, sizeof(cur));
	if ((rc = kind_ok(k, err)) != 0)
		return rc;
	if (fields != NULL && !json_is_object(fields))
		return dy_fail(err, DY_EINVAL, "The fields of a %s must be an object.", k->noun);
	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	if ((rc = rec_find(s, k->name, k->noun, id, id_len, &r, err)) != 0 ||
	    (rc = check_owner(s, k, &r, "change", err)) != 0)
		goto rollback;
	if (k->history) {
		/* the text as it stands is kept, sealed again as kept: it never
		 * opens as the live row, nor the live row as it */
		at = seal_of(&r);
		at.form = REC_FORM_KEPT;
		kept.version = r.version;
		kept.updated_at = r.updated_at;
		kept.seen = r.visibility != REC_PRIVATE;
		kept.visibility = r.visibility;
		kept.epoch = r.epoch;
		if ((rc = rec_seal(s, &at, r.payload, r.payload_len, &kept.body, &kept.body_len, err)) != 0)
			goto rollback;
	}
	if ((rc = rec_to_item(s, &r, &cur, err)) != 0)
		goto rollback;
	if ((merged = json_deep_copy(cur.fields)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto rollback;
	}
	json_object_foreach((json_t *)(uintptr_t)fields, key, v) {
		if (json_is_null(v)) {
			json_object_del(merged, key);  /* absent already is the same */
		} else if (json_object_set(merged, key, v) != 0) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto rollback;
		}
	}
	if (body == NULL) {
		body = cur.body;
		body_len = cur.body_len;
	}
	/* the new text is sealed as the next version: the one before cannot be
	 * put back in its place */
	at = seal_of(&r);
	at.version = r.version + 1;
	if ((rc = check_record(k, merged, body, body_len, err)) != 0 ||
	    (rc = rec_payload_build(merged, body, body_len, &payload, &len, err)) != 0 ||
	    (rc = rec_seal(s, &at, payload, len, &sealed, &sealed_len, err)) != 0)
		goto rollback;
	if (k->history && (rc = store_version_keep(s->db, r.id, &kept, err)) != 0)
		goto rollback;
	if ((rc = store_rec_update(s->db, r.id, sealed, sealed_len, store_now(s->db), r.version, r.visibility,
	                           &changed, err)) != 0)
		goto rollback;
	if (!changed) {
		rc = changed_meanwhile(err);
		goto rollback;
	}
	rc = store_commit(s->db, err);
	goto out;
rollback:
	store_rollback(s->db);
out:
	if (payload != NULL)
		sodium_memzero(payload, len);
	free(payload);
	free(sealed);
	free(kept.body);
	json_decref(merged);
	dy_item_release(&cur);
	rec_release(&r);
	return rc;
}

/* My answers to a record whose visibility changes follow it: private with
 * it, shared with it, held with it until the same moment (a progress note
 * on my goal is seen where and when the goal is). Collected first, written
 * after the walk. An answer that no longer decrypts is deleted. */
struct follow {
	struct dy_session *s;
	struct rec *v;
	size_t n, cap;
	char (*bad)[DY_ID_LEN + 1];
	size_t nbad, capbad;
};

static int
follow_one(void *ctx, const struct store_rec *row, struct dy_error *err)
{
	struct follow *fo = ctx;
	int rc;

	if (dy_grow(&fo->v, fo->n, &fo->cap, sizeof(*fo->v), 8) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = rec_open_row(fo->s, row, &fo->v[fo->n], err);
	if (rc == DY_ECORRUPT) {
		if (dy_grow(&fo->bad, fo->nbad, &fo->capbad, sizeof(*fo->bad), 4) != 0)
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		memcpy(fo->bad[fo->nbad++], row->id, DY_ID_LEN + 1);
		return 0;
	}
	if (rc != 0)
		return rc;
	fo->n++;
	return 0;
}

/* Move my decrypted record r to a visibility (reveal_at for held ones) in
 * partnership epoch (0 when private): its body and kept versions re-sealed
 * for it, under the guard of the version and visibility r was read at. */
static int
rec_move(struct dy_session *s, const struct rec *r, int vis, int64_t reveal_at, int64_t epoch,
         struct dy_error *err)
{
	struct seal_at at = seal_of(r);
	uint8_t *body = NULL;
	size_t body_len;
	bool changed = false;
	int rc;

	at.visibility = vis;
	at.epoch = vis == REC_PRIVATE ? 0 : epoch;
	rc = rec_seal(s, &at, r->payload, r->payload_len, &body, &body_len, err);
	if (rc == 0)
		rc = store_rec_set_vis(s->db, r->id, vis, vis == REC_HELD ? reveal_at : 0, at.epoch, body, body_len,
		                       r->version, r->visibility, &changed, err);
	free(body);
	if (rc == 0 && !changed)
		rc = changed_meanwhile(err);
	if (rc == 0)
		rc = reseal_versions(s, r, vis, at.epoch, err);
	return rc;
}

static int
follow_answers(struct dy_session *s, const char *parent, int vis, int64_t reveal_at, struct dy_error *err)
{
	struct follow fo = {.s = s};
	int64_t epoch = vis == REC_PRIVATE ? 0 : s->keys->epoch;
	size_t i;
	int rc;

	rc = store_rec_each_answer(s->db, parent, s->person_id, follow_one, &fo, err);
	for (i = 0; rc == 0 && i < fo.nbad; i++)
		rc = store_rec_delete(s->db, fo.bad[i], err);
	for (i = 0; rc == 0 && i < fo.n; i++) {
		struct rec *a = &fo.v[i];

		if (a->visibility == vis && a->epoch == epoch && a->form == REC_FORM_V2 &&
		    (vis != REC_HELD || a->reveal_at == reveal_at))
			continue;
		rc = rec_move(s, a, vis, reveal_at, epoch, err);
	}
	for (i = 0; i < fo.n; i++)
		rec_release(&fo.v[i]);
	free(fo.v);
	free(fo.bad);
	return rc;
}

/* Make my decrypted record r private, shared or held (reveal_at) in the
 * current partnership: the body and the history re-sealed, the partner's
 * answers dropped when it goes private, my own answers following it. Inside
 * the caller's transaction. */
static int
rec_change_vis(struct dy_session *s, const struct rec *r, int vis, int64_t reveal_at, struct dy_error *err)
{
	int rc;

	if ((rc = rec_move(s, r, vis, reveal_at, s->keys->epoch, err)) != 0)
		return rc;
	if (vis == REC_PRIVATE && (rc = store_rec_drop_answers(s->db, r->id, s->person_id, err)) != 0)
		return rc;
	return follow_answers(s, r->id, vis, vis == REC_HELD ? reveal_at : 0, err);
}

int
dy_item_set_vis(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len, enum dy_vis vis,
                int64_t reveal_at, struct dy_error *err)
{
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = kind_ok(k, err)) != 0)
		return rc;
	if (vis != DY_VIS_PRIVATE && vis != DY_VIS_SHARED && vis != DY_VIS_HELD)
		return dy_fail(err, DY_EINVAL, "Unknown visibility.");
	if (k->responds_to != NULL)
		return dy_fail(err, DY_EINVAL, "A %s is seen where the record it answers is; share that record instead.",
		               k->noun);
	if ((rc = rec_current(s, err)) != 0 || (rc = store_begin(s->db, err)) != 0)
		return rc;
	if ((rc = rec_find(s, k->name, k->noun, id, id_len, &r, err)) != 0 ||
	    (rc = check_owner(s, k, &r, vis == DY_VIS_PRIVATE ? "unshare" : "share", err)) != 0)
		goto rollback;
	if (r.visibility == (int)vis && (vis != DY_VIS_HELD || r.reveal_at == reveal_at)) {
		rc = store_commit(s->db, err);
		goto out;
	}
	if ((rc = rec_change_vis(s, &r, (int)vis, reveal_at, err)) != 0)
		goto rollback;
	if ((rc = store_commit(s->db, err)) == 0 && vis == DY_VIS_PRIVATE)
		store_checkpoint(s->db);  /* the shared copy leaves the write-ahead log too */
	goto out;
rollback:
	store_rollback(s->db);
out:
	rec_release(&r);
	return rc;
}

int
dy_item_delete(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len, struct dy_error *err)
{
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = kind_ok(k, err)) != 0)
		return rc;
	if ((rc = store_begin(s->db, err)) != 0)
		return rc;
	if ((rc = rec_find(s, k->name, k->noun, id, id_len, &r, err)) != 0 ||
	    (rc = check_owner(s, k, &r, "delete", err)) != 0 ||
	    (rc = store_rec_delete(s->db, r.id, err)) != 0)
		goto rollback;
	if ((rc = store_commit(s->db, err)) == 0)
		store_checkpoint(s->db);
	goto out;
rollback:
	store_rollback(s->db);
out:
	rec_release(&r);
	return rc;
}

int
dy_item_versions(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                 struct dy_item_list *out, struct dy_error *err)
{
	struct dy_item_list l;
	struct store_version *v = NULL;
	struct rec r;
	size_t n = 0, cap = 0, i;
	int owner_form = PERSON_FORM_NOW, rc;

	memset(&l, 0, sizeof(l));
	memset(&r, 0, sizeof(r));
	if ((rc = kind_ok(k, err)) != 0)
		return rc;
	if ((rc = store_begin_read(s->db, err)) != 0)
		return rc;
	if ((rc = rec_find(s, k->name, k->noun, id, id_len, &r, err)) != 0 ||
	    (rc = owner_form_of(s, r.owner_id, &owner_form, err)) != 0 ||
	    (rc = store_version_list(s->db, r.id, &v, &n, err)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		struct rec old = r;
		struct seal_at at;
		struct dy_item it;

		/* what was kept while the record was private is its owner's alone,
		 * under their own key */
		if (!v[i].seen && strcmp(r.owner_id, s->person_id) != 0)
			continue;
		old.payload = NULL;
		old.payload_len = 0;
		old.updated_at = v[i].updated_at;
		rc = kept_at(&r, &v[i], owner_form, &at, err);
		if (rc == 0)
			rc = rec_unseal(s, &at, v[i].body, v[i].body_len, &old.payload, &old.payload_len, err);
		old.version = v[i].version;
		old.epoch = v[i].epoch;
		old.form = v[i].form;
		/* presented as before: a draft kept while private stays private */
		old.visibility = v[i].seen ? r.visibility : REC_PRIVATE;
		if (rc == 0)
			rc = rec_to_item(s, &old, &it, err);
		rec_release(&old);
		if (rc == DY_ECORRUPT) {
			l.damaged++;
			rc = 0;
			continue;
		}
		if (rc != 0)
			goto out;
		if ((rc = list_append(&l, &cap, &it, err)) != 0) {
			dy_item_release(&it);
			goto out;
		}
	}
	*out = l;
	memset(&l, 0, sizeof(l));
out:
	store_versions_free(v, n);
	dy_item_list_release(&l);
	rec_release(&r);
	store_rollback(s->db);
	return rc;
}

/* ------------------------------------------------------------- settling */

/* My records that an unlock must seal again, collected before any is
 * written (a walk must not see its own writes). */
struct settle {
	struct dy_session *s;
	int64_t epoch;                   /* the current partnership */
	bool legacy;                     /* take every record: some may be form 1 */
	struct rec *v;
	size_t n, cap;
};

static int
settle_pick(void *ctx, const struct store_rec *row, struct dy_error *err)
{
	struct settle *st = ctx;
	bool stale = row->visibility != REC_PRIVATE && row->epoch != st->epoch;
	int rc;

	if (!stale && !st->legacy && !(row->visibility == REC_HELD && row->reveal_at <= store_now(st->s->db)))
		return 0;
	if (dy_grow(&st->v, st->n, &st->cap, sizeof(*st->v), 16) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = rec_open_row(st->s, row, &st->v[st->n], err);
	if (rc == DY_ECORRUPT)
		return 0;  /* nobody can read it; it stays counted as damaged */
	if (rc == 0)
		st->n++;
	return rc;
}

/* Each record on its own (answers are records of mine too, and are in the
 * list themselves): of a partnership that has ended, private, without the
 * partner's answers; held past its time, shared in the current one; any
 * other sealed again in today's form (body and kept versions). */
static int
settle_apply(struct settle *st, struct dy_error *err)
{
	struct dy_session *s = st->s;
	int64_t now = store_now(s->db);
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < st->n; i++) {
		const struct rec *r = &st->v[i];

		if (r->visibility != REC_PRIVATE && r->epoch != st->epoch) {
			rc = rec_move(s, r, REC_PRIVATE, 0, 0, err);
			if (rc == 0)
				rc = store_rec_drop_answers(s->db, r->id, s->person_id, err);
		} else if (r->visibility == REC_HELD && r->reveal_at <= now) {
			rc = rec_move(s, r, REC_SHARED, 0, st->epoch, err);
		} else if (r->form != REC_FORM_V2) {
			rc = rec_move(s, r, r->visibility, r->reveal_at, r->epoch, err);
		} else if (st->legacy) {
			rc = reseal_versions(s, r, r->visibility, r->epoch, err);
		}
	}
	return rc;
}

static void
settle_release(struct settle *st)
{
	for (size_t i = 0; i < st->n; i++)
		rec_release(&st->v[i]);
	free(st->v);
}

/* A record of mine with versions kept in an older form: only where it
 * stands (its body is not opened: its versions are sealed again for the
 * visibility and partnership it has). */
static int
old_kept_pick(void *ctx, const struct store_rec *row, struct dy_error *err)
{
	struct settle *st = ctx;
	struct rec *r;

	if (dy_grow(&st->v, st->n, &st->cap, sizeof(*st->v), 16) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	r = &st->v[st->n++];
	memset(r, 0, sizeof(*r));
	memcpy(r->id, row->id, sizeof(r->id));
	memcpy(r->owner_id, row->owner_id, sizeof(r->owner_id));
	memcpy(r->kind, row->kind, sizeof(r->kind));
	memcpy(r->parent_id, row->parent_id, sizeof(r->parent_id));
	r->visibility = row->visibility;
	r->version = row->version;
	r->epoch = row->epoch;
	r->form = row->form;
	return 0;
}

/* My versions kept before kept versions had associated data of their own,
 * sealed again as kept, after the rest of the settling (which sealed again
 * those of the records it moved). A record still sealed for a partnership
 * whose key I no longer hold (its body did not open) is left as it is. */
static int
settle_old_kept(struct dy_session *s, struct dy_error *err)
{
	struct settle st = {.s = s, .epoch = s->keys->epoch};
	size_t i;
	int rc;

	rc = store_rec_each_old_kept(s->db, s->person_id, old_kept_pick, &st, err);
	for (i = 0; rc == 0 && i < st.n; i++) {
		const struct rec *r = &st.v[i];

		if (rec_key(s, r->visibility, r->epoch, REC_FORM_KEPT) != NULL)
			rc = reseal_versions(s, r, r->visibility, r->epoch, err);
	}
	settle_release(&st);
	return rc;
}

int
rec_settle(struct dy_session *s, bool all, bool legacy, struct dy_error *err)
{
	struct settle st = {.s = s, .epoch = s->keys->epoch, .legacy = legacy};
	int rc;

	if (all)
		rc = store_rec_each_owned(s->db, s->person_id, settle_pick, &st, err);
	else
		rc = store_rec_each_due(s->db, s->person_id, store_now(s->db), settle_pick, &st, err);
	if (rc == 0)
		rc = settle_apply(&st, err);
	settle_release(&st);
	if (rc == 0 && s->form != PERSON_FORM_NOW)
		rc = settle_old_kept(s, err);
	return rc;
}

/* ------------------------------------------------------------ exporting */

struct owned_ctx {
	struct dy_session *s;
	rec_fn fn;
	void *ctx;
	size_t damaged;
};

static int
owned_one(void *ctx, const struct store_rec *row, struct dy_error *err)
{
	struct owned_ctx *o = ctx;
	struct rec r;
	int rc = rec_open_row(o->s, row, &r, err);

	if (rc == 0) {
		rc = o->fn(o->ctx, &r, err);
		rec_release(&r);
	}
	if (rc == DY_ECORRUPT) {
		o->damaged++;
		rc = 0;
	}
	return rc;
}

int
rec_foreach_owned(struct dy_session *s, rec_fn fn, void *ctx, size_t *damaged, struct dy_error *err)
{
	struct owned_ctx o = {.s = s, .fn = fn, .ctx = ctx};
	int rc = store_rec_each_owned(s->db, s->person_id, owned_one, &o, err);

	*damaged = o.damaged;
	return rc;
}

/* --------------------------------------------------------- presentation */

static const char *const vis_names[] = {"private", "shared", "held"};

json_t *
dy_item_json(const struct dy_item *it)
{
	char created[21], updated[21], reveal[21];
	json_t *o, *v;
	const char *key;
	int vis = it->vis >= DY_VIS_PRIVATE && it->vis <= DY_VIS_HELD ? (int)it->vis : 0;

	dy_time_iso(it->created_at, created);
	dy_time_iso(it->updated_at, updated);
	o = json_object();
	if (o == NULL)
		return NULL;
	if (json_object_set_new_nocheck(o, "id", json_stringn_nocheck(it->id, strlen(it->id))) != 0 ||
	    json_object_set_new_nocheck(o, "kind", json_string_nocheck(it->kind)) != 0 ||
	    json_object_set_new_nocheck(o, "author", json_string(it->author)) != 0 ||
	    json_object_set_new_nocheck(o, "mine", json_boolean(it->mine)) != 0 ||
	    json_object_set_new_nocheck(o, "shared", json_boolean(it->vis == DY_VIS_SHARED)) != 0 ||
	    json_object_set_new_nocheck(o, "visibility", json_string_nocheck(vis_names[vis])) != 0)
		goto fail;
	if (it->vis == DY_VIS_HELD) {
		dy_time_iso(it->reveal_at, reveal);
		if (json_object_set_new_nocheck(o, "reveal_at", json_string_nocheck(reveal)) != 0)
			goto fail;
	}
	if (it->parent_id[0] != '\0' &&
	    json_object_set_new_nocheck(o, "parent_id", json_string_nocheck(it->parent_id)) != 0)
		goto fail;
	if (json_object_set_new_nocheck(o, "version", json_integer(it->version)) != 0 ||
	    json_object_set_new_nocheck(o, "created_at", json_string_nocheck(created)) != 0 ||
	    json_object_set_new_nocheck(o, "updated_at", json_string_nocheck(updated)) != 0)
		goto fail;
	/* the kind's fields, then its text: names never clash with the above
	 * (a kind's fields are not named like them) */
	json_object_foreach(it->fields, key, v) {
		if (json_object_get(o, key) == NULL && json_object_set(o, key, v) != 0)
			goto fail;
	}
	if (it->body != NULL &&
	    json_object_set_new_nocheck(o, "text", json_stringn_nocheck(it->body, it->body_len)) != 0)
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}
