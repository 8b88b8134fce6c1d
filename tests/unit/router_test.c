/*
 * router_test.c - how a request finds its route (src/web/router.c): the
 * API's own table, then a small table of the test's own for the matching
 * rules (parameters, slashes, odd paths, the Allow list of a 405).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handlers.h"
#include "items.h"
#include "router.h"

#define SAMPLE_ID "0190ab12-3456-4789-8abc-def012345678"

static void h_test(struct web_req *r)
{
	(void)r;
}

/* The test's own table: a collection, its items, an action on an item,
 * literal routes beside parameter ones. */
static const struct web_route tt[] = {
	{"GET", "/t/items", h_test, 0, NULL},                /* 0 */
	{"POST", "/t/items", h_test, 0, NULL},               /* 1 */
	{"GET", "/t/items/{id}", h_test, 0, NULL},           /* 2 */
	{"PUT", "/t/items/{id}", h_test, 0, NULL},           /* 3 */
	{"DELETE", "/t/items/{id}", h_test, 0, NULL},        /* 4 */
	{"POST", "/t/items/{id}/share", h_test, 0, NULL},    /* 5 */
	{"GET", "/t/items/new/form", h_test, 0, NULL},       /* 6 */
	{"GET", "/t/items/latest", h_test, 0, NULL},         /* 7: shadowed by 2 for GET */
	{"GET", "/t/search", h_test, 0, NULL},               /* 8 */
};
#define NTT (sizeof(tt) / sizeof(tt[0]))

struct found {
	enum web_match m;
	struct web_req r;
	char allow[128];
};

static void find_tt(struct found *f, const char *method, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->m = web_route_find_in(tt, NTT, &f->r, method, path, f->allow, sizeof(f->allow));
}

static void find_api(struct found *f, const char *method, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->m = web_route_find(&f->r, method, path, f->allow, sizeof(f->allow));
}

/* Whether the ", "-separated list holds item as a whole entry. */
static bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	const char *p = list;

	while (*p != '\0') {
		size_t k = strcspn(p, ",");

		if (k == n && memcmp(p, item, n) == 0)
			return true;
		p += k;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return false;
}

/* pattern with its "{name}" segment replaced by SAMPLE_ID, into out. */
static void sample_path(const char *pattern, char *out, size_t size)
{
	const char *open = strchr(pattern, '{');
	int n;

	if (open == NULL) {
		n = snprintf(out, size, "%s", pattern);
	} else {
		const char *close = strchr(open, '}');

		assert_non_null(close);
		n = snprintf(out, size, "%.*s%s%s", (int)(open - pattern), pattern, SAMPLE_ID, close + 1);
	}
	assert_true(n > 0 && (size_t)n < size);
}

/* ---- the API's table ---- */

static void api_patterns_are_absolute_without_trailing_slash_and_one_parameter_at_most(void **state)
{
	size_t n, i;
	const struct web_route *t = web_route_table(&n);

	(void)state;
	assert_true(n > 0);
	for (i = 0; i < n; i++) {
		const char *p = t[i].pattern, *open = strchr(p, '{');
		size_t len = strlen(p);

		assert_non_null(t[i].handler);
		assert_true(len > 1 && p[0] == '/' && p[len - 1] != '/');
		assert_null(strstr(p, "//"));
		if (open != NULL) {
			const char *close = strchr(open, '}');

			/* a whole segment, and the only one: r->param holds one */
			assert_true(open[-1] == '/');
			assert_non_null(close);
			assert_true(close[1] == '\0' || close[1] == '/');
			assert_null(strchr(close, '{'));
		}
	}
}

static void api_generic_item_routes_name_their_kind_and_no_other_route_does(void **state)
{
	/* the generic handlers, and the kinds' own that read the route's kind
	 * (src/web/self.c) */
	static const web_handler generic[] = {h_items_list,   h_items_create,     h_items_get,    h_items_edit,
	                                      h_items_delete, h_items_share,      h_items_unshare,
	                                      h_self_edit,    h_boundary_history, h_boundary_ack,
	                                      h_boundary_discuss, h_goal_note};
	size_t n, i, g, seen = 0;
	const struct web_route *t = web_route_table(&n);

	(void)state;
	for (i = 0; i < n; i++) {
		bool is_generic = false;

		for (g = 0; g < sizeof(generic) / sizeof(generic[0]); g++)
			is_generic = is_generic || t[i].handler == generic[g];
		if (is_generic) {
			assert_non_null(t[i].kind);
			assert_non_null(t[i].kind->kind);
			assert_non_null(t[i].kind->missing);
			assert_true(t[i].kind->limit >= 1 && t[i].kind->limit <= WEB_PAGE_MAX);
			/* the default filter is one the kind takes */
			assert_true(t[i].kind->filters != 0);
			seen++;
		} else {
			assert_null(t[i].kind);
		}
	}
	assert_true(seen >= 15);
}

static void api_methods_are_known_http_methods(void **state)
{
	static const char *const known[] = {"GET", "POST", "PUT", "DELETE", "PATCH"};
	size_t n, i, k;
	const struct web_route *t = web_route_table(&n);

	(void)state;
	for (i = 0; i < n; i++) {
		bool ok = false;

		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			ok = ok || strcmp(t[i].method, known[k]) == 0;
		assert_true(ok);
	}
}

static void api_every_route_is_reached_by_its_method_and_not_shadowed(void **state)
{
	size_t n, i;
	const struct web_route *t = web_route_table(&n);
	struct found f;
	char path[256];

	(void)state;
	for (i = 0; i < n; i++) {
		sample_path(t[i].pattern, path, sizeof(path));
		find_api(&f, t[i].method, path);
		assert_int_equal(f.m, WEB_MATCH_OK);
		assert_ptr_equal(f.r.route, &t[i]);
		if (strchr(t[i].pattern, '{') != NULL) {
			assert_string_equal(f.r.param, SAMPLE_ID);
			assert_int_equal(f.r.param_len, strlen(SAMPLE_ID));
		} else {
			assert_string_equal(f.r.param, "");
			assert_int_equal(f.r.param_len, 0);
		}
	}
}

static void api_unlisted_method_on_every_route_path_is_405_listing_that_route(void **state)
{
	size_t n, i;
	const struct web_route *t = web_route_table(&n);
	struct found f;
	char path[256];

	(void)state;
	for (i = 0; i < n; i++) {
		sample_path(t[i].pattern, path, sizeof(path));
		find_api(&f, "TRACE", path);
		assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
		assert_true(list_has(f.allow, t[i].method));
		assert_false(list_has(f.allow, "TRACE"));
	}
}

static void api_head_is_answered_by_the_get_route(void **state)
{
	struct found f;

	(void)state;
	find_api(&f, "HEAD", "/healthz");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_string_equal(f.r.route->method, "GET");
	assert_string_equal(f.r.route->pattern, "/healthz");
}

static void api_head_on_a_path_without_get_is_405(void **state)
{
	struct found f;

	(void)state;
	find_api(&f, "HEAD", "/api/v1/join");
	assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
	assert_string_equal(f.allow, "POST");
}

static void api_session_path_lists_its_three_methods_in_allow(void **state)
{
	struct found f;

	(void)state;
	find_api(&f, "PUT", "/api/v1/session");
	assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
	assert_true(list_has(f.allow, "GET"));
	assert_true(list_has(f.allow, "POST"));
	assert_true(list_has(f.allow, "DELETE"));
	assert_int_equal(strlen(f.allow), strlen("POST, GET, DELETE"));
}

static void api_unknown_path_is_404_with_empty_allow(void **state)
{
	struct found f;

	(void)state;
	find_api(&f, "GET", "/api/v1/nothing-here");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	assert_string_equal(f.allow, "");
	assert_null(f.r.route);
}

/* ---- matching rules, on the test's table ---- */

static void literal_path_finds_its_route_with_empty_param(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "POST", "/t/items");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_ptr_equal(f.r.route, &tt[1]);
	assert_string_equal(f.r.param, "");
	assert_int_equal(f.r.param_len, 0);
}

static void parameter_segment_is_copied_to_param(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "POST", "/t/items/abc/share");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_ptr_equal(f.r.route, &tt[5]);
	assert_string_equal(f.r.param, "abc");
	assert_int_equal(f.r.param_len, 3);
}

/* "/t/items/new/form" first half-matches "/t/items/{id}/share" ("new"
 * taken as the id): the literal route found after it has no parameter. */
static void literal_route_after_a_half_matched_parameter_route_gets_no_param(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "GET", "/t/items/new/form");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_ptr_equal(f.r.route, &tt[6]);
	assert_string_equal(f.r.param, "");
	assert_int_equal(f.r.param_len, 0);
}

static void parameter_of_id_length_matches(void **state)
{
	char path[64 + DY_ID_LEN];
	struct found f;

	(void)state;
	snprintf(path, sizeof(path), "/t/items/%.*s", DY_ID_LEN, "0123456789012345678901234567890123456789");
	find_tt(&f, "GET", path);
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_int_equal(f.r.param_len, DY_ID_LEN);
}

static void parameter_longer_than_an_id_is_404(void **state)
{
	char path[64 + DY_ID_LEN];
	struct found f;

	(void)state;
	snprintf(path, sizeof(path), "/t/items/%.*s", DY_ID_LEN + 1, "0123456789012345678901234567890123456789");
	find_tt(&f, "GET", path);
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	snprintf(path, sizeof(path), "/t/items/%.*s/share", DY_ID_LEN + 1, "0123456789012345678901234567890123456789");
	find_tt(&f, "POST", path);
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

static void trailing_slash_is_404(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "GET", "/t/items/");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	find_tt(&f, "GET", "/t/items/abc/");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	find_tt(&f, "GET", "/t/search/");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	find_tt(&f, "POST", "/t/items/abc/share/");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

static void empty_segment_is_not_a_parameter(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "POST", "/t/items//share");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	find_tt(&f, "GET", "/t//items");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

static void prefix_or_extension_of_a_pattern_is_404(void **state)
{
	static const char *const paths[] = {
		"/t/item", "/t/itemsx", "/t/items/abc/shar", "/t/items/abc/sharex",
		"/t/items/abc/share/x", "/t/searc", "/t/search2", "t/search", "/T/search",
	};
	struct found f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		find_tt(&f, "GET", paths[i]);
		assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
		find_tt(&f, "POST", paths[i]);
		assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	}
}

static void empty_and_root_paths_are_404(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "GET", "");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	find_tt(&f, "GET", "/");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

/* The router sees the path libmicrohttpd has already percent-decoded; it
 * decodes nothing more, and a decoded "/" separates segments. */
static void percent_sequences_reach_the_handler_verbatim(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "GET", "/t/items/a%2Fb");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_ptr_equal(f.r.route, &tt[2]);
	assert_string_equal(f.r.param, "a%2Fb");
	find_tt(&f, "GET", "/t/items/a/b");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

/* Dot segments, spaces and non-ASCII bytes are one more opaque segment for
 * the handler to validate; nothing is resolved against other routes. */
static void odd_bytes_in_a_parameter_reach_the_handler_verbatim(void **state)
{
	static const char *const ids[] = {"..", ".", "a b", "\xc3\xa4\xe2\x80\xa8", "{id}", "*"};
	char path[64];
	struct found f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		snprintf(path, sizeof(path), "/t/items/%s", ids[i]);
		find_tt(&f, "DELETE", path);
		assert_int_equal(f.m, WEB_MATCH_OK);
		assert_ptr_equal(f.r.route, &tt[4]);
		assert_string_equal(f.r.param, ids[i]);
	}
	find_tt(&f, "GET", "/t/items/../search");
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
}

static void very_long_path_is_404(void **state)
{
	size_t n = 1024 * 1024;
	char *path = malloc(n + 1);
	struct found f;
	size_t i;

	(void)state;
	assert_non_null(path);
	memcpy(path, "/t/items/", 9);
	memset(path + 9, 'a', n - 9);
	path[n] = '\0';
	find_tt(&f, "GET", path);
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	/* many short segments after a valid prefix */
	for (i = 9; i + 2 <= n; i += 2) {
		path[i] = 'x';
		path[i + 1] = '/';
	}
	path[n - 1] = 'x';
	find_tt(&f, "POST", path);
	assert_int_equal(f.m, WEB_MATCH_NO_ROUTE);
	free(path);
}

static void method_is_case_sensitive(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "get", "/t/items");
	assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
	assert_string_equal(f.allow, "GET, POST");
}

static void known_path_with_other_method_is_405_listing_methods_in_table_order(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "PATCH", "/t/items/abc");
	assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
	assert_string_equal(f.allow, "GET, PUT, DELETE");
	assert_null(f.r.route);
}

static void head_on_a_parameter_route_finds_get(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "HEAD", "/t/items/abc");
	assert_int_equal(f.m, WEB_MATCH_OK);
	assert_ptr_equal(f.r.route, &tt[2]);
	assert_string_equal(f.r.param, "abc");
}

/* "/t/items/latest" matches both "/t/items/{id}" and "/t/items/latest",
 * both with GET: the Allow header names GET once. */
static void allow_names_each_method_once(void **state)
{
	struct found f;

	(void)state;
	find_tt(&f, "POST", "/t/items/latest");
	assert_int_equal(f.m, WEB_MATCH_NO_METHOD);
	assert_string_equal(f.allow, "GET, PUT, DELETE");
}

/* A short buffer gets the methods that fit whole, never "GET, PU". */
static void allow_leaves_out_methods_that_do_not_fit_whole(void **state)
{
	struct web_req r;
	char allow[16];
	size_t size;

	(void)state;
	for (size = 1; size <= sizeof(allow); size++) {
		memset(&r, 0, sizeof(r));
		memset(allow, '#', sizeof(allow));
		assert_int_equal(web_route_find_in(tt, NTT, &r, "PATCH", "/t/items/abc", allow, size),
		                 WEB_MATCH_NO_METHOD);
		if (size < sizeof("GET"))
			assert_string_equal(allow, "");
		else if (size < sizeof("GET, PUT"))
			assert_string_equal(allow, "GET");
		else if (size < sizeof("GET, PUT, DELETE"))
			assert_string_equal(allow, "GET, PUT");
		else
			assert_string_equal(allow, "GET, PUT, DELETE");
		/* nothing written past the buffer given */
		for (size_t i = size; i < sizeof(allow); i++)
			assert_int_equal(allow[i], '#');
	}
}

static void allow_of_size_zero_is_not_written(void **state)
{
	struct web_req r;
	char allow[4] = "###";

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(web_route_find_in(tt, NTT, &r, "PATCH", "/t/items", allow, 0), WEB_MATCH_NO_METHOD);
	assert_string_equal(allow, "###");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_patterns_are_absolute_without_trailing_slash_and_one_parameter_at_most),
		cmocka_unit_test(api_methods_are_known_http_methods),
		cmocka_unit_test(api_generic_item_routes_name_their_kind_and_no_other_route_does),
		cmocka_unit_test(api_every_route_is_reached_by_its_method_and_not_shadowed),
		cmocka_unit_test(api_unlisted_method_on_every_route_path_is_405_listing_that_route),
		cmocka_unit_test(api_head_is_answered_by_the_get_route),
		cmocka_unit_test(api_head_on_a_path_without_get_is_405),
		cmocka_unit_test(api_session_path_lists_its_three_methods_in_allow),
		cmocka_unit_test(api_unknown_path_is_404_with_empty_allow),
		cmocka_unit_test(literal_path_finds_its_route_with_empty_param),
		cmocka_unit_test(parameter_segment_is_copied_to_param),
		cmocka_unit_test(literal_route_after_a_half_matched_parameter_route_gets_no_param),
		cmocka_unit_test(parameter_of_id_length_matches),
		cmocka_unit_test(parameter_longer_than_an_id_is_404),
		cmocka_unit_test(trailing_slash_is_404),
		cmocka_unit_test(empty_segment_is_not_a_parameter),
		cmocka_unit_test(prefix_or_extension_of_a_pattern_is_404),
		cmocka_unit_test(empty_and_root_paths_are_404),
		cmocka_unit_test(percent_sequences_reach_the_handler_verbatim),
		cmocka_unit_test(odd_bytes_in_a_parameter_reach_the_handler_verbatim),
		cmocka_unit_test(very_long_path_is_404),
		cmocka_unit_test(method_is_case_sensitive),
		cmocka_unit_test(known_path_with_other_method_is_405_listing_methods_in_table_order),
		cmocka_unit_test(head_on_a_parameter_route_finds_get),
		cmocka_unit_test(allow_names_each_method_once),
		cmocka_unit_test(allow_leaves_out_methods_that_do_not_fit_whole),
		cmocka_unit_test(allow_of_size_zero_is_not_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
