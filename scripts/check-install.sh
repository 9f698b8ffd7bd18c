#!/usr/bin/env bash
# Tests scripts/install.sh into temporary DESTDIRs, with a stub binary (the build itself is the test
# suite's job): no root, no sudo, nothing outside the temp dir, no swift build.
# Asserts: every file lands with its mode; the unit is the repository's for PREFIX=/usr/local and
# follows PREFIX otherwise; an existing rules.yaml and udev rules file are kept (the shipped versions
# go to *.example) and an identical one is left alone; --dry-run writes nothing and, with DESTDIR,
# plans no systemctl/udevadm/sysusers; --uninstall removes the program but keeps the configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/check-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
stub=$work/linkyd
printf '#!/bin/sh\necho "linkyd stub"\n' >"$stub"
chmod 755 "$stub"
failures=0
fail() { echo "check-install: FAIL: $*" >&2; failures=$((failures + 1)); }
expect_file() { # MODE PATH
    [ -f "$2" ] || { fail "missing $2"; return; }
    [ "$(stat -c %a "$2")" = "$1" ] || fail "$2 has mode $(stat -c %a "$2"), expected $1"
}
install_into() { # DESTDIR [env...] -- args
    local dest=$1; shift
    env DESTDIR="$dest" "$@" scripts/install.sh --binary "$stub" >"$work/log" 2>&1 ||
        { cat "$work/log" >&2; fail "install.sh into $dest failed"; }
}

# 1. A fresh install, default PREFIX.
root=$work/fresh
install_into "$root"
expect_file 755 "$root/usr/local/bin/linkyd"
expect_file 644 "$root/usr/local/lib/systemd/system/linkyd.service"
expect_file 644 "$root/usr/local/lib/sysusers.d/linkyd.conf"
expect_file 644 "$root/usr/local/lib/modules-load.d/linkyd.conf"
expect_file 644 "$root/usr/local/lib/udev/rules.d/60-linkyd-devices.rules"
expect_file 644 "$root/etc/udev/rules.d/99-linkyd-tic.rules"
expect_file 644 "$root/etc/linkyd/rules.yaml"
expect_file 644 "$root/usr/local/share/doc/linkyd/README.md"
for example in rules/*.yaml; do expect_file 644 "$root/usr/local/share/doc/linkyd/examples/$(basename "$example")"; done
cmp -s systemd/linkyd.service "$root/usr/local/lib/systemd/system/linkyd.service" ||
    fail "with PREFIX=/usr/local the installed unit should be systemd/linkyd.service unchanged"
cmp -s rules/ejp-tempo-led.yaml "$root/etc/linkyd/rules.yaml" || fail "rules.yaml is not the example"
grep -q 'systemctl enable --now linkyd' "$work/log" || fail "no next steps printed"
ls "$root"/etc/linkyd/*.example >/dev/null 2>&1 && fail "fresh install wrote an .example"

# 2. Again over it: identical files are left alone, no .example.
install_into "$root"
[ -e "$root/etc/linkyd/rules.yaml.example" ] && fail "identical rules.yaml got a .example"

# 3. The user's own rules.yaml and udev rules are kept.
printf 'meters: { mine: { port: /dev/tic-main } }  # edited by hand\n' >"$root/etc/linkyd/rules.yaml"
printf 'SUBSYSTEM=="tty", ATTRS{serial}=="MINE", SYMLINK+="tic-main"\n' >"$root/etc/udev/rules.d/99-linkyd-tic.rules"
install_into "$root"
grep -q 'edited by hand' "$root/etc/linkyd/rules.yaml" || fail "an existing rules.yaml was overwritten"
grep -q 'MINE' "$root/etc/udev/rules.d/99-linkyd-tic.rules" || fail "an existing 99-linkyd-tic.rules was overwritten"
cmp -s rules/ejp-tempo-led.yaml "$root/etc/linkyd/rules.yaml.example" || fail "no rules.yaml.example next to the user's file"
cmp -s systemd/99-linkyd-tic.rules "$root/etc/udev/rules.d/99-linkyd-tic.rules.example" || fail "no 99-linkyd-tic.rules.example"

# 4. PREFIX=/usr (a package): the unit's paths follow.
root=$work/usr
install_into "$root" PREFIX=/usr
unit=$root/usr/lib/systemd/system/linkyd.service
expect_file 755 "$root/usr/bin/linkyd"
grep -qx 'ExecStart=/usr/bin/linkyd run --rules /etc/linkyd/rules.yaml' "$unit" || fail "ExecStart does not follow PREFIX"
grep -qx 'ExecStartPre=/usr/bin/linkyd check /etc/linkyd/rules.yaml' "$unit" || fail "ExecStartPre does not follow PREFIX"
[ "$(grep -c '^ExecReload=' "$unit")" = 2 ] && grep -qx 'ExecReload=/usr/bin/linkyd check /etc/linkyd/rules.yaml' "$unit" ||
    fail "ExecReload does not check with /usr/bin/linkyd first"
grep -q '/usr/local' "$unit" && fail "PREFIX=/usr unit still names /usr/local"

# 5. --dry-run writes nothing.
root=$work/dry
DESTDIR=$root scripts/install.sh --dry-run >"$work/log" 2>&1 || { cat "$work/log" >&2; fail "--dry-run failed"; }
[ -e "$root" ] && fail "--dry-run created $root"
grep -q 'would run: install -D -m 0755 .*/usr/local/bin/linkyd' "$work/log" || fail "--dry-run does not show the binary's install"
grep -q 'would run: swift build -c release' "$work/log" || fail "--dry-run does not show the build"
grep -Eq 'would run: (systemd-sysusers|udevadm|systemctl|sudo)' "$work/log" &&
    fail "with DESTDIR, install.sh plans to act on the running system"

# 6. --uninstall removes the program and keeps the configuration.
root=$work/fresh
DESTDIR=$root scripts/install.sh --uninstall >"$work/log" 2>&1 || { cat "$work/log" >&2; fail "--uninstall failed"; }
[ -e "$root/usr/local/bin/linkyd" ] && fail "--uninstall left the binary"
[ -e "$root/usr/local/lib/systemd/system/linkyd.service" ] && fail "--uninstall left the unit"
grep -q 'edited by hand' "$root/etc/linkyd/rules.yaml" || fail "--uninstall removed rules.yaml"
[ -e "$root/etc/udev/rules.d/99-linkyd-tic.rules" ] || fail "--uninstall removed the udev meter list"

if ((failures)); then echo "check-install: $failures failure(s)" >&2; exit 1; fi
echo "check-install: OK (fresh, reinstall, kept user files, PREFIX=/usr, dry run, uninstall)" >&2
