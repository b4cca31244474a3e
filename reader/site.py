"""Write the generated site files into `docs/`, touching only what changed.

Everything is rendered in memory first, so a bad seed stops the build before a
single file is written. Unchanged files are left alone, so `mkdocs serve`
(which watches `docs/`) is not sent into a rebuild loop by its own hook, and
files the generator wrote before but no longer makes are deleted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .corpus import read_corpus
from .render import GENERATED, SiteOptions, render_site


def generate(seeds_dir: Path, annotations_dir: Path, docs_dir: Path, config_file: Path | None = None) -> list[str]:
    """Build the corpus and write its pages; return the paths that changed."""
    options = site_options(config_file) if config_file else SiteOptions()
    files = render_site(read_corpus(seeds_dir, annotations_dir), options)
    return write_files(docs_dir, files)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, passing over the `!!python/name:` tags MkDocs configs may use."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_options(config_file: Path) -> SiteOptions:
    """The generator's settings from mkdocs.yml, so the hook and the command agree."""
    if not config_file.is_file():
        return SiteOptions()
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    repo, edit = config.get("repo_url"), (config.get("extra") or {}).get("annotations_edit_uri")
    return SiteOptions(edit_base=f"{repo.rstrip('/')}/{edit.lstrip('/')}" if repo and edit else "")


def write_files(docs_dir: Path, files: dict[str, str | bytes]) -> list[str]:
    changed = []
    for relative, content in sorted(files.items()):
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = docs_dir / relative
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
        changed.append(relative)
    for stale in _owned_files(docs_dir) - set(files):
        (docs_dir / stale).unlink()
        changed.append(stale)
    return changed


def _owned_files(docs_dir: Path) -> set[str]:
    owned = set()
    for name in GENERATED:
        path = docs_dir / name
        if path.is_dir():
            owned.update(p.relative_to(docs_dir).as_posix() for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            owned.add(name)
    return owned


# What a fresh clone needs to build the site, generated files left out.
PROJECT_FILES = ("mkdocs.yml", "build_site.py", "CONTRIBUTING.md")
PROJECT_FOLDERS = ("reader", "seeds", "annotations", "schema", "docs", "overrides")


def copy_project(root: Path, into: Path) -> Path:
    """A copy of the project's sources, as a fresh clone has them, for tests and benchmarks."""
    into.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(root / name, into / name)
    skip = shutil.ignore_patterns("__pycache__", *GENERATED)
    for folder in PROJECT_FOLDERS:
        shutil.copytree(root / folder, into / folder, ignore=skip)
    return into
