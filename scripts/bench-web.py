#!/usr/bin/env python3
"""Web benchmark (never a test): `linkyd run --dry-run` on a pty meter, 50 SSE clients on
/api/events, wrk on /api/status; prints the CR-of-PAPP → SSE status at a client latency (p50/p99),
the RSS of linkyd, and wrk's figures. Usage: scripts/bench-web.py [path/to/linkyd] [seconds]"""
import os, pty, socket, subprocess, sys, threading, time, re, tempfile

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/linkyd"
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
master, slave = pty.openpty()
name = os.ttyname(slave)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
rules = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
rules.write(f"""meters:
  main: {{ port: {name}, mode: historic }}
outputs:
  water-heater: {{ gpio: {{ chip: gpiochip0, line: 17 }}, initial: off, failsafe: off }}
rules:
  - {{ name: big, when: {{ period: hp }}, then: {{ water-heater: off }} }}
web:
  listen: 127.0.0.1:{port}
""")
rules.close()
log = open("/tmp/linkyd-bench-web.log", "w")
proc = subprocess.Popen([binary, "run", "--rules", rules.name, "--dry-run"], stdout=log, stderr=subprocess.STDOUT)
os.close(slave)
time.sleep(2)

def group(label, data):
    body = (label + " " + data).encode()
    return b"\n" + body + b" " + bytes([(sum(body) & 0x3F) + 0x20]) + b"\r"

sent = {}  # power -> time the CR of its PAPP group was written
latencies = []
lock = threading.Lock()

def client(index):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n")
    buffer = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return
        if not chunk:
            return
        now = time.monotonic()
        buffer += chunk
        for m in re.finditer(rb'"apparent_power_va":(\d+)', buffer):
            power = int(m.group(1))
            with lock:
                if index == 0 and power in sent and sent[power] is not None:
                    latencies.append(now - sent[power]); sent[power] = None
        buffer = buffer[-200:]

for i in range(50):
    threading.Thread(target=client, args=(i,), daemon=True).start()
time.sleep(1)
wrk = subprocess.Popen(["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}/api/status"],
                       stdout=subprocess.PIPE, text=True)
rss = []
end = time.monotonic() + seconds
power = 1000
while time.monotonic() < end:
    power += 1
    head = b"\x02" + group("ADCO", "041876097326") + group("OPTARIF", "BASE") + group("ISOUSC", "45") + group("BASE", "012345678") \
        + group("PTEC", "TH..") + group("IINST", "%03d" % (power // 230)) + group("IMAX", "090")
    os.write(master, head)
    time.sleep(0.05)
    with lock:
        os.write(master, group("PAPP", "%05d" % power))
        sent[power] = time.monotonic()
    os.write(master, group("HHPHC", "A") + group("MOTDETAT", "000000") + b"\x03")
    time.sleep(0.25)
    with open(f"/proc/{proc.pid}/status") as f:
        rss += [int(l.split()[1]) for l in f if l.startswith("VmRSS")]
out = wrk.communicate()[0]
proc.terminate(); proc.wait()
latencies.sort()
def pct(p): return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000
print(f"frames: {power - 1000}, SSE status events timed: {len(latencies)}")
print(f"CR of the PAPP group -> 'event: status' read by an SSE client: p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms, max {latencies[-1]*1000:.1f} ms")
print(f"linkyd RSS: max {max(rss)/1024:.1f} MB (50 SSE clients + wrk)")
print("wrk /api/status:"); print("\n".join(l for l in out.splitlines() if re.search(r"Requests/sec|Latency|99%|50%", l)))
