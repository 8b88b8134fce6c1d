# readonly.sh - a write into a read-only data folder fails with one clear
# error line and changes nothing.
#
# We run as root in CI, where permission bits stop nothing. A read-only
# bind mount in a private mount namespace (unshare -m) is read-only even
# for root and disappears with the process; chattr +i is the fallback.
# Where none of these works (root without CAP_SYS_ADMIN on a file system
# without attributes) the test exits 77, which meson reports as a skip,
# never as a pass.
. "$(dirname "$0")/lib.sh"

couple
be Alex
add "A first entry."
S0=$(state)

ro=""
if [ "$(id -u)" -ne 0 ]; then
	ro="chmod"
elif command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
	ro="mount"
elif command -v chattr >/dev/null 2>&1 && chattr +i "$DYAD_DATA" 2>/dev/null; then
	chattr -i "$DYAD_DATA"
	ro="chattr"
fi
if [ -z "$ro" ]; then
	echo "SKIP: no way to make a read-only folder here (root, without unshare -m or chattr +i)"
	exit 77
fi

check "adding an entry to a read-only data folder fails and changes nothing ($ro)"
case $ro in
mount)
	unshare -m sh -c 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$1" journal add "Into a read-only folder."' \
		"$DYAD_DATA" "$DYAD" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	want_rc 1
	want_one_line_error
	;;
chmod)
	chmod 0500 "$DYAD_DATA"
	chmod 0400 "$DYAD_DATA/dyad.db"
	expect_error 1 journal add "Into a read-only folder."
	chmod 0700 "$DYAD_DATA"
	chmod 0600 "$DYAD_DATA/dyad.db"
	;;
chattr)
	IMMUTABLE="$DYAD_DATA/dyad.db $DYAD_DATA"
	chattr +i "$DYAD_DATA/dyad.db" "$DYAD_DATA"
	expect_error 1 journal add "Into a read-only folder."
	chattr -i "$DYAD_DATA" "$DYAD_DATA/dyad.db"
	IMMUTABLE=""
	;;
esac
[ "$(state)" = "$S0" ] || fail "the data changed after a write into a read-only folder"
expect_exit 0 journal list
expect_stdout_contains "A first entry."
expect_stdout_lacks "Into a read-only folder."

finish
