"""Every speed-up that touches another package's private state, behind one switch.

Each reaches into MkDocs, Material or the interpreter beyond their public interfaces, and so is
tied to the versions it was written against: each is guarded by the version it needs (or the
attribute it uses), and with the plugin's `engine_internals: false` (or a version it does not
know) none is used, and the build takes the plain path, slower and the same in its output.

- `theme_env`: the theme listed without its hidden folders (a method of MkDocs' `Theme` replaced);
- `TemplateCache`: the theme's compiled templates kept between builds (set on MkDocs' environment);
- `Unindexed`, `set_aside_material_index`, `keep_material_entries`: Material's search index left
  empty while Pagefind is the search, and a dirty build's entries merged (its plugin's attributes);
- `pause_collector`, `resume_collector`: the garbage collector paused during a preview rebuild;
- `build_pages`: a preview rebuild of only the pages whose content changed, through MkDocs' own
  functions for one page (`_populate_page`, `_build_page`), with the navigation, files and theme of
  the last full build;
- `watch_with_events`: the preview's server told of edits by the operating system's file events
  instead of reading every watched file's state twice a second (its observer replaced by a
  `ChangesObserver`);
- `write_pages_behind`, `finish_when_written`, `finish_writing`: a build's pages finished and
  written by a process of their own (`PageWriter`, in place of MkDocs' `utils.write_file`) while
  MkDocs renders the next ones.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import jinja2
import watchdog.observers
import watchdog.observers.polling
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from watchdog.events import (
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import ObservedWatch

# The versions each reliance was written against (the start of their version string).
KNOWN = {"mkdocs": "1.6.", "mkdocs-material": "9."}


def known(package: str) -> bool:
    """Whether the installed `package` is a version these internals were written against."""
    try:
        return version(package).startswith(KNOWN[package])
    except PackageNotFoundError:
        return False


class Internals:
    """The switch: `on` as the plugin's `engine_internals` option says, each part further guarded
    by the version of the package it touches."""

    def __init__(self, on: bool) -> None:
        self.mkdocs = on and known("mkdocs") and hasattr(Theme, "get_env")
        self.page_functions = self.mkdocs and all(
            hasattr(mkdocs_build, name) for name in ("_populate_page", "_build_page", "get_context")
        )
        self.material = on and known("mkdocs-material")
        self.collector = on
        self.templates = TemplateCache()
        self.material_index: Any = None
        self.frozen = False
        self.writer: PageWriter | None = None

    def write_pages_behind(self, config: MkDocsConfig, finish: Callable[..., str], handler: Callable[..., str]) -> None:
        """From now until `finish_writing`, MkDocs' pages are written by a `PageWriter`, which
        finishes those given to `finish_when_written` with `finish(html, source=...)`: where
        `handler`, the plugin's `on_post_page`, is the last to see a page (so finishing it later is
        finishing it where it was), and forking is safe, with no other thread running (one could
        hold a lock the forked process needs). Else the plugin finishes each page itself."""
        if not (self.mkdocs and self.writer is None and hasattr(utils, "write_file")):
            return
        log = logging.getLogger("mkdocs.plugins.reader")
        if getattr(config.plugins, "events", {}).get("post_page", [])[-1:] != [handler]:
            log.debug("Pages finished as MkDocs renders them: another plugin sees them after the reader")
        elif "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
            log.debug("Pages finished as MkDocs renders them: no process can be forked safely for them")
        else:
            log.debug("Pages finished and written by a process of their own")
            self.writer = PageWriter(utils.write_file, finish)
            setattr(utils, "write_file", self.writer.write)  # noqa: B010 (a module function replaced)

    def finish_when_written(self, output_path: str, source: str) -> bool:
        """Whether the page MkDocs writes next to `output_path` is finished as it is written (its
        `source` noted for that), so the caller leaves it as it is."""
        if self.writer is None:
            return False
        self.writer.sources[output_path] = source
        return True

    def finish_writing(self, *, failed: bool = False) -> None:
        """Every page written before this returns (a failed write raised, unless the build has `failed`
        already), and MkDocs' own `write_file` back."""
        writer, self.writer = self.writer, None
        if writer is not None:
            setattr(utils, "write_file", writer.plain)  # noqa: B010
            writer.close(raising=not failed)

    def list_theme_quickly(self, config: MkDocsConfig) -> None:
        if self.mkdocs:
            theme = config.theme
            theme.get_env = lambda: theme_env(theme)  # type: ignore[method-assign]

    def keep_templates(self, env: jinja2.Environment) -> None:
        if self.mkdocs:
            env.bytecode_cache = self.templates

    def pause_collector(self) -> None:
        """A preview rebuild makes many short-lived objects and few cycles: the garbage collector's
        walks over them would cost about a tenth of it. It collects again once the build is done."""
        if self.collector and self.frozen:
            gc.disable()

    def resume_collector(self, dirty: bool) -> None:
        gc.enable()
        if self.collector and dirty and not self.frozen:
            # The first build's objects (the cache, the theme) live as long as the server: keep the
            # garbage collector from walking them again on every rebuild.
            gc.collect()
            gc.freeze()
            self.frozen = True

    def set_aside_material_index(self, config: MkDocsConfig, *, enabled: bool) -> None:
        """Material's search index set aside while the pages are built beside Pagefind's (its plugin
        still renders the search box, which Pagefind answers), and put back, empty, for its plugin
        to write. On the plain path Material indexes every page, unused."""
        search: Any = config.plugins.get("material/search")
        if not self.material or search is None or not hasattr(search, "search_index"):
            return
        if not enabled:
            self.material_index, search.search_index = search.search_index, Unindexed()
        elif isinstance(search.search_index, Unindexed):
            search.search_index = self.material_index
            search.search_index.entries, search.search_index_prev = [], None  # Material's index goes unused

    def keep_material_entries(self, config: MkDocsConfig, pages: set[str], rebuilt: set[str]) -> None:
        """Keep the search entries of the pages a dirty build did not rebuild, drop those of pages
        that are gone. Material's search plugin offers no public way to merge a dirty build's
        entries: its `search_index_prev` keeps only one rebuilt page right. On the plain path the
        preview's search holds what Material's plugin keeps."""
        search: Any = config.plugins.get("material/search")
        previous = getattr(search, "search_index_prev", None) if self.material else None
        if previous is None:
            return
        kept = [
            entry
            for entry in previous.entries
            if (page := entry["location"].split("#")[0]) in pages and page not in rebuilt
        ]
        search.search_index.entries = kept + search.search_index.entries
        search.search_index_prev = None

    def watch_with_events(self, server: LiveReloadServer) -> None:
        """MkDocs' server polls: every half second it reads the state of every file it watches (at
        5,000 articles, seeds, annotations and a docs/ that `build_site.py` filled: some 26,000 files,
        0.16 s each time on an idle machine, in the server's process), and sees an edit up to half
        a second late. The operating system's file events (inotify on Linux) tell at once, at no cost.
        Where they are not to be trusted (a network file system, a folder shared into a container),
        `engine_internals: false` keeps MkDocs' polling. Before the server starts: each path it
        watches so far is unwatched from its polling observer and watched again from the new one, which
        reports writes only (`ChangesObserver`)."""
        native = watchdog.observers.Observer
        watched = getattr(server, "_watched_paths", None)
        if not self.mkdocs or native is watchdog.observers.polling.PollingObserver or not isinstance(watched, dict):
            return
        paths = dict(watched)
        for path, count in paths.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = ChangesObserver()
        for path, count in paths.items():
            for _ in range(count):
                server.watch(path)

    def can_build_pages(self, config: MkDocsConfig) -> bool:
        """Whether `build_pages` knows every plugin of this site: a plugin it does not know may
        keep state across a build's events that a rebuild of some pages would leave stale."""
        search = "material/search" in config.plugins
        return self.page_functions and (self.material or not search) and set(config.plugins) <= PAGE_REBUILD_PLUGINS

    def build_pages(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        env: jinja2.Environment,
        changed: dict[str, str | bytes],
        pagefind: bool,
    ) -> None:
        """Write the generated files in `changed` (path: new content) as MkDocs' own build would, with
        the files, navigation and theme of the last build, which must not have changed: only the pages
        among them are read and built again, each through the same plugin events, their anchors
        checked, and the build finished with every plugin's `on_post_build`. A warning stops it under
        `strict`, as it stops MkDocs' build, and a failure runs `on_build_error`."""
        counter = utils.CountHandler()
        counter.setLevel(logging.WARNING)
        if config.strict:
            logging.getLogger("mkdocs").addHandler(counter)
        try:
            search: Any = config.plugins.get("material/search")
            if pagefind:
                self.set_aside_material_index(config, enabled=False)
            elif search is not None:  # the rebuilt pages' entries; `keep_material_entries` adds the others'
                search.search_index = type(search.search_index)(**search.config)
            pages = []
            for path, content in changed.items():
                file = files.get_file_from_path(path)
                assert file is not None, path
                if isinstance(content, bytes):
                    file.content_bytes = content
                else:
                    file.content_string = content
                file.changed = True  # type: ignore[attr-defined]  # a GeneratedFile
                if file.page is not None:
                    pages.append(file.page)
                else:
                    file.copy_file()
            for page in pages:
                mkdocs_build._populate_page(page, config, files, dirty=True)
            listed = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            for page in pages:
                excluded = page.file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
                mkdocs_build._build_page(page, config, listed, nav, env, dirty=True, excluded=excluded)
            for page in pages:
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            config.plugins.on_post_build(config=config)
            if counts := counter.get_counts():
                raise Abort(f"Aborted with {', '.join(f'{v} {k.lower()}s' for k, v in counts)} in strict mode!")
        except Exception as error:
            config.plugins.on_build_error(error=error)
            if isinstance(error, BuildError):
                logging.getLogger("mkdocs").error(str(error))
                raise Abort("Aborted with a BuildError!") from None
            raise
        finally:
            logging.getLogger("mkdocs").removeHandler(counter)


# The plugins whose events `build_pages` knows to be safe to run for some pages only: Material's search,
# whose index it makes afresh, and the reader's.
PAGE_REBUILD_PLUGINS = {"material/search", "search", "reader"}


# What a file event must say to start a rebuild: that a file was written, made, moved or removed
# (MkDocs' server ignores the events of folders). A file opened to be read is an event too (inotify
# reports it), and a rebuild reads the files it watches: were those events reported, every rebuild
# would start another.
WRITES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileAttribEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent,
]  # fmt: skip


class ChangesObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]  # a class chosen per platform
    """The platform's native file-event observer (inotify on Linux), as serve's server uses it:
    - it reports to every handler only the events in `WRITES`;
    - a watched folder replaced whole (removed and made again, or swapped in as `build_site.py site`
      swaps docs/) is watched again: the system watches a folder, not its path, so each watched
      folder's inode is looked at every `POLL_SECONDS`, and when it changes the folder is watched
      anew and its handler told, so that the preview rebuilds;
    - should the system refuse to watch the folders (on Linux, past `fs.inotify.max_user_watches`),
      which it says when the observer starts (serve schedules every folder first), every folder is
      polled instead, as MkDocs polls them, with a warning."""

    def __init__(self) -> None:
        super().__init__()
        self.polling = watchdog.observers.polling.PollingObserver(timeout=POLL_SECONDS)
        self.falling_back = False
        # Each watch the server holds: its handler, path and recursion, and the watch (native or
        # polling) that stands for it now.
        self.given: dict[ObservedWatch, tuple[FileSystemEventHandler, str, bool]] = {}
        self.current: dict[ObservedWatch, ObservedWatch] = {}
        self.polled: set[ObservedWatch] = set()  # the current watches that are the polling observer's
        self.inodes: dict[ObservedWatch, int | None] = {}
        self.guard = threading.Thread(target=self._watch_folders_anew, daemon=True)

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        path = str(path)
        if self.falling_back:
            return self._poll(None, event_handler, path, recursive)
        try:
            watch = self._native(event_handler, path, recursive)
        except OSError as error:  # scheduled once the observer runs: the system refused this folder
            _refused(error)
            return self._poll(None, event_handler, path, recursive)
        self.given[watch], self.current[watch] = (event_handler, path, recursive), watch
        if os.path.isdir(path):  # a file's watch is its folder's, by name: watchdog follows a replaced file
            self.inodes[watch] = _inode(path)
        return watch

    # The server asks for neither a filter nor symbolic links followed: every watch reports `WRITES`.
    def _native(self, handler: FileSystemEventHandler, path: str, recursive: bool) -> ObservedWatch:
        watch: ObservedWatch = super().schedule(handler, path, recursive=recursive, event_filter=WRITES)
        return watch

    def _poll(
        self, watch: ObservedWatch | None, handler: FileSystemEventHandler, path: str, recursive: bool
    ) -> ObservedWatch:
        polled = self.polling.schedule(handler, path, recursive=recursive)
        self.polled.add(polled)
        watch = watch or polled
        self.given[watch], self.current[watch] = (handler, path, recursive), polled
        self.inodes.pop(watch, None)  # polling follows the path
        if (self.is_alive() or self.falling_back) and not self.polling.is_alive():
            self.polling.start()
        return watch

    def start(self) -> None:
        try:
            super().start()
        except OSError as error:
            _refused(error)
            self.unschedule_all()  # the folders whose watching had begun
            self.falling_back = True
            for watch, (handler, path, recursive) in list(self.given.items()):
                self._poll(watch, handler, path, recursive)  # the first starts the polling observer
            return
        self.guard.start()

    def _watch_folders_anew(self) -> None:
        while not self.stopped_event.wait(POLL_SECONDS):
            for watch, inode in list(self.inodes.items()):
                if (given := self.given.get(watch)) is None:  # unwatched meanwhile (the server stopping)
                    continue
                handler, path, recursive = given
                now = _inode(path)
                if now == inode or now is None:  # the same folder, or gone (until it is made again)
                    continue
                with contextlib.suppress(KeyError):
                    super().unschedule(self.current[watch])
                try:
                    self.current[watch] = self._native(handler, path, recursive)
                    self.inodes[watch] = now
                except OSError as error:
                    _refused(error)
                    self._poll(watch, handler, path, recursive)
                handler.dispatch(FileModifiedEvent(os.path.join(path, "")))  # what it holds may differ

    def unschedule(self, watch: ObservedWatch) -> None:
        self.given.pop(watch, None)
        self.inodes.pop(watch, None)
        current = self.current.pop(watch, watch)
        if current in self.polled:
            self.polled.discard(current)
            self.polling.unschedule(current)
        else:
            super().unschedule(current)

    def stop(self) -> None:
        if self.polling.is_alive():
            self.polling.stop()
        super().stop()


class PageWriter:
    """Pages finished and written in the order given, by a process of their own: MkDocs renders a
    page on one core while the pages before it are finished (`finish`, for each page given a source
    by `finish_when_written`) and written on the other. These were the parts of a build that grew
    fastest with the site (bench/RESULTS.md). A later write of a path wins, as before; the first
    failure is raised at a later `write` or at `close`, with its traceback and its page, and
    nothing is written after it."""

    def __init__(self, plain: Callable[[bytes, str], None], finish: Callable[..., str]) -> None:
        self.plain = plain  # MkDocs' write_file
        self.sources: dict[str, str] = {}  # output path -> the Markdown source of a page still to finish
        self.pending: deque[tuple[str, Future[None]]] = deque()
        # Forked, so the process inherits `plain` and `finish` (each job pickles only its page).
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("fork"), initializer=_start_writing, initargs=(plain, finish)
        )

    def write(self, content: bytes, output_path: str) -> None:
        self._settle(most=64)  # memory bounded
        if self.pool is None:  # closed: written here, as MkDocs would
            self.plain(content, output_path)
            return
        source = self.sources.pop(output_path, None)
        self.pending.append((output_path, self.pool.submit(_finish_and_write, content, output_path, source)))

    def close(self, *, raising: bool = True) -> None:
        pool, self.pool = self.pool, None
        try:
            self._settle(most=0)
        except BaseException:
            if raising:
                raise
        finally:
            if pool is not None:
                pool.shutdown()

    def _settle(self, *, most: int) -> None:
        """Each page written, from the oldest, accounted for, waiting until at most `most` are still
        being written: the first failure raised, naming its page."""
        while self.pending and (len(self.pending) > most or self.pending[0][1].done()):
            output_path, written = self.pending.popleft()
            try:
                written.result()
            except BaseException as error:
                if not getattr(error, "__notes__", None):  # a worker's death is one error for every page
                    error.add_note(f"(while finishing and writing {output_path})")
                raise


# In the writing process: what it writes and finishes pages with, and whether a write failed.
_WRITING: tuple[Callable[[bytes, str], None], Callable[..., str]] | None = None
_FAILED = False


def _start_writing(plain: Callable[[bytes, str], None], finish: Callable[..., str]) -> None:
    global _WRITING
    _WRITING = (plain, finish)
    gc.freeze()  # the build's objects, inherited, left out of this process's collections (not copied by them)


def _finish_and_write(content: bytes, output_path: str, source: str | None) -> None:
    global _FAILED
    assert _WRITING is not None, "run by a PageWriter's process"
    if _FAILED:
        return
    plain, finish = _WRITING
    try:
        if source is not None:
            content = finish(content.decode("utf-8"), source=source).encode("utf-8", errors="xmlcharrefreplace")
        plain(content, output_path)
    except BaseException:
        _FAILED = True
        raise


def _inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _refused(error: OSError) -> None:
    logging.getLogger("mkdocs.plugins.reader").warning(
        "The system would not watch the folders for edits (%s): they are polled, as MkDocs polls them", error
    )


# MkDocs' own polling interval, for a folder the system will not watch.
POLL_SECONDS = 0.5


class Unindexed:
    """Where Material's search plugin adds each page while Pagefind is the search: nowhere."""

    def add_entry_from_context(self, page: Page) -> None:
        pass


class TemplateCache(jinja2.BytecodeCache):
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


class _ThemeFiles(jinja2.FileSystemLoader):
    """The theme's templates, listed without walking hidden folders. MkDocs lists the theme on every
    build to find its static files, and leaves out every hidden path; Material's `.icons` folder
    alone holds some 14,000 files (0.1 s of each preview rebuild at 1,000 articles)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for root in self.searchpath:
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = Path(folder).relative_to(root)
                found.update((inside / name).as_posix() for name in names)
        return sorted(found)


def theme_env(theme: Theme) -> jinja2.Environment:
    """The theme's Jinja environment, its templates listed by `_ThemeFiles`."""
    env = Theme.get_env(theme)
    env.loader = _ThemeFiles(theme.dirs)
    return env
