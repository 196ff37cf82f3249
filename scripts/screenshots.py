"""Screenshots of the workbench's main pages for the README (docs/workbench-*.png).

Builds a corpus in a temporary SQLite file (the example article, a reprint of it, and a few Baly
et al. claim files from ../shared/data when present; or use --db for an existing store), serves
it in a thread and drives Debian's Chromium headless through Playwright, as tests/test_browser.py
does.

    python scripts/screenshots.py [--db URL] [--out docs] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from urllib.parse import quote

from isnad.corpus.ingest import ingest, ingest_paths
from isnad.text.inputs import documents_from_text
import isnad
from isnad.analysis.pipeline import Pipeline
from isnad.knowledge.sources import SourceRegistry
from isnad.corpus.store import Store
from isnad.web.app import background_server, create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "khanasir-2016-02-25.txt"
BALY = ROOT.parent / "shared" / "data" / "baly2018" / "claims"
BALY_FILES = ("V-275.json", "V-641.json", "R-147.json", "R-117.json", "V-44.json")
CLAIM = "شارك جند الأقصى في هجوم داعش على خناصر"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_corpus(store: Store, pipeline: Pipeline) -> str:
    """Fill an empty store; the id of the example article."""
    text = EXAMPLE.read_text(encoding="utf-8")
    reprint = "مصدر عسكري ينفي مشاركة جند الأقصى في معركة خناصر\n" + text.split("\n", 1)[1]
    docs = [*documents_from_text(text, EXAMPLE.name, EXAMPLE.stem, ".txt"),
            *documents_from_text(reprint, "reprint.txt", "reprint", ".txt")]
    example = ingest(store, docs, pipeline, SourceRegistry.load()).added[0]
    extra = [str(BALY / name) for name in BALY_FILES if (BALY / name).exists()]
    if extra:
        ingest_paths(store, extra, pipeline)
    return example


def shoot(base: str, example: str, out: Path, chromium: str) -> list[Path]:
    """Open each page and save a screenshot; the files written."""
    from playwright.sync_api import sync_playwright

    shots: list[Path] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 950}, device_scale_factor=1)

        def save(name: str) -> None:
            path = out / f"workbench-{name}.png"
            page.screenshot(path=str(path))
            shots.append(path)

        page.goto(f"{base}/?q={quote('خناصر')}")
        save("overview")
        page.goto(f"{base}/articles/{example}")
        page.click("#claim-c5")
        page.locator("#detail-c5").wait_for(state="visible")
        save("article")
        page.goto(f"{base}/claims?speaker={quote('المصدر')}")
        save("claims")
        page.set_viewport_size({"width": 1400, "height": 1250})
        page.goto(f"{base}/events")
        page.wait_for_selector("#map[data-loaded]")
        page.wait_for_timeout(300)
        save("events")
        page.set_viewport_size({"width": 1400, "height": 950})
        page.goto(f"{base}/verify?claim={quote(CLAIM)}&from=2016-02-01&to=2016-03-31")
        page.wait_for_selector("#verdict")
        save("verify")
        page.goto(f"{base}/articles/{example}?lang=ar")
        page.click("#event-v2")
        page.evaluate("window.scrollTo(0, 0)")
        save("article-ar")
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="an existing store (default: a temporary one built here)")
    parser.add_argument("--example-id", help="with --db: the article to show (default: the first stored)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db or str(Path(tmp) / "corpus.db"))
        pipeline = isnad.load()
        example = args.example_id or (store.ids()[0] if args.db else build_corpus(store, pipeline))
        app = create_app(store, pipeline_factory=lambda: pipeline)
        with background_server(app) as base:
            for path in shoot(base, example, args.out, args.chromium):
                print(path)
        store.close()


if __name__ == "__main__":
    main()
