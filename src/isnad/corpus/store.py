"""The corpus store: analysed articles, their entities, claims and events, in SQL.

SQLAlchemy 2 over SQLite (the embedded default: WAL journal, an FTS5 index of search terms) or
PostgreSQL by URL (a ``tsvector`` column with a GIN index); one schema, created and upgraded by the
Alembic migrations in ``isnad/corpus/migrations``. An article's key is derived from its content hash, so
storing the same text twice adds nothing. Every write goes through :meth:`Store.add_batch`, one
transaction per batch: a crash loses at most the batch in flight, never what was committed.

The full analysis record is kept (zlib-compressed JSON) beside flat tables of its entities,
claims and events, which the filters, exports and cross-document views query.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy import text as sql
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from isnad.record import Article
from isnad.text.inputs import GoldStance
from isnad.text.normalize import fold
from isnad.text.tokens import Tokenizer

DEFAULT_DB = "sqlite:///isnad.db"
FTS_TABLE = "article_terms"


class Base(DeclarativeBase):
    pass


class OutletRow(Base):
    __tablename__ = "outlets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str | None] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    country: Mapped[str | None] = mapped_column(String(8))
    perspective: Mapped[str | None] = mapped_column(String(64))
    source_scale: Mapped[str | None] = mapped_column(String(32))


class BatchRow(Base):
    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    committed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    added: Mapped[int] = mapped_column(Integer, default=0)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(24), primary_key=True)  # "a" + content hash prefix
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    record_id: Mapped[str] = mapped_column(String(255))  # the analysis record's own id
    origin: Mapped[str | None] = mapped_column(Text)  # the input it was read from
    url: Mapped[str | None] = mapped_column(Text)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)  # the search terms: folded stems, space-separated
    length: Mapped[int] = mapped_column(Integer)  # number of search terms
    record: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed JSON of the analysis record
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash, for reprint detection
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("articles.id"), index=True)
    similarity: Mapped[float | None] = mapped_column(Float)  # to the article it reprints
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BandRow(Base):
    """One LSH band of an article's fingerprint: articles sharing a band are reprint candidates."""

    __tablename__ = "article_bands"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_article_bands_band_key", "band", "key"),)


class EntityRow(Base):
    __tablename__ = "entities"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(String(128), index=True)
    actor_type: Mapped[str | None] = mapped_column(String(64))
    pcode: Mapped[str | None] = mapped_column(String(32), index=True)
    admin1: Mapped[str | None] = mapped_column(String(16))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    mentions: Mapped[int] = mapped_column(Integer)
    folded: Mapped[str] = mapped_column(Text, index=True)  # the name folded for matching


class ClaimRow(Base):
    __tablename__ = "claims"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    stance: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(Text)  # the speaker's entity name, else the source text
    source_text: Mapped[str | None] = mapped_column(Text)
    source_entity: Mapped[str | None] = mapped_column(String(16))
    anonymous: Mapped[bool] = mapped_column(Boolean)
    affiliation_key: Mapped[str | None] = mapped_column(String(128), index=True)
    content: Mapped[str] = mapped_column(Text)
    parent: Mapped[str | None] = mapped_column(String(16))


class EventRow(Base):
    __tablename__ = "events"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(128))
    actor1_key: Mapped[str | None] = mapped_column(String(128), index=True)
    actor1_name: Mapped[str | None] = mapped_column(Text)
    actor2_key: Mapped[str | None] = mapped_column(String(128), index=True)
    actor2_name: Mapped[str | None] = mapped_column(Text)
    place_name: Mapped[str | None] = mapped_column(Text)
    pcode: Mapped[str | None] = mapped_column(String(32), index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    precision: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    claim: Mapped[str | None] = mapped_column(String(16))
    trigger: Mapped[str] = mapped_column(Text)
    fatalities: Mapped[int | None] = mapped_column(Integer)


FACT_VALUES = {"true": True, "false": False}  # how a claim's factuality label is stored


def _gold_row(article_id: str, g: GoldStance) -> GoldStanceRow:
    fact = None if g.fact is None else ("true" if g.fact else "false")
    return GoldStanceRow(article_id=article_id, claim_id=g.claim_id, claim=g.claim, fact=fact, stance=g.stance,
                         rationale=json.dumps(list(g.rationale)))


class GoldStanceRow(Base):
    """An annotation that came with the article (Baly et al.): its stance to a claim."""

    __tablename__ = "gold_stances"
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claim: Mapped[str] = mapped_column(Text)
    fact: Mapped[str | None] = mapped_column(String(16))
    stance: Mapped[str] = mapped_column(String(16))
    rationale: Mapped[str] = mapped_column(Text)  # JSON list of sentence indices


# --- records in and out ----------------------------------------------------------------------

@dataclass(frozen=True)
class Outlet:
    domain: str
    name: str | None = None
    name_en: str | None = None
    country: str | None = None
    perspective: str | None = None
    source_scale: str | None = None


@dataclass(frozen=True)
class NewArticle:
    """An analysed article ready to store."""

    record: Article
    content_hash: str
    origin: str | None = None
    outlet: Outlet | None = None
    fingerprint: bytes | None = None
    bands: tuple[int, ...] = ()
    gold: tuple[GoldStance, ...] = ()


@dataclass(frozen=True)
class ReprintRule:
    """How to tell a reprint: a similarity of two stored fingerprints, and the threshold."""

    similarity: Callable[[bytes, bytes], float]
    threshold: float


@dataclass(frozen=True)
class StoredArticle:
    id: str
    record: Article
    url: str | None
    published: str | None
    origin: str | None
    outlet: Outlet | None
    duplicate_of: str | None
    similarity: float | None


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    added: tuple[str, ...]
    skipped: tuple[str, ...]  # content already stored


@dataclass(frozen=True)
class Hit:
    article_id: str
    score: float
    matched: tuple[str, ...]  # the query terms the article contains


@dataclass(frozen=True)
class Filters:
    """Restrictions on articles: an actor (catalogue key or name), a place (P-code or name), dates."""

    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None


def article_key(content_hash: str) -> str:
    """The store's article id: stable across machines and ingests of the same text."""
    return "a" + content_hash[:16]


def pack_record(record: Article) -> bytes:
    return zlib.compress(record.to_json().encode("utf-8"), 6)


def unpack_record(blob: bytes) -> Article:
    return Article.model_validate_json(zlib.decompress(blob).decode("utf-8"))


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    """The plain clitic tokenizer, not the pipeline's: the index of a stored article must not
    change when the catalogue or gazetteer (whose names the pipeline's tokenizer keeps whole) does."""
    return Tokenizer()


def search_terms(text: str, tokenizer: Tokenizer | None = None) -> list[str]:
    """The text as search terms: folded stems without clitics (وبالجيش → جيش), numbers kept."""
    tok = tokenizer or _tokenizer()
    return [fold(t.stem.form) for t in tok.tokenize(text) if t.kind in ("word", "number")]


# --- the store -------------------------------------------------------------------------------

def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def normalise_url(url: str | None) -> str:
    """A database URL from what a user types: a URL as is, a bare path as an SQLite file."""
    if not url:
        return DEFAULT_DB
    if "://" in url:
        return url.replace("postgresql://", "postgresql+pg8000://", 1) if url.startswith("postgresql://") else url
    return f"sqlite:///{Path(url).expanduser()}"


def make_engine(url: str | None) -> Engine:
    url = normalise_url(url)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema with the packaged Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("isnad") / "corpus" / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Store:
    """The corpus: open with :meth:`open`; every method runs its own short transaction."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, upgrade: bool = True) -> Store:
        engine = make_engine(url)
        if upgrade:
            migrate(engine)
        return cls(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---

    def known(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` that are already stored."""
        wanted = list(set(hashes))
        found: set[str] = set()
        with self.sessions() as s:
            for i in range(0, len(wanted), 500):
                found.update(s.scalars(select(ArticleRow.content_hash)
                                       .where(ArticleRow.content_hash.in_(wanted[i:i + 500]))))
        return found

    def add_batch(self, items: Sequence[NewArticle], reprints: ReprintRule | None = None) -> BatchResult:
        """Store analysed articles in one transaction; content already stored is skipped.

        With ``reprints``, each new article is compared with the stored articles that share an LSH
        band with it; one similar enough joins their group, whose original is the earliest published.
        """
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        added: list[str] = []
        skipped: list[str] = []
        with self.sessions.begin() as s:
            batch = BatchRow(started_at=now, added=0)
            s.add(batch)
            s.flush()
            present = set(s.scalars(select(ArticleRow.content_hash)
                                    .where(ArticleRow.content_hash.in_([i.content_hash for i in items]))))
            for item in items:
                key = article_key(item.content_hash)
                if item.content_hash in present:
                    skipped.append(key)
                    continue
                present.add(item.content_hash)
                outlet_id = self._outlet_id(s, item.outlet) if item.outlet else None
                terms = search_terms(item.record.text)
                s.add(ArticleRow(id=key, content_hash=item.content_hash, record_id=item.record.id,
                                 origin=item.origin, url=item.record.url, outlet_id=outlet_id,
                                 title=item.record.title, published=item.record.published, text=item.record.text,
                                 terms=" ".join(terms), length=len(terms), record=pack_record(item.record),
                                 fingerprint=item.fingerprint, batch_id=batch.id, ingested_at=now))
                s.flush()
                s.add_all(BandRow(article_id=key, band=i, key=k) for i, k in enumerate(item.bands))
                s.add_all(_entity_rows(key, item.record))
                s.add_all(_claim_rows(key, item.record))
                s.add_all(_event_rows(key, item.record))
                s.add_all(_gold_row(key, g) for g in {g.claim_id: g for g in item.gold}.values())
                self._index(s, key, " ".join(terms))
                if reprints and item.fingerprint:
                    self._link_reprint(s, key, item, reprints)
                added.append(key)
            batch.added = len(added)
            batch.committed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return BatchResult(batch_id=batch.id, added=tuple(added), skipped=tuple(skipped))

    def add_golds(self, golds: Sequence[tuple[str, GoldStance]]) -> int:
        """Store annotations of articles already stored (one article can be annotated for several
        claims); those already present are skipped. Returns how many were added."""
        added = 0
        with self.sessions.begin() as s:
            for article_id, g in golds:
                if s.get(ArticleRow, article_id) is None or s.get(GoldStanceRow, (article_id, g.claim_id)):
                    continue
                s.add(_gold_row(article_id, g))
                added += 1
        return added

    def _outlet_id(self, s: Session, outlet: Outlet) -> int:
        row = s.scalars(select(OutletRow).where(OutletRow.domain == outlet.domain)).first()
        if row is None:
            row = OutletRow(domain=outlet.domain, name=outlet.name, name_en=outlet.name_en, country=outlet.country,
                            perspective=outlet.perspective, source_scale=outlet.source_scale)
            s.add(row)
            s.flush()
        return row.id

    def _index(self, s: Session, key: str, terms: str) -> None:
        if self.dialect == "sqlite":
            s.execute(sql(f"INSERT INTO {FTS_TABLE}(article_id, terms) VALUES (:a, :t)"), {"a": key, "t": terms})

    def _link_reprint(self, s: Session, key: str, item: NewArticle, rule: ReprintRule) -> None:
        mine = select(BandRow.band, BandRow.key).where(BandRow.article_id == key).subquery()
        q = (select(ArticleRow).join(BandRow, BandRow.article_id == ArticleRow.id)
             .join(mine, (mine.c.band == BandRow.band) & (mine.c.key == BandRow.key))
             .where(ArticleRow.id != key).distinct())
        best: tuple[float, ArticleRow] | None = None
        for other in s.scalars(q):
            if other.fingerprint:
                score = rule.similarity(item.fingerprint, other.fingerprint)
                if score >= rule.threshold and (best is None or score > best[0]):
                    best = (score, other)
        if best is None:
            return
        score, other = best
        root = s.get(ArticleRow, other.duplicate_of) if other.duplicate_of else other
        new = s.get(ArticleRow, key)
        if _earlier(new, root):  # the new article is the older report: it becomes the group's original
            for member in s.scalars(select(ArticleRow).where(ArticleRow.duplicate_of == root.id)):
                member.duplicate_of = key
            root.duplicate_of, root.similarity = key, score
        else:
            new.duplicate_of, new.similarity = root.id, score

    # --- reading ---

    def count(self) -> int:
        with self.sessions() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def stats(self) -> dict[str, object]:
        with self.sessions() as s:
            return {
                "articles": s.scalar(select(func.count()).select_from(ArticleRow)) or 0,
                "reprints": s.scalar(select(func.count()).select_from(ArticleRow)
                                     .where(ArticleRow.duplicate_of.is_not(None))) or 0,
                "outlets": s.scalar(select(func.count()).select_from(OutletRow)) or 0,
                "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0,
                "events": s.scalar(select(func.count()).select_from(EventRow)) or 0,
                "first": s.scalar(select(func.min(ArticleRow.published))),
                "last": s.scalar(select(func.max(ArticleRow.published))),
            }

    def ids(self, filters: Filters | None = None) -> list[str]:
        with self.sessions() as s:
            return list(s.scalars(self._filtered(select(ArticleRow.id), filters).order_by(ArticleRow.id)))

    def get(self, article_id: str) -> StoredArticle | None:
        with self.sessions() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                return None
            outlet = s.get(OutletRow, row.outlet_id) if row.outlet_id else None
            return _stored(row, outlet)

    def articles(self, ids: Iterable[str] | None = None, filters: Filters | None = None) -> Iterator[StoredArticle]:
        """Stored articles, by id or all matching ``filters``, in id order."""
        wanted = list(ids) if ids is not None else self.ids(filters)
        with self.sessions() as s:
            outlets = {o.id: o for o in s.scalars(select(OutletRow))}
            for i in range(0, len(wanted), 200):
                rows = s.scalars(select(ArticleRow).where(ArticleRow.id.in_(wanted[i:i + 200])))
                by_id = {r.id: r for r in rows}
                for key in wanted[i:i + 200]:
                    if key in by_id:
                        row = by_id[key]
                        yield _stored(row, outlets.get(row.outlet_id) if row.outlet_id else None)

    def count_reprints(self, ids: Sequence[str]) -> int:
        """How many of the articles ``ids`` are reprints of another."""
        n = 0
        with self.sessions() as s:
            for i in range(0, len(ids), 500):
                n += s.scalar(select(func.count()).select_from(ArticleRow).where(
                    ArticleRow.id.in_(ids[i:i + 500]), ArticleRow.duplicate_of.is_not(None))) or 0
        return n

    def reprints(self, article_id: str) -> list[str]:
        with self.sessions() as s:
            return list(s.scalars(select(ArticleRow.id).where(ArticleRow.duplicate_of == article_id)
                                  .order_by(ArticleRow.id)))

    def golds(self) -> dict[str, list[tuple[str, GoldStance]]]:
        """Stored annotations by claim id: (article id, annotation)."""
        out: dict[str, list[tuple[str, GoldStance]]] = {}
        with self.sessions() as s:
            for r in s.scalars(select(GoldStanceRow).order_by(GoldStanceRow.claim_id, GoldStanceRow.article_id)):
                out.setdefault(r.claim_id, []).append(
                    (r.article_id, GoldStance(r.claim_id, r.claim, FACT_VALUES.get(r.fact or ""), r.stance,
                                              tuple(json.loads(r.rationale)))))
        return out

    def event_rows(self, filters: Filters | None = None) -> list[EventRow]:
        with self.sessions() as s:
            q = select(EventRow).join(ArticleRow, ArticleRow.id == EventRow.article_id)
            q = self._filtered(q, filters).order_by(EventRow.article_id, EventRow.local_id)
            return list(s.scalars(q))

    def claim_rows(self, filters: Filters | None = None) -> list[ClaimRow]:
        with self.sessions() as s:
            q = select(ClaimRow).join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
            q = self._filtered(q, filters).order_by(ClaimRow.article_id, ClaimRow.local_id)
            return list(s.scalars(q))

    def _filtered(self, q, filters: Filters | None):
        if filters is None:
            return q
        if filters.date_from:
            q = q.where(ArticleRow.published >= filters.date_from)
        if filters.date_to:
            q = q.where(ArticleRow.published <= filters.date_to)
        if filters.actor:
            q = q.where(ArticleRow.id.in_(_entity_match("actor", filters.actor)))
        if filters.place:
            q = q.where(ArticleRow.id.in_(_entity_match("place", filters.place)))
        if filters.outlet:
            o = filters.outlet.lower()
            q = q.where(ArticleRow.outlet_id.in_(select(OutletRow.id).where(
                (func.lower(OutletRow.domain) == o) | (func.lower(OutletRow.name_en) == o) | (OutletRow.name == filters.outlet))))
        return q

    # --- search ---

    def document_frequency(self, term: str) -> int:
        """How many stored articles contain the search term."""
        with self.sessions() as s:
            if self.dialect == "sqlite":
                query = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr"
            else:
                query = "SELECT count(*) FROM articles WHERE terms_tsv @@ to_tsquery('simple', :expr)"
            return s.scalar(sql(query), {"expr": _match_expression(self.dialect, [term])}) or 0

    def _matching(self, s: Session, terms: Sequence[str], limit: int | None) -> list[str]:
        """Ids of articles holding any of ``terms``, through the full-text index."""
        expr = _match_expression(self.dialect, terms)
        if self.dialect == "sqlite":
            query = f"SELECT article_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :expr ORDER BY rank"
        else:
            query = ("SELECT id FROM articles WHERE terms_tsv @@ to_tsquery('simple', :expr) "
                     "ORDER BY ts_rank(terms_tsv, to_tsquery('simple', :expr)) DESC")
        if limit:
            query += f" LIMIT {int(limit)}"
        return [r[0] for r in s.execute(sql(query), {"expr": expr})]

    def search(self, query: str, limit: int = 20, filters: Filters | None = None,
               candidates: int = 1000, k1: float = 1.2, b: float = 0.75) -> list[Hit]:
        """Articles ranked by BM25 against ``query`` (its search terms, clitics removed)."""
        terms = list(dict.fromkeys(t for t in search_terms(query) if len(t) > 1))
        if not terms:
            return []
        with self.sessions() as s:
            n_docs = s.scalar(select(func.count()).select_from(ArticleRow)) or 0
            if not n_docs:
                return []
            avg_len = float(s.scalar(select(func.avg(ArticleRow.length))) or 1.0)
        df = {t: self.document_frequency(t) for t in terms}
        idf = {t: math.log(1 + (n_docs - df[t] + 0.5) / (df[t] + 0.5)) for t in terms if df[t]}
        if not idf:
            return []
        # candidates: articles holding any of the rarer terms (a term in most articles selects nothing)
        selective = [t for t in idf if df[t] <= max(0.5 * n_docs, 1)] or list(idf)
        with self.sessions() as s:
            ids = self._matching(s, selective, limit=candidates)
            if len(ids) < candidates and len(selective) < len(idf):  # room left: articles with common terms only
                ids = list(dict.fromkeys(ids + self._matching(s, list(idf), limit=candidates)))
            q = select(ArticleRow.id, ArticleRow.terms, ArticleRow.length).where(ArticleRow.id.in_(ids))
            q = self._filtered(q, filters)
            rows = s.execute(q).all()
        hits = []
        for row in rows:
            counts = Counter(row.terms.split())
            score = 0.0
            matched = []
            for t, w in idf.items():
                tf = counts.get(t, 0)
                if tf:
                    matched.append(t)
                    score += w * tf * (k1 + 1) / (tf + k1 * (1 - b + b * row.length / avg_len))
            if matched:
                hits.append(Hit(row.id, round(score, 4), tuple(matched)))
        hits.sort(key=lambda h: (-h.score, h.article_id))
        return hits[:limit]


def _match_expression(dialect: str, terms: Sequence[str]) -> str:
    """A full-text query matching any of ``terms``, each quoted as a literal."""
    if dialect == "sqlite":
        return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return " | ".join("'" + t.replace("'", "").replace("\\", "") + "'" for t in terms)


def _entity_match(kind: str, wanted: str):
    folded = fold(" ".join(wanted.split()))
    return select(EntityRow.article_id).where(
        (EntityRow.kind == kind)
        & ((EntityRow.key == wanted) | (EntityRow.pcode == wanted) | (EntityRow.folded == folded)
           | (func.lower(EntityRow.name_en) == wanted.lower())))


def _earlier(a: ArticleRow, b: ArticleRow) -> bool:
    """Whether ``a`` was published before ``b`` (an undated article is never earlier)."""
    return bool(a.published) and (not b.published or a.published < b.published)


def _stored(row: ArticleRow, outlet: OutletRow | None) -> StoredArticle:
    return StoredArticle(
        id=row.id, record=unpack_record(row.record), url=row.url, published=row.published, origin=row.origin,
        outlet=Outlet(outlet.domain, outlet.name, outlet.name_en, outlet.country, outlet.perspective,
                      outlet.source_scale) if outlet else None,
        duplicate_of=row.duplicate_of, similarity=row.similarity)


def _entity_rows(key: str, rec: Article) -> Iterator[EntityRow]:
    for e in rec.entities:
        yield EntityRow(article_id=key, local_id=e.id, kind=e.kind, name=e.name, name_en=e.name_en, key=e.key,
                        actor_type=e.actor_type, pcode=e.pcode, admin1=e.admin1, lat=e.lat, lon=e.lon,
                        geo_precision=e.geo_precision, mentions=len(e.mentions), folded=fold(e.name))


def _claim_rows(key: str, rec: Article) -> Iterator[ClaimRow]:
    by_id = {e.id: e for e in rec.entities}
    for c in rec.claims:
        speaker = by_id[c.source.entity].name if c.source.entity in by_id else c.source.text
        side = by_id.get(c.source.affiliation) if c.source.affiliation else None
        yield ClaimRow(article_id=key, local_id=c.id, stance=c.stance, cue=c.cue.text, speaker=speaker,
                       source_text=c.source.text, source_entity=c.source.entity, anonymous=c.source.anonymous,
                       affiliation_key=(side.key or side.name) if side else None, content=c.content.text,
                       parent=c.parent)


def _event_rows(key: str, rec: Article) -> Iterator[EventRow]:
    by_id = {e.id: e for e in rec.entities}
    for v in rec.events:
        a1, a2, place = by_id.get(v.actor1 or ""), by_id.get(v.actor2 or ""), by_id.get(v.place or "")
        yield EventRow(article_id=key, local_id=v.id, event_type=v.event_type, sub_event_type=v.sub_event_type,
                       actor1_key=a1.key if a1 else None, actor1_name=a1.name if a1 else None,
                       actor2_key=a2.key if a2 else None, actor2_name=a2.name if a2 else None,
                       place_name=place.name if place else None, pcode=place.pcode if place else None,
                       lat=place.lat if place else None, lon=place.lon if place else None,
                       date_start=v.date.start if v.date else None, date_end=v.date.end if v.date else None,
                       precision=v.date.precision if v.date else None, status=v.status, claim=v.claim,
                       trigger=v.trigger.text, fatalities=v.fatalities)
