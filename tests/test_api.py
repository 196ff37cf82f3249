"""The public Python API: isnad.load(), nlp(text), nlp.pipe(), components switched off and added,
and one pipeline shared by threads."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import isnad
from isnad.analysis.doc import ArticleDoc
from isnad.analysis.pipeline import Pipeline, PipelineError
from isnad.record import Article
from isnad.text.inputs import read_documents

from conftest import SHARED, require_shared

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "khanasir-2016-02-25.txt"


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return isnad.load()


def baly_articles(n: int) -> list[str]:
    """The first ``n`` articles of the Baly 2018 claim files, in file order."""
    texts: list[str] = []
    for path in sorted(require_shared(SHARED / "data" / "baly2018" / "claims").glob("*.json")):
        texts.extend(t for t in json.loads(path.read_text(encoding="utf-8"))["article"] if t.strip())
        if len(texts) >= n:
            break
    return texts[:n]


def test_load_gives_the_standard_components(nlp):
    assert nlp.pipe_names == ["anatomy", "ner", "entities", "claims", "time", "events", "perspective"]
    assert isnad.load().resources is nlp.resources  # the packaged resources are built once


def test_the_record_is_what_the_cli_prints(nlp):
    article = nlp(EXAMPLE.read_text(encoding="utf-8"), id=EXAMPLE.stem)
    assert isinstance(article, Article)
    cli = subprocess.run([sys.executable, "-m", "isnad.cli", "analyze", str(EXAMPLE), "--format", "json"],
                         capture_output=True, text=True, check=True)
    printed = json.loads(cli.stdout)
    ours = json.loads(article.model_dump_json())
    # the CLI names the input it read; the text given to nlp() has no name
    assert printed.pop("source") == str(EXAMPLE) and ours.pop("source") == "<text>"
    assert ours["decisions"][0]["rule"] == "read from <text>"
    printed["decisions"][0]["rule"] = ours["decisions"][0]["rule"]
    assert ours == printed


def test_pipe_yields_the_records_in_order(nlp):
    texts = baly_articles(5)
    assert [a.to_json() for a in nlp.pipe(texts, batch_size=2)] == [nlp(t).to_json() for t in texts]


def test_pipe_reads_documents_and_takes_a_date(nlp):
    docs = [d for d in read_documents([str(EXAMPLE)])]
    (article,) = nlp.pipe(docs, published="2016-03-01")
    assert article.published == "2016-03-01" and article.source == str(EXAMPLE)


def test_pipe_reads_no_further_than_one_batch(nlp):
    taken: list[int] = []

    def texts():
        for i in range(10):
            taken.append(i)
            yield "قال مصدر محلي إن الاشتباكات توقفت."

    records = nlp.pipe(texts(), batch_size=3)
    next(records)
    assert taken == [0, 1, 2]


def test_threads_share_one_pipeline(nlp):
    texts = baly_articles(40)
    sequential = [nlp(t).to_json() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda t: nlp(t).to_json(), texts))
    assert threaded == sequential


def test_a_component_can_be_switched_off(nlp):
    text = EXAMPLE.read_text(encoding="utf-8")
    quiet = isnad.load(disable=["perspective", "ner"])
    assert quiet.pipe_names == ["anatomy", "entities", "claims", "time", "events"]
    article = quiet(text)
    assert article.perspective.article.markers == [] and article.claims
    assert nlp(text).perspective.article.markers


def test_a_component_others_need_cannot_be_switched_off():
    with pytest.raises(PipelineError, match="'claims' requires entities"):
        isnad.load(disable=["entities"])
    with pytest.raises(PipelineError, match="cannot disable"):
        isnad.load(disable=["no such component"])


@dataclass(frozen=True)
class ReportedOnly:
    """A user's component: keep only the events a source reports as having happened."""

    name: str = "reported_only"
    requires: tuple[str, ...] = ("events",)
    assigns: tuple[str, ...] = ("events",)

    def __call__(self, doc: ArticleDoc) -> ArticleDoc:
        dropped = [e.id for e in doc.events if e.status != "reported"]
        doc.events = [e for e in doc.events if e.status == "reported"]
        doc.decide("events", f"user filter: dropped {', '.join(dropped)}")
        return doc


def test_a_users_component_runs_where_it_is_added():
    text = EXAMPLE.read_text(encoding="utf-8")
    nlp = isnad.load()
    nlp.add_pipe(ReportedOnly(), after="events")
    assert nlp.pipe_names[-2:] == ["reported_only", "perspective"]
    article = nlp(text)
    assert article.events and {e.status for e in article.events} == {"reported"}
    assert any(d.rule.startswith("user filter: dropped v2") for d in article.decisions)
    with pytest.raises(PipelineError, match="requires events"):
        isnad.load().add_pipe(ReportedOnly(), before="events")


def test_readme_example_runs(monkeypatch):
    """The README's Python API example, executed as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code, "the README's Python API section has no python block"
    monkeypatch.chdir(ROOT)
    exec(compile(code.group(1), "README.md", "exec"), {})
