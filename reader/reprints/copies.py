"""When a text holds a copy of an article: the one relation reprint groups and `find-copies` share.

A page holds a copy of an article when enough of the article's paragraphs are on it
(`Coverage`, `is_copy`): each paragraph is found when most of its word triples occur
anywhere on the page, so chrome around it, another story beside it, typography,
respellings, a dropped or split paragraph and a new headline do not hide a copy, and
a quoted sentence or two, or another report of the same event, does not make one.

Finding which articles a page may copy, among thousands, is cheap (`CopyIndex`):
each article's word 5-grams are hashed and one in `settings.COPY_SAMPLE` of them is
kept (Broder's "mod-m" sampling, which keeps the same 5-grams of every copy), and a
page is a candidate for the articles whose sample it holds a good share of. This
estimates containment (how much of the article is on the page), which a MinHash of
Jaccard similarity cannot: an article inside a page three times its size has a
Jaccard similarity of at most 0.33, and one of two stories on a page less.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader import settings
from reader.model import Article

# Chinese and Japanese are written without spaces: each of their characters is a word here.
_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_HAN_KANA}]|[^\\W{_HAN_KANA}]+")


# Invisible inside a word: soft hyphens (which pages put in long words) and zero-width characters.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def words(text: str) -> list[str]:
    """The text's words, lower case (a Chinese or Japanese character is a word): typography
    (quotes, dashes, case) and invisible characters play no part."""
    return _WORD.findall(_INVISIBLE.sub("", text.lower()))


def _word_hashes(found: Sequence[str]) -> list[int]:
    # crc32 is the same in every process (Python's own str hash is not), so workers and the index agree.
    return [zlib.crc32(w.encode()) for w in found]


def gram_hashes(found: Sequence[str], size: int) -> set[int]:
    """Stable hashes of the text's word n-grams (a tuple of ints hashes alike in every process)."""
    hashed = _word_hashes(found)
    if len(hashed) < size:
        return {hash(tuple(hashed))} if hashed else set()
    return {hash(gram) for gram in zip(*(hashed[i:] for i in range(size)), strict=False)}


def sampled(grams: Iterable[int]) -> set[int]:
    """The n-gram hashes every copy keeps alike: those divisible by `settings.COPY_SAMPLE`."""
    return {g for g in grams if g % settings.COPY_SAMPLE == 0}


def body(article: Article) -> list[str]:
    """The article's body paragraphs: what a copy copies (a new headline does not make a copy less one)."""
    return [p.text for p in article.paragraphs if p.kind != "title"]


def text_sample(text: str) -> frozenset[int]:
    """A text's sampled 5-gram hashes: what a `CopyIndex` holds of an article, and looks a page up by."""
    return frozenset(sampled(gram_hashes(words(text), settings.SHINGLE_WORDS)))


def article_sample(article: Article) -> frozenset[int]:
    """An article's entry in a `CopyIndex` (computed on every core, cached)."""
    return text_sample(" ".join(body(article)))


class CopyIndex:
    """Which articles a text may hold a copy of, from their sampled 5-grams.

    A sampled 5-gram that more than `settings.COPY_INDEX_MAX_POSTINGS` articles share is
    left out (a site's boilerplate that cleaning kept): it tells nothing and would make
    every page a candidate for all of them.
    """

    def __init__(self, samples: Sequence[frozenset[int]]) -> None:
        postings: dict[int, list[int]] = {}
        for number, sample in enumerate(samples):
            for gram in sample:
                postings.setdefault(gram, []).append(number)
        self.postings = {g: n for g, n in postings.items() if len(n) <= settings.COPY_INDEX_MAX_POSTINGS}
        self.sizes = [sum(1 for g in s if g in self.postings) for s in samples]

    def candidates(self, sample: Iterable[int]) -> list[int]:
        """The articles (by number) a text with this sample may hold a copy of."""
        hits: Counter[int] = Counter()
        for gram in sample:
            for number in self.postings.get(gram, ()):
                hits[number] += 1
        return sorted(
            n
            for n, count in hits.items()
            if count >= settings.COPY_CANDIDATE_MIN_GRAMS and count >= settings.COPY_CANDIDATE_SHARE * self.sizes[n]
        )


@dataclass(frozen=True)
class Coverage:
    """How much of an article a text holds: the share of its paragraphs found there (`coverage`),
    how many (`paragraphs`) and their words (`words`), and the share of its word triples there (`similarity`)."""

    coverage: float
    paragraphs: int
    words: int
    similarity: float
    counted: int = 0  # the article's paragraphs long enough to tell (the denominator of `coverage`)


def page_grams(text: str) -> set[int]:
    """A page's word triples, hashed: what `coverage` looks each paragraph up in."""
    return gram_hashes(words(text), 3)


@dataclass(frozen=True)
class Paragraphs:
    """An article's body paragraphs as `coverage` counts them: each one's word triples and words,
    leaving out those too short to tell anything (a dateline, a one-line caption)."""

    grams: tuple[frozenset[int], ...]
    words: tuple[int, ...]

    @classmethod
    def of(cls, paragraphs: Sequence[str]) -> Paragraphs:
        kept = [(frozenset(gram_hashes(found, 3)), len(found)) for found in map(words, paragraphs)]
        kept = [(g, n) for g, n in kept if len(g) >= settings.COPY_PARAGRAPH_MIN_GRAMS]
        return cls(tuple(g for g, _ in kept), tuple(n for _, n in kept))


def coverage(article: Paragraphs | Sequence[str], grams: set[int]) -> Coverage:
    """How much of an article (its body paragraphs) a page (its `page_grams`) holds."""
    if not isinstance(article, Paragraphs):
        article = Paragraphs.of(article)
    found = found_words = shared = total = 0
    for own, count in zip(article.grams, article.words, strict=True):
        present = len(own & grams)
        shared, total = shared + present, total + len(own)
        if present >= settings.COPY_PARAGRAPH_FOUND * len(own):
            found += 1
            found_words += count
    counted = len(article.grams)
    if not counted:
        return Coverage(0.0, 0, 0, 0.0)
    return Coverage(found / counted, found, found_words, shared / total, counted)


def is_copy(found: Coverage) -> bool:
    """Whether a text that holds this much of an article holds a copy of it (the thresholds are in
    `settings`): a good share of its paragraphs and enough words, in several paragraphs; fewer
    only when they are the whole article or more words than a quoted sentence or two."""
    if found.paragraphs and found.paragraphs == found.counted:  # the whole of a short text
        return found.words >= settings.COPY_MIN_WORDS_WHOLE
    several = found.paragraphs >= settings.COPY_MIN_PARAGRAPHS or found.words >= settings.COPY_MIN_WORDS_FEW
    return found.coverage >= settings.COPY_MIN_COVERAGE and found.words >= settings.COPY_MIN_WORDS and several


def holds_copy(paragraphs: Paragraphs | Sequence[str], grams: set[int]) -> Coverage | None:
    """The coverage of an article in a page when the page holds a copy of it, else None."""
    found = coverage(paragraphs, grams)
    return found if is_copy(found) else None
