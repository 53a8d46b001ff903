# Bangkom: two commands. `make run` serves the demo; `make test` checks everything.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint types migrations-check test-sqlite test-postgres test-browser bench messages chromium clean-var

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/bangkom migrate --no-input
	$(BIN)/bangkom load-demo
	$(BIN)/bangkom collectstatic --no-input --verbosity 0
	@echo "Bangkom: http://127.0.0.1:$(PORT)/  (Ctrl+C untuk berhenti)"
	@$(BIN)/bangkom db_worker --queue-name default > var/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/bangkom runserver 127.0.0.1:$(PORT) --noreload

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

types: $(VENV)/.installed-dev
	$(BIN)/mypy bangkom tests bench

migrations-check: $(VENV)/.installed-dev
	DATABASE_URL=sqlite:///:memory: $(BIN)/bangkom makemigrations --check --dry-run

# Two workers: the machines here have two cores.
PYTEST_WORKERS ?= 2

test-sqlite: $(VENV)/.installed-dev
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest -m "not browser" -q -n $(PYTEST_WORKERS)

test-postgres: $(VENV)/.installed-dev
	scripts/with-postgres $(BIN)/pytest -m "not browser" -q -n $(PYTEST_WORKERS)

test-browser: $(VENV)/.installed-dev chromium
	DATABASE_URL=sqlite:///:memory: DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser -q

test: lint types migrations-check test-sqlite test-postgres test-browser
	@echo "make test: semua pemeriksaan lulus"

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

messages: $(VENV)/.installed-dev
	cd bangkom && ../$(BIN)/bangkom makemessages -l en --no-obsolete --ignore 'tests/*' --ignore '*/tests/*' && ../$(BIN)/bangkom compilemessages -l en
