# The two commands a newcomer needs:
#   make run    the web application with the demo data at http://127.0.0.1:8000 (PORT=… to change)
#   make test   the whole test suite, on SQLite and on PostgreSQL
# Everything else here is what those two need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test install messages lint test-sqlite test-postgres

run: install messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo --if-changed
	@echo "Teixit: http://$(HOST):$(PORT)/  (demo accounts: see README.md)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install messages lint
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Test suite on SQLite"
	DATABASE_URL=sqlite:///var/test.sqlite3 $(PY) manage.py test --parallel 2 --noinput

test-postgres:
	@scripts/ensure-postgres "$(TEST_DATABASE_URL)"
	@echo "== Test suite on PostgreSQL"
	DATABASE_URL=$(TEST_DATABASE_URL) $(PY) manage.py test --parallel 2 --noinput

lint:
	$(VENV)/bin/ruff check .

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt package.json package-lock.json scripts/bootstrap
	@scripts/bootstrap "$(PYTHON)" "$(VENV)"
	@touch $@

messages: install
	@$(PY) manage.py compilemessages --ignore "$(VENV)" -v0
