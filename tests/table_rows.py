"""The test tables (tests/tables/*.tsv) and the corpus text their rows point into.

The repository holds no text copied from third-party articles. A row that tests a real sentence
names it by position in the Baly 2018 corpus, which lies outside the repository in ../shared
(beside the checkout; ISNAD_SHARED names another folder): `file` is the claim file in
data/baly2018/claims, `article` the index in its "article" list, `start` and `end` the character
offsets of the text in that article. A row written for the tests holds its text itself (its `file`
is "-" and it has no offsets). A test outside the tables names a corpus text the same way with
BalyText, read when the test runs. The scripts read the tables through this module too.
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ISNAD_SHARED") or ROOT.parent / "shared")
BALY_CLAIMS = SHARED / "data" / "baly2018" / "claims"
TABLES = ROOT / "tests" / "tables"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV table in tests/tables (first line: column names; no quoting)."""
    lines = (TABLES / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def table_row_ids(rows: list[dict[str, str]]) -> list[str]:
    """Each row's id as the known-miss lists name it: its file and its line in the table (R-1.json:2)."""
    return [f"{row['file']}:{line}" for line, row in enumerate(rows, start=2)]


def require_shared(path: Path) -> Path:
    """``path`` in the corpus folder. When it is missing a test is skipped, saying why, unless
    ISNAD_REQUIRE_SHARED=1 (as in .ci/run) or a script (no pytest) asks: then it is an error."""
    if path.exists():
        return path
    message = (f"{path} is missing: the tests point into the corpora in {SHARED} "
               "(../shared beside the repository; set ISNAD_SHARED to use another folder)")
    if os.environ.get("ISNAD_REQUIRE_SHARED") == "1" or "pytest" not in sys.modules:
        raise FileNotFoundError(message)
    import pytest

    pytest.skip(message)


@lru_cache(maxsize=None)
def _read_baly_claim_file(file: str) -> str:
    return require_shared(BALY_CLAIMS / file).read_text(encoding="utf-8")


def baly_claim_file(file: str) -> dict:
    """One Baly 2018 claim file in ../shared (a fresh dict); a clear error when it is missing."""
    return json.loads(_read_baly_claim_file(file))


def baly_articles(file: str) -> list[str]:
    """The article texts of one Baly 2018 claim file in ../shared."""
    return baly_claim_file(file)["article"]


class BalyText(NamedTuple):
    """A text in the Baly 2018 corpus by position, read at test time: characters start:end of article ARTICLE
    of claim file FILE, or (no article) the file's claim."""

    file: str
    article: int | None = None
    start: int = 0
    end: int | None = None

    @property
    def text(self) -> str:
        whole = baly_claim_file(self.file)["claim"] if self.article is None else baly_articles(self.file)[self.article]
        return whole[self.start:self.end]

    @property
    def label(self) -> str:
        """A short test id: R-10.json:claim, R-10.json:2:322."""
        where = "claim" if self.article is None else f"{self.article}:{self.start}"
        return f"{self.file}:{where}"


def baly_excerpt(file: str, picks: list[dict]) -> dict:
    """A smaller claim file built from a Baly one: for each pick, the article at its index, cut down to its
    spans (joined by newlines), with that article's url, stance and rationale."""
    full = baly_claim_file(file)
    kept = [pick["article"] for pick in picks]
    excerpt = {key: full[key] for key in ("id", "claim", "fact")}
    excerpt["article"] = ["\n".join(full["article"][i][start:end] for start, end in pick["spans"])
                          for i, pick in zip(kept, picks)]
    for key in ("url", "stance", "rationale"):
        excerpt[key] = [full[key][i] for i in kept]
    return excerpt


def row_text(row: dict[str, str], column: str = "sentence") -> str:
    """The text a row tests: written in COLUMN, or else the corpus span its file/article/start/end name."""
    if row.get(column):
        return row[column]
    return BalyText(row["file"], int(row["article"]), int(row["start"]), int(row["end"])).text
