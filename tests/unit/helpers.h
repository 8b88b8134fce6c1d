/*
 * helpers.h - shared fixtures of the core's unit tests.
 */
#ifndef DY_TEST_HELPERS_H
#define DY_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dyad.h"

#define PASS_A "correct horse battery"
#define PASS_B "staple of the morning"

struct fixture {
	char dir[256];
	char path[300];
	struct dy_db *db;
	struct dy_session *a, *b;       /* the two partners, when made */
	char recovery_a[DY_RECOVERY_LEN + 1];
	char recovery_b[DY_RECOVERY_LEN + 1];
	int64_t fake_now;               /* 0: real clock */
};

/* A temp folder with a fresh database; *state is the struct fixture. */
int fx_setup(void **state);
/* The same, plus Alex (with a space) and Sam (joined). */
int fx_setup_couple(void **state);
int fx_teardown(void **state);

/* Make Alex's space / Sam's membership in an existing fixture. */
void fx_make_alex(struct fixture *f);
void fx_make_sam(struct fixture *f);

/* Alex invites and name (passphrase pass) joins: a new partner after Sam
 * left. Fails the test unless both work; the caller frees the session. */
struct dy_session *fx_join(struct fixture *f, const char *name, const char *pass);

/* Use f->fake_now as the clock from now on. */
void fx_fake_clock(struct fixture *f, int64_t now);

/* Whether the file at path contains the bytes of needle. */
int file_contains(const char *path, const char *needle);

/* Fail the test when the database file or its write-ahead log holds any of
 * the n marks, looked for before and again after a checkpoint (which moves
 * the log's pages into the file). */
void fx_no_plaintext(struct fixture *f, const char *const *marks, size_t n);

/* Run sql (one or more statements) on the database file through a second
 * connection, as someone holding the file (or damage) would; fails the
 * test unless it runs. Returns the rows the last statement changed
 * (sqlite3_changes). */
int fx_raw_exec(const char *path, const char *sql);

/* The one number the query sql gives on the raw file (its first row's
 * first column); fails the test when there is no row. */
int fx_raw_int(const char *path, const char *sql);

/* Open the database at path on a connection of its own and unlock name's
 * session on it, as another process or request thread would. Asserts
 * nothing (usable off the test's thread): 0, or the core's code with
 * *db and *s left NULL. */
int fx_open_as(const char *path, const char *name, const char *pass, struct dy_db **db, struct dy_session **s);

/* Damage record id's stored body in the file, as a disk or someone with
 * the file could: a whole, wrong ciphertext (80 zero bytes), so that it
 * fails its authentication when opened. Fails the test unless exactly one
 * row changed. */
void fx_damage(struct fixture *f, const char *id);

/* How many records of kind k s sees under filter (one list of all). */
size_t fx_count(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter);

#endif
