/*
 * prompts.h - the self-exploration prompts (issue #9): a library written
 * for dyad in themes (data/prompts.json, compiled in as prompts_data.c by
 * scripts/prompts.py), the prompt of the day, and the lookup that a
 * journal entry written from a prompt is checked with. Part of libdyad's
 * public interface: dyad.h includes it.
 */
#ifndef DY_PROMPTS_H
#define DY_PROMPTS_H

#include <stddef.h>
#include <stdint.h>

#define DY_PROMPT_ID_MAX 31      /* bytes of a prompt's id: [a-z0-9-] */

struct json_t;

struct dy_prompt_theme {
	const char *id;              /* "feelings" */
	const char *label;           /* "Feelings and needs" */
};

struct dy_prompt {
	const char *id;              /* "feelings-01": stable, never reused */
	const char *theme;           /* a dy_prompt_theme's id */
	const char *text;
};

extern const struct dy_prompt_theme dy_prompt_themes[];
extern const size_t dy_prompt_nthemes;
extern const struct dy_prompt dy_prompts[];
extern const size_t dy_nprompts;

/* The prompt with id id[0..len), or NULL when there is none. */
const struct dy_prompt *dy_prompt_find(const char *id, size_t len);

/* The theme's label for a theme id; NULL when unknown. */
const char *dy_prompt_theme_label(const char *theme);

/*
 * The prompt of the day for the person person_id on their local day
 * (days.h's numbering, counted in the person's own zone by the front end):
 * the same all day, another the next day, and usually another for the
 * partner, since the choice is a hash of the person's id and the day. The
 * hash is BLAKE2b under a fixed, public key: person ids are not secret, and
 * the choice reveals nothing but which prompt it is. When the hash gives
 * what it gave for the day before, the next prompt is taken, so a prompt
 * comes back on the next day only rarely.
 */
const struct dy_prompt *dy_prompt_of_day(const char *person_id, int32_t day);

/* The prompt of the day of the person whose session s is (as above). */
struct dy_session;
const struct dy_prompt *dy_prompt_mine(const struct dy_session *s, int32_t day);

/* A prompt as JSON: {"id", "theme", "theme_label", "text"}; NULL when out
 * of memory. The caller decrefs it. */
struct json_t *dy_prompt_json(const struct dy_prompt *p);

/* The whole library: {"themes": [{"id", "label", "prompts": [prompt...]}]}.
 * NULL when out of memory. */
struct json_t *dy_prompts_json(void);

#endif
