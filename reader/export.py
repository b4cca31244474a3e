"""The cleaned corpus as JSON: what `build_site.py export` writes and the site offers.

Paragraph text is exactly as cleaned; corrections are listed beside it, never applied.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from .annotate import AnnotatedArticle, PlacedNote
from .schema import CorrectionNote


def article_record(item: AnnotatedArticle) -> dict:
    article = item.article
    notes = [n for n in item.notes if not isinstance(n.note, CorrectionNote)]
    return {
        "id": article.id,
        "seed": article.seed,
        "format": article.format,
        **article.metadata.as_dict(),
        "words": article.words,
        "paragraphs": [asdict(p) for p in article.paragraphs],
        "removals": [asdict(r) for r in article.removals],
        "about": item.about.model_dump(mode="json", exclude_none=True) if item.about else None,
        "notes": [note_record(n) for n in notes],
        "corrections": [note_record(n) for n in item.corrections],
    }


def note_record(placed: PlacedNote) -> dict:
    record = placed.note.model_dump(mode="json", exclude_none=True)
    record["anchor"] = asdict(placed.place)
    if placed.target:
        record["target"]["anchor"] = asdict(placed.target)
    return record


def corpus_json(annotated: tuple[AnnotatedArticle, ...] | list[AnnotatedArticle]) -> str:
    """A JSON list of articles: id, seed, metadata, paragraphs, removals, notes and corrections."""
    return json.dumps([article_record(a) for a in annotated], ensure_ascii=False, indent=2) + "\n"
