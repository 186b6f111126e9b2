# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= 2

.PHONY: run test install install-dev e2e-tools messages compilemessages migrate demo lint clean

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The W3C HTML checker of the browser tests (vnu.jar, from npm), when npm is there.
E2E_TOOLS := tests/e2e/tools
VNU_JAR := $(E2E_TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR): $(E2E_TOOLS)/package.json $(E2E_TOOLS)/package-lock.json
	npm ci --prefix $(E2E_TOOLS) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

e2e-tools:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) -s --no-print-directory $(VNU_JAR); \
	else echo "npm not found: the HTML validation test will be skipped"; fi

# Compiled catalogues are committed; rebuild them when gettext is there.
compilemessages: $(VENV)/.installed
	@if command -v msgfmt >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr -l en --ignore=.venv --ignore=staticfiles --no-obsolete

# The links the site writes (emails, feeds, sitemap, the Wagtail Site) point to the address it serves.
run demo migrate: export SITE_URL ?= http://$(HOST):$(PORT)

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content

run: install compilemessages demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev compilemessages e2e-tools
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) staticfiles $(E2E_TOOLS)/node_modules
