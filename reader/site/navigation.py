"""The site's navigation, bounded by a constant however the corpus is shaped.

With Material's `navigation.prune` a page carries the top-level entries and,
along its own branch, each level's entries: an outlet of 20,000 articles must
not put 20,000 links on each of its pages. So no page's navigation lists more
than `NAV_LINKS` links: the articles are listed under their outlet, and a list
too long for what is left is split evenly into ranges (`_chunked`), as a
paginated index is, named by their first and last entries: by date when the
dates differ ("27 June – 15 August 2024"), else by title ("Report 1 – Report
240"). Many outlets, and many reprint groups, are split into ranges the same way.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias

import yaml

from reader.dates import written
from reader.model import OUTLET_NOT_STATED, Article, Corpus, display_date, outlet_label
from reader.site.compare_page import compare_path, comparison_page_title
from reader.site.links import PAGE_TITLES, article_path
from reader.site.templating import theme_text
from reader.text import natural_key

# The navigation as mkdocs.yml spells it: a list of page paths and {title: path or list} entries.
Nav: TypeAlias = list[Any]

# No page's navigation lists more links than this, whatever the corpus (issue 25)...
NAV_LINKS = 60
# ...with this many left for the page's own table of contents, which Material puts in the
# navigation on narrow screens (an article's subheadings; "Notes").
TOC_LINKS = 10


@dataclass(frozen=True)
class Leaf:
    """A navigation entry of a list that may be split: its nav entry, and what names a range of them."""

    entry: dict[str, Any]
    name: str
    date: date | None = None


def site_nav(corpus: Corpus, titles: dict[str, str]) -> Nav:
    """The `nav:` MkDocs is given: plain lists and dicts, as mkdocs.yml would spell them."""
    by_id = {a.id: a for a in corpus.articles}
    compare = [
        Leaf({theme_text(comparison_page_title(g, by_id)): compare_path(g)}, comparison_page_title(g, by_id))
        for g in corpus.reprints
    ]
    top: Nav = [_titled("index.md"), {"Articles": []}, *([{"Compare": []}] if compare else [])]
    top += [
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
    budget = NAV_LINKS - TOC_LINKS - len(top)
    top[1]["Articles"] = _articles(corpus.articles, titles, budget)
    if compare:
        top[2]["Compare"] = _chunked(compare, _depth(len(compare), budget))
    return top


def _titled(page: str) -> dict[str, str]:
    return {PAGE_TITLES[page]: page}


def _articles(articles: tuple[Article, ...], titles: dict[str, str], budget: int) -> Nav:
    """The articles by outlet; the outlets, and each outlet's articles, split into as few levels
    of ranges as keep a page's links along its branch within `budget`."""
    outlets: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (natural_key(titles[a.id]), a.id)):
        outlets.setdefault(outlet_label(article) or OUTLET_NOT_STATED, []).append(article)
    names = sorted(outlets, key=lambda o: (o == OUTLET_NOT_STATED, natural_key(o)))
    largest = max((len(a) for a in outlets.values()), default=0)
    # The fewest levels of outlet ranges that leave each outlet's articles room enough.
    for levels in range(1, 8):
        spent = _cost(len(names), levels)
        if spent + _cost(largest, _depth(largest, budget - spent)) <= budget:
            break
    return _chunked([Leaf({theme_text(o): _outlet(outlets[o], titles, budget - spent)}, o) for o in names], levels)


def _outlet(articles: list[Article], titles: dict[str, str], budget: int) -> Nav:
    """An outlet's articles: by title; a list too long for `budget`, by date when the dates differ."""
    depth = _depth(len(articles), budget)
    if depth > 1 and len({display_date(a) for a in articles}) > 1:
        articles = sorted(
            articles, key=lambda a: (not display_date(a), display_date(a) or date.min, natural_key(titles[a.id]), a.id)
        )
        return _chunked([Leaf(_entry(a, titles), titles[a.id], display_date(a)) for a in articles], depth)
    return _chunked([Leaf(_entry(a, titles), titles[a.id]) for a in articles], depth)


def _entry(article: Article, titles: dict[str, str]) -> dict[str, str]:
    # Theme templates print navigation titles unescaped: escape seed text here.
    return {theme_text(titles[article.id]): article_path(article.id)}


def _fan_out(count: int, depth: int) -> int:
    """The fewest entries per level that hold `count` leaves in `depth` levels."""
    fan: int = max(1, math.ceil(count ** (1 / depth)))  # a float root: checked both ways below
    while fan**depth < count:
        fan += 1
    while fan > 1 and (fan - 1) ** depth >= count:
        fan -= 1
    return fan


def _cost(count: int, depth: int) -> int:
    """At most how many links a page at the bottom of `count` leaves split over `depth` levels sees."""
    return min(count, depth * _fan_out(count, depth)) if count else 0


def _depth(count: int, budget: int) -> int:
    """The fewest levels that keep `count` leaves within `budget` links along a branch."""
    depth = 1
    while _cost(count, depth) > budget and _fan_out(count, depth) > 2:
        depth += 1
    return depth


def _chunked(leaves: list[Leaf], depth: int) -> Nav:
    """The leaves as `depth` levels of nav: evenly split ranges, each named by its first and last leaf."""
    if depth <= 1 or len(leaves) <= 1:
        return [leaf.entry for leaf in leaves]
    size = _fan_out(len(leaves), depth) ** (depth - 1)
    parts = math.ceil(len(leaves) / size)
    bounds = [round(i * len(leaves) / parts) for i in range(parts + 1)]
    chunks = [leaves[a:b] for a, b in itertools.pairwise(bounds)]
    if len(chunks) == 1:
        return _chunked(leaves, depth - 1)
    return [{theme_text(_range_name(chunk)): _chunked(chunk, depth - 1)} for chunk in chunks]


def _range_name(leaves: list[Leaf]) -> str:
    """ "3 January 2024 – 19 March 2024", or by title: "Report 1 – Report 240"."""
    first, last = leaves[0], leaves[-1]
    if first.date != last.date:
        return _date_range(
            written(first.date) if first.date else "Undated", written(last.date) if last.date else "undated"
        )
    start, end = _distinct_prefixes(first.name, last.name)
    named = f"{start} – {end}" if start != end else start
    return f"{written(first.date)}: {named}" if first.date else named


def _date_range(start: str, end: str) -> str:
    """ "27 June – 15 August 2023" and "5 – 9 July 2023": the year (and month) said once where shared."""
    a, b = start.split(" "), end.split(" ")
    if len(a) == len(b) == 3 and a[2] == b[2]:
        return f"{a[0]} – {end}" if a[1] == b[1] else f"{a[0]} {a[1]} – {end}"
    return f"{start} – {end}"


def _distinct_prefixes(first: str, last: str, most: int = 5) -> tuple[str, str]:
    """The first words of each name, as many as tell them apart (at most `most`)."""
    a, b = first.split(), last.split()
    words = next((i + 1 for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)) or 1)
    words = min(max(words, 1), most)
    return " ".join(a[:words]).rstrip(":,;.–-"), " ".join(b[:words]).rstrip(":,;.–-")


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
