/*
 * dyad.h - the public interface of libdyad, the dyad core.
 *
 * The core owns the domain (spaces, partners, records, the journal), the
 * storage (SQLite) and the crypto (libsodium). The front ends (src/cli,
 * src/web) call only what this header declares: they never see SQL or keys.
 *
 * Conventions
 *  - Every fallible function returns 0 on success or a negative enum dy_code,
 *    and fills the caller's struct dy_error with a message that a front end
 *    may show as it is. Out-parameters are untouched on failure.
 *  - Text crosses this boundary as (pointer, length) pairs and must be UTF-8.
 *  - Ownership: "the caller frees X with Y" is said once, on the function that
 *    hands X over. Every _free function accepts NULL.
 *  - A struct dy_db is one SQLite connection. It is not thread-safe: open one
 *    per thread (SQLite's recommendation). A struct dy_session belongs to the
 *    dy_db it was made with and must be freed before that db is closed.
 *  - The core reads no environment variables, prints nothing, and uses no
 *    sockets, threads or signals.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define DY_WUR __attribute__((warn_unused_result))

/* ---------------------------------------------------------------- errors */

enum dy_code {
	DY_OK = 0,
	DY_EINVAL = -1,      /* bad input: wrong format, bad UTF-8, empty, ... */
	DY_ENOTFOUND = -2,   /* no such record/person/invitation, or not yours to see */
	DY_EAUTH = -3,       /* wrong passphrase, recovery code or session */
	DY_EEXIST = -4,      /* already there (a space, a name) */
	DY_EFULL = -5,       /* the space already has two partners */
	DY_EEXPIRED = -6,    /* an invitation or session that has expired or been used */
	DY_ETOOBIG = -7,     /* over a size limit */
	DY_EIO = -8,         /* the file system or SQLite failed */
	DY_ECORRUPT = -9,    /* the database file is not a dyad database, or damaged */
	DY_EVERSION = -10,   /* the database is from a newer dyad */
	DY_ENOMEM = -11,
	DY_EBUSY = -12,      /* the database stayed locked longer than the busy timeout */
	DY_EREADONLY = -13,  /* the database or its folder cannot be written */
	DY_EPERM = -14,      /* allowed to see but not to do this (edit a partner's record) */
	DY_ENOSPACE = -15,   /* no space has been set up yet */
};

struct dy_error {
	enum dy_code code;
	char msg[256];
};

/* A short stable name for a code ("not_found", "auth", ...), for JSON errors. */
const char *dy_code_name(enum dy_code code);

/* Limits, enforced by the core; front ends may check earlier. */
#define DY_NAME_MAX 64            /* bytes of a person's name */
#define DY_LABEL_MAX 100          /* bytes of a space's label */
#define DY_ZONE_MAX 64            /* bytes of a time zone's name ("Europe/Berlin") */
#define DY_TITLE_MAX 500          /* bytes of a journal title */
#define DY_TEXT_MAX (1024 * 1024) /* bytes of a journal text: 1 MiB */
#define DY_PASSPHRASE_MIN 8       /* characters (bytes) of a new passphrase */
#define DY_PASSPHRASE_MAX 1024
#define DY_ID_LEN 36              /* a record id: UUID text form */
#define DY_RECOVERY_LEN 47        /* "XXXXX-XXXXX-..." text form, 8 groups of 5 */
#define DY_INVITE_LEN 47          /* same form as the recovery code */
#define DY_TOKEN_LEN 66           /* web session token: "<id>.<secret>", base64url */
#define DY_INVITE_TTL (7 * 24 * 3600)

/* ---------------------------------------------------------- library init */

/* Initialise libsodium; call once before anything else. 0 or DY_ENOMEM. */
DY_WUR int dy_init(void);

/* Secret memory (passphrases): guarded, locked, wiped on free. The caller
 * frees with dy_secret_free; returns NULL when out of memory. */
void *dy_secret_new(size_t size);
void dy_secret_free(void *p);

/* ------------------------------------------------------ buffers and text */

/* The capped growable buffer (struct dy_buf, dy_buf_*): see buf.h. */
#include "buf.h"

/* Charts as SVG (struct dy_chart, dy_chart_svg): see chart.h. */
#include "chart.h"

/* Questionnaires, their scores and change (dy_instrument_*): see
 * instrument.h. */
#include "instrument.h"

/* Durations, calendar days, weeks and streaks (dy_duration_*, dy_day_*,
 * dy_streaks): see days.h. */
#include "days.h"

/* The I-statement coach (dy_coach_*): see coach.h. */
#include "coach.h"

/* People's names and the space's label (dy_name_*): see name.h. */
#include "name.h"

/* The self-exploration prompts and the prompt of the day (dy_prompt_*):
 * see prompts.h. */
#include "prompts.h"

/* Whether [s, s+len) is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) with no NUL byte. */
bool dy_utf8_valid(const char *s, size_t len);

/* Characters (code points) of well-formed UTF-8 text: the length limits of
 * what people write are counted in them. */
size_t dy_utf8_chars(const char *s, size_t len);

/* The length (1 to 4) of the well-formed UTF-8 sequence at the start of
 * s[0..n), or 0 when it is malformed, cut short, a NUL byte or n is 0. For
 * writers that copy runs of plain ASCII themselves. */
size_t dy_utf8_seq(const unsigned char *s, size_t n);

/* An instant as ISO 8601 UTC text, "2026-11-29T05:42:54Z": DY_TIME_ISO_LEN
 * characters and a NUL. Instants outside the years 0000..9999 are written
 * as the epoch. */
#define DY_TIME_ISO_LEN 20
void dy_time_iso(int64_t t, char out[DY_TIME_ISO_LEN + 1]);

/* --------------------------------------------------------------- database */

struct dy_db;

enum {
	DY_OPEN_CREATE = 1 << 0,   /* a missing file is made (see dy_db_open) */
	DY_OPEN_READONLY = 1 << 1,
};

/* Open the database at path, through SQLite only: the core makes no file
 * mode or folder itself. Without DY_OPEN_CREATE a missing file is
 * DY_ENOTFOUND; with it, SQLite makes a missing file with SQLite's default
 * mode -- so a front end first creates the file private (0600, in a 0700
 * folder) through its platform module (src/platform). A new, empty file gets
 * the schema. A database with a newer schema is DY_EVERSION and is not
 * touched; a file that is not a dyad database is DY_ECORRUPT. The caller
 * closes *out with dy_db_close. */
DY_WUR int dy_db_open(const char *path, int flags, struct dy_db **out, struct dy_error *err);
void dy_db_close(struct dy_db *db);

/* Clock used for timestamps and expiry, in seconds since the epoch (UTC).
 * Tests set a fake one; NULL restores time(). */
typedef int64_t (*dy_clock_fn)(void *ctx);
void dy_db_set_clock(struct dy_db *db, dy_clock_fn fn, void *ctx);

/* The machine's other cores, through the front end (docs/STORAGE.md,
 * "The platform seam"). The core is single-threaded and portable: it makes
 * no thread and takes no lock. Where its work is independent from record
 * to record -- a list's decryption, authentication and UTF-8 check of each
 * body, a search's matching of each entry -- it hands a batch of such jobs
 * to this hook in two steps, so that it can read the next batch from
 * SQLite while the jobs run:
 *  - begin(ctx, n, job, arg): "run job(arg, i) for every i < n, perhaps at
 *    once, on any threads", and return without waiting: a handle for wait,
 *    or NULL when every job has already returned (a hook may run them
 *    itself, in begin, whenever it likes: no workers, no memory);
 *  - wait(ctx, call): return when every job of that begin has returned
 *    (the waiting thread may run some of them); the handle is gone after.
 * The core waits for every batch it begins, in the order it began them,
 * and has at most two begun at once (one running while the calling
 * thread reads the next). A job touches only its own slot i of arg and
 * what the whole call only reads (the session's keys, the query), never
 * SQLite, the session's caches or errors other than its slot's;
 * everything the caller sees (order, cursors, damaged counts, messages,
 * wipes) is decided after the wait on the calling thread, in order,
 * exactly as without the hook. With none set (NULL) the core runs the
 * jobs itself, in order, where it would begin them. The front ends
 * install src/platform's pool (plat_pool_begin, plat_pool_wait) once, before the database
 * is used; a browser build of the core would install Web Workers or
 * nothing. p is copied; ctx is passed to begin and wait. */
typedef void (*dy_job_fn)(void *arg, size_t i);
struct dy_parallel {
	void *(*begin)(void *ctx, size_t n, dy_job_fn job, void *arg);
	void (*wait)(void *ctx, void *call);
	void *ctx;
};
void dy_db_set_parallel(struct dy_db *db, const struct dy_parallel *p);

/* dy_db_open with the clock set from the start (fn NULL: time()): opening
 * a writable database deletes the space key of every invitation past its
 * time, and this open judges "past" by fn, as everything later does. A
 * front end with a clock of its own (the server's test clock) opens with
 * this; dy_db_open followed by dy_db_set_clock would judge the invitations
 * by the system's time. */
DY_WUR int dy_db_open_clock(const char *path, int flags, dy_clock_fn fn, void *ctx, struct dy_db **out,
                            struct dy_error *err);

/* Argon2id cost for passphrases set from now on. The defaults are libsodium's
 * INTERACTIVE limits; lower values than those are refused (DY_EINVAL). */
DY_WUR int dy_db_set_kdf(struct dy_db *db, uint64_t opslimit, size_t memlimit, struct dy_error *err);

/* A consistent copy of the whole database into a new file at path, through
 * SQLite's online backup; safe while other processes write. The file must be
 * missing (SQLite makes it, with its default mode) or empty: a front end
 * creates it first, private (0600) and exclusively, through its platform
 * module, and removes it when this fails (the core removes no file). A file
 * with anything in it is DY_EEXIST and is left as it is. */
DY_WUR int dy_db_backup(struct dy_db *db, const char *path, struct dy_error *err);

/* The schema version this build writes, and the one of an open database. */
int dy_schema_version(void);

/* Whether a space exists in this database (0 or 1 in *out). */
DY_WUR int dy_space_exists(struct dy_db *db, bool *out, struct dy_error *err);

/* -------------------------------------------------------- people, spaces */

/* An unlocked person: their identity and keys, held in locked memory. */
struct dy_session;

struct dy_person_info {
	char id[DY_ID_LEN + 1];
	char name[DY_NAME_MAX + 1];
	int color;                   /* 0 or 1: the person's place (first or second) */
	int hue;                     /* their colour: 0 .. DY_HUES - 1 (dy_hue_name) */
	int64_t created_at;
	bool me;
};

struct dy_space_info {
	char id[DY_ID_LEN + 1];
	char label[DY_LABEL_MAX + 1];
	int64_t created_at;
	int members;                 /* 1 or 2 */
	struct dy_person_info people[2];
	/* The partner who left last, for the one who stays, until a new
	 * partner joins or the notice is dismissed: "" when none. */
	char left_name[DY_NAME_MAX + 1];
	int64_t left_at;
};

/* First run: create the space (label may be NULL for "Our space") and its
 * first partner; the label and the name follow name.h's rule (normalised,
 * or refused with its message). A second space in one database is DY_EEXIST. Writes the
 * recovery code (DY_RECOVERY_LEN + 1 bytes, NUL-terminated) to recovery,
 * which the front end shows once. The caller frees *out with dy_session_free. */
DY_WUR int dy_space_create(struct dy_db *db, const char *label, size_t label_len,
                           const char *name, size_t name_len,
                           const char *pass, size_t pass_len,
                           char recovery[DY_RECOVERY_LEN + 1],
                           struct dy_session **out, struct dy_error *err);

/* Make a single-use invitation that expires after DY_INVITE_TTL. Writes the
 * code (DY_INVITE_LEN + 1 bytes) to code. A full space is DY_EFULL. */
DY_WUR int dy_invite_create(struct dy_session *s, char code[DY_INVITE_LEN + 1],
                            int64_t *expires_at, struct dy_error *err);

/* What an invitation code is good for, told before anyone types a name or
 * a passphrase: usable (DY_INVITE_OK), not a code of this space
 * (DY_INVITE_UNKNOWN, also for text that is not a code at all), used,
 * expired, or usable but the space already has two people (DY_INVITE_FULL).
 * It says nothing else (not who made it). */
enum dy_invite_state {
	DY_INVITE_OK = 0,
	DY_INVITE_UNKNOWN,
	DY_INVITE_USED,
	DY_INVITE_EXPIRED,
	DY_INVITE_FULL,
};

/* Check an invitation code without using it; *state says what it is good
 * for. Fails only when the database cannot be read. */
DY_WUR int dy_invite_check(struct dy_db *db, const char *code, size_t code_len,
                           enum dy_invite_state *state, struct dy_error *err);

/* The second partner joins with an invitation code. Unknown code: DY_EAUTH;
 * used or expired: DY_EEXPIRED; full space: DY_EFULL; a name the partner
 * has already, in any case: DY_EEXIST.
 * Writes the recovery code like dy_space_create. */
DY_WUR int dy_space_join(struct dy_db *db, const char *code, size_t code_len,
                         const char *name, size_t name_len,
                         const char *pass, size_t pass_len,
                         char recovery[DY_RECOVERY_LEN + 1],
                         struct dy_session **out, struct dy_error *err);

/* Unlock a person by name (without regard to case: dy_name_same) and
 * passphrase; name may be NULL when the space has one member. Unknown name
 * or wrong passphrase are the same DY_EAUTH. The caller frees *out with dy_session_free. */
DY_WUR int dy_unlock(struct dy_db *db, const char *name, size_t name_len,
                     const char *pass, size_t pass_len,
                     struct dy_session **out, struct dy_error *err);

void dy_session_free(struct dy_session *s);

/* Names of the people in the space (0, 1 or 2), for "which of you?" prompts. */
DY_WUR int dy_space_people(struct dy_db *db, struct dy_space_info *out, struct dy_error *err);

/* Who the session is, and the space with both partners (me flag set). */
DY_WUR int dy_whoami(struct dy_session *s, struct dy_space_info *out, struct dy_error *err);

/* The one JSON presentation of a person, {"id", "name", "color",
 * "colour", "created_at", "me"}, and of a space, {"id", "label", "created_at",
 * "members", "people": [person...]}, for every front end. NULL when out of
 * memory; the caller decrefs it. */
struct json_t *dy_person_json(const struct dy_person_info *p);
struct json_t *dy_space_json(const struct dy_space_info *s);

/* Change my passphrase; the old one stops working at once. Every web
 * session of mine is revoked (other devices must log in again); a web front
 * end issues a fresh token for the device that made the change. */
DY_WUR int dy_passphrase_change(struct dy_session *s, const char *newpass, size_t newpass_len,
                                struct dy_error *err);

/* Set a new passphrase with the recovery code. The code keeps working (it is
 * not rotated). Wrong name or code: DY_EAUTH. Revokes my web sessions. */
DY_WUR int dy_recover(struct dy_db *db, const char *name, size_t name_len,
                      const char *code, size_t code_len,
                      const char *newpass, size_t newpass_len, struct dy_error *err);

/* Make me a new recovery code and write it (DY_RECOVERY_LEN + 1 bytes) to
 * recovery, for the front end to show once; the earlier code stops working
 * at once. The caller has checked the passphrase (a stolen session alone
 * must not do this). */
DY_WUR int dy_recovery_renew(struct dy_session *s, char recovery[DY_RECOVERY_LEN + 1],
                             struct dy_error *err);

/* Change the space's label (the same rules as at dy_space_create; empty
 * is refused). Either partner may. */
DY_WUR int dy_space_set_label(struct dy_session *s, const char *label, size_t label_len,
                              struct dy_error *err);

/* Put away the notice that a partner left (dy_space_info.left_name). */
DY_WUR int dy_space_dismiss_notice(struct dy_session *s, struct dy_error *err);

/* ------------------------------------------------- a person's own settings
 * My time zone: an IANA name ("Europe/Berlin", "UTC"), in which "today",
 * days, weeks and every schedule of mine are counted. The core has no time
 * zone database: a front end checks a name against the host's (zone.h's
 * zone_valid) before setting it; the core checks only its form (1 to
 * DY_ZONE_MAX bytes of letters, digits, '_', '+', '-', and '/' between
 * them), DY_EINVAL otherwise. Nobody else reads it.
 */

/* My time zone into out, or "" when I chose none: the front end then uses
 * the device's (the browser's, the system's). The one function to ask. */
DY_WUR int dy_zone_get(struct dy_session *s, char out[DY_ZONE_MAX + 1], struct dy_error *err);

/* Set my time zone; zone NULL or empty: none (the device's again). */
DY_WUR int dy_zone_set(struct dy_session *s, const char *zone, size_t len, struct dy_error *err);

/* The device's zone as my default: set only when I have none yet (at
 * sign-up and log-in from a browser). */
DY_WUR int dy_zone_default(struct dy_session *s, const char *zone, size_t len, struct dy_error *err);

/* Whether zone has the form of a time zone's name (see above). */
bool dy_zone_form(const char *zone, size_t len);

/*
 * My colour, from a small palette (web/app.css gives each a light and a
 * dark shade with AA contrast): "teal", "rose", "blue", "amber", "violet",
 * "green". Partners never share one. The first partner starts with teal,
 * one who joins with the first the partner does not have (not with the
 * colour of whoever was there before); each may choose another.
 */
#define DY_HUES 6

/* The name of hue (0 .. DY_HUES - 1), or NULL. */
const char *dy_hue_name(int hue);
/* The hue named name[0..len), or -1 when there is none of that name. */
int dy_hue_parse(const char *name, size_t len);

/* Choose my colour. Not a hue: DY_EINVAL; my partner's: DY_EEXIST (and
 * nothing changes). */
DY_WUR int dy_colour_set(struct dy_session *s, int hue, struct dy_error *err);

/* Delete me and everything I own, including what I shared. The partner keeps
 * their own records; what they had shared with me becomes private again
 * (re-sealed at their next unlock), and their partnership key is replaced.
 * The session stays valid only to be freed. */
DY_WUR int dy_leave(struct dy_session *s, struct dy_error *err);

/* Everything I own, decrypted, as one JSON document. The caller frees *json
 * with free(). */
DY_WUR int dy_export(struct dy_session *s, char **json, size_t *len, struct dy_error *err);

/* The same, as a Markdown document a person reads without any tool: a
 * heading per record (its title, or its first line), when it was written
 * (UTC) and whether it is shared, its fields, and its text as written. At
 * most DY_EXPORT_MAX bytes (else DY_ETOOBIG). The caller frees *text with
 * free(). */
#define DY_EXPORT_MAX ((size_t)1 << 30)
DY_WUR int dy_export_markdown(struct dy_session *s, char **text, size_t *len, struct dy_error *err);

/* Now, by the database's clock (dy_db_set_clock), in seconds since the
 * epoch: for front ends that date what they make from the core's data (an
 * export's file name). */
int64_t dy_db_now(struct dy_db *db);

/* ------------------------------------------------------------ web sessions */

/* Issue a web session token for an unlocked person: a random session id and
 * secret; the database keeps the person's keys wrapped under the secret.
 * Writes DY_TOKEN_LEN + 1 bytes to token. idle_ttl is in seconds. */
DY_WUR int dy_token_issue(struct dy_session *s, int64_t idle_ttl,
                          char token[DY_TOKEN_LEN + 1], struct dy_error *err);

/* Unlock from a token. A forged, revoked or idle-expired token is DY_EAUTH;
 * a valid one has its idle time refreshed (at most once a minute). The
 * caller frees *out with dy_session_free. */
DY_WUR int dy_token_open(struct dy_db *db, const char *token, size_t token_len,
                         struct dy_session **out, struct dy_error *err);

/* Whether the token that session s was opened from (with dy_token_open,
 * in any process) is still good: not revoked, not idle-expired, still this
 * person's. Cheap: one indexed read, no key unwrapping; refreshes the idle
 * time like dy_token_open. For servers that keep opened sessions in memory:
 * the caller must only ask about the very token s was opened from (compare
 * the whole token, in constant time, before). DY_EAUTH when it is not good. */
DY_WUR int dy_token_check(struct dy_session *s, const char *token, size_t token_len,
                          struct dy_error *err);

/* Revoke a token (log out). Unknown tokens are not an error. */
DY_WUR int dy_token_revoke(struct dy_db *db, const char *token, size_t token_len,
                           struct dy_error *err);

/* A value bound to the token for anti-CSRF checks: 43 base64url chars + NUL.
 * The same token always gives the same value; nobody without the token can
 * compute it. */
DY_WUR int dy_token_csrf(const char *token, size_t token_len, char csrf[44], struct dy_error *err);

/* ------------------------------------------------------ transactions */

/* A unit of work: the record operations below run inside it, so a feature
 * writes several records atomically. Transactions nest (a nested one is a
 * SAVEPOINT); every dy_tx_begin is ended by exactly one dy_tx_commit or
 * dy_tx_rollback. dy_tx_begin takes the write lock at once, so a writer
 * waits its turn (up to the busy timeout) instead of failing half-way. A
 * failed commit has rolled back. */
DY_WUR int dy_tx_begin(struct dy_db *db, struct dy_error *err);
DY_WUR int dy_tx_commit(struct dy_db *db, struct dy_error *err);
void dy_tx_rollback(struct dy_db *db);

/* --------------------------------------------------- record kinds, items */

struct json_t;

/*
 * A record kind is described by data: a struct dy_kind names its fields and
 * their limits, whether it has a long text (the body), whether edits keep
 * earlier versions, and which kinds its records may respond to. The generic
 * operations below (create, get, list, edit, share, delete, respond,
 * versions) work for every kind from its descriptor alone: a feature writes
 * no SQL and no crypto code. Descriptors are static data that outlive every
 * call that uses them.
 */
#define DY_KIND_MAX 23           /* bytes of a kind's name */
#define DY_FIELDS_MAX 16         /* fields of one kind */
#define DY_CURSOR_MAX 64         /* bytes of a page cursor, NUL excluded */
#define DY_QUERY_KINDS_MAX 8     /* kinds one query may merge */

enum dy_ftype {
	DY_F_LINE,       /* one line of text: min..max bytes, no control characters */
	DY_F_TEXT,       /* text with line breaks: min..max bytes */
	DY_F_INT,        /* a whole number in min..max */
	DY_F_BOOL,
	DY_F_CHOICE,     /* one of choices[] */
	DY_F_TIME,       /* an instant, seconds since the epoch (UTC), in min..max */
	DY_F_TAGS,       /* an array of min..max distinct lines, each 1..tag_max bytes */
	DY_F_NUMBER,     /* a finite number (whole or not) in min..max */
	DY_F_NUMBERS,    /* an array of min..max finite numbers (the kind's check bounds them) */
};

struct dy_field {
	const char *name;            /* JSON member name */
	enum dy_ftype type;
	bool required;
	int64_t min, max;            /* see dy_ftype */
	const char *const *choices;  /* DY_F_CHOICE: NULL-terminated */
	size_t tag_max;              /* DY_F_TAGS: bytes of one tag */
	/* Further checks after the type's (NULL when none): 0 or a dy_code
	 * with err filled. */
	int (*check)(const struct json_t *value, struct dy_error *err);
};

enum dy_vis { DY_VIS_PRIVATE = 0, DY_VIS_SHARED = 1, DY_VIS_HELD = 2 };

/* Who may respond to a record: its owner (progress notes on my goal), the
 * partner (an acknowledgement of my boundary), or either. */
enum dy_responder { DY_RESPOND_PARTNER = 0, DY_RESPOND_OWNER, DY_RESPOND_EITHER };

struct dy_kind {
	const char *name;            /* stored kind: [a-z_]{1,DY_KIND_MAX} */
	const char *noun;            /* for messages: "entry" -> "No entry 1a2b." */
	const struct dy_field *fields;
	size_t nfields;
	size_t body_max;             /* bytes of the long text; 0: the kind has none */
	bool body_required;
	bool history;                /* edits keep the earlier versions */
	/* Responses: the kinds this kind's records answer (NULL-terminated);
	 * NULL when the kind is not a response. A response is its author's own
	 * record; it is deleted with the record it answers, and a partner's
	 * response goes when its record is made private again. */
	const char *const *responds_to;
	enum dy_responder responder;
	/* Whether a new record is shared unless the caller says otherwise. */
	bool shared_by_default;
};

/* The core's kinds ("journal", ...), by name; NULL when unknown. */
const struct dy_kind *dy_kind_find(const char *name);

/* A record as a front end sees it, decrypted. */
struct dy_item {
	char id[DY_ID_LEN + 1];
	char kind[DY_KIND_MAX + 1];
	char parent_id[DY_ID_LEN + 1];   /* "" when it answers no record */
	char author[DY_NAME_MAX + 1];
	bool mine;
	enum dy_vis vis;
	int64_t reveal_at;               /* DY_VIS_HELD: shown to the partner from then on */
	int version;                     /* 1, 2, ...: edits so far + 1 */
	int64_t created_at;
	int64_t updated_at;
	struct json_t *fields;           /* an object of the kind's fields; owned */
	char *body;                      /* NUL-terminated long text, NULL when none; owned */
	size_t body_len;
};

struct dy_item_list {
	struct dy_item *items;
	size_t count;
	size_t damaged;                  /* records left out: they did not decrypt */
	char next[DY_CURSOR_MAX + 1];    /* the cursor of the next page; "" after the last */
};

void dy_item_release(struct dy_item *it);
void dy_item_list_release(struct dy_item_list *l);

/* Whose records a list holds. */
enum dy_filter {
	DY_FILTER_ALL = 0,   /* mine (private and shared) and my partner's shared */
	DY_FILTER_MINE,      /* mine only, private and shared */
	DY_FILTER_SHARED,    /* shared only, by either of us */
	DY_FILTER_THEIRS,    /* my partner's shared only */
};

/*
 * A list: records of one or more kinds, newest first (by creation; ties in
 * the order they were written), under a filter, in a time range, past a
 * cursor, with field predicates, and through an optional match function
 * that sees each decrypted item (search fills it). A page costs the same wherever it is in
 * the list and however long the list is: it reads from the cursor on, never
 * counts, and never skips an offset. With predicates or a match function,
 * a page reads on until it has limit matches or the list ends.
 */
/* A field predicate, tested on the decrypted fields: EQ (equal JSON
 * values), GE and LE (numbers, or text compared bytewise), HAS (a
 * DY_F_TAGS field holds the value). A missing field never matches. */
enum dy_pred_op { DY_P_EQ = 0, DY_P_GE, DY_P_LE, DY_P_HAS };
struct dy_pred {
	const char *field;
	enum dy_pred_op op;
	const struct json_t *value;
};
#define DY_QUERY_PREDS_MAX 8

struct dy_query {
	const struct dy_kind *kinds[DY_QUERY_KINDS_MAX]; /* at least kinds[0] */
	size_t nkinds;
	enum dy_filter filter;
	int64_t since;                   /* created_at >= since; 0: no bound */
	int64_t until;                   /* created_at < until; 0: no bound */
	const char *parent_id;           /* only responses to this record; NULL: any */
	const char *cursor;              /* a previous page's next; NULL or "": first page */
	size_t limit;                    /* items per page; 0: all that are left */
	struct dy_pred preds[DY_QUERY_PREDS_MAX];  /* all must hold */
	size_t npreds;
	bool (*match)(void *ctx, const struct dy_item *it);
	void *match_ctx;
};

/* Create a record of kind k: fields is an object of the kind's fields
 * (NULL: none), body its long text (NULL: none). parent_id, when not NULL,
 * names the record it responds to (the kind must be a response kind and the
 * parent one I may see and may respond to). Writes the new id. */
DY_WUR int dy_item_create(struct dy_session *s, const struct dy_kind *k, const char *parent_id,
                          const struct json_t *fields, const char *body, size_t body_len,
                          enum dy_vis vis, int64_t reveal_at, char id[DY_ID_LEN + 1],
                          struct dy_error *err);

/* Read one record of kind k that I may see, by whole id or a unique prefix
 * of at least 4 characters. Someone else's private record reads exactly as
 * a missing one: DY_ENOTFOUND, "No <noun> <id>.". The caller releases *out. */
DY_WUR int dy_item_get(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                       struct dy_item *out, struct dy_error *err);

/* A page of records under a query. The caller releases *out. A cursor that
 * is not one of ours is DY_EINVAL. */
DY_WUR int dy_item_list(struct dy_session *s, const struct dy_query *q, struct dy_item_list *out,
                        struct dy_error *err);

/* Change my record: the members of fields replace the stored ones (a JSON
 * null removes an optional one; absent members are kept), and body, when
 * not NULL, replaces the long text. The result is checked as a whole. A
 * partner's record is DY_EPERM ("This <noun> is Sam's; only they can change
 * it."). Kinds with history keep the earlier version. */
DY_WUR int dy_item_edit(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                        const struct json_t *fields, const char *body, size_t body_len,
                        struct dy_error *err);

/* Make my record private, shared, or held until reveal_at. Making it what
 * it is already is not an error. */
DY_WUR int dy_item_set_vis(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                           enum dy_vis vis, int64_t reveal_at, struct dy_error *err);

/* Delete my record, with its versions and the responses to it. */
DY_WUR int dy_item_delete(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                          struct dy_error *err);

/* Respond to the record parent_id (of any kind that response kind rk
 * answers): a record of kind rk, mine, shared with the parent's owner when
 * the parent is shared. Who may respond is rk->responder's rule; anyone
 * else is DY_EPERM. Writes the new id. */
DY_WUR int dy_item_respond(struct dy_session *s, const struct dy_kind *rk, const char *parent_id,
                           size_t parent_len, const struct json_t *fields, const char *body,
                           size_t body_len, char id[DY_ID_LEN + 1], struct dy_error *err);

/* The earlier versions of a record I may see, oldest first (the current one
 * is dy_item_get's). Kinds without history have none. */
DY_WUR int dy_item_versions(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                            struct dy_item_list *out, struct dy_error *err);

/* The one JSON presentation of an item, used by the CLI's --json, the API
 * and export alike: {"id", "kind", "author", "mine", "shared", "visibility",
 * ["reveal_at",] ["parent_id",] "version", "created_at", "updated_at", the
 * kind's fields..., ["text": body]}. Instants are ISO 8601 UTC. NULL when
 * out of memory; the caller decrefs it. */
struct json_t *dy_item_json(const struct dy_item *it);

/* The balance pulse and the balance map (dy_kind_pulse, dy_balance_*,
 * dy_region_*): see balance.h. */
#include "balance.h"

/* Taking questionnaires, their results and sharing them (dy_assess_*):
 * see assess.h. */
#include "assess.h"

/* ---------------------------------------------------------------- journal */

/* The journal: records of kind "journal" with a title and the entry's text
 * as the body, and optionally (all inside the encrypted payload) the prompt
 * it was written from ("prompt": a prompt id, prompts.h), a mood ("mood":
 * DY_MOOD_MIN..DY_MOOD_MAX), feeling words ("feelings": 0..
 * DY_ENTRY_FEELINGS_MAX words of the vocabulary, reaction.h) and tags
 * ("tags": 0..DY_TAGS_MAX, each folded by dy_tag_normalize). */
extern const struct dy_kind dy_kind_journal;

#define DY_MOOD_MIN 1
#define DY_MOOD_MAX 5
#define DY_ENTRY_FEELINGS_MAX 8   /* feeling words on one entry */
#define DY_TAGS_MAX 10            /* tags on one entry */
#define DY_TAG_MAX 40             /* bytes of one tag, folded */

/*
 * A tag as entries keep it: Unicode case-folded (NFKC, as dy_name_fold),
 * white space trimmed at both ends, so "Work", "WORK" and " work" are one
 * tag. tag[0..len) must be UTF-8 of one line; the folded tag 1..DY_TAG_MAX
 * bytes. Writes it and a NUL to out; DY_EINVAL with a message otherwise,
 * out untouched.
 */
DY_WUR int dy_tag_normalize(const char *tag, size_t len, char out[DY_TAG_MAX + 1], size_t *out_len,
                            struct dy_error *err);

struct dy_entry {
	char id[DY_ID_LEN + 1];
	char author[DY_NAME_MAX + 1];
	bool mine;
	bool shared;
	int version;                 /* 1, then one more for each edit */
	int64_t created_at;
	int64_t updated_at;
	char *title;                 /* NUL-terminated, may be "" */
	size_t title_len;
	char *text;                  /* NUL-terminated */
	size_t text_len;
	char *mem;                   /* the one buffer title and text point into; owned
	                                (dy_entry_release wipes and frees it) */
	size_t mem_len;
	char prompt[DY_PROMPT_ID_MAX + 1]; /* the prompt it was written from; "" when none */
	int mood;                    /* DY_MOOD_MIN..DY_MOOD_MAX; 0 when none */
	struct json_t *feelings;     /* an array of words; NULL when none; owned */
	struct json_t *tags;         /* an array of tags; NULL when none; owned */
};

struct dy_entry_list {
	struct dy_entry *items;
	size_t count;
	size_t damaged;              /* entries on this page that could not be
	                                decrypted (a damaged file) and are left out */
	char next[DY_CURSOR_MAX + 1];/* the next page's cursor; "" after the last */
};

/* Add an entry; text must be non-empty. Writes the new id to id. */
DY_WUR int dy_journal_add(struct dy_session *s, const char *title, size_t title_len,
                          const char *text, size_t text_len, bool share,
                          char id[DY_ID_LEN + 1], struct dy_error *err);

/* An entry's extras: a JSON object with any of "prompt", "mood", "feelings"
 * and "tags" (see dy_kind_journal). Tags are normalised here (and a tag
 * given twice kept once); everything else is checked as the kind's
 * fields. A prompt id that does not exist, a mood out of range, a word not
 * in the vocabulary or a tag too long is DY_EINVAL and changes nothing. */
DY_WUR int dy_journal_add_with(struct dy_session *s, const char *title, size_t title_len,
                               const char *text, size_t text_len, bool share,
                               const struct json_t *extras, char id[DY_ID_LEN + 1],
                               struct dy_error *err);

/* Change my entry's extras: members of extras replace the stored ones; a
 * JSON null removes one; absent members are kept. */
DY_WUR int dy_journal_set_extras(struct dy_session *s, const char *id, size_t id_len,
                                 const struct json_t *extras, struct dy_error *err);

/* A page of entries, newest first, from cursor (NULL: the first page);
 * limit 0 means all that are left. The caller frees the list with
 * dy_entry_list_release. */
DY_WUR int dy_journal_list(struct dy_session *s, enum dy_filter filter, const char *cursor,
                           size_t limit, struct dy_entry_list *out, struct dy_error *err);
void dy_entry_list_release(struct dy_entry_list *l);

/* A filtered page of entries: whose (filter), written in [since, until)
 * (0: no bound), with mood equal to mood (0: any) and holding the tag tag
 * (NULL: any; given as people type it, folded here). cursor and limit as
 * for dy_journal_list, which this is when nothing else is set. A mood out
 * of range or a tag that is not one is DY_EINVAL. */
struct dy_journal_query {
	enum dy_filter filter;
	const char *cursor;
	size_t limit;
	int64_t since;
	int64_t until;
	int mood;
	const char *tag;
};
DY_WUR int dy_journal_find(struct dy_session *s, const struct dy_journal_query *jq,
                           struct dy_entry_list *out, struct dy_error *err);

/* Read one entry that I may see. An id that is someone else's private entry
 * is DY_ENOTFOUND, exactly as for an id that does not exist. id may be a
 * unique prefix of at least 4 characters among the entries I can see. The
 * caller releases *out with dy_entry_release. */
DY_WUR int dy_journal_get(struct dy_session *s, const char *id, size_t id_len,
                          struct dy_entry *out, struct dy_error *err);
void dy_entry_release(struct dy_entry *e);

/* Replace title and text of my entry (title NULL keeps the title). The
 * partner's shared entry is DY_EPERM. */
DY_WUR int dy_journal_edit(struct dy_session *s, const char *id, size_t id_len,
                           const char *title, size_t title_len,
                           const char *text, size_t text_len, struct dy_error *err);

/* Delete, share, unshare my entry. Sharing a shared entry is not an error. */
DY_WUR int dy_journal_delete(struct dy_session *s, const char *id, size_t id_len, struct dy_error *err);
DY_WUR int dy_journal_share(struct dy_session *s, const char *id, size_t id_len, bool share,
                            struct dy_error *err);

/*
 * A quiet response to my partner's shared entry: "I read this" (say
 * "read"), "Thank you" ("thanks") or a short note ("note", with note text
 * of 1..DY_RESPONSE_NOTE_MAX bytes, one line or several). A response is a
 * record of kind "journal_response", its author's own, encrypted like
 * everything else and seen by both partners while the entry is shared; it
 * never changes the entry, and goes when the entry is made private or
 * deleted. Only the partner responds: my own entry is DY_EPERM, an entry I
 * cannot see (the partner's private one) DY_ENOTFOUND in the words of a
 * missing one ("No entry <id>.").
 */
extern const struct dy_kind dy_kind_journal_response;
#define DY_RESPONSE_NOTE_MAX 1000

DY_WUR int dy_journal_respond(struct dy_session *s, const char *entry_id, size_t id_len, const char *say,
                              const char *note, size_t note_len, char id[DY_ID_LEN + 1],
                              struct dy_error *err);

/* The responses to an entry I can see, oldest first (items of kind
 * "journal_response": fields "say" and maybe "note"; parent_id the
 * entry's id). The caller releases *out. */
DY_WUR int dy_journal_responses(struct dy_session *s, const char *entry_id, size_t id_len,
                                struct dy_item_list *out, struct dy_error *err);

/* My partner's responses to my entries made at or after since, newest
 * first. The caller releases *out. */
DY_WUR int dy_journal_responses_since(struct dy_session *s, int64_t since, struct dy_item_list *out,
                                      struct dy_error *err);

/* Delete my response. */
DY_WUR int dy_journal_response_delete(struct dy_session *s, const char *id, size_t id_len,
                                      struct dy_error *err);

/* The entry's JSON presentation (dy_item_json's, for the journal kind).
 * NULL when out of memory; the caller decrefs it. */
struct json_t *dy_entry_json(const struct dy_entry *e);

/* Full-text search of the journal (dy_journal_search): see search.h. */
#include "search.h"

/* The practice log and the reactivity log (dy_practice_*, dy_reaction_*,
 * the feeling words): see practice.h and reaction.h. */
#include "practice.h"
#include "reaction.h"

/* Boundaries, needs, goals and interests (dy_boundary_*, dy_goal_*): see
 * self.h. */
#include "self.h"

/* Check-ins: the schedule, its next date and its iCalendar file
 * (dy_checkin_*): see checkin.h. */
#include "checkin.h"
/* Questions for two (dy_question_*): see question.h. */
#include "question.h"

#endif
