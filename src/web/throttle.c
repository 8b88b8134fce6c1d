/*
 * throttle.c - failed-login counters in a fixed table, and the semaphore
 * that bounds concurrent key derivations.
 *
 * The table has a fixed size, so a flood of names or addresses costs no
 * memory: a new key takes a free or stale slot near its hash, or else the
 * least recently used of those slots. Losing a count that way only lets an
 * attacker restart at the slow part of the curve, never skip it for a hot
 * key, since hot keys are the recently used ones.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <time.h>

#include "throttle.h"
#include "banned.h"

#define SLOTS 4096
#define PROBE 8
#define KEY_MAX 96
#define NAME_FREE 5       /* failures before an account waits */
#define ADDR_FREE 20      /* failures before an address waits */
#define WAIT_MAX 900      /* seconds */
#define FORGET 3600       /* a key quiet this long starts over */
#define KDF_WAIT 5        /* seconds to wait for a derivation slot */

struct slot {
	char key[KEY_MAX];
	size_t key_len;
	unsigned fails;
	int64_t last;     /* clock seconds of the last failure */
	int64_t until;    /* no attempt before this */
};

static struct slot table[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t kdf_sem;
/* set once by throttle_init, before the worker threads start */
static int64_t (*clock_fn)(void *ctx);
static void *clock_ctx;

static int64_t now_s(void)
{
	struct timespec ts;

	if (clock_fn != NULL)
		return clock_fn(clock_ctx);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

void throttle_init(int64_t (*now)(void *ctx), void *ctx)
{
	clock_fn = now;
	clock_ctx = ctx;
	memset(table, 0, sizeof(table));
	sem_init(&kdf_sem, 0, WEB_KDF_MAX);
}

void throttle_release(void)
{
	sem_destroy(&kdf_sem);
}

/* FNV-1a */
static uint32_t hash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 16777619u;
	}
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

/* The slot holding key, or when create is set a slot made for it; NULL
 * otherwise. Called with the lock held. */
static struct slot *find(const char *key, size_t n, int64_t now, bool create)
{
	uint32_t h = hash(key, n);
	struct slot *victim = NULL;
	int i;

	for (i = 0; i < PROBE; i++) {
		struct slot *s = &table[(h + (uint32_t)i) % SLOTS];

		if (s->key_len == n && memcmp(s->key, key, n) == 0) {
			if (now - s->last > FORGET && now >= s->until) {
				s->fails = 0;
				s->until = 0;
			}
			return s;
		}
		if (s->key_len == 0 || (now - s->last > FORGET && now >= s->until)) {
			if (victim == NULL || victim->key_len != 0)
				victim = s;
		} else if (victim == NULL || (victim->key_len != 0 && s->last < victim->last)) {
			victim = s;
		}
	}
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

	if (n == 0)
		return 0;
	s = find(key, n, now, false);
	return s != NULL && s->until > now ? s->until - now : 0;
}

int64_t throttle_wait(const char *name, size_t name_len, const char *addr)
{
	char kn[KEY_MAX], ka[KEY_MAX];
	size_t nn = make_key(kn, 'n', name, name_len);
	size_t na = make_key(ka, 'a', addr, addr != NULL ? strlen(addr) : 0);
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
	s = find(key, n, now, true);
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
	size_t nn = make_key(kn, 'n', name, name_len);
	size_t na = make_key(ka, 'a', addr, addr != NULL ? strlen(addr) : 0);
	int64_t now = now_s();

	pthread_mutex_lock(&lock);
	fail_one(kn, nn, NAME_FREE, now);
	fail_one(ka, na, ADDR_FREE, now);
	pthread_mutex_unlock(&lock);
}

void throttle_success(const char *name, size_t name_len)
{
	char kn[KEY_MAX];
	size_t nn = make_key(kn, 'n', name, name_len);
	struct slot *s;

	if (nn == 0)
		return;
	pthread_mutex_lock(&lock);
	s = find(kn, nn, now_s(), false);
	if (s != NULL) {
		s->fails = 0;
		s->until = 0;
	}
	pthread_mutex_unlock(&lock);
}

bool kdf_enter(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += KDF_WAIT;
	while (sem_timedwait(&kdf_sem, &ts) != 0) {
		if (errno != EINTR)
			return false;
	}
	return true;
}

void kdf_leave(void)
{
	sem_post(&kdf_sem);
}
