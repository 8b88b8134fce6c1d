# reflect.sh - the journal's reflective side: the prompt of the day and the
# prompts, entries written from a prompt with a mood, feeling words and
# tags, and refusals that change nothing.
. "$(dirname "$0")/lib.sh"

couple
be Alex

check "journal prompt shows a prompt of the library, the same on each call of a day"
run journal prompt --json
want_rc 0
P1=$(json_field id)
run journal prompt --json
want_rc 0
expect_same "$(json_field id)" "$P1" "the prompt of the day twice"
run journal prompts --json
want_rc 0
grep -qF "\"id\": \"$P1\"" "$T/out" || fail "the prompt of the day '$P1' is not in the library"
expect_exit 0 journal prompt
expect_stdout_contains "dyad journal add --prompt $P1"

check "journal prompt --date gives each day's prompt; over a week it changes, and Sam's are not Alex's"
A_WEEK=""
for d in 01 02 03 04 05 06 07; do
	run journal prompt --json --date 2026-04-$d
	want_rc 0
	A_WEEK="$A_WEEK $(json_field id)"
done
[ "$(echo $A_WEEK | tr ' ' '\n' | sort -u | wc -l)" -gt 1 ] || fail "a week of one prompt: $A_WEEK"
be Sam
S_WEEK=""
for d in 01 02 03 04 05 06 07; do
	run journal prompt --json --date 2026-04-$d
	want_rc 0
	S_WEEK="$S_WEEK $(json_field id)"
done
[ "$A_WEEK" != "$S_WEEK" ] || fail "Alex and Sam had the same prompts all week: $A_WEEK"
be Alex
expect_error 2 journal prompt --date 2026-13-01
expect_error 2 journal prompt --date tomorrow

check "journal prompts --theme lists one theme; an unknown theme is refused"
expect_exit 0 journal prompts --theme family
expect_stdout_contains "family-01"
expect_stdout_lacks "values-01"
run journal prompts --theme nonsense
want_rc 1
expect_stderr_contains "There is no theme 'nonsense'"

check "journal add --prompt today writes from today's prompt, with mood, feelings and tags"
add "What I noticed today." --prompt today --mood 4 --feel hopeful --feel tired --tag Work --tag " WORK " --tag Straße
E1=$ID
run journal show "$E1" --json
want_rc 0
expect_stdout_contains "\"prompt\": \"$P1\""
expect_stdout_contains '"mood": 4'
expect_stdout_contains '"hopeful"'
expect_stdout_contains '"strasse"'
[ "$(grep -c '"work"' "$T/out")" -eq 1 ] || fail "the tag work is not there once"
expect_exit 0 journal show "$E1"
expect_stdout_contains "From the prompt: "
expect_stdout_contains "Mood: 4 of 5"
expect_stdout_contains "Feeling: hopeful, tired"
expect_stdout_contains "Tags: #work #strasse"

check "a prompt id that does not exist, a mood out of range, an unknown feeling word or a bad tag change nothing"
S0=$(state)
expect_error 1 journal add "no" --prompt feelings-99
expect_stderr_contains "There is no prompt 'feelings-99'"
expect_error 2 journal add "no" --mood 6
expect_stderr_contains "from 1 (low) to 5 (good)"
expect_error 2 journal add "no" --mood 0
expect_error 1 journal add "no" --feel grumpyish
expect_stderr_contains "not one of dyad's feeling words"
expect_error 1 journal add "no" --tag "$(printf '%041d' 0)"
expect_stderr_contains "at most 40 bytes"
expect_error 1 journal add "no" --tag 1 --tag 2 --tag 3 --tag 4 --tag 5 --tag 6 --tag 7 --tag 8 --tag 9 --tag 10 --tag 11
expect_stderr_contains "at most 10 tags"
expect_same "$(state)" "$S0" "the data folder after refusals"

check "the database holds no plaintext of tags or feeling words"
add "x" --tag marker-tag-okapi --feel homesick
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -q "marker-tag-okapi" "$f" || grep -q "homesick" "$f"; then fail "$f holds a tag or feeling in plaintext"; fi
done

finish
