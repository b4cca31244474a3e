"""Web archives as seeds: each captured HTML page is an article with the record's address and date."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest

from reader.corpus import read_articles
from reader.ingest.archive import ArchiveReport, read_archive
from reader.site.export import article_record
from reader.site.render import raw_text, render_rules

from .warcs import LOREM, article_page, response, revisit

PAGE = article_page("Port strike enters second week", list(LOREM)).encode("utf-8")
URI = "https://harbour.example/news/port-strike"


def test_a_page_an_image_and_a_revisit_make_exactly_one_article(seed_folder):
    archive = response(URI, PAGE) + response("https://harbour.example/logo.png", b"\x89PNG\r\n", "image/png")
    archive += revisit(URI)
    corpus = read_articles(seed_folder({"crawl.warc.gz": archive}))
    [article] = corpus.articles
    assert article.metadata.url == URI
    assert article.metadata.captured == "2024-05-01"
    assert article.capture and article.capture.date == "2024-05-01T10:00:00Z"
    assert article.capture.payload_digest.startswith("sha1:")
    assert article.metadata.title == "Port strike enters second week"
    assert article.paragraphs[1].text.startswith("The harbour authority said")
    [report] = corpus.archives
    assert report.pages == 1
    assert sorted(report.skipped.values()) == [1, 1]
    assert any(why.startswith("not HTML (image/png)") for why in report.skipped)
    assert any(why.startswith("revisit") for why in report.skipped)


@pytest.mark.parametrize(
    "status, content_type, reason",
    [
        ("301 Moved Permanently", "text/html", "redirect (HTTP 3xx)"),
        ("404 Not Found", "text/html", "error page (HTTP 4xx or 5xx)"),
        ("503 Service Unavailable", "text/html", "error page (HTTP 4xx or 5xx)"),
        ("200 OK", "application/pdf", "not HTML (application/pdf)"),
    ],
)
def test_records_that_are_not_articles_are_counted_with_why(status, content_type, reason):
    report = ArchiveReport("crawl.warc.gz")
    pages = list(read_archive("crawl.warc.gz", response(URI, PAGE, content_type, status), report))
    assert pages == [] and report.skipped == {reason: 1}


def test_an_uncompressed_warc_is_read_the_same():
    report = ArchiveReport("crawl.warc")
    [page] = read_archive("crawl.warc", gzip.decompress(response(URI, PAGE)), report)
    assert page.payload == PAGE and page.capture.uri == URI


def test_the_charset_the_http_headers_name_is_honoured(seed_folder):
    text = "Le café du port reste fermé pendant la grève des grutiers, qui entre dans sa deuxième semaine."
    page = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode("latin-1")
    folder = seed_folder({"fr.warc.gz": response(URI, page, "text/html; charset=ISO-8859-1")})
    [seed] = read_articles(folder).seeds
    assert seed.encoding == "cp1252" and "café" in seed.text and not seed.detected


def test_a_truncated_archive_keeps_the_records_before_the_damage_and_names_the_offset(seed_folder):
    first = response(URI, PAGE)
    second = response(URI + "-2", article_page("Cranes idle for a third day", list(LOREM)).encode())
    folder = seed_folder({"cut.warc.gz": first + second[: len(second) // 2]})
    corpus = read_articles(folder)
    assert [a.metadata.url for a in corpus.articles] == [URI]
    [warning] = corpus.warnings
    assert warning.file.endswith("cut.warc.gz")
    assert f"at byte {len(first)}" in warning.message and "1 page(s) before it were read" in warning.message


def test_corrupt_bytes_in_an_archive_are_a_warning_with_the_offset(seed_folder):
    first = response(URI, PAGE)
    corpus = read_articles(seed_folder({"bad.warc.gz": first + b"this is not a gzip member" * 4}))
    assert len(corpus.articles) == 1
    assert f"damaged at byte {len(first)}" in corpus.warnings[0].message


def test_a_wacz_package_is_read_through_its_warc_files(seed_folder):
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as wacz:
        wacz.writestr("datapackage.json", "{}")
        wacz.writestr("archive/data.warc.gz", response(URI, PAGE))
    [article] = read_articles(seed_folder({"crawl.wacz": package.getvalue()})).articles
    assert article.seed == "crawl.wacz!data.warc.gz@0" and article.metadata.url == URI


def test_the_raw_view_shows_the_record_headers_then_the_page(seed_folder):
    [seed] = read_articles(seed_folder({"crawl.warc.gz": response(URI, PAGE)})).seeds
    raw = raw_text(seed)
    assert raw.index("WARC-Target-URI: " + URI) < raw.index("HTTP/1.1 200 OK") < raw.index("<!DOCTYPE html>")


def test_the_rules_page_counts_each_archive_s_records(seed_folder):
    archive = response(URI, PAGE) + revisit(URI) + revisit(URI)
    corpus = read_articles(seed_folder({"crawl.warc.gz": archive}))
    page = render_rules(corpus.skipped, corpus.archives)
    assert "**crawl\\.warc\\.gz**: 1 page(s) read as articles." in page
    assert "2 revisit record" in page


def test_the_export_carries_the_capture(seed_folder):
    from reader.model import AnnotatedArticle

    [article] = read_articles(seed_folder({"crawl.warc.gz": response(URI, PAGE)})).articles
    record = article_record(AnnotatedArticle(article))
    assert record["url"] == URI and record["capture"]["offset"] == 0
    assert record["capture"]["payload_digest"] == article.capture.payload_digest
