"""The generated HTML comes from templates that escape by default (reader/site/templating.py)."""

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from reader.site.templating import joined_lines, macros, markdown_text, render

SITE_CODE = Path(__file__).parent.parent / "reader" / "site"


@pytest.mark.parametrize(
    ("source", "joined"),
    [
        ("<p>\n  <a>x</a>\n</p>", "<p><a>x</a></p>"),  # beside a tag: dropped
        ("{% if x %}\n  <b>\n{% endif %}", "{% if x %}<b>{% endif %}"),  # beside a template tag: dropped
        ("<p>some words\n  more words</p>", "<p>some words more words</p>"),  # between words: one space
        ("sourced:\n  {{- ' ' }}<a>", "sourced:{{- ' ' }}<a>"),  # a space after a tag is written out
    ],
)
def test_an_html_templates_lines_are_joined_as_the_page_had_them(source, joined):
    assert joined_lines(source) == joined


def test_text_is_escaped_and_markup_from_a_template_is_not_escaped_twice():
    common = macros("common")
    link = common.external_link("https://example.org/?a=1&b=2", '<script>alert("x")</script>')
    assert link == (
        '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">'
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a>"
    )
    anchor = common.search_anchor("s-p1", Markup("<em>kept</em>"))
    assert "<em>kept</em>" in anchor


def test_an_attribute_cannot_be_closed_by_the_text_in_it():
    element = macros("common").data_element("reader-citation", {"title": '"><script>x</script>'})
    assert element == '<div id="reader-citation" hidden data-title="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"></div>'


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Report #1 *draft*", r"Report \#1 \*draft\*"),
        ("<b>AT&T</b>", "&lt;b&gt;AT&amp;T&lt;/b&gt;"),
        (Markup('<a href="x">y</a>'), '<a href="x">y</a>'),
    ],
)
def test_markdown_text_escapes_html_and_markdown_but_not_a_templates_markup(text, shown):
    assert markdown_text(text) == shown


def test_a_markdown_template_keeps_its_lines():
    page = render(
        "rules.md", title="How <the> text is cleaned", rules=[("a-rule", "Removes *this*.")], archives=(), skipped=()
    )
    assert "# How &lt;the&gt; text is cleaned\n\n" in page
    assert "\n\n## a-rule\n\nRemoves \\*this\\*\\.\n" in page


def test_no_python_module_of_the_site_escapes_by_hand():
    """Escaping is the templates' default: no module of reader/site calls an escape function itself
    (templating.py, which defines the Markdown escape and the front matter's, is the exception)."""
    hand_escapes = re.compile(r"\b(html\.escape|escape|attribute|md_escape|markdown_text)\(")
    found = [
        f"{path.name}:{number}"
        for path in sorted(SITE_CODE.glob("*.py"))
        if path.name != "templating.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if hand_escapes.search(line)
    ]
    assert found == []
