#!/usr/bin/env bash
# Set up and start the app under gunicorn (http://127.0.0.1:8000 unless BIND says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
# The interface text catalogues the app reads (git-ignored .mo files; docs/translating.md).
scripts/translations.sh compile
# Precompressed .br and .gz copies of static/ for whitenoise (git-ignored; under a second).
.venv/bin/python -m whitenoise.compress -q static
exec .venv/bin/gunicorn --config gunicorn.conf.py app:app
