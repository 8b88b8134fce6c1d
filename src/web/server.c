/*
 * server.c - `dyad serve`: libmicrohttpd set up with a small pool of
 * worker threads on epoll, one database connection per worker thread, the
 * request lifecycle (body accumulation, dispatch, the log line), TLS, and a
 * clean stop on SIGTERM/SIGINT that lets requests in flight finish.
 */
#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handlers.h"
#include "http.h"
#include "router.h"
#include "sesscache.h"
#include "static.h"
#include "throttle.h"
#include "web.h"
#include "banned.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_THREADS 4
#define MAX_THREADS 64
#define DEFAULT_TTL (30 * 24 * 3600)
#define SESSION_TTL_MAX (366LL * 24 * 3600)
#define TLS_FILE_MAX (1024 * 1024)
#define DRAIN_SECONDS 10

static pthread_key_t db_key;
static atomic_int in_flight;
/* The clock of the core and of the throttle: NULL for real time, or the
 * test clock (set once in web_serve, before the worker threads start). */
static dy_clock_fn clock_fn;
static void *clock_ctx;

int64_t web_now(void)
{
	return clock_fn != NULL ? clock_fn(clock_ctx) : (int64_t)time(NULL);
}

/* What a worker thread keeps between requests: its database connection
 * and the sessions it opened on it. */
struct thread_state {
	struct dy_db *db;
	struct sesscache *cache;
};

static void thread_state_free(void *p)
{
	struct thread_state *ts = p;

	if (ts == NULL)
		return;
	sesscache_free(ts->cache); /* sessions before their database */
	dy_db_close(ts->db);
	free(ts);
}

static struct thread_state *thread_state(struct web_req *r)
{
	struct dy_error err = {0};
	struct thread_state *ts = pthread_getspecific(db_key);

	if (ts != NULL)
		return ts;
	ts = calloc(1, sizeof(*ts));
	if (ts == NULL || (ts->cache = sesscache_new()) == NULL) {
		free(ts);
		reply_error(r, 503, "no_memory", "The server is out of memory. Please try again.");
		return NULL;
	}
	if (dy_db_open(r->cfg->db_path, DY_OPEN_CREATE, &ts->db, &err) != 0) {
		thread_state_free(ts);
		reply_dy_error(r, &err);
		return NULL;
	}
	if (clock_fn != NULL)
		dy_db_set_clock(ts->db, clock_fn, clock_ctx);
	if (pthread_setspecific(db_key, ts) != 0) {
		thread_state_free(ts);
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return NULL;
	}
	return ts;
}

struct dy_db *web_db(struct web_req *r)
{
	struct thread_state *ts = thread_state(r);

	if (ts == NULL)
		return NULL;
	r->db = ts->db;
	return r->db;
}

int web_session_open(struct web_req *r, const char *token, size_t len, struct dy_error *err)
{
	struct thread_state *ts = thread_state(r);

	if (ts == NULL)
		return -1;
	r->db = ts->db;
	if (sesscache_get(ts->cache, ts->db, token, len, &r->session, err) != 0)
		return 1;
	r->session_borrowed = true;
	return 0;
}

/* Copy s into out (size > 0) for the log, with control bytes as '?'. */
static void copy_printable(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; i + 1 < size && s[i] != '\0'; i++)
		out[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	out[i] = '\0';
}

static bool is_api_path(const char *url)
{
	return strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0 || strcmp(url, "/healthz") == 0;
}

/* First sight of a request: set up its context, route it, and refuse
 * absurd bodies before reading them. */
static struct web_req *begin(const struct web_config *cfg, struct MHD_Connection *conn,
                             const char *url, const char *method)
{
	struct web_req *r = calloc(1, sizeof(*r));
	char allow[64];
	const char *cl;

	if (r == NULL)
		return NULL;
	dy_buf_init(&r->body_buf, WEB_BODY_MAX);
	atomic_fetch_add(&in_flight, 1);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->conn = conn;
	r->cfg = cfg;
	copy_printable(r->method, sizeof(r->method), method);
	copy_printable(r->path, sizeof(r->path), url);

	if (is_api_path(url)) {
		switch (web_route_find(r, method, url, allow, sizeof(allow))) {
		case WEB_MATCH_OK:
			break;
		case WEB_MATCH_NO_METHOD:
			reply_error(r, 405, "method_not_allowed", "This method is not allowed here.");
			reply_header(r, MHD_HTTP_HEADER_ALLOW, allow);
			break;
		case WEB_MATCH_NO_ROUTE:
			reply_error(r, 404, "not_found", "There is nothing here.");
			break;
		}
	}
	cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL) {
		char *end = NULL;
		unsigned long long n;

		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno != 0 || end == cl || n > WEB_BODY_DISCARD) {
			if (r->resp != NULL) {
				MHD_destroy_response(r->resp);
				r->resp = NULL;
			}
			reply_error(r, 413, "too_big", "The request is too large (the limit is 1 MiB).");
		}
	}
	return r;
}

/* Keep up to WEB_BODY_MAX bytes of the body; count the rest. The core's
 * capped buffer doubles as it fills, so a large body is not copied once per
 * chunk. */
static bool take_body(struct web_req *r, const char *data, size_t n)
{
	r->body_seen += n;
	if (r->body_seen > WEB_BODY_DISCARD)
		return false;
	if (r->resp != NULL || r->route == NULL || r->body_seen > WEB_BODY_MAX)
		return true;
	if (dy_buf_add(&r->body_buf, data, n) != 0)
		return false;
	r->body = r->body_buf.p;
	r->body_len = r->body_buf.len;
	return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct web_req *r = *con_cls;
	enum MHD_Result ret;

	(void)version;
	if (r == NULL) {
		r = begin(cls, conn, url, method);
		if (r == NULL)
			return MHD_NO;
		*con_cls = r;
		if (r->status == 413) {
			/* answer before the body, which will not be read */
			ret = MHD_queue_response(conn, r->status, r->resp);
			MHD_destroy_response(r->resp);
			r->resp = NULL;
			return ret;
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		bool ok = take_body(r, upload_data, *upload_data_size);

		*upload_data_size = 0;
		return ok ? MHD_YES : MHD_NO;
	}
	if (r->status != 0 && r->resp == NULL)
		return MHD_YES; /* already answered */
	if (r->resp == NULL) {
		if (r->route != NULL)
			web_route_run(r);
		else if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
			static_serve(r, url);
		else {
			reply_error(r, 405, "method_not_allowed", "This method is not allowed here.");
			reply_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		}
	}
	if (r->resp == NULL)
		return MHD_NO;
	ret = MHD_queue_response(conn, r->status, r->resp);
	MHD_destroy_response(r->resp);
	r->resp = NULL;
	return ret;
}

/* Wipe the strings of a body that held a passphrase. */
static void wipe_json(json_t *j)
{
	const char *k;
	json_t *v;

	json_object_foreach(j, k, v) {
		if (json_is_string(v))
			explicit_bzero((char *)(uintptr_t)json_string_value(v), json_string_length(v));
	}
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct web_req *r = *con_cls;
	char line[WEB_PATH_LOG_MAX + 96];
	int64_t us;
	long long ms;
	int n, tenth;

	(void)cls;
	(void)conn;
	if (r == NULL)
		return;
	/* milliseconds with one decimal, without floating point formatting */
	us = web_elapsed_us(&r->start);
	ms = (long long)(us / 1000);
	tenth = (int)(us % 1000 / 100);
	if (r->status != 0)
		n = snprintf(line, sizeof(line), "%s %s %u %lld.%dms\n", r->method, r->path, r->status, ms, tenth);
	else
		n = snprintf(line, sizeof(line), "%s %s - %lld.%dms (%s)\n", r->method, r->path, ms, tenth,
		             toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout" : "aborted");
	if (n > 0) {
		ssize_t w = write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
		(void)w;
	}
	if (r->body_secret) {
		if (r->body != NULL)
			explicit_bzero(r->body, r->body_len);
		if (json_is_object(r->json))
			wipe_json(r->json);
	}
	dy_buf_release(&r->body_buf);
	json_decref(r->json);
	if (!r->session_borrowed)
		dy_session_free(r->session);
	explicit_bzero(r->token, sizeof(r->token));
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

/* Parse "HOST:PORT", "[V6]:PORT" or ":PORT" into addr. */
static int parse_listen(const char *s, struct sockaddr_storage *addr, socklen_t *addr_len)
{
	char host[256];
	const char *colon, *port;
	size_t hn;
	struct addrinfo hints, *res = NULL;
	char *end = NULL;
	long p;
	int rc = -1;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close[1] != ':')
			return -1;
		hn = (size_t)(close - s - 1);
		if (hn >= sizeof(host))
			return -1;
		memcpy(host, s + 1, hn);
		port = close + 2;
	} else {
		colon = strrchr(s, ':');
		if (colon == NULL)
			return -1;
		hn = (size_t)(colon - s);
		if (hn >= sizeof(host))
			return -1;
		memcpy(host, s, hn);
		port = colon + 1;
	}
	host[hn] = '\0';
	errno = 0;
	p = strtol(port, &end, 10);
	if (errno != 0 || end == port || *end != '\0' || p < 1 || p > 65535)
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	if (getaddrinfo(hn > 0 ? host : NULL, port, &hints, &res) != 0 || res == NULL)
		return -1;
	if (res->ai_addrlen <= sizeof(*addr)) {
		memcpy(addr, res->ai_addr, res->ai_addrlen);
		*addr_len = res->ai_addrlen;
		rc = 0;
	}
	freeaddrinfo(res);
	return rc;
}

/* Read a PEM file (at most TLS_FILE_MAX bytes) into a new NUL-terminated
 * buffer; the caller frees it. */
static char *read_pem(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = malloc(TLS_FILE_MAX + 1);
	if (buf == NULL)
		goto out;
	n = fread(buf, 1, TLS_FILE_MAX + 1, f);
	if (ferror(f) || n == 0 || n > TLS_FILE_MAX) {
		free(buf);
		buf = NULL;
		goto out;
	}
	buf[n] = '\0';
out:
	fclose(f);
	return buf;
}

/*
 * The test clock (DYAD_TEST_CLOCK, see src/cli/serve.c): the file at path
 * holds "now" as decimal epoch seconds, optionally followed by a newline.
 * Tests replace the file whole (write another, rename it over), so a reader
 * never sees half a number. 0 when *out is set, -1 when the file cannot be
 * read or does not hold such a number.
 */
static int test_clock_read(const char *path, int64_t *out)
{
	char buf[32];
	char *end = NULL;
	FILE *f = fopen(path, "rb");
	long long v;
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n == 0 || buf[0] < '0' || buf[0] > '9')
		return -1;
	errno = 0;
	v = strtoll(buf, &end, 10);
	/* up to the end of year 9999, as the core's time formatter goes */
	if (errno != 0 || *end != '\0' || v > 253402300799LL)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* A clock for dy_db_set_clock and the throttle. A test clock that stops
 * being readable is a broken test: say so and stop at once, rather than
 * fall back to real time and let the test pass for the wrong reason. */
static int64_t test_clock_now(void *ctx)
{
	int64_t now;

	if (test_clock_read(ctx, &now) != 0) {
		fprintf(stderr, "dyad serve: cannot read the test clock %s\n", (const char *)ctx);
		abort();
	}
	return now;
}

int web_serve(const struct web_options *o)
{
	struct web_config cfg = {0};
	struct sockaddr_storage addr;
	socklen_t addr_len = 0;
	struct MHD_OptionItem opts[16];
	struct MHD_Daemon *d = NULL;
	struct dy_db *db = NULL;
	struct dy_error err = {0};
	const char *listen_at = o->listen != NULL ? o->listen : DEFAULT_LISTEN;
	char *cert = NULL, *key = NULL;
	unsigned threads = o->threads != 0 ? o->threads : DEFAULT_THREADS;
	unsigned flags;
	bool tls = o->tls_cert != NULL || o->tls_key != NULL;
	bool key_made = false;
	sigset_t sigs;
	MHD_socket lsock = MHD_INVALID_SOCKET;
	size_t no = 0;
	int sig = 0, rc = 1, i;

	cfg.db_path = o->db_path;
	cfg.session_ttl = o->session_ttl > 0 ? o->session_ttl : DEFAULT_TTL;
	cfg.secure_cookie = tls || o->behind_https;
	cfg.trust_forwarded = o->behind_https;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;

	/* the core refuses to issue longer sessions: say so now, not at login */
	if (cfg.session_ttl > SESSION_TTL_MAX) {
		fprintf(stderr, "dyad serve: --session-ttl can be at most 366 days\n");
		goto out;
	}
	if (cfg.db_path == NULL) {
		fprintf(stderr, "dyad serve: no database path\n");
		goto out;
	}
	if (parse_listen(listen_at, &addr, &addr_len) != 0) {
		fprintf(stderr, "dyad serve: cannot listen on \"%s\": expected ADDRESS:PORT, e.g. 127.0.0.1:8080\n",
		        listen_at);
		goto out;
	}
	if (tls) {
		if (o->tls_cert == NULL || o->tls_key == NULL) {
			fprintf(stderr, "dyad serve: --tls-cert and --tls-key go together\n");
			goto out;
		}
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			fprintf(stderr, "dyad serve: this libmicrohttpd has no TLS support\n");
			goto out;
		}
		cert = read_pem(o->tls_cert);
		key = read_pem(o->tls_key);
		if (cert == NULL || key == NULL) {
			fprintf(stderr, "dyad serve: cannot read %s\n", cert == NULL ? o->tls_cert : o->tls_key);
			goto out;
		}
	}
	if (o->test_clock != NULL) {
		int64_t now;

		if (test_clock_read(o->test_clock, &now) != 0) {
			fprintf(stderr, "dyad serve: cannot read the test clock %s (DYAD_TEST_CLOCK): "
			        "expected epoch seconds\n", o->test_clock);
			goto out;
		}
		clock_fn = test_clock_now;
		clock_ctx = (void *)(uintptr_t)o->test_clock;
		fprintf(stderr, "dyad: test clock from %s (DYAD_TEST_CLOCK); not for real use\n", o->test_clock);
	}
	/* Open the database once here, so that a bad path or a newer schema
	 * stops the server before it listens. */
	if (dy_db_open(cfg.db_path, DY_OPEN_CREATE, &db, &err) != 0) {
		fprintf(stderr, "dyad serve: %s\n", err.msg);
		goto out;
	}
	dy_db_close(db);
	db = NULL;

	if (pthread_key_create(&db_key, thread_state_free) != 0)
		goto out;
	key_made = true;
	throttle_init();
	throttle_set_clock(clock_fn, clock_ctx);

	/* Workers inherit this mask: only the main thread takes the signals. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &addr};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, 2048, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT, 0, NULL};
	if (threads > 1)
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL};
	if (tls) {
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert};
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key};
	}
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (tls)
		flags |= MHD_USE_TLS;
	/* MHD_OPTION_NOTIFY_COMPLETED's pointer travels in an intptr_t, which
	 * MHD turns back into a function pointer. */
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &cfg,
	                     MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "dyad serve: cannot listen on %s (in use, or not an address of this machine?)\n",
		        listen_at);
		goto out;
	}
	fprintf(stderr, "dyad: serving %s at %s://%s/ with %u threads\n", cfg.db_path,
	        tls ? "https" : "http", listen_at, threads);

	for (;;) {
		if (sigwait(&sigs, &sig) == 0 && (sig == SIGINT || sig == SIGTERM))
			break;
	}
	fprintf(stderr, "dyad: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	/* Stop accepting, let requests in flight finish, then close the rest
	 * (idle keep-alive connections). */
	lsock = MHD_quiesce_daemon(d);
	for (i = 0; i < DRAIN_SECONDS * 100 && atomic_load(&in_flight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(d);
	d = NULL;
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	rc = 0;
out:
	if (d != NULL)
		MHD_stop_daemon(d);
	if (key_made) {
		throttle_release();
		pthread_key_delete(db_key);
	}
	free(cert);
	if (key != NULL) {
		explicit_bzero(key, strlen(key));
		free(key);
	}
	return rc;
}
