#!/usr/bin/env bash
# PDQ matching, side by side in one run: python-threatexchange 1.2.17's PDQIndex (faiss multi-index hashing) and
# LanternNode's PDQIndex build the same index from the same hashes and answer the same queries at distance 31.
#
#   Benchmarks/pdq-side-by-side.sh [--count N] [--queries N] [--flips N] [--seed N]
#
# It installs threatexchange 1.2.17 and faiss-cpu from PyPI into .build-bench/venv, builds `lantern` in release
# mode, writes the workload with pdq_dataset.py into .build-bench/pdq-<count>, runs each tool in its own process
# and prints one table. Defaults: 1,000,000 hashes, 10,000 queries, half of them near-duplicates (up to 20 bits
# flipped). `--count 10000000` measures LanternNode at ten million as well (python-threatexchange is skipped
# there: it needs over 10 GB).
set -euo pipefail
cd "$(dirname "$0")/.."

count=1000000 queries=10000 flips=20 seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift 2 ;;
        --queries) queries=$2; shift 2 ;;
        --flips) flips=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        *) echo "Unknown option $1; see the comment at the top of $0." >&2; exit 64 ;;
    esac
done

venv=.build-bench/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import threatexchange, faiss" 2>/dev/null; then
    echo "Installing threatexchange 1.2.17 and faiss-cpu into $venv..."
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check threatexchange==1.2.17 faiss-cpu
fi
echo "Building lantern (release)..."
mkdir -p .build-bench
swift build -c release --product lantern >.build-bench/build.log 2>&1 || { cat .build-bench/build.log; exit 1; }
lantern=$(swift build -c release --show-bin-path 2>/dev/null)/lantern

data=.build-bench/pdq-$count-$queries-$flips-$seed
if [ ! -f "$data/queries.tsv" ]; then
    python3 Benchmarks/pdq_dataset.py "$data" --count "$count" --queries "$queries" --flips "$flips" --seed "$seed"
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
if [ "$count" -le 2000000 ]; then
    echo "Running python-threatexchange..."
    "$venv/bin/python" Benchmarks/pdq_threatexchange.py "$data" >>"$results"
fi
echo "Running lantern..."
"$lantern" bench pdq --dataset "$data" --json >>"$results"
python3 Benchmarks/pdq_table.py "$results"
