# `make demo` and `make test` work from a fresh clone: each sets up what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CSS := sendsupport/static/dist/sendsupport.css
PYTEST_ARGS ?=
PORT ?= 8000

.PHONY: setup demo test test-browser lint bench clean

setup: $(VENV)/.installed node_modules/.installed $(CSS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

$(CSS): node_modules/.installed sendsupport/assets/sendsupport.scss
	npm run --silent build:css

demo: setup
	SENDSUPPORT_MODE=development $(BIN)/sendsupport demo --port $(PORT)

test: setup
	SENDSUPPORT_MODE=test $(BIN)/pytest $(PYTEST_ARGS)

test-browser: setup
	SENDSUPPORT_MODE=test SENDSUPPORT_REQUIRE_BROWSER=1 $(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check sendsupport tests bench

bench: setup
	SENDSUPPORT_MODE=development $(BIN)/python bench/register.py

clean:
	rm -rf $(VENV) node_modules sendsupport/static/dist staticfiles
