# Casebook: `make run` serves the app, `make test` runs every check.
# Both install what they need first and are safe to run again.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
CATALOGS := $(wildcard locale/*/LC_MESSAGES/django.po)
COMPILED := $(CATALOGS:.po=.mo)

.PHONY: run test install install-test messages lint serve

run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Casebook is at http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install-test messages lint
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	@echo "== every benchmark at a tiny size (does it still run?) =="
	$(PY) benchmarks/smoke.py
	@echo "== test suite on SQLite =="
	$(PY) -m pytest
	@echo "== test suite on PostgreSQL =="
	@# The production smoke test starts its own PostgreSQL; it ran in the first pass.
	$(PY) tools/stack.py postgres -- $(PY) -m pytest -m "not production"

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

$(VENV)/.system-run: scripts/system-packages.sh
	scripts/system-packages.sh run
	@mkdir -p $(VENV) && touch $@

$(VENV)/.system-test: scripts/system-packages.sh
	scripts/system-packages.sh test
	@mkdir -p $(VENV) && touch $@

$(VENV)/bin/python: | $(VENV)/.system-run
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt $(VENV)/.system-run | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements.txt requirements-dev.txt $(VENV)/.installed-run $(VENV)/.system-test
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

messages: $(COMPILED)

%.mo: %.po
	msgfmt --check-format -o $@ $<
