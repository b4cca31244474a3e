"""Anchoring: find the one place in an article's cleaned text that a quote names.

A quote (with an optional prefix and suffix, as in a W3C TextQuoteSelector)
must occur exactly once. No match and several matches are errors; a fuzzy
match is only ever offered as a suggestion, never used, because a note on the
wrong sentence is worse than a failed build.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.model import Article, Place
from reader.text import normalize_space

CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Orphan:
    """The quote is nowhere in the text; `closest` is the best fuzzy passage, for the message."""

    closest: str
    paragraph: str
    score: float


@dataclass(frozen=True)
class Ambiguous:
    places: tuple[Place, ...]


def find(article: Article, quote: str, prefix: str | None = None, suffix: str | None = None) -> list[Place]:
    quote = normalize_space(quote)
    places = []
    for paragraph in article.paragraphs:
        text = paragraph.text
        start = text.find(quote)
        while start >= 0:
            end = start + len(quote)
            before, after = text[:start].rstrip(), text[end:].lstrip()
            if (not prefix or before.endswith(normalize_space(prefix))) and (
                not suffix or after.startswith(normalize_space(suffix))
            ):
                places.append(Place(paragraph.id, start, end))
            start = text.find(quote, start + 1)
    return places


def anchor(
    article: Article, quote: str, prefix: str | None = None, suffix: str | None = None
) -> Place | Orphan | Ambiguous:
    places = find(article, quote, prefix, suffix)
    if len(places) == 1:
        return places[0]
    if places:
        return Ambiguous(tuple(places))
    return closest(article, quote)


def closest(article: Article, quote: str) -> Orphan:
    best = Orphan("", "", 0.0)
    for paragraph in article.paragraphs:
        found = fuzz.partial_ratio_alignment(quote, paragraph.text)
        if found and found.score > best.score:
            best = Orphan(paragraph.text[found.dest_start : found.dest_end], paragraph.id, found.score)
    return best


def excerpt(article: Article, place: Place) -> str:
    """The quote with a little of the text around it, for messages."""
    text = next(p.text for p in article.paragraphs if p.id == place.paragraph)
    start, end = max(0, place.start - CONTEXT_CHARS), min(len(text), place.end + CONTEXT_CHARS)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
