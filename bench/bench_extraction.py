#!/usr/bin/env python3
"""How well, and how fast, the reader takes the article out of real web pages, beside trafilatura.

    python bench/bench_extraction.py --trafilatura-eval DIR [--readability DIR] [--scrapinghub DIR]
                                     [--no-export]

The pages are third-party and never committed: bring them with the search tool's
`fetch` (see bench/RESULTS.md for the commits used). Three sets, each scored its own way:

- `--trafilatura-eval`: a checkout of trafilatura's evaluation (tests/evaldata.py beside
  tests/eval/ and tests/cache/): about 960 news and blog pages, each with phrases its main
  text must contain and boilerplate it must not. Scored as trafilatura's own comparison
  does: precision, recall and F1 of those phrases, summed over all pages.
- `--readability`: mozilla/readability's test/test-pages/*/ (source.html, expected.html).
- `--scrapinghub`: scrapinghub/article-extraction-benchmark (html/*.html.gz, ground-truth.json).
  These two are scored by words: each page's precision and recall of the expected text's
  words (as multisets), averaged over pages.

The reader's text is its article's paragraphs without the title (the title is metadata,
shown above the text, as trafilatura's text leaves it out), and again with it, as the export
lists it. A page the reader refuses scores as an empty text; "refused" for trafilatura counts
pages it returns no text for. The timing runs each extractor over the same pages in this one process,
then `build_site.py export` over each set as a seeds folder (the whole pipeline), in one
process (`--jobs 1`) and on every core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.errors import ReaderError  # noqa: E402
from reader.ingest.clean import clean  # noqa: E402
from reader.ingest.load import read_seed  # noqa: E402
from reader.ingest.split import split  # noqa: E402


@dataclass(frozen=True)
class Page:
    name: str
    data: bytes
    must: tuple[str, ...] = ()  # phrases the main text must contain
    must_not: tuple[str, ...] = ()  # phrases it must not
    expected: str = ""  # or the whole expected text, scored by words


def trafilatura_eval(folder: Path) -> list[Page]:
    """The evaluation as `../shared/data/trafilatura-eval.tgz` unpacks (evaldata.json, eval/, cache/),
    or as an older checkout of trafilatura has it (tests/evaldata.py)."""
    if (folder / "evaldata.json").exists():
        expectations = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    else:
        sys.path.insert(0, str(folder / "tests"))
        from evaldata import EVAL_PAGES as expectations
    pages = []
    for item in expectations.values():
        path = next(
            (
                p
                for p in (
                    folder / "eval" / item["file"],
                    folder / "cache" / item["file"],
                    folder / "tests/eval" / item["file"],
                    folder / "tests/cache" / item["file"],
                )
                if p.exists()
            ),
            None,
        )
        if path:
            pages.append(Page(item["file"], path.read_bytes(), tuple(item["with"]), tuple(item["without"])))
    return pages


def readability_pages(folder: Path) -> list[Page]:
    pages = []
    for case in sorted(p for p in folder.iterdir() if (p / "source.html").exists()):
        expected = BeautifulSoup((case / "expected.html").read_text(encoding="utf-8"), "html.parser").get_text(" ")
        pages.append(Page(f"readability/{case.name}", (case / "source.html").read_bytes(), expected=expected))
    return pages


def scrapinghub_pages(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            f"scrapinghub/{key[:12]}",
            gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()),
            expected=item["articleBody"],
        )
        for key, item in sorted(truth.items())
    ]


def reader_text(page: Page, with_title: bool = False) -> str | None:
    """The reader's article text for one page, or None when it refuses the page."""
    try:
        seed = read_seed(page.name, page.data)
        articles = [clean(story) for story in split(seed)]
    except ReaderError:
        return None
    return "\n".join(p.text for a in articles for p in a.paragraphs if with_title or p.kind != "title")


def reader_text_with_title(page: Page) -> str | None:
    """The same, its title included: the export's paragraphs as they are."""
    return reader_text(page, with_title=True)


def trafilatura_text(page: Page) -> str | None:
    return trafilatura.extract(page.data)


def phrase_counts(pages: list[Page], texts: list[str | None]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for page, text in zip(pages, texts, strict=True):
        text = text or ""
        tp += sum(1 for phrase in page.must if phrase in text)
        fn += sum(1 for phrase in page.must if phrase not in text)
        fp += sum(1 for phrase in page.must_not if phrase in text)
    return tp, fp, fn


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.casefold()))


def word_scores(pages: list[Page], texts: list[str | None]) -> tuple[float, float, float]:
    precisions, recalls, f1s = [], [], []
    for page, text in zip(pages, texts, strict=True):
        expected, got = _words(page.expected), _words(text or "")
        common = sum((expected & got).values())
        p, r, f = prf(common, sum(got.values()) - common, sum(expected.values()) - common)
        precisions.append(p)
        recalls.append(r)
        f1s.append(f)
    return statistics.mean(precisions), statistics.mean(recalls), statistics.mean(f1s)


def run(extractor, pages: list[Page]) -> tuple[list[str | None], float]:
    start = time.perf_counter()
    texts = [extractor(page) for page in pages]
    return texts, time.perf_counter() - start


def export_seconds(pages: list[Page], jobs: int | None = None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        seeds, notes = Path(tmp) / "seeds", Path(tmp) / "annotations"
        seeds.mkdir()
        notes.mkdir()
        for n, page in enumerate(pages):
            (seeds / f"{n:04d}.html").write_bytes(page.data)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "build_site.py"), "export", str(Path(tmp) / "out.json"),
             "--seeds", str(seeds), "--annotations", str(notes), *(["--jobs", str(jobs)] if jobs else [])],
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--trafilatura-eval", type=Path, help="checkout of trafilatura's evaluation (tests/evaldata.py)"
    )
    parser.add_argument("--readability", type=Path, help="mozilla/readability's test/test-pages")
    parser.add_argument("--scrapinghub", type=Path, help="scrapinghub/article-extraction-benchmark")
    parser.add_argument("--no-export", dest="export", action="store_false", help="skip timing the whole export")
    args = parser.parse_args()
    sets = []
    if args.trafilatura_eval:
        sets.append(("trafilatura's evaluation (phrases)", trafilatura_eval(args.trafilatura_eval), phrase_counts))
    if args.readability:
        sets.append(("mozilla/readability test pages (words)", readability_pages(args.readability), word_scores))
    if args.scrapinghub:
        sets.append(("scrapinghub benchmark (words)", scrapinghub_pages(args.scrapinghub), word_scores))
    if not sets:
        parser.error("name at least one set of pages")
    exports: list[str] = []
    print(f"trafilatura {trafilatura.__version__}, Python {sys.version.split()[0]}\n")
    print("| pages | extractor | precision | recall | F1 | refused | seconds (one process) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for title, pages, score in sets:
        extractors = (
            ("reader", reader_text),
            ("reader, title included", reader_text_with_title),
            ("trafilatura.extract", trafilatura_text),
        )
        for name, extractor in extractors:
            texts, seconds = run(extractor, pages)
            figures = score(pages, texts)
            if score is phrase_counts:
                figures = prf(*figures)
            refused = (
                sum(1 for t in texts if t is None) if name.startswith("reader") else sum(1 for t in texts if not t)
            )
            p, r, f = figures
            print(f"| {title}, {len(pages)} | {name} | {p:.4f} | {r:.4f} | {f:.4f} | {refused} | {seconds:.1f} |")
            if name == "reader":
                for page, text in zip(pages, texts, strict=True):
                    if text is None:
                        print(f"  refused: {page.name}", file=sys.stderr)
        if args.export:
            _, alone = run(trafilatura_text, pages)
            one, every = export_seconds(pages, jobs=1), export_seconds(pages)
            exports.append(f"| {title}, {len(pages)} | {alone:.1f} | {one:.1f} ({one / alone:.2f}x) "
                           f"| {every:.1f} ({every / alone:.2f}x) |")  # fmt: skip
    if exports:
        print(
            "\n| pages | trafilatura.extract alone (one process) | build_site.py export, --jobs 1 | export, every core |"
        )
        print("| --- | ---: | ---: | ---: |")
        print("\n".join(exports))


if __name__ == "__main__":
    main()
