#!/bin/sh
# The core's portability check (docs/STORAGE.md, "The platform seam"): the
# core (src/core) is plain C17 on SQLite, libsodium, jansson and utf8proc, so that it
# can also be built for the browser (WebAssembly, emscripten).
#   scripts/check-core.sh
# 1. wasm32: every src/core/*.c compiles with emscripten (compile only), with
#    nothing but the dependencies' headers on the include path, warnings as
#    errors.
# 2. symbols: the same files compiled natively call nothing outside the
#    allowed list, scripts/check-core.allow (nm -u, less what one core file
#    gives another): no files, environment, processes, signals, threads,
#    sockets or standard streams.
# Works offline. Prints what fails; exit 0 when both pass, 1 otherwise.
set -u
export LC_ALL=C     # one collation for sort and comm, and plain messages
top=$(cd "$(dirname "$0")/.." && pwd)
allow="$top/scripts/check-core.allow"
deps="sqlite3 libsodium jansson libutf8proc"
flags="-std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Werror -Wall -Wextra -Wpedantic"
CC=${CC:-cc}
fail=0

work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-check-core.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
mkdir "$work/include" "$work/wasm" "$work/native"

bad() { echo "check-core: $*"; fail=1; }

for tool in emcc nm pkg-config "$CC"; do
	command -v "$tool" >/dev/null 2>&1 || { echo "check-core: $tool is missing; run scripts/install-deps.sh"; exit 1; }
done
# shellcheck disable=SC2086
depflags=$(pkg-config --cflags $deps) || { echo "check-core: pkg-config cannot find $deps"; exit 1; }

sources=$(find "$top/src/core" -maxdepth 1 -name '*.c' | sort)
[ -n "$sources" ] || { echo "check-core: no src/core/*.c"; exit 1; }

# Where the C compiler finds a header (the dependencies' own, by name).
header() {
	# shellcheck disable=SC2086
	printf '#include <%s>\n' "$1" | "$CC" -M -x c - $depflags 2>/dev/null |
		awk -v h="/$1" '{ for (i = 1; i <= NF; i++)
			if (length($i) > length(h) && substr($i, length($i) - length(h) + 1) == h) { print $i; exit } }'
}

# ---------------------------------------------------------------- wasm32
# Only the dependencies' headers join emscripten's own C library: a core
# file that includes anything else fails here.
for h in sqlite3.h sodium.h jansson.h jansson_config.h utf8proc.h; do
	p=$(header "$h")
	[ -n "$p" ] || { echo "check-core: cannot find $h"; exit 1; }
	cp "$p" "$work/include/"
done
cp -R "$(dirname "$(header sodium.h)")/sodium" "$work/include/"

# Debian's emscripten keeps a read-only ("frozen") cache; a private one that
# emscripten fills with its system headers works for any user, offline.
if [ -z "${EM_CACHE:-}" ]; then
	export EM_CACHE="$work/em-cache" EM_FROZEN_CACHE=""
fi
for f in $sources; do
	# shellcheck disable=SC2086
	if ! emcc $flags -I"$work/include" -c "$f" -o "$work/wasm/$(basename "$f" .c).o" \
		>"$work/emcc.log" 2>&1; then
		grep -v '^emcc: error: .*failed (returned' "$work/emcc.log"
		bad "${f#"$top"/} does not compile for wasm32 (emcc)"
	fi
done

# --------------------------------------------------------------- symbols
for f in $sources; do
	# shellcheck disable=SC2086
	"$CC" $flags -O2 $depflags -c "$f" -o "$work/native/$(basename "$f" .c).o" ||
		bad "${f#"$top"/} does not compile natively"
done
nm -P -g --defined-only "$work"/native/*.o | awk 'NF >= 2 && $1 !~ /:$/ { print $1 }' | sort -u >"$work/defined"
nm -P -u "$work"/native/*.o | awk 'NF >= 2 && $1 !~ /:$/ { print $1 }' | sort -u >"$work/undefined"
comm -23 "$work/undefined" "$work/defined" >"$work/external"
[ -s "$work/external" ] || bad "no undefined symbols at all: nm found nothing to check"

# the allowed patterns, without comments and blanks
sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$allow" >"$work/allowed" ||
	{ echo "check-core: cannot read $allow"; exit 1; }
while read -r sym; do
	ok=0
	while read -r pat; do
		# shellcheck disable=SC2254
		case $sym in $pat) ok=1; break ;; esac
	done <"$work/allowed"
	if [ $ok -eq 0 ]; then
		users=$(nm -A -P -u "$work"/native/*.o | awk -v s="$sym" '$2 == s { sub(/\.o:$/, ".c", $1); n = split($1, p, "/"); print p[n] }' | sort -u | tr '\n' ' ')
		bad "$sym is not allowed in the core (used by ${users% }; see scripts/check-core.allow)"
	fi
done <"$work/external"

n=$(wc -l <"$work/external")
if [ $fail -eq 0 ]; then
	echo "check-core: ok: $(echo "$sources" | wc -l) files compile for wasm32; their $((n)) external symbols are all allowed"
fi
exit $fail
