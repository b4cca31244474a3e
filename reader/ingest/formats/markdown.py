"""Markdown reprints, parsed with markdown-it-py into blocks of plain text.

Links become their text (scraped links are mostly dead `(#)` anchors), escapes
are undone by the parser, and a hard line break starts a new block, since
scrapes use it to stack unrelated lines ("source ... / Copyright ...").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.ingest.formats import plaintext
from reader.model import Block, BlockKind
from reader.text import normalize_space

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
    links = sum(1 for t in tokens if t.type == "inline" for c in t.children or [] if c.type == "link_open")
    return headings > 0 or links >= 2


def blocks(text: str) -> list[Block]:
    found: list[Block] = []
    containers: list[BlockKind] = []
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


def _block(token: Token, text: str, **kwargs: Any) -> Block:
    first, last = token.map or (0, 1)
    return Block(text=normalize_space(text), first_line=first + 1, last_line=last, **kwargs)


def _inline_blocks(inline: Token, parent: Token | None, containers: list[BlockKind]) -> list[Block]:
    """One block per line of an inline run that the scrape broke on purpose, links reduced to their text.

    A hard line break always starts a new block. A soft one does too when the
    run's lines are not prose wrapped at a width (a weather widget, a date and a
    breadcrumb stacked on three lines of a page scraped to Markdown).
    """
    kind: BlockKind = "paragraph"
    level = 0
    if parent is not None and parent.type == "heading_open":
        kind, level = "heading", int(parent.tag[1])
    elif containers:
        kind = containers[-1]
    children = inline.children or []
    only_images = all(c.type in ("image", "softbreak", "hardbreak") or not c.content.strip() for c in children)
    if only_images and any(c.type == "image" for c in children):
        kind = "image"
    first, end = (inline.map or (0, 1))[0] + 1, (inline.map or (0, 1))[1]
    lines = _lines(children, first)
    stacked = not plaintext.is_wrapped([normalize_space(_text(tokens)) for _, tokens, _ in lines])
    pieces: list[tuple[int, list[Token]]] = []
    for number, tokens, hard in lines:
        if pieces and not hard and not stacked:
            pieces[-1][1].extend([Token("softbreak", "", 0), *tokens])
        else:
            pieces.append((number, list(tokens)))
    return [
        Block(
            text=normalize_space(_text(tokens)),
            first_line=start,
            last_line=max(start, pieces[i + 1][0] - 1 if i + 1 < len(pieces) else end),
            kind=kind,
            tag=parent.tag if parent is not None else "",
            level=level,
            link_only=_only_one_link(tokens),
        )
        for i, (start, tokens) in enumerate(pieces)
    ]


def _lines(children: list[Token], first: int) -> list[tuple[int, list[Token], bool]]:
    """The run's lines: (seed line, tokens, whether a hard break came before it)."""
    lines: list[tuple[int, list[Token], bool]] = [(first, [], True)]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append((lines[-1][0] + 1, [], child.type == "hardbreak"))
        else:
            lines[-1][1].append(child)
    return lines


def _text(tokens: list[Token]) -> str:
    return "".join(
        " " if t.type == "softbreak" else t.content
        for t in tokens
        if t.type in ("text", "text_special", "code_inline", "image", "softbreak")
    )


def _only_one_link(tokens: list[Token]) -> bool:
    """Whether the line is one link and nothing else."""
    outside, depth, links = "", 0, 0
    for child in tokens:
        if child.type == "link_open":
            depth += 1
            links += 1
        elif child.type == "link_close":
            depth -= 1
        elif depth == 0:
            outside += child.content
    return links == 1 and not outside.strip()
