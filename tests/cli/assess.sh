# assess.sh - dyad assess: taking the differentiation check an item at a
# time with answers piped in, stopping and resuming, an answer out of the
# scale refused with nothing changed, results with facet bars and the
# change between the last two takings in plain words, results shared only
# after 'share' (answers never), deleting a taking, importing a
# questionnaire (a bad file refused naming the problem, nothing imported),
# and no plaintext of a taking in the database.
. "$(dirname "$0")/lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="$SRC/data/instruments/differentiation-check.json"

# answers FILE KEYED [FROM [TO]]: one answer a line for items FROM..TO-1
# (0-based; default all 28) whose scores after reverse-keying are KEYED
answers() {
	python3 - "$CHECK" "$2" "${3:-0}" "${4:-28}" >"$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
k, lo, hi = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
top = doc["scale"]["min"] + doc["scale"]["max"]
for it in doc["items"][lo:hi]:
    print(top - k if it.get("reverse") else k)
PY
}

couple
be Alex

check "list names the differentiation check"
expect_exit 0 assess list
expect_stdout_contains "dyad-differentiation-check  Differentiation check (28 items, 4 parts)"

check "results before any taking say how to start"
expect_exit 0 assess results
expect_stdout_contains "No takings yet."
expect_stdout_contains "Your results are yours alone."

check "a taking stops on q, keeps its answers privately, and shows a progress bar"
answers "$T/a3" 3 0 3
echo q >>"$T/a3"
run_in "$T/a3" assess take
want_rc 0
expect_stdout_contains "[--------------------] 1/28"
expect_stdout_contains "Strongly disagree"
expect_stdout_contains "Saved: 3 of 28 answered, just for you."

check "an answer out of the scale is asked again and changes nothing"
before=$(state)
printf '9\n0\nseven\n' >"$T/bad"
run_in "$T/bad" assess take
want_rc 0
expect_stdout_contains "Welcome back: 3 of 28 answered."
expect_stdout_contains "Please give a whole number from 1 to 6"
expect_stdout_contains "Saved: 3 of 28 answered"
[ "$(state)" = "$before" ] || fail "a refused answer changed the data folder"
expect_exit 0 --json assess results
python3 - "$T/out" <<'PY' || fail "the unfinished taking is not reported"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["takings"] == [] and d["unfinished"]["answered"] == 3 and d["unfinished"]["items"] == 28, d
PY

check "the next take resumes where it stopped and finishes"
answers "$T/rest" 3 3 28
run_in "$T/rest" assess take
want_rc 0
expect_stdout_contains "Welcome back: 3 of 28 answered."
expect_stdout_contains "[####################] 28/28"
expect_stdout_contains "Done, thank you."
expect_exit 0 assess results
expect_stdout_contains "Emotional reactivity"
expect_stdout_contains "Overall                  [########------------] 3.00"
expect_stdout_lacks "Since the taking before"

check "a second taking shows the change: a reliable improvement, in plain words"
answers "$T/a4" 4
run_in "$T/a4" assess take
want_rc 0
expect_exit 0 assess results
expect_stdout_contains "Overall: +1.00, a reliable improvement."
expect_stdout_contains "Emotional reactivity: +1.00, a reliable improvement. (RCI 2.11)"
expect_stdout_contains "a change of 0.53 or more"
expect_stdout_contains "not a diagnosis"
expect_stdout_contains "The next taking is suggested from "
expect_exit 0 assess results --all
expect_stdout_contains "Your takings, newest first:"
expect_exit 0 --json assess results
python3 - "$T/out" <<'PY' || fail "the JSON results are wrong"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["takings"]
assert len(t) == 2 and abs(t[0]["overall"] - 3) < 1e-9 and abs(t[1]["overall"] - 4) < 1e-9, t
c = d["change"]["overall"]
assert c["verdict"] == "improvement" and abs(c["rci"] - 1 / (2 ** 0.5 * 0.6 * 0.1 ** 0.5)) < 1e-6, c
assert d["sharing"] is False and d["unfinished"] is None
PY
FIRST=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["takings"][0]["id"])' "$T/out")

check "the partner sees no result until sharing is on, and never the answers"
be Sam
expect_exit 0 assess results --theirs
expect_stdout_contains "Alex has not shared a result."
be Alex
expect_exit 0 assess share
expect_stdout_contains "(2 made visible)"
be Sam
expect_exit 0 assess results --theirs
expect_stdout_contains "Alex's latest shared taking"
expect_stdout_contains "Overall: +1.00, a reliable improvement."
expect_exit 0 --json assess results --theirs
python3 - "$T/out" <<'PY' || fail "Sam's view holds more than the results"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["takings"]) == 2 and "unfinished" not in d and "sharing" not in d, d
assert "answers" not in open(sys.argv[1]).read()
PY
expect_exit 0 --json assess results
python3 - "$T/out" <<'PY' || fail "Alex's results show as Sam's own"
import json, sys
assert json.load(open(sys.argv[1]))["takings"] == []
PY
expect_error 1 assess rm "$FIRST"
expect_stderr_contains "only they can delete it"
be Alex
expect_exit 0 assess unshare
expect_stdout_contains "(2 made private)"
be Sam
expect_exit 0 assess results --theirs
expect_stdout_contains "Alex has not shared a result."

check "the database holds no plaintext of a taking"
for f in "$DYAD_DATA"/dyad.db*; do
	if grep -qa -e "dyad-differentiation-check" -e '"answers"' -e "reactivity" "$f"; then
		fail "$(basename "$f") holds a taking in plaintext"
	fi
done

check "deleting a taking removes its answers and its result"
be Alex
expect_exit 0 assess rm "$FIRST"
expect_stdout_contains "Deleted taking"
expect_exit 0 --json export
python3 - "$T/out" <<'PY' || fail "the export still holds the deleted taking"
import json, sys
kinds = [r["kind"] for r in json.load(open(sys.argv[1]))["records"]]
assert kinds.count("assessment") == 1 and kinds.count("assessment_result") == 1, kinds
PY
expect_error 1 assess rm "$FIRST"

check "a bad questionnaire file is refused naming the problem, and nothing is imported"
before=$(state)
sed 's/"facet": "fusion"/"facet": "fuzion"/' "$CHECK" | sed 's/dyad-differentiation-check/our-check/' >"$T/bad.json"
expect_error 1 assess import "$T/bad.json"
expect_stderr_contains "is not one of the facets"
printf '{"format": "dyad-instrument/1",' >"$T/cut.json"
expect_error 1 assess import "$T/cut.json"
expect_error 1 assess import "$CHECK"
expect_stderr_contains "one of dyad's own questionnaires"
expect_error 1 assess import "$T/missing.json"
[ "$(state)" = "$before" ] || fail "a refused import changed the data folder"

check "a good questionnaire is imported, listed and takeable"
sed 's/dyad-differentiation-check/our-check/' "$CHECK" >"$T/ours.json"
expect_exit 0 assess import "$T/ours.json"
expect_stdout_contains "Imported questionnaire our-check"
expect_exit 0 assess list
expect_stdout_contains "our-check  Differentiation check (28 items, 4 parts)  (imported)"
answers "$T/a5" 5
run_in "$T/a5" assess take our-check
want_rc 0
expect_stdout_contains "Done, thank you."
expect_exit 0 assess results our-check
expect_stdout_contains "5.00"
be Sam
expect_exit 1 assess take our-check
expect_stderr_contains 'No questionnaire "our-check".'

check "the smallest reliable change is said rounded up: a change of exactly the figure said is reliable"
# Two copies of the check whose overall S_diff makes the smallest reliable
# change 1.96 * S_diff = 0.50043 (SD 0.6383) and 0.49996 (SD 0.6377), r .92.
# Half the sentences one point higher is a change of +0.50 overall: noise
# for the first (RCI 1.958), so it must say 0.51 (to the nearest it would
# say 0.50, and 0.50 would then be noise); reliable for the second, which
# says 0.50.
be Alex
for case in "edge-above 0.6383 0.51 noise" "edge-below 0.6377 0.50 improvement"; do
	set -- $case
	python3 - "$CHECK" "$1" "$2" >"$T/$1.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["id"] = sys.argv[2]
doc["norms"]["overall"] = {"reliability": 0.92, "sd": float(sys.argv[3])}
json.dump(doc, sys.stdout)
PY
	expect_exit 0 assess import "$T/$1.json"
	answers "$T/e3" 3
	run_in "$T/e3" assess take "$1"
	want_rc 0
	answers "$T/e4" 4 0 14
	answers "$T/e4b" 3 14 28
	cat "$T/e4b" >>"$T/e4"
	run_in "$T/e4" assess take "$1"
	want_rc 0
	expect_exit 0 assess results "$1"
	case $4 in
	noise) expect_stdout_contains "Overall: +0.50, within measurement noise." ;;
	*) expect_stdout_contains "Overall: +0.50, a reliable improvement." ;;
	esac
	expect_stdout_contains "a change of $3 or more."
	expect_exit 0 --json assess results "$1"
	python3 - "$T/out" "$4" <<'PY' || fail "$1: the overall change is not +0.50 and $4: $(head -c 600 "$T/out")"
import json, sys
c = json.load(open(sys.argv[1]))["change"]["overall"]
assert abs(c["delta"] - 0.5) < 1e-9 and c["verdict"] == sys.argv[2], c
PY
done

finish
