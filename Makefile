# Sinergi — `make run` serves the app with demo data, `make test` checks the import contracts and
# runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint messages worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/sinergi migrate --noinput
	$(BIN)/sinergi regions_load
	$(BIN)/sinergi demo
	@echo "Sinergi: http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti / to stop)"
	@$(BIN)/sinergi db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/sinergi runserver $(HOST):$(PORT)

worker: install
	$(BIN)/sinergi db_worker

# The slices' import contracts (pyproject.toml, [tool.importlinter]) first, then the suite.
test: install-test
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .

messages: install
	cd sinergi && ../$(BIN)/sinergi makemessages -l en --no-obsolete && ../$(BIN)/sinergi compilemessages

clean:
	rm -rf $(VENV) build *.egg-info
