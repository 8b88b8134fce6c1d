/* store_people_test.c - the typed rows of people, spaces, invitations and
 * web sessions (store_people.c): what they read back, and how a damaged row
 * reads. The happy paths run through account_test.c and token_test.c. */
#include <string.h>

#include "helpers.h"
#include "store.h"

/* The person of that name, read by the id the list gives (the core finds
 * people by name through the list: dy_name_same folds case). */
static int
person_named(const struct fixture *f, const char *name, struct store_person *out, struct dy_error *err)
{
	struct dy_space_info si;
	struct dy_person_info people[2];
	int n = 0, i;

	assert_int_equal(store_space_get(f->db, &si, err), 0);
	assert_int_equal(store_person_list(f->db, si.id, people, &n, err), 0);
	for (i = 0; i < n; i++)
		if (strcmp(people[i].name, name) == 0)
			return store_person_by_id(f->db, people[i].id, strlen(people[i].id), out, err);
	return DY_ENOTFOUND;
}

static void
person_rows_read_back_by_id_and_list_in_colour_order(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct store_person by_id;
	struct dy_space_info si;
	struct dy_person_info people[2];
	int n = 0;

	assert_int_equal(store_space_get(f->db, &si, &err), 0);
	assert_string_equal(si.label, "Us");
	assert_int_equal(store_person_list(f->db, si.id, people, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(people[0].name, "Alex");
	assert_string_equal(people[1].name, "Sam");
	assert_int_equal(store_person_by_id(f->db, people[1].id, strlen(people[1].id), &by_id, &err), 0);
	assert_string_equal(by_id.name, "Sam");
	assert_string_equal(by_id.id, people[1].id);
	assert_int_equal(by_id.color, 1);
	assert_string_equal(by_id.space_id, si.id);
}

static void
missing_rows_are_not_found(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct store_person p;
	struct store_invite inv;
	struct store_token t;
	uint8_t lookup[DY_KEY_BYTES] = {0};

	assert_int_equal(store_person_by_id(f->db, "00000000-0000-4000-8000-000000000000", DY_ID_LEN, &p, &err),
	                 DY_ENOTFOUND);
	assert_string_equal(err.msg, "No such person.");
	assert_int_equal(store_invite_get(f->db, lookup, &inv, &err), DY_ENOTFOUND);
	assert_int_equal(store_token_get(f->db, lookup, &t, &err), DY_ENOTFOUND);
}

static void
no_space_yet_reads_as_enospace(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_space_info si;

	assert_int_equal(store_space_get(f->db, &si, &err), DY_ENOSPACE);
}

static void
damaged_person_row_is_corrupt_not_a_wrong_passphrase(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	struct store_person p;

	assert_int_equal(fx_raw_exec(f->path, "UPDATE person SET wrapped = x'00' WHERE name = 'Sam'"), 1);
	assert_int_equal(person_named(f, "Sam", &p, &err), DY_ECORRUPT);
	assert_int_equal(dy_unlock(f->db, "Sam", 3, PASS_B, strlen(PASS_B), &s, &err), DY_ECORRUPT);
	assert_non_null(strstr(err.msg, "damaged"));
	assert_null(s);
	/* the partner's row is whole */
	assert_int_equal(person_named(f, "Alex", &p, &err), 0);
}

static void
damaged_session_row_asks_to_log_in_again(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char tok[DY_TOKEN_LEN + 1];

	assert_int_equal(dy_token_issue(f->a, 3600, tok, &err), 0);
	assert_int_equal(fx_raw_exec(f->path, "UPDATE web_session SET wrapped = x'0102'"), 1);
	assert_int_equal(dy_token_open(f->db, tok, strlen(tok), &s, &err), DY_EAUTH);
	assert_string_equal(err.msg, "Please log in.");
	assert_null(s);
	assert_int_equal(dy_token_check(f->a, tok, strlen(tok), &err), DY_EAUTH);
}

static void
invitation_without_its_key_is_damaged(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	fx_make_alex(f);
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	assert_int_equal(fx_raw_exec(f->path, "UPDATE invite SET wrapped_space_key = x'00'"), 1);
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Sam", 3, PASS_B, strlen(PASS_B), rec, &s, &err),
	                 DY_ECORRUPT);
	assert_null(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(person_rows_read_back_by_id_and_list_in_colour_order,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(missing_rows_are_not_found, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(no_space_yet_reads_as_enospace, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(damaged_person_row_is_corrupt_not_a_wrong_passphrase,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(damaged_session_row_asks_to_log_in_again, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(invitation_without_its_key_is_damaged, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
