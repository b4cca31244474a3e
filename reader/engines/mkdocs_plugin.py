"""The MkDocs side: a plugin whose events hand the generated pages to every build.

`on_config` renders the same pages as `python build_site.py` and sets the
navigation (articles grouped by outlet); `on_files` hands the pages to MkDocs
in memory, so nothing is written to `docs/` and `mkdocs serve` picks up edits
to the seeds and annotations live; `on_post_page` finishes each page as the
post-build step does for any engine (`reader.site.postbuild`). Bad input stops the
build with the same messages the command prints. What makes the preview fast
(`mkdocs serve --dirty`) is in `reader.engines.preview`; under it, an edit that changes only
some pages' content rebuilds those pages alone (`on_serve`, `rebuild`).

mkdocs.yml lists it as `reader` (a `mkdocs.plugins` entry point of this
project, installed by `make`); every option is in `ReaderConfig`.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, cast

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from reader import settings
from reader.cache import BuildCache, digest
from reader.engines.config import options_from
from reader.engines.internals import Internals
from reader.engines.preview import DirtyBuildNotice, GeneratedFile, hand_written
from reader.errors import Problems
from reader.files import link_or_copy
from reader.progress import Progress
from reader.site.pagefind import SEARCH_ENGINES, PreviewIndex, chosen, index_with_pagefind
from reader.site.postbuild import finish_page
from reader.site.render import SiteOptions
from reader.site.report import NO_REPORT_PLACE, report_url, with_footer
from reader.site.templating import macros
from reader.site.write import RenderedSite, generated_name, rendered_site, titled_nav

# The blocks of finished HTML an article page writes at its top level (`reader.site.article_page`), each
# one line between blank lines: its passages, notes, removed text, byline and the data its scripts read.
FINISHED = re.compile(
    r'(?<=\n\n)<(div|p|ol|details) (?:class|id)="(?:reader-passage|reader-notes|note reader-removals|'
    r'reader-suggest|reader-citation|reader-byline|reader-standards|info reader-about)"[^\n]*</\1>(?=\n\n|\n?\Z)'
)
FINISHED_MARK = re.compile(r"<!--reader-finished-(\d+)-->")
FINISHED_ID = re.compile(r'\s(?:id|name)="([^"]+)"')

log = logging.getLogger("mkdocs.plugins.reader")


ARTICLE_START = '<article class="md-content__inner md-typeset">'


def build_alert(page: str, problems: str, built_before: bool) -> str:
    """A preview's page with the problems that stopped the last rebuild at its top, or as it is."""
    if not problems:
        return page
    shown = "the pages as they last built" if built_before else "no page of the reader's yet"
    return page.replace(ARTICLE_START, ARTICLE_START + macros("site").build_alert(problems, shown), 1)


class Built(NamedTuple):
    """What the last complete build made of the site besides its pages: a rebuild of some pages reuses it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


class ReaderConfig(base.Config):
    """Every option of the plugin, with its default (`plugins: [{reader: {...}}]` in mkdocs.yml)."""

    seeds = c.Type(str, default="seeds")  # the raw texts, beside mkdocs.yml
    annotations = c.Type(str, default="annotations")  # the annotation YAML, beside mkdocs.yml
    # auto: Pagefind, the search for large corpora, from settings.PAGEFIND_FROM_ARTICLES articles on
    search_engine = c.Choice(SEARCH_ENGINES, default="auto")
    annotations_edit_uri = c.Type(str, default=settings.ANNOTATIONS_EDIT_URI)  # after repo_url: GitHub's editor
    # where readers report an error (an issues form, a contact page, a mailto: address); default: a
    # GitHub repo_url's new-issue form
    report_url = c.Type(str, default="")
    # false: the pages are in docs/ already (`build_site.py site` wrote them); the plugin only finishes them
    generate = c.Type(bool, default=True)
    # false: none of the speed-ups that touch MkDocs', Material's or Python's private state
    # (reader/engines/internals.py): slower, the same output
    engine_internals = c.Type(bool, default=True)


class LinkedFile(File):
    """A file the generator wrote into docs/ (a raw seed, an annotation file, corpus.json),
    published as a hard link to it: at thousands of articles, tens of megabytes not written twice.
    Whatever edits one edits the other: both are the generator's output, rewritten whole."""

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is not None or self.abs_src_path is None:  # another plugin gave it content
            super().copy_file(dirty)
            return
        if dirty and not self.is_modified():
            return
        Path(self.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(self.abs_dest_path).unlink(missing_ok=True)  # a link would write through to docs/
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


def linked_generated_files(files: Files, docs_dir: str) -> Files:
    """`files` with the generator's own files in `docs_dir` other than pages (never a hand-written
    file, the theme's, or one another plugin made) published by `LinkedFile`."""
    for file in files:
        if (
            not file.is_documentation_page()
            and file.generated_by is None
            and file.src_dir == docs_dir
            and generated_name(file.src_uri.split("/")[0])
        ):
            file.__class__ = LinkedFile  # the same file, every setting kept, only published otherwise
    return files


class ReaderPlugin(BasePlugin[ReaderConfig]):
    """Generates the reader's pages into every `mkdocs build` and `mkdocs serve`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = BuildCache(active=True)
        self.internals = Internals(on=True)  # as the options say, once they are read (`on_startup`)
        self.search = PreviewIndex()
        self.serving = self.dirty = self.warned = False
        self.problems = ""  # under `mkdocs serve`, why the last rebuild could not generate the pages
        self.site: RenderedSite | None = None
        self.shared = b""
        self.contents: dict[str, str | bytes] = {}  # each generated file as the last finished build wrote it
        self.pending: tuple[bytes, dict[str, str | bytes]] = (b"", {})
        self.rebuilt: set[str] = set()
        self.pages: set[str] = set()
        self.finished: dict[str, list[str]] = {}  # each page's finished HTML blocks, set aside from Python-Markdown
        self.options = SiteOptions()  # as mkdocs.yml set them, before `on_config` adds to the configuration
        # What the build under way has made so far (its configuration from `on_config`, navigation from
        # `on_nav`, files and theme from `on_env`), kept as `built` once it completes (`on_post_build`).
        self.parts: dict[str, Any] = {}
        self.built: Built | None = None  # the last complete build's, under `mkdocs serve --dirty`

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """As MkDocs validates options, with a misspelt or unknown option an error, not a warning."""
        errors, warnings = super().load_config(options, config_file_path)
        unknown = [
            (key, message) for key, message in warnings if str(message).startswith("Unrecognised configuration name")
        ]
        for key, _ in unknown:
            close = difflib.get_close_matches(key, [name for name, _ in self.config_scheme], n=1)
            errors.append((key, base.ValidationError(
                f"the reader plugin has no option {key!r}." + (f" Did you mean {close[0]!r}?" if close else "")
                + f" Its options: {', '.join(name for name, _ in self.config_scheme)}."
            )))  # fmt: skip
        return errors, [w for w in warnings if w not in unknown]

    @property
    def pagefind(self) -> bool:
        return chosen(self.config.search_engine, self.site.articles if self.site else 0)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"
        self.warned = False  # once a build, once a preview (not on each of its rebuilds)
        # A one-off build has no next build to save work for; a preview takes a file whose state is unchanged
        # as unchanged (`reader.cache`).
        self.cache = BuildCache(active=self.serving, file_states=self.serving)
        self.internals = Internals(on=self.config.engine_internals)
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyBuildNotice())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Render the pages, and give MkDocs the navigation, grouped by outlet, that lists them."""
        self.search.stop()  # Pagefind reading the pages of the previous build: they are about to change
        self.internals.pause_collector()
        self.internals.list_theme_quickly(config)
        if not self.config.generate:  # build_site.py wrote the pages into docs/, and the nav into the config
            if self.pagefind:
                self.internals.set_aside_material_index(config, enabled=False)
            return config
        start = time.perf_counter()
        self.options = options_from(config)
        try:
            site = self.render(config)
        except Problems as problems:
            traces = "".join(f"\n{trace}" for trace in problems.traces()) if os.environ.get("READER_DEBUG") else ""
            if not self.serving:
                raise PluginError(f"The reader's pages could not be generated:\n{problems}{traces}") from None
            # A preview goes on with the last pages that built, each showing the problems, so that the
            # browser shows what to fix (a failed build would leave its requests waiting).
            print(f"ERROR   -  The reader's pages could not be generated:\n{problems}{traces}", file=sys.stderr)
            self.problems = f"{problems}{traces}"
            site = self.site or RenderedSite(files={}, nav=[], shared=b"")
        else:
            self.problems = ""
        for warning in site.warnings:  # MkDocs counts them: with `strict: true` the build fails, as on its own warnings
            log.warning("%s", warning)
        log.info("Reader pages generated in %.2f seconds", time.perf_counter() - start)
        self.site = site
        reports = report_url(config.repo_url or "", self.config.report_url)
        config.copyright = with_footer(config.copyright, reports)
        if not reports and not self.warned:
            # Not through MkDocs' log, which `strict: true` counts: a site read on one's own machine
            # needs no place for reports.
            print(f"WARNING -  {NO_REPORT_PLACE}", file=sys.stderr)
            self.warned = True
        if self.pagefind:
            config.extra_javascript.append("javascripts/pagefind-search.js")
            # Material's index goes unused beside Pagefind's: its plugin sits out the pages (about a
            # tenth of the build), and writes its empty index at the end (`on_post_build`).
            self.internals.set_aside_material_index(config, enabled=False)
        config.nav = titled_nav(site, Path(config.docs_dir))
        self.parts = {"config": config}
        return config

    def render(self, config: MkDocsConfig) -> RenderedSite:
        """The reader's pages from the seeds and annotations, what the cache holds reused."""
        root = Path(config.config_file_path).resolve().parent
        try:
            return rendered_site(
                root / self.config.seeds, root / self.config.annotations, self.options, Progress(), self.cache
            )
        finally:
            self.cache.sweep()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        site = self.site
        if not self.config.generate:  # build_site.py wrote the pages into docs/
            return linked_generated_files(files, config.docs_dir)
        if site is None:  # on_config stopped the build
            return files
        shared = self.every_page_shows(site, self.problems, config)
        everything = shared != self.shared
        if self.dirty and everything:
            clean_directory(config.site_dir)  # as a full build starts: every page is then built anew
        for path, content in sorted(site.files.items()):
            # Pages `build_site.py` wrote into docs/ earlier are replaced by the fresh ones.
            stale = files.get_file_from_path(path)
            if stale is not None:
                files.remove(stale)
            file = cast(GeneratedFile, GeneratedFile.generated(config, path, content=content))
            # Unchanged pages come from the cache as the very same string: usually an identity check.
            file.changed = everything or self.contents.get(path) != content
            files.append(file)
        self.pending = (shared, site.files)
        self.rebuilt = set()
        # As a page spells its URL (and its search entries their location): the home page's is "".
        self.pages = {"" if f.url in (".", "./") else f.url for f in files.documentation_pages()}
        return files

    @staticmethod
    def every_page_shows(site: RenderedSite, problems: str, config: MkDocsConfig) -> bytes:
        """A digest of what every page shows besides its own content: the navigation, the alert of
        the `problems` that stopped the last rebuild, mkdocs.yml, the theme overrides, the hand-written
        pages. When it changes, every page is built anew."""
        return digest(site.shared, problems.encode(), *hand_written(config))

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.parts["nav"] = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.internals.keep_templates(env)
        if not self.serving:  # MkDocs writes the pages next
            finish = partial(finish_page, directory_urls=config.use_directory_urls, pagefind=self.pagefind)
            self.internals.write_pages_behind(config, finish, self.on_post_page)
        self.parts.update(env=env, files=files)
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        """Under `mkdocs serve --dirty`, the server rebuilds through `rebuild`, told of edits by the
        file system's events."""
        if self.dirty and self.config.generate and self.internals.can_build_pages(config):
            server.builder = partial(self.rebuild, builder)
        if self.dirty:
            self.internals.watch_with_events(server)
        return server

    def rebuild(self, full_build: Callable[[], None]) -> None:
        """A rebuild of only the pages an edit changed, when it changed neither the navigation, nor the
        set of pages, nor what every page shows (`every_page_shows`: mkdocs.yml among it), and leaves
        no warning that `strict` would stop on; otherwise MkDocs' own build (`full_build`, serve's
        builder), which loads mkdocs.yml again. At 5,000 articles, under cProfile, MkDocs' own build
        spent about 2 s on files, navigation and pages after an annotation edit; the pages it changed
        take about 0.2 s this way."""
        built, self.built = self.built, None
        done = False
        try:
            done = built is not None and self._rebuild_pages(built)
        finally:
            if not done:  # the collector, paused for the pages' rendering, is on again whatever comes next
                self.internals.resume_collector(self.dirty)
        if not done:
            full_build()

    def _rebuild_pages(self, built: Built) -> bool:
        config = built.config
        if not (self.config.generate and self.config.engine_internals and self.internals.can_build_pages(config)):
            return False  # as mkdocs.yml now says (it may have changed since the server started)
        log.info("Building the changed pages...")
        start = time.perf_counter()
        self.search.stop()
        self.internals.pause_collector()
        try:
            site = self.render(config)
        except Problems:
            return False  # MkDocs' own build shows them on every page
        shared = self.every_page_shows(site, "", config)
        if (
            (site.warnings and config.strict)  # MkDocs' own build stops on them and says so
            or shared != self.shared
            or site.files.keys() != self.contents.keys()
            or titled_nav(site, Path(config.docs_dir)) != config.nav
        ):
            return False
        self.site, self.problems = site, ""
        self.pending, self.rebuilt = (shared, site.files), set()
        for warning in site.warnings:
            log.warning("%s", warning)
        changed = {
            path: new for path, new in site.files.items() if (old := self.contents[path]) is not new and old != new
        }
        self.internals.build_pages(config, built.files, built.nav, built.env, changed, self.pagefind)
        log.info("%d changed files rebuilt in %.2f seconds", len(changed), time.perf_counter() - start)
        self.built = built
        return True

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """An article's passages, notes and removed text are lines of finished HTML (`reader.site.article_page`),
        which Python-Markdown (and MkDocs, for their ids) would parse only to copy them out again, a third of
        the build: each is set aside here, a comment in its place, and put back as it was once the page is
        HTML (`on_page_content`)."""
        blocks = self.finished[page.file.src_uri] = []

        def set_aside(match: re.Match[str]) -> str:
            blocks.append(match.group(0))
            return f"<!--reader-finished-{len(blocks) - 1}-->"

        return FINISHED.sub(set_aside, markdown)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blocks = self.finished.pop(page.file.src_uri, [])
        if not blocks:
            return html
        # MkDocs checks links to a page's anchors against the ids it found in the page's Markdown.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(id for block in blocks for id in FINISHED_ID.findall(block))
        return FINISHED_MARK.sub(lambda m: blocks[int(m.group(1))], html)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.rebuilt.add(page.url)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Each page finished as the post-build step finishes any engine's (`reader.site.postbuild`); under
        `mkdocs serve` its policy lets the server's live-reload script run. In a one-off build with
        the engine internals, that is done as the page is written, by a process of its own, wherever
        `Internals.write_pages_behind` started one."""
        output = build_alert(output, self.problems, bool(self.contents))
        if self.internals.finish_when_written(page.file.abs_dest_path, page.file.src_uri):
            return output
        return finish_page(
            output,
            source=page.file.src_uri,
            directory_urls=config.use_directory_urls,
            pagefind=self.pagefind,
            preview=self.serving,
        )

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) finished as the others are; its sitemap is no page."""
        if not template_name.endswith(".html"):
            return output_content
        return finish_page(
            build_alert(output_content, self.problems, bool(self.contents)),
            source=template_name[: -len(".html")] + ".md",
            directory_urls=config.use_directory_urls,
            pagefind=self.pagefind,
            preview=self.serving,
        )

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep the search entries of the pages this build did not rebuild, drop those of pages that
        are gone, and remember what was built."""
        self.internals.finish_writing()  # every page on disk before Pagefind and the search plugin read them
        if self.pagefind:
            self.internals.set_aside_material_index(config, enabled=True)
            if self.serving:
                self.search.start(Path(config.site_dir))  # the page reloads now; the search catches up
            else:
                index_with_pagefind(Path(config.site_dir))
        self.internals.keep_material_entries(config, self.pages, self.rebuilt)
        self.shared, self.contents = self.pending
        self.internals.resume_collector(self.dirty)
        if self.serving and self.dirty and {"config", "nav", "env", "files"} <= self.parts.keys():
            self.built = Built(**self.parts)

    def on_shutdown(self) -> None:
        self.search.stop()

    def on_build_error(self, *, error: Exception) -> None:
        """After a failed build nothing is known to be on disk: the next one builds everything."""
        self.shared, self.contents, self.built = b"", {}, None
        self.internals.finish_writing(failed=True)
        self.internals.resume_collector(dirty=False)
