#!/usr/bin/env bash
# The PostgreSQL exporter's backlog benchmark (issue 11): starts a throw-away PostgreSQL 15 on a free
# loopback port (its own data directory; as the postgres user when run as root, since postgres
# refuses root), with a scram password for the role linkyd, then runs
# `linkyd-bench --postgres-backlog` (30 days per meter drained by the exporter; target < 1 minute).
# Usage: scripts/bench-postgres.sh [METERS]   (default 1; release build of linkyd-bench unless LINKYD_BENCH is set)
set -euo pipefail
cd "$(dirname "$0")/.."
meters=${1:-1}
bin=/usr/lib/postgresql/15/bin
dir=$(mktemp -d /tmp/linkyd-bench-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U admin --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1" start >/dev/null
psql -X -q -h "$dir" -p "$port" -U admin -d postgres \
    -c "CREATE ROLE linkyd LOGIN PASSWORD 'bench-password'" -c "CREATE DATABASE linky OWNER linkyd"
echo bench-password >"$dir/pg.password"
mkdir -p "$dir/histories"
# LINKYD_BENCH=path/to/linkyd-bench to use a binary already built (else the release build is made).
bench=${LINKYD_BENCH:-}
if [ -z "$bench" ]; then
    swift build -c release --product linkyd-bench 2>&1 | grep -E "error|warning: unre" || true
    bench="$(swift build -c release --show-bin-path)/linkyd-bench"
fi
"$bench" --postgres-backlog \
    "postgres://linkyd@127.0.0.1:$port/linky?sslmode=disable" "$dir/pg.password" "$dir/histories" --meters "$meters"
psql -X -q -A -t -h "$dir" -p "$port" -U admin -d linky \
    -c "SELECT 'on the server: ' || (SELECT COUNT(*) FROM power_minute) || ' minutes, ' || (SELECT COUNT(*) FROM energy_snapshot) || ' snapshots, ' || (SELECT COUNT(*) FROM event) || ' events, ' || pg_size_pretty(pg_database_size('linky'))"
