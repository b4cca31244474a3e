"""The MkDocs side: a thin hook that regenerates the site's pages before each build.

`mkdocs build` and `mkdocs serve` call `on_pre_build`, which runs the same
generator as `python build_site.py`, so the site picks up edits to `seeds/`
live, and to `annotations/`. Bad input stops the build with the same messages the command prints.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the `reader` package beside it importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from reader.errors import Problems  # noqa: E402
from reader.site import generate  # noqa: E402


# Inline scripts outside the page's content are the theme's own; only they are allowed to run.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_CONTENT = re.compile(r'<div class="md-content".*?</article>', re.S)


def on_post_page(output: str, /, *, page, config) -> str:
    """Add a Content-Security-Policy that lets the theme's own inline scripts run and nothing else:
    no inline script in the article content, no script from another site, no inline event handler."""
    return add_content_security_policy(output)


def add_content_security_policy(html: str) -> str:
    content = _CONTENT.search(html)
    outside = html[: content.start()] + html[content.end() :] if content else html
    hashes = sorted({_sha256(m.group(1)) for m in _INLINE_SCRIPT.finditer(outside)})
    policy = (
        "default-src 'self'; "
        f"script-src 'self' {' '.join(hashes)}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-src 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def on_pre_build(config, **kwargs) -> None:
    root = Path(config.config_file_path).resolve().parent
    try:
        generate(root / "seeds", root / "annotations", Path(config.docs_dir), Path(config.config_file_path))
    except Problems as problems:
        raise PluginError(f"The reader's pages could not be generated:\n{problems}") from None
