"""A note written for one copy of a text is shown on the others.

A context note or correction anchored in one copy is placed on the aligned
passage of every other copy in its group, marked with the copy it was written
for, when its quote (with its prefix and suffix) occurs there exactly once.
Where it does not, the note is "stranded": listed on the group's comparison
page, never silently dropped and never moved to a merely similar passage.
"""

from __future__ import annotations

from dataclasses import replace

from reader.annotations.anchor import find
from reader.annotations.annotate import crosses, in_reading_order
from reader.annotations.schema import LinkNote
from reader.model import Alignment, AnnotatedArticle, Article, Place, PlacedNote, StrandedNote


def travel(
    annotated: tuple[AnnotatedArticle, ...], alignments: tuple[Alignment, ...]
) -> tuple[tuple[AnnotatedArticle, ...], tuple[StrandedNote, ...]]:
    by_id = {item.article.id: item for item in annotated}
    arrived: dict[str, list[PlacedNote]] = {item.article.id: [] for item in annotated}
    stranded: list[StrandedNote] = []
    for alignment in alignments:
        for source, target, forward in (
            (alignment.left, alignment.right, True),
            (alignment.right, alignment.left, False),
        ):
            counterpart = _counterparts(alignment, forward)
            for placed in by_id[source].notes:
                if isinstance(placed.note, LinkNote) or placed.origin:
                    continue
                copy = by_id[target]
                place = _place_in(copy, placed, counterpart.get(placed.place.paragraph, ()), arrived[target])
                if place is None:
                    stranded.append(StrandedNote(placed, source, target))
                elif not _already_there(copy, arrived[target], placed, place):
                    arrived[target].append(replace(placed, place=place, target=None, origin=source))
    result = tuple(
        replace(item, notes=tuple(in_reading_order(item.article, [*item.notes, *arrived[item.article.id]])))
        if arrived[item.article.id]
        else item
        for item in annotated
    )
    return result, tuple(stranded)


def _counterparts(alignment: Alignment, forward: bool) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for pair in alignment.pairs:
        mine, theirs = (pair.left, pair.right) if forward else (pair.right, pair.left)
        for paragraph in mine:
            found[paragraph] = theirs
    return found


def _place_in(
    item: AnnotatedArticle, placed: PlacedNote, paragraphs: tuple[str, ...], arrived: list[PlacedNote]
) -> Place | None:
    """Where the note's quote is in the copy's aligned passage, or None (it is stranded) when it is not
    there exactly once or would cut across a note already there. A note already there is its place."""
    note = placed.note
    passage = _only(item.article, paragraphs)
    places = find(passage, note.quote, note.prefix, note.suffix) if paragraphs else []
    if len(places) != 1:
        return None
    place = places[0]
    if _already_there(item, arrived, placed, place):
        return place
    taken = [n for n in [*item.notes, *arrived] if n.place.paragraph == place.paragraph]
    if any(crosses(n.place, place) for n in taken) or any(
        b.place.paragraph == place.paragraph and crosses(b.place, place) for b in item.backlinks
    ):
        return None
    return place


def _already_there(item: AnnotatedArticle, arrived: list[PlacedNote], placed: PlacedNote, place: Place) -> bool:
    """The same note at the same place: written for this copy too, or arrived from a third copy."""
    return any(n.place == place and n.note.text == placed.note.text for n in [*item.notes, *arrived])


def _only(article: Article, paragraphs: tuple[str, ...]) -> Article:
    return replace(article, paragraphs=tuple(p for p in article.paragraphs if p.id in paragraphs))
