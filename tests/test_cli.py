"""The command line: formats, exit status, batches with bad inputs, and the scorer's date/dateline."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from isnad.cli import main

from conftest import EXAMPLE, SHARED


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_text_report(example_text):
    result = run("analyze", str(EXAMPLE), "--explain", "--bidi", "logical")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "khanasir-2016-02-25" in out and "2016-02-25" in out
    assert "حلب" in out and "عمار البكور" in out and "question headline" in out


def test_visual_order_for_plain_terminals():
    result = run("analyze", str(EXAMPLE), "--bidi", "visual")
    assert result.exit_code == 0
    title_line = next(line for line in result.output.splitlines() if line.startswith("Title"))
    assert title_line.split(None, 1)[1].startswith("؟")  # the question mark ends the sentence: leftmost


def test_json_record_validates(check_record):
    result = run("analyze", str(EXAMPLE), "--format", "json")
    assert result.exit_code == 0
    record = check_record(json.loads(result.output))
    assert record["id"] == "khanasir-2016-02-25" and record["schema"] == "isnad.article/1"


def test_batch_with_failures_exits_1_and_keeps_going(tmp_path, check_record):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "empty.txt"), str(EXAMPLE),
                                       str(tmp_path / "bad.json"), str(tmp_path / "missing.txt"),
                                       "--format", "jsonl"])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["khanasir-2016-02-25"]
    check_record(records[0])
    for name in ("empty.txt: empty input", "bad.json: malformed JSON", "missing.txt: no such file"):
        assert name in result.stderr


def test_stdin_and_published_option(example_text):
    result = run("analyze", "-", "--format", "jsonl", "--published", "1 آذار 2016", input=example_text)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["published"] == "2016-03-01" and record["id"].startswith("doc-")


def test_usage_error_exits_2():
    assert run("analyze").exit_code == 2


def test_schema_command():
    result = run("schema")
    assert json.loads(result.output)["properties"]["schema"]["const"] == "isnad.article/1"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval/score.py")
def test_scorer_gives_full_marks_on_date_and_dateline(tmp_path):
    pred = tmp_path / "pred.jsonl"
    result = run("analyze", str(EXAMPLE), "--format", "jsonl")
    pred.write_text(result.output, encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"),
                             str(SHARED / "examples" / "khanasir-2016-02-25.gold.json"), "--pred", str(pred)],
                            capture_output=True, text=True, check=True).stdout
    lines = {line.split()[0]: line for line in scored.splitlines() if line.strip()}
    assert "F1=1.000" in lines["date"] and "F1=1.000" in lines["dateline"]


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "isnad.cli", "analyze", str(EXAMPLE), "--format", "jsonl"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["published"] == "2016-02-25"
