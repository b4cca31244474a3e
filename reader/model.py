"""The reader's domain objects: plain, frozen data passed from one stage to the next.

ingest: load -> `Seed`; split -> `Story` (a run of `Block`s); clean -> `Article`
(kept `Paragraph`s, recorded `Removal`s and the `Metadata` the text states).
annotations: `AnnotatedArticle` (each `PlacedNote` at its `Place`, `Backlink`s, `TermUse`s).
reprints: `ReprintGroup`s, an `Alignment` of each pair of copies, `StrandedNote`s.
`Corpus` holds all of it; the site and the export read nothing else.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal, get_args

from reader.annotations.schema import About, CorrectionNote, LinkNote, Note, Term
from reader.cache import digest
from reader.dates import DATE_FIELDS, OWN_DATE_FIELDS, day

if TYPE_CHECKING:
    from reader.errors import ReaderError
    from reader.ingest.archive import ArchiveReport

# Formats a seed can be recognised as, from its content (see `load.detect_format`).
Format = Literal["html", "feed", "markdown", "webpage", "plain"]
FORMATS: tuple[Format, ...] = get_args(Format)


@dataclass(frozen=True)
class Capture:
    """Where a page in a web archive came from: the record's archive and byte offset, the address
    captured (`WARC-Target-URI`), when (`WARC-Date`), the payload's digest, the record's id, and its
    WARC and HTTP headers as the archive has them (the raw view shows them above the page)."""

    archive: str
    offset: int
    uri: str
    date: str
    payload_digest: str = ""
    record_id: str = ""
    headers: str = ""


@dataclass(frozen=True)
class Seed:
    """One raw text from `seeds/`, decoded, with its line endings normalised to `\\n`.

    `encoding` is the one it was read in; `detected` says that no byte-order
    mark, UTF-8 or declared charset settled it, so it is charset-normalizer's guess.
    """

    name: str
    text: str
    format: Format
    encoding: str = "utf-8"
    detected: bool = False
    capture: Capture | None = None  # a page from a web archive

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


# What the markup says a block is; the HTML reader adds what trafilatura left out of the article.
BlockKind = Literal[
    "paragraph", "heading", "quote", "list-item", "separator", "html", "image", "caption",
    "chrome", "boilerplate", "comment", "repeat",
]  # fmt: skip
# What a kept block of article text is.
ParagraphKind = Literal["title", "heading", "paragraph", "quote", "list-item"]


@dataclass(frozen=True)
class Block:
    """A unit of text as the seed lays it out: a paragraph, heading, quote or widget.

    `first_line`/`last_line` are 1-based, inclusive line numbers in the seed, so
    every kept or removed piece of text can be traced back to where it came from.
    `kind` is what the markup says it is ("paragraph", "heading", "quote",
    "list-item", "separator", "html", "chrome"); `tag` names the HTML element or
    Markdown construct it came from, for rules that look at markup.
    """

    text: str
    first_line: int
    last_line: int
    kind: BlockKind = "paragraph"
    tag: str = ""
    level: int = 0
    link_only: bool = False


@dataclass(frozen=True)
class Metadata:
    """What the text itself says about the article. Empty where the text is silent."""

    title: str = ""
    author: str = ""
    outlet: str = ""
    original_outlet: str = ""
    published: str = ""
    first_published: str = ""
    captured: str = ""
    url: str = ""
    item_date: str = ""
    dateline: str = ""
    syndication: str = ""
    feed: str = ""

    def merged(self, **found: str) -> Metadata:
        """Fill empty fields from `found`; what was found first wins."""
        updates = {k: v for k, v in found.items() if v and not getattr(self, k)}
        return replace(self, **updates) if updates else self

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Removal:
    """A piece of the seed that is not article text, and the rule that said so."""

    rule: str
    first_line: int
    last_line: int
    text: str


# What a contributor's change to the cleaner's work does (see `EditorialDecision`).
Decision = Literal["keep", "remove", "set"]
DECISIONS: tuple[Decision, ...] = get_args(Decision)


@dataclass(frozen=True)
class EditorialDecision:
    """A contributor's change to what the cleaner decided, made in the article's annotation file.

    `keep` puts back a block a rule removed (`rule` names that rule), `remove`
    takes out a kept paragraph, `set` gives a metadata `field` the quoted words
    (`previous` is what the cleaner had found). `text` is the block, or the
    field's new value; `first_line`/`last_line` are where it lies in the seed.
    """

    action: Decision
    text: str
    reason: str
    source: str
    first_line: int
    last_line: int
    rule: str = ""
    field: str = ""
    previous: str = ""


@dataclass(frozen=True)
class Story:
    """One article's share of a seed: all of it, or one item of a feed.

    `removals` are the pieces the split stage already set aside (feed headers,
    CDATA markers); `metadata` is what the split stage read (a feed item's title,
    URL and date). `main_text_decided` says that a main-text extractor already
    told the article from the page around it (trafilatura, on an HTML page), so
    the cleaner's guesses about unmarked page chrome after the text do not apply.
    """

    seed: str
    format: Format
    index: int
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    main_text_decided: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A kept block of article text, exactly as cleaned."""

    id: str
    kind: ParagraphKind
    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Article:
    """A clean article: its text, what the text says about it, and what was removed."""

    id: str
    seed: str
    format: Format
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...]
    removals: tuple[Removal, ...]
    decisions: tuple[EditorialDecision, ...] = ()
    capture: Capture | None = None  # a page from a web archive

    @property
    def title(self) -> str:
        return self.metadata.title

    @cached_property  # counted once: pages, tables and exports all ask
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs if p.kind != "title")


def paragraph_ids(kinds: Sequence[ParagraphKind]) -> list[str]:
    """Each paragraph's id: body paragraphs numbered from 1 (`p1`, `p2`, ...), so that ¶3 is the third
    paragraph of text in every article, whether or not it has a title; the title is `title`."""
    ids, number = [], 0
    for kind in kinds:
        if kind == "title":
            ids.append("title")
        else:
            number += 1
            ids.append(f"p{number}")
    return ids


# How every page, list and navigation shows an article: one function each, used everywhere.

OUTLET_NOT_STATED = "Outlet not stated"


def display_title(article: Article) -> str:
    return article.title or f"Untitled ({article.seed})"


def own_date(article: Article) -> tuple[date | None, str]:
    """A copy's own date, and what it is: "published", "feed" (its feed item's) or "captured"
    (the day its page was saved); (None, "") for none. Copies of one text are ordered by it."""
    for name, kind in OWN_DATE_FIELDS.items():
        if when := day(getattr(article.metadata, name)):
            return when, kind
    return None, ""


def listed_date(article: Article) -> tuple[date | None, str]:
    """The date an article is listed and shown under, and the field it comes from: its own
    publication date, else its feed item's, else the date it says the original appeared, else the
    day the page was captured (`dates.DATE_FIELDS`); (None, "") for none."""
    for name in DATE_FIELDS:
        if when := day(getattr(article.metadata, name)):
            return when, name
    return None, ""


def display_date(article: Article) -> date | None:
    """The date an article is listed and shown under (`listed_date`), or None."""
    return listed_date(article)[0]


def outlet_label(article: Article) -> str:
    """The outlet as shown: the copy's own, else "via" the source it names, else ""."""
    meta = article.metadata
    return meta.outlet or (f"via {meta.original_outlet}" if meta.original_outlet else "")


def copy_name(article: Article) -> str:
    """A copy as a sentence names it: its outlet ("Global Research"), or, where it names only its
    source, "the Asia Times copy", never "via Asia Times" mid-sentence."""
    if article.metadata.outlet:
        return article.metadata.outlet
    source = article.metadata.original_outlet
    return f"the {source} copy" if source else article.id


def outlet_name(article: Article) -> str:
    """The bare name of the outlet the text gives (its own, else its source's): tells copies apart."""
    return article.metadata.outlet or article.metadata.original_outlet


@dataclass(frozen=True)
class Place:
    """A span of one paragraph's text: where a note is anchored."""

    paragraph: str
    start: int
    end: int


@dataclass(frozen=True)
class PlacedNote:
    """A note where it belongs. `number` counts notes in reading order; `index` is its place in the file."""

    note: Note
    index: int
    place: Place
    target: Place | None = None
    number: int = 0
    origin: str = ""
    """For a note shown on another copy of its text: the id of the article it was written for."""

    @property
    def link_target(self) -> Place:
        """Where a link note points: every link note placed has its target placed too."""
        if self.target is None:
            raise ValueError(f"the note {self.note.id!r} is not a placed link")
        return self.target


@dataclass(frozen=True)
class Backlink:
    """A link note in another article that points here."""

    source: str
    note: LinkNote
    source_place: Place
    place: Place


@dataclass(frozen=True)
class TermUse:
    term: Term
    slug: str
    place: Place


@dataclass(frozen=True)
class Revision:
    """A change to an article's annotation file: the commit's date (YYYY-MM-DD) and its summary."""

    date: str
    summary: str


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    about: About | None = None
    notes: tuple[PlacedNote, ...] = ()
    backlinks: tuple[Backlink, ...] = ()
    terms: tuple[TermUse, ...] = ()
    source: str = ""
    """The annotation file's YAML as written, or "" when the article has none."""
    history: tuple[Revision, ...] = ()
    """The annotation file's changes, newest first, from git (none outside a repository)."""

    @property
    def corrections(self) -> tuple[PlacedNote, ...]:
        return tuple(n for n in self.notes if isinstance(n.note, CorrectionNote))


@dataclass(frozen=True)
class ReprintGroup:
    """Copies of one text, oldest first as far as the metadata tells.

    `original` is the id of the copy the texts say is the original, or "" when
    they do not say; `order_basis` says how the order was decided.
    """

    id: str
    articles: tuple[str, ...]
    original: str
    order_basis: str


# How a pair of aligned passages differs, from none to all.
PairStatus = Literal["identical", "typography", "spelling", "edited", "only-left", "only-right"]
CLASSES: tuple[PairStatus, ...] = get_args(PairStatus)


@dataclass(frozen=True)
class Segment:
    """A run of a word diff: "equal", "delete" (left only), "insert" (right only)."""

    op: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class AlignedPair:
    left: tuple[str, ...]
    right: tuple[str, ...]
    status: PairStatus
    similarity: float
    diff: tuple[Segment, ...] = ()


@dataclass(frozen=True)
class Alignment:
    left: str
    right: str
    pairs: tuple[AlignedPair, ...]

    def counts(self) -> dict[PairStatus, int]:
        found = {c: 0 for c in CLASSES}
        for pair in self.pairs:
            found[pair.status] += 1
        return found


ChangeKind = Literal["date", "name", "number", "wording"]


@dataclass(frozen=True)
class Change:
    """One edit between two copies of a passage, as a reader names it: what one copy says, what the
    other says instead, and what kind of edit it is: a `date`, a `name`, a `number`, or other `wording`."""

    before: str
    after: str
    kind: ChangeKind


@dataclass(frozen=True)
class StrandedNote:
    """A note whose quote is not in the aligned passage of another copy."""

    note: PlacedNote
    origin: str
    copy: str


@dataclass(frozen=True)
class Corpus:
    seeds: tuple[Seed, ...]
    articles: tuple[Article, ...]
    annotated: tuple[AnnotatedArticle, ...] = ()
    glossary: tuple[Term, ...] = ()
    reprints: tuple[ReprintGroup, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    suggestions: tuple[str, ...] = ()
    stranded: tuple[StrandedNote, ...] = ()
    # Seeds that could not be read or cleaned, each with why: left out, listed on the rules page.
    skipped: tuple[ReaderError, ...] = ()
    # What a strict build refuses: the skipped seeds, encodings guessed, annotation files left out.
    warnings: tuple[ReaderError, ...] = ()
    # Each article's content digest (its seed's bytes and its place in the seed, with what its annotation
    # file changes of it: decisions, an original's date): cheap cache keys.
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    # What each web archive in seeds/ held: its pages, and every other record counted by why it is not one.
    archives: tuple[ArchiveReport, ...] = ()

    def articles_digest(self) -> bytes:
        """A digest of every article, their ids and their order: the key of what is made from the
        articles alone (the navigation, the lists by outlet and date)."""
        return digest(*(f"{a.id}\0".encode() + self.fingerprint(a) for a in self.articles))

    def fingerprint(self, article: Article) -> bytes:
        """The article's fingerprint; for a corpus made without them, the article pickled."""
        known = self.fingerprints
        return known[article.id] if article.id in known else pickle.dumps(article, protocol=5)
