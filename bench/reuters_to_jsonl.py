#!/usr/bin/env python3
"""Converts the Reuters-21578 SGML files to JSON Lines for `storyline bench ingest`.

Usage: reuters_to_jsonl.py CORPUS_DIR > reuters.jsonl
Each article becomes {"title", "published", "text"}; paragraphs (indented lines in the
original) are separated by blank lines.
"""
import html
import json
import re
import sys
from pathlib import Path

ARTICLE = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "DATE", "BODY", "DATELINE")}
MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def field(name, text):
    m = FIELD[name].search(text)
    return html.unescape(m.group(1)).strip() if m else None


def main():
    root = Path(sys.argv[1])
    for path in sorted(root.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for art in ARTICLE.findall(raw):
            body = field("BODY", art)
            if not body:
                continue
            body = re.sub(r"\s*reuter\s*$", "", body, flags=re.I)
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s{3,}", body)]
            date = field("DATE", art) or ""
            m = re.match(r"(\d+)-([A-Z]{3})-(\d{4})", date)
            published = f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}" if m else None
            dateline = field("DATELINE", art) or ""
            text = "\n\n".join(p for p in paragraphs if p)
            if dateline:
                text = " ".join(dateline.split()) + " " + text
            print(json.dumps({"title": field("TITLE", art), "published": published, "outlet": "Reuters", "text": text}))


if __name__ == "__main__":
    main()
