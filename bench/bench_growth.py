#!/usr/bin/env python3
"""How the site grows with the corpus, in a corpus of any shape: time, memory, bytes and links.

    python bench/bench_growth.py --shape newsroom --sizes 1000 3000 [--plain-max 3000] [--serve 5000]

For each size it writes a project (`bench_scale.make_project`: `newsroom`, one outlet holding
half the articles and every title "Report N: …"; `one-outlet`, all of them from one outlet
in one year; `mixed`) with the project's own mkdocs.yml, and measures, one run each:
`build_site.py site` and `mkdocs build` (seconds, peak memory of the process or its busiest
worker), the site's size per article, and the most links any page's navigation lists (its
table of contents left out), over every page but the articles, of which every one in 20 is
read. Up to `--plain-max` articles, a plain Material build of the same cleaned text (one page
per article, the stock search plugin) beside them; at the `--serve` sizes, `mkdocs serve
--dirty` from saving an annotation to the edit showing in Chromium (seven edits, the slowest).
Figures, not asserts.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import (  # noqa: E402
    CHROMIUM,
    ENV,
    PEAK,
    SHAPES,
    make_project,
    plain_baseline,
    preview_reload,
    size_mb,
    timed_build,
)
from reader.corpus import read_articles  # noqa: E402

# `build_site.py site` run in-process, printing its peak memory at exit (as PEAK does for mkdocs).
SITE_PEAK = PEAK.replace('sys.argv = ["mkdocs", *sys.argv[1:]]\nrunpy.run_module("mkdocs", run_name="__main__")',
                         'sys.argv = ["build_site.py", *sys.argv[1:]]\nrunpy.run_path("build_site.py", run_name="__main__")')  # fmt: skip


def timed_site(project: Path) -> tuple[float, float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", SITE_PEAK, "site"], cwd=project, env=ENV, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, float(result.stderr.rsplit("PEAK_MIB ", 1)[1].split()[0])


def nav_links(page: Path) -> int:
    """The links in the page's navigation, without the table of contents Material nests in it."""
    tree = lxml_html.fromstring(page.read_bytes())
    return sum(
        1
        for nav in tree.xpath('//nav[contains(@class, "md-nav--primary")]')
        for a in nav.iter("a")
        if not a.xpath('ancestor::nav[contains(@class, "md-nav--secondary")]')
    )


def most_nav_links(site: Path) -> tuple[int, str]:
    pages = sorted(site.rglob("index.html"))
    sample = [p for p in pages if "articles" not in p.parts] + [p for p in pages if "articles" in p.parts][::20]
    return max((nav_links(p), p.relative_to(site).as_posix()) for p in sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--shape", choices=SHAPES, default="newsroom")
    parser.add_argument("--plain-max", type=int, default=5000, help="build the plain Material baseline up to this size")
    parser.add_argument("--serve", type=int, nargs="*", default=[], help="time the preview at these sizes")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"shape {args.shape}", flush=True)  # fmt: skip
    print("| articles | build_site.py site s | peak MiB | mkdocs build s | peak MiB | KB/article | most nav links "
          "| plain Material s | site / plain | mkdocs / plain | preview slowest of 7 s |")  # fmt: skip
    print("| ---: " * 11 + "|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            project = make_project(size, Path(tmp) / f"reader-{size}", args.shape, search=None)
            site_s, site_peak = timed_site(project)
            build_s, build_peak, _ = timed_build(project)
            kb = size_mb(project / "site") * 1000 / size
            links, where = most_nav_links(project / "site")
            plain = float("nan")
            if size <= args.plain_max:
                plain, _, _ = timed_build(plain_baseline(project, Path(tmp) / f"plain-{size}"))
            preview = float("nan")
            if size in args.serve and CHROMIUM:
                article = read_articles(project / "seeds").articles[0].id
                reloads, _ = preview_reload(
                    project, f"/articles/{article}/", project / "annotations" / f"{article}.yml", "  note: "
                )
                preview = max(reloads)
            print(f"| {size:,} | {site_s:.1f} | {site_peak:,.0f} | {build_s:.1f} | {build_peak:,.0f} | {kb:.0f} "
                  f"| {links} ({where}) | {plain:.1f} | {site_s / plain:.2f} | {build_s / plain:.2f} | {preview:.2f} |",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
