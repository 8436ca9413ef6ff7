#!/usr/bin/env python3
"""Writes the seed corpora the fuzz tests replay: DNS queries for the packet targets, Corefile
examples from the plugin READMEs for the parser, Kubernetes YAML from the test resources for the
manifest reader, each with a few deterministic mutations. Run from the repository root; seed 1."""
import glob
import hashlib
import os
import random
import re
import struct

random.seed(1)
ROOT = os.getcwd()


def write(directory, data):
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def name_wire(name):
    out = b""
    for label in name.strip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def query(qid, name, qtype, edns=None, flags=0x0100, qclass=1, do=False, ecs=False, cookie=False):
    arcount = 1 if edns is not None else 0
    msg = struct.pack(">HHHHHH", qid, flags, 1, 0, 0, arcount)
    msg += name_wire(name) + struct.pack(">HH", qtype, qclass)
    if edns is not None:
        options = b""
        if ecs:
            options += struct.pack(">HHHBB", 8, 7, 1, 24, 0) + bytes([10, 244, 1])
        if cookie:
            options += struct.pack(">HH", 10, 8) + bytes(range(8))
        msg += b"\0" + struct.pack(">HHIH", 41, edns, 0x8000 if do else 0, len(options)) + options
    return msg


def mutate(data):
    data = bytearray(data)
    for _ in range(random.randint(1, 3)):
        choice = random.randrange(3)
        if choice == 0 and data:
            data[random.randrange(len(data))] ^= 1 << random.randrange(8)
        elif choice == 1 and len(data) > 2:
            del data[random.randrange(len(data)):]
        else:
            data += bytes(random.randrange(256) for _ in range(random.randint(1, 8)))
    return bytes(data)


NAMES = [
    "nginx-service.default.svc.cluster.local", "nginx-headless-service.default.svc.cluster.local",
    "_http._tcp.nginx-service.default.svc.cluster.local", "kube-dns.kube-system.svc.cluster.local",
    "10.0.96.10.in-addr.arpa", "dns-version.cluster.local", "hello-john.test", "numbers-web.default.test",
    "10-244-1-10.default.pod.cluster.local", "www.example.org", "foo.example.org", "cluster.local",
    "nginx-service.default.svc.cluster.internal", "x.y.z.svc.cluster.local", "missing.test",
    "nginx-service.default.example.org", "a" * 63 + ".cluster.local",
]
TYPES = [1, 28, 33, 12, 16, 255, 252, 6, 2, 5, 15, 65]


def packets():
    out = []
    for i, name in enumerate(NAMES):
        for qtype in random.sample(TYPES, 3):
            out.append(query(i * 97 + qtype, name, qtype))
        out.append(query(i, name, 1, edns=random.choice([512, 1232, 4096, 65535, 0]),
                         do=bool(i % 2), ecs=i % 3 == 0, cookie=i % 4 == 0))
    out.append(query(7, "nginx-service.default.svc.cluster.local", 1, flags=0x2800))  # UPDATE
    out.append(query(8, "nginx-service.default.svc.cluster.local", 1, flags=0x2000))  # NOTIFY-ish
    out.append(query(9, "cluster.local", 6, qclass=3))  # CH
    out.append(query(10, "version.bind", 16, qclass=3))
    out.append(b"\x12\x34")
    out.append(b"\x12\x34\x01\x00\x00\x02\x00\x00\x00\x00\x00\x00" + name_wire("a.test") + b"\0\1\0\1")
    out.append(b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\xc0\x0c\0\1\0\1")
    base = list(out)
    for packet in base[:40]:
        out.append(mutate(packet))
    return out


def corefiles():
    out = []
    for readme in sorted(glob.glob("plugins/src/main/java/io/clusterdns/plugin/*/README.md")):
        text = open(readme, encoding="utf-8").read()
        out += [m.encode() for m in re.findall(r"~~~ corefile\n(.*?)~~~", text, re.S)]
    for corefile in sorted(glob.glob("server/src/main/resources/**/Corefile", recursive=True)):
        out.append(open(corefile, "rb").read())
    out += [
        b"(snip) {\n  log\n}\n. {\n  import snip\n}\n",
        b". {\n  hosts {\n    192.0.2.1 a.example.org\n  }\n}\n",
        b"example.org:1053 dns://.:53 {\n  whoami\n}\n",
        b"{$SET} {\n  log {$UNSET}\n}\n",
        b"a {\n b \"quoted\nstring\" `back\ntick`\n}\n",
        b". {\n  template IN A {\n    answer \"{{ .Name }} 60 IN A 1.2.3.4\"\n",
        b"}\n", b"{", b"\"", b"#only a comment", b"\xff\xfe", b".:99999 {\n}\n",
    ]
    base = [c for c in out if b"import" not in c]
    for corefile in base[:40]:
        out.append(mutate(corefile))
    return out


def manifests():
    out = []
    for yaml in sorted(glob.glob("**/src/*/resources/**/*.yaml", recursive=True)):
        text = open(yaml, "rb").read()
        documents = re.split(rb"(?m)^---\s*$", text)
        out += [d for d in documents if d.strip()][:6]
    out += [
        b'{"apiVersion":"v1","kind":"ServiceList","items":[{"metadata":{"name":"a","namespace":"b"},'
        b'"spec":{"clusterIP":"10.96.0.5","ports":[{"port":80}]}}]}',
        b'{"apiVersion":"v1","kind":"List","items":[1,"x",null]}',
        b"[1, 2", b"{", b"apiVersion: v1\nkind: Service\nmetadata: [\n", b"---\n---\n",
        b"apiVersion: v1\nkind: Service\nspec:\n  ports: nope\n",
        b"\xff\xfe\x00", b"&a [*a]\n", b"key: !!binary AAAA\n",
    ]
    for manifest in list(out)[:30]:
        out.append(mutate(manifest))
    return out


def tree(corefile, **files):
    """One input of the imports target: the Corefile, then '=== NAME' and each file's text."""
    out = corefile
    for name, text in files.items():
        out += b"=== " + name.replace("__", "/").replace("_", ".").encode() + b"\n" + text
    return out


def import_trees():
    block = b"example.org {\n  whoami\n}\n"
    out = [
        tree(b"import common.conf\n", common_conf=block),
        tree(b"(snip) {\n  log\n}\n. {\n  import snip\n  import extra\n}\n", extra=b"errors\ncache 30\n"),
        tree(b"import conf.d/*.conf\n", conf_d__a_conf=block, conf_d__b_conf=b"b.org {\n  log\n}\n"),
        tree(b"import conf.d/*\n", conf_d__a_conf=block, conf_d__notes_txt=b"notes {\n}\n"),
        tree(b". {\n  import conf.d/*.txt\n}\n", conf_d__notes_txt=b"log\nerrors\n"),
        tree(b"import extra\n", extra=b"import Corefile\n"),
        tree(b"import extra\n", extra=b"import common.conf\n", common_conf=b"import extra\n"),
        tree(b"import common.conf\n", common_conf=b"import alias.conf\n"),
        tree(b"import alias.conf\n", common_conf=block),
        tree(b"import alias.conf\n"),
        tree(b"import nothing.conf\n"),
        tree(b"import empty.d\n"),
        tree(b"import conf.d\n", conf_d__a_conf=block),
        tree(b"import empty.d/*\n. {\n  log\n}\n"),
        tree(b"import *\n", extra=block),
        tree(b"import *.conf\n", common_conf=block),
        tree(b"import .\n"),
        tree(b"import ..\n"),
        tree(b"import conf.d/..\n", conf_d__a_conf=block),
        tree(b"import {$FILE}\n", common_conf=block),
        tree(b"import {$CONFD}\n", conf_d__a_conf=block, conf_d__b_conf=b"import ..\n"),
        tree(b"import {$GLOB}\n", common_conf=block),
        tree(b"(common) {\n  log\n}\n{$ZONE} {\n  import {$SNIPPET}\n}\n"),
        tree(b". {\n  import {$EMPTY}\n}\n"),
        tree(b". {\n  import {$UNSET}\n}\n"),
        tree(b"import {$UNSET:extra}\n", extra=block),
        tree(b"import {%FILE%}\n", common_conf=block),
        tree(b"import \"common.conf\"\n", common_conf=block),
        tree(b"import common.conf extra\n", common_conf=block, extra=block),
        tree(b". {\n  import\n}\n"),
        tree(b"import"),
        tree(b"import common.conf\n. {\n  import shared\n}\n", common_conf=b"(shared) {\n  errors\n}\n"),
        tree(b"(shared) {\n  log\n}\n. {\n  import extra\n}\n", extra=b"import shared\n"),
        tree(b". {\n  import extra\n}\n", extra=b"hosts {\n  192.0.2.1 a.example.org\n"),
        tree(b". {\n  import extra\n}\n", extra=b"log\n}\n"),
        tree(b"import extra\n", extra=b"example.org {\n}\n", common_conf=b""),
        tree(b"example.org {\n}\nimport extra\n", extra=b"example.org {\n}\n"),
        tree(b". {\n  import extra\n}\n", extra=b"log \xff\xfe\n"),
        tree(b"\xff import extra\n", extra=block),
        tree(b"import conf.d/[\n"),
        tree(b"import conf.d/{a,b}.conf\n", conf_d__a_conf=block, conf_d__b_conf=b"b.org {\n}\n"),
        tree(b"import c*conf.d/x\n"),
        tree(b"import extra\r\n", extra=b"example.org {\r\n  log\r\n}\r\n"),
        tree(b"import extra\n", **{"unknown name": block}),
        tree(b"(a) {\n import b\n import b\n}\n(b) {\n import c\n import c\n}\n"
             b"(c) {\n import d\n import d\n}\n(d) {\n log\n}\n. {\n import a\n}\n"),
        tree(b"import common.conf\n", common_conf=b"import extra\n", extra=b"import conf.d/*\n",
             conf_d__a_conf=b"import ..\n", conf_d__b_conf=block),
        tree(b". {\n  import extra\n}\n", extra=b"\"unterminated\n"),
        tree(b"import extra\nimport extra\n", extra=block),
        tree(b"import common.conf\n", common_conf=b"(snip) {\n}\n", extra=b"(snip) {\n}\n"),
        tree(b"import conf.d/a.conf\n", conf_d__a_conf=b"import b.conf\n", conf_d__b_conf=block),
    ]
    for data in list(out)[:20]:
        out.append(mutate(data))
    return out


def framed(message):
    return struct.pack(">H", len(message)) + message


def tcp_input(ending, sizes, stream):
    """One input of the TCP framing target: how it ends (0 half-close, 14 reset, 15 stall), the
    chunk sizes (1-256) it is written in, then the byte stream."""
    return bytes([ending, len(sizes) - 1]) + bytes(size - 1 for size in sizes) + stream


def tcp_streams():
    a = query(1, "nginx-service.default.svc.cluster.local", 1)
    srv = query(2, "_http._tcp.nginx-service.default.svc.cluster.local", 33, edns=4096)
    pipelined = b"".join(framed(query(100 + i, random.choice(NAMES), random.choice(TYPES)))
                         for i in range(20))
    many = b"".join(framed(query(1000 + i, "nginx-headless-service.default.svc.cluster.local", 1))
                    for i in range(60))
    response = bytearray(a)
    response[2] |= 0x80
    out = [
        tcp_input(0, [256], framed(a)),
        tcp_input(0, [1], framed(a) + framed(srv)),
        tcp_input(0, [1, 2, 3, 5, 7], pipelined),
        tcp_input(0, [200, 1], many),
        tcp_input(0, [256], framed(a) + framed(b"") + framed(srv)),
        tcp_input(0, [3], framed(b"\x12") + framed(a[:11]) + framed(a[:12]) + framed(a)),
        tcp_input(0, [256], framed(bytes(response)) + framed(a)),
        tcp_input(0, [256], framed(a) + struct.pack(">H", 100) + a[:10]),
        tcp_input(0, [256], framed(a) + b"\xff\xff" + bytes(100)),
        tcp_input(0, [1], b"\xff\xff"),
        tcp_input(0, [1], b"\x00"),
        tcp_input(0, [1, 256], framed(a) + b"\x00"),
        tcp_input(0, [256], framed(a + bytes(2000))),
        tcp_input(0, [256], framed(query(3, "cluster.local", 252)) + framed(query(4, "cluster.local", 255))
                  + framed(query(5, "nginx-service.default.svc.cluster.local", 1, flags=0x2800))),
        tcp_input(0, [256], framed(query(7, "a.test", 1)) + framed(query(7, "b.test", 28))),
        tcp_input(0, [2], framed(query(8, "numbers-web.default.test", 1, edns=512, do=True, cookie=True))),
        tcp_input(0, [256], bytes(random.randrange(256) for _ in range(300))),
        tcp_input(0, [1], b""),
        tcp_input(14, [256], pipelined),
        tcp_input(14, [5], framed(a) + framed(srv)[:9]),
        tcp_input(14, [1], b"\x00"),
        tcp_input(15, [256], framed(a) + framed(srv)),
        tcp_input(15, [7], framed(a) + framed(srv)[:9]),
        tcp_input(15, [1], b"\x00"),
        tcp_input(15, [256], b""),
        tcp_input(15, [256], many),
    ]
    for data in list(out)[:20]:
        out.append(data[:2] + mutate(data[2:]))
    return out


def step(query_bytes, advance=0, tcp=False, extra_sends=0):
    """One step of the wire-differential target: control byte (seconds the clock moves, TCP,
    sends beyond two), the query's 16-bit length, the query."""
    control = advance | (0x20 if tcp else 0) | (extra_sends << 6)
    return bytes([control]) + struct.pack(">H", len(query_bytes)) + query_bytes


def spelled(name, seed):
    rng = random.Random(seed)
    return "".join(c.upper() if rng.random() < 0.5 else c for c in name)


WIRE_QUESTIONS = [
    ("big.example.org", 1), ("big.example.org", 28), ("alias.example.org", 1), ("mail.example.org", 15),
    ("fail.example.org", 1), ("foo.example.org", 16), ("www.example.org", 1), ("www.example.org", 28),
    ("nginx-headless-service.default.svc.cluster.local", 1), ("_http._tcp.nginx-service.default.svc.cluster.local", 33),
    ("_http._tcp.nginx-headless-service.default.svc.cluster.local", 33), ("15.120.96.10.in-addr.arpa", 12),
    ("nope.default.svc.cluster.local", 1), ("nginx-service.default.svc.cluster.local", 16),
    ("nginx-service.default.svc.cluster.internal", 1), ("numbers-web.default.test", 1),
    ("web-0.web.default.svc.cluster.local", 1), ("web.default.svc.cluster.local", 28), ("cluster.local", 6),
    ("nginx-service.default.example.org", 1), ("missing.test", 1),
]


def wire_inputs():
    out = []
    for i, (name, qtype) in enumerate(WIRE_QUESTIONS):
        edns = [None, 512, 1232, 4096, 0][i % 5]
        out.append(step(query(i, name, qtype, edns=edns)) + step(query(i + 1, spelled(name, i), qtype, edns=edns), advance=7))
        out.append(step(query(i, name, qtype), tcp=True, extra_sends=1)
                   + step(query(i + 2, spelled(name, i + 1), qtype, edns=1232, do=True), advance=3)
                   + step(query(i + 3, name, qtype, flags=0x0110), advance=31))
        out.append(step(query(i, name, qtype, edns=4096, do=i % 2 == 0, ecs=i % 3 == 0, cookie=True))
                   + step(query(i, name, qtype), advance=29) + step(query(i, name, qtype), advance=25, tcp=True))
    out.append(step(b"\x12\x34") + step(b""))
    base = list(out)
    for data in base[:30]:
        out.append(mutate(data))
    return out


def rr(owner, rtype, ttl, rdata, rclass=1):
    """A record with its owner as wire bytes (spelled out or a pointer)."""
    return owner + struct.pack(">HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def reply(qname, qtype, flags, rcode, answer=(), authority=(), additional=(), qdcount=1):
    header = struct.pack(">HHHHHH", 0x4242, flags | rcode, qdcount, len(answer), len(authority), len(additional))
    question = (name_wire(qname) + struct.pack(">HH", qtype, 1)) * qdcount
    return header + question + b"".join(answer) + b"".join(authority) + b"".join(additional)


def soa(zone):
    return name_wire("ns." + zone) + name_wire("hostmaster." + zone) + struct.pack(">IIIII", 1, 7200, 1800, 86400, 30)


def opt(size=1232, ttl=0, options=b""):
    return b"\0" + struct.pack(">HHIH", 41, size, ttl, len(options)) + options


def stored_reply_inputs():
    q = b"\xc0\x0c"  # a pointer to the question's name
    a1, a2 = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
    ede = struct.pack(">HHH", 15, 6, 3) + b"oops"
    replies = [
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1), rr(q, 1, 60, a2)]),
        reply("WWW.Example.ORG", 1, 0x8580, 0, answer=[rr(name_wire("www.example.org"), 1, 300, a1)]),
        reply("alias.example.org", 1, 0x81a0, 0, answer=[rr(q, 5, 300, name_wire("www.example.org")),
              rr(name_wire("www.example.org"), 1, 30, a1)]),
        reply("alias.example.org", 1, 0x8180, 0, answer=[rr(q, 5, 300, name_wire("www.example.org"))]),
        reply("nope.example.org", 1, 0x8180, 3, authority=[rr(name_wire("example.org"), 6, 3600, soa("example.org"))]),
        reply("www.example.org", 16, 0x8180, 0, authority=[rr(name_wire("example.org"), 6, 600, soa("example.org"))]),
        reply("www.example.org", 28, 0x8180, 0),
        reply("www.example.org", 1, 0x8180, 2),
        reply("www.example.org", 1, 0x8180, 5),
        reply("www.example.org", 1, 0x8380, 0, answer=[rr(q, 1, 300, a1)]),
        reply("example.org", 15, 0x8180, 0, answer=[rr(q, 15, 300, struct.pack(">H", 10) + name_wire("mx.example.org"))],
              additional=[rr(name_wire("mx.example.org"), 1, 300, a1), rr(name_wire("mx.example.org"), 28, 300, bytes(16))]),
        reply("example.org", 2, 0x8180, 0, authority=[rr(q, 2, 300, name_wire("ns1.example.org"))],
              additional=[rr(name_wire("ns1.example.org"), 1, 300, a2), opt()]),
        reply("www.example.org", 1, 0x8180, 2, additional=[opt(options=ede)]),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1)], additional=[opt(options=ede)]),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1)], additional=[opt(ttl=0x01000000)]),
        reply("txt.example.org", 16, 0x8180, 0, answer=[rr(q, 16, 5, b"\x05hello\x00")]),
        reply("www.example.org", 255, 0x8180, 0, answer=[rr(q, 1, 300, a1), rr(q, 16, 300, b"\x02hi")]),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 0, a1)]),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 0x7fffffff, a1)]),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1)], qdcount=2),
        reply("a" * 63 + ".b.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1)] * 20),
        reply("www.example.org", 1, 0x8180, 0, answer=[rr(q, 1, 300, a1, rclass=3)]),
        reply("1.2.0.192.in-addr.arpa", 12, 0x8180, 0, answer=[rr(q, 12, 300, name_wire("www.example.org"))]),
        reply("www.example.org", 1, 0x2180, 0, answer=[rr(q, 1, 300, a1)]),
    ]
    out = []
    for i, data in enumerate(replies):
        for control in (0x00, 0x17, 0x2b, 0x7e):
            out.append(bytes([control]) + struct.pack(">H", (i * 7919 + control) & 0xFFFF) + data)
    for data in list(out)[:30]:
        out.append(data[:3] + mutate(data[3:]))
    return out


def main():
    server = "server/src/test/resources/io/clusterdns/server/fuzz/ExchangeFuzzTestInputs/"
    for packet in packets():
        write(server + "builtInExample", packet)
        write(server + "everyPlugin", packet)
    for corefile in corefiles():
        write("config/src/test/resources/io/clusterdns/config/CorefileParserFuzzTestInputs/parse", corefile)
    for manifest in manifests():
        write("plugins/src/test/resources/io/clusterdns/plugin/cluster/source/"
              "ManifestReaderFuzzTestInputs/read", manifest)
    for data in import_trees():
        write("config/src/test/resources/io/clusterdns/config/CorefileImportsFuzzTestInputs/imports", data)
    for data in tcp_streams():
        write("server/src/test/resources/io/clusterdns/server/fuzz/TcpFramingFuzzTestInputs/framing", data)
    # Last, so that the generator's draws for the corpora above stay as they were.
    for data in wire_inputs():
        write("server/src/test/resources/io/clusterdns/server/WireDifferentialFuzzTestInputs/hitsAsBytes", data)
    for data in stored_reply_inputs():
        write("plugins/src/test/resources/io/clusterdns/plugin/cache/ReplyWireFuzzTestInputs/storedReply", data)


main()
