"""Shared fixtures: the real seeds, the corpus they make, throwaway seed folders."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench.project import copy_project
from reader.corpus import read_corpus
from reader.model import Corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANNOTATIONS = ROOT / "annotations"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current output (review the diff by hand before committing)",
    )


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return read_corpus(SEEDS, ANNOTATIONS)


@pytest.fixture(scope="session")
def articles_by_id(corpus):
    return {a.id: a for a in corpus.articles}


@pytest.fixture
def seed_folder(tmp_path):
    """Make a seeds folder from {name: text or bytes}."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "seeds"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
        return folder

    return make


def project_copy(tmp: Path) -> Path:
    """The project as a fresh clone has it: no generated pages in docs/."""
    return copy_project(ROOT, tmp / "project")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (none if it is not there), by its path inside it."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Built:
    """What `mkdocs build --strict` did: 0 or 1, as the command exits, and what it logged."""

    returncode: int
    stderr: str


def build(project: Path) -> Built:
    """`mkdocs build --strict` on a project copy, run in this process (a subprocess adds nothing
    but start-up time): the same configuration loading, plugin, strict count of warnings and abort."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logged = io.StringIO()
    handler = logging.StreamHandler(logged)
    handler.setLevel(logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)  # as the command line starts a build
        try:
            build_site(config)
        finally:
            config.plugins.on_shutdown()
        return Built(0, logged.getvalue())
    except MkDocsException as error:
        return Built(1, f"{logged.getvalue()}{error}\n")
    finally:
        mkdocs_log.removeHandler(handler)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, corpus):
    """The real corpus built into a static site, once for the whole run."""
    project = project_copy(tmp_path_factory.mktemp("site"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def hostile_markup(html: str) -> list[str]:
    """Anything in a built page that could run a payload: its scripts, handlers and URLs."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name == "script" and "pwned" in tag.get_text():
            found.append(str(tag))
        if tag.name in ("iframe", "object", "embed", "svg") and "pwned" in str(tag):
            found.append(str(tag))
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") and "pwned" in text:
                found.append(f"{tag.name} {name}")
            if name in ("href", "src") and re.match(r"\s*(?:javascript|data|vbscript):", text, re.I):
                found.append(f"{tag.name} {name}={text}")
    return found


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A site built from seeds and a glossary full of script payloads (tests/fixtures/hostile/)."""
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    shutil.rmtree(project / "seeds")
    shutil.copytree(FIXTURES / "hostile", project / "seeds")
    for path in (project / "annotations").glob("*.yml"):
        path.unlink()
    note = json.dumps(
        "<script>window.pwned=1</script> [x](javascript:window.pwned=1) <img src=x onerror=window.pwned=1>"
    )
    (project / "annotations" / "glossary.yml").write_text(
        f"terms:\n  - term: paragraph\n    definition: {note}\n", encoding="utf-8"
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def free_port() -> int:
    """A port on 127.0.0.1 no server listens on, for a preview a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(project: Path, command: list[str], log: Path | None = None):
    """A preview server (`command` with `{port}` in it) started in `project` on a free port of
    127.0.0.1, what it prints on stderr written to `log` if given; yields its address, and stops it
    with everything it started."""
    port = free_port()
    stderr = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [sys.executable, *(part.format(port=port) for part in command)],
        cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if log:
            stderr.close()


def wait_for(condition, timeout: float = 120.0):
    """Poll until `condition()` is true (the serve builds on its own schedule); returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"still not true after {timeout} s")
