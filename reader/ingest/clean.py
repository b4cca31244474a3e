"""Decide what in a story is article text, and record the rest.

Named rules (`reader.ingest.rules`) remove page furniture block by block, each
removal recorded with its rule and seed lines. Then the story's structure is
read from what is left: its title, its subheadings, and paragraphs the scrape
broke in two, which are rejoined. Text is never reworded: only whitespace is
normalised.
"""

from __future__ import annotations

from dataclasses import replace

from reader import settings
from reader.ingest.rules import TRAILING_RULE, Context, as_match, is_body_paragraph, is_trailing_chrome
from reader.model import Article, Block, Metadata, Paragraph, ParagraphKind, Removal, Story, paragraph_ids
from reader.text import ends_sentence, last_char, normalize_space, word_count

# A paragraph that ends on one of these words stops mid-sentence.
FUNCTION_WORDS = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "than",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "between",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)
JOINABLE = {"paragraph", "quote", "list-item"}


def clean(story: Story) -> Article:
    kept, removals, metadata = _apply_rules(story)
    kept, trailing = (kept, []) if story.main_text_decided else _drop_trailing_chrome(kept)
    titled = bool(kept) and _is_title(kept, metadata)
    # A title never absorbs the paragraph after it, whatever case that paragraph starts with.
    kept = kept[:titled] + _rejoin_broken_paragraphs(kept[titled:])
    kinds, metadata = _read_structure(kept, titled, metadata)
    paragraphs = tuple(
        Paragraph(pid, kind, b.text, b.first_line, b.last_line)
        for pid, b, kind in zip(paragraph_ids(kinds), kept, kinds, strict=True)
    )
    every_removal = sorted([*story.removals, *removals, *trailing], key=lambda r: (r.first_line, r.last_line))
    return Article(
        id="",
        seed=story.seed,
        format=story.format,
        metadata=metadata,
        paragraphs=paragraphs,
        removals=tuple(every_removal),
    )


def _apply_rules(story: Story) -> tuple[list[Block], list[Removal], Metadata]:
    ctx = Context(story.blocks, story.format)
    kept, removals, metadata = [], [], story.metadata
    i = 0
    while i < len(story.blocks):
        for rule in ctx.rules_for(i):
            result = rule.check(ctx, i)
            if result and (match := as_match(result)):
                for block in story.blocks[i : i + match.span]:
                    removals.append(Removal(rule.name, block.first_line, block.last_line, block.text))
                metadata = metadata.merged(**match.found)
                i += match.span
                break
        else:
            kept.append(story.blocks[i])
            i += 1
    return kept, removals, metadata


def _drop_trailing_chrome(kept: list[Block]) -> tuple[list[Block], list[Removal]]:
    last_body = max((i for i, b in enumerate(kept) if is_body_paragraph(b)), default=len(kept) - 1)
    tail = kept[last_body + 1 :]
    removed = [b for b in tail if is_trailing_chrome(b)]
    removals = [Removal(TRAILING_RULE.name, b.first_line, b.last_line, b.text) for b in removed]
    return [b for b in kept if not any(b is r for r in removed)], removals


def is_broken(first: Block, second: Block) -> bool:
    """Whether `second` continues the sentence `first` leaves unfinished.

    The scrape put a paragraph break mid-sentence when `first` ends with no
    punctuation and `second` starts in lower case, or when `first` is longer
    than a heading and ends on a comma or a word that cannot end a sentence
    ("of", "an", "as").
    """
    if first.kind not in JOINABLE or second.kind != first.kind:
        return False
    if ends_sentence(first.text) or last_char(first.text) in set(":;"):
        return False
    if second.text[:1].islower():
        return True
    if word_count(first.text) <= settings.HEADING_MAX_WORDS:
        return False  # a short line ending "... of" is more likely a heading than half a sentence
    last_word = first.text.split()[-1].lower() if first.text.split() else ""
    return first.text.endswith(",") or last_word in FUNCTION_WORDS


def _rejoin_broken_paragraphs(kept: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in kept:
        if joined and is_broken(joined[-1], block):
            previous = joined.pop()
            block = replace(previous, text=f"{previous.text} {block.text}", last_line=block.last_line)
        joined.append(block)
    return joined


def _read_structure(kept: list[Block], titled: bool, metadata: Metadata) -> tuple[list[ParagraphKind], Metadata]:
    """Each kept block's kind (title, heading, paragraph, quote, list-item), and the title."""
    kinds: list[ParagraphKind] = [_PARAGRAPH_KINDS.get(b.kind, "paragraph") for b in kept]
    if titled:
        kinds[0] = "title"
        metadata = replace(metadata, title=kept[0].text)
    for i, block in enumerate(kept[:-1]):
        if kinds[i] == "paragraph" and _looks_like_heading(block.text):
            kinds[i] = "heading"
    return kinds, metadata


# The kinds of block that stay what they are in the article; any other kept block is a paragraph.
_PARAGRAPH_KINDS: dict[str, ParagraphKind] = {"heading": "heading", "quote": "quote", "list-item": "list-item"}


def _is_title(kept: list[Block], metadata: Metadata) -> bool:
    """Whether the first kept block is the headline: a first-level heading, the title the page
    states, or a short first line that is not a sentence (a question or exclamation may be)."""
    first = kept[0]
    if first.kind == "heading" and first.level == 1:
        return True
    if metadata.title:
        return normalize_space(metadata.title).casefold() == first.text.casefold()
    words = word_count(first.text)
    return (
        first.kind in ("paragraph", "heading")
        and len(kept) > 1
        and words <= settings.TITLE_MAX_WORDS
        and (not ends_sentence(first.text) or (last_char(first.text) in "?!" and words <= settings.HEADING_MAX_WORDS))
        and last_char(first.text) not in set(":;,")
    )


def _looks_like_heading(text: str) -> bool:
    return word_count(text) <= settings.HEADING_MAX_WORDS and last_char(text) not in set(".!?:;,")
