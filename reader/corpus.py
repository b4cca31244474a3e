"""Run the stages over every seed and name the articles: the pipeline in one call.

`read_corpus` is what both the command line and the MkDocs plugin call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple, cast

from reader import settings
from reader.annotations.annotate import (
    FilePlacement,
    glossary_terms,
    linked_articles,
    place_notes,
    placed_in,
    reprint_declarations,
    term_uses,
)
from reader.annotations.decisions import apply_decisions
from reader.annotations.history import annotation_history
from reader.annotations.read import Annotations, AnnotationSource, FileRead, annotation_paths, collect, read_file
from reader.annotations.sourcing import unsourced_in, unsourced_notes
from reader.cache import MISSING, BuildCache, digest, file_state
from reader.dates import iso_day
from reader.errors import AnnotationError, InternalError, Problems, ReaderError, SeedWarning
from reader.ingest.clean import clean
from reader.ingest.load import SeedInput, read_seed, seed_files, seed_paths, undecodable_line
from reader.ingest.split import split
from reader.model import Alignment, AnnotatedArticle, Article, Corpus, ReprintGroup, Seed, outlet_name
from reader.parallel import Deferred, run_jobs
from reader.progress import QUIET, Progress
from reader.reprints.align import align
from reader.reprints.copies import article_sample
from reader.reprints.detect import CopyPair, copy_pairs, detect_reprints
from reader.reprints.travel import travel
from reader.text import slug

# Words left out of ids, so they stay short and readable.
ID_STOPWORDS = ("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "by", "with", "is", "are", "as")


def read_corpus(
    seeds_dir: Path,
    annotations_dir: Path | None = None,
    progress: Progress = QUIET,
    cache: BuildCache | None = None,
    strict: bool = False,
) -> Corpus:
    """Load, split, clean and annotate; raise `Problems` listing every bad seed and annotation.

    The stages in a line, each from plain data to plain data. A seed that cannot be read is left
    out and becomes a warning (`Corpus.warnings`), as MkDocs treats a page it cannot build; a
    `strict` run refuses the corpus at the end if it has any. With a `cache` from an earlier
    build, only what changed since is computed again.
    """
    cache = cache or BuildCache()
    corpus, annotations = _read_inputs(seeds_dir, annotations_dir, progress, cache, strict)
    corpus, annotations = _without_missing_articles(corpus, annotations)
    corpus = _with_decisions(corpus, annotations)
    corpus = _with_original_dates(corpus, annotations)
    corpus = _with_sourcing(corpus, annotations, cache)
    corpus = _with_notes_and_reprints(corpus, annotations, annotations_dir, progress, cache)
    if strict and corpus.warnings:  # a strict run refuses what a lenient one publishes with a warning
        raise Problems(list(corpus.warnings))
    return corpus


def _read_inputs(
    seeds_dir: Path, annotations_dir: Path | None, progress: Progress, cache: BuildCache, strict: bool
) -> tuple[Corpus, Annotations]:
    """The seeds cleaned into articles and the annotation files read (while the workers clean);
    every bad seed and every bad annotation file in one report (with the seeds' warnings, which a
    strict run counts as errors too)."""
    notes = Deferred(partial(_read_notes, annotations_dir, cache))
    try:
        if cache.file_states and seeds_dir.is_dir():  # a preview: its seeds, unchanged, are not read again
            corpus = cache.value(
                "seeds stage",
                tuple(file_state(path) for path in seed_paths(seeds_dir)),
                lambda: read_articles(seeds_dir, progress, cache, alongside=notes.run),
            )
        else:
            corpus = read_articles(seeds_dir, progress, cache, alongside=notes.run)
    except Problems as problems:
        raise Problems([*problems.errors, *notes.result()[1]]) from None
    annotations, annotation_problems = notes.result()
    if annotation_problems:
        raise Problems([*(corpus.warnings if strict else ()), *annotation_problems])
    return corpus, annotations


def _with_sourcing(corpus: Corpus, annotations: Annotations, cache: BuildCache) -> Corpus:
    """A warning for each note stating what its article does not say without citing a source, as
    for a guessed encoding (an article's words: its text and metadata, which decisions and an
    original's dates may have changed)."""
    unsourced = unsourced_notes(
        corpus.articles,
        annotations,
        lambda entry, article: cache.value(
            "sourcing",
            (entry.parsed.path, entry.parsed.text, corpus.fingerprints[article.id]),
            partial(unsourced_in, entry, article),
        ),
    )
    return replace(corpus, warnings=(*corpus.warnings, *unsourced)) if unsourced else corpus


def _with_notes_and_reprints(
    corpus: Corpus, annotations: Annotations, annotations_dir: Path | None, progress: Progress, cache: BuildCache
) -> Corpus:
    """The notes placed (while the workers sample the articles), the copies found and aligned, the
    notes that travel between copies, and each file's history."""
    declared = reprint_declarations(corpus.articles, annotations)
    placed = Deferred(partial(_placed_notes, corpus, annotations, cache, annotations_dir))
    progress.stage("finding reprints, placing notes")
    groups, unconfirmed = cache.value(
        "reprints",
        (tuple(corpus.fingerprints.items()), declared.confirmed, declared.denied),
        lambda: detect_reprints(
            corpus.articles,
            declared.confirmed,
            declared.denied,
            _copy_pairs(corpus.articles, corpus.fingerprints, cache, alongside=placed.run),
        ),
    )
    annotated = placed.result()
    suggestions = tuple(
        f"{a} and {b} look like copies of one text; confirm it with `reprints: {{confirm: [{b}]}}` in "
        f"annotations/{a}.yml (or deny it with `deny:`)."
        for a, b in unconfirmed
    )
    alignments = _alignments(corpus, groups, progress, cache)
    annotated, stranded = travel(annotated, alignments)
    history = annotation_history(annotations_dir) if annotations_dir else {}
    return replace(
        corpus,
        annotated=tuple(replace(item, history=history.get(item.article.id, ())) for item in annotated),
        glossary=tuple(annotations.glossary[1].terms) if annotations.glossary else (),
        reprints=groups,
        alignments=alignments,
        suggestions=suggestions,
        stranded=stranded,
    )


def _alignments(
    corpus: Corpus, groups: tuple[ReprintGroup, ...], progress: Progress, cache: BuildCache
) -> tuple[Alignment, ...]:
    """Every two copies of each group aligned, on every core; a pair seen before, from the cache."""
    by_id = {a.id: a for a in corpus.articles}
    pairs = [(left, right) for g in groups for i, left in enumerate(g.articles) for right in g.articles[i + 1 :]]

    def align_pairs(todo: list[int]) -> list[Alignment]:
        progress.stage("aligning reprints", len(todo))
        return run_jobs([partial(align, by_id[pairs[i][0]], by_id[pairs[i][1]]) for i in todo], progress)

    keys = [(left, corpus.fingerprints[left], right, corpus.fingerprints[right]) for left, right in pairs]
    return tuple(cache.values("alignments", keys, align_pairs))


def _copy_pairs(
    articles: tuple[Article, ...], fingerprints: dict[str, bytes], cache: BuildCache, alongside: Callable[[], None]
) -> list[CopyPair]:
    """The pairs of articles one of which holds a copy of the other; each article's sampled 5-grams
    come from the cache by its fingerprint, or are computed on every core while this process does
    the work `alongside`."""
    keys = [fingerprints.get(a.id) or a.paragraphs for a in articles]
    samples = cache.values(
        "samples",
        keys,
        lambda todo: run_jobs([partial(article_sample, articles[i]) for i in todo], alongside=alongside),
    )
    return copy_pairs(articles, samples)


def _read_notes(annotations_dir: Path | None, cache: BuildCache) -> tuple[Annotations, list[ReaderError]]:
    """The annotation files, or their problems, kept for the report beside the seeds'."""
    try:
        if annotations_dir is None:
            return Annotations({}), []
        return collect([_read_note_file(shown, path, cache) for shown, path in annotation_paths(annotations_dir)]), []
    except Problems as problems:
        return Annotations({}), problems.errors


def _read_note_file(shown: str, path: Path, cache: BuildCache) -> FileRead:
    """One annotation file read: one whose bytes the cache has seen is not parsed again (in a preview,
    one whose state it has seen is not read again)."""

    def parsed() -> FileRead:
        data = path.read_bytes()
        return cast(FileRead, cache.value("annotations", digest(shown, data), partial(read_file, data, shown)))

    if cache.file_states:
        return cast(FileRead, cache.value("annotation states", file_state(path), parsed))
    return parsed()


def _with_decisions(corpus: Corpus, annotations: Annotations) -> Corpus:
    """The articles with their annotation files' `cleaning:` changes made (`reader.annotations.decisions`);
    a changed article's fingerprint covers its changes, so nothing cached from before is reused."""
    articles, errors = apply_decisions(corpus.articles, annotations)
    if errors:
        raise Problems(errors)
    fingerprints = {
        a.id: digest(corpus.fingerprints[a.id], repr(a.decisions)) if a.decisions else corpus.fingerprints[a.id]
        for a in articles
    }
    return replace(corpus, articles=articles, fingerprints=fingerprints)


def _with_original_dates(corpus: Corpus, annotations: Annotations) -> Corpus:
    """An article whose text gives no first publication takes its original's date from its annotation
    file (`about.original.published`), so that it is listed and cited by when the text first
    appeared, not by the day its page was captured."""
    dated = {}
    for article_id, entry in annotations.files.items():
        about = entry.model.about
        if about and about.original and about.original.published:
            dated[article_id] = about.original.published.isoformat()
    articles = tuple(
        replace(a, metadata=a.metadata.merged(first_published=dated[a.id])) if a.id in dated else a
        for a in corpus.articles
    )
    fingerprints = {
        key: digest(fingerprint, "first published", dated[key]) if key in dated else fingerprint
        for key, fingerprint in corpus.fingerprints.items()
    }
    return replace(corpus, articles=articles, fingerprints=fingerprints)


def _without_missing_articles(corpus: Corpus, annotations: Annotations) -> tuple[Corpus, Annotations]:
    """With a seed left out, the annotation files whose article is in the corpus, and a warning for
    each of the others, which most likely belongs to it (with every seed read, a file naming an
    unknown article is an error, when the notes are placed)."""
    ids = {a.id for a in corpus.articles}
    missing = sorted(article_id for article_id in annotations.files if article_id not in ids)
    if not corpus.skipped or not missing:
        return corpus, annotations
    warnings: list[ReaderError] = [
        AnnotationError(
            f"the article {article_id!r} is not in the corpus, so this file was left out; "
            "it may belong to a seed that could not be read (see the warnings above)",
            str(annotations.files[article_id].parsed.path),
            fix="making that seed readable, or removing this file if its article is gone.",
        )
        for article_id in missing
    ]
    kept = {article_id: entry for article_id, entry in annotations.files.items() if article_id not in missing}
    return replace(corpus, warnings=(*corpus.warnings, *warnings)), replace(annotations, files=kept)


def _placed_notes(
    corpus: Corpus, annotations: Annotations, cache: BuildCache, annotations_dir: Path | None
) -> tuple[AnnotatedArticle, ...]:
    """The notes placed and the glossary's terms marked; a file whose text and articles the cache has
    seen is not placed again, nor the terms of an article whose text and notes it has seen."""
    fingerprints = corpus.fingerprints

    def placed(entry: AnnotationSource, by_id: dict[str, Article]) -> FilePlacement:
        read = (entry.model.article, *linked_articles(entry))
        key = (entry.parsed.path, entry.parsed.text, *(fingerprints.get(a) for a in read))
        found = cache.get("placing", key)
        if found is MISSING:
            found = placed_in(entry, by_id)
            if not found.errors:  # an error's hint names the closest ids: it depends on every article
                cache.put("placing", key, found)
        return cast(FilePlacement, found)

    try:
        items = place_notes(corpus.articles, annotations, placed)
        glossary = glossary_terms(annotations)
        text = annotations.glossary.parsed.text if annotations.glossary else ""
        return tuple(
            replace(
                item,
                terms=cache.value(
                    "terms", _terms_key(item, fingerprints[item.article.id], text), partial(term_uses, item, glossary)
                ),
            )
            for item in items
        )
    except Problems:
        raise
    except Exception as error:  # a bug: name the stage and the folder it was reading
        raise Problems([InternalError.caught(
            error, str(annotations_dir), fix="reporting it as a bug, with the annotation files attached.",
            doing="placing annotations",
        )]) from error  # fmt: skip


def _terms_key(item: AnnotatedArticle, fingerprint: bytes, glossary_text: str) -> object:
    """What an article's marked terms depend on: its text, the glossary, where its notes and links are."""
    return (
        fingerprint,
        glossary_text,
        tuple(n.place for n in item.notes),
        tuple(b.place for b in item.backlinks),
    )


def read_articles(
    seeds_dir: Path,
    progress: Progress = QUIET,
    cache: BuildCache | None = None,
    alongside: Callable[[], object] | None = None,
) -> Corpus:
    """Load, split and clean every seed; raise `Problems` listing every bad seed.

    A seed whose bytes the cache has seen is not read again; the others are
    read and cleaned on every core once there are enough of them, while this
    process does the work `alongside` (see `parallel.run_jobs`).
    """
    cache = cache or BuildCache()
    inputs, archives = seed_files(seeds_dir)
    keys = [digest(i.shown_as, i.data, repr(i.capture), i.charset) for i in inputs]

    def clean_seeds(todo: list[int]) -> list[SeedResult]:
        progress.stage("cleaning seeds, reading annotations", len(todo))
        return run_jobs([partial(process_seed, inputs[i]) for i in todo], progress, alongside)

    results = cache.values("seeds", keys, clean_seeds)
    seeds: list[Seed] = []
    articles: list[Article] = []
    fingerprints: list[bytes] = []
    errors: list[ReaderError] = []
    for key, (seed, found, error) in zip(keys, results, strict=True):
        if error is not None:
            errors.append(error)
            continue
        seeds.append(seed)
        articles.extend(found)
        fingerprints.extend(digest(key, str(index)) for index in range(len(found)))
    if errors and not articles:
        raise Problems(errors)  # nothing would be published
    named = assign_ids(articles)
    data = {i.name: (i.shown_as, i.data) for i in inputs}
    guessed = [
        SeedWarning(
            f"the seed is not UTF-8 and declares no encoding; it was read as {seed.encoding}, "
            "the encoding charset-normalizer detected",
            data[seed.name][0],
            undecodable_line(data[seed.name][1]),
            fix=f"checking the text reads right, then converting it to UTF-8: iconv -f {seed.encoding} -t utf-8 FILE > FILE.new",
        )
        for seed in seeds
        if seed.detected and seed.format != "html"
    ]
    damaged = [
        SeedWarning(
            f"the web archive is {report.damage}; the {report.pages} page(s) before it were read",
            str(seeds_dir / report.name),
            fix="capturing the pages again, or restoring the archive from a copy that is whole.",
        )
        for report in archives
        if report.damage
    ]
    return Corpus(
        tuple(seeds),
        tuple(named),
        skipped=tuple(errors),
        warnings=(*errors, *guessed, *damaged),
        fingerprints={a.id: f for a, f in zip(named, fingerprints, strict=True)},
        archives=tuple(archives),
    )


class SeedResult(NamedTuple):
    """What became of one seed: read and cleaned into its articles, or the error that stopped it."""

    seed: Seed | None
    articles: list[Article]
    error: ReaderError | None


def process_seed(given: SeedInput) -> SeedResult:
    """One seed read and cleaned into its articles, or the error that stopped it (a bug is an internal error).
    A page from a web archive is the address the archive captured, on the day it did."""
    shown_as = given.shown_as
    try:
        seed = read_seed(given.name, given.data, shown_as=shown_as, capture=given.capture, charset=given.charset)
        articles = [clean(story) for story in split(seed)]
        if seed.capture:
            captured = {"url": seed.capture.uri, "captured": iso_day(seed.capture.date)}
            articles = [replace(a, capture=seed.capture, metadata=replace(a.metadata, **captured)) for a in articles]
        return SeedResult(seed, articles, None)
    except ReaderError as error:
        return SeedResult(None, [], replace(error, file=shown_as))
    except Exception as error:  # a bug: say which file triggered it
        return SeedResult(
            None,
            [],
            InternalError.caught(error, shown_as, fix="reporting it as a bug, with this seed attached."),
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
    return _slug(meta.title, outlet_name(article), Path(article.seed).stem)


@lru_cache(maxsize=65536)
def _slug(title: str, outlet: str, seed_stem: str) -> str:
    title = _shorten(slug(title, stopwords=ID_STOPWORDS), settings.ID_MAX_CHARS)
    title = title or _shorten(slug(seed_stem), settings.ID_MAX_CHARS) or "article"
    outlet = _shorten(slug(outlet), 30)
    return f"{title}-{outlet}" if outlet else title


def _shorten(slug: str, limit: int) -> str:
    """The slug's leading words, as many as fit in `limit` characters (at least one)."""
    words, kept = slug.split("-"), list[str]()
    for word in words:
        if kept and len("-".join([*kept, word])) > limit:
            break
        kept.append(word)
    return "-".join(kept)
