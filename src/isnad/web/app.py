"""The analyst's workbench: a web interface (and its JSON API) over the corpus store.

Server-rendered pages (Jinja2 with autoescaping) over :class:`isnad.store.Store`: the corpus
overview and search, one article with its entities, claims and events highlighted in the text,
the claim ledger, the event map and timeline, and claim verification. Every asset is served from
``static/`` (no CDN); every page sends a strict Content-Security-Policy (scripts only from this
server, no inline script or style). Article text is untrusted: it only ever reaches a page
through autoescaped templates or JSON read with ``textContent``.

The analysis pipeline and the stance model (about two seconds to load) are loaded on first use,
once per app, through the factories given to :func:`create_app`. Uploads (``POST /api/articles``)
are accepted only when the app is writable.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from isnad.corpus.selection import place_matches
from isnad.corpus.store import (
    ArticleRow,
    ClaimRow,
    EventRow,
    Filters,
    OutletRow,
    Store,
    StoredArticle,
)
from isnad.record import EVENT_STATUSES
from isnad.text.normalize import fold
from isnad.web.view import article_view, claim_chains, event_feature, node_dict, timeline

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
LABELS = HERE / "labels.json"
LANGS = ("en", "ar")
DEFAULT_MAX_UPLOAD = 5 * 2**20
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
UPLOAD_SUFFIX = {"text/plain": ".txt", "text/html": ".html", "application/xhtml+xml": ".html",
                 "application/json": ".json", "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl"}
UPLOAD_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl", ".ndjson"}
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
STATUSES = EVENT_STATUSES


# --- app state ---------------------------------------------------------------------------------

@dataclass
class Services:
    """The analysis services, each loaded on first use (thread-safe), once per app."""

    pipeline_factory: Callable[[], Any]
    classifier_factory: Callable[[], Any]
    lock: threading.Lock = field(default_factory=threading.Lock)
    # one upload stored at a time: ingest checks what is stored, then writes, and two uploads of
    # one text must not both pass the check; analysis itself is thread-safe and needs no lock
    writes: threading.Lock = field(default_factory=threading.Lock)
    loaded: dict[str, Any] = field(default_factory=dict)

    def _get(self, name: str, factory: Callable[[], Any]) -> Any:
        with self.lock:
            if name not in self.loaded:
                self.loaded[name] = factory()
            return self.loaded[name]

    def pipeline(self) -> Any:
        return self._get("pipeline", self.pipeline_factory)

    def classifier(self) -> Any:
        return self._get("classifier", self.classifier_factory)

    def registry(self) -> Any:
        from isnad.knowledge.sources import SourceRegistry

        return self._get("registry", SourceRegistry.load)


def _default_pipeline() -> Any:
    import isnad

    return isnad.load()


def _default_classifier() -> Any:
    from isnad.verify.stance import StanceClassifier

    return StanceClassifier.load()


def http_url(value: object) -> str | None:
    """The value if it is an http(s) URL with a host (fit for a link), else None."""
    if not isinstance(value, str):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def make_environment() -> Environment:
    """The template environment: autoescaping on for every template."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    return env


def load_labels() -> dict[str, dict[str, str]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))


# --- requests ----------------------------------------------------------------------------------

def language(request: Request) -> str:
    """The interface language: ``?lang=``, else the ``lang`` cookie, else English."""
    for value in (request.query_params.get("lang"), request.cookies.get("lang")):
        if value in LANGS:
            return value
    return "en"


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def filters_of(request: Request) -> Filters:
    """Store filters from the query string: actor, place, outlet, from, to."""
    q = request.query_params
    return Filters(actor=_clean(q.get("actor")), place=_clean(q.get("place")), outlet=_clean(q.get("outlet")),
                   date_from=_clean(q.get("from")), date_to=_clean(q.get("to")))


def _query(request: Request, **changes: str | None) -> str:
    """The current query string with some parameters changed (None: removed)."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: v for k, v in changes.items() if v is not None})
    return urlencode(params)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's language; ``?lang=`` also sets the language cookie."""
    state = request.app.state
    lang = language(request)
    labels = state.labels[lang]
    other = "en" if lang == "ar" else "ar"
    html = state.templates.get_template(template).render(
        request=request, lang=lang, dir="rtl" if lang == "ar" else "ltr", t=lambda key: labels.get(key, key),
        toggle_url="?" + _query(request, lang=other), writable=state.writable,
        path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def _article_meta(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Title, date, URL and outlet of articles, without unpacking their records."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, dict[str, Any]] = {}
    with store.sessions() as s:
        for i in range(0, len(wanted), 500):
            q = (select(ArticleRow.id, ArticleRow.title, ArticleRow.published, ArticleRow.url, ArticleRow.duplicate_of,
                        func.substr(ArticleRow.text, 1, 160).label("head"), OutletRow.name, OutletRow.name_en,
                        OutletRow.domain)
                 .outerjoin(OutletRow, OutletRow.id == ArticleRow.outlet_id).where(ArticleRow.id.in_(wanted[i:i + 500])))
            for r in s.execute(q):
                out[r.id] = {"id": r.id, "title": r.title, "snippet": _snippet(r.head), "published": r.published, "url": r.url,
                             "duplicate_of": r.duplicate_of, "outlet": r.name_en or r.name or r.domain}
    return out


def _snippet(head: str | None, size: int = 90) -> str | None:
    """The first line of an article's text, shortened: a label for an article without a title."""
    line = next((x.strip() for x in (head or "").splitlines() if x.strip()), "")
    return (line[:size].rsplit(" ", 1)[0] + " …" if len(line) > size else line) or None


def _listed(store: Store, request: Request, limit: int) -> list[str]:
    """Without a query: the latest articles, or those matching the filters."""
    filters = filters_of(request)
    if filters != Filters():
        return store.ids(filters)[:limit * 20]
    with store.sessions() as s:
        q = select(ArticleRow.id).order_by(ArticleRow.published.desc(), ArticleRow.id).limit(limit)
        return list(s.scalars(q))


def _outlets(store: Store) -> list[dict[str, Any]]:
    with store.sessions() as s:
        q = (select(OutletRow.domain, OutletRow.name, OutletRow.name_en, func.count(ArticleRow.id))
             .outerjoin(ArticleRow, ArticleRow.outlet_id == OutletRow.id).group_by(OutletRow.id)
             .order_by(func.count(ArticleRow.id).desc(), OutletRow.domain))
        return [{"domain": d, "name": n, "name_en": ne, "articles": c} for d, n, ne, c in s.execute(q)]


def _stored_or_404(store: Store, article_id: str) -> StoredArticle:
    stored = store.get(article_id) if len(article_id) <= 64 else None
    if stored is None:
        raise HTTPException(404, "no such article")
    return stored


# --- claims and events -------------------------------------------------------------------------

def claim_ledger(store: Store, request: Request, limit: int) -> dict[str, Any]:
    """Claims matching the request's filters, as chains per article (speaker filter on any link)."""
    rows = store.claim_rows(filters_of(request))
    speaker = _clean(request.query_params.get("speaker"))
    by_article: dict[str, list[ClaimRow]] = defaultdict(list)
    for r in rows:
        by_article[r.article_id].append(r)
    if speaker:
        wanted = fold(speaker)
        by_article = {a: rs for a, rs in by_article.items()
                      if any(wanted in fold(r.speaker or "") or wanted in fold(r.source_text or "") for r in rs)}
    kept = sorted(by_article)[:limit]
    meta = _article_meta(store, kept)
    articles = [{"meta": meta.get(a, {"id": a}), "chains": claim_chains(by_article[a], speaker)} for a in kept]
    total = sum(len(by_article[a]) for a in by_article)
    return {"articles": articles, "total": total, "shown_articles": len(kept), "all_articles": len(by_article)}


def _overlaps(row: EventRow, date_from: str | None, date_to: str | None) -> bool:
    start, end = row.date_start or row.date_end, row.date_end or row.date_start
    if date_from and (end is None or end < date_from):
        return False
    return not (date_to and (start is None or start > date_to))


def event_selection(store: Store, request: Request) -> list[EventRow]:
    """Events matching the request: the outlet, then the event's own place, dates, type, status, actor."""
    q = request.query_params
    base = filters_of(request)
    rows = store.event_rows(Filters(outlet=base.outlet))
    kind, status, actor = _clean(q.get("type")), _clean(q.get("status")), _clean(q.get("actor"))
    folded = fold(actor) if actor else None
    out = []
    for r in rows:
        if kind and r.event_type != kind or status and r.status != status:
            continue
        if not _overlaps(r, base.date_from, base.date_to):
            continue
        if base.place and not place_matches(base.place, r.pcode, r.place_name):
            continue
        if actor and actor not in (r.actor1_key, r.actor2_key) and folded not in (
                fold(r.actor1_name or ""), fold(r.actor2_name or "")):
            continue
        out.append(r)
    return out


# --- the app -----------------------------------------------------------------------------------

def _security_headers(response: Response) -> None:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"


def create_app(store: Store, *, writable: bool = False, max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               pipeline_factory: Callable[[], Any] | None = None,
               classifier_factory: Callable[[], Any] | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The workbench over ``store``; uploads only when ``writable``; analysis services loaded lazily.
    ``allowed_hosts`` restricts the Host header (against DNS rebinding when serving on loopback)."""
    app = FastAPI(title="isnad", version="1", docs_url=None, redoc_url=None,
                  description="The analyst's workbench over an isnad corpus: search, articles, claims, events, verification.")
    app.state.store = store
    app.state.writable = writable
    app.state.max_upload_bytes = max_upload_bytes
    app.state.services = Services(pipeline_factory or _default_pipeline, classifier_factory or _default_classifier)
    app.state.templates = make_environment()
    app.state.labels = load_labels()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        _security_headers(response)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith(("/api/", "/static/", "/openapi")) or exc.status_code != 404:
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return render(request, "error.html", status_code=404, title="404")

    _page_routes(app)
    _api_routes(app)
    _docs_routes(app)
    return app


def _page_routes(app: FastAPI) -> None:
    """The HTML pages."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request, q: str = "", limit: int = Query(50, ge=1, le=500)):
        store: Store = request.app.state.store
        query = q.strip()[:500]
        hits = store.search(query, limit=limit, filters=filters_of(request)) if query else []
        meta = _article_meta(store, [h.article_id for h in hits] if query else _listed(store, request, limit))
        ids = [h.article_id for h in hits] if query else sorted(meta, key=lambda i: (meta[i]["published"] or "", i), reverse=True)[:limit]
        return render(request, "overview.html", title="", stats=store.stats(), outlets=_outlets(store), q=query,
                      hits=hits, rows=[meta[i] for i in ids if i in meta], form=request.query_params)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str):
        store: Store = request.app.state.store
        stored = _stored_or_404(store, article_id)
        original = _article_meta(store, [stored.duplicate_of]).get(stored.duplicate_of) if stored.duplicate_of else None
        reprints = list(_article_meta(store, store.reprints(stored.id)).values())
        return render(request, "article.html", title=stored.record.title or stored.id, stored=stored,
                      view=article_view(stored.record), original=original, reprints=reprints)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims(request: Request, limit: int = Query(200, ge=1, le=5000)):
        ledger = claim_ledger(request.app.state.store, request, limit)
        return render(request, "claims.html", title="claims", ledger=ledger, form=request.query_params)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(request: Request):
        rows = event_selection(request.app.state.store, request)
        meta = _article_meta(request.app.state.store, [r.article_id for r in rows])
        return render(request, "events.html", title="events", rows=rows, meta=meta, bins=timeline(rows),
                      form=request.query_params, types=EVENT_TYPES, statuses=STATUSES,
                      api_url="/api/events?" + _query(request, lang=None, limit="50000"),
                      located=sum(1 for r in rows if r.lat is not None and r.lon is not None), table_limit=500)

    @app.get("/verify", response_class=HTMLResponse, include_in_schema=False)
    def verify_page(request: Request, claim: str = ""):
        claim = claim.strip()[:1000]
        report = _verify(request, claim) if claim else None
        meta = _article_meta(request.app.state.store, [f.article_id for f in report.findings]) if report else {}
        return render(request, "verify.html", title="verify", claim=claim, report=report, meta=meta,
                      form=request.query_params)


def _verify(request: Request, claim: str):
    from isnad.verify.verdict import verify

    services: Services = request.app.state.services
    pipeline, classifier = services.pipeline(), services.classifier()
    return verify(claim, request.app.state.store, pipeline, classifier, filters=filters_of(request))


def _api_routes(app: FastAPI) -> None:
    """The JSON API behind the pages."""

    @app.get("/api/stats", tags=["corpus"], summary="Counts of articles, reprints, outlets, claims, events; date range")
    def api_stats(request: Request) -> dict[str, Any]:
        store: Store = request.app.state.store
        return {**store.stats(), "outlets_list": _outlets(store)}

    @app.get("/api/search", tags=["corpus"], summary="Articles ranked by BM25 (filters: actor, place, outlet, from, to)")
    def api_search(request: Request, q: str = Query(..., max_length=500), limit: int = Query(20, ge=1, le=500),
                   actor: str | None = None, place: str | None = None, outlet: str | None = None,
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to")):
        store: Store = request.app.state.store
        hits = store.search(q, limit=limit, filters=filters_of(request))
        meta = _article_meta(store, [h.article_id for h in hits])
        return {"query": q, "hits": [{**meta.get(h.article_id, {"id": h.article_id}), "score": h.score,
                                      "matched": list(h.matched)} for h in hits]}

    @app.get("/api/articles/{article_id}", tags=["corpus"], summary="One stored article: its analysis record and reprints")
    def api_article(request: Request, article_id: str) -> dict[str, Any]:
        store: Store = request.app.state.store
        stored = _stored_or_404(store, article_id)
        outlet = stored.outlet
        return {"id": stored.id, "url": stored.url, "published": stored.published, "origin": stored.origin,
                "outlet": outlet.__dict__ if outlet else None, "duplicate_of": stored.duplicate_of,
                "similarity": stored.similarity, "reprints": store.reprints(stored.id), "record": stored.record.to_dict()}

    @app.get("/api/claims", tags=["claims"], summary="Claims as chains per article (filters: speaker, outlet, actor, place, dates)")
    def api_claims(request: Request, speaker: str | None = None, outlet: str | None = None, actor: str | None = None,
                   place: str | None = None, date_from: str | None = Query(None, alias="from"),
                   date_to: str | None = Query(None, alias="to"), limit: int = Query(200, ge=1, le=5000)):
        ledger = claim_ledger(request.app.state.store, request, limit)
        for a in ledger["articles"]:
            a["chains"] = [node_dict(n) for n in a["chains"]]
        return ledger

    @app.get("/api/events", tags=["events"], summary="Events with coordinates as GeoJSON (filters: from, to, type, status, actor, place, outlet)")
    def api_events(request: Request, type: str | None = None, status: str | None = None, actor: str | None = None,
                   place: str | None = None, outlet: str | None = None,
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to"),
                   limit: int = Query(5000, ge=1, le=50000), offset: int = Query(0, ge=0)):
        rows = event_selection(request.app.state.store, request)
        located = [r for r in rows if r.lat is not None and r.lon is not None]
        page = located[offset:offset + limit]
        meta = _article_meta(request.app.state.store, [r.article_id for r in page])
        return JSONResponse({"type": "FeatureCollection",
                             "features": [event_feature(r, meta.get(r.article_id, {})) for r in page],
                             "total": len(located), "offset": offset, "limit": limit,
                             "unlocated": len(rows) - len(located)},
                            media_type="application/geo+json")

    @app.get("/api/verify", tags=["verify"], summary="Verify a claim against the corpus: verdict, sources, chains, origins")
    def api_verify(request: Request, claim: str = Query(..., min_length=1, max_length=1000),
                   actor: str | None = None, place: str | None = None, outlet: str | None = None,
                   date_from: str | None = Query(None, alias="from"), date_to: str | None = Query(None, alias="to")):
        return _verify(request, claim.strip()).to_dict()

    @app.post("/api/articles", tags=["corpus"], status_code=201,
              summary="Upload an article (the raw text, HTML or JSON file as the request body); writable servers only",
              responses={403: {"description": "read-only server or cross-site request"},
                         413: {"description": "larger than the upload limit"},
                         415: {"description": "a form upload: send the file itself as the body"},
                         422: {"description": "nothing could be read or analysed"}})
    async def api_upload(request: Request, filename: str | None = Query(None, max_length=255)):
        state = request.app.state
        if not state.writable:
            raise HTTPException(403, "this server is read-only (start it with --writable)")
        _same_origin(request)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media.startswith("multipart/") or media == "application/x-www-form-urlencoded":
            raise HTTPException(415, "send the file itself as the request body, e.g. "
                                     "curl --data-binary @article.txt -H 'Content-Type: text/plain' URL")
        raw = await _read_limited(request, state.max_upload_bytes)
        name, suffix = _upload_name(filename, request.headers.get("content-type", ""))
        report = await run_in_threadpool(_ingest_upload, state, raw, name, suffix)
        if not report.added and report.errors:
            return JSONResponse(_report_json(report), status_code=422)
        return JSONResponse(_report_json(report), status_code=201 if report.added else 200)


def _same_origin(request: Request) -> None:
    """Refuse a browser's cross-site POST (an ``Origin`` that is not this server)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "cross-site upload refused")
    if origin == "null":
        raise HTTPException(403, "cross-site upload refused")


async def _read_limited(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is larger than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload larger than {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload larger than {limit} bytes")
        chunks.append(chunk)
    if not size:
        raise HTTPException(400, "empty upload")
    return b"".join(chunks)


def _upload_name(filename: str | None, content_type: str) -> tuple[str, str]:
    """A safe document name (a bare file name) and the suffix that tells how to read it."""
    base = PurePath((filename or "").replace("\\", "/")).name.strip()
    base = "".join(c for c in base if c.isprintable())[:120] or "upload"
    suffix = PurePath(base).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        suffix = UPLOAD_SUFFIX.get(content_type.split(";")[0].strip().lower(), "")
    return base, suffix


def _ingest_upload(state: Any, raw: bytes, name: str, suffix: str):
    """Decode, read, analyse and store an upload (in a worker thread)."""
    from isnad.corpus.ingest import IngestReport, ingest
    from isnad.text.inputs import InputError, decode, documents_from_text

    try:
        text = decode(raw, name)
    except InputError as exc:
        return IngestReport(errors=[str(exc)])
    stem = PurePath(name).stem or "upload"
    documents = list(documents_from_text(text, name, stem, suffix))
    services: Services = state.services
    pipeline, registry = services.pipeline(), services.registry()
    with services.writes:
        return ingest(state.store, documents, pipeline, registry)


def _report_json(report: Any) -> dict[str, Any]:
    return {"read": report.read, "added": report.added, "skipped": report.skipped, "reprints": report.reprints,
            "errors": report.errors, "links": [f"/articles/{a}" for a in report.added]}


def _docs_routes(app: FastAPI) -> None:
    """OpenAPI docs with the vendored Swagger UI (no CDN, no inline script)."""

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request):
        return render(request, "docs.html", title="API")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}


def run(db_url: str, host: str = "127.0.0.1", port: int = 8000, writable: bool = False,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> None:
    """Open the store at ``db_url`` and serve the workbench with uvicorn."""
    import uvicorn

    store = Store.open(db_url)
    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app(store, writable=writable, max_upload_bytes=max_upload_bytes,
                     allowed_hosts=["127.0.0.1", "localhost", "::1", "[::1]"] if loopback else None)
    try:
        uvicorn.run(app, host=host, port=port, proxy_headers=False, server_header=False)
    finally:
        store.close()


@contextmanager
def background_server(app: FastAPI, host: str = "127.0.0.1", port: int = 0, timeout: float = 15.0) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread (port 0: a free one); yields the base URL (tests, screenshots)."""
    import socket

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
