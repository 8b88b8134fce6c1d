/*
 * platform_test.c - src/platform, and the seam between it and the core: the
 * front end makes the folder and the private files, the core fills them
 * through SQLite and keeps their modes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dyad.h"
#include "platform.h"

struct tmp {
	char dir[64];
	char path[256];
};

static int
tmp_setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	assert_non_null(t);
	assert_int_equal(dy_init(), 0);
	snprintf(t->dir, sizeof(t->dir), "/tmp/dyad-plat-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	*state = t;
	return 0;
}

static int
tmp_teardown(void **state)
{
	struct tmp *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void
path_kind_tells_nothing_file_and_folder_apart(void **state)
{
	struct tmp *t = *state;
	enum plat_kind k;

	snprintf(t->path, sizeof(t->path), "%s/none", t->dir);
	assert_int_equal(plat_path_kind(t->path, &k), 0);
	assert_int_equal(k, PLAT_NONE);
	assert_int_equal(plat_path_kind(t->dir, &k), 0);
	assert_int_equal(k, PLAT_DIR);
	assert_int_equal(plat_file_create(t->path), 0);
	assert_int_equal(plat_path_kind(t->path, &k), 0);
	assert_int_equal(k, PLAT_FILE);
	assert_int_equal(plat_path_kind("/dev/null", &k), 0);
	assert_int_equal(k, PLAT_OTHER);
	snprintf(t->path, sizeof(t->path), "%s/none/below", t->dir);  /* "none" is a file */
	assert_int_equal(plat_path_kind(t->path, &k), -ENOTDIR);
}

static void
file_create_makes_an_empty_0600_file_whatever_the_umask(void **state)
{
	struct tmp *t = *state;
	mode_t old = umask(0277);   /* would leave 0400: not writable by SQLite */
	struct stat st;

	snprintf(t->path, sizeof(t->path), "%s/f", t->dir);
	assert_int_equal(plat_file_create(t->path), 0);
	umask(old);
	assert_int_equal(mode_of(t->path), 0600);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void
file_create_refuses_what_is_there_and_leaves_it_alone(void **state)
{
	struct tmp *t = *state;
	FILE *fp;
	char buf[16] = "";

	snprintf(t->path, sizeof(t->path), "%s/kept", t->dir);
	fp = fopen(t->path, "w");
	assert_non_null(fp);
	fputs("mine", fp);
	fclose(fp);
	assert_int_equal(plat_file_create(t->path), -EEXIST);
	assert_int_equal(plat_file_create(t->dir), -EEXIST);
	fp = fopen(t->path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	assert_string_equal(buf, "mine");
}

static void
dir_make_makes_missing_parents_each_0700(void **state)
{
	struct tmp *t = *state;
	char top[300];
	mode_t old = umask(0077 | 0200);   /* a umask that would make the folder unusable */
	bool made = false;

	snprintf(top, sizeof(top), "%s/x", t->dir);
	snprintf(t->path, sizeof(t->path), "%s/x/y/dyad/", t->dir);
	assert_int_equal(plat_dir_make(t->path, &made), 0);
	umask(old);
	assert_true(made);
	assert_int_equal(mode_of(top), 0700);
	snprintf(t->path, sizeof(t->path), "%s/x/y/dyad", t->dir);
	assert_int_equal(mode_of(t->path), 0700);
	/* there already: nothing made, the mode it has is its owner's choice */
	assert_int_equal(chmod(t->path, 0750), 0);
	assert_int_equal(plat_dir_make(t->path, &made), 0);
	assert_false(made);
	assert_int_equal(mode_of(t->path), 0750);
}

static void
dir_make_refuses_a_file_on_the_way(void **state)
{
	struct tmp *t = *state;
	bool made = true;

	snprintf(t->path, sizeof(t->path), "%s/f", t->dir);
	assert_int_equal(plat_file_create(t->path), 0);
	assert_int_equal(plat_dir_make(t->path, &made), -ENOTDIR);
	assert_false(made);
	snprintf(t->path, sizeof(t->path), "%s/f/below", t->dir);
	assert_int_equal(plat_dir_make(t->path, &made), -ENOTDIR);
	assert_false(made);
}

static void
remove_takes_away_a_file_and_an_empty_folder_and_accepts_missing(void **state)
{
	struct tmp *t = *state;
	enum plat_kind k;
	bool made;

	snprintf(t->path, sizeof(t->path), "%s/d", t->dir);
	assert_int_equal(plat_dir_make(t->path, &made), 0);
	snprintf(t->path, sizeof(t->path), "%s/d/f", t->dir);
	assert_int_equal(plat_file_create(t->path), 0);
	snprintf(t->path, sizeof(t->path), "%s/d", t->dir);
	assert_int_equal(plat_dir_remove(t->path), -ENOTEMPTY);
	snprintf(t->path, sizeof(t->path), "%s/d/f", t->dir);
	assert_int_equal(plat_file_remove(t->path), 0);
	assert_int_equal(plat_file_remove(t->path), 0);
	snprintf(t->path, sizeof(t->path), "%s/d", t->dir);
	assert_int_equal(plat_dir_remove(t->path), 0);
	assert_int_equal(plat_dir_remove(t->path), 0);
	assert_int_equal(plat_path_kind(t->path, &k), 0);
	assert_int_equal(k, PLAT_NONE);
	assert_string_equal(plat_strerror(-ENOENT), strerror(ENOENT));
}

/* The seam: what the front end made private stays private once the core
 * has written to it, its write-ahead log included. */
static void
database_in_a_private_file_stays_private_with_its_log(void **state)
{
	struct tmp *t = *state;
	struct dy_db *db = NULL;
	struct dy_session *s = NULL;
	struct dy_error err = {0};
	char recovery[DY_RECOVERY_LEN + 1], wal[300];
	mode_t old = umask(0);   /* SQLite's own default would be 0644 now */

	snprintf(t->path, sizeof(t->path), "%s/dyad.db", t->dir);
	snprintf(wal, sizeof(wal), "%s-wal", t->path);
	assert_int_equal(plat_file_create(t->path), 0);
	assert_int_equal(dy_db_open(t->path, DY_OPEN_CREATE, &db, &err), 0);
	assert_int_equal(dy_space_create(db, "Us", 2, "Alex", 4, "correct horse battery", 21,
	                                 recovery, &s, &err), 0);
	assert_int_equal(mode_of(t->path), 0600);
	assert_int_equal(mode_of(wal), 0600);
	umask(old);
	dy_session_free(s);
	dy_db_close(db);
}

static void
open_without_create_makes_no_file_and_says_not_found(void **state)
{
	struct tmp *t = *state;
	struct dy_db *db = NULL;
	struct dy_error err = {0};

	snprintf(t->path, sizeof(t->path), "%s/missing/dyad.db", t->dir);
	assert_int_equal(dy_db_open(t->path, 0, &db, &err), DY_ENOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err.msg, "There is no dyad database at"));
	assert_int_equal(dy_db_open(t->path, DY_OPEN_READONLY | DY_OPEN_CREATE, &db, &err), DY_ENOTFOUND);
	assert_int_equal(access(t->path, F_OK), -1);
}

static void
backup_fills_the_private_file_and_refuses_one_with_content(void **state)
{
	struct tmp *t = *state;
	struct dy_db *db = NULL, *copy = NULL;
	struct dy_error err = {0};
	char other[300];
	FILE *fp;
	char buf[16] = "";

	snprintf(t->path, sizeof(t->path), "%s/dyad.db", t->dir);
	assert_int_equal(plat_file_create(t->path), 0);
	assert_int_equal(dy_db_open(t->path, DY_OPEN_CREATE, &db, &err), 0);
	snprintf(other, sizeof(other), "%s/backup.db", t->dir);
	assert_int_equal(plat_file_create(other), 0);
	assert_int_equal(dy_db_backup(db, other, &err), 0);
	assert_int_equal(mode_of(other), 0600);
	assert_int_equal(dy_db_open(other, 0, &copy, &err), 0);
	dy_db_close(copy);
	/* a file of someone else's, not a database: refused, left as it was */
	snprintf(other, sizeof(other), "%s/notes.txt", t->dir);
	fp = fopen(other, "w");
	assert_non_null(fp);
	fputs("my notes", fp);
	fclose(fp);
	assert_int_equal(dy_db_backup(db, other, &err), DY_EEXIST);
	assert_non_null(strstr(err.msg, "already exists"));
	fp = fopen(other, "r");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	assert_string_equal(buf, "my notes");
	dy_db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(path_kind_tells_nothing_file_and_folder_apart, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(file_create_makes_an_empty_0600_file_whatever_the_umask, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(file_create_refuses_what_is_there_and_leaves_it_alone, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(dir_make_makes_missing_parents_each_0700, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(dir_make_refuses_a_file_on_the_way, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(remove_takes_away_a_file_and_an_empty_folder_and_accepts_missing, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(database_in_a_private_file_stays_private_with_its_log, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(open_without_create_makes_no_file_and_says_not_found, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(backup_fills_the_private_file_and_refuses_one_with_content, tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
