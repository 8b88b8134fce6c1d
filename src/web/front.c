/*
 * front.c - the front door of the TLS port (see front.h): accept, peek at
 * the first byte, hand on. An epoll set holds the listening socket, an
 * eventfd that says stop, and every accepted connection still waiting for
 * its first byte; those live in a table of waiting_max slots made at the
 * start, so a flood of silent connections costs no allocation and is
 * bounded. Once a second (and whenever epoll returns), waiting connections
 * past their deadline are closed. Linux only (epoll, eventfd, accept4),
 * as the server is.
 */
#define _GNU_SOURCE /* accept4 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "front.h"
#include "banned.h"

/* A TLS record of type handshake starts with this byte (RFC 8446, 5.1). */
#define TLS_HANDSHAKE 0x16
#define EVENTS 64

/* A connection waiting for its first byte, or a free slot (fd < 0). */
struct waiting {
	struct waiting *prev, *next;   /* the waiting list, or the free list (next) */
	int fd;
	socklen_t len;
	struct sockaddr_storage addr;
	int64_t deadline;
};

struct front {
	struct front_config cfg;
	int lfd, ep, stop;
	bool listening;                /* lfd is in the epoll set */
	pthread_t thread;
	struct waiting *slots;         /* cfg.waiting_max of them */
	struct waiting *head;          /* waiting */
	struct waiting *free;
	unsigned used;
};

int front_listen(const struct sockaddr_storage *addr)
{
	int fd, on = 1;
	socklen_t len = addr->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);

	fd = socket(addr->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    (addr->ss_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) != 0) ||
	    bind(fd, (const struct sockaddr *)addr, len) != 0 || listen(fd, SOMAXCONN) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

bool front_same_address(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, &((const struct sockaddr_in6 *)b)->sin6_addr,
		              sizeof(struct in6_addr)) == 0;
	if (a->ss_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr == ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	return true;
}

/* Take w off the waiting list into the free list (its descriptor is closed
 * or handed on by the caller). */
static void release(struct front *f, struct waiting *w)
{
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		f->head = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	w->fd = -1;
	w->prev = NULL;
	w->next = f->free;
	f->free = w;
	f->used--;
}

static void drop(struct front *f, struct waiting *w)
{
	close(w->fd);   /* also takes it out of the epoll set */
	release(f, w);
}

/*
 * Look at w's first byte without reading it. Returns false while there is
 * none yet; true once w is settled: handed on, or closed (the client went
 * away or failed).
 */
static bool settle(struct front *f, struct waiting *w, bool in_epoll)
{
	struct sockaddr_storage addr;
	unsigned char b;
	ssize_t n = recv(w->fd, &b, 1, MSG_PEEK);
	socklen_t len;
	int64_t deadline;
	int fd;

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return false;
	if (n != 1) {
		drop(f, w);
		return true;
	}
	if (in_epoll)
		(void)epoll_ctl(f->ep, EPOLL_CTL_DEL, w->fd, NULL);
	fd = w->fd;
	len = w->len;
	addr = w->addr;
	deadline = w->deadline;
	release(f, w);
	f->cfg.hand(f->cfg.ctx, fd, (const struct sockaddr *)&addr, len, b == TLS_HANDSHAKE, deadline);
	return true;
}

/* Whether one more connection from addr may wait: the address's waiting
 * and served connections together stay within per_address. */
static bool admit(const struct front *f, const struct sockaddr_storage *addr)
{
	const struct waiting *w;
	unsigned from;

	if (f->free == NULL)
		return false;
	if (f->cfg.per_address == 0)
		return true;
	from = f->cfg.served != NULL ? f->cfg.served(f->cfg.ctx, addr) : 0;
	if (from >= f->cfg.per_address)
		return false;
	for (w = f->head; w != NULL; w = w->next)
		if (front_same_address(&w->addr, addr) && ++from >= f->cfg.per_address)
			return false;
	return true;
}

/* Accept what the backlog holds. */
static void accept_all(struct front *f)
{
	for (;;) {
		struct sockaddr_storage addr;
		socklen_t len = sizeof(addr);
		struct epoll_event ev;
		struct waiting *w;
		int fd = accept4(f->lfd, (struct sockaddr *)&addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			/* Out of descriptors or memory: the listening socket would
			 * wake us at once again; leave it out of the set until the
			 * next sweep (a second), as the backlog waits. */
			if ((errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) &&
			    epoll_ctl(f->ep, EPOLL_CTL_DEL, f->lfd, NULL) == 0)
				f->listening = false;
			return;
		}
		if (len > sizeof(addr) || !admit(f, &addr)) {
			close(fd);
			continue;
		}
		w = f->free;
		f->free = w->next;
		w->fd = fd;
		w->len = len;
		w->addr = addr;
		w->deadline = f->cfg.now() + f->cfg.wait_seconds;
		w->prev = NULL;
		w->next = f->head;
		if (f->head != NULL)
			f->head->prev = w;
		f->head = w;
		f->used++;
		/* the first byte is often in already */
		if (settle(f, w, false))
			continue;
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN | EPOLLRDHUP;
		ev.data.ptr = w;
		if (epoll_ctl(f->ep, EPOLL_CTL_ADD, fd, &ev) != 0)
			drop(f, w);
	}
}

/* Close every waiting connection past its deadline; put the listening
 * socket back in the set if it was taken out. */
static void sweep(struct front *f)
{
	struct waiting *w, *next;
	int64_t now = f->cfg.now();

	for (w = f->head; w != NULL; w = next) {
		next = w->next;
		if (now >= w->deadline)
			drop(f, w);
	}
	if (!f->listening) {
		struct epoll_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.ptr = &f->lfd;
		f->listening = epoll_ctl(f->ep, EPOLL_CTL_ADD, f->lfd, &ev) == 0;
	}
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *run(void *arg)
{
	struct front *f = arg;
	struct epoll_event evs[EVENTS];
	int64_t swept = monotonic_ms();
	int i, n;

	for (;;) {
		n = epoll_wait(f->ep, evs, EVENTS, 1000);
		for (i = 0; i < n; i++) {
			if (evs[i].data.ptr == &f->stop)
				return NULL;
			if (evs[i].data.ptr == &f->lfd)
				accept_all(f);
			else
				(void)settle(f, evs[i].data.ptr, true);
		}
		if (n <= 0 || monotonic_ms() - swept >= 1000) {
			sweep(f);
			swept = monotonic_ms();
		}
	}
}

int front_start(int lfd, const struct front_config *cfg, struct front **out)
{
	struct front *f = NULL;
	struct epoll_event ev;
	unsigned i;
	int rc = -1;

	if (cfg->waiting_max == 0 || (f = calloc(1, sizeof(*f))) == NULL)
		goto out;
	f->cfg = *cfg;
	f->lfd = lfd;
	f->ep = -1;
	f->stop = -1;
	lfd = -1;
	if ((f->slots = calloc(cfg->waiting_max, sizeof(*f->slots))) == NULL)
		goto out;
	for (i = 0; i < cfg->waiting_max; i++) {
		f->slots[i].fd = -1;
		f->slots[i].next = i + 1 < cfg->waiting_max ? &f->slots[i + 1] : NULL;
	}
	f->free = &f->slots[0];
	if ((f->ep = epoll_create1(EPOLL_CLOEXEC)) < 0 || (f->stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0)
		goto out;
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.ptr = &f->stop;
	if (epoll_ctl(f->ep, EPOLL_CTL_ADD, f->stop, &ev) != 0)
		goto out;
	ev.data.ptr = &f->lfd;
	if (epoll_ctl(f->ep, EPOLL_CTL_ADD, f->lfd, &ev) != 0)
		goto out;
	f->listening = true;
	if (pthread_create(&f->thread, NULL, run, f) != 0)
		goto out;
	*out = f;
	f = NULL;
	rc = 0;
out:
	if (lfd >= 0)
		close(lfd);
	if (f != NULL) {
		if (f->ep >= 0)
			close(f->ep);
		if (f->stop >= 0)
			close(f->stop);
		close(f->lfd);
		free(f->slots);
		free(f);
	}
	return rc;
}

void front_stop(struct front *f)
{
	uint64_t one = 1;

	if (f == NULL)
		return;
	/* an eventfd's write fails only past 2^64 - 2 unread */
	if (write(f->stop, &one, sizeof(one)) != sizeof(one))
		abort();
	pthread_join(f->thread, NULL);
	while (f->head != NULL)
		drop(f, f->head);
	close(f->lfd);
	close(f->ep);
	close(f->stop);
	free(f->slots);
	free(f);
}
