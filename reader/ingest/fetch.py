"""`build_site.py add URL`: capture a page into seeds/ as a web archive, as archivists capture.

The page is fetched once (redirects followed, each hop recorded), and the request and
the response are written with their headers and the capture time as WARC records, so
the site can show when and from where the text was taken. Nothing is written for a
fetch that fails: a name that does not resolve, a time-out, a refused connection, an
HTTP error status, or a response that is not an HTML page.
"""

from __future__ import annotations

import hashlib
import http.client
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from reader.errors import ReaderError
from reader.files import atomic_write
from reader.ingest.archive import HTML_TYPES, warc_record

USER_AGENT = "annotated-reader/1.0 (capturing one page for an annotated reader)"
MAX_REDIRECTS = 5
MAX_BYTES = 50_000_000  # larger than any article page


class FetchError(ReaderError):
    """A page that could not be captured."""


@dataclass(frozen=True)
class Exchange:
    """One request and its response, as sent and received, and when."""

    url: str
    request: bytes
    status: int
    response: bytes  # status line, headers and body
    content_type: str
    date: str


def capture(url: str, timeout: float = 30.0) -> bytes:
    """The WARC records (request and response, every redirect on the way) of fetching `url`;
    raises `FetchError` when there is no HTML page to keep."""
    records, current = [], url
    for _ in range(MAX_REDIRECTS + 1):
        exchange = fetch(current, timeout)
        records.append(exchange)
        if exchange.status in (301, 302, 303, 307, 308):
            location = _header(exchange.response, "Location")
            if not location:
                raise FetchError(f"{url} redirects without saying where", fix="checking the address in a browser.")
            current = urljoin(current, location)
            continue
        break
    else:
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times", fix="giving the page's final address.")
    final = records[-1]
    if final.status >= 400:
        raise FetchError(
            f"{final.url} answered HTTP {final.status}, not a page",
            fix="checking the address; a page behind a login or a paywall must be saved from a browser instead.",
        )
    if final.content_type not in HTML_TYPES:
        raise FetchError(
            f"{final.url} is {final.content_type or 'of no stated type'}, not an HTML page",
            fix="giving the address of the article's page, not of a file.",
        )
    return b"".join(_records(e) for e in records)


def fetch(url: str, timeout: float) -> Exchange:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not a web address", fix="giving an address that starts with http:// or https://.")
    connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host = parts.netloc.rpartition("@")[2]
    headers = {"Host": host, "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
               "Accept-Encoding": "identity", "Connection": "close"}  # fmt: skip
    date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        body = response.read(MAX_BYTES + 1)
    except socket.gaierror as error:
        raise FetchError(
            f"{parts.hostname} could not be found ({error.strerror})", fix="checking the address."
        ) from None
    except TimeoutError:
        raise FetchError(f"{url} did not answer within {timeout:g} s", fix="trying again later.") from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(
            f"{url} could not be fetched ({error})", fix="checking the address, or trying again later."
        ) from None
    finally:
        connection.close()
    if len(body) > MAX_BYTES:
        raise FetchError(
            f"{url} is larger than {MAX_BYTES:,} bytes, not an article page", fix="giving the article's page."
        )
    request = f"GET {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    # The body as received, its transfer coding undone by http.client: the headers say so.
    kept = [(k, v) for k, v in response.getheaders() if k.lower() != "transfer-encoding"]
    if any(k.lower() == "content-length" for k, _ in kept) is False:
        kept.append(("Content-Length", str(len(body))))
    status_line = f"HTTP/{'1.1' if response.version == 11 else '1.0'} {response.status} {response.reason}\r\n"
    head = status_line + "".join(f"{k}: {v}\r\n" for k, v in kept) + "\r\n"
    content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
    return Exchange(url, request.encode("latin-1"), response.status, head.encode("latin-1") + body, content_type, date)


def _header(response: bytes, name: str) -> str:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return ""


def _records(exchange: Exchange) -> bytes:
    common = [("WARC-Target-URI", exchange.url), ("WARC-Date", exchange.date)]
    request = warc_record("request", [*common, ("Content-Type", "application/http; msgtype=request")], exchange.request)
    response = warc_record(
        "response", [*common, ("Content-Type", "application/http; msgtype=response")], exchange.response
    )
    return response + request


def add(url: str, seeds: Path, timeout: float = 30.0) -> Path:
    """Capture `url` into a new WARC file in `seeds/` (written whole, or not at all); its path."""
    data = capture(url, timeout)
    host = (urlsplit(url).hostname or "page").replace(".", "-")
    name = f"{host}-{hashlib.sha1(url.encode()).hexdigest()[:10]}-{datetime.now(UTC):%Y%m%dT%H%M%S}.warc.gz"
    target = seeds / name
    atomic_write(target, data)
    return target
