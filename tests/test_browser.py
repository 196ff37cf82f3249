"""The workbench end to end in a real browser: Debian's Chromium, headless, driven by Playwright,
against a uvicorn server in a thread. Skipped when /usr/bin/chromium (or Playwright) is missing,
unless ISNAD_REQUIRE_BROWSER=1 makes that a failure. Playwright never downloads a browser here."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from test_web import CLAIM, EXAMPLE_TEXT, fill

from isnad.verify.stance import StanceClassifier
from isnad.corpus.store import Store
from isnad.web.app import background_server, create_app

CHROMIUM = Path(os.environ.get("ISNAD_CHROMIUM", "/usr/bin/chromium"))
REQUIRE = os.environ.get("ISNAD_REQUIRE_BROWSER") == "1"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRE:
            pytest.fail("ISNAD_REQUIRE_BROWSER=1 but playwright is not installed")
        pytest.skip("playwright is not installed")
    if not CHROMIUM.exists():
        if REQUIRE:
            pytest.fail(f"ISNAD_REQUIRE_BROWSER=1 but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _playwright()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(browser, tmp_path_factory, pipeline):
    """The server over a store with the example article (and its reprint, and the XSS article)."""
    store = Store.open(str(tmp_path_factory.mktemp("browser") / "corpus.db"))
    ids = fill(store, pipeline)
    app = create_app(store, pipeline_factory=lambda: pipeline, classifier_factory=StanceClassifier.load)
    with background_server(app) as url:
        yield url, ids
    store.close()


@pytest.fixture
def page(browser, site):
    """A fresh page that may only talk to the server: any other request fails the test, as do
    dialogs, page errors and Content-Security-Policy violations."""
    base, _ = site
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    p = context.new_page()
    trouble: list[str] = []
    host = urlsplit(base).netloc

    def route(r):
        if urlsplit(r.request.url).netloc == host:
            r.continue_()
        else:
            trouble.append(f"outside request: {r.request.url}")
            r.abort()

    p.route("**/*", route)
    p.on("dialog", lambda d: (trouble.append(f"dialog: {d.message}"), d.dismiss()))
    p.on("pageerror", lambda e: trouble.append(f"page error: {e}"))
    p.on("console", lambda m: trouble.append(f"console: {m.text}")
         if m.type == "error" or "Content Security Policy" in m.text else None)
    p.trouble = trouble
    yield p
    context.close()
    assert not trouble, trouble


def test_article_claim_click_shows_its_chain(page, site):
    base, ids = site
    page.goto(f"{base}/articles/{ids['example']}")
    page.click("#claim-c5")
    panel = page.locator("#detail-c5")
    panel.wait_for(state="visible")
    chain = panel.locator("ol.chain-links li")
    assert chain.count() == 2
    assert "c4" in chain.nth(0).inner_text() and "عبد اللطيف" in chain.nth(1).inner_text()
    assert "speaker before the cue" in panel.inner_text()
    assert page.locator("#article-text .hl.selected").count() >= 3  # its cue, source and content
    # clicking a highlighted word in the text shows what it is and why
    page.locator("#article-text .hl.cl-cue[data-refs^='c1']").first.click()
    assert page.locator("#detail-c1").is_visible() and not page.locator("#detail-c5").is_visible()
    assert "نفى" in page.locator("#detail-c1").inner_text()
    # the reprint is linked
    page.click(f"#reprints a[href='/articles/{ids['reprint']}']")
    page.wait_for_url(f"**/articles/{ids['reprint']}")
    assert page.locator("#reprint-of").is_visible()


def test_khanasir_event_on_the_map(page, site):
    base, _ = site
    page.goto(f"{base}/events")
    page.wait_for_selector("#map[data-loaded]")
    assert int(page.get_attribute("#map", "data-loaded")) > 0
    assert page.locator("#map path.leaflet-interactive").count() > 0  # events drawn over …
    assert page.locator("#map .gov-label").count() == 14  # … the governorate base map
    marker = page.locator("#map path.event-marker").first
    marker.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "خناصر" in popup.inner_text()
    assert page.locator("#timeline rect.bar").count() > 0


def test_verify_shows_the_denial(page, site):
    base, _ = site
    page.goto(f"{base}/verify")
    page.fill("#claim", CLAIM)
    page.click("#verify-form button[type=submit]")
    page.wait_for_selector("#verdict")
    assert "DENIED" in page.locator("#verdict .verdict-label").inner_text().upper()
    denial = page.locator(".testimony.denies.party").first
    assert "مصدر عسكري" in denial.inner_text() and "نفى" in denial.inner_text()


def test_no_script_runs_from_article_text(page, site):
    base, ids = site
    for path in (f"/articles/{ids['xss']}", "/claims", "/events", "/?q=" + quote("خناصر"),
                 "/?q=" + quote('"><img src=x onerror="window.__xss=1">')):
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img[src='x'], svg[onload], script:not([src])").count() == 0, path
    page.goto(f"{base}/articles/{ids['xss']}")
    assert "<script>" in page.locator("#title").inner_text()  # shown as text
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(f"{base}/events")
    page.wait_for_selector("#map[data-loaded]")
    for i in range(page.locator("#map path.event-marker").count()):
        page.locator("#map path.event-marker").nth(i).click(force=True)
    assert page.evaluate("window.__xss") is None


def test_arabic_toggle_and_offline_docs(page, site):
    base, _ = site
    page.goto(base + "/")
    page.click("#lang-toggle")
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "dir") == "rtl" and "مدونة المقالات" in page.inner_text("h1")
    page.goto(base + "/claims")
    assert page.get_attribute("html", "dir") == "rtl"  # the cookie keeps the choice
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=10_000)
    assert page.locator(".swagger-ui .opblock").count() >= 7


def test_upload_from_the_overview(page, pipeline, tmp_path):
    store = Store.open(str(tmp_path / "upload.db"))
    app = create_app(store, writable=True, pipeline_factory=lambda: pipeline)
    with background_server(app) as base:
        def route(r):  # this server too, still nothing outside
            if urlsplit(r.request.url).netloc == urlsplit(base).netloc:
                r.continue_()
            else:
                page.trouble.append(f"outside request: {r.request.url}")
                r.abort()

        page.route("**/*", route)
        page.goto(base + "/")
        page.set_input_files("#upload-file", files=[{"name": "khanasir.txt", "mimeType": "text/plain",
                                                     "buffer": EXAMPLE_TEXT.encode("utf-8")}])
        page.click("#upload button[type=submit]")
        link = page.locator("#upload-result a")
        link.wait_for(timeout=15_000)
        assert "201: 1 added" in page.inner_text("#upload-result")
        link.click()
        page.wait_for_selector("#article-text")
        assert "خناصر" in page.inner_text("#title")
    store.close()
