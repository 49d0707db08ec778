# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: run test lint format messages browser clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)

run: export DJANGO_DEBUG ?= 1
# The demo users sign in with the password alone; every page shows a "demo" banner meanwhile.
run: export DJANGO_REQUIRE_2FA ?= 0
run: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "SLT runs at http://127.0.0.1:$(PORT)/ with a Celery worker and beat. Ctrl-C stops all."
	@$(BIN)/celery -A slt worker --beat --loglevel=warning --concurrency=1 & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else echo "Install Debian's chromium package (sudo apt-get install chromium) for the browser tests."; exit 1; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the translation catalogues after changing strings (needs GNU gettext).
messages: export DJANGO_DEBUG ?= 1
messages: $(STAMP)
	$(MANAGE) makemessages --locale nb --no-location --no-wrap --ignore '.venv/*' --ignore 'var/*' --ignore 'static/vendor/*' --no-obsolete
	$(MANAGE) makemessages --domain djangojs --locale nb --no-location --no-wrap --ignore '.venv/*' --ignore 'var/*' \
		--ignore 'static/vendor/*' --ignore 'tests/*' --ignore 'node_modules/*' --no-obsolete
	$(MANAGE) compilemessages --locale nb --ignore '.venv/*'

clean:
	rm -rf $(VENV) var/db.sqlite3 var/celery var/static
