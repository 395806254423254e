# ecoute — build, run and test. `make run` and `make test` work on a fresh machine: the system
# packages they need are installed here if missing (Debian, as root or with sudo).

SWIFT ?= swift
# Release builds link the Swift runtime and Foundation statically: a command starts about 3 ms
# sooner (docs/benchmarks.md) and the installed binary needs no Swift runtime on the host.
# Linked by lld with packed relative relocations (DT_RELR: 24 KB for 122,000 relocations instead
# of 2.9 MB to read at every start; glibc 2.36, Debian 12, or later) and without exporting every
# symbol (SwiftPM's --export-dynamic: 40,000 names that the loader and dladdr search at start).
# Position-independent, so the binary itself is placed at random like its libraries, heap and
# stack: a position-dependent link (-no-pie) starts about 1 ms sooner (docs/benchmarks.md), not
# worth a fixed address for the code of a program that holds calls under medical secrecy.
# Every module is compiled without metadata access by mangled name
# (-disable-concrete-type-metadata-mangled-name-accessors): the runtime otherwise demangles a
# generic type at its first use and checks each of its requirements by a scan of the binary's
# 9,400 protocol conformances.
# The C++ library the Swift runtime uses is linked statically as well (the GCC Runtime Library
# Exception allows it): loaded as a shared library, it made every start resolve 1,700 symbols of
# its own, about a tenth of a cold `directory search` (docs/benchmarks.md). SwiftPM's static link
# asks for -lstdc++ itself, so `static-libstdc++` writes a linker script named libstdc++.so that
# gives the linker the archive, in a folder searched before the system's.
RELEASE ?= -c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xswiftc -Xclang-linker -Xswiftc -L$(CURDIR)/.build/static-libstdc++ \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
BIN := .build/debug/ecoute
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# postgresql: the tests start a throwaway cluster of their own (initdb in a temporary folder,
# socket only, stopped when they end) to run the store contract suite and the access tests on it.
SYSTEM_PACKAGES := libncurses-dev libsqlite3-dev tmux man-db postgresql

.PHONY: all resolve build run demo board test bench bench-quick bench-tools snapshots deps demo-data clean install uninstall manual static-libstdc++

PREFIX ?= /usr/local
DESTDIR ?=
MANUAL := .build/plugins/GenerateManual/outputs/ecoute/ecoute.1

all: build

# Installs the C libraries, tmux (end-to-end tests) and PostgreSQL (platform tests) when missing.
deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Package.resolved pins the dependencies (committed: an application pins them). On a machine whose
# package sources lack a pinned revision, that is said and Package.swift's versions are resolved again.
resolve:
	@$(SWIFT) package resolve >/dev/null 2>&1 || { \
		echo "Package.resolved: a pinned revision is missing from this machine's package sources; resolving Package.swift's versions again." >&2; \
		rm -f Package.resolved; $(SWIFT) package resolve; }

build: deps resolve
	$(SWIFT) build

# Opens the console on the default database ($$XDG_DATA_HOME/ecoute/ecoute.sqlite), created
# and seeded from Resources/ on first start. Extra options: make run ARGS="--lang en".
run: build
	$(BIN) $(ARGS)

# Training mode on scripted calls, on a temporary database (never the real one).
# Extra options: make demo ARGS="--scenario 04-infirmiere-nuit-epuisement --speed 5".
demo: build
	$(BIN) demo $(ARGS)

# The supervisors' live board on the default database (as a supervisor: see `ecoute operator`).
board: build
	$(BIN) board $(ARGS)

# The man page, generated from the command definitions by swift-argument-parser's plugin, on the
# debug build (the plugin defaults to building the whole package in release: minutes, for the same text).
manual:
	$(SWIFT) package generate-manual --configuration debug >/dev/null

# The linker script that sends the release link's -lstdc++ to the static archive (see RELEASE),
# written again at each release build: it names the archive of the compiler installed now.
# The archive comes with the C++ development files the Swift toolchain requires (Debian 12:
# libstdc++-12-dev), installed here if missing.
static-libstdc++:
	@clang="$$(dirname "$$(command -v $(SWIFT))")/clang"; \
	archive=$$("$$clang" -print-file-name=libstdc++.a); \
	case "$$archive" in /*) ;; *) \
		gcc=$$("$$clang" -v 2>&1 | sed -n 's|^Selected GCC installation: .*/||p'); \
		echo "Installing libstdc++-$$gcc-dev (the C++ library's archive, for the release link)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq "libstdc++-$$gcc-dev"; \
		archive=$$("$$clang" -print-file-name=libstdc++.a);; \
	esac; \
	case "$$archive" in /*) ;; *) echo "libstdc++.a not found: install the C++ development files of this system's GCC (Debian 12: apt-get install libstdc++-12-dev)." >&2; exit 1;; esac; \
	mkdir -p .build/static-libstdc++ && \
	printf '/* Written by make (Makefile, RELEASE): -lstdc++ in a release link is the static archive. */\nINPUT(%s)\n' "$$archive" \
	  > .build/static-libstdc++/libstdc++.so

# Installs the release binary, its resources, the man page, completions and docs under
# $(DESTDIR)$(PREFIX) (make install PREFIX=/usr/local, DESTDIR for packagers).
install: deps static-libstdc++
	$(SWIFT) build $(RELEASE) --product ecoute
	$(MAKE) manual
	scripts/install-files.sh .build/release $(MANUAL) $(PREFIX) $(DESTDIR)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ecoute $(DESTDIR)$(PREFIX)/share/man/man1/ecoute.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/ecoute $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_ecoute \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/ecoute.fish
	rm -rf $(DESTDIR)$(PREFIX)/share/ecoute $(DESTDIR)$(PREFIX)/share/doc/ecoute

# --build-tests builds the executable too (the end-to-end tests drive it).
test: deps resolve
	$(SWIFT) build --build-tests
	$(MAKE) manual
	ECOUTE_BIN=$(CURDIR)/$(BIN) ECOUTE_MANUAL=$(CURDIR)/$(MANUAL) $(SWIFT) test --no-parallel

# The directory at national scale (200,000 entries) against bare SQLite and the sqlite3 shell;
# rewrites docs/benchmarks.md. Release build; takes a few minutes. BENCH_ARGS="--entries 50000".
bench: bench-tools static-libstdc++
	$(SWIFT) build $(RELEASE) --product ecoute-bench
	$(SWIFT) build $(RELEASE) --product ecoute
	.build/release/ecoute-bench --output docs/benchmarks.md $(BENCH_ARGS)

# The same, small (20,000 entries, a 100,000-line register, 10,000 calls), printed only: about a minute.
bench-quick: bench-tools static-libstdc++
	$(SWIFT) build $(RELEASE) --product ecoute-bench
	$(SWIFT) build $(RELEASE) --product ecoute
	.build/release/ecoute-bench --entries 20000 --large-entries 50000 --iterations 300 --register-lines 100000 --calls 10000 --command-runs 3 \
	  --platform-saves 500 --platform-consoles 20 --platform-seconds 10 --restart-consoles 10 --restart-seconds 20 --restart-outage 3 --restart-floor-saves 5

# The floors the benchmarks compare with: the sqlite3 shell, and GNU time for peak memory.
bench-tools: deps
	@command -v sqlite3 >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq sqlite3; }
	@test -x /usr/bin/time || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq time; }

# Rewrites every screen snapshot after an intended change; review the diff before committing.
snapshots: build
	ECOUTE_RECORD_SNAPSHOTS=1 $(SWIFT) test --filter SnapshotTests

# Regenerates the sample directory shipped in Resources/ (deterministic).
demo-data: build
	$(BIN) directory generate --entries 1200 --seed 1 -o Resources/directory/sample-directory.csv

clean:
	rm -rf .build
