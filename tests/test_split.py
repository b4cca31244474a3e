"""Split: each seed laid out as blocks with true line numbers; feeds split into items."""

import pytest

from reader.errors import SeedError
from reader.ingest.load import read_seed
from reader.ingest.split import split

from .conftest import FIXTURES, SEEDS


def stories_of(name, folder=SEEDS):
    return split(read_seed(name, (folder / name).read_bytes()))


def test_the_feed_seed_holds_three_stories_with_their_headers():
    stories = stories_of("004_59bd7e55a98dfd6a.txt")
    assert [s.metadata.title for s in stories] == [
        "Russian And Chinese Bombers Patrol Near Alaska In Joint Military Exercise",
        "China, Belarus Hold Army Drills Near NATO Border Amid Rising Tensions",
        "China and Russia reaffirm their close ties as Moscow presses its offensive in Ukraine",
    ]
    assert [s.metadata.item_date for s in stories] == [
        "2024-07-25T09:29:01+00:00",
        "2024-07-11T04:47:08+00:00",
        "2024-05-16T23:38:07+00:00",
    ]
    assert stories[2].metadata.url == "https://artifexnews.net/article68184348-ece/"
    assert {s.metadata.outlet for s in stories} == {"Artifex.News"}
    first_rules = [r.rule for r in stories[0].removals]
    assert first_rules[:2] == ["feed-channel-header", "feed-item-header"]
    assert "feed-channel-header" not in [r.rule for r in stories[1].removals]


def test_another_wordpress_feed_splits_the_same_way():
    stories = stories_of("feed-two-items.txt", FIXTURES)
    assert [s.metadata.title for s in stories] == [
        "Ferry fares rise for the summer season",
        "Harbour wall repairs to start in May",
    ]
    assert stories[0].metadata.feed == "harbour news – Coastline Daily"
    assert stories[0].metadata.outlet == "Coastline Daily"


def test_a_feed_item_with_no_body_is_an_error_naming_its_line():
    text = (FIXTURES / "feed-two-items.txt").read_text()
    cut = text[: text.index("Repairs to the storm")].rstrip() + "\n"
    with pytest.raises(SeedError) as caught:
        split(read_seed("cut.txt", cut.encode()))
    assert caught.value.line == 18  # the item's header line
    assert "Harbour wall repairs to start in May" in str(caught.value)
    assert "has no body" in str(caught.value)


def test_markdown_blocks_keep_seed_line_numbers_and_lose_link_markup():
    blocks = stories_of("001_8f1cf0a67f0836c4.txt")[0].blocks
    byline = next(b for b in blocks if b.text.startswith("By "))
    assert (byline.text, byline.first_line, byline.last_line) == ("By M. K. Bhadrakumar", 5, 5)
    separator = next(b for b in blocks if b.first_line == 23)
    assert separator.text == "***"  # the escapes \*\*\* are undone by the parser
    # A hard line break ("  " at the end of a line) separates two blocks.
    source = next(b for b in blocks if b.text.startswith("The original source"))
    assert (source.first_line, source.last_line) == (91, 91)


def test_html_blocks_are_marked_as_the_article_or_the_page_around_it_by_trafilatura():
    (story,) = stories_of("page.html", FIXTURES)
    kinds = {b.text: b.kind for b in story.blocks}
    assert story.main_text_decided
    assert kinds["Home News Sport"] == "boilerplate"  # the <nav>
    assert kinds["Council approves new ferry timetable"] == "boilerplate"  # the <aside>
    assert kinds["Port strike enters second week"] == "heading"  # the title, kept though trafilatura leaves it out
    assert kinds["Talks are due to resume on Thursday."] == "paragraph"
    assert next(b for b in story.blocks if "window.tracking" in b.text).kind == "chrome"
    assert story.metadata.outlet == "The Harbour Gazette"
    assert story.metadata.published == "2024-03-05"


BODY = "<p>" + "The council met on Tuesday to discuss the harbour plan and what it costs the town. " * 4 + "</p>"


@pytest.mark.parametrize(
    "head, h1, outlet",
    [
        ("<title>Port strike enters second week | Steppe Courier</title>", "Port strike enters second week", "Steppe Courier"),
        ("<title>Steppe Courier – Port strike enters second week</title>", "Port strike enters second week", "Steppe Courier"),
        ('<title>Port strike</title><meta property="og:site_name" content="Steppe Courier">', "Port strike", "Steppe Courier"),
        ('<title>Port strike</title><meta name="application-name" content="Steppe Courier">', "Port strike", "Steppe Courier"),
        ('<title>Port strike</title><script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port '
         'strike", "publisher": {"@type": "Organization", "name": "Steppe Courier"}}</script>', "Port strike", "Steppe Courier"),
        # A title whose parts are not "headline | site": no outlet is guessed.
        ("<title>Port strike | Day two</title>", "Dockers walk out again", ""),
    ],
    ids=["title suffix", "title prefix", "og:site_name", "application-name", "JSON-LD publisher", "no site name"],
)  # fmt: skip
def test_an_html_pages_outlet_is_the_site_name_it_states(head, h1, outlet):
    from reader.ingest.formats.html import parse

    _, metadata, _ = parse(f"<html><head>{head}</head><body><h1>{h1}</h1>{BODY}</body></html>")
    assert metadata.outlet == outlet
    if outlet:
        assert outlet not in metadata.title


def test_html_inline_markup_neither_splits_a_paragraph_nor_adds_spaces():
    from reader.ingest.formats.html import parse

    blocks, _, _ = parse(
        "<html><body><div>He said <a href='#'>this</a>, and <em>that</em>.<br>Next line.</div>"
        "<p>Li<em>’s</em> visit</p></body></html>"
    )
    assert [b.text for b in blocks] == ["He said this, and that. Next line.", "Li’s visit"]


@pytest.mark.parametrize(
    "page",
    [
        (FIXTURES / "page.html").read_text(encoding="utf-8"),
        (FIXTURES / "page-header-byline.html").read_text(encoding="utf-8"),
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><form><input name="q"><p>Text</p></form></body></html>',
        "<!DOCTYPE html><html/>\n<body><p>A self-closing html tag</p></body>",
        "just some words, no markup",
        "<p>one fragment</p>",
        "",
    ],
    ids=["page", "byline page", "encoding declared", "self-closing html", "not html", "fragment", "empty"],
)
def test_html_pages_are_parsed_as_trafilatura_parses_them(page):
    """The reader parses with its own lxml parser (element classes chosen in C, for speed): the
    same tree as trafilatura's `load_html`, and the same refusals."""
    from lxml import etree
    from trafilatura.utils import load_html

    from reader.ingest.formats.html import _load_html

    ours, theirs = _load_html(page), load_html(page)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)


def test_a_second_copy_of_the_article_run_together_in_one_element_is_a_repeat_but_a_pull_quote_stays():
    from reader.ingest.formats.html import parse

    paragraphs = [
        "The council met on Tuesday to discuss the harbour plan and what it would cost the town.",
        "Members said the dredging alone would take two years and most of the reserve fund.",
        "A vote on the plan is due next month, after a public meeting in the town hall.",
        "Fishermen asked that the work stop during the spawning season, from March to May.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        f"{body}<blockquote>{paragraphs[1]}</blockquote></article>"
        f"<div class='print-copy'>{' '.join(paragraphs)}</div></body></html>"
    )
    blocks, _, decided = parse(page)
    assert decided
    kinds = [(b.kind, b.text[:30]) for b in blocks if b.kind != "chrome"]
    assert ("repeat", paragraphs[0][:30]) in kinds  # the print copy: all four paragraphs again
    assert ("quote", paragraphs[1][:30]) in kinds  # the pull quote repeats one paragraph: kept


def test_a_paragraph_with_pull_quotes_taken_from_it_is_one_paragraph_when_a_block_repeats_it():
    """Quotes that overlap a kept paragraph count once with it: a later block holding that
    paragraph and as much new text again is not a second copy of the article."""
    from reader.ingest.formats.html import _KeptSoFar

    paragraph = "The minister said the new port would open in spring and that the cost had doubled since then."
    new = "Critics answered that nobody had asked the fishermen who work there, and that the harbour would silt up."
    kept = _KeptSoFar()
    for text in (paragraph, paragraph[:52], paragraph[:80]):
        assert not kept.repeats(text)
    assert not kept.repeats(f"{paragraph} {new}")
