# search.sh - dyad journal search: words and phrases whatever their case
# and accents, the best first, the passage shown; the partner's private
# entries never match; bad searches are refused and change nothing; the
# words searched for are not stored.
. "$(dirname "$0")/lib.sh"

couple

be Alex
add "We sat in the little CAFÉ by the river, talking about periwinkle plans."
CAFE=$ID
add "A title that says it all." --title "Périwinkle"
TITLED=$ID
be Sam
add "Periwinkle from Sam, shared." --share
SHARED=$ID
add "Periwinkle periwinkle, only for Sam."
PRIVATE=$ID

check "a word is found whatever its case and accents, in the best order, with its passage"
be Alex
expect_exit 0 journal search PERIWINKLE
expect_stdout_contains "talking about periwinkle plans."
expect_stdout_contains "Périwinkle"
expect_stdout_lacks "only for Sam"
expect_exit 0 --json journal search periwinkle
python3 - "$T/out" "$TITLED" "$SHARED" "$CAFE" <<'PY' || fail "the JSON search is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 3, d
assert [h["id"] for h in d["hits"]] == sys.argv[2:5], [h["id"] for h in d["hits"]]
assert d["hits"][0]["title_parts"] == [{"text": "Périwinkle", "match": True}]
assert [p["text"] for p in d["hits"][2]["passage"] if p["match"]] == ["periwinkle"]
assert "text" not in d["hits"][0]
PY
expect_exit 0 journal search cafe
expect_stdout_contains "CAFÉ by the river"

check "a phrase is its words in a row; an argument with spaces is a phrase"
expect_exit 0 --json journal search '"by the river"'
grep -q "\"total\": 1" "$T/out" || fail "the quoted phrase did not match once"
expect_exit 0 --json journal search "the by river"
grep -q "\"total\": 0" "$T/out" || fail "an argument with spaces was not a phrase"
expect_exit 0 journal search zebra
expect_stdout_contains "No entry has those words."

check "the partner's private entries never match; filters narrow"
expect_exit 0 --json journal search periwinkle --theirs
python3 - "$T/out" "$SHARED" <<'PY' || fail "--theirs is wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert [h["id"] for h in d["hits"]] == [sys.argv[2]], d
PY
be Sam
expect_exit 0 --json journal search periwinkle
grep -q "$PRIVATE" "$T/out" || fail "Sam does not find his own private entry"
grep -q "$CAFE" "$T/out" && fail "Sam found Alex's private entry"

check "bad searches are refused with a reason and change nothing"
be Alex
before=$(state)
expect_error 2 journal search
expect_error 1 journal search '?!'
expect_stderr_contains "at least one word"
expect_error 1 journal search a b c d e f g h i
expect_stderr_contains "at most 8"
expect_error 1 journal search "$(printf '%0300d' 0)"
expect_stderr_contains "at most 256 bytes"
expect_error 2 journal search periwinkle --limit 0
expect_error 2 journal search periwinkle --mine --theirs
[ "$(state)" = "$before" ] || fail "a refused search changed the data folder"

check "the words searched for are not stored"
expect_exit 0 journal search marmalade
for f in "$DYAD_DATA"/dyad.db*; do
	grep -q marmalade "$f" && fail "$f holds the search"
	grep -q eriwinkle "$f" && fail "$f holds an entry's words"
done

finish
