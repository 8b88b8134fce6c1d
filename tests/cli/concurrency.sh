# concurrency.sh - two processes adding 500 entries each at the same time:
# all 1,000 are there afterwards, each exactly once.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
N=${DYAD_TEST_ADDS:-500}
couple

# writer NAME: add N entries as NAME, one process each, ids to $T/NAME.ids
writer() {
	be "$1"
	i=1
	while [ $i -le "$N" ]; do
		# on standard input, as people are taught (an argument gets a note)
		if ! printf '%s\n' "$1 entry $i" | "$DYAD" journal add >>"$T/$1.ids" 2>>"$T/$1.err"; then
			echo "add $i failed" >>"$T/$1.err"
		fi
		i=$((i + 1))
	done
}

check "two partners add $N entries each at the same time"
writer Alex &
wa=$!
writer Sam &
ws=$!
BG_PIDS="$wa $ws"
wait $wa
wait $ws
BG_PIDS=""
for who in Alex Sam; do
	if [ -s "$T/$who.err" ]; then
		fail "$who's writer had errors: $(head -n 3 "$T/$who.err")"
	fi
	[ "$(wc -l <"$T/$who.ids")" -eq "$N" ] || fail "$who saved $(wc -l <"$T/$who.ids") of $N"
done

check "all $((2 * N)) are there afterwards, each once"
# every id a writer was given is listed once, and nothing else is
for who in Alex Sam; do
	be "$who"
	run journal list --mine --json
	want_rc 0
	sed -n 's/^ *"id": "\([0-9a-f-]*\)",\{0,1\}$/\1/p' "$T/out" | sort >"$T/$who.listed"
	sort "$T/$who.ids" >"$T/$who.saved"
	[ "$(sort -u "$T/$who.saved" | wc -l)" -eq "$N" ] || fail "$who's writer was given duplicate ids"
	cmp -s "$T/$who.listed" "$T/$who.saved" ||
		fail "$who's list differs from the ids saved: $(diff "$T/$who.saved" "$T/$who.listed" | head -n 5)"
	for i in 1 $((N / 2)) $N; do
		[ "$(grep -c "\"$who entry $i\"" "$T/out")" -eq 1 ] || fail "$who entry $i is not there once"
	done
done
n=$(sqlite3 "$DYAD_DATA/dyad.db" "SELECT count(*) FROM record")
[ "$n" -eq $((2 * N)) ] || fail "the database has $n records"
[ "$(sqlite3 "$DYAD_DATA/dyad.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity check failed"

finish
