#!/usr/bin/env python3
"""Helpers for run.sh: process accounting, dnsperf parsing, start-up timing and the table.

Sub-commands (each prints to stdout):
  free-port                          a port free for both UDP and TCP on 127.0.0.1
  measure PID OUT -- COMMAND...      runs COMMAND (dnsperf) with stdout to OUT.dnsperf; writes the CPU
                                     share of PID's tree and of COMMAND during the run to OUT.cpu.json
  sample PID OUT                     every 0.5 s until killed: peak RSS and PSS (KiB) of PID's tree -> OUT
  check PORT SAMPLES                 asks each sample query, prints what came back, exits 1 on a mismatch
  result SERVER RUN DNSPERF_OUT CPU_JSON MEM_JSON
                                     one JSON line: dnsperf statistics, latency percentiles from -v
  startup RUNS PORT JAVA [ARGS...]   starts the command RUNS times, prints ms to the first answer
                                     for $STARTUP_NAME (default: the built-in example's nginx-service);
                                     with STARTUP_THREADS=1 also the CPU ms each group of the server's
                                     threads had used by then (the median of the runs)
  threads-median JSON...             from startup's lines with threads_ms: the median of each thread
                                     group over them, on one line
  hotspots JFR_PRINT_OUT             top frames of jdk.ExecutionSample events
  table RUNS_JSONL [STARTUP_JSON]    the markdown table; ratios against the row named by $BASELINE (nsd)
  rss PID                            resident MiB of PID's tree now, rounded
  flood-queries FILE N SEED CLUSTER  a dnsperf query file for flood.sh: N queries for random names, in
                                     the zones of CLUSTER (example or k8s) and outside them
  forward-queries FILE N HOT FRESH_PCT SEED
                                     a dnsperf query file for forward.sh: N queries, FRESH_PCT% of them
                                     for names never asked before, the rest for HOT repeated names
  gc GC_LOG FROM_UTC TO_UTC DNSPERF_OUT
                                     one JSON line: the Serial/Parallel young collections of GC_LOG
                                     (-Xlog:gc*:file=GC_LOG:utctime) between the two times (ISO UTC),
                                     per million queries completed, their pauses, what they promoted
                                     and the bytes allocated per query (Eden filled between them)
"""

import json
import os
import random
import re
import socket
import statistics
import struct
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def tree(pid):
    """PID and every descendant, found through /proc/*/stat parent ids."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry))
            except OSError:
                pass
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(parents.get(p, []))
    return found


def ticks(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total


def memory_kib(pid):
    rss = pss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                rss += next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            with open(f"/proc/{p}/smaps_rollup") as f:
                pss += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return rss, pss


def cmd_free_port():
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                    t.bind(("127.0.0.1", port))
                # ClusterDNS with -conf binds the dual-stack wildcard, which an IPv6 user of
                # the port (::1) blocks too.
                with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as t6:
                    t6.bind(("::", port))
            except OSError:
                continue
        if port >= 10000:
            print(port)
            return


def busy_ticks():
    """CPU ticks the whole machine spent busy (not idle, not waiting for I/O)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return sum(fields) - fields[3] - fields[4]


def cmd_measure(pid, out, separator, *command):
    if separator != "--":
        sys.exit("usage: measure PID OUT -- COMMAND...")
    pid = int(pid)
    machine_before = busy_ticks()
    before, start = ticks(pid), time.monotonic()
    with open(out + ".dnsperf", "w") as stdout:
        child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - start
    server_seconds = (ticks(pid) - before) / CLK_TCK
    client_seconds = usage.ru_utime + usage.ru_stime
    machine_seconds = (busy_ticks() - machine_before) / CLK_TCK
    with open(out + ".cpu.json", "w") as f:
        json.dump({
            "wall_s": wall,
            "server_pct": 100.0 * server_seconds / wall,
            "client_pct": 100.0 * client_seconds / wall,
            # Everything else that ran meanwhile (other users of the machine), in cores.
            "others_cores": max(0.0, machine_seconds - server_seconds - client_seconds) / wall,
        }, f)
    sys.exit(os.waitstatus_to_exitcode(status))


def cmd_sample(pid, out):
    pid = int(pid)
    peak_rss = peak_pss = 0
    while os.path.exists(f"/proc/{pid}"):
        rss, pss = memory_kib(pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        with open(out + ".tmp", "w") as f:
            json.dump({"rss_kib": peak_rss, "pss_kib": peak_pss}, f)
        os.replace(out + ".tmp", out)
        time.sleep(0.5)


# --- DNS wire helpers for the checks and the start-up probe --------------------------------

TYPES = {"A": 1, "NS": 2, "SOA": 6, "AAAA": 28, "SRV": 33}
RCODES = {0: "NOERROR", 2: "SERVFAIL", 3: "NXDOMAIN", 5: "REFUSED"}


def query(name, qtype):
    qid = random.randrange(65536)
    wire = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        wire += bytes([len(label)]) + label.encode()
    return qid, wire + b"\0" + struct.pack(">HH", TYPES[qtype], 1)


def ask(port, name, qtype, timeout):
    """(rcode name, answer count) or None when nothing came back in time."""
    qid, wire = query(name, qtype)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(wire, ("127.0.0.1", int(port)))
        try:
            while True:
                data = s.recv(4096)
                rid, flags, _, ancount = struct.unpack(">HHHH", data[:8])
                if rid == qid:
                    return RCODES.get(flags & 0xF, str(flags & 0xF)), ancount
        except (socket.timeout, ConnectionRefusedError):
            return None


def cmd_check(port, samples):
    ok = True
    with open(samples) as f:
        for line in f:
            name, qtype, rcode, count = line.split()
            got = ask(port, name, qtype, 2.0)
            match = got == (rcode, int(count))
            ok &= match
            print(f"{'ok  ' if match else 'DIFF'} {name} {qtype}: expected {rcode}/{count} answers, "
                  f"got {got[0] + '/' + str(got[1]) + ' answers' if got else 'no reply'}")
    sys.exit(0 if ok else 1)


def thread_ms(pid):
    """CPU milliseconds per group of PID's threads: the kernel's thread name (15 characters)
    without its trailing number, so that the parsing threads, the GC workers or the compiler
    threads add up. The serial collector runs in "VM Thread"; a JVM that replaced itself
    (/proc/self/exe) names its main thread "exe"."""
    groups = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return groups
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = re.sub(r"[#\d]+$", "", stat[stat.index("(") + 1:stat.rindex(")")]).strip()
        fields = stat.rsplit(")", 1)[1].split()
        groups[name] = groups.get(name, 0) + (int(fields[11]) + int(fields[12])) * 1000 // CLK_TCK
    return groups


def cmd_startup(runs, port, *command):
    """Milliseconds from spawning the command to the first positive answer, one per run.

    The name asked is $STARTUP_NAME, by default a Service of the built-in example cluster; a run
    gives up after $STARTUP_TIMEOUT seconds (30). With $STARTUP_THREADS=1, "threads_ms" holds
    the median over the runs of each thread group's CPU time at the first answer (thread_ms)."""
    name = os.environ.get("STARTUP_NAME", "nginx-service.default.svc.cluster.local")
    timeout = float(os.environ.get("STARTUP_TIMEOUT", "30"))
    with_threads = os.environ.get("STARTUP_THREADS") == "1"
    results, threads = [], []
    for _ in range(int(runs)):
        start = time.monotonic()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while time.monotonic() - start < timeout:
                got = ask(port, name, "A", 0.005)
                if got and got[0] == "NOERROR" and got[1] > 0:
                    results.append(round((time.monotonic() - start) * 1000))
                    if with_threads:
                        threads.append(thread_ms(proc.pid))
                    break
                if proc.poll() is not None:
                    raise SystemExit(f"server exited with {proc.returncode} before answering")
                time.sleep(0.002)
        finally:
            proc.terminate()
            proc.wait(10)
    out = {"runs_ms": results, "median_ms": statistics.median(results) if results else None}
    if with_threads:
        out["threads_ms"] = {name: round(ms) for name, ms in group_medians(threads) if ms > 0}
    print(json.dumps(out))


def group_medians(runs):
    """(thread group, median CPU ms over the runs) pairs, the busiest first; a group missing from
    a run counts 0 there."""
    medians = {name: statistics.median(run.get(name, 0) for run in runs)
               for name in {name for run in runs for name in run}}
    return sorted(medians.items(), key=lambda item: -item[1])


def cmd_threads_median(*lines):
    runs = [json.loads(line)["threads_ms"] for line in lines]
    total = statistics.median(sum(run.values()) for run in runs)
    shown = ", ".join(f"{name} {ms:g}" for name, ms in group_medians(runs) if ms >= 10)
    print(f"  server CPU ms by the first answer (median of {len(runs)}): {total:g} in all; {shown}")


# --- dnsperf results ---------------------------------------------------------------------

STAT = {
    "sent": r"Queries sent:\s+(\d+)",
    "completed": r"Queries completed:\s+(\d+)",
    "lost": r"Queries lost:\s+(\d+)",
    "qps": r"Queries per second:\s+([\d.]+)",
    "avg_s": r"Average Latency \(s\):\s+([\d.]+)",
}


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def cmd_result(server, run, dnsperf_out, cpu_json, mem_json):
    latencies, rcodes, text = [], {}, []
    with open(dnsperf_out) as f:
        for line in f:
            if line.startswith("> "):
                parts = line.split()
                try:
                    latencies.append(float(parts[-1]))
                    rcodes[parts[1]] = rcodes.get(parts[1], 0) + 1
                except ValueError:
                    pass
            else:
                text.append(line)
    text = "".join(text)
    stats = {}
    for key, pattern in STAT.items():
        m = re.search(pattern, text)
        stats[key] = float(m.group(1)) if m else None
    latencies.sort()
    with open(cpu_json) as f:
        cpu = json.load(f)
    with open(mem_json) as f:
        mem = json.load(f)
    line = {
        "server": server,
        "run": int(run),
        "qps": stats["qps"],
        "loss_pct": 100.0 * stats["lost"] / stats["sent"] if stats["sent"] else None,
        "avg_ms": stats["avg_s"] * 1000 if stats["avg_s"] is not None else None,
        "p50_ms": percentile(latencies, 50) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 99) * 1000 if latencies else None,
        "p999_ms": percentile(latencies, 99.9) * 1000 if latencies else None,
        "max_ms": latencies[-1] * 1000 if latencies else None,
        "rcodes": rcodes,
        "server_cpu_pct": cpu["server_pct"],
        "client_cpu_pct": cpu["client_pct"],
        "others_cores": cpu.get("others_cores"),
        "rss_mib": mem["rss_kib"] / 1024,
        "pss_mib": mem["pss_kib"] / 1024,
    }
    print(json.dumps(line))


def cmd_hotspots(jfr_print_out, top=25):
    """Counts the top frame and the top three frames of each execution sample."""
    own, stacks, samples = {}, {}, 0
    frames, in_stack = [], False
    with open(jfr_print_out) as f:
        for line in f:
            s = line.strip()
            if s.startswith("stackTrace = ["):
                frames, in_stack = [], True
            elif in_stack and (s == "]" or s.startswith("...")):
                in_stack = False
                if frames:
                    samples += 1
                    own[frames[0]] = own.get(frames[0], 0) + 1
                    key = " <- ".join(frames[:3])
                    stacks[key] = stacks.get(key, 0) + 1
            elif in_stack and s:
                frames.append(re.sub(r"\s+line:.*$", "", s))
    print(f"{samples} execution samples")
    print("\nTop frames (self):")
    for frame, n in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{100.0 * n / samples:5.1f}%  {frame}")
    print("\nTop three-frame stacks:")
    for frame, n in sorted(stacks.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{100.0 * n / samples:5.1f}%  {frame}")


GC_LINE = re.compile(r"^\[(?P<time>[^]]+)\] GC\((?P<gc>\d+)\) (?P<text>.*)$")
EDEN = re.compile(r"Eden: (\d+)K\(\d+K\)->(\d+)K")
TENURED = re.compile(r"(?:Tenured|ParOldGen): (\d+)K\(\d+K\)->(\d+)K")
PAUSE = re.compile(r"^Pause Young .* (\d+(?:\.\d+)?)ms$")


def utc_seconds(stamp):
    """Seconds since the epoch of a -Xlog utctime decoration or an ISO time ending in Z."""
    from datetime import datetime, timezone
    stamp = stamp.replace("Z", "+0000")
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%f%z").astimezone(timezone.utc).timestamp()


def cmd_gc(gc_log, from_utc, to_utc, dnsperf_out):
    start, end = utc_seconds(from_utc), utc_seconds(to_utc)
    collections = {}
    with open(gc_log) as f:
        for line in f:
            m = GC_LINE.match(line.strip())
            if not m or not start <= utc_seconds(m.group("time")) <= end:
                continue
            gc = collections.setdefault(int(m.group("gc")), {})
            text = m.group("text")
            if (e := EDEN.search(text)):
                gc["eden_kib"] = int(e.group(1))
            if (t := TENURED.search(text)):
                gc["promoted_kib"] = int(t.group(2)) - int(t.group(1))
            if (p := PAUSE.match(text)):
                gc["pause_ms"] = float(p.group(1))
    young = [gc for gc in collections.values() if "pause_ms" in gc]
    with open(dnsperf_out) as f:
        m = re.search(r"Queries completed:\s+(\d+)", f.read())
    queries = int(m.group(1)) if m else 0
    pauses = sorted(gc["pause_ms"] for gc in young)
    million = queries / 1e6 if queries else None
    print(json.dumps({
        "queries": queries,
        "young_gcs": len(young),
        "young_gcs_per_million": len(young) / million if million else None,
        "pause_total_ms": sum(pauses),
        "pause_ms_per_million": sum(pauses) / million if million else None,
        "pause_median_ms": statistics.median(pauses) if pauses else None,
        "pause_max_ms": pauses[-1] if pauses else None,
        "paused_pct": 100.0 * sum(pauses) / 1000 / (end - start),
        "promoted_kib": sum(gc.get("promoted_kib", 0) for gc in young),
        "allocated_bytes_per_query":
            1024.0 * sum(gc.get("eden_kib", 0) for gc in young) / queries if queries else None,
        "other_gcs": len(collections) - len(young),
    }))


# --- the table ---------------------------------------------------------------------------

def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def median_of(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(values) if values else None


def cmd_table(runs_jsonl, startup_json=None):
    by_server = {}
    with open(runs_jsonl) as f:
        for line in f:
            row = json.loads(line)
            by_server.setdefault(row["server"], []).append(row)
    summary = {}
    for server, rows in by_server.items():
        s = {k: median_of(rows, k) for k in
             ("qps", "loss_pct", "avg_ms", "p50_ms", "p99_ms", "server_cpu_pct", "client_cpu_pct",
              "others_cores")}
        s["best_qps"] = max(r["qps"] for r in rows)
        s["rss_mib"] = max(r["rss_mib"] for r in rows)
        s["pss_mib"] = max(r["pss_mib"] for r in rows)
        per_core = [r["qps"] / (r["server_cpu_pct"] / 100) for r in rows if r["server_cpu_pct"]]
        s["qps_per_core"] = statistics.median(per_core) if per_core else None
        s["runs"] = len(rows)
        summary[server] = s
    baseline_name = os.environ.get("BASELINE", "nsd")
    baseline = summary.get(baseline_name)

    def ratio(s, key, digits=2):
        if not baseline or not baseline.get(key) or s.get(key) is None:
            return "–"
        return f"{s[key] / baseline[key]:.{digits}f}×"

    print("| server | runs | QPS (median) | QPS (best) | loss % | avg ms | p50 ms | p99 ms "
          "| server CPU % | QPS per server core | RSS MiB | PSS MiB | dnsperf CPU % | others (cores) "
          f"| QPS ÷ {baseline_name} | p99 ÷ {baseline_name} | QPS/core ÷ {baseline_name} |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
          "| ---: | ---: | ---: | ---: |")
    for server, s in summary.items():
        print(f"| {server} | {s['runs']} | {fmt(s['qps'])} | {fmt(s['best_qps'])} | {fmt(s['loss_pct'], 2)} "
              f"| {fmt(s['avg_ms'], 3)} | {fmt(s['p50_ms'], 3)} | {fmt(s['p99_ms'], 3)} "
              f"| {fmt(s['server_cpu_pct'])} | {fmt(s['qps_per_core'])} | {fmt(s['rss_mib'])} "
              f"| {fmt(s['pss_mib'])} | {fmt(s['client_cpu_pct'])} | {fmt(s['others_cores'], 2)} | {ratio(s, 'qps')} "
              f"| {ratio(s, 'p99_ms')} | {ratio(s, 'qps_per_core')} |")
    if startup_json and os.path.exists(startup_json):
        with open(startup_json) as f:
            startup = json.load(f)
        print()
        print(f"ClusterDNS from `java -jar` to the first answer (built-in example): median "
              f"{fmt(startup['median_ms'])} ms over {len(startup['runs_ms'])} runs "
              f"({', '.join(str(ms) for ms in startup['runs_ms'])} ms).")


def cmd_rss(pid):
    print(round(memory_kib(int(pid))[0] / 1024))


def cmd_flood_queries(out, count, seed, cluster):
    """Names that exist nowhere, each label random: every query misses every cache once."""
    rng = random.Random(int(seed))
    print(f"flood-queries: seed {seed}", file=sys.stderr)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

    def label():
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(6, 16)))

    if cluster == "example":
        shapes = [("{}.default.svc.cluster.local", "A"), ("{}.svc.cluster.local", "AAAA"),
                  ("{}.test", "A"), ("{}.example.org", "A")]
    else:
        shapes = [("{}.ns-%d.svc.cluster.local" % n, "A") for n in range(10)] + [
            ("{}.ns-0.svc.cluster.local", "SRV"), ("{}.cluster.local", "AAAA"),
            ("{}.example.org", "A"), ("{}.example.org", "AAAA"), ("{}.example.com", "A")]
    with open(out, "w") as f:
        for _ in range(int(count)):
            name, qtype = rng.choice(shapes)
            f.write(f"{name.format(label())} {qtype}\n")


def cmd_forward_queries(out, count, hot, fresh_pct, seed):
    """Hot names h-I.example.test repeat; fresh names are unique to this file (the seed is in them)."""
    rng = random.Random(int(seed))
    print(f"forward-queries: seed {seed}", file=sys.stderr)
    with open(out, "w") as f:
        for i in range(int(count)):
            if rng.random() * 100 < float(fresh_pct):
                f.write(f"f-{seed}-{i}.fresh.example.test A\n")
            else:
                f.write(f"h-{rng.randrange(int(hot))}.example.test A\n")


def cmd_delay_proxy(port, upstream_port, delay_ms):
    """A UDP proxy on 127.0.0.1:port in front of 127.0.0.1:upstream_port that holds every reply
    for delay_ms before passing it on: an upstream that far away, without tc/netem (no root
    qdisc changes on a shared machine). Queries go upstream under IDs of its own, mapped back."""
    import asyncio

    delay = float(delay_ms) / 1000
    upstream = ("127.0.0.1", int(upstream_port))

    class Client(asyncio.DatagramProtocol):
        def __init__(self):
            self.transport = None
            self.pending = {}
            self.next_id = 0

        def connection_made(self, transport):
            self.transport = transport

        def datagram_received(self, data, addr):
            if len(data) < 12:
                return
            self.next_id = (self.next_id + 1) & 0xFFFF
            self.pending[self.next_id] = (addr, data[:2])
            upstream_side.transport.sendto(self.next_id.to_bytes(2, "big") + data[2:])

    class Upstream(asyncio.DatagramProtocol):
        def __init__(self):
            self.transport = None

        def connection_made(self, transport):
            self.transport = transport

        def datagram_received(self, data, addr):
            entry = client_side.pending.pop(int.from_bytes(data[:2], "big"), None)
            if entry is not None:
                loop.call_later(delay, client_side.transport.sendto, entry[1] + data[2:], entry[0])

    loop = asyncio.new_event_loop()
    client_side = Client()
    upstream_side = Upstream()
    loop.run_until_complete(loop.create_datagram_endpoint(lambda: upstream_side, remote_addr=upstream))
    loop.run_until_complete(loop.create_datagram_endpoint(lambda: client_side, local_addr=("127.0.0.1", int(port))))
    print(f"delay-proxy: 127.0.0.1:{port} -> {upstream[0]}:{upstream[1]} +{delay_ms} ms", file=sys.stderr)
    loop.run_forever()


COMMANDS = {
    "delay-proxy": cmd_delay_proxy,
    "rss": cmd_rss,
    "flood-queries": cmd_flood_queries,
    "forward-queries": cmd_forward_queries,
    "free-port": cmd_free_port,
    "measure": cmd_measure,
    "sample": cmd_sample,
    "check": cmd_check,
    "result": cmd_result,
    "startup": cmd_startup,
    "threads-median": cmd_threads_median,
    "hotspots": cmd_hotspots,
    "gc": cmd_gc,
    "table": cmd_table,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
