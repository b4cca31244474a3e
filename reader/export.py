"""The cleaned corpus as JSON: what `build_site.py export` writes and the site offers."""

from __future__ import annotations

import json
from dataclasses import asdict

from .model import Article


def article_record(article: Article) -> dict:
    return {
        "id": article.id,
        "seed": article.seed,
        "format": article.format,
        **article.metadata.as_dict(),
        "words": article.words,
        "paragraphs": [asdict(p) for p in article.paragraphs],
        "removals": [asdict(r) for r in article.removals],
    }


def corpus_json(articles: tuple[Article, ...] | list[Article]) -> str:
    """A JSON list of articles: id, seed, metadata, paragraphs and removals."""
    return json.dumps([article_record(a) for a in articles], ensure_ascii=False, indent=2) + "\n"
