/*
 * search.c - full-text search of the journal (see search.h for the rules
 * of matching and ranking).
 *
 * Each entry the filter lets me see is decrypted by the records' list
 * (rec_list, the platform's query hook) and walked once: only where a word
 * begins that could begin a match is anything folded, one word at a time
 * (scan_counts); the best `limit` entries are kept (their passages, cut
 * into folded words whole, are worked out at the end), the others wiped
 * and freed at once. ASCII letters and digits are folded by hand (lower
 * case is their whole folding); every other character goes through
 * utf8proc, one character at a time (utf8proc_decompose_char, the step
 * utf8proc_map makes for each character). tests/unit/search_test.c checks
 * that the folding agrees with utf8proc_map on whole words, and that the
 * walk counts what folding the whole text counts (so does the fuzz
 * harness tests/fuzz/search.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <utf8proc.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "record.h"
#include "search_int.h"
#include "util.h"
#include "banned.h"

#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | \
                      UTF8PROC_IGNORE)

/* A word of a text: its folded form at f[off..off+len) of the word list's
 * buffer, and where it stands in the text. */
struct word {
	uint32_t off, len;
	uint32_t start, end;         /* bytes of the text */
};

/* A character other than ASCII as the search last saw it (char_class). */
struct fold_slot {
	int32_t cp;                  /* 0: empty, or not kept */
	uint8_t kind;
	uint8_t len;
	char out[12];                /* what a letter folds to */
};
#define FOLD_CACHE 256

struct words {
	struct word *v;
	size_t n, cap;
	char *f;                     /* the folded words, one after another */
	size_t flen, fcap;
	struct fold_slot cache[FOLD_CACHE];
};

/* One term of a query: its folded words. */
struct term {
	size_t first, n;             /* q.words.v[first..first+n) */
};

struct query {
	struct words words;
	struct term terms[DY_SEARCH_TERMS_MAX];
	size_t nterms;
};

static void
words_release(struct words *w)
{
	if (w->f != NULL)
		sodium_memzero(w->f, w->fcap);
	free(w->f);
	free(w->v);
	sodium_memzero(w, sizeof(*w));   /* the cache holds folded letters */
}

/* Room for at least need more folded bytes and words more words. */
static int
words_reserve(struct words *w, size_t need, size_t words)
{
	if (w->flen + need > w->fcap) {
		size_t cap = w->fcap ? w->fcap : 4096;
		char *nf;

		while (cap < w->flen + need)
			cap *= 2;
		if ((nf = malloc(cap)) == NULL)
			return DY_ENOMEM;
		if (w->f != NULL) {
			memcpy(nf, w->f, w->flen);
			sodium_memzero(w->f, w->fcap);
			free(w->f);
		}
		w->f = nf;
		w->fcap = cap;
	}
	if (w->n + words > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		struct word *nv;

		while (cap < w->n + words)
			cap *= 2;
		if ((nv = realloc(w->v, cap * sizeof(*nv))) == NULL)
			return DY_ENOMEM;
		w->v = nv;
		w->cap = cap;
	}
	return 0;
}

/* ASCII letters and digits folded (lower case); 0 for the rest, and for
 * every byte of a character beyond ASCII. */
static const unsigned char ascii_fold[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
	['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
	['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
	['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
	['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* What a character other than ASCII is to the search, found once by
 * utf8proc and kept in a small table by code point: a letter or digit and
 * what it folds to, a mark or ignorable character (part of the word before
 * it), or a separator. */
enum { CH_SEP = 0, CH_WORD, CH_JOIN };

/* What the character cp folds to, as code points in f (FOLD_MAX of
 * them at most): their number, 0 when utf8proc knows no folding (the
 * character is then left out). */
#define FOLD_MAX 32
static utf8proc_ssize_t
fold_char(utf8proc_int32_t cp, utf8proc_int32_t f[FOLD_MAX])
{
	utf8proc_ssize_t k = utf8proc_decompose_char(cp, f, FOLD_MAX, FOLD_OPTIONS, NULL);

	return k < 0 || k > FOLD_MAX ? 0 : k;
}

static void
char_class(struct words *w, utf8proc_int32_t cp, struct fold_slot **out)
{
	struct fold_slot *sl = &w->cache[(uint32_t)cp % FOLD_CACHE];
	utf8proc_int32_t f[FOLD_MAX];
	utf8proc_ssize_t k;
	utf8proc_category_t cat;

	*out = sl;
	if (sl->cp == cp && sl->cp != 0)
		return;
	sl->cp = cp;
	sl->len = 0;
	cat = utf8proc_category(cp);
	if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
		sl->kind = CH_WORD;
		k = fold_char(cp, f);
		for (utf8proc_ssize_t j = 0; j < k; j++) {
			utf8proc_uint8_t u[4];
			utf8proc_ssize_t m = utf8proc_encode_char(f[j], u);

			if (sl->len + (size_t)m > sizeof(sl->out)) {
				sl->cp = 0;   /* too long to keep: folded each time */
				break;
			}
			memcpy(sl->out + sl->len, u, (size_t)m);
			sl->len += (uint8_t)m;
		}
		if (sl->cp == 0) {
			/* fold into the slot's scratch, uncached */
			sl->len = 0;
		}
	} else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
		sl->kind = CH_JOIN;
	} else {
		sl->kind = utf8proc_get_property(cp)->ignorable ? CH_JOIN : CH_SEP;
	}
}

/* Cut s[0..n) into folded words (replacing what w held). Bytes that are
 * not UTF-8 separate words. nul_end: s[n] is a NUL (an entry's title and
 * text are). 0 or DY_ENOMEM.
 *
 * Room is made once for the common case: a word takes at least two bytes
 * of text (itself and what ends it) and ASCII folds to as many bytes, so
 * n bytes and n / 2 + 1 words hold any ASCII text; only a character that
 * utf8proc folds asks for more. A run of ASCII letters is copied folded in
 * a tight loop, without calls or checks. */
static int
fold_words(const char *s, size_t n, bool nul_end, struct words *w)
{
	const unsigned char *u = (const unsigned char *)s;
	struct word *cur = NULL;
	bool empty = false;
	char *out;
	size_t i = 0;

	w->n = 0;
	w->flen = 0;
	if (words_reserve(w, n + 1, n / 2 + 2) != 0)
		return DY_ENOMEM;
	out = w->f;
	while (i < n) {
		unsigned char c = u[i], lc;
		utf8proc_int32_t cp;
		utf8proc_ssize_t r;
		struct fold_slot *sl;

		if (c < 0x80) {
			if ((lc = ascii_fold[c]) == 0) {
				cur = NULL;
				i++;
				continue;
			}
			if (cur == NULL) {
				cur = &w->v[w->n++];
				cur->off = (uint32_t)(out - w->f);
				cur->start = (uint32_t)i;
			}
			if (nul_end) {
				/* s[n] is a NUL, which folds to 0 and ends the run */
				do {
					*out++ = (char)lc;
					lc = ascii_fold[u[++i]];
				} while (lc != 0);
			} else {
				do {
					*out++ = (char)lc;
				} while (++i < n && (lc = ascii_fold[u[i]]) != 0);
			}
			cur->end = (uint32_t)i;
			cur->len = (uint32_t)(out - w->f) - cur->off;
			if (i < n && u[i] < 0x80)
				cur = NULL;   /* ended by ASCII that is not a letter */
			continue;
		}
		r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
		if (r <= 0) {
			cur = NULL;
			i++;
			continue;
		}
		char_class(w, cp, &sl);
		if (sl->kind == CH_WORD) {
			utf8proc_int32_t f[FOLD_MAX];
			utf8proc_ssize_t k = 0;

			if (sl->cp != cp) {   /* not kept: fold it now */
				k = fold_char(cp, f);
			}
			w->flen = (size_t)(out - w->f);
			/* what this character folds to, and the rest of the text
			 * as ASCII, still fit; the words too */
			if (words_reserve(w, sizeof(f) + (n - i), 1) != 0)
				return DY_ENOMEM;
			if (cur != NULL)
				cur = &w->v[w->n - 1];   /* the array may have moved */
			out = w->f + w->flen;
			if (cur == NULL) {
				cur = &w->v[w->n++];
				cur->off = (uint32_t)w->flen;
				cur->start = (uint32_t)i;
			}
			if (sl->cp == cp) {
				memcpy(out, sl->out, sl->len);
				out += sl->len;
			}
			for (utf8proc_ssize_t j = 0; j < k; j++)
				out += utf8proc_encode_char(f[j], (utf8proc_uint8_t *)out);
			cur->end = (uint32_t)(i + (size_t)r);
			cur->len = (uint32_t)(out - w->f) - cur->off;
			empty = empty || cur->len == 0;
		} else if (cur != NULL && sl->kind == CH_JOIN) {
			/* an accent written apart, a joiner: still the same word */
			cur->end = (uint32_t)(i + (size_t)r);
		} else {
			cur = NULL;
		}
		i += (size_t)r;
	}
	w->flen = (size_t)(out - w->f);
	/* a word whose every character folded to nothing is no word */
	if (empty) {
		size_t k = 0;

		for (size_t j = 0; j < w->n; j++)
			if (w->v[j].len > 0)
				w->v[k++] = w->v[j];
		w->n = k;
	}
	return 0;
}

int
dy_search_fold(const char *text, size_t len, struct dy_buf *out)
{
	struct words w = {0};
	int rc;

	if ((rc = fold_words(text, len, false, &w)) != 0) {
		words_release(&w);
		return dy_buf_fail(out, rc);
	}
	for (size_t i = 0; i < w.n; i++) {
		if (i > 0)
			dy_buf_add(out, " ", 1);
		dy_buf_add(out, w.f + w.v[i].off, w.v[i].len);
	}
	words_release(&w);
	return out->err;
}

/* Read the query into terms: bare words split at spaces, and "phrases". */
static int
query_parse(const char *s, size_t n, struct query *q, struct dy_error *err)
{
	struct words piece = {0};
	size_t i = 0;
	int rc = 0;

	memset(q, 0, sizeof(*q));
	if (n > DY_SEARCH_QUERY_MAX)
		return dy_fail(err, DY_EINVAL, "A search is at most %d bytes long.", DY_SEARCH_QUERY_MAX);
	if (!dy_utf8_valid(s, n) || memchr(s, '\0', n) != NULL)
		return dy_fail(err, DY_EINVAL, "A search must be UTF-8 text.");
	while (i < n) {
		size_t start, end;

		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '"') {
			start = ++i;
			while (i < n && s[i] != '"')
				i++;
			end = i;
			if (i < n)
				i++;   /* the closing quote; a missing one ends the query */
		} else {
			start = i;
			while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '"')
				i++;
			end = i;
		}
		if ((rc = fold_words(s + start, end - start, false, &piece)) != 0) {
			rc = dy_fail(err, rc, "Out of memory.");
			goto out;
		}
		if (piece.n == 0)
			continue;    /* only punctuation */
		if (q->nterms == DY_SEARCH_TERMS_MAX) {
			rc = dy_fail(err, DY_EINVAL, "A search has at most %d words and phrases.", DY_SEARCH_TERMS_MAX);
			goto out;
		}
		if (piece.n > DY_SEARCH_PHRASE_MAX) {
			rc = dy_fail(err, DY_EINVAL, "A phrase has at most %d words.", DY_SEARCH_PHRASE_MAX);
			goto out;
		}
		q->terms[q->nterms].first = q->words.n;
		q->terms[q->nterms].n = piece.n;
		q->nterms++;
		if (words_reserve(&q->words, piece.flen, piece.n) != 0) {
			rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
			goto out;
		}
		for (size_t k = 0; k < piece.n; k++) {
			struct word *qw = &q->words.v[q->words.n++];

			qw->off = (uint32_t)q->words.flen;
			qw->len = piece.v[k].len;
			qw->start = qw->end = 0;
			memcpy(q->words.f + q->words.flen, piece.f + piece.v[k].off, piece.v[k].len);
			q->words.flen += piece.v[k].len;
		}
	}
	if (q->nterms == 0)
		rc = dy_fail(err, DY_EINVAL, "Search for at least one word.");
out:
	words_release(&piece);
	return rc;
}

/* Whether the query word qw is text word tw (whole), or begins it. */
static bool
word_is(const struct words *q, const struct word *qw, const struct words *t, const struct word *tw, bool prefix)
{
	if (prefix ? tw->len < qw->len : tw->len != qw->len)
		return false;
	return memcmp(q->f + qw->off, t->f + tw->off, qw->len) == 0;
}

/* Whether term te matches the text's words from word i on. */
static bool
term_at(const struct query *q, const struct term *te, const struct words *t, size_t i)
{
	if (i + te->n > t->n)
		return false;
	for (size_t k = 0; k < te->n; k++)
		if (!word_is(&q->words, &q->words.v[te->first + k], t, &t->v[i + k], k + 1 == te->n))
			return false;
	return true;
}

/* Count term te's matches in the words t. */
static unsigned
term_count(const struct query *q, const struct term *te, const struct words *t)
{
	const struct word *w0 = &q->words.v[te->first];
	const char *f0 = q->words.f + w0->off;
	unsigned c = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct word *tw = &t->v[i];

		/* the first byte first: most words fail there */
		if (tw->len < w0->len || t->f[tw->off] != f0[0])
			continue;
		if (term_at(q, te, t, i))
			c++;
	}
	return c;
}

/*
 * Counting without folding the whole text. Most words of an entry cannot
 * begin a match, so the text is walked once with only the state
 * fold_words keeps (inside a word or not); where a word begins whose first
 * folded byte begins some term, that word and the ones after it are folded
 * one byte at a time and compared with the term's words, stopping at the
 * first difference. The words met and their folded bytes are exactly
 * those of fold_words, so the counts are term_count's
 * (tests/unit/search_test.c and tests/fuzz/search.c compare the two).
 */

/* The terms of a query by the first folded byte of their first word:
 * ascii[b] for an ASCII byte, wide for the rest. */
struct starts {
	uint32_t ascii[128];
	uint32_t wide;
	uint32_t all;
	bool look[256];              /* the bytes where a match may begin */
	unsigned char first[2 * DY_SEARCH_TERMS_MAX]; /* the ASCII ones among them */
	size_t nfirst;
};

static void
starts_make(const struct query *q, struct starts *st)
{
	memset(st, 0, sizeof(*st));
	for (size_t t = 0; t < q->nterms; t++) {
		const struct word *w0 = &q->words.v[q->terms[t].first];
		unsigned char b = (unsigned char)q->words.f[w0->off];

		if (b < 0x80)
			st->ascii[b] |= UINT32_C(1) << t;
		else
			st->wide |= UINT32_C(1) << t;
		st->all |= UINT32_C(1) << t;
	}
	for (unsigned c = 0; c < 0x80; c++) {
		st->look[c] = ascii_fold[c] != 0 && st->ascii[ascii_fold[c]] != 0;
		/* a term's first byte is a letter (two ASCII bytes fold to
		 * it) or a digit (one) */
		if (st->look[c] && st->nfirst < sizeof(st->first))
			st->first[st->nfirst++] = (unsigned char)c;
	}
	for (unsigned c = 0xC0; c < 0x100; c++)
		st->look[c] = true;
}

/* A word's folded bytes compared with want[0..wlen) as they come. */
struct cmp {
	const char *want;
	size_t wlen, got;            /* bytes folded so far */
	bool same;                   /* the first min(got, wlen) agree */
};

static void
cmp_byte(struct cmp *c, char b)
{
	if (c->got < c->wlen && c->want[c->got] != b)
		c->same = false;
	c->got++;
}

enum { WORD_NO, WORD_YES, WORD_EMPTY };

/* Fold the word that begins at *pos (a letter or digit, or a character
 * that folds like one) and compare it with want: WORD_YES when it is want
 * (prefix: or begins with it), WORD_NO when not, WORD_EMPTY when every
 * character of it folded to nothing (fold_words drops such a word). On
 * WORD_YES for a whole word, and on WORD_EMPTY, *pos is the word's end. */
static int
word_cmp(struct words *w, const unsigned char *u, size_t n, size_t *pos, const char *want, size_t wlen, bool prefix)
{
	struct cmp c = {.want = want, .wlen = wlen, .same = true};
	size_t i = *pos;

	while (i < n) {
		unsigned char ch = u[i], lc;
		utf8proc_int32_t cp;
		utf8proc_ssize_t r;
		struct fold_slot *sl;

		if (ch < 0x80) {
			if ((lc = ascii_fold[ch]) == 0)
				break;
			cmp_byte(&c, (char)lc);
			i++;
		} else {
			if ((r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp)) <= 0)
				break;
			char_class(w, cp, &sl);
			if (sl->kind == CH_SEP)
				break;
			if (sl->kind == CH_WORD) {
				if (sl->cp == cp) {
					for (size_t j = 0; j < sl->len; j++)
						cmp_byte(&c, sl->out[j]);
				} else {
					utf8proc_int32_t f[FOLD_MAX];
					utf8proc_ssize_t k = fold_char(cp, f);

					for (utf8proc_ssize_t j = 0; j < k; j++) {
						utf8proc_uint8_t e[4];
						utf8proc_ssize_t m = utf8proc_encode_char(f[j], e);

						for (utf8proc_ssize_t b = 0; b < m; b++)
							cmp_byte(&c, (char)e[b]);
					}
				}
			}
			i += (size_t)r;   /* a mark or ignorable: part of the word */
		}
		if (!c.same)
			return WORD_NO;
		if (prefix && c.got >= c.wlen)
			return WORD_YES;
		if (!prefix && c.got > c.wlen)
			return WORD_NO;
	}
	*pos = i;
	if (c.got == 0)
		return WORD_EMPTY;
	return c.same && (prefix ? c.got >= c.wlen : c.got == c.wlen) ? WORD_YES : WORD_NO;
}

/* From *pos on, to the start of the next word: past what separates words
 * (ASCII that is not a letter or digit, bytes that are not UTF-8,
 * separators, and marks or joiners outside a word). false at the end. */
static bool
next_word_start(struct words *w, const unsigned char *u, size_t n, size_t *pos)
{
	size_t i = *pos;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t r;
		struct fold_slot *sl;

		if (u[i] < 0x80) {
			if (ascii_fold[u[i]] != 0)
				break;
			i++;
			continue;
		}
		if ((r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp)) <= 0) {
			i++;
			continue;
		}
		char_class(w, cp, &sl);
		if (sl->kind == CH_WORD)
			break;
		i += (size_t)r;
	}
	*pos = i;
	return i < n;
}

/* Whether term te matches at the word that begins at i. */
static bool
term_at_raw(const struct query *q, const struct term *te, struct words *w, const unsigned char *u, size_t n,
            size_t i)
{
	size_t pos = i;

	for (size_t k = 0; k < te->n; k++) {
		const struct word *qw = &q->words.v[te->first + k];
		bool last = k + 1 == te->n;
		int rc;

		for (;;) {
			if (k > 0 && !next_word_start(w, u, n, &pos))
				return false;
			rc = word_cmp(w, u, n, &pos, q->words.f + qw->off, qw->len, last);
			if (rc != WORD_EMPTY)
				break;
			if (k == 0)
				return false;   /* no word begins at i */
		}
		if (rc == WORD_NO)
			return false;
	}
	return true;
}

/* Whether the text before u[i] ends inside a word: fold_words' state
 * when it reaches i, found by looking back over the characters before it
 * (marks and joiners carry on the state before them). */
static bool
in_word_before(struct words *w, const unsigned char *u, size_t n, size_t i)
{
	while (i > 0) {
		size_t j = i - 1;
		utf8proc_int32_t cp;
		utf8proc_ssize_t r;
		struct fold_slot *sl;

		if (u[j] < 0x80)
			return ascii_fold[u[j]] != 0;
		/* back to the byte that leads the character */
		while (j > 0 && i - j < 4 && (u[j] & 0xC0) == 0x80)
			j--;
		if ((u[j] & 0xC0) == 0x80)
			return false;   /* a stray continuation byte separates */
		r = utf8proc_iterate(u + j, (utf8proc_ssize_t)(n - j), &cp);
		if (r <= 0 || j + (size_t)r != i)
			return false;   /* bytes that are not UTF-8 separate */
		char_class(w, cp, &sl);
		if (sl->kind != CH_JOIN)
			return sl->kind == CH_WORD;
		i = j;
	}
	return false;
}

/* A match of some term may begin at u[i], a byte where st->look says one
 * may (the ASCII that folds to a term's first byte, or a byte that leads a
 * longer character): add each term's matches there to counts. */
static void
scan_at(const struct query *q, const struct starts *st, struct words *w, const unsigned char *u, size_t n,
        size_t i, unsigned *counts)
{
	unsigned char ch = u[i];
	uint32_t try;

	/* no word begins right after an ASCII letter or digit */
	if (i > 0 && ascii_fold[u[i - 1]] != 0)
		return;
	if (ch < 0x80) {
		try = st->ascii[ascii_fold[ch]];
	} else {
		utf8proc_int32_t cp;
		struct fold_slot *sl;

		if (utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp) <= 0)
			return;
		char_class(w, cp, &sl);
		if (sl->kind != CH_WORD)
			return;
		if (sl->cp == cp && sl->len > 0)
			try = (unsigned char)sl->out[0] < 0x80 ? st->ascii[(unsigned char)sl->out[0]] : st->wide;
		else
			try = st->all;   /* folded apart, or to nothing: every term */
	}
	if (try == 0 || in_word_before(w, u, n, i))
		return;
	for (size_t t = 0; try != 0; t++, try >>= 1)
		if ((try & 1) && term_at_raw(q, &q->terms[t], w, u, n, i))
			counts[t]++;
}

#ifdef __SSE2__
/* The bytes of v that are ASCII letters or digits (what ascii_fold folds):
 * signed compares, under which the bytes 80..FF are below them all. */
static __m128i
alnum16(__m128i v)
{
	__m128i d = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
	__m128i lo = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));

	return _mm_or_si128(d, _mm_or_si128(up, lo));
}
#endif

/* Add each term's matches in s[0..n) to counts (term_count's counts of
 * fold_words' words, without folding them all): only at the bytes that
 * can begin a match (st->look: the ASCII that folds to a term's first
 * byte, and every byte that leads a longer character) is anything more
 * than finding them done. With SSE2 they are found sixteen bytes at a
 * time (a compare with each of st->first, and the bytes C0..FF, less those
 * right after an ASCII letter or digit), else by the table a byte at a
 * time; scan_at is the same for both. */
static void
scan_counts(const struct query *q, const struct starts *st, struct words *w, const char *s, size_t n,
            unsigned *counts)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	if (n == 0)
		return;
#ifdef __SSE2__
	const __m128i leads = _mm_set1_epi8((char)0xC0);
	__m128i first[2 * DY_SEARCH_TERMS_MAX];

	for (size_t k = 0; k < st->nfirst; k++)
		first[k] = _mm_set1_epi8((char)st->first[k]);
	/* from u[1] on, each block beside the one a byte before it: the byte
	 * before a candidate must not be an ASCII letter or digit */
	if (st->look[u[0]])
		scan_at(q, st, w, u, n, 0, counts);
	for (i = 1; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(u + i - 1));
		__m128i hit = _mm_cmpeq_epi8(_mm_and_si128(v, leads), leads);
		unsigned mask;

		for (size_t k = 0; k < st->nfirst; k++)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, first[k]));
		mask = (unsigned)_mm_movemask_epi8(hit);
		if (mask == 0)
			continue;
		mask &= ~(unsigned)_mm_movemask_epi8(alnum16(b));
		for (; mask != 0; mask &= mask - 1)
			scan_at(q, st, w, u, n, i + (size_t)__builtin_ctz(mask), counts);
	}
#endif
	for (; i < n; i++)
		if (st->look[u[i]])
			scan_at(q, st, w, u, n, i, counts);
}

/* The counts of query's terms in text both ways, for the tests: by
 * scan_counts into scan, and by fold_words and term_count into fold (each
 * DY_SEARCH_TERMS_MAX long); *nterms the query's terms. 0, DY_EINVAL for
 * a query search refuses, or DY_ENOMEM. */
int
search_counts(const char *query, size_t query_len, const char *text, size_t len, unsigned *scan, unsigned *fold,
              size_t *nterms)
{
	struct dy_error err = {0};
	struct query q;
	struct words w = {0};
	struct starts st;
	int rc;

	memset(scan, 0, DY_SEARCH_TERMS_MAX * sizeof(*scan));
	memset(fold, 0, DY_SEARCH_TERMS_MAX * sizeof(*fold));
	*nterms = 0;
	if ((rc = query_parse(query, query_len, &q, &err)) != 0)
		goto out;
	starts_make(&q, &st);
	scan_counts(&q, &st, &w, text, len, scan);
	if ((rc = fold_words(text, len, false, &w)) != 0)
		goto out;
	for (size_t t = 0; t < q.nterms; t++)
		fold[t] = term_count(&q, &q.terms[t], &w);
	*nterms = q.nterms;
out:
	words_release(&q.words);
	words_release(&w);
	return rc;
}

/* Scratch memory of a search, reused from entry to entry. */
struct search {
	const struct dy_session *s;
	struct query q;
	struct starts starts;        /* the terms by their first byte */
	struct words title, text;    /* title's cache also serves the scan */
	struct dy_search_hit *hits;  /* limit + 1, kept best first */
	size_t count, limit, total;
	uint64_t seen;               /* entries read so far */
};

/* Whether hit a goes before hit b: a higher score, then newer. */
static bool
better(const struct dy_search_hit *a, const struct dy_search_hit *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->entry.created_at != b->entry.created_at)
		return a->entry.created_at > b->entry.created_at;
	return a->order > b->order;
}

/* What a search's job makes of one record beside its decryption
 * (rec_prep): its entry, and the counts of the query's terms in its title
 * and text -- a pure function of the query and the plaintext, so that it
 * may run on any thread. scratch is the slot's own folding memory, kept
 * from record to record and wiped at the end. */
struct search_prep {
	struct journal_prep jp;          /* first: journal_entry_of reads it */
	unsigned in_title[DY_SEARCH_TERMS_MAX], in_text[DY_SEARCH_TERMS_MAX];
	struct words scratch;
};

/* The query, read by every job at once. */
struct search_ctx {
	const struct dy_session *s;
	const struct query *q;
	const struct starts *starts;
};

static void
prep_fn(const void *ctx, struct rec *r, void *out)
{
	const struct search_ctx *c = ctx;
	struct search_prep *sp = out;

	journal_prep_fn(c->s, r, &sp->jp);
	memset(sp->in_title, 0, sizeof(sp->in_title));
	memset(sp->in_text, 0, sizeof(sp->in_text));
	if (sp->jp.rc != 0)
		return;
	scan_counts(c->q, c->starts, &sp->scratch, sp->jp.e.title, sp->jp.e.title_len, sp->in_title);
	scan_counts(c->q, c->starts, &sp->scratch, sp->jp.e.text, sp->jp.e.text_len, sp->in_text);
}

static void
prep_done(void *out, struct rec *r)
{
	journal_prep_done(&((struct search_prep *)out)->jp, r);
}

static void
prep_release(void *out)
{
	words_release(&((struct search_prep *)out)->scratch);
}

static int
take(void *ctx, struct rec *r, struct dy_error *err)
{
	struct search *k = ctx;
	struct search_prep *sp = r->prep;
	struct dy_search_hit h;
	unsigned in_title[DY_SEARCH_TERMS_MAX], in_text[DY_SEARCH_TERMS_MAX];
	size_t at;

	memset(&h, 0, sizeof(h));
	h.order = k->seen++;
	if (journal_entry_of(k->s, r, &h.entry, err) != 0)
		return DY_ECORRUPT;
	if (sp != NULL) {
		memcpy(in_title, sp->in_title, sizeof(in_title));
		memcpy(in_text, sp->in_text, sizeof(in_text));
	} else {
		memset(in_title, 0, sizeof(in_title));
		memset(in_text, 0, sizeof(in_text));
		scan_counts(&k->q, &k->starts, &k->title, h.entry.title, h.entry.title_len, in_title);
		scan_counts(&k->q, &k->starts, &k->title, h.entry.text, h.entry.text_len, in_text);
	}
	for (size_t i = 0; i < k->q.nterms; i++) {
		if (in_title[i] + in_text[i] == 0) {
			journal_entry_give_back(&h.entry, r);
			return 0;
		}
		h.score += DY_SEARCH_TITLE_WEIGHT * in_title[i] + in_text[i];
	}
	k->total++;
	/* insert in order; the one past the limit goes */
	at = k->count;
	while (at > 0 && better(&h, &k->hits[at - 1]))
		at--;
	if (at >= k->limit) {
		journal_entry_give_back(&h.entry, r);
		return 0;
	}
	memmove(&k->hits[at + 1], &k->hits[at], (k->count - at) * sizeof(h));
	k->hits[at] = h;
	if (k->count == k->limit)
		dy_entry_release(&k->hits[k->limit].entry);
	else
		k->count++;
	return 0;
}

/* Mark term matches among words t into spans relative to base, those
 * inside [from, to) only. */
static size_t
mark_spans(const struct query *q, const struct words *t, size_t from, size_t to, struct dy_search_span *out)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n && n < DY_SEARCH_MARKS_MAX; i++) {
		for (size_t j = 0; j < q->nterms; j++) {
			const struct term *te = &q->terms[j];

			if (term_at(q, te, t, i) && t->v[i].start >= from && t->v[i + te->n - 1].end <= to) {
				/* a match that overlaps the one before joins it */
				if (n > 0 && out[n - 1].start + out[n - 1].len >= t->v[i].start - from) {
					size_t end = t->v[i + te->n - 1].end - from;

					if (end > out[n - 1].start + out[n - 1].len)
						out[n - 1].len = end - out[n - 1].start;
				} else {
					out[n].start = t->v[i].start - from;
					out[n].len = t->v[i + te->n - 1].end - t->v[i].start;
					n++;
				}
				break;
			}
		}
	}
	return n;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The passage of a hit and its marks, and the title's marks. */
static int
passage(struct search *k, struct dy_search_hit *h)
{
	const char *t = h->entry.text;
	size_t n = h->entry.text_len, first = n, start = 0, end;
	int rc;

	if ((rc = fold_words(h->entry.title, h->entry.title_len, true, &k->title)) != 0 ||
	    (rc = fold_words(t, n, true, &k->text)) != 0)
		return rc;
	h->ntitle_marks = mark_spans(&k->q, &k->title, 0, h->entry.title_len, h->title_marks);
	for (size_t i = 0; i < k->text.n && first == n; i++)
		for (size_t j = 0; j < k->q.nterms; j++)
			if (term_at(&k->q, &k->q.terms[j], &k->text, i)) {
				first = k->text.v[i].start;
				break;
			}
	if (first < n && first > DY_SEARCH_PASSAGE / 4 && n > DY_SEARCH_PASSAGE) {
		/* about a quarter of the passage before the match, but no
		 * further from the end than a whole passage; from a space */
		start = first - DY_SEARCH_PASSAGE / 4;
		if (start > n - DY_SEARCH_PASSAGE)
			start = n - DY_SEARCH_PASSAGE;
		while (start < first && !is_space(t[start]))
			start++;
		while (start < first && is_space(t[start]))
			start++;
	}
	end = n - start > DY_SEARCH_PASSAGE ? start + DY_SEARCH_PASSAGE : n;
	if (end < n) {
		size_t e = end;

		/* back to a space, or at least to a character's start */
		while (e > start && !is_space(t[e]))
			e--;
		if (e > first && e > start)
			end = e;
		else
			while (end > start && ((unsigned char)t[end] & 0xC0) == 0x80)
				end--;
	}
	while (end > start && is_space(t[end - 1]))
		end--;
	h->passage_start = start;
	h->passage_len = end - start;
	h->nmarks = mark_spans(&k->q, &k->text, start, end, h->marks);
	return 0;
}

int
dy_journal_search(struct dy_session *s, const char *query, size_t query_len, enum dy_filter filter,
                  size_t limit, struct dy_search_result *out, struct dy_error *err)
{
	struct dy_query lq = {.kinds = {&dy_kind_journal}, .nkinds = 1, .filter = filter};
	struct search_ctx c;
	struct rec_prep prep = {.fn = prep_fn, .done = prep_done, .release = prep_release, .ctx = &c,
	                        .size = sizeof(struct search_prep)};
	struct search k;
	char next[DY_CURSOR_MAX + 1];
	bool oldest_first;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&k, 0, sizeof(k));
	if (limit < 1 || limit > DY_SEARCH_LIMIT_MAX)
		return dy_fail(err, DY_EINVAL, "A search answers 1 to %d entries.", DY_SEARCH_LIMIT_MAX);
	if ((rc = query_parse(query, query_len, &k.q, err)) != 0)
		goto out;
	starts_make(&k.q, &k.starts);
	k.s = s;
	k.limit = limit;
	if ((k.hits = calloc(limit + 1, sizeof(*k.hits))) == NULL) {
		rc = dy_fail(err, DY_ENOMEM, "Out of memory.");
		goto out;
	}
	/* a list of all of one kind comes oldest first (rec_list): a later
	 * place is a newer entry, which breaks ties of created_at */
	c.s = s;
	c.q = &k.q;
	c.starts = &k.starts;
	if ((rc = rec_list_prep(s, &lq, &prep, take, &k, &out->damaged, &oldest_first, next, err)) != 0)
		goto out;
	for (size_t i = 0; i < k.count; i++)
		if ((rc = passage(&k, &k.hits[i])) != 0) {
			rc = dy_fail(err, rc, "Out of memory.");
			goto out;
		}
	out->hits = k.hits;
	out->count = k.count;
	out->total = k.total;
	k.hits = NULL;
	k.count = 0;
out:
	for (size_t i = 0; i < k.count; i++)
		dy_entry_release(&k.hits[i].entry);
	free(k.hits);
	words_release(&k.q.words);
	words_release(&k.title);
	words_release(&k.text);
	return rc;
}

void
dy_search_release(struct dy_search_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->count; i++)
		dy_entry_release(&r->hits[i].entry);
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

/* [{"text", "match"}...] of s[0..n) with the spans marked. */
static json_t *
parts(const char *s, size_t n, const struct dy_search_span *m, size_t nm)
{
	json_t *a = json_array();
	size_t at = 0;

	for (size_t i = 0; a != NULL && i <= nm; i++) {
		size_t ms = i < nm ? m[i].start : n, ml = i < nm ? m[i].len : 0;

		if (ms > at && json_array_append_new(a, json_pack("{s:s%, s:b}", "text", s + at, ms - at, "match", 0)) != 0)
			goto fail;
		if (ml > 0 && json_array_append_new(a, json_pack("{s:s%, s:b}", "text", s + ms, ml, "match", 1)) != 0)
			goto fail;
		at = ms + ml;
	}
	return a;
fail:
	json_decref(a);
	return NULL;
}

json_t *
dy_search_hit_json(const struct dy_search_hit *h)
{
	json_t *o = dy_entry_json(&h->entry), *tp, *pp;

	if (o == NULL)
		return NULL;
	json_object_del(o, "text");
	tp = parts(h->entry.title, h->entry.title_len, h->title_marks, h->ntitle_marks);
	pp = parts(h->entry.text + h->passage_start, h->passage_len, h->marks, h->nmarks);
	if (tp == NULL || pp == NULL) {
		json_decref(tp);
		json_decref(pp);
		json_decref(o);
		return NULL;
	}
	if (json_object_set_new(o, "score", json_integer(h->score)) != 0 ||
	    json_object_set_new(o, "title_parts", tp) != 0 || json_object_set_new(o, "passage", pp) != 0 ||
	    json_object_set_new(o, "passage_cut_start", json_boolean(h->passage_start > 0)) != 0 ||
	    json_object_set_new(o, "passage_cut_end",
	                        json_boolean(h->passage_start + h->passage_len < h->entry.text_len)) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
