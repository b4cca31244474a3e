"""Small web archives written for the tests: real WARC records (FastWARC writes them), our own pages."""

from __future__ import annotations

import html

from reader.ingest.archive import warc_record

LOREM = (
    "The harbour authority said on Tuesday that the strike by crane operators had entered its second week",
    "Shipping lines diverted at least eleven vessels to other ports along the coast, according to the port's own figures",
    "Union leaders asked for a meeting with the minister of transport before any return to work was put to a vote",
    "Exporters of fruit and timber warned that their goods would spoil or lose their buyers if the dispute went on",
    "The minister told reporters that the government would not intervene in what it called a dispute between employers",
)


def article_page(title: str, paragraphs: list[str], site: str = "The Harbour Gazette", charset: str = "utf-8") -> str:
    """An article page as news sites write them: navigation, the story, a related-stories box, a footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:site_name" content="{html.escape(site)}"></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{html.escape(title)}</h1>
<p class="byline">By Mara Lindqvist</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Council votes on the new bridge</a></li>
<li><a href="/b">Storm closes the coast road for a day</a></li></ul></aside></main>
<footer><p>Copyright 2024 {html.escape(site)}. All rights reserved.</p></footer></body></html>
"""


def response(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
             date: str = "2024-05-01T10:00:00Z") -> bytes:  # fmt: skip
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    headers = [("WARC-Target-URI", uri), ("WARC-Date", date), ("Content-Type", "application/http; msgtype=response")]
    return warc_record("response", headers, http + body)


def revisit(uri: str, date: str = "2024-05-02T10:00:00Z") -> bytes:
    headers = [
        ("WARC-Target-URI", uri),
        ("WARC-Date", date),
        ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
    ]
    return warc_record("revisit", headers, b"")
