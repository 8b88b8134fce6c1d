/*
 * items.h - the one API of record kinds that are the core's generic
 * records (dy_item_*): list, create, read, delete, share, unshare. The
 * route table (router.c) names the kind of each route (struct web_kind),
 * and the handlers h_items_* read it from r->route; a kind's own file
 * (practice.c, reaction.c, pulse.c) holds its table and what is really its
 * own (statistics, the balance map).
 */
#ifndef DY_WEB_ITEMS_H
#define DY_WEB_ITEMS_H

#include "http.h"

/* The ?filter= values a kind's list takes (a mask of these). */
enum {
	WEB_F_ALL = 1 << 0,
	WEB_F_MINE = 1 << 1,
	WEB_F_SHARED = 1 << 2,
	WEB_F_THEIRS = 1 << 3,
};

struct web_kind {
	const struct dy_kind *kind;
	const char *missing;         /* "There is no such session." (404) */
	int filters;                 /* WEB_F_*: the ?filter= values taken */
	enum dy_filter filter;       /* without ?filter= */
	const char *filter_words;    /* the 400 for another ?filter= */
	size_t limit;                /* a page without ?limit= */
	bool stamp_at;               /* a new record without "at" gets now */
	/* Turn the request's body into the kind's fields before the core
	 * checks them (practice: "duration" text to "seconds"), or NULL.
	 * Returns a new reference (the caller decrefs it), or NULL with an
	 * answer made. */
	json_t *(*prepare)(struct web_req *r, json_t *body);
	/* Add what the kind shows beside its fields to an item's JSON j (a
	 * boundary's status, a goal's notes), or NULL. 0, or -1 with err
	 * filled. */
	int (*decorate)(struct web_req *r, const struct dy_item *it, json_t *j, struct dy_error *err);
};

/* The kinds of the route table. */
extern const struct web_kind web_kind_practice;
extern const struct web_kind web_kind_reaction;
extern const struct web_kind web_kind_pulse;
extern const struct web_kind web_kind_boundary;
extern const struct web_kind web_kind_goal;
extern const struct web_kind web_kind_interest;
extern const struct web_kind web_kind_response;

/* GET .../kind?filter&limit&cursor: a page, newest first. */
void h_items_list(struct web_req *r);
/* POST .../kind: the kind's fields, and "shared" (optional, false). */
void h_items_create(struct web_req *r);
void h_items_get(struct web_req *r);
/* PUT .../kind/{id}: the members of the body replace my record's (a JSON
 * null removes an optional one; absent ones are kept), through the kind's
 * prepare; the answer is the record. My partner's record, which I may not
 * change, answers as a missing one: 404, the same words. */
void h_items_edit(struct web_req *r);
void h_items_delete(struct web_req *r);
void h_items_share(struct web_req *r);
void h_items_unshare(struct web_req *r);

/* Fill err as "out of memory" (a front end's own failure); returns -1. */
int web_oom(struct dy_error *err);

/* An item of the route's kind as JSON: dy_item_json and the kind's
 * decoration. NULL with err filled. */
json_t *web_item_json(struct web_req *r, const struct web_kind *k, const struct dy_item *it, struct dy_error *err);
/* Answer with record id of the route's kind: status and its JSON. */
void web_reply_item(struct web_req *r, unsigned status, const char *id);

/* Whether the path's {id} is a whole UUID (any case of hex digits); it is
 * lower-cased in place, the core's form. Anything else answers as a
 * missing record, so the API never resolves the core's id prefixes. */
bool web_id_ok(struct web_req *r);


#endif
