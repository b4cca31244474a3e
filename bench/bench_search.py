#!/usr/bin/env python3
"""Search timing on projects `bench_scale.py --keep DIR` left: several fresh browsers per figure.

    python bench/bench_search.py --keep DIR [--sizes 1000 5000] [--runs 3]

Builds DIR/pagefind-N (the project with the reader plugin's `search_engine: pagefind`)
with the current code and prints, per size, seconds from page load to the
first results on the home page and on an article page, one figure per run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import search_timing, timed_build  # noqa: E402
from reader.corpus import read_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--keep", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        project = args.keep / f"pagefind-{size}"
        for folder in ("reader", "docs", "overrides"):  # the current code, the project's own seeds and notes
            shutil.copytree(ROOT / folder, project / folder, dirs_exist_ok=True)
        articles = read_articles(project / "seeds").articles
        query = next(w for w in articles[0].paragraphs[1].text.split() if len(w) > 6 and w.isalpha())
        build, _ = timed_build(project)
        for name, path in (("home", "/"), ("article", f"/articles/{articles[0].id}/")):
            times = [search_timing(project / "site", query, path)[0] for _ in range(args.runs)]
            print(f"N {size} | Pagefind build s {build:.1f} | {name} page s {' '.join(f'{t:.2f}' for t in times)} "
                  f"(median {statistics.median(times):.2f})", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
