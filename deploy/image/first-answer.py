#!/usr/bin/env python3
"""When a DNS server first answers, and what its process had spent by then (test-image.sh).

Run in the container's network namespace before the container starts:

    first-answer.py NAME ADDRESS [TIMEOUT_S]

It looks every millisecond for a UDP socket bound to port 53 in its network namespace
(/proc/net/udp, udp6), then asks 127.0.0.1 port 53 for NAME's A record every 2 ms until an
answer holds ADDRESS. A query waits in the server's socket until the server reads it, so the
answer's arrival is the server's first answer, to within about 2 ms. test-image.sh's earlier
loop of dig processes saw it 8-51 ms later (each dig takes tens of milliseconds to start).

At the answer it finds the one `java` process in its network namespace and prints one line:

    AGE_MS REALTIME_NS CPU_MS MAIN_MS THREADS

AGE_MS is the process's age at the answer (from its start in /proc, kept in 10 ms clock ticks,
so it reads 0-10 ms long); REALTIME_NS the answer's wall clock (for timing from `podman run`);
CPU_MS the process's CPU time, its exited threads' included (in 10 ms ticks); MAIN_MS the main
thread's (of the tasks named java other than the launcher's, the one that ran longest); THREADS
the six threads that took the most CPU, each "name cpu/wait" in ms, where wait is the time it was
runnable but waited for a core (the scheduler's run queue: /proc/PID/task/TID/schedstat).
Exits 1 when no answer came within TIMEOUT_S (default 60).
"""
import os
import socket
import struct
import sys
import time


def query(name, ident):
    header = struct.pack(">HHHHHH", ident, 0x0100, 1, 0, 0, 0)
    labels = b"".join(bytes([len(label)]) + label.encode() for label in name.rstrip(".").split("."))
    return header + labels + b"\x00" + struct.pack(">HH", 1, 1)


def addresses(reply, ident):
    """The A records of a reply to query ident (empty for any other packet)."""
    if len(reply) < 12:
        return
    got_id, flags, qdcount, ancount = struct.unpack(">HHHH", reply[:8])
    if got_id != ident or not flags & 0x8000:
        return
    offset = 12
    for _ in range(qdcount + ancount):
        while True:
            length = reply[offset]
            if length >= 0xC0:
                offset += 2
                break
            offset += 1 + length
            if length == 0:
                break
        if qdcount:
            qdcount -= 1
            offset += 4
            continue
        rtype, _, _, rdlength = struct.unpack(">HHIH", reply[offset:offset + 10])
        offset += 10
        if rtype == 1 and rdlength == 4:
            yield socket.inet_ntoa(reply[offset:offset + 4])
        offset += rdlength


def bound(port):
    """Whether a UDP socket of this network namespace is bound to port (IPv4 or IPv6)."""
    local = f":{port:04X}"
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as sockets:
            next(sockets)
            if any(line.split()[1].endswith(local) for line in sockets):
                return True
    return False


def first_answer(name, expected, timeout):
    """The CLOCK_BOOTTIME and wall clock (ns) when the answer holding expected came."""
    deadline = time.monotonic() + timeout
    while not bound(53):
        if time.monotonic() > deadline:
            return None
        time.sleep(0.001)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", 53))
    sock.settimeout(0.002)
    sent = set()
    while time.monotonic() < deadline:
        ident = len(sent) % 0xFFFF + 1
        sent.add(ident)
        sock.send(query(name, ident))
        # Asked again every 2 ms until answered: the server binds the port once on its own to
        # check that no other server holds it, and a query sent just after that check, before
        # its listening sockets are bound, is refused.
        try:
            while True:
                reply = sock.recv(4096)
                ident = struct.unpack(">H", reply[:2])[0] if len(reply) >= 2 else 0
                if ident in sent and expected in set(addresses(reply, ident)):
                    return time.clock_gettime_ns(time.CLOCK_BOOTTIME), time.time_ns()
        except socket.timeout:
            continue
        except ConnectionRefusedError:
            time.sleep(0.001)
    return None


def server_pid():
    own = os.readlink("/proc/self/ns/net")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().strip() != "java":
                    continue
            if os.readlink(f"/proc/{entry}/ns/net") == own:
                return int(entry)
        except OSError:
            continue
    raise SystemExit("first-answer: no java process in this network namespace")


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def cpu_ticks(stat):
    # the fields after the command name, which may hold spaces: utime and stime are 14 and 15
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12]), int(fields[19])


def main():
    name, expected = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    answered = first_answer(name, expected, timeout)
    if answered is None:
        raise SystemExit(f"first-answer: no answer with {expected} for {name} within {timeout:g} s")
    boot_ns, real_ns = answered
    pid = server_pid()
    hz = os.sysconf("SC_CLK_TCK")
    cpu, start_ticks = cpu_ticks(read(f"/proc/{pid}/stat"))
    main_ns = 0
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        task = f"/proc/{pid}/task/{tid}"
        comm = read(f"{task}/comm").strip().replace(" ", "_")
        schedstat = read(f"{task}/schedstat").split()
        if not comm or len(schedstat) < 2:
            continue
        if comm == "java" and int(tid) != pid:
            # a thread just started is named java too until the JVM names it: main ran longest
            main_ns = max(main_ns, int(schedstat[0]))
        run, wait = threads.get(comm, (0, 0))
        threads[comm] = (run + int(schedstat[0]), wait + int(schedstat[1]))
    top = sorted(threads.items(), key=lambda t: -t[1][0])[:6]
    print(
        (boot_ns - start_ticks * 1_000_000_000 // hz) // 1_000_000,
        real_ns,
        cpu * 1000 // hz,
        main_ns // 1_000_000,
        ", ".join(f"{n} {r // 1_000_000}/{w // 1_000_000}" for n, (r, w) in top),
    )


if __name__ == "__main__":
    main()
