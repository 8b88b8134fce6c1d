/*
 * coach.c - the I-statement coach (see coach.h).
 *
 * The text becomes tokens: lower-case words, contractions spelled out
 * ("don't" is "do" "not", "you're" is "you" "are"), each with its place in
 * the original text, its sentence and its clause (commas and dashes start
 * a clause; . ! ? ; and line ends a sentence). Words inside double quotes
 * are reported speech and are left out.
 *
 * Each kind has a table of rules: a pattern over the tokens and guards.
 * A pattern is words separated by spaces:
 *   you          the word "you"
 *   make|made    either word
 *   ?so          "so", or nothing
 *   ~3           up to three words of the same clause
 *   ~~6          up to six words of the same sentence
 *   ~*3          up to three intensifiers ("so", "such", "a", "really", ...)
 *   @neg @pos @scorn @trait @name @sarcname @sarcpraise   a word of that list
 *                (below); lists and words combine with '|' too
 * Guards say when a match does not count: a "not" before it in its clause
 * ("it's not your fault"), a "not" among the words it skipped ("you're not
 * stupid"), a plain yes/no question, kind words after "always", and so on.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dyad.h"
#include "coach_int.h"
#include "reaction.h"
#include "util.h"
#include "banned.h"

#define WORD_MAX 20  /* longer words are kept, but match nothing */

struct tok {
	char w[WORD_MAX + 1];
	uint32_t known, in;  /* which @lists the word was looked up in, and is in */
	size_t start, end;   /* in the original text */
	unsigned sent, clause;
	bool shout;          /* written in capitals: "because SOMEONE" */
	bool scare;          /* in single quotes, lower case: "you 'helped'" */
	unsigned char wbit;  /* its word_bit (check_init) */
	unsigned char flags; /* TOK_NEGATOR, TOK_INTENSIFIER (check_init) */
};

enum { TOK_NEGATOR = 1, TOK_INTENSIFIER = 2 };  /* in negators, in intensifiers */

enum { END_QUESTION = 1, END_EXCLAIM = 2 };

struct toks {
	struct tok *t;
	size_t n, cap;
	unsigned sent, clause;
	unsigned char *ends; /* per sentence: END_QUESTION ('?'), END_EXCLAIM ('!') */
	size_t nsent;
	bool shout;          /* the word being pushed is in capitals */
	uint64_t spelled[16]; /* the contractions' words, as a set of 1024 bits (word_hash) */
};

/* ----------------------------------------------------------- word lists */

static const char *const neg_words[] = {
	"angry", "mad", "furious", "cry", "cried", "crying", "sad", "miserable", "worthless",
	"small", "stupid", "crazy", "nuts", "insane", "late", "upset", "anxious", "nervous", "sick",
	"hate", "jealous", "unhappy", "lonely", "guilty", "ashamed", "embarrassed", "not", "never",
	"useless", "hurt", "terrible", "awful", "bad", "worse", "worst", "difficult",
	"stressed", "exhausted", "mess", "wrong", "trouble", "missed", "lost", "ruined", "scared",
	"afraid", "frustrated", "annoyed", "irritated", "insecure", "unwanted", "invisible",
	"ignored", "alone", "fail", "failure", "unfair", "inadequate", "desperate", "broke",
	"ignore", "left", "embarrass", "put", "miss", "abandoned", "fool", "look", "cheap", "lose",
	"temper", "humiliated", "humiliate", "betrayed", "betray", "lied", "lie", "lies", "lying", "cheated",
	"used", "tricked", "deceived", "manipulated", "dumped", "rejected", "disrespected",
	"belittled", "blamed", "criticised", "criticized", "mocked", "redo", "stuck", "stranded", "knackered", "shattered",
	"punishing", "punish", "punished", "forgot", "forget", "overdrawn", "skint", "shaking",
	"snapped", "wrecked", "soggy", "washout", "disaster", NULL,
};

static const char *const pos_words[] = {
	"laugh", "laughing", "smile", "smiling", "cheer", "kind", "help", "helps", "helping",
	"helpful", "remember", "remembers", "try", "tries", "support", "supports", "supportive",
	"love", "loved", "safe", "happy", "better", "great", "good", "wonderful", "beautiful",
	"generous", "patient", "thoughtful", "sweet", "funny", "thank", "thanks", "proud", "admire",
	"calm", "gentle", "fun", "special", "warm", "honest", "there", "welcome", "encourage",
	"encourages", "listen", "listens", "surprise", "surprises", "nice", "lovely", "amazing",
	"handsome", "pretty", "clever", "hug", "hugs", "kiss", "kisses", "notice", "notices", "best", "perfect", "nicest", "sweetest",
	"finest", "greatest", "loveliest", "brightest", "coolest", "favourite", "favorite", "lucky",
	"gorgeous", "delicious", "brilliant", "fantastic", "smiles", "joy", "comfort", "amaze",
	"amazes", "cosy", "cozy", "home", "luckiest", "happiest", "proudest", "safest", "richest",
	"sexiest", "prettiest", "smartest", "kindest", "funniest", "cleverest", NULL,
};

/* scorn: what, said of a person or their doing, puts them beneath me
 * (contempt) */
static const char *const scorn_words[] = {
	"idiot", "idiotic", "stupid", "dumb", "moron", "moronic", "pathetic", "loser", "ridiculous",
	"joke", "clown", "disgusting", "unbelievable", "psycho", "brat", "jerk", "fool", "foolish",
	"disgrace", "worthless", "laughable", "embarrassment", "imbecile", "dimwit", "dense",
	/* British and informal */
	"numpty", "muppet", "prat", "plonker", "pillock", "twit", "nitwit", "halfwit", "cretin",
	"buffoon", "dork", "doofus", "dumbass", "airhead", "dunce", "simpleton", "asshole",
	"arsehole", "dickhead", "knobhead", "prick", "bastard", "tosser", "wanker", "bitch",
	"eejit", "sook", "drongo", "galah", "dipstick", "git",
	/* general English scorn beyond the parts' words */
	"stupidest", "dumbest", "pitiful", "vile", "repulsive", "revolting", "contemptible",
	"despicable", "braindead", "brainless", "gormless", "witless", "dimwitted", "laughingstock",
	"cringey", "cringy", "cringeworthy",
	NULL,
};

/* traits: what, said as who a person is, pins a lasting fault on them
 * (a character attack) */
static const char *const trait_words[] = {
	"lazy", "selfish", "childish", "immature", "useless", "hopeless", "dramatic",
	"incompetent", "clueless", "ignorant", "liar", "coward", "failure", "mess", "baby", "child",
	"terrible", "irresponsible", "inconsiderate", "careless", "thoughtless", "negative",
	"stubborn", "mean", "rude", "heartless", "needy", "clingy", "controlling", "boring",
	"ungrateful", "insensitive", "spoilt", "spoiled", "unreliable", "arrogant", "hysterical",
	"paranoid", "cheap", "stingy", "slob", "nag", "snob", "hypocrite", "manipulative", "vain",
	"bossy", "possessive", "disorganised", "disorganized", "weak", "pushover",
	"self-centred", "self-centered", "centred", "centered", "absorbed", "narcissist", "narcissistic", "sloppy", "flaky",
	"unbearable", "impossible", "difficult", "awful", "horrible", "freak", "grump", "grumpy",
	"laziest", "meanest", "rudest", "slacker", "bully", "wimp", "disappointment", "queen", "cruel",
	"petty", "dishonest", "untrustworthy", "fake", "cheater", "nightmare", "monster", "pig",
	"tightwad", "miser", "scrooge", "greedy", "moody", "sneaky", "deceitful", "disloyal",
	"deadbeat", "layabout", "pushy", "whiny", "egotistical", "forgetful", "flake", "cheat",
	"martyr", "bludger", "dosser", "messiest", "untidiest", "stingiest", "grumpiest", "moodiest",
	"clumsiest", "selfishest", "flirt", "tactless", "hoarder", "quitter",
	/* the seventh fresh part's families (entitled, spineless, two-faced,
	 * bone idle, egoistic): traits from general English beyond them */
	"entitled", "spineless", "gutless", "twofaced", "backstabbing", "backstabber",
	"egoistic", "egotist", "egomaniac", "conceited", "smug", "pompous", "condescending",
	"patronising", "patronizing", "aggressive", "shallow", "materialistic", "feckless",
	"inept", "petulant", "whinger", "whinging", "moaner", "snide", "shady", "snake", "leech",
	"parasite", "sponger", "freeloader", "moocher", "scrounger", "waster", "fraud", "phoney",
	"phony", "bigot", "sexist", "misogynist", "chauvinist", "brute", "thug", "unhinged",
	"domineering", "overbearing", "infantile", "cowardly", "disrespectful", "unfaithful",
	"righteous", "sanctimonious", "preachy", "nosy",
	"nosey", "loudmouth", "knowall", "spendthrift", "fisted", "tightfisted",
	"skinflint", "cheapskate", "lazybones", "killjoy", "crybaby", "wuss", "sissy",
	"selfcentred", "selfcentered", NULL,
};

/* traits that also name a mood or a state ("are you cold?", "the room
 * is messy"): a character attack only in stronger frames, "why are you
 * so cold", "how can one person be this messy" */
static const char *const trait2_words[] = {
	"messy", "untidy", "distant", "touchy", "prickly", "critical", "judgemental",
	"judgmental", "uptight", "secretive", "snappy", "crabby", "cranky", "sulky", "sullen",
	"spiteful", "vindictive", "nasty", "harsh", "bitter", "defensive", "cagey", "aloof",
	"detached", "unfeeling", "callous", "tight", "helpless", NULL,
};

/* what, beside praise or thanks, makes it mock praise: a grievance ("home
 * at 3am, what a devoted husband", "I love sitting in the car for forty
 * minutes") */
static const char *const grievance_words[] = {
	"late", "later", "again", "hours", "hour", "minutes", "midnight", "1am", "2am", "3am", "4am",
	"5am", "forgot", "forgotten", "forgetting", "couch", "sofa", "phone", "asleep", "snoring",
	"pub", "golf", "footy", "fifa", "xbox", "playstation", "games", "gaming", "telly", "emails",
	"missing", "missed", "alone", "own", "ignored", "ignoring", "waiting", "waited", "washing",
	"ironing", "leftovers",
	"dishes", "sink", "mess", "empty", "bins", "socks", "towels", "laundry", "scroll",
	"scrolling", "ex", "cleaning", "clean", "tidying", "snore", "flooded", "overflowing", "broken", "sleeps", "sits", "exhausting",
	"leaves", NULL,
};

/* traits as nouns: "your selfishness" (a character attack) */
static const char *const trait_nouns[] = {
	"selfishness", "laziness", "stubbornness", "rudeness", "arrogance", "immaturity",
	"incompetence", "carelessness", "thoughtlessness", "negativity", "neediness", "dishonesty",
	"pettiness", "cruelty", "insensitivity", "ignorance", "cowardice", "childishness",
	"meanness", "stinginess", "sloppiness", "greed", "moodiness", "hypocrisy", "vanity",
	"self-centredness", "selfcentredness", NULL,
};

/* what may stand between "you are" and a trait: "you're such a slob",
 * "you are always so negative"; not "you are my baby" */
static const char *const intensifiers[] = {
	"so", "such", "a", "an", "really", "just", "always", "very", "being", "too", "completely",
	"totally", "utterly", "the", "most", "simply", "truly", "quite", "incredibly", "pretty",
	"plain", "bit", "little", "kind", "sort", "of", "ever", "still", "honestly", "seriously",
	"literally", "complete", "total", "absolute", "fierce", "big", "huge", "constantly", "then", "now",
	"selfish", "lazy", "rather", "somewhat", "more", "been", "getting", "feeling", "starting",
	"to", "feel", "also", "lot", "control", "drama", "self", "terribly", "awfully",
	"increasingly", "lowkey", "kinda", "compulsive", "pathological", "serial", "this", NULL,
};

/* what a person can be called, as in "you idiot" */
static const char *const name_words[] = {
	"idiot", "moron", "loser", "fool", "jerk", "clown", "brat", "baby", "liar", "coward",
	"imbecile", "dimwit", "slob", "nag", "bully", "wimp", "hypocrite", "grump", "slacker",
	"numpty", "muppet", "prat", "plonker", "pillock", "twit", "nitwit", "halfwit", "cretin",
	"buffoon", "dork", "doofus", "dumbass", "airhead", "dunce", "git", "asshole", "arsehole",
	"dickhead", "knobhead", "prick", "bastard", "tosser", "wanker", "bitch", "eejit", "sook", "lump", "dope",
	"drongo", "galah", "dipstick", "pig", "cow", NULL,
};

/* names meant as their opposite: "nice going, genius" */
static const char *const sarc_names[] = {
	"genius", "einstein", "sherlock", "champ", "mastermind", NULL,
};

/* ironic praise after "oh", "wow", "just": "oh great" */
static const char *const sarc_praise[] = {
	"great", "wonderful", "perfect", "brilliant", "fantastic", "lovely", "marvellous",
	"marvelous", "terrific", "fabulous", "super", "charming", "nice", "joy", NULL,
};

/* words after "should" that make it an invitation, not a demand: "you
 * should come", "you should see the garden" */
static const char *const should_invite[] = {
	"come", "taste", "join", "meet", "visit", "treat", "enjoy", NULL,
};

/* verbs after "should" that invite when something to enjoy follows: "you
 * should see the garden", "try this" (not "see a therapist", "try harder") */
static const char *const should_look[] = {
	"see", "watch", "hear", "read", "try", "listen", NULL,
};

/* words after "should" in the sentence that make it kind: "you should
 * come, it'll be fun", "you should be proud" */
static const char *const should_kind[] = {
	"fun", "enjoy", "love", "proud", "deserve", "deserved", "earned", "lovely", "delicious", "amazing",
	"beautiful", "worth", "gorgeous", "wonderful", "brilliant", "great", "easy", "celebrate",
	"unreal", "incredible", "fantastic", "awesome", "loved", "relax", "rest", "resting", "relaxing",
	"holiday", "happy", "smash", "nail", "ace",
	NULL,
};

/* what, after "you must", says what I guess rather than what I demand:
 * "you must be tired" */
static const char *const must_guess[] = {
	"be", "have", "think", "feel", "know", "mean", "want", "hate", "love", "miss", "find",
	"wonder", "get", "see", "like", NULL,
};

/* words before "you" that make "you need to" a condition or a clause about
 * something, not a demand: "if you need to talk", "everything you need to
 * know" */
static const char *const should_frames[] = {
	"if", "when", "whenever", "whatever", "anything", "everything", "what", "all", "unless",
	"as", "whether", "case", NULL,
};

/* feeling words a clean I-statement names, beyond the journal's vocabulary
 * (data/feelings.json, dy_feeling_known) */
static const char *const feeling_words[] = {
	"scared", "afraid", "tense", "upset", "uneasy", "stressed", "unsettled", "hurt", "sad",
	"lonely", "worried", "disconnected", "unheard", "ignored", "torn", "helpless", "unsure",
	"uncomfortable", "overwhelmed", "left", "excluded", "stuck", "exhausted", "rushed",
	"unappreciated", "invisible", "frightened", "disheartened", "neglected", "down", "low",
	"nervous", "concerned", "confused", "embarrassed", "frustrated", "grateful", "happy",
	"touched", "glad", "pressured", "judged", "dismissed", "unimportant", "alone", "unsafe",
	"shaky", "heartbroken", "anxious", "lost", "drained", "scattered", "irritated", "angry",
	"crushed", "gutted", "devastated", "humiliated", "belittled", "appreciated", "valued", "loved",
	"respected", "secure", "cared", "mortified", "deflated", "disappointed", "hopeless", "jealous",
	"insecure", "ashamed", "guilty", "resentful", "betrayed", "panicky", "flat", NULL,
};

/* words after "never" that make it kind: "you never fail to", "you never
 * complain", "you never have to", "you never hesitate to help" ("let" only
 * as "let me down", "miss" and "stop" only with nothing unkind after:
 * kind_after_never) */
static const char *const never_kind_words[] = {
	"forget", "forgets", "forgot", "fail", "fails", "failed", "complain", "complains",
	"complained", "judge", "judges", "judged", "disappointed", "hesitated",
	"disappoint", "disappoints", "surprising", "amazing", "impressing", "inspiring",
	"hesitate", "hesitates", "stress", "stresses", "happier", "lovelier", "prettier",
	"healthier", "sexier", NULL,
};

/* what makes "always" or "never miss a chance to" unkind besides @neg:
 * "you always think you know best", "you never miss a chance to criticise
 * me" */
static const char *const unkind_words[] = {
	"criticise", "criticize", "criticising", "criticizing", "complain", "complaining", "nag",
	"nagging", "mock", "mocking", "tease", "teasing", "interrupt", "interrupting", "remind",
	"correct", "correcting", "mistakes", "mistake", "ruin", "ruins", "blame", "point",
	"think", "thinks", "act", "acts", "pretend", "pretends", "expect", "expects", "insist",
	"insists", "worst", "brag", "boast", "argue", "fight", "push", "buttons", "disappoint",
	"annoy", "irritate", "aggravate", NULL,
};

/* words of @neg that are not unkind by themselves: "you always look
 * lovely", "you always put a smile on my face" */
static const char *const neg_but_plain[] = {"look", "put", "left", "miss", "lose", NULL};

/* causes of hurt, as in "I cried all night because you left", "because
 * you forgot the tickets, we missed the show" */
static const char *const hurt_words[] = {
	"cried", "cry", "crying", "tears", "sad", "angry", "mad", "furious", "upset", "miserable",
	"late", "missed", "lost", "stressed", "exhausted", "awake", "embarrassed", "humiliated",
	"hurt", "lonely", "trouble", "mess", "ruined", "worried", "anxious", "scared", "broke",
	"sick", "stuck", "stranded", "fired", "failed", "unhappy", "jealous", "ashamed",
	"frustrated", "furious", "heartbroken", "devastated", NULL,
};

/* what, after "oh great" or "nice of you to", says the praise is ironic:
 * a complaint about time, another mishap, "for nothing" */
static const char *const irony_words[] = {
	"again", "another", "more", "hours", "days", "weeks", "months", "ages", "years", "minutes",
	"finally", "eventually", "once", "late", "later", "nothing", "bother", "grace", "always",
	"never", "forgot", "forget", "forgetting", "broke", "broken", "burnt", "burned", "lost",
	"stuck", "spilled", "ruined", "wrong", "everyone", "everybody", NULL,
};

/* what, after "oh great" or "nice going", says it is meant: thanks, a
 * welcome, good news ("the package arrived") */
static const char *const sincere_words[] = {
	"thank", "thanks", "congratulations", "congrats", "love", "see", "glad", "happy", "proud",
	"welcome", "enjoy", "deserve", "deserved", "impressed", "thrilled", "excited", "arrived",
	"means", "relief", "relieved", "hoped", "hoping", "natural", "aced", "nailed",
	"won", "win", "passed", "clear", "engaged", "promoted", "hired", "accepted", "born",
	"pregnant", "raise", "bonus", "yes", NULL,
};

/* good news only with an exclamation: "oh great, you're home early!" */
static const char *const good_news_words[] = {
	"got", "made", "here", "home", "back", "coming", "came", "found", "fixed", "works",
	"working", "ready", "done", "finished", "open", "booked", "early", "job", "asleep", "safe",
	"fine", "better", "okay", "ok", "free", "friday", "weekend", "holiday", "holidays", "payday",
	"summer", NULL,
};

/* what, after "you make me feel like", says I am made less: "a stranger
 * in my own house", "a burden" (with @neg, @scorn and @trait) */
static const char *const lesser_words[] = {
	"stranger", "outsider", "burden", "nobody", "nothing", "servant", "maid", "slave", "lodger",
	"housemate", "flatmate", "roommate", "doormat", "afterthought", "criminal", "suspect",
	"villain", "nag", "idiot", "fool", "child", "intruder", "guest", "ghost", "option",
	"inconvenience", "nuisance", "failure", "joke", "mug", "pest", "second", NULL,
};

/* what, after "take your time, it's only", is too important to wait for:
 * "it's only our anniversary" */
static const char *const occasion_words[] = {
	"anniversary", "birthday", "wedding", "funeral", "christening", "graduation", "recital",
	"interview", "flight", "appointment", "concert", "exam", "surgery", "operation",
	"christmas", "mother", "mum", "mom", "dad", "father", "kids", "son", "daughter", "family",
	"job", "life", "lives", "party", "parents", NULL,
};

/* what, after "love coming home to", is a complaint: "a sink of dishes" */
static const char *const complaint_words[] = {
	"dishes", "dirty", "mess", "messy", "pile", "piles", "socks", "laundry", "towels", "bins",
	"trash", "rubbish", "garbage", "crumbs", "sink", "overflowing", "ignored", "snoring",
	"shouting", "clutter", "chaos", "nagging", "moaning", NULL,
};

/* what "the X of a Y" says is scorn when it is Y: "the emotional range of
 * a teaspoon", "the attention span of a goldfish" (not "the patience of a
 * saint") */
static const char *const unkind_images[] = {
	"teaspoon", "spoon", "goldfish", "gnat", "brick", "potato", "rock", "plank", "pig", "sloth",
	"slug", "toddler", "doorknob", "doormat", "wet", "dead", "damp", "lettuce", "turnip",
	"cabbage", "post", "stone", "fridge", "flea", "mayfly", "sheep", "donkey", "snail",
	"hamster", "amoeba", "pebble", "teabag", "tree", "log", "robot", "houseplant", "brat",
	"spoilt", "spoiled", "five", "child", "teenager", "baby", "troll", "walrus", "warthog",
	"rat", "weasel", "snake", "cardboard", "paper", "wall", NULL,
};

/* praise that, in "you're always so punctual, aren't you?", is meant as
 * its opposite */
static const char *const praise_adj[] = {
	"punctual", "helpful", "reliable", "thoughtful", "considerate", "organised", "organized",
	"clever", "smart", "generous", "tidy", "responsible", "romantic", "attentive", "supportive",
	"observant", "sensitive", "mature", "hilarious", "original", "understanding", "patient",
	"caring", "perfect", "obvious", "sunshine", "popular", "sensible", NULL,
};

static const char *const negators[] = {"not", "no", "never", "nobody", NULL};

static const char *const yes_no_starts[] = {
	"do", "does", "did", "are", "is", "was", "were", "would", "could", "can", "will", "have",
	"has", "should", "may", "might", "shall", NULL,
};

static bool
in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (**list == *w && strcmp(w, *list) == 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------- rules */

enum {
	NEG_BEFORE = 1 << 0,    /* no negator earlier in the clause */
	NEG_SKIPPED = 1 << 1,   /* no negator among the skipped words */
	NOT_QUESTION = 1 << 2,  /* not in a plain yes/no question */
	NEG_AFTER = 1 << 3,     /* a @neg word within 7 words after */
	NEG_IN_SENT = 1 << 4,   /* a @neg word somewhere in the sentence */
	YOU_IN_SENT = 1 << 5,   /* "your", or "you" not as an object ("of you", "see you"),
	                         * somewhere in the sentence */
	KIND_ALWAYS = 1 << 6,   /* not when kind words follow (and no "have to") */
	KIND_NEVER = 1 << 7,    /* not "never forget", "never have to", ... */
	NOT_AFTER_DO = 1 << 8,  /* not "do you think" */
	SENT_START = 1 << 9,    /* only as the sentence's first words */
	CRITICAL_AFTER = 1 << 10, /* a criticism after: @neg, always, never */
	CLAUSE_ALONE = 1 << 11, /* the match is its whole clause: "whatever." */
	KIND_SHOULD = 1 << 12,  /* not an invitation: "you should come, it'll be fun" */
	NOT_FRAMED = 1 << 13,   /* not "if you need to", "everything you need to" */
	MUST_DEMAND = 1 << 14,  /* not "you must be tired" */
	SINCERE = 1 << 15,      /* not when thanks or a welcome follow: "oh great, see you then" */
	GOOD_NEWS = 1 << 16,    /* not when thanks or good news follow and no irony does:
	                         * "oh great, the package arrived!" */
	IRONIC = 1 << 17,       /* only with irony after: "nice of you to call after two days" */
	BURDEN = 1 << 18,       /* only with a burden in the sentence: @neg, "have to", "again" */
	NO_PRAISE = 1 << 19,    /* not when kind words follow: "wow, thanks for the help, you're
	                         * amazing" */
	OWN_CLAUSE = 1 << 20,   /* the match's last two words are a clause of their own:
	                         * "thanks a lot, really helpful" */
	LAST_AFFIRMED = 1 << 26, /* no negator just before the last word: not "because you're
	                          * here, I'm not scared" */
	NOT_OBLIGED = 1 << 25,  /* not "you don't need to bring anything" */
	GOOD_FEELING = 1 << 24, /* not when a good feeling follows and nothing unkind:
	                         * "every time you hug me I feel safe" */
	OFFER = 1 << 22,        /* not an offer: "whenever you're ready" */
	ENDS_SENT = 1 << 23,    /* the match ends the sentence: "sure you were." */
	CONTINUES = 1 << 21,    /* the clause goes on after the match: "I feel you never...",
	                         * not "I feel you, that sounds awful" */
	UNKIND_IMAGE = 1 << 27, /* "the X of a Y" where Y is scorn: not "the patience of a
	                         * saint" */
	CLAUSE_END = 1 << 28,   /* the match ends its clause: "lovely for some." (or "eh") */
	TEASING = 1 << 29,      /* not in joy: "shut up, you got the job?! so proud of you!" */
	STATEMENT = 1 << 30,    /* the sentence does not end with '?' */
};

/* more guards, beyond an int */
#define GUARD(n) (UINT64_C(1) << (n))
#define GRIEVANCE GUARD(31)      /* a @grievance in the sentence or the one before, and no
                                  * thanks: "home at 3am, what a devoted husband" */
#define GRIEVANCE_AFTER GUARD(32) /* a @grievance after the match in the sentence */
#define FUNNY GUARD(33)          /* "funny how X before you": X was good before, or
                                  * something goes wrong only when you */
#define PARTNER_JAB GUARD(34)    /* "a partner who sits on the couch": said by me, of a
                                  * grievance, with no praise */
#define ANSWERS_WHO GUARD(35)    /* the answer to "who forgot...?", "whose idea...?" */
#define PREV_THANKS GUARD(36)    /* thanks or praise in the sentence before */
#define SCARE_QUOTE GUARD(37)    /* said to the partner, not reported speech */
#define NOT_FOR GUARD(38)        /* "for" does not follow: not "bless your heart for ..." */
#define KIND_INSIDE GUARD(39)    /* no kind word among the matched words */
#define NOT_TIMED GUARD(40)      /* not "it's time you started" */
#define NOT_LOOK GUARD(41)       /* not "you look wrecked" */
#define KIND_TRY GUARD(42)       /* not "trying to help" */
#define LOGISTICS GUARD(43)      /* not "you'll need to bring a jacket" */
#define UNKIND_SENT GUARD(44)    /* something unkind in the sentence */
#define NO_JOY GUARD(45)         /* no thanks, joy or praise after the match: "you wore me out
                                  * on that hike, it was brilliant" */
#define NOT_NAME_AFTER GUARD(46) /* not before a name: "you spoilt brat" */
#define NOT_REPORTED GUARD(47)   /* not what they think: "you think you did nothing wrong" */
#define NOT_CHILLY GUARD(48)     /* not the weather: "you're so cold, want my jumper?" */
#define NOT_WRONG GUARD(50)       /* "wrong" does not follow: not "you did nothing wrong" */
#define NOT_OBJECT GUARD(49)     /* "you" not an object: not "with you always", "love you
                                  * always" */

struct rule {
	const char *pattern;
	uint64_t guards;
};

static const struct rule blame_rules[] = {
	{"you ~2 make|made|makes|making|keep|kept ?making me", NEG_BEFORE | NEG_SKIPPED | NEG_AFTER},
	{"your ~1 fault", NEG_BEFORE},
	{"because of you", NEG_BEFORE},
	{"thanks to you", NEG_BEFORE | BURDEN},
	{"you ~2 ruin|ruined|ruins|ruining|wreck|wrecked|destroy|destroyed|broke|broken",
	 NEG_BEFORE | NEG_SKIPPED | NOT_LOOK},
	{"you ?have|had|just|really spoil|spoiled|spoilt", NEG_BEFORE | NOT_NAME_AFTER},
	{"you are|were the reason", NEG_BEFORE},
	{"you are to blame", NEG_BEFORE},
	{"blame you", NEG_BEFORE},
	{"you are|were ~1 why", NEG_BEFORE | CRITICAL_AFTER},
	{"because of your", NEG_IN_SENT},
	{"you ?have cause|caused", NEG_BEFORE},
	/* "you started it", "you started the fight" (not "you started the new
	 * job", "it's time you started helping") */
	{"you ?have started it|this|that|shouting|yelling|screaming|on|all", NEG_BEFORE | NOT_TIMED},
	{"you ?have started ~3 fight|row|argument|mess|drama|trouble|rumour|rumor|war|trouble",
	 NEG_BEFORE | NOT_TIMED},
	{"because of what|how you", NEG_IN_SENT},
	{"you ~3 turned|turn|turns|turning ~3 against me|us", NEG_BEFORE | NEG_SKIPPED},
	{"your ~2 is|are|was|were|has|have ~1 ruined|ruining|ruins|destroyed|destroying|wrecked|"
	 "wrecking|killing|spoiled|spoiling|spoilt", NEG_BEFORE | NEG_SKIPPED},
	{"look what you", 0},
	{"this is on you", NEG_BEFORE},
	/* "that's on you", "that one's on you" */
	{"that is|was ~1 on you", NEG_BEFORE | BURDEN},
	{"that one ?is|was ~1 on you", NEG_BEFORE | BURDEN},
	/* "thanks to your shouting I've had a headache all day" */
	{"thanks to your", NEG_BEFORE | BURDEN},
	/* "because SOMEONE used the last of the milk" */
	{"@someone", BURDEN},
	/* "you make me feel like a stranger in my own house" */
	{"you ~2 make|made|makes|making me|us feel|look|sound like|as ~~6 @lesser|@neg|@scorn|@trait",
	 NEG_BEFORE | NEG_SKIPPED},
	/* "you're the one who left the gate open" */
	{"you are|were the one who|that ~1 left|forgot|forgotten|lost|broke|started|ruined|spent|"
	 "cheated|lied|insisted|messed|crashed|dropped|missed|wanted|moved|cancelled|canceled",
	 NEG_BEFORE},
	/* "you've made a right mess of the day" */
	{"you ~2 made|make|makes|making a|such ~2 mess|hash|muck|shambles", NEG_BEFORE | NEG_SKIPPED},
	{"is|was all|totally|entirely|completely on you", NEG_BEFORE},
	/* "you're making this so hard for me", "you've made everything worse" */
	{"you ~2 make|made|makes|making this|it|everything|things|life|my ~3 hard|harder|difficult|"
	 "impossible|worse|unbearable|miserable|hell", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 hurt me|my", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 embarrassed|humiliated|stressed|upset|scared|frightened|insulted|disrespected|"
	 "belittled|betrayed|abandoned|shamed|humiliate|embarrass me|us", NEG_BEFORE | NEG_SKIPPED},
	{"you drive|drove|are|were ?driving me crazy|mad|nuts|insane", NEG_BEFORE},
	{"you ~2 drive|drives|drove|driving me|us mental|bananas|spare|potty|demented|bonkers|batty|"
	 "crackers", NEG_BEFORE | NEG_SKIPPED},
	{"you have made my life", NEG_BEFORE},
	{"i am|feel|felt|get ~3 @neg ~~8 because you", NEG_BEFORE},
	/* causes: "I cried all night because you left", "because you forgot
	 * the tickets, we missed the show" */
	{"@hurt ~~8 because you", NEG_BEFORE},
	{"because you ~~10 @hurt", SENT_START | LAST_AFFIRMED},
	{"headache|migraine ~~8 because you", NEG_BEFORE},
	{"not ~1 sleep|concentrate|focus|relax|breathe|think|work|rest ~~8 because you", 0},
	{"because you ~~10 can|could not", SENT_START},
	/* what would not have happened: "if you'd paid on time we wouldn't be
	 * in this mess", "had you told me, we wouldn't be fighting" */
	{"if you ~~10 would not|never", 0},
	{"had you ~~10 would not|never", SENT_START},
	{"would not ~~6 if you", 0},
	/* what I was put through: "you got me into this", "you made me wait" */
	{"you ~1 got|get|gets|dragged|drag|drags|landed|land|lands me|us into|in this|that|trouble|"
	 "debt|it", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 got|get|gets me|us fired|sacked|arrested|kicked|banned|thrown|evicted|caught|hurt",
	 NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 dragged|drag|drags me|us", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 put|putting me|us in ~3 position|situation|spot", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 let|letting me|us down", NEG_BEFORE | NEG_SKIPPED},
	{"you ~1 made|make|makes me|us do|wait|lie|cancel|leave|quit|pay|apologise|apologize|skip|miss|"
	 "give|sell|drop|walk|redo|late", NEG_BEFORE | NEG_SKIPPED},
	/* a feeling that is a verdict: "I feel like you betrayed me", "I feel
	 * you don't take me seriously" */
	{"feel|felt that|like you", NEG_BEFORE | CRITICAL_AFTER},
	{"i feel|felt you", NEG_BEFORE | CRITICAL_AFTER | CONTINUES},
	/* the families the fifth fresh part showed. Worn down: "you stress
	 * me out", "you're wearing me down", "you drive me up the wall", "you
	 * do my head in", "you get on my nerves" */
	{"you ~3 stress|stressing|stresses|wear|wearing|wore|worn|wears|tire|tiring|tires|wind|winding|"
	 "winds|wound me|us out|down|up", NEG_BEFORE | NEG_SKIPPED | NO_JOY},
	{"you ~3 wreck|wrecking|wrecked|melt|melting my head", NEG_BEFORE | NEG_SKIPPED},
	{"you ~2 had|have|got|gets|get|keep|kept me|us ~1 stressed|worried|anxious|frantic|panicking|"
	 "crying|awake", NEG_BEFORE | NEG_SKIPPED | NO_JOY},
	{"how to wind|push me|my up|buttons", YOU_IN_SENT},
	{"you ~2 give|giving|gave|gives|given me|us ~1 headache|migraine|ulcer|anxiety", NEG_BEFORE |
	 NEG_SKIPPED},
	{"you ~2 exhaust|exhausting|exhausted|exhausts me|us", NEG_BEFORE | NEG_SKIPPED | NO_JOY},
	{"you ~2 drive|driving|drove|drives me|us up|round|around|to ~1 wall|bend|twist|distraction|"
	 "drink|despair|tears", NEG_BEFORE | NEG_SKIPPED},
	{"you ~2 do|doing|did|done|does my head in", NEG_BEFORE | NEG_SKIPPED},
	{"you ~2 get|getting|got|gets on my ~1 nerves|nerve|wick|tits", NEG_BEFORE | NEG_SKIPPED},
	/* "whose fault is it that we're broke?", "guess whose fault it is",
	 * and the answer to "whose idea was it?" or "who forgot?": "not mine" */
	{"?and|so|but|well|now whose ~1 fault is|was|would|will", SENT_START},
	{"guess|know|knows|knew|wonder whose ~1 fault", NEG_BEFORE},
	{"?certainly|definitely|well|obviously|clearly|sure|hint not mine|me", SENT_START | ANSWERS_WHO},
	{"yours|you", SENT_START | ENDS_SENT | ANSWERS_WHO},
	/* "you're the one who turned the weekend into a disaster" */
	{"you are|were the one who|that ~1 turned|made|decided|invited|said|booked|picked|chose|"
	 "brought|told|agreed|promised|suggested|organised|organized|planned|kept|ignored|refused|"
	 "walked|stormed|shouted|yelled|slammed|got|wrecked|spoiled|spoilt|ruined",
	 NEG_BEFORE | BURDEN | NO_JOY},
	/* "you make the whole house miserable", "you make everyone tense" */
	{"you ~2 make|made|makes|making everyone|everybody|the|this|our|family|christmas|them|all|"
	 "every ~5 @neg|@hurt|tense|awkward|unbearable|nightmare|prison|hell|misery|battlefield|"
	 "eggshells|unhappy|uncomfortable|uneasy|edgy|jumpy", NEG_BEFORE | NEG_SKIPPED | KIND_INSIDE},
	/* "funny how the house was tidy before you moved in" */
	{"funny|strange|odd|weird|curious|interesting how ~~12 before|until|till|since|when|whenever|"
	 "time you|your", FUNNY},
	/* "... with a partner who sits on the couch" */
	{"?a|an|some partner|husband|wife|boyfriend|girlfriend|man|woman|bloke|fella|guy|someone|"
	 "somebody|person|fiance|fiancee|hubby|missus who|that", PARTNER_JAB},
	/* a judgement dressed as a feeling: "I felt that you'd made the
	 * decision without me", "I feel like you put your friends before me" */
	{"feel|felt that|like you ~~10 without|behind|instead|excluded", NEG_BEFORE},
	{"feel|felt that|like you ~~8 over|before me|us", NEG_BEFORE},
	{"feel|felt that|like you ~~4 rather|sooner ~~10 than|anywhere|elsewhere|but", NEG_BEFORE},
	{"feel|felt that|like you ~~8 more ~~6 than ~2 me|us|family|kids", NEG_BEFORE},
	{"feel|felt that|like you ~3 decided|sided for|without|against|with|on|behind", NEG_BEFORE},
	{"feel|felt that|like you ~3 made up your ~1 mind", NEG_BEFORE},
	{"i feel|felt you ~~10 without|behind|instead", NEG_BEFORE},
	{"i feel|felt you ~3 decided|sided for|without|against|with|on|behind", NEG_BEFORE},
	/* the eighth fresh part's families: "the only reason I'm this stressed
	 * is you", "you got me so worked up", "if you'd just listened we'd be
	 * home", "because you were useless I had to", "whenever you sulk it
	 * ruins the evening" */
	{"only reason ~~8 is|was ~2 you", NEG_IN_SENT},
	{"you ~1 got|get|gets me ~2 worked|wound up", NEG_BEFORE},
	{"if you would|had just|only ~~10 would", 0},
	{"because you ~~10 i had to", SENT_START},
	{"whenever|when you ~~8 it ruins|ruined|spoils|spoiled|wrecks|wrecked|kills|killed", 0},
	{"every time you ~~8 it ruins|ruined|spoils|spoiled|wrecks|wrecked|kills|killed", 0},
	/* the ninth fresh part's families: "this miserable weekend is on you",
	 * "thanks to your little stunt", "the reason I snapped is you", "you've
	 * turned me into someone who...", "you are giving me so much tension",
	 * "still shaking after the way you spoke to me" */
	{"is|was on you", ENDS_SENT | NEG_IN_SENT},
	{"thanks to your", BURDEN},
	{"reason i ~~8 is|was you|your", NEG_IN_SENT},
	{"you ~1 have|has turned me into", NO_JOY},
	{"you ~1 are|keep|kept giving me ~3 tension|stress|headache|headaches|grief|anxiety", NEG_BEFORE},
	{"after|since|from the way you spoke|talked|treated|behaved|acted|shouted", 0},
	/* the tenth fresh part's families: "because of your little
	 * performance", "if you'd kept your mouth shut we'd still be
	 * friends", "if I wasn't constantly cleaning up after you", "thanks for
	 * ruining my night" */
	{"because of your little|stupid|bloody|silly", 0},
	{"if you had ~~10 would still", 0},
	{"if i was|were|had not ~~6 after you", 0},
	{"if i was|were|had not ~~6 because of you", 0},
	{"thanks|thank|cheers ?you for ruining|wrecking|spoiling|destroying", 0},
	/* the eleventh fresh part's families: "a migraine from listening to
	 * you", "it was you who got us lost", "you had me on edge" */
	{"headache|migraine ~~6 from ~3 you|your", 0},
	{"it was|is you who|that ~2 got|lost|broke|forgot|started|ruined|left|spent|crashed", 0},
	{"you ~1 had|have|got|get|keep|kept me on edge", NEG_BEFORE},
	/* the twelfth fresh part's families: "I told you to and you didn't",
	 * "I can't relax with you stomping around", "after what you said",
	 * "you put me in a terrible mood", "I'm the one who has to fix it",
	 * "you turned a nice Sunday into a fight", "miserable living with you" */
	{"i told you to ~~8 and you did not", 0},
	{"can not relax|sleep|think|breathe|rest ~~6 with you", 0},
	{"after what you ~1 said|did|told", NEG_IN_SENT},
	{"you ~1 put|puts me in a @neg|foul|rotten|filthy|grumpy|horrible|awful mood", NEG_BEFORE},
	{"i am the one who has|had to", YOU_IN_SENT},
	{"i am the one ~1 stuck|left", YOU_IN_SENT},
	{"you ~1 turned|turn|turns ~~4 into a ~1 fight|row|nightmare|disaster|mess|argument|circus",
	 NEG_BEFORE},
	{"miserable|unhappy|lonely|exhausted|stressed living with you", 0},
	/* the thirteenth fresh part's families: "because somebody had to
	 * finish their game", "wonder who went out last", "we wouldn't be
	 * broke if somebody hadn't...", "it's on you that...", "the minute
	 * you decided to...", "now I'm the one who looks bad", "you should've
	 * checked, now I'm stuck" */
	{"because|cos|coz|cause|bc someone|somebody had to", 0},
	{"because|cos|coz|cause|bc someone|somebody ~1 left|forgot|decided|lost|broke|took|ate|used|"
	 "finished|parked|drove|spent|drank|threw|let", 0},
	{"wonder|guess who ~1 left|forgot|took|ate|used|broke|finished|drank|lost|went|was ~~2 last", 0},
	{"wonder|guess who ~1 left|forgot|took|ate|used|broke|finished|drank|lost", ENDS_SENT},
	{"would|could ~~8 if someone|somebody|you had not", NO_JOY},
	{"would not ~~8 if someone|somebody|you had", NO_JOY},
	{"it is|was ~1 on you that", NEG_BEFORE | NEG_SKIPPED},
	{"that is|was ~1 on you", CLAUSE_END | NOT_QUESTION},
	{"downhill|sideways|wrong|south ~~6 the minute|moment|second you", 0},
	{"now i am the one who|that", 0},
	{"i am the one who looks|look|sounds|seems", YOU_IN_SENT},
	{"now ~3 thinks|think|reckons i am", NO_JOY},
	{"thanks to that|this|those ~1 message|email|text|comment|stunt|joke|remark|post|call|"
	 "comments|remarks|messages", BURDEN},
	{"you should|ought ?to have ~~10 now i|we", 0},
	/* the fourteenth fresh part's families: "because someone couldn't be
	 * bothered", "that's what happens when someone...", "the whole house
	 * suffers", "we both know why", "if we miss it it's on you", "remember
	 * who kept me up", "your laziness is the reason", "you've got me in a
	 * state", "you've made me a laughing stock" */
	{"because|cos|coz|cause|bc someone|somebody could|would|did|was|is|has|had not", 0},
	{"because|cos|coz|cause|bc someone|somebody", NEG_IN_SENT | NO_JOY},
	{"that is|is what happens when you|someone|somebody", 0},
	{"whenever|when you ~~10 suffers|suffer|suffered|tiptoes|tiptoe|eggshells", 0},
	{"every time you ~~10 suffers|suffer|suffered|tiptoes|tiptoe|eggshells", 0},
	{"we both know why|who", 0},
	{"if we|i ~~10 is|be|was on you", NEG_BEFORE},
	{"remember who|whose ~1 kept|made|woke|left|forgot|started|fault|idea", 0},
	{"your ~2 is|was|are the ~1 reason|cause", NEG_IN_SENT | NO_JOY},
	{"you ~1 have|has ~1 got|get|gets|had me in ~3 state|mess|tizzy|panic|flap", NEG_BEFORE},
	{"you ~2 made me ~1 the|a|look ~1 laughing|joke|fool|idiot|mug", NEG_BEFORE},
};

static const struct rule absolute_rules[] = {
	{"you ~3 always|constantly|continually", NEG_BEFORE | NOT_QUESTION | KIND_ALWAYS | NOT_OBJECT},
	/* "you're forever complaining", not "you took forever" */
	{"you are|were ~1 forever", NEG_BEFORE | NOT_QUESTION | KIND_ALWAYS},
	{"you ~3 never", NEG_BEFORE | NOT_QUESTION | KIND_NEVER},
	{"every|each ?single time", YOU_IN_SENT | NOT_QUESTION | GOOD_FEELING},
	/* "every single weekend you're out", not "every night you kiss me" */
	{"every|each ?single day|night|weekend|morning|evening|week|holiday|birthday|christmas",
	 SENT_START | YOU_IN_SENT | NOT_QUESTION | GOOD_FEELING | KIND_ALWAYS},
	{"whenever", YOU_IN_SENT | NOT_QUESTION | OFFER | GOOD_FEELING},
	{"all you ever", 0},
	{"you only ever", 0},
	{"not once", YOU_IN_SENT},
	{"you do|did|can|could|will|would not ever", NOT_QUESTION},
	/* "why can't you ever say sorry?" */
	{"why do|does|did|can|could|will|would not you ever", 0},
	/* "why are you so cold all the time?" */
	{"you ~~6 all the ?bloody|damn|flaming|flipping|blooming time", NEG_BEFORE | UNKIND_SENT},
	{"you ~2 do|did nothing", NEG_BEFORE | NOT_QUESTION | NOT_REPORTED | NOT_WRONG},
	{"you ~1 forget|forgot everything", NEG_BEFORE | NOT_QUESTION},
	{"you do|did not ~3 anything", NEG_BEFORE | NOT_QUESTION | NOT_OBLIGED},
	/* the eighth fresh part's families: "nothing I do is ever enough",
	 * "for once in your life", "the same every weekend", "like always" */
	{"nothing i ~2 do|did|say|said|make|made ~~4 ever ~1 enough", 0},
	{"nothing i ~2 do|did|say|said|make|made ~~4 ever ~1 good|right|enough", 0},
	{"for once in your life", 0},
	{"same every|each ~1 weekend|night|day|time|week|morning|evening|year|sunday|saturday|"
	 "friday|christmas", YOU_IN_SENT},
	{"like always", CLAUSE_ALONE},
	/* the ninth fresh part's families: "every single one of her games",
	 * "a bludger, always have been" */
	{"every single one", YOU_IN_SENT},
	{"always have been", ENDS_SENT | UNKIND_SENT},
	/* the tenth fresh part's families: "we always end up doing what you
	 * want", "not one anniversary have you remembered" */
	{"always end up", YOU_IN_SENT},
	{"only ever", YOU_IN_SENT},
	{"not one|once ~3 have|did you", 0},
	/* the eleventh fresh part's families: "late to literally everything",
	 * "there's never a day you don't moan" */
	{"literally everything|every|everyone|everybody", YOU_IN_SENT | UNKIND_SENT},
	{"never a day|night|week|time ~2 you ~1 do not", 0},
	/* the twelfth fresh part's families: "without fail", "not one time",
	 * "not a single weekend", "any time money comes up you...", "always
	 * me who", "every birthday I end up...", "it's every night", "nobody
	 * ever ... except me" */
	{"without fail", YOU_IN_SENT},
	{"not ~3 one time", YOU_IN_SENT},
	{"not ~3 a single", YOU_IN_SENT},
	{"any time ~~4 comes up|happens ~1 you", 0},
	{"always me who|that", 0},
	{"every ~2 i end up", 0},
	{"it is every night|day|morning|weekend|time", SENT_START},
	{"nobody ~~4 ever ~~6 except|but me", 0},
	{"no one ~~4 ever ~~6 except|but me", 0},
	/* the fourteenth fresh part's families: "you're on your phone the
	 * entire time we're together", "same thing every night" */
	{"the whole|entire time ~2 we|i", YOU_IN_SENT | NOT_QUESTION | NO_JOY},
	{"same ~1 thing|story|routine every ~1 night|day|time|morning|evening|weekend|week", 0},
};

static const struct rule mind_rules[] = {
	{"you ~2 not|never ~1 care|love|respect|value|trust|appreciate|want|like|wanted|cared|loved|"
	 "liked",
	 NEG_BEFORE | NOT_QUESTION},
	{"you could not care less", NOT_QUESTION},
	{"you ~2 only|just|obviously|clearly|secretly ~1 want|wants|wanted|care|cares|trying|saying",
	 NEG_BEFORE | NOT_QUESTION | KIND_TRY},
	{"you want|wants|wanted me to", NEG_BEFORE | NOT_QUESTION | NOT_FRAMED | NO_JOY},
	{"you want|wants to control|win|hurt|punish|leave|break|end|escape|cheat", NEG_BEFORE |
	 NOT_QUESTION},
	{"on purpose", NEG_BEFORE | YOU_IN_SENT | NOT_QUESTION},
	{"deliberately|intentionally", NEG_BEFORE | YOU_IN_SENT | NOT_QUESTION},
	{"you ~2 trying to", NEG_BEFORE | NEG_SKIPPED | NOT_QUESTION | KIND_TRY},
	{"you ~2 pretending", NEG_BEFORE | NOT_QUESTION},
	{"you ~1 think|thought i|you", NEG_BEFORE | NOT_QUESTION | NOT_AFTER_DO},
	{"you must think", NEG_BEFORE | NOT_QUESTION},
	{"you know exactly", NEG_BEFORE | NOT_QUESTION},
	{"you knew ~2 would", NEG_BEFORE | NOT_QUESTION},
	{"you meant to", NEG_BEFORE | NOT_QUESTION},
	{"you ~4 to punish|hurt|annoy|embarrass|upset|humiliate me", NEG_BEFORE | NEG_SKIPPED |
	 NOT_QUESTION},
	{"you are|were ~1 not ~1 interested", NEG_BEFORE | NOT_QUESTION},
	{"you ?are|were secretly", NEG_BEFORE | NOT_QUESTION},
	/* telling them what they feel: "you're just jealous" */
	{"you are|were just|only|obviously|clearly|simply|secretly ~1 jealous|scared|afraid|bitter|"
	 "insecure|threatened|guilty|defensive|angry|upset|bored", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~1 only|just doing this|that|it to", NEG_BEFORE | NOT_QUESTION},
	{"i can tell you", NEG_BEFORE},
	{"i know you are|were only|just", NEG_BEFORE | KIND_TRY},
	{"obviously|clearly you", NEG_BEFORE | NOT_QUESTION},
	{"you are only with me because|for", NEG_BEFORE},
	{"you ~3 looking|look|looked for an|a excuse|reason|fight", NEG_BEFORE | NOT_QUESTION},
	{"i know ~1 what you are|were ~1 thinking|planning|doing|up", NEG_BEFORE},
	{"i know what you think", NEG_BEFORE},
	{"i bet you ~3 happy|glad|pleased|satisfied|proud ~1 now|of", NEG_BEFORE},
	/* motives: "you only offered so you'd look good", "you just said it to
	 * shut me up" */
	{"you ~1 only|just said|did|came|called|offered|apologised|apologized|agreed|asked|helped|"
	 "bought|stayed|went|married|texted|cooked|cleaned|proposed|rang|phoned|cried|smiled|"
	 "laughed|listened ~4 so|because", NEG_BEFORE | NOT_QUESTION},
	{"you ~1 only|just said|did|came|called|offered|apologised|apologized|agreed|asked|helped|"
	 "bought|stayed|went|married|texted|cooked|cleaned|proposed|rang|phoned|cried|smiled|"
	 "laughed|listened ~4 to shut|look|impress|avoid|win|score|cover|get|keep|save|make|please|"
	 "stop|guilt|end", NEG_BEFORE | NOT_QUESTION},
	/* "you'd rather be at the pub than with me" */
	{"you would rather|sooner ~~10 than ~~4 me|us|home|here|family|kids|our|my|with|anywhere",
	 NEG_BEFORE | NOT_QUESTION | NOT_FRAMED},
	/* "deep down you know I'm right" (not "deep down you're a softie") */
	{"deep down ~1 you know|knew|want|wanted|wish|blame|blamed|resent|resented|hate|hated|think|"
	 "thought|still|regret|do|did|would|never|always", NOT_QUESTION | NO_PRAISE},
	{"deep down ~1 you are|were ~1 jealous|glad|relieved|angry|happy|scared|ashamed|terrified|"
	 "bitter|furious|in", NOT_QUESTION},
	{"you ~1 know|knew|want|wanted deep down", NEG_BEFORE | NOT_QUESTION},
	/* "you're only nice to me when you want something" */
	{"you ~2 only ~6 when|if you want|need|wanted|needed", NEG_BEFORE | NOT_QUESTION},
	{"you ~2 only ~6 when|if it suits|suited", NEG_BEFORE | NOT_QUESTION},
	{"you ~2 only ~6 when|if you are bored|lonely|drunk|guilty", NEG_BEFORE | NOT_QUESTION},
	/* "you enjoy watching me squirm" */
	{"you ~1 enjoy|enjoyed|love|loved|like|liked seeing|watching|making me|us ~1 squirm|suffer|"
	 "beg|struggle|grovel|wait|cry|fail|sweat|panic|jealous|miserable|upset",
	 NEG_BEFORE | NOT_QUESTION},
	{"you get|got a kick out of", NEG_BEFORE | NOT_QUESTION},
	/* "you always assume I'm wrong" */
	{"you ~3 assume|assumes|assumed i|that|the|me|we|everyone|it", NEG_BEFORE | NOT_QUESTION},
	/* "don't pretend you weren't glad", "you pretend to listen" */
	{"do not pretend|act ?like|as ?if you", SENT_START},
	{"you ~1 pretend|pretended|pretends to", NEG_BEFORE | NOT_QUESTION},
	/* "you're not even sorry", "you're just annoyed you got caught" */
	{"you are|were not even sorry|bothered|listening|trying|interested", NOT_QUESTION},
	{"you are|were just|only annoyed|embarrassed|sorry|mad|sulking", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~1 jealous|envious of", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~1 punishing|testing|baiting|provoking me|us", NEG_BEFORE | NOT_QUESTION},
	/* "you don't think anything I say matters" */
	{"you do|did not think ~~5 matter|matters|mattered|important|count|counts", NOT_QUESTION},
	/* "admit it, you're glad I'm not coming" */
	{"admit ?it ~~2 you are|were ?just|only|secretly|really|so glad|relieved|jealous|happy|"
	 "pleased|bored|embarrassed|ashamed|annoyed|sick|tired|done|scared|angry|bitter|envious", 0},
	{"admit ?it|that ~~2 you ~1 want|wanted|prefer|preferred|hate|hated|resent|resented|blame|"
	 "blamed|never|did|would|were|do", 0},
	/* "you'd rather be anywhere but here", "you meant it as a dig" */
	{"you would rather|sooner ~~3 be ~~2 anywhere|elsewhere", NEG_BEFORE | NOT_QUESTION | NOT_FRAMED},
	{"you ~1 meant|said|did|do|mean|say it|that|this as a dig|jab|insult|joke|threat", NEG_BEFORE |
	 NOT_QUESTION},
	/* "you're embarrassed of me", "you're bored of me" */
	{"you are|were ~1 embarrassed|ashamed|bored|sick|tired of|by me|us", NEG_BEFORE | NEG_SKIPPED |
	 NOT_QUESTION},
	/* "you care more about your phone than about me" */
	{"you ~2 care|cares|cared|love|loves|loved ~1 more about ~~6 than ~2 me|us", NEG_BEFORE |
	 NOT_QUESTION},
	/* the eighth fresh part's families: "you're a liar and you know it",
	 * "you make me feel worthless and you enjoy it", "you're not sorry,
	 * you're sorry you got caught" */
	{"and you know it|that", UNKIND_SENT | ENDS_SENT},
	{"and you enjoy|love it|that|this", UNKIND_SENT | ENDS_SENT},
	{"you are not sorry", SENT_START | STATEMENT},
	{"you are only|just sorry", SENT_START | STATEMENT},
	/* the ninth fresh part's families: "you knew full well", "you don't
	 * find me attractive anymore", "her opinion matters more to you than
	 * mine", "because you're hiding something" */
	{"you knew full well", 0},
	{"knowing full well", YOU_IN_SENT},
	{"you do not find me ~1 attractive|sexy|interesting|funny|beautiful|desirable", NOT_QUESTION},
	{"matters|mean|means|matter ~1 more to you than", 0},
	{"because you are hiding", 0},
	{"you are hiding something", NOT_QUESTION},
	/* the tenth fresh part's families: "you're only ever nice when you
	 * want something", "you've already decided", "you're still hung up on
	 * her", "your 'forgetting' was very deliberate" */
	{"only ~1 nice|sweet|kind|affectionate|romantic|nice when you want", 0},
	{"you have already decided|made", NOT_QUESTION},
	{"you are still hung up on", NOT_QUESTION},
	{"you are still in love with", NOT_QUESTION},
	{"was|were ~2 deliberate|intentional", YOU_IN_SENT},
	/* the eleventh fresh part's families: "you think my family is beneath
	 * you", "you forgot because it wasn't important to you" */
	{"think ~~6 beneath you", YOU_IN_SENT},
	{"because ~3 was|is|were not important|worth ~2 to you", 0},
	/* the twelfth fresh part's families: "you're embarrassed to be seen
	 * with me", "to make a point", "you like it when I'm the one who...",
	 * "the only reason you want it is so...", "to keep me quiet", "not
	 * because you meant it", "you love playing the victim" */
	{"you are embarrassed|ashamed to be seen with me", NOT_QUESTION},
	{"you are embarrassed|ashamed of me", NOT_QUESTION},
	{"to make a point", YOU_IN_SENT},
	{"you like|love it when i am the one", 0},
	{"only reason you ~~8 is|so", 0},
	{"to keep me quiet|happy|sweet", YOU_IN_SENT},
	{"not because you meant|care|cared|wanted", 0},
	{"you love|like|enjoy playing the victim|martyr", 0},
	/* the thirteenth fresh part's families: "you think your job matters
	 * more than mine", "you were glad, admit it", "because you trust her
	 * more than me", "too selfish to even want to", "like you'd even
	 * notice" */
	{"you think|reckon|believe ~~6 more|less than mine|me|i|my", NOT_AFTER_DO | NOT_QUESTION},
	{"you were|are ~~6 ?just admit it", 0},
	{"because you ~1 trust|like|love|prefer|respect|value|rate ~~4 more than me|us|i", 0},
	{"too ~1 @trait|proud|stubborn|arrogant|busy to even|ever ~1 want|care|try|bother|listen|notice",
	 0},
	{"like|if you ~1 would|were|was|are|ever ~1 even|ever ~1 going|planning|gonna|intending|notice|"
	 "care|miss|bother|remember", 0},
	/* the fourteenth fresh part's families: "you timed it so you'd miss
	 * the washing up", "I know you're dying to get back to your phone",
	 * "don't bother denying it", "you actually enjoy watching me..." */
	{"you ~~8 so ~1 you would|could|did ~1 miss|avoid|skip|dodge|escape|get", NOT_QUESTION},
	{"i know you are ~1 dying|itching|desperate|gagging|aching to", 0},
	{"do not ~1 bother|try|even ~1 denying|deny it", 0},
	{"you ~1 actually|secretly|really ~1 enjoy|like|love watching|seeing|making me", NO_JOY},
};

static const struct rule contempt_rules[] = {
	{"you are|were ~3 @scorn", NEG_BEFORE | NEG_SKIPPED | KIND_INSIDE},
	{"you @name", NEG_BEFORE | NOT_OBJECT},
	{"your ~1 @scorn", NEG_BEFORE},
	{"your ~2 is|was|are|were ~1 @scorn", NEG_BEFORE | NEG_SKIPPED},
	{"how @scorn", 0},
	{"what a|an ?@scorn @scorn", SENT_START},
	{"what a|an @scorn", SENT_START},
	{"how can anyone|someone|you be so|this|that @scorn", 0},
	{"are you ~2 that|so|this @scorn", 0},
	{"what is wrong with you", 0},
	{"the ?most stupidest|dumbest|silliest|lamest|ridiculous|pathetic|idiotic thing|idea", NEG_BEFORE},
	{"grow up", NEG_BEFORE},
	{"whatever", SENT_START | CLAUSE_ALONE},
	{"oh|yeah please|come", SENT_START},
	{"typical", SENT_START | CLAUSE_ALONE},
	{"give me a break", NEG_BEFORE},
	{"who do you think you are", 0},
	{"get a life", NEG_BEFORE},
	{"shut up", NEG_BEFORE | TEASING},
	{"are you kidding|joking", 0},
	{"you think you are so", 0},
	{"you disgust me", NEG_BEFORE},
	{"do not make me laugh", SENT_START},
	{"spare me", NEG_BEFORE},
	{"you call that|this", SENT_START},
	{"get over yourself", NEG_BEFORE},
	{"you make|made me sick", NEG_BEFORE},
	{"@scorn", SENT_START | CLAUSE_ALONE},
	{"do not be ~2 @scorn", SENT_START},
	{"stop|quit being ~*2 @scorn", SENT_START},
	/* British: "you're so thick" (not "the soup is thick") */
	{"you are|were ~*3 thick", NEG_BEFORE | NEG_SKIPPED},
	{"you utter|absolute|complete|total|bloody|little|big|stupid @name", NEG_BEFORE},
	{"are you ~2 that|so|this thick", 0},
	/* "you're such a tool" (not "a tool for the garden") */
	{"you are|were ~*3 tool|tools", NEG_BEFORE | NEG_SKIPPED},
	/* an image: "you have the emotional range of a teaspoon" (not "the
	 * patience of a saint") */
	{"you ~1 have|has|had|got ~1 the ~2 range|brain|brains|intelligence|memory|attention|manners|"
	 "personality|charm|sensitivity|empathy|maturity|depth|iq|warmth|tact|grace|conversation|"
	 "humour|humor|spine|backbone|sense ~2 of a|an", NEG_BEFORE | UNKIND_IMAGE},
	/* "*eye roll*", "*sigh*", "Give over." */
	{"eye|eyes roll|rolls|rolling", 0},
	{"eyeroll", 0},
	{"roll|rolls|rolling eyes", SENT_START},
	{"*sigh", 0},
	{"give over", SENT_START | NO_PRAISE},
	{"oh give over", SENT_START | NO_PRAISE},
	{"whatevs|whatevz|watever", SENT_START | CLAUSE_ALONE},
	{"your so called", NEG_BEFORE},
	{"cry me a river", 0},
	{"grow a spine|pair|backbone", NEG_BEFORE},
	/* "you selfish git", "you lazy prat" (also a character attack) */
	{"you @trait|@scorn @name", NEG_BEFORE},
	{"you ~1 good for nothing", NEG_BEFORE},
	/* "lol ok clown", "right, muppet" */
	{"ok|okay|k|kk|sure|cheers|yeah|alright|bye ?thing @scorn|@name", CLAUSE_END},
	{"right @scorn|@name", SENT_START | CLAUSE_END},
	/* "not the sharpest tool in the shed", "a few sandwiches short of a
	 * picnic" */
	{"not ~2 the sharpest|brightest|quickest|smartest ~~2 tool|knife|bulb|spark|crayon|pencil|"
	 "button|tack|cookie|candle", YOU_IN_SENT},
	{"sandwiches|sandwich|brick|bricks|stubbies|tinnies|pickle short of a|the", YOU_IN_SENT},
	/* the seventh fresh part's family: contempt without a scorn word.
	 * "who even raised you?", "listen to yourself", "you turn my
	 * stomach", "nobody cares", "how does anyone put up with you" */
	{"who even|actually raised|brought you", 0},
	{"who raised|brought you ~~3 to|like", 0},
	{"were you raised by", 0},
	{"were you brought up by", 0},
	{"?just|god|honestly|seriously|oh listen|hear to yourself", SENT_START | CLAUSE_END},
	{"do you ~1 hear|listen to yourself", 0},
	{"turns|turned|turn my stomach", YOU_IN_SENT},
	{"makes|made me ~1 sick to", YOU_IN_SENT},
	{"can not ~1 stand|bear to ~1 look at you", 0},
	{"can not ~1 stand|bear the sight of you", 0},
	{"nobody cares", CLAUSE_ALONE},
	{"no one cares", CLAUSE_ALONE},
	{"nobody cares about|what you|your", SENT_START},
	{"no one cares about|what you|your", SENT_START},
	{"how ~3 anyone|anybody|someone puts|put up with you", 0},
	{"nobody ~2 puts|put|would put up with you", 0},
	{"no one ~2 puts|put|would put up with you", 0},
	{"you are|were beneath me", NEG_BEFORE},
	{"pathetic|embarrassing|sad|laughable|cringe|tragic that|how you", NEG_BEFORE},
	/* the eighth fresh part's families: "the way you chew makes me want to
	 * leave the room", "a toddler could have packed that better", "I'm not
	 * dignifying that", "call that a plan?", "embarrassed to be seen with
	 * you", "nobody thought you were funny", "are you actually thick" */
	{"the way you ~~8 makes|make me want to ~1 scream|die|leave|cry|throw|vomit|puke|gag|hurl|run|"
	 "hide|punch|tear|pull|smash|walk|kill|disappear|heave|despair", 0},
	{"listening to you ~~8 makes|make me want to ~1 scream|die|leave|cry|throw|vomit|puke|gag|hurl|"
	 "run|hide|punch|tear|pull|smash|walk|kill|disappear|heave|despair", 0},
	{"watching|hearing you ~~8 makes|make me want to ~1 scream|die|leave|cry|throw|vomit|puke|gag|"
	 "hurl|run|hide|punch|tear|pull|smash|walk|kill|disappear|heave|despair", 0},
	{"looking at you ~~8 makes|make me want to ~1 scream|die|leave|cry|throw|vomit|puke|gag|hurl|"
	 "run|hide|punch|tear|pull|smash|walk|kill|disappear|heave|despair", 0},
	{"year old|olds ~2 could|would ?have ~~8 better", 0},
	{"a|my toddler|child|monkey|chimp|kid|baby|nan|nana|granny|gran|grandma|dog|cat|goldfish "
	 "could|would ?have ~~8 better", 0},
	{"dignify|dignifying ~2 with", 0},
	{"call that|this a|an", SENT_START},
	{"embarrassed|ashamed|mortified to be seen ~~4 with you", 0},
	{"nobody ~~6 thought|thinks|finds|found you are|were ?so|that|very funny|clever|interesting|"
	 "cool|smart|charming|impressive|witty", 0},
	{"no one ~~6 thought|thinks|finds|found you are|were ?so|that|very funny|clever|interesting|"
	 "cool|smart|charming|impressive|witty", 0},
	{"are you ~1 actually|really|genuinely|honestly @scorn|thick", 0},
	/* the ninth fresh part's families: "a child could have put that
	 * together", "do me a favour and stop talking", "save it, nobody's
	 * interested", "I can't believe I married this", "I'm not arguing with
	 * someone who...", "that's rich coming from you", "you're a walking
	 * disaster", "don't even touch me" */
	{"a toddler|child|monkey|chimp|kid could have", 0},
	{"do me a favour|favor and stop|shut|leave|go|get|piss|sod", 0},
	{"save it", SENT_START | CLAUSE_ALONE},
	{"nobody is ~1 interested", SENT_START},
	{"no one is ~1 interested", SENT_START},
	{"believe i married|chose this|that", ENDS_SENT},
	{"not arguing|discussing|debating with someone|somebody|anyone who", 0},
	{"rich coming from you", 0},
	{"you are ~*2 walking disaster|nightmare|joke|liability|catastrophe|cliche", NEG_BEFORE},
	{"do not ~1 even touch me", 0},
	/* the tenth fresh part's families: "I've met houseplants with more
	 * sense than you", "talk to me when you've got something intelligent
	 * to say", "noted and ignored", "not listening to this rubbish", "eww
	 * don't touch me", "a laughing stock" */
	{"i have met|seen|known ~3 with more ~~3 than you", 0},
	{"talk to me when you ~2 something|anything intelligent|sensible|useful|worth", 0},
	{"noted and ignored", 0},
	{"not listening to ~2 rubbish|nonsense|crap|drivel|garbage|bollocks|shite", 0},
	{"eww|ew|ugh|yuck ~~2 do not touch me", 0},
	{"you are ~*2 laughing stock", NEG_BEFORE},
	/* the eleventh fresh part's families: "is that meant to be an
	 * apology", "get a grip", "heard it all before", "talk to the hand",
	 * "who even asked", "that excuse is laughable", "a bunch of losers",
	 * "my nephew could do better and he's six", "it's pathetic" */
	{"is that|this meant|supposed to be a|an ?actual apology|joke|excuse|compliment|answer|plan|"
	 "argument", 0},
	{"get a grip", NEG_BEFORE},
	{"heard it all before", 0},
	{"talk to the hand", 0},
	{"who even asked", 0},
	{"who asked for your|you", 0},
	{"that|this excuse|idea|plan|apology|effort|attempt|argument is|was ~1 @scorn", 0},
	{"bunch of losers|idiots|morons|clowns|muppets|numpties|wasters", YOU_IN_SENT},
	{"nephew|niece|son|daughter|kid|kids|grandson|granddaughter|gran|nan|granny|grandma|toddler|dog|"
	 "cat|child|baby could ~~8 better", 0},
	{"is|honestly|just|frankly ~1 pathetic|laughable", YOU_IN_SENT},
	/* the twelfth fresh part's families: "yawn", "your family's a circus",
	 * "every idea you have is a joke", "you never listen, idiot" */
	{"yawn", CLAUSE_ALONE},
	{"is|are a circus|zoo|freak", YOU_IN_SENT},
	{"you ~2 is|are ~1 a joke", 0},
	/* the thirteenth fresh part's families: "you sound ridiculous",
	 * "pfft", "like that counts as cooking", "save it", "a stupid joke",
	 * "ew, you're not seriously...", "a pathetic excuse for a flatmate" */
	{"you ~1 sound|sounded|look|looked ~*2 @scorn|silly|daft|absurd", NEG_BEFORE | NO_JOY},
	{"pfft|pft|pff|pffft|psh|pssh|phh", SENT_START},
	{"like that|this|those|it counts|count as", SENT_START},
	{"not what i would call ~2 cleaning|cooking|help|helping|apology|meal|dinner|effort|work|tidying|"
	 "trying|parenting|listening|romantic|romance", 0},
	{"save it", SENT_START | CLAUSE_END},
	{"oh|just save it", SENT_START},
	{"you ~3 say|said|says|saying|make|made|makes|making ~1 something|a|another|some|such ~1 stupid|"
	 "dumb|idiotic|moronic|pathetic", NEG_BEFORE | NO_JOY},
	{"ew|eww|ewww|yuck|gross ~~3 you are|were|have", SENT_START | NO_JOY},
	{"@scorn|sorry|poor|miserable excuse for a|an", 0},
	/* the fourteenth fresh part's families: "nobody asked you", "here we
	 * go, the waterworks", "man up", "you live like an animal", "who
	 * taught you to drive, a blind man?", "whatever helps you sleep at
	 * night", "tastes like cardboard", "save the speech", "cry about it",
	 * "and he's six" */
	{"nobody|noone asked you", 0},
	{"nobody|noone asked for your", 0},
	{"no one asked you", 0},
	{"no one asked for your", 0},
	{"here we go ~~3 waterworks|drama|dramatics|tantrum|tears|again", 0},
	{"turn|turning|turned on the waterworks", 0},
	{"the waterworks", CLAUSE_ALONE},
	{"man|toughen|harden|woman up", NEG_BEFORE},
	{"grow a pair", NEG_BEFORE},
	{"you live|eat|behave|act|lived|ate|behaved|acted like a|an ~1 animal|pig|slob|caveman|tramp|"
	 "savage|neanderthal", NEG_BEFORE},
	{"you live|eat|behave|act|lived|ate|behaved|acted like animals|pigs|cavemen|savages", NEG_BEFORE},
	{"who taught you to ~~4 a|an|the blind|monkey|monkeys|toddler|chimp|donkey|drunk|five", 0},
	{"whatever helps you sleep at night", 0},
	{"if that helps you sleep at night", 0},
	{"tastes|taste|tasted|smells|smelled|smelt like cardboard|sick|crap|shit|rubbish|garbage|sewage|"
	 "slop|feet|bin", YOU_IN_SENT},
	{"save the|your ~1 speech|lecture|sermon|excuses|sob|tears|drama", SENT_START},
	{"save your breath", SENT_START | CLAUSE_END},
	{"cry about it", 0},
	{"could ~~8 and he|she|it is|are ~1 two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6|7|"
	 "8|9|10", 0},
};

/* praise or agreement meant as its opposite */
static const struct rule sarcasm_rules[] = {
	{"yeah|yea right", SENT_START},
	{"oh|wow|well|gee|just ?so @sarcpraise", SENT_START | GOOD_NEWS},
	{"@sarcpraise just @sarcpraise", SENT_START},
	{"nice going|move", SENT_START | GOOD_NEWS},
	/* usually meant, ironic with a mishap after: "well done, now we're lost" */
	{"well|nicely done", SENT_START | IRONIC},
	{"nice|good|great job|work|one", SENT_START | IRONIC},
	{"@sarcpraise", SENT_START | CLAUSE_ALONE | IRONIC},
	{"way to go", SENT_START | IRONIC},
	{"congratulations|congrats|bravo", SENT_START | IRONIC},
	{"lucky me", SENT_START | ENDS_SENT},
	{"lucky me", SENT_START | IRONIC},
	{"thanks|thank ~~6 as always|usual", ENDS_SENT},
	{"now you tell me", 0},
	{"is not that|this just @sarcpraise", 0},
	{"sure|yeah|fine|go ~~2 blame me", SENT_START},
	{"thanks|thank ~3 for eating|drinking|finishing|stealing my|the|all", 0},
	{"thanks|thank ~~8 too late", 0},
	{"thanks|thank ~~8 for once", 0},
	{"actually|wow|nice|how ~~8 for once", 0},
	{"@sarcname", CLAUSE_ALONE},
	{"of course you did|would|forgot", SENT_START},
	{"whatever you say", SENT_START},
	{"thanks|thank ~3 for nothing", 0},
	/* "thanks a lot for telling everyone" */
	{"thanks|thank ~3 for telling|showing|sharing|announcing|posting ~~4 everyone|everybody|world",
	 0},
	/* "thanks a lot, really helpful" */
	{"thanks|thank|great|wonderful|perfect ~~4 really|real|very|super helpful", SENT_START |
	 OWN_CLAUSE},
	/* "wow, thanks for the help", "gee, thanks" */
	{"wow|gee ~~3 for ~2 help|support|backup|warning|concern|input|advice|understanding|sympathy",
	 SENT_START | NO_PRAISE},
	{"gee thanks|thank", SENT_START},
	/* "nice of you to text back after six hours" */
	{"nice|good|kind|sweet|thoughtful|decent|considerate|lovely|generous of you to", IRONIC},
	{"thanks|thank ~3 for ~2 ruining|spoiling|wrecking|ignoring|forgetting|embarrassing|abandoning|"
	 "waking|breaking|losing|wasting|interrupting",
	 0},
	{"oh sure", SENT_START | SINCERE},
	{"real nice|classy|smooth", SENT_START},
	{"thank you for nothing", 0},
	{"of you to ~2 finally|bother|grace", 0},
	{"nice|good|kind of you to join us", 0},
	{"big|some surprise", SENT_START},
	{"what a surprise", SENT_START | CLAUSE_ALONE | SINCERE | GOOD_NEWS},
	{"?wow|oh real|very|how mature|original|convenient|classy", SENT_START | SINCERE},
	{"sure|right|yeah because", SENT_START},
	{"oh yes|yeah|sure|right because", SENT_START},
	{"because that|this is|was ~1 so|really|very helpful|useful|smart|mature|clever|productive", 0},
	/* "sure, take your time, we're only an hour late"; "great timing, as usual" */
	{"take|taking your time", IRONIC},
	{"@sarcpraise|excellent timing", SENT_START | IRONIC},
	{"@sarcpraise|excellent timing ~~4 as usual", SENT_START},
	{"as if you", SENT_START},
	{"like you have|would|ever|could|care", SENT_START},
	{"because that|this went|worked so well", 0},
	{"must be nice", SENT_START},
	{"well that|this went|worked well|great", SENT_START},
	{"sure you did|were|had", SENT_START | ENDS_SENT},
	{"do not strain yourself", SENT_START},
	/* "take your time, it's only our anniversary" */
	{"take|taking your time|sweet ~~5 only|just our|my|your|his|her|the ~2 @occasion", 0},
	{"take|taking your time|sweet ~~5 only|just missing|keeping", 0},
	{"no rush|hurry ~~5 only|just our|my|your|his|her|the ~2 @occasion", SENT_START},
	/* "hope the golf was worth missing your son's recital" */
	{"hope|hoped ~~8 worth missing|ruining|losing|skipping|forgetting|ditching|abandoning|"
	 "wrecking|sacrificing|blowing|spoiling", 0},
	/* "love coming home to a sink of dishes" */
	{"?i ?just love|adore|loving coming|waking|finding|being|cleaning|doing|picking|sitting|"
	 "waiting ~~8 @complaint", SENT_START},
	/* "lovely for some", "alright for some" */
	{"@sarcpraise|alright|all ?right for some", SENT_START | CLAUSE_END | NO_PRAISE},
	/* "want a medal?" */
	{"want ~~2 medal|trophy|parade", SENT_START},
	{"you ~1 want ~~2 medal|trophy|parade", 0},
	/* "oh sure, Mr Reliable" */
	{"mr|miss|mrs|ms|captain perfect|reliable|punctual|organised|organized|obvious|helpful|"
	 "sensitive|responsible|considerate|generous|sunshine|popular|sensible", NO_PRAISE},
	/* "you're always so punctual, aren't you" */
	{"you are|were ~*3 @praiseadj ~~3 are|were not you", ENDS_SENT | STATEMENT},
	{"oh|well ~1 you are|were ~*3 @praiseadj ~~3 are|were not you", SENT_START | ENDS_SENT},
	/* "thanks for telling your mum before I could" */
	{"thanks|thank ~~8 before i|we could|got|had ~1 tell|say|announce|share|chance", 0},
	{"thanks|thank ~3 for blabbing|blurting|spilling|broadcasting", 0},
	/* "don't worry about me, I'll just do everything myself" */
	{"do not mind|worry ?about me ~~4 just ~~6 myself|everything|usual|again|own", SENT_START},
	/* "what would I do without your expert opinions" */
	{"what would i ~1 do without your ~2 helpful|expert|brilliant|wonderful|valuable|constant|"
	 "insightful|useful|input|advice|opinions|comments|commentary", SENT_START},
	/* "you've ruined Christmas, well done" */
	{"ruined|ruin|burnt|burned|spilled|wrecked|spoiled|smashed|dented ~~8 well|nicely done",
	 ENDS_SENT},
	/* "like you ever cared" */
	{"oh|yeah|sure ~1 like you ~1 ever|care|cared|would|could|even|bother|bothered",
	 SENT_START},
	/* the families the fifth fresh part showed. Mock praise beside a
	 * grievance: "home at 3am, what a devoted husband", "husband of the
	 * year, forgetting my birthday again" */
	{"what a|an ~1 devoted|thoughtful|considerate|caring|loving|attentive|doting|wonderful|great|"
	 "lovely|perfect|model|dedicated|fantastic|brilliant|romantic|helpful|reliable|responsible|"
	 "supportive|fine husband|wife|partner|boyfriend|girlfriend|dad|father|mum|mom|mother|"
	 "gentleman|man|woman|hubby|fiance|catch|friend", GRIEVANCE},
	{"husband|wife|partner|boyfriend|girlfriend|father|mother|dad|mum|mom|parent|hubby|friend of "
	 "the year", GRIEVANCE},
	{"model|perfect|ideal husband|wife|partner|boyfriend|girlfriend|father|dad|citizen", SENT_START |
	 GRIEVANCE},
	{"what a|an ?real|true|perfect|proper gentleman|catch|hero|prince|charmer|saint|keeper|gem",
	 GRIEVANCE},
	/* "I just love sitting in the car for forty minutes", "loved
	 * spending my birthday watching you play FIFA" */
	{"love|loved|adore|adored|enjoy|enjoyed|enjoying|loving waiting|repeating|reminding|chasing|begging|"
	 "nagging", NO_JOY},
	{"love|loved|adore|adored|enjoy|enjoyed|enjoying|loving sitting|spending|standing|finding|hearing|"
	 "watching|coming|waking|being|doing|picking|tidying|cleaning|listening|getting|having|"
	 "sleeping|eating|driving|cooking|paying|explaining|asking|making|washing|ironing|hoovering|"
	 "looking|carrying|sorting", GRIEVANCE_AFTER | NO_JOY},
	{"what|such|always a|an ?real|absolute treat|joy|pleasure|delight|privilege|thrill",
	 GRIEVANCE_AFTER | NO_JOY},
	{"appreciate|love|adore you ~1 leaving|lying|ignoring|forgetting|scrolling|snoring|hogging|"
	 "interrupting|ditching|abandoning|stealing|blanking|shrinking|ruining|wrecking|binning",
	 NO_JOY},
	/* scare quotes: "you'll 'definitely' be home", "thanks for 'helping'" */
	{"@scare", SCARE_QUOTE | NOT_QUESTION},
	/* "wow, what a surprise, you're late" */
	{"what a|an ?big|huge|total|massive|real surprise|shock|shocker", IRONIC | NO_JOY},
	{"surprise surprise", 0},
	{"colour|color me shocked|surprised|amazed|stunned", 0},
	{"big|huge|real ?shock|shocker", SENT_START | IRONIC},
	{"shocker|quelle", SENT_START | IRONIC},
	/* "you're a real ray of sunshine today" */
	{"real|proper|regular|right|absolute|such ?a ?little ray of sunshine", NO_JOY},
	{"ray of sunshine today|tonight|this", YOU_IN_SENT | NO_JOY},
	{"are not you ~~3 ray of sunshine", SENT_START},
	{"barrel|bundle of laughs|fun|joy", YOU_IN_SENT | NO_JOY},
	{"laugh a minute", YOU_IN_SENT | NO_JOY},
	/* "bless your heart, you tried" (not "bless your heart for coming") */
	{"bless your ?little|wee heart", NO_JOY | NOT_FOR},
	/* "thanks for the school run... oh wait, you didn't" */
	{"oh|ah|but wait ~~3 you ~1 not|never|forgot|forgotten", NO_JOY | NOT_OBLIGED | PREV_THANKS},
	{"oh wait", SENT_START | ENDS_SENT | PREV_THANKS},
	/* the eighth fresh part's families: "nice of you to show up", "no rush
	 * replying, I only asked at lunchtime", "don't worry about me, I'll
	 * just walk home" */
	{"?real|really|very|so nice|good|kind|decent|big|thoughtful|sweet of you to ?finally|actually "
	 "show|turn|bother|grace|deign|surface|appear ?up", CLAUSE_END | SINCERE | NO_JOY},
	{"no rush|hurry ~~8 i only|just|literally asked|sent|texted|messaged|rang|called|asked", 0},
	{"do not worry|mind ?about me ~~6 i will just ~~8 then|myself|alone", 0},
	/* the ninth fresh part's families: "take the last potato, I only
	 * cooked them", "I'm sure the football was way more important than my
	 * scan", "you're a real help", "top marks for the packing", "best
	 * anniversary ever, you were on the xbox", "love that for me", "what
	 * could possibly go wrong", "glad to know where I rank", "what a
	 * gentleman, leaving me with the bill" */
	{"please|go ~~8 i only|just cooked|made|bought|paid|organised|organized|planned|baked", 0},
	{"i am sure ~~8 was|were|is|are ~1 way|much|far|a|so more important|fun|interesting than", 0},
	{"you are|were a real|right|proper help|comedian|treat|charmer|laugh", NO_JOY},
	{"top|full marks for|there", SENT_START | NO_JOY},
	{"ten out of ten", SENT_START | NO_JOY},
	{"gold star for", SENT_START | NO_JOY},
	{"best @occasion ever", GRIEVANCE},
	{"love that for me", 0},
	{"what could possibly go wrong", 0},
	{"glad|good|nice|great to know where i rank|stand|come", 0},
	{"what a|an ~1 gentleman|gent|hero|prince|catch|charmer|saint|legend|sweetheart ~~3 leaving|"
	 "letting|making|keeping|forgetting|ignoring", 0},
	/* the tenth fresh part's families: "please keep scrolling, my story
	 * isn't important", "must be lovely having a wife who...", "of course
	 * you had to...", "yes, your highness", "should I ring the papers",
	 * "a real team player, leaving me with...", "lovely to see you
	 * comfortable while I...", "well that went brilliantly", "yeah cause
	 * you've ever cooked", "truly inspired", "what would I do without you,
	 * probably..." */
	{"keep|carry ?on scrolling|playing|texting|talking|watching|gaming ~~6 i|my|me", NO_JOY},
	{"must be lovely|nice|great|wonderful having ~~4 who", 0},
	{"of course you had to", SENT_START},
	{"your highness|majesty|lordship|ladyship", 0},
	{"alert|ring|call|tell the papers|press|media|newspapers", 0},
	{"you are|were a real|right|proper|true ~2 player|star|hero|gent|gentleman|sport|saint ~~2 "
	 "leaving|letting|making|sitting|watching|keeping", 0},
	{"lovely|nice|great|good to see you ~~6 while i", 0},
	{"well that went brilliantly|well|great|swimmingly|perfectly", SENT_START | NO_JOY},
	{"yeah|like cause|because you ~1 have ever", 0},
	{"truly|really|so inspired", ENDS_SENT},
	{"what would i do without you ~~4 probably", 0},
	/* the eleventh fresh part's families: "only took you two days",
	 * "congratulations, you managed to...", "very impressive" after a
	 * grievance, "a real pal, taking the last slice", "another
	 * masterpiece", "so thoughtful leaving me...", "that went well, didn't
	 * it", "I'll just do everything" */
	{"only took|taken ~~4 day|days|week|weeks|month|months|year|years|hour|hours|ages|decade|"
	 "decades|minutes", YOU_IN_SENT},
	{"congratulations|congrats ~~2 you ~1 managed to", NO_JOY},
	{"very|so|really|most impressive", ENDS_SENT | GRIEVANCE},
	{"you are|were a real|right|proper|true ~2 pal|mate|friend|sweetheart|angel|diamond|gem|treasure "
	 "~~2 leaving|letting|making|sitting|watching|keeping|taking|eating|finishing", 0},
	{"another masterpiece|triumph|success", 0},
	{"so|how|very thoughtful|considerate|kind|generous|sweet leaving|letting|making|giving", 0},
	{"that went well|brilliantly|swimmingly did not it", 0},
	{"i will just do everything|it", 0},
	/* the twelfth fresh part's families: "said no one", "super helpful of
	 * you to mention...", "truly the hardest working man, asleep on the
	 * couch", "can't thank you enough for your ex at our barbecue", "how
	 * thoughtful to finish the leftovers", "congratulations on being the
	 * most stubborn man alive" */
	{"said no one|nobody|noone", 0},
	{"super|so|really|very|most helpful of you to ~~3 mention|say|point|tell|bring", 0},
	{"truly|really the ~2 hardest|best|most|greatest|finest", GRIEVANCE},
	{"can not thank you enough", GRIEVANCE_AFTER},
	{"how thoughtful|kind|considerate|generous|sweet|nice to", GRIEVANCE},
	{"congratulations|congrats on being the most", 0},
	/* the thirteenth fresh part's families: "thanks for saving me the
	 * last half biscuit", "cheers for the heads up, really helpful at
	 * 11pm", "good job with the sat nav", "you carry on, I'll just...",
	 * "a lovely touch, shame they were...", "so considerate of you to eat
	 * what I was saving", "smooth move, mastermind", "so glad I ironed
	 * your shirt for you to spill...", "scrolling is hard work", "love
	 * that I found out from...", "cheers for that, now..." */
	{"thanks|thank|cheers ~~6 leaving|saving|left me ~~3 crusts|dregs|scraps|crumbs|half|bones|"
	 "washing|dishes|mess|bill", 0},
	{"really|super|so|very|real useful|helpful at|after ~1 midnight|night|1am|2am|3am|10pm|11pm|"
	 "12", 0},
	{"@sarcpraise|good|nice|great|top ~1 navigating|driving|parking|planning|packing|timing|choice|"
	 "call|idea|effort|job|work ~~8 wrong|lost|late|missed|stuck|again|nowhere", SENT_START},
	{"?you carry|keep|go on ~~6 i will just", 0},
	{"lovely|nice|sweet|kind|thoughtful touch|thought|gesture ~~3 shame|pity ~1 it|they|you ~1 was|"
	 "were|came|arrived|went", 0},
	{"of you to ~~6 i ~1 was|been saving|keeping", 0},
	{"smooth|slick move|moves|operator|one", SENT_START},
	{"smooth|slick ~1 @sarcname", SENT_START},
	{"glad|happy i ~~8 for you to ~1 spill|ruin|eat|order|forget|ignore|cancel|leave|wreck|throw|bin|"
	 "not|never|skip|miss|sleep|scroll|moan|complain", NO_JOY},
	{"lying|scrolling|napping|lounging|snoozing|gaming ~~6 is|be ~*2 exhausting|"
	 "tiring|draining|hard", 0},
	{"love|loved|loving that i heard|found|learned|learnt|had ~~6 from", SENT_START},
	{"thanks|cheers|thank ~~4 now ~~8 @neg|thinks|think|one", SENT_START | NO_JOY},
	/* the fourteenth fresh part's families: "fantastic parking. I'll just
	 * climb out through the boot then", "thanks for telling me after it
	 * happened", "your precious phone", "thanks for ringing, like you
	 * always do", "gosh, what would I do without your expert tips",
	 * "amazing how you can hear X but not me", "yeah, I'm sure you were",
	 * "such a relaxing holiday with you on your laptop", "I'll just do the
	 * shopping and the cooking and...", "glad to know the dog gets more
	 * than I do", "literally one square", "wow, a whole text", "thank god
	 * you were here to tell me", "the washing's put itself away" */
	{"i will just ~~8 then", SENT_START | PREV_THANKS},
	{"@sarcpraise|amazing|impressive|stunning|superb|excellent ~1 parking|driving|navigating|cooking|"
	 "planning|timing|packing|work|job|effort ~~2 really|honestly|seriously", SENT_START | ENDS_SENT},
	{"thanks|thank|cheers ~3 for telling|letting|warning|inviting|asking ~~8 after it ~1 happened|"
	 "was|had|finished|ended", 0},
	{"your precious phone|football|footy|golf|car|game|games|xbox|playstation|laptop|job|mates|"
	 "friends|telly|tv|shed|bike|team|fishing|darts|snooker|cricket|rugby", NO_JOY},
	{"thanks|thank|cheers ~~6 like you always|usually|ever do|did", 0},
	{"oh|gosh|god|wow|honestly|seriously|well|yeah what would i ~1 do without your ~2 helpful|expert|"
	 "brilliant|wonderful|valuable|constant|insightful|useful|input|advice|opinions|comments|"
	 "commentary|tips", SENT_START},
	{"amazing|incredible|remarkable|impressive|funny how you ~1 can|could|manage|managed|find|found "
	 "~~12 but not|never", SENT_START},
	{"yeah|oh|sure ~1 i am sure you ~1 were|did|had|are|will|would|have", SENT_START},
	{"relaxing|lovely|romantic|restful|peaceful|wonderful|fun ~1 holiday|weekend|evening|night|day|"
	 "break|trip|dinner|date ~~4 with|while you ~~3 phone|laptop|computer|emails|xbox|ipad|tablet|"
	 "telly|work|snoring|sulking", NO_JOY},
	{"i will just ~~8 and ~~8 and", YOU_IN_SENT | NO_JOY},
	{"do not mind|worry ?about me ~~4 i will just ~~8 and", 0},
	{"glad|good|nice|great|lovely to know ~~8 more ~~4 than me|i", 0},
	{"thanks|thank|cheers ~~6 leaving|left me ~1 literally ~1 one|a|two|half", 0},
	{"wow|oh ~1 a whole text|sentence|word|reply|message|minute|phone|call", SENT_START | CLAUSE_END},
	{"wow|oh ~1 an entire text|sentence|word|reply|message|minute|phone|call", SENT_START |
	 CLAUSE_END},
	{"thank god|goodness|heavens you were|are here to tell|explain|point|remind", 0},
	{"put|putting|tidied|cleaned|washed|emptied|done|did|sorted|unloaded|loaded|fed|walked|hoovered|"
	 "taken|took|made|cooked|cleared|paid|ironed|folded ~1 itself|themselves", 0},
};

/* a lasting fault pinned on the partner as who they are */
static const struct rule character_rules[] = {
	{"you are|were ~*3 @trait", NEG_BEFORE | NEG_SKIPPED | NO_JOY},
	{"you are|were ~*3 bad|lousy|poor|useless|rubbish father|mother|dad|mum|mom|husband|wife|"
	 "partner|person|friend|listener|boyfriend|girlfriend|parent", NEG_BEFORE | NEG_SKIPPED},
	{"you have always been ~*2 @trait", NEG_BEFORE},
	/* "you've become so lazy" */
	{"you ?have|are become|becoming|grown|turned|gotten ~*3 @trait", NEG_BEFORE | NEG_SKIPPED},
	{"are|were you ~*3 @trait", NEG_BEFORE | NEG_SKIPPED},
	{"how can anyone|someone|you be so|this|that @trait", 0},
	{"you are ~*2 just|exactly like your|my mother|father|mom|mum|dad|ex", NEG_BEFORE},
	{"what kind of person", 0},
	{"you have no backbone|spine|shame|heart|manners|class", NEG_BEFORE},
	{"you ~1 have|has|had|got ?got no|zero backbone|spine|shame|heart|manners|class|guts|"
	 "morals|integrity|decency|empathy|ambition|respect", NEG_BEFORE},
	/* the halves of "two-faced", "a know-it-all", "a show-off" */
	{"you are|were ~*3 two faced", NEG_BEFORE | NEG_SKIPPED},
	{"you are|were ~*3 know it all", NEG_BEFORE | NEG_SKIPPED},
	{"you are|were ~*3 show off", NEG_BEFORE | NEG_SKIPPED},
	/* the ninth fresh part's families: "typical you, flaky as anything",
	 * "you're just a very jealous person" */
	{"typical you ~~4 @trait|@trait2", SENT_START},
	{"you are ~*3 jealous|insecure|angry|bitter|negative|cold|nasty|controlling person|man|woman|"
	 "human|bloke|guy", NEG_BEFORE | NEG_SKIPPED},
	/* the tenth fresh part's family: "you always have to be the victim" */
	{"you ~2 have to be the victim|martyr|hero|boss", NEG_BEFORE},
	/* "bone idle, that's what you are" */
	{"@trait ~~3 that is|is what you are", 0},
	{"there is something wrong with you", NEG_BEFORE},
	{"stop|quit being ~*2 @trait", NEG_BEFORE},
	{"why do|does you have to be ~*3 @trait", 0},
	/* "you're not stupid, just lazy" */
	{"not ~2 just|but|only|simply|merely ~*2 @trait", YOU_IN_SENT},
	/* a trait as a noun: "your selfishness is exhausting" */
	{"your ~*2 @traitnoun", NEG_BEFORE},
	/* the families the fifth fresh part showed: "how can one person be
	 * this messy?", "why are you so cold?", "you selfish git", "typical
	 * useless bloke", "what a selfish man" */
	{"how can|could|does|do|is anyone|anybody|someone|somebody|you ?be|get|become ~*2 @trait|@trait2",
	 0},
	{"how can|could|does|do|did|is one|a|any ~1 person|man|woman|human|adult|bloke|guy|being ~3 "
	 "?be|get|become ~*2 @trait|@trait2", 0},
	{"are|were you ?always|being|getting|just|really|still so|this|such|always ?a @trait2",
	 NEG_BEFORE},
	/* "why are you so cold with me?" (not "so cold? want my jumper?") */
	{"are|were you ?always|being|getting|just|really|still so|this|such|always cold", NEG_BEFORE |
	 NOT_CHILLY},
	{"you are|were ?always|being|getting|just|really|still|becoming so|this|such ?a cold",
	 NEG_BEFORE | NO_JOY | NOT_CHILLY},
	{"you are|were ?always|being|getting|just|really|still|becoming so|this|such ?a @trait2",
	 NEG_BEFORE | NO_JOY},
	{"you @trait @name|sod|cow|thing|bloke|man|woman|pig|git|person|lump", NEG_BEFORE},
	{"you @trait good for nothing", NEG_BEFORE},
	{"typical ~*1 @trait @name|man|bloke|husband|wife|woman|guy|fella|boyfriend|girlfriend|partner|"
	 "male|female|teenager|git|behaviour|behavior|you", SENT_START},
	{"typical ~*1 @trait", SENT_START | CLAUSE_END},
	{"what a|an ~*1 @trait man|woman|person|husband|wife|partner|bloke|boyfriend|girlfriend|git|"
	 "guy|fella", SENT_START},
	/* the fourteenth fresh part's families: "what kind of man forgets...",
	 * "you're incapable of finishing anything", "the kind of person
	 * who'd...", "typical you", "lying comes easy to you", "you're just
	 * not a thoughtful person" */
	{"what kind|sort|type of ~1 man|woman|person|husband|wife|father|mother|partner|boyfriend|"
	 "girlfriend|dad|mum|mom|son|daughter|friend ~1 forgets|does|leaves|says|lets|would|misses|"
	 "ignores|treats|forgot|did|left|said|missed|ignored|treated", SENT_START},
	{"you are|were ~*2 incapable of", NEG_BEFORE | NOT_QUESTION},
	{"you are|were ~*2 not capable of", NEG_BEFORE | NOT_QUESTION},
	{"you are the kind|sort|type of ~1 person|man|woman|guy|bloke|girl|husband|wife|partner who|that",
	 NO_PRAISE | NO_JOY},
	{"typical you", SENT_START | NO_PRAISE},
	{"lying|cheating|moaning|complaining|blaming|whinging ~1 comes ~1 easy|easily|naturally to you",
	 0},
	{"you are ~2 not a ~*1 thoughtful|caring|kind|considerate|"
	 "nice|good|generous|patient|romantic|loving|affectionate|reliable|responsible|honest|"
	 "supportive|loyal|faithful|decent person|man|woman|partner|husband|wife|father|mother|dad|"
	 "mum|boyfriend|girlfriend|friend", 0},
};

/* telling the partner what they ought to do */
static const struct rule should_rules[] = {
	{"you ~2 should|ought", NEG_BEFORE | NOT_QUESTION | KIND_SHOULD | NOT_FRAMED},
	{"you ~1 need|needs to", NEG_BEFORE | NEG_SKIPPED | NOT_QUESTION | NOT_FRAMED | NOT_AFTER_DO |
	 KIND_SHOULD | LOGISTICS},
	{"you ~1 must", NEG_BEFORE | NOT_QUESTION | MUST_DEMAND | NOT_FRAMED | KIND_SHOULD},
	{"you had|would better", NEG_BEFORE | NOT_QUESTION},
	{"you have got to", NEG_BEFORE | NOT_QUESTION | KIND_SHOULD},
	{"you have to stop|start|quit|learn|grow|change|accept|respect|listen|apologise|apologize|"
	 "calm|deal|get|pull|pick|clean", NEG_BEFORE | NOT_QUESTION | NOT_FRAMED | KIND_SHOULD},
	{"just ~~6 already", SENT_START},
	{"stop|quit being|acting", SENT_START},
	{"you ~1 really|seriously|honestly have to", NEG_BEFORE | NOT_QUESTION | NOT_FRAMED |
	 KIND_SHOULD},
	{"it is ~2 time you", NEG_BEFORE},
	{"?about|high time you started|stopped|got|grew|learned|learnt|began|pulled|sorted|took|made|"
	 "gave|paid|realised|realized|apologised|apologized|listened|helped|manned|did", SENT_START},
	{"why|can not you just", 0},
	{"do not you think|reckon|suppose|feel you ~1 should|ought|need", 0},
	/* "shouldn't you be helping instead of scrolling?" */
	{"should not you ~~6 instead|by|already", 0},
	/* "a grown man should know how to ..." */
	{"a|any grown|decent|normal|real|proper man|woman|adult|husband|wife|person|partner "
	 "would|should|ought|knows", NEG_BEFORE},
	{"why do not you just", 0},
	{"a good partner would|should", NEG_BEFORE},
	/* the seventh fresh part's family: a should as a hint. "You could at
	 * least have texted", "would it kill you to ring her", "a decent
	 * boyfriend would've come", "most people would have said thanks",
	 * "isn't it about time you..." */
	{"you could|might ?have ~1 at least", NEG_BEFORE},
	{"would|will not|it kill you to", 0},
	{"would|will not kill you to", 0},
	{"a|any good|decent|normal|real|proper|grown|caring|loving|mature|responsible|sensible|"
	 "half-decent boyfriend|girlfriend|fiance|fiancee|father|dad|mother|mum|mom|son|daughter|"
	 "spouse|friend|parent would|should|ought|knows", NEG_BEFORE | NO_PRAISE},
	{"is not it ~1 time you", 0},
	/* the eighth fresh part's families: "a text would have been nice",
	 * "other husbands put the bins out without being asked", "normal people
	 * say thank you", "next time, check with me", "have you thought about
	 * saying sorry?", "don't you think you owe him an apology?", "might be
	 * worth apologising" */
	{"a text|call|ring|message|reply|warning|thank|thanks|apology|sorry|hand|word would have been "
	 "nice|good|lovely|appreciated", SENT_START},
	{"a heads up would have been nice|good|lovely|appreciated", SENT_START},
	{"other husbands|wives|boyfriends|girlfriends|partners ~~8 without being asked|told", 0},
	{"normal|decent|civilised|civilized people|humans|adults say|manage|bother|remember|apologise|"
	 "apologize", NEG_BEFORE},
	{"next time ~1 check|ask|tell|think|text|ring|call|try", SENT_START},
	{"have|did you ~~3 thought|think|considered|consider|tried ~~4 saying sorry|apologising|"
	 "apologizing|apologise|apologize", 0},
	{"you ~2 owe ~3 apology|explanation", NEG_BEFORE},
	{"might|would|could be worth ~1 apologising|apologizing|saying|asking|ringing|calling|"
	 "texting|thanking|telling", SENT_START},
	/* the ninth fresh part's families: "stop sulking and help me", "if you
	 * had any sense you'd have booked it", "have you considered not
	 * leaving your socks...", "would you ever stop", "you're meant to put
	 * the seat down", "a bit of gratitude wouldn't go amiss", "a simple
	 * sorry would do" */
	{"stop|quit sulking|moaning|whining|whinging|complaining|nagging|pouting|scrolling|faffing",
	 SENT_START},
	{"if you had any sense|brains|decency|respect|manners", 0},
	{"have|did you ~~2 considered|tried ~~3 not", 0},
	{"would you ever stop|quit|give|shut|cop", SENT_START},
	{"you are|were meant|supposed to", NEG_BEFORE | NOT_QUESTION | KIND_SHOULD | NOT_FRAMED},
	{"would not go amiss", 0},
	{"a ~2 sorry|thank|thanks|apology|text|call would do", SENT_START},
	{"a ~2 thank you would do", SENT_START},
	{"do not you think|reckon you ~1 owe", 0},
	/* the tenth fresh part's families: "would it be so hard to...", "don't
	 * you think it's about time you...", "just saying, other husbands...",
	 * "some of us would have offered", "might be an idea to..." */
	{"would it be so|that|really hard|difficult to", 0},
	{"is it so|that|really hard|difficult for you to", 0},
	{"do not you think ~~4 time you", 0},
	{"just saying ~~3 other", 0},
	{"other husbands|wives|boyfriends|girlfriends|partners ~~8 themselves", 0},
	{"some of us would have", SENT_START | KIND_SHOULD},
	{"might|may|would be an idea to", SENT_START},
	/* the eleventh fresh part's families: "wouldn't it be nice if someone
	 * took the bins out", "maybe try actually reading the instructions" */
	{"would not it be nice|lovely|great if someone|somebody|you", 0},
	{"maybe|perhaps try ~1 actually", SENT_START},
	{"maybe|perhaps try ~~6 next time", SENT_START},
	/* the twelfth fresh part's families: "it'd be nice if SOMEONE put the
	 * recycling out", "time to cut down on the drinking", "you needed to
	 * tell me" */
	{"it would be nice|lovely|great if someone|somebody|you", 0},
	{"time to cut down|back|stop|quit|grow", SENT_START},
	{"you needed to", NEG_BEFORE | NOT_QUESTION | KIND_SHOULD},
	/* the thirteenth fresh part's families: "take a breath and stop
	 * overreacting", "most people would say sorry", "better pick up the
	 * kids, just saying" */
	{"stop|quit overreacting|exaggerating|fussing|flapping|panicking|catastrophising|"
	 "catastrophizing|sulking|moaning|whining|whinging|nagging", SENT_START},
	{"and stop|quit overreacting|exaggerating|fussing|flapping|panicking|catastrophising|"
	 "catastrophizing|sulking|moaning|whining|whinging|nagging", 0},
	{"most|other people would ~1 apologise|apologize|apologised|apologized|say|said|"
	 "offered|helped|thank|thanked|called|rung|texted|asked|known|noticed|bothered", NEG_BEFORE},
	{"better ~~8 just saying", SENT_START},
	/* the fourteenth fresh part's families: "I'd have thought you'd...",
	 * "rather than moaning about it, why not just fix it", "maybe try
	 * listening for once", "you want to watch how you talk to my mum" */
	{"i would have thought|expected you would|could|might", 0},
	{"rather than moaning|complaining|whining|whinging|sulking|nagging|sitting|lying|scrolling",
	 SENT_START},
	{"instead of moaning|complaining|whining|whinging|sulking|nagging|sitting|lying|scrolling",
	 SENT_START},
	{"maybe|perhaps try ~~4 for once", SENT_START},
	{"maybe|perhaps try ~~4 for a change", SENT_START},
	{"you want|wanna ?to watch|mind", SENT_START | NO_PRAISE | NO_JOY},
	{"you want|wanna ?to be careful", SENT_START},
	{"man|toughen|harden up and", SENT_START},
	{"grow a pair and", SENT_START},
};

static const struct {
	const struct rule *rules;
	size_t n;
} kind_rules[DY_COACH_KINDS] = {
	[DY_COACH_BLAME] = {blame_rules, sizeof(blame_rules) / sizeof(blame_rules[0])},
	[DY_COACH_ABSOLUTE] = {absolute_rules, sizeof(absolute_rules) / sizeof(absolute_rules[0])},
	[DY_COACH_MIND_READING] = {mind_rules, sizeof(mind_rules) / sizeof(mind_rules[0])},
	[DY_COACH_CONTEMPT] = {contempt_rules, sizeof(contempt_rules) / sizeof(contempt_rules[0])},
	[DY_COACH_SARCASM] = {sarcasm_rules, sizeof(sarcasm_rules) / sizeof(sarcasm_rules[0])},
	[DY_COACH_CHARACTER] = {character_rules, sizeof(character_rules) / sizeof(character_rules[0])},
	[DY_COACH_SHOULD] = {should_rules, sizeof(should_rules) / sizeof(should_rules[0])},
};

#define RULES_MAX 256 /* rules of one kind (at most 256: tried[] holds unsigned char) */
#define RULE_WORDS (RULES_MAX / 64) /* the 64-bit words of a set of rules */
#define RULES_FIT(rules) _Static_assert(sizeof(rules) / sizeof(rules[0]) <= RULES_MAX, #rules)
RULES_FIT(blame_rules);
RULES_FIT(absolute_rules);
RULES_FIT(mind_rules);
RULES_FIT(contempt_rules);
RULES_FIT(sarcasm_rules);
RULES_FIT(character_rules);
RULES_FIT(should_rules);

static const char *const kind_names[DY_COACH_KINDS] = {
	"blame", "absolute", "mind_reading", "contempt", "sarcasm", "character_attack", "should",
};

static const char *const advice[DY_COACH_KINDS] = {
	"This puts the cause of your feeling on your partner, who will likely defend. "
	"Try owning the feeling: \"I feel ... when ...\".",
	"\"Always\" and \"never\" are rarely quite true, and they invite an argument about the "
	"exceptions. Try describing one time: \"Last night, when ...\".",
	"This tells your partner what they think or want. Say what you noticed and ask: "
	"\"I wondered if ... - is that so?\"",
	"This can land as contempt, which hurts closeness most. Try saying what you feel and what "
	"you need instead.",
	"Sarcasm says the opposite of what you mean, and your partner hears the scorn under it. "
	"Say it plainly: \"I'm frustrated that ...\".",
	"This says who your partner is rather than what they did, so they will defend their whole "
	"self. Name the one thing that happened and how it affected you: \"When ..., I felt ...\".",
	"\"Should\" tells your partner what to do and can land as a demand. Try a request they can "
	"say yes or no to: \"Would you be willing to ...?\"",
};

static const char *const part_names[] = {"feeling", "situation", "need", "request"};

static const char clean_note[] =
	"A clean I-statement: a feeling, the situation, what you need and a request. "
	"That is easy to hear.";

const char *
dy_coach_kind_name(enum dy_coach_kind kind)
{
	return (unsigned)kind < DY_COACH_KINDS ? kind_names[kind] : "unknown";
}

const char *
dy_coach_advice(enum dy_coach_kind kind)
{
	return (unsigned)kind < DY_COACH_KINDS ? advice[kind] : "";
}

const char *
dy_coach_part_name(unsigned part)
{
	for (unsigned i = 0; i < 4; i++)
		if (part == 1u << i)
			return part_names[i];
	return "unknown";
}

const char *
dy_coach_clean_note(void)
{
	return clean_note;
}

/* ------------------------------------------------------------- tokens */

/* A word's hash, for the sets of words that say quickly what a word is
 * not (a contraction, in a @list, in a rule's pattern). */
static uint32_t
word_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)w[i];
		h *= 16777619u;
	}
	return h ^ (h >> 16);
}


static int
push(struct toks *ts, const char *w, size_t wlen, size_t start, size_t end)
{
	struct tok *t;

	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 64;
		struct tok *p = realloc(ts->t, cap * sizeof(*p));

		if (!p)
			return DY_ENOMEM;
		ts->t = p;
		ts->cap = cap;
	}
	t = &ts->t[ts->n++];
	if (wlen > WORD_MAX) {
		/* too long to be any word we look for: keep its place only */
		memcpy(t->w, "#", 2);
	} else {
		memcpy(t->w, w, wlen);
		t->w[wlen] = '\0';
	}
	t->known = t->in = 0;
	t->shout = ts->shout;
	t->scare = false;
	t->start = start;
	t->end = end;
	t->sent = ts->sent;
	t->clause = ts->clause;
	return 0;
}

/* Spelled-out contractions, for words written with or without the
 * apostrophe. */
#define C(word, first, second) {word, sizeof(word) - 1, first, second}
static const struct {
	const char *word;
	size_t len;
	const char *first, *second;
} contractions[] = {
	C("don't", "do", "not"), C("dont", "do", "not"), C("doesn't", "does", "not"),
	C("doesnt", "does", "not"), C("didn't", "did", "not"), C("didnt", "did", "not"),
	C("isn't", "is", "not"), C("isnt", "is", "not"), C("aren't", "are", "not"),
	C("arent", "are", "not"), C("wasn't", "was", "not"), C("wasnt", "was", "not"),
	C("weren't", "were", "not"), C("can't", "can", "not"), C("cant", "can", "not"),
	C("cannot", "can", "not"), C("won't", "will", "not"), C("wont", "will", "not"),
	C("wouldn't", "would", "not"), C("wouldnt", "would", "not"), C("couldn't", "could", "not"),
	C("couldnt", "could", "not"), C("shouldn't", "should", "not"), C("haven't", "have", "not"),
	C("hasn't", "has", "not"), C("hadn't", "had", "not"), C("mustn't", "must", "not"),
	C("ain't", "is", "not"), C("youre", "you", "are"), C("ur", "you", "are"), C("im", "i", "am"),
	C("let's", "let", "us"),
	/* typed without the apostrophe */
	C("shouldnt", "should", "not"), C("havent", "have", "not"), C("hasnt", "has", "not"),
	C("hadnt", "had", "not"), C("mustnt", "must", "not"), C("werent", "were", "not"),
	C("shouldve", "should", "have"), C("wouldve", "would", "have"), C("couldve", "could", "have"),
	C("mustve", "must", "have"), C("youve", "you", "have"), C("youll", "you", "will"),
	C("youd", "you", "would"), C("thats", "that", "is"), C("whats", "what", "is"),
	C("ive", "i", "have"),
	/* shortened: one word for one */
	C("cos", "because", NULL), C("coz", "because", NULL), C("cuz", "because", NULL),
	C("bcos", "because", NULL), C("bc", "because", NULL),
	/* Irish, Scottish and Australian "you", and "r" for "are" */
	C("ye", "you", NULL), C("ya", "you", NULL), C("yous", "you", NULL), C("youse", "you", NULL), C("r", "are", NULL),
	C("oughtn't", "ought", "not"), C("oughtnt", "ought", "not"), C("oughta", "ought", "to"),
	C("oughtta", "ought", "to"),
};
#undef C

/* Suffixes after an apostrophe, and what they stand for; "'s" is "is"
 * after these words and a possessive (dropped) after any other. */
static const char *const is_words[] = {
	"it", "that", "what", "he", "she", "there", "who", "here", "where", "how", "this", NULL,
};

static int
push_word(struct toks *ts, char *w, size_t wlen, size_t start, size_t end)
{
	uint32_t h = word_hash(w, wlen);
	char *apo;
	size_t i;
	int rc;

	for (i = 0; (ts->spelled[(h >> 7) & 15] & (UINT64_C(1) << ((h >> 11) & 63))) &&
	            i < sizeof(contractions) / sizeof(contractions[0]); i++)
		if (contractions[i].len == wlen && memcmp(contractions[i].word, w, wlen) == 0) {
			if ((rc = push(ts, contractions[i].first, strlen(contractions[i].first), start,
			               end)) != 0 || !contractions[i].second)
				return rc;
			return push(ts, contractions[i].second, strlen(contractions[i].second), start, end);
		}
	apo = memchr(w, '\'', wlen);
	if (apo && apo > w) {
		size_t base = (size_t)(apo - w), rest = wlen - base - 1;
		const char *suffix = apo + 1, *as = NULL;

		if (rest == 2 && memcmp(suffix, "re", 2) == 0)
			as = "are";
		else if (rest == 1 && *suffix == 'm')
			as = "am";
		else if (rest == 2 && memcmp(suffix, "ve", 2) == 0)
			as = "have";
		else if (rest == 2 && memcmp(suffix, "ll", 2) == 0)
			as = "will";
		else if (rest == 1 && *suffix == 'd')
			as = "would";
		else if (rest == 1 && *suffix == 's') {
			w[base] = '\0';
			as = in_list(w, is_words) ? "is" : "";
		}
		if (as) {
			if ((rc = push(ts, w, base, start, end)) != 0)
				return rc;
			return *as ? push(ts, as, strlen(as), start, end) : 0;
		}
	}
	if (wlen == 1 && *w == 'u')  /* text speak: "u" for "you" */
		return push(ts, "you", 3, start, end);
	return push(ts, w, wlen, start, end);
}

/* words before a quote that make it reported speech: "you said
 * 'whatever'", "you called me "lazy"" */
static const char *const speech[] = {
	"said", "say", "says", "saying", "wrote", "write", "writes", "called", "call", "calls",
	"text", "texted", "word", "words", "mean", "means", "meant", "reply", "replied", "asked",
	"told", "typed", "read", "reads", "sign", "like", "shouted", "yelled", "answered",
	"went", "goes", "spelled", "spelt", NULL,
};

/* The length of the quote mark at s (a double quote, curly or guillemet),
 * or 0. */
static size_t
quote_mark(const unsigned char *s, size_t n)
{
	if (n >= 1 && s[0] == '"')
		return 1;
	if (n >= 3 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0x9c || s[2] == 0x9d))
		return 3;
	if (n >= 2 && s[0] == 0xc2 && (s[1] == 0xab || s[1] == 0xbb))
		return 2;
	return 0;
}

/*
 * Whether the double quotes from open (its mark open_len bytes long) to
 * close hold a scare quote: one to three words, the first in lower case,
 * no end of a sentence inside, and not after a word of speech or a colon
 * ("thanks for the "support"", "I'm sure you were "stuck in traffic"";
 * not "you said "fine"", nor a quoted sentence). Such words are read,
 * marked as a scare quote, instead of left out as reported speech.
 */
static bool
scare_pair(const unsigned char *s, size_t open, size_t open_len, size_t close)
{
	size_t i, words = 0, b;
	bool inword = false;
	char prev[WORD_MAX + 1];
	size_t n = 0;

	if (open + open_len >= close || !(s[open + open_len] >= 'a' && s[open + open_len] <= 'z'))
		return false;
	for (i = open + open_len; i < close; i++) {
		bool letter = (s[i] | 32) >= 'a' && (s[i] | 32) <= 'z';

		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';' || s[i] == ':' ||
		    s[i] == '\n' || s[i] == ',')
			return false;
		if (letter && !inword)
			words++;
		inword = letter || (inword && s[i] == '\'');
	}
	if (words < 1 || words > 3)
		return false;
	/* the word before the opening mark */
	for (b = open; b > 0 && s[b - 1] == ' '; b--)
		;
	if (b == 0 || s[b - 1] == ':' || s[b - 1] == ',')
		return false;
	for (i = b; i > 0 && ((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z'); i--)
		;
	for (; i < b && n < WORD_MAX; i++)
		prev[n++] = (char)(s[i] | 32);
	prev[n] = '\0';
	return n > 0 && !in_list(prev, speech);
}

/* "your" typed for "you're": before a word that cannot follow "your"
 * ("your so lazy", "your a liar", "your always late", "your not
 * listening"), it is read as "you are". */
static int
your_as_you_are(struct toks *ts)
{
	static const char *const after[] = {
		"so", "such", "a", "an", "the", "always", "never", "not", "just", "really", "too", NULL,
	};
	int rc;

	for (size_t i = 0; i + 1 < ts->n; i++) {
		struct tok are;

		if (strcmp(ts->t[i].w, "your") != 0 || ts->t[i + 1].sent != ts->t[i].sent ||
		    !in_list(ts->t[i + 1].w, after))
			continue;
		/* "your so-called friends" */
		if (i + 2 < ts->n && strcmp(ts->t[i + 1].w, "so") == 0 &&
		    strcmp(ts->t[i + 2].w, "called") == 0)
			continue;
		memcpy(ts->t[i].w, "you", 4);
		are = ts->t[i];
		memcpy(are.w, "are", 4);
		if ((rc = push(ts, "", 0, 0, 0)) != 0)  /* room for one more */
			return rc;
		memmove(&ts->t[i + 2], &ts->t[i + 1], (ts->n - i - 2) * sizeof(ts->t[0]));
		ts->t[i + 1] = are;
		i++;
	}
	return 0;
}

/* "ur" typed for "your": before a word that follows "your" and not
 * "you are" ("ur fault", "ur mum"), the "you" "are" it was read as
 * becomes "your". */
static void
ur_as_your(struct toks *ts)
{
	static const char *const nouns[] = {
		"fault", "own", "mum", "mom", "mam", "dad", "mother", "father", "sister", "brother",
		"family", "friends", "friend", "mates", "mate", "phone", "car", "job", "turn", "problem",
		"stuff", "ex", "boss", "idea", "place", "house", "room", "birthday", "money", "life",
		"kids", "way", "choice", "call", "name", "side", "time", "shouting", "snoring", "drinking",
		"attitude", "mess", "fault", "stupid", "bloody", "heart", NULL,
	};
	size_t i, j;

	for (i = 0, j = 0; i < ts->n; i++, j++) {
		ts->t[j] = ts->t[i];
		if (i + 2 < ts->n && strcmp(ts->t[i].w, "you") == 0 &&
		    strcmp(ts->t[i + 1].w, "are") == 0 && ts->t[i].end - ts->t[i].start == 2 &&
		    ts->t[i + 1].start == ts->t[i].start && ts->t[i + 2].sent == ts->t[i].sent &&
		    in_list(ts->t[i + 2].w, nouns)) {
			memcpy(ts->t[j].w, "your", 5);
			i++;  /* the "are" goes */
		}
	}
	ts->n = j;
}

static int
tokenize(const char *text, size_t len, struct toks *ts)
{
	const unsigned char *s = (const unsigned char *)text;
	char word[WORD_MAX + 2];
	size_t i = 0, wlen = 0, wstart = 0, quotes = 0, seen = 0, upper = 0, lower = 0;
	size_t scare_at = SIZE_MAX;  /* a word after an opening single quote, not yet closed */
	int scare_left = 0;          /* words to the closing one, at most */
	bool inword = false, quoted = false, dscare = false;
	uint64_t scare_pairs = 0;    /* which of the first 64 pairs of double quotes are scare
	                              * quotes (scare_pair) */
	size_t open = 0, open_len = 0;
	unsigned char *q;
	int rc;

	/* pair the quote marks in order; a last one without a partner is not
	 * a quote */
	for (i = 0; i < len; i++) {
		size_t k = quote_mark(s + i, len - i);

		if (k) {
			if (quotes % 2 == 0) {
				open = i;
				open_len = k;
			} else if (quotes / 2 < 64 && scare_pair(s, open, open_len, i)) {
				scare_pairs |= UINT64_C(1) << (quotes / 2);
			}
			quotes++;
			i += k - 1;
		}
	}
	if (!(ts->ends = calloc(1, 1)))
		return DY_ENOMEM;
	for (i = 0; i < sizeof(contractions) / sizeof(contractions[0]); i++) {
		uint32_t h = word_hash(contractions[i].word, contractions[i].len);

		ts->spelled[(h >> 7) & 15] |= UINT64_C(1) << ((h >> 11) & 63);
	}
	ts->nsent = 1;
	for (i = 0; i <= len; ) {
		size_t k = i < len ? quote_mark(s + i, len - i) : 0;
		size_t step = i < len ? dy_utf8_seq(s + i, len - i) : 1;
		bool letter = false, apostrophe = false, eyeroll = false;
		size_t sigh = 0;  /* the length of "*sigh*" here, or 0 */
		int sep = 0;  /* 1: clause, 2: sentence, 3: question, 4: exclamation */

		/* an action between asterisks: "*sigh*", read as the word "*sigh" */
		if (i + 6 <= len && s[i] == '*' && (s[i + 1] | 32) == 's' && (s[i + 2] | 32) == 'i' &&
		    (s[i + 3] | 32) == 'g' && (s[i + 4] | 32) == 'h')
			sigh = s[i + 5] == '*' ? 6
			       : i + 7 <= len && (s[i + 5] | 32) == 's' && s[i + 6] == '*' ? 7 : 0;

		if (i < len && !k) {
			unsigned char c = s[i];

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))
				letter = true;
			else if ((c == ':' || c == '.') && inword && i + 1 < len && s[i + 1] >= '0' &&
			         s[i + 1] <= '9' && s[i - 1] >= '0' && s[i - 1] <= '9')
				letter = true;  /* a time or a number: "the 8:15", "2.5" */
			else if (step == 4 && memcmp(s + i, "\xf0\x9f\x99\x84", 4) == 0)
				eyeroll = true;  /* the face rolling its eyes, read as the word "eyeroll" */
			else if (c == '\'' || (step == 3 && c == 0xe2 && s[i + 1] == 0x80 &&
			                       (s[i + 2] == 0x98 || s[i + 2] == 0x99)))
				apostrophe = true;
			else if (c >= 0x80 && !(step == 3 && c == 0xe2 && s[i + 1] == 0x80))
				letter = true;  /* a letter of another script: part of a word */
			else if (c == ',' || c == '(' || c == ')' || c == '*' ||
			         (step == 3 && c == 0xe2 && s[i + 1] == 0x80 &&
			          (s[i + 2] == 0x93 || s[i + 2] == 0x94)))
				sep = 1;
			else if (c == '!')
				sep = 4;
			else if (c == '.' || c == ';' || c == '\n' || c == ':' ||
			         (step == 3 && c == 0xe2 && s[i + 1] == 0x80 && s[i + 2] == 0xa6))
				sep = 2;
			else if (c == '?')
				sep = 3;
		}
		if (letter || (apostrophe && inword)) {
			if (!inword) {
				inword = true;
				wstart = i;
				wlen = 0;
				upper = lower = 0;
			}
			upper += s[i] >= 'A' && s[i] <= 'Z';
			lower += s[i] >= 'a' && s[i] <= 'z';
			if (letter && step == 1 && wlen <= WORD_MAX)
				word[wlen++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
			else if (apostrophe && wlen <= WORD_MAX)
				word[wlen++] = '\'';
			else
				wlen = WORD_MAX + 1;  /* another script: matches nothing */
			i += step;
			continue;
		}
		if (inword) {
			size_t n0 = ts->n, full = wlen;
			/* a single quote just before the word: "you 'helped'" */
			bool lead = (wstart >= 1 && s[wstart - 1] == '\'') ||
			            (wstart >= 3 && s[wstart - 3] == 0xe2 && s[wstart - 2] == 0x80 &&
			             (s[wstart - 1] == 0x98 || s[wstart - 1] == 0x99));
			bool lowercase = s[wstart] >= 'a' && s[wstart] <= 'z';

			inword = false;
			while (wlen > 0 && wlen <= WORD_MAX && word[wlen - 1] == '\'')
				wlen--;  /* a closing single quote, or "parents'" */
			ts->shout = upper >= 2 && lower == 0;
			if (!quoted && wlen > 0 && (rc = push_word(ts, word, wlen, wstart, i)) != 0)
				return rc;
			ts->shout = false;
			if (dscare && ts->n > n0)
				ts->t[n0].scare = true;
			/* a scare quote: one to three lower-case words in single
			 * quotes, not a letter ("rock 'n' roll") nor a title */
			if (ts->n > n0) {
				bool trail = wlen < full && wlen <= WORD_MAX;

				if (lead && trail) {
					ts->t[n0].scare = lowercase && wlen > 1;
					scare_at = SIZE_MAX;
				} else if (lead) {
					scare_at = lowercase ? n0 : SIZE_MAX;
					scare_left = 2;
				} else if (trail && scare_at != SIZE_MAX) {
					ts->t[scare_at].scare = true;
					scare_at = SIZE_MAX;
				} else if (scare_at != SIZE_MAX && --scare_left < 1) {
					scare_at = SIZE_MAX;
				}
			}
		}
		if (i == len)
			break;
		if (eyeroll || sigh) {
			if (!quoted && (rc = eyeroll ? push(ts, "eyeroll", 7, i, i + 4)
			                             : push(ts, "*sigh", 5, i, i + sigh)) != 0)
				return rc;
			i += eyeroll ? 4 : sigh;
			continue;
		}
		if (k) {
			size_t pair = seen / 2;

			if (++seen < quotes || quotes % 2 == 0) {
				if (pair < 64 && (scare_pairs >> pair & 1))
					dscare = !dscare;
				else
					quoted = !quoted;
			}
			i += k;
			continue;
		}
		if (sep == 1) {
			ts->clause++;
		} else if (sep >= 2 && !quoted) {
			/* a new sentence only after words, so "?!" and "..." are one
			 * end, the end of the sentence before */
			bool words = ts->n > 0 && ts->t[ts->n - 1].sent == ts->sent;
			size_t at = words || ts->nsent < 2 ? ts->nsent - 1 : ts->nsent - 2;

			if (sep == 3)
				ts->ends[at] |= END_QUESTION;
			else if (sep == 4)
				ts->ends[at] |= END_EXCLAIM;
			if (words) {
				if (!(q = realloc(ts->ends, ts->nsent + 1)))
					return DY_ENOMEM;
				ts->ends = q;
				ts->ends[ts->nsent++] = 0;
				ts->sent++;
				ts->clause++;
			}
		}
		i += step ? step : 1;
	}
	ur_as_your(ts);
	return your_as_you_are(ts);
}

/* ------------------------------------------------------------ matching */

/* Whether token t's word is in the @list named by el (ellen bytes). The
 * answer is kept in the token: a rule looks up the same lists for the same
 * words many times. */
static const struct {
	const char *name;
	const char *const *list;
} lists[] = {
	{"@neg", neg_words}, {"@pos", pos_words}, {"@feeling", NULL},
	/* from here on, the lists whose words are also the model's features
	 * (the long lists above are left out: looking every word up in them
	 * costs more than they add) */
	{"@scorn", scorn_words}, {"@trait", trait_words}, {"@name", name_words},
	{"@sarcname", sarc_names}, {"@sarcpraise", sarc_praise}, {"@hurt", hurt_words},
	{"@traitnoun", trait_nouns}, {"@lesser", lesser_words}, {"@occasion", occasion_words},
	{"@complaint", complaint_words}, {"@image", unkind_images}, {"@praiseadj", praise_adj},
	{"@trait2", trait2_words}, {"@grievance", grievance_words},
	/* "someone" or "somebody" written in capitals: "because SOMEONE used
	 * the last of the milk" */
	{"@someone", NULL},
	/* a word in single quotes, in lower case: "you'll 'definitely' be
	 * home" (a scare quote) */
	{"@scare", NULL},
};
#define LISTS (sizeof(lists) / sizeof(lists[0]))
#define FEATURE_LISTS 3u  /* the first of the lists that are features */

/* the lists of words of praise or joy, and of a grievance or hurt (the
 * model's feature of praise beside a grievance, sentence_features) */
static const char *const tone_praise[] = {"@pos", "@sarcpraise", "@praiseadj", NULL};
static const char *const tone_grievance[] = {
	"@neg", "@grievance", "@complaint", "@hurt", "@lesser", NULL,
};
#define LIST_SOMEONE (LISTS - 2)
#define LIST_NAME 5u
#define LIST_TRAIT2 (LISTS - 4)
#define LIST_GRIEVANCE (LISTS - 3)
#define LIST_SCARE (LISTS - 1)
_Static_assert(LISTS <= 32, "a token keeps its lists in 32 bits");

/* Whether token t's word is in lists[k]. */
static bool
list_has(struct tok *t, unsigned k)
{
	unsigned bit = 1u << k;

	if (!(t->known & bit)) {
		bool in = lists[k].list ? in_list(t->w, lists[k].list)
		          : k == LIST_SOMEONE
		              ? t->shout && (strcmp(t->w, "someone") == 0 || strcmp(t->w, "somebody") == 0)
		          : k == LIST_SCARE
		              ? t->scare
		              : in_list(t->w, feeling_words) || dy_feeling_known(t->w, strlen(t->w));

		t->known |= bit;
		if (in)
			t->in |= bit;
	}
	return (t->in & bit) != 0;
}

static bool
list_matches(const char *el, size_t ellen, struct tok *t)
{
	for (unsigned k = 0; k < LISTS; k++)
		if (lists[k].name[1] == el[1] && lists[k].name[2] == el[2] &&
		    strncmp(lists[k].name, el, ellen) == 0 &&
		    lists[k].name[ellen] == '\0')
			return list_has(t, k);
	return false;
}

/* Whether token t matches a pattern element: words and @lists separated
 * by '|', compared in one pass. */
static bool
element_matches(const char *el, size_t ellen, struct tok *t)
{
	const char *p = el, *end = el + ellen;

	while (p < end) {
		if (*p == '@') {
			const char *bar = p;

			while (bar < end && *bar != '|')
				bar++;
			if (list_matches(p, (size_t)(bar - p), t))
				return true;
			p = bar + 1;
			continue;
		}
		const char *w = t->w;

		while (p < end && *p != '|' && *p == *w)
			p++, w++;
		if ((p == end || *p == '|') && *w == '\0')
			return true;
		while (p < end && *p != '|')
			p++;
		p++;
	}
	return false;
}

/*
 * Match the pattern elements from pat on, starting at token i of the
 * sentence ending before token lim. On success *end is one past the last
 * token matched. Skips are tried shortest first. With no_neg_skip, a
 * negator may not be skipped.
 */
static bool
match_from(const struct toks *ts, size_t i, size_t lim, const char *pat, bool no_neg_skip,
           size_t *end)
{
	const char *sp;
	size_t ellen;

	while (*pat == ' ')
		pat++;
	if (*pat == '\0') {
		*end = i;
		return true;
	}
	for (sp = pat; *sp && *sp != ' '; sp++)
		;
	ellen = (size_t)(sp - pat);
	if (pat[0] == '~') {
		bool cross = pat[1] == '~', intens = pat[1] == '*';
		long max = 0, k;

		for (const char *d = pat + (cross || intens ? 2 : 1); *d >= '0' && *d <= '9'; d++)
			max = max * 10 + (*d - '0');

		for (k = 0; k <= max && i + (size_t)k <= lim; k++) {
			if (k > 0) {
				const struct tok *skipped = &ts->t[i + (size_t)k - 1];

				if (!cross && i > 0 && skipped->clause != ts->t[i - 1].clause)
					break;
				if (no_neg_skip && in_list(skipped->w, negators))
					break;
				if (intens && !in_list(skipped->w, intensifiers))
					break;
			}
			if (match_from(ts, i + (size_t)k, lim, pat + ellen, no_neg_skip, end))
				return true;
		}
		return false;
	}
	if (pat[0] == '?') {
		if (i < lim && element_matches(pat + 1, ellen - 1, &ts->t[i]) &&
		    match_from(ts, i + 1, lim, pat + ellen, no_neg_skip, end))
			return true;
		return match_from(ts, i, lim, pat + ellen, no_neg_skip, end);
	}
	if (i >= lim || !element_matches(pat, ellen, &ts->t[i]))
		return false;
	return match_from(ts, i + 1, lim, pat + ellen, no_neg_skip, end);
}

static bool
sentence_has(const struct toks *ts, size_t a, size_t b, const char *const *list)
{
	for (unsigned k = 0; k < LISTS; k++)
		if (lists[k].list == list) {  /* a @list: what its words' tokens know */
			for (; a < b; a++)
				if (list_has(&ts->t[a], k))
					return true;
			return false;
		}
	for (; a < b; a++)
		if (in_list(ts->t[a].w, list))
			return true;
	return false;
}

/* Whether the sentence [a, b) is a plain yes/no question, asked at its
 * start or in the clause of token i ("you look tired, do you want me to
 * cook?"). */
static bool
is_yes_no_question(const struct toks *ts, size_t a, size_t b, size_t i)
{
	size_t j = i;

	if (b <= a || !(ts->ends[ts->t[a].sent] & END_QUESTION))
		return false;
	while (j > a && ts->t[j - 1].clause == ts->t[i].clause)
		j--;
	return in_list(ts->t[a].w, yes_no_starts) || in_list(ts->t[j].w, yes_no_starts);
}

/* Whether token i starts a clause of its own after a conjunction, though
 * no comma stands before it: "you never listen and | you're so lazy",
 * "... but | then you ...". A conjunction before anything but a subject
 * ("not lazy and | selfish", "and that ...") joins words, not clauses. */
static bool
starts_subclause(const struct toks *ts, size_t a, size_t i)
{
	static const char *const conj[] = {
		"and", "but", "yet", "while", "whereas", "although", "though", "plus", NULL,
	};
	static const char *const subjects[] = {
		"you", "i", "we", "he", "she", "they", "it", "your", "my", "this", "that", NULL,
	};

	if (i <= a || !in_list(ts->t[i].w, subjects))
		return false;
	if (strcmp(ts->t[i - 1].w, "then") == 0 && i - 1 > a)
		i--;
	return in_list(ts->t[i - 1].w, conj) && ts->t[i - 1].clause == ts->t[i].clause;
}

/* Whether w is unkind after "always" or "never miss": @neg (but not the
 * plain words of it), or an unkind act. */
static bool
unkind(const char *w)
{
	return (in_list(w, neg_words) && !in_list(w, neg_but_plain)) || in_list(w, unkind_words);
}

/* Whether the rest of the clause from i on makes "always" kind: a kind
 * word, no unkind one, no "have to", no "know better". */
static bool
kind_after_always(const struct toks *ts, size_t i, size_t lim)
{
	static const char *const subordinators[] = {"when", "whenever", "if", NULL};
	unsigned clause = i < lim ? ts->t[i].clause : 0;
	size_t from = i;
	bool kind = false;

	for (; i < lim && ts->t[i].clause == clause && !starts_subclause(ts, from, i); i++) {
		/* "you always notice when I'm sad": what follows says when */
		if (i > from && in_list(ts->t[i].w, subordinators))
			break;
		if (unkind(ts->t[i].w) ||
		    (strcmp(ts->t[i].w, "have") == 0 && i + 1 < lim && strcmp(ts->t[i + 1].w, "to") == 0) ||
		    (strcmp(ts->t[i].w, "know") == 0 && i + 1 < lim &&
		     (strcmp(ts->t[i + 1].w, "better") == 0 || strcmp(ts->t[i + 1].w, "best") == 0)))
			return false;
		/* "you always know when I need a hug" */
		if (i + 1 < lim && (strcmp(ts->t[i].w, "know") == 0 || strcmp(ts->t[i].w, "knows") == 0) &&
		    strcmp(ts->t[i + 1].w, "when") == 0)
			return true;
		/* "you always make time for us", "you always know what to say",
		 * "you always let me choose" */
		kind = kind || in_list(ts->t[i].w, pos_words) ||
		       (i == from && i + 2 < lim && strcmp(ts->t[i].w, "let") == 0 &&
		        (strcmp(ts->t[i + 1].w, "me") == 0 || strcmp(ts->t[i + 1].w, "us") == 0) &&
		        strcmp(ts->t[i + 2].w, "down") != 0) ||
		       (i + 2 < lim && (strcmp(ts->t[i].w, "know") == 0 || strcmp(ts->t[i].w, "knows") == 0) &&
		        (strcmp(ts->t[i + 1].w, "what") == 0 || strcmp(ts->t[i + 1].w, "how") == 0) &&
		        strcmp(ts->t[i + 2].w, "to") == 0) ||
		       (strcmp(ts->t[i].w, "time") == 0 && i > from &&
		        (strcmp(ts->t[i - 1].w, "make") == 0 || strcmp(ts->t[i - 1].w, "makes") == 0));
	}
	return kind;
}

static bool
kind_after_never(const struct toks *ts, size_t i, size_t lim)
{
	static const char *const too[] = {"busy", "tired", "old", "far", "proud", NULL};
	static const char *const appeared[] = {
		"looked", "look", "looks", "been", "seemed", "sounded", "felt", NULL,
	};
	static const char *const subordinators[] = {
		"when", "whenever", "while", "because", "if", "after", "before", "since", "even", NULL,
	};
	unsigned clause = i < lim ? ts->t[i].clause : 0;
	size_t j;

	for (j = i; j < lim && j < i + 4 && ts->t[j].clause == clause; j++) {
		/* "you never make me feel stupid" */
		if ((strcmp(ts->t[j].w, "make") == 0 || strcmp(ts->t[j].w, "makes") == 0) &&
		    j + 3 < lim && (strcmp(ts->t[j + 1].w, "me") == 0 || strcmp(ts->t[j + 1].w, "us") == 0) &&
		    strcmp(ts->t[j + 2].w, "feel") == 0 &&
		    (in_list(ts->t[j + 3].w, neg_words) ||
		     (j + 4 < lim && in_list(ts->t[j + 4].w, neg_words))))
			return true;
		/* "you're never too busy for me" */
		if (in_list(ts->t[j].w, never_kind_words) ||
		    (strcmp(ts->t[j].w, "too") == 0 && j + 1 < lim && in_list(ts->t[j + 1].w, too))) {
			size_t k;

			/* but not "you never fail to disappoint me" ("when I was sick"
			 * says when, not what) */
			for (k = j + 1; k < lim && ts->t[k].clause == clause && !starts_subclause(ts, j, k) &&
			                !in_list(ts->t[k].w, subordinators); k++)
				if (unkind(ts->t[k].w))
					return false;
			return true;
		}
		/* "you've never looked more beautiful", "never been happier" */
		if (j + 1 < lim && in_list(ts->t[j].w, appeared) &&
		    (in_list(ts->t[j + 1].w, pos_words) ||
		     (j + 2 < lim && (strcmp(ts->t[j + 1].w, "more") == 0 ||
		                      strcmp(ts->t[j + 1].w, "so") == 0) &&
		      (in_list(ts->t[j + 2].w, pos_words) || in_list(ts->t[j + 2].w, sincere_words)))))
			return true;
		/* "never let me down", "never let me feel alone", "never give up
		 * on", "never cease to amaze" */
		if ((strcmp(ts->t[j].w, "let") == 0 || strcmp(ts->t[j].w, "lets") == 0) &&
		    ((j + 1 < lim && strcmp(ts->t[j + 1].w, "down") == 0) ||
		     (j + 2 < lim && strcmp(ts->t[j + 2].w, "down") == 0) ||
		     (j + 3 < lim && strcmp(ts->t[j + 2].w, "feel") == 0 &&
		      in_list(ts->t[j + 3].w, neg_words)) ||
		     (j + 4 < lim && strcmp(ts->t[j + 2].w, "feel") == 0 &&
		      in_list(ts->t[j + 4].w, neg_words))))
			return true;
		if ((strcmp(ts->t[j].w, "give") == 0 || strcmp(ts->t[j].w, "gives") == 0) &&
		    j + 1 < lim && strcmp(ts->t[j + 1].w, "up") == 0 &&
		    !(j + 3 < lim && strcmp(ts->t[j + 2].w, "on") == 0 &&
		      (strcmp(ts->t[j + 3].w, "anything") == 0 || strcmp(ts->t[j + 3].w, "nothing") == 0)))
			return true;
		/* "never miss a chance to make me laugh", "never stop surprising
		 * me": kind when a kind word follows and nothing unkind does */
		if (strcmp(ts->t[j].w, "miss") == 0 || strcmp(ts->t[j].w, "misses") == 0 ||
		    strcmp(ts->t[j].w, "stop") == 0 || strcmp(ts->t[j].w, "stops") == 0 ||
		    strcmp(ts->t[j].w, "cease") == 0 || strcmp(ts->t[j].w, "ceases") == 0) {
			/* "you never stop trying" */
			static const char *const striving[] = {
				"trying", "caring", "learning", "growing", "believing", "giving", "loving",
				"encouraging", NULL,
			};
			bool kind = strcmp(ts->t[j].w, "miss") == 0 || strcmp(ts->t[j].w, "misses") == 0 ||
			            (j + 1 < lim && in_list(ts->t[j + 1].w, striving));
			size_t k;

			for (k = j + 1; k < lim && ts->t[k].clause == clause && !starts_subclause(ts, j, k); k++) {
				if (unkind(ts->t[k].w))
					return false;
				kind = kind || in_list(ts->t[k].w, pos_words) ||
				       in_list(ts->t[k].w, never_kind_words);
			}
			return kind;
		}
		if ((strcmp(ts->t[j].w, "have") == 0 || strcmp(ts->t[j].w, "need") == 0) &&
		    j + 1 < lim && strcmp(ts->t[j + 1].w, "to") == 0)
			return true;
	}
	return false;
}

/* Whether what follows "should" (from i on) makes it an invitation or a
 * kindness: an inviting verb ("come", "see", "try this"), "should not have
 * to", or kind words later in the sentence and no unkind one. */
static bool
kind_should(const struct toks *ts, size_t i, size_t lim)
{
	static const char *const adverbs[] = {
		"really", "definitely", "totally", "so", "just", "also", "absolutely", "both", "to",
		"honestly", "seriously", "all", NULL,
	};
	static const char *const try_objects[] = {
		"the", "this", "that", "it", "some", "these", "those", "how", "what", "your", NULL,
	};
	static const char *const seen[] = {"seen", "heard", "tasted", NULL};
	static const char *const alone[] = {"alone", "yourself", "own", NULL};
	static const char *const comfort[] = {
		"feel", "worry", "blame", "apologise", "apologize", "stress", "beat", NULL,
	};
	size_t j = i;

	while (j < lim && in_list(ts->t[j].w, adverbs))
		j++;
	if (j < lim && in_list(ts->t[j].w, should_invite))
		return true;
	/* "you should go for it", "you should go for that job" */
	if (j + 1 < lim && strcmp(ts->t[j].w, "go") == 0 && strcmp(ts->t[j + 1].w, "for") == 0)
		return true;
	/* a gift: "you shouldn't have!" */
	if (j + 1 < lim && strcmp(ts->t[j].w, "not") == 0 && strcmp(ts->t[j + 1].w, "have") == 0 &&
	    (j + 2 >= lim || ts->t[j + 2].sent != ts->t[j + 1].sent) &&
	    (ts->ends[ts->t[j + 1].sent] & END_EXCLAIM))
		return true;
	/* "you shouldn't be carrying it all on your own" */
	if (j < lim && (strcmp(ts->t[j].w, "not") == 0 || strcmp(ts->t[j].w, "never") == 0) &&
	    sentence_has(ts, i, lim, alone))
		return true;
	if (j + 1 < lim && in_list(ts->t[j].w, should_look) && in_list(ts->t[j + 1].w, try_objects))
		return true;
	if (j + 1 < lim && strcmp(ts->t[j].w, "have") == 0 && in_list(ts->t[j + 1].w, seen))
		return true;
	if (j + 2 < lim && (strcmp(ts->t[j].w, "not") == 0 || strcmp(ts->t[j].w, "never") == 0) &&
	    strcmp(ts->t[j + 1].w, "have") == 0 && strcmp(ts->t[j + 2].w, "to") == 0)
		return true;
	/* comfort: "you shouldn't feel bad", "you shouldn't blame yourself" */
	if (j + 1 < lim && (strcmp(ts->t[j].w, "not") == 0 || strcmp(ts->t[j].w, "never") == 0) &&
	    (in_list(ts->t[j + 1].w, comfort) ||
	     /* "you oughtn't to feel bad" */
	     (j + 2 < lim && strcmp(ts->t[j + 1].w, "to") == 0 && in_list(ts->t[j + 2].w, comfort))))
		return true;
	return sentence_has(ts, i, lim, should_kind) && !sentence_has(ts, i, lim, neg_words);
}

/* The sentence before the one starting at token a: [*pa, a), or false. */
static bool
sentence_before(const struct toks *ts, size_t a, size_t *pa)
{
	size_t j = a;

	if (a == 0)
		return false;
	while (j > 0 && ts->t[j - 1].sent == ts->t[a - 1].sent)
		j--;
	*pa = j;
	return true;
}

/* Whether token t is a grievance: @grievance, or unkind @neg. */
static bool
grievance(struct tok *t)
{
	return list_has(t, LIST_GRIEVANCE) ||
	       (in_list(t->w, neg_words) && !in_list(t->w, neg_but_plain) && !in_list(t->w, negators));
}

/* Whether w is a kind word: @pos, but not the plain words of it ("home",
 * "there"). */
static bool
kind_word(const char *w)
{
	static const char *const plain[] = {"home", "there", NULL};

	return in_list(w, pos_words) && !in_list(w, plain);
}

static bool
sentence_has_kind(const struct toks *ts, size_t a, size_t b)
{
	for (; a < b; a++)
		if (kind_word(ts->t[a].w))
			return true;
	return false;
}

static bool
sentence_has_grievance(const struct toks *ts, size_t a, size_t b)
{
	for (; a < b; a++)
		if (grievance(&ts->t[a]))
			return true;
	return false;
}

/* The guards beyond an int (GUARD(31) on) for a match of tokens [i, e) in
 * the sentence [a, b). */
static bool
more_guards_pass(const struct toks *ts, uint64_t g, size_t a, size_t b, size_t i, size_t e)
{
	static const char *const thanks[] = {
		"thank", "thanks", "grateful", "appreciate", "cheers", "ta", NULL,
	};
	static const char *const glad[] = {
		"thank", "thanks", "congratulations", "congrats", "glad", "proud", "welcome", "grateful",
		NULL,
	};
	static const char *const joy[] = {
		"thank", "thanks", "grateful", "excited", "lovely", "perfect", "brilliant", "amazing",
		"best", "fun", "happy", "gorgeous", "beautiful", "wonderful", "fantastic", "proud", "glad",
		"sweet", "kind", "love", "loved", "great", "delicious", "star", "legend", "hero",
		"awesome", "cute", "yay", "adorable", "laughed", "laughing", "laugh", "thoughtful", "generous", "darling", "angel", "clever", NULL,
	};
	static const char *const praise[] = {
		"lucky", "love", "loved", "grateful", "blessed", "proud", "glad", "happy", "thankful",
		"worth", "luckiest", "adore", "best", NULL,
	};
	size_t j, pa;

	if (g & GRIEVANCE) {
		/* "didn't even text, what a caring boyfriend" */
		bool found = sentence_has_grievance(ts, a, b) || sentence_has(ts, a, b, negators);

		if (!found && sentence_before(ts, a, &pa))
			found = sentence_has_grievance(ts, pa, a) || sentence_has(ts, pa, a, negators);
		if (!found || sentence_has(ts, a, b, thanks) || sentence_has(ts, e, b, glad) ||
		    sentence_has_kind(ts, e, b))
			return false;
	}
	if (g & GRIEVANCE_AFTER) {
		if (!sentence_has_grievance(ts, e, b))
			return false;
		/* "I love sitting here with you doing nothing" */
		for (j = e; j + 1 < b; j++)
			if (strcmp(ts->t[j].w, "with") == 0 && strcmp(ts->t[j + 1].w, "you") == 0)
				return false;
	}
	if (g & FUNNY) {
		/* the pattern ends "before|until|... you|your" */
		static const char *const good_before[] = {
			"fine", "tidy", "spotless", "clean", "peaceful", "quiet", "calm", "paid", "working",
			"full", "happy", "ok", "okay", "slept", "sorted", "organised", "organized", "great",
			"good", "lovely", "perfect", "nice", "time", "worked", "normal", NULL,
		};
		static const char *const wrong_when[] = {
			"only", "missing", "disappears", "disappear", "disappeared", "vanish", "vanishes",
			"wrong", "broken", "breaks", "mess", NULL,
		};
		size_t c = e - 2;  /* the connector */
		bool before = strcmp(ts->t[c].w, "before") == 0 || strcmp(ts->t[c].w, "until") == 0 ||
		              strcmp(ts->t[c].w, "till") == 0;

		for (j = i; j < c; j++)
			if (in_list(ts->t[j].w, negators))
				return false;
		if (before ? !sentence_has(ts, i, c, good_before)
		           : !sentence_has(ts, a, b, wrong_when) && !sentence_has_grievance(ts, a, b))
			return false;
		if (sentence_has_kind(ts, e, b) || sentence_has(ts, e, b, sincere_words))
			return false;
	}
	if (g & PARTNER_JAB) {
		static const char *const me[] = {"i", "me", "myself", "we", "us", NULL};
		static const char *const with[] = {"with", "to", "for", NULL};
		static const char *const nothing[] = {"nothing", NULL};
		/* "living with someone who", "married to a man who" */
		bool mine = sentence_has(ts, a, b, me) ||
		            (i > a && in_list(ts->t[i - 1].w, with) && i >= a + 2) ||
		            (i > a + 1 && in_list(ts->t[i - 2].w, with) &&
		             (strcmp(ts->t[i - 1].w, "a") == 0 || strcmp(ts->t[i - 1].w, "an") == 0)) ||
		            (b - a > 3 && strcmp(ts->t[a].w, "what") == 0 &&
		             strcmp(ts->t[a + 3].w, "point") == 0);

		if (!mine || sentence_has(ts, a, b, praise) || sentence_has_kind(ts, a, b))
			return false;
		if (!sentence_has(ts, e, b, negators) && !sentence_has_grievance(ts, a, b) &&
		    !sentence_has(ts, e, b, nothing))
			return false;
	}
	if (g & ANSWERS_WHO) {
		static const char *const opening[] = {"and", "so", "but", "well", "ok", "okay", NULL};
		static const char *const burden[] = {
			"fault", "idea", "left", "broke", "lost", "spent", "ate", "drank", "used", "took",
			"forgot", "smashed", "crashed", "dented", NULL,
		};
		size_t q;

		if (!sentence_before(ts, a, &pa) || !(ts->ends[ts->t[pa].sent] & END_QUESTION))
			return false;
		q = pa + (a - pa > 1 && in_list(ts->t[pa].w, opening));
		if (strcmp(ts->t[q].w, "whose") != 0 &&
		    !(strcmp(ts->t[q].w, "who") == 0 &&
		      (sentence_has_grievance(ts, pa, a) || sentence_has(ts, pa, a, burden))))
			return false;
	}
	if (g & PREV_THANKS) {
		static const char *const kindly[] = {
			"thank", "thanks", "grateful", "appreciate", "lovely", "nice", "kind", "great", "cheers",
			"job", "sweet", "generous", "thoughtful", "glad", NULL,
		};

		/* in this sentence before the match, or in the one before */
		if (!sentence_has(ts, a, i, kindly) &&
		    (!sentence_before(ts, a, &pa) || !sentence_has(ts, pa, a, kindly)))
			return false;
	}
	if (g & SCARE_QUOTE) {
		/* reported speech: "you said 'whatever'", "you told me 'never again'" */
		static const char *const addressed[] = {"you", "your", "thanks", "thank", NULL};
		static const char *const determiners[] = {"the", "a", "an", "my", "our", "your", "his", "her", NULL};

		/* "thanks for 'the talk'": a name for a thing, not a word of theirs */
		if (in_list(ts->t[i].w, determiners))
			return false;

		if (!sentence_has(ts, a, b, addressed))
			return false;
		for (j = i; j > a && j + 2 > i; j--)
			if (in_list(ts->t[j - 1].w, speech))
				return false;
	}
	if ((g & NOT_WRONG) && e < b && strcmp(ts->t[e].w, "wrong") == 0)
		return false;
	if (g & NOT_FOR) {
		/* "bless your heart for coming", "bless your heart, you poor thing,
		 * you must be exhausted" */
		static const char *const sympathy[] = {"poor", "must", "sorry", "bless", NULL};

		if ((e < b && strcmp(ts->t[e].w, "for") == 0) || sentence_has(ts, e, b, sympathy))
			return false;
		/* "bless your heart, you didn't have to" */
		for (j = e; j + 2 < b; j++)
			if (strcmp(ts->t[j].w, "not") == 0 && strcmp(ts->t[j + 1].w, "have") == 0 &&
			    strcmp(ts->t[j + 2].w, "to") == 0)
				return false;
	}
	if ((g & KIND_INSIDE) && (sentence_has_kind(ts, i, e) || sentence_has(ts, i, e, sincere_words)))
		return false;
	if ((g & NO_JOY) && sentence_has(ts, e, b, joy))
		return false;
	if ((g & NOT_NAME_AFTER) && e < b && list_has(&ts->t[e], LIST_NAME))
		return false;
	if (g & NOT_CHILLY) {
		static const char *const chilly[] = {
			"jumper", "coat", "heating", "blanket", "freezing", "warm", "hands", "feet", "fire",
			"tea", "scarf", "outside", "weather", "snow", "winter", "cardigan", "hoodie", "shivering",
			"jacket", "sweater", "gloves", "hug", NULL,
		};
		size_t lim = b;

		while (lim < ts->n && ts->t[lim].sent == ts->t[b - 1].sent + 1)
			lim++;
		if (sentence_has(ts, a, lim, chilly))
			return false;
	}
	if (g & NOT_OBJECT) {
		static const char *const object_of[] = {
			"with", "for", "to", "of", "love", "miss", "adore", "thank", "need", "want", "beside", NULL,
		};

		if (i > a && in_list(ts->t[i - 1].w, object_of) && e == b)
			return false;
	}
	if (g & NOT_REPORTED) {
		static const char *const think[] = {
			"think", "thinks", "thought", "believe", "believes", "reckon", "reckons", "claim",
			"claims", "pretend", "pretends", NULL,
		};

		if ((i > a && in_list(ts->t[i - 1].w, think)) || sentence_has(ts, i, e, think))
			return false;
	}
	if ((g & NOT_TIMED) && i > a && strcmp(ts->t[i - 1].w, "time") == 0)
		return false;
	if (g & NOT_LOOK) {
		static const char *const look[] = {
			"look", "looks", "looked", "seem", "seems", "seemed", "sound", "sounds", "feel", "feels",
			"felt", "must", "be", "looking", NULL,
		};

		if (sentence_has(ts, i + 1, e, look))
			return false;
	}
	if (g & KIND_TRY) {
		/* "trying to help", "only trying to protect me", "trying to be nice",
		 * "trying to make it up to me" (not "trying to make me feel guilty") */
		static const char *const kind_verbs[] = {
			"help", "protect", "cheer", "support", "comfort", "surprise", "fix", "reassure",
			"apologise", "apologize", "understand", "explain", "listen", "care", "look", "please",
			"save", "keep", "spare", NULL,
		};
		static const char *const kind_be[] = {
			"nice", "kind", "helpful", "supportive", "funny", "sweet", "romantic", "thoughtful",
			"fair", "honest", "careful", "positive", "there", NULL,
		};
		static const char *const make_up[] = {"up", "amends", "better", "right", "laugh", "smile", NULL};
		size_t v = e;

		while (v < b && (strcmp(ts->t[v].w, "trying") == 0 || strcmp(ts->t[v].w, "to") == 0))
			v++;  /* "I know you're only | trying to help" */
		if (v < b && in_list(ts->t[v].w, kind_verbs))
			return false;
		if (v + 1 < b && strcmp(ts->t[v].w, "be") == 0 && in_list(ts->t[v + 1].w, kind_be))
			return false;
		if (v < b && strcmp(ts->t[v].w, "make") == 0 && sentence_has(ts, v + 1, v + 5 < b ? v + 5 : b, make_up))
			return false;
	}
	if (g & LOGISTICS) {
		/* "you'll need to bring a jacket": what will be needed, not a demand */
		static const char *const future[] = {"will", "would", "might", "may", "could", NULL};
		static const char *const errands[] = {
			"bring", "take", "pack", "wear", "book", "park", "leave", "allow", "show", "change",
			"grab", "get", "pick", "set", "charge", "print", "register", "sign", "catch", "buy",
			"queue", "arrive", "check", "fill", "use", "walk", "drive", "order", NULL,
		};

		if (e - i >= 3 && in_list(ts->t[i + 1].w, future) && e < b && in_list(ts->t[e].w, errands))
			return false;
	}
	if (g & UNKIND_SENT) {
		bool found = false;

		for (j = a; j < b && !found; j++)
			found = grievance(&ts->t[j]) || list_has(&ts->t[j], LIST_TRAIT2) ||
			        strcmp(ts->t[j].w, "cold") == 0 ||
			        in_list(ts->t[j].w, trait_words) || in_list(ts->t[j].w, scorn_words);
		if (!found)
			return false;
	}
	return true;
}

/* Whether the rule's guards let a match of tokens [i, e) in the sentence
 * [a, b) count. */
static bool
guards_pass(const struct toks *ts, uint64_t g, size_t a, size_t b, size_t i, size_t e)
{
	size_t j;

	if ((g & SENT_START) && i != a)
		return false;
	if ((g & NOT_QUESTION) && is_yes_no_question(ts, a, b, i))
		return false;
	if (g & NEG_BEFORE)
		for (j = i; j > a && ts->t[j - 1].clause == ts->t[i].clause &&
		            !starts_subclause(ts, a, j); j--)
			/* "I can't believe you're this selfish" is not a denial */
			if (in_list(ts->t[j - 1].w, negators) &&
			    !(j < i && strcmp(ts->t[j].w, "believe") == 0 && j >= a + 2 &&
			      (strcmp(ts->t[j - 2].w, "can") == 0 || strcmp(ts->t[j - 2].w, "could") == 0)))
				return false;
	if ((g & NOT_AFTER_DO) && i > a &&
	    (strcmp(ts->t[i - 1].w, "do") == 0 || strcmp(ts->t[i - 1].w, "does") == 0 ||
	     strcmp(ts->t[i - 1].w, "did") == 0))
		return false;
	if (g & NEG_AFTER) {
		bool found = false;

		for (j = e; j < b && j < e + 7 && !found; j++)
			found = in_list(ts->t[j].w, neg_words);
		if (!found)
			return false;
	}
	if ((g & NEG_IN_SENT) && !sentence_has(ts, a, b, neg_words))
		return false;
	if (g & YOU_IN_SENT) {
		/* what makes "you" an object: "every time I hear that song I think
		 * of you" is not about what my partner does */
		static const char *const object_of[] = {
			"of", "for", "with", "about", "at", "to", "from", "without", "like", "than", "near",
			"miss", "love", "see", "saw", "hear", "heard", "thank", "call", "called", "hug", "kiss",
			NULL,
		};
		bool found = false;

		for (j = a; j < b && !found; j++)
			found = strcmp(ts->t[j].w, "your") == 0 ||
			        (strcmp(ts->t[j].w, "you") == 0 &&
			         (j == a || !in_list(ts->t[j - 1].w, object_of)));
		if (!found)
			return false;
	}
	if ((g & KIND_ALWAYS) && kind_after_always(ts, e, b))
		return false;
	if ((g & KIND_NEVER) && kind_after_never(ts, e, b))
		return false;
	if ((g & CLAUSE_ALONE) &&
	    ((i > a && ts->t[i - 1].clause == ts->t[i].clause) ||
	     (e < b && ts->t[e].clause == ts->t[e - 1].clause)))
		return false;
	if ((g & KIND_SHOULD) && kind_should(ts, e, b))
		return false;
	if (g & NOT_FRAMED) {
		for (j = i; j > a && j + 2 > i && ts->t[j - 1].clause == ts->t[i].clause; j--)
			if (in_list(ts->t[j - 1].w, should_frames))
				return false;
		/* "you only need to sign here" */
		for (j = i; j < e; j++)
			if (strcmp(ts->t[j].w, "only") == 0)
				return false;
	}
	if ((g & MUST_DEMAND) && (e >= b || in_list(ts->t[e].w, must_guess)))
		return false;
	if (g & SINCERE) {
		static const char *const sincere[] = {
			"thank", "thanks", "congratulations", "love", "see", "glad", "happy", "proud",
			"welcome", "enjoy", NULL,
		};

		if (sentence_has(ts, e, b, sincere))
			return false;
	}
	if (g & (GOOD_NEWS | IRONIC)) {
		bool irony = false, good = false;

		for (j = e; j < b && !irony; j++) {
			const char *w = ts->t[j].w;

			irony = in_list(w, irony_words) || (in_list(w, neg_words) && !in_list(w, neg_but_plain));
			good = good || in_list(w, sincere_words) ||
			       ((ts->ends[ts->t[a].sent] & END_EXCLAIM) && in_list(w, good_news_words)) ||
			       /* "it went really well", "well done" */
			       (strcmp(w, "well") == 0 && j > e &&
			        (strcmp(ts->t[j - 1].w, "went") == 0 || strcmp(ts->t[j - 1].w, "going") == 0 ||
			         strcmp(ts->t[j - 1].w, "did") == 0 || strcmp(ts->t[j - 1].w, "really") == 0 ||
			         strcmp(ts->t[j - 1].w, "so") == 0 || strcmp(ts->t[j - 1].w, "very") == 0));
		}
		if ((g & GOOD_NEWS) && !irony && good)
			return false;
		if ((g & IRONIC) && !irony)
			return false;
	}
	if (g & BURDEN) {
		static const char *const burden[] = {
			"again", "twice", "redo", "cancel", "over", "headache", "migraine", "awake", "anxiety",
			"tired", "stress", "thrown", "kicked", "banned", "disaster", "nightmare", "row",
			"awkward", "fight", "argument", "drama", "scene", NULL,
		};
		bool found = sentence_has(ts, a, b, neg_words) || sentence_has(ts, a, b, burden) ||
		             sentence_has(ts, a, b, hurt_words);

		for (j = a; j + 1 < b && !found; j++)
			found = (strcmp(ts->t[j].w, "have") == 0 || strcmp(ts->t[j].w, "had") == 0) &&
			        strcmp(ts->t[j + 1].w, "to") == 0;
		if (!found)
			return false;
	}
	if ((g & NO_PRAISE) &&
	    (sentence_has(ts, e, b, pos_words) || sentence_has(ts, e, b, sincere_words)))
		return false;
	if ((g & OWN_CLAUSE) &&
	    (e - i < 3 || ts->t[e - 3].clause == ts->t[e - 2].clause ||
	     (e < b && ts->t[e].clause == ts->t[e - 1].clause)))
		return false;
	if ((g & LAST_AFFIRMED) &&
	    ((e >= i + 2 && in_list(ts->t[e - 2].w, negators)) ||
	     (e >= i + 3 && in_list(ts->t[e - 3].w, negators))))
		return false;
	if (g & NOT_OBLIGED)
		for (j = i; j + 1 < e; j++)
			if ((strcmp(ts->t[j].w, "need") == 0 || strcmp(ts->t[j].w, "have") == 0) &&
			    strcmp(ts->t[j + 1].w, "to") == 0)
				return false;
	if (g & GOOD_FEELING) {
		static const char *const good[] = {
			"safe", "loved", "happy", "better", "lucky", "proud", "calm", "good", "warm",
			"special", "grateful", "close", "blessed", "alive", "young", NULL,
		};
		bool feel = false;

		for (j = e; j < b; j++) {
			if (unkind(ts->t[j].w))
				break;
			if ((strcmp(ts->t[j].w, "feel") == 0 || strcmp(ts->t[j].w, "felt") == 0) &&
			    ((j + 1 < b && in_list(ts->t[j + 1].w, good)) ||
			     (j + 2 < b && in_list(ts->t[j + 2].w, good))))
				feel = true;
		}
		if (feel && j == b)
			return false;
	}
	if ((g & ENDS_SENT) && e != b)
		return false;
	if (g & UNKIND_IMAGE) {
		bool found = false;

		for (j = e; j < b && j < e + 3 && ts->t[j].clause == ts->t[e - 1].clause && !found; j++)
			found = in_list(ts->t[j].w, unkind_images);
		if (!found)
			return false;
	}
	if ((g & STATEMENT) && (ts->ends[ts->t[a].sent] & END_QUESTION))
		return false;
	if (g & CLAUSE_END) {
		static const char *const tags[] = {"eh", "innit", "huh", "hey", "then", NULL};

		if (e < b && ts->t[e].clause == ts->t[e - 1].clause && !in_list(ts->t[e].w, tags))
			return false;
	}
	if (g & TEASING) {
		/* joy in this sentence or the next */
		static const char *const joy[] = {
			"amazing", "incredible", "promotion", "wow", "omg", "awesome", "brilliant",
			"fantastic", "unbelievable", "lovely", "excited", "gorgeous", NULL,
		};
		size_t s = ts->t[i].sent, lim = b;
		bool joyful = false;

		while (lim < ts->n && ts->t[lim].sent == s + 1)
			lim++;
		for (j = e; j < lim && !joyful; j++)
			joyful = in_list(ts->t[j].w, sincere_words) || in_list(ts->t[j].w, joy);
		if (joyful)
			return false;
	}

	if ((g & OFFER) && e + 1 < b && strcmp(ts->t[e].w, "you") == 0) {
		static const char *const offer[] = {"ready", "free", "want", "like", "wish", "need", NULL};

		if (in_list(ts->t[e + 1].w, offer) ||
		    (e + 2 < b && strcmp(ts->t[e + 1].w, "are") == 0 && in_list(ts->t[e + 2].w, offer)))
			return false;
	}
	if ((g & CONTINUES) && (e >= b || ts->t[e].clause != ts->t[e - 1].clause))
		return false;
	if ((g >> 31) && !more_guards_pass(ts, g, a, b, i, e))
		return false;
	if (g & CRITICAL_AFTER) {
		static const char *const critical[] = {"always", "never", NULL};

		if (!sentence_has(ts, e, b, neg_words) && !sentence_has(ts, e, b, critical))
			return false;
	}
	return true;
}

/* A word's first letter as one bit of 27 (a-z, anything else). */
static uint32_t
letter_bit(char c)
{
	return c >= 'a' && c <= 'z' ? UINT32_C(1) << (c - 'a') : UINT32_C(1) << 26;
}

/* The first letters a pattern's first word can have, as letter_bit bits:
 * all of them for a skip, an optional word or a @list. Most rules fail on
 * the first word, and this says so without reading the pattern (without
 * the filters below: COACH_UNFILTERED). */
static uint32_t
first_letters(const char *pat)
{
	uint32_t bits = 0;
	bool start = true;

	if (*pat == '~' || *pat == '?')
		return UINT32_MAX;
	for (; *pat && *pat != ' '; pat++) {
		if (start && *pat == '@')
			return UINT32_MAX;
		if (start)
			bits |= letter_bit(*pat);
		start = *pat == '|';
	}
	return bits;
}

/*
 * Which rules can match a sentence at all, and at which word. A set of
 * words is 128 bits, a word's bit chosen by its hash (word_bit); a
 * sentence's set holds the bits of its words. A rule's pattern has words
 * every match must take (an element of plain words, not optional, not a
 * skip, not a @list); a rule is tried in a sentence only when each of the
 * first FILTER_WORDS of them has a bit in the sentence's set, and when an
 * element of @lists only that every match takes has a word in the
 * sentence that may be in one of them. It is tried at a word only when
 * the word can be the first one matched: one of the words of the
 * pattern's leading optional elements and its first required one, or in
 * one of their @lists ("?a|an|some partner ...": "a", "an", "some" or
 * "partner"; "@scare": a word in scare quotes). A bit shared by chance
 * only lets a rule be tried that cannot match; a rule that can match is
 * always tried, so the findings are the same as trying every rule (the
 * unit test compares them, COACH_UNFILTERED).
 */
#define FILTER_WORDS 6
#define FILTER_FROM 64  /* words in a text from which the model's memo pays for itself */

struct wordset {
	uint64_t b[2];
};

/* The words of a @list, as a set of 4096 bits (a list has up to 150
 * words, too many for 128): a word whose bit is not in it is not in the
 * list. */
struct listset {
	uint64_t b[64];
};

struct rule_filter {
	bool first_any;                     /* the first word matched can be any word */
	struct wordset first;               /* else it is one of these (their bits) ... */
	uint32_t first_lists;               /* ... or in one of these @lists */
	uint32_t need_lists;                /* a word of one of these @lists is taken */
	unsigned nwords;
	struct wordset words[FILTER_WORDS]; /* each: the bits of an element's words */
};

static unsigned
word_bit(const char *w, size_t n)
{
	return word_hash(w, n) & 127u;
}

static void
wordset_add(struct wordset *ws, unsigned bit)
{
	ws->b[bit >> 6] |= UINT64_C(1) << (bit & 63);
}

static unsigned
wordset_bits(const struct wordset *x)
{
	unsigned n = 0;

	for (int i = 0; i < 2; i++)
		for (uint64_t v = x->b[i]; v; v &= v - 1)
			n++;
	return n;
}

static bool
wordset_meets(const struct wordset *x, const struct wordset *y)
{
	return ((x->b[0] & y->b[0]) | (x->b[1] & y->b[1])) != 0;
}

static bool
wordset_has(const struct wordset *x, unsigned bit)
{
	return ((x->b[bit >> 6] >> (bit & 63)) & 1) != 0;
}

/* Whether a word with hash h (word_hash) may be in the set. */
static bool
listset_has(const struct listset *x, uint32_t h)
{
	return ((x->b[(h >> 7) & 63] >> ((h >> 13) & 63)) & 1) != 0;
}

static void
listset_add(struct listset *x, uint32_t h)
{
	x->b[(h >> 7) & 63] |= UINT64_C(1) << ((h >> 13) & 63);
}

/* The index in lists of the @list named s (n bytes), or LISTS. */
static unsigned
list_index(const char *s, size_t n)
{
	for (unsigned k = 0; k < LISTS; k++)
		if (strlen(lists[k].name) == n && memcmp(lists[k].name, s, n) == 0)
			return k;
	return LISTS;
}

/* The pattern element [el, end): its words' bits into ws, its @lists into
 * *ls. Whether it has a plain word. */
static bool
element_sets(const char *el, const char *end, struct wordset *ws, uint32_t *ls)
{
	bool words = false;

	for (const char *w = el; w < end; ) {
		const char *bar = w;

		while (bar < end && *bar != '|')
			bar++;
		if (*w == '@') {
			unsigned k = list_index(w, (size_t)(bar - w));

			if (k < LISTS)
				*ls |= UINT32_C(1) << k;
		} else {
			wordset_add(ws, word_bit(w, (size_t)(bar - w)));
			words = true;
		}
		w = bar + 1;
	}
	return words;
}

/* The rule's filter: the words its pattern must take, the @lists it must
 * take a word of, and the words it can start with. */
static void
rule_filter(const char *pat, struct rule_filter *f)
{
	bool first_done = false;

	memset(f, 0, sizeof(*f));
	for (;;) {
		const char *end;
		bool opt, skip;

		while (*pat == ' ')  /* as match_from reads it */
			pat++;
		if (!*pat)
			break;
		end = pat;
		opt = *pat == '?';
		skip = *pat == '~';
		while (*end && *end != ' ')
			end++;
		if (!first_done && skip) {
			f->first_any = first_done = true;  /* a skip: the first word can be any */
		} else if (!first_done) {
			(void)element_sets(pat + opt, end, &f->first, &f->first_lists);
			first_done = !opt;
		}
		if (!opt && !skip) {
			struct wordset ws = {{0, 0}};
			uint32_t ls = 0;
			bool words = element_sets(pat, end, &ws, &ls);

			if (words && !ls && f->nwords < FILTER_WORDS)
				f->words[f->nwords++] = ws;
			else if (!words && ls && !f->need_lists)
				f->need_lists = ls;
		}
		pat = *end ? end + 1 : end;
	}
	if (!first_done)
		f->first_any = true;  /* optional elements only */
	for (unsigned i = 1; i < f->nwords; i++)
		for (unsigned j = i; j > 0 && wordset_bits(&f->words[j]) < wordset_bits(&f->words[j - 1]); j--) {
			struct wordset t = f->words[j];

			f->words[j] = f->words[j - 1];
			f->words[j - 1] = t;
		}
}

/*
 * A pattern read once into elements (the index keeps them), so that a
 * match does not read the pattern's text again at every word, and an
 * element says without comparing words that a word cannot be one of its
 * own: its words' bits (word_bit). match_el reads them as match_from reads
 * the text, with the same result.
 */
enum { EL_WORDS, EL_OPTIONAL, EL_SKIP, EL_SKIP_CROSS, EL_SKIP_INTENS };

struct element {
	const char *s;          /* the words and @lists, '|' between them (no '?' or '~') */
	uint16_t len;
	unsigned char type;     /* EL_... */
	unsigned max;           /* a skip's most words */
	struct wordset words;   /* the bits of its plain words */
	uint32_t lists;         /* its @lists */
};

#define ELEMENTS_MAX 4096  /* of all the rules; a rule past it is read from its text */

/* Whether token t matches element el (element_matches, without comparing
 * words whose bit is not the token's). */
static bool
el_matches(const struct element *el, struct tok *t)
{
	if (wordset_has(&el->words, t->wbit))
		return element_matches(el->s, el->len, t);
	for (uint32_t l = el->lists; l; l &= l - 1)
		if (list_has(t, (unsigned)__builtin_ctz(l)))
			return true;
	return false;
}

/* match_from over the elements [el, stop). */
static bool
match_el(const struct toks *ts, size_t i, size_t lim, const struct element *el,
         const struct element *stop, bool no_neg_skip, size_t *end)
{
	if (el == stop) {
		*end = i;
		return true;
	}
	if (el->type >= EL_SKIP) {
		for (size_t k = 0; k <= el->max && i + k <= lim; k++) {
			if (k > 0) {
				const struct tok *skipped = &ts->t[i + k - 1];

				if (el->type == EL_SKIP && i > 0 && skipped->clause != ts->t[i - 1].clause)
					break;
				if (no_neg_skip && (skipped->flags & TOK_NEGATOR))
					break;
				if (el->type == EL_SKIP_INTENS && !(skipped->flags & TOK_INTENSIFIER))
					break;
			}
			if (match_el(ts, i + k, lim, el + 1, stop, no_neg_skip, end))
				return true;
		}
		return false;
	}
	if (el->type == EL_OPTIONAL) {
		if (i < lim && el_matches(el, &ts->t[i]) &&
		    match_el(ts, i + 1, lim, el + 1, stop, no_neg_skip, end))
			return true;
		return match_el(ts, i, lim, el + 1, stop, no_neg_skip, end);
	}
	if (i >= lim || !el_matches(el, &ts->t[i]))
		return false;
	return match_el(ts, i + 1, lim, el + 1, stop, no_neg_skip, end);
}

/* Pattern pat as elements from els[*n] on (at most ELEMENTS_MAX in all):
 * their number, or 0 when they do not fit (*n unchanged). */
static uint16_t
pattern_elements(const char *pat, struct element *els, size_t *n)
{
	size_t at = *n;

	for (;;) {
		struct element *el;
		const char *end;

		while (*pat == ' ')
			pat++;
		if (!*pat)
			break;
		if (at >= ELEMENTS_MAX)
			return 0;
		for (end = pat; *end && *end != ' '; end++)
			;
		if (end - pat > UINT16_MAX)
			return 0;
		el = &els[at++];
		memset(el, 0, sizeof(*el));
		if (*pat == '~') {
			const char *d = pat + 1;

			el->type = *d == '~' ? EL_SKIP_CROSS : *d == '*' ? EL_SKIP_INTENS : EL_SKIP;
			/* past the longest text's words, a larger skip is the same */
			for (d += el->type != EL_SKIP; *d >= '0' && *d <= '9' && el->max <= DY_COACH_TEXT_MAX;
			     d++)
				el->max = el->max * 10 + (unsigned)(*d - '0');
		} else {
			el->type = *pat == '?' ? EL_OPTIONAL : EL_WORDS;
			el->s = pat + (el->type == EL_OPTIONAL);
			el->len = (uint16_t)(end - el->s);
			(void)element_sets(el->s, end, &el->words, &el->lists);
		}
		pat = end;
	}
	at -= *n;
	*n += at;
	return (uint16_t)at;
}

/* Whether token t can be the first word the rule of filter f matches. */
static bool
first_fits(const struct rule_filter *f, struct tok *t)
{
	if (f->first_any || wordset_has(&f->first, t->wbit))
		return true;
	for (uint32_t l = f->first_lists; l; l &= l - 1)
		if (list_has(t, (unsigned)__builtin_ctz(l)))
			return true;
	return false;
}

/*
 * The rules of a kind that can match a sentence whose words are the set
 * words and may be in the @lists maybe, in their order, into tried: their
 * number. by_key[bit] has the rules whose filter's first (fewest bits)
 * set of words has that bit, unfiltered the rules without words.
 */
static size_t
rules_to_try(const struct rule_filter *filters, const uint64_t (*by_key)[RULE_WORDS],
             const uint64_t unfiltered[RULE_WORDS], const struct wordset *words, uint32_t maybe,
             unsigned char *tried)
{
	uint64_t cand[RULE_WORDS];
	size_t n = 0;

	memcpy(cand, unfiltered, sizeof(cand));

	for (int h = 0; h < 2; h++)
		for (uint64_t v = words->b[h]; v; v &= v - 1) {
			unsigned bit = (unsigned)h * 64 + (unsigned)__builtin_ctzll(v);

			for (int w = 0; w < RULE_WORDS; w++)
				cand[w] |= by_key[bit][w];
		}
	for (int h = 0; h < RULE_WORDS; h++)
		for (uint64_t v = cand[h]; v; v &= v - 1) {
			unsigned r = (unsigned)h * 64 + (unsigned)__builtin_ctzll(v), k;

			if (filters[r].need_lists && !(filters[r].need_lists & maybe))
				continue;
			for (k = 1; k < filters[r].nwords; k++)
				if (!wordset_meets(&filters[r].words[k], words))
					break;
			if (k >= filters[r].nwords)
				tried[n++] = (unsigned char)r;
		}
	return n;
}

/* The parts of an I-statement: patterns for each, anywhere in the text. */
static const struct {
	unsigned part;
	const char *pattern;
} part_rules[] = {
	{DY_COACH_PART_FEELING, "i ~*2 feel|felt|am|was|get|got|feeling|become|grow ~*3 @feeling"},
	{DY_COACH_PART_SITUATION, "when|whenever|after|during"},
	{DY_COACH_PART_SITUATION, "@feeling ~*1 that|about|since|because|by|at|with|to"},
	{DY_COACH_PART_NEED, "i ~*2 need|needed|value|long|miss|want|wanted|hope|wish"},
	{DY_COACH_PART_NEED, "i ~*1 would ~*1 like|love|appreciate"},
	{DY_COACH_PART_NEED, "i ~1 was|am|been hoping"},
	{DY_COACH_PART_NEED, "matters|important|means ~1 to me"},
	{DY_COACH_PART_REQUEST, "would|could|can|will you"},
	{DY_COACH_PART_REQUEST, "would|could|can|shall we"},
	{DY_COACH_PART_REQUEST, "let us"},
	{DY_COACH_PART_REQUEST, "please"},
	{DY_COACH_PART_REQUEST, "how about"},
	{DY_COACH_PART_REQUEST, "would it be"},
	{DY_COACH_PART_REQUEST, "i ~*1 would ~*1 like|love ~*1 us|you|if"},
	{DY_COACH_PART_REQUEST, "i am asking"},
};
#define PART_RULES (sizeof(part_rules) / sizeof(part_rules[0]))

/*
 * What the filters know of the rules and the @lists, the same for every
 * text: built once for the process, at the first check (index_get).
 */
struct coach_index {
	uint32_t letters[DY_COACH_KINDS][RULES_MAX];           /* the rules' first_letters */
	struct rule_filter filters[DY_COACH_KINDS][RULES_MAX];  /* per kind, per rule */
	uint64_t by_key[DY_COACH_KINDS][128][RULE_WORDS];       /* per kind: rules_to_try's */
	uint64_t unfiltered[DY_COACH_KINDS][RULE_WORDS];       /* per kind: rules_to_try's */
	struct rule_filter parts[PART_RULES];                   /* find_parts' */
	struct listset lists[LISTS];                            /* the words of each @list */
	uint32_t sets;                                          /* the @lists with such a set */
	uint32_t them;                                          /* speaks_to_partner's @lists */
	uint32_t praise, grievance;                             /* tone's @lists */
	struct listset intensifiers;                            /* the words of intensifiers */
	struct element els[ELEMENTS_MAX];                       /* the patterns' elements */
	uint16_t rule_el[DY_COACH_KINDS][RULES_MAX];            /* each rule's first in els */
	uint16_t rule_nel[DY_COACH_KINDS][RULES_MAX];           /* and how many (0: its text) */
	uint16_t part_el[PART_RULES], part_nel[PART_RULES];     /* the same of part_rules */
};
_Static_assert(ELEMENTS_MAX <= UINT16_MAX, "an element's place is 16 bits");

/* The first match of any of the kind's rules in the sentence [a, b)
 * (tried: the n rules to try, in order; with the filters, each tried
 * only at a word it can start with and read from the index's elements,
 * without them where its first_letters allow and from its text): its
 * tokens [*mi, *me). */
static bool
find_kind(const struct toks *ts, enum dy_coach_kind kind, const struct coach_index *x,
          bool filtered, const unsigned char *tried, size_t n, size_t a, size_t b, size_t *mi,
          size_t *me)
{
	size_t i, k;

	for (i = a; i < b && n > 0; i++)
		for (k = 0; k < n; k++) {
			unsigned r = tried[k];
			const struct rule *ru = &kind_rules[kind].rules[r];
			bool neg_skip = (ru->guards & NEG_SKIPPED) != 0;
			size_t e, nel = filtered ? x->rule_nel[kind][r] : 0;
			const struct element *el = &x->els[filtered ? x->rule_el[kind][r] : 0];

			if ((filtered ? first_fits(&x->filters[kind][r], &ts->t[i])
			              : (x->letters[kind][r] & letter_bit(ts->t[i].w[0])) != 0) &&
			    (i == a || !(ru->guards & SENT_START)) &&
			    (nel ? match_el(ts, i, b, el, el + nel, neg_skip, &e)
			         : match_from(ts, i, b, ru->pattern, neg_skip, &e)) &&
			    e > i && guards_pass(ts, ru->guards, a, b, i, e)) {
				*mi = i;
				*me = e;
				return true;
			}
		}
	return false;
}


/* The parts found in the text; with the filters, each part rule tried
 * only at a word it can start with, and read from the index's elements. */
static unsigned
find_parts(const struct toks *ts, const struct coach_index *x, bool filtered)
{
	unsigned parts = 0;
	size_t a, b, i, r;

	for (a = 0; a < ts->n; a = b) {
		for (b = a; b < ts->n && ts->t[b].sent == ts->t[a].sent; b++)
			;
		for (i = a; i < b; i++)
			for (r = 0; r < PART_RULES; r++) {
				size_t e, nel = filtered ? x->part_nel[r] : 0;
				const struct element *el = &x->els[filtered ? x->part_el[r] : 0];

				if (!(parts & part_rules[r].part) &&
				    (!filtered || first_fits(&x->parts[r], &ts->t[i])) &&
				    (nel ? match_el(ts, i, b, el, el + nel, false, &e)
				         : match_from(ts, i, b, part_rules[r].pattern, false, &e)) &&
				    e > i)
					parts |= part_rules[r].part;
			}
	}
	return parts;
}

static void
index_build(struct coach_index *x)
{
	static const char *const lists_of_them[] = {
		"@scorn", "@trait", "@name", "@sarcname", "@sarcpraise", "@traitnoun", "@trait2",
		"@someone", "@scare", NULL,
	};

	size_t nels = 0;

	memset(x, 0, sizeof(*x));
	for (int k = 0; k < DY_COACH_KINDS; k++)
		for (size_t i = 0; i < kind_rules[k].n; i++) {
			const struct rule_filter *f = &x->filters[k][i];
			uint64_t rule = UINT64_C(1) << (i & 63);

			x->letters[k][i] = first_letters(kind_rules[k].rules[i].pattern);
			x->rule_el[k][i] = (uint16_t)nels;
			x->rule_nel[k][i] = pattern_elements(kind_rules[k].rules[i].pattern, x->els, &nels);
			rule_filter(kind_rules[k].rules[i].pattern, &x->filters[k][i]);
			if (f->nwords == 0)
				x->unfiltered[k][i >> 6] |= rule;
			for (unsigned bit = 0; f->nwords > 0 && bit < 128; bit++)
				if (wordset_has(&f->words[0], bit))
					x->by_key[k][bit][i >> 6] |= rule;
		}
	for (size_t r = 0; r < PART_RULES; r++) {
		rule_filter(part_rules[r].pattern, &x->parts[r]);
		x->part_el[r] = (uint16_t)nels;
		x->part_nel[r] = pattern_elements(part_rules[r].pattern, x->els, &nels);
	}
	for (const char *const *w = intensifiers; *w; w++)
		listset_add(&x->intensifiers, word_hash(*w, strlen(*w)));
	for (unsigned k = 0; k < LISTS; k++) {
		bool feeling = strcmp(lists[k].name, "@feeling") == 0;

		for (const char *const *w = lists[k].list ? lists[k].list : feeling ? feeling_words : NULL;
		     w && *w; w++)
			listset_add(&x->lists[k], word_hash(*w, strlen(*w)));
		for (size_t g = 0; feeling && g < dy_feeling_ngroups; g++)
			for (size_t i = 0; i < dy_feeling_groups[g].nwords; i++) {
				const char *w = dy_feeling_groups[g].words[i];

				listset_add(&x->lists[k], word_hash(w, strlen(w)));
			}
		if (lists[k].list || feeling)
			x->sets |= UINT32_C(1) << k;
		if (k >= FEATURE_LISTS && in_list(lists[k].name, lists_of_them))
			x->them |= UINT32_C(1) << k;
		if (in_list(lists[k].name, tone_praise))
			x->praise |= UINT32_C(1) << k;
		if (in_list(lists[k].name, tone_grievance))
			x->grievance |= UINT32_C(1) << k;
	}
}

static struct coach_index shared_index;
static atomic_int shared_state;  /* 0: not built, 1: being built, 2: built */

/*
 * The index: the process's, built by the first call. A call that comes
 * while another thread builds it builds its own into *own (the caller
 * frees it). NULL when out of memory. The core starts no thread, but its
 * callers may call it from several at once.
 */
static const struct coach_index *
index_get(struct coach_index **own)
{
	int state = atomic_load_explicit(&shared_state, memory_order_acquire);

	if (state == 0 && atomic_compare_exchange_strong_explicit(&shared_state, &state, 1,
	                                                          memory_order_acq_rel,
	                                                          memory_order_acquire)) {
		index_build(&shared_index);
		atomic_store_explicit(&shared_state, 2, memory_order_release);
		return &shared_index;
	}
	if (state == 2)
		return &shared_index;
	if (!(*own = malloc(sizeof(**own))))
		return NULL;
	index_build(*own);
	return *own;
}

/* ------------------------------------------------------ the learned part */

/*
 * The model's features (coach_int.h), made from the same tokens the rules
 * read: for each word, the word ('u', marked '!' after a negator earlier
 * in its clause, "you're not lazy"), the word after the one before it in
 * its sentence ('b', "^" at the start), the word's letters in threes and
 * fours with its edges marked ('c': "<sel", "self", ..., "ess>", so
 * "selfishness" shares most with "selfish"), and the rules' short word lists it
 * is in ('l', marked '!' too); for each sentence, a '?' or '!' at its end
 * ('s') and the kinds the rules found in it ('r').
 */

static uint32_t
fnv(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t
feat_hash(char kind, const char *a, const char *b)
{
	uint32_t h = fnv(2166136261u, &kind, 1);

	h = fnv(h, a, strlen(a));
	if (b) {
		h = fnv(h, " ", 1);
		h = fnv(h, b, strlen(b));
	}
	return h;
}

typedef int (*feat_fn)(void *ctx, uint32_t h);

/* The features of word w's letters in threes and fours ('c'). */
static int
gram_features(const char *w, feat_fn fn, void *ctx)
{
	char edged[WORD_MAX + 3];
	size_t n = strlen(w), g;
	int rc;

	edged[0] = '<';
	memcpy(edged + 1, w, n);
	edged[n + 1] = '>';
	for (size_t len = 3; len <= 4; len++)
		for (g = 0; g + len <= n + 2; g++) {
			uint32_t h = fnv(2166136261u, "c", 1);

			if ((rc = fn(ctx, fnv(h, edged + g, len))) != 0)
				return rc;
		}
	return 0;
}

/* The features of token t that depend on its word alone (and on whether
 * it is negated and in capitals): the word, its letters, its lists. */
static int
word_features(struct tok *t, bool negated, feat_fn fn, void *ctx)
{
	const char *mark = negated ? "!" : "";
	int rc;

	if ((rc = fn(ctx, feat_hash('u', mark, t->w))) != 0 || (rc = gram_features(t->w, fn, ctx)) != 0)
		return rc;
	for (unsigned k = FEATURE_LISTS; k < LISTS; k++)
		if (list_has(t, k) && (rc = fn(ctx, feat_hash('l', mark, lists[k].name))) != 0)
			return rc;
	return 0;
}

/* The feature of token i and the word before it in its sentence. */
static int
pair_feature(const struct toks *ts, size_t i, feat_fn fn, void *ctx)
{
	const struct tok *t = &ts->t[i];

	return fn(ctx, feat_hash('b', i > 0 && ts->t[i - 1].sent == t->sent ? ts->t[i - 1].w : "^",
	                         t->w));
}

/* The features of token i; negated: a negator stands before it in its
 * clause. */
static int
token_features(struct toks *ts, size_t i, bool negated, feat_fn fn, void *ctx)
{
	int rc;

	if ((rc = word_features(&ts->t[i], negated, fn, ctx)) != 0)
		return rc;
	return pair_feature(ts, i, fn, ctx);
}

/* Whether a negator stands before each token in its clause: neg[i]. */
static void
negations(const struct toks *ts, bool *neg)
{
	size_t a = 0;
	bool on = false;

	for (size_t i = 0; i < ts->n; i++) {
		if (i == 0 || ts->t[i].sent != ts->t[i - 1].sent)
			a = i;
		if (i == a || ts->t[i].clause != ts->t[i - 1].clause || starts_subclause(ts, a, i))
			on = false;
		neg[i] = on;
		if (in_list(ts->t[i].w, negators))
			on = true;
	}
}

/* Adds a feature's weights to sum (DY_COACH_KINDS of them). */
struct scoring {
	const struct coach_model *m;
	int32_t *sum;
};

static int
add_weights(void *ctx, uint32_t h)
{
	const struct scoring *sc = ctx;
	uint32_t bucket = h >> (32 - COACH_INDEX_BITS);
	size_t lo = sc->m->index[bucket], hi = sc->m->index[bucket + 1];

	for (; lo < hi && sc->m->w[lo].h < h; lo++)
		;
	if (lo < hi && sc->m->w[lo].h == h)
		for (int k = 0; k < DY_COACH_KINDS; k++)
			sc->sum[k] += sc->m->w[lo].w[k];
	return 0;
}

/* The state of one check: tokens, their sentences and what was found. */
struct check {
	struct toks ts;
	size_t *sstart;        /* token where each sentence starts; nsent + 1 of them */
	unsigned char *rbits;  /* per sentence: the kinds the rules found */
	unsigned char *fbits;  /* per sentence: the kinds with a finding */
	bool *speaks;          /* per sentence read by the model: speaks_to_partner's word */
	bool *neg;             /* per token: after a negator in its clause */
	int32_t *tscore;       /* per token, then per sentence: DY_COACH_KINDS scores */
	/* for a long text: each word's word_features' weights, added up once
	 * (a long text says "you" hundreds of times) */
	struct {
		uint32_t *slot;    /* cap of them, by word_hash: 0, or an entry + 1 */
		size_t cap, n;
		size_t *tok;       /* per entry: a token with the word */
		unsigned char *have;  /* per entry: which of sum are added up */
		int32_t (*sum)[8][DY_COACH_KINDS];  /* per entry, scare * 4 + negated * 2 + shout:
		                                     * the weights */
	} memo;
	const struct coach_index *x;  /* the rules' and the @lists' index */
	struct coach_index *own_x;    /* x when this check built its own */
	bool filtered;                /* the filters are used (not COACH_UNFILTERED) */
};

static void
check_release(struct check *c)
{
	free(c->ts.t);
	free(c->ts.ends);
	free(c->sstart);
	free(c->rbits);
	free(c->fbits);
	free(c->speaks);
	free(c->neg);
	free(c->tscore);
	free(c->own_x);
	free(c->memo.slot);
	free(c->memo.tok);
	free(c->memo.sum);
	free(c->memo.have);
}

/* Each token's word_bit, and, with the filters, the @lists it is not in
 * (by their sets of words) and whether it is in the lists of a flag ("SOMEONE",
 * a scare quote). */
static void
tokens_init(struct check *c)
{
	unsigned someone = list_index("@someone", 8), scare = list_index("@scare", 6);

	for (size_t i = 0; i < c->ts.n; i++) {
		struct tok *t = &c->ts.t[i];
		uint32_t h = word_hash(t->w, strlen(t->w));

		t->wbit = (unsigned char)(h & 127u);
		t->flags = (unsigned char)((in_list(t->w, negators) ? TOK_NEGATOR : 0) |
		                           (listset_has(&c->x->intensifiers, h) && in_list(t->w, intensifiers)
		                                ? TOK_INTENSIFIER : 0));
		if (!c->filtered)
			continue;
		for (uint32_t l = c->x->sets; l; l &= l - 1) {
			unsigned k = (unsigned)__builtin_ctz(l);

			if (!listset_has(&c->x->lists[k], h))
				t->known |= UINT32_C(1) << k;
		}
		if (!t->shout)
			t->known |= UINT32_C(1) << someone;
		if (!t->scare)
			t->known |= UINT32_C(1) << scare;
	}
}

/* Tokenise, and find the sentences and negations; with a model, room for
 * its scores (and with the filters, for a text of FILTER_FROM words or
 * more or with COACH_FILTERED, the memo of word_weights); the index, and
 * what the filters know of each token. */
static int
check_init(const char *text, size_t len, bool model, enum coach_use use, struct check *c)
{
	size_t a, s;
	int rc;

	if ((rc = tokenize(text, len, &c->ts)) != 0)
		return rc;
	if (!(c->sstart = calloc(c->ts.nsent + 1, sizeof(*c->sstart))) ||
	    !(c->rbits = calloc(c->ts.nsent, 1)) || !(c->fbits = calloc(c->ts.nsent, 1)) ||
	    !(c->neg = calloc(c->ts.n + 1, sizeof(*c->neg))) ||
	    (model && !(c->speaks = calloc(c->ts.nsent, sizeof(*c->speaks)))) ||
	    (model && !(c->tscore = calloc((c->ts.n + c->ts.nsent) * DY_COACH_KINDS,
	                                   sizeof(*c->tscore)))) ||
	    !(c->x = index_get(&c->own_x)))
		return DY_ENOMEM;
	for (s = 0, a = 0; s <= c->ts.nsent; s++) {
		while (a < c->ts.n && c->ts.t[a].sent < s)
			a++;
		c->sstart[s] = a;
	}
	c->filtered = !(use & COACH_UNFILTERED);
	tokens_init(c);
	if (model && c->filtered && (c->ts.n >= FILTER_FROM || (use & COACH_FILTERED))) {
		for (c->memo.cap = 16; c->memo.cap < 2 * c->ts.n; c->memo.cap *= 2)
			;
		if (!(c->memo.slot = calloc(c->memo.cap, sizeof(*c->memo.slot))) ||
		    !(c->memo.tok = malloc(c->ts.n * sizeof(*c->memo.tok))) ||
		    !(c->memo.sum = malloc(c->ts.n * sizeof(*c->memo.sum))) ||
		    !(c->memo.have = malloc(c->ts.n)))
			return DY_ENOMEM;
	}
	negations(&c->ts, c->neg);
	return 0;
}

/* Run the rules over sentence s: c->rbits[s], and the rules' findings
 * into r when use has COACH_RULES. */
static void
rules_sentence(struct check *c, size_t s, enum coach_use use, struct dy_coach_result *r)
{
	size_t a = c->sstart[s], b = c->sstart[s + 1];
	struct wordset words = {{0, 0}};
	uint32_t maybe = 0;  /* the @lists a word of the sentence may be in */

	for (size_t i = a; c->filtered && i < b; i++) {
		wordset_add(&words, c->ts.t[i].wbit);
		maybe |= ~c->ts.t[i].known | c->ts.t[i].in;
	}
	for (int k = 0; k < DY_COACH_KINDS; k++) {
		unsigned char tried[RULES_MAX];  /* the rules that can match here, in order */
		size_t mi, me, n = kind_rules[k].n;

		if (c->filtered)
			n = rules_to_try(c->x->filters[k], c->x->by_key[k], c->x->unfiltered[k], &words,
			                 maybe, tried);
		else
			for (size_t i = 0; i < n; i++)
				tried[i] = (unsigned char)i;
		if (!find_kind(&c->ts, (enum dy_coach_kind)k, c->x, c->filtered, tried, n, a, b, &mi,
		               &me))
			continue;
		c->rbits[s] |= (unsigned char)(1u << k);
		if ((use & COACH_RULES) && r->n < DY_COACH_FINDINGS_MAX) {
			r->findings[r->n].kind = (enum dy_coach_kind)k;
			r->findings[r->n].start = c->ts.t[mi].start;
			r->findings[r->n].end = c->ts.t[me - 1].end;
			r->n++;
			c->fbits[s] |= (unsigned char)(1u << k);
		}
	}
}

/* The model's finding of kind k in the window of tokens [a, b): at the
 * token that weighed most, with the words around it in its clause that
 * weighed for the kind too (at most three each side). */
static void
model_finding(struct check *c, int k, size_t a, size_t b, struct dy_coach_result *r)
{
	const int32_t *ts = c->tscore;
	size_t top = a, i, j, s;

	for (i = a + 1; i < b; i++)
		if (ts[i * DY_COACH_KINDS + k] > ts[top * DY_COACH_KINDS + k])
			top = i;
	s = c->ts.t[top].sent;
	/* at most one finding of a kind per sentence, and none where the rules
	 * found the kind in the window's last sentence (its score is theirs) */
	if ((c->fbits[s] & (1u << k)) || (c->fbits[c->ts.t[b - 1].sent] & (1u << k)) ||
	    r->n >= DY_COACH_FINDINGS_MAX)
		return;
	for (i = top; i > a && top - i < 3 && ts[(i - 1) * DY_COACH_KINDS + k] > 0 &&
	              c->ts.t[i - 1].clause == c->ts.t[top].clause; i--)
		;
	for (j = top + 1; j < b && j - top <= 3 && ts[j * DY_COACH_KINDS + k] > 0 &&
	                  c->ts.t[j].clause == c->ts.t[top].clause; j++)
		;
	r->findings[r->n].kind = (enum dy_coach_kind)k;
	r->findings[r->n].start = c->ts.t[i].start;
	r->findings[r->n].end = c->ts.t[j - 1].end;
	r->n++;
	c->fbits[s] |= (unsigned char)(1u << k);
}

/* Add the weights of token i's word_features under model m to sum, from
 * the memo (added up there at the first token with the word, negated or
 * not, in capitals or not, in scare quotes or not). */
static void
word_weights(struct check *c, const struct coach_model *m, size_t i, int32_t *sum)
{
	struct tok *t = &c->ts.t[i];
	size_t at = word_hash(t->w, strlen(t->w)) & (c->memo.cap - 1), e;
	unsigned v = (unsigned)t->scare * 4 + (unsigned)c->neg[i] * 2 + t->shout;

	while (c->memo.slot[at] && strcmp(c->ts.t[c->memo.tok[c->memo.slot[at] - 1]].w, t->w) != 0)
		at = (at + 1) & (c->memo.cap - 1);
	if (!c->memo.slot[at]) {
		e = c->memo.n++;
		c->memo.tok[e] = i;
		c->memo.have[e] = 0;
		c->memo.slot[at] = (uint32_t)e + 1;
	}
	e = c->memo.slot[at] - 1;
	if (!(c->memo.have[e] & (1u << v))) {
		struct scoring sc = {m, c->memo.sum[e][v]};

		memset(c->memo.sum[e][v], 0, sizeof(c->memo.sum[e][v]));
		(void)word_features(t, c->neg[i], add_weights, &sc);  /* add_weights never fails */
		c->memo.have[e] |= (unsigned char)(1u << v);
	}
	for (int k = 0; k < DY_COACH_KINDS; k++)
		sum[k] += c->memo.sum[e][v][k];
}

/* Whether sentence s speaks to or of the partner: "you" or "your", or a
 * word of the rules' lists of scorn, traits, names and ironic praise.
 * Every kind is said to the partner; a window without such a word
 * ("First.", "Half a thought") has too little to score. */
static bool
speaks_to_partner(struct check *c, size_t s)
{
	static const char *const you[] = {"you", "your", "yours", "yourself", "yourselves", NULL};

	for (size_t i = c->sstart[s]; i < c->sstart[s + 1]; i++) {
		if (in_list(c->ts.t[i].w, you))
			return true;
		for (uint32_t l = c->x->them; l; l &= l - 1)
			if (list_has(&c->ts.t[i], (unsigned)__builtin_ctz(l)))
				return true;
	}
	return false;
}

enum { TONE_PRAISE = 1, TONE_GRIEVANCE = 2 };

/* The tone of sentence s: TONE_PRAISE when a word of praise or joy is in
 * it (tone_praise's lists), TONE_GRIEVANCE when a word of a grievance or
 * hurt is (tone_grievance's). */
static unsigned
tone(struct check *c, size_t s)
{
	unsigned t = 0;

	for (size_t i = c->sstart[s]; i < c->sstart[s + 1] && t != (TONE_PRAISE | TONE_GRIEVANCE); i++) {
		struct tok *tk = &c->ts.t[i];

		for (uint32_t l = c->x->praise; l && !(t & TONE_PRAISE); l &= l - 1)
			if (list_has(tk, (unsigned)__builtin_ctz(l)))
				t |= TONE_PRAISE;
		for (uint32_t l = c->x->grievance; l && !(t & TONE_GRIEVANCE); l &= l - 1)
			if (list_has(tk, (unsigned)__builtin_ctz(l)))
				t |= TONE_GRIEVANCE;
	}
	return t;
}

/* The features of sentence s: a final '?' or '!', the kinds the rules
 * found in it, and praise beside a grievance, in the sentence or across
 * it and the one before (what sarcasm by situation often is: "great
 * start" after "forty minutes late"; a contrast, which a sum of word
 * weights cannot see). */
static int
sentence_features(struct check *c, size_t s, feat_fn fn, void *ctx)
{
	const struct toks *ts = &c->ts;
	unsigned rbits = c->rbits[s], here = tone(c, s), before = here && s > 0 ? tone(c, s - 1) : 0;
	int rc;

	if (here == (TONE_PRAISE | TONE_GRIEVANCE) &&
	    (rc = fn(ctx, feat_hash('x', "praise+grievance", NULL))) != 0)
		return rc;
	if ((here & TONE_PRAISE) && (before & TONE_GRIEVANCE) &&
	    (rc = fn(ctx, feat_hash('x', "grievance, then praise", NULL))) != 0)
		return rc;
	if ((here & TONE_GRIEVANCE) && (before & TONE_PRAISE) &&
	    (rc = fn(ctx, feat_hash('x', "praise, then grievance", NULL))) != 0)
		return rc;
	if ((ts->ends[s] & END_QUESTION) && (rc = fn(ctx, feat_hash('s', "?", NULL))) != 0)
		return rc;
	if ((ts->ends[s] & END_EXCLAIM) && (rc = fn(ctx, feat_hash('s', "!", NULL))) != 0)
		return rc;
	for (int k = 0; k < DY_COACH_KINDS; k++)
		if ((rbits & (1u << k)) && (rc = fn(ctx, feat_hash('r', kind_names[k], NULL))) != 0)
			return rc;
	return 0;
}

/* Score sentence s (after its rules) with model m, then the window of it
 * and the sentence before: best[k] the highest so far, and a finding
 * where a score is above the kind's threshold when use has COACH_MODEL. */
static int
model_sentence(struct check *c, const struct coach_model *m, size_t s, enum coach_use use,
               int32_t best[DY_COACH_KINDS], struct dy_coach_result *r)
{
	size_t n = c->ts.n, a = c->sstart[s > 0 ? s - 1 : 0], b = c->sstart[s + 1], i;
	int32_t *sscore = c->tscore + n * DY_COACH_KINDS;
	struct scoring sc = {m, sscore + s * DY_COACH_KINDS};
	int rc;

	for (i = c->sstart[s]; i < b; i++) {
		struct scoring tsc = {m, c->tscore + i * DY_COACH_KINDS};

		if (c->memo.slot) {
			if ((rc = pair_feature(&c->ts, i, add_weights, &tsc)) != 0)
				return rc;
			word_weights(c, m, i, tsc.sum);
		} else if ((rc = token_features(&c->ts, i, c->neg[i], add_weights, &tsc)) != 0) {
			return rc;
		}
	}
	if ((rc = sentence_features(c, s, add_weights, &sc)) != 0)
		return rc;
	/* the window is sentence s and the one before it (none, or one with
	 * no words, when a is c->sstart[s]) */
	c->speaks[s] = speaks_to_partner(c, s);
	if (!c->speaks[s] && !(s > 0 && c->speaks[s - 1]))
		return 0;
	for (int k = 0; k < DY_COACH_KINDS; k++) {
		int64_t score = m->bias[k];

		for (i = a; i < b; i++)
			score += c->tscore[i * DY_COACH_KINDS + k];
		score += sscore[s * DY_COACH_KINDS + k];
		if (s > 0)
			score += sscore[(s - 1) * DY_COACH_KINDS + k];
		if (score > INT32_MAX - 1)
			score = INT32_MAX - 1;
		else if (score < INT32_MIN)
			score = INT32_MIN;
		if (score > best[k])
			best[k] = (int32_t)score;
		if ((use & COACH_MODEL) && score > m->threshold[k])
			model_finding(c, k, a, b, r);
	}
	return 0;
}

int
coach_check_model(const char *text, size_t len, const struct coach_model *m, enum coach_use use,
                  struct dy_coach_result *out, int32_t best[DY_COACH_KINDS], struct dy_error *err)
{
	struct check c = {0};
	struct dy_coach_result r;
	int32_t best_here[DY_COACH_KINDS];
	bool model = m && m->w;
	size_t i, j, s;
	int rc;

	if (len > DY_COACH_TEXT_MAX)
		return dy_fail(err, DY_ETOOBIG, "The coach reads at most %d KiB at a time.",
		               DY_COACH_TEXT_MAX / 1024);
	if (!dy_utf8_valid(text, len))
		return dy_fail(err, DY_EINVAL, "The text is not valid UTF-8.");
	memset(&r, 0, sizeof(r));
	if (!best)
		best = best_here;
	for (int k = 0; k < DY_COACH_KINDS; k++)
		best[k] = INT32_MIN;
	if ((rc = check_init(text, len, model, use, &c)) != 0) {
		rc = dy_fail(err, rc, "Out of memory.");
		goto out;
	}
	/* sentence by sentence, until the findings are as many as are
	 * reported (unless the best scores are asked for) */
	for (s = 0; s < c.ts.nsent && (r.n < DY_COACH_FINDINGS_MAX || best != best_here); s++) {
		if (c.sstart[s] == c.sstart[s + 1])
			continue;  /* a sentence with no words */
		rules_sentence(&c, s, use, &r);
		if (model && (rc = model_sentence(&c, m, s, use, best, &r)) != 0) {
			rc = dy_fail(err, rc, "Out of memory.");
			goto out;
		}
	}
	/* the findings in the order they occur, by kind where they start
	 * together: an insertion sort of at most DY_COACH_FINDINGS_MAX */
	for (i = 1; i < r.n; i++) {
		struct dy_coach_finding f = r.findings[i];

		for (j = i; j > 0 && (r.findings[j - 1].start > f.start ||
		                      (r.findings[j - 1].start == f.start && r.findings[j - 1].kind > f.kind));
		     j--)
			r.findings[j] = r.findings[j - 1];
		r.findings[j] = f;
	}
	r.parts = find_parts(&c.ts, c.x, c.filtered);
	r.clean = r.n == 0 && r.parts == DY_COACH_PARTS_ALL;
	*out = r;
	rc = 0;
out:
	check_release(&c);
	return rc;
}

int
dy_coach_check(const char *text, size_t len, struct dy_coach_result *out, struct dy_error *err)
{
	return coach_check_model(text, len, &coach_model, coach_model.w ? COACH_BOTH : COACH_RULES,
	                         out, NULL, err);
}

int
coach_text_features(const char *text, size_t len, int (*fn)(void *ctx, uint32_t h), void *ctx,
                    struct dy_error *err)
{
	struct check c = {0};
	struct dy_coach_result r;
	int rc;

	if (len > DY_COACH_TEXT_MAX)
		return dy_fail(err, DY_ETOOBIG, "The coach reads at most %d KiB at a time.",
		               DY_COACH_TEXT_MAX / 1024);
	if (!dy_utf8_valid(text, len))
		return dy_fail(err, DY_EINVAL, "The text is not valid UTF-8.");
	memset(&r, 0, sizeof(r));
	if ((rc = check_init(text, len, false, COACH_RULES, &c)) != 0) {
		rc = dy_fail(err, rc, "Out of memory.");
		goto out;
	}
	for (size_t s = 0; s < c.ts.nsent; s++)
		if (c.sstart[s] < c.sstart[s + 1])
			rules_sentence(&c, s, COACH_RULES, &r);
	for (size_t i = 0; i < c.ts.n; i++)
		if ((rc = token_features(&c.ts, i, c.neg[i], fn, ctx)) != 0)
			goto out;
	for (size_t s = 0; s < c.ts.nsent; s++)
		if ((rc = sentence_features(&c, s, fn, ctx)) != 0)
			goto out;
out:
	check_release(&c);
	return rc;
}

/* ------------------------------------------------------ the I-statement */

/* part trimmed of spaces and a final '.' or '?': [*p, *p + *n) */
static int
part(const char *s, const char *name, const char **p, size_t *n, struct dy_error *err)
{
	size_t len, i;

	if (!s)
		return dy_fail(err, DY_EINVAL, "Say %s.", name);
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.' || s[len - 1] == '?'))
		len--;
	while (len > 0 && *s == ' ')
		s++, len--;
	if (len == 0)
		return dy_fail(err, DY_EINVAL, "Say %s.", name);
	if (len > DY_COACH_PART_MAX)
		return dy_fail(err, DY_EINVAL, "Keep %s under %d bytes.", name, DY_COACH_PART_MAX);
	if (!dy_utf8_valid(s, len))
		return dy_fail(err, DY_EINVAL, "%s is not valid UTF-8.", name);
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return dy_fail(err, DY_EINVAL, "Write %s on one line, without control characters.",
			               name);
	*p = s;
	*n = len;
	return 0;
}

int
dy_coach_istatement(const char *feeling, const char *when, const char *need, const char *request,
                    struct dy_buf *out, struct dy_error *err)
{
	const char *f, *w, *n, *q;
	size_t fl, wl, nl, ql;
	int rc;

	if ((rc = part(feeling, "what you feel", &f, &fl, err)) != 0 ||
	    (rc = part(when, "when you feel it", &w, &wl, err)) != 0 ||
	    (rc = part(need, "what you need", &n, &nl, err)) != 0 ||
	    (rc = part(request, "what you would like to ask", &q, &ql, err)) != 0)
		return rc;
	dy_buf_addf(out, "I feel %.*s when %.*s, because I need %.*s. Would you be willing to %.*s?",
	            (int)fl, f, (int)wl, w, (int)nl, n, (int)ql, q);
	if (out->err)
		return dy_fail(err, out->err, "The statement is too long.");
	return 0;
}

int
dy_coach_json(const char *text, const struct dy_coach_result *r, struct dy_buf *out)
{
	json_t *root = NULL, *list, *parts;
	char *s = NULL;
	size_t i;
	int rc = DY_ENOMEM;

	if (!(root = json_object()) || !(list = json_array()) ||
	    json_object_set_new(root, "findings", list) != 0 ||
	    json_object_set_new(root, "clean", json_boolean(r->clean)) != 0 ||
	    !(parts = json_array()) || json_object_set_new(root, "parts", parts) != 0)
		goto out;
	for (i = 0; i < 4; i++)
		if ((r->parts & (1u << i)) &&
		    json_array_append_new(parts, json_string(dy_coach_part_name(1u << i))) != 0)
			goto out;
	if (r->clean && json_object_set_new(root, "note", json_string(clean_note)) != 0)
		goto out;
	for (i = 0; i < r->n; i++) {
		const struct dy_coach_finding *f = &r->findings[i];
		json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:s%}", "kind", dy_coach_kind_name(f->kind),
		                      "advice", dy_coach_advice(f->kind), "start", (json_int_t)f->start,
		                      "end", (json_int_t)f->end, "text", text + f->start,
		                      f->end - f->start);

		if (!o || json_array_append_new(list, o) != 0)
			goto out;
	}
	if (!(s = json_dumps(root, JSON_COMPACT)))
		goto out;
	rc = dy_buf_addstr(out, s);
out:
	free(s);
	json_decref(root);
	return rc ? dy_buf_fail(out, rc) : 0;
}
