#!/usr/bin/env python3
"""Prints the JSON lines written by pdq_threatexchange.py and `lantern-bench pdq --json` as one table."""
import json
import os
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
fields = [
    ("hashes", "hashes"), ("queries", "queries"), ("build_seconds", "build (s)"), ("index_mb", "index memory (MB)"),
    ("rss_mb", "RSS once built (MB)"), ("peak_rss_mb", "peak RSS (MB)"), ("single_qps", "queries/s, one at a time"), ("batched_qps", "queries/s, batched"),
    ("recall", "recall on near-duplicates"), ("batched_recall", "recall, batched"), ("matches", "matches returned"),
]
width = max(len(label) for _, label in fields)
columns = [max(len(row["tool"]), 12) for row in rows]
print(f"\nPDQ at distance 31 on this machine ({os.cpu_count()} cores)")
print(" " * width + "  " + "  ".join(row["tool"].ljust(w) for row, w in zip(rows, columns)))
for key, label in fields:
    cells = [str(row.get(key, "-")) for row in rows]
    print(label.ljust(width) + "  " + "  ".join(c.ljust(w) for c, w in zip(cells, columns)))
