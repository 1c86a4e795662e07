#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb into a temporary folder, listen on a free
# port on 127.0.0.1 (and a socket in that folder), trust auth, no data kept.
#   pg-test-server.sh start DIR   writes DIR/url (postgresql://...) and DIR/pgdata
#   pg-test-server.sh stop DIR    stops it and removes the folder
# initdb refuses to run as root, so as root the server runs as the 'postgres' system user.
set -euo pipefail

action=${1:?usage: pg-test-server.sh start|stop DIR}
dir=${2:?usage: pg-test-server.sh start|stop DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-test-server: PostgreSQL server binaries not found (install the postgresql package)" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
    if [ -f "$dir/pgdata/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
}

case "$action" in
start)
    stop_server
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # Tests need no durability; benchmarks set PG_DURABLE=1 to measure real commits.
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [ "${PG_DURABLE:-0}" = 1 ]; then fast=""; fi
    for attempt in $(seq 1 20); do
        port=$(( 20000 + RANDOM % 20000 ))
        if as_owner "$bindir/pg_ctl" -D "$dir/pgdata" -l "$dir/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $fast -c max_connections=200" \
            start >/dev/null 2>&1; then
            echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$dir/url"
            echo "pg-test-server: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
            exit 0
        fi
    done
    echo "pg-test-server: could not start PostgreSQL; last log:" >&2
    tail -n 20 "$dir/server.log" >&2 || true
    exit 1
    ;;
stop)
    stop_server
    rm -rf "$dir"
    echo "pg-test-server: stopped"
    ;;
*)
    echo "usage: pg-test-server.sh start|stop DIR" >&2
    exit 2
    ;;
esac
