#!/usr/bin/env bash
# Side by side, interleaved whole processes: `--quick-server` of a base commit's local server against this tree's, with
# the same harness (this tree's QuickServingTiming.cs and ResultServingBenchmarks.cs are copied into the base's tree).
#   tests/RedshiftTyped.Benchmarks/LocalServer/compare-serving.sh [base-commit (default: main)] [rounds (default: 2)]
# Prints `uptime` before each run: read the CPU-time and memory figures, which load distorts least.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
base="${1:-main}"
rounds="${2:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$root" archive "$(git -C "$root" rev-parse "$base")" | tar -x -C "$work"
cp "$root"/tests/RedshiftTyped.Benchmarks/LocalServer/{QuickServingTiming.cs,ResultServingBenchmarks.cs} "$work/tests/RedshiftTyped.Benchmarks/LocalServer/"
echo "building $base and this tree" >&2
dotnet build "$work/tests/RedshiftTyped.Benchmarks" -c Release -v quiet -nologo >&2
dotnet build "$root/tests/RedshiftTyped.Benchmarks" -c Release -v quiet -nologo >&2
for round in $(seq 1 "$rounds"); do
  for side in base this; do
    dir="$work"; [ "$side" = this ] && dir="$root"
    echo "== round $round, $side ($(uptime | sed 's/.*load/load/'))"
    dotnet run -c Release --no-build --project "$dir/tests/RedshiftTyped.Benchmarks" -- --quick-server
  done
done
