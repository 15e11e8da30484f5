#!/usr/bin/env bash
# Runs every FairFund test, on a developer's machine or a fresh Debian one, and ends with
# one plain line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is needed (dotnet was not found on PATH)." >&2
  exit 1
fi

# FairFund.Web compiles its stylesheet from GOV.UK Frontend with Node.js and npm while it builds, and the
# browser tests drive Debian's Chromium (never a downloaded browser).
missing=""
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
if [ -n "$missing" ]; then
  echo "test.sh: installing$missing with apt-get." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

if [ -f .config/dotnet-tools.json ] || [ -f dotnet-tools.json ]; then
  dotnet tool restore
fi

# Each test starts the app many times; configuration files need not be watched for changes, and each watch
# takes one of the user's inotify instances (128 on Debian), which parallel test runs can use up.
export DOTNET_hostBuilder__reloadConfigOnChange=false

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
