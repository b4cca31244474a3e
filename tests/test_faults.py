"""Faults: a build that dies leaves the old docs/ and site/ whole, seeds are never written, builds repeat exactly."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.site import write

from .conftest import project_copy, snapshot


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "build_site.py", *args], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )  # fmt: skip


class Crash(BaseException):
    """The process dying at this point: nothing after it runs, not even `except Exception` blocks."""


def crashing_at(step: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file-system step the swap takes counts; the `step`-th one crashes before it happens."""
    count = [0]

    def counted(real):
        def wrapper(*args, **kwargs):
            if count[0] == step:
                raise Crash(step)
            count[0] += 1
            return real(*args, **kwargs)

        return wrapper

    for owner, name in [
        (Path, "write_bytes"), (Path, "mkdir"), (Path, "rename"),
        (write.shutil, "rmtree"), (write.shutil, "copytree"), (write, "_rename_exchange"),
    ]:  # fmt: skip
        monkeypatch.setattr(owner, name, counted(getattr(owner, name)))


def swap_docs(folder: Path, files: dict[str, str]) -> None:
    write.replace_generated(folder, dict(files))


def swap_site(folder: Path, files: dict[str, str]) -> None:
    def build(staging: Path) -> None:
        for name, content in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(content.encode())

    write.build_static_site(folder, build)


@pytest.mark.parametrize("swap", [swap_docs, swap_site])
@pytest.mark.parametrize("exchange", ["renameat2", "rename aside"])
def test_a_build_that_dies_at_any_step_of_the_swap_leaves_the_old_tree_or_the_new_one(tmp_path, swap, exchange):
    """The process dies before each file-system step of the swap in turn (every one of them, until a
    run gets through): what the next build finds, once it has recovered, is the old tree or the new
    one, never a mix; and that next build then succeeds."""
    old_files = {"index.md": "old home", "articles/a.md": "old a", "articles/gone.md": "gone"}
    new_files = {"index.md": "new home", "articles/a.md": "new a", "articles/b.md": "new b"}
    old = {name: content.encode() for name, content in old_files.items()}
    new = {name: content.encode() for name, content in new_files.items()}
    step = 0
    while True:
        folder = tmp_path / f"run-{step}" / "docs"
        swap(folder, old_files)
        with pytest.MonkeyPatch.context() as monkeypatch:
            if exchange == "rename aside":
                monkeypatch.setattr(write, "_rename_exchange", lambda a, b: False)
            crashing_at(step, monkeypatch)
            try:
                swap(folder, new_files)
                crashed = False
            except Crash:
                crashed = True
        write.recover(folder)  # what the next build does first
        state = snapshot(folder)
        assert state in (old, new), f"died at step {step}: docs/ holds {sorted(state)}"
        swap(folder, new_files)
        assert snapshot(folder) == new and sorted(p.name for p in folder.parent.iterdir()) == ["docs"]
        if not crashed:
            break
        step += 1
    assert step > 5  # the swap's steps were each interrupted in turn


def seed_sums(project: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((project / "seeds").iterdir())}


@pytest.mark.slow
def test_no_build_writes_to_the_seeds_not_even_a_failed_one(tmp_path):
    project = project_copy(tmp_path)
    sums = seed_sums(project)
    outcomes = [run(project).returncode, run(project, "check").returncode, run(project, "export", "-").returncode,
                run(project, "site").returncode]  # fmt: skip
    mkdocs = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, capture_output=True
    )
    (project / "annotations" / "broken.yml").write_text("article: [unclosed\n", encoding="utf-8")
    failed = [run(project).returncode, run(project, "site").returncode]
    assert outcomes == [0, 0, 0, 0] and mkdocs.returncode == 0 and failed == [1, 1]
    assert seed_sums(project) == sums


@pytest.mark.slow
def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    project = project_copy(tmp_path)
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert run(project, "site", "--site-dir", str(tmp_path / "one"), env=env).returncode == 0
    assert run(project, "--docs", str(tmp_path / "docs-one")).returncode == 0
    assert run(project, "site", "--site-dir", str(tmp_path / "two"), env=env).returncode == 0
    assert run(project, "--docs", str(tmp_path / "docs-two")).returncode == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) > 30
    assert [name for name in one if one[name] != two[name]] == []
    assert snapshot(tmp_path / "docs-one") == snapshot(tmp_path / "docs-two")
    assert not any(str(tmp_path).encode() in data for data in one.values())
