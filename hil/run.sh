#!/usr/bin/env bash
# hil/run.sh — linkyd on a real Linux kernel: boots Debian's kernel in qemu (TCG) with gpio-sim, an
# I2C recorder for the OLED and an 8250 UART fed at 1200 Bd from the host, runs the real `linkyd run`
# inside, and checks its outputs from the simulator side. Prints PASS:/FAIL:/INFO: lines, timings and
# `N passed, N failed`; exits non-zero on any failure. hil/README.md says what it proves.
#
# Environment:
#   LINKYD_BIN=PATH   test this binary (built with --static-swift-stdlib or not: its ldd closure is
#                     copied) instead of building one
#   SWIFT_SCRATCH=DIR --scratch-path for the build (default .build)
#   HIL_DIR=DIR       work directory (default ${TMPDIR:-/tmp}/linkyd-hil): kernel-<release>/ is a
#                     cache (debs, modules), run/ is recreated on every run and kept for inspection
#   HIL_NO_APT=1      skip apt-get install (everything already there)
set -euo pipefail
cd "$(dirname "$0")/.."
HIL=${HIL_DIR:-${TMPDIR:-/tmp}/linkyd-hil}
RUN=$HIL/run
SIGNAL_LOSS_S=$(awk '/^signal-loss-timeout:/{print $2}' hil/rules.yaml)

T0=$(date +%s%N); LAST=$T0
secs() { awk -v ns="$1" 'BEGIN{printf "%.1f", ns / 1e9}'; }
step() { echo "=== [$(secs $(( $(date +%s%N) - T0 ))) s] $*"; }
TIMES=()
mark() { local now; now=$(date +%s%N); TIMES+=("$1 $(secs $(( now - LAST )))s"); LAST=$now; }
die() { echo "FAIL: $*"; echo "0 passed, 1 failed"; exit 1; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo

rm -rf "$RUN"; mkdir -p "$RUN"

# ---------------------------------------------------------------- packages
if [ "${HIL_NO_APT:-}" != 1 ]; then
  step "apt-get install: qemu, busybox-static, kmod, cpio, gcc-12 (modules), python3"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update >"$RUN/apt.log" 2>&1 \
    || { tail -5 "$RUN/apt.log"; die "apt-get update failed: no access to the Debian mirrors? ($RUN/apt.log)"; }
  $SUDO apt-get install -y --no-install-recommends qemu-system-x86 busybox-static cpio kmod xz-utils \
      make gcc-12 libc6-dev libelf1 python3 libgpiod2 >>"$RUN/apt.log" 2>&1 \
    || { tail -5 "$RUN/apt.log"; die "apt-get install failed ($RUN/apt.log)"; }
fi
mark apt

# ---------------------------------------------------------------- kernel, headers, gpio-sim source
# Debian's kernels have neither gpio-sim nor the irq_sim it needs: build both out of tree against the
# headers of the very kernel we boot, from the matching linux-source package.
IMGPKG=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-6/{print $2; exit}')
[ -n "$IMGPKG" ] || die "cannot resolve the kernel behind linux-image-amd64 (apt-cache depends)"
KREL=${IMGPKG#linux-image-}                                   # e.g. 6.1.0-56-amd64
KSERIES=$(echo "$KREL" | cut -d. -f1,2)                       # 6.1
K=$HIL/kernel-$KREL
KDIR=$K/hdr/usr/src/linux-headers-$KREL
find "$HIL" -maxdepth 1 -name 'kernel-*' ! -name "kernel-$KREL" -exec rm -rf {} +   # older ABIs
if [ ! -f "$K/ready" ] || [ ! -s "$K/src/linux-source-$KSERIES/drivers/gpio/gpio-sim.c" ]; then
  step "download Debian kernel $KREL: image, headers, kbuild, source"
  rm -rf "$K"; mkdir -p "$K/dl" "$K/img" "$K/hdr" "$K/src" "$K/kmod"
  PKGS="$IMGPKG linux-headers-$KREL linux-headers-${KREL%-amd64}-common linux-kbuild-$KSERIES linux-source-$KSERIES"
  ( cd "$K/dl" && apt-get download $PKGS >"$K/download.log" 2>&1 ) \
    || { tail -5 "$K/download.log"; die "apt-get download $PKGS failed ($K/download.log)"; }
  mark download
  step "unpack: vmlinuz and the few modules we need, headers, gpio-sim.c + irq_sim.c from the source"
  S=linux-source-$KSERIES
  FILES="$S/drivers/gpio/gpio-sim.c $S/drivers/gpio/gpiolib.h $S/kernel/irq/irq_sim.c"
  # tar --occurrence stops after these files instead of decompressing all 140 MB (in the background,
  # on the other core); the writers upstream then die of SIGPIPE, so the pipeline's status means
  # nothing: check the files instead
  { dpkg-deb --fsys-tarfile "$K"/dl/linux-source-*.deb | tar -xO "./usr/src/$S.tar.xz" | xz -dc \
      | tar -x --occurrence -C "$K/src" $FILES; } 2>/dev/null &
  SRCJOB=$!
  dpkg-deb --fsys-tarfile "$K"/dl/linux-image-*.deb | tar -x -C "$K/img" --wildcards './boot/vmlinuz-*' \
    './lib/modules/*/modules.builtin*' './lib/modules/*/modules.order' \
    './lib/modules/*/kernel/fs/configfs/*' './lib/modules/*/kernel/drivers/i2c/i2c-dev.ko*' \
    || die "unpacking $IMGPKG failed"
  for deb in "$K"/dl/linux-headers-*.deb "$K"/dl/linux-kbuild-*.deb; do dpkg-deb -x "$deb" "$K/hdr"; done
  # the headers' Makefile includes the -common tree by its absolute /usr/src path
  sed -i "s#^include /usr/src/#include $K/hdr/usr/src/#" "$KDIR/Makefile"
  # qemu boots the ELF vmlinux through PVH: skips the bzImage's xz decompression (~3 s under TCG)
  python3 - "$K/img/boot/vmlinuz-$KREL" "$K/vmlinux" <<'EOF' || die "no vmlinux in the bzImage"
import lzma, sys
d = open(sys.argv[1], "rb").read()
out = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(d[d.find(b"\xfd7zXZ\x00"):])
assert out[:4] == b"\x7fELF"
open(sys.argv[2], "wb").write(out)
EOF
  wait $SRCJOB || true
  for f in $FILES; do [ -s "$K/src/$f" ] || die "could not extract $f from linux-source-$KSERIES"; done
  mark extract
  touch "$K/ready"
  rm -rf "$K/dl"     # keep only what later runs use: headers, sources, the modules, vmlinux
else
  echo "INFO: reusing kernel $KREL from $K"
fi
S=linux-source-$KSERIES
if ! cmp -s hil/i2c-rec.c "$K/kmod/i2c-rec.c" || [ ! -f "$K/kmod/gpio-sim.ko" ]; then
  step "build irq_sim + gpio-sim + i2c-rec (hil/i2c-rec.c) out of tree"
  rm -rf "$K/kmod"; mkdir -p "$K/kmod"
  cp "$K/src/$S/drivers/gpio/gpio-sim.c" "$K/src/$S/drivers/gpio/gpiolib.h" hil/i2c-rec.c "$K/kmod/"
  # irq_sim is a bool feature: build it as its own module. irq_to_desc() is not exported to modules;
  # generic_handle_irq() does the same here (the domain's handler is handle_simple_irq).
  { echo '#include <linux/module.h>'
    sed 's/handle_simple_irq(irq_to_desc(\([a-z_]*\)));/generic_handle_irq(\1);/' "$K/src/$S/kernel/irq/irq_sim.c"
    echo 'MODULE_LICENSE("GPL");'; } > "$K/kmod/irq_sim_oot.c"
  echo 'obj-m := irq_sim_oot.o gpio-sim.o i2c-rec.o' > "$K/kmod/Makefile"
  make -C "$KDIR" M="$K/kmod" CC=gcc-12 CONFIG_DEBUG_INFO_BTF_MODULES= modules >"$K/kmod.log" 2>&1 \
    || { rm -f "$K/kmod/i2c-rec.c"; tail -20 "$K/kmod.log"; die "out-of-tree module build failed ($K/kmod.log)"; }
  mark modules
fi

# ---------------------------------------------------------------- linkyd + host-side checks
if [ -z "${LINKYD_BIN:-}" ]; then
  step "swift build -c release --product linkyd --static-swift-stdlib"
  [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
  command -v swift >/dev/null || die "no swift toolchain (scripts/bootstrap.sh says how to get one)"
  SCRATCH=${SWIFT_SCRATCH:-.build}
  # The link options of scripts/install.sh's build (what a Pi runs): no exported symbols, lld's DT_RELR.
  # shellcheck disable=SC2046
  swift build -c release --product linkyd --static-swift-stdlib $(scripts/static-link-flags.sh "$SCRATCH") \
    --scratch-path "$SCRATCH" >"$RUN/swift.log" 2>&1 \
    || { tail -20 "$RUN/swift.log"; die "swift build failed ($RUN/swift.log)"; }
  LINKYD_BIN=$SCRATCH/release/linkyd
fi
[ -x "$LINKYD_BIN" ] || die "no linkyd binary at $LINKYD_BIN"
mark linkyd
HOSTCHECKS=$RUN/host-checks.log
{
  if out=$("$LINKYD_BIN" check hil/rules.yaml 2>&1); then echo "PASS: host: linkyd check hil/rules.yaml"
  else echo "FAIL: host: linkyd check hil/rules.yaml: $out"; fi
  for s in ejp-notice ejp-high-power ejp-overpower; do
    python3 hil/meter.py --dump $s > "$RUN/$s.tic"
    if got=$("$LINKYD_BIN" decode --mode historic --json "$RUN/$s.tic" | python3 hil/meter.py --expect $s); then
      echo "PASS: host: linkyd decode reads the $s frames hil/meter.py sends as meant"
    else echo "FAIL: host: linkyd decode of the $s frames: $got"; fi
  done
} | tee "$HOSTCHECKS"

# ---------------------------------------------------------------- initramfs
step "initramfs: busybox, linkyd + its shared libraries, modules, /init"
R=$RUN/rootfs
mkdir -p "$R"/{bin,usr/bin,proc,sys,dev,tmp,root,etc/linkyd}
cp /bin/busybox "$R/bin/"
for a in $(/bin/busybox --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
copy_elf() {   # copy_elf FILE NAME: an executable as /usr/bin/NAME, and what ldd lists, at the same paths
  cp -L "$1" "$R/usr/bin/$2"
  ldd "$1" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}' | while read -r lib; do
    [ -e "$R$lib" ] || cp -L --parents "$lib" "$R"
  done
}
copy_elf "$LINKYD_BIN" linkyd
gcc-12 -static -O2 -Wall -o "$R/usr/bin/hold-lines" hil/hold-lines.c
KM=$K/img/lib/modules/$KREL
MR=$R/lib/modules/$KREL
declare -A ADDED
add_module() {   # a module of the Debian kernel and its dependencies, uncompressed
  local name=$1 f
  [ -z "${ADDED[$name]:-}" ] || return 0; ADDED[$name]=1
  f=$(find "$KM/kernel" -name "$name.ko*" -o -name "${name//_/-}.ko*" -o -name "${name//-/_}.ko*" | head -n1)
  [ -n "$f" ] || return 0     # built in
  mkdir -p "$MR/kernel"
  case "$f" in *.xz) xz -dc "$f" > "$MR/kernel/$(basename "${f%.xz}")";; *) cp "$f" "$MR/kernel/";; esac
  for dep in $(modinfo -F depends "$f" | tr ',' ' '); do add_module "$dep"; done
}
for m in configfs i2c-dev; do add_module $m; done
mkdir -p "$MR/extra"; cp "$K"/kmod/*.ko "$MR/extra/"
cp "$KM"/modules.builtin* "$KM"/modules.order "$MR/" 2>/dev/null || true
depmod -b "$R" "$KREL"
cp hil/rules.yaml "$R/etc/linkyd/rules.yaml"
echo "SIGNAL_LOSS_S=$SIGNAL_LOSS_S" > "$R/etc/hil.env"
cp hil/guest-init.sh "$R/init"; chmod +x "$R/init"
cp hil/ssd1306.awk "$R/etc/"
( cd "$R" && find . -print0 | cpio --null -o -H newc --quiet ) > "$RUN/initramfs.cpio"
echo "INFO: initramfs $(du -m "$RUN/initramfs.cpio" | cut -f1) MB; modules: $(cd "$MR" && find . -name '*.ko' -printf '%f ')"
rm -rf "$R"
mark initramfs

# ---------------------------------------------------------------- boot and test
# TCG: on these build machines /dev/kvm is PVM, which cannot run a stock kernel (hil/README.md).
step "boot qemu (TCG) and run the checks in the VM"
set +e
timeout 400 python3 hil/meter.py --sock "$RUN/ttyS1.sock" --log "$RUN/console.log" --timeout 300 -- \
  qemu-system-x86_64 -machine q35 -accel tcg -cpu max -smp 2 -m 1024 \
    -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$K/vmlinux" -initrd "$RUN/initramfs.cpio" \
    -append "console=ttyS0 rdinit=/init panic=-1 quiet" \
    -chardev stdio,id=con,signal=off -serial chardev:con \
    -chardev socket,id=meter,path="$RUN/ttyS1.sock",server=on,wait=off -serial chardev:meter
VMRC=$?
set -e
[ "$VMRC" = 0 ] || grep -q '^FAIL:' "$RUN/console.log" 2>/dev/null \
  || echo "FAIL: the VM run ended with status $VMRC (qemu did not start, or timed out)" >> "$RUN/console.log"
mark vm

# ---------------------------------------------------------------- summary
PASSED=$(cat "$HOSTCHECKS" "$RUN/console.log" | grep -c '^PASS:' || true)
FAILED=$(cat "$HOSTCHECKS" "$RUN/console.log" | grep -c '^FAIL:' || true)
echo
echo "=== linkyd HIL summary (kernel $KREL, qemu TCG; logs in $RUN)"
cat "$HOSTCHECKS" "$RUN/console.log" | grep -E '^(PASS|FAIL|SKIP):' || true
grep -h '^HOSTTIME:' "$RUN/console.log" || true
echo "timings: ${TIMES[*]}; total $(secs $(( $(date +%s%N) - T0 )))s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ] && [ "$VMRC" = 0 ]
