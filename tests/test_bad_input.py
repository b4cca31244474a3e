"""Every class of bad input a careless contributor or a hostile one might send, and what they see.

Each case runs `build_site.py check` on a small corpus (one real seed and its
annotation) with one thing wrong, and checks the exit status and the message:
the file, the line where there is one, and what to do. The table in
docs/bad-input.md is this list, kept in sync by the last test
(`pytest --update-golden` rewrites it; review the diff).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from build_site import main

from .conftest import FIXTURES, ROOT, SEEDS

ARTICLE = "military-relationship-between-china-russia"
GOOD_SEED = (SEEDS / "002_d566bb28321c3257.txt").read_bytes()
NOTE = (
    f"article: {ARTICLE}\nnotes:\n  - id: n1\n    kind: context\n    quote: Nearly a month later\n    text: A note.\n"
)
FEED = (FIXTURES / "feed-two-items.txt").read_text(encoding="utf-8")
REPORT = ROOT / "docs" / "bad-input.md"


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    seeds: dict[str, bytes] = field(default_factory=dict)
    annotations: dict[str, str | bytes] = field(default_factory=dict)
    message: str = ""  # "" means the input is fine and the build succeeds
    line: int | None = None


CASES = [
    Case("empty-seed", "A seed that is empty", {"empty.txt": b""}, message="the seed is empty"),
    Case("binary-seed", "A binary file in seeds/", {"photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"}, message="the seed is a binary file"),
    Case("latin-1-seed", "A seed that is not UTF-8 (read by detection, a warning)",
         {"old.txt": "Première phrase, assez longue pour être de la prose.\n".encode("latin-1")},
         message="it was read as cp1252", line=1),
    Case("undecodable-seed", "A seed that no encoding reads as text", {"noise.txt": b"Prose? " + bytes(range(0x80, 0x100)) * 8},
         message="no other encoding reads it as text", line=1),
    Case("bom-seed", "UTF-8 with a byte-order mark (works)", {"bom.txt": b"\xef\xbb\xbf" + GOOD_SEED.replace(b"Pei Lin Wu", b"P. L. Wu")}),
    Case("crlf-seed", "Windows (CRLF) line endings (works)", {"crlf.txt": GOOD_SEED.replace(b"\n", b"\r\n").replace(b"Pei Lin Wu", b"P. L. Wu")}),
    Case("one-line-seed", "20 MB of text on one line (works)", {"long.txt": b"A title\n\nA line that goes on " + b"and on " * 2_900_000 + b"to the end.\n"}),
    Case("truncated-feed", "A feed whose last item was cut off before its text", {"feed.txt": (FEED[: FEED.index("Repairs to the storm")].rstrip() + "\n").encode()},
         message="has no body", line=18),
    Case("unrecognised-seed", "Text with no paragraph of prose", {"menu.txt": b"Home\n\nNews\n\nSport\n"}, message="the format is not recognised"),
    Case("odd-file-name", "A seed file name with spaces and non-ASCII letters (works)", {"Leïla's article (copy).txt": GOOD_SEED.replace(b"Pei Lin Wu", b"P. L. Wu")}),
    Case("tab", "A tab in an annotation file", annotations={f"{ARTICLE}.yml": NOTE.replace("    text:", "\ttext:")},
         message="a tab character", line=6),
    Case("bad-indentation", "Bad indentation", annotations={f"{ARTICLE}.yml": NOTE.replace("    kind:", "     kind:")},
         message="not valid YAML", line=4),
    Case("unclosed-quote", "An unclosed quote", annotations={f"{ARTICLE}.yml": NOTE.replace("text: A note.", 'text: "A note.')},
         message="not valid YAML", line=7),
    Case("python-tag", "A YAML tag that would run code", annotations={f"{ARTICLE}.yml": "article: !!python/object/apply:os.system [echo hacked]\n"},
         message="is not allowed: only plain YAML is read", line=1),
    Case("billion-laughs", "Anchors and aliases (a \"billion laughs\" bomb)",
         annotations={f"{ARTICLE}.yml": 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: &c [*b,*b,*b]\n'}, message="anchors and aliases", line=2),
    Case("huge-file", "A 50 MB annotation file", annotations={f"{ARTICLE}.yml": NOTE + "# " + "x" * 50_000_000 + "\n"},
         message="more than the 1,000,000 an annotation file may be"),
    Case("unknown-key", "An unknown (misspelt) key", annotations={f"{ARTICLE}.yml": NOTE.replace("quote:", "qoute:")},
         message="unknown key 'qoute'. Did you mean 'quote'?", line=5),
    Case("wrong-type", "A value of the wrong type", annotations={f"{ARTICLE}.yml": f"article: {ARTICLE}\nnotes: just one note\n"},
         message="notes: should be a list", line=2),
    Case("duplicate-ids", "The same note id in two files",
         annotations={f"{ARTICLE}.yml": NOTE, "other.yml": NOTE.replace(ARTICLE, "other")}, message="is already used in"),
    Case("unknown-article", "A note on an article that does not exist", annotations={"no-such-article.yml": NOTE.replace(ARTICLE, "no-such-article")},
         message="there is no article 'no-such-article'", line=1),
    Case("orphan-quote", "A quote that matches nothing", annotations={f"{ARTICLE}.yml": NOTE.replace("Nearly a month later", "Nearly two months later")},
         message="is not in the text", line=5),
    Case("ambiguous-quote", "A quote that matches twice", annotations={f"{ARTICLE}.yml": NOTE.replace("Nearly a month later", "University of Wittenberg")},
         message="occurs 2 times", line=5),
    Case("missing-link-target", "A link to a passage that is not there",
         annotations={f"{ARTICLE}.yml": NOTE.replace("kind: context", "kind: link\n    relation: related\n    target: {article: " + ARTICLE + ", quote: no such words}")},
         message="target.quote: the quote “no such words” is not in the text", line=6),
    Case("self-reprint", "An article declared a reprint of itself",
         annotations={f"{ARTICLE}.yml": NOTE.replace("notes:", f"about:\n  note: x\n  reprints: {{confirm: [{ARTICLE}]}}\nnotes:")},
         message="an article cannot be a reprint of itself", line=4),
    Case("path-outside", "A path pointing outside the repository", annotations={f"{ARTICLE}.yml": NOTE.replace(f"article: {ARTICLE}", "article: ../../etc/passwd")},
         message="'../../etc/passwd' is not an id", line=1),
]  # fmt: skip


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> Callable[[Case], tuple[int, str, Path]]:
    """`build_site.py check` on each case, run once however many tests read it: status, stderr, folder."""
    results: dict[str, tuple[int, str, Path]] = {}

    def result(case: Case) -> tuple[int, str, Path]:
        if case.name not in results:
            folder = tmp_path_factory.mktemp(case.name)
            seeds, annotations = folder / "seeds", folder / "annotations"
            seeds.mkdir()
            annotations.mkdir()
            (seeds / "good.txt").write_bytes(GOOD_SEED)
            for name, data in case.seeds.items():
                (seeds / name).write_bytes(data)
            for name, text in case.annotations.items():
                (annotations / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                status = main(["check", "--seeds", str(seeds), "--annotations", str(annotations)])
            results[case.name] = (status, err.getvalue(), folder)
        return results[case.name]

    return result


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_clear_error_and_good_input_works(checked, case):
    status, err, _ = checked(case)
    if not case.message:
        assert (status, err) == (0, "")
        return
    assert status == 1
    assert "Traceback" not in err
    first = err.splitlines()[0]
    name = next(iter(case.seeds or case.annotations))
    assert name in first or (case.name == "duplicate-ids" and "annotations/" in first)
    if case.line:
        assert f":{case.line}:" in first or first.split(": ")[0].endswith(f":{case.line}"), first
    assert case.message in err
    assert "You can fix this by" in err


def observed(checked: Callable[[Case], tuple[int, str, Path]], case: Case) -> str:
    """The message a person sees for the case, its temporary folder written as the usual one."""
    status, err, folder = checked(case)
    if status == 0:
        return "builds normally"
    shown = err.replace(str(folder) + "/", "").replace("\n  You can fix this by", " You can fix this by")
    first = shown.splitlines()[0]
    return "`" + (first[:300] + "…" if len(first) > 300 else first).replace("|", "\\|") + "`"


def report(messages: list[str]) -> str:
    rows = [f"| {c.what} | {message} |" for c, message in zip(CASES, messages, strict=True)]
    return "\n".join(
        [
            "---",
            "title: Bad input",
            "search:",
            "  exclude: true",
            "---",
            "",
            "# Bad input, and what you see",
            "",
            "Every build (and `python build_site.py check`) reports every problem at once, each as "
            '`FILE:LINE:COLUMN: field: message` followed by "You can fix this by ...", exits with status 1 '
            "and writes nothing. A seed that cannot be read (or is read by a guessed encoding) is a warning, "
            "as MkDocs treats a page it cannot build: without `strict`, the other seeds are published and the "
            "cleaning page lists the seed as not published; with `strict: true`, as this repository's "
            "`mkdocs.yml` sets (and `--strict` on the command line), warnings stop the build like errors. "
            "A bug in the reader itself is reported as an internal error, with the file "
            "being processed, and exit status 2. This table, generated from `tests/test_bad_input.py`, "
            "shows what `check` says under `strict`.",
            "",
            "| Input | What you see |",
            "| --- | --- |",
            *rows,
            "",
        ]
    )


def test_the_bad_input_report_is_in_sync_with_these_cases(request, checked):
    expected = report([observed(checked, case) for case in CASES])
    if request.config.getoption("--update-golden"):
        REPORT.write_text(expected, encoding="utf-8")
    assert REPORT.read_text(encoding="utf-8") == expected, "run pytest --update-golden and review docs/bad-input.md"


def test_an_internal_error_names_the_file_and_exits_2(tmp_path, capsys, monkeypatch):
    import reader.corpus

    def broken(story):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(reader.corpus, "clean", broken)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_bytes(GOOD_SEED)
    status = main(["check", "--seeds", str(seeds), "--annotations", str(tmp_path / "none")])
    err = capsys.readouterr().err
    assert status == 2 and "good.txt: internal error (ZeroDivisionError: a bug)" in err and "Traceback" not in err
    monkeypatch.setattr("reader.cli.run_check", lambda args: json.loads("not json"))
    assert main(["check"]) == 2
    assert "internal error: JSONDecodeError" in capsys.readouterr().err
