#!/bin/sh
# Fuzz each harness of tests/fuzz for a while (make fuzz).
#   scripts/fuzz.sh BUILD [SECONDS] [HARNESS...]
# BUILD is a build made with clang and -Dfuzz=true (make fuzz makes
# build-fuzz/). Each harness runs SECONDS (default 60) at the lowest CPU
# priority, starting from its committed seeds (tests/fuzz/corpus/NAME) and
# keeping what it learns in BUILD/fuzz/corpus/NAME, so a later run goes on
# from there and the committed corpus stays small. Inputs are at most
# FUZZ_MAX_LEN bytes (4096); with FUZZ_RUNS set, a harness stops after that
# many executions if SECONDS have not passed first. A crash, leak, sanitizer
# report, hang (over 10 s for one input) or failed check stops that harness,
# leaves the input in BUILD/fuzz/artifacts/NAME/ and fails the run; minimise
# it (`BUILD/tests/fuzz/fuzz-NAME -minimize_crash=1 -runs=100000 FILE`) and
# add it to the seeds with the fix. The last lines of each log (in
# BUILD/fuzz/NAME.log) give executions, coverage and speed.
set -u
build=${1:?usage: scripts/fuzz.sh BUILD [SECONDS] [HARNESS...]}
seconds=${2:-60}
[ $# -ge 2 ] && shift 2 || shift $#
top=$(cd "$(dirname "$0")/.." && pwd)
names=${*:-$(cd "$top/tests/fuzz/corpus" && for d in */; do printf '%s ' "${d%/}"; done)}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for name in $names; do
	bin="$build/tests/fuzz/fuzz-$name"
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is missing (build with: CC=clang meson setup $build -Dfuzz=true)"
		failed=$((failed + 1))
		continue
	fi
	work="$build/fuzz/corpus/$name"
	art="$build/fuzz/artifacts/$name"
	log="$build/fuzz/$name.log"
	mkdir -p "$work" "$art"
	echo "fuzz: $name for ${seconds}s"
	# new inputs go to the first folder (work); the seeds are read only
	if nice -n 19 "$bin" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -timeout=10 -rss_limit_mb=2048 \
		-max_len="${FUZZ_MAX_LEN:-4096}" -print_final_stats=1 -artifact_prefix="$art/" \
		"$work" "$top/tests/fuzz/corpus/$name" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
		echo "ok   $name: $execs executions, $cov edges, corpus $(ls "$work" | wc -l) inputs"
	else
		tail -n 40 "$log"
		echo "FAIL $name: see $log and $art/"
		failed=$((failed + 1))
	fi
done
[ "$failed" -eq 0 ]
