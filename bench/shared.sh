#!/usr/bin/env bash
# Shared mode on PostgreSQL: one `shopdesk-cli serve` node against two on the same database, the
# bot on, signed Meta webhooks from wrk spread evenly over the nodes (as a load balancer would):
# the sustained acknowledged rate, and the bot's replies per second (every message wrk
# delivered, from the start of wrk to the last answer).
#   bench/shared.sh [SECONDS] [per-node]   (uses the build in ./build; starts its own PostgreSQL)
# By default wrk's 32 connections are spread over the nodes (the same offered load); with
# `per-node` each node gets 32 (twice the load for two nodes: their capacity, not their latency).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
perNode=${2:-}
cli=build/app/shopdesk-cli
cmake --build build --target shopdesk-cli >/dev/null
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
PG_DURABLE=1 bash scripts/pg-test-server.sh start "$work/pg" >&2
admin=$(cat "$work/pg/url")
source bench/serve-lib.sh

# The machine's CPU counters (busy and total jiffies over all cores) from /proc/stat.
cpu_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; print busy, busy + $5 + $6 }' /proc/stat; }
busy_percent() { # $1 $2: ticks before, $3 $4: ticks after
    awk -v b0="$1" -v t0="$2" -v b1="$3" -v t1="$4" 'BEGIN { printf "%.0f", 100 * (b1 - b0) / (t1 - t0) }'
}

run() { # $1: how many nodes
    local nodes=$1 label="nodes-$1"
    psql -q "$admin" -c "CREATE DATABASE bench_$nodes" >/dev/null
    local db=${admin%/postgres}/bench_$nodes
    local channel
    channel=$(bench_store "$db")
    local urls=()
    for n in $(seq "$nodes"); do
        start_serve "$db" "$work/data-$label-$n" "$work/serve-$label-$n.log"
        pids+=("$serve")
        urls+=("$url")
    done
    "$cli" simulate --channel "$channel" --url "${urls[0]}" --wrk-script "$work/$label.lua" \
        --count 150000 --database "$db" >/dev/null
    echo "shared ($label): wrk for ${seconds}s..." >&2
    local started drained total=0 wrks=()
    started=$(date +%s.%N)
    local before after
    before=($(cpu_ticks))
    for n in $(seq "$nodes"); do
        local connections=$((32 / nodes))
        [ "$perNode" = per-node ] && connections=32
        wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/$label.lua" "${urls[$((n - 1))]}" \
            > "$work/wrk-$label-$n.txt" &
        wrks+=($!)
    done
    for w in "${wrks[@]}"; do wait "$w"; done
    after=($(cpu_ticks))
    local wrkBusy
    wrkBusy=$(busy_percent "${before[@]}" "${after[@]}")
    before=("${after[@]}")
    for n in $(seq "$nodes"); do
        total=$(awk -v t="$total" '/Requests\/sec/ {print t + $2}' "$work/wrk-$label-$n.txt")
    done
    echo "shared ($label): waiting for the bots to answer them all..." >&2
    wait_for_bot "${urls[0]}"
    drained=$(date +%s.%N)
    after=($(cpu_ticks))
    local drainBusy
    drainBusy=$(busy_percent "${before[@]}" "${after[@]}")
    local replies
    replies=$(awk -v r="$total" -v s="$seconds" -v a="$started" -v b="$drained" \
        'BEGIN { printf "%.0f", r * s / (b - a) }')
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    pids=()
    printf "%s %s %s %s %s\n" "$nodes" "$total" "$replies" "$wrkBusy" "$drainBusy" >> "$work/rows"
}

run 1
run 2
one=($(grep '^1 ' "$work/rows")); two=($(grep '^2 ' "$work/rows"))
echo
echo "| shared PostgreSQL, bot on | one node | two nodes | two / one | unit | goal |"
echo "|---|---:|---:|---:|---|---|"
awk -v a="${one[1]}" -v b="${two[1]}" 'BEGIN { printf "| webhooks acknowledged, wrk | %.0f | %.0f | %.2f | req/s | >= 1.6 |\n", a, b, b / a }'
awk -v a="${one[2]}" -v b="${two[2]}" 'BEGIN { printf "| bot replies | %.0f | %.0f | %.2f | replies/s | >= 1.6 |\n", a, b, b / a }'
awk -v a="${one[3]}" -v b="${two[3]}" 'BEGIN { printf "| machine CPU busy while wrk sends | %d | %d | | %% of all cores | |\n", a, b }'
awk -v a="${one[4]}" -v b="${two[4]}" 'BEGIN { printf "| machine CPU busy while the bots drain | %d | %d | | %% of all cores | |\n", a, b }'
echo
echo "(wrk connections: $([ "$perNode" = per-node ] && echo "32 per node" || echo "32 spread over the nodes"))"
echo "($(nproc) cores shared by wrk, the nodes and PostgreSQL; $(date -u +%Y-%m-%d))"
