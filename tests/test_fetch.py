"""add URL: a page captured from a real HTTP server on loopback becomes a web-archive seed; a failed fetch writes nothing."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from bench.project import copy_project
from reader.corpus import read_articles
from reader.ingest.archive import ArchiveReport, read_archive
from reader.ingest.fetch import FetchError, add, capture

from .conftest import ROOT, free_port
from .warcs import LOREM, article_page

PAGE = article_page("Port strike enters second week", list(LOREM)).encode()


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/article": (200, "text/html; charset=utf-8", PAGE),
        "/missing": (404, "text/html", b"<html><body>Not found</body></html>"),
        "/logo.png": (200, "image/png", b"\x89PNG\r\n"),
    }

    def do_GET(self):
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        status, content_type, body = self.routes.get(self.path, self.routes["/article"])
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (the time-out case)
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_capture_holds_the_request_and_the_response_with_their_headers(server):
    data = capture(f"{server}/article")
    report = ArchiveReport("page.warc.gz")
    [page] = read_archive("page.warc.gz", data, report)
    assert page.payload == PAGE and page.capture.uri == f"{server}/article"
    assert report.skipped == {"request record (not a captured page)": 1}
    assert "HTTP/1.0 200 OK" in page.capture.headers and "Content-Type: text/html" in page.capture.headers


def test_a_redirect_is_followed_and_each_hop_recorded(server):
    report = ArchiveReport("page.warc.gz")
    [page] = read_archive("page.warc.gz", capture(f"{server}/moved"), report)
    assert page.capture.uri == f"{server}/article"
    assert report.skipped["redirect (HTTP 3xx)"] == 1 and report.skipped["request record (not a captured page)"] == 2


@pytest.mark.parametrize(
    "path, message",
    [("/missing", "answered HTTP 404"), ("/logo.png", "is image/png, not an HTML page"), ("/slow", "did not answer")],
)
def test_a_failed_fetch_is_a_clear_error_and_writes_nothing(server, tmp_path, path, message):
    with pytest.raises(FetchError, match=message):
        add(f"{server}{path}", tmp_path / "seeds", timeout=1.0)
    assert not (tmp_path / "seeds").exists() or not any((tmp_path / "seeds").iterdir())


def test_a_refused_connection_and_a_bad_address_are_errors(tmp_path):
    with pytest.raises(FetchError, match="could not be fetched"):
        capture(f"http://127.0.0.1:{free_port()}/article", timeout=2.0)
    with pytest.raises(FetchError, match="not a web address"):
        capture("ftp://example.org/file")


def test_add_puts_a_seed_whose_article_has_that_url(server, tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    url = f"{server}/article"
    result = subprocess.run([sys.executable, "build_site.py", "add", url], capture_output=True, text=True, cwd=project)
    assert result.returncode == 0, result.stderr
    [added] = list((project / "seeds").glob("127-0-0-1-*.warc.gz"))
    assert f"Captured {url} into" in result.stdout
    articles = [a for a in read_articles(project / "seeds").articles if a.capture]
    assert [a.metadata.url for a in articles] == [url]
    assert articles[0].metadata.captured == articles[0].capture.date[:10]
    assert articles[0].seed == f"{added.name}@0"


def test_add_with_a_failing_address_exits_1_and_leaves_the_seeds_as_they_were(server, tmp_path):
    project = copy_project(ROOT, tmp_path / "project")
    before = sorted(p.name for p in (project / "seeds").iterdir())
    result = subprocess.run(
        [sys.executable, "build_site.py", "add", f"{server}/missing"], capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 1 and "answered HTTP 404" in result.stderr and "Nothing was written" in result.stderr
    assert sorted(p.name for p in (project / "seeds").iterdir()) == before
