#!/usr/bin/env bash
# Runs the benchmarks on both backends and prints the table for the issue notes.
#   bench/report.sh [--quick]     (--quick: 100k messages instead of 1M for the read test)
# Uses the build in ./build (run scripts/test.sh or cmake --build build first). PostgreSQL runs
# on a throwaway local server with durable commits (fsync on), like a real install.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=1000000
[ "${1:-}" = "--quick" ] && messages=100000
cmake --build build --target shopdesk-bench-store >/dev/null
bench=build/bench/shopdesk-bench-store
work=$(mktemp -d)
results="$work/results.jsonl"
cleanup() { bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "sqlite: $messages messages..." >&2
"$bench" --database "sqlite:$work/bench.sqlite3" --messages "$messages" >> "$results"
PG_DURABLE=1 bash scripts/pg-test-server.sh start "$work/pg" >&2
echo "postgresql: $messages messages..." >&2
"$bench" --database "$(cat "$work/pg/url")" --messages "$messages" >> "$results"

echo
echo "| benchmark | SQLite | PostgreSQL | unit |"
echo "|---|---:|---:|---|"
for b in insert_single insert_batched latest50_p50 latest50_p99; do
    s=$(grep "\"bench\":\"$b\"" "$results" | grep '"backend":"sqlite"' | sed 's/.*"value":\([0-9.e+-]*\).*/\1/')
    p=$(grep "\"bench\":\"$b\"" "$results" | grep '"backend":"postgresql"' | sed 's/.*"value":\([0-9.e+-]*\).*/\1/')
    u=$(grep "\"bench\":\"$b\"" "$results" | head -1 | sed 's/.*"unit":"\([^"]*\)".*/\1/')
    printf "| %s | %.3f | %.3f | %s |\n" "$b" "$s" "$p" "$u"
done
echo
echo "($messages messages for the read test; $(nproc) cores; $(date -u +%Y-%m-%d))"
