/*
 * store.c - the SQLite database: opening, migrations, statements.
 *
 * Content written by people is never in a plain column: records hold an
 * encrypted JSON payload (body = nonce || ciphertext || tag). Plain columns
 * carry only what indexing and access checks need: ids, owner, space, kind,
 * visibility, timestamps; and the names that log-ins look up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store_int.h"
#include "util.h"
#include "banned.h"

#define DY_APPLICATION_ID 0x64796164 /* "dyad" */
#define DY_BUSY_TIMEOUT_MS 10000

/*
 * The migrations, in order; migration i takes the schema from version i to
 * i + 1. Never edit one that has shipped: add the next.
 */
static const char *const migrations[] = {
	/* 1: spaces, people, invitations, records with versions, web sessions */
	"CREATE TABLE space ("
	"  id TEXT PRIMARY KEY,"
	"  label TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE TABLE person ("
	"  id TEXT PRIMARY KEY,"
	"  space_id TEXT NOT NULL REFERENCES space(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  color INTEGER NOT NULL CHECK (color IN (0, 1)),"
	"  created_at INTEGER NOT NULL,"
	"  box_pk BLOB NOT NULL,"
	"  kdf_salt BLOB NOT NULL,"
	"  kdf_ops INTEGER NOT NULL,"
	"  kdf_mem INTEGER NOT NULL,"
	"  wrapped BLOB NOT NULL,"          /* person secrets under the passphrase KEK */
	"  rec_salt BLOB NOT NULL,"
	"  rec_ops INTEGER NOT NULL,"
	"  rec_mem INTEGER NOT NULL,"
	"  rec_wrapped BLOB NOT NULL,"      /* the same secrets under the recovery KEK */
	"  space_key_wrapped BLOB NOT NULL," /* the space key under the personal key */
	"  UNIQUE (space_id, name)"
	");"
	"CREATE TABLE invite ("
	"  lookup BLOB PRIMARY KEY,"        /* subkey of the code: finds, proves nothing */
	"  space_id TEXT NOT NULL REFERENCES space(id) ON DELETE CASCADE,"
	"  created_by TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  used_at INTEGER,"
	"  wrapped_space_key BLOB NOT NULL"
	");"
	"CREATE TABLE record ("
	"  id TEXT PRIMARY KEY,"
	"  space_id TEXT NOT NULL REFERENCES space(id) ON DELETE CASCADE,"
	"  owner_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL,"
	"  parent_id TEXT REFERENCES record(id) ON DELETE CASCADE,"
	"  visibility INTEGER NOT NULL CHECK (visibility IN (0, 1, 2)),"
	"  reveal_at INTEGER,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  body BLOB NOT NULL"
	");"
	/* pages in order, newest first (ties in insertion order: the rowid) */
	"CREATE INDEX record_by_kind ON record (space_id, kind, created_at);"
	/* covers the access columns: counting what someone may see never reads
	 * the (large) rows */
	"CREATE INDEX record_access ON record (space_id, kind, visibility, owner_id, reveal_at);"
	"CREATE INDEX record_by_owner ON record (owner_id);"
	"CREATE INDEX record_by_parent ON record (parent_id);"
	"CREATE TABLE record_version ("
	"  record_id TEXT NOT NULL REFERENCES record(id) ON DELETE CASCADE,"
	"  version INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL,"
	"  body BLOB NOT NULL,"
	"  PRIMARY KEY (record_id, version)"
	");"
	"CREATE TABLE web_session ("
	"  lookup BLOB PRIMARY KEY,"
	"  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  created_at INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL,"
	"  idle_ttl INTEGER NOT NULL,"
	"  wrapped BLOB NOT NULL"           /* person + space keys under the session secret */
	");"
	"CREATE INDEX web_session_by_person ON web_session (person_id);",
	/* 2: pages go by cursor on record_by_kind and never count, so the
	 * covering index for counting only slowed every write */
	"DROP INDEX record_access;",
	/* 3: a kept version says whether the partner saw it (it was written
	 * while the record was shared): versions kept while private stay under
	 * the owner's key when the record is shared */
	("ALTER TABLE record_version ADD COLUMN seen INTEGER NOT NULL DEFAULT 0;"
	 " UPDATE record_version SET seen = (SELECT r.visibility <> 0 FROM record r WHERE r.id = record_id);"),
	/* 4: partnerships (key epochs), sealed holds, and bodies bound to their
	 * version, visibility, parent and partnership. The space counts its
	 * partnerships (epoch) and says who left last; each member keeps the
	 * key of the current partnership (and, until their next unlock, of
	 * ended ones) in member_key; a record and a kept version say the
	 * partnership and form (1: as schema 1-3 sealed it, 2: today's) of
	 * their body. What was written before is epoch 1, form 1, and is sealed
	 * again at its owner's next unlock (person.form = 1 until then). Spare
	 * invitations carried the old key without a partnership: they go. */
	("ALTER TABLE space ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1;"
	 " ALTER TABLE space ADD COLUMN left_name TEXT;"
	 " ALTER TABLE space ADD COLUMN left_at INTEGER;"
	 " CREATE TABLE member_key ("
	 "  person_id TEXT NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	 "  epoch INTEGER NOT NULL,"
	 "  form INTEGER NOT NULL,"          /* 1: dyad-space-v1 associated data, 2: dyad-space-v2 */
	 "  wrapped BLOB NOT NULL,"          /* the partnership's key under the person's key */
	 "  PRIMARY KEY (person_id, epoch)"
	 " );"
	 " INSERT INTO member_key (person_id, epoch, form, wrapped) SELECT id, 1, 1, space_key_wrapped FROM person;"
	 " ALTER TABLE person DROP COLUMN space_key_wrapped;"
	 " ALTER TABLE person ADD COLUMN form INTEGER NOT NULL DEFAULT 1;"
	 " ALTER TABLE record ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE record ADD COLUMN form INTEGER NOT NULL DEFAULT 1;"
	 " UPDATE record SET epoch = 1 WHERE visibility <> 0;"
	 " ALTER TABLE record_version ADD COLUMN visibility INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE record_version ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE record_version ADD COLUMN form INTEGER NOT NULL DEFAULT 1;"
	 " UPDATE record_version SET epoch = 1, visibility ="
	 "  (SELECT r.visibility FROM record r WHERE r.id = record_id) WHERE seen <> 0;"
	 /* held records whose time has come, found at each unlock without a scan */
	 " CREATE INDEX record_held ON record (owner_id, reveal_at) WHERE visibility = 2;"
	 " DELETE FROM invite;"
	 " ALTER TABLE invite ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE invite ADD COLUMN creator_key BLOB;"),
	/* 5: a person's own settings. zone: their time zone, an IANA name
	 * (NULL: none chosen; a front end then uses the device's); plain, as
	 * docs/STORAGE.md says why. hue: their colour, an index into the
	 * palette (dyad.h DY_HUES); as before, the first partner's is the
	 * palette's first and the second's its second. */
	("ALTER TABLE person ADD COLUMN zone TEXT;"
	 " ALTER TABLE person ADD COLUMN hue INTEGER NOT NULL DEFAULT 0;"
	 " UPDATE person SET hue = color;"),
	/* 6: the couple's check-in schedule (checkin.h), a setting of the
	 * space, plain like a zone (docs/STORAGE.md): checkin_freq 0 none, 1
	 * weekly, 2 every other week, 3 monthly; the weekday (0 Monday), the
	 * week of the month (1-4, 5 the last; monthly only), the local minute
	 * of the day, the day number of one occurrence (every other week) and
	 * the IANA zone it is kept in. */
	("ALTER TABLE space ADD COLUMN checkin_freq INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE space ADD COLUMN checkin_weekday INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE space ADD COLUMN checkin_week INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE space ADD COLUMN checkin_minute INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE space ADD COLUMN checkin_anchor INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE space ADD COLUMN checkin_zone TEXT;"),
	/* 7: more of a person's own settings, plain like a zone
	 * (docs/STORAGE.md): their pulse day (0 Monday .. 6 Sunday), when
	 * they last moved it and whether the week then in progress had its
	 * pulse (balance.h), and the months between suggested takings of
	 * the differentiation check (assess.h). */
	("ALTER TABLE person ADD COLUMN pulse_day INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE person ADD COLUMN pulse_moved_at INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE person ADD COLUMN pulse_moved_given INTEGER NOT NULL DEFAULT 0;"
	 " ALTER TABLE person ADD COLUMN check_every INTEGER NOT NULL DEFAULT 3;"),
	/* 8: a kept version has associated data of its own (dyad-kept-v1,
	 * record_version.form 3), so that a kept body never opens as the live
	 * one nor the live one as kept. Those kept before (form 1 or 2, sealed
	 * as the live row was) are sealed again at their owner's next unlock,
	 * which then sets person.form to 3. Nothing in the file changes here:
	 * the number keeps an older dyad, which would take the new kept
	 * versions for damaged ones, from opening it. */
	"/* kept versions: dyad-kept-v1 */",
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

/*
 * Every statement of dyad, chosen by number. Visibility: 0 private (owner's
 * personal key), 1 shared (space key), 2 held back (space key, hidden from
 * the partner until reveal_at). "?me" is the person asking.
 */
/* The columns of a record row, in the order rec_read reads them. No
 * owner's name: the caller knows the two people, and a join per row was a
 * good part of a long list. */
#define REC_COLUMNS \
	"SELECT r.id, r.owner_id, r.kind, r.parent_id, r.visibility, r.reveal_at," \
	" r.version, r.created_at, r.updated_at, r.body, r.rowid, r.epoch, r.form" \
	" FROM record r"

/* Who may see a record, written once: ?3 is the person asking, ?12 the
 * partnership whose key they hold. The owner always; the partner once it
 * is shared in that partnership. A held record is its owner's alone until
 * it is revealed (sealed under their key until then). */
#define OPEN_TO_BOTH "(r.visibility = 1 AND r.epoch = ?12)"
#define SEES "(r.owner_id = ?3 OR " OPEN_TO_BOTH ")"
/* enum dy_filter in ?6: 0 all I see, 1 mine, 2 shared by either, 3 theirs */
#define WHOSE "((?6 = 0 AND " SEES ") OR (?6 = 1 AND r.owner_id = ?3)" \
	" OR (?6 = 2 AND (r.visibility = 1 AND (r.owner_id = ?3 OR r.epoch = ?12)))" \
	" OR (?6 = 3 AND r.owner_id <> ?3 AND " OPEN_TO_BOTH "))"

static const char *const stmt_sql[S__COUNT] = {
	/* prepared once like the rest: a request's read snapshot is two of
	 * these, which sqlite3_exec would parse again every time */
	[S_TX_BEGIN_READ] = "BEGIN DEFERRED",
	[S_TX_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[S_TX_COMMIT] = "COMMIT",
	[S_TX_ROLLBACK] = "ROLLBACK",
	/* the first space made (there is only ever one), by the smallest
	 * created_at, found without a sort: ORDER BY built a temporary b-tree
	 * at every call, and this runs at every read (for the partnership) */
	[S_SPACE_GET] = "SELECT id, label, created_at, epoch, left_name, left_at FROM space"
	                " WHERE created_at = (SELECT min(created_at) FROM space) LIMIT 1",
	[S_SPACE_SET_LABEL] = "UPDATE space SET label = ?2 WHERE id = ?1",
	/* a partner left: the partnership ends, and the one who stays is told */
	[S_SPACE_END] = "UPDATE space SET epoch = epoch + 1, left_name = ?2, left_at = ?3 WHERE id = ?1",
	/* a partner joined: the next partnership, guarded by the one the
	 * invitation was made in */
	[S_SPACE_NEXT] = "UPDATE space SET epoch = ?2, left_name = NULL, left_at = NULL WHERE id = ?1"
	                 " AND epoch = ?2 - 1",
	[S_SPACE_CLEAR_NOTICE] = "UPDATE space SET left_name = NULL, left_at = NULL WHERE id = ?1",
	[S_KEY_LIST] = "SELECT epoch, form, wrapped FROM member_key WHERE person_id = ?1 ORDER BY epoch",
	[S_KEY_PUT] = "INSERT OR REPLACE INTO member_key (person_id, epoch, form, wrapped) VALUES (?1, ?2, 2, ?3)",
	[S_KEY_FORGET_OTHERS] = "DELETE FROM member_key WHERE person_id = ?1 AND epoch <> ?2",
	[S_SPACE_INSERT] = "INSERT INTO space (id, label, created_at) VALUES (?1, ?2, ?3)",
	[S_SPACE_DELETE] = "DELETE FROM space WHERE id = ?1"
	                   " AND NOT EXISTS (SELECT 1 FROM person WHERE space_id = ?1)",
	[S_PERSON_LIST] = "SELECT id, name, color, created_at, hue FROM person WHERE space_id = ?1"
	                  " ORDER BY color",
	[S_PERSON_BY_ID] = "SELECT id, space_id, name, color, created_at, box_pk, kdf_salt, kdf_ops,"
	                   " kdf_mem, wrapped, rec_salt, rec_ops, rec_mem, rec_wrapped, form"
	                   " FROM person WHERE id = ?1",
	[S_PERSON_INSERT] = "INSERT INTO person (id, space_id, name, color, created_at, box_pk, kdf_salt,"
	                    " kdf_ops, kdf_mem, wrapped, rec_salt, rec_ops, rec_mem, rec_wrapped,"
	                    " form) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	                    " ?12, ?13, ?14, 3)",
	/* everything of theirs in today's form (record.h's enum person_form) */
	[S_PERSON_SET_FORM] = "UPDATE person SET form = 3 WHERE id = ?1",
	[S_PERSON_SET_PASS] = "UPDATE person SET kdf_salt = ?2, kdf_ops = ?3, kdf_mem = ?4, wrapped = ?5"
	                      " WHERE id = ?1",
	[S_PERSON_SET_REC] = "UPDATE person SET rec_salt = ?2, rec_ops = ?3, rec_mem = ?4, rec_wrapped = ?5"
	                     " WHERE id = ?1",
	[S_PERSON_DELETE] = "DELETE FROM person WHERE id = ?1",
	[S_SPACE_CHECKIN] = "SELECT checkin_freq, checkin_weekday, checkin_week, checkin_minute, checkin_anchor,"
	                    " checkin_zone FROM space WHERE id = ?1",
	[S_SPACE_SET_CHECKIN] = "UPDATE space SET checkin_freq = ?2, checkin_weekday = ?3, checkin_week = ?4,"
	                        " checkin_minute = ?5, checkin_anchor = ?6, checkin_zone = ?7 WHERE id = ?1",
	[S_PERSON_ZONE] = "SELECT zone FROM person WHERE id = ?1",
	[S_PERSON_SET_HUE] = "UPDATE person SET hue = ?2 WHERE id = ?1",
	[S_PERSON_SET_ZONE] = "UPDATE person SET zone = ?2 WHERE id = ?1",
	[S_PERSON_ZONE_DEFAULT] = "UPDATE person SET zone = ?2 WHERE id = ?1 AND zone IS NULL",
	[S_PERSON_PREFS] = "SELECT pulse_day, pulse_moved_at, pulse_moved_given, check_every FROM person WHERE id = ?1",
	[S_PERSON_SET_PULSE_DAY] = "UPDATE person SET pulse_day = ?2, pulse_moved_at = ?3, pulse_moved_given = ?4"
	                           " WHERE id = ?1",
	[S_PERSON_SET_CHECK_EVERY] = "UPDATE person SET check_every = ?2 WHERE id = ?1",
	[S_INVITE_INSERT] = "INSERT INTO invite (lookup, space_id, created_by, created_at, expires_at,"
	                    " wrapped_space_key, epoch, creator_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_INVITE_GET] = "SELECT space_id, expires_at, used_at, wrapped_space_key, epoch, creator_key, created_by"
	                 " FROM invite WHERE lookup = ?1",
	/* a used invitation keeps its row (to say "already used") but not the keys */
	[S_INVITE_USE] = "UPDATE invite SET used_at = ?2, wrapped_space_key = x'', creator_key = NULL"
	                 " WHERE lookup = ?1 AND used_at IS NULL",
	[S_INVITE_PURGE] = "DELETE FROM invite WHERE expires_at < ?1 - 30 * 86400",
	/* an expired invitation keeps its row (to say "expired") but not the key */
	[S_INVITE_EXPIRE] = "UPDATE invite SET wrapped_space_key = x'', creator_key = NULL WHERE expires_at <= ?1"
	                    " AND length(wrapped_space_key) > 0",
	[S_INVITE_DELETE_SPACE] = "DELETE FROM invite WHERE space_id = ?1",
	[S_INVITE_DELETE_OTHERS] = "DELETE FROM invite WHERE space_id = ?1 AND lookup <> ?2",
	[S_RECORD_INSERT] = "INSERT INTO record (id, space_id, owner_id, kind, parent_id, visibility,"
	                    " reveal_at, version, created_at, updated_at, body, epoch, form)"
	                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8, ?9, ?10, 2)",
	/* ?1..?2 the id range of a prefix (an index range on the primary key),
	 * ?3 me, ?4 now, ?5 kind */
	[S_RECORD_FIND] = REC_COLUMNS " WHERE r.id >= ?1 AND r.id < ?2 AND (?5 IS NULL OR r.kind = ?5)"
	                  " AND " SEES
	                  " ORDER BY r.id LIMIT 2",
	/* only a record the asker may see: a cursor must not tell whether a
	 * private record exists (?3 me, ?4 now) */
	[S_RECORD_SEQ] = "SELECT r.rowid FROM record r WHERE r.id = ?1 AND " SEES,
	/* both guarded by the version and visibility the caller read: a record
	 * changed meanwhile is never written under the wrong key or stale text */
	[S_RECORD_UPDATE] = "UPDATE record SET body = ?2, version = version + 1, updated_at = ?3, form = 2"
	                    " WHERE id = ?1 AND version = ?4 AND visibility = ?5",
	[S_RECORD_SET_VIS] = "UPDATE record SET visibility = ?2, reveal_at = ?3, body = ?4, epoch = ?7, form = 2"
	                     " WHERE id = ?1 AND version = ?5 AND visibility = ?6",
	/* my held records whose time has come (the partial index record_held) */
	[S_RECORD_HAS_DUE] = "SELECT 1 FROM record WHERE owner_id = ?1 AND visibility = 2 AND reveal_at <= ?2 LIMIT 1",
	[S_RECORD_DUE] = REC_COLUMNS " WHERE r.owner_id = ?1 AND r.visibility = 2 AND r.reveal_at <= ?2",
	[S_RECORD_PEEK] = "SELECT visibility, created_at FROM record"
	                  " WHERE id = ?1 AND owner_id = ?2 AND kind = ?3 AND space_id = ?4",
	[S_RECORD_HASTEN] = "UPDATE record SET reveal_at = ?4"
	                    " WHERE id = ?1 AND owner_id = ?2 AND kind = ?3 AND visibility = 2 AND reveal_at > ?4",
	[S_RECORD_DELETE] = "DELETE FROM record WHERE id = ?1",
	[S_RECORD_DROP_ANSWERS] = "DELETE FROM record WHERE parent_id = ?1 AND owner_id <> ?2",
	[S_RECORD_ANSWERS] = REC_COLUMNS " WHERE r.parent_id = ?1 AND r.owner_id = ?2",
	/* a keyset page: ?1 space, ?5 kind, ?3 me, ?4 now, ?6 filter, ?7 since,
	 * ?8/?9 before (created_at, rowid), ?10 parent or NULL, ?11 limit. Two
	 * ranges of the index record_by_kind (space_id, kind, created_at, rowid)
	 * merged in order: the rest of the cursor's second (rowid below the
	 * cursor's), then the seconds before it. One range with "created_at <=
	 * ?8 AND (created_at < ?8 OR rowid < ?9)" would read a whole run of
	 * records made in one second from its newest each time (an import). A
	 * page reads from the cursor on and stops at the limit. Columns 8 and 11
	 * are created_at and rowid. */
	[S_RECORD_PAGE] = REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5"
	                  " AND r.created_at = ?8 AND r.rowid < ?9 AND ?8 >= ?7"
	                  " AND " WHOSE " AND (?10 IS NULL OR r.parent_id = ?10)"
	                  " UNION ALL "
	                  REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5"
	                  " AND r.created_at >= ?7 AND r.created_at < ?8"
	                  " AND " WHOSE " AND (?10 IS NULL OR r.parent_id = ?10)"
	                  " ORDER BY 8 DESC, 11 DESC LIMIT ?11",
	/* the same for store_rec_page, which steps to the end before it
	 * returns: a list inside a walk of S_RECORD_PAGE does not reset it */
	[S_RECORD_PAGE_COPY] = REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5"
	                  " AND r.created_at = ?8 AND r.rowid < ?9 AND ?8 >= ?7"
	                  " AND " WHOSE " AND (?10 IS NULL OR r.parent_id = ?10)"
	                  " UNION ALL "
	                  REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5"
	                  " AND r.created_at >= ?7 AND r.created_at < ?8"
	                  " AND " WHOSE " AND (?10 IS NULL OR r.parent_id = ?10)"
	                  " ORDER BY 8 DESC, 11 DESC LIMIT ?11",
	/* the rest of a list at once, oldest first, with the same parameters:
	 * one range of record_by_kind up to the cursor (?8, ?9) in the order of
	 * the index, whose rows are mostly in the table's own order, so each
	 * row is reached by stepping from the one before instead of by a
	 * search from the root of the table */
	[S_RECORD_ALL] = REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5"
	                 " AND r.created_at >= ?7 AND r.created_at <= ?8 AND (r.created_at < ?8 OR r.rowid < ?9)"
	                 " AND " WHOSE " AND (?10 IS NULL OR r.parent_id = ?10)"
	                 " ORDER BY r.created_at, r.rowid LIMIT ?11",
	/* S_RECORD_ALL as the commonest list of all binds it (all I see, no
	 * cursor, no parent, no limit: ?6 = 0, ?8 = ?9 = INT64_MAX, ?10 NULL,
	 * ?11 -1), written for those values: the same rows in the same order,
	 * with only SEES left to test on each row (about a tenth of the SQL's
	 * time of a list of all 10,000) */
	[S_RECORD_ALL_SEEN] = REC_COLUMNS " WHERE r.space_id = ?1 AND r.kind = ?5 AND r.created_at >= ?7"
	                      " AND " SEES " ORDER BY r.created_at, r.rowid",
	/* S_RECORD_ALL for one parent's records (?10 not NULL): a check-in's
	 * marks, an item's turns, a goal's notes, an entry's responses. By the
	 * index record_by_parent, whatever the kind holds besides ("+" keeps
	 * the planner off record_by_kind, whose range is the whole kind); the
	 * few rows are then sorted. Same parameters, rows and order. */
	[S_RECORD_CHILDREN] = REC_COLUMNS " WHERE r.parent_id = ?10 AND +r.space_id = ?1 AND +r.kind = ?5"
	                      " AND r.created_at >= ?7 AND r.created_at <= ?8 AND (r.created_at < ?8 OR r.rowid < ?9)"
	                      " AND " WHOSE " ORDER BY r.created_at, r.rowid LIMIT ?11",
	/* S_RECORD_PAGE (and its copy) for one parent's records, by
	 * record_by_parent in the same way: the same rows in the same order */
#define CHILD_PAGE REC_COLUMNS " WHERE r.parent_id = ?10 AND +r.space_id = ?1 AND +r.kind = ?5" \
	" AND ((r.created_at = ?8 AND r.rowid < ?9 AND ?8 >= ?7) OR (r.created_at >= ?7 AND r.created_at < ?8))" \
	" AND " WHOSE " ORDER BY 8 DESC, 11 DESC LIMIT ?11"
	[S_RECORD_CHILD_PAGE] = CHILD_PAGE,
	[S_RECORD_CHILD_PAGE_COPY] = CHILD_PAGE,
#undef CHILD_PAGE
	[S_RECORD_OWNED] = REC_COLUMNS " WHERE r.owner_id = ?1 ORDER BY r.created_at, r.rowid",
	/* my records with a version kept before kept versions had associated
	 * data of their own (form 1 or 2), sealed again at my next unlock */
	[S_RECORD_OLD_KEPT] = REC_COLUMNS " WHERE r.owner_id = ?1 AND EXISTS (SELECT 1 FROM record_version v"
	                      " WHERE v.record_id = r.id AND v.form <> 3) ORDER BY r.created_at, r.rowid",
	/* the body is sealed by the caller as kept (form 3) */
	[S_VERSION_INSERT] = "INSERT INTO record_version (record_id, version, updated_at, body, seen, visibility,"
	                     " epoch, form) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 3)",
	[S_VERSION_LIST] = "SELECT version, updated_at, body, seen, visibility, epoch, form FROM record_version"
	                   " WHERE record_id = ?1 ORDER BY version",
	[S_VERSION_SET_BODY] = "UPDATE record_version SET body = ?3, visibility = ?4, epoch = ?5, form = 3"
	                       " WHERE record_id = ?1 AND version = ?2",
	[S_VERSION_DELETE] = "DELETE FROM record_version WHERE record_id = ?1 AND version = ?2",
	[S_TOKEN_INSERT] = "INSERT INTO web_session (lookup, person_id, created_at, last_seen, idle_ttl,"
	                   " wrapped) VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
	[S_TOKEN_GET] = "SELECT person_id, last_seen, idle_ttl, wrapped FROM web_session WHERE lookup = ?1",
	[S_TOKEN_TOUCH] = "UPDATE web_session SET last_seen = ?2 WHERE lookup = ?1",
	[S_TOKEN_DELETE] = "DELETE FROM web_session WHERE lookup = ?1",
	[S_TOKEN_DELETE_PERSON] = "DELETE FROM web_session WHERE person_id = ?1",
	[S_TOKEN_PURGE] = "DELETE FROM web_session WHERE last_seen + idle_ttl < ?1",
};

int
dy_schema_version(void)
{
	return SCHEMA_VERSION;
}

int
store_fail(struct dy_db *db, int rc, struct dy_error *err)
{
	const char *m = db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return dy_fail(err, DY_EBUSY, "The database is busy; try again in a moment.");
	case SQLITE_READONLY:
		return dy_fail(err, DY_EREADONLY, "The database cannot be written (read-only file or folder).");
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return dy_fail(err, DY_EREADONLY, "The database cannot be opened for writing (%s).", m);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return dy_fail(err, DY_ECORRUPT, "The database file is damaged or not a dyad database.");
	case SQLITE_NOMEM:
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	case SQLITE_FULL:
		return dy_fail(err, DY_EIO, "The disk is full.");
	case SQLITE_TOOBIG:
		return dy_fail(err, DY_ETOOBIG, "Too big for the database.");
	default:
		return dy_fail(err, DY_EIO, "Database error: %s.", m);
	}
}

sqlite3_stmt *
store_stmt(struct dy_db *db, enum stmt id, struct dy_error *err)
{
	sqlite3_stmt *st = db->stmt[id];
	int rc;

	if (st == NULL) {
		rc = sqlite3_prepare_v3(db->h, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
		if (rc != SQLITE_OK) {
			store_fail(db, rc, err);
			return NULL;
		}
		db->stmt[id] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
store_exec(struct dy_db *db, sqlite3_stmt *st, struct dy_error *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	return 0;
}

int
store_exec_text(struct dy_db *db, enum stmt id, const char *text, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, id, err);

	if (st == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, text, strlen(text));
	return store_exec(db, st, err);
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text64(st, i, s, len, SQLITE_STATIC, SQLITE_UTF8);
}

void
store_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t len)
{
	sqlite3_bind_blob64(st, i, p, len, SQLITE_STATIC);
}

static int
exec_sql(struct dy_db *db, const char *sql, struct dy_error *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : store_fail(db, rc, err);
}

/* Run one of the table's statements that return no rows. */
static int
exec_stmt(struct dy_db *db, enum stmt id, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, id, err);

	return st == NULL ? (err ? err->code : DY_EIO) : store_exec(db, st, err);
}

/* Open one more level: BEGIN (IMMEDIATE for writes) at the outside, a
 * savepoint named for its depth inside. */
static int
tx_open(struct dy_db *db, bool write, struct dy_error *err)
{
	char sql[32];
	int rc;

	if (db->tx_depth == 0) {
		rc = exec_stmt(db, write ? S_TX_BEGIN_WRITE : S_TX_BEGIN_READ, err);
		if (rc == 0)
			db->tx_write = write;
	} else if (write && !db->tx_write) {
		/* a savepoint inside a read snapshot cannot take the write lock
		 * first: its write could fail half-way (SQLITE_BUSY_SNAPSHOT) */
		return dy_fail(err, DY_EBUSY, "Internal error: a write inside a read; nothing was saved.");
	} else {
		snprintf(sql, sizeof(sql), "SAVEPOINT dy%d", db->tx_depth);
		rc = exec_sql(db, sql, err);
	}
	if (rc == 0)
		db->tx_depth++;
	return rc;
}

int
store_begin(struct dy_db *db, struct dy_error *err)
{
	return tx_open(db, true, err);
}

int
store_begin_read(struct dy_db *db, struct dy_error *err)
{
	return tx_open(db, false, err);
}

int
store_commit(struct dy_db *db, struct dy_error *err)
{
	char sql[32];
	int rc;

	if (db->tx_depth <= 0)
		return dy_fail(err, DY_EIO, "Database error: no transaction to commit.");
	if (db->tx_depth == 1) {
		rc = exec_stmt(db, S_TX_COMMIT, err);
	} else {
		snprintf(sql, sizeof(sql), "RELEASE dy%d", db->tx_depth - 1);
		rc = exec_sql(db, sql, err);
	}
	if (rc != 0) {
		store_rollback(db);
		return rc;
	}
	db->tx_depth--;
	return 0;
}

void
store_rollback(struct dy_db *db)
{
	char sql[64];

	if (db->tx_depth <= 0)
		return;
	if (db->tx_depth > 1 && !sqlite3_get_autocommit(db->h)) {
		/* undo this level's work, then leave the savepoint */
		snprintf(sql, sizeof(sql), "ROLLBACK TO dy%d; RELEASE dy%d", db->tx_depth - 1, db->tx_depth - 1);
		if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK) {
			db->tx_depth--;
			return;
		}
		/* the level's work could not be undone alone: undo all of it,
		 * so that an outer commit cannot save half of it (it will fail:
		 * no level is open any more) */
	}
	if (!sqlite3_get_autocommit(db->h) && exec_stmt(db, S_TX_ROLLBACK, NULL) != 0)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	/* whatever happened, SQLite has no transaction open now, or the
	 * handle is unusable and every later statement reports it */
	db->tx_depth = 0;
	db->tx_write = false;
}

int
dy_tx_begin(struct dy_db *db, struct dy_error *err)
{
	return store_begin(db, err);
}

int
dy_tx_commit(struct dy_db *db, struct dy_error *err)
{
	return store_commit(db, err);
}

void
dy_tx_rollback(struct dy_db *db)
{
	store_rollback(db);
}

int
store_changes(struct dy_db *db)
{
	return sqlite3_changes(db->h);
}

int64_t
store_now(struct dy_db *db)
{
	if (db->clock != NULL)
		return db->clock(db->clock_ctx);
	return (int64_t)time(NULL);
}

int64_t
dy_db_now(struct dy_db *db)
{
	return store_now(db);
}

void
dy_db_set_clock(struct dy_db *db, dy_clock_fn fn, void *ctx)
{
	db->clock = fn;
	db->clock_ctx = ctx;
}

void
dy_db_set_parallel(struct dy_db *db, const struct dy_parallel *p)
{
	if (p != NULL && p->begin != NULL && p->wait != NULL)
		db->parallel = *p;
	else
		memset(&db->parallel, 0, sizeof(db->parallel));
}

void *
store_parallel_begin(struct dy_db *db, size_t n, dy_job_fn job, void *arg)
{
	if (n == 0)
		return NULL;
	if (db->parallel.begin != NULL)
		return db->parallel.begin(db->parallel.ctx, n, job, arg);
	for (size_t i = 0; i < n; i++)
		job(arg, i);
	return NULL;
}

void
store_parallel_wait(struct dy_db *db, void *call)
{
	if (call != NULL)
		db->parallel.wait(db->parallel.ctx, call);
}

int
dy_db_set_kdf(struct dy_db *db, uint64_t opslimit, size_t memlimit, struct dy_error *err)
{
	if (opslimit < crypto_pwhash_OPSLIMIT_INTERACTIVE || memlimit < crypto_pwhash_MEMLIMIT_INTERACTIVE ||
	    opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
		return dy_fail(err, DY_EINVAL, "Key derivation cost out of range.");
	db->kdf_ops = opslimit;
	db->kdf_mem = memlimit;
	return 0;
}

static int
pragma_int(struct dy_db *db, const char *sql, int *out, struct dy_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? 0 : store_fail(db, rc, err);
}

/*
 * Bring the schema up to date, in one transaction: a second process opening
 * a new database at the same moment waits, then finds the work done.
 */
static int
migrate(struct dy_db *db, bool readonly, struct dy_error *err)
{
	int version = 0, appid = 0, rc;
	char sql[96];

	if ((rc = pragma_int(db, "PRAGMA user_version", &version, err)) != 0)
		return rc;
	if ((rc = pragma_int(db, "PRAGMA application_id", &appid, err)) != 0)
		return rc;
	if (appid != DY_APPLICATION_ID && (appid != 0 || version != 0))
		return dy_fail(err, DY_ECORRUPT, "This file is not a dyad database.");
	if (version > SCHEMA_VERSION)
		return dy_fail(err, DY_EVERSION,
		               "This database was written by a newer dyad (schema %d; this dyad knows up to %d). "
		               "Upgrade dyad to open it.", version, SCHEMA_VERSION);
	if (version == SCHEMA_VERSION)
		return 0;
	if (readonly)
		return dy_fail(err, DY_EVERSION, "The database needs an upgrade, which a read-only open cannot do.");

	if ((rc = store_begin(db, err)) != 0)
		return rc;
	if ((rc = pragma_int(db, "PRAGMA user_version", &version, err)) != 0)
		goto out;
	if (version == 0) {
		/* a brand-new file must be empty: never adopt someone else's tables */
		int tables = 0;
		if ((rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables, err)) != 0)
			goto out;
		if (tables != 0) {
			rc = dy_fail(err, DY_ECORRUPT, "This file is not a dyad database.");
			goto out;
		}
	}
	for (; version < SCHEMA_VERSION; version++) {
		if ((rc = exec_sql(db, migrations[version], err)) != 0)
			goto out;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d;",
	         SCHEMA_VERSION, DY_APPLICATION_ID);
	if ((rc = exec_sql(db, sql, err)) != 0)
		goto out;
	return store_commit(db, err);
out:
	store_rollback(db);
	return rc;
}

/*
 * The core opens files only through SQLite (docs/STORAGE.md, "The platform
 * seam"): SQLite creates a missing file only under DY_OPEN_CREATE, and a
 * file it cannot open is told apart from a missing one by asking SQLite's
 * own file layer, so that a browser build asks the browser's storage.
 */
static bool
vfs_exists(const char *path)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	int exists = 1;

	if (vfs == NULL || vfs->xAccess == NULL ||
	    vfs->xAccess(vfs, path, SQLITE_ACCESS_EXISTS, &exists) != SQLITE_OK)
		return true;   /* cannot tell: say what SQLite said instead */
	return exists != 0;
}

int
dy_db_open(const char *path, int flags, struct dy_db **out, struct dy_error *err)
{
	return dy_db_open_clock(path, flags, NULL, NULL, out, err);
}

int
dy_db_open_clock(const char *path, int flags, dy_clock_fn fn, void *ctx, struct dy_db **out,
                 struct dy_error *err)
{
	struct dy_db *db = NULL;
	bool ro = (flags & DY_OPEN_READONLY) != 0;
	bool create = (flags & DY_OPEN_CREATE) != 0 && !ro;
	int oflags, rc, wal_ok = 0;

	if (path == NULL || *path == '\0')
		return dy_fail(err, DY_EINVAL, "No database path given.");
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	db->kdf_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	db->kdf_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	db->clock = fn;
	db->clock_ctx = ctx;

	oflags = (ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX |
	         SQLITE_OPEN_EXRESCODE | (create ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_CANTOPEN && !create && !vfs_exists(path))
			rc = dy_fail(err, DY_ENOTFOUND, "There is no dyad database at %s.", path);
		else
			rc = store_fail(db, rc, err);
		goto fail;
	}
	sqlite3_busy_timeout(db->h, DY_BUSY_TIMEOUT_MS);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	sqlite3_limit(db->h, SQLITE_LIMIT_LENGTH, 8 * 1024 * 1024);

	/* the first read tells a damaged or foreign file apart */
	if ((rc = migrate(db, ro, err)) != 0)
		goto fail;
	if (!ro) {
		char mode[16] = "";
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *m = sqlite3_column_text(st, 0);
			if (m != NULL)
				dy_strlcpy(mode, (const char *)m, sizeof(mode));
			wal_ok = strcmp(mode, "wal") == 0;
		}
		rc = sqlite3_finalize(st);
		if (!wal_ok) {
			rc = rc != SQLITE_OK ? store_fail(db, rc, err)
			     : dy_fail(err, DY_EREADONLY, "Cannot use the database's write-ahead log (is the folder writable?).");
			goto fail;
		}
	}
	/* FULL: a commit is on disk before we say it is saved, even on power
	 * loss; secure_delete: what is deleted is overwritten, not left in free
	 * pages (set here, not left to how SQLite was built) */
	if ((rc = exec_sql(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA mmap_size = 268435456;"
	                       " PRAGMA secure_delete = ON;", err)) != 0)
		goto fail;
	/* an invitation past its time (by the clock given) keeps no copy of the
	 * space key (a busy database leaves it to the next open, or to the next
	 * invitation) */
	if (!ro) {
		sqlite3_stmt *st = store_stmt(db, S_INVITE_EXPIRE, err);

		if (st == NULL) {
			rc = err ? err->code : DY_EIO;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, store_now(db));
		if ((rc = store_exec(db, st, err)) != 0 && rc != DY_EBUSY)
			goto fail;
		rc = 0;
	}
	*out = db;
	return 0;
fail:
	dy_db_close(db);
	return rc;
}

void
dy_db_close(struct dy_db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < S__COUNT; i++)
		sqlite3_finalize(db->stmt[i]);
	sqlite3_close(db->h);
	free(db);
}

/*
 * Whether path holds nothing a backup may overwrite: no file, or an empty one
 * (the one a front end created for it). Asked read-only, so that an existing
 * database is not touched; a file SQLite cannot read as a database holds
 * something.
 */
static bool
backup_target_empty(const char *path)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	bool empty;
	int rc;

	rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if ((rc & 0xff) == SQLITE_CANTOPEN) {
		sqlite3_close(h);
		return !vfs_exists(path);
	}
	empty = rc == SQLITE_OK &&
	        sqlite3_prepare_v2(h, "PRAGMA page_count", -1, &st, NULL) == SQLITE_OK &&
	        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 0;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return empty;
}

int
dy_db_backup(struct dy_db *db, const char *path, struct dy_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b = NULL;
	int rc;

	if (path == NULL || *path == '\0')
		return dy_fail(err, DY_EINVAL, "No backup file given.");
	if (!backup_target_empty(path))
		return dy_fail(err, DY_EEXIST, "%s already exists; choose a new file name.", path);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		b = sqlite3_backup_init(dst, "main", db->h, "main");
		if (b == NULL) {
			rc = sqlite3_errcode(dst);
		} else {
			/* copy in steps so writers are not held off for long; a write by
			 * another process restarts the copy, which stays consistent */
			do {
				rc = sqlite3_backup_step(b, 256);
				if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
					sqlite3_sleep(20);
			} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
			if (sqlite3_backup_finish(b) == SQLITE_OK && rc == SQLITE_DONE)
				rc = SQLITE_OK;
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_close(dst);
	if (rc != SQLITE_OK)
		return dy_fail(err, DY_EIO, "The backup failed: %s.", sqlite3_errstr(rc));
	return 0;
}

/* ------------------------------------------------------------ record rows */

void
store_rec_release(struct store_rec *r)
{
	if (r == NULL)
		return;
	free(r->body);
	r->body = NULL;
	r->body_len = 0;
}

static void
col_copy(char *dst, size_t size, sqlite3_stmt *st, int col)
{
	dy_strlcpy(dst, (const char *)sqlite3_column_text(st, col), size);
}

/* Read the current row of a REC_COLUMNS statement; with copy_body the body
 * is copied into r (owned), else r->body points into SQLite's row and is
 * valid until the statement steps again. */
static int
rec_read(sqlite3_stmt *st, struct store_rec *r, bool copy_body, struct dy_error *err)
{
	const void *body;
	int n;

	memset(r, 0, sizeof(*r));
	col_copy(r->id, sizeof(r->id), st, 0);
	col_copy(r->owner_id, sizeof(r->owner_id), st, 1);
	col_copy(r->kind, sizeof(r->kind), st, 2);
	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		col_copy(r->parent_id, sizeof(r->parent_id), st, 3);
	r->visibility = sqlite3_column_int(st, 4);
	r->reveal_at = sqlite3_column_int64(st, 5);
	r->version = sqlite3_column_int(st, 6);
	r->created_at = sqlite3_column_int64(st, 7);
	r->updated_at = sqlite3_column_int64(st, 8);
	body = sqlite3_column_blob(st, 9);
	n = sqlite3_column_bytes(st, 9);
	r->seq = sqlite3_column_int64(st, 10);
	r->epoch = sqlite3_column_int64(st, 11);
	r->form = sqlite3_column_int(st, 12);
	r->body_len = n > 0 ? (size_t)n : 0;
	if (!copy_body) {
		r->body = (uint8_t *)(uintptr_t)body;
		return 0;
	}
	if ((r->body = malloc(r->body_len + 1)) == NULL)
		return dy_fail(err, DY_ENOMEM, "Out of memory.");
	if (r->body_len > 0)
		memcpy(r->body, body, r->body_len);
	return 0;
}

int
store_rec_insert(struct dy_db *db, const char *space_id, const struct store_rec *r, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_INSERT, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, r->id, strlen(r->id));
	store_bind_text(st, 2, space_id, strlen(space_id));
	store_bind_text(st, 3, r->owner_id, strlen(r->owner_id));
	store_bind_text(st, 4, r->kind, strlen(r->kind));
	if (r->parent_id[0] != '\0')
		store_bind_text(st, 5, r->parent_id, strlen(r->parent_id));
	sqlite3_bind_int(st, 6, r->visibility);
	if (r->visibility == 2)
		sqlite3_bind_int64(st, 7, r->reveal_at);
	sqlite3_bind_int64(st, 8, r->created_at);
	store_bind_blob(st, 9, r->body, r->body_len);
	sqlite3_bind_int64(st, 10, r->epoch);
	return store_exec(db, st, err);
}

int
store_rec_find(struct dy_db *db, const char *prefix, size_t len, const char *kind, const char *me,
               int64_t epoch, struct store_rec *out, int *n, struct dy_error *err)
{
	char hi[DY_ID_LEN + 2];
	struct store_rec r;
	sqlite3_stmt *st;
	int rc = 0, step, found = 0;

	if (len == 0 || len > DY_ID_LEN)
		return dy_fail(err, DY_EINVAL, "An id has 4 to %d characters.", DY_ID_LEN);
	/* every id that starts with prefix sorts in [prefix, prefix + 'g'):
	 * ids hold only '-', digits and a-f, all below 'g' */
	memcpy(hi, prefix, len);
	hi[len] = 'g';
	if ((st = store_stmt(db, S_RECORD_FIND, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, prefix, len);
	store_bind_text(st, 2, hi, len + 1);
	store_bind_text(st, 3, me, strlen(me));
	sqlite3_bind_int64(st, 12, epoch);
	if (kind != NULL)
		store_bind_text(st, 5, kind, strlen(kind));
	memset(&r, 0, sizeof(r));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (++found > 1)
			break;
		if ((rc = rec_read(st, &r, true, err)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_fail(db, step, err);
	if (rc != 0 || found != 1) {
		store_rec_release(&r);
		if (rc == 0)
			*n = found;
		return rc;
	}
	*out = r;
	*n = 1;
	return 0;
}

int
store_rec_seq(struct dy_db *db, const char *id, const char *me, int64_t epoch, int64_t *seq, struct dy_error *err)
{
	sqlite3_stmt *st;
	int step;

	if ((st = store_stmt(db, S_RECORD_SEQ, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	store_bind_text(st, 3, me, strlen(me));
	sqlite3_bind_int64(st, 12, epoch);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		*seq = INT64_MAX;
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(db, step, err);
	return 0;
}

/* Walk the rows of a REC_COLUMNS statement, bound already, through fn. */
static int
rec_each(struct dy_db *db, sqlite3_stmt *st, store_rec_fn fn, void *ctx, struct dy_error *err)
{
	struct store_rec r;
	int rc = 0, step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = rec_read(st, &r, false, err)) != 0 || (rc = fn(ctx, &r, err)) != 0)
			break;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_fail(db, step, err);
	return rc;
}

/* Bind the page statement to q and max (SIZE_MAX: no limit); NULL (err
 * filled) when it cannot be prepared. */
static sqlite3_stmt *
page_stmt(struct dy_db *db, enum stmt id, const struct store_page *q, size_t max, struct dy_error *err)
{
	sqlite3_stmt *st;
	int64_t limit = max == SIZE_MAX ? -1 : max > INT32_MAX ? INT32_MAX : (int64_t)max;

	if ((st = store_stmt(db, id, err)) == NULL)
		return NULL;
	store_bind_text(st, 1, q->space_id, strlen(q->space_id));
	store_bind_text(st, 3, q->me, strlen(q->me));
	store_bind_text(st, 5, q->kind, strlen(q->kind));
	sqlite3_bind_int(st, 6, q->filter);
	sqlite3_bind_int64(st, 7, q->since);
	sqlite3_bind_int64(st, 8, q->before_at);
	sqlite3_bind_int64(st, 9, q->before_seq);
	if (q->parent_id != NULL)
		store_bind_text(st, 10, q->parent_id, strlen(q->parent_id));
	sqlite3_bind_int64(st, 11, limit);
	sqlite3_bind_int64(st, 12, q->epoch);
	return st;
}

int
store_rec_page(struct dy_db *db, const struct store_page *q, struct store_rec *rows, size_t max,
               size_t *n, struct dy_error *err)
{
	sqlite3_stmt *st;
	size_t got = 0;
	int rc = 0, step = SQLITE_DONE;

	if ((st = page_stmt(db, q->parent_id != NULL ? S_RECORD_CHILD_PAGE_COPY : S_RECORD_PAGE_COPY, q, max, err)) ==
	    NULL)
		return err ? err->code : DY_EIO;
	while (got < max && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = rec_read(st, &rows[got], true, err)) != 0)
			break;
		got++;
	}
	if (got == max)
		step = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_fail(db, step, err);
	if (rc != 0) {
		while (got > 0)
			store_rec_release(&rows[--got]);
		return rc;
	}
	*n = got;
	return 0;
}

/* Walk a page statement (S_RECORD_PAGE, S_RECORD_ALL, S_RECORD_ALL_SEEN or
 * S_RECORD_CHILDREN) bound to q and max through fn. Each statement is one:
 * a walk inside a walk would reset it, so a second one is refused. */
static int
page_walk(struct dy_db *db, enum stmt id, const struct store_page *q, size_t max, store_rec_fn fn, void *ctx,
          struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (db->paging > 0)
		return dy_fail(err, DY_EBUSY, "Internal error: a list inside a list.");
	if ((st = page_stmt(db, id, q, max, err)) == NULL)
		return err ? err->code : DY_EIO;
	db->paging++;
	rc = rec_each(db, st, fn, ctx, err);
	db->paging--;
	return rc;
}

int
store_rec_page_each(struct dy_db *db, const struct store_page *q, size_t max, store_rec_fn fn, void *ctx,
                    struct dy_error *err)
{
	return page_walk(db, q->parent_id != NULL ? S_RECORD_CHILD_PAGE : S_RECORD_PAGE, q, max, fn, ctx, err);
}

int
store_rec_rest_each(struct dy_db *db, const struct store_page *q, store_rec_fn fn, void *ctx,
                    struct dy_error *err)
{
	bool seen = q->filter == 0 && q->before_at == INT64_MAX && q->before_seq == INT64_MAX && q->parent_id == NULL;

	return page_walk(db, seen ? S_RECORD_ALL_SEEN : q->parent_id != NULL ? S_RECORD_CHILDREN : S_RECORD_ALL, q,
	                 SIZE_MAX, fn, ctx, err);
}

bool
store_paging(const struct dy_db *db)
{
	return db->paging > 0;
}

/* Run a guarded write and say whether it changed the one row. */
static int
exec_guarded(struct dy_db *db, sqlite3_stmt *st, bool *changed, struct dy_error *err)
{
	int rc = store_exec(db, st, err);

	if (rc == 0)
		*changed = sqlite3_changes(db->h) == 1;
	return rc;
}

int
store_rec_update(struct dy_db *db, const char *id, const uint8_t *body, size_t len, int64_t now,
                 int version, int visibility, bool *changed, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_UPDATE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	store_bind_blob(st, 2, body, len);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int(st, 4, version);
	sqlite3_bind_int(st, 5, visibility);
	return exec_guarded(db, st, changed, err);
}

int
store_rec_set_vis(struct dy_db *db, const char *id, int visibility, int64_t reveal_at, int64_t epoch,
                  const uint8_t *body, size_t len, int version, int old_visibility, bool *changed,
                  struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_SET_VIS, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	sqlite3_bind_int(st, 2, visibility);
	if (visibility == 2)
		sqlite3_bind_int64(st, 3, reveal_at);
	store_bind_blob(st, 4, body, len);
	sqlite3_bind_int(st, 5, version);
	sqlite3_bind_int(st, 6, old_visibility);
	sqlite3_bind_int64(st, 7, epoch);
	return exec_guarded(db, st, changed, err);
}

int
store_rec_delete(struct dy_db *db, const char *id, struct dy_error *err)
{
	return store_exec_text(db, S_RECORD_DELETE, id, err);
}

int
store_rec_drop_answers(struct dy_db *db, const char *parent, const char *owner, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_DROP_ANSWERS, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, parent, strlen(parent));
	store_bind_text(st, 2, owner, strlen(owner));
	return store_exec(db, st, err);
}

int
store_rec_each_owned(struct dy_db *db, const char *owner, store_rec_fn fn, void *ctx, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_OWNED, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, owner, strlen(owner));
	return rec_each(db, st, fn, ctx, err);
}

int
store_rec_each_due(struct dy_db *db, const char *owner, int64_t now, store_rec_fn fn, void *ctx,
                   struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_DUE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, owner, strlen(owner));
	sqlite3_bind_int64(st, 2, now);
	return rec_each(db, st, fn, ctx, err);
}

int
store_rec_has_due(struct dy_db *db, const char *owner, int64_t now, bool *due, struct dy_error *err)
{
	sqlite3_stmt *st;
	int step;

	if ((st = store_stmt(db, S_RECORD_HAS_DUE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, owner, strlen(owner));
	sqlite3_bind_int64(st, 2, now);
	step = sqlite3_step(st);
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(db, step, err);
	*due = step == SQLITE_ROW;
	return 0;
}

int
store_rec_peek(struct dy_db *db, const char *space_id, const char *id, const char *owner, const char *kind,
               bool *found, int *vis, int64_t *created_at, struct dy_error *err)
{
	sqlite3_stmt *st;
	int step;

	if ((st = store_stmt(db, S_RECORD_PEEK, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	store_bind_text(st, 2, owner, strlen(owner));
	store_bind_text(st, 3, kind, strlen(kind));
	store_bind_text(st, 4, space_id, strlen(space_id));
	step = sqlite3_step(st);
	*found = step == SQLITE_ROW;
	if (*found) {
		*vis = sqlite3_column_int(st, 0);
		*created_at = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_fail(db, step, err);
	return 0;
}

int
store_rec_hasten(struct dy_db *db, const char *id, const char *owner, const char *kind, int64_t at,
                 struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_HASTEN, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	store_bind_text(st, 2, owner, strlen(owner));
	store_bind_text(st, 3, kind, strlen(kind));
	sqlite3_bind_int64(st, 4, at);
	return store_exec(db, st, err);
}

void
store_checkpoint(struct dy_db *db)
{
	/* only between transactions, and never long: a reader that keeps an
	 * old snapshot open makes it give up (the next one tries again) rather
	 * than hold the writer back for the whole busy timeout */
	if (db->tx_depth != 0)
		return;
	sqlite3_busy_timeout(db->h, 200);
	(void)sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db->h, DY_BUSY_TIMEOUT_MS);
}

int
store_rec_each_answer(struct dy_db *db, const char *parent, const char *owner, store_rec_fn fn, void *ctx,
                      struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_ANSWERS, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, parent, strlen(parent));
	store_bind_text(st, 2, owner, strlen(owner));
	return rec_each(db, st, fn, ctx, err);
}

int
store_rec_each_old_kept(struct dy_db *db, const char *owner, store_rec_fn fn, void *ctx, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_RECORD_OLD_KEPT, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, owner, strlen(owner));
	return rec_each(db, st, fn, ctx, err);
}

int
store_version_keep(struct dy_db *db, const char *id, const struct store_version *v, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_VERSION_INSERT, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	sqlite3_bind_int(st, 2, v->version);
	sqlite3_bind_int64(st, 3, v->updated_at);
	store_bind_blob(st, 4, v->body, v->body_len);
	sqlite3_bind_int(st, 5, v->seen ? 1 : 0);
	sqlite3_bind_int(st, 6, v->visibility);
	sqlite3_bind_int64(st, 7, v->epoch);
	return store_exec(db, st, err);
}

void
store_versions_free(struct store_version *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].body);
	free(v);
}

int
store_version_list(struct dy_db *db, const char *id, struct store_version **out, size_t *n,
                   struct dy_error *err)
{
	struct store_version *v = NULL;
	size_t got = 0, cap = 0;
	sqlite3_stmt *st;
	int rc = 0, step;

	if ((st = store_stmt(db, S_VERSION_LIST, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const void *b = sqlite3_column_blob(st, 2);
		int bl = sqlite3_column_bytes(st, 2);

		if (dy_grow(&v, got, &cap, sizeof(*v), 8) != 0) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			break;
		}
		v[got].version = sqlite3_column_int(st, 0);
		v[got].updated_at = sqlite3_column_int64(st, 1);
		v[got].seen = sqlite3_column_int(st, 3) != 0;
		v[got].visibility = sqlite3_column_int(st, 4);
		v[got].epoch = sqlite3_column_int64(st, 5);
		v[got].form = sqlite3_column_int(st, 6);
		v[got].body_len = bl > 0 ? (size_t)bl : 0;
		if ((v[got].body = malloc(v[got].body_len + 1)) == NULL) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			break;
		}
		if (bl > 0)
			memcpy(v[got].body, b, v[got].body_len);
		got++;
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_fail(db, step, err);
	if (rc != 0) {
		store_versions_free(v, got);
		return rc;
	}
	*out = v;
	*n = got;
	return 0;
}

int
store_version_set_body(struct dy_db *db, const char *id, int version, const uint8_t *body, size_t len,
                       int visibility, int64_t epoch, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_VERSION_SET_BODY, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	sqlite3_bind_int(st, 2, version);
	store_bind_blob(st, 3, body, len);
	sqlite3_bind_int(st, 4, visibility);
	sqlite3_bind_int64(st, 5, epoch);
	return store_exec(db, st, err);
}

int
store_version_delete(struct dy_db *db, const char *id, int version, struct dy_error *err)
{
	sqlite3_stmt *st;

	if ((st = store_stmt(db, S_VERSION_DELETE, err)) == NULL)
		return err ? err->code : DY_EIO;
	store_bind_text(st, 1, id, strlen(id));
	sqlite3_bind_int(st, 2, version);
	return store_exec(db, st, err);
}
