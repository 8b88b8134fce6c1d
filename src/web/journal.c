/*
 * journal.c - the journal: list (paginated), add, read, edit, delete,
 * share and unshare. A single entry carries its text rendered from Markdown
 * (markdown.c: cmark-gfm in safe mode, nesting and size capped) as "html";
 * list items only with ?html=1.
 *
 * Ids in paths must be whole UUIDs: anything else is the same 404 as an id
 * that does not exist, so the API never resolves the core's id prefixes and
 * a partner's private entry is indistinguishable from a missing one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handlers.h"
#include "items.h"
#include "json.h"
#include "jsonw.h"
#include "markdown.h"
#include "wipe.h"
#include "zone.h"
#include "banned.h"

#define LIST_LIMIT_DEFAULT 20
/* a cap on one answer: a page of 100 long entries, escaped, with HTML */
#define ANSWER_MAX ((size_t)256 * 1024 * 1024)

/* Write an entry in the core's one presentation (dy_entry_json: the same
 * members in the same order; tests/api/journal.test.mjs compares this
 * answer with the CLI's --json, which is dy_entry_json's), with its text
 * rendered as "html" when with_html is set. Written here directly rather
 * than by building and walking the jansson object: that was half of the
 * cost of a page. Lists leave the HTML out unless asked: the app shows
 * excerpts of the text there, and Markdown rendering was a fifth of the
 * cost of a page. */
/* A JSON array of strings (tags, feeling words), as the core checked them. */
static void strings_write(struct jw *w, const json_t *a)
{
	size_t i;

	jw_lit(w, "[");
	for (i = 0; i < json_array_size(a); i++) {
		const json_t *v = json_array_get(a, i);

		if (i > 0)
			jw_lit(w, ",");
		jw_str(w, json_string_value(v), json_string_length(v));
	}
	jw_lit(w, "]");
}

/* The entry's extras, in dy_entry_json's order: prompt, mood, feelings,
 * tags, each only when present. */
static void extras_write(struct jw *w, const struct dy_entry *e)
{
	if (e->prompt[0] != '\0') {
		jw_lit(w, ",\"prompt\":");
		jw_str(w, e->prompt, strlen(e->prompt));
	}
	if (e->mood != 0) {
		jw_lit(w, ",\"mood\":");
		jw_int(w, e->mood);
	}
	if (e->feelings != NULL) {
		jw_lit(w, ",\"feelings\":");
		strings_write(w, e->feelings);
	}
	if (e->tags != NULL) {
		jw_lit(w, ",\"tags\":");
		strings_write(w, e->tags);
	}
}

static void entry_write(struct jw *w, const struct dy_entry *e, bool with_html)
{
	const char *text = e->text != NULL ? e->text : "";
	size_t text_len = e->text != NULL ? e->text_len : 0;
	char when[DY_TIME_ISO_LEN + 1];
	char *html = NULL;
	size_t html_len = 0;

	if (with_html) {
		html = md_render(text, text_len, &html_len);
		if (html == NULL) {
			jw_fail(w);
			return;
		}
	}
	jw_lit(w, "{\"id\":");
	jw_str(w, e->id, strlen(e->id));
	jw_lit(w, ",\"kind\":\"journal\",\"author\":");
	jw_str(w, e->author, strlen(e->author));
	if (e->mine)
		jw_lit(w, ",\"mine\":true");
	else
		jw_lit(w, ",\"mine\":false");
	if (e->shared)
		jw_lit(w, ",\"shared\":true,\"visibility\":\"shared\"");
	else
		jw_lit(w, ",\"shared\":false,\"visibility\":\"private\"");
	jw_lit(w, ",\"version\":");
	jw_int(w, e->version);
	jw_lit(w, ",\"created_at\":");
	dy_time_iso(e->created_at, when);
	jw_str(w, when, strlen(when));
	jw_lit(w, ",\"updated_at\":");
	dy_time_iso(e->updated_at, when);
	jw_str(w, when, strlen(when));
	jw_lit(w, ",\"title\":");
	jw_str(w, e->title != NULL ? e->title : "", e->title != NULL ? e->title_len : 0);
	extras_write(w, e);
	jw_lit(w, ",\"text\":");
	jw_str(w, text, text_len);
	if (html != NULL) {
		jw_lit(w, ",\"html\":");
		jw_str(w, html, html_len);
	}
	jw_lit(w, "}");
	web_free_wiped(html);
}

/* Answer with what w holds, or a 500 when writing it failed. */
static void reply_written(struct web_req *r, unsigned status, struct jw *w)
{
	size_t len = 0;
	char *text = jw_detach(w, &len);

	if (text == NULL) {
		fprintf(stderr, "dyad: %s %s: could not write the answer\n", r->method, r->path);
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	reply_take(r, status, text, len, "application/json");
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

	struct jw w;

	memset(&e, 0, sizeof(e));
	if (dy_journal_get(r->session, id, id_len, &e, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	jw_init(&w, 1024 + 3 * (e.text_len + e.title_len), ANSWER_MAX);
	entry_write(&w, &e, true);
	dy_entry_release(&e);
	reply_written(r, status, &w);
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
	{"theirs", DY_FILTER_THEIRS},
};

/* The instant the local day date (YYYY-MM-DD) starts in the zone of ?tz=
 * (else the server's), plus days days; -1 when date is not a date. */
static int64_t local_midnight(const char *date, int days)
{
	struct tm tm;
	int y, m, d, n = 0;
	time_t t;

	if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || y < 1970 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	dy_day_to_date(dy_day_from_date(y, m, d) + days, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return t == (time_t)-1 ? -1 : (int64_t)t;
}

/* The list's filters beyond whose: ?tag=, ?mood= (1..5), ?from= and ?to=
 * (local dates, both included, in the zone of ?tz=). 0, or -1 with a 400
 * made. */
static int list_query(struct web_req *r, struct dy_journal_query *jq)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to"), *tag = req_query(r, "tag");
	unsigned long mood;

	memset(jq, 0, sizeof(*jq));
	if (query_num(r, "mood", 0, 1, DY_MOOD_MAX, &mood) != 0) {
		reply_error(r, 400, "invalid", "mood must be a whole number from 1 to 5.");
		return -1;
	}
	jq->mood = (int)mood;
	if (tag != NULL && tag[0] != '\0')
		jq->tag = tag;
	if ((from != NULL && from[0] != '\0') || (to != NULL && to[0] != '\0')) {
		if (web_zone_enter(r) != 0)
			return -1;
		if (from != NULL && from[0] != '\0')
			jq->since = local_midnight(from, 0);
		if (to != NULL && to[0] != '\0')
			jq->until = local_midnight(to, 1);
		zone_leave();
		if (jq->since < 0 || jq->until < 0) {
			reply_error(r, 400, "invalid", "from and to must be dates like 2026-03-01.");
			return -1;
		}
	}
	return 0;
}

void h_journal_list(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_entry_list list = {0};
	struct dy_journal_query jq;
	enum dy_filter filter = DY_FILTER_ALL;
	const char *f = req_query(r, "filter");
	const char *cursor = req_query(r, "cursor");
	unsigned long offset, limit, html;
	struct jw w;
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
			reply_error(r, 400, "invalid", "filter must be all, mine, shared or theirs.");
			return;
		}
	}
	/* pages go by cursor; an offset past 0 would silently repeat page one */
	if (query_num(r, "offset", 0, 0, 0, &offset) != 0) {
		reply_error(r, 400, "invalid", "offset is not supported; follow \"next\" with cursor=.");
		return;
	}
	if (query_num(r, "limit", LIST_LIMIT_DEFAULT, 1, WEB_PAGE_MAX, &limit) != 0) {
		char msg[64];

		snprintf(msg, sizeof(msg), "limit must be a whole number from 1 to %d.", WEB_PAGE_MAX);
		reply_error(r, 400, "invalid", msg);
		return;
	}
	if (query_num(r, "html", 0, 0, 1, &html) != 0) {
		reply_error(r, 400, "invalid", "html must be 0 or 1.");
		return;
	}
	if (cursor != NULL && strlen(cursor) > DY_CURSOR_MAX) {
		reply_error(r, 400, "invalid", "That page cursor is not one of dyad's; start from the first page.");
		return;
	}
	if (list_query(r, &jq) != 0)
		return;
	jq.filter = filter;
	jq.cursor = cursor;
	jq.limit = limit;
	if (dy_journal_find(r->session, &jq, &list, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	jw_init(&w, 16384, ANSWER_MAX);
	jw_lit(&w, "{\"items\":[");
	for (i = 0; i < list.count; i++) {
		if (i > 0)
			jw_lit(&w, ",");
		entry_write(&w, &list.items[i], html != 0);
	}
	jw_lit(&w, "],\"next\":");
	if (list.next[0] != '\0')
		jw_str(&w, list.next, strlen(list.next));
	else
		jw_lit(&w, "null");
	jw_lit(&w, ",\"limit\":");
	jw_int(&w, (int64_t)limit);
	jw_lit(&w, ",\"damaged\":");
	jw_int(&w, (int64_t)list.damaged);
	jw_lit(&w, "}");
	dy_entry_list_release(&list);
	reply_written(r, 200, &w);
}

enum { F_TITLE, F_TEXT, F_SHARED, F__N };

/* The fields of an entry in a request; edits take title and text only. */
static const struct web_field entry_fields[F__N] = {
	[F_TITLE] = {"title", WEB_F_STRING, false, 0, DY_TITLE_MAX},
	[F_TEXT] = {"text", WEB_F_STRING, true, 1, DY_TEXT_MAX},
	[F_SHARED] = {"shared", WEB_F_BOOL, false, 0, 0},
};

/* The extras of an entry in a request (prompt, mood, feelings, tags: the
 * core checks them) as a new object; NULL, having answered, when out of
 * memory. */
static json_t *entry_extras(struct web_req *r)
{
	static const char *const names[] = {"prompt", "mood", "feelings", "tags"};
	json_t *x = json_object(), *v;
	size_t i;

	for (i = 0; x != NULL && i < sizeof(names) / sizeof(names[0]); i++) {
		v = json_object_get(r->json, names[i]);
		if (v != NULL && !json_is_null(v) && json_object_set(x, names[i], v) != 0) {
			json_decref(x);
			x = NULL;
		}
	}
	if (x == NULL)
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
	return x;
}

void h_journal_add(struct web_req *r)
{
	struct web_value v[F__N];
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	json_t *extras;
	int rc;

	if (web_fields(r, entry_fields, F__N, v) != 0)
		return;
	if ((extras = entry_extras(r)) == NULL)
		return;
	rc = dy_journal_add_with(r->session, v[F_TITLE].present ? v[F_TITLE].s : "", v[F_TITLE].len, v[F_TEXT].s,
	                         v[F_TEXT].len, v[F_SHARED].present && v[F_SHARED].b, extras, id, &err);
	json_decref(extras);
	if (rc != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_entry(r, 201, id, strlen(id));
}

void h_journal_get(struct web_req *r)
{
	if (!web_id_ok(r)) {
		reply_not_found(r);
		return;
	}
	reply_entry(r, 200, r->param, r->param_len);
}

void h_journal_edit(struct web_req *r)
{
	struct web_value v[F__N];
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_not_found(r);
		return;
	}
	/* the first two of the entry's fields: title and text */
	if (web_fields(r, entry_fields, F_SHARED, v) != 0)
		return;
	if (dy_journal_edit(r->session, r->param, r->param_len, v[F_TITLE].present ? v[F_TITLE].s : NULL,
	                    v[F_TITLE].len, v[F_TEXT].s, v[F_TEXT].len, &err) != 0) {
		reply_journal_error(r, &err);
		return;
	}
	reply_entry(r, 200, r->param, r->param_len);
}

void h_journal_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
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

	if (!web_id_ok(r)) {
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
