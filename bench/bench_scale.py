#!/usr/bin/env python3
"""The whole build at scale: synthetic corpora of N articles, our site beside a plain Material build.

    python bench/bench_scale.py [--sizes 100 1000] [--repeat 3] [--keep DIR]

For each size it writes a project of N articles in the seeds' formats (plain
articles, Global Research-style Markdown reprints, WordPress feed dumps of
five items each) with reprint groups and annotations (about one note per 300
words), then measures: the pipeline stage by stage (in a process of its own);
`mkdocs build` with every feature (the hook), the part of it the hook spent
generating the pages (its own log line), its peak memory, the output size,
`search_index.json` and how long headless Chromium takes from the page's load
to the first query's results; `mkdocs serve --dirty` from saving an
annotation file to the edit showing in the page open in Chromium (up to
--serve-max articles); the same build and preview with Pagefind as the search
(and, in the preview, until Pagefind's index holds the edit); and, as the
baseline, a plain Material build of the same cleaned text (one Markdown page
per article, built-in search, no hook). The pipeline and the builds run
--repeat times (once above --repeat-max articles) and their medians are shown.
Figures, not asserts; one line of figures per size.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus_generator import base_text, reprint, vocabulary  # noqa: E402
from bench.project import copy_project, fetched  # noqa: E402
from reader.corpus import read_articles, read_corpus  # noqa: E402
from reader.engines.config import site_options  # noqa: E402
from reader.progress import Progress  # noqa: E402
from reader.site.write import rendered_site  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip


def markdown_seed(title: str, paragraphs: list[str], day: int = 112) -> str:
    """A Markdown reprint in the Global Research template, chrome and all, dated `day` days into 2023."""
    month, date = min(day // 28, 11), day % 28 + 1
    return "\n\n".join(
        [f"# {title}", "By [A. Writer](#)", f"Global Research, {MONTHS[month]} {date}, 2023", "Region: [Asia](#)",
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


# The corpora's shapes: `mixed` (a dozen feeds' sites, Markdown reprints and plain texts, random
# titles); `newsroom` (one outlet holds half the articles, every title starts "Report N:", as a
# newsroom's archive or a series does); `one-outlet` (every article from that outlet, in one year).
SHAPES = ("mixed", "newsroom", "one-outlet")


def make_project(size: int, into: Path, shape: str = "mixed", search: str | None = "material") -> Path:
    """A project of `size` articles in `shape`; the search engine set to `search` (Material's, as in
    earlier runs; use_pagefind() switches), or as the project's mkdocs.yml has it (None)."""
    project = copy_project(ROOT, into)
    config = project / "mkdocs.yml"
    if search:
        config.write_text(
            config.read_text(encoding="utf-8").replace("search_engine: auto", f"search_engine: {search}", 1)
        )
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
        if shape != "mixed":
            title = f"Report {made + 1}: {title}"
        roll = rng.random()
        if shape == "one-outlet" or (shape == "newsroom" and roll < 0.5):
            seed = markdown_seed(title, paragraphs, rng.randrange(365))
            (project / "seeds" / f"{n:05d}.md").write_text(seed, encoding="utf-8")
            made += 1
        elif roll < 0.15 and size - made >= 5:
            prefix = "" if shape == "mixed" else "Report {}: "
            items = [(title, paragraphs)] + [
                (
                    prefix.format(made + k + 2) + " ".join(rng.choice(words) for _ in range(6)).capitalize(),
                    base_text(rng, words),
                )
                for k in range(4)
            ]
            # Feed dumps come from a dozen sites, as an archive's would: one outlet per site, not per dump.
            (project / "seeds" / f"{n:05d}-feed.txt").write_text(feed_seed(items, n % 12), encoding="utf-8")
            made += 5
        elif roll < 0.35:
            (project / "seeds" / f"{n:05d}.md").write_text(markdown_seed(title, paragraphs), encoding="utf-8")
            made += 1
        else:
            (project / "seeds" / f"{n:05d}.txt").write_text(
                title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
            )
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
                # Each note its own text, with some Markdown, as real notes are: nothing to gain from repeats.
                text = f"On *{tokens[start]}*: see {' '.join(rng.choice(tokens) for _ in range(12))}."
                notes.append(
                    f"  - id: {article.id}-n{k}\n    kind: context\n    quote: {json.dumps(quote)}\n    text: {json.dumps(text)}\n"
                )
        text = f"article: {json.dumps(article.id)}\nabout:\n  note: A synthetic article.\nnotes:\n" + "".join(notes)
        (project / "annotations" / f"{article.id}.yml").write_text(
            text if notes else text.replace("notes:\n", ""), encoding="utf-8"
        )


def plain_baseline(project: Path, into: Path) -> Path:
    """The same cleaned text as plain Material pages: no hook, no notes, no reprints."""
    docs = into / "docs"
    (docs / "articles").mkdir(parents=True)
    corpus = read_corpus(project / "seeds", None)
    (docs / "index.md").write_text("# Corpus\n", encoding="utf-8")
    for article in corpus.articles:
        text = "\n\n".join(p.text.replace("<", "&lt;") for p in article.paragraphs if p.kind != "title")
        (docs / "articles" / f"{article.id}.md").write_text(f"# {article.title}\n\n{text}\n", encoding="utf-8")
    (into / "mkdocs.yml").write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n", encoding="utf-8"
    )
    return into


def timed_build(project: Path) -> tuple[float, float, float]:
    """Seconds and peak memory (MiB, the build or its busiest worker process) of `mkdocs build`,
    and the seconds of it the hook spent generating the reader's pages (NaN without the hook)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, "build"], cwd=project, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    pipeline = re.search(r"Reader pages generated in ([\d.]+) seconds", result.stderr)
    peak = float(result.stderr.rsplit("PEAK_MIB ", 1)[1].split()[0])
    return elapsed, peak, float(pipeline[1]) if pipeline else float("nan")


# `mkdocs` run in-process, printing at exit the larger of its own and its children's peak memory.
PEAK = """
import atexit, resource, runpy, sys
def peak():
    rss = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"PEAK_MIB {rss / 1024:.0f}", file=sys.stderr)
atexit.register(peak)
sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__")
"""


class StageClock(Progress):
    """Times each stage the build announces, from its start to the next one's."""

    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.times: dict[str, float] = {}
        self.current, self.since = "", 0.0

    def stage(self, name: str, total: int = 0) -> None:
        self.finish()
        self.current, self.since = name, time.perf_counter()

    def finish(self) -> None:
        if self.current:
            self.times[self.current] = self.times.get(self.current, 0.0) + time.perf_counter() - self.since
        self.current = ""


def stage_times(project: Path) -> dict[str, float]:
    """The pipeline stage by stage, as the build runs it (`rendered_site`, every core), and in all."""
    clock = StageClock()
    start = time.perf_counter()
    rendered_site(project / "seeds", project / "annotations", site_options(project / "mkdocs.yml"), clock)
    return {**clock.times, "pipeline": time.perf_counter() - start}


def fresh_stage_times(project: Path) -> dict[str, float]:
    """`stage_times` in a new process: this one has warmed the pipeline's caches writing the project."""
    result = subprocess.run(
        [sys.executable, __file__, "--stages", str(project)], check=True, capture_output=True, text=True
    )
    return json.loads(result.stdout)


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def search_timing(site: Path, query: str, path: str = "/") -> tuple[float, float]:
    """Seconds from a page's load to the first query's results in headless Chromium (a fresh
    browser, nothing cached), and the megabytes of search index the browser fetched for it.
    Works on Material's page and on Zensical's, whose search is a dialog of its own."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}{path}", wait_until="load")
            start = time.perf_counter()
            if page.locator(".md-search__input").count():  # Material's search box (its own search or Pagefind)
                page.locator(".md-search__input").click()
                page.locator(".md-search__input").press_sequentially(query)
                page.locator(".md-search-result__link").first.wait_for(timeout=120_000)
            else:  # Zensical's search dialog
                page.locator(".md-search__button").click()
                page.locator("input[role=combobox]").press_sequentially(query)
                page.locator("ol[role=listbox] li").first.wait_for(timeout=120_000)
            elapsed = time.perf_counter() - start
            fetched = page.evaluate(
                r"performance.getEntriesByType('resource').filter(e => /search_index|search\.json|pagefind/.test(e.name))"
                ".reduce((sum, e) => sum + e.encodedBodySize, 0)"
            )
            browser.close()
    finally:
        httpd.shutdown()
    return elapsed, fetched / 1e6


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def preview_reload(
    project: Path, page_path: str, edited: Path, after: str, rounds: int = 7, gap: float = 1.0
) -> tuple[list[float], list[float]]:
    """Seconds from saving a file (`edited`, a marker written after the first `after` in it) to the
    edit showing in the page open in headless Chromium, which `mkdocs serve --dirty` reloads
    (without Chromium: to the server sending the changed page); and, with Pagefind, to its index
    of the site being replaced by one that holds the edit. Each edit is saved `gap` seconds after
    the previous one showed: with Material's search, the browser is then still indexing the site
    it loaded for the previous one, as it is for someone editing in quick succession."""
    from playwright.sync_api import sync_playwright

    port = 8765
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=_interruptible,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}{page_path}"
    entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
    pagefind = "search_engine: pagefind" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    try:
        for line in server.stderr:
            if "Serving on" in line:
                break
        threading.Thread(target=server.stderr.read, daemon=True).start()  # keep the pipe drained
        with sync_playwright() as playwright:
            browser = CHROMIUM and playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser and browser.new_page()
            if page:
                page.goto(url, wait_until="load")
            reloads, indexed = [], []
            for n in range(rounds):
                while pagefind and not fetched(entry):  # the first build's index
                    time.sleep(0.05)
                before = fetched(entry) if pagefind else ""
                marker = f"Edited in round {n} at {time.time_ns()}"
                text = edited.read_text(encoding="utf-8")
                edited.write_text(text.replace(after, f"{after}{marker}. ", 1), encoding="utf-8")
                start = time.perf_counter()
                if page:
                    page.get_by_text(marker).first.wait_for(timeout=120_000)
                while not page and marker not in fetched(url):
                    time.sleep(0.02)
                reloads.append(time.perf_counter() - start)
                while pagefind and fetched(entry) in ("", before):
                    time.sleep(0.02)
                indexed.append(time.perf_counter() - start)
                time.sleep(gap)
        return reloads, indexed
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its temporary site folder
        server.wait()


def _interruptible() -> None:
    """Ctrl-C's signal as a terminal delivers it, even where this benchmark runs with it ignored
    (started in the background by a shell), so that serve can stop cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def use_pagefind(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("search_engine: material", "search_engine: pagefind", 1)
    )


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def index_mb(site: Path) -> float:
    return (site / "search" / "search_index.json").stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--serve-max", type=int, default=1000, help="time the preview only up to this size")
    parser.add_argument("--keep", type=Path, help="keep the generated projects here")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the pipeline and of each build, for medians")
    parser.add_argument("--repeat-max", type=int, default=1000, help="above this size, one run each")
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)  # fresh_stage_times runs this
    args = parser.parse_args()
    if args.stages:
        print(json.dumps(stage_times(args.stages)))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", flush=True)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            base = args.keep or Path(tmp)
            project = make_project(size, base / f"reader-{size}")
            corpus = read_articles(project / "seeds")
            query = next(w for w in corpus.articles[0].paragraphs[1].text.split() if len(w) > 6 and w.isalpha())
            runs = args.repeat if size <= args.repeat_max else 1
            stages = _medians([fresh_stage_times(project) for _ in range(runs)])
            builds = [timed_build(project) for _ in range(runs)]
            build, in_build = statistics.median(b[0] for b in builds), statistics.median(b[2] for b in builds)
            peak = max(b[1] for b in builds)
            site = project / "site"
            row = {
                "N": size,
                "runs": runs,
                "pipeline s": stages.pop("pipeline"),
                **{f"{k} s": v for k, v in stages.items()},
            }
            row |= {
                "build s": build,
                "pipeline in build s": in_build,
                "peak MiB": peak,
                "site MB": size_mb(site),
                "KB/article": size_mb(site) * 1000 / size,
            }
            row["index MB"] = index_mb(site)
            article_path = f"/articles/{corpus.articles[0].id}/"
            row["search s"], row["fetched MB"] = search_timing(site, query) if CHROMIUM else (float("nan"),) * 2
            row["search on article s"], _ = (
                search_timing(site, query, article_path) if CHROMIUM else (float("nan"),) * 2
            )
            annotation = (project / "annotations" / f"{corpus.articles[0].id}.yml", "  note: ")
            if size <= args.serve_max:
                reloads, _ = preview_reload(project, article_path, *annotation)
                row["reload median s"], row["reload max s"] = statistics.median(reloads), max(reloads)
                reloads, _ = preview_reload(project, article_path, *annotation, gap=5)
                row["reload 5 s apart median s"], row["reload 5 s apart max s"] = (
                    statistics.median(reloads),
                    max(reloads),
                )
            pagefind = copy_project(project, base / f"pagefind-{size}")
            use_pagefind(pagefind)
            row["pagefind build s"], _, _ = timed_build(pagefind)
            row["pagefind search s"], row["pagefind fetched MB"] = (
                search_timing(pagefind / "site", query) if CHROMIUM else (float("nan"),) * 2
            )
            row["pagefind search on article s"], _ = (
                search_timing(pagefind / "site", query, article_path) if CHROMIUM else (float("nan"),) * 2
            )
            if size <= args.serve_max:  # with Pagefind, the search catches up after the reload
                reloads, indexed = preview_reload(
                    pagefind, article_path, pagefind / annotation[0].relative_to(project), annotation[1]
                )
                row["pagefind reload median s"], row["pagefind reload max s"] = statistics.median(reloads), max(reloads)
                row["pagefind indexed median s"], row["pagefind indexed max s"] = (
                    statistics.median(indexed),
                    max(indexed),
                )
            shutil.rmtree(pagefind / "site")
            baseline = plain_baseline(project, base / f"plain-{size}")
            plain = [timed_build(baseline) for _ in range(runs)]
            row["plain build s"], row["plain peak MiB"] = (
                statistics.median(b[0] for b in plain),
                max(b[1] for b in plain),
            )
            row["plain site MB"], row["plain index MB"] = size_mb(baseline / "site"), index_mb(baseline / "site")
            row["plain search s"], row["plain fetched MB"] = (
                search_timing(baseline / "site", query) if CHROMIUM else (float("nan"),) * 2
            )
            row["plain search on article s"], _ = (
                search_timing(baseline / "site", query, article_path) if CHROMIUM else (float("nan"),) * 2
            )
            if size <= args.serve_max:  # MkDocs' own floor: a plain page edited, the plain site served --dirty
                page = baseline / "docs" / "articles" / f"{corpus.articles[0].id}.md"
                reloads, _ = preview_reload(baseline, article_path, page, "\n\n")
                row["plain reload median s"], row["plain reload max s"] = statistics.median(reloads), max(reloads)
            row["ratio"] = build / row["plain build s"]
            row["pipeline share"] = row["pipeline s"] / build
            # Each build's own share (its log line over its time, no drift between two runs), the median of them.
            row["share in build"] = statistics.median(b[2] / b[0] for b in builds)
            print(
                " | ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()), flush=True
            )
            if not args.keep:
                shutil.rmtree(baseline / "site")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if __name__ == "__main__":
    main()
