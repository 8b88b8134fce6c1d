# rollback.sh - someone who can write the database file, holding no key,
# cannot put a boundary's earlier wording back in place of the current one
# (issue #7): showing it then fails with the integrity error, for its
# owner and for the partner, and never prints the old words; nor does the
# current wording copied among the kept ones show as an earlier wording:
# history leaves a kept wording that does not decrypt out and says how
# many it left out ("damaged" in --json).
. "$(dirname "$0")/lib.sh"

# the "damaged" count of the --json history in $T/out
damaged() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["damaged"])' "$T/out"
}

need sqlite3 sqlite3
couple
be Alex
run boundary add "I need quiet mornings." --area time --share
want_rc 0
B=$(cat "$T/out")
expect_exit 0 boundary edit "$B" "I need quiet mornings and evenings."
DB="$DYAD_DATA/dyad.db"

check "before anything is changed, show has the new wording and history both"
expect_exit 0 boundary show "$B"
expect_stdout_contains "I need quiet mornings and evenings."
expect_exit 0 boundary history "$B"
expect_stdout_contains "I need quiet mornings."

check "the kept wording put back as the live row (version and body), the kept row deleted: an integrity error"
sqlite3 "$DB" "UPDATE record SET version = 1, body = (SELECT body FROM record_version
	WHERE record_id = '$B' AND version = 1) WHERE id = '$B';
	DELETE FROM record_version WHERE record_id = '$B' AND version = 1" || fail "sqlite3 failed"
expect_error 1 boundary show "$B"
expect_stderr_contains "failed its integrity check"
expect_stdout_lacks "I need quiet mornings."
be Sam
expect_error 1 boundary show "$B"
expect_stderr_contains "failed its integrity check"
expect_stdout_lacks "I need quiet mornings."
expect_error 1 boundary ack "$B"
expect_stderr_contains "failed its integrity check"

check "the live wording copied into the kept versions does not show as an earlier one"
be Alex
run boundary add "I won't talk money after ten." --area money --share
want_rc 0
B2=$(cat "$T/out")
expect_exit 0 boundary edit "$B2" "I won't talk money after nine."
expect_exit 0 boundary edit "$B2" "I won't talk money after eight."
sqlite3 "$DB" "UPDATE record_version SET body = (SELECT body FROM record WHERE id = '$B2')
	WHERE record_id = '$B2' AND version = 1" || fail "sqlite3 failed"
for who in Alex Sam; do
	be $who
	expect_exit 0 boundary history "$B2"
	expect_stdout_contains "I won't talk money after nine."
	n=$(grep -c "I won't talk money after eight." "$T/out")
	[ "$n" = 1 ] || fail "$who's history shows the current wording $n times"
	expect_stdout_lacks "I won't talk money after ten."
	grep -q "^1  " "$T/out" && fail "$who's history shows a version 1"
	expect_stderr_contains "1 earlier wording could not be read (the database file is damaged) and is left out."
	expect_stdout_lacks "could not be read"
	run --json boundary history "$B2"
	want_rc 0
	[ "$(damaged)" = 1 ] || fail "$who's JSON history does not count the damaged wording"
	expect_stderr_contains "1 earlier wording could not be read (the database file is damaged) and is left out."
done

check "two kept wordings damaged: both left out, both counted; a history with none damaged says nothing"
be Alex
expect_exit 0 boundary edit "$B2" "I won't talk money after seven."
sqlite3 "$DB" "UPDATE record_version SET body = zeroblob(80)
	WHERE record_id = '$B2' AND version = 3" || fail "sqlite3 failed"
expect_exit 0 boundary history "$B2"
expect_stdout_contains "I won't talk money after nine."
expect_stdout_contains "I won't talk money after seven."
expect_stderr_contains "2 earlier wordings could not be read (the database file is damaged) and are left out."
run boundary add "I need an hour alone on Saturdays." --area time
want_rc 0
B3=$(cat "$T/out")
expect_exit 0 boundary edit "$B3" "I need two hours alone on Saturdays."
expect_exit 0 boundary history "$B3"
expect_stdout_lacks "could not be read"
grep -q "could not be read" "$T/err" && fail "a whole history says something could not be read"
run --json boundary history "$B3"
want_rc 0
[ "$(damaged)" = 0 ] || fail "a whole history counts damaged wordings"

finish
