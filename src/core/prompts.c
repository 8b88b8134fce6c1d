/*
 * prompts.c - finding prompts and choosing the prompt of the day
 * (prompts.h). The library itself is prompts_data.c.
 */
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "dyad.h"
#include "session.h"
#include "banned.h"

const struct dy_prompt *
dy_prompt_find(const char *id, size_t len)
{
	size_t i;

	if (id == NULL || len == 0 || len > DY_PROMPT_ID_MAX)
		return NULL;
	for (i = 0; i < dy_nprompts; i++)
		if (strlen(dy_prompts[i].id) == len && memcmp(dy_prompts[i].id, id, len) == 0)
			return &dy_prompts[i];
	return NULL;
}

const char *
dy_prompt_theme_label(const char *theme)
{
	size_t i;

	for (i = 0; theme != NULL && i < dy_prompt_nthemes; i++)
		if (strcmp(dy_prompt_themes[i].id, theme) == 0)
			return dy_prompt_themes[i].label;
	return NULL;
}

/* The index the hash gives for (person, day), in 0..dy_nprompts. */
static size_t
day_index(const char *person_id, int32_t day)
{
	/* a public key: it only separates this use of the hash from others */
	static const unsigned char key[crypto_generichash_KEYBYTES] = "dyad: the prompt of the day";
	unsigned char h[8], d[4];
	crypto_generichash_state st;
	uint64_t v = 0;
	size_t i;

	d[0] = (unsigned char)((uint32_t)day >> 24);
	d[1] = (unsigned char)((uint32_t)day >> 16);
	d[2] = (unsigned char)((uint32_t)day >> 8);
	d[3] = (unsigned char)(uint32_t)day;
	crypto_generichash_init(&st, key, sizeof(key), sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)person_id, strlen(person_id));
	crypto_generichash_update(&st, d, sizeof(d));
	crypto_generichash_final(&st, h, sizeof(h));
	for (i = 0; i < sizeof(h); i++)
		v = v << 8 | h[i];
	return (size_t)(v % dy_nprompts);
}

const struct dy_prompt *
dy_prompt_of_day(const char *person_id, int32_t day)
{
	size_t i, prev;

	if (dy_nprompts == 0 || person_id == NULL)
		return NULL;
	i = day_index(person_id, day);
	/* no repeat of yesterday's: step on by one when the hash repeats it */
	prev = day_index(person_id, day - 1);
	if (dy_nprompts > 1 && i == prev)
		i = (i + 1) % dy_nprompts;
	return &dy_prompts[i];
}

const struct dy_prompt *
dy_prompt_mine(const struct dy_session *s, int32_t day)
{
	return s != NULL ? dy_prompt_of_day(s->person_id, day) : NULL;
}

json_t *
dy_prompt_json(const struct dy_prompt *p)
{
	const char *label = dy_prompt_theme_label(p->theme);

	return json_pack("{s:s, s:s, s:s, s:s}", "id", p->id, "theme", p->theme, "theme_label",
	                 label != NULL ? label : p->theme, "text", p->text);
}

json_t *
dy_prompts_json(void)
{
	json_t *themes = json_array(), *list, *t;
	size_t i, j;

	for (i = 0; themes != NULL && i < dy_prompt_nthemes; i++) {
		list = json_array();
		for (j = 0; list != NULL && j < dy_nprompts; j++) {
			if (strcmp(dy_prompts[j].theme, dy_prompt_themes[i].id) != 0)
				continue;
			if (json_array_append_new(list, dy_prompt_json(&dy_prompts[j])) != 0) {
				json_decref(list);
				list = NULL;
			}
		}
		t = list != NULL ? json_pack("{s:s, s:s, s:o}", "id", dy_prompt_themes[i].id, "label",
		                             dy_prompt_themes[i].label, "prompts", list) : NULL;
		if (t == NULL || json_array_append_new(themes, t) != 0) {
			json_decref(themes);
			themes = NULL;
		}
	}
	return themes != NULL ? json_pack("{s:o}", "themes", themes) : NULL;
}
