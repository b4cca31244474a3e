"""The cleaning rules: each names a kind of text that is not the article, and why.

A rule looks at one block in its story (`Context`) and either passes or returns
a `Match`: how many blocks it removes from this one on, and any metadata the
removed text states. The rule's name goes into every `Removal` it makes, and
its docstring is what the site shows as the reason. Rules target patterns of a
site template or of scraped text in general, never one seed.

A rule says where in a story it looks (`Place`: the first blocks, the last, or
anywhere) and, if it looks at the markup only, which kinds of block: a block is
shown only the rules that look there (`Context.rules_for`), in their order, and
the first match wins. `TRAILING_RULE` runs afterwards, on what the others kept.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property

from reader import settings
from reader.dates import DATE, WEEKDAY_DATE, iso_date
from reader.model import Block
from reader.text import (
    BREADCRUMB,
    TEMPERATURE,
    ends_sentence,
    ends_with_ellipsis,
    last_char,
    lowered,
    word_count,
)


@dataclass(frozen=True)
class Context:
    """A story's blocks, as a rule sees them.

    Positions ("near the start", "the first five blocks") count the story's own
    blocks only: an HTML page's furniture and boilerplate, however long, do not
    push the article's byline away from its start.
    """

    blocks: tuple[Block, ...]
    format: str

    @cached_property
    def _positions(self) -> tuple[list[int], int]:
        positions, count = [], 0
        for block in self.blocks:
            positions.append(count)
            count += block.kind not in PAGE_FURNITURE
        return positions, count

    def position(self, i: int) -> int:
        """How many of the story's own blocks come before block `i`."""
        return self._positions[0][i]

    def near_end(self, i: int) -> bool:
        positions, count = self._positions
        return positions[i] >= count - settings.EDGE_BLOCKS

    def within(self, place: Place, i: int) -> bool:
        """Whether block `i` is in `place` (a rule whose check looks at several places asks this)."""
        return place.admits(self.position(i), self.near_end(i))

    def rules_for(self, i: int) -> tuple[Rule, ...]:
        """The rules that look at block `i`, in their order: those of its place and kind."""
        return rules_at(min(self.position(i), _FURTHEST_FIRST), self.near_end(i), self.blocks[i].kind)

    @cached_property
    def _texts(self) -> list[str]:
        return [block.text for block in self.blocks]

    def text(self, i: int) -> str:
        """Block `i`'s text; "" past either end (rules look at their neighbours)."""
        return self._texts[i] if 0 <= i < len(self._texts) else ""


# Block kinds an HTML page's layout gives what is not the story (see `reader.ingest.formats.html`).
PAGE_FURNITURE = ("chrome", "boilerplate", "comment", "repeat")


@dataclass(frozen=True)
class Match:
    span: int = 1
    found: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Place:
    """Where in a story a rule looks: its first `first` blocks, its last `EDGE_BLOCKS` (`last`), or
    both; anywhere when neither is given. Counted in the story's own blocks (`Context.position`)."""

    first: int = 0
    last: bool = False

    def admits(self, position: int, near_end: bool) -> bool:
        if not self.first and not self.last:
            return True
        return position < self.first or (self.last and near_end)


ANYWHERE = Place()
AT_START = Place(first=settings.EDGE_BLOCKS)
AT_END = Place(last=True)
AT_EDGES = Place(first=settings.EDGE_BLOCKS, last=True)


@dataclass(frozen=True)
class Rule:
    """A named rule. Ask it through `match` (or, as the cleaner does, `Context.rules_for`): its `check`
    alone does not look at the block's place or kind, so a rule of the markup's kinds alone claims
    any block it is shown."""

    name: str
    # A match, or True for a one-block match that finds no metadata; anything false passes.
    check: Callable[[Context, int], Match | bool | None]
    place: Place = ANYWHERE
    kinds: frozenset[str] = frozenset()  # the kinds of block it looks at; empty: every kind

    @property
    def why(self) -> str:
        return inspect.getdoc(self.check) or ""

    def looks_at(self, position: int, near_end: bool, kind: str) -> bool:
        return self.place.admits(position, near_end) and (not self.kinds or kind in self.kinds)

    def match(self, ctx: Context, i: int) -> Match | None:
        """The rule's match at block `i`, if the block is in its place and of a kind it looks at."""
        if not self.looks_at(ctx.position(i), ctx.near_end(i), ctx.blocks[i].kind):
            return None
        return as_match(self.check(ctx, i))


RULES: list[Rule] = []


def rule(
    name: str, place: Place = ANYWHERE, kinds: tuple[str, ...] = ()
) -> Callable[[Callable[[Context, int], Match | bool | None]], Rule]:
    def register(check: Callable[[Context, int], Match | bool | None]) -> Rule:
        found = Rule(name, check, place, frozenset(kinds))
        RULES.append(found)
        return found

    return register


@cache
def rules_at(position: int, near_end: bool, kind: str) -> tuple[Rule, ...]:
    """The rules that look at a block of `kind` at this place, in their order. Kept: a story's
    blocks fall in a few dozen such places, and most rules look near its start or end only."""
    return tuple(r for r in RULES if r.looks_at(position, near_end, kind))


def as_match(result: Match | bool | None) -> Match | None:
    """What a rule's check returned, as a `Match` (or None when the block passes)."""
    return Match() if result is True else (result or None)


def _mentions(word: str, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, run only when the text has `word` (lower case), which the pattern cannot
    match without: most blocks lack it, and the pattern is slow to fail on a long paragraph."""
    return pattern.search(text) if word in lowered(text) else None


# --- Page furniture ------------------------------------------------------------
# Patterns are compiled as the rules are defined: `re.match(pattern, ...)` would look each up in
# re's own cache on every call, a third of the time the rules take on a paragraph they pass.


@rule("page-chrome", kinds=("chrome",))
def page_chrome(ctx: Context, i: int) -> bool:
    """Scripts, styles, forms, buttons and embeds of an HTML page: code and controls, never article text."""
    return True  # its kinds say which blocks it removes


@rule("raw-html", kinds=("html",))
def raw_html(ctx: Context, i: int) -> bool:
    """Raw HTML blocks in a Markdown scrape: embeds and widgets, never article prose."""
    return True  # its kinds say which blocks it removes


@rule("image", kinds=("image",))
def image(ctx: Context, i: int) -> bool:
    """A picture with no words around it (a Markdown image alone on its line): its alt text is not prose."""
    return True  # its kinds say which blocks it removes


_TEMPERATURE = re.compile(TEMPERATURE)


@rule("weather-widget", AT_START)
def weather_widget(ctx: Context, i: int) -> bool:
    """A temperature such as "14.1 C" at the top of a page: the site's weather widget."""
    return bool(_TEMPERATURE.fullmatch(ctx.text(i)))


_WEEKDAY_DATE, _BREADCRUMB = re.compile(WEEKDAY_DATE), re.compile(BREADCRUMB)


@rule("date-widget", Place(first=5))
def date_widget(ctx: Context, i: int) -> Match | None:
    """A weekday and date alone at the top of a scraped page, beside its weather widget or
    breadcrumb ("14.1 C", "Saturday, July 13, 2024", "HomeChina...").

    It is the site's clock, so it says when the page was captured, not when the
    article was published; it is kept as the capture date.
    """
    if _WEEKDAY_DATE.fullmatch(ctx.text(i)) and _beside_page_widget(ctx, i):
        return Match(found={"captured": iso_date(ctx.text(i))})
    return None


def _beside_page_widget(ctx: Context, i: int) -> bool:
    return any(_TEMPERATURE.fullmatch(ctx.text(j)) or _BREADCRUMB.match(ctx.text(j)) for j in (i - 1, i + 1))


@rule("breadcrumb", Place(first=5))
def breadcrumb(ctx: Context, i: int) -> bool:
    """The navigation trail above a page's title ("Home > China > ..."), often scraped with
    its separators lost ("HomeChinaChina, Russia ...")."""
    return bool(_BREADCRUMB.match(ctx.text(i)))


_TEASER_HEADINGS = re.compile(
    r"(?:Related|Latest|More|Recommended|Popular|Trending|Top|Recent) (?:stories|articles|news|posts|reads)"
    r"|You (?:may|might) also like|Read (?:also|next)|See also|Most (?:read|popular)|Also read",
    re.IGNORECASE,
)


@rule("teaser-list")
def teaser_list(ctx: Context, i: int) -> Match | None:
    """A "Related stories" or "Latest stories" heading and the teasers under it: links to
    other articles, each a headline and a snippet cut off with "..."."""
    if not _TEASER_HEADINGS.fullmatch(ctx.text(i)):
        return None
    span = 1
    while i + span < len(ctx.blocks) and _is_teaser(ctx.text(i + span)):
        span += 1
    return Match(span=span)


def _is_teaser(text: str) -> bool:
    if ends_with_ellipsis(text):
        return True
    return word_count(text) <= settings.TEASER_MAX_WORDS and last_char(text) not in set(".!?:;,")


# --- Bylines and other metadata lines -------------------------------------------


_BYLINE = re.compile(r"(?:Written )?By:?\s+(?P<author>[^\W\d][\w.'’ -]{1,60})", re.I)


@rule("byline", AT_START)
def byline(ctx: Context, i: int) -> Match | None:
    """The author's byline at the top ("By M. K. Bhadrakumar"); kept as the author."""
    return _author(_BYLINE.fullmatch(ctx.text(i)))


def _author(found: re.Match[str] | None) -> Match | None:
    """The line's `author` group, kept as the author when it is short enough to be a name (six words)."""
    if found and word_count(found.group("author")) <= 6:
        return Match(found={"author": found.group("author").strip()})
    return None


_OUTLET_DATE = re.compile(rf"(?P<outlet>[A-Z][\w.&'’ -]{{1,50}}), (?P<date>{DATE})")


@rule("outlet-date-line", AT_START)
def outlet_date_line(ctx: Context, i: int) -> Match | None:
    """An outlet's name and this copy's date under the byline ("Global Research, April 23, 2023")."""
    found = _OUTLET_DATE.fullmatch(ctx.text(i))
    if found:
        return Match(found={"outlet": found.group("outlet"), "published": iso_date(found.group("date"))})
    return None


_DATE = re.compile(DATE)


@rule("date-line", Place(first=6))
def date_line(ctx: Context, i: int) -> Match | None:
    """A date alone on a line at the top of the article ("March 3, 2024"): when this copy was published."""
    text = ctx.text(i)
    if _DATE.fullmatch(text) or _WEEKDAY_DATE.fullmatch(text):
        return Match(found={"published": iso_date(text)})
    return None


_FIRST_PUBLISHED = re.compile(r"(?:First|Originally) published\b", re.I)


@rule("first-published", AT_EDGES)
def first_published(ctx: Context, i: int) -> Match | None:
    """A note that the text appeared elsewhere first ("First published on April 19, 2023")."""
    text = ctx.text(i)
    if _FIRST_PUBLISHED.match(text) and word_count(text) <= 15:
        return Match(found={"first_published": iso_date(text)})
    return None


_TAXONOMY = re.compile(
    r"(?:Regions?|Themes?|Topics?|Tags?|Categor(?:y|ies)|Filed under|Section|In-depth Report)\s*:", re.I
)


@rule("taxonomy", AT_EDGES)
def taxonomy(ctx: Context, i: int) -> bool:
    """The site's filing labels ("Region: Asia", "Theme: Intelligence", "Tags: ...")."""
    return bool(_TAXONOMY.match(ctx.text(i)))


# Each pattern with a word it cannot match without (lower case; none for a pattern anchored at the
# start, which fails fast anyway): most blocks have none of these words, so the patterns, slow to
# fail on long paragraphs, rarely run.
_PROMOTIONS = tuple(
    (word, re.compile(pattern, re.I))
    for word, pattern in (
        ("languages", r"can be read in \d+ languages"),
        ("translate website", r"\bTranslate Website\b"),
        (
            "newsletter",
            r"\bnewsletter\b.*\b(?:click|sign up|subscribe)\b|\b(?:click|sign up|subscribe)\b.*\bnewsletter\b",
        ),
        ("share button", r"\bclick the share button\b"),
        ("follow us on", r"\bfollow us on\b"),
        ("note to readers", r"^Note to readers\b"),
        ("become a", r"^Become a (?:member|subscriber|patron|supporter)\b"),
        ("comment on", r"^Comment on .* on our (?:Facebook|Twitter|X)\b"),
        ("", r"^(?:Please )?(?:support|donate to) (?:us|our|independent)\b"),
    )
)


@rule("site-promotion", AT_EDGES)
def site_promotion(ctx: Context, i: int) -> bool:
    """The site asking for something: newsletter sign-ups, share and follow buttons,
    memberships, translation widgets. Only near the start or end, where templates put them."""
    text = ctx.text(i)
    low = lowered(text)  # `_mentions` for each, the text lowered once: this runs on most blocks at a page's edges
    return any(word in low and pattern.search(text) for word, pattern in _PROMOTIONS)


_READ_ALSO = re.compile(
    r"(?:Also read|Read also|Read more|Must read|See also|Related|Recommended)\s*[:|»–-]\s*\S", re.I
)


@rule("read-also")
def read_also(ctx: Context, i: int) -> bool:
    """A one-line link to another story inside the article ("Also Read: ...", "READ MORE | ...")."""
    text = ctx.text(i)
    return word_count(text) <= 25 and bool(_READ_ALSO.match(text))


_SHARE_BUTTONS = re.compile(
    r"(?:Share this:?|Like this:?|Click to (?:share|print|email)\b|Like Loading|Share on (?:Facebook|Twitter|X|WhatsApp|LinkedIn)\b)",
    re.I,
)
_NEW_WINDOW = re.compile(r"\(Opens in new window\)$", re.I)


@rule("share-buttons", AT_END)
def share_buttons(ctx: Context, i: int) -> bool:
    """Share and like buttons as WordPress and similar templates print them at the end of a post
    ("Share this:", "Click to share on Twitter (Opens in new window)", "Like Loading...")."""
    text = ctx.text(i)
    return bool(_SHARE_BUTTONS.match(text) or _mentions("opens in new window", _NEW_WINDOW, text))


_APPEARED_FIRST = re.compile(r"The post .+ appeared first on (?P<site>.+?)\.?")


@rule("appeared-first", AT_END)
def appeared_first(ctx: Context, i: int) -> Match | None:
    """WordPress's feed footer naming the post's home ("The post X appeared first on Site.")."""
    found = _APPEARED_FIRST.fullmatch(ctx.text(i))
    if found:
        return Match(found={"outlet": found.group("site")})
    return None


_ADVERTISEMENT = re.compile(
    r"(?:advertisement|sponsored|story continues below(?: this)? advertisement|scroll to continue with content)", re.I
)


@rule("advertisement")
def advertisement(ctx: Context, i: int) -> bool:
    """An advertisement's label left in the text ("Advertisement", "Story continues below advertisement")."""
    return bool(_ADVERTISEMENT.fullmatch(ctx.text(i)))


_SEPARATOR = re.compile(r"[*\-_=~•·#◆◊…\[\]. ]+")


@rule("separator")
def separator(ctx: Context, i: int) -> bool:
    """A line of only asterisks, dashes or bullets ("***", "---"): layout, not text."""
    return ctx.blocks[i].kind == "separator" or bool(_SEPARATOR.fullmatch(ctx.text(i)))


@rule("link-only", AT_EDGES)
def link_only(ctx: Context, i: int) -> bool:
    """A line that is nothing but a link, at the top or bottom of a Markdown scrape: a site's
    name, "Become a Member", "Comment on Facebook". Navigation, not prose."""
    return ctx.blocks[i].link_only and word_count(ctx.text(i)) <= 12


_ORIGINAL_SOURCE = re.compile(
    r"(?:The original source of this article is|Source\s*:|Originally (?:appeared|published) (?:on|in|at)|"
    r"This article (?:was )?(?:originally|first) (?:appeared|published) (?:on|in|at|by))\s*(?P<outlet>.+?)\.?",
    re.I,
)


@rule("original-source", AT_EDGES)
def original_source(ctx: Context, i: int) -> Match | None:
    """The line naming where this copy was taken from ("Source : Asia Times",
    "The original source of this article is Indian Punchline"); kept as the original outlet."""
    found = _ORIGINAL_SOURCE.fullmatch(ctx.text(i))
    if found and word_count(found.group("outlet")) <= 8:
        return Match(found={"original_outlet": found.group("outlet").strip()})
    return None


_CREDIT_OPENING = re.compile(r"\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled) by\b", re.I)
_CONTRIBUTED = re.compile(r"\bcontributed(?: reporting)? to this (?:report|story|article)\.?\)?$", re.I)


@rule("credit-line", AT_END)
def credit_line(ctx: Context, i: int) -> bool:
    """A wire service's or newspaper's credit at the end of a report ("(Reporting by Jane Doe;
    Editing by John Smith)", "Pei Lin Wu in Taipei contributed to this report.")."""
    return _short_notice(ctx.text(i), _CREDIT_OPENING, ("contributed", _CONTRIBUTED))


_COPYRIGHT_OPENING = re.compile(r"(?:Copyright\b|©|\(c\) \d{4})", re.I)
_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.I)


@rule("copyright", AT_EDGES)
def copyright_line(ctx: Context, i: int) -> bool:
    """A copyright notice ("Copyright © M. K. Bhadrakumar, Indian Punchline, 2023")."""
    return _short_notice(ctx.text(i), _COPYRIGHT_OPENING, ("all rights reserved", _RIGHTS_RESERVED))


def _short_notice(text: str, opening: re.Pattern[str], mention: tuple[str, re.Pattern[str]]) -> bool:
    """A line of at most 40 words that opens as a notice does, or mentions (word, pattern) one."""
    return word_count(text) <= 40 and bool(opening.match(text) or _mentions(*mention, text))


_DISCLAIMER = re.compile(r"\**Disclaimer\b|For media inquiries\b", re.I)
_FAIR_USE, _COPYRIGHTED = re.compile(r"\bfair use\b", re.I), re.compile(r"\bcopyrighted material\b", re.I)


@rule("disclaimer", AT_END)
def disclaimer(ctx: Context, i: int) -> bool:
    """The publisher's legal small print at the end: disclaimers, "fair use" notices,
    reposting permissions, press contacts."""
    text = ctx.text(i)
    return bool(_DISCLAIMER.match(text) or (_mentions("fair use", _FAIR_USE, text) and _COPYRIGHTED.search(text)))


_AUTHOR_ARCHIVE = re.compile(r"(?:Articles|Posts|Stories|More) by:?\s*(?P<author>.+)", re.I)


@rule("author-archive", AT_END)
def author_archive(ctx: Context, i: int) -> Match | None:
    """A link to the author's other articles ("Articles by: M. K. Bhadrakumar")."""
    return _author(_AUTHOR_ARCHIVE.fullmatch(ctx.text(i)))


_CAPTION_LABEL = re.compile(
    r"(?:Featured image|Image|Photo(?:graph)?|Picture|Illustration|Image credit|Photo credit|Top image)"
    r"(?:\s*:|\s+(?:is\s+)?(?:from|by|via|courtesy of|credit)\b)",
    re.I,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:Representational|Representative|File|File photo|Photo|Reuters|AFP|AP|Getty Images|Twitter)(?: (?:image|photo|pic))?\)\s*$",
    re.I,
)


@rule("image-caption")
def image_caption(ctx: Context, i: int) -> bool:
    """The caption of a picture the scrape dropped: labelled ("Featured image: ..."), ending
    in a credit ("... (Representational)"), or the line above a story's dateline."""
    text = ctx.text(i)
    if ctx.blocks[i].kind == "caption" or _CAPTION_LABEL.match(text):
        return True
    if ctx.within(AT_EDGES, i) and text.rstrip().endswith(")") and _CAPTION_CREDIT.search(text):
        return True
    return (
        ctx.position(i) <= 2
        and ctx.blocks[i].kind == "paragraph"
        and _is_dateline(ctx.text(i + 1))
        and not _is_dateline(text)
        and i + 2 < len(ctx.blocks)
        and is_body_paragraph(ctx.blocks[i + 2])
    )


_DATELINE = re.compile(r"[A-Z][\w.'’ -]{1,40}:")


def _is_dateline(text: str) -> bool:
    return bool(_DATELINE.fullmatch(text)) and word_count(text) <= 4


@rule("dateline", Place(first=4))
def dateline(ctx: Context, i: int) -> Match | None:
    """The place a story was filed from, alone on a line at its start ("Moscow:"); kept as the dateline."""
    if _is_dateline(ctx.text(i)):
        return Match(found={"dateline": ctx.text(i).rstrip(":").strip()})
    return None


_SYNDICATED = re.compile(r"\bsyndicated\b.*\bfeed\b|\bsyndication\b", re.I)


@rule("syndication-note", AT_END)
def syndication_note(ctx: Context, i: int) -> Match | None:
    """A republisher's note that the story came from a syndicated feed
    ("(Except for the headline, this story has not been edited by NDTV staff ...)"); kept as metadata."""
    text = ctx.text(i)
    if word_count(text) <= 40 and _mentions("syndicat", _SYNDICATED, text):
        return Match(found={"syndication": text.strip("()")})
    return None


_LOADING = re.compile(r"(?:Waiting for response to load|Loading|Please wait)\s*(?:…|\.\.\.)?", re.I)


@rule("loading-placeholder")
def loading_placeholder(ctx: Context, i: int) -> bool:
    """Text a page shows while a widget loads ("Waiting for response to load…")."""
    return bool(_LOADING.fullmatch(ctx.text(i)))


@rule("boilerplate", kinds=("boilerplate",))
def boilerplate(ctx: Context, i: int) -> bool:
    """Text of an HTML page that trafilatura, the main-text extractor, judged not part of the
    article: navigation, headers, footers, sidebars, link lists, comments. Tried after the
    rules that name what they remove more precisely (a byline, a date, a copyright line)."""
    return True  # its kinds say which blocks it removes


@rule("reader-comments", kinds=("comment",))
def reader_comments(ctx: Context, i: int) -> bool:
    """Readers' comments under an HTML page's article, as trafilatura finds them: not the article's text."""
    return True  # its kinds say which blocks it removes


@rule("repeated-passage", kinds=("repeat",))
def repeated_passage(ctx: Context, i: int) -> bool:
    """A second copy of an HTML page's article in one element: at least three of the paragraphs kept
    above, word for word, making up most of it (a copy for print or for another screen, or one left
    in the page's data). The first copy is kept; a single paragraph the page shows twice, such as a
    pull quote, is not a copy and stays."""
    return True  # its kinds say which blocks it removes


# Beyond the furthest place a rule names at a story's start, every position is shown the same rules.
_FURTHEST_FIRST = max(r.place.first for r in RULES)


@dataclass(frozen=True)
class TrailingRule:
    name: str
    why: str


TRAILING_RULE = TrailingRule(
    "trailing-chrome",
    'Short lines after the last paragraph of the story ("Leave a Comment", "Share it...", '
    '"Source link", "Live Updates COVID-19 CASES"): buttons and widgets of the page around it.',
)


def is_body_paragraph(block: Block) -> bool:
    return word_count(block.text) >= settings.BODY_MIN_WORDS and ends_sentence(block.text)


def is_trailing_chrome(block: Block) -> bool:
    text = block.text
    return word_count(text) <= settings.TRAILING_CHROME_MAX_WORDS and (
        not ends_sentence(text) or ends_with_ellipsis(text)
    )


# What the split stage sets aside before any rule runs (see `reader.ingest.formats.feed`).
SPLIT_REASONS = {
    "feed-channel-header": "The feed's own header (its title, link, description, build date, "
    "language, generator and image), which the dump runs into the first item's header.",
    "feed-item-header": 'A feed item\'s header line: its title, link, date, id and "Read More" '
    "teaser, which the dump runs together; kept as the article's title, URL and item date.",
    "feed-cdata-marker": 'A "]]>" left where the feed\'s CDATA sections ended: XML, not text.',
}


# The rule name a contributor's removal is recorded under (see `reader.annotations.decisions`).
EDITORIAL_RULE = "editorial"
EDITORIAL_REASON = (
    "A paragraph a contributor removed in the article's annotation file (`cleaning: remove:`); "
    'the article\'s page shows the reason under "Editorial decisions".'
)


def reasons() -> dict[str, str]:
    """Every rule's name and why it removes what it does, for the site and the docs."""
    found = {**SPLIT_REASONS, EDITORIAL_RULE: EDITORIAL_REASON}
    found.update({r.name: r.why for r in RULES})
    found[TRAILING_RULE.name] = TRAILING_RULE.why
    return found
