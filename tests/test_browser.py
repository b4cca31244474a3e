"""The site as a reader uses it: a real headless Chromium against the built site on 127.0.0.1.

Uses Playwright with the system Chromium (Debian's `chromium` package); no
browser is ever downloaded. Without Chromium these tests are skipped with a
message saying how to install it, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote

import pytest

from bench.project import fetched

from .conftest import build, free_port, project_copy, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# The README's screenshots, taken only when asked for (`make screenshots`), not on every run.
SCREENSHOTS = Path(os.environ["READER_SCREENSHOTS"]) if os.environ.get("READER_SCREENSHOTS") else None
AT = "china-russia-circle-wagons-asia-pacific-asia-times"
GR = "china-russia-circle-wagons-asia-pacific-global-research"
MIL = "military-relationship-between-china-russia"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is required in CI: .ci/run installs it with apt-get install -y chromium")
    pytest.skip("Chromium is not installed: apt-get install -y chromium (Debian/Ubuntu)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser


def serve(folder: Path, host: str = "127.0.0.1"):
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server(built_site):
    httpd, url = serve(built_site)
    yield url
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watched(page) -> list[str]:
    """The page's script errors, Content-Security-Policy violations and dialogs, as they happen (a
    resource the test machine cannot fetch, such as GitHub's API, is not one)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error" and "Failed to load resource" not in message.text and errors.append(message.text)
        ),
    )
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return errors


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = watched(page)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


PAGES = {
    "home": "/",
    "article": f"/articles/{MIL}/",
    "comparison": f"/compare/reprints-{GR}/",
    "glossary": "/glossary/",
    "timeline": "/timeline/",
    "rules": "/rules/",
    "by-outlet": "/browse/outlets/",
    "by-date": "/browse/dates/",
    "by-topic": "/browse/topics/",
    "download": "/download/",
    "contributing": "/contributing/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_type_loads_and_has_no_serious_accessibility_violations(page, server, name, scheme):
    """In the palette the reader's system asks for (mkdocs.yml follows `prefers-color-scheme`)."""
    page.emulate_media(color_scheme=scheme)
    response = page.goto(server + PAGES[name])
    assert response.status == 200
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", {"light": "default", "dark": "slate"}[scheme]
    )
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_opened_note_and_suggestion_panel_have_no_serious_accessibility_violations(page, server, scheme):
    """What a reader opens, not only what a page shows as it loads (the page itself is checked above):
    a note's panel and Suggest a note, each checked on its own."""
    page.emulate_media(color_scheme=scheme)
    page.goto(server + f"/articles/{MIL}/")
    page.locator("#ref-mil-wittenberg").click()
    expect(page.locator(".reader-popover")).to_be_visible()
    results = [Axe().run(page, context=".reader-popover")]
    page.keyboard.press("Escape")
    page.evaluate(SELECT, ["p6", "The partnership", "alliance", None])
    page.locator(".reader-suggest-control").click()
    expect(page.get_by_role("dialog", name="Suggest a note")).to_be_visible()
    results.append(Axe().run(page, context=".reader-suggest"))
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:120]}"
        for result in results
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_404_page(page, server):
    response = page.goto(server + "/no-such-page/")
    assert response.status == 404


@pytest.fixture(scope="module")
def pagefind_server(tmp_path_factory):
    """The real corpus built with Pagefind as the search (the reader plugin's `search_engine: pagefind`)."""
    project = project_copy(tmp_path_factory.mktemp("pagefind"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: auto", "search_engine: pagefind", 1))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    httpd, url = serve(project / "site")
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def sharded_pagefind_server(tmp_path_factory):
    """The same, indexed as a large site is: in shards of a few pages, which the search merges."""
    from reader import settings

    project = project_copy(tmp_path_factory.mktemp("shards"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: auto", "search_engine: pagefind", 1))
    shard_pages, settings.PAGEFIND_SHARD_PAGES = settings.PAGEFIND_SHARD_PAGES, 4
    try:
        result = build(project)
    finally:
        settings.PAGEFIND_SHARD_PAGES = shard_pages
    assert result.returncode == 0, result.stderr
    assert len(json.loads((project / "site" / "pagefind" / "shards.json").read_text(encoding="utf-8"))) >= 3
    httpd, url = serve(project / "site")
    yield url
    httpd.shutdown()


SEARCH_SERVERS = {"material": "server", "pagefind": "pagefind_server", "pagefind in shards": "sharded_pagefind_server"}


@pytest.fixture(params=list(SEARCH_SERVERS))
def search_server(request):
    """The site with each search: Material's built-in one (the default), Pagefind, and Pagefind's
    index in shards (as a site of more than `settings.PAGEFIND_SHARD_PAGES` pages has it)."""
    return request.getfixturevalue(SEARCH_SERVERS[request.param])


def test_searching_for_shoigu_reaches_both_copies_at_the_paragraph(page, search_server):
    server = search_server
    page.goto(server + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Shoigu", delay=50)
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible(timeout=10000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert not [h for h in hrefs if re.search(r"\?h=(#|$)", h)], hrefs  # no empty highlight in an address
    assert any(f"/{AT}/" in h and "#s-p" in h for h in hrefs), hrefs
    assert any(f"/{GR}/" in h and "#s-p" in h for h in hrefs), hrefs
    target = next(h for h in hrefs if f"/{GR}/" in h and "#s-p" in h)
    # Material folds a page's further matches under "more"; follow the link as a reader would after unfolding.
    page.goto(target)
    paragraph = target.split("#s-")[1]
    expect(page.locator(f"#{paragraph}")).to_be_in_viewport()
    expect(page.locator(f"#{paragraph}")).to_contain_text("Shoigu")


# A query, the page its first result must be on, and a passage or note a result must name by its words.
FIRST_RESULTS = [
    ("Wittenberg", MIL, "¶1 · If war had broken out, Yu,…"),
    (
        "Alaska bombers",
        "russian-chinese-bombers-patrol-near-alaska-joint-artifex-news",
        "¶1 · Russian and Chinese bomber",
    ),
    ("Valdai", "glossary", "Valdai Discussion Club"),
    ("Shoigu", AT, "Defense Minister Sergei Shoigu"),
]
LIST_PAGES = ("/browse/", "/timeline/", "/rules/", "/bad-input/", "/contributing/")


@pytest.mark.parametrize("query, first_page, named", FIRST_RESULTS, ids=[q for q, _, _ in FIRST_RESULTS])
def test_a_search_finds_articles_and_the_glossary_first_and_names_each_passage(
    page, search_server, query, first_page, named
):
    """Tried as a reader would: the first result is the article (or the glossary entry), no list page
    is among the results, and a passage is named by its number and first words, not "¶21" alone."""
    page.goto(search_server + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially(query, delay=50)
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible(timeout=10000)
    expect(page.locator(".md-search-result__list")).to_contain_text(named)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert f"/{first_page}/" in hrefs[0], hrefs
    assert not [h for h in hrefs if any(listed in h for listed in LIST_PAGES)], hrefs
    assert not [h for h in hrefs if h.rstrip("/").endswith(search_server.split("//")[1])], hrefs  # the home page
    items = page.locator(".md-search-result__item")
    pages = [
        (items.nth(i).locator("a").first.get_attribute("href") or "").split("?")[0].split("#")[0]
        for i in range(items.count())
    ]
    assert len(set(pages)) == len(pages), pages  # each page once


@pytest.fixture(scope="module")
def zensical_server(tmp_path_factory):
    """The real corpus built by Zensical (`build_site.py site --engine zensical`), its pages finished as MkDocs' are."""
    project = project_copy(tmp_path_factory.mktemp("zensical"))
    result = subprocess.run(
        [sys.executable, "build_site.py", "site", "--engine", "zensical"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    httpd, url = serve(project / "site")
    yield url
    httpd.shutdown()


def test_on_the_zensical_site_a_search_for_shoigu_reaches_both_copies_at_the_paragraph(page, zensical_server):
    """Zensical's own search, under the same Content-Security-Policy: both copies, each at its paragraph."""
    page.goto(zensical_server + "/")
    page.wait_for_load_state("networkidle")  # the search script bound its keys
    page.keyboard.press("Control+k")
    page.keyboard.type("Shoigu", delay=50)
    hits = page.get_by_text("Shoigu stressed that Russia and China")
    expect(hits.first).to_be_visible(timeout=10000)
    hrefs = [hits.nth(i).evaluate(LINK_OF) for i in range(hits.count())]
    assert any(f"/{AT}/" in h and "#s-p" in h for h in hrefs), hrefs
    assert any(f"/{GR}/" in h and "#s-p" in h for h in hrefs), hrefs
    target = next(h for h in hrefs if f"/{GR}/" in h)
    page.goto(target)
    paragraph = target.split("#s-")[1]
    expect(page.locator(f"#{paragraph}")).to_be_in_viewport()
    expect(page.locator(f"#{paragraph}")).to_contain_text("Shoigu")


def test_a_page_opened_at_a_paragraph_stays_there_when_the_theme_restores_the_top(page, server):
    """Zensical's theme can restore a scroll position saved before the browser jumped to the anchor
    (on a busy machine); the reader's script takes the page back to the paragraph, once, before the
    reader touches anything. Here the theme's jump to the top is made by hand."""
    page.goto(f"{server}/articles/{GR}/#s-p23")
    expect(page.locator("#p23")).to_be_in_viewport()
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator("#p23")).to_be_in_viewport()
    page.mouse.wheel(0, -100)  # the reader's own scrolling is left alone
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator("#p23")).not_to_be_in_viewport()


# The address of the link a search result's text sits in (Zensical renders results in a shadow tree).
LINK_OF = (
    "e => { let n = e; while (n && !n.href) n = n.parentElement || (n.getRootNode().host); return n ? n.href : '' }"
)


def test_a_correction_shows_its_reading_and_its_reason(page, server):
    page.goto(server + f"/articles/{MIL}/")
    page.locator(".reader-mode button", has_text="Original").click()
    mark = page.locator("mark.reader-correction", has_text="The partnership ends with a formal military alliance")
    expect(mark).to_be_visible()
    expect(page.locator("ins.reader-reading", has_text="stops short of")).to_be_visible()
    page.locator("#ref-mil-ends-with").click()
    note = page.locator(".reader-popover")  # the note opens where it is marked
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("Chinese officials call an alliance unnecessary")
    expect(note.locator(".reader-change del")).to_have_text("ends with ")


def test_a_reprint_link_leads_to_the_counterpart_paragraph(page, server):
    """Worded differently (⇄≠): the two wordings side by side first, then on to the other copy's paragraph."""
    page.goto(server + f"/articles/{GR}/")
    page.locator("#p5 .reader-counterpart").click()
    row = page.locator(".reader-row:target")
    expect(row).to_be_in_viewport()
    row.locator(".reader-cell-label", has_text="Asia Times").filter(visible=True).first.click()
    page.wait_for_url(f"**/{AT}/#p5")
    expect(page.locator("#p5")).to_be_in_viewport()
    expect(page.locator("#p5")).to_contain_text("On April 12")


def test_a_glossary_term_shows_its_definition_on_focus(page, server):
    page.goto(server + f"/articles/{MIL}/")
    term = page.locator("a.reader-term", has_text="S-400")
    term.focus()
    tooltip = page.locator(".md-tooltip2", has_text="surface-to-air")
    expect(tooltip.first).to_be_visible(timeout=5000)


def test_a_context_note_opens_once_on_a_tap_with_no_tooltip_over_the_text(page, server):
    page.goto(server + f"/articles/{AT}/")
    ref = page.locator("#ref-at-li-shangfu-removed")
    ref.focus()
    page.wait_for_timeout(1000)  # Material shows a `title` as its tooltip within this time; there is none
    expect(page.locator(".md-tooltip2", has_text="Li Shangfu disappeared")).to_have_count(0)
    ref.click()
    expect(page.locator(".reader-popover")).to_be_in_viewport()
    expect(page.locator(".reader-popover")).to_contain_text("removed as defence minister on 24 October 2023")


def test_dark_mode_toggles(page, server):
    page.goto(server + "/")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before)


def test_the_home_page_lists_articles_as_cards_the_most_recent_first(browser, server, corpus):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(server + "/")
    cards = page.locator(".reader-card")
    expect(cards).to_have_count(len(corpus.articles))
    dates = [t for t in cards.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")]
    assert dates == sorted(dates, reverse=True)
    title = cards.first.locator(".reader-card-title").bounding_box()
    assert title["width"] > 250  # a title reads across the card, not down a narrow column
    assert title["y"] + title["height"] < 780  # the list starts on a phone's first screen, the legend below it
    page.get_by_role("link", name="under the list").click()
    expect(page.get_by_role("heading", name="How to read an article")).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_timeline_picture_is_legible_and_its_marks_lead_to_their_passages(browser, server, width):
    """One of the picture's two layouts shows at each width, its year names at least 10 px high and its
    marks 20 px targets or more; a mark for one passage lands on it, one for several on the list of them."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server + PAGES["timeline"])
    shown, hidden = ("narrow", "wide") if width < 600 else ("wide", "narrow")
    picture = page.locator(f"svg.reader-timeline-{shown}")
    expect(picture).to_be_visible()
    expect(page.locator(f"svg.reader-timeline-{hidden}")).to_be_hidden()
    year = picture.locator(".reader-timeline-year").first.bounding_box()
    assert year and year["height"] >= 10, year
    target = picture.locator(".reader-timeline-target").first.bounding_box()
    assert target and target["width"] >= 20, target
    picture.locator('a[*|href*="#event-2020-10-22"]').click()
    expect(page.locator("#event-2020-10-22")).to_be_attached()
    assert page.url.endswith("#event-2020-10-22")
    if shown == "wide":
        lone = picture.locator('a[*|href*="#p24"]').first
        lone.click()
        page.wait_for_url("**/articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/#p24")
        expect(page.locator("#p24")).to_be_in_viewport()
    else:  # on a phone a mark is numbered, and a tap shows its numbered entry, which links to the passage
        mark = picture.locator("a").filter(has=page.locator("text.reader-timeline-n", has_text=re.compile("^1$"))).first
        expect(mark.locator("text.reader-timeline-n")).to_be_visible()  # under load, after the scroll above
        number = mark.locator("text.reader-timeline-n").bounding_box()
        assert number and number["height"] >= 9, number
        anchor = mark.get_attribute("xlink:href")[1:]
        mark.click()
        entry = page.locator(f"li:has(#{anchor})")
        expect(entry).to_be_in_viewport()
        expect(entry.locator(".reader-timeline-n")).to_have_text("1")
        expect(entry.locator("a").first).to_be_visible()
    context.close()


def test_typography_and_spelling_only_passages_are_hidden_until_asked_for(page, server):
    page.goto(server + PAGES["comparison"])
    typography = page.locator(".reader-status-typography").first
    spelling = page.locator(".reader-status-spelling").first
    expect(typography).to_be_hidden()
    expect(spelling).to_be_hidden()
    page.locator("label", has_text="Show passages that differ only in typography or spelling").click()
    expect(typography).to_be_visible()
    expect(spelling).to_be_visible()


def test_on_a_phone_a_compared_passage_is_one_column_with_its_label_first(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(server + PAGES["comparison"])
    row = page.locator(".reader-status-edited").first
    expect(row.locator(".reader-inline")).to_be_visible()
    expect(row.locator(".reader-cell").first).to_be_hidden()
    status, inline = (row.locator(s).bounding_box() for s in (".reader-status", ".reader-inline"))
    assert status["y"] < inline["y"]
    context.close()


@pytest.mark.parametrize("name", ["home", "article", "comparison", "timeline"])
def test_pages_fit_a_phone_and_a_desktop_without_scrolling_sideways(browser, server, name):
    for label, width in (("desktop", 1280), ("phone", 360)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(server + PAGES[name])
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at {width}px"
        if SCREENSHOTS:
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"))
        context.close()


def test_no_article_scrolls_sideways_on_a_phone(browser, server, corpus):
    """Every article, not one: a control hidden out of the text's flow once sat past a phone's edge."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    page = context.new_page()
    for article in corpus.articles:
        page.goto(server + f"/articles/{article.id}/")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{article.id} scrolls sideways by {overflow}px"
    context.close()


def test_printed_notes_become_footnotes(page, server):
    page.goto(server + f"/articles/{MIL}/")
    page.emulate_media(media="print")
    expect(page.locator("ol.reader-notes")).to_be_visible()
    expect(page.locator(".reader-permalink").first).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()


def test_no_payload_in_a_hostile_corpus_runs_in_the_browser(browser, hostile_site):
    httpd, url = serve(hostile_site)
    try:
        pages = ["/", "/glossary/"] + [
            f"/articles/{p.parent.name}/" for p in (hostile_site / "articles").glob("*/index.html")
        ]
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            dialogs = []
            page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for element in page.locator("article a, article mark, article p").all()[:40]:
                if element.is_visible():
                    element.hover()
            assert page.evaluate("typeof window.pwned") == "undefined", path
            assert dialogs == [], path
            context.close()
    finally:
        httpd.shutdown()


def test_the_content_security_policy_blocks_an_inline_script_in_the_content(browser, built_site, tmp_path):
    """Were a payload ever to slip into an article, the policy would still stop it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / "articles" / MIL / "index.html"
    html = page_file.read_text(encoding="utf-8")
    page_file.write_text(html.replace("<h1", "<script>window.pwned=1</script><h1", 1), encoding="utf-8")
    httpd, url = serve(site)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/articles/{MIL}/")
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("typeof document$") != "undefined"  # the theme's own scripts still run
        context.close()
    finally:
        httpd.shutdown()


def test_with_pagefind_the_keyboard_opens_and_closes_the_search_as_material_does(page, pagefind_server):
    page.goto(pagefind_server + f"/articles/{MIL}/")
    page.keyboard.press("/")
    page.keyboard.type("Shoigu")
    expect(page.locator(".md-search__input")).to_have_value("Shoigu")
    expect(page.locator(".md-search-result__link").first).to_be_visible(timeout=10000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False


def test_under_mkdocs_serve_the_page_reloads_itself_and_pagefind_finds_a_word_just_added(page, tmp_path):
    """The open page reloads after an edit (MkDocs' live-reload script runs), without waiting
    for Pagefind, whose fresh index then takes the new word."""
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("search_engine: auto", "search_engine: pagefind", 1))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # even where the tests run with it ignored
    )  # fmt: skip
    try:
        first_index = wait_for(lambda: fetched(f"{url}/pagefind/pagefind-entry.json"))
        page.goto(f"{url}/articles/{MIL}/")
        expect(page.locator("h1").first).to_be_visible()
        notes = project / "annotations" / f"{MIL}.yml"
        notes.write_text(
            notes.read_text(encoding="utf-8").replace("  note: >-\n", "  note: >-\n    Zanzibarite.\n", 1),
            encoding="utf-8",
        )
        expect(page.locator("article")).to_contain_text(
            "Zanzibarite", timeout=60_000
        )  # no navigation: the page reloaded
        wait_for(lambda: fetched(f"{url}/pagefind/pagefind-entry.json") not in ("", first_index))
        page.goto(url + "/")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("Zanzibarite", delay=50)
        results = page.locator(".md-search-result__link")
        expect(results.first).to_be_visible(timeout=10000)
        assert results.count() == 1 and f"/articles/{MIL}/" in results.first.get_attribute("href")
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: serve removes its temporary site folder
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            raise


@pytest.mark.parametrize("width, height", [(360, 780), (1280, 900)])
def test_every_article_starts_its_text_on_the_first_screen(browser, server, corpus, width, height):
    """Byline, caution and the folded "About this copy" and introduction fit above the first body paragraph."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for article in corpus.articles:
        first = next(p for p in article.paragraphs if p.kind != "title")
        page.goto(server + f"/articles/{article.id}/")
        top = page.locator(f"#{first.id}").evaluate("e => e.getBoundingClientRect().top + window.scrollY")
        assert top < height, f"{article.id} starts its text {top:.0f}px down at {width}x{height}"
    context.close()


def test_about_this_copy_opens_to_the_copys_sources_with_working_links(page, server):
    page.goto(server + "/articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/")
    table = page.locator(".reader-about-copy table")
    expect(table).to_be_hidden()
    page.locator(".reader-about-copy summary").click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("11 July 2024")  # the feed item's date as people write it
    expect(table.locator("a[href^='https://']").first).to_be_visible()


# Each paragraph's lines (by the top of each piece of its text), characters per line, and, around
# each note number on a line, the gap between the number's glyph and the text before and after it.
TYPESET = r"""() => Array.from(document.querySelectorAll('.reader-text')).map(words => {
  const range = document.createRange();
  range.selectNodeContents(words);
  const style = getComputedStyle(words.closest('p') || words);
  const lineHeight = parseFloat(style.lineHeight);
  // A line is the pieces whose tops lie within half a line of each other (marks and numbers sit higher).
  const tops = Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => r.top).sort((x, y) => x - y);
  let lines = 0, last = -Infinity;
  for (const top of tops) if (top - last > lineHeight / 2) { lines += 1; last = top; }
  const gaps = Array.from(words.querySelectorAll('sup.reader-ref a')).map(number => {
    const glyph = document.createRange();
    glyph.selectNodeContents(number);
    const g = glyph.getBoundingClientRect();
    const before = number.closest('sup').previousSibling;
    const after = number.closest('sup').nextSibling;
    const edge = (node, last) => {
      if (!node) return null;
      const r = document.createRange();
      r.selectNodeContents(node);
      const rects = Array.from(r.getClientRects()).filter(x => x.width > 0);
      return rects.length ? rects[last ? rects.length - 1 : 0] : null;
    };
    const b = edge(before, true), a = edge(after, false);
    return [b && Math.abs(b.top - g.top) < 12 ? g.left - b.right : 0,
            a && Math.abs(a.top - g.top) < 12 && !/^\s/.test(after.textContent) ? a.left - g.right : 0];
  });
  return {lines, chars: words.textContent.trim().length, height: words.closest('p').getBoundingClientRect().height,
          lineHeight, numbered: gaps.length, gaps};
})"""


def test_the_text_is_set_at_75_characters_a_line_and_note_numbers_leave_the_lines_as_they_are(browser, server, corpus):
    """Issue 27's measures, at 1280x900 on every article: the median paragraph line at most 75
    characters; no gap of more than 12 px between a note number and the words around it (a space
    the text itself has aside); a paragraph with note numbers no taller than its lines."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    per_line, wide_gaps, tall = [], [], []
    for article in corpus.articles:
        page.goto(server + f"/articles/{article.id}/")
        for paragraph in page.evaluate(TYPESET):
            if paragraph["lines"] > 1:
                per_line.append(paragraph["chars"] / paragraph["lines"])
            wide_gaps += [(article.id, gap) for pair in paragraph["gaps"] for gap in pair if gap > 12]
            if paragraph["numbered"] and paragraph["height"] > paragraph["lines"] * paragraph["lineHeight"] + 2:
                tall.append((article.id, paragraph["height"], paragraph["lines"]))
    context.close()
    per_line.sort()
    assert per_line[len(per_line) // 2] <= 75, per_line[len(per_line) // 2]
    assert wide_gaps == [] and tall == [], (wide_gaps[:3], tall[:3])


def test_note_numbers_and_copy_marks_are_targets_of_24px_on_a_phone(browser, server, corpus):
    """WCAG 2.2's minimum target size for the small marks a reader taps (phrases and terms are inline text)."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    for article in corpus.articles:
        page.goto(server + f"/articles/{article.id}/")
        sizes = page.locator(".reader-ref a, .reader-backlink, .reader-counterpart").evaluate_all(
            "marks => marks.map(m => { const r = m.getBoundingClientRect(); return [m.textContent, r.width, r.height] })"
        )
        small = [s for s in sizes if s[1] < 24 or s[2] < 24]
        assert small == [], f"{article.id}: {small[:3]}"
    context.close()


def test_a_note_opens_under_its_paragraph_and_escape_closes_it(page, server):
    page.goto(server + f"/articles/{MIL}/")
    number = page.locator("#ref-mil-wittenberg")
    number.click()
    popover = page.locator(".reader-popover")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text("The university in Springfield, Ohio, is called Wittenberg University")
    assert popover.evaluate("p => p.previousElementSibling.contains(document.getElementById('ref-mil-wittenberg'))")
    assert page.evaluate("window.scrollY") < 400  # it opened where the reader is, not at the notes list
    page.keyboard.press("Escape")
    expect(popover).to_have_count(0)
    expect(number).to_be_focused()


def test_a_note_opens_by_keyboard_and_by_a_tap_on_its_phrase(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + f"/articles/{MIL}/")
    page.locator("#ref-mil-starts-mid-story").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".reader-popover")).to_contain_text("The copy starts mid-story")
    page.locator(".reader-popover-close").click()
    expect(page.locator(".reader-popover")).to_have_count(0)
    page.locator(".reader-mode button", has_text="Original").tap()
    page.locator("mark.reader-correction", has_text="University of Wittenberg in Ohio").tap()
    expect(page.locator(".reader-popover")).to_contain_text("Wittenberg University")
    context.close()


READING_MODES = ("Corrected", "Original", "Clean")

# Each correction's shown wording (the original words or the reading, whichever the mode shows first)
# and whether it is marked (an underline or a border) with its number beside it.
SHOWN_CORRECTIONS = r"""readings => readings.map(reading => {
  const mark = reading.previousElementSibling;
  const shown = [mark, reading].find(e => e.matches('mark.reader-correction') && e.offsetParent !== null) || reading;
  const style = getComputedStyle(shown);
  const number = reading.nextElementSibling.querySelector('a');
  return {
    marked: style.textDecorationLine !== 'none' || style.borderBottomStyle !== 'none',
    numbered: number.getBoundingClientRect().width > 0,
    reading: reading.getBoundingClientRect().width > 0,
    announced: /\[(correction|probably):/.test(reading.textContent),
  };
})"""


def test_no_reading_mode_hides_a_correction_on_any_article(page, server, corpus):
    """In every mode, on every article, each corrected passage shows that it is corrected (its words
    marked, its reading shown and announced, its number); a mode chosen on one article, then another
    article opened, hides none of that article's corrections."""
    corrected = [i for i in corpus.annotated if i.corrections]
    page.goto(server + f"/articles/{corrected[0].article.id}/")
    for label in READING_MODES:
        page.locator(".reader-mode button", has_text=label).click()
        for item in corrected:
            page.goto(server + f"/articles/{item.article.id}/")
            expect(page.locator(".reader-mode button", has_text=label)).to_have_attribute("aria-checked", "true")
            shown = page.locator(".reader-text ins.reader-reading").evaluate_all(SHOWN_CORRECTIONS)
            assert len(shown) == len(item.corrections), (label, item.article.id)
            for correction in shown:
                assert correction["marked"] and correction["numbered"], (label, item.article.id, correction)
                assert correction["reading"] and correction["announced"], (label, item.article.id, correction)
    page.evaluate("localStorage.setItem('reader-notes', 'none')")  # an earlier version's "No notes"
    page.goto(server + f"/articles/{corrected[0].article.id}/")
    expect(page.locator(".reader-mode button", has_text="Clean")).to_have_attribute("aria-checked", "true")
    page.locator(".reader-mode button", has_text="Corrected").click()


def test_the_corrected_text_reads_the_reading_in_the_sentence_and_shows_the_original_on_tap(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + f"/articles/{MIL}/")
    expect(page.locator(".reader-mode button", has_text="Corrected")).to_have_attribute("aria-checked", "true")
    paragraph = page.locator("p:has(#ref-mil-wittenberg)")
    sentence = paragraph.inner_text()
    assert "University of Wittenberg" not in sentence and "Wittenberg University in Ohio" in sentence
    reading = paragraph.locator("ins.reader-reading").filter(has_text="Wittenberg University")
    expect(reading).to_be_visible()
    reading.scroll_into_view_if_needed()
    box = reading.evaluate("r => { const b = r.getClientRects()[0]; return [b.x + b.width / 2, b.y + b.height / 2] }")
    page.touchscreen.tap(*box)  # on its first line's words (a reading broken over lines has no middle)
    expect(page.locator(".reader-popover")).to_contain_text("University of Wittenberg in Ohio")  # the original
    page.locator(".reader-mode button", has_text="Original").tap()
    assert "University of Wittenberg in Ohio" in paragraph.inner_text()
    expect(paragraph.locator(".reader-label").first).to_be_visible()
    context.close()


def test_a_marks_preview_goes_away_with_escape_and_never_shows_on_a_touch_screen(page, browser, server):
    """WCAG 1.4.13: the preview Material makes of ⇄'s `title` is dismissible without moving the pointer."""
    page.goto(server + f"/articles/{GR}/")
    page.locator("#p1 .reader-counterpart").hover()
    tip = page.locator(".md-tooltip2--active")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Also in the Asia Times copy")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(server + f"/articles/{GR}/")
    phone.locator("#p1 .reader-counterpart").focus()
    phone.wait_for_timeout(500)
    assert phone.locator(".md-tooltip2").evaluate_all("tips => tips.filter(t => t.offsetParent !== null).length") == 0
    context.close()


def test_a_probable_reading_stays_beside_the_original_in_every_view(page, server):
    """Belarus ¶20: "April 2023" probably meant August, inside a quotation: no view puts the guess in
    the speaker's mouth."""
    page.goto(server + f"/articles/{BELARUS}/")
    for label in READING_MODES:
        page.locator(".reader-mode button", has_text=label).click()
        expect(page.locator("#p20 mark.reader-correction", has_text="April 2023")).to_be_visible()
        expect(page.locator("#p20 ins.reader-reading")).to_have_text("[probably: August 2023]")
        expect(page.locator("#p20 .reader-label").first).to_be_visible()
    page.locator("#ref-belarus-april-2023").click()
    expect(page.locator(".reader-popover")).to_contain_text("Probably should read: “August 2023”")


def test_the_reading_modes_are_one_radio_group_the_arrow_keys_move_through(page, server):
    page.goto(server + f"/articles/{MIL}/")
    checked = page.locator(".reader-mode button[aria-checked=true]")
    checked.focus()
    page.keyboard.press("ArrowRight")
    expect(checked).to_have_text("Original")
    expect(page.locator(".reader-mode button", has_text="Original")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(checked).to_have_text("Clean")
    tabbable = page.locator(".reader-mode button").evaluate_all("buttons => buttons.map(b => b.tabIndex)")
    assert sorted(tabbable) == [-1, -1, 0]  # one stop for Tab


def test_the_reading_mode_is_remembered_across_pages(page, server):
    page.goto(server + f"/articles/{MIL}/")
    page.locator(".reader-mode button", has_text="Clean").click()
    note = page.locator("mark.reader-note").first
    assert note.evaluate("m => getComputedStyle(m).borderBottomStyle") == "none"
    page.goto(server + f"/articles/{AT}/")
    expect(page.locator(".reader-mode button", has_text="Clean")).to_have_attribute("aria-checked", "true")
    page.locator(".reader-mode button", has_text="Corrected").click()


def test_a_paragraph_citation_names_author_and_first_publication_in_each_style(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + f"/articles/{AT}/")
    page.locator("#p6").hover()
    page.locator("#p6 .reader-cite").click()
    panel = page.locator(".reader-citation-panel")
    text = panel.locator("textarea")
    plain = text.input_value()
    # The site it was read from names only the outlet it credits: cited as the navigation names it.
    assert plain.startswith(
        "M. K. Bhadrakumar. “China, Russia Circle Wagons in Asia-Pacific”, via Asia Times, n.d., ¶6."
    )
    assert "19 April 2023" in plain and "captured" not in plain and "2024" not in plain.split("http")[0]
    # After the reader's own link: the page it was read from and when it was saved, named as such.
    assert plain.endswith(f"/articles/{AT}/#p6 Copy in Reprint Reader (saved 13 July 2024).")
    assert page.evaluate("navigator.clipboard.readText().catch(() => '')") != plain  # nothing copied unasked
    panel.get_by_role("button", name="Copy").click()
    expect(panel.get_by_role("status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == plain
    expected = {"apa": "Bhadrakumar, M. K. (n.d.).", "mla": "Accessed ", "chicago": "(accessed ",
                "bibtex": "author = {Bhadrakumar, M. K.}", "csl": '"type": "article-newspaper"'}  # fmt: skip
    for style, start in expected.items():
        panel.locator("select").select_option(style)
        assert start in text.input_value() and "Bhadrakumar" in text.input_value(), style
        assert "19 April 2023" in text.input_value(), style
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(page.locator("#p6 .reader-cite")).to_be_focused()
    context.close()


# Suggest a note: select words in an article, take the YAML entry the control builds, paste it in.
BELARUS = "china-belarus-hold-army-drills-near-nato-border-artifex-news"
BOMBERS = "russian-chinese-bombers-patrol-near-alaska-joint-artifex-news"
REPOSITORY = "https://github.com/example/reprint-reader"
# Selects, in a paragraph's text as a reader sees it, from the first occurrence of `first` to the end of
# the first occurrence of `last` after it (`last` in paragraph `to`, when given).
SELECT = """([paragraph, first, last, to]) => {
  const spots = (id) => {
    const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
    const nodes = []; let text = "";
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
    const at = (k) => { for (const [n, s] of nodes) if (k <= s + n.data.length) return [n, k - s]; };
    return { text, at };
  };
  const a = spots(paragraph), b = spots(to || paragraph);
  const start = a.text.indexOf(first);
  const end = b.text.indexOf(last, to ? 0 : start) + last.length;
  const range = document.createRange();
  range.setStart(...a.at(start)); range.setEnd(...b.at(end));
  document.getSelection().removeAllRanges(); document.getSelection().addRange(range);
}"""


@pytest.fixture(scope="module")
def suggest_project(tmp_path_factory):
    """The corpus with `repo_url` set, and one article left without an annotation file."""
    project = project_copy(tmp_path_factory.mktemp("suggest"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("repo_url: !ENV READER_REPO_URL", f"repo_url: {REPOSITORY}")
    )
    (project / "annotations" / f"{BOMBERS}.yml").unlink()
    assert build(project).returncode == 0
    httpd, url = serve(project / "site")
    yield project, url
    httpd.shutdown()


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    errors = watched(page)
    yield page
    context.close()
    assert errors == [], errors


def suggestion(page, url, article, paragraph, first, last, kind="context"):
    page.goto(f"{url}/articles/{article}/")
    page.evaluate("navigator.clipboard.writeText('what the reader had copied')")
    page.evaluate(SELECT, [paragraph, first, last, None])
    page.locator(".reader-suggest-control").click()
    panel = page.get_by_role("dialog", name="Suggest a note")
    if kind != "context":
        panel.get_by_label("Kind").select_option(kind)
    expect(panel.get_by_role("status")).to_have_text("")
    assert page.evaluate("navigator.clipboard.readText()") == "what the reader had copied"  # copied only when asked
    panel.get_by_role("button", name="Copy the entry").click()
    expect(panel.get_by_role("status")).to_have_text("Copied to the clipboard.")
    entry = page.evaluate("navigator.clipboard.readText()")
    assert panel.locator(".reader-suggest-yaml").inner_text().strip() == entry.strip()  # shown as copied
    return entry


SOURCES_SCAFFOLD = (
    "    sources:  # what shows it, for anything the text itself does not say; else delete these lines\n"
    '      - title: ""\n        url: ""\n'
)


def written(entry, reading=None):
    """The entry as a contributor finishes it: a note on what the text says (no source), and for a
    correction, its reading."""
    assert SOURCES_SCAFFOLD in entry
    entry = entry.replace(SOURCES_SCAFFOLD, "")
    if reading:
        entry = entry.replace('reading: ""  # the words as they should read', f"reading: {reading}")
    return entry


def checked(project, article, entry):
    """`build_site.py check` with the entry pasted in as the panel says: under `notes:`, or as the new file."""
    path = project / "annotations" / f"{article}.yml"
    before = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text(before.replace("\nnotes:\n", f"\nnotes:\n{entry}", 1) if before else entry, encoding="utf-8")
    try:
        return subprocess.run([sys.executable, "build_site.py", "check"], cwd=project, capture_output=True, text=True)
    finally:
        path.write_text(before, encoding="utf-8") if before is not None else path.unlink()


def test_suggesting_a_note_on_plain_words_gives_an_entry_that_passes_check(clipboard_page, suggest_project):
    project, url = suggest_project
    entry = suggestion(clipboard_page, url, BELARUS, "p6", "did not give", "Chinese soldiers")
    assert '  quote: "did not give the exact number of Chinese soldiers"\n' in entry
    assert "prefix:" not in entry and "suffix:" not in entry  # unique as it is
    assert entry.startswith("  - id: did-not-give-the-exact-p6\n    kind: context\n")
    unwritten = checked(project, BELARUS, entry)  # the sources' scaffold is refused until written or deleted
    assert unwritten.returncode == 1 and "sources" in unwritten.stdout + unwritten.stderr
    result = checked(project, BELARUS, written(entry))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_selection_across_note_marks_and_terms_takes_the_words_a_reader_sees_and_the_whole_mark(
    clipboard_page, suggest_project
):
    """From before a note's marked words to inside them: the quote takes the whole mark (a quote may hold
    another note's, never cut across it), and no note number."""
    project, url = suggest_project
    entry = suggestion(clipboard_page, url, BELARUS, "p2", "Polish border", "NATO leaders gather")
    assert '  quote: "Polish border come as NATO leaders gather for a summit in Washington"\n' in entry
    result = checked(project, BELARUS, written(entry))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_phrase_that_occurs_twice_gets_the_shortest_context_that_tells_it_apart(clipboard_page, suggest_project):
    project, url = suggest_project
    entry = suggestion(clipboard_page, url, BELARUS, "p9", "the exercises", "the exercises")
    assert '  quote: "the exercises"\n' in entry
    assert '    suffix: "."\n' in entry  # the one "the exercises" at a sentence's end: one character tells it apart
    result = checked(project, BELARUS, written(entry))
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_correction_on_corrected_words_quotes_the_original_not_the_reading(clipboard_page, suggest_project):
    project, url = suggest_project
    entry = suggestion(
        clipboard_page, url, MIL, "p6", "The partnership ends", "formal military alliance]", kind="correction"
    )
    assert '  quote: "The partnership ends with a formal military alliance"\n' in entry
    assert "    kind: correction\n" in entry and "    category: translation\n" in entry
    assert '    reading: ""  # the words as they should read\n' in entry
    unwritten = checked(project, MIL, entry.replace(SOURCES_SCAFFOLD, ""))  # the reading is refused until written
    assert unwritten.returncode == 1 and "reading" in unwritten.stdout + unwritten.stderr
    result = checked(project, MIL, written(entry, reading="The partnership stops short of a formal military alliance"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_article_without_annotations_gets_a_whole_new_file_and_githubs_new_file_form(
    clipboard_page, suggest_project
):
    project, url = suggest_project
    entry = suggestion(clipboard_page, url, BOMBERS, "p1", "Russian and Chinese bomber jets", "bomber jets")
    assert entry.startswith(
        f"# yaml-language-server: $schema=../schema/annotations.schema.json\narticle: {BOMBERS}\nnotes:\n"
    )
    create = clipboard_page.get_by_role("link", name="Create the file on GitHub")
    href = create.get_attribute("href")
    assert href.startswith(f"{REPOSITORY}/new/main/annotations/?filename={BOMBERS}.yml&value=")
    assert unquote(href.split("&value=", 1)[1]) == entry
    result = checked(project, BOMBERS, written(entry))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_github_editor_and_a_prefilled_issue_are_linked(clipboard_page, suggest_project):
    _, url = suggest_project
    entry = suggestion(clipboard_page, url, BELARUS, "p6", "did not give", "Chinese soldiers")
    edit = clipboard_page.get_by_role("link", name="Open the file in GitHub's editor")
    assert edit.get_attribute("href") == f"{REPOSITORY}/edit/main/annotations/{BELARUS}.yml"
    issue = clipboard_page.get_by_role("link", name="Suggest it in an issue").get_attribute("href")
    assert issue.startswith(f"{REPOSITORY}/issues/new?title=")
    body = unquote(issue.split("&body=", 1)[1])
    assert f"```yaml\n{entry}```" in body and f"/articles/{BELARUS}/#p6" in body


def test_the_footer_and_the_panel_say_where_reports_go(clipboard_page, suggest_project):
    _, url = suggest_project
    suggestion(clipboard_page, url, BELARUS, "p6", "did not give", "Chinese soldiers")
    panel = clipboard_page.get_by_role("dialog", name="Suggest a note")
    expect(panel).to_contain_text(f"Reports go to the issues of {REPOSITORY[19:]} on GitHub.")
    footer = clipboard_page.locator(".md-copyright")
    expect(footer).to_contain_text("Found an error? Report it to the issues of example/reprint-reader on GitHub")
    assert footer.get_by_role("link", name="the issues of").get_attribute("href") == f"{REPOSITORY}/issues/new"


def test_with_its_address_the_site_lists_every_page_in_its_sitemap_and_navigates_instantly(
    browser, tmp_path_factory, monkeypatch
):
    """`site_url` from READER_SITE_URL, as CI sets it: Material's instant navigation (which needs
    the sitemap, read for the site's own host and port) swaps pages without reloading them."""
    project = project_copy(tmp_path_factory.mktemp("addressed"))
    httpd, url = serve(project / "site")  # the address first: the site is built for it
    monkeypatch.setenv("READER_SITE_URL", f"{url}/")
    assert build(project).returncode == 0
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{url}/articles/{MIL}/</loc>" in sitemap
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{url}/")
        page.evaluate("window.readerSamePage = true")
        page.locator(".reader-card-title").first.click()
        page.wait_for_url(f"{url}/articles/**")
        expect(page.locator(".reader-mode")).to_be_visible()  # the reader's script ran on the new page
        assert page.evaluate("window.readerSamePage") is True  # not reloaded
    finally:
        context.close()
        httpd.shutdown()


def test_a_site_that_names_no_place_for_reports_offers_the_control_only_on_this_machine(page, built_site, server):
    """The seeds' site names none (no repo_url): served from another address than a preview's
    (127.0.0.2 stands in for a host), selecting words offers nothing, and the footer says nothing."""
    httpd, elsewhere = serve(built_site, host="127.0.0.2")
    try:
        for url, offered in ((elsewhere, 0), (server, 1)):
            page.goto(f"{url}/articles/{BELARUS}/")
            page.evaluate(SELECT, ["p6", "did not give", "Chinese soldiers", None])
            page.wait_for_timeout(400)
            expect(page.locator(".reader-suggest-control")).to_have_count(offered)
            expect(page.locator(".md-copyright")).not_to_contain_text("Found an error")
    finally:
        httpd.shutdown()


def test_on_a_touch_screen_the_control_docks_at_the_foot_of_the_screen_and_opens_only_when_tapped(
    browser, suggest_project
):
    """Away from the phone's own menu over the selection; selecting to copy a quote opens nothing."""
    _, url = suggest_project
    context = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{url}/articles/{BELARUS}/")
    page.evaluate(SELECT, ["p6", "did not give", "Chinese soldiers", None])
    control = page.locator(".reader-suggest-control")
    expect(control).to_be_visible()
    box = control.bounding_box()
    assert box["y"] + box["height"] >= 780 - 24 - 16 and box["height"] >= 44
    selection = page.evaluate(
        "(() => { const r = getSelection().getRangeAt(0).getBoundingClientRect(); return r.bottom })()"
    )
    assert box["y"] > selection + 40 or box["y"] + box["height"] < selection - 40
    expect(page.get_by_role("dialog", name="Suggest a note")).to_have_count(0)
    control.tap()
    expect(page.get_by_role("dialog", name="Suggest a note")).to_be_visible()
    context.close()


def test_a_selection_across_two_paragraphs_is_explained_not_turned_into_an_entry(clipboard_page, suggest_project):
    _, url = suggest_project
    clipboard_page.goto(f"{url}/articles/{BELARUS}/")
    clipboard_page.evaluate(SELECT, ["p6", "did not give", "Both sides", "p7"])
    clipboard_page.locator(".reader-suggest-control").click()
    panel = clipboard_page.get_by_role("dialog", name="Suggest a note")
    expect(panel).to_contain_text("A note belongs to one paragraph")
    expect(panel.locator(".reader-suggest-yaml")).to_have_count(0)


def test_the_control_is_reached_and_worked_by_keyboard(clipboard_page, suggest_project):
    """A word chosen with the mouse (a double click), then only keys: Tab reaches the control, Enter
    opens the panel, the kind is chosen with the arrow keys, Escape closes it and focus comes back."""
    _, url = suggest_project
    page = clipboard_page
    page.goto(f"{url}/articles/{BELARUS}/")
    page.locator("#p6 .reader-text").dblclick(position={"x": 30, "y": 10})
    control = page.locator(".reader-suggest-control")
    expect(control).to_be_visible()
    page.keyboard.press("Tab")
    expect(control).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog", name="Suggest a note")
    expect(panel).to_be_focused()
    page.keyboard.press("Tab")  # the close button
    page.keyboard.press("Tab")
    expect(panel.get_by_label("Kind")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(panel.locator(".reader-suggest-yaml")).to_contain_text("kind: correction")
    panel.get_by_role("button", name="Copy the entry").focus()
    page.keyboard.press("Enter")
    expect(panel.get_by_role("status")).to_have_text("Copied to the clipboard.")
    panel.get_by_label("Kind").select_option("context")  # the status is of the entry copied, not this one
    expect(panel.get_by_role("status")).to_have_text("")
    panel.get_by_label("Kind").focus()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(control).to_be_focused()
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1


def test_mark_underlines_contrast_3_to_1_with_the_page_in_dark_mode(browser, server):
    """A correction's wavy underline and a link note's dashed one are each the only sign of its mark."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(server + f"/articles/{AT}/")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    colours = page.evaluate(
        """() => {
        const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const bg = rgb(getComputedStyle(document.body).backgroundColor);
        document.body.dataset.readerNotes = 'original';  // the view where the wavy underline shows
        const correction = document.querySelector('mark.reader-correction');
        const link = document.querySelector('mark.reader-link');
        return {bg, correction: rgb(getComputedStyle(correction).textDecorationColor),
                link: rgb(getComputedStyle(link).borderBottomColor)};
    }"""
    )

    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a, b):
        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    assert contrast(colours["correction"], colours["bg"]) >= 3
    assert contrast(colours["link"], colours["bg"]) >= 3
    context.close()


def test_a_differently_worded_passages_mark_opens_the_two_wordings_side_by_side(page, server):
    """⇄≠ lands on the comparison page's row for the passage, shown even where the page hides
    rows that differ only in typography or spelling."""
    page.goto(server + f"/articles/{AT}/")
    marks = page.locator(".reader-counterpart", has_text="⇄≠")
    for n in range(min(4, marks.count())):
        page.goto(server + f"/articles/{AT}/")
        mark = page.locator(".reader-counterpart", has_text="⇄≠").nth(n)
        row = mark.get_attribute("href").split("#")[1]
        mark.click()
        expect(page.locator(f"#{row}")).to_be_visible()
        expect(page.locator(f"#{row}")).to_be_in_viewport()
