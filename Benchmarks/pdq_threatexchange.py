#!/usr/bin/env python3
"""python-threatexchange's PDQIndex (faiss multi-index hashing) on a workload written by pdq_dataset.py: build
time, resident memory, queries one at a time and batched at distance 31, and recall on the near-duplicates.
Prints one JSON object."""
import json
import pathlib
import sys
import time

from threatexchange.signal_type.pdq.pdq_index import PDQIndex


def resident_mb(key="VmRSS"):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


directory = pathlib.Path(sys.argv[1])
hashes = [line.strip() for line in open(directory / "index.hex")]
queries = [(q, int(e)) for q, e in (line.split("\t") for line in open(directory / "queries.tsv"))]
threshold = PDQIndex.get_match_threshold()

before = resident_mb()
start = time.perf_counter()
index = PDQIndex((h, n) for n, h in enumerate(hashes))
build = time.perf_counter() - start
index_mb = resident_mb() - before
rss_mb = resident_mb()

start = time.perf_counter()
found = recalled = near = 0
for query, expected in queries:
    matches = index.query(query)
    found += len(matches)
    if expected >= 0:
        near += 1
        recalled += any(m.metadata == expected for m in matches)
single = time.perf_counter() - start

start = time.perf_counter()
batched_results = index.index.search_with_distance_in_result([q for q, _ in queries], threshold)
batched = time.perf_counter() - start
batched_recalled = sum(
    1 for q, e in queries if e >= 0 and any(int(i) == e for i, _, _ in batched_results.get(q, []))
)

print(json.dumps({
    "tool": "python-threatexchange 1.2.17 PDQIndex",
    "hashes": len(hashes),
    "queries": len(queries),
    "threshold": threshold,
    "build_seconds": round(build, 2),
    "index_mb": round(index_mb),
    "rss_mb": round(rss_mb),
    "peak_rss_mb": round(resident_mb("VmHWM")),
    "single_qps": round(len(queries) / single),
    "batched_qps": round(len(queries) / batched),
    "matches": found,
    "recall": f"{recalled}/{near}",
    "batched_recall": f"{batched_recalled}/{near}",
}))
