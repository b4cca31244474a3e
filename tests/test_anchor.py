"""Anchoring: a quote names exactly one place, or the build fails saying why."""

from reader.annotations.anchor import Ambiguous, Orphan, anchor, find
from reader.model import Article, Metadata, Paragraph, Place

ARTICLE = Article(
    id="a",
    seed="a.txt",
    format="plain",
    metadata=Metadata(),
    paragraphs=(
        Paragraph("p1", "paragraph", "Defence Minister General Li Shangfu visited Moscow.", 1, 1),
        Paragraph("p2", "paragraph", "General Li Shangfu met Putin on Easter Sunday.", 3, 3),
    ),
    removals=(),
)


def test_a_unique_quote_anchors_where_it_is():
    assert anchor(ARTICLE, "on Easter Sunday") == Place("p2", 29, 45)


def test_whitespace_in_the_quote_is_normalised():
    assert anchor(ARTICLE, "on  Easter\nSunday") == Place("p2", 29, 45)


def test_a_quote_found_twice_is_ambiguous_and_lists_both():
    found = anchor(ARTICLE, "General Li Shangfu")
    assert isinstance(found, Ambiguous)
    assert [p.paragraph for p in found.places] == ["p1", "p2"]


def test_a_prefix_or_suffix_chooses_one():
    assert anchor(ARTICLE, "General Li Shangfu", prefix="Defence Minister") == Place("p1", 17, 35)
    assert anchor(ARTICLE, "General Li Shangfu", suffix="met Putin") == Place("p2", 0, 18)


def test_a_missing_quote_is_an_orphan_with_the_closest_passage_but_never_anchored():
    found = anchor(ARTICLE, "met Putin on Orthodox Easter")
    assert isinstance(found, Orphan)
    assert found.paragraph == "p2"
    assert "Putin on Easter" in found.closest
    assert find(ARTICLE, "met Putin on Orthodox Easter") == []


def test_matching_is_exact_about_case_and_punctuation():
    assert isinstance(anchor(ARTICLE, "general li shangfu met"), Orphan)
    assert isinstance(anchor(ARTICLE, "Moscow!"), Orphan)
