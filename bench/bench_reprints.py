#!/usr/bin/env python3
"""Reprint detection at scale: precision, recall and time, the sampled-5-gram index beside checking every pair.

    python bench/bench_reprints.py [--sizes 100 1000 10000] [--brute-max 10000]

For each size, a synthetic corpus with known groups (bench/corpus_generator.py)
is searched with the detector (the index of sampled 5-grams proposes pairs, the
copy relation checks them) and with the same relation checked on every pair;
both are scored against the truth. Pairs are counted as unordered pairs of
articles in one group, after grouping as the reader does (complete linkage).
The baseline grows with the square of N, so it is skipped above --brute-max.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus_generator import generate  # noqa: E402
from reader import settings  # noqa: E402
from reader.reprints.detect import CopyPair, copy_groups, copy_pairs, exhaustive_pairs  # noqa: E402


def closure(pairs: list[CopyPair]) -> set[tuple[str, str]]:
    """Every pair in the groups the pairs make: what the reader shows as one group."""
    groups = copy_groups({(p.left, p.right): p.similarity for p in pairs})
    return {tuple(sorted(p)) for g in groups for p in combinations(sorted(g), 2)}


def score(found: list[CopyPair], truth: set[tuple[str, str]]) -> tuple[float, float]:
    found = closure(found)
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--brute-max", type=int, default=1000, help="skip the baseline above this size (it grows with N squared)"
    )
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        f"coverage {settings.COPY_MIN_COVERAGE}, {settings.SHINGLE_WORDS}-word shingles sampled 1 in {settings.COPY_SAMPLE}"
    )
    print(
        f"{'N':>6} {'true pairs':>10} | {'index s':>7} {'P':>6} {'R':>6} | {'brute s':>8} {'P':>6} {'R':>6} | {'speed-up':>8}"
    )
    for size in args.sizes:
        articles, groups = generate(size, seed=size)
        truth = {tuple(sorted(p)) for g in groups for p in combinations(sorted(g), 2)}
        start = time.perf_counter()
        found = copy_pairs(articles)
        lsh_time = time.perf_counter() - start
        p, r = score(found, truth)
        row = f"{size:>6} {len(truth):>10} | {lsh_time:>7.2f} {p:>6.3f} {r:>6.3f} |"
        if size <= args.brute_max:
            start = time.perf_counter()
            exact = exhaustive_pairs(articles)
            brute_time = time.perf_counter() - start
            bp, br = score(exact, truth)
            row += f" {brute_time:>8.2f} {bp:>6.3f} {br:>6.3f} | {brute_time / lsh_time:>7.1f}x"
        else:
            row += f" {'skipped':>8} {'':>6} {'':>6} |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
