#!/usr/bin/env bash
# Interface text catalogues (docs/translating.md).
#   scripts/translations.sh update    extract marked strings into messages.pot, merge into each .po
#   scripts/translations.sh compile   build the .mo files the app reads (git-ignored; part of install)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  update)
    .venv/bin/pybabel -q extract -F babel.cfg -k N_ --add-location=file --sort-output \
      --project "Twitching explainer" -o quiz/translations/messages.pot .
    .venv/bin/pybabel -q update -i quiz/translations/messages.pot -d quiz/translations --width=100 --ignore-obsolete
    ;;
  compile)
    .venv/bin/pybabel -q compile -d quiz/translations
    ;;
  *)
    echo "usage: scripts/translations.sh update|compile" >&2
    exit 2
    ;;
esac
