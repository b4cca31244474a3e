"""The README documents every command and the package layout, and the site documents every rule."""

import re

from build_site import parser
from reader.ingest.rules import reasons
from reader.site.render import render_rules

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


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
    """ "How the pieces fit" lists each module (a format module by its folder) and each subpackage."""
    section = README.split("## How the pieces fit", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| (?:\*\*)?`(reader/[\w/.]+)`", section, re.M))
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "reader").rglob("*.py") if p.name != "__init__.py"}
    folders = {p.parent.relative_to(ROOT).as_posix() + "/" for p in (ROOT / "reader").rglob("__init__.py")} - {
        "reader/"
    }
    formats = "reader/ingest/formats/"
    expected = {m for m in modules if not m.startswith(formats)} | folders
    assert listed == expected


def test_the_two_set_up_commands_are_in_the_readme():
    assert "make serve" in README and "make test" in README


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
