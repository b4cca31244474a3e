"""The generated pages come from the Jinja2 templates in `templates/`, escaped by default.

A template file is a set of macros, one per piece of a page, or a whole page; Python calls them
with plain data (`macros("article").byline(...)`, `render("rules.md", ...)`) and gets back
`Markup`, which is never escaped twice. Text goes in as it is: seed text, titles and contributors'
words are escaped by the template, so safety is the default and not chosen line by line.

- An HTML template (`.html`) escapes what it prints as HTML (Jinja2's autoescape). A Markdown
  line inside one (a heading, a table cell) says `|markdown`.
- A Markdown template (`.md`) escapes what it prints as Markdown text (`markdown_text`), so that
  a title such as "[x](javascript:...)" or "--8<-- file" is shown, never read as Markdown. It
  prints values in text only, never inside an HTML attribute (a test checks): HTML with
  attributes comes from an `.html` macro, passed in as `Markup`.

Contributors' notes, which may hold a few HTML tags, come in already sanitised
(`reader.annotations.markup.safe_html`) as `Markup`.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from reader.dates import written, written_date

# What Python-Markdown (with the tables extension) reads a backslash before: the same text shown.
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(text: object) -> Markup:
    """Text Markdown shows as it is, for the parts of a page written in Markdown (headings, tables,
    lists): Markdown's punctuation backslashed, then `&`, `<` and `>` escaped (not quotes: this is
    text, never an attribute's value); HTML made by a template is left as it is."""
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(MARKDOWN_PUNCTUATION.sub(r"\\\1", str(text)), quote=False))


def link_target(href: str) -> Markup:
    """A link the site made (`links.link`), as a Markdown link's target: it holds no character
    Markdown would read (a seed's words never reach it: paths and anchors are slugs)."""
    if not re.fullmatch(r"[\w./#?=&%-]+", href):
        raise ValueError(f"not a link the site makes: {href!r}")
    return Markup(href)


def identifier(value: str) -> Markup:
    """One of the site's own names (a rule's, an id), shown as it is: letters, digits and hyphens."""
    if not re.fullmatch(r"[\w-]+", value):
        raise ValueError(f"not an identifier: {value!r}")
    return Markup(value)


def heading_id(value: str) -> Markup:
    """Python-Markdown's attribute list giving a heading its id: `{#topic-ukraine}`."""
    return Markup(f"{{#{identifier(value)}}}")


def theme_text(text: str) -> str:
    """Text for a place where the theme prints it raw (page titles, navigation labels): escaped."""
    return str(escape(text))


# libyaml's emitter when PyYAML has it (its wheels do): the same safe YAML, faster.
FRONT_MATTER_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(
    title: str, *, description: str | None = None, tags: Sequence[str] = (), searched: bool = True
) -> list[str]:
    """A page's YAML front matter, as lines, its title and description HTML-escaped (the theme prints
    them unescaped, in the navigation). A page `searched=False` stays out of the search index:
    a list page only repeats what the articles' own pages hold, and a long one outgrows an engine's
    limit for one entry (Zensical's, which shrinks as the index grows)."""
    meta: dict[str, object] = {"title": theme_text(title)}
    if description is not None:
        meta["description"] = theme_text(description)
    if tags:
        meta["tags"] = list(tags)
    if not searched:
        meta["search"] = {"exclude": True}
    front = yaml.dump(meta, Dumper=FRONT_MATTER_DUMPER, allow_unicode=True, width=1000, sort_keys=False)
    return ["---", front.strip(), "---", ""]


def plural(number: int, noun: str) -> str:
    """ "1 note", "2,048 notes"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


class _Loader(jinja2.PackageLoader):
    """HTML templates written across lines for reading, producing HTML on one line as the pages had it:
    a line break (with the next line's indentation) beside an HTML tag or a template tag is dropped,
    and between two words it is one space. A template writes a space beside a tag as `{{ sp }}`,
    and a line break as `{{ newline }}`. A Markdown template (`.md`) keeps its lines, but for
    those of `{% ... %}` tags."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        source, path, uptodate = super().get_source(environment, template)
        return (joined_lines(source) if template.endswith(".html") else source), path, uptodate


def joined_lines(source: str) -> str:
    """The template's source as the loader gives it to Jinja (see `_Loader`)."""

    def joiner(found: re.Match[str]) -> str:
        before, after = source[found.start() - 1 : found.start()], source[found.end() : found.end() + 1]
        dropped = before[-1:] in (">", "}", "") or after[:1] in ("<", "{", "")
        return "" if dropped else " "

    return re.sub(r"\n[ \t]*", joiner, source)


def _environment(**escaping: Any) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=_Loader("reader.site", "templates"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **escaping,
    )
    environment.filters.update(
        written=written,
        written_date=written_date,
        markdown=markdown_text,
        number="{:,}".format,
        basename=lambda path: PurePath(path).name,
        target=link_target,
        identifier=identifier,
    )
    environment.globals.update(
        plural=plural,
        newline=Markup("\n"),
        sp=Markup(" "),
        heading_id=heading_id,
        front_matter=lambda *a, **k: Markup("\n".join(front_matter(*a, **k))),
    )
    return environment


HTML = _environment(autoescape=True)
# Every value a Markdown template prints goes through `markdown_text` first (`finalize`); a macro's
# result is `Markup` there too (autoescape), so it is not escaped again.
MARKDOWN = _environment(autoescape=True, finalize=markdown_text)


def _template(name: str) -> jinja2.Template:
    return (MARKDOWN if name.endswith(".md") else HTML).get_template(name)


class Macros:
    """The macros of one template file, as attributes; each returns `Markup`."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Callable[..., Markup]:
        macro: Callable[..., Markup] = getattr(self._module, name)
        return macro


@functools.cache
def macros(name: str) -> Macros:
    """The macros of `templates/<name>` (`.html` unless named): `macros("article").byline(...)`."""
    return Macros(_template(name if "." in name else f"{name}.html").module)


def render(name: str, **values: Any) -> str:
    """A whole page from `templates/<name>`."""
    return _template(name).render(**values)
