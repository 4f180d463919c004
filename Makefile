# bioecon — set-up and checks. `make demo` and `make test` are the two commands a new user needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install test lint typecheck pytest demo lock schema docs clean

# npm before the package: the build (setup.py) copies the front-end files it serves from
# node_modules into bioecon/web/static/vendor/, and fails without them.
$(STAMP): pyproject.toml setup.py requirements/lock.txt package.json package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/lock.txt
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check bioecon tests setup.py
	$(BIN)/ruff format --check bioecon tests setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

DEMO_DB ?= sqlite:///$(CURDIR)/demo-data/bioecon-demo.db

# Builds (or reuses) the demo database, then serves the web app at http://$(HOST):$(PORT).
demo: $(STAMP)
	$(BIN)/bioecon --db $(DEMO_DB) demo build
	$(BIN)/bioecon --db $(DEMO_DB) report build-demo --out-dir demo-data/reports
	$(BIN)/bioecon --db $(DEMO_DB) serve --host $(HOST) --port $(PORT) --simulated --public

schema: $(STAMP)
	$(BIN)/bioecon plan schema > schemas/plan.schema.json

docs: $(STAMP) schema
	$(BIN)/python -m bioecon.cli_reference > docs/cli.md
	$(BIN)/python -m bioecon.docs_reference

lock:
	rm -rf /tmp/bioecon-lock && $(PYTHON) -m venv /tmp/bioecon-lock
	/tmp/bioecon-lock/bin/pip install --quiet --upgrade pip
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error  # the build copies from it
	/tmp/bioecon-lock/bin/pip install --quiet -e '.[test,bench]'
	{ echo "# Exact pins of every dependency (runtime and test), installed by 'make install'."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml."; \
	  /tmp/bioecon-lock/bin/pip freeze --all --exclude-editable | grep -v "^pip=="; } > requirements/lock.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build *.egg-info bioecon/web/static/vendor
