/*
 * search.c - GET /api/v1/search?q=WORDS&filter=all|mine|shared|theirs&limit=N:
 * the core's full-text search of the journal (search.h), best first, at
 * most limit hits (20; 1..100) and the number that matched. Each hit is
 * the entry without its text, with "title_parts" and "passage": pieces
 * {"text", "match"} the app puts together with <mark> around the matched
 * ones (as text nodes, never as markup).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "banned.h"

#define SEARCH_DEFAULT 20

void h_search(struct web_req *r)
{
	static const struct {
		const char *name;
		enum dy_filter filter;
	} filters[] = {
		{"all", DY_FILTER_ALL}, {"mine", DY_FILTER_MINE}, {"shared", DY_FILTER_SHARED}, {"theirs", DY_FILTER_THEIRS},
	};
	const char *q = req_query(r, "q"), *f = req_query(r, "filter"), *limit = req_query(r, "limit");
	enum dy_filter filter = DY_FILTER_ALL;
	struct dy_search_result res;
	struct dy_error err = {0};
	size_t n = SEARCH_DEFAULT;
	json_t *hits;

	if (q == NULL || q[0] == '\0') {
		reply_error(r, 400, "invalid", "Say what to search for: ?q=words.");
		return;
	}
	if (f != NULL && f[0] != '\0') {
		size_t i;

		for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++)
			if (strcmp(f, filters[i].name) == 0)
				break;
		if (i == sizeof(filters) / sizeof(filters[0])) {
			reply_error(r, 400, "invalid", "filter must be all, mine, shared or theirs.");
			return;
		}
		filter = filters[i].filter;
	}
	if (limit != NULL && limit[0] != '\0') {
		char *end = NULL;
		unsigned long v = limit[0] >= '0' && limit[0] <= '9' ? strtoul(limit, &end, 10) : 0;

		if (end == NULL || *end != '\0' || v < 1 || v > DY_SEARCH_LIMIT_MAX) {
			char msg[64];

			snprintf(msg, sizeof(msg), "limit must be a whole number from 1 to %d.", DY_SEARCH_LIMIT_MAX);
			reply_error(r, 400, "invalid", msg);
			return;
		}
		n = v;
	}
	if (dy_journal_search(r->session, q, strlen(q), filter, n, &res, &err) != 0) {
		reply_dy_error(r, &err);
		return;
	}
	hits = json_array();
	for (size_t i = 0; hits != NULL && i < res.count; i++)
		if (json_array_append_new(hits, dy_search_hit_json(&res.hits[i])) != 0) {
			json_decref(hits);
			hits = NULL;
		}
	reply_json(r, 200, hits == NULL ? NULL : json_pack("{s:s, s:I, s:o, s:I}", "query", q, "total",
	                                                   (json_int_t)res.total, "hits", hits, "damaged",
	                                                   (json_int_t)res.damaged));
	dy_search_release(&res);
}
