/*
 * checkin.c - the API of check-ins (issue #12): the couple's schedule, its
 * next date and calendar file; each partner's agenda (held items that the
 * partner cannot reach through any route until revealed or joined); the
 * talk (start, join, turns, agreements, end); agreements due; history.
 * The rules are the core's (src/core/checkin.c); dates are counted in the
 * couple's zone (zone.h).
 */
#include <string.h>

#include "handlers.h"
#include "items.h"
#include "zone.h"
#include "banned.h"

#define NO_ITEM "There is no such agenda item."
#define NO_CHECKIN "There is no such check-in."
#define NO_AGREEMENT "There is no such agreement."

static void reply_missing(struct web_req *r, const struct dy_error *err, const char *missing)
{
	if (err->code == DY_ENOTFOUND)
		reply_error(r, 404, "not_found", missing);
	else
		reply_dy_error(r, err);
}

/* The couple's schedule, or 0 with freq NONE; -1 with an answer made. */
static int schedule_of(struct web_req *r, struct dy_checkin_schedule *sc)
{
	struct dy_error err = {0};

	if (dy_checkin_schedule_get(r->session, sc, &err) != 0) {
		reply_dy_error(r, &err);
		return -1;
	}
	if (sc->freq != DY_CHECKIN_NONE && !zone_valid(sc->zone))
		sc->freq = DY_CHECKIN_NONE; /* a zone this host no longer knows: as if none */
	return 0;
}

/* Today in the couple's zone, else in mine, else the server's. */
static int32_t couple_today(struct web_req *r)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	char zone[DY_ZONE_MAX + 1] = "";
	int32_t day;

	if (dy_checkin_schedule_get(r->session, &sc, &err) == 0 && sc.freq != DY_CHECKIN_NONE && zone_valid(sc.zone))
		memcpy(zone, sc.zone, sizeof(zone));
	else if (dy_zone_get(r->session, zone, &err) != 0 || !zone_valid(zone))
		zone[0] = '\0';
	zone_enter(zone[0] != '\0' ? zone : NULL);
	day = zone_local_day(NULL, web_now());
	zone_leave();
	return day;
}

static json_t *list_json(const struct dy_item_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < l->count; i++)
		if (json_array_append_new(a, dy_item_json(&l->items[i])) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* What agreements are presented with: who I am, and every done mark I
 * may see (dy_checkin_done_marks of all); read once for a whole history. */
struct agree_ctx {
	struct dy_space_info sp;
	struct dy_item_list marks;
};

static int agree_ctx_read(struct web_req *r, struct agree_ctx *x, struct dy_error *err)
{
	memset(x, 0, sizeof(*x));
	if (dy_whoami(r->session, &x->sp, err) != 0 || dy_checkin_done_marks(r->session, NULL, &x->marks, err) != 0)
		return -1;
	return 0;
}

/* Agreements as the core presents them to me, in x's light: who does each
 * in my words, whether it is done, who marked it done when, and how many
 * of its done marks could not be read. */
static json_t *agreements_json_in(struct web_req *r, const struct agree_ctx *x, const struct dy_item_list *l,
                                  struct dy_error *err)
{
	json_t *a = json_array();

	if (a == NULL) {
		web_oom(err);
		return NULL;
	}
	for (size_t i = 0; i < l->count; i++) {
		size_t bad;

		if (dy_checkin_done_damaged(r->session, &x->marks, l->items[i].id, &bad, err) != 0) {
			json_decref(a);
			return NULL;
		}
		if (json_array_append_new(a, dy_checkin_agreement_json(&l->items[i], &x->sp, &x->marks, bad)) != 0) {
			json_decref(a);
			web_oom(err);
			return NULL;
		}
	}
	return a;
}

/* The same, reading who I am and the done marks for them. */
static json_t *agreements_json(struct web_req *r, const struct dy_item_list *l, struct dy_error *err)
{
	struct agree_ctx x;
	json_t *a = NULL;

	if (agree_ctx_read(r, &x, err) == 0)
		a = agreements_json_in(r, &x, l, err);
	dy_item_list_release(&x.marks);
	return a;
}

/* One agreement, as agreements_json presents it. */
static json_t *agreement_json(struct web_req *r, const struct dy_item *a, struct dy_error *err)
{
	struct dy_item_list one = {.items = (struct dy_item *)a, .count = 1};
	json_t *l = agreements_json(r, &one, err), *j;

	j = json_incref(json_array_get(l, 0));
	json_decref(l);
	return j;
}

/* ------------------------------------------------------------ schedule */

/* {"schedule": {...} | null, "next": instant | null, "next_local":
 * "YYYY-MM-DDTHH:MM" | null} */
static json_t *schedule_doc(const struct dy_checkin_schedule *sc)
{
	struct dy_error err = {0};
	char iso[DY_TIME_ISO_LEN + 1], local[20];
	int64_t when;
	int32_t o;
	int y, m, d;

	if (sc->freq == DY_CHECKIN_NONE)
		return json_pack("{s:n, s:n, s:n}", "schedule", "next", "next_local");
	zone_enter(sc->zone);
	if (dy_checkin_next(sc, web_now(), zone_offset, NULL, &when, &err) != 0) {
		zone_leave();
		return json_pack("{s:o, s:n, s:n}", "schedule", dy_checkin_schedule_json(sc), "next", "next_local");
	}
	o = zone_offset(NULL, when);
	zone_leave();
	dy_time_iso(when, iso);
	{
		int64_t lt = when + o;
		int32_t day = (int32_t)(lt / 86400);
		int64_t sec = lt - (int64_t)day * 86400;

		dy_day_to_date(day, &y, &m, &d);
		snprintf(local, sizeof(local), "%04u-%02u-%02uT%02u:%02u", (unsigned)y % 10000, (unsigned)m % 100,
		         (unsigned)d % 100, (unsigned)(sec / 3600) % 100, (unsigned)(sec / 60 % 60));
	}
	return json_pack("{s:o, s:s, s:s}", "schedule", dy_checkin_schedule_json(sc), "next", iso, "next_local", local);
}

/* GET /api/v1/checkin/schedule */
void h_checkin_schedule_get(struct web_req *r)
{
	struct dy_checkin_schedule sc;

	if (schedule_of(r, &sc) != 0)
		return;
	reply_json(r, 200, schedule_doc(&sc));
}

static const char *opt_str(json_t *o, const char *name, bool *bad)
{
	json_t *v = json_object_get(o, name);

	if (v == NULL || json_is_null(v))
		return NULL;
	if (!json_is_string(v) || json_string_length(v) > 64) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

/* PUT /api/v1/checkin/schedule {"frequency", "day", "time", ["week"],
 * ["zone"]}: the zone defaults to mine, else UTC. */
void h_checkin_schedule_put(struct web_req *r)
{
	struct dy_checkin_schedule sc;
	struct dy_error err = {0};
	const char *freq, *day, *at, *week, *zone;
	char mine[DY_ZONE_MAX + 1] = "";
	bool bad = false;
	int rc;

	if (!json_is_object(r->json)) {
		reply_error(r, 400, "invalid", "The body must be {\"frequency\", \"day\", \"time\", \"week\", \"zone\"}.");
		return;
	}
	freq = opt_str(r->json, "frequency", &bad);
	day = opt_str(r->json, "day", &bad);
	at = opt_str(r->json, "time", &bad);
	week = opt_str(r->json, "week", &bad);
	zone = opt_str(r->json, "zone", &bad);
	if (bad) {
		reply_error(r, 400, "invalid", "frequency, day, time, week and zone are short strings.");
		return;
	}
	if (zone == NULL) {
		if (dy_zone_get(r->session, mine, &err) != 0) {
			reply_dy_error(r, &err);
			return;
		}
		zone = mine[0] != '\0' ? mine : "UTC";
	}
	if (!zone_valid(zone)) {
		reply_error(r, 400, "invalid", "zone must be a time zone name like Europe/London or UTC.");
		return;
	}
	zone_enter(zone);
	rc = dy_checkin_schedule_parse(freq, day, at, week, zone, zone_local_day(NULL, web_now()), &sc, &err);
	zone_leave();
	if (rc != 0 || dy_checkin_schedule_set(r->session, &sc, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_json(r, 200, schedule_doc(&sc));
}

/* DELETE /api/v1/checkin/schedule */
void h_checkin_schedule_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (dy_checkin_schedule_set(r->session, NULL, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_empty(r, 204);
}

/* GET /api/v1/checkin/calendar.ics: text/calendar, as a download. */
void h_checkin_ics(struct web_req *r)
{
	struct dy_checkin_schedule sc;
	struct dy_space_info space;
	struct dy_error err = {0};
	char *ics = NULL;
	size_t len;
	int rc;

	if (schedule_of(r, &sc) != 0)
		return;
	if (sc.freq == DY_CHECKIN_NONE) {
		reply_error(r, 404, "not_found", "There is no check-in schedule yet.");
		return;
	}
	if (dy_whoami(r->session, &space, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	zone_enter(sc.zone);
	rc = dy_checkin_ics(&sc, web_now(), space.id, zone_offset, NULL, &ics, &len, &err);
	zone_leave();
	if (rc != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_take(r, 200, ics, len, "text/calendar; charset=utf-8");
	reply_header(r, "Content-Disposition", "attachment; filename=\"check-ins.ics\"");
}

/* -------------------------------------------------------------- agenda */

/* GET /api/v1/checkin/agenda: {"items": the coming agenda (mine, held or
 * not, and my partner's revealed), "asked": my boundaries my partner asked
 * to talk about, "due": agreements due, "damaged": what the three left
 * out because it could not be read} */
void h_checkin_agenda(struct web_req *r)
{
	struct dy_item_list items = {0}, asked = {0}, due = {0};
	struct dy_error err = {0};
	json_t *dj = NULL;

	if (dy_checkin_items(r->session, NULL, &items, &err) != 0 || dy_checkin_asked(r->session, &asked, &err) != 0 ||
	    dy_checkin_agreements(r->session, NULL, true, couple_today(r), &due, &err) != 0 ||
	    (dj = agreements_json(r, &due, &err)) == NULL)
		reply_dy_error(r, &err);
	else
		reply_json(r, 200, json_pack("{s:o*, s:o*, s:o, s:I}", "items", list_json(&items), "asked", list_json(&asked),
		                             "due", dj, "damaged",
		                             (json_int_t)(items.damaged + asked.damaged + due.damaged)));
	dy_item_list_release(&items);
	dy_item_list_release(&asked);
	dy_item_list_release(&due);
}

/* An agenda item with what was said on it ("turns", oldest first;
 * "turns_damaged": those that could not be read). */
static void reply_agenda_item(struct web_req *r, unsigned status, const char *id)
{
	struct dy_item_list turns = {0};
	struct dy_error err = {0};
	struct dy_item it = {0};
	json_t *j;

	if (dy_item_get(r->session, &dy_kind_checkin_item, id, strlen(id), &it, &err) != 0 ||
	    dy_checkin_turns(r->session, it.id, &turns, &err) != 0) {
		reply_missing(r, &err, NO_ITEM);
		goto out;
	}
	j = dy_item_json(&it);
	if (j != NULL && (json_object_set_new(j, "turns", list_json(&turns)) != 0 ||
	                  json_object_set_new(j, "turns_damaged", json_integer((json_int_t)turns.damaged)) != 0)) {
		json_decref(j);
		j = NULL;
	}
	reply_json(r, status, j);
out:
	dy_item_list_release(&turns);
	dy_item_release(&it);
}

/* POST /api/v1/checkin/items {"topic", "statement", ["link"]}: held. */
void h_checkin_item_add(struct web_req *r)
{
	json_t *topic = json_object_get(r->json, "topic"), *st = json_object_get(r->json, "statement"),
	       *link = json_object_get(r->json, "link");
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	if (!json_is_object(r->json) || !json_is_string(topic) || !json_is_string(st) ||
	    (link != NULL && !json_is_null(link) && (!json_is_string(link) || json_string_length(link) != DY_ID_LEN))) {
		reply_error(r, 400, "invalid",
		            "The body must be {\"topic\", \"statement\", \"link\": the id of one of your goals, boundaries or answers}.");
		return;
	}
	if (dy_checkin_add(r->session, json_string_value(topic), json_string_value(st), json_string_length(st),
	                   json_is_string(link) ? json_string_value(link) : NULL, id, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_agenda_item(r, 201, id);
}

/* GET /api/v1/checkin/items/{id} */
void h_checkin_item_get(struct web_req *r)
{
	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_ITEM);
		return;
	}
	reply_agenda_item(r, 200, r->param);
}

/* POST /api/v1/checkin/items/{id}/reveal: my partner sees it now. */
void h_checkin_item_reveal(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_ITEM);
		return;
	}
	if (dy_checkin_reveal(r->session, r->param, r->param_len, &err) != 0) {
		/* my partner's item, which I may not reveal, answers as missing */
		reply_missing(r, err.code == DY_EPERM ? &(struct dy_error){.code = DY_ENOTFOUND} : &err, NO_ITEM);
		return;
	}
	reply_agenda_item(r, 200, r->param);
}

/* POST /api/v1/checkin/items/{id}/turns {"sort": "paraphrase"|"note",
 * "words"} or {"sort": "heard", "heard": bool} */
void h_checkin_turn(struct web_req *r)
{
	json_t *sort = json_object_get(r->json, "sort"), *words = json_object_get(r->json, "words"),
	       *heard = json_object_get(r->json, "heard");
	const char *s = json_string_value(sort);
	struct dy_error err = {0};
	enum dy_turn_sort ts;
	char id[DY_ID_LEN + 1];

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_ITEM);
		return;
	}
	if (s != NULL && strcmp(s, "paraphrase") == 0 && json_is_string(words))
		ts = DY_TURN_PARAPHRASE;
	else if (s != NULL && strcmp(s, "note") == 0 && json_is_string(words))
		ts = DY_TURN_NOTE;
	else if (s != NULL && strcmp(s, "heard") == 0 && json_is_boolean(heard))
		ts = DY_TURN_HEARD;
	else {
		reply_error(r, 400, "invalid",
		            "The body must be {\"sort\": \"paraphrase\" or \"note\", \"words\"} or {\"sort\": \"heard\", "
		            "\"heard\": true or false}.");
		return;
	}
	if (dy_checkin_turn(r->session, r->param, r->param_len, ts, json_string_value(words),
	                    json_string_length(words), json_is_true(heard), id, &err) != 0) {
		reply_missing(r, &err, NO_ITEM);
		return;
	}
	reply_agenda_item(r, 201, r->param);
}

/* ------------------------------------------------------------ the talk */

/* A check-in: {"id", "started_at", "ended", "joined", "partner_joined",
 * "items": [items with "turns"], "agreements": [...], "damaged": what it
 * left out because it could not be read (agenda items I may see, of any
 * check-in: which one an item is of is inside it; turns on its items; its
 * agreements), "marks_damaged": its join and end marks that could not be
 * read (then "ended" and who joined may be out of date)}. Of history h
 * with x (each read once for all of its check-ins), or (h NULL) read for
 * this one; then its agreements' count is exact, while in a history every
 * damaged agreement could have been its (dy_checkin_history_of). */
static json_t *checkin_json(struct web_req *r, const struct dy_item *c, const struct dy_checkin_history *h,
                            const struct agree_ctx *x, struct dy_error *err)
{
	struct dy_item_list items = {0}, ag = {0};
	bool mine, theirs, ended;
	json_t *o = NULL, *arr = NULL, *agj = NULL;
	char at[DY_TIME_ISO_LEN + 1];
	size_t damaged, marks_damaged;

	if ((h != NULL ? dy_checkin_history_state(r->session, h, c, &mine, &theirs, &ended, &marks_damaged, err)
	               : dy_checkin_state(r->session, c, &mine, &theirs, &ended, &marks_damaged, err)) != 0)
		goto out;
	if (h != NULL)
		dy_checkin_history_of(h, c->id, &items, &ag);
	else if (dy_checkin_items(r->session, c->id, &items, err) != 0 ||
	         dy_checkin_agreements(r->session, c->id, false, 0, &ag, err) != 0)
		goto out;
	if ((agj = x != NULL ? agreements_json_in(r, x, &ag, err) : agreements_json(r, &ag, err)) == NULL)
		goto out;
	if ((arr = json_array()) == NULL)
		goto oom;
	damaged = items.damaged + ag.damaged;
	for (size_t i = 0; i < items.count; i++) {
		struct dy_item_list turns = {0};
		json_t *j;
		bool bad;

		if ((h != NULL ? dy_checkin_history_turns_of(r->session, h, &items.items[i], &turns, err)
		               : dy_checkin_turns(r->session, items.items[i].id, &turns, err)) != 0)
			goto out;
		damaged += turns.damaged;
		j = dy_item_json(&items.items[i]);
		bad = j == NULL || json_object_set_new(j, "turns", list_json(&turns)) != 0 ||
		      json_object_set_new(j, "turns_damaged", json_integer((json_int_t)turns.damaged)) != 0;
		if (bad)
			json_decref(j);  /* not in arr yet: ours to free */
		else
			bad = json_array_append_new(arr, j) != 0;
		if (h != NULL)
			dy_checkin_history_turns_done(h, &turns);
		else
			dy_item_list_release(&turns);
		if (bad)
			goto oom;
	}
	dy_time_iso(c->created_at, at);
	o = json_pack("{s:s, s:s, s:b, s:b, s:b, s:O, s:O, s:I, s:I}", "id", c->id, "started_at", at, "ended", ended,
	              "joined", mine, "partner_joined", theirs, "items", arr, "agreements", agj, "damaged",
	              (json_int_t)damaged, "marks_damaged", (json_int_t)marks_damaged);
	if (o == NULL)
		goto oom;
	goto out;
oom:
	web_oom(err);
out:
	json_decref(arr);
	json_decref(agj);
	if (h == NULL) {
		/* views into h are h's */
		dy_item_list_release(&items);
		dy_item_list_release(&ag);
	}
	return o;
}

static void reply_checkin(struct web_req *r, unsigned status, const char *id, json_t *extra)
{
	struct dy_error err = {0};
	struct dy_item c = {0};
	json_t *j;

	if (dy_item_get(r->session, &dy_kind_checkin, id, strlen(id), &c, &err) != 0) {
		reply_missing(r, &err, NO_CHECKIN);
		json_decref(extra);
		return;
	}
	if ((j = checkin_json(r, &c, NULL, NULL, &err)) == NULL) {
		reply_dy_error(r, &err);
	} else {
		if (extra != NULL && json_object_update(j, extra) != 0) {
			json_decref(j);
			j = NULL;
		}
		reply_json(r, status, j);
	}
	json_decref(extra);
	dy_item_release(&c);
}

/* POST /api/v1/checkin/start: start one, or join the one started. */
void h_checkin_start(struct web_req *r)
{
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	bool started;

	if (dy_checkin_start(r->session, id, &started, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	reply_checkin(r, started ? 201 : 200, id, json_pack("{s:b}", "started", started));
}

/* GET /api/v1/checkin/current: the check-in under way, or 404. */
void h_checkin_current(struct web_req *r)
{
	struct dy_error err = {0};
	struct dy_item c = {0};

	if (dy_checkin_current(r->session, &c, &err) != 0) {
		reply_missing(r, &err, "No check-in has started.");
		return;
	}
	reply_checkin(r, 200, c.id, NULL);
	dy_item_release(&c);
}

/* GET /api/v1/checkin/sessions/{id}: one check-in, under way or past. */
void h_checkin_get(struct web_req *r)
{
	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_CHECKIN);
		return;
	}
	reply_checkin(r, 200, r->param, NULL);
}

/* POST /api/v1/checkin/sessions/{id}/join */
void h_checkin_join(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_CHECKIN);
		return;
	}
	if (dy_checkin_join(r->session, r->param, r->param_len, &err) != 0) {
		reply_missing(r, &err, NO_CHECKIN);
		return;
	}
	reply_checkin(r, 200, r->param, NULL);
}

/* POST /api/v1/checkin/sessions/{id}/end */
void h_checkin_end(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_CHECKIN);
		return;
	}
	if (dy_checkin_end(r->session, r->param, r->param_len, &err) != 0) {
		reply_missing(r, &err, NO_CHECKIN);
		return;
	}
	reply_checkin(r, 200, r->param, NULL);
}

/* POST /api/v1/checkin/sessions/{id}/agreements {"what", "who",
 * ["follow_up"]}: 201 {"agreement", "follow_up_past"}; a past follow-up is
 * saved, and said. */
void h_checkin_agree(struct web_req *r)
{
	json_t *what = json_object_get(r->json, "what"), *who = json_object_get(r->json, "who"),
	       *fu = json_object_get(r->json, "follow_up");
	struct dy_error err = {0};
	struct dy_item a = {0};
	char id[DY_ID_LEN + 1];
	json_t *aj;
	bool past;

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_CHECKIN);
		return;
	}
	if (!json_is_object(r->json) || !json_is_string(what) || !json_is_string(who) ||
	    json_string_length(who) > DY_NAME_INPUT_MAX ||
	    (fu != NULL && !json_is_null(fu) && (!json_is_string(fu) || json_string_length(fu) > 32))) {
		reply_error(r, 400, "invalid", "The body must be {\"what\", \"who\": \"me\", \"partner\", \"both\" or "
		                               "a name, \"follow_up\": \"YYYY-MM-DD\" or null}.");
		return;
	}
	if (dy_checkin_agree(r->session, r->param, r->param_len, json_string_value(who), json_string_value(what),
	                     json_string_length(what), json_string_value(fu), couple_today(r), &past, id, &err) != 0) {
		reply_missing(r, &err, NO_CHECKIN);
		return;
	}
	if (dy_item_get(r->session, &dy_kind_checkin_agreement, id, strlen(id), &a, &err) != 0 ||
	    (aj = agreement_json(r, &a, &err)) == NULL)
		reply_dy_error(r, &err);
	else
		reply_json(r, 201, json_pack("{s:o, s:b}", "agreement", aj, "follow_up_past", past));
	dy_item_release(&a);
}

/* POST /api/v1/checkin/agreements/{id}/done: my mark that it is done;
 * DELETE: my mark taken back. Either partner's; the agreement as it is
 * now. */
static void agreement_mark(struct web_req *r, bool done)
{
	struct dy_error err = {0};
	struct dy_item a = {0};
	json_t *j;

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_AGREEMENT);
		return;
	}
	if (dy_checkin_agreement_done(r->session, r->param, r->param_len, done, &err) != 0 ||
	    dy_item_get(r->session, &dy_kind_checkin_agreement, r->param, r->param_len, &a, &err) != 0) {
		reply_missing(r, &err, NO_AGREEMENT);
		return;
	}
	if ((j = agreement_json(r, &a, &err)) == NULL)
		reply_dy_error(r, &err);
	else
		reply_json(r, 200, j);
	dy_item_release(&a);
}

void h_checkin_agreement_done(struct web_req *r)
{
	agreement_mark(r, true);
}

void h_checkin_agreement_undone(struct web_req *r)
{
	agreement_mark(r, false);
}

/* DELETE /api/v1/checkin/agreements/{id}: remove my agreement for good,
 * with its done marks (both partners'): 204. My partner's, which I see
 * but may not remove, is 403, as for every shared record of theirs; one I
 * cannot see, or one removed already, 404. */
void h_checkin_agreement_delete(struct web_req *r)
{
	struct dy_error err = {0};

	if (!web_id_ok(r)) {
		reply_error(r, 404, "not_found", NO_AGREEMENT);
		return;
	}
	if (dy_checkin_agreement_delete(r->session, r->param, r->param_len, &err) != 0) {
		reply_missing(r, &err, NO_AGREEMENT);
		return;
	}
	reply_empty(r, 204);
}

/* GET /api/v1/checkin/agreements[?due=true]: oldest first. */
void h_checkin_agreements(struct web_req *r)
{
	const char *due = req_query(r, "due");
	struct dy_item_list l = {0};
	struct dy_error err = {0};
	json_t *j;

	if (due != NULL && strcmp(due, "true") != 0 && strcmp(due, "false") != 0) {
		reply_error(r, 400, "invalid", "due must be true or false.");
		return;
	}
	if (dy_checkin_agreements(r->session, NULL, due != NULL && strcmp(due, "true") == 0, couple_today(r), &l, &err) !=
	    0) {
		reply_dy_error(r, &err);
		return;
	}
	if ((j = agreements_json(r, &l, &err)) == NULL)
		reply_dy_error(r, &err);
	else
		reply_json(r, 200, json_pack("{s:o, s:I}", "agreements", j, "damaged", (json_int_t)l.damaged));
	dy_item_list_release(&l);
}

/* GET /api/v1/checkin/history: check-ins, newest first, each as
 * checkin_json says, from one read of the history (dy_checkin_history);
 * "damaged" as it counts it, each record once. */
void h_checkin_history(struct web_req *r)
{
	struct dy_checkin_history h = {0};
	struct agree_ctx x = {0};
	struct dy_error err = {0};
	json_t *arr = json_array(), *j;

	if (arr == NULL) {
		web_oom(&err);
		goto fail;
	}
	if (dy_checkin_history(r->session, &h, &err) != 0 || dy_checkin_history_turns(r->session, &h, &err) != 0 ||
	    agree_ctx_read(r, &x, &err) != 0)
		goto fail;
	for (size_t i = 0; i < h.checkins.count; i++)
		if ((j = checkin_json(r, &h.checkins.items[i], &h, &x, &err)) == NULL || json_array_append_new(arr, j) != 0) {
			if (j != NULL)
				web_oom(&err);
			goto fail;
		}
	/* each record read once, so each damaged one counted once: check-ins,
	 * agenda items and agreements (h.damaged), and the items' turns */
	reply_json(r, 200, json_pack("{s:o, s:I}", "checkins", arr, "damaged",
	                             (json_int_t)(h.damaged + h.turns.damaged)));
	arr = NULL;
	goto out;
fail:
	reply_dy_error(r, &err);
out:
	json_decref(arr);
	dy_checkin_history_release(&h);
	dy_item_list_release(&x.marks);
}
