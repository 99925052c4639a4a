# GovDX Talks. Quick start: `make run`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install install-dev run test lint bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py loaddata talks
	@echo ""
	@echo "  GovDX Talks: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:       http://127.0.0.1:$(PORT)/admin/"
	@echo "  First time?  DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo ""
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks print one table; each is a tests/bench/bench_*.py module.
bench: install-dev
	$(BIN)/python -m tests.bench $(BENCH)

# After adding or changing UI strings: extract the Japanese source strings into
# the English catalogue, translate the new entries, then `make messages` again to
# compile it. Needs GNU gettext (apt-get install gettext); the compiled .mo is
# committed, so running and testing the site do not.
MAKEMESSAGES_IGNORE := --ignore 'tests/*' --ignore 'staticfiles/*' --ignore 'node_modules/*'
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale en --no-obsolete --add-location file $(MAKEMESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale en --ignore '.venv'

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
