#!/usr/bin/env python3
"""Host side of the HIL test: plays a historic-mode meter (EJP contract) into the guest's ttyS1,
and runs qemu with the guest console on stdout.

    meter.py --dump SCENARIO                    3 frames of SCENARIO on stdout (for `linkyd decode`)
    linkyd decode --json F | meter.py --expect SCENARIO   did linkyd read them as meant?
    meter.py --sock S --log L [--timeout T] -- qemu-system-x86_64 ...

The guest's /init drives the test: it prints `HIL-METER <scenario>` on its console (ttyS0), and the
host switches what it sends on ttyS1 (a qemu unix-socket chardev) at the next frame boundary, or
stops at once for `silent`. qemu's 8250 applies neither baud rate nor parity on a socket backend, so
bytes are paced here at 1200 Bd, 10 bit times per character (start, 7 data, parity, stop).

Frames follow tic-protocol.md §1: group = LF label SP data SP checksum CR, frame = STX groups ETX,
historic checksum = (sum of "label SP data") & 0x3F) + 0x20.
"""
import argparse, os, signal, socket, subprocess, sys, threading, time

BAUD = 1200
STX, ETX, LF, CR = b"\x02", b"\x03", b"\n", b"\r"

# What each scenario sends (single-phase EJP meter, ISOUSC 30 A): PEJP 30 = the EJP notice.
SCENARIOS = {
    "ejp-notice":     dict(pejp=True, iinst=5,  papp=1200, adps=False),  # notice, low power
    "ejp-high-power": dict(pejp=True, iinst=30, papp=7200, adps=False),  # above the 6000 VA limit
    "ejp-overpower":  dict(pejp=True, iinst=36, papp=5900, adps=True),   # below the limit, but ADPS 036
}


def group(label: str, data: str) -> bytes:
    body = f"{label} {data}".encode("ascii")
    checksum = (sum(body) & 0x3F) + 0x20
    return LF + body + b" " + bytes([checksum]) + CR


def frame(name: str) -> bytes:
    s = SCENARIOS[name]
    groups = [("ADCO", "041876097512"), ("OPTARIF", "EJP."), ("ISOUSC", "30"),
              ("EJPHN", "012345678"), ("EJPHPM", "000123456")]
    if s["pejp"]:
        groups.append(("PEJP", "30"))
    groups += [("PTEC", "HN.."), ("IINST", f"{s['iinst']:03d}")]
    if s["adps"]:
        groups.append(("ADPS", f"{s['iinst']:03d}"))
    groups += [("IMAX", "090"), ("PAPP", f"{s['papp']:05d}"), ("HHPHC", "A"), ("MOTDETAT", "000000")]
    out = STX + b"".join(group(l, d) for l, d in groups) + ETX
    assert all(b < 0x80 for b in out), "a 7E1 line carries 7-bit characters"
    return out


class Meter:
    """Sends frames of the current scenario on the socket, paced at BAUD; `None` = silent."""

    def __init__(self, sock_path: str, qemu: subprocess.Popen, t0: float):
        self.sock_path, self.qemu, self.t0 = sock_path, qemu, t0
        self.scenario = None
        self.frames = 0
        self.lock = threading.Lock()

    def set(self, scenario):
        if scenario is not None and scenario not in SCENARIOS:
            print(f"HOST: unknown scenario {scenario!r}; known: {', '.join(SCENARIOS)}, silent", flush=True)
            return
        with self.lock:
            self.scenario = scenario

    def run(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:  # qemu creates the listening socket shortly after it starts
            try:
                s.connect(self.sock_path)
                break
            except OSError:
                if self.qemu.poll() is not None or time.monotonic() - self.t0 > 30:
                    print(f"HOST: could not connect to {self.sock_path}", flush=True)
                    return
                time.sleep(0.02)
        per_char = 10.0 / BAUD
        while self.qemu.poll() is None:
            with self.lock:
                current = self.scenario
            if current is None:
                time.sleep(0.05)
                continue
            t_next = time.monotonic()
            try:
                for b in frame(current):
                    if self.scenario is None:  # `silent` stops mid-frame, like a cut cable
                        break
                    s.sendall(bytes([b]))
                    t_next += per_char
                    delay = t_next - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                else:
                    self.frames += 1
            except OSError:
                return


def expect(name: str) -> int:
    """Reads `linkyd decode --json` lines of a --dump on stdin; prints why they differ from the scenario."""
    import json
    s = SCENARIOS[name]
    frames = [json.loads(l) for l in sys.stdin if l.strip()]
    want = dict(complete=True, tariff_option="ejp", period="hn", ejp_notice=True,
                apparent_power_va=s["papp"], overpower=s["adps"])
    problems = [] if len(frames) == 3 else [f"{len(frames)} frames decoded, 3 sent"]
    for f in frames:
        problems += [f"{k}={f.get(k)!r}, sent {v!r}" for k, v in want.items() if f.get(k) != v]
    print("; ".join(sorted(set(problems))) or "ok")
    return 1 if problems else 0


def relay_console(qemu, meter, log_path, t0):
    """Prints and logs the guest console with host timestamps, and acts on `HIL-METER` lines.
    Returns the time of `HIL-DONE`, or None if the guest never got there."""
    done = None
    with open(log_path, "w") as log:
        for raw in qemu.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n").replace("\r", "")
            now = time.monotonic() - t0
            if line.startswith("HIL-METER "):
                name = line.split()[1]
                meter.set(None if name == "silent" else name)
            if line.startswith("HIL-DONE"):
                done = now
            log.write(line + "\n")
            log.flush()
            print(f"[{now:6.2f}] {line}", flush=True)
    return done


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", metavar="SCENARIO", choices=sorted(SCENARIOS))
    ap.add_argument("--expect", metavar="SCENARIO", choices=sorted(SCENARIOS))
    ap.add_argument("--sock")
    ap.add_argument("--log")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    if a.dump:
        sys.stdout.buffer.write(frame(a.dump) * 3)
        return 0
    if a.expect:
        return expect(a.expect)
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not (a.sock and a.log and cmd):
        ap.error("--sock, --log and a qemu command are required")
    if os.path.exists(a.sock):
        os.unlink(a.sock)

    t0 = time.monotonic()
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    meter = Meter(a.sock, qemu, t0)
    threading.Thread(target=meter.run, daemon=True).start()
    timed_out = []
    timer = threading.Timer(a.timeout, lambda: (timed_out.append(1), qemu.kill()))
    timer.start()
    done = None
    # never leave qemu behind: on SIGTERM (the outer `timeout`) or any error, kill it
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        done = relay_console(qemu, meter, a.log, t0)
    finally:
        if qemu.poll() is None:
            qemu.kill()
    rc = qemu.wait()
    timer.cancel()
    end = time.monotonic() - t0
    with open(a.log, "a") as log:
        if timed_out:
            log.write(f"FAIL: VM killed after the {a.timeout:.0f} s timeout\n")
        elif done is None:
            log.write(f"FAIL: the guest stopped before the end of its checks (qemu exit status {rc})\n")
        log.write(f"HOSTTIME: VM {end:.1f} s (qemu start to exit), {meter.frames} frames sent\n")
    return 0 if done is not None and not timed_out else 1


if __name__ == "__main__":
    sys.exit(main())
