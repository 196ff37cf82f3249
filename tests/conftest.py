"""Shared fixtures: the example article, the test tables (see table_rows), the published schema, and a walker
over record spans."""

from __future__ import annotations

import json
import os

import pytest
from jsonschema import Draft202012Validator

from table_rows import (ROOT, SHARED, TABLES, BalyText, baly_excerpt, read_table, require_shared, row_text,  # noqa: F401 (re-exported)
                        table_row_ids)

EXAMPLE = ROOT / "examples" / "khanasir-2016-02-25.txt"


def known_misses(name: str) -> set[str]:
    """Row ids listed in tests/tables/NAME (a known-misses file): the rows a stage gets wrong today."""
    path = TABLES / name
    if not path.exists():
        return set()
    return {line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip()}


def table_params(rows: list[dict], misses_file: str):
    """pytest params for table rows, with their ids; a row listed as a known miss is a strict expected failure
    (of its assertions only: a missing ../shared fails it like any other row)."""
    misses = known_misses(misses_file)
    known_miss = pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"known miss, listed in {misses_file}")
    for row, rid in zip(rows, table_row_ids(rows)):
        yield pytest.param(row, id=rid, marks=[known_miss] if rid in misses else [])


def norm_words(s: str) -> str:
    """Matching form for comparing spans: folded, tatweel and extra spaces gone."""
    from isnad.text.normalize import fold

    return " ".join(fold(s).replace("ـ", "").split())


def without_conjunction(s: str) -> str:
    """A cue or trigger without a leading و/ف (وأضاف → أضاف)."""
    s = norm_words(s)
    return s[1:] if len(s) > 3 and s[0] in "وف" else s


def iter_spans(node, path="$"):
    """Every object in a record dict that has start, end and text."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and node["start"] is not None and node["text"] is not None:
            yield path, node
        for key, value in node.items():
            yield from iter_spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from iter_spans(value, f"{path}[{i}]")


def assert_spans_hold(record: dict) -> None:
    text = record["text"]
    for path, span in iter_spans({k: v for k, v in record.items() if k != "text"}):
        assert text[span["start"]:span["end"]] == span["text"], path


@pytest.fixture(scope="session")
def validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "schema" / "article.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def check_record(validator):
    """Validate a record dict against the published schema and the span invariant."""

    def check(record: dict) -> dict:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors)
        assert_spans_hold(record)
        return record

    return check


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


PG_URL = os.environ.get("ISNAD_TEST_POSTGRES")
REQUIRE_PG = os.environ.get("ISNAD_REQUIRE_POSTGRES") == "1"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import text as sql

    from isnad.corpus.store import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sql("DROP SCHEMA public CASCADE"))
        conn.execute(sql("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty corpus database of each kind: an SQLite file, and the PostgreSQL server named by
    ISNAD_TEST_POSTGRES (`.ci/run` starts one with scripts/test-postgres.sh; without it these skip,
    unless ISNAD_REQUIRE_POSTGRES=1 makes that a failure)."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("ISNAD_REQUIRE_POSTGRES=1 but ISNAD_TEST_POSTGRES is not set")
        pytest.skip("no PostgreSQL server: scripts/test-postgres.sh starts one and sets ISNAD_TEST_POSTGRES")
    _reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(scope="session")
def pipeline():
    """The packaged analysis pipeline, loaded once."""
    from isnad.analysis.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def classifier():
    """The packaged stance model, loaded once."""
    from isnad.verify.stance import StanceClassifier

    return StanceClassifier.load()
