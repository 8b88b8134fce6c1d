# self.sh - dyad boundary, goal and interest: private until shared; only
# the owner edits, shares or deletes; an acknowledgement belongs to the
# wording it was given for and a new wording asks again; the history is
# complete and in order; notes on goals are progress or support; bad input
# is refused and changes nothing; the data folder holds no plain text.
. "$(dirname "$0")/lib.sh"

couple
be Alex

check "a boundary is private until shared, and its form comes from its words"
run boundary add "I need an hour alone after work" --area time --why "to land after the day"
want_rc 0
B1=$(cat "$T/out")
run boundary add "I won't talk about money after ten" --area money
want_rc 0
B2=$(cat "$T/out")
run boundary show "$B2" --json
want_rc 0
expect_same "$(json_field form)" "limit" "the form of \"I won't ...\""
run boundary list
want_rc 0
expect_stdout_contains "I need an hour alone after work"
expect_stdout_contains "(money, private)"
be Sam
run boundary list --json
want_rc 0
expect_stdout_lacks "alone after work"
expect_error 1 boundary show "$B1"
expect_stderr_contains "No boundary"
expect_error 1 boundary ack "$B1"
expect_stderr_contains "No boundary"

check "the partner acknowledges a shared boundary, and cannot change it"
be Alex
run boundary share "$B2"
want_rc 0
be Sam
run boundary list
want_rc 0
expect_stdout_contains "from Alex, not yet acknowledged by you"
expect_error 1 boundary edit "$B2" "something else"
expect_stderr_contains "only they can change it"
expect_error 1 boundary rm "$B2"
expect_error 1 boundary unshare "$B2"
run boundary ack "$B2"
want_rc 0
run boundary ack "$B2"
want_rc 0
be Alex
run boundary show "$B2"
want_rc 0
expect_stdout_contains "Your partner acknowledged this wording"
expect_error 1 boundary ack "$B2"
expect_stderr_contains "yours"

check "a new wording asks to be acknowledged again, and the history keeps every wording in order"
run boundary edit "$B2" "I won't talk about money after nine"
want_rc 0
run boundary edit "$B2" "I won't talk about money after nine on weekdays"
want_rc 0
run boundary show "$B2" --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "boundary show --json: $(head -c 600 "$T/out")"
import json, sys
b = json.load(open(sys.argv[1]))
assert b["version"] == 3, b["version"]
st = b["status"]
assert st["acknowledged"] is False and st["acknowledged_wording"] == 1, st
PY
run boundary history "$B2" --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "boundary history --json: $(head -c 600 "$T/out")"
import json, sys
v = json.load(open(sys.argv[1]))["versions"]
assert [x["statement"] for x in v] == ["I won't talk about money after ten", "I won't talk about money after nine",
    "I won't talk about money after nine on weekdays"], v
assert [x["version"] for x in v] == [1, 2, 3]
PY
be Sam
run boundary history "$B2"
want_rc 0
expect_stdout_contains "after ten"
run boundary discuss "$B2"
want_rc 0
be Alex
run boundary show "$B2"
want_rc 0
expect_stdout_contains "would like to talk about it"

check "bad boundaries are refused with a clear message and change nothing"
before=$(state)
expect_error 1 boundary add "" --area time
expect_stderr_contains "statement is empty"
expect_error 1 boundary add "x" --area garden
expect_stderr_contains "area must be one of: time, space, money"
expect_error 1 boundary add "x" --form maybe
expect_stderr_contains "form must be one of"
long=$(python3 -c 'print("a" * 2001)')
expect_error 1 boundary add "$long"
expect_stderr_contains "2001 characters"
expect_error 1 boundary edit "$B2" --area garden
expect_error 2 boundary add
expect_same "$before" "$(state)" "the data after refused boundaries"

check "goals: progress by the owner, support by the partner, dismissed by the owner"
run goal add "Learn the cello" --why "music of my own" --target 2027-06-30 --share
want_rc 0
G=$(cat "$T/out")
run goal progress "$G" "first lesson done"
want_rc 0
expect_error 1 goal support "$G" "go you"
expect_stderr_contains "yours"
be Sam
run goal list --theirs
want_rc 0
expect_stdout_contains "Learn the cello"
expect_stdout_contains "by 2027-06-30"
run goal support "$G" "I can drive you to lessons"
want_rc 0
S=$(cat "$T/out")
expect_error 1 goal status "$G" done
expect_stderr_contains "only they can change it"
expect_error 1 goal dismiss "$S"
be Alex
run goal show "$G"
want_rc 0
expect_stdout_contains "first lesson done"
expect_stdout_contains "I can drive you to lessons"
run goal dismiss "$S"
want_rc 0
run goal show "$G"
want_rc 0
expect_stdout_lacks "drive you"
run goal show "$G" --json
want_rc 0
python3 - "$T/out" <<'PY' || fail "goal show --json: $(head -c 600 "$T/out")"
import json, sys
g = json.load(open(sys.argv[1]))
notes = {n["note"]: n for n in g["notes"]}
assert notes["first lesson done"]["sort"] == "progress" and not notes["first lesson done"]["dismissed"]
assert notes["I can drive you to lessons"]["sort"] == "support" and notes["I can drive you to lessons"]["dismissed"]
PY
run goal status "$G" done
want_rc 0
run goal list
want_rc 0
expect_stdout_contains "done"
before=$(state)
expect_error 1 goal add "x" --target 31/03/2027
expect_stderr_contains "YYYY-MM-DD"
expect_error 1 goal status "$G" someday
expect_stderr_contains "status must be one of"
expect_same "$before" "$(state)" "the data after refused goals"

check "interests are private until shared"
run interest add "Bouldering on Thursdays" --with others
want_rc 0
I=$(cat "$T/out")
be Sam
run interest list
want_rc 0
expect_stdout_lacks "Bouldering"
be Alex
run interest share "$I"
want_rc 0
be Sam
run interest list
want_rc 0
expect_stdout_contains "Bouldering on Thursdays"
expect_error 1 interest rm "$I"
be Alex
expect_error 1 interest add "x" --with everyone
expect_stderr_contains "with must be one of"

check "unsharing takes the partner's answers with it; deleting takes the history"
run boundary unshare "$B2"
want_rc 0
be Sam
expect_error 1 boundary show "$B2"
be Alex
run boundary rm "$B2"
want_rc 0
expect_error 1 boundary history "$B2"

check "the data folder holds none of it in plain text"
for w in "alone after work" "to land" "talk about money" "cello" "music of my own" "first lesson" "drive you" "Bouldering"; do
	if grep -rqF "$w" "$DYAD_DATA"; then fail "the data folder holds '$w'"; fi
done

check "every subcommand says its usage"
for cmd in "boundary add" "boundary edit" "boundary list" "boundary show" "boundary history" "boundary share" \
	"boundary unshare" "boundary ack" "boundary discuss" "boundary rm" "goal add" "goal list" "goal show" \
	"goal progress" "goal support" "goal dismiss" "goal status" "goal share" "goal unshare" "goal rm" \
	"interest add" "interest list" "interest share" "interest unshare" "interest rm"; do
	# shellcheck disable=SC2086
	expect_exit 0 $cmd --help
	expect_stdout_contains "usage: dyad $cmd"
done
expect_exit 0 help
for fam in boundary goal interest; do
	expect_stdout_contains "  $fam "
done

finish
