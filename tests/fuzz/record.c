/*
 * record.c - decoding a record's decrypted payload (src/core/record.c):
 * splitting it into the kind's fields (JSON) and the long text after a NUL
 * byte (rec_payload_split, rec_to_item), and presenting the item as the CLI
 * and the export do (dy_item_json, then jansson's writer) and as the web's
 * writer does (jw_str, src/web/jsonw.c).
 *
 * A payload is only ever what dyad sealed, but a shared record is sealed by
 * the partner's copy of dyad under a key the partner holds: a partner who
 * can write the database file can seal any bytes. So decoding must take
 * any bytes.
 *
 * What must hold: a payload whose JSON part is not an object is damaged
 * (DY_ECORRUPT) and nothing leaks; an accepted payload gives an object and
 * the exact bytes after the first NUL as a NUL-terminated text; and an
 * accepted item can be presented, by both writers (a record that cannot be
 * must be reported as damaged, not fail the page it is on).
 */
#include <string.h>

#include <jansson.h>

#include "record.h"
#include "session.h"
#include "jsonw.h"
#include "fuzz.h"

#define ME "11111111-2222-4333-8444-555555555555"
#define THEM "66666666-7777-4888-9999-aaaaaaaaaaaa"

/* The generic reading (rec_to_item) and the presentation of its item;
 * whether it accepted the payload. */
static bool check_item(const uint8_t *data, size_t size)
{
	static struct dy_session s;
	struct dy_error err = {0};
	struct dy_item it;
	struct rec r;
	const uint8_t *nul;
	json_t *o;
	char *text;
	struct jw w;
	size_t len;
	int rc;

	memcpy(s.person_id, ME, sizeof(ME));
	memset(&r, 0, sizeof(r));
	memcpy(r.id, "abcdef01-2345-4678-89ab-cdef01234567", DY_ID_LEN + 1);
	memcpy(r.owner_id, size % 2 ? ME : THEM, DY_ID_LEN + 1);
	memcpy(r.owner_name, "Sam", 4);
	memcpy(r.kind, "journal", 8);
	r.visibility = REC_SHARED;
	r.version = 1;
	/* as rec_unseal leaves it: the bytes and a NUL after them */
	if ((r.payload = malloc(size + 1)) == NULL)
		abort();
	memcpy(r.payload, data, size);
	r.payload[size] = '\0';
	r.payload_len = size;
	nul = memchr(data, '\0', size);

	rc = rec_to_item(&s, &r, &it, &err);
	if (rc != 0) {
		FUZZ_CHECK(rc == DY_ECORRUPT);
		rec_release(&r);
		return false;
	}
	FUZZ_CHECK(json_is_object(it.fields));
	FUZZ_CHECK(it.mine == (size % 2 == 1));
	if (nul == NULL) {
		FUZZ_CHECK(it.body == NULL && it.body_len == 0);
	} else {
		len = size - (size_t)(nul - data) - 1;
		FUZZ_CHECK(it.body != NULL && it.body_len == len);
		FUZZ_CHECK(memcmp(it.body, nul + 1, len) == 0 && it.body[len] == '\0');
		FUZZ_CHECK(r.payload == NULL);
	}

	o = dy_item_json(&it);
	FUZZ_CHECK(o != NULL);
	text = json_dumps(o, JSON_COMPACT);
	FUZZ_CHECK(text != NULL);
	free(text);
	json_decref(o);

	jw_init(&w, 64, DY_PAYLOAD_MAX * 8);
	jw_str(&w, it.body != NULL ? it.body : "", it.body_len);
	text = jw_detach(&w, &len);
	FUZZ_CHECK(text != NULL);
	free(text);

	dy_item_release(&it);
	rec_release(&r);
	return true;
}

/* The journal's own reading (journal_entry_from_rec: the title without a
 * JSON parse when it needs none, else parsed and written over the payload's
 * start): what it accepts, the generic reading accepts too, and the entry's
 * title and text are NUL-free UTF-8 inside the payload, which every writer
 * can present. */
static void check_entry(const uint8_t *data, size_t size, bool generic_ok)
{
	static struct dy_session s;
	struct dy_error err = {0};
	struct dy_entry e;
	struct rec r;
	struct jw w;
	json_t *o;
	char *text;
	size_t len;
	int rc;

	memcpy(s.person_id, ME, sizeof(ME));
	memset(&r, 0, sizeof(r));
	memcpy(r.id, "abcdef01-2345-4678-89ab-cdef01234567", DY_ID_LEN + 1);
	memcpy(r.owner_id, THEM, DY_ID_LEN + 1);
	memcpy(r.kind, "journal", 8);
	if ((r.payload = malloc(size + 1)) == NULL)
		return;
	memcpy(r.payload, data, size);
	r.payload[size] = '\0';
	r.payload_len = size;

	rc = journal_entry_from_rec(&s, &r, &e, &err);
	if (rc != 0) {
		FUZZ_CHECK(rc == DY_ECORRUPT);
		rec_release(&r);
		return;
	}
	FUZZ_CHECK(generic_ok);
	FUZZ_CHECK(r.payload == NULL && e.mem != NULL && e.mem_len == size);
	FUZZ_CHECK(e.title >= e.mem && e.title + e.title_len < e.mem + size + 1);
	FUZZ_CHECK(e.text >= e.mem && e.text + e.text_len <= e.mem + size);
	FUZZ_CHECK(e.title[e.title_len] == '\0' && strlen(e.title) == e.title_len);
	FUZZ_CHECK(e.text[e.text_len] == '\0' && strlen(e.text) == e.text_len);
	FUZZ_CHECK(e.title_len == 0 || dy_utf8_valid(e.title, e.title_len));
	FUZZ_CHECK(e.text_len == 0 || dy_utf8_valid(e.text, e.text_len));
	/* the text is the bytes after the payload's first NUL */
	FUZZ_CHECK(memcmp(e.text, (const uint8_t *)memchr(data, '\0', size) + 1, e.text_len) == 0);

	o = dy_entry_json(&e);
	FUZZ_CHECK(o != NULL);
	text = json_dumps(o, JSON_COMPACT);
	FUZZ_CHECK(text != NULL);
	free(text);
	json_decref(o);
	jw_init(&w, 64, DY_PAYLOAD_MAX * 8);
	jw_str(&w, e.title, e.title_len);
	jw_str(&w, e.text, e.text_len);
	text = jw_detach(&w, &len);
	FUZZ_CHECK(text != NULL);
	free(text);
	dy_entry_release(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > DY_PAYLOAD_MAX)
		return 0;
	check_entry(data, size, check_item(data, size));
	return 0;
}
