#!/bin/sh
# Names and the space's label: normalised, unique without regard to case,
# no control or direction characters; and everything from people printed
# to a terminal is cleaned (part of #7).
. "$(dirname "$0")/lib.sh"
need sqlite3 sqlite3

ESC=$(printf '\033')
RLO=$(printf '\342\200\256')     # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')     # U+2066 LEFT-TO-RIGHT ISOLATE
ZOE_NFD=$(printf 'Zoe\314\210')  # e + COMBINING DIAERESIS
ZOE_NFC=$(printf 'Zo\303\253')

check "init refuses a name with a direction override, with the core's message, and makes nothing"
be Alex
expect_error 1 --data "$T/other" init --name "Al${RLO}ex"
expect_stderr_contains "A name cannot hold control characters, line breaks or characters that change the writing direction."
[ ! -e "$T/other" ] || fail "a refused init left $T/other behind"

check "init refuses a label with an isolate or a line break"
expect_error 1 --data "$T/other" init --name Alex --space "Us${LRI}"
expect_stderr_contains "The space's name cannot hold"
expect_error 1 --data "$T/other" init --name Alex --space "Us
two"
expect_stderr_contains "The space's name cannot hold"
[ ! -e "$T/other" ] || fail "a refused init left $T/other behind"

check "a name is measured once composed: 33 decomposed letters (99 bytes, 66 composed) are too long"
long=$(printf 'e\314\210%.0s' $(seq 1 33))
expect_error 1 --data "$T/other" init --name "$long"
expect_stderr_contains "That name is longer than 64 bytes."

check "names and labels are kept normalised: composed, trimmed"
export DYAD_AS="$ZOE_NFD" DYAD_PASSPHRASE="$ALEX_PASS"
expect_exit 0 init --name " $ZOE_NFD " --space "  Our home "
expect_exit 0 whoami
expect_stdout_contains "You are $ZOE_NFC, in \"Our home\""
[ "$(sqlite3 "$DYAD_DATA/dyad.db" 'SELECT hex(name) FROM person')" = "5A6FC3AB" ] ||
	fail "the stored name is not the composed form"

check "--as finds a person without regard to case"
export DYAD_AS="zOË"
expect_exit 0 whoami
expect_stdout_contains "You are $ZOE_NFC"
export DYAD_AS="$ZOE_NFC"
run invite --json
want_rc 0
CODE=$(json_field code)

check "a partner's name that differs only in case is refused with a clear message"
be Sam
expect_error 1 join --name "ZOË" --invite "$CODE"
expect_stderr_contains "Your partner is already called $ZOE_NFC, and names here differ by more than capital letters"
expect_error 1 join --name "  zoe$(printf '\314\210') " --invite "$CODE"
expect_stderr_contains "Your partner is already called $ZOE_NFC"
expect_error 1 join --name "S${ESC}[31mam" --invite "$CODE"
expect_stderr_contains "A name cannot hold control characters"
expect_exit 0 join --name Sam --invite "$CODE"

check "what Sam shares shows Sam's name; a title with an override is shown cleaned"
expect_exit 0 journal add --share --title "Evil${RLO}txt.exe" "words"
export DYAD_AS="$ZOE_NFC" DYAD_PASSPHRASE="$ALEX_PASS"
expect_exit 0 journal list
expect_stdout_contains "from Sam"
expect_stdout_contains "Evil?txt.exe"
grep -qF "$RLO" "$T/out" && fail "journal list printed the override character"

check "a name with terminal escapes in the database (an older dyad, a hostile copy) is printed cleaned"
sqlite3 "$DYAD_DATA/dyad.db" "UPDATE person SET name = 'S' || char(27) || '[2J' || char(8238) || 'am' WHERE name = 'Sam'" ||
	fail "sqlite3 could not change the name"
expect_exit 0 whoami
expect_stdout_contains "with S?[2J?am"
grep -qF "$ESC" "$T/out" && fail "whoami printed an escape character"
expect_exit 0 journal list
expect_stdout_contains "from S?[2J?am"
grep -qF "$ESC" "$T/out" && fail "journal list printed an escape character"

check "a word quoted back in an error is cleaned too"
export DYAD_AS="K${ESC}]0;owned${ESC}\\im"
expect_error 1 whoami
expect_stderr_contains "There is no one called 'K?]0;owned?\\im' here"
grep -qF "$ESC" "$T/err" && fail "the error printed an escape character"

finish
