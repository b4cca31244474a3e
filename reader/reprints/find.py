"""find-copies: scan web archives and folders of pages for copies of the corpus's articles.

A haystack is read as a stream, one record at a time: memory holds the corpus's
index and one page, however large the archives. Every page costs a fast text (tags
and scripts stripped by regular expressions) and its sampled 5-grams looked up in
the index of the corpus's articles (`reader.reprints.copies.CopyIndex`); only a page
that is a candidate for an article is checked, paragraph by paragraph, against all
its visible text (so a page holding two stories is a copy of each, whichever one a
main-text extractor would keep). The full cleaning (trafilatura) runs only on the
copies `--add` writes into seeds/, when the next build reads them. A copy of one
member of a reprint group is reported for every member.

The work is one job per archive, or per byte range of a large one (`Source`), given
to the executor in force (`reader.parallel`): worker processes here, or the workers
of a Dask cluster; the results are the same either way.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from reader import settings
from reader.dates import iso_day
from reader.files import atomic_write
from reader.ingest.archive import ArchiveReport, archive_pages, is_archive, read_archive, record_block, warc_record
from reader.model import Article, ReprintGroup
from reader.parallel import current
from reader.reprints.copies import (
    CopyIndex,
    Coverage,
    Paragraphs,
    article_sample,
    body,
    coverage,
    is_copy,
    page_grams,
    text_sample,
)


@dataclass(frozen=True)
class Needles:
    """What a scan looks for: the corpus's articles as plain data, sent to each worker once (their
    ids, body paragraphs and sampled 5-grams; `groups` gives each the other members of its reprint group)."""

    ids: tuple[str, ...]
    bodies: tuple[tuple[str, ...], ...]
    samples: tuple[frozenset[int], ...]
    groups: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, articles: Sequence[Article], reprints: Sequence[ReprintGroup] = ()) -> Needles:
        number = {a.id: n for n, a in enumerate(articles)}
        members = {m: g.articles for g in reprints for m in g.articles}
        return cls(
            tuple(a.id for a in articles),
            tuple(tuple(body(a)) for a in articles),
            tuple(article_sample(a) for a in articles),
            tuple(tuple(number[m] for m in members.get(a.id, ()) if m != a.id) for a in articles),
        )

    @cached_property
    def key(self) -> str:
        return hashlib.sha1(repr((self.ids, self.samples)).encode()).hexdigest()


@dataclass(frozen=True)
class Source:
    """One job of a scan: an archive (the records starting in bytes `start` to `end`), or a page file."""

    path: str
    start: int = 0
    end: int | None = None


@dataclass(frozen=True)
class Found:
    """A page holding a copy of an article: what `--json` writes, one object each."""

    article: str
    url: str
    captured: str | None
    source: str
    coverage: float
    similarity: float

    def record(self) -> dict[str, object]:
        return dict(vars(self))


def find_copies(
    needles: Needles, paths: Sequence[Path], range_bytes: int = settings.FIND_RANGE_BYTES
) -> tuple[list[Found], list[Scanned]]:
    """Every copy on the pages of `paths` (archives, page files, folders of them), by article and
    then in the haystack's order, and what each job scanned; on the executor in force."""
    scanned = list(current().map_shared(scan, needles, sources(paths, range_bytes)))
    found = [f for s in scanned for f in s.found]
    order = {article: n for n, article in enumerate(needles.ids)}
    return sorted(found, key=lambda f: order[f.article]), scanned


@dataclass(frozen=True)
class Scanned:
    """What one job found, with the counts the command reports."""

    found: tuple[Found, ...]
    pages: int
    candidates: int
    damage: tuple[str, ...]


def sources(paths: Sequence[Path], range_bytes: int = settings.FIND_RANGE_BYTES) -> list[Source]:
    """The jobs for the given archives, page files and folders (searched for both), in name order;
    an archive larger than `range_bytes` is cut into byte ranges, one job each (not a WACZ: a ZIP)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and _scanned(p.name)))
        else:
            files.append(path)
    jobs: list[Source] = []
    for file in files:
        size = file.stat().st_size
        if is_archive(file.name) and not file.name.lower().endswith(".wacz") and size > range_bytes:
            jobs.extend(
                Source(str(file), start, min(start + range_bytes, size)) for start in range(0, size, range_bytes)
            )
        else:
            jobs.append(Source(str(file)))
    return jobs


def _scanned(name: str) -> bool:
    return is_archive(name) or name.lower().endswith((".html", ".htm", ".xhtml"))


# A worker builds the index once for each corpus it is sent (a cache: results do not depend on it).
_INDEXES: dict[str, CopyIndex] = {}
_PARAGRAPHS: dict[tuple[str, int], Paragraphs] = {}


def scan(needles: Needles, source: Source) -> Scanned:
    """The copies of the corpus's articles on the pages of one source."""
    if needles.key not in _INDEXES:
        _INDEXES.clear()
        _PARAGRAPHS.clear()
        _INDEXES[needles.key] = CopyIndex(needles.samples)
    index = _INDEXES[needles.key]
    report = ArchiveReport(os.path.basename(source.path))
    found: list[Found] = []
    pages = candidates = 0
    for page in _pages(source, report):
        pages += 1
        text = fast_text(page.payload, page.charset)
        numbers = index.candidates(text_sample(text))
        if not numbers:
            continue
        candidates += 1
        grams = page_grams(text)
        held = {n: _coverage(needles, n, grams) for n in numbers}
        copied = [n for n, c in held.items() if is_copy(c)]
        # A copy of one member of a reprint group is a copy of each: report them all.
        for n in sorted({m for c in copied for m in (c, *needles.groups[c])}):
            share = held.get(n) or _coverage(needles, n, grams)
            found.append(
                Found(
                    needles.ids[n],
                    page.url,
                    page.captured,
                    page.where,
                    round(share.coverage, 3),
                    round(share.similarity, 3),
                )
            )
    return Scanned(tuple(found), pages, candidates, (f"{source.path}: {report.damage}",) if report.damage else ())


def _coverage(needles: Needles, number: int, grams: set[int]) -> Coverage:
    key = (needles.key, number)
    if key not in _PARAGRAPHS:
        _PARAGRAPHS[key] = Paragraphs.of(needles.bodies[number])
    return coverage(_PARAGRAPHS[key], grams)


@dataclass(frozen=True)
class HaystackPage:
    payload: bytes
    charset: str
    url: str
    captured: str | None
    where: str


def _pages(source: Source, report: ArchiveReport) -> Iterator[HaystackPage]:
    """The pages of a source, each with its address, capture date and where it lies."""
    path = source.path
    if not is_archive(path):
        data = Path(path).read_bytes()
        yield HaystackPage(data, "", path, None, path)
        return
    if path.lower().endswith(".wacz"):
        pages = read_archive(os.path.basename(path), Path(path).read_bytes(), report)
        for page in pages:
            where = f"{os.path.dirname(path)}/{page.capture.archive}@{page.capture.offset}".lstrip("/")
            yield HaystackPage(page.payload, page.charset, page.capture.uri, iso_day(page.capture.date) or None, where)
        return
    with open(path, "rb") as stream:
        start = first_record(stream, source.start) if source.start else 0
        if start is None or (source.end is not None and start >= source.end):
            return
        stream.seek(start)
        for page in archive_pages(stream, os.path.basename(path), report, start, source.end):
            capture = page.capture
            where = f"{path}@{capture.offset}"
            yield HaystackPage(page.payload, page.charset, capture.uri, iso_day(capture.date) or None, where)


def first_record(stream: BinaryIO, start: int) -> int | None:
    """The offset of the first record that starts at or after `start`: a gzip member whose data
    begins "WARC/", or, in an uncompressed archive, a "WARC/1." line after a blank line."""
    stream.seek(0)
    compressed = stream.read(2) == b"\x1f\x8b"
    position = start
    while True:
        stream.seek(position)
        chunk = stream.read(1 << 20)
        if not chunk:
            return None
        marker = b"\x1f\x8b\x08" if compressed else b"\r\n\r\nWARC/1."
        at = chunk.find(marker)
        while at != -1:
            offset = position + at + (0 if compressed else 4)
            if _record_starts(stream, offset, compressed):
                return offset
            at = chunk.find(marker, at + 1)
        position += max(1, len(chunk) - len(marker))


def _record_starts(stream: BinaryIO, offset: int, compressed: bool) -> bool:
    stream.seek(offset)
    if not compressed:
        return stream.read(7) == b"WARC/1."
    try:
        head = zlib.decompressobj(wbits=31).decompress(stream.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/1.")


# Blocks a browser never shows as text, and comments.
_HIDDEN = re.compile(rb"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(rb"<[^>]*>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def fast_text(payload: bytes, charset: str = "") -> str:
    """The page's visible text, roughly and fast (tags stripped by regular expressions, entities
    read), in the charset its headers or its <meta> name, else UTF-8, else windows-1252 (the web's
    most common legacy encoding): enough to find its words."""
    text = _TAG.sub(b" ", _HIDDEN.sub(b" ", payload))
    for encoding in (charset, _meta_charset(payload), "utf-8"):
        try:
            return html.unescape(text.decode(encoding, "strict" if encoding == "utf-8" else "replace"))
        except (LookupError, UnicodeDecodeError):
            continue
    return html.unescape(text.decode("cp1252", "replace"))


def _meta_charset(payload: bytes) -> str:
    found = _META_CHARSET.search(payload[:65536])
    return found.group(1).decode("ascii") if found else ""


def add_copy(found: Found, seeds: Path) -> Path | None:
    """Write the page holding a copy into `seeds/` as a one-record WARC (its payload byte for byte), so
    the next build publishes it as a reprint; None when seeds/ already holds that capture."""
    path, _, offset = found.source.rpartition("@")
    if path and offset.isdigit() and is_archive(path):
        headers, block = record_block(path, int(offset))
        kind = next((v for k, v in headers if k.lower() == "warc-type"), "response")
    else:
        headers = [("WARC-Target-URI", found.url), ("Content-Type", "text/html")]
        block, kind = Path(found.source).read_bytes(), "resource"
    name = f"copy-{hashlib.sha1(block).hexdigest()[:16]}.warc.gz"
    target = seeds / name
    if target.exists():
        return None
    atomic_write(target, warc_record(kind, headers, block))
    return target
