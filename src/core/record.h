/*
 * record.h - the record model every feature stores its data in.
 *
 * A record has one owner and one kind ("journal", later "practice",
 * "boundary", ...). Its content is a payload, encrypted: with the owner's
 * personal key while private, with the space key once shared. A payload is
 * a JSON object with the record's fields, optionally followed by a NUL byte
 * and a long free text (an entry's body) kept out of the JSON so that lists
 * of thousands of entries decrypt without parsing megabytes of JSON strings.
 * The plain columns say only who owns it, what kind it is, how it relates to
 * another record (parent), who may see it (visibility) and when.
 *
 *  visibility 0 private: the owner alone.
 *  visibility 1 shared:  both partners; only the owner may edit or delete.
 *  visibility 2 held:    encrypted for both, shown to the partner only from
 *                        reveal_at on (check-in agendas); until then it is
 *                        the owner's alone.
 *  parent_id:            a record about another record: a partner's
 *                        acknowledgement of a boundary, a support note on a
 *                        goal, the shared result derived from private answers.
 *  history:              rec_update keeps the previous version (boundaries).
 *
 * Internal to src/core: the domain modules (journal.c, ...) build on it.
 */
#ifndef DY_RECORD_H
#define DY_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

struct json_t;

#define DY_KIND_MAX 23
#define DY_PAYLOAD_MAX (2 * 1024 * 1024)

enum rec_vis { REC_PRIVATE = 0, REC_SHARED = 1, REC_HELD = 2 };

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
	uint8_t *payload;                /* decrypted JSON, NUL-terminated; owned */
	size_t payload_len;
};

struct rec_list {
	struct rec *items;
	size_t count;
	size_t total;
	size_t damaged;                  /* records that did not decrypt, left out */
};

void rec_release(struct rec *r);

/* Build a payload from a JSON object and an optional body text (body may be
 * NULL); the caller frees *out with free(). */
DY_WUR int rec_payload_build(const struct json_t *fields, const char *body, size_t body_len,
                             uint8_t **out, size_t *out_len, struct dy_error *err);

/* Split a record's payload: the fields (a new JSON object, the caller
 * decrefs it) and a pointer into r's payload for the body (NULL when none). */
DY_WUR int rec_payload_split(const struct rec *r, struct json_t **fields, const char **body,
                             size_t *body_len, struct dy_error *err);
void rec_list_release(struct rec_list *l);

/* Create a record of mine; writes its id. parent_id may be NULL. */
DY_WUR int rec_create(struct dy_session *s, const char *kind, const char *parent_id, int visibility,
                      int64_t reveal_at, const uint8_t *payload, size_t len,
                      char id[DY_ID_LEN + 1], struct dy_error *err);

/* Find a record of this kind that I may see, by id or unique prefix (at
 * least 4 characters). Not visible and not existing read the same:
 * DY_ENOTFOUND with the message "No <noun> <id>.". */
/* rec_update and rec_set_visibility write only if the record still has the
 * version and visibility r was read with; otherwise DY_EBUSY and nothing
 * changes (another process got there first). */
DY_WUR int rec_find(struct dy_session *s, const char *kind, const char *noun, const char *id, size_t id_len,
                    struct rec *out, struct dy_error *err);

/* Replace the payload of my record (DY_EPERM if it is not mine); with
 * keep_history, the previous version is kept in record_version. */
DY_WUR int rec_update(struct dy_session *s, const struct rec *r, const uint8_t *payload, size_t len,
                      bool keep_history, struct dy_error *err);

/* Change who may see my record, re-encrypting it and its history. */
DY_WUR int rec_set_visibility(struct dy_session *s, const struct rec *r, int visibility,
                              int64_t reveal_at, struct dy_error *err);

/* Delete my record, with its history and the records about it. */
DY_WUR int rec_delete(struct dy_session *s, const struct rec *r, struct dy_error *err);

/* The records of a kind I may see under a filter, newest first; limit 0 is
 * all. The caller releases out with rec_list_release. */
DY_WUR int rec_list(struct dy_session *s, const char *kind, enum dy_filter filter, size_t offset,
                    size_t limit, struct rec_list *out, struct dy_error *err);

/* Call fn for every record I own, oldest first, decrypted. Records that do
 * not decrypt (or that fn finds damaged: DY_ECORRUPT) are skipped and
 * counted in *damaged, so that one bad record never blocks an export. */
typedef int (*rec_fn)(void *ctx, const struct rec *r, struct dy_error *err);
DY_WUR int rec_foreach_owned(struct dy_session *s, rec_fn fn, void *ctx, size_t *damaged,
                             struct dy_error *err);

#endif
