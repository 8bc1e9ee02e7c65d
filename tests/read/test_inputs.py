"""Reading every input kind: files the tests write, read into Documents without the model."""
from __future__ import annotations

import gzip
import json
from datetime import date

import pytest
from formats_samples import ARTICLES, feed, page, write_csv, write_jsonl, write_warc

from kg.read import Fields, Unread, collect_inputs, read_inputs
from kg.types import Document

ROWS = [{k: a[k] for k in ("id", "title", "text", "date", "url", "source")} for a in ARTICLES]


def read(*paths, **kw):
    out = list(read_inputs(collect_inputs(paths), **kw))
    return [d for d in out if isinstance(d, Document)], [u for u in out if isinstance(u, Unread)]


def check_offsets(d: Document) -> None:
    for span in (d.headline, d.dateline, d.body, d.place_span, d.source_span):
        if span is not None:
            assert d.text[span.start:span.end] == span.text


# --- kinds -------------------------------------------------------------------------------------------------

def test_kinds_by_extension_and_by_content_where_the_extension_lies(tmp_path):
    (tmp_path / "a.txt").write_text("Plain article text.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2020-01-02"}))  # a sidecar, not a dump
    (tmp_path / "page.txt").write_text(page(ARTICLES[0]), encoding="utf-8")  # a page saved as .txt
    (tmp_path / "feed.html").write_text(feed(ARTICLES), encoding="utf-8")  # a feed saved as .html
    write_warc(tmp_path / "crawl.warc", [(ARTICLES[0]["url"], page(ARTICLES[0]))])
    (tmp_path / "crawl.warc").rename(tmp_path / "crawl.bin.xml")  # a WARC with a wrong name
    write_jsonl(tmp_path / "rows.jsonl", ROWS)
    (tmp_path / "notes.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    kinds = {i.path.name: i.kind for i in collect_inputs([tmp_path])}
    assert kinds == {"a.txt": "text", "page.txt": "html", "feed.html": "feed", "crawl.bin.xml": "warc",
                     "rows.jsonl": "jsonl"}


# --- dumps -------------------------------------------------------------------------------------------------

def test_jsonl_rows_are_documents_with_their_metadata_and_a_bad_line_is_named(tmp_path):
    p = write_jsonl(tmp_path / "news.jsonl", ROWS, bad_line='{"text": "broken')
    docs, unread = read(p)
    assert [d.id for d in docs] == ["wx-101", "eu-202"]
    d = docs[0]
    assert d.kind == "jsonl" and d.title == ARTICLES[0]["title"] and d.headline.text == ARTICLES[0]["title"]
    assert d.published == date(2022, 9, 26) and d.url == ARTICLES[0]["url"] and d.source == "Example News"
    assert d.place == "Miami" and d.dateline.text.startswith("MIAMI (AP)")
    check_offsets(d)
    assert [(u.status, u.where) for u in unread] == [("failed", f"{p} line 2")]
    assert "is not JSON" in unread[0].reason and "line 2" in unread[0].reason


def test_ids_come_from_the_id_field_else_the_url_else_the_text_and_are_stable(tmp_path):
    rows = [{"text": ARTICLES[0]["text"], "url": ARTICLES[0]["url"]}, {"text": ARTICLES[1]["text"]},
            {"text": ARTICLES[1]["text"], "article_id": "X-9"}]
    p = write_jsonl(tmp_path / "r.jsonl", rows)
    ids = [d.id for d in read(p)[0]]
    assert ids[0].startswith("news-example-com-2022-09-26-storm-florida-") and ids[1].startswith("text-")
    assert ids[2] == "X-9" and len(set(ids)) == 3
    assert ids == [d.id for d in read(p)[0]]  # the same input, the same ids
    assert [d.id for d in read(p, fields=Fields(id="url"))[0]][0] == ARTICLES[0]["url"]


def test_field_options_name_the_columns(tmp_path):
    rows = [{"story_body": a["text"], "hed": a["title"], "when": a["date"], "key": a["id"]} for a in ARTICLES]
    p = write_jsonl(tmp_path / "odd.jsonl", rows)
    docs, unread = read(p)
    assert not docs and len(unread) == 2 and "story_body, hed, when, key" in unread[0].reason
    assert "--text-field" in unread[0].reason and unread[0].status == "failed"
    docs, unread = read(p, fields=Fields(text="story_body", title="hed", date="when", id="key"))
    assert not unread and [(d.id, d.title, d.published) for d in docs] == [
        (a["id"], a["title"], date.fromisoformat(a["date"])) for a in ARTICLES]


def test_csv_and_tsv_find_the_usual_columns_and_keep_line_breaks(tmp_path):
    rows = [{"headline": a["title"], "body": a["text"], "date_publish": a["date"] + " 10:00:00"} for a in ARTICLES]
    for name, delim in (("n.csv", ","), ("n.tsv", "\t")):
        docs, unread = read(write_csv(tmp_path / name, rows, delim))
        assert not unread and [d.title for d in docs] == [a["title"] for a in ARTICLES]
        assert docs[0].kind == name[-3:] and "\n\n" in docs[0].text and docs[1].published == date(2022, 10, 5)
        check_offsets(docs[1])


def test_csv_without_a_text_column_says_which_columns_it_has(tmp_path):
    p = write_csv(tmp_path / "meta.csv", [{"title": "A", "url": "https://a.example/"}])
    docs, unread = read(p)
    assert not docs and unread[0].status == "failed"
    assert "meta.csv" in unread[0].reason and "its columns are: title, url" in unread[0].reason
    docs, unread = read(p, fields=Fields(text="title", date="published"))
    assert "no column 'published'" in unread[0].reason


def test_encodings_of_dump_lines(tmp_path):
    text = "Caf\u00e9 owners in Lyon said \u201cno\u201d to the plan on Monday."
    p = tmp_path / "cp.csv"
    p.write_bytes(("title,text\nCafes," + text + "\n").encode("cp1252"))
    assert read(p)[0][0].text.endswith(text)
    p = tmp_path / "wide.tsv"
    p.write_bytes(("title\ttext\nCafes\t" + text + "\n").encode("utf-16"))  # Excel's "Unicode text"
    assert read(p)[0][0].text.endswith(text)


def test_json_array_json_lines_named_json_and_one_object(tmp_path):
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps(ROWS), encoding="utf-8")
    assert [d.id for d in read(arr)[0]] == ["wx-101", "eu-202"]
    lines = write_jsonl(tmp_path / "lines.json", ROWS)
    assert [d.kind for d in read(lines)[0]] == ["json", "json"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(ROWS[1], indent=2), encoding="utf-8")
    assert [d.id for d in read(one)[0]] == ["eu-202"]
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(ROWS)[:-40], encoding="utf-8")  # breaks off inside the second item
    docs, unread = read(cut)
    assert [d.id for d in docs] == ["wx-101"] and "after item 1" in unread[0].reason


def test_parquet_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")  # the optional dependency kg[parquet]; installed with kg[dev]
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(ROWS), tmp_path / "n.parquet")
    docs, unread = read(tmp_path / "n.parquet")
    assert not unread and [(d.id, d.kind, d.url) for d in docs] == [(r["id"], "parquet", r["url"]) for r in ROWS]


def test_rows_without_text_are_skipped_and_bad_dates_noted(tmp_path):
    rows = [{"id": "1", "text": "  "}, {"id": "2", "text": ARTICLES[0]["text"], "date": "last week"}]
    docs, unread = read(write_jsonl(tmp_path / "r.jsonl", rows))
    assert [(u.status, "has no article text" in u.reason) for u in unread] == [("skipped", True)]
    assert docs[0].published is None and "read without a date" in docs[0].note


def test_dumps_are_streamed_not_read_whole(tmp_path):
    """Rows written after the first document was taken are read: the reader holds a line at a time."""
    for name, writer in (("s.jsonl", write_jsonl), ("s.csv", write_csv)):
        p = writer(tmp_path / name, ROWS[:1])
        it = read_inputs(collect_inputs([p]))
        assert next(it).id == "wx-101"
        with open(p, "a", encoding="utf-8") as f:
            f.write(json.dumps(ROWS[1]) + "\n" if name.endswith("jsonl") else
                    '"eu-202","t","' + ROWS[1]["text"].replace('"', '""') + '","2022-10-05","u","s"\n')
        assert len([d for d in it if isinstance(d, Document)]) == 1


def test_a_line_over_the_limit_is_passed_over_and_the_next_read(tmp_path):
    rows = [{"id": "big", "text": "word " * 5000}, ROWS[0]]
    docs, unread = read(write_jsonl(tmp_path / "big.jsonl", rows), max_bytes=10_000)
    assert [d.id for d in docs] == ["wx-101"]
    assert "line 1: is over the" in unread[0].reason and "--max-file-mb" in unread[0].reason


# --- pages, archives, feeds --------------------------------------------------------------------------------

def test_saved_page_gives_text_title_date_author_site_and_url(tmp_path):
    p = tmp_path / "storm.html"
    p.write_text(page(ARTICLES[0]), encoding="utf-8")
    (d,), unread = read(p)
    assert not unread and d.kind == "html"
    assert d.title == ARTICLES[0]["title"] and d.headline.text == d.title  # the page title, not a guess
    assert d.published == date(2022, 9, 26) and d.url == ARTICLES[0]["url"] and d.author == "Jane Roe"
    assert d.source == "Example News" and "Home" not in d.text and "Copyright" not in d.text
    assert "Governor Ron DeSantis" in d.text and d.id.startswith("news-example-com-2022-09-26-storm-florida")
    check_offsets(d)
    g = tmp_path / "nourl.htm.gz"
    g.write_bytes(gzip.compress(page(ARTICLES[1], canonical=False).encode("utf-8")))
    (d,), _ = read(g)
    assert d.id == "nourl" and d.url is None and d.title == ARTICLES[1]["title"]


def test_pages_without_article_text_and_broken_pages(tmp_path):
    (tmp_path / "index.html").write_text(page(ARTICLES[0], article=False), encoding="utf-8")
    (tmp_path / "login.html").write_text("<html><body><form><input name=u><input type=password></form>"
                                         "<p>Please log in to continue.</p></body></html>", encoding="utf-8")
    (tmp_path / "bin.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(page(ARTICLES[0]).encode())[:60])
    docs, unread = read(tmp_path)
    got = {u.where.rsplit("/", 1)[-1]: (u.status, u.reason) for u in unread}
    assert not docs and set(got) == {"index.html", "login.html", "bin.html", "cut.html.gz"}
    assert got["index.html"][0] == got["login.html"][0] == "skipped" and "no article text" in got["index.html"][1]
    assert got["bin.html"][0] == "failed" and "binary" in got["bin.html"][1]
    assert got["cut.html.gz"][0] == "failed" and "breaks off" in got["cut.html.gz"][1]


def test_warc_reads_html_responses_and_counts_the_rest(tmp_path):
    no_date = dict(ARTICLES[1])
    html = page(no_date).replace('<meta property="article:published_time" content="2022-10-05T10:00:00Z">', "")
    p = write_warc(tmp_path / "crawl.warc.gz", [(ARTICLES[0]["url"], page(ARTICLES[0])), (ARTICLES[1]["url"], html)])
    docs, unread = read(p)
    assert [(d.kind, d.url, d.title) for d in docs] == [("warc", a["url"], a["title"]) for a in ARTICLES]
    assert docs[0].published == date(2022, 9, 26)  # the page's own date
    assert docs[1].published == date(2022, 10, 7)  # none on the page: the record's WARC-Date
    assert {u.status for u in unread} == {"ignored"}
    reasons = sorted(u.reason.split(": ", 1)[1] for u in unread)
    assert reasons == ["non-HTML responses (image/png)", "request records (not pages)",
                       "request records (not pages)", "responses with status 301"]
    for d in docs:
        check_offsets(d)


def test_truncated_warc_keeps_the_records_before(tmp_path):
    p = write_warc(tmp_path / "c.warc.gz", [(a["url"], page(a)) for a in ARTICLES], extra=False)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) - 200])
    docs, unread = read(p)
    assert [d.url for d in docs] == [ARTICLES[0]["url"]]
    assert unread[-1].status == "failed" and "breaks off or is damaged at record 2" in unread[-1].reason


def test_feed_full_content_or_summary_noted(tmp_path):
    full = tmp_path / "full.rss"
    full.write_text(feed(ARTICLES), encoding="utf-8")
    docs, _ = read(full)
    assert [(d.kind, d.url, d.title, d.note) for d in docs] == [("feed", a["url"], a["title"], None) for a in ARTICLES]
    assert "weaken over land" in docs[0].text and docs[0].source == "Example Wire"
    assert docs[0].published == date(2022, 10, 5)
    check_offsets(docs[0])
    short = tmp_path / "short.xml"
    short.write_text(feed(ARTICLES, full=False), encoding="utf-8")
    docs, _ = read(short)
    assert "weaken over land" not in docs[0].text and "only a summary" in docs[0].note
    bad = tmp_path / "bad.rss"
    bad.write_text("this is not a feed at all", encoding="utf-8")
    docs, unread = read(bad)
    assert not docs and unread[0].status == "failed" and "is not an RSS or Atom feed" in unread[0].reason


def test_published_option_overrides_every_kind(tmp_path):
    write_jsonl(tmp_path / "r.jsonl", ROWS)
    (tmp_path / "p.html").write_text(page(ARTICLES[0]), encoding="utf-8")
    (tmp_path / "f.rss").write_text(feed(ARTICLES), encoding="utf-8")
    docs, _ = read(tmp_path, published=date(2000, 1, 1))
    assert len(docs) == 5 and {d.published for d in docs} == {date(2000, 1, 1)}


def test_a_2gb_file_is_refused_without_reading_it(tmp_path):
    for name in ("huge.html", "huge.txt", "huge.rss"):
        p = tmp_path / name
        with open(p, "wb") as f:
            f.truncate(2 * 2**30)  # a sparse file: its size says it all
        docs, unread = read(p)
        assert not docs and f"{name}: is 2048.0 MB, over the 10 MB limit" in unread[0].reason
        p.unlink()


def test_json_in_a_folder_is_a_dump_only_when_it_holds_articles(tmp_path):
    write_jsonl(tmp_path / "rows.json", ROWS)
    (tmp_path / "arr.json").write_text(json.dumps(ROWS), encoding="utf-8")
    (tmp_path / "a.expected.json").write_text(json.dumps({"entities": []}, indent=1), encoding="utf-8")
    (tmp_path / "meta.json").write_text(json.dumps({"title": "x", "url": "https://x.example/"}), encoding="utf-8")
    assert sorted(i.path.name for i in collect_inputs([tmp_path])) == ["arr.json", "rows.json"]
    docs, unread = read(tmp_path / "meta.json")  # named on the command line: read, and refused with a reason
    assert not docs and "its columns are: title, url" in unread[0].reason


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_pages_in_other_encodings(tmp_path, encoding):
    a = dict(ARTICLES[1], text=ARTICLES[1]["text"] + " At the Caf\u00e9 Fran\u00e7ais \u2014 \u201cquite late\u201d.")
    p = tmp_path / "page.html"
    p.write_bytes(page(a).replace('<meta charset="utf-8">', "").encode(encoding))  # no charset declared
    (d,), _ = read(p)
    assert d.text.endswith("At the Caf\u00e9 Fran\u00e7ais \u2014 \u201cquite late\u201d.")
