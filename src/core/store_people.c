/*
 * store_people.c - the rows of spaces, people, invitations and web
 * sessions, as store.h's typed functions. Their statements are in store.c's
 * one table (S_SPACE_*, S_PERSON_*, S_INVITE_*, S_TOKEN_*); no other file of
 * the account side binds or steps one.
 */
#include <string.h>

#include "store_int.h"
#include "util.h"
#include "banned.h"

/* The statement id, or 0-or-error through *rc. */
static sqlite3_stmt *
stmt(struct dy_db *db, enum stmt id, int *rc, struct dy_error *err)
{
	sqlite3_stmt *st = store_stmt(db, id, err);

	*rc = st == NULL ? (err != NULL && err->code != 0 ? (int)err->code : DY_EIO) : 0;
	return st;
}

/* Text of a column into a fixed buffer; a NULL (damaged file) reads as "". */
static void
column_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	dy_strlcpy(dst, (const char *)sqlite3_column_text(st, col), size);
}

/* A blob of exactly size bytes into dst; false when its size differs. */
static bool
column_blob(sqlite3_stmt *st, int col, void *dst, size_t size)
{
	const void *p = sqlite3_column_blob(st, col);

	if ((size_t)sqlite3_column_bytes(st, col) != size || (p == NULL && size > 0))
		return false;
	memcpy(dst, p, size);
	return true;
}

static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	store_bind_text(st, i, s, strlen(s));
}

/* Run a statement whose one parameter is a time. */
static int
exec_time(struct dy_db *db, enum stmt id, int64_t t, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, id, &rc, err)) == NULL)
		return rc;
	sqlite3_bind_int64(st, 1, t);
	return store_exec(db, st, err);
}

/* Run a statement on the row of a lookup (?1), with a time as ?2 when now
 * is not NULL. */
static int
exec_lookup(struct dy_db *db, enum stmt id, const uint8_t lookup[DY_KEY_BYTES], const int64_t *now,
            struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, id, &rc, err)) == NULL)
		return rc;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	if (now != NULL)
		sqlite3_bind_int64(st, 2, *now);
	return store_exec(db, st, err);
}

int
store_space_get(struct dy_db *db, struct dy_space_info *out, struct dy_error *err)
{
	struct dy_space_info si;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_GET, &rc, err)) == NULL)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(&si, 0, sizeof(si));
		column_text(st, 0, si.id, sizeof(si.id));
		column_text(st, 1, si.label, sizeof(si.label));
		si.created_at = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			column_text(st, 4, si.left_name, sizeof(si.left_name));
			si.left_at = sqlite3_column_int64(st, 5);
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOSPACE, "No space has been set up yet.");
	if (rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	*out = si;
	return 0;
}

int
store_space_epoch(struct dy_db *db, int64_t *epoch, struct dy_error *err)
{
	sqlite3_stmt *st;
	int64_t e = 0;
	int rc;

	if ((st = stmt(db, S_SPACE_GET, &rc, err)) == NULL)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		e = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOSPACE, "No space has been set up yet.");
	if (rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	*epoch = e;
	return 0;
}

int
store_space_set_label(struct dy_db *db, const char *id, const char *label, size_t label_len,
                      struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_SET_LABEL, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	store_bind_text(st, 2, label, label_len);
	return store_exec(db, st, err);
}

int
store_space_end(struct dy_db *db, const char *id, const char *left_name, int64_t left_at, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_END, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	bind_str(st, 2, left_name);
	sqlite3_bind_int64(st, 3, left_at);
	return store_exec(db, st, err);
}

int
store_space_next(struct dy_db *db, const char *id, int64_t epoch, bool *changed, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_NEXT, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	sqlite3_bind_int64(st, 2, epoch);
	if ((rc = store_exec(db, st, err)) == 0)
		*changed = store_changes(db) == 1;
	return rc;
}

int
store_space_clear_notice(struct dy_db *db, const char *id, struct dy_error *err)
{
	return store_exec_text(db, S_SPACE_CLEAR_NOTICE, id, err);
}

int
store_key_list(struct dy_db *db, const char *person_id, struct store_key out[STORE_KEYS_MAX], int *n,
               struct dy_error *err)
{
	struct store_key k[STORE_KEYS_MAX];
	sqlite3_stmt *st;
	int rc, got = 0;
	bool whole = true;

	if ((st = stmt(db, S_KEY_LIST, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (got == STORE_KEYS_MAX) {
			/* keep the newest: the oldest open nothing still wanted */
			memmove(k, k + 1, sizeof(k[0]) * (STORE_KEYS_MAX - 1));
			got--;
		}
		k[got].epoch = sqlite3_column_int64(st, 0);
		k[got].form = sqlite3_column_int(st, 1);
		whole = whole && column_blob(st, 2, k[got].wrapped, sizeof(k[got].wrapped));
		got++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(db, rc, err);
	if (!whole)
		return dy_fail(err, DY_ECORRUPT, "A copy of a space key in the database is damaged.");
	memcpy(out, k, sizeof(k[0]) * (size_t)got);
	*n = got;
	return 0;
}

int
store_key_put(struct dy_db *db, const char *person_id, int64_t epoch, const uint8_t wrapped[DY_SPACE_WRAPPED_BYTES],
              struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_KEY_PUT, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, person_id);
	sqlite3_bind_int64(st, 2, epoch);
	store_bind_blob(st, 3, wrapped, DY_SPACE_WRAPPED_BYTES);
	return store_exec(db, st, err);
}

int
store_key_forget_others(struct dy_db *db, const char *person_id, int64_t epoch, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_KEY_FORGET_OTHERS, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, person_id);
	sqlite3_bind_int64(st, 2, epoch);
	return store_exec(db, st, err);
}

int
store_person_set_form(struct dy_db *db, const char *id, struct dy_error *err)
{
	return store_exec_text(db, S_PERSON_SET_FORM, id, err);
}

int
store_person_zone(struct dy_db *db, const char *id, char out[DY_ZONE_MAX + 1], struct dy_error *err)
{
	char zone[DY_ZONE_MAX + 1] = "";
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_ZONE, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		column_text(st, 0, zone, sizeof(zone));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOTFOUND, "No such person.");
	if (rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	memcpy(out, zone, sizeof(zone));
	return 0;
}

int
store_person_set_zone(struct dy_db *db, const char *id, const char *zone, bool only_if_none,
                      struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, only_if_none ? S_PERSON_ZONE_DEFAULT : S_PERSON_SET_ZONE, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	if (zone != NULL)
		bind_str(st, 2, zone);
	else
		sqlite3_bind_null(st, 2);
	return store_exec(db, st, err);
}

int
store_person_set_hue(struct dy_db *db, const char *id, int hue, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_SET_HUE, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	sqlite3_bind_int(st, 2, hue);
	return store_exec(db, st, err);
}

int
store_person_prefs(struct dy_db *db, const char *id, struct store_prefs *out, struct dy_error *err)
{
	struct store_prefs p;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_PREFS, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p.pulse_day = sqlite3_column_int(st, 0);
		p.pulse_moved_at = sqlite3_column_int64(st, 1);
		p.pulse_moved_given = sqlite3_column_int(st, 2) != 0;
		p.check_every = sqlite3_column_int(st, 3);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOTFOUND, "No such person.");
	if (rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	*out = p;
	return 0;
}

int
store_person_set_pulse_day(struct dy_db *db, const char *id, int weekday, int64_t moved_at, bool moved_given,
                           struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_SET_PULSE_DAY, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	sqlite3_bind_int(st, 2, weekday);
	sqlite3_bind_int64(st, 3, moved_at);
	sqlite3_bind_int(st, 4, moved_given ? 1 : 0);
	return store_exec(db, st, err);
}

int
store_person_set_check_every(struct dy_db *db, const char *id, int months, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_SET_CHECK_EVERY, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	sqlite3_bind_int(st, 2, months);
	return store_exec(db, st, err);
}

int
store_space_checkin(struct dy_db *db, const char *id, struct dy_checkin_schedule *out, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_CHECKIN, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->freq = sqlite3_column_int(st, 0);
		out->weekday = sqlite3_column_int(st, 1);
		out->week = sqlite3_column_int(st, 2);
		out->minute = sqlite3_column_int(st, 3);
		out->anchor = (int32_t)sqlite3_column_int64(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			column_text(st, 5, out->zone, sizeof(out->zone));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dy_fail(err, DY_ENOTFOUND, "No such space.");
	if (rc != SQLITE_ROW)
		return store_fail(db, rc, err);
	return 0;
}

int
store_space_set_checkin(struct dy_db *db, const char *id, const struct dy_checkin_schedule *sc,
                        struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_SET_CHECKIN, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	sqlite3_bind_int(st, 2, sc->freq);
	sqlite3_bind_int(st, 3, sc->weekday);
	sqlite3_bind_int(st, 4, sc->week);
	sqlite3_bind_int(st, 5, sc->minute);
	sqlite3_bind_int64(st, 6, sc->anchor);
	if (sc->freq != 0)
		bind_str(st, 7, sc->zone);
	else
		sqlite3_bind_null(st, 7);
	return store_exec(db, st, err);
}

int
store_space_insert(struct dy_db *db, const char *id, const char *label, size_t label_len,
                   int64_t created_at, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_SPACE_INSERT, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	store_bind_text(st, 2, label, label_len);
	sqlite3_bind_int64(st, 3, created_at);
	return store_exec(db, st, err);
}

int
store_space_delete_if_empty(struct dy_db *db, const char *id, struct dy_error *err)
{
	return store_exec_text(db, S_SPACE_DELETE, id, err);
}

int
store_person_list(struct dy_db *db, const char *space_id, struct dy_person_info out[2], int *count,
                  struct dy_error *err)
{
	struct dy_person_info people[2];
	sqlite3_stmt *st;
	int rc, n = 0;

	if ((st = stmt(db, S_PERSON_LIST, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, space_id);
	memset(people, 0, sizeof(people));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 2) {
		struct dy_person_info *pi = &people[n++];

		column_text(st, 0, pi->id, sizeof(pi->id));
		column_text(st, 1, pi->name, sizeof(pi->name));
		pi->color = sqlite3_column_int(st, 2);
		pi->hue = sqlite3_column_int(st, 4);
		pi->created_at = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(db, rc, err);
	memcpy(out, people, sizeof(people));
	*count = n;
	return 0;
}

static int
person_get(struct dy_db *db, enum stmt id, const char *key, size_t key_len, struct store_person *out,
           struct dy_error *err)
{
	struct store_person p;
	sqlite3_stmt *st;
	int rc;
	bool whole;

	if ((st = stmt(db, id, &rc, err)) == NULL)
		return rc;
	store_bind_text(st, 1, key, key_len);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return dy_fail(err, DY_ENOTFOUND, "No such person.");
		return store_fail(db, rc, err);
	}
	memset(&p, 0, sizeof(p));
	column_text(st, 0, p.id, sizeof(p.id));
	column_text(st, 1, p.space_id, sizeof(p.space_id));
	column_text(st, 2, p.name, sizeof(p.name));
	p.color = sqlite3_column_int(st, 3);
	p.created_at = sqlite3_column_int64(st, 4);
	p.kdf_ops = (uint64_t)sqlite3_column_int64(st, 7);
	p.kdf_mem = (size_t)sqlite3_column_int64(st, 8);
	p.rec_ops = (uint64_t)sqlite3_column_int64(st, 11);
	p.rec_mem = (size_t)sqlite3_column_int64(st, 12);
	p.form = sqlite3_column_int(st, 14);
	whole = column_blob(st, 5, p.box_pk, sizeof(p.box_pk)) &&
	        column_blob(st, 6, p.kdf_salt, sizeof(p.kdf_salt)) &&
	        column_blob(st, 9, p.wrapped, sizeof(p.wrapped)) &&
	        column_blob(st, 10, p.rec_salt, sizeof(p.rec_salt)) &&
	        column_blob(st, 13, p.rec_wrapped, sizeof(p.rec_wrapped));
	sqlite3_reset(st);
	if (!whole) {
		sodium_memzero(&p, sizeof(p));
		return dy_fail(err, DY_ECORRUPT, "A person's record in the database is damaged.");
	}
	*out = p;
	sodium_memzero(&p, sizeof(p));
	return 0;
}

int
store_person_by_id(struct dy_db *db, const char *id, size_t id_len, struct store_person *out,
                   struct dy_error *err)
{
	return person_get(db, S_PERSON_BY_ID, id, id_len, out, err);
}

int
store_person_insert(struct dy_db *db, const struct store_person *p, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_PERSON_INSERT, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, p->id);
	bind_str(st, 2, p->space_id);
	bind_str(st, 3, p->name);
	sqlite3_bind_int(st, 4, p->color);
	sqlite3_bind_int64(st, 5, p->created_at);
	store_bind_blob(st, 6, p->box_pk, sizeof(p->box_pk));
	store_bind_blob(st, 7, p->kdf_salt, sizeof(p->kdf_salt));
	sqlite3_bind_int64(st, 8, (int64_t)p->kdf_ops);
	sqlite3_bind_int64(st, 9, (int64_t)p->kdf_mem);
	store_bind_blob(st, 10, p->wrapped, sizeof(p->wrapped));
	store_bind_blob(st, 11, p->rec_salt, sizeof(p->rec_salt));
	sqlite3_bind_int64(st, 12, (int64_t)p->rec_ops);
	sqlite3_bind_int64(st, 13, (int64_t)p->rec_mem);
	store_bind_blob(st, 14, p->rec_wrapped, sizeof(p->rec_wrapped));
	return store_exec(db, st, err);
}

/* Set one of a person's wrapped secrets: statement id takes (id, salt,
 * ops, mem, wrapped). */
static int
person_set_wrapped(struct dy_db *db, enum stmt id_stmt, const char *id, const uint8_t salt[DY_SALT_BYTES],
                   uint64_t ops, size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES], struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, id_stmt, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, id);
	store_bind_blob(st, 2, salt, DY_SALT_BYTES);
	sqlite3_bind_int64(st, 3, (int64_t)ops);
	sqlite3_bind_int64(st, 4, (int64_t)mem);
	store_bind_blob(st, 5, wrapped, DY_WRAPPED_BYTES);
	return store_exec(db, st, err);
}

int
store_person_set_pass(struct dy_db *db, const char *id, const uint8_t salt[DY_SALT_BYTES], uint64_t ops,
                      size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES], struct dy_error *err)
{
	return person_set_wrapped(db, S_PERSON_SET_PASS, id, salt, ops, mem, wrapped, err);
}

int
store_person_set_rec(struct dy_db *db, const char *id, const uint8_t salt[DY_SALT_BYTES], uint64_t ops,
                     size_t mem, const uint8_t wrapped[DY_WRAPPED_BYTES], struct dy_error *err)
{
	return person_set_wrapped(db, S_PERSON_SET_REC, id, salt, ops, mem, wrapped, err);
}

int
store_person_delete(struct dy_db *db, const char *id, struct dy_error *err)
{
	return store_exec_text(db, S_PERSON_DELETE, id, err);
}

int
store_invite_insert(struct dy_db *db, const struct store_invite *inv, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_INVITE_INSERT, &rc, err)) == NULL)
		return rc;
	store_bind_blob(st, 1, inv->lookup, sizeof(inv->lookup));
	bind_str(st, 2, inv->space_id);
	bind_str(st, 3, inv->created_by);
	sqlite3_bind_int64(st, 4, inv->created_at);
	sqlite3_bind_int64(st, 5, inv->expires_at);
	store_bind_blob(st, 6, inv->wrapped, sizeof(inv->wrapped));
	sqlite3_bind_int64(st, 7, inv->epoch);
	store_bind_blob(st, 8, inv->creator_key, sizeof(inv->creator_key));
	return store_exec(db, st, err);
}

int
store_invite_get(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct store_invite *out,
                 struct dy_error *err)
{
	struct store_invite inv;
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_INVITE_GET, &rc, err)) == NULL)
		return rc;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? dy_fail(err, DY_ENOTFOUND, "No such invitation.") : store_fail(db, rc, err);
	}
	memset(&inv, 0, sizeof(inv));
	memcpy(inv.lookup, lookup, DY_KEY_BYTES);
	column_text(st, 0, inv.space_id, sizeof(inv.space_id));
	inv.expires_at = sqlite3_column_int64(st, 1);
	inv.used = sqlite3_column_type(st, 2) != SQLITE_NULL;
	inv.epoch = sqlite3_column_int64(st, 4);
	inv.has_key = !inv.used && column_blob(st, 3, inv.wrapped, sizeof(inv.wrapped)) &&
	              column_blob(st, 5, inv.creator_key, sizeof(inv.creator_key));
	column_text(st, 6, inv.created_by, sizeof(inv.created_by));
	sqlite3_reset(st);
	*out = inv;
	sodium_memzero(&inv, sizeof(inv));
	return 0;
}

int
store_invite_use(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], int64_t now, struct dy_error *err)
{
	return exec_lookup(db, S_INVITE_USE, lookup, &now, err);
}

int
store_invite_purge(struct dy_db *db, int64_t now, struct dy_error *err)
{
	return exec_time(db, S_INVITE_PURGE, now, err);
}

int
store_invite_delete_space(struct dy_db *db, const char *space_id, struct dy_error *err)
{
	return store_exec_text(db, S_INVITE_DELETE_SPACE, space_id, err);
}

int
store_invite_delete_others(struct dy_db *db, const char *space_id, const uint8_t lookup[DY_KEY_BYTES],
                           struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_INVITE_DELETE_OTHERS, &rc, err)) == NULL)
		return rc;
	bind_str(st, 1, space_id);
	store_bind_blob(st, 2, lookup, DY_KEY_BYTES);
	return store_exec(db, st, err);
}

int
store_token_insert(struct dy_db *db, const struct store_token *t, struct dy_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = stmt(db, S_TOKEN_INSERT, &rc, err)) == NULL)
		return rc;
	store_bind_blob(st, 1, t->lookup, sizeof(t->lookup));
	bind_str(st, 2, t->person_id);
	sqlite3_bind_int64(st, 3, t->created_at);
	sqlite3_bind_int64(st, 4, t->idle_ttl);
	store_bind_blob(st, 5, t->wrapped, sizeof(t->wrapped));
	return store_exec(db, st, err);
}

int
store_token_get(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct store_token *out,
                struct dy_error *err)
{
	struct store_token t;
	sqlite3_stmt *st;
	int rc;
	bool whole;

	if ((st = stmt(db, S_TOKEN_GET, &rc, err)) == NULL)
		return rc;
	store_bind_blob(st, 1, lookup, DY_KEY_BYTES);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? dy_fail(err, DY_ENOTFOUND, "No such session.") : store_fail(db, rc, err);
	}
	memset(&t, 0, sizeof(t));
	memcpy(t.lookup, lookup, DY_KEY_BYTES);
	column_text(st, 0, t.person_id, sizeof(t.person_id));
	t.last_seen = sqlite3_column_int64(st, 1);
	t.idle_ttl = sqlite3_column_int64(st, 2);
	whole = column_blob(st, 3, t.wrapped, sizeof(t.wrapped));
	sqlite3_reset(st);
	if (!whole)
		return dy_fail(err, DY_ECORRUPT, "A web session in the database is damaged.");
	*out = t;
	return 0;
}

int
store_token_touch(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], int64_t now, struct dy_error *err)
{
	return exec_lookup(db, S_TOKEN_TOUCH, lookup, &now, err);
}

int
store_token_delete(struct dy_db *db, const uint8_t lookup[DY_KEY_BYTES], struct dy_error *err)
{
	return exec_lookup(db, S_TOKEN_DELETE, lookup, NULL, err);
}

int
store_token_delete_person(struct dy_db *db, const char *person_id, struct dy_error *err)
{
	return store_exec_text(db, S_TOKEN_DELETE_PERSON, person_id, err);
}

int
store_token_purge(struct dy_db *db, int64_t now, struct dy_error *err)
{
	return exec_time(db, S_TOKEN_PURGE, now, err);
}

void
store_kdf_cost(const struct dy_db *db, uint64_t *ops, size_t *mem)
{
	*ops = db->kdf_ops;
	*mem = db->kdf_mem;
}
