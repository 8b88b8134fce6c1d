/*
 * origin.h - the address people use to reach this server: from
 * `--public-url`, or from the Host header of the request at hand. It makes
 * invitation links (space.c) and the plain-HTTP redirect (server.c), and it
 * tells whether an address opens only on this machine.
 */
#ifndef DY_WEB_ORIGIN_H
#define DY_WEB_ORIGIN_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

#define WEB_ORIGIN_MAX 256 /* "scheme://host[:port]" with its NUL */

/*
 * Copy the host of a Host header value ("name", "name:port", "[v6]" or
 * "[v6]:port") into out, without the port, when the value is made of name
 * or address characters only (letters, digits, '.', '-'; hex digits, ':'
 * and '.' inside brackets) and fits; *port_at is set to the ":port" part
 * of h ("" when none) when port_at is not NULL. false otherwise.
 */
bool web_host_name(const char *h, char *out, size_t size, const char **port_at);

/*
 * The origin of r's server as people reach it, "scheme://host[:port]"
 * without a trailing slash: cfg->public_url when set, else https (dyad's
 * TLS or an HTTPS proxy in front) or http, and the request's Host header.
 * 0 and out filled (size at least WEB_ORIGIN_MAX); -1 when there is no
 * public URL and the Host header is missing or malformed.
 */
int web_origin(const struct web_req *r, char *out, size_t size);

/* web_public_url_ok and web_origin_is_loopback are in web.h (the CLI
 * uses them too). */

#endif
