# Two commands for a newcomer on Debian 12 (as root): `make paper` and `make test`.
# Each installs the Debian packages it is missing, then builds.

SWIFT      ?= swift
# Everything the build links is reachable from BUILD_DEPS: scripts/check-link-packages
# fails `make paper` and `make test` otherwise. libcurl4-openssl-dev is for `report-http`
# only (the HTTP server of `report serve`, whose FoundationNetworking needs libcurl);
# `report` itself links no HTTP client.
BUILD_DEPS := libcmark-dev libcairo2-dev libpango1.0-dev zlib1g-dev libssl-dev libcurl4-openssl-dev fonts-dejavu-core pkg-config
TEST_DEPS  := $(BUILD_DEPS) tidy poppler-utils chromium
REPORT     := .build/release/report

.PHONY: paper test deps test-deps release clean bench bench-peers bench-scale fuzz sanitize measure measure-venv

paper: deps release
	$(REPORT) build
	@echo "Open $(CURDIR)/build/index.html"

# `report` with the Swift runtime and Foundation linked statically (a run starts faster:
# see README, Performance), and `report-http`, the server `report serve` starts. Both with
# the same flags, so the second build reuses the first one's modules.
release:
	$(SWIFT) build -c release --product report --static-swift-stdlib
	$(SWIFT) build -c release --product report-http --static-swift-stdlib
	@./scripts/check-link-packages $(REPORT)
	@./scripts/check-link-packages .build/release/report-http

# The suite runs as five processes beside the harness's test (scripts/run-tests says
# why not in-process parallelism); the debug build optimises the figure and analysis
# code (Package.swift), which the tests exercise most.
test: test-deps
	@./scripts/check-tracked-sizes
	$(SWIFT) build --build-tests
	./scripts/run-tests

deps:
	@./scripts/install-debian-packages $(BUILD_DEPS)

test-deps:
	@./scripts/install-debian-packages $(TEST_DEPS)

clean:
	rm -rf .build build

# Benchmarks (not part of `make test`); results go to bench/results/ (git-ignored).
# `time` (GNU time) measures each child process's own peak memory.
bench: deps release
	@./scripts/install-debian-packages time
	$(SWIFT) build -c release --product ReportBench --static-swift-stdlib
	.build/release/ReportBench --paper paper --csv bench/results/bench.csv

# Jupyter Book 1 and pandoc + matplotlib on the same paper, interleaved run by run.
bench-peers: deps release
	@./scripts/install-debian-packages time pandoc
	@test -x bench/.venv/bin/jupyter-book || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q "jupyter-book<2" matplotlib pandas; }
	$(SWIFT) build -c release --product ReportBench --static-swift-stdlib
	bench/.venv/bin/python bench/bench-peers --report $(REPORT)

# Build time and peak memory of a paper 1x, 10x and 100x ours.
bench-scale: deps release
	@./scripts/install-debian-packages time
	python3 bench/bench-scale --report $(REPORT)

# Fuzzing (not part of `make test`): each libFuzzer target (pages, BibTeX, networks.csv)
# for FUZZ_SECONDS; findings go to fuzz/crashers/. See fuzz/README.md.
FUZZ_SECONDS ?= 600
fuzz: deps
	./fuzz/run $(FUZZ_SECONDS)

# The whole test suite under AddressSanitizer, then ThreadSanitizer, each in its own build
# folder (the `report` binary the tests run is instrumented too). The suppression files
# name the only known leaks, inside fontconfig and pango, and say why.
sanitize: test-deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/sanitize-address
	LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/sanitizers/lsan.supp:print_suppressions=0 \
		$(SWIFT) test --skip-build --no-parallel --sanitize=address --scratch-path .build/sanitize-address
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/sanitize-thread
	TSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/sanitizers/tsan.supp \
		$(SWIFT) test --skip-build --no-parallel --sanitize=thread --scratch-path .build/sanitize-thread

# Measurements on this machine with ONNX Runtime (not part of `make paper`: a build only
# reads them). Results: paper/data/measurements/MACHINE.csv; see measure/README.md.
# Interrupt at will: networks done are kept. A subset: BATCHES=1,2,4 NETWORKS="resnet-18".
BATCHES  ?= 1,2,4,8,16,32,64
NETWORKS ?=
measure: deps release measure-venv
	$(REPORT) measure --batches $(BATCHES) $(NETWORKS)

measure-venv:
	@./scripts/install-debian-packages python3 python3-venv
	@test -x measure/.venv/bin/python || python3 -m venv measure/.venv
	@measure/.venv/bin/python -c "import onnx, onnxruntime, numpy" 2>/dev/null || measure/.venv/bin/pip install -q -r measure/requirements.txt
