#!/usr/bin/env python3
"""Sanity-check examples/news/gold/documents.jsonl against the corpus files.

Standard library only. Checks that:
  * every gold line parses and has exactly the documented fields;
  * every referenced file exists and every (file, item) is unique;
  * every content_sample / clutter_sample occurs verbatim in the source
    (after gunzip for .gz / .warc.gz, and after HTML-unescaping for markup
    formats); for JSON-based formats the decoded record is checked too;
  * (text/markdown) each clutter sample lies within one line, and no clutter
    sample is the headline;
  * title / author / outlet strings (when not null) occur in the source;
  * duplicate_of / near_duplicate_of point at existing gold entries;
  * the WARC file decompresses, every record's Content-Length equals the
    byte length of its block, and the response records match gold items;
  * feeds parse as XML / JSON and their item links match gold items.

Usage:  python3 examples/news/tools/check_gold.py
Exit status is non-zero if any check fails.
"""
import gzip
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FIELDS = ["file", "item", "format", "outlet", "title", "author", "published",
          "published_from", "content_samples", "clutter_samples",
          "duplicate_of", "near_duplicate_of"]
FORMATS = {"text", "markdown", "html", "jsonl", "warc", "rss", "atom", "jsonfeed"}
errors = []


def err(msg):
    errors.append(msg)


def raw_bytes(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        data = f.read()
    if rel.endswith(".gz"):
        data = gzip.decompress(data)  # handles multi-member gzip (WARC)
    return data


def parse_warc(data):
    recs, pos = [], 0
    while pos < len(data):
        end = data.index(b"\r\n\r\n", pos)
        head = data[pos:end].decode("utf-8").split("\r\n")
        if head[0] != "WARC/1.0":
            raise ValueError("bad WARC version line at %d" % pos)
        hdr = dict(l.split(": ", 1) for l in head[1:])
        n = int(hdr["Content-Length"])
        block = data[end + 4:end + 4 + n]
        if len(block) != n:
            raise ValueError("short block")
        trailer = data[end + 4 + n:end + 8 + n]
        if trailer != b"\r\n\r\n":
            raise ValueError("Content-Length mismatch for %s" % hdr.get("WARC-Record-ID"))
        recs.append((hdr, block))
        pos = end + 8 + n
    return recs


def main():
    gold = []
    with open(os.path.join(ROOT, "gold", "documents.jsonl"), encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                err("gold line %d: %s" % (i, e))
                continue
            if list(g.keys()) != FIELDS:
                err("gold line %d: fields %s" % (i, list(g.keys())))
            gold.append(g)
    keys = set()
    for g in gold:
        k = (g["file"], g["item"])
        if k in keys:
            err("duplicate gold key %s" % (k,))
        keys.add(k)

    cache = {}
    for g in gold:
        rel, item, fmt = g["file"], g["item"], g["format"]
        where = "%s [%s]" % (rel, item)
        if fmt not in FORMATS:
            err("%s: bad format %s" % (where, fmt))
        if g["published_from"] not in ("text", "metadata", "none"):
            err("%s: bad published_from" % where)
        if (g["published"] is None) != (g["published_from"] == "none"):
            err("%s: published / published_from inconsistent" % where)
        # 3-5 samples; a brief item whose body has only two sentences gives both.
        if not 2 <= len(g["content_samples"]) <= 5:
            err("%s: %d content samples" % (where, len(g["content_samples"])))
        if rel not in cache:
            cache[rel] = raw_bytes(rel).decode("utf-8")
        raw = cache[rel]
        hay = [raw, html.unescape(raw), re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", raw)))]
        if fmt == "jsonl":
            rec = json.loads(raw.splitlines()[item - 1])
            hay.append(json.dumps(rec, ensure_ascii=False))
            body = rec.get("text") or html.unescape(rec.get("html", ""))
            hay.append(body)
            for fld in ("title", "author", "outlet"):
                value = rec.get(fld)
                if fld == "outlet" and value is None:
                    # The outlet may also come as `source` (a name or {"name": ...}) or `publisher`.
                    src = rec.get("source")
                    value = (src.get("name") if isinstance(src, dict) else src) or rec.get("publisher")
                if g[fld] is not None and value != g[fld]:
                    err("%s: %s %r != record %r" % (where, fld, g[fld], value))
        if fmt == "jsonfeed":
            feed = json.loads(raw)
            it = [x for x in feed["items"] if x.get("url") == item or x.get("id") == item]
            if len(it) != 1:
                err("%s: item not in JSON Feed" % where)
            else:
                hay.append(html.unescape(it[0]["content_html"]))
        for kind in ("content_samples", "clutter_samples"):
            for s in g[kind]:
                if not any(s in h for h in hay):
                    err("%s: %s not found: %r" % (where, kind, s[:80]))
        # Short whole-line clutter (topic tags such as "Calvena") legitimately
        # occurs inside kept sentences; only long clutter strings are suspicious.
        for s in g["content_samples"]:
            for c in g["clutter_samples"]:
                if len(c) >= 30 and c in s:
                    err("%s: clutter %r inside content sample" % (where, c[:60]))
        if g["title"] is not None and g["title"] in g["clutter_samples"]:
            err("%s: title listed as clutter" % where)
        if fmt in ("text", "markdown"):
            lines = set(l.strip() for l in raw.splitlines())
            for c in g["clutter_samples"]:
                if not any(c in l for l in lines):
                    err("%s: clutter sample spans lines: %r" % (where, c[:60]))
        for fld in ("title", "author", "outlet"):
            if g[fld] is not None and not any(g[fld] in h for h in hay):
                err("%s: %s %r not in source" % (where, fld, g[fld]))
        for fld in ("duplicate_of", "near_duplicate_of"):
            ref = g[fld]
            if ref is not None and (ref["file"], ref["item"]) not in keys:
                err("%s: %s points at unknown %s" % (where, fld, ref))

    # multi-record containers: gold items must match the container exactly
    by_file = {}
    for g in gold:
        by_file.setdefault(g["file"], set()).add(g["item"])
    for rel, items in by_file.items():
        raw = cache[rel]
        if rel.endswith(".warc.gz"):
            try:
                recs = parse_warc(raw_bytes(rel))
            except Exception as e:  # noqa: BLE001
                err("%s: %s" % (rel, e))
                continue
            uris = {h.get("WARC-Target-URI") for h, _ in recs if h["WARC-Type"] == "response"}
            types = [h["WARC-Type"] for h, _ in recs]
            if "warcinfo" not in types or "request" not in types:
                err("%s: missing warcinfo/request record" % rel)
            if uris != items:
                err("%s: WARC response URIs %s != gold %s" % (rel, uris, items))
            for h, block in recs:
                if h["WARC-Type"] == "response":
                    head, _, payload = block.partition(b"\r\n\r\n")
                    cl = [l for l in head.decode().split("\r\n") if l.lower().startswith("content-length:")]
                    if cl and int(cl[0].split(":")[1]) != len(payload):
                        err("%s: HTTP Content-Length mismatch for %s" % (rel, h["WARC-Target-URI"]))
        elif rel.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
            n = len([l for l in raw.splitlines() if l.strip()])
            if items != set(range(1, n + 1)):
                err("%s: gold items %s but %d records" % (rel, sorted(items), n))
        elif rel.endswith((".rss", ".xml")):
            links = {i.findtext("link") for i in ET.fromstring(raw.encode()).iter("item")}
            if links != items:
                err("%s: RSS links %s != gold %s" % (rel, links, items))
        elif rel.endswith(".atom"):
            ns = {"a": "http://www.w3.org/2005/Atom"}
            links = {e.find("a:link", ns).get("href") for e in ET.fromstring(raw.encode()).findall("a:entry", ns)}
            if links != items:
                err("%s: Atom links %s != gold %s" % (rel, links, items))
        elif rel.endswith(".json"):
            urls = {x["url"] for x in json.loads(raw)["items"]}
            if urls != items:
                err("%s: JSON Feed urls %s != gold %s" % (rel, urls, items))
        elif items != {None}:
            err("%s: single-document file with items %s" % (rel, items))

    for e in errors:
        print("FAIL:", e)
    print("%d gold documents, %d files, %d problems" % (len(gold), len(by_file), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
