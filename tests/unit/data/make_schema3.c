/*
 * make_schema3.c - how tests/unit/data/schema3.db was made: with the code
 * of schema 3 (dyad before partnership keys, commit 3164150), linked
 * against that libdyad:
 *
 *   cc -std=c17 -I src/core make_schema3.c build/src/core/libdyad.a \
 *      -lsqlite3 -lsodium -ljansson -lm -o make_schema3 && ./make_schema3 schema3.db
 *
 * Alex ("correct horse battery") and Sam ("staple of the morning") in the
 * space "Us"; what each wrote is listed in partnership_test.c, which opens
 * a copy with today's code. Kept for the record: today's core cannot build
 * it (it writes schema 4).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"

static const struct dy_field note_fields[] = {
	{.name = "title", .type = DY_F_LINE, .required = true, .min = 1, .max = 40},
};
static const struct dy_kind note = {
	.name = "test_note", .noun = "note", .fields = note_fields, .nfields = 1, .body_max = 200,
	.history = true,
};

#define CHECK(x) do { if ((x) != 0) { fprintf(stderr, "%s: %s\n", #x, err.msg); return 1; } } while (0)

int
main(int argc, char **argv)
{
	struct dy_db *db;
	struct dy_session *a, *b;
	struct dy_error err = {0};
	char rec[DY_RECOVERY_LEN + 1], code[DY_INVITE_LEN + 1], id[DY_ID_LEN + 1];
	int64_t exp;
	json_t *t;

	if (argc != 2 || dy_init() != 0)
		return 2;
	CHECK(dy_db_open(argv[1], DY_OPEN_CREATE, &db, &err));
	CHECK(dy_space_create(db, "Us", 2, "Alex", 4, "correct horse battery", 21, rec, &a, &err));
	CHECK(dy_invite_create(a, code, &exp, &err));
	CHECK(dy_space_join(db, code, strlen(code), "Sam", 3, "staple of the morning", 21, rec, &b, &err));
	CHECK(dy_journal_add(a, "mine", 4, "alex private schema three", 25, false, id, &err));
	CHECK(dy_journal_add(a, "ours", 4, "alex shared schema three", 24, true, id, &err));
	CHECK(dy_journal_add(b, "", 0, "sam shared schema three", 23, true, id, &err));
	CHECK(dy_journal_add(b, "", 0, "sam private schema three", 24, false, id, &err));
	CHECK(dy_item_create(a, &dy_kind_journal, NULL, NULL, "alex held schema three", 22, DY_VIS_HELD,
	                     4102444800, id, &err));  /* 2100-01-01 */
	t = json_pack("{s:s}", "title", "draft");
	CHECK(dy_item_create(a, &note, NULL, t, "note one private", 16, DY_VIS_PRIVATE, 0, id, &err));
	CHECK(dy_item_edit(a, &note, id, strlen(id), NULL, "note two private", 16, &err));
	CHECK(dy_item_set_vis(a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err));
	CHECK(dy_item_edit(a, &note, id, strlen(id), NULL, "note three shared", 17, &err));
	json_decref(t);
	dy_session_free(a);
	dy_session_free(b);
	dy_db_close(db);
	return 0;
}
