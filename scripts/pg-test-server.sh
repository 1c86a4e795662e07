#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: initdb into a new temporary folder,
# listen on a free port on 127.0.0.1 (and a socket in that folder), trust auth, nothing kept.
#   pg-test-server.sh start DIR   writes DIR/url (postgresql://...); the server's files live in a
#                                 folder of their own under /tmp, named in DIR/cluster
#   pg-test-server.sh stop DIR    stops it and removes both folders
# initdb refuses to run as root, so as root the server runs as the 'postgres' system user (its
# files go under /tmp because DIR may sit inside a folder only root can enter).
# Tests need no durability (fsync off); benchmarks set PG_DURABLE=1 to measure real commits.
set -euo pipefail

action=${1:?usage: pg-test-server.sh start|stop DIR}
dir=${2:?usage: pg-test-server.sh start|stop DIR}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "${bindir:-}/initdb" ] || { echo "pg-test-server: PostgreSQL server binaries not found (install the postgresql package)" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
    local cluster
    cluster=$(cat "$dir/cluster" 2>/dev/null || true)
    if [ -n "$cluster" ] && [ -f "$cluster/pgdata/postmaster.pid" ]; then
        as_owner "$bindir/pg_ctl" -D "$cluster/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$cluster" ]; then rm -rf "$cluster"; fi
}

case "$action" in
start)
    stop_server
    rm -rf "$dir"
    mkdir -p "$dir"
    cluster=$(mktemp -d /tmp/shopdesk-pg.XXXXXX)
    chmod 755 "$cluster"
    echo "$cluster" > "$dir/cluster"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cluster"; fi
    as_owner "$bindir/initdb" -D "$cluster/pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
        || { cat "$cluster/initdb.log" >&2; exit 1; }
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [ "${PG_DURABLE:-0}" = 1 ]; then fast=""; fi
    fast="$fast ${PG_EXTRA_OPTIONS:-}" # e.g. -c shared_preload_libraries=pg_stat_statements
    for attempt in $(seq 1 20); do
        port=$(( 20000 + RANDOM % 20000 ))
        if as_owner "$bindir/pg_ctl" -D "$cluster/pgdata" -l "$cluster/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster $fast -c max_connections=200" \
            start >/dev/null 2>&1; then
            echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$dir/url"
            echo "pg-test-server: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
            exit 0
        fi
    done
    echo "pg-test-server: could not start PostgreSQL; last log:" >&2
    tail -n 20 "$cluster/server.log" >&2 || true
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
