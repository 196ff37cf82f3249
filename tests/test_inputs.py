"""Reading inputs: encodings, HTML, JSON/JSONL, and clear errors for bad input."""

import json

import pytest

from isnad.inputs import InputError, decode, read_documents

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
