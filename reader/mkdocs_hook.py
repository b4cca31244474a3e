"""The MkDocs side: a thin hook that adds the generated pages to every build.

`mkdocs build` and `mkdocs serve` call `on_config`, which renders the same
pages as `python build_site.py` and sets the navigation (articles grouped by
outlet), and `on_files`, which hands the pages to MkDocs in memory: nothing is
written to `docs/`, so a failed or killed build cannot leave it half-written,
and `mkdocs serve` picks up edits to `seeds/` and `annotations/` live. Bad
input stops the build with the same messages the command prints.
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
from mkdocs.structure.files import File, Files  # noqa: E402

from reader.errors import Problems  # noqa: E402
from reader.progress import Progress  # noqa: E402
from reader.site import rendered_site  # noqa: E402

# What on_config rendered, for on_files in the same build.
_generated: dict[str, str | bytes] = {}


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


def on_config(config):
    """Render the pages, and give MkDocs the navigation, grouped by outlet, that lists them."""
    root = Path(config.config_file_path).resolve().parent
    try:
        files, nav = rendered_site(root / "seeds", root / "annotations", Path(config.config_file_path), Progress())
    except Problems as problems:
        raise PluginError(f"The reader's pages could not be generated:\n{problems}") from None
    _generated.clear()
    _generated.update(files)
    config.nav = nav
    return config


def on_files(files: Files, /, *, config) -> Files:
    for path, content in sorted(_generated.items()):
        # Pages `build_site.py` wrote into docs/ earlier are replaced by the fresh ones.
        stale = files.get_file_from_path(path)
        if stale is not None:
            files.remove(stale)
        files.append(File.generated(config, path, content=content))
    return files
