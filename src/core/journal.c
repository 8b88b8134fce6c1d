/*
 * journal.c - journal entries: records of kind "journal" whose payload is
 * {"title": "..."} with the entry's text as the payload's body.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "record.h"
#include "session.h"
#include "util.h"
#include "banned.h"

#define KIND "journal"
#define NOUN "entry"

static int
check_entry(const char *title, size_t title_len, const char *text, size_t text_len, struct dy_error *err)
{
	size_t i;

	if (title_len > DY_TITLE_MAX)
		return dy_fail(err, DY_ETOOBIG, "The title is longer than %d bytes.", DY_TITLE_MAX);
	if (title_len > 0 && (title == NULL || !dy_utf8_valid(title, title_len)))
		return dy_fail(err, DY_EINVAL, "The title is not valid UTF-8 text.");
	for (i = 0; i < title_len; i++) {
		if ((unsigned char)title[i] < 0x20)
			return dy_fail(err, DY_EINVAL, "A title is one line of text.");
	}
	if (text_len > DY_TEXT_MAX)
		return dy_fail(err, DY_ETOOBIG, "The entry is longer than 1 MiB.");
	if (text == NULL || text_len == 0)
		return dy_fail(err, DY_EINVAL, "The entry is empty; write something first.");
	if (!dy_utf8_valid(text, text_len))
		return dy_fail(err, DY_EINVAL, "The entry is not valid UTF-8 text.");
	return 0;
}

/* The payload for an entry; the caller frees *out. */
static int
entry_payload(const char *title, size_t title_len, const char *text, size_t text_len, uint8_t **out,
              size_t *out_len, struct dy_error *err)
{
	json_t *o = json_pack("{s:s%}", "title", title ? title : "", title_len);
	int rc;

	if (o == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = rec_payload_build(o, text, text_len, out, out_len, err);
	json_decref(o);
	return rc;
}

void
dy_entry_release(struct dy_entry *e)
{
	if (e == NULL)
		return;
	if (e->title != NULL)
		sodium_memzero(e->title, e->title_len);
	if (e->text != NULL)
		sodium_memzero(e->text, e->text_len);
	free(e->title);
	free(e->text);
	e->title = e->text = NULL;
}

void
dy_entry_list_release(struct dy_entry_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->count; i++)
		dy_entry_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = l->total = 0;
}

/* An entry from a decrypted record. The entry takes over the record's
 * payload buffer for its text (no second copy of a long text). */
static int
entry_from_rec(const struct dy_session *s, struct rec *r, struct dy_entry *e, struct dy_error *err)
{
	json_t *o = NULL, *t;
	const char *body;
	size_t body_len;
	int rc;

	memset(e, 0, sizeof(*e));
	if ((rc = rec_payload_split(r, &o, &body, &body_len, err)) != 0)
		return rc;
	t = json_object_get(o, "title");
	if (!json_is_string(t) || body == NULL) {
		rc = dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", r->id);
		goto out;
	}
	e->title_len = json_string_length(t);
	if ((e->title = dy_strndup(json_string_value(t), e->title_len)) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	/* the body ends the buffer, NUL-terminated: move it to the front */
	memmove(r->payload, body, body_len + 1);
	e->text = (char *)r->payload;
	e->text_len = body_len;
	r->payload = NULL;
	r->payload_len = 0;
	memcpy(e->id, r->id, sizeof(e->id));
	memcpy(e->author, r->owner_name, sizeof(e->author));
	e->mine = strcmp(r->owner_id, s->person_id) == 0;
	e->shared = r->visibility != REC_PRIVATE;
	e->created_at = r->created_at;
	e->updated_at = r->updated_at;
out:
	json_decref(o);
	return rc;
}

int
dy_journal_add(struct dy_session *s, const char *title, size_t title_len, const char *text, size_t text_len,
               bool share, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	uint8_t *payload = NULL;
	size_t len;
	int rc;

	if ((rc = check_entry(title, title_len, text, text_len, err)) != 0)
		return rc;
	if ((rc = entry_payload(title, title_len, text, text_len, &payload, &len, err)) != 0)
		return rc;
	rc = rec_create(s, KIND, NULL, share ? REC_SHARED : REC_PRIVATE, 0, payload, len, id, err);
	free(payload);
	return rc;
}

int
dy_journal_list(struct dy_session *s, enum dy_filter filter, size_t offset, size_t limit,
                struct dy_entry_list *out, struct dy_error *err)
{
	struct rec_list rl;
	struct dy_entry_list l = {0};
	int rc;

	if ((rc = rec_list(s, KIND, filter, offset, limit, &rl, err)) != 0)
		return rc;
	l.total = rl.total;
	l.damaged = rl.damaged;
	if (rl.count > 0 && (l.items = calloc(rl.count, sizeof(*l.items))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	for (size_t i = 0; i < rl.count; i++) {
		rc = entry_from_rec(s, &rl.items[i], &l.items[l.count], err);
		if (rc == DY_ECORRUPT) {
			l.damaged++;
			continue;
		}
		if (rc != 0)
			goto out;
		l.count++;
	}
	rc = 0;
	*out = l;
	l.items = NULL;
	l.count = 0;
out:
	dy_entry_list_release(&l);
	rec_list_release(&rl);
	return rc;
}

int
dy_journal_get(struct dy_session *s, const char *id, size_t id_len, struct dy_entry *out, struct dy_error *err)
{
	struct rec r;
	struct dy_entry e;
	int rc;

	if ((rc = rec_find(s, KIND, NOUN, id, id_len, &r, err)) != 0)
		return rc;
	if ((rc = entry_from_rec(s, &r, &e, err)) == 0)
		*out = e;
	rec_release(&r);
	return rc;
}

int
dy_journal_edit(struct dy_session *s, const char *id, size_t id_len, const char *title, size_t title_len,
                const char *text, size_t text_len, struct dy_error *err)
{
	struct rec r;
	struct dy_entry e = {0};
	uint8_t *payload = NULL;
	size_t len;
	int rc;

	if ((rc = rec_find(s, KIND, NOUN, id, id_len, &r, err)) != 0)
		return rc;
	if (strcmp(r.owner_id, s->person_id) != 0) {
		rc = dy_fail(err, DY_EPERM, "This entry is %s's; only they can change it.", r.owner_name);
		goto out;
	}
	if ((rc = entry_from_rec(s, &r, &e, err)) != 0)
		goto out;
	if (title == NULL) {
		title = e.title;
		title_len = e.title_len;
	}
	if ((rc = check_entry(title, title_len, text, text_len, err)) != 0)
		goto out;
	if ((rc = entry_payload(title, title_len, text, text_len, &payload, &len, err)) != 0)
		goto out;
	rc = rec_update(s, &r, payload, len, false, err);
out:
	free(payload);
	dy_entry_release(&e);
	rec_release(&r);
	return rc;
}

int
dy_journal_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	struct rec r;
	int rc;

	if ((rc = rec_find(s, KIND, NOUN, id, id_len, &r, err)) != 0)
		return rc;
	if (strcmp(r.owner_id, s->person_id) != 0)
		rc = dy_fail(err, DY_EPERM, "This entry is %s's; only they can delete it.", r.owner_name);
	else
		rc = rec_delete(s, &r, err);
	rec_release(&r);
	return rc;
}

int
dy_journal_share(struct dy_session *s, const char *id, size_t id_len, bool share, struct dy_error *err)
{
	struct rec r;
	int rc;

	if ((rc = rec_find(s, KIND, NOUN, id, id_len, &r, err)) != 0)
		return rc;
	if (strcmp(r.owner_id, s->person_id) != 0)
		rc = dy_fail(err, DY_EPERM, "This entry is %s's; only they can %s it.", r.owner_name,
		             share ? "share" : "unshare");
	else
		rc = rec_set_visibility(s, &r, share ? REC_SHARED : REC_PRIVATE, 0, err);
	rec_release(&r);
	return rc;
}
