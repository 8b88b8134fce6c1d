/* journal_test.c - the journal, and the privacy of what is in it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "helpers.h"
#include "record.h"
#include "session.h"
#include "store.h"

static void
add_then_read_back(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "Sunday", 6, "We walked by the river.", 23, false, id, &err), 0);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.title, "Sunday");
	assert_string_equal(e.text, "We walked by the river.");
	assert_string_equal(e.author, "Alex");
	assert_true(e.mine);
	assert_false(e.shared);
	dy_entry_release(&e);
}

static void
partner_never_sees_my_private_entry(void **state)
{
	struct fixture *f = *state;
	struct dy_error e1 = {0}, e2 = {0};
	struct dy_entry_list l;
	struct dy_entry e;
	char id[DY_ID_LEN + 1], bogus[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "secret", 6, "only mine", 9, false, id, &e1), 0);
	assert_int_equal(dy_journal_list(f->b, DY_FILTER_ALL, NULL, 0, &l, &e1), 0);
	assert_int_equal(l.count, 0);
	assert_string_equal(l.next, "");
	dy_entry_list_release(&l);
	/* by id: the same answer as for an id that does not exist */
	memcpy(bogus, id, sizeof(bogus));
	bogus[DY_ID_LEN - 1] = bogus[DY_ID_LEN - 1] == '0' ? '1' : '0';
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &e1), DY_ENOTFOUND);
	assert_int_equal(dy_journal_get(f->b, bogus, strlen(bogus), &e, &e2), DY_ENOTFOUND);
	{
		/* the very same words, but for the id each was asked with */
		char want1[64], want2[64];
		snprintf(want1, sizeof(want1), "No entry %s.", id);
		snprintf(want2, sizeof(want2), "No entry %s.", bogus);
		assert_string_equal(e1.msg, want1);
		assert_string_equal(e2.msg, want2);
	}
	/* nor by a prefix of it, nor can they change it */
	assert_int_equal(dy_journal_get(f->b, id, 8, &e, &e1), DY_ENOTFOUND);
	assert_int_equal(dy_journal_edit(f->b, id, strlen(id), NULL, 0, "mine now", 8, &e1), DY_ENOTFOUND);
	assert_int_equal(dy_journal_delete(f->b, id, strlen(id), &e1), DY_ENOTFOUND);
	assert_int_equal(dy_journal_share(f->b, id, strlen(id), true, &e1), DY_ENOTFOUND);
}

static void
shared_entry_is_readable_by_both_and_editable_by_its_author_only(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "for both of us", 14, true, id, &err), 0);
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "for both of us");
	assert_false(e.mine);
	assert_true(e.shared);
	assert_string_equal(e.author, "Alex");
	dy_entry_release(&e);
	assert_int_equal(dy_journal_edit(f->b, id, strlen(id), NULL, 0, "changed", 7, &err), DY_EPERM);
	assert_int_equal(dy_journal_delete(f->b, id, strlen(id), &err), DY_EPERM);
	assert_int_equal(dy_journal_share(f->b, id, strlen(id), false, &err), DY_EPERM);
	assert_int_equal(dy_journal_edit(f->a, id, strlen(id), NULL, 0, "for both of us, still", 21, &err), 0);
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "for both of us, still");
	dy_entry_release(&e);
}

static void
unsharing_takes_it_back(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "second thoughts", 15, false, id, &err), 0);
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), true, &err), 0);
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &err), 0);
	dy_entry_release(&e);
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), false, &err), 0);
	assert_int_equal(dy_journal_get(f->b, id, strlen(id), &e, &err), DY_ENOTFOUND);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "second thoughts");
	assert_false(e.shared);
	dy_entry_release(&e);
}

static void
filters_and_pages(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	char id[DY_ID_LEN + 1], text[32];

	for (int i = 0; i < 5; i++) {
		int n = snprintf(text, sizeof(text), "alex %d", i);
		assert_int_equal(dy_journal_add(f->a, "", 0, text, (size_t)n, i % 2 == 0, id, &err), 0);
	}
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam shared", 10, true, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, "", 0, "sam private", 11, false, id, &err), 0);

	assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 6);
	assert_string_equal(l.items[0].text, "sam shared");  /* newest first */
	assert_false(l.items[0].mine);
	dy_entry_list_release(&l);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 5);
	dy_entry_list_release(&l);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_SHARED, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 4);
	dy_entry_list_release(&l);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_THEIRS, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0].text, "sam shared");
	dy_entry_list_release(&l);
	/* pages by cursor: 2, then 3, then the last 1, with no repeats or gaps */
	{
		char next[DY_CURSOR_MAX + 1];
		assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 2, &l, &err), 0);
		assert_int_equal(l.count, 2);
		assert_string_equal(l.items[0].text, "sam shared");
		assert_string_equal(l.items[1].text, "alex 4");
		assert_string_not_equal(l.next, "");
		memcpy(next, l.next, sizeof(next));
		dy_entry_list_release(&l);
		assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, next, 3, &l, &err), 0);
		assert_int_equal(l.count, 3);
		assert_string_equal(l.items[0].text, "alex 3");
		assert_string_equal(l.items[2].text, "alex 1");
		assert_string_not_equal(l.next, "");
		memcpy(next, l.next, sizeof(next));
		dy_entry_list_release(&l);
		assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, next, 3, &l, &err), 0);
		assert_int_equal(l.count, 1);
		assert_string_equal(l.items[0].text, "alex 0");
		assert_string_equal(l.next, "");  /* the last page says so */
		dy_entry_list_release(&l);
		/* a page that ends exactly at the end has no next either */
		assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 6, &l, &err), 0);
		assert_int_equal(l.count, 6);
		assert_string_equal(l.next, "");
		dy_entry_list_release(&l);
		/* a cursor that is not ours is refused */
		assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, "12.not-an-id", 3, &l, &err), DY_EINVAL);
	}
}

static void
short_prefix_finds_an_entry(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id[DY_ID_LEN + 1];

	assert_int_equal(dy_journal_add(f->a, "", 0, "find me", 7, false, id, &err), 0);
	assert_int_equal(dy_journal_get(f->a, id, 8, &e, &err), 0);
	assert_string_equal(e.id, id);
	dy_entry_release(&e);
	assert_int_equal(dy_journal_get(f->a, id, 3, &e, &err), DY_ENOTFOUND);
	assert_int_equal(dy_journal_get(f->a, "*", 1, &e, &err), DY_ENOTFOUND);
}

static void
bad_entries_are_refused_and_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	char id[DY_ID_LEN + 1], *big;
	char title[DY_TITLE_MAX + 2];

	assert_int_equal(dy_journal_add(f->a, "", 0, "", 0, false, id, &err), DY_EINVAL);
	assert_int_equal(dy_journal_add(f->a, "", 0, "bad \xff byte", 10, false, id, &err), DY_EINVAL);
	assert_int_equal(dy_journal_add(f->a, "\xc3", 1, "fine", 4, false, id, &err), DY_EINVAL);
	big = malloc(DY_TEXT_MAX + 1);
	assert_non_null(big);
	memset(big, 'a', DY_TEXT_MAX + 1);
	assert_int_equal(dy_journal_add(f->a, "", 0, big, DY_TEXT_MAX + 1, false, id, &err), DY_ETOOBIG);
	/* exactly the limit is fine */
	assert_int_equal(dy_journal_add(f->a, "", 0, big, DY_TEXT_MAX, false, id, &err), 0);
	free(big);
	memset(title, 't', sizeof(title));
	assert_int_equal(dy_journal_add(f->a, title, DY_TITLE_MAX + 1, "x", 1, false, id, &err), DY_ETOOBIG);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	dy_entry_list_release(&l);
}

static void
database_and_wal_hold_no_plaintext(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], wal[400];
	const char *t1 = "MARKER-TITLE-quokka", *x1 = "MARKER-TEXT-pangolin";
	const char *t2 = "MARKER-TITLE-axolotl", *x2 = "MARKER-TEXT-narwhal";

	assert_int_equal(dy_journal_add(f->a, t1, strlen(t1), x1, strlen(x1), false, id, &err), 0);
	assert_int_equal(dy_journal_add(f->b, t2, strlen(t2), x2, strlen(x2), true, id, &err), 0);
	assert_int_equal(dy_journal_edit(f->b, id, strlen(id), t2, strlen(t2), x2, strlen(x2), &err), 0);
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	/* the WAL holds the writes now: check it before and after a checkpoint */
	assert_true(file_contains(wal, "journal"));
	{
		const char *const marks[] = {t1, x1, t2, x2, PASS_A};

		fx_no_plaintext(f, marks, sizeof(marks) / sizeof(marks[0]));
	}
}

static void
moved_ciphertext_does_not_open(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry e;
	char id1[DY_ID_LEN + 1], id2[DY_ID_LEN + 1], sql[256];

	assert_int_equal(dy_journal_add(f->a, "", 0, "first", 5, false, id1, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, "second", 6, false, id2, &err), 0);
	/* someone with the file copies one record's ciphertext over another's */
	snprintf(sql, sizeof(sql), "UPDATE record SET body = (SELECT body FROM record WHERE id = '%s') WHERE id = '%s'",
	         id1, id2);
	fx_raw_exec(f->path, sql);
	assert_int_equal(dy_journal_get(f->a, id2, strlen(id2), &e, &err), DY_ECORRUPT);
	assert_int_equal(dy_journal_get(f->a, id1, strlen(id1), &e, &err), 0);
	dy_entry_release(&e);
}

static void
damaged_record_does_not_hide_the_others(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	char id1[DY_ID_LEN + 1], id2[DY_ID_LEN + 1], *json = NULL;
	size_t len;

	assert_int_equal(dy_journal_add(f->a, "", 0, "still here", 10, false, id1, &err), 0);
	assert_int_equal(dy_journal_add(f->a, "", 0, "damaged", 7, false, id2, &err), 0);
	fx_damage(f, id2);
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, 1);
	assert_int_equal(l.damaged, 1);
	assert_string_equal(l.items[0].text, "still here");
	dy_entry_list_release(&l);
	/* and leaving with one's data still works */
	assert_int_equal(dy_export(f->a, &json, &len, &err), 0);
	assert_non_null(strstr(json, "still here"));
	assert_non_null(strstr(json, "\"damaged_records\": 1"));
	free(json);
}

static void
stale_write_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct store_rec row;
	struct dy_entry e;
	char id[DY_ID_LEN + 1];
	const uint8_t junk[64] = {0};
	bool changed = true;
	int n = 0;

	assert_int_equal(dy_journal_add(f->a, "", 0, "shared for now", 14, true, id, &err), 0);
	/* one window reads the entry's row ... */
	assert_int_equal(store_rec_find(f->db, id, strlen(id), "journal", f->a->person_id,
	                                f->a->keys->epoch, &row, &n, &err), 0);
	assert_int_equal(n, 1);
	/* ... another unshares it meanwhile ... */
	assert_int_equal(dy_journal_share(f->a, id, strlen(id), false, &err), 0);
	/* ... and the first one's writes, made for a shared entry, change nothing */
	assert_int_equal(store_rec_update(f->db, id, junk, sizeof(junk), 1, row.version, row.visibility,
	                                  &changed, &err), 0);
	assert_false(changed);
	changed = true;
	assert_int_equal(store_rec_set_vis(f->db, id, 0, 0, 0, junk, sizeof(junk), row.version, row.visibility,
	                                   &changed, &err), 0);
	assert_false(changed);
	store_rec_release(&row);
	assert_int_equal(dy_journal_get(f->a, id, strlen(id), &e, &err), 0);
	assert_string_equal(e.text, "shared for now");
	assert_false(e.shared);
	dy_entry_release(&e);
}

/* Titles that JSON writes as they are and titles it escapes read back the
 * same, by id and in a list, together with their texts. */
static void
every_title_reads_back_as_written(void **state)
{
	static const char *const titles[] = {
		"", "Sunday", "say \"hi\"", "back\\slash", "caf\xc3\xa9 \xf0\x9f\x8c\x8a", "a/b", "\"", "\\",
		"{\"title\":\"x\"}",
	};
	enum { N = sizeof(titles) / sizeof(titles[0]) };
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list l;
	struct dy_entry e;
	char ids[N][DY_ID_LEN + 1], text[32];
	size_t i, j;

	for (i = 0; i < N; i++) {
		snprintf(text, sizeof(text), "text %zu", i);
		assert_int_equal(dy_journal_add(f->a, titles[i], strlen(titles[i]), text, strlen(text), false, ids[i],
		                                &err), 0);
		assert_int_equal(dy_journal_get(f->a, ids[i], DY_ID_LEN, &e, &err), 0);
		assert_string_equal(e.title, titles[i]);
		assert_int_equal(e.title_len, strlen(titles[i]));
		assert_string_equal(e.text, text);
		assert_int_equal(e.text_len, strlen(text));
		dy_entry_release(&e);
	}
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_ALL, NULL, 0, &l, &err), 0);
	assert_int_equal(l.count, N);
	for (i = 0; i < N; i++) {
		for (j = 0; j < N && strcmp(l.items[i].id, ids[j]) != 0; j++)
			;
		assert_true(j < N);
		snprintf(text, sizeof(text), "text %zu", j);
		assert_string_equal(l.items[i].title, titles[j]);
		assert_int_equal(l.items[i].title_len, strlen(titles[j]));
		assert_string_equal(l.items[i].text, text);
	}
	dy_entry_list_release(&l);
}

/* A list of all (read oldest first from the store and turned round) holds
 * the same entries in the same order as the pages of 3 together, newest
 * first, ties within one second by the order they were made, for each
 * filter; the rest of the list from a cursor is the rest of the pages. */
static void
list_of_all_is_the_pages_in_order(void **state)
{
	static const enum dy_filter filters[] = {DY_FILTER_ALL, DY_FILTER_MINE, DY_FILTER_SHARED, DY_FILTER_THEIRS};
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_entry_list all, page, rest;
	char id[DY_ID_LEN + 1], text[16], cursor[DY_CURSOR_MAX + 1];
	size_t i, k, n;

	fx_fake_clock(f, 1700000000);
	for (i = 0; i < 14; i++) {
		/* four in one second, then one a second, some shared, some theirs */
		if (i >= 4)
			fx_fake_clock(f, 1700000000 + (int64_t)i);
		snprintf(text, sizeof(text), "entry %zu", i);
		assert_int_equal(dy_journal_add(i % 5 == 4 ? f->b : f->a, "", 0, text, strlen(text), i % 3 == 0, id,
		                                &err), 0);
	}
	for (k = 0; k < sizeof(filters) / sizeof(filters[0]); k++) {
		assert_int_equal(dy_journal_list(f->a, filters[k], NULL, 0, &all, &err), 0);
		assert_string_equal(all.next, "");
		cursor[0] = '\0';
		n = 0;
		do {
			assert_int_equal(dy_journal_list(f->a, filters[k], cursor, 3, &page, &err), 0);
			for (i = 0; i < page.count; i++, n++) {
				assert_true(n < all.count);
				assert_string_equal(page.items[i].id, all.items[n].id);
				assert_string_equal(page.items[i].text, all.items[n].text);
			}
			if (page.next[0] != '\0' && n == 3) {
				/* the rest from here, all at once */
				assert_int_equal(dy_journal_list(f->a, filters[k], page.next, 0, &rest, &err), 0);
				assert_int_equal(rest.count, all.count - 3);
				for (i = 0; i < rest.count; i++)
					assert_string_equal(rest.items[i].id, all.items[3 + i].id);
				dy_entry_list_release(&rest);
			}
			memcpy(cursor, page.next, sizeof(cursor));
			dy_entry_list_release(&page);
		} while (cursor[0] != '\0');
		assert_int_equal(n, all.count);
		for (i = 1; i < all.count; i++)
			assert_true(all.items[i - 1].created_at >= all.items[i].created_at);
		dy_entry_list_release(&all);
	}
	/* entries made in one second come newest first too */
	assert_int_equal(dy_journal_list(f->a, DY_FILTER_MINE, NULL, 0, &all, &err), 0);
	assert_true(all.count >= 3);
	assert_string_equal(all.items[all.count - 1].text, "entry 0");
	assert_string_equal(all.items[all.count - 2].text, "entry 1");
	dy_entry_list_release(&all);
}

/* What a list's sink sees (rec_list, oldest first here): two batches'
 * worth of long records, left to the list, then as many short ones, kept.
 * The list opens records into buffers it reuses (one after another, or a
 * batch's slots at once: REC_OPEN_BATCH, in two batches filled in turn);
 * a short one opened where a long one was must carry nothing of it. */
#define REUSE_N (2 * REC_OPEN_BATCH)

struct reuse_sink {
	const uint8_t *long_at[REUSE_N]; /* where each long one was opened */
	size_t long_len[REUSE_N];        /* and how many bytes it was opened into */
	size_t nlong, kept, reused;
	uint8_t *keep[REUSE_N];
	size_t keep_len[REUSE_N];
};

static int
reuse_take(void *ctx, struct rec *r, struct dy_error *err)
{
	struct reuse_sink *k = ctx;

	(void)err;
	if (r->payload_len > 1000) {
		assert_true(k->nlong < REUSE_N);
		k->long_at[k->nlong] = r->payload;
		k->long_len[k->nlong++] = r->payload_len;
		return 0;  /* left: a later record is opened over it */
	}
	assert_true(k->kept < REUSE_N);
	for (size_t j = 0; j < k->nlong; j++) {
		if (r->payload != k->long_at[j])
			continue;
		/* opened into the memory a long one was in: nothing of it
		 * is left anywhere in that memory */
		const char *m = "LONGSECRET";
		for (size_t i = 0; i + strlen(m) <= k->long_len[j]; i++)
			assert_true(memcmp(r->payload + i, m, strlen(m)) != 0);
		k->reused++;
		break;
	}
	k->keep[k->kept] = r->payload;
	k->keep_len[k->kept++] = r->payload_len;
	r->payload = NULL;  /* kept */
	return 0;
}

static void
a_kept_payload_carries_nothing_of_a_longer_one_opened_before_it(void **state)
{
	struct fixture *f = *state;
	struct dy_error err = {0};
	struct dy_query q = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = DY_FILTER_ALL};
	struct reuse_sink k;
	char text[2001], next[DY_CURSOR_MAX + 1], id[DY_ID_LEN + 1];
	size_t damaged = 0;
	bool oldest_first = false;

	for (size_t i = 0; i < 2000; i += 10)
		memcpy(text + i, "LONGSECRET", 10);
	text[2000] = '\0';
	assert_int_equal(dy_tx_begin(f->db, &err), 0);
	for (int i = 0; i < REUSE_N; i++)
		assert_int_equal(dy_journal_add(f->a, "long", 4, text, 2000, false, id, &err), 0);
	for (int i = 0; i < REUSE_N; i++)
		assert_int_equal(dy_journal_add(f->a, "short", 5, "a few words", 11, false, id, &err), 0);
	assert_int_equal(dy_tx_commit(f->db, &err), 0);
	memset(&k, 0, sizeof(k));
	assert_int_equal(rec_list(f->a, &q, reuse_take, &k, &damaged, &oldest_first, next, &err), 0);
	assert_true(oldest_first);
	assert_int_equal(damaged, 0);
	assert_int_equal(k.nlong, REUSE_N);
	assert_int_equal(k.kept, REUSE_N);
	assert_true(k.reused > 0);  /* short ones went where long ones were */
	for (size_t i = 0; i < k.kept; i++) {
		assert_memory_equal(k.keep[i], "{\"title\":\"short\"}\0a few words", k.keep_len[i]);
		free(k.keep[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(add_then_read_back, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(every_title_reads_back_as_written, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(list_of_all_is_the_pages_in_order, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(partner_never_sees_my_private_entry, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(shared_entry_is_readable_by_both_and_editable_by_its_author_only,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(unsharing_takes_it_back, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(filters_and_pages, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(short_prefix_finds_an_entry, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_entries_are_refused_and_change_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(database_and_wal_hold_no_plaintext, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(moved_ciphertext_does_not_open, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(damaged_record_does_not_hide_the_others, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(stale_write_changes_nothing, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_kept_payload_carries_nothing_of_a_longer_one_opened_before_it,
		                                fx_setup_couple, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
