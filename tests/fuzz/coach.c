/*
 * coach.c - the I-statement coach reading any text: dy_coach_check (the
 * tokens, the quotes and scare quotes, the rules and the model of
 * src/core/coach.c) and dy_coach_json.
 *
 * Input: the text, any bytes.
 *
 * What must hold: text that is not UTF-8 is DY_EINVAL and text over
 * DY_COACH_TEXT_MAX is DY_ETOOBIG, both leaving the result untouched;
 * otherwise 0, with at most DY_COACH_FINDINGS_MAX findings, each of a known
 * kind, its span non-empty, inside the text and on character boundaries,
 * in the order they occur; parts only the four bits, and clean only with
 * no finding and all four parts; the same text read again gives the same
 * result; and the JSON reads back (jansson) with as many findings, each
 * span's text the text's own bytes.
 */
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "fuzz.h"

/* Whether byte i of s starts a character (or is the end). */
static int
boundary(const uint8_t *s, size_t len, size_t i)
{
	return i == len || (s[i] & 0xC0) != 0x80;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dy_coach_result r, again;
	struct dy_error err = {0};
	struct dy_buf json = DY_BUF_INIT(1u << 20);
	json_t *doc;
	json_error_t jerr;
	int rc;

	memset(&r, 0xA5, sizeof(r));
	memcpy(&again, &r, sizeof(r));
	rc = dy_coach_check((const char *)data, size, &r, &err);
	if (rc != 0) {
		FUZZ_CHECK(size > DY_COACH_TEXT_MAX ? rc == DY_ETOOBIG
		                                     : rc == DY_EINVAL && !dy_utf8_valid((const char *)data, size));
		FUZZ_CHECK(memcmp(&r, &again, sizeof(r)) == 0);
		return 0;
	}
	FUZZ_CHECK(size <= DY_COACH_TEXT_MAX && dy_utf8_valid((const char *)data, size));
	FUZZ_CHECK(r.n <= DY_COACH_FINDINGS_MAX);
	for (size_t i = 0; i < r.n; i++) {
		const struct dy_coach_finding *f = &r.findings[i];

		FUZZ_CHECK((unsigned)f->kind < DY_COACH_KINDS);
		FUZZ_CHECK(f->start < f->end && f->end <= size);
		FUZZ_CHECK(boundary(data, size, f->start) && boundary(data, size, f->end));
		FUZZ_CHECK(i == 0 || r.findings[i - 1].start <= f->start);
	}
	FUZZ_CHECK((r.parts & ~DY_COACH_PARTS_ALL) == 0);
	FUZZ_CHECK(!r.clean || (r.n == 0 && r.parts == DY_COACH_PARTS_ALL));

	FUZZ_CHECK(dy_coach_check((const char *)data, size, &again, &err) == 0);
	FUZZ_CHECK(again.n == r.n && again.parts == r.parts && again.clean == r.clean);
	for (size_t i = 0; i < r.n; i++)
		FUZZ_CHECK(again.findings[i].kind == r.findings[i].kind &&
		           again.findings[i].start == r.findings[i].start &&
		           again.findings[i].end == r.findings[i].end);

	FUZZ_CHECK(dy_coach_json((const char *)data, &r, &json) == 0);
	doc = json_loadb(json.p, json.len, 0, &jerr);
	FUZZ_CHECK(doc != NULL);
	FUZZ_CHECK(json_array_size(json_object_get(doc, "findings")) == r.n);
	for (size_t i = 0; i < r.n; i++) {
		json_t *t = json_object_get(json_array_get(json_object_get(doc, "findings"), i), "text");
		const struct dy_coach_finding *f = &r.findings[i];

		FUZZ_CHECK(json_is_string(t) && json_string_length(t) == f->end - f->start &&
		           memcmp(json_string_value(t), data + f->start, f->end - f->start) == 0);
	}
	json_decref(doc);
	dy_buf_release(&json);
	return 0;
}
