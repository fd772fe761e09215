#!/usr/bin/env bash
# Packs the three packages into a local NuGet feed, with the version git gives (MinVer), so they can be used before
# they are published:
#   RedshiftTyped          the runtime and the source generator
#   RedshiftTyped.Local    the local Data API server
#   RedshiftTyped.Tool     the redshift-typed command: a pointer package plus one package per platform
#
# Usage: ./pack.sh [--feed DIR] [--rids "linux-x64;osx-arm64" | --all-rids]
#   --feed DIR    where the .nupkg and .snupkg files go (default: artifacts/feed)
#   --rids LIST   the platforms to pack the tool for (default: this machine's, e.g. linux-x64)
#   --all-rids    every platform the tool supports (linux-x64, linux-arm64, osx-x64, osx-arm64, win-x64)
# The last line printed is the version packed. Uncommitted changes pack as VERSION.dirty.TIMESTAMP, so a package of
# work in progress never takes the name (and the NuGet cache entry) of a commit's package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

feed="artifacts/feed"
rids="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
while [ $# -gt 0 ]; do
  case "$1" in
    --feed) feed="$2"; shift 2 ;;
    --rids) rids="$2"; shift 2 ;;
    --all-rids) rids="linux-x64;linux-arm64;osx-x64;osx-arm64;win-x64"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "pack.sh: unknown argument $1 (see ./pack.sh --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$feed"
feed="$(cd "$feed" && pwd)"

# One version for the three packages, computed once by MinVer from the tags and the commit height.
version="$(dotnet msbuild src/RedshiftTyped/RedshiftTyped.csproj -nologo -restore -t:MinVer -getProperty:PackageVersion -p:Configuration=Release)"
if [ -n "$(git status --porcelain 2>/dev/null || true)" ]; then
  case "$version" in
    *-*) version="$version.dirty.$(date -u +%Y%m%d%H%M%S)" ;;
    *) version="$version-dirty.$(date -u +%Y%m%d%H%M%S)" ;;
  esac
fi

# Built under .artifacts/pack (not the projects' bin/ and obj/), deterministic, with CI paths in the PDBs (/_/).
for project in src/RedshiftTyped src/RedshiftTyped.Local src/RedshiftTyped.Tool; do
  echo "pack.sh: packing $project $version" >&2
  # The platforms go in the environment, which MSBuild reads as properties: on the command line (-p:) MSBuild reads
  # the ";" between them as the start of another property, and an escaped %3B would keep them one platform name.
  RedshiftTypedToolRids="$rids" dotnet pack "$project" --configuration Release --output "$feed" --artifacts-path .artifacts/pack --nologo -v quiet \
    -p:MinVerSkip=true -p:Version="$version" -p:ContinuousIntegrationBuild=true >&2
done

echo "pack.sh: packed into $feed; use it with" >&2
echo "  dotnet nuget add source \"$feed\" --name redshift-typed-local   # once" >&2
echo "  dotnet add package RedshiftTyped --version $version" >&2
echo "  dotnet new tool-manifest && dotnet tool install RedshiftTyped.Tool --version $version" >&2
echo "$version"
