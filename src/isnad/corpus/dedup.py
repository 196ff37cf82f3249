"""Exact and near-duplicate fingerprints of article texts, for linking reprints in a corpus store.

Two levels:

* :func:`content_hash` — SHA-256 of the text in a canonical form (the matching normalisation of
  :mod:`isnad.text.normalize`: no diacritics, tatweel, invisible characters or presentation forms,
  one spelling of alef/ya/ta marbuta, Western digits; lower case; words and punctuation marks
  re-joined with single spaces). A copy that was re-encoded, re-spaced or re-vocalised hashes the
  same; any change of wording does not.
* :func:`fingerprint` — a MinHash (datasketch, ``num_perm=128``, fixed seed 1, affine32 scheme) of
  the set of word 5-grams of the same canonical form (punctuation dropped). 5-grams rather than
  3-grams: two independent reports of the same event share many 3-grams (قوات النظام السوري في
  ريف حلب الجنوبي …) but few 5-grams, whereas a reprint shares nearly all of them, so 5-grams
  separate "same story" from "same text" (measured on the Baly corpus, see
  :data:`REPRINT_THRESHOLD`).

For a SQL store, :func:`band_keys` cuts the 128 values into ``BANDS = 16`` bands of ``ROWS = 8``
and hashes each band to a signed 64-bit integer; store one ``(band, key)`` row per band and article,
find candidates with a self-join on ``(band, key)``, and keep those with
``similarity(a, b) >= REPRINT_THRESHOLD``. With 16×8 the S-curve ``1 - (1 - s**8)**16`` crosses
0.5 near s = 0.68 and gives s = 0.75 a 0.85 and s = 0.8 a 0.95 chance of sharing a band, while a
pair at s = 0.5 shares one with probability 0.06 and at s = 0.3 with 0.001.

On the 2,429 articles of the Baly et al. (2018) corpus (raw scraped pages, site furniture included):
179 pairs at s >= 0.7, all of them sharing a band (185 candidate pairs in all); 133 are the same
page retrieved for two claims, the other 46 differ in text. Read pairs between 0.7 and 0.9 are
reprints (an agency story on an aggregator, an opinion piece republished by another outlet, UN
Radio and UN News, a story and its update) except where two pages of one site share a long block
of furniture (0.73, two Monte Carlo Doualiya articles; exact Jaccard 0.65). Independent reports of
one story score 0.0-0.55. About 2 ms an article (mean 1,200 words) on one CPU core.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from isnad.text.normalize import fold

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE = 5
BANDS = 16
ROWS = 8
#: Estimated Jaccard of word 5-grams at or above which two texts count as reprints of one another:
#: a reprint with a new headline and furniture keeps ~0.8, rewrites of one agency story stay <= 0.55.
REPRINT_THRESHOLD = 0.7
_FORMAT_VERSION = 1
_HEADER = struct.Struct("<BBH")  # version, shingle size, number of values
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


@dataclass(frozen=True)
class Fingerprint:
    """A MinHash signature: ``values`` are ``NUM_PERM`` unsigned 32-bit minima; ``shingles`` how many
    distinct shingles went in (0 for a text without words, which is similar to nothing)."""

    values: tuple[int, ...]
    shingles: int

    def to_bytes(self) -> bytes:
        """A compact binary form (4-byte header, 4 bytes a value, then the shingle count)."""
        return (_HEADER.pack(_FORMAT_VERSION, SHINGLE, len(self.values))
                + np.asarray(self.values, dtype="<u4").tobytes() + struct.pack("<I", self.shingles))

    @classmethod
    def from_bytes(cls, raw: bytes) -> Fingerprint:
        """The fingerprint written by :meth:`to_bytes`; ``ValueError`` on anything else."""
        if len(raw) < _HEADER.size + 4:
            raise ValueError("fingerprint bytes too short")
        version, shingle, n = _HEADER.unpack_from(raw)
        if version != _FORMAT_VERSION or shingle != SHINGLE or len(raw) != _HEADER.size + 4 * n + 4:
            raise ValueError(f"not a version-{_FORMAT_VERSION} fingerprint of word {SHINGLE}-grams")
        values = np.frombuffer(raw, dtype="<u4", count=n, offset=_HEADER.size)
        (shingles,) = struct.unpack_from("<I", raw, _HEADER.size + 4 * n)
        return cls(tuple(int(v) for v in values), shingles)


def canonical(text: str) -> str:
    """The canonical form hashed by :func:`content_hash`: matching-normalised, lower-case words and
    punctuation marks separated by single spaces."""
    folded = fold(unicodedata.normalize("NFC", text)).lower()
    return " ".join(_TOKEN.findall(folded))


def content_hash(text: str) -> str:
    """Hex SHA-256 of :func:`canonical` text: equal for copies that differ only in encoding, spacing,
    diacritics, tatweel or letter-form variants."""
    return hashlib.sha256(canonical(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    """The normalised words of a text (punctuation dropped)."""
    return _WORD.findall(fold(unicodedata.normalize("NFC", text)).lower())


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Distinct word ``size``-grams; a text shorter than that is one shingle."""
    ws = words(text)
    if len(ws) <= size:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i:i + size]) for i in range(len(ws) - size + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """An empty MinHash whose permutations are computed once and copied per text."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def fingerprint(text: str) -> Fingerprint:
    """MinHash of the text's word 5-grams."""
    grams = shingles(text)
    m = _template().copy()
    if grams:
        m.update_batch([g.encode("utf-8") for g in grams])
    return Fingerprint(tuple(int(v) for v in m.hashvalues), len(grams))


def similarity(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0.0 if either has none)."""
    if len(a.values) != len(b.values):
        raise ValueError("fingerprints of different sizes")
    if not a.shingles or not b.shingles:
        return 0.0
    return float(np.count_nonzero(np.asarray(a.values) == np.asarray(b.values))) / len(a.values)


def band_keys(fp: Fingerprint) -> list[int]:
    """One signed 64-bit key per LSH band (``BANDS`` bands of ``ROWS`` values; index = band);
    texts sharing a key in some band are reprint candidates. Empty for a text without words."""
    if not fp.shingles:
        return []
    if len(fp.values) != BANDS * ROWS:
        raise ValueError(f"expected {BANDS * ROWS} values, got {len(fp.values)}")
    raw = np.asarray(fp.values, dtype="<u4").tobytes()
    step = 4 * ROWS
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + raw[band * step:(band + 1) * step],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]


def is_reprint(a: Fingerprint, b: Fingerprint, threshold: float = REPRINT_THRESHOLD) -> bool:
    """Whether two fingerprints are near-duplicates at the reprint threshold."""
    return similarity(a, b) >= threshold
