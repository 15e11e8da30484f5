#!/usr/bin/env bash
# Times the fund manager's list of applications over a large open round (issue 18 item 1): one start of the
# Release build makes the database and the demo round in a temporary folder, then `FairFund.Bench application-list`
# seeds the applications (10,000 by default) and times the page's server work per search. See bench/README.md.
# Usage: bench/application-list.sh [--applications 10000] [--runs 300]
set -euo pipefail
work_name=fairfund-application-list
source "$(dirname "${BASH_SOURCE[0]}")/seeded-app.sh"

build_release
data="$work/data"
mkdir -p "$data"
echo "== First start: database and demo data in $data"
start_app "$data"
stop_app
echo "== Seeding and timing"
dotnet "$bench_dll" application-list "$data" "$@"
