#!/bin/sh
# bench/web.sh - the web server under load, with wrk, on loopback only.
#
#   bench/web.sh [BUILD]            (BUILD defaults to build/)
#   RUNS=5 DURATION=10 THREADS=0 bench/web.sh build
#
# In one run: an authenticated GET /api/v1/journal returning one page of 20
# entries of about 300 bytes, a static file from dyad, and the same file
# from nginx (a temporary config on another loopback port) as the ceiling;
# 64 connections each, RUNS times DURATION seconds, medians reported. Also
# the server's resident memory (VmRSS) idle and at 256 connections.
# Needs wrk, nginx, curl and python3 (scripts/install-deps.sh --bench).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
bin=$(cd "$build" && pwd)/dyad
runs=${RUNS:-3}
dur=${DURATION:-10}
conns=${CONNS:-64}
wrk_threads=${WRK_THREADS:-2}
threads=${THREADS:-0}

for tool in wrk nginx curl python3; do
	command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
		echo "bench/web.sh: $tool is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "bench/web.sh: no $bin (make first)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bench.XXXXXX")
server_pid=""
nginx_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }

# ---- the dyad server, with a space, a session and 20 entries of ~300 bytes
port=$(free_port)
url="http://127.0.0.1:$port"
mkdir -p "$tmp/data"
targs=""
[ "$threads" != 0 ] && targs="--threads $threads"
# shellcheck disable=SC2086
"$bin" --data "$tmp/data" serve --listen "127.0.0.1:$port" $targs 2>"$tmp/server.log" &
server_pid=$!
i=0
until curl -sf "$url/healthz" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 200 ] && { echo "bench/web.sh: server did not start" >&2; tail -n 5 "$tmp/server.log" >&2; exit 1; }
	sleep 0.05
done
curl -sf -c "$tmp/jar" -H 'Content-Type: application/json' \
	-d '{"name":"Ana","passphrase":"benchmark passphrase"}' "$url/api/v1/space" >"$tmp/space.json"
csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf"])' "$tmp/space.json")
token=$(awk '$6 == "dyad_session" {print $7}' "$tmp/jar")
text="Today I noticed the pull to smooth things over before I even knew what I felt. I paused, breathed, and said what I wanted instead: an evening to myself, then dinner together. It felt strange and good. Next time I want to name the feeling first, then the request, and let you have your own reaction to it."
n=1
while [ $n -le 20 ]; do
	curl -sf -b "$tmp/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
		-d "{\"title\":\"Evening $n\",\"text\":\"$text\"}" "$url/api/v1/journal" >/dev/null
	n=$((n + 1))
done
page_bytes=$(curl -sf -H "Cookie: dyad_session=$token" "$url/api/v1/journal" | wc -c)

# ---- the static file, also served by nginx
static=/js/app.js
curl -sf "$url$static" >/dev/null 2>&1 || static=/index.html
mkdir -p "$tmp/www$(dirname "$static")"
curl -sf "$url$static" -o "$tmp/www$static"
static_bytes=$(wc -c <"$tmp/www$static")
# nginx's workers may run as another user (www-data when started as root)
chmod 755 "$tmp"
chmod -R a+rX "$tmp/www"
nport=$(free_port)
cat >"$tmp/nginx.conf" <<NGINX
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	include /etc/nginx/mime.types;
	client_body_temp_path $tmp/nginx-body;
	proxy_temp_path $tmp/nginx-proxy;
	fastcgi_temp_path $tmp/nginx-fastcgi;
	uwsgi_temp_path $tmp/nginx-uwsgi;
	scgi_temp_path $tmp/nginx-scgi;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		etag on;
	}
}
NGINX
"$NGINX" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" 2>>"$tmp/nginx-error.log" &
nginx_pid=$!
i=0
until curl -sf "http://127.0.0.1:$nport$static" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "bench/web.sh: nginx did not start" >&2; tail -n 5 "$tmp/nginx-error.log" >&2; exit 1; }
	sleep 0.05
done

sleep 1
rss_idle=$(rss_kib "$server_pid")

# ---- wrk runs: "req/s p99ms non2xx cpu_us_per_request" for one target;
# the last column is the server's own CPU time (user + system, from
# /proc/PID/stat) per request: unlike req/s it barely depends on what else
# the machine is doing.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
hz=$(getconf CLK_TCK)
one_run() { # url [header]
	c0=$(cpu_ticks)
	if [ -n "${2:-}" ]; then
		wrk -t"$wrk_threads" -c"$conns" -d"${dur}s" --latency -H "$2" "$1" >"$tmp/wrk.out" 2>&1
	else
		wrk -t"$wrk_threads" -c"$conns" -d"${dur}s" --latency "$1" >"$tmp/wrk.out" 2>&1
	fi
	c1=$(cpu_ticks)
	python3 - "$tmp/wrk.out" "$((c1 - c0))" "$hz" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
ticks, hz = int(sys.argv[2]), int(sys.argv[3])
total = int(re.search(r'(\d+) requests in', t).group(1))
rps = float(re.search(r'Requests/sec:\s*([0-9.]+)', t).group(1))
m = re.search(r'99%\s+([0-9.]+)(us|ms|s)\b', t)
p99 = float(m.group(1)) * {'us': 0.001, 'ms': 1.0, 's': 1000.0}[m.group(2)]
errs = re.search(r'Non-2xx or 3xx responses:\s*(\d+)', t)
print(f"{rps:.0f} {p99:.2f} {errs.group(1) if errs else 0} {ticks / hz * 1e6 / max(total, 1):.0f}")
PY
}

: >"$tmp/api.txt"; : >"$tmp/static.txt"; : >"$tmp/nginx.txt"
r=1
while [ $r -le "$runs" ]; do
	one_run "$url/api/v1/journal" "Cookie: dyad_session=$token" >>"$tmp/api.txt"
	one_run "$url$static" >>"$tmp/static.txt"
	one_run "http://127.0.0.1:$nport$static" >>"$tmp/nginx.txt"
	r=$((r + 1))
done

# ---- memory at 256 connections: the peak of VmRSS sampled during a run
conns256=256
wrk -t"$wrk_threads" -c"$conns256" -d"${dur}s" -H "Cookie: dyad_session=$token" "$url/api/v1/journal" >"$tmp/wrk256.out" 2>&1 &
wrk_pid=$!
peak=0
while kill -0 "$wrk_pid" 2>/dev/null; do
	v=$(rss_kib "$server_pid"); [ "$v" -gt "$peak" ] && peak=$v
	sleep 0.25
done
wait "$wrk_pid" || true
rps256=$(awk '/Requests\/sec/{printf "%.0f", $2}' "$tmp/wrk256.out")
rss_after=$(rss_kib "$server_pid")

# ---- the server still answers, and stops cleanly
curl -sf "$url/healthz" >/dev/null
kill -TERM "$server_pid"
rc=0; wait "$server_pid" || rc=$?
server_pid=""

median() { # file column
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'
}
errors() { awk '{s+=$3} END {print s+0}' "$1"; }

cat <<REPORT
date: $(date -u '+%Y-%m-%d %H:%M UTC')
machine: $(nproc) cores, $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo), $(uname -sr)
dyad: $("$bin" --version 2>/dev/null | head -n1 || echo dyad), server threads: $([ "$threads" = 0 ] && echo default || echo "$threads"); wrk $wrk_threads threads, ${conns} connections, ${dur} s x $runs runs (medians)
load before: $(cut -d' ' -f1-3 /proc/loadavg)

| target | req/s | p99 latency | non-2xx | dyad CPU per request |
|---|---:|---:|---:|---:|
| GET /api/v1/journal (authenticated, 20 entries, $page_bytes bytes) | $(median "$tmp/api.txt" 1) | $(median "$tmp/api.txt" 2) ms | $(errors "$tmp/api.txt") | $(median "$tmp/api.txt" 4) µs |
| GET $static from dyad ($static_bytes bytes) | $(median "$tmp/static.txt" 1) | $(median "$tmp/static.txt" 2) ms | $(errors "$tmp/static.txt") | $(median "$tmp/static.txt" 4) µs |
| GET $static from nginx (ceiling) | $(median "$tmp/nginx.txt" 1) | $(median "$tmp/nginx.txt" 2) ms | $(errors "$tmp/nginx.txt") | - |

| memory (VmRSS) | MiB |
|---|---:|
| idle, after setup | $(awk -v k="$rss_idle" 'BEGIN{printf "%.1f", k/1024}') |
| peak during $conns256 connections ($rps256 req/s) | $(awk -v k="$peak" 'BEGIN{printf "%.1f", k/1024}') |
| after that run | $(awk -v k="$rss_after" 'BEGIN{printf "%.1f", k/1024}') |

all runs (req/s p99ms non2xx cpu-us/req): api [$(tr '\n' ';' <"$tmp/api.txt")] static [$(tr '\n' ';' <"$tmp/static.txt")] nginx [$(tr '\n' ';' <"$tmp/nginx.txt")]
server exit code after SIGTERM: $rc
REPORT
