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

# The demo runs as users see it: DEBUG off (the product's own error pages), static files served by
# the app, a production WSGI server. Only what a plain-HTTP localhost needs is relaxed: no HTTPS
# redirect, no HSTS, cookies without the Secure flag. The secret key is made once, in var/.
DEMO_ENV = DEBUG=false BANGKOM_DEMO=true SECRET_KEY="$$(cat var/secret-key)" \
  CREDENTIAL_KEY_SECRET="$$(cat var/credential-key)" PUBLIC_BASE_URL=http://127.0.0.1:$(PORT) \
  SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 SECURE_COOKIES=false

var/secret-key: | $(BIN)/python
	@mkdir -p var
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > $@

# Encrypts the certificate signing keys (docs/certificates.md); made once, like the secret key.
var/credential-key: | $(BIN)/python
	@mkdir -p var
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > $@

run: $(VENV)/.installed var/secret-key var/credential-key
	$(DEMO_ENV) $(BIN)/bangkom migrate --no-input
	$(DEMO_ENV) $(BIN)/bangkom load-demo --izinkan-produksi
	$(DEMO_ENV) $(BIN)/bangkom collectstatic --no-input --verbosity 0
	@echo "Bangkom: http://127.0.0.1:$(PORT)/  (Ctrl+C untuk berhenti)"
	@$(DEMO_ENV) $(BIN)/bangkom db_worker --queue-name default > var/worker.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  $(DEMO_ENV) $(BIN)/gunicorn bangkom.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
	    --access-logfile var/access.log

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
	@# The documented production environment (docs/operations.md) passes Django's deploy checks.
	DATABASE_URL=sqlite:///:memory: DEBUG=false ALLOWED_HOSTS=bangkom.example.go.id \
	  SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	  $(BIN)/bangkom check --deploy --fail-level WARNING

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
