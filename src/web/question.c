/*
 * question.c - questions for two in the API (issue #11): the library,
 * today's question (counted in the person's time zone, settings.c; ?tz=
 * overrides it), one question's status, answering it, and the questions I
 * have answered. Answers are held by the core until both have answered;
 * nothing here can show a partner's held answer, as the core never hands
 * one out.
 */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "zone.h"
#include "banned.h"

#define MISSING "There is no such question."

static const struct dy_question *param_question(struct web_req *r)
{
	const struct dy_question *q = dy_question_find(r->param, r->param_len);

	if (q == NULL)
		reply_error(r, 404, "not_found", MISSING);
	return q;
}

static void reply_status(struct web_req *r, unsigned code, struct dy_question_status *st)
{
	reply_json(r, code, dy_question_status_json(st));
	dy_question_status_release(st);
}

/* GET /api/v1/questions: every question, with its themes. */
void h_questions(struct web_req *r)
{
	reply_json(r, 200, dy_questions_json());
}

/* GET /api/v1/questions/today: today's question for the two of us. */
void h_question_today(struct web_req *r)
{
	struct dy_question_status st;
	struct dy_error err = {0};
	int rc;

	if (web_zone_enter(r) != 0)
		return;
	rc = dy_question_today(r->session, web_now(), zone_local_day, NULL, &st, &err);
	zone_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_status(r, 200, &st);
}

/* GET /api/v1/questions/{id}: where one question stands. */
void h_question_get(struct web_req *r)
{
	const struct dy_question *q = param_question(r);
	struct dy_question_status st;
	struct dy_error err = {0};

	if (q == NULL)
		return;
	if (dy_question_status(r->session, q, &st, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_status(r, 200, &st);
}

/* POST /api/v1/questions/{id}/answer {"answer"}: my answer, once. */
void h_question_answer(struct web_req *r)
{
	const struct dy_question *q = param_question(r);
	const json_t *a = json_object_get(r->json, "answer");
	struct dy_question_status st;
	struct dy_error err = {0};

	if (q == NULL)
		return;
	if (!json_is_object(r->json) || !json_is_string(a) || json_object_size(r->json) != 1) {
		reply_error(r, 400, "invalid", "The body must be {\"answer\": \"...\"}.");
		return;
	}
	if (dy_question_answer(r->session, q, json_string_value(a), json_string_length(a), &st, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_status(r, 201, &st);
}

/* POST /api/v1/questions/{id}/discuss: on my agenda for the next
 * check-in, once both of us answered. Answers {"id"} of the agenda item. */
void h_question_discuss(struct web_req *r)
{
	const struct dy_question *q = param_question(r);
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	if (q == NULL)
		return;
	if (dy_question_discuss(r->session, q, id, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 201, json_pack("{s:s}", "id", id));
}

/* GET /api/v1/answers?cursor=&limit=: the questions I have answered,
 * newest answer first, each with where it stands. */
void h_answers(struct web_req *r)
{
	const char *cursor = req_query(r, "cursor"), *lim = req_query(r, "limit");
	char next[DY_CURSOR_MAX + 1];
	struct dy_question_status *v = NULL;
	struct dy_error err = {0};
	json_t *arr, *doc = NULL;
	size_t n = 0, i, limit = 20;

	if (lim != NULL) {
		size_t len = strlen(lim);

		limit = 0;
		for (i = 0; i < len && i < 4 && lim[i] >= '0' && lim[i] <= '9'; i++)
			limit = limit * 10 + (size_t)(lim[i] - '0');
		if (len == 0 || i != len || limit < 1 || limit > 100) {
			reply_error(r, 400, "invalid", "limit must be a whole number from 1 to 100.");
			return;
		}
	}
	if (cursor != NULL && strlen(cursor) > DY_CURSOR_MAX) {
		reply_error(r, 400, "invalid", "That page cursor is not one of dyad's; start from the first page.");
		return;
	}
	if (dy_question_answered(r->session, limit, cursor, &v, &n, next, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (arr != NULL && json_array_append_new(arr, dy_question_status_json(&v[i])) != 0) {
			json_decref(arr);
			arr = NULL;
		}
		dy_question_status_release(&v[i]);
	}
	free(v);
	if (arr != NULL)
		doc = json_pack("{s:o, s:o}", "answers", arr, "next", next[0] != '\0' ? json_string(next) : json_null());
	reply_json(r, 200, doc);
}
