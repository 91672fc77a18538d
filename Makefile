# Two commands for a fresh machine: `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app quizapp
STAMP := $(VENV)/.stamp-install
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_ARGS ?=

.PHONY: install run test lint browser-deps bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's chromium drives the browser tests; install it when missing and we may (root, apt-get).
browser-deps:
	@bash .ci/ensure-browser-deps.sh

test: $(STAMP) browser-deps
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check quizapp tests bench

bench: $(STAMP)
	$(PY) bench/qg_bench.py

clean:
	rm -rf $(VENV) .pytest_cache artifacts
