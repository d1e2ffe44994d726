#!/usr/bin/env bash
# Set up and start the app under gunicorn (http://127.0.0.1:8000 unless BIND says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/gunicorn --config gunicorn.conf.py app:app
