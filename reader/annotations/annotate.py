"""Place every note and glossary term on the cleaned text.

Each note's quote is anchored (`reader.annotations.anchor`); a link's target is anchored in
the target article, which gets a link back. Glossary terms are marked at their
first use in each article. Everything that does not anchor is an error that
names the file, line and column of the quote and says what to do.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from reader.annotations.anchor import Orphan, anchor, excerpt
from reader.annotations.read import Annotations, AnnotationSource, Loc, YamlFile, dotted
from reader.annotations.schema import LinkNote, Term
from reader.errors import AnnotationError, Problems, ReaderError
from reader.model import AnnotatedArticle, Article, Backlink, Place, PlacedNote, TermUse
from reader.text import slug


class OrphanQuoteError(AnnotationError):
    """A quote that is nowhere in the article's text."""


class AmbiguousQuoteError(AnnotationError):
    """A quote that occurs more than once, with no prefix or suffix to choose."""


class UnknownArticleError(AnnotationError):
    """An annotation file or link naming an article that does not exist."""


class OverlapError(AnnotationError):
    """Two notes whose quotes overlap without one containing the other."""


def term_slug(term: Term) -> str:
    """The term's anchor in the glossary (two terms with one anchor are refused: `reader.annotations.read`)."""
    return slug(term.term, "term")


def annotate(articles: tuple[Article, ...], annotations: Annotations) -> tuple[AnnotatedArticle, ...]:
    """Every article with its notes placed (`place_notes`) and its glossary terms marked (`term_uses`)."""
    glossary = glossary_terms(annotations)
    return tuple(replace(item, terms=term_uses(item, glossary)) for item in place_notes(articles, annotations))


def glossary_terms(annotations: Annotations) -> tuple[Term, ...]:
    return tuple(annotations.glossary.model.terms) if annotations.glossary else ()


def term_uses(item: AnnotatedArticle, terms: Sequence[Term]) -> tuple[TermUse, ...]:
    """Each term's first use in the article, where it does not cut across a note's quote."""
    return tuple(_term_uses(item.article, terms, list(item.notes), list(item.backlinks)))


class FilePlacement(NamedTuple):
    """One annotation file's notes placed on its article (in reading order), the links back it gives
    other articles (by their id), and the problems found."""

    notes: tuple[PlacedNote, ...]
    backlinks: tuple[tuple[str, Backlink], ...]
    errors: tuple[ReaderError, ...]


def place_notes(
    articles: tuple[Article, ...],
    annotations: Annotations,
    each: Callable[[AnnotationSource, dict[str, Article]], FilePlacement] | None = None,
) -> tuple[AnnotatedArticle, ...]:
    """Every article with its notes, and the links to it from other articles, at their places, file
    by file (`placed_in`, or `each`, a cache of it: the preview asks on every rebuild)."""
    each = each or placed_in
    by_id = {a.id: a for a in articles}
    errors: list[ReaderError] = []
    placed: dict[str, tuple[PlacedNote, ...]] = {}
    backlinks: dict[str, list[Backlink]] = {a.id: [] for a in articles}
    for article_id, entry in annotations.files.items():
        if article_id not in by_id:
            errors.append(_unknown_article(entry.parsed, ("article",), article_id, by_id))
            continue
        found = each(entry, by_id)
        placed[article_id] = found.notes
        for target, backlink in found.backlinks:
            backlinks[target].append(backlink)
        errors.extend(found.errors)
    if errors:
        raise Problems(errors)
    return tuple(
        AnnotatedArticle(
            article=a,
            about=annotations.files[a.id].model.about if a.id in annotations.files else None,
            notes=placed.get(a.id, ()),
            backlinks=tuple(backlinks[a.id]),
            source=annotations.files[a.id].parsed.text if a.id in annotations.files else "",
        )
        for a in articles
    )


def placed_in(entry: AnnotationSource, by_id: dict[str, Article]) -> FilePlacement:
    """The notes of one annotation file placed on its article, and on the articles its links name."""
    parsed, model = entry
    article = by_id[model.article]
    errors: list[ReaderError] = []
    placed: list[PlacedNote] = []
    backlinks: list[tuple[str, Backlink]] = []
    for index, note in enumerate(model.notes):
        loc = ("notes", index)
        place = _place(parsed, loc, article, note.quote, note.prefix, note.suffix, errors)
        target = None
        if isinstance(note, LinkNote):
            target_article = by_id.get(note.target.article)
            if target_article is None:
                errors.append(_unknown_article(parsed, loc + ("target", "article"), note.target.article, by_id))
            else:
                t = note.target
                target = _place(parsed, loc + ("target",), target_article, t.quote, t.prefix, t.suffix, errors)
                if place and target:
                    backlinks.append((target_article.id, Backlink(article.id, note, place, target)))
        if place:
            placed.append(PlacedNote(note, index, place, target))
    errors.extend(_overlaps(parsed, placed))
    return FilePlacement(tuple(in_reading_order(article, placed)), tuple(backlinks), tuple(errors))


def linked_articles(entry: AnnotationSource) -> list[str]:
    """The ids of the articles one annotation file's links name: with its own article, what placing its
    notes reads."""
    return [note.target.article for note in entry.model.notes if isinstance(note, LinkNote)]


def _place(
    parsed: YamlFile,
    loc: Loc,
    article: Article,
    quote: str,
    prefix: str | None,
    suffix: str | None,
    errors: list[ReaderError],
) -> Place | None:
    found = anchor(article, quote, prefix, suffix)
    if isinstance(found, Place):
        return found
    line, column = parsed.position(loc + ("quote",))
    field = dotted(loc + ("quote",))
    if isinstance(found, Orphan):
        hint = (
            f" The closest passage is in ¶{found.paragraph}: “{found.closest}” ({found.score:.0f}% alike)."
            if found.paragraph
            else ""
        )
        errors.append(
            OrphanQuoteError(
                f"the quote “{quote}” is not in the text of {article.id}.{hint}",
                parsed.path,
                line,
                "copying the quote exactly from the article's cleaned text, as the site shows it. "
                "Notes are never moved to a merely similar passage.",
                column,
                field,
            )
        )
    else:
        listed = "; ".join(f"¶{p.paragraph}: “{excerpt(article, p)}”" for p in found.places)
        errors.append(
            AmbiguousQuoteError(
                f"the quote “{quote}” occurs {len(found.places)} times in {article.id}: {listed}",
                parsed.path,
                line,
                "adding a prefix: (the words just before the quote) or a suffix: (the words just after) "
                "to say which one you mean.",
                column,
                field,
            )
        )
    return None


def _unknown_article(parsed: YamlFile, loc: Loc, article_id: str, by_id: Collection[str]) -> AnnotationError:
    close = difflib.get_close_matches(article_id, list(by_id), n=1, cutoff=0.4)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    line, column = parsed.position(loc)
    return UnknownArticleError(
        f"there is no article {article_id!r}.{hint}",
        parsed.path,
        line,
        "using an id from the corpus: the last part of the article's page address (or see python build_site.py export -).",
        column,
        dotted(loc),
    )


def _overlaps(parsed: YamlFile, notes: list[PlacedNote]) -> list[AnnotationError]:
    errors: list[AnnotationError] = []
    for i, a in enumerate(notes):
        for b in notes[i + 1 :]:
            if a.place.paragraph == b.place.paragraph and crosses(a.place, b.place):
                line, column = parsed.position(("notes", b.index, "quote"))
                errors.append(
                    OverlapError(
                        f"the quote of note {b.note.id!r} overlaps the quote of note {a.note.id!r} "
                        "without containing it or being contained in it",
                        parsed.path,
                        line,
                        "shortening one quote so that the two do not overlap, or so that one lies inside the other.",
                        column,
                        dotted(("notes", b.index, "quote")),
                    )
                )
    return errors


def in_reading_order(article: Article, notes: list[PlacedNote]) -> list[PlacedNote]:
    order = {p.id: i for i, p in enumerate(article.paragraphs)}
    ranked = sorted(notes, key=lambda n: (order[n.place.paragraph], n.place.start, -n.place.end, n.index))
    return [replace(n, number=i) for i, n in enumerate(ranked, 1)]


def crosses(a: Place, b: Place) -> bool:
    overlap = a.start < b.end and b.start < a.end
    nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return overlap and not nested


def _term_uses(
    article: Article, terms: Sequence[Term], notes: list[PlacedNote], backlinks: list[Backlink]
) -> list[TermUse]:
    """Each term's first use in the article, where it does not cut across a note's quote."""
    taken = [n.place for n in notes] + [b.place for b in backlinks]
    uses: list[TermUse] = []
    text = "\n".join(p.text for p in article.paragraphs)
    for term in terms:
        names = sorted([term.term, *term.aliases], key=len, reverse=True)
        if not any(name in text for name in names):
            continue  # a plain substring test first: most articles use few terms, and it is far cheaper than the regex
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in names) + r")(?!\w)")
        use = next(
            (
                place
                for paragraph in article.paragraphs
                if any(name in paragraph.text for name in names)
                for m in pattern.finditer(paragraph.text)
                for place in [Place(paragraph.id, m.start(), m.end())]
                if paragraph.kind in ("paragraph", "quote", "list-item")
                and not any(p.paragraph == place.paragraph and (crosses(p, place) or _inside(p, place)) for p in taken)
                and not any(u.place.paragraph == place.paragraph and _overlap(u.place, place) for u in uses)
            ),
            None,
        )
        if use:
            uses.append(TermUse(term, term_slug(term), use))
    return uses


def _inside(outer: Place, inner: Place) -> bool:
    """A term inside a note's quote is left unmarked: one mark per passage reads better."""
    return outer.start <= inner.start and inner.end <= outer.end


def _overlap(a: Place, b: Place) -> bool:
    return a.start < b.end and b.start < a.end


class ReprintDeclarationError(AnnotationError):
    """A `reprints:` entry naming the article itself, an unknown article, or both confirmed and denied."""


@dataclass(frozen=True)
class ReprintDeclarations:
    """Pairs of article ids the annotations say are (or are not) copies of one text."""

    confirmed: frozenset[tuple[str, str]] = frozenset()
    denied: frozenset[tuple[str, str]] = frozenset()


def reprint_declarations(articles: tuple[Article, ...], annotations: Annotations) -> ReprintDeclarations:
    known = {a.id for a in articles}
    confirmed: set[tuple[str, str]] = set()
    denied: set[tuple[str, str]] = set()
    errors: list[ReaderError] = []
    for article_id, (parsed, model) in annotations.files.items():
        declared = model.about.reprints if model.about else None
        if declared is None:
            continue
        for verb, ids, into in (("confirm", declared.confirm, confirmed), ("deny", declared.deny, denied)):
            for index, other in enumerate(ids):
                loc = ("about", "reprints", verb, index)
                line, column = parsed.position(loc)
                if other == article_id:
                    errors.append(ReprintDeclarationError(
                        "an article cannot be a reprint of itself", parsed.path, line,
                        "removing this id, or naming the other copy.", column, dotted(loc),
                    ))  # fmt: skip
                elif other not in known:
                    errors.append(_unknown_article(parsed, loc, other, known))
                else:
                    first, second = sorted((article_id, other))
                    into.add((first, second))
    for pair in sorted(confirmed & denied):
        parsed = annotations.files[pair[0] if pair[0] in annotations.files else pair[1]].parsed
        errors.append(ReprintDeclarationError(
            f"{pair[0]} and {pair[1]} are both confirmed and denied as copies", parsed.path,
            parsed.position(("about", "reprints"))[0], "keeping only one of the two declarations.",
        ))  # fmt: skip
    if errors:
        raise Problems(errors)
    return ReprintDeclarations(frozenset(confirmed), frozenset(denied))
