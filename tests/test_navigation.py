"""The navigation stays small: articles by outlet, long lists split by year, then by letter."""

from dataclasses import replace

from bench.corpus_generator import article
from reader.model import Corpus, Metadata
from reader.site.navigation import BY_YEAR_OVER, site_nav, with_titles


def corpus_of(articles):
    return Corpus(seeds=(), articles=tuple(articles))


def articles_branch(nav):
    return next(entry["Articles"] for entry in nav if isinstance(entry, dict) and "Articles" in entry)


def test_a_small_outlet_lists_its_articles(corpus):
    titles = {a.id: a.title for a in corpus.articles}
    (branch,) = [b for b in articles_branch(site_nav(corpus, titles)) if "Artifex.News" in b]
    assert len(branch["Artifex.News"]) == 3


def test_a_long_list_without_dates_is_split_by_initial_letter():
    many = [article(f"{letter}{n}", ["Some text of a paragraph."]) for letter in "abc" for n in range(BY_YEAR_OVER)]
    titles = {a.id: a.id for a in many}
    (branch,) = articles_branch(site_nav(corpus_of(many), titles))
    groups = branch["Outlet not stated"]
    assert [next(iter(g)) for g in groups] == ["A", "B", "C"]
    assert all(len(next(iter(g.values()))) == BY_YEAR_OVER for g in groups)


def test_titles_in_the_navigation_are_escaped():
    hostile = article("x", ["Text."])
    nav = site_nav(corpus_of([hostile]), {"x": "<script>alert(1)</script>"})
    (branch,) = articles_branch(nav)
    assert branch["Outlet not stated"] == [{"&lt;script&gt;alert(1)&lt;/script&gt;": "articles/x.md"}]


def test_many_outlets_are_grouped_by_initial_letter():
    outlets = [f"{letter}-outlet {n}" for letter in "abcd" for n in range(10)]
    many = [replace(article(o, ["Text."]), metadata=Metadata(title=o, outlet=o)) for o in outlets]
    branches = articles_branch(site_nav(corpus_of(many), {a.id: a.id for a in many}))
    assert [next(iter(b)) for b in branches] == ["A", "B", "C", "D"]
    assert len(branches[0]["A"]) == 10 and next(iter(branches[0]["A"][0])) == "a-outlet 0"


def test_navigation_entries_get_their_pages_front_matter_titles():
    pages = {"timeline.md": "---\ntitle: Timeline\n---\n\n# Timeline\n", "plain.md": "# No front matter\n"}
    nav = with_titles([{"Browse": ["timeline.md"]}, "plain.md", {"Home": "index.md"}], pages.get)
    assert nav == [{"Browse": [{"Timeline": "timeline.md"}]}, "plain.md", {"Home": "index.md"}]
