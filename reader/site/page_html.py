"""What every built page's HTML gets, from the page read with a parser (lxml): a
Content-Security-Policy, Material's search box left to Pagefind where it searches, and less
whitespace (see `reader.site.postbuild`)."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

import lxml.etree

# Pagefind runs its search as WebAssembly, which needs 'wasm-unsafe-eval' (and nothing else does).
WASM = " 'wasm-unsafe-eval'"
# With `repo_url` on GitHub, the theme's header shows the repository's stars and forks, which its
# script asks GitHub's API for.
GITHUB_API = " https://api.github.com"


@dataclass(frozen=True)
class ThemeParts:
    """What a built page's theme (not its content) holds, as the parser finds it: its inline
    scripts, whether its header links a repository on GitHub (the `source` component), and the
    `data-md-component` names of Material's search box."""

    scripts: tuple[str, ...]
    github: bool
    search: tuple[str, ...]


def add_content_security_policy(
    html: str, wasm: bool = False, preview: bool = False, parts: ThemeParts | None = None
) -> str:
    """A Content-Security-Policy that lets the theme's own inline scripts run and nothing else: no inline
    script in the article content, no script from another site, no inline event handler.

    A `preview` page (`mkdocs serve`) lets inline scripts run: the server adds its live-reload script
    to each page as it sends it, with values no hash could know. Published pages never have this."""
    parts = parts or theme_parts(html)
    hashes = sorted({_sha256(script) for script in parts.scripts})
    inline = "'unsafe-inline'" if preview else " ".join(hashes)  # (a hash would switch 'unsafe-inline' off)
    policy = (
        "default-src 'self'; "
        f"script-src 'self'{WASM if wasm else ''} {inline}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        f"connect-src 'self'{GITHUB_API if parts.github else ''}; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-src 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _HEAD.sub(lambda head: f"{head[0]}\n    {meta}", html, count=1)


# The page's <head> start tag, with any attributes a theme gives it (`<head prefix="og: ...">`).
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


def theme_parts(html: str) -> ThemeParts:
    """The page read with a parser: what its theme holds outside the article content (an inline
    script inside the content is never allowed; a component's name there is text, not the theme's).

    A page with an end tag that closes what it never opened is read as holding nothing: such a tag
    in the content would close the content's element and leave what follows it outside (no built
    page has one; the content is escaped and sanitised, so this is a second guard, failing closed).
    lxml's plain parser, not lxml.html's: the same tree without a Python element class for each
    element (about 0.2 ms a page less, where there are thousands)."""
    parser = lxml.etree.HTMLParser(collect_ids=False)  # one a page: its error log is this page's alone
    document = lxml.etree.fromstring(html, parser) if html.strip() else None
    if document is None or any(error.type_name == "ERR_TAG_NAME_MISMATCH" for error in parser.error_log):
        return ThemeParts((), False, ())
    scripts = tuple(e.text or "" for e in _THEME_SCRIPTS(document))
    components = [(e, e.get("data-md-component") or "") for e in _THEME_COMPONENTS(document)]
    github = any(
        name == "source" and e.tag == "a" and (e.get("href") or "").startswith("https://github.com/")
        for e, name in components
    )
    search = tuple(sorted({name for _, name in components if name == "search" or name.startswith("search-")}))
    return ThemeParts(scripts, github, search)


# Outside (and not) any element of class "md-content", the article content: lxml.html's find_class in XPath.
_OUTSIDE_CONTENT = "not(ancestor-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' md-content ')])"
_THEME_SCRIPTS = lxml.etree.XPath(f"//script[not(@src)][{_OUTSIDE_CONTENT}]")
_THEME_COMPONENTS = lxml.etree.XPath(f"//*[@data-md-component][{_OUTSIDE_CONTENT}]")


def unhook_material_search(html: str, parts: ThemeParts) -> str:
    """Material's search script binds to its box by the `data-md-component` names the parser found
    there; renamed `data-reader-component`, the box is left to Pagefind (reader.js)."""
    for name in parts.search:
        html = html.replace(f'data-md-component="{name}"', f'data-reader-component="{name}"')
    return html


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


# Whitespace that spans lines, outside <pre> and <textarea>: the theme's templates leave lots of it.
_PRESERVED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_BLANK_RUN = re.compile(r"[ \t]*\n\s*")


def collapse_blank_lines(html: str) -> str:
    """Each run of whitespace that holds a line break becomes one line break: the browser shows the
    same page (it collapses such runs anyway, and scripts keep their line ends), and a page whose
    navigation lists a hundred items is half the size."""
    parts = _PRESERVED.split(html)
    return "".join(part if i % 2 else _BLANK_RUN.sub("\n", part) for i, part in enumerate(parts))
