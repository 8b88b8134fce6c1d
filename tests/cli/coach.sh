# coach.sh - dyad coach: findings with advice from an argument or standard
# input, JSON with byte places, the I-statement builder, and what is
# refused. The coach needs no data folder and writes nothing.
. "$(dirname "$0")/lib.sh"

check "a statement with blame and an absolute gets both, with advice, and exit 0"
printf 'You always ruin everything.\n' >"$T/in"
run_in "$T/in" coach
want_rc 0
expect_stdout_contains '1. blame: "You always ruin"'
expect_stdout_contains '2. absolute: "You always"'
expect_stdout_contains 'Try owning the feeling'
expect_stdout_contains 'dyad coach --feel WORD'

check "a statement in one's own voice gets nothing to flag"
expect_exit 0 coach "I feel lonely when we eat in silence."
expect_stdout_contains "Nothing to flag"
expect_stdout_lacks "1. "

check "kind words after always, quoted speech and negation are not flagged"
for s in "You always make me laugh." 'My boss said "you never finish anything".' \
	"It is not your fault."; do
	expect_exit 0 coach "$s"
	expect_stdout_contains "Nothing to flag"
done

check "--json lists each finding with its kind, advice and byte place"
expect_exit 0 --json coach "I love our garden. But you never listen!"
python3 - "$T/out" <<'PY' || fail "the JSON is not what was found"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert len(f) == 1, f
assert f[0]["kind"] == "absolute" and f[0]["text"] == "you never", f[0]
text = "I love our garden. But you never listen!"
assert text.encode()[f[0]["start"]:f[0]["end"]].decode() == "you never"
assert f[0]["advice"]
PY

check "the four parts build an I-statement"
expect_exit 0 coach --feel lonely --when "we eat in silence" --need connection --ask "talk with me at dinner"
expect_stdout_contains "I feel lonely when we eat in silence, because I need connection. Would you be willing to talk with me at dinner?"

check "an I-statement with an absolute inside is built and the absolute shown"
expect_exit 0 --json coach --feel sad --when "you never call" --need "to hear from you" --ask "call at lunch"
python3 - "$T/out" <<'PY' || fail "the JSON lacks the statement or the finding"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["statement"].startswith("I feel sad when you never call"), d
assert [f["kind"] for f in d["findings"]] == ["absolute"], d
PY

check "an I-statement missing a part is a usage error"
expect_error 2 coach --feel sad --when "now"
expect_stderr_contains "needs all four"

check "an empty part is refused by name"
expect_error 1 coach --feel sad --when "  " --need rest --ask "let me sleep"
expect_stderr_contains "Say when you feel it."

check "text that is not UTF-8 is refused"
printf 'you \377 never\n' >"$T/bad"
run_in "$T/bad" coach
want_rc 1
want_one_line_error

check "the coach wrote no data folder"
[ ! -e "$DYAD_DATA" ] || fail "dyad coach made $DYAD_DATA"

finish
