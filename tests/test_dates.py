"""Dates: one parser, one formatter, one order of an article's date fields (reader/dates.py)."""

from dataclasses import replace
from datetime import date

import pytest

from bench.corpus_generator import article
from reader.dates import day, iso_date, iso_datetime, iso_day, written, written_date
from reader.model import Metadata, display_date, listed_date, own_date


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("2024-07-11", date(2024, 7, 11)),
        ("2024-07-11T04:47:08+00:00", date(2024, 7, 11)),  # a feed item's date and time
        ("2024-13-01", None),  # no thirteenth month
        ("11 July 2024", None),  # written out: `iso_date` reads those in a text
        ("", None),
    ],
)
def test_a_date_is_read_from_its_iso_form_alone(value, parsed):
    assert day(value) == parsed


def test_a_day_is_written_as_people_write_it_and_anything_else_is_left_as_it_is():
    assert written(date(2024, 7, 1)) == "1 July 2024"
    assert written_date("2024-07-11T04:47:08+00:00") == "11 July 2024"
    assert written_date("sometime in 2024") == "sometime in 2024"


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Posted April 19, 2023 by", "2023-04-19"), ("19 Apr. 2023", "2023-04-19"), ("30 February 2023", "")],
)
def test_a_date_written_in_a_text_is_read_as_iso(text, iso):
    assert iso_date(text) == iso


def test_a_feeds_date_keeps_its_time():
    assert iso_datetime("Thu, 25 Jul 2024 09:29:01 +0000") == "2024-07-25T09:29:01+00:00"


@pytest.mark.parametrize(
    ("stated", "listed", "own"),
    [
        (
            {"published": "2024-03-01", "item_date": "2024-03-02T10:00:00+00:00", "captured": "2024-07-13"},
            (date(2024, 3, 1), "published"),
            (date(2024, 3, 1), "published"),
        ),
        (
            {"item_date": "2024-03-02T10:00:00+00:00", "first_published": "2023-01-01"},
            (date(2024, 3, 2), "item_date"),
            (date(2024, 3, 2), "feed"),
        ),
        (
            {"first_published": "2023-01-01", "captured": "2024-07-13"},
            (date(2023, 1, 1), "first_published"),  # listed by when the text first appeared...
            (date(2024, 7, 13), "captured"),  # ...but ordered among its copies by its own capture
        ),
        ({}, (None, ""), (None, "")),
    ],
)
def test_an_article_is_listed_by_its_dates_in_one_order(stated, listed, own):
    dated = replace(article("a", ["Some text of the article."]), metadata=Metadata(**stated))
    assert listed_date(dated) == listed and display_date(dated) == listed[0]
    assert own_date(dated) == own


def test_a_capture_date_becomes_its_day_as_iso_text():
    assert iso_day("2024-07-13T09:14:02Z") == "2024-07-13"
    assert iso_day("not a date") == ""
