"""Load: decoding, and recognising each format from the content, never the file name."""

import pytest

from reader.errors import SeedError
from reader.load import read_seed

from .conftest import FIXTURES, SEEDS


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_d4932bf2154f5a6f.txt", "webpage"),
        ("001_8f1cf0a67f0836c4.txt", "markdown"),
        ("002_d566bb28321c3257.txt", "plain"),
        ("003_d9c05a133f4aaaab.txt", "plain"),
        ("004_59bd7e55a98dfd6a.txt", "feed"),
    ],
)
def test_each_seed_format_is_recognised_from_its_content(name, expected):
    data = (SEEDS / name).read_bytes()
    assert read_seed(name, data).format == expected
    # The name plays no part: the same bytes under another name are the same format.
    assert read_seed("renamed.html", data).format == expected


@pytest.mark.parametrize(
    "fixture, expected",
    [("page.html", "html"), ("clean-article.txt", "plain"), ("feed-two-items.txt", "feed")],
)
def test_fixture_formats(fixture, expected):
    assert read_seed(fixture, (FIXTURES / fixture).read_bytes()).format == expected


def test_byte_order_mark_and_crlf_line_endings_are_read_as_plain_utf8():
    original = (SEEDS / "002_d566bb28321c3257.txt").read_bytes()
    windows = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
    assert read_seed("x.txt", windows).text == read_seed("x.txt", original).text


@pytest.mark.parametrize(
    "data, message, fix",
    [
        (b"", "the seed is empty", "removing the file"),
        (b"  \n\n \t\n", "the seed is empty", "removing the file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", "saving the article as plain text"),
        ("Café au lait, a paragraph of prose that has more than eight words.".encode("latin-1"), "not UTF-8", "iconv"),
        (b"Menu\n\nHome\n\nAbout us", "format is not recognised", "at least one paragraph"),
        (b'<?xml version="1.0"?><rss><channel></channel></rss>', "XML", "saving the feed as text"),
        (b'{"title": "not an article"}', "JSON", "saving the article"),
    ],
)
def test_unreadable_seeds_get_an_error_that_names_the_file_and_the_fix(data, message, fix):
    with pytest.raises(SeedError) as caught:
        read_seed("bad.txt", data)
    text = str(caught.value)
    assert text.startswith("bad.txt")
    assert message in text
    assert fix in text


def test_undecodable_byte_is_located_by_line():
    data = "First line of prose with enough words to count.\n\nSecond café".encode("latin-1")
    with pytest.raises(SeedError) as caught:
        read_seed("bad.txt", data)
    assert caught.value.line == 3
    assert str(caught.value).startswith("bad.txt:3:")
