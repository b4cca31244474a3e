"""Find groups of articles that are copies of the same text.

Two articles are copies when one holds a copy of the other: enough of its paragraphs
(`reader.reprints.copies`, the relation `find-copies` uses on web pages). Candidates
come from an index of each article's sampled 5-grams, so not every pair is compared.
A group is shown only where every two of its members are copies (complete linkage):
a page holding two stories, or a related-stories box quoting another, is a copy of
each, and does not make the two stories copies of each other through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reader import settings
from reader.model import Article, ReprintGroup, own_date
from reader.reprints.copies import CopyIndex, Paragraphs, article_sample, body, coverage, is_copy, page_grams


@dataclass(frozen=True)
class CopyPair:
    """Two articles (ids in order) one of which holds a copy of the other, and how much of it (the
    larger similarity of the two directions): groups are formed from the most similar pairs first."""

    left: str
    right: str
    similarity: float


def copy_pairs(articles: Sequence[Article], samples: Sequence[frozenset[int]] | None = None) -> list[CopyPair]:
    """Every pair of articles one of which holds a copy of the other; `samples` are the articles'
    `article_sample`s (computed here when not given)."""
    samples = samples if samples is not None else [article_sample(a) for a in articles]
    index = CopyIndex(samples)
    proposed = {tuple(sorted((i, j))) for i, s in enumerate(samples) for j in index.candidates(s) if j != i}
    return _checked(articles, sorted(proposed))


def exhaustive_pairs(articles: Sequence[Article]) -> list[CopyPair]:
    """The same pairs by checking every pair: the baseline the tests and the benchmark compare with."""
    return _checked(articles, [(i, j) for i in range(len(articles)) for j in range(i + 1, len(articles))])


def _checked(articles: Sequence[Article], proposed: Sequence[tuple[int, ...]]) -> list[CopyPair]:
    """The proposed pairs (by number) one of which holds a copy of the other, and which share at least
    `settings.REPRINT_MIN_SHARED` of the shorter one's word triples (a copy of 40% of a long article's
    paragraphs, edited, could share less of a short one's text: two such are not shown as copies)."""
    texts: dict[int, tuple[Paragraphs, set[int]]] = {}

    def text(n: int) -> tuple[Paragraphs, set[int]]:
        if n not in texts:
            texts[n] = (Paragraphs.of(body(articles[n])), page_grams(" ".join(body(articles[n]))))
        return texts[n]

    pairs = []
    for i, j in proposed:
        (own_i, grams_i), (own_j, grams_j) = text(i), text(j)
        found = [coverage(own_i, grams_j), coverage(own_j, grams_i)]
        shorter, longer = sorted((grams_i, grams_j), key=len)
        shared = len(shorter & longer) / max(1, len(shorter))
        if any(is_copy(f) for f in found) and shared >= settings.REPRINT_MIN_SHARED:
            left, right = sorted((articles[i].id, articles[j].id))
            pairs.append(CopyPair(left, right, round(max(f.similarity for f in found), 6)))
    return sorted(pairs, key=lambda p: (p.left, p.right))


def copy_groups(similarity: dict[tuple[str, str], float]) -> list[set[str]]:
    """Groups in which every two members are a pair of `similarity` (ids in order), joined from the
    most similar pair down (complete linkage): a pair whose groups hold any two non-copies stays apart."""
    group_of: dict[str, frozenset[str]] = {}
    for (a, b), _ in sorted(similarity.items(), key=lambda item: (-item[1], item[0])):
        first, second = group_of.get(a, frozenset({a})), group_of.get(b, frozenset({b}))
        if first == second:
            continue
        if all(tuple(sorted((x, y))) in similarity for x in first for y in second):
            merged = first | second
            group_of.update(dict.fromkeys(merged, merged))
    return sorted((set(g) for g in set(group_of.values())), key=sorted)


def detect_reprints(
    articles: tuple[Article, ...],
    confirmed: frozenset[tuple[str, str]] = frozenset(),
    denied: frozenset[tuple[str, str]] = frozenset(),
    found_pairs: Sequence[CopyPair] | None = None,
) -> tuple[tuple[ReprintGroup, ...], tuple[tuple[str, str], ...]]:
    """The groups, from the copy pairs (`found_pairs`, else found here) less those an annotation
    denies plus those it confirms (which are joined first); and the grouped pairs no annotation
    confirms, to suggest confirming them."""
    by_id = {a.id: a for a in articles}
    if found_pairs is None:
        found_pairs = copy_pairs(articles)
    similarity = {(p.left, p.right): p.similarity for p in found_pairs if (p.left, p.right) not in denied}
    similarity |= dict.fromkeys(confirmed, 2.0)  # a contributor's word outranks any measure
    groups = copy_groups(similarity)
    grouped = {(x, y) for g in groups for x in g for y in g if x < y}
    unconfirmed = tuple(sorted(p for p in grouped if p not in confirmed))
    found = []
    for members in groups:
        ordered, original, basis = order_copies([by_id[m] for m in members])
        found.append(ReprintGroup(f"reprints-{ordered[0]}", tuple(ordered), original, basis))
    return tuple(found), unconfirmed


def order_copies(copies: list[Article]) -> tuple[list[str], str, str]:
    """Oldest first by each copy's own date; the original only where a text names its outlet."""

    ordered = sorted(copies, key=lambda a: (own_date(a)[0] or date.max, a.id))
    outlets = {a.metadata.outlet for a in copies if a.metadata.outlet}
    named = {a.metadata.original_outlet for a in copies if a.metadata.original_outlet}
    original = next((a.id for a in ordered if a.metadata.outlet and a.metadata.outlet in named), "")
    dates = "ordered by each copy's own date (published, feed item or page capture)"
    if original:
        basis = f"another copy names this copy's outlet as the original source; {dates}"
    elif named - outlets:
        basis = f"the copies name {', '.join(sorted(named - outlets))} as their source, which the corpus does not hold; {dates}"
    else:
        basis = f"no copy says which is the original; {dates}"
    return [a.id for a in ordered], original, basis
