# privacy.sh - my partner never sees my private entry (list, id, export),
# and no title or text is ever in the database files in plaintext.
. "$(dirname "$0")/lib.sh"

need sqlite3 sqlite3
need python3 python3
couple
DB="$DYAD_DATA/dyad.db"

# Keep a reader on the database so that the write-ahead log stays on disk
# with the writes in it (SQLite removes it when the last connection closes).
# The reader answering its SELECT says it holds its read transaction.
mkfifo "$T/hold" "$T/said"
sqlite3 "$DB" <"$T/hold" >"$T/said" 2>"$T/reader.err" &
reader=$!
BG_PIDS="$BG_PIDS $reader"
exec 9>"$T/hold"
exec 8<"$T/said"
printf 'BEGIN;\nSELECT count(*) FROM sqlite_master;\n' >&9
read -r tables <&8 || fail "the sqlite3 reader did not answer: $(cat "$T/reader.err")"
[ "${tables:-0}" -gt 0 ] || fail "the sqlite3 reader sees no tables"

be Alex
add "PLAINTEXT-MARKER-private-text-5c1e" --title "PLAINTEXT-MARKER-private-title-77ab"
PRIV=$ID
add "PLAINTEXT-MARKER-shared-text-e20d" --title "PLAINTEXT-MARKER-shared-title-0f93" --share
SHARED=$ID
printf 'PLAINTEXT-MARKER-stdin-text-a4b8\n' >"$T/in"
run_in "$T/in" journal add
want_rc 0
STDIN=$(cat "$T/out")
be Sam
add "PLAINTEXT-MARKER-sam-text-3d6f" --title "PLAINTEXT-MARKER-sam-title-b7c0"
SAM_PRIV=$ID
add "PLAINTEXT-MARKER-samshared-text-61d4" --share
SAM_SHARED=$ID
be Alex
expect_exit 0 journal edit "$PRIV" "PLAINTEXT-MARKER-edited-text-9e12"

check "my partner's list does not show my private entries"
be Sam
expect_exit 0 journal list
expect_stdout_lacks "private-title"
expect_stdout_lacks "private-text"
expect_stdout_lacks "stdin-text"
expect_stdout_contains "shared-title"
expect_exit 0 journal list --json
expect_stdout_lacks "$PRIV"
expect_stdout_lacks "$STDIN"
expect_stdout_contains "$SHARED"
expect_exit 0 journal list --shared --json
expect_stdout_lacks "$PRIV"
expect_stdout_lacks "$STDIN"
expect_stdout_contains "$SHARED"

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

check "my partner's export holds exactly theirs, private and shared, and none of mine"
expect_exit 0 export
expect_export_ids "$SAM_PRIV" "$SAM_SHARED"
expect_stdout_contains "PLAINTEXT-MARKER-sam-text-3d6f"
expect_stdout_contains "PLAINTEXT-MARKER-sam-title-b7c0"
expect_stdout_contains "PLAINTEXT-MARKER-samshared-text-61d4"
expect_stdout_lacks "PLAINTEXT-MARKER-private"
expect_stdout_lacks "PLAINTEXT-MARKER-edited"
expect_stdout_lacks "PLAINTEXT-MARKER-stdin"
expect_stdout_lacks "PLAINTEXT-MARKER-shared"

check "my own export holds exactly mine, decrypted and as last edited, and none of my partner's"
be Alex
expect_exit 0 export
expect_export_ids "$PRIV" "$SHARED" "$STDIN"
expect_stdout_contains "PLAINTEXT-MARKER-edited-text-9e12"
expect_stdout_contains "PLAINTEXT-MARKER-private-title-77ab"
expect_stdout_contains "PLAINTEXT-MARKER-shared-text-e20d"
expect_stdout_contains "PLAINTEXT-MARKER-shared-title-0f93"
expect_stdout_contains "PLAINTEXT-MARKER-stdin-text-a4b8"
expect_stdout_lacks "PLAINTEXT-MARKER-sam"

check "the database and its write-ahead log hold no title or text in plaintext"
[ -s "$DB-wal" ] || fail "the write-ahead log is empty: the check would prove nothing"
note "write-ahead log: $(wc -c <"$DB-wal") bytes"
for f in "$DB" "$DB-wal"; do
	n=$(grep -a -c -F "PLAINTEXT-MARKER" "$f")
	[ "$n" -eq 0 ] || fail "$(basename "$f") holds $n plaintext markers"
done

check "the database file alone, after the log is folded in, holds no plaintext either"
exec 9>&-
wait "$reader" || fail "the sqlite3 reader failed: $(cat "$T/reader.err")"
exec 8<&-
BG_PIDS=""
expect_exit 0 journal list
[ ! -s "$DB-wal" ] || fail "the write-ahead log was not folded in ($(wc -c <"$DB-wal") bytes left)"
n=$(grep -a -c -F "PLAINTEXT-MARKER" "$DB")
[ "$n" -eq 0 ] || fail "dyad.db holds $n plaintext markers"

check "a backup holds no plaintext"
expect_exit 0 backup "$T/backup.db"
[ -s "$T/backup.db" ] || fail "no backup file"
n=$(grep -a -c -F "PLAINTEXT-MARKER" "$T/backup.db")
[ "$n" -eq 0 ] || fail "the backup holds $n plaintext markers"

finish
