/*
 * sesscache.c - a few opened sessions per worker thread; see sesscache.h.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "sesscache.h"
#include "banned.h"

#define SLOTS 8

struct slot {
	char token[DY_TOKEN_LEN + 1];
	size_t len;
	struct dy_session *s;
	unsigned gen;
	uint64_t used;
};

struct sesscache {
	struct slot slots[SLOTS];
	uint64_t tick;
};

static atomic_uint generation;

static void slot_clear(struct slot *sl)
{
	dy_session_free(sl->s);
	explicit_bzero(sl, sizeof(*sl));
}

struct sesscache *sesscache_new(void)
{
	return calloc(1, sizeof(struct sesscache));
}

void sesscache_free(struct sesscache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < SLOTS; i++)
		slot_clear(&c->slots[i]);
	free(c);
}

void sesscache_invalidate_all(void)
{
	atomic_fetch_add(&generation, 1);
}

int sesscache_get(struct sesscache *c, struct dy_db *db, const char *token, size_t len,
                  struct dy_session **out, struct dy_error *err)
{
	unsigned gen = atomic_load(&generation);
	struct slot *sl = NULL, *victim = &c->slots[0];
	struct dy_session *s = NULL;
	size_t i;
	int rc;

	if (len == 0 || len > DY_TOKEN_LEN)
		return dy_token_open(db, token, len, out, err);
	for (i = 0; i < SLOTS; i++) {
		struct slot *x = &c->slots[i];

		if (x->s != NULL && web_secure_equal(x->token, x->len, token, len)) {
			sl = x;
			break;
		}
		if (x->s == NULL || (victim->s != NULL && x->used < victim->used))
			victim = x;
	}
	if (sl != NULL && sl->gen == gen) {
		/* the token is the very one sl->s was opened from (compared whole,
		 * in constant time, above): ask the database whether it still holds */
		if ((rc = dy_token_check(sl->s, token, len, err)) != 0) {
			slot_clear(sl);
			return rc;
		}
		sl->used = ++c->tick;
		*out = sl->s;
		return 0;
	}
	if (sl == NULL)
		sl = victim;
	slot_clear(sl);
	if ((rc = dy_token_open(db, token, len, &s, err)) != 0)
		return rc;
	memcpy(sl->token, token, len);
	sl->token[len] = '\0';
	sl->len = len;
	sl->s = s;
	sl->gen = gen;
	sl->used = ++c->tick;
	*out = s;
	return 0;
}
