/* fields_test.c - reading a record's fields in place (rec_fields_flat,
 * record.h), which statistics over years of records use instead of a JSON
 * parse: what it reads, what it leaves to jansson, and that statistics
 * count the records it leaves to jansson just the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "helpers.h"
#include "record.h"

static int
flat(const char *payload, struct rec_member m[REC_MEMBERS_MAX])
{
	struct rec r;

	memset(&r, 0, sizeof(r));
	r.payload = (uint8_t *)(uintptr_t)payload;
	r.payload_len = strlen(payload);
	return rec_fields_flat(&r, m);
}

static void
flat_fields_are_read_in_place(void **state)
{
	struct rec_member m[REC_MEMBERS_MAX];
	const char *p, *w;
	size_t len;

	(void)state;
	assert_int_equal(flat("{}", m), 0);
	assert_int_equal(flat("{\"practice\":\"yoga\",\"seconds\":600,\"at\":-5,\"ok\":true,\"no\":false,\"n\":null,"
	                      "\"feelings\":[\"hurt\",\"calm\"],\"none\":[]}", m), 8);
	assert_int_equal(m[0].type, RV_STRING);
	assert_int_equal(m[0].key_len, 8);
	assert_memory_equal(m[0].s, "yoga", 4);
	assert_int_equal(m[1].type, RV_INT);
	assert_int_equal(m[1].i, 600);
	assert_int_equal(m[2].i, -5);
	assert_int_equal(m[3].type, RV_TRUE);
	assert_int_equal(m[4].type, RV_FALSE);
	assert_int_equal(m[5].type, RV_NULL);
	assert_int_equal(m[6].type, RV_STRINGS);
	p = m[6].s;
	assert_int_equal(rec_strings_next(&p, m[6].s + m[6].len, &w, &len), 1);
	assert_memory_equal(w, "hurt", 4);
	assert_int_equal(rec_strings_next(&p, m[6].s + m[6].len, &w, &len), 1);
	assert_memory_equal(w, "calm", 4);
	assert_int_equal(rec_strings_next(&p, m[6].s + m[6].len, &w, &len), 0);
	assert_int_equal(m[7].type, RV_STRINGS);
	assert_int_equal(m[7].len, 0);
	/* a body after the fields is not read */
	{
		char buf[64] = "{\"title\":\"t\"}";
		struct rec r;

		memcpy(buf + 14, "body", 5);
		memset(&r, 0, sizeof(r));
		r.payload = (uint8_t *)buf;
		r.payload_len = 18;
		assert_int_equal(rec_fields_flat(&r, m), 1);
	}
}

static void
anything_to_decode_is_left_to_jansson(void **state)
{
	static const char *const other[] = {
		"", "{", "[]", "{\"a\":\"x\\\"y\"}", "{\"a\\u0041\":1}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01}",
		"{\"a\":1234567890123456789}", "{\"a\":{\"b\":1}}", "{\"a\":[1,2]}", "{\"a\":[\"x\",]}", "{\"a\":\"\xff\"}",
		"{\"a\":1,}", "{\"a\" :1}", "{\"a\":tru}", "{\"a\":\"\x01\"}", "{\"a\":-}",
		"{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5,\"6\":6,\"7\":7,\"8\":8,\"9\":9,\"10\":10,\"11\":11,\"12\":12,"
		"\"13\":13,\"14\":14,\"15\":15,\"16\":16,\"17\":17}",
	};
	struct rec_member m[REC_MEMBERS_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (flat(other[i], m) != -1)
			fail_msg("read in place: %s", other[i]);
}

static int32_t
utc_day(void *ctx, int64_t t)
{
	(void)ctx;
	return (int32_t)(t / 86400 - (t % 86400 < 0));
}

static void
stats_count_records_that_need_jansson_the_same(void **state)
{
	struct fixture *f = *state;
	struct dy_practice_stats ps;
	struct dy_reaction_stats rs;
	struct dy_error err = {0};
	char id[DY_ID_LEN + 1];
	int64_t now = 1772611200;
	json_t *r;

	/* a note with a quote is escaped in the stored JSON: that record's
	 * fields go to jansson, the others are read in place */
	assert_int_equal(dy_practice_log(f->a, "yoga", 4, 600, now - 3600, "\"flow\"", 6, false, id, &err), 0);
	assert_int_equal(dy_practice_log(f->a, "yoga", 4, 300, now - 86400, NULL, 0, false, id, &err), 0);
	assert_int_equal(dy_practice_log(f->a, "walking", 7, 1200, now - 7200, "a \"note\"", 8, false, id, &err), 0);
	assert_int_equal(dy_practice_stats(f->a, now, utc_day, NULL, &ps, &err), 0);
	assert_int_equal(ps.sessions, 3);
	assert_int_equal(ps.seconds, 2100);
	assert_int_equal(ps.ntop, 2);
	assert_string_equal(ps.top[0].name, "walking");
	assert_string_equal(ps.top[1].name, "yoga");
	assert_int_equal(ps.top[1].seconds, 900);
	assert_int_equal(ps.damaged, 0);

	r = json_pack("{s:s, s:i, s:b, s:I, s:[s], s:[s]}", "happened", "a \"sharp\" word", "intensity", 6, "paused", 1,
	              "at", (json_int_t)(now - 60), "feelings", "hurt", "triggers", "Chores");
	assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, r, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	json_decref(r);
	r = json_pack("{s:s, s:i, s:b, s:I, s:[s,s], s:[s]}", "happened", "plain", "intensity", 2, "paused", 0, "at",
	              (json_int_t)(now - 120), "feelings", "hurt", "angry", "triggers", "chores");
	assert_int_equal(dy_item_create(f->a, &dy_kind_reaction, NULL, r, NULL, 0, DY_VIS_PRIVATE, 0, id, &err), 0);
	json_decref(r);
	assert_int_equal(dy_reaction_stats(f->a, now, utc_day, NULL, &rs, &err), 0);
	assert_int_equal(rs.count, 2);
	assert_int_equal(rs.paused, 1);
	assert_true(rs.intensity > 3.99 && rs.intensity < 4.01);
	assert_string_equal(rs.feelings[0].word, "hurt");
	assert_int_equal(rs.feelings[0].count, 2);
	assert_string_equal(rs.triggers[0].word, "chores");
	assert_int_equal(rs.triggers[0].count, 2);
	/* the partner's records never count in mine */
	assert_int_equal(dy_practice_log(f->b, "yoga", 4, 600, now - 60, NULL, 0, true, id, &err), 0);
	assert_int_equal(dy_practice_stats(f->a, now, utc_day, NULL, &ps, &err), 0);
	assert_int_equal(ps.sessions, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flat_fields_are_read_in_place),
		cmocka_unit_test(anything_to_decode_is_left_to_jansson),
		cmocka_unit_test_setup_teardown(stats_count_records_that_need_jansson_the_same, fx_setup_couple, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
