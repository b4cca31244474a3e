"""Write the generated site: into `docs/` for engines that run no plugin of ours, or into `site/`.

Nothing is ever half-written. Everything is rendered in memory first, so bad
input stops the build before a file is touched. Then the new `docs/` (or
`site/`) is assembled beside the old one and the two are exchanged in one
step (Linux `renameat2(RENAME_EXCHANGE)`), so a build killed at any moment
leaves either the old tree or the new one, never a mix. Where the exchange is
not available the old tree is renamed aside first, and the next run puts it
back if the build died between the two renames.
"""

from __future__ import annotations

import ctypes
import json
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from reader.cache import BuildCache, digest
from reader.corpus import read_corpus
from reader.errors import ReaderError
from reader.progress import QUIET, Progress
from reader.site.listing import LATER_PAGE
from reader.site.navigation import Nav, site_nav, with_titles
from reader.site.render import GENERATED, SiteOptions, render_site, shown_titles

STAGING = ".new"
PREVIOUS = ".old"


def generate(
    seeds_dir: Path,
    annotations_dir: Path,
    docs_dir: Path,
    options: SiteOptions = SiteOptions(),
    progress: Progress = QUIET,
    strict: bool = False,
) -> RenderedSite:
    """Build the corpus and replace the generated pages in `docs_dir`; return what was rendered."""
    site = rendered_site(seeds_dir, annotations_dir, options, progress, strict=strict)
    return replace(site, changed=tuple(replace_generated(docs_dir, site.files)))


@dataclass(frozen=True)
class RenderedSite:
    """The generated files, the navigation that lists them, and a digest of what every page
    shows beyond its own Markdown (the navigation): when it changes, every page must be built anew.
    `warnings` are what a strict build would have refused (`Corpus.warnings`); `changed`, the
    files `generate` wrote anew."""

    files: dict[str, str | bytes]
    nav: Nav
    shared: bytes
    warnings: tuple[ReaderError, ...] = ()
    changed: tuple[str, ...] = ()
    articles: int = 0


def rendered_site(
    seeds_dir: Path,
    annotations_dir: Path,
    options: SiteOptions = SiteOptions(),
    progress: Progress = QUIET,
    cache: BuildCache | None = None,
    strict: bool = False,
) -> RenderedSite:
    """The corpus read and every generated file rendered, with mkdocs.yml's settings (`options`)."""
    cache = cache or BuildCache()
    corpus = read_corpus(seeds_dir, annotations_dir, progress, cache, strict)
    progress.stage("rendering pages")
    # Made from the articles and their copies alone: an edited note leaves it as it was.
    every_article = corpus.articles_digest() if cache.active else b""
    key = digest(every_article, pickle.dumps(corpus.reprints, protocol=5)) if cache.active else b""
    shown = cache.value("titles", every_article, partial(shown_titles, corpus))  # render_site's too
    nav = cache.value("navigation", key, lambda: site_nav(corpus, shown))
    files = render_site(corpus, options, cache, progress)
    progress.finish()
    return RenderedSite(files, nav, digest(json.dumps(nav)), corpus.warnings, articles=len(corpus.articles))


def titled_nav(site: RenderedSite, docs_dir: Path) -> Nav:
    """The navigation with every page's title written out: the generated pages come titled, the
    hand-written ones in docs/ are titled by their front matter."""

    def source(path: str) -> str | None:
        written = docs_dir / path
        return written.read_text(encoding="utf-8") if written.is_file() else None

    return with_titles(site.nav, source)


def replace_generated(docs_dir: Path, files: dict[str, str | bytes]) -> list[str]:
    """Swap in a `docs_dir` holding the hand-written files as they are and the generated ones anew."""
    recover(docs_dir)
    old = _snapshot(docs_dir) if docs_dir.is_dir() else {}
    staging = _fresh(docs_dir.with_name(docs_dir.name + STAGING))
    if docs_dir.is_dir():
        shutil.copytree(docs_dir, staging, ignore=_generated_at_top(docs_dir), dirs_exist_ok=True)
    for relative, content in sorted(files.items()):
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    new = _snapshot(staging)
    exchange(staging, docs_dir)
    return sorted(p for p in set(old) | set(new) if old.get(p) != new.get(p))


def build_static_site(site_dir: Path, build: Callable[[Path], None]) -> None:
    """`build` the site into a fresh folder, swapped in for `site_dir` only if it succeeds (`BuildFailed`)."""
    recover(site_dir)
    staging = _fresh(site_dir.with_name(site_dir.name + STAGING))
    try:
        build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    exchange(staging, site_dir)


class BuildFailed(Exception):
    """The engine refused to build; its own messages say why."""


def exchange(new: Path, target: Path) -> None:
    """Put `new` in place of `target` in one step; the old tree is then deleted."""
    if target.exists() and _rename_exchange(new, target):
        shutil.rmtree(new)
        return
    previous = target.with_name(target.name + PREVIOUS)
    if target.exists():
        target.rename(previous)
    new.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


def recover(target: Path) -> None:
    """Undo what a build killed mid-way left behind: a half-assembled tree, or the old one set aside."""
    previous = target.with_name(target.name + PREVIOUS)
    if previous.exists():
        if target.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(target)
    shutil.rmtree(target.with_name(target.name + STAGING), ignore_errors=True)


def _rename_exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return bool(renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0)


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def generated_name(name: str) -> bool:
    """Whether a name at the top of docs/ is the generator's: one of `GENERATED`, or a later page of
    a generated list (`timeline-2.md`)."""
    later = LATER_PAGE.fullmatch(name)
    return name in GENERATED or bool(later and f"{later.group(1)}.md" in GENERATED)


def _generated_at_top(root: Path) -> Callable[[str, list[str]], set[str]]:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if generated_name(name)} if Path(folder) == root else set()

    return ignore


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
