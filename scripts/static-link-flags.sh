#!/usr/bin/env bash
# Prints the extra `swift build` flags of linkyd's static release build (scripts/install.sh,
# hil/run.sh; README "Building a static binary"), one line, for the toolchain found on PATH:
#
#   -Xlinker --no-export-dynamic   The toolchain's static-stdlib link line exports every symbol of the
#                                  executable's own code (`-export-dynamic` in static-stdlib-args.lnk):
#                                  2.4 MB of .dynsym/.dynstr/.gnu.hash that nothing looks up, read by the
#                                  dynamic loader at every start. Always (gold and lld both take it).
#   --toolset F -Xlinker -z -Xlinker pack-relative-relocs
#                                  lld, and DT_RELR relative relocations: the table the loader reads at
#                                  start shrinks from 3.5 MB to 30 KB. Only when the toolchain ships
#                                  ld.lld (swift.org's do) and glibc is 2.36 or later (older loaders
#                                  refuse a DT_RELR binary: GLIBC_ABI_DT_RELR). F, a SwiftPM toolset
#                                  naming that linker, is written to DIR (default .build).
#
# Measured (controller alone, 9600 Bd, scripts/bench-daemon.py): RSS 28-29 MB → 23-25 MB.
#
#   scripts/static-link-flags.sh [DIR]
set -euo pipefail
dir=${1:-.build}
flags="-Xlinker --no-export-dynamic"

swift=$(command -v swift || true)
lld=""
if [ -n "$swift" ]; then
    candidate=$(dirname "$(readlink -f "$swift")")/ld.lld
    [ -x "$candidate" ] && lld=$candidate
fi
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
relr_ok() { [ -n "$glibc" ] && [ "$(printf '%s\n2.36\n' "$glibc" | sort -V | head -1)" = 2.36 ]; }

if [ -n "$lld" ] && relr_ok; then
    mkdir -p "$dir"
    toolset=$(cd "$dir" && pwd)/linkyd-lld-toolset.json
    printf '{ "schemaVersion": "1.0", "linker": { "path": "%s" } }\n' "$lld" > "$toolset"
    flags="$flags --toolset $toolset -Xlinker -z -Xlinker pack-relative-relocs"
fi
echo "$flags"
