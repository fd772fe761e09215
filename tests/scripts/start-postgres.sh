#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the integration tests and prints its connection string.
#
#   eval "$(tests/scripts/start-postgres.sh)"     # exports REDSHIFT_TYPED_TEST_POSTGRES and REDSHIFT_TYPED_TEST_POSTGRES_DIR
#   tests/scripts/start-postgres.sh --stop DIR     # stops it and removes its directory
#
# initdb refuses to run as root, so as root the cluster belongs to an unprivileged system user (pgtest,
# created if missing). It listens on 127.0.0.1 only, on a free port, with trust authentication (loopback only).
#
# The connection string is for the role redshift_local, which is not a superuser and holds none of the roles that
# reach the host's files (pg_read_server_files, pg_write_server_files, pg_execute_server_program): the local Data
# API server refuses to run statements as one that does. It has CREATEDB (each test server gets a database of its own)
# and owns the database redshift_local that the connection string names.
set -euo pipefail

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  dirname "$(command -v initdb)"
}
BIN="$(find_bin)"

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u pgtest -- "$@"; else su pgtest -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  DIR="${2:?usage: $0 --stop DIR}"
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  exit 0
fi

if [ "$(id -u)" = "0" ] && ! id pgtest >/dev/null 2>&1; then
  useradd -r -M -s /usr/sbin/nologin pgtest
fi

DIR="$(mktemp -d /tmp/redshift-typed-pg.XXXXXX)"
chmod 755 "$DIR"
[ "$(id -u)" = "0" ] && chown pgtest "$DIR"

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"

as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
  -c "CREATE ROLE redshift_local LOGIN NOSUPERUSER NOCREATEROLE CREATEDB" \
  -c "CREATE DATABASE redshift_local OWNER redshift_local" >"$DIR/roles.log" 2>&1 \
  || { cat "$DIR/roles.log" >&2; exit 1; }

echo "export REDSHIFT_TYPED_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=redshift_local;Database=redshift_local'"
echo "export REDSHIFT_TYPED_TEST_POSTGRES_DIR='$DIR'"
