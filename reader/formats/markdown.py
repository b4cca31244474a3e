"""Markdown reprints, parsed with markdown-it-py into blocks of plain text.

Links become their text (scraped links are mostly dead `(#)` anchors), escapes
are undone by the parser, and a hard line break starts a new block, since
scrapes use it to stack unrelated lines ("source ... / Copyright ...").
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Block
from ..text import normalize_space

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


@lru_cache(maxsize=2)
def _tokens(text: str) -> list[Token]:
    """The parse, kept: recognising the format and reading its blocks both need it (not to be changed)."""
    return _PARSER.parse(text)


def looks_like(text: str) -> bool:
    """Markdown if it has an ATX heading or at least two links, as the parser sees them."""
    if "#" not in text and "](" not in text and "][" not in text and "<http" not in text:
        return False  # no heading or link syntax at all: spare the parse
    tokens = _tokens(text)
    headings = sum(1 for t in tokens if t.type == "heading_open" and t.markup.startswith("#"))
    links = sum(
        1 for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "link_open"
    )
    return headings > 0 or links >= 2


def blocks(text: str) -> list[Block]:
    found: list[Block] = []
    containers: list[str] = []
    parent: Token | None = None
    for token in _tokens(text):
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append("quote" if token.type == "blockquote_open" else "list-item")
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "inline":
            found.extend(_inline_blocks(token, parent, containers))
        elif token.type == "hr":
            found.append(_block(token, token.markup, kind="separator"))
        elif token.type in ("html_block", "fence", "code_block"):
            kind = "html" if token.type == "html_block" else "paragraph"
            found.append(_block(token, token.content, kind=kind, tag=token.type))
        if token.nesting == 1:
            parent = token
    return [b for b in found if b.text]


def _block(token: Token, text: str, **kwargs) -> Block:
    first, last = token.map or (0, 1)
    return Block(text=normalize_space(text), first_line=first + 1, last_line=last, **kwargs)


def _inline_blocks(inline: Token, parent: Token | None, containers: list[str]) -> list[Block]:
    """One block per hard-broken line of an inline run, with links reduced to their text."""
    kind, level = "paragraph", 0
    if parent is not None and parent.type == "heading_open":
        kind, level = "heading", int(parent.tag[1])
    elif containers:
        kind = containers[-1]
    first = (inline.map or (0, 1))[0] + 1
    pieces: list[tuple[int, list[str], int]] = []
    line, parts, links = first, [], 0
    only_images = all(c.type in ("image", "softbreak", "hardbreak") or not c.content.strip() for c in inline.children or [])
    if only_images and any(c.type == "image" for c in inline.children or []):
        kind = "image"
    start = line
    for child in inline.children or []:
        if child.type == "hardbreak":
            pieces.append((start, parts, links))
            line += 1
            start, parts, links = line, [], 0
        elif child.type == "softbreak":
            line += 1
            parts.append(" ")
        elif child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "link_open":
            links += 1
    pieces.append((start, parts, links))
    result = []
    for begin, (start, parts, links) in enumerate(pieces):
        text = "".join(parts)
        end = pieces[begin + 1][0] - 1 if begin + 1 < len(pieces) else (inline.map or (0, 1))[1]
        link_only = links == 1 and _only_one_link(inline, begin)
        result.append(
            Block(
                text=normalize_space(text),
                first_line=start,
                last_line=max(start, end),
                kind=kind,
                tag=parent.tag if parent is not None else "",
                level=level,
                link_only=link_only,
            )
        )
    return result


def _only_one_link(inline: Token, piece: int) -> bool:
    """Whether hard-broken line `piece` of the inline run is a link and nothing else."""
    lines: list[list[Token]] = [[]]
    for child in inline.children or []:
        if child.type == "hardbreak":
            lines.append([])
        else:
            lines[-1].append(child)
    outside, depth = "", 0
    for child in lines[piece]:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0:
            outside += child.content
    return not outside.strip()
