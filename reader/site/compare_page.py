"""The comparison page of a reprint group, and what article pages show of their copies.

Copies are shown side by side, aligned paragraph by paragraph, words only in
the left copy struck through (`del`) and words only in the right copy
underlined (`ins`), each row labelled in words (identical, spelling only,
edited, only in one copy). A checkbox hides spelling-only rows with CSS alone.
On narrow screens the two columns stack.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from reader.model import AlignedPair, Alignment, Article, ReprintGroup, StrandedNote, copy_name
from reader.reprints.align import changes
from reader.site.article_page import front_matter
from reader.site.links import ARTICLE_PAGE, ARTICLES_DIR, link

STATUS_LABELS = {
    "identical": "identical",
    "typography": "typography only",
    "spelling": "spelling only",
    "edited": "edited",
    "only-left": "only in the left copy",
    "only-right": "only in the right copy",
}


def compare_path(group: ReprintGroup) -> str:
    return f"compare/{group.id}.md"


COMPARE_PAGE = "compare/group.md"  # any comparison page, for links made on one


def compared_title(group: ReprintGroup, by_id: dict[str, Article]) -> str:
    first = by_id[group.articles[0]]
    return first.title or first.id


def comparison_page_title(group: ReprintGroup, by_id: dict[str, Article]) -> str:
    """The comparison page's title, as the page and the navigation give it (escaped: themes print it raw)."""
    return html.escape(f"Copies of: {compared_title(group, by_id)}")


def render_comparison(
    group: ReprintGroup, alignments: list[Alignment], by_id: dict[str, Article], stranded: Sequence[StrandedNote] = ()
) -> str:
    title = compared_title(group, by_id)
    copies = "\n".join(
        f"{n}. [{html.escape(_capitalized(copy_name(by_id[a])))}](../{ARTICLES_DIR}/{a}.md){' (the original)' if a == group.original else ''}"
        for n, a in enumerate(group.articles, 1)
    )
    parts = [*front_matter(comparison_page_title(group, by_id)), f"# Copies of “{html.escape(title)}”", "", copies, "",
             f"Order: {html.escape(group.order_basis)}.", ""]  # fmt: skip
    for number, alignment in enumerate(alignments, 1):
        parts += _section(alignment, by_id, f"c{number}")
    if stranded:
        parts += _stranded(stranded, by_id)
    return "\n".join(parts)


def _stranded(stranded: Sequence[StrandedNote], by_id: dict[str, Article]) -> list[str]:
    items = "".join(
        f'<li><a href="{link(COMPARE_PAGE, f"{ARTICLES_DIR}/{s.origin}.md", f"note-{s.note.note.id}")}">'
        f"{html.escape(s.note.note.kind)} note "
        f"on “{html.escape(s.note.note.quote)}”</a>, written for {html.escape(copy_name(by_id[s.origin]))}: "
        f"its quote is not in the aligned passage of {html.escape(copy_name(by_id[s.copy]))}.</li>"
        for s in stranded
    )
    return [
        "## Notes that did not travel",
        "",
        "A note written for one copy is shown on the others where its quote is in the aligned passage. "
        "These notes are not, so they are listed here instead:",
        "",
        f'<ul class="reader-stranded">{items}</ul>',
        "",
    ]


def _section(alignment: Alignment, by_id: dict[str, Article], key: str) -> list[str]:
    left, right = by_id[alignment.left], by_id[alignment.right]
    counts = alignment.counts()
    summary = (
        f"{counts['identical']} identical, {counts['typography']} differ only in typography (quote marks, "
        f"apostrophes, dashes, spaces), {counts['spelling']} only in spelling, {counts['edited']} edited, "
        f"{counts['only-left'] + counts['only-right']} only in one copy"
    )
    toggle = f"{key}-show-minor"
    rows = "".join(_row(pair, left, right, f"{key}-{n}") for n, pair in enumerate(alignment.pairs, 1))
    return [
        f"## {html.escape(_capitalized(copy_name(left)))} and {html.escape(copy_name(right))}",
        "",
        f'<p class="reader-compare-summary">{len(alignment.pairs)} aligned passages: {summary}.</p>',
        "",
        _what_changed(alignment, left, right, key),
        "",
        # Out of the search index: the rows are the articles' own text. (A <section>, as Material's search
        # stops leaving out an element at the first closing tag of the same name: here, a row's </div>.)
        f'<section class="reader-comparison" data-search-exclude><input type="checkbox" id="{toggle}" class="reader-toggle">'
        f'<label for="{toggle}">Show passages that differ only in typography or spelling</label>'
        f'<div class="reader-compare"><div class="reader-row reader-head"><div>{html.escape(copy_name(left))}</div>'
        f"<div>{html.escape(copy_name(right))}</div></div>{rows}</div></section>",
        "",
    ]


# The order edits are listed in: what changes when, or who, before how it is worded.
CHANGE_ORDER = ("date", "name", "number", "wording")


def _what_changed(alignment: Alignment, left: Article, right: Article, key: str) -> str:
    """The edits that change what the text says, dates and names first, each linking to its passage."""
    found = [
        (CHANGE_ORDER.index(change.kind), n, pair, change)
        for n, pair in enumerate(alignment.pairs, 1)
        if pair.status == "edited"
        for change in changes(pair)
    ]
    if not found:
        return '<p class="reader-what-changed">No edit changes what the text says.</p>'
    items = "".join(
        f'<li><a href="#{key}-{n}">{html.escape(_paragraph_label(pair.left))}</a>: '
        f"{html.escape(copy_name(left))} “{html.escape(change.before) or '—'}”, "
        f"{html.escape(copy_name(right))} “{html.escape(change.after) or '—'}” ({change.kind})</li>"
        for _, n, pair, change in sorted(found, key=lambda f: (f[0], f[1]))
    )
    # Out of the search index, as the passages are: it quotes the articles' own words.
    return (
        '<section class="reader-comparison" data-search-exclude><p class="reader-what-changed-title">'
        f'<strong>What changed</strong>, dates and names first:</p><ol class="reader-what-changed">{items}</ol></section>'
    )


def _capitalized(text: str) -> str:
    """A name at the start of a sentence or list item ("the Asia Times copy" as "The Asia Times copy")."""
    return text[:1].upper() + text[1:]


def _paragraph_label(ids: tuple[str, ...]) -> str:
    return "¶" + "–".join(dict.fromkeys([ids[0][1:], ids[-1][1:]])) if ids else ""


def _row(pair: AlignedPair, left: Article, right: Article, row_id: str) -> str:
    left_html = "".join(
        f"<del>{html.escape(s.text)}</del>" if s.op == "delete" else html.escape(s.text)
        for s in pair.diff
        if s.op != "insert"
    )
    right_html = "".join(
        f"<ins>{html.escape(s.text)}</ins>" if s.op == "insert" else html.escape(s.text)
        for s in pair.diff
        if s.op != "delete"
    )
    inline = "".join(
        f"<{'del' if s.op == 'delete' else 'ins'}>{html.escape(s.text)}</{'del' if s.op == 'delete' else 'ins'}>"
        if s.op != "equal"
        else html.escape(s.text)
        for s in pair.diff
    )
    status = STATUS_LABELS[pair.status]
    # The label first, then the two copies side by side; on a phone, one column: the passage once,
    # with what the second copy takes out struck through and what it puts in underlined.
    return (
        f'<div class="reader-row reader-status-{pair.status}" id="{row_id}">'
        f'<p class="reader-status">{status}</p>'
        f'<div class="reader-cell">{_where(left, pair.left)}{left_html}</div>'
        f'<div class="reader-cell">{_where(right, pair.right)}{right_html}</div>'
        f'<div class="reader-inline">{_where(left, pair.left)}{_where(right, pair.right)}{inline}</div>'
        "</div>"
    )


def _where(article: Article, ids: tuple[str, ...]) -> str:
    if not ids:
        return ""
    label = f"{copy_name(article)} {_paragraph_label(ids)}"
    href = link(COMPARE_PAGE, f"{ARTICLES_DIR}/{article.id}.md", ids[0])
    return f'<a class="reader-cell-label" href="{href}">{html.escape(label)}</a> '


def article_banner(article_id: str, group: ReprintGroup, by_id: dict[str, Article]) -> str:
    others = [a for a in group.articles if a != article_id]
    names = ", ".join(
        f'<a href="{link(ARTICLE_PAGE, f"{ARTICLES_DIR}/{a}.md")}">{html.escape(copy_name(by_id[a]))}</a>'
        f"{' (the original)' if a == group.original else ''}"
        for a in others
    )
    return (
        '<div class="admonition abstract reader-reprints"><p class="admonition-title">Also published as</p>'
        f"<p>This text has {len(others)} other cop{'y' if len(others) == 1 else 'ies'} in the corpus: {names}. "
        f'<a href="{link(ARTICLE_PAGE, compare_path(group))}">Compare the copies</a>.</p></div>'
    )


def counterparts(
    alignments: tuple[Alignment, ...], by_id: dict[str, Article], groups: Sequence[ReprintGroup] = ()
) -> dict[str, dict[str, str]]:
    """For every article, by paragraph: links to the counterparts in the other copies. ⇄ leads to the
    other copy's passage; ⇄≠, where the wording differs, to the two wordings side by side on the
    comparison page (its row; a row hidden there for a typography or spelling change shows when
    linked). One pass over the alignments for the whole corpus."""
    group_of = {a: g for g in groups for a in g.articles}
    sections: dict[str, int] = {}  # each comparison page's sections so far, numbered as render_comparison does
    found: dict[str, dict[str, str]] = {}
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
                differs = pair.status != "identical"
                title = f"Also in {copy_name(other)}, ¶{theirs[0][1:]}: " + (
                    "worded differently; the two wordings side by side" if differs else "the same wording"
                )
                href = (
                    link(ARTICLE_PAGE, compare_path(group), f"c{section}-{row}")
                    if differs and group is not None
                    else link(ARTICLE_PAGE, f"{ARTICLES_DIR}/{other.id}.md", theirs[0])
                )
                anchor = (
                    f' <a class="reader-counterpart" data-search-exclude href="{href}" '
                    f'title="{html.escape(title)}" aria-label="{html.escape(title)}">⇄{"≠" if differs else ""}</a>'
                )
                for paragraph in mine:
                    links[paragraph] = links.get(paragraph, "") + anchor
    return found
