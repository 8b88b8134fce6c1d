/*
 * limits.c - GET /api/v1/limits: the sizes the core accepts, so that the
 * browser app checks what people type against the same numbers the server
 * enforces instead of keeping its own copies.
 *
 * Strings are measured in bytes of UTF-8, as the core measures them; "page"
 * counts the items of one list page (?limit=). Nothing here is secret, and
 * the setup and join pages need the name and passphrase limits before
 * anyone is logged in, so the route needs no session.
 */
#include "handlers.h"
#include "json.h"
#include "banned.h"

/* {"min":min,"max":max}; NULL when out of memory. */
static json_t *range(json_int_t min, json_int_t max)
{
	return json_pack("{s:I,s:I}", "min", min, "max", max);
}

void h_limits(struct web_req *r)
{
	reply_json(r, 200, json_pack("{s:o,s:o,s:o,s:o,s:{s:o,s:o}}",
	                             "name", range(1, DY_NAME_MAX),
	                             "label", range(0, DY_LABEL_MAX),
	                             "passphrase", range(DY_PASSPHRASE_MIN, DY_PASSPHRASE_MAX),
	                             "page", range(1, WEB_PAGE_MAX),
	                             "journal",
	                             "title", range(0, DY_TITLE_MAX),
	                             "text", range(1, DY_TEXT_MAX)));
}
