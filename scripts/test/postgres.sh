#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for tests and for creating migrations, on 127.0.0.1 only.
# It never touches the system cluster on 5432: its data lives in data/postgres (or KEYHOLD_PG_DIR).
#
#   scripts/test/postgres.sh start        start it if needed, wait until ready, print the base URL
#   scripts/test/postgres.sh url NAME     print the URL of database NAME (the server must be started)
#   scripts/test/postgres.sh stop         stop it (the data stays)
#   scripts/test/postgres.sh status       exit 0 when it is running
#
# Needs the Debian package: apt-get install -y postgresql (binaries in /usr/lib/postgresql/15/bin).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PG_BIN="${KEYHOLD_PG_BIN:-/usr/lib/postgresql/15/bin}"
PORT="${PGPORT_KEYHOLD:-55432}"
PG_USER="keyhold"
PG_PASSWORD="keyhold-test" # a test-only server listening on 127.0.0.1
BASE_URL="postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PORT}/"

die() { echo "postgres.sh: $*" >&2; exit 1; }

[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] ||
  die "PostgreSQL 15 binaries not found in $PG_BIN. Install them with: apt-get install -y postgresql"

# PostgreSQL refuses to run as root, so as root everything runs as the postgres OS user.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' OS user (apt-get install -y postgresql creates it)"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# The data folder must be reachable by the user that runs the server; a project under /root is not
# reachable by the postgres user, so fall back to a folder under /tmp named after the project path.
pick_dir() {
  local dir="${KEYHOLD_PG_DIR:-$ROOT/data/postgres}"
  mkdir -p "$(dirname "$dir")"
  if [ "$(id -u)" = 0 ] && ! as_pg test -x "$(dirname "$dir")"; then
    local unreachable="$(dirname "$dir")"
    dir="${TMPDIR:-/tmp}/keyhold-postgres-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
    echo "postgres.sh: the postgres user cannot reach $unreachable; using $dir" >&2
  fi
  echo "$dir"
}
PGDIR="$(pick_dir)"
DATA="$PGDIR/15"
LOG="$PGDIR/server.log"

is_running() { [ -f "$DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

init_cluster() {
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  local pwfile="$PGDIR/.pwfile"
  (umask 077 && printf '%s\n' "$PG_PASSWORD" >"$pwfile")
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  as_pg "$PG_BIN/initdb" -D "$DATA" -U "$PG_USER" --pwfile="$pwfile" --auth=scram-sha-256 \
    -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  # Only TCP on 127.0.0.1 with a password; no local socket (its default folder may not exist).
  cat >"$DATA/pg_hba.conf" <<EOF
host all all 127.0.0.1/32 scram-sha-256
EOF
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA/pg_hba.conf"
  return 0
}

start() {
  # One start at a time: parallel test workers may all call start. (The server must not inherit the
  # lock's file descriptor, hence 9>&- below.)
  mkdir -p "$PGDIR"
  exec 9>"$PGDIR/start.lock"
  flock 9
  [ -f "$DATA/PG_VERSION" ] || init_cluster
  if ! is_running; then
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
      die "port $PORT is already used by another server; set PGPORT_KEYHOLD to a free port"
    fi
    # Test server: durability off for speed.
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start -o \
      "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null 9>&- || { tail -n 30 "$LOG" >&2 || true; die "the server did not start (log: $LOG)"; }
  fi
  for _ in $(seq 1 100); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres; then
      echo "$BASE_URL"
      return 0
    fi
    sleep 0.1
  done
  die "the server is not accepting connections on 127.0.0.1:$PORT (log: $LOG)"
}

stop() {
  if is_running; then as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) is_running ;;
  url)
    [ -n "${2:-}" ] || die "usage: $0 url DBNAME"
    echo "${BASE_URL}$2"
    ;;
  *) die "usage: $0 start | stop | status | url DBNAME" ;;
esac
