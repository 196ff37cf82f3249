"""Article text and metadata from an HTML page, offline.

The main text comes from trafilatura; when it finds none (short or odd pages) the visible text of
the body is used. The publication date is taken from explicit metadata first (Open Graph /
article:published_time, itemprop datePublished, JSON-LD, Dublin Core, <time datetime>), then from
trafilatura's own date detection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

_META_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
)
_JSONLD_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage"}


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    url: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _parse(html: str):
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _meta_date(tree) -> tuple[str, str] | None:
    """(date string, where it came from) from explicit page metadata."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _META_DATE_KEYS and meta.get("content"):
            return meta.get("content").strip(), f"HTML meta {key}"
    for node in tree.xpath("//*[@itemprop='datePublished']"):
        value = node.get("content") or node.get("datetime") or (node.text or "").strip()
        if value:
            return value, "HTML itemprop datePublished"
    for script in tree.xpath("//script[@type='application/ld+json']"):
        found = _jsonld_date(script.text or "")
        if found:
            return found, "HTML JSON-LD datePublished"
    for node in tree.xpath("//time[@datetime]"):
        return node.get("datetime"), "HTML <time datetime>"
    return None


def _jsonld_date(raw: str) -> str | None:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return None
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    for item in items:
        if not isinstance(item, dict):
            continue
        kinds = item.get("@type")
        kinds = {k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}
        if kinds & _JSONLD_TYPES and isinstance(item.get("datePublished"), str):
            return item["datePublished"]
    return None


def _visible_text(tree) -> str:
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    blocks = [" ".join(t.split()) for t in root.itertext()]
    return "\n".join(b for b in blocks if b)


def extract(html: str, url: str | None = None) -> Page:
    """The main text, title, date and URL of a page."""
    notes: list[str] = []
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False)
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    title = getattr(result, "title", None) if result is not None else None
    page_url = getattr(result, "url", None) if result is not None else None
    tree = _parse(html)
    meta = _meta_date(tree) if tree is not None else None
    if not text and tree is not None:
        text = _visible_text(tree)
        if text:
            notes.append("trafilatura found no main text; used the page's visible text")
    if meta:
        published, published_from = meta
    elif result is not None and getattr(result, "date", None):
        published, published_from = result.date, "trafilatura date detection"
    else:
        published = published_from = None
    return Page(text=text, title=title, published=published, published_from=published_from,
                url=page_url or url, notes=tuple(notes))
