"""The README documents every command for users, ARCHITECTURE.md the package layout and the pipeline for
developers, and the site documents every rule."""

import re
import subprocess

from build_site import parser
from reader.ingest.rules import reasons
from reader.site.render import render_rules

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")

README_MAX_WORDS = 1500  # issue 28: the README is for users, and short

# Each stage of the pipeline, or what wraps it, by its module: the diagram and the table of stages name them all.
STAGE_MODULES = (
    "reader/ingest/load.py",
    "reader/ingest/archive.py",
    "reader/ingest/split.py",
    "reader/ingest/clean.py",
    "reader/corpus.py",
    "reader/annotations/read.py",
    "reader/annotations/decisions.py",
    "reader/annotations/sourcing.py",
    "reader/annotations/annotate.py",
    "reader/annotations/history.py",
    "reader/reprints/copies.py",
    "reader/reprints/detect.py",
    "reader/reprints/align.py",
    "reader/reprints/travel.py",
    "reader/site/render.py",
    "reader/site/navigation.py",
    "reader/site/write.py",
    "reader/site/postbuild.py",
    "reader/engines/build.py",
    "reader/engines/mkdocs_plugin.py",
)


def section(text: str, heading: str) -> str:
    """The text under `heading` (a line of its own), up to the next heading of its level or above."""
    level = heading.split(" ", 1)[0]
    assert f"\n{heading}\n" in text, f"no section {heading!r}"
    body = text.split(f"\n{heading}\n", 1)[1]
    ends = [body.find(f"\n{'#' * n} ") for n in range(1, len(level) + 1)]
    return body[: min([e for e in ends if e >= 0], default=len(body))]


def commands():
    top = parser()
    subparsers = next(a for a in top._actions if a.__class__.__name__ == "_SubParsersAction")
    return subparsers.choices


def test_every_command_and_option_is_in_the_readme():
    for name, command in commands().items():
        assert f"python build_site.py {name}" in README, name
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"{name} {flag}"


def test_the_module_table_names_every_module_of_the_package_and_nothing_else():
    """ARCHITECTURE.md's "Modules" lists each module (a format module by its folder) and each subpackage."""
    table = section(ARCHITECTURE, "## Modules")
    listed = set(re.findall(r"^\| (?:\*\*)?`(reader/[\w/.]+)`", table, re.M))
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reader").rglob("*.py") if p.name != "__init__.py"}
    folders = {p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "reader").rglob("__init__.py")} - {
        "reader/"
    }
    formats = "reader/ingest/formats/"
    expected = {m for m in modules if not m.startswith(formats)} | folders
    assert listed == expected


def test_the_two_set_up_commands_are_in_the_readme():
    assert "make serve" in README and "make test" in README


def test_the_readme_is_under_1500_words():
    """Counted as `wc -w` counts: runs of characters between whitespace."""
    words = len(README.split())
    assert words < README_MAX_WORDS, f"README.md has {words} words; developers' matters go in ARCHITECTURE.md"


def test_the_readme_links_the_other_guides():
    for target in ("ARCHITECTURE.md", "CONTRIBUTING.md", "bench/RESULTS.md"):
        assert f"]({target})" in README, target


def test_the_architecture_draws_the_pipeline_naming_each_stages_module():
    """A Mermaid diagram (which Material and GitHub render) and the table of stages name every stage's module."""
    diagrams = re.findall(r"^```mermaid\n(.*?)^```$", ARCHITECTURE, re.M | re.S)
    assert diagrams, "ARCHITECTURE.md has no ```mermaid block"
    assert diagrams[0].lstrip().startswith(("flowchart", "graph")), "the pipeline is drawn as a flowchart"
    stages = section(ARCHITECTURE, "### Stages, their modules and types")
    for module in STAGE_MODULES:
        assert (ROOT / module).is_file(), f"{module} is gone: update the diagram, the table and STAGE_MODULES"
        assert module in diagrams[0], f"the diagram does not name {module}"
        assert f"`{module}`" in stages, f"the table of stages does not name {module}"


def test_every_path_the_guides_name_exists():
    """A module, test or benchmark named in backticks in either guide is there (a rename updates the guides)."""
    for name, text in (("README.md", README), ("ARCHITECTURE.md", ARCHITECTURE)):
        for path in set(re.findall(r"`((?:reader|tests|bench)/[\w/.\-]*)`", text)):
            assert (ROOT / path).exists(), f"{name} names {path}, which does not exist"


def test_every_rule_is_on_the_rules_page():
    page = render_rules()
    for name in reasons():
        assert f"## {name}\n" in page


def schema_keys(model, seen=None) -> set[str]:
    """Every key an annotation or glossary file may contain."""
    from typing import get_args

    from pydantic import BaseModel

    seen = seen if seen is not None else set()
    keys = set()
    for name, info in model.model_fields.items():
        keys.add(name)
        stack = [info.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel) and current not in seen:
                seen.add(current)
                keys |= schema_keys(current, seen)
            stack.extend(get_args(current))
    return keys


def test_every_annotation_key_is_documented_in_contributing():
    from reader.annotations.schema import AnnotationFile, ContextNote, CorrectionNote, GlossaryFile, LinkNote

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    keys = set()
    for model in (AnnotationFile, ContextNote, CorrectionNote, LinkNote, GlossaryFile):
        keys |= schema_keys(model)
    for key in sorted(keys):
        assert f"`{key}`" in guide, f"CONTRIBUTING.md does not document the key {key!r}"


def test_the_site_includes_the_contributing_guide():
    page = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert '--8<-- "CONTRIBUTING.md"' in page


def test_git_ignores_every_generated_file():
    """The generated pages are never committed: each name `render.GENERATED` owns in docs/ (and a
    later page of a paginated list beside it) is ignored."""
    from reader.site.render import GENERATED

    names = [f"docs/{name}" + ("/x.md" if "." not in name else "") for name in GENERATED] + ["docs/timeline-2.md"]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert sorted(set(names) - set(ignored)) == []
