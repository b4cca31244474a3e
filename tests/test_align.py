"""Alignment: paragraphs of two copies paired one-to-one, one-to-many or alone, and classified."""

import pytest

from bench.corpus_generator import article
from reader.reprints.align import align, changes, classify, word_diff

AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"


@pytest.fixture(scope="module")
def alignment(corpus):
    (found,) = corpus.alignments
    return found


def text_of(articles_by_id, article_id, ids):
    paragraphs = {p.id: p.text for p in articles_by_id[article_id].paragraphs}
    return " ".join(paragraphs[i] for i in ids)


def test_every_paragraph_of_both_copies_is_aligned_once(alignment, articles_by_id):
    for side, article_id in (("left", GR), ("right", AT)):
        body = [p.id for p in articles_by_id[article_id].paragraphs if p.kind != "title"]
        assert [i for pair in alignment.pairs for i in getattr(pair, side)] == body


def test_the_known_edited_passages_are_classified_as_edited(alignment, articles_by_id):
    for left_start, right_start in [
        ("Last Wednesday", "On April 12"),
        ("Putin said at the meeting with Li on Easter", "Putin said at the meeting with Li last Sunday"),
    ]:
        pair = next(p for p in alignment.pairs if text_of(articles_by_id, GR, p.left).startswith(left_start))
        assert text_of(articles_by_id, AT, pair.right).startswith(right_start)
        assert pair.status == "edited"


def test_merged_paragraphs_align_one_to_many(alignment, articles_by_id):
    merged = [p for p in alignment.pairs if len(p.right) > 1]
    assert len(merged) == 6
    thunder = next(p for p in merged if text_of(articles_by_id, GR, p.left).startswith("The US Global Thunder 23"))
    assert text_of(articles_by_id, AT, thunder.right[1:]).startswith("The images showed B-52H")


def test_counts_add_up(alignment):
    counts = alignment.counts()
    assert sum(counts.values()) == len(alignment.pairs)
    # Four passages differ only in quote marks, dashes or brackets, four only in spelling.
    assert counts["typography"] == 4 and counts["spelling"] == 4 and counts["edited"] == 19


@pytest.mark.parametrize(
    "left, right, expected",
    [
        ("The same words.", "The same words.", "identical"),
        (
            "Russia-China defence cooperation will stabilise.",
            "Russia-China defense cooperation will stabilize.",
            "spelling",
        ),
        ("Li’s visit to the Pacific theatre.", "Li's visit to the Pacific theater.", "spelling"),
        (
            "Last Wednesday, the department announced controls.",
            "On April 12, the department announced controls.",
            "edited",
        ),
    ],
)
def test_classification(left, right, expected):
    assert classify(left, right) == expected


def test_paragraphs_only_in_one_copy():
    shared = ["A long shared paragraph about the harbour and its ships and the strike that closed it for a week."] * 1
    found = align(
        article("a", shared + ["An extra closing paragraph only this copy printed, with its own words."]),
        article("b", shared),
    )
    assert [p.status for p in found.pairs] == ["identical", "only-left"]


def test_word_diff_marks_what_each_copy_has():
    diff = word_diff(
        "Last Wednesday, US Commerce Department announced", "On April 12, the US Commerce Department announced"
    )
    assert [(s.op, s.text.strip()) for s in diff if s.op != "equal"] == [
        ("delete", "Last Wednesday,"),
        ("insert", "On April 12, the"),
    ]


@pytest.mark.parametrize(
    "left, right",
    [
        ("The “alliance” isn’t new — it is old.", 'The "alliance" isn\'t new - it is old.'),
        ("Li said: (it works)", "Li said [it works]"),
    ],
)
def test_quote_marks_dashes_and_brackets_are_typography(left, right):
    assert classify(left, right) == "typography"


def test_the_real_pairs_edits_are_dated_and_named_and_minor_ones_left_out(alignment):
    found = [change for pair in alignment.pairs for change in changes(pair)]
    kinds = {(c.before, c.after): c.kind for c in found}
    assert kinds[("Last Wednesday,", "On April 12, the")] == "date"
    assert kinds[("on Easter", "last")] == "date"
    assert kinds[("MOD", "Ministry of Defense")] == "name"
    assert not any(
        c.before.lower().strip(".,") in ("kuriles", "defence", "taken") for c in found
    )  # spelling, word choice


def test_a_currency_prefix_is_not_an_edit_but_a_changed_country_is():
    pair = align_two("The fund holds $51 billion.", "The fund holds US$51 billion.")
    assert changes(pair) == []
    pair = align_two("The UK said no.", "The US said no.")
    assert [c.kind for c in changes(pair)] == ["name"]


def align_two(left: str, right: str):
    from reader.model import AlignedPair

    return AlignedPair(("p1",), ("p1",), classify(left, right), 0.9, word_diff(left, right))
