"""The MkDocs side: a thin hook that regenerates the site's pages before each build.

`mkdocs build` and `mkdocs serve` call `on_pre_build`, which runs the same
generator as `python build_site.py`, so the site picks up edits to `seeds/`
live, and to `annotations/`. Bad input stops the build with the same messages the command prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by file path; make the `reader` package beside it importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from reader.errors import Problems  # noqa: E402
from reader.site import generate  # noqa: E402


def on_pre_build(config, **kwargs) -> None:
    root = Path(config.config_file_path).resolve().parent
    try:
        generate(root / "seeds", root / "annotations", Path(config.docs_dir), Path(config.config_file_path))
    except Problems as problems:
        raise PluginError(f"The reader's pages could not be generated:\n{problems}") from None
