/*
 * http.h - one HTTP request as the web module sees it, and the ways to
 * answer it.
 *
 * A struct web_req lives from the first call of the access handler to the
 * request-completed callback (server.c). Handlers (session.c, space.c,
 * journal.c, me.c) read what the router and the boundary checks prepared
 * (path parameter, parsed JSON body, opened session) and answer with exactly
 * one reply_* call. Every reply carries the security headers; API replies
 * also say Cache-Control: no-store.
 */
#ifndef DY_WEB_HTTP_H
#define DY_WEB_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "dyad.h"

/* Sizes a request may have; what passes one is answered, in the JSON error
 * shape, before its body is read. */
#define WEB_BODY_MAX (1024 * 1024)        /* the body of a signed-in request */
#define WEB_BODY_ANON_MAX (8 * 1024)      /* the body of a request before sign-in,
                                           * or one holding a passphrase */
#define WEB_BODY_BUDGET (32 * 1024 * 1024) /* all bodies being received at once */
#define WEB_DRAIN_MAX (2 * 1024 * 1024)   /* a refused body up to this length is read
                                           * and dropped before the answer, so the
                                           * client, still sending, reads it */
#define WEB_URI_MAX 2048                  /* request target, path and query */
#define WEB_ARGS_MAX 32                   /* query parameters */
#define WEB_HEADERS_MAX (8 * 1024)        /* header names and values together */
#define WEB_PATH_LOG_MAX 200
/* The session cookie's name: with the __Host- prefix whenever the cookie
 * is Secure, so that no other site or subdomain can set one for us. */
#define WEB_COOKIE "dyad_session"
#define WEB_COOKIE_SECURE "__Host-dyad_session"

/* Settings shared by every request, fixed once the server runs. */
struct web_config {
	const char *db_path;
	int64_t session_ttl;     /* seconds */
	bool secure_cookie;      /* TLS on, or behind an HTTPS proxy: Secure
	                          * cookies and Strict-Transport-Security */
	bool trust_forwarded;    /* take the client address from X-Forwarded-For */
	const char *public_url;  /* --public-url, or NULL: links from Host */
	const char *cookie;      /* WEB_COOKIE or WEB_COOKIE_SECURE */
};

struct web_route;

/* Where a request stands with the key-derivation workers (kdfpool.h). */
enum web_job { WEB_JOB_NONE, WEB_JOB_RUNNING, WEB_JOB_DONE };

struct web_req {
	struct MHD_Connection *conn;
	const struct web_config *cfg;
	const struct web_route *route;   /* NULL: not an API route */
	char method[8];
	char path[WEB_PATH_LOG_MAX + 1]; /* for the log line; may be cut */
	struct timespec start;

	/* the {id} of the route pattern, when it has one */
	char param[DY_ID_LEN + 1];
	size_t param_len;

	/* The request body: its declared Content-Length (no body without one
	 * is taken), read into body (malloc'd once at that size, owned here,
	 * wiped and freed when the request ends). body_reserved is what the
	 * request holds of the shared WEB_BODY_BUDGET. */
	char *body;
	size_t body_len;
	size_t body_declared;
	size_t body_reserved;
	bool body_secret;                /* holds a passphrase (WEB_R_SECRET) */
	bool uri_refused;                /* target over WEB_URI_MAX or WEB_ARGS_MAX */
	bool begun;                      /* the access handler has seen it */
	bool drain;                      /* refused: its body is read, dropped, then answered */
	atomic_int job;                  /* enum web_job: on a key-derivation worker */
	atomic_int *jobs;                /* server.c: its daemon's count of them */
	json_t *json;                    /* parsed body, or NULL */

	/* the caller's session, opened from the cookie when the route needs one */
	struct dy_db *db;
	struct dy_session *session;
	bool session_borrowed;           /* owned by the thread's cache */
	char token[DY_TOKEN_LEN + 1];
	size_t token_len;

	/* the answer */
	struct MHD_Response *resp;
	unsigned status;
};

/* The client's address as text ("127.0.0.1", "::1"), for throttling. */
void req_client_addr(const struct web_req *r, char *out, size_t size);

/* A query argument, or NULL. */
const char *req_query(const struct web_req *r, const char *name);

/* A request header, or NULL. */
const char *req_header(const struct web_req *r, const char *name);

/* Answer with a JSON document (which this takes over: it is decref'd) and
 * status. A NULL body (out of memory while building it) becomes a 500. */
void reply_json(struct web_req *r, unsigned status, json_t *body);

/* Answer {"error":{"code":code,"message":message}} with status. */
void reply_error(struct web_req *r, unsigned status, const char *code, const char *message);

/* The guards in front of every passphrase check (throttle.h): fill addr
 * with the client's address and answer 429 with Retry-After when this name
 * (may be NULL) or address must wait; returns true when it answered. */
bool reply_if_throttled(struct web_req *r, const char *name, size_t name_len, char *addr, size_t addr_size);

/* Answer with the HTTP status and JSON error fitting a core error. Server
 * faults are logged on stderr and shown as a generic message. */
void reply_dy_error(struct web_req *r, const struct dy_error *err);

/* Answer with no body (204, 304). */
void reply_empty(struct web_req *r, unsigned status);

/* Answer with bytes that outlive the server (static files). */
void reply_static(struct web_req *r, unsigned status, const void *data, size_t len,
                  const char *content_type);

/* Answer with a buffer from malloc, which this takes over. */
void reply_take(struct web_req *r, unsigned status, char *data, size_t len,
                const char *content_type);

/* Add a header to the reply made just before; ignored when there is none. */
void reply_header(struct web_req *r, const char *name, const char *value);

/* Set the session cookie to token (with Max-Age from the config), or clear
 * it when token is NULL. */
void reply_cookie(struct web_req *r, const char *token);

/* How many cookies named name one Cookie header's value v holds ("a=1;
 * b=2"): a pair counts when, after any spaces, tabs and semicolons, it
 * begins with name and then '=' or a space. Two session cookies in one
 * request are refused, never first-wins (server.c). */
unsigned web_cookie_count(const char *v, const char *name);

/* Constant-time comparison of two strings of possibly different lengths. */
bool web_secure_equal(const char *a, size_t alen, const char *b, size_t blen);

/* Microseconds since start (CLOCK_MONOTONIC). */
int64_t web_elapsed_us(const struct timespec *start);

#endif
