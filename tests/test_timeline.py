"""The timeline: one event per day the notes date, drawn as an SVG at build time and listed in words."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from bs4 import BeautifulSoup

from reader.model import display_date
from reader.site.render import shown_titles
from reader.site.templating import macros
from reader.site.timeline import (
    NARROW,
    ROW,
    WIDE,
    ArticleDate,
    Event,
    Passage,
    Scale,
    article_dates,
    render_timeline,
    timeline_events,
    timeline_figure,
)

VALDAI = datetime.date(2020, 10, 22)


@pytest.fixture(scope="module")
def events(corpus):
    return timeline_events(corpus.annotated, shown_titles(corpus))


@pytest.fixture(scope="module")
def page(corpus):
    titles = shown_titles(corpus)
    pages = render_timeline(timeline_events(corpus.annotated, titles), article_dates(corpus.annotated, titles))
    (page,) = pages.values()  # a list under 100: one page
    return page


def test_notes_that_date_the_same_day_are_one_event_with_every_passage(events):
    """Two notes date Putin's Valdai remark: one event, told by the shorter of them, two passages."""
    (valdai,) = [e for e in events if e.date == VALDAI]
    assert [p.page.split("/")[1] for p in valdai.passages] == [
        "china-russia-circle-wagons-asia-pacific-asia-times.md",
        "china-russia-into-deeper-relations-military.md",
    ]
    assert valdai.text.startswith("Putin made the remark at the Valdai Discussion Club on 22 October 2020")
    assert len({e.date for e in events}) == len(events)
    assert events == sorted(events, key=lambda e: e.date)


def test_the_list_gives_each_event_once_with_a_link_to_each_passage(page, events):
    lines = [line for line in page.splitlines() if line.startswith("- **2020-10-22**")]
    assert len(lines) == 1
    assert re.findall(r"\]\((articles/[^)]+)\)", lines[0]) == [p.link for p in events_on(events, VALDAI).passages]
    assert '<span id="event-2020-10-22"></span>' in lines[0]


def events_on(events, day):
    return next(e for e in events if e.date == day)


def test_the_picture_has_a_mark_linking_to_each_event_and_article_in_each_layout(corpus, page, events):
    """Wide, a mark leads to its passage (to the list where it stands for several); on a phone, where
    nothing hovers, each mark carries the number of its entry in the list, and leads there."""
    (figure,) = [line for line in page.splitlines() if line.startswith("<figure")]
    wide, narrow = re.findall(r"<svg .*?</svg>", figure)
    assert 'class="reader-timeline reader-timeline-wide"' in wide
    assert 'class="reader-timeline reader-timeline-narrow"' in narrow
    articles = len([a for a in corpus.articles if display_date(a)])
    hrefs = re.findall(r'<a xlink:href="([^"]+)"', wide)
    assert len(hrefs) == len(events) + articles
    assert "#event-2020-10-22" in hrefs  # several passages: the mark leads to the list, which names them all
    lone = next(e for e in events if len(e.passages) == 1)
    assert lone.passages[0].link in hrefs
    assert {f"articles/{a.id}.md" for a in corpus.articles if display_date(a)} <= set(hrefs)
    assert wide.count("<title>") == len(hrefs)  # each mark says what it is
    assert "reader-timeline-n" not in wide
    marks = re.findall(r'<a xlink:href="#([^"]+)".*?<text class="reader-timeline-n"[^>]*>(\d+)</text></a>', narrow)
    assert len(marks) == len(events) + articles
    numbered = dict(
        re.findall(
            r'^- \*\*[\d-]+\*\* <span class="reader-timeline-n"[^>]*>(\d+)</span> <span id="([^"]+)">', page, re.M
        )
    )
    assert sorted(marks, key=lambda m: int(m[1])) == [(numbered[str(n)], str(n)) for n in range(1, len(marks) + 1)]
    assert "<script" not in figure and "\n" not in figure  # one line: a Markdown HTML block


def test_no_two_marks_in_a_row_overlap(corpus, events):
    dates = [d for d in article_dates(corpus.annotated, shown_titles(corpus)) if d.shown]
    figure = timeline_figure(events, dates)
    for svg, layout in zip(re.findall(r"<svg .*?</svg>", figure), (WIDE, NARROW), strict=True):
        marks = [
            (float(x), int(y)) for x, y in re.findall(r'class="reader-timeline-target" cx="([\d.]+)" cy="(\d+)"', svg)
        ]
        for row in {y for _, y in marks}:
            xs = sorted(x for x, y in marks if y == row)
            assert all(b - a >= layout.spacing >= ROW for a, b in itertools.pairwise(xs)), (row, xs)
        assert len(set(marks)) == len(marks)


def test_empty_years_are_cut_out_of_the_line():
    """One event in 1999 and the rest from 2018: the line breaks between them, each year as wide;
    two empty years in a row stay on the line, three make a break."""
    days = [
        datetime.date(1999, 5, 7),
        datetime.date(2018, 9, 20),
        datetime.date(2020, 1, 1),
        datetime.date(2023, 7, 25),
    ]
    scale = Scale.over(days, NARROW.left, NARROW.width)
    assert scale.runs == ((1999, 1999), (2018, 2023))
    assert scale.x(datetime.date(2018, 1, 1)) - scale.x(datetime.date(1999, 1, 1)) < 2 * scale.year
    assert scale.x(datetime.date(2023, 12, 31)) <= NARROW.width
    assert Scale.over([datetime.date(2019, 1, 1), datetime.date(2023, 1, 1)], 0, 100).runs == (
        (2019, 2019),
        (2023, 2023),
    )


def test_every_dated_article_is_drawn_once(corpus):
    dates = article_dates(corpus.annotated, shown_titles(corpus))
    dated = [a for a in corpus.articles if display_date(a)]
    assert 0 < len(dated) < len(corpus.articles)  # two of the seeds' articles give no date at all
    assert sorted(d.page for d in dates if d.shown) == sorted(f"articles/{a.id}.md" for a in dated)


def test_a_lane_too_full_to_draw_is_left_out_and_the_page_says_so():
    from reader.site.timeline import LANE_MARKS, ArticleDate

    day = datetime.date(2024, 5, 1)
    many = [ArticleDate(day, "published", f"Report {n}", f"articles/r{n}.md", True) for n in range(LANE_MARKS + 1)]
    figure = timeline_figure([], many)
    assert "<svg" not in figure
    assert f"No picture: the {LANE_MARKS + 1:,} article dates, too many to draw, are in the list." in figure


HOSTILE = "<script>alert(\"x\")</script> & 'quotes'"


def test_the_timeline_shows_a_title_as_text_in_the_list_and_the_picture():
    day = datetime.date(2024, 5, 1)
    event = Event(day, HOSTILE, (Passage(HOSTILE, "p3", "articles/a.md"),))
    dated = ArticleDate(day, "published", HOSTILE, "articles/a.md", True)
    figure = timeline_figure([event], [dated])
    assert "<script>" not in figure and "\n" not in figure
    titles = [t.get_text() for t in BeautifulSoup(figure, "html.parser").find_all("title")]
    assert titles and all(HOSTILE in t for t in titles)
    line = macros("timeline").event_line(event, HOSTILE)
    assert "<script>" not in line and "[&lt;script&gt;" in line  # a Markdown link's text, escaped
