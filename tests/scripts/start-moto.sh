#!/usr/bin/env bash
# Starts moto's S3 server (moto_server, from Python's moto package) for the UNLOAD tests and prints its endpoint.
#
#   eval "$(tests/scripts/start-moto.sh)"     # exports REDSHIFT_TYPED_TEST_S3 (http://127.0.0.1:PORT) and REDSHIFT_TYPED_TEST_S3_PID
#   tests/scripts/start-moto.sh --stop PID     # stops it
#
# It listens on 127.0.0.1 only, on a free port. Fails loudly when moto_server is missing: the UNLOAD tests need it.
set -euo pipefail

if [ "${1:-}" = "--stop" ]; then
  PID="${2:?usage: $0 --stop PID}"
  kill "$PID" 2>/dev/null || true
  exit 0
fi

if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto_server is not installed (Python's moto package, pip install 'moto[server]'): the UNLOAD tests need it." >&2
  exit 1
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
log="$(mktemp -t moto-XXXXXX.log)"
nohup moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/', timeout=1)" 2>/dev/null; then
    echo "export REDSHIFT_TYPED_TEST_S3=http://127.0.0.1:$port REDSHIFT_TYPED_TEST_S3_PID=$pid"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
cat "$log" >&2
kill "$pid" 2>/dev/null || true
echo "moto_server did not start on 127.0.0.1:$port" >&2
exit 1
