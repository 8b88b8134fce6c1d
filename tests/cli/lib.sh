# lib.sh - shared helpers for the CLI scenario tests (POSIX sh).
#
# A test script is run as `sh NAME.sh PATH-TO-DYAD`; it sources this file,
# which makes a private temporary folder ($T) removed on exit, points
# DYAD_DATA into it, and clears the environment dyad reads. Each `check`
# line says what is being checked; `finish` ends the script with exit 1 if
# any expectation failed.
#
# run ARGS...          run dyad (stdin from /dev/null); sets $rc, $T/out, $T/err
# run_in FILE ARGS...  the same with stdin from FILE
# expect_exit N ARGS...     run and expect exit status N (and no crash)
# expect_error N ARGS...    expect exit N and exactly one "dyad: ..." line on stderr
# expect_stderr_contains S / expect_stdout_contains S / expect_stdout_lacks S
# expect_stderr_empty WHY   nothing on stderr; else fail with WHY
# expect_export_ids ID...  after `run export`: JSON whose records are exactly these
# need TOOL PACKAGE    a tool this test cannot do without: missing fails it
# need_memcheck        for the valgrind scripts: skip (exit 77, said) when dyad
#                      is built with a sanitizer, else need valgrind; sets $VG
# vg N ARGS...         run dyad under memcheck (stdin from $T/in once, when it
#                      exists); memcheck errors fail, else expect exit N
# be NAME              act as Alex or Sam (DYAD_AS and DYAD_PASSPHRASE)
# couple               Alex starts a space and Sam joins it
# state                a fingerprint of the data folder's files
set -u

DYAD=${1:?usage: sh TEST.sh PATH-TO-DYAD}
case $DYAD in
/*) ;;
*) DYAD=$(pwd)/$DYAD ;;
esac
[ -x "$DYAD" ] || { echo "FAIL: $DYAD is not an executable"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-cli.XXXXXX") || exit 1
BG_PIDS=""
IMMUTABLE=""
cleanup() {
	for p in $BG_PIDS; do kill -9 "$p" 2>/dev/null; done
	for f in $IMMUTABLE; do chattr -i "$f" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

unset DYAD_AS DYAD_PASSPHRASE DYAD_PASSPHRASE_FILE DYAD_NEW_PASSPHRASE \
	DYAD_NEW_PASSPHRASE_FILE VISUAL EDITOR XDG_DATA_HOME
export DYAD_DATA="$T/data"
export NO_COLOR=1 TZ=UTC
export HOME="$T/home"
mkdir -p "$HOME"

ALEX_PASS="alex correct horse"
SAM_PASS="sam battery staple"
failures=0
checks=0
rc=0

check() {
	checks=$((checks + 1))
	printf 'check: %s\n' "$*"
}

fail() {
	failures=$((failures + 1))
	printf '  FAIL: %s\n' "$*"
}

note() {
	printf '  note: %s\n' "$*"
}

show_output() {
	printf '    stdout: %s\n' "$(head -c 600 "$T/out")"
	printf '    stderr: %s\n' "$(head -c 600 "$T/err")"
}

run() {
	"$DYAD" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}

run_in() {
	_in=$1
	shift
	"$DYAD" "$@" <"$_in" >"$T/out" 2>"$T/err"
	rc=$?
}

# after run/run_in: the exit status was $1 and dyad did not crash
want_rc() {
	if [ "$rc" -ge 128 ]; then
		fail "dyad crashed (exit $rc)"
		show_output
	elif [ "$rc" -ne "$1" ]; then
		fail "exit status $rc, expected $1"
		show_output
	fi
}

expect_exit() {
	_want=$1
	shift
	run "$@"
	want_rc "$_want"
}

# exactly one line on stderr, "dyad: " and a message
want_one_line_error() {
	_lines=$(wc -l <"$T/err")
	if [ "$_lines" -ne 1 ] || [ "$(head -c 6 "$T/err")" != "dyad: " ]; then
		fail "expected one 'dyad: ...' line on stderr, got $_lines lines"
		show_output
	fi
}

expect_error() {
	_want=$1
	shift
	run "$@"
	want_rc "$_want"
	want_one_line_error
}

expect_error_in() {
	_want=$1
	_file=$2
	shift 2
	run_in "$_file" "$@"
	want_rc "$_want"
	want_one_line_error
}

expect_stderr_contains() {
	grep -qF -- "$1" "$T/err" || { fail "stderr lacks '$1'"; show_output; }
}

expect_stderr_empty() {
	if [ -s "$T/err" ]; then
		fail "$1"
		show_output
	fi
}

expect_stdout_contains() {
	grep -qF -- "$1" "$T/out" || { fail "stdout lacks '$1'"; show_output; }
}

expect_stdout_lacks() {
	if grep -qF -- "$1" "$T/out"; then
		fail "stdout has '$1'"
		show_output
	fi
}

# the same string twice
expect_same() {
	[ "$1" = "$2" ] || fail "$3: '$1' != '$2'"
}

# The test cannot check what it promises without TOOL, which
# scripts/install-deps.sh installs (from PACKAGE): a missing tool fails the
# test at once rather than letting it pass with checks left out. (A skip
# that is legitimate exits 77, which meson reports as a skip.)
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "FAIL: $1 is missing (scripts/install-deps.sh installs $2)"
	exit 1
}

# For the scripts that run dyad under valgrind's memcheck: no invalid reads
# or writes, no use of uninitialised memory, no definite leaks. valgrind is
# a test dependency (scripts/install-deps.sh): missing, it fails the test.
# The one skip (exit 77, a skip for meson, announced) is a dyad built with
# a sanitizer: the two do not mix, and `make asan` runs the sanitizers over
# every test instead. VG_OFF=1 runs the same scenario without valgrind (to
# check the scenario itself quickly).
need_memcheck() {
	if grep -aq -e __asan_init -e __ubsan_handle "$DYAD" 2>/dev/null; then
		echo "SKIP: dyad is built with a sanitizer"
		exit 77
	fi
	need valgrind valgrind
	VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-origins=yes"
	[ -z "${VG_OFF:-}" ] || VG=
}

# vg WANT ARGS...: run dyad under $VG, standard input from $T/in when it
# exists (used once: it is removed after), else empty; exit 99 means
# memcheck errors, anything else must be WANT
vg() {
	_want=$1
	shift
	[ -f "$T/in" ] || : >"$T/in"
	# shellcheck disable=SC2086
	$VG "$DYAD" "$@" <"$T/in" >"$T/out" 2>"$T/err"
	rc=$?
	rm -f "$T/in"
	if [ "$rc" -eq 99 ]; then
		fail "memcheck errors in: dyad $*"
		sed 's/^/    /' "$T/err" | head -n 40
	else
		want_rc "$_want"
	fi
}

# after `run export`: the output is one JSON document whose records are
# exactly the ids given (in any order), each once
expect_export_ids() {
	if ! python3 -c 'import json, sys
for r in json.load(sys.stdin)["records"]:
    print(r["id"])' <"$T/out" >"$T/export-ids"; then
		fail "the export is not a JSON document with records"
		show_output
		return
	fi
	_got=$(sort "$T/export-ids")
	_want=$(printf '%s\n' "$@" | sort)
	# shellcheck disable=SC2086
	[ "$_got" = "$_want" ] || fail "the export holds [$(echo $_got)], expected [$(echo $_want)]"
}

be() {
	export DYAD_AS="$1"
	case $1 in
	Alex) export DYAD_PASSPHRASE="$ALEX_PASS" ;;
	Sam) export DYAD_PASSPHRASE="$SAM_PASS" ;;
	*) export DYAD_PASSPHRASE="unknown person's pass" ;;
	esac
}

# the value of "key": "value" in $T/out (first match; JSON from --json)
json_field() {
	sed -n "s/^ *\"$1\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$T/out" | head -n 1
}

# Alex starts a space, Sam joins; their recovery codes in ALEX_CODE, SAM_CODE
couple() {
	be Alex
	run init --name Alex --json
	want_rc 0
	ALEX_CODE=$(json_field recovery_code)
	run invite --json
	want_rc 0
	_inv=$(json_field code)
	be Sam
	run join --name Sam --invite "$_inv" --json
	want_rc 0
	SAM_CODE=$(json_field recovery_code)
	[ -n "$ALEX_CODE" ] && [ -n "$SAM_CODE" ] || fail "no recovery codes from init/join"
}

# add an entry as the current person; its id in $ID
add() {
	run journal add "$@"
	want_rc 0
	ID=$(cat "$T/out")
}

# a fingerprint of every file in the data folder (names and bytes)
state() {
	(cd "$DYAD_DATA" 2>/dev/null && ls -A && cat -- * 2>/dev/null) | cksum
}

finish() {
	if [ "$failures" -gt 0 ]; then
		echo "$failures failures in $checks checks"
		exit 1
	fi
	echo "all $checks checks passed"
	exit 0
}
