"""Pair up the paragraphs of two copies and say what changed.

Paragraphs are aligned by dynamic programming over the two sequences, allowing
one-to-one pairs, one paragraph against up to `settings.ALIGN_MAX_MERGE` merged
paragraphs of the other copy, and paragraphs found in only one copy. Each
aligned pair is classified (identical, spelling only, edited, only in one copy)
and gets a word-level diff (difflib). Paragraphs are compared by the share of
their words that line up in order (rapidfuzz's Indel similarity).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from reader import settings
from reader.dates import MONTHS
from reader.model import AlignedPair, Alignment, Article, Change, ChangeKind, PairStatus, Paragraph, Segment

_TOKEN = re.compile(r"\w+|[^\w\s]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "…": "..."})
# British and American spellings of one word compare equal under these rewrites.
_SPELLING = [
    (re.compile(r"(\w{2,})is(e|ed|es|ing|ation|ations)$"), r"\1iz\2"),
    (re.compile(r"(\w{2,})ys(e|ed|es|ing)$"), r"\1yz\2"),
    (re.compile(r"(\w{3,})our(s|ed|ing|ite|ites)?$"), r"\1or\2"),
    (re.compile(r"(\w{2,})ence$"), r"\1ense"),
    (re.compile(r"(\w{3,})tre(s)?$"), r"\1ter\2"),
    (re.compile(r"(\w{2,}[aeiou])ll(ed|ing|er)$"), r"\1l\2"),
    (re.compile(r"(\w{2,})ogue$"), r"\1og"),
]


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The text's words, lower-cased, typography folded (the alignment asks for each text many times)."""
    return tuple(_TOKEN.findall(text.translate(_TYPOGRAPHY).lower()))


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def similarity(left: str, right: str) -> float:
    """The share of the two texts' words that line up in order: twice their longest common
    subsequence of words over all their words (rapidfuzz's Indel similarity, in C++)."""
    return Indel.normalized_similarity(words(left), words(right))


def align(left: Article, right: Article) -> Alignment:
    a = [p for p in left.paragraphs if p.kind != "title"]
    b = [p for p in right.paragraphs if p.kind != "title"]
    steps = _best_steps(tuple(p.text for p in a), tuple(p.text for p in b))
    pairs, i, j = [], 0, 0
    for di, dj in steps:
        pairs.append(_pair(a[i : i + di], b[j : j + dj]))
        i, j = i + di, j + dj
    return Alignment(left.id, right.id, tuple(pairs))


def _best_steps(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int, int]]:
    """The moves (paragraphs taken from each side) that cover the most matching words."""
    n, m = len(a), len(b)
    gaps = [(1, 0), (0, 1)]
    matches = [(k, 1) for k in range(1, settings.ALIGN_MAX_MERGE + 1)]
    matches += [(1, k) for k in range(2, settings.ALIGN_MAX_MERGE + 1)]
    every = gaps + matches  # in this order: the first of two equally good moves is kept
    # Each run of up to ALIGN_MAX_MERGE paragraphs as one word sequence, made once: joined paragraphs'
    # words are their words one after the other (no word spans the space that joins them).
    runs_a = _runs([words(t) for t in a])
    runs_b = _runs([words(t) for t in b])
    near = _sharing([words(t) for t in a], [words(t) for t in b])
    # The cells from which a run of each side could match: a paragraph pair within reach shares a triple.
    reach = settings.ALIGN_MAX_MERGE
    matchable = {(i - x, j - y) for i, js in enumerate(near) for j in js for x in range(reach) for y in range(reach)}
    best = [[-1.0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] < 0:
                continue
            for di, dj in every if (i, j) in matchable else gaps:
                if i + di > n or j + dj > m:
                    continue
                gain = 0.0
                if di and dj:
                    if not any(j + y in near[i + x] for x in range(di) for y in range(dj)):
                        continue  # no paragraph of one run shares a word triple with one of the other
                    left, right = runs_a[i, di], runs_b[j, dj]
                    # `similarity` of the runs; with the cutoff, a pair below it is found out early
                    # (most pairs of paragraphs are not alike at all).
                    sim = Indel.normalized_similarity(left, right, score_cutoff=settings.ALIGN_MIN_SIMILARITY)
                    if sim < settings.ALIGN_MIN_SIMILARITY:
                        continue
                    gain = sim * (len(left) + len(right)) - settings.ALIGN_MERGE_COST * (di + dj - 2)
                if best[i][j] + gain > best[i + di][j + dj]:
                    best[i + di][j + dj] = best[i][j] + gain
                    back[i + di][j + dj] = (di, dj)
    steps, i, j = list[tuple[int, int]](), n, m
    while i or j:
        step = back[i][j]
        assert step is not None  # every cell on the best path was reached by a step
        di, dj = step
        steps.append((di, dj))
        i, j = i - di, j - dj
    return steps[::-1]


def _sharing(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> list[set[int]]:
    """For each paragraph of `a`, the paragraphs of `b` it shares a word triple with (a word, for a
    paragraph of one or two words): the only pairs whose similarity can reach the alignment's minimum
    in practice, found through an index instead of by comparing every pair (long copies have hundreds)."""

    def grams(found: tuple[str, ...]) -> set[tuple[str, ...]]:
        return {found[k : k + 3] for k in range(len(found) - 2)} if len(found) >= 3 else {(w,) for w in found}

    index: dict[tuple[str, ...], list[int]] = {}
    for j, found in enumerate(b):
        for gram in grams(found):
            index.setdefault(gram, []).append(j)
    return [{j for gram in grams(found) for j in index.get(gram, ())} for found in a]


def _runs(paragraph_words: list[tuple[str, ...]]) -> dict[tuple[int, int], tuple[str, ...]]:
    """{(first paragraph, how many): their words}, for runs of up to `settings.ALIGN_MAX_MERGE`."""
    runs: dict[tuple[int, int], tuple[str, ...]] = {}
    for i in range(len(paragraph_words)):
        for k in range(1, min(settings.ALIGN_MAX_MERGE, len(paragraph_words) - i) + 1):
            runs[i, k] = runs[i, k - 1] + paragraph_words[i + k - 1] if k > 1 else paragraph_words[i]
    return runs


def _pair(left: list[Paragraph], right: list[Paragraph]) -> AlignedPair:
    ids_left, ids_right = tuple(p.id for p in left), tuple(p.id for p in right)
    if not right:
        return AlignedPair(ids_left, (), "only-left", 0.0, (Segment("delete", " ".join(p.text for p in left)),))
    if not left:
        return AlignedPair((), ids_right, "only-right", 0.0, (Segment("insert", " ".join(p.text for p in right)),))
    text_left, text_right = " ".join(p.text for p in left), " ".join(p.text for p in right)
    return AlignedPair(
        ids_left,
        ids_right,
        classify(text_left, text_right),
        similarity(text_left, text_right),
        word_diff(text_left, text_right),
    )


def classify(left: str, right: str) -> PairStatus:
    """From no difference to real edits: identical; only typography (quote marks, apostrophes,
    dashes, spaces, punctuation, case); only spelling (British and American); edited."""
    if left == right:
        return "identical"
    a, b = words(left), words(right)
    if [w for w in a if w.isalnum()] == [w for w in b if w.isalnum()]:
        return "typography"
    if [spelling_key(w) for w in a if w.isalnum()] == [spelling_key(w) for w in b if w.isalnum()]:
        return "spelling"
    return "edited"


# Words that date an event: a change in them changes when the text says something happened.
_TIME_WORDS = {
    *(m.lower() for m in MONTHS),
    *"monday tuesday wednesday thursday friday saturday sunday".split(),
    *"yesterday today tomorrow last next ago week month year easter christmas".split(),
}
# Words whose change alone is copy-editing, not a change of what the text says.
_FUNCTION_WORDS = set(
    "a an the and or but of to in on at by for with from as that which who whom whose this these those "
    "it its their his her they he she we our is are was were be been has have had do does did will would "
    "can could may might shall should not also over more than less".split()
)
# Numbers written out, as the same number in figures.
_NUMBER_WORDS = {
    w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}


def changes(pair: AlignedPair) -> list[Change]:
    """The edits between the two copies of an edited passage that change what it says (a date, a
    name, a number, or content words), leaving out typography, spelling and function-word edits."""
    found = []
    segments = list(pair.diff)
    i = 0
    while i < len(segments):
        segment = segments[i]
        if segment.op == "equal":
            i += 1
            continue
        before = segment.text if segment.op == "delete" else ""
        after = segment.text if segment.op == "insert" else ""
        if segment.op == "delete" and i + 1 < len(segments) and segments[i + 1].op == "insert":
            after, i = segments[i + 1].text, i + 1
        i += 1
        kind = _change_kind(before.strip(), after.strip())
        if kind:
            found.append(Change(before.strip(), after.strip(), kind))
    return found


def _content(tokens: tuple[str, ...]) -> list[str]:
    """The words that carry content, numbers in figures (12,000 as 12000)."""
    found: list[str] = []
    for token in tokens:
        word = _NUMBER_WORDS.get(token, token)
        if found and word.isdigit() and found[-1].isdigit() and len(word) == 3:
            found[-1] += word
        elif word.isalnum() and word not in _FUNCTION_WORDS:
            found.append(word)
    return found


def _variant(a: str, b: str) -> bool:
    """One word written two ways: an abbreviation ("gen", "general"), a plural, a transliteration."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) or fuzz.ratio(a, b) >= 80


def _change_kind(before: str, after: str) -> ChangeKind | None:
    old, new = words(before), words(after)
    if [w for w in old if w.isalnum()] == [w for w in new if w.isalnum()]:
        return None  # typography
    if [spelling_key(w) for w in old if w.isalnum()] == [spelling_key(w) for w in new if w.isalnum()]:
        return None  # spelling
    gone, added = _content(old), _content(new)
    if len(gone) == len(added) and all(_variant(a, b) for a, b in zip(gone, added, strict=True)):
        return None  # the same words abbreviated, in the plural, in figures, or transliterated another way
    extra = set(gone) ^ set(added)
    if (set(gone) <= set(added) or set(added) <= set(gone)) and all(len(w) <= 2 for w in extra):
        return None  # a unit or currency prefix added or dropped ("$51", "US$51")
    changed = {w for w in old if w.isalnum()} ^ {w for w in new if w.isalnum()}
    if changed & _TIME_WORDS:
        return "date"
    names = {w.lower() for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w]*", f" {before} | {after}")}
    if (changed & names) - _FUNCTION_WORDS:
        return "name"
    numbers = [re.sub(r"\D", "", t) for t in (before, after)]
    if any(numbers) and numbers[0] != numbers[1] and all(numbers):
        return "number"
    if max(len(set(gone) - set(added)), len(set(added) - set(gone))) >= 2:
        return "wording"
    return None


def word_diff(left: str, right: str) -> tuple[Segment, ...]:
    """Word-level differences, keeping each side's own spacing and punctuation."""
    a, b = re.findall(r"\S+\s*", left), re.findall(r"\S+\s*", right)
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in a], [w.strip() for w in b], autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return tuple(segments)
