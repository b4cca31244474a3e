#!/usr/bin/env python3
"""The whole build at scale: synthetic corpora of N articles, our site beside a plain Material build.

    python bench/bench_scale.py [--sizes 100 1000] [--keep DIR]

For each size it writes a project of N articles in the seeds' formats (plain
articles, Global Research-style Markdown reprints, WordPress feed dumps of
five items each) with reprint groups and annotations (about one note per 300
words), then measures: the pipeline by stage, `mkdocs build` with every
feature (the hook), its peak memory, the output size and `search_index.json`;
and, as the baseline, a plain Material build of the same cleaned text (one
Markdown page per article, built-in search, no hook). Figures, not asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus_generator import base_text, reprint, vocabulary  # noqa: E402
from reader.corpus import read_corpus  # noqa: E402
from reader.site import copy_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def markdown_seed(title: str, paragraphs: list[str]) -> str:
    """A Markdown reprint in the Global Research template, chrome and all."""
    return "\n\n".join(
        [f"# {title}", "By [A. Writer](#)", "Global Research, April 23, 2023", "Region: [Asia](#)",
         "First published on April 19, 2023", "\\*\\*\\*", *paragraphs, "\\*",
         "The original source of this article is [Example Journal](#)", "Copyright © [A. Writer](#), 2023"]
    ) + "\n"  # fmt: skip


def feed_seed(items: list[tuple[str, list[str]]], n: int) -> str:
    lines = []
    for index, (title, paragraphs) in enumerate(items):
        header = (
            f"{title} https://feed{n}.example/{index}/ Thu, 25 Jul 2024 09:29:01 +0000 https://feed{n}.example/?p={index} "
            f"Read More “{title}” »"
        )
        if index == 0:
            header = (
                f"news – Feed {n} https://feed{n}.example Stay informed. Thu, 25 Jul 2024 09:29:01 +0000 en-US hourly 1 "
                f"https://wordpress.org/?v=6.6.2 {header}"
            )
        lines += [header, "", "]]>", "", *[p + "\n" for p in paragraphs], "Source link", "", "]]>"]
    return "\n".join(lines) + "\n"


def make_project(size: int, into: Path) -> Path:
    project = copy_project(ROOT, into)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    for path in (project / "annotations").glob("*.yml"):
        if path.name != "glossary.yml":
            path.unlink()
    rng, words = random.Random(size), vocabulary()
    made, n = 0, 0
    while made < size:
        paragraphs = base_text(rng, words)
        title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
        roll = rng.random()
        if roll < 0.15 and size - made >= 5:
            items = [(title, paragraphs)] + [
                (" ".join(rng.choice(words) for _ in range(6)).capitalize(), base_text(rng, words)) for _ in range(4)
            ]
            (project / "seeds" / f"{n:05d}-feed.txt").write_text(feed_seed(items, n), encoding="utf-8")
            made += 5
        elif roll < 0.35:
            (project / "seeds" / f"{n:05d}.md").write_text(markdown_seed(title, paragraphs), encoding="utf-8")
            made += 1
        else:
            (project / "seeds" / f"{n:05d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
            made += 1
        if roll > 0.85 and made < size:  # a reprint of the same text elsewhere
            n += 1
            copy = reprint(rng, paragraphs, words)
            (project / "seeds" / f"{n:05d}.txt").write_text(title + "\n\n" + "\n\n".join(copy) + "\n", encoding="utf-8")
            made += 1
        n += 1
    write_annotations(project, rng)
    return project


def write_annotations(project: Path, rng: random.Random) -> None:
    """About one context note per 300 words, each quoting six words that occur once in the article."""
    corpus = read_corpus(project / "seeds", None)
    for article in corpus.articles:
        body = [p for p in article.paragraphs if p.kind == "paragraph"]
        notes = []
        chosen = rng.sample(body, min(len(body), max(1, article.words // 300)))
        for k, paragraph in enumerate(chosen):
            tokens = paragraph.text.split()
            start = rng.randrange(max(1, len(tokens) - 6))
            quote = " ".join(tokens[start : start + 6])
            if sum(p.text.count(quote) for p in article.paragraphs) == 1:
                notes.append(f"  - id: {article.id}-n{k}\n    kind: context\n    quote: {json.dumps(quote)}\n    text: A note.\n")
        text = f"article: {json.dumps(article.id)}\nabout:\n  note: A synthetic article.\nnotes:\n" + "".join(notes)
        (project / "annotations" / f"{article.id}.yml").write_text(text if notes else text.replace("notes:\n", ""), encoding="utf-8")


def plain_baseline(project: Path, into: Path) -> Path:
    """The same cleaned text as plain Material pages: no hook, no notes, no reprints."""
    docs = into / "docs"
    (docs / "articles").mkdir(parents=True)
    corpus = read_corpus(project / "seeds", None)
    (docs / "index.md").write_text("# Corpus\n", encoding="utf-8")
    for article in corpus.articles:
        text = "\n\n".join(p.text.replace("<", "&lt;") for p in article.paragraphs if p.kind != "title")
        (docs / "articles" / f"{article.id}.md").write_text(f"# {article.title}\n\n{text}\n", encoding="utf-8")
    (into / "mkdocs.yml").write_text("site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8")
    return into


def timed_build(project: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of `mkdocs build` in a child process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=ENV, check=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--keep", type=Path, help="keep the generated projects here")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"{'N':>5} | {'pipeline s':>10} | {'build s':>8} {'peak MiB':>8} {'site MB':>8} {'index MB':>8} | "
          f"{'plain s':>8} {'site MB':>8} {'index MB':>8} | {'ratio':>5}")  # fmt: skip
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            base = args.keep or Path(tmp)
            project = make_project(size, base / f"reader-{size}")
            start = time.perf_counter()
            read_corpus(project / "seeds", project / "annotations")
            pipeline = time.perf_counter() - start
            build, peak = timed_build(project)
            site = project / "site"
            baseline = plain_baseline(project, base / f"plain-{size}")
            plain, _ = timed_build(baseline)
            print(
                f"{size:>5} | {pipeline:>10.1f} | {build:>8.1f} {peak:>8.0f} {size_mb(site):>8.1f} "
                f"{(site / 'search' / 'search_index.json').stat().st_size / 1e6:>8.1f} | {plain:>8.1f} "
                f"{size_mb(baseline / 'site'):>8.1f} {(baseline / 'site' / 'search' / 'search_index.json').stat().st_size / 1e6:>8.1f} | "
                f"{build / plain:>5.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
