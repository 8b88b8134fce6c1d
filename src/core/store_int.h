/*
 * store_int.h - the inside of the storage module: the SQLite handle, the one
 * fixed table of prepared statements chosen by number, and the helpers that
 * bind and step them. Included only by store.c and store_people.c.
 */
#ifndef DY_STORE_INT_H
#define DY_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

enum stmt {
	S_TX_BEGIN_READ,
	S_TX_BEGIN_WRITE,
	S_TX_COMMIT,
	S_TX_ROLLBACK,
	S_SPACE_GET,
	S_SPACE_INSERT,
	S_SPACE_DELETE,
	S_SPACE_SET_LABEL,
	S_SPACE_END,
	S_SPACE_NEXT,
	S_SPACE_CLEAR_NOTICE,
	S_SPACE_CHECKIN,
	S_SPACE_SET_CHECKIN,
	S_KEY_LIST,
	S_KEY_PUT,
	S_KEY_FORGET_OTHERS,
	S_PERSON_LIST,
	S_PERSON_BY_ID,
	S_PERSON_INSERT,
	S_PERSON_SET_PASS,
	S_PERSON_SET_REC,
	S_PERSON_DELETE,
	S_PERSON_SET_FORM,
	S_PERSON_ZONE,
	S_PERSON_SET_HUE,
	S_PERSON_SET_ZONE,
	S_PERSON_ZONE_DEFAULT,
	S_PERSON_PREFS,
	S_PERSON_SET_PULSE_DAY,
	S_PERSON_SET_CHECK_EVERY,
	S_INVITE_INSERT,
	S_INVITE_GET,
	S_INVITE_USE,
	S_INVITE_PURGE,
	S_INVITE_EXPIRE,
	S_INVITE_DELETE_SPACE,
	S_INVITE_DELETE_OTHERS,
	S_RECORD_INSERT,
	S_RECORD_FIND,
	S_RECORD_SEQ,
	S_RECORD_UPDATE,
	S_RECORD_SET_VIS,
	S_RECORD_HAS_DUE,
	S_RECORD_DUE,
	S_RECORD_PEEK,
	S_RECORD_HASTEN,
	S_RECORD_DELETE,
	S_RECORD_DROP_ANSWERS,
	S_RECORD_ANSWERS,
	S_RECORD_PAGE,
	S_RECORD_PAGE_COPY,
	S_RECORD_ALL,
	S_RECORD_ALL_SEEN,
	S_RECORD_CHILDREN,
	S_RECORD_CHILD_PAGE,
	S_RECORD_CHILD_PAGE_COPY,
	S_RECORD_OWNED,
	S_RECORD_OLD_KEPT,
	S_VERSION_INSERT,
	S_VERSION_LIST,
	S_VERSION_SET_BODY,
	S_VERSION_DELETE,
	S_TOKEN_INSERT,
	S_TOKEN_GET,
	S_TOKEN_TOUCH,
	S_TOKEN_DELETE,
	S_TOKEN_DELETE_PERSON,
	S_TOKEN_PURGE,
	S__COUNT
};

struct dy_db {
	sqlite3 *h;
	sqlite3_stmt *stmt[S__COUNT];
	dy_clock_fn clock;
	void *clock_ctx;
	struct dy_parallel parallel; /* begin NULL: the core runs the jobs itself */
	uint64_t kdf_ops;
	size_t kdf_mem;
	int paging;                  /* store_rec_page_each walks under way */
	bool tx_write;               /* the outermost level took the write lock */
	int tx_depth;                /* open store_begin levels: 0 none, 1 a
	                                transaction, 2+ savepoints inside it */
};

/* The prepared statement number id, reset and with its bindings cleared;
 * NULL (err filled) when it cannot be prepared. The statement stays owned by
 * the db. */
sqlite3_stmt *store_stmt(struct dy_db *db, enum stmt id, struct dy_error *err);

/* Turn a SQLite result code into a dy_code with a message in err. */
int store_fail(struct dy_db *db, int rc, struct dy_error *err);

/* Run statement id, whose one parameter ?1 is a text (an id), for no rows. */
DY_WUR int store_exec_text(struct dy_db *db, enum stmt id, const char *text, struct dy_error *err);

/* Step a statement that returns no rows; 0 or a dy_code. Resets it after. */
DY_WUR int store_exec(struct dy_db *db, sqlite3_stmt *st, struct dy_error *err);

/* Binding helpers: text and blobs are copied by SQLite (SQLITE_TRANSIENT
 * is avoided where the caller's buffer outlives the step: SQLITE_STATIC). */
void store_bind_text(sqlite3_stmt *st, int i, const char *s, size_t len);
void store_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t len);

/* Rows changed by the last statement. */
int store_changes(struct dy_db *db);

#endif
