"""What makes `mkdocs serve --dirty` fast through MkDocs' public interfaces.

A rebuild does only what an edit changed: the pipeline reuses what it computed
for unchanged content (`reader.cache`), each generated file tells MkDocs whether
its content changed since the last build (`GeneratedFile`), and when something
every page shows changes (the navigation, mkdocs.yml, the theme overrides, a
hand-written page; `hand_written`) every page is built anew. The speed-ups that
reach into other packages' private state are apart, behind one switch
(`reader.engines.internals`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from reader.site.write import generated_name


class GeneratedFile(File):
    """A generated page or file that knows whether it changed since the previous build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class DirtyBuildNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation and links stale; the plugin rebuilds
    every page whenever they could be, so the warning does not apply (and would fail a strict
    build). Not a speed-up: a preview's correct output needs it. Matched by its text: should MkDocs
    reword it, the warning shows again, as MkDocs itself would have it."""

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
