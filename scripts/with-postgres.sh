#!/usr/bin/env bash
# Run a command with DIASPORA_ATLAS_DATABASE_URL pointing at a throwaway PostgreSQL server
# listening on 127.0.0.1 only. Installs Debian's postgresql first if it is missing (as root).
# An existing server can be used instead by setting DIASPORA_ATLAS_TEST_POSTGRES_URL.
set -euo pipefail
if [ -n "${DIASPORA_ATLAS_TEST_POSTGRES_URL:-}" ]; then
  DIASPORA_ATLAS_DATABASE_URL=$DIASPORA_ATLAS_TEST_POSTGRES_URL exec "$@"
fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "with-postgres: installing Debian's postgresql" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
  else
    echo "with-postgres: PostgreSQL is not installed; install Debian's 'postgresql' package or set DIASPORA_ATLAS_TEST_POSTGRES_URL" >&2
    exit 1
  fi
fi

DIR=$(mktemp -d /tmp/atlas-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() { as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
as_pg "$BIN/initdb" -D "$DIR/data" -A trust -U atlas --no-sync >/dev/null
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off" start >/dev/null
export DIASPORA_ATLAS_DATABASE_URL="postgresql://atlas@127.0.0.1:$PORT/postgres"
"$@"
