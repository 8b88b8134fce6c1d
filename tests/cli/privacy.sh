# privacy.sh - my partner never sees my private entry (list, id, export),
# and no title or text is ever in the database files in plaintext.
. "$(dirname "$0")/lib.sh"

couple
DB="$DYAD_DATA/dyad.db"

# Keep a reader on the database so that the write-ahead log stays on disk
# with the writes in it (SQLite removes it when the last connection closes).
reader=""
if command -v sqlite3 >/dev/null 2>&1; then
	mkfifo "$T/hold"
	sqlite3 "$DB" <"$T/hold" >/dev/null 2>&1 &
	reader=$!
	BG_PIDS="$BG_PIDS $reader"
	exec 9>"$T/hold"
	printf 'BEGIN;\nSELECT count(*) FROM sqlite_master;\n' >&9
	i=0
	while [ ! -s "$DB-wal" ] && [ ! -e "$DB-wal" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
fi

be Alex
add "PLAINTEXT-MARKER-private-text-5c1e" --title "PLAINTEXT-MARKER-private-title-77ab"
PRIV=$ID
add "PLAINTEXT-MARKER-shared-text-e20d" --title "PLAINTEXT-MARKER-shared-title-0f93" --share
SHARED=$ID
printf 'PLAINTEXT-MARKER-stdin-text-a4b8\n' >"$T/in"
run_in "$T/in" journal add
want_rc 0
be Sam
add "PLAINTEXT-MARKER-sam-text-3d6f" --title "PLAINTEXT-MARKER-sam-title-b7c0"
be Alex
expect_exit 0 journal edit "$PRIV" "PLAINTEXT-MARKER-edited-text-9e12"

check "my partner's list does not show my private entries"
be Sam
expect_exit 0 journal list
expect_stdout_lacks "private-title"
expect_stdout_lacks "private-text"
expect_stdout_lacks "stdin-text"
expect_stdout_contains "shared-title"
run journal list --json
expect_stdout_lacks "$PRIV"
run journal list --shared --json
expect_stdout_lacks "$PRIV"

check "asking for my private entry by id gets the same answer as an unknown id"
UNKNOWN=00000000-0000-4000-8000-000000000000
for verb in show edit rm share unshare; do
	case $verb in
	edit) extra="new-text" ;;
	rm) extra="--yes" ;;
	*) extra="" ;;
	esac
	# shellcheck disable=SC2086
	expect_error 1 journal $verb "$PRIV" $extra
	mine=$(sed "s/$PRIV/ID/" "$T/err")
	# shellcheck disable=SC2086
	expect_error 1 journal $verb "$UNKNOWN" $extra
	unknown=$(sed "s/$UNKNOWN/ID/" "$T/err")
	expect_same "$mine" "$unknown" "journal $verb: private id vs unknown id"
done
short=$(printf '%s' "$PRIV" | cut -c1-13)
expect_error 1 journal show "$short"
mine=$(sed "s/$short/ID/" "$T/err")
expect_error 1 journal show 00000000-0000
unknown=$(sed "s/00000000-0000/ID/" "$T/err")
expect_same "$mine" "$unknown" "journal show: private id prefix vs unknown prefix"

check "my partner's export has none of my entries"
expect_exit 0 export
expect_stdout_lacks "PLAINTEXT-MARKER-private"
expect_stdout_lacks "PLAINTEXT-MARKER-edited"
expect_stdout_lacks "PLAINTEXT-MARKER-stdin"
expect_stdout_lacks "PLAINTEXT-MARKER-shared"
expect_stdout_contains "PLAINTEXT-MARKER-sam-text-3d6f"

check "my own export has all of mine, decrypted, and none of my partner's"
be Alex
expect_exit 0 export
expect_stdout_contains "PLAINTEXT-MARKER-edited-text-9e12"
expect_stdout_contains "PLAINTEXT-MARKER-private-title-77ab"
expect_stdout_contains "PLAINTEXT-MARKER-shared-text-e20d"
expect_stdout_contains "PLAINTEXT-MARKER-stdin-text-a4b8"
expect_stdout_lacks "PLAINTEXT-MARKER-sam"

check "the database and its write-ahead log hold no title or text in plaintext"
if [ -n "$reader" ]; then
	[ -s "$DB-wal" ] || fail "the write-ahead log is empty: the check would prove nothing"
	note "write-ahead log: $(wc -c <"$DB-wal") bytes"
else
	note "sqlite3 is missing: only the database file is checked"
fi
for f in "$DB" "$DB-wal"; do
	[ -e "$f" ] || continue
	n=$(grep -a -c -F "PLAINTEXT-MARKER" "$f")
	[ "$n" -eq 0 ] || fail "$(basename "$f") holds $n plaintext markers"
done

check "the database file alone, after the log is folded in, holds no plaintext either"
if [ -n "$reader" ]; then
	exec 9>&-
	wait "$reader" 2>/dev/null
fi
expect_exit 0 journal list
n=$(grep -a -c -F "PLAINTEXT-MARKER" "$DB")
[ "$n" -eq 0 ] || fail "dyad.db holds $n plaintext markers"

check "a backup holds no plaintext"
expect_exit 0 backup "$T/backup.db"
[ -s "$T/backup.db" ] || fail "no backup file"
n=$(grep -a -c -F "PLAINTEXT-MARKER" "$T/backup.db")
[ "$n" -eq 0 ] || fail "the backup holds $n plaintext markers"

finish
