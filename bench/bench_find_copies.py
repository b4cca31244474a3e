#!/usr/bin/env python3
"""find-copies on haystacks of real pages with planted copies and decoys: precision, recall, speed.

    python bench/bench_find_copies.py --scrapinghub DIR --trafilatura-eval DIR [--readability DIR] [--needles 60] [--seed 1]

The pages are third-party and never committed (`../shared/data`, unpacked). Two haystacks,
each the other way round, so that no one set tunes the thresholds:

- A: the needles are articles of the scrapinghub benchmark (its ground-truth text, as
  plain-text seeds); the chrome that copies are planted in, and the distractors, are
  trafilatura's evaluation pages.
- B: the needles come from trafilatura's evaluation pages (the reader's own cleaned text of
  each); the chrome and the distractors are the scrapinghub pages.
- C (with `--readability`, mozilla/readability's test pages, fetched): the needles are its
  expected texts; the chrome and the distractors are both other sets.

Each haystack is one WARC.gz (scanned as four byte ranges, as a cluster's workers would) holding every page of both sets unmodified (a needle's own
page is a copy, expected to be found), and for every needle: copies under another site's
chrome (whole; typography changed; respelt; a paragraph dropped and one added; the
headline rewritten; the first 60% only; beside another needle on one page), and decoys
(a page quoting two of its sentences; a page "reporting the same event": its names and
numbers kept, its wording replaced). Found (article, url) pairs are scored against the
planted truth (two needles that are copies of each other count for each other); a find in one
of the sets' own pages, which were not planted, is listed for a reader to check, not scored. Speed: the scan (`--jobs 1`, one process, WARC reading included) beside
`trafilatura.extract` alone over the same pages, in this one run; memory: the peak allocated
while scanning the haystack once and three times over.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus import read_corpus  # noqa: E402
from reader.errors import ReaderError  # noqa: E402
from reader.ingest.archive import warc_record  # noqa: E402
from reader.ingest.clean import clean  # noqa: E402
from reader.ingest.load import read_seed  # noqa: E402
from reader.ingest.split import split  # noqa: E402
from reader.parallel import Local, Serial, executing  # noqa: E402
from reader.reprints.copies import body, gram_hashes, words  # noqa: E402
from reader.reprints.find import Needles, Source, find_copies, scan  # noqa: E402

EDITS = ("whole", "typography", "respelt", "dropped-and-added", "new-headline", "first-60%", "two-on-a-page")
DECOYS = ("quotes-two-sentences", "same-event")
FILLER = (
    "the of and a to in is was for on that with as by at from it an be this which or are were has have had "
    "officials said report week later people city government local news statement meeting according while "
    "after before during under over about since because however also more most other new first last year "
    "day time work plan part state group public issue point case area number service support change"
).split()


def scrapinghub(folder: Path) -> list[tuple[str, str, list[str], bytes]]:
    """(name, title, paragraphs, page) of each benchmark page, its text from the ground truth."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        data = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        title = re.search(rb"<title[^>]*>(.*?)</title>", data, re.S | re.I)
        name = html.unescape(title.group(1).decode("utf-8", "replace")).strip() if title else key[:12]
        paragraphs = [p.strip() for p in item["articleBody"].split("\n") if p.strip()]
        pages.append((f"sh-{key[:12]}", name, paragraphs, data))
    return pages


def trafilatura_eval(folder: Path) -> list[tuple[str, str, list[str], bytes]]:
    """(name, title, paragraphs, page) of each evaluation page, its text as the reader cleans it."""
    pages = []
    for path in sorted([*(folder / "eval").glob("*.html"), *(folder / "cache").glob("*.html")]):
        data = path.read_bytes()
        try:
            [article] = [clean(s) for s in split(read_seed(path.name, data))]
        except (ReaderError, ValueError):
            article = None
        paragraphs = [p.text for p in article.paragraphs if p.kind != "title"] if article else []
        pages.append((f"te-{path.stem}", article.title if article else path.stem, paragraphs, data))
    return pages


def readability(folder: Path) -> list[tuple[str, str, list[str], bytes]]:
    """(name, title, paragraphs, page) of mozilla/readability's test pages, the text from expected.html."""
    pages = []
    for case in sorted(p for p in folder.iterdir() if (p / "source.html").exists()):
        expected = BeautifulSoup((case / "expected.html").read_text(encoding="utf-8"), "html.parser")
        paragraphs = [" ".join(p.get_text(" ").split()) for p in expected.find_all("p")]
        metadata = case / "expected-metadata.json"
        title = json.loads(metadata.read_text(encoding="utf-8")).get("title") if metadata.exists() else None
        pages.append(
            (f"rd-{case.name}", title or case.name, [p for p in paragraphs if p], (case / "source.html").read_bytes())
        )
    return pages


def chrome(host: bytes, title: str, paragraphs: list[str]) -> bytes:
    """The host page with its own paragraphs and article taken out and this text put in."""
    page = host.decode("utf-8", "replace")
    page = re.sub(r"<article\b.*?</article>|<p\b[^>]*>.*?</p>", "", page, flags=re.S | re.I)
    page = re.sub(r"charset=[\"']?[\w-]+", "charset=utf-8", page, flags=re.I)  # the page is rewritten in UTF-8
    story = f"<article><h1>{html.escape(title)}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    story += "</article>"
    at = page.lower().rfind("</body>")  # the last one: a script may write "<body>" in a string
    page = page[:at] + story + page[at:] if at != -1 else page + story
    return page.encode("utf-8")


def typography(text: str) -> str:
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text).replace("'", "\u2019").replace(" - ", " \u2014 ")


def respelt(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    for i in range(rng.randrange(15), len(words), 15):
        w = words[i]
        if len(w) > 4 and w.isalpha():
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def same_event(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Another report of the same event: the names and numbers kept, in new words and order."""
    out = []
    for p in paragraphs:
        kept = [w for w in p.split() if w[:1].isupper() or any(c.isdigit() for c in w)]
        words = kept + [rng.choice(FILLER) for _ in range(max(8, len(p.split()) - len(kept)))]
        rng.shuffle(words)
        out.append(" ".join(words).capitalize() + ".")
    rng.shuffle(out)
    return out


def planted(
    rng: random.Random, title: str, paragraphs: list[str], other: list[str]
) -> dict[str, tuple[str, list[str]]]:
    body = list(paragraphs)
    drop = rng.randrange(1, len(body) - 1) if len(body) > 3 else len(body) - 1
    sentences = [s for p in body for s in re.split(r"(?<=[.!?])\s+", p) if len(s.split()) > 6]
    quoted = rng.sample(sentences, min(2, len(sentences)))
    note = "Editor's note: this article is republished here with the permission of its first publisher."
    return {
        "whole": (title, body),
        "typography": (typography(title), [typography(p) for p in body]),
        "respelt": (title, [respelt(rng, p) for p in body]),
        "dropped-and-added": (title, [*body[:drop], *body[drop + 1 :], note]),
        "new-headline": ("What we know so far: a closer look at the week's story", body),
        "first-60%": (title, body[: max(1, round(len(body) * 0.6))]),
        "two-on-a-page": (title, [*body, *other]),
        "quotes-two-sentences": (
            "Opinion: what the coverage missed",
            [
                f"One report put it this way: \u201c{' '.join(quoted)}\u201d That is only half the story.",
                "Our correspondent argues that the question deserves a longer look than it has had so far, "
                "and that readers should weigh the claims made by every side before drawing conclusions.",
            ],
        ),
        "same-event": (title, same_event(rng, body)),
    }


def haystack(needles, others, rng: random.Random, folder: Path):
    """The seeds (the needles as plain-text articles), the WARC of pages, and the true pairs (seed, url)."""
    seeds = folder / "seeds"
    seeds.mkdir()
    records, truth, count = [], set(), 0

    def add(url: str, page: bytes) -> None:
        nonlocal count
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        headers = [
            ("WARC-Target-URI", url),
            ("WARC-Date", "2024-06-01T00:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ]
        records.append(warc_record("response", headers, http))
        count += 1

    hosts = [page for *_, page in others]
    for number, (name, title, paragraphs, page) in enumerate(needles):
        seed = f"needle-{number:03}.txt"
        (seeds / seed).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        add(f"https://original.example/{name}", page)
        truth.add((seed, f"https://original.example/{name}"))
        partner = needles[(number + 1) % len(needles)]
        for kind, (new_title, text) in planted(rng, title, paragraphs, partner[2]).items():
            url = f"https://copies.example/{kind}/{number}"
            add(url, chrome(rng.choice(hosts), new_title, text))
            if kind in EDITS:
                truth.add((seed, url))
            if kind == "two-on-a-page":
                truth.add((f"needle-{(number + 1) % len(needles):03}.txt", url))
    for name, _, _, page in others:
        add(f"https://other.example/{name}", page)
    (folder / "haystack.warc.gz").write_bytes(b"".join(records))
    return seeds, folder / "haystack.warc.gz", truth, count


def measure(label: str, needles, others, args) -> None:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        seeds, warc, truth, pages = haystack(needles, others, rng, Path(tmp))
        corpus = read_corpus(seeds)
        id_of = {a.seed: a.id for a in corpus.articles}
        truth = {(id_of[seed], url) for seed, url in truth if seed in id_of}
        # Two needles that are copies of each other (a set holding one article twice) are a reprint
        # group: a copy of either is a copy of both, and is reported for both.
        members = {m: g.articles for g in corpus.reprints for m in g.articles}
        truth |= {(other, url) for needle, url in truth for other in members.get(needle, ())}
        target = Needles.of(corpus.articles, corpus.reprints)
        quarter = warc.stat().st_size // 4 + 1  # four byte ranges: work for every worker
        for name, executor in (("one process", Serial()), (f"{args.workers} processes", Local(args.workers))):
            start = time.perf_counter()
            with executing(executor):
                found, scanned = find_copies(target, [warc], range_bytes=quarter)
            seconds = time.perf_counter() - start
            if name == "one process":
                scan_one = seconds
            print(f"{label}: scan, {name}: {seconds:.2f} s")
        # Pages of the sets themselves, not planted, may hold a needle too (a wire story two outlets ran,
        # a page the sets hold twice): listed for a reader to check, and not scored.
        unplanted = sorted((f.article, f.url) for f in found if f.url.startswith("https://other.example/"))
        pairs = {(f.article, f.url) for f in found} - set(unplanted)
        hits = pairs & truth
        print(f"{label}: {len(corpus.articles)} needles ({len(corpus.reprints)} reprint groups among them), {pages} pages, {len(truth)} true pairs, "
              f"{sum(s.pages for s in scanned)} scanned, {sum(s.candidates for s in scanned)} candidate pages")  # fmt: skip
        print(f"{label}: precision {len(hits) / max(1, len(pairs)):.4f}, recall {len(hits) / max(1, len(truth)):.4f}")
        for kind in (*EDITS, "original"):
            expected = {t for t in truth if f"/{kind}/" in t[1] or (kind == "original" and "original." in t[1])}
            print(f"    {kind:>22}: found {len(expected & pairs)}/{len(expected)}")
        for wrong in sorted(pairs - truth)[:10]:
            print(f"    false positive: {wrong}")
        for page in unplanted:
            print(f"    found in a page not planted (check it): {page}")
        for missed in sorted(truth - pairs)[:10]:
            print(f"    missed: {missed}")
        # Memory stays flat as the haystack grows: the peak while scanning it once, and three times over.
        for times in (1, 3):
            repeated = Path(tmp) / f"repeated-{times}.warc.gz"
            repeated.write_bytes(warc.read_bytes() * times)
            tracemalloc.start()
            result = scan(target, Source(str(repeated)))
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{label}: {result.pages:,} pages: peak memory allocated while scanning {peak / 1e6:.1f} MB")
        from fastwarc.warc import ArchiveIterator

        with open(warc, "rb") as stream:
            payloads = [r.reader.read() for r in ArchiveIterator(stream, fsspec_args=False)]
        if args.groups:
            grouping(label, seeds, warc, {(seed_id, url) for seed_id, url in truth})
        if args.no_extract:
            return
        start = time.perf_counter()
        for payload in payloads:
            trafilatura.extract(payload)
        extract = time.perf_counter() - start
        print(f"{label}: trafilatura.extract alone over the same {len(payloads)} pages: {extract:.2f} s; "
              f"the scan (one process) is {extract / scan_one:.1f}x faster\n")  # fmt: skip


def grouping(label: str, seeds: Path, warc: Path, truth: set[tuple[str, str]]) -> None:
    """The haystack's pages put into seeds/ beside the needles: the reprint groups the build makes. No
    group may hold two articles sharing under 20% of the shorter one's text (its words, in triples), and
    each planted copy should join its needle (a page holding two needles joins one of them at most)."""
    shutil.copy(warc, seeds / "zz-haystack.warc.gz")  # after the needles: their ids stay as they were
    start = time.perf_counter()
    corpus = read_corpus(seeds)
    seconds = time.perf_counter() - start
    by_id = {a.id: a for a in corpus.articles}
    by_url = {a.metadata.url: a.id for a in corpus.articles if a.capture}
    group_of = {m: g.articles for g in corpus.reprints for m in g.articles}
    grams = {a.id: gram_hashes(words(" ".join(body(a))), 3) for a in corpus.articles}
    shares = []
    for group in corpus.reprints:
        for i, left in enumerate(group.articles):
            for right in group.articles[i + 1 :]:
                shorter, longer = sorted((grams[left], grams[right]), key=len)
                shares.append(len(shorter & longer) / max(1, len(shorter)))
    joined = [by_url.get(url) in group_of.get(needle, ()) for needle, url in truth if "/two-on-a-page/" not in url]
    two = {
        url: [by_url.get(url) in group_of.get(n, ()) for n, u in truth if u == url]
        for _, url in truth
        if "/two-on-a-page/" in url
    }
    print(f"{label}: the haystack in seeds/: {len(by_id):,} articles in {seconds:.0f} s, {len(corpus.reprints)} groups "
          f"of up to {max((len(g.articles) for g in corpus.reprints), default=0)}, {len(shares)} pairs; pairs sharing "
          f"under 20% of the shorter text: {sum(s < 0.2 for s in shares)} (least {min(shares, default=1):.2f})")  # fmt: skip
    print(f"{label}: planted copies joined to their article: {sum(joined)}/{len(joined)}; pages holding two "
          f"articles joined to both: {sum(all(v) for v in two.values())}, to one: {sum(any(v) and not all(v) for v in two.values())}, "
          f"to neither: {sum(not any(v) for v in two.values())}\n")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scrapinghub", type=Path, required=True)
    parser.add_argument("--trafilatura-eval", type=Path, required=True)
    parser.add_argument("--readability", type=Path, help="mozilla/readability's test/test-pages: a third haystack, C")
    parser.add_argument("--needles", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-extract", action="store_true", help="skip timing trafilatura (quick runs)")
    parser.add_argument("--groups", action="store_true", help="also build each haystack as seeds and check the groups")
    args = parser.parse_args()
    # Needles are news articles: four paragraphs and 150 words at least (a page whose cleaned text is a
    # paragraph or two, or a blog's sidebar, is no article to find copies of); every page is in the haystack.
    sh, te = scrapinghub(args.scrapinghub), trafilatura_eval(args.trafilatura_eval)
    article = lambda p: len(p[2]) >= 4 and sum(len(t.split()) for t in p[2]) >= 150  # noqa: E731
    rng = random.Random(args.seed)
    haystacks = [("A", sh, te), ("B", te, sh)]
    if args.readability:
        haystacks.append(("C", readability(args.readability), sh + te))
    for label, pool, rest in haystacks:
        eligible = [i for i, p in enumerate(pool) if article(p)]
        chosen = sorted(rng.sample(eligible, min(args.needles, len(eligible))))
        needles = [pool[i] for i in chosen]
        others = [p for i, p in enumerate(pool) if i not in set(chosen)] + rest
        measure(label, needles, others, args)


if __name__ == "__main__":
    main()
