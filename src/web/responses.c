/*
 * responses.c - quiet responses to a partner's shared entry: list and add
 * them under an entry, delete my own, and the partner's recent responses
 * to my entries (for Today). The entry's id is checked as the journal's
 * routes check it: anything but a whole UUID, a missing entry and the
 * partner's private one are the same 404.
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "json.h"
#include "banned.h"

#define RECENT_DAYS_DEFAULT 7
#define RECENT_DAYS_MAX 90
#define EXCERPT_MAX 120

/* Only DELETE /api/v1/responses/{id} goes through the generic handlers;
 * the list's fields are those every kind of the table has. */
const struct web_kind web_kind_response = {
	.kind = &dy_kind_journal_response,
	.missing = "There is no such response.",
	.filters = WEB_F_ALL,
	.filter = DY_FILTER_ALL,
	.filter_words = "filter must be all.",
	.limit = 50,
};

static void reply_no_entry(struct web_req *r)
{
	reply_error(r, 404, "not_found", "There is no such entry.");
}

/* {"items", "damaged"}: l's items, each with extra_of's "entry" when
 * extra_of is not NULL (one it gives none for is left out); "damaged" is
 * what l left out, plus more (NULL: none), read after extra_of ran. */
static void reply_list(struct web_req *r, struct dy_item_list *l, json_t *extra_of(const struct dy_item *, void *),
                       void *ctx, const size_t *more)
{
	json_t *items = json_array(), *o;
	size_t i;

	for (i = 0; items != NULL && i < l->count; i++) {
		o = dy_item_json(&l->items[i]);
		if (o != NULL && extra_of != NULL) {
			json_t *x = extra_of(&l->items[i], ctx);

			if (x == NULL) {
				json_decref(o);
				continue;  /* its entry went meanwhile */
			}
			if (json_object_set_new(o, "entry", x) != 0) {
				json_decref(o);
				o = NULL;
			}
		}
		if (o == NULL || json_array_append_new(items, o) != 0) {
			json_decref(items);
			items = NULL;
		}
	}
	reply_json(r, 200, items != NULL ? json_pack("{s:o, s:I}", "items", items, "damaged",
	                                             (json_int_t)(l->damaged + (more != NULL ? *more : 0)))
	                                 : NULL);
}

void h_journal_responses(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_item_list l;

	if (!web_id_ok(r)) {
		reply_no_entry(r);
		return;
	}
	if (dy_journal_responses(r->session, r->param, r->param_len, &l, &err) != 0) {
		if (err.code == DY_ENOTFOUND)
			reply_no_entry(r);
		else
			reply_dy_error(r, &err);
		return;
	}
	reply_list(r, &l, NULL, NULL, NULL);
	dy_item_list_release(&l);
}

enum { F_SAY, F_NOTE, F__N };

static const struct web_field response_fields[F__N] = {
	[F_SAY] = {"say", WEB_F_STRING, true, 1, 16},
	[F_NOTE] = {"note", WEB_F_STRING, false, 1, DY_RESPONSE_NOTE_MAX},
};

void h_journal_respond(struct web_req *r)
{
	struct web_value v[F__N];
	struct dy_error err = {0};
	struct dy_item it;
	char id[DY_ID_LEN + 1], say[17];

	if (!web_id_ok(r)) {
		reply_no_entry(r);
		return;
	}
	if (web_fields(r, response_fields, F__N, v) != 0)
		return;
	memcpy(say, v[F_SAY].s, v[F_SAY].len);
	say[v[F_SAY].len] = '\0';
	if (dy_journal_respond(r->session, r->param, r->param_len, say, v[F_NOTE].present ? v[F_NOTE].s : NULL,
	                       v[F_NOTE].len, id, &err) != 0) {
		if (err.code == DY_ENOTFOUND)
			reply_no_entry(r);
		else
			reply_dy_error(r, &err);
		return;
	}
	if (dy_item_get(r->session, &dy_kind_journal_response, id, strlen(id), &it, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 201, dy_item_json(&it));
	dy_item_release(&it);
}

struct recent_ctx {
	struct web_req *r;
	size_t damaged;   /* responses left out: their entry could not be read */
};

/* {"id", "title", "excerpt"} of the entry a response answers; NULL when
 * it cannot be read: deleted meanwhile, or damaged (a damaged file),
 * which the list counts as it counts a damaged response. */
static json_t *entry_of(const struct dy_item *it, void *ctx)
{
	struct recent_ctx *rc = ctx;
	struct dy_error err = {0};
	struct dy_entry e;
	size_t n;
	json_t *o;

	memset(&e, 0, sizeof(e));
	if (dy_journal_get(rc->r->session, it->parent_id, strlen(it->parent_id), &e, &err) != 0) {
		if (err.code == DY_ECORRUPT)
			rc->damaged++;
		return NULL;
	}
	n = e.text_len < EXCERPT_MAX ? e.text_len : EXCERPT_MAX;
	while (n > 0 && n < e.text_len && ((unsigned char)e.text[n] & 0xC0) == 0x80)
		n--;  /* cut at a character's start */
	o = json_pack("{s:s, s:s%, s:s%}", "id", e.id, "title", e.title, e.title_len, "excerpt", e.text, n);
	dy_entry_release(&e);
	return o;
}

void h_responses_recent(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_item_list l;
	struct recent_ctx rc = {r, 0};
	const char *d = req_query(r, "days");
	long days = RECENT_DAYS_DEFAULT;

	if (d != NULL && d[0] != '\0') {
		size_t i, n = strlen(d);

		days = 0;
		for (i = 0; i < n && i < 3 && d[i] >= '0' && d[i] <= '9'; i++)
			days = days * 10 + (d[i] - '0');
		if (i != n || days < 1 || days > RECENT_DAYS_MAX) {
			reply_error(r, 400, "invalid", "days must be a whole number from 1 to 90.");
			return;
		}
	}
	if (dy_journal_responses_since(r->session, web_now() - days * 86400, &l, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_list(r, &l, entry_of, &rc, &rc.damaged);
	dy_item_list_release(&l);
}
