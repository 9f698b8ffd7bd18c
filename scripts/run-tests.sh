#!/usr/bin/env bash
# Installs what the tests need, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
# One test at a time: the pty, browser and signal tests open pseudo terminals by number and start
# servers; run together, a freed /dev/pts/N reused by another test can steal its bytes.
swift test --skip-build --no-parallel
