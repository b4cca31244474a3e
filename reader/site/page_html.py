"""What every built page's HTML gets: a Content-Security-Policy, and less whitespace (see `reader.site.postbuild`)."""

from __future__ import annotations

import base64
import hashlib
import re

# Inline scripts outside the page's content are the theme's own; only they are allowed to run.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_CONTENT = re.compile(r'<div class="md-content".*?</article>', re.S)


# Pagefind runs its search as WebAssembly, which needs 'wasm-unsafe-eval' (and nothing else does).
WASM = " 'wasm-unsafe-eval'"
# With `repo_url` on GitHub, the theme's header shows the repository's stars and forks, which its
# script asks GitHub's API for.
_GITHUB_SOURCE = re.compile(r'<a href="https://github\.com/[^"]*"[^>]*data-md-component="source"')
GITHUB_API = " https://api.github.com"


def add_content_security_policy(html: str, wasm: bool = False, preview: bool = False) -> str:
    """A Content-Security-Policy that lets the theme's own inline scripts run and nothing else: no inline
    script in the article content, no script from another site, no inline event handler.

    A `preview` page (`mkdocs serve`) lets inline scripts run: the server adds its live-reload script
    to each page as it sends it, with values no hash could know. Published pages never have this."""
    content = _CONTENT.search(html)
    outside = html[: content.start()] + html[content.end() :] if content else html
    hashes = sorted({_sha256(m.group(1)) for m in _INLINE_SCRIPT.finditer(outside)})
    inline = "'unsafe-inline'" if preview else " ".join(hashes)  # (a hash would switch 'unsafe-inline' off)
    policy = (
        "default-src 'self'; "
        f"script-src 'self'{WASM if wasm else ''} {inline}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        f"connect-src 'self'{GITHUB_API if _GITHUB_SOURCE.search(outside) else ''}; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-src 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


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
