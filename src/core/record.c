/*
 * record.c - encrypted records: the one place that seals and opens them.
 */
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

void
rec_list_release(struct rec_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->count; i++)
		rec_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = l->total = 0;
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
	total = jlen + (body != NULL ? 1 + body_len : 0);
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

	if (!json_is_object(o)) {
		json_decref(o);
		return dy_fail(err, DY_ECORRUPT, "Record %s is damaged.", r->id);
	}
	*fields = o;
	*body = nul != NULL ? (const char *)nul + 1 : NULL;
	*body_len = nul != NULL ? r->payload_len - jlen - 1 : 0;
	return 0;
}

/* Associated data: the record's id, owner and kind, so a ciphertext cannot
 * be moved to another record, person or kind. Built by hand: it runs once
 * per record of every list. */
#define REC_AD_MAX (sizeof("dyad-rec-v1|") + 2 * (DY_ID_LEN + 1) + DY_KIND_MAX + 1)
static size_t
rec_ad(uint8_t ad[REC_AD_MAX], const char *id, const char *owner, const char *kind)
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
	l = strnlen(kind, DY_KIND_MAX);
	memcpy(ad + n, kind, l);
	return n + l;
}

static const uint8_t *
rec_key(const struct dy_session *s, int visibility)
{
	return visibility == REC_PRIVATE ? s->keys->personal : s->keys->space;
}

/* Seal a payload for record (id, owner, kind) at a visibility; the caller
 * frees *out. */
static int
rec_seal(const struct dy_session *s, const char *id, const char *kind, int visibility,
         const uint8_t *payload, size_t len, uint8_t **out, size_t *out_len, struct dy_error *err)
{
	uint8_t ad[REC_AD_MAX], *ct;
	size_t ad_len = rec_ad(ad, id, s->person_id, kind);

	if ((ct = malloc(len + DY_SEAL_OVERHEAD)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	dy_seal(ct, payload, len, ad, ad_len, rec_key(s, visibility));
	*out = ct;
	*out_len = len + DY_SEAL_OVERHEAD;
	return 0;
}

/* Open a sealed body into a new NUL-terminated buffer. */
static int
rec_unseal(const struct dy_session *s, const char *id, const char *owner, const char *kind,
           int visibility, const uint8_t *body, size_t body_len, uint8_t **out, size_t *out_len,
           struct dy_error *err)
{
	uint8_t ad[REC_AD_MAX], *pt;
	size_t ad_len = rec_ad(ad, id, owner, kind), n;

	if (body == NULL || body_len < DY_SEAL_OVERHEAD || body_len - DY_SEAL_OVERHEAD > DY_PAYLOAD_MAX)
		return dy_fail(err, DY_ECORRUPT, "Record %s is damaged.", id);
	n = body_len - DY_SEAL_OVERHEAD;
	if ((pt = malloc(n + 1)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if (dy_open(pt, body, body_len, ad, ad_len, rec_key(s, visibility)) != 0) {
		free(pt);
		return dy_fail(err, DY_ECORRUPT, "Record %s could not be decrypted; it is damaged.", id);
	}
	pt[n] = '\0';
	*out = pt;
	*out_len = n;
	return 0;
}

/* Read the current row of a record statement (the column order of
 * S_RECORD_FIND, S_RECORD_LIST and S_RECORD_OWNED) and decrypt it. */
static int
rec_from_row(const struct dy_session *s, sqlite3_stmt *st, struct rec *r, struct dy_error *err)
{
	const unsigned char *parent = sqlite3_column_text(st, 4);

	memset(r, 0, sizeof(*r));
	dy_strlcpy(r->id, (const char *)sqlite3_column_text(st, 0), sizeof(r->id));
	dy_strlcpy(r->owner_id, (const char *)sqlite3_column_text(st, 1), sizeof(r->owner_id));
	dy_strlcpy(r->owner_name, (const char *)sqlite3_column_text(st, 2), sizeof(r->owner_name));
	dy_strlcpy(r->kind, (const char *)sqlite3_column_text(st, 3), sizeof(r->kind));
	if (parent != NULL)
		dy_strlcpy(r->parent_id, (const char *)parent, sizeof(r->parent_id));
	r->visibility = sqlite3_column_int(st, 5);
	r->reveal_at = sqlite3_column_int64(st, 6);
	r->version = sqlite3_column_int(st, 7);
	r->created_at = sqlite3_column_int64(st, 8);
	r->updated_at = sqlite3_column_int64(st, 9);
	return rec_unseal(s, r->id, r->owner_id, r->kind, r->visibility, sqlite3_column_blob(st, 10),
	                  (size_t)sqlite3_column_bytes(st, 10), &r->payload, &r->payload_len, err);
}

int
rec_create(struct dy_session *s, const char *kind, const char *parent_id, int visibility,
           int64_t reveal_at, const uint8_t *payload, size_t len, char id[DY_ID_LEN + 1],
           struct dy_error *err)
{
	char nid[DY_ID_LEN + 1];
	uint8_t *body = NULL;
	size_t body_len;
	sqlite3_stmt *st;
	int rc;

	if (len > DY_PAYLOAD_MAX)
		return dy_fail(err, DY_ETOOBIG, "Too big to store.");
	dy_uuid_v4(nid);
	if ((rc = rec_seal(s, nid, kind, visibility, payload, len, &body, &body_len, err)) != 0)
		return rc;
	if ((st = store_stmt(s->db, S_RECORD_INSERT, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto out;
	}
	store_bind_text(st, 1, nid, DY_ID_LEN);
	store_bind_text(st, 2, s->space_id, strlen(s->space_id));
	store_bind_text(st, 3, s->person_id, strlen(s->person_id));
	store_bind_text(st, 4, kind, strlen(kind));
	if (parent_id != NULL)
		store_bind_text(st, 5, parent_id, strlen(parent_id));
	sqlite3_bind_int(st, 6, visibility);
	if (visibility == REC_HELD)
		sqlite3_bind_int64(st, 7, reveal_at);
	sqlite3_bind_int64(st, 8, store_now(s->db));
	store_bind_blob(st, 9, body, body_len);
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto out;
	memcpy(id, nid, sizeof(nid));
out:
	free(body);
	return rc;
}

int
rec_find(struct dy_session *s, const char *kind, const char *noun, const char *id, size_t id_len,
         struct rec *out, struct dy_error *err)
{
	sqlite3_stmt *st;
	struct rec r;
	int rc, n = 0;

	/* an id that cannot exist gets the same answer as one that is not mine */
	if (id == NULL || id_len < 4 || !dy_id_prefix_valid(id, id_len))
		return dy_fail(err, DY_ENOTFOUND, "No %s %.*s.", noun, (int)(id_len > 40 ? 40 : id_len),
		               id ? id : "");
	if ((st = store_stmt(s->db, S_RECORD_FIND, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, id_len);
	store_bind_text(st, 2, kind, strlen(kind));
	store_bind_text(st, 3, s->person_id, strlen(s->person_id));
	sqlite3_bind_int64(st, 4, store_now(s->db));
	memset(&r, 0, sizeof(r));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (++n > 1)
			break;
		if ((rc = rec_from_row(s, st, &r, err)) != 0) {
			sqlite3_reset(st);
			return rc;
		}
	}
	sqlite3_reset(st);
	if (n > 1) {
		rec_release(&r);
		return dy_fail(err, DY_EINVAL, "More than one %s starts with %.*s; give more of the id.", noun,
		               (int)id_len, id);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s->db, rc, err);
	if (n == 0)
		return dy_fail(err, DY_ENOTFOUND, "No %s %.*s.", noun, (int)id_len, id);
	*out = r;
	return 0;
}

/* Another process changed or deleted the record between our read and our
 * write: nothing was written, and trying again works from fresh data. */
static int
changed_meanwhile(struct dy_error *err)
{
	return dy_fail(err, DY_EBUSY, "It changed in the meantime (another window?); nothing was saved. Try again.");
}

static int
check_owner(const struct dy_session *s, const struct rec *r, struct dy_error *err)
{
	if (strcmp(r->owner_id, s->person_id) != 0)
		return dy_fail(err, DY_EPERM, "Only %s can change this; it is theirs.", r->owner_name);
	return 0;
}

int
rec_update(struct dy_session *s, const struct rec *r, const uint8_t *payload, size_t len,
           bool keep_history, struct dy_error *err)
{
	uint8_t *body = NULL;
	size_t body_len;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_owner(s, r, err)) != 0)
		return rc;
	if (len > DY_PAYLOAD_MAX)
		return dy_fail(err, DY_ETOOBIG, "Too big to store.");
	if ((rc = rec_seal(s, r->id, r->kind, r->visibility, payload, len, &body, &body_len, err)) != 0)
		return rc;
	if ((rc = store_begin(s->db, err)) != 0)
		goto out;
	if (keep_history) {
		if ((st = store_stmt(s->db, S_VERSION_INSERT, err)) == NULL) {
			rc = err ? err->code : DY_EIO;
			goto rollback;
		}
		store_bind_text(st, 1, r->id, strlen(r->id));
		if ((rc = store_exec(s->db, st, err)) != 0)
			goto rollback;
	}
	if ((st = store_stmt(s->db, S_RECORD_UPDATE, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, r->id, strlen(r->id));
	store_bind_blob(st, 2, body, body_len);
	sqlite3_bind_int64(st, 3, store_now(s->db));
	sqlite3_bind_int(st, 4, r->version);
	sqlite3_bind_int(st, 5, r->visibility);
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto rollback;
	if (store_changes(s->db) != 1) {
		rc = changed_meanwhile(err);
		goto rollback;
	}
	rc = store_commit(s->db, err);
	goto out;
rollback:
	store_rollback(s->db);
out:
	free(body);
	return rc;
}

/* Re-encrypt every kept version of record r for a new visibility. Runs inside
 * the caller's transaction. */
static int
reseal_versions(struct dy_session *s, const struct rec *r, int visibility, struct dy_error *err)
{
	struct {
		int version;
		uint8_t *body;
		size_t len;
	} *v = NULL;
	size_t n = 0, cap = 0, i;
	sqlite3_stmt *st;
	int rc = 0, step;

	if ((st = store_stmt(s->db, S_VERSION_LIST, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, r->id, strlen(r->id));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		uint8_t *pt = NULL;
		size_t pt_len;

		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			void *nv = realloc(v, ncap * sizeof(*v));
			if (nv == NULL) {
				rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
				break;
			}
			v = nv;
			cap = ncap;
		}
		rc = rec_unseal(s, r->id, r->owner_id, r->kind, r->visibility, sqlite3_column_blob(st, 2),
		                (size_t)sqlite3_column_bytes(st, 2), &pt, &pt_len, err);
		if (rc != 0)
			break;
		v[n].version = sqlite3_column_int(st, 0);
		rc = rec_seal(s, r->id, r->kind, visibility, pt, pt_len, &v[n].body, &v[n].len, err);
		sodium_memzero(pt, pt_len);
		free(pt);
		if (rc != 0)
			break;
		n++;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_fail(s->db, step, err);
	for (i = 0; rc == 0 && i < n; i++) {
		if ((st = store_stmt(s->db, S_VERSION_SET_BODY, err)) == NULL) {
			rc = err ? err->code : DY_EIO;
			break;
		}
		store_bind_text(st, 1, r->id, strlen(r->id));
		sqlite3_bind_int(st, 2, v[i].version);
		store_bind_blob(st, 3, v[i].body, v[i].len);
		rc = store_exec(s->db, st, err);
	}
	for (i = 0; i < n; i++)
		free(v[i].body);
	free(v);
	return rc;
}

int
rec_set_visibility(struct dy_session *s, const struct rec *r, int visibility, int64_t reveal_at,
                   struct dy_error *err)
{
	uint8_t *body = NULL;
	size_t body_len;
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_owner(s, r, err)) != 0)
		return rc;
	if (r->visibility == visibility && (visibility != REC_HELD || r->reveal_at == reveal_at))
		return 0;
	if ((rc = rec_seal(s, r->id, r->kind, visibility, r->payload, r->payload_len, &body, &body_len, err)) != 0)
		return rc;
	if ((rc = store_begin(s->db, err)) != 0)
		goto out;
	if ((st = store_stmt(s->db, S_RECORD_SET_VIS, err)) == NULL) {
		rc = err ? err->code : DY_EIO;
		goto rollback;
	}
	store_bind_text(st, 1, r->id, strlen(r->id));
	sqlite3_bind_int(st, 2, visibility);
	if (visibility == REC_HELD)
		sqlite3_bind_int64(st, 3, reveal_at);
	store_bind_blob(st, 4, body, body_len);
	sqlite3_bind_int(st, 5, r->version);
	sqlite3_bind_int(st, 6, r->visibility);
	if ((rc = store_exec(s->db, st, err)) != 0)
		goto rollback;
	if (store_changes(s->db) != 1) {
		rc = changed_meanwhile(err);
		goto rollback;
	}
	/* the private key and the space key differ: history moves along */
	if ((r->visibility == REC_PRIVATE) != (visibility == REC_PRIVATE) &&
	    (rc = reseal_versions(s, r, visibility, err)) != 0)
		goto rollback;
	rc = store_commit(s->db, err);
	goto out;
rollback:
	store_rollback(s->db);
out:
	free(body);
	return rc;
}

int
rec_delete(struct dy_session *s, const struct rec *r, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = check_owner(s, r, err)) != 0)
		return rc;
	if ((st = store_stmt(s->db, S_RECORD_DELETE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, r->id, strlen(r->id));
	return store_exec(s->db, st, err);
}

int
rec_list(struct dy_session *s, const char *kind, enum dy_filter filter, size_t offset, size_t limit,
         struct rec_list *out, struct dy_error *err)
{
	struct rec_list l = {0};
	sqlite3_stmt *st;
	int64_t now = store_now(s->db);
	size_t cap = 0;
	int rc = 0, step;

	if (filter != DY_FILTER_ALL && filter != DY_FILTER_MINE && filter != DY_FILTER_SHARED)
		return dy_fail(err, DY_EINVAL, "Unknown filter.");
	if (offset > INT64_MAX || limit > INT64_MAX)
		return dy_fail(err, DY_EINVAL, "Offset or limit out of range.");
	/* count and page from one snapshot */
	if ((rc = store_begin_read(s->db, err)) != 0)
		return rc;
	if ((st = store_stmt(s->db, S_RECORD_COUNT, err)) == NULL) {
		store_rollback(s->db);
		return err ? err->code : DY_EIO;
	}
	store_bind_text(st, 1, s->space_id, strlen(s->space_id));
	store_bind_text(st, 2, kind, strlen(kind));
	sqlite3_bind_int(st, 3, (int)filter);
	store_bind_text(st, 4, s->person_id, strlen(s->person_id));
	sqlite3_bind_int64(st, 5, now);
	if ((step = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		rc = store_fail(s->db, step, err);
		store_rollback(s->db);
		return rc;
	}
	l.total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);

	if ((st = store_stmt(s->db, S_RECORD_LIST, err)) == NULL) {
		store_rollback(s->db);
		return err ? err->code : DY_EIO;
	}
	store_bind_text(st, 1, s->space_id, strlen(s->space_id));
	store_bind_text(st, 2, kind, strlen(kind));
	sqlite3_bind_int(st, 3, (int)filter);
	store_bind_text(st, 4, s->person_id, strlen(s->person_id));
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, limit == 0 ? -1 : (int64_t)limit);
	sqlite3_bind_int64(st, 7, (int64_t)offset);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (l.count == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			void *ni = realloc(l.items, ncap * sizeof(*l.items));
			if (ni == NULL) {
				rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
				break;
			}
			l.items = ni;
			cap = ncap;
		}
		rc = rec_from_row(s, st, &l.items[l.count], err);
		if (rc == DY_ECORRUPT) {
			/* one damaged record must not hide all the others */
			l.damaged++;
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		l.count++;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_fail(s->db, step, err);
	store_rollback(s->db);  /* a read: ending it is all that is left */
	if (rc != 0) {
		rec_list_release(&l);
		return rc;
	}
	*out = l;
	return 0;
}

int
rec_foreach_owned(struct dy_session *s, rec_fn fn, void *ctx, size_t *damaged, struct dy_error *err)
{
	sqlite3_stmt *st;
	struct rec r;
	int rc = 0, step;

	if ((st = store_stmt(s->db, S_RECORD_OWNED, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, s->person_id, strlen(s->person_id));
	*damaged = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		rc = rec_from_row(s, st, &r, err);
		if (rc == DY_ECORRUPT) {
			(*damaged)++;
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		rc = fn(ctx, &r, err);
		if (rc == DY_ECORRUPT) {
			(*damaged)++;
			rc = 0;
		}
		rec_release(&r);
		if (rc != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_fail(s->db, step, err);
	return rc;
}
