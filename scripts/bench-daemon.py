#!/usr/bin/env python3
"""CPU and memory of `linkyd run --dry-run` reading a meter at wire speed (a benchmark, not a test).

A pseudo terminal stands for the meter: a capture is written to it endlessly at the wire rate of its
mode (1200 Bd historic = 120 B/s, 9600 Bd standard = 960 B/s, in 10 ms slices like a UART's FIFO).
linkyd's CPU time (the sum over its threads of /proc/PID/task/*/schedstat, nanoseconds on a CPU:
precise, unlike the tick-sampled utime/stime) and RSS are sampled; the feeder's own CPU is not counted.

    scripts/bench-daemon.py --binary .build/release/linkyd --capture FILE --baud 9600 --seconds 120
"""
import argparse, os, pty, subprocess, sys, tempfile, time, tty

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/linkyd")
parser.add_argument("--capture", required=True)
parser.add_argument("--baud", type=int, default=9600)
parser.add_argument("--seconds", type=float, default=120)
parser.add_argument("--extra", default="", help="more rules-file text, e.g. 'web: { listen: off }'")
parser.add_argument("--frames", type=int, default=0,
                    help="unpaced instead: write this many frames as fast as linkyd reads them, sampling RSS (flat memory)")
parser.add_argument("--smaps", help="write /proc/PID/smaps here at the end (where the RSS is)")
parser.add_argument("--no-history", action="store_true", help="history: off (the controller alone, with --extra 'web: { listen: off }')")
args = parser.parse_args()

data = open(args.capture, "rb").read()
master, slave = pty.openpty()
tty.setraw(slave)
name = os.ttyname(slave)
mode = "standard" if args.baud == 9600 else "historic"
rules = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
rules.write(f"""meters:
  main: {{ port: {name}, mode: {mode} }}
outputs:
  heater: {{ gpio: {{ chip: gpiochip0, line: 17 }}, initial: on, failsafe: on }}
  led: {{ gpio: {{ chip: gpiochip0, line: 25 }}, initial: off, failsafe: off }}
rules:
  - {{ name: red peak, when: {{ period: [hp-red, hp-white] }}, then: {{ heater: off }} }}
  - {{ name: warn, when: {{ any: [ {{ tempo-tomorrow: red }}, {{ ejp-notice: true }} ] }}, then: {{ led: on }} }}
shedding: {{ meter: main, limit: 95%, release: 80%, loads: [heater] }}
{"history: off" if args.no_history else f"history: {{ path: {tempfile.gettempdir()}/linkyd-bench-{os.getpid()}.sqlite }}"}
{args.extra if "web:" in args.extra else "web: { listen: 127.0.0.1:18099 }"}
{"" if "web:" in args.extra else args.extra}
""")
rules.close()
process = subprocess.Popen([args.binary, "run", "--rules", rules.name, "--dry-run", "--log-level", "warning"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ticks = os.sysconf("SC_CLK_TCK")

def sample():
    cpu = 0.0
    for task in os.listdir(f"/proc/{process.pid}/task"):
        try:
            with open(f"/proc/{process.pid}/task/{task}/schedstat") as f:
                cpu += int(f.read().split()[0]) / 1e9
        except FileNotFoundError:
            pass
    rss = 0
    with open(f"/proc/{process.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) // 1024
    return cpu, rss

per_slice = args.baud // 10 // 100  # bytes per 10 ms
time.sleep(1)
if args.frames:
    # Memory over many frames: the capture repeated, written as fast as the pty takes it (the writes
    # block while linkyd has not read: backpressure), RSS sampled every 2 % of the way.
    per_frame = len(data) / max(1, data.count(b"\x03"))
    total = int(args.frames * per_frame)
    blob = data * max(1, 65536 // len(data))
    written, samples, next_sample = 0, [], 0
    began = time.monotonic()
    while written < total:
        written += os.write(master, blob[: min(len(blob), total - written)])
        if written >= next_sample:
            samples.append((int(written / per_frame), sample()[1]))
            next_sample += total // 50
    time.sleep(2)
    samples.append((args.frames, sample()[1]))
    elapsed = time.monotonic() - began
    process.terminate()
    process.wait(timeout=5)
    os.unlink(rules.name)
    print(f"{args.frames} frames of {os.path.basename(args.capture)} unpaced in {elapsed:.0f} s")
    print("  RSS MB by frames: " + ", ".join(f"{f}: {r}" for f, r in samples[:: max(1, len(samples) // 10)] + samples[-1:]))
    print(f"  after the first 2 %: {samples[1][1] if len(samples) > 1 else '-'} MB, at the end: {samples[-1][1]} MB, max {max(r for _, r in samples)} MB")
    sys.exit(0)
start_cpu, _ = sample()
start = time.monotonic()
offset = 0
rss_samples = []
next_slice = start
written = 0
while time.monotonic() - start < args.seconds:
    chunk = data[offset:offset + per_slice]
    if len(chunk) < per_slice:
        chunk += data[:per_slice - len(chunk)]
    os.write(master, chunk)
    written += len(chunk)
    offset = (offset + per_slice) % len(data)
    next_slice += 0.01
    delay = next_slice - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    if written % (per_slice * 1000) == 0:
        rss_samples.append(sample()[1])
end_cpu, rss = sample()
elapsed = time.monotonic() - start
if args.smaps:
    with open(f"/proc/{process.pid}/smaps") as f, open(args.smaps, "w") as out:
        out.write(f.read())
process.terminate()
process.wait(timeout=5)
os.unlink(rules.name)
frames = written * data.count(b"\x03") / len(data)
print(f"{args.baud} Bd, {os.path.basename(args.capture)}: {elapsed:.0f} s, {written} bytes, ~{frames:.0f} frames")
print(f"  CPU {100 * (end_cpu - start_cpu) / elapsed:.3f} % of one core; RSS {rss} MB (samples {min(rss_samples or [rss])}-{max(rss_samples or [rss])} MB)")
