#!/usr/bin/env python3
"""Web benchmark (never a test): `linkyd run --dry-run` on a pty meter, twice — idle, then with 50 SSE
clients on /api/events and wrk on /api/status — and prints, for each run:

- the decision latency: from writing the CR of the PTEC group that decides a switch (frames alternate
  between Tempo blue off-peak and red peak; a rule switches the water heater off in red peak) to
  reading linkyd's `[dry-run] water-heater → …` line on its log pipe. An upper bound of the
  in-process figure (linkyd-bench's LatencyBenchmark): it adds the pty, the log line and the pipe;
- the CR of the PAPP group → 'event: status' read by an SSE client (p50/p99);
- linkyd's RSS (max), wrk's figures, and whether every SSE client got the last status.

Usage: scripts/bench-web.py [path/to/linkyd] [seconds]
Environment: LINKYD_BENCH_EXTRA — more rules-file text (e.g. exporters; a `history:` there replaces
`history: off`); LINKYD_BENCH_RUNS — `idle`, `load` or both (the default)."""
import multiprocessing, os, pty, re, socket, subprocess, sys, tempfile, threading, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/linkyd"
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
CLIENTS = 50
EXTRA = os.environ.get("LINKYD_BENCH_EXTRA", "")
RUNS = os.environ.get("LINKYD_BENCH_RUNS", "idle load").split()


def group(label, data):
    body = (label + " " + data).encode()
    return b"\n" + body + b" " + bytes([(sum(body) & 0x3F) + 0x20]) + b"\r"


def pct(values, p):
    return values[min(len(values) - 1, int(len(values) * p))] * 1000 if values else float("nan")


def sse_clients(port, stop, results, count=CLIENTS, timed=True):
    """`count` readers of /api/events: when the first (if `timed`) first saw each power, and every
    client's last. The timed client runs in a process of its own (count=1): its readings never wait
    for the GIL behind the others'."""
    lock = threading.Lock()
    received, last_seen = {}, [None] * count

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
                last_seen[index] = power
                if index == 0 and timed:
                    with lock: received.setdefault(power, now)
            buffer = buffer[-200:]

    for i in range(count):
        threading.Thread(target=client, args=(i,), daemon=True).start()
    stop.wait()
    with lock:
        results.put((dict(received), list(last_seen)))


def run(load):
    master, slave = pty.openpty()
    name = os.ttyname(slave)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    rules = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    rules.write(f"""meters:
  main: {{ port: {name}, mode: historic }}
outputs:
  water-heater: {{ gpio: {{ chip: gpiochip0, line: 17 }}, initial: on, failsafe: on }}
rules:
  - {{ name: red peak, when: {{ period: hp-red }}, then: {{ water-heater: off }} }}
{"" if "history:" in EXTRA else "history: off"}
web:
  listen: 127.0.0.1:{port}
{EXTRA}
""")
    rules.close()
    proc = subprocess.Popen([binary, "run", "--rules", rules.name, "--dry-run"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, bufsize=0)
    os.close(slave)
    lock = threading.Lock()
    switched = []  # monotonic times a `[dry-run] water-heater →` line was read
    in_process = []  # linkyd's own summary when it stops (read → line driven, in process)
    started = threading.Event()

    def read_log():
        buffer = b""
        with open("/tmp/linkyd-bench-web.log", "wb") as log:
            while True:
                chunk = proc.stdout.read1(65536) if hasattr(proc.stdout, "read1") else os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    return
                now = time.monotonic()
                log.write(chunk)
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if b"web page at" in line:
                        started.set()
                    if b"[dry-run] water-heater" in line:
                        with lock: switched.append(now)
                    if b"decision latency (read" in line:
                        in_process.append(line.decode(errors="replace").split("linkyd: ", 1)[-1])

    threading.Thread(target=read_log, daemon=True).start()
    started.wait(15)
    time.sleep(0.5)
    sent = {}
    stop = multiprocessing.Event()
    results = multiprocessing.Queue()
    wrk = None
    clients = None
    # The timed SSE client in a process of its own, idle and loaded; under load the 49 others in
    # another (their threads never hold the timer's GIL, nor this process's while it times the pty
    # and the log); CLOCK_MONOTONIC is the same for all.
    timer_results = multiprocessing.Queue()
    timer = multiprocessing.Process(target=sse_clients, args=(port, stop, timer_results, 1, True), daemon=True)
    timer.start()
    if load:
        clients = multiprocessing.Process(target=sse_clients, args=(port, stop, results, CLIENTS - 1, False), daemon=True)
        clients.start()
    time.sleep(1.5)
    if load:
        wrk = subprocess.Popen(["wrk", "-t2", "-c20", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}/api/status"],
                               stdout=subprocess.PIPE, text=True)
    rss, decisions = [], []
    end = time.monotonic() + seconds
    power, red, frame = 1000, False, 0
    while time.monotonic() < end:
        frame += 1
        # Odd frames decide a switch (PTEC changes, PAPP does not); even frames change the power only.
        deciding = frame % 2 == 1
        if deciding:
            red = not red
        else:
            power += 1
        head = b"\x02" + group("ADCO", "041876097326") + group("OPTARIF", "BBR(") + group("ISOUSC", "45") \
            + group("BBRHCJB", "012345678") + group("BBRHPJR", "000012345")
        os.write(master, head)
        time.sleep(0.02)
        with lock:
            before = len(switched)
        os.write(master, group("PTEC", "HPJR" if red else "HCJB"))
        decided = time.monotonic()
        os.write(master, group("DEMAIN", "----") + group("IINST", "%03d" % (power // 230)) + group("IMAX", "090"))
        time.sleep(0.05)
        os.write(master, group("PAPP", "%05d" % power))
        if not deciding:
            sent[power] = time.monotonic()
        os.write(master, group("HHPHC", "A") + group("MOTDETAT", "000000") + b"\x03")
        time.sleep(0.25)
        if deciding:
            with lock:
                if len(switched) > before:
                    decisions.append(switched[before] - decided)
        with open(f"/proc/{proc.pid}/status") as f:
            rss += [int(l.split()[1]) for l in f if l.startswith("VmRSS")]
    time.sleep(1.5)  # the last status reaches everyone (at most one per 200 ms, and a heartbeat)
    out = wrk.communicate()[0] if wrk else ""
    stop.set()
    received, last_seen = timer_results.get(timeout=10)
    timer.join(5)
    if clients:
        last_seen += results.get(timeout=10)[1]
        clients.join(5)
    proc.terminate(); proc.wait()
    time.sleep(0.3)  # the log reader gets the last lines
    sse = sorted(received[p] - t for p, t in sent.items() if p in received)
    decisions.sort()
    title = f"{CLIENTS} SSE clients + wrk -t2 -c20 on /api/status" if load else "idle (one timed SSE client, no load)"
    print(f"== {title}: {frame} frames in {seconds} s ({len(decisions)} deciding a switch)")
    print(f"decision latency (CR of PTEC written to the pty → '[dry-run] water-heater' line read), {len(decisions)} switches: "
          f"p50 {pct(decisions, 0.5):.2f} ms, p90 {pct(decisions, 0.9):.2f} ms, p99 {pct(decisions, 0.99):.2f} ms, "
          f"max {decisions[-1] * 1000 if decisions else float('nan'):.2f} ms; {sum(d > 0.001 for d in decisions)} over 1 ms")
    print("in process, as linkyd measured it: " + (in_process[-1] if in_process else "no summary logged"))
    print(f"linkyd RSS: max {max(rss) / 1024:.1f} MB; load average {open('/proc/loadavg').read().split()[0]} on {os.cpu_count()} cores")
    print(f"CR of PAPP → 'event: status' read by the timed SSE client: p50 {pct(sse, 0.5):.1f} ms, p99 {pct(sse, 0.99):.1f} ms, "
          f"max {sse[-1] * 1000 if sse else float('nan'):.1f} ms ({len(sse)} timed)")
    missed = [i for i, p in enumerate(last_seen) if p != power]
    print(f"SSE clients with the last status ({power} VA): {len(last_seen) - len(missed)}/{len(last_seen)}"
          + (f"; missed: {missed}" if missed else ""))
    if load:
        print("wrk /api/status:"); print("\n".join(l for l in out.splitlines() if re.search(r"Requests/sec|Latency|99%|50%", l)))


if "idle" in RUNS:
    run(load=False)
if "load" in RUNS:
    run(load=True)
