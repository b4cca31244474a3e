"""Render: the site's Markdown, with seed text escaped so it can never become markup."""

from datetime import date

import pytest

from reader.corpus import read_corpus
from reader.model import AnnotatedArticle, display_date
from reader.site.article_page import PageContext, render_article
from reader.site.render import raw_path, render_site
from reader.site.templating import markdown_text as md_escape


def page_of(article):
    ctx = PageContext(titles={article.id: article.title}, raw_link=f"../{raw_path(article.seed)}", edit_link="")
    return render_article(AnnotatedArticle(article), article.title, ctx)


def test_every_article_has_a_page_and_every_seed_a_raw_copy(corpus):
    files = render_site(corpus)
    for article in corpus.articles:
        assert f"articles/{article.id}.md" in files
    for seed in corpus.seeds:
        assert files[raw_path(seed.name)] == seed.text.encode("utf-8")
    assert {"index.md", "rules.md", "corpus.json"} <= set(files)


def test_article_page_has_permalinked_paragraphs_and_the_removals(articles_by_id):
    article = articles_by_id["china-russia-circle-wagons-asia-pacific-global-research"]
    page = page_of(article)
    assert '<p id="p2" class="reader-paragraph">' in page
    assert 'href="#p2"' in page
    assert f"<summary>Removed from the source: {len(article.removals)} blocks</summary>" in page
    assert '<details class="note reader-removals" data-search-exclude>' in page
    assert '<a href="../rules.md#byline">byline</a>' in page
    assert "(../raw/001_8f1cf0a67f0836c4.txt)" in page


def test_raw_html_seeds_are_published_as_text():
    assert raw_path("page.html") == "raw/page.html.txt"


def test_markdown_escaping_leaves_no_markup():
    escaped = md_escape("*bold* [link](javascript:alert(1)) <script>x</script> # not a heading")
    assert "<script>" not in escaped
    assert "\\*bold\\*" in escaped and "\\[link\\]" in escaped


def test_hostile_seed_text_is_escaped_on_the_page(seed_folder):
    folder = seed_folder(
        {
            "hostile.txt": "A title <script>alert(1)</script>\n\n"
            "A paragraph with <img src=x onerror=alert(1)> and [a link](javascript:alert(1)) in it, long enough.\n\n"
            "Another paragraph of ordinary prose, long enough to count as body text.\n"
        }
    )
    corpus = read_corpus(folder, folder.parent / "none")
    page = page_of(corpus.articles[0])
    assert "<script>" not in page and "<img" not in page
    assert "title: A title &lt;script&gt;alert(1)&lt;/script&gt;" in page  # themes print titles raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_large_corpus_home_page_lists_the_most_recent_articles_and_links_to_all(corpus, monkeypatch):
    from reader import settings
    from reader.site.render import render_home

    monkeypatch.setattr(settings, "HOME_ARTICLES_MAX", 2)
    home = render_home(corpus)
    cards = home.split('<li class="reader-card">')[1:]
    assert len(cards) == 2
    assert f"The 2 most recent of the {len(corpus.articles)} articles" in home
    assert "(browse/outlets.md)" in home and "(browse/dates.md)" in home
    newest = max(corpus.articles, key=lambda a: (display_date(a) or date.min, a.id))
    assert newest.id in cards[0]


def test_the_glossary_lists_a_terms_first_uses_and_links_a_page_of_every_use(corpus, monkeypatch):
    from reader import settings
    from reader.site.render import render_glossary, shown_titles

    monkeypatch.setattr(settings, "GLOSSARY_USES_MAX", 1)
    files = render_glossary(corpus, shown_titles(corpus))
    section = files["glossary.md"].split("{#s-400}", 1)[1].split("\n## ", 1)[0]
    used = [item for item in corpus.annotated if any(use.term.term == "S-400" for use in item.terms)]
    assert len(used) == 3
    assert len([line for line in section.splitlines() if line.startswith("- [")]) == 1
    assert "[All 3 uses](glossary/s-400.md)" in section
    every = files["glossary/s-400.md"]
    assert every.count("\n- [") == 3 and "](../articles/" in every and "(../glossary.md#s-400)" in every


PAGES = ["index.md", "glossary.md", "articles/a.md", "articles/b.md", "browse/dates-2.md", "browse/x/y.md",
         "glossary/s-400.md", "a/b/c.md", "a/b/d/e.md", "articles.md"]  # fmt: skip


@pytest.mark.parametrize("from_page", PAGES)
def test_a_link_between_pages_is_the_relative_path_posixpath_gives(from_page):
    import posixpath

    from reader.site.links import link

    for to_page in PAGES:
        assert link(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    assert link(from_page, "glossary.md", "s-400").endswith("glossary.md#s-400")


@pytest.mark.parametrize(
    "article_id, shown, absent",
    [
        # Notes, corrections, links to another article, glossary terms and other copies' passages.
        ("china-russia-circle-wagons-asia-pacific-asia-times",
         ['class="reader-correction">words</mark>', 'class="reader-note">words</mark>', "→ another article",
          "term</a> glossary", "⇄ another copy"], []),
        # No glossary term, no link and no other copy in this one: the legend does not mention them.
        ("china-belarus-hold-army-drills-near-nato-border-artifex-news",
         ['class="reader-note">words</mark>', 'class="reader-correction">words</mark>'],
         ["glossary", "another article", "another copy"]),
    ],
)  # fmt: skip
def test_each_article_says_in_one_line_what_its_own_marks_mean(corpus, article_id, shown, absent):
    from reader.site.render import render_site

    page = render_site(corpus)[f"articles/{article_id}.md"]
    (legend,) = [line for line in page.splitlines() if line.startswith('<p class="reader-legend"')]
    assert all(sample in legend for sample in shown), legend
    assert not any(word in legend for word in absent), legend
    assert legend.endswith('<a href="../index.md#how-to-read-an-article">how to read an article</a></p>')


def test_a_passage_with_the_same_words_links_the_other_copys_passage_and_a_different_one_its_comparison_row(corpus):
    from reader.site.compare_page import counterparts, render_comparison

    by_id = {a.id: a for a in corpus.articles}
    (group,) = corpus.reprints
    (alignment,) = corpus.alignments
    links = counterparts(corpus.alignments, by_id, corpus.reprints)[alignment.left]
    comparison = render_comparison(group, list(corpus.alignments), by_id)
    kinds = set()
    for row, pair in enumerate(alignment.pairs, 1):
        if not pair.left or not pair.right:
            continue
        mark = "".join(c.mark for c in links[pair.left[0]])
        if pair.status in ("identical", "typography"):  # the same words: straight to the other copy's passage
            assert f'#{pair.right[0]}"' in mark and ">⇄</a>" in mark
        else:
            assert f'compare/{group.id}.md#c1-{row}"' in mark and ">⇄≠</a>" in mark
            assert f'id="c1-{row}"' in comparison
        kinds.add(pair.status)
    assert {"typography", "edited"} <= kinds  # the seeds' two copies differ in every passage, some only in typography


def test_a_passage_worded_the_same_links_straight_to_the_other_copys_passage():
    from bench.corpus_generator import article
    from reader.model import ReprintGroup
    from reader.reprints.align import align
    from reader.site.compare_page import counterparts

    same = "The council met on Tuesday to approve the harbour plan and its budget for next year."
    left = article("left", [same, "The mayor said the vote was close and the debate long."])
    right = article("right", [same, "The mayor called the vote close and the debate very long indeed."])
    group = ReprintGroup(id="g", articles=("left", "right"), original="left", order_basis="")
    links = counterparts((align(left, right),), {"left": left, "right": right}, (group,))["left"]
    first, second = (p.id for p in left.paragraphs if p.kind != "title")
    (same_mark,), (differs_mark,) = links[first], links[second]
    assert 'href="right.md#p1"' in same_mark.mark and ">⇄</a>" in same_mark.mark
    assert '../compare/g.md#c1-2"' in differs_mark.mark and ">⇄≠</a>" in differs_mark.mark


def test_the_digest_that_keys_an_article_page_knows_every_field_it_is_made_from():
    """A preview re-renders a page when the digest of its annotated article changes (`_fingerprint`):
    a field added to these dataclasses must be added there too, or its edits would not show."""
    from dataclasses import fields

    from reader.site.render import fields_digested

    for kind, known in fields_digested.items():
        assert tuple(f.name for f in fields(kind)) == known, kind
