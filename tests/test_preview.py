"""The live preview, `mkdocs serve --dirty` (what `make serve` runs).

After an edit only the pages it affects are built again, and the site the
preview ends with is, file for file, the site a full build makes of the same
files: navigation, cross-links, topics and search included.
"""

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.project import fetched

from .conftest import project_copy, serving, wait_for
from .conftest import snapshot as all_files  # every file; snapshot() below reads a site as the preview leaves it

pytestmark = pytest.mark.slow

DRIVER = Path(__file__).resolve().parent / "preview_driver.py"
BELARUS = "annotations/china-belarus-hold-army-drills-near-nato-border-artifex-news.yml"
BELARUS_PAGE = "articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/index.html"
OTHER_PAGE = "articles/china-russia-circle-wagons-asia-pacific-asia-times/index.html"
GLOBAL_RESEARCH = "annotations/china-russia-circle-wagons-asia-pacific-global-research.yml"
LINKING_PAGE = "articles/china-russia-circle-wagons-asia-pacific-global-research/index.html"
TARGET_PAGE = "articles/china-russia-into-deeper-relations-military/index.html"  # its ← names the relation


def drive(project: Path, site: Path, *args: str) -> list[dict]:
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(project), str(site), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def snapshot(site: Path) -> dict[str, bytes]:
    files = all_files(site)
    files["sitemap.xml.gz"] = gzip.decompress(files["sitemap.xml.gz"])
    # The preview keeps the entries of pages it did not rebuild first: the same entries, in another order.
    index = json.loads(files.pop("search/search_index.json"))
    files["search entries"] = json.dumps(sorted(index["docs"], key=json.dumps)).encode()
    files["search config"] = json.dumps(index["config"]).encode()
    return files


@pytest.fixture(scope="module", params=["internals on", "internals off"])
def preview(request, tmp_path_factory):
    """A preview through eleven edits: a note's text, a topic, a YAML mistake, its repair, a link note,
    the date an article's original appeared, mkdocs.yml broken, a note edited meanwhile, mkdocs.yml
    repaired, a plugin added, a note edited again;
    with the speed-ups that touch other packages' private state, and without them (the plain path)."""
    tmp = tmp_path_factory.mktemp("preview")
    project = project_copy(tmp)
    if request.param == "internals off":
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace("      search_engine: auto\n", "      search_engine: auto\n      engine_internals: false\n")
        )
        assert "engine_internals: false" in config.read_text(encoding="utf-8")
    edits = [
        {"path": BELARUS, "old": "NATO's 75th-anniversary summit", "new": "NATO's 75th-anniversary summit (edited)"},
        {
            "path": BELARUS,
            "old": "topics: [China–Russia military ties, NATO]",
            "new": "topics: [China–Russia military ties, NATO, Belarus]",
        },
        {"path": BELARUS, "old": "    kind: context\n", "new": "    kind: [context\n"},
        {"path": BELARUS, "old": "    kind: [context\n", "new": "    kind: context\n"},
        {
            "path": GLOBAL_RESEARCH,
            "old": "quote: last December\n    relation: related",
            "new": "quote: last December\n    relation: contradicts",
        },
        {"path": BELARUS, "old": "    published: 2024-07-11\n", "new": "    published: 2024-07-10\n"},
        # mkdocs.yml broken, a note edited meanwhile, mkdocs.yml repaired: the edit shows
        {"path": "mkdocs.yml", "old": "site_name: Reprint Reader", "new": "site_name: [Reprint Reader"},
        {"path": BELARUS, "old": "summit (edited)", "new": "summit (edited again)"},
        {
            "path": "mkdocs.yml",
            "old": "site_name: [Reprint Reader",
            "new": "site_name: Reprint Reader",
            "expect": [BELARUS_PAGE, "summit (edited again)"],
        },
        # a plugin the page-level rebuild does not know: MkDocs' own build from then on
        {
            "path": "mkdocs.yml",
            "old": "plugins:\n",
            "new": "plugins:\n  - group:\n      enabled: false\n      plugins: []\n",
        },
        {"path": BELARUS, "old": "summit (edited again)", "new": "summit (edited a third time)"},
    ]
    (tmp / "edits.json").write_text(json.dumps(edits), encoding="utf-8")
    builds = drive(project, tmp / "preview", str(tmp / "edits.json"))
    drive(project, tmp / "full", "--full")
    return builds, snapshot(tmp / "preview"), snapshot(tmp / "full")


def test_an_edited_note_rebuilds_its_article_and_not_the_others(preview):
    builds, _, _ = preview
    first, edited = builds[0]["written"], builds[1]["written"]
    assert BELARUS_PAGE in first and OTHER_PAGE in first
    assert BELARUS_PAGE in edited
    assert OTHER_PAGE not in edited
    pages = [p for p in edited if p.endswith(".html")]
    assert len(pages) <= 5, pages  # the article, and the pages that list its notes


def test_with_the_internals_an_edit_that_keeps_the_navigation_rebuilds_its_pages_alone(preview, request):
    """Without MkDocs listing the files and making the navigation again (`ReaderPlugin.rebuild`); a broken
    file and its repair (every page shows the alert, then loses it) take MkDocs' own build."""
    builds, _, _ = preview
    alone = [build.get("pages only", False) for build in builds[1:]]
    expected = [True, True, False, False, True, True, False, False, False, False, False]
    assert alone == (expected if "internals on" in request.node.name else [False] * 11)
    assert ["error" in build for build in builds[7:10]] == [True, True, False]  # mkdocs.yml broken, then repaired
    assert builds[9]["shows"]  # the edit made while mkdocs.yml was broken


def test_with_the_internals_the_server_is_told_of_edits_by_the_file_system_not_by_polling(preview, request):
    builds, _, _ = preview
    assert builds[0]["observer"] == ("file events" if "internals on" in request.node.name else "PollingObserver")


def test_a_changed_topic_rebuilds_its_article_and_the_topics_page_only(preview):
    builds, _, _ = preview
    written = builds[2]["written"]
    assert BELARUS_PAGE in written and "browse/topics/index.html" in written
    assert OTHER_PAGE not in written


def test_a_broken_annotation_shows_on_every_page_of_the_preview_and_its_repair_clears_it(preview):
    """The browser shows what to fix (a failed build would leave its requests waiting): every page is
    written again with the problem at its top, then again without it once the file is repaired."""
    builds, _, _ = preview
    assert "error" not in builds[3]
    assert (
        BELARUS_PAGE in builds[3]["alerted"]
        and OTHER_PAGE in builds[3]["alerted"]
        and "404.html" in builds[3]["alerted"]
    )
    assert builds[4]["alerted"] == [] and OTHER_PAGE in builds[4]["written"] and BELARUS_PAGE in builds[4]["written"]


def test_the_alert_names_the_file_the_line_and_the_fix():
    from reader.engines.mkdocs_plugin import ARTICLE_START, build_alert

    page = f"<body>{ARTICLE_START}<h1>Title</h1></article></body>"
    problem = "annotations/x.yml:3:5: kind: not valid YAML <here>\n  You can fix this by closing the bracket."
    shown = build_alert(page, problem, built_before=True)
    assert shown.index('role="alert"') < shown.index("<h1>")
    assert "annotations/x.yml:3:5" in shown and "&lt;here&gt;" in shown and "You can fix this by" in shown
    assert "the pages as they last built" in shown
    assert build_alert(page, "", built_before=True) == page


def test_the_garbage_collector_paused_for_each_rebuild_is_on_again_after_it_even_a_failed_one(preview):
    builds, _, _ = preview
    assert [b["collecting"] for b in builds] == [True] * 12 and builds[3]["alerted"]


def test_a_changed_link_rebuilds_the_page_it_links_to(preview):
    builds, _, _ = preview
    assert LINKING_PAGE in builds[5]["written"] and TARGET_PAGE in builds[5]["written"]
    assert BELARUS_PAGE not in builds[5]["written"]


def test_the_preview_ends_with_the_site_a_full_build_makes(preview, request):
    """File for file. On the plain path (`engine_internals: false`) but for the search index: Material's
    plugin keeps a dirty build's entries of the rebuilt pages only; the internals merge the rest in."""
    _, previewed, full = preview
    assert previewed.keys() == full.keys()
    differ = [name for name in full if previewed[name] != full[name]]
    assert differ == ([] if "internals on" in request.node.name else ["search entries"] if differ else [])
    page = previewed[BELARUS_PAGE].decode()
    assert "(edited a third time)" in page and "10 July 2024" in page
    assert b"Belarus" in previewed["browse/topics/index.html"]


@pytest.mark.slow
def test_under_mkdocs_serve_a_broken_annotation_is_shown_in_the_browser_and_its_repair_clears_it(tmp_path):
    """A real `mkdocs serve --dirty` on loopback: the page the browser asks for says what to fix
    (file, line, the fix) instead of waiting for a build that cannot succeed."""
    project = project_copy(tmp_path)
    with serving(project, ["-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:{port}"]) as address:
        url = f"{address}/articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/"
        wait_for(lambda: "Belarus" in fetched(url), timeout=90)
        notes = project / BELARUS
        good = notes.read_text(encoding="utf-8")
        notes.write_text(good.replace("    kind: context\n", "    kind: [context\n", 1), encoding="utf-8")
        page = wait_for(lambda: (text := fetched(url)) and "reader-build-error" in text and text, timeout=60)
        assert "china-belarus-hold-army-drills-near-nato-border-artifex-news.yml:" in page
        assert "You can fix this by" in page and "Belarus" in page  # the last pages that built, below the alert
        notes.write_text(good, encoding="utf-8")
        wait_for(lambda: (text := fetched(url)) and "reader-build-error" not in text and "Belarus" in text, timeout=60)


@pytest.mark.slow
def test_under_mkdocs_serve_one_edit_is_one_rebuild(tmp_path):
    """A real `mkdocs serve --dirty`, told of edits by the file system's events: the rebuild reads the
    files it watches, and reading one must not start another rebuild."""
    project = project_copy(tmp_path)
    log = tmp_path / "serve.log"
    with serving(project, ["-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:{port}"], log) as address:
        url = f"{address}/articles/china-belarus-hold-army-drills-near-nato-border-artifex-news/"
        wait_for(lambda: "Belarus" in fetched(url), timeout=90)
        notes = project / BELARUS
        notes.write_text(
            notes.read_text(encoding="utf-8").replace("NATO's 75th", "NATO's seventy-fifth", 1), encoding="utf-8"
        )
        wait_for(lambda: "seventy-fifth" in fetched(url), timeout=60)
        time.sleep(3)  # time enough for a rebuild the first one started
        printed = log.read_text(encoding="utf-8")
    assert printed.count("Detected file changes") == 1, printed
    assert "changed files rebuilt" in printed  # the page-level rebuild


def test_folders_the_system_will_not_watch_are_polled_and_their_edits_still_seen(tmp_path, monkeypatch):
    """Past the system's limit of watches (Linux: `fs.inotify.max_user_watches`) the observer fails
    as it starts, after serve has scheduled every folder; the folders are then polled, as MkDocs
    polls them. The limit is simulated where the system meets it (a watch being set up); the
    observers and the folder are real."""
    import threading

    from watchdog.events import FileSystemEventHandler

    from reader.engines.internals import ChangesObserver

    def refused(self):
        raise OSError(28, "inotify watch limit reached")

    observer = ChangesObserver()
    monkeypatch.setattr(observer._emitter_class, "on_thread_start", refused)  # the platform's: inotify on Linux
    seen = threading.Event()
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: event.src_path.endswith("note.yml") and seen.set()
    watch = observer.schedule(handler, str(tmp_path), recursive=True)  # as serve: every folder, then start
    observer.start()
    try:
        time.sleep(0.6)  # the polling observer's first look at the folder
        (tmp_path / "note.yml").write_text("kind: context\n", encoding="utf-8")
        assert seen.wait(timeout=10)
        observer.unschedule(watch)
    finally:
        observer.stop()


def test_a_watched_folder_replaced_whole_is_watched_again(tmp_path):
    """The system watches a folder, not its path: `build_site.py site` swapping docs/ in, or a folder
    removed and made again, would leave the preview blind to its edits. The observer watches the new
    folder and says so (the preview rebuilds); its later edits are seen."""
    import threading

    from watchdog.events import FileSystemEventHandler

    from reader.engines.internals import ChangesObserver

    docs = tmp_path / "docs"
    docs.mkdir()
    events: list[str] = []
    arrived = threading.Condition()

    def note(event):
        with arrived:
            events.append(event.src_path)
            arrived.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = note
    observer = ChangesObserver()
    observer.schedule(handler, str(docs), recursive=True)
    observer.start()
    try:
        docs.rename(tmp_path / "docs.old")
        (tmp_path / "docs.new").mkdir()
        (tmp_path / "docs.new").rename(docs)
        with arrived:  # the new folder, noticed
            assert arrived.wait_for(lambda: str(docs) + os.sep in events, timeout=10)
        (docs / "page.md").write_text("# Edited\n", encoding="utf-8")
        with arrived:
            assert arrived.wait_for(lambda: str(docs / "page.md") in events, timeout=10)
    finally:
        observer.stop()
