#!/usr/bin/env bash
# Sets Keyhold up on a Debian machine with Node 20 and npm, idempotently, saying what it does.
#   scripts/setup.sh console   what the console needs (softhsm2), build included
#   scripts/setup.sh test      also what the tests need (chromium, postgresql, awscli)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-console}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
ok() { printf '    %s\n' "$*"; }

# --- system packages -------------------------------------------------------------------------
need_pkgs=(softhsm2)
[ "$mode" = test ] && need_pkgs+=(chromium postgresql awscli)
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "Installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "Debian packages present: ${need_pkgs[*]}"
fi

# --- node modules ----------------------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "Keyhold needs Node.js 20 or newer (found $(node -v))" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: it installs the versions package-lock.json pins, but tolerates the
  # other platforms' optional packages (@next/swc-darwin-*, …) that this registry mirror does not carry.
  say "Installing npm dependencies from package-lock.json (builds pkcs11js and better-sqlite3 from source)"
  npm install --no-audit --no-fund
else
  ok "npm dependencies up to date"
fi

# --- generated Prisma clients ----------------------------------------------------------------
stamp=lib/generated/.schema-hash
hash=$(cat prisma/models.prisma prisma/*/schema.prisma package-lock.json | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  say "Generating Prisma clients (SQLite and PostgreSQL)"
  npm run --silent db:generate
  echo "$hash" > "$stamp"
else
  ok "Prisma clients up to date"
fi

# --- data folder: database, HSM tokens, demo cluster, admin ----------------------------------
# The tests prepare their own data folders (a temporary one per test file, data/e2e for Playwright), so a
# console running on data/ (which owns its HSM tokens) is left alone by `npm test`.
if [ "$mode" = console ]; then
  say "Preparing data folder ${KEYHOLD_DATA_DIR:-data}: migrations, HSM tokens, demo cluster, admin"
  npx tsx --conditions=react-server scripts/setup/bootstrap.ts
  # The XKS proxy's own folder (data/xks-proxy): settings.toml, its PKCS#11 token, a local CA and server
  # certificate (tls/), a demo key and the first SigV4 credential (its secret printed once, stored sealed).
  say "Preparing the XKS proxy in ${KEYHOLD_DATA_DIR:-data}/xks-proxy: settings, token, TLS certificate, credential"
  npx tsx --conditions=react-server lib/xks-proxy/main.ts setup
fi
