"""The comparison page of a reprint group, and what article pages show of their copies.

The page says in plain words which copies there are, in what order and why, and
how to read the table. Copies are shown side by side, aligned paragraph by
paragraph, words only in the left copy struck through (`del`) and words only in
the right copy underlined (`ins`), each row labelled in words (identical,
spelling only, edited, only in one copy) and with both copies' paragraph
numbers. In edited rows a change of typography alone is not marked, so that the
marks show the words that changed. A checkbox hides spelling-only rows with CSS
alone. On narrow screens the two columns become one text. Copies are named one
way all over the page: "the Global Research copy".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal, cast

from markupsafe import Markup

from reader.annotations.schema import CorrectionNote
from reader.dates import written
from reader.model import (
    AlignedPair,
    Alignment,
    Article,
    PlacedNote,
    ReprintGroup,
    Segment,
    StrandedNote,
    copy_name,
    display_title,
    outlet_name,
    own_date,
)
from reader.reprints.align import changes, classify, words
from reader.site.article_page import Counterpart
from reader.site.links import ARTICLE_PAGE, article_path, link
from reader.site.templating import front_matter, macros

STATUS_LABELS = {
    "identical": "identical",
    "typography": "typography only",
    "spelling": "spelling only",
    "edited": "edited",
}  # and "only in the Global Research copy", by name
ABSENT = "absent"  # what a copy has where the other has a passage or words it lacks


def compare_path(group: ReprintGroup) -> str:
    return f"compare/{group.id}.md"


COMPARE_PAGE = "compare/group.md"  # any comparison page, for links made on one


def compared_title(group: ReprintGroup, by_id: dict[str, Article]) -> str:
    """The group's headline: its first copy's, as every page names an untitled article."""
    return display_title(by_id[group.articles[0]])


def comparison_page_title(group: ReprintGroup, by_id: dict[str, Article]) -> str:
    """The comparison page's title, as the page and the navigation give it."""
    return f"Copies of: {compared_title(group, by_id)}"


def copy_labels(group: ReprintGroup, by_id: dict[str, Article]) -> dict[str, str]:
    """Each copy's one name on the page, without "the": "Global Research copy", after its outlet or,
    where it names none, the source it names. Copies that share one are told apart by their number
    in the page's list ("Artifex.News copy 2")."""
    bases = {a: outlet_name(by_id[a]) or "unattributed" for a in group.articles}
    shared = {b for b in bases.values() if list(bases.values()).count(b) > 1}
    return {a: f"{bases[a]} copy" + (f" {n}" if bases[a] in shared else "") for n, a in enumerate(group.articles, 1)}


def render_comparison(
    group: ReprintGroup,
    alignments: list[Alignment],
    by_id: dict[str, Article],
    stranded: Sequence[StrandedNote] = (),
    corrections: Mapping[str, Sequence[PlacedNote]] = MappingProxyType({}),
) -> str:
    """The page: which copies, in what order and why, then each pair side by side. A passage that a
    correction in either copy is about says so under it, with the reading (`corrections`, by
    article), and shows even where the page hides rows that differ only in typography."""
    title = compared_title(group, by_id)
    names = copy_labels(group, by_id)
    copies = [
        {
            "href": link(COMPARE_PAGE, article_path(a)),
            "name": names[a],
            "original": a == group.original,
            "facts": _copy_facts(by_id[a]),
        }
        for a in group.articles
    ]
    parts = [
        *front_matter(comparison_page_title(group, by_id)),
        macros("compare").title(title),
        "",
        macros("compare").intro(_intro(group)),
        "",
        macros("compare").copies(copies),
        "",
        macros("compare").intro(_original(group, by_id, names)),
        "",
    ]
    for number, alignment in enumerate(alignments, 1):
        parts += _section(alignment, by_id, names, f"c{number}", corrections)
    if stranded:
        parts += _stranded(stranded, names)
    return "\n".join(parts)


def _intro(group: ReprintGroup) -> str:
    """What the page is for, and the order of the copies, in words a first-time reader knows."""
    return (
        f"The same text appears in {len(group.articles)} copies here. Below, they are set side by side, "
        "paragraph by paragraph, to show what was changed from one to the other. They are listed oldest "
        "first, by each copy's own date: the day it was published, else the day it appeared in a news feed, "
        "else the day its page was saved."
    )


def _own_date(article: Article) -> str:
    """The date the copies are ordered by (`own_date`), saying what it is."""
    date, kind = own_date(article)
    said = {"published": "published {}", "feed": "in a news feed on {}", "captured": "page saved {}"}
    return said[kind].format(written(date)) if date else "no date of its own"


def _copy_facts(article: Article) -> str:
    meta = article.metadata
    facts = [_own_date(article)]
    if not meta.outlet:
        facts.append("the site it comes from is not named")
    if meta.original_outlet:
        facts.append(f"it gives {meta.original_outlet} as its source")
    return "; ".join(facts)


def _original(group: ReprintGroup, by_id: dict[str, Article], names: dict[str, str]) -> str:
    """Which copy is the original, as far as the copies tell, and why (the group's `order_basis`, in plain words)."""
    if group.original:
        return f"The {names[group.original]} is the original: another copy gives its outlet as the source."
    outlets = {by_id[a].metadata.outlet for a in group.articles}
    named = sorted({by_id[a].metadata.original_outlet for a in group.articles} - outlets - {""})
    if named:
        sources = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
        return (
            f"The copies give {sources} as their source, and this reader has no copy from "
            f"{'either' if len(named) == 2 else 'any of them' if len(named) > 2 else 'it'}: "
            "none of the copies here is known to be the original."
        )
    return "No copy says which one is the original."


def _stranded(stranded: Sequence[StrandedNote], names: dict[str, str]) -> list[str]:
    notes = [
        {
            "href": link(COMPARE_PAGE, article_path(s.origin), f"note-{s.note.note.id}"),
            "kind": s.note.note.kind,
            "quote": s.note.note.quote,
            "origin": names[s.origin],
            "other": names[s.copy],
        }
        for s in stranded
    ]
    return [
        "## Notes that did not travel",
        "",
        "A note written for one copy is shown on the others where its quote is in the matching passage. "
        "These notes are not, so they are listed here instead:",
        "",
        macros("compare").stranded(notes),
        "",
    ]


def _section(
    alignment: Alignment,
    by_id: dict[str, Article],
    names: dict[str, str],
    key: str,
    corrections: Mapping[str, Sequence[PlacedNote]],
) -> list[str]:
    left, right = by_id[alignment.left], by_id[alignment.right]
    rows = [_row(pair, left, right, names, f"{key}-{n}", corrections) for n, pair in enumerate(alignment.pairs, 1)]
    left_name, right_name = names[left.id], names[right.id]
    return [
        macros("compare").section_heading(left_name, right_name),
        "",
        macros("compare").summary(len(alignment.pairs), alignment.counts()),
        "",
        macros("compare").legend(left_name, right_name, ABSENT),
        "",
        _what_changed(alignment, left, right, names, key),
        "",
        macros("compare").comparison(f"{key}-show-minor", left_name, right_name, rows),
        "",
    ]


# The order edits are listed in: what changes when, or who, before how it is worded.
CHANGE_ORDER = ("date", "name", "number", "wording")


def _what_changed(alignment: Alignment, left: Article, right: Article, names: dict[str, str], key: str) -> Markup:
    """The edits that change what the text says, dates and names first, each linking to its row and to
    its paragraph in both copies."""
    found = [
        (CHANGE_ORDER.index(change.kind), n, pair, change)
        for n, pair in enumerate(alignment.pairs, 1)
        if pair.status == "edited"
        for change in changes(pair)
    ]
    listed = [
        {
            "left": _where(left, pair.left, f"The {names[left.id]}"),
            "before": change.before,
            "right": _where(right, pair.right, f"the {names[right.id]}"),
            "after": change.after,
            "row": f"{key}-{n}",
            "kind": change.kind,
        }
        for _, n, pair, change in sorted(found, key=lambda f: (f[0], f[1]))
    ]
    return macros("compare").what_changed(listed, ABSENT)


def _paragraph_label(ids: tuple[str, ...]) -> str:
    return "¶" + "–".join(dict.fromkeys([ids[0][1:], ids[-1][1:]])) if ids else ""


Op = Literal["equal", "delete", "insert"]
Run = tuple[Op, str, str]  # a run of the diff as the page shows it: (op, left text, right text)


def shown_diff(pair: AlignedPair) -> list[Run]:
    """The pair's word diff as the page marks it. In an edited passage, a change of typography alone
    (quote marks, apostrophes, dashes, spaces, case) is shown unmarked, each copy in its own
    typography, so that the marks show the words that changed."""
    segments: list[Segment] = list(pair.diff)
    shown: list[Run] = []
    i = 0
    while i < len(segments):
        op, text = segments[i].op, segments[i].text
        if op == "equal":
            shown.append(("equal", text, text))
            i += 1
            continue
        # A deletion and the insertion after it are one change, as `changes` reads them.
        paired = op == "delete" and i + 1 < len(segments) and segments[i + 1].op == "insert"
        before, after = (text, segments[i + 1].text) if paired else (text, "") if op == "delete" else ("", text)
        i += 2 if paired else 1
        shown += _word_changes(before, after) if pair.status == "edited" else _marks(before, after)
    return shown


def _word_changes(before: str, after: str) -> list[Run]:
    """One change of an edited passage, diffed again word by word with typography folded (the passage's
    diff compares words as written, so "Li's" against "Li’s" ends a run of equal words): the words
    that match, and the runs that differ only in typography, are unmarked."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)

    def key(token: str) -> tuple[str, ...]:
        return tuple(w for w in words(token) if w.isalnum())

    matcher = difflib.SequenceMatcher(None, [key(t) for t in a], [key(t) for t in b], autojunk=False)
    found: list[Run] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        typography = op == "equal" or classify(left, right) in ("identical", "typography")
        found += [("equal", left, right)] if typography else _marks(left, right)
    return found


def _marks(before: str, after: str) -> list[Run]:
    deleted: list[Run] = [("delete", before, "")] if before else []
    inserted: list[Run] = [("insert", "", after)] if after else []
    return deleted + inserted


def _row(
    pair: AlignedPair,
    left: Article,
    right: Article,
    names: dict[str, str],
    row_id: str,
    corrections: Mapping[str, Sequence[PlacedNote]],
) -> Markup:
    sides = ((left, pair.left), (right, pair.right))
    return macros("compare").row(
        row_id,
        pair,
        _status(pair, names[left.id], names[right.id]),
        shown_diff(pair),
        [_label(article, ids, names[article.id]) for article, ids in sides],
        [_label(article, ids, names[article.id], inline=True) for article, ids in sides],
        _corrected(pair, left, right, names, corrections),
        ABSENT,
    )


def _corrected(
    pair: AlignedPair,
    left: Article,
    right: Article,
    names: dict[str, str],
    corrections: Mapping[str, Sequence[PlacedNote]],
) -> Markup:
    """The corrections of either copy in this passage: the side-by-side text is the copies' own, so
    an error in it is named here, with its reading and its note, never shown as if it were right."""
    found = [
        (article, placed)
        for article, paragraphs in ((left, pair.left), (right, pair.right))
        for placed in corrections.get(article.id, ())
        if placed.place.paragraph in paragraphs and isinstance(placed.note, CorrectionNote)
    ]
    if not found:
        return Markup()
    items: list[dict[str, object]] = []
    for article, placed in found:
        note = cast(CorrectionNote, placed.note)
        paragraph = next(p for p in article.paragraphs if p.id == placed.place.paragraph)
        items.append(
            {
                "name": names[article.id],
                "words": paragraph.text[placed.place.start : placed.place.end],
                "likely": note.likely,
                "reading": note.reading,
                "href": link(COMPARE_PAGE, article_path(article.id), f"note-{note.id}"),
                "number": placed.number,
            }
        )
    return macros("compare").corrections(items)


def _status(pair: AlignedPair, left_name: str, right_name: str) -> str:
    if pair.status == "only-left":
        return f"only in the {left_name}"
    if pair.status == "only-right":
        return f"only in the {right_name}"
    return STATUS_LABELS[pair.status]


def _label(article: Article, ids: tuple[str, ...], name: str, inline: bool = False) -> Markup:
    """A cell's label, on its own line above the text: the copy's name and paragraph number, or where the
    copy lacks the passage its name alone (and, in the one-column view, which has no cell to say so, "absent")."""
    if ids:
        return _where(article, ids, name, "reader-cell-label")
    return macros("compare").absent_label(name, inline, ABSENT)


def _where(article: Article, ids: tuple[str, ...], name: str, css: str = "") -> Markup:
    """The copy's name and its paragraph number(s), linking to the paragraph on the copy's page
    ("Global Research copy ¶26")."""
    href = link(COMPARE_PAGE, article_path(article.id), ids[0])
    return macros("compare").where(href, name, _paragraph_label(ids), css)


def article_banner(article_id: str, group: ReprintGroup, by_id: dict[str, Article]) -> Markup:
    """The line under an article's byline naming its other copies, and the way to compare them."""
    others = [
        {"href": link(ARTICLE_PAGE, article_path(a)), "name": copy_name(by_id[a]), "original": a == group.original}
        for a in group.articles
        if a != article_id
    ]
    return macros("compare").banner(others, link(ARTICLE_PAGE, compare_path(group)))


COUNTERPART_WORDS = {
    "identical": "the same wording",
    "typography": "the same words (only quote marks, dashes or spaces differ)",
    "spelling": "spelled differently; the two wordings side by side",
    "edited": "worded differently; the two wordings side by side",
}


def counterparts(
    alignments: tuple[Alignment, ...], by_id: dict[str, Article], groups: Sequence[ReprintGroup] = ()
) -> dict[str, dict[str, list[Counterpart]]]:
    """For every article, by paragraph: links to the counterparts in the other copies. ⇄ leads to the
    other copy's passage; ⇄≠, where the wording differs, to the two wordings side by side on the
    comparison page (its row; a row hidden there for a typography or spelling change shows when
    linked). One pass over the alignments for the whole corpus."""
    group_of = {a: g for g in groups for a in g.articles}
    sections: dict[str, int] = {}  # each comparison page's sections so far, numbered as render_comparison does
    found: dict[str, dict[str, list[Counterpart]]] = {}
    for alignment in alignments:
        group = group_of.get(alignment.left)
        if group is not None:
            sections[group.id] = section = sections.get(group.id, 0) + 1
        for mine_id, other_id, from_left in (
            (alignment.left, alignment.right, True),
            (alignment.right, alignment.left, False),
        ):
            links = found.setdefault(mine_id, {})
            other = by_id[other_id]
            for row, pair in enumerate(alignment.pairs, 1):
                mine, theirs = (pair.left, pair.right) if from_left else (pair.right, pair.left)
                if not mine or not theirs:
                    continue
                # Set apart only in typography (quote marks, dashes, spaces): the same words, nothing to compare.
                differs = pair.status not in ("identical", "typography")
                title = f"Also in {copy_name(other)}, ¶{theirs[0][1:]}: " + COUNTERPART_WORDS[pair.status]
                href = (
                    link(ARTICLE_PAGE, compare_path(group), f"c{section}-{row}")
                    if differs and group is not None
                    else link(ARTICLE_PAGE, article_path(other.id), theirs[0])
                )
                anchor = macros("compare").counterpart(href, title, differs)
                counterpart = Counterpart(other_id, tuple(theirs), href, differs, anchor)
                for paragraph in mine:
                    links.setdefault(paragraph, []).append(counterpart)
    return found
