"""Stage 6, render: the site's pages as Markdown, from the cleaned corpus.

`render_site` returns every generated file as a path (relative to `docs/`) and
its content; `reader.site` writes them. Text from seeds is escaped on the way
out: paragraphs are written as escaped HTML, headings and table cells as
escaped Markdown, so nothing in a scrape can become markup or script.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import quote

import yaml

from .corpus import Corpus
from .export import corpus_json
from .model import Article, Paragraph
from .rules import reasons

ARTICLES_DIR = "articles"
RAW_DIR = "raw"
# What the generator owns inside docs/: these are rewritten on every build.
GENERATED = ("index.md", "rules.md", "corpus.json", ARTICLES_DIR, RAW_DIR)

METADATA_LABELS = {
    "author": "Author",
    "outlet": "Outlet",
    "original_outlet": "Original source",
    "published": "Published",
    "first_published": "First published",
    "captured": "Page captured",
    "item_date": "Feed item date",
    "url": "URL",
    "dateline": "Dateline",
    "syndication": "Syndication",
    "feed": "Feed",
}

def md_escape(text: str) -> str:
    """Text that Markdown shows as it is: HTML escaped, Markdown punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~^=])", r"\\\1", html.escape(text, quote=True))


def render_site(corpus: Corpus) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "index.md": render_home(corpus.articles),
        "rules.md": render_rules(),
        "corpus.json": corpus_json(corpus.articles),
    }
    for seed in corpus.seeds:
        files[raw_path(seed.name)] = seed.text.encode("utf-8")
    titles = Counter(display_title(a) for a in corpus.articles)
    clashing = {title for title, count in titles.items() if count > 1}
    for article in corpus.articles:
        files[f"{ARTICLES_DIR}/{article.id}.md"] = render_article(article, nav_title(article, clashing))
    return files


def raw_path(seed_name: str) -> str:
    """Where a seed's raw text is published: always as .txt, so no browser runs a scraped page."""
    name = seed_name if seed_name.endswith(".txt") else f"{seed_name}.txt"
    return f"{RAW_DIR}/{name}"


def _link(path: str) -> str:
    return quote(path, safe="/.#-_")


def display_date(article: Article) -> str:
    meta = article.metadata
    return meta.published or meta.first_published or meta.item_date[:10]


def display_title(article: Article) -> str:
    return article.title or f"Untitled ({article.seed})"


def nav_title(article: Article, clashing: set[str]) -> str:
    """The title in the navigation; copies of one article are told apart by outlet."""
    title = display_title(article)
    outlet = article.metadata.outlet or article.metadata.original_outlet
    return f"{title} ({outlet})" if title in clashing and outlet else title


def outlet_label(article: Article) -> str:
    meta = article.metadata
    return meta.outlet or (f"via {meta.original_outlet}" if meta.original_outlet else "")


def render_home(articles: tuple[Article, ...]) -> str:
    rows = [
        f"| [{md_escape(display_title(a))}]({_link(f'{ARTICLES_DIR}/{a.id}.md')}) "
        f"| {md_escape(outlet_label(a))} "
        f"| {md_escape(a.metadata.author)} | {display_date(a)} | {a.words:,} |"
        for a in articles
    ]
    return "\n".join(
        [
            "---",
            "title: Home",
            "---",
            "",
            "# Reprint Reader",
            "",
            "News articles as they were scraped from the web, cleaned of the page around them. "
            "Every article shows where its text came from: the raw seed is one click away, and every "
            "block the cleaner removed is listed with the rule that removed it.",
            "",
            f"The corpus holds **{len(articles)} articles**. "
            "Download it as [JSON](corpus.json), or read [how the text is cleaned](rules.md).",
            "",
            "## Articles",
            "",
            "| Title | Outlet | Author | Date | Words |",
            "| --- | --- | --- | --- | ---: |",
            *rows,
            "",
        ]
    )


def render_rules() -> str:
    sections = [f"## {name}\n\n{md_escape(why)}\n" for name, why in sorted(reasons().items())]
    return "\n".join(
        [
            "---",
            "title: How the text is cleaned",
            "---",
            "",
            "# How the text is cleaned",
            "",
            "Each article page lists what was removed from its seed and the rule that removed it. "
            "These are the rules. Nothing else is changed: whitespace and no-break spaces are "
            "normalised, dead links become their text, Markdown escapes are undone, and paragraphs "
            "the scrape broke mid-sentence are rejoined.",
            "",
            *sections,
        ]
    )


def render_article(article: Article, title_in_nav: str = "") -> str:
    # Theme templates print page titles unescaped (in the navigation), so escape them here.
    nav = html.escape(title_in_nav or display_title(article))
    front = yaml.safe_dump({"title": nav}, allow_unicode=True, width=1000)
    parts = ["---", front.strip(), "---", ""]
    title = next((p for p in article.paragraphs if p.kind == "title"), None)
    anchor = f" {{#{title.id}}}" if title else ""
    parts += [f"# {md_escape(display_title(article))}{anchor}", "", _metadata_table(article), ""]
    parts += [_paragraph(p) for p in article.paragraphs if p.kind != "title"]
    parts += [_removals(article), ""]
    return "\n".join(parts)


def _metadata_table(article: Article) -> str:
    meta = article.metadata.as_dict()
    rows = [
        f"| {label} | {md_escape(meta[field])} |" for field, label in METADATA_LABELS.items() if meta[field]
    ]
    rows.append(f"| Seed | [{md_escape(article.seed)}](../{_link(raw_path(article.seed))}) ({article.format}) |")
    rows.append(f"| Length | {article.words:,} words |")
    return "\n".join(['<div class="reader-meta" markdown>', "", "| | |", "| --- | --- |", *rows, "", "</div>"])


def _paragraph(p: Paragraph) -> str:
    if p.kind == "heading":
        return f"## {md_escape(p.text)} {{#{p.id}}}\n"
    text = html.escape(p.text, quote=False)
    link = f'<a class="reader-permalink" href="#{p.id}" title="Link to this paragraph">¶</a>'
    if p.kind == "quote":
        return f'<blockquote id="{p.id}" class="reader-paragraph"><p>{text} {link}</p></blockquote>\n'
    return f'<p id="{p.id}" class="reader-paragraph reader-{p.kind}">{text} {link}</p>\n'


def _removals(article: Article) -> str:
    count = len(article.removals)
    if not count:
        return '!!! success "Nothing was removed from the source"'
    rows = [
        f"    | [{r.rule}](../rules.md#{r.rule}) | {r.first_line}"
        f"{'' if r.first_line == r.last_line else '–' + str(r.last_line)} | {md_escape(r.text)} |"
        for r in article.removals
    ]
    header = f'??? note "Removed from the source: {count} block{"s" if count != 1 else ""}"'
    return "\n".join([header, "", "    | Rule | Seed lines | Text |", "    | --- | --- | --- |", *rows])

