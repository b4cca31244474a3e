"""Pagefind, the search for large corpora (mkdocs.yml: `extra: {search_engine: pagefind}`).

Material's built-in search loads one index of the whole site before it answers;
Pagefind indexes the built pages into small chunks and the browser fetches only
those a query needs. `docs/javascripts/pagefind-search.js` answers in
Material's own search box.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError


def uses_pagefind(config) -> bool:
    """mkdocs.yml's `extra: {search_engine: pagefind}`: the search for large corpora."""
    return (config.extra or {}).get("search_engine") == "pagefind"


# What Pagefind indexes: each page's content, not the navigation; not the lists of removed text, nor note numbers.
PAGEFIND_ROOT = "article.md-content__inner"
PAGEFIND_IGNORE = ".reader-removals, .reader-removed-none, .headerlink, .reader-ref"


def index_with_pagefind(site_dir: Path) -> None:
    """Write Pagefind's index of the built pages into `site/pagefind/` (its binary comes from PyPI)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", PAGEFIND_ROOT,
         "--exclude-selectors", PAGEFIND_IGNORE, "--glob", "**/index.html", "--force-language", "en", "--silent"],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise PluginError(f"Pagefind could not index the site:\n{result.stderr.strip() or result.stdout.strip()}")


def unhook_material_search(html: str) -> str:
    """Material's search script binds to the box by these attributes; without them it leaves the box to Pagefind."""
    return html.replace('data-md-component="search', 'data-reader-component="search')
