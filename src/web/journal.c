/*
 * journal.c - the journal: list (paginated), add, read, edit, delete,
 * share and unshare. Entries carry their text rendered from Markdown by
 * cmark in safe mode (raw HTML and unsafe links dropped) as "html".
 *
 * Ids in paths must be whole UUIDs: anything else is the same 404 as an id
 * that does not exist, so the API never resolves the core's id prefixes and
 * a partner's private entry is indistinguishable from a missing one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "handlers.h"
#include "json.h"
#include "banned.h"

#define LIST_LIMIT_DEFAULT 20
#define LIST_LIMIT_MAX 100
#define LIST_OFFSET_MAX 1000000000UL

/* The JSON of an entry. The core hands out valid UTF-8 only, so its
 * strings go in without jansson's second UTF-8 pass (the list is the
 * server's hottest path). */
static json_t *entry_json(const struct dy_entry *e)
{
	char created[32], updated[32];
	char *html;
	json_t *doc;
	int bad = 0;

	html = cmark_markdown_to_html(e->text != NULL ? e->text : "", e->text != NULL ? e->text_len : 0,
	                              CMARK_OPT_SAFE);
	doc = json_object();
	if (html == NULL || doc == NULL) {
		free(html);
		json_decref(doc);
		return NULL;
	}
	web_iso_time(e->created_at, created);
	web_iso_time(e->updated_at, updated);
	bad |= json_object_set_new_nocheck(doc, "id", json_string_nocheck(e->id));
	bad |= json_object_set_new_nocheck(doc, "author", json_string_nocheck(e->author));
	bad |= json_object_set_new_nocheck(doc, "mine", json_boolean(e->mine));
	bad |= json_object_set_new_nocheck(doc, "shared", json_boolean(e->shared));
	bad |= json_object_set_new_nocheck(doc, "created_at", json_string_nocheck(created));
	bad |= json_object_set_new_nocheck(doc, "updated_at", json_string_nocheck(updated));
	bad |= json_object_set_new_nocheck(doc, "title",
	                                   json_stringn_nocheck(e->title != NULL ? e->title : "",
	                                                        e->title != NULL ? e->title_len : 0));
	bad |= json_object_set_new_nocheck(doc, "text",
	                                   json_stringn_nocheck(e->text != NULL ? e->text : "",
	                                                        e->text != NULL ? e->text_len : 0));
	bad |= json_object_set_new_nocheck(doc, "html", json_string_nocheck(html));
	free(html);
	if (bad != 0) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* Whether the path's {id} is a whole UUID (any case of hex digits); it is
 * lower-cased in place, the core's form. */
static bool id_ok(struct web_req *r)
{
	size_t i;

	if (r->param_len != DY_ID_LEN)
		return false;
	for (i = 0; i < DY_ID_LEN; i++) {
		char c = r->param[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (c >= 'A' && c <= 'F') {
			r->param[i] = (char)(c - 'A' + 'a');
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return true;
}

static void reply_not_found(struct web_req *r)
{
	reply_error(r, 404, "not_found", "There is no such entry.");
}

/* A core error, with "not found" always in the same words: the answer for
 * the partner's private entry must not differ from a missing one's, not even
 * by echoing the id. */
static void reply_journal_error(struct web_req *r, const struct dy_error *err)
{
	if (err->code == DY_ENOTFOUND)
		reply_not_found(r);
	else
		reply_dy_error(r, err);
}

/* Answer with the entry id as it is now. */
static void reply_entry(struct web_req *r, unsigned status, const char *id, size_t id_len)
{
	struct dy_error err = {0};
	struct dy_entry e;

	memset(&e, 0, sizeof(e));
	if (dy_journal_get(r->session, id, id_len, &e, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_json(r, status, entry_json(&e));
	dy_entry_release(&e);
}

/* A bounded unsigned query number; def when absent. -1 when malformed. */
static int query_num(const struct web_req *r, const char *name, unsigned long def,
                     unsigned long min, unsigned long max, unsigned long *out)
{
	const char *s = req_query(r, name);
	char *end = NULL;
	unsigned long v;

	if (s == NULL || s[0] == '\0') {
		*out = def;
		return 0;
	}
	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	enum dy_filter filter;
} filters[] = {
	{"all", DY_FILTER_ALL},
	{"mine", DY_FILTER_MINE},
	{"shared", DY_FILTER_SHARED},
};

void h_journal_list(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_entry_list list = {0};
	enum dy_filter filter = DY_FILTER_ALL;
	const char *f = req_query(r, "filter");
	unsigned long offset, limit;
	json_t *items = NULL, *doc;
	size_t i;

	if (f != NULL && f[0] != '\0') {
		bool known = false;

		for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
			if (strcmp(f, filters[i].name) == 0) {
				filter = filters[i].filter;
				known = true;
			}
		}
		if (!known) {
			reply_error(r, 400, "invalid", "filter must be all, mine or shared.");
			return;
		}
	}
	if (query_num(r, "offset", 0, 0, LIST_OFFSET_MAX, &offset) != 0) {
		reply_error(r, 400, "invalid", "offset must be a whole number, 0 or more.");
		return;
	}
	if (query_num(r, "limit", LIST_LIMIT_DEFAULT, 1, LIST_LIMIT_MAX, &limit) != 0) {
		reply_error(r, 400, "invalid", "limit must be a whole number from 1 to 100.");
		return;
	}
	if (dy_journal_list(r->session, filter, offset, limit, &list, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	items = json_array();
	for (i = 0; items != NULL && i < list.count; i++) {
		if (json_array_append_new(items, entry_json(&list.items[i])) != 0) {
			json_decref(items);
			items = NULL;
		}
	}
	doc = json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)list.total,
	                "offset", (json_int_t)offset, "limit", (json_int_t)limit);
	dy_entry_list_release(&list);
	reply_json(r, 200, doc);
}

static const struct web_field add_fields[] = {
	{"title", WEB_F_STRING, false, 0, DY_TITLE_MAX},
	{"text", WEB_F_STRING, true, 1, DY_TEXT_MAX},
	{"shared", WEB_F_BOOL, false, 0, 0},
};

void h_journal_add(struct web_req *r)
{
	struct web_value v[3];
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	if (web_fields(r, add_fields, 3, v) != 0)
		return;
	if (dy_journal_add(r->session, v[0].present ? v[0].s : "", v[0].len, v[1].s, v[1].len,
	                   v[2].present && v[2].b, id, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_entry(r, 201, id, strlen(id));
}

void h_journal_get(struct web_req *r)
{
	if (!id_ok(r)) {
		reply_not_found(r);
		return;
	}
	reply_entry(r, 200, r->param, r->param_len);
}

static const struct web_field edit_fields[] = {
	{"title", WEB_F_STRING, false, 0, DY_TITLE_MAX},
	{"text", WEB_F_STRING, true, 1, DY_TEXT_MAX},
};

void h_journal_edit(struct web_req *r)
{
	struct web_value v[2];
	struct dy_error err = {0};

	if (!id_ok(r)) {
		reply_not_found(r);
		return;
	}
	if (web_fields(r, edit_fields, 2, v) != 0)
		return;
	if (dy_journal_edit(r->session, r->param, r->param_len, v[0].present ? v[0].s : NULL, v[0].len,
	                    v[1].s, v[1].len, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_entry(r, 200, r->param, r->param_len);
}

void h_journal_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (!id_ok(r)) {
		reply_not_found(r);
		return;
	}
	if (dy_journal_delete(r->session, r->param, r->param_len, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_empty(r, 204);
}

static void share(struct web_req *r, bool on)
{
	struct dy_error err = {0};

	if (!id_ok(r)) {
		reply_not_found(r);
		return;
	}
	if (dy_journal_share(r->session, r->param, r->param_len, on, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_entry(r, 200, r->param, r->param_len);
}

void h_journal_share(struct web_req *r)
{
	share(r, true);
}

void h_journal_unshare(struct web_req *r)
{
	share(r, false);
}
