#!/usr/bin/env bash
# Load figures for a school-sized deployment: quizapp under gunicorn (4 workers) on PostgreSQL against
# a bare Flask "hello" app under the same settings, measured with wrk in one run. Needs wrk
# (apt-get install wrk) and PostgreSQL (QUIZAPP_BENCH_POSTGRES_URL, default the local test database).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
exec "${PYTHON:-.venv/bin/python}" bench/load.py "$@"
