"""The README documents every command, and the site documents every rule."""

from build_site import parser
from reader.render import render_rules
from reader.rules import reasons

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


def test_the_two_set_up_commands_are_in_the_readme():
    assert "make serve" in README and "make test" in README


def test_every_rule_is_on_the_rules_page():
    page = render_rules()
    for name in reasons():
        assert f"## {name}\n" in page
