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

check "sarcasm, a character attack and a should are each found with their own advice"
printf 'Oh great, you forgot. You are such a slob. You need to grow up.\n' >"$T/in"
run_in "$T/in" coach
want_rc 0
expect_stdout_contains '1. sarcasm: "Oh great"'
expect_stdout_contains '2. character_attack: "You are such a slob"'
expect_stdout_contains '3. should: "You need to"'
expect_stdout_contains '4. contempt: "grow up"'
expect_stdout_contains 'Sarcasm says the opposite'
expect_stdout_contains 'Would you be willing to ...?'

check "an invitation with should and a kind word after you are are not flagged"
for s in "You should come with us, it'll be fun." "You're such a good listener."; do
	expect_exit 0 coach "$s"
	expect_stdout_contains "Nothing to flag"
done

check "a clean I-statement is called clean, and --json says so with its four parts"
printf 'I feel anxious when plans change late, because I need to know what to expect. Could you tell me a day ahead?\n' >"$T/in"
run_in "$T/in" coach
want_rc 0
expect_stdout_contains "A clean I-statement"
run_in "$T/in" --json coach
want_rc 0
python3 - "$T/out" <<'PY' || fail "the JSON does not say clean with four parts"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"] == [] and d["clean"] is True, d
assert d["parts"] == ["feeling", "situation", "need", "request"], d
assert d["note"].startswith("A clean I-statement"), d
PY

check "three parts are not yet clean, and a finding spoils four"
expect_exit 0 --json coach "I feel anxious when plans change late, because I need to know."
python3 - "$T/out" <<'PY' || fail "three parts were called clean"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["clean"] is False and "note" not in d, d
assert d["parts"] == ["feeling", "situation", "need"], d
PY
expect_exit 0 --json coach "I feel anxious when you always change plans, because I need to know. Could you tell me?"
python3 - "$T/out" <<'PY' || fail "a statement with a finding was called clean"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["clean"] is False and [f["kind"] for f in d["findings"]] == ["absolute"], d
PY

check "--json lists each finding with its kind, advice and byte place"
expect_exit 0 --json coach "I love our garden. But you never listen!"
python3 - "$T/out" <<'PY' || fail "the JSON is not what was found"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert len(f) == 1, f
assert f[0]["kind"] == "absolute" and f[0]["text"] == "you never", f[0]
assert d["clean"] is False and d["parts"] == [], d
text = "I love our garden. But you never listen!"
assert text.encode()[f[0]["start"]:f[0]["end"]].decode() == "you never"
assert f[0]["advice"]
PY

check "the four parts build an I-statement, which is clean"
expect_exit 0 coach --feel lonely --when "we eat in silence" --need connection --ask "talk with me at dinner"
expect_stdout_contains "I feel lonely when we eat in silence, because I need connection. Would you be willing to talk with me at dinner?"
expect_stdout_contains "A clean I-statement"

check "an I-statement with an absolute inside is built and the absolute shown"
expect_exit 0 --json coach --feel sad --when "you never call" --need "to hear from you" --ask "call at lunch"
python3 - "$T/out" <<'PY' || fail "the JSON lacks the statement or the finding"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["statement"].startswith("I feel sad when you never call"), d
assert [f["kind"] for f in d["findings"]] == ["absolute"], d
assert d["clean"] is False, d
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
