/*
 * record.h - the record model every feature stores its data in, and the
 * generic operations on it (declared in dyad.h: dy_item_*).
 *
 * A record has one owner and one kind (a struct dy_kind: "journal", later
 * "practice", "boundary", ...). Its content is a payload, encrypted: with
 * the owner's personal key while private or held, with the key of the
 * partnership it was shared in once shared; padded to a size bucket, and
 * bound to its id, owner, kind, parent, version, visibility and partnership. A
 * payload is a JSON object with the record's fields, optionally followed by
 * a NUL byte and a long free text (an entry's body) kept out of the JSON so
 * that lists of thousands of entries decrypt without parsing megabytes of
 * JSON strings. The plain columns say only who owns it, what kind it is, how
 * it relates to another record (parent), who may see it (visibility) and
 * when.
 *
 *  visibility 0 private: the owner alone.
 *  visibility 1 shared:  both partners; only the owner may edit or delete.
 *  visibility 2 held:    the owner's alone, sealed under their key, until
 *                        they reveal it or their first unlock after
 *                        reveal_at makes it shared (check-in agendas).
 *  parent_id:            a record about another record (a response): a
 *                        partner's acknowledgement of a boundary, a support
 *                        note on a goal, "I read this" on an entry.
 *  history:              edits of kinds with history keep the previous
 *                        version (boundaries).
 *
 * Every operation runs inside the caller's transaction when there is one
 * (store_begin nests), so a feature writes several records atomically.
 * Internal to src/core: the export reads records through it.
 */
#ifndef DY_RECORD_H
#define DY_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

struct json_t;

#define DY_PAYLOAD_MAX (2 * 1024 * 1024)

enum rec_vis { REC_PRIVATE = 0, REC_SHARED = 1, REC_HELD = 2 };

/* How a body is sealed: REC_FORM_V1 as schema 1-3 wrote it (associated data
 * id, owner, kind; no padding; held under the space key), REC_FORM_V2 since
 * schema 4 (docs/STORAGE.md), REC_FORM_KEPT a kept earlier version since
 * schema 8 (dyad-kept-v1; before, a kept version was sealed as the live
 * row was at its version, form 1 or 2). */
enum rec_form { REC_FORM_V1 = 1, REC_FORM_V2 = 2, REC_FORM_KEPT = 3 };

/* How far a person's records are in today's form (person.form), so that
 * an unlock knows what is left to seal again: PERSON_FORM_V1 bodies may be
 * as schema 1-3 sealed them; PERSON_FORM_V2 bodies are in today's form,
 * kept versions may be sealed as their live row was (schema 4-7);
 * PERSON_FORM_NOW everything is, and a kept version in another form than
 * REC_FORM_KEPT is refused as damaged. */
enum person_form { PERSON_FORM_V1 = 1, PERSON_FORM_V2 = 2, PERSON_FORM_NOW = 3 };

/* A decrypted record. */
struct rec {
	char id[DY_ID_LEN + 1];
	char owner_id[DY_ID_LEN + 1];
	char owner_name[DY_NAME_MAX + 1];
	char kind[DY_KIND_MAX + 1];
	char parent_id[DY_ID_LEN + 1];   /* "" when none */
	int visibility;
	int64_t reveal_at;
	int version;
	int64_t created_at;
	int64_t updated_at;
	int64_t seq;
	int64_t epoch;                   /* the partnership a shared or held body is sealed in */
	int form;                        /* enum rec_form */
	uint8_t *payload;                /* decrypted, NUL-terminated; owned */
	size_t payload_len;
	void *prep;                      /* a list's rec_prep result for it, or NULL */
};

void rec_release(struct rec *r);

/* Build a payload from a JSON object and an optional body text (body may be
 * NULL); the caller frees *out with free(). */
DY_WUR int rec_payload_build(const struct json_t *fields, const char *body, size_t body_len,
                             uint8_t **out, size_t *out_len, struct dy_error *err);

/* Split a record's payload: the fields (a new JSON object, the caller
 * decrefs it) and a pointer into r's payload for the body (NULL when none).
 * Fields that are not a JSON object, or a body that is not UTF-8 without
 * NUL bytes, are DY_ECORRUPT. */
DY_WUR int rec_payload_split(const struct rec *r, struct json_t **fields, const char **body,
                             size_t *body_len, struct dy_error *err);

/* Call fn for every record I own, oldest first, decrypted; fn may take
 * r's payload over (rec_to_item). Records that do not decrypt (or that fn
 * finds damaged: DY_ECORRUPT) are skipped and counted in *damaged, so that
 * one bad record never blocks an export. */
typedef int (*rec_fn)(void *ctx, struct rec *r, struct dy_error *err);
DY_WUR int rec_foreach_owned(struct dy_session *s, rec_fn fn, void *ctx, size_t *damaged,
                             struct dy_error *err);

/* A page of records of the query q, as rec_foreach_owned hands them over
 * (decrypted; fn may take r's payload; DY_ECORRUPT from fn counts the record
 * as damaged and leaves it out), under the visibility rules of dy_item_list,
 * for a kind that reads its own payloads (the journal) and so needs no
 * items. q takes no predicates and no match function. The records come in
 * dy_item_list's order, newest first, except that a list of all of one kind
 * (q->limit 0) comes oldest first, which SQLite reads much faster: then
 * *oldest_first is set and the caller reverses what it made. Writes the
 * next page's cursor to next ("" after the last page) and the records left
 * out to *damaged. fn runs on the calling thread, but while the records
 * after r may be being opened on other threads (rec_list_prep): it must
 * not change the session's keys (no unlock, no settling of the session). */
DY_WUR int rec_list(struct dy_session *s, const struct dy_query *q, rec_fn fn, void *ctx, size_t *damaged,
                    bool *oldest_first, char next[DY_CURSOR_MAX + 1], struct dy_error *err);

/* Work a kind does on each record of a list right after its decryption,
 * in the same job (dyad.h, dy_parallel_fn): perhaps at once with other
 * records', on another thread. fn reads ctx and the record r (whose payload
 * it may take into out, as journal_entry_from_rec does) and writes only
 * out, a zeroed area of size bytes that is the record's own; it calls
 * nothing that touches SQLite or the session's caches. Its result goes
 * to the sink in r->prep, on the calling thread, in the list's order; after
 * the sink, done(out, r) gives back to r what the sink left in out (so
 * that the list's buffer gets its payload back). An area serves one record
 * after another; release(out), when not NULL, frees what fn kept in it
 * between records (scratch memory) at the end of the list. */
struct rec_prep {
	void (*fn)(const void *ctx, struct rec *r, void *out);
	void (*done)(void *out, struct rec *r);
	void (*release)(void *out);
	const void *ctx;
	size_t size;
};

/* How many records a list of all opens at once (rec_list_prep): it
 * fills two batches of this many in turn, one read while the other is
 * opened. */
#define REC_OPEN_BATCH 64

/* rec_list with prep's work done on each record beside its decryption
 * (prep NULL: none), through the database's parallel hook where a list
 * of all reads many records at once. */
DY_WUR int rec_list_prep(struct dy_session *s, const struct dy_query *q, const struct rec_prep *prep, rec_fn fn,
                         void *ctx, size_t *damaged, bool *oldest_first, char next[DY_CURSOR_MAX + 1],
                         struct dy_error *err);

/* One record of kind k that I may see, by id or unique prefix, decrypted,
 * as dy_item_get finds it. The caller releases *out (rec_release). */
DY_WUR int rec_get(struct dy_session *s, const struct dy_kind *k, const char *id, size_t id_len,
                   struct rec *out, struct dy_error *err);

/* Read r's payload without a JSON parse when its fields are exactly what
 * rec_payload_build writes for one string field name that needs no
 * decoding ({"name":"value"}, the value without escapes, valid UTF-8) or
 * for no field ({}): *val and *val_len give the value inside r's payload
 * (*val NULL when the field is absent), *body and *body_len the body as
 * rec_payload_split does. False when the fields are anything else, or the
 * body is not UTF-8 (the caller parses them with rec_payload_split, which
 * tells which). */
/* A member of a record's fields read in place (rec_fields_flat). */
enum rec_vtype { RV_STRING, RV_INT, RV_TRUE, RV_FALSE, RV_NULL, RV_STRINGS };
struct rec_member {
	const char *key;
	size_t key_len;
	enum rec_vtype type;
	const char *s;               /* RV_STRING: the text; RV_STRINGS: inside the brackets */
	size_t len;
	int64_t i;                   /* RV_INT */
};
#define REC_MEMBERS_MAX 16

/* The fields of r read in place, without a JSON parse or an allocation,
 * when they are a flat object with nothing to decode, as
 * rec_payload_build writes the fields of the kinds that are all numbers,
 * booleans and short texts: keys and strings without escapes or control
 * characters and in UTF-8, whole numbers of at most 18 digits, true,
 * false, null, and arrays of such strings. Writes the members to m (at
 * most REC_MEMBERS_MAX) and returns how many; -1 when the fields are
 * anything else (the caller parses them with rec_payload_split). Statistics
 * over years of records read them this way. */
int rec_fields_flat(const struct rec *r, struct rec_member m[REC_MEMBERS_MAX]);
/* The strings of an RV_STRINGS member one by one: from *p (m->s at first)
 * to end (m->s + m->len); 1 with the next in *s, *len, or 0 at the end. */
int rec_strings_next(const char **p, const char *end, const char **s, size_t *len);

bool rec_payload_plain(const struct rec *r, const char *name, const char **val, size_t *val_len,
                       const char **body, size_t *body_len);

/* Create my record of kind k (no body) with an id the caller derived
 * (dy_keyed_id), private, shared or held until reveal_at. An id already
 * taken is an error from the store. */
DY_WUR int rec_create_keyed(struct dy_session *s, const struct dy_kind *k, const char *id, const struct json_t *fields,
                            int vis, int64_t reveal_at, struct dy_error *err);

/* Bring my records in line with the space, inside the caller's write
 * transaction, with s->keys holding the current partnership's key and any
 * ended one's: records shared or held in a partnership that has ended
 * become private (the partner's answers go); held records whose time has
 * come are revealed (sealed for the current partnership); with legacy,
 * everything sealed as schema 1-3 did is sealed again in today's form.
 * With all, every record of mine is looked at (after a partnership
 * changed, or with legacy); else only held ones past their time (an index
 * range). Records that do not open are left as they are. While s->form is
 * not PERSON_FORM_NOW, my versions kept in an older form are sealed again
 * as kept (those that do not open are forgotten); the caller then sets
 * person.form. */
DY_WUR int rec_settle(struct dy_session *s, bool all, bool legacy, struct dy_error *err);

/* The item of a decrypted record: fields parsed, the body moved out of r's
 * payload (r keeps no payload after). */
DY_WUR int rec_to_item(const struct dy_session *s, struct rec *r, struct dy_item *it,
                       struct dy_error *err);

/* journal.c: the entry of a decrypted journal record, which takes r's
 * payload over (tests/fuzz/record.c decodes payloads through it). */
DY_WUR int journal_entry_from_rec(const struct dy_session *s, struct rec *r, struct dy_entry *e,
                                  struct dy_error *err);

/* journal.c: give the payload e took from r back to r and release the
 * rest of e, for an entry looked at and not kept (a search that did not
 * match it): in a list (rec_list) the next record is opened into the same
 * memory, with no allocation and no wipe in between. */
void journal_entry_give_back(struct dy_entry *e, struct rec *r);

/* journal.c: the rec_prep of a list of entries (rec_list_prep): each
 * record's entry made in its job (journal_entry_from_rec, its UTF-8 check
 * included), for the sink to take with journal_entry_of. A kind's prep that
 * does more (search.c) starts its area with a struct journal_prep and
 * calls journal_prep_fn and journal_prep_done first. ctx is the session. */
struct journal_prep {
	struct dy_entry e;
	int rc;                          /* journal_entry_from_rec's */
	struct dy_error err;
};
void journal_prep_fn(const void *ctx, struct rec *r, void *out);
void journal_prep_done(void *out, struct rec *r);

/* journal.c: the entry of a record a sink gets, taken from its prep
 * (r->prep, a struct journal_prep) when the list made one, else made
 * here: as journal_entry_from_rec. */
DY_WUR int journal_entry_of(const struct dy_session *s, struct rec *r, struct dy_entry *e, struct dy_error *err);

#endif
