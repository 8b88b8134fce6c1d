/*
 * web.h - the HTTP server behind `dyad serve`.
 */
#ifndef DY_WEB_H
#define DY_WEB_H

#include <stdbool.h>
#include <stdint.h>

struct web_options {
	const char *listen;       /* "ADDR:PORT", default "127.0.0.1:8080" */
	const char *db_path;      /* the database file (created on first run) */
	const char *tls_cert;     /* PEM files; both or neither */
	const char *tls_key;
	bool behind_https;        /* set Secure cookies without TLS of our own */
	unsigned threads;         /* worker threads; 0 = default */
	int64_t session_ttl;      /* idle expiry of sessions in seconds; 0 = 30 days */
	const char *test_clock;   /* tests only: a file holding "now" in epoch
	                           * seconds, read on every use; NULL = real time */
};

/* Run the server until SIGTERM or SIGINT; returns a process exit code
 * (0 after a clean stop, 1 when it could not start). Prints one log line
 * per request on stderr. */
int web_serve(const struct web_options *o);

#endif
