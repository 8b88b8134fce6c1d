#!/bin/sh
# bench/tls.sh - dyad's own TLS under load, with wrk, on loopback only:
# two builds of dyad side by side, in alternating rounds, so that a change
# to the TLS port (such as its front door, src/web/front.c) is measured
# against what came before on the same machine at the same time.
#
#   bench/tls.sh NEW_DYAD [OLD_DYAD]
#   RUNS=5 DURATION=10 CONNS=16 bench/tls.sh build/dyad /tmp/dyad-before
#
# Each round, for each binary: a server with a fresh self-signed
# certificate, then wrk at CONNS connections for DURATION seconds against
# GET /healthz over HTTPS (a) kept alive, and (b) with "Connection: close",
# a new connection and TLS handshake for every request, which is where an
# accept path shows. Medians of requests per second and of the server's
# CPU time per request (user + system, from /proc/PID/stat, which moves
# far less with the machine's other load) are reported, with every run.
# Needs wrk and openssl (scripts/install-deps.sh --bench).
set -eu

runs=${RUNS:-5}
dur=${DURATION:-10}
conns=${CONNS:-16}
[ $# -ge 1 ] || { echo "usage: bench/tls.sh NEW_DYAD [OLD_DYAD]" >&2; exit 2; }
for tool in wrk openssl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench/tls.sh: $tool is missing" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-tlsbench.XXXXXX")
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 1 \
	-subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# CPU ticks (user + system) of process $1 so far
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# one_run BIN MODE: "REQ_PER_S CPU_US_PER_REQUEST" of one wrk run
one_run() {
	port=$(free_port)
	rm -rf "$tmp/data"
	"$1" --data "$tmp/data" serve --listen "127.0.0.1:$port" --tls-cert "$tmp/cert.pem" \
		--tls-key "$tmp/key.pem" --connections-per-address 1024 2>"$tmp/log" &
	pid=$!
	i=0
	until grep -q '^dyad: serving' "$tmp/log"; do
		i=$((i + 1)); [ $i -lt 300 ] || { cat "$tmp/log" >&2; exit 1; }
		sleep 0.1
	done
	t0=$(ticks "$pid")
	if [ "$2" = close ]; then
		out=$(wrk -t2 -c"$conns" -d"${dur}s" -H 'Connection: close' "https://127.0.0.1:$port/healthz")
	else
		out=$(wrk -t2 -c"$conns" -d"${dur}s" "https://127.0.0.1:$port/healthz")
	fi
	t1=$(ticks "$pid")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	pid=""
	echo "$out" | grep -q 'Socket errors' && echo "bench/tls.sh: $(echo "$out" | grep 'Socket errors')" >&2
	echo "$out" | awk -v cpu=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" \
		'/ requests in / { n = $1 } /^Requests\/sec:/ { r = $2 } END { printf "%d %d\n", r, cpu * 1000000 / hz / n }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

for mode in keepalive close; do
	: >"$tmp/new.$mode"; : >"$tmp/old.$mode"
done
r=1
while [ $r -le "$runs" ]; do
	for mode in keepalive close; do
		one_run "$1" $mode >>"$tmp/new.$mode"
		[ $# -ge 2 ] && one_run "$2" $mode >>"$tmp/old.$mode"
	done
	r=$((r + 1))
done
echo "bench/tls.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs of ${dur}s at $conns connections"
for mode in keepalive close; do
	for which in new old; do
		[ "$which" = old ] && [ $# -lt 2 ] && continue
		f=$tmp/$which.$mode
		printf '%-10s %s %6s req/s, %5s us CPU a request (runs: %s)\n' "$mode" "$which" \
			"$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" "$(tr '\n' ',' <"$f")"
	done
done
