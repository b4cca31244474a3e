"""Stage 1, load: read the raw texts in `seeds/` and recognise each one's format.

A seed is never written to. Bytes are decoded as UTF-8 (a byte-order mark is
dropped), line endings become `\\n`, and the format is told from the content,
never from the file name.
"""

from __future__ import annotations

from pathlib import Path

from . import settings
from .errors import Problems, ReaderError, SeedError
from .formats import feed, html, markdown, plaintext
from .model import Seed
from .text import decode_utf8, line_of, word_count

# Files in seeds/ that are not seeds.
NOT_SEEDS = {"SHA256SUMS", "README.md", "README"}


def seed_paths(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.name not in NOT_SEEDS and not p.name.startswith(".")
    )


def seed_files(folder: Path) -> list[tuple[str, str, bytes]]:
    """Each seed in `folder`, in name order, as (its path as shown in messages, its name, its bytes)."""
    if not folder.is_dir():
        raise Problems([SeedError("the seeds folder does not exist", str(folder), fix="passing --seeds with a folder of raw texts.")])
    return [(str(path), path.name, path.read_bytes()) for path in seed_paths(folder)]


def load_seeds(folder: Path) -> list[Seed]:
    """Every seed in `folder`, in name order; all problems are raised together."""
    seeds, errors = [], []
    for shown_as, name, data in seed_files(folder):
        try:
            seeds.append(read_seed(name, data, shown_as=shown_as))
        except ReaderError as error:
            errors.append(error)
    if errors:
        raise Problems(errors)
    return seeds


def read_seed(name: str, data: bytes, *, shown_as: str | None = None) -> Seed:
    shown_as = shown_as or name
    text = decode(data, shown_as)
    return Seed(name=name, text=text, format=detect_format(text, shown_as))


def decode(data: bytes, shown_as: str) -> str:
    if not data.strip():
        raise SeedError("the seed is empty", shown_as, fix="removing the file, or saving the article's text into it.")
    if b"\x00" in data[:65536] or _control_ratio(data[:65536]) > settings.BINARY_CONTROL_RATIO:
        raise SeedError(
            "the seed is a binary file, not text",
            shown_as,
            fix="saving the article as plain text, Markdown or HTML (UTF-8) instead.",
        )
    text, error = decode_utf8(data)
    if error:
        raise SeedError(
            f"the seed is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            shown_as,
            line_of(data, error.start),
            fix="converting it to UTF-8, for example: iconv -f windows-1252 -t utf-8 FILE > FILE.new",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_ratio(data: bytes) -> float:
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / max(1, len(data))


# Control characters other than tab, newline, form feed and carriage return: a sign of binary data.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def detect_format(text: str, shown_as: str) -> str:
    """Which of `model.FORMATS` the text is in, judged from its content."""
    start = text.lstrip()[:200].lower()
    if start.startswith(("<?xml", "<rss", "<feed")):
        raise SeedError(
            "the seed is XML (an RSS or Atom document), which is not a supported format",
            shown_as,
            fix="saving the feed as text, as a feed reader's text export does, or each story as its own file.",
        )
    if start.startswith(("{", "[")):
        raise SeedError("the seed looks like JSON data, not an article", shown_as, fix="saving the article's text instead.")
    if html.looks_like(text):
        return "html"
    if feed.looks_like(text):
        return "feed"
    if markdown.looks_like(text):
        return "markdown"
    if not any(word_count(b.text) >= settings.BODY_MIN_WORDS for b in plaintext.blocks(text.split("\n"))):
        raise SeedError(
            "the format is not recognised: no paragraph of prose was found",
            shown_as,
            fix=f"saving the article as plain text, Markdown or HTML with at least one paragraph of {settings.BODY_MIN_WORDS} or more words.",
        )
    return "webpage" if plaintext.looks_like_webpage(text) else "plain"

