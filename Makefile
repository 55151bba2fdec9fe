# The README's commands. `make run` and `make test` work on a fresh machine: they create .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?= -n auto

.PHONY: run test lint ci

# Reinstall when a requirements file changes; `python3 -m venv` leaves an existing venv in place.
$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# The demo runs with DEBUG=1 (the development SECRET_KEY, the demo logins); production sets DEBUG=0.
run: export DEBUG = 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_lakip demo/*.lakip.json
	$(BIN)/python manage.py create_demo_admin
	@echo "Buka http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	@# The PDF worker runs beside the server and stops with it (Ctrl+C, or the server failing to start).
	@$(BIN)/python manage.py lakip_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

ci: lint test
