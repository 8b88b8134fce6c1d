#!/bin/sh
# The editor's private temporary file (part of #7): it lives in
# $XDG_RUNTIME_DIR when there is one, and it is gone when dyad is ended by
# SIGHUP, SIGTERM or SIGINT while the editor is open. And text given as an
# argument, which other users can read in ps, gets a note once.
. "$(dirname "$0")/lib.sh"
need script bsdutils
need mkfifo coreutils
need timeout coreutils

be Alex
expect_exit 0 init --name Alex

# The editor: tells the test where its file is and who dyad is (walking up
# from its parent past sh -c), says it is ready through a fifo, and then
# waits on a fifo nobody writes to, until a signal ends it.
cat >"$T/editor.sh" <<'EDITOR'
#!/bin/sh
p=$PPID
while [ "$(cat /proc/$p/comm 2>/dev/null)" != dyad ] && [ "$p" -gt 1 ]; do
	p=$(awk '{print $4}' /proc/$p/stat)
done
printf '%s\n%s\n' "$1" "$p" >"$EDITOR_LOG"
echo ready >"$T_READY"
read -r never <"$T_HOLD"
EDITOR
chmod +x "$T/editor.sh"
export XDG_RUNTIME_DIR="$T/runtime" EDITOR_LOG="$T/editor.log" T_READY="$T/ready" T_HOLD="$T/hold"
mkdir -m 700 "$XDG_RUNTIME_DIR"

for sig in HUP:1 TERM:15 INT:2; do
	n=${sig#*:}
	sig=${sig%:*}
	check "SIG$sig to dyad while the editor is open removes the editor's folder, and dyad ends by it"
	rm -f "$T_READY" "$T_HOLD" "$EDITOR_LOG"
	mkfifo "$T_READY" "$T_HOLD" || fail "mkfifo failed"
	EDITOR="$T/editor.sh" script -qec "'$DYAD' journal add" /dev/null </dev/null >"$T/out" 2>&1 &
	spid=$!
	BG_PIDS="$BG_PIDS $spid"
	# blocks until the editor runs; the timeout only bounds a broken run
	if ! timeout 120 sh -c 'read -r line <"$T_READY"'; then
		fail "the editor never started"
		show_output
		continue
	fi
	file=$(sed -n 1p "$EDITOR_LOG")
	dpid=$(sed -n 2p "$EDITOR_LOG")
	case $file in
	"$XDG_RUNTIME_DIR"/dyad-*/entry.md) ;;
	*) fail "the editor's file is $file, not in \$XDG_RUNTIME_DIR" ;;
	esac
	[ -f "$file" ] || fail "the editor's file is not there while the editor runs"
	[ "$(cat /proc/"$dpid"/comm 2>/dev/null)" = dyad ] || fail "process $dpid is not dyad"
	kill -"$sig" "$dpid" || fail "kill -$sig $dpid failed"
	wait "$spid"
	rc=$?
	[ ! -e "$(dirname "$file")" ] || fail "SIG$sig left $(dirname "$file") behind"
	[ "$rc" -eq $((128 + n)) ] || fail "dyad (through script) ended with $rc, not $((128 + n)) (SIG$sig)"
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ] || fail "something is left in \$XDG_RUNTIME_DIR: $(ls -A "$XDG_RUNTIME_DIR")"
done

check "nothing was saved by the ended runs"
expect_exit 0 journal list --json
grep -q '"total": 0' "$T/out" || { fail "entries were saved"; show_output; }

check "text as an argument gets a note about ps the first time only"
expect_exit 0 journal add "seen by ps"
expect_stderr_contains "text given as an argument can be seen by other people on this computer"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "the note is not one line"
[ -f "$DYAD_DATA/.argument-note-shown" ] || fail "no marker in the data folder"
[ "$(stat -c '%a' "$DYAD_DATA/.argument-note-shown")" = 600 ] || fail "the marker is not 0600"
ID=$(cat "$T/out")
expect_exit 0 journal add "again"
[ ! -s "$T/err" ] || { fail "the note came twice"; show_output; }
expect_exit 0 journal edit "$ID" "changed"
[ ! -s "$T/err" ] || { fail "the note came on edit"; show_output; }

check "text on standard input gets no note"
rm -f "$DYAD_DATA/.argument-note-shown"
printf 'from a pipe\n' >"$T/in"
run_in "$T/in" journal add
want_rc 0
[ ! -s "$T/err" ] || { fail "a note for standard input"; show_output; }

finish
