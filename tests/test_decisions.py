"""Editorial decisions: a `cleaning:` block in an annotation file fixes the cleaner's work, each change recorded."""

from __future__ import annotations

import json

import pytest

from build_site import main
from reader.corpus import read_corpus
from reader.errors import Problems
from reader.site.export import corpus_json

from .conftest import FIXTURES

ARTICLE = "farmers-block-roads-near-brussels-reuters"
HEAD = f"article: {ARTICLE}\ncleaning:\n"


@pytest.fixture
def project(seed_folder, tmp_path):
    """A corpus of one page scraped as text, and a function that reads it with one annotation file."""
    seeds = seed_folder({"page.txt": (FIXTURES / "webpage-another.txt").read_bytes()})

    def read(yaml_text: str):
        notes = tmp_path / "annotations"
        notes.mkdir(exist_ok=True)
        (notes / f"{ARTICLE}.yml").write_text(HEAD + yaml_text, encoding="utf-8")
        return read_corpus(seeds, notes)

    return read


def test_keep_puts_a_removed_block_back_in_its_place(project):
    corpus = project(
        "  keep:\n    - quote: Tajikistan officially banned the hijab\n      reason: A teaser the page shows as the story's lead.\n"
    )
    (article,) = corpus.articles
    texts = [p.text for p in article.paragraphs]
    assert texts[1].startswith("Tajikistan officially banned the hijab")  # line 16, before the body at 18
    assert [p.id for p in article.paragraphs] == ["title", "p1", "p2", "p3"]  # body paragraphs counted from 1
    assert not any(r.text.startswith("Tajikistan officially") for r in article.removals)
    (decision,) = article.decisions
    assert (decision.action, decision.rule, decision.first_line) == ("keep", "teaser-list", 16)
    assert decision.reason == "A teaser the page shows as the story's lead."
    assert decision.source == f"annotations/{ARTICLE}.yml"


def test_remove_takes_a_kept_paragraph_out_and_records_it(project):
    corpus = project(
        "  remove:\n    - quote: Police said the blockades\n      reason: The agency's update, not part of this copy.\n"
    )
    (article,) = corpus.articles
    assert [p.kind for p in article.paragraphs] == ["title", "paragraph"]
    removed = next(r for r in article.removals if r.rule == "editorial")
    assert removed.text.startswith("Police said the blockades") and removed.first_line == 20
    assert article.decisions[0].action == "remove"


def test_metadata_is_set_to_words_of_the_seed_and_dates_are_read(project):
    corpus = project(
        "  metadata:\n"
        "    - field: title\n      quote: Farmers Block Roads\n      prefix: HomeEurope\n      reason: The breadcrumb's wording.\n"
        "    - field: published\n      quote: March 4, 2024\n      reason: The page's date is the publication date here.\n"
    )
    (article,) = corpus.articles
    assert article.metadata.title == "Farmers Block Roads"
    assert article.metadata.published == "2024-03-04"
    title, published = article.decisions
    assert (title.field, title.previous, title.first_line) == ("title", "Farmers Block Roads Near Brussels", 3)
    assert (published.field, published.text, published.previous) == ("published", "2024-03-04", "")
    assert article.id == ARTICLE  # ids stay as the cleaner made them: the annotation file is named after it


def test_decisions_travel_in_the_export_and_show_on_the_page(project):
    corpus = project("  remove:\n    - quote: Police said the blockades\n      reason: Not in this copy.\n")
    record = json.loads(corpus_json(corpus.annotated, corpus.reprints, corpus.alignments))[0]
    assert record["decisions"][0]["action"] == "remove" and record["decisions"][0]["reason"] == "Not in this copy."
    from reader.site.render import render_site

    page = render_site(corpus)[f"articles/{ARTICLE}.md"]
    assert "Editorial decisions (1)" in page and "Removed a paragraph the cleaner kept (line 20)" in page
    assert "Not in this copy." in page and 'href="../rules.md#editorial"' in page
    assert "(a contributor's decision: Not in this copy.)" in page  # in the list of what was removed too


@pytest.mark.parametrize(
    "entry, message, line",
    [
        ("  keep:\n    - quote: Tajikistan officialy banned\n      reason: x\n",
         "is not in any removed block of farmers-block-roads-near-brussels-reuters. The closest removed block reads “Tajikistan officially banne”", 4),
        ("  keep:\n    - quote: Hundreds of tractors\n      reason: x\n", "is not in any removed block", 4),
        ("  remove:\n    - quote: Related stories\n      reason: x\n", "is not in any kept paragraph", 4),
        ("  metadata:\n    - field: title\n      quote: Farmers Block Roads Near Brussels\n      reason: x\n", "occurs 2 times in the blocks", 5),
        ("  metadata:\n    - field: published\n      quote: \"Source : Reuters\"\n      reason: x\n", "“Source : Reuters” is not a date", 5),
        ("  keep:\n    - quote: Latest stories\n", "cleaning.keep[0].reason: the key 'reason' is required", 4),
        ("  metadata:\n    - field: weather\n      quote: 9.3 C\n      reason: x\n", "field:", 4),
    ],
)  # fmt: skip
def test_a_bad_cleaning_entry_is_an_error_on_its_line(project, entry, message, line):
    with pytest.raises(Problems) as caught:
        project(entry)
    (error,) = caught.value.errors
    assert message in str(error)
    assert error.line == line and error.file == f"annotations/{ARTICLE}.yml"
    assert "You can fix this by" in str(error)


def test_check_accepts_a_cleaning_block(seed_folder, tmp_path, capsys):
    seeds = seed_folder({"page.txt": (FIXTURES / "webpage-another.txt").read_bytes()})
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / f"{ARTICLE}.yml").write_text(
        HEAD + "  keep:\n    - quote: Latest stories\n      reason: x\n", encoding="utf-8"
    )
    assert main(["check", "--seeds", str(seeds), "--annotations", str(notes)]) == 0
