/*
 * partnership_test.c - what the file holds when partners come and go
 * (docs/STORAGE.md, "Partnerships"): every partnership has its own key;
 * what was shared in one that ended becomes private; held records are
 * sealed under their author's key; a body is bound to its version and
 * visibility, a kept version apart from the live row; bodies are padded to
 * buckets; an old database is upgraded.
 * Several tests open the raw file and try keys on its bytes directly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sqlite3.h>

#include "crypto.h"
#include "helpers.h"
#include "self.h"
#include "session.h"

#define PASS_J "jordan's own passphrase"

static const struct dy_field note_fields[] = {
	{.name = "title", .type = DY_F_LINE, .required = true, .min = 1, .max = 40},
};
static const struct dy_kind note = {
	.name = "test_note", .noun = "note", .fields = note_fields, .nfields = 1, .body_max = 200,
	.history = true,
};

static const char *const answers_note[] = {"test_note", NULL};
static const char *const words[] = {"read", "thanks", NULL};
static const struct dy_field nod_fields[] = {
	{.name = "word", .type = DY_F_CHOICE, .required = true, .choices = words},
};
/* the partner's quiet answer to a note, and the owner's own progress on it */
static const struct dy_kind nod = {
	.name = "test_nod", .noun = "nod", .fields = nod_fields, .nfields = 1,
	.responds_to = answers_note, .responder = DY_RESPOND_PARTNER,
};
static const struct dy_kind progress = {
	.name = "test_progress", .noun = "progress note", .body_max = 100, .body_required = true,
	.responds_to = answers_note, .responder = DY_RESPOND_OWNER,
};

static void
add(struct dy_session *p, const char *text, bool share, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};

	if (dy_journal_add(p, "", 0, text, strlen(text), share, id, &err) != 0)
		fail_msg("add: %s", err.msg);
}

/* A raw row of record (or of record_version): its body and what its
 * associated data binds. */
struct raw {
	char id[DY_ID_LEN + 1], owner[DY_ID_LEN + 1], kind[32], parent[DY_ID_LEN + 1];
	int version, vis, form;
	long long epoch;
	uint8_t body[4096];
	size_t len;
};

static int
raw_rows(const char *path, struct raw *out, int max)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT id, owner_id, kind, coalesce(parent_id, ''), version,"
	                                       " visibility, epoch, body FROM record", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < max) {
		struct raw *r = &out[n++];

		snprintf(r->id, sizeof(r->id), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(r->owner, sizeof(r->owner), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(r->kind, sizeof(r->kind), "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(r->parent, sizeof(r->parent), "%s", (const char *)sqlite3_column_text(st, 3));
		r->version = sqlite3_column_int(st, 4);
		r->vis = sqlite3_column_int(st, 5);
		r->epoch = sqlite3_column_int64(st, 6);
		r->len = (size_t)sqlite3_column_bytes(st, 7);
		assert_true(r->len <= sizeof(r->body));
		memcpy(r->body, sqlite3_column_blob(st, 7), r->len);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* The raw rows of record_version, oldest first, each with what its
 * record's row says of owner, kind and parent. */
static int
raw_kept(const char *path, struct raw *out, int max)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int n = 0;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT r.id, r.owner_id, r.kind, coalesce(r.parent_id, ''), v.version,"
	                                       " v.visibility, v.epoch, v.body, v.form FROM record_version v"
	                                       " JOIN record r ON r.id = v.record_id ORDER BY r.rowid, v.version",
	                                    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < max) {
		struct raw *r = &out[n++];

		snprintf(r->id, sizeof(r->id), "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(r->owner, sizeof(r->owner), "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(r->kind, sizeof(r->kind), "%s", (const char *)sqlite3_column_text(st, 2));
		snprintf(r->parent, sizeof(r->parent), "%s", (const char *)sqlite3_column_text(st, 3));
		r->version = sqlite3_column_int(st, 4);
		r->vis = sqlite3_column_int(st, 5);
		r->epoch = sqlite3_column_int64(st, 6);
		r->len = (size_t)sqlite3_column_bytes(st, 7);
		assert_true(r->len <= sizeof(r->body));
		memcpy(r->body, sqlite3_column_blob(st, 7), r->len);
		r->form = sqlite3_column_int(st, 8);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

/* Whether key opens the row's body under the associated data of context
 * ctx (DY_AD_RECORD2: a live row, DY_AD_KEPT: a kept version) with the
 * parts the row says, as anyone holding the file and that key would try. */
static bool
opens_as(const struct raw *r, enum dy_ctx ctx, const uint8_t key[DY_KEY_BYTES])
{
	char version[24], vis[4], epoch[24];
	const char *parts[7] = {r->id, r->owner, r->kind, r->parent, version, vis, epoch};
	uint8_t ad[DY_AD_MAX], out[4096];

	snprintf(version, sizeof(version), "%d", r->version);
	snprintf(vis, sizeof(vis), "%d", r->vis);
	snprintf(epoch, sizeof(epoch), "%lld", r->epoch);
	return dy_open(out, r->body, r->len, ad, dy_ad(ad, sizeof(ad), ctx, parts, 7), key) == 0;
}

static bool
opens(const struct raw *r, const uint8_t key[DY_KEY_BYTES])
{
	return opens_as(r, DY_AD_RECORD2, key);
}

/* Every kept version in the file is in today's form: sealed as kept
 * (form 3) under the key its row names (the personal key of owner while
 * private, the partnership's key space once shared), and none opens as a
 * live row. Returns how many there are. */
static int
kept_all_sealed_as_kept(const char *path, const char *owner, const uint8_t personal[DY_KEY_BYTES],
                        const uint8_t *space)
{
	struct raw rows[16];
	int n = raw_kept(path, rows, 16), i;

	for (i = 0; i < n; i++) {
		const uint8_t *key = rows[i].vis == 1 ? space : personal;

		if (strcmp(rows[i].owner, owner) != 0)
			continue;
		assert_int_equal(rows[i].form, 3);
		assert_non_null(key);
		assert_true(opens_as(&rows[i], DY_AD_KEPT, key));
		assert_false(opens_as(&rows[i], DY_AD_RECORD2, key));
	}
	return n;
}

static size_t
count(struct dy_session *p, enum dy_filter filter, size_t *damaged)
{
	struct dy_entry_list l;
	struct dy_error err = {0};
	size_t n;

	if (dy_journal_list(p, filter, NULL, 0, &l, &err) != 0)
		fail_msg("list: %s", err.msg);
	n = l.count;
	if (damaged != NULL)
		*damaged = l.damaged;
	dy_entry_list_release(&l);
	return n;
}

static bool
reads(struct dy_session *p, const char *id, const char *text)
{
	struct dy_entry e;
	struct dy_error err = {0};
	bool ok;

	if (dy_journal_get(p, id, strlen(id), &e, &err) != 0)
		return false;
	ok = strcmp(e.text, text) == 0;
	dy_entry_release(&e);
	return ok;
}

/* ------------------------------------------------------------------ tests */

static void
sam_leaves_jordan_joins_and_reads_nothing_from_before(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *j = NULL;
	struct dy_space_info si;
	struct raw rows[16];
	uint8_t old_key[DY_KEY_BYTES];
	char priv[DY_ID_LEN + 1], shared[DY_ID_LEN + 1], sams[DY_ID_LEN + 1], after[DY_ID_LEN + 1];
	int n, i;

	add(f->a, "alex private before", false, priv);
	add(f->a, "alex shared with sam", true, shared);
	add(f->b, "sam shared with alex", true, sams);
	assert_true(reads(f->b, shared, "alex shared with sam"));
	/* Sam keeps a copy of the partnership's key */
	memcpy(old_key, f->b->keys->space, sizeof(old_key));

	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	/* Alex is told, calmly, and what Alex shared is private again */
	assert_int_equal(dy_whoami(f->a, &si, &err), 0);
	assert_string_equal(si.left_name, "Sam");
	assert_int_equal(si.members, 1);
	assert_int_equal(count(f->a, DY_FILTER_MINE, NULL), 2);
	assert_int_equal(count(f->a, DY_FILTER_SHARED, NULL), 0);
	assert_true(reads(f->a, shared, "alex shared with sam"));
	assert_false(reads(f->a, sams, "sam shared with alex"));  /* it left with Sam */

	j = fx_join(f, "Jordan", PASS_J);
	add(f->a, "alex shared with jordan", true, after);
	assert_true(reads(j, after, "alex shared with jordan"));
	assert_false(reads(j, shared, "alex shared with sam"));
	assert_false(reads(j, priv, "alex private before"));
	assert_int_equal(count(j, DY_FILTER_ALL, NULL), 1);
	/* the notice goes when someone new joins */
	assert_int_equal(dy_whoami(f->a, &si, &err), 0);
	assert_string_equal(si.left_name, "");
	/* Alex still reads every entry of Alex's */
	assert_int_equal(count(f->a, DY_FILTER_MINE, NULL), 3);
	assert_true(reads(f->a, priv, "alex private before"));
	assert_true(reads(f->a, shared, "alex shared with sam"));
	assert_true(reads(f->a, after, "alex shared with jordan"));

	/* the file itself: Sam's old key opens nothing in it, Jordan's key
	 * nothing from before Jordan came */
	n = raw_rows(f->path, rows, 16);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_false(opens(&rows[i], old_key));
		assert_int_equal(opens(&rows[i], j->keys->space), strcmp(rows[i].id, after) == 0);
	}
	sodium_memzero(old_key, sizeof(old_key));
	dy_session_free(j);
}

/* How many responses of kind k to parent p sees (-1: p refuses, as a
 * missing record does). */
static int
responses(struct dy_session *p, const struct dy_kind *k, const char *parent)
{
	struct dy_query q = {.kinds = {k}, .nkinds = 1, .parent_id = parent};
	struct dy_item_list l;
	struct dy_error err = {0};
	int n;

	if (dy_item_list(p, &q, &l, &err) != 0)
		fail_msg("list: %s", err.msg);
	n = (int)l.count;
	assert_int_equal(l.damaged, 0);
	dy_item_list_release(&l);
	return n;
}

/* Whether p can read record id of kind k. */
static bool
sees(struct dy_session *p, const struct dy_kind *k, const char *id)
{
	struct dy_item it;
	struct dy_error err = {0};
	int rc = dy_item_get(p, k, id, strlen(id), &it, &err);

	if (rc == 0) {
		dy_item_release(&it);
		return true;
	}
	assert_int_equal(rc, DY_ENOTFOUND);
	return false;
}

/* Whether the file has a row with this id. */
static bool
row_exists(const char *path, const char *id)
{
	struct raw rows[16];
	int n = raw_rows(path, rows, 16), i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0)
			return true;
	return false;
}

static void
nod_on(struct dy_session *p, const char *parent, const char *word, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	json_t *o = json_pack("{s:s}", "word", word);

	if (dy_item_respond(p, &nod, parent, strlen(parent), o, NULL, 0, id, &err) != 0)
		fail_msg("nod: %s", err.msg);
	json_decref(o);
}

static void
step_on(struct dy_session *p, const char *parent, const char *text, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};

	if (dy_item_respond(p, &progress, parent, strlen(parent), NULL, text, strlen(text), id, &err) != 0)
		fail_msg("progress: %s", err.msg);
}

/* Responses on shared records follow the partnership rules: what Sam
 * wrote on Alex's record leaves with Sam, Jordan reads nothing of it, an
 * unshare or a delete takes the partner's responses, and Sam's copy of the
 * old key opens no response written after Sam left. */
static void
responses_follow_the_partnership_they_were_written_in(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *j = NULL;
	struct raw rows[16];
	uint8_t old_key[DY_KEY_BYTES];
	char n[DY_ID_LEN + 1], sam_nod[DY_ID_LEN + 1], step1[DY_ID_LEN + 1], jordan_nod[DY_ID_LEN + 1];
	char step2[DY_ID_LEN + 1], again[DY_ID_LEN + 1], sams[DY_ID_LEN + 1], alex_nod[DY_ID_LEN + 1];
	json_t *o = json_pack("{s:s}", "title", "our plan");
	int rows_n, i;

	assert_int_equal(dy_item_create(f->a, &note, NULL, o, "alex's plan", 11, DY_VIS_SHARED, 0, n, &err), 0);
	json_decref(o);
	nod_on(f->b, n, "read", sam_nod);
	step_on(f->a, n, "a step while Sam was here", step1);
	/* and Alex answers a note of Sam's */
	o = json_pack("{s:s}", "title", "sam's plan");
	assert_int_equal(dy_item_create(f->b, &note, NULL, o, "sam's words", 11, DY_VIS_SHARED, 0, sams, &err), 0);
	json_decref(o);
	nod_on(f->a, sams, "thanks", alex_nod);
	assert_int_equal(responses(f->a, &nod, n), 1);
	assert_int_equal(responses(f->b, &progress, n), 1);
	memcpy(old_key, f->b->keys->space, sizeof(old_key));

	/* Sam leaves: Sam's nod goes with Sam, from the file too; Alex's own
	 * step stays Alex's, private with its note */
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	assert_false(row_exists(f->path, sam_nod));
	assert_int_equal(responses(f->a, &nod, n), 0);
	/* Sam's note left with Sam, and Alex's answer to it with it */
	assert_false(row_exists(f->path, sams));
	assert_false(row_exists(f->path, alex_nod));
	assert_false(sees(f->a, &nod, alex_nod));
	assert_true(sees(f->a, &progress, step1));

	/* Jordan joins and reads nothing of before: not the note, not Sam's
	 * nod, not Alex's step; and cannot answer the note */
	j = fx_join(f, "Jordan", PASS_J);
	assert_false(sees(j, &note, n));
	assert_false(sees(j, &nod, sam_nod));
	assert_false(sees(j, &progress, step1));
	assert_int_equal(responses(j, &nod, n), 0);
	assert_int_equal(responses(j, &progress, n), 0);
	o = json_pack("{s:s}", "word", "read");
	assert_int_equal(dy_item_respond(j, &nod, n, strlen(n), o, NULL, 0, again, &err), DY_ENOTFOUND);
	json_decref(o);

	assert_int_equal(file_contains(f->path, "while Sam was here"), 0);

	/* Alex shares the note with Jordan: Jordan sees it and Alex's own step
	 * with it, and no response of Sam's */
	assert_int_equal(dy_item_set_vis(f->a, &note, n, strlen(n), DY_VIS_SHARED, 0, &err), 0);
	assert_true(sees(j, &note, n));
	assert_int_equal(responses(j, &nod, n), 0);
	assert_int_equal(responses(j, &progress, n), 1);
	nod_on(j, n, "thanks", jordan_nod);
	step_on(f->a, n, "a step with Jordan", step2);
	assert_int_equal(responses(f->a, &nod, n), 1);

	/* Sam's old key opens nothing in the file: not the note, not the steps,
	 * not Jordan's nod written after Sam left */
	rows_n = raw_rows(f->path, rows, 16);
	assert_int_equal(rows_n, 4);
	for (i = 0; i < rows_n; i++)
		assert_false(opens(&rows[i], old_key));
	sodium_memzero(old_key, sizeof(old_key));

	/* Alex unshares: Jordan's nod goes (from the file too); Alex's steps
	 * stay, private */
	assert_int_equal(dy_item_set_vis(f->a, &note, n, strlen(n), DY_VIS_PRIVATE, 0, &err), 0);
	assert_false(row_exists(f->path, jordan_nod));
	assert_false(sees(j, &progress, step1));
	assert_false(sees(j, &progress, step2));
	assert_int_equal(responses(f->a, &progress, n), 2);
	assert_int_equal(responses(f->a, &nod, n), 0);

	/* shared again and answered again, then deleted: every response goes */
	assert_int_equal(dy_item_set_vis(f->a, &note, n, strlen(n), DY_VIS_SHARED, 0, &err), 0);
	nod_on(j, n, "read", again);
	assert_int_equal(dy_item_delete(f->a, &note, n, strlen(n), &err), 0);
	assert_int_equal(raw_rows(f->path, rows, 16), 0);
	assert_false(sees(j, &nod, again));
	assert_int_equal(responses(f->a, &progress, n), 0);
	dy_session_free(j);
}

static void
a_held_record_opens_with_no_key_of_the_partner(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct raw rows[4];
	char id[DY_ID_LEN + 1];
	int n;

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_item_create(f->a, &dy_kind_journal, NULL, NULL, "my agenda, for later", 20, DY_VIS_HELD,
	                                1800000600, id, &err), 0);
	n = raw_rows(f->path, rows, 4);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].vis, 2);
	assert_false(opens(&rows[0], f->b->keys->space));
	assert_false(opens(&rows[0], f->b->keys->personal));
	assert_false(opens(&rows[0], f->a->keys->space));   /* not even the partnership's */
	assert_true(opens(&rows[0], f->a->keys->personal));
	/* revealed: sealed for the partnership */
	assert_int_equal(dy_item_set_vis(f->a, &dy_kind_journal, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	n = raw_rows(f->path, rows, 4);
	assert_true(opens(&rows[0], f->b->keys->space));
}

/* Alex holds an item for a check-in when Sam leaves: it becomes Alex's
 * private record, never opens for Sam's old key, and stays Alex's alone
 * when Jordan joins and its reveal time passes, through every list and in
 * the file itself. */
static void
a_held_record_at_a_leave_becomes_private_and_never_reaches_the_next_partner(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *j = NULL;
	struct raw rows[4];
	uint8_t old_key[DY_KEY_BYTES];
	char id[DY_ID_LEN + 1], code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;
	int n;

	fx_fake_clock(f, 1800000000);
	assert_int_equal(dy_item_create(f->a, &dy_kind_journal, NULL, NULL, "held for our talk", 17, DY_VIS_HELD,
	                                1800000600, id, &err), 0);
	memcpy(old_key, f->b->keys->space, sizeof(old_key));
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);

	/* private now, under Alex's key alone */
	n = raw_rows(f->path, rows, 4);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].vis, 0);
	assert_false(opens(&rows[0], old_key));
	assert_true(opens(&rows[0], f->a->keys->personal));
	assert_true(reads(f->a, id, "held for our talk"));

	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Jordan", 6, PASS_J, strlen(PASS_J), rec, &j, &err), 0);
	f->fake_now += 3600;  /* past the time it was to be revealed */
	dy_session_free(f->a);
	f->a = NULL;
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &f->a, &err), 0);
	assert_false(reads(j, id, "held for our talk"));
	assert_int_equal(count(j, DY_FILTER_ALL, NULL), 0);
	n = raw_rows(f->path, rows, 4);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].vis, 0);
	assert_false(opens(&rows[0], j->keys->space));
	assert_false(opens(&rows[0], j->keys->personal));
	assert_true(reads(f->a, id, "held for our talk"));
	dy_session_free(j);
}

static void
an_older_body_put_back_or_a_flipped_visibility_fails_its_integrity_check(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], pid[DY_ID_LEN + 1], sql[256];
	size_t damaged = 0;
	json_t *t = json_pack("{s:s}", "title", "n");

	add(f->a, "the first wording", true, id);
	assert_int_equal(dy_journal_edit(f->a, id, strlen(id), NULL, 0, "the second wording", 18, &err), 0);
	/* put version 1's body back in place of version 2's (the body kept in
	 * no table: swap it through a copy made before the edit) */
	fx_raw_exec(f->path, "CREATE TABLE keep AS SELECT * FROM record");
	assert_int_equal(dy_journal_edit(f->a, id, strlen(id), NULL, 0, "the third wording", 17, &err), 0);
	snprintf(sql, sizeof(sql), "UPDATE record SET body = (SELECT body FROM keep WHERE id = '%s') WHERE id = '%s';"
	         " DROP TABLE keep", id, id);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), DY_ECORRUPT);
	assert_non_null(strstr(err.msg, "integrity"));
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &err), DY_ECORRUPT);
	assert_int_equal(count(f->a, DY_FILTER_ALL, &damaged), 0);
	assert_int_equal(damaged, 1);

	/* a private entry flipped to shared in the file: Sam reads nothing,
	 * and Alex gets an integrity error, not the text */
	add(f->a, "only mine", false, pid);
	snprintf(sql, sizeof(sql), "UPDATE record SET visibility = 1, epoch = %lld WHERE id = '%s'",
	         (long long)f->a->keys->epoch, pid);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_journal_get(f->b, pid, strlen(pid), &e, &err), DY_ECORRUPT);
	assert_int_equal(dy_journal_get(f->a, pid, strlen(pid), &e, &err), DY_ECORRUPT);

	/* kept versions: one swapped for another fails too */
	assert_int_equal(dy_item_create(f->a, &note, NULL, t, "v1", 2, DY_VIS_PRIVATE, 0, id, &err), 0);
	assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), NULL, "v2", 2, &err), 0);
	assert_int_equal(dy_item_edit(f->a, &note, id, strlen(id), NULL, "v3", 2, &err), 0);
	snprintf(sql, sizeof(sql), "UPDATE record_version SET body = (SELECT body FROM record_version WHERE"
	         " record_id = '%s' AND version = 1) WHERE record_id = '%s' AND version = 2", id, id);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_item_versions(f->a, &note, id, strlen(id), &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 1);
	assert_string_equal(l.items[0].body, "v1");
	dy_item_list_release(&l);
	json_decref(t);
}

/* A note of p's with text body (title "n"). */
static void
add_note(struct dy_session *p, const char *body, enum dy_vis vis, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};
	json_t *t = json_pack("{s:s}", "title", "n");

	if (dy_item_create(p, &note, NULL, t, body, strlen(body), vis, 0, id, &err) != 0)
		fail_msg("create: %s", err.msg);
	json_decref(t);
}

static void
edit_note(struct dy_session *p, const char *id, const char *body)
{
	struct dy_error err = {0};

	if (dy_item_edit(p, &note, id, strlen(id), NULL, body, strlen(body), &err) != 0)
		fail_msg("edit: %s", err.msg);
}

/* The bodies of p's view of id's kept versions (of kind k), oldest first,
 * joined by '|' into out; *damaged those that did not open. */
static void
kept_bodies_of(struct dy_session *p, const struct dy_kind *k, const char *id, char *out, size_t cap,
               size_t *damaged)
{
	struct dy_item_list l;
	struct dy_error err = {0};
	size_t i;

	if (dy_item_versions(p, k, id, strlen(id), &l, &err) != 0)
		fail_msg("versions: %s", err.msg);
	out[0] = '\0';
	for (i = 0; i < l.count; i++) {
		const char *b = k == &note ? l.items[i].body
		                           : json_string_value(json_object_get(l.items[i].fields, "statement"));

		snprintf(out + strlen(out), cap - strlen(out), "%s%s", i > 0 ? "|" : "", b);
	}
	*damaged = l.damaged;
	dy_item_list_release(&l);
}

static void
kept_bodies(struct dy_session *p, const char *id, char *out, size_t cap, size_t *damaged)
{
	kept_bodies_of(p, &note, id, out, cap, damaged);
}

/* The attack of issue #7 on a record that keeps versions: with no key at
 * all, version 1's kept body put in the live row, the row's version set
 * back to 1 and the kept row deleted. Both get an integrity error, never
 * the earlier text. */
static void
a_kept_version_put_back_as_the_live_row_fails_its_integrity_check(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_item it;
	struct dy_query q = {.kinds = {&note}, .nkinds = 1};
	struct dy_item_list l;
	char id[DY_ID_LEN + 1], sql[512];

	add_note(f->a, "the first wording", DY_VIS_SHARED, id);
	edit_note(f->a, id, "the second wording");
	snprintf(sql, sizeof(sql),
	         "UPDATE record SET version = 1, body = (SELECT body FROM record_version WHERE record_id = '%s'"
	         " AND version = 1) WHERE id = '%s';"
	         " DELETE FROM record_version WHERE record_id = '%s' AND version = 1", id, id, id);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), DY_ECORRUPT);
	assert_non_null(strstr(err.msg, "failed its integrity check"));
	assert_int_equal(dy_item_get(f->b, &note, id, strlen(id), &it, &err), DY_ECORRUPT);
	assert_non_null(strstr(err.msg, "failed its integrity check"));
	assert_int_equal(dy_item_list(f->a, &q, &l, &err), 0);
	assert_int_equal(l.count, 0);
	assert_int_equal(l.damaged, 1);
	dy_item_list_release(&l);
	/* the same with the kept row left where it is, and private: still no */
	add_note(f->a, "private first", DY_VIS_PRIVATE, id);
	edit_note(f->a, id, "private second");
	snprintf(sql, sizeof(sql),
	         "UPDATE record SET version = 1, body = (SELECT body FROM record_version WHERE record_id = '%s'"
	         " AND version = 1) WHERE id = '%s'", id, id);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_item_get(f->a, &note, id, strlen(id), &it, &err), DY_ECORRUPT);
	assert_non_null(strstr(err.msg, "failed its integrity check"));
}

/* The other way: the live body copied into record_version, as a kept
 * version of its own number or in place of an earlier one, in today's form
 * or marked as kept the old way. It never shows as a kept wording. */
static void
a_live_body_put_in_the_kept_versions_fails_its_integrity_check(void **state)
{
	struct fixture *f = *state;
	char id[DY_ID_LEN + 1], sql[512], got[256];
	size_t damaged = 0;

	add_note(f->a, "wording one", DY_VIS_SHARED, id);
	edit_note(f->a, id, "wording two");
	edit_note(f->a, id, "wording three");
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "wording one|wording two");
	assert_int_equal(damaged, 0);
	/* kept version 2 replaced by the live body, numbered as the live row */
	snprintf(sql, sizeof(sql),
	         "UPDATE record_version SET version = 3, body = (SELECT body FROM record WHERE id = '%s')"
	         " WHERE record_id = '%s' AND version = 2", id, id);
	fx_raw_exec(f->path, sql);
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "wording one");
	assert_int_equal(damaged, 1);
	kept_bodies(f->b, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "wording one");
	assert_int_equal(damaged, 1);
	/* marked as kept before kept versions had a form of their own: all of
	 * Alex's are in today's form, so that is not believed either */
	snprintf(sql, sizeof(sql), "UPDATE record_version SET form = 2 WHERE record_id = '%s' AND version = 3", id);
	fx_raw_exec(f->path, sql);
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "wording one");
	assert_int_equal(damaged, 1);
	kept_bodies(f->b, id, got, sizeof(got), &damaged);
	assert_int_equal(damaged, 1);
	/* the live body in place of kept version 1, with its number */
	snprintf(sql, sizeof(sql),
	         "UPDATE record_version SET body = (SELECT body FROM record WHERE id = '%s')"
	         " WHERE record_id = '%s' AND version = 1", id, id);
	fx_raw_exec(f->path, sql);
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "");
	assert_int_equal(damaged, 2);
}

/* Every path that writes a kept version seals it as kept: an edit, a
 * share and an unshare, a held record revealed, a partner leaving. */
static void
kept_versions_are_sealed_as_kept_on_every_path(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], held[DY_ID_LEN + 1], got[256];
	size_t damaged = 9;
	const char *me = f->a->person_id;

	/* an edit while private, then while shared */
	add_note(f->a, "draft one", DY_VIS_PRIVATE, id);
	edit_note(f->a, id, "draft two");
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, f->a->keys->space), 1);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	edit_note(f->a, id, "draft three");
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, f->a->keys->space), 2);
	kept_bodies(f->b, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "draft two");
	assert_int_equal(damaged, 0);
	/* unshared: the one Sam saw goes under Alex's key; shared again: back */
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_PRIVATE, 0, &err), 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, NULL), 2);
	assert_int_equal(dy_item_set_vis(f->a, &note, id, strlen(id), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, f->a->keys->space), 2);
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "draft one|draft two");
	assert_int_equal(damaged, 0);
	/* held, edited while held, then revealed */
	add_note(f->a, "held one", DY_VIS_HELD, held);
	edit_note(f->a, held, "held two");
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, f->a->keys->space), 3);
	assert_int_equal(dy_item_set_vis(f->a, &note, held, strlen(held), DY_VIS_SHARED, 0, &err), 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, f->a->keys->space), 3);
	kept_bodies(f->b, held, got, sizeof(got), &damaged);
	assert_string_equal(got, "held one");
	assert_int_equal(damaged, 0);
	/* Sam leaves: at Alex's next unlock every kept version is private */
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	dy_session_free(f->a);
	f->a = NULL;
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &f->a, &err), 0);
	me = f->a->person_id;
	kept_bodies(f->a, id, got, sizeof(got), &damaged);
	assert_string_equal(got, "draft one|draft two");
	assert_int_equal(damaged, 0);
	kept_bodies(f->a, held, got, sizeof(got), &damaged);
	assert_string_equal(got, "held one");
	assert_int_equal(damaged, 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, me, f->a->keys->personal, NULL), 3);
}

static long
body_size(const char *path, const char *id)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long n = -1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT length(body) FROM record WHERE id = ?1", -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

static void
bodies_of_one_size_bucket_are_stored_alike(void **state)
{
	struct fixture *f = *state;
	char a[DY_ID_LEN + 1], b[DY_ID_LEN + 1], c[DY_ID_LEN + 1], big[600];

	add(f->a, "short", false, a);
	add(f->a, "a rather longer entry, though still in the smallest bucket of all", false, b);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	add(f->a, big, false, c);
	assert_int_equal(body_size(f->path, a), body_size(f->path, b));
	assert_int_equal(body_size(f->path, a), 256 + DY_SEAL_OVERHEAD);
	assert_int_equal(body_size(f->path, c), 768 + DY_SEAL_OVERHEAD);
	assert_int_equal(dy_pad_bucket(255), 256);
	assert_int_equal(dy_pad_bucket(256), 512);
	assert_true(dy_pad_bucket(2 * 1024 * 1024) <= 2 * 1024 * 1024 + 2 * 1024 * 1024 / 4 + 256);
}

static long
wal_size(const struct fixture *f)
{
	char wal[320];
	struct stat st;

	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	return stat(wal, &st) == 0 ? (long)st.st_size : -1;
}

static void
unshare_delete_and_leave_empty_the_write_ahead_log(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];

	add(f->a, "shared, for a while", true, id);
	assert_true(wal_size(f) > 0);
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), false, &err), 0);
	assert_int_equal(wal_size(f), 0);
	add(f->a, "soon gone", false, id);
	assert_true(wal_size(f) > 0);
	assert_int_equal(dy_journal_delete(f->a, id, strlen(id), &err), 0);
	assert_int_equal(wal_size(f), 0);
	add(f->b, "sam's", true, id);
	assert_true(wal_size(f) > 0);
	assert_int_equal(dy_leave(f->b, &err), 0);
	assert_int_equal(wal_size(f), 0);
}

static void
the_label_changes_and_the_notice_can_be_put_away(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_space_info si;

	assert_int_equal(dy_space_set_label(f->a, "Home", 4, &err), 0);
	assert_int_equal(dy_space_set_label(f->b, "", 0, &err), DY_EINVAL);
	assert_int_equal(dy_space_set_label(f->b, "two\nlines", 9, &err), DY_EINVAL);
	assert_int_equal(dy_whoami(f->b, &si, &err), 0);
	assert_string_equal(si.label, "Home");
	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	assert_int_equal(dy_whoami(f->a, &si, &err), 0);
	assert_string_equal(si.left_name, "Sam");
	assert_int_equal(dy_space_dismiss_notice(f->a, &err), 0);
	assert_int_equal(dy_whoami(f->a, &si, &err), 0);
	assert_string_equal(si.left_name, "");
}

static void
an_invitation_from_before_a_change_admits_no_one(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *j = NULL;
	char code[DY_INVITE_LEN + 1], rec[DY_RECOVERY_LEN + 1];
	int64_t exp;

	assert_int_equal(dy_leave(f->b, &err), 0);
	dy_session_free(f->b);
	f->b = NULL;
	assert_int_equal(dy_invite_create(f->a, code, &exp, &err), 0);
	/* the file says the next partnership is already under way */
	fx_raw_exec(f->path, "UPDATE space SET epoch = epoch + 1");
	assert_int_equal(dy_space_join(f->db, code, strlen(code), "Jordan", 6, PASS_J, strlen(PASS_J), rec, &j, &err),
	                 DY_EEXPIRED);
	assert_null(j);
}

/* Copy a database of an older schema (name in tests/unit/data) into f. */
static void
use_fixture(struct fixture *f, const char *name)
{
	char cmd[700];

	dy_session_free(f->a);
	dy_session_free(f->b);
	f->a = f->b = NULL;
	dy_db_close(f->db);
	f->db = NULL;
	snprintf(cmd, sizeof(cmd), "rm -f '%s'* && cp '%s/%s' '%s'", f->path, DY_TEST_DATA, name, f->path);
	assert_int_equal(system(cmd), 0);
}

static void
a_schema_3_database_is_upgraded_and_reads_everything(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	struct dy_item_list v;
	struct raw rows[16];
	struct dy_query q = {.kinds = {&note}, .nkinds = 1};
	size_t damaged = 9;
	int n, i, old = 0;

	use_fixture(f, "schema3.db");
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(dy_unlock(f->db, "Sam", 3, PASS_B, strlen(PASS_B), &f->b, &err), 0);
	assert_int_equal(dy_unlock(f->db, "Alex", 4, PASS_A, strlen(PASS_A), &f->a, &err), 0);
	/* Alex: private, shared, held; Sam: Alex's shared and Sam's own two */
	assert_int_equal(count(f->a, DY_FILTER_MINE, &damaged), 3);
	assert_int_equal(damaged, 0);
	assert_int_equal(dy_journal_list(f->b, DY_FILTER_ALL, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 3);
	assert_int_equal(l.damaged, 0);
	for (i = 0; i < (int)l.count; i++)
		assert_non_null(strstr(l.items[i].text, "schema three"));
	dy_entry_list_release(&l);
	/* the note and its history: Alex sees both earlier wordings, Sam only
	 * the one kept while it was shared */
	assert_int_equal(dy_item_list(f->b, &q, &v, &err), 0);
	assert_int_equal(v.count, 1);
	assert_string_equal(v.items[0].body, "note three shared");
	{
		struct dy_item_list h;
		assert_int_equal(dy_item_versions(f->a, &note, v.items[0].id, strlen(v.items[0].id), &h, &err), 0);
		assert_int_equal(h.count, 2);
		assert_string_equal(h.items[0].body, "note one private");
		assert_string_equal(h.items[1].body, "note two private");
		dy_item_list_release(&h);
		assert_int_equal(dy_item_versions(f->b, &note, v.items[0].id, strlen(v.items[0].id), &h, &err), 0);
		assert_int_equal(h.count, 1);
		assert_string_equal(h.items[0].body, "note two private");
		dy_item_list_release(&h);
	}
	dy_item_list_release(&v);
	/* both unlocked once: nothing is left in the old form, and the held
	 * record is now under Alex's key alone */
	n = raw_rows(f->path, rows, 16);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++) {
		if (rows[i].vis == 2) {
			assert_false(opens(&rows[i], f->b->keys->space));
			assert_true(opens(&rows[i], f->a->keys->personal));
		}
	}
	{
		sqlite3 *h;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(f->path, &h), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM record WHERE form = 1) +"
		                                       " (SELECT count(*) FROM record_version WHERE form = 1) +"
		                                       " (SELECT count(*) FROM member_key WHERE form = 1)", -1, &st,
		                                    NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		old = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(h);
	}
	assert_int_equal(old, 0);
	/* and every kept version is sealed as kept */
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM record_version WHERE form <> 3"), 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, f->a->person_id, f->a->keys->personal, f->a->keys->space),
	                 2);
}

/* The id of s's one boundary into id. */
static void
my_boundary(struct dy_session *s, char id[DY_ID_LEN + 1])
{
	struct dy_query q = {.kinds = {&dy_kind_boundary}, .nkinds = 1, .filter = DY_FILTER_MINE};
	struct dy_item_list l;
	struct dy_error err = {0};

	assert_int_equal(dy_item_list(s, &q, &l, &err), 0);
	assert_int_equal(l.count, 1);
	memcpy(id, l.items[0].id, DY_ID_LEN + 1);
	dy_item_list_release(&l);
}

/* A database of schema 7 (data/make_schema7.sh, made by the dyad before
 * kept versions had associated data of their own): each person's kept
 * versions are sealed again as kept at their own next unlock, and read in
 * the old form until then. */
static void
a_schema_7_database_seals_kept_versions_again_at_each_unlock(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_session *maya = NULL, *sam = NULL;
	char mid[DY_ID_LEN + 1], sid[DY_ID_LEN + 1], got[512];
	size_t damaged = 9;

	use_fixture(f, "schema7.db");
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM record_version WHERE form = 2"), 3);
	assert_int_equal(dy_db_open(f->path, 0, &f->db, &err), 0);
	assert_int_equal(fx_raw_int(f->path, "PRAGMA user_version"), dy_schema_version());
	/* Sam first: Sam's one kept version is sealed again, Maya's wait */
	assert_int_equal(dy_unlock(f->db, "Sam", 3, "sam passphrase 2", 16, &sam, &err), 0);
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM record_version WHERE form = 2"), 2);
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM person WHERE form = 3"), 1);
	kept_all_sealed_as_kept(f->path, sam->person_id, sam->keys->personal, sam->keys->space);
	my_boundary(sam, sid);
	kept_bodies_of(sam, &dy_kind_boundary, sid, got, sizeof(got), &damaged);
	assert_string_equal(got, "I won't talk money after ten.");
	assert_int_equal(damaged, 0);
	/* Maya's, still in the old form, read as before (the one Sam saw) */
	{
		struct dy_query q = {.kinds = {&dy_kind_boundary}, .nkinds = 1, .filter = DY_FILTER_THEIRS};
		struct dy_item_list l;

		assert_int_equal(dy_item_list(sam, &q, &l, &err), 0);
		assert_int_equal(l.count, 1);
		memcpy(mid, l.items[0].id, DY_ID_LEN + 1);
		dy_item_list_release(&l);
	}
	kept_bodies_of(sam, &dy_kind_boundary, mid, got, sizeof(got), &damaged);
	assert_string_equal(got, "I need quiet mornings and evenings.");
	assert_int_equal(damaged, 0);

	/* Maya unlocks: nothing is left in the old form */
	assert_int_equal(dy_unlock(f->db, "Maya", 4, "maya passphrase 1", 17, &maya, &err), 0);
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM record_version WHERE form <> 3"), 0);
	assert_int_equal(fx_raw_int(f->path, "SELECT count(*) FROM person WHERE form <> 3"), 0);
	assert_int_equal(kept_all_sealed_as_kept(f->path, maya->person_id, maya->keys->personal, maya->keys->space),
	                 3);
	kept_bodies_of(maya, &dy_kind_boundary, mid, got, sizeof(got), &damaged);
	assert_string_equal(got, "I need quiet mornings.|I need quiet mornings and evenings.");
	assert_int_equal(damaged, 0);
	kept_bodies_of(maya, &dy_kind_boundary, sid, got, sizeof(got), &damaged);
	assert_string_equal(got, "I won't talk money after ten.");
	assert_int_equal(damaged, 0);
	kept_bodies_of(sam, &dy_kind_boundary, mid, got, sizeof(got), &damaged);
	assert_string_equal(got, "I need quiet mornings and evenings.");
	assert_int_equal(damaged, 0);
	{
		struct dy_item it;

		assert_int_equal(dy_item_get(sam, &dy_kind_boundary, mid, strlen(mid), &it, &err), 0);
		assert_string_equal(json_string_value(json_object_get(it.fields, "statement")),
		                    "I need quiet mornings, evenings and Sundays.");
		dy_item_release(&it);
	}
	/* and the rollback of issue #7 fails on the upgraded file too */
	{
		struct dy_item it;
		char sql[512];

		snprintf(sql, sizeof(sql),
		         "UPDATE record SET version = 1, body = (SELECT body FROM record_version WHERE record_id = '%s'"
		         " AND version = 1) WHERE id = '%s'; DELETE FROM record_version WHERE record_id = '%s'"
		         " AND version = 1", mid, mid, mid);
		fx_raw_exec(f->path, sql);
		assert_int_equal(dy_item_get(maya, &dy_kind_boundary, mid, strlen(mid), &it, &err), DY_ECORRUPT);
		assert_non_null(strstr(err.msg, "failed its integrity check"));
	}
	dy_session_free(maya);
	dy_session_free(sam);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(sam_leaves_jordan_joins_and_reads_nothing_from_before, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(responses_follow_the_partnership_they_were_written_in, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_held_record_opens_with_no_key_of_the_partner, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_held_record_at_a_leave_becomes_private_and_never_reaches_the_next_partner,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(an_older_body_put_back_or_a_flipped_visibility_fails_its_integrity_check,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_kept_version_put_back_as_the_live_row_fails_its_integrity_check,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_live_body_put_in_the_kept_versions_fails_its_integrity_check,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(kept_versions_are_sealed_as_kept_on_every_path, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(bodies_of_one_size_bucket_are_stored_alike, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(unshare_delete_and_leave_empty_the_write_ahead_log, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(the_label_changes_and_the_notice_can_be_put_away, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(an_invitation_from_before_a_change_admits_no_one, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_schema_3_database_is_upgraded_and_reads_everything, fx_setup,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(a_schema_7_database_seals_kept_versions_again_at_each_unlock, fx_setup,
		                                fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
