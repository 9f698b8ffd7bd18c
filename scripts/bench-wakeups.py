#!/usr/bin/env python3
"""The floor under linkyd's CPU at wire speed (a benchmark, not a test): what the serial reader's system
calls alone cost on this machine — poll for bytes, read them, wait 35 ms (the coalescing window) — in a
20-line C loop fed exactly like `scripts/bench-daemon.py` feeds linkyd (a pty, 9600 Bd in 10 ms slices).
Compare its CPU with bench-daemon.py's: the difference is linkyd's own work.

    scripts/bench-wakeups.py [--seconds 30] [--capture FILE]

Needs gcc (build-essential)."""
import argparse, os, pty, subprocess, tempfile, time, tty

SOURCE = r"""
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int fd = open(argv[1], O_RDONLY | O_NOCTTY | O_NONBLOCK), stop = eventfd(0, 0);
    char buf[512];
    for (;;) {
        struct pollfd p[2] = {{fd, POLLIN, 0}, {stop, POLLIN, 0}};
        poll(p, 2, 5000);                      /* wait for bytes (or the stop signal) */
        if (read(fd, buf, sizeof buf) < 0) continue;
        struct pollfd q = {stop, POLLIN, 0};
        poll(&q, 1, 35);                       /* the coalescing window, watching the stop signal */
    }
}
"""

parser = argparse.ArgumentParser()
parser.add_argument("--seconds", type=float, default=30)
parser.add_argument("--capture", default=os.path.join(os.path.dirname(__file__), "../Tests/TICTests/Fixtures/ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin"))
args = parser.parse_args()
work = tempfile.mkdtemp(prefix="linkyd-wakeups-")
with open(f"{work}/loop.c", "w") as f:
    f.write(SOURCE)
subprocess.run(["gcc", "-O2", "-o", f"{work}/loop", f"{work}/loop.c"], check=True)
data = open(args.capture, "rb").read()
master, slave = pty.openpty()
tty.setraw(slave)
loop = subprocess.Popen([f"{work}/loop", os.ttyname(slave)])
time.sleep(1)

def sample():
    cpu = sum(int(open(f"/proc/{loop.pid}/task/{t}/schedstat").read().split()[0]) for t in os.listdir(f"/proc/{loop.pid}/task"))
    status = open(f"/proc/{loop.pid}/status").read()
    switches = sum(int(line.split()[1]) for line in status.splitlines() if "ctxt_switches" in line)
    return cpu, switches

cpu0, switches0 = sample()
start = next_slice = time.monotonic()
offset = 0
while time.monotonic() - start < args.seconds:
    chunk = data[offset:offset + 9]
    os.write(master, chunk if len(chunk) == 9 else chunk + data[:9 - len(chunk)])
    offset = (offset + 9) % len(data)
    next_slice += 0.01
    delay = next_slice - time.monotonic()
    if delay > 0:
        time.sleep(delay)
elapsed = time.monotonic() - start
cpu1, switches1 = sample()
loop.kill()
print(f"the reader's system calls alone (poll, read, 35 ms wait) at 9600 Bd: CPU {100 * (cpu1 - cpu0) / 1e9 / elapsed:.3f} % "
      f"of one core, {(switches1 - switches0) / elapsed:.1f} wake-ups/s")
