#!/usr/bin/env python3
"""Build the example WARC file examples/corpus/warc/cc-news-sample.warc.gz.

The file imitates a Common Crawl CC-NEWS WARC: WARC/1.0 records, each record
compressed as its own gzip member, in this order:

  warcinfo
  request + response for a robots.txt (text/plain; readers must skip it)
  for every page in examples/warc-src: request + response
  (one metadata record after the first page's response)

The pages are invented news articles written for sitrep's tests; the outlets,
URLs (under the reserved .example top-level domain) and events are fictional.

Output is deterministic: fixed WARC-Date values, record ids that are uuid5 of
the target URI, and gzip members written with mtime=0.

Usage:
  python3 scripts/make_example_warc.py            # write the file, then check it
  python3 scripts/make_example_warc.py --check    # only check an existing file
  python3 scripts/make_example_warc.py -o out.warc.gz

Python 3 standard library only.
"""

import argparse
import base64
import datetime
import gzip
import hashlib
import sys
import uuid
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "examples" / "warc-src"
DEFAULT_OUT = ROOT / "examples" / "corpus" / "warc" / "cc-news-sample.warc.gz"
FILENAME = "cc-news-sample.warc.gz"

WARCINFO_DATE = "2023-09-18T08:00:00Z"
USER_AGENT = "SitrepExampleBot/1.0 (test fixture; +https://sitrep.example/bot)"

# (source file in examples/warc-src, target URI, WARC-Date, server IP)
PAGES = [
    (
        "northgate-herald-erdogan-broker.html",
        "https://www.northgateherald.example/world/2023/jul/27/erdogan-phone-calls-grain-deal-analysis",
        "2023-07-27T09:12:44Z",
        "192.0.2.17",
    ),
    (
        "pampas-review-turkey-floods.html",
        "https://pampasreview.example/world/turkey-black-sea-floods-questions-construction",
        "2023-08-10T19:03:10Z",
        "198.51.100.40",
    ),
    (
        "kestrel-kenya-somalia-strikes.html",
        "https://www.kestrelnews.example/en/africa/2023/08/24/kenya-militants-casualty-claims-mandera",
        "2023-08-24T12:15:37Z",
        "203.0.113.88",
    ),
    (
        "coastal-courier-tbilisi-aftermath.html",
        "https://www.coastalcourier.example/news/world/georgia-courts-protesters-tbilisi",
        "2023-09-18T07:41:02Z",
        "192.0.2.201",
    ),
]

ROBOTS = (
    "https://www.northgateherald.example/robots.txt",
    "2023-07-27T09:12:40Z",
    "192.0.2.17",
    b"User-agent: *\n"
    b"Disallow: /search\n"
    b"Disallow: /preview/\n"
    b"Crawl-delay: 2\n"
    b"\n"
    b"Sitemap: https://www.northgateherald.example/sitemaps/news.xml\n",
)

CRLF = b"\r\n"


def record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def sha1_digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def http_date(warc_date: str) -> str:
    d = datetime.datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S GMT")


def warc_record(headers, block: bytes) -> bytes:
    """One WARC record: version line, headers, Content-Length, blank line,
    block, then the two CRLFs that end every record."""
    lines = [b"WARC/1.0"]
    for key, value in headers:
        lines.append(f"{key}: {value}".encode("utf-8"))
    lines.append(f"Content-Length: {len(block)}".encode("ascii"))
    return CRLF.join(lines) + CRLF + CRLF + block + CRLF + CRLF


def gzip_member(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def request_block(uri: str) -> bytes:
    host, _, path = uri.partition("://")[2].partition("/")
    lines = [
        f"GET /{path} HTTP/1.1",
        f"Host: {host}",
        f"User-Agent: {USER_AGENT}",
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language: en-US,en;q=0.5",
        "Accept-Encoding: identity",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def response_block(payload: bytes, content_type: str, warc_date: str, server: str) -> bytes:
    lines = [
        "HTTP/1.1 200 OK",
        f"Date: {http_date(warc_date)}",
        f"Server: {server}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(payload)}",
        "Cache-Control: max-age=60",
        "Connection: close",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + payload


def request_and_response(uri, warc_date, ip, payload, content_type, identified, server, warcinfo_id):
    req_id = record_id("request:" + uri)
    resp_id = record_id(uri)
    req_block = request_block(uri)
    req = warc_record(
        [
            ("WARC-Type", "request"),
            ("WARC-Date", warc_date),
            ("WARC-Record-ID", req_id),
            ("Content-Type", "application/http; msgtype=request"),
            ("WARC-Warcinfo-ID", warcinfo_id),
            ("WARC-IP-Address", ip),
            ("WARC-Target-URI", uri),
            ("WARC-Block-Digest", sha1_digest(req_block)),
        ],
        req_block,
    )
    resp_block = response_block(payload, content_type, warc_date, server)
    resp = warc_record(
        [
            ("WARC-Type", "response"),
            ("WARC-Date", warc_date),
            ("WARC-Record-ID", resp_id),
            ("Content-Type", "application/http; msgtype=response"),
            ("WARC-Warcinfo-ID", warcinfo_id),
            ("WARC-Concurrent-To", req_id),
            ("WARC-IP-Address", ip),
            ("WARC-Target-URI", uri),
            ("WARC-Payload-Digest", sha1_digest(payload)),
            ("WARC-Block-Digest", sha1_digest(resp_block)),
            ("WARC-Identified-Payload-Type", identified),
        ],
        resp_block,
    )
    return req, resp, resp_id


def build() -> bytes:
    members = []

    warcinfo_id = record_id("warcinfo:" + FILENAME)
    info = (
        "software: sitrep scripts/make_example_warc.py (Python standard library)\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "isPartOf: sitrep-example-corpus\r\n"
        "description: CC-NEWS-style sample for sitrep tests. The outlets, URLs and events are invented.\r\n"
        f"robots: checked via {USER_AGENT}\r\n"
        "operator: sitrep example corpus\r\n"
    ).encode("utf-8")
    members.append(
        warc_record(
            [
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", WARCINFO_DATE),
                ("WARC-Filename", FILENAME),
                ("WARC-Record-ID", warcinfo_id),
                ("Content-Type", "application/warc-fields"),
            ],
            info,
        )
    )

    robots_uri, robots_date, robots_ip, robots_body = ROBOTS
    req, resp, _ = request_and_response(
        robots_uri, robots_date, robots_ip, robots_body,
        "text/plain", "text/plain", "nginx", warcinfo_id,
    )
    members += [req, resp]

    for i, (name, uri, warc_date, ip) in enumerate(PAGES):
        payload = (SRC_DIR / name).read_bytes()
        payload.decode("utf-8")  # the HTTP header below promises UTF-8
        req, resp, resp_id = request_and_response(
            uri, warc_date, ip, payload,
            "text/html; charset=utf-8", "text/html", "nginx", warcinfo_id,
        )
        members += [req, resp]
        if i == 0:
            meta = (
                "fetchTimeMs: 412\r\n"
                "charset-detected: UTF-8\r\n"
                'languages-cld2: {"reliable":true,"text-bytes":5812,"languages":[{"code":"en","code-iso-639-3":"eng","text-covered":0.99,"score":951.0,"name":"ENGLISH"}]}\r\n'
            ).encode("utf-8")
            members.append(
                warc_record(
                    [
                        ("WARC-Type", "metadata"),
                        ("WARC-Date", warc_date),
                        ("WARC-Record-ID", record_id("metadata:" + uri)),
                        ("Content-Type", "application/warc-fields"),
                        ("WARC-Warcinfo-ID", warcinfo_id),
                        ("WARC-Concurrent-To", resp_id),
                        ("WARC-Target-URI", uri),
                    ],
                    meta,
                )
            )

    return b"".join(gzip_member(m) for m in members)


def parse_records(data: bytes):
    """Parse concatenated uncompressed WARC records; yield (headers, block)."""
    pos = 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        head = data[pos:end].decode("utf-8").split("\r\n")
        if head[0] != "WARC/1.0":
            raise ValueError(f"bad version line at {pos}: {head[0]!r}")
        headers = {}
        for line in head[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        length = int(headers["content-length"])
        start = end + 4
        block = data[start:start + length]
        if len(block) != length:
            raise ValueError("truncated record")
        if data[start + length:start + length + 4] != b"\r\n\r\n":
            raise ValueError(f"record {headers.get('warc-record-id')} not followed by CRLF CRLF")
        yield headers, block
        pos = start + length + 4


def check(path: Path) -> None:
    raw = path.read_bytes()

    # Every record must be its own gzip member.
    members = 0
    rest = raw
    while rest:
        d = zlib.decompressobj(wbits=31)
        one = d.decompress(rest) + d.flush()
        if not d.eof:
            raise ValueError("truncated gzip member")
        if len(list(parse_records(one))) != 1:
            raise ValueError(f"gzip member {members} does not hold exactly one record")
        members += 1
        rest = d.unused_data

    # gzip.open reads the concatenated members as one stream.
    with gzip.open(path, "rb") as f:
        data = f.read()
    records = list(parse_records(data))
    if len(records) != members:
        raise ValueError("record count differs from gzip member count")
    if records[0][0]["warc-type"] != "warcinfo":
        raise ValueError("first record is not warcinfo")

    html_pages = 0
    for headers, block in records:
        if headers.get("warc-block-digest") and headers["warc-block-digest"] != sha1_digest(block):
            raise ValueError(f"block digest mismatch for {headers['warc-record-id']}")
        if headers["warc-type"] != "response":
            continue
        if headers["content-type"] != "application/http; msgtype=response":
            raise ValueError("response record with wrong Content-Type")
        http_head, _, payload = block.partition(b"\r\n\r\n")
        http_lines = http_head.decode("ascii").split("\r\n")
        if http_lines[0] != "HTTP/1.1 200 OK":
            raise ValueError(f"unexpected status line {http_lines[0]!r}")
        http_headers = {}
        for line in http_lines[1:]:
            key, _, value = line.partition(":")
            http_headers[key.strip().lower()] = value.strip()
        if int(http_headers["content-length"]) != len(payload):
            raise ValueError(f"HTTP Content-Length mismatch for {headers['warc-target-uri']}")
        if headers["warc-payload-digest"] != sha1_digest(payload):
            raise ValueError(f"payload digest mismatch for {headers['warc-target-uri']}")
        if http_headers["content-type"].startswith("text/html"):
            payload.decode("utf-8")
            html_pages += 1

    types = [h["warc-type"] for h, _ in records]
    print(f"{path}: {len(raw)} bytes, {members} gzip members, {len(records)} records")
    print("  types: " + ", ".join(f"{t}={types.count(t)}" for t in dict.fromkeys(types)))
    print(f"  HTML responses: {html_pages}")
    for h, b in records:
        print(f"  {h['warc-type']:9} {h.get('warc-date', ''):21} {h['content-length']:>6}  {h.get('warc-target-uri', '-')}")
    if html_pages != len(PAGES):
        raise ValueError(f"expected {len(PAGES)} HTML responses, found {html_pages}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="only check an existing file")
    args = ap.parse_args()
    if not args.check:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(build())
    check(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
