"""The site's pages as Markdown, from the annotated corpus.

`render_site` returns every generated file as a path (relative to `docs/`) and
its content; `reader.site.write` writes them. Seed text is escaped on the way out and
contributor text sanitised (`reader.annotations.markup`), so neither can become script.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from reader import settings
from reader.annotations.annotate import term_slug
from reader.annotations.markup import safe_html
from reader.cache import BuildCache, digest
from reader.errors import ReaderError
from reader.ingest.archive import ArchiveReport
from reader.ingest.rules import reasons
from reader.model import (
    AnnotatedArticle,
    Article,
    Corpus,
    PlacedNote,
    ReprintGroup,
    Seed,
    TermUse,
    display_date,
    display_title,
    outlet_label,
    outlet_name,
)
from reader.parallel import Deferred, run_jobs
from reader.progress import QUIET, Progress
from reader.site.article_page import (
    PageContext,
    article_facts,
    render_article,
    topic_slug,
)
from reader.site.browse_pages import (
    render_dates,
    render_download,
    render_outlets,
    topic_pages,
    web_annotations,
)
from reader.site.compare_page import article_banner, compare_path, counterparts, render_comparison
from reader.site.export import encoded_record, joined_records, reprint_records
from reader.site.links import ARTICLE_PAGE, ARTICLES_DIR, PAGE_TITLES, article_path, link
from reader.site.listing import LIST_PAGE_MAX, Entry, Paginated, paginate
from reader.site.report import report_label
from reader.site.templating import macros, plural, render
from reader.site.timeline import article_dates, render_timeline, timeline_events

RAW_DIR = "raw"
# What the generator owns inside docs/: these are rewritten on every build.
ANNOTATIONS_DIR = "annotations"
GENERATED = (
    "index.md", "rules.md", "glossary.md", "timeline.md", "download.md", "corpus.json", "annotations.jsonld",
    ARTICLES_DIR, RAW_DIR, ANNOTATIONS_DIR, "compare", "browse", "glossary",
)  # fmt: skip


@dataclass(frozen=True)
class SiteOptions:
    """The generator's settings from mkdocs.yml: where "edit this annotation" links go (`repo_url`
    + `annotations_edit_uri`) and suggested notes (`repo_url`'s issues), whether warnings stop the build (`strict`), and what a configuration
    written for an engine that runs no plugin of ours needs (`search_engine`, `extra_javascript`)."""

    edit_base: str = ""
    repo_url: str = ""
    report_url: str = ""  # where readers report an error (reader.site.report)
    copyright: str = ""
    site_url: str = ""
    strict: bool = False
    search_engine: str = ""
    extra_javascript: tuple[str, ...] = ()
    directory_urls: bool = True
    other_plugins: tuple[
        str | dict[str, Any], ...
    ] = ()  # mkdocs.yml's plugins but the reader's, for a build that generates nothing


def shown_titles(corpus: Corpus) -> dict[str, str]:
    """Each article's title as the navigation shows it (copies told apart by outlet)."""
    titles = Counter(display_title(a) for a in corpus.articles)
    clashing = {title for title, count in titles.items() if count > 1}
    return {a.id: nav_title(a, clashing) for a in corpus.articles}


def render_site(
    corpus: Corpus, options: SiteOptions = SiteOptions(), cache: BuildCache | None = None, progress: Progress = QUIET
) -> dict[str, str | bytes]:
    """Every generated file. An article page (and its corpus.json record) whose inputs the cache
    has seen, by digest, is not rendered again."""
    cache = cache or BuildCache()
    every_article = corpus.articles_digest() if cache.active else b""
    shown = cache.value("titles", every_article, partial(shown_titles, corpus))
    lists = _lists(corpus, shown, every_article, cache)
    glossary = pickle.dumps(corpus.glossary, protocol=5)
    fingerprints = (
        {item.article.id: _fingerprint(item, corpus, glossary) for item in corpus.annotated} if cache.active else {}
    )
    # The other files, and what each article page needs, are made while workers encode corpus.json.
    topics = topic_pages(corpus.annotated, shown)
    files = Deferred(partial(_other_files, corpus, shown, topics, options, lists))
    articles = Deferred(partial(_article_pages, corpus, shown, topics.page_of, options, fingerprints, cache.active))

    def the_rest() -> None:
        files.run()
        articles.run()

    # corpus.json: a record the cache holds (by its article's fingerprint) is not encoded again; the
    # others are encoded on every core while this process makes the rest.
    by_id = {a.id: a for a in corpus.articles}
    copies = [corpus.fingerprint(by_id[a]) for g in corpus.reprints for a in g.articles]
    reprints = cache.value(  # the alignments are made from the copies' texts
        "reprint records",
        digest(pickle.dumps(corpus.reprints, protocol=5), *copies) if cache.active else b"",
        lambda: reprint_records(corpus.reprints, corpus.alignments),
    )
    encode = [partial(encoded_record, item, reprints) for item in corpus.annotated]
    record_keys = (
        [
            digest(fingerprints[i.article.id], json.dumps(r) if (r := reprints.get(i.article.id)) is not None else "")
            for i in corpus.annotated
        ]
        if fingerprints
        else range(len(encode))  # nothing to key on: every record is encoded
    )
    records = joined_records(
        cache.values("records", record_keys, lambda todo: run_jobs([encode[i] for i in todo], alongside=the_rest))
    )
    pages, jobs, keys = articles.result()

    def render_pages(todo: list[int]) -> list[str]:
        progress.stage("rendering pages", len(todo))
        return run_jobs(jobs(todo), progress)

    rendered = cache.values("pages", keys or range(len(pages)), render_pages)
    comparisons = _comparisons(corpus, fingerprints, cache)
    return {"corpus.json": records, **files.result(), **comparisons, **dict(zip(pages, rendered, strict=True))}


def _lists(corpus: Corpus, shown: dict[str, str], every_article: bytes, cache: BuildCache) -> dict[str, str]:
    """The lists of every article by outlet and by date, made from the articles alone; the timeline,
    from the articles' dates and the notes'; the glossary, from its terms and their uses
    (`every_article`: `Corpus.articles_digest`): an edited note rarely changes them."""
    dates = cache.value("article dates", every_article, partial(article_dates, corpus.annotated, shown))
    events = timeline_events(corpus.annotated, shown)
    uses = [(i.article.id, [(u.slug, u.place.paragraph) for u in i.terms]) for i in corpus.annotated if i.terms]
    keys = [every_article, pickle.dumps(events, protocol=5), pickle.dumps((corpus.glossary, uses), protocol=5)]
    return {
        **cache.value(
            "lists",
            every_article,
            lambda: {**render_outlets(corpus.articles, shown), **render_dates(corpus.articles, shown)},
        ),
        **cache.value("timeline", digest(*keys[:2]), partial(render_timeline, events, dates)),
        **cache.value("glossary", digest(keys[0], keys[2]), partial(render_glossary, corpus, shown)),
    }


def _other_files(
    corpus: Corpus, shown: dict[str, str], topics: Paginated, options: SiteOptions, lists: dict[str, str]
) -> dict[str, str | bytes]:
    """The home and browse pages (with the `lists`), the rules, the raw seeds and annotation files."""
    files: dict[str, str | bytes] = {
        "index.md": render_home(corpus),
        "rules.md": render_rules(corpus.skipped, corpus.archives),
        "download.md": render_download(),
        **lists,
        **topics.files,
        "annotations.jsonld": web_annotations(corpus.annotated, options.site_url, options.directory_urls),
    }
    for seed in corpus.seeds:
        files[raw_path(seed.name)] = raw_text(seed).encode("utf-8")
    for item in corpus.annotated:
        if item.source:
            files[annotation_path(item.article.id)] = item.source.encode("utf-8")
    return files


def _comparisons(corpus: Corpus, fingerprints: dict[str, bytes], cache: BuildCache) -> dict[str, str]:
    """Each reprint group's comparison page; under `mkdocs serve`, one whose articles (and so their
    alignment and notes) have not changed is not rendered again."""
    by_id = {a.id: a for a in corpus.articles}
    groups = corpus.reprints
    corrections = {item.article.id: item.corrections for item in corpus.annotated}

    def render(todo: list[int]) -> list[str]:
        pages = []
        for group in (groups[i] for i in todo):
            aligned = [al for al in corpus.alignments if al.left in group.articles]
            stranded = [n for n in corpus.stranded if n.origin in group.articles]
            pages.append(render_comparison(group, aligned, by_id, stranded, corrections))
        return pages

    keys = [digest(*(fingerprints[a] for a in g.articles)) for g in groups] if fingerprints else range(len(groups))
    return {compare_path(g): page for g, page in zip(groups, cache.values("compare", keys, render), strict=True)}


def _article_pages(
    corpus: Corpus,
    shown: dict[str, str],
    topic_pages: dict[str, str],
    options: SiteOptions,
    fingerprints: dict[str, bytes],
    keyed: bool,
) -> tuple[list[str], Callable[[list[int]], list[partial[str]]], list[bytes]]:
    """Each article page's path, a function making the calls that render the pages at the given
    indices, and (when `keyed`) the digest of each page's inputs: the page's context (its copies'
    marks, its banner, its Suggest a note data) is made only for the pages the cache does not hold."""
    by_id = {a.id: a for a in corpus.articles}
    group_of = {a: g for g in corpus.reprints for a in g.articles}
    items = corpus.annotated

    def topics_of(item: AnnotatedArticle) -> dict[str, str]:
        return {t: topic_pages[topic_slug(t)] for t in item.about.topics} if item.about else {}

    def jobs(todo: list[int]) -> list[partial[str]]:
        groups = {
            group_of[items[i].article.id].id: group_of[items[i].article.id]
            for i in todo
            if items[i].article.id in group_of
        }
        aligned = tuple(al for al in corpus.alignments if al.left in group_of and group_of[al.left].id in groups)
        links = counterparts(aligned, by_id, list(groups.values()))
        made = []
        for item in (items[i] for i in todo):
            article = item.article
            ctx = PageContext(
                titles=shown,
                raw_link=_link(link(ARTICLE_PAGE, raw_path(article.seed))),
                edit_link=edit_link(item, options),
                suggest=suggest_data(item, options),
                banner=article_banner(article.id, group_of[article.id], by_id) if article.id in group_of else "",
                counterparts=links.get(article.id, {}),
                topic_pages=topics_of(item),
            )
            made.append(partial(render_article, item, shown[article.id], ctx))
        return made

    keys = []
    if keyed:
        # The digest of every input: the article and its annotations, the titles pages link to (digested
        # once for every page: pickling them per page is quadratic), the settings, and its copies (their
        # marks and banner come from the group and its articles) and topics.
        shared = digest(pickle.dumps(shown, protocol=5), pickle.dumps(options, protocol=5))
        for item in items:
            group = group_of.get(item.article.id)
            copies = [fingerprints[a] for a in group.articles] if group else []
            inputs = (shown[item.article.id], group, copies, topics_of(item))
            keys.append(digest(fingerprints[item.article.id], shared, pickle.dumps(inputs, protocol=5)))
    return [article_path(item.article.id) for item in items], jobs, keys


def _fingerprint(item: AnnotatedArticle, corpus: Corpus, glossary: bytes) -> bytes:
    """A digest of everything known about an annotated article, every field of it (`fields_digested`).
    Its own file's notes and `about` are made from the file's text (`source`) and the articles the
    notes are placed on, so they count by their places; a note from another copy and a link back count
    whole, a term by its place and the `glossary` (pickled). Pickling every note's model instead was a
    tenth of a preview rebuild at 5,000 articles."""
    notes = [(n.index, n.place, n.target, n.number, n.origin, n.note if n.origin else None) for n in item.notes]
    terms = [(t.slug, t.place) for t in item.terms]
    rest = (item.source, notes, item.backlinks, terms, item.history)
    return digest(corpus.fingerprint(item.article), glossary if terms else b"", pickle.dumps(rest, protocol=5))


# The fields `_fingerprint` knows of (a test holds them to the dataclasses' fields).
fields_digested = {
    AnnotatedArticle: ("article", "about", "notes", "backlinks", "terms", "source", "history"),
    PlacedNote: ("note", "index", "place", "target", "number", "origin"),
    TermUse: ("term", "slug", "place"),
}


def raw_text(seed: Seed) -> str:
    """What the raw view shows: the seed's text; for a page from a web archive, the record's WARC and
    HTTP headers first, so where and when it was captured is one click from the article."""
    if not seed.capture:
        return seed.text
    capture = seed.capture
    return (
        f"Web archive record: {capture.archive}, byte offset {capture.offset}\n"
        "(The record's headers, then the page as decoded; line numbers in the removal record count from the page.)\n\n"
        f"{capture.headers}\n{seed.text}"
    )


def raw_path(seed_name: str) -> str:
    """Where a seed's raw text is published: always as .txt, so no browser runs a scraped page."""
    name = seed_name if seed_name.endswith(".txt") else f"{seed_name}.txt"
    return f"{RAW_DIR}/{name}"


def _link(path: str) -> str:
    return quote(path, safe="/.#-_")


def annotation_path(article_id: str) -> str:
    """Where an article's annotation file is published, as text a browser shows."""
    return f"{ANNOTATIONS_DIR}/{article_id}.yml.txt"


def edit_link(item: AnnotatedArticle, options: SiteOptions) -> Markup:
    """Opens the article's YAML: in GitHub's editor when mkdocs.yml names the repository,
    else the copy published with the site."""
    name = f"annotations/{item.article.id}.yml"
    verb = "Edit the annotations" if item.source else "Annotate this article"
    href = options.edit_base.rstrip("/") + f"/{item.article.id}.yml" if options.edit_base else ""
    published = link(ARTICLE_PAGE, annotation_path(item.article.id)) if item.source else ""
    return macros("article").edit_link(verb, name, href, published)


def suggest_data(item: AnnotatedArticle, options: SiteOptions) -> Markup:
    """What the page's "Suggest a note" control (docs/javascripts/reader.js) needs to know: the
    article's annotation file, whether it has notes of its own yet, where reports go and, when
    mkdocs.yml names a GitHub repository, GitHub's editor for the file (or a new file, prefilled)
    and its new-issue form."""
    article_id = item.article.id
    state = "notes" if any(not n.origin for n in item.notes) else "file" if item.source else "none"
    edit = new = issues = ""
    if options.edit_base:
        edit = options.edit_base.rstrip("/") + f"/{article_id}.yml"
        # GitHub's editor and its new-file form share one address scheme: {repo}/edit|new/{branch}/{path}.
        if "/edit/" in options.edit_base:
            new = options.edit_base.replace("/edit/", "/new/", 1).rstrip("/") + f"/?filename={article_id}.yml"
    if urlsplit(options.report_url).netloc.endswith("github.com") and options.report_url.endswith("/issues/new"):
        issues = options.report_url
    # The title is a paragraph a quote may name too, but the page shows the navigation's title.
    title = next((p.text for p in item.article.paragraphs if p.kind == "title"), "")
    data = {"article": article_id, "file": f"annotations/{article_id}.yml", "state": state, "title": title}
    data |= {"edit": edit, "new": new, "issues": issues, "report": options.report_url}
    data |= {"reportlabel": report_label(options.report_url) if options.report_url else ""}
    return macros("common").data_element("reader-suggest", data)


def nav_title(article: Article, clashing: set[str]) -> str:
    """The title in the navigation; copies of one article are told apart by outlet."""
    title = display_title(article)
    outlet = outlet_name(article)
    return f"{title} ({outlet})" if title in clashing and outlet else title


def render_home(corpus: Corpus) -> str:
    """The home page (`templates/home.md`): the most recent articles as cards, how to read an
    article, the reprint groups."""
    articles = corpus.articles
    notes = {i.article.id: len(i.notes) for i in corpus.annotated}
    group_of = {a: g for g in corpus.reprints for a in g.articles}
    by_id = {a.id: a for a in articles}
    # The most recent first; an article with no date last.
    listed = sorted(articles, key=lambda a: (bool(display_date(a)), display_date(a) or date.min, a.id), reverse=True)
    listed = listed[: settings.HOME_ARTICLES_MAX]
    # Copies of one article share a headline: each card says whose copy it is, as the navigation does.
    seen = Counter(display_title(a) for a in articles)
    clashing = {title for title, n in seen.items() if n > 1}
    groups = [
        {
            "title": display_title(by_id[g.articles[0]]),
            "href": _link(compare_path(g)),
            "outlets": [outlet_label(by_id[a]) or a for a in g.articles],
        }
        for g in corpus.reprints[:LIST_PAGE_MAX]
    ]
    return render(
        "home.md",
        title=PAGE_TITLES["index.md"],  # a list of the articles, each searchable on its own page
        shown=len(listed),
        total=len(articles),
        cards=macros("home").cards([_card(a, nav_title(a, clashing), notes.get(a.id, 0), group_of) for a in listed]),
        groups=groups,
        more=len(corpus.reprints) - LIST_PAGE_MAX,
    )


def _card(article: Article, title: str, notes: int, group_of: dict[str, ReprintGroup]) -> Markup:
    """An article on the home page: its title, then outlet, author, date, length, notes and copies."""
    group = group_of.get(article.id)
    home = macros("home")
    copies = home.copies_link(_link(compare_path(group)), len(group.articles)) if group else ""
    facts = article_facts(article, plural(notes, "note") if notes else "", copies)
    return home.card(_link(article_path(article.id)), title, facts)


def render_rules(skipped: tuple[ReaderError, ...] = (), archives: tuple[ArchiveReport, ...] = ()) -> str:
    """ "How the text is cleaned" (`templates/rules.md`)."""
    rules = sorted(reasons().items())
    return render("rules.md", title=PAGE_TITLES["rules.md"], rules=rules, archives=archives, skipped=skipped)


def render_glossary(corpus: Corpus, shown: dict[str, str]) -> dict[str, str]:
    """The glossary (`templates/glossary.md`), each term with its first uses (under the articles'
    `shown` titles); a term used more often than that has its every use on pages of its own
    (`glossary/<term>.md`), linked from its entry."""
    uses: dict[str, list[tuple[Article, str]]] = {}
    for item in corpus.annotated:
        for use in item.terms:
            uses.setdefault(use.slug, []).append((item.article, use.place.paragraph))
    files: dict[str, str] = {}
    terms = []
    for term in sorted(corpus.glossary, key=lambda t: t.term.lower()):
        slug = term_slug(term)
        used = uses.get(slug, [])
        all_uses = ""
        if len(used) > settings.GLOSSARY_USES_MAX:
            all_uses = f"glossary/{slug}.md"
            entries = [Entry("", _use(a, shown[a.id], paragraph, all_uses)) for a, paragraph in used]
            intro = [macros("lists.md").uses_intro(term.term, f"../glossary.md#{slug}")]
            files.update(paginate(all_uses, f"Uses of {term.term}", intro, entries).files)
        terms.append(
            {
                "name": term.term,
                "slug": slug,
                "definition": safe_html(term.definition),
                "aliases": term.aliases,
                "uses": [
                    _use(a, shown[a.id], paragraph, "glossary.md")
                    for a, paragraph in used[: settings.GLOSSARY_USES_MAX]
                ],
                "count": len(used),
                "all_uses": all_uses,
            }
        )
    files["glossary.md"] = render("glossary.md", title=PAGE_TITLES["glossary.md"], terms=terms)
    return files


def _use(article: Article, title: str, paragraph: str, page: str) -> str:
    """A list item linking one use of a term, from `page`."""
    return macros("lists.md").use(title, link(page, article_path(article.id), paragraph), paragraph[1:])
