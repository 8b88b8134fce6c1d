/*
 * markdown.c - rendering an entry's Markdown to HTML (md_render,
 * src/web/markdown.c), which the partner's browser shows: the partner's text
 * is the attacker here.
 *
 * What must hold: the HTML is at most MD_HTML_MAX(size) bytes, and is made
 * only of the tags the renderer writes for
 * Markdown (no raw HTML of the input: that becomes a "raw HTML omitted"
 * comment), each with only its known attributes, quoted, and no link or
 * image address that a browser would run or load as script or a document
 * (javascript:, vbscript:, file:, data: other than images), also after the
 * browser decodes character references and drops tabs and line breaks.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "fuzz.h"

static const char *const tags[] = {
	"p", "blockquote", "ul", "ol", "li", "pre", "code", "h1", "h2", "h3", "h4", "h5", "h6",
	"hr", "br", "em", "strong", "a", "img",
	"del", "input",         /* cmark-gfm: strikethrough, task list boxes */
};
static const char *const attrs[] = {"href", "title", "src", "alt", "class", "start", "type", "checked", "disabled"};
static const char comment[] = "<!-- raw HTML omitted -->";

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}

/* An attribute value as a browser reads it: character references decoded
 * (the ones that could spell a scheme), tabs and line breaks dropped,
 * leading spaces and controls dropped, lower case. */
static void browser_view(const char *v, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < n && o + 1 < cap) {
		unsigned long c = (unsigned char)v[i];

		if (v[i] == '&') {
			size_t j = i + 1;

			if (j < n && v[j] == '#') {
				bool hex = j + 1 < n && (v[j + 1] == 'x' || v[j + 1] == 'X');
				unsigned long x = 0;

				j += hex ? 2 : 1;
				while (j < n && (hex ? isxdigit((unsigned char)v[j]) : isdigit((unsigned char)v[j])) && x < 0x110000) {
					x = x * (hex ? 16 : 10) + (unsigned long)(isdigit((unsigned char)v[j]) ? v[j] - '0' : (tolower((unsigned char)v[j]) - 'a' + 10));
					j++;
				}
				if (j < n && v[j] == ';')
					j++;
				c = x;
				i = j;
			} else if (strncmp(v + i, "&amp;", 5) == 0) {
				c = '&';
				i += 5;
			} else if (strncmp(v + i, "&colon;", 7) == 0) {
				c = ':';
				i += 7;
			} else {
				i++;
			}
		} else {
			i++;
		}
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (o == 0 && c <= 0x20)
			continue;
		out[o++] = c < 0x80 ? (char)tolower((int)c) : '?';
	}
	out[o] = '\0';
}

static void check_url(const char *v, size_t n)
{
	char seen[64];

	browser_view(v, n, seen, sizeof(seen));
	FUZZ_CHECK(strncmp(seen, "javascript:", 11) != 0);
	FUZZ_CHECK(strncmp(seen, "vbscript:", 9) != 0);
	FUZZ_CHECK(strncmp(seen, "file:", 5) != 0);
	if (strncmp(seen, "data:", 5) == 0)
		FUZZ_CHECK(strncmp(seen, "data:image/png", 14) == 0 || strncmp(seen, "data:image/gif", 14) == 0 ||
		           strncmp(seen, "data:image/jpeg", 15) == 0 || strncmp(seen, "data:image/webp", 15) == 0);
}

/* One tag at html[i] ('<'); returns the index after it. */
static size_t check_tag(const char *html, size_t n, size_t i)
{
	size_t name, len;

	if (strncmp(html + i, comment, sizeof(comment) - 1) == 0)
		return i + sizeof(comment) - 1;
	i++;
	if (i < n && html[i] == '/')
		i++;
	name = i;
	while (i < n && (islower((unsigned char)html[i]) || isdigit((unsigned char)html[i])))
		i++;
	len = i - name;
	FUZZ_CHECK(in_list(tags, sizeof(tags) / sizeof(tags[0]), html + name, len));
	while (i < n && html[i] == ' ') {
		size_t a = ++i, alen, v;

		if (html[i] == '/')
			break;
		while (i < n && islower((unsigned char)html[i]))
			i++;
		alen = i - a;
		FUZZ_CHECK(in_list(attrs, sizeof(attrs) / sizeof(attrs[0]), html + a, alen));
		FUZZ_CHECK(i + 1 < n && html[i] == '=' && html[i + 1] == '"');
		i += 2;
		v = i;
		while (i < n && html[i] != '"') {
			FUZZ_CHECK(html[i] != '<' && html[i] != '>');
			i++;
		}
		FUZZ_CHECK(i < n);
		if ((alen == 4 && memcmp(html + a, "href", 4) == 0) || (alen == 3 && memcmp(html + a, "src", 3) == 0))
			check_url(html + v, i - v);
		i++;
	}
	if (i < n && html[i] == '/')
		i++;
	FUZZ_CHECK(i < n && html[i] == '>');
	return i + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0, i = 0;
	char *html = md_render((const char *)data, size, &n);

	FUZZ_CHECK(html != NULL);
	/* bounded whatever the text (nesting and size caps) */
	FUZZ_CHECK(n == strlen(html) && n <= MD_HTML_MAX(size));
	while (i < n) {
		if (html[i] == '<') {
			i = check_tag(html, n, i);
			continue;
		}
		FUZZ_CHECK(html[i] != '>');
		i++;
	}
	free(html);
	return 0;
}
