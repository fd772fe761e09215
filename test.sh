#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed".
#   1. ./pack.sh into a feed of this run (the packaging and README tests restore it);
#   2. the .NET suites one project at a time (unit, local server, generator + packaging + README, integration on DuckDB
#      and PostgreSQL), a line as each starts and ends;
#   3. the soak test: the TICKIT pipeline under injected faults, compared row by row with a fault-free run (one test);
#   4. the sample, embedded and against the local server;
#   5. the conformance suite: the official AWS SDK for JavaScript v3 against the local server, on both backends;
#   6. the benchmarks' quick modes as a smoke test (each runs and prints its figures; passed when it exits 0);
#      --quick-memory publishes the Native AOT reader first, and fails on any trim/AOT warning of the runtime library.
# Needs the .NET 10 SDK, PostgreSQL 15 server binaries, Node 20 with npm (README, Quick start; .ci/run installs them) and
# moto_server (Python's moto package; test.sh starts it on a free loopback port for the UNLOAD tests).
# Exits non-zero when a test fails, when a build fails, or when no test ran.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root="$(pwd)"

results="$(mktemp -d)"
pg_dir=""
s3_pid=""
server_pid=""
cleanup() {
  [ -n "${heartbeat_pid:-}" ] && kill "$heartbeat_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$pg_dir" ] && "$root/tests/scripts/start-postgres.sh" --stop "$pg_dir"
  [ -n "$s3_pid" ] && "$root/tests/scripts/start-moto.sh" --stop "$s3_pid"
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

# moto's S3 server for the UNLOAD tests (the local server's UNLOAD writes to it; the client reads from it), unless one
# is given. Missing moto_server fails the run loudly: those tests never skip.
if [ -z "${REDSHIFT_TYPED_TEST_S3:-}" ]; then
  if s3_env="$(tests/scripts/start-moto.sh)"; then
    eval "$s3_env"
    s3_pid="$REDSHIFT_TYPED_TEST_S3_PID"
  else
    fail "could not start moto_server (Python's moto package) for the UNLOAD tests"
  fi
fi

# Progress: a line when each step starts and ends, and a heartbeat while a long one runs, so a slow machine is never
# minutes of silence.
step_started=0
begin() { step_started=$SECONDS; echo "test.sh: $*" >&2; }
elapsed() { echo "$((SECONDS - step_started)) s"; }
heartbeat_pid=""
heartbeat() {
  ( while sleep 60; do echo "test.sh:   ... $1 still running ($((SECONDS - step_started)) s)" >&2; done ) &
  heartbeat_pid=$!
}
heartbeat_stop() { [ -n "$heartbeat_pid" ] && kill "$heartbeat_pid" 2>/dev/null; wait "$heartbeat_pid" 2>/dev/null; heartbeat_pid=""; }

# 1. The packages, packed once into a feed of this run: the packaging and README tests restore them from it.
begin "packing the packages (./pack.sh)"
heartbeat "pack.sh"
if version="$(./pack.sh --feed "$results/feed" 2>"$results/pack.log" | tail -n 1)" && [ -n "$version" ]; then
  export REDSHIFT_TYPED_FEED="$results/feed" REDSHIFT_TYPED_FEED_VERSION="$version"
  echo "test.sh: packed $version ($(elapsed))" >&2
else
  cat "$results/pack.log" >&2
  fail "pack.sh failed; the packaging and README tests will pack for themselves"
fi
heartbeat_stop

# 2. .NET: the solution built once, then each test project in turn, counted from the .trx file it leaves.
begin "building the solution"
heartbeat "the build"
if ! dotnet build RedshiftTyped.sln --configuration Release --nologo -v quiet >"$results/build.log" 2>&1; then
  cat "$results/build.log" >&2
  fail "the solution does not build"
fi
heartbeat_stop
echo "test.sh: built ($(elapsed))" >&2

# Every test project of the solution (a new one runs without editing this list), fastest first.
test_projects="$(dotnet sln RedshiftTyped.sln list | sed -n 's#^\(tests/[^/]*Tests\)/[^/]*\.csproj$#\1#p' \
  | awk '{ rank = /RedshiftTyped\.Tests$/ ? 1 : /Local\.Tests$/ ? 2 : /Corpus\.Tests$/ ? 3 : /Generator\.Tests$/ ? 4 : 5; print rank, $0 }' \
  | sort -n | cut -d' ' -f2)"
[ -n "$test_projects" ] || fail "no test project found in RedshiftTyped.sln"
for project in $test_projects; do
  name="$(basename "$project")"
  begin "$name: running"
  heartbeat "$name"
  dotnet test "$project" --configuration Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    >"$results/$name.log" 2>&1
  status=$?
  heartbeat_stop
  trx="$results/$name.trx"
  p=0; f=0
  if [ -e "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"; p="${p:-0}"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"; f="${f:-0}"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"; f=$((f + ${e:-0}))
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  echo "$name: $p passed, $f failed ($(elapsed))"
  if [ "$f" -ne 0 ]; then
    grep -E '^\s+(Failed|Error Message)' -A 6 "$results/$name.log" | head -n 80 >&2
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    tail -n 40 "$results/$name.log" >&2
    fail "$name failed before its tests could report (build error or crashed test host)"
  fi
done

# 3. Soak: `redshift-typed snapshot` of the TICKIT pipeline against the local server (loopback only) under 30% throttling,
# 10% 5xx and 5% connection resets, several runs on each backend, every table compared with a fault-free run; bounded
# in time (no run starts after --budget seconds). Built by the solution's build above.
begin "the soak test"
heartbeat "the soak test"
soak_log="$results/soak.log"
if dotnet tests/RedshiftTyped.Soak/bin/Release/net10.0/RedshiftTyped.Soak.dll --budget 120 >"$soak_log" 2>&1; then
  passed=$((passed + 1))
  grep -v -E '^soak: (DuckDB|PostgreSQL) (fault-free|faulted run)' "$soak_log"  # the summary, without one line per run
else
  cat "$soak_log" >&2
  echo "soak: FAILED"
  failed=$((failed + 1))
fi
heartbeat_stop
echo "test.sh: soak done ($(elapsed))" >&2

# 4. The TICKIT sample, as the README's first command runs it: typed query answers, and two Parquet files (the sales
#    table's snapshot and a typed query's answer).
run_sample() {
  local name="$1"; shift
  local out="$results/sample-$name"
  local log="$results/sample-$name.log"
  if dotnet "$root/samples/Tickit/bin/Release/net10.0/Tickit.dll" --out "$out" "$@" >"$log" 2>&1 \
      && grep -q '^Top 5 events by tickets sold' "$log" \
      && [ "$(find "$out" -name '*.parquet' | wc -l)" -eq 2 ]; then
    echo "sample ($name): ok"
    passed=$((passed + 1))
  else
    cat "$log" >&2
    echo "sample ($name): FAILED"
    failed=$((failed + 1))
  fi
}
begin "the sample"
if dotnet build samples/Tickit --configuration Release --nologo -v quiet >/dev/null; then
  run_sample embedded
else
  echo "sample: FAILED (build)"
  failed=$((failed + 1))
fi

# 5. Conformance: the JavaScript SDK suite against the local server with the TICKIT sample, on each backend.
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
    echo "conformance ($name): $(grep -c '^ok' "$tap") ok, $(grep -c '^not ok' "$tap") not ok"
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

begin "the conformance suite"
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

# 6. The benchmarks' quick modes, as a smoke test: each runs once, small, and prints its figures into this log. One that
#    exits 0 counts as passed, one that fails as failed; a time is never a pass or a failure (the figures are for reading,
#    docs/benchmarks.md says how to measure). The cap only stops a mode that hangs. Built by the solution's build above;
#    --quick-cold-start starts the tool packed in step 1 (REDSHIFT_TYPED_FEED).
bench="$root/tests/RedshiftTyped.Benchmarks/bin/Release/net10.0/RedshiftTyped.Benchmarks.dll"
bench_cap=600
for mode in --quick --quick-server --quick-decode --quick-memory --quick-incremental --quick-cold-start; do
  begin "benchmark $mode"
  heartbeat "benchmark $mode"
  bench_log="$results/benchmark$mode.log"
  # --quick-memory publishes the Native AOT reader first on a fresh clone (about 5 min of ILC on a loaded 2-core machine;
  # kept in .artifacts/aot-reader for later runs), so its cap is longer.
  cap="$bench_cap"; [ "$mode" = --quick-memory ] && cap=$((bench_cap * 2))
  timeout --kill-after=10 "$cap" dotnet "$bench" "$mode" >"$bench_log" 2>&1
  status=$?
  heartbeat_stop
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "benchmark $mode: ok ($(elapsed))"
    sed 's/^/  /' "$bench_log"
  else
    failed=$((failed + 1))
    [ "$status" -eq 124 ] && echo "benchmark $mode: still running after the ${cap} s cap (a hang?); stopped" >&2
    sed 's/^/  /' "$bench_log" >&2
    echo "benchmark $mode: FAILED (exit $status, $(elapsed))"
  fi
done

echo "${passed} passed, ${failed} failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
