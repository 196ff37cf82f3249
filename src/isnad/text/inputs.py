"""Reading inputs: files, folders, globs and standard input, as plain text, HTML, JSON or JSONL,
RSS/Atom feeds, WARC web archives and claim files of the Baly et al. (2018) stance corpus.

Each input becomes one or more :class:`Document` objects, or an :class:`InputError` that names the
input (or the feed entry, archive record or corpus article) and says what is wrong with it, so a
batch can report it and go on. Legacy Arabic encodings (windows-1256, ISO-8859-6) are detected;
binary, empty, oversized and undecodable inputs are refused.

Size limits: ``max_bytes`` bounds every input file, and every feed. A WARC archive is streamed
record by record, never read whole, so it may be up to ``WARC_SIZE_FACTOR`` times larger (1 GB with
the 10 MB default); the limit then applies to each record's payload instead, and a record over it
is reported by name while the archive goes on. From standard input a WARC is read whole and so is
held to ``max_bytes``.

Ids: a document keeps a real id when its input has one (a JSON ``id`` field; the claim id of a Baly
file plus the article's index, ``R-10-0``) and otherwise the file name (``article`` for
``article.txt``). Feed entries and archived pages get none, so the pipeline derives one from the
text (:func:`isnad.pipeline.content_id`): a feed's positions change from one fetch to the next and
a page crawled twice should get the same id; their URL stays in ``Document.url``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import glob
import io
import json
import logging
import re
import sys
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Literal

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES
WARC_SIZE_FACTOR = 100
BALY_KEYS = frozenset({"claim", "article", "url", "stance"})
BALY_STANCES = frozenset({"agree", "disagree", "discuss", "unrelated"})
TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "article_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("published", "date", "date_published", "datePublished", "published_at", "publish_date",
               "pubDate", "pubdate", "created_at")
URL_FIELDS = ("url", "link", "canonical_url")
ID_FIELDS = ("id", "uuid", "doc_id")
_MAGIC = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or an Office document)",
          b"\x1f\x8b": "gzip-compressed data", b"\x7fELF": "an executable", b"BZh": "bzip2-compressed data"}
_LEGACY_ENCODINGS = ("cp1256", "iso8859_6")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)
_FEED_SNIFF = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*"
                         rb"<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

InputKind = Literal["text", "html", "json"]


class InputError(Exception):
    """An input that cannot be analysed; ``str()`` names the input."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@dataclass(frozen=True)
class GoldStance:
    """An annotated claim-article pair of a stance corpus (Baly et al. 2018), kept for evaluation."""

    claim_id: str
    claim: str
    fact: bool | None  # the claim's factuality label
    stance: str  # agree, disagree, discuss or unrelated: the article's stance towards the claim
    rationale: tuple[int, ...] = ()  # indices of the article's sentences that carry the stance


@dataclass(frozen=True)
class Document:
    """One article as read from an input, before analysis."""

    name: str  # for messages and the record's ``source``: a path, "-", "file.jsonl:3"
    text: str
    kind: InputKind = "text"
    id: str | None = None
    title: str | None = None
    published: str | None = None  # as the metadata states it, parsed later
    published_from: str | None = None  # which metadata field gave it
    url: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    gold: GoldStance | None = None  # annotation carried by a corpus file


# --- bytes to text ---------------------------------------------------------------------------

def _arabic_share(text: str) -> float:
    """Share of Arabic letters among the non-ASCII characters (1.0 when there are none)."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    return sum(1 for c in non_ascii if "\u0600" <= c <= "\u06ff") / len(non_ascii)


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls / max(len(text), 1)


def decode(raw: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, windows-1256 or ISO-8859-6."""
    if not raw.strip():
        raise InputError(name, "empty input")
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise InputError(name, f"binary file ({what}), not text")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(raw.decode("utf-16"), name)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"broken UTF-16 text ({exc.reason} at byte {exc.start})") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(name, f"binary data (NUL byte at offset {nul}), not text")
    try:
        return _checked(raw.decode("utf-8-sig"), name)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best: tuple[float, str] | None = None
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _arabic_share(text)
        if share >= 0.7 and (best is None or share > best[0]):
            best = (share, text)
    if best is None:
        raise InputError(
            name,
            f"undecodable bytes (invalid UTF-8 at byte {utf8_error.start}, and not Arabic text in "
            "windows-1256 or ISO-8859-6)",
        )
    return _checked(best[1], name)


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(name, "empty input")
    if _control_share(text) > 0.01:
        raise InputError(name, "binary data (control characters), not text")
    return text


# --- kinds of input --------------------------------------------------------------------------

def sniff(text: str) -> InputKind:
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<") and _HTML_SNIFF.search(head):
        return "html"
    return "text"


def _first(record: dict[str, Any], names: Iterable[str]) -> Any:
    for key in names:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def from_html(html: str, name: str, doc_id: str | None = None, url: str | None = None) -> Document:
    """Main text and metadata of an HTML page (trafilatura; meta tags for the date)."""
    from isnad.text.html import extract

    page = extract(html, url=url)
    if not page.text.strip():
        raise InputError(name, "no article text found in the HTML")
    return Document(name=name, text=page.text, kind="html", id=doc_id, title=page.title,
                    published=page.published, published_from=page.published_from,
                    url=page.url or url, notes=page.notes)


def from_record(record: Any, name: str, default_id: str | None) -> Document:
    """One JSON object with text/title/date/url fields."""
    if not isinstance(record, dict):
        raise InputError(name, f"expected a JSON object, found {type(record).__name__}")
    text = _first(record, TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, f"no article text: none of the fields {', '.join(TEXT_FIELDS)} holds text")
    raw_id = _first(record, ID_FIELDS)
    doc_id = str(raw_id) if raw_id is not None else default_id
    title = _first(record, TITLE_FIELDS)
    url = _first(record, URL_FIELDS)
    date_field = next((k for k in DATE_FIELDS if record.get(k) not in (None, "")), None)
    published = str(record[date_field]) if date_field else None
    if sniff(text) == "html":
        doc = from_html(text, name, doc_id, url=str(url) if url else None)
        return Document(name=name, text=doc.text, kind="html", id=doc_id,
                        title=str(title) if title else doc.title,
                        published=published or doc.published,
                        published_from=f"JSON field '{date_field}'" if published else doc.published_from,
                        url=str(url) if url else doc.url)
    return Document(name=name, text=text, kind="json", id=doc_id, title=str(title) if title else None,
                    published=published, published_from=f"JSON field '{date_field}'" if date_field else None,
                    url=str(url) if url else None)


def _json_documents(text: str, name: str, stem: str) -> Iterator[Document | InputError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(name, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
        return
    if isinstance(data, list):
        for i, record in enumerate(data, 1):
            yield _safe(lambda: from_record(record, f"{name}#{i}", f"{stem}-{i}"))
    elif is_baly(data):
        yield from baly_documents(data, name, stem)
    else:
        yield _safe(lambda: from_record(data, name, stem))


def _jsonl_documents(text: str, name: str, stem: str) -> Iterator[Document | InputError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON (column {exc.colno}: {exc.msg})")
            continue
        yield _safe(lambda: from_record(record, where, f"{stem}-{lineno}"))


def _safe(make) -> Document | InputError:
    try:
        return make()
    except InputError as exc:
        return exc


def documents_from_text(text: str, name: str, stem: str | None, suffix: str = "") -> Iterator[Document | InputError]:
    """Documents in a decoded input, by suffix or, failing that, by content."""
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(text, name, stem or "stdin")
        return
    kind = "json" if suffix in JSON_SUFFIXES else "html" if suffix in HTML_SUFFIXES else sniff(text)
    if kind == "json":
        if suffix not in JSON_SUFFIXES and "\n{" in text.strip() and not text.lstrip().startswith("["):
            yield from _jsonl_documents(text, name, stem or "stdin")
        else:
            yield from _json_documents(text, name, stem or "stdin")
    elif kind == "html":
        yield _safe(lambda: from_html(text, name, stem))
    else:
        yield Document(name=name, text=text, kind="text", id=stem)


# --- Baly et al. (2018) claim files ------------------------------------------------------------

def is_baly(data: Any) -> bool:
    """Whether a JSON value is a claim of the Baly corpus: a claim with parallel article lists."""
    return (isinstance(data, dict) and BALY_KEYS <= data.keys() and isinstance(data["claim"], str)
            and all(isinstance(data[k], list) for k in ("article", "url", "stance")))


def _rationale(value: Any, name: str) -> tuple[int, ...]:
    """Sentence indices as the corpus writes them: a list, or a string such as "[0, 1]" ("" for none)."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return ()
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise InputError(name, f"unreadable rationale {value!r}") from None
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    raise InputError(name, f"unreadable rationale {value!r}")


def _baly_article(data: dict[str, Any], i: int, name: str, claim_id: str) -> Document:
    """Article ``i`` of a Baly claim with its stance annotation."""
    text, stance = data["article"][i], _at(data["stance"], i)
    if not isinstance(text, str) or not text.strip():
        raise InputError(name, "no article text")
    if stance not in BALY_STANCES:
        raise InputError(name, f"unknown stance {stance!r}")
    fact = {"true": True, "false": False}.get(str(data.get("fact")).strip().lower())
    gold = GoldStance(claim_id=claim_id, claim=data["claim"], fact=fact, stance=stance,
                      rationale=_rationale(_at(data.get("rationale") or [], i, ""), name))
    url = _at(data["url"], i)
    return Document(name=name, text=text, kind="json", id=f"{claim_id}-{i}",
                    url=url if isinstance(url, str) and url.strip() else None, gold=gold)


def _at(values: list, i: int, default: Any = None) -> Any:
    return values[i] if i < len(values) else default


def baly_documents(data: dict[str, Any], name: str, stem: str) -> Iterator[Document | InputError]:
    """One document per article of a Baly claim file, named ``R-10.json#0`` (the corpus's 0-based
    article index, which its stance and rationale lists share) with id ``R-10-0``."""
    claim_id = str(data.get("id") or stem)
    for i in range(len(data["article"])):
        yield _safe(lambda: _baly_article(data, i, f"{name}#{i}", claim_id))
    if len(data["url"]) != len(data["article"]) or len(data["stance"]) != len(data["article"]):
        yield InputError(name, f"{len(data['article'])} articles but {len(data['url'])} urls and "
                               f"{len(data['stance'])} stances")


# --- RSS and Atom feeds ------------------------------------------------------------------------

def is_feed(raw: bytes) -> bool:
    """Whether bytes start like an RSS, Atom or RDF feed (after an XML declaration and comments)."""
    return bool(_FEED_SNIFF.match(raw[:4096]))


def _entry_date(entry: Any) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, which field) of a feed entry: the date as written, in the writer's time zone."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        day = _day(raw)
        if day is None and entry.get(f"{key}_parsed"):
            day = dt.date(*entry[f"{key}_parsed"][:3]).isoformat()  # feedparser's UTC reading
        if day:
            return day, f"feed entry {key}"
    return None, None


def _day(raw: str) -> str | None:
    """The calendar date of an RFC 822 or ISO 8601 / RFC 3339 timestamp, in its own time zone."""
    raw = raw.strip()
    try:
        return dt.datetime.fromisoformat(raw).date().isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _entry_text(entry: Any, name: str) -> tuple[str, InputKind, tuple[str, ...]]:
    """The longest text an entry carries (its full content or its summary), HTML made plain."""
    parts = [c.get("value") or "" for c in entry.get("content") or []] + [entry.get("summary") or ""]
    parts = [p for p in parts if p.strip()]
    if not parts:
        raise InputError(name, "feed entry without text (no content or summary)")
    value = max(parts, key=len)
    if re.search(r"<[a-zA-Z!/]", value):  # feedparser gives escaped HTML back as markup
        page = from_html(f"<html><body><article>{value}</article></body></html>", name)
        return page.text, "html", page.notes
    return value.strip(), "text", ()


def _feed_entry(entry: Any, name: str) -> Document:
    text, kind, notes = _entry_text(entry, name)
    published, published_from = _entry_date(entry)
    title = " ".join((entry.get("title") or "").split()) or None
    return Document(name=name, text=text, kind=kind, title=title, published=published,
                    published_from=published_from, url=entry.get("link") or None, notes=notes)


def feed_documents(raw: bytes, name: str) -> Iterator[Document | InputError]:
    """One document per entry of an RSS or Atom feed, named ``feed.xml#3`` (1-based, as JSON lists)."""
    import feedparser

    feed = feedparser.parse(raw, resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        why = ("not an RSS or Atom feed" if not is_feed(raw) else
               f"broken feed ({feed.get('bozo_exception')})" if feed.bozo else "feed has no entries")
        yield InputError(name, why)
        return
    for i, entry in enumerate(feed.entries, 1):
        yield _safe(lambda: _feed_entry(entry, f"{name}#{i}"))
    if feed.bozo and not isinstance(feed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        yield InputError(name, f"feed is malformed after {len(feed.entries)} entries ({feed.get('bozo_exception')})")


# --- WARC archives -----------------------------------------------------------------------------

def is_warc(raw: bytes) -> bool:
    """Whether bytes start a WARC archive, plain or gzip-compressed."""
    if raw.startswith(b"\x1f\x8b"):
        try:
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:4096], 16)
        except zlib.error:
            return False
    return raw.startswith(b"WARC/")


def _charset(content_type: str) -> str | None:
    found = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return found.group(1).lower() if found else None


def _payload_text(payload: bytes, content_type: str, name: str) -> str:
    """A record's payload as text: the declared charset first, then :func:`decode`'s detection."""
    charset = _charset(content_type)
    if charset:
        try:
            return _checked(payload.decode(charset), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload, name)


def _warc_record(record: Any, archive: str, max_bytes: int) -> Document | InputError | None:
    """A document for an HTTP 200 HTML or text response; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if record.http_headers.get_statuscode() != "200" or not content_type.startswith(_TEXT_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    name = f"{archive}#{url}"
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except (OSError, zlib.error, ValueError, EOFError) as exc:
        return InputError(name, f"unreadable payload ({exc})")
    if len(payload) > max_bytes:
        return InputError(name, f"record too large (over {_mb(max_bytes)} limit; raise it with --max-size)")
    try:
        text = _payload_text(payload, content_type, name)
        doc = (from_html(text, name, url=url) if not content_type.startswith("text/plain")
               else Document(name=name, text=text, kind="text", url=url))
    except InputError as exc:
        return exc
    warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    notes = doc.notes + (f"archived {warc_date} as WARC record {record.rec_headers.get_header('WARC-Record-ID')}",)
    if doc.published or not warc_date:
        return replace(doc, notes=notes)
    return replace(doc, notes=notes, published=warc_date, published_from="warc-date")


def _cut_short(record: Any) -> bool:
    """Read what is left of a record; whether the archive ended inside it (in its headers, so
    that it has no Content-Length, or before the length they declare)."""
    if not hasattr(record.raw_stream, "limit") or record.rec_headers.get_header("Content-Length") is None:
        return True
    try:
        while record.raw_stream.read(1 << 16):
            pass
    except (OSError, EOFError, zlib.error, ValueError):
        return True
    return record.raw_stream.limit > 0


def warc_documents(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Document | InputError]:
    """One document per HTTP 200 HTML/text response in a WARC archive, named ``crawl.warc.gz#URL``;
    other records are skipped; a broken or truncated archive ends with an error after what was read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    archive = ArchiveIterator(stream)
    iterator = iter(archive)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on a cut or corrupt archive
            detail = f": {exc}" if isinstance(exc, (ArchiveLoadFailed, EOFError, zlib.error)) else ""
            yield InputError(name, f"truncated or broken archive after {records} records "
                                   f"({type(exc).__name__}{detail})")
            return
        records += 1
        length = record.rec_headers.get_header("Content-Length")
        if length is not None and not length.strip().isdigit():
            yield InputError(name, f"broken archive: record {records} has Content-Length {length!r}")
            return
        item = _warc_record(record, name, max_bytes)
        if _cut_short(record):
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield InputError(name, f"truncated archive: record {records}" + (f" ({url})" if url else "")
                             + " is cut short")
            return
        archive.read_to_end()  # past the blank lines, so that ``archive.offset`` is the record's end
        if item is not None:
            yield item
    left = stream.seek(0, io.SEEK_END) - archive.offset if stream.seekable() else 0
    if left > 0:  # warcio stops silently at a header block cut short
        yield InputError(name, f"truncated archive: {left} bytes after record {records} are not a whole record")
    elif records == 0:
        yield InputError(name, "no WARC records")


def _warc_file(path: str, max_bytes: int) -> Iterator[Document | InputError]:
    """The documents of a WARC file, streamed; the file may be ``WARC_SIZE_FACTOR`` × ``max_bytes``."""
    limit = WARC_SIZE_FACTOR * max_bytes
    try:
        size = Path(path).stat().st_size
        if size > limit:
            yield InputError(path, f"archive too large ({_mb(size)} > {_mb(limit)} limit for WARC files, "
                                   f"{WARC_SIZE_FACTOR} × --max-size)")
            return
        with open(path, "rb") as stream:
            if not is_warc(stream.read(4096)):
                yield InputError(path, "not a WARC archive (no WARC/1.x record at the start)")
                return
            stream.seek(0)
            yield from warc_documents(stream, path, max_bytes)
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))


# --- paths -----------------------------------------------------------------------------------

def suffix_of(path: str | Path) -> str:
    """The lower-case suffix that decides an input's kind (``.warc.gz`` counts as one)."""
    name = Path(path).name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else Path(name).suffix


def _wanted(path: Path) -> bool:
    """Whether a folder's file is an input: a known suffix, and an .xml file only if it is a feed."""
    suffix = suffix_of(path)
    if suffix != ".xml":
        return suffix in KNOWN_SUFFIXES
    try:
        with open(path, "rb") as fh:
            return is_feed(fh.read(4096))
    except OSError:
        return True  # let reading it report the problem


def expand(specs: Iterable[str]) -> Iterator[str | InputError]:
    """Paths named by files, folders (searched recursively for known suffixes), globs and "-"."""
    for spec in specs:
        if spec == "-":
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p))
            if not found:
                yield InputError(spec, "folder holds no .txt, .html, .json, .jsonl, feed or WARC files")
            yield from (str(p) for p in found)
        elif path.exists():
            yield spec
        elif glob.has_magic(spec):
            matches = sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            yield from matches
        else:
            yield InputError(spec, "no such file or folder")


def read_bytes(path: str, max_bytes: int, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one input, refusing more than ``max_bytes``."""
    if path == "-":
        stream = stdin or sys.stdin.buffer
        raw = stream.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise InputError("-", f"input too large (over {_mb(max_bytes)} limit; raise it with --max-size)")
        return raw
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file too large ({_mb(size)} > {_mb(max_bytes)} limit; raise it with --max-size)")
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def read_documents(specs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES,
                   stdin: BinaryIO | None = None) -> Iterator[Document | InputError]:
    """Every document of every input, in order; failures come as :class:`InputError` items."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    for item in expand(specs):
        if isinstance(item, InputError):
            yield item
            continue
        suffix = "" if item == "-" else suffix_of(item)
        if suffix in WARC_SUFFIXES:
            yield from _warc_file(item, max_bytes)
            continue
        try:
            raw = read_bytes(item, max_bytes, stdin)
        except InputError as exc:
            yield exc
            continue
        if suffix in FEED_SUFFIXES or (suffix not in KNOWN_SUFFIXES and is_feed(raw)):
            yield from feed_documents(raw, item)
            continue
        if suffix not in KNOWN_SUFFIXES and is_warc(raw):
            yield from warc_documents(io.BytesIO(raw), item, max_bytes)
            continue
        try:
            text = decode(raw, item)
        except InputError as exc:
            yield exc
            continue
        if item == "-":
            yield from documents_from_text(text, "-", None)
        else:
            yield from documents_from_text(text, item, Path(item).stem, suffix)
