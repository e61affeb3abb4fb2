# `make run` sets everything up and serves the site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
# Learners sitting the exam at once in `make bench` (e.g. `make bench EXAM_LEARNERS=500`).
EXAM_LEARNERS ?= 200
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run setup test e2e bench lint format messages check-translations clean

run: setup
	@echo "Đang chạy tại http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.runtime
	$(PY) scripts/compile_translations.py
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py seed_demo

test: $(VENV)/.dev
	$(PY) scripts/compile_translations.py
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: $(VENV)/.dev
	$(PY) scripts/compile_translations.py
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

bench: $(VENV)/.dev
	$(PY) scripts/compile_translations.py
	$(PY) bench/run.py --exam-learners $(EXAM_LEARNERS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh locale/vi/LC_MESSAGES/*.po from the source (then translate, no fuzzy).
messages: $(VENV)/.dev
	$(PY) manage.py makemessages --locale vi --no-obsolete --ignore ".venv/*" --ignore "static/*" --ignore "bench/*" --ignore "tests/*"
	$(PY) manage.py makemessages --domain djangojs --locale vi --no-obsolete --ignore ".venv/*" --ignore "static/*" --ignore "themes/static/vendor/*"

check-translations: $(VENV)/.dev
	$(PY) scripts/check_translations.py

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cần Python 3.11 trở lên (Python 3.11+ is required)")'
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.runtime: $(VENV)/.python requirements.txt
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

clean:
	rm -rf $(VENV) static .test-media .test-db.sqlite3* .pytest_cache
