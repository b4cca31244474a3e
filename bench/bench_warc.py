#!/usr/bin/env python3
"""Reading a web archive: FastWARC beside warcio, on the same archive, in one run.

    python bench/bench_warc.py --pages DIR [--copies 20]

An archive is written from the HTML pages in DIR (for instance trafilatura's evaluation
pages from ../shared/data, unpacked), each page `--copies` times, as gzipped WARC
response records. Each library then reads every record's headers and HTTP payload,
as the reader does for its seeds and `find-copies` does for a haystack.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastwarc.warc import ArchiveIterator as FastIterator  # noqa: E402
from warcio.archiveiterator import ArchiveIterator as WarcioIterator  # noqa: E402

from reader.ingest.archive import warc_record  # noqa: E402


def fastwarc_read(data: bytes) -> tuple[int, int]:
    records = size = 0
    for record in FastIterator(io.BytesIO(data), parse_http=True, fsspec_args=False):
        record.headers.get("WARC-Target-URI")
        size += len(record.reader.read())
        records += 1
    return records, size


def warcio_read(data: bytes) -> tuple[int, int]:
    records = size = 0
    for record in WarcioIterator(io.BytesIO(data)):
        record.rec_headers.get_header("WARC-Target-URI")
        size += len(record.raw_stream.read())
        records += 1
    return records, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    pages = [p.read_bytes() for p in sorted(args.pages.rglob("*.html"))]
    records = []
    for copy in range(args.copies):
        for number, page in enumerate(pages):
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
            headers = [("WARC-Target-URI", f"https://example.org/{copy}/{number}"), ("WARC-Date", "2024-01-01T00:00:00Z"),
                       ("Content-Type", "application/http; msgtype=response")]  # fmt: skip
            records.append(warc_record("response", headers, http))
    data = b"".join(records)
    print(f"archive: {len(records):,} records, {len(data) / 1e6:.1f} MB gzipped")
    timings = {}
    for name, read in (("FastWARC", fastwarc_read), ("warcio", warcio_read)):
        start = time.perf_counter()
        count, size = read(data)
        timings[name] = time.perf_counter() - start
        print(f"{name:>9}: {timings[name]:.2f} s, {count:,} records, {size / 1e6:.1f} MB of payload "
              f"({timings[name] / count * 1e6:.0f} µs a record)")  # fmt: skip
    print(f"FastWARC reads it in {timings['FastWARC'] / timings['warcio']:.2f} of warcio's time")


if __name__ == "__main__":
    main()
