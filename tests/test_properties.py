"""Properties of the cleaner and the anchoring, on text hypothesis makes up."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.annotations.anchor import anchor
from reader.errors import SeedError
from reader.ingest.clean import clean
from reader.ingest.load import read_seed
from reader.ingest.split import split
from reader.model import Article, Metadata, Paragraph, Place
from reader.text import normalize_space

WORD = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S"), exclude_characters="\x00"), min_size=1, max_size=12
)
LINE = st.lists(WORD, min_size=1, max_size=25).map(" ".join)
TEXT = st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=30).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cleaned(text: str):
    try:
        seed = read_seed("made-up.txt", text.encode("utf-8"))
    except SeedError:
        return None, []
    return seed, [clean(story) for story in split(seed)]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@SETTINGS
@given(st.text(max_size=2000))
def test_the_cleaner_never_crashes_on_any_unicode(text):
    cleaned(text)


def in_order(kept: str, source: str) -> bool:
    """Whether every character of `kept` occurs in `source`, in the same order (other text may lie
    between: markup the cleaner removed, as Markdown's backticks around "`a`b", which keeps "ab")."""
    position = 0
    for character in kept:
        position = source.find(character, position)
        if position < 0:
            return False
        position += 1
    return True


@SETTINGS
@given(TEXT)
def test_the_cleaner_never_invents_text(text):
    seed, articles = cleaned(text)
    for article in articles:
        for paragraph in article.paragraphs:
            assert 1 <= paragraph.first_line <= paragraph.last_line <= len(seed.lines)
            covered = squeezed("".join(seed.lines[paragraph.first_line - 1 : paragraph.last_line]))
            assert in_order(squeezed(paragraph.text), covered)


def test_markup_removed_from_inside_a_word_is_not_taken_for_invented_text():
    """A case hypothesis found: a Markdown heading with a code span run into the next word."""
    seed, articles = cleaned("# ` 0`0")
    assert [p.text for a in articles for p in a.paragraphs] == ["00"]
    assert in_order("00", squeezed(seed.text)) and not in_order("000", squeezed(seed.text))


@SETTINGS
@given(TEXT)
def test_kept_and_removed_text_account_for_the_whole_seed(text):
    seed, articles = cleaned(text)
    assume(seed is not None and seed.format in ("plain", "webpage"))
    covered = {}
    for article in articles:
        for item in [*article.paragraphs, *article.removals]:
            for line in range(item.first_line, item.last_line + 1):
                covered.setdefault(line, "")
                covered[line] += item.text
    for number, line in enumerate(seed.lines, 1):
        if normalize_space(line):
            assert squeezed(line) in squeezed(covered.get(number, "")), (number, line)


PARAGRAPHS = st.lists(LINE, min_size=1, max_size=6)


@SETTINGS
@given(PARAGRAPHS, st.data())
def test_a_unique_quote_always_anchors_where_it_is(texts, data):
    article = Article(
        "a", "a.txt", "plain", Metadata(),
        tuple(Paragraph(f"p{i}", "paragraph", normalize_space(t), i, i) for i, t in enumerate(texts, 1)),
        (),
    )  # fmt: skip
    paragraph = data.draw(st.sampled_from(article.paragraphs))
    assume(paragraph.text)
    start = data.draw(st.integers(0, len(paragraph.text) - 1))
    end = data.draw(st.integers(start + 1, len(paragraph.text)))
    quote = paragraph.text[start:end]
    assume(quote == quote.strip() and quote)
    occurrences = sum(len(re.findall(f"(?={re.escape(quote)})", p.text)) for p in article.paragraphs)
    found = anchor(article, quote)
    if occurrences == 1:
        assert found == Place(paragraph.id, start, end)
    else:
        assert not isinstance(found, Place)
