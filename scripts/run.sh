#!/usr/bin/env bash
# Run the site for development: web server, task worker and scheduler side
# by side; Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
trap 'kill 0' EXIT INT TERM
$PY manage.py db_worker --queue-name '*' --interval 1 --no-reload &
$PY manage.py run_scheduler &
$PY manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
