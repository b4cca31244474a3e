"""Write the generated site files into `docs/`, touching only what changed.

Everything is rendered in memory first, so a bad seed stops the build before a
single file is written. Unchanged files are left alone, so `mkdocs serve`
(which watches `docs/`) is not sent into a rebuild loop by its own hook, and
files the generator wrote before but no longer makes are deleted.
"""

from __future__ import annotations

from pathlib import Path

from .corpus import read_corpus
from .render import GENERATED, render_site


def generate(seeds_dir: Path, docs_dir: Path) -> list[str]:
    """Build the corpus and write its pages; return the paths that changed."""
    files = render_site(read_corpus(seeds_dir))
    return write_files(docs_dir, files)


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
