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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from reader.annotations.markup import plain_text
from reader.dates import day, written
from reader.model import AnnotatedArticle, display_date
from reader.site.links import PAGE_TITLES, article_path
from reader.site.listing import Entry, located, paginate
from reader.site.templating import macros, plural


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
        Event(when, min((text for text, _ in told), key=lambda t: (len(t), t)), tuple(p for _, p in told))
        for when, told in sorted(by_day.items())
    ]


def article_dates(annotated: Iterable[AnnotatedArticle], titles: dict[str, str]) -> list[ArticleDate]:
    found = []
    for item in annotated:
        article, meta = item.article, item.article.metadata
        listed = display_date(article)
        for value, what in (
            (meta.first_published, "its original published"),
            (meta.published, "published"),
            (meta.item_date, "in the feed"),
            (meta.captured, "page captured"),
        ):
            when = day(value)
            if when:
                shown = when == listed
                listed = None if shown else listed  # one mark per article
                page = article_path(article.id)
                found.append(ArticleDate(when, what, titles[article.id], page, shown))
    return sorted(found, key=lambda d: (d.date, d.title, d.what))


def render_timeline(events: list[Event], dates: list[ArticleDate]) -> dict[str, str]:
    """The timeline's pages (of the dated notes' `timeline_events` and the `article_dates`): the picture
    and the list's first page, then the rest of the list. Each mark the picture draws has its number in
    the list, as the phone's layout shows it."""
    drawn_events, drawn_dates = drawn(events, dates)
    page = macros("timeline")
    lines = [(e.date, page.event_line(e, _shorten(e.text)), e.anchor) for e in events]
    lines += [(d.date, page.date_line(d), d.anchor) for d in dates]
    lines.sort(key=lambda x: x[0])
    marked = {e.anchor for e in drawn_events} | {d.anchor for d in drawn_dates}
    numbers = {anchor: n for n, anchor in enumerate((a for _, _, a in lines if a in marked), 1)}
    entries = [
        Entry(str(when.year), page.entry(when.isoformat(), numbers.get(anchor), line), anchor=anchor)
        for when, line, anchor in lines
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


def _link_from(page: str, target: str, anchor: str) -> str:
    return f"#{anchor}" if target == page else f"{target}#{anchor}"


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
) -> Markup:
    """The picture in both layouts, on one line (a Markdown HTML block must not hold a blank line).
    A mark links to its entry in the list (`listed`, by anchor) where it stands for several passages,
    and in the phone's layout, where it shows its number (`numbers`, by anchor) as the list does."""
    shown = [d for d in dates if d.shown]
    drawn_events, drawn_dates = drawn(events, dates)
    days = [e.date for e in drawn_events] + [d.date for d in drawn_dates]
    left_out = [
        f"{plural(len(lane), noun)}, too many to draw, are in the list"
        for lane, drawn_lane, noun in ((events, drawn_events, "noted event"), (shown, drawn_dates, "article date"))
        if lane and not drawn_lane
    ]
    if not days:
        return macros("timeline").no_picture(left_out) if left_out else Markup()
    first, last = min(days).year, max(days).year
    numbered = numbers or {}
    svgs = [_svg(layout, drawn_events, drawn_dates, days, listed, numbered) for layout in (WIDE, NARROW)]
    above = f"{plural(len(events), 'noted event')} above the line" if drawn_events else ""
    below = f"{plural(len(shown), 'article')} below it" if drawn_dates else ""
    said = "; ".join(filter(None, [", ".join(filter(None, [above, below])) + f", {first} to {last}", *left_out]))
    return macros("timeline").figure(svgs, said)


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
) -> Markup:
    page = macros("timeline")
    scale = Scale.over(days, layout.left, layout.width - RIGHT)
    event_rows = _rows([scale.x(e.date) for e in events], layout.spacing)
    date_rows = _rows([scale.x(d.date) for d in dates], layout.spacing)
    axis = (max(event_rows, default=0) + 1) * ROW + ROW // 2
    below = axis + 28  # under the year labels
    height = below + (max(date_rows, default=0) + 1) * ROW + 4
    lanes = [(ROW // 2 + 4, "Events"), (below + ROW // 2 + 4, "Articles")]
    marks = []
    number: Callable[[str], int | None] = numbers.get if layout.numbered else lambda anchor: None
    for event, row in zip(events, event_rows, strict=True):
        many = len(event.passages) > 1
        href = listed(event.anchor) if many or layout.numbered else event.passages[0].link
        said = f" ({len(event.passages)} passages)" if many else f" ({event.passages[0].title})"
        label = f"{written(event.date)}: {_shorten(event.text, 120)}{said}"
        y = ROW // 2 + row * ROW
        marks.append(page.mark(href, label, scale.x(event.date), y, "event", number(event.anchor), MARK, TARGET))
    for date, row in zip(dates, date_rows, strict=True):
        label = f"{date.title}, {date.what} {written(date.date)}"
        href = listed(date.anchor) if layout.numbered else date.page
        y = below + ROW // 2 + row * ROW
        marks.append(page.mark(href, label, scale.x(date.date), y, "article", number(date.anchor), MARK, TARGET))
    years = f"{scale.runs[0][0]} to {scale.runs[-1][1]}"
    return page.svg(layout, height, years, _axis(scale), axis, lanes, marks)


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


@dataclass(frozen=True)
class Tick:
    """A tick at a year's start, and where that year's middle is, with its name when it is shown."""

    at: float
    middle: float
    year: int | None


@dataclass(frozen=True)
class Stretch:
    """A stretch of the line as drawn, from `start` to `end`, the break before it at `gap` (none
    before the first)."""

    start: float
    end: float
    gap: float | None
    ticks: tuple[Tick, ...]


def _axis(scale: Scale) -> list[Stretch]:
    """The line, stretch by stretch, a break between them; a tick between years, and each year's
    name in its middle as often as there is room for one."""
    stretches, named = [], -LABEL_GAP * 2.0
    for first, last, start, end in scale.stretches:
        ticks = []
        for year in range(first, last + 2):
            at = start + scale.year * (year - first)
            middle = at + scale.year / 2
            shown = year <= last and middle - named >= LABEL_GAP
            named = middle if shown else named
            ticks.append(Tick(at, middle, year if shown else None))
        gap = start - scale.year * BREAK / 2 if start > scale.left else None
        stretches.append(Stretch(start, end, gap, tuple(ticks)))
    return stretches
