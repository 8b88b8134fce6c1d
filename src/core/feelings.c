/*
 * feelings.c - the feeling-word vocabulary, written by scripts/feelings.py
 * from data/feelings.json: do not edit; change the JSON and run
 * `python3 scripts/feelings.py data/feelings.json src/core/feelings.c`.
 */
#include <stddef.h>

#include "dyad.h"

static const char *const words_calm[] = {"peaceful", "relaxed", "content", "safe", "settled", "relieved", "grounded"};
static const char *const words_glad[] = {"happy", "grateful", "hopeful", "proud", "playful", "loving", "excited", "curious"};
static const char *const words_close[] = {"close", "seen", "understood", "tender", "trusting", "supported"};
static const char *const words_sad[] = {"sad", "lonely", "disappointed", "hurt", "homesick", "grieving", "discouraged"};
static const char *const words_afraid[] = {"anxious", "worried", "nervous", "insecure", "overwhelmed", "panicky", "vulnerable"};
static const char *const words_angry[] = {"annoyed", "frustrated", "irritated", "resentful", "angry", "impatient", "jealous"};
static const char *const words_ashamed[] = {"embarrassed", "guilty", "ashamed", "inadequate", "self-conscious"};
static const char *const words_tired[] = {"tired", "drained", "numb", "restless", "bored", "confused"};

const struct dy_feeling_group dy_feeling_groups[] = {
	{"calm", "Calm", words_calm, 7},
	{"glad", "Glad", words_glad, 8},
	{"close", "Connected", words_close, 6},
	{"sad", "Sad", words_sad, 7},
	{"afraid", "Afraid", words_afraid, 7},
	{"angry", "Angry", words_angry, 7},
	{"ashamed", "Ashamed", words_ashamed, 5},
	{"tired", "Tired", words_tired, 6},
};
const size_t dy_feeling_ngroups = 8;
