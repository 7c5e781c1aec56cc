#!/usr/bin/env bash
# The whole test suite: lint, types, tests on SQLite, then the database tests on PostgreSQL
# (a throwaway server on loopback, started and stopped by scripts/with-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export PATH="$PWD/$VENV/bin:$PATH"

echo "== ruff"
ruff check src tests scripts benchmarks
ruff format --check src tests scripts benchmarks
echo "== mypy"
mypy
echo "== browser for the end-to-end tests"
scripts/ensure-chromium.sh
echo "== pytest (SQLite)"
pytest -q -p no:cacheprovider "$@"
echo "== pytest (PostgreSQL: tests marked db)"
scripts/with-postgres.sh pytest -q -p no:cacheprovider -m db "$@"
