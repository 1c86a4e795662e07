#!/usr/bin/env bash
# The analytics over 100,000 conversations and 1,000,000 messages on both backends: each
# metric's query for the last 30 days and the whole year (median of 3), and the whole report.
#   bench/analytics.sh [CONVERSATIONS]      (called by bench/report.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
conversations=${1:-100000}
cmake --build build --target shopdesk-bench-analytics >/dev/null
work=$(mktemp -d)
cleanup() { bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
echo "analytics: $conversations conversations on SQLite..." >&2
build/bench/shopdesk-bench-analytics --database "sqlite:$work/a.sqlite3" \
    --conversations "$conversations" > "$work/results.jsonl"
# The bot's acknowledgements while year-long reports run on the same SQLite file: serve with
# the bot on (the default), 500 signed webhooks a second for 10 s, alone and then beside
# `shopdesk-cli report` run over and over.
cli=build/app/shopdesk-cli
db="sqlite:$work/a.sqlite3"
cmake --build build --target shopdesk-cli >/dev/null
source bench/serve-lib.sh
channel=$("$cli" channel add --tenant bench --provider meta --set phone_number_id=PN \
    --set access_token=t --set app_secret=s --set verify_token=v --set api_base=http://127.0.0.1:9 \
    --database "$db" | sed 's/.*"id":\([0-9]*\).*/\1/')
start_serve "$db" "$work/data" "$work/serve.log"
echo "analytics: acknowledgements without reports..." >&2
alone=$("$cli" simulate --channel "$channel" --url "$url" --rate 500 --duration 10 --json --database "$db")
from=$(date -d "-364 days" +%Y-%m-%d)
# At the console's reports priority (its reports thread runs at nice 10).
( while :; do nice -n 10 "$cli" report --tenant bench --from "$from" --database "$db" >/dev/null 2>&1; done ) &
reports=$!
echo "analytics: acknowledgements beside year-long reports..." >&2
beside=$("$cli" simulate --channel "$channel" --url "$url" --rate 500 --duration 10 --json --database "$db")
kill "$reports" 2>/dev/null; wait "$reports" 2>/dev/null || true
kill "$serve"; wait "$serve" 2>/dev/null || true
PG_DURABLE=1 bash scripts/pg-test-server.sh start "$work/pg" >&2
echo "analytics: $conversations conversations on PostgreSQL..." >&2
build/bench/shopdesk-bench-analytics --database "$(cat "$work/pg/url")" \
    --conversations "$conversations" >> "$work/results.jsonl"
value() { grep "\"bench\":\"$1\"" "$work/results.jsonl" | grep "\"backend\":\"$2\"" |
    sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| analytics metric | SQLite 30 d | SQLite 365 d | PostgreSQL 30 d | PostgreSQL 365 d | goal |"
echo "|---|---:|---:|---:|---:|---|"
for m in volume heatmap resolution handoffs gaps sentiment orders reminders bot_answers whole_report; do
    printf "| %s | %.1f | %.1f | %.1f | %.1f | %s |\n" "$m" \
        "$(value "analytics_${m}_30d" sqlite)" "$(value "analytics_${m}_365d" sqlite)" \
        "$(value "analytics_${m}_30d" postgresql)" "$(value "analytics_${m}_365d" postgresql)" \
        "$([ "$m" = whole_report ] && echo "" || echo "<= 200 ms")"
done
echo
echo "| acknowledgements with the bot on, 500 req/s | alone | beside year-long reports |"
echo "|---|---:|---:|"
printf "| p50 (ms) | %.2f | %.2f |\n" "$(field "$alone" p50_ms)" "$(field "$beside" p50_ms)"
printf "| p99 (ms) | %.2f | %.2f |\n" "$(field "$alone" p99_ms)" "$(field "$beside" p99_ms)"
echo
echo "(ms; $conversations conversations, $((conversations * 10)) messages over a year; $(nproc) cores; $(date -u +%Y-%m-%d))"
