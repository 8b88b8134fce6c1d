/*
 * throttle.c - failed-login counters in a fixed table.
 *
 * The table has a fixed size, so a flood of names or addresses costs no
 * memory: a new key takes a free or stale slot near its hash, or else the
 * coldest of those slots that still has free tries and no wait (fewest
 * failures, then the longest quiet). Losing a count that way only lets an
 * attacker restart a key that was not yet being slowed. A slot that is
 * waiting or past its free tries is never given up: when every slot near a
 * new key is such a one, the new key has no room and must wait FULL_WAIT
 * seconds (it fails closed), so filling the table never wipes a penalty.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "dyad.h"
#include "throttle.h"
#include "banned.h"

#define SLOTS 4096
#define PROBE 8
#define KEY_MAX 96
#define NAME_FREE 5       /* failures before an account waits */
#define ADDR_FREE 20      /* failures before an address waits */
#define WAIT_MAX 900      /* seconds */
#define FORGET 3600       /* a key quiet this long starts over */
#define FULL_WAIT 60      /* seconds, for a new key finding no room */

struct slot {
	char key[KEY_MAX];
	size_t key_len;
	unsigned fails;
	int64_t last;     /* clock seconds of the last failure */
	int64_t until;    /* no attempt before this */
};

static struct slot table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char hash_key[crypto_shorthash_KEYBYTES];
static int64_t (*clock_fn)(void *ctx);
static void *clock_ctx;

void throttle_set_clock(int64_t (*now)(void *ctx), void *ctx)
{
	clock_fn = now;
	clock_ctx = ctx;
}

static int64_t now_s(void)
{
	struct timespec ts;

	if (clock_fn != NULL)
		return clock_fn(clock_ctx);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

void throttle_init(void)
{
	memset(table, 0, sizeof(table));
	crypto_shorthash_keygen(hash_key);
}

void throttle_release(void)
{
	sodium_memzero(hash_key, sizeof(hash_key));
}

/* SipHash under a key drawn at init: a public hash would let an attacker
 * make keys that land beside an account's slot and push it out. */
static uint32_t hash(const char *k, size_t n)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint32_t h;

	crypto_shorthash(out, (const unsigned char *)k, n, hash_key);
	memcpy(&h, out, sizeof(h));
	return h;
}

/* Build "n:NAME" or "a:ADDR" into key; returns its length, 0 when empty. */
static size_t make_key(char key[KEY_MAX], char kind, const char *s, size_t n)
{
	if (s == NULL || n == 0)
		return 0;
	if (n > KEY_MAX - 2)
		n = KEY_MAX - 2;
	key[0] = kind;
	key[1] = ':';
	memcpy(key + 2, s, n);
	return n + 2;
}

/* Build "n:" and the name case-folded (dy_name_fold) into key: names log
 * in without regard to case, so "MAYA" and "maya" are one account's
 * failures, whichever route (login, recovery, passphrase) counts them. */
static size_t make_name_key(char key[KEY_MAX], const char *s, size_t n)
{
	char folded[KEY_MAX];
	size_t k;

	if (s == NULL || n == 0)
		return 0;
	k = dy_name_fold(s, n, folded, sizeof(folded));
	/* a name of ignorable characters only folds to nothing: its bytes */
	return k > 0 ? make_key(key, 'n', folded, k) : make_key(key, 'n', s, n);
}

/* Build the key of a client address into key: "a:" and an IPv4 address,
 * or the /64 network of an IPv6 one ("a:2001:db8:1:2::/64"), since one
 * home or one rented machine holds a whole /64 and counting its addresses
 * one by one would count nothing. An IPv4-mapped address
 * ("::ffff:192.0.2.7", what a dual-stack listener reports) counts as its
 * IPv4 address, not as one network for every IPv4 client. Text that is no
 * address (an odd X-Forwarded-For) is taken as it is. */
static size_t make_addr_key(char key[KEY_MAX], const char *addr)
{
	char text[INET6_ADDRSTRLEN + 3];
	struct in6_addr a6;
	struct in_addr a4;

	if (addr == NULL || addr[0] == '\0')
		return 0;
	if (inet_pton(AF_INET6, addr, &a6) == 1) {
		if (IN6_IS_ADDR_V4MAPPED(&a6)) {
			memcpy(&a4, &a6.s6_addr[12], sizeof(a4));
			if (inet_ntop(AF_INET, &a4, text, sizeof(text)) != NULL)
				return make_key(key, 'a', text, strlen(text));
		} else {
			memset(&a6.s6_addr[8], 0, 8);
			if (inet_ntop(AF_INET6, &a6, text, INET6_ADDRSTRLEN) != NULL) {
				size_t n = strlen(text);

				memcpy(text + n, "/64", 3);
				return make_key(key, 'a', text, n + 3);
			}
		}
	}
	return make_key(key, 'a', addr, strlen(addr));
}

/* Whether a slot holds nothing worth keeping: empty, or quiet for FORGET
 * seconds with no wait pending. */
static bool is_free(const struct slot *s, int64_t now)
{
	return s->key_len == 0 || (now - s->last > FORGET && now >= s->until);
}

/* How far a key has gone into its penalty: failures past its free ones,
 * negative while it has free tries left. */
static long long heat(const struct slot *s)
{
	return (long long)s->fails - (s->key[0] == 'n' ? NAME_FREE : ADDR_FREE);
}

/* Whether a slot may be given up for a new key: it still has free tries
 * and no wait pending. */
static bool is_spare(const struct slot *s, int64_t now)
{
	return heat(s) < 0 && now >= s->until;
}

/* Whether a is the better one to give up: fewer failures, or as many and
 * quiet for longer. Taking merely the least recently used would let a
 * flood of one-off keys push out a key about to be slowed. */
static bool colder(const struct slot *a, const struct slot *b)
{
	long long ha = heat(a), hb = heat(b);

	return ha < hb || (ha == hb && a->last < b->last);
}

/* The slot holding key, or when create is set a slot made for it; NULL
 * otherwise, also when every slot near its hash is waiting or past its
 * free tries (*full is then set when full is not NULL). Called with the
 * lock held. */
static struct slot *find(const char *key, size_t n, int64_t now, bool create, bool *full)
{
	uint32_t h = hash(key, n);
	struct slot *victim = NULL;
	bool victim_free = false;
	int i;

	if (full != NULL)
		*full = false;
	for (i = 0; i < PROBE; i++) {
		struct slot *s = &table[(h + (uint32_t)i) % SLOTS];

		if (s->key_len == n && memcmp(s->key, key, n) == 0) {
			if (is_free(s, now)) {
				s->fails = 0;
				s->until = 0;
			}
			return s;
		}
		if (is_free(s, now)) {
			if (!victim_free) {
				victim = s;
				victim_free = true;
			}
		} else if (!victim_free && is_spare(s, now) && (victim == NULL || colder(s, victim))) {
			victim = s;
		}
	}
	if (victim == NULL && full != NULL)
		*full = true;
	if (!create || victim == NULL)
		return NULL;
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->key, key, n);
	victim->key_len = n;
	return victim;
}

static int64_t wait_of(const char *key, size_t n, int64_t now)
{
	struct slot *s;
	bool full;

	if (n == 0)
		return 0;
	s = find(key, n, now, false, &full);
	if (s == NULL)
		return full ? FULL_WAIT : 0;
	return s->until > now ? s->until - now : 0;
}

int64_t throttle_wait(const char *name, size_t name_len, const char *addr)
{
	char kn[KEY_MAX], ka[KEY_MAX];
	size_t nn = make_name_key(kn, name, name_len);
	size_t na = make_addr_key(ka, addr);
	int64_t now = now_s(), a, b;

	pthread_mutex_lock(&lock);
	a = wait_of(kn, nn, now);
	b = wait_of(ka, na, now);
	pthread_mutex_unlock(&lock);
	return a > b ? a : b;
}

static void fail_one(const char *key, size_t n, unsigned free_tries, int64_t now)
{
	struct slot *s;

	if (n == 0)
		return;
	s = find(key, n, now, true, NULL);
	if (s == NULL)
		return;
	s->fails++;
	s->last = now;
	if (s->fails >= free_tries) {
		unsigned over = s->fails - free_tries;
		int64_t wait = over >= 10 ? WAIT_MAX : (int64_t)1 << over;

		s->until = now + (wait < WAIT_MAX ? wait : WAIT_MAX);
	}
}

void throttle_fail(const char *name, size_t name_len, const char *addr)
{
	char kn[KEY_MAX], ka[KEY_MAX];
	size_t nn = make_name_key(kn, name, name_len);
	size_t na = make_addr_key(ka, addr);
	int64_t now = now_s();

	pthread_mutex_lock(&lock);
	fail_one(kn, nn, NAME_FREE, now);
	fail_one(ka, na, ADDR_FREE, now);
	pthread_mutex_unlock(&lock);
}

void throttle_success(const char *name, size_t name_len)
{
	char kn[KEY_MAX];
	size_t nn = make_name_key(kn, name, name_len);
	struct slot *s;

	if (nn == 0)
		return;
	pthread_mutex_lock(&lock);
	s = find(kn, nn, now_s(), false, NULL);
	if (s != NULL) {
		s->fails = 0;
		s->until = 0;
	}
	pthread_mutex_unlock(&lock);
}
