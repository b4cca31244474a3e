#!/usr/bin/env python3
"""Time the pipeline, stage by stage, and the full site build, on the real corpus.

    python bench/bench_build.py [--runs N]

Prints the median and spread of N runs of each step. Nothing here asserts a
time: the figures are for reading, and for comparing runs on one machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.project import copy_project, load_seeds  # noqa: E402
from reader.corpus import assign_ids, read_corpus  # noqa: E402
from reader.ingest.clean import clean  # noqa: E402
from reader.ingest.split import split  # noqa: E402
from reader.site.render import render_site  # noqa: E402
from reader.site.write import replace_generated  # noqa: E402


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    seeds_dir = ROOT / "seeds"
    seeds = load_seeds(seeds_dir)
    stories = [s for seed in seeds for s in split(seed)]
    annotations_dir = ROOT / "annotations"
    corpus = read_corpus(seeds_dir, annotations_dir)
    figures: dict[str, list[float]] = {}

    def measure(name, step):
        figures.setdefault(name, []).append(timed(step))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(ROOT, Path(tmp) / "project")
        for _ in range(runs):
            measure("load (read, decode, detect)", lambda: load_seeds(seeds_dir))
            measure("split", lambda: [split(seed) for seed in seeds])
            measure("clean + ids", lambda: assign_ids([clean(s) for s in stories]))
            measure("render", lambda: render_site(corpus))
            measure("pipeline total", lambda: render_site(read_corpus(seeds_dir, annotations_dir)))
            measure("write docs/ (staged, exchanged)", lambda: replace_generated(project / "docs", render_site(corpus)))
            measure(
                "mkdocs build (pages from the hook)",
                lambda: subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, check=True
                ),
            )
            for engine in ("mkdocs", "zensical"):
                measure(
                    f"build_site.py site --engine {engine}",
                    lambda engine=engine: subprocess.run(
                        [sys.executable, "build_site.py", "site", "--engine", engine], cwd=project, env=env, check=True,
                        stdout=subprocess.DEVNULL,
                    ),
                )  # fmt: skip

    print(f"Reprint Reader build benchmark: {len(seeds)} seeds, {len(corpus.articles)} articles, {runs} runs")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'step':32} {'median ms':>10} {'min ms':>9} {'max ms':>9}")
    for name, values in figures.items():
        ms = [v * 1000 for v in values]
        print(f"{name:32} {statistics.median(ms):10.1f} {min(ms):9.1f} {max(ms):9.1f}")
    pipeline = statistics.median(figures["pipeline total"])
    full = statistics.median(figures["mkdocs build (pages from the hook)"])
    print(f"pipeline share of the full build (medians): {pipeline / full:.1%}")


if __name__ == "__main__":
    main()
