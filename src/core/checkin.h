/*
 * checkin.h - regular check-ins (issue #12): the schedule the couple
 * agrees on, its next date in their own time zone, and an iCalendar file
 * of it. Part of libdyad's public interface: dyad.h includes it.
 *
 * The schedule is a setting of the space (either partner sets it): a
 * frequency (weekly, every other week, monthly on the first..fourth or
 * last such weekday), a weekday, a local time and the couple's time zone.
 * The core never reads a time zone (days.h): a front end hands it a
 * dy_zone_offset_fn that tells the zone's offset from UTC at an instant
 * (src/platform/zone.h's zone_offset), and the core finds the instants of
 * local times from it, so a daylight-saving change never moves a
 * check-in's local time. A local time that does not exist on a day (the
 * hour skipped in spring) is read with the offset before the change, as
 * RFC 5545 says (01:30 in a gap from 01:00 to 02:00 is 02:30); one that
 * happens twice (autumn) is the first.
 */
#ifndef DY_CHECKIN_H
#define DY_CHECKIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dy_session;
struct dy_error;

enum dy_checkin_freq {
	DY_CHECKIN_NONE = 0,
	DY_CHECKIN_WEEKLY = 1,
	DY_CHECKIN_BIWEEKLY = 2,
	DY_CHECKIN_MONTHLY = 3,
};
#define DY_CHECKIN_LAST 5  /* week of the month: the last such weekday */

/* "weekly", "biweekly", "monthly" (NULL-terminated, indexed by freq - 1);
 * "monday" .. "sunday" (indexed by weekday). */
extern const char *const dy_checkin_freqs[];
extern const char *const dy_checkin_days[];

struct dy_checkin_schedule {
	int freq;                   /* enum dy_checkin_freq; NONE: no schedule */
	int weekday;                /* 0 Monday .. 6 Sunday */
	int week;                   /* monthly: 1..4 or DY_CHECKIN_LAST; else 0 */
	int minute;                 /* the local time, minutes after midnight, 0..1439 */
	int32_t anchor;             /* biweekly: the day (days.h) of one check-in; else 0 */
	char zone[DY_ZONE_MAX + 1]; /* the couple's IANA zone */
};

/* The offset of the schedule's zone from UTC at instant t, in seconds
 * east (3600 for Europe/Paris in winter). */
typedef int32_t (*dy_zone_offset_fn)(void *ctx, int64_t t);

/*
 * Read a schedule as a person gives it: freq "weekly", "biweekly" or
 * "monthly"; day a weekday's English name or its first three letters, any
 * case; time "HH:MM" (00:00 to 23:59; "7:30" too); week, monthly only,
 * "1" to "4" or "last" (NULL: 1; given with another frequency it is an
 * error); zone an IANA name (its form only: the front end checks that the
 * host knows it). today is the couple's local day: an every-other-week
 * schedule starts on the first such weekday from today on. DY_EINVAL with
 * a message saying what is wrong, *out untouched.
 */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_parse(const char *freq, const char *day, const char *time, const char *week, const char *zone,
                          int32_t today, struct dy_checkin_schedule *out, struct dy_error *err);

/* The space's schedule (freq NONE when there is none). */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_get(struct dy_session *s, struct dy_checkin_schedule *out, struct dy_error *err);

/* Set the space's schedule (checked again as parse does); sc NULL or
 * freq NONE removes it. */
__attribute__((warn_unused_result)) int
dy_checkin_schedule_set(struct dy_session *s, const struct dy_checkin_schedule *sc, struct dy_error *err);

/* The instant of local time minute (0..1439) on local day (days.h) in the
 * zone off tells of, with the rules above for skipped and repeated
 * times. */
int64_t dy_checkin_local_instant(int32_t day, int minute, dy_zone_offset_fn off, void *ctx);

/* The first check-in at or after instant from: *when its instant. No
 * schedule is DY_ENOTFOUND. */
__attribute__((warn_unused_result)) int
dy_checkin_next(const struct dy_checkin_schedule *sc, int64_t from, dy_zone_offset_fn off, void *ctx,
                int64_t *when, struct dy_error *err);

/* The schedule in words: "every Thursday at 19:30", "every other Monday
 * at 08:00", "the last Sunday of the month at 18:00" ("" when none). */
#define DY_CHECKIN_WORDS_MAX 80
void dy_checkin_words(const struct dy_checkin_schedule *sc, char out[DY_CHECKIN_WORDS_MAX]);

/* The schedule as JSON, the one presentation of the CLI's --json and the
 * API: {"frequency", "day", ["week": "1".."4"|"last",] "time": "HH:MM",
 * "zone", "words"}. NULL when out of memory or there is no schedule. */
struct json_t *dy_checkin_schedule_json(const struct dy_checkin_schedule *sc);

/*
 * The schedule as an iCalendar file (RFC 5545): a VCALENDAR with a
 * VTIMEZONE for the couple's zone (its offset changes from a year before
 * the first check-in to ten years after, found through off) and a VEVENT
 * with DTSTART;TZID= at the first check-in at or after now, an RRULE, an
 * hour's DURATION, uid@dyad as its UID and now as its DTSTAMP; lines end
 * in CRLF and are folded at 75 octets. *out is NUL-terminated, the caller
 * frees it. No schedule is DY_ENOTFOUND.
 */
#define DY_CHECKIN_ICS_MAX 65536
__attribute__((warn_unused_result)) int
dy_checkin_ics(const struct dy_checkin_schedule *sc, int64_t now, const char *uid, dy_zone_offset_fn off,
               void *ctx, char **out, size_t *out_len, struct dy_error *err);

/* ------------------------------------------------ agendas and the talk
 *
 * The kind "checkin_item": an agenda item, its author's own record:
 * "topic" (one of dy_checkin_topics), "statement" (1 to DY_CHECKIN_CHARS
 * characters), "link" (optional: the id of one of the author's goals,
 * boundaries or answers to a question for two), "session" (absent while it waits for a check-in; the
 * check-in's id once its author joined one). It is written held, sealed
 * under its author's key and invisible to the partner through every
 * route, until its author reveals it (dy_checkin_reveal) or joins a
 * started check-in (dy_checkin_join), which opens all of their waiting
 * items for both.
 *
 * The kind "checkin": a check-in, shared from the start (a partnership is
 * needed). "checkin_mark" answers it: "act" "join" or "end", either
 * partner's. "checkin_turn" answers an item opened at a check-in: "sort"
 * "paraphrase" (the listener's: the partner of the item's author, with
 * "words"), "heard" (the speaker's: the author, "heard" true or false) or
 * "note" (either, "words"). "checkin_agreement" answers a check-in: "what"
 * (1 to DY_CHECKIN_CHARS characters), "who" (the id of the person who
 * does it, or "both": the same for both partners; one written before says
 * "me" or "partner" as its author saw it, and dy_checkin_doer reads that
 * too), "follow_up" (optional YYYY-MM-DD), and, in one written before,
 * "done" (its author marked it done).
 *
 * The kind "checkin_done" answers an agreement: "done" true, one
 * partner's mark that it is done. An agreement belongs to both, so either
 * marks it, each with a record of their own (never an edit of the
 * other's); it is done while either mark stands (or its own "done" from
 * before), and each takes back only their own. Marks go with their
 * agreement.
 */
#define DY_CHECKIN_CHARS 2000       /* characters of an item, a paraphrase, a note, an agreement */
#define DY_CHECKIN_TEXT_MAX 8000    /* bytes of the same */
#define DY_CHECKIN_HELD_UNTIL 253402214400LL /* 9999-12-31: held until revealed or joined */

extern const struct dy_kind dy_kind_checkin_item;
extern const struct dy_kind dy_kind_checkin;
extern const struct dy_kind dy_kind_checkin_mark;
extern const struct dy_kind dy_kind_checkin_turn;
extern const struct dy_kind dy_kind_checkin_agreement;
extern const struct dy_kind dy_kind_checkin_done;
extern const char *const dy_checkin_topics[];   /* appreciation, goal, interest, boundary, concern, other */
extern const char *const dy_checkin_whos[];     /* me, partner, both: who, besides a name */

/* Add an item to my agenda, held. link, when not NULL or "", is the id
 * (or a unique prefix) of one of my goals, boundaries or answers to a
 * question for two. */
__attribute__((warn_unused_result)) int
dy_checkin_add(struct dy_session *s, const char *topic, const char *text, size_t text_len, const char *link,
               char id[DY_ID_LEN + 1], struct dy_error *err);

/* Show my item id to my partner now, before the check-in. */
__attribute__((warn_unused_result)) int
dy_checkin_reveal(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);

/* The items of check-in session (NULL: the coming agenda, the items not
 * yet opened at one) that I may see: mine, held or not, and my partner's
 * revealed ones; oldest first. out->damaged counts the items I may see
 * that could not be read (a damaged file), of any check-in or none: which
 * one an item belongs to is inside it. My partner's held items are never
 * counted for me. The caller releases *out. */
__attribute__((warn_unused_result)) int
dy_checkin_items(struct dy_session *s, const char *session, struct dy_item_list *out, struct dy_error *err);

/* My shared boundaries my partner asked to talk about that no agenda item
 * of mine has taken up since they asked: they are on my agenda on their
 * own (and become items when I join a check-in). Newest first.
 * out->damaged counts my boundaries that could not be read (whether they
 * were asked about is inside them). */
__attribute__((warn_unused_result)) int
dy_checkin_asked(struct dy_session *s, struct dy_item_list *out, struct dy_error *err);

/* The check-in that has started and not ended, or DY_ENOTFOUND. */
__attribute__((warn_unused_result)) int
dy_checkin_current(struct dy_session *s, struct dy_item *out, struct dy_error *err);

/* Whether I and my partner have joined check-in c, and whether it has
 * ended, from its join and end marks. *damaged (NULL: not wanted) counts
 * the marks that could not be read (a damaged file): while it is not 0,
 * who joined and whether it ended may be out of date (a damaged end mark
 * reads as not ended), and a front end says so; nothing is guessed. */
__attribute__((warn_unused_result)) int
dy_checkin_state(struct dy_session *s, const struct dy_item *c, bool *i_joined, bool *partner_joined, bool *ended,
                 size_t *damaged, struct dy_error *err);

/* Start a check-in, or take the one already started; either way join it.
 * Writes its id; *started says whether it is new. */
__attribute__((warn_unused_result)) int
dy_checkin_start(struct dy_session *s, char id[DY_ID_LEN + 1], bool *started, struct dy_error *err);

/* Join check-in id: my waiting items (and the boundaries I was asked to
 * talk about, as new items) are opened at it, for both of us. Joining
 * again opens what I added since. An ended check-in is DY_EINVAL. */
__attribute__((warn_unused_result)) int
dy_checkin_join(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);

/* End check-in id (either partner). Ending it again is not an error. */
__attribute__((warn_unused_result)) int
dy_checkin_end(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);

enum dy_turn_sort { DY_TURN_PARAPHRASE = 0, DY_TURN_HEARD, DY_TURN_NOTE };

/* On item id, opened at a check-in: my paraphrase of it (I am the
 * listener: it is my partner's), whether I felt heard (it is mine), or a
 * note (either). text for a paraphrase or note; heard for DY_TURN_HEARD. */
__attribute__((warn_unused_result)) int
dy_checkin_turn(struct dy_session *s, const char *item_id, size_t item_len, enum dy_turn_sort sort, const char *text,
                size_t text_len, bool heard, char id[DY_ID_LEN + 1], struct dy_error *err);

/* What was said on item id (checkin_turn records), oldest first. */
__attribute__((warn_unused_result)) int
dy_checkin_turns(struct dy_session *s, const char *item_id, struct dy_item_list *out, struct dy_error *err);

/* An agreement at check-in session: who does what, with an optional
 * follow-up date (YYYY-MM-DD). who is "me", "partner", "both", or one of
 * the couple's names or person ids, and is stored as the person's id (or
 * "both"), so that it reads the same for both. An empty what, an unknown
 * who or a date that is not one is DY_EINVAL and writes nothing;
 * a date before today (the couple's local day) is written, and *past set
 * so that the front end can warn. */
__attribute__((warn_unused_result)) int
dy_checkin_agree(struct dy_session *s, const char *session, size_t session_len, const char *who, const char *what,
                 size_t what_len, const char *follow_up, int32_t today, bool *past, char id[DY_ID_LEN + 1],
                 struct dy_error *err);

/* Who does an agreement, from where its reader stands. */
enum dy_doer { DY_DOER_ME = 0, DY_DOER_PARTNER, DY_DOER_BOTH, DY_DOER_FORMER };
extern const char *const dy_checkin_doers[];    /* you, partner, both, former: by enum dy_doer */

/*
 * Who does agreement a, for the reader of space sp (dy_whoami's): me, my
 * partner, both of us, or someone no longer in the space. It reads "who"
 * as written now (a person's id, or "both") and as written before (the
 * author's own "me" or "partner"). *id and *name (each may be NULL) get
 * the doer's person id and name, in sp; "" for both and for one not in
 * the space.
 */
enum dy_doer dy_checkin_doer(const struct dy_item *a, const struct dy_space_info *sp, const char **id,
                             const char **name);

/* The doer in the reader's words: "You", name (the partner's, from
 * dy_checkin_doer), "Both of you", "A partner who left". */
const char *dy_checkin_doer_words(enum dy_doer d, const char *name);

/* Who marked an agreement done, and when, from its reader's side. */
struct dy_done_mark {
	bool mine;                    /* the reader marked it */
	char name[DY_NAME_MAX + 1];   /* who marked it */
	int64_t at;
};

/* Whether an agreement is done: count 0 when not, else its marks (one
 * each at most), earliest first. */
struct dy_agreement_done {
	size_t count;
	struct dy_done_mark marks[2];
};

/*
 * The done marks of agreement a: those among marks (checkin_done records
 * from dy_checkin_done_marks; NULL: none) that answer it, and the "done"
 * an agreement written before holds (its author's, at its last change).
 */
void dy_checkin_done_of(const struct dy_item *a, const struct dy_item_list *marks, struct dy_agreement_done *out);

/*
 * An agreement as JSON for the reader of sp, the one presentation of the
 * CLI's --json and the API: dy_item_json's members with "who" the doer's
 * person id or "both" (for one written before too; null when the person
 * is not known), "who_is" (dy_checkin_doers: "you", "partner", "both",
 * "former"), "who_words" (dy_checkin_doer_words), "done" (true when either
 * marked it, by dy_checkin_done_of with marks) and "done_by" (who marked
 * it and when: [{"mine", "name", "at"}], earliest first) and
 * "marks_damaged" (marks_damaged: its done marks that could not be read,
 * dy_checkin_done_damaged's; not 0, "done" may be out of date). NULL when
 * out of memory.
 */
struct json_t *dy_checkin_agreement_json(const struct dy_item *a, const struct dy_space_info *sp,
                                         const struct dy_item_list *marks, size_t marks_damaged);

/* Mark agreement id done (done true), or take my mark back (false), as
 * either partner; taking it back also clears the "done" of one I wrote
 * before. Marking again, or taking back what I never marked, changes
 * nothing. An agreement I may not see is DY_ENOTFOUND. */
__attribute__((warn_unused_result)) int
dy_checkin_agreement_done(struct dy_session *s, const char *id, size_t id_len, bool done, struct dy_error *err);

/* The done marks I may see (mine and my partner's), of agreement id or
 * (NULL) of all, oldest first. The caller releases *out. */
__attribute__((warn_unused_result)) int
dy_checkin_done_marks(struct dy_session *s, const char *id, struct dy_item_list *out, struct dy_error *err);

/*
 * How many done marks on agreement id could not be read (a damaged file):
 * while it is not 0, whether the agreement is done may be out of date (a
 * damaged mark reads as not done). marks is dy_checkin_done_marks's list
 * of all (NULL); when it counted none damaged, *n is 0 and nothing is
 * read, else the marks of id are (which agreement a damaged mark answers
 * is outside it, so this is exact).
 */
__attribute__((warn_unused_result)) int
dy_checkin_done_damaged(struct dy_session *s, const struct dy_item_list *marks, const char *id, size_t *n,
                        struct dy_error *err);

/*
 * Remove agreement id for good (one mistyped, or no longer meant), with
 * every done mark on it, both partners': the store deletes a record's
 * answers with it, in the same statement of the same transaction. Only
 * its author may, as only the owner deletes any record: an agreement is
 * both partners' to read and mark done, but the words are its author's.
 * My partner's agreement is DY_EPERM ("This agreement is NAME's; only they
 * can delete it."); one I may not see, one removed already, or an id that
 * is no agreement, DY_ENOTFOUND. Nothing changes on failure.
 */
__attribute__((warn_unused_result)) int
dy_checkin_agreement_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);

/* Agreements, oldest first: of check-in session, or (NULL) of all; with
 * due, only those not done (by either of us) whose follow-up date is
 * today or before. out->damaged counts the agreements (of that check-in,
 * or of all) that could not be read, due or not: the date is inside. */
__attribute__((warn_unused_result)) int
dy_checkin_agreements(struct dy_session *s, const char *session, bool due, int32_t today, struct dy_item_list *out,
                      struct dy_error *err);

/*
 * The history of check-ins, each record read once: every check-in, every
 * agenda item I may see and every agreement, listed once each, and those
 * of one check-in then found in memory (dy_checkin_history_of), not read
 * again for each. damaged counts what the history leaves out because it
 * could not be read (a damaged file): check-ins, agenda items (of any
 * check-in or none: which one an item is of is inside it; my partner's
 * held items are never listed for me, so never counted) and agreements,
 * each once.
 */
struct dy_checkin_history {
	struct dy_item_list checkins;    /* newest first */
	struct dy_item_list items;       /* by check-in ("" first: waiting), oldest first in each */
	struct dy_item_list agreements;  /* by check-in, oldest first in each */
	struct dy_item_list marks;       /* join and end marks, by check-in */
	struct dy_item_list turns;       /* dy_checkin_history_turns's: by item, oldest first in each */
	size_t damaged;                  /* check-ins, items, agreements (marks: dy_checkin_history_state) */
};

/* Read the history into *out (released with dy_checkin_history_release,
 * also after a failure). */
__attribute__((warn_unused_result)) int
dy_checkin_history(struct dy_session *s, struct dy_checkin_history *out, struct dy_error *err);
void dy_checkin_history_release(struct dy_checkin_history *h);

/*
 * Check-in id's agenda items and agreements in history h, oldest first, as
 * views into h: *items and *agreements hold h's own records (never
 * released through the views; valid while h is). Their damaged is the
 * whole list's (h->items.damaged, h->agreements.damaged): a damaged
 * record's check-in cannot be told, so a check-in counts every damaged
 * record it could have held, and a front end that adds them up over the
 * history counts some more than once (h->damaged counts each once).
 */
void dy_checkin_history_of(const struct dy_checkin_history *h, const char *id, struct dy_item_list *items,
                           struct dy_item_list *agreements);

/* Check-in c's state in history h, as dy_checkin_state gives it (*damaged,
 * NULL: not wanted, its marks that could not be read), from h's marks
 * when none of them was damaged; else, since the list of all cannot tell
 * whose a damaged mark was, from c's own marks read again. */
__attribute__((warn_unused_result)) int
dy_checkin_history_state(struct dy_session *s, const struct dy_checkin_history *h, const struct dy_item *c,
                         bool *i_joined, bool *partner_joined, bool *ended, size_t *damaged, struct dy_error *err);

/* For a history that shows what was said on each item (the API's): read
 * every turn I may see once into h->turns. */
__attribute__((warn_unused_result)) int
dy_checkin_history_turns(struct dy_session *s, struct dy_checkin_history *h, struct dy_error *err);

/* The turns on agenda item it of history h, oldest first, as
 * dy_checkin_turns gives them, into *out: a view into h->turns (damaged
 * 0) when none of those was damaged; else, since the list of all cannot
 * tell whose a damaged turn was, its own turns read again (with their
 * exact damaged). Either way the caller ends it with
 * dy_checkin_history_turns_done. */
__attribute__((warn_unused_result)) int
dy_checkin_history_turns_of(struct dy_session *s, const struct dy_checkin_history *h, const struct dy_item *it,
                            struct dy_item_list *out, struct dy_error *err);
void dy_checkin_history_turns_done(const struct dy_checkin_history *h, struct dy_item_list *l);

#endif
