# One entry point for people and CI. `make run` and `make test` set up
# everything they need (virtual environment, packages, database, messages).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
# Production-like settings for `check --deploy`; never used to serve, so the
# keys are fixed dummies. HSTS preload is the operator's decision (README).
DEPLOY_ENV := DJANGO_ENV=production \
	SECRET_KEY=check-deploy-only-9f8a7s6d5f4g3h2j1k0l9z8x7c6v5b4n3m2qWERTYUIOP \
	ALLOWED_HOSTS=cities.example.org SITE_URL=https://cities.example.org \
	PERSONAL_DATA_HASH_KEYS=check-deploy-only-hash-key-0123456789abcdef \
	PERSONAL_DATA_ENCRYPTION_KEYS=pZ2T0Vq8o3b0f6n5Y1m0u7d3e9r2k4s6w8y0a1c3e5g= \
	SILENCED_SYSTEM_CHECKS=security.W021

.PHONY: run setup install messages messages-update test test-fast test-browser lint format check \
	demo-password demo-remove bench-pages bench-endorse bench-sign-cpu bench-search bench-api bench-monitoring clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(INSTALLED)

messages: $(INSTALLED)
	cd digitalrights && ../$(PY) ../manage.py compilemessages --verbosity 0

# After adding or changing a user-facing string: update the catalogues,
# then translate the new entries (tests fail on empty or fuzzy ones).
messages-update: install
	cd digitalrights && ../$(PY) ../manage.py makemessages $(foreach code,es ca fr nl,-l $(code)) --no-obsolete

setup: install messages
	$(PY) manage.py migrate --no-input --verbosity 0
	$(PY) manage.py demo_load

run: setup
	scripts/run.sh

demo-password: install
	$(PY) manage.py demo_password

demo-remove: install
	$(PY) manage.py demo_remove

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install messages
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING

test: lint check $(NODE_INSTALLED)
	$(PY) -m pytest

test-fast: install messages
	$(PY) -m pytest -m "not browser"

bench-pages: install $(NODE_INSTALLED)
	$(PY) bench/pages.py

# Needs wrk, PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
bench-endorse: install messages
	$(PY) -m bench.endorse

# Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.
bench-sign-cpu: install messages
	$(PY) -m bench.sign_cpu

# Needs PostgreSQL on 127.0.0.1:5432; loads 100,000 initiatives per database.
bench-search: install messages
	$(PY) -m bench.search

# Needs the database bench-search keeps (BENCH_KEEP=1 make bench-search); reads it only.
bench-api: install messages
	$(PY) -m bench.api

# Needs PostgreSQL on 127.0.0.1:5432; loads 1,000 cities × 10 cycles × 25 indicators.
bench-monitoring: install messages
	$(PY) -m bench.monitoring

clean:
	rm -rf $(VENV) node_modules var
