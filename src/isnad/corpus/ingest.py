"""Ingesting into the corpus store: read, skip what is stored, analyse, fingerprint, store in batches.

Idempotent by content: a document whose text (after canonical normalisation) is already stored is
skipped before it is analysed, so ingesting the same folder twice adds nothing. Documents are
analysed outside any transaction and written one batch per transaction, so a crash loses at most
the batch in flight and re-running completes the job. A document that cannot be read or analysed
is reported with its name and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from isnad.corpus import dedup
from isnad.text.inputs import DEFAULT_MAX_BYTES, Document, GoldStance, InputError, read_documents
from isnad.analysis.pipeline import Pipeline, compose_text, load
from isnad.knowledge.sources import SourceRegistry
from isnad.corpus.store import NewArticle, Outlet, ReprintRule, Store, article_key

DEFAULT_BATCH = 25


@dataclass
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    added: list[str] = field(default_factory=list)
    skipped: int = 0  # already stored (or twice in this run)
    reprints: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} documents read: {len(self.added)} added, {self.skipped} already stored, "
                f"{self.reprints} of the added are reprints, {len(self.errors)} failed")


def reprint_rule() -> ReprintRule:
    """The store's reprint test: MinHash similarity of word 5-grams at the dedup threshold."""
    return ReprintRule(
        similarity=lambda a, b: dedup.similarity(dedup.Fingerprint.from_bytes(a), dedup.Fingerprint.from_bytes(b)),
        threshold=dedup.REPRINT_THRESHOLD)


def outlet_of(registry: SourceRegistry, url: str | None) -> Outlet | None:
    """The outlet an article's URL names: the registry's entry, else just its domain."""
    if not url:
        return None
    domain = registry.domain_of(url)
    found = registry.lookup(url)
    if found is not None:
        return Outlet(domain=found.domains[0], name=found.name, name_en=found.name_en, country=found.country,
                      perspective=found.perspective, source_scale=found.source_scale)
    return Outlet(domain=domain) if domain else None


def _golds(doc: Document) -> tuple[GoldStance, ...]:
    return () if doc.gold is None else (doc.gold,)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(store: Store, documents: Iterable[Document | InputError], pipeline: Pipeline,
           registry: SourceRegistry, batch_size: int = DEFAULT_BATCH,
           progress: Callable[[Document | InputError, str], None] | None = None) -> IngestReport:
    """Analyse and store documents, one transaction per ``batch_size`` documents.

    ``progress`` is called once per document with what happened to it: ``added``, ``stored``
    (already in the store), ``failed``.
    """
    report = IngestReport()
    rule = reprint_rule()
    tell = progress or (lambda _doc, _what: None)
    for chunk in _chunks(documents, batch_size):
        texts: dict[int, str] = {}
        for i, doc in enumerate(chunk):
            if isinstance(doc, InputError):
                report.errors.append(str(doc))
                tell(doc, "failed")
                continue
            report.read += 1
            texts[i] = compose_text(doc.text, doc.title)
        hashes = {i: dedup.content_hash(t) for i, t in texts.items()}
        stored = store.known(hashes.values())
        batch_docs: list[Document] = []
        seen: dict[str, NewArticle] = {}
        known_golds: list[tuple[str, GoldStance]] = []
        for i, digest in hashes.items():
            doc = chunk[i]
            if digest in stored or digest in seen:  # the same text again: keep only its annotation
                if digest in seen:
                    seen[digest] = replace(seen[digest], gold=seen[digest].gold + _golds(doc))
                else:
                    known_golds.extend((article_key(digest), g) for g in _golds(doc))
                report.skipped += 1
                tell(doc, "stored")
                continue
            try:
                record = pipeline(doc)
                fp = dedup.fingerprint(record.text)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                report.errors.append(f"{doc.name}: analysis failed ({type(exc).__name__}: {exc})")
                tell(doc, "failed")
                continue
            seen[digest] = NewArticle(record=record, content_hash=digest, origin=doc.name,
                                      outlet=outlet_of(registry, record.url), fingerprint=fp.to_bytes(),
                                      bands=tuple(dedup.band_keys(fp)), gold=_golds(doc))
            batch_docs.append(doc)
        batch = list(seen.values())
        if known_golds:
            store.add_golds(known_golds)
        if batch:
            result = store.add_batch(batch, reprints=rule)
            report.added.extend(result.added)
            report.skipped += len(result.skipped)
        for doc in batch_docs:
            tell(doc, "added")
    report.reprints = store.count_reprints(report.added)
    return report


def ingest_paths(store: Store, paths: Iterable[str], pipeline: Pipeline | None = None,
                 registry: SourceRegistry | None = None, batch_size: int = DEFAULT_BATCH,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 progress: Callable[[Document | InputError, str], None] | None = None) -> IngestReport:
    """:func:`ingest` over files, folders and globs."""
    return ingest(store, read_documents(paths, max_bytes=max_bytes), pipeline or load(),
                  registry or SourceRegistry.load(), batch_size=batch_size, progress=progress)


