#!/usr/bin/env bash
# Times the fund manager's moderation page for a round of many applications, over loopback, against the
# Release build of FairFund.Web in the Production environment.
#
#   bench/moderation-page.sh [--applications 1000] [--members 6] [--requests 50]
#
# Builds Release, starts the app once on a fresh temporary data folder (it creates the database and the
# demo data), stops it, takes the demo round to moderation with `FairFund.Bench seed-moderation`, starts the
# app again, signs in as the demo fund manager, warms up, then times sequential GETs of
# /fund/rounds/CW-MH-2027-R1/moderation and of one application's moderation page with curl's time_total.
# PORT (default: a free one) and KEEP_DATA=1 (keep the temporary folder) are read from the environment.
set -euo pipefail

applications=1000
members=6
requests=50
detail_requests=10
warmup=5
while [[ $# -gt 0 ]]; do
    case "$1" in
        --applications) applications="$2"; shift 2 ;;
        --members) members="$2"; shift 2 ;;
        --requests) requests="$2"; shift 2 ;;
        *) echo "Unknown argument: $1" >&2; exit 2 ;;
    esac
done

round=CW-MH-2027-R1
manager=manager@demo.fairfund.test
password=demo-manager-2027
work_name=fairfund-moderation-bench
# shellcheck source=bench/seeded-app.sh
source "$(dirname "${BASH_SOURCE[0]}")/seeded-app.sh"
data="$work/data"
jar="$work/cookies.txt"

build_release
seed_round "$data" "$applications" "$members"

echo "== Second start, on $base (Production)"
start_app "$data"

echo "== Signing in as $manager"
token="$(curl -fsS -c "$jar" -b "$jar" "$base/account/sign-in" \
    | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
if [[ -z "$token" ]]; then
    token="$(curl -fsS -c "$jar" -b "$jar" "$base/account/sign-in" \
        | grep -o '__RequestVerificationToken[^>]*' | sed -n 's/.*value="\([^"]*\)".*/\1/p' | head -n 1)"
fi
[[ -n "$token" ]] || { echo "No antiforgery token on the sign-in page." >&2; exit 1; }
status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.Email=$manager" --data-urlencode "Input.Password=$password" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in")"
[[ "$status" == 302 ]] || { echo "Sign-in answered $status, not a redirect." >&2; exit 1; }

page="$base/fund/rounds/$round/moderation"
check="$(curl -sS -o "$work/moderation.html" -w '%{http_code}' -b "$jar" "$page")"
[[ "$check" == 200 ]] || { echo "$page answered $check." >&2; exit 1; }
grep -q 'id="ranked"' "$work/moderation.html" || { echo "$page has no ranked list: is the round in moderation?" >&2; exit 1; }
rows="$(grep -o 'data-reference="' "$work/moderation.html" | wc -l)"
flagged="$(grep -o 'Reviewers disagree</strong>' "$work/moderation.html" | wc -l)"
one="$(grep -o 'data-reference="[^"]*"' "$work/moderation.html" | sed -n "$(( (rows + 1) / 2 ))p" | cut -d'"' -f2)"
echo "   the page ranks $rows applications, $flagged flagged for disagreement; the single-application page is $one"

# Prints min, median, p95 (nearest rank) and max of the times in seconds on stdin, in milliseconds.
summarise() {
    sort -g | awk '{ t[NR] = $1 * 1000 } END {
        n = NR; median = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
        p = int(0.95 * n); if (p < 0.95 * n) p++
        printf "min %.1f ms, median %.1f ms, p95 %.1f ms, max %.1f ms (n = %d)\n", t[1], median, t[p], t[n], n }'
}

# time_total for N sequential GETs of a URL, one a line; fails on anything but 200.
timed_gets() {
    local url="$1" count="$2" out code seconds
    for _ in $(seq 1 "$count"); do
        out="$(curl -sS -o /dev/null -b "$jar" -w '%{http_code} %{time_total}' "$url")"
        read -r code seconds <<<"$out"
        [[ "$code" == 200 ]] || { echo "$url answered $code." >&2; return 1; }
        echo "$seconds"
    done
}

echo "== Warming up ($warmup requests of each page)"
timed_gets "$page" "$warmup" >/dev/null
timed_gets "$page/$one" "$warmup" >/dev/null

echo "== Timing"
size="$(curl -sS -b "$jar" -o /dev/null -w '%{size_download}' "$page")"
list_times="$(timed_gets "$page" "$requests")"
detail_size="$(curl -sS -b "$jar" -o /dev/null -w '%{size_download}' "$page/$one")"
detail_times="$(timed_gets "$page/$one" "$detail_requests")"

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $(dotnet --version) SDK"
echo "Round: $applications applications, $members panel members, 3 reviews each"
echo "GET /fund/rounds/$round/moderation ($requests sequential, page $size bytes):"
echo "   $(summarise <<<"$list_times")"
echo "GET /fund/rounds/$round/moderation/$one ($detail_requests sequential, page $detail_size bytes):"
echo "   $(summarise <<<"$detail_times")"
