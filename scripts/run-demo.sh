#!/usr/bin/env bash
# Builds linkyd and runs its main job on the built-in simulated meter. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product linkyd
exec .build/release/linkyd demo "$@"
