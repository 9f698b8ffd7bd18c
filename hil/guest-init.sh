#!/bin/sh
# /init of the test VM (busybox ash, PID 1). Sets up gpio-sim and i2c-rec, runs the real
# `linkyd run`, tells the host which meter stream to play (`HIL-METER <scenario>` on the console)
# and checks the outputs from the simulator side (sim_gpioN/value, the i2c-rec log). Prints
# PASS:/FAIL:/INFO: lines, then `HIL-DONE`, and powers off.
PID=
export PATH=/usr/bin:/bin:/usr/sbin:/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
. /etc/hil.env                               # SIGNAL_LOSS_S

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; }
meter() { echo "HIL-METER $1"; }
# centiseconds since boot (an integer, for ash arithmetic)
cs() { read -r u _ < /proc/uptime; u=${u%.*}${u#*.}; while [ "${u#0}" != "$u" ]; do u=${u#0}; done; echo "${u:-0}"; }
secs() { echo "$(( $1 / 100 )).$(( $1 % 100 / 10 ))"; }
# alive PID: running, not a zombie waiting for `wait` (kill -0 succeeds on zombies)
alive() { [ -r "/proc/$1/stat" ] && read -r _ _ st _ < "/proc/$1/stat" && [ "$st" != Z ]; }
value() { read -r v < "$SIM/sim_gpio$1/value"; echo "$v"; }
lines() { echo "GPIO25=$(value 25) GPIO17=$(value 17)"; }
# expect TIMEOUT_S DESCRIPTION LINE=VALUE...: wait until every line reads its value; sets WAITED (cs)
expect() {
  limit=$(( $1 * 100 )); what=$2; shift 2; t0=$(cs)
  while :; do
    ok=1
    for lv in "$@"; do [ "$(value "${lv%=*}")" = "${lv#*=}" ] || ok=0; done
    WAITED=$(( $(cs) - t0 ))
    if [ $ok = 1 ]; then pass "$what [$(lines) after $(secs $WAITED) s]"; return 0; fi
    if [ -n "$PID" ] && ! alive "$PID"; then fail "$what [linkyd exited; $(lines)]"; finish; fi
    if [ $WAITED -ge $limit ]; then fail "$what [wanted $*, still $(lines) after $(secs $WAITED) s]"; return 1; fi
    sleep 0.1
  done
}
finish() {
  echo "INFO: linkyd log:"; sed 's/^/  linkyd| /' /tmp/linkyd.log 2>/dev/null
  echo "HIL-DONE guest uptime $(secs "$(cs)") s"
  poweroff -f
}

echo "HIL: /init running at $(secs "$(cs)") s, kernel $(uname -r)"

# GPIO: a gpio-sim chip labelled linkyd-hil, 28 lines named like the Pi's header GPIOs.
modprobe gpio-sim || { fail "modprobe gpio-sim"; finish; }
mount -t configfs configfs /sys/kernel/config
C=/sys/kernel/config/gpio-sim/linkyd
mkdir $C $C/bank0
echo 28 > $C/bank0/num_lines
echo linkyd-hil > $C/bank0/label
for n in 17 25 27; do mkdir $C/bank0/line$n; echo GPIO$n > $C/bank0/line$n/name; done
echo 1 > $C/live
SIM=/sys/devices/platform/$(cat $C/dev_name)/$(cat $C/bank0/chip_name)
[ -e "$SIM/sim_gpio25/value" ] || { fail "gpio-sim chip not live ($SIM)"; finish; }
echo "INFO: gpio-sim $(cat $C/bank0/chip_name) label linkyd-hil at $SIM"

# I2C: the OLED at 0x3c on i2c-rec (hil/i2c-rec.c), which logs every message linkyd writes.
modprobe i2c-dev && modprobe i2c-rec addr=0x3c || fail "modprobe i2c-dev i2c-rec"
for a in /sys/bus/i2c/devices/i2c-*; do [ "$(cat "$a/name")" = "linkyd-hil I2C recorder" ] && OLED=/dev/${a##*/}; done
OLEDLOG=/sys/kernel/debug/i2c-rec/log
sed -i "s#bus: /dev/i2c-[0-9]*#bus: ${OLED:-/dev/missing-i2c-rec}#" /etc/linkyd/rules.yaml
echo "INFO: OLED: i2c-rec adapter ${OLED:-<none>}, address 0x3c"

echo "INFO: serial: $(grep '^1:' /proc/tty/driver/serial)"
if out=$(linkyd check /etc/linkyd/rules.yaml 2>&1); then pass "linkyd check /etc/linkyd/rules.yaml in the VM"
else fail "linkyd check: $out"; fi

# Pulls opposite to the fail-safe states: a line linkyd does not hold (never requested, or released
# by an exit) reads the opposite of what the checks want, so it can never pass for driven.
echo pull-up > "$SIM/sim_gpio25/pull"
echo "INFO: before linkyd: $(lines) (GPIO25 pulled up, GPIO17 pulled down)"
linkyd run --rules /etc/linkyd/rules.yaml >/tmp/linkyd.log 2>&1 &
PID=$!
echo "INFO: linkyd run started (pid $PID)"
expect 60 "linkyd requested its lines in their initial states: GPIO17 (water-heater) on, GPIO25 (ejp-led) off" 17=1 25=0 || finish
grep -E 'GPIO(17|25)' /sys/kernel/debug/gpio | sed 's/^ */INFO: debugfs gpio: /'

meter ejp-notice
expect 20 "(1) an EJP notice in the TIC stream (OPTARIF EJP., PTEC HN.., PEJP 30) lights the LED: GPIO25 on, GPIO17 still on" 25=1 17=1

# The OLED (drawn twice a second): wait for display on and data after it, then one more refresh.
n=0; until awk '/^3c: 00 af/{on=1} on && /^3c: 40/{found=1} END{exit !found}' $OLEDLOG || [ $n -ge 200 ]; do sleep 0.1; n=$((n + 1)); done
sleep 1
awk -v stage=start -f /etc/ssd1306.awk $OLEDLOG

meter ejp-overpower
expect 20 "(2) the meter's overpower warning (ADPS 036, IINST 36 A > ISOUSC 30 A; PAPP 5900 VA) sheds the water heater: GPIO17 off" 17=0 25=1
meter ejp-notice
expect 20 "(2) power back below the release (PAPP 1200 VA < 3000 VA) for restore-after (3 s): water heater restored, GPIO17 on" 17=1 25=1
meter ejp-high-power
expect 20 "(2) power above the limit (PAPP 7200 VA > 6000 VA, no ADPS) sheds the water heater: GPIO17 off" 17=0 25=1

meter silent
# frames stop mid-frame; the last complete one may be up to one frame (~1.8 s at 1200 Bd) earlier
if ! expect $(( SIGNAL_LOSS_S + 15 )) "(3) stream stopped: outputs go to fail-safe (GPIO25 off, GPIO17 on)" 25=0 17=1; then :
elif [ $WAITED -ge $(( SIGNAL_LOSS_S * 100 - 200 )) ]; then pass "(3) fail-safe came after the ${SIGNAL_LOSS_S} s signal-loss timeout, not before ($(secs $WAITED) s after the stream stopped)"
else fail "(3) fail-safe came $(secs $WAITED) s after the stream stopped, before the ${SIGNAL_LOSS_S} s signal-loss timeout"; fi

meter ejp-high-power
expect 20 "(4) stream back (PEJP 30, PAPP 7200 VA): outputs leave fail-safe: GPIO25 on, GPIO17 shed" 25=1 17=0
# Keep linkyd's line requests open past its exit (a released gpio-sim line falls back to its pull).
hold-lines $PID >/tmp/hold.log 2>&1 &
HOLDER=$!
n=0; until grep -q '^held' /tmp/hold.log || [ $n -ge 100 ]; do sleep 0.1; n=$((n + 1)); done
echo "INFO: hold-lines: $(cat /tmp/hold.log)"
t0=$(cs)
kill -TERM $PID
n=0; while alive $PID && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
if alive $PID; then
  fail "(4) linkyd still running 20 s after SIGTERM"; kill -KILL $PID
fi
wait $PID; rc=$?; PID=
if [ $rc = 0 ]; then pass "(4) linkyd exited with status 0 after SIGTERM ($(secs $(( $(cs) - t0 ))) s)"
else fail "(4) linkyd exited with status $rc after SIGTERM"; fi
expect 1 "(4) SIGTERM drove the outputs to fail-safe before exit: GPIO25 off, GPIO17 on" 25=0 17=1
kill $HOLDER
awk -v stage=stop -f /etc/ssd1306.awk $OLEDLOG

finish
