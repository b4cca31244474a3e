"""The comparison page of a reprint group, as a first-time reader meets it (issue 27): what the page
is and why the copies come in their order, in plain words; a key to its marks in words and shapes;
both copies' paragraph numbers wherever a passage is named; "absent" spelt out; typography left
unmarked in edited passages; one name for each copy all over the page."""

import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from bench.corpus_generator import article
from reader.model import AlignedPair, Metadata, ReprintGroup
from reader.reprints.align import align, word_diff
from reader.reprints.detect import order_copies
from reader.site.compare_page import article_banner, copy_labels, counterparts, render_comparison, shown_diff

AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"
PUNCTUATION_ONLY = re.compile(r"[^\w]*")


@pytest.fixture(scope="module")
def seeds_comparison(corpus):
    """The seeds' one reprint group: its page as Markdown, the page's HTML, its alignment."""
    (group,) = corpus.reprints
    (alignment,) = corpus.alignments
    by_id = {a.id: a for a in corpus.articles}
    stranded = [n for n in corpus.stranded if n.origin in group.articles]
    corrections = {item.article.id: item.corrections for item in corpus.annotated}
    page = render_comparison(group, [alignment], by_id, stranded, corrections)
    return page, BeautifulSoup(page, "html.parser"), alignment


@pytest.fixture(scope="module")
def page(seeds_comparison):
    return seeds_comparison[1]


@pytest.fixture(scope="module")
def rows(page):
    return page.select(".reader-row:not(.reader-head)")


def group_of(*articles):
    ordered, original, basis = order_copies(list(articles))
    return ReprintGroup(f"reprints-{ordered[0]}", tuple(ordered), original, basis)


def with_meta(item, **fields):
    return replace(item, metadata=replace(Metadata(title=item.id), **fields))


# What the page is, in plain words


def test_the_page_says_in_plain_words_why_the_copies_come_in_their_order(page):
    intro = " ".join(p.get_text(" ") for p in page.select(".reader-compare-intro"))
    assert "listed oldest first, by each copy's own date" in intro
    assert "Order:" not in page.get_text() and "corpus" not in page.get_text()  # the old jargon
    # The honest fact the order rests on: the sources the copies name are not among them.
    assert "The copies give Asia Times and Indian Punchline as their source" in intro
    assert "this reader has no copy from either" in intro


@pytest.mark.parametrize(
    ("article_id", "facts"),
    [
        (GR, "The Global Research copy: published 23 April 2023; it gives Indian Punchline as its source."),
        (
            AT,
            "The Asia Times copy: page saved 13 July 2024; the site it comes from is not named; "
            "it gives Asia Times as its source.",
        ),
    ],
)
def test_each_copy_is_listed_with_the_date_that_orders_it(page, article_id, facts):
    (item,) = [li for li in page.select(".reader-copies li") if li.a["href"].endswith(f"/{article_id}.md")]
    assert item.get_text() == facts


@pytest.mark.parametrize(
    ("outlets", "sentence"),
    [
        (("Daily A", "Daily B"), "No copy says which one is the original."),
        (("Daily A", ""), "The Daily A copy 1 is the original: another copy gives its outlet as the source."),
    ],
)
def test_the_page_says_which_copy_is_the_original_and_why(outlets, sentence):
    text = ["The council met on Tuesday to approve the harbour plan and its budget for next year."]
    first = with_meta(article("first", text), outlet=outlets[0], published="2024-01-01")
    second = with_meta(
        article("second", text),
        outlet=outlets[1],
        original_outlet="Daily A" if not outlets[1] else "",
        captured="2024-02-01",
    )
    group = group_of(first, second)
    by_id = {a.id: a for a in (first, second)}
    page = BeautifulSoup(render_comparison(group, [align(first, second)], by_id), "html.parser")
    assert sentence in [p.get_text() for p in page.select(".reader-compare-intro")]


# The key


def test_the_key_says_what_each_mark_means_in_words_and_shapes(page):
    key = page.select_one(".reader-compare-legend")
    text = key.get_text()
    assert "left, the Global Research copy; right, the Asia Times copy" in text
    assert key.select_one("del").get_text() == "Struck through" and "(red): only in the Global Research copy" in text
    assert key.select_one("ins").get_text() == "Underlined" and "(green): only in the Asia Times copy" in text
    assert "absent: not in that copy" in text


# Paragraph numbers of both copies


@pytest.mark.parametrize(("column", "side", "article_id"), [(0, "left", GR), (1, "right", AT)])
def test_every_row_gives_both_copies_paragraph_numbers_linked_to_their_pages(
    seeds_comparison, column, side, article_id
):
    _, page, alignment = seeds_comparison
    for n, pair in enumerate(alignment.pairs, 1):
        row = page.find(id=f"c1-{n}")
        ids = getattr(pair, side)
        label = row.select(".reader-cell")[column].select_one(".reader-cell-label")
        assert label["href"] == f"../articles/{article_id}.md#{ids[0]}"
        assert re.fullmatch(rf"(Global Research|Asia Times) copy ¶{ids[0][1:]}(–{ids[-1][1:]})?", label.get_text())
        # The one-column view (a phone's) names both copies too, each its own element, above the text.
        assert str(label) == str(row.select(".reader-inline > .reader-cell-label")[column])


def test_a_passage_numbered_differently_in_the_two_copies_shows_both_numbers(page):
    row = page.find(id="c1-26")  # ¶26 of the Global Research copy is ¶32 of the Asia Times copy
    labels = [a.get_text() for a in row.select(".reader-cell .reader-cell-label")]
    assert labels == ["Global Research copy ¶26", "Asia Times copy ¶32"]


def test_what_changed_names_both_copies_paragraphs_and_links_to_them_and_to_the_row(page):
    items = page.select(".reader-what-changed li")
    assert items
    for item in items:
        to_gr, to_at, to_row = item.find_all("a")
        assert to_gr["href"].startswith(f"../articles/{GR}.md#p") and "¶" in to_gr.get_text()
        assert to_at["href"].startswith(f"../articles/{AT}.md#p") and "¶" in to_at.get_text()
        assert page.find(id=to_row["href"][1:]) is not None
    mod = next(i for i in items if "MOD" in i.get_text())
    assert mod.get_text(" ", strip=True) == (
        "The Global Research copy ¶22 : “MOD”; the Asia Times copy ¶27 : “Ministry of Defense” — side by side (name)"
    )


# "absent", never a bare dash


def test_words_one_copy_lacks_are_said_to_be_absent(page):
    general = next(i for i in page.select(".reader-what-changed li") if "“General”" in i.get_text())
    assert general.get_text(" ", strip=True).startswith(
        "The Global Research copy ¶1 : “General”; the Asia Times copy ¶1 : absent"
    )
    assert "“—”" not in page.get_text()


@pytest.mark.parametrize(
    ("missing", "status", "absent_from"),
    [(1, "only in the First copy", "Second copy"), (0, "only in the Second copy", "First copy")],
)
def test_a_passage_one_copy_lacks_is_said_to_be_absent_from_it(missing, status, absent_from):
    shared = ["The council met on Tuesday to approve the harbour plan and its budget for next year."]
    extra = ["An entirely different paragraph about the weather, which only one copy printed at all."]
    first = with_meta(article("a", shared + extra * missing), outlet="First", published="2024-01-01")
    second = with_meta(article("b", shared + extra * (1 - missing)), outlet="Second", published="2024-01-02")
    by_id = {"a": first, "b": second}
    page = BeautifulSoup(render_comparison(group_of(first, second), [align(first, second)], by_id), "html.parser")
    row = page.select(".reader-row:not(.reader-head)")[-1]
    assert row.select_one(".reader-status").get_text() == status
    cell = row.select(".reader-cell")[missing]
    assert cell.select_one(".reader-cell-label").get_text() == absent_from
    assert cell.select_one(".reader-absent").get_text() == "absent"
    assert f"{absent_from}: absent" in [label.get_text() for label in row.select(".reader-inline > .reader-cell-label")]


# Typography is not a change


def test_an_edited_passage_marks_word_changes_and_not_typography(page):
    first = page.find(id="c1-1")
    marked = [m.get_text() for m in first.select(".reader-inline :is(del, ins)")]
    assert marked == ["State Councilor and Defence", "Defense", "General"]  # "countries'" as "countries’": unmarked
    assert "countries' " in first.select(".reader-cell")[0].get_text()
    assert "countries’ " in first.select(".reader-cell")[1].get_text()  # each copy in its own typography


def test_no_mark_in_an_edited_passage_is_typography_alone(seeds_comparison):
    _, page, alignment = seeds_comparison
    for n, pair in enumerate(alignment.pairs, 1):
        if pair.status != "edited":
            continue
        for mark in page.find(id=f"c1-{n}").select(".reader-inline :is(del, ins)"):
            assert not PUNCTUATION_ONLY.fullmatch(mark.get_text()), (n, mark)


def test_typography_only_passages_keep_their_marks(page):
    """Shown on request, a passage that differs only in typography shows where it differs."""
    row = page.select_one(".reader-status-typography")
    assert row.select(".reader-inline del") and row.select(".reader-inline ins")


@pytest.mark.parametrize(("side", "article_id"), [("left", GR), ("right", AT)])
def test_each_column_holds_its_copys_text_whole(seeds_comparison, articles_by_id, side, article_id):
    """Unmarking typography loses nothing: each cell is its copy's paragraphs, word for word."""
    _, page, alignment = seeds_comparison
    texts = {p.id: p.text for p in articles_by_id[article_id].paragraphs}
    for n, pair in enumerate(alignment.pairs, 1):
        cell = page.find(id=f"c1-{n}").select(".reader-cell")[0 if side == "left" else 1]
        cell.select_one(".reader-cell-label").extract()
        assert cell.get_text().split() == " ".join(texts[i] for i in getattr(pair, side)).split()


@pytest.mark.parametrize(
    ("left", "right", "marked"),
    [
        ('He said "no" at once.', "He said “no” at once.", []),
        ("the country's defence", "the country’s defense", [("delete", "defence"), ("insert", "defense")]),
        (
            "a ballistic missile — fired",
            "a ballistic-missile – launched",
            [("delete", "fired"), ("insert", "launched")],
        ),
        ("North Korea said", "north Korea said", []),
        ("said, today", "said today, Tuesday", [("insert", "Tuesday")]),
    ],
)
def test_an_edited_passage_shows_typography_unmarked(left, right, marked):
    pair = AlignedPair(("p1",), ("p1",), "edited", 0.5, word_diff(left, right))
    shown = shown_diff(pair)
    assert [(op, (a or b).strip(" ,")) for op, a, b in shown if op != "equal"] == marked
    assert "".join(a for op, a, _ in shown if op != "insert") == left
    assert "".join(b for op, _, b in shown if op != "delete") == right


# One name for each copy


def test_each_copy_has_one_name_all_over_the_page(seeds_comparison):
    markdown, page, _ = seeds_comparison
    after_intro = markdown.split("\n## ", 1)[1]
    assert re.findall(r"Global Research(?! copy)", markdown) == []
    assert re.findall(r"Asia Times(?! copy)", after_intro) == []
    assert "the Asia Times copy" in page.select_one(".reader-stranded").get_text()
    assert [h.get_text() for h in page.select(".reader-head div")] == [
        "The Global Research copy",
        "The Asia Times copy",
    ]


def test_copies_that_share_an_outlet_are_told_apart_by_their_place_in_the_list():
    copies = [
        with_meta(article(f"c{n}", ["Text."]), outlet=outlet, published=f"2024-01-0{n}")
        for n, outlet in enumerate(["Artifex.News", "Global Research", "Artifex.News"], 1)
    ]
    group = group_of(*copies)
    assert copy_labels(group, {c.id: c for c in copies}) == {
        "c1": "Artifex.News copy 1",
        "c2": "Global Research copy",
        "c3": "Artifex.News copy 3",
    }


# What the article pages and the rest of the site rely on


def test_rows_keep_their_ids_the_toggle_and_the_notes_that_did_not_travel(seeds_comparison):
    markdown, page, alignment = seeds_comparison
    assert [r["id"] for r in page.select(".reader-row:not(.reader-head)")] == [
        f"c1-{n}" for n in range(1, len(alignment.pairs) + 1)
    ]
    toggle = page.select_one("input.reader-toggle[type=checkbox]")
    assert page.find("label", attrs={"for": toggle["id"]}).get_text().endswith("typography or spelling")
    assert "## Notes that did not travel" in markdown and page.select(".reader-stranded li")


def test_an_outlets_name_is_text_never_markup():
    text = ["The council met on Tuesday to approve the harbour plan and its budget for next year."]
    first = with_meta(article("a", text), outlet="<script>alert(1)</script>", published="2024-01-01")
    second = with_meta(article("b", text), original_outlet="[x](javascript:alert(1))", captured="2024-02-01")
    markdown = render_comparison(group_of(first, second), [align(first, second)], {"a": first, "b": second})
    assert "<script>" not in markdown
    heading = next(line for line in markdown.splitlines() if line.startswith("## "))
    assert "\\[x\\]\\(javascript" in heading  # in the Markdown heading, backslashed: never a link


def test_an_error_in_either_copy_is_named_under_its_passage_with_its_reading_and_note(page, corpus):
    """The two texts are the copies' own words: a corrected error in them is never shown as if it were
    right. Every correction of either copy is listed under its row, which shows even when the page
    hides rows that differ only in typography."""
    listed = " ".join(d.get_text(" ", strip=True) for d in page.select(".reader-row-corrections"))
    for item in corpus.annotated:
        if item.article.id not in (AT, GR):
            continue
        for placed in item.corrections:
            words = next(p.text for p in item.article.paragraphs if p.id == placed.place.paragraph)
            quoted = words[placed.place.start : placed.place.end]
            assert f"“{quoted}” " in listed and f"read “{placed.note.reading}”" in listed, placed.note.id
            link = page.find("a", href=f"../articles/{item.article.id}.md#note-{placed.note.id}")
            assert link is not None and link.get_text() == f"correction {placed.number}"
    assert "Minot Air Base” should read “Minot Air Force Base”" in listed
    for box in page.select(".reader-row-corrections"):
        assert "reader-row-corrected" in box.parent["class"]


def test_an_untitled_copy_is_named_on_its_comparison_page_as_everywhere_else():
    from reader.model import display_title

    text = ["The council met on Tuesday to approve the harbour plan and its budget for next year."]
    first = with_meta(article("first", text), title="", published="2024-01-01")
    second = with_meta(article("second", text), title="", published="2024-02-01")
    group = group_of(first, second)
    page = render_comparison(group, [align(first, second)], {a.id: a for a in (first, second)})
    assert display_title(first) == "Untitled (first.txt)"
    assert "title: 'Copies of: Untitled (first.txt)'" in page  # the navigation's and the browser's title
    assert "# Copies of “Untitled \\(first\\.txt\\)”" in page  # the heading, Markdown-escaped


HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"
TEXT = ["The council met on Tuesday to approve the harbour plan and its budget for next year."]


def test_the_banner_and_the_copy_marks_show_an_outlets_name_as_text():
    first = with_meta(article("a", TEXT), outlet=HOSTILE, title=HOSTILE, published="2024-01-01")
    second = with_meta(article("b", TEXT), outlet="The Gazette", published="2024-02-01")
    by_id = {"a": first, "b": second}
    group = group_of(first, second)
    banner = BeautifulSoup(article_banner("b", group, by_id), "html.parser")
    assert "<script>" not in str(banner) and HOSTILE in banner.get_text()
    (mark,) = [c for found in counterparts((align(second, first),), by_id, [group])["b"].values() for c in found]
    link = BeautifulSoup(mark.mark, "html.parser").a
    assert mark.mark.startswith(" <a ") and link["title"] == link["aria-label"]
    assert HOSTILE in link["title"] and "<script>" not in mark.mark
