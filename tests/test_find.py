"""find-copies: every kind of copy of an article is found, under any chrome; quotes and other reports are not."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bench.project import copy_project
from reader.corpus import read_articles, read_corpus
from reader.ingest.archive import ArchiveReport, read_archive
from reader.parallel import Serial, executing
from reader.reprints.find import Needles, Source, add_copy, find_copies, scan, sources

from .conftest import ROOT
from .warcs import article_page, response, revisit

ALASKA = "russian-chinese-bombers-patrol-near-alaska-joint-artifex-news"
BELARUS = "china-belarus-hold-army-drills-near-nato-border-artifex-news"
AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"

# Another report of the Alaska patrol, written for this test: the same event, names and numbers, other words.
SAME_EVENT = [
    "Two Russian Tu-95MS bombers and two Chinese H-6 aircraft flew together near Alaska on Wednesday, "
    "prompting NORAD to send American and Canadian fighters to follow them.",
    "NORAD later said the aircraft stayed in international airspace and posed no threat to North America, "
    "though it called the flight the first of its kind to enter the Alaska identification zone.",
    "Russia's defence ministry described the flight as a routine joint patrol over the Bering Sea and the "
    "Chukchi Sea that broke no international rules.",
    "Analysts in Washington said the flight showed how far military cooperation between Moscow and Beijing "
    "has come since the war in Ukraine began in February 2022.",
]


@pytest.fixture(scope="module")
def needles(corpus):
    return Needles.of(corpus.articles, corpus.reprints)


def body(articles_by_id, article_id):
    return [p.text for p in articles_by_id[article_id].paragraphs if p.kind != "title"]


def straight(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


@pytest.fixture(scope="module")
def haystack(tmp_path_factory, articles_by_id):
    """One archive with a copy of every kind, decoys, and records that are not pages."""
    alaska, belarus = body(articles_by_id, ALASKA), body(articles_by_id, BELARUS)
    edited = [straight(p).replace("defence", "defense") for p in alaska]
    edited = [*edited[:4], *edited[5:], "This story was first published by a news agency."]
    pages = {
        "whole": article_page("Bombers near Alaska", alaska, site="The Northern Ledger"),
        "edited": article_page("Moscow and Beijing fly bombers near US state", edited, site="Coast Daily"),
        "first-60%": article_page("Drills near the border", belarus[: len(belarus) * 6 // 10], site="Minsk Wire"),
        "two-stories": article_page("Today's world news", [*alaska, *belarus], site="World Digest"),
        "circle-wagons": article_page("Circling the wagons", body(articles_by_id, AT), site="Asia Review"),
        "quote": article_page(
            "What the patrol means",
            [f"As one report put it, \u201c{alaska[3]} {alaska[5]}\u201d The rest is speculation.", *SAME_EVENT[3:]],
        ),
        "same-event": article_page("Bombers shadowed off Alaska", SAME_EVENT, site="Anchorage Evening"),
    }
    records = b"".join(response(f"https://news.example/{name}", text.encode()) for name, text in pages.items())
    records += response("https://news.example/logo.png", b"\x89PNG\r\n", "image/png") + revisit("https://x.example/")
    folder = tmp_path_factory.mktemp("haystack")
    (folder / "crawl.warc.gz").write_bytes(records)
    (folder / "pages").mkdir()
    (folder / "pages" / "saved.html").write_text(pages["whole"], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def found(needles, haystack):
    with executing(Serial()):
        return find_copies(needles, [haystack / "crawl.warc.gz", haystack / "pages"])


def pairs(found_copies):
    return {(f.article, f.url.rsplit("/", 1)[-1]) for f in found_copies}


def test_every_kind_of_copy_is_found_and_no_decoy(found):
    copies, scanned = found
    assert pairs(copies) == {
        (ALASKA, "whole"),
        (ALASKA, "edited"),
        (BELARUS, "first-60%"),
        (ALASKA, "two-stories"),
        (BELARUS, "two-stories"),
        (AT, "circle-wagons"),
        (GR, "circle-wagons"),  # a copy of one member of a reprint group is reported for every member
        (ALASKA, "saved.html"),
    }
    assert sum(s.pages for s in scanned) == 8  # seven pages in the archive, one in the folder


def test_each_copy_says_where_it_is_and_how_much_of_the_article_it_holds(found, haystack):
    copies, _ = found
    whole = next(f for f in copies if f.url.endswith("/whole"))
    assert whole.captured == "2024-05-01" and whole.coverage == 1.0 and whole.similarity > 0.95
    assert whole.source == f"{haystack / 'crawl.warc.gz'}@0"
    partial = next(f for f in copies if f.url.endswith("/first-60%"))
    assert 0.5 <= partial.coverage <= 0.7
    saved = next(f for f in copies if f.url.endswith("saved.html"))
    assert saved.captured is None and saved.source == saved.url == str(haystack / "pages" / "saved.html")


def test_byte_ranges_of_an_archive_find_what_the_whole_archive_finds(needles, haystack):
    archive = haystack / "crawl.warc.gz"
    whole = scan(needles, Source(str(archive)))
    ranges = sources([archive], range_bytes=3000)
    assert len(ranges) > 3 and ranges[-1].end == archive.stat().st_size
    pieces = [scan(needles, source) for source in ranges]
    assert [f for p in pieces for f in p.found] == list(whole.found)
    assert sum(p.pages for p in pieces) == whole.pages


def test_added_copies_are_one_record_warcs_with_the_payload_byte_for_byte(found, haystack, tmp_path):
    copies, _ = found
    whole = next(f for f in copies if f.url.endswith("/whole"))
    written = add_copy(whole, tmp_path)
    assert written and add_copy(whole, tmp_path) is None  # the same capture is not added twice
    original = next(iter(read_archive("crawl.warc.gz", (haystack / "crawl.warc.gz").read_bytes(), ArchiveReport("x"))))
    [page] = read_archive(written.name, written.read_bytes(), report := ArchiveReport(written.name))
    assert page.payload == original.payload and report.pages == 1 and not report.skipped
    assert page.capture.uri == whole.url and page.capture.payload_digest == original.capture.payload_digest


def test_an_added_copy_joins_its_article_as_a_reprint(found, tmp_path):
    """The found page, put into a copy of the project's seeds, is grouped with the article it copies."""
    copies, _ = found
    project = copy_project(ROOT, tmp_path / "project")
    for f in copies:
        if f.url.endswith(("/edited", "/two-stories")):
            add_copy(f, project / "seeds")
    corpus = read_corpus(project / "seeds", project / "annotations")
    groups = [set(g.articles) for g in corpus.reprints]
    copy_of = {a.metadata.url.rsplit("/", 1)[-1]: a.id for a in corpus.articles if a.capture}
    assert {ALASKA, copy_of["edited"]} in [g & {ALASKA, copy_of["edited"]} for g in groups]
    # The page holding two stories is a copy of one of them at most: it never joins the two.
    assert not any({ALASKA, BELARUS} <= g for g in groups)


@pytest.mark.slow
def test_the_command_prints_the_copies_and_writes_json_with_exactly_these_keys(haystack, tmp_path):
    out = tmp_path / "found.json"
    result = subprocess.run(
        [sys.executable, "build_site.py", "find-copies", str(haystack), "--json", str(out), "--jobs", "1"],
        capture_output=True, text=True, cwd=copy_project(ROOT, tmp_path / "project"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 8
    assert all(set(r) == {"article", "url", "captured", "source", "coverage", "similarity"} for r in records)
    assert f"{ALASKA} (Russian And Chinese Bombers Patrol" in result.stdout
    assert "Scanned 8 page(s)" in result.stdout and "8 copy(ies) of 4 article(s) found." in result.stdout


def test_a_missing_path_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "build_site.py", "find-copies", str(tmp_path / "nowhere.warc.gz")],
        capture_output=True, text=True, cwd=copy_project(ROOT, tmp_path / "project"),
    )  # fmt: skip
    assert result.returncode == 1 and "no such file or folder" in result.stderr


def test_a_page_of_an_archive_is_read_as_the_corpus_reads_it(seed_folder, articles_by_id):
    """What find-copies adds is read back as an article with the record's address."""
    page = article_page("Bombers near Alaska", body(articles_by_id, ALASKA)).encode()
    [article] = read_articles(seed_folder({"copy.warc.gz": response("https://news.example/a", page)})).articles
    assert article.metadata.url == "https://news.example/a" and article.words > 300
