#!/usr/bin/env bash
# Checks the files in systemd/ the way a Raspberry Pi will read them:
#   1. `systemd-analyze verify` on linkyd.service, unmodified, inside a throw-away root;
#   2. `systemd-analyze security --offline=true`: the exposure score must be 2.0 or better ("OK");
#   3. linkyd.sysusers applied by systemd-sysusers to the throw-away root (user and groups appear);
#   4. the udev rules' syntax (scripts/check-udev-rules.sh).
#
# How verify runs: it refuses a unit whose ExecStart binary does not exist, and linkyd is not installed
# on the CI machine. So the unit is copied to <root>/etc/systemd/system/, a stub executable is put at
# <root>/usr/local/bin/linkyd, the host's /usr/lib/systemd/system is copied in (the targets the unit
# refers to: multi-user.target, sysinit.target, …), and `systemd-analyze verify --root=<root>` reads
# that tree. Nothing outside the temp dir is touched, no root needed. verify exits 0 on some problems
# (an unknown key, a value it cannot parse: "ignoring"), so any output on stderr is a failure too.
#
# Needs: systemd's tools (systemd-analyze, systemd-sysusers; installed with apt if missing), awk.
# Environment: MAX_EXPOSURE (default 2.0), KEEP=1 keeps the temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."

UNIT=systemd/linkyd.service
MAX_EXPOSURE=${MAX_EXPOSURE:-2.0}
# CI only needs systemd's tools, not a running systemd: install the package if a fresh machine lacks it.
if ! command -v systemd-analyze >/dev/null || ! command -v systemd-sysusers >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "check-systemd: installing systemd (for systemd-analyze and systemd-sysusers)" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq systemd >/dev/null
fi
echo "check-systemd: $(systemd-analyze --version | head -n 1)" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/check-systemd.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "check-systemd: keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
root=$work/root
failed=0

# 1. verify, in a throw-away root
units=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || echo /usr/lib/systemd/system)
mkdir -p "$root/etc/systemd/system" "$root/usr/local/bin" "$root/usr/lib/systemd" "$root/usr/bin"
cp -a "$units" "$root/usr/lib/systemd/system"
ln -s usr/lib "$root/lib"
ln -s usr/bin "$root/bin"
printf '#!/bin/sh\nexit 0\n' >"$root/usr/local/bin/linkyd"
chmod 755 "$root/usr/local/bin/linkyd"
cp "$UNIT" "$root/etc/systemd/system/linkyd.service"
# ExecReload's other command must exist on the target too (verify only looks at the linkyd ones).
for command in $(sed -n 's/^Exec[A-Za-z]*=[-+!@:]*\(\/[^ ]*\).*/\1/p' "$UNIT" | sort -u); do
    case $command in
        /usr/local/bin/linkyd) ;;
        *) [ -x "$command" ] || { echo "check-systemd: $UNIT runs $command, which does not exist here" >&2; failed=1; } ;;
    esac
done
if systemd-analyze verify --root="$root" linkyd.service >"$work/verify.log" 2>&1 && ! [ -s "$work/verify.log" ]; then
    echo "check-systemd: systemd-analyze verify: OK" >&2
else
    sed "s|$root||g; s/^/check-systemd: verify: /" "$work/verify.log" >&2
    echo "check-systemd: systemd-analyze verify: FAILED" >&2
    failed=1
fi

# 2. security score
if ! systemd-analyze security --offline=true --no-pager "$UNIT" >"$work/security.log" 2>&1; then
    cat "$work/security.log" >&2
    echo "check-systemd: systemd-analyze security failed to run" >&2
    exit 1
fi
line=$(grep 'Overall exposure level' "$work/security.log" || true)
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) \([A-Z]*\).*/\1 \2/p' <<<"$line")
if [ -z "$score" ]; then
    cat "$work/security.log" >&2
    echo "check-systemd: no exposure score in the output above" >&2
    exit 1
fi
value=${score% *}
if awk -v v="$value" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(v <= max) }'; then
    echo "check-systemd: systemd-analyze security: exposure $score (limit $MAX_EXPOSURE)" >&2
else
    grep '✗' "$work/security.log" >&2 || true
    echo "check-systemd: systemd-analyze security: exposure $score is above $MAX_EXPOSURE" >&2
    failed=1
fi

# 3. sysusers, applied to the throw-away root
mkdir -p "$root/etc"
if systemd-sysusers --root="$root" - <systemd/linkyd.sysusers >"$work/sysusers.log" 2>&1 &&
    grep -q '^linkyd:' "$root/etc/passwd" &&
    for group in gpio i2c dialout; do grep -Eq "^$group:[^:]*:[0-9]+:(.*,)?linkyd(,|$)" "$root/etc/group" || exit 1; done; then
    echo "check-systemd: systemd-sysusers: user linkyd in gpio, i2c, dialout: OK" >&2
else
    sed 's/^/check-systemd: sysusers: /' "$work/sysusers.log" >&2
    echo "check-systemd: systemd-sysusers: FAILED" >&2
    failed=1
fi

# 4. udev rules
scripts/check-udev-rules.sh systemd/*.rules || failed=1

if ((failed)); then echo "check-systemd: FAILED" >&2; exit 1; fi
echo "check-systemd: OK (exposure $score)" >&2
