#!/usr/bin/env python3
"""Both engines on synthetic corpora: build time and site size, beside a plain Material build.

    python bench/bench_engines.py [--sizes 1000] [--search material|pagefind|auto]

For each size N, a project of N articles in the seeds' formats (bench/bench_scale.py's
`make_project`) is built three ways, each timed from the command's start to its end:
`build_site.py site --engine mkdocs` and `--engine zensical` (generate, build, finish every
page, swap in), and the same cleaned text as plain Material pages with its built-in search
(`mkdocs build`, no plugin, flat navigation): the baseline. Prints seconds, the ratio of
the faster engine's time to the plain build's, each site's size per article, and the
seconds from loading each engine's home page to the first search answer in headless
Chromium (a fresh browser; a word from the first article).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import make_project, plain_baseline, search_timing, size_mb  # noqa: E402
from reader.corpus import read_articles  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--search", choices=("material", "pagefind", "auto"), default="material")
    args = parser.parse_args()
    print(f"search: {args.search}; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print(
        "| N | mkdocs s | zensical s | plain Material s | faster / plain | mkdocs KB/article | zensical KB/article | plain KB/article "
        "| first answer mkdocs s | first answer zensical s |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_project(size, Path(tmp) / "project")
            config = project / "mkdocs.yml"
            config.write_text(
                config.read_text(encoding="utf-8").replace("search_engine: material", f"search_engine: {args.search}")
            )
            first = read_articles(project / "seeds").articles[0]
            query = next(w for w in first.paragraphs[1].text.split() if len(w) > 6 and w.isalpha())
            seconds, kb, answer = {}, {}, {}
            for engine in ("mkdocs", "zensical"):
                site = Path(tmp) / f"site-{engine}"
                seconds[engine] = timed(
                    [sys.executable, "build_site.py", "site", "--engine", engine, "--site-dir", str(site)], project
                )
                kb[engine] = size_mb(site) * 1024 / size
                answer[engine] = search_timing(site, query)[0]
            plain = plain_baseline(project, Path(tmp) / "plain")
            seconds["plain"] = timed([sys.executable, "-m", "mkdocs", "build", "-q"], plain)
            kb["plain"] = size_mb(plain / "site") * 1024 / size
            faster = min(seconds["mkdocs"], seconds["zensical"])
            print(
                f"| {size:,} | {seconds['mkdocs']:.1f} | {seconds['zensical']:.1f} | {seconds['plain']:.1f} | "
                f"{faster / seconds['plain']:.2f} | {kb['mkdocs']:.0f} | {kb['zensical']:.0f} | {kb['plain']:.0f} | "
                f"{answer['mkdocs']:.2f} | {answer['zensical']:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
