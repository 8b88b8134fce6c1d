/*
 * http.c - building replies: JSON documents, errors, files, cookies, and
 * the security headers every response carries.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "http.h"
#include "throttle.h"
#include "wipe.h"
#include "banned.h"

/* No inline script or style anywhere: the app is modules and stylesheets
 * served from here. */
static const char CSP[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static void add_common_headers(struct web_req *r, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	/* Served over HTTPS (ours or a proxy's): browsers should never try
	 * plain HTTP for this host again, for a year. */
	if (r->cfg->secure_cookie)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
	if (r->route != NULL || strncmp(r->path, "/api/", 5) == 0 || strcmp(r->path, "/healthz") == 0)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}

/* Install resp as the reply, replacing an earlier one (a handler's reply
 * overrides nothing: the first one wins, so boundary checks cannot be
 * undone by a later call). */
static void set_reply(struct web_req *r, unsigned status, struct MHD_Response *resp)
{
	if (resp == NULL) {
		/* out of memory: leave no reply; server.c answers by closing */
		return;
	}
	if (r->resp != NULL) {
		MHD_destroy_response(resp);
		return;
	}
	add_common_headers(r, resp);
	r->resp = resp;
	r->status = status;
}

void reply_json(struct web_req *r, unsigned status, json_t *body)
{
	char *text;

	if (body == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (text == NULL) {
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return;
	}
	reply_take(r, status, text, strlen(text), "application/json");
}

void reply_error(struct web_req *r, unsigned status, const char *code, const char *message)
{
	json_t *doc;
	char *text;

	if (r->resp != NULL)
		return;
	doc = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
	text = doc != NULL ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (text == NULL) {
		static const char oom[] = "{\"error\":{\"code\":\"internal\",\"message\":\"Out of memory.\"}}";
		reply_static(r, 500, oom, sizeof(oom) - 1, "application/json");
		return;
	}
	reply_take(r, status, text, strlen(text), "application/json");
}

/* The HTTP status for each core error. */
static const struct {
	enum dy_code code;
	unsigned status;
} status_of[] = {
	{DY_EINVAL, 400},    {DY_ENOTFOUND, 404}, {DY_EAUTH, 401},     {DY_EEXIST, 409},
	{DY_EFULL, 409},     {DY_EEXPIRED, 410},  {DY_ETOOBIG, 413},   {DY_EIO, 500},
	{DY_ECORRUPT, 500},  {DY_EVERSION, 500},  {DY_ENOMEM, 503},    {DY_EBUSY, 503},
	{DY_EREADONLY, 500}, {DY_EPERM, 403},     {DY_ENOSPACE, 409},
};

void reply_dy_error(struct web_req *r, const struct dy_error *err)
{
	unsigned status = 500;
	size_t i;

	for (i = 0; i < sizeof(status_of) / sizeof(status_of[0]); i++) {
		if (status_of[i].code == err->code) {
			status = status_of[i].status;
			break;
		}
	}
	if (status >= 500) {
		fprintf(stderr, "dyad: %s %s: %s (%s)\n", r->method, r->path,
		        err->msg, dy_code_name(err->code));
		if (status == 503)
			reply_error(r, status, dy_code_name(err->code),
			            "The server is busy. Please try again in a moment.");
		else
			reply_error(r, status, "internal",
			            "Something went wrong on the server. Please try again.");
		if (status == 503)
			reply_header(r, "Retry-After", "1");
		return;
	}
	reply_error(r, status, dy_code_name(err->code), err->msg);
}

void reply_empty(struct web_req *r, unsigned status)
{
	set_reply(r, status, MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT));
}

void reply_static(struct web_req *r, unsigned status, const void *data, size_t len,
                  const char *content_type)
{
	struct MHD_Response *resp;

	resp = MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
	if (resp != NULL)
		MHD_add_response_header(resp, "Content-Type", content_type);
	set_reply(r, status, resp);
}

void reply_take(struct web_req *r, unsigned status, char *data, size_t len,
                const char *content_type)
{
	struct MHD_Response *resp;

	/* the answer may hold an entry's words: cleared when the library is
	 * done sending it */
	resp = MHD_create_response_from_buffer_with_free_callback(len, data, web_free_wiped);
	if (resp == NULL) {
		web_free_wiped(data);
		return;
	}
	MHD_add_response_header(resp, "Content-Type", content_type);
	set_reply(r, status, resp);
}

void reply_header(struct web_req *r, const char *name, const char *value)
{
	if (r->resp != NULL)
		MHD_add_response_header(r->resp, name, value);
}

void reply_cookie(struct web_req *r, const char *token)
{
	char v[DY_TOKEN_LEN + 160];
	int n;

	/* Path=/, Secure and no Domain: what the __Host- prefix requires */
	if (token != NULL)
		n = snprintf(v, sizeof(v), "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
		             r->cfg->cookie, token, (long long)r->cfg->session_ttl,
		             r->cfg->secure_cookie ? "; Secure" : "");
	else
		n = snprintf(v, sizeof(v), "%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
		             r->cfg->cookie, r->cfg->secure_cookie ? "; Secure" : "");
	if (n > 0 && (size_t)n < sizeof(v))
		reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, v);
	explicit_bzero(v, sizeof(v));
}

const char *req_query(const struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(const struct web_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* Keep the value of the last X-Forwarded-For line: a client can send lines
 * of its own before the one its proxy adds. */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	if (key != NULL && value != NULL && strcasecmp(key, "X-Forwarded-For") == 0)
		*(const char **)cls = value;
	return MHD_YES;
}

void req_client_addr(const struct web_req *r, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	if (size == 0)
		return;
	out[0] = '\0';
	if (r->cfg->trust_forwarded) {
		/* The proxy appends the address it saw last, to the last line:
		 * take that one, whatever the client put before it. */
		const char *xff = NULL;

		MHD_get_connection_values(r->conn, MHD_HEADER_KIND, last_xff, &xff);
		if (xff != NULL && xff[0] != '\0') {
			const char *last = strrchr(xff, ',');
			size_t n;

			last = last != NULL ? last + 1 : xff;
			while (*last == ' ')
				last++;
			n = strcspn(last, " ");
			if (n > 0 && n < size) {
				memcpy(out, last, n);
				out[n] = '\0';
				return;
			}
		}
	}
	ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)size);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)size);
}

bool web_secure_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char d = 0;
	size_t i;

	if (alen != blen || alen == 0)
		return false;
	for (i = 0; i < alen; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

/* The core's formatter (dyad.h), under the name the handlers use. */

int64_t web_elapsed_us(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - start->tv_sec) * 1000000 + (now.tv_nsec - start->tv_nsec) / 1000;
}

bool reply_if_throttled(struct web_req *r, const char *name, size_t name_len, char *addr, size_t addr_size)
{
	char wait_s[24];
	int64_t wait;

	req_client_addr(r, addr, addr_size);
	wait = throttle_wait(name, name_len, addr);
	if (wait <= 0)
		return false;
	reply_error(r, 429, "throttled", "Too many attempts. Please wait a little and try again.");
	snprintf(wait_s, sizeof(wait_s), "%lld", (long long)wait);
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, wait_s);
	return true;
}

unsigned web_cookie_count(const char *v, const char *name)
{
	size_t n = strlen(name);
	unsigned count = 0;

	while (*v != '\0') {
		while (*v == ' ' || *v == '\t' || *v == ';')
			v++;
		if (strncmp(v, name, n) == 0 && (v[n] == '=' || v[n] == ' '))
			count++;
		v += strcspn(v, ";");
	}
	return count;
}
