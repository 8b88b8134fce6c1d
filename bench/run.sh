#!/bin/sh
# Run dyad's benchmarks against the build in $1 (default build/):
#   - bench/core_bench: the core at 1,000, 10,000 and 100,000 entries in one
#     run (get, pages, add, list of all, with the floors and the old SQL);
#   - the dyad command end to end with hyperfine, on the 10,000-entry journal;
#   - bench/search_bench: journal search over 10,000 entries, beside the list
#     of all in the same run;
#   - bench/web.sh: the web server under wrk (10,000 and 100,000 entries).
# The figures go to bench/out/ (core.txt, cli.txt, web.txt) with the machine,
# the date and the load average; docs/BENCHMARKS.md records them by hand. At
# the end, issue 6's targets beside the figures of this run (the "target"
# lines of core_bench and web.sh), also in bench/out/targets.txt.
# REPS=N sets core_bench's repetitions; WEB=0 leaves the web server out.
set -eu
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/bench/out"
mkdir -p "$out"
work=$(mktemp -d /tmp/dyad-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

{
	echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(uname -sr)"
	echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
	echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "build: $(meson introspect --buildoptions "$build" 2>/dev/null | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"))' 2>/dev/null || echo unknown)"
} | tee "$out/machine.txt"
echo
echo "== core (bench/core_bench, 1,000 / 10,000 / 100,000 entries of 1 KiB)"
/usr/bin/time -f "process peak RSS %M KiB" "$build/bench/core_bench" -r "${REPS:-301}" "$work" 2>&1 | tee "$out/core.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/core.txt"

echo
echo "== journal search (bench/search_bench, 10,000 entries of about 1 KiB, beside the list of all)"
"$build/bench/search_bench" "$work/search" -r "${SEARCH_REPS:-21}" 2>&1 | tee "$out/search.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/search.txt"

if command -v hyperfine >/dev/null 2>&1; then
	echo
	echo "== the dyad command on the 10,000-entry journal (hyperfine; includes the key derivation)"
	export DYAD_DATA="$work/n10000" DYAD_PASSPHRASE="benchmark passphrase" DYAD_AS=Bench
	hyperfine -N --warmup 2 --runs 15 --export-markdown "$out/cli.md" \
		"$build/dyad journal add 'one more entry from the benchmark'" \
		"$build/dyad journal list" \
		"$build/dyad whoami" 2>&1 | tee "$out/cli.txt"
fi

if [ "${WEB:-1}" = 1 ]; then
	echo
	echo "== web server (bench/web.sh)"
	"$top/bench/web.sh" "$build" | tee "$out/web.txt"
fi

echo
echo "== issue 6's targets, measured in this run (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$out/machine.txt" >"$out/targets.txt"
grep -h '^target' "$out/core.txt" "$out/search.txt" >>"$out/targets.txt" || true
[ "${WEB:-1}" = 1 ] && { grep -h '^target' "$out/web.txt" >>"$out/targets.txt" || true; }
grep '^target' "$out/targets.txt"
