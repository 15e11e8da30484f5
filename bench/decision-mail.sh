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

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web_dll="$root/FairFund.Web/bin/Release/net10.0/FairFund.Web.dll"
bench_dll="$root/bench/FairFund.Bench/bin/Release/net10.0/FairFund.Bench.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/fairfund-decision-mail-bench.XXXXXX")"
seeded="$work/seeded"
app_pid=""

stop_app() {
    if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}

cleanup() {
    local status=$?
    stop_app
    if [[ $status -ne 0 && -f "$work/app.log" ]]; then
        echo "--- last lines of the app's log ---" >&2
        tail -n 40 "$work/app.log" >&2 || true
    fi
    if [[ "${KEEP_DATA:-0}" == 1 ]]; then echo "Kept $work" >&2; else rm -rf "$work"; fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
base="http://127.0.0.1:$port"

echo "== Building Release (FairFund.Bench builds FairFund.Web too)"
dotnet build -c Release "$root/bench/FairFund.Bench/FairFund.Bench.csproj" -nologo -v quiet >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; exit 1; }

echo "== First start: database and demo data in $seeded"
FairFund__DataDirectory="$seeded" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$web_dll" >>"$work/app.log" 2>&1 &
app_pid=$!
started=0
for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then started=1; break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then echo "The app stopped while starting." >&2; exit 1; fi
    sleep 0.5
done
[[ $started == 1 ]] || { echo "The app did not answer $base/healthz within 120 s." >&2; exit 1; }
stop_app

echo "== Seeding $applications applications, $members panel members"
dotnet "$bench_dll" seed-moderation "$seeded" --applications "$applications" --members "$members"

for run in $(seq 1 "$runs"); do
    echo
    echo "== Run $run of $runs: send-decisions on a fresh copy of the seeded folder"
    rm -rf "$work/run"
    cp -a "$seeded" "$work/run"
    dotnet "$bench_dll" send-decisions "$work/run"
done
echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(dotnet --version) SDK"
