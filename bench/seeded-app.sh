# Sourced by the bench scripts: a temporary work folder, the Release build of FairFund.Web started and
# stopped on it, and a data folder with the demo round taken to moderation by `seed-moderation`.
# Before sourcing, set `work_name` (the temporary folder's name); afterwards call `build_release`,
# then `seed_round DATA APPLICATIONS MEMBERS`, and `start_app DATA` / `stop_app` as needed.
# PORT (default: a free one) and KEEP_DATA=1 (keep the temporary folder) are read from the environment.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web_dll="$root/FairFund.Web/bin/Release/net10.0/FairFund.Web.dll"
bench_dll="$root/bench/FairFund.Bench/bin/Release/net10.0/FairFund.Bench.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/$work_name.XXXXXX")"
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

# Starts the app on the data folder $1 and waits until it answers its health check. Production needs its
# public address; the demo round is what the bench seeds, so demo data is asked for explicitly.
start_app() {
    FairFund__DataDirectory="$1" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
        FairFund__PublicBaseUrl="$base" FairFund__DemoData=true \
        dotnet "$web_dll" >>"$work/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; then return 0; fi
        if ! kill -0 "$app_pid" 2>/dev/null; then echo "The app stopped while starting." >&2; return 1; fi
        sleep 0.5
    done
    echo "The app did not answer $base/healthz within 120 s." >&2
    return 1
}

build_release() {
    echo "== Building Release (FairFund.Bench builds FairFund.Web too)"
    dotnet build -c Release "$root/bench/FairFund.Bench/FairFund.Bench.csproj" -nologo -v quiet >"$work/build.log" 2>&1 \
        || { tail -n 40 "$work/build.log" >&2; exit 1; }
}

# One start makes the database and the demo data in $1; then the demo round goes to moderation with
# $2 applications and $3 panel members.
seed_round() {
    echo "== First start: database and demo data in $1"
    start_app "$1"
    stop_app
    echo "== Seeding $2 applications, $3 panel members"
    dotnet "$bench_dll" seed-moderation "$1" --applications "$2" --members "$3"
}
