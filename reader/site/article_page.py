"""One article's page: metadata, the annotated text, the notes, and what was removed.

The HTML comes from the macros of `templates/article.html`, which escape seed text;
contributor text goes through `reader.annotations.markup` first. Notes
are marked in the text and listed, numbered, under "Notes", which is also how
they print (as footnotes). Corrections leave the original words in the text,
marked, with the corrected reading beside them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from markupsafe import Markup

from reader.annotations.history import REVISIONS_SHOWN
from reader.annotations.markup import plain_text, safe_html
from reader.annotations.schema import About, ContextNote, CorrectionNote, LinkNote, Original
from reader.dates import DATE_FIELDS, day, written, written_date
from reader.ingest.rules import EDITORIAL_RULE
from reader.model import (
    OUTLET_NOT_STATED,
    AnnotatedArticle,
    Article,
    Paragraph,
    PlacedNote,
    display_title,
    listed_date,
    outlet_label,
    outlet_name,
)
from reader.reprints.align import word_diff
from reader.site.links import ARTICLE_PAGE, article_path, link
from reader.site.templating import front_matter, macros
from reader.text import slug

KIND_LABELS = {"context": "Context", "correction": "Correction", "link": "Link"}
RELATION_LABELS = {
    "same-passage": "the same passage in",
    "related": "related passage in",
    "contradicts": "contradicted by",
    "follows-up": "followed up in",
}
METADATA_LABELS = {
    "author": "Author",
    "outlet": "Outlet",
    "original_outlet": "Source it credits",
    "published": "Published",
    "first_published": "Original published",
    "captured": "Page captured",
    "item_date": "Feed item date",
    "url": "URL",
    "dateline": "Dateline",
    "syndication": "Syndication",
    "feed": "Feed",
}


@dataclass(frozen=True)
class Counterpart:
    """A paragraph's passage in another copy (`compare_page.counterparts`): its ⇄ mark (⇄≠ where
    worded differently), which leads there, or to the two wordings side by side."""

    article: str
    paragraphs: tuple[str, ...]
    href: str
    differs: bool
    mark: str

    def pairs_with(self, article: str, paragraph: str) -> bool:
        return article == self.article and paragraph in self.paragraphs


@dataclass(frozen=True)
class PageContext:
    """What an article page needs to know about the rest of the site."""

    titles: dict[str, str]
    raw_link: str
    edit_link: str
    glossary_link: str = link(ARTICLE_PAGE, "glossary.md")
    banner: str = ""
    counterparts: dict[str, list[Counterpart]] = field(default_factory=dict)  # by paragraph
    suggest: str = ""  # what the "Suggest a note" control needs (`render.suggest_data`)
    topic_pages: dict[str, str] = field(default_factory=dict)  # the topics page listing each of its topics


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    open: str
    close: str


def article_link(article_id: str, anchor: str = "") -> str:
    """From one article's page to another's (or to a place in it)."""
    return link(ARTICLE_PAGE, article_path(article_id), anchor)


RULES_LINK = link(ARTICLE_PAGE, "rules.md")


def render_article(item: AnnotatedArticle, nav_title: str, ctx: PageContext) -> str:
    article, page = item.article, macros("article")
    title = next((p.id for p in article.paragraphs if p.kind == "title"), "")
    tags = item.about.topics if item.about else []
    parts = front_matter(nav_title, description=_description(item), tags=tags)
    parts += [page.title_heading(ctx.titles[article.id], title), "", _byline(item), ""]
    if caution := _caution(item):
        parts += [caution, ""]
    if legend := _legend(item, ctx):
        parts += [legend, ""]
    parts += [_about_this_copy(item, ctx), ""]
    if article.decisions:
        parts += [_decisions(article), ""]
    if ctx.banner:
        parts += [ctx.banner, ""]
    if item.about:
        parts += [_about(item.about), ""]
    spans = _spans(item, ctx)
    backlinks = _backlinks(item, ctx)
    parts += [
        _paragraph(p, spans.get(p.id, []), backlinks.get(p.id, "") + _copy_marks(p.id, item, ctx))
        for p in article.paragraphs
        if p.kind != "title"
    ]
    if item.notes:
        parts += [page.notes_heading(link(ARTICLE_PAGE, "standards.md")), "", _notes_list(item, ctx), ""]
        if item.history:
            parts += [_history(item), ""]
    parts += [_removals(article), "", ctx.edit_link, ""]
    if ctx.suggest:
        parts += [ctx.suggest, ""]
    parts += [citation_data(item), ""]
    return "\n".join(parts)


HOW_TO_READ = link(ARTICLE_PAGE, "index.md", "how-to-read-an-article")


def _legend(item: AnnotatedArticle, ctx: PageContext) -> Markup:
    """One line saying what each kind of mark in this article's text means: only the kinds it has,
    each shown as it looks, and the home page's fuller legend one click away."""
    kinds = {type(placed.note) for placed in item.notes}
    shown = [
        (kind, noted)  # `noted`: a mark the Clean view hides
        for present, kind, noted in (
            (ContextNote in kinds, "note", True),
            (CorrectionNote in kinds, "correction", False),
            (any(c.note.likely for c in item.corrections if isinstance(c.note, CorrectionNote)), "likely", False),
            (LinkNote in kinds, "link", True),
            (bool(_backlinks(item, ctx)), "backlink", True),
            (bool(item.terms), "term", True),
            (bool(ctx.counterparts), "copy", True),
        )
        if present
    ]
    return macros("article").legend(shown, ctx.glossary_link, HOW_TO_READ) if shown else Markup()


def _description(item: AnnotatedArticle) -> str:
    """The page's description for search engines and link previews."""
    source = outlet_name(item.article)
    text = next((p.text for p in item.article.paragraphs if p.kind == "paragraph"), "")
    lead = f"{source}: " if source else ""
    return (lead + text)[:200]


def topic_slug(topic: str) -> str:
    """The anchor of a topic's section on the topics page."""
    return "topic-" + slug(topic, "untitled")


def _topics(topics: Sequence[str], pages: dict[str, str]) -> Markup:
    links = [(link(ARTICLE_PAGE, pages.get(t, "browse/topics.md"), topic_slug(t)), t) for t in topics]
    return macros("article").topics(links)


def _metadata_rows(item: AnnotatedArticle, ctx: PageContext) -> list[tuple[str, str]]:
    """ "About this copy": each row's label and its value (text, or HTML from a macro)."""
    article, page = item.article, macros("article")
    meta = article.metadata.as_dict()
    rows = [(label, _metadata_value(f, meta[f])) for f, label in METADATA_LABELS.items() if meta[f]]
    original = item.about.original if item.about else None
    if original:
        stated = [
            ("Original outlet", original.outlet),
            ("Original title", original.title),
            ("Original author", original.author),
            ("This copy is", original.relation and RELATION_NOUNS[original.relation]),
            ("Originally published", original.published and written(original.published)),
            ("Original URL", original.url),
        ]
        rows += [
            (f"{label} (annotation)", _link_or_text(value) if label.endswith("URL") else value)
            for label, value in stated
            if value
        ]
    if article.capture:
        rows.append(("Web archive", page.web_archive(article.capture)))
        if article.capture.payload_digest:
            rows.append(("Payload digest", page.code(article.capture.payload_digest)))
    rows.append(("Seed", page.seed_link(article.seed, ctx.raw_link, article.format)))
    rows.append(("Length", page.words(article.words)))
    return rows


def _metadata_value(field: str, value: str) -> str:
    if field == "url":
        return _link_or_text(value)
    return written_date(value) if field in DATE_FIELDS else value


def _link_or_text(value: str) -> Markup:
    """An http(s) address as a link a reader can follow; anything else as text."""
    return macros("article").link_or_text(value, bool(re.match(r"https?://[^\s<>\"']+$", value)))


def _history(item: AnnotatedArticle) -> Markup:
    """When the notes last changed, and the latest changes to the annotation file, from its commits."""
    total = len(item.history)
    return macros("article").history(item.history[:REVISIONS_SHOWN], total, total - REVISIONS_SHOWN)


def _about(about: About) -> Markup:
    """The introduction, folded to its first sentence: what a reader needs before reading, one tap from the rest."""
    return macros("article").about(_first_sentence(plain_text(about.note)), safe_html(about.note), about.sources)


def _first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence, not an initial ("a column by M. K. Bhadrakumar")."""
    found = re.match(r"(.{20,}?(?<!\b[A-Z])[.!?])\s", text + " ")
    return found.group(1) if found else text


def _byline(item: AnnotatedArticle) -> Markup:
    """One line before the text: outlet, author, date, length, notes; the rest is in "About this copy"."""
    page = macros("article")
    notes = page.notes_link(len(item.notes), "note") if item.notes else ""
    origin = origin_line(item.about.original) if item.about and item.about.original else ""
    return page.byline(article_facts(item.article, notes), origin)


def citation_data(item: AnnotatedArticle) -> Markup:
    """What a paragraph's Cite control (docs/javascripts/reader.js) cites: the copy's own headline,
    author, outlet and date (none: "n.d."), where the text first appeared, its address and capture
    date, never the capture date as a publication date."""
    article, meta = item.article, item.article.metadata
    original = item.about.original if item.about else None
    origin = origin_line(original, linked=False).striptags() if original else ""
    if not origin and meta.original_outlet:
        origin = (
            f"From {meta.original_outlet}"
            + (f", {written_date(meta.first_published)}" if meta.first_published else "")
            + "."
        )
    data = {
        "title": meta.title or display_title(article),
        "author": meta.author or (original.author if original and original.author else ""),
        # A site that names only the outlet it credits is cited as the navigation names it: "via Asia Times".
        "outlet": meta.outlet or (f"via {meta.original_outlet}" if meta.original_outlet else ""),
        "published": own.isoformat() if (own := day(meta.published) or day(meta.item_date)) else "",
        "first": meta.first_published,
        "origin": origin,
        "source": meta.url,
        "captured": meta.captured,
    }
    return macros("common").data_element("reader-citation", data)


RELATION_NOUNS = {"translation": "a translation", "wire": "a wire story", "reprint": "a reprint"}
RELATION_WORDS = {"translation": "Translation of", "wire": "A wire story of", "reprint": "Reprinted from"}


def origin_line(original: Original, linked: bool = True) -> Markup:
    """Where the text comes from, in words, as the annotation states it: "Translation of an article in
    The Washington Post, 21 March 2022" (HTML, escaped; with a link to it unless not `linked`); "" when
    the annotation names no relation."""
    if not original.relation or not original.outlet:
        return Markup()
    where = RELATION_WORDS[original.relation] + ("" if original.relation == "wire" else " an article in")
    return macros("article").origin_line(
        where,
        original.outlet,
        original.title,
        original.author,
        original.published,
        original.url if linked else "",
    )


def article_facts(article: Article, *more: str) -> Markup:
    """An article in one line, as its page and the home page give it: outlet, author, date, length,
    then `more` (its notes, its copies)."""
    page = macros("article")
    return page.facts(
        [
            outlet_label(article) or OUTLET_NOT_STATED,
            article.metadata.author,
            _dated(article),
            page.words(article.words),
            *more,
        ]
    )


def _dated(article: Article) -> Markup:
    """The date it is listed under, as people write it, saying so where it is not this copy's own:
    the original's ("original published"), or the day the page was scraped ("captured")."""
    when, field = listed_date(article)
    if not when:
        return Markup()
    kind = {"first_published": "original published ", "captured": "captured "}.get(field, "")
    return macros("article").dated(kind, when.isoformat(), written(when))


def _caution(item: AnnotatedArticle) -> Markup:
    """A one-line warning before the text whenever it has errors a reader must know about: every
    correction marked in it is counted, so that the count matches what a reader sees."""
    corrections = [c.note for c in item.corrections if isinstance(c.note, CorrectionNote)]
    if not corrections:
        return Markup()
    translation = sum(c.category == "translation" for c in corrections)
    likely = sum(c.likely for c in corrections)
    kinds = [
        f"{translation} of them translation errors" if translation and translation != len(corrections) else "",
        "all translation errors" if translation == len(corrections) and len(corrections) > 1 else "",
        _probable(likely, len(corrections)),
    ]
    return macros("article").caution(len(corrections), "; ".join(k for k in kinds if k))


def _probable(likely: int, corrections: int) -> str:
    if not likely:
        return ""
    if likely < corrections:
        return f"{likely} of them {'a probable reading' if likely == 1 else 'probable readings'}"
    return "a probable reading" if likely == 1 else "all probable readings"


def _about_this_copy(item: AnnotatedArticle, ctx: PageContext) -> Markup:
    """Where the copy comes from (seed, capture, feed, original source) and its topics, folded away."""
    topics = _topics(item.about.topics, ctx.topic_pages) if item.about and item.about.topics else ""
    return macros("article").about_this_copy(_metadata_rows(item, ctx), topics)


def _spans(item: AnnotatedArticle, ctx: PageContext) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {}
    for placed in item.notes:
        spans.setdefault(placed.place.paragraph, []).append(_note_span(placed, ctx))
    page = macros("article")
    for use in item.terms:
        tip = plain_text(use.term.definition)
        opening = page.open_term(f"{ctx.glossary_link}#{use.slug}", tip)
        spans.setdefault(use.place.paragraph, []).append(
            Span(use.place.start, use.place.end, opening, page.close_term())
        )
    return spans


def _copy_marks(paragraph: str, item: AnnotatedArticle, ctx: PageContext) -> Markup:
    """A paragraph's ⇄ marks, but one mark per relation: none where a link note's → already leads
    to that passage (the note then offers the two wordings side by side, `_merged`)."""
    linked = [_link_target(n) for n in item.notes if isinstance(n.note, LinkNote) and n.place.paragraph == paragraph]
    marks = [c.mark for c in ctx.counterparts.get(paragraph, ()) if not any(c.pairs_with(*target) for target in linked)]
    return macros("article").copy_marks(marks) if marks else Markup()


def _link_target(placed: PlacedNote) -> tuple[str, str]:
    """The article and paragraph a placed link note leads to."""
    return cast(LinkNote, placed.note).target.article, placed.link_target.paragraph


def _merged(placed: PlacedNote, ctx: PageContext) -> Counterpart | None:
    """The copy a link note leads to, when it is this passage in another copy worded differently."""
    if not isinstance(placed.note, LinkNote):
        return None
    target = _link_target(placed)
    return next(
        (c for c in ctx.counterparts.get(placed.place.paragraph, ()) if c.differs and c.pairs_with(*target)), None
    )


def _note_ref(placed: PlacedNote) -> Markup:
    """A note's number: it opens the note (text and sources) under its paragraph, so it carries no
    `title` tooltip, which would show the note a second time over the text (WCAG 1.4.13)."""
    note = placed.note
    label = f"{KIND_LABELS[note.kind]} note {placed.number}" + (" (from another copy)" if placed.origin else "")
    return macros("article").note_ref(note.kind, note.id, placed.number, label)


def _note_span(placed: PlacedNote, ctx: PageContext) -> Span:
    note, place, page = placed.note, placed.place, macros("article")
    if isinstance(note, CorrectionNote):
        closing = page.close_correction(note.likely, note.reading, _note_ref(placed))
        return Span(place.start, place.end, page.open_correction(note.likely), closing)
    if isinstance(note, LinkNote):
        where = f"{ctx.titles[note.target.article]} ¶{placed.link_target.paragraph[1:]}"
        label = f"Link note {placed.number}: {RELATION_LABELS[note.relation]} {where}"
        closing = page.close_link(note.id, _target_href(note, placed), label, placed.number)
        return Span(place.start, place.end, page.open_link(), closing)
    return Span(place.start, place.end, page.open_note(), page.close_note(_note_ref(placed)))


def _target_href(note: LinkNote, placed: PlacedNote) -> str:
    return article_link(note.target.article, placed.link_target.paragraph)


def _backlinks(item: AnnotatedArticle, ctx: PageContext) -> dict[str, Markup]:
    """A ← where another article's link note leads here, but for a passage's other copy, whose ⇄
    already says so (one mark per relation)."""
    found: dict[str, Markup] = {}
    for back in item.backlinks:
        if any(
            c.pairs_with(back.source, back.source_place.paragraph)
            for c in ctx.counterparts.get(back.place.paragraph, ())
        ):
            continue
        where = f"{ctx.titles[back.source]} ¶{back.source_place.paragraph[1:]}"
        relation = RELATION_LABELS[back.note.relation]
        tip = f"Linked from {where}: {relation.replace(' in', '')}"
        mark = macros("article").backlink(article_link(back.source, back.source_place.paragraph), tip)
        found[back.place.paragraph] = found.get(back.place.paragraph, Markup()) + mark
    return found


def marked_html(text: str, spans: list[Span]) -> Markup:
    """The text, HTML-escaped, with each span's markup (from a macro) around it. Spans nest or are apart."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    return _marked(text, ordered, 0, len(text))


def _marked(text: str, spans: list[Span], low: int, high: int) -> Markup:
    out: list[str] = []
    position, i = low, 0
    while i < len(spans):
        span, j = spans[i], i + 1
        while j < len(spans) and spans[j].start < span.end:
            j += 1
        out += [text[position : span.start], span.open]
        out += [_marked(text, spans[i + 1 : j], span.start, span.end), span.close]
        position, i = span.end, j
    out.append(text[position:high])
    return Markup().join(out)  # escapes the text between the spans, not the spans' markup


def _paragraph(p: Paragraph, spans: list[Span], after: str) -> Markup:
    """A paragraph with its permalink, and its own search result, named by its number and first words."""
    page = macros("article")
    if p.kind == "heading":
        return page.heading(p.text, p.id)
    return page.paragraph(p.id, p.kind, marked_html(p.text, spans), f"¶{p.id[1:]} · {opening_words(p.text)}", after)


def opening_words(text: str, words: int = 6) -> str:
    """A passage's first words, to name it where a number alone says nothing ("¶21 · Russian Security…")."""
    first = text.split()
    return " ".join(first[:words]) + ("…" if len(first) > words else "")


def _notes_list(item: AnnotatedArticle, ctx: PageContext) -> Markup:
    quoted = {p.id: p.text for p in item.article.paragraphs}
    page = macros("article")
    entries = []
    for placed in item.notes:
        note = placed.note
        words = quoted[placed.place.paragraph][placed.place.start : placed.place.end]
        extra = ""
        if isinstance(note, CorrectionNote):
            changes = [(s.op, s.text) for s in word_diff(words, note.reading)]
            extra = page.correction_lines(note.likely, note.reading, note.category, changes)
        elif isinstance(note, LinkNote):
            where = f"{ctx.titles[note.target.article]} ¶{placed.link_target.paragraph[1:]}"
            merged = _merged(placed, ctx)
            extra = page.link_line(
                RELATION_LABELS[note.relation], _target_href(note, placed), where, merged and merged.href
            )
        origin = placed.origin and {
            "href": article_link(placed.origin, f"note-{note.id}"),
            "title": ctx.titles[placed.origin],
        }
        entry = {
            "note": note,
            "kind_label": KIND_LABELS[note.kind],
            "paragraph": placed.place.paragraph,
            "words": words,
            "anchor_label": f"Note {placed.number} · {KIND_LABELS[note.kind]} · “{words}”",
            "origin": origin,
            "extra": extra,
            "body": safe_html(note.text) if note.text else "",
        }
        entries.append(entry)
    return page.notes_list(entries)


def _decisions(article: Article) -> Markup:
    """The contributors' changes to the cleaner's work, each with its reason: none is silent."""
    items = [
        (
            d,
            f"line {d.first_line}" if d.first_line == d.last_line else f"lines {d.first_line}–{d.last_line}",
            METADATA_LABELS.get(d.field, d.field).lower(),
        )
        for d in article.decisions
    ]
    return macros("article").decisions(items, article.decisions[0].source, RULES_LINK)


def _removals(article: Article) -> Markup:
    """What the cleaner removed, by rule, and a contributor's reason where one removed it."""
    reasons = {(d.first_line, d.last_line): d.reason for d in article.decisions if d.action == "remove"}
    rows = [
        (r, reasons.get((r.first_line, r.last_line)) if r.rule == EDITORIAL_RULE else None) for r in article.removals
    ]
    by_rule = Counter(r.rule for r in article.removals)
    summary = ", ".join(f"{rule} ({n})" for rule, n in sorted(by_rule.items()))
    return macros("article").removals(rows, summary, RULES_LINK)
