#!/usr/bin/env bash
# Runs the benchmarks on both backends and prints the table for the issue notes.
#   bench/report.sh [--quick]     (--quick: 100k messages instead of 1M for the read test)
# Uses the build in ./build (run scripts/test.sh or cmake --build build first). PostgreSQL runs
# on a throwaway local server with durable commits (fsync on), like a real install.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=1000000
[ "${1:-}" = "--quick" ] && messages=100000
cmake --build build --target shopdesk-bench-store shopdesk-bench-outbound shopdesk-bench-knowledge shopdesk-bench-agent \
    shopdesk-cli >/dev/null
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

# Messaging: signed Meta webhooks on loopback into `shopdesk-cli serve` on SQLite, and the
# outbound drain against a fake Meta API (per-number limit lifted to measure the engine).
seconds=10
[ "${1:-}" = "--quick" ] && seconds=5
cli=build/app/shopdesk-cli
export SHOPDESK_SECRET_KEY_FILE="$work/secrets.key" # the CLI and serve share one data key
db="sqlite:$work/webhooks.sqlite3"
"$cli" tenant add --slug bench --name Bench --database "$db" >/dev/null
channel=$("$cli" channel add --tenant bench --provider meta --set phone_number_id=PN --set access_token=t \
    --set app_secret=s --set verify_token=v --database "$db" | sed 's/.*"id":\([0-9]*\).*/\1/')
"$cli" serve --database "$db" --data-dir "$work/data" --listen 127.0.0.1:0 > "$work/serve.log" 2>&1 &
serve=$!
for _ in $(seq 100); do grep -q "webhooks on" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$work/serve.log" | head -1)
# Sustained rate: wrk (a light C load tool, so the engine gets most of the 2 cores) replays
# pre-signed, all-different webhooks written by `simulate --wrk-script`.
echo "webhooks: as fast as acknowledged for ${seconds}s (wrk)..." >&2
"$cli" simulate --channel "$channel" --url "$url" --wrk-script "$work/webhooks.lua" \
    --count 150000 --database "$db" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$serve/stat"; }
cpu_before=$(cpu)
wrk -t1 -c32 -d"${seconds}s" -s "$work/webhooks.lua" "$url" > "$work/wrk.txt"
cpu_after=$(cpu)
sustained=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
completed=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
echo "webhooks: as fast as acknowledged for ${seconds}s (shopdesk-cli simulate)..." >&2
max=$("$cli" simulate --channel "$channel" --url "$url" --rate 0 --duration "$seconds" --json --database "$db")
echo "webhooks: 1,000 requests/s for ${seconds}s..." >&2
steady=$("$cli" simulate --channel "$channel" --url "$url" --rate 1000 --duration "$seconds" --json --database "$db")
kill "$serve"; wait "$serve" || true
field() { echo "$1" | sed "s/.*\"$2\":\([0-9.e+-]*\).*/\1/"; }
echo "outbound: draining 5,000 messages..." >&2
drain_sqlite=$(SHOPDESK_TEST_BACKEND=sqlite build/bench/shopdesk-bench-outbound --messages 5000 2>/dev/null)
# A fresh server: the store benchmark's 1M rows would still be checkpointing on the first one.
bash scripts/pg-test-server.sh stop "$work/pg" >/dev/null 2>&1 || true
PG_DURABLE=1 bash scripts/pg-test-server.sh start "$work/pg2" >&2
drain_pg=$(SHOPDESK_TEST_BACKEND=postgresql SHOPDESK_PG_URL_FILE="$work/pg2/url" \
    build/bench/shopdesk-bench-outbound --messages 5000 2>/dev/null)
bash scripts/pg-test-server.sh stop "$work/pg2" >/dev/null 2>&1 || true

echo
echo "| messaging benchmark | value | unit | goal |"
echo "|---|---:|---|---|"
printf "| signed Meta webhooks, sustained, wrk (SQLite) | %.0f | req/s | >= 5,000 |\n" "$sustained"
printf "| ... answers that were not 2xx | %d | requests | 0 |\n" "${non2xx:-0}"
printf "| engine CPU per acknowledged webhook (both threads) | %.3f | ms | |\n" \
    "$(awk -v a="$cpu_before" -v b="$cpu_after" -v t="$(getconf CLK_TCK)" -v n="$completed" \
        'BEGIN { print (b - a) * 1000 / t / n }')"
printf "| signed Meta webhooks, sustained, Qt load generator on the same cores | %.0f | req/s | |\n" \
    "$(field "$max" rate)"
printf "| acknowledgement p50 at 1,000 req/s | %.2f | ms | |\n" "$(field "$steady" p50_ms)"
printf "| acknowledgement p99 at 1,000 req/s | %.2f | ms | <= 10 |\n" "$(field "$steady" p99_ms)"
printf "| outbound drain to a fake Meta API (SQLite) | %.0f | msg/s | |\n" "$(field "$drain_sqlite" value)"
printf "| outbound drain to a fake Meta API (PostgreSQL) | %.0f | msg/s | |\n" "$(field "$drain_pg" value)"
echo
echo "(load generators and engine share the $(nproc) cores; webhooks acknowledged only after they are on disk; PostgreSQL with fsync on)"

# The same webhooks with the bot answering and with --no-agent, side by side.
bash bench/webhooks.sh "$seconds"

# Shared mode: one node against two on one PostgreSQL, the bot on.
bash bench/shared.sh "$seconds"

# The remote console: live events and requests over /api/ws, the bot on and off.
bash bench/remote.sh

# Analytics: every metric over 1M messages and 100k conversations on both backends.
bash bench/analytics.sh "$([ "${1:-}" = "--quick" ] && echo 20000 || echo 100000)"

# Knowledge: retrieval index over passages made from the BigBasket catalog's vocabulary, and the
# demo store's own BEIR set through the bot's retriever.
sizes=10000,100000,1000000
[ "${1:-}" = "--quick" ] && sizes=10000,100000
echo "knowledge: index and query latency at $sizes passages..." >&2
build/bench/shopdesk-bench-knowledge --catalog ../shared/data/bigbasket_products.csv \
    --chunks "$sizes" --queries 2000 > "$work/knowledge.jsonl"
beir=tests/knowledge/beir-demo
eval_plain=$("$cli" kb eval --corpus $beir/corpus.jsonl --queries $beir/queries.jsonl \
    --qrels $beir/qrels.tsv --json 2>/dev/null)
kvalue() { grep "\"bench\":\"$1\"" "$work/knowledge.jsonl" | grep "\"chunks\":$2," |
    sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| knowledge benchmark | passages | value | unit | goal |"
echo "|---|---:|---:|---|---|"
for n in ${sizes//,/ }; do
    printf "| index build rate | %d | %.0f | passages/s | |\n" "$n" "$(kvalue index_build_rate "$n")"
    printf "| index memory | %d | %.0f | MB | |\n" "$n" "$(kvalue index_memory "$n")"
    goal50=""; goal99=""
    [ "$n" = 100000 ] && goal50="<= 2" && goal99="<= 15"
    printf "| query p50 | %d | %.2f | ms | %s |\n" "$n" "$(kvalue query_p50 "$n")" "$goal50"
    printf "| query p99 | %d | %.2f | ms | %s |\n" "$n" "$(kvalue query_p99 "$n")" "$goal99"
done
printf "| demo BEIR set nDCG@10 / recall@10 / MRR@10 | 19 | %.3f / %.3f / %.3f | | |\n" \
    "$(field "$eval_plain" 'ndcg@10')" "$(field "$eval_plain" 'recall@10')" "$(field "$eval_plain" 'mrr@10')"
echo
echo "(queries: words drawn from the passages, a fifth with a typo, a tenth one common word)"

echo "agent: the non-LLM pipeline per message on the demo store, intent latency and training..." >&2
build/bench/shopdesk-bench-agent --hwu64 ../shared/data/hwu64 --conversations 200 \
    > "$work/agent.jsonl" 2>/dev/null
avalue() { grep "\"bench\":\"$1\"" "$work/agent.jsonl" | sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| agent benchmark | value | unit | goal |"
echo "|---|---:|---|---|"
printf "| pipeline p50 per message (decide + commit, SQLite) | %.2f | ms | <= 2 |\n" "$(avalue pipeline_p50)"
printf "| pipeline p99 per message | %.2f | ms | <= 10 |\n" "$(avalue pipeline_p99)"
printf "| intent classification p50 | %.3f | ms | |\n" "$(avalue intent_classify_p50)"
printf "| intent training on 10,000 examples (HWU64) | %.1f | s | |\n" "$(avalue intent_train_10k)"

# Store operations: the customers list and ledger with a grown book, a bill's PDF, and the
# owner's commands over the 27,555-product catalog, on both backends.
cmake --build build --target shopdesk-bench-operations >/dev/null
echo "operations: 2,000 customers x 40 ledger entries, the BigBasket catalog..." >&2
ops=build/bench/shopdesk-bench-operations
"$ops" --database "sqlite:$work/ops.sqlite3" --catalog ../shared/data/bigbasket_products.csv \
    > "$work/ops.jsonl" 2>/dev/null
"$ops" --database "$(cat "$work/pg/url")" --catalog ../shared/data/bigbasket_products.csv \
    >> "$work/ops.jsonl" 2>/dev/null
ovalue() { grep "\"bench\":\"$1\"" "$work/ops.jsonl" | grep "\"backend\":\"$2\"" |
    sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| operations benchmark | SQLite | PostgreSQL | unit |"
echo "|---|---:|---:|---|"
for b in customers_list_p50 customers_search_p50 ledger_book_p50 ledger_payment_p50 \
    bill_pdf_20_lines_p50 owner_balance_p50 owner_stock_p50 owner_credit_goods_readback_p50 \
    owner_stock_building_matcher_p50; do
    printf "| %s | %.2f | %.2f | ms |\n" "$b" "$(ovalue $b sqlite)" "$(ovalue $b postgresql)"
done

# Photos of shopping lists: Tesseract's time per photo and the items that become the right
# product of the demo store's catalog.
cmake --build build --target shopdesk-bench-media >/dev/null
echo "media: reading photos of lists with Tesseract..." >&2
build/bench/shopdesk-bench-media --runs 5 > "$work/media.jsonl" 2>/dev/null
mvalue() { grep "\"bench\":\"$1\"" "$work/media.jsonl" | sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| photo of a list | OCR p50 (ms) | items right |"
echo "|---|---:|---:|"
for c in english_5 photographed_5 devanagari_3 english_12; do
    printf "| %s | %.0f | %s of %s |\n" "$c" "$(mvalue ocr_${c}_p50)" \
        "$(mvalue ocr_${c}_items_right)" "$(mvalue ocr_${c}_items_written)"
done
printf "| first photo (Tesseract starting) | %.0f | |\n" "$(mvalue ocr_first_photo_with_startup)"
printf "| Tesseract's memory (eng+hin) | %.0f MB | |\n" "$(mvalue ocr_tesseract_memory)"

# Photos among ordinary messages through signed webhooks into a running engine, bot on and off
# in the same run: acknowledgements while Tesseract reads, and how long the photos take.
cmake --build build --target shopdesk-bench-media-load >/dev/null
echo "media: photos among webhooks, bot on and off..." >&2
SHOPDESK_TEST_BACKEND=sqlite build/bench/shopdesk-bench-media-load --messages 300 --photos 20 \
    > "$work/media-load.jsonl" 2>/dev/null
lvalue() { grep "\"bench\":\"$1\"" "$work/media-load.jsonl" | grep "\"bot\":\"$2\"" |
    sed 's/.*"value":\([0-9.e+-]*\).*/\1/'; }
echo
echo "| 300 webhooks, 20 of them photos (SQLite) | bot on | bot off | unit |"
echo "|---|---:|---:|---|"
for b in media_ack_p50 media_ack_p99 media_ack_p50_no_photos media_ack_p99_no_photos \
    media_send_rate media_per_photo_ms media_photos_read_after_ms; do
    printf "| %s | %.1f | %.1f | %s |\n" "$b" "$(lvalue $b on)" "$(lvalue $b off)" \
        "$(grep "\"bench\":\"$b\"" "$work/media-load.jsonl" | head -1 | sed 's/.*"unit":"\([^"]*\)".*/\1/')"
done
printf "| everything answered after | %.0f | - | ms |\n" "$(lvalue media_all_answered_after_ms on)"

# Takeover: the randomized race of the test suite at a larger count, on both backends. Customer
# messages on 40 chats (half of them through a scripted language model on 127.0.0.1 that takes
# 10 ms), takeovers and hand backs at random moments; every bot message is checked against the
# takeover and hand-back lines in commit order.
races=20000
[ "${1:-}" = "--quick" ] && races=4000
cmake --build build --target tst_takeover >/dev/null
race() {
    local backend=$1
    SHOPDESK_TEST_BACKEND=$backend SHOPDESK_TEST_PG_URL="$(cat "$work/pg/url" 2>/dev/null || true)" \
        SHOPDESK_TAKEOVER_RACES=$races QT_QPA_PLATFORM=offscreen \
        build/tests/agent/tst_takeover randomizedRacesNeverLetTheBotSpeakInATakenChat 2>&1 |
        grep -o '[0-9]* races: .*' | head -1
}
echo "takeover: $races races per backend..." >&2
echo
echo "| takeover race | result |"
echo "|---|---|"
echo "| SQLite | $(race sqlite) |"
echo "| PostgreSQL | $(race postgresql) |"
