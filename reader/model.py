"""The reader's domain objects: plain, frozen data passed from one stage to the next.

load -> `Seed`; split -> `Story` (a run of `Block`s); clean -> `Article`
(kept `Paragraph`s, recorded `Removal`s and the `Metadata` the text states).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cached_property

# Formats a seed can be recognised as, from its content (see `load.detect_format`).
FORMATS = ("html", "feed", "markdown", "webpage", "plain")


@dataclass(frozen=True)
class Seed:
    """One raw text from `seeds/`, decoded, with its line endings normalised to `\\n`.

    `encoding` is the one it was read in; `detected` says that no byte-order
    mark, UTF-8 or declared charset settled it, so it is charset-normalizer's guess.
    """

    name: str
    text: str
    format: str
    encoding: str = "utf-8"
    detected: bool = False

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


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
    kind: str = "paragraph"
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
DECISIONS = ("keep", "remove", "set")


@dataclass(frozen=True)
class EditorialDecision:
    """A contributor's change to what the cleaner decided, made in the article's annotation file.

    `keep` puts back a block a rule removed (`rule` names that rule), `remove`
    takes out a kept paragraph, `set` gives a metadata `field` the quoted words
    (`previous` is what the cleaner had found). `text` is the block, or the
    field's new value; `first_line`/`last_line` are where it lies in the seed.
    """

    action: str
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
    format: str
    index: int
    blocks: tuple[Block, ...]
    removals: tuple[Removal, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    main_text_decided: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A kept block of article text, exactly as cleaned."""

    id: str
    kind: str
    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Article:
    """A clean article: its text, what the text says about it, and what was removed."""

    id: str
    seed: str
    format: str
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...]
    removals: tuple[Removal, ...]
    decisions: tuple[EditorialDecision, ...] = ()

    @property
    def title(self) -> str:
        return self.metadata.title

    @cached_property  # counted once: pages, tables and exports all ask
    def words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs if p.kind != "title")
