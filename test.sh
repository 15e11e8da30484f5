#!/usr/bin/env bash
# Runs every FairFund test, on a developer's machine or a fresh Debian one, and ends with
# one plain line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is needed (dotnet was not found on PATH)." >&2
  exit 1
fi

# FairFund.Web compiles its stylesheet from GOV.UK Frontend with Node.js and npm while it builds.
if ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: npm was not found; installing Node.js and npm with apt-get." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm
fi

if [ -f .config/dotnet-tools.json ] || [ -f dotnet-tools.json ]; then
  dotnet tool restore
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

set +e
dotnet test FairFund.sln --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

# Sum the counters of every test project's TRX report; dotnet test's own summary is not a line CI reads.
totals=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
      if (kv[1] == "passed") passed += kv[2]; if (kv[1] == "failed") failed += kv[2]; if (kv[1] == "error") failed += kv[2]; } }
  END { printf "%d %d", passed, failed }')
read -r passed failed <<<"${totals:-0 0}"

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test failed before running tests (see the build output above)." >&2
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
