"""The one place isnad's data files are found and read.

Every lexicon, list, table and model under ``src/isnad/data`` is read through this module, by its
path relative to that folder (``"claims.json"``, ``"lexicon/plain_words.txt"``). Parsed files are
cached (JSON) for the life of the process: they are knowledge, the same for every article, and callers
build their own immutable structures from them and never change what they are given.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


class MissingResource(FileNotFoundError):
    """A data file the package should ship is not there."""


def data_root() -> Traversable:
    """The packaged data folder."""
    return resources.files("isnad") / "data"


def locate(name: str) -> Traversable:
    """A data file by its path under the data folder; an error names it when it is missing."""
    found = data_root().joinpath(*name.split("/"))
    if not found.is_file():
        raise MissingResource(f"isnad data file {name!r} is missing from the package")
    return found


def read_bytes(name: str) -> bytes:
    """A data file's bytes, read anew (large tables are parsed once by their owner); ``.gz``
    files are decompressed."""
    raw = locate(name).read_bytes()
    return gzip.decompress(raw) if name.endswith(".gz") else raw


def read_text(name: str) -> str:
    """A data file as UTF-8 text."""
    return read_bytes(name).decode("utf-8")


@lru_cache(maxsize=None)
def read_json(name: str) -> Any:
    """A JSON data file, parsed once. Treat the result as read-only: it is shared."""
    return json.loads(read_text(name))


def read_words(name: str) -> frozenset[str]:
    """A word list: whitespace-separated words."""
    return frozenset(read_text(name).split())


_extracted: list = []  # keeps files extracted from a zipped package alive for the process


def file_path(name: str) -> Path:
    """A data file as a path on disk, for libraries that open files by name (CRFsuite)."""
    found = locate(name)
    if isinstance(found, Path):
        return found
    manager = resources.as_file(found)
    _extracted.append(manager)
    return manager.__enter__()
