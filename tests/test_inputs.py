"""Reading inputs: encodings, HTML, JSON/JSONL, and clear errors for bad input."""

import json
from pathlib import Path

import pytest

from conftest import SHARED
from isnad.text.inputs import (
    Document,
    GoldStance,
    InputError,
    decode,
    is_feed,
    is_warc,
    read_documents,
)

ARTICLE = "حلب – عمار البكور:\nنفى مصدر عسكري أي مشاركة لجند الأقصى في الهجوم."


def docs(*paths, **kw):
    return list(read_documents([str(p) for p in paths], **kw))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859_6"])
def test_encodings_are_detected(encoding):
    text = "نفى مصدر عسكري أي مشاركة لجند الأقصى"
    assert decode(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("raw,message", [
    (b"", "empty input"),
    (b"   \n\n ", "empty input"),
    (b"%PDF-1.4\n...", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"abc\x00\x01\x02def", "binary data"),
    (bytes(range(0x80, 0x100)) * 4, "undecodable"),
])
def test_bad_bytes_get_a_clear_error(raw, message):
    with pytest.raises(InputError) as err:
        decode(raw, "bad.txt")
    assert message in str(err.value) and str(err.value).startswith("bad.txt: ")


def test_a_batch_goes_past_bad_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "big.txt").write_bytes(b"a" * (20 * 1024 * 1024))
    (tmp_path / "latin1.txt").write_bytes("façade, naïve".encode("latin-1") + bytes(range(0x80, 0xA0)))
    (tmp_path / "broken.json").write_text('{"text": "نص", ', encoding="utf-8")
    (tmp_path / "broken.html").write_text("<html><body><div><script>x()</script></div>", encoding="utf-8")
    items = docs(tmp_path)
    errors = {type(i).__name__ + ":" + i.name.split("/")[-1] for i in items}
    assert "Document:good.txt" in errors
    failures = {i.name.split("/")[-1]: i.message for i in items if isinstance(i, InputError)}
    assert set(failures) == {"empty.txt", "binary.txt", "big.txt", "latin1.txt", "broken.json", "broken.html"}
    assert "too large" in failures["big.txt"] and "20.0 MB" in failures["big.txt"]
    assert "malformed JSON" in failures["broken.json"]
    assert "no article text" in failures["broken.html"]


def test_html_article_and_meta_date(tmp_path):
    page = tmp_path / "page.html"
    body = "".join(f"<p>{ARTICLE.splitlines()[1]} الفقرة {i}.</p>" for i in range(6))
    page.write_text(
        "<html><head><title>نفي المشاركة</title>"
        '<meta property="article:published_time" content="2016-02-25T09:00:00+02:00"></head>'
        f"<body><nav>الرئيسية</nav><article><h1>نفي المشاركة</h1>{body}</article></body></html>",
        encoding="utf-8")
    (doc,) = docs(page)
    assert doc.kind == "html" and "نفى مصدر عسكري" in doc.text and "الرئيسية" not in doc.text
    assert doc.published.startswith("2016-02-25") and "article:published_time" in doc.published_from


def test_truncated_html_still_gives_text(tmp_path):
    page = tmp_path / "cut.html"
    page.write_text("<html><body><p>نفى مصدر عسكري أي مشاركة لجند الأقصى في الهجوم على البلدة<p>وأضاف",
                    encoding="utf-8")
    (doc,) = docs(page)
    assert "نفى مصدر عسكري" in doc.text


def test_json_and_jsonl(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "عنوان", "text": ARTICLE, "date": "2016-02-25", "url": "https://x.org/1"},
                              ensure_ascii=False), encoding="utf-8")
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join([json.dumps({"id": "a1", "text": ARTICLE}, ensure_ascii=False), "{broken",
                               json.dumps({"title": "بلا نص"}, ensure_ascii=False),
                               json.dumps({"body": ARTICLE}, ensure_ascii=False)]), encoding="utf-8")
    items = docs(one, many)
    assert [getattr(i, "id", None) for i in items] == ["one", "a1", None, None, "many-4"]
    assert items[0].title == "عنوان" and items[0].published == "2016-02-25" and items[0].url == "https://x.org/1"
    assert isinstance(items[2], InputError) and items[2].name.endswith("many.jsonl:2")
    assert isinstance(items[3], InputError) and "no article text" in items[3].message


def test_missing_paths_and_globs(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    items = docs(tmp_path / "nope.txt", str(tmp_path / "*.txt"), str(tmp_path / "*.xyz"))
    assert isinstance(items[0], InputError) and "no such file" in items[0].message
    assert items[1].id == "a"
    assert isinstance(items[2], InputError) and "no file matches" in items[2].message


def test_stdin(tmp_path):
    import io
    (doc,) = docs("-", stdin=io.BytesIO(ARTICLE.encode("cp1256")))
    assert doc.text == ARTICLE and doc.name == "-"


# --- feeds, web archives, stance-corpus files ---------------------------------------------------

INGEST = Path(__file__).parent / "fixtures" / "ingest"
BALY = SHARED / "data" / "baly2018" / "claims"


def by_name(items):
    return {i.name.split("/")[-1]: i for i in items}


@pytest.mark.parametrize("name,title,published,url,start", [
    ("enab-feed.rss#1", "قصف مدفعي على ريف إدلب الجنوبي", "2017-11-21",  # 01:30 +0300 is still the 21st there
     "https://www.enabbaladi.net/archives/123456", "إدلب – عنب بلدي\nقصفت قوات النظام"),
    ("enab-feed.rss#2", "الدفاع المدني يخمد حريقاً في مخيم أطمة", "2017-11-20",
     "https://www.enabbaladi.net/archives/123457", "أخمدت فرق الدفاع المدني"),
    ("smart-atom.xml#1", "قوات النظام تسيطر على قرية في ريف حماة الشمالي الشرقي", "2018-01-21",
     "https://smartnews-agency.com/ar/wires/244302", "حماة (سمارت) - سيطرت"),
])
def test_feed_entries(name, title, published, url, start):
    doc = by_name(docs(INGEST / "enab-feed.rss", INGEST / "smart-atom.xml"))[name]
    assert isinstance(doc, Document) and doc.title == title and doc.published == published
    assert doc.url == url and doc.text.startswith(start) and "<p>" not in doc.text and doc.id is None
    assert doc.published_from.startswith("feed entry")


@pytest.mark.parametrize("name,message", [
    ("enab-feed.rss#3", "feed entry without text"),
    ("smart-atom.xml#2", "feed entry without text"),
    ("cut.rss", "malformed"),
    ("not-a-feed.xml", "not an RSS or Atom feed"),
])
def test_feed_failures_are_named(name, message):
    items = by_name(docs(*(INGEST / f for f in ("enab-feed.rss", "smart-atom.xml", "cut.rss", "not-a-feed.xml"))))
    assert isinstance(items[name], InputError) and message in items[name].message


def test_feed_is_sniffed_without_suffix(tmp_path):
    raw = (INGEST / "smart-atom.xml").read_bytes()
    (tmp_path / "wires").write_bytes(raw)
    assert is_feed(raw) and not is_feed(b"<html><body>")
    (doc, err) = docs(tmp_path / "wires")
    assert doc.name.endswith("wires#1") and isinstance(err, InputError)


ARTICLE_HTML = ("<p>نفى مصدر عسكري أي مشاركة لجند الأقصى وجبهة النصرة في هجوم تنظيم داعش على مواقع قوات النظام "
                "في بلدة خناصر بريف حلب الجنوبي.</p><p>وأضاف المصدر أن الهجوم بدأ قبل أسبوع تقريباً من جهة أثريا.</p>")


def page(title, date=None):
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"<html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{ARTICLE_HTML}</article></body></html>"


# (url, HTTP status, content type, payload): what a crawler stores for one fetch
CRAWL = [
    ("https://www.enabbaladi.net/archives/1", "200 OK", "text/html; charset=utf-8",
     page("خبر أول", "2016-02-25T09:00:00+02:00").encode()),
    ("https://www.enabbaladi.net/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n...."),
    ("https://www.enabbaladi.net/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("http://www.alquds.co.uk/?p=2", "200 OK", "text/html; charset=windows-1256", page("خبر ثان").encode("cp1256")),
    ("https://www.enabbaladi.net/empty", "200 OK", "text/html", b"<html><body><script>x()</script></body></html>"),
    ("https://example.org/a.txt", "200 OK", "text/plain", "نص عادي عن قصف حلب".encode()),
]


def write_warc(path, records=CRAWL, date="2017-11-22T08:00:00Z"):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "isnad tests"}))
        for url, status, content_type, body in records:
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                          warc_headers_dict={"WARC-Date": date}))
    return path


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_warc_responses(tmp_path, suffix):
    items = docs(write_warc(tmp_path / f"crawl{suffix}"))
    assert [i.name.split("#", 1)[1] for i in items] == [
        "https://www.enabbaladi.net/archives/1", "http://www.alquds.co.uk/?p=2",
        "https://www.enabbaladi.net/empty", "https://example.org/a.txt"]
    first, second, empty, plain = items
    assert first.kind == "html" and "نفى مصدر عسكري" in first.text and first.url.endswith("/archives/1")
    assert first.published.startswith("2016-02-25") and "article:published_time" in first.published_from
    assert second.text.startswith("خبر ثان") and (second.published, second.published_from) == ("2017-11-22", "warc-date")
    assert isinstance(empty, InputError) and "no article text" in empty.message
    assert plain.kind == "text" and plain.text == "نص عادي عن قصف حلب" and plain.id is None


def record_spans(path):
    """(offset, length) of each record of an archive, as warcio reads them."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        archive = ArchiveIterator(fh)
        return [(archive.get_record_offset(), archive.get_record_length()) for _ in archive]


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
@pytest.mark.parametrize("record,read", [
    (0, []),                                           # inside the warcinfo record
    (2, []),                                           # inside the first page
    (4, ["https://www.enabbaladi.net/archives/1"]),    # inside the image
    (8, ["https://www.enabbaladi.net/archives/1"]),    # inside the second page
])
def test_truncated_warc_gives_what_was_read_and_an_error(tmp_path, suffix, record, read):
    full = write_warc(tmp_path / f"full{suffix}")
    offset, length = record_spans(full)[record]
    cut = tmp_path / f"cut{suffix}"
    cut.write_bytes(full.read_bytes()[:offset + length // 2])
    *docs_read, error = docs(cut)
    assert [d.name.split("#", 1)[1] for d in docs_read] == read
    assert isinstance(error, InputError) and error.name == str(cut) and "truncated" in error.message


def test_warc_limits(tmp_path):
    crawl = write_warc(tmp_path / "crawl.warc")
    items = docs(crawl, max_bytes=200)  # the archive is larger than max_bytes, each page too
    assert all(isinstance(i, InputError) and "record too large" in i.message for i in items[:2])
    (too_large,) = docs(crawl, max_bytes=20)  # over 100 × max_bytes
    assert isinstance(too_large, InputError) and "archive too large" in too_large.message


def test_warc_sniffed_from_stdin(tmp_path):
    import io
    raw = write_warc(tmp_path / "crawl.warc.gz").read_bytes()
    assert is_warc(raw) and not is_warc(b"\x1f\x8b\x08\x00garbage")
    items = docs("-", stdin=io.BytesIO(raw))
    assert items[0].name == "-#https://www.enabbaladi.net/archives/1"


def test_broken_warc(tmp_path):
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nxyz")
    (err,) = docs(bad)
    assert isinstance(err, InputError) and err.name == str(bad)
    (tmp_path / "notwarc.warc.gz").write_bytes(b"this is not an archive")
    (err,) = docs(tmp_path / "notwarc.warc.gz")
    assert isinstance(err, InputError) and "not a WARC archive" in err.message


def test_folder_finds_feeds_and_archives(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "feed.rss").write_bytes((INGEST / "enab-feed.rss").read_bytes())
    (tmp_path / "atom.xml").write_bytes((INGEST / "smart-atom.xml").read_bytes())
    (tmp_path / "other.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://x.org/</loc></url></urlset>')
    names = {i.name.split("#")[0].split("/")[-1] for i in docs(tmp_path)}
    assert names == {"crawl.warc.gz", "feed.rss", "atom.xml"}


@pytest.mark.parametrize("index,doc_id,stance,rationale,url_start", [
    (0, "R-10-0", "agree", (0, 1), "https://www.swissinfo.ch/ara/reuters/"),
    (1, "R-10-1", "unrelated", (), "http://www.enabbaladi.net/"),
    (3, "R-10-3", "discuss", (1,), "https://arabic.sputniknews.com/"),
])
def test_baly_claim_file(index, doc_id, stance, rationale, url_start):
    items = by_name(docs(INGEST / "baly-sample.json"))
    doc = items[f"baly-sample.json#{index}"]
    assert doc.id == doc_id and doc.url.startswith(url_start) and doc.kind == "json"
    assert doc.gold == GoldStance(claim_id="R-10", claim=doc.gold.claim, fact=True, stance=stance, rationale=rationale)
    assert doc.gold.claim.startswith("قال التحالف الدولي")
    assert isinstance(items["baly-sample.json#2"], InputError)


def test_baly_bad_annotation(tmp_path):
    bad = tmp_path / "R-1.json"
    bad.write_text(json.dumps({"claim": "ادعاء", "fact": "false", "article": ["نص", "نص آخر"], "url": ["u"],
                               "stance": ["maybe", "agree"], "rationale": ["x", ""]}, ensure_ascii=False))
    first, second, lengths = docs(bad)
    assert isinstance(first, InputError) and "unknown stance" in first.message
    assert second.id == "R-1-1" and second.url is None and second.gold.fact is False
    assert isinstance(lengths, InputError) and "2 articles but 1 urls" in lengths.message


@pytest.mark.skipif(not BALY.is_dir(), reason="needs ../shared/data/baly2018")
def test_whole_baly_corpus_reads():
    items = docs(BALY)
    assert not [i for i in items if isinstance(i, InputError)]
    assert len(items) == 2429 and len({i.id for i in items}) == 2429
    assert sum(i.gold.stance == "agree" for i in items) == 364
