#!/usr/bin/env bash
# The InfluxDB exporter's drain benchmark (issue 11): starts a private influxd (Debian's influxdb 1.6,
# scripts/bootstrap.sh) on loopback with its own config, ports and directories, runs
# `linkyd-bench --influx-drain` against it (30 days × 2 meters by default: pass --days/--meters to
# change), and stops it. Usage: scripts/bench-influx.sh [path/to/linkyd-bench] [--days N] [--meters M]
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.build/release/linkyd-bench
if [ $# -gt 0 ] && [ -x "$1" ]; then bench=$1; shift; fi
if [ ! -x "$bench" ]; then swift build -c release --product linkyd-bench; fi
dir=$(mktemp -d /tmp/linkyd-bench-influxd.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$dir/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/meta"
[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$port"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
influxd -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
influxd_pid=$!
trap 'kill $influxd_pid 2>/dev/null; wait $influxd_pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/ping" && break
    sleep 0.1
done
echo "influxd $(influxd version 2>/dev/null | head -n 1) on 127.0.0.1:$port; $(nproc) cores"
"$bench" --influx-drain "http://127.0.0.1:$port" "$@"
