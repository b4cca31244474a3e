"""Text helpers: whitespace as scrapes leave it."""

import pytest

from reader.text import normalize_space, slug


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Asia  Times\n", "Asia Times"),
        ("\u00a0Tokyo\u00a0\u00a0reported", "Tokyo reported"),  # no-break spaces from a web page
        ("one\u2009two\u202fthree\u3000four", "one two three four"),  # thin, narrow and ideographic spaces
        ("zero\u200bwidth\ufeffmarks", "zero width marks"),  # invisible characters str.split() keeps
        ("His\xadto\xadri\xadschen Markt", "Historischen Markt"),  # soft hyphens: hints for a line break, dropped
        ("\t tabs\r\nand lines \x0c", "tabs and lines"),
        ("", ""),
    ],
)
def test_normalize_space_collapses_every_kind_of_space(raw, expected):
    assert normalize_space(raw) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("S-400", "s-400"),
        ("China–Russia military ties", "china-russia-military-ties"),
        ("Шойгу", "shoigu"),  # another script, transliterated: never an empty anchor
        ("Ka-52", "ka-52"),
        ("Ka 52", "ka-52"),  # the same anchor: the glossary refuses the pair (test_annotations)
        ("?!", "fallback"),
    ],
)
def test_one_slug_for_every_id_and_anchor(text, expected):
    assert slug(text, "fallback") == expected
