"""One article's page: metadata, the annotated text, the notes, and what was removed.

Seed text is HTML-escaped; contributor text goes through `reader.annotations.markup`. Notes
are marked in the text and listed, numbered, under "Notes", which is also how
they print (as footnotes). Corrections leave the original words in the text,
marked, with the corrected reading beside them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import yaml

from reader.annotations.history import REVISIONS_SHOWN
from reader.annotations.markup import attribute, plain_text, safe_html
from reader.annotations.schema import About, ContextNote, CorrectionNote, LinkNote, Original, Source
from reader.ingest.rules import EDITORIAL_RULE
from reader.model import (
    OUTLET_NOT_STATED,
    AnnotatedArticle,
    Article,
    Paragraph,
    PlacedNote,
    Removal,
    display_date,
    display_title,
    outlet_label,
    outlet_name,
)
from reader.reprints.align import word_diff
from reader.site.links import ARTICLE_PAGE, article_path, link
from reader.text import slug, written_date

# libyaml's emitter when PyYAML has it (its wheels do): the same safe YAML, faster.
FRONT_MATTER_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

KIND_LABELS = {"context": "Context", "correction": "Correction", "link": "Link"}
RELATION_LABELS = {
    "same-passage": "the same passage in",
    "related": "related passage in",
    "contradicts": "contradicted by",
    "follows-up": "followed up in",
}
DATE_FIELDS = ("published", "first_published", "captured", "item_date")
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


def md_escape(text: str) -> str:
    """Text that Markdown shows as it is: HTML escaped, Markdown punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~^=])", r"\\\1", html.escape(text, quote=True))


def front_matter(
    title: str, *, description: str | None = None, tags: Sequence[str] = (), searched: bool = True
) -> list[str]:
    """A page's YAML front matter, as lines. A page `searched=False` stays out of the search index:
    a list page only repeats what the articles' own pages hold, and a long one outgrows an engine's
    limit for one entry (Zensical's, which shrinks as the index grows)."""
    meta: dict[str, object] = {"title": title}
    if description is not None:
        meta["description"] = description
    if tags:
        meta["tags"] = list(tags)
    if not searched:
        meta["search"] = {"exclude": True}
    front = yaml.dump(meta, Dumper=FRONT_MATTER_DUMPER, allow_unicode=True, width=1000, sort_keys=False)
    return ["---", front.strip(), "---", ""]


def render_article(item: AnnotatedArticle, nav_title: str, ctx: PageContext) -> str:
    article = item.article
    # Theme templates print page titles unescaped (in the navigation), so escape them here.
    title = next((p for p in article.paragraphs if p.kind == "title"), None)
    anchor = f" {{#{title.id}}}" if title else ""
    tags = item.about.topics if item.about else []
    parts = front_matter(html.escape(nav_title), description=html.escape(_description(item)), tags=tags)
    parts += [f"# {md_escape(ctx.titles[article.id])}{anchor}", "", _byline(item), ""]
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
        standards = link(ARTICLE_PAGE, "standards.md")
        parts += [
            "## Notes {#notes}",
            "",
            f'<p class="reader-standards" data-search-exclude>How notes are checked and sourced: <a href="{standards}">Editorial standards</a>.</p>',
            "",
            _notes_list(item, ctx),
            "",
        ]
        if item.history:
            parts += [_history(item), ""]
    parts += [_removals(article), "", ctx.edit_link, ""]
    if ctx.suggest:
        parts += [ctx.suggest, ""]
    parts += [citation_data(item), ""]
    return "\n".join(parts)


# A correction as the reading mode shows it (docs/javascripts/reader.js): the original words marked
# with the reading after them, or the corrected text.
CORRECTION_SAMPLE = (
    '<span class="reader-legend-original"><mark class="reader-correction">words</mark> error, corrected after</span>'
    '<span class="reader-legend-corrected"><ins class="reader-reading reader-as-corrected">words</ins> corrected</span>'
)
LIKELY_SAMPLE = (
    '<mark class="reader-correction reader-likely">words</mark><ins class="reader-reading reader-likely">'
    '<span class="reader-label"> [probably: </span>…<span class="reader-label">]</span></ins> probable'
)
HOW_TO_READ = link(ARTICLE_PAGE, "index.md", "how-to-read-an-article")


def _legend(item: AnnotatedArticle, ctx: PageContext) -> str:
    """One line saying what each kind of mark in this article's text means: only the kinds it has,
    each shown as it looks, and the home page's fuller legend one click away."""
    kinds = {type(placed.note) for placed in item.notes}
    # The marks the Clean view hides are named only in the other views (reader.css).
    items = [
        f'<span class="reader-legend-{"noted" if noted else "kept"}">{sample} · </span>'
        for present, sample, noted in (
            (ContextNote in kinds, '<mark class="reader-note">words</mark> note', True),
            (CorrectionNote in kinds, CORRECTION_SAMPLE, False),
            (any(c.note.likely for c in item.corrections if isinstance(c.note, CorrectionNote)), LIKELY_SAMPLE, False),
            (LinkNote in kinds, "→ another article", True),
            (bool(_backlinks(item, ctx)), "← linked from another article", True),
            (bool(item.terms), f'<a class="reader-term" href="{ctx.glossary_link}">term</a> glossary', True),
            (bool(ctx.counterparts), "⇄ another copy (⇄≠ worded differently)", True),
        )
        if present
    ]
    if not items:
        return ""
    return (
        f'<p class="reader-legend" data-search-exclude>Marks: {"".join(items)}'
        f'<a href="{HOW_TO_READ}">how to read an article</a></p>'
    )


def _description(item: AnnotatedArticle) -> str:
    """The page's description for search engines and link previews."""
    source = outlet_name(item.article)
    text = next((p.text for p in item.article.paragraphs if p.kind == "paragraph"), "")
    lead = f"{source}: " if source else ""
    return (lead + text)[:200]


def topic_slug(topic: str) -> str:
    """The anchor of a topic's section on the topics page."""
    return "topic-" + slug(topic, "untitled")


def _topics(topics: Sequence[str], pages: dict[str, str]) -> str:
    links = " ".join(
        f'<a class="md-tag" href="{link(ARTICLE_PAGE, pages.get(t, "browse/topics.md"), topic_slug(t))}">'
        f"{html.escape(t)}</a>"
        for t in topics
    )
    return f'<nav class="md-tags reader-topics" aria-label="Topics">{links}</nav>'


def _metadata_table(item: AnnotatedArticle, ctx: PageContext) -> str:
    article = item.article
    meta = article.metadata.as_dict()
    rows = [f"| {label} | {_metadata_value(f, meta[f])} |" for f, label in METADATA_LABELS.items() if meta[f]]
    original = item.about.original if item.about else None
    if original:
        stated = [
            ("Original outlet", original.outlet),
            ("Original title", original.title),
            ("Original author", original.author),
            ("This copy is", original.relation and RELATION_NOUNS[original.relation]),
            ("Originally published", original.published and original.published.isoformat()),
            ("Original URL", original.url),
        ]
        rows += [
            f"| {label} (annotation) | {_link_or_text(value) if label.endswith('URL') else md_escape(written_date(value))} |"
            for label, value in stated
            if value
        ]
    if article.capture:
        capture = article.capture
        rows.append(
            f"| Web archive | {md_escape(capture.archive)}, the record at byte {capture.offset:,}, "
            f"dated {md_escape(capture.date)} |"
        )
        if capture.payload_digest:
            rows.append(f"| Payload digest | <code>{html.escape(capture.payload_digest)}</code> |")
    rows.append(f"| Seed | [{md_escape(article.seed)}]({ctx.raw_link}) ({article.format}) |")
    rows.append(f"| Length | {article.words:,} words |")
    return "\n".join(['<div class="reader-meta" markdown>', "", "| | |", "| --- | --- |", *rows, "", "</div>"])


def _metadata_value(field: str, value: str) -> str:
    if field == "url":
        return _link_or_text(value)
    return md_escape(written_date(value) if field in DATE_FIELDS else value)


def _link_or_text(value: str) -> str:
    """An http(s) address as a link a reader can follow; anything else as text."""
    if re.match(r"https?://[^\s<>\"']+$", value):
        return f'<a href="{attribute(value)}" rel="noopener noreferrer nofollow">{html.escape(value)}</a>'
    return md_escape(value)


def _history(item: AnnotatedArticle) -> str:
    """When the notes last changed, and the latest changes to the annotation file, from its commits."""
    latest = item.history[0]
    entries = "".join(
        f'<li><time datetime="{html.escape(r.date)}">{html.escape(written_date(r.date))}</time>: '
        f"{html.escape(r.summary if len(r.summary) <= 160 else r.summary[:159] + '…')}</li>"
        for r in item.history[:REVISIONS_SHOWN]
    )
    more = len(item.history) - REVISIONS_SHOWN
    tail = f"<p>…and {more} earlier change{'s' if more != 1 else ''} in the repository.</p>" if more > 0 else ""
    return (
        f'<details class="reader-history" data-search-exclude><summary>Notes last changed {html.escape(written_date(latest.date))}'
        f" ({len(item.history)} change{'s' if len(item.history) != 1 else ''})</summary>"
        f"<ol>{entries}</ol>{tail}</details>"
    )


def _about(about: About) -> str:
    """The introduction, folded to its first sentence: what a reader needs before reading, one tap from the rest."""
    body = safe_html(about.note) + _sources(about.sources)
    lead = _first_sentence(plain_text(about.note))
    return (
        '<details class="info reader-about"><summary><span class="reader-lead"><strong>About this text:</strong> '
        f"{html.escape(lead)}</span></summary>"
        f"{body}</details>"
    )


def _first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence, not an initial ("a column by M. K. Bhadrakumar")."""
    found = re.match(r"(.{20,}?(?<!\b[A-Z])[.!?])\s", text + " ")
    return found.group(1) if found else text


def _byline(item: AnnotatedArticle) -> str:
    """One line before the text: outlet, author, date, length, notes; the rest is in "About this copy"."""
    notes = f'<a href="#notes">{count(len(item.notes), "note")}</a>' if item.notes else ""
    origin = origin_line(item.about.original) if item.about and item.about.original else ""
    origin = f'<br><span class="reader-original">{origin}</span>' if origin else ""
    return f'<p class="reader-byline" data-search-exclude>{article_facts(item.article, notes)}{origin}</p>'


def citation_data(item: AnnotatedArticle) -> str:
    """What a paragraph's Cite control (docs/javascripts/reader.js) cites: the copy's own headline,
    author, outlet and date (none: "n.d."), where the text first appeared, its address and capture
    date, never the capture date as a publication date."""
    article, meta = item.article, item.article.metadata
    original = item.about.original if item.about else None
    origin = html.unescape(origin_line(original, linked=False)) if original else ""
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
        "published": meta.published or meta.item_date[:10],
        "first": meta.first_published,
        "origin": origin,
        "source": meta.url,
        "captured": meta.captured,
    }
    attributes = " ".join(f'data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())
    return f'<div id="reader-citation" hidden {attributes}></div>'


RELATION_NOUNS = {"translation": "a translation", "wire": "a wire story", "reprint": "a reprint"}
RELATION_WORDS = {"translation": "Translation of", "wire": "A wire story of", "reprint": "Reprinted from"}


def origin_line(original: Original, linked: bool = True) -> str:
    """Where the text comes from, in words, as the annotation states it: "Translation of an article in
    The Washington Post, 21 March 2022" (HTML, escaped; with a link to it unless not `linked`); "" when
    the annotation names no relation."""
    if not original.relation or not original.outlet:
        return ""
    if original.relation == "wire":
        where = f"{RELATION_WORDS['wire']} {html.escape(original.outlet)}"
    else:
        where = f"{RELATION_WORDS[original.relation]} an article in {html.escape(original.outlet)}"
    title = f", \u201c{html.escape(original.title)}\u201d" if original.title else ""
    by = f" by {html.escape(original.author)}" if original.author else ""
    date = f", {html.escape(written_date(original.published.isoformat()))}" if original.published else ""
    link = (
        f' (<a href="{attribute(original.url)}" rel="noopener noreferrer nofollow">original</a>)'
        if original.url and linked
        else ""
    )
    return f"{where}{title}{by}{date}{link}."


def article_facts(article: Article, *more: str) -> str:
    """An article in one line, as its page and the home page give it: outlet, author, date, length,
    then `more` (its notes, its copies)."""
    facts = [
        html.escape(outlet_label(article) or OUTLET_NOT_STATED),
        html.escape(article.metadata.author),
        _dated(article),
        f"{article.words:,} words",
        *more,
    ]
    return " · ".join(f for f in facts if f)


def _dated(article: Article) -> str:
    """The date it is listed under, as people write it, saying so where it is not this copy's own:
    the original's ("original published"), or the day the page was scraped ("captured")."""
    date, meta = display_date(article), article.metadata
    if not date:
        return ""
    own = meta.published or meta.item_date
    kind = "" if own else "original published " if date == meta.first_published else "captured "
    return f'{kind}<time datetime="{html.escape(date[:10])}">{html.escape(written_date(date))}</time>'


def _caution(item: AnnotatedArticle) -> str:
    """A one-line warning before the text whenever it has errors a reader must know about: every
    correction marked in it is counted, so that the count matches what a reader sees."""
    corrections = [c.note for c in item.corrections if isinstance(c.note, CorrectionNote)]
    if not corrections:
        return ""
    translation = sum(c.category == "translation" for c in corrections)
    likely = sum(c.likely for c in corrections)
    kinds = [
        f"{translation} of them translation errors" if translation and translation != len(corrections) else "",
        "all translation errors" if translation == len(corrections) and len(corrections) > 1 else "",
        _probable(likely, len(corrections)),
    ]
    said = "; ".join(k for k in kinds if k)
    return (
        '<p class="reader-caution"><strong>Errors in this copy:</strong> '
        f'<a href="#notes">{count(len(corrections), "correction")}</a>{f" ({said})" if said else ""}, '
        "marked in the text.</p>"
    )


def _probable(likely: int, corrections: int) -> str:
    if not likely:
        return ""
    if likely < corrections:
        return f"{likely} of them {'a probable reading' if likely == 1 else 'probable readings'}"
    return "a probable reading" if likely == 1 else "all probable readings"


def count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _about_this_copy(item: AnnotatedArticle, ctx: PageContext) -> str:
    """Where the copy comes from (seed, capture, feed, original source) and its topics, folded away."""
    topics = _topics(item.about.topics, ctx.topic_pages) if item.about and item.about.topics else ""
    return (
        '<details class="reader-about-copy" data-search-exclude markdown>\n<summary>About this copy</summary>\n\n'
        f"{_metadata_table(item, ctx)}\n\n{topics}\n\n</details>"
    )


def _spans(item: AnnotatedArticle, ctx: PageContext) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = {}
    for placed in item.notes:
        spans.setdefault(placed.place.paragraph, []).append(_note_span(placed, ctx))
    for use in item.terms:
        tip = attribute(plain_text(use.term.definition))
        spans.setdefault(use.place.paragraph, []).append(
            Span(
                use.place.start,
                use.place.end,
                f'<a class="reader-term" href="{ctx.glossary_link}#{use.slug}" title="{tip}">',
                "</a>",
            )
        )
    return spans


def _copy_marks(paragraph: str, item: AnnotatedArticle, ctx: PageContext) -> str:
    """A paragraph's ⇄ marks, but one mark per relation: none where a link note's → already leads
    to that passage (the note then offers the two wordings side by side, `_merged`)."""
    linked = [_link_target(n) for n in item.notes if isinstance(n.note, LinkNote) and n.place.paragraph == paragraph]
    marks = "".join(
        c.mark for c in ctx.counterparts.get(paragraph, ()) if not any(c.pairs_with(*target) for target in linked)
    )
    return f' <span class="reader-copies">{marks}</span>' if marks else ""


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


def _note_ref(placed: PlacedNote) -> str:
    """A note's number: it opens the note (text and sources) under its paragraph, so it carries no
    `title` tooltip, which would show the note a second time over the text (WCAG 1.4.13)."""
    note = placed.note
    label = f"{KIND_LABELS[note.kind]} note {placed.number}" + (" (from another copy)" if placed.origin else "")
    return (
        f'<sup class="reader-ref reader-ref-{note.kind}" data-search-exclude><a id="ref-{note.id}" '
        f'href="#note-{note.id}" aria-label="{label}">{placed.number}</a></sup>'
    )


def _note_span(placed: PlacedNote, ctx: PageContext) -> Span:
    note, place = placed.note, placed.place
    if isinstance(note, CorrectionNote):
        reading = html.escape(note.reading)
        # A probable reading stays beside the original in every view (reader.css), and says so.
        likely, label = (" reader-likely", "[probably:") if note.likely else ("", "[correction:")
        return Span(
            place.start,
            place.end,
            f'<mark class="reader-correction{likely}">',
            # The spaces inside the label: the corrected view hides it, and the reading then follows
            # the words before it as the original did ("“Russian", not "“ Russian").
            f'</mark><ins class="reader-reading{likely}"><span class="reader-label"> {label} </span>{reading}'
            f'<span class="reader-label">]</span></ins>{_note_ref(placed)}',
        )
    if isinstance(note, LinkNote):
        target = _target_href(note, placed)
        where = f"{ctx.titles[note.target.article]} ¶{placed.link_target.paragraph[1:]}"
        relation = RELATION_LABELS[note.relation]
        label = f"Link note {placed.number}: {relation} {where}"
        return Span(
            place.start,
            place.end,
            '<mark class="reader-link">',
            f'</mark><sup class="reader-ref" data-search-exclude><a id="ref-{note.id}" href="{target}" class="reader-link-to" '
            f'aria-label="{attribute(label)}">→{placed.number}</a></sup>',
        )
    return Span(place.start, place.end, '<mark class="reader-note">', f"</mark>{_note_ref(placed)}")


def _target_href(note: LinkNote, placed: PlacedNote) -> str:
    return article_link(note.target.article, placed.link_target.paragraph)


def _backlinks(item: AnnotatedArticle, ctx: PageContext) -> dict[str, str]:
    """A ← where another article's link note leads here, but for a passage's other copy, whose ⇄
    already says so (one mark per relation)."""
    found: dict[str, str] = {}
    for back in item.backlinks:
        if any(
            c.pairs_with(back.source, back.source_place.paragraph)
            for c in ctx.counterparts.get(back.place.paragraph, ())
        ):
            continue
        where = f"{ctx.titles[back.source]} ¶{back.source_place.paragraph[1:]}"
        relation = RELATION_LABELS[back.note.relation]
        tip = f"Linked from {where}: {relation.replace(' in', '')}"
        found[back.place.paragraph] = found.get(back.place.paragraph, "") + (
            f' <a class="reader-backlink" href="{article_link(back.source, back.source_place.paragraph)}" '
            f'title="{attribute(tip)}" aria-label="{attribute(tip)}">←</a>'
        )
    return found


def marked_html(text: str, spans: list[Span]) -> str:
    """The text, HTML-escaped, with each span's markup around it. Spans nest or are apart."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    return _marked(text, ordered, 0, len(text))


def _marked(text: str, spans: list[Span], low: int, high: int) -> str:
    out, position, i = [], low, 0
    while i < len(spans):
        span, j = spans[i], i + 1
        while j < len(spans) and spans[j].start < span.end:
            j += 1
        out += [html.escape(text[position : span.start], quote=False), span.open]
        out += [_marked(text, spans[i + 1 : j], span.start, span.end), span.close]
        position, i = span.end, j
    out.append(html.escape(text[position:high], quote=False))
    return "".join(out)


def _paragraph(p: Paragraph, spans: list[Span], after: str) -> str:
    """A paragraph with its permalink, and its own search result, named by its number and first words."""
    if p.kind == "heading":
        return f"## {md_escape(p.text)} {{#{p.id} .reader-heading}}\n"
    # The paragraph's own words, apart from what the page adds: the "Suggest a note" control reads them.
    text = f'<span class="reader-text">{marked_html(p.text, spans)}</span>'
    link = f'<a class="reader-permalink" href="#{p.id}" title="Link to this paragraph" data-search-exclude>¶</a>'
    anchor = _search_anchor(f"s-{p.id}", f"¶{p.id[1:]} · {opening_words(p.text)}")
    if p.kind == "quote":
        body = f'<blockquote id="{p.id}" class="reader-paragraph"><p>{text} {link}{after}</p></blockquote>'
    else:
        kind = "" if p.kind == "paragraph" else f" reader-{p.kind}"
        body = f'<p id="{p.id}" class="reader-paragraph{kind}">{text} {link}{after}</p>'
    return f'<div class="reader-passage">{anchor}{body}</div>\n'


def _search_anchor(anchor_id: str, label: str) -> str:
    """A heading only the search index sees: it makes what follows a search result of its own,
    named by `label` and landing there, not at the top of the page."""
    return f'<h6 class="reader-anchor" id="{anchor_id}" aria-hidden="true">{html.escape(label, quote=False)}</h6>'


def opening_words(text: str, words: int = 6) -> str:
    """A passage's first words, to name it where a number alone says nothing ("¶21 · Russian Security…")."""
    first = text.split()
    return " ".join(first[:words]) + ("…" if len(first) > words else "")


def _notes_list(item: AnnotatedArticle, ctx: PageContext) -> str:
    quoted = {p.id: p.text for p in item.article.paragraphs}
    entries = []
    for placed in item.notes:
        note = placed.note
        words = quoted[placed.place.paragraph][placed.place.start : placed.place.end]
        head = (  # named by the note's search anchor already, so left out of its excerpt
            f'<span class="reader-note-head" data-search-exclude><span class="reader-kind reader-kind-{note.kind}">'
            f'{KIND_LABELS[note.kind]}</span> <a href="#{placed.place.paragraph}" class="reader-quote">'
            f"“{html.escape(words)}”</a></span>"
        )
        extra = ""
        if isinstance(note, CorrectionNote):
            extra = (
                f'<p class="reader-reading-line">{"Probably should" if note.likely else "Should"} read: '
                f"“{html.escape(note.reading)}” "
                f"(<em>{note.category}</em>)</p>"
                f'<p class="reader-change">What changes: {_changes(words, note.reading)}</p>'
            )
        elif isinstance(note, LinkNote):
            where = f"{ctx.titles[note.target.article]} ¶{placed.link_target.paragraph[1:]}"
            merged = _merged(placed, ctx)
            side = f' · <a href="{merged.href}">the two wordings side by side</a>' if merged else ""
            extra = (
                f"<p>{html.escape(RELATION_LABELS[note.relation]).capitalize()} "
                f'<a href="{_target_href(note, placed)}">{html.escape(where)}</a>{side}</p>'
            )
        date = f'<p class="reader-note-date">Date: {note.date.isoformat()}</p>' if note.date else ""
        if placed.origin:
            head += (
                f' <span class="reader-origin">(written for <a href="{article_link(placed.origin, f"note-{note.id}")}">'
                f"{html.escape(ctx.titles[placed.origin])}</a>)</span>"
            )
        body = safe_html(note.text) if note.text else ""
        back = f' <a href="#ref-{note.id}" class="reader-back" title="Back to the text" data-search-exclude>↩</a>'
        anchor = _search_anchor(f"s-note-{note.id}", f"Note {placed.number} · {KIND_LABELS[note.kind]} · “{words}”")
        entries.append(
            f'<li id="note-{note.id}" class="reader-note-entry">{anchor}{head}{back}{extra}{body}{date}'
            f"{_sources(note.sources)}</li>"
        )
    return f'<ol class="reader-notes">{"".join(entries)}</ol>'


def _changes(original: str, reading: str) -> str:
    """The correction word by word: what it takes out struck through, what it puts in underlined."""
    marks = {"delete": "del", "insert": "ins"}
    return "".join(
        f"<{marks[s.op]}>{html.escape(s.text)}</{marks[s.op]}>" if s.op in marks else html.escape(s.text)
        for s in word_diff(original, reading)
    )


def _sources(sources: list[Source]) -> str:
    if not sources:
        return ""
    items = []
    for source in sources:
        title = html.escape(source.title)
        if source.url:
            title = f'<a href="{attribute(source.url)}" rel="noopener noreferrer nofollow">{title}</a>'
        details = ", ".join(
            html.escape(x) for x in [source.outlet or "", source.date.isoformat() if source.date else ""] if x
        )
        items.append(f"<li>{title}{', ' + details if details else ''}</li>")
    return f'<p class="reader-sources-title">Sources:</p><ul class="reader-sources">{"".join(items)}</ul>'


def _editorial_reason(removal: Removal, reasons: dict[tuple[int, int], str]) -> str:
    reason = reasons.get((removal.first_line, removal.last_line)) if removal.rule == EDITORIAL_RULE else None
    return f" <em>(a contributor's decision: {html.escape(reason)})</em>" if reason else ""


def _decisions(article: Article) -> str:
    """The contributors' changes to the cleaner's work, each with its reason: none is silent."""
    items = []
    for d in article.decisions:
        lines = f"line {d.first_line}" if d.first_line == d.last_line else f"lines {d.first_line}–{d.last_line}"
        if d.action == "keep":
            what = f'Kept what the rule <a href="{RULES_LINK}#{d.rule}">{d.rule}</a> removed ({lines}): “{html.escape(d.text)}”'
        elif d.action == "remove":
            what = f"Removed a paragraph the cleaner kept ({lines}): “{html.escape(d.text)}”"
        else:
            before = f" (the cleaner had “{html.escape(d.previous)}”)" if d.previous else ""
            what = f"Set the {html.escape(METADATA_LABELS.get(d.field, d.field).lower())} to “{html.escape(d.text)}”, from {lines}{before}"
        items.append(f"<li>{what}<br><em>Reason:</em> {html.escape(d.reason)}</li>")
    return (
        '<div class="admonition note reader-decisions" data-search-exclude><p class="admonition-title">'
        f"Editorial decisions ({len(items)})</p><p>Changes made to the cleaner's work in "
        f"<code>{html.escape(article.decisions[0].source)}</code>:</p><ul>{''.join(items)}</ul></div>"
    )


def _removals(article: Article) -> str:
    """What the cleaner removed, by rule; left out of the search index, which it would only clutter."""
    count = len(article.removals)
    if not count:
        return '<p class="reader-removed-none" data-search-exclude>Nothing was removed from the source.</p>'
    reasons = {(d.first_line, d.last_line): d.reason for d in article.decisions if d.action == "remove"}
    rows = "".join(
        f'<tr><td><a href="{RULES_LINK}#{r.rule}">{r.rule}</a></td><td>{r.first_line}'
        f"{'' if r.first_line == r.last_line else '–' + str(r.last_line)}</td><td>{html.escape(r.text)}"
        f"{_editorial_reason(r, reasons)}</td></tr>"
        for r in article.removals
    )
    by_rule = Counter(r.rule for r in article.removals)
    summary = ", ".join(f"{rule} ({n})" for rule, n in sorted(by_rule.items()))
    return (
        f'<details class="note reader-removals" data-search-exclude><summary>Removed from the source: '
        f"{count} block{'s' if count != 1 else ''}</summary><p>By rule: {html.escape(summary)}.</p>"
        f"<table><thead><tr><th>Rule</th><th>Seed lines</th><th>Text</th></tr></thead><tbody>{rows}</tbody></table>"
        "</details>"
    )
