#!/usr/bin/env bash
# Installs or upgrades the portal on a server set up as in README.md, "Install on a server".
#
#   sudo /srv/intlaffairs/current/deploy/upgrade.sh [REF]     # REF: a branch, tag or commit; main
#   sudo SOURCE=https://git.example.org/intlaffairs.git deploy/upgrade.sh   # the first time
#
# Each version goes into a folder of its own, /srv/intlaffairs/releases/<commit>, with its own
# virtualenv, translations and static files; /srv/intlaffairs/current points at the one that
# runs. The code of the running version is never changed in place: a gunicorn or Celery process
# that restarts on its own (a crash, max requests) while this script runs still loads the old
# code, which matches the old schema.
#
# The order, so that new code never runs on the old schema:
#  1. build the new release beside the running one and `check --deploy` it; nothing running is
#     touched, so a failure here leaves the portal as it was;
#  2. stop the Celery worker and beat: jobs would otherwise run old code on the new schema (or
#     beat would queue jobs that new code does not know) while migrations run;
#  3. migrate, with the new code. The old web processes keep serving meanwhile: migrations must
#     stay compatible with the previous version (add a column before code uses it, drop it a
#     release later). For one that is not, stop the web too: STOP_WEB=1;
#  4. point `current` at the new release, restart the web, then start the worker and beat.
set -euo pipefail

BASE=/srv/intlaffairs
USER_NAME=intlaffairs
ENV_FILE=/etc/intlaffairs/intlaffairs.env
KEEP_RELEASES=${KEEP_RELEASES:-3}
REF=${1:-main}
WORKER_UNITS=(intlaffairs-worker.service intlaffairs-beat.service)

# As the portal's user, at home there (pip's and npm's caches), never root's.
as_portal() { runuser -u "$USER_NAME" -- env HOME=/var/lib/intlaffairs "$@"; }
cd /  # the user may not read the folder this was started from

# The portal's settings come from the environment file, read as systemd reads it (NAME=value
# lines; values with spaces or shell characters in single quotes).
set -a
# shellcheck disable=SC1090
. "$ENV_FILE"
set +a
unset PLAIN_HTTP DEBUG

# 1. The new release.
if [ ! -d "$BASE/repo.git" ]; then
  : "${SOURCE:?the first run needs SOURCE, the URL of the repository}"
  as_portal git clone --quiet --mirror "$SOURCE" "$BASE/repo.git"
fi
as_portal git -C "$BASE/repo.git" fetch --quiet --prune origin
commit=$(as_portal git -C "$BASE/repo.git" rev-parse --verify "$REF^{commit}")
release="$BASE/releases/$commit"
if [ ! -e "$release/.built" ]; then
  rm -rf "$release"
  as_portal mkdir -p "$release"
  as_portal sh -c "git -C '$BASE/repo.git' archive '$commit' | tar -x -C '$release'"
  cd "$release"
  as_portal python3 -m venv .venv
  as_portal .venv/bin/pip install --quiet --require-hashes -r requirements.txt
  as_portal npm ci --omit=dev --no-audit --no-fund --ignore-scripts
  as_portal .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
  as_portal .venv/bin/python manage.py collectstatic --noinput -v 0
  as_portal touch .built
fi
cd "$release"
as_portal .venv/bin/python manage.py check --deploy --fail-level WARNING

# 2. Nothing but the web runs while the schema changes.
systemctl stop "${WORKER_UNITS[@]}"
if [ "${STOP_WEB:-0}" = 1 ]; then systemctl stop intlaffairs-web.service; fi

# 3. The schema of the new code.
as_portal .venv/bin/python manage.py migrate --noinput

# 4. The new code, in an atomic switch of the link, then the processes in order.
as_portal ln -sfn "$release" "$BASE/current.new"
as_portal mv -T "$BASE/current.new" "$BASE/current"
systemctl restart intlaffairs-web.service
systemctl start "${WORKER_UNITS[@]}"

# Older releases beyond the newest KEEP_RELEASES (by build time) go, never the running one.
find "$BASE/releases" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' | sort -rn \
  | tail -n +"$((KEEP_RELEASES + 1))" | cut -d' ' -f2- | grep -vx "$release" \
  | xargs -r rm -rf --
echo "The portal runs $commit."
