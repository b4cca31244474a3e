#!/usr/bin/env python3
"""Reprint detection at scale: precision, recall and time, MinHash LSH beside brute force.

    python bench/bench_reprints.py [--sizes 100 1000 10000] [--brute-max 10000]

For each size, a synthetic corpus with known groups (bench/corpus_generator.py)
is searched with the detector (MinHash + LSH) and with an exact all-pairs
Jaccard baseline; both are scored against the truth. Pairs are counted as
unordered pairs of articles in one group, after joining pairs into groups as
the reader does. The baseline grows with the square of N: at 10,000 articles it
takes about 100 times as long as at 1,000, so it is skipped above --brute-max.
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
from reader.reprints.detect import brute_force_pairs, groups_from_pairs, similar_pairs  # noqa: E402


def closure(pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Every pair in the groups the pairs make: what the reader shows as one group."""
    return {tuple(sorted(p)) for g in groups_from_pairs(pairs) for p in combinations(sorted(g), 2)}


def score(found: list[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
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
        f"threshold {settings.REPRINT_THRESHOLD}, {settings.SHINGLE_WORDS}-word shingles, {settings.MINHASH_PERMUTATIONS} permutations"
    )
    print(
        f"{'N':>6} {'true pairs':>10} | {'LSH s':>7} {'P':>6} {'R':>6} | {'brute s':>8} {'P':>6} {'R':>6} | {'speed-up':>8}"
    )
    for size in args.sizes:
        articles, groups = generate(size, seed=size)
        truth = {tuple(sorted(p)) for g in groups for p in combinations(sorted(g), 2)}
        start = time.perf_counter()
        found = similar_pairs(articles)
        lsh_time = time.perf_counter() - start
        p, r = score(found, truth)
        row = f"{size:>6} {len(truth):>10} | {lsh_time:>7.2f} {p:>6.3f} {r:>6.3f} |"
        if size <= args.brute_max:
            start = time.perf_counter()
            exact = brute_force_pairs(articles)
            brute_time = time.perf_counter() - start
            bp, br = score(exact, truth)
            row += f" {brute_time:>8.2f} {bp:>6.3f} {br:>6.3f} | {brute_time / lsh_time:>7.1f}x"
        else:
            row += f" {'skipped':>8} {'':>6} {'':>6} |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
