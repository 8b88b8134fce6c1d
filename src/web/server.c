/*
 * server.c - `dyad serve`: libmicrohttpd set up with a small pool of
 * event threads on epoll, one database connection per thread, the request
 * lifecycle (the checks before a body is read, body accumulation, hand-over
 * of key derivations to kdfpool.c, dispatch, the log line), the limits one
 * client can reach (connections, idle time, body sizes and their shared
 * budget), TLS with a reload of the certificate on SIGHUP, the optional
 * plain-HTTP answerer that sends people to HTTPS (on the TLS port itself,
 * through front.c, and on --http-redirect's port), and a clean stop on
 * SIGTERM/SIGINT that lets requests in flight finish.
 */
#include <errno.h>
#include <ifaddrs.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "front.h"
#include "handlers.h"
#include "http.h"
#include "kdfpool.h"
#include "origin.h"
#include "pool.h"
#include "router.h"
#include "sesscache.h"
#include "static.h"
#include "throttle.h"
#include "tls.h"
#include "web.h"
#include "banned.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_THREADS 4
#define MAX_THREADS 64
#define DEFAULT_TTL (30 * 24 * 3600)
#define SESSION_TTL_MAX (366LL * 24 * 3600)
#define DRAIN_SECONDS 10
#define REDIRECT_CONNECTIONS 256
/* Connections on the TLS port waiting for their first byte (front.c). */
#define WAITING_MAX 1024
/* A connection quiet this long is closed: a client that opens one and
 * sends nothing, or stops half-way through its headers, holds it no longer
 * (libmicrohttpd has one timeout, counted from the last byte either way). */
#define IDLE_SECONDS 10
/* A request's headers must all have come within this long of the
 * connection opening or of its previous request ending: the idle timeout
 * alone lets a client that sends a byte every few seconds hold a
 * connection for ever. */
#define HEADER_SECONDS 10
/* A request's body must all have come within this long of its headers: a
 * client trickling a byte every few seconds of a declared length would
 * otherwise hold its connection (and its share of the body budget) for
 * ever. A minute carries the largest body (1 MiB) at 150 kbit/s. */
#define BODY_SECONDS 60
#define CONNECTIONS_MAX 1024
/* Connections one client address may hold at once unless serve
 * --connections-per-address says otherwise; a browser opens six. Not
 * applied behind a proxy, where every connection comes from the proxy
 * (which should limit its clients itself). */
#define CONNECTIONS_PER_ADDRESS 32
/* Header and read buffer of one connection: past this libmicrohttpd
 * answers 414 or 431 itself (in HTML); below it, past WEB_URI_MAX or
 * WEB_HEADERS_MAX, the answer is ours (in JSON). */
#define CONNECTION_MEMORY (32 * 1024)
/* TLS 1.2 and 1.3 only; key exchange by (EC)DHE only, so that every
 * session has forward secrecy; AEAD ciphers only. */
#define TLS_PRIORITIES "SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-RSA:-DHE-DSS:-CIPHER-ALL:" \
	"+CHACHA20-POLY1305:+AES-256-GCM:+AES-128-GCM:-MAC-ALL:+AEAD:%SERVER_PRECEDENCE"

static pthread_key_t db_key;
/* The clock of the core and of the throttle: NULL for real time, or the
 * test clock (set once in web_serve, before the worker threads start). */
static dy_clock_fn clock_fn;
static void *clock_ctx;
static const char *db_path;   /* set once in web_serve, as the clock */

int64_t web_now(void)
{
	return clock_fn != NULL ? clock_fn(clock_ctx) : (int64_t)time(NULL);
}

/*
 * The header and body deadlines (HEADER_SECONDS, BODY_SECONDS).
 * libmicrohttpd (0.9.75) has only an idle timeout, counted from the last
 * byte received, so every open connection of both listeners (the API's and
 * --http-redirect's) is watched here: from the moment it opens
 * (MHD_OPTION_NOTIFY_CONNECTION) or its last request ends, its next
 * request's headers must be complete within HEADER_SECONDS (the first call
 * of the request callback), and then its body within BODY_SECONDS (the
 * call that says the body is all in); while a request runs, and while its
 * answer goes out, there is no deadline. Once a second the main thread
 * shuts down the socket of every connection past its deadline (by
 * web_now, so by the test clock in tests); the library then sees the
 * connection end and closes it itself. The library tells us of a
 * connection's end before it closes the descriptor, and the entry leaves
 * the list under the same lock, so a descriptor shut down here is always
 * still that connection's.
 */
struct conn_watch {
	struct conn_watch *prev, *next;
	MHD_socket fd;
	_Atomic int64_t deadline;   /* by web_now; 0: none (a request runs) */
	bool shut;
	bool tls_port;              /* a connection of the TLS port's server */
	struct sockaddr_storage addr;   /* its client's address (family 0: unknown) */
};

/* The NOTIFY_CONNECTION context of the TLS port's server, marking its
 * connections (tls_served_from counts them by address for front.c). */
static const char tls_port_mark;

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn_watch *watch_head;

/*
 * A connection of the TLS port is accepted by front.c, and its header
 * deadline runs from then, not from the moment libmicrohttpd takes it
 * over (the wait for its first byte counts): front.c hands the deadline
 * here (transit_put) before MHD_add_connection, and the connection's
 * start notice takes it back (transit_take), on the daemon's thread. A
 * connection is known by its descriptor and its peer's address and port:
 * an entry left behind (libmicrohttpd failed to take a connection over)
 * can match no later connection, and the oldest goes when the table is
 * full (that connection's deadline then starts when it is taken over).
 * Under watch_lock.
 */
#define TRANSIT_MAX 64
static struct transit {
	MHD_socket fd;
	socklen_t len;           /* of addr; 0: a free entry */
	struct sockaddr_storage addr;
	int64_t deadline;
	uint64_t seq;
} transit[TRANSIT_MAX];
static uint64_t transit_seq;

static void transit_put(MHD_socket fd, const struct sockaddr *addr, socklen_t len, int64_t deadline)
{
	struct transit *t = &transit[0];
	size_t i;

	if (len == 0 || len > sizeof(t->addr))
		return;
	pthread_mutex_lock(&watch_lock);
	for (i = 0; i < TRANSIT_MAX; i++) {
		if (transit[i].len == 0 || transit[i].fd == fd) {
			t = &transit[i];
			break;
		}
		if (transit[i].seq < t->seq)
			t = &transit[i];
	}
	t->fd = fd;
	t->len = len;
	memcpy(&t->addr, addr, len);
	t->deadline = deadline;
	t->seq = ++transit_seq;
	pthread_mutex_unlock(&watch_lock);
}

/* The deadline handed over for this connection, or 0; the entry goes.
 * Under watch_lock. */
static int64_t transit_take(MHD_socket fd, const struct sockaddr *addr, socklen_t len)
{
	size_t i;

	for (i = 0; i < TRANSIT_MAX; i++)
		if (transit[i].len == len && transit[i].fd == fd && memcmp(&transit[i].addr, addr, len) == 0) {
			transit[i].len = 0;
			return transit[i].deadline;
		}
	return 0;
}

/* Forget what transit_put left for fd (libmicrohttpd refused it). */
static void transit_drop(MHD_socket fd)
{
	size_t i;

	pthread_mutex_lock(&watch_lock);
	for (i = 0; i < TRANSIT_MAX; i++)
		if (transit[i].fd == fd)
			transit[i].len = 0;
	pthread_mutex_unlock(&watch_lock);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
	const union MHD_ConnectionInfo *ci, *ca;
	struct conn_watch *w;
	int64_t deadline = 0, fresh;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		ca = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		/* without memory the connection has only the idle timeout */
		if (ci == NULL || (w = calloc(1, sizeof(*w))) == NULL)
			return;
		w->fd = ci->connect_fd;
		w->tls_port = cls == &tls_port_mark;
		fresh = web_now() + HEADER_SECONDS;
		if (ca != NULL && ca->client_addr != NULL)
			memcpy(&w->addr, ca->client_addr, ca->client_addr->sa_family == AF_INET6 ?
			       sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
		pthread_mutex_lock(&watch_lock);
		if (ca != NULL && ca->client_addr != NULL)
			deadline = transit_take(w->fd, ca->client_addr, ca->client_addr->sa_family == AF_INET6 ?
			                        sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
		atomic_store(&w->deadline, deadline != 0 ? deadline : fresh);
		w->next = watch_head;
		if (watch_head != NULL)
			watch_head->prev = w;
		watch_head = w;
		pthread_mutex_unlock(&watch_lock);
		*socket_context = w;
		return;
	}
	if ((w = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&watch_lock);
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		watch_head = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	pthread_mutex_unlock(&watch_lock);
	free(w);
	*socket_context = NULL;
}

/* conn's deadline: seconds from now (HEADER_SECONDS for the next
 * request's headers, BODY_SECONDS for this one's body), or none (0: the
 * request is in and runs). */
static void watch_set(struct MHD_Connection *conn, int64_t seconds)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn_watch *w = ci != NULL ? ci->socket_context : NULL;

	if (w != NULL)
		atomic_store(&w->deadline, seconds > 0 ? web_now() + seconds : 0);
}

/* Shut down every connection past its deadline. */
static void watch_sweep(void)
{
	int64_t now = web_now(), d;
	struct conn_watch *w;

	pthread_mutex_lock(&watch_lock);
	for (w = watch_head; w != NULL; w = w->next)
		if (!w->shut && (d = atomic_load(&w->deadline)) != 0 && now >= d) {
			(void)shutdown(w->fd, SHUT_RDWR);
			w->shut = true;
		}
	pthread_mutex_unlock(&watch_lock);
}

/*
 * One running libmicrohttpd daemon and what it needs while it runs: the
 * PEM text of its certificate (libmicrohttpd keeps pointers into it) and
 * the count of its requests in flight. A reload (SIGHUP) starts a second
 * listener on the same socket with the new certificate, then stops the
 * first once its requests have finished.
 */
struct listener {
	const struct web_config *cfg;
	struct MHD_Daemon *d;
	struct tls_pem pem;
	atomic_int in_flight;
	atomic_int jobs;           /* its requests on a key-derivation worker */
	unsigned per_address;      /* connections one client address may hold */
};

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
	if (dy_db_open_clock(r->cfg->db_path, DY_OPEN_CREATE, clock_fn, clock_ctx, &ts->db, &err) != 0) {
		thread_state_free(ts);
		reply_dy_error(r, &err);
		return NULL;
	}
	/* a list's records are opened on the pool's threads and this one */
	dy_db_set_parallel(ts->db, &(const struct dy_parallel){.begin = plat_pool_begin, .wait = plat_pool_wait});
	if (pthread_setspecific(db_key, ts) != 0) {
		thread_state_free(ts);
		reply_error(r, 500, "internal", "Something went wrong on the server. Please try again.");
		return NULL;
	}
	return ts;
}

/* A key-derivation thread opens its database as it starts, not at its
 * first request: a bad database shows at once, and the first login does
 * not wait for it. (A failure here is left for that request to report.) */
static void kdf_thread_init(void)
{
	struct web_config cfg = {0};
	struct web_req r;

	memset(&r, 0, sizeof(r));
	cfg.db_path = db_path;
	cfg.cookie = WEB_COOKIE;
	r.cfg = &cfg;
	r.path[0] = '\0';
	(void)thread_state(&r);
	if (r.resp != NULL)
		MHD_destroy_response(r.resp);
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

/* Bytes of the shared WEB_BODY_BUDGET held by requests being received. */
static atomic_size_t budget_used;

/* Take n bytes of the budget; false (nothing taken) when it would pass. */
static bool budget_take(size_t n)
{
	size_t used = atomic_load(&budget_used);

	do {
		if (n > WEB_BODY_BUDGET || used > WEB_BODY_BUDGET - n)
			return false;
	} while (!atomic_compare_exchange_weak(&budget_used, &used, used + n));
	return true;
}

static void budget_give(size_t n)
{
	atomic_fetch_sub(&budget_used, n);
}

static struct web_req *req_new(struct listener *l, struct MHD_Connection *conn)
{
	struct web_req *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	atomic_init(&r->job, WEB_JOB_NONE);
	atomic_fetch_add(&l->in_flight, 1);
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->conn = conn;
	r->cfg = l->cfg;
	r->jobs = &l->jobs;
	return r;
}

/*
 * The request line has been read (MHD_OPTION_URI_LOG_CALLBACK): make the
 * request's context now, while the query is still one string. libmicrohttpd
 * next splits the query into parameters in the connection's fixed memory;
 * thousands of them fill it, and the library then fails without a word. So
 * a target over WEB_URI_MAX bytes or with more than WEB_ARGS_MAX parameters
 * is marked for a 414 in the JSON shape, and its query is cut to nothing in
 * place (the request line lives in the connection's read buffer, which the
 * library parses after this call) so that no parameter is parsed at all.
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct web_req *r = req_new(cls, conn);
	const char *q, *p;
	size_t args = 0;

	if (r == NULL)
		return NULL;
	q = strchr(uri, '?');
	if (q != NULL && q[1] != '\0')
		for (args = 1, p = q + 1; *p != '\0'; p++)
			args += *p == '&';
	if (strlen(uri) > WEB_URI_MAX || args > WEB_ARGS_MAX) {
		r->uri_refused = true;
		if (q != NULL)
			((char *)(uintptr_t)q)[1] = '\0';
	}
	return r;
}

/* What the headers say about the body and the session cookie. */
struct head_facts {
	const struct web_config *cfg;
	size_t bytes;          /* names and values together */
	unsigned lengths;      /* Content-Length lines */
	unsigned encodings;    /* Transfer-Encoding lines */
	unsigned cookies;      /* session cookies, over every Cookie line */
	bool expects;          /* Expect: 100-continue (waits for a go-ahead) */
};

static enum MHD_Result head_fact(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct head_facts *f = cls;

	(void)kind;
	if (key == NULL)
		return MHD_YES;
	f->bytes += strlen(key) + (value != NULL ? strlen(value) : 0);
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		f->lengths++;
	else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0)
		f->encodings++;
	else if (strcasecmp(key, MHD_HTTP_HEADER_COOKIE) == 0 && value != NULL)
		f->cookies += web_cookie_count(value, f->cfg->cookie);
	else if (strcasecmp(key, MHD_HTTP_HEADER_EXPECT) == 0 && value != NULL && strcasecmp(value, "100-continue") == 0)
		f->expects = true;
	return MHD_YES;
}

/* The most body a request to route may carry. */
static size_t body_limit(const struct web_route *route)
{
	if (route == NULL || (route->flags & WEB_R_SECRET) || !(route->flags & WEB_R_SESSION))
		return WEB_BODY_ANON_MAX;
	return WEB_BODY_MAX;
}

/*
 * First sight of a request, its headers complete and no byte of its body
 * read: route it and make every check that needs no body, so that nothing
 * is buffered for a request that will be refused. Leaves the refusal in r.
 * Returns whether a body follows (a refusal is then answered at once,
 * without reading it, unless r->drain says to read and drop the body
 * first; else at the last call, keeping the connection).
 */
static bool begin(struct web_req *r, const char *url, const char *method)
{
	struct head_facts f = {r->cfg, 0, 0, 0, 0, false};
	char allow[64];
	const char *cl;
	uint64_t n = 0;
	bool has_body;

	r->begun = true;
	copy_printable(r->method, sizeof(r->method), method);
	copy_printable(r->path, sizeof(r->path), url);
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, head_fact, &f);
	cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL) {
		char *end = NULL;

		errno = 0;
		n = strtoull(cl, &end, 10);
		if (errno != 0 || end == cl || *end != '\0')
			n = UINT64_MAX;
	}
	has_body = n > 0 || f.encodings > 0;
	/* a client that waits for "100 Continue" reads a refusal before it
	 * sends the body: nothing to drain */
	r->drain = !f.expects && f.encodings == 0 && n > 0 && n <= WEB_DRAIN_MAX;

	if (r->uri_refused) {
		reply_error(r, 414, "too_long", "The address of this request is too long.");
		return has_body;
	}
	if (f.bytes > WEB_HEADERS_MAX) {
		reply_error(r, 431, "too_big", "The headers of this request are too large.");
		return has_body;
	}
	/* a body's end is where both sides agree it is: one length, given */
	if (f.encodings > 0) {
		reply_error(r, 411, "length_required", "Please send the body with a Content-Length.");
		return has_body;
	}
	if (f.lengths > 1) {
		reply_error(r, 400, "invalid", "The request has more than one Content-Length.");
		return has_body;
	}
	if (f.cookies > 1) {
		reply_error(r, 400, "invalid", "The request carries more than one session cookie.");
		return has_body;
	}
	if (is_api_path(url)) {
		switch (web_route_find(r, method, url, allow, sizeof(allow))) {
		case WEB_MATCH_OK:
			break;
		case WEB_MATCH_NO_METHOD:
			reply_error(r, 405, "method_not_allowed", "This method is not allowed here.");
			reply_header(r, MHD_HTTP_HEADER_ALLOW, allow);
			return has_body;
		case WEB_MATCH_NO_ROUTE:
			reply_error(r, 404, "not_found", "There is nothing here.");
			return has_body;
		}
	}
	if (n > body_limit(r->route)) {
		char msg[80];

		snprintf(msg, sizeof(msg), "The request is too large (the limit here is %zu KiB).",
		         body_limit(r->route) / 1024);
		reply_error(r, 413, "too_big", msg);
		return has_body;
	}
	if (r->route == NULL || n == 0)
		return has_body;
	r->body_secret = (r->route->flags & WEB_R_SECRET) != 0;
	web_route_precheck(r);
	if (r->resp != NULL)
		return has_body;
	if (!budget_take((size_t)n)) {
		reply_error(r, 503, "busy", "The server is busy. Please try again in a moment.");
		reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
		return has_body;
	}
	r->body_reserved = (size_t)n;
	r->body_declared = (size_t)n;
	return true;
}

/* Keep the next piece of the body, into a buffer of the declared length
 * made on the first piece (never grown, so never copied elsewhere). The
 * piece is then wiped where libmicrohttpd read it, in the connection's
 * buffer: the body may hold a passphrase or private words, and that
 * memory is reused for other requests or freed without being cleared.
 * libmicrohttpd never hands over more than the declared length. */
static bool take_body(struct web_req *r, const char *data, size_t n)
{
	bool ok = true;

	if (r->resp != NULL || r->body_declared == 0) {
		/* refused, or a body no route reads: not kept */
	} else if (n > r->body_declared - r->body_len) {
		ok = false;
	} else {
		if (r->body == NULL && (r->body = malloc(r->body_declared + 1)) == NULL) {
			ok = false;
		} else {
			memcpy(r->body + r->body_len, data, n);
			r->body_len += n;
			r->body[r->body_len] = '\0';
		}
	}
	explicit_bzero((char *)(uintptr_t)data, n);
	return ok;
}

/* Forget the parsed body and wipe the received one, once the handler has
 * answered: before the answer leaves, so that no copy outlives it. The
 * strings jansson made are wiped as it frees them (web_serve sets its
 * allocator). */
static void drop_body(struct web_req *r)
{
	json_decref(r->json);
	r->json = NULL;
	if (r->body != NULL) {
		explicit_bzero(r->body, r->body_len);
		free(r->body);
		r->body = NULL;
	}
	r->body_len = 0;
}

/* Run the route on a key-derivation worker (kdfpool.h): its own database
 * connection and session cache, the event thread left free. */
static void job_run(void *arg)
{
	struct web_req *r = arg;
	atomic_int *jobs = r->jobs;

	web_route_run(r);
	drop_body(r);
	r->session = NULL;
	r->session_borrowed = false;
	r->db = NULL;
	atomic_store(&r->job, WEB_JOB_DONE);
	/* r is the event thread's again from here on, and may be gone */
	MHD_resume_connection(r->conn);
	atomic_fetch_sub(jobs, 1);
}

/* The server is stopping before the job could run. */
static void job_cancel(void *arg)
{
	struct web_req *r = arg;
	atomic_int *jobs = r->jobs;

	reply_error(r, 503, "busy", "The server is stopping. Please try again in a moment.");
	reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
	drop_body(r);
	atomic_store(&r->job, WEB_JOB_DONE);
	MHD_resume_connection(r->conn);
	atomic_fetch_sub(jobs, 1);
}

/*
 * A route that derives a key goes to the key-derivation workers, or is
 * answered 503 at once when they have no place; either way this thread
 * goes on serving its other connections. A client address that must wait
 * after failed logins is answered 429 here, without taking a place.
 * Returns true when the request was handed over (the connection is then
 * suspended until the worker resumes it).
 */
static bool hand_over(struct web_req *r)
{
	char addr[64];

	if (reply_if_throttled(r, NULL, 0, addr, sizeof(addr)))
		return false;
	if (!kdfpool_take()) {
		reply_error(r, 503, "busy", "The server is busy. Please try again in a moment.");
		reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
		return false;
	}
	atomic_store(&r->job, WEB_JOB_RUNNING);
	atomic_fetch_add(r->jobs, 1);
	MHD_suspend_connection(r->conn);
	kdfpool_run(job_run, job_cancel, r);
	return true;
}

static enum MHD_Result queue_reply(struct web_req *r)
{
	enum MHD_Result ret;

	if (r->resp == NULL)
		return MHD_NO;
	ret = MHD_queue_response(r->conn, r->status, r->resp);
	MHD_destroy_response(r->resp);
	r->resp = NULL;
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct web_req *r = *con_cls;

	(void)version;
	if (r == NULL) {
		/* the URI callback could not allocate it */
		if ((r = req_new(cls, conn)) == NULL)
			return MHD_NO;
		*con_cls = r;
	}
	if (!r->begun) {
		watch_set(conn, BODY_SECONDS);   /* the headers are in: the body's turn */
		/* A refusal with a body to follow: a body of a modest declared
		 * length is read and dropped, and the answer sent after it. An
		 * answer sent while the client is still sending is followed by the
		 * close, and a client still writing then sees the connection reset
		 * (EPIPE) instead of the answer. A longer one, or one whose client
		 * waits for "100 Continue", is answered at once, unread. */
		if (begin(r, url, method) && r->resp != NULL) {
			if (r->drain)
				return MHD_YES;
			return queue_reply(r);
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		bool ok = take_body(r, upload_data, *upload_data_size);

		*upload_data_size = 0;
		return ok ? MHD_YES : MHD_NO;
	}
	watch_set(conn, 0);   /* all in: no deadline while it runs and answers */
	switch (atomic_load(&r->job)) {
	case WEB_JOB_RUNNING:
		return MHD_YES; /* not ours to touch until the worker resumes it */
	case WEB_JOB_DONE:
		return queue_reply(r);
	default:
		break;
	}
	if (r->status != 0 && r->resp == NULL)
		return MHD_YES; /* already answered */
	if (r->resp == NULL) {
		if (r->route != NULL) {
			r->body_secret = (r->route->flags & WEB_R_SECRET) != 0;
			if ((r->route->flags & WEB_R_KDF) && hand_over(r))
				return MHD_YES;
			if (r->resp == NULL)
				web_route_run(r);
		} else if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) {
			static_serve(r, url);
		} else {
			reply_error(r, 405, "method_not_allowed", "This method is not allowed here.");
			reply_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
		}
	}
	drop_body(r);
	return queue_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct listener *l = cls;
	struct web_req *r = *con_cls;
	char line[WEB_PATH_LOG_MAX + 96];
	int64_t us;
	long long ms;
	int n, tenth;

	watch_set(conn, HEADER_SECONDS);   /* the next request's headers are awaited */
	if (r == NULL)
		return;
	/* milliseconds with one decimal, without floating point formatting */
	us = web_elapsed_us(&r->start);
	ms = (long long)(us / 1000);
	tenth = (int)(us % 1000 / 100);
	if (!r->begun)
		n = snprintf(line, sizeof(line), "- - - %lld.%dms (refused by libmicrohttpd)\n", ms, tenth);
	else if (r->status != 0)
		n = snprintf(line, sizeof(line), "%s %s %u %lld.%dms\n", r->method, r->path, r->status, ms, tenth);
	else
		n = snprintf(line, sizeof(line), "%s %s - %lld.%dms (%s)\n", r->method, r->path, ms, tenth,
		             toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout" : "aborted");
	if (n > 0) {
		ssize_t w = write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
		(void)w;
	}
	drop_body(r);
	if (r->body_reserved > 0)
		budget_give(r->body_reserved);
	if (!r->session_borrowed)
		dy_session_free(r->session);
	explicit_bzero(r->token, sizeof(r->token));
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&l->in_flight, 1);
}

#ifdef __GLIBC__
/* jansson's allocator for the server: every block is wiped as it is freed,
 * so that the strings parsed from a body (a passphrase, an entry's words)
 * and the pieces jansson copied while parsing do not linger in freed
 * memory. jansson copies through its own malloc and free, never realloc,
 * so this sees every copy. Blocks stay compatible with free(). */
static void json_free_wiped(void *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, malloc_usable_size(p));
	free(p);
}
#endif

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

/*
 * libmicrohttpd's own messages, GnuTLS's among them ("received handshake
 * message out of context" when a browser does not trust the certificate;
 * plain HTTP to the TLS port no longer reaches GnuTLS, see front.h): one
 * line each, prefixed, written
 * whole, so that they never mix into the one-line-per-request log.
 */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	static atomic_bool hinted;
	char msg[512], line[680];
	size_t i, n;
	bool hint;
	int k;

	(void)cls;
	k = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (k < 0)
		return;
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = ' ';
	if (n == 0)
		return;
	/* the first failed handshake says what usually causes it */
	hint = strstr(msg, "handshake") != NULL && !atomic_exchange(&hinted, true);
	k = snprintf(line, sizeof(line), "dyad: libmicrohttpd: %s%s\n", msg,
	             hint ? " (usually a browser that does not trust the certificate)" : "");
	if (k > 0) {
		ssize_t w = write(STDERR_FILENO, line, (size_t)k < sizeof(line) ? (size_t)k : sizeof(line) - 1);
		(void)w;
	}
}

/*
 * Start l's daemon: listening on addr, or, with tls, without a listening
 * socket of its own (the front door, front.c, accepts the TLS port's
 * connections and hands them over with MHD_add_connection). l->pem holds
 * the certificate when tls. 0 when l->d runs.
 */
static int listener_start(struct listener *l, const struct sockaddr_storage *addr, bool tls, unsigned threads)
{
	struct MHD_OptionItem opts[24];
	unsigned flags;
	size_t no = 0;

	/* the logger first, or MHD's messages about the other options would
	 * go to its default logger */
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)mhd_log, NULL};
	if (!tls)
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, (void *)(uintptr_t)addr};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, l};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, l};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection,
	                                     tls ? (void *)(uintptr_t)&tls_port_mark : NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, IDLE_SECONDS, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT, CONNECTIONS_MAX, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_MEMORY, NULL};
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	                                     l->cfg->trust_forwarded ? 0 : l->per_address, NULL};
	if (threads > 1)
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL};
	if (tls) {
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, l->pem.cert};
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, l->pem.key};
		opts[no++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)(uintptr_t)TLS_PRIORITIES};
	}
	opts[no++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (addr->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (tls)
		flags |= MHD_USE_TLS | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC;
	/* MHD_OPTION_NOTIFY_COMPLETED's, MHD_OPTION_URI_LOG_CALLBACK's,
	 * MHD_OPTION_NOTIFY_CONNECTION's and
	 * MHD_OPTION_EXTERNAL_LOGGER's pointers travel in an intptr_t, which MHD turns back into function
	 * pointers. */
	l->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, l, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
	return l->d != NULL ? 0 : -1;
}

/* Stop accepting on l and close its listening socket (a TLS daemon has
 * none: the front door has stopped handing it connections), let its
 * requests in flight finish for up to DRAIN_SECONDS (and those with a
 * key-derivation worker, however long), then stop it, closing idle
 * keep-alive connections. */
static void listener_drain(struct listener *l)
{
	MHD_socket lsock;
	int i;

	if (l->d == NULL)
		return;
	lsock = MHD_quiesce_daemon(l->d);
	for (i = 0; i < DRAIN_SECONDS * 100 && atomic_load(&l->in_flight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	/* A request on a key-derivation worker holds its connection: the
	 * daemon must not close it under the worker. Workers finish each job
	 * in a bounded time (one derivation, a few at most waiting). */
	while (atomic_load(&l->jobs) > 0) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(l->d);
	l->d = NULL;
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
}

static void listener_free(struct listener *l)
{
	if (l == NULL)
		return;
	if (l->d != NULL)
		MHD_stop_daemon(l->d);
	tls_pem_release(&l->pem);
	free(l);
}

/*
 * What the front door of the TLS port (front.c) hands its connections to:
 * the HTTPS listener now serving, swapped under the lock by a reload so
 * that no connection goes to a daemon being drained, and the plain-HTTP
 * answerer (struct redirect's daemon).
 */
struct door {
	pthread_mutex_t lock;
	struct listener *tls;
	struct MHD_Daemon *plain;
};

/* front_config's served: the TLS port's connections from addr that its
 * server holds (the one serving and any draining after a reload). */
static unsigned tls_served_from(void *ctx, const struct sockaddr_storage *addr)
{
	const struct conn_watch *w;
	unsigned n = 0;

	(void)ctx;
	pthread_mutex_lock(&watch_lock);
	for (w = watch_head; w != NULL; w = w->next)
		if (w->tls_port && front_same_address(&w->addr, addr))
			n++;
	pthread_mutex_unlock(&watch_lock);
	return n;
}

/* front_hand_fn: a TLS handshake to the HTTPS listener, anything else to
 * the plain-HTTP answerer; the header deadline runs on from the accept. */
static void door_hand(void *ctx, int fd, const struct sockaddr *addr, socklen_t len, bool tls, int64_t deadline)
{
	struct door *door = ctx;
	enum MHD_Result ok;

	transit_put(fd, addr, len, deadline);
	pthread_mutex_lock(&door->lock);
	/* past a connection limit libmicrohttpd closes fd and says so */
	ok = MHD_add_connection(tls ? door->tls->d : door->plain, fd, addr, len);
	pthread_mutex_unlock(&door->lock);
	if (ok != MHD_YES)
		transit_drop(fd);
}

/*
 * SIGHUP: read and check the certificate and key again and serve new
 * connections with them; requests in flight finish on the old daemon. A
 * file that does not check out leaves everything as it was, and says why.
 * Returns the listener now serving (*cur, or its successor).
 */
static struct listener *reload(struct listener *cur, struct door *door, const struct web_options *o,
                               const struct sockaddr_storage *addr, unsigned threads)
{
	struct listener *next = NULL;
	char msg[600], warn[400];

	if (o->tls_cert == NULL) {
		fprintf(stderr, "dyad: SIGHUP: nothing to reload (no --tls-cert)\n");
		return cur;
	}
	next = calloc(1, sizeof(*next));
	if (next == NULL) {
		fprintf(stderr, "dyad: SIGHUP: out of memory; still serving the old certificate\n");
		return cur;
	}
	next->cfg = cur->cfg;
	next->per_address = cur->per_address;
	if (tls_pem_load(o->tls_cert, o->tls_key, &next->pem, msg, sizeof(msg), warn, sizeof(warn)) != 0) {
		fprintf(stderr, "dyad: SIGHUP: %s; still serving the old certificate\n", msg);
		goto fail;
	}
	if (warn[0] != '\0')
		fprintf(stderr, "dyad: warning: %s\n", warn);
	if (listener_start(next, addr, true, threads) != 0) {
		fprintf(stderr, "dyad: SIGHUP: cannot start with the new certificate; still serving the old one\n");
		goto fail;
	}
	pthread_mutex_lock(&door->lock);
	door->tls = next;
	pthread_mutex_unlock(&door->lock);
	listener_drain(cur);
	listener_free(cur);
	fprintf(stderr, "dyad: SIGHUP: reloaded the certificate %s and the key %s\n", o->tls_cert, o->tls_key);
	return next;
fail:
	listener_free(next);
	return cur;
}

/*
 * The plain-HTTP answerer: every request gets a redirect to the same path
 * on the HTTPS port of the host the browser asked for, or, when that host
 * is not a plain name or address, a page that says where dyad is. With
 * TLS it always runs, for plain http:// sent to the TLS port itself (the
 * front door hands such connections over); with --http-redirect it also
 * listens on that port.
 */
struct redirect {
	unsigned https_port;
	const char *public_url; /* without its trailing slash, or NULL */
	struct MHD_Daemon *d;
};

static bool safe_path(const char *p)
{
	if (p[0] != '/' || strlen(p) > WEB_PATH_LOG_MAX)
		return false;
	for (; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._~-", *p) == NULL)
			return false;
	return true;
}

static enum MHD_Result on_plain_request(void *cls, struct MHD_Connection *conn, const char *url,
                                        const char *method, const char *version,
                                        const char *upload_data, size_t *upload_data_size,
                                        void **con_cls)
{
	const struct redirect *rd = cls;
	struct MHD_Response *resp;
	char host[300], port[16] = "", target[600], body[900];
	char m[8], who[WEB_PATH_LOG_MAX + 1], line[WEB_PATH_LOG_MAX + 64];
	unsigned status;
	enum MHD_Result ret;
	int n;

	(void)version;
	(void)upload_data;
	if (*con_cls == NULL) {
		*con_cls = conn; /* answer once the headers (and any body) are in */
		watch_set(conn, BODY_SECONDS);
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	watch_set(conn, 0);
	if (rd->https_port != 443)
		snprintf(port, sizeof(port), ":%u", rd->https_port);
	if (rd->public_url != NULL) {
		status = MHD_HTTP_PERMANENT_REDIRECT;
		snprintf(target, sizeof(target), "%s%s", rd->public_url, safe_path(url) ? url : "/");
		snprintf(body, sizeof(body), "dyad speaks HTTPS only. Open %s\n", target);
	} else if (web_host_name(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
	                         host, sizeof(host), NULL)) {
		status = MHD_HTTP_PERMANENT_REDIRECT;
		snprintf(target, sizeof(target), "https://%s%s%s", host, port, safe_path(url) ? url : "/");
		snprintf(body, sizeof(body), "dyad speaks HTTPS only. Open %s\n", target);
	} else {
		status = MHD_HTTP_BAD_REQUEST;
		target[0] = '\0';
		snprintf(body, sizeof(body), "dyad speaks HTTPS only: open https://THIS-MACHINE%s/ instead.\n", port);
	}
	resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (target[0] != '\0')
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, target);
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	copy_printable(m, sizeof(m), method);
	copy_printable(who, sizeof(who), url);
	n = snprintf(line, sizeof(line), "%s %s %u (plain HTTP)\n", m, who, status);
	if (n > 0) {
		ssize_t w = write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
		(void)w;
	}
	return ret;
}

/* A redirect answered: the next request's headers are awaited. */
static void on_plain_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                               enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)con_cls;
	(void)toe;
	watch_set(conn, HEADER_SECONDS);
}

/* Start the plain-HTTP answerer, listening on port of tls_addr's address,
 * or, when port is 0, only for the connections the front door hands it. */
static int redirect_start(struct redirect *rd, const struct sockaddr_storage *tls_addr, unsigned port)
{
	struct sockaddr_storage addr = *tls_addr;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;

	if (addr.ss_family == AF_INET6) {
		((struct sockaddr_in6 *)&addr)->sin6_port = htons((uint16_t)port);
		flags |= MHD_USE_IPv6;
	} else {
		((struct sockaddr_in *)&addr)->sin_port = htons((uint16_t)port);
	}
	if (port == 0)
		flags |= MHD_USE_NO_LISTEN_SOCKET;
	rd->d = MHD_start_daemon(flags, 0, NULL, NULL, on_plain_request, rd,
	                         MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	                         MHD_OPTION_SOCK_ADDR, &addr,
	                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
	                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)REDIRECT_CONNECTIONS,
	                         MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
	                         MHD_OPTION_NOTIFY_COMPLETED, on_plain_completed, NULL,
	                         MHD_OPTION_END);
	return rd->d != NULL ? 0 : -1;
}

static unsigned addr_port(const struct sockaddr_storage *addr)
{
	if (addr->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)addr)->sin6_port);
	return ntohs(((const struct sockaddr_in *)addr)->sin_port);
}

/*
 * After "serving ...": say plainly how the phones reach the server. On a
 * loopback address they cannot; on every address, name this machine's
 * network addresses to type; plain HTTP on the network gets a warning.
 */
static void say_where(const struct sockaddr_storage *addr, const char *public_url, bool tls, bool behind)
{
	const char *scheme = tls ? "https" : "http";
	unsigned port = addr_port(addr);
	bool any = false, loop = false;
	struct ifaddrs *ifs = NULL, *i;
	char a[INET6_ADDRSTRLEN], portpart[16] = "";
	int shown = 0;

	if (addr->ss_family == AF_INET6) {
		const struct in6_addr *v6 = &((const struct sockaddr_in6 *)addr)->sin6_addr;

		any = IN6_IS_ADDR_UNSPECIFIED(v6);
		loop = IN6_IS_ADDR_LOOPBACK(v6);
	} else {
		uint32_t v4 = ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr);

		any = v4 == INADDR_ANY;
		loop = (v4 >> 24) == 127;
	}
	if (public_url != NULL) {
		fprintf(stderr, "dyad: invitation links start with %s (--public-url)\n", public_url);
		return;
	}
	if (loop) {
		fprintf(stderr, "dyad: only this machine can open this address; your phones cannot. To open dyad\n"
		        "dyad: from them, listen on the network with HTTPS (for example --listen 0.0.0.0:8443\n"
		        "dyad: --tls-cert FILE --tls-key FILE): see \"Open dyad on your phones\" in README.md\n");
		return;
	}
	if (!(tls && port == 443) && !(!tls && port == 80))
		snprintf(portpart, sizeof(portpart), ":%u", port);
	if (any && getifaddrs(&ifs) == 0) {
		for (i = ifs; i != NULL && shown < 4; i = i->ifa_next) {
			if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET)
				continue;
			if ((ntohl(((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr) >> 24) == 127)
				continue;
			if (inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, a, sizeof(a)) == NULL)
				continue;
			fprintf(stderr, "dyad: on a phone on the same network, open %s://%s%s/\n", scheme, a, portpart);
			shown++;
		}
		freeifaddrs(ifs);
	}
	if (!tls && !behind)
		fprintf(stderr, "dyad: warning: plain http:// on the network: passphrases and what you write\n"
		        "dyad: travel unencrypted, and phones refuse some features; serve HTTPS (README.md)\n");
}

int web_serve(const struct web_options *o)
{
	struct web_config cfg = {0};
	struct sockaddr_storage addr;
	socklen_t addr_len = 0;
	struct listener *l = NULL;
	struct redirect rd = {0, NULL, NULL};
	struct door door = {PTHREAD_MUTEX_INITIALIZER, NULL, NULL};
	struct front *front = NULL;
	int lfd = -1;
	char public_url[WEB_ORIGIN_MAX];
	struct dy_db *db = NULL;
	struct dy_error err = {0};
	const char *listen_at = o->listen != NULL ? o->listen : DEFAULT_LISTEN;
	unsigned threads = o->threads != 0 ? o->threads : DEFAULT_THREADS;
	bool tls = o->tls_cert != NULL || o->tls_key != NULL;
	bool key_made = false;
	sigset_t sigs;
	char msg[600], warn[400];
	int sig = 0, rc = 1;

	cfg.db_path = o->db_path;
	cfg.session_ttl = o->session_ttl > 0 ? o->session_ttl : DEFAULT_TTL;
	cfg.secure_cookie = tls || o->behind_https;
	cfg.cookie = cfg.secure_cookie ? WEB_COOKIE_SECURE : WEB_COOKIE;
	cfg.trust_forwarded = o->behind_https;
	if (o->public_url != NULL) {
		size_t n = strlen(o->public_url);

		if (!web_public_url_ok(o->public_url)) {
			fprintf(stderr, "dyad serve: --public-url expects http(s)://HOST[:PORT], e.g. https://dyad.home:8443\n");
			goto out;
		}
		memcpy(public_url, o->public_url, n + 1);
		if (public_url[n - 1] == '/')
			public_url[n - 1] = '\0';
		cfg.public_url = public_url;
		rd.public_url = public_url;
	}
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
	if ((l = calloc(1, sizeof(*l))) == NULL)
		goto out;
	l->cfg = &cfg;
	l->per_address = o->per_address != 0 ? o->per_address : CONNECTIONS_PER_ADDRESS;
	if (l->per_address > CONNECTIONS_MAX) {
		fprintf(stderr, "dyad serve: at most %d connections per address\n", CONNECTIONS_MAX);
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
		if (tls_pem_load(o->tls_cert, o->tls_key, &l->pem, msg, sizeof(msg), warn, sizeof(warn)) != 0) {
			fprintf(stderr, "dyad serve: %s\n", msg);
			goto out;
		}
		if (warn[0] != '\0')
			fprintf(stderr, "dyad: warning: %s\n", warn);
	}
	if (o->http_redirect != 0) {
		if (!tls) {
			fprintf(stderr, "dyad serve: --http-redirect needs --tls-cert and --tls-key\n");
			goto out;
		}
		if (o->http_redirect == addr_port(&addr)) {
			fprintf(stderr, "dyad serve: --http-redirect needs a port of its own, not the HTTPS one\n");
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
	if (dy_db_open_clock(cfg.db_path, DY_OPEN_CREATE, clock_fn, clock_ctx, &db, &err) != 0) {
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
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
#ifdef __GLIBC__
	json_set_alloc_funcs(malloc, json_free_wiped);
#endif
	db_path = cfg.db_path;
	if (kdfpool_start(KDF_WORKERS, KDF_QUEUE, kdf_thread_init) != 0) {
		fprintf(stderr, "dyad serve: cannot start the key-derivation threads\n");
		goto out;
	}
	/* without it, lists open their records on the request's thread alone */
	if (plat_pool_start(0) != 0)
		fprintf(stderr, "dyad serve: cannot start the threads that open records; going on without them\n");

	/* With TLS, dyad's front door (front.c) listens, and the daemons take
	 * the connections it hands them. */
	if ((tls && (lfd = front_listen(&addr)) < 0) || listener_start(l, &addr, tls, threads) != 0) {
		fprintf(stderr, "dyad serve: cannot listen on %s (in use, or not an address of this machine?)\n",
		        listen_at);
		goto out;
	}
	rd.https_port = addr_port(&addr);
	if (tls && redirect_start(&rd, &addr, o->http_redirect) != 0) {
		if (o->http_redirect != 0)
			fprintf(stderr, "dyad serve: cannot listen on port %u for --http-redirect "
			        "(in use, or below 1024 without the right to?)\n", o->http_redirect);
		else
			fprintf(stderr, "dyad serve: cannot start the plain-HTTP answer of the TLS port\n");
		goto out;
	}
	if (tls) {
		struct front_config fc = {WAITING_MAX, l->cfg->trust_forwarded ? 0 : l->per_address,
		                          HEADER_SECONDS, web_now, door_hand, &door, tls_served_from};
		int fd = lfd;

		door.tls = l;
		door.plain = rd.d;
		lfd = -1;   /* front_start owns it, also when it fails */
		if (front_start(fd, &fc, &front) != 0) {
			fprintf(stderr, "dyad serve: cannot start accepting on %s\n", listen_at);
			goto out;
		}
	}
	fprintf(stderr, "dyad: serving %s at %s://%s/ with %u threads\n", cfg.db_path,
	        tls ? "https" : "http", listen_at, threads);
	if (o->http_redirect != 0)
		fprintf(stderr, "dyad: plain http:// on port %u is sent to https:// on port %u\n",
		        o->http_redirect, rd.https_port);
	say_where(&addr, cfg.public_url, tls, o->behind_https);

	for (;;) {
		struct timespec tick = {1, 0};

		/* once a second (or at a signal): connections past their header
		 * or body deadline are shut down */
		watch_sweep();
		if ((sig = sigtimedwait(&sigs, NULL, &tick)) < 0)
			continue;
		if (sig == SIGINT || sig == SIGTERM)
			break;
		if (sig == SIGHUP)
			l = reload(l, &door, o, &addr, threads);
	}
	fprintf(stderr, "dyad: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	front_stop(front);   /* no new connections, before the daemons go */
	front = NULL;
	if (rd.d != NULL) {
		MHD_stop_daemon(rd.d);
		rd.d = NULL;
	}
	listener_drain(l);
	rc = 0;
out:
	front_stop(front);
	if (lfd >= 0)
		close(lfd);
	if (rd.d != NULL)
		MHD_stop_daemon(rd.d);
	if (l != NULL && l->d != NULL)
		listener_drain(l); /* no job may hold a connection the daemon closes */
	kdfpool_stop();
	listener_free(l);
	plat_pool_stop();   /* after the daemons: no request is making a call */
	if (key_made) {
		throttle_release();
		pthread_key_delete(db_key);
	}
	return rc;
}
