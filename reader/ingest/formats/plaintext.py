"""Plain text: paragraphs are runs of non-blank lines separated by blank lines."""

from __future__ import annotations

import re

from reader import settings
from reader.dates import WEEKDAY_DATE
from reader.model import Block
from reader.text import BREADCRUMB, TEMPERATURE, normalize_space

_WIDGET = re.compile(rf"^(?:{TEMPERATURE}|{WEEKDAY_DATE})$")
_BREADCRUMB = re.compile(rf"^{BREADCRUMB}")
_RELATED = re.compile(r"^(?:Related|Latest|More) (?:stories|articles|news|posts)$", re.I)


def blocks(lines: list[str], offset: int = 0) -> list[Block]:
    """Group lines into blocks; `offset` is the seed line number before `lines[0]`.

    A run of lines is one paragraph when it is prose wrapped at a width; when it
    is not (a widget, a date and a breadcrumb stacked on three lines), each line
    is a block of its own.
    """
    found: list[Block] = []
    run: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=offset + 1):
        text = normalize_space(line)
        if text:
            run.append((number, text))
            continue
        if not found and len(run) > 1 and is_headline(run[0][1]) and run[1][1][:1].isupper():
            found.append(Block(run[0][1], run[0][0], run[0][0]))  # a headline set directly above the text
            run = run[1:]
        if is_wrapped([t for _, t in run]):
            found.append(Block(" ".join(t for _, t in run), run[0][0], run[-1][0]))
        else:
            found.extend(Block(t, n, n) for n, t in run)
        run = []
    return found


def is_wrapped(lines: list[str]) -> bool:
    """Whether consecutive lines are one paragraph wrapped at a width: all but the last are long."""
    return len(lines) > 1 and all(len(text) >= settings.WRAPPED_MIN_CHARS for text in lines[:-1])


def is_headline(line: str) -> bool:
    """A line in title case ("Ferry Service Resumes After Typhoon") that is not a sentence."""
    words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return (
        len(line.split()) <= settings.TITLE_MAX_WORDS
        and len(words) >= 2
        and capitalised >= 0.6 * len(words)
        and line.rstrip()[-1:] not in ".:;,"
    )


def looks_like_webpage(text: str) -> bool:
    """A page scraped as text: a widget or breadcrumb in the first lines, or a teaser block."""
    head = [normalize_space(line) for line in text.split("\n")[:40] if line.strip()]
    return any(_WIDGET.match(line) or _BREADCRUMB.match(line) for line in head[:5]) or any(
        _RELATED.match(line) for line in head
    )
