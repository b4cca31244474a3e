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
        ("sourced:\n  {{ sp }}<a>", "sourced:{{ sp }}<a>"),  # a space beside a tag is written out
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


def test_a_markdown_template_shows_markdown_in_a_value_as_text():
    """Every value a Markdown template prints is Markdown text, with no `|markdown` to forget."""
    import markdown

    line = macros("lists.md").article('[x](javascript:alert(1)) --8<-- "mkdocs.yml" | a', "../articles/a.md")
    assert line == r'- [\[x\]\(javascript:alert\(1\)\) \-\-8&lt;\-\- "mkdocs\.yml" \| a](../articles/a.md)'
    html = markdown.markdown(line)
    assert html.count("<a ") == 1 and 'href="../articles/a.md"' in html and "javascript" not in html.split(">")[0]


def test_a_markdown_template_prints_no_value_inside_an_html_attribute():
    """Its values are escaped as Markdown text, which leaves quotes as they are: HTML with
    attributes comes from an HTML template's macro."""
    for template in sorted((SITE_CODE / "templates").glob("*.md")):
        source = template.read_text(encoding="utf-8")
        assert not re.search(r"=\s*[\"'][^\"'<>]*\{\{", source), template.name


def test_a_link_or_an_id_that_the_site_did_not_make_is_refused():
    with pytest.raises(ValueError):
        macros("lists.md").article("A title", "javascript:alert(1)")
    with pytest.raises(ValueError):
        render("rules.md", title="t", rules=[("a rule", "why")], archives=(), skipped=())
