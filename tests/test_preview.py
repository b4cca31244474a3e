"""The live preview, `mkdocs serve --dirty` (what `make serve` runs).

After an edit only the pages it affects are built again, and the site the
preview ends with is, file for file, the site a full build makes of the same
files: navigation, cross-links, topics and search included.
"""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import project_copy

pytestmark = pytest.mark.slow

DRIVER = Path(__file__).resolve().parent / "preview_driver.py"
BELARUS = "annotations/china-belarus-hold-army-drills-near-nato-border-artifex-news.yml"
BELARUS_PAGE = "articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/index.html"
OTHER_PAGE = "articles/china-russia-circle-wagons-asia-pacific-asia-times/index.html"
GLOBAL_RESEARCH = "annotations/china-russia-circle-wagons-asia-pacific-global-research.yml"
LINKING_PAGE = "articles/china-russia-circle-wagons-asia-pacific-global-research/index.html"
TARGET_PAGE = "articles/china-russia-into-deeper-relations-military/index.html"  # its ← names the relation


def drive(project: Path, site: Path, *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(project), str(site), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    files["sitemap.xml.gz"] = gzip.decompress(files["sitemap.xml.gz"])
    # The preview keeps the entries of pages it did not rebuild first: the same entries, in another order.
    index = json.loads(files.pop("search/search_index.json"))
    files["search entries"] = json.dumps(sorted(index["docs"], key=json.dumps)).encode()
    files["search config"] = json.dumps(index["config"]).encode()
    return files


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A preview through five edits: a note's text, a topic, a YAML mistake, its repair, a link note."""
    tmp = tmp_path_factory.mktemp("preview")
    project = project_copy(tmp)
    edits = [
        {"path": BELARUS, "old": "NATO's 75th-anniversary summit", "new": "NATO's 75th-anniversary summit (edited)"},
        {
            "path": BELARUS,
            "old": "topics: [China–Russia military ties, NATO]",
            "new": "topics: [China–Russia military ties, NATO, Belarus]",
        },
        {"path": BELARUS, "old": "    kind: context\n", "new": "    kind: [context\n"},
        {"path": BELARUS, "old": "    kind: [context\n", "new": "    kind: context\n"},
        {
            "path": GLOBAL_RESEARCH,
            "old": "quote: last December\n    relation: related",
            "new": "quote: last December\n    relation: contradicts",
        },
    ]
    (tmp / "edits.json").write_text(json.dumps(edits), encoding="utf-8")
    builds = drive(project, tmp / "preview", str(tmp / "edits.json"))
    drive(project, tmp / "full", "--full")
    return builds, snapshot(tmp / "preview"), snapshot(tmp / "full")


def test_an_edited_note_rebuilds_its_article_and_not_the_others(preview):
    builds, _, _ = preview
    first, edited = builds[0]["written"], builds[1]["written"]
    assert BELARUS_PAGE in first and OTHER_PAGE in first
    assert BELARUS_PAGE in edited
    assert OTHER_PAGE not in edited
    pages = [p for p in edited if p.endswith(".html")]
    assert len(pages) <= 5, pages  # the article, and the pages that list its notes


def test_a_changed_topic_rebuilds_its_article_and_the_topics_page_only(preview):
    builds, _, _ = preview
    written = builds[2]["written"]
    assert BELARUS_PAGE in written and "browse/topics/index.html" in written
    assert OTHER_PAGE not in written


def test_a_broken_annotation_stops_the_preview_build_and_its_repair_resumes_it(preview):
    builds, _, _ = preview
    assert "annotations/china-belarus-hold-army-drills-near-nato-border-artifex-news.yml" in builds[3]["error"]
    assert OTHER_PAGE in builds[4]["written"]  # after a failure, nothing is assumed: everything is built


def test_the_garbage_collector_paused_for_each_rebuild_is_on_again_after_it_even_a_failed_one(preview):
    builds, _, _ = preview
    assert [b["collecting"] for b in builds] == [True] * 6 and "error" in builds[3]


def test_a_changed_link_rebuilds_the_page_it_links_to(preview):
    builds, _, _ = preview
    assert LINKING_PAGE in builds[5]["written"] and TARGET_PAGE in builds[5]["written"]
    assert BELARUS_PAGE not in builds[5]["written"]


def test_the_preview_ends_with_the_site_a_full_build_makes(preview):
    _, previewed, full = preview
    assert previewed.keys() == full.keys()
    assert [name for name in full if previewed[name] != full[name]] == []
    assert "(edited)" in previewed[BELARUS_PAGE].decode()
    assert b"Belarus" in previewed["browse/topics/index.html"]
