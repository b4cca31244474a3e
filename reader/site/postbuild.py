"""Post-build: what every built page gets, whichever engine built it (MkDocs or Zensical).

Run over a built `site/` folder: links in raw HTML resolved as Markdown links
are (`reader.site.links`; Zensical has done it already), each page's template
whitespace collapsed, Material's search unhooked where Pagefind searches
instead, and a Content-Security-Policy that allows by hash exactly the inline
scripts the page holds outside its content; then Pagefind's index, when it is
the search. The MkDocs plugin does the same per page as MkDocs writes it.
"""

from __future__ import annotations

from pathlib import Path

from reader.site.links import resolve_source_links
from reader.site.page_html import add_content_security_policy, collapse_blank_lines, theme_parts, unhook_material_search
from reader.site.pagefind import index_with_pagefind


def finish_page(html: str, *, source: str, directory_urls: bool, pagefind: bool, preview: bool = False) -> str:
    """One built page, made from the Markdown `source`, as it is published (see `reader.site.page_html`)."""
    html = collapse_blank_lines(resolve_source_links(html, source, directory_urls))
    parts = theme_parts(html)
    if pagefind:
        html = unhook_material_search(html, parts)
    return add_content_security_policy(html, wasm=pagefind, preview=preview, parts=parts)


def post_process(site_dir: Path, docs_dir: Path, *, directory_urls: bool, pagefind: bool) -> int:
    """Finish every HTML page under `site_dir` in place, then index it with Pagefind if asked; the pages done."""
    pages = sorted(site_dir.rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' not in html:  # not done twice
            source = source_of(path.relative_to(site_dir).as_posix(), docs_dir, directory_urls)
            path.write_text(
                finish_page(html, source=source, directory_urls=directory_urls, pagefind=pagefind), encoding="utf-8"
            )
    if pagefind:
        index_with_pagefind(site_dir)
    return len(pages)


def source_of(page: str, docs_dir: Path, directory_urls: bool) -> str:
    """The Markdown source a built page was made from (`a/b/index.html` from `a/b.md` or `a/b/index.md`)."""
    if not directory_urls or page == "index.html" or not page.endswith("/index.html"):
        return page[: -len(".html")] + ".md"
    folder = page[: -len("/index.html")]
    return f"{folder}.md" if (docs_dir / f"{folder}.md").is_file() else f"{folder}/index.md"
