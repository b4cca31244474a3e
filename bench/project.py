"""What the benchmarks and tests share: a copy of the project as a fresh clone has it, the seeds
read in one call, a page fetched over HTTP. Not part of the reader itself."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Callable
from pathlib import Path

from reader.errors import Problems, ReaderError
from reader.ingest.load import read_seed, seed_files
from reader.model import Seed
from reader.site.render import GENERATED

# What a fresh clone needs to build the site, generated files left out.
PROJECT_FILES = ("mkdocs.yml", "build_site.py", "CONTRIBUTING.md")
PROJECT_FOLDERS = ("reader", "seeds", "annotations", "schema", "docs", "overrides")


def copy_project(root: Path, into: Path) -> Path:
    """A copy of the project's sources, as a fresh clone has them."""
    into.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy(root / name, into / name)
    for folder in PROJECT_FOLDERS:
        shutil.copytree(root / folder, into / folder, ignore=_generated_in(root / "docs"))
    return into


def _generated_in(docs: Path) -> Callable[[str, list[str]], set[str]]:
    """Leaves out caches, and the generated pages in `docs/` (a template of the same name elsewhere stays)."""

    def skip(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n == "__pycache__" or (Path(folder) == docs and n in GENERATED)}

    return skip


def load_seeds(folder: Path) -> list[Seed]:
    """Every seed in `folder`, in name order; all problems are raised together."""
    seeds, errors = [], []
    for given in seed_files(folder).inputs:
        try:
            seeds.append(
                read_seed(given.name, given.data, shown_as=given.shown_as, capture=given.capture, charset=given.charset)
            )
        except ReaderError as error:
            errors.append(error)
    if errors:
        raise Problems(errors)
    return seeds


def fetched(url: str, timeout: float = 60) -> str:
    """The page at `url`, or "" while the server cannot give it."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""
