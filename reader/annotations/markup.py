"""Contributor Markdown to safe HTML: rendered by markdown-it-py, then sanitised by nh3.

Note texts and glossary definitions come from outside contributors. Raw HTML
in them is not rendered, and nh3 removes whatever could still run: scripts,
event handlers, `javascript:` and `data:` URLs, styles, frames.
"""

from __future__ import annotations

import html
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "q", "cite"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Pure functions of their text: a rebuild renders only the notes it has not seen.
@lru_cache(maxsize=16384)
def safe_html(markdown_text: str, *, inline: bool = False) -> Markup:
    """Sanitised HTML for a contributor's Markdown (`Markup`: a template inserts it as it is);
    `inline` drops the outer paragraph."""
    rendered = _MARKDOWN.renderInline(markdown_text) if inline else _MARKDOWN.render(markdown_text)
    return Markup(
        nh3.clean(
            rendered,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer nofollow",
        ).strip()
    )


@lru_cache(maxsize=16384)
def plain_text(markdown_text: str) -> str:
    """The text of a contributor's Markdown, with no markup, for tooltips and attributes."""
    # nh3 with no tags allowed keeps only the text (escaped): ten times faster than parsing the HTML.
    return " ".join(html.unescape(nh3.clean(safe_html(markdown_text), tags=set())).split())


def attribute(text: str) -> str:
    return html.escape(text, quote=True)
