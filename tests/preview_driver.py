"""Rebuild a project the way `mkdocs serve --dirty` does, after each of a list of edits.

    python tests/preview_driver.py PROJECT SITE_DIR EDITS.json
    python tests/preview_driver.py PROJECT SITE_DIR --full

Each edit is {"path": ..., "old": ..., "new": ...} (a text replaced in a file
of the project), and may say what a page must show after it ("expect": [page,
text]; its build then says whether it does, "shows"). As `mkdocs serve` does, the first build is given the loaded
configuration, plugins then see the server (`on_serve`, a real MkDocs
`LiveReloadServer`, not listening), and every rebuild calls the server's
builder in the same process: serve's own (the configuration loaded afresh,
MkDocs' `build(..., dirty=True)`), or the one a plugin put in its place. Prints,
as JSON, for each build the output files it wrote (by modification time) or
the error that stopped it, those of them that show the alert of a rebuild the
reader's pages could not be generated in, whether the garbage collector is on
after it, and whether the reader rebuilt the changed pages alone; for the first, the
observer the server would watch the files with ("file events": the platform's own). With `--full` it makes one ordinary full build, the reference to
compare with. Run in its own process: the plugin's memory is per process.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

SERVE_URL = "http://127.0.0.1:8000/"


class _Collect(logging.Handler):
    """MkDocs logs why a build stopped, then raises a bare "Aborted"."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]


def written(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def serve_builder(project: Path, site: Path, dirty: bool) -> Callable[..., None]:
    """serve's builder: the configuration loaded afresh for every rebuild."""

    def builder(config: MkDocsConfig | None = None) -> None:
        if config is None:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
            config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=dirty)

    return builder


def measured(site: Path, run: Callable[[], None]) -> dict:
    """What one build wrote, or the error that stopped it."""
    before = written(site)
    time.sleep(0.01)  # so that a rewritten file's time differs from the last build's
    logged = _Collect()
    logger = logging.getLogger("mkdocs")
    level, logger.level = logger.level, logging.INFO
    logger.addHandler(logged)
    try:
        run()
    except MkDocsException as error:
        return {"error": "\n".join([*logged.messages(logging.ERROR), str(error)]), "collecting": gc.isenabled()}
    finally:
        logger.removeHandler(logged)
        logger.level = level
    after = written(site)
    changed = sorted(path for path, mtime in after.items() if before.get(path) != mtime)
    alerted = [path for path in changed if path.endswith(".html") and "reader-build-error" in (site / path).read_text()]
    # The reader's plugin says so when it rebuilt the changed pages alone (`ReaderPlugin.rebuild`).
    pages_only = any("changed files rebuilt" in m for m in logged.messages(logging.INFO))
    return {"written": changed, "alerted": alerted, "collecting": gc.isenabled(), "pages only": pages_only}


def first_build(project: Path, site: Path, dirty: bool = True) -> tuple[dict, LiveReloadServer]:
    """The first build, as serve makes it, and the server its plugins have seen."""
    builder = serve_builder(project, site, dirty)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="serve", dirty=dirty)
    result = measured(site, lambda: builder(config))
    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(site))
    return result, config.plugins.on_serve(server, config=config, builder=builder)


def main() -> None:
    project, site = Path(sys.argv[1]), Path(sys.argv[2])
    os.chdir(project)
    site.mkdir(parents=True, exist_ok=True)
    if sys.argv[3] == "--full":
        print(json.dumps([first_build(project, site, dirty=False)[0]]))
        return
    edits = json.loads(Path(sys.argv[3]).read_text())
    result, server = first_build(project, site)
    events = not isinstance(server.observer, PollingObserver) and isinstance(server.observer, Observer)
    results = [{**result, "observer": "file events" if events else type(server.observer).__name__}]
    for edit in edits:
        path = project / edit["path"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} is not in {path}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
        result = measured(site, server.builder)
        if "expect" in edit:  # [page, text]: whether the built page shows the text
            page, expected = edit["expect"]
            result["shows"] = (site / page).is_file() and expected in (site / page).read_text(encoding="utf-8")
        results.append(result)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
