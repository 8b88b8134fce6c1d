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
	int color;                   /* 0 or 1: which of the two partner colours */
	int64_t created_at;
	bool me;
};

struct dy_space_info {
	char id[DY_ID_LEN + 1];
	char label[DY_LABEL_MAX + 1];
	int64_t created_at;
	int members;                 /* 1 or 2 */
	struct dy_person_info people[2];
};

/* First run: create the space (label may be NULL for "Our space") and its
 * first partner. A second space in one database is DY_EEXIST. Writes the
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

/* The second partner joins with an invitation code. Unknown code: DY_EAUTH;
 * used or expired: DY_EEXPIRED; full space: DY_EFULL; taken name: DY_EEXIST.
 * Writes the recovery code like dy_space_create. */
DY_WUR int dy_space_join(struct dy_db *db, const char *code, size_t code_len,
                         const char *name, size_t name_len,
                         const char *pass, size_t pass_len,
                         char recovery[DY_RECOVERY_LEN + 1],
                         struct dy_session **out, struct dy_error *err);

/* Unlock a person by name (case-sensitive) and passphrase; name may be NULL
 * when the space has one member. Unknown name or wrong passphrase are the same
 * DY_EAUTH. The caller frees *out with dy_session_free. */
DY_WUR int dy_unlock(struct dy_db *db, const char *name, size_t name_len,
                     const char *pass, size_t pass_len,
                     struct dy_session **out, struct dy_error *err);

void dy_session_free(struct dy_session *s);

/* Names of the people in the space (0, 1 or 2), for "which of you?" prompts. */
DY_WUR int dy_space_people(struct dy_db *db, struct dy_space_info *out, struct dy_error *err);

/* Who the session is, and the space with both partners (me flag set). */
DY_WUR int dy_whoami(struct dy_session *s, struct dy_space_info *out, struct dy_error *err);

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

/* Delete me and everything I own, including what I shared. The partner keeps
 * their own records. The session stays valid only to be freed. */
DY_WUR int dy_leave(struct dy_session *s, struct dy_error *err);

/* Everything I own, decrypted, as one JSON document. The caller frees *json
 * with free(). */
DY_WUR int dy_export(struct dy_session *s, char **json, size_t *len, struct dy_error *err);

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

/* ---------------------------------------------------------------- journal */

enum dy_filter {
	DY_FILTER_ALL = 0,   /* mine (private and shared) and my partner's shared */
	DY_FILTER_MINE,      /* mine only, private and shared */
	DY_FILTER_SHARED,    /* shared only, by either of us */
};

struct dy_entry {
	char id[DY_ID_LEN + 1];
	char author[DY_NAME_MAX + 1];
	bool mine;
	bool shared;
	int64_t created_at;
	int64_t updated_at;
	char *title;                 /* NUL-terminated, may be "" */
	size_t title_len;
	char *text;
	size_t text_len;
};

struct dy_entry_list {
	struct dy_entry *items;
	size_t count;
	size_t total;                /* matching entries before offset/limit */
	size_t damaged;              /* entries on this page that could not be
	                                decrypted (a damaged file) and are left out */
};

/* Add an entry; text must be non-empty. Writes the new id to id. */
DY_WUR int dy_journal_add(struct dy_session *s, const char *title, size_t title_len,
                          const char *text, size_t text_len, bool share,
                          char id[DY_ID_LEN + 1], struct dy_error *err);

/* List entries, newest first; limit 0 means all. The caller frees the list
 * with dy_entry_list_release. */
DY_WUR int dy_journal_list(struct dy_session *s, enum dy_filter filter, size_t offset, size_t limit,
                           struct dy_entry_list *out, struct dy_error *err);
void dy_entry_list_release(struct dy_entry_list *l);

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

#endif
