"""Rebuild a project the way `mkdocs serve --dirty` does, after each of a list of edits.

    python tests/preview_driver.py PROJECT SITE_DIR EDITS.json
    python tests/preview_driver.py PROJECT SITE_DIR --full

Each edit is {"path": ..., "old": ..., "new": ...} (a text replaced in a file
of the project). Like serve's builder, every rebuild loads the configuration
afresh and calls MkDocs' `build(..., dirty=True)` in the same process, so the
hook keeps what it remembers between builds. Prints, as JSON, for each build
the output files it wrote (by modification time) or the error that stopped it,
those of them that show the alert of a rebuild the reader's pages could not be
generated in, and whether the garbage collector is on after it.
With `--full` it makes one ordinary full build, the reference to compare with.
Run in its own process: the hook's memory is per process.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

SERVE_URL = "http://127.0.0.1:8000/"


class _Collect(logging.Handler):
    """MkDocs logs why a build stopped, then raises a bare "Aborted"."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def written(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def rebuild(project: Path, site: Path, first: bool, dirty: bool = True) -> dict:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if first:
        config.plugins.on_startup(command="serve", dirty=dirty)
    before = written(site)
    time.sleep(0.01)  # so that a rewritten file's time differs from the last build's
    errors = _Collect(logging.ERROR)
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        build(config, serve_url=SERVE_URL, dirty=dirty)
    except MkDocsException as error:
        return {"error": "\n".join([*errors.messages, str(error)]), "collecting": gc.isenabled()}
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    after = written(site)
    changed = sorted(path for path, mtime in after.items() if before.get(path) != mtime)
    alerted = [path for path in changed if path.endswith(".html") and "reader-build-error" in (site / path).read_text()]
    return {"written": changed, "alerted": alerted, "collecting": gc.isenabled()}


def main() -> None:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    os.chdir(project)
    site.mkdir(parents=True, exist_ok=True)
    if sys.argv[3] == "--full":
        print(json.dumps([rebuild(project, site, first=True, dirty=False)]))
        return
    edits = json.loads(Path(sys.argv[3]).read_text())
    results = [rebuild(project, site, first=True)]
    for edit in edits:
        path = project / edit["path"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} is not in {path}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
        results.append(rebuild(project, site, first=False))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
