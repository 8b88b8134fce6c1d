# https.sh - the two tested routes of docs/PHONES.md ("Open dyad on your
# phones at home"), for real: (1) a certificate from a local CA made with
# mkcert, served by dyad itself, fetched with that CA trusted (as a phone
# that installed the root would); (2) Caddy with `tls internal` in front of
# dyad --behind-https, fetched with Caddy's root trusted. Both by the name
# dyad.home, resolved to 127.0.0.1 by curl as a home router's DNS would.
# And serve --help warns that --behind-https trusts X-Forwarded-For.
# (The third route, a tailnet name, needs the internet: not tested here.)
. "$(dirname "$0")/lib.sh"

need mkcert mkcert
need caddy caddy
need curl curl
need python3 python3

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait (up to about 30 s) until the log file $1 holds the line $2
wait_log() {
	_i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -le 300 ] || { fail "no '$2' in $1"; cat "$1"; return 1; }
		sleep 0.1
	done
}

# the JSON field $1 of the body in $T/body
body_field() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$T/body" "$1"
}

check "serve --help says --behind-https trusts X-Forwarded-For, so the port must be reachable only through the proxy"
expect_exit 0 serve --help
# the help wraps its lines: read it as one line
help=$(tr -s ' \n' '  ' <"$T/out")
for words in "--behind-https a proxy in front serves HTTPS" "trust its X-Forwarded-For for client addresses" \
	"the port must then be reachable only through the proxy (listen on 127.0.0.1), or anyone can claim any address"; do
	case $help in
	*"$words"*) ;;
	*) fail "serve --help does not say '$words': $help" ;;
	esac
done

# --- route 1: mkcert ---------------------------------------------------------
check "mkcert makes a local CA and a certificate for dyad.home"
export CAROOT="$T/ca"
mkcert -cert-file "$T/dyad.pem" -key-file "$T/dyad-key.pem" dyad.home 127.0.0.1 >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
[ -f "$CAROOT/rootCA.pem" ] || fail "no rootCA.pem in $CAROOT"

check "dyad serves that certificate, and a client trusting the CA opens https://dyad.home"
P1=$(free_port)
P2=$(free_port)
"$DYAD" --data "$T/d1" serve --listen "127.0.0.1:$P1" --tls-cert "$T/dyad.pem" --tls-key "$T/dyad-key.pem" \
	--http-redirect "$P2" 2>"$T/log1" &
BG_PIDS="$BG_PIDS $!"
wait_log "$T/log1" "^dyad: serving "
curl -sS --cacert "$CAROOT/rootCA.pem" --resolve "dyad.home:$P1:127.0.0.1" \
	"https://dyad.home:$P1/healthz" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains '"ok":true'

check "a client that does not trust the CA is refused (what a phone without the root sees)"
curl -sS --resolve "dyad.home:$P1:127.0.0.1" "https://dyad.home:$P1/healthz" >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -eq 60 ] || { fail "curl without the CA exited $rc, expected 60 (certificate problem)"; show_output; }

check "through the name, the invitation link is https://dyad.home:PORT/join#..."
curl -sS --cacert "$CAROOT/rootCA.pem" --resolve "dyad.home:$P1:127.0.0.1" -c "$T/jar1" \
	-H 'Content-Type: application/json' -d '{"name":"Ana","passphrase":"local ca passphrase"}' \
	-o "$T/body" -w '%{http_code}' "https://dyad.home:$P1/api/v1/space" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_same "$(cat "$T/out")" 201 "the status of POST /api/v1/space"
csrf=$(body_field csrf)
curl -sS --cacert "$CAROOT/rootCA.pem" --resolve "dyad.home:$P1:127.0.0.1" -b "$T/jar1" \
	-X POST -H "X-CSRF-Token: $csrf" -o "$T/body" "https://dyad.home:$P1/api/v1/invites" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
case $(body_field link) in
"https://dyad.home:$P1/join#"?*) ;;
*) fail "the link is $(body_field link)" ;;
esac
expect_same "$(body_field loopback)" False "loopback"

check "plain http:// on the --http-redirect port is sent to https://"
curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "dyad.home:$P2:127.0.0.1" \
	"http://dyad.home:$P2/today" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_same "$(cat "$T/out")" "308 https://dyad.home:$P1/today" "the redirect"

# --- route 2: Caddy with tls internal ---------------------------------------
check "Caddy with tls internal proxies https://dyad.home to dyad --behind-https"
P3=$(free_port)
P4=$(free_port)
P5=$(free_port)
"$DYAD" --data "$T/d2" serve --listen "127.0.0.1:$P3" --behind-https 2>"$T/log2" &
BG_PIDS="$BG_PIDS $!"
wait_log "$T/log2" "^dyad: serving "
cat >"$T/Caddyfile" <<CADDY
{
	admin off
	http_port $P5
	https_port $P4
	skip_install_trust
	storage file_system $T/caddy
}
dyad.home {
	tls internal
	reverse_proxy 127.0.0.1:$P3
}
CADDY
XDG_CONFIG_HOME="$T/xdg-config" XDG_DATA_HOME="$T/xdg-data" \
	caddy run --config "$T/Caddyfile" --adapter caddyfile >"$T/caddy.log" 2>&1 &
BG_PIDS="$BG_PIDS $!"
root="$T/caddy/pki/authorities/local/root.crt"
wait_log "$T/caddy.log" '"msg":"serving initial configuration"'
[ -f "$root" ] || fail "Caddy made no root certificate at $root"
# Caddy issues the site's certificate right after it starts
i=0
until curl -s -o /dev/null --cacert "$root" --resolve "dyad.home:$P4:127.0.0.1" "https://dyad.home:$P4/healthz"; do
	i=$((i + 1))
	[ $i -le 100 ] || break
	sleep 0.1
done
curl -sS --cacert "$root" --resolve "dyad.home:$P4:127.0.0.1" "https://dyad.home:$P4/healthz" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
expect_stdout_contains '"ok":true'

check "through Caddy the session cookie is Secure and the link is https on Caddy's name"
curl -sS --cacert "$root" --resolve "dyad.home:$P4:127.0.0.1" -c "$T/jar2" -D "$T/headers" \
	-H 'Content-Type: application/json' -d '{"name":"Ana","passphrase":"caddy passphrase"}' \
	-o "$T/body" "https://dyad.home:$P4/api/v1/space" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
grep -qi '^set-cookie: __Host-dyad_session=.*; Secure' "$T/headers" || { fail "no Secure session cookie"; cat "$T/headers"; }
csrf=$(body_field csrf)
curl -sS --cacert "$root" --resolve "dyad.home:$P4:127.0.0.1" -b "$T/jar2" \
	-X POST -H "X-CSRF-Token: $csrf" -o "$T/body" "https://dyad.home:$P4/api/v1/invites" >"$T/out" 2>"$T/err"
rc=$?
want_rc 0
case $(body_field link) in
"https://dyad.home:$P4/join#"?*) ;;
*) fail "the link is $(body_field link)" ;;
esac

check "dyad logged each request that came through Caddy on one line"
grep -q '^POST /api/v1/invites 201 ' "$T/log2" || { fail "no request line in dyad's log"; cat "$T/log2"; }

finish
