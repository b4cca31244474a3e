"""Each cleaning rule, on a real example of what it removes and a paragraph it must keep."""

import pytest

from reader.ingest.rules import RULES, Context, reasons, rules_at
from reader.model import Block

BODY = (
    "The visit carries forward the pivotal decisions made at the intensive one-on-one talks "
    "between Russian President Vladimir Putin and Chinese President Xi Jinping in Moscow."
)


def context(texts, fmt="plain", **block):
    return Context(tuple(Block(t, n, n, **block) for n, t in enumerate(texts, 1)), fmt)


def check(name, ctx, i):
    """The named rule's match at block `i`, as the cleaner asks it: only where and on what it looks."""
    return next(r for r in RULES if r.name == name).match(ctx, i)


# (rule, blocks, index of the block the rule should match, format, metadata it should find)
CASES = [
    ("weather-widget", ["14.1 C", "Saturday, July 13, 2024", BODY], 0, "webpage", {}),
    ("date-widget", ["14.1 C", "Saturday, July 13, 2024", BODY], 1, "webpage", {"captured": "2024-07-13"}),
    ("breadcrumb", ["14.1 C", "HomeChinaChina, Russia Circle Wagons in Asia-Pacific", BODY], 1, "webpage", {}),
    ("breadcrumb", ["Home > World > Europe", BODY], 0, "plain", {}),
    (
        "byline",
        ["China, Russia Circle Wagons", "By M. K. Bhadrakumar", BODY],
        1,
        "markdown",
        {"author": "M. K. Bhadrakumar"},
    ),
    (
        "outlet-date-line",
        ["By M. K. Bhadrakumar", "Global Research, April 23, 2023", BODY],
        1,
        "markdown",
        {"outlet": "Global Research", "published": "2023-04-23"},
    ),
    ("first-published", ["First published on April 19, 2023", BODY], 0, "markdown", {"first_published": "2023-04-19"}),
    ("date-line", ["Floods hit valley towns", "March 3, 2024", BODY], 1, "plain", {"published": "2024-03-03"}),
    ("credit-line", [BODY, "Pei Lin Wu in Taipei, Taiwan contributed to this report."], 1, "plain", {}),
    ("credit-line", [BODY, "(Reporting by Jane Doe; Editing by John Smith)"], 1, "plain", {}),
    ("taxonomy", ["Region: Asia, Russia and FSU", BODY], 0, "markdown", {}),
    ("taxonomy", ["Theme: Intelligence", BODY], 0, "markdown", {}),
    ("taxonomy", ["In-depth Report: UKRAINE REPORT", BODY], 0, "markdown", {}),
    ("image-caption", [BODY, "Featured image is from Indian Punchline"], 1, "markdown", {}),
    ("separator", [BODY, "[…]"], 1, "feed", {}),
    (
        "site-promotion",
        [
            "All Global Research articles can be read in 51 languages by activating the Translate Website button below the author's name.",
            BODY,
        ],
        0,
        "markdown",
        {},
    ),
    (
        "site-promotion",
        ["To receive Global Research's Daily Newsletter (selected articles), click here.", BODY],
        0,
        "markdown",
        {},
    ),
    ("site-promotion", [BODY, "Become a Member of Global Research"], 1, "markdown", {}),
    ("advertisement", [BODY, "Advertisement", BODY], 1, "plain", {}),
    ("read-also", [BODY, "Also Read: China, Belarus Hold Army Drills Near NATO Border", BODY], 1, "feed", {}),
    ("read-also", [BODY, "READ MORE | Putin arrives in Beijing", BODY], 1, "plain", {}),
    ("share-buttons", [BODY, "Share this:"], 1, "feed", {}),
    ("share-buttons", [BODY, "Click to share on Twitter (Opens in new window)"], 1, "feed", {}),
    (
        "appeared-first",
        [BODY, "The post Ferry fares rise for the summer appeared first on Coastline Daily."],
        1,
        "feed",
        {"outlet": "Coastline Daily"},
    ),
    ("separator", [BODY, "***", BODY], 1, "markdown", {}),
    ("separator", [BODY, "*"], 1, "markdown", {}),
    (
        "original-source",
        [BODY, "The original source of this article is Indian Punchline"],
        1,
        "markdown",
        {"original_outlet": "Indian Punchline"},
    ),
    (
        "original-source",
        [BODY, "Source : Asia Times", "Latest stories"],
        1,
        "webpage",
        {"original_outlet": "Asia Times"},
    ),
    ("copyright", [BODY, "Copyright © M. K. Bhadrakumar, Indian Punchline, 2023"], 1, "markdown", {}),
    (
        "disclaimer",
        [BODY, "Disclaimer: The contents of this article are of sole responsibility of the author(s)."],
        1,
        "markdown",
        {},
    ),
    ("disclaimer", [BODY, "For media inquiries: publications@globalresearch.ca"], 1, "markdown", {}),
    ("author-archive", [BODY, "Articles by: M. K. Bhadrakumar"], 1, "markdown", {"author": "M. K. Bhadrakumar"}),
    (
        "image-caption",
        [BODY, 'Featured image: "Working meeting" between President Vladimir Putin (R)'],
        1,
        "markdown",
        {},
    ),
    (
        "image-caption",
        [
            "China and Russia have drawn closer and hold joint military exercises often (Representational)",
            "Moscow:",
            BODY,
        ],
        0,
        "feed",
        {},
    ),
    (
        "image-caption",
        ["Moving closer to Russia, China is becoming increasingly hostile to NATO.", "Warsaw:", BODY],
        0,
        "feed",
        {},
    ),
    ("dateline", ["Moscow:", BODY], 0, "feed", {"dateline": "Moscow"}),
    (
        "syndication-note",
        [
            BODY,
            "(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)",
        ],
        1,
        "feed",
        {
            "syndication": "Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed."
        },
    ),
    ("loading-placeholder", [BODY, "Waiting for response to load…"], 1, "feed", {}),
]


@pytest.mark.parametrize("name, texts, index, fmt, found", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_matches_its_real_example(name, texts, index, fmt, found):
    match = check(name, context(texts, fmt), index)
    assert match, f"{name} should match {texts[index]!r}"
    assert match.found == found


@pytest.mark.parametrize("name", sorted({r.name for r in RULES}))
def test_rule_keeps_a_body_paragraph(name):
    ctx = context([BODY, BODY, BODY], "webpage")
    assert not any(check(name, ctx, i) for i in range(3))


def test_teaser_list_takes_the_heading_and_every_teaser_under_it():
    texts = [
        "Related stories",
        "Putin’s war is the cause of NATO enlargement",
        "Reporting from the NATO summitWe’re now hearing from US...",
        "Tajikistan Passes Bill to Ban Hijab Despite 98% Muslim Population",
        "Tajikistan officially banned the hijab, imposing hefty fines in...",
        BODY,
    ]
    match = check("teaser-list", context(texts, "webpage"), 0)
    assert match.span == 5


def test_markup_rules_look_at_the_markup():
    assert check("page-chrome", context(["Home News Sport"], "html", kind="chrome", tag="nav"), 0)
    assert check("boilerplate", context(["Most read"], "html", kind="boilerplate", tag="h3"), 0)
    assert check("reader-comments", context(["Great piece, thanks!"], "html", kind="comment", tag="p"), 0)
    assert check("repeated-passage", context([BODY + " " + BODY], "html", kind="repeat", tag="div"), 0)
    assert check("raw-html", context(['<iframe src="x"></iframe>'], "markdown", kind="html"), 0)
    assert check("link-only", context(["Indian Punchline", BODY], "markdown", link_only=True), 0)
    assert check("image", context(["Putin and Li in Moscow", BODY], "markdown", kind="image"), 0)


def test_body_text_that_mentions_a_newsletter_mid_article_is_kept():
    texts = (
        [BODY] * 20
        + ["The ministry's newsletter said readers should click through to subscribe to alerts."]
        + [BODY] * 20
    )
    assert not check("site-promotion", context(texts), 20)


def test_every_rule_has_a_name_a_reason_and_a_test_case():
    tested = {c[0] for c in CASES} | {
        "page-chrome",
        "boilerplate",
        "reader-comments",
        "repeated-passage",
        "raw-html",
        "link-only",
        "teaser-list",
        "image",
    }
    for rule in RULES:
        assert rule.why, f"{rule.name} needs a docstring saying what it removes and why"
        assert rule.name in tested, f"{rule.name} has no test case"
    assert len({r.name for r in RULES}) == len(RULES)
    assert "trailing-chrome" in reasons()


def test_a_rule_is_asked_only_where_it_looks_and_of_the_kinds_it_names():
    byline = "By Jane Doe"
    assert check("byline", context([byline, BODY]), 0)
    assert not check("byline", context([BODY] * 20 + [byline] + [BODY] * 20), 20), "a byline is at a story's start"
    middle = {r.name for r in rules_at(20, False, "paragraph")}
    assert "read-also" in middle and not {"byline", "copyright", "boilerplate"} & middle
    assert "boilerplate" in {r.name for r in rules_at(20, False, "boilerplate")}
    assert "copyright" in {r.name for r in rules_at(0, True, "paragraph")}


def test_each_block_is_asked_exactly_the_rules_of_its_place_and_kind():
    """What the cleaner asks (`rules_for`, cached by place) is what asking every rule would give,
    at every position of a story with page furniture between its own blocks."""
    kinds = ["boilerplate", "paragraph", "chrome", "heading", "paragraph", "comment", "repeat", "list-item"]
    blocks = tuple(Block(BODY, n, n, kind=kinds[n % len(kinds)]) for n in range(90))
    ctx = Context(blocks, "html")
    for i, block in enumerate(blocks):
        every = [r for r in RULES if r.looks_at(ctx.position(i), ctx.near_end(i), block.kind)]
        assert list(ctx.rules_for(i)) == every, i
