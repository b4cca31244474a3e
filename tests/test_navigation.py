"""The navigation stays small: articles by outlet, a long list split evenly into named ranges,
and no page's navigation over `NAV_LINKS` links whatever the corpus's shape."""

import random
from dataclasses import replace

import pytest

from bench.corpus_generator import article
from reader.model import Corpus, Metadata
from reader.site.navigation import NAV_LINKS, TOC_LINKS, site_nav, with_titles


def corpus_of(articles):
    return Corpus(seeds=(), articles=tuple(articles))


def articles_branch(nav):
    return next(entry["Articles"] for entry in nav if isinstance(entry, dict) and "Articles" in entry)


def names(entries):
    return [next(iter(entry)) for entry in entries]


def most_links(nav):
    """The most links a page sees with `navigation.prune`: each level's entries along its branch."""
    deepest = 0
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            deepest = max(deepest, most_links(value))
    return len(nav) + deepest


def pages(nav):
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        yield from pages(value) if isinstance(value, list) else [value]


def reports(count, outlet=lambda i: "Daily Report", date=lambda i: "2024-05-01"):
    """`count` articles titled "Report N: …", as a newsroom's series is."""
    return [
        replace(
            article(f"r{i}", ["Text."]),
            metadata=Metadata(title=f"Report {i}: the day's news", outlet=outlet(i), published=date(i)),
        )
        for i in range(1, count + 1)
    ]


def test_a_small_outlet_lists_its_articles(corpus):
    titles = {a.id: a.title for a in corpus.articles}
    (branch,) = [b for b in articles_branch(site_nav(corpus, titles)) if "Artifex.News" in b]
    assert len(branch["Artifex.News"]) == 3


def test_a_long_list_of_one_day_is_split_into_ranges_of_titles_in_number_order():
    many = reports(240)
    (branch,) = articles_branch(site_nav(corpus_of(many), {a.id: a.title for a in many}))
    ranges = branch["Daily Report"]
    assert names(ranges)[0] == "Report 1 – Report 16"
    assert names(ranges)[-1].endswith("– Report 240")
    first = next(iter(ranges[0].values()))
    assert names(first)[:3] == [
        "Report 1: the day&#39;s news",
        "Report 2: the day&#39;s news",
        "Report 3: the day&#39;s news",
    ]


def test_a_long_list_over_many_days_is_split_by_date():
    many = reports(400, date=lambda i: f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
    (branch,) = articles_branch(site_nav(corpus_of(many), {a.id: a.title for a in many}))
    ranges = names(branch["Daily Report"])
    assert ranges[0] == "1 – 17 January 2024" and ranges[-1] == "12 – 28 December 2024"


@pytest.mark.parametrize(
    "first, last, name",
    [
        ("2024-07-05", "2024-07-09", "5 – 9 July 2024"),
        ("2024-06-27", "2024-08-15", "27 June – 15 August 2024"),
        ("2023-12-30", "2024-01-02", "30 December 2023 – 2 January 2024"),
        ("2024-05-01", "", "1 May 2024 – undated"),
    ],
)
def test_a_range_of_dates_says_a_shared_year_and_month_once(first, last, name):
    from reader.dates import day
    from reader.site.navigation import Leaf, _range_name

    assert _range_name([Leaf({}, "A", day(first)), Leaf({}, "B", day(last))]) == name


SHAPES = {
    "one outlet, one day, 20,000 reports": reports(20_000),
    "half in one outlet, one year": reports(3000, outlet=lambda i: "Big" if i % 2 else f"Outlet {i % 40}",
                                            date=lambda i: f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"),
    "3,000 outlets": reports(3000, outlet=lambda i: f"Outlet {i}"),
    "no outlet, no date": [replace(a, metadata=Metadata(title=a.title)) for a in reports(5000)],
}  # fmt: skip


@pytest.mark.parametrize("shape", SHAPES)
def test_no_page_lists_more_links_than_the_bound_and_every_article_is_listed_once(shape):
    many = SHAPES[shape]
    nav = site_nav(corpus_of(many), {a.id: a.title for a in many})
    assert most_links(nav) <= NAV_LINKS - TOC_LINKS
    listed = [p for p in pages(articles_branch(nav))]
    assert sorted(listed) == sorted(f"articles/{a.id}.md" for a in many)


def test_many_outlets_are_split_into_ranges_of_names():
    rng = random.Random(4)
    many = reports(600, outlet=lambda i: f"{rng.choice('ABCDEFGH')}-outlet {i}")
    ranges = articles_branch(site_nav(corpus_of(many), {a.id: a.title for a in many}))
    assert names(ranges)[0].startswith("A-outlet") and " – " in names(ranges)[0]
    assert names(ranges)[-1].endswith("– H-outlet")


def test_titles_in_the_navigation_are_escaped():
    hostile = article("x", ["Text."])
    nav = site_nav(corpus_of([hostile]), {"x": "<script>alert(1)</script>"})
    (branch,) = articles_branch(nav)
    assert branch["Outlet not stated"] == [{"&lt;script&gt;alert(1)&lt;/script&gt;": "articles/x.md"}]


def test_navigation_entries_get_their_pages_front_matter_titles():
    pages = {"timeline.md": "---\ntitle: Timeline\n---\n\n# Timeline\n", "plain.md": "# No front matter\n"}
    nav = with_titles([{"Browse": ["timeline.md"]}, "plain.md", {"Home": "index.md"}], pages.get)
    assert nav == [{"Browse": [{"Timeline": "timeline.md"}]}, "plain.md", {"Home": "index.md"}]
