"""The cleaned corpus as JSON: what `build_site.py export` writes and the site offers.

Paragraph text is exactly as cleaned; corrections are listed beside it, never applied.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from reader.annotations.schema import CorrectionNote
from reader.model import Alignment, AnnotatedArticle, Capture, PlacedNote, ReprintGroup

# A JSON object of the export.
Record = dict[str, Any]


def article_record(item: AnnotatedArticle, reprints: dict[str, Record] | None = None) -> Record:
    article = item.article
    notes = [n for n in item.notes if not isinstance(n.note, CorrectionNote)]
    return {
        "id": article.id,
        "seed": article.seed,
        "format": article.format,
        **article.metadata.as_dict(),
        "words": article.words,
        # A page from a web archive: the archive, the record's offset, URI, date, payload digest and id.
        "capture": _capture_record(article.capture),
        # Flat records: their fields as they are (`asdict` would deep-copy each value, at ten times the cost).
        "paragraphs": [dict(vars(p)) for p in article.paragraphs],
        "removals": [dict(vars(r)) for r in article.removals],
        "decisions": [dict(vars(d)) for d in article.decisions],
        "about": item.about.model_dump(mode="json", exclude_none=True) if item.about else None,
        "notes": [note_record(n) for n in notes],
        "corrections": [note_record(n) for n in item.corrections],
        "reprints": (reprints or {}).get(article.id),
    }


def _capture_record(capture: Capture | None) -> Record | None:
    if capture is None:
        return None
    return {k: v for k, v in vars(capture).items() if k != "headers"}


def note_record(placed: PlacedNote) -> Record:
    record = placed.note.model_dump(mode="json", exclude_none=True)
    record["anchor"] = asdict(placed.place)
    if placed.origin:
        record["written_for"] = placed.origin
    if placed.target:
        record["target"]["anchor"] = asdict(placed.target)
    return record


def reprint_records(groups: tuple[ReprintGroup, ...], alignments: tuple[Alignment, ...]) -> dict[str, Record]:
    """Each article's reprint group, and its alignment with every other copy, by article id."""
    records: dict[str, Record] = {}
    involving: dict[str, list[Alignment]] = {}  # each article's alignments, in their order
    for alignment in alignments:
        for article_id in dict.fromkeys((alignment.left, alignment.right)):
            involving.setdefault(article_id, []).append(alignment)
    for group in groups:
        for article_id in group.articles:
            aligned = []
            for alignment in involving.get(article_id, []):
                mine = "left" if alignment.left == article_id else "right"
                other = alignment.right if mine == "left" else alignment.left
                aligned.append(
                    {
                        "other": other,
                        "counts": alignment.counts(),
                        "pairs": [
                            {
                                "this": list(getattr(p, mine)),
                                "other": list(getattr(p, "right" if mine == "left" else "left")),
                                "status": _status_for(p.status, mine),
                                "similarity": round(p.similarity, 3),
                            }
                            for p in alignment.pairs
                        ],
                    }
                )
            records[article_id] = {
                "group": group.id,
                "copies": list(group.articles),
                "original": group.original or None,
                "order_basis": group.order_basis,
                "alignments": aligned,
            }
    return records


def _status_for(status: str, side: str) -> str:
    """ "only-left"/"only-right" seen from one copy: only in this copy, or only in the other."""
    if status.startswith("only-"):
        return "only-this" if status == f"only-{side}" else "only-other"
    return status


def corpus_json(
    annotated: tuple[AnnotatedArticle, ...] | list[AnnotatedArticle],
    groups: tuple[ReprintGroup, ...] = (),
    alignments: tuple[Alignment, ...] = (),
) -> bytes:
    """A JSON list of articles (UTF-8): id, seed, metadata, paragraphs, removals, notes, corrections, reprints."""
    reprints = reprint_records(groups, alignments)
    return joined_records([encoded_record(item, reprints) for item in annotated])


def encoded_record(item: AnnotatedArticle, reprints: dict[str, Record]) -> bytes:
    """One article's record as JSON in UTF-8, with no indentation: json's fast C encoder only runs
    without it, and the file is for programs."""
    return json.dumps(article_record(item, reprints), ensure_ascii=False).encode("utf-8")


def joined_records(records: list[bytes]) -> bytes:
    """What json.dumps gives for the whole list, in UTF-8, from its records encoded one at a time.
    Joined as bytes: as one string, a single emoji in one record would make the whole corpus four
    bytes a character, and three times slower to join and write."""
    return b"[" + b", ".join(records) + b"]\n"
