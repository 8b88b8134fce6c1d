# valgrind.sh - a short scenario under valgrind's memcheck: no invalid
# reads or writes, no use of uninitialised memory, no definite leaks.
# valgrind is a test dependency (scripts/install-deps.sh): missing, it
# fails the test. Skipped (exit 77, a skip for meson) only when dyad is
# built with a sanitizer: the two do not mix, and `make asan` runs the
# sanitizers over every test instead.
. "$(dirname "$0")/lib.sh"

if grep -aq -e __asan_init -e __ubsan_handle "$DYAD" 2>/dev/null; then
	echo "SKIP: dyad is built with a sanitizer"
	exit 77
fi
need valgrind valgrind

VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-origins=yes"

# vg WANT ARGS...: run dyad under valgrind; exit 99 means memcheck errors
vg() {
	_want=$1
	shift
	# shellcheck disable=SC2086
	$VG "$DYAD" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 99 ]; then
		fail "memcheck errors in: dyad $*"
		sed 's/^/    /' "$T/err" | head -n 40
	else
		want_rc "$_want"
	fi
}

check "the commands people use most are clean under memcheck"
be Alex
vg 0 init --name Alex
vg 0 journal add "Under the microscope." --title "Valgrind"
ID=$(cat "$T/out")
printf 'From standard input.\n' >"$T/in"
# shellcheck disable=SC2086
$VG "$DYAD" journal add <"$T/in" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -ne 99 ] || { fail "memcheck errors in: journal add from stdin"; head -n 40 "$T/err"; }
vg 0 journal list
vg 0 journal show "$ID" --json
vg 0 journal share "$ID"
vg 0 export

check "errors are clean under memcheck too"
vg 2 journal list --bogus
vg 2 journal show
vg 1 journal add "$(printf 'caf\351')"
vg 1 --data "$T/nowhere" journal list
DYAD_PASSPHRASE="wrong passphrase"
vg 1 journal list
be Alex
vg 1 journal show 0123abcd
vg 0 --help

finish
