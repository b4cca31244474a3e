"""Run the stages over every seed and name the articles: the pipeline in one call.

`read_corpus` is what both the command line and the MkDocs hook call.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from slugify import slugify

from . import settings
from .align import Alignment, align
from .annotate import AnnotatedArticle, annotate, reprint_declarations
from .annotations import Annotations, read_annotations
from .clean import clean
from .errors import InternalError, Problems, ReaderError
from .load import load_seeds
from .model import Article, Seed
from .progress import QUIET, Progress
from .reprints import ReprintGroup, detect_reprints
from .schema import Term
from .split import split
from .travel import StrandedNote, travel

# Words left out of ids, so they stay short and readable.
ID_STOPWORDS = ("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "by", "with", "is", "are", "as")


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


def read_corpus(seeds_dir: Path, annotations_dir: Path | None = None, progress: Progress = QUIET) -> Corpus:
    """Load, split, clean and annotate; raise `Problems` listing every bad seed or annotation."""
    corpus = read_articles(seeds_dir, progress)
    annotations = read_annotations(annotations_dir) if annotations_dir else Annotations({})
    try:
        annotated = annotate(corpus.articles, annotations)
    except Problems:
        raise
    except Exception as error:  # a bug: name the stage and the folder it was reading
        raise Problems([InternalError(
            f"internal error while placing annotations ({type(error).__name__}: {error})",
            str(annotations_dir), fix="reporting it as a bug, with the annotation files attached.",
        )]) from error  # fmt: skip
    glossary = tuple(annotations.glossary[1].terms) if annotations.glossary else ()
    declared = reprint_declarations(corpus.articles, annotations)
    groups, unconfirmed = detect_reprints(corpus.articles, declared.confirmed, declared.denied)
    suggestions = tuple(
        f"{a} and {b} look like copies of one text; confirm it with `reprints: {{confirm: [{b}]}}` in "
        f"annotations/{a}.yml (or deny it with `deny:`)."
        for a, b in unconfirmed
    )
    by_id = {a.id: a for a in corpus.articles}
    pairs = [(left, right) for g in groups for i, left in enumerate(g.articles) for right in g.articles[i + 1 :]]
    progress.stage("aligning reprints", len(pairs))
    alignments = []
    for left, right in pairs:
        alignments.append(align(by_id[left], by_id[right]))
        progress.advance()
    alignments = tuple(alignments)
    progress.finish()
    annotated, stranded = travel(annotated, alignments)
    return replace(
        corpus,
        annotated=annotated,
        glossary=glossary,
        reprints=groups,
        alignments=alignments,
        suggestions=suggestions,
        stranded=stranded,
    )


def read_articles(seeds_dir: Path, progress: Progress = QUIET) -> Corpus:
    """Load, split and clean every seed; raise `Problems` listing every bad seed."""
    seeds = load_seeds(seeds_dir)
    progress.stage("cleaning seeds", len(seeds))
    if len(seeds) >= settings.PARALLEL_MIN_SEEDS and (os.cpu_count() or 1) > 1:
        # Seeds are independent: clean them on every core, results in seed order.
        with ProcessPoolExecutor() as pool:
            results = []
            for result in pool.map(clean_seed, seeds, chunksize=16):
                results.append(result)
                progress.advance()
    else:
        results = []
        for seed in seeds:
            results.append(clean_seed(seed))
            progress.advance()
    articles: list[Article] = []
    errors: list[ReaderError] = []
    for seed, (found, error) in zip(seeds, results, strict=True):
        if error is not None:
            errors.append(replace(error, file=str(seeds_dir / seed.name)))
        articles.extend(found)
    if errors:
        raise Problems(errors)
    return Corpus(tuple(seeds), tuple(assign_ids(articles)))


def clean_seed(seed: Seed) -> tuple[list[Article], ReaderError | None]:
    """The articles of one seed, or the error that stopped it (a bug is an internal error)."""
    try:
        return [clean(story) for story in split(seed)], None
    except ReaderError as error:
        return [], error
    except Exception as error:  # a bug: say which file triggered it
        return [], InternalError(
            f"internal error ({type(error).__name__}: {error})", seed.name, fix="reporting it as a bug, with this seed attached."
        )


def assign_ids(articles: list[Article]) -> list[Article]:
    """Readable, stable ids: the title's words and the outlet, numbered only on a clash.

    Two copies of one article differ by outlet ("...-asia-times", "...-global-research").
    """
    named, taken = [], set()
    for article in articles:
        base = article_slug(article)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        named.append(replace(article, id=candidate))
    return named


def article_slug(article: Article) -> str:
    meta = article.metadata
    title = _shorten(slugify(meta.title, stopwords=ID_STOPWORDS), settings.ID_MAX_CHARS)
    title = title or _shorten(slugify(Path(article.seed).stem), settings.ID_MAX_CHARS) or "article"
    outlet = _shorten(slugify(meta.outlet or meta.original_outlet), 30)
    return f"{title}-{outlet}" if outlet else title


def _shorten(slug: str, limit: int) -> str:
    """The slug's leading words, as many as fit in `limit` characters (at least one)."""
    words, kept = slug.split("-"), []
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    return "-".join(kept)
