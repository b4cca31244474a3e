"""Pagefind, the search for large corpora: the index `mkdocs build` writes, and the one
`mkdocs serve` keeps up to date in the background. Runs the real Pagefind binary on
small sites; the search in the browser is in test_browser.py."""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from reader.site.pagefind import INDEX_FOLDER, UNSEARCHED, PreviewIndex, index_with_pagefind
from reader.site.render import render_site


def write_page(site: Path, name: str, text: str, searched: bool = True) -> None:
    """A page marked up as the reader's are: `data-pagefind-body` on the pages the search is for
    (overrides/main.html), `data-search-exclude` on what it leaves out."""
    page = site / name / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    body = (
        f'<p class="reader-byline" data-search-exclude>Bylineword</p><h1>{name}</h1><p>{text}'
        f' <a class="reader-counterpart" data-search-exclude href="../other/#p1">also in Othercopy ¶1</a></p>'
        f'<details class="reader-removals" data-search-exclude><p>removedword</p></details>'
        f'<section class="reader-comparison" data-search-exclude><div class="reader-row">Sidebyside copy</div></section>'
    )
    content = f"<div data-pagefind-body>{body}</div>" if searched else body
    page.write_text(
        f'<html lang="en"><body><nav>Menu</nav><article class="md-content__inner">{content}</article></body></html>',
        encoding="utf-8",
    )


def indexed_text(site: Path) -> str:
    """The text of every page in the site's Pagefind index (its fragments are gzipped JSON)."""
    fragments = sorted((site / INDEX_FOLDER / "fragment").glob("*.pf_fragment"))
    return " ".join(json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["content"] for f in fragments)


def page_count(site: Path) -> int:
    entry = json.loads((site / INDEX_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


@pytest.fixture
def site(tmp_path):
    write_page(tmp_path, "first", "Moscow and Beijing")
    write_page(tmp_path, "second", "Wagons in a circle")
    write_page(tmp_path, "by-date", "Listword of every article", searched=False)
    return tmp_path


def test_a_build_indexes_the_articles_text_and_not_the_navigation_lists_metadata_removed_lines_or_copies(site):
    index_with_pagefind(site)
    text = indexed_text(site)
    assert page_count(site) == 2
    assert "Beijing" in text and "Wagons" in text
    assert "Listword" not in text and "Bylineword" not in text
    assert "Menu" not in text and "removedword" not in text
    assert "Othercopy" not in text and "Sidebyside" not in text


def test_a_build_stops_with_pagefinds_message_when_it_cannot_index(tmp_path):
    with pytest.raises(PluginError, match="Pagefind could not index the site"):
        index_with_pagefind(tmp_path / "no-such-site")


def test_the_preview_index_is_moved_in_whole_once_pagefind_is_done(site):
    preview = PreviewIndex()
    preview.start(site)
    preview.wait()
    assert page_count(site) == 2
    write_page(site, "third", "Zanzibar")
    preview.start(site)
    preview.wait()
    assert page_count(site) == 3 and "Zanzibar" in indexed_text(site)
    assert sorted(p.name for p in site.iterdir()) == [
        "by-date",
        "first",
        INDEX_FOLDER,
        "second",
        "third",
    ]  # no half-made folder left


def test_a_page_opened_before_the_new_preview_index_still_finds_the_old_ones_files(site):
    """Files are only added or rewritten with the same bytes; the entry file names the index."""
    preview = PreviewIndex()
    preview.start(site)
    preview.wait()
    old = {p.relative_to(site): p.read_bytes() for p in (site / INDEX_FOLDER).rglob("*") if p.is_file()}
    write_page(site, "third", "Zanzibar")
    preview.start(site)
    preview.wait()
    changed = [path for path, data in old.items() if (site / path).read_bytes() != data]
    assert changed == [Path(INDEX_FOLDER) / "pagefind-entry.json"]


def test_a_newer_build_stops_the_run_under_way_and_the_previous_index_stays(site):
    preview = PreviewIndex()
    preview.start(site)
    preview.wait()
    before = (site / INDEX_FOLDER / "pagefind-entry.json").read_bytes()
    write_page(site, "third", "Zanzibar")
    preview.start(site)
    preview.stop()  # as the hook does when the next rebuild starts
    assert (site / INDEX_FOLDER / "pagefind-entry.json").read_bytes() == before
    assert not any(p.name.startswith(".") for p in site.iterdir())


@pytest.mark.slow
def test_a_failed_preview_index_is_logged_and_the_previous_one_stays(site, caplog, tmp_path):
    preview = PreviewIndex()
    preview.start(site)
    preview.wait()
    missing = tmp_path / "gone"
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.reader"):
        preview.start(missing)
        preview.wait()
    assert "Pagefind could not index the site" in caplog.text
    assert page_count(site) == 2


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities as POSIX has them")
def test_the_preview_index_runs_at_a_lower_priority_than_the_server(site):
    """So that on a busy machine the next rebuild and the page's reload go first."""
    preview = PreviewIndex()
    preview.start(site)
    try:
        assert os.getpriority(os.PRIO_PROCESS, preview._process.pid) > os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        preview.wait()


def test_pagefind_leaves_out_every_part_material_search_does(corpus):
    """Material's search reads `data-search-exclude` and then takes it out of the page, so Pagefind
    knows the same parts by class: every excluded element on every page has one of them."""
    excluded = [
        tag
        for name, page in render_site(corpus).items()
        if name.endswith(".md")
        for tag in re.findall(r"<[a-z0-9]+ [^>]*data-search-exclude[^>]*>", str(page))
    ]
    assert len(excluded) > 100
    for tag in excluded:
        classes = re.search(r'class="([^"]*)"', tag)
        assert classes and set(classes.group(1).split()) & set(UNSEARCHED), tag


def test_a_large_site_is_indexed_in_shards_that_together_hold_every_page(site, monkeypatch):
    """Pagefind keeps what it indexes in memory: past `PAGEFIND_SHARD_PAGES` pages, each shard is a
    bundle of its own, listed for the search to merge; the pages are linked, not copied, and no
    working folder is left."""
    from reader import settings

    write_page(site, "third", "Drills near the border")
    monkeypatch.setattr(settings, "PAGEFIND_SHARD_PAGES", 2)
    index_with_pagefind(site)
    assert json.loads((site / INDEX_FOLDER / "shards.json").read_text(encoding="utf-8")) == ["../pagefind-2/"]
    bundles = [site / INDEX_FOLDER, site / f"{INDEX_FOLDER}-2"]
    counts = [
        sum(lang["page_count"] for lang in json.loads((b / "pagefind-entry.json").read_text())["languages"].values())
        for b in bundles
    ]
    assert sum(counts) == 3 and all(counts)  # by-date is not searched
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}")) == []


def test_a_site_in_one_piece_lists_no_shards(site):
    index_with_pagefind(site)
    assert json.loads((site / INDEX_FOLDER / "shards.json").read_text(encoding="utf-8")) == []
