"""Web archives (WARC, and WACZ packages of them): each captured HTML page is a seed.

An archive is read record by record with FastWARC (bench/bench_warc.py measured it
against warcio on one archive; see bench/RESULTS.md). A `response` (or `resource`)
record of an HTML page with a 2xx status is a page: its `WARC-Target-URI` becomes the
article's `url`, its `WARC-Date` the `captured` date, the charset its HTTP
`Content-Type` names is the first one tried after UTF-8, and its payload digest and
headers are kept (`model.Capture`) for "About this copy", the export and the raw view.
Every other record is counted, with why it is not an article, for the rules page.
A damaged archive (truncated, or corrupt from some byte on) is a warning naming the
byte offset; the records before the damage are kept.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import BinaryIO, cast

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from reader.model import Capture

# File names that are web archives; any other seed is one text.
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass(frozen=True)
class Page:
    """One captured HTML page: its payload (the page's bytes, as served) and where it came from."""

    capture: Capture
    payload: bytes
    charset: str


@dataclass
class ArchiveReport:
    """What one archive held: its pages, every other record counted by why it is not an article,
    and where it was damaged (a byte offset and what was wrong), if it was."""

    name: str
    pages: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    damage: str = ""


def read_archive(name: str, data: bytes, report: ArchiveReport) -> Iterator[Page]:
    """The pages of an archive's bytes (a WARC, gzipped or not, or a WACZ), in record order;
    everything else is counted in `report`."""
    if name.lower().endswith(".wacz"):
        yield from _wacz_pages(name, data, report)
    else:
        yield from archive_pages(io.BytesIO(data), name, report)


def _wacz_pages(name: str, data: bytes, report: ArchiveReport) -> Iterator[Page]:
    """A WACZ is a ZIP package whose `archive/` folder holds the WARC files (the WACZ 1.1 spec)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = sorted(n for n in package.namelist() if n.startswith("archive/") and is_archive(n))
    except zipfile.BadZipFile as error:
        report.damage = f"the WACZ package is not a readable ZIP file ({error})"
        return
    if not members:
        report.damage = "the WACZ package has no WARC file in its archive/ folder"
    for member in members:
        with package.open(member) as stream:
            yield from archive_pages(cast(BinaryIO, stream), f"{name}!{PurePosixPath(member).name}", report)


def archive_pages(
    stream: BinaryIO, name: str, report: ArchiveReport, start: int = 0, end: int | None = None
) -> Iterator[Page]:
    """The pages of a WARC stream whose records start at or after byte `start` of the archive (the
    stream is positioned there) and before `end`: a byte range of a large archive, for one worker."""
    records = ArchiveIterator(stream, parse_http=True, fsspec_args=False)
    offset, seen = start, False  # the last record's offset, and whether one was read
    while True:
        try:
            record = next(records)
        except StopIteration:
            if not seen and stream_has_bytes(stream):
                report.damage = f"damaged at byte {start}: no WARC record could be read"
            return
        except OSError as error:  # the stream stopped parsing: what came before it is kept
            report.damage = f"damaged at byte {record_end(stream, offset) if seen else start}: {error}"
            return
        offset, seen = record.stream_pos, True  # FastWARC counts from the stream's start, wherever reading began
        if end is not None and offset >= end:
            return
        try:
            payload = record.reader.read()
        except OSError as error:
            report.damage = f"damaged at byte {offset}: {error}"
            return
        if len(payload) < record.content_length:  # FastWARC gives a cut record as it is: check its length
            report.damage = f"truncated at byte {offset}: the record is shorter than its Content-Length"
            return
        reason = not_a_page(record)
        if reason:
            report.skipped[reason] += 1
            continue
        try:
            payload = decoded(payload, record)
        except (OSError, ValueError, zlib.error) as error:
            report.skipped[f"payload that cannot be decoded ({error})"] += 1
            continue
        report.pages += 1
        yield Page(capture(record, name, offset), payload, record.http_charset or "")


def decoded(payload: bytes, record: WarcRecord) -> bytes:
    """The page as a browser gets it: a chunked transfer joined, a gzip, deflate or Brotli content
    encoding undone (archives keep the bytes as the server sent them)."""
    if not (record.is_http and record.http_headers):
        return payload
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        payload = _dechunked(payload)
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return gzip.decompress(payload)
    if encoding == "deflate":
        try:
            return zlib.decompress(payload)
        except zlib.error:
            return zlib.decompress(payload, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
    if encoding == "br":
        import brotli  # type: ignore[import-untyped]  # FastWARC's own dependency

        return bytes(brotli.decompress(payload))
    return payload


def _dechunked(payload: bytes) -> bytes:
    out, at = bytearray(), 0
    while at < len(payload):
        end = payload.find(b"\r\n", at)
        if end == -1:
            break
        size = int(payload[at:end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out += payload[end + 2 : end + 2 + size]
        at = end + 2 + size + 2
    return bytes(out)


def record_end(stream: BinaryIO, offset: int) -> int:
    """The first byte after the whole record at `offset`: where the damage after it starts."""
    stream.seek(offset)
    head = stream.read(2)
    stream.seek(offset)
    if head == b"\x1f\x8b":  # a gzip member: decompress it to find where it ends
        member = zlib.decompressobj(wbits=31)
        used = 0
        while not member.eof and (chunk := stream.read(65536)):
            member.decompress(chunk)
            used += len(chunk) - len(member.unused_data)
        return offset + used
    header = b""
    while b"\r\n\r\n" not in header and (chunk := stream.read(4096)):
        header += chunk
    length = re.search(rb"(?im)^content-length:\s*(\d+)", header)
    return offset + header.index(b"\r\n\r\n") + 4 + int(length.group(1)) + 4 if length else offset


def stream_has_bytes(stream: BinaryIO) -> bool:
    try:
        return stream.seek(0, io.SEEK_END) > 0
    except (OSError, ValueError):
        return False


def not_a_page(record: WarcRecord) -> str:
    """Why a record is not an article ("" when it is a page): its type, status or content type."""
    kind = str(record.record_type).rsplit(".", 1)[-1]  # "response", "revisit", ...
    if kind == "revisit":
        return "revisit record (a later capture that points to an earlier one's content)"
    if kind not in ("response", "resource"):
        return f"{kind} record (not a captured page)"
    status = record.http_headers.status_code if record.is_http and record.http_headers else 200
    if status and 300 <= status < 400:
        return "redirect (HTTP 3xx)"
    if status and status >= 400:
        return "error page (HTTP 4xx or 5xx)"
    content_type = ((record.http_content_type if record.is_http else record.headers.get("Content-Type")) or "").lower()
    content_type = content_type.split(";")[0].strip()
    if content_type not in HTML_TYPES:
        return f"not HTML ({content_type or 'no content type'})"
    return ""


def capture(record: WarcRecord, archive: str, offset: int) -> Capture:
    headers = record.headers
    return Capture(
        archive=archive,
        offset=offset,
        uri=(headers.get("WARC-Target-URI") or "").strip("<>"),
        date=headers.get("WARC-Date") or "",
        payload_digest=headers.get("WARC-Payload-Digest") or "",
        record_id=headers.get("WARC-Record-ID") or "",
        headers=_header_text(record),
    )


def _header_text(record: WarcRecord) -> str:
    """The record's WARC headers, then its HTTP headers, as they read in the archive (lines ending "\\n")."""
    blocks = [[record.headers.status_line or "WARC/1.1", *(f"{k}: {v}" for k, v in record.headers.items())]]
    if record.is_http and record.http_headers:
        http = record.http_headers
        blocks.append([http.status_line or "", *(f"{k}: {v}" for k, v in http.items())])
    return "\n\n".join("\n".join(lines) for lines in blocks) + "\n"


def warc_record(kind: str, headers: list[tuple[str, str]], block: bytes) -> bytes:
    """One WARC/1.1 record (its `Content-Length`, block and payload digests worked out by FastWARC),
    as a gzip member of its own, as archives store them so that each can be read from its offset."""
    record = WarcRecord()
    record.init_headers(getattr(WarcRecordType, kind))
    for name, value in headers:
        if name.lower() not in ("warc-type", "content-length", "warc-block-digest"):
            record.headers.set(name, value)
    if kind in ("response", "resource") and not record.headers.get("WARC-Payload-Digest"):
        payload = block.split(b"\r\n\r\n", 1)[-1] if kind == "response" else block
        record.headers.set("WARC-Payload-Digest", "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode())
    record.set_bytes_content(block)
    out = io.BytesIO()
    record.write(out, checksum_data=True)
    return gzip.compress(out.getvalue(), mtime=0)


def record_block(path: str, offset: int) -> tuple[list[tuple[str, str]], bytes]:
    """The WARC headers and the block (HTTP headers and payload, byte for byte) of the record at
    `offset` of an archive file: what `find-copies --add` copies into seeds/."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream, parse_http=False, fsspec_args=False)))
        return list(record.headers.items()), record.reader.read()
