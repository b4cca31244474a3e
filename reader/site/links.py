"""Links between the generated pages, written so that every engine, in any URL style, resolves them.

A link in a generated page is written as a Markdown link is: relative to its
source file, to the target's source (`../glossary.md#s-400`). Zensical resolves
such links wherever they are; MkDocs resolves them in Markdown but leaves links
in raw HTML as they are, so those are resolved after MkDocs has built a page
(`resolve_source_links`), by the same rule, for `use_directory_urls` on or off.
"""

from __future__ import annotations

import posixpath
import re

# Where the article pages' sources are; `ARTICLE_PAGE` stands for any of them, for links made on one.
ARTICLES_DIR = "articles"
ARTICLE_PAGE = f"{ARTICLES_DIR}/article.md"


def article_path(article_id: str) -> str:
    """An article page's source in docs/: the one place its path is spelled out."""
    return f"{ARTICLES_DIR}/{article_id}.md"


# The site's generated pages of its own, by source, with their titles: each page and the navigation
# take the title from here (articles and comparison pages are titled after their texts).
PAGE_TITLES = {
    "index.md": "Home",
    "browse/outlets.md": "By outlet",
    "browse/dates.md": "By date",
    "browse/topics.md": "By topic",
    "timeline.md": "Timeline",
    "glossary.md": "Glossary",
    "download.md": "Download",
    "rules.md": "How the text is cleaned",
}


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """The href from one source page (`articles/x.md`) to another, or to its `anchor`. Both are paths
    inside docs/, so this is `posixpath.relpath` without its look at the working directory (a
    site's pages make tens of thousands of links)."""
    here, there = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:])
    return relative + (f"#{anchor}" if anchor else "")


def page_url(source: str, directory_urls: bool = True) -> str:
    """Where an engine publishes a source page: `a/b.md` as `a/b/` (or `a/b.html`), `a/index.md` as `a/`."""
    stem = source[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


# A relative href to a Markdown source, as `link` writes them (engines never publish .md addresses).
_SOURCE_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"')


def resolve_source_links(html: str, source: str, directory_urls: bool = True) -> str:
    """The page built from `source` with its source-relative links made relative to its own address."""
    address = page_url(source, directory_urls)
    here = address.rstrip("/") if directory_urls else posixpath.dirname(address)

    def resolved(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group(1)))
        url = posixpath.relpath(page_url(target, directory_urls) or ".", here or ".")
        if directory_urls and not url.endswith("/") and url != ".":
            url += "/"
        return f'href="{"./" if url == "." else url}{match.group(2) or ""}"'

    return _SOURCE_HREF.sub(resolved, html)
