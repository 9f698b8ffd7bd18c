#!/usr/bin/env bash
# Installs what the tests need, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build
