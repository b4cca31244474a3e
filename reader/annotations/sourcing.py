"""Facts need sources: a note that states what its article does not say cites where it can be checked.

A context note or correction whose text has a number, a month or a proper name that is in
neither the article's text nor what the article states about itself (its metadata) says
something the reader cannot check on the page. Without a `sources:` entry it is reported:
a warning, an error under `--strict` (or `strict: true`). The test is deliberately plain, a
reviewer's first question ("where does this come from?") asked by a program, so it can be
satisfied honestly in two ways: cite a source, or quote the text the note rests on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reader.annotations.read import Annotations, AnnotationSource
from reader.annotations.schema import ContextNote, CorrectionNote
from reader.dates import day, written
from reader.errors import AnnotationError, ReaderError
from reader.model import Article

# Capitalised words that are not names: a sentence's first word is skipped anyway, these are
# what stays capitalised inside a sentence in English.
NOT_NAMES = {"I", "A", "The", "This", "That", "These", "It", "Its", "In", "On", "At", "As", "And", "But"}
_FACT = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b|\b[A-Z][\w’'-]*[A-Za-z]\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


class UnsourcedNoteWarning(AnnotationError):
    """A note that states a fact its article does not, and cites no source for it."""


def unsourced_notes(
    articles: tuple[Article, ...],
    annotations: Annotations,
    each: Callable[[AnnotationSource, Article], list[ReaderError]] | None = None,
) -> list[ReaderError]:
    """A warning for every context note or correction stating something beyond its article, unsourced,
    file by file (`unsourced_in`, or `each`, a cache of it: the preview asks on every rebuild)."""
    each = each or unsourced_in
    by_id = {a.id: a for a in articles}
    return [
        warning
        for article_id, entry in sorted(annotations.files.items())
        if article_id in by_id
        for warning in each(entry, by_id[article_id])
    ]


def unsourced_in(entry: AnnotationSource, article: Article) -> list[ReaderError]:
    """The warnings of one annotation file, about its article."""
    parsed, model = entry
    words = known_words(article)
    found: list[ReaderError] = []
    for index, note in enumerate(model.notes):
        if not isinstance(note, ContextNote | CorrectionNote) or note.sources:
            continue
        beyond = sorted(set(facts(note.text)) - words)
        if beyond:
            line, column = parsed.position(("notes", index, "text"))
            found.append(
                UnsourcedNoteWarning(
                    f"the note states what the article does not say ({', '.join(beyond[:5])}) and cites no source",
                    parsed.path,
                    line,
                    "adding sources: (title, outlet, date; a url only where you are sure of it), "
                    "or quoting the article's own words the note rests on. See Editorial standards.",
                    column,
                    f"notes[{index}].text",
                )
            )
    return found


def facts(text: str) -> Iterator[str]:
    """The numbers and the capitalised words inside sentences: what a claim of fact is made of."""
    plain = _MARKUP.sub(lambda m: m.group(1) or "", text)
    for match in _FACT.finditer(plain):
        word = re.sub(r"[’']s$", "", match.group())
        if word[0].isdigit():
            yield word.rstrip(".,")
        elif word not in NOT_NAMES and not _SENTENCE_START.search(plain[: match.start()]):
            yield word


def known_words(article: Article) -> set[str]:
    """Every word and number of the article's text and metadata, with its dates written out."""
    metadata = article.metadata.as_dict()
    text = " ".join([*(p.text for p in article.paragraphs), *(str(v) for v in metadata.values() if v)])
    for value in metadata.values():
        if isinstance(value, str) and (when := day(value)):
            text += f" {written(when)} {when.strftime('%A')}"
    return set(re.findall(r"[\w’'-]+", text)) | {w.rstrip(".,") for w in re.findall(r"\d[\d,.]*", text)}
