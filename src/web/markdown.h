/*
 * markdown.h - entry text rendered as HTML for the browser app (markdown.c),
 * with cmark-gfm: GitHub's dialect (autolinks, task lists, strikethrough,
 * the tag filter) in safe mode, so raw HTML and javascript:-style links
 * never reach the page.
 *
 * Bounded, because a partner's shared entry is rendered in the other
 * partner's browser: block quotes and lists nest at most MD_NEST_MAX deep
 * (a container deeper than that is shown as its source text, in a code
 * block), and the HTML is at most MD_RATIO times the text plus MD_SLACK
 * bytes (past that the whole text is shown as plain text instead: escaped,
 * in <pre class="plain">, which is always within the bound).
 */
#ifndef DY_WEB_MARKDOWN_H
#define DY_WEB_MARKDOWN_H

#include <stddef.h>

#define MD_NEST_MAX 16                  /* block quotes and lists, one in another */
#define MD_RATIO 8                      /* bytes of HTML per byte of text ... */
#define MD_SLACK ((size_t)64 * 1024)    /* ... plus this */

/* The most bytes of HTML md_render gives for len bytes of text. */
#define MD_HTML_MAX(len) ((size_t)(len) * MD_RATIO + MD_SLACK)

/*
 * Render text[0..len) (UTF-8; any bytes are safe) as HTML. Returns a new
 * NUL-terminated string of *out_len bytes (at most MD_HTML_MAX(len)) that
 * the caller frees with free(), or NULL when out of memory. Thread-safe.
 */
char *md_render(const char *text, size_t len, size_t *out_len);

#endif
