#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed".
# Exits non-zero when a test fails, when the build fails, or when no test ran.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet test RedshiftTyped.sln --configuration Release --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TreatNoTestsAsError=false
status=$?

# Each test assembly leaves a .trx file whose <Counters> element holds its totals.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report: count it as a failure.
  failed=1
fi

echo "${passed} passed, ${failed} failed"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
