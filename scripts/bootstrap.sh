#!/usr/bin/env bash
# Installs what linkyd needs to build on Debian 12 / Raspberry Pi OS, and checks the Swift toolchain.
# Safe to run again: apt-get only installs what is missing.
set -euo pipefail

# System libraries the package links against (kept in one place; .ci/run and the README use this script).
APT_PACKAGES=(pkg-config libgpiod-dev libi2c-dev libsqlite3-dev)  # libsqlite3-dev: GRDB (History)
# The web page's tests and benchmark: Debian's chromium (headless, tests/WebTests/BrowserTests) and wrk
# (the load on /api/status); the charting libraries of the energy (Chart.js) and power (dygraphs) pages,
# served by linkyd from /usr/share/javascript (never a copy in the repository).
APT_PACKAGES+=(chromium wrk libjs-chart.js libjs-dygraphs)
# Exporters (issue 11): libmosquitto to build; the tests start their own mosquitto on loopback.
APT_PACKAGES+=(libmosquitto-dev mosquitto mosquitto-clients)
APT_PACKAGES+=(influxdb)  # the InfluxDB exporter's tests start their own influxd (1.6) on loopback
# The PostgreSQL exporter's tests start their own PostgreSQL 15 (initdb, postgres, psql) on loopback.
APT_PACKAGES+=(postgresql)

missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "bootstrap: installing ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v swift >/dev/null 2>&1; then
    cat >&2 <<'MSG'
bootstrap: no Swift toolchain found. linkyd needs Swift 6.0 or later.
  Debian 13 / Raspberry Pi OS trixie:  sudo apt-get install swiftlang
  Debian 12 / Raspberry Pi OS bookworm (aarch64 or x86_64): install swiftly from swift.org
  ("curl -O https://download.swift.org/swiftly/linux/swiftly-$(uname -m).tar.gz", then
  "./swiftly init"), or unpack the Debian 12 toolchain from swift.org into /opt/swift.
MSG
    exit 1
fi
version=$(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -n 1)
if [ -z "$version" ] || [ "$version" -lt 6 ]; then
    echo "bootstrap: Swift 6.0 or later is needed, found: $(swift --version 2>&1 | head -n 1)" >&2
    exit 1
fi
