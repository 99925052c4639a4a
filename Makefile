# GovDX Talks. Quick start: `make run`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install install-dev run test test-js lint bench messages clean node-tools a11y-results

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

# ESLint (lint), the Nu HTML Checker (tests) and Lighthouse (bench), pinned in
# package-lock.json.
# --ignore-scripts: vnu-jar's install script would fetch a Java of its own.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Without npm, ESLint, the HTML-checker tests and the Lighthouse bench say they
# were skipped.
node-tools:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm not found: ESLint, HTML checker tests and Lighthouse will be skipped (install Node.js 20+ and npm)"; fi

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py loaddata talks --if-empty
	@echo ""
	@echo "  GovDX Talks: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:       http://127.0.0.1:$(PORT)/admin/"
	@echo "  First time?  DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser"
	@echo ""
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite in parallel on every core (pytest-xdist), then the browser tests
# on their own: they drive one Chromium against a live server each and are
# timing-sensitive, so they do not compete with the rest for the CPU.
# PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= auto
# Both parts always run; the target fails if either did.
test: install-dev node-tools
	@status=0; \
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --ignore=tests/browser $(PYTEST_ARGS) || status=$$?; \
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS) || status=$$?; \
	exit $$status

# The scripts' unit tests alone (make test runs them too, in tests/test_javascript.py).
test-js:
	node --test tests/js/*.test.js

# Rerun the browser and checker tests and record their results for the
# accessibility statement (/about/accessibility/); commit the file it writes.
a11y-results: install-dev node-tools
	GOVDX_REQUIRE_TOOLS=1 GOVDX_A11Y_RESULTS=summaries/data/accessibility_results.json \
		$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

# Benchmarks print one table; each is a tests/bench/bench_*.py module.
bench: install-dev node-tools
	$(BIN)/python -m tests.bench $(BENCH)

# After adding or changing UI strings: extract the Japanese source strings into
# the English catalogues (django.po; djangojs.po for the admin's scripts),
# translate the new entries, then `make messages` again to compile them. Needs GNU gettext (apt-get install gettext); the compiled .mo is
# committed, so running and testing the site do not.
MAKEMESSAGES_IGNORE := --ignore 'tests/*' --ignore 'staticfiles/*' --ignore 'node_modules/*'
messages: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale en --no-obsolete --add-location file $(MAKEMESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale en --domain djangojs --no-obsolete --add-location file $(MAKEMESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale en --ignore '.venv'

# ESLint checks the scripts (eslint.config.js); with GOVDX_REQUIRE_TOOLS=1, as in
# CI, a missing ESLint fails the target instead of skipping it.
lint: install-dev node-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if [ -x node_modules/.bin/eslint ]; then node_modules/.bin/eslint --max-warnings 0 .; \
	elif [ -n "$$GOVDX_REQUIRE_TOOLS" ] && [ "$$GOVDX_REQUIRE_TOOLS" != 0 ]; then \
		echo "GOVDX_REQUIRE_TOOLS is set and ESLint is missing: install Node.js 20+ and npm"; exit 1; \
	else echo "ESLint skipped: npm not found (install Node.js 20+ and npm)"; fi

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
