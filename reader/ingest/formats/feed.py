"""WordPress RSS feeds dumped as text: the XML tags are gone, their contents stay.

What is left of each `<item>` is one header line (title, link, date, guid and
description run together), a `]]>` closing the description's CDATA, the story's
content, and a `]]>` closing the content's CDATA. The first item's header line
also carries the channel's header (title, link, description, build date,
language, update period, generator, image).
"""

from __future__ import annotations

import re

from reader.dates import RFC822_DATE, iso_datetime
from reader.model import Metadata, Removal
from reader.text import normalize_space

ITEM_HEADER = re.compile(rf"(?P<url>https?://\S+) (?P<date>{RFC822_DATE}) (?P<guid>\S+)(?: (?P<description>.*))?$")
READ_MORE = re.compile(r"Read More [“\"](?P<title>.+)[”\"] »\s*$")
CHANNEL_HEADER = re.compile(
    rf"^(?P<title>.+?) https?://\S+ .*?{RFC822_DATE} [a-z]{{2,3}}(?:-[A-Za-z]{{2,4}})?"
    r" (?:hourly|daily|weekly|monthly|yearly) \d+ https?://\S+(?: https?://\S+ .+? https?://\S+ \d+ \d+)? "
)
CDATA_END = "]]>"


def looks_like(text: str) -> bool:
    lines = [line.strip() for line in text.split("\n")]
    return CDATA_END in lines and any(ITEM_HEADER.search(line) for line in lines)


def item_header_lines(lines: list[str]) -> list[int]:
    """0-based indexes of the lines that start an item."""
    return [i for i, line in enumerate(lines) if ITEM_HEADER.search(line.strip())]


def read_header(line: str, number: int) -> tuple[list[Removal], Metadata]:
    """Split an item's header line into the removals it makes and the metadata it states."""
    line = normalize_space(line)
    match = ITEM_HEADER.search(line)
    assert match, "read_header is only called on item header lines"
    before = line[: match.start()].rstrip()
    title, channel = before, ""
    read_more = READ_MORE.search(match.group("description") or "")
    if read_more and before.endswith(read_more.group("title")):
        title = read_more.group("title")
        channel = before[: -len(title)].strip()
    else:
        channel_match = CHANNEL_HEADER.match(before + " ")
        if channel_match:
            channel = channel_match.group(0).strip()
            title = before[channel_match.end() :].strip()
    removals = []
    if channel:
        removals.append(Removal("feed-channel-header", number, number, channel))
    item_text = line[len(channel) :].strip()
    removals.append(Removal("feed-item-header", number, number, item_text))
    metadata = Metadata(
        title=title,
        url=match.group("url"),
        item_date=iso_datetime(match.group("date")),
    )
    return removals, metadata


def channel_title(line: str) -> str:
    match = CHANNEL_HEADER.match(normalize_space(line) + " ")
    return match.group("title") if match else ""


def outlet_of(channel: str) -> str:
    """WordPress titles a term's feed "term – Site name": the outlet is the site."""
    return re.split(r" [–—|-] ", channel)[-1].strip() if channel else ""


def marker_removals(lines: list[str], offset: int) -> list[Removal]:
    return [
        Removal("feed-cdata-marker", offset + i + 1, offset + i + 1, CDATA_END)
        for i, line in enumerate(lines)
        if line.strip() == CDATA_END
    ]


def body_lines(lines: list[str]) -> list[str]:
    """The item's lines with the CDATA markers blanked, so line numbers stay true."""
    return ["" if line.strip() == CDATA_END else line for line in lines]
