/*
 * messages.h - every user-facing string of the dyad command, in one place so
 * that translation can come later. English first.
 *
 * Voice (DESIGN.md): plain, warm, second person, short sentences; never
 * judging or scolding. Errors are one line; main prefixes them with "dyad: ".
 * Format strings stay literals (macros) so the compiler checks their
 * arguments.
 */
#ifndef DY_CLI_MESSAGES_H
#define DY_CLI_MESSAGES_H

/* ------------------------------------------------------------- usage */

#define M_UNKNOWN_OPTION "Unknown option '%s'."
#define M_UNKNOWN_SHORT "Unknown option '-%c'."
#define M_NEEDS_VALUE "Option '%s' needs a value."
#define M_NEEDS_VALUE_SHORT "Option '-%c' needs a value."
#define M_SEE_HELP "%s See 'dyad %s --help'.\n"
#define M_UNKNOWN_COMMAND "'%s' is not a dyad command; see 'dyad help'."
#define M_UNKNOWN_SUB "'%s' is not a %s command; see 'dyad %s --help'."
#define M_NO_COMMAND "Say what to do, for example 'dyad journal add'; see 'dyad help'."
#define M_EXTRA_OPERAND "Unexpected argument '%s'."
#define M_MISSING "Missing %s."
#define M_MISSING_SUB "Say which %s command; see 'dyad %s --help'."
#define M_TEXT_QUOTES "Put the whole text in quotes: one TEXT argument."
#define M_BAD_NUMBER "%s must be a whole number from %lld to %lld."
#define M_MINE_SHARED "Choose one of --mine, --shared and --theirs."
#define M_BAD_TTL "--session-ttl takes days (30), or a number with s, m, h or d (12h), up to 366 days."
#define M_TLS_PAIR "--tls-cert and --tls-key go together."
#define M_BAD_PUBLIC_URL "%s expects http(s)://HOST[:PORT] with no path, e.g. https://dyad.home:8443."
#define M_REDIRECT_TLS "--http-redirect sends people to dyad's own HTTPS: it needs --tls-cert and --tls-key."

/* ---------------------------------------------------------- data, who */

#define M_NO_HOME "Cannot find your home folder; say where your data is with --data DIR."
#define M_PATH_LONG "The data folder's path is too long."
#define M_NO_DATA "There is no dyad data in %s yet; start with 'dyad init --name NAME'."
#define M_NOT_FOLDER "%s is not a folder; --data needs a folder."
#define M_CANNOT_READ "Cannot read %s: %s."
#define M_CANNOT_MAKE "Cannot make the folder %s: %s."
#define M_CANNOT_CREATE "Cannot create %s: %s."
#define M_NOT_FILE "%s is not a file."
#define M_NO_SPACE "There is no space in %s yet; start with 'dyad init --name NAME'."
#define M_WHO_TWO "Two of you use this space (%s and %s); say who you are with --as NAME or DYAD_AS."
#define M_WHO_PROMPT "Which of you? %s or %s: "
#define M_WHO_UNKNOWN "There is no one called '%s' here; this space has %s."
#define M_WRONG_PASS "That passphrase does not open %s's journal."
#define M_ALREADY_SPACE "There is already a space in %s; to bring in your partner, run 'dyad invite'."
#define M_SPACE_FULL "This space already has two partners; dyad is made for two."
#define M_NAME_TAKEN "Your partner is already called %s, and names here differ by more than capital letters; choose another with --name."
#define M_INVITE_UNKNOWN "That invitation code is not valid here. Check it, or ask your partner for a new one."
#define M_INVITE_USED "That invitation has already been used. Ask your partner for a new one (dyad invite)."
#define M_INVITE_EXPIRED "That invitation has expired. Ask your partner for a new one (dyad invite)."

/* -------------------------------------------------------- passphrases */

#define M_PASS_PROMPT "Passphrase for %s: "
#define M_PASS_NEW_PROMPT "Choose a passphrase for %s (%d characters or more): "
#define M_PASS_CHANGE_PROMPT "New passphrase for %s (%d characters or more): "
#define M_PASS_AGAIN "Type it again: "
#define M_PASS_DIFFER "The two did not match. Let's try again."
#define M_PASS_DIFFER_FINAL "The passphrases did not match; nothing was changed."
#define M_PASS_SHORT_TRY "That is shorter than %d characters. Please choose a longer one."
#define M_PASS_SHORT "A passphrase needs at least %d characters."
#define M_PASS_LONG "A passphrase can be at most %d bytes."
#define M_PASS_EMPTY "No passphrase given; nothing was changed."
#define M_PASS_UTF8 "The passphrase is not valid UTF-8 text."
#define M_PASS_NONE "No passphrase: there is no terminal to ask on; use DYAD_PASSPHRASE, DYAD_PASSPHRASE_FILE or --passphrase-file."
#define M_PASS_NONE_NEW "No new passphrase: there is no terminal to ask on; use DYAD_NEW_PASSPHRASE, DYAD_NEW_PASSPHRASE_FILE or --new-passphrase-file."
#define M_PASS_FILE "Cannot read the passphrase file %s: %s."
#define M_PASS_FILE_EMPTY "The passphrase file %s is empty."
#define M_PASS_TTY "Cannot read from the terminal: %s."
#define M_NOMEM "Out of memory."

/* ------------------------------------------------------------- text */

#define M_TEXT_UTF8 "The %s is not valid UTF-8; dyad keeps text as UTF-8."
#define M_TEXT_NUL "The %s contains a NUL byte; dyad keeps plain text."
#define M_TEXT_BIG "The %s is over %s (%zu bytes); please split it into smaller entries."
#define M_TEXT_BIG_STREAM "The %s is over %s; please split it into smaller entries."
#define M_TEXT_EMPTY "The entry is empty; nothing was saved."
#define M_TEXT_STDIN "Cannot read standard input: %s."
#define M_ARG_NOTE "dyad: note: text given as an argument can be seen by other people on this computer (ps, /proc). Pipe it in or leave it out to use your editor. (Said once.)\n"
#define M_ARG_NOTE_ONLY "dyad: note: text given as an argument can be seen by other people on this computer (ps, /proc) while dyad runs. (Said once.)\n"
#define M_EDITOR_TMP "Cannot make a private temporary file for your editor: %s."
#define M_EDITOR_RUN "Cannot start your editor (%s): %s."
#define M_EDITOR_FAIL "Your editor (%s) stopped with an error; nothing was saved."
#define M_EDITOR_READ "Cannot read back what you wrote: %s."
#define M_EDITOR_LEFT "Could not remove the temporary folder %s; please delete it yourself."
#define M_EDIT_SAME "No changes; the entry stays as it was.\n"

/* ------------------------------------------------------------ account */

#define M_WELCOME "Welcome, %s. Your space \"%s\" is ready in %s.\n\n"
#define M_JOINED "Welcome, %s. You have joined %s in \"%s\".\n\n"
#define M_RECOVERY \
	"Your recovery code, shown this once:\n\n    %s\n\n" \
	"Write it down and keep it somewhere safe, away from this computer.\n" \
	"If you ever forget your passphrase, it is the only way back in: type it\n" \
	"in 'dyad recover', or under \"Forgot your passphrase?\" on the web login\n" \
	"page. Nobody else, not even your partner, can reset it for you.\n"
#define M_NEXT_INVITE "\nWhen you are ready, invite your partner with: dyad invite\n"
#define M_INVITE \
	"Here is an invitation for your partner. It works once, until %s:\n\n    %s\n\n" \
	"They join with:\n    dyad join --name THEIR-NAME --invite %s\n"
#define M_INVITE_LINK \
	"Here is an invitation for your partner. It works once, until %s.\n" \
	"Send them this link, or let them scan the code with their phone:\n\n    %s\n\n"
#define M_INVITE_LINK_JOIN \
	"On this machine they can also join with:\n    dyad join --name THEIR-NAME --invite %s\n"
#define M_INVITE_URL_HINT \
	"Tip: with --url https://ADDRESS:PORT (where your phones open dyad) you also get a link\n" \
	"to send and a QR code to scan.\n"
#define M_INVITE_LOOPBACK \
	"Note: %s opens only on this machine; your partner's phone cannot open it.\n" \
	"Give the address of this machine on your network instead, with HTTPS\n" \
	"(see \"Open dyad on your phones\" in the README).\n"
#define M_QR_FAIL "Cannot draw the QR code of the link."
#define M_QR_NEEDS_URL "--qr draws the invitation link: give the address with --url URL."
#define M_WHOAMI "You are %s, in \"%s\"%s%s.\n"
#define M_WHOAMI_WITH " with "
#define M_WHOAMI_ALONE ".\nYour partner has not joined yet; 'dyad invite' makes an invitation"
/* the notice the one who stays sees, instead of M_WHOAMI_ALONE: name, date
 * ("29 November"), name, name */
#define M_WHOAMI_LEFT "You are %s, in \"%s\".\n%s left on %s. What %s shared left with them." \
	" What you had shared with %s is private again.\n"
#define M_MONTHS {"January", "February", "March", "April", "May", "June", "July", "August", \
	"September", "October", "November", "December"}
#define M_LABEL_DONE "Your space is now called \"%s\".\n"
#define M_PASS_CHANGED "Your passphrase is changed. Use the new one from now on.\n"
#define M_RECOVERED "Your new passphrase is set, %s. Your recovery code still works; keep it safe.\n"
#define M_RECOVERY_NEW \
	"Your new recovery code, shown this once:\n\n    %s\n\n" \
	"Your earlier code no longer works. Write this one down and keep it\n" \
	"somewhere safe; 'dyad recover' or \"Forgot your passphrase?\" on the web\n" \
	"login page take it.\n"
#define M_CODE_PROMPT "Recovery code: "
#define M_CODE_NONE "No recovery code: give it with --code CODE or on standard input."
#define M_CODE_WRONG "That recovery code does not match %s."
#define M_LEAVE_WARN \
	"Leaving deletes you, %s, and everything you own here, for good:\n" \
	"your private entries and the ones you shared.%s\n" \
	"If you want a copy first, stop here and run: dyad export > my-dyad.json\n\n"
#define M_LEAVE_PARTNER "\n%s keeps their own entries and will no longer see yours."
#define M_LEAVE_TYPE "To leave, type your name (%s): "
#define M_LEAVE_NO "That was not your name; nothing was deleted."
#define M_LEAVE_NEEDS_YES "Leaving needs confirmation: run it on a terminal, or add --yes."
#define M_LEFT "You have left, and everything you owned here is deleted. Take care, %s.\n"
#define M_BACKUP_DONE \
	"Saved a copy of the database to %s.\n" \
	"It stays encrypted. To restore it, copy it back to %s.\n"
#define M_BACKUP_EXISTS "%s already exists; choose a new file name."

/* ------------------------------------------------------------ journal */

#define M_SAVED "Saved your %s entry %.8s."
#define M_SAVED_HINT " Share it with: dyad journal share %.8s"
#define M_PRIVATE "private"
#define M_SHARED "shared"
#define M_FROM "from %s"
#define M_EMPTY_ALL "Your journal is empty. Write your first entry with: dyad journal add\n"
#define M_EMPTY_MINE "You have no entries yet. Write one with: dyad journal add\n"
#define M_EMPTY_SHARED "Nothing is shared yet. Share an entry with: dyad journal share ID\n"
#define M_EMPTY_THEIRS "Your partner has not shared anything with you yet.\n"
#define M_SHOW_WRITTEN "written %s"
#define M_SHOW_EDITED ", edited %s"
#define M_SHOW_BY "by %s"
#define M_EDITED "Updated entry %.8s.\n"
#define M_RM_ASK "Delete the entry %.8s (%s) for good? [y/N] "
#define M_RM_NO "Nothing was deleted.\n"
#define M_RM_DONE "Deleted entry %.8s.\n"
#define M_SHARED_DONE "Entry %.8s is now shared with %s.\n"
#define M_SHARED_ALONE "Entry %.8s is now shared; your partner will see it when they join.\n"
#define M_UNSHARED_DONE "Entry %.8s is private again.\n"
#define M_NOT_YOURS_EDIT "That entry is %s's; you can read it, but only %s can change it."
#define M_NOT_YOURS_RM "That entry is %s's; only %s can delete it."
#define M_NOT_YOURS_SHARE "That entry is %s's; only %s can share or unshare it."
#define M_NOT_FOUND "There is no entry %s here."
#define M_SEARCH_NONE "No entry has those words.\n"
#define M_SEARCH_MORE "The best %zu of %zu entries that match; --limit shows more.\n"
/* records a list or a search left out because they did not decrypt (a
 * damaged file): on stderr, after the list (cli_say_damaged) */
#define M_DAMAGED_ENTRY "1 entry could not be read (the database file is damaged) and is left out.\n"
#define M_DAMAGED_ENTRIES "%zu entries could not be read (the database file is damaged) and are left out.\n"
#define M_DAMAGED_RECORD "1 record could not be read (the database file is damaged) and is left out.\n"
#define M_DAMAGED_RECORDS "%zu records could not be read (the database file is damaged) and are left out.\n"
#define M_DAMAGED_NOTE "1 note could not be read (the database file is damaged) and is left out.\n"
#define M_DAMAGED_NOTES "%zu notes could not be read (the database file is damaged) and are left out.\n"
#define M_DAMAGED_RESPONSE "1 response could not be read (the database file is damaged) and is left out.\n"
#define M_DAMAGED_RESPONSES "%zu responses could not be read (the database file is damaged) and are left out.\n"
/* the same, for what a statistic leaves out (practice stats, react stats) */
#define M_DAMAGED_SESSION "1 session could not be read (the database file is damaged) and is left out of these figures.\n"
#define M_DAMAGED_SESSIONS \
	"%zu sessions could not be read (the database file is damaged) and are left out of these figures.\n"
#define M_DAMAGED_REACTION \
	"1 reaction could not be read (the database file is damaged) and is left out of these figures.\n"
#define M_DAMAGED_REACTIONS \
	"%zu reactions could not be read (the database file is damaged) and are left out of these figures.\n"
#define M_SEARCH_TOO_LONG "A search is at most %d bytes long."

/* ------------------------------------------------------ pulse, balance */

#define M_PULSE_NEEDS "Give --connection and --self (0 to 10), or run it on a terminal to be asked."
#define M_PULSE_RANGE "A whole number from %lld to %lld, please.\n"
#define M_PULSE_NOT_GIVEN "No pulse saved: no number was given."
#define M_PULSE_ASK_CONNECTION "This week, how connected to your partner did you feel? (0-10) "
#define M_PULSE_ASK_SELF "And how free to be yourself and live your own life? (0-10) "
#define M_PULSE_SAVED "Saved this week's pulse, just for you: connected %d, myself %d.\n"
#define M_PULSE_SAVED_SHARED "Saved and shared this week's pulse: connected %d, myself %d.\n"
#define M_BALANCE_NONE \
	"No pulses yet. Once a week, 'dyad pulse' asks how connected you felt and how\n" \
	"free to be yourself; 'dyad balance' then shows where you stand.\n"
#define M_BALANCE_LATEST "Your latest pulse: connected %d, myself %d.\n%s\n"
#define M_BALANCE_NO_TREND "A trend shows after %d pulses.\n"
#define M_BALANCE_WEEK_GIVEN "This week's pulse (the week from %s) is given.\n"
#define M_BALANCE_WEEK_DUE "This week's pulse (the week from %s) is still to give: 'dyad pulse'.\n"
#define M_PULSE_WEEK "It is your pulse for the week from %s.\n"
#define M_PULSE_AGAIN "This week had a pulse already; both are kept.\n"
#define M_BALANCE_PARTNER "\n%s has shared %zu pulses; 'dyad balance --svg FILE' draws both paths.\n"
#define M_BALANCE_PARTNER_NONE "\n%s has not shared a pulse (%zu).\n"

/* -------------------------------------------------------------- coach */

#define M_COACH_CLEAR "Nothing to flag: this reads as your own voice.\n"
/* the core's encouragement for a clean I-statement follows */
#define M_COACH_CLEAN "Nothing to flag. "
#define M_COACH_TIP \
	"\nAdvice only; say it your way. To try an I-statement:\n" \
	"  dyad coach --feel WORD --when WHAT --need WHAT --ask WHAT\n"
#define M_COACH_PARTS "An I-statement needs all four: --feel, --when, --need and --ask."

/* -------------------------------------------------------------- serve */

#define M_SERVE_MKDIR M_CANNOT_MAKE

/* --------------------------------------------------------------- help */

#define H_MAIN \
	"usage: dyad [--data DIR] [--as NAME] [--passphrase-file FILE] [--json] COMMAND [ARGS]\n" \
	"\n" \
	"dyad helps two partners practise differentiation: staying yourself\n" \
	"while staying close. Everything you write is yours and private until you\n" \
	"share it.\n" \
	"\n" \
	"Commands:\n"
#define H_MAIN_TAIL \
	"\n" \
	"Global options (before or after the command):\n" \
	"  --data DIR              where your data lives (DYAD_DATA; default\n" \
	"                          $XDG_DATA_HOME/dyad or ~/.local/share/dyad)\n" \
	"  --as NAME               who you are, when two of you share the data (DYAD_AS)\n" \
	"  --passphrase-file FILE  read the passphrase from FILE (DYAD_PASSPHRASE_FILE,\n" \
	"                          DYAD_PASSPHRASE); otherwise dyad asks\n" \
	"  --json                  print JSON instead of text\n" \
	"  -h, --help              show help;  --version  show the version\n" \
	"\n" \
	"Quick start:\n" \
	"  dyad init --name Alex          you start your space\n" \
	"  dyad invite                    an invitation code for your partner\n" \
	"  dyad join --name Sam --invite CODE   your partner joins\n" \
	"  dyad journal add               write in your editor (or pipe text in)\n" \
	"  dyad journal list\n" \
	"\n" \
	"'dyad help COMMAND' or 'dyad COMMAND --help' tells more; 'man dyad' tells all.\n"

#define H_JOURNAL \
	"usage: dyad journal SUBCOMMAND [ARGS]\n" \
	"\n" \
	"Your private journal. Entries are yours alone until you share one.\n" \
	"\n" \
	"Subcommands:\n"

#define S_INIT "start a space for the two of you"
#define H_INIT \
	"usage: dyad init --name NAME [--space LABEL] [--colour COLOUR]\n" \
	"\n" \
	"Start your space: makes the data folder (only you can read it) and the\n" \
	"database, asks you to choose a passphrase, and shows your recovery code once.\n" \
	"\n" \
	"  -n, --name NAME      your name, as your partner will see it\n" \
	"      --space LABEL    a name for your space (default \"Our space\")\n" \
	"      --colour COLOUR  your colour: teal (the default), rose, blue, amber,\n" \
	"                       violet or green\n" \
	"      --json           print the recovery code as JSON\n"

#define S_INVITE "make an invitation for your partner"
#define H_INVITE \
	"usage: dyad invite [--url URL] [--qr | --no-qr]\n" \
	"\n" \
	"Print a code your partner uses once, within 7 days, to join your space.\n" \
	"\n" \
	"      --url URL        where your phones open dyad, e.g. https://dyad.home:8443\n" \
	"                       (default: DYAD_URL): also print the link to send, and\n" \
	"                       its QR code when the output is a terminal\n" \
	"      --qr             draw the QR code even when the output is not a terminal\n" \
	"      --no-qr          never draw it\n" \
	"      --json           print the code, its expiry and the link as JSON\n"

#define S_JOIN "join your partner's space"
#define H_JOIN \
	"usage: dyad join --name NAME --invite CODE [--colour COLOUR]\n" \
	"\n" \
	"Join the space your partner started, with the code from 'dyad invite'.\n" \
	"Asks you to choose a passphrase and shows your recovery code once.\n" \
	"\n" \
	"  -n, --name NAME      your name, as your partner will see it\n" \
	"  -i, --invite CODE    the invitation code\n" \
	"      --colour COLOUR  your colour, not your partner's: teal, rose, blue,\n" \
	"                       amber, violet or green (default: the first of these\n" \
	"                       your partner does not have)\n" \
	"      --json           print the recovery code as JSON\n"

#define S_WHOAMI "show who you are and who you share the space with"
#define H_WHOAMI \
	"usage: dyad whoami [--json]\n" \
	"\n" \
	"Unlock with your passphrase and show your name, your space and your partner.\n"

#define S_SETTINGS "show or change your settings (time zone, colour, pulse day, check interval)"
#define H_SETTINGS \
	"usage: dyad settings\n" \
	"       dyad settings zone NAME\n" \
	"       dyad settings zone --unset\n" \
	"       dyad settings colour NAME\n" \
	"       dyad settings pulse-day DAY\n" \
	"       dyad settings check-every MONTHS\n" \
	"\n" \
	"Your pulse day starts your pulse week (Monday unless you choose another;\n" \
	"a weekday, like thursday or thu): from that day 'dyad balance' and the\n" \
	"web's Today ask for this week's pulse until you give it. Moving the day\n" \
	"keeps what the week in progress had: a pulse given is not asked for again,\n" \
	"and one still owed is still asked for.\n" \
	"\n" \
	"check-every: how many months apart (1 to 12, 3 unless you choose) dyad\n" \
	"suggests taking the differentiation check again.\n" \
	"\n" \
	"Your colour marks what is yours, here and in the web app: one of teal,\n" \
	"rose, blue, amber, violet and green, not your partner's.\n" \
	"\n" \
	"Show your settings, or choose your time zone: a name from the tz database\n" \
	"such as Europe/Berlin, America/New_York or UTC. \"Today\", days, weeks and\n" \
	"every time dyad shows or reads are in your zone, here and in the browser.\n" \
	"With --unset you have none: this computer's zone is used here (TZ, else\n" \
	"the system's) and the browser's on the web, which keeps it as yours at\n" \
	"your next log-in there.\n"

#define M_BAD_COLOUR "'%.40s' is not one of dyad's colours: teal, rose, blue, amber, violet, green."
#define M_COLOUR_TAKEN "%s has %s already; partners' colours differ, so choose another."
#define M_SETTINGS_COLOUR "Colour: %s\n"
#define M_SETTINGS_ZONE "Time zone: %s\n"
#define M_SETTINGS_ZONE_SYSTEM "Time zone: none chosen; this computer's (%s) is used.\n"
#define M_SETTINGS_ZONE_UNKNOWN "Time zone: none chosen; this computer's is used.\n"
#define M_SETTINGS_UNKNOWN "'%.40s' is not a setting; there are: zone, colour, pulse-day, check-every."
#define M_SETTINGS_PULSE_DAY "Pulse day: %s (your pulse week starts then)\n"
#define M_SETTINGS_CHECK_EVERY "Differentiation check: suggested every %d month%s\n"
#define M_SETTINGS_BAD_DAY "'%.40s' is not a weekday; give one like monday or mon, thursday or thu."
#define M_SETTINGS_BAD_MONTHS "'%.40s' is not a number of months from 1 to 12."
#define M_SETTINGS_UNSET_WHAT "--unset needs the setting to unset: dyad settings zone --unset."
#define M_SETTINGS_BOTH "Give %s, not both."
#define M_SETTINGS_BAD_ZONE "'%.80s' is not a time zone this system knows; give a name like Europe/Berlin or UTC."

#define S_LABEL "rename your space"
#define H_LABEL \
	"usage: dyad label NAME\n" \
	"\n" \
	"Give your space a new name (one line, up to 100 bytes). Either of you may.\n"

#define S_PASSPHRASE "change your passphrase"
#define H_PASSPHRASE \
	"usage: dyad passphrase [--new-passphrase-file FILE]\n" \
	"\n" \
	"Change your passphrase. The old one stops working at once, and other\n" \
	"devices signed in on the web must sign in again.\n" \
	"\n" \
	"      --new-passphrase-file FILE   read the new passphrase from FILE\n" \
	"                       (also DYAD_NEW_PASSPHRASE_FILE, DYAD_NEW_PASSPHRASE);\n" \
	"                       otherwise dyad asks twice\n"

#define S_RECOVER "set a new passphrase with your recovery code"
#define H_RECOVER \
	"usage: dyad recover [--code CODE]\n" \
	"\n" \
	"Forgot your passphrase? Set a new one with the recovery code you wrote\n" \
	"down. The code is asked for when not given; the new passphrase comes from\n" \
	"--passphrase-file, DYAD_PASSPHRASE_FILE or DYAD_PASSPHRASE, or is asked twice.\n" \
	"\n" \
	"      --code CODE      the recovery code (else read from the terminal\n" \
	"                       or standard input)\n"

#define S_RECOVERY_CODE "make a new recovery code (the old one stops working)"
#define H_RECOVERY_CODE \
	"usage: dyad recovery-code\n" \
	"\n" \
	"Make a new recovery code and show it once. Your passphrase is asked for\n" \
	"first (or comes from --passphrase-file, DYAD_PASSPHRASE_FILE or\n" \
	"DYAD_PASSPHRASE); the code you had before stops working at once. Use it\n" \
	"when you lost the old code, or someone may have seen it.\n"

#define S_LEAVE "delete your account and everything you own"
#define H_LEAVE \
	"usage: dyad leave [--yes]\n" \
	"\n" \
	"Delete yourself and everything you own from this space, including what\n" \
	"you shared. Your partner keeps their own entries. Run 'dyad export' first\n" \
	"if you want a copy. Asks you to type your name to confirm.\n" \
	"\n" \
	"  -y, --yes            do not ask\n"

#define S_EXPORT "print everything you own as JSON"
#define H_EXPORT \
	"usage: dyad export [--markdown] > FILE\n" \
	"\n" \
	"Print everything you own, decrypted, as one JSON document. The result is\n" \
	"readable by anyone who has the file: keep it somewhere safe.\n" \
	"\n" \
	"      --markdown       a document to read instead (Markdown: opens in any\n" \
	"                       text editor), e.g. dyad export --markdown > dyad.md\n"

#define S_BACKUP "copy the whole database, safely, while in use"
#define H_BACKUP \
	"usage: dyad backup FILE\n" \
	"\n" \
	"Write a consistent copy of the whole database to the new file FILE, even\n" \
	"while dyad is running. The copy stays encrypted. To restore it, stop dyad\n" \
	"and copy it back to dyad.db in the data folder.\n"

#define S_JOURNAL "your journal: add, list, show, edit, rm, share, unshare, prompt, prompts, respond"

#define S_JADD "write a new entry"
#define H_JADD \
	"usage: dyad journal add [TEXT] [--title TITLE] [--share]\n" \
	"\n" \
	"Write an entry. The text comes from TEXT, else from standard input, else\n" \
	"from your editor ($VISUAL or $EDITOR). Prefer the last two: other people on\n" \
	"this computer can read TEXT in ps. It is Markdown, and stays private unless\n" \
	"you share it. Prints the new entry's id.\n" \
	"\n" \
	"  -t, --title TITLE    a title\n" \
	"  -s, --share          share it with your partner right away\n" \
	"      --prompt ID      write from this prompt ('today' for the prompt of the\n" \
	"                       day; 'dyad journal prompts' lists them)\n" \
	"      --mood N         how you feel, 1 (low) to 5 (good)\n" \
	"      --feel WORD      a feeling word ('dyad react feelings' lists them);\n" \
	"                       repeat for more (up to 8)\n" \
	"      --tag TAG        a tag of your own (up to 10, 40 bytes each; case\n" \
	"                       does not matter); repeat for more\n"

#define S_JPROMPT "today's prompt: something to write about"
#define H_JPROMPT \
	"usage: dyad journal prompt [--date YYYY-MM-DD] [--json]\n" \
	"\n" \
	"Show the prompt of the day: one of dyad's self-exploration prompts, the\n" \
	"same all day (your day, in your time zone) and usually another one for\n" \
	"your partner. Write from it with 'dyad journal add --prompt today'.\n" \
	"\n" \
	"      --date DATE      the prompt of another day\n"

#define S_JPROMPTS "all the prompts, by theme"
#define H_JPROMPTS \
	"usage: dyad journal prompts [--theme THEME] [--json]\n" \
	"\n" \
	"List dyad's self-exploration prompts by theme, each with its id for\n" \
	"'dyad journal add --prompt ID'.\n" \
	"\n" \
	"      --theme THEME    only this theme (feelings, values, boundaries, goals,\n" \
	"                       family, reactions, separateness)\n"

#define S_JRESPOND "answer your partner's shared entry, quietly"
#define H_JRESPOND \
	"usage: dyad journal respond ID read | thanks | note TEXT\n" \
	"\n" \
	"Let your partner know you read their shared entry: 'read' says \"I read\n" \
	"this\", 'thanks' says \"Thank you\", 'note TEXT' leaves a short note (up to\n" \
	"1000 bytes). Your response is yours; it never changes their entry, and it\n" \
	"goes when they stop sharing it or delete it. They see it under the entry.\n"

#define M_EMPTY_MATCH "No entries match these filters.\n"
#define M_DATES_ORDER "The dates are the wrong way round: --from comes before --to."
#define M_RESPOND_WHAT "A response is read, thanks or note TEXT, not '%s'."
#define M_RESPONDED "Sent. %s will see it under their entry.\n"
#define M_YOUR_PARTNER "Your partner"
#define M_SAY_READ "I read this"
#define M_SAY_THANKS "Thank you"
#define M_RESPONSES "Responses"
#define M_YOU "You"

#define M_PROMPT_TODAY "The prompt for %s:\n\n"
#define M_PROMPT_TODAY_WORD "today"
#define M_PROMPT_ABOUT "  (%s; %s)\n"
#define M_PROMPT_WRITE "\nWrite from it: dyad journal add --prompt %s\n"
#define M_PROMPT_DATE "'%s' is not a date; give it as YYYY-MM-DD."
#define M_PROMPT_NONE "There is no prompt to show."
#define M_PROMPT_THEME "There is no theme '%s'. The themes are:"
#define M_PROMPT_UNKNOWN "There is no prompt '%s'; 'dyad journal prompts' lists them, or use --prompt today."
#define M_MOOD_RANGE "The mood is a whole number from 1 (low) to 5 (good), not '%s'."
#define M_NOT_UTF8_OPT "A feeling word or tag is not valid UTF-8 text."
#define M_SHOW_PROMPT "From the prompt: %s"
#define M_SHOW_MOOD "Mood: %d of %d\n"
#define M_SHOW_FEELINGS "Feeling: "
#define M_SHOW_TAGS "Tags: "

#define S_JLIST "list your entries and what your partner shared"
#define H_JLIST \
	"usage: dyad journal list [--mine | --shared | --theirs] [--tag TAG] [--mood N]\n" \
	"                         [--from DATE] [--to DATE] [--json]\n" \
	"\n" \
	"List your entries and the entries your partner shared with you, newest\n" \
	"first, each marked private, shared, or from your partner.\n" \
	"\n" \
	"      --mine           only your own entries\n" \
	"      --shared         only shared entries, yours and your partner's\n" \
	"      --theirs         only what your partner shared with you\n" \
	"      --tag TAG        only entries with this tag (case does not matter)\n" \
	"      --mood N         only entries with this mood, 1 to 5\n" \
	"      --from DATE      only entries written on DATE (YYYY-MM-DD) or later\n" \
	"      --to DATE        only entries written on DATE or earlier\n"

#define S_JSEARCH "search your entries and what your partner shared"
#define H_JSEARCH \
	"usage: dyad journal search WORDS... [--mine | --shared | --theirs] [--limit N] [--json]\n" \
	"\n" \
	"Find entries by their words: yours, and the ones your partner shared with\n" \
	"you. Capitals and accents do not matter (cafe finds CAFE and the accented\n" \
	"word too), a word finds the words that begin with it (walk finds walking),\n" \
	"and \"words in quotes\" are a phrase (an argument with spaces is a phrase\n" \
	"too). Every word and phrase must be found. The best first: a match in the\n" \
	"title counts 3, one in the text 1; among equals the newer first. Each shows\n" \
	"the passage around its first match. At most 8 words and phrases, 256 bytes.\n" \
	"\n" \
	"      --mine           only your own entries\n" \
	"      --shared         only shared entries, yours and your partner's\n" \
	"      --theirs         only what your partner shared with you\n" \
	"      --limit N        show the best N (1 to 100; 20)\n"

#define S_JSHOW "show one entry"
#define H_JSHOW \
	"usage: dyad journal show ID [--json]\n" \
	"\n" \
	"Show one entry. ID may be its first characters (at least 4), as 'list' shows.\n" \
	"A shared entry shows the responses under it (dyad journal respond).\n"

#define S_JEDIT "change one of your entries"
#define H_JEDIT \
	"usage: dyad journal edit ID [TEXT] [--title TITLE]\n" \
	"\n" \
	"Replace the text of your entry with TEXT, else standard input, else what\n" \
	"you write in your editor (it opens with the current text).\n" \
	"\n" \
	"  -t, --title TITLE    a new title (\"\" removes it)\n" \
	"      --title-only     change only the title, keep the text\n"

#define S_JRM "delete one of your entries"
#define H_JRM \
	"usage: dyad journal rm ID [--yes]\n" \
	"\n" \
	"Delete your entry for good. Asks first when on a terminal.\n" \
	"\n" \
	"  -y, --yes            do not ask\n"

#define S_JSHARE "share one of your entries with your partner"
#define H_JSHARE \
	"usage: dyad journal share ID\n" \
	"\n" \
	"Let your partner read this entry. You can take it back with 'unshare'.\n"

#define S_JUNSHARE "make a shared entry private again"
#define H_JUNSHARE \
	"usage: dyad journal unshare ID\n" \
	"\n" \
	"Make your entry private again: your partner no longer sees it.\n"

#define S_PULSE "this week's balance pulse: how connected, how free to be yourself"
#define H_PULSE \
	"usage: dyad pulse [--connection N --self N] [--now N] [--wish N] [--note TEXT] [--share]\n" \
	"\n" \
	"Record this week's pulse: how connected to your partner you felt (0-10) and\n" \
	"how free to be yourself and live your own life (0-10). Asked on the\n" \
	"terminal when not given. Private unless you --share it.\n" \
	"\n" \
	"      --connection N  how connected you felt, 0 to 10\n" \
	"      --self N        how free to be yourself, 0 to 10\n" \
	"      --now N         how close you are now, as overlapping circles: 1 (apart)\n" \
	"                      to 7 (almost one)\n" \
	"      --wish N        how close you would like to be, 1 to 7\n" \
	"      --note TEXT     a few words about the week\n" \
	"      --share         let your partner see this pulse\n"

#define S_BALANCE "where you stand between closeness and being yourself"
#define H_BALANCE \
	"usage: dyad balance [--svg FILE] [--last N]\n" \
	"\n" \
	"Show the region of your latest pulse (connected and yourself, merged,\n" \
	"distant or strained; each scale split at 5), the trend of your last 4\n" \
	"pulses against the 4 before, and your recent pulses.\n" \
	"\n" \
	"      --svg FILE   also draw the balance map (your path, and your partner's\n" \
	"                   shared pulses) as SVG into FILE ('-': standard output)\n" \
	"      --last N     how many recent pulses to list (default 8)\n"

#define S_COACH "advice on how something you want to say may land"
#define H_COACH \
	"usage: dyad coach [--json] [TEXT]\n" \
	"       dyad coach --feel WORD --when WHAT --need WHAT --ask WHAT\n" \
	"\n" \
	"Read what you are about to say to your partner and point out blame (\"you\n" \
	"make me...\"), absolutes (\"you always...\"), mind-reading (\"you don't care\"),\n" \
	"contempt (\"grow up\"), sarcasm (\"oh great\"), character attacks (\"you're\n" \
	"so lazy\") and \"should\" aimed at your partner (\"you need to...\"), each with\n" \
	"a suggestion; and say so when it is a clean I-statement (a feeling, the\n" \
	"situation, a need and a request). It is advice only: send what you\n" \
	"choose. TEXT is read from standard input (or your editor) when not given;\n" \
	"an argument is visible to other users of this computer, standard input is not.\n" \
	"\n" \
	"With the four parts, it builds an I-statement: \"I feel WORD when WHAT,\n" \
	"because I need WHAT. Would you be willing to WHAT?\"\n" \
	"\n" \
	"      --feel WORD   what you feel (sad, lonely, worried, ...)\n" \
	"      --when WHAT   when you feel it, said as what happens\n" \
	"      --need WHAT   what you need\n" \
	"      --ask WHAT    what you would like to ask of your partner\n" \
	"      --json        as JSON: findings (kind, advice, start, end, text), clean,\n" \
	"                    parts (of an I-statement found) and, when clean, note\n"

#define S_SERVE "run the web app for the two of you"
#define H_SERVE \
	"usage: dyad serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n" \
	"                  [--http-redirect PORT] [--public-url URL] [--behind-https]\n" \
	"                  [--threads N] [--connections-per-address N]\n" \
	"                  [--session-ttl DAYS]\n" \
	"\n" \
	"Serve the web app on the data folder until Ctrl-C (or SIGTERM).\n" \
	"SIGHUP reloads the certificate and key.\n" \
	"\n" \
	"  -l, --listen ADDR:PORT   where to listen (default 127.0.0.1:8080)\n" \
	"      --tls-cert FILE      serve HTTPS with this PEM certificate ...\n" \
	"      --tls-key FILE       ... and this PEM key\n" \
	"      --http-redirect PORT also listen for plain http:// on PORT (e.g. 80)\n" \
	"                           and send each request to https://\n" \
	"      --public-url URL     the address your phones open, e.g.\n" \
	"                           https://dyad.home:8443, for invitation links\n" \
	"                           (default: the address each browser used)\n" \
	"      --behind-https       a proxy in front serves HTTPS: mark cookies Secure\n" \
	"                           and trust its X-Forwarded-For for client addresses;\n" \
	"                           the port must then be reachable only through the\n" \
	"                           proxy (listen on 127.0.0.1), or anyone can claim\n" \
	"                           any address\n" \
	"      --threads N          worker threads (default: one per core)\n" \
	"      --connections-per-address N\n" \
	"                           connections one client address may hold at once,\n" \
	"                           1 to 1024 (default 32; a browser uses six)\n" \
	"      --session-ttl DAYS   sign people out after DAYS idle (default 30); also\n" \
	"                           12h, 30m, 45s\n"

#define S_HELP "show help for a command"
#define H_HELP "usage: dyad help [COMMAND]\n"


/* ------------------------------------------------ practice, reactions */

#define M_TIMER_LEFT "left"
#define M_TIMER_BELL "Bell at %s.\n"
#define M_BREATHE_IN "breathe in"
#define M_BREATHE_OUT "breathe out"
#define M_BAD_WHEN "'%s' is not a time dyad reads; give 'now', 2026-03-01, or 2026-03-01 07:30 (your local time)."
#define M_PRACTICE_LOGGED "Logged %s of %s (%s). Well done.\n"
#define M_PRACTICE_EMPTY "No practice logged yet. When you're ready: dyad practice log meditation 10m\n"
#define M_PRACTICE_WEEK "This week: %lld minutes on %d %s.\n"
#define M_PRACTICE_WEEK_NONE "This week is open. Any minutes you give it count.\n"
#define M_PRACTICE_STREAK "%d days in a row so far; your longest run is %d.\n"
#define M_PRACTICE_LONGEST "Your longest run is %d %s.\n"
#define M_PRACTICE_WEEKS "Minutes per week, the last %d weeks:\n"
#define M_PRACTICE_BY "By practice:"
#define M_SVG_WRITTEN "The chart is in %s.\n"
#define M_SVG_FAIL "Cannot write the chart to %s: %s."
#define M_TIMER_START "%s for %s. Ctrl-C stops early.\n"
#define M_TIMER_DONE "Time. "
#define M_TIMER_ASK "You practised %s. Log it? [y/N] "
#define M_TIMER_NOT_LOGGED "Not logged. The time was still yours.\n"
#define M_TIMER_TOO_SHORT "Stopped before a second had passed; nothing to log.\n"
#define M_BELL_BAD "--bell must be shorter than the timer."
#define M_REACT_NOT_FOUND "No reaction %s."
#define M_PRACTICE_NOT_FOUND "No session %s."
#define M_REACT_SAVED "Noted, privately (%s). Noticing is the practice.\n"
#define M_REACT_SAVED_SHARED "Noted and shared (%s).\n"
#define M_REACT_EMPTY "No reactions noted yet. After a strong moment: dyad react add \"what happened\" --intensity 6\n"
#define M_REACT_NOT_YOURS "This reaction is %s's; only %s can change it."
#define M_REACT_RM_DONE "Deleted reaction %s.\n"
#define M_REACT_SHARED "Shared reaction %s.\n"
#define M_REACT_UNSHARED "Reaction %s is private again.\n"
#define M_REACT_COUNT "You noted %zu %s; you paused first in %zu of them.\n"
#define M_REACT_WEEK "This week: %d %s, with a pause first in %d.\n"
#define M_REACT_INTENSITY "Intensity by week (0 to 10):\n"
#define M_REACT_FEELINGS "Feelings you named most:"
#define M_REACT_TRIGGERS "What set them off most:"
#define M_REACT_NONE "Nothing noted yet. Whenever something stirs you strongly, 'dyad react add' keeps it.\n"
#define M_FEEL_UNKNOWN_HINT "'dyad react feelings' lists the words."
#define M_PAUSE_INTRO \
	"Let's pause. Breathe slowly and evenly: in for %d, out for %d.\n" \
	"A slow out-breath tells your body it is safe to settle.\n\n"
#define M_PAUSE_COOL \
	"\nIf this was a heated talk: a flooded body needs about 20 minutes to\n" \
	"calm down, and talking before then tends to go round in circles. Tell\n" \
	"your partner you're taking a break and when you'll come back; then do\n" \
	"something soothing that isn't rehearsing the argument.\n" \
	"'dyad pause --cool-down' keeps time for you.\n"
#define M_PAUSE_COOL_START "Cool-down: %s. Come back when it ends. Ctrl-C stops it.\n"
#define M_PAUSE_COOL_DONE "Welcome back. Go gently; you can say how you feel now.\n"
#define M_PAUSE_STOPPED "Stopped. Take what you need.\n"


/* ---------------------------------------------------------------- assess */
#define M_ASSESS_IMPORTED "  (imported)"
#define M_ASSESS_LIST_HINT "\n'dyad assess take [ID]' takes one; without an ID, the differentiation check.\n"
#define M_ASSESS_RESUMED "Welcome back: %zu of %zu answered. Carrying on where you stopped.\n\n"
#define M_ASSESS_HOW "Answer each sentence with a number from %d to %d; an empty line or q stops,\nand your answers so far are kept for next time.\n"
#define M_ASSESS_PROMPT "Your answer (%d-%d): "
#define M_ASSESS_RANGE "Please give a whole number from %d to %d (or q to stop).\n"
#define M_ASSESS_SAVED "Saved: %zu of %zu answered, just for you. 'dyad assess take' carries on.\n"
#define M_ASSESS_DONE "Done, thank you. 'dyad assess results' shows what it says.\n"
#define M_ASSESS_OVERALL "Overall"
#define M_ASSESS_NO_PARTNER "You have no partner in this space yet."
#define M_ASSESS_THEIRS_NONE "%s has not shared a result.\n"
#define M_ASSESS_NONE "No takings yet. 'dyad assess take' starts one; it takes about five minutes.\n"
#define M_ASSESS_LATEST "Your latest taking%s (%.10s):\n"
#define M_ASSESS_THEIR_LATEST "%s's latest shared taking (%.10s):\n"
#define M_ASSESS_CHANGE "Since the taking before:\n"
#define M_ASSESS_RCI_NOTE "  (A change counts as more than measurement noise when the Reliable Change\n  Index is beyond 1.96: overall, a change of %.2f or more.)\n"
#define M_ASSESS_HISTORY "Your takings, newest first:\n"
#define M_ASSESS_DUE "It has been %d month%s or more: 'dyad assess take' when you have five minutes.\n"
#define M_ASSESS_NEXT "The next taking is suggested from %.10s; differentiation changes slowly.\n"
#define M_ASSESS_UNFINISHED "You have an unfinished taking (%d of %d answered); 'dyad assess take' carries on.\n"
#define M_ASSESS_SHARING_ON "Your partner can see your results (not your answers). 'dyad assess unshare' stops that.\n"
#define M_ASSESS_SHARING_OFF "Your results are yours alone. 'dyad assess share' lets your partner see them (never your answers).\n"
#define M_ASSESS_PROVISIONAL "These scores are a mirror for reflection, not a diagnosis; the figures used\nto judge change are provisional.\n"
#define M_ASSESS_SHARED "Sharing is on: your partner can see your results, never your answers (%zu made visible).\n"
#define M_ASSESS_UNSHARED "Sharing is off: your results are yours alone again (%zu made private).\n"
#define M_ASSESS_DELETED "Deleted taking %s, its answers and its result.\n"
#define M_ASSESS_TOO_BIG "%s is larger than a questionnaire may be (256 KiB).%s"
#define M_ASSESS_IMPORT_BAD "%s was not imported: %s"
#define M_ASSESS_IMPORTED_OK "Imported questionnaire %s, kept privately with your records. 'dyad assess take %s' takes it.\n"

#define S_ASSESS "questionnaires: list, take, results, share, unshare, rm, import"
#define H_ASSESS \
	"usage: dyad assess SUBCOMMAND [ARGS]\n" \
	"\n" \
	"The differentiation check and other questionnaires: take one now and then\n" \
	"(every three months is plenty; differentiation changes slowly) and see how\n" \
	"you change. Your answers are always yours alone; your results are too,\n" \
	"unless you turn sharing on.\n" \
	"\n" \
	"Subcommands:\n"
#define S_ALIST "the questionnaires you can take"
#define H_ALIST \
	"usage: dyad assess list [--json]\n" \
	"\n" \
	"dyad's own questionnaires and the ones you imported.\n"
#define S_ATAKE "take a questionnaire, one item at a time"
#define H_ATAKE \
	"usage: dyad assess take [ID]\n" \
	"\n" \
	"Take the questionnaire ID (default: the differentiation check), one item at\n" \
	"a time with a progress bar. Answers are read from standard input, one a\n" \
	"line, so they can be typed or piped. An empty line, q or the end of input\n" \
	"stops: the answers so far are saved privately and the next 'take' carries\n" \
	"on. The last answer finishes the taking and saves its result.\n"
#define S_ARESULTS "your results and how they changed"
#define H_ARESULTS \
	"usage: dyad assess results [ID] [--all] [--theirs] [--json]\n" \
	"\n" \
	"Your latest taking as a bar per part with what it means, the overall\n" \
	"score, every taking so far, and between the last two the Reliable Change\n" \
	"Index (Jacobson & Truax, 1991) per part and overall: a reliable\n" \
	"improvement, a reliable decline, or within measurement noise.\n" \
	"\n" \
	"      --all      bars for every taking, not only the latest\n" \
	"      --theirs   your partner's shared results instead of yours\n"
#define S_ASHARE "let your partner see your results"
#define H_ASHARE \
	"usage: dyad assess share\n" \
	"\n" \
	"Share all your results, and the ones to come, with your partner. Your\n" \
	"answers stay yours alone.\n"
#define S_AUNSHARE "make your results private again"
#define H_AUNSHARE \
	"usage: dyad assess unshare\n" \
	"\n" \
	"Make all your results private again; new ones stay private.\n"
#define S_ARM "delete a taking"
#define H_ARM \
	"usage: dyad assess rm ID\n" \
	"\n" \
	"Delete a taking of yours by its id (as 'results' lists it): its answers and\n" \
	"its result go together.\n"
#define S_AIMPORT "add a questionnaire from a file"
#define H_AIMPORT \
	"usage: dyad assess import FILE\n" \
	"\n" \
	"Add a questionnaire you are licensed to use, written as\n" \
	"docs/instrument.schema.json describes ('-' reads standard input). The\n" \
	"whole file is checked first; a file with a problem is refused with the\n" \
	"field at fault and nothing is imported. It is kept in the database as a\n" \
	"private record of yours (it leaves with your export and your account).\n"

#define S_PRACTICE "your practice: log, list, stats, timer, edit, rm"
#define H_PRACTICE \
	"usage: dyad practice SUBCOMMAND [ARGS]\n" \
	"\n" \
	"Meditation, yoga, breathing, walking, or a practice you name. Sessions\n" \
	"are yours alone unless you share one. Weeks start on Monday, in your\n" \
	"own time zone (TZ).\n" \
	"\n" \
	"Subcommands:\n"
#define S_PLOG "log a session"
#define H_PLOG \
	"usage: dyad practice log KIND DURATION [--at WHEN] [--note TEXT] [--share]\n" \
	"\n" \
	"Log a session. KIND is meditation, yoga, breathing, walking or your own\n" \
	"word (up to 40 bytes: letters, digits, spaces, '-'). DURATION is like 90s,\n" \
	"10m or 1h30m (at most 24h). Prints the new session's id.\n" \
	"\n" \
	"      --at WHEN        when it started: now (default), 2026-03-01, or\n" \
	"                       '2026-03-01 07:30' in your local time\n" \
	"      --note TEXT      a note (up to 2000 bytes)\n" \
	"  -s, --share          share it with your partner\n"
#define S_PLIST "list your sessions"
#define H_PLIST \
	"usage: dyad practice list [--mine | --shared | --theirs] [--json]\n" \
	"\n" \
	"Your sessions, and the ones your partner shared with you, newest first.\n"
#define S_PSTATS "minutes per week, days this week, streaks"
#define H_PSTATS \
	"usage: dyad practice stats [--svg FILE] [--json]\n" \
	"\n" \
	"This week's minutes and days first, then your streaks, the last 12 weeks\n" \
	"and your practices, all in your own time zone. Only your own sessions\n" \
	"count.\n" \
	"\n" \
	"      --svg FILE       also write minutes per week as an SVG chart (the\n" \
	"                       same picture the web app shows)\n"
#define S_PTIMER "a timer that logs the session"
#define H_PTIMER \
	"usage: dyad practice timer DURATION [--bell INTERVAL] [--kind KIND] [--note TEXT]\n" \
	"\n" \
	"Count down DURATION (like 10m) with a progress bar, ring the terminal\n" \
	"bell every INTERVAL and at the end, then log the session (default kind:\n" \
	"meditation). Ctrl-C stops early and asks whether to log what you did.\n" \
	"\n" \
	"      --bell INTERVAL  ring every INTERVAL (like 5m)\n" \
	"      --kind KIND      what you practise (default meditation)\n" \
	"      --note TEXT      a note for the session\n"
#define S_PEDIT "correct one of your sessions"
#define H_PEDIT \
	"usage: dyad practice edit ID [--duration DURATION] [--kind KIND] [--note TEXT] [--at WHEN]\n" \
	"\n" \
	"Change one of your sessions: a wrong length, what you practised, its note\n" \
	"(an empty TEXT removes it) or when it was. What you do not give stays as\n" \
	"it is. Your partner's sessions are not yours to change.\n" \
	"\n" \
	"      --duration D     how long, like 90s, 10m or 1h30m\n" \
	"      --kind KIND      what you practised\n" \
	"      --note TEXT      the note, whole (up to 2000 bytes)\n" \
	"      --at WHEN        when it started (see 'practice log')\n"
#define M_PRACTICE_EDITED "Changed session %s.\n"
#define M_EDIT_NOTHING "Say what to change: %s."
#define S_PRM "delete one of your sessions"
#define H_PRM \
	"usage: dyad practice rm ID\n" \
	"\n" \
	"Delete one of your sessions.\n"

#define S_REACT "your reactivity log: add, list, show, edit, share, unshare, rm, stats, feelings"
#define H_REACT \
	"usage: dyad react SUBCOMMAND [ARGS]\n" \
	"\n" \
	"After a moment of strong reaction, note what happened, what you felt,\n" \
	"how strongly, what you had the urge to do, what you did, whether you\n" \
	"paused first and what you need. Private unless you share it.\n" \
	"\n" \
	"Subcommands:\n"
#define S_RADD "note a reaction"
#define H_RADD \
	"usage: dyad react add WHAT-HAPPENED --intensity N [options]\n" \
	"\n" \
	"Note a moment of strong reaction. Prints the new id.\n" \
	"\n" \
	"  -i, --intensity N    how strong, 0 (barely) to 10 (overwhelming)\n" \
	"  -f, --feel WORDS     what you felt: words from 'dyad react feelings',\n" \
	"                       comma-separated or the option repeated (up to 8)\n" \
	"  -t, --trigger T      what set it off, in a word or two (up to 5)\n" \
	"      --urge TEXT      what you had the urge to do\n" \
	"      --did TEXT       what you did\n" \
	"  -p, --paused         you paused before reacting (default: you did not)\n" \
	"      --need TEXT      what you need\n" \
	"      --at WHEN        when it happened (default now; see 'practice log')\n" \
	"  -s, --share          share it with your partner\n"
#define S_RLIST "list your reactions"
#define H_RLIST \
	"usage: dyad react list [--mine | --shared | --theirs] [--json]\n" \
	"\n" \
	"Your reactions and the ones your partner shared with you, newest first.\n"
#define S_RSHOW "show one reaction"
#define H_RSHOW "usage: dyad react show ID [--json]\n"
#define S_RSHARE "share a reaction with your partner"
#define H_RSHARE "usage: dyad react share ID\n"
#define S_RUNSHARE "make a reaction private again"
#define H_RUNSHARE "usage: dyad react unshare ID\n"
#define S_REDIT "correct one of your reactions"
#define H_REDIT \
	"usage: dyad react edit ID [options]\n" \
	"\n" \
	"Change one of your reactions; what you do not give stays as it is. An\n" \
	"empty TEXT removes that part. Your partner's reactions are not yours to\n" \
	"change.\n" \
	"\n" \
	"      --happened TEXT  what happened\n" \
	"  -i, --intensity N    how strong, 0 to 10\n" \
	"  -f, --feel WORDS     what you felt (replaces the words; comma-separated)\n" \
	"  -t, --trigger T      what set it off (replaces the triggers)\n" \
	"      --urge TEXT      what you had the urge to do\n" \
	"      --did TEXT       what you did\n" \
	"  -p, --paused         you paused before reacting\n" \
	"      --not-paused     you did not\n" \
	"      --need TEXT      what you need\n" \
	"      --at WHEN        when it happened\n"
#define M_REACT_EDITED "Changed reaction %s.\n"
#define S_RRM "delete a reaction"
#define H_RRM "usage: dyad react rm ID\n"
#define S_RSTATS "trends: intensity, pauses, feelings, triggers"
#define H_RSTATS \
	"usage: dyad react stats [--svg FILE] [--json]\n" \
	"\n" \
	"How often you paused first, intensity week by week, and the feelings\n" \
	"and triggers you named most, in your own time zone.\n" \
	"\n" \
	"      --svg FILE       also write intensity by week as an SVG chart\n"
#define S_RFEEL "the feeling words you can use"
#define H_RFEEL "usage: dyad react feelings [--json]\n"

#define S_PAUSE "a guided pause: slow breathing, and a cool-down"
#define H_PAUSE \
	"usage: dyad pause [--breaths N] [--cool-down [DURATION]]\n" \
	"\n" \
	"A breathing pacer: slow, even breaths (in for 4, out for 6), then a\n" \
	"word on cooling down. With --cool-down, a timer of about 20 minutes\n" \
	"(or DURATION) before you return to a heated conversation.\n" \
	"\n" \
	"      --breaths N      how many breaths, 1 to 60 (default 6)\n" \
	"      --cool-down[=DURATION]  then count down DURATION (default 20m)\n"

/* ------------------------------------------- boundary, goal, interest */

#define M_BOUNDARY_NOT_FOUND "No boundary %s."
#define M_BOUNDARY_EMPTY "No boundaries or needs yet. To write one: dyad boundary add \"I need an hour alone after work\" --area time\n"
#define M_BOUNDARY_SAVED "Saved privately (%s). Share it when you're ready: dyad boundary share ID\n"
#define M_BOUNDARY_SAVED_SHARED "Saved and shared (%s).\n"
#define M_BOUNDARY_EDITED "Boundary %.8s is reworded; the earlier wording is kept.\n"
#define M_BOUNDARY_EDITED_SHARED "Boundary %.8s is reworded; the earlier wording is kept, and your partner is asked to acknowledge the new one.\n"
#define M_FORM_NEED "I need"
#define M_FORM_LIMIT "I won't"
#define M_FORM_OKAY "I'm okay with"
#define M_B_ACKED ", acknowledged"
#define M_B_CHANGED ", reworded since acknowledged"
#define M_B_WAITING_YOU ", not yet acknowledged by you"
#define M_B_DISCUSS_ASKED ", asked to talk about"
#define M_B_DISCUSS_YOU ", you asked to talk about it"
#define M_B_WHY "Why: "
#define M_B_WORDING "This is wording %d; see them all with: dyad boundary history %.8s\n"
#define M_B_CURRENT "  (current)\n"
/* kept wordings that did not decrypt (a damaged file), left out of history */
#define M_B_DAMAGED_ONE "1 earlier wording could not be read (the database file is damaged) and is left out.\n"
#define M_B_DAMAGED "%zu earlier wordings could not be read (the database file is damaged) and are left out.\n"
#define M_B_SHOW_ACKED "Your partner acknowledged this wording on %s.\n"
#define M_B_SHOW_YOU_ACKED "You acknowledged this wording on %s.\n"
#define M_B_SHOW_CHANGED "You reworded it since your partner acknowledged it; the new wording waits for their acknowledgement.\n"
#define M_B_SHOW_CHANGED_YOU "It was reworded since you acknowledged it.\n"
#define M_B_SHOW_WAITING "Shared; your partner has not acknowledged it yet.\n"
#define M_B_SHOW_ASK_ACK "To acknowledge it: dyad boundary ack %.8s  (or ask to talk: dyad boundary discuss %.8s)\n"
#define M_B_SHOW_DISCUSS "Your partner would like to talk about it.\n"
#define M_B_SHOW_YOU_DISCUSS "You asked to talk about it.\n"
#define M_B_ACK_DONE "Acknowledged. %s will see that you read and understood it.\n"
#define M_B_DISCUSS_DONE "Noted: %s will see that you would like to talk about it.\n"
#define M_SELF_SHARED "Shared %.8s with your partner.\n"
#define M_SELF_UNSHARED "%.8s is private again.\n"
#define M_SELF_DELETED "Deleted %s %s.\n"

#define M_GOAL_NOT_FOUND "No goal %s."
#define M_GOAL_EMPTY "No goals yet. To write one: dyad goal add \"Learn the cello\" --why \"music of my own\"\n"
#define M_GOAL_SAVED "Saved privately (%s).\n"
#define M_GOAL_SAVED_SHARED "Saved and shared (%s).\n"
#define M_NOTE_NOT_FOUND "No note %s."
#define M_G_BY ", by %s"
#define M_G_WHY "Why it matters: "
#define M_G_PROGRESS "progress"
#define M_G_YOUR_SUPPORT "your support"
#define M_G_SUPPORT_OWN "This goal is yours: note your progress with dyad goal progress ID NOTE."
#define M_G_PROGRESS_THEIRS "This goal is %s's: offer support with dyad goal support ID NOTE."
#define M_G_PROGRESS_DONE "Progress noted (%s).\n"
#define M_G_SUPPORT_DONE "Support sent (%s).\n"
#define M_G_DISMISSED "Note %.8s is put away.\n"
#define M_G_STATUS_DONE "Goal %.8s is %s now.\n"

#define M_INTEREST_NOT_FOUND "No interest %s."
#define M_INTEREST_EMPTY "No interests yet. To add one: dyad interest add \"Swimming in the lake\" --with alone\n"
#define M_INTEREST_SAVED "Saved privately (%s).\n"
#define M_INTEREST_SAVED_SHARED "Saved and shared (%s).\n"

#define S_BOUNDARY "your boundaries and needs: add, edit, list, ack, ..."
#define H_BOUNDARY \
	"usage: dyad boundary SUBCOMMAND [ARGS]\n" \
	"\n" \
	"What you need, what you won't do, what you're okay with. Each is private\n" \
	"until you share it; your partner can then acknowledge it or ask to talk\n" \
	"about it, and nothing else. Rewording keeps every earlier wording, and a\n" \
	"new wording asks to be acknowledged again.\n" \
	"\n" \
	"Subcommands:\n"
#define S_BADD "write a boundary or need"
#define H_BADD \
	"usage: dyad boundary add TEXT [--why TEXT] [--area AREA] [--form FORM] [--share]\n" \
	"\n" \
	"Write a boundary or a need (at most 2,000 characters). Prints its id.\n" \
	"\n" \
	"      --why TEXT       why it matters to you\n" \
	"      --area AREA      time, space, money, family, friends, body,\n" \
	"                       communication, work or other (default)\n" \
	"      --form FORM      need (\"I need...\"), limit (\"I won't...\") or okay\n" \
	"                       (\"I'm okay with...\"); by default the text's first\n" \
	"                       words decide, else need\n" \
	"      --share          share it with your partner now\n"
#define S_BEDIT "reword a boundary, keeping the earlier wording"
#define H_BEDIT \
	"usage: dyad boundary edit ID [TEXT] [--why TEXT] [--area AREA] [--form FORM]\n" \
	"\n" \
	"Change your boundary. The earlier wording is kept (dyad boundary history);\n" \
	"a shared one asks your partner to acknowledge the new wording.\n"
#define S_BLIST "list boundaries and needs"
#define H_BLIST \
	"usage: dyad boundary list [--mine | --shared | --theirs]\n" \
	"\n" \
	"Your boundaries and needs and your partner's shared ones, newest first,\n" \
	"with where each stands: acknowledged, reworded since, asked to talk.\n"
#define S_BSHOW "show a boundary and where it stands"
#define H_BSHOW "usage: dyad boundary show ID\n"
#define S_BHISTORY "every wording of a boundary, oldest first"
#define H_BHISTORY "usage: dyad boundary history ID\n"
#define S_BSHARE "share a boundary with your partner"
#define H_BSHARE "usage: dyad boundary share ID\n"
#define S_BUNSHARE "make a boundary private again"
#define H_BUNSHARE \
	"usage: dyad boundary unshare ID\n" \
	"\n" \
	"Make it private again; your partner's acknowledgements of it go.\n"
#define S_BACK "acknowledge your partner's boundary"
#define H_BACK \
	"usage: dyad boundary ack ID\n" \
	"\n" \
	"Say \"I've read this and I understand it\" for the current wording of your\n" \
	"partner's shared boundary.\n"
#define S_BDISCUSS "ask to talk about your partner's boundary"
#define H_BDISCUSS "usage: dyad boundary discuss ID\n"
#define S_BRM "delete a boundary and its history"
#define H_BRM "usage: dyad boundary rm ID\n"

#define S_GOAL "your goals: add, progress, support, status, ..."
#define H_GOAL \
	"usage: dyad goal SUBCOMMAND [ARGS]\n" \
	"\n" \
	"What you are growing toward. Goals are private until you share one; your\n" \
	"partner can then leave support notes, which you can read and dismiss.\n" \
	"Only you change your goals.\n" \
	"\n" \
	"Subcommands:\n"
#define S_GADD "write a goal"
#define H_GADD \
	"usage: dyad goal add TEXT [--why TEXT] [--target YYYY-MM-DD] [--share]\n" \
	"\n" \
	"Write a goal (at most 2,000 characters); it starts active. Prints its id.\n"
#define S_GLIST "list goals"
#define H_GLIST \
	"usage: dyad goal list [--mine | --shared | --theirs]\n" \
	"\n" \
	"--shared shows what you each are growing toward, side by side.\n"
#define S_GSHOW "show a goal with its notes"
#define H_GSHOW "usage: dyad goal show ID\n"
#define S_GPROGRESS "note progress on your goal"
#define H_GPROGRESS "usage: dyad goal progress ID NOTE\n"
#define S_GSUPPORT "leave a support note on your partner's goal"
#define H_GSUPPORT "usage: dyad goal support ID NOTE\n"
#define S_GDISMISS "put away a support note you have read"
#define H_GDISMISS "usage: dyad goal dismiss NOTE-ID\n"
#define S_GSTATUS "set a goal's status"
#define H_GSTATUS "usage: dyad goal status ID active|paused|done|dropped\n"
#define S_GSHARE "share a goal with your partner"
#define H_GSHARE "usage: dyad goal share ID\n"
#define S_GUNSHARE "make a goal private again"
#define H_GUNSHARE "usage: dyad goal unshare ID\n"
#define S_GRM "delete a goal and its notes"
#define H_GRM "usage: dyad goal rm ID\n"

#define S_INTEREST "your interests: add, list, share, ..."
#define H_INTEREST \
	"usage: dyad interest SUBCOMMAND [ARGS]\n" \
	"\n" \
	"Things you love doing, on your own or with others. Private until shared.\n" \
	"\n" \
	"Subcommands:\n"
#define S_IADD "add an interest"
#define H_IADD \
	"usage: dyad interest add TEXT [--with alone|together|others] [--note TEXT] [--share]\n"
#define S_ILIST "list interests"
#define H_ILIST "usage: dyad interest list [--mine | --shared | --theirs]\n"
#define S_ISHARE "share an interest"
#define H_ISHARE "usage: dyad interest share ID\n"
#define S_IUNSHARE "make an interest private again"
#define H_IUNSHARE "usage: dyad interest unshare ID\n"
#define S_IRM "delete an interest"
#define H_IRM "usage: dyad interest rm ID\n"

/* ------------------------------------------------------------ check-ins */
#define M_CHECKIN_BAD_FROM "\"%s\" is not a time: say now, 2026-03-01 or \"2026-03-01 19:30\"."
#define M_CHECKIN_NO_SCHEDULE "No check-in schedule yet. Agree on one: dyad checkin schedule weekly --day thu --time 19:30"
#define M_CHECKIN_ZONE_UNKNOWN "This system does not know the time zone \"%s\"; say one like Europe/London."
#define M_CHECKIN_NONE_YET "No check-in schedule yet. To set one: dyad checkin schedule weekly --day thu --time 19:30\n"
#define M_CHECKIN_SCHEDULE "Check-ins: %s (%s).\n"
#define M_CHECKIN_SCHEDULE_SET "Check-ins are now %s (%s).\n"
#define M_CHECKIN_CLEARED "The check-in schedule is cleared.\n"
#define M_CHECKIN_CLEAR_ALONE "--clear takes no frequency."
#define M_CHECKIN_NEXT "Next check-in: %s (%s), %s.\n"
#define M_CHECKIN_CANNOT_WRITE "Cannot write %s."
#define M_CHECKIN_ICS_WRITTEN "Wrote %s: open it to put your check-ins in your calendar.\n"
#define M_CHECKIN_ADDED "On your agenda, held until you reveal it or join the check-in (%s).\n"
#define M_CHECKIN_HELD "held: only you see it"
#define M_CHECKIN_REVEALED "revealed"
#define M_CHECKIN_WHO_BOTH "  (both of you)"
#define M_CHECKIN_WHO_YOU "  (you)"
#define M_CHECKIN_WHO_NAMED "  (%s)"
#define M_CHECKIN_WHO_FORMER "  (a partner who left)"
#define M_CHECKIN_FOLLOW ", follow up %s"
#define M_CHECKIN_DONE_BY ", done: %s marked it %s"
#define M_CHECKIN_DONE_ALSO ", and %s %s"
#define M_CHECKIN_DONE_YOU "you"
#define M_CHECKIN_AGENDA_EMPTY "Your agenda is empty. To add: dyad checkin add appreciation \"Thank you for ...\"\n"
#define M_CHECKIN_ASKED "%.8s  [boundary] your partner asked to talk about: "
#define M_CHECKIN_DUE_HEAD "Agreements to follow up:\n"
#define M_CHECKIN_REVEALED_NOW "Revealed: your partner can see it now.\n"
#define M_CHECKIN_NOT_STARTED "No check-in has started. Start one: dyad checkin start"
#define M_CHECKIN_YOU "you"
#define M_CHECKIN_TURN_HEARD "    %s: felt heard\n"
#define M_CHECKIN_TURN_UNHEARD "    %s: did not feel heard yet\n"
#define M_CHECKIN_TURN_PARA "    %s heard: "
#define M_CHECKIN_TURN_NOTE "    note by %s: "
#define M_CHECKIN_TALK_HEAD "%zu item%s. One at a time: the speaker talks, the listener says back what they heard.\n"
#define M_CHECKIN_TALK_ITEM "\n[%zu/%zu] %s: "
#define M_CHECKIN_YOU_SPEAK "You speak; your partner listens and paraphrases.\n"
#define M_CHECKIN_YOU_LISTEN "%s speaks; you listen and say back what you heard.\n"
#define M_CHECKIN_ASK_PARA "What you heard (Enter to skip): "
#define M_CHECKIN_ASK_HEARD "Did you feel heard? [y/n, Enter to skip]: "
#define M_CHECKIN_ASK_NOTE "A note (Enter to skip): "
#define M_CHECKIN_ASK_AGREE "An agreement (Enter when there are no more): "
#define M_CHECKIN_ASK_WHO "Who does it? [me/partner/both, or a name]: "
#define M_CHECKIN_ASK_DATE "Follow up on (YYYY-MM-DD, Enter for none): "
#define M_CHECKIN_ASK_END "End the check-in? [y/N] "
#define M_CHECKIN_PAST "The follow-up date %s is in the past; the agreement is saved.\n"
#define M_CHECKIN_ENDED "The check-in has ended.\n"
#define M_CHECKIN_STARTED "Check-in started (%s). Your agenda is open for both of you.\n"
#define M_CHECKIN_JOINED "Joined the check-in (%s). Your agenda is open for both of you.\n"
#define M_CHECKIN_YES_NO "Say yes or no."
#define M_CHECKIN_MARKED_DONE "Marked done.\n"
#define M_CHECKIN_UNMARKED_DONE "Your done mark is taken back.\n"
#define M_CHECKIN_NONE_DUE "No agreements are due.\n"
#define M_CHECKIN_NO_AGREEMENTS "No agreements yet.\n"
#define M_CHECKIN_NO_HISTORY "No check-ins yet. Start one: dyad checkin start\n"
#define M_CHECKIN_HISTORY_LINE "%s%.8s%s  %s, %zu item%s%s\n"
#define M_CHECKIN_UNDER_WAY " (under way)"

#define S_CHECKIN "regular check-ins: schedule, agenda, the talk, agreements"
#define H_CHECKIN \
	"usage: dyad checkin SUBCOMMAND [ARGS]\n" \
	"\n" \
	"A check-in is a regular talk about goals, interests, boundaries and what is\n" \
	"on your minds. Each of you prepares an agenda privately; items stay hidden\n" \
	"from your partner until you reveal them or join the check-in.\n" \
	"\n" \
	"Subcommands:\n"
#define S_CSCHEDULE "show or set the couple's schedule"
#define H_CSCHEDULE \
	"usage: dyad checkin schedule [weekly|biweekly|monthly --day DAY --time HH:MM [--week 1-4|last] [--tz ZONE]]\n" \
	"       dyad checkin schedule --clear\n"
#define S_CNEXT "when the next check-in is"
#define H_CNEXT "usage: dyad checkin next [--from WHEN]\n"
#define S_CICS "the schedule as an iCalendar file for a phone calendar"
#define H_CICS "usage: dyad checkin ics [--from WHEN] [-o FILE]\n"
#define S_CADD "add an item to your agenda (held)"
#define H_CADD \
	"usage: dyad checkin add appreciation|goal|interest|boundary|concern|other TEXT [--link GOAL-OR-BOUNDARY-ID]\n"
#define S_CLIST "your agenda, your partner's revealed items, agreements due"
#define H_CLIST "usage: dyad checkin list\n"
#define S_CREVEAL "show an agenda item to your partner now"
#define H_CREVEAL "usage: dyad checkin reveal ID\n"
#define S_CSTART "start or join the check-in, and talk it through"
#define H_CSTART "usage: dyad checkin start\n"
#define S_CPARA "say back what you heard on your partner's item"
#define H_CPARA "usage: dyad checkin paraphrase ITEM-ID TEXT\n"
#define S_CHEARD "say whether you felt heard on your item"
#define H_CHEARD "usage: dyad checkin heard ITEM-ID yes|no\n"
#define S_CNOTE "add a note to an item"
#define H_CNOTE "usage: dyad checkin note ITEM-ID TEXT\n"
#define S_CAGREE "record an agreement at the check-in"
#define H_CAGREE "usage: dyad checkin agree WHAT [--who me|partner|both|NAME] [--follow-up YYYY-MM-DD]\n"
#define S_CEND "end the check-in"
#define H_CEND "usage: dyad checkin end\n"
#define S_CAGREEMENTS "agreements, or those due; rm deletes one of yours"
#define H_CAGREEMENTS \
	"usage: dyad checkin agreements [--due]\n" \
	"       dyad checkin agreements rm ID [--yes]\n" \
	"\n" \
	"Lists every agreement, or with --due those not done whose follow-up date\n" \
	"has come. 'rm' deletes one you wrote (see 'dyad checkin agreements rm --help').\n"
#define S_CAGREEMENTS_RM "delete an agreement you wrote, with its done marks"
#define H_CAGREEMENTS_RM \
	"usage: dyad checkin agreements rm ID [--yes]\n" \
	"\n" \
	"Delete an agreement you wrote for good (one mistyped, or no longer meant),\n" \
	"with the done marks on it, yours and your partner's. Only the one who wrote\n" \
	"an agreement can delete it. Asks first when on a terminal.\n" \
	"\n" \
	"  -y, --yes            do not ask\n"
#define M_CHECKIN_RM_ASK "Delete the agreement %.8s for good, with its done marks? [y/N] "
#define M_CHECKIN_RM_DONE "Deleted agreement %.8s.\n"
#define M_CHECKIN_RM_NOT_YOURS "That agreement is %s's; only %s can delete it (you can mark it done)."
#define S_CDONE "mark an agreement done (either of you), or take your mark back"
#define H_CDONE "usage: dyad checkin done [--undo] ID\n"
#define S_CHISTORY "past check-ins with their agreements"
#define H_CHISTORY "usage: dyad checkin history\n"
#define S_CSHOW "one check-in: each item with what was said, and its agreements"
#define H_CSHOW "usage: dyad checkin show ID [--json]\n\nID is a check-in's id, as 'dyad checkin history' lists them.\n"
#define M_CHECKIN_SHOW_HEAD "Check-in of %s%s, %zu item%s\n"
#define M_CHECKIN_SHOW_ITEM "\n%s (%s): "
#define M_CHECKIN_SHOW_AGREED "\nAgreed:\n"
/* a check-in's join and end marks, an agreement's done marks, that could
 * not be read: the state shown from them may be out of date (id: %.8s) */
#define M_CHECKIN_MARKS_DAMAGED \
	"1 record of check-in %.8s could not be read (the database file is damaged): whether it has ended, and who " \
	"joined it, may be out of date.\n"
#define M_CHECKIN_MARKS_DAMAGED_N \
	"%zu records of check-in %.8s could not be read (the database file is damaged): whether it has ended, and who " \
	"joined it, may be out of date.\n"
#define M_CHECKIN_DONE_DAMAGED \
	"1 record of agreement %.8s could not be read (the database file is damaged): whether it is done may be out of " \
	"date.\n"
#define M_CHECKIN_DONE_DAMAGED_N \
	"%zu records of agreement %.8s could not be read (the database file is damaged): whether it is done may be out " \
	"of date.\n"
/* ------------------------------------------------ questions for two */

#define S_QUESTION "questions for two: today, answer, list, ..."
#define H_QUESTION \
	"usage: dyad question SUBCOMMAND [ARGS]\n" \
	"\n" \
	"A question for the two of you each day, about goals, interests, values,\n" \
	"needs and boundaries. Each of you answers privately first; both answers\n" \
	"open when both of you have answered, so that each says what they think\n" \
	"before knowing what the other said. Skipping a question leaves no trace.\n" \
	"\n" \
	"Subcommands:\n"
#define S_QTODAY "today's question and where it stands"
#define H_QTODAY "usage: dyad question today [--json]\n"
#define S_QANSWER "answer today's question (or another)"
#define H_QANSWER \
	"usage: dyad question answer [--question ID] [TEXT]\n" \
	"\n" \
	"Answers today's question, or the one --question names (see 'dyad question\n" \
	"library'). The answer is read from standard input, or your editor opens,\n" \
	"when TEXT is not given. Once given, an answer cannot be changed.\n"
#define S_QSHOW "one question and both answers, once open"
#define H_QSHOW "usage: dyad question show ID [--json]\n"
#define S_QLIST "the questions you have answered"
#define H_QLIST "usage: dyad question list [--json]\n"
#define S_QDISCUSS "put a question you both answered on your check-in agenda"
#define H_QDISCUSS \
	"usage: dyad question discuss ID\n" \
	"\n" \
	"Adds an item to your agenda for the next check-in, linked to your answer.\n" \
	"Like every agenda item, it is yours alone until you reveal it or join the\n" \
	"check-in.\n"
#define M_Q_DISCUSSED "On your agenda for the next check-in (%s).\n"
#define S_QLIBRARY "every question, by theme"
#define H_QLIBRARY "usage: dyad question library [--json]\n"

#define M_Q_NOT_FOUND "There is no question %s; see 'dyad question library'."
#define M_Q_HEAD "Question for two"
#define M_Q_ALONE "Questions for two open once your partner has joined ('dyad invite').\n"
#define M_Q_UNANSWERED "Neither of you has answered yet. Answer privately: dyad question answer%s%s\n"
#define M_Q_THEIRS_WAITS "%s has answered. Theirs opens when you answer: dyad question answer%s%s\n"
#define M_Q_MINE_WAITS "Your answer is sealed until %s answers.\n"
#define M_Q_OPENING "You have both answered. %s's answer opens when %s next opens dyad.\n"
#define M_Q_YOU "You"
#define M_Q_NONE "You have not answered any questions yet. Today's: dyad question today\n"
#define M_Q_EMPTY_ANSWER "An answer needs a few words."

#endif
