"""A note that states what its article does not say cites a source, or `check` says so."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from build_site import main
from reader.annotations.read import read_annotations
from reader.annotations.sourcing import facts, unsourced_notes
from reader.corpus import read_corpus

from .conftest import FIXTURES

ARTICLE = "farmers-block-roads-near-brussels-reuters"
QUOTE = "Hundreds of tractors blocked the main roads into Brussels"
SOURCE = "    sources:\n      - title: Farm protests in Belgium\n        outlet: An example outlet\n        date: 2024-02-01\n"


def note(text: str, sources: str = "") -> str:
    return f"article: {ARTICLE}\nnotes:\n  - id: n1\n    kind: context\n    quote: {QUOTE}\n    text: {text}\n{sources}"


@pytest.fixture
def project(seed_folder, tmp_path):
    """A corpus of one page scraped as text, and the folder its one annotation file is written to."""
    seeds = seed_folder({"page.txt": (FIXTURES / "webpage-another.txt").read_bytes()})
    notes = tmp_path / "annotations"
    notes.mkdir()

    def write(yaml_text: str):
        (notes / f"{ARTICLE}.yml").write_text(yaml_text, encoding="utf-8")
        return seeds, notes

    return write


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In May 2024 Sergei Shoigu's post went to Belousov.", ["May", "2024", "Sergei", "Shoigu", "Belousov"]),
        ("The copy starts mid-story.", []),  # a sentence's first word is not a name
        ("Two errors: the sentence lacks a verb.", []),
        ("About [Valdai](https://example.org) in **October**, 3 times.", ["Valdai", "October", "3"]),
        ("It cost 1,200 dollars.", ["1,200"]),
    ],
)
def test_what_counts_as_a_claim_of_fact(text, expected):
    assert list(facts(text)) == expected


def test_a_note_naming_what_the_article_does_not_say_without_a_source_is_flagged(project):
    seeds, notes = project(note("The protests followed the European Parliament vote of 7 February."))
    corpus = read_corpus(seeds, notes)
    (warning,) = [w for w in corpus.warnings if "cites no source" in w.message]
    assert warning.file.endswith(f"{ARTICLE}.yml") and warning.line == 6
    assert "European" in warning.message and "February" in warning.message
    assert "adding sources:" in warning.fix


def test_a_sourced_note_and_a_note_on_the_articles_own_words_pass(project):
    seeds, notes = project(note("The protests followed the European Parliament vote of 7 February.", SOURCE))
    assert unsourced_notes(read_corpus(seeds, notes).articles, read_annotations(notes)) == []
    seeds, notes = project(note("The police, the text says, expected the Brussels roads cleared by the evening."))
    assert unsourced_notes(read_corpus(seeds, notes).articles, read_annotations(notes)) == []


def test_check_warns_and_strict_refuses(project):
    seeds, notes = project(note("A vote in the European Parliament on 7 February."))
    for strict, status in (("--no-strict", 0), ("--strict", 1)):
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = main(["check", "--seeds", str(seeds), "--annotations", str(notes), strict])
        assert code == status, err.getvalue()
        assert "cites no source" in err.getvalue()


def test_every_note_in_this_repository_is_sourced_or_rests_on_its_text(corpus):
    assert [w for w in corpus.warnings if "cites no source" in w.message] == []


def test_sources_travel_to_the_export_and_the_web_annotations(project):
    from reader.site.browse_pages import web_annotations
    from reader.site.export import corpus_json

    seeds, notes = project(note("The protests followed the European Parliament vote of 7 February.", SOURCE))
    corpus = read_corpus(seeds, notes)
    (record,) = json.loads(corpus_json(corpus.annotated, corpus.reprints, corpus.alignments))
    assert record["notes"][0]["sources"] == [
        {"title": "Farm protests in Belgium", "outlet": "An example outlet", "date": "2024-02-01"}
    ]
    (annotation,) = json.loads(web_annotations(corpus.annotated))["first"]["items"]
    assert annotation["body"][0]["dcterms:source"] == [
        {
            "dcterms:title": "Farm protests in Belgium",
            "dcterms:publisher": "An example outlet",
            "dcterms:date": "2024-02-01",
        }
    ]
