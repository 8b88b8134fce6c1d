# question.sh - dyad question: today's question is the couple's; each
# answer is sealed until both have answered, and the first to answer sees
# both at their next use; the partner learns only that I answered; bad
# input is refused and changes nothing; the data folder holds no plain text.
. "$(dirname "$0")/lib.sh"

check "alone, there is nobody to answer with yet"
be Alex
run init --name Alex --json
want_rc 0
run question today
want_rc 0
expect_stdout_contains "Question for two"
expect_stdout_contains "once your partner has joined"
printf "something\n" >"$T/some"
run_in "$T/some" question answer
want_rc 1
expect_stderr_contains "partner has joined"

check "both partners get the same question today"
run invite --json
want_rc 0
INV=$(json_field code)
be Sam
run join --name Sam --invite "$INV" --json
want_rc 0
run question today --json
want_rc 0
Q=$(sed -n 's/^ *"id": "\([a-z]*-[0-9]*\)",\{0,1\}$/\1/p' "$T/out" | head -n 1)
[ -n "$Q" ] || fail "no question id in today's JSON"
expect_same "$(json_field state)" "unanswered" "today's state before anyone answered"
be Alex
run question today --json
want_rc 0
expect_stdout_contains "\"id\": \"$Q\""

check "the first answer is sealed; the partner learns only that it was given"
run question answer --question "$Q" "MARKER-ANSWER-pangolin speaks first"
want_rc 0
expect_stdout_contains "sealed until Sam answers"
expect_stdout_contains "pangolin"
run question show "$Q" --json
want_rc 0
expect_same "$(json_field state)" "waiting_for_partner" "Alex's state after answering"
be Sam
run question show "$Q"
want_rc 0
expect_stdout_contains "Alex has answered"
expect_stdout_lacks "pangolin"
run question show "$Q" --json
want_rc 0
expect_stdout_lacks "pangolin"
expect_same "$(json_field state)" "partner_answered" "Sam's state before answering"
run export
want_rc 0
expect_stdout_lacks "pangolin"

check "answering twice is refused and changes nothing"
be Alex
BEFORE=$(state)
expect_error 1 question answer --question "$Q" "a second thought"
expect_stderr_contains "already"
[ "$(state)" = "$BEFORE" ] || fail "a refused answer changed the data folder"

check "bad input gets a clear message and changes nothing"
expect_error 1 question answer --question nosuch-99 "words"
expect_stderr_contains "no question nosuch-99"
expect_error 1 question show nosuch-99
printf '   \n' >"$T/blank"
run_in "$T/blank" question answer --question "$Q"
want_rc 1
expect_stderr_contains "few words"
[ "$(state)" = "$BEFORE" ] || fail "bad input changed the data folder"

check "the second answer opens Sam's at once, and Alex's when Alex next uses dyad"
be Sam
printf 'MARKER-ANSWER-axolotl listens, then speaks\n' >"$T/ans"
run_in "$T/ans" question answer --question "$Q"
want_rc 0
expect_stdout_contains "opens when Alex next opens dyad"
expect_stdout_contains "axolotl"
expect_stdout_lacks "pangolin"
be Alex
run question show "$Q"
want_rc 0
expect_stdout_contains "pangolin"
expect_stdout_contains "Sam:"
expect_stdout_contains "axolotl"
be Sam
run question show "$Q" --json
want_rc 0
expect_same "$(json_field state)" "open" "Sam's state once both opened"
expect_stdout_contains "pangolin"

check "a question both answered goes on the check-in agenda once, held"
be Alex
run question discuss "$Q" --json
want_rc 0
ITEM=$(json_field id)
run question discuss "$Q" --json
want_rc 0
expect_same "$(json_field id)" "$ITEM" "the second discuss's item"
run checkin list --json
want_rc 0
expect_stdout_contains "$ITEM"
be Sam
run checkin list --json
want_rc 0
expect_stdout_lacks "$ITEM"
expect_error 1 question discuss nosuch-99

check "the list holds the answered questions, the library every question"
run question list
want_rc 0
expect_stdout_contains "$Q"
run question list --json
want_rc 0
expect_stdout_contains "\"answers\""
run question library --json
want_rc 0
N=$(grep -c '"theme_label"' "$T/out")
[ "$N" -ge 80 ] || fail "the library holds $N questions, expected at least 80"
run question library
want_rc 0
expect_stdout_contains "Boundaries"

check "the data folder holds none of it in plain text"
for w in "MARKER" "pangolin" "axolotl" "listens, then"; do
	if grep -rqF "$w" "$DYAD_DATA"; then fail "the data folder holds '$w'"; fi
done

check "every subcommand says its usage"
for cmd in "question today" "question answer" "question show" "question discuss" "question list" "question library"; do
	# shellcheck disable=SC2086
	expect_exit 0 $cmd --help
	expect_stdout_contains "usage: dyad $cmd"
done
expect_exit 0 help
expect_stdout_contains "  question "

finish
