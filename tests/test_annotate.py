"""Annotate: notes placed on the real corpus, links both ways, terms marked, errors located."""

import pytest

from reader.annotations.annotate import annotate
from reader.annotations.read import read_annotations
from reader.annotations.schema import CorrectionNote, LinkNote
from reader.errors import Problems

from .conftest import ANNOTATIONS

AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"
MIL = "military-relationship-between-china-russia"


@pytest.fixture(scope="module")
def annotated(corpus):
    return {a.article.id: a for a in corpus.annotated}


def test_every_article_has_an_introduction_and_notes(annotated):
    for item in annotated.values():
        assert item.about and item.about.note, item.article.id
        assert item.notes, item.article.id


def test_every_note_in_annotations_anchors(corpus):
    files = read_annotations(ANNOTATIONS).files
    written = sum(len(model.notes) for _, model in files.values())
    assert sum(1 for a in corpus.annotated for n in a.notes if not n.origin) == written


def test_a_correction_keeps_the_original_text(annotated):
    item = annotated[MIL]
    correction = next(n for n in item.notes if n.note.id == "mil-ends-with")
    assert isinstance(correction.note, CorrectionNote)
    paragraph = next(p for p in item.article.paragraphs if p.id == correction.place.paragraph)
    assert (
        paragraph.text[correction.place.start : correction.place.end]
        == "The partnership ends with a formal military alliance"
    )


def test_links_between_the_two_copies_go_both_ways(annotated):
    link = next(n for n in annotated[AT].notes if n.note.id == "at-on-april-12")
    assert isinstance(link.note, LinkNote)
    target = next(p for p in annotated[GR].article.paragraphs if p.id == link.target.paragraph)
    assert target.text.startswith("Last Wednesday")
    back = [b for b in annotated[GR].backlinks if b.note.id == "at-on-april-12"]
    assert back and back[0].source == AT


def test_notes_are_numbered_in_reading_order(annotated):
    for item in annotated.values():
        order = {p.id: i for i, p in enumerate(item.article.paragraphs)}
        keys = [(order[n.place.paragraph], n.place.start) for n in item.notes]
        assert keys == sorted(keys)
        assert [n.number for n in item.notes] == list(range(1, len(item.notes) + 1))


def test_glossary_terms_are_marked_at_first_use(annotated):
    terms = {u.term.term: u for u in annotated[MIL].terms}
    assert "S-400" in terms and "GLONASS" in terms and "BeiDou" in terms
    alaska = {u.term.term for u in annotated["russian-chinese-bombers-patrol-near-alaska-joint-artifex-news"].terms}
    assert {"Tu-95MS", "Xian H-6", "NORAD"} <= alaska


def write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def problems(corpus, folder):
    with pytest.raises(Problems) as caught:
        annotate(corpus.articles, read_annotations(folder))
    return str(caught.value)


def note_file(article, quote, extra=""):
    return f"article: {article}\nnotes:\n  - id: n1\n    kind: context\n    quote: {quote}\n    text: A note.\n{extra}"


def test_an_orphan_quote_names_the_closest_passage(corpus, tmp_path):
    write(tmp_path, f"{GR}.yml", note_file(GR, "on Orthodox Easter Sunday"))
    message = problems(corpus, tmp_path)
    assert (
        f"annotations/{GR}.yml:5:12: notes[0].quote: the quote “on Orthodox Easter Sunday” is not in the text"
        in message
    )
    assert "The closest passage is in ¶p6" in message
    assert "Notes are never moved to a merely similar passage." in message


def test_an_ambiguous_quote_lists_every_place_and_asks_for_a_prefix(corpus, tmp_path):
    write(tmp_path, f"{GR}.yml", note_file(GR, "Russia-China"))
    message = problems(corpus, tmp_path)
    assert "the quote “Russia-China” occurs 4 times" in message
    assert "¶p6: “…" in message and "¶p23" in message and "¶p24" in message
    assert "adding a prefix:" in message


def test_a_note_on_an_article_that_does_not_exist(corpus, tmp_path):
    write(tmp_path, "no-such-article.yml", note_file("no-such-article", "x"))
    assert "annotations/no-such-article.yml:1:10: article: there is no article 'no-such-article'" in problems(
        corpus, tmp_path
    )


def test_a_link_to_a_missing_passage(corpus, tmp_path):
    link = (
        f"article: {AT}\nnotes:\n  - id: l1\n    kind: link\n    quote: On April 12\n"
        f"    relation: same-passage\n    target: {{article: {GR}, quote: On Wednesday}}\n"
    )
    write(tmp_path, f"{AT}.yml", link)
    message = problems(corpus, tmp_path)
    assert "notes[0].target.quote: the quote “On Wednesday” is not in the text of " + GR in message


def test_a_link_to_an_unknown_article_suggests_the_closest_id(corpus, tmp_path):
    link = (
        f"article: {AT}\nnotes:\n  - id: l1\n    kind: link\n    quote: On April 12\n"
        f"    relation: same-passage\n    target: {{article: china-russia-circle-wagons-global-research, quote: x}}\n"
    )
    write(tmp_path, f"{AT}.yml", link)
    assert f"Did you mean '{GR}'?" in problems(corpus, tmp_path)


def test_crossing_quotes_are_an_error(corpus, tmp_path):
    text = note_file(MIL, "The partnership ends with") + (
        "  - id: n2\n    kind: context\n    quote: ends with a formal military alliance\n    text: Another.\n"
    )
    write(tmp_path, f"{MIL}.yml", text)
    assert "overlaps the quote of note 'n1'" in problems(corpus, tmp_path)
