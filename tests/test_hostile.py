"""Hostile text: scraped pages and contributor notes full of script never publish any.

A corpus of payloads (script tags, event handlers, javascript: and data: URLs,
iframes, SVG, entities that decode to tags, raw HTML in Markdown) is built into
a site; every page's HTML is checked, and a real browser loads the pages and
proves that no payload ran.
"""

import pytest
from bs4 import BeautifulSoup

from .conftest import hostile_markup


@pytest.mark.slow
def test_hostile_seeds_build_into_pages(hostile_site):
    articles = sorted(p.parent.name for p in (hostile_site / "articles").glob("*/index.html"))
    assert len(articles) == 4


@pytest.mark.slow
def test_no_built_page_carries_a_payload(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    for page in pages:
        assert hostile_markup(page.read_text(encoding="utf-8")) == [], page


@pytest.mark.slow
def test_payloads_are_shown_as_text(hostile_site):
    page = next((hostile_site / "articles").glob("plain-text-title*/index.html"))
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text()
    assert "<img src=x onerror=window.pwned=1>" in text


@pytest.mark.slow
def test_raw_seeds_are_served_as_text(hostile_site):
    assert (hostile_site / "raw" / "page.html.txt").is_file()
    assert not (hostile_site / "raw" / "page.html").exists()


@pytest.mark.slow
def test_a_title_written_as_markdown_is_shown_as_text_on_the_lists(hostile_site):
    """A seed's title that reads as a Markdown link, or as a snippet to include, is text on every list."""
    for page in ("browse/outlets/index.html", "browse/dates/index.html"):
        soup = BeautifulSoup((hostile_site / page).read_text(encoding="utf-8"), "html.parser")
        titled = [a for a in soup.select("article a") if "Read this" in a.get_text()]
        assert titled and all(a.get_text().startswith("Breaking: [Read this](javascript:") for a in titled), page
        assert "site_name" not in soup.get_text()  # mkdocs.yml was not included
