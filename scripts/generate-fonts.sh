#!/usr/bin/env bash
# Regenerates Sources/Display/Fonts/BitmapFont+*.swift from X11 misc-fixed (public domain), taken from
# Debian's xfonts-base package (.pcf.gz files), converted to BDF with pcf2bdf (apt-get install pcf2bdf).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download xfonts-base >/dev/null
deb=$(ls xfonts-base_*.deb)
version=$(dpkg-deb -f "$deb" Version)
dpkg -x "$deb" extracted
misc=extracted/usr/share/fonts/X11/misc
out="$root/Sources/Display/Fonts"
for size in 5x7 6x10 10x20; do
    zcat "$misc/$size.pcf.gz" >"$size.pcf"
    pcf2bdf -o "$size.bdf" "$size.pcf"
done
gen() { python3 "$root/scripts/generate-font.py" "$@"; }
gen 5x7.bdf "misc-fixed 5x7" fixed5x7 --source "xfonts-base $version, 5x7.pcf.gz" >"$out/BitmapFont+Fixed5x7.swift"
gen 6x10.bdf "misc-fixed 6x10" fixed6x10 --source "xfonts-base $version, 6x10.pcf.gz" >"$out/BitmapFont+Fixed6x10.swift"
gen 10x20.bdf "misc-fixed 10x20 digits" digits10x20 --chars "20,2B-2E,30-39,41,56,57,6B" --crop \
    --source "xfonts-base $version, 10x20.pcf.gz" >"$out/BitmapFont+Digits10x20.swift"
echo "generated: $(ls "$out"/BitmapFont+*.swift | xargs -n1 basename | tr '\n' ' ')"
