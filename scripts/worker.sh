#!/usr/bin/env bash
# The production task worker: confirmation emails, milestones, invalidations,
# Wagtail's own tasks. It runs at a lower CPU priority (WORKER_NICE, default
# 10): where it shares CPUs with the web server, a crowd of residents signing
# is answered first and the emails follow as soon as the CPUs are free (see
# docs/deployment.md and bench/README.md). Set WORKER_NICE=0 on a host of its
# own.
set -euo pipefail
cd "$(dirname "$0")/.."
exec nice -n "${WORKER_NICE:-10}" .venv/bin/python manage.py db_worker \
  --queue-name '*' --interval 1 --no-reload
