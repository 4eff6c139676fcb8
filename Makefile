# Two commands for a newcomer on Debian 12 (as root): `make paper` and `make test`.
# Each installs the Debian packages it is missing, then builds.

SWIFT      ?= swift
BUILD_DEPS := libcmark-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core pkg-config
TEST_DEPS  := $(BUILD_DEPS) tidy poppler-utils chromium
REPORT     := .build/release/report

.PHONY: paper test deps test-deps release clean bench bench-peers bench-scale fuzz

paper: deps release
	$(REPORT) build
	@echo "Open $(CURDIR)/build/index.html"

release:
	$(SWIFT) build -c release --product report

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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
	$(SWIFT) build -c release --product ReportBench
	.build/release/ReportBench --paper paper --csv bench/results/bench.csv

# Jupyter Book 1 and pandoc + matplotlib on the same paper, interleaved run by run.
bench-peers: deps release
	@./scripts/install-debian-packages time pandoc
	@test -x bench/.venv/bin/jupyter-book || { python3 -m venv bench/.venv && bench/.venv/bin/pip install -q "jupyter-book<2" matplotlib pandas; }
	$(SWIFT) build -c release --product ReportBench
	bench/.venv/bin/python bench/bench-peers --report $(REPORT)

# Build time and peak memory of a paper 1x, 10x and 100x ours.
bench-scale: deps release
	@./scripts/install-debian-packages time
	python3 bench/bench-scale --report $(REPORT)
