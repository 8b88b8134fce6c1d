/*
 * static.c - serving the embedded browser files.
 *
 * The app routes by history (/journal, /join#CODE, /settings): any path
 * whose last segment has no dot is one of its pages and gets index.html.
 * Files are revalidated on every use (Cache-Control: no-cache) against a
 * strong ETag, so a new build is picked up at once and an unchanged file
 * costs a 304.
 */
#include <string.h>

#include "http.h"
#include "static.h"
#include "banned.h"

static const struct web_static_file *lookup(const char *path, size_t n)
{
	size_t lo = 0, hi = web_static_count;

	/* embed.py sorts the table by path */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct web_static_file *f = &web_static_files[mid];
		size_t m = f->path_len < n ? f->path_len : n;
		int c = memcmp(f->path, path, m);

		if (c == 0)
			c = f->path_len < n ? -1 : f->path_len > n ? 1 : 0;
		if (c == 0)
			return f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Whether If-None-Match lists etag (or is "*"). */
static bool etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);

	while (inm != NULL && *inm != '\0') {
		size_t len;

		inm += strspn(inm, " \t,");
		if (strncmp(inm, "W/", 2) == 0)
			inm += 2;
		len = strcspn(inm, ", \t");
		if ((len == n && memcmp(inm, etag, n) == 0) || (len == 1 && inm[0] == '*'))
			return true;
		inm += len;
	}
	return false;
}

void static_serve(struct web_req *r, const char *path)
{
	const struct web_static_file *f;
	const char *last = strrchr(path, '/');

	f = lookup(path, strlen(path));
	if (f == NULL && last != NULL && strchr(last, '.') == NULL && strstr(path, "//") == NULL)
		f = lookup("/index.html", 11);
	if (f == NULL) {
		static const char body[] = "Not found\n";
		reply_static(r, 404, body, sizeof(body) - 1, "text/plain; charset=utf-8");
		return;
	}
	if (etag_matches(req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH), f->etag))
		reply_empty(r, 304);
	else
		reply_static(r, 200, f->data, f->len, f->content_type);
	reply_header(r, MHD_HTTP_HEADER_ETAG, f->etag);
	reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
}
