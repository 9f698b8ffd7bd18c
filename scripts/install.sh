#!/usr/bin/env bash
# Builds linkyd in release mode and installs it as a systemd service (README "Install on a
# Raspberry Pi"). Run it as your usual user: it builds, then asks sudo for the installation.
#
#   scripts/install.sh                   build, install, reload systemd and udev, print the next steps
#   scripts/install.sh --dry-run         print what it would do, change nothing
#   scripts/install.sh --binary PATH     install PATH instead of building (a cross-built binary)
#   scripts/install.sh --uninstall       remove what install put in place, except your configuration
#   DESTDIR=/tmp/pkg PREFIX=/usr scripts/install.sh --binary PATH    stage for a package
#
# What goes where (PREFIX=/usr/local, SYSCONFDIR=/etc by default):
#   PREFIX/bin/linkyd                                   the daemon
#   PREFIX/lib/systemd/system/linkyd.service            the unit (its paths follow PREFIX)
#   PREFIX/lib/sysusers.d/linkyd.conf                   user linkyd, groups gpio i2c dialout
#   PREFIX/lib/modules-load.d/linkyd.conf               i2c-dev usbserial cdc_acm at boot
#   PREFIX/lib/udev/rules.d/60-linkyd-devices.rules     gpiochip → group gpio, i2c-N → group i2c
#   SYSCONFDIR/udev/rules.d/99-linkyd-tic.rules         /dev/tic-<name> for USB dongles (yours to edit)
#   SYSCONFDIR/linkyd/rules.yaml                        from rules/ejp-tempo-led.yaml
#   PREFIX/share/doc/linkyd/                            README.md, examples/*.yaml
# Files you edit (rules.yaml, 99-linkyd-tic.rules) are never overwritten: when one exists and differs,
# the new version is written next to it as *.example. systemd looks in /usr/local/lib/… as well as
# /usr/lib/…, so /etc/systemd/system stays free for your own overrides (`systemctl edit linkyd`).
#
# With DESTDIR set, only files are written under it: no sysusers, no systemctl, no udevadm, no sudo.
set -euo pipefail
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$self")/.."

PREFIX=${PREFIX:-/usr/local}
SYSCONFDIR=${SYSCONFDIR:-/etc}
DESTDIR=${DESTDIR:-}
EXAMPLE_RULES=${EXAMPLE_RULES:-rules/ejp-tempo-led.yaml}
# The Swift runtime and Foundation linked in: the installed daemon must not depend on the toolchain
# it was built with (a dynamic build has RUNPATH /opt/swift/usr/lib/swift/linux). libgpiod and glibc
# stay shared: README "Building a static binary". scripts/static-link-flags.sh adds the link options
# that keep the loader's work and the resident memory small (no exported symbols; lld's DT_RELR).
default_build_flags=0
[ -n "${SWIFT_BUILD_FLAGS:-}" ] || default_build_flags=1
dry_run=0 uninstall=0 binary=""

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$self"; }
while (($#)); do
    case $1 in
        --dry-run|-n) dry_run=1 ;;
        --binary) binary=${2:?--binary needs a path}; shift ;;
        --binary=*) binary=${1#--binary=} ;;
        --uninstall) uninstall=1 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install: unknown option $1 (--help)" >&2; exit 2 ;;
    esac
    shift
done
case $PREFIX in /*) ;; *) echo "install: PREFIX must be absolute: $PREFIX" >&2; exit 2 ;; esac

BINDIR=$PREFIX/bin
LIBDIR=$PREFIX/lib
UNITDIR=${UNITDIR:-$LIBDIR/systemd/system}
DOCDIR=$PREFIX/share/doc/linkyd
CONFDIR=$SYSCONFDIR/linkyd
UDEV_CONF_DIR=$SYSCONFDIR/udev/rules.d

say() { echo "install: $*"; }
# Runs a command, or only prints it with --dry-run.
run() {
    if ((dry_run)); then echo "would run: $*"; else "$@"; fi
}
# put MODE SOURCE TARGET: installs one file under DESTDIR.
put() {
    say "$3"
    run install -D -m "$1" "$2" "$DESTDIR$3"
}
# put_config SOURCE TARGET: a file the user edits. Installed if absent; left alone if identical;
# otherwise the new version goes next to it as TARGET.example.
put_config() {
    local source=$1 target=$2
    if [ ! -e "$DESTDIR$target" ]; then
        put 0644 "$source" "$target"
    elif cmp -s "$source" "$DESTDIR$target"; then
        say "$target is up to date"
    else
        say "$target exists and is yours: not touched; the shipped version goes to $target.example"
        run install -D -m 0644 "$source" "$DESTDIR$target.example"
    fi
}
live=0   # act on the running system (sysusers, systemctl, udevadm)?
[ -z "$DESTDIR" ] && live=1

if ((uninstall)); then
    [ "$(id -u)" -eq 0 ] || ((dry_run)) || [ -n "$DESTDIR" ] || exec sudo env PREFIX="$PREFIX" SYSCONFDIR="$SYSCONFDIR" UNITDIR="$UNITDIR" "$self" --uninstall
    if ((live)) && [ -d /run/systemd/system ]; then run systemctl disable --now linkyd.service || true; fi
    for file in "$BINDIR/linkyd" "$UNITDIR/linkyd.service" "$LIBDIR/sysusers.d/linkyd.conf" \
        "$LIBDIR/modules-load.d/linkyd.conf" "$LIBDIR/udev/rules.d/60-linkyd-devices.rules"; do
        [ -e "$DESTDIR$file" ] && { say "removing $file"; run rm -f "$DESTDIR$file"; }
    done
    [ -d "$DESTDIR$DOCDIR" ] && { say "removing $DOCDIR"; run rm -rf "$DESTDIR$DOCDIR"; }
    if ((live)); then
        [ -d /run/systemd/system ] && run systemctl daemon-reload
        command -v udevadm >/dev/null && run udevadm control --reload || true
    fi
    say "kept: $CONFDIR, $UDEV_CONF_DIR/99-linkyd-tic.rules, /var/lib/linkyd and the user linkyd"
    exit 0
fi

# 1. The binary: built here (as the calling user), or given.
if [ -z "$binary" ]; then
    [ -x /opt/swift/usr/bin/swift ] && ! command -v swift >/dev/null && export PATH="/opt/swift/usr/bin:$PATH"
    if ((dry_run)); then
        ((default_build_flags)) && SWIFT_BUILD_FLAGS='--static-swift-stdlib $(scripts/static-link-flags.sh)'
        echo "would run: swift build -c release --product linkyd $SWIFT_BUILD_FLAGS"
        binary=.build/release/linkyd
    else
        command -v swift >/dev/null || { echo "install: no Swift toolchain: run scripts/bootstrap.sh, or pass --binary PATH" >&2; exit 1; }
        ((default_build_flags)) && SWIFT_BUILD_FLAGS="--static-swift-stdlib $(scripts/static-link-flags.sh .build)"
        say "building: swift build -c release --product linkyd $SWIFT_BUILD_FLAGS"
        # shellcheck disable=SC2086 # SWIFT_BUILD_FLAGS is a list of flags
        swift build -c release --product linkyd $SWIFT_BUILD_FLAGS
        # shellcheck disable=SC2086
        binary=$(swift build -c release $SWIFT_BUILD_FLAGS --show-bin-path)/linkyd
    fi
fi
((dry_run)) || [ -x "$binary" ] || { echo "install: $binary is not an executable" >&2; exit 1; }

# Installing on this machine needs root: build as the user above, install through sudo.
if ((live)) && ! ((dry_run)) && [ "$(id -u)" -ne 0 ]; then
    say "installing needs root: sudo"
    exec sudo env PREFIX="$PREFIX" SYSCONFDIR="$SYSCONFDIR" UNITDIR="$UNITDIR" EXAMPLE_RULES="$EXAMPLE_RULES" \
        "$self" --binary "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
fi

say "installing into ${DESTDIR:-/} (PREFIX=$PREFIX, SYSCONFDIR=$SYSCONFDIR)"
work=$(mktemp -d "${TMPDIR:-/tmp}/linkyd-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 2. Files. The unit names /usr/local/bin/linkyd and /etc/linkyd/rules.yaml: rewrite for PREFIX/SYSCONFDIR.
sed -e "s|/usr/local/bin/linkyd|$BINDIR/linkyd|g" -e "s|/usr/local/share/doc/linkyd|$DOCDIR|g" \
    -e "s|/etc/linkyd/|$CONFDIR/|g" systemd/linkyd.service >"$work/linkyd.service"
put 0755 "$binary" "$BINDIR/linkyd"
put 0644 "$work/linkyd.service" "$UNITDIR/linkyd.service"
put 0644 systemd/linkyd.sysusers "$LIBDIR/sysusers.d/linkyd.conf"
put 0644 systemd/linkyd-modules.conf "$LIBDIR/modules-load.d/linkyd.conf"
put 0644 systemd/60-linkyd-devices.rules "$LIBDIR/udev/rules.d/60-linkyd-devices.rules"
put_config systemd/99-linkyd-tic.rules "$UDEV_CONF_DIR/99-linkyd-tic.rules"
put_config "$EXAMPLE_RULES" "$CONFDIR/rules.yaml"
put 0644 README.md "$DOCDIR/README.md"
for example in rules/*.yaml; do
    put 0644 "$example" "$DOCDIR/examples/$(basename "$example")"
done

# 3. Make the running system see them (not with DESTDIR: that is a staging tree for a package).
if ((live)); then
    if command -v systemd-sysusers >/dev/null; then
        run systemd-sysusers "$LIBDIR/sysusers.d/linkyd.conf"
    else
        say "no systemd-sysusers: create the user yourself: useradd --system --home-dir /var/lib/linkyd --shell /usr/sbin/nologin --groups gpio,i2c,dialout linkyd"
    fi
    if [ -d /run/systemd/system ]; then
        run systemctl daemon-reload
        run systemctl restart systemd-modules-load.service || say "some modules did not load: journalctl -u systemd-modules-load"
    fi
    if command -v udevadm >/dev/null; then
        run udevadm control --reload
        run udevadm trigger --action=add --subsystem-match=tty --subsystem-match=gpio --subsystem-match=i2c-dev
    fi
fi

if ((dry_run)); then
    echo "install: dry run: nothing was changed"
    exit 0
fi
version=$("$binary" --version 2>/dev/null || true)
cat <<NEXT

linkyd ${version:+$version }installed. Next steps:
  1. Edit the rules:           sudoedit $CONFDIR/rules.yaml   (examples: $DOCDIR/examples/)
     USB dongle?               name it in $UDEV_CONF_DIR/99-linkyd-tic.rules (template inside)
  2. Check them:               $BINDIR/linkyd check $CONFDIR/rules.yaml
  3. Start now and at boot:    sudo systemctl enable --now linkyd
  4. Follow the log:           journalctl -u linkyd -f
  After editing the rules:     sudo systemctl reload linkyd   (checks the file first)
  After an upgrade:            sudo systemctl restart linkyd
NEXT
