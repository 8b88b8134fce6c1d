/*
 * assess.c - takings of questionnaires, their results, sharing them, and
 * imported questionnaires (see assess.h). Everything is stored through
 * dy_item_*: this file writes no SQL and no crypto.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "session.h"
#include "util.h"
#include "banned.h"

/* ------------------------------------------------------------- the kinds */

/* Answers are whole numbers; DY_INSTRUMENT_NO_ANSWER marks one not given.
 * The scale itself is the questionnaire's (dy_assess_answer checks it). */
static int
check_answers(const json_t *v, struct dy_error *err)
{
	size_t i;

	for (i = 0; i < json_array_size(v); i++) {
		const json_t *a = json_array_get(v, i);
		if (!json_is_integer(a) || json_integer_value(a) < DY_INSTRUMENT_NO_ANSWER ||
		    json_integer_value(a) > 1000)
			return dy_fail(err, DY_EINVAL, "Answer %zu is not a whole number on a scale.", i + 1);
	}
	return 0;
}

static int
check_scores(const json_t *v, struct dy_error *err)
{
	size_t i;

	for (i = 0; i < json_array_size(v); i++)
		if (fabs(json_number_value(json_array_get(v, i))) > 1000)
			return dy_fail(err, DY_EINVAL, "Score %zu is out of range.", i + 1);
	return 0;
}

static const struct dy_field assessment_fields[] = {
	{.name = "instrument", .type = DY_F_LINE, .required = true, .min = 1, .max = DY_ASSESS_ID_MAX},
	{.name = "instrument_version", .type = DY_F_INT, .required = true, .min = 1, .max = 1000000},
	{.name = "answers", .type = DY_F_NUMBERS, .required = true, .min = 1, .max = DY_INSTRUMENT_MAX_ITEMS,
	 .check = check_answers},
	{.name = "result", .type = DY_F_LINE, .min = DY_ID_LEN, .max = DY_ID_LEN},
};

const struct dy_kind dy_kind_assessment = {
	.name = "assessment",
	.noun = "taking",
	.fields = assessment_fields,
	.nfields = sizeof(assessment_fields) / sizeof(assessment_fields[0]),
};

static const struct dy_field result_fields[] = {
	{.name = "instrument", .type = DY_F_LINE, .required = true, .min = 1, .max = DY_ASSESS_ID_MAX},
	{.name = "instrument_version", .type = DY_F_INT, .required = true, .min = 1, .max = 1000000},
	{.name = "title", .type = DY_F_LINE, .required = true, .min = 1, .max = 200},
	{.name = "facets", .type = DY_F_TAGS, .required = true, .min = 1, .max = DY_INSTRUMENT_MAX_FACETS,
	 .tag_max = DY_ASSESS_ID_MAX},
	{.name = "scores", .type = DY_F_NUMBERS, .required = true, .min = 1, .max = DY_INSTRUMENT_MAX_FACETS,
	 .check = check_scores},
	{.name = "overall", .type = DY_F_NUMBER, .required = true, .min = -1000, .max = 1000},
};

const struct dy_kind dy_kind_assessment_result = {
	.name = "assessment_result",
	.noun = "result",
	.fields = result_fields,
	.nfields = sizeof(result_fields) / sizeof(result_fields[0]),
};

static const struct dy_field instrument_fields[] = {
	{.name = "instrument", .type = DY_F_LINE, .required = true, .min = 1, .max = DY_ASSESS_ID_MAX},
	{.name = "title", .type = DY_F_LINE, .required = true, .min = 1, .max = 200},
};

const struct dy_kind dy_kind_instrument = {
	.name = "instrument",
	.noun = "questionnaire",
	.fields = instrument_fields,
	.nfields = sizeof(instrument_fields) / sizeof(instrument_fields[0]),
	.body_max = DY_INSTRUMENT_MAX_BYTES,
	.body_required = true,
};

static const struct dy_field prefs_fields[] = {
	{.name = "share_results", .type = DY_F_BOOL},
};

const struct dy_kind dy_kind_assess_prefs = {
	.name = "assess_prefs",
	.noun = "setting",
	.fields = prefs_fields,
	.nfields = sizeof(prefs_fields) / sizeof(prefs_fields[0]),
};

/* ------------------------------------------------------- questionnaires */

/* The records of kind k in filter whose string field equals value, newest
 * first (at most limit of them; 0: all), into l. */
static int
list_where(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter, const char *field,
           const char *value, size_t limit, struct dy_item_list *l, struct dy_error *err)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter, .limit = limit, .npreds = 1};
	json_t *want;
	int rc;

	if (!(want = json_string(value)))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	q.preds[0] = (struct dy_pred){.field = field, .op = DY_P_EQ, .value = want};
	rc = dy_item_list(s, &q, l, err);
	json_decref(want);
	return rc;
}

static const struct dy_assess_builtin *
builtin_find(const char *id)
{
	const struct dy_assess_builtin *b;

	for (b = dy_assess_builtin; b->id != NULL; b++)
		if (strcmp(b->id, id) == 0)
			return b;
	return NULL;
}

/* All my imported questionnaires (the caller releases *l). */
static int
imports(struct dy_session *s, struct dy_item_list *l, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_instrument}, .nkinds = 1, .filter = DY_FILTER_MINE};

	return dy_item_list(s, &q, l, err);
}

int
dy_assess_instrument(struct dy_session *s, const char *id, struct dy_instrument **out, struct dy_error *err)
{
	const struct dy_assess_builtin *b;
	struct dy_item_list l;
	size_t i;
	int rc;

	if (id == NULL)
		id = DY_ASSESS_DEFAULT;
	if ((b = builtin_find(id)) != NULL)
		return dy_instrument_parse(b->json, b->len, out, err);
	if ((rc = imports(s, &l, err)) != 0)
		return rc;
	rc = dy_fail(err, DY_ENOTFOUND, "No questionnaire \"%.36s\".", id);
	for (i = 0; i < l.count; i++) {
		const json_t *v = json_object_get(l.items[i].fields, "instrument");
		if (json_is_string(v) && strcmp(json_string_value(v), id) == 0 && l.items[i].body != NULL) {
			rc = dy_instrument_parse(l.items[i].body, l.items[i].body_len, out, err);
			break;
		}
	}
	dy_item_list_release(&l);
	return rc;
}

static json_t *
instrument_brief(const struct dy_instrument *in, bool builtin)
{
	struct dy_instrument_info info;

	dy_instrument_info(in, &info);
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:b,s:s}", "id", info.id, "title", info.title, "version",
	                 (json_int_t)info.version, "items", (json_int_t)info.n_items, "facets",
	                 (json_int_t)info.n_facets, "builtin", builtin, "about", info.about ? info.about : "");
}

int
dy_assess_instruments_json(struct dy_session *s, json_t **out, struct dy_error *err)
{
	const struct dy_assess_builtin *b;
	struct dy_item_list l;
	struct dy_instrument *in;
	json_t *a = json_array();
	size_t i;
	int rc;

	if (a == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	for (b = dy_assess_builtin; b->id != NULL; b++) {
		if ((rc = dy_instrument_parse(b->json, b->len, &in, err)) != 0)
			goto fail;
		rc = json_array_append_new(a, instrument_brief(in, true));
		dy_instrument_free(in);
		if (rc != 0) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto fail;
		}
	}
	if ((rc = imports(s, &l, err)) != 0)
		goto fail;
	/* oldest first: the order they were imported in */
	for (i = l.count; i-- > 0;) {
		if (l.items[i].body == NULL || dy_instrument_parse(l.items[i].body, l.items[i].body_len, &in, NULL) != 0)
			continue;  /* kept only after a check; a damaged one is left out */
		rc = json_array_append_new(a, instrument_brief(in, false));
		dy_instrument_free(in);
		if (rc != 0) {
			dy_item_list_release(&l);
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto fail;
		}
	}
	dy_item_list_release(&l);
	*out = a;
	return 0;
fail:
	json_decref(a);
	return rc;
}

int
dy_assess_import(struct dy_session *s, const char *json, size_t len, char id[DY_ASSESS_ID_MAX + 1],
                 struct dy_error *err)
{
	struct dy_instrument *in = NULL;
	struct dy_instrument_info info;
	struct dy_item_list l = {0};
	char rid[DY_ID_LEN + 1];
	json_t *fields = NULL;
	size_t i;
	int rc;

	if ((rc = dy_instrument_parse(json, len, &in, err)) != 0)
		return rc;
	dy_instrument_info(in, &info);
	if (strlen(info.id) > DY_ASSESS_ID_MAX) {
		rc = dy_fail(err, DY_EINVAL, "id: longer than %d bytes.", DY_ASSESS_ID_MAX);
		goto out;
	}
	if (builtin_find(info.id) != NULL) {
		rc = dy_fail(err, DY_EEXIST, "id: \"%s\" is one of dyad's own questionnaires.", info.id);
		goto out;
	}
	if ((rc = imports(s, &l, err)) != 0)
		goto out;
	if (l.count >= DY_ASSESS_IMPORTS_MAX) {
		rc = dy_fail(err, DY_ETOOBIG, "You have imported %d questionnaires, the most dyad keeps.",
		             DY_ASSESS_IMPORTS_MAX);
		goto out;
	}
	for (i = 0; i < l.count; i++) {
		const json_t *v = json_object_get(l.items[i].fields, "instrument");
		if (json_is_string(v) && strcmp(json_string_value(v), info.id) == 0) {
			rc = dy_fail(err, DY_EEXIST, "id: you imported a questionnaire \"%s\" already.", info.id);
			goto out;
		}
	}
	if (!(fields = json_pack("{s:s,s:s%}", "instrument", info.id, "title", info.title, strlen(info.title) > 200
	                                                                                        ? (size_t)200
	                                                                                        : strlen(info.title)))) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	if ((rc = dy_item_create(s, &dy_kind_instrument, NULL, fields, json, len, DY_VIS_PRIVATE, 0, rid, err)) != 0)
		goto out;
	dy_strlcpy(id, info.id, DY_ASSESS_ID_MAX + 1);
out:
	json_decref(fields);
	dy_item_list_release(&l);
	dy_instrument_free(in);
	return rc;
}

/* --------------------------------------------------------------- takings */

/* A taking from its answers record; DY_ECORRUPT when the fields are not a
 * taking's. */
static int
taking_of(const struct dy_item *it, struct dy_taking *out, struct dy_error *err)
{
	const json_t *f = it->fields, *ins = json_object_get(f, "instrument"), *ver = json_object_get(f, "instrument_version"),
	             *ans = json_object_get(f, "answers"), *res = json_object_get(f, "result");
	struct dy_taking t;
	size_t i;

	memset(&t, 0, sizeof(t));
	if (!json_is_string(ins) || !json_is_integer(ver) || !json_is_array(ans) || json_array_size(ans) == 0 ||
	    json_array_size(ans) > DY_INSTRUMENT_MAX_ITEMS || (res != NULL && !json_is_string(res)))
		return dy_fail(err, DY_ECORRUPT, "Taking %s is damaged.", it->id);
	dy_strlcpy(t.id, it->id, sizeof(t.id));
	dy_strlcpy(t.instrument, json_string_value(ins), sizeof(t.instrument));
	t.version = (long)json_integer_value(ver);
	t.n = json_array_size(ans);
	t.next = t.n;
	for (i = 0; i < t.n; i++) {
		t.answers[i] = (int)json_integer_value(json_array_get(ans, i));
		if (t.answers[i] != DY_INSTRUMENT_NO_ANSWER)
			t.answered++;
		else if (t.next == t.n)
			t.next = i;
	}
	if (res != NULL) {
		t.finished = true;
		dy_strlcpy(t.result_id, json_string_value(res), sizeof(t.result_id));
	}
	t.started_at = it->created_at;
	t.updated_at = it->updated_at;
	*out = t;
	return 0;
}

int
dy_assess_taking(struct dy_session *s, const char *id, size_t id_len, struct dy_taking *out, struct dy_error *err)
{
	struct dy_item it;
	int rc;

	if ((rc = dy_item_get(s, &dy_kind_assessment, id, id_len, &it, err)) != 0)
		return rc;
	rc = it.mine ? taking_of(&it, out, err) : dy_fail(err, DY_ENOTFOUND, "No taking %.36s.", it.id);
	dy_item_release(&it);
	return rc;
}

int
dy_assess_unfinished(struct dy_session *s, const char *instrument_id, struct dy_taking *out,
                     struct dy_error *err)
{
	struct dy_item_list l;
	size_t i;
	int rc;

	rc = list_where(s, &dy_kind_assessment, DY_FILTER_MINE, "instrument",
	                instrument_id ? instrument_id : DY_ASSESS_DEFAULT, 0, &l, err);
	if (rc != 0)
		return rc;
	rc = dy_fail(err, DY_ENOTFOUND, "You have no unfinished taking of \"%.36s\".",
	             instrument_id ? instrument_id : DY_ASSESS_DEFAULT);
	/* newest first: the newest unfinished one */
	for (i = 0; i < l.count; i++)
		if (json_object_get(l.items[i].fields, "result") == NULL) {
			rc = taking_of(&l.items[i], out, err);
			break;
		}
	dy_item_list_release(&l);
	return rc;
}

int
dy_assess_start(struct dy_session *s, const struct dy_instrument *in, struct dy_taking *out, bool *resumed,
                struct dy_error *err)
{
	struct dy_instrument_info info;
	json_t *fields = NULL, *ans;
	char id[DY_ID_LEN + 1];
	size_t i;
	int rc;

	dy_instrument_info(in, &info);
	rc = dy_assess_unfinished(s, info.id, out, err);
	if (rc == 0 && out->version == info.version && out->n == info.n_items) {
		*resumed = true;
		return 0;
	}
	if (rc != 0 && rc != DY_ENOTFOUND)
		return rc;
	/* none, or one of an earlier version of the questionnaire: a new one */
	if (!(ans = json_array()) ||
	    !(fields = json_pack("{s:s,s:I,s:o}", "instrument", info.id, "instrument_version", (json_int_t)info.version,
	                         "answers", ans))) {
		json_decref(fields);
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	}
	for (i = 0; i < info.n_items; i++)
		if (json_array_append_new(ans, json_integer(DY_INSTRUMENT_NO_ANSWER)) != 0) {
			json_decref(fields);
			return dy_fail(err, DY_ENOMEM, "Out of memory.");
		}
	rc = dy_item_create(s, &dy_kind_assessment, NULL, fields, NULL, 0, DY_VIS_PRIVATE, 0, id, err);
	json_decref(fields);
	if (rc != 0)
		return rc;
	if ((rc = dy_assess_taking(s, id, strlen(id), out, err)) != 0)
		return rc;
	*resumed = false;
	return 0;
}

/* My taking id, unfinished, of questionnaire in. */
static int
open_unfinished(struct dy_session *s, const struct dy_instrument *in, const char *id, struct dy_taking *t,
                struct dy_error *err)
{
	struct dy_instrument_info info;
	int rc;

	if (id == NULL)
		return dy_fail(err, DY_EINVAL, "Which taking?");
	if ((rc = dy_assess_taking(s, id, strlen(id), t, err)) != 0)
		return rc;
	dy_instrument_info(in, &info);
	if (strcmp(t->instrument, info.id) != 0 || t->version != info.version || t->n != info.n_items)
		return dy_fail(err, DY_EINVAL, "Taking %.8s is of another questionnaire.", t->id);
	if (t->finished)
		return dy_fail(err, DY_EINVAL, "Taking %.8s is finished; its answers stay as they were.", t->id);
	return 0;
}

/* {"answers": [...]} of a taking. */
static json_t *
answers_json(const struct dy_taking *t)
{
	json_t *a = json_array(), *o;
	size_t i;

	if (a == NULL)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (json_array_append_new(a, json_integer(t->answers[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	if (!(o = json_object()) || json_object_set_new(o, "answers", a) != 0) {
		json_decref(o);
		json_decref(a);
		return NULL;
	}
	return o;
}

int
dy_assess_answer(struct dy_session *s, const struct dy_instrument *in, const char *id, size_t item, int value,
                 struct dy_error *err)
{
	struct dy_instrument_info info;
	struct dy_taking t;
	json_t *fields;
	int rc;

	dy_instrument_info(in, &info);
	if (item >= info.n_items)
		return dy_fail(err, DY_EINVAL, "There is no item %zu; this questionnaire has %zu.", item + 1,
		               info.n_items);
	if (value < info.scale_min || value > info.scale_max)
		return dy_fail(err, DY_EINVAL, "An answer is a whole number from %d to %d.", info.scale_min,
		               info.scale_max);
	if ((rc = open_unfinished(s, in, id, &t, err)) != 0)
		return rc;
	t.answers[item] = value;
	if (!(fields = answers_json(&t)))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	rc = dy_item_edit(s, &dy_kind_assessment, t.id, strlen(t.id), fields, NULL, 0, err);
	json_decref(fields);
	return rc;
}

int
dy_assess_sharing(struct dy_session *s, bool *on, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_assess_prefs}, .nkinds = 1, .filter = DY_FILTER_MINE, .limit = 1};
	struct dy_item_list l;
	int rc;

	if ((rc = dy_item_list(s, &q, &l, err)) != 0)
		return rc;
	*on = l.count > 0 && json_is_true(json_object_get(l.items[0].fields, "share_results"));
	dy_item_list_release(&l);
	return 0;
}

int
dy_assess_finish(struct dy_session *s, const struct dy_instrument *in, const char *id,
                 char result_id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct dy_instrument_info info;
	struct dy_instrument_facet fc;
	struct dy_instrument_score sc;
	struct dy_taking t;
	json_t *fields = NULL, *facets = NULL, *scores = NULL, *link = NULL;
	char rid[DY_ID_LEN + 1];
	bool share, tx = false;
	size_t i;
	int rc;

	if ((rc = open_unfinished(s, in, id, &t, err)) != 0)
		return rc;
	if (t.next < t.n)
		return dy_fail(err, DY_EINVAL, "Item %zu is not answered yet.", t.next + 1);
	if ((rc = dy_instrument_score(in, t.answers, t.n, &sc, err)) != 0 || (rc = dy_assess_sharing(s, &share, err)) != 0)
		return rc;
	dy_instrument_info(in, &info);
	if (!(facets = json_array()) || !(scores = json_array()))
		goto nomem;
	for (i = 0; i < info.n_facets; i++) {
		dy_instrument_facet(in, i, &fc);
		if (json_array_append_new(facets, json_string(fc.id)) != 0 ||
		    json_array_append_new(scores, json_real(sc.facet[i])) != 0)
			goto nomem;
	}
	if (!(fields = json_pack("{s:s,s:I,s:s%,s:O,s:O,s:f}", "instrument", info.id, "instrument_version",
	                         (json_int_t)info.version, "title", info.title,
	                         strlen(info.title) > 200 ? (size_t)200 : strlen(info.title), "facets", facets,
	                         "scores", scores, "overall", sc.overall)))
		goto nomem;
	if (!(link = json_pack("{s:s}", "result", "")))
		goto nomem;
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		goto out;
	tx = true;
	if ((rc = dy_item_create(s, &dy_kind_assessment_result, NULL, fields, NULL, 0,
	                         share ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, rid, err)) != 0)
		goto out;
	if (json_object_set_new(link, "result", json_string(rid)) != 0)
		goto nomem;
	if ((rc = dy_item_edit(s, &dy_kind_assessment, t.id, strlen(t.id), link, NULL, 0, err)) != 0)
		goto out;
	tx = false;
	if ((rc = dy_tx_commit(s->db, err)) != 0)
		goto out;
	memcpy(result_id, rid, sizeof(rid));
	goto out;
nomem:
	rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
out:
	if (tx)
		dy_tx_rollback(s->db);
	json_decref(fields);
	json_decref(facets);
	json_decref(scores);
	json_decref(link);
	return rc;
}

/* My taking whose answers link to result id rid, or DY_ENOTFOUND. */
static int
taking_of_result(struct dy_session *s, const char *rid, char id[DY_ID_LEN + 1], struct dy_error *err)
{
	struct dy_item_list l;
	int rc;

	if ((rc = list_where(s, &dy_kind_assessment, DY_FILTER_MINE, "result", rid, 1, &l, err)) != 0)
		return rc;
	if (l.count == 0)
		rc = DY_ENOTFOUND;
	else
		dy_strlcpy(id, l.items[0].id, DY_ID_LEN + 1);
	dy_item_list_release(&l);
	return rc;
}

int
dy_assess_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err)
{
	struct dy_item it;
	struct dy_taking t;
	char answers[DY_ID_LEN + 1] = "", result[DY_ID_LEN + 1] = "";
	int rc;

	rc = dy_item_get(s, &dy_kind_assessment_result, id, id_len, &it, NULL);
	if (rc == 0) {
		if (!it.mine) {
			rc = dy_fail(err, DY_EPERM, "This result is %s's; only they can delete it.", it.author);
			dy_item_release(&it);
			return rc;
		}
		dy_strlcpy(result, it.id, sizeof(result));
		dy_item_release(&it);
		if ((rc = taking_of_result(s, result, answers, err)) != 0 && rc != DY_ENOTFOUND)
			return rc;
	} else if (rc == DY_ENOTFOUND) {
		if ((rc = dy_assess_taking(s, id, id_len, &t, err)) != 0)
			return rc;
		dy_strlcpy(answers, t.id, sizeof(answers));
		dy_strlcpy(result, t.result_id, sizeof(result));
	} else {
		return dy_fail(err, rc, "Could not read that taking.");
	}
	if ((rc = dy_tx_begin(s->db, err)) != 0)
		return rc;
	if ((answers[0] && (rc = dy_item_delete(s, &dy_kind_assessment, answers, strlen(answers), err)) != 0) ||
	    (result[0] && (rc = dy_item_delete(s, &dy_kind_assessment_result, result, strlen(result), err)) != 0 &&
	     rc != DY_ENOTFOUND)) {
		dy_tx_rollback(s->db);
		return rc;
	}
	return dy_tx_commit(s->db, err);
}

int
dy_assess_set_sharing(struct dy_session *s, bool on, size_t *changed, struct dy_error *err)
{
	struct dy_query q = {.kinds = {&dy_kind_assess_prefs}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct dy_item_list prefs = {0}, res = {0};
	json_t *fields = NULL;
	char id[DY_ID_LEN + 1];
	size_t i, n = 0;
	int rc;

	if (!(fields = json_pack("{s:b}", "share_results", on)))
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if ((rc = dy_tx_begin(s->db, err)) != 0) {
		json_decref(fields);
		return rc;
	}
	if ((rc = dy_item_list(s, &q, &prefs, err)) != 0)
		goto out;
	if (prefs.count > 0)
		rc = dy_item_edit(s, &dy_kind_assess_prefs, prefs.items[0].id, strlen(prefs.items[0].id), fields, NULL, 0,
		                  err);
	else
		rc = dy_item_create(s, &dy_kind_assess_prefs, NULL, fields, NULL, 0, DY_VIS_PRIVATE, 0, id, err);
	if (rc != 0)
		goto out;
	q.kinds[0] = &dy_kind_assessment_result;
	if ((rc = dy_item_list(s, &q, &res, err)) != 0)
		goto out;
	for (i = 0; i < res.count; i++) {
		if ((res.items[i].vis == DY_VIS_SHARED) == on)
			continue;
		if ((rc = dy_item_set_vis(s, &dy_kind_assessment_result, res.items[i].id, strlen(res.items[i].id),
		                          on ? DY_VIS_SHARED : DY_VIS_PRIVATE, 0, err)) != 0)
			goto out;
		n++;
	}
out:
	if (rc == 0)
		rc = dy_tx_commit(s->db, err);
	else
		dy_tx_rollback(s->db);
	if (rc == 0 && changed)
		*changed = n;
	json_decref(fields);
	dy_item_list_release(&prefs);
	dy_item_list_release(&res);
	return rc;
}

/* ------------------------------------------------------------- when due */

#define MONTH_SECONDS INT64_C(2629746)  /* 365.2425 days / 12 */

int
dy_assess_due(struct dy_session *s, const char *id, int64_t now, int every_months, bool *due, int64_t *last_at,
              int64_t *next_at, struct dy_error *err)
{
	struct dy_item_list l;
	int rc;

	if (every_months < 1 || every_months > DY_ASSESS_EVERY_MAX)
		return dy_fail(err, DY_EINVAL, "A taking is suggested every 1 to %d months.", DY_ASSESS_EVERY_MAX);
	rc = list_where(s, &dy_kind_assessment_result, DY_FILTER_MINE, "instrument", id ? id : DY_ASSESS_DEFAULT,
	                1, &l, err);
	if (rc != 0)
		return rc;
	if (l.count == 0) {
		*due = true;
		*last_at = 0;
		*next_at = 0;
	} else {
		*last_at = l.items[0].created_at;
		*next_at = *last_at + every_months * MONTH_SECONDS;
		*due = now >= *next_at;
	}
	dy_item_list_release(&l);
	return 0;
}

/* --------------------------------------------------------------- reports */

const char *
dy_assess_verdict_words(int verdict)
{
	return verdict == DY_CHANGE_BETTER ? "a reliable improvement"
	     : verdict == DY_CHANGE_WORSE  ? "a reliable decline"
	                                   : "within measurement noise";
}

static const char *
verdict_name(int verdict)
{
	return verdict == DY_CHANGE_BETTER ? "improvement" : verdict == DY_CHANGE_WORSE ? "decline" : "noise";
}

/* {"delta", "rci", "reliable_delta", "verdict", "words"} of a change from
 * x1 to x2; a JSON null when sd or r cannot give one. */
static json_t *
change_json(double x1, double x2, double sd, double r, const char *what)
{
	struct dy_change c;
	char words[200];

	if (dy_change(x1, x2, sd, r, &c) != 0)
		return json_null();
	snprintf(words, sizeof(words), "%s: %s%.2f, %s.", what, x2 - x1 >= 0 ? "+" : "", x2 - x1,
	         dy_assess_verdict_words(c.verdict));
	return json_pack("{s:f,s:f,s:f,s:s,s:s}", "delta", x2 - x1, "rci", c.rci, "reliable_delta", c.reliable_delta,
	                 "verdict", verdict_name(c.verdict), "words", words);
}

/* The facet of in with id fid, or -1. */
static long
facet_index(const struct dy_instrument *in, const char *fid)
{
	struct dy_instrument_info info;
	struct dy_instrument_facet fc;
	size_t i;

	dy_instrument_info(in, &info);
	for (i = 0; i < info.n_facets; i++) {
		dy_instrument_facet(in, i, &fc);
		if (strcmp(fc.id, fid) == 0)
			return (long)i;
	}
	return -1;
}

/* One taking of a result item, for the report; NULL when out of memory. */
static json_t *
taking_json(const struct dy_item *it, const struct dy_instrument *in)
{
	const json_t *facets = json_object_get(it->fields, "facets"), *scores = json_object_get(it->fields, "scores");
	struct dy_instrument_info info;
	struct dy_instrument_facet fc;
	char at[DY_TIME_ISO_LEN + 1];
	json_t *o, *a;
	size_t i;

	dy_time_iso(it->created_at, at);
	if (!(a = json_array()))
		return NULL;
	for (i = 0; i < json_array_size(facets) && i < json_array_size(scores); i++) {
		const char *fid = json_string_value(json_array_get(facets, i));
		double score = json_number_value(json_array_get(scores, i));
		long k = in && fid ? facet_index(in, fid) : -1;
		const char *name = fid ? fid : "", *meaning = "";

		if (k >= 0) {
			dy_instrument_info(in, &info);
			dy_instrument_facet(in, (size_t)k, &fc);
			name = fc.name;
			meaning = score * 2 >= info.scale_min + info.scale_max ? fc.high : fc.low;
		}
		if (json_array_append_new(a, json_pack("{s:s,s:s,s:f,s:s}", "id", fid ? fid : "", "name", name, "score",
		                                       score, "meaning", meaning ? meaning : "")) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	o = json_pack("{s:s,s:s,s:b,s:b,s:O,s:o}", "id", it->id, "taken_at", at, "shared", it->vis == DY_VIS_SHARED,
	              "mine", it->mine, "overall", json_object_get(it->fields, "overall"), "facets", a);
	return o;
}

/* The change between the last two takings (items a then b), or null. */
static json_t *
report_change(const struct dy_item *a, const struct dy_item *b, const struct dy_instrument *in)
{
	struct dy_instrument_info info;
	struct dy_instrument_facet fc;
	const json_t *fa = json_object_get(a->fields, "facets"), *sa = json_object_get(a->fields, "scores"),
	             *fb = json_object_get(b->fields, "facets"), *sb = json_object_get(b->fields, "scores");
	char from[DY_TIME_ISO_LEN + 1], to[DY_TIME_ISO_LEN + 1];
	json_t *o = NULL, *facets = NULL, *overall, *c;
	size_t i;

	dy_instrument_info(in, &info);
	if (!json_equal((json_t *)(uintptr_t)fa, (json_t *)(uintptr_t)fb) || json_array_size(sa) != json_array_size(fa) ||
	    json_array_size(sb) != json_array_size(fb))
		return json_null();  /* taken in different versions with other facets */
	overall = change_json(json_number_value(json_object_get(a->fields, "overall")),
	                      json_number_value(json_object_get(b->fields, "overall")), info.sd, info.reliability,
	                      "Overall");
	if (!overall || !(facets = json_array()))
		goto fail;
	for (i = 0; i < json_array_size(fa); i++) {
		long k = facet_index(in, json_string_value(json_array_get(fa, i)));
		if (k < 0)
			continue;
		dy_instrument_facet(in, (size_t)k, &fc);
		c = change_json(json_number_value(json_array_get(sa, i)), json_number_value(json_array_get(sb, i)), fc.sd,
		                fc.reliability, fc.name);
		if (!c || (json_is_object(c) && (json_object_set_new(c, "id", json_string(fc.id)) != 0 ||
		                                 json_object_set_new(c, "name", json_string(fc.name)) != 0)) ||
		    json_array_append_new(facets, c) != 0)
			goto fail;
	}
	dy_time_iso(a->created_at, from);
	dy_time_iso(b->created_at, to);
	o = json_pack("{s:s,s:s,s:s,s:o,s:o}", "from", from, "to", to, "words",
	              json_is_object(overall) ? json_string_value(json_object_get(overall, "words")) : "",
	              "overall", overall, "facets", facets);
	return o;
fail:
	json_decref(overall);
	json_decref(facets);
	return NULL;
}

static json_t *
instrument_json(const struct dy_instrument *in)
{
	struct dy_instrument_info info;
	struct dy_instrument_facet fc;
	json_t *facets = json_array();
	size_t i;

	dy_instrument_info(in, &info);
	for (i = 0; facets && i < info.n_facets; i++) {
		dy_instrument_facet(in, i, &fc);
		if (json_array_append_new(facets, json_pack("{s:s,s:s,s:s,s:s,s:s}", "id", fc.id, "name", fc.name, "about",
		                                            fc.about ? fc.about : "", "high", fc.high, "low", fc.low)) != 0) {
			json_decref(facets);
			return NULL;
		}
	}
	if (!facets)
		return NULL;
	return json_pack("{s:s,s:s,s:I,s:s,s:b,s:s,s:{s:i,s:i},s:o}", "id", info.id, "title", info.title, "version",
	                 (json_int_t)info.version, "about", info.about ? info.about : "", "provisional",
	                 info.provisional, "norms_note", info.norms_note ? info.norms_note : "", "scale", "min",
	                 info.scale_min, "max", info.scale_max, "facets", facets);
}

int
dy_assess_report(struct dy_session *s, const char *id, bool theirs, json_t **out, struct dy_error *err)
{
	struct dy_instrument *in = NULL;
	struct dy_item_list l = {0};
	struct dy_taking t;
	json_t *o = NULL, *takings = NULL, *v;
	bool sharing = false;
	size_t i;
	int rc;

	if (id == NULL)
		id = DY_ASSESS_DEFAULT;
	rc = dy_assess_instrument(s, id, &in, err);
	if (rc != 0 && !(rc == DY_ENOTFOUND && theirs))
		return rc;
	rc = list_where(s, &dy_kind_assessment_result, theirs ? DY_FILTER_THEIRS : DY_FILTER_MINE, "instrument", id,
	                0, &l, err);
	if (rc != 0)
		goto out;
	if (!(takings = json_array()))
		goto nomem;
	for (i = l.count; i-- > 0;)  /* oldest first */
		if (!(v = taking_json(&l.items[i], in)) || json_array_append_new(takings, v) != 0)
			goto nomem;
	if (!(o = json_pack("{s:o,s:O}", "instrument", in ? instrument_json(in) : json_null(), "takings", takings)))
		goto nomem;
	if (!theirs) {
		if ((rc = dy_assess_sharing(s, &sharing, err)) != 0)
			goto out;
		rc = dy_assess_unfinished(s, id, &t, NULL);
		if (rc != 0 && rc != DY_ENOTFOUND)
			goto fail_read;
		v = rc == 0 ? json_pack("{s:s,s:I,s:I}", "id", t.id, "answered", (json_int_t)t.answered, "items",
		                        (json_int_t)t.n)
		            : json_null();
		rc = 0;
		if (!v || json_object_set_new(o, "unfinished", v) != 0 ||
		    json_object_set_new(o, "sharing", json_boolean(sharing)) != 0)
			goto nomem;
	}
	v = in != NULL && l.count >= 2 ? report_change(&l.items[1], &l.items[0], in) : json_null();
	if (!v || json_object_set_new(o, "change", v) != 0)
		goto nomem;
	*out = o;
	o = NULL;
	rc = 0;
	goto out;
fail_read:
	rc = dy_fail(err, rc, "Could not read your unfinished taking.");
	goto out;
nomem:
	rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
out:
	json_decref(o);
	json_decref(takings);
	dy_item_list_release(&l);
	dy_instrument_free(in);
	return rc;
}

/* ------------------------------------------------------ JSON for screens */

json_t *
dy_assess_instrument_json(const struct dy_instrument *in)
{
	struct dy_instrument_info info;
	struct dy_instrument_item item;
	json_t *o = instrument_json(in), *items = json_array(), *labels = json_array();
	size_t i;

	if (!o || !items || !labels)
		goto fail;
	dy_instrument_info(in, &info);
	for (i = 0; i < info.n_items; i++) {
		dy_instrument_item(in, i, &item);
		if (json_array_append_new(items, json_pack("{s:s,s:s}", "id", item.id, "text", item.text)) != 0)
			goto fail;
	}
	for (i = 0; i < (size_t)(info.scale_max - info.scale_min + 1); i++)
		if (json_array_append_new(labels, json_string(info.labels[i] ? info.labels[i] : "")) != 0)
			goto fail;
	if (json_object_set_new(json_object_get(o, "scale"), "labels", labels) != 0) {
		labels = NULL;
		goto fail;
	}
	labels = NULL;
	if (json_object_set_new(o, "items", items) != 0 ||
	    json_object_set_new(o, "instructions", json_string(info.instructions ? info.instructions : "")) != 0) {
		items = NULL;
		goto fail;
	}
	return o;
fail:
	json_decref(o);
	json_decref(items);
	json_decref(labels);
	return NULL;
}

json_t *
dy_assess_taking_json(const struct dy_taking *t)
{
	char started[DY_TIME_ISO_LEN + 1], updated[DY_TIME_ISO_LEN + 1];
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < t->n; i++)
		if (json_array_append_new(a, t->answers[i] == DY_INSTRUMENT_NO_ANSWER ? json_null()
		                                                                       : json_integer(t->answers[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	if (!a)
		return NULL;
	dy_time_iso(t->started_at, started);
	dy_time_iso(t->updated_at, updated);
	return json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:b,s:o,s:s,s:s}", "id", t->id, "instrument", t->instrument,
	                 "instrument_version", (json_int_t)t->version, "items", (json_int_t)t->n, "answered",
	                 (json_int_t)t->answered, "next", (json_int_t)t->next, "finished", t->finished, "answers", a,
	                 "started_at", started, "updated_at", updated);
}
