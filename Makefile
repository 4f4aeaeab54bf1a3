# The portal's everyday commands. `make run` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: help run worker serve test test-fast lint format install clean-local bench bench-pages bench-jobs bench-import bench-slow-clients soak audit audit-tools
.DEFAULT_GOAL := help

help: ## List the targets and what they do (what `make` alone does)
	@echo "Usage: make <target>"
	@awk '/^[a-zA-Z_-]+:.*## / { split($$0, part, "## "); sub(/:.*/, "", part[1]); \
		printf "  %-12s %s\n", part[1], part[2] }' $(MAKEFILE_LIST)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed ## Create .venv and install the portal with its test tools

# Local settings of `make run` and `make worker`: links in mails lead to this server, and
# mail is written under var/mail/.
RUN_ENV = DEBUG=true SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"

run: install ## Migrate, set up the roles, load the demo content, print a local admin account, serve on PORT (default 8000) with a job worker beside it
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py sync_roles
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py rebuild_search_index
	$(RUN_ENV) $(PY) manage.py local_admin --port $(PORT)
	@echo "Messages envoyés (mot de passe oublié…) : un fichier par envoi dans var/mail/"
	@# The worker runs beside the server and stops with it (Ctrl+C, or the server ending).
	$(RUN_ENV) $(PY) manage.py db_worker --no-reload --interval 0.5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install ## Run the job worker alone (PDF text, mail), with the local settings of `make run`
	$(RUN_ENV) $(PY) manage.py db_worker --no-reload --interval 0.5

# Production settings on this machine, over plain HTTP on loopback; each can be overridden
# from the environment (or .env). The secret key is made once and kept in var/.
SERVE_ENV = DEBUG=false SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}" \
	CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-false}" \
	SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}"

serve: install ## Serve with production settings under gunicorn on PORT (default 8000): static files, migrations, then gunicorn
	@mkdir -p var && test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py sync_roles
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

# The validators some tests run (the Nu HTML checker, the sitemap schema) come from npm:
# installed with the suite where npm is there; elsewhere those tests say so and skip (under
# CI they fail).
TEST_TOOLS := install $(if $(shell command -v npm 2>/dev/null),audit-tools)

test: $(TEST_TOOLS) ## Run the whole test suite (set DATABASE_URL to run it on PostgreSQL)
	$(PY) -m pytest

test-fast: $(TEST_TOOLS) ## The inner loop: every test but those starting servers or a browser (markers in tests/conftest.py)
	$(PY) -m pytest -m "not servers and not browser"

bench: install ## Search benchmark on PostgreSQL: 100 000 items (BENCH_DATABASE_URL, default cuf_bench)
	$(PY) bench/search.py

bench-pages: install ## Page benchmark under gunicorn, cold and cached: the demo on SQLite, then 100 000 items on PostgreSQL
	$(PY) bench/pages.py

bench-jobs: install ## Jobs benchmark: upload and reset answer times, then the worker's time on crafted and normal PDFs
	$(PY) bench/jobs.py

bench-slow-clients: install ## Slow-client benchmark: pages while 6 clients send a body a byte a second (gunicorn alone, behind nginx before and now)
	$(PY) bench/slow_clients.py

soak: install ## Soak test (30 min; MINUTES=3 for a short one): nginx, 2 app servers, its own PostgreSQL and Redis restarted midway, the worker; stale pages, statuses, memory
	$(PY) bench/soak.py --minutes $(or $(MINUTES),30)

bench-import: install ## SPIP import benchmark: 10 000 articles, 20 000 documents from MariaDB into SQLite (BENCH_DATABASE_URL for PostgreSQL)
	$(PY) bench/import_spip.py

VALIDATORS := tools/validators

$(VALIDATORS)/node_modules/.installed: $(VALIDATORS)/package.json $(VALIDATORS)/package-lock.json
	npm ci --prefix $(VALIDATORS) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

audit-tools: $(VALIDATORS)/node_modules/.installed ## Install the audit's validators from npm (vnu-jar, sitemap's schema) into tools/validators/

audit: install audit-tools ## Audit a fresh demo portal: Nu HTML checker, feeds, calendars, sitemap schema, structured data, axe (needs Java 17 and Chromium)
	$(PY) tools/audit.py

lint: install ## Lint and check formatting
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean-local: ## Remove the local database and uploaded files (var/)
	rm -rf var
