#!/usr/bin/env bash
# Compile-checks the libgpiod 2.x path of the CGPIOD shim (every .c in Sources/CGPIOD) on a machine
# that has libgpiod 1.6 installed (Debian 12 / Raspberry Pi OS bookworm).
#
# How: Debian 13 (trixie)'s libgpiod-dev and libgpiod3 packages are downloaded with apt-get, using a
# private apt state (its own sources list, lists and cache directories under a temp dir), so the
# system's apt configuration is never modified and nothing is installed. The .debs are unpacked with
# dpkg-deb -x, and every .c of the shim is compiled (-c, -Werror) against the 2.x header: the unpacked
# include dir comes before /usr/include, and -DLINKYD_GPIOD_EXPECT_V2 makes the shim stop with #error
# if it still picked the 1.x API. The objects are then linked into a shared object against the unpacked
# libgpiod.so with --no-undefined, which proves every symbol the 2.x path calls exists in the library.
# Last, scripts/gpio/shim-smoke.c runs the shim's hardware-free paths with that 2.x library (errno and
# stage for unknown chips, a non-GPIO device, ...). Real lines need gpio-sim: the HIL job (hil/REPORT.md).
#
# Needs: apt-get, dpkg-deb, nm, a C compiler ($CC, else gcc, else clang; Swift toolchains ship clang),
# network access to a Debian mirror, and debian-archive-keyring (bookworm's keyring already carries the
# trixie keys). Needs no root, and installs nothing.
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), TRIXIE_SUITE (default trixie),
# KEEP=1 to keep the temp dir.
set -euo pipefail
cd "$(dirname "$0")/.."

MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${TRIXIE_SUITE:-trixie}
ARCH=$(dpkg --print-architecture)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
CC=${CC:-$(command -v gcc || command -v clang || echo cc)}
SHIM_DIR=Sources/CGPIOD
INCLUDE=$SHIM_DIR/include

work=$(mktemp -d "${TMPDIR:-/tmp}/check-libgpiod2.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "check-libgpiod2: keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

# A private apt: its own sources list, lists, cache and (empty) dpkg status, so nothing outside $work changes.
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/apt/etc/preferences.d" \
    "$work/apt/etc/sources.list.d" "$work/debs" "$work/root"
echo "deb [arch=$ARCH signed-by=$KEYRING] $MIRROR $SUITE main" >"$work/apt/etc/sources.list"
: >"$work/apt/status"
APT_OPTS=(
    -o "Dir::Etc::sourcelist=$work/apt/etc/sources.list"
    -o "Dir::Etc::sourceparts=$work/apt/etc/sources.list.d"
    -o "Dir::Etc::preferencesparts=$work/apt/etc/preferences.d"
    -o "Dir::State::Lists=$work/apt/lists"
    -o "Dir::State::status=$work/apt/status"
    -o "Dir::Cache=$work/apt/cache"
    -o "APT::Architecture=$ARCH"
    -o "Debug::NoLocking=1"
)
# apt drops privileges to _apt for downloads, and _apt cannot enter our private mktemp dir.
[ "$(id -u)" -ne 0 ] || APT_OPTS+=(-o "APT::Sandbox::User=root")
echo "check-libgpiod2: apt-get update ($MIRROR $SUITE, private state in $work/apt)" >&2
apt-get "${APT_OPTS[@]}" update -qq
(cd "$work/debs" && apt-get "${APT_OPTS[@]}" download libgpiod-dev libgpiod3)
for deb in "$work"/debs/*.deb; do
    echo "check-libgpiod2: unpacking $(basename "$deb")" >&2
    dpkg-deb -x "$deb" "$work/root"
done

header="$work/root/usr/include/gpiod.h"
[ -f "$header" ] || { echo "check-libgpiod2: no gpiod.h in the unpacked packages" >&2; exit 1; }
version=$(sed -n 's/^Version: *//p' "$work"/root/usr/lib/*/pkgconfig/libgpiod.pc 2>/dev/null | head -n 1)
echo "check-libgpiod2: libgpiod ${version:-?} headers from $SUITE" >&2

# -DLINKYD_GPIOD_EXPECT_V2 makes the shim fail with #error if it picked the 1.x path by mistake.
CFLAGS=(-std=c11 -fPIC -Wall -Wextra -Werror -O2 -DLINKYD_GPIOD_EXPECT_V2
    -I "$work/root/usr/include" -I "$SHIM_DIR/include")
objects=()
for source in "$SHIM_DIR"/*.c; do
    object="$work/$(basename "$source" .c).o"
    "$CC" "${CFLAGS[@]}" -c "$source" -o "$object"
    objects+=("$object")
    echo "check-libgpiod2: compiled $source" >&2
done

# Link a shared object against the unpacked library with no undefined symbols allowed: every libgpiod
# function the 2.x path calls must exist in Debian 13's libgpiod.so.3.
libdir=$(dirname "$(find "$work/root" -name 'libgpiod.so' -print -quit)")
"$CC" -shared -o "$work/libshim.so" "${objects[@]}" -L "$libdir" -lgpiod -Wl,--no-undefined \
    -Wl,-rpath-link,"$libdir"
echo "check-libgpiod2: linked against $(basename "$(readlink -f "$libdir/libgpiod.so")"): every symbol resolves" >&2
undefined=$(nm -D --undefined-only "$work/libshim.so" | awk '$2 ~ /^gpiod_/ {print $2}' | sort | tr '\n' ' ')
echo "check-libgpiod2: libgpiod symbols used: $undefined" >&2
# Run the hardware-free paths (unknown chips, not a GPIO chip) with the 2.x library itself: Debian 13's
# libgpiod.so.3 only needs glibc 2.33, so it loads on Debian 12. Skipped (not failed) if it cannot load.
"$CC" "${CFLAGS[@]}" -o "$work/shim-smoke" scripts/gpio/shim-smoke.c "${objects[@]}" -L "$libdir" -lgpiod
if LD_LIBRARY_PATH="$libdir" "$work/shim-smoke" 2 >"$work/smoke.log" 2>&1; then
    sed 's/^/check-libgpiod2: run: /' "$work/smoke.log" >&2
elif grep -q 'GLIBC_\|cannot open shared object' "$work/smoke.log"; then
    echo "check-libgpiod2: run skipped, the 2.x library does not load here: $(head -n 1 "$work/smoke.log")" >&2
else
    sed 's/^/check-libgpiod2: run: /' "$work/smoke.log" >&2
    echo "check-libgpiod2: the 2.x path failed at run time" >&2
    exit 1
fi
echo "check-libgpiod2: OK" >&2
