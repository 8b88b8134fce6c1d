#!/bin/sh
# Run every test against the build in $1 and end with one summary line.
#   scripts/test.sh BUILD [--no-browser]
# First the core's portability check (scripts/check-core.sh), counted as one
# test; then unit and CLI scenario tests through `meson test`, and the HTTP
# API tests (tests/api) and browser tests (tests/e2e) through node's runner.
set -u
build=${1:?usage: scripts/test.sh BUILD [--no-browser]}
browser=1
[ "${2:-}" = "--no-browser" ] && browser=0
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
export DYAD_BIN="$build/dyad"
out="$build/test-output"
mkdir -p "$out"
passed=0 failed=0

# the core builds for wasm32 and calls only what it may
if "$top/scripts/check-core.sh" >"$out/check-core.log" 2>&1; then
	echo "ok   core portability check: $(tail -n 1 "$out/check-core.log")"
	passed=$((passed + 1))
else
	cat "$out/check-core.log"
	echo "FAIL core portability check (scripts/check-core.sh; log in $out/check-core.log)"
	failed=$((failed + 1))
fi

# meson: "Ok: N", "Fail: N", ...
meson test -C "$build" --print-errorlogs --num-processes 2 2>&1 | tee "$out/meson.log"
ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$out/meson.log" | tail -n1)
bad=0
for k in Fail "Unexpected Pass" Timeout; do
	n=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$out/meson.log" | tail -n1)
	bad=$((bad + ${n:-0}))
done
if [ -z "$ok" ]; then bad=$((bad + 1)); ok=0; fi
passed=$((passed + ok)); failed=$((failed + bad))

run_node() { # dir name
	[ -d "$top/tests/$1" ] || return 0
	files=$(find "$top/tests/$1" -maxdepth 1 -name '*.test.mjs' | sort)
	[ -n "$files" ] || return 0
	# shellcheck disable=SC2086
	(cd "$top" && node --test --test-concurrency=1 --test-reporter=spec $files) 2>&1 | tee "$out/$1.log"
	# the spec reporter ends with "ℹ pass N" / "ℹ fail N"
	p=$(sed -n 's/^. pass \([0-9]*\)$/\1/p' "$out/$1.log" | tail -n1)
	f=$(sed -n 's/^. fail \([0-9]*\)$/\1/p' "$out/$1.log" | tail -n1)
	if [ -z "$p" ]; then f=$(( ${f:-0} + 1 )); p=0; fi
	passed=$((passed + p)); failed=$((failed + ${f:-0}))
}
run_node api
[ "$browser" = 1 ] && run_node e2e

echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
