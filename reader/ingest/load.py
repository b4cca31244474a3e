"""Read the raw texts in `seeds/` and recognise each one's format.

A seed is never written to. Bytes are decoded (see `decode`: UTF-8, a page's
declared charset, or a detected encoding), line endings become `\\n`, and the
format is told from the content, never from the file name.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import charset_normalizer
from bs4.dammit import EncodingDetector

from reader import settings
from reader.errors import Problems, SeedError
from reader.files import files_in
from reader.ingest.archive import ArchiveReport, is_archive, read_archive
from reader.ingest.formats import feed, html, markdown, plaintext
from reader.model import Capture, Format, Seed
from reader.text import decode_utf8, line_of, word_count

# Files in seeds/ that are not seeds.
NOT_SEEDS = {"SHA256SUMS", "README.md", "README"}


def seed_paths(folder: Path) -> list[Path]:
    return [p for p in files_in(folder) if p.name not in NOT_SEEDS]


class SeedInput(NamedTuple):
    """One seed's bytes, as read from `seeds/`: a file, or a page in a web archive (with its `capture`
    and the charset its HTTP headers name)."""

    shown_as: str  # its path as shown in messages (an archive's page: the archive's path @ the record's offset)
    name: str
    data: bytes
    capture: Capture | None = None
    charset: str = ""


class SeedFiles(NamedTuple):
    inputs: list[SeedInput]
    archives: list[ArchiveReport]


def seed_files(folder: Path) -> SeedFiles:
    """Each seed in `folder` in name order (each page of a web archive in record order), and what
    each archive held."""
    if not folder.is_dir():
        raise Problems(
            [
                SeedError(
                    "the seeds folder does not exist", str(folder), fix="passing --seeds with a folder of raw texts."
                )
            ]
        )
    inputs, archives = [], []
    for path in seed_paths(folder):
        if not is_archive(path.name):
            inputs.append(SeedInput(str(path), path.name, path.read_bytes()))
            continue
        report = ArchiveReport(path.name)
        for page in read_archive(path.name, path.read_bytes(), report):
            where = f"{page.capture.archive}@{page.capture.offset}"
            inputs.append(SeedInput(f"{folder / where}", where, page.payload, page.capture, page.charset))
        archives.append(report)
    return SeedFiles(inputs, archives)


def read_seed(
    name: str, data: bytes, *, shown_as: str | None = None, capture: Capture | None = None, charset: str = ""
) -> Seed:
    shown_as = shown_as or name
    text, encoding, detected = decode(data, shown_as, charset)
    return Seed(name, text, detect_format(text, shown_as), encoding, detected, capture)


def decode(data: bytes, shown_as: str, charset: str = "") -> tuple[str, str, bool]:
    """The seed's text, the encoding it was read in, and whether that encoding was detected (a guess).

    In order: a byte-order mark; UTF-8; the `charset` the HTTP headers name (a
    page from a web archive); the charset an HTML or XML page declares; else
    charset-normalizer's detection, when it is confident. What no encoding
    reads as text is refused. Control characters other than tab, line and
    page breaks are not text and are dropped, as browsers do.
    """
    if not data.strip():
        raise SeedError("the seed is empty", shown_as, fix="removing the file, or saving the article's text into it.")
    binary = SeedError(
        "the seed is a binary file, not text",
        shown_as,
        fix="saving the article as plain text, Markdown or HTML instead.",
    )
    data, bom_encoding = EncodingDetector.strip_byte_order_mark(data)
    if bom_encoding:
        try:
            return _text(data.decode(bom_encoding)), codecs.lookup(bom_encoding).name, False
        except UnicodeDecodeError:
            raise binary from None  # what looked like a byte-order mark was the start of binary data
    if _control_ratio(data[:65536]) > settings.BINARY_CONTROL_RATIO:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise binary
        return _text(wide[0]), wide[1], True
    decoded = decode_utf8(data)
    if isinstance(decoded, str):
        return _text(decoded), "utf-8", False
    error = decoded
    for declared in (_encoding_named(charset), _declared_encoding(data)):
        if not declared:
            continue
        text = data.decode(declared, errors="replace")
        if _mostly_readable(text):  # as browsers do: a stray byte becomes U+FFFD, the page stays readable
            return _text(text), declared, False
        # else the page is not in the charset it names: detect it
    detected = _detected(data)
    if detected is None:
        raise SeedError(
            f"the seed is not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}), "
            "and no other encoding reads it as text",
            shown_as,
            line_of(data, error.start),
            fix="converting it to UTF-8, for example: iconv -f windows-1252 -t utf-8 FILE > FILE.new",
        )
    text, encoding = detected
    return _text(text), encoding, True


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """The text of a UTF-16 page saved without its byte-order mark (every other byte a NUL in
    ASCII text, which is what made it look binary), and its encoding; None for anything else."""
    sample = data[:65536]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _control_ratio(text.encode("utf-8")) <= settings.BINARY_CONTROL_RATIO else None
    return None


def _mostly_readable(text: str) -> bool:
    """Whether few of the text's non-ASCII characters are replacement characters (undecodable bytes)."""
    replaced = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return replaced <= max(settings.DECLARED_MAX_STRAY_BYTES, settings.DECLARED_MAX_REPLACED * non_ascii)


def _detected(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of the bytes and its encoding, or None when none reads as text.

    On a short text several encodings read equally well; among those, windows-1252 (the web's
    most common legacy encoding, and browsers' default for an undeclared Western page) wins.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and any(m.chaos <= best.chaos and str(m) == western for m in matches):
        return western, "cp1252"
    return str(best), codecs.lookup(best.encoding).name


def undecodable_line(data: bytes) -> int | None:
    """The line of the first byte that is not UTF-8, for a message about a seed read by a guess."""
    decoded = decode_utf8(data)
    return line_of(data, decoded.start) if isinstance(decoded, UnicodeDecodeError) else None


def _text(text: str) -> str:
    """Control characters dropped, line endings as `\\n`, and characters in Unicode's composed form
    (NFC: "é" as one character, not "e" and an accent), as the text shows them and quotes are typed."""
    # Each looked for first: a search for one character is a fast scan, a regex or a replacement is not.
    if any(control in text for control in _CONTROL_CHARACTERS):
        text = _DROPPED_CONTROLS.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() or unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _declared_encoding(data: bytes) -> str | None:
    """The charset a page declares (`<meta charset>`, `http-equiv`, `<?xml encoding>`), as browsers read it."""
    if data.lstrip()[:1] != b"<":
        return None
    return _encoding_named(EncodingDetector.find_declared_encoding(data[:65536], is_html=True) or "")


def _encoding_named(label: str) -> str | None:
    """The Python codec for a charset label, as browsers read the label (None for an unknown one)."""
    label = label.strip().strip("\"'").lower()
    label = WHATWG_ENCODINGS.get(label, label)
    try:
        return codecs.lookup(label).name if label else None
    except LookupError:
        return None


# Labels a page declares that browsers read as a larger encoding (the WHATWG Encoding Standard):
# pages labelled latin-1 are written in windows-1252, pages labelled Shift_JIS in its Windows form.
WHATWG_ENCODINGS = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312-80"), "gb18030"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j"), "cp932"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987"), "cp949"),
    "big5": "big5hkscs",
}


def _control_ratio(data: bytes) -> float:
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / max(1, len(data))


# Control characters other than tab, newline, form feed and carriage return: a sign of binary data.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_CHARACTERS = _CONTROL_BYTES.decode("ascii")
_DROPPED_CONTROLS = re.compile(f"[{re.escape(_CONTROL_CHARACTERS)}]")


def detect_format(text: str, shown_as: str) -> Format:
    """Which of `model.FORMATS` the text is in, judged from its content."""
    start = text.lstrip()[:200].lower()
    if html.looks_like(text):
        return "html"
    if start.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")):  # and not XHTML: html.looks_like said so
        raise SeedError(
            "the seed is XML (an RSS or Atom document), which is not a supported format",
            shown_as,
            fix="saving the feed as text, as a feed reader's text export does, or each story as its own file.",
        )
    if start.startswith(("{", "[")):
        raise SeedError(
            "the seed looks like JSON data, not an article", shown_as, fix="saving the article's text instead."
        )
    if feed.looks_like(text):
        return "feed"
    if markdown.looks_like(text):
        return "markdown"
    if not any(word_count(b.text) >= settings.BODY_MIN_WORDS for b in plaintext.blocks(text.split("\n"))):
        raise SeedError(
            "the format is not recognised: no paragraph of prose was found",
            shown_as,
            fix=f"saving the article as plain text, Markdown or HTML with at least one paragraph of {settings.BODY_MIN_WORDS} or more words.",
        )
    return "webpage" if plaintext.looks_like_webpage(text) else "plain"
