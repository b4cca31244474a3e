"""The annotation files' format, as pydantic models: what a contributor may write.

`annotations/<article-id>.yml` is an `AnnotationFile`; `annotations/glossary.yml`
is a `GlossaryFile`. Unknown keys are refused (a typo is an error, not a
silently ignored note). The JSON Schemas in `schema/` are generated from these
models (`python build_site.py schema`), so editors can check files as you type.
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# Topics become tags in the site's navigation: plain words only.
Topic = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=r"^[\w][\w\s\-–'’,.&()]*$")
]
# No escape before the quote marks: JSON Schema tools read patterns as ECMA-262 regexes in unicode
# mode, where an escape that is not needed is an error (check-jsonschema refused `\"`).
Url = Annotated[str, StringConstraints(pattern=r"""^https?://[^\s<>"']+$""", max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a note's claim can be checked."""

    title: Text = Field(description="The source's title, as it gives it.")
    outlet: Text | None = Field(None, description="Who published it.")
    date: datetime.date | None = Field(None, description="When it was published (YYYY-MM-DD).")
    url: Url | None = Field(None, description="An http(s) address.")


# How a copy relates to the text it comes from.
Relation = Literal["translation", "wire", "reprint"]


class Original(Strict):
    """Where the text first appeared, when the article itself does not say: verified, never guessed."""

    outlet: Text | None = None
    author: Text | None = None
    title: Text | None = Field(None, description="The original's headline.")
    published: datetime.date | None = Field(None, description="YYYY-MM-DD")
    url: Url | None = Field(None, description="Only an address seen to hold the original.")
    relation: Relation | None = Field(
        None,
        description="translation (this copy translates it), wire (a news agency's story, carried by this outlet) "
        "or reprint (republished from it)",
    )


class Reprints(Strict):
    """Overrule or confirm the reprint detector for this article."""

    confirm: list[Id] = Field(default_factory=list, description="Ids of articles that are copies of this text.")
    deny: list[Id] = Field(default_factory=list, description="Ids of articles the detector wrongly takes for copies.")


class About(Strict):
    """Article-level annotations: metadata the text lacks, and a reader's introduction."""

    note: Text = Field(
        description="A reader's introduction (Markdown): what it is, where it comes from, what to watch for."
    )
    original: Original | None = None
    topics: list[Topic] = Field(default_factory=list, description="Topics for browsing (words, no markup).")
    sources: list[Source] = Field(default_factory=list)
    reprints: Reprints | None = None


class Anchor(Strict):
    quote: Text = Field(description="The exact words of the article the note is about.")
    prefix: Text | None = Field(None, description="Words just before the quote, when the quote alone is not unique.")
    suffix: Text | None = Field(None, description="Words just after the quote, when the quote alone is not unique.")


class BaseNote(Anchor):
    id: Id = Field(description="Unique across all annotation files: lower-case words joined by hyphens.")
    text: Text = Field(description="The note (Markdown).")
    sources: list[Source] = Field(default_factory=list)
    date: datetime.date | None = Field(None, description="The date of the event the note is about, for the timeline.")


class ContextNote(BaseNote):
    """Background a reader needs: later events, who someone is, what a claim refers to."""

    kind: Literal["context"]


class CorrectionNote(BaseNote):
    """An error in the text. The original stays in the text, marked, with the reading beside it (or,
    in the corrected view, the reading in its place: never a `likely` one)."""

    kind: Literal["correction"]
    reading: Text = Field(description="What the text should say.")
    category: Literal["translation", "fact", "date", "name", "scrape"]
    likely: bool = Field(
        False,
        description="true when the reading is an inference (a probable date, a likely word), not a "
        "certainty: it is then shown beside the original, never in its place, and called probable.",
    )


class Target(Anchor):
    article: Id = Field(description="The id of the article linked to.")


class LinkNote(BaseNote):
    """A cross-link from this passage to a passage of another article."""

    kind: Literal["link"]
    target: Target
    relation: Literal["same-passage", "related", "contradicts", "follows-up"]
    text: Text | None = Field(None, description="Optional: what the link shows (Markdown).")  # type: ignore[assignment]


Note = Annotated[ContextNote | CorrectionNote | LinkNote, Field(discriminator="kind")]


class CleaningChange(Anchor):
    """A block of the seed, pointed at by a quote of its words, whose cleaning a contributor reverses."""

    reason: Text = Field(description="Why: shown on the article's page and kept in the export.")


# The metadata fields a contributor may set to words of the seed.
MetadataField = Literal[
    "title", "author", "outlet", "original_outlet", "published", "first_published", "url", "dateline"
]


class MetadataChange(Anchor):
    """A metadata field set to the quoted words of the seed (kept or removed text); a date is read as YYYY-MM-DD."""

    field: MetadataField
    reason: Text = Field(description="Why: shown on the article's page and kept in the export.")


class Cleaning(Strict):
    """Fixes to the cleaner's decisions for one article, each with its reason: no Python needed."""

    keep: list[CleaningChange] = Field(default_factory=list, description="Removed blocks to keep as article text.")
    remove: list[CleaningChange] = Field(default_factory=list, description="Kept paragraphs to remove.")
    metadata: list[MetadataChange] = Field(
        default_factory=list, description="Metadata fields to set from the seed's words."
    )


class AnnotationFile(Strict):
    """annotations/<article-id>.yml"""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Annotations of one article")

    article: Id = Field(description="The id of the article; the file is named after it.")
    about: About | None = None
    cleaning: Cleaning | None = None
    notes: list[Note] = Field(default_factory=list)


class Term(Strict):
    term: Text = Field(description="The term as it is written in the articles.")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings marked as the same term.")
    definition: Text = Field(description="What it is (Markdown).")
    sources: list[Source] = Field(default_factory=list)


class GlossaryFile(Strict):
    """annotations/glossary.yml"""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Glossary")

    terms: list[Term]


def schemas() -> dict[str, str]:
    """The JSON Schema of each file kind, as committed under `schema/`."""
    return {
        "annotations.schema.json": json.dumps(AnnotationFile.model_json_schema(), indent=2, sort_keys=True) + "\n",
        "glossary.schema.json": json.dumps(GlossaryFile.model_json_schema(), indent=2, sort_keys=True) + "\n",
    }
