#!/usr/bin/env bash
# Times sending a round's decisions by email: every letter rendered, queued in the outbox and committed
# (phase A), then delivered over SMTP to a netDumbster server on 127.0.0.1 (phase B), with the Release build.
#
#   bench/decision-mail.sh [--applications 1000] [--members 6] [--runs 1]
#
# Builds Release, starts FairFund.Web once on a fresh temporary data folder (it creates the database and the
# demo data), stops it, takes the demo round to moderation with `FairFund.Bench seed-moderation`, then runs
# `FairFund.Bench send-decisions` on a copy of that folder, once for each run, each in a fresh process. Each
# run approves the round as the round page does, times the two phases and checks that the server received
# exactly one message per decided application, each with its own Message-Id (it fails otherwise).
# PORT (default: a free one, for the app's first start) and KEEP_DATA=1 (keep the temporary folder) are read
# from the environment.
set -euo pipefail

applications=1000
members=6
runs=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --applications) applications="$2"; shift 2 ;;
        --members) members="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) echo "Unknown argument: $1" >&2; exit 2 ;;
    esac
done

work_name=fairfund-decision-mail-bench
# shellcheck source=bench/seeded-app.sh
source "$(dirname "${BASH_SOURCE[0]}")/seeded-app.sh"
seeded="$work/seeded"

build_release
seed_round "$seeded" "$applications" "$members"

for run in $(seq 1 "$runs"); do
    echo
    echo "== Run $run of $runs: send-decisions on a fresh copy of the seeded folder"
    rm -rf "$work/run"
    cp -a "$seeded" "$work/run"
    dotnet "$bench_dll" send-decisions "$work/run"
done
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(dotnet --version) SDK"
