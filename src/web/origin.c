/*
 * origin.c - the address people use to reach this server (see origin.h).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "origin.h"
#include "web.h"
#include "banned.h"

static const char name_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";

bool web_host_name(const char *h, char *out, size_t size, const char **port_at)
{
	size_t n = 0;
	const char *rest;

	if (h == NULL || h[0] == '\0')
		return false;
	if (h[0] == '[') {
		const char *close = strchr(h, ']');

		if (close == NULL || close == h + 1)
			return false;
		n = (size_t)(close - h) + 1;
		for (size_t i = 1; i + 1 < n; i++)
			if (strchr("0123456789abcdefABCDEF:.", h[i]) == NULL)
				return false;
	} else {
		for (; h[n] != '\0' && h[n] != ':'; n++)
			if (strchr(name_chars, h[n]) == NULL)
				return false;
	}
	rest = h + n;
	if (rest[0] == ':') {
		size_t digits = strspn(rest + 1, "0123456789");

		if (digits == 0 || digits > 5 || rest[1 + digits] != '\0')
			return false;
	} else if (rest[0] != '\0') {
		return false;
	}
	if (n == 0 || n >= size)
		return false;
	memcpy(out, h, n);
	out[n] = '\0';
	if (port_at != NULL)
		*port_at = rest;
	return true;
}

bool web_public_url_ok(const char *url)
{
	const char *h;
	char host[WEB_ORIGIN_MAX];
	size_t n = strlen(url);

	if (n >= WEB_ORIGIN_MAX - 1)
		return false;
	if (strncmp(url, "https://", 8) == 0)
		h = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		h = url + 7;
	else
		return false;
	/* a trailing slash is allowed (and dropped); any other path is not:
	 * dyad serves from the root */
	memcpy(host, h, strlen(h) + 1);
	n = strlen(host);
	if (n > 0 && host[n - 1] == '/')
		host[n - 1] = '\0';
	{
		char name[WEB_ORIGIN_MAX];

		return web_host_name(host, name, sizeof(name), NULL);
	}
}

int web_origin(const struct web_req *r, char *out, size_t size)
{
	char host[WEB_ORIGIN_MAX];
	const char *hh, *port = "";
	size_t n;

	if (size < WEB_ORIGIN_MAX)
		return -1;
	if (r->cfg->public_url != NULL) {
		n = strlen(r->cfg->public_url);
		if (n >= size)
			return -1;
		memcpy(out, r->cfg->public_url, n + 1);
		if (n > 0 && out[n - 1] == '/')
			out[n - 1] = '\0';
		return 0;
	}
	hh = req_header(r, MHD_HTTP_HEADER_HOST);
	if (!web_host_name(hh, host, sizeof(host), &port))
		return -1;
	/* secure_cookie: dyad serves TLS, or an HTTPS proxy is in front */
	if ((size_t)snprintf(out, size, "%s://%s%s", r->cfg->secure_cookie ? "https" : "http", host, port) >= size)
		return -1;
	return 0;
}

bool web_origin_is_loopback(const char *origin)
{
	const char *h = strstr(origin, "://");
	char hostport[WEB_ORIGIN_MAX], host[WEB_ORIGIN_MAX];
	size_t n;

	if (h == NULL)
		return false;
	h += 3;
	n = strcspn(h, "/");
	if (n >= sizeof(hostport))
		return false;
	memcpy(hostport, h, n);
	hostport[n] = '\0';
	if (!web_host_name(hostport, host, sizeof(host), NULL))
		return false;
	if (host[0] == '[')
		return strcmp(host, "[::1]") == 0 || strcmp(host, "[::]") == 0;
	n = strlen(host);
	if (n > 0 && host[n - 1] == '.')
		host[--n] = '\0'; /* "localhost." */
	if (strcasecmp(host, "localhost") == 0 || (n > 10 && strcasecmp(host + n - 10, ".localhost") == 0))
		return true;
	if (strcmp(host, "0.0.0.0") == 0)
		return true;
	/* 127.0.0.0/8 written as a dotted quad */
	if (strncmp(host, "127.", 4) == 0 && strspn(host, "0123456789.") == n)
		return true;
	return false;
}
