/*
 * web.h - the HTTP server behind `dyad serve`.
 */
#ifndef DY_WEB_H
#define DY_WEB_H

#include <stdbool.h>
#include <stdint.h>

struct web_options {
	const char *listen;       /* "ADDR:PORT", default "127.0.0.1:8080" */
	const char *public_url;   /* how people reach the server, for links;
	                           * NULL = from each request's Host header */
	const char *db_path;      /* the database file (created on first run) */
	const char *tls_cert;     /* PEM files; both or neither */
	const char *tls_key;
	bool behind_https;        /* set Secure cookies without TLS of our own */
	unsigned http_redirect;   /* with TLS: a plain-HTTP port that redirects
	                           * to HTTPS; 0 = none */
	unsigned threads;         /* worker threads; 0 = default */
	unsigned per_address;     /* connections one client address may hold at
	                           * once (1 to 1024); 0 = 32. Off behind a proxy */
	int64_t session_ttl;      /* idle expiry of sessions in seconds; 0 = 30 days */
	const char *test_clock;   /* tests only: a file holding "now" in epoch
	                           * seconds, read on every use; NULL = real time */
};

/* Run the server until SIGTERM or SIGINT; returns a process exit code
 * (0 after a clean stop, 1 when it could not start). SIGHUP reloads the
 * TLS certificate and key. Prints one log line per request on stderr;
 * other messages start with "dyad". */
int web_serve(const struct web_options *o);

/* Whether url is fit for --public-url: "http://" or "https://", a host
 * name or address, an optional ":port", an optional "/" and nothing else;
 * shorter than 255 bytes. */
bool web_public_url_ok(const char *url);

/* Whether the host of origin ("scheme://host[:port]...") names this
 * machine only (localhost, NAME.localhost, 127.0.0.0/8, [::1], or the
 * unspecified 0.0.0.0 / [::]): a phone cannot open such a link. */
bool web_origin_is_loopback(const char *origin);

#endif
