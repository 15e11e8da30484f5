#!/usr/bin/env bash
# The deadline rush, through the real pages of the Release build of FairFund.Web (Production), beside the
# machine's limit: one SQLite commit per request from a bare Kestrel endpoint, driven by the same client.
#
#   bench/deadline-rush.sh [--users 50] [--seconds 20] [--kill]
#
# 1. The limit: `FairFund.Bench commit-limit-server` on a fresh database, `commit-load` for --seconds.
#    The stack floor: `stack-floor-server`, the least a Razor Pages app with cookie authentication, antiforgery
#    and EF Core on SQLite does for one save (GET the form, POST it, one commit, redirect), `stack-floor-load`.
# 2. One start of the app makes the database and demo data; `seed-applicants` gives --users applicants a
#    confirmed account, a group and a draft ready to send (straight into the database: preparation only).
# 3. The app starts again; `deadline-rush` signs every applicant in through the sign-in form, then for
#    --seconds every one keeps pressing "Save and continue", then all press "Send application" at once.
# 4. The app stops; `check-rush` finds every acknowledged save and send in the database and runs
#    PRAGMA integrity_check.
# With --kill, the app is killed with SIGKILL once a quarter of the sends have been acknowledged, started
# again on the same data, and then checked. PORT and KEEP_DATA=1 are read as by the other bench scripts.
set -euo pipefail

users=50
seconds=20
kill_mode=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --users) users="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --kill) kill_mode=1; shift ;;
        *) echo "Unknown argument: $1" >&2; exit 2 ;;
    esac
done

work_name=fairfund-deadline-rush
# shellcheck source=bench/seeded-app.sh
source "$(dirname "${BASH_SOURCE[0]}")/seeded-app.sh"
data="$work/data"
acks="$work/acks.tsv"

# Production refuses to start without its public address, and demo data must be asked for; every applicant
# signs in from 127.0.0.1, so the per-address sign-in limit is lifted for the run.
export FairFund__PublicBaseUrl="$base" FairFund__DemoData=true FairFund__SignInAttemptsPerMinute=1000000

wait_for() {
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    echo "$1 did not answer within 120 s." >&2
    return 1
}

build_release
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== The limit: one SQLite commit per request (bare Kestrel, synchronous=FULL), $users users, $seconds s"
ASPNETCORE_URLS="$base" dotnet "$bench_dll" commit-limit-server "$work/limit" >>"$work/limit.log" 2>&1 &
limit_pid=$!
wait_for "$base/healthz"
# A failed load stops the script only once its server is stopped, which the exit trap does not know about.
load_status=0
dotnet "$bench_dll" commit-load "$base/commit" --users "$users" --seconds "$seconds" --results "$work/limit.env" --server-pid "$limit_pid" || load_status=$?
kill "$limit_pid"; wait "$limit_pid" 2>/dev/null || true
[[ "$load_status" == 0 ]] || exit "$load_status"

echo "== The stack floor: one Razor Page, cookie sign-in, antiforgery, EF Core on SQLite (synchronous=FULL), $users users, $seconds s"
ASPNETCORE_URLS="$base" dotnet "$bench_dll" stack-floor-server "$work/floor" >>"$work/floor.log" 2>&1 &
floor_pid=$!
wait_for "$base/healthz"
dotnet "$bench_dll" stack-floor-load "$base" --users "$users" --seconds "$seconds" --results "$work/floor.env" --server-pid "$floor_pid" || load_status=$?
kill "$floor_pid"; wait "$floor_pid" 2>/dev/null || true
[[ "$load_status" == 0 ]] || { tail -n 20 "$work/floor.log" >&2; exit "$load_status"; }

echo "== First start: database and demo data in $data"
start_app "$data"
stop_app
# One more than the rush's users: that one sends first, untimed, to warm the send up.
dotnet "$bench_dll" seed-applicants "$data" --applicants "$(( users + 1 ))"

echo "== The rush, on $base (Production)"
start_app "$data"
rush=(dotnet "$bench_dll" deadline-rush "$base" --users "$users" --seconds "$seconds" --acks "$acks" --results "$work/rush.env" --app-pid "$app_pid")
killed=""
if [[ "$kill_mode" == 1 ]]; then
    # The client kills the app itself as the quarter-th send is acknowledged: a script polling the acks file
    # lands too late, as all the sends take a fraction of a second.
    quarter=$(( (users + 3) / 4 ))
    "${rush[@]}" --expect-kill --kill-after-sends "$quarter" || true
    # The warm-up send is in the acks file too.
    killed="$(grep -c '^sent' "$acks" || true)"
    echo "   $killed sends acknowledged in all (with the warm-up send)"
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    echo "== Restart on the same data"
    start_app "$data"
    peak="n/a (killed)"
else
    "${rush[@]}"
    peak="$(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$app_pid/status")"
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_app

echo "== Checking the database"
check_status=0
dotnet "$bench_dll" check-rush "$data" "$acks" --results "$work/check.env" || check_status=$?

# shellcheck disable=SC1091
source "$work/limit.env"; source "$work/floor.env"; source "$work/rush.env" 2>/dev/null || true; source "$work/check.env"
share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
ratio="$(share "${SAVE_PER_S:-0}" "$LIMIT_PER_S")"
echo
echo "== Deadline rush: $users users, $seconds s of saves, then all send at once$([[ "$kill_mode" == 1 ]] && echo ", killed with SIGKILL mid-send")"
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(dotnet --version) SDK"
echo "Load average: $load_before before, $load_after after"
echo "Save and continue:   ${SAVE_PER_S:-?}/s ($SAVE_COUNT in $SAVE_SECONDS s); p50 $SAVE_P50 ms, p95 $SAVE_P95 ms, p99 $SAVE_P99 ms; not acknowledged $SAVE_ERRORS"
echo "Send application:    ${SEND_PER_S:-?}/s ($SEND_COUNT in $SEND_SECONDS s); p50 $SEND_P50 ms, p95 $SEND_P95 ms, p99 $SEND_P99 ms; not acknowledged $SEND_ERRORS"
echo "Limit (1 commit/req): $LIMIT_PER_S/s; p50 $LIMIT_P50 ms, p95 $LIMIT_P95 ms, p99 $LIMIT_P99 ms; not acknowledged $LIMIT_ERRORS"
echo "Stack floor (1 save): $FLOOR_PER_S/s; p50 $FLOOR_P50 ms, p95 $FLOOR_P95 ms, p99 $FLOOR_P99 ms; not acknowledged $FLOOR_ERRORS"
echo "CPU per request:     save (with its GET) ${SAVE_CPU_MS:-?} ms, send ${SEND_CPU_MS:-?} ms in the app; save (with its GET) ${FLOOR_CPU_MS:-?} ms in the stack floor; commit ${LIMIT_CPU_MS:-?} ms in the limit server"
echo "Saves as a share of the limit: $ratio; the stack floor as a share of the limit: $(share "$FLOOR_PER_S" "$LIMIT_PER_S"); the app's saves as a share of the floor: $(share "${SAVE_PER_S:-0}" "$FLOOR_PER_S")"
echo "Peak memory of the app (VmHWM): $peak"
[[ -n "$killed" ]] && echo "Killed after $killed acknowledged sends; restarted on the same data"
echo "Stored: $CHECKED_SAVES last acknowledged answers and $CHECKED_SENDS acknowledged sends checked, $LOST lost; integrity_check: $INTEGRITY"
exit "$check_status"
