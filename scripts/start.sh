#!/usr/bin/env bash
# Sets Keyhold up, builds it and serves it on http://127.0.0.1:${PORT:-3000} (production server).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${KEYHOLD_DATA_DIR:-data}"
port="${PORT:-3000}"
pidfile="$data/server.pid"

xks_pidfile="$data/xks-proxy/proxy.pid"

# Only one process may own an HSM token directory: stop a console and an XKS proxy started earlier
# from this folder (the console's script stops its proxy too; the proxy's own pid file covers the rest).
for f in "$pidfile" "$xks_pidfile"; do
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    pid=$(cat "$f")
    printf '\033[1;34m==>\033[0m Stopping the Keyhold process already running (pid %s)\n' "$pid"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
done

bash scripts/setup.sh console

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib/server lib/schemas lib/queries proxy.ts next.config.js package-lock.json public \
      -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  printf '\033[1;34m==>\033[0m Building the console (next build)\n'
  npx next build
else
  printf '    build up to date\n'
fi

# The XKS proxy: its own process, token and port (server.port in its settings, 4443 by default).
xks_settings="${XKS_PROXY_SETTINGS_TOML:-$data/xks-proxy/settings.toml}"
xks_port=$(sed -n 's/^port *= *\([0-9]*\).*/\1/p' "$xks_settings" | head -1)
printf '\033[1;34m==>\033[0m Starting the XKS proxy on https://127.0.0.1:%s (settings %s, log %s/xks-proxy/proxy.log)\n' "${xks_port:-4443}" "$xks_settings" "$data"
node --import tsx --conditions=react-server lib/xks-proxy/main.ts serve >>"$data/xks-proxy/proxy.log" 2>&1 &
xks_pid=$!

printf '\033[1;34m==>\033[0m Starting Keyhold on http://127.0.0.1:%s (Ctrl-C stops it and the XKS proxy)\n' "$port"
printf '    Sign in as "admin" (password printed at first set-up, or KEYHOLD_ADMIN_PASSWORD).\n'
printf '    AWS CLI: AWS_SHARED_CREDENTIALS_FILE=%s/credentials AWS_CONFIG_FILE=%s/aws-config aws --profile keyhold --endpoint-url http://127.0.0.1:%s/api/aws kms list-keys\n' "$data" "$data" "$port"
echo $$ > "$pidfile"
# server.ts: /api/aws served ahead of Next's router, every other request by Next, and an orderly shutdown.
PORT="$port" node --import tsx --import ./scripts/server/server-only-hook.mjs server.ts &
console_pid=$!
# SIGTERM/SIGINT to this script (or Ctrl-C) stops both; each finishes what it is doing first.
trap 'kill -TERM "$console_pid" "$xks_pid" 2>/dev/null' INT TERM
wait "$console_pid" || true
kill -TERM "$xks_pid" 2>/dev/null || true
wait "$xks_pid" 2>/dev/null || true
wait "$console_pid" 2>/dev/null || true
