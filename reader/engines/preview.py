"""What makes `mkdocs serve --dirty` fast: the preview's own speed-ups, apart from the plugin's events.

A rebuild does only what an edit changed: the pipeline reuses what it computed
for unchanged content (`reader.cache`), each generated file tells MkDocs whether
its content changed since the last build (`GeneratedFile`), and when something
every page shows changes (the navigation, mkdocs.yml, the theme overrides, a
hand-written page; `hand_written`) every page is built anew. The theme's
compiled templates are kept between builds (`TemplateCache`) and the theme is
listed without its hidden folders (`theme_env`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.theme import Theme

from reader.site.write import generated_name


class GeneratedFile(File):
    """A generated page or file that knows whether it changed since the previous build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


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


class DirtyBuildNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale; the plugin rebuilds
    every page whenever they could be, so the warning does not apply (and would fail a strict build)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def hand_written(config: MkDocsConfig) -> list[bytes]:
    """What every page depends on besides the generated files: mkdocs.yml, the theme overrides,
    the hand-written pages and the files they include."""
    root = Path(config.config_file_path).resolve().parent
    paths = [Path(config.config_file_path), root / "CONTRIBUTING.md"]
    for folder in (config.docs_dir, config.theme.custom_dir):
        if folder and Path(folder).is_dir():
            paths += sorted(p for p in _hand_written_files(Path(folder)) if p.is_file())
    return [str(p).encode() + b"\0" + p.read_bytes() for p in paths if p.is_file()]


def _hand_written_files(folder: Path) -> list[Path]:
    """The files under `folder`, but what `build_site.py` generates into docs/ (which the plugin
    generates afresh anyway): 25,000 files to read on every rebuild at 5,000 articles."""
    found = []
    for top in folder.iterdir():
        if generated_name(top.name):
            continue
        found += [top] if top.is_file() else [p for p in top.rglob("*") if p.is_file()]
    return found
