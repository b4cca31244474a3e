"""Load: decoding, and recognising each format from the content, never the file name."""

import pytest

from reader.errors import SeedError
from reader.ingest.clean import clean
from reader.ingest.load import read_seed
from reader.ingest.split import split

from .conftest import FIXTURES, SEEDS


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_d4932bf2154f5a6f.txt", "webpage"),
        ("001_8f1cf0a67f0836c4.txt", "markdown"),
        ("002_d566bb28321c3257.txt", "plain"),
        ("003_d9c05a133f4aaaab.txt", "plain"),
        ("004_59bd7e55a98dfd6a.txt", "feed"),
    ],
)
def test_each_seed_format_is_recognised_from_its_content(name, expected):
    data = (SEEDS / name).read_bytes()
    assert read_seed(name, data).format == expected
    # The name plays no part: the same bytes under another name are the same format.
    assert read_seed("renamed.html", data).format == expected


@pytest.mark.parametrize(
    "fixture, expected",
    [("page.html", "html"), ("clean-article.txt", "plain"), ("feed-two-items.txt", "feed")],
)
def test_fixture_formats(fixture, expected):
    assert read_seed(fixture, (FIXTURES / fixture).read_bytes()).format == expected


def test_byte_order_mark_and_crlf_line_endings_are_read_as_plain_utf8():
    original = (SEEDS / "002_d566bb28321c3257.txt").read_bytes()
    windows = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
    assert read_seed("x.txt", windows).text == read_seed("x.txt", original).text


@pytest.mark.parametrize(
    "data, message, fix",
    [
        (b"", "the seed is empty", "removing the file"),
        (b"  \n\n \t\n", "the seed is empty", "removing the file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", "saving the article as plain text"),
        (b"Prose? " + bytes(range(0x80, 0x100)) * 8, "no other encoding reads it as text", "iconv"),
        (b"Menu\n\nHome\n\nAbout us", "format is not recognised", "at least one paragraph"),
        (b'<?xml version="1.0"?><rss><channel></channel></rss>', "XML", "saving the feed as text"),
        (b'{"title": "not an article"}', "JSON", "saving the article"),
    ],
)
def test_unreadable_seeds_get_an_error_that_names_the_file_and_the_fix(data, message, fix):
    with pytest.raises(SeedError) as caught:
        read_seed("bad.txt", data)
    text = str(caught.value)
    assert text.startswith("bad.txt")
    assert message in text
    assert fix in text


def test_undecodable_byte_is_located_by_line():
    data = b"First line of prose with enough words to count.\n\nSecond " + bytes(range(0x80, 0x100)) * 8
    with pytest.raises(SeedError) as caught:
        read_seed("bad.txt", data)
    assert caught.value.line == 3
    assert str(caught.value).startswith("bad.txt:3:")


# Real wording in each script, long enough for a detector to judge.
PROSE = {
    "cp1252": "Le président a déclaré que les négociations reprendront lundi à Genève, selon l’agence. "
    "Les délégués se sont réunis au château pendant l’été pour préparer une œuvre commune.",
    "cp1251": "Президент заявил, что переговоры продолжатся в понедельник в Женеве, сообщает агентство. "
    "Делегации встретились летом, чтобы подготовить общее заявление о сотрудничестве.",
    "cp932": "東京都は月曜日、新しい計画を発表した。市民の生活を改善するための施策が含まれている。"
    "関係者によると、計画は来年の春から実施される予定だという。",
}


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html>\n<html>\n<head>{head}<title>Report</title></head>\n<body>\n<article>\n<p>{body}</p>\n</article>\n</body>\n</html>\n"


@pytest.mark.parametrize(
    "encoding, declaration",
    [
        ("cp1252", '<meta charset="iso-8859-1">'),  # latin-1 as declared, read as browsers do (windows-1252)
        ("cp1251", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
        ("cp932", '<meta charset="Shift_JIS">'),
    ],
)
def test_an_html_page_is_read_in_the_charset_it_declares(encoding, declaration):
    seed = read_seed("page.html", _page(PROSE[encoding], declaration).encode(encoding))
    assert PROSE[encoding] in seed.text
    assert seed.format == "html" and not seed.detected


@pytest.mark.parametrize("encoding", ["cp1252", "cp1251", "cp932"])
def test_a_page_or_text_that_declares_nothing_is_read_by_detection(encoding):
    page = read_seed("page.html", _page(PROSE[encoding]).encode(encoding))
    text = read_seed("story.txt", f"Report\n\n{PROSE[encoding]}\n".encode(encoding))
    for seed in (page, text):
        assert PROSE[encoding] in seed.text
        assert seed.detected and seed.encoding  # the guess is kept, to be reported


def test_a_byte_order_mark_settles_the_encoding():
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        seed = read_seed("page.html", bom + _page(PROSE["cp1251"]).encode(encoding))
        assert PROSE["cp1251"] in seed.text and not seed.detected


def test_a_page_in_another_charset_than_it_declares_is_detected():
    seed = read_seed("page.html", _page(PROSE["cp1251"], '<meta charset="utf-8">').encode("cp1251"))
    assert PROSE["cp1251"] in seed.text and seed.detected


def test_an_xhtml_page_behind_an_xml_declaration_is_html_not_a_feed():
    page = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + _page(PROSE["cp1252"]).replace("<!DOCTYPE html>\n", "")
    seed = read_seed("page.xhtml", page.encode("cp1252"))
    assert seed.format == "html" and PROSE["cp1252"] in seed.text


@pytest.mark.parametrize(
    "before",
    [
        '<?xml version="1.0" encoding="utf-8">\n',  # the declaration's "?>" lost
        '<?xml version="1.0"?>\n<!-- ' + "a long comment " * 400 + "-->\n",  # the <html> past 4,000 characters
        "Warning: Undefined variable $title in /var/www/index.php on line 12\n",  # a PHP warning, as text
    ],
    ids=["malformed declaration", "long prolog", "text before the page"],
)
def test_a_page_trafilatura_reads_is_html_whatever_comes_before_it(before):
    seed = read_seed("page.xhtml", (before + _page(PROSE["cp1252"]).replace("<!DOCTYPE html>\n", "")).encode())
    assert seed.format == "html"
    [article] = [clean(story) for story in split(seed)]
    assert PROSE["cp1252"] in " ".join(p.text for p in article.paragraphs)


def test_an_rss_document_holding_html_is_still_refused_as_a_feed():
    feed = '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><description><![CDATA[<html><body><p>Hi</p>'
    with pytest.raises(SeedError, match="RSS or Atom"):
        read_seed("feed.xml", (feed + "</body></html>]]></description></item></channel></rss>").encode())


def test_a_utf16_page_without_its_byte_order_mark_is_read_not_refused_as_binary():
    seed = read_seed("page.html", _page(PROSE["cp1252"]).encode("utf-16-le"))
    assert seed.format == "html" and PROSE["cp1252"] in seed.text and seed.encoding == "utf-16-le"


def test_stray_control_characters_do_not_make_a_page_binary():
    seed = read_seed("page.html", _page(PROSE["cp1252"]).encode().replace(b"<body>", b"<body>\x00\x01\x1b"))
    assert seed.format == "html" and "\x00" not in seed.text


def test_a_stray_byte_in_a_page_read_in_its_declared_charset_does_not_spoil_the_page():
    prose = PROSE["cp1252"]
    page = _page(prose, '<meta charset="utf-8">').encode().replace(b"<body>", b"<body><!-- M\xe4scot -->")
    seed = read_seed("page.html", page)
    assert prose in seed.text and "\ufffd" in seed.text and not seed.detected
