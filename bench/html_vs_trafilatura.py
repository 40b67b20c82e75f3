#!/usr/bin/env python3
"""Times storyline's ingest of a folder of HTML pages against Python trafilatura
extracting the same pages, in the same run.

Usage: html_vs_trafilatura.py STORYLINE_BINARY HTML_DIR
Pages may be .html or .html.gz. trafilatura runs in this process on one core (as it
does by default); storyline ingests into a scratch store using all cores.
Needs `pip install trafilatura lxml_html_clean`.
"""
import gzip
import subprocess
import sys
import time
from pathlib import Path


def read(path):
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def main():
    binary, folder = sys.argv[1], Path(sys.argv[2])
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".htm", ".html.gz")))
    total = sum(len(read(p)) for p in pages)
    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is not installed: pip install trafilatura lxml_html_clean")
    docs = [read(p) for p in pages]
    start = time.perf_counter()
    for d in docs:
        trafilatura.extract(d)
    py = time.perf_counter() - start
    start = time.perf_counter()
    out = subprocess.run([binary, "bench", "ingest", *map(str, pages)], capture_output=True, text=True, check=True)
    rs = time.perf_counter() - start
    print(f"{len(pages)} pages, {total / 1e6:.1f} MB")
    print(f"python trafilatura extract:      {py:6.2f}s  {total / 1e6 / py:6.2f} MB/s")
    print(f"storyline ingest (extract+store): {rs:6.2f}s  {total / 1e6 / rs:6.2f} MB/s  ({out.stdout.strip()})")
    print(f"speed-up: {py / rs:.2f}x")


if __name__ == "__main__":
    main()
