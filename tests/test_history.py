"""Each article's notes say when they last changed, from the commits of its annotation file."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace

import pytest

from reader.annotations.history import REVISIONS_SHOWN, annotation_history, parse_log
from reader.model import Revision

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_a_log_becomes_each_files_revisions_newest_first():
    log = (
        "\x1e2026-11-30\x1fFix the Belousov dates\n\nannotations/a.yml\nannotations/b.yml\n"
        "\x1e2026-11-23\x1fFirst notes\n\nannotations/a.yml\n"
    )
    assert parse_log(log) == {
        "a": (Revision("2026-11-30", "Fix the Belousov dates"), Revision("2026-11-23", "First notes")),
        "b": (Revision("2026-11-30", "Fix the Belousov dates"),),
    }


@needs_git
def test_the_history_comes_from_the_commits_not_the_clock(tmp_path):
    notes = tmp_path / "annotations"
    notes.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}  # fmt: skip
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    for day, text in (("2026-01-02", "first"), ("2026-03-04", "second")):
        (notes / "x.yml").write_text(f"article: x\n# {text}\n", encoding="utf-8")
        subprocess.run(["git", "add", "."], cwd=tmp_path, check=True, env=env)
        dated = {**env, "GIT_AUTHOR_DATE": f"{day}T12:00:00", "GIT_COMMITTER_DATE": f"{day}T12:00:00"}
        subprocess.run(["git", "commit", "-q", "-m", f"The {text} note"], cwd=tmp_path, check=True, env=dated)
    assert annotation_history(notes) == {
        "x": (Revision("2026-03-04", "The second note"), Revision("2026-01-02", "The first note"))
    }


def test_outside_a_repository_there_is_no_history(tmp_path):
    assert annotation_history(tmp_path) == {}


def test_an_article_page_says_when_its_notes_last_changed(corpus):
    from reader.site.render import render_site

    item = next(i for i in corpus.annotated if i.notes)
    history = tuple(Revision(f"2026-11-{30 - n:02d}", f"Change {n}") for n in range(REVISIONS_SHOWN + 2))
    changed = replace(
        corpus, annotated=tuple(replace(i, history=history) if i is item else i for i in corpus.annotated)
    )
    page = render_site(changed)[f"articles/{item.article.id}.md"]
    assert "Notes last changed 30 November 2026 (7 changes)" in page
    assert page.count("<li><time") == REVISIONS_SHOWN and "…and 2 earlier changes" in page
