/*
 * journal.c - journal entries: the kind "journal", a title and the entry's
 * text as the record's body. Everything else is the generic record's.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "record.h"
#include "session.h"
#include "util.h"
#include "banned.h"

static const struct dy_field journal_fields[] = {
	{.name = "title", .type = DY_F_LINE, .min = 0, .max = DY_TITLE_MAX},
};

const struct dy_kind dy_kind_journal = {
	.name = "journal",
	.noun = "entry",
	.fields = journal_fields,
	.nfields = sizeof(journal_fields) / sizeof(journal_fields[0]),
	.body_max = DY_TEXT_MAX,
	.body_required = true,
};

/* {"title": title} for a title that is not checked yet: the generic check
 * tells bad UTF-8 and control characters apart, so no check here. */
static json_t *
entry_fields(const char *title, size_t title_len)
{
	return json_pack("{s:o}", "title", json_stringn_nocheck(title != NULL ? title : "", title != NULL ? title_len : 0));
}

void
dy_entry_release(struct dy_entry *e)
{
	if (e == NULL)
		return;
	if (e->mem != NULL)
		sodium_memzero(e->mem, e->mem_len);
	free(e->mem);
	memset(e, 0, sizeof(*e));
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
	l->count = 0;
}

/* An entry from a decrypted record; the entry takes over r's payload, and
 * its title and text point into it. The title is read without a JSON parse
 * when it needs none (rec_payload_plain); otherwise it is parsed and its
 * decoded form, never longer than the JSON it came from, written over the
 * start of the payload. */
int
journal_entry_from_rec(const struct dy_session *s, struct rec *r, struct dy_entry *e, struct dy_error *err)
{
	char *p = (char *)r->payload;
	const char *title, *body;
	size_t title_len, body_len;
	json_t *fields = NULL, *t;

	memset(e, 0, sizeof(*e));
	if (rec_payload_plain(r, "title", &title, &title_len, &body, &body_len)) {
		if (body == NULL)
			return dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", r->id);
		if (title == NULL) {
			title = body - 1;  /* the NUL before the body: "" */
		} else {
			p[title - p + (ptrdiff_t)title_len] = '\0';  /* the closing quote */
		}
	} else {
		if (rec_payload_split(r, &fields, &body, &body_len, err) != 0)
			return DY_ECORRUPT;
		t = json_object_get(fields, "title");
		if ((t != NULL && !json_is_string(t)) || body == NULL) {
			json_decref(fields);
			return dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", r->id);
		}
		title_len = t != NULL ? json_string_length(t) : 0;
		/* {"title":"..."} is 12 bytes more than its decoded title */
		if (title_len + 1 > (size_t)(body - 1 - p)) {
			json_decref(fields);
			return dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", r->id);
		}
		if (title_len > 0)
			memcpy(p, json_string_value(t), title_len);
		p[title_len] = '\0';
		title = p;
		json_decref(fields);
	}
	e->title = (char *)(uintptr_t)title;
	e->title_len = title_len;
	e->text = (char *)(uintptr_t)body;
	e->text_len = body_len;
	e->mem = p;
	e->mem_len = r->payload_len;
	r->payload = NULL;
	r->payload_len = 0;
	memcpy(e->id, r->id, sizeof(e->id));
	memcpy(e->author, r->owner_name, sizeof(e->author));
	e->mine = strcmp(r->owner_id, s->person_id) == 0;
	e->shared = r->visibility != REC_PRIVATE;
	e->version = r->version;
	e->created_at = r->created_at;
	e->updated_at = r->updated_at;
	return 0;
}

int
dy_journal_add(struct dy_session *s, const char *title, size_t title_len, const char *text, size_t text_len,
               bool share, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	json_t *f = entry_fields(title, title_len);
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = dy_item_create(s, &dy_kind_journal, NULL, f, text != NULL ? text : "", text != NULL ? text_len : 0,
	                    share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, err);
	json_decref(f);
	return rc;
}

/* A list being made: entries taken one record at a time (rec_list). */
struct entry_sink {
	const struct dy_session *s;
	struct dy_entry_list l;
	size_t cap;
};

static int
entry_take(void *ctx, struct rec *r, struct dy_error *err)
{
	struct entry_sink *k = ctx;

	if (dy_grow(&k->l.items, k->l.count, &k->cap, sizeof(*k->l.items), 32) != 0)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if (journal_entry_from_rec(k->s, r, &k->l.items[k->l.count], err) != 0)
		return DY_ECORRUPT;
	k->l.count++;
	return 0;
}

int
dy_journal_list(struct dy_session *s, enum dy_filter filter, const char *cursor, size_t limit,
                struct dy_entry_list *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = filter, .cursor = cursor,
	                     .limit = limit};
	struct entry_sink k;
	bool oldest_first;
	int rc;

	memset(&k, 0, sizeof(k));
	k.s = s;
	/* a page's array at once; a list of all grows it */
	if (limit > 0 && limit <= 1000) {
		if ((k.l.items = malloc(limit * sizeof(*k.l.items))) == NULL)
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		k.cap = limit;
	}
	if ((rc = rec_list(s, &q, entry_take, &k, &k.l.damaged, &oldest_first, k.l.next, err)) == 0) {
		for (size_t i = 0; oldest_first && i < k.l.count / 2; i++) {
			struct dy_entry t = k.l.items[i];

			k.l.items[i] = k.l.items[k.l.count - 1 - i];
			k.l.items[k.l.count - 1 - i] = t;
		}
		*out = k.l;
		memset(&k.l, 0, sizeof(k.l));
	}
	dy_entry_list_release(&k.l);
	return rc;
}

int
dy_journal_get(struct dy_session *s, const char *id, size_t id_len, struct dy_entry *out, struct dy_error *err)
{
	struct rec r;
	struct dy_entry e;
	int rc;

	if ((rc = rec_get(s, &dy_kind_journal, id, id_len, &r, err)) != 0)
		return rc;
	if ((rc = journal_entry_from_rec(s, &r, &e, err)) == 0)
		*out = e;
	rec_release(&r);
	return rc;
}

int
dy_journal_edit(struct dy_session *s, const char *id, size_t id_len, const char *title, size_t title_len,
                const char *text, size_t text_len, struct dy_error *err)
{
	json_t *f = title != NULL ? entry_fields(title, title_len) : json_object();
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = dy_item_edit(s, &dy_kind_journal, id, id_len, f, text != NULL ? text : "",
	                  text != NULL ? text_len : 0, err);
	json_decref(f);
	return rc;
}

int
dy_journal_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	return dy_item_delete(s, &dy_kind_journal, id, id_len, err);
}

int
dy_journal_share(struct dy_session *s, const char *id, size_t id_len, bool share, struct dy_error *err)
{
	return dy_item_set_vis(s, &dy_kind_journal, id, id_len, share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, err);
}

json_t *
dy_entry_json(const struct dy_entry *e)
{
	struct dy_item it;
	json_t *o;

	memset(&it, 0, sizeof(it));
	memcpy(it.id, e->id, sizeof(it.id));
	memcpy(it.kind, "journal", sizeof("journal"));
	memcpy(it.author, e->author, sizeof(it.author));
	it.mine = e->mine;
	it.vis = e->shared ? DY_VIS_SHARED : DY_VIS_PRIVATE;
	it.version = e->version;
	it.created_at = e->created_at;
	it.updated_at = e->updated_at;
	it.fields = json_pack("{s:o}", "title", json_stringn_nocheck(e->title != NULL ? e->title : "",
	                                                             e->title != NULL ? e->title_len : 0));
	if (it.fields == NULL)
		return NULL;
	it.body = e->text != NULL ? e->text : (char *)(uintptr_t)"";
	it.body_len = e->text != NULL ? e->text_len : 0;
	o = dy_item_json(&it);
	json_decref(it.fields);
	return o;
}
