"""The command line: every bad seed reported at once, a non-zero exit, nothing written."""

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

GOOD = (SEEDS / "002_d566bb28321c3257.txt").read_bytes()
FEED = (ROOT / "tests" / "fixtures" / "feed-two-items.txt").read_text(encoding="utf-8")
FEED_WITHOUT_BODY = FEED[: FEED.index("Repairs to the storm")].rstrip() + "\n"


def run(*args):
    """build_site.py with these arguments; a custom --seeds folder gets no annotations."""
    args = [str(a) for a in args]
    if "--seeds" in args and "--annotations" not in args:
        args += ["--annotations", str(Path(args[args.index("--seeds") + 1]).parent / "no-annotations")]
    return subprocess.run([sys.executable, "build_site.py", *args], cwd=ROOT, capture_output=True, text=True)


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("empty.txt", b"", "the seed is empty"),
        ("latin1.txt", "Une phrase en français, assez longue pour compter ici.".encode("latin-1"), "not UTF-8"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("menu.txt", b"Home\n\nNews\n\nSport", "format is not recognised"),
        ("feed.txt", FEED_WITHOUT_BODY.encode(), "has no body"),
    ],
)
def test_bad_seed_fails_the_build_and_leaves_the_previous_site(tmp_path, seed_folder, name, data, expected):
    folder = seed_folder({"good.txt": GOOD})
    docs = tmp_path / "docs"
    assert run("--seeds", folder, "--docs", docs).returncode == 0
    before = snapshot(docs)
    (folder / name).write_bytes(data)
    result = run("--seeds", folder, "--docs", docs)
    assert result.returncode == 1
    assert f"{folder / name}" in result.stderr
    assert expected in result.stderr
    assert "You can fix this by" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(docs) == before


def test_every_bad_seed_is_reported_together(seed_folder):
    folder = seed_folder({"good.txt": GOOD, "a.txt": b"", "b.txt": b"\x00\x01\x02"})
    result = run("check", "--seeds", folder)
    assert result.returncode == 1
    assert "a.txt" in result.stderr and "b.txt" in result.stderr
    assert "2 errors; nothing was written." in result.stderr


def test_export_of_a_bad_corpus_writes_nothing(tmp_path, seed_folder):
    folder = seed_folder({"a.txt": b""})
    out = tmp_path / "corpus.json"
    assert run("export", out, "--seeds", folder).returncode == 1
    assert not out.exists()


def test_missing_seeds_folder_is_an_error(tmp_path):
    result = run("check", "--seeds", tmp_path / "nowhere")
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_check_reports_the_corpus():
    result = run("check")
    assert result.returncode == 0
    assert "5 seeds, 7 articles" in result.stdout and "notes" in result.stdout


def test_stale_generated_pages_are_removed(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD, "other.txt": (SEEDS / "003_d9c05a133f4aaaab.txt").read_bytes()})
    docs = tmp_path / "docs"
    run("--seeds", folder, "--docs", docs)
    assert len(list((docs / "articles").iterdir())) == 2
    (folder / "other.txt").unlink()
    run("--seeds", folder, "--docs", docs)
    assert len(list((docs / "articles").iterdir())) == 1
    assert not (docs / "raw" / "other.txt").exists()


def test_a_rebuild_with_no_change_writes_nothing(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD})
    docs = tmp_path / "docs"
    run("--seeds", folder, "--docs", docs)
    assert "(0 file(s) changed)" in run("--seeds", folder, "--docs", docs).stdout
