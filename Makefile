# aish — the two commands that matter: `make run` and `make test`.
SWIFT        ?= swift
PREFIX       ?= /usr/local
BUILD_FLAGS  ?=
RUN_ARGS     ?=
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PKGS  := libedit-dev libsqlite3-dev pkg-config tmux
SOURCES      := Package.swift Sources Tests Benchmarks

.PHONY: run test bench build release deps format lint clean completions man check-generated

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

## Run every test: unit, mock server, end-to-end (the real binary over real sockets),
## then check that the man page and completions match the code and that the
## sources are `swift format` clean.
test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)
	$(MAKE) check-generated
	$(MAKE) lint

MAN_DATE     := 2026-11-26
MAN_OUTPUT   := .build/plugins/GenerateManual/outputs/aish/aish.1

## Regenerate the shell completions from the argument parser.
completions: build
	mkdir -p completions
	.build/debug/aish --generate-completion-script bash > completions/aish.bash
	.build/debug/aish --generate-completion-script zsh > completions/_aish
	.build/debug/aish --generate-completion-script fish > completions/aish.fish

## Regenerate man/aish.1 with the argument parser's manual plugin.
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE) --authors "aish developers"
	mkdir -p man
	cp $(MAN_OUTPUT) man/aish.1

## Fails when man/aish.1 or completions/ differ from what the code generates.
check-generated: build
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE) --authors "aish developers" >/dev/null
	@diff -u man/aish.1 $(MAN_OUTPUT) || (echo "man/aish.1 is stale: run 'make man'" && false)
	@for shell in bash zsh fish; do \
	  case $$shell in bash) f=completions/aish.bash;; zsh) f=completions/_aish;; fish) f=completions/aish.fish;; esac; \
	  .build/debug/aish --generate-completion-script $$shell | diff -u $$f - >/dev/null \
	    || { echo "$$f is stale: run 'make completions'"; exit 1; }; \
	done
	@echo "man page and completions are up to date"

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
