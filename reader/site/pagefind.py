"""Pagefind, the search for large corpora (mkdocs.yml: `plugins: [{reader: {search_engine: pagefind}}]`).

Material's built-in search loads one index of the whole site before it answers;
Pagefind indexes the built pages into small chunks and the browser fetches only
those a query needs. `docs/javascripts/pagefind-search.js` answers in
Material's own search box.

Pagefind indexes the whole site each time (it has no way to update one page).
`mkdocs build` waits for it; under `mkdocs serve` it runs in the background
(`PreviewIndex`), so that a rebuilt page reloads without waiting for it and the
search catches up a few seconds later.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from reader import settings
from reader.files import link_or_copy

log = logging.getLogger("mkdocs.plugins.reader")


SEARCH_ENGINES = ("auto", "material", "pagefind")


def chosen(search_engine: str, articles: int) -> bool:
    """Whether the site searches with Pagefind: as set, or with `auto`, from a corpus size on
    (`settings.PAGEFIND_FROM_ARTICLES`, where Material's search gets slower than a second)."""
    return search_engine == "pagefind" or (search_engine == "auto" and articles >= settings.PAGEFIND_FROM_ARTICLES)


# What Pagefind indexes: each page's content, not the navigation, and only on the pages the search is for
# (overrides/main.html marks them `data-pagefind-body`, leaving out the lists, as Material's search does).
# Not what the pages mark `data-search-exclude` for Material's search, which it would only clutter: an
# article's byline and metadata, the removed text, note numbers, permalinks, a term's uses, what repeats
# the articles' own text (comparison tables, links to a paragraph's other copies). By class: Material's
# search takes those attributes out of the pages once it has read them.
PAGEFIND_ROOT = "article.md-content__inner"
UNSEARCHED = (
    "reader-byline", "reader-about-copy", "reader-standards", "reader-history", "reader-ref", "reader-permalink",
    "reader-note-head", "reader-back", "reader-uses", "reader-decisions", "reader-removed-none", "reader-removals",
    "reader-comparison", "reader-counterpart", "headerlink", "reader-legend",
)  # fmt: skip
PAGEFIND_IGNORE = ", ".join(f".{name}" for name in UNSEARCHED)
INDEX_FOLDER = "pagefind"
SHARDS = "shards.json"  # the other bundles of a site indexed in shards, for the search to merge


def _command(site_dir: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
        "--root-selector", PAGEFIND_ROOT, "--exclude-selectors", PAGEFIND_IGNORE,
        "--glob", "**/index.html", "--force-language", "en", "--silent",
    ]  # fmt: skip


def _failure(stdout: str, stderr: str) -> str:
    return f"Pagefind could not index the site:\n{stderr.strip() or stdout.strip()}"


def index_with_pagefind(site_dir: Path) -> None:
    """Write Pagefind's index of the built pages into `site/pagefind/` (its binary comes from PyPI).

    Pagefind holds what it indexes in memory, about 0.4 MB a page: a site of more than
    `settings.PAGEFIND_SHARD_PAGES` pages is indexed in shards of that many, each its own bundle
    (`pagefind-2/`, …), listed in `pagefind/shards.json` for the search to merge (`mergeIndex`)."""
    pages = sorted(p.relative_to(site_dir) for p in site_dir.rglob("index.html") if INDEX_FOLDER not in p.parts)
    shards = [pages[i : i + settings.PAGEFIND_SHARD_PAGES] for i in range(0, len(pages), settings.PAGEFIND_SHARD_PAGES)]
    if len(shards) <= 1:
        _run_pagefind(site_dir, site_dir / INDEX_FOLDER)
        (site_dir / INDEX_FOLDER / SHARDS).write_text("[]", encoding="utf-8")
        return
    names = [INDEX_FOLDER] + [f"{INDEX_FOLDER}-{n}" for n in range(2, len(shards) + 1)]
    for name, shard in zip(names, shards, strict=True):
        linked = site_dir.with_name(f".{site_dir.name}-{name}")  # beside the site: not inside what is indexed
        shutil.rmtree(linked, ignore_errors=True)
        try:
            for page in shard:
                (linked / page).parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(site_dir / page, linked / page)
            _run_pagefind(linked, site_dir / name)
        finally:
            shutil.rmtree(linked, ignore_errors=True)
    (site_dir / INDEX_FOLDER / SHARDS).write_text(json.dumps([f"../{name}/" for name in names[1:]]), encoding="utf-8")


def _run_pagefind(site_dir: Path, output: Path) -> None:
    result = subprocess.run(_command(site_dir, output), capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(_failure(result.stdout, result.stderr))


class PreviewIndex:
    """Pagefind for `mkdocs serve`, run beside the server instead of inside the build.

    Each rebuild starts a fresh index of the site in a folder of its own, moved
    into `site/pagefind/` once complete, so the search never reads half an
    index; until then it answers from the previous one. A newer rebuild stops
    a run still under way before it writes any page (`stop`).
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._waiter: threading.Thread | None = None
        self._stopping = False

    def start(self, site_dir: Path) -> None:
        self.stop()
        staging = site_dir / f".{INDEX_FOLDER}-next"
        shutil.rmtree(staging, ignore_errors=True)
        self._stopping = False
        self._process = subprocess.Popen(
            _command(site_dir, staging), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            preexec_fn=_yielding if os.name == "posix" else None,
        )  # fmt: skip
        self._waiter = threading.Thread(
            target=self._finish, args=(self._process, staging, site_dir / INDEX_FOLDER), daemon=True
        )
        self._waiter.start()

    def _finish(self, process: subprocess.Popen[str], staging: Path, target: Path) -> None:
        stdout, stderr = process.communicate()
        if process.returncode == 0 and not self._stopping:
            (staging / SHARDS).write_text("[]", encoding="utf-8")  # the preview indexes the site whole
            _move_in(staging, target)
        shutil.rmtree(staging, ignore_errors=True)
        if process.returncode != 0 and not self._stopping:
            log.error(_failure(stdout, stderr))

    def stop(self) -> None:
        """Stop the run under way, if any, and wait until it has cleared up."""
        if self._process is None:
            return
        self._stopping = True
        if self._process.poll() is None:
            self._process.kill()
        if self._waiter is not None:
            self._waiter.join()
        self._process = self._waiter = None

    def wait(self) -> None:
        """Wait for the run under way to finish and be moved in."""
        if self._waiter is not None:
            self._waiter.join()


def _yielding() -> None:
    """A lower priority for the preview's index (it exec()s into Pagefind's binary, which keeps it):
    on a busy machine the next rebuild and the page reloading go first, and the search catches up."""
    os.nice(10)


ENTRY = "pagefind-entry.json"


def _move_in(staging: Path, target: Path) -> None:
    """Move a new index over the old one, its entry file last: a page that loads the entry then finds
    every file it names. The old index's files stay, so a page opened before keeps searching; a
    file is overwritten only by the same bytes (the index's files carry their content's hash in
    their names, and Pagefind's scripts are the same on every run)."""
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and p.name != ENTRY):
        moved = target / path.relative_to(staging)
        moved.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, moved)
    os.replace(staging / ENTRY, target / ENTRY)
