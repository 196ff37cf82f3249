"""Reading inputs: files, folders, globs and standard input, as plain text, HTML, JSON or JSONL.

Each input becomes one or more :class:`Document` objects, or an :class:`InputError` that names the
input and says what is wrong with it, so a batch can report it and go on. Legacy Arabic encodings
(windows-1256, ISO-8859-6) are detected; binary, empty, oversized and undecodable inputs are refused.
"""

from __future__ import annotations

import glob
import json
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Literal

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
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

InputKind = Literal["text", "html", "json"]


class InputError(Exception):
    """An input that cannot be analysed; ``str()`` names the input."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


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
    from .html import extract

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


# --- paths -----------------------------------------------------------------------------------

def expand(specs: Iterable[str]) -> Iterator[str | InputError]:
    """Paths named by files, folders (searched recursively for known suffixes), globs and "-"."""
    for spec in specs:
        if spec == "-":
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_SUFFIXES)
            if not found:
                yield InputError(spec, "folder holds no .txt, .html, .json or .jsonl files")
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
        try:
            text = decode(read_bytes(item, max_bytes, stdin), item)
        except InputError as exc:
            yield exc
            continue
        if item == "-":
            yield from documents_from_text(text, "-", None)
        else:
            path = Path(item)
            yield from documents_from_text(text, item, path.stem, path.suffix.lower())
