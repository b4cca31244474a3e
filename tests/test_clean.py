"""Clean: what is kept, what is removed, and that together they account for every line.

The golden files in tests/golden/ hold each seed's cleaned articles in full.
They are reviewed by hand when they change: run `pytest --update-golden`,
then read the diff before committing it.
"""

from pathlib import Path

import pytest

from reader.ingest.clean import clean
from reader.ingest.load import read_seed
from reader.ingest.split import split
from reader.text import normalize_space

from .conftest import FIXTURES, SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_NAMES = sorted(p.name for p in SEEDS.iterdir() if p.name != "SHA256SUMS")


def cleaned(name, folder=SEEDS):
    seed = read_seed(name, (folder / name).read_bytes())
    return seed, [clean(story) for story in split(seed)]


def golden_text(articles) -> str:
    out = []
    for article in articles:
        out.append(f"=== article {article.seed} ({article.format})")
        out += [f"{k}: {v}" for k, v in article.metadata.as_dict().items() if v]
        out.append("--- kept")
        out += [f"{p.id} {p.kind} {p.first_line}-{p.last_line}: {p.text}" for p in article.paragraphs]
        out.append("--- removed")
        out += [f"{r.rule} {r.first_line}-{r.last_line}: {r.text}" for r in article.removals]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_cleaned_output_matches_the_reviewed_golden_file(name, request):
    _, articles = cleaned(name)
    path = GOLDEN / f"{Path(name).stem}.txt"
    if request.config.getoption("--update-golden"):
        path.write_text(golden_text(articles), encoding="utf-8")
    assert path.exists(), f"no golden file yet: run pytest --update-golden and review {path}"
    assert golden_text(articles) == path.read_text(encoding="utf-8")


def covered_lines(articles) -> dict[int, list[str]]:
    covering: dict[int, list[str]] = {}
    for article in articles:
        for item in [*article.paragraphs, *article.removals]:
            for line in range(item.first_line, item.last_line + 1):
                covering.setdefault(line, []).append(item.text)
    return covering


@pytest.mark.parametrize("name", SEED_NAMES)
def test_kept_and_removed_text_account_for_every_non_blank_line(name):
    seed, articles = cleaned(name)
    covering = covered_lines(articles)
    for number, line in enumerate(seed.lines, 1):
        if not line.strip():
            continue
        assert number in covering, f"{name}:{number} is neither kept nor removed: {line!r}"
        if seed.format != "markdown":  # Markdown text loses its link and escape markup
            assert normalize_space(line) in " ".join(covering[number]), f"{name}:{number} text is lost"


@pytest.mark.parametrize("name", ["page.html", "page-header-byline.html", "hostile/page.html"])
def test_every_line_of_an_html_page_with_text_on_it_is_kept_or_removed(name):
    """Every text node of the page lies on a line some kept or removed block covers, and its words are there."""
    from lxml import etree

    seed, articles = cleaned(name, FIXTURES)
    covering = covered_lines(articles)
    tree = etree.fromstring(seed.text.encode(), etree.HTMLParser(remove_comments=True))
    for element in tree.iter():
        for text, line in ((element.text, element.sourceline), (element.tail, None)):
            if text and text.strip() and line:
                first_words = normalize_space(text)[:20]
                assert any(
                    first_words in t for n in range(line, line + text.count("\n") + 1) for t in covering.get(n, [])
                ), f"{name}:{line}: {first_words!r} is neither kept nor removed"


def test_nothing_is_kept_twice_or_both_kept_and_removed():
    for name in SEED_NAMES:
        _, articles = cleaned(name)
        kept = [(p.first_line, p.last_line) for a in articles for p in a.paragraphs]
        removed = [(r.first_line, r.last_line) for a in articles for r in a.removals]
        assert len(set(kept)) == len(kept)
        assert not set(kept) & set(removed)


EXPECTED_METADATA = {
    ("000_d4932bf2154f5a6f.txt", 0): {
        "title": "China, Russia Circle Wagons in Asia-Pacific",
        "original_outlet": "Asia Times",
        "captured": "2024-07-13",
    },
    ("001_8f1cf0a67f0836c4.txt", 0): {
        "title": "China, Russia Circle Wagons in Asia-Pacific",
        "author": "M. K. Bhadrakumar",
        "outlet": "Global Research",
        "original_outlet": "Indian Punchline",
        "published": "2023-04-23",
        "first_published": "2023-04-19",
    },
    ("002_d566bb28321c3257.txt", 0): {
        "title": "The military relationship between China and Russia is growing and Ukraine is likely to bring them closer together",
    },
    ("003_d9c05a133f4aaaab.txt", 0): {
        "title": "China and Russia into a deeper relations and military alliance in the face of a major opponent",
    },
    ("004_59bd7e55a98dfd6a.txt", 0): {
        "title": "Russian And Chinese Bombers Patrol Near Alaska In Joint Military Exercise",
        "outlet": "Artifex.News",
        "url": "https://artifexnews.net/russian-and-chinese-bombers-patrol-near-alaska-in-joint-military-exercise-6185288/",
        "item_date": "2024-07-25T09:29:01+00:00",
        "dateline": "Moscow",
        "syndication": "Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.",
        "feed": "china russia relations – Artifex.News",
    },
    ("004_59bd7e55a98dfd6a.txt", 1): {
        "title": "China, Belarus Hold Army Drills Near NATO Border Amid Rising Tensions",
        "outlet": "Artifex.News",
        "url": "https://artifexnews.net/china-belarus-hold-army-drills-near-nato-border-amid-rising-tensions-6080559/",
        "item_date": "2024-07-11T04:47:08+00:00",
        "dateline": "Warsaw",
        "syndication": "Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.",
        "feed": "china russia relations – Artifex.News",
    },
    ("004_59bd7e55a98dfd6a.txt", 2): {
        "title": "China and Russia reaffirm their close ties as Moscow presses its offensive in Ukraine",
        "outlet": "Artifex.News",
        "url": "https://artifexnews.net/article68184348-ece/",
        "item_date": "2024-05-16T23:38:07+00:00",
        "feed": "china russia relations – Artifex.News",
    },
}


@pytest.mark.parametrize("key", sorted(EXPECTED_METADATA), ids=lambda k: f"{k[0][:3]}-{k[1]}")
def test_metadata_is_what_the_text_states_and_nothing_more(key):
    name, index = key
    _, articles = cleaned(name)
    stated = {k: v for k, v in articles[index].metadata.as_dict().items() if v}
    assert stated == EXPECTED_METADATA[key]


def paragraph_starting(article, start):
    return next(p for p in article.paragraphs if p.text.startswith(start))


@pytest.mark.parametrize(
    "start, end, lines",
    [
        ("Putin said at the meeting with Li on Easter Sunday", "impacted by the US pressure.", (35, 37)),
        ("Russian Security Council Secretary Nikolai Patrushev", "protect the remote islands of Japan.”", (53, 55)),
        ("Beijing and Moscow visualise", "confrontation with the US.", (75, 77)),
    ],
)
def test_paragraphs_broken_mid_sentence_are_rejoined(start, end, lines):
    _, (article,) = cleaned("001_8f1cf0a67f0836c4.txt")
    paragraph = paragraph_starting(article, start)
    assert paragraph.text.endswith(end)
    assert (paragraph.first_line, paragraph.last_line) == lines
    assert "plays an important role" in paragraph_starting(article, "Putin said at the").text


def test_wording_and_typography_are_kept_exactly():
    _, (article,) = cleaned("000_d4932bf2154f5a6f.txt")
    shoigu = paragraph_starting(article, "Defense Minister Sergei Shoigu said")
    assert "Pacific Ocean – the southern part" in shoigu.text  # en dash kept
    assert "\u00a0" not in shoigu.text
    loudly = next(p for p in article.paragraphs if p.text.startswith("‘Loudly"))
    assert (loudly.kind, loudly.text) == ("heading", "‘Loudly on the quiet …’")


def test_subheadings_in_plain_text_are_headings():
    _, articles = cleaned("004_59bd7e55a98dfd6a.txt")
    assert paragraph_starting(articles[1], "Strategic signal").kind == "heading"


def test_a_clean_article_comes_through_untouched():
    seed, (article,) = cleaned("clean-article.txt", FIXTURES)
    assert article.removals == ()
    source_paragraphs = [normalize_space(b) for b in seed.text.split("\n\n") if b.strip()]
    assert [p.text for p in article.paragraphs] == source_paragraphs
    assert article.metadata.title == "Town library reopens after flood repairs"


def test_an_html_page_yields_its_article_and_records_the_page_around_it():
    _, (article,) = cleaned("page.html", FIXTURES)
    assert article.metadata.title == "Port strike enters second week"
    assert article.metadata.author == "Jane Okafor"
    assert article.metadata.outlet == "The Harbour Gazette"
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["title", "paragraph", "paragraph", "heading", "paragraph", "quote", "paragraph"]
    rules = {r.rule for r in article.removals}
    assert {"page-chrome", "boilerplate", "byline"} <= rules
    removed = " ".join(r.text for r in article.removals)
    assert "window.tracking" in removed and "Most read" in removed and "All rights reserved" in removed


def test_every_text_node_of_an_html_page_is_kept_or_removed():
    from bs4 import BeautifulSoup

    seed, (article,) = cleaned("page.html", FIXTURES)
    everything = " ".join([p.text for p in article.paragraphs] + [r.text for r in article.removals])
    for string in BeautifulSoup(seed.text, "html.parser").find_all(string=True):
        if normalize_space(string) and string.parent.name not in ("[document]",) and not string.startswith("html"):
            assert normalize_space(string) in everything, string


@pytest.mark.parametrize(
    "fixture, body_starts, removed_rules",
    [
        (
            "webpage-another.txt",
            ["Hundreds of tractors blocked", "Police said the blockades"],
            {"weather-widget", "date-widget", "breadcrumb", "teaser-list", "original-source"},
        ),
        (
            "gr-another.md",
            ["Talks on reopening the grain corridor", "The negotiators said they would meet again in Istanbul"],
            {
                "byline",
                "outlet-date-line",
                "link-only",
                "taxonomy",
                "site-promotion",
                "first-published",
                "separator",
                "image-caption",
                "original-source",
                "copyright",
                "author-archive",
            },
        ),
        (
            "feed-two-items.txt",
            ["Ferry fares on the island route", "The operator said season tickets"],
            {
                "feed-channel-header",
                "feed-item-header",
                "feed-cdata-marker",
                "image-caption",
                "dateline",
                "syndication-note",
                "trailing-chrome",
            },
        ),
    ],
)
def test_unseen_texts_from_the_same_templates_are_cleaned_the_same_way(fixture, body_starts, removed_rules):
    _, articles = cleaned(fixture, FIXTURES)
    article = articles[0]
    body = [p.text for p in article.paragraphs if p.kind == "paragraph"]
    assert [any(t.startswith(s) for t in body) for s in body_starts] == [True] * len(body_starts)
    assert len(body) == len(body_starts)
    assert {r.rule for r in article.removals} == removed_rules


def test_a_short_title_ending_on_a_small_word_is_not_joined_to_the_text(seed_folder):
    from reader.corpus import read_corpus

    folder = seed_folder(
        {"t.txt": "The Best of\n\nA first paragraph of prose that follows the title and ends as prose does.\n"}
    )
    (article,) = read_corpus(folder, None).articles
    assert [p.kind for p in article.paragraphs] == ["title", "paragraph"]


BODY_TEXT = "the ferries ran again on Tuesday, three days after the typhoon forced the operator to stop."


@pytest.mark.parametrize(
    "text, title",
    [
        # A title never absorbs the next paragraph, even one that starts in lower case.
        (f"Ferries run again after the typhoon\n\n{BODY_TEXT}\n", "Ferries run again after the typhoon"),
        # A headline that asks a question is still the headline.
        (f"Will the ferries run again?\n\n{BODY_TEXT.capitalize()}\n", "Will the ferries run again?"),
        # A headline set directly above the text, with no blank line between them.
        (
            f"Island Ferry Service Resumes After Three Days Of Typhoon Damage\n{BODY_TEXT.capitalize()}\n",
            "Island Ferry Service Resumes After Three Days Of Typhoon Damage",
        ),
    ],
)
def test_a_plain_article_whose_first_line_is_a_headline_gets_it_as_its_title(seed_folder, text, title):
    from reader.corpus import read_corpus

    (article,) = read_corpus(seed_folder({"t.txt": text.encode()}), None).articles
    assert article.metadata.title == title
    assert [p.kind for p in article.paragraphs] == ["title", "paragraph"]


def test_a_page_scraped_to_markdown_loses_its_widgets_and_gets_its_real_title():
    seed, (article,) = cleaned("webpage-as-markdown.md", FIXTURES)
    assert seed.format == "markdown"  # it has links; the webpage rules apply all the same
    assert article.metadata.title == "Ferry Service Resumes After Typhoon"
    assert article.metadata.captured == "2024-10-02"
    assert [p.kind for p in article.paragraphs] == ["title", "paragraph", "paragraph"]
    assert {"weather-widget", "date-widget", "breadcrumb", "teaser-list", "original-source"} == {
        r.rule for r in article.removals
    }


def test_an_html_page_with_its_byline_in_the_header_and_a_site_suffix_in_its_title():
    _, (article,) = cleaned("page-header-byline.html", FIXTURES)
    assert article.metadata.title == "Army drills resume near the border"  # not "... | Steppe Courier"
    assert article.metadata.author == "Staff Reporter"
    assert article.metadata.outlet == "Steppe Courier"
    assert article.metadata.url == "https://courier.example/news/army-drills"
    assert [p.kind for p in article.paragraphs][:2] == ["title", "paragraph"]
    removed = {r.text: r.rule for r in article.removals}
    assert removed["By Staff Reporter"] == "byline"
