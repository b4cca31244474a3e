"""Export: the cleaned corpus as a JSON list of articles, written by the command line."""

import json
import subprocess
import sys

import pytest

from reader.site.export import corpus_json

from .conftest import ROOT

ARTICLE_KEYS = {
    "id", "seed", "format", "title", "author", "outlet", "original_outlet", "published",
    "first_published", "captured", "url", "item_date", "dateline", "syndication", "feed",
    "words", "capture", "paragraphs", "removals", "decisions", "about", "notes", "corrections", "reprints",
}  # fmt: skip


def test_export_schema(corpus):
    articles = json.loads(corpus_json(corpus.annotated))
    assert isinstance(articles, list) and len(articles) == 7
    for article in articles:
        assert set(article) == ARTICLE_KEYS
        assert article["paragraphs"] and article["removals"] is not None
        for paragraph in article["paragraphs"]:
            assert set(paragraph) == {"id", "kind", "text", "first_line", "last_line"}
            assert paragraph["kind"] in {"title", "paragraph", "heading", "quote", "list-item"}
            assert paragraph["text"] == paragraph["text"].strip() and paragraph["text"]
        for removal in article["removals"]:
            assert set(removal) == {"rule", "first_line", "last_line", "text"}
            assert removal["first_line"] <= removal["last_line"]


@pytest.mark.slow
def test_export_command_writes_the_same_json(tmp_path, corpus):
    out = tmp_path / "corpus.json"
    result = subprocess.run(
        [sys.executable, "build_site.py", "export", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == corpus_json(corpus.annotated, corpus.reprints, corpus.alignments)


@pytest.mark.slow
def test_export_to_standard_output_writes_the_same_json(corpus):
    result = subprocess.run([sys.executable, "build_site.py", "export", "-"], cwd=ROOT, capture_output=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == corpus_json(corpus.annotated, corpus.reprints, corpus.alignments)


def test_export_to_a_text_only_standard_output_writes_the_text(corpus, monkeypatch):
    """A program that runs the command line with its output in a string still gets the JSON."""
    import contextlib
    import io

    from reader import cli

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        assert cli.main(["export", "-"], root=ROOT) == 0
    assert captured.getvalue() == corpus_json(corpus.annotated, corpus.reprints, corpus.alignments).decode("utf-8")


def test_export_is_deterministic(corpus):
    assert corpus_json(corpus.annotated) == corpus_json(corpus.annotated)


def test_export_keeps_the_original_text_and_lists_corrections_apart(corpus):
    articles = {a["id"]: a for a in json.loads(corpus_json(corpus.annotated))}
    article = articles["military-relationship-between-china-russia"]
    texts = " ".join(p["text"] for p in article["paragraphs"])
    assert "The partnership ends with a formal military alliance" in texts
    assert "stops short of" not in texts
    correction = next(c for c in article["corrections"] if c["id"] == "mil-ends-with")
    assert correction["reading"] == "The partnership stops short of a formal military alliance"
    assert correction["category"] == "translation"
    paragraph = next(p for p in article["paragraphs"] if p["id"] == correction["anchor"]["paragraph"])
    start, end = correction["anchor"]["start"], correction["anchor"]["end"]
    assert paragraph["text"][start:end] == correction["quote"]
    assert all(n["kind"] != "correction" for n in article["notes"])
    assert article["about"]["note"].startswith("An analysis of China–Russia military ties")


@pytest.mark.parametrize(
    "site_url, directory_urls, page",
    [
        ("", True, "articles/{id}/"),
        ("https://example.org/reader/", True, "https://example.org/reader/articles/{id}/"),
        ("https://example.org/reader", False, "https://example.org/reader/articles/{id}.html"),
    ],
)
def test_web_annotations_use_absolute_iris_when_the_site_has_an_address(corpus, site_url, directory_urls, page):
    from reader.site.browse_pages import web_annotations

    collection = json.loads(web_annotations(corpus.annotated, site_url, directory_urls))
    base = site_url.rstrip("/") + "/" if site_url else ""
    assert collection["id"] == f"{base}annotations.jsonld"
    for item in collection["first"]["items"]:
        assert item["id"].startswith((f"{base}annotations.jsonld#note-", f"{base}annotations.jsonld#original-"))
        article = item["target"]["source"]
        assert article.startswith(page.split("{id}")[0]) and article.endswith(page.split("{id}")[1])


@pytest.mark.parametrize(
    "relation, words, term",
    [
        ("translation", "Translation of an article in The Washington Post", "schema:translationOfWork"),
        ("wire", "A wire story of AFP", "schema:isBasedOn"),
        ("reprint", "Reprinted from an article in The National Interest", "schema:isBasedOn"),
    ],
)
def test_an_original_is_named_in_the_byline_the_export_and_the_web_annotations(articles_by_id, relation, words, term):
    import datetime

    from reader.annotations.schema import About, Original
    from reader.model import AnnotatedArticle
    from reader.site.article_page import origin_line
    from reader.site.browse_pages import web_annotations
    from reader.site.export import article_record

    outlet = words.rsplit(" ", 1)[-1] if relation == "wire" else words.split(" in ", 1)[1]
    original = Original(outlet=outlet, title="A headline", published=datetime.date(2022, 3, 21), relation=relation)
    item = AnnotatedArticle(
        articles_by_id["military-relationship-between-china-russia"], About(note="x", original=original)
    )
    assert origin_line(original) == f"{words}, \u201cA headline\u201d, 21 March 2022."
    assert article_record(item)["about"]["original"] == {
        "outlet": outlet, "title": "A headline", "published": "2022-03-21", "relation": relation,
    }  # fmt: skip
    [described] = json.loads(web_annotations((item,)))["first"]["items"]
    assert described["motivation"] == "describing"
    assert described["body"][term] == {
        "type": "schema:NewsArticle", "schema:headline": "A headline", "schema:publisher": outlet,
        "schema:datePublished": "2022-03-21",
    }  # fmt: skip


def test_an_original_without_a_relation_is_not_put_into_words():
    from reader.annotations.schema import Original
    from reader.site.article_page import origin_line

    assert origin_line(Original(outlet="Indian Punchline")) == ""
