"""HTML pages: lxml lays the page out as blocks, trafilatura says which are the article.

Every piece of visible text becomes a block with its seed lines, so kept and
removed text still account for the whole page. Which blocks are the article
is trafilatura's decision (the field's best main-text extractor), made on the
same parsed tree: a block is the article when trafilatura's text holds it.
The rest become "boilerplate" blocks for the cleaner to record as removed;
scripts, styles and forms are "chrome"; a second copy of the article in one
element is a "repeat". Kept blocks keep their own wording and kinds (heading,
quote, list item); trafilatura only decides.

Metadata comes from what the page states, as trafilatura reads it (meta tags,
JSON-LD, bylines, htmldate for the date): never guessed from the address.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from typing import Any

import lxml.html
import trafilatura
import trafilatura.metadata
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.settings import Document
from trafilatura.utils import is_dubious_html, repair_faulty_html

from reader import settings
from reader.errors import SeedError
from reader.model import Block, BlockKind, Metadata
from reader.text import normalize_space, unspaced, word_count

# Never shown as text on the page: code, styles, embeds, and the controls of forms.
CHROME_TAGS = {
    "head", "script", "style", "iframe", "svg", "template", "button", "select",
    "object", "embed", "textarea",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption", "dt", "dd",
    "td", "th", "caption", "address",
}  # fmt: skip
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "wbr",
}  # fmt: skip
# Elements whose presence inside a paragraph or heading means it is really a container
# (an unclosed heading swallowing the page, a list item holding a list).
_HOLDS_BLOCKS = BLOCK_TAGS | {"div", "section", "article", "main", "ul", "ol", "dl", "table", "blockquote", "figure"}
_KINDS: dict[str, BlockKind] = {"li": "list-item", "figcaption": "caption"}
_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
# A title's site suffix: "Port strike enters second week | The Harbour Gazette".
_SEPARATORS = r"\s+[|–—·•:»-]\s+"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # "?>" or, malformed, only ">"
# The first element of a document, after its XML declaration, processing instructions, comments and doctype.
_ROOT = re.compile(r"(?:\s|<\?[^>]*>|<!--.*?-->|<!doctype[^>]*>)*<([a-z][\w:.-]*)", re.I | re.S)
FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")  # as trafilatura reads a site's name off its address


def looks_like(text: str) -> bool:
    """An HTML page: markup from its first character with a document or paragraph element early on
    (an XHTML page's XML declaration, well formed or not, or a PHP warning printed above the page,
    included), or a page whose `<html>` or `<body>` comes after some stray text. Not a feed: an XML
    document whose root is `<rss>`, `<feed>` or `<rdf:RDF>`."""
    root = _ROOT.match(text)
    if root and root.group(1).lower() in FEED_ROOTS:
        return False
    head = text.lstrip()[:4000].lower()
    if head.startswith("<") and re.search(r"<(?:!doctype html|html|head|body|article|p|div)\b", head):
        return True
    return bool(re.search(r"<(?:html|body)\b[^>]*>", text[:100_000], re.I))


def parse(text: str) -> tuple[list[Block], Metadata, bool]:
    """The page's blocks, its metadata, and whether trafilatura decided which blocks are the article."""
    # The text is decoded already: an XML declaration naming its bytes' encoding would make lxml
    # refuse it (and trafilatura then decode it again), so it is blanked, lines kept.
    tree = _load_html(_XML_DECLARATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, count=1))
    if tree is None:
        raise SeedError("the HTML page holds no document that lxml can parse", fix="saving the page again, whole.")
    found: list[Block] = []
    _walk_children(tree, found, in_quote=False)
    blocks = [b for b in found if b.text]
    extracted = trafilatura.bare_extraction(tree, include_comments=True)
    metadata = _metadata(_stated_metadata(tree), tree)
    if not isinstance(extracted, Document) or not extracted.text:
        return blocks, metadata, False  # no main text found: the page is its text, for the rules to clean
    return (
        _decided(blocks, _Extracted(extracted.text), _Extracted(extracted.comments or ""), metadata.title),
        metadata,
        True,
    )


# trafilatura's parser (`trafilatura.utils.HTML_PARSER`), but for how lxml picks the class of an
# element it hands to Python: lxml.html's own way is a Python call for each, a tenth of the time of
# reading a page; this one is lxml's, in C. Only lxml.html's form elements lose their classes, and
# neither trafilatura nor the reader asks for a form's fields.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


def _load_html(text: str) -> HtmlElement | None:
    """The page's tree as `trafilatura.utils.load_html` reads a decoded page (its repairs, its
    fallback to bytes, its refusal of a page that is not HTML), with `_PARSER`."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree = None
    with contextlib.suppress(Exception):  # as trafilatura: what lxml cannot parse is no page
        tree = lxml.html.fromstring(text, parser=_PARSER)
    if tree is None or len(tree) < 1:  # then as bytes (lxml refuses a string that declares an encoding)
        tree = None
        with contextlib.suppress(Exception):
            tree = lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=_PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _walk_children(node: HtmlElement, found: list[Block], *, in_quote: bool) -> None:
    """Walk a container; runs of loose text and inline elements become one block each."""
    run: list[str] = []
    blank = True  # whether the run holds only whitespace so far
    start = node.sourceline or 1  # the seed line the run starts on, once it holds text

    def flush() -> None:
        text = "".join(run)
        if not blank:
            first = start + text[: len(text) - len(text.lstrip())].count("\n")
            found.append(_block(text, first, first + text.strip().count("\n"), "text", in_quote))
        run.clear()

    if node.text:
        run.append(node.text)
        blank = node.text.isspace()
    children = list(node)
    for i, child in enumerate(children):
        tag = child.tag  # lxml makes a new string on every access: asked once
        if isinstance(tag, str) and not (tag in INLINE_TAGS and _holds_only_inline(child)):
            flush()
            blank = True
            _walk(child, tag, found, in_quote=in_quote)
        elif isinstance(tag, str):
            if blank:  # the run starts here: on this element's line
                run.clear()
                start = child.sourceline or start
            piece = "\n" if tag == "br" else _text(child)
            run.append(piece)
            blank = blank and (not piece or piece.isspace())
        tail = child.tail
        if not tail:
            continue
        if blank and not tail.isspace():  # the run starts in this text, after the element
            run.clear()
            following = children[i + 1].sourceline if i + 1 < len(children) else None
            start = following - tail.count("\n") if following else _last_line(child)
            blank = False
        run.append(tail)
    flush()


def _holds_only_inline(node: HtmlElement) -> bool:
    return not len(node) or all(d.tag in INLINE_TAGS for d in node.iterdescendants() if isinstance(d.tag, str))


def _walk(node: HtmlElement, tag: str, found: list[Block], *, in_quote: bool) -> None:
    if tag in CHROME_TAGS:
        found.append(_chrome(node, tag))
        return
    if tag in BLOCK_TAGS and not len(node):  # an element with text alone: the quick case of the next
        line = node.sourceline or 1
        text = node.text or ""
        found.append(_block(text, line, line + text.count("\n"), tag, in_quote))
        return
    if tag in BLOCK_TAGS and next(node.iterdescendants(*_HOLDS_BLOCKS), None) is None:
        # Furniture inside a paragraph (a script, a share button) is recorded on its own.
        found.extend(_chrome(inner, inner.tag) for inner in node.iterdescendants(*CHROME_TAGS))
        found.append(_block(_text(node), node.sourceline or 1, _last_line(node), tag, in_quote))
        return
    _walk_children(node, found, in_quote=in_quote or tag == "blockquote")


def _text(node: HtmlElement) -> str:
    """The element's text as a reader sees it: line breaks for `<br>`, furniture left out."""
    parts = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == "br":
            parts.append("\n")
        elif isinstance(tag, str) and tag not in CHROME_TAGS:
            parts.append(_text(child) if len(child) else child.text or "")
        parts.append(child.tail or "")
    return "".join(parts)


def _last_line(node: HtmlElement) -> int:
    """The seed line the element's content ends on (lxml records where elements start): that of
    its last descendant, the last child of its last child and so on."""
    last = node
    while len(last):
        last = last[-1]
    return (last.sourceline or node.sourceline or 1) + (last.text or "").count("\n")


def _chrome(node: HtmlElement, tag: str) -> Block:
    """A piece of page furniture with all its text, scripts and styles included."""
    return _normalized(" ".join(node.itertext()), node.sourceline or 1, _last_line(node), "chrome", tag)


def _block(text: str, first: int, last: int, tag: str, quote: bool) -> Block:
    kind: BlockKind = _KINDS.get(tag, "paragraph")
    level = _HEADING_LEVELS.get(tag, 0)
    if level:
        kind = "heading"
    elif quote:
        kind = "quote"
    return _normalized(text, first, last, kind, tag, level)


def _normalized(text: str, first: int, last: int, kind: BlockKind, tag: str, level: int = 0) -> Block:
    return Block(normalize_space(text), first, max(first, last), kind, tag, level)


class _Extracted:
    """A text trafilatura extracted (the article, or its comments), asked whether it holds a block.

    trafilatura rewrites whitespace and may split or merge elements, so a block
    is held when most of its word triples occur in the text. A block of one or
    two words is held when it is a whole line of the text, or occurs in it
    beside a held block (a table cell, a label).
    """

    def __init__(self, text: str):
        self.text = normalize_space(text).casefold()
        self.lines = {normalize_space(line).casefold() for line in text.split("\n")}
        self.triples = set(_word_triples(self.text))
        if any(unspaced(line) for line in self.lines):  # Chinese or Japanese: their blocks are matched by characters
            self.triples |= set(_character_triples(self.text))

    def holds(self, text: str) -> bool | None:
        """Whether the text holds the block (its text normalized, as every block's is); None for a
        short block that only its neighbours can tell."""
        if not self.text:
            return False
        text = text.casefold()
        triples = _triples(text)
        if triples:
            return sum(1 for t in triples if t in self.triples) / len(triples) >= settings.EXTRACTED_MIN_SHARE
        if text in self.lines:
            return True
        return None if text in self.text else False


class _KeptSoFar:
    """The article text kept so far on a page, to tell a block that only repeats it: several of its
    paragraphs, word for word, run together in one element, as a page holds a second copy of its
    article (for print, for another screen, in a data attribute). A paragraph the page shows twice (a
    pull quote, a caption) is not such a copy and stays: nothing says which of the two is the page's.
    Counted in words: a text written without spaces (Chinese, Japanese) is not checked; nor is a
    copy that comes before the article's paragraphs (it is kept, and they are too)."""

    def __init__(self) -> None:
        self.paragraphs: dict[tuple[str, ...], list[str]] = {}  # kept paragraphs (casefolded) by first words

    def repeats(self, text: str) -> bool:
        """Whether the block is mostly (`REPEAT_MIN_SHARE` of its length) at least `REPEAT_MIN_BLOCKS`
        kept paragraphs, word for word; if not, it is counted as kept."""
        text = text.casefold()
        words = text.split()
        if len(words) >= settings.REPEAT_MIN_BLOCKS * settings.BODY_MIN_WORDS:
            starting = {p for t in zip(words, words[1:], words[2:], strict=False) for p in self.paragraphs.get(t, ())}
            held = _apart(text, [p for p in starting if p in text])
            if len(held) >= settings.REPEAT_MIN_BLOCKS and sum(map(len, held)) >= settings.REPEAT_MIN_SHARE * len(text):
                return True
        if len(words) >= settings.BODY_MIN_WORDS:
            self.paragraphs.setdefault(tuple(words[:3]), []).append(text)
        return False


def _apart(text: str, paragraphs: list[str]) -> list[str]:
    """Of the paragraphs the text holds, those whose first place in it overlaps no longer one's (a
    pull quote taken from a paragraph counts once, with it), longest first."""
    taken: list[tuple[int, int]] = []
    kept = []
    for paragraph in sorted(paragraphs, key=lambda p: (-len(p), p)):
        start = text.find(paragraph)
        end = start + len(paragraph)
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            kept.append(paragraph)
    return kept


def _triples(text: str) -> list[tuple[str, ...]]:
    """Runs of three words; of three characters in a script written without spaces (Chinese, Japanese)."""
    return _character_triples(text) if unspaced(text) else _word_triples(text)


def _word_triples(text: str) -> list[tuple[str, ...]]:
    words = text.split()
    return list(zip(words, words[1:], words[2:], strict=False))


def _character_triples(text: str) -> list[tuple[str, ...]]:
    characters = text.replace(" ", "")
    return list(zip(characters, characters[1:], characters[2:], strict=False))


def _decided(blocks: list[Block], article: _Extracted, comments: _Extracted, title: str) -> list[Block]:
    """Each block as it was if it is the article (or its title); else marked as a comment, boilerplate, or
    a repeat: a second copy of several of the article's paragraphs, run together."""
    held = [b.kind != "chrome" and article.holds(b.text) for b in blocks]
    for i, verdict in enumerate(held):
        if verdict is None:
            held[i] = any(held[j] is True for j in (i - 1, i + 1) if 0 <= j < len(held))
    title_seen = False
    kept_so_far = _KeptSoFar()
    decided = []
    for block, kept in zip(blocks, held, strict=True):
        if not title_seen and title and block.kind == "heading" and block.text.casefold() == title.casefold():
            kept = title_seen = True
        elif kept and block.kind != "chrome" and kept_so_far.repeats(block.text):
            decided.append(replace(block, kind="repeat"))
            continue
        if block.kind == "chrome" or kept:
            decided.append(block)
            continue
        kind: BlockKind = "comment" if comments.holds(block.text) else "boilerplate"
        decided.append(
            Block(block.text, block.first_line, block.last_line, kind=kind, tag=block.tag, level=block.level)
        )
    return decided


def _stated_metadata(tree: HtmlElement) -> Document:
    """What the page says of itself, read as trafilatura's `extract_metadata` reads it (meta tags, then
    JSON-LD, then the page's markup; htmldate for the date) but for its categories, tags and
    licence: the reader shows none of them, and finding them costs a tenth of reading a page."""
    found = trafilatura.metadata.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # one word in a meta tag is a user name more often than an author
    with contextlib.suppress(Exception):  # as trafilatura guards its JSON-LD reader, against its bugs
        found = trafilatura.metadata.extract_meta_json(tree, found)
    found.title = found.title or trafilatura.metadata.extract_title(tree)
    found.author = found.author or trafilatura.metadata.extract_author(tree)
    found.url = found.url or trafilatura.metadata.extract_url(tree)
    # The date the page states (meta tags, structured data, its markup), never one guessed from dates
    # in its text (htmldate's extensive search); the original publication date, not the last update.
    found.date = find_date(tree, url=found.url, extensive_search=False, original_date=True)
    found.sitename = (found.sitename or trafilatura.metadata.extract_sitename(tree) or "").lstrip("@")
    if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
        found.sitename = found.sitename.title()
    found.clean_and_trim()
    return found


def _metadata(extracted: Document | dict[str, Any] | None, tree: HtmlElement) -> Metadata:
    """What the page states: trafilatura reads the site's name from `og:site_name`, JSON-LD's
    `publisher` or `application-name`; failing those, the `<title>`'s suffix names it."""
    if not isinstance(extracted, Document):
        return Metadata()
    outlet = normalize_space(extracted.sitename or "")
    host = _HOST.match(extracted.url or "")
    if host and outlet.casefold() == host[1].casefold():
        outlet = ""  # trafilatura's last resort, the address's host: the page does not name itself
    title = normalize_space(extracted.title or "")
    outlet = outlet or _title_site_name(tree, title)
    return Metadata(
        title=_without_site_suffix(title, outlet),
        author=normalize_space(extracted.author or ""),
        outlet=outlet,
        published=extracted.date or "",
        url=extracted.url or "",
    )


def _title_site_name(tree: HtmlElement, headline: str) -> str:
    """The site's name as the `<title>`'s first or last part ("Port strike | Steppe Courier"), when
    the rest of it is the headline the page shows (its `<h1>`, or the title trafilatura found)."""
    element = tree.find(".//title")
    whole = normalize_space(element.text_content()) if element is not None else ""
    parts = re.split(_SEPARATORS, whole)
    if len(parts) < 2:
        return ""
    headlines = {normalize_space(h.text_content()).casefold() for h in tree.iter("h1")} | {headline.casefold()}
    for name, rest in ((parts[-1], whole[: whole.rfind(parts[-1])]), (parts[0], whole[len(parts[0]) :])):
        rest = re.sub(rf"^{_SEPARATORS}|{_SEPARATORS}$", "", rest)
        if word_count(name) <= settings.SITE_NAME_MAX_WORDS and rest.casefold() in headlines - {""}:
            return name
    return ""


def _without_site_suffix(title: str, outlet: str) -> str:
    """The title without the site's name that `<title>` tags carry ("... | The Harbour Gazette")."""
    if not outlet:
        return title
    parts = re.split(_SEPARATORS, title)
    if len(parts) > 1 and parts[-1].casefold() == outlet.casefold():
        return re.sub(rf"{_SEPARATORS}{re.escape(parts[-1])}$", "", title)
    if len(parts) > 1 and parts[0].casefold() == outlet.casefold():
        return re.sub(rf"^{re.escape(parts[0])}{_SEPARATORS}", "", title)
    return title
