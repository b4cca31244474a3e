"""Synthetic corpora with known reprint groups, for the reprint benchmark and tests.

Base articles are random paragraphs of words drawn from the real seeds'
vocabulary. Some bases get reprints, each with realistic edits: British and
American spellings swapped, sentences reworded, paragraphs merged or split,
passages added or cut. The generator returns the articles and the true groups.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from reader.model import Article, Metadata, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SPELLINGS = [
    ("defence", "defense"),
    ("organise", "organize"),
    ("centre", "center"),
    ("labour", "labor"),
    ("stabilise", "stabilize"),
]


def vocabulary() -> list[str]:
    words = set()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        words.update(re.findall(r"[A-Za-z][a-z]+", seed.read_text(encoding="utf-8")))
    return sorted(words)


def base_text(rng: random.Random, words: list[str]) -> list[str]:
    paragraphs = []
    for _ in range(rng.randint(8, 16)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
            sentences.append(sentence[0].upper() + sentence[1:] + ".")
        paragraphs.append(" ".join(sentences))
    for british, _ in SPELLINGS:
        if rng.random() < 0.5:
            paragraphs[rng.randrange(len(paragraphs))] += f" The {british} plan was discussed."
    return paragraphs


def respell(paragraphs: list[str]) -> list[str]:
    text = "\n".join(paragraphs)
    for british, american in SPELLINGS:
        text = text.replace(british, american)
    return text.split("\n")


def reword(rng: random.Random, paragraphs: list[str], words: list[str], share: float) -> list[str]:
    out = []
    for paragraph in paragraphs:
        tokens = paragraph.split(" ")
        for i in range(len(tokens)):
            if rng.random() < share:
                tokens[i] = rng.choice(words)
        out.append(" ".join(tokens))
    return out


def merge_or_split(rng: random.Random, paragraphs: list[str]) -> list[str]:
    out, i = [], 0
    while i < len(paragraphs):
        roll = rng.random()
        if roll < 0.15 and i + 1 < len(paragraphs):
            out.append(paragraphs[i] + " " + paragraphs[i + 1])
            i += 2
            continue
        sentences = paragraphs[i].split(". ")
        if roll > 0.85 and len(sentences) > 1:
            cut = len(sentences) // 2
            out += [". ".join(sentences[:cut]) + ".", ". ".join(sentences[cut:])]
        else:
            out.append(paragraphs[i])
        i += 1
    return out


def reprint(rng: random.Random, paragraphs: list[str], words: list[str]) -> list[str]:
    """A copy another outlet might publish: respelt, lightly reworded, re-paragraphed, cut or added to."""
    copy = respell(paragraphs) if rng.random() < 0.5 else list(paragraphs)
    copy = reword(rng, copy, words, rng.uniform(0.0, 0.06))
    copy = merge_or_split(rng, copy)
    if rng.random() < 0.3:
        copy = copy[: max(3, int(len(copy) * rng.uniform(0.6, 0.9)))]
    if rng.random() < 0.3:
        copy.insert(rng.randrange(len(copy) + 1), base_text(rng, words)[0])
    return copy


def article(article_id: str, paragraphs: list[str]) -> Article:
    return Article(
        id=article_id,
        seed=f"{article_id}.txt",
        format="plain",
        metadata=Metadata(title=article_id),
        paragraphs=tuple(Paragraph(f"p{n}", "paragraph", t, n, n) for n, t in enumerate(paragraphs, 1)),
        removals=(),
    )


def generate(count: int, seed: int = 0, reprint_share: float = 0.2) -> tuple[list[Article], list[set[str]]]:
    """`count` articles, about `reprint_share` of them reprints; and the true groups (two or more copies)."""
    rng, words = random.Random(seed), vocabulary()
    articles, groups = [], []
    while len(articles) < count:
        base_id = f"a{len(articles):05d}"
        paragraphs = base_text(rng, words)
        articles.append(article(base_id, paragraphs))
        group = {base_id}
        while rng.random() < reprint_share and len(articles) < count:
            copy_id = f"a{len(articles):05d}"
            articles.append(article(copy_id, reprint(rng, paragraphs, words)))
            group.add(copy_id)
        if len(group) > 1:
            groups.append(group)
    return articles, groups
