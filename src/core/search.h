/*
 * search.h - full-text search of the journal (issue #9). Part of libdyad's
 * public interface: dyad.h includes it.
 *
 * Search reads the entries a list of the filter would give (mine, and my
 * partner's shared ones; never their private ones), decrypted in memory one
 * at a time through the records' list (rec_list); there is no index, on
 * disk or anywhere else, so nothing of what was written is stored twice.
 *
 * Matching. Text is cut into words: runs of letters and digits (Unicode
 * categories L and N; the marks that follow a letter belong to its word).
 * Each word is folded with utf8proc: compatibility decomposition, Unicode
 * case folding, marks (accents) stripped, default-ignorable characters
 * dropped, so "Café", "CAFE" and "cafe" are one word, and "Straße" is
 * "strasse". A query is words and "phrases in double quotes"; a term that
 * folds to several words (don't, e-mail) is a phrase too. A single word
 * matches the words that begin with it (walk finds walking); a phrase
 * matches its words in a row, each whole except the last, which may begin
 * a word. An entry matches when every term matches in its title or text.
 *
 * Ranking. An entry's score is the sum over the terms of 3 x its matches
 * in the title + its matches in the text; higher first, and among equal
 * scores the newer entry first.
 *
 * The passage. Around the first match in the text (or, when only the title
 * matched, the text's beginning), at most DY_SEARCH_PASSAGE bytes cut at
 * spaces, with the matched words marked as byte spans; the title's matches
 * are marked too. Front ends build their highlighting from those spans
 * (the web app: <mark> elements around text nodes), never from markup.
 */
#ifndef DY_SEARCH_H
#define DY_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DY_SEARCH_QUERY_MAX 256      /* bytes of a query */
#define DY_SEARCH_TERMS_MAX 8        /* words and phrases in a query */
#define DY_SEARCH_PHRASE_MAX 8       /* words in one phrase */
#define DY_SEARCH_LIMIT_MAX 100      /* hits in one answer */
#define DY_SEARCH_PASSAGE 240        /* bytes of a passage at most */
#define DY_SEARCH_MARKS_MAX 16       /* marked spans in a passage, and in a title */
#define DY_SEARCH_TITLE_WEIGHT 3     /* a match in the title counts this many */

struct dy_search_span {
	size_t start, len;           /* bytes, from the start of the passage or title */
};

struct dy_search_hit {
	struct dy_entry entry;       /* the whole entry, owned (dy_search_release) */
	unsigned score;
	uint64_t order;              /* the entry's place in the list, oldest first */
	size_t passage_start;        /* bytes into entry.text */
	size_t passage_len;
	struct dy_search_span marks[DY_SEARCH_MARKS_MAX];
	size_t nmarks;
	struct dy_search_span title_marks[DY_SEARCH_MARKS_MAX];
	size_t ntitle_marks;
};

struct dy_search_result {
	struct dy_search_hit *hits;  /* best first */
	size_t count;                /* at most the limit asked */
	size_t total;                /* entries that matched */
	size_t damaged;              /* entries left out: they did not decrypt */
};

/* Search the journal entries of filter (DY_FILTER_ALL: mine and my
 * partner's shared) for query (query_len bytes, UTF-8); the best limit
 * hits (1..DY_SEARCH_LIMIT_MAX). DY_EINVAL for a query without a word, over
 * DY_SEARCH_QUERY_MAX bytes, DY_SEARCH_TERMS_MAX terms or
 * DY_SEARCH_PHRASE_MAX words in a phrase, or not UTF-8. The caller
 * releases *out with dy_search_release. */
__attribute__((warn_unused_result)) int
dy_journal_search(struct dy_session *s, const char *query, size_t query_len, enum dy_filter filter,
                  size_t limit, struct dy_search_result *out, struct dy_error *err);
void dy_search_release(struct dy_search_result *r);

/* A hit as JSON: the entry's presentation (dy_entry_json) with "score",
 * "title_parts" and "passage": arrays of {"text", "match"} pieces that put
 * together give the title and the passage, and "passage_cut_start",
 * "passage_cut_end" (whether text was left out before and after). NULL when
 * out of memory. */
struct json_t *dy_search_hit_json(const struct dy_search_hit *h);

/* The folded words of text, separated by single spaces, into out (for
 * tests and tools; the search folds without building this). 0 or
 * DY_ENOMEM / DY_ETOOBIG latched in out. */
__attribute__((warn_unused_result)) int dy_search_fold(const char *text, size_t len, struct dy_buf *out);

#endif
