"""Faults: a killed build leaves the old docs/ and site/ whole, seeds are never written, builds repeat exactly."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import project_copy


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "build_site.py", *args], cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )  # fmt: skip


def killed_after(project: Path, seconds: float, *args: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "build_site.py", *args], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()


def edit_an_annotation(project: Path) -> None:
    path = project / "annotations" / "military-relationship-between-china-russia.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Read the corrections", "Do read the corrections"), encoding="utf-8"
    )


@pytest.mark.parametrize("command, folder, delays", [
    ([], "docs", [0.05, 0.3, 0.6, 0.9, 1.2, 1.6, 2.2]),
    (["site"], "site", [0.3, 1.0, 1.8, 2.6, 3.4, 4.2, 5.0]),
])  # fmt: skip
def test_a_build_killed_at_any_moment_leaves_the_old_tree_or_the_new_one(tmp_path, command, folder, delays):
    project = project_copy(tmp_path)
    assert run(project, *command).returncode == 0
    before = snapshot(project / folder)
    edit_an_annotation(project)
    seen = []
    for delay in delays:
        killed_after(project, delay, *command)
        seen.append(snapshot(project / folder))
    assert run(project, *command).returncode == 0
    after = snapshot(project / folder)
    assert before != after
    for delay, state in zip(delays, seen, strict=True):
        assert state in (before, after), f"killed after {delay}s, {folder}/ was a mix of old and new"


def seed_sums(project: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((project / "seeds").iterdir())}


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
