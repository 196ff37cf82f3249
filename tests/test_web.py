"""The web workbench (isnad.web): every page and API route through FastAPI's TestClient, escaping of
untrusted article text (XSS), security headers, path traversal, read-only and upload limits.

The corpus runs on SQLite and, when ``ISNAD_TEST_POSTGRES`` names a server, on PostgreSQL too."""

from __future__ import annotations

import json
import re
import warnings
from html.parser import HTMLParser

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx
    from fastapi.testclient import TestClient

from conftest import EXAMPLE, PG_URL, REQUIRE_PG, _reset_postgres

from isnad.corpus import dedup
from isnad.corpus.ingest import ingest
from isnad.text.inputs import documents_from_text
from isnad.analysis.pipeline import Pipeline
from isnad.record import Dateline
from isnad.knowledge.sources import SourceRegistry
from isnad.corpus.store import NewArticle, Store
from isnad.web.app import LABELS, STATIC, TEMPLATES, create_app, http_url
from isnad.web.view import marks, segments, timeline

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CLAIM = "شارك جند الأقصى في هجوم داعش على خناصر"
EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
QUOTE = '"><svg onload=alert(1)>'
XSS_TITLE = f"هجوم على خناصر {SCRIPT}"
XSS_AUTHOR = f"عمار {IMG}"
XSS_URL = "javascript:alert(document.cookie)"
XSS_TEXT = (f"{XSS_TITLE}\n"
            f"حلب – {IMG}:\n"
            f"قال مصدر عسكري إن {SCRIPT} تنظيم داعش هاجم مواقع قوات النظام في خناصر {IMG} {QUOTE} يوم الثلاثاء.\n"
            f"وأضاف المصدر أن جبهة النصرة لم تشارك في الهجوم <a href=\"javascript:alert(1)\">رابط</a>.\n")
PAYLOADS = (SCRIPT, IMG, QUOTE, "<svg onload", "<a href=\"javascript:", "<img src=x")


def _reprint_of_example() -> str:
    body = EXAMPLE_TEXT.split("\n", 1)[1]
    return "مصدر عسكري ينفي مشاركة جند الأقصى في معركة خناصر\n" + body + "\nشارك هذا الخبر على فيسبوك وتويتر\n"


def xss_article(pipeline: Pipeline) -> NewArticle:
    """An article whose text, title, dateline author and URL carry script payloads."""
    record = pipeline(XSS_TEXT, url=XSS_URL)
    record = record.model_copy(update={"title": XSS_TITLE, "url": XSS_URL,
                                       "dateline": Dateline(place="حلب", author=XSS_AUTHOR, credit="person")})
    return NewArticle(record=record, content_hash=dedup.content_hash(record.text))


def fill(store: Store, pipeline: Pipeline) -> dict[str, str]:
    """The test corpus: the example, a reprint of it, the XSS article; their ids."""
    docs = [*documents_from_text(EXAMPLE_TEXT, "khanasir.txt", "khanasir", ".txt"),
            *documents_from_text(_reprint_of_example(), "reprint.txt", "reprint", ".txt")]
    report = ingest(store, docs, pipeline, SourceRegistry.load())
    example, reprint = report.added
    xss = store.add_batch([xss_article(pipeline)]).added[0]
    return {"example": example, "reprint": reprint, "xss": xss}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(request, tmp_path_factory, pipeline):
    """A filled store on each database (PostgreSQL when ISNAD_TEST_POSTGRES names one), with its ids."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("web") / "corpus.db")
    else:
        if not PG_URL:
            if REQUIRE_PG:
                pytest.fail("ISNAD_REQUIRE_POSTGRES=1 but ISNAD_TEST_POSTGRES is not set")
            pytest.skip("no PostgreSQL server (ISNAD_TEST_POSTGRES)")
        _reset_postgres(PG_URL)
        url = PG_URL
    store = Store.open(url)
    ids = fill(store, pipeline)
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def calls(corpus) -> dict[str, int]:
    """How often the app loaded each service (one count per corpus, as each gets its own app)."""
    return {"pipeline": 0, "classifier": 0}


@pytest.fixture(scope="module")
def client(corpus, pipeline, classifier, calls):
    store, _ = corpus

    def make_pipeline():
        calls["pipeline"] += 1
        return pipeline

    def make_classifier():
        calls["classifier"] += 1
        return classifier

    app = create_app(store, pipeline_factory=make_pipeline, classifier_factory=make_classifier)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def ids(corpus) -> dict[str, str]:
    return corpus[1]


class Audit(HTMLParser):
    """What a browser would see in a page: inline scripts, event-handler attributes, script URLs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {k for k, _ in attrs}
        if tag == "script" and "src" not in names:
            self.problems.append("inline <script>")
        if tag in ("img", "iframe", "object", "embed", "style") or tag == "svg" and dict(attrs).get("class") != "timeline":
            self.problems.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on") or k == "style":
                self.problems.append(f"<{tag} {k}=>")
            if k in ("href", "src", "action", "formaction") and v and v.strip().lower().startswith(("javascript:", "data:")):
                self.problems.append(f"<{tag} {k}={v}>")


def _no_payload(html: str) -> None:
    for payload in PAYLOADS:
        assert payload not in html, payload
    problems = Audit(html).problems
    assert not problems, problems


# --- pages -------------------------------------------------------------------------------------

def test_overview_shows_counts_outlets_and_latest(client, ids):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="stats"' in r.text and "<b>3</b> articles" in r.text and "<b>1</b> reprints" in r.text
    assert "2016-02-25" in r.text
    assert f'href="/articles/{ids["example"]}"' in r.text


def test_overview_search(client, ids):
    r = client.get("/", params={"q": "جند الأقصى"})
    assert r.status_code == 200
    assert f'href="/articles/{ids["example"]}"' in r.text and "score" in r.text
    assert "No article matches." in client.get("/", params={"q": "زرافة"}).text


def test_search_api_with_filters(client, ids):
    hits = client.get("/api/search", params={"q": "خناصر"}).json()["hits"]
    assert {h["id"] for h in hits} >= {ids["example"], ids["xss"]}
    assert all(h["score"] > 0 and h["matched"] for h in hits)
    only = client.get("/api/search", params={"q": "خناصر", "actor": "jund_al_aqsa"}).json()["hits"]
    assert ids["xss"] not in {h["id"] for h in only} and ids["example"] in {h["id"] for h in only}
    assert client.get("/api/search", params={"q": "خناصر", "from": "2030-01-01"}).json()["hits"] == []
    assert client.get("/api/search").status_code == 422


def test_stats_api(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3 and stats["reprints"] == 1 and stats["claims"] >= 8
    assert stats["first"] == "2016-02-25"


def test_article_view_highlights_every_span_with_its_reason(client, ids):
    r = client.get(f"/articles/{ids['example']}")
    assert r.status_code == 200
    html = r.text
    assert 'dir="rtl"' in html and 'id="article-text"' in html
    for cls in ("ent ent-actor", "ent-place", "ent-person", "cl-cue", "cl-source", "cl-content st-deny", "ev-trigger"):
        assert cls in html, cls
    assert re.search(r'<span class="hl [^"]*cl-cue[^"]*" data-refs="c1[ "]', html)
    # the detail panel of c5 holds its chain (c4 → c5) and the rule that found it
    panel = html[html.index('id="detail-c5"'):html.index('id="detail-c6"')]
    assert "c4" in panel and "عبد اللطيف" in panel and "claims.c5" in panel and "speaker before the cue" in panel
    assert 'id="detail-v2"' in html and "events.v2" in html and 'id="detail-e1"' in html
    # the reprint is linked both ways
    assert f'href="/articles/{ids["reprint"]}"' in html
    reprint = client.get(f"/articles/{ids['reprint']}").text
    assert 'id="reprint-of"' in reprint and f'href="/articles/{ids["example"]}"' in reprint


def test_article_text_is_reassembled_exactly(corpus, ids):
    store, _ = corpus
    rec = store.get(ids["example"]).record
    segs = segments(rec.text, marks(rec))
    assert "".join(s.text for s in segs) == rec.text
    assert any("c5" in s.refs.split() and "cl-cue" in s.css for s in segs)


def test_article_api_and_404(client, ids):
    data = client.get(f"/api/articles/{ids['reprint']}").json()
    assert data["duplicate_of"] == ids["example"] and data["record"]["schema"] == "isnad.article/1"
    assert client.get(f"/api/articles/{ids['example']}").json()["reprints"] == [ids["reprint"]]
    assert client.get("/api/articles/a0000000000000000").status_code == 404
    missing = client.get("/articles/a0000000000000000")
    assert missing.status_code == 404 and "Not found" in missing.text


def test_claim_ledger_page_and_filters(client, ids):
    html = client.get("/claims").text
    assert "نفى" in html and "st-deny" in html and f'href="/articles/{ids["example"]}#c5"' in html
    # speaker filter: the chain holding عبد اللطيف (c4 → c5), c5 marked
    html = client.get("/claims", params={"speaker": "عبد اللطيف"}).text
    assert "#c4" in html and "#c5" in html and "matched" in html and "#c1\"" not in html
    assert "No claim matches." in client.get("/claims", params={"outlet": "nowhere.example"}).text


def test_claims_api(client, ids):
    data = client.get("/api/claims", params={"speaker": "عبد اللطيف"}).json()
    [article] = [a for a in data["articles"] if a["meta"]["id"] == ids["example"]]
    [root] = article["chains"]
    assert root["id"] == "c4" and root["children"][0]["id"] == "c5" and root["children"][0]["matched"]
    everything = client.get("/api/claims").json()
    assert everything["total"] >= 16
    only = client.get("/api/claims", params={"actor": "jund_al_aqsa"}).json()
    assert ids["xss"] not in {a["meta"]["id"] for a in only["articles"]}


def test_events_page_has_map_timeline_and_table(client):
    html = client.get("/events").text
    assert 'id="map"' in html and 'data-basemap-url="/static/basemap/syr_admin1.geojson"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/map.js" in html
    assert '<svg class="timeline"' in html and 'class="bar ev-reported"' in html
    assert "خناصر" in html and "C2169" in html
    assert "No event matches." in client.get("/events", params={"from": "2030-01-01"}).text


def test_events_geojson_and_filters(client, ids):
    r = client.get("/api/events")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    data = r.json()
    assert data["type"] == "FeatureCollection" and data["features"]
    khanasir = [f for f in data["features"] if f["properties"]["pcode"] == "C2169"]
    assert khanasir and all(f["geometry"]["type"] == "Point" for f in khanasir)
    lon, lat = khanasir[0]["geometry"]["coordinates"]
    assert 36 < lon < 38.5 and 35 < lat < 36.5
    denied = client.get("/api/events", params={"status": "denied"}).json()["features"]
    assert denied and all(f["properties"]["status"] == "denied" for f in denied)
    assert any(f["properties"]["actor1_key"] == "jund_al_aqsa" for f in denied)
    by_actor = client.get("/api/events", params={"actor": "jund_al_aqsa"}).json()["features"]
    assert by_actor and all("jund_al_aqsa" in (f["properties"]["actor1_key"], f["properties"]["actor2_key"])
                            for f in by_actor)
    strategic = client.get("/api/events", params={"type": "Strategic developments"}).json()["features"]
    assert all(f["properties"]["event_type"] == "Strategic developments" for f in strategic)
    dated = client.get("/api/events", params={"from": "2016-02-24", "to": "2016-02-24"}).json()["features"]
    assert dated and all(f["properties"]["date_start"] <= "2016-02-24" <= f["properties"]["date_end"] for f in dated)
    first, second = (client.get("/api/events", params={"limit": 2, "offset": o}).json() for o in (0, 2))
    assert first["total"] == second["total"] == len(data["features"]) and len(first["features"]) == 2
    assert first["features"] + second["features"] == data["features"][:4]


def test_verify_page_and_api(client, ids, calls):
    assert calls == {"pipeline": 0, "classifier": 0}  # nothing loaded before it is needed
    html = client.get("/verify").text
    assert 'id="verify-form"' in html and 'id="verdict"' not in html
    html = client.get("/verify", params={"claim": CLAIM}).text
    assert 'class="verdict verdict-denied"' in html and "DENIES" not in html
    assert 'class="testimony denies party"' in html and "مصدر عسكري" in html
    assert "the speaker&#39;s side is" in html and 'href="/articles/' in html
    assert "Where the story started" in html and "عبد اللطيف" in html
    report = client.get("/api/verify", params={"claim": CLAIM}).json()
    assert report["verdict"] == "denied" and report["earliest"] in (ids["example"], ids["reprint"])
    denials = [t for f in report["findings"] for t in f["testimonies"] if t["position"] == "denies"]
    assert denials and all(t["party"] for t in denials) and denials[0]["chain"][0]["cue"] == "نفى"
    assert calls == {"pipeline": 1, "classifier": 1}  # loaded once, on first use
    assert client.get("/api/verify").status_code == 422


def test_docs_are_served_offline(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/static/docs.js" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    spec = client.get("/openapi.json").json()
    for path in ("/api/stats", "/api/search", "/api/articles/{article_id}", "/api/claims", "/api/events",
                 "/api/verify", "/api/articles"):
        assert path in spec["paths"], path
    for asset in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css",
                  "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "app.css", "map.js", "article.js"):
        r = client.get(f"/static/{asset}")
        assert r.status_code == 200 and r.content, asset


def test_basemap_is_the_simplified_ocha_layer(client):
    data = client.get("/static/basemap/syr_admin1.geojson").json()
    assert len(data["features"]) == 14 and "OCHA" in data["attribution"]
    assert {f["properties"]["pcode"] for f in data["features"]} >= {"SY02", "SY07"}
    assert (STATIC / "basemap" / "syr_admin1.geojson").stat().st_size < 200_000


# --- language ----------------------------------------------------------------------------------

def test_arabic_interface_and_cookie(client):
    r = client.get("/", params={"lang": "ar"})
    assert '<html lang="ar" dir="rtl">' in r.text and "مدونة المقالات" in r.text
    assert "lang=ar" in r.headers.get("set-cookie", "")
    assert '<html lang="ar" dir="rtl">' in client.get("/claims", cookies={"lang": "ar"}).text
    english = client.get("/claims", params={"lang": "en"})
    assert '<html lang="en" dir="ltr">' in english.text
    assert '<html lang="en" dir="ltr">' in client.get("/", params={"lang": "xx"}, cookies={"lang": "en"}).text


def test_labels_cover_both_languages_and_every_template_key():
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    assert set(labels["en"]) == set(labels["ar"])
    used = set()
    for path in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(['"]([a-z0-9_.]+)['"]\)""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""['"]((?:filter|legend)\.[a-z_]+)['"]""", path.read_text(encoding="utf-8")))
    assert used and not used - set(labels["en"])
    for prefix, values in (("stance.", ("assert", "deny", "question")),
                           ("status.", ("reported", "denied", "negated", "predicted", "threatened")),
                           ("verdict.", ("supported", "denied", "disputed", "unverified")),
                           ("verify.", ("confirms", "denies")), ("legend.", ("actor", "person", "place"))):
        assert all(prefix + v in labels["en"] for v in values)


# --- security ----------------------------------------------------------------------------------

PAGES = ["/", "/claims", "/events", "/verify", "/docs"]


@pytest.mark.parametrize("path", PAGES + ["/api/stats", "/static/app.css", "/nope"])
def test_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_script_or_style(client, path):
    problems = Audit(client.get(path).text).problems
    assert not problems, problems


def test_xss_payloads_in_an_article_are_escaped(client, ids):
    html = client.get(f"/articles/{ids['xss']}").text
    _no_payload(html)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html  # shown as text, in the title and body
    assert "&lt;img src=x onerror=" in html  # the dateline author, escaped
    assert 'class="unsafe-url"' in html and "javascript:alert(document.cookie)" in html  # as text, not a link


@pytest.mark.parametrize("path", ["/", "/?q=خناصر", "/claims", "/events", "/verify?claim=هجوم داعش على خناصر"])
def test_xss_payloads_never_reach_a_page_unescaped(client, path):
    r = client.get(path)
    assert r.status_code == 200
    _no_payload(r.text)


@pytest.mark.parametrize("path", ["/api/claims", "/api/events", "/api/search?q=خناصر"])
def test_api_data_is_served_as_json_only(client, path):
    r = client.get(path)  # the payloads are data here: JSON, never sniffed as HTML
    assert r.headers["content-type"].split(";")[0] in ("application/json", "application/geo+json")
    assert r.headers["x-content-type-options"] == "nosniff"
    json.loads(r.text)


@pytest.mark.parametrize("name", ["q", "actor", "outlet"])
def test_reflected_query_parameters_are_escaped(client, name):
    html = client.get("/", params={name: QUOTE + SCRIPT}).text
    _no_payload(html)
    for path, param in (("/claims", "speaker"), ("/events", "actor"), ("/verify", "claim")):
        _no_payload(client.get(path, params={param: QUOTE + SCRIPT, "lang": "ar"}).text)


def test_json_api_is_json(client, ids):
    r = client.get(f"/api/articles/{ids['xss']}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["record"]["title"] == XSS_TITLE  # data kept as is, for clients to escape


def test_http_url():
    assert http_url("https://www.enabbaladi.net/archives/1") == "https://www.enabbaladi.net/archives/1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "//evil.example/x",
                "vbscript:x", "http://", None, 3):
        assert http_url(bad) is None, bad


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fstore.py", "/static/vendor/..%2f..%2fapp.py",
                                  "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/articles/..%2f..%2fapp.py",
                                  "/api/articles/..%2f..%2fetc%2fpasswd"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code in (400, 404), (path, r.status_code)
    assert "create_app" not in r.text and "root:" not in r.text


# --- uploads -----------------------------------------------------------------------------------

OTHER = ("التحالف: أقل من ألف مقاتل للتنظيم ما زالوا في العراق وسوريا\n"  # written for the tests
         "بيروت (رويترز) - أعلن التحالف الدولي بقيادة واشنطن يوم الأربعاء أن عدد مقاتلي تنظيم "
         "الدولة الإسلامية الباقين في العراق وسوريا تراجع إلى أقل من ألف مقاتل.\n")


def test_uploads_are_refused_when_read_only(client):
    r = client.post("/api/articles", content=OTHER.encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 403
    assert "upload-file" not in client.get("/").text


@pytest.fixture
def writable(tmp_path, pipeline):
    store = Store.open(str(tmp_path / "up.db"))
    app = create_app(store, writable=True, max_upload_bytes=4096, pipeline_factory=lambda: pipeline)
    with TestClient(app) as c:
        yield c, store
    store.close()


def test_upload_analyses_and_stores(writable):
    client, store = writable
    assert 'id="upload-file"' in client.get("/").text
    r = client.post("/api/articles", params={"filename": "../../etc/coalition.txt"}, content=OTHER.encode(),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 201, r.text
    [added] = r.json()["added"]
    assert store.get(added).origin == "coalition.txt"
    assert client.get(f"/articles/{added}").status_code == 200
    again = client.post("/api/articles", content=OTHER.encode(), headers={"content-type": "text/plain"})
    assert again.status_code == 200 and again.json()["skipped"] == 1
    page = json.dumps({"title": "تقرير", "text": "قال مصدر إن قوات النظام سيطرت على خناصر.", "url": "https://example.org/a"})
    r = client.post("/api/articles", content=page.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 201 and store.get(r.json()["added"][0]).url == "https://example.org/a"


def test_upload_size_limit(writable):
    client, store = writable
    big = ("خناصر " * 1000).encode()
    assert client.post("/api/articles", content=big, headers={"content-type": "text/plain"}).status_code == 413

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield big[:1000]

    assert client.post("/api/articles", content=chunks(), headers={"content-type": "text/plain"}).status_code == 413
    assert store.count() == 0


def test_upload_errors(writable):
    client, store = writable
    assert client.post("/api/articles", content=b"", headers={"content-type": "text/plain"}).status_code == 400
    r = client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["errors"]
    r = client.post("/api/articles", content=OTHER.encode(),
                    headers={"content-type": "text/plain", "origin": "https://evil.example"})
    assert r.status_code == 403 and store.count() == 0
    r = client.post("/api/articles", files={"file": ("a.txt", OTHER.encode(), "text/plain")})
    assert r.status_code == 415 and "data-binary" in r.json()["detail"]
    assert client.post("/api/articles", data={"file": "a.txt"}).status_code == 415
    assert store.count() == 0


def test_run_serves_the_store(tmp_path, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    from isnad.web.app import run

    run(str(tmp_path / "served.db"), host="127.0.0.1", port=8123, writable=True, max_upload_bytes=1000)
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    app = seen["app"]
    assert app.state.writable and app.state.max_upload_bytes == 1000
    with TestClient(app, base_url="http://127.0.0.1:8123") as c:
        assert c.get("/api/stats").json()["articles"] == 0
    with TestClient(app, base_url="http://rebound.example") as c:  # DNS rebinding: a foreign Host is refused
        assert c.get("/api/stats").status_code == 400


# --- view helpers ------------------------------------------------------------------------------

def test_timeline_bins_by_day_and_month():
    class Row:
        def __init__(self, start, status="reported"):
            self.date_start, self.date_end, self.status = start, start, status

    days = timeline([Row("2016-02-20"), Row("2016-02-22", "denied"), Row("2016-02-22"), Row(None)])
    assert [b.label for b in days["bins"]] == ["2016-02-20", "2016-02-21", "2016-02-22"]
    assert days["bins"][2].counts == {"denied": 1, "reported": 1} and days["undated"] == 1
    assert sum(h for _, _, h in days["bins"][2].stack) == pytest.approx(days["height"])
    months = timeline([Row("2015-01-03"), Row("2016-02-22")])
    assert months["monthly"] and months["bins"][0].label == "2015-01" and len(months["bins"]) == 14
    assert timeline([])["bins"] == []
    # a date cited from history does not stretch the timeline of a month's reports
    many = timeline([Row("1967-06-05")] + [Row(f"2016-02-{d:02d}") for d in range(1, 29)] * 3)
    assert many["outside"] == 1 and many["bins"][0].label == "2016-02-01" and not many["monthly"]
