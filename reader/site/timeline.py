"""The timeline: the noted events and the articles' dates, as a picture and as a list.

The picture is an SVG drawn here, at build time (no charting script): a time
axis, the noted events above it and the articles below, each mark a link to
its passage or page. Notes that date the same day (two notes date Putin's
Valdai remark) are one event, with every passage that mentions it. It is
drawn twice, for a wide and a narrow screen, so that its words stay legible
on a phone; the stylesheet shows one. The list below it says the same in
words, for screen readers and for print. On a phone, where nothing hovers to
say what a mark is, each mark carries a number, and leads to the entry of the
list with that number, which says what it is and links to it.
"""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.annotations.markup import attribute, plain_text
from reader.model import AnnotatedArticle, display_date
from reader.site.article_page import count, md_escape
from reader.site.links import PAGE_TITLES, article_path
from reader.site.listing import Entry, located, paginate
from reader.text import written_date


@dataclass(frozen=True)
class Passage:
    """Where a note about an event sits: an article's paragraph."""

    title: str
    paragraph: str
    page: str

    @property
    def link(self) -> str:
        return f"{self.page}#{self.paragraph}"


@dataclass(frozen=True)
class Event:
    """A day the notes date, told by its shortest note, with every passage whose note dates it."""

    date: datetime.date
    text: str
    passages: tuple[Passage, ...]

    @property
    def anchor(self) -> str:
        return f"event-{self.date.isoformat()}"


@dataclass(frozen=True)
class ArticleDate:
    """An article's date: published, its original's publication, in the feed or captured."""

    date: datetime.date
    what: str
    title: str
    page: str
    shown: bool  # the date the article is listed under (`display_date`), drawn in the picture

    @property
    def anchor(self) -> str:
        article = self.page.rsplit("/", 1)[-1].removesuffix(".md")
        return f"article-{article}-{self.what.replace(' ', '-')}"


@dataclass(frozen=True)
class Layout:
    """The picture's size in SVG units; the page scales it to the column's width."""

    width: int
    left: int  # room for the lane names
    name: str
    numbered: bool  # each mark numbered and linked to its entry in the list (no hover on a phone)
    spacing: int  # the least distance between two marks in one row


WIDE = Layout(width=720, left=76, name="wide", numbered=False, spacing=26)
NARROW = Layout(width=360, left=64, name="narrow", numbered=True, spacing=36)
RIGHT = 14
ROW = 26  # the height of a row of marks, and the least distance between two marks in one row
MARK = 5
TARGET = 14  # a mark's tappable radius: 24 px or more on a phone 360 px wide
LABEL_GAP = 34  # the least distance between two year names
LANE_MARKS = 200  # a lane with more marks than this is not drawn (the list has them)


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def timeline_events(annotated: Iterable[AnnotatedArticle], titles: dict[str, str]) -> list[Event]:
    """The dated notes, one event per day, in order; a note shown in another copy counts once."""
    by_day: dict[datetime.date, list[tuple[str, Passage]]] = {}
    for item in annotated:
        page = article_path(item.article.id)
        for placed in item.notes:
            if placed.note.date and not placed.origin:
                text = plain_text(placed.note.text or placed.note.quote)
                passage = Passage(titles[item.article.id], placed.place.paragraph, page)
                by_day.setdefault(placed.note.date, []).append((text, passage))
    return [
        Event(day, min((text for text, _ in told), key=lambda t: (len(t), t)), tuple(p for _, p in told))
        for day, told in sorted(by_day.items())
    ]


def article_dates(annotated: Iterable[AnnotatedArticle], titles: dict[str, str]) -> list[ArticleDate]:
    found = []
    for item in annotated:
        article, meta = item.article, item.article.metadata
        listed = display_date(article)[:10]
        for value, what in (
            (meta.first_published, "its original published"),
            (meta.published, "published"),
            (meta.item_date[:10], "in the feed"),
            (meta.captured, "page captured"),
        ):
            day = _day(value) if value else None
            if day:
                shown = value[:10] == listed
                listed = "" if shown else listed  # one mark per article
                page = article_path(article.id)
                found.append(ArticleDate(day, what, titles[article.id], page, shown))
    return sorted(found, key=lambda d: (d.date, d.title, d.what))


def render_timeline(annotated: tuple[AnnotatedArticle, ...], titles: dict[str, str]) -> dict[str, str]:
    """The timeline's pages: the picture and the list's first page, then the rest of the list. Each
    mark the picture draws has its number in the list, as the phone's layout shows it."""
    events, dates = timeline_events(annotated, titles), article_dates(annotated, titles)
    drawn_events, drawn_dates = drawn(events, dates)
    lines = [(e.date.isoformat(), _event_line(e), e.anchor) for e in events]
    lines += [
        (d.date.isoformat(), f'<span id="{d.anchor}"></span>[{md_escape(d.title)}]({d.page}) {d.what}', d.anchor)
        for d in dates
    ]
    lines.sort(key=lambda x: x[0])
    marked = {e.anchor for e in drawn_events} | {d.anchor for d in drawn_dates}
    numbers = {anchor: n for n, anchor in enumerate((a for _, _, a in lines if a in marked), 1)}
    entries = [
        Entry(date[:4], f"- **{date}**{_number(numbers.get(anchor))} {line}", anchor=anchor)
        for date, line, anchor in lines
    ]
    first = "timeline.md"
    where = located(first, entries)
    figure = (
        [timeline_figure(events, dates, lambda anchor: _link_from(first, where[anchor], anchor), numbers)]
        if lines
        else []
    )
    intro = [
        "The events the notes date, and the articles' own dates. Each mark links to its passage (on a "
        "phone, to its numbered entry in the list below, which says the same in words)."
    ]
    return paginate(first, PAGE_TITLES[first], intro, entries, lead=figure).files


def _number(n: int | None) -> str:
    return f' <span class="reader-timeline-n" aria-hidden="true">{n}</span>' if n else ""


def _link_from(page: str, target: str, anchor: str) -> str:
    return f"#{anchor}" if target == page else f"{target}#{anchor}"


def _event_line(event: Event) -> str:
    where = ", ".join(f"[{md_escape(p.title)} ¶{p.paragraph[1:]}]({p.link})" for p in event.passages)
    return f'<span id="{event.anchor}"></span>{md_escape(_shorten(event.text))} ({where})'


def _shorten(text: str, limit: int = 180) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def drawn(events: list[Event], dates: list[ArticleDate]) -> tuple[list[Event], list[ArticleDate]]:
    """The marks the picture draws: the events, and each article at the date it is listed under;
    a lane of more than `LANE_MARKS` marks is left out (it would be a block of ink, and a page of
    marks): the list holds them all."""
    shown = [d for d in dates if d.shown]
    return (events if len(events) <= LANE_MARKS else [], shown if len(shown) <= LANE_MARKS else [])


def timeline_figure(
    events: list[Event],
    dates: list[ArticleDate],
    listed: Callable[[str], str] = lambda anchor: f"#{anchor}",
    numbers: dict[str, int] | None = None,
) -> str:
    """The picture in both layouts, on one line (a Markdown HTML block must not hold a blank line).
    A mark links to its entry in the list (`listed`, by anchor) where it stands for several passages,
    and in the phone's layout, where it shows its number (`numbers`, by anchor) as the list does."""
    shown = [d for d in dates if d.shown]
    drawn_events, drawn_dates = drawn(events, dates)
    days = [e.date for e in drawn_events] + [d.date for d in drawn_dates]
    left_out = [
        f"{count(len(lane), noun)}, too many to draw, are in the list"
        for lane, drawn_lane, noun in ((events, drawn_events, "noted event"), (shown, drawn_dates, "article date"))
        if lane and not drawn_lane
    ]
    if not days:
        return f'<p class="reader-timeline-left-out">No picture: the {"; the ".join(left_out)}.</p>' if left_out else ""
    first, last = min(days).year, max(days).year
    numbered = numbers or {}
    svgs = "".join(_svg(layout, drawn_events, drawn_dates, days, listed, numbered) for layout in (WIDE, NARROW))
    above = f"{count(len(events), 'noted event')} above the line" if drawn_events else ""
    below = f"{count(len(shown), 'article')} below it" if drawn_dates else ""
    said = "; ".join(filter(None, [", ".join(filter(None, [above, below])) + f", {first} to {last}", *left_out]))
    return (
        f'<figure class="reader-timeline-figure">{svgs}<figcaption>{said}; a break in the line '
        "leaves out years with neither.</figcaption></figure>"
    )


@dataclass(frozen=True)
class Scale:
    """Years across the picture's width, each as wide as the next. A run of empty years is cut
    out, shown as a break in the line: one event in 1999 must not squeeze the rest into a corner."""

    runs: tuple[tuple[int, int], ...]  # the first and last year of each stretch of the line
    left: float
    year: float  # a year's width

    @classmethod
    def over(cls, days: Iterable[datetime.date], left: float, right: float) -> Scale:
        runs: list[tuple[int, int]] = []
        for year in sorted({d.year for d in days}):
            if runs and year - runs[-1][1] <= EMPTY_YEARS_KEPT + 1:
                runs[-1] = (runs[-1][0], year)
            else:
                runs.append((year, year))
        slots = sum(last - first + 1 for first, last in runs) + BREAK * (len(runs) - 1)
        return cls(tuple(runs), left, (right - left) / slots)

    @functools.cached_property
    def stretches(self) -> list[tuple[int, int, float, float]]:
        """Each stretch's first and last year, and where it starts and ends."""
        found, at = [], self.left
        for first, last in self.runs:
            end = at + self.year * (last - first + 1)
            found.append((first, last, at, end))
            at = end + self.year * BREAK
        return found

    def x(self, day: datetime.date) -> float:
        first, _, start, _ = next(s for s in self.stretches if s[0] <= day.year <= s[1])
        january = datetime.date(day.year, 1, 1)
        length = (datetime.date(day.year + 1, 1, 1) - january).days
        return start + self.year * (day.year - first + (day - january).days / length)


EMPTY_YEARS_KEPT = 2  # empty years the line keeps before it breaks
BREAK = 0.6  # a break's width, in years


def _svg(
    layout: Layout,
    events: list[Event],
    dates: list[ArticleDate],
    days: list[datetime.date],
    listed: Callable[[str], str],
    numbers: dict[str, int],
) -> str:
    scale = Scale.over(days, layout.left, layout.width - RIGHT)
    event_rows = _rows([scale.x(e.date) for e in events], layout.spacing)
    date_rows = _rows([scale.x(d.date) for d in dates], layout.spacing)
    axis = (max(event_rows, default=0) + 1) * ROW + ROW // 2
    below = axis + 28  # under the year labels
    height = below + (max(date_rows, default=0) + 1) * ROW + 4
    parts = [
        *_axis(scale, axis),
        f'<text class="reader-timeline-lane" x="0" y="{ROW // 2 + 4}">Events</text>',
        f'<text class="reader-timeline-lane" x="0" y="{below + ROW // 2 + 4}">Articles</text>',
    ]
    number: Callable[[str], int | None] = numbers.get if layout.numbered else lambda anchor: None
    for event, row in zip(events, event_rows, strict=True):
        many = len(event.passages) > 1
        href = listed(event.anchor) if many or layout.numbered else event.passages[0].link
        said = f" ({len(event.passages)} passages)" if many else f" ({event.passages[0].title})"
        label = f"{written_date(event.date.isoformat())}: {_shorten(event.text, 120)}{said}"
        y = ROW // 2 + row * ROW
        parts.append(_mark(href, label, scale.x(event.date), y, "event", number(event.anchor)))
    for date, row in zip(dates, date_rows, strict=True):
        label = f"{date.title}, {date.what} {written_date(date.date.isoformat())}"
        href = listed(date.anchor) if layout.numbered else date.page
        y = below + ROW // 2 + row * ROW
        parts.append(_mark(href, label, scale.x(date.date), y, "article", number(date.anchor)))
    years = f"{scale.runs[0][0]} to {scale.runs[-1][1]}"
    return (
        f'<svg class="reader-timeline reader-timeline-{layout.name}" viewBox="0 0 {layout.width} {height}" '
        f'role="group" aria-label="Timeline, {years}">{"".join(parts)}</svg>'
    )


def _rows(xs: list[float], spacing: int = ROW) -> list[int]:
    """A row for each mark, in order: the first in which it keeps clear of the mark before it (and
    of its number)."""
    ends: list[float] = []
    rows = []
    for value in xs:
        row = next((i for i, end in enumerate(ends) if value - end >= spacing), len(ends))
        if row == len(ends):
            ends.append(value)
        ends[row] = value
        rows.append(row)
    return rows


def _axis(scale: Scale, y: int) -> list[str]:
    """The line, stretch by stretch, a break between them; a tick between years, and each year's
    name in its middle as often as there is room for one."""
    parts, named = [], -LABEL_GAP * 2.0
    for first, last, start, end in scale.stretches:
        if start > scale.left:
            gap = start - scale.year * BREAK / 2
            parts += [
                f'<line class="reader-timeline-break" x1="{gap - 6:.1f}" y1="{y + 5}" x2="{gap - 2:.1f}" y2="{y - 5}"/>',
                f'<line class="reader-timeline-break" x1="{gap + 2:.1f}" y1="{y + 5}" x2="{gap + 6:.1f}" y2="{y - 5}"/>',
            ]
        parts.append(f'<line class="reader-timeline-axis" x1="{start:.1f}" y1="{y}" x2="{end:.1f}" y2="{y}"/>')
        for year in range(first, last + 2):
            at = start + scale.year * (year - first)
            parts.append(f'<line class="reader-timeline-tick" x1="{at:.1f}" y1="{y - 4}" x2="{at:.1f}" y2="{y + 4}"/>')
            middle = at + scale.year / 2
            if year <= last and middle - named >= LABEL_GAP:
                parts.append(f'<text class="reader-timeline-year" x="{middle:.1f}" y="{y + 20}">{year}</text>')
                named = middle
    return parts


def _mark(href: str, label: str, at: float, y: int, kind: str, number: int | None = None) -> str:
    """A mark that links: a dot for an event, a square for an article (told apart by shape, not only
    colour), its number after it when it has one."""
    tip = html.escape(label, quote=False)
    shape = (
        f'<circle class="reader-timeline-event" cx="{at:.1f}" cy="{y}" r="{MARK}"/>'
        if kind == "event"
        else f'<rect class="reader-timeline-article" x="{at - MARK:.1f}" y="{y - MARK}" width="{2 * MARK}" height="{2 * MARK}"/>'
    )
    # `xlink:href`, not `href`: Material's instant navigation rewrites every `[href]` in the page, which
    # an SVG link does not allow (its `href` is read-only); the browser follows either.
    said = f'<text class="reader-timeline-n" x="{at + MARK + 2:.1f}" y="{y + 4}">{number}</text>' if number else ""
    return (
        f'<a xlink:href="{attribute(href)}" aria-label="{attribute(label)}"><title>{tip}</title>'
        f'<circle class="reader-timeline-target" cx="{at:.1f}" cy="{y}" r="{TARGET}"/>{shape}{said}</a>'
    )
