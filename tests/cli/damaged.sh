# damaged.sh - a list or a search leaves out a record whose stored copy
# no longer decrypts (the database file damaged there), lists the others,
# and says how many it left out: a line on stderr after the list, and
# "damaged" in --json; exit 0. The partner's count covers only what they
# could see: a damaged private entry of mine is not theirs to count.
. "$(dirname "$0")/lib.sh"

# the "damaged" count of the --json answer in $T/out
damaged() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["damaged"])' "$T/out"
}

# damage ID's stored body in place (a whole, wrong ciphertext)
damage() {
	_n=$(sqlite3 "$DB" "UPDATE record SET body = zeroblob(80) WHERE id = '$1'; SELECT changes();") ||
		fail "sqlite3 failed"
	[ "$_n" = 1 ] || fail "damaging $1 changed $_n rows"
}

ONE="1 entry could not be read (the database file is damaged) and is left out."
need sqlite3 sqlite3
couple
DB="$DYAD_DATA/dyad.db"
be Alex
add "A walk by the river, still here."
KEEP=$ID
add "A river walk I kept to myself." --title "Private"
PRIV=$ID
add "A river walk we both remember." --share
SHARED=$ID

check "a journal with nothing damaged: no line on stderr, damaged 0 in --json"
expect_exit 0 journal list
expect_stderr_empty "stderr is not empty"
run --json journal list
want_rc 0
[ "$(damaged)" = 0 ] || fail "a whole journal counts damaged entries"
run --json journal search river
want_rc 0
[ "$(damaged)" = 0 ] || fail "a whole journal's search counts damaged entries"

check "one private entry damaged: the list shows the others and says on stderr that one is left out"
damage "$PRIV"
expect_exit 0 journal list
expect_stdout_contains "A walk by the river"
expect_stdout_lacks "Private"
expect_stderr_contains "$ONE"
[ "$(wc -l <"$T/err")" = 1 ] || { fail "stderr is not one line"; show_output; }
run --json journal list
want_rc 0
[ "$(damaged)" = 1 ] || fail "--json does not count the damaged entry"
expect_stderr_contains "$ONE"

check "the search leaves it out and says so, in text and --json"
expect_exit 0 journal search river
expect_stdout_contains "still here"
expect_stderr_contains "$ONE"
run --json journal search river
want_rc 0
[ "$(damaged)" = 1 ] || fail "the search's --json does not count the damaged entry"

check "the partner never counts a damaged private entry of mine"
be Sam
expect_exit 0 journal list
expect_stdout_contains "we both remember"
expect_stderr_empty "Sam is told of Alex's damaged private entry"
run --json journal search river
want_rc 0
[ "$(damaged)" = 0 ] || fail "Sam's search counts Alex's damaged private entry"

check "a shared entry damaged too: Alex is told of two, Sam of the one he could see"
damage "$SHARED"
be Alex
expect_exit 0 journal list
expect_stdout_contains "still here"
expect_stderr_contains "2 entries could not be read (the database file is damaged) and are left out."
be Sam
expect_exit 0 journal list --theirs
expect_stdout_lacks "Nothing"
expect_stderr_contains "$ONE"
run --json journal list --theirs
want_rc 0
[ "$(damaged)" = 1 ] || fail "Sam's --json does not count the damaged shared entry"
expect_exit 0 journal search river
expect_stderr_contains "$ONE"

check "boundaries and goals: a damaged one is left out and counted as a record"
be Alex
run boundary add "I need quiet mornings." --area time
want_rc 0
B1=$(cat "$T/out")
run boundary add "I need an hour alone on Saturdays." --area time
want_rc 0
expect_exit 0 boundary list
expect_stderr_empty "a whole boundary list writes to stderr"
run --json boundary list
want_rc 0
[ "$(damaged)" = 0 ] || fail "a whole boundary list counts damaged records"
damage "$B1"
expect_exit 0 boundary list
expect_stdout_contains "an hour alone"
expect_stdout_lacks "quiet mornings"
expect_stderr_contains "1 record could not be read (the database file is damaged) and is left out."
run --json boundary list
want_rc 0
[ "$(damaged)" = 1 ] || fail "the boundary list's --json does not count the damaged one"
run goal add "Learn to sail."
want_rc 0
G=$(cat "$T/out")
damage "$G"
expect_exit 0 goal list
expect_stdout_lacks "sail"
expect_stderr_contains "1 record could not be read (the database file is damaged) and is left out."
run --json goal list
want_rc 0
[ "$(damaged)" = 1 ] || fail "the goal list's --json does not count the damaged one"

check "goal show: a damaged note on a shared goal is left out and said, to both; one on a private goal to its owner"
be Alex
run goal add "Learn the cello." --share
want_rc 0
GS=$(cat "$T/out")
run goal add "Run a marathon."
want_rc 0
GP=$(cat "$T/out")
run goal progress "$GS" "first lesson done"
want_rc 0
run goal progress "$GP" "ten kilometres"
want_rc 0
NP=$(cat "$T/out")
be Sam
run goal support "$GS" "I can drive you to lessons"
want_rc 0
NS=$(cat "$T/out")
expect_exit 0 goal show "$GS"
expect_stderr_empty "a goal with whole notes writes to stderr"
run --json goal show "$GS"
want_rc 0
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["notes_damaged"] != 0)' "$T/out" ||
	fail "whole notes are counted as damaged"
damage "$NS"
damage "$NP"
for who in Alex Sam; do
	be $who
	expect_exit 0 goal show "$GS"
	expect_stdout_contains "first lesson done"
	expect_stdout_lacks "drive you"
	expect_stderr_contains "1 note could not be read (the database file is damaged) and is left out."
	run --json goal show "$GS"
	want_rc 0
	python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["notes_damaged"] != 1)' "$T/out" ||
		fail "$who's goal show --json does not count the damaged note"
done
be Alex
expect_exit 0 goal show "$GP"
expect_stderr_contains "1 note could not be read"

check "journal show: a damaged response under a shared entry is left out and said"
run journal add "A long day, told to you." --share
want_rc 0
ES=$(cat "$T/out")
be Sam
expect_exit 0 journal respond "$ES" read
expect_exit 0 journal respond "$ES" note "Thank you for telling me."
be Alex
expect_exit 0 journal show "$ES"
expect_stderr_empty "whole responses write to stderr"
run --json journal show "$ES"
want_rc 0
expect_stderr_empty "whole responses write to stderr with --json"
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["responses"]
sys.exit(r["damaged"] != 0 or [x.get("say") for x in r["items"]] != ["read", "note"] or r["items"][1]["note"] != "Thank you for telling me.")' "$T/out" ||
	{ fail "journal show --json does not have both responses, oldest first, and damaged 0"; show_output; }
RN=$(sqlite3 "$DB" "SELECT id FROM record WHERE kind = 'journal_response' AND parent_id = '$ES' ORDER BY created_at DESC, rowid DESC LIMIT 1") ||
	fail "sqlite3 failed"
damage "$RN"
expect_exit 0 journal show "$ES"
expect_stdout_contains "Sam: I read this"
expect_stdout_lacks "Thank you for telling me"
expect_stderr_contains "1 response could not be read (the database file is damaged) and is left out."
for who in Alex Sam; do
	be $who
	run --json journal show "$ES"
	want_rc 0
	expect_stderr_contains "1 response could not be read (the database file is damaged) and is left out."
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["responses"]
sys.exit(r["damaged"] != 1 or [x.get("say") for x in r["items"]] != ["read"])' "$T/out" ||
		{ fail "$who's journal show --json does not leave the damaged response out and count it"; show_output; }
done
check "journal show --json of a private entry: no responses, none damaged"
be Alex
run --json journal show "$KEEP"
want_rc 0
expect_stderr_empty "a private entry's show --json writes to stderr"
python3 -c 'import json, sys; sys.exit(json.load(open(sys.argv[1]))["responses"] != {"items": [], "damaged": 0})' "$T/out" ||
	{ fail "a private entry's responses are not empty"; show_output; }

check "practice stats: a damaged session is left out of the figures and said, in text and --json"
run practice log meditation 10m
want_rc 0
run practice log yoga 20m
want_rc 0
P2=$(cat "$T/out")
expect_exit 0 practice stats
expect_stderr_empty "whole practice stats write to stderr"
run --json practice stats
want_rc 0
[ "$(damaged)" = 0 ] || fail "whole practice stats count damaged sessions"
damage "$P2"
expect_exit 0 practice stats
expect_stdout_contains "meditation 10 min"
expect_stdout_lacks "yoga"
expect_stderr_contains "1 session could not be read (the database file is damaged) and is left out of these figures."
run --json practice stats
want_rc 0
[ "$(damaged)" = 1 ] || fail "practice stats' --json does not count the damaged session"
expect_stderr_contains "left out of these figures"

check "react stats: a damaged reaction is left out of the figures and said; all of them damaged is not 'nothing yet'"
run react add "the dishes again" -i 8
want_rc 0
R1=$(cat "$T/out")
expect_exit 0 react stats
expect_stderr_empty "whole react stats write to stderr"
damage "$R1"
expect_exit 0 react stats
expect_stdout_lacks "Nothing noted yet"
expect_stderr_contains "1 reaction could not be read (the database file is damaged) and is left out of these figures."
run --json react stats
want_rc 0
[ "$(damaged)" = 1 ] || fail "react stats' --json does not count the damaged reaction"
be Sam
expect_exit 0 react stats
expect_stderr_empty "Sam is told of Alex's damaged reaction"

check "check-ins, in a space of their own: the agenda, the agreements and the history say what they left out; never the partner's held item"
export DYAD_DATA="$T/checkins"
couple
DB="$DYAD_DATA/dyad.db"
be Alex
run checkin add appreciation "Thank you for the soup"
want_rc 0
run checkin add concern "Weekends feel rushed"
want_rc 0
CA2=$(cat "$T/out")
be Sam
run checkin add other "A held one of my own"
want_rc 0
CB1=$(cat "$T/out")
expect_exit 0 checkin list
expect_stderr_empty "a whole agenda writes to stderr"
run --json checkin list
want_rc 0
[ "$(damaged)" = 0 ] || fail "a whole agenda counts damaged records"
damage "$CA2"
damage "$CB1"
be Alex
expect_exit 0 checkin list
expect_stdout_contains "Thank you for the soup"
expect_stdout_lacks "Weekends"
expect_stderr_contains "1 record could not be read (the database file is damaged) and is left out."
run --json checkin list
want_rc 0
[ "$(damaged)" = 1 ] || fail "the agenda's --json does not count Alex's damaged item"
be Sam
# his own held item; Alex's held one, damaged too, is not his to count
expect_exit 0 checkin list
expect_stdout_lacks "Your agenda is empty"
expect_stderr_contains "1 record could not be read (the database file is damaged) and is left out."
run --json checkin list
want_rc 0
[ "$(damaged)" = 1 ] || fail "Sam's agenda counts Alex's held item"

be Alex
run checkin start --json
want_rc 0
be Sam
run checkin start --json
want_rc 0
run checkin agree "Walk on Sundays" --who both
want_rc 0
run checkin agree "Fix the gate" --who me --follow-up 2020-01-01
want_rc 0
AGB=$(cat "$T/out")
run checkin end
want_rc 0
expect_exit 0 checkin agreements
expect_stderr_empty "whole agreements write to stderr"
damage "$AGB"
for who in Alex Sam; do
	be $who
	expect_exit 0 checkin agreements
	expect_stdout_contains "Walk on Sundays"
	expect_stdout_lacks "Fix the gate"
	expect_stderr_contains "1 record could not be read (the database file is damaged) and is left out."
	run --json checkin agreements --due
	want_rc 0
	[ "$(damaged)" = 1 ] || fail "$who's agreements --due --json does not count the damaged agreement"
done

check "the history counts each damaged item and agreement once, however many check-ins it shows"
be Alex
run checkin start --json
want_rc 0
run checkin end
want_rc 0
# Alex: his damaged item and the damaged agreement, once each (not once per check-in)
expect_exit 0 checkin history
expect_stderr_contains "2 records could not be read (the database file is damaged) and are left out."
run --json checkin history
want_rc 0
[ "$(damaged)" = 2 ] || fail "Alex's history --json does not count 2"
python3 -c 'import json, sys; sys.exit(len(json.load(open(sys.argv[1]))["checkins"]) != 2)' "$T/out" ||
	fail "the history does not show both check-ins"
be Sam
run --json checkin history
want_rc 0
[ "$(damaged)" = 2 ] || fail "Sam's history --json does not count his damaged item and the agreement"
CH=$(sqlite3 "$DB" "SELECT id FROM record WHERE kind = 'checkin' ORDER BY created_at DESC, rowid DESC LIMIT 1") ||
	fail "sqlite3 failed"
damage "$CH"
expect_exit 0 checkin history
expect_stderr_contains "3 records could not be read (the database file is damaged) and are left out."


check "checkin show says what it left out (an item, a note on one, an agreement); never the partner's held item"
export DYAD_DATA="$T/show"
couple
DB="$DYAD_DATA/dyad.db"
# jcheck EXPR [ARG...]: whether the Python expression EXPR holds, with j
# the --json answer in $T/out and the ARGs from sys.argv[2]
jcheck() {
	_expr=$1
	shift
	python3 -c "import json, sys; j = json.load(open(sys.argv[1])); sys.exit(0 if ($_expr) else 1)" "$T/out" "$@"
}
be Alex
run checkin add appreciation "Thank you for the soup"
want_rc 0
I1=$(cat "$T/out")
run checkin add concern "Weekends feel rushed"
want_rc 0
I2=$(cat "$T/out")
run checkin start --json
want_rc 0
C=$(json_field id)
be Sam
run checkin start --json
want_rc 0
# a held item of Sam's for the next check-in: never Alex's to count
run checkin add other "Sam keeps this one"
want_rc 0
SH=$(cat "$T/out")
expect_exit 0 checkin paraphrase "$I1" "You liked the soup"
run checkin note "$I1" "The lentil one"
want_rc 0
N2=$(cat "$T/out")
run checkin agree "Walk on Sundays" --who both
want_rc 0
AG1=$(cat "$T/out")
run checkin agree "Fix the gate" --who me
want_rc 0
AG2=$(cat "$T/out")
be Alex
expect_exit 0 checkin done "$AG1"
expect_exit 0 checkin end
expect_exit 0 checkin show "$C"
expect_stdout_contains "The lentil one"
expect_stdout_lacks "(under way)"
expect_stderr_empty "a whole check-in's show writes to stderr"
run --json checkin show "$C"
want_rc 0
expect_stderr_empty "a whole check-in's show --json writes to stderr"
jcheck 'j["damaged"] == 0 and j["marks_damaged"] == 0 and j["ended"] and all(a["marks_damaged"] == 0 for a in j["agreements"])' ||
	{ fail "a whole check-in's show --json counts damaged records"; show_output; }
damage "$I2"
damage "$N2"
damage "$AG2"
damage "$SH"
expect_exit 0 checkin show "$C"
expect_stdout_contains "Thank you for the soup"
expect_stdout_contains "You liked the soup"
expect_stdout_contains "Walk on Sundays"
expect_stdout_lacks "Weekends"
expect_stdout_lacks "The lentil one"
expect_stdout_lacks "Fix the gate"
expect_stderr_contains "3 records could not be read (the database file is damaged) and are left out."
[ "$(wc -l <"$T/err")" = 1 ] || { fail "stderr is not one line"; show_output; }
run --json checkin show "$C"
want_rc 0
expect_stderr_contains "3 records could not be read (the database file is damaged) and are left out."
jcheck 'j["damaged"] == 3 and j["marks_damaged"] == 0 and [i["id"] for i in j["items"]] == [sys.argv[2]]' "$I1" ||
	{ fail "Alex's show --json does not count 3 and list only the whole item"; show_output; }
be Sam
# Alex's item (opened for both), the note and the agreement, and his own held item
run --json checkin show "$C"
want_rc 0
expect_stderr_contains "4 records could not be read (the database file is damaged) and are left out."
jcheck 'j["damaged"] == 4' || { fail "Sam's show --json does not count his held item with the rest"; show_output; }

check "a damaged end mark or done mark: show, history and agreements say the state may be out of date"
be Alex
CE=$(sqlite3 "$DB" "SELECT id FROM record WHERE kind = 'checkin_mark' AND parent_id = '$C' ORDER BY created_at DESC, rowid DESC LIMIT 1") ||
	fail "sqlite3 failed"
DM=$(sqlite3 "$DB" "SELECT id FROM record WHERE kind = 'checkin_done' AND parent_id = '$AG1'") || fail "sqlite3 failed"
[ -n "$DM" ] || fail "no done mark on the agreement"
damage "$CE"
damage "$DM"
C8=$(printf %.8s "$C")
A8=$(printf %.8s "$AG1")
ENDED="1 record of check-in $C8 could not be read (the database file is damaged): whether it has ended, and who joined it, may be out of date."
DONE="1 record of agreement $A8 could not be read (the database file is damaged): whether it is done may be out of date."
for who in Alex Sam; do
	be $who
	expect_exit 0 checkin show "$C"
	expect_stdout_contains "(under way)"
	expect_stderr_contains "$ENDED"
	expect_stderr_contains "$DONE"
	run --json checkin show "$C"
	want_rc 0
	expect_stderr_contains "$ENDED"
	expect_stderr_contains "$DONE"
	jcheck 'j["marks_damaged"] == 1 and not j["ended"] and [(a["id"], a["marks_damaged"], a["done"]) for a in j["agreements"]] == [(sys.argv[2], 1, False)]' "$AG1" ||
		{ fail "$who's show --json does not count the damaged end and done marks"; show_output; }
	expect_exit 0 checkin history
	expect_stderr_contains "$ENDED"
	expect_stderr_contains "$DONE"
	run --json checkin history
	want_rc 0
	jcheck 'j["checkins"][0]["marks_damaged"] == 1 and j["checkins"][0]["agreements"][0]["marks_damaged"] == 1' ||
		{ fail "$who's history --json does not count the damaged marks"; show_output; }
	expect_exit 0 checkin agreements
	expect_stdout_contains "Walk on Sundays"
	expect_stderr_contains "$DONE"
done

finish
