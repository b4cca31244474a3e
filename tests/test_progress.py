"""Progress shows on a terminal and stays out of CI logs and pipes."""

import io

from reader.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_stage_count_and_time_left(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = Progress(stream)
    progress.stage("cleaning seeds", 4)
    progress.advance()
    progress.advance()
    progress.finish()
    shown = stream.getvalue()
    assert "cleaning seeds: 2/4, about" in shown and "s left" in shown


def test_ci_and_pipes_see_nothing(monkeypatch):
    monkeypatch.setenv("CI", "true")
    stream = Terminal()
    Progress(stream).stage("cleaning seeds", 4)
    assert stream.getvalue() == ""
    monkeypatch.delenv("CI")
    pipe = io.StringIO()
    Progress(pipe).stage("cleaning seeds", 4)
    assert pipe.getvalue() == ""


def test_a_build_names_each_of_its_stages_in_turn(monkeypatch, tmp_path):
    from reader.site.write import rendered_site

    from .conftest import ANNOTATIONS, SEEDS

    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    rendered_site(SEEDS, ANNOTATIONS, progress=Progress(stream))
    shown = stream.getvalue()
    stages = ["cleaning seeds, reading annotations: 5/5", "finding reprints, placing notes…",
              "aligning reprints: 1/1", "rendering pages: "]  # fmt: skip
    assert all(stage in shown for stage in stages), shown
    assert [shown.index(stage) for stage in stages] == sorted(shown.index(stage) for stage in stages)
