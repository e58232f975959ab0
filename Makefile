# Set-up and everyday commands; every target installs what it needs first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format catalogs db seed translations-check clean load bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

catalogs: $(INSTALLED)
	$(BIN)/pybabel compile -d translations 2>&1 | tail -n 1

translations-check: $(INSTALLED)
	FLASK_DEBUG=1 $(FLASK) translate check

db: $(INSTALLED) catalogs
	FLASK_DEBUG=1 $(FLASK) db upgrade
	FLASK_DEBUG=1 $(FLASK) seed

run: db
	FLASK_DEBUG=1 $(FLASK) demo-data
	FLASK_DEBUG=1 $(FLASK) run --host $(HOST) --port $(PORT)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r moderators

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint catalogs translations-check
	$(BIN)/python -m pytest

# A minute of 50 simulated users on gunicorn and PostgreSQL: see benchmarks/README.md.
load: $(INSTALLED) catalogs
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/load.py

# Ten years of data at SCALE (0.1 for a quick run) on SQLite and PostgreSQL, then the figures
# per route on one gunicorn worker: see benchmarks/README.md. Never part of `make test`.
SCALE ?= 1
BENCH_POSTGRES ?= postgresql://postgres@127.0.0.1:5432/bench
bench: $(INSTALLED) catalogs
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/generate.py --scale $(SCALE)
	$(BIN)/python benchmarks/generate.py --scale $(SCALE) --database-url $(BENCH_POSTGRES)
	$(BIN)/python benchmarks/run.py --scale $(SCALE)

clean:
	rm -rf $(VENV) instance translations/*/LC_MESSAGES/*.mo
