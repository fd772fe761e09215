#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed".
#   1. the .NET suites (unit, generator, local server, integration on DuckDB and PostgreSQL);
#   2. the soak test: the TICKIT pipeline under injected faults, compared row by row with a fault-free run (one test);
#   3. the TICKIT sample, embedded and against the local server;
#   4. the conformance suite: the official AWS SDK for JavaScript v3 against the local server, on both backends.
# Exits non-zero when a test fails, when a build fails, or when no test ran.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"

results="$(mktemp -d)"
pg_dir=""
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$pg_dir" ] && "$root/tests/scripts/start-postgres.sh" --stop "$pg_dir"
  rm -rf "$results"
}
trap cleanup EXIT

passed=0
failed=0
fail() { echo "test.sh: $*" >&2; failed=$((failed + 1)); }

# A throwaway PostgreSQL cluster for the PostgreSQL backend, unless one is given.
if [ -z "${REDSHIFT_TYPED_TEST_POSTGRES:-}" ]; then
  if pg_env="$(tests/scripts/start-postgres.sh)"; then
    eval "$pg_env"
    pg_dir="$REDSHIFT_TYPED_TEST_POSTGRES_DIR"
  else
    fail "could not start PostgreSQL (is the postgresql package installed?)"
  fi
fi

# 1. .NET: every test project of the solution, counted from the .trx files each one leaves.
dotnet test RedshiftTyped.sln --configuration Release --logger "trx" --results-directory "$results"
dotnet_status=$?
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$dotnet_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  fail "dotnet test failed before any test could report (build error or crashed test host)"
fi

# 2. Soak: `redshift-typed snapshot` of the TICKIT pipeline against the local server (loopback only) under 30% throttling,
# 10% 5xx and 5% connection resets, several runs on each backend, every table compared with a fault-free run; bounded
# in time (runs stop starting after --budget seconds). Built by the solution's build above.
soak_log="$results/soak.log"
if dotnet tests/RedshiftTyped.Soak/bin/Release/net10.0/RedshiftTyped.Soak.dll --budget 120 >"$soak_log" 2>&1; then
  passed=$((passed + 1))
  grep -v -E '(fault-free|faulted run)' "$soak_log"
else
  cat "$soak_log" >&2
  echo "soak: FAILED"
  failed=$((failed + 1))
fi

# 3. The TICKIT sample, as the README's first command runs it: typed answers and a Parquet file per table.
run_sample() {
  local name="$1"; shift
  local out="$results/sample-$name"
  local log="$results/sample-$name.log"
  if dotnet "$root/samples/Tickit/bin/Release/net10.0/Tickit.dll" --out "$out" "$@" >"$log" 2>&1 \
      && grep -q '^Top 5 events by tickets sold' "$log" \
      && [ "$(find "$out" -name '*.parquet' | wc -l)" -eq 7 ]; then
    echo "sample ($name): ok"
    passed=$((passed + 1))
  else
    cat "$log" >&2
    echo "sample ($name): FAILED"
    failed=$((failed + 1))
  fi
}
if dotnet build samples/Tickit --configuration Release --nologo -v quiet >/dev/null; then
  run_sample embedded
else
  echo "sample: FAILED (build)"
  failed=$((failed + 1))
fi

# 4. Conformance: the JavaScript SDK suite against the local server with the TICKIT sample, on each backend.
run_conformance() {
  local name="$1"; shift
  local server_log="$results/local-server-$name.log"
  "$root/src/RedshiftTyped.Tool/bin/Release/net10.0/redshift-typed" local --port 0 --sample tickit \
    --secret 'tickit-admin={"username":"admin","password":"conformance"}' "$@" >"$server_log" 2>&1 &
  server_pid=$!
  local endpoint=""
  for _ in $(seq 1 240); do
    endpoint="$(sed -n 's/^Listening on \(http[^ ]*\)$/\1/p' "$server_log")"
    [ -n "$endpoint" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$endpoint" ]; then
    cat "$server_log" >&2
    fail "the local server ($name) did not start"
  else
    run_sample "$name-endpoint" --endpoint "$endpoint"
    local tap="$results/conformance-$name.tap"
    (cd tests/conformance && REDSHIFT_TYPED_ENDPOINT="$endpoint" node --test --test-reporter=tap) >"$tap" 2>&1
    local node_status=$?
    echo "conformance ($name):"
    grep -E '^(not ok|# (tests|pass|fail))' "$tap"
    local p f
    p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap")"
    f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ "$node_status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
      cat "$tap" >&2
      fail "the conformance suite ($name) failed to run"
    fi
  fi
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_pid=""
}

if dotnet build src/RedshiftTyped.Tool --configuration Release --nologo -v quiet >/dev/null; then
  (cd tests/conformance && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; }) || fail "npm ci failed in tests/conformance"
  run_conformance duckdb
  if [ -n "${REDSHIFT_TYPED_TEST_POSTGRES:-}" ]; then
    run_conformance postgres --backend postgres --connection-string "$REDSHIFT_TYPED_TEST_POSTGRES"
  else
    fail "no PostgreSQL for the conformance suite's PostgreSQL run"
  fi
else
  fail "could not build the redshift-typed tool for the conformance suite"
fi

echo "${passed} passed, ${failed} failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
