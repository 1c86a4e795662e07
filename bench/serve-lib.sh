# Helpers shared by the benchmarks that drive `shopdesk-cli serve` (sourced; needs $cli and $work).
# Every CLI run and node of a benchmark shares one data key, as a shared store's nodes do.
export SHOPDESK_SECRET_KEY_FILE="${SHOPDESK_SECRET_KEY_FILE:-$work/secrets.key}"
field() { echo "$1" | sed "s/.*\"$2\":\([0-9.e+-]*\).*/\1/"; }

# A store "bench" with a Meta channel in database $1; prints the channel's id.
bench_store() {
    "$cli" tenant add --slug bench --name Bench --database "$1" >/dev/null
    "$cli" channel add --tenant bench --provider meta --set phone_number_id=PN \
        --set access_token=t --set app_secret=s --set verify_token=v --set api_base=http://127.0.0.1:9 \
        --database "$1" | sed 's/.*"id":\([0-9]*\).*/\1/'
}

# Starts serve on database $1 with data folder $2, logging to $3, extra arguments after; sets
# $serve (its pid) and $url (its webhook address) once it listens.
start_serve() {
    local db=$1 data=$2 log=$3; shift 3
    "$cli" serve --database "$db" --data-dir "$data" --listen 127.0.0.1:0 "$@" > "$log" 2>&1 &
    serve=$!
    for _ in $(seq 100); do grep -q "webhooks on" "$log" && break; sleep 0.1; done
    url=$(grep -o "http://127.0.0.1:[0-9]*" "$log" | head -1)
}

# Waits (at most 10 minutes) until the node at $1 says in /healthz that the bot has caught up:
# every recorded webhook applied (the bot's queue is filled from them) and the queue empty.
# Once a second: each look is a read on the node's database, which the bot is using.
wait_for_bot() {
    local health
    for _ in $(seq 600); do
        health=$(curl -s "$1/healthz")
        [ "$(field "$health" inbound_backlog)" = "0" ] && [ "$(field "$health" bot_backlog)" = "0" ] &&
            break
        sleep 1
    done
}
