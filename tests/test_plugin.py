"""The MkDocs plugin: its configuration (every option with its default and type, a misspelt one an
error), and how it writes the pages and the generator's other files."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from reader.engines.mkdocs_plugin import ReaderPlugin

from .conftest import build, project_copy, snapshot


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
        "report_url": "",
        "generate": True,
        "engine_internals": True,
    }


@pytest.mark.parametrize(
    "option, value",
    [
        ("seeds", "raw"),
        ("annotations", "notes"),
        ("search_engine", "pagefind"),
        ("annotations_edit_uri", "edit/dev/notes/"),
        ("report_url", "mailto:corrections@example.org"),
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


def test_passages_are_set_aside_from_python_markdown_and_put_back_as_it_would_have_left_them():
    """The article's passages are finished HTML: the build skips parsing them, with the same page."""
    from types import SimpleNamespace

    import markdown

    source = (
        "# Title\n\nSome *Markdown* first.\n\n"
        '<div class="reader-passage"><p id="p1">One *not emphasis* &amp; <mark>two</mark></p></div>\n\n'
        '<div class="reader-passage"><p id="p2">Three</p></div>\n\n'
        '<div class="reader-passage" markdown>\n\nNot one line: *kept* for Markdown\n\n</div>\n'
    )
    plugin = ReaderPlugin()
    page = SimpleNamespace(file=SimpleNamespace(src_uri="articles/a.md"), present_anchor_ids={"title"})
    stub = plugin.on_page_markdown(source, page=page, config=None, files=None)
    assert stub.count("<!--reader-finished-") == 2 and "Three" not in stub and "Not one line" in stub
    extensions = ["md_in_html"]
    html = plugin.on_page_content(markdown.markdown(stub, extensions=extensions), page=page, config=None, files=None)
    assert html == markdown.markdown(source, extensions=extensions)
    assert page.present_anchor_ids == {"title", "p1", "p2"}  # links to them are checked as before


def test_every_generated_page_converts_the_same_with_its_finished_html_set_aside(corpus, tmp_path, monkeypatch):
    """On the real corpus, each page as Python-Markdown makes it, with the site's extensions, is the
    same whether its finished blocks go through it or around it; on each article, some went around."""
    from types import SimpleNamespace

    import markdown
    from mkdocs.config import load_config

    from reader.site.render import render_site

    project = project_copy(tmp_path)
    monkeypatch.chdir(project)  # where pymdownx.snippets looks
    config = load_config(str(project / "mkdocs.yml"))
    plugin = ReaderPlugin()
    for path, source in render_site(corpus).items():
        if not path.endswith(".md"):
            continue
        page = SimpleNamespace(file=SimpleNamespace(src_uri=path), present_anchor_ids=set())

        def html(text):
            return markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            ).convert(text)

        stub = plugin.on_page_markdown(source, page=page, config=None, files=None)
        if path.startswith("articles/"):
            assert stub.count("<!--reader-finished-") >= 5, path
        assert plugin.on_page_content(html(stub), page=page, config=None, files=None) == html(source), path


def test_a_linked_file_replaces_what_the_site_held_without_writing_through_to_docs(tmp_path):
    from reader.engines.mkdocs_plugin import LinkedFile

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "raw").mkdir(parents=True)
    (docs / "raw" / "a.txt").write_text("the seed", encoding="utf-8")
    (site / "raw").mkdir(parents=True)
    (site / "raw" / "a.txt").write_text("an older build's", encoding="utf-8")
    LinkedFile("raw/a.txt", str(docs), str(site), True).copy_file()
    assert (site / "raw" / "a.txt").samefile(docs / "raw" / "a.txt")
    assert (docs / "raw" / "a.txt").read_text(encoding="utf-8") == "the seed"


def test_only_the_generators_own_files_in_docs_are_published_as_links(tmp_path):
    from mkdocs.structure.files import File, Files

    from reader.engines.mkdocs_plugin import LinkedFile, linked_generated_files

    docs, theme, site = str(tmp_path / "docs"), str(tmp_path / "theme"), str(tmp_path / "site")
    made_by_a_plugin = File("raw/b.txt", docs, site, True)
    made_by_a_plugin.generated_by = "another"
    files = Files(
        [
            File("raw/a.txt", docs, site, True),  # the generator's
            File("stylesheets/reader.css", docs, site, True),  # hand-written
            File("raw/logo.svg", theme, site, True),  # the theme's, under a generated name
            made_by_a_plugin,
            File("articles/a.md", docs, site, True),  # a page: MkDocs builds it
        ]
    )
    linked = [f.src_uri for f in linked_generated_files(files, docs) if isinstance(f, LinkedFile)]
    assert linked == ["raw/a.txt"]


def _signed(html: str, *, source: str) -> str:
    if source == "slow.md":
        time.sleep(0.5)
    return f"{html}, finished from {source}"


def test_a_page_writer_finishes_the_pages_given_to_it_in_order_and_stops_at_a_failure(tmp_path):
    from mkdocs.utils import write_file

    from reader.engines.internals import PageWriter

    writer = PageWriter(write_file, _signed)
    for n in range(200):
        path = str(tmp_path / "site" / f"p{n % 7}" / "index.html")
        if n % 2:  # a page the plugin left to the writer to finish
            writer.sources[path] = f"p{n % 7}.md"
        writer.write(f"version {n}".encode(), path)
    writer.close()
    assert (tmp_path / "site" / "p3" / "index.html").read_text() == "version 199, finished from p3.md"  # the last wins
    assert (tmp_path / "site" / "p2" / "index.html").read_text() == "version 198"  # not given to finish
    assert len(list((tmp_path / "site").rglob("index.html"))) == 7

    (tmp_path / "taken").write_text("a file where a folder should be", encoding="utf-8")
    failing = PageWriter(write_file, _signed)
    slow = str(tmp_path / "site" / "slow.html")
    failing.sources[slow] = "slow.md"
    failing.write(b"first", slow)  # the writer busy with it while the next two are handed over
    failing.write(b"x", str(tmp_path / "taken" / "index.html"))
    failing.write(b"y", str(tmp_path / "site" / "after.html"))
    with pytest.raises(OSError) as failure:
        failing.close()
    assert f"writing {tmp_path / 'taken' / 'index.html'}" in " ".join(failure.value.__notes__)
    assert (tmp_path / "site" / "slow.html").read_text() == "first, finished from slow.md"
    assert not (tmp_path / "site" / "after.html").exists()  # nothing written after the failure


def test_pages_are_left_to_a_writer_only_if_no_plugin_sees_them_after_the_reader_and_no_thread_runs():
    import threading

    from mkdocs import utils
    from mkdocs.config.defaults import MkDocsConfig

    from reader.engines.internals import Internals

    config = MkDocsConfig()
    config.load_dict({"site_name": "Test"})
    config.validate()
    handler, other = ReaderPlugin().on_post_page, ReaderPlugin().on_post_page
    config.plugins.events["post_page"] += [handler, other]
    internals = Internals(on=True)
    plain = utils.write_file
    stop = threading.Event()
    running = threading.Thread(target=stop.wait)
    try:
        internals.write_pages_behind(config, _signed, handler)
        assert internals.writer is None and utils.write_file is plain
        assert internals.finish_when_written("site/index.html", "index.md") is False  # the plugin finishes it

        config.plugins.events["post_page"].remove(other)
        running.start()
        internals.write_pages_behind(config, _signed, handler)
        assert internals.writer is None and utils.write_file is plain
    finally:
        stop.set()
        if running.is_alive():
            running.join()
        internals.finish_writing(failed=True)  # MkDocs' own write_file back, had a writer been started


@pytest.mark.slow
def test_a_one_off_mkdocs_build_finishes_its_pages_in_a_process_of_their_own_with_the_plain_paths_result(tmp_path):
    """`mkdocs build` from the command line, with the engine internals and without them: the same
    site, file for file (here Material's search, whose index the internals leave alone)."""
    project = project_copy(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

    def mkdocs_build(site: str) -> str:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose", "-d", site]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "Pages finished and written by a process of their own" in mkdocs_build("site-on")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      search_engine: auto\n", "      search_engine: auto\n      engine_internals: false\n"
        )
    )
    assert "a process of their own" not in mkdocs_build("site-off")
    on, off = snapshot(project / "site-on"), snapshot(project / "site-off")
    assert on.keys() == off.keys() and len(on) > 30
    assert [name for name in on if on[name] != off[name]] == []
