"""One site, any engine: the generated sources build the same site with MkDocs and with Zensical."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from bench.project import fetched

from .conftest import project_copy, serving, wait_for

pytestmark = pytest.mark.slow

ENGINES = ("mkdocs", "zensical")


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build_site.py", *args], cwd=project, capture_output=True, text=True)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The real corpus built by `build_site.py site --engine NAME`, once per engine; MkDocs last, so
    that docs/ is as its build left it."""
    project = project_copy(tmp_path_factory.mktemp("engines"))
    built = {}
    for engine in reversed(ENGINES):
        result = run(project, "site", "--engine", engine, "--site-dir", str(project / f"site-{engine}"))
        assert result.returncode == 0, result.stderr
        built[engine] = project / f"site-{engine}"
    return built


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_build_writes_a_configuration_both_engines_read(tmp_path):
    project = project_copy(tmp_path)
    assert run(project).returncode == 0
    config = yaml.safe_load((project / "generated.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml" and config["docs_dir"] == "docs"
    assert "reader" not in str(config["plugins"]) and "search" in str(config["plugins"])  # nothing of ours runs
    articles = next(entry["Articles"] for entry in config["nav"] if isinstance(entry, dict) and "Articles" in entry)
    outlets = [next(iter(branch)) for branch in articles]
    assert "Artifex.News" in outlets and "Global Research" in outlets  # grouped by outlet, written out
    assert (project / "docs" / "articles" / "military-relationship-between-china-russia.md").is_file()


def test_both_engines_build_the_same_pages(sites, corpus):
    mkdocs, zensical = pages(sites["mkdocs"]), pages(sites["zensical"])
    assert mkdocs == zensical
    assert {f"articles/{a.id}/index.html" for a in corpus.articles} <= mkdocs


def paragraph_texts(page: BeautifulSoup) -> dict[str, str]:
    return {p["id"]: " ".join(p.get_text(" ").split()) for p in page.select("p.reader-paragraph[id]")}


def test_every_article_has_its_full_text_in_both_and_the_grouped_navigation(sites, corpus):
    for article in corpus.articles:
        built = {engine: soup(sites[engine], f"articles/{article.id}/index.html") for engine in ENGINES}
        texts = {engine: paragraph_texts(page) for engine, page in built.items()}
        assert texts["mkdocs"] == texts["zensical"], article.id  # the same words, notes and marks
        for paragraph in article.paragraphs:
            if paragraph.kind == "paragraph":
                assert paragraph.text.split()[0] in texts["zensical"][paragraph.id], (article.id, paragraph.id)
        for engine, page in built.items():
            nav = " ".join(page.select_one("nav.md-nav--primary").get_text(" ").split())
            assert "Artifex.News" in nav and "Global Research" in nav, engine


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_carries_the_content_security_policy_for_its_own_scripts(sites, engine):
    for page in pages(sites[engine]):
        html = (sites[engine] / page).read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy, (engine, page)
        assert "'unsafe-inline'" not in policy.group(1).split("script-src")[1].split(";")[0], (engine, page)


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Every internal link of the site that leads to no file, or to no element with its #anchor."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(pages(site) - {"404.html"}):  # the 404 page's links are absolute: it is served anywhere
        for link in soup(site, page).find_all("a"):
            address = link.get("href") or link.get("xlink:href")  # the timeline's picture links by xlink:href
            if not address:
                continue
            href = urlsplit(address)
            if href.scheme or href.netloc:
                continue
            target = ((site / page).parent / unquote(href.path)).resolve() if href.path else (site / page)
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((page, address))
            elif href.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e["id"] for e in soup(site, str(target.relative_to(site.resolve()))).select("[id]")}
                if unquote(href.fragment) not in ids[target]:
                    broken.append((page, address))
    return broken


@pytest.mark.parametrize("engine", ENGINES)
def test_every_internal_link_leads_to_its_page_and_place(sites, engine):
    assert broken_links(sites[engine]) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_links_work_without_directory_urls_too(tmp_path, engine):
    project = project_copy(tmp_path)
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text() + "\nuse_directory_urls: false\n")
    assert run(project, "site", "--engine", engine).returncode == 0
    assert (project / "site" / "articles" / "military-relationship-between-china-russia.html").is_file()
    assert broken_links(project / "site") == []


def test_a_failed_engine_build_leaves_the_previous_site(tmp_path):
    project = project_copy(tmp_path)
    assert run(project, "site", "--engine", "zensical").returncode == 0
    before = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    config = (project / "mkdocs.yml").read_text()
    (project / "docs" / "bad.md").write_text("---\ntitle: [\n---\n\n# A page the engine cannot read\n")
    result = run(project, "site", "--engine", "zensical")
    assert result.returncode == 1 and "bad.md" in result.stderr and "is unchanged" in result.stderr
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == before
    (project / "docs" / "bad.md").unlink()
    (project / "mkdocs.yml").write_text(config.replace("name: material", "name: no-such-theme"))
    result = run(project, "site", "--engine", "zensical")  # refused as MkDocs' loader refuses it, before building
    assert result.returncode == 1 and "Config value 'theme'" in result.stderr and "nothing was written" in result.stderr
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == before
    (project / "mkdocs.yml").write_text(config + "\nnot_an_option: [\n")
    result = run(project, "site", "--engine", "zensical")
    assert result.returncode == 1 and "mkdocs.yml:" in result.stderr and "not valid YAML" in result.stderr
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == before


def test_the_site_mkdocs_builds_through_its_hook_has_no_broken_link_either(built_site):
    assert broken_links(built_site) == []


def test_mkdocs_publishes_the_generators_files_as_links_to_docs_and_copies_the_rest(sites):
    """The raw seeds, annotation files and corpus.json are not written a second time; a hand-written
    file and the theme's are copies (editing the site must never edit them)."""
    site, docs = sites["mkdocs"], sites["mkdocs"].parent / "docs"
    raw = sorted((site / "raw").iterdir())
    assert raw and all((site / "raw" / p.name).samefile(docs / "raw" / p.name) for p in raw)
    assert (site / "corpus.json").samefile(docs / "corpus.json")
    assert (site / "annotations").is_dir() and all(
        p.samefile(docs / "annotations" / p.name) for p in (site / "annotations").iterdir()
    )
    hand_written = next(p for p in docs.rglob("*.css"))
    assert not (site / hand_written.relative_to(docs)).samefile(hand_written)
    assert next((site / "assets").rglob("*.js")).stat().st_nlink == 1


def test_list_pages_stay_out_of_both_engines_search_index(sites):
    """The home page, the browse pages and the timeline only list what each article's page holds (and
    a long one outgrows Zensical's limit for one entry, which shrinks as the index grows: the home
    page's table at 5,000 articles): neither engine indexes them."""
    import json

    indexes = {
        "mkdocs": json.loads((sites["mkdocs"] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"],
        "zensical": json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))["items"],
    }
    for engine, entries in indexes.items():
        locations = {entry["location"].split("#")[0] for entry in entries}
        assert any(location.startswith("articles/") for location in locations), engine
        assert not any(location.startswith(("browse/", "timeline")) for location in locations), engine
        # Pages for maintainers rank with nothing a reader searches for: they stay out too.
        assert not any(location.startswith(("rules", "bad-input", "contributing")) for location in locations), engine
        assert "" not in locations and "." not in locations and "index.html" not in locations, engine


def test_the_zensical_preview_shows_an_annotation_edit(tmp_path):
    """`build_site.py serve --engine zensical`: docs/ regenerated on an edit, and Zensical serves the new page."""
    project = project_copy(tmp_path)
    command = ["build_site.py", "serve", "--engine", "zensical", "--dev-addr", "127.0.0.1:{port}"]
    with serving(project, command) as address:
        url = f"{address}/articles/military-relationship-between-china-russia/"
        wait_for(lambda: "Wittenberg" in fetched(url), timeout=60)  # the preview started
        notes = project / "annotations" / "military-relationship-between-china-russia.yml"
        notes.write_text(
            notes.read_text(encoding="utf-8").replace(
                "The university in Springfield", "Edited, the university in Springfield"
            )
        )
        wait_for(lambda: "Edited, the university in Springfield" in fetched(url), timeout=30)


def test_both_engines_build_a_300_article_corpus_to_the_same_pages_and_text(tmp_path):
    """A synthetic corpus in the seeds' formats (bench/bench_scale.py's), with reprints and notes: the
    same page set and paragraphs from either engine; with `search_engine: auto`, Pagefind's index on
    the MkDocs site, while Zensical keeps its own search (Pagefind answers only in Material's box)."""
    from bench.bench_scale import make_project

    project = make_project(300, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: material", "search_engine: auto"))
    built = {}
    for engine in ENGINES:
        result = run(project, "site", "--engine", engine, "--site-dir", str(tmp_path / engine))
        assert result.returncode == 0, result.stderr
        built[engine] = tmp_path / engine
    assert pages(built["mkdocs"]) == pages(built["zensical"])
    articles = sorted(p for p in pages(built["mkdocs"]) if p.startswith("articles/"))
    assert len(articles) >= 300
    for page in articles:
        texts = {engine: paragraph_texts(soup(site, page)) for engine, site in built.items()}
        assert texts["mkdocs"] == texts["zensical"] and texts["mkdocs"], page
    assert (built["mkdocs"] / "pagefind" / "pagefind.js").is_file()  # auto: Pagefind from 100 articles on
    home = (built["zensical"] / "index.html").read_text(encoding="utf-8")
    assert (built["zensical"] / "search.json").is_file() and 'data-md-component="search"' in home
