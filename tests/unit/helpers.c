#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "helpers.h"

static int64_t
fake_clock(void *ctx)
{
	return ((struct fixture *)ctx)->fake_now;
}

void
fx_fake_clock(struct fixture *f, int64_t now)
{
	f->fake_now = now;
	dy_db_set_clock(f->db, fake_clock, f);
}

int
fx_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct dy_error err = {0};

	assert_non_null(f);
	assert_int_equal(dy_init(), 0);
	snprintf(f->dir, sizeof(f->dir), "/tmp/dyad-unit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/dyad.db", f->dir);
	if (dy_db_open(f->path, DY_OPEN_CREATE, &f->db, &err) != 0)
		fail_msg("open: %s", err.msg);
	*state = f;
	return 0;
}

void
fx_make_alex(struct fixture *f)
{
	struct dy_error err = {0};

	if (dy_space_create(f->db, "Us", 2, "Alex", 4, PASS_A, strlen(PASS_A), f->recovery_a, &f->a, &err) != 0)
		fail_msg("create: %s", err.msg);
}

void
fx_make_sam(struct fixture *f)
{
	struct dy_error err = {0};
	char code[DY_INVITE_LEN + 1];
	int64_t exp;

	if (dy_invite_create(f->a, code, &exp, &err) != 0)
		fail_msg("invite: %s", err.msg);
	if (dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), f->recovery_b, &f->b, &err) != 0)
		fail_msg("join: %s", err.msg);
}

struct dy_session *
fx_join(struct fixture *f, const char *name, const char *pass)
{
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	if (dy_invite_create(f->a, code, &exp, &err) != 0)
		fail_msg("invite: %s", err.msg);
	if (dy_space_join(f->db, code, strlen(code), name, strlen(name), pass, strlen(pass), rec, &s, &err) != 0)
		fail_msg("join %s: %s", name, err.msg);
	return s;
}

int
fx_setup_couple(void **state)
{
	fx_setup(state);
	fx_make_alex(*state);
	fx_make_sam(*state);
	return 0;
}

int
fx_teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[400];

	dy_session_free(f->a);
	dy_session_free(f->b);
	dy_db_close(f->db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

int
file_contains(const char *path, const char *needle)
{
	FILE *fp = fopen(path, "rb");
	size_t n = strlen(needle), len = 0, cap = 0;
	char *buf = NULL, chunk[65536];
	size_t got;
	int found = 0;

	if (fp == NULL)
		return 0;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (len + got > cap) {
			cap = (len + got) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		memcpy(buf + len, chunk, got);
		len += got;
	}
	fclose(fp);
	for (size_t i = 0; n > 0 && i + n <= len; i++) {
		if (memcmp(buf + i, needle, n) == 0) {
			found = 1;
			break;
		}
	}
	free(buf);
	return found;
}

void
fx_no_plaintext(struct fixture *f, const char *const *marks, size_t n)
{
	char wal[sizeof(f->path) + 8];

	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	for (int pass = 0; pass < 2; pass++) {
		const char *files[2] = {f->path, wal};
		sqlite3 *h;

		for (int i = 0; i < 2; i++)
			for (size_t m = 0; m < n; m++)
				if (file_contains(files[i], marks[m]))
					fail_msg("%s holds \"%s\"", files[i], marks[m]);
		assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
		sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_FULL, NULL, NULL);
		sqlite3_close(h);
	}
}

size_t
fx_count(struct dy_session *s, const struct dy_kind *k, enum dy_filter filter)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .filter = filter};
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t n;

	if (dy_item_list(s, &q, &l, &err) != 0)
		fail_msg("fx_count: %s", err.msg);
	n = l.count;
	dy_item_list_release(&l);
	return n;
}

int
fx_raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	int changed;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	changed = sqlite3_changes(h);
	sqlite3_close(h);
	return changed;
}

int
fx_raw_int(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int v;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return v;
}

void
fx_damage(struct fixture *f, const char *id)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "UPDATE record SET body = zeroblob(80) WHERE id = '%s'", id);
	assert_int_equal(fx_raw_exec(f->path, sql), 1);
}

int
fx_open_as(const char *path, const char *name, const char *pass, struct dy_db **db, struct dy_session **s)
{
	struct dy_error err = {0};
	int rc;

	*db = NULL;
	*s = NULL;
	if ((rc = dy_db_open(path, 0, db, &err)) != 0)
		return rc;
	if ((rc = dy_unlock(*db, name, strlen(name), pass, strlen(pass), s, &err)) != 0) {
		dy_db_close(*db);
		*db = NULL;
	}
	return rc;
}
