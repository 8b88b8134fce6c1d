/*
 * front.h - the front door of the TLS port. With --tls-cert, dyad accepts
 * the port's connections itself, waits for each one's first byte without
 * reading it, and hands the connection on: a TLS handshake (a record that
 * starts with 0x16) to the HTTPS server, anything else (a person who typed
 * http:// in front of the HTTPS port) to the plain-HTTP answerer, which
 * sends them to https://. libmicrohttpd alone gives every connection of a
 * TLS daemon straight to GnuTLS, which drops plain HTTP without a word.
 *
 * One thread, non-blocking throughout: a client that connects and says
 * nothing waits in a fixed table (no byte of it is read) until its first
 * byte or its deadline, whichever comes first, and never holds up another.
 */
#ifndef DY_WEB_FRONT_H
#define DY_WEB_FRONT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

struct front;

/*
 * Where a connection goes once its first byte is in: tls says whether it
 * starts a TLS handshake; deadline (by the now function of the config) is
 * when its first request's headers are due, counted from its accept. The
 * callback owns fd from then on (it closes it, or hands it to what does).
 */
typedef void front_hand_fn(void *ctx, int fd, const struct sockaddr *addr, socklen_t len, bool tls,
                           int64_t deadline);

struct front_config {
	unsigned waiting_max;      /* connections waiting for a first byte at
	                            * once (1 or more); past it, new ones are
	                            * closed as they come */
	unsigned per_address;      /* of those, from one client address; 0 =
	                            * no limit (behind a proxy) */
	int64_t wait_seconds;      /* the first byte is due this long after
	                            * the accept, by now() */
	int64_t (*now)(void);      /* epoch seconds (the server's clock, the
	                            * test clock in tests) */
	front_hand_fn *hand;
	void *ctx;
	/* how many connections from addr are served already (handed over and
	 * still open), counted with the waiting ones against per_address; NULL:
	 * none are counted */
	unsigned (*served)(void *ctx, const struct sockaddr_storage *addr);
};

/* Whether a and b are the same client address (the port aside). */
bool front_same_address(const struct sockaddr_storage *a, const struct sockaddr_storage *b);

/*
 * A listening TCP socket on addr (non-blocking, close-on-exec, address
 * reuse; IPv6 only on an IPv6 address), as libmicrohttpd would make it.
 * Returns the descriptor, or -1 with errno set.
 */
int front_listen(const struct sockaddr_storage *addr);

/*
 * Start the front door on the listening socket lfd, which it owns from
 * then on (also when this fails). 0 and *out set, or -1.
 */
int front_start(int lfd, const struct front_config *cfg, struct front **out)
	__attribute__((warn_unused_result));

/* Stop accepting, close the listening socket and every connection still
 * waiting for its first byte, and free f. Accepts NULL. */
void front_stop(struct front *f);

#endif
