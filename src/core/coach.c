/*
 * coach.c - the I-statement coach (see coach.h).
 *
 * The text becomes tokens: lower-case words, contractions spelled out
 * ("don't" is "do" "not", "you're" is "you" "are"), each with its place in
 * the original text, its sentence and its clause (commas and dashes start
 * a clause; . ! ? ; and line ends a sentence). Words inside double quotes
 * are reported speech and are left out.
 *
 * Each kind has a table of rules: a pattern over the tokens and guards.
 * A pattern is words separated by spaces:
 *   you          the word "you"
 *   make|made    either word
 *   ?so          "so", or nothing
 *   ~3           up to three words of the same clause
 *   ~~6          up to six words of the same sentence
 *   @neg @pos @insult @name   a word of that list (below)
 * Guards say when a match does not count: a "not" before it in its clause
 * ("it's not your fault"), a "not" among the words it skipped ("you're not
 * stupid"), a plain yes/no question, kind words after "always", and so on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "util.h"
#include "banned.h"

#define WORD_MAX 20  /* longer words are kept, but match nothing */

struct tok {
	char w[WORD_MAX + 1];
	size_t start, end;   /* in the original text */
	unsigned sent, clause;
};

struct toks {
	struct tok *t;
	size_t n, cap;
	unsigned sent, clause;
	bool *question;      /* per sentence: a question (ends in '?') */
	size_t nsent;
};

/* ----------------------------------------------------------- word lists */

static const char *const neg_words[] = {
	"angry", "mad", "furious", "cry", "cried", "crying", "sad", "miserable", "worthless",
	"small", "stupid", "crazy", "nuts", "insane", "late", "upset", "anxious", "nervous", "sick",
	"hate", "jealous", "unhappy", "lonely", "guilty", "ashamed", "embarrassed", "not", "never",
	"useless", "hurt", "terrible", "awful", "bad", "worse", "worst", "difficult",
	"stressed", "exhausted", "mess", "wrong", "trouble", "missed", "lost", "ruined", "scared",
	"afraid", "frustrated", "annoyed", "irritated", "insecure", "unwanted", "invisible",
	"ignored", "alone", "fail", "failure", "unfair", "inadequate", "desperate", "broke",
	"ignore", "left", "embarrass", "put", "miss", "abandoned", "fool", "look", "cheap",
	NULL,
};

static const char *const pos_words[] = {
	"laugh", "laughing", "smile", "smiling", "cheer", "kind", "help", "helps", "helping",
	"helpful", "remember", "remembers", "try", "tries", "support", "supports", "supportive",
	"love", "loved", "safe", "happy", "better", "great", "good", "wonderful", "beautiful",
	"generous", "patient", "thoughtful", "sweet", "funny", "thank", "thanks", "proud", "admire",
	"calm", "gentle", "fun", "special", "warm", "honest", "there", "welcome", "encourage",
	"encourages", "listen", "listens", "surprise", "surprises", "nice", "lovely", "amazing",
	"handsome", "pretty", "clever", NULL,
};

/* what, said of a person, is an insult */
static const char *const insult_words[] = {
	"idiot", "idiotic", "stupid", "dumb", "moron", "pathetic", "loser", "useless", "lazy",
	"selfish", "childish", "ridiculous", "hopeless", "joke", "baby", "child", "mess",
	"terrible", "disgusting", "dramatic", "unbelievable", "clown", "worthless", "psycho",
	"ignorant", "incompetent", "brat", "jerk", "fool", "foolish", "immature", "clueless",
	"pathetic", "liar", "coward", "disgrace", "failure", NULL,
};

/* what a person can be called, as in "you idiot" */
static const char *const name_words[] = {
	"idiot", "moron", "loser", "fool", "jerk", "clown", "brat", "baby", "liar", "coward",
	"genius", "einstein", NULL,
};

/* words after "never" that make it kind: "you never fail to", "you never
 * complain", "you never have to" */
static const char *const never_kind_words[] = {
	"forget", "forgets", "fail", "fails", "complain", "complains", "judge", "judges",
	"disappoint", "disappoints", "let", "lets", NULL,
};

static const char *const negators[] = {"not", "no", "never", "nobody", NULL};

static const char *const yes_no_starts[] = {
	"do", "does", "did", "are", "is", "was", "were", "would", "could", "can", "will", "have",
	"has", "should", "may", "might", "shall", NULL,
};

static bool
in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------- rules */

enum {
	NEG_BEFORE = 1 << 0,    /* no negator earlier in the clause */
	NEG_SKIPPED = 1 << 1,   /* no negator among the skipped words */
	NOT_QUESTION = 1 << 2,  /* not in a plain yes/no question */
	NEG_AFTER = 1 << 3,     /* a @neg word within 5 words after */
	NEG_IN_SENT = 1 << 4,   /* a @neg word somewhere in the sentence */
	YOU_IN_SENT = 1 << 5,   /* "you" or "your" somewhere in the sentence */
	KIND_ALWAYS = 1 << 6,   /* not when kind words follow (and no "have to") */
	KIND_NEVER = 1 << 7,    /* not "never forget", "never have to", ... */
	NOT_AFTER_DO = 1 << 8,  /* not "do you think" */
	SENT_START = 1 << 9,    /* only as the sentence's first words */
	CRITICAL_AFTER = 1 << 10, /* a criticism after: @neg, always, never */
};

struct rule {
	const char *pattern;
	unsigned guards;
};

static const struct rule blame_rules[] = {
	{"you ~2 make|made|makes|making|keep|kept ?making me", NEG_BEFORE | NEG_SKIPPED | NEG_AFTER},
	{"your fault", NEG_BEFORE},
	{"because of you", NEG_BEFORE},
	{"thanks to you", NEG_BEFORE | NEG_IN_SENT},
	{"you ~2 ruin|ruined|ruins|ruining|wreck|wrecked|spoil|spoiled|spoilt|destroy|destroyed|broke",
	 NEG_BEFORE | NEG_SKIPPED},
	{"you are|were the reason", NEG_BEFORE},
	{"you are to blame", NEG_BEFORE},
	{"blame you", NEG_BEFORE},
	{"you ?have cause|caused|started", NEG_BEFORE},
	{"look what you", 0},
	{"this is on you", NEG_BEFORE},
	{"you ~1 hurt me|my", NEG_BEFORE | NEG_SKIPPED},
	{"you drive|drove|are|were ?driving me crazy|mad|nuts|insane", NEG_BEFORE},
	{"you have made my life", NEG_BEFORE},
	{"i am|feel|felt|get ~3 @neg ~~8 because you", NEG_BEFORE},
	{"if you ~~6 would not|never", 0},
	{"would not ~~6 if you", 0},
	{"feel|felt that|like you", NEG_BEFORE | CRITICAL_AFTER},
};

static const struct rule absolute_rules[] = {
	{"you ~3 always|constantly|continually|forever", NEG_BEFORE | NOT_QUESTION | KIND_ALWAYS},
	{"you ~3 never", NEG_BEFORE | NOT_QUESTION | KIND_NEVER},
	{"every|each ?single time", YOU_IN_SENT | NOT_QUESTION},
	{"whenever", YOU_IN_SENT | NOT_QUESTION},
	{"all you ever", 0},
	{"you only ever", 0},
	{"not once", YOU_IN_SENT},
	{"you do|did not ever", NOT_QUESTION},
	{"you ~2 do|did nothing", NEG_BEFORE | NOT_QUESTION},
	{"you ~1 forget|forgot everything", NEG_BEFORE | NOT_QUESTION},
	{"you do|did not ~3 anything", NEG_BEFORE | NOT_QUESTION},
};

static const struct rule mind_rules[] = {
	{"you ~2 not|never ~1 care|love|respect|value|trust|appreciate|want|like",
	 NEG_BEFORE | NOT_QUESTION},
	{"you could not care less", NOT_QUESTION},
	{"you ~2 only|just|obviously|clearly|secretly ~1 want|wants|wanted|care|cares|trying|saying",
	 NEG_BEFORE | NOT_QUESTION},
	{"you want|wants|wanted me to", NEG_BEFORE | NOT_QUESTION},
	{"you want|wants to control|win|hurt|punish", NEG_BEFORE | NOT_QUESTION},
	{"on purpose", NEG_BEFORE | YOU_IN_SENT | NOT_QUESTION},
	{"deliberately|intentionally", NEG_BEFORE | YOU_IN_SENT | NOT_QUESTION},
	{"you ~2 trying to", NEG_BEFORE | NOT_QUESTION},
	{"you ~2 pretending", NEG_BEFORE | NOT_QUESTION},
	{"you ~1 think|thought i|you", NEG_BEFORE | NOT_QUESTION | NOT_AFTER_DO},
	{"you must think", NEG_BEFORE | NOT_QUESTION},
	{"you know exactly", NEG_BEFORE | NOT_QUESTION},
	{"you knew ~2 would", NEG_BEFORE | NOT_QUESTION},
	{"you meant to", NEG_BEFORE | NOT_QUESTION},
	{"you ~4 to punish|hurt|annoy|embarrass|upset|humiliate me", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~1 not ~1 interested", NEG_BEFORE | NOT_QUESTION},
	{"you ?are|were secretly", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~1 only|just doing this|that|it to", NEG_BEFORE | NOT_QUESTION},
	{"i can tell you", NEG_BEFORE},
	{"i know you are|were only|just", NEG_BEFORE},
	{"obviously|clearly you", NEG_BEFORE | NOT_QUESTION},
	{"you are only with me because", NEG_BEFORE},
};

static const struct rule contempt_rules[] = {
	{"you are|were ~3 @insult", NEG_BEFORE | NEG_SKIPPED},
	{"you @name", NEG_BEFORE},
	{"your ~1 @insult", NEG_BEFORE},
	{"your ~2 is|was ~1 @insult", NEG_BEFORE | NEG_SKIPPED},
	{"how @insult", 0},
	{"what a|an ?@insult @insult", SENT_START},
	{"how can anyone|someone be so|this|that @insult", 0},
	{"are you ~2 that @insult", 0},
	{"what is wrong with you", 0},
	{"grow up", NEG_BEFORE},
	{"whatever", SENT_START},
	{"yeah|oh|sure right|great|please|sure", SENT_START},
	{"typical", SENT_START},
	{"give me a break", NEG_BEFORE},
	{"who do you think you are", 0},
	{"get a life", NEG_BEFORE},
	{"shut up", NEG_BEFORE},
	{"nice going", 0},
	{"well done einstein|genius", 0},
	{"of course you did|would|do|will", SENT_START},
	{"are you kidding|joking", 0},
	{"you think you are so", 0},
	{"you disgust me", NEG_BEFORE},
};

static const struct {
	const struct rule *rules;
	size_t n;
} kind_rules[DY_COACH_KINDS] = {
	[DY_COACH_BLAME] = {blame_rules, sizeof(blame_rules) / sizeof(blame_rules[0])},
	[DY_COACH_ABSOLUTE] = {absolute_rules, sizeof(absolute_rules) / sizeof(absolute_rules[0])},
	[DY_COACH_MIND_READING] = {mind_rules, sizeof(mind_rules) / sizeof(mind_rules[0])},
	[DY_COACH_CONTEMPT] = {contempt_rules, sizeof(contempt_rules) / sizeof(contempt_rules[0])},
};

static const char *const kind_names[DY_COACH_KINDS] = {
	"blame", "absolute", "mind_reading", "contempt",
};

static const char *const advice[DY_COACH_KINDS] = {
	"This puts the cause of your feeling on your partner, who will likely defend. "
	"Try owning the feeling: \"I feel ... when ...\".",
	"\"Always\" and \"never\" are rarely quite true, and they invite an argument about the "
	"exceptions. Try describing one time: \"Last night, when ...\".",
	"This tells your partner what they think or want. Say what you noticed and ask: "
	"\"I wondered if ... - is that so?\"",
	"This can land as contempt, which hurts closeness most. Try saying what you feel and what "
	"you need instead.",
};

const char *
dy_coach_kind_name(enum dy_coach_kind kind)
{
	return (unsigned)kind < DY_COACH_KINDS ? kind_names[kind] : "unknown";
}

const char *
dy_coach_advice(enum dy_coach_kind kind)
{
	return (unsigned)kind < DY_COACH_KINDS ? advice[kind] : "";
}

/* ------------------------------------------------------------- tokens */

static int
push(struct toks *ts, const char *w, size_t wlen, size_t start, size_t end)
{
	struct tok *t;

	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 64;
		struct tok *p = realloc(ts->t, cap * sizeof(*p));

		if (!p)
			return DY_ENOMEM;
		ts->t = p;
		ts->cap = cap;
	}
	t = &ts->t[ts->n++];
	if (wlen > WORD_MAX) {
		/* too long to be any word we look for: keep its place only */
		memcpy(t->w, "#", 2);
	} else {
		memcpy(t->w, w, wlen);
		t->w[wlen] = '\0';
	}
	t->start = start;
	t->end = end;
	t->sent = ts->sent;
	t->clause = ts->clause;
	return 0;
}

/* Spelled-out contractions, for words written with or without the
 * apostrophe. */
static const struct {
	const char *word, *first, *second;
} contractions[] = {
	{"don't", "do", "not"}, {"dont", "do", "not"}, {"doesn't", "does", "not"},
	{"doesnt", "does", "not"}, {"didn't", "did", "not"}, {"didnt", "did", "not"},
	{"isn't", "is", "not"}, {"isnt", "is", "not"}, {"aren't", "are", "not"},
	{"arent", "are", "not"}, {"wasn't", "was", "not"}, {"wasnt", "was", "not"},
	{"weren't", "were", "not"}, {"can't", "can", "not"}, {"cant", "can", "not"},
	{"cannot", "can", "not"}, {"won't", "will", "not"}, {"wont", "will", "not"},
	{"wouldn't", "would", "not"}, {"wouldnt", "would", "not"}, {"couldn't", "could", "not"},
	{"couldnt", "could", "not"}, {"shouldn't", "should", "not"}, {"haven't", "have", "not"},
	{"hasn't", "has", "not"}, {"hadn't", "had", "not"}, {"mustn't", "must", "not"},
	{"ain't", "is", "not"}, {"youre", "you", "are"}, {"im", "i", "am"},
	{"let's", "let", "us"},
};

/* Suffixes after an apostrophe, and what they stand for; "'s" is "is"
 * after these words and a possessive (dropped) after any other. */
static const char *const is_words[] = {
	"it", "that", "what", "he", "she", "there", "who", "here", "where", "how", "this", NULL,
};

static int
push_word(struct toks *ts, char *w, size_t wlen, size_t start, size_t end)
{
	char *apo;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(contractions) / sizeof(contractions[0]); i++)
		if (strlen(contractions[i].word) == wlen && memcmp(contractions[i].word, w, wlen) == 0) {
			if ((rc = push(ts, contractions[i].first, strlen(contractions[i].first), start,
			               end)) != 0)
				return rc;
			return push(ts, contractions[i].second, strlen(contractions[i].second), start, end);
		}
	apo = memchr(w, '\'', wlen);
	if (apo && apo > w) {
		size_t base = (size_t)(apo - w), rest = wlen - base - 1;
		const char *suffix = apo + 1, *as = NULL;

		if (rest == 2 && memcmp(suffix, "re", 2) == 0)
			as = "are";
		else if (rest == 1 && *suffix == 'm')
			as = "am";
		else if (rest == 2 && memcmp(suffix, "ve", 2) == 0)
			as = "have";
		else if (rest == 2 && memcmp(suffix, "ll", 2) == 0)
			as = "will";
		else if (rest == 1 && *suffix == 'd')
			as = "would";
		else if (rest == 1 && *suffix == 's') {
			w[base] = '\0';
			as = in_list(w, is_words) ? "is" : "";
		}
		if (as) {
			if ((rc = push(ts, w, base, start, end)) != 0)
				return rc;
			return *as ? push(ts, as, strlen(as), start, end) : 0;
		}
	}
	return push(ts, w, wlen, start, end);
}

/* The length of the quote mark at s (a double quote, curly or guillemet),
 * or 0. */
static size_t
quote_mark(const unsigned char *s, size_t n)
{
	if (n >= 1 && s[0] == '"')
		return 1;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x9c || s[2] == 0x9d))
		return 3;
	if (n >= 2 && s[0] == 0xc2 && (s[1] == 0xab || s[1] == 0xbb))
		return 2;
	return 0;
}

static int
tokenize(const char *text, size_t len, struct toks *ts)
{
	const unsigned char *s = (const unsigned char *)text;
	char word[WORD_MAX + 2];
	size_t i = 0, wlen = 0, wstart = 0, quotes = 0, seen = 0;
	bool inword = false, quoted = false, *q;
	int rc;

	/* pair the quote marks in order; a last one without a partner is not
	 * a quote */
	for (i = 0; i < len; i++) {
		size_t k = quote_mark(s + i, len - i);

		if (k) {
			quotes++;
			i += k - 1;
		}
	}
	if (!(ts->question = calloc(1, sizeof(bool))))
		return DY_ENOMEM;
	ts->nsent = 1;
	for (i = 0; i <= len; ) {
		size_t k = i < len ? quote_mark(s + i, len - i) : 0;
		size_t step = i < len ? dy_utf8_seq(s + i, len - i) : 1;
		bool letter = false, apostrophe = false;
		int sep = 0;  /* 1: clause, 2: sentence, 3: question */

		if (i < len && !k) {
			unsigned char c = s[i];

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
				letter = true;
			else if (c == '\'' || (step == 3 && c == 0xe2 && s[i + 1] == 0x80 &&
			                       (s[i + 2] == 0x98 || s[i + 2] == 0x99)))
				apostrophe = true;
			else if (c >= 0x80 && !(step == 3 && c == 0xe2 && s[i + 1] == 0x80))
				letter = true;  /* a letter of another script: part of a word */
			else if (c == ',' || c == '(' || c == ')' ||
			         (step == 3 && c == 0xe2 && s[i + 1] == 0x80 &&
			          (s[i + 2] == 0x93 || s[i + 2] == 0x94)))
				sep = 1;
			else if (c == '.' || c == '!' || c == ';' || c == '\n' || c == ':' ||
			         (step == 3 && c == 0xe2 && s[i + 1] == 0x80 && s[i + 2] == 0xa6))
				sep = 2;
			else if (c == '?')
				sep = 3;
		}
		if (letter || (apostrophe && inword)) {
			if (!inword) {
				inword = true;
				wstart = i;
				wlen = 0;
			}
			if (letter && step == 1 && wlen <= WORD_MAX)
				word[wlen++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
			else if (apostrophe && wlen <= WORD_MAX)
				word[wlen++] = '\'';
			else
				wlen = WORD_MAX + 1;  /* another script: matches nothing */
			i += step;
			continue;
		}
		if (inword) {
			inword = false;
			while (wlen > 0 && wlen <= WORD_MAX && word[wlen - 1] == '\'')
				wlen--;  /* a closing single quote, or "parents'" */
			if (!quoted && wlen > 0 && (rc = push_word(ts, word, wlen, wstart, i)) != 0)
				return rc;
		}
		if (i == len)
			break;
		if (k) {
			if (++seen < quotes || quotes % 2 == 0)
				quoted = !quoted;
			i += k;
			continue;
		}
		if (sep == 1) {
			ts->clause++;
		} else if (sep >= 2 && !quoted) {
			if (sep == 3)
				ts->question[ts->nsent - 1] = true;
			/* a new sentence only after words, so "?!" and "..." are one end */
			if (ts->n > 0 && ts->t[ts->n - 1].sent == ts->sent) {
				if (!(q = realloc(ts->question, (ts->nsent + 1) * sizeof(bool))))
					return DY_ENOMEM;
				ts->question = q;
				ts->question[ts->nsent++] = false;
				ts->sent++;
				ts->clause++;
			}
		}
		i += step ? step : 1;
	}
	return 0;
}

/* ------------------------------------------------------------ matching */

static bool
element_matches(const char *el, size_t ellen, const char *w)
{
	const char *p = el, *end = el + ellen;

	if (*el == '@') {
		if (ellen == 4 && memcmp(el, "@neg", 4) == 0)
			return in_list(w, neg_words);
		if (ellen == 4 && memcmp(el, "@pos", 4) == 0)
			return in_list(w, pos_words);
		if (ellen == 7 && memcmp(el, "@insult", 7) == 0)
			return in_list(w, insult_words);
		if (ellen == 5 && memcmp(el, "@name", 5) == 0)
			return in_list(w, name_words);
		return false;
	}
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t n = (size_t)((bar ? bar : end) - p);

		if (strlen(w) == n && memcmp(p, w, n) == 0)
			return true;
		p = bar ? bar + 1 : end;
	}
	return false;
}

/*
 * Match the pattern elements from pat on, starting at token i of the
 * sentence ending before token lim. On success *end is one past the last
 * token matched. Skips are tried shortest first. With no_neg_skip, a
 * negator may not be skipped.
 */
static bool
match_from(const struct toks *ts, size_t i, size_t lim, const char *pat, bool no_neg_skip,
           size_t *end)
{
	const char *sp;
	size_t ellen;

	while (*pat == ' ')
		pat++;
	if (*pat == '\0') {
		*end = i;
		return true;
	}
	sp = strchr(pat, ' ');
	ellen = sp ? (size_t)(sp - pat) : strlen(pat);
	if (pat[0] == '~') {
		bool cross = pat[1] == '~';
		long max = strtol(pat + (cross ? 2 : 1), NULL, 10), k;

		for (k = 0; k <= max && i + (size_t)k <= lim; k++) {
			if (k > 0) {
				const struct tok *skipped = &ts->t[i + (size_t)k - 1];

				if (!cross && i > 0 && skipped->clause != ts->t[i - 1].clause)
					break;
				if (no_neg_skip && in_list(skipped->w, negators))
					break;
			}
			if (match_from(ts, i + (size_t)k, lim, pat + ellen, no_neg_skip, end))
				return true;
		}
		return false;
	}
	if (pat[0] == '?') {
		if (i < lim && element_matches(pat + 1, ellen - 1, ts->t[i].w) &&
		    match_from(ts, i + 1, lim, pat + ellen, no_neg_skip, end))
			return true;
		return match_from(ts, i, lim, pat + ellen, no_neg_skip, end);
	}
	if (i >= lim || !element_matches(pat, ellen, ts->t[i].w))
		return false;
	return match_from(ts, i + 1, lim, pat + ellen, no_neg_skip, end);
}

static bool
sentence_has(const struct toks *ts, size_t a, size_t b, const char *const *list)
{
	for (; a < b; a++)
		if (in_list(ts->t[a].w, list))
			return true;
	return false;
}

static bool
is_yes_no_question(const struct toks *ts, size_t a, size_t b)
{
	return b > a && ts->question[ts->t[a].sent] && in_list(ts->t[a].w, yes_no_starts);
}

/* Whether the rest of the clause from i on makes "always" kind: a kind
 * word, no unkind one, no "have to". */
static bool
kind_after_always(const struct toks *ts, size_t i, size_t lim)
{
	unsigned clause = i < lim ? ts->t[i].clause : 0;
	bool kind = false;

	for (; i < lim && ts->t[i].clause == clause; i++) {
		if (in_list(ts->t[i].w, neg_words) ||
		    (strcmp(ts->t[i].w, "have") == 0 && i + 1 < lim && strcmp(ts->t[i + 1].w, "to") == 0))
			return false;
		kind = kind || in_list(ts->t[i].w, pos_words);
	}
	return kind;
}

static bool
kind_after_never(const struct toks *ts, size_t i, size_t lim)
{
	unsigned clause = i < lim ? ts->t[i].clause : 0;
	size_t j;

	for (j = i; j < lim && j < i + 4 && ts->t[j].clause == clause; j++) {
		if (in_list(ts->t[j].w, never_kind_words))
			return true;
		if ((strcmp(ts->t[j].w, "have") == 0 || strcmp(ts->t[j].w, "need") == 0) &&
		    j + 1 < lim && strcmp(ts->t[j + 1].w, "to") == 0)
			return true;
	}
	return false;
}

/* Whether the rule's guards let a match of tokens [i, e) in the sentence
 * [a, b) count. */
static bool
guards_pass(const struct toks *ts, unsigned g, size_t a, size_t b, size_t i, size_t e)
{
	size_t j;

	if ((g & SENT_START) && i != a)
		return false;
	if ((g & NOT_QUESTION) && is_yes_no_question(ts, a, b))
		return false;
	if (g & NEG_BEFORE)
		for (j = i; j > a && ts->t[j - 1].clause == ts->t[i].clause; j--)
			if (in_list(ts->t[j - 1].w, negators))
				return false;
	if ((g & NOT_AFTER_DO) && i > a &&
	    (strcmp(ts->t[i - 1].w, "do") == 0 || strcmp(ts->t[i - 1].w, "does") == 0 ||
	     strcmp(ts->t[i - 1].w, "did") == 0))
		return false;
	if (g & NEG_AFTER) {
		bool found = false;

		for (j = e; j < b && j < e + 5 && !found; j++)
			found = in_list(ts->t[j].w, neg_words);
		if (!found)
			return false;
	}
	if ((g & NEG_IN_SENT) && !sentence_has(ts, a, b, neg_words))
		return false;
	if (g & YOU_IN_SENT) {
		static const char *const you[] = {"you", "your", NULL};

		if (!sentence_has(ts, a, b, you))
			return false;
	}
	if ((g & KIND_ALWAYS) && kind_after_always(ts, e, b))
		return false;
	if ((g & KIND_NEVER) && kind_after_never(ts, e, b))
		return false;
	if (g & CRITICAL_AFTER) {
		static const char *const critical[] = {"always", "never", NULL};

		if (!sentence_has(ts, e, b, neg_words) && !sentence_has(ts, e, b, critical))
			return false;
	}
	return true;
}

/* The first match of any of the kind's rules in the sentence [a, b):
 * its tokens [*mi, *me). */
static bool
find_kind(const struct toks *ts, enum dy_coach_kind kind, size_t a, size_t b, size_t *mi,
          size_t *me)
{
	size_t i, r;

	for (i = a; i < b; i++)
		for (r = 0; r < kind_rules[kind].n; r++) {
			const struct rule *ru = &kind_rules[kind].rules[r];
			size_t e;

			if (match_from(ts, i, b, ru->pattern, (ru->guards & NEG_SKIPPED) != 0, &e) &&
			    e > i && guards_pass(ts, ru->guards, a, b, i, e)) {
				*mi = i;
				*me = e;
				return true;
			}
		}
	return false;
}

int
dy_coach_check(const char *text, size_t len, struct dy_coach_result *out, struct dy_error *err)
{
	struct toks ts = {0};
	struct dy_coach_result r;
	size_t a, b;
	int rc;

	if (len > DY_COACH_TEXT_MAX)
		return dy_fail(err, DY_ETOOBIG, "The coach reads at most %d KiB at a time.",
		               DY_COACH_TEXT_MAX / 1024);
	if (!dy_utf8_valid(text, len))
		return dy_fail(err, DY_EINVAL, "The text is not valid UTF-8.");
	if ((rc = tokenize(text, len, &ts)) != 0) {
		rc = dy_fail(err, rc, "Out of memory.");
		goto out;
	}
	memset(&r, 0, sizeof(r));
	for (a = 0; a < ts.n; a = b) {
		int k;

		for (b = a; b < ts.n && ts.t[b].sent == ts.t[a].sent; b++)
			;
		for (k = 0; k < DY_COACH_KINDS; k++) {
			size_t mi, me;

			if (r.n < DY_COACH_FINDINGS_MAX &&
			    find_kind(&ts, (enum dy_coach_kind)k, a, b, &mi, &me)) {
				r.findings[r.n].kind = (enum dy_coach_kind)k;
				r.findings[r.n].start = ts.t[mi].start;
				r.findings[r.n].end = ts.t[me - 1].end;
				r.n++;
			}
		}
	}
	*out = r;
	rc = 0;
out:
	free(ts.t);
	free(ts.question);
	return rc;
}

/* ------------------------------------------------------ the I-statement */

/* part trimmed of spaces and a final '.' or '?': [*p, *p + *n) */
static int
part(const char *s, const char *name, const char **p, size_t *n, struct dy_error *err)
{
	size_t len, i;

	if (!s)
		return dy_fail(err, DY_EINVAL, "Say %s.", name);
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.' || s[len - 1] == '?'))
		len--;
	while (len > 0 && *s == ' ')
		s++, len--;
	if (len == 0)
		return dy_fail(err, DY_EINVAL, "Say %s.", name);
	if (len > DY_COACH_PART_MAX)
		return dy_fail(err, DY_EINVAL, "Keep %s under %d bytes.", name, DY_COACH_PART_MAX);
	if (!dy_utf8_valid(s, len))
		return dy_fail(err, DY_EINVAL, "%s is not valid UTF-8.", name);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return dy_fail(err, DY_EINVAL, "Write %s on one line, without control characters.",
			               name);
	*p = s;
	*n = len;
	return 0;
}

int
dy_coach_istatement(const char *feeling, const char *when, const char *need, const char *request,
                    struct dy_buf *out, struct dy_error *err)
{
	const char *f, *w, *n, *q;
	size_t fl, wl, nl, ql;
	int rc;

	if ((rc = part(feeling, "what you feel", &f, &fl, err)) != 0 ||
	    (rc = part(when, "when you feel it", &w, &wl, err)) != 0 ||
	    (rc = part(need, "what you need", &n, &nl, err)) != 0 ||
	    (rc = part(request, "what you would like to ask", &q, &ql, err)) != 0)
		return rc;
	dy_buf_addf(out, "I feel %.*s when %.*s, because I need %.*s. Would you be willing to %.*s?",
	            (int)fl, f, (int)wl, w, (int)nl, n, (int)ql, q);
	if (out->err)
		return dy_fail(err, out->err, "The statement is too long.");
	return 0;
}

int
dy_coach_json(const char *text, const struct dy_coach_result *r, struct dy_buf *out)
{
	json_t *root = NULL, *list;
	char *s = NULL;
	size_t i;
	int rc = DY_ENOMEM;

	if (!(root = json_object()) || !(list = json_array()) ||
	    json_object_set_new(root, "findings", list) != 0)
		goto out;
	for (i = 0; i < r->n; i++) {
		const struct dy_coach_finding *f = &r->findings[i];
		json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:s%}", "kind", dy_coach_kind_name(f->kind),
		                      "advice", dy_coach_advice(f->kind), "start", (json_int_t)f->start,
		                      "end", (json_int_t)f->end, "text", text + f->start,
		                      f->end - f->start);

		if (!o || json_array_append_new(list, o) != 0)
			goto out;
	}
	if (!(s = json_dumps(root, JSON_COMPACT)))
		goto out;
	rc = dy_buf_addstr(out, s);
out:
	free(s);
	json_decref(root);
	return rc ? dy_buf_fail(out, rc) : 0;
}
