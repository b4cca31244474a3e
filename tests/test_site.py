"""The site: a strict MkDocs build of the real corpus, in a throwaway copy of the project.

Both ways of building are tested: `mkdocs build` alone (its hook generates the
pages) and `python build_site.py` first, then `mkdocs build`, as a tool that
runs no hooks (Zensical) would need.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reader.site import copy_project

from .conftest import ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]


def project_copy(tmp: Path) -> Path:
    """The project as a fresh clone has it: no generated pages in docs/."""
    return copy_project(ROOT, tmp / "project")


def build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, corpus):
    project = project_copy(tmp_path_factory.mktemp("site"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


def test_strict_build_makes_a_page_per_article(built_site, corpus):
    for article in corpus.articles:
        assert (built_site / "articles" / article.id / "index.html").is_file(), article.id
    assert (built_site / "search" / "search_index.json").is_file()
    assert (built_site / "corpus.json").is_file()


def test_home_page_lists_every_article(built_site, corpus):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("article table tbody tr")
    assert len(rows) == len(corpus.articles)
    links = {a["href"] for a in soup.select("article table tbody a")}
    assert {f"articles/{a.id}/" for a in corpus.articles} == links


def test_article_page_shows_text_permalinks_removals_and_the_raw_seed(built_site, articles_by_id):
    article = articles_by_id["china-russia-circle-wagons-asia-pacific-asia-times"]
    page = built_site / "articles" / article.id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text(strip=True).startswith("China, Russia Circle Wagons in Asia-Pacific")
    body = [p for p in article.paragraphs if p.kind == "paragraph"]
    for paragraph in body:
        element = soup.find(id=paragraph.id)
        assert element.find("a", href=f"#{paragraph.id}")
        assert original_text(element) == paragraph.text
    details = soup.find("details")
    assert "Removed from the source" in details.summary.get_text()
    assert len(details.select("tbody tr")) == len(article.removals)
    raw = soup.find("a", string=article.seed)["href"]
    assert (page.parent / raw).resolve() == (built_site / "raw" / article.seed).resolve()
    assert (built_site / "raw" / article.seed).read_bytes() == (ROOT / "seeds" / article.seed).read_bytes()


def original_text(element) -> str:
    """A paragraph's text as the seed has it: without note numbers, readings, links and ¶."""
    for added in element.select("sup, ins, .reader-backlink, .reader-permalink"):
        added.decompose()
    return " ".join(element.get_text().split())


def test_search_index_holds_the_article_text(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Shoigu" in index and "Stratofortress" in index


def test_generating_first_then_building_gives_the_same_site(tmp_path, built_site):
    project = project_copy(tmp_path)
    generated = subprocess.run([sys.executable, "build_site.py"], cwd=project, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    assert (project / "docs" / "index.md").is_file()
    result = build(project)
    assert result.returncode == 0, result.stderr
    for page in built_site.rglob("*.html"):
        relative = page.relative_to(built_site)
        if relative.parts[0] != "search":
            assert (project / "site" / relative).read_bytes() == page.read_bytes(), relative


def test_a_bad_seed_stops_the_build_with_the_seeds_error(tmp_path):
    project = project_copy(tmp_path)
    (project / "seeds" / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    result = build(project)
    assert result.returncode != 0
    assert "broken.txt" in result.stderr and "binary" in result.stderr
