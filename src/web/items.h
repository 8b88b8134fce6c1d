/*
 * items.h - the API of record kinds that need nothing of their own beyond
 * the core's generic records (dy_item_*): list, create, read, delete,
 * share, unshare, and statistics in the caller's time zone. practice.c
 * and reaction.c are thin tables over these.
 */
#ifndef DY_WEB_ITEMS_H
#define DY_WEB_ITEMS_H

#include "http.h"

struct web_kind {
	const struct dy_kind *kind;
	const char *missing;   /* "There is no such session." */
};

void items_list(struct web_req *r, const struct web_kind *k);
/* Create from body (the request's JSON object, or the handler's version
 * of it): the kind's fields, and "shared" (optional, false); a missing
 * "at" is now. */
void items_create(struct web_req *r, const struct web_kind *k, const json_t *body);
void items_get(struct web_req *r, const struct web_kind *k);
void items_delete(struct web_req *r, const struct web_kind *k);
void items_share(struct web_req *r, const struct web_kind *k, bool on);


#endif
