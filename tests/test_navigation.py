"""The navigation stays small: articles by outlet, long lists split by year, then by letter."""

from bench.corpus_generator import article
from reader.corpus import Corpus
from reader.navigation import BY_YEAR_OVER, site_nav


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
