/* store_test.c - opening, versions, damage, backup. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "helpers.h"

static void
missing_database_without_create_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct dy_db *db = NULL;
	struct dy_error err = {0};
	char path[400];

	snprintf(path, sizeof(path), "%s/none.db", f->dir);
	assert_int_equal(dy_db_open(path, 0, &db, &err), DY_ENOTFOUND);
	assert_null(db);
	assert_int_equal(access(path, F_OK), -1);
}

static void
newer_schema_is_refused_and_left_alone(void **state)
{
	struct fixture *f = *state;
	struct dy_db *db = NULL;
	struct dy_error err = {0};

	fx_raw_exec(f->path, "PRAGMA user_version = 99");
	assert_int_equal(dy_db_open(f->path, 0, &db, &err), DY_EVERSION);
	assert_non_null(strstr(err.msg, "newer dyad"));
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), 99);
}

/* A database written by the first schema opens, is upgraded in place, and
 * keeps what was in it. (data/schema3.db, made by schema 3's code, put back
 * to schema 1's tables: schema 2 dropped an index, 3 added a column.) */
static void
schema_1_database_is_upgraded_in_place(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	char cmd[700];

	dy_db_close(f->db);
	f->db = NULL;
	snprintf(cmd, sizeof(cmd), "rm -f '%s'* && cp '%s/schema3.db' '%s'", f->path, DY_TEST_DATA, f->path);
	assert_int_equal(system(cmd), 0);
	fx_raw_exec(f->path, "CREATE INDEX record_access ON record (space_id, kind, visibility, owner_id, reveal_at);"
	                     " ALTER TABLE record_version DROP COLUMN seen; PRAGMA user_version = 1;");
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), 1);

	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), dy_schema_version());
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'record_access'"), 0);
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM pragma_table_info('record_version')"
	                                     " WHERE name = 'seen'"),
	                 1);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &f->a, &err), 0);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.damaged, 0);
	dy_entry_list_release(&l);
}

static void
garbage_file_is_reported_corrupt(void **state)
{
	struct fixture *f = *state;
	struct dy_db *db = NULL;
	struct dy_error err = {0};
	char path[400], junk[8192];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/junk.db", f->dir);
	memset(junk, 'x', sizeof(junk));
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fwrite(junk, 1, sizeof(junk), fp);
	fclose(fp);
	assert_int_equal(dy_db_open(path, DY_OPEN_CREATE, &db, &err), DY_ECORRUPT);
	assert_null(db);
}

static void
foreign_sqlite_database_is_not_adopted(void **state)
{
	struct fixture *f = *state;
	struct dy_db *db = NULL;
	struct dy_error err = {0};
	char path[400];

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	fx_raw_exec(path, "CREATE TABLE t (x)");
	assert_int_equal(dy_db_open(path, DY_OPEN_CREATE, &db, &err), DY_ECORRUPT);
}

static void
reopening_keeps_data(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_space_info si;

	fx_make_alex(f);
	dy_session_free(f->a);
	f->a = NULL;
	dy_db_close(f->db);
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(dy_space_people(f->db, &si, &err), 0);
	assert_int_equal(si.members, 1);
	assert_string_equal(si.people[0].name, "Alex");
}

static void
backup_is_a_usable_copy_and_never_overwrites(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_db *copy = NULL;
	struct dy_session *s = NULL;
	struct dy_entry_list l;
	char path[400], id[DY_ID_LEN + 1];
	struct stat sb;
	int fd;

	fx_make_alex(f);
	assert_int_equal(dy_journal_add(f->a, "t", 1, "kept in the backup", 18, false, id, &err), 0);
	snprintf(path, sizeof(path), "%s/backup.db", f->dir);
	/* the front end makes the file private first (src/platform); the core
	 * fills it and keeps its mode */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(dy_db_backup(f->db, path, &err), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(dy_db_backup(f->db, path, &err), DY_EEXIST);
	assert_int_equal(dy_db_open(path, 0, &copy, &err), 0);
	assert_int_equal(dy_unlock(copy, "Alex", 4, PASS_A, strlen(PASS_A), &s, &err), 0);
	assert_int_equal(dy_journal_list(s, DY_FILTER_ALL, 0, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].text, "kept in the backup");
	dy_entry_list_release(&l);
	dy_session_free(s);
	dy_db_close(copy);
	assert_false(file_contains(path, "kept in the backup"));
}

static void
kdf_below_interactive_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};

	assert_int_equal(dy_db_set_kdf(f->db, 1, 8u << 20, &err), DY_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(missing_database_without_create_is_not_found, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(newer_schema_is_refused_and_left_alone, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(schema_1_database_is_upgraded_in_place, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(garbage_file_is_reported_corrupt, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(foreign_sqlite_database_is_not_adopted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(reopening_keeps_data, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(backup_is_a_usable_copy_and_never_overwrites, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(kdf_below_interactive_is_refused, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
