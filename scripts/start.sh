#!/usr/bin/env bash
# Sets Keyhold up, builds it and serves it on http://127.0.0.1:${PORT:-3000} (production server).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${KEYHOLD_DATA_DIR:-data}"
port="${PORT:-3000}"
pidfile="$data/server.pid"

# Only one process may own the HSM token directory: stop a console started earlier from this folder.
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  pid=$(cat "$pidfile")
  printf '\033[1;34m==>\033[0m Stopping the Keyhold server already running (pid %s)\n' "$pid"
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
fi

bash scripts/setup.sh console

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib/server lib/schemas lib/queries proxy.ts next.config.js package-lock.json public \
      -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  printf '\033[1;34m==>\033[0m Building the console (next build)\n'
  npx next build
else
  printf '    build up to date\n'
fi

printf '\033[1;34m==>\033[0m Starting Keyhold on http://127.0.0.1:%s (Ctrl-C stops it)\n' "$port"
printf '    Sign in as "admin" (password printed at first set-up, or KEYHOLD_ADMIN_PASSWORD).\n'
printf '    AWS CLI: AWS_SHARED_CREDENTIALS_FILE=%s/credentials AWS_CONFIG_FILE=%s/aws-config aws --profile keyhold --endpoint-url http://127.0.0.1:%s/api/aws kms list-keys\n' "$data" "$data" "$port"
echo $$ > "$pidfile"
# server.ts: /api/aws served ahead of Next's router, every other request by Next, and an orderly shutdown.
PORT="$port" exec node --import tsx --import ./scripts/server/server-only-hook.mjs server.ts
