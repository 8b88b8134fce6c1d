/* search_test.c - full-text search of the journal (search.h): folding
 * agrees with utf8proc_map, words and phrases, case and accents, ranking,
 * the passage and its marks, the partner's private entries never match,
 * and the limits of a query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <utf8proc.h>

#include "helpers.h"
#include "search_int.h"

static char *
fold(const char *s)
{
	struct dy_buf b = DY_BUF_INIT(1 << 20);

	assert_int_equal(dy_search_fold(s, strlen(s), &b), 0);
	return dy_buf_take(&b, NULL);
}

static void
folding_is_case_and_accent_blind_and_agrees_with_utf8proc_map(void **state)
{
	/* one word each, so the whole string's utf8proc_map is the word's */
	static const char *const words[] = {
		"Café", "CAFÉ", "cafe\xcc\x81", "Straße", "ÉCOLE", "İstanbul", "Ærøskøbing", "naïve", "ﬁne",
		"Ｆｕｌｌ", "Σίσυφος", "ΣΊΣΥΦΟΣ", "Москва", "ŁÓDŹ", "ǅemal", "soft\xc2\xadhyphen",
	};
	char *got;

	(void)state;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		utf8proc_uint8_t *want = NULL;
		utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)words[i], (utf8proc_ssize_t)strlen(words[i]),
		                                  &want, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
		                                  UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

		assert_true(n > 0);
		got = fold(words[i]);
		if (strcmp(got, (const char *)want) != 0)
			fail_msg("%s folds to %s, utf8proc_map says %s", words[i], got, (const char *)want);
		free(got);
		free(want);
	}
	got = fold("Café, CAFE and café: crème-brûlée; Straße!");
	assert_string_equal(got, "cafe cafe and cafe creme brulee strasse");
	free(got);
}

static void
add(struct dy_session *s, const char *title, const char *text, bool share, char id[DY_ID_LEN + 1])
{
	struct dy_error err = {0};

	if (dy_journal_add(s, title, strlen(title), text, strlen(text), share, id, &err) != 0)
		fail_msg("add: %s", err.msg);
}

static size_t
search(struct dy_session *s, const char *q, struct dy_search_result *r)
{
	struct dy_error err = {0};

	if (dy_journal_search(s, q, strlen(q), DY_FILTER_ALL, 20, r, &err) != 0)
		fail_msg("search %s: %s", q, err.msg);
	return r->count;
}

static bool
found(const struct dy_search_result *r, const char *id)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->hits[i].entry.id, id) == 0)
			return true;
	return false;
}

static void
words_phrases_case_and_accents(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	char cafe[DY_ID_LEN + 1], walk[DY_ID_LEN + 1], plain[DY_ID_LEN + 1];

	add(f->a, "", "We sat in the little CAFÉ by the river and talked about my mother.", false, cafe);
	add(f->a, "Walking", "A long walk in the rain; my mother called twice.", false, walk);
	add(f->a, "", "Nothing much today.", false, plain);

	assert_int_equal(search(f->a, "cafe", &r), 1);
	assert_string_equal(r.hits[0].entry.id, cafe);
	dy_search_release(&r);
	assert_int_equal(search(f->a, "Café", &r), 1);
	dy_search_release(&r);
	/* a word finds the words that begin with it */
	assert_int_equal(search(f->a, "walk", &r), 1);
	assert_string_equal(r.hits[0].entry.id, walk);
	dy_search_release(&r);
	/* every term must match */
	assert_int_equal(search(f->a, "mother river", &r), 1);
	assert_string_equal(r.hits[0].entry.id, cafe);
	dy_search_release(&r);
	assert_int_equal(search(f->a, "mother", &r), 2);
	dy_search_release(&r);
	/* a phrase: its words in a row */
	assert_int_equal(search(f->a, "\"my mother called\"", &r), 1);
	assert_string_equal(r.hits[0].entry.id, walk);
	dy_search_release(&r);
	assert_int_equal(search(f->a, "\"mother my\"", &r), 0);
	dy_search_release(&r);
	/* whole words inside a phrase: "the rai" begins "the rain" but "th rain" is no phrase */
	assert_int_equal(search(f->a, "\"the rai\"", &r), 1);
	dy_search_release(&r);
	assert_int_equal(search(f->a, "\"th rain\"", &r), 0);
	dy_search_release(&r);
	assert_int_equal(search(f->a, "zebra", &r), 0);
	assert_int_equal(r.total, 0);
	dy_search_release(&r);
}

static void
title_matches_rank_higher_then_more_matches_then_newer(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	char once[DY_ID_LEN + 1], thrice[DY_ID_LEN + 1], title[DY_ID_LEN + 1], newer[DY_ID_LEN + 1];

	fx_fake_clock(f, 1700000000);
	add(f->a, "", "Boundaries came up once.", false, once);
	fx_fake_clock(f, 1700000100);
	add(f->a, "", "Boundaries, boundaries and again boundaries.", false, thrice);
	fx_fake_clock(f, 1700000200);
	add(f->a, "On boundaries", "A title says more.", false, title);
	fx_fake_clock(f, 1700000300);
	add(f->a, "", "Boundaries came up once more.", false, newer);

	assert_int_equal(search(f->a, "boundaries", &r), 4);
	assert_int_equal(r.total, 4);
	/* 3 for the title's one, 3 for the text's three: the newer first */
	assert_string_equal(r.hits[0].entry.id, title);
	assert_int_equal(r.hits[0].score, 3);
	assert_string_equal(r.hits[1].entry.id, thrice);
	assert_int_equal(r.hits[1].score, 3);
	assert_string_equal(r.hits[2].entry.id, newer);
	assert_string_equal(r.hits[3].entry.id, once);
	dy_search_release(&r);
}

static void
the_passage_is_around_the_match_with_the_words_marked(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	struct dy_buf text = DY_BUF_INIT(1 << 20);
	const struct dy_search_hit *h;
	char id[DY_ID_LEN + 1];
	const char *p;
	json_t *j;

	for (int i = 0; i < 60; i++)
		assert_int_equal(dy_buf_addstr(&text, "filler words here "), 0);
	assert_int_equal(dy_buf_addstr(&text, "and then the Élan of the morning came back "), 0);
	for (int i = 0; i < 60; i++)
		assert_int_equal(dy_buf_addstr(&text, "more words after "), 0);
	add(f->a, "Élan", text.p, false, id);
	assert_int_equal(search(f->a, "elan", &r), 1);
	h = &r.hits[0];
	assert_true(h->passage_start > 0);
	assert_true(h->passage_len <= DY_SEARCH_PASSAGE);
	p = h->entry.text + h->passage_start;
	assert_true(p[-1] == ' ');
	assert_int_equal(h->nmarks, 1);
	assert_memory_equal(p + h->marks[0].start, "Élan", strlen("Élan"));
	assert_int_equal(h->marks[0].len, strlen("Élan"));
	assert_int_equal(h->ntitle_marks, 1);
	assert_int_equal(h->title_marks[0].start, 0);
	assert_int_equal(h->title_marks[0].len, strlen("Élan"));
	j = dy_search_hit_json(h);
	assert_non_null(j);
	assert_null(json_object_get(j, "text"));
	assert_true(json_is_true(json_object_get(j, "passage_cut_start")));
	assert_true(json_is_true(json_object_get(j, "passage_cut_end")));
	{
		json_t *parts = json_object_get(j, "passage");
		size_t k, matched = 0;
		json_t *v;

		json_array_foreach(parts, k, v) {
			if (json_is_true(json_object_get(v, "match"))) {
				assert_string_equal(json_string_value(json_object_get(v, "text")), "Élan");
				matched++;
			}
		}
		assert_int_equal(matched, 1);
	}
	json_decref(j);
	dy_search_release(&r);
	dy_buf_release(&text);
	/* a text that fits in a passage is shown whole, wherever the match */
	add(f->a, "", "We sat in the little cafe by the river; nothing much was said, and then the heron came.", false,
	    id);
	assert_int_equal(search(f->a, "heron", &r), 1);
	assert_int_equal(r.hits[0].passage_start, 0);
	assert_int_equal(r.hits[0].passage_len, r.hits[0].entry.text_len);
	dy_search_release(&r);
}

static void
the_partners_private_entries_never_match_their_shared_ones_do(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	char mine[DY_ID_LEN + 1], shared[DY_ID_LEN + 1], private_[DY_ID_LEN + 1];

	add(f->a, "", "Marigold in my own words.", false, mine);
	add(f->b, "", "Marigold, shared with Alex.", true, shared);
	add(f->b, "Marigold", "Marigold kept to myself.", false, private_);

	assert_int_equal(search(f->a, "marigold", &r), 2);
	assert_true(found(&r, mine));
	assert_true(found(&r, shared));
	assert_false(found(&r, private_));
	assert_int_equal(r.total, 2);
	dy_search_release(&r);
	/* Sam sees their own two and not Alex's private one */
	assert_int_equal(search(f->b, "marigold", &r), 2);
	assert_false(found(&r, mine));
	dy_search_release(&r);
}

/* An entry whose stored copy no longer decrypts is left out of the hits
 * and counted in damaged, for whoever could see it: the owner and, for a
 * shared one, the partner; the partner never counts a private one. */
static void
a_damaged_entry_is_left_out_and_counted(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	char keep[DY_ID_LEN + 1], priv[DY_ID_LEN + 1], shared[DY_ID_LEN + 1];

	add(f->a, "", "the harbour at dawn, kept", false, keep);
	add(f->a, "", "the harbour at dawn, private", false, priv);
	add(f->a, "", "the harbour at dawn, shared", true, shared);
	assert_int_equal(search(f->a, "harbour", &r), 3);
	assert_int_equal(r.damaged, 0);
	dy_search_release(&r);
	fx_damage(f, priv);
	assert_int_equal(search(f->a, "harbour", &r), 2);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.damaged, 1);
	assert_true(found(&r, keep) && found(&r, shared));
	dy_search_release(&r);
	assert_int_equal(search(f->b, "harbour", &r), 1);
	assert_int_equal(r.damaged, 0);
	dy_search_release(&r);
	fx_damage(f, shared);
	assert_int_equal(search(f->a, "harbour", &r), 1);
	assert_int_equal(r.damaged, 2);
	assert_true(found(&r, keep));
	dy_search_release(&r);
	assert_int_equal(search(f->b, "harbour", &r), 0);
	assert_int_equal(r.damaged, 1);
	dy_search_release(&r);
}

static void
bad_queries_are_refused_with_a_reason(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	struct dy_error err = {0};
	char big[DY_SEARCH_QUERY_MAX + 2];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(dy_journal_search(f->a, "", 0, DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_int_equal(dy_journal_search(f->a, " -- !? ", 7, DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "at least one word"));
	assert_int_equal(dy_journal_search(f->a, big, strlen(big), DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_int_equal(dy_journal_search(f->a, "a b c d e f g h i", 17, DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_non_null(strstr(err.msg, "at most 8"));
	assert_int_equal(dy_journal_search(f->a, "\"a b c d e f g h i\"", 19, DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_int_equal(dy_journal_search(f->a, "\xff", 1, DY_FILTER_ALL, 20, &r, &err), DY_EINVAL);
	assert_int_equal(dy_journal_search(f->a, "word", 4, DY_FILTER_ALL, 0, &r, &err), DY_EINVAL);
	assert_int_equal(dy_journal_search(f->a, "word", 4, DY_FILTER_ALL, DY_SEARCH_LIMIT_MAX + 1, &r, &err),
	                 DY_EINVAL);
	/* eight terms are fine */
	assert_int_equal(dy_journal_search(f->a, "a b c d e f g h", 15, DY_FILTER_ALL, 20, &r, &err), 0);
	dy_search_release(&r);
}

static void
the_limit_keeps_the_best_and_total_counts_all(void **state)
{
	struct fixture *f = *state;
	struct dy_search_result r;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1], best[DY_ID_LEN + 1];

	for (int i = 0; i < 30; i++)
		add(f->a, "", "tide once", false, id);
	add(f->a, "", "tide tide tide", false, best);
	assert_int_equal(dy_journal_search(f->a, "tide", 4, DY_FILTER_ALL, 5, &r, &err), 0);
	assert_int_equal(r.count, 5);
	assert_int_equal(r.total, 31);
	assert_string_equal(r.hits[0].entry.id, best);
	dy_search_release(&r);
}

/* The walk a search makes over each entry (scan_counts) counts each term
 * exactly as cutting the whole text into folded words does: over texts
 * made of pieces that test its edges (words that begin with an accent or
 * a letter folding to several, marks and joiners in and between words,
 * bytes that are not UTF-8, letters that fold to nothing) and queries of
 * words, prefixes and phrases. */
static void
the_search_walk_counts_what_folding_counts(void **state)
{
	static const char *const pieces[] = {
		"walk", "Walking", "WALK", "by", "the", "river", "rivers", " ", " ", "  ", ",", ".", "\n", "-",
		"café", "CAFE", "cafe\xcc\x81", "\xcc\x81", "\xcc\x81" "cafe", "Éloïse", "eloise", "Straße", "strasse",
		"ﬁne", "fine", "\xc2\xad", "soft\xc2\xadwalk", "\xe2\x80\x8d", "a\xe2\x80\x8d" "b", "Σίσυφος", "σισυφος",
		"日本", "語", "\xe2\x80\x99", "don\xe2\x80\x99t", "don't", "dont", "\xff", "\xc3", "\xa9", "\xe2\x82",
		"\xf0\x9f\x98\x80", "1999", "e-mail", "email", "\xef\xbb\xbf", "x", "ab", "İstanbul", "istanbul",
	};
	static const char *const queries[] = {
		"walk", "walk river", "\"walk by the river\"", "cafe", "CAFÉ", "eloise", "strasse", "fine", "soft",
		"σισυφος", "日本", "don't", "\"don t\"", "e-mail", "19", "x", "a", "b", "\"the river\"", "istanbul",
		"\"by the\" walk", "ab",
	};
	uint32_t seed = 12345;
	size_t checked = 0;

	(void)state;
	for (int round = 0; round < 4000; round++) {
		char text[512];
		size_t len = 0, nterms;
		unsigned scan[DY_SEARCH_TERMS_MAX], fold[DY_SEARCH_TERMS_MAX];
		const char *qy;
		int pieces_n;

		seed = seed * 1103515245u + 12345u;
		pieces_n = 1 + (int)((seed >> 16) % 24);
		for (int p = 0; p < pieces_n; p++) {
			const char *pc;
			size_t pl;

			seed = seed * 1103515245u + 12345u;
			pc = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			pl = strlen(pc);
			if (len + pl >= sizeof(text))
				break;
			memcpy(text + len, pc, pl);
			len += pl;
			if ((seed >> 8) % 3 != 0 && len + 1 < sizeof(text))
				text[len++] = ' ';   /* most pieces stand apart */
		}
		seed = seed * 1103515245u + 12345u;
		qy = queries[(seed >> 16) % (sizeof(queries) / sizeof(queries[0]))];
		assert_int_equal(search_counts(qy, strlen(qy), text, len, scan, fold, &nterms), 0);
		assert_true(nterms > 0);
		for (size_t t = 0; t < nterms; t++) {
			if (scan[t] != fold[t])
				fail_msg("query %s, term %zu: walk %u, folding %u, in \"%.*s\"", qy, t, scan[t], fold[t],
				         (int)len, text);
			checked += fold[t] > 0;
		}
	}
	/* the rounds found matches to count, not only zeros */
	assert_true(checked > 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding_is_case_and_accent_blind_and_agrees_with_utf8proc_map),
		cmocka_unit_test(the_search_walk_counts_what_folding_counts),
		cmocka_unit_test_setup_teardown(words_phrases_case_and_accents, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(title_matches_rank_higher_then_more_matches_then_newer, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(the_passage_is_around_the_match_with_the_words_marked, fx_setup_couple,
		                                fx_teardown),
		cmocka_unit_test_setup_teardown(the_partners_private_entries_never_match_their_shared_ones_do,
		                                fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(bad_queries_are_refused_with_a_reason, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(a_damaged_entry_is_left_out_and_counted, fx_setup_couple, fx_teardown),
		cmocka_unit_test_setup_teardown(the_limit_keeps_the_best_and_total_counts_all, fx_setup_couple,
		                                fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
