"""Find groups of articles that are copies of the same text.

Each article's text becomes a set of word 5-gram shingles, summarised by a
MinHash; locality-sensitive hashing (both from rensa) proposes candidate pairs
without comparing every pair, and a pair is kept when its estimated Jaccard
similarity reaches `settings.REPRINT_THRESHOLD`. Pairs are joined into groups.
rensa is written in Rust and imports in milliseconds; datasketch, used before,
pulled in scipy, whose import alone took a quarter of the pipeline at 1,000 articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from rensa import RMinHash, RMinHashLSH

from reader import settings
from reader.model import Article, ReprintGroup
from reader.parallel import run_jobs


def shingles(article: Article, size: int = settings.SHINGLE_WORDS) -> set[str]:
    words = re.findall(r"\w+", " ".join(p.text for p in article.paragraphs if p.kind != "title").lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def article_signature(article: Article) -> RMinHash:
    """The MinHash of the article's shingles, computed by rensa (in Rust): the order of the shingles does not matter."""
    signature = RMinHash(num_perm=settings.MINHASH_PERMUTATIONS, seed=1)
    signature.update(list(shingles(article)))
    return signature


def similar_pairs(
    articles: list[Article],
    threshold: float = settings.REPRINT_THRESHOLD,
    signatures: Sequence[RMinHash] | None = None,
) -> list[tuple[str, str]]:
    """Pairs of article ids whose texts are near-duplicates, found through LSH over the articles'
    `signatures` (computed here, on every core, when not given)."""
    if signatures is None:
        signatures = run_jobs([partial(article_signature, a) for a in articles])
    index = RMinHashLSH(
        threshold, settings.MINHASH_PERMUTATIONS, settings.MINHASH_PERMUTATIONS // settings.LSH_BAND_ROWS
    )
    for number, signature in enumerate(signatures):
        index.insert(number, signature)
    pairs = set()
    for number, signature in enumerate(signatures):
        for other in index.query(signature):
            if other != number and signature.jaccard(signatures[other]) >= threshold:
                pairs.add(tuple(sorted((articles[number].id, articles[other].id))))
    return sorted(pairs)


def brute_force_pairs(articles: list[Article], threshold: float = settings.REPRINT_THRESHOLD) -> list[tuple[str, str]]:
    """The same pairs by exact Jaccard over every pair: the baseline the benchmark compares with."""
    sets = [(a.id, shingles(a)) for a in articles]
    pairs = []
    for i, (first, a) in enumerate(sets):
        for second, b in sets[i + 1 :]:
            if a and b and len(a & b) / len(a | b) >= threshold:
                pairs.append((first, second) if first < second else (second, first))
    return sorted(pairs)


def candidate_pairs(articles: list[Article], signatures: Sequence[RMinHash] | None = None) -> list[tuple[str, str]]:
    """The near-duplicate pairs: by exact comparison in a small corpus, through LSH from a size on."""
    if not needs_signatures(articles):
        return brute_force_pairs(articles)
    return similar_pairs(articles, signatures=signatures)


def needs_signatures(articles: Sequence[Article]) -> bool:
    """Whether `candidate_pairs` goes through MinHash signatures at this corpus size."""
    return len(articles) >= settings.LSH_MIN_ARTICLES


def groups_from_pairs(pairs: list[tuple[str, str]]) -> list[set[str]]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[str, set[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), set()).add(x)
    return sorted(groups.values(), key=lambda g: sorted(g))


def detect_reprints(
    articles: tuple[Article, ...],
    confirmed: frozenset[tuple[str, str]] = frozenset(),
    denied: frozenset[tuple[str, str]] = frozenset(),
    found_pairs: Sequence[tuple[str, str]] | None = None,
) -> tuple[tuple[ReprintGroup, ...], tuple[tuple[str, str], ...]]:
    """The groups, from the near-duplicate pairs (`found_pairs`, else found here) less those an
    annotation denies plus those it confirms; and the pairs no annotation confirms, to suggest
    confirming them."""
    by_id = {a.id: a for a in articles}
    if found_pairs is None:
        found_pairs = candidate_pairs(list(articles))
    detected = [p for p in found_pairs if p not in denied]
    unconfirmed = tuple(p for p in detected if p not in confirmed)
    found = []
    for members in groups_from_pairs(sorted(set(detected) | set(confirmed))):
        ordered, original, basis = order_copies([by_id[m] for m in members])
        found.append(ReprintGroup(f"reprints-{ordered[0]}", tuple(ordered), original, basis))
    return tuple(found), unconfirmed


def order_copies(copies: list[Article]) -> tuple[list[str], str, str]:
    """Oldest first by each copy's own date; the original only where a text names its outlet."""

    def date(a: Article) -> str:
        return a.metadata.published or a.metadata.item_date[:10] or a.metadata.captured or "9999"

    ordered = sorted(copies, key=lambda a: (date(a), a.id))
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
