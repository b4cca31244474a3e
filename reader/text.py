"""Small text helpers shared by the stages: whitespace, sentences, dates."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from slugify import slugify

# Invisible characters scrapes leave behind that `str.split` does not count as space, and soft
# hyphens (hyphenation hints a browser shows only at a line break), which are dropped.
_INVISIBLE = {0x200B: " ", 0xFEFF: " ", 0x00AD: None}


def slug(text: str, fallback: str = "", stopwords: Iterable[str] = ()) -> str:
    """The one slug of the reader, for ids and anchors: lower-case ASCII words joined by hyphens,
    other scripts transliterated ("Шойгу" is "shoigu"), so no name gets an empty anchor."""
    return slugify(text, stopwords=stopwords) or fallback


def decode_utf8(data: bytes) -> str | UnicodeDecodeError:
    """The text (a byte-order mark dropped), or the decoding error for the caller to report."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return error


def line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (no-break and other Unicode spaces included) to one space."""
    # split() knows every Unicode space and is ten times faster than a regex substitution;
    # translate() with a table is slow on long text, so it runs only when there is one to replace.
    if "\u200b" in text or "\ufeff" in text or "\xad" in text:
        text = text.translate(_INVISIBLE)
    return " ".join(text.split())


# Scripts written without spaces between words (Chinese, Japanese): each character counts as a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def unspaced(text: str) -> bool:
    """Whether the text is mostly in a script written without spaces between words."""
    return not text.isascii() and len(_UNSPACED.findall(text)) > len(text) / 3


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Words in the text; kept, since the rules ask it of each block several times."""
    if text.isascii():
        return len(text.split())
    return len(_UNSPACED.sub(" x ", text).split())


@lru_cache(maxsize=4096)
def lowered(text: str) -> str:
    """The text in lower case, kept like `word_count`: rules look in it for a word their pattern
    cannot match without, and run the (slower) pattern only when it is there."""
    return text.lower()


_CLOSERS = "\"'”’»)]*_"


def last_char(text: str) -> str:
    """The last character that is not a closing quote, bracket or emphasis mark."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def ends_sentence(text: str) -> bool:
    """Whether the text ends as a sentence does: with . ! ? or an ellipsis."""
    return last_char(text) in {".", "!", "?", "…"}


def ends_with_ellipsis(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSERS)
    return core.endswith(("...", "…"))


# A page's weather widget ("14.1 C") and breadcrumb ("Home > China", "HomeChina..."), as scrapes keep them.
TEMPERATURE = r"-?\d{1,3}(?:[.,]\d+)?\s?°?\s?[CF]"
BREADCRUMB = r"Home(?:[A-Z]|\s*[>/»›|])"


def natural_key(text: str) -> tuple[str | int, ...]:
    """A sort key that reads numbers as numbers, regardless of case: "Report 2" before "Report 10"."""
    return tuple(int(part) if i % 2 else part for i, part in enumerate(re.split(r"(\d+)", text.lower())))
