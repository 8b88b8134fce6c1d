# reflect.sh - the journal's reflective side: the prompt of the day and the
# prompts, entries written from a prompt with a mood, feeling words and
# tags, refusals that change nothing, the list's filters, and the quiet
# responses to a partner's shared entry.
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
X1=$ID
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -q "marker-tag-okapi" "$f" || grep -q "homesick" "$f"; then fail "$f holds a tag or feeling in plaintext"; fi
done

check "journal list filters by tag, mood and date; the filters combine"
add "Tagged work." --tag Work --mood 2
W1=$ID
add "Family and work." --tag family --tag work --mood 4
W2=$ID
expect_exit 0 journal list --tag WORK --json
expect_stdout_contains "$W1"
expect_stdout_contains "$W2"
expect_stdout_contains "$E1"
expect_stdout_lacks "$X1"
expect_exit 0 journal list --tag work --mood 4 --json
expect_stdout_contains "$W2"
expect_stdout_lacks "$W1"
expect_exit 0 journal list --mood 3
expect_stdout_contains "No entries match these filters."
TODAY=$(date +%Y-%m-%d)
expect_exit 0 journal list --from "$TODAY" --to "$TODAY" --json
expect_stdout_contains "$W1"
expect_exit 0 journal list --to 2020-01-01 --json
expect_stdout_lacks "$W1"
expect_error 2 journal list --mood 6
expect_error 2 journal list --from 2026-02-30x
expect_error 2 journal list --from 2026-03-02 --to 2026-03-01

check "Sam's list with --tag shows only what Alex shared with that tag, never a private entry"
run journal share "$W2"
want_rc 0
be Sam
expect_exit 0 journal list --tag work --json
expect_stdout_contains "$W2"
expect_stdout_lacks "$W1"

check "Sam responds to Alex's shared entry; Alex sees it under the entry"
expect_exit 0 journal respond "$W2" read
expect_stdout_contains "Alex will see it"
expect_exit 0 journal respond "$W2" note "Thank you for telling me."
be Alex
expect_exit 0 journal show "$W2"
expect_stdout_contains "Responses"
expect_stdout_contains "Sam: I read this"
expect_stdout_contains "Sam: \"Thank you for telling me.\""

check "no response to a private entry (same words as a missing one), nor to my own, nor an unknown kind"
be Sam
expect_error 1 journal respond "$W1" read
expect_stderr_contains "There is no entry $W1 here."
expect_error 1 journal respond 01938a4e-1111-7000-8000-000000000000 read
expect_stderr_contains "There is no entry 01938a4e-1111-7000-8000-000000000000 here."
expect_error 2 journal respond "$W2" love
expect_error 2 journal respond "$W2" note
be Alex
expect_error 1 journal respond "$W2" thanks
expect_stderr_contains "this entry is yours"

check "the responses go when Alex stops sharing the entry"
expect_exit 0 journal unshare "$W2"
expect_exit 0 journal share "$W2"
expect_exit 0 journal show "$W2"
expect_stdout_lacks "Sam: I read this"

check "the database holds no plaintext of a note"
be Sam
expect_exit 0 journal respond "$W2" note "marker-note-pangolin"
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -q "marker-note-pangolin" "$f"; then fail "$f holds a note in plaintext"; fi
done

finish
