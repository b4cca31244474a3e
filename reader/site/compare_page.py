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
import html
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Literal, cast

from reader.annotations.schema import CorrectionNote
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
from reader.site.article_page import Counterpart, front_matter, md_escape
from reader.site.links import ARTICLE_PAGE, article_path, link
from reader.text import written_date

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
    """The comparison page's title, as the page and the navigation give it (escaped: themes print it raw)."""
    return html.escape(f"Copies of: {compared_title(group, by_id)}")


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
    # In HTML, as the rest of the page: an outlet's name is text, never Markdown.
    copies = "".join(
        f'<li><a href="{link(COMPARE_PAGE, article_path(a))}">The {html.escape(names[a])}</a>'
        f"{' (the original)' if a == group.original else ''}: {html.escape(_copy_facts(by_id[a]))}.</li>"
        for a in group.articles
    )
    parts = [
        *front_matter(comparison_page_title(group, by_id)),
        f"# Copies of “{md_escape(title)}”",
        "",
        f'<p class="reader-compare-intro">{html.escape(_intro(group))}</p>',
        "",
        f'<ol class="reader-copies">{copies}</ol>',
        "",
        f'<p class="reader-compare-intro">{html.escape(_original(group, by_id, names))}</p>',
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
    return said[kind].format(written_date(date)) if date else "no date of its own"


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
    items = "".join(
        f'<li><a href="{link(COMPARE_PAGE, article_path(s.origin), f"note-{s.note.note.id}")}">'
        f"{html.escape(s.note.note.kind)} note "
        f"on “{html.escape(s.note.note.quote)}”</a>, written for the {html.escape(names[s.origin])}: "
        f"its quote is not in the matching passage of the {html.escape(names[s.copy])}.</li>"
        for s in stranded
    )
    return [
        "## Notes that did not travel",
        "",
        "A note written for one copy is shown on the others where its quote is in the matching passage. "
        "These notes are not, so they are listed here instead:",
        "",
        f'<ul class="reader-stranded">{items}</ul>',
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
    counts = alignment.counts()
    summary = (
        f"{counts['identical']} identical, {counts['typography']} differ only in typography (quote marks, "
        f"apostrophes, dashes, spaces), {counts['spelling']} only in spelling (British or American), "
        f"{counts['edited']} edited, {counts['only-left'] + counts['only-right']} only in one copy"
    )
    toggle = f"{key}-show-minor"
    rows = "".join(
        _row(pair, left, right, names, f"{key}-{n}", corrections) for n, pair in enumerate(alignment.pairs, 1)
    )
    left_name, right_name = html.escape(names[left.id]), html.escape(names[right.id])
    return [
        f"## The {md_escape(names[left.id])} and the {md_escape(names[right.id])}",
        "",
        f'<p class="reader-compare-summary">{len(alignment.pairs)} aligned passages (a paragraph of one copy '
        f"and the matching paragraphs of the other): {summary}.</p>",
        "",
        _legend(left_name, right_name),
        "",
        _what_changed(alignment, left, right, names, key),
        "",
        # Out of the search index: the rows are the articles' own text. (A <section>, as Material's search
        # stops leaving out an element at the first closing tag of the same name: here, a row's </div>.)
        f'<section class="reader-comparison" data-search-exclude><input type="checkbox" id="{toggle}" class="reader-toggle">'
        f'<label for="{toggle}">Show passages that differ only in typography or spelling</label>'
        f'<div class="reader-compare"><div class="reader-row reader-head"><div>The {left_name}</div>'
        f"<div>The {right_name}</div></div>{rows}</div></section>",
        "",
    ]


def _legend(left_name: str, right_name: str) -> str:
    """How to read the marks: in words, and by their shape (strike, underline), not by colour alone."""
    return (
        f'<p class="reader-compare-legend"><strong>Key</strong>: left, the {left_name}; right, the {right_name} '
        f"(on a phone, one text). <del>Struck through</del> (red): only in the {left_name}. "
        f"<ins>Underlined</ins> (green): only in the {right_name}. <em>{ABSENT}</em>: not in that copy. "
        "In edited passages, a change only to quote marks, apostrophes, dashes or spaces is not marked.</p>"
    )


# The order edits are listed in: what changes when, or who, before how it is worded.
CHANGE_ORDER = ("date", "name", "number", "wording")


def _what_changed(alignment: Alignment, left: Article, right: Article, names: dict[str, str], key: str) -> str:
    """The edits that change what the text says, dates and names first, each linking to its row and to
    its paragraph in both copies."""
    found = [
        (CHANGE_ORDER.index(change.kind), n, pair, change)
        for n, pair in enumerate(alignment.pairs, 1)
        if pair.status == "edited"
        for change in changes(pair)
    ]
    if not found:
        return '<p class="reader-what-changed">No edit changes what the text says.</p>'

    def side(article: Article, ids: tuple[str, ...], words: str, the: str) -> str:
        quoted = f"“{html.escape(words)}”" if words else f"<em>{ABSENT}</em>"
        return f"{_where(article, ids, f'{the} {names[article.id]}')}: {quoted}"

    items = "".join(
        f"<li>{side(left, pair.left, change.before, 'The')}; {side(right, pair.right, change.after, 'the')} "
        f'— <a href="#{key}-{n}">side by side</a> ({change.kind})</li>'
        for _, n, pair, change in sorted(found, key=lambda f: (f[0], f[1]))
    )
    # Out of the search index, as the passages are: it quotes the articles' own words.
    return (
        '<section class="reader-comparison" data-search-exclude><p class="reader-what-changed-title">'
        "<strong>What changed</strong>: the edits that change what the text says, dates and names first "
        f'(the kind of change in brackets):</p><ol class="reader-what-changed">{items}</ol></section>'
    )


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
) -> str:
    corrected = _corrected(pair, left, right, names, corrections)
    shown = shown_diff(pair)
    left_html = "".join(_marked("del", a) if op == "delete" else html.escape(a) for op, a, _ in shown if op != "insert")
    right_html = "".join(
        _marked("ins", b) if op == "insert" else html.escape(b) for op, _, b in shown if op != "delete"
    )
    inline = "".join(
        _marked("del", a) if op == "delete" else _marked("ins", b) if op == "insert" else html.escape(a)
        for op, a, b in shown
    )
    labels = [_label(article, ids, names[article.id]) for article, ids in ((left, pair.left), (right, pair.right))]
    # The status first, then the two copies side by side, each under its name and paragraph number; on a
    # phone, one column: both names, each on its line, then the passage once, with what the second copy
    # takes out struck through and what it puts in underlined.
    return (
        f'<div class="reader-row reader-status-{pair.status}{" reader-row-corrected" if corrected else ""}" id="{row_id}">'
        f'<p class="reader-status">{html.escape(_status(pair, names[left.id], names[right.id]))}</p>'
        f'<div class="reader-cell">{labels[0]}{left_html if pair.left else _absent()}</div>'
        f'<div class="reader-cell">{labels[1]}{right_html if pair.right else _absent()}</div>'
        f'<div class="reader-inline">{_label(left, pair.left, names[left.id], inline=True)}'
        f"{_label(right, pair.right, names[right.id], inline=True)}{inline}</div>"
        f"{corrected}</div>"
    )


def _corrected(
    pair: AlignedPair,
    left: Article,
    right: Article,
    names: dict[str, str],
    corrections: Mapping[str, Sequence[PlacedNote]],
) -> str:
    """The corrections of either copy in this passage: the side-by-side text is the copies' own, so
    an error in it is named here, with its reading and its note, never shown as if it were right."""
    found = [
        (article, placed)
        for article, paragraphs in ((left, pair.left), (right, pair.right))
        for placed in corrections.get(article.id, ())
        if placed.place.paragraph in paragraphs and isinstance(placed.note, CorrectionNote)
    ]
    if not found:
        return ""
    items = []
    for article, placed in found:
        note = cast(CorrectionNote, placed.note)
        paragraph = next(p for p in article.paragraphs if p.id == placed.place.paragraph)
        words = paragraph.text[placed.place.start : placed.place.end]
        should = "probably should" if note.likely else "should"
        href = link(COMPARE_PAGE, article_path(article.id), f"note-{note.id}")
        items.append(
            f"<li>In the {html.escape(names[article.id])}: “{html.escape(words)}” {should} read "
            f'“{html.escape(note.reading)}” (<a href="{href}">correction {placed.number}</a>)</li>'
        )
    return f'<div class="reader-row-corrections"><p>Errors in this passage:</p><ul>{"".join(items)}</ul></div>'


def _marked(tag: str, text: str) -> str:
    """Words struck through or underlined, the space after them not (a struck space reads as a dash)."""
    words = text.rstrip()
    return f"<{tag}>{html.escape(words)}</{tag}>{html.escape(text[len(words) :])}"


def _status(pair: AlignedPair, left_name: str, right_name: str) -> str:
    if pair.status == "only-left":
        return f"only in the {left_name}"
    if pair.status == "only-right":
        return f"only in the {right_name}"
    return STATUS_LABELS[pair.status]


def _absent() -> str:
    return f'<em class="reader-absent">{ABSENT}</em>'


def _label(article: Article, ids: tuple[str, ...], name: str, inline: bool = False) -> str:
    """A cell's label, on its own line above the text: the copy's name and paragraph number, or where the
    copy lacks the passage its name alone (and, in the one-column view, which has no cell to say so, "absent")."""
    if ids:
        return _where(article, ids, name, "reader-cell-label")
    return f'<span class="reader-cell-label">{html.escape(name)}{f": {_absent()}" if inline else ""}</span>'


def _where(article: Article, ids: tuple[str, ...], name: str, css: str = "") -> str:
    """The copy's name and its paragraph number(s), linking to the paragraph on the copy's page
    ("Global Research copy ¶26")."""
    href = link(COMPARE_PAGE, article_path(article.id), ids[0])
    attribute = f' class="{css}"' if css else ""
    return f'<a{attribute} href="{href}">{html.escape(name)} {html.escape(_paragraph_label(ids))}</a>'


def article_banner(article_id: str, group: ReprintGroup, by_id: dict[str, Article]) -> str:
    """The line under an article's byline naming its other copies, and the way to compare them."""
    others = [a for a in group.articles if a != article_id]
    names = ", ".join(
        f'<a href="{link(ARTICLE_PAGE, article_path(a))}">{html.escape(copy_name(by_id[a]))}</a>'
        f"{' (the original)' if a == group.original else ''}"
        for a in others
    )
    # One line: on a phone the text must still start on the first screen.
    return (
        f'<p class="reader-reprints"><strong>Also published as:</strong> {names} '
        f"({len(others)} other cop{'y' if len(others) == 1 else 'ies'} in the corpus) · "
        f'<a href="{link(ARTICLE_PAGE, compare_path(group))}">compare the copies</a></p>'
    )


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
                anchor = (
                    f' <a class="reader-counterpart" data-search-exclude href="{href}" '
                    f'title="{html.escape(title)}" aria-label="{html.escape(title)}">⇄{"≠" if differs else ""}</a>'
                )
                counterpart = Counterpart(other_id, tuple(theirs), href, differs, anchor)
                for paragraph in mine:
                    links.setdefault(paragraph, []).append(counterpart)
    return found
