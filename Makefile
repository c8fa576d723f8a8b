# Two commands do all the set-up: `make run` opens the app, `make test` runs every test.
# Both create .venv themselves from the project's own files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format bench screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/companion

lint: $(VENV)/.installed-test
	$(BIN)/ruff check companion ui tests bench resources
	$(BIN)/ruff format --check companion ui tests bench resources

format: $(VENV)/.installed-test
	$(BIN)/ruff format companion ui tests bench resources
	$(BIN)/ruff check --fix companion ui tests bench resources

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

screenshots: $(VENV)/.installed
	$(BIN)/python -m ui.screenshots docs/screenshots

bench: $(VENV)/.installed-test
	$(BIN)/python bench/vault_bench.py
	$(BIN)/python bench/export_bench.py
	$(BIN)/python bench/attach_bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
