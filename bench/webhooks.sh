#!/usr/bin/env bash
# Signed Meta webhooks into `shopdesk-cli serve` on SQLite, with the bot answering (the default)
# and with --no-agent, in the same run: the sustained rate (wrk), the acknowledgement p50/p99 at
# 1,000 req/s (more than the bot answers), and how far behind the bot was at the end.
#   bench/webhooks.sh [SECONDS]      (uses the build in ./build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
cli=build/app/shopdesk-cli
cmake --build build --target shopdesk-cli >/dev/null
work=$(mktemp -d)
trap 'kill "${serve:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/serve-lib.sh

run() { # $1: label, $2...: extra serve arguments
    local label=$1; shift
    local db="sqlite:$work/$label.sqlite3"
    local channel
    channel=$(bench_store "$db")
    start_serve "$db" "$work/data-$label" "$work/serve-$label.log" "$@"
    echo "webhooks ($label): wrk for ${seconds}s..." >&2
    "$cli" simulate --channel "$channel" --url "$url" --wrk-script "$work/$label.lua" \
        --count 150000 --database "$db" >/dev/null
    local started drained replies
    started=$(date +%s.%N)
    wrk -t1 -c32 -d"${seconds}s" --latency -s "$work/$label.lua" "$url" > "$work/wrk-$label.txt"
    local sustained steady backlog saturated
    sustained=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$label.txt")
    # wrk's p99 while it saturates the node (the bot falls behind): in ms whatever unit it used.
    saturated=$(awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        print (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$work/wrk-$label.txt")
    # Bot replies per second: every message wrk delivered, answered from the start of wrk until
    # the bot's queue is empty (at most 5 minutes).
    replies="-"
    if [ "$label" = "bot-on" ]; then
        echo "webhooks ($label): waiting for the bot to answer them all..." >&2
        wait_for_bot "$url"
        drained=$(date +%s.%N)
        replies=$(awk -v r="$sustained" -v s="$seconds" -v a="$started" -v b="$drained" \
            'BEGIN { printf "%.0f", r * s / (b - a) }')
    fi
    echo "webhooks ($label): 1,000 requests/s for ${seconds}s..." >&2
    steady=$("$cli" simulate --channel "$channel" --url "$url" --rate 1000 --duration "$seconds" \
        --json --database "$db")
    local health bot
    health=$(curl -s "$url/healthz")
    backlog=$(echo "$health" | sed 's/.*"inbound_backlog":\([0-9]*\).*/\1/')
    bot=$(echo "$health" | sed 's/.*"bot_backlog":\([0-9]*\).*/\1/')
    kill "$serve"; wait "$serve" || true
    printf "%s %s %s %s %s %s %s %s\n" "$label" "$sustained" "$(field "$steady" p50_ms)" \
        "$(field "$steady" p99_ms)" "${backlog:-?}" "${bot:-?}" "$replies" "$saturated" >> "$work/rows"
}

run "bot-on"
run "bot-off" --no-agent
echo
echo "| webhooks (SQLite) | bot on | bot off | unit | goal |"
echo "|---|---:|---:|---|---|"
on=($(grep '^bot-on ' "$work/rows")); off=($(grep '^bot-off ' "$work/rows"))
printf "| sustained, wrk | %.0f | %.0f | req/s | on >= 0.8 x off, >= 5,000 |\n" "${on[1]}" "${off[1]}"
printf "| acknowledgement p50 at 1,000 req/s | %.2f | %.2f | ms | |\n" "${on[2]}" "${off[2]}"
printf "| acknowledgement p99 at 1,000 req/s | %.2f | %.2f | ms | <= 10 |\n" "${on[3]}" "${off[3]}"
printf "| acknowledgement p99 under wrk (saturated, the bot behind) | %.2f | %.2f | ms | |\n" "${on[7]}" "${off[7]}"
printf "| inbound backlog at the end (/healthz) | %s | %s | events | |\n" "${on[4]}" "${off[4]}"
printf "| bot backlog at the end (/healthz) | %s | %s | messages | answered later, oldest first |\n" "${on[5]}" "${off[5]}"
printf "| bot replies, wrk's messages start to last answer | %s | %s | replies/s | |\n" "${on[6]}" "${off[6]}"
echo
echo "($(nproc) cores shared by wrk, the load generator and the engine; $(date -u +%Y-%m-%d))"
