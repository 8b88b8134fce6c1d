#!/bin/sh
# Install the Debian packages dyad needs to build, test, benchmark and run.
# Idempotent: installs only what is missing, and says what it installs.
#   scripts/install-deps.sh          build + test dependencies
#   scripts/install-deps.sh --bench  also the benchmark tools (wrk, nginx, hyperfine)
set -eu

# utf8proc: names and labels (src/core/name.c); cmark-gfm and its extensions
# library: Markdown (src/web/markdown.c).
# emscripten: scripts/check-core.sh compiles the core for wasm32 with it
# (Debian's package brings its own clang, lld and binaryen; it works offline).
pkgs="build-essential pkg-config meson ninja-build
libsqlite3-dev libsodium-dev libmicrohttpd-dev libgnutls28-dev libjansson-dev
libutf8proc-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libcmocka-dev libqrencode-dev
chromium emscripten"
# Tools the tests need; a missing one fails the test that needs it:
# sqlite3 (CLI scenarios read the database), valgrind (valgrind.sh),
# python3 (export checks), bsdutils for script(1) (editor tests),
# openssl (tests/api/tls.test.mjs makes a certificate), zbar-tools
# (zbarimg reads the invitation QR codes back in tests/api/invite.test.mjs
# and tests/cli/invite.sh).
pkgs="$pkgs sqlite3 valgrind python3 bsdutils openssl zbar-tools"
# python3-jsonschema: tests/cli/instruments.sh validates the shipped
# questionnaires (data/instruments/*.json) against docs/instrument.schema.json
# with a JSON-Schema validator that is not dyad's own.
pkgs="$pkgs python3-jsonschema"
# The tested routes of docs/PHONES.md (tests/cli/https.sh): mkcert makes a
# local CA and certificate, caddy proxies with `tls internal`, curl fetches
# trusting only their roots; systemd-analyze (package systemd) verifies
# docs/dyad.service (tests/cli/systemd.sh). On a machine run by systemd,
# Debian's caddy package also starts caddy.service (its example page on
# port 80): `sudo systemctl disable --now caddy` if you do not want it.
pkgs="$pkgs mkcert caddy curl systemd"
# clang and its runtime libraries (libFuzzer, ASan, UBSan) for the fuzz
# harnesses of tests/fuzz: `make fuzz` and CI's replay of their corpora.
pkgs="$pkgs clang libclang-rt-dev"
# Node.js may come from another source than Debian (its npm is bundled then):
# ask Debian for it only when the commands are missing.
command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
if [ "${1:-}" = "--bench" ]; then
	pkgs="$pkgs wrk nginx hyperfine"
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		SUDO="sudo"
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi

# The browser tests' JavaScript packages (playwright-core, axe-core), from npm.
# playwright-core never downloads a browser: the tests use Debian's chromium.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -f "$here/tests/e2e/package.json" ] && [ ! -d "$here/tests/e2e/node_modules/playwright-core" ]; then
	echo "install-deps: installing the browser tests' npm packages (playwright-core, axe-core)"
	(cd "$here/tests/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
fi
exit 0
