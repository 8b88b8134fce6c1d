/*
 * markdown.c - entry text as HTML (markdown.h): cmark-gfm in safe mode with
 * GitHub's autolink, strikethrough, tag filter and task list extensions,
 * with nesting and size capped.
 *
 * Why the caps: cmark opens a block quote for every '>' at the start of a
 * line, so a 1 MiB entry of '>' was a million nested quotes: 277 MB of
 * memory to parse, 28 MB of HTML, and a page that hung. Three steps keep
 * every entry cheap to render and to show:
 *  1. before parsing, a line's container markers ('>', list bullets and
 *     numbers) past the MD_NEST_MAX-th are escaped with a backslash, so the
 *     rest of that line is text (linear, and the parser never builds the
 *     deep tree);
 *  2. after parsing, a block quote or list still deeper than MD_NEST_MAX
 *     (nested across lines, by indentation) is replaced by a code block of
 *     its source lines;
 *  3. HTML longer than MD_HTML_MAX(len) is dropped for the text as plain,
 *     escaped text: many shallow quotes still make 25 bytes of HTML from
 *     each byte of text.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "markdown.h"
#include "wipe.h"
#include "banned.h"

/* cmark's allocator here: the same failure on no memory as its own (an
 * abort), but every block cleared as it is freed or moved, as the text and
 * its HTML are someone's words (wipe.h). */
static void *md_calloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		abort();
	return p;
}

static void *md_realloc(void *p, size_t n)
{
	void *q = web_realloc_wiped(p, n);

	if (q == NULL)
		abort();
	return q;
}

static cmark_mem wiping_mem = {md_calloc, md_realloc, web_free_wiped};

static const char *const extensions[] = {"autolink", "strikethrough", "tagfilter", "tasklist"};

/* The extensions' registry is global: fill it once, whichever thread is first. */
static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_eol(const char *s, size_t n, size_t i)
{
	return i >= n || s[i] == '\n' || s[i] == '\r';
}

/*
 * The length of the container marker at s[i] ('>', a bullet or a number and
 * its '.' or ')' followed by a blank or the line's end), 0 when there is
 * none; *esc gets the offset of the byte to put a backslash before.
 */
static size_t
marker_at(const char *s, size_t n, size_t i, size_t *esc)
{
	size_t j = i;

	if (i >= n)
		return 0;
	*esc = i;
	if (s[i] == '>')
		return 1;
	if ((s[i] == '-' || s[i] == '+' || s[i] == '*') && (is_eol(s, n, i + 1) || is_blank(s[i + 1])))
		return 1;
	while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j > i && j < n && (s[j] == '.' || s[j] == ')') && (is_eol(s, n, j + 1) || is_blank(s[j + 1]))) {
		*esc = j;
		return j + 1 - i;
	}
	return 0;
}

/* Step 1: a copy of s with the marker that would open a line's
 * (MD_NEST_MAX + 1)-th container escaped; NULL when out of memory. */
static char *
escape_deep_markers(const char *s, size_t n, size_t *out_n)
{
	/* at most one backslash a line, and only on lines of more than
	 * MD_NEST_MAX bytes */
	char *out = malloc(n + n / MD_NEST_MAX + 2);
	size_t i = 0, o = 0;

	if (out == NULL)
		return NULL;
	while (i < n) {
		size_t start = i, esc = 0, k;
		int depth = 0;

		for (;;) {
			while (i < n && is_blank(s[i]))
				i++;
			if ((k = marker_at(s, n, i, &esc)) == 0)
				break;
			if (++depth > MD_NEST_MAX) {
				memcpy(out + o, s + start, esc - start);
				o += esc - start;
				out[o++] = '\\';
				start = esc;
				break;
			}
			i += k;
		}
		/* the rest of the line, and its end */
		while (i < n && s[i] != '\n' && s[i] != '\r')
			i++;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
		memcpy(out + o, s + start, i - start);
		o += i - start;
	}
	out[o] = '\0';
	*out_n = o;
	return out;
}

/* The text being rendered, and where its lines start (made when first
 * needed), for step 2. */
struct source {
	const char *s;
	size_t n;
	size_t *line;           /* line[k]: offset of line k + 1 (cmark counts from 1) */
	size_t lines;
	bool failed;            /* out of memory */
};

static bool
index_lines(struct source *src)
{
	size_t i, k = 0, cap = 1;

	for (i = 0; i < src->n; i++)
		if (src->s[i] == '\n' || (src->s[i] == '\r' && (i + 1 == src->n || src->s[i + 1] != '\n')))
			cap++;
	if ((src->line = malloc(cap * sizeof(*src->line))) == NULL)
		return false;
	src->line[k++] = 0;
	for (i = 0; i < src->n; i++)
		if (src->s[i] == '\n' || (src->s[i] == '\r' && (i + 1 == src->n || src->s[i + 1] != '\n')))
			src->line[k++] = i + 1;
	src->lines = k;
	return true;
}

/* Step 2: node becomes a code block of its source lines. */
static void
replace_with_source(cmark_node *node, struct source *src)
{
	int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
	size_t from, to;
	char *text;
	cmark_node *code;

	if (src->line == NULL && !index_lines(src)) {
		src->failed = true;
		return;
	}
	if (first < 1 || (size_t)first > src->lines)
		first = 1;
	if (last < first)
		last = first;
	from = src->line[first - 1];
	to = (size_t)last < src->lines ? src->line[last] : src->n;
	if ((text = malloc(to - from + 1)) == NULL ||
	    (code = cmark_node_new_with_mem(CMARK_NODE_CODE_BLOCK, &wiping_mem)) == NULL) {
		web_free_wiped(text);
		src->failed = true;
		return;
	}
	memcpy(text, src->s + from, to - from);
	text[to - from] = '\0';
	if (!cmark_node_set_literal(code, text) || !cmark_node_replace(node, code)) {
		cmark_node_free(code);
		src->failed = true;
	} else {
		cmark_node_free(node);
	}
	web_free_wiped(text);
}

/* Step 2: walk the containers under node (depth block quotes and lists
 * deep); recursion stops at MD_NEST_MAX. */
static void
cap_nesting(cmark_node *node, int depth, struct source *src)
{
	cmark_node *child, *next;

	for (child = cmark_node_first_child(node); child != NULL && !src->failed; child = next) {
		cmark_node_type type = cmark_node_get_type(child);

		next = cmark_node_next(child);
		if (type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST) {
			if (depth + 1 > MD_NEST_MAX)
				replace_with_source(child, src);
			else
				cap_nesting(child, depth + 1, src);
		} else if (type == CMARK_NODE_ITEM) {
			cap_nesting(child, depth, src);
		}
	}
}

/* Step 3: the text as plain, escaped text in <pre class="plain">. */
static char *
render_plain(const char *s, size_t n, size_t *out_len)
{
	static const char open[] = "<pre class=\"plain\">", close[] = "</pre>\n";
	char *out = malloc(sizeof(open) + 5 * n + sizeof(close));
	size_t i, o;

	if (out == NULL)
		return NULL;
	memcpy(out, open, sizeof(open) - 1);
	o = sizeof(open) - 1;
	for (i = 0; i < n; i++) {
		const char *rep = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;

		if (rep != NULL) {
			memcpy(out + o, rep, strlen(rep));
			o += strlen(rep);
		} else if (s[i] == '\0') {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			out[o++] = s[i];
		}
	}
	memcpy(out + o, close, sizeof(close));
	*out_len = o + sizeof(close) - 1;
	return out;
}

char *
md_render(const char *text, size_t len, size_t *out_len)
{
	const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;  /* safe: no CMARK_OPT_UNSAFE */
	struct source src = {0};
	cmark_parser *parser = NULL;
	cmark_node *doc = NULL;
	char *pre = NULL, *html = NULL, *out = NULL;
	size_t i, n = 0;

	if (text == NULL)
		text = "";
	pthread_once(&registered, register_extensions);
	if ((pre = escape_deep_markers(text, len, &n)) == NULL)
		goto out;
	if ((parser = cmark_parser_new_with_mem(options, &wiping_mem)) == NULL)
		goto out;
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);

		if (ext == NULL || !cmark_parser_attach_syntax_extension(parser, ext))
			goto out;
	}
	cmark_parser_feed(parser, pre, n);
	if ((doc = cmark_parser_finish(parser)) == NULL)
		goto out;
	src.s = pre;
	src.n = n;
	cap_nesting(doc, 0, &src);
	if (src.failed)
		goto out;
	if ((html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser))) == NULL)
		goto out;
	*out_len = strlen(html);
	if (*out_len <= MD_HTML_MAX(len)) {
		out = html;
		html = NULL;
	} else {
		out = render_plain(text, len, out_len);
	}
out:
	web_free_wiped(html);
	free(src.line);
	if (doc != NULL)
		cmark_node_free(doc);
	if (parser != NULL)
		cmark_parser_free(parser);
	web_free_wiped(pre);
	return out;
}
