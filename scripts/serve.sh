#!/usr/bin/env bash
# The production web server: granian serving the WSGI application.
# Run it behind a TLS-terminating proxy; see docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/granian \
  --interface wsgi \
  --host "${HOST:-127.0.0.1}" \
  --port "${PORT:-8000}" \
  --workers "${WEB_WORKERS:-$(nproc)}" \
  --blocking-threads "${WEB_THREADS:-1}" \
  --no-ws \
  digitalrights.wsgi:application
