#!/bin/sh
# Run dyad's benchmarks against the build in $1 (default build/):
#   - bench/core_bench: the core on a 10,000-entry journal (add, list, KDF);
#   - the dyad command end to end with hyperfine (journal add, journal list);
#   - bench/web.sh when present: the web server under wrk.
# Figures go to bench/out/; docs/BENCHMARKS.md records them by hand.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/bench/out"
mkdir -p "$out"
work=$(mktemp -d /tmp/dyad-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "== core (bench/core_bench, 10,000 entries of 1 KiB)"
mkdir -p "$work/core"
/usr/bin/time -f "process peak RSS %M KiB" "$build/bench/core_bench" "$work/core" 10000 1024 2>&1 | tee "$out/core.txt"

if command -v hyperfine >/dev/null 2>&1; then
	echo
	echo "== the dyad command on the same journal (hyperfine; includes the key derivation)"
	export DYAD_DATA="$work/core" DYAD_PASSPHRASE="benchmark passphrase" DYAD_AS=Bench
	hyperfine -N --warmup 2 --runs 15 --export-markdown "$out/cli.md" \
		"$build/dyad journal add 'one more entry from the benchmark'" \
		"$build/dyad journal list" \
		"$build/dyad whoami" 2>&1 | tee "$out/cli.txt"
fi

if [ -x "$top/bench/web.sh" ]; then
	echo
	echo "== web server (bench/web.sh)"
	"$top/bench/web.sh" "$build"
fi
