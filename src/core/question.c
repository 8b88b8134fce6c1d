/*
 * question.c - questions for two (question.h): the library, today's
 * question, and answers held until both partners have answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "record.h"
#include "session.h"
#include "store.h"
#include "util.h"
#include "banned.h"

/* An answer waiting for the partner's has no time of its own: this one,
 * the last second of year 9999, stands for "not by time". */
#define HELD_UNTIL_BOTH ((int64_t)253402300799)

const struct dy_question *
dy_question_find(const char *id, size_t len)
{
	size_t i;

	if (id == NULL || len == 0 || len > DY_QUESTION_ID_MAX)
		return NULL;
	for (i = 0; i < dy_nquestions; i++)
		if (strlen(dy_questions[i].id) == len && memcmp(dy_questions[i].id, id, len) == 0)
			return &dy_questions[i];
	return NULL;
}

const char *
dy_question_theme_label(const char *theme)
{
	size_t i;

	for (i = 0; theme != NULL && i < dy_question_nthemes; i++)
		if (strcmp(dy_question_themes[i].id, theme) == 0)
			return dy_question_themes[i].label;
	return NULL;
}

static const char *const state_names[] = {
	[DY_ANSWER_OPEN_TO_ME] = "unanswered",
	[DY_ANSWER_THEIRS_WAITS] = "partner_answered",
	[DY_ANSWER_MINE_WAITS] = "waiting_for_partner",
	[DY_ANSWER_OPENING] = "opening",
	[DY_ANSWER_OPEN] = "open",
};

const char *
dy_answer_state_name(enum dy_answer_state st)
{
	return (unsigned)st < sizeof(state_names) / sizeof(state_names[0]) ? state_names[st] : "unanswered";
}

/* ---------------------------------------------------------------- kind */

static int
question_check(const json_t *v, struct dy_error *err)
{
	if (dy_question_find(json_string_value(v), json_string_length(v)) == NULL)
		return dy_fail(err, DY_EINVAL, "There is no question %.32s.", json_string_value(v));
	return 0;
}

static int
answer_check(const json_t *v, struct dy_error *err)
{
	const char *t = json_string_value(v);
	size_t len = json_string_length(v), n = dy_utf8_chars(t, len);

	if (strspn(t, " \t\r\n") == len)
		return dy_fail(err, DY_EINVAL, "An answer needs a few words.");
	if (n > DY_ANSWER_CHARS)
		return dy_fail(err, DY_ETOOBIG, "That answer is %zu characters; at most %d fit.", n, DY_ANSWER_CHARS);
	return 0;
}

static const struct dy_field answer_fields[] = {
	{.name = "question", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_QUESTION_ID_MAX,
	 .check = question_check},
	{.name = "answer", .type = DY_F_TEXT, .required = true, .min = 1, .max = 4 * DY_ANSWER_CHARS,
	 .check = answer_check},
};

const struct dy_kind dy_kind_question_answer = {
	.name = "question_answer",
	.noun = "answer",
	.fields = answer_fields,
	.nfields = sizeof(answer_fields) / sizeof(answer_fields[0]),
};

/* -------------------------------------------------------------- status */

/* The two people of the space: *partner "" when I am alone. */
static int
partner_of(struct dy_session *s, struct dy_person_info *partner, struct dy_error *err)
{
	struct dy_person_info people[2];
	int n, i, rc;

	memset(partner, 0, sizeof(*partner));
	if ((rc = store_person_list(s->db, s->space_id, people, &n, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (strcmp(people[i].id, s->person_id) != 0)
			*partner = people[i];
	return 0;
}

/* The id of person's answer to q in the current partnership. */
static void
answer_id(const struct dy_session *s, const char *person, const struct dy_question *q, char out[DY_ID_LEN + 1])
{
	dy_keyed_id(out, s->keys->space, DY_KEY_ANSWER_ID, person, q->id);
}

struct peek {
	bool found;
	int vis;
	int64_t created_at;
};

static int
peek(struct dy_session *s, const char *id, const char *owner, struct peek *p, struct dy_error *err)
{
	memset(p, 0, sizeof(*p));
	return store_rec_peek(s->db, s->space_id, id, owner, dy_kind_question_answer.name, &p->found, &p->vis,
	                      &p->created_at, err);
}

void
dy_question_status_release(struct dy_question_status *st)
{
	if (st == NULL)
		return;
	if (st->has_mine)
		dy_item_release(&st->mine);
	if (st->has_theirs)
		dy_item_release(&st->theirs);
	memset(st, 0, sizeof(*st));
}

/* Where q stands, for a session that has settled and knows its partner. */
static int
status_of(struct dy_session *s, const struct dy_person_info *partner, const struct dy_question *q,
          struct dy_question_status *out, struct dy_error *err)
{
	char mine_id[DY_ID_LEN + 1], theirs_id[DY_ID_LEN + 1];
	struct peek pm, pt = {0};
	struct dy_question_status st;
	int rc;

	memset(&st, 0, sizeof(st));
	st.q = q;
	st.alone = partner->id[0] == '\0';
	dy_strlcpy(st.partner, partner->name, sizeof(st.partner));
	answer_id(s, s->person_id, q, mine_id);
	if ((rc = peek(s, mine_id, s->person_id, &pm, err)) != 0)
		return rc;
	if (!st.alone) {
		answer_id(s, partner->id, q, theirs_id);
		if ((rc = peek(s, theirs_id, partner->id, &pt, err)) != 0)
			return rc;
	}
	if (pm.found) {
		if ((rc = dy_item_get(s, &dy_kind_question_answer, mine_id, DY_ID_LEN, &st.mine, err)) != 0)
			goto fail;
		st.has_mine = true;
	}
	if (pt.found && pt.vis == DY_VIS_SHARED) {
		if ((rc = dy_item_get(s, &dy_kind_question_answer, theirs_id, DY_ID_LEN, &st.theirs, err)) != 0)
			goto fail;
		st.has_theirs = true;
	}
	if (!pm.found)
		st.state = pt.found ? DY_ANSWER_THEIRS_WAITS : DY_ANSWER_OPEN_TO_ME;
	else if (!pt.found)
		st.state = DY_ANSWER_MINE_WAITS;
	else
		st.state = st.has_theirs && st.mine.vis == DY_VIS_SHARED ? DY_ANSWER_OPEN : DY_ANSWER_OPENING;
	if (pm.found && pt.found)
		st.answered_at = pm.created_at > pt.created_at ? pm.created_at : pt.created_at;
	*out = st;
	return 0;
fail:
	dy_question_status_release(&st);
	return rc;
}

int
dy_question_status(struct dy_session *s, const struct dy_question *q, struct dy_question_status *out,
                   struct dy_error *err)
{
	struct dy_person_info partner;
	int rc;

	if (q == NULL)
		return dy_fail(err, DY_ENOTFOUND, "There is no such question.");
	/* an answer of mine whose time came since this session last looked
	 * (my partner answered meanwhile) opens first */
	if ((rc = session_settle(s, err)) != 0 || (rc = partner_of(s, &partner, err)) != 0)
		return rc;
	return status_of(s, &partner, q, out, err);
}

/* ---------------------------------------------------------------- today */

/* The order the library goes round in for a space: position i of the
 * round is question (offset + i * stride) mod n, stride prime to n. */
static size_t
round_question(const char *space_id, size_t i)
{
	uint8_t h[8];
	uint64_t offset = 0;
	size_t n = dy_nquestions, stride, a, b, t;

	crypto_generichash(h, sizeof(h), (const uint8_t *)space_id, strlen(space_id), NULL, 0);
	for (size_t k = 0; k < sizeof(h); k++)
		offset = offset << 8 | h[k];
	/* a stride near 0.4 n that shares no factor with n: neighbours in the
	 * round come from different parts (themes) of the library */
	for (stride = n * 2 / 5 + 1; stride > 1; stride++) {
		for (a = stride, b = n; b != 0; t = a % b, a = b, b = t)
			;
		if (a == 1)
			break;
	}
	return (size_t)((offset % n + (uint64_t)i % n * stride) % n);
}

int
dy_question_today(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx,
                  struct dy_question_status *out, struct dy_error *err)
{
	struct dy_person_info partner;
	int32_t today = day(ctx, now);
	size_t base, j;
	int rc;

	if (dy_nquestions == 0)
		return dy_fail(err, DY_ENOTFOUND, "There are no questions.");
	if ((rc = session_settle(s, err)) != 0 || (rc = partner_of(s, &partner, err)) != 0)
		return rc;
	base = (size_t)((today % (int32_t)dy_nquestions + (int32_t)dy_nquestions) % (int32_t)dy_nquestions);
	for (j = 0; j < dy_nquestions; j++) {
		const struct dy_question *q = &dy_questions[round_question(s->space_id, base + j)];
		struct dy_question_status st;

		if ((rc = status_of(s, &partner, q, &st, err)) != 0)
			return rc;
		/* both answered it before today: the next in the round */
		if ((st.state == DY_ANSWER_OPEN || st.state == DY_ANSWER_OPENING) && day(ctx, st.answered_at) < today) {
			dy_question_status_release(&st);
			continue;
		}
		*out = st;
		return 0;
	}
	/* every question answered by both: the round as it is */
	return status_of(s, &partner, &dy_questions[round_question(s->space_id, base)], out, err);
}

/* --------------------------------------------------------------- answer */

int
dy_question_answer(struct dy_session *s, const struct dy_question *q, const char *text, size_t len,
                   struct dy_question_status *out, struct dy_error *err)
{
	struct dy_person_info partner;
	char mine_id[DY_ID_LEN + 1], theirs_id[DY_ID_LEN + 1];
	struct peek pm, pt;
	json_t *f = NULL;
	int rc;

	if (q == NULL)
		return dy_fail(err, DY_ENOTFOUND, "There is no such question.");
	if (text == NULL || !dy_utf8_valid(text, len))
		return dy_fail(err, DY_EINVAL, "An answer must be UTF-8 text.");
	{
		/* the words first: a blank or long answer is told so, answered or not */
		json_t *v = json_stringn_nocheck(text, len);

		rc = v != NULL ? answer_check(v, err) : dy_fail(err, DY_ENOMEM, "Out of memory.");
		json_decref(v);
		if (rc != 0)
			return rc;
	}
	if ((rc = session_settle(s, err)) != 0 || (rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = partner_of(s, &partner, err)) != 0)
		goto rollback;
	if (partner.id[0] == '\0') {
		rc = dy_fail(err, DY_EINVAL, "Questions for two open once your partner has joined.");
		goto rollback;
	}
	answer_id(s, s->person_id, q, mine_id);
	answer_id(s, partner.id, q, theirs_id);
	if ((rc = peek(s, mine_id, s->person_id, &pm, err)) != 0 ||
	    (rc = peek(s, theirs_id, partner.id, &pt, err)) != 0)
		goto rollback;
	if (pm.found) {
		rc = dy_fail(err, DY_EEXIST, "You have answered this question already.");
		goto rollback;
	}
	f = json_pack("{s:s, s:s%}", "question", q->id, "answer", text, len);
	if (f == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto rollback;
	}
	if (pt.found) {
		/* the second answer: mine opens now, theirs at their next unlock */
		if ((pt.vis == DY_VIS_HELD &&
		     (rc = store_rec_hasten(s->db, theirs_id, partner.id, dy_kind_question_answer.name, store_now(s->db),
		                            err)) != 0) ||
		    (rc = rec_create_keyed(s, &dy_kind_question_answer, mine_id, f, DY_VIS_SHARED, 0, err)) != 0)
			goto rollback;
	} else if ((rc = rec_create_keyed(s, &dy_kind_question_answer, mine_id, f, DY_VIS_HELD, HELD_UNTIL_BOTH,
	                                  err)) != 0) {
		goto rollback;
	}
	if ((rc = dy_tx_commit(s->db, err)) != 0)
		goto out;
	rc = status_of(s, &partner, q, out, err);
	goto out;
rollback:
	dy_tx_rollback(s->db);
out:
	json_decref(f);
	return rc;
}

/* ------------------------------------------------------------- check-in */

int
dy_question_discuss(struct dy_session *s, const struct dy_question *q, char id[DY_ID_LEN + 1],
                    struct dy_error *err)
{
	static const struct {
		const char *theme, *topic;
	} topics[] = {{"goals", "goal"}, {"interests", "interest"}, {"boundaries", "boundary"}};
	struct dy_question_status st;
	struct dy_item_list l = {0};
	const char *topic = "other";
	char text[DY_CHECKIN_TEXT_MAX];
	size_t i;
	int n, rc;

	if ((rc = dy_question_status(s, q, &st, err)) != 0)
		return rc;
	if (st.state != DY_ANSWER_OPEN && st.state != DY_ANSWER_OPENING) {
		rc = dy_fail(err, DY_EINVAL, "A question goes on the agenda once both of you have answered it.");
		goto out;
	}
	if ((rc = dy_checkin_items(s, NULL, &l, err)) != 0)
		goto out;
	for (i = 0; i < l.count; i++) {
		const char *link = json_string_value(json_object_get(l.items[i].fields, "link"));

		if (l.items[i].mine && link != NULL && strcmp(link, st.mine.id) == 0) {
			memcpy(id, l.items[i].id, DY_ID_LEN + 1);
			goto out;
		}
	}
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (strcmp(q->theme, topics[i].theme) == 0)
			topic = topics[i].topic;
	n = snprintf(text, sizeof(text), "Our answers to: %s", q->text);
	if (n < 0 || (size_t)n >= sizeof(text)) {
		rc = dy_fail(err, DY_ETOOBIG, "That question is too long for an agenda item.");
		goto out;
	}
	rc = dy_checkin_add(s, topic, text, (size_t)n, st.mine.id, id, err);
out:
	dy_item_list_release(&l);
	dy_question_status_release(&st);
	return rc;
}

/* ----------------------------------------------------------------- list */

int
dy_question_answered(struct dy_session *s, size_t limit, const char *cursor, struct dy_question_status **out,
                     size_t *n, char next[DY_CURSOR_MAX + 1], struct dy_error *err)
{
	char from[DY_CURSOR_MAX + 1];
	struct dy_query qr = {.kinds = {&dy_kind_question_answer}, .nkinds = 1, .filter = DY_FILTER_MINE,
	                      .cursor = from, .limit = limit};
	struct dy_item_list l = {0};
	struct dy_person_info partner;
	struct dy_question_status *v = NULL;
	size_t i, k = 0;
	int rc;

	/* cursor may be next itself (the page before's) */
	dy_strlcpy(from, cursor != NULL ? cursor : "", sizeof(from));
	*out = NULL;
	*n = 0;
	next[0] = '\0';
	if (cursor != NULL && strlen(cursor) > DY_CURSOR_MAX)
		return dy_fail(err, DY_EINVAL, "That is not a page of answers.");
	if (limit < 1 || limit > 100)
		return dy_fail(err, DY_EINVAL, "A page holds 1 to 100 answers.");
	if ((rc = session_settle(s, err)) != 0 || (rc = partner_of(s, &partner, err)) != 0 ||
	    (rc = dy_item_list(s, &qr, &l, err)) != 0)
		return rc;
	if (l.count > 0 && (v = calloc(l.count, sizeof(*v))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	for (i = 0; i < l.count; i++) {
		const json_t *qid = json_object_get(l.items[i].fields, "question");
		const struct dy_question *q = dy_question_find(json_string_value(qid), json_string_length(qid));

		if (q == NULL)
			continue;  /* a question no longer in the library (never removed: question.h) */
		if ((rc = status_of(s, &partner, q, &v[k], err)) != 0)
			goto out;
		k++;
	}
	memcpy(next, l.next, DY_CURSOR_MAX + 1);
	*out = v;
	*n = k;
	v = NULL;
out:
	if (v != NULL) {
		for (i = 0; i < k; i++)
			dy_question_status_release(&v[i]);
		free(v);
	}
	dy_item_list_release(&l);
	return rc;
}

/* ----------------------------------------------------------------- JSON */

json_t *
dy_question_json(const struct dy_question *q)
{
	const char *label = dy_question_theme_label(q->theme);

	return json_pack("{s:s, s:s, s:s, s:s}", "id", q->id, "theme", q->theme, "theme_label",
	                 label != NULL ? label : q->theme, "text", q->text);
}

static json_t *
answer_json(const struct dy_item *it, bool mine)
{
	char at[DY_TIME_ISO_LEN + 1];
	const json_t *text = json_object_get(it->fields, "answer");

	dy_time_iso(it->created_at, at);
	if (mine)
		return json_pack("{s:s, s:O, s:s, s:b}", "id", it->id, "answer", text, "created_at", at, "shared",
		                 it->vis == DY_VIS_SHARED);
	return json_pack("{s:s, s:s, s:O, s:s}", "id", it->id, "author", it->author, "answer", text, "created_at", at);
}

json_t *
dy_question_status_json(const struct dy_question_status *st)
{
	char at[DY_TIME_ISO_LEN + 1];
	json_t *o = json_pack("{s:o, s:s, s:b, s:s}", "question", dy_question_json(st->q), "state",
	                      dy_answer_state_name(st->state), "alone", st->alone, "partner", st->partner);

	if (o == NULL)
		return NULL;
	if (st->answered_at != 0)
		dy_time_iso(st->answered_at, at);
	if (json_object_set_new(o, "mine", st->has_mine ? answer_json(&st->mine, true) : json_null()) != 0 ||
	    json_object_set_new(o, "theirs", st->has_theirs ? answer_json(&st->theirs, false) : json_null()) != 0 ||
	    json_object_set_new(o, "answered_at", st->answered_at != 0 ? json_string(at) : json_null()) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
dy_questions_json(void)
{
	json_t *themes = json_array(), *qs = json_array();
	size_t i;

	if (themes == NULL || qs == NULL)
		goto fail;
	for (i = 0; i < dy_question_nthemes; i++)
		if (json_array_append_new(themes, json_pack("{s:s, s:s}", "id", dy_question_themes[i].id, "label",
		                                            dy_question_themes[i].label)) != 0)
			goto fail;
	for (i = 0; i < dy_nquestions; i++)
		if (json_array_append_new(qs, dy_question_json(&dy_questions[i])) != 0)
			goto fail;
	return json_pack("{s:o, s:o}", "themes", themes, "questions", qs);
fail:
	json_decref(themes);
	json_decref(qs);
	return NULL;
}
