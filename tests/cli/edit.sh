# edit.sh - dyad practice edit and dyad react edit: a wrong length or
# intensity is corrected and a note added to or removed, what is not given
# stays; bad changes are refused and change nothing; my partner cannot
# change mine, shared or not, and hears the same words as for a missing
# one; the new note is not stored in plaintext.
. "$(dirname "$0")/lib.sh"

couple

be Alex
run practice log yoga 10m --note calm
want_rc 0
SESSION=$(cat "$T/out")
run practice log walking 40m --share
want_rc 0
SHARED_SESSION=$(cat "$T/out")
run react add "the dishes again" -i 8 --feel hurt
want_rc 0
REACTION=$(cat "$T/out")

check "a session's length and note are corrected; the rest stays"
expect_exit 0 practice edit "$SESSION" --duration 25m --note "calm, then sleepy ORIOLE"
expect_stdout_contains "Changed session $SESSION."
expect_exit 0 --json practice list --mine
python3 - "$T/out" "$SESSION" <<'PY' || fail "the edited session is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
s = next(i for i in d["items"] if i["id"] == sys.argv[2])
assert s["seconds"] == 1500 and s["note"] == "calm, then sleepy ORIOLE" and s["practice"] == "yoga", s
assert s["version"] == 2, s
PY
expect_exit 0 practice edit "$SESSION" --note ""
expect_exit 0 --json practice list --mine
grep -q ORIOLE "$T/out" && fail "an empty --note did not remove the note"

check "a reaction's intensity is corrected, its feelings replaced"
expect_exit 0 react edit "$REACTION" -i 4 --feel anxious --need "a slower evening" --paused
expect_stdout_contains "Changed reaction $REACTION."
expect_exit 0 --json react show "$REACTION"
python3 - "$T/out" <<'PY' || fail "the edited reaction is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["intensity"] == 4 and r["feelings"] == ["anxious"] and r["paused"] is True, r
assert r["need"] == "a slower evening" and r["happened"] == "the dishes again", r
PY

check "bad changes are refused with a reason and change nothing"
before=$(state)
expect_error 2 practice edit "$SESSION"
expect_stderr_contains "Say what to change"
expect_error 1 practice edit "$SESSION" --duration 25h
expect_error 1 practice edit "$SESSION" --duration -5m
expect_error 1 react edit "$REACTION" -i 11
expect_error 1 react edit "$REACTION" --feel notaword
expect_error 1 react edit "$REACTION" --happened ""
expect_error 2 react edit "$REACTION"
expect_error 2 practice edit
[ "$(state)" = "$before" ] || fail "a refused edit changed the data folder"

check "my partner cannot change mine, shared or not: the words of a missing one"
be Sam
before=$(state)
expect_error 1 practice edit "$SESSION" --duration 1m
expect_stderr_contains "No session $SESSION."
expect_error 1 practice edit "$SHARED_SESSION" --duration 1m
expect_stderr_contains "No session $SHARED_SESSION."
expect_error 1 practice edit 00000000-0000-4000-8000-000000000000 --duration 1m
expect_stderr_contains "No session 00000000-0000-4000-8000-000000000000."
expect_error 1 react edit "$REACTION" -i 0
expect_stderr_contains "No reaction $REACTION."
[ "$(state)" = "$before" ] || fail "the partner's refused edit changed the data folder"

check "the edited note is not stored in plaintext"
for f in "$DYAD_DATA"/dyad.db*; do
	grep -q ORIOLE "$f" && fail "$f holds the edited note"
done

finish
