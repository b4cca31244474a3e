"""HTML pages, parsed with beautifulsoup4 into blocks.

Page furniture (navigation, header, footer, asides, forms, scripts) becomes
"chrome" blocks for the cleaner to record as removed; when the page marks its
article (`<article>`, `<main>` or `role="main"`), text outside it becomes chrome too.
The head's title and meta tags give metadata the page states.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

from ..model import Block, Metadata
from ..text import normalize_space

CHROME_TAGS = {
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript",
    "iframe", "svg", "template", "button", "select", "dialog", "object", "embed",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "dt", "dd",
    "td", "th", "caption", "address",
}  # fmt: skip
CONTAINER_TAGS = {
    "html", "body", "div", "section", "article", "main", "blockquote", "ul", "ol", "dl",
    "table", "thead", "tbody", "tr", "figure", "hgroup", "details", "summary", "center",
}  # fmt: skip
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
}  # fmt: skip
_KINDS = {"li": "list-item", "figcaption": "caption"}


def looks_like(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or bool(
        re.search(r"<(?:article|body|p|div)\b[^>]*>", head) and head.startswith("<")
    )


def parse(text: str) -> tuple[list[Block], Metadata]:
    soup = BeautifulSoup(text, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    metadata = _head_metadata(soup)
    main = soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"})
    found: list[Block] = []
    _walk_children(soup, found, main, inside_main=main is None, in_quote=False)
    return [b for b in found if b.text], metadata


def _walk_children(node: Tag, found: list[Block], main, *, inside_main: bool, in_quote: bool) -> None:
    """Walk a container; runs of loose text and inline elements become one block each."""
    run: list = []
    for child in [*node.children, None]:
        if child is not None and _is_inline(child):
            run.append(child)
            continue
        text = "".join(c.get_text("") if isinstance(c, Tag) else str(c) for c in run)
        if normalize_space(text):
            lines = [c.sourceline for c in run if isinstance(c, Tag) and c.sourceline] or [node.sourceline or 1]
            found.append(_block(text, min(lines), max(lines), inside_main, "text", in_quote))
        run = []
        if child is not None:
            _walk(child, found, main, inside_main=inside_main, in_quote=in_quote)


def _is_inline(node) -> bool:
    if isinstance(node, (Comment, Doctype)):
        return False
    if isinstance(node, NavigableString):
        return True
    return node.name in INLINE_TAGS and node.find(BLOCK_TAGS | CHROME_TAGS | CONTAINER_TAGS) is None


def _walk(node, found: list[Block], main, *, inside_main: bool, in_quote: bool) -> None:
    if not isinstance(node, Tag):
        return
    inside_main = inside_main or node is main
    first = node.sourceline or 1
    last = first + str(node).count("\n")
    if node.name in CHROME_TAGS or node.name == "head":
        found.append(_chrome(node))
        return
    if node.name in BLOCK_TAGS:
        # Furniture inside a paragraph (a script, a share button) is recorded on its own.
        for inner in node.find_all(CHROME_TAGS):
            found.append(_chrome(inner.extract()))
        found.append(_block(node.get_text(""), first, last, inside_main, node.name, in_quote))
        return
    in_quote = in_quote or node.name == "blockquote"
    _walk_children(node, found, main, inside_main=inside_main, in_quote=in_quote)


def _chrome(node: Tag) -> Block:
    """A piece of page furniture with all its text, scripts and styles included."""
    first = node.sourceline or 1
    text = " ".join(str(s) for s in node.find_all(string=True) if not isinstance(s, (Comment, Doctype)))
    return _normalized(Block(text, first, first + str(node).count("\n"), kind="chrome", tag=node.name))


def _block(text: str, first: int, last: int, inside_main: bool, tag: str, quote: bool) -> Block:
    if not inside_main:
        return _normalized(Block(text, first, last, kind="chrome", tag="outside-article"))
    kind = _KINDS.get(tag, "paragraph")
    level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
    if level:
        kind = "heading"
    elif quote:
        kind = "quote"
    return _normalized(Block(text, first, last, kind=kind, tag=tag, level=level))


def _normalized(block: Block) -> Block:
    return Block(
        normalize_space(block.text),
        block.first_line,
        max(block.first_line, block.last_line),
        block.kind,
        block.tag,
        block.level,
    )


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return normalize_space(str(tag["content"]))
    return ""


def _head_metadata(soup: BeautifulSoup) -> Metadata:
    canonical = soup.find("link", rel="canonical")
    published = _meta(soup, "article:published_time", "date", "dc.date", "DC.date.issued")
    return Metadata(
        author=_meta(soup, "author", "article:author", "dc.creator"),
        outlet=_meta(soup, "og:site_name", "application-name"),
        published=published[:10] if re.match(r"\d{4}-\d{2}-\d{2}", published) else "",
        url=_meta(soup, "og:url") or (str(canonical.get("href", "")) if canonical else ""),
        title=_meta(soup, "og:title")
        or (normalize_space(soup.title.get_text()) if soup.title else ""),
    )
