"""What every built page's HTML gets: a Content-Security-Policy, made from the page read with a
parser (lxml), and less whitespace (see `reader.site.postbuild`)."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html

# Pagefind runs its search as WebAssembly, which needs 'wasm-unsafe-eval' (and nothing else does).
WASM = " 'wasm-unsafe-eval'"
# With `repo_url` on GitHub, the theme's header shows the repository's stars and forks, which its
# script asks GitHub's API for.
GITHUB_API = " https://api.github.com"


def add_content_security_policy(html: str, wasm: bool = False, preview: bool = False) -> str:
    """A Content-Security-Policy that lets the theme's own inline scripts run and nothing else: no inline
    script in the article content, no script from another site, no inline event handler.

    A `preview` page (`mkdocs serve`) lets inline scripts run: the server adds its live-reload script
    to each page as it sends it, with values no hash could know. Published pages never have this."""
    scripts, github = _theme_parts(html)
    hashes = sorted({_sha256(script) for script in scripts})
    inline = "'unsafe-inline'" if preview else " ".join(hashes)  # (a hash would switch 'unsafe-inline' off)
    policy = (
        "default-src 'self'; "
        f"script-src 'self'{WASM if wasm else ''} {inline}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        f"connect-src 'self'{GITHUB_API if github else ''}; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-src 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def _theme_parts(html: str) -> tuple[list[str], bool]:
    """The page read with a parser: its inline scripts outside the article content (the theme's own;
    one inside the content is never allowed), and whether the theme's header links a repository on
    GitHub (its `source` component)."""
    if not html.strip():
        return [], False
    document = lxml.html.fromstring(html)
    theirs = [e for e in document.iter("script", "a") if not _in_content(e)]
    scripts = [e.text or "" for e in theirs if e.tag == "script" and e.get("src") is None]
    github = any(
        e.tag == "a"
        and e.get("data-md-component") == "source"
        and (e.get("href") or "").startswith("https://github.com/")
        for e in theirs
    )
    return scripts, github


def _in_content(element: lxml.html.HtmlElement) -> bool:
    return any(p.tag == "div" and "md-content" in (p.get("class") or "").split() for p in element.iterancestors())


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
