/*
 * handlers.h - the API's handlers, one file per resource. Each answers
 * with one reply_* call (http.h); the router ran the boundary checks first.
 */
#ifndef DY_WEB_HANDLERS_H
#define DY_WEB_HANDLERS_H

#include "http.h"

struct web_value;

/* The most items one page of a list answers (?limit=1..WEB_PAGE_MAX);
 * GET /api/v1/limits publishes it as "page". */
#define WEB_PAGE_MAX 100

/* session.c */
void h_healthz(struct web_req *r);
void h_setup(struct web_req *r);
void h_session_login(struct web_req *r);
void h_session_get(struct web_req *r);
void h_session_logout(struct web_req *r);
void h_recover(struct web_req *r);

/* space.c */
void h_space_create(struct web_req *r);
void h_join(struct web_req *r);
void h_join_check(struct web_req *r);
void h_invite_create(struct web_req *r);
void h_space_update(struct web_req *r);
void h_space_notice_dismiss(struct web_req *r);

/* journal.c */
void h_journal_list(struct web_req *r);
void h_journal_add(struct web_req *r);
void h_journal_get(struct web_req *r);
void h_journal_edit(struct web_req *r);
void h_journal_delete(struct web_req *r);
void h_journal_share(struct web_req *r);
void h_journal_unshare(struct web_req *r);

/* items.h: h_items_list, _create, _get, _delete, _share, _unshare, the
 * record kinds' generic handlers (practice, reactions, pulses) */

/* search.c */
void h_search(struct web_req *r);

/* practice.c */
void h_practice_stats(struct web_req *r);

/* reaction.c */
void h_reaction_stats(struct web_req *r);
void h_feelings(struct web_req *r);

/* prompts.c */
void h_prompts(struct web_req *r);
void h_prompt_today(struct web_req *r);

/* responses.c */
void h_journal_responses(struct web_req *r);
void h_journal_respond(struct web_req *r);
void h_responses_recent(struct web_req *r);

/* limits.c */
void h_limits(struct web_req *r);

/* self.c: boundaries, goals, interests beside the generic item routes */
void h_self_edit(struct web_req *r);
void h_boundary_history(struct web_req *r);
void h_boundary_ack(struct web_req *r);
void h_boundary_discuss(struct web_req *r);
void h_goal_note(struct web_req *r);
void h_goal_note_dismiss(struct web_req *r);

/* checkin.c: check-ins (issue #12) */
void h_checkin_schedule_get(struct web_req *r);
void h_checkin_schedule_put(struct web_req *r);
void h_checkin_schedule_delete(struct web_req *r);
void h_checkin_ics(struct web_req *r);
void h_checkin_agenda(struct web_req *r);
void h_checkin_item_add(struct web_req *r);
void h_checkin_item_get(struct web_req *r);
void h_checkin_item_reveal(struct web_req *r);
void h_checkin_turn(struct web_req *r);
void h_checkin_start(struct web_req *r);
void h_checkin_current(struct web_req *r);
void h_checkin_get(struct web_req *r);
void h_checkin_join(struct web_req *r);
void h_checkin_end(struct web_req *r);
void h_checkin_agree(struct web_req *r);
void h_checkin_agreement_done(struct web_req *r);
void h_checkin_agreement_undone(struct web_req *r);
void h_checkin_agreement_delete(struct web_req *r);
void h_checkin_agreements(struct web_req *r);
void h_checkin_history(struct web_req *r);
/* question.c: questions for two */
void h_questions(struct web_req *r);
void h_question_today(struct web_req *r);
void h_question_get(struct web_req *r);
void h_question_answer(struct web_req *r);
void h_question_discuss(struct web_req *r);
void h_answers(struct web_req *r);

/* pulse.c */
void h_balance(struct web_req *r);
void h_balance_week(struct web_req *r);

/* assess.c */
void h_instrument_list(struct web_req *r);
void h_instrument_import(struct web_req *r);
void h_instrument_get(struct web_req *r);
void h_taking_start(struct web_req *r);
void h_taking_get(struct web_req *r);
void h_taking_answer(struct web_req *r);
void h_taking_finish(struct web_req *r);
void h_taking_delete(struct web_req *r);
void h_results(struct web_req *r);
void h_results_share(struct web_req *r);
void h_results_unshare(struct web_req *r);

/* coach.c */
void h_coach_check(struct web_req *r);
void h_coach_statement(struct web_req *r);

/* me.c */
void h_me_passphrase(struct web_req *r);
void h_me_export(struct web_req *r);
void h_me_recovery(struct web_req *r);
void h_me_leave(struct web_req *r);

/* settings.c */
void h_me_settings_get(struct web_req *r);
void h_me_settings_put(struct web_req *r);
/* Keep zone (an optional "zone" field of a sign-up or log-in: the
 * browser's) as s's person's zone when they have none yet and this host
 * knows it; anything else is let go (it is only a default). */
void web_zone_default(struct dy_session *s, const struct web_value *zone);
/* The hue named by an optional "colour" field into *hue (-1 when absent):
 * 0, or -1 with a 400 made for a name that is not one of the palette. */
DY_WUR int web_colour_take(struct web_req *r, const struct web_value *colour, int *hue);
/* Give s's person the colour hue chosen at sign-up (-1: keep the one the
 * core gave); the partner's is not taken from them. */
void web_colour_choose(struct dy_session *s, int hue);
/* Enter (zone.h) the zone a statistics handler counts days in: ?tz= when
 * given (400 when it is not a zone), else the person's setting, else the
 * server's own. 0, or -1 with an answer made; after 0 the caller calls
 * zone_leave. */
DY_WUR int web_zone_enter(struct web_req *r);

/* session.c: after a successful create, join or login, issue a token for s,
 * set the cookie, and put "csrf" into doc. -1 (and a reply) on failure. */
struct dy_session;
DY_WUR int web_start_session(struct web_req *r, struct dy_session *s, json_t *doc);

/* server.c: now, in seconds since the epoch: the test clock when one is
 * set (DYAD_TEST_CLOCK), else the system's. */
int64_t web_now(void);

/* server.c: this thread's database, opened on first use. NULL (and a 500
 * reply) when it cannot be opened. */
struct dy_db *web_db(struct web_req *r);

/* server.c: open the session for token into r->session (and r->db),
 * through this thread's session cache. Returns 0; 1 with err filled by the
 * core; or -1 with a reply already made. */
DY_WUR int web_session_open(struct web_req *r, const char *token, size_t len, struct dy_error *err);

#endif
