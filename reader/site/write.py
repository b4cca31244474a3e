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
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]  # MkDocs' own reader of !ENV

from reader import settings
from reader.cache import BuildCache, digest
from reader.corpus import read_corpus
from reader.errors import ConfigError, Problems, ReaderError
from reader.progress import QUIET, Progress
from reader.site.listing import LATER_PAGE
from reader.site.navigation import Nav, site_nav, with_titles
from reader.site.render import GENERATED, SiteOptions, render_site, shown_titles
from reader.site.report import report_url

STAGING = ".new"
PREVIOUS = ".old"


def generate(
    seeds_dir: Path,
    annotations_dir: Path,
    docs_dir: Path,
    config_file: Path | None = None,
    progress: Progress = QUIET,
    strict: bool = False,
) -> RenderedSite:
    """Build the corpus and replace the generated pages in `docs_dir`; return what was rendered."""
    site = rendered_site(seeds_dir, annotations_dir, config_file, progress, strict=strict)
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
    config_file: Path | None = None,
    progress: Progress = QUIET,
    cache: BuildCache | None = None,
    strict: bool = False,
) -> RenderedSite:
    options = site_options(config_file) if config_file else SiteOptions()
    corpus = read_corpus(seeds_dir, annotations_dir, progress, cache, strict)
    progress.stage("rendering pages")
    nav = site_nav(corpus, shown_titles(corpus))
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


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for what the reader needs: `!ENV` tags read the environment
    (`repo_url: !ENV READER_REPO_URL`); the `!!python/name:` tags MkDocs configs may use are passed over."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (its `!!python/name:` tags passed over); a clear error when it is not YAML."""
    if not config_file.is_file():
        return {}
    try:
        return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Problems([ConfigError(
            f"not valid YAML: {getattr(error, 'problem', None) or error}", str(config_file), mark.line + 1 if mark else None,
            fix="checking the indentation, quotes and brackets on that line (MkDocs' own documentation lists every setting).",
        )]) from None  # fmt: skip


def site_options(config_file: Path) -> SiteOptions:
    """The generator's settings from mkdocs.yml, so the plugin and the command agree."""
    config = read_config(config_file)
    plugin = reader_options(config)
    repo, edit = config.get("repo_url"), plugin.get("annotations_edit_uri", settings.ANNOTATIONS_EDIT_URI)
    return SiteOptions(
        edit_base=f"{repo.rstrip('/')}/{edit.lstrip('/')}" if repo and edit else "",
        repo_url=str(repo or ""),
        report_url=report_url(str(repo or ""), str(plugin.get("report_url") or "")),
        copyright=str(config.get("copyright") or ""),
        site_url=str(config.get("site_url") or ""),
        strict=bool(config.get("strict")),
        search_engine=str(plugin.get("search_engine") or "auto"),
        extra_javascript=tuple(str(script) for script in config.get("extra_javascript") or ()),
        directory_urls=config.get("use_directory_urls", True) is not False,
        other_plugins=tuple(
            p for p in config.get("plugins") or () if p != "reader" and not (isinstance(p, dict) and "reader" in p)
        ),
    )


def reader_options(config: dict[str, Any]) -> dict[str, Any]:
    """The reader plugin's options as mkdocs.yml gives them (`plugins: [reader]` or `[{reader: {...}}]`);
    the plugin itself validates them (`reader.engines.mkdocs_plugin.ReaderConfig`)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "reader" in entry:
            return entry["reader"] or {}
    return {}


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
