/*
 * router.h - the one table of the API's routes (router.c) and the way a
 * request finds its handler.
 */
#ifndef DY_WEB_ROUTER_H
#define DY_WEB_ROUTER_H

#include <stdbool.h>

#include "http.h"

enum {
	WEB_R_SESSION = 1 << 0, /* needs a valid session cookie (else 401) */
	WEB_R_CSRF = 1 << 1,    /* needs X-CSRF-Token matching the session (else 403) */
	WEB_R_SECRET = 1 << 2,  /* the body holds a passphrase or another secret:
	                         * capped at WEB_BODY_ANON_MAX, wiped once handled */
	WEB_R_KDF = 1 << 3,     /* the handler derives a key from a passphrase: it
	                         * runs on a kdfpool worker (with WEB_R_SECRET) */
};

typedef void (*web_handler)(struct web_req *r);

struct web_kind;

struct web_route {
	const char *method;
	const char *pattern;    /* "/api/v1/journal/{id}": {id} is one segment */
	web_handler handler;
	int flags;
	const struct web_kind *kind; /* the record kind of h_items_* (items.h) */
};

enum web_match { WEB_MATCH_OK, WEB_MATCH_NO_ROUTE, WEB_MATCH_NO_METHOD };

/* Find the route for method and path (as libmicrohttpd hands it over:
 * percent-decoded, without the query). On WEB_MATCH_OK sets r->route and
 * r->param (empty for a route without a parameter); on WEB_MATCH_NO_METHOD
 * writes the allowed methods ("GET, PUT") to allow, each once, leaving out
 * whole methods that do not fit. HEAD is matched as GET. A path is matched
 * byte for byte: no trailing slash, empty segment or percent sign is
 * forgiven. */
enum web_match web_route_find(struct web_req *r, const char *method, const char *path,
                              char *allow, size_t allow_size);

/* The same search in another table of n routes (the unit tests' own). */
enum web_match web_route_find_in(const struct web_route *table, size_t n, struct web_req *r,
                                 const char *method, const char *path,
                                 char *allow, size_t allow_size);

/* The API's route table; *n is set to its length. */
const struct web_route *web_route_table(size_t *n);

/* The checks that need no body, made before it is read: the session
 * (401) and CSRF token (403) the route's flags ask for. Leaves a reply in r
 * when one fails; keeps no session open either way. */
void web_route_precheck(struct web_req *r);

/* Run the matched route: the session and CSRF checks its flags ask for, the
 * body checks, then its handler. Always leaves a reply in r. */
void web_route_run(struct web_req *r);

#endif
