"""The MkDocs plugin's configuration: every option with its default and type, a misspelt one an error."""

from __future__ import annotations

import pytest

from reader.engines.mkdocs_plugin import ReaderPlugin

from .conftest import build, project_copy


def loaded(options: dict) -> tuple[ReaderPlugin, list, list]:
    plugin = ReaderPlugin()
    errors, warnings = plugin.load_config(options)
    return plugin, errors, warnings


def test_every_option_has_its_default():
    plugin, errors, warnings = loaded({})
    assert (errors, warnings) == ([], [])
    assert dict(plugin.config) == {
        "seeds": "seeds",
        "annotations": "annotations",
        "search_engine": "auto",
        "annotations_edit_uri": "edit/main/annotations/",
    }


@pytest.mark.parametrize(
    "option, value",
    [
        ("seeds", "raw"),
        ("annotations", "notes"),
        ("search_engine", "pagefind"),
        ("annotations_edit_uri", "edit/dev/notes/"),
    ],
)
def test_each_option_is_taken(option, value):
    plugin, errors, _ = loaded({option: value})
    assert errors == [] and plugin.config[option] == value


@pytest.mark.parametrize(
    "options, message",
    [
        ({"search_engine": "pagefnd"}, "Expected one of: ('auto', 'material', 'pagefind') but received: 'pagefnd'"),
        ({"seeds": 3}, "Expected type: <class 'str'> but received: <class 'int'>"),
        ({"search_engin": "pagefind"}, "the reader plugin has no option 'search_engin'. Did you mean 'search_engine'?"),
    ],
)
def test_a_bad_or_misspelt_option_is_an_error(options, message):
    _, errors, warnings = loaded(options)
    assert warnings == []
    assert any(message in str(error) for _, error in errors), errors


@pytest.mark.slow
def test_a_misspelt_option_in_mkdocs_yml_stops_the_build(tmp_path):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: auto", "search_engin: pagefind"))
    result = build(project)
    assert result.returncode != 0
    assert "the reader plugin has no option 'search_engin'. Did you mean 'search_engine'?" in result.stderr


@pytest.mark.parametrize(
    "setting, articles, expected",
    [("auto", 7, False), ("auto", 99, False), ("auto", 100, True), ("auto", 5000, True),
     ("material", 5000, False), ("pagefind", 7, True)],
)  # fmt: skip
def test_auto_search_switches_to_pagefind_from_a_corpus_size_and_either_can_be_forced(setting, articles, expected):
    from reader.site.pagefind import chosen

    assert chosen(setting, articles) is expected
