/* token_test.c - web session tokens. */
#include <string.h>

#include <sqlite3.h>

#include "helpers.h"

static void
token_opens_the_same_person(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct dy_space_info si;
	struct dy_entry e;
	char tok[DY_TOKEN_LEN + 1], id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "through the web", 15, false, id, &err), 0);
	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	assert_int_equal(strlen(tok), DY_TOKEN_LEN);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	assert_int_equal(dy_whoami(s, &si, &err), 0);
	assert_true(si.people[0].me);
	assert_int_equal(dy_journal_get(s, id, strlen(id), &e, &err), 0);
	dy_entry_release(&e);
	dy_session_free(s);
}

static void
forged_or_revoked_token_opens_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1], forged[DY_TOKEN_LEN + 1];

	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	memcpy(forged, tok, sizeof(tok));
	forged[DY_TOKEN_LEN - 2] = forged[DY_TOKEN_LEN - 2] == 'A' ? 'B' : 'A';
	assert_int_equal(dy_token_open(f->db, forged, strlen(forged), &s, &err), DY_EAUTH);
	assert_int_equal(dy_token_open(f->db, "garbage", 7, &s, &err), DY_EAUTH);
	assert_int_equal(dy_token_revoke(f->db, tok, strlen(tok), &err), 0);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
	assert_null(s);
}

static void
idle_token_expires_and_use_keeps_it_alive(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1];

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	f->fake_now += 3000;
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);  /* touches it */
	dy_session_free(s);
	f->fake_now += 3000;
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	dy_session_free(s);
	f->fake_now += 3601;
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
}

static void
passphrase_change_ends_web_sessions(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1];
	const char *np = "yet another passphrase";

	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	assert_int_equal(dy_passphrase_change(f->a, np, strlen(np), &err), 0);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
}

static void
csrf_value_is_bound_to_the_token(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char t1[DY_TOKEN_LEN + 1], t2[DY_TOKEN_LEN + 1], c1[44], c1b[44], c2[44];

	assert_int_equal(dy_token_issue(f->a, 3600, t1, &err), 0);
	assert_int_equal(dy_token_issue(f->a, 3600, t2, &err), 0);
	assert_int_equal(dy_token_csrf(t1, strlen(t1), c1, &err), 0);
	assert_int_equal(dy_token_csrf(t1, strlen(t1), c1b, &err), 0);
	assert_int_equal(dy_token_csrf(t2, strlen(t2), c2, &err), 0);
	assert_int_equal(strlen(c1), 43);
	assert_string_equal(c1, c1b);
	assert_string_not_equal(c1, c2);
}

static void
leaving_ends_web_sessions(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1];

	assert_int_equal(dy_token_issue(f->b, 3600, tok, &err), 0);
	assert_int_equal(dy_leave(f->b, &err), 0);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
}

static void
check_follows_revocation_and_expiry(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1], other[DY_TOKEN_LEN + 1];

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	assert_int_equal(dy_token_issue(f->b, 3600, other, &err), 0);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	assert_int_equal(dy_token_check(s, tok, strlen(tok), &err), 0);
	/* another person's token never vouches for this session */
	assert_int_equal(dy_token_check(s, other, strlen(other), &err), DY_EAUTH);
	f->fake_now += 3601;
	assert_int_equal(dy_token_check(s, tok, strlen(tok), &err), DY_EAUTH);
	f->fake_now -= 3601;
	assert_int_equal(dy_token_revoke(f->db, tok, strlen(tok), &err), 0);
	assert_int_equal(dy_token_check(s, tok, strlen(tok), &err), DY_EAUTH);
	dy_session_free(s);
}

/* libsodium 1.0.18 reads every byte from 0x80 up as '_': a token with
 * such a byte where the real one has '_' opened its session (found by
 * tests/fuzz/token.c). */
static void
token_with_a_byte_past_ascii_opens_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1], csrf[44], *at = NULL;
	int tries;

	/* a token with a '_' in it: about two in three have one */
	for (tries = 0; tries < 64 && at == NULL; tries++) {
		assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
		at = strchr(tok, '_');
	}
	assert_non_null(at);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	dy_session_free(s);
	s = NULL;
	*at = (char)0xbf;
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
	assert_null(s);
	assert_int_equal(dy_token_csrf(tok, strlen(tok), csrf, &err), DY_EAUTH);
}

/* The times of the one web session in the file, read as they are stored. */
static void
stored_session_times(const struct fixture *f, int64_t *created, int64_t *seen)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT created_at, last_seen FROM web_session", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	*created = sqlite3_column_int64(st, 0);
	*seen = sqlite3_column_int64(st, 1);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The file keeps when a session began and was last used only to the hour
 * (a sixteenth of a shorter lifetime), never to the second, and the
 * last-used time moves on only when its hour does. */
static void
session_times_are_stored_coarse(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1];
	int64_t created, seen;

	fx_fake_clock(f, 1800000000 + 1234);  /* not on an hour */
	assert_int_equal(dy_token_issue(f->a, 30 * 86400, tok, &err), 0);
	stored_session_times(f, &created, &seen);
	assert_int_equal(created % 3600, 0);
	assert_int_equal(seen, created);
	assert_true(created <= f->fake_now && f->fake_now - created < 3600);

	f->fake_now += 1000;  /* the same hour: nothing written */
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	dy_session_free(s);
	stored_session_times(f, &created, &seen);
	assert_int_equal(seen, created);

	f->fake_now += 7000;  /* two hours on */
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), 0);
	dy_session_free(s);
	stored_session_times(f, &created, &seen);
	assert_int_equal(seen % 3600, 0);
	assert_int_equal(seen, created + 7200);
}

/* A session of 1,600 seconds keeps its times to a sixteenth of that. */
static void
short_session_times_are_stored_to_a_sixteenth(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char tok[DY_TOKEN_LEN + 1];
	int64_t created, seen;

	fx_fake_clock(f, 1800000000 + 1234);
	assert_int_equal(dy_token_issue(f->a, 1600, tok, &err), 0);
	stored_session_times(f, &created, &seen);
	assert_int_equal(created % 100, 0);
	assert_int_equal(created, 1800000000 + 1200);
	assert_int_equal(seen, created);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(token_opens_the_same_person, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(forged_or_revoked_token_opens_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(token_with_a_byte_past_ascii_opens_nothing, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(idle_token_expires_and_use_keeps_it_alive, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(passphrase_change_ends_web_sessions, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(csrf_value_is_bound_to_the_token, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(leaving_ends_web_sessions, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(check_follows_revocation_and_expiry, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(session_times_are_stored_coarse, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(short_session_times_are_stored_to_a_sixteenth, fx_setup_couple,
		                                fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
