"""The MkDocs side: a thin hook that adds the generated pages to every build.

`mkdocs build` and `mkdocs serve` call `on_config`, which renders the same
pages as `python build_site.py` and sets the navigation (articles grouped by
outlet), and `on_files`, which hands the pages to MkDocs in memory: nothing is
written to `docs/`, so a failed or killed build cannot leave it half-written,
and `mkdocs serve` picks up edits to `seeds/` and `annotations/` live. Bad
input stops the build with the same messages the command prints.

Under `mkdocs serve --dirty` (what `make serve` runs) a rebuild does only what
an edit changed: the pipeline reuses what it computed for unchanged content
(`reader.cache`), each generated file tells MkDocs whether its content changed
since the last build, and when something every page shows changes (the
navigation, mkdocs.yml, the theme overrides, a hand-written page)
the site directory is emptied so that every page is built anew. The search
index keeps the entries of the pages that were not rebuilt; with Pagefind as
the search, `mkdocs serve` indexes the site in the background after each
build (`reader.pagefind.PreviewIndex`).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from functools import partial
from pathlib import Path

# MkDocs loads hooks by file path; make the `reader` package beside it importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.theme import Theme  # noqa: E402
from mkdocs.utils import clean_directory  # noqa: E402

from reader.cache import BuildCache, digest  # noqa: E402
from reader.errors import Problems  # noqa: E402
from reader.pagefind import PreviewIndex, index_with_pagefind, uses_pagefind  # noqa: E402
from reader.postbuild import finish_page  # noqa: E402
from reader.progress import Progress  # noqa: E402
from reader.site import RenderedSite, rendered_site, titled_nav  # noqa: E402


class GeneratedFile(File):
    """A generated page or file that knows whether it changed since the previous build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class _Builds:
    """What one `mkdocs` process remembers from build to build (a hook module is loaded once per process)."""

    def __init__(self) -> None:
        self.cache = BuildCache(active=True)
        self.serving = False
        self.search = PreviewIndex()
        self.dirty = False
        self.frozen = False
        self.site: RenderedSite | None = None
        self.shared = b""
        self.contents: dict[str, str | bytes] = {}  # each generated file as the last finished build wrote it
        self.pending: tuple[bytes, dict[str, str | bytes]] = (b"", {})
        self.rebuilt: set[str] = set()
        self.pages: set[str] = set()


_builds = _Builds()
log = logging.getLogger("mkdocs.plugins.reader")


class _TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept between builds (each build makes a new Jinja environment,
    and compiling Material's templates again costs more than a small rebuild). Keyed by the template's
    source, so an edited override is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplateCache()


class _ThemeFiles(jinja2.FileSystemLoader):
    """The theme's templates, listed without walking hidden folders. MkDocs lists the theme on every
    build to find its static files, and leaves out every hidden path; Material's `.icons` folder
    alone holds some 14,000 files (0.1 s of each preview rebuild at 1,000 articles)."""

    def list_templates(self) -> list[str]:
        found = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(root)
                found.update((inside / name).as_posix() for name in names)
        return sorted(found)


def _theme_env(theme: Theme) -> jinja2.Environment:
    env = Theme.get_env(theme)
    env.loader = _ThemeFiles(theme.dirs)
    return env


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale; this hook rebuilds
    every page whenever they could be, so the warning does not apply (and would fail a strict build)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def on_post_page(output: str, /, *, page, config) -> str:
    """Resolve the links in raw HTML, add the Content-Security-Policy (under `mkdocs serve`, one that
    lets its live-reload script run), drop the template's blank lines and, with Pagefind as the
    search, unhook Material's search script from the search box (`reader.postbuild`)."""
    return finish_page(
        output,
        source=page.file.src_uri,
        directory_urls=config.use_directory_urls,
        pagefind=uses_pagefind(config),
        preview=_builds.serving,
    )


def on_startup(*, command: str, dirty: bool) -> None:
    _builds.dirty = dirty
    _builds.serving = command == "serve"
    _builds.cache.active = _builds.serving  # a one-off build has no next build to save work for
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())


def on_config(config):
    """Render the pages, and give MkDocs the navigation, grouped by outlet, that lists them."""
    _builds.search.stop()  # Pagefind reading the pages of the previous build: they are about to change
    if _builds.frozen:
        # A preview rebuild makes many short-lived objects and few cycles: the garbage collector's
        # walks over them would cost about a tenth of it. It collects again once the build is done.
        gc.disable()
    config.theme.get_env = partial(_theme_env, config.theme)
    root = Path(config.config_file_path).resolve().parent
    start = time.perf_counter()
    try:
        site = rendered_site(root / "seeds", root / "annotations", Path(config.config_file_path), Progress(), _builds.cache)
    except Problems as problems:
        raise PluginError(f"The reader's pages could not be generated:\n{problems}") from None
    finally:
        _builds.cache.sweep()
    for warning in site.warnings:  # MkDocs counts them: with `strict: true` the build fails, as on its own warnings
        log.warning("%s", warning)
    log.info("Reader pages generated in %.2f seconds", time.perf_counter() - start)
    _builds.site = site
    if uses_pagefind(config):
        config.extra_javascript.append("javascripts/pagefind-search.js")
    config.nav = titled_nav(site, Path(config.docs_dir))
    return config


def on_files(files: Files, /, *, config) -> Files:
    site = _builds.site
    shared = digest(site.shared, *_hand_written(config))
    everything = shared != _builds.shared
    if _builds.dirty and everything:
        clean_directory(config.site_dir)  # as a full build starts: every page is then built anew
    for path, content in sorted(site.files.items()):
        # Pages `build_site.py` wrote into docs/ earlier are replaced by the fresh ones.
        stale = files.get_file_from_path(path)
        if stale is not None:
            files.remove(stale)
        file = GeneratedFile.generated(config, path, content=content)
        # Unchanged pages come from the cache as the very same string: usually an identity check.
        file.changed = everything or _builds.contents.get(path) != content
        files.append(file)
    _builds.pending = (shared, site.files)
    _builds.rebuilt = set()
    # As a page spells its URL (and its search entries their location): the home page's is "".
    _builds.pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}
    return files


def _hand_written(config) -> list[bytes]:
    """What every page depends on besides the generated files: mkdocs.yml, the theme overrides,
    the hand-written pages and the files they include."""
    root = Path(config.config_file_path).resolve().parent
    paths = [Path(config.config_file_path), root / "CONTRIBUTING.md"]
    for folder in (config.docs_dir, config.theme.custom_dir):
        if folder and Path(folder).is_dir():
            paths += sorted(p for p in Path(folder).rglob("*") if p.is_file())
    return [str(p).encode() + b"\0" + p.read_bytes() for p in paths if p.is_file()]


def on_env(env: jinja2.Environment, /, *, config, files) -> jinja2.Environment:
    env.bytecode_cache = _templates
    return env


def on_page_context(context, /, *, page, config, nav):
    _builds.rebuilt.add(page.url)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(*, config) -> None:
    """Keep the search entries of the pages this build did not rebuild, drop those of pages that
    are gone, and remember what was built. (Material's own merge keeps only one rebuilt page right.)"""
    search = config.plugins.get("material/search")
    if uses_pagefind(config):
        if _builds.serving:
            _builds.search.start(Path(config.site_dir))  # the page reloads now; the search catches up
        else:
            index_with_pagefind(Path(config.site_dir))
        search.search_index.entries, search.search_index_prev = [], None  # Material's index goes unused
    previous = getattr(search, "search_index_prev", None)
    if previous is not None:
        kept = [
            entry
            for entry in previous.entries
            if (page := entry["location"].split("#")[0]) in _builds.pages and page not in _builds.rebuilt
        ]
        search.search_index.entries = kept + search.search_index.entries
        search.search_index_prev = None
    _builds.shared, _builds.contents = _builds.pending
    gc.enable()
    if _builds.dirty and not _builds.frozen:
        # The first build's objects (the cache, the theme) live as long as the server: keep the
        # garbage collector from walking them again on every rebuild.
        gc.collect()
        gc.freeze()
        _builds.frozen = True


def on_shutdown() -> None:
    _builds.search.stop()


def on_build_error(*, error) -> None:
    """After a failed build nothing is known to be on disk: the next one builds everything."""
    _builds.shared, _builds.contents = b"", {}
    gc.enable()
