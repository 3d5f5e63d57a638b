# aish — the two commands that matter: `make run` and `make test`.
SWIFT        ?= swift
PREFIX       ?= /usr/local
BUILD_FLAGS  ?=
RUN_ARGS     ?=
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PKGS  := libedit-dev libsqlite3-dev pkg-config tmux
SOURCES      := Package.swift Sources Tests Benchmarks

.PHONY: run test bench build release deps format lint clean install completions man

## Install the Debian packages aish builds against, when missing.
deps:
	@missing=""; for p in $(SYSTEM_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

## Build and start aish against the built-in mock server.
run: build
	$(SWIFT) run $(BUILD_FLAGS) aish --mock $(RUN_ARGS)

## Run every test: unit, mock server, end-to-end (the real binary over real sockets).
test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release

## Benchmarks, release mode; prints p50/p99 figures (record them in BENCHMARKS.md).
bench: deps
	$(SWIFT) build -c release --product aish
	$(SWIFT) build -c release --product AishBench
	$(SWIFT) run -c release --skip-build AishBench --aish .build/release/aish

format:
	$(SWIFT) format --in-place --recursive $(SOURCES)

lint:
	$(SWIFT) format lint --strict --recursive $(SOURCES)
	@! grep -rnE 'try!|fatalError\(' Sources || (echo "try! or fatalError in Sources" && false)

clean:
	rm -rf .build
