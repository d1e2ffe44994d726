#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run the whole suite.
# Usage: scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here); the
# production-recipe tests (marker nginx) start Debian's nginx in front of gunicorn.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$missing nginx"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
# The interface text catalogues the app reads (git-ignored .mo files; docs/translating.md).
scripts/translations.sh compile
# Precompressed .br and .gz copies of static/ for whitenoise (git-ignored; under a second).
.venv/bin/python -m whitenoise.compress -q static

start=$(date +%s)
status=0
# On every core: browser and server tests spend much of their time waiting.
.venv/bin/python -m pytest -n auto --dist worksteal "$@" || status=$?
echo "Test suite took $(( $(date +%s) - start )) s"
exit "$status"
