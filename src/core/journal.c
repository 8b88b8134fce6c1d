/*
 * journal.c - journal entries: the kind "journal", a title and the entry's
 * text as the record's body. Everything else is the generic record's.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "record.h"
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
	l->count = 0;
}

/* An entry from an item; the entry takes over the item's body. */
static int
entry_from_item(struct dy_item *it, struct dy_entry *e, struct dy_error *err)
{
	json_t *t = json_object_get(it->fields, "title");

	memset(e, 0, sizeof(*e));
	if ((t != NULL && !json_is_string(t)) || it->body == NULL)
		return dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", it->id);
	e->title_len = t != NULL ? json_string_length(t) : 0;
	if ((e->title = dy_strndup(t != NULL ? json_string_value(t) : "", e->title_len)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	e->text = it->body;
	e->text_len = it->body_len;
	it->body = NULL;
	it->body_len = 0;
	memcpy(e->id, it->id, sizeof(e->id));
	memcpy(e->author, it->author, sizeof(e->author));
	e->mine = it->mine;
	e->shared = it->vis != DY_VIS_PRIVATE;
	e->version = it->version;
	e->created_at = it->created_at;
	e->updated_at = it->updated_at;
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

int
dy_journal_list(struct dy_session *s, enum dy_filter filter, const char *cursor, size_t limit,
                struct dy_entry_list *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = filter, .cursor = cursor,
	                     .limit = limit};
	struct dy_item_list il;
	struct dy_entry_list l;
	size_t i;
	int rc;

	memset(&l, 0, sizeof(l));
	if ((rc = dy_item_list(s, &q, &il, err)) != 0)
		return rc;
	l.damaged = il.damaged;
	memcpy(l.next, il.next, sizeof(l.next));
	if (il.count > 0 && (l.items = calloc(il.count, sizeof(*l.items))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	for (i = 0; i < il.count; i++) {
		rc = entry_from_item(&il.items[i], &l.items[l.count], err);
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
	memset(&l, 0, sizeof(l));
out:
	dy_entry_list_release(&l);
	dy_item_list_release(&il);
	return rc;
}

int
dy_journal_get(struct dy_session *s, const char *id, size_t id_len, struct dy_entry *out, struct dy_error *err)
{
	struct dy_item it;
	struct dy_entry e;
	int rc;

	if ((rc = dy_item_get(s, &dy_kind_journal, id, id_len, &it, err)) != 0)
		return rc;
	if ((rc = entry_from_item(&it, &e, err)) == 0)
		*out = e;
	dy_item_release(&it);
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
