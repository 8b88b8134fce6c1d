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
[ -s "$T/err" ] && { fail "stderr is not empty"; show_output; }
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
[ -s "$T/err" ] && { fail "Sam is told of Alex's damaged private entry"; show_output; }
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
[ -s "$T/err" ] && { fail "a whole boundary list writes to stderr"; show_output; }
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

finish
