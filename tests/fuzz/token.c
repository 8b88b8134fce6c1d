/*
 * token.c - session cookies and their tokens: parsing a token
 * (dy_token_csrf, dy_token_open in src/core/token.c) and the web's cache of
 * opened sessions in front of it (sesscache_get, src/web/sesscache.c),
 * against a real database holding one person with one live session.
 *
 * Input: a mode byte, then either a cookie value as is (mode even) or bytes
 * XORed onto the live token (mode odd: small changes of a good token, which
 * a fuzzer would not find by itself; extra bytes lengthen it, and the mode's
 * high bits shorten it).
 *
 * What must hold: only the live token, byte for byte, opens a session,
 * directly or through the cache, and it opens Alex's; everything else is
 * DY_EAUTH; a token that parses gives a CSRF value of 43 base64url
 * characters, the live token the one it was issued with.
 */
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "sesscache.h"
#include "fuzz.h"

static char dir[64];
static char path[96];
static struct dy_db *db;
static struct sesscache *cache;
static char live[DY_TOKEN_LEN + 1];
static char live_csrf[44];

static void cleanup(void)
{
	sesscache_free(cache);
	dy_db_close(db);
	unlink(path);
	/* SQLite's journal files, if any were left */
	{
		char p[128];

		snprintf(p, sizeof(p), "%s-wal", path);
		unlink(p);
		snprintf(p, sizeof(p), "%s-shm", path);
		unlink(p);
		snprintf(p, sizeof(p), "%s-journal", path);
		unlink(p);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct dy_error err = {0};
	struct dy_session *s = NULL;
	char recovery[DY_RECOVERY_LEN + 1];
	static const char pass[] = "correct horse battery";

	(void)argc;
	(void)argv;
	FUZZ_CHECK(dy_init() == 0);
	snprintf(dir, sizeof(dir), "/tmp/dyad-fuzz-XXXXXX");
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/dyad.db", dir);
	FUZZ_CHECK(dy_db_open(path, DY_OPEN_CREATE, &db, &err) == 0);
	atexit(cleanup);
	FUZZ_CHECK(dy_space_create(db, "Us", 2, "Alex", 4, pass, strlen(pass), recovery, &s, &err) == 0);
	FUZZ_CHECK(dy_token_issue(s, 3600, live, &err) == 0);
	FUZZ_CHECK(dy_token_csrf(live, strlen(live), live_csrf, &err) == 0);
	dy_session_free(s);
	FUZZ_CHECK((cache = sesscache_new()) != NULL);
	return 0;
}

static bool b64url(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dy_error err = {0};
	struct dy_session *s = NULL, *cached = NULL;
	struct dy_space_info info;
	char *tok, csrf[44];
	size_t len, i;
	bool is_live;
	int rc;

	if (size < 1 || size > 1024)
		return 0;
	if ((tok = malloc(size + DY_TOKEN_LEN + 1)) == NULL)
		return 0;
	if (data[0] & 1) {
		size_t cut = (size_t)(data[0] >> 1) % 8;

		len = size - 1 > DY_TOKEN_LEN ? size - 1 : DY_TOKEN_LEN;
		memset(tok, 0, len);
		memcpy(tok, live, DY_TOKEN_LEN);
		for (i = 1; i < size; i++)
			tok[i - 1] = (char)(tok[i - 1] ^ data[i]);
		len = len > cut ? len - cut : 0;
	} else {
		len = size - 1;
		memcpy(tok, data + 1, len);
	}
	tok[len] = '\0';
	is_live = len == DY_TOKEN_LEN && memcmp(tok, live, DY_TOKEN_LEN) == 0;

	/* the CSRF value: only for a token that parses, and the issued one's
	 * for the live token */
	rc = dy_token_csrf(tok, len, csrf, &err);
	if (rc == 0) {
		FUZZ_CHECK(strlen(csrf) == 43 && b64url(csrf, 43));
		FUZZ_CHECK(len == DY_TOKEN_LEN && tok[22] == '.');
		FUZZ_CHECK(b64url(tok, 22) && b64url(tok + 23, 43));
		FUZZ_CHECK(!is_live || strcmp(csrf, live_csrf) == 0);
		FUZZ_CHECK(is_live || strcmp(csrf, live_csrf) != 0 || memcmp(tok + 23, live + 23, 43) == 0);
	} else {
		FUZZ_CHECK(rc == DY_EAUTH && !is_live);
	}

	/* straight from the database */
	rc = dy_token_open(db, tok, len, &s, &err);
	FUZZ_CHECK((rc == 0) == is_live);
	FUZZ_CHECK(rc == 0 || rc == DY_EAUTH);
	if (rc == 0) {
		memset(&info, 0, sizeof(info));
		FUZZ_CHECK(dy_whoami(s, &info, &err) == 0);
		FUZZ_CHECK(info.members == 1 && strcmp(info.people[0].name, "Alex") == 0);
		dy_session_free(s);
	}

	/* through the web's cache, which keeps the live session between runs */
	rc = sesscache_get(cache, db, tok, len, &cached, &err);
	FUZZ_CHECK((rc == 0) == is_live);
	FUZZ_CHECK(rc == 0 || rc == DY_EAUTH);
	free(tok);
	return 0;
}
