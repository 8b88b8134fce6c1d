# kill.sh - SIGKILL a writer again and again, mid-way: every entry it had
# reported as saved is there afterwards, and the database stays sound.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
ROUNDS=${DYAD_TEST_KILLS:-25}
couple
be Alex

check "a writer killed $ROUNDS times loses nothing it reported as saved"
: >"$T/saved"
i=0
while [ $i -lt "$ROUNDS" ]; do
	i=$((i + 1))
	# a writer loop in the background; each dyad's pid in cur.pid. Whatever
	# a dyad printed counts as reported, even if it was killed after printing.
	(
		j=0
		while :; do
			j=$((j + 1))
			"$DYAD" journal add "round $i entry $j" </dev/null >"$T/cur.out" 2>/dev/null &
			echo $! >"$T/cur.pid"
			wait $!
			st=$?
			cat "$T/cur.out" >>"$T/saved"
			[ $st -eq 0 ] || exit 0
		done
	) &
	loop=$!
	sleep "0.$((i % 10))$((i * 7 % 10))"
	# the current dyad first, so that it dies mid-way, then the loop
	kill -9 "$(cat "$T/cur.pid" 2>/dev/null)" 2>/dev/null
	kill -9 "$loop" 2>/dev/null
	wait "$loop" 2>/dev/null
done
saved=$(grep -c . "$T/saved")
note "$saved entries reported saved"
[ "$saved" -gt 0 ] || fail "the writer never saved anything"
run journal list --json
want_rc 0
missing=0
for id in $(grep -E '^[0-9a-f-]{36}$' "$T/saved"); do
	grep -qF "\"$id\"" "$T/out" || missing=$((missing + 1))
done
[ "$missing" -eq 0 ] || fail "$missing saved entries are missing"

check "the database is sound after the kills"
[ "$(sqlite3 "$DYAD_DATA/dyad.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity check failed"
expect_exit 0 journal add "After the storm."

finish
