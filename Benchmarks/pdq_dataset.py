#!/usr/bin/env python3
"""Writes the PDQ workload both tools index and query: random 256-bit hashes, and queries of which every other one
is a near-duplicate of an indexed hash (0 to --flips distinct bits flipped) and the rest are random.

  index.hex    one hash per line, 64 hexadecimal characters; line n is hash n
  queries.tsv  a query hash, a tab, and the index of the hash it was made from (-1 for a random query)
"""
import argparse
import pathlib
import random

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("directory", type=pathlib.Path)
parser.add_argument("--count", type=int, default=1_000_000)
parser.add_argument("--queries", type=int, default=10_000)
parser.add_argument("--flips", type=int, default=20)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = random.Random(args.seed)
args.directory.mkdir(parents=True, exist_ok=True)
hashes = [rng.getrandbits(256) for _ in range(args.count)]
with open(args.directory / "index.hex", "w") as out:
    out.writelines(f"{h:064x}\n" for h in hashes)
with open(args.directory / "queries.tsv", "w") as out:
    for n in range(args.queries):
        if n % 2 == 0:
            target = rng.randrange(args.count)
            query = hashes[target]
            for bit in rng.sample(range(256), rng.randint(0, args.flips)):
                query ^= 1 << bit
            out.write(f"{query:064x}\t{target}\n")
        else:
            out.write(f"{rng.getrandbits(256):064x}\t-1\n")
print(f"Wrote {args.count} hashes and {args.queries} queries to {args.directory}")
