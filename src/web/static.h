/*
 * static.h - the browser files embedded at build time (scripts/embed.py
 * writes web_embed.c), and serving them.
 */
#ifndef DY_WEB_STATIC_H
#define DY_WEB_STATIC_H

#include <stddef.h>

struct web_static_file {
	const char *path;        /* "/js/app.js" */
	size_t path_len;
	const unsigned char *data;
	size_t len;
	const char *content_type;
	const char *etag;        /* strong, quoted */
};

extern const struct web_static_file web_static_files[];
extern const size_t web_static_count;

struct web_req;

/* Answer a GET or HEAD outside /api/: an embedded file (304 when
 * If-None-Match has its ETag), index.html for the app's own routes (a path
 * whose last segment has no dot), or 404. */
void static_serve(struct web_req *r, const char *path);

#endif
