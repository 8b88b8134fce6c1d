/*
 * journal.c - journal entries: the kind "journal", a title and the entry's
 * text as the record's body, and the extras (the prompt it was written
 * from, mood, feeling words, tags) as fields of the payload. Everything
 * else is the generic record's.
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

/* A prompt id names one of the library's (the type's check has run). */
static int
prompt_check(const json_t *v, struct dy_error *err)
{
	if (dy_prompt_find(json_string_value(v), json_string_length(v)) == NULL)
		return dy_fail(err, DY_EINVAL, "There is no prompt \"%.40s\"; `dyad journal prompts` lists them.",
		               json_string_value(v));
	return 0;
}

/* Each tag already in its normalised form (dy_journal_add_with and
 * dy_journal_set_extras normalise them; this catches other writers). */
static int
tags_check(const json_t *v, struct dy_error *err)
{
	char t[DY_TAG_MAX + 1];
	size_t i, n;

	for (i = 0; i < json_array_size(v); i++) {
		const json_t *w = json_array_get(v, i);

		if (dy_tag_normalize(json_string_value(w), json_string_length(w), t, &n, err) != 0)
			return DY_EINVAL;
		if (n != json_string_length(w) || memcmp(t, json_string_value(w), n) != 0)
			return dy_fail(err, DY_EINVAL, "The tag \"%.40s\" is not in its stored form \"%s\".",
			               json_string_value(w), t);
	}
	return 0;
}

static const struct dy_field journal_fields[] = {
	{.name = "title", .type = DY_F_LINE, .min = 0, .max = DY_TITLE_MAX},
	{.name = "prompt", .type = DY_F_LINE, .min = 1, .max = DY_PROMPT_ID_MAX, .check = prompt_check},
	{.name = "mood", .type = DY_F_INT, .min = DY_MOOD_MIN, .max = DY_MOOD_MAX},
	{.name = "feelings", .type = DY_F_TAGS, .min = 0, .max = DY_ENTRY_FEELINGS_MAX, .tag_max = DY_FEELING_MAX,
	 .check = dy_feelings_check},
	{.name = "tags", .type = DY_F_TAGS, .min = 0, .max = DY_TAGS_MAX, .tag_max = DY_TAG_MAX, .check = tags_check},
};

const struct dy_kind dy_kind_journal = {
	.name = "journal",
	.noun = "entry",
	.fields = journal_fields,
	.nfields = sizeof(journal_fields) / sizeof(journal_fields[0]),
	.body_max = DY_TEXT_MAX,
	.body_required = true,
};

static const char *const response_says[] = {"read", "thanks", "note", NULL};
static const char *const response_answers[] = {"journal", NULL};

static const struct dy_field response_fields[] = {
	{.name = "say", .type = DY_F_CHOICE, .required = true, .choices = response_says},
	{.name = "note", .type = DY_F_TEXT, .min = 1, .max = DY_RESPONSE_NOTE_MAX},
};

const struct dy_kind dy_kind_journal_response = {
	.name = "journal_response",
	.noun = "response",
	.fields = response_fields,
	.nfields = sizeof(response_fields) / sizeof(response_fields[0]),
	.responds_to = response_answers,
	.responder = DY_RESPOND_PARTNER,
};

/* {"title": title} for a title that is not checked yet: the generic check
 * tells bad UTF-8 and control characters apart, so no check here. */
static json_t *
entry_fields(const char *title, size_t title_len)
{
	return json_pack("{s:o}", "title", json_stringn_nocheck(title != NULL ? title : "", title != NULL ? title_len : 0));
}

int
dy_tag_normalize(const char *tag, size_t len, char out[DY_TAG_MAX + 1], size_t *out_len, struct dy_error *err)
{
	/* folding can grow text (NFKC): room for that before the limit */
	char f[DY_TAG_MAX * 4 + 8];
	size_t n, a = 0, b, i;

	if (tag == NULL || len > DY_TAG_MAX * 4)
		return dy_fail(err, DY_EINVAL, "A tag is at most %d bytes.", DY_TAG_MAX);
	if (!dy_utf8_valid(tag, len))
		return dy_fail(err, DY_EINVAL, "A tag is not valid UTF-8 text.");
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)tag[i];

		if (c < 0x20 || c == 0x7f)
			return dy_fail(err, DY_EINVAL, "A tag is one line of text.");
	}
	n = dy_name_fold(tag, len, f, sizeof(f));
	if (n >= sizeof(f) - 1)
		return dy_fail(err, DY_EINVAL, "A tag is at most %d bytes.", DY_TAG_MAX);
	b = n;
	while (a < b && (f[a] == ' ' || f[a] == '\t'))
		a++;
	while (b > a && (f[b - 1] == ' ' || f[b - 1] == '\t'))
		b--;
	if (b == a)
		return dy_fail(err, DY_EINVAL, "A tag is empty.");
	if (b - a > DY_TAG_MAX)
		return dy_fail(err, DY_EINVAL, "A tag is at most %d bytes.", DY_TAG_MAX);
	memcpy(out, f + a, b - a);
	out[b - a] = '\0';
	*out_len = b - a;
	return 0;
}

void
dy_entry_release(struct dy_entry *e)
{
	if (e == NULL)
		return;
	if (e->mem != NULL)
		sodium_memzero(e->mem, e->mem_len);
	free(e->mem);
	json_decref(e->feelings);
	json_decref(e->tags);
	memset(e, 0, sizeof(*e));
}

/* The extras of an entry from its parsed fields (fields checked when
 * written: a member of the wrong type is damage). */
static int
entry_extras(struct dy_entry *e, const json_t *fields, const char *id, struct dy_error *err)
{
	const json_t *p = json_object_get(fields, "prompt"), *m = json_object_get(fields, "mood");
	const json_t *f = json_object_get(fields, "feelings"), *t = json_object_get(fields, "tags");

	if ((p != NULL && (!json_is_string(p) || json_string_length(p) > DY_PROMPT_ID_MAX)) ||
	    (m != NULL && !json_is_integer(m)) || (f != NULL && !json_is_array(f)) ||
	    (t != NULL && !json_is_array(t)))
		return dy_fail(err, DY_ECORRUPT, "Entry %s is damaged.", id);
	if (p != NULL)
		memcpy(e->prompt, json_string_value(p), json_string_length(p) + 1);
	if (m != NULL)
		e->mood = (int)json_integer_value(m);
	if (f != NULL && json_array_size(f) > 0)
		e->feelings = json_incref((json_t *)(uintptr_t)f);
	if (t != NULL && json_array_size(t) > 0)
		e->tags = json_incref((json_t *)(uintptr_t)t);
	return 0;
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
		if (entry_extras(e, fields, r->id, err) != 0) {
			json_decref(fields);
			dy_entry_release(e);
			return DY_ECORRUPT;
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

void
journal_entry_give_back(struct dy_entry *e, struct rec *r)
{
	if (r->payload == NULL) {
		r->payload = (uint8_t *)e->mem;
		r->payload_len = e->mem_len;
		e->mem = NULL;
		e->mem_len = 0;
	}
	dy_entry_release(e);
}

void
journal_prep_fn(const void *ctx, struct rec *r, void *out)
{
	struct journal_prep *jp = out;

	jp->rc = journal_entry_from_rec(ctx, r, &jp->e, &jp->err);
}

void
journal_prep_done(void *out, struct rec *r)
{
	struct journal_prep *jp = out;

	journal_entry_give_back(&jp->e, r);  /* nothing when the sink took it */
	jp->rc = 0;
}

int
journal_entry_of(const struct dy_session *s, struct rec *r, struct dy_entry *e, struct dy_error *err)
{
	struct journal_prep *jp = r->prep;

	if (jp == NULL)
		return journal_entry_from_rec(s, r, e, err);
	if (jp->rc != 0) {
		if (err != NULL)
			*err = jp->err;
		return jp->rc;
	}
	*e = jp->e;
	memset(&jp->e, 0, sizeof(jp->e));
	return 0;
}

int
dy_journal_add(struct dy_session *s, const char *title, size_t title_len, const char *text, size_t text_len,
               bool share, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	return dy_journal_add_with(s, title, title_len, text, text_len, share, NULL, id, err);
}

/* Copy the extras into fields, with the tags normalised and each kept
 * once. Members that are not extras are refused here, so that the title
 * cannot come in through them. */
static int
extras_merge(json_t *fields, const json_t *extras, struct dy_error *err)
{
	static const char *const names[] = {"prompt", "mood", "feelings", "tags"};
	const char *key;
	json_t *v, *tags;
	size_t i, j, n;
	char t[DY_TAG_MAX + 1];

	if (extras == NULL)
		return 0;
	if (!json_is_object(extras))
		return dy_fail(err, DY_EINVAL, "The extras of an entry must be an object.");
	json_object_foreach((json_t *)(uintptr_t)extras, key, v) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(key, names[i]) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return dy_fail(err, DY_EINVAL, "An entry has no field \"%.40s\".", key);
		if (strcmp(key, "tags") != 0 || !json_is_array(v)) {
			if (json_object_set(fields, key, v) != 0)
				return dy_fail(err, DY_ENOMEM, "Out of memory.");
			continue;
		}
		if (json_array_size(v) > DY_TAGS_MAX * 4)
			return dy_fail(err, DY_EINVAL, "An entry has at most %d tags.", DY_TAGS_MAX);
		if ((tags = json_array()) == NULL || json_object_set_new(fields, "tags", tags) != 0)
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		for (i = 0; i < json_array_size(v); i++) {
			const json_t *w = json_array_get(v, i);
			bool seen = false;

			if (!json_is_string(w))
				return dy_fail(err, DY_EINVAL, "Each of the tags must be text.");
			if (dy_tag_normalize(json_string_value(w), json_string_length(w), t, &n, err) != 0)
				return DY_EINVAL;
			for (j = 0; j < json_array_size(tags); j++)
				if (strcmp(json_string_value(json_array_get(tags, j)), t) == 0)
					seen = true;
			if (!seen && json_array_append_new(tags, json_stringn(t, n)) != 0)
				return dy_fail(err, DY_ENOMEM, "Out of memory.");
		}
		if (json_array_size(tags) > DY_TAGS_MAX)
			return dy_fail(err, DY_EINVAL, "An entry has at most %d tags.", DY_TAGS_MAX);
	}
	return 0;
}

int
dy_journal_add_with(struct dy_session *s, const char *title, size_t title_len, const char *text,
                    size_t text_len, bool share, const json_t *extras, char id[DY_ID_LEN + 1],
                    struct dy_error *err)
{
	json_t *f = entry_fields(title, title_len);
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = extras_merge(f, extras, err)) == 0)
		rc = dy_item_create(s, &dy_kind_journal, NULL, f, text != NULL ? text : "",
		                    text != NULL ? text_len : 0, share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, id, err);
	json_decref(f);
	return rc;
}

int
dy_journal_set_extras(struct dy_session *s, const char *id, size_t id_len, const json_t *extras,
                      struct dy_error *err)
{
	json_t *f = json_object();
	int rc;

	if (f == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = extras_merge(f, extras, err)) == 0)
		rc = dy_item_edit(s, &dy_kind_journal, id, id_len, f, NULL, 0, err);
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
	if (journal_entry_of(k->s, r, &k->l.items[k->l.count], err) != 0)
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
	struct rec_prep prep = {.fn = journal_prep_fn, .done = journal_prep_done, .ctx = s,
	                        .size = sizeof(struct journal_prep)};
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
	if ((rc = rec_list_prep(s, &q, &prep, entry_take, &k, &k.l.damaged, &oldest_first, k.l.next, err)) == 0) {
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

/* An entry from an item of the journal kind (the item keeps what it had;
 * the entry gets copies in one buffer). */
static int
entry_from_item(const struct dy_item *it, struct dy_entry *e, struct dy_error *err)
{
	const json_t *t = json_object_get(it->fields, "title");
	size_t tl = json_is_string(t) ? json_string_length(t) : 0, bl = it->body != NULL ? it->body_len : 0;

	memset(e, 0, sizeof(*e));
	if (entry_extras(e, it->fields, it->id, err) != 0)
		return DY_ECORRUPT;
	e->mem_len = tl + bl + 2;
	if ((e->mem = malloc(e->mem_len)) == NULL) {
		dy_entry_release(e);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	if (tl > 0)
		memcpy(e->mem, json_string_value(t), tl);
	e->mem[tl] = '\0';
	if (bl > 0)
		memcpy(e->mem + tl + 1, it->body, bl);
	e->mem[tl + 1 + bl] = '\0';
	e->title = e->mem;
	e->title_len = tl;
	e->text = e->mem + tl + 1;
	e->text_len = bl;
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
dy_journal_find(struct dy_session *s, const struct dy_journal_query *jq, struct dy_entry_list *out,
                struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = jq->filter, .cursor = jq->cursor,
	                     .limit = jq->limit, .since = jq->since, .until = jq->until};
	struct dy_item_list items;
	struct dy_entry_list l;
	json_t *mood = NULL, *tag = NULL;
	char t[DY_TAG_MAX + 1];
	size_t n, i;
	int rc;

	if (jq->mood != 0 && (jq->mood < DY_MOOD_MIN || jq->mood > DY_MOOD_MAX))
		return dy_fail(err, DY_EINVAL, "The mood must be a whole number from %d to %d.", DY_MOOD_MIN, DY_MOOD_MAX);
	if (jq->since < 0 || jq->until < 0 || (jq->since > 0 && jq->until > 0 && jq->until <= jq->since))
		return dy_fail(err, DY_EINVAL, "The dates are the wrong way round: the start comes before the end.");
	if (jq->tag != NULL && (rc = dy_tag_normalize(jq->tag, strlen(jq->tag), t, &n, err)) != 0)
		return rc;
	if (jq->mood == 0 && jq->tag == NULL) {
		struct rec_prep prep = {.fn = journal_prep_fn, .done = journal_prep_done, .ctx = s,
		                        .size = sizeof(struct journal_prep)};
		struct entry_sink k;
		bool oldest_first;

		memset(&k, 0, sizeof(k));
		k.s = s;
		if ((rc = rec_list_prep(s, &q, &prep, entry_take, &k, &k.l.damaged, &oldest_first, k.l.next, err)) ==
		    0) {
			for (i = 0; oldest_first && i < k.l.count / 2; i++) {
				struct dy_entry x = k.l.items[i];

				k.l.items[i] = k.l.items[k.l.count - 1 - i];
				k.l.items[k.l.count - 1 - i] = x;
			}
			*out = k.l;
			memset(&k.l, 0, sizeof(k.l));
		}
		dy_entry_list_release(&k.l);
		return rc;
	}
	if ((jq->mood != 0 && (mood = json_integer(jq->mood)) == NULL) ||
	    (jq->tag != NULL && (tag = json_stringn(t, n)) == NULL)) {
		json_decref(mood);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	if (mood != NULL)
		q.preds[q.npreds++] = (struct dy_pred){.field = "mood", .op = DY_P_EQ, .value = mood};
	if (tag != NULL)
		q.preds[q.npreds++] = (struct dy_pred){.field = "tags", .op = DY_P_HAS, .value = tag};
	rc = dy_item_list(s, &q, &items, err);
	json_decref(mood);
	json_decref(tag);
	if (rc != 0)
		return rc;
	memset(&l, 0, sizeof(l));
	if (items.count > 0 && (l.items = calloc(items.count, sizeof(*l.items))) == NULL) {
		dy_item_list_release(&items);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	for (i = 0; i < items.count; i++) {
		if ((rc = entry_from_item(&items.items[i], &l.items[l.count], err)) == DY_ECORRUPT) {
			l.damaged++;
			continue;
		}
		if (rc != 0) {
			dy_item_list_release(&items);
			dy_entry_list_release(&l);
			return rc;
		}
		l.count++;
	}
	l.damaged += items.damaged;
	memcpy(l.next, items.next, sizeof(l.next));
	dy_item_list_release(&items);
	*out = l;
	return 0;
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
	if ((e->prompt[0] != '\0' && json_object_set_new(it.fields, "prompt", json_string(e->prompt)) != 0) ||
	    (e->mood != 0 && json_object_set_new(it.fields, "mood", json_integer(e->mood)) != 0) ||
	    (e->feelings != NULL && json_object_set(it.fields, "feelings", e->feelings) != 0) ||
	    (e->tags != NULL && json_object_set(it.fields, "tags", e->tags) != 0)) {
		json_decref(it.fields);
		return NULL;
	}
	it.body = e->text != NULL ? e->text : (char *)(uintptr_t)"";
	it.body_len = e->text != NULL ? e->text_len : 0;
	o = dy_item_json(&it);
	json_decref(it.fields);
	return o;
}

int
dy_journal_respond(struct dy_session *s, const char *entry_id, size_t id_len, const char *say, const char *note,
                   size_t note_len, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct dy_entry e;
	json_t *f = NULL;
	bool is_note = say != NULL && strcmp(say, "note") == 0;
	int rc;

	if (say == NULL || (strcmp(say, "read") != 0 && strcmp(say, "thanks") != 0 && !is_note))
		return dy_fail(err, DY_EINVAL, "A response says read, thanks or note.");
	if (is_note && (note == NULL || note_len == 0))
		return dy_fail(err, DY_EINVAL, "The note is empty; write a few words first.");
	if (!is_note && note != NULL)
		return dy_fail(err, DY_EINVAL, "Only a note has words of its own.");
	/* the entry as I may see it: the partner's private one reads as missing */
	memset(&e, 0, sizeof(e));
	if ((rc = dy_journal_get(s, entry_id, id_len, &e, err)) != 0)
		return rc;
	if (e.mine) {
		dy_entry_release(&e);
		return dy_fail(err, DY_EPERM, "A response is for your partner to give; this entry is yours.");
	}
	f = is_note ? json_pack("{s:s, s:o}", "say", say, "note", json_stringn_nocheck(note, note_len))
	            : json_pack("{s:s}", "say", say);
	if (f == NULL)
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
	else
		rc = dy_item_respond(s, &dy_kind_journal_response, e.id, strlen(e.id), f, NULL, 0, id, err);
	json_decref(f);
	dy_entry_release(&e);
	return rc;
}

int
dy_journal_responses(struct dy_session *s, const char *entry_id, size_t id_len, struct dy_item_list *out,
                     struct dy_error *err)
{
	struct dy_entry e;
	struct dy_item_list l;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = dy_journal_get(s, entry_id, id_len, &e, err)) != 0)
		return rc;
	{
		struct dy_query q = {.kinds = {&dy_kind_journal_response}, .nkinds = 1, .filter = DY_FILTER_ALL,
		                     .parent_id = e.id};

		rc = dy_item_list(s, &q, &l, err);
	}
	dy_entry_release(&e);
	if (rc != 0)
		return rc;
	/* the list is newest first, ties in the order written: reversed, the
	 * oldest come first and ties stay in order */
	for (size_t i = 0; i < l.count / 2; i++) {
		struct dy_item t = l.items[i];

		l.items[i] = l.items[l.count - 1 - i];
		l.items[l.count - 1 - i] = t;
	}
	*out = l;
	return 0;
}

int
dy_journal_responses_since(struct dy_session *s, int64_t since, struct dy_item_list *out, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_journal_response}, .nkinds = 1, .filter = DY_FILTER_THEIRS,
	                     .since = since, .limit = 50};

	return dy_item_list(s, &q, out, err);
}

int
dy_journal_response_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	return dy_item_delete(s, &dy_kind_journal_response, id, id_len, err);
}
