"""Reprints: copies of one text are grouped, articles that share a topic are not."""

import random

import pytest

from bench.corpus_generator import article, merge_or_split, respell, reword, vocabulary
from reader.reprints.detect import copy_groups, copy_pairs, detect_reprints, exhaustive_pairs, order_copies

AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"


def test_the_two_circle_wagons_copies_are_the_only_group(corpus):
    assert [g.articles for g in corpus.reprints] == [(GR, AT)]


def test_the_feed_stories_share_a_topic_but_are_not_grouped(corpus):
    feed = [a for a in corpus.articles if a.format == "feed"]
    assert len(feed) == 3 and copy_pairs(feed) == []
    others = [a for a in corpus.articles if a.id not in (AT, GR)]
    assert exhaustive_pairs(others) == []


def test_the_group_is_ordered_by_date_and_names_no_original_it_cannot_see(corpus):
    group = corpus.reprints[0]
    assert group.articles[0] == GR  # published 2023-04-23; the Asia Times page was captured in 2024
    assert group.original == ""
    assert "Indian Punchline" in group.order_basis


def test_a_copy_that_names_another_copys_outlet_makes_it_the_original(articles_by_id):
    from dataclasses import replace

    gr, at = articles_by_id[GR], articles_by_id[AT]
    at = replace(at, metadata=replace(at.metadata, original_outlet="Global Research"))
    _, original, basis = order_copies([at, gr])
    assert original == GR and "names this copy's outlet" in basis


@pytest.fixture(scope="module")
def base(articles_by_id):
    return [p.text for p in articles_by_id[AT].paragraphs if p.kind == "paragraph"]


def variants(base):
    rng, words = random.Random(7), vocabulary()
    shuffled = list(base)
    rng.shuffle(shuffled)
    return {
        "reordered": shuffled,
        "split-and-merged": merge_or_split(rng, base),
        "truncated": base[: len(base) * 6 // 10],
        "respelt": respell(base),
        "translation-noise": reword(rng, base, words, 0.08),
    }


@pytest.mark.parametrize("kind", ["reordered", "split-and-merged", "truncated", "respelt", "translation-noise"])
def test_edited_copies_are_found(base, kind):
    copy = variants(base)[kind]
    articles = (article("original", base), article("copy", copy))
    groups, _ = detect_reprints(articles)
    assert [set(g.articles) for g in groups] == [{"original", "copy"}]


def test_declarations_confirm_and_deny(corpus):
    articles = corpus.articles
    groups, unconfirmed = detect_reprints(articles, denied=frozenset({(AT, GR)}))
    assert groups == () and unconfirmed == ()
    feed = [a.id for a in articles if a.format == "feed"]
    groups, unconfirmed = detect_reprints(articles, confirmed=frozenset({tuple(sorted(feed[:2]))}))
    assert {frozenset(g.articles) for g in groups} == {frozenset({AT, GR}), frozenset(feed[:2])}
    assert unconfirmed == ((AT, GR),)


def test_the_index_finds_the_pairs_that_checking_every_pair_finds():
    from bench.corpus_generator import generate

    articles, _ = generate(300, seed=3)
    found = copy_pairs(articles)
    assert found and found == exhaustive_pairs(articles)


def test_a_page_holding_two_stories_is_a_copy_of_each_and_does_not_join_them(base):
    other = [
        "Fishermen on the northern coast said the catch of herring had fallen for a third year running.",
        "The regional council has asked scientists at the university to study the water temperature offshore.",
        "Several families who have fished these waters for generations say they may sell their boats this winter.",
        "A spokesman for the ministry said compensation would be discussed at a meeting in the capital next month.",
        "The cooperative that buys most of the catch has already cut two jobs at its smokehouse by the harbour.",
    ]
    articles = (article("story", base), article("other", other), article("page", [*base, *other]))
    groups, _ = detect_reprints(articles)
    assert [len(g.articles) for g in groups] == [2]
    assert set(groups[0].articles) in ({"story", "page"}, {"other", "page"})


def test_groups_never_chain_through_a_member_that_is_not_a_copy_of_the_others():
    similarity = {("a", "b"): 0.9, ("b", "c"): 0.8, ("c", "d"): 0.7, ("b", "d"): 0.6}
    assert copy_groups(similarity) == [{"a", "b"}, {"c", "d"}]
    assert copy_groups(similarity | {("a", "c"): 0.5}) == [{"a", "b", "c"}]
