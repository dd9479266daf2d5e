# The International Affairs Portal. `make demo` serves it with demo data; `make test` runs the tests.
# Both set everything up first and are quick on a second run.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media --ignore=tests \
  --ignore=mutants
HOST ?= 127.0.0.1
PORT ?= 8000

# The demo and the tests serve plain HTTP on loopback (PLAIN_HTTP) with a generated local secret;
# DEBUG stays off unless you set DEBUG=1 yourself.
LOCAL_ENV = PLAIN_HTTP=1 ALLOW_DEMO_DATA=1 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}"

.PHONY: mutation bench backup restore demo test setup lint format messages translations serve worker beat system-check system-deps requirements clean

# The demo is served as production serves it: gunicorn with gunicorn.conf.py, static files from
# whitenoise. No control socket: gunicorn keeps one per user, which a second demo would take.
# The demo's own address goes into the links and QR codes it writes (e-mails, letters, receipts),
# so that `make demo PORT=8766` does not print codes that point at port 8000.
DEMO_ENV = $(LOCAL_ENV) PORTAL_URL="$${PORTAL_URL:-http://$(HOST):$(PORT)}"
demo: setup
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) seed_demo
	@echo "Serving the portal at http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(DEMO_ENV) $(VENV)/bin/gunicorn intlaffairs.wsgi --config gunicorn.conf.py \
	  --bind $(HOST):$(PORT) --workers 1 --threads $${DEMO_THREADS:-4} --no-control-socket --access-logfile -

# The suite runs on TEST_WORKERS processes (pytest-xdist; `auto` is one per core). Tests that start
# servers and workers of their own share a group (xdist_group "processes") and so one worker.
TEST_WORKERS ?= auto
test: setup
	$(LOCAL_ENV) $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# A backup of the database and uploaded files into backups/<time>/ (BACKUP_DIR to change it);
# `make restore BACKUP=backups/<time>` loads one into an empty database and checks it.
BACKUP_DIR ?= backups
backup: $(VENV)/.installed
	$(MANAGE) backup $(BACKUP_DIR)

restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=backups/<time>" && exit 2)
	$(MANAGE) restore $(BACKUP)

# The key pages timed at two sizes of data in PostgreSQL (see "Performance" in README.md); writes
# the table into README.md. Needs DATABASE_URL (a PostgreSQL server where it may create bench_x*).
BENCH_SIZES ?= 1 100
BENCH_REQUESTS ?= 40
bench: setup
	@test -n "$$DATABASE_URL" || { echo "make bench needs DATABASE_URL (PostgreSQL)"; exit 1; }
	$(LOCAL_ENV) $(PY) -m bench --sizes "$(BENCH_SIZES)" --requests $(BENCH_REQUESTS) --readme $(BENCH_ARGS)

# Mutation testing of the modules that hold the rules (README "Mutation testing"); not part of
# `make test` or CI. MODULES picks some, e.g. MODULES=intlaffairs/jalali.py; the table of results
# is printed at the end (`$(PY) -m mutation --table` prints it again). Outputs are git-ignored.
# Two mutants at a time, one a core. With DATABASE_URL (PostgreSQL; much faster than migrating a
# new SQLite database for each mutant) each keeps a test database of its own for the next.
MUTATION_CHILDREN ?= 2
mutation: setup
	$(LOCAL_ENV) $(PY) -m mutation --max-children $(MUTATION_CHILDREN) $(MODULES)

# ruff, and import-linter for the layers of DESIGN.md (its contracts are in pyproject.toml).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: system-check $(VENV)/.installed node_modules/.installed .secret_key translations staticfiles/staticfiles.json

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

# The HTTP Observatory's skipped install script would download the HSTS preload list; the local
# scan (README) needs only the file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	touch $@

.secret_key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Compiled catalogs (.mo) are build products, made from the committed .po files.
translations: $(VENV)/.installed
	$(LOCAL_ENV) $(MANAGE) compilemessages $(I18N_IGNORE) -v 0

staticfiles/staticfiles.json: $(VENV)/.installed node_modules/.installed $(shell find static -type f 2>/dev/null)
	$(LOCAL_ENV) $(MANAGE) collectstatic --noinput -v 0

# Refresh the catalogs after changing interface strings, then translate every new entry.
messages: $(VENV)/.installed
	$(LOCAL_ENV) $(MANAGE) makemessages -l fa -l ckb -l ar --no-obsolete $(I18N_IGNORE)

# Production-like: gunicorn, a Celery worker and Celery beat against DATABASE_URL and REDIS_URL.
# On several machines exactly one runs beat (a second would send every reminder twice): the others
# use `make serve BEAT=0`, and only one of them (MIGRATE=1, the default) migrates.
BEAT ?= 1
MIGRATE ?= 1
serve: setup
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" -a -n "$$SECRET_KEY" || \
	  { echo "make serve needs DATABASE_URL, REDIS_URL and SECRET_KEY (see README.md)"; exit 1; }
	if [ "$(MIGRATE)" = 1 ]; then $(MANAGE) migrate --noinput; fi
	trap 'kill 0' EXIT; \
	$(VENV)/bin/celery -A intlaffairs worker --loglevel=INFO --concurrency=2 & \
	if [ "$(BEAT)" = 1 ]; then \
	  $(VENV)/bin/celery -A intlaffairs beat --loglevel=INFO --schedule=$${CELERY_BEAT_SCHEDULE:-/tmp/intlaffairs-beat} & \
	fi; \
	$(VENV)/bin/gunicorn intlaffairs.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile - & \
	wait

# System packages: gettext (msgfmt) for translations; Pango for WeasyPrint's PDFs;
# Chromium and Java 17 for the browser tests and the W3C checker.
system-check:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  echo "Missing system packages:$$missing. Install them with: sudo make system-deps"; exit 1; fi
	@command -v chromium >/dev/null || echo "note: chromium is not installed; browser tests will be skipped (sudo make system-deps)"
	@command -v java >/dev/null || echo "note: java is not installed; the W3C HTML check will be skipped (sudo make system-deps)"

system-deps:
	apt-get update
	apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 chromium openjdk-17-jre-headless poppler-utils

# Recompile the pinned, hashed requirements after editing pyproject.toml.
requirements: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links \
	  --extra dev --strip-extras -o requirements.txt pyproject.toml

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
