#!/usr/bin/env bash
# The remote console's API on `shopdesk-cli serve` (SQLite), with the bot answering (the
# default) and with --no-agent, in the same run: a customer's message from its webhook to a
# signed-in remote console (live event), and a request's round trip (the inbox's list of 20
# chats).   bench/remote.sh [MESSAGES]      (uses the build in ./build)
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-200}
cli=build/app/shopdesk-cli
cmake --build build --target shopdesk-cli shopdesk-bench-remote >/dev/null
work=$(mktemp -d)
trap 'kill "${serve:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
source bench/serve-lib.sh

run() { # $1: label, $2...: extra serve arguments
    local label=$1; shift
    local db="sqlite:$work/$label.sqlite3"
    bench_store "$db" >/dev/null
    echo "bench-owner-password" | "$cli" operator add --tenant bench --name Owner --role owner \
        --password-stdin --database "$db" >/dev/null
    start_serve "$db" "$work/data-$label" "$work/serve-$label.log" "$@"
    echo "remote console ($label): $messages live messages, 500 requests..." >&2
    echo "bench-owner-password" | build/bench/shopdesk-bench-remote --ws "${url/http/ws}" \
        --webhooks "$url" --database "$db" --store bench --name Owner --messages "$messages" \
        --requests 500 > "$work/$label.jsonl"
    kill "$serve"; wait "$serve" 2>/dev/null || true
}
value() { grep "\"bench\":\"$2\"" "$work/$1.jsonl" | sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }

run bot
run no-agent --no-agent
echo
echo "| remote console (ws://, SQLite) | bot on | bot off | unit |"
echo "|---|---:|---:|---|"
for b in event_p50 event_p99 request_p50 request_p99; do
    printf "| %s | %.2f | %.2f | ms |\n" "$b" "$(value bot "remote_$b")" "$(value no-agent "remote_$b")"
done
echo
echo "(event: from sending a customer's signed webhook to the console's live event; request: the inbox's list)"
