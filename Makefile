# aish — the two commands that matter: `make run` and `make test`.
SWIFT        ?= swift
PREFIX       ?= /usr/local
BUILD_FLAGS  ?=
RUN_ARGS     ?=
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PKGS  := libedit-dev libsqlite3-dev pkg-config tmux
# Release builds link the Swift runtime and Foundation statically: aish starts in a
# tenth of the time and maps a third of the memory (BENCHMARKS.md, issue 16). Every
# module, the dependencies too, reaches the metadata of its concrete generic types
# through accessors rather than by mangled name, which the runtime would demangle
# and check by reading all of the binary's conformance records: a one-shot chat makes
# 84 such reads instead of 127, and spends 2 ms less CPU.
RELEASE_FLAGS ?= -c release --static-swift-stdlib \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
SOURCES      := Package.swift Sources Tests Benchmarks Fuzz

.PHONY: run test bench fuzz fuzz-smoke build release deps format lint clean completions man check-generated \
	install install-files uninstall link-order

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
## then a short fuzzing run (fuzz-smoke), then check that the man page and
## completions match the code and that the sources are `swift format` clean.
test: deps
	@# The PostgreSQL session store's tests start a throwaway cluster of their own.
	@$(MAKE) --no-print-directory deps SYSTEM_PKGS=postgresql
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	@# The log's tail is what CI keeps: on a failure, what failed and what was running go last.
	@{ $(SWIFT) test --skip-build $(BUILD_FLAGS) 2>&1; echo $$? > .build/test-status; } | tee .build/test-output.txt; \
		status=$$(cat .build/test-status); \
		if [ "$$status" != 0 ]; then python3 scripts/test-summary.py .build/test-output.txt; exit $$status; fi
	$(MAKE) fuzz-smoke
	$(MAKE) check-generated
	$(MAKE) lint

MAN_DATE     := 2026-11-26
MAN_OUTPUT   := .build/plugins/GenerateManual/outputs/aish/aish.1
MAN_SECTIONS := man/sections.mdoc
MAN_BUILT    := .build/aish.1
# The plugin writes a generic EXIT STATUS section (`.Ex -std`); the page replaces it
# with man/sections.mdoc (ENVIRONMENT, FILES, EXIT STATUS, EXAMPLES), before AUTHORS.
# Fails when the plugin's page has no EXIT STATUS section to replace. Blank lines of
# help text become paragraph breaks (.Pp; a blank line is an mdoc warning), and
# typographic dashes groff escapes, so the page reads the same on every formatter.
MAN_ASSEMBLE := awk -v sections=$(MAN_SECTIONS) \
	'/^\.Sh "EXIT STATUS"$$/ { while ((getline line < sections) > 0) print line; skip = 1; found = 1; next } \
	 /^\.Sh / { skip = 0 } !skip { print ($$0 == "" ? ".Pp" : $$0) } END { exit !found }' $(MAN_OUTPUT) \
	| sed -e 's/–/\\(en/g' -e 's/—/\\(em/g' -e 's/…/.../g' > $(MAN_BUILT)

## Regenerate the shell completions from the argument parser.
completions: build
	mkdir -p completions
	.build/debug/aish --generate-completion-script bash > completions/aish.bash
	.build/debug/aish --generate-completion-script zsh > completions/_aish
	.build/debug/aish --generate-completion-script fish > completions/aish.fish

## Regenerate man/aish.1 with the argument parser's manual plugin, completed with
## man/sections.mdoc.
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE) --authors "aish developers"
	$(MAN_ASSEMBLE)
	mkdir -p man
	cp $(MAN_BUILT) man/aish.1

## Fails when man/aish.1 or completions/ differ from what the code generates.
check-generated: build
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE) --authors "aish developers" >/dev/null
	@$(MAN_ASSEMBLE)
	@diff -u man/aish.1 $(MAN_BUILT) || (echo "man/aish.1 is stale: run 'make man'" && false)
	@for shell in bash zsh fish; do \
	  case $$shell in bash) f=completions/aish.bash;; zsh) f=completions/_aish;; fish) f=completions/aish.fish;; esac; \
	  .build/debug/aish --generate-completion-script $$shell | diff -u $$f - >/dev/null \
	    || { echo "$$f is stale: run 'make completions'"; exit 1; }; \
	done
	@echo "man page and completions are up to date"

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## Install aish, its man page and its shell completions under $(DESTDIR)$(PREFIX):
## `make install PREFIX=/usr/local` (as root, or with a PREFIX you own). The
## completions go where each shell looks for them by default under PREFIX.
BINARY       ?= .build/release/aish
DESTDIR      ?=
INSTALL      ?= install
INSTALL_ROOT  = $(DESTDIR)$(PREFIX)
INSTALLED    := bin/aish share/man/man1/aish.1 share/bash-completion/completions/aish \
	share/zsh/site-functions/_aish share/fish/vendor_completions.d/aish.fish

install: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product aish
	$(MAKE) install-files BINARY=.build/release/aish

## Only copies (no build): BINARY (default the release build) and the checked-in files.
install-files:
	@test -x "$(BINARY)" || { echo "$(BINARY) is missing: run 'make install', or 'make release' first"; exit 1; }
	$(INSTALL) -d "$(INSTALL_ROOT)/bin" "$(INSTALL_ROOT)/share/man/man1" \
	  "$(INSTALL_ROOT)/share/bash-completion/completions" "$(INSTALL_ROOT)/share/zsh/site-functions" \
	  "$(INSTALL_ROOT)/share/fish/vendor_completions.d"
	$(INSTALL) -m 0755 "$(BINARY)" "$(INSTALL_ROOT)/bin/aish"
	$(INSTALL) -m 0644 man/aish.1 "$(INSTALL_ROOT)/share/man/man1/aish.1"
	$(INSTALL) -m 0644 completions/aish.bash "$(INSTALL_ROOT)/share/bash-completion/completions/aish"
	$(INSTALL) -m 0644 completions/_aish "$(INSTALL_ROOT)/share/zsh/site-functions/_aish"
	$(INSTALL) -m 0644 completions/aish.fish "$(INSTALL_ROOT)/share/fish/vendor_completions.d/aish.fish"

uninstall:
	rm -f $(addprefix "$(INSTALL_ROOT)"/,$(INSTALLED))

## Lay out a release aish's code for the commands users type most: Linking/aish.order,
## which the linker reads (Package.swift). Runs them under valgrind's callgrind against
## `aish mock` and lists the functions they ran (scripts/link-order.py), then relinks
## (SwiftPM does not know the file). Rerun when the code has changed much: a stale
## order costs only locality, never correctness.
link-order: deps
	@$(MAKE) --no-print-directory deps SYSTEM_PKGS="valgrind binutils"
	$(SWIFT) build $(RELEASE_FLAGS) --product aish -Xlinker -Map=.build/aish-link.map
	python3 scripts/link-order.py .build/release/aish .build/aish-link.map Linking/aish.order
	rm -f .build/release/aish .build/aish-link.map
	$(SWIFT) build $(RELEASE_FLAGS) --product aish

## Benchmarks, release mode; prints p50/p99 figures (record them in BENCHMARKS.md).
## curl is part of the benchmark: aish's long replies are compared with its transfer.
bench: deps
	@$(MAKE) --no-print-directory deps SYSTEM_PKGS="curl postgresql"
	$(SWIFT) build $(RELEASE_FLAGS) --product aish
	$(SWIFT) build $(RELEASE_FLAGS) --product BenchHello
	$(SWIFT) build $(RELEASE_FLAGS) --product AishBench
	.build/release/AishBench --aish .build/release/aish --hello .build/release/BenchHello $(BENCH_ARGS)

## Fuzz the SSE decoder, the JSON-RPC decoder, the flat JSON parser, the bulk plan
## reader and the configuration file's outline with libFuzzer
## (Fuzz/README.md): each of FUZZ_TARGETS runs FUZZ_RUNS inputs or FUZZ_SECONDS,
## whichever ends first, on a copy of its seed corpus in .build/fuzz/corpus-*; fails
## on the first crash or broken property (the input is kept as .build/fuzz/*-crash-*).
FUZZ_RUNS    ?= 1000000
FUZZ_SECONDS ?= 120
FUZZ_MAX_LEN ?= 512
FUZZ_TARGETS ?= sse jsonrpc flatjson bulkplan config
FUZZ_DIR     := .build/fuzz
FUZZ_SWIFTC  := swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -use-ld=lld
PROTOCOL_DIR := Sources/AishKit/Protocol
SUPPORT_DIR  := Sources/AishKit/Support
# The AishKit files each harness is compiled with: the code under test and what it needs.
FUZZ_SSE_SOURCES := $(addprefix $(PROTOCOL_DIR)/,SSEDecoder.swift SSEEvent.swift) $(SUPPORT_DIR)/ASCII.swift
FUZZ_FLAT_JSON_SOURCES := \
	$(addprefix $(PROTOCOL_DIR)/,FlatJSONObject.swift FlatJSONParser.swift JSONRPCText.swift JSONScanner.swift JSONStringTemplate.swift \
	  V1StreamEvent.swift V2StreamEvent.swift SSEEvent.swift WireFormatError.swift) \
	$(addprefix $(SUPPORT_DIR)/,ASCII.swift UTF8Validation.swift)
# JSONRPCErrorCode.swift maps codes to AishError, which names TransportKind, and the
# JSON-RPC decoder makes chat events; hence the Transport/Core files.
FUZZ_JSONRPC_SOURCES := \
	$(addprefix $(PROTOCOL_DIR)/,JSONRPCDecoder.swift JSONRPCMessage.swift JSONRPCID.swift \
	  JSONRPCErrorCode.swift JSONRPCText.swift FlatJSONObject.swift FlatJSONParser.swift) \
	$(addprefix $(SUPPORT_DIR)/,ASCII.swift UTF8Validation.swift AishError.swift TLSFailure.swift TerminalText.swift) \
	$(addprefix Sources/AishKit/Transport/Core/,ChatTransport.swift ChatRequest.swift ChatEvent.swift) \
	$(SUPPORT_DIR)/TransportKind.swift
FUZZ_BULK_PLAN_SOURCES := \
	$(addprefix Sources/AishKit/Bulk/,BulkPlan+Parsing.swift BulkJSONParser.swift BulkJSONValue.swift BulkPlan.swift \
	  BulkOperation.swift BulkPlanChecks.swift BulkPlanProblem.swift BulkGraph.swift BulkPlaceholders.swift) \
	$(addprefix $(SUPPORT_DIR)/,ASCII.swift EditDistance.swift)
# AishSettings names TransportKind, SessionAge and Timeouts, and AishError TransportKind.
FUZZ_CONFIG_SOURCES := \
	$(addprefix Sources/AishKit/Config/,ConfigFileOutline.swift ConfigFileLine.swift AishSettings.swift \
	  ProviderBlockParser.swift InlineScanner.swift ProviderSettings.swift ProviderSettings+Checks.swift) \
	$(addprefix $(SUPPORT_DIR)/,AishError.swift TLSFailure.swift TerminalText.swift CloseNames.swift EditDistance.swift BoundedFile.swift \
	  Duration+Seconds.swift HomeFolder.swift PrivateFile.swift ServerURL.swift ProviderURL.swift Trimming.swift) \
	Sources/AishKit/Session/SessionAge.swift \
	$(addprefix Sources/AishKit/Transport/Core/,ChatTransport.swift ChatRequest.swift ChatEvent.swift Timeouts.swift) \
	$(SUPPORT_DIR)/TransportKind.swift

$(FUZZ_DIR)/sse: Fuzz/SSEDecoderFuzz.swift $(FUZZ_SSE_SOURCES)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_SWIFTC) -module-name SSEDecoderFuzz $^ -o $@

$(FUZZ_DIR)/jsonrpc: Fuzz/JSONRPCDecoderFuzz.swift $(FUZZ_JSONRPC_SOURCES)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_SWIFTC) -module-name JSONRPCDecoderFuzz $^ -o $@

$(FUZZ_DIR)/flatjson: Fuzz/FlatJSONFuzz.swift $(FUZZ_FLAT_JSON_SOURCES)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_SWIFTC) -module-name FlatJSONFuzz $^ -o $@

$(FUZZ_DIR)/bulkplan: Fuzz/BulkPlanFuzz.swift $(FUZZ_BULK_PLAN_SOURCES)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_SWIFTC) -module-name BulkPlanFuzz $^ -o $@

$(FUZZ_DIR)/config: Fuzz/ConfigFileFuzz.swift $(FUZZ_CONFIG_SOURCES)
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_SWIFTC) -module-name ConfigFileFuzz $^ -o $@

## A short fuzzing run of every target, for `make test`: FUZZ_SMOKE_RUNS inputs each
## (or FUZZ_SMOKE_SECONDS), enough to catch a harness or parser that traps at once.
FUZZ_SMOKE_RUNS    ?= 20000
FUZZ_SMOKE_SECONDS ?= 20
fuzz-smoke:
	$(MAKE) fuzz FUZZ_RUNS=$(FUZZ_SMOKE_RUNS) FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

fuzz: $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus-$$target && cp Fuzz/corpus/$$target/* $(FUZZ_DIR)/corpus-$$target/; \
	  echo "fuzz $$target: up to $(FUZZ_RUNS) inputs or $(FUZZ_SECONDS) s (log: $(FUZZ_DIR)/$$target.log)"; \
	  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=malloc_context_size=0 $(FUZZ_DIR)/$$target \
	    -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) -dict=Fuzz/$$target.dict \
	    -artifact_prefix=$(FUZZ_DIR)/$$target- -print_final_stats=1 $(FUZZ_DIR)/corpus-$$target \
	    > $(FUZZ_DIR)/$$target.log 2>&1 \
	    || { tail -n 40 $(FUZZ_DIR)/$$target.log; echo "fuzz $$target FAILED: see $(FUZZ_DIR)/$$target-crash-*"; exit 1; }; \
	  grep -E '^#[0-9]+[[:space:]]+DONE|^Done ' $(FUZZ_DIR)/$$target.log; \
	done

format:
	$(SWIFT) format --in-place --recursive $(SOURCES)

lint:
	python3 scripts/check-layers.py
	$(SWIFT) format lint --strict --recursive $(SOURCES)
	@! grep -rnE 'try!|fatalError\(' Sources || (echo "try! or fatalError in Sources" && false)
	@! grep -rnE '\bProcess\(\)|\bPipe\(\)' Sources Tests Benchmarks \
		|| (echo "Foundation's Process crashes now and then on Linux (swift-corelibs-foundation#5472): use SpawnedProcess" && false)

clean:
	rm -rf .build
