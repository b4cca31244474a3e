"""Editorial decisions: contributors fix the cleaner's work from an article's annotation file.

A `cleaning:` block can keep a block a rule removed, remove a kept paragraph,
or set a metadata field to words of the seed, each pointed at by a quote (with
a prefix or suffix where the quote alone is not unique) and given a reason.
Applied after cleaning and before notes are anchored, so notes may quote a
kept block. Every change is recorded on the article as an `EditorialDecision`:
nothing the contributor changes is silent, and the seed is never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.annotations.anchor import Ambiguous, Orphan, anchor
from reader.annotations.read import Annotations, Loc, YamlFile, dotted
from reader.annotations.schema import Cleaning, CleaningChange, MetadataChange
from reader.dates import DATE_FIELDS, iso_date
from reader.errors import AnnotationError
from reader.ingest.rules import EDITORIAL_RULE
from reader.model import Article, Decision, EditorialDecision, Paragraph, Removal, paragraph_ids


class CleaningQuoteError(AnnotationError):
    """A `cleaning:` entry whose quote names no block, or more than one, of the right kind."""


def apply_decisions(
    articles: tuple[Article, ...], annotations: Annotations
) -> tuple[tuple[Article, ...], list[AnnotationError]]:
    """Each article with its annotation file's `cleaning:` changes made, and every problem found."""
    errors: list[AnnotationError] = []
    changed = []
    for article in articles:
        entry = annotations.files.get(article.id)
        cleaning = entry.model.cleaning if entry else None
        changed.append(_decided(article, entry.parsed, cleaning, errors) if entry and cleaning else article)
    return tuple(changed), errors


def _decided(article: Article, parsed: YamlFile, cleaning: Cleaning, errors: list[AnnotationError]) -> Article:
    paragraphs, removals = list(article.paragraphs), list(article.removals)
    decisions: list[EditorialDecision] = []
    metadata = article.metadata
    for index, change in enumerate(cleaning.keep):
        found = _one(parsed, ("cleaning", "keep", index), change, removals, "removed block", article, errors)
        if found is not None:
            removal = removals.pop(found)
            paragraphs.append(Paragraph("", "paragraph", removal.text, removal.first_line, removal.last_line))
            decisions.append(_decision("keep", removal, change, parsed, rule=removal.rule))
    for index, change in enumerate(cleaning.remove):
        found = _one(parsed, ("cleaning", "remove", index), change, paragraphs, "kept paragraph", article, errors)
        if found is not None:
            paragraph = paragraphs.pop(found)
            removals.append(Removal(EDITORIAL_RULE, paragraph.first_line, paragraph.last_line, paragraph.text))
            decisions.append(_decision("remove", paragraph, change, parsed))
    for index, setting in enumerate(cleaning.metadata):
        loc: Loc = ("cleaning", "metadata", index)
        blocks: list[Paragraph | Removal] = [*paragraphs, *removals]
        found = _one(parsed, loc, setting, blocks, "block", article, errors)
        if found is None:
            continue
        block = blocks[found]
        value = iso_date(setting.quote) if setting.field in DATE_FIELDS else setting.quote
        if not value:
            errors.append(
                parsed.error(
                    loc + ("quote",),
                    f"“{setting.quote}” is not a date",
                    'quoting a date as the text writes it ("April 19, 2023").',
                )
            )
            continue
        decisions.append(
            _decision(
                "set",
                block,
                setting,
                parsed,
                field=setting.field,
                previous=getattr(metadata, setting.field),
                text=value,
            )
        )
        metadata = replace(metadata, **{setting.field: value})
    if not decisions:
        return article
    in_order = sorted(paragraphs, key=lambda p: (p.first_line, p.last_line))
    ids = paragraph_ids([p.kind for p in in_order])
    numbered = tuple(replace(p, id=pid) for pid, p in zip(ids, in_order, strict=True))
    return replace(
        article,
        metadata=metadata,
        paragraphs=numbered,
        removals=tuple(sorted(removals, key=lambda r: (r.first_line, r.last_line))),
        decisions=tuple(decisions),
    )


def _one(
    parsed: YamlFile,
    loc: Loc,
    change: CleaningChange | MetadataChange,
    blocks: Sequence[Paragraph | Removal],
    what: str,
    article: Article,
    errors: list[AnnotationError],
) -> int | None:
    """The index of the one block among `blocks` the change's quote names, or None with the error recorded."""
    view = replace(
        article,
        paragraphs=tuple(
            Paragraph(str(i), "paragraph", b.text, b.first_line, b.last_line) for i, b in enumerate(blocks)
        ),
    )
    found = anchor(view, change.quote, change.prefix, change.suffix)
    if isinstance(found, Ambiguous):
        lines = ", ".join(f"line {blocks[int(p.paragraph)].first_line}" for p in found.places)
        message = (
            f"the quote “{change.quote}” occurs {len(found.places)} times in the {what}s of {article.id} ({lines})"
        )
        fix = "adding a prefix: (the words just before the quote) or a suffix: (the words just after) to say which one you mean."
    elif isinstance(found, Orphan):
        hint = f" The closest {what} reads “{found.closest}” ({found.score:.0f}% alike)." if found.paragraph else ""
        message = f"the quote “{change.quote}” is not in any {what} of {article.id}.{hint}"
        fix = f"copying the quote exactly from a {what} as the article's page lists it{' under “Removed from the source”' if what == 'removed block' else ''}."
    else:
        return int(found.paragraph)
    line, column = parsed.position(loc + ("quote",))
    errors.append(CleaningQuoteError(message, parsed.path, line, fix, column, dotted(loc + ("quote",))))
    return None


def _decision(
    action: Decision,
    block: Paragraph | Removal,
    change: CleaningChange | MetadataChange,
    parsed: YamlFile,
    **details: str,
) -> EditorialDecision:
    return EditorialDecision(
        action=action,
        text=details.pop("text", block.text),
        reason=change.reason,
        source=parsed.path,
        first_line=block.first_line,
        last_line=block.last_line,
        **details,
    )
