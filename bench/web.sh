#!/bin/sh
# bench/web.sh - the web server under load, with wrk, on loopback only.
#
#   bench/web.sh [BUILD]            (BUILD defaults to build/)
#   RUNS=3 DURATION=10 CONNS=64 THREADS=0 SIZE=1024 NGINX=1 bench/web.sh build
#
# Two dyad servers, one on a journal of 10,000 entries and one on 100,000
# (entries of about SIZE bytes, a third shared, made by bench/core_bench -f),
# each logged in through POST /api/v1/session. In rounds, RUNS times, wrk at
# CONNS connections for DURATION seconds against each of:
#   - GET /api/v1/journal?limit=20 on 10,000 entries (authenticated);
#   - a static file from the same server;
#   - GET /api/v1/journal?limit=20 on 100,000 entries, the first page;
#   - the same at 100,000, the page 90% deep by its cursor (found by walking
#     the pages once, untimed);
#   - the same static file from nginx (a temporary config on another
#     loopback port), the ceiling of this machine; NGINX=0 leaves it out.
# Medians are reported, with every run. Also the 10,000 server's resident
# memory (VmRSS) idle and at 256 connections. The servers run with
# --connections-per-address 256 (or CONNS if more), since wrk opens every
# connection from 127.0.0.1; a run that still has socket errors says so.
# Needs wrk, nginx, curl and python3 (scripts/install-deps.sh --bench).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
bin=$build/dyad
fill=$build/bench/core_bench
runs=${RUNS:-3}
dur=${DURATION:-10}
conns=${CONNS:-64}
wrk_threads=${WRK_THREADS:-2}
threads=${THREADS:-0}
size=${SIZE:-1024}
use_nginx=${NGINX:-1}

tools="wrk curl python3"
[ "$use_nginx" = 1 ] && tools="$tools nginx"
for tool in $tools; do
	command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
		echo "bench/web.sh: $tool is missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
done
for b in "$bin" "$fill"; do
	[ -x "$b" ] || { echo "bench/web.sh: no $b (make first)" >&2; exit 1; }
done
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-bench.XXXXXX")
pid10=""
pid100=""
nginx_pid=""
stop() { # pid
	[ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null
	return 0
}
cleanup() {
	stop "$pid10"
	stop "$pid100"
	stop "$nginx_pid"
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the journals, then a server on each, logged in
"$fill" -f -s "$size" "$tmp/d10" 10000 >&2
"$fill" -f -s "$size" "$tmp/d100" 100000 >&2

wait_up() { # url log
	i=0
	until curl -sf "$1/healthz" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 200 ] && { echo "bench/web.sh: server did not start" >&2; tail -n 5 "$2" >&2; exit 1; }
		sleep 0.05
	done
}
login() { # url jar -> prints the session token
	curl -sf -c "$2" -H 'Content-Type: application/json' \
		-d '{"name":"Bench","passphrase":"benchmark passphrase"}' "$1/api/v1/session" >/dev/null
	awk '$6 == "dyad_session" {print $7}' "$2"
}
# every wrk connection comes from 127.0.0.1: the server's limit per client
# address (32 by default, for real clients) is raised to what wrk opens, or
# it closes the rest as they come and wrk counts them as read errors
per_address=256
[ "$conns" -gt "$per_address" ] && per_address=$conns
targs="--connections-per-address $per_address"
[ "$threads" != 0 ] && targs="$targs --threads $threads"
port10=$(free_port)
url10="http://127.0.0.1:$port10"
# shellcheck disable=SC2086
"$bin" --data "$tmp/d10" serve --listen "127.0.0.1:$port10" $targs >"$tmp/server10.log" 2>&1 &
pid10=$!
port100=$(free_port)
url100="http://127.0.0.1:$port100"
# shellcheck disable=SC2086
"$bin" --data "$tmp/d100" serve --listen "127.0.0.1:$port100" $targs >"$tmp/server100.log" 2>&1 &
pid100=$!
wait_up "$url10" "$tmp/server10.log"
wait_up "$url100" "$tmp/server100.log"
token10=$(login "$url10" "$tmp/jar10")
token100=$(login "$url100" "$tmp/jar100")
if [ -z "$token10" ] || [ -z "$token100" ]; then
	echo "bench/web.sh: login failed" >&2
	exit 1
fi

# The cursor of the page 90% deep at 100,000: walk the pages once, untimed,
# 100 at a time over one keep-alive connection; check that the page from it
# is full and that the first page answers 20 too.
deep=$(python3 - "$port100" "$token100" <<'PY'
import http.client, json, sys, urllib.parse
port, token = int(sys.argv[1]), sys.argv[2]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
def page(cursor, limit):
    q = "limit=%d" % limit + ("&cursor=" + urllib.parse.quote(cursor, safe="") if cursor else "")
    c.request("GET", "/api/v1/journal?" + q, headers={"Cookie": "dyad_session=" + token})
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        sys.exit("walk: HTTP %d" % r.status)
    return json.loads(body)
cursor, seen = None, 0
while seen < 90000:
    d = page(cursor, 100)
    seen += len(d["items"])
    cursor = d["next"]
    if not cursor:
        sys.exit("walk: the list ended after %d" % seen)
if len(page(cursor, 20)["items"]) != 20 or len(page(None, 20)["items"]) != 20:
    sys.exit("walk: not a full page")
print(urllib.parse.quote(cursor, safe=""))
PY
)
[ -n "$deep" ] || { echo "bench/web.sh: no deep cursor" >&2; exit 1; }
api10="$url10/api/v1/journal?limit=20"
api100="$url100/api/v1/journal?limit=20"
deep100="$url100/api/v1/journal?limit=20&cursor=$deep"
page10_bytes=$(curl -sf -H "Cookie: dyad_session=$token10" "$api10" | wc -c)
page100_bytes=$(curl -sf -H "Cookie: dyad_session=$token100" "$api100" | wc -c)
deep100_bytes=$(curl -sf -H "Cookie: dyad_session=$token100" "$deep100" | wc -c)

# ---- the static file, also served by nginx
static=/app.css
curl -sf "$url10$static" >/dev/null 2>&1 || static=/index.html
mkdir -p "$tmp/www$(dirname "$static")"
curl -sf "$url10$static" -o "$tmp/www$static"
static_bytes=$(wc -c <"$tmp/www$static")
if [ "$use_nginx" = 1 ]; then
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
	"$NGINX_BIN" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" 2>>"$tmp/nginx-error.log" &
	nginx_pid=$!
	i=0
	until curl -sf "http://127.0.0.1:$nport$static" >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 100 ] && { echo "bench/web.sh: nginx did not start" >&2; tail -n 5 "$tmp/nginx-error.log" >&2; exit 1; }
		sleep 0.05
	done
fi

rss_idle=$(rss_kib "$pid10")

# ---- wrk runs: "req/s p99ms non2xx cpu_us_per_request" for one target;
# the last column is the server's own CPU time (user + system, from
# /proc/PID/stat) per request: unlike req/s it barely depends on what else
# the machine is doing. For nginx it is left at 0.
hz=$(getconf CLK_TCK)
cpu_ticks() { # pid
	if [ -n "$1" ]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi
}
one_run() { # pid url [header]
	c0=$(cpu_ticks "$1")
	if [ -n "${3:-}" ]; then
		wrk -t"$wrk_threads" -c"$conns" -d"${dur}s" --latency -H "$3" "$2" >"$tmp/wrk.out" 2>&1
	else
		wrk -t"$wrk_threads" -c"$conns" -d"${dur}s" --latency "$2" >"$tmp/wrk.out" 2>&1
	fi
	c1=$(cpu_ticks "$1")
	python3 - "$tmp/wrk.out" "$((c1 - c0))" "$hz" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
ticks, hz = int(sys.argv[2]), int(sys.argv[3])
total = int(re.search(r'(\d+) requests in', t).group(1))
rps = float(re.search(r'Requests/sec:\s*([0-9.]+)', t).group(1))
m = re.search(r'99%\s+([0-9.]+)(us|ms|s)\b', t)
p99 = float(m.group(1)) * {'us': 0.001, 'ms': 1.0, 's': 1000.0}[m.group(2)]
errs = re.search(r'Non-2xx or 3xx responses:\s*(\d+)', t)
sock = re.search(r'Socket errors:.*', t)
nsock = sum(int(n) for n in re.findall(r'\d+', sock.group(0))) if sock else 0
if sock:
    print("bench/web.sh: wrk " + sock.group(0), file=sys.stderr)
print(f"{rps:.0f} {p99:.2f} {errs.group(1) if errs else 0} {ticks / hz * 1e6 / max(total, 1):.0f} {nsock}")
PY
}

: >"$tmp/api10.txt"; : >"$tmp/static.txt"; : >"$tmp/api100.txt"; : >"$tmp/deep100.txt"; : >"$tmp/nginx.txt"
r=1
while [ $r -le "$runs" ]; do
	one_run "$pid10" "$api10" "Cookie: dyad_session=$token10" >>"$tmp/api10.txt"
	one_run "$pid10" "$url10$static" >>"$tmp/static.txt"
	one_run "$pid100" "$api100" "Cookie: dyad_session=$token100" >>"$tmp/api100.txt"
	one_run "$pid100" "$deep100" "Cookie: dyad_session=$token100" >>"$tmp/deep100.txt"
	[ "$use_nginx" = 1 ] && one_run "" "http://127.0.0.1:$nport$static" >>"$tmp/nginx.txt"
	r=$((r + 1))
done

# ---- memory at 256 connections: the peak of VmRSS sampled during a run
conns256=256
wrk -t"$wrk_threads" -c"$conns256" -d"${dur}s" -H "Cookie: dyad_session=$token10" "$api10" >"$tmp/wrk256.out" 2>&1 &
wrk_pid=$!
peak=0
while kill -0 "$wrk_pid" 2>/dev/null; do
	v=$(rss_kib "$pid10"); [ "$v" -gt "$peak" ] && peak=$v
	sleep 0.25
done
wait "$wrk_pid" || true
rps256=$(awk '/Requests\/sec/{printf "%.0f", $2}' "$tmp/wrk256.out")
rss_after=$(rss_kib "$pid10")

# ---- the servers still answer, and stop cleanly
curl -sf "$url10/healthz" >/dev/null
curl -sf "$url100/healthz" >/dev/null
kill -TERM "$pid10"
rc10=0; wait "$pid10" || rc10=$?
pid10=""
kill -TERM "$pid100"
rc100=0; wait "$pid100" || rc100=$?
pid100=""

median() { # file column
	sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {if (NR%2) print v[(NR+1)/2]; else printf "%.2f\n", (v[NR/2]+v[NR/2+1])/2}'
}
errors() { awk '{s+=$3} END {print s+0}' "$1"; }
sockerrs() { awk '{s+=$5} END {print s+0}' "$1"; }
row() { # label file
	echo "| $1 | $(median "$2" 1) | $(median "$2" 2) ms | $(errors "$2") | $(median "$2" 4) µs |"
}
runs_of() { tr '\n' ';' <"$1"; }
# Issue 6's target for the server beside what this run measured (a line
# starting with "target", which bench/run.sh collects).
target_line() {
	rps=$(median "$tmp/api10.txt" 1); p99=$(median "$tmp/api10.txt" 2)
	verdict=$(awk -v r="$rps" -v p="$p99" -v c="$conns" -v e="$(sockerrs "$tmp/api10.txt")" 'BEGIN {
		if (c != 64) print "not comparable (not 64 connections)";
		else if (e > 0) print "not valid (" e " wrk socket errors)";
		else if (r >= 8000 && p < 20) print "met"; else print "NOT met" }')
	echo "target (web): API page of 20 on 10,000 entries at least 8,000 req/s at 64 connections, p99 under 20 ms:" \
		"$rps req/s, p99 $p99 ms, $(median "$tmp/api10.txt" 4) µs of server CPU a request (the same server's $static:" \
		"$(median "$tmp/static.txt" 1) req/s, p99 $(median "$tmp/static.txt" 2) ms; load $(cut -d' ' -f1 /proc/loadavg)) -> $verdict"
}

cat <<REPORT
date: $(date -u '+%Y-%m-%d %H:%M UTC')
machine: $(nproc) cores, $(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo), $(uname -sr)
dyad: $("$bin" --version 2>/dev/null | head -n1 || echo dyad), server threads: $([ "$threads" = 0 ] && echo default || echo "$threads"); wrk $wrk_threads threads, ${conns} connections, ${dur} s x $runs runs (medians); entries of $size bytes
load before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)

| target | req/s | p99 latency | non-2xx | dyad CPU per request |
|---|---:|---:|---:|---:|
$(row "GET /api/v1/journal?limit=20, 10,000 entries ($page10_bytes bytes)" "$tmp/api10.txt")
$(row "GET $static from the same server ($static_bytes bytes)" "$tmp/static.txt")
$(row "GET /api/v1/journal?limit=20, 100,000 entries, first page ($page100_bytes bytes)" "$tmp/api100.txt")
$(row "the same, page 90% deep by cursor ($deep100_bytes bytes)" "$tmp/deep100.txt")
$([ "$use_nginx" = 1 ] && echo "| GET $static from nginx (ceiling) | $(median "$tmp/nginx.txt" 1) | $(median "$tmp/nginx.txt" 2) ms | $(errors "$tmp/nginx.txt") | - |")

| memory of the 10,000 server (VmRSS) | MiB |
|---|---:|
| idle, after setup | $(awk -v k="$rss_idle" 'BEGIN{printf "%.1f", k/1024}') |
| peak during $conns256 connections ($rps256 req/s) | $(awk -v k="$peak" 'BEGIN{printf "%.1f", k/1024}') |
| after that run | $(awk -v k="$rss_after" 'BEGIN{printf "%.1f", k/1024}') |

all runs (req/s p99ms non2xx cpu-us/req socket-errors): api10 [$(runs_of "$tmp/api10.txt")] static [$(runs_of "$tmp/static.txt")] api100 [$(runs_of "$tmp/api100.txt")] deep100 [$(runs_of "$tmp/deep100.txt")] nginx [$(runs_of "$tmp/nginx.txt")]
servers' exit codes after SIGTERM: $rc10 $rc100

$(target_line)
REPORT
