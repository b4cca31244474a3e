"""Pages for finding one's way: browse by outlet, by topic and by date, downloads.

The download page offers the
corpus JSON and the notes as W3C Web Annotations (JSON-LD), one
`TextQuoteSelector` per note, so researchers can take the data elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from reader.annotations.schema import CorrectionNote, LinkNote, Original, Source
from reader.model import OUTLET_NOT_STATED, AnnotatedArticle, Article, PlacedNote, display_date, outlet_label
from reader.site.article_page import topic_slug
from reader.site.links import PAGE_TITLES, article_path, page_url
from reader.site.listing import Entry, Paginated, paginate
from reader.site.templating import front_matter, macros
from reader.text import natural_key

SELECTOR_CONTEXT = 32


def _front(title: str, searched: bool = True) -> list[str]:
    """A page's front matter and heading."""
    return [*front_matter(title, searched=searched), macros("lists.md").heading(title), ""]


def _item(article: Article, titles: dict[str, str], listed: str = "") -> str:
    """An article in a list, linked by its title, after the date it is `listed` under, if any."""
    return macros("lists.md").article(titles[article.id], f"../{article_path(article.id)}", listed)


def render_outlets(articles: tuple[Article, ...], titles: dict[str, str]) -> dict[str, str]:
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(outlet_label(article) or OUTLET_NOT_STATED, []).append(article)
    entries = [
        Entry(outlet, _item(a, titles))
        for outlet in sorted(by_outlet, key=lambda o: (o == OUTLET_NOT_STATED, natural_key(o)))
        for a in sorted(by_outlet[outlet], key=lambda a: (natural_key(titles[a.id]), a.id))
    ]
    intro = [
        'The outlet that published each copy, as its text states it; "via" names the source a copy gives '
        "when it does not name its own outlet."
    ]
    return paginate("browse/outlets.md", PAGE_TITLES["browse/outlets.md"], intro, entries).files


def topic_pages(annotated: tuple[AnnotatedArticle, ...], titles: dict[str, str]) -> Paginated:
    """Articles by the topics their annotation files give (`about.topics`), each topic a section
    (its anchor `topic_slug`, on the page where it starts: articles' topic links go there)."""
    by_topic: dict[str, list[Article]] = {}
    for item in annotated:
        for topic in item.about.topics if item.about else ():
            by_topic.setdefault(topic, []).append(item.article)
    entries = [
        Entry(topic, _item(a, titles), section_id=topic_slug(topic))
        for topic in sorted(by_topic, key=natural_key)
        for a in by_topic[topic]
    ]
    intro = ["Topics are given to each article in its annotation file (`about.topics`)."]
    return paginate("browse/topics.md", PAGE_TITLES["browse/topics.md"], intro, entries, "No article has a topic yet.")


def render_dates(articles: tuple[Article, ...], titles: dict[str, str]) -> dict[str, str]:
    dated = sorted(articles, key=lambda a: (display_date(a) or date.max, a.id))
    entries = [
        Entry(
            str(when.year) if (when := display_date(a)) else "Date not stated",
            _item(a, titles, when.isoformat() if when else "—"),
        )
        for a in dated
    ]
    intro = [
        "Each copy by its own date: the day it was published, else the day it appeared in a news feed; "
        "failing those, the day its original was published (stated in its text or its annotations), "
        "else the day its page was captured."
    ]
    return paginate("browse/dates.md", PAGE_TITLES["browse/dates.md"], intro, entries).files


def render_download() -> str:
    return "\n".join(
        _front(PAGE_TITLES["download.md"])
        + [
            "Take the data elsewhere:",
            "",
            "- [corpus.json](corpus.json): every article as cleaned, with its metadata, paragraphs (with ids and "
            "seed line numbers), the removed blocks and the rule that removed each, the notes, corrections and "
            "reprint groups with their paragraph alignment. Corrections are listed beside the text, never applied.",
            "- [annotations.jsonld](annotations.jsonld): every note as a "
            "[W3C Web Annotation](https://www.w3.org/TR/annotation-model/), its target a `TextQuoteSelector` "
            "(the quoted words with the text just before and after them) on the article's page.",
            "- The raw seeds are linked from each article page.",
            "",
        ]
    )


def web_annotations(annotated: tuple[AnnotatedArticle, ...], site_url: str = "", directory_urls: bool = True) -> str:
    """The notes as a W3C Web Annotation collection. With the site's address (`site_url` in
    mkdocs.yml) every id and target is an absolute IRI, as other tools need; without it, relative."""
    base = site_url.rstrip("/") + "/" if site_url else ""

    def page(article_id: str) -> str:
        return base + page_url(article_path(article_id), directory_urls)

    by_id = {item.article.id: item.article for item in annotated}
    items = [
        _web_annotation(item.article, placed, by_id, base, page)
        for item in annotated
        for placed in item.notes
        if not placed.origin
    ]
    items += [
        _origin_annotation(item.article.id, item.about.original, base, page)
        for item in annotated
        if item.about and item.about.original and item.about.original.relation
    ]
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{base}annotations.jsonld",
        "type": "AnnotationCollection",
        "label": "Reprint Reader annotations",
        "total": len(items),
        "first": {"id": f"{base}annotations.jsonld#page1", "type": "AnnotationPage", "items": items},
    }
    return json.dumps(collection, ensure_ascii=False) + "\n"


def _origin_annotation(article_id: str, original: Original, base: str, page: Callable[[str], str]) -> dict[str, Any]:
    """Where an article comes from, as an annotation describing its page: the work it translates
    (`schema:translationOfWork`) or is based on (`schema:isBasedOn`: a wire story, a reprint)."""
    work: dict[str, Any] = {"type": "schema:NewsArticle"}
    if original.url:
        work["id"] = original.url
    for key, value in (("schema:headline", original.title), ("schema:publisher", original.outlet),
                       ("schema:author", original.author)):  # fmt: skip
        if value:
            work[key] = value
    if original.published:
        work["schema:datePublished"] = original.published.isoformat()
    relation = "schema:translationOfWork" if original.relation == "translation" else "schema:isBasedOn"
    return {
        "id": f"{base}annotations.jsonld#original-{article_id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {"id": page(article_id), relation: work},
        "target": {"source": page(article_id)},
    }


def _source_record(source: Source) -> dict[str, str]:
    record = {"dcterms:title": source.title}
    if source.outlet:
        record["dcterms:publisher"] = source.outlet
    if source.date:
        record["dcterms:date"] = source.date.isoformat()
    if source.url:
        record["id"] = source.url
    return record


def _selector(article: Article, paragraph_id: str, start: int, end: int) -> dict[str, str]:
    text = next(p.text for p in article.paragraphs if p.id == paragraph_id)
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - SELECTOR_CONTEXT) : start],
        "suffix": text[end : end + SELECTOR_CONTEXT],
    }


def _web_annotation(
    article: Article,
    placed: PlacedNote,
    by_id: dict[str, Article],
    base: str,
    page: Callable[[str], str],
) -> dict[str, Any]:
    note, place = placed.note, placed.place
    bodies: list[dict[str, Any]] = []
    if note.text:
        body: dict[str, Any] = {
            "type": "TextualBody",
            "value": note.text,
            "format": "text/markdown",
            "purpose": "commenting",
        }
        if note.sources:  # what the note's claim rests on belongs with the note's text
            body["dcterms:source"] = [_source_record(s) for s in note.sources]
        bodies.append(body)
    motivation = "commenting"
    if isinstance(note, CorrectionNote):
        motivation = "editing"
        bodies.append({"type": "TextualBody", "value": note.reading, "purpose": "editing"})
    if isinstance(note, LinkNote):
        motivation = "linking"
        target_article = by_id[note.target.article]
        bodies.append(
            {
                "type": "SpecificResource",
                "source": page(target_article.id),
                "purpose": "linking",
                "selector": _selector(
                    target_article, placed.link_target.paragraph, placed.link_target.start, placed.link_target.end
                ),
            }
        )
    record = {
        "id": f"{base}annotations.jsonld#note-{note.id}",
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": {
            "source": page(article.id),
            "selector": _selector(article, place.paragraph, place.start, place.end),
        },
    }
    if note.date:
        record["dcterms:date"] = note.date.isoformat()
    return record
