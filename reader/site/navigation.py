"""The site's navigation, grouped so that it stays small as the corpus grows.

Articles are listed under their outlet and, in an outlet with many articles,
under the year and then the initial letter; with Material's `navigation.prune` a page carries only the
branch it sits in, not a list of every article.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, TypeAlias

import yaml

from reader.model import OUTLET_NOT_STATED, Article, Corpus, display_date, outlet_label
from reader.site.compare_page import compare_path, comparison_page_title
from reader.site.links import ARTICLES_DIR, PAGE_TITLES

# The navigation as mkdocs.yml spells it: a list of page paths and {title: path or list} entries.
Nav: TypeAlias = list[Any]
# What a long branch is split by: an article's year, or its title's initial letter.
Split: TypeAlias = Callable[[Article, dict[str, str]], str]

# A branch with more articles than this is split by year, then by initial letter.
BY_YEAR_OVER = 30


def site_nav(corpus: Corpus, titles: dict[str, str]) -> Nav:
    """The `nav:` MkDocs is given: plain lists and dicts, as mkdocs.yml would spell them."""
    outlets: dict[str, list[Article]] = {}
    for article in sorted(corpus.articles, key=lambda a: (titles[a.id].lower(), a.id)):
        outlets.setdefault(outlet_label(article) or OUTLET_NOT_STATED, []).append(article)
    branches: Nav = []
    for outlet in sorted(outlets, key=lambda o: (o == OUTLET_NOT_STATED, o.lower())):
        branches.append({html.escape(outlet): _branch(outlets[outlet], titles, [_year, _initial])})
    if len(branches) > BY_YEAR_OVER:
        # Many outlets: group them by initial letter too, so that no page lists them all.
        letters: dict[str, Nav] = {}
        for branch in branches:
            first = next(iter(branch))[:1].upper()
            letters.setdefault(first if first.isalpha() else "#", []).append(branch)
        branches = [{letter: letters[letter]} for letter in sorted(letters)]
    by_id = {a.id: a for a in corpus.articles}
    nav: Nav = [_titled("index.md"), {"Articles": branches}]
    if corpus.reprints:
        nav.append({"Compare": [{comparison_page_title(g, by_id): compare_path(g)} for g in corpus.reprints]})
    # Reading first; then, apart, the pages about the reader itself (hand-written ones titled by their front matter).
    nav += [
        {"Browse": [_titled("browse/outlets.md"), _titled("browse/dates.md"), _titled("browse/topics.md")]},
        _titled("timeline.md"),
        _titled("glossary.md"),
        {
            "About this reader": [
                _titled("rules.md"),
                "standards.md",
                "contributing.md",
                "bad-input.md",
                _titled("download.md"),
            ]
        },
    ]
    return nav


def _titled(page: str) -> dict[str, str]:
    return {PAGE_TITLES[page]: page}


def _branch(articles: list[Article], titles: dict[str, str], splits: list[Split]) -> Nav:
    """The articles as nav entries; a long list is split by year, then by initial letter."""
    if len(articles) <= BY_YEAR_OVER or not splits:
        return [_entry(a, titles) for a in articles]
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(splits[0](article, titles), []).append(article)
    if len(groups) == 1:
        return _branch(articles, titles, splits[1:])
    return [{html.escape(key): _branch(groups[key], titles, splits[1:])} for key in sorted(groups)]


def _entry(article: Article, titles: dict[str, str]) -> dict[str, str]:
    # Theme templates print navigation titles unescaped: escape seed text here.
    return {html.escape(titles[article.id]): f"{ARTICLES_DIR}/{article.id}.md"}


def _year(article: Article, titles: dict[str, str]) -> str:
    return display_date(article)[:4] or "Year not stated"


def _initial(article: Article, titles: dict[str, str]) -> str:
    first = titles[article.id][:1].upper()
    return first if first.isalpha() else "#"


def with_titles(nav: Nav, source: Callable[[str], str | None]) -> Nav:
    """The navigation with each bare page path given its page's front-matter title.

    MkDocs otherwise names such a page only after reading it, and a preview
    rebuild (`mkdocs serve --dirty`) reads only the pages that changed.
    """
    titled: Nav = []
    for entry in nav:
        if isinstance(entry, str):
            title = front_matter_title(source(entry) or "")
            titled.append({title: entry} if title else entry)
        elif isinstance(entry, dict):
            titled.append(
                {key: with_titles(value, source) if isinstance(value, list) else value for key, value in entry.items()}
            )
        else:
            titled.append(entry)
    return titled


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter_title(markdown: str) -> str | None:
    found = _FRONT_MATTER.match(markdown)
    if not found:
        return None
    meta = yaml.load(found.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else None
