"""Long lists as pages of at most `LIST_PAGE_MAX` entries, with previous and next links.

A browse page, the timeline's list or a glossary term's uses grows with the
corpus; one page listing 20,000 articles is slow to open and useless to read.
`paginate` cuts a list of entries, each under a section heading, into pages
`name.md`, `name-2.md`, … beside each other (so an entry's relative links hold
on every page). A section that runs over a page break is headed again ("…
(continued)"); `located` tells links elsewhere which page holds an anchor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.site.links import link
from reader.site.templating import front_matter, macros

LIST_PAGE_MAX = 100
# A later page of a list: `timeline-2.md` beside `timeline.md`.
LATER_PAGE = re.compile(r"(.+)-\d+\.md")


@dataclass(frozen=True)
class Entry:
    """One list item (Markdown, from a macro of `templates/lists.md`) under a section heading (plain text).
    `section_id` is the heading's id (the same on every entry of the section); `anchor` an id in the line."""

    section: str
    line: str
    section_id: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class Paginated:
    """The pages as source path and Markdown, and the page each anchor (of a section or an entry) is on."""

    files: dict[str, str]
    page_of: dict[str, str]


def page_source(first: str, number: int) -> str:
    """The source of page `number` of a list whose first page is `first` (`browse/dates.md`)."""
    return first if number == 1 else f"{first[: -len('.md')]}-{number}.md"


def located(first: str, entries: list[Entry]) -> dict[str, str]:
    """The page each section id and entry anchor lands on (a section's id: where the section starts)."""
    where: dict[str, str] = {}
    for index, entry in enumerate(entries):
        page = page_source(first, index // LIST_PAGE_MAX + 1)
        for anchor in (entry.section_id, entry.anchor):
            if anchor:
                where.setdefault(anchor, page)
    return where


def paginate(
    first: str, title: str, intro: Sequence[str], entries: list[Entry], empty: str = "", lead: Sequence[str] = ()
) -> Paginated:
    """The list's pages. Every page has the title (with "page k of n" after the first), the intro, and
    the pager above and below the list; `lead` (a picture) follows the intro on the first page only."""
    chunks = [entries[i : i + LIST_PAGE_MAX] for i in range(0, len(entries), LIST_PAGE_MAX)] or [[]]
    files: dict[str, str] = {}
    lists = macros("lists.md")
    for number, chunk in enumerate(chunks, start=1):
        heading = title if number == 1 else f"{title} (page {number} of {len(chunks)})"
        pager = _pager(first, number, len(chunks))
        parts = [*front_matter(heading, searched=False), lists.heading(heading), "", *intro, ""]
        parts += [*lead, "", pager, ""] if number == 1 else [pager, ""]
        if not entries and empty:
            parts += [empty, ""]
        # A page that starts inside a section heads it again.
        section = entries[(number - 1) * LIST_PAGE_MAX - 1].section if number > 1 else None
        for index, entry in enumerate(chunk):
            if entry.section != section or index == 0:
                continued = entry.section == section
                section = entry.section
                if section:
                    parts += ["", lists.section(section, continued, "" if continued else entry.section_id), ""]
            parts.append(entry.line)
        parts += ["", pager]
        files[page_source(first, number)] = re.sub(r"\n{3,}", "\n\n", "\n".join(parts)).strip("\n") + "\n"
    return Paginated(files, located(first, entries))


def _pager(first: str, number: int, total: int) -> str:
    """ "Page 2 of 5 · ← Previous · Next →", as links from page `number`; nothing for a one-page list."""
    if total == 1:
        return ""
    here = page_source(first, number)
    parts = [f"Page {number} of {total}"]
    if number > 1:
        parts.append(f"[← Previous]({link(here, page_source(first, number - 1))})")
    if number < total:
        parts.append(f"[Next →]({link(here, page_source(first, number + 1))})")
    return " · ".join(parts)
