"""Articles, and the files people keep them in, written by the tests themselves (nothing is downloaded)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

ARTICLES = [
    {
        "id": "wx-101",
        "title": "Storm forces thousands from homes in Florida",
        "text": ("MIAMI (AP) — A powerful storm hit the coast of Florida on Monday, officials said. "
                 "Thousands of people left their homes before the storm arrived.\n\n"
                 "\"We are ready,\" said Governor Ron DeSantis, speaking in Tallahassee. "
                 "The National Hurricane Center said the storm would weaken over land on Tuesday."),
        "date": "2022-09-26",
        "url": "https://news.example.com/2022/09/26/storm-florida",
        "source": "Example News",
        "person": "Ron DeSantis",
    },
    {
        "id": "eu-202",
        "title": "Germany and France agree on joint energy plan",
        "text": ("BERLIN (Reuters) - German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin "
                 "on Wednesday to agree on a joint energy plan.\n\n"
                 "The two leaders said the plan would cut gas use by a fifth. The European Commission welcomed "
                 "the agreement, a spokeswoman said in Brussels."),
        "date": "2022-10-05",
        "url": "https://world.example.org/europe/energy-plan",
        "source": "Example World",
        "person": "Olaf Scholz",
    },
]


def page(a: dict, *, canonical: bool = True, article: bool = True) -> str:
    """A saved news page: navigation, the article, a footer; its metadata in <meta> tags."""
    paras = "".join(f"<p>{p}</p>\n" for p in a["text"].split("\n\n"))
    body = (f"<article><h1>{a['title']}</h1>\n{paras}</article>" if article else
            "<ul>" + "".join(f"<li><a href='/n/{i}'>Latest story number {i}</a></li>" for i in range(30)) + "</ul>")
    link = f'<link rel="canonical" href="{a["url"]}">' if canonical else ""
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{a['title']} | {a['source']}</title>"
            f"<meta property=\"og:title\" content=\"{a['title']}\"><meta property=\"og:site_name\" content=\"{a['source']}\">"
            f"<meta name=\"author\" content=\"Jane Roe\">"
            f"<meta property=\"article:published_time\" content=\"{a['date']}T10:00:00Z\">{link}</head>"
            f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"
            f"{body}<footer>Copyright Example Media. All rights reserved.</footer></body></html>")


def write_jsonl(path: Path, rows: list[dict], *, bad_line: str | None = None) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    if bad_line is not None:
        lines.insert(1, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


def write_warc(path: Path, pages: list[tuple[str, str]], *, extra: bool = True) -> Path:
    """A WARC (gzipped when the name ends in .gz) with a response per (url, html), and, with
    ``extra``, a request record, an image response and a redirect, as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=path.name.endswith(".gz"))

        def response(url: str, payload: bytes, ctype: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers,
                                                warc_headers_dict={"WARC-Date": "2022-10-07T08:00:00Z"}))

        for url, html in pages:
            if extra:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
                w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            response(url, html.encode("utf-8"), "text/html; charset=utf-8")
        if extra:
            response("https://news.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
            response("https://news.example.com/old", b"", "text/html", status="301 Moved Permanently")
    return path


def feed(entries: list[dict], *, full: bool = True) -> str:
    """An RSS 2.0 feed; with ``full`` each item carries the whole article in content:encoded."""
    items = []
    for a in entries:
        paras = "".join(f"<p>{p}</p>" for p in a["text"].split("\n\n"))
        content = f"<content:encoded><![CDATA[{paras}]]></content:encoded>" if full else ""
        summary = a["text"].split("\n\n")[0]
        items.append(f"<item><title>{a['title']}</title><link>{a['url']}</link><guid>{a['url']}</guid>"
                     f"<pubDate>Wed, 05 Oct 2022 09:00:00 GMT</pubDate><description><![CDATA[<p>{summary}</p>]]>"
                     f"</description>{content}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>'
            '<link>https://wire.example.net/</link><description>News</description>' + "".join(items)
            + "</channel></rss>")
