"""Contributor Markdown is rendered and sanitised: nothing that can run survives."""

import re

import pytest
from bs4 import BeautifulSoup

from reader.annotations.markup import ALLOWED_TAGS, plain_text, safe_html

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="#" onclick="alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "`<script>alert(1)</script>`",
]


def dangerous(html: str) -> list[str]:
    """Elements, attributes and URLs in the HTML that could run script (escaped text cannot)."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name not in ALLOWED_TAGS:
            found.append(tag.name)
        for name, value in tag.attrs.items():
            if name.startswith("on") or name == "style":
                found.append(name)
            if name in ("href", "src") and not re.match(r"(?:https?:|mailto:|#)", str(value).strip(), re.I):
                found.append(f"{name}={value}")
    return found


@pytest.mark.parametrize("payload", XSS)
def test_no_payload_survives(payload):
    assert dangerous(safe_html(payload)) == []


def test_ordinary_markdown_is_kept():
    html = safe_html("**Bold**, *italic* and [a source](https://example.org/report).")
    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html
    assert 'href="https://example.org/report"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_plain_text_drops_markup():
    assert plain_text("**Li** was [removed](https://example.org).") == "Li was removed."
