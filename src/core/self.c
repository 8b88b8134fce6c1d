/*
 * self.c - boundaries, needs, goals and interests (self.h): the kinds'
 * descriptors and the operations with rules of their own.
 */
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "session.h"
#include "util.h"
#include "banned.h"

const char *const dy_boundary_forms[] = {"need", "limit", "okay", NULL};
const char *const dy_self_areas[] = {"time",          "space", "money", "family", "friends", "body",
                                     "communication", "work",  "other", NULL};
const char *const dy_goal_statuses[] = {"active", "paused", "done", "dropped", NULL};
const char *const dy_interest_withs[] = {"alone", "together", "others", NULL};
static const char *const boundary_acts[] = {"ack", "discuss", NULL};
static const char *const note_sorts[] = {"progress", "support", NULL};

static int
chars_check(const json_t *v, size_t max, struct dy_error *err)
{
	size_t n = dy_utf8_chars(json_string_value(v), json_string_length(v));

	if (n > max)
		return dy_fail(err, DY_ETOOBIG, "That is %zu characters; at most %zu fit.", n, max);
	return 0;
}

static int
text_check(const json_t *v, struct dy_error *err)
{
	return chars_check(v, DY_SELF_STATEMENT_CHARS, err);
}

static int
interest_check(const json_t *v, struct dy_error *err)
{
	return chars_check(v, DY_INTEREST_CHARS, err);
}

/* The number written by the n digits at s, or -1 when one is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A calendar date, YYYY-MM-DD, that exists. */
static int
date_check(const json_t *v, struct dy_error *err)
{
	const char *s = json_string_value(v);
	int y, m, d, y2, m2, d2;

	if (json_string_length(v) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 2000 || m < 1 || m > 12 || d < 1 || d > 31)
		goto bad;
	dy_day_to_date(dy_day_from_date(y, m, d), &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		goto bad;
	return 0;
bad:
	return dy_fail(err, DY_EINVAL, "A target date is written YYYY-MM-DD, like 2027-03-31 (not \"%.20s\").", s);
}

static const struct dy_field boundary_fields[] = {
	{.name = "statement", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_SELF_TEXT_MAX,
	 .check = text_check},
	{.name = "form", .type = DY_F_CHOICE, .required = true, .choices = dy_boundary_forms},
	{.name = "why", .type = DY_F_TEXT, .min = 0, .max = DY_SELF_TEXT_MAX, .check = text_check},
	{.name = "area", .type = DY_F_CHOICE, .required = true, .choices = dy_self_areas},
};

const struct dy_kind dy_kind_boundary = {
	.name = "boundary",
	.noun = "boundary",
	.fields = boundary_fields,
	.nfields = sizeof(boundary_fields) / sizeof(boundary_fields[0]),
	.history = true,
};

static const char *const answers_boundary[] = {"boundary", NULL};

static const struct dy_field answer_fields[] = {
	{.name = "act", .type = DY_F_CHOICE, .required = true, .choices = boundary_acts},
	{.name = "wording", .type = DY_F_INT, .required = true, .min = 1, .max = INT32_MAX},
};

const struct dy_kind dy_kind_boundary_answer = {
	.name = "boundary_answer",
	.noun = "answer",
	.fields = answer_fields,
	.nfields = sizeof(answer_fields) / sizeof(answer_fields[0]),
	.responds_to = answers_boundary,
	.responder = DY_RESPOND_PARTNER,
};

static const struct dy_field goal_fields[] = {
	{.name = "statement", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_SELF_TEXT_MAX,
	 .check = text_check},
	{.name = "why", .type = DY_F_TEXT, .min = 0, .max = DY_SELF_TEXT_MAX, .check = text_check},
	{.name = "target", .type = DY_F_LINE, .min = 10, .max = 10, .check = date_check},
	{.name = "status", .type = DY_F_CHOICE, .required = true, .choices = dy_goal_statuses},
};

const struct dy_kind dy_kind_goal = {
	.name = "goal",
	.noun = "goal",
	.fields = goal_fields,
	.nfields = sizeof(goal_fields) / sizeof(goal_fields[0]),
};

static const char *const answers_goal[] = {"goal", NULL};

static const struct dy_field note_fields[] = {
	{.name = "note", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_SELF_TEXT_MAX, .check = text_check},
	{.name = "sort", .type = DY_F_CHOICE, .required = true, .choices = note_sorts},
};

const struct dy_kind dy_kind_goal_note = {
	.name = "goal_note",
	.noun = "note",
	.fields = note_fields,
	.nfields = sizeof(note_fields) / sizeof(note_fields[0]),
	.responds_to = answers_goal,
	.responder = DY_RESPOND_EITHER,
};

static const char *const answers_note[] = {"goal_note", NULL};

const struct dy_kind dy_kind_goal_dismissal = {
	.name = "goal_dismissal",
	.noun = "dismissal",
	.responds_to = answers_note,
	.responder = DY_RESPOND_PARTNER,
};

static const struct dy_field interest_fields[] = {
	{.name = "statement", .type = DY_F_TEXT, .required = true, .min = 1, .max = DY_SELF_TEXT_MAX,
	 .check = interest_check},
	{.name = "with", .type = DY_F_CHOICE, .choices = dy_interest_withs},
	{.name = "note", .type = DY_F_TEXT, .min = 0, .max = DY_SELF_TEXT_MAX, .check = text_check},
};

const struct dy_kind dy_kind_interest = {
	.name = "interest",
	.noun = "interest",
	.fields = interest_fields,
	.nfields = sizeof(interest_fields) / sizeof(interest_fields[0]),
};

/* ---------------------------------------------------------- boundaries */

/* The answers to record id of kind rk that I may see; the caller releases
 * *out. */
static int
answers_of(struct dy_session *s, const struct dy_kind *rk, const char *id, struct dy_item_list *out,
           struct dy_error *err)
{
	struct dy_query q = {.kinds = {rk}, .nkinds = 1, .filter = DY_FILTER_ALL, .parent_id = id};

	return dy_item_list(s, &q, out, err);
}

static const char *
field_str(const struct dy_item *it, const char *name)
{
	const char *v = json_string_value(json_object_get(it->fields, name));

	return v != NULL ? v : "";
}

static int64_t
field_int(const struct dy_item *it, const char *name)
{
	return json_integer_value(json_object_get(it->fields, name));
}

int
dy_boundary_answer(struct dy_session *s, const char *id, size_t id_len, enum dy_boundary_act act,
                   char answered_id[DY_ID_LEN + 1], struct dy_error *err)
{
	const char *act_s = act == DY_BOUNDARY_DISCUSS ? "discuss" : "ack";
	struct dy_item b = {0};
	struct dy_item_list l = {0};
	json_t *f = NULL;
	size_t i;
	int rc;

	if (act != DY_BOUNDARY_ACK && act != DY_BOUNDARY_DISCUSS)
		return dy_fail(err, DY_EINVAL, "An answer acknowledges a boundary or asks to talk about it.");
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = dy_item_get(s, &dy_kind_boundary, id, id_len, &b, err)) != 0)
		goto rollback;
	if (b.mine) {
		rc = dy_fail(err, DY_EPERM, "This boundary is yours; your partner is the one to answer it.");
		goto rollback;
	}
	if ((rc = answers_of(s, &dy_kind_boundary_answer, b.id, &l, err)) != 0)
		goto rollback;
	for (i = 0; i < l.count; i++) {
		if (l.items[i].mine && field_int(&l.items[i], "wording") == b.version &&
		    strcmp(field_str(&l.items[i], "act"), act_s) == 0) {
			memcpy(answered_id, l.items[i].id, DY_ID_LEN + 1);
			dy_tx_rollback(s->db);
			goto out;
		}
	}
	f = json_pack("{s:s, s:i}", "act", act_s, "wording", b.version);
	if (f == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto rollback;
	}
	if ((rc = dy_item_respond(s, &dy_kind_boundary_answer, b.id, strlen(b.id), f, NULL, 0, answered_id, err)) != 0)
		goto rollback;
	rc = dy_tx_commit(s->db, err);
	goto out;
rollback:
	dy_tx_rollback(s->db);
out:
	json_decref(f);
	dy_item_list_release(&l);
	dy_item_release(&b);
	return rc;
}

int
dy_boundary_status(struct dy_session *s, const struct dy_item *b, struct dy_boundary_status *st,
                   struct dy_error *err)
{
	struct dy_item_list l = {0};
	size_t i;
	int rc;

	memset(st, 0, sizeof(*st));
	st->version = b->version;
	if (strcmp(b->kind, dy_kind_boundary.name) != 0)
		return dy_fail(err, DY_EINVAL, "That is not a boundary.");
	if ((rc = answers_of(s, &dy_kind_boundary_answer, b->id, &l, err)) != 0)
		return rc;
	for (i = 0; i < l.count; i++) {
		const struct dy_item *a = &l.items[i];
		int64_t v = field_int(a, "wording");
		bool ack = strcmp(field_str(a, "act"), "ack") == 0;

		if (ack && v > st->acked_version)
			st->acked_version = (int)v;
		if (v != b->version)
			continue;
		if (ack && (!st->acked || a->created_at > st->acked_at)) {
			st->acked = true;
			st->acked_at = a->created_at;
		} else if (!ack && (!st->discuss || a->created_at > st->discuss_at)) {
			st->discuss = true;
			st->discuss_at = a->created_at;
		}
	}
	dy_item_list_release(&l);
	return 0;
}

/* --------------------------------------------------------------- goals */

int
dy_goal_note(struct dy_session *s, const char *id, size_t id_len, const char *note, size_t note_len,
             char note_id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct dy_item g = {0};
	json_t *f = NULL;
	int rc;

	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = dy_item_get(s, &dy_kind_goal, id, id_len, &g, err)) != 0)
		goto rollback;
	f = json_pack("{s:o, s:s}", "note", json_stringn_nocheck(note != NULL ? note : "", note != NULL ? note_len : 0),
	              "sort", g.mine ? "progress" : "support");
	if (f == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto rollback;
	}
	if ((rc = dy_item_respond(s, &dy_kind_goal_note, g.id, strlen(g.id), f, NULL, 0, note_id, err)) != 0)
		goto rollback;
	rc = dy_tx_commit(s->db, err);
	goto out;
rollback:
	dy_tx_rollback(s->db);
out:
	json_decref(f);
	dy_item_release(&g);
	return rc;
}

int
dy_goal_note_dismissed(struct dy_session *s, const struct dy_item *n, bool *dismissed, struct dy_error *err)
{
	struct dy_item_list l = {0};
	int rc;

	*dismissed = false;
	if ((rc = answers_of(s, &dy_kind_goal_dismissal, n->id, &l, err)) != 0)
		return rc;
	*dismissed = l.count > 0;
	dy_item_list_release(&l);
	return 0;
}

int
dy_goal_dismiss(struct dy_session *s, const char *note_id, size_t note_len, struct dy_error *err)
{
	struct dy_item n = {0};
	bool done = false;
	char id[DY_ID_LEN + 1];
	int rc;

	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((rc = dy_item_get(s, &dy_kind_goal_note, note_id, note_len, &n, err)) != 0)
		goto rollback;
	if (n.mine || strcmp(field_str(&n, "sort"), "support") != 0) {
		rc = dy_fail(err, DY_EPERM, "Only your partner's support notes on your goals can be dismissed.");
		goto rollback;
	}
	if ((rc = dy_goal_note_dismissed(s, &n, &done, err)) != 0)
		goto rollback;
	if (done) {
		dy_tx_rollback(s->db);
		goto out;
	}
	if ((rc = dy_item_respond(s, &dy_kind_goal_dismissal, n.id, strlen(n.id), NULL, NULL, 0, id, err)) != 0)
		goto rollback;
	rc = dy_tx_commit(s->db, err);
	goto out;
rollback:
	dy_tx_rollback(s->db);
out:
	dy_item_release(&n);
	return rc;
}
