#!/usr/bin/env bash
# Sets everything up and runs every test: types, unit + integration (real SoftHSM, SQLite and
# PostgreSQL), the production build, and the Playwright e2e suite in Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\n\033[1;34m==>\033[0m %s\n' "$*"; }
started=$(date +%s)

bash scripts/setup.sh test

say "Starting a PostgreSQL server for the tests (127.0.0.1, project-local data folder)"
bash scripts/test/postgres.sh start
trap 'bash scripts/test/postgres.sh stop >/dev/null 2>&1 || true' EXIT

say "Type-checking (tsc --noEmit)"
npx tsc --noEmit

say "Lint (ESLint) and format (Prettier --check)"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; echo "Run: npx prettier --write ." >&2; exit 1; }

say "Unit and integration tests (vitest)"
npx vitest run

say "Production build (next build)"
npx next build

say "End-to-end tests (Playwright, Debian chromium)"
npx playwright test

say "All tests passed in $(( $(date +%s) - started ))s"
