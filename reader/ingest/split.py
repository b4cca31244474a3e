"""Lay each seed out as blocks, one `Story` per article it holds.

A feed holds one story per item; every other format holds one story.
"""

from __future__ import annotations

from reader.errors import SeedError
from reader.ingest.formats import feed, html, markdown, plaintext
from reader.model import Metadata, Removal, Seed, Story


def split(seed: Seed) -> list[Story]:
    if seed.format == "feed":
        return _split_feed(seed)
    if seed.format == "html":
        blocks, metadata, decided = html.parse(seed.text)
        return [Story(seed.name, seed.format, 0, tuple(blocks), metadata=metadata, main_text_decided=decided)]
    blocks = markdown.blocks(seed.text) if seed.format == "markdown" else plaintext.blocks(seed.lines)
    return [Story(seed.name, seed.format, 0, tuple(blocks))]


def _split_feed(seed: Seed) -> list[Story]:
    lines = seed.lines
    starts = feed.item_header_lines(lines)
    channel = feed.channel_title(lines[starts[0]])
    context = Metadata(feed=channel, outlet=feed.outlet_of(channel))
    stories = []
    if starts[0] > 0:
        # Lines before the first item are the channel's; they go with the first story.
        preamble = plaintext.blocks(lines[: starts[0]])
        leading = tuple(Removal("feed-channel-header", b.first_line, b.last_line, b.text) for b in preamble)
    else:
        leading = ()
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        header_removals, item = feed.read_header(lines[start], start + 1)
        body = lines[start + 1 : end]
        blocks = plaintext.blocks(feed.body_lines(body), offset=start + 1)
        if not blocks:
            raise SeedError(
                f"feed item {index + 1} ({item.title!r}) has no body: nothing follows its header",
                seed.name,
                start + 1,
                fix="completing the item's text in the feed dump, or removing the item's header line.",
            )
        removals = (
            *(leading if index == 0 else ()),
            *header_removals,
            *feed.marker_removals(body, start + 1),
        )
        metadata = item.merged(**context.as_dict())
        stories.append(Story(seed.name, seed.format, index, tuple(blocks), removals, metadata))
    return stories
