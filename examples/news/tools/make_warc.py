#!/usr/bin/env python3
"""Build the sample WARC file for the storyline example corpus.

Standard library only. Reads the HTML pages in ``warc-src/`` (next to this
script) and writes ``../articles/wire/crawl-2025-05-harbour-circle.warc.gz``:

  * one ``warcinfo`` record,
  * one ``request`` record (for the first page),
  * one ``response`` record per page (HTTP/1.1 200 with an HTML payload).

Each record is written as its own gzip member, which is the usual WARC.gz
layout. Record ids are UUIDv5 values derived from the target URI and gzip
mtime is fixed at 0, so re-running the script produces byte-identical output.

Usage:  python3 examples/news/tools/make_warc.py
"""
import base64
import gzip
import hashlib
import io
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "warc-src")
OUT = os.path.join(HERE, "..", "articles", "wire", "crawl-2025-05-harbour-circle.warc.gz")

# (target URI, source file, WARC-Date of the capture, HTTP Date header, Server header)
# NB: the capture dates are crawl dates, NOT publication dates.
PAGES = [
    (
        "https://www.vireo.example/news/capital/2025-05-12-verdict",
        "vireo-2025-05-12-verdict.html",
        "2025-05-20T09:14:03Z",
        "Tue, 20 May 2025 09:14:03 GMT",
        "nginx",
    ),
    (
        "https://www.velmoracourier.example/calvena/2025/may/15/kaldorian-consulate-attack-what-we-know",
        "courier-2025-05-15-consulate-what-we-know.html",
        "2025-05-20T09:14:11Z",
        "Tue, 20 May 2025 09:14:11 GMT",
        "Apache",
    ),
    (
        "https://www.lanterna-rights.example/press/calvena-harbour-circle-convictions",
        "lanterna-2025-05-12-convictions.html",
        "2025-05-20T09:14:26Z",
        "Tue, 20 May 2025 09:14:26 GMT",
        "Caddy",
    ),
]

NS = uuid.UUID("6f1c3a52-9d0e-4b7a-8e21-5a4d2c7b9e10")
CRLF = b"\r\n"


def record_id(kind, key):
    return "<urn:uuid:%s>" % uuid.uuid5(NS, kind + ":" + key)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers, block):
    """Serialise one WARC/1.0 record; Content-Length is the block's byte length."""
    lines = ["WARC/1.0"]
    for name, value in headers:
        lines.append("%s: %s" % (name, value))
    lines.append("Content-Length: %d" % len(block))
    head = ("\r\n".join(lines)).encode("utf-8") + CRLF + CRLF
    return head + block + CRLF + CRLF


def gzip_member(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def main():
    filename = os.path.basename(OUT)
    members = []

    info = (
        "software: storyline examples/news/tools/make_warc.py (Python standard library)\r\n"
        "format: WARC File Format 1.0\r\n"
        "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
        "description: Invented sample crawl for the storyline example corpus. All outlets, people and places are fictional.\r\n"
        "isPartOf: storyline-examples-harbour-circle\r\n"
        "operator: storyline sample corpus\r\n"
    ).encode("utf-8")
    members.append(warc_record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", "2025-05-20T09:14:00Z"),
        ("WARC-Filename", filename),
        ("WARC-Record-ID", record_id("warcinfo", filename)),
        ("Content-Type", "application/warc-fields"),
    ], info))

    for i, (uri, src, warc_date, http_date, server) in enumerate(PAGES):
        with open(os.path.join(SRC, src), "rb") as f:
            payload = f.read()
        host = uri.split("/")[2]
        path = "/" + uri.split("/", 3)[3]
        resp_id = record_id("response", uri)

        if i == 0:
            req = (
                "GET %s HTTP/1.1\r\n"
                "Host: %s\r\n"
                "User-Agent: storyline-sample-crawler/0.1 (+https://storyline.example/bot)\r\n"
                "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
                "Accept-Language: en\r\n"
                "Connection: close\r\n"
                "\r\n" % (path, host)
            ).encode("ascii")
            members.append(warc_record([
                ("WARC-Type", "request"),
                ("WARC-Target-URI", uri),
                ("WARC-Date", warc_date),
                ("WARC-Record-ID", record_id("request", uri)),
                ("WARC-Concurrent-To", resp_id),
                ("WARC-Block-Digest", sha1_b32(req)),
                ("Content-Type", "application/http; msgtype=request"),
            ], req))

        http_head = (
            "HTTP/1.1 200 OK\r\n"
            "Date: %s\r\n"
            "Server: %s\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Length: %d\r\n"
            "Cache-Control: max-age=60\r\n"
            "Connection: close\r\n"
            "\r\n" % (http_date, server, len(payload))
        ).encode("ascii")
        block = http_head + payload
        members.append(warc_record([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", warc_date),
            ("WARC-Record-ID", resp_id),
            ("WARC-Warcinfo-ID", record_id("warcinfo", filename)),
            ("WARC-Block-Digest", sha1_b32(block)),
            ("WARC-Payload-Digest", sha1_b32(payload)),
            ("WARC-Identified-Payload-Type", "text/html"),
            ("Content-Type", "application/http; msgtype=response"),
        ], block))

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        for rec in members:
            f.write(gzip_member(rec))
    print("wrote %s (%d records)" % (os.path.normpath(OUT), len(members)))


if __name__ == "__main__":
    main()
