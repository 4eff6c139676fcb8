# Two commands for a newcomer on Debian 12 (as root): `make paper` and `make test`.
# Each installs the Debian packages it is missing, then builds.

SWIFT      ?= swift
BUILD_DEPS := libcmark-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core pkg-config
TEST_DEPS  := $(BUILD_DEPS) tidy poppler-utils chromium
REPORT     := .build/release/report

.PHONY: paper test deps test-deps release clean bench bench-peers fuzz

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
