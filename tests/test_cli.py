"""The command line: every bad seed reported at once, a non-zero exit, nothing written."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import build_site
from bench.project import copy_project

from .conftest import ROOT, SEEDS, project_copy, snapshot

GOOD = (SEEDS / "002_d566bb28321c3257.txt").read_bytes()
FEED = (ROOT / "tests" / "fixtures" / "feed-two-items.txt").read_text(encoding="utf-8")
FEED_WITHOUT_BODY = FEED[: FEED.index("Repairs to the storm")].rstrip() + "\n"
PROJECT = ROOT  # replaced by a copy for the module (the `project` fixture)


@pytest.fixture(scope="module", autouse=True)
def project(tmp_path_factory):
    """The commands run in a copy of the project: what one writes beside mkdocs.yml (generated.yml,
    pointing at a test's folder) stays out of the repository."""
    global PROJECT
    PROJECT = copy_project(ROOT, tmp_path_factory.mktemp("cli") / "project")
    return PROJECT


def run(*args):
    """build_site.py with these arguments; a custom --seeds folder gets no annotations."""
    args = [str(a) for a in args]
    if "--seeds" in args and "--annotations" not in args:
        args += ["--annotations", str(Path(args[args.index("--seeds") + 1]).parent / "no-annotations")]
    return subprocess.run([sys.executable, "build_site.py", *args], cwd=PROJECT, capture_output=True, text=True)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("empty.txt", b"", "the seed is empty"),
        ("latin1.txt", "Une phrase en français, assez longue pour compter ici.".encode("latin-1"), "read as cp1252"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("menu.txt", b"Home\n\nNews\n\nSport", "format is not recognised"),
        ("feed.txt", FEED_WITHOUT_BODY.encode(), "has no body"),
    ],
)
def test_bad_seed_fails_a_strict_build_and_leaves_the_previous_site(tmp_path, seed_folder, name, data, expected):
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


@pytest.mark.slow
def test_stale_generated_pages_are_removed(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD, "other.txt": (SEEDS / "003_d9c05a133f4aaaab.txt").read_bytes()})
    docs = tmp_path / "docs"
    run("--seeds", folder, "--docs", docs)
    assert len(list((docs / "articles").iterdir())) == 2
    (folder / "other.txt").unlink()
    run("--seeds", folder, "--docs", docs)
    assert len(list((docs / "articles").iterdir())) == 1
    assert not (docs / "raw" / "other.txt").exists()


@pytest.mark.slow
def test_a_rebuild_with_no_change_writes_nothing(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD})
    docs = tmp_path / "docs"
    run("--seeds", folder, "--docs", docs)
    assert "(0 file(s) changed)" in run("--seeds", folder, "--docs", docs).stdout


@pytest.mark.slow
def test_without_strict_a_bad_seed_is_a_warning_and_the_others_are_published(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD, "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"})
    docs = tmp_path / "docs"
    result = run("--seeds", folder, "--docs", docs, "--no-strict")
    assert result.returncode == 0
    assert f"warning: {folder / 'photo.jpg'}: the seed is a binary file" in result.stderr
    assert len(list((docs / "articles").iterdir())) == 1
    rules = (docs / "rules.md").read_text(encoding="utf-8")
    assert "## Not published" in rules and "- **photo\\.jpg**: the seed is a binary file, not text." in rules
    assert str(folder) not in rules  # the page names the file, not where it lay on the builder's disk


def test_check_reports_every_warning_either_way(seed_folder):
    folder = seed_folder({"good.txt": GOOD, "a.txt": b"", "b.txt": b"\x00\x01\x02"})
    relaxed = run("check", "--seeds", folder, "--no-strict")
    assert relaxed.returncode == 0 and "a.txt" in relaxed.stderr and "b.txt" in relaxed.stderr
    assert "OK (with 2 warning(s) above)" in relaxed.stdout
    assert run("check", "--seeds", folder, "--strict").returncode == 1


OPTION_VALUES = {"--seeds": "/x/seeds", "--annotations": "/x/notes", "--docs": "/x/docs", "--site-dir": "/x/site", "--out": "/x/schema",
                 "--engine": "zensical", "--dev-addr": "127.0.0.1:9000", "--format": "json", "--jobs": "1",
                 "--scheduler": "tcp://127.0.0.1:8786", "--json": "/x/found.json"}  # fmt: skip


@pytest.mark.parametrize(
    "command, option",
    [(command, option) for command, (_, options) in build_site.COMMANDS.items() for option in options],
)
def test_every_option_works_before_and_after_the_command_name(command, option):
    positional = {"export": ["out.json"], "add": ["https://example.org/a"], "find-copies": ["haystack.warc.gz"]}.get(
        command, []
    )
    given = [option, OPTION_VALUES[option]] if option in OPTION_VALUES else [option]
    attribute = option.lstrip("-").replace("-", "_")
    kind = build_site.OPTIONS[option].get("type", str)
    expected = kind(OPTION_VALUES[option]) if option in OPTION_VALUES else True
    before = build_site.parser().parse_args([*given, command, *positional])
    after = build_site.parser().parse_args([command, *positional, *given])
    assert getattr(before, attribute) == getattr(after, attribute) == expected
    untouched = build_site.parser().parse_args([command, *positional])
    assert getattr(untouched, attribute) == build_site.DEFAULTS[attribute]


def test_seeds_given_before_export_are_the_ones_exported(tmp_path, seed_folder):
    folder = seed_folder({"good.txt": GOOD})
    out = tmp_path / "corpus.json"
    assert run("--seeds", folder, "export", out).returncode == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1


BROKEN_NOTE = (
    "article: military-relationship-between-china-russia\nnotes:\n  - id: x1\n    kind: context\n"
    "    quote: no such words, anywhere\n    text: A note.\n"
)


@pytest.fixture
def broken_annotations(tmp_path):
    """The repository's annotations with one quote that is nowhere in its article."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    for path in (ROOT / "annotations").glob("*.yml"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "military-relationship-between-china-russia.yml").write_text(BROKEN_NOTE, encoding="utf-8")
    return folder


def test_check_in_github_format_puts_each_problem_on_its_line(broken_annotations, capsys):
    status = build_site.main(["check", "--annotations", str(broken_annotations), "--format", "github"])
    (line,) = capsys.readouterr().out.splitlines()
    assert status == 1
    assert line.startswith(
        "::error file=annotations/military-relationship-between-china-russia.yml,line=5,col=12,title=notes[0].quote::"
    )
    assert "the quote “no such words, anywhere” is not in the text" in line and "You can fix this by" in line
    assert "%25 alike" in line  # GitHub's escaping of "%" in a message


def test_check_in_json_format_gives_the_problems_as_data(broken_annotations, capsys):
    status = build_site.main(["check", "--annotations", str(broken_annotations), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and report["ok"] is False and report["warnings"] == []
    (error,) = report["errors"]
    assert error["kind"] == "OrphanQuoteError" and (error["line"], error["column"]) == (5, 12)
    assert error["field"] == "notes[0].quote" and error["fix"].startswith("copying the quote exactly")


def test_a_warning_is_a_workflow_warning_and_a_clean_corpus_says_nothing(seed_folder, tmp_path, capsys):
    import contextlib
    import io

    folder = seed_folder(
        {"good.txt": GOOD, "latin1.txt": "Une phrase en français, assez longue pour compter ici.".encode("latin-1")}
    )
    with contextlib.redirect_stderr(io.StringIO()):
        status = build_site.main(
            ["check", "--seeds", str(folder), "--annotations", str(tmp_path), "--no-strict", "--format", "github"]
        )
    out = capsys.readouterr().out
    assert status == 0 and out.startswith("::warning file=") and "latin1.txt" in out
    assert build_site.main(["check", "--format", "github"]) == 0 and capsys.readouterr().out == ""


def test_a_bug_in_a_stage_shows_its_traceback_once_under_debug_and_a_hint_without(tmp_path, monkeypatch, capsys):
    """A bug put into the cleaning stage fails every seed: each seed's one line, and the traceback once."""
    import reader.corpus

    def broken_rule(story):
        return {}["boom"]

    monkeypatch.setattr(reader.corpus, "clean", broken_rule)
    monkeypatch.delenv("READER_DEBUG", raising=False)
    project = project_copy(tmp_path)
    command = ["check", "--jobs", "1", "--seeds", str(project / "seeds"), "--annotations", str(project / "annotations")]
    assert build_site.main([*command, "--debug"]) == 2  # a bug, not bad input
    shown = capsys.readouterr().err
    assert shown.count("internal error (KeyError: 'boom')") == len(list((project / "seeds").glob("*.txt")))
    assert shown.count("Traceback (most recent call last)") == 1
    assert "in broken_rule" in shown and 'return {}["boom"]' in shown
    assert build_site.main(command) == 2
    shown = capsys.readouterr().err
    assert "Traceback" not in shown and "Run again with --debug (or READER_DEBUG=1)" in shown


@pytest.mark.parametrize(
    "written, said",
    [
        ("search_engin: pagefind", "the reader plugin has no option 'search_engin'. Did you mean 'search_engine'?"),
        ("search_engine: pagfind", "search_engine"),
    ],
)
def test_the_command_line_refuses_a_misspelt_setting_as_the_plugin_does(tmp_path, written, said):
    """mkdocs.yml is read with MkDocs' own loader and the plugin's options: the same error from both."""
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: auto", written), encoding="utf-8")
    result = subprocess.run([sys.executable, "build_site.py", "build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{config}: " in result.stderr and said in result.stderr
    assert not (project / "docs" / "articles").exists()  # nothing written
