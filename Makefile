# Two commands do all the set-up: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test lint quick screenshots build site bench clean

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The project itself, so that MkDocs finds the reader plugin (its entry point).
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

## serve: install, then preview the site at http://127.0.0.1:8000 (reloads on edits to seeds/ and annotations/;
## --dirty: a rebuild builds only the pages an edit changed, see reader/engines/preview.py)
serve: $(BIN)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve --dirty

## test: install, then check lint, format and types, and run every test
test: $(BIN)/.installed lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

## quick: the everyday subset, under a minute: no whole-site build, no browser
quick: $(BIN)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -m "not slow and not browser"

## screenshots: take the README's screenshots afresh (desktop and 360 px) into screenshots/
screenshots: $(BIN)/.installed
	READER_SCREENSHOTS=$(CURDIR)/screenshots NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -m browser -k sideways

## lint: ruff's lint and format check, and mypy (strict on reader/), as configured in pyproject.toml
lint: $(BIN)/.installed
	$(BIN)/ruff check --no-cache reader tests bench build_site.py
	$(BIN)/ruff format --no-cache --check reader tests bench build_site.py
	$(BIN)/mypy

## build: build the static site into site/, replacing it only if the build succeeds
build: $(BIN)/.installed
	$(BIN)/python build_site.py site

## bench: time the pipeline and the full build
bench: $(BIN)/.installed
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf site $(VENV)
