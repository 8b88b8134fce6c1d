/*
 * core_bench.c - the journal's speed on a journal of N entries of about
 * SIZE bytes, with the references measured in the same run:
 *   - key derivation (dy_unlock: Argon2id + opening the keys), on its own;
 *   - journal add without the key derivation, against a plain SQLite insert
 *     of the same size with the same durability settings (the floor);
 *   - journal list of everything, against decrypting the same bytes with
 *     XChaCha20-Poly1305 alone (the floor);
 *   - peak resident memory.
 * Usage: core_bench DIR [N] [SIZE]   (DIR must not hold a dyad.db yet)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <sodium.h>
#include <sqlite3.h>

#include "dyad.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

static void
die(const char *what, const struct dy_error *err)
{
	fprintf(stderr, "core_bench: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* Text of about size bytes that reads like an entry, different each time. */
static void
fill_text(char *buf, size_t size, size_t i)
{
	static const char words[] = "today I noticed how I felt when we talked about the weekend and "
	                            "I paused before answering which felt like a small step ";
	size_t o = (size_t)snprintf(buf, size, "Entry %zu. ", i);

	while (o + 1 < size) {
		buf[o] = words[(o + i) % (sizeof(words) - 1)];
		o++;
	}
	buf[size - 1] = '\0';
}

int
main(int argc, char **argv)
{
	const char *pass = "benchmark passphrase";
	size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000;
	size_t size = argc > 3 ? strtoul(argv[3], NULL, 10) : 1024;
	struct dy_db *db = NULL;
	struct dy_session *s = NULL;
	struct dy_error err = {0};
	struct dy_entry_list l;
	char path[512], refpath[512], rec[DY_RECOVERY_LEN + 1], id[DY_ID_LEN + 1];
	char *text;
	double *add, *ref, kdf[5], list[7], dec[7], t;
	struct rusage ru;
	sqlite3 *h;
	sqlite3_stmt *st;

	if (argc < 2 || n < 10 || size < 64) {
		fprintf(stderr, "usage: core_bench DIR [N>=10] [SIZE>=64]\n");
		return 2;
	}
	if (dy_init() != 0)
		die("init", NULL);
	snprintf(path, sizeof(path), "%s/dyad.db", argv[1]);
	snprintf(refpath, sizeof(refpath), "%s/reference.db", argv[1]);
	add = calloc(n, sizeof(*add));
	ref = calloc(n, sizeof(*ref));
	text = malloc(size);
	if (!add || !ref || !text)
		die("out of memory", NULL);

	if (dy_db_open(path, DY_OPEN_CREATE, &db, &err) != 0)
		die("open", &err);
	if (dy_space_create(db, NULL, 0, "Bench", 5, pass, strlen(pass), rec, &s, &err) != 0)
		die("create", &err);
	dy_session_free(s);

	for (int i = 0; i < 5; i++) {
		t = now_ms();
		if (dy_unlock(db, "Bench", 5, pass, strlen(pass), &s, &err) != 0)
			die("unlock", &err);
		kdf[i] = now_ms() - t;
		if (i < 4)
			dy_session_free(s);
	}

	/* the reference store: same pragmas, a plain 1 KiB insert per commit */
	if (sqlite3_open(refpath, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                    "CREATE TABLE r (id TEXT PRIMARY KEY, created_at INTEGER, body BLOB)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO r VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
		die("reference database", NULL);

	for (size_t i = 0; i < n; i++) {
		fill_text(text, size, i);
		t = now_ms();
		if (dy_journal_add(s, "", 0, text, strlen(text), i % 3 == 0, id, &err) != 0)
			die("add", &err);
		add[i] = now_ms() - t;

		char rid[40];
		snprintf(rid, sizeof(rid), "ref-%zu", i);
		t = now_ms();
		sqlite3_bind_text(st, 1, rid, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_blob(st, 3, text, (int)strlen(text), SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			die("reference insert", NULL);
		sqlite3_reset(st);
		ref[i] = now_ms() - t;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);

	/* the decryption floor: the same number of bytes through XChaCha20-Poly1305 */
	{
		uint8_t key[32], *ct = malloc(size + 40), *pt = malloc(size);
		if (!ct || !pt)
			die("out of memory", NULL);
		crypto_aead_xchacha20poly1305_ietf_keygen(key);
		randombytes_buf(ct, 24);
		crypto_aead_xchacha20poly1305_ietf_encrypt(ct + 24, NULL, (uint8_t *)text, size - 1, NULL, 0, NULL, ct, key);
		for (int r = 0; r < 7; r++) {
			t = now_ms();
			for (size_t i = 0; i < n; i++)
				if (crypto_aead_xchacha20poly1305_ietf_decrypt(pt, NULL, NULL, ct + 24, size - 1 + 16, NULL, 0, ct, key) != 0)
					die("reference decrypt", NULL);
			dec[r] = now_ms() - t;
		}
		free(ct);
		free(pt);
	}

	for (int r = 0; r < 7; r++) {
		t = now_ms();
		if (dy_journal_list(s, DY_FILTER_ALL, 0, 0, &l, &err) != 0)
			die("list", &err);
		list[r] = now_ms() - t;
		if (l.count != n)
			die("list count", NULL);
		dy_entry_list_release(&l);
	}
	getrusage(RUSAGE_SELF, &ru);

	printf("entries %zu of %zu bytes\n", n, size);
	printf("key derivation (unlock)   median %8.1f ms  (min %.1f, max %.1f; 5 runs)\n",
	       quantile(kdf, 5, 0.5), quantile(kdf, 5, 0), quantile(kdf, 5, 1));
	printf("journal add, no KDF       median %8.3f ms  p95 %.3f ms\n", quantile(add, n, 0.5), quantile(add, n, 0.95));
	printf("  reference sqlite insert median %8.3f ms  p95 %.3f ms\n", quantile(ref, n, 0.5), quantile(ref, n, 0.95));
	printf("journal list, all         median %8.1f ms  (min %.1f, max %.1f; 7 runs)\n",
	       quantile(list, 7, 0.5), quantile(list, 7, 0), quantile(list, 7, 1));
	printf("  reference decrypt only  median %8.1f ms\n", quantile(dec, 7, 0.5));
	printf("peak resident memory      %8.1f MiB\n", (double)ru.ru_maxrss / 1024.0);

	dy_session_free(s);
	dy_db_close(db);
	free(add);
	free(ref);
	free(text);
	return 0;
}
