/*
 * question.h - questions for two (issue #11): a library of questions about
 * each person's goals, interests, values, needs and boundaries (written for
 * dyad: data/questions.json, compiled in as questions_data.c by
 * scripts/questions.py), one suggested to the couple each day, answered by
 * each partner privately first. Part of libdyad's public interface: dyad.h
 * includes it.
 *
 * An answer is a record of the kind "question_answer", held (sealed under
 * its author's key, unseen by the partner) until both have answered, so
 * that each says what they think before knowing what the other said. Its id
 * is not random: it is derived from the partnership's key, the author and
 * the question (dy_keyed_id), so that my partner's session can tell that I
 * have answered a question, and nothing more, without any list. Then:
 *  - the first to answer holds theirs, with no time set;
 *  - the second's answer is shared at once, and the first's is set to open
 *    now: it opens at the first's next unlock (any use of dyad), since only
 *    its author's key opens it. It never opens early.
 * Answers are written only while the space has two partners; when a
 * partnership ends, its answers go private like everything else shared or
 * held in it, and a new partner's ids differ. Nothing is stored for a
 * question nobody answers, so skipping leaves no trace.
 */
#ifndef DY_QUESTION_H
#define DY_QUESTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dy_session;
struct dy_error;
struct json_t;

#define DY_QUESTION_ID_MAX 31        /* bytes of a question's id: [a-z0-9-] */
#define DY_ANSWER_CHARS 2000         /* characters of an answer */

struct dy_question_theme {
	const char *id;              /* "goals" */
	const char *label;           /* "Goals" */
};

struct dy_question {
	const char *id;              /* "goals-01": stable, never reused */
	const char *theme;           /* a dy_question_theme's id */
	const char *text;
};

extern const struct dy_question_theme dy_question_themes[];
extern const size_t dy_question_nthemes;
extern const struct dy_question dy_questions[];
extern const size_t dy_nquestions;

/* The question with id id[0..len), or NULL when there is none. */
const struct dy_question *dy_question_find(const char *id, size_t len);

/* A theme's label; NULL when unknown. */
const char *dy_question_theme_label(const char *theme);

/* The kind "question_answer": "question" (a library id) and "answer" (1 to
 * DY_ANSWER_CHARS characters). Written by dy_question_answer only. */
extern const struct dy_kind dy_kind_question_answer;

enum dy_answer_state {
	DY_ANSWER_OPEN_TO_ME = 0, /* nobody has answered */
	DY_ANSWER_THEIRS_WAITS,   /* my partner has answered; theirs opens when I answer */
	DY_ANSWER_MINE_WAITS,     /* I have answered; mine opens when my partner answers */
	DY_ANSWER_OPENING,        /* both have; my partner's opens when they next use dyad */
	DY_ANSWER_OPEN,           /* both answers are open to both */
};

/* The stable name of a state: "unanswered", "partner_answered",
 * "waiting_for_partner", "opening", "open". */
const char *dy_answer_state_name(enum dy_answer_state st);

/* Where a question stands for me. */
struct dy_question_status {
	const struct dy_question *q;
	enum dy_answer_state state;
	bool alone;               /* no partner in the space: nobody to answer with */
	char partner[DY_NAME_MAX + 1]; /* my partner's name; "" when alone */
	bool has_mine, has_theirs;
	struct dy_item mine;      /* my answer, when has_mine */
	struct dy_item theirs;    /* my partner's, when has_theirs (open to me) */
	int64_t answered_at;      /* when the last of the two answered (OPENING, OPEN); 0 else */
};

void dy_question_status_release(struct dy_question_status *st);

/* Where question q stands for me. */
__attribute__((warn_unused_result)) int
dy_question_status(struct dy_session *s, const struct dy_question *q, struct dy_question_status *out,
                   struct dy_error *err);

/*
 * Today's question for two, as *out: the same for both partners all day
 * (the couple's day as day() counts it for the instant now), another the
 * next; the library goes round in an order of its own for each space, and a
 * question both answered before today is passed over.
 */
__attribute__((warn_unused_result)) int
dy_question_today(struct dy_session *s, int64_t now, dy_local_day_fn day, void *ctx,
                  struct dy_question_status *out, struct dy_error *err);

/*
 * Answer q with text (len bytes of UTF-8, 1 to DY_ANSWER_CHARS
 * characters, not only spaces), as the module's comment says, and write
 * where it then stands to *out. Answering twice is DY_EEXIST; with no
 * partner in the space DY_EINVAL (nothing is written either way).
 */
__attribute__((warn_unused_result)) int
dy_question_answer(struct dy_session *s, const struct dy_question *q, const char *text, size_t len,
                   struct dy_question_status *out, struct dy_error *err);

/*
 * The questions I have answered, newest answer first, limit (1 to 100) a
 * page from cursor (NULL or "": the first), each with where it stands.
 * The caller releases each of *out (dy_question_status_release) and frees
 * the array. next gets the next page's cursor, "" after the last.
 */
__attribute__((warn_unused_result)) int
dy_question_answered(struct dy_session *s, size_t limit, const char *cursor, struct dy_question_status **out,
                     size_t *n, char next[DY_CURSOR_MAX + 1], struct dy_error *err);

/*
 * Put question q on my agenda for the next check-in: an item of mine,
 * held like any other (checkin.h), that says the question, linked to my
 * answer, its topic from the question's theme (goal, interest, boundary;
 * else other). Only once both of us have answered (DY_EINVAL before);
 * when a waiting item of mine already links to my answer, that one's id
 * and nothing written.
 */
__attribute__((warn_unused_result)) int
dy_question_discuss(struct dy_session *s, const struct dy_question *q, char id[DY_ID_LEN + 1],
                    struct dy_error *err);

/* A question as JSON: {"id", "theme", "theme_label", "text"}; NULL when
 * out of memory. */
struct json_t *dy_question_json(const struct dy_question *q);

/* A status as JSON: {"question": {...}, "state", "alone", "mine": {"id",
 * "answer", "created_at", "shared"} or null, "theirs": {"id", "author",
 * "answer", "created_at"} or null, "answered_at" or null}. */
struct json_t *dy_question_status_json(const struct dy_question_status *st);

/* The whole library: {"themes": [{"id", "label"}], "questions": [...]}. */
struct json_t *dy_questions_json(void);

#endif
