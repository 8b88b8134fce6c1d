/* markdown_test.c - entry text as HTML (src/web/markdown.c): GitHub's
 * dialect in safe mode, and nesting and size capped whatever the text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "markdown.h"

#define MIB (1024 * 1024)

static char *
render(const char *s, size_t *n)
{
	size_t len = 0;
	char *html = md_render(s, strlen(s), &len);

	assert_non_null(html);
	assert_int_equal(len, strlen(html));
	if (n != NULL)
		*n = len;
	return html;
}

/* The deepest nesting of block quotes and lists in html. */
static int
depth_of(const char *html)
{
	static const char *const open[] = {"<blockquote", "<ul", "<ol"};
	static const char *const close[] = {"</blockquote", "</ul", "</ol"};
	int d = 0, max = 0;
	size_t k;

	for (const char *p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<')) {
		for (k = 0; k < 3; k++) {
			size_t ol = strlen(open[k]), cl = strlen(close[k]);

			if (strncmp(p, open[k], ol) == 0 && (p[ol] == '>' || p[ol] == ' ')) {
				if (++d > max)
					max = d;
			} else if (strncmp(p, close[k], cl) == 0) {
				d--;
			}
		}
	}
	return max;
}

/* s repeated to MIB bytes */
static char *
mib_of(const char *s)
{
	size_t n = strlen(s), i;
	char *t = malloc(MIB + 1);

	assert_non_null(t);
	for (i = 0; i < MIB; i++)
		t[i] = s[i % n];
	t[MIB] = '\0';
	return t;
}

static void
web_addresses_become_links(void **state)
{
	char *html = render("see www.example.com and https://example.org/a?b=1 now", NULL);

	(void)state;
	assert_non_null(strstr(html, "<a href=\"http://www.example.com\">www.example.com</a>"));
	assert_non_null(strstr(html, "<a href=\"https://example.org/a?b=1\">https://example.org/a?b=1</a>"));
	free(html);
}

static void
task_lists_and_strikethrough_render(void **state)
{
	char *html = render("- [ ] call mum\n- [x] water plants\n\n~~gone~~\n", NULL);

	(void)state;
	assert_non_null(strstr(html, "<input type=\"checkbox\" disabled=\"\" /> call mum"));
	assert_non_null(strstr(html, "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> water plants"));
	assert_non_null(strstr(html, "<del>gone</del>"));
	free(html);
}

static void
raw_html_and_script_links_never_reach_the_page(void **state)
{
	char *html = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
	                    " <iframe src=//evil></iframe>\n\n[y](data:text/html,<b>)", NULL);

	(void)state;
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<iframe"));
	assert_null(strstr(html, "javascript:"));
	assert_null(strstr(html, "data:"));
	assert_null(strstr(html, "onerror"));
	free(html);
}

static void
a_mebibyte_of_quote_marks_renders_quickly_to_a_bounded_size(void **state)
{
	char *text = mib_of(">"), *html;
	size_t n = 0;
	clock_t t0 = clock();

	(void)state;
	html = md_render(text, MIB, &n);
	assert_non_null(html);
	/* 28 MB of nested quotes before the cap; now 16 quotes and a
	 * paragraph of the rest, each '>' written as "&gt;" */
	assert_true(n <= MD_HTML_MAX(MIB));
	assert_true(n < 4 * MIB + 1024);
	assert_int_equal(depth_of(html), MD_NEST_MAX);
	/* generous (sanitizer builds, a busy machine); it took 0.5 s and 277 MB */
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0);
	free(html);
	free(text);
}

static void
deep_lists_and_mixed_markers_on_one_line_are_capped(void **state)
{
	static const char *const patterns[] = {"- ", "1. ", "> - ", "* > 2) ", "+ "};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		char *text = mib_of(patterns[i]), *html = md_render(text, MIB, &n);

		assert_non_null(html);
		assert_true(depth_of(html) <= MD_NEST_MAX);
		assert_true(n <= MD_HTML_MAX(MIB));
		free(html);
		free(text);
	}
}

static void
lists_nested_by_indentation_past_the_cap_show_as_source_text(void **state)
{
	char text[8192];
	size_t o = 0;
	char *html;
	int k;

	(void)state;
	for (k = 0; k < 40; k++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%*s- level %d\n", 2 * k, "", k + 1);
	html = render(text, NULL);
	assert_int_equal(depth_of(html), MD_NEST_MAX);
	/* the deeper levels are there, as text in a code block */
	assert_non_null(strstr(html, "<li>level 16\n<pre><code>"));
	assert_non_null(strstr(html, "- level 17\n"));
	assert_non_null(strstr(html, "- level 40\n"));
	free(html);
}

static void
quotes_at_the_cap_are_kept_and_one_more_is_text(void **state)
{
	char text[64];
	char *html;

	(void)state;
	memset(text, '>', MD_NEST_MAX + 1);
	memcpy(text + MD_NEST_MAX + 1, " deep", 6);
	html = render(text, NULL);
	assert_int_equal(depth_of(html), MD_NEST_MAX);
	assert_non_null(strstr(html, "<p>&gt; deep</p>"));
	free(html);
}

static void
html_over_the_size_cap_becomes_plain_escaped_text(void **state)
{
	/* shallow quotes, each closed by a blank line: 25 bytes of HTML a byte */
	char *text = mib_of(">>>>>>>>>>>>>>>>x <b>\n\n"), *html;
	size_t n = 0;

	(void)state;
	html = md_render(text, MIB, &n);
	assert_non_null(html);
	assert_true(n <= MD_HTML_MAX(MIB));
	assert_int_equal(strncmp(html, "<pre class=\"plain\">&gt;&gt;", 27), 0);
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "<blockquote"));
	free(html);
	free(text);
}

static void
empty_and_odd_bytes_render(void **state)
{
	size_t n = 99;
	char *html = md_render("", 0, &n);

	(void)state;
	assert_non_null(html);
	assert_int_equal(n, 0);
	free(html);
	html = md_render("a\0b\xff\r\r\n>", 8, &n);
	assert_non_null(html);
	assert_int_equal(n, strlen(html));
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(web_addresses_become_links),
		cmocka_unit_test(task_lists_and_strikethrough_render),
		cmocka_unit_test(raw_html_and_script_links_never_reach_the_page),
		cmocka_unit_test(a_mebibyte_of_quote_marks_renders_quickly_to_a_bounded_size),
		cmocka_unit_test(deep_lists_and_mixed_markers_on_one_line_are_capped),
		cmocka_unit_test(lists_nested_by_indentation_past_the_cap_show_as_source_text),
		cmocka_unit_test(quotes_at_the_cap_are_kept_and_one_more_is_text),
		cmocka_unit_test(html_over_the_size_cap_becomes_plain_escaped_text),
		cmocka_unit_test(empty_and_odd_bytes_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
