# putright: `make demo` serves a demo council; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test test-postgres lint typecheck format messages browser bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# The installed `putright` command runs the production settings unless told otherwise.
demo lint messages bench: export PUTRIGHT_ENV = development
# The demo is for trying putright out: its error pages are the council's, not Django's debug
# pages with the settings (`make demo DEBUG=1` for those).
demo: export DEBUG ?= 0

demo: install
	$(BIN)/putright migrate --noinput
	$(BIN)/putright demo --if-empty
	$(BIN)/putright demo_users
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/putright runserver --noreload $(HOST):$(PORT)

browser:
	@bash scripts/ensure-browser.sh

test: install browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (DATABASE_URL must point at a server).
test-postgres: install browser
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/putright makemigrations --check --dry-run

# mypy with django-stubs (configured in pyproject.toml) on the services, selectors, the
# stage lifecycle, statistics, imports and reporting: these must stay at 0 errors.
TYPECHECK_PATHS := \
	putright/complaints/lifecycle.py \
	putright/complaints/services \
	putright/complaints/selectors.py \
	putright/ombudsman/services.py \
	putright/ombudsman/selectors.py \
	putright/notifications/services.py \
	putright/audit/services.py \
	putright/api/services.py \
	putright/statistics \
	putright/imports \
	putright/reporting \
	putright/selfassessment \
	putright/accounts \
	putright/signin \
	putright/core \
	putright/complaints/letters.py \
	putright/correspondence \
	putright/privacy \
	putright/publication/services.py \
	putright/publication/selectors.py \
	putright/inbox \
	putright/transfer

typecheck: install
	$(BIN)/mypy $(TYPECHECK_PATHS)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the Welsh catalogue from the marked strings (needs GNU gettext's xgettext and
# msgmerge). Run inside the package so only its own files are read.
# Refresh the Welsh catalogue from the code, then compile it: the compiled django.mo is
# committed, as a fresh machine has no msgfmt (docs/running/languages.md).
messages: install
	cd putright && $(abspath $(BIN))/putright makemessages -l cy --add-location=file --no-obsolete -i tests
	cd putright && $(abspath $(BIN))/putright compilemessages -l cy

bench: install
	$(BIN)/python bench/import_bench.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
