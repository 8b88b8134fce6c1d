# dyad - the people's entry points. The build itself is Meson + Ninja.
#   make        build into build/
#   make test   every test: the core's portability check, unit, CLI
#               scenarios, HTTP API, browser
#   make check-core  only the core's portability check (emscripten, symbols)
#   make run    build and start the server on the default data folder
#               (ARGS='...' adds `dyad serve` options, e.g. --listen/--tls-*)
#   make asan   build and test under AddressSanitizer + UBSan in build-asan/
#   make install  put dyad in $(PREFIX)/bin and its man page in
#               $(PREFIX)/share/man/man1 (PREFIX=/usr/local; DESTDIR for
#               packaging)
#   make bench  run the benchmarks (bench/)
#   make fuzz   build the libFuzzer harnesses (tests/fuzz) with clang, ASan
#               and UBSan in build-fuzz/ and run each FUZZ_SECONDS (60);
#               FUZZ=name picks harnesses (FUZZ="json router")

BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
DATA ?= $(or $(DYAD_DATA),$(or $(XDG_DATA_HOME),$(HOME)/.local/share)/dyad)

.PHONY: all deps test check-core run install asan bench fuzz clean
FUZZ_SECONDS ?= 60
FUZZ ?=

all: $(BUILD)/build.ninja
	@ninja -C $(BUILD)

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	@meson setup $(BUILD) --werror >/dev/null || (rm -rf $(BUILD) && false)

test: all
	@scripts/test.sh $(BUILD)

check-core: deps
	@scripts/check-core.sh

run: all
ifeq ($(ARGS),)
	@echo "dyad: open http://127.0.0.1:8080/ in your browser on this machine; Ctrl-C stops the server."
else
	@echo "dyad: starting dyad serve $(ARGS); Ctrl-C stops the server."
endif
	@echo "dyad: to open dyad from a phone on the same network, serve HTTPS on this machine's"
	@echo "dyad: address: see \"Open dyad on your phones\" in README.md (for example"
	@echo "dyad: make run ARGS='--listen 0.0.0.0:8443 --tls-cert FILE --tls-key FILE')."
	@$(BUILD)/dyad --data "$(DATA)" serve $(ARGS)

install: all
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1"
	install -m 0755 $(BUILD)/dyad "$(DESTDIR)$(PREFIX)/bin/dyad"
	install -m 0644 docs/dyad.1 "$(DESTDIR)$(PREFIX)/share/man/man1/dyad.1"

asan: deps
	@test -f build-asan/build.ninja || meson setup build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	@ninja -C build-asan
	@scripts/test.sh build-asan --no-browser

fuzz: deps
	@test -f build-fuzz/build.ninja || CC=clang meson setup build-fuzz --werror -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	@ninja -C build-fuzz fuzzers
	@scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ)

bench: all
	@scripts/install-deps.sh --bench
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
