/*
 * self.h - each partner's self, stated and respected (issue #11):
 * boundaries and needs with their kept wordings, the partner's
 * acknowledgements and requests to talk, goals with progress and support
 * notes, and interests. Part of libdyad's public interface: dyad.h
 * includes it.
 *
 * Every one of them is a record kind (dy_item_* creates, lists, edits,
 * shares and deletes them; the partner's attempts to change mine are
 * refused there). This module adds the kinds' descriptors and the few
 * operations whose rules are more than a descriptor can say: an
 * acknowledgement belongs to the wording it was given for, a note on a
 * goal is progress when I write it and support when my partner does, and
 * only a goal's owner dismisses support on it.
 */
#ifndef DY_SELF_H
#define DY_SELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dy_session;
struct dy_error;
struct dy_item;

#define DY_SELF_STATEMENT_CHARS 2000 /* characters of a statement, a why, a note */
#define DY_SELF_TEXT_MAX 8000        /* bytes of the same (four per character at most) */
#define DY_INTEREST_CHARS 200        /* characters of an interest */

/*
 * The kind "boundary": "statement" (required), "form" (required: "need" —
 * "I need…", "limit" — "I won't…", "okay" — "I'm okay with…"), "why",
 * "area" (required, one of dy_self_areas). Edits keep every earlier
 * wording. Private until shared.
 */
extern const struct dy_kind dy_kind_boundary;
extern const char *const dy_boundary_forms[];   /* NULL-terminated */
extern const char *const dy_self_areas[];       /* NULL-terminated */

/*
 * The kind "boundary_answer": my partner's answer to my shared boundary,
 * their own record: "act" ("ack": I've read this and I understand it;
 * "discuss": let's talk about it) and "wording", the version it was given
 * for. Made by dy_boundary_answer only.
 */
extern const struct dy_kind dy_kind_boundary_answer;

enum dy_boundary_act { DY_BOUNDARY_ACK = 0, DY_BOUNDARY_DISCUSS };

/* Answer my partner's shared boundary id for its current wording. My own
 * boundary is DY_EPERM; one I cannot see is DY_ENOTFOUND, like a missing
 * one. Answering the same wording the same way again is not an error and
 * writes nothing (*answered_id is then the earlier answer's id). */
__attribute__((warn_unused_result)) int
dy_boundary_answer(struct dy_session *s, const char *id, size_t id_len, enum dy_boundary_act act,
                   char answered_id[DY_ID_LEN + 1], struct dy_error *err);

/* Where a boundary stands with the partner, from the answers I may see. */
struct dy_boundary_status {
	int version;              /* its current wording */
	bool acked;               /* acknowledged for the current wording */
	int64_t acked_at;         /* when; 0 when not */
	int acked_version;        /* the newest wording ever acknowledged; 0: none */
	bool discuss;             /* a request to talk about the current wording */
	int64_t discuss_at;
};

/* The status of boundary b (as dy_item_get read it). */
__attribute__((warn_unused_result)) int
dy_boundary_status(struct dy_session *s, const struct dy_item *b, struct dy_boundary_status *st,
                   struct dy_error *err);

/*
 * The kind "goal": "statement" (required), "why", "target" (an optional
 * date, YYYY-MM-DD), "status" (required: active, paused, done, dropped).
 * Private until shared.
 */
extern const struct dy_kind dy_kind_goal;
extern const char *const dy_goal_statuses[];    /* NULL-terminated */

/*
 * The kind "goal_note": a note on a goal, its author's own record:
 * "note" (required) and "sort": "progress" (the goal's owner's) or
 * "support" (the partner's, on a goal shared with them). Made by
 * dy_goal_note only.
 */
extern const struct dy_kind dy_kind_goal_note;

/* Add a note to goal id: progress on mine, support on my partner's shared
 * goal. Writes the new note's id. */
__attribute__((warn_unused_result)) int
dy_goal_note(struct dy_session *s, const char *id, size_t id_len, const char *note, size_t note_len,
             char note_id[DY_ID_LEN + 1], struct dy_error *err);

/*
 * The kind "goal_dismissal": the goal's owner has read a support note and
 * put it away. Made by dy_goal_dismiss only; a note is dismissed when such
 * a record answers it.
 */
extern const struct dy_kind dy_kind_goal_dismissal;

/* Dismiss my partner's support note note_id on one of my goals. My own
 * notes are DY_EPERM; dismissing twice is not an error. */
__attribute__((warn_unused_result)) int
dy_goal_dismiss(struct dy_session *s, const char *note_id, size_t note_len, struct dy_error *err);

/* Whether note n (a goal_note) has been dismissed. */
__attribute__((warn_unused_result)) int
dy_goal_note_dismissed(struct dy_session *s, const struct dy_item *n, bool *dismissed, struct dy_error *err);

/*
 * The kind "interest": "statement" (required, at most DY_INTEREST_CHARS),
 * "with" (optional: alone, together, others), "note". Private until
 * shared.
 */
extern const struct dy_kind dy_kind_interest;
extern const char *const dy_interest_withs[];   /* NULL-terminated */

#endif
