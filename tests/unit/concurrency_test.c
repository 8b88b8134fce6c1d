/* concurrency_test.c - two writers at once, and a writer killed mid-way. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

#define PER_WRITER 500

/* In a child: open the database, unlock, add n entries; write each id to fd
 * (when >= 0) after the core has reported it saved. */
static void
writer(const char *path, const char *name, const char *pass, int n, int fd)
{
	struct dy_db *db = NULL;
	struct dy_session *s = NULL;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], text[64];

	if (fx_open_as(path, name, pass, &db, &s) != 0)
		_exit(2);
	for (int i = 0; n < 0 || i < n; i++) {
		int len = snprintf(text, sizeof(text), "%s entry %d", name, i);
		if (dy_journal_add(s, "", 0, text, (size_t)len, i % 2 == 0, id, &err) != 0) {
			fprintf(stderr, "add: %s\n", err.msg);
			_exit(3);
		}
		if (fd >= 0 && write(fd, id, DY_ID_LEN) != DY_ID_LEN)
			_exit(4);
	}
	dy_session_free(s);
	dy_db_close(db);
	_exit(0);
}

static void
two_writers_lose_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list la, lb;
	pid_t p1, p2;
	int st1, st2;

	if ((p1 = fork()) == 0)
		writer(f->path, "Alex", PASS_A, PER_WRITER, -1);
	if ((p2 = fork()) == 0)
		writer(f->path, "Sam", PASS_B, PER_WRITER, -1);
	assert_int_equal(waitpid(p1, &st1, 0), p1);
	assert_int_equal(waitpid(p2, &st2, 0), p2);
	assert_true(WIFEXITED(st1) && WEXITSTATUS(st1) == 0);
	assert_true(WIFEXITED(st2) && WEXITSTATUS(st2) == 0);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, 0, 0, &la, &err), 0);
	assert_int_equal(dy_journal_list(f->b, DY_FILTER_MINE, 0, 0, &lb, &err), 0);
	assert_int_equal(la.count + lb.count, 2 * PER_WRITER);
	dy_entry_list_release(&la);
	dy_entry_list_release(&lb);
}

static void
killed_writer_loses_nothing_it_reported(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char (*ids)[DY_ID_LEN + 1] = calloc(100000, sizeof(*ids));
	int fds[2], status;
	size_t n = 0;
	ssize_t got;
	pid_t pid;

	assert_non_null(ids);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		writer(f->path, "Alex", PASS_A, -1, fds[1]);
	}
	close(fds[1]);
	/* let it write for a while, then kill it without warning */
	while (n < 150 && (got = read(fds[0], ids[n], DY_ID_LEN)) == DY_ID_LEN)
		ids[n++][DY_ID_LEN] = '\0';
	kill(pid, SIGKILL);
	while (n < 100000 && (got = read(fds[0], ids[n], DY_ID_LEN)) == DY_ID_LEN)
		ids[n++][DY_ID_LEN] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_true(n >= 150);
	for (size_t i = 0; i < n; i++) {
		if (dy_journal_get(f->a, ids[i], DY_ID_LEN, &e, &err) != 0)
			fail_msg("entry %zu (%s) reported saved is gone: %s", i, ids[i], err.msg);
		dy_entry_release(&e);
	}
	free(ids);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(two_writers_lose_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(killed_writer_loses_nothing_it_reported, fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
