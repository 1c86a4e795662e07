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
echo "(ms; $conversations conversations, $((conversations * 10)) messages over a year; $(nproc) cores; $(date -u +%Y-%m-%d))"
