"""The site: a strict MkDocs build of the real corpus, in a throwaway copy of the project.

Both ways of building are tested: `mkdocs build` alone (its hook generates the
pages) and `python build_site.py` first, then `mkdocs build`, as a tool that
runs no hooks (Zensical) would need.
"""

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from reader.site.page_html import add_content_security_policy, collapse_blank_lines, theme_parts, unhook_material_search

from .conftest import ROOT, build, hostile_markup, project_copy

pytestmark = pytest.mark.slow


def test_strict_build_makes_a_page_per_article(built_site, corpus):
    for article in corpus.articles:
        assert (built_site / "articles" / article.id / "index.html").is_file(), article.id
    assert (built_site / "search" / "search_index.json").is_file()
    assert (built_site / "corpus.json").is_file()


def test_home_page_lists_every_article(built_site, corpus):
    soup = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = soup.select(".reader-card")
    assert len(cards) == len(corpus.articles)
    links = {card.select_one("a.reader-card-title")["href"] for card in cards}
    assert {f"articles/{a.id}/" for a in corpus.articles} == links
    titles = [card.select_one("a.reader-card-title").get_text() for card in cards]
    assert len(set(titles)) == len(titles)  # copies of one headline say whose copy each card is
    assert "China, Russia Circle Wagons in Asia-Pacific (Global Research)" in titles
    said = soup.select_one(".md-content").get_text()
    assert "by the date each copy was published, else the date its original first appeared" in " ".join(said.split())


def test_article_page_shows_text_permalinks_removals_and_the_raw_seed(built_site, articles_by_id):
    article = articles_by_id["china-russia-circle-wagons-asia-pacific-asia-times"]
    page = built_site / "articles" / article.id / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text(strip=True).startswith("China, Russia Circle Wagons in Asia-Pacific")
    body = [p for p in article.paragraphs if p.kind == "paragraph"]
    for paragraph in body:
        element = soup.find(id=paragraph.id)
        assert element.find("a", href=f"#{paragraph.id}")
        assert original_text(element) == paragraph.text
    details = next(d for d in soup.find_all("details") if "Removed from the source" in d.summary.get_text())
    assert len(details.select("tbody tr")) == len(article.removals)
    raw = soup.find("a", string=article.seed)["href"]
    assert (page.parent / raw).resolve() == (built_site / "raw" / article.seed).resolve()
    assert (built_site / "raw" / article.seed).read_bytes() == (ROOT / "seeds" / article.seed).read_bytes()


def original_text(element) -> str:
    """A paragraph's text as the seed has it: without note numbers, readings, links and ¶."""
    for added in element.select("sup, ins, .reader-backlink, .reader-permalink, .reader-counterpart"):
        added.decompose()
    return " ".join(element.get_text().split())


def test_search_index_holds_the_article_text(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Shoigu" in index and "Stratofortress" in index


def test_generating_first_then_building_gives_the_same_site(tmp_path, built_site):
    project = project_copy(tmp_path)
    generated = subprocess.run([sys.executable, "build_site.py"], cwd=project, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    assert (project / "docs" / "index.md").is_file()
    result = build(project)
    assert result.returncode == 0, result.stderr
    for page in built_site.rglob("*.html"):
        relative = page.relative_to(built_site)
        if relative.parts[0] != "search":
            assert (project / "site" / relative).read_bytes() == page.read_bytes(), relative


def test_a_bad_seed_stops_the_build_with_the_seeds_error(tmp_path):
    project = project_copy(tmp_path)
    (project / "seeds" / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    result = build(project)
    assert result.returncode != 0
    assert "broken.txt" in result.stderr and "binary" in result.stderr


def page(site: Path, article_id: str) -> BeautifulSoup:
    return BeautifulSoup((site / "articles" / article_id / "index.html").read_text(encoding="utf-8"), "html.parser")


MIL = "military-relationship-between-china-russia"
AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"


def test_a_correction_shows_the_original_marked_with_the_reading_and_reason(built_site):
    soup = page(built_site, MIL)
    mark = next(m for m in soup.select("mark.reader-correction") if "ends with" in m.get_text())
    assert mark.get_text() == "The partnership ends with a formal military alliance"
    reading = mark.find_next_sibling("ins")
    assert "The partnership stops short of a formal military alliance" in reading.get_text()
    assert "[probably:" in reading.get_text()  # a word, not only a colour, says what it is: here, an inference
    ref = reading.find_next_sibling("sup").a
    note = soup.find(id=ref["href"][1:])
    assert "Chinese officials call an alliance unnecessary" in note.get_text()
    assert "Probably should read" in note.get_text() and "translation" in note.get_text()
    certain = soup.find(id="note-mil-wittenberg")  # a certain one says so plainly
    assert (
        "[correction:" in soup.find(id="ref-mil-wittenberg").find_parent("sup").find_previous_sibling("ins").get_text()
    )
    assert "Should read" in certain.get_text() and "Probably" not in certain.get_text()


def test_a_context_note_is_a_numbered_link_with_no_tooltip(built_site):
    """The number opens the note under its paragraph; a `title` would show it a second time."""
    soup = page(built_site, AT)
    ref = soup.find("a", attrs={"href": "#note-at-li-shangfu-removed"})
    assert not ref.has_attr("title")
    assert ref["aria-label"].startswith("Context note")
    assert not soup.select(".reader-ref a[title], mark.reader-correction[title], mark.reader-note[title]")
    entry = soup.find(id="note-at-li-shangfu-removed")
    assert entry.find("a", href="#ref-at-li-shangfu-removed")  # and back again
    assert entry.find("a", class_="reader-quote")["href"] == "#p1"  # the first paragraph of text, after the title


def test_a_link_goes_to_the_target_paragraph_which_links_back(built_site):
    deeper = "china-russia-into-deeper-relations-military"
    soup = page(built_site, GR)
    link = soup.find("a", id="ref-gr-valdai-2020")
    assert link["href"] == f"../{deeper}/#p3"
    target = page(built_site, deeper).find(id="p3")
    back = target.find("a", class_="reader-backlink", href=f"../{GR}/#p26")
    assert back is not None


def test_each_article_opens_with_a_byline_its_introduction_folded_and_a_caution_where_due(built_site, corpus):
    for item in corpus.annotated:
        soup = page(built_site, item.article.id)
        byline = soup.select_one(".reader-byline").get_text()
        assert f"{item.article.words:,} words" in byline and f"{len(item.notes)} notes" in byline
        assert soup.select_one(".reader-about summary").get_text().startswith("About this text: ")
        caution = soup.select_one(".reader-caution")
        assert (caution is not None) == bool(item.corrections), item.article.id  # any error, not only translation
        if item.corrections:  # the count is of every correction marked in the text
            marked = len(soup.select(".reader-text mark.reader-correction"))
            assert f"{len(item.corrections)} correction" in caution.get_text() and marked == len(item.corrections)


def test_the_glossary_lists_every_term_and_where_it_is_used(built_site, corpus):
    soup = BeautifulSoup((built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = {h.get("id") for h in soup.select("h2")}
    assert {"s-400", "tu-95ms", "norad", "kuril-islands", "valdai-discussion-club"} <= headings
    s400 = soup.find(id="s-400").find_next("ul")
    assert s400.find("a", href=f"../articles/{MIL}/#p18")
    term = page(built_site, MIL).find("a", class_="reader-term", string="S-400")
    assert term["href"] == "../../glossary/#s-400" and "surface-to-air" in term["title"]


def test_annotation_text_is_in_the_search_index(built_site):
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Wittenberg University" in index and "Orthodox Easter Sunday" in index
    assert "A Moscow-based think tank" in index  # the glossary


XSS = [
    "<script>window.pwned=1</script>",
    "<img src=x onerror=window.pwned=1>",
    "[x](javascript:window.pwned=1)",
    "<svg onload=window.pwned=1>",
    "<iframe src=javascript:window.pwned=1></iframe>",
    "[y](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)",
]


def test_no_contributor_payload_reaches_a_built_page(tmp_path):
    project = project_copy(tmp_path)
    note = " ".join(XSS)
    (project / "annotations" / f"{MIL}.yml").write_text(
        f"article: {MIL}\nabout:\n  note: {json.dumps(note)}\n"
        f"notes:\n  - id: x1\n    kind: context\n    quote: Nearly a month later\n    text: {json.dumps(note)}\n"
        f"    sources:\n      - title: {json.dumps(note)}\n",
        encoding="utf-8",
    )
    glossary = project / "annotations" / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + f"  - term: Nearly\n    definition: {json.dumps(note)}\n",
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 10
    for built in pages:
        assert hostile_markup(built.read_text(encoding="utf-8")) == [], built
    search = (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    # The search index holds HTML too: payloads may appear there only escaped.
    assert "<script>window.pwned" not in search and "<img src=x onerror" not in search
    assert "&lt;script&gt;window.pwned" in search


def test_each_article_links_to_its_annotation_file(built_site, corpus):
    for item in corpus.annotated:
        link = page(built_site, item.article.id).select_one(".reader-edit a")
        published = (built_site / "articles" / item.article.id / link["href"]).resolve()
        assert published.read_text(encoding="utf-8") == (ROOT / "annotations" / f"{item.article.id}.yml").read_text(
            encoding="utf-8"
        )


def test_with_a_repository_the_edit_link_opens_githubs_editor(tmp_path, monkeypatch):
    """mkdocs.yml reads the repository from the environment, as the workflow sets it."""
    monkeypatch.setenv("READER_REPO_URL", "https://github.com/example/reader")
    project = project_copy(tmp_path)
    assert build(project).returncode == 0
    link = page(project / "site", MIL).select_one(".reader-edit a")
    assert link["href"] == f"https://github.com/example/reader/edit/main/annotations/{MIL}.yml"


def test_the_comparison_page_shows_both_copies_aligned(built_site, corpus):
    (group,) = corpus.reprints
    (alignment,) = corpus.alignments
    soup = BeautifulSoup((built_site / "compare" / group.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    counts = alignment.counts()
    assert f"{counts['edited']} edited" in soup.select_one(".reader-compare-summary").get_text()
    toggle = soup.select_one("input.reader-toggle[type=checkbox]")
    assert "typography or spelling" in soup.find("label", attrs={"for": toggle["id"]}).get_text()
    rows = soup.select(".reader-row:not(.reader-head)")
    assert len(rows) == len(alignment.pairs)
    wednesday = next(r for r in rows if "Last Wednesday" in r.get_text())
    assert wednesday.select_one(".reader-cell del").get_text().strip() == "Last Wednesday,"
    assert "On April 12" in wednesday.select_one(".reader-cell ins").get_text()
    assert wednesday.select_one(".reader-status").get_text() == "edited"


def test_the_comparison_page_lists_what_changed_dates_and_names_first(built_site, corpus):
    """The edits that change what the text says, before the passages: the two dates the copies write
    differently first, then names (among them "MOD" spelt out), each linking to its passage."""
    (group,) = corpus.reprints
    soup = BeautifulSoup((built_site / "compare" / group.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.select(".reader-what-changed li")]
    assert "Last Wednesday" in items[0] and "On April 12" in items[0] and items[0].endswith("(date)")
    assert "on Easter" in items[1] and "“last”" in items[1] and items[1].endswith("(date)")
    assert any("“MOD”" in i and "Ministry of Defense" in i for i in items)
    assert not any(
        "defence" in i.lower() and "defense" in i.lower() and "Councilor" not in i for i in items
    )  # spelling
    for link in soup.select(".reader-what-changed a[href^='#']"):  # the rest: each copy's paragraph
        assert soup.find(id=link["href"][1:]) is not None
    assert "at-li-shangfu-removed" in str(soup.select_one(".reader-stranded"))


def test_each_copy_names_the_others_and_links_paragraphs_to_their_counterparts(built_site, corpus):
    (group,) = corpus.reprints
    soup = page(built_site, AT)
    banner = soup.select_one(".reader-reprints")
    assert banner.find("a", href=f"../{GR}/") and banner.find("a", href=f"../../compare/{group.id}/")
    counterpart = soup.find(id="p7").select_one(".reader-counterpart")
    # Worded differently: ⇄≠ opens the two wordings side by side, on the comparison page's row for them.
    href, row = counterpart["href"].split("#")
    assert href == f"../../compare/{group.id}/"
    comparison = BeautifulSoup(
        (built_site / "compare" / group.id / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "¶7" in comparison.find(id=row).get_text(" ")
    assert counterpart.get_text() == "⇄≠"  # one quiet mark; its tooltip names the copy
    assert counterpart["title"] == "Also in Global Research, ¶7: worded differently; the two wordings side by side"
    other = page(built_site, GR).find(id="p6").select_one(".reader-counterpart")
    assert (
        other["title"] == "Also in the Asia Times copy, ¶6: worded differently; the two wordings side by side"
    )  # never "via Asia Times" in a sentence


def test_one_mark_per_relation_where_a_link_note_leads_to_the_same_passage_in_the_other_copy(built_site, corpus):
    """The Asia Times copy's ¶6 has a link note (→6) to the Global Research copy's ¶6, its aligned
    passage: no ⇄≠ beside it (the note offers the two wordings side by side), and on the Global
    Research side no ← beside the ⇄≠ that already leads there."""
    (group,) = corpus.reprints
    at = page(built_site, AT)
    marks = [a.get_text() for a in at.find(id="p6").select(".reader-link-to, .reader-backlink, .reader-counterpart")]
    assert marks == ["→6"]
    side = at.find(id="note-at-last-sunday").find("a", string="the two wordings side by side")
    assert side["href"].startswith(f"../../compare/{group.id}/#c1-")
    gr = page(built_site, GR)
    marks = [a.get_text() for a in gr.find(id="p6").select(".reader-link-to, .reader-backlink, .reader-counterpart")]
    assert marks == ["⇄≠"]


def test_removal_lists_and_raw_seeds_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Tajikistan" not in text  # a teaser the cleaner removed from the Asia Times page
    assert "Removed from the source" not in text
    assert not any(doc["location"].startswith("raw/") for doc in index["docs"])


def test_text_repeated_from_the_articles_stays_out_of_the_search_index(built_site, corpus):
    """A comparison table and the links to a paragraph's other copies repeat the articles' own text:
    indexed, every search would find each copy twice more."""
    (group,) = corpus.reprints
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    comparison = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(f"compare/{group.id}/"))
    assert "aligned passages" in comparison  # the page is found, by its summary
    assert "Last Wednesday" not in comparison
    assert not any("also in Global Research" in doc["text"] for doc in index["docs"])


def test_the_hooks_shorter_listing_of_the_theme_gives_mkdocs_the_same_static_files(tmp_path):
    """The hook lists the theme without its hidden folders (Material's 14,000 icons), which MkDocs leaves out."""
    config = load_config(str(project_copy(tmp_path) / "mkdocs.yml"))
    mkdocs_own, the_hooks = Files([]), Files([])
    mkdocs_own.add_files_from_theme(config.theme.get_env(), config)
    config = config.plugins.on_config(config)
    the_hooks.add_files_from_theme(config.theme.get_env(), config)
    assert [f.abs_src_path for f in the_hooks] == [f.abs_src_path for f in mkdocs_own]
    assert any(f.src_uri.startswith("assets/javascripts/") for f in the_hooks)
    assert config.theme.get_env().get_template(".icons/material/weather-night.svg")  # icons still load


def search_entries(built_site: Path) -> dict[str, dict[str, str]]:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def test_each_paragraph_is_a_search_entry_named_by_its_number_and_first_words(built_site):
    entries = search_entries(built_site)
    assert entries[f"articles/{GR}/#s-p22"]["title"] == "¶22 · The next day, Shoigu told Gen.…"
    assert entries[f"articles/{GR}/#s-p22"]["text"].startswith("<p>The next day, Shoigu told Gen. Li")


def test_each_note_is_a_search_entry_of_its_own(built_site):
    """A search for "Shoigu" shows the note about him, not the whole notes list."""
    note = search_entries(built_site)[f"articles/{GR}/#s-note-gr-shoigu-replaced"]
    listed = [li.get("id") for li in page(built_site, GR).select("ol.reader-notes > li")]
    number = listed.index("note-gr-shoigu-replaced") + 1  # as the notes list numbers it
    assert note["title"] == f"Note {number} · Context · “Defense Minister Sergei Shoigu”"
    assert "Belousov" in note["text"] and "Li Shangfu" not in note["text"]
    assert "↩" not in note["text"] and not note["text"].startswith("Context")  # the title names it already


def test_an_articles_metadata_is_never_its_search_excerpt(built_site):
    entries = search_entries(built_site)
    for location, doc in entries.items():
        if location.startswith("articles/") and "#" not in location:
            assert "words" not in doc["text"] and "About this copy" not in doc["text"], location
            assert "Notes last changed" not in doc["text"], location
    notes = " ".join(doc["text"] for location, doc in entries.items() if location.endswith("#notes"))
    assert "Notes last changed" not in notes and "Editorial standards" not in notes


def test_lists_and_maintainers_pages_stay_out_of_the_search_index(built_site):
    """Searches find articles and the glossary, not the pages that list them or explain the build."""
    sections = {location.split("/")[0] for location in search_entries(built_site)}
    assert not sections & {"", "browse", "timeline", "rules", "bad-input", "contributing"}
    assert {"articles", "glossary"} <= sections
    glossary = " ".join(
        doc["text"] for location, doc in search_entries(built_site).items() if location.startswith("glossary")
    )
    assert "Used in" not in glossary  # a term's uses name article titles: the glossary would match their words


def test_web_annotations_have_a_text_quote_selector_per_note(built_site, corpus):
    collection = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items = collection["first"]["items"]
    written = sum(1 for a in corpus.annotated for n in a.notes if not n.origin)
    originals = sum(1 for a in corpus.annotated if a.about and a.about.original and a.about.original.relation)
    assert collection["total"] == len(items) == written + originals
    described = [i for i in items if i["motivation"] == "describing"]
    assert len(described) == originals and all(i["id"].split("#")[1].startswith("original-") for i in described)
    correction = next(i for i in items if i["id"].endswith("#note-mil-ends-with"))
    assert correction["motivation"] == "editing"
    selector = correction["target"]["selector"]
    assert selector["type"] == "TextQuoteSelector"
    assert selector["exact"] == "The partnership ends with a formal military alliance"
    assert selector["suffix"].startswith(", which Chinese officials")
    link = next(i for i in items if i["id"].endswith("#note-at-on-april-12"))
    assert link["motivation"] == "linking" and link["body"][-1]["selector"]["exact"] == "Last Wednesday"


def test_the_timeline_orders_dated_notes_and_article_dates(built_site):
    soup = BeautifulSoup((built_site / "timeline" / "index.html").read_text(encoding="utf-8"), "html.parser")
    dates = [b.get_text() for b in soup.select("article li strong")]
    assert dates == sorted(dates) and "1999-05-07" in dates and "2024-07-25" in dates
    belgrade = next(li for li in soup.select("article li") if "1999-05-07" in li.get_text())
    assert belgrade.find("a", href=re.compile(r"china-belarus.*#p\d+$"))


def test_browse_pages_list_every_article(built_site, corpus):
    for page_name in ("outlets", "dates"):
        soup = BeautifulSoup(
            (built_site / "browse" / page_name / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        links = {a["href"].split("#")[0] for a in soup.select("article li a")}
        assert {f"../../articles/{a.id}/" for a in corpus.articles} == links
    topics = (built_site / "browse" / "topics" / "index.html").read_text(encoding="utf-8")
    assert "China–Russia military ties" in topics


def test_pages_carry_link_preview_tags(built_site):
    soup = page(built_site, MIL)
    assert soup.find("meta", property="og:title")["content"].startswith("The military relationship")
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith("If war had broken out, Yu")
    assert (built_site / "404.html").is_file()


def test_the_navigation_groups_articles_by_outlet_and_carries_only_the_open_branch(built_site):
    soup = page(built_site, AT)
    nav = soup.select_one("nav.md-nav--primary")
    entries = [e.get_text(" ", strip=True) for e in nav.select("a.md-nav__link, label.md-nav__link")]
    assert {"Artifex.News", "Global Research", "via Asia Times", "Outlet not stated"} <= set(entries)
    # Another outlet is one link to its first article, not a list of all its articles.
    artifex = [a for a in nav.select("a.md-nav__link") if "artifex" in a["href"]]
    assert [a.get_text(strip=True) for a in artifex] == ["Artifex.News"]


def test_topics_are_links_to_their_section_of_the_topics_page(built_site):
    page = built_site / "articles" / "china-belarus-hold-army-drills-near-nato-border-artifex-news" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("nav.reader-topics a")}
    assert links["NATO"] == "../../browse/topics/#topic-nato"
    topics = BeautifulSoup((built_site / "browse" / "topics" / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = topics.find(id="topic-nato")
    assert section is not None and "NATO" in section.get_text()
    assert section.find_next("ul").find(
        "a", href="../../articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/"
    )


def test_blank_lines_are_collapsed_except_in_preformatted_text():
    html = "<ul>\n    \n    <li>a</li>\n\n   <li>b</li></ul><pre>x\n\n   y</pre><p>one  two</p>"
    assert collapse_blank_lines(html) == "<ul>\n<li>a</li>\n<li>b</li></ul><pre>x\n\n   y</pre><p>one  two</p>"


def test_built_pages_carry_no_runs_of_blank_lines(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert "\n\n" not in re.sub(r"<pre\b.*?</pre>", "", page, flags=re.S)


PAGE = (
    '<html><head></head><body><script>theme()</script><div class="md-content"><article>'
    "<script>contributor()</script></article></div></body></html>"
)


def test_the_policy_lets_only_the_themes_inline_scripts_run_on_published_pages():
    policy = re.search(r'content="([^"]*)"', add_content_security_policy(PAGE))[1]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    theme = base64.b64encode(hashlib.sha256(b"theme()").digest()).decode()
    assert script_src == f"script-src 'self' 'sha256-{theme}'"  # not the script inside the article


@pytest.mark.parametrize(
    "page, scripts",
    [
        (PAGE, ("theme()",)),
        ('<script class="note md-content">inside()</script><script>theme()</script>', ("theme()",)),
        ('<div class="md-content-wide"><script>theme()</script></div>', ("theme()",)),  # another class
        ('<script src="/assets/bundle.js"></script><script>theme()</script>', ("theme()",)),
        ("<!-- only a comment -->", ()),
        ("   ", ()),
        # An end tag in the content that closes the theme's elements: nothing is allowed to run.
        (PAGE.replace("<article>", "<article></article></div></body><script>escaped()</script>"), ()),
        (PAGE.replace("<article>", "<article></html><script>escaped()</script>"), ()),
    ],
)
def test_the_themes_inline_scripts_are_those_outside_the_content(page, scripts):
    assert theme_parts(page).scripts == scripts


@pytest.mark.parametrize("head", ["<head>", '<head prefix="og: https://ogp.me/ns#">', "<HEAD>"])
def test_the_policy_is_the_first_thing_in_the_head_whatever_its_attributes(head):
    page = add_content_security_policy(PAGE.replace("<head>", head))
    assert page.startswith(
        f'<html>{head}\n    <meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
    )
    assert page.count("Content-Security-Policy") == 1


def test_the_preview_policy_lets_mkdocs_serves_live_reload_script_run():
    """`mkdocs serve` adds the script to each page as it sends it, with values no hash could know."""
    policy = re.search(r'content="([^"]*)"', add_content_security_policy(PAGE, wasm=True, preview=True))[1]
    assert "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline';" in policy
    assert "sha256" not in policy  # a hash in the policy would switch 'unsafe-inline' off


def test_with_a_github_repository_the_policy_lets_the_header_ask_githubs_api_for_its_facts():
    """Material's header shows the repository's stars and forks from GitHub's API; a link to GitHub
    in an article's text asks for nothing, and lets nothing more through."""
    header = '<a href="https://github.com/o/r" title="Go to repository" class="md-source" data-md-component="source">'
    with_repository = PAGE.replace("<body>", f"<body>{header}")
    in_the_text = PAGE.replace("<article>", f"<article>{header}")
    connect = "connect-src 'self' https://api.github.com;"
    assert connect in add_content_security_policy(with_repository)
    assert connect not in add_content_security_policy(in_the_text)
    assert "connect-src 'self';" in add_content_security_policy(PAGE)


def test_a_correction_shows_what_it_changes_word_by_word(built_site):
    entry = page(built_site, MIL).find(id="note-mil-ends-with")
    change = entry.select_one(".reader-change")
    assert [d.get_text() for d in change.find_all("del")] == ["ends with "]
    assert [i.get_text() for i in change.find_all("ins")] == ["stops short of "]


def test_a_notes_source_is_in_the_notes_list(built_site):
    soup = page(built_site, MIL)
    entry = soup.find(id="note-mil-wittenberg")
    links = [a["href"] for a in entry.select(".reader-sources a")]
    assert "https://www.washingtonpost.com/world/2022/03/21/china-russia-military-arms-drones/" in links


def test_the_editorial_standards_page_is_built_and_every_notes_list_links_to_it(built_site, corpus):
    standards = (built_site / "standards" / "index.html").read_text(encoding="utf-8")
    assert "When a claim needs a source" in standards and "How to date an event" in standards
    for item in corpus.annotated:
        if item.notes:
            link = page(built_site, item.article.id).select_one(".reader-standards a")
            assert link["href"] == "../../standards/", item.article.id


@pytest.fixture(scope="module")
def series_site(tmp_path_factory):
    """A newsroom's series built for real: 240 articles, half of them from one outlet, every title
    "Report N: …" (bench_scale's generator), so that its outlet's branch and the lists must split."""
    from bench.bench_scale import make_project

    project = make_project(240, tmp_path_factory.mktemp("series") / "project", "newsroom", search=None)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_built_page_lists_more_navigation_links_than_the_bound(series_site):
    from reader.site.navigation import NAV_LINKS, TOC_LINKS

    most = 0
    for page in series_site.rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        nav = soup.select_one("nav.md-nav--primary")
        if nav is None:
            continue
        for toc in nav.select("nav.md-nav--secondary"):
            toc.decompose()  # the page's own table of contents, which Material nests on a phone
        most = max(most, len(nav.select("a")))
    assert 30 < most <= NAV_LINKS - TOC_LINKS  # split, and within the bound


def test_a_long_list_is_pages_linked_to_each_other(series_site):
    first = BeautifulSoup((series_site / "browse" / "dates" / "index.html").read_text(encoding="utf-8"), "html.parser")
    second_path = series_site / "browse" / "dates-2" / "index.html"
    second = BeautifulSoup(second_path.read_text(encoding="utf-8"), "html.parser")
    assert first.find("a", string="Next →")["href"] == "../dates-2/"
    assert second.find("a", string="← Previous")["href"] == "../dates/"
    assert "By date (page 2 of 3)" in second.h1.get_text()
    items = [len(page.select("article li")) for page in (first, second)]
    assert items == [100, 100]
    linked = second.select_one("article li a")["href"]
    assert (second_path.parent / linked / "index.html").resolve().is_file()  # its links hold on page 2


def test_with_pagefind_materials_search_box_is_renamed_where_the_parser_finds_it_and_nowhere_else():
    """Material's script binds to its search box by `data-md-component`; renamed, it leaves the box
    to Pagefind. A page that holds the same words in its content keeps them."""
    box = '<div class="md-search" data-md-component="search"><input data-md-component="search-query"></div>'
    page = PAGE.replace("<body>", f"<body>{box}")
    parts = theme_parts(page)
    assert parts.search == ("search", "search-query")
    unhooked = unhook_material_search(page, parts)
    assert 'data-reader-component="search"' in unhooked and 'data-reader-component="search-query"' in unhooked
    assert "data-md-component" not in unhooked
    only_in_the_text = PAGE.replace("<article>", f"<article>{box}")
    assert theme_parts(only_in_the_text).search == ()
    assert unhook_material_search(only_in_the_text, theme_parts(only_in_the_text)) == only_in_the_text
