#!/usr/bin/env python3
"""spaCy's blank("en") tokenizer, and tokenizer + sentencizer, on the same texts
`storyline bench text` reads: plain-text files under the given folders and the
`text` field of JSON Lines files. Needs `pip install spacy` (no model download).

Usage: spacy_tokenize.py INPUT...
"""
import json
import sys
import time
from pathlib import Path


def texts(paths):
    for p in paths:
        p = Path(p)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            data = f.read_bytes().decode("utf-8", "replace")
            if f.suffix in (".jsonl", ".ndjson"):
                for line in data.splitlines():
                    if line.strip():
                        t = json.loads(line).get("text")
                        if t:
                            yield t
            elif f.suffix in (".txt", ".md", ".TXT") or not f.suffix:
                yield data


def main():
    import spacy

    docs = list(texts(sys.argv[1:]))
    words = sum(len(t.split()) for t in docs)
    nlp = spacy.blank("en")
    start = time.perf_counter()
    tokens = sum(len(nlp.tokenizer(t)) for t in docs)
    tok = time.perf_counter() - start
    nlp.add_pipe("sentencizer")
    start = time.perf_counter()
    sents = sum(len(list(d.sents)) for d in nlp.pipe(docs))
    both = time.perf_counter() - start
    print(f"{len(docs)} texts, {words} words, {tokens} spaCy tokens, {sents} sentences (one core)")
    print(f"spaCy tokenizer:              {tokens / tok:9.0f} tokens/s  {words / tok:9.0f} words/s")
    print(f"spaCy tokenizer + sentencizer:{tokens / both:9.0f} tokens/s  {words / both:9.0f} words/s")


if __name__ == "__main__":
    main()
