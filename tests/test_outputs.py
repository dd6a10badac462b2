"""Issue 10's outputs, each checked against ``--format json`` on the same files (the reference result):
SARIF validated against the official 2.1.0 schema, JSON lines, GitHub annotations, concise lines, the
spreadsheet read back with openpyxl, ``-o`` for every format in UTF-8 (also when the console is GBK),
and the Word draft annotated with one comment per finding, anchored on its place, nothing else changed.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gklint.cli import app
from gklint.core.diagnostic import SEVERITY_WORDS
from gklint.output import FORMATS

from conftest import FIXTURES

runner = CliRunner()
HUANGYUAN = FIXTURES / "huangyuan-2021.txt"
SCHEMA = FIXTURES / "sarif-schema-2.1.0.json"

_spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
make_docx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docx)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[Path]:
    """Two readable reports (one with findings in tables and text) and one unreadable file."""
    folder = tmp_path_factory.mktemp("batch")
    bad = folder / "损坏.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    return [HUANGYUAN, FIXTURES / "pingtan-2021.html", bad]


@pytest.fixture(scope="module")
def reference(batch) -> dict:
    result = run("check", *batch, "--format", "json")
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert sum(len(f["diagnostics"]) for f in data["files"]) > 5 and any("error" in f for f in data["files"])
    return data


def findings_of(data) -> list[tuple]:
    return [(f["path"], d["rule"], d["severity"], d["message"]) for f in data["files"] for d in f["diagnostics"]]


# --------------------------------------------------------------------------- registry


def test_every_registered_format_is_a_cli_choice_with_help():
    result = run("check", "--help")
    for name, fmt in FORMATS.items():
        assert name in result.stdout
    assert set(FORMATS) >= {"terminal", "json", "jsonl", "concise", "github", "sarif", "xlsx", "html"}


# --------------------------------------------------------------------------- SARIF


def test_sarif_validates_against_the_official_schema_and_holds_every_finding(batch, reference):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("check", *batch, "--format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    got = [(r["ruleId"], r["level"], r["message"]["text"]) for r in run_["results"]]
    level = {"error": "error", "warning": "warning", "info": "note"}
    assert got == [(rule, level[sev], msg) for _, rule, sev, msg in findings_of(reference)]
    for r in run_["results"]:  # each result points at its rule's metadata, from the rule packs
        descriptor = rules[r["ruleIndex"]]
        assert descriptor["id"] == r["ruleId"] and descriptor["shortDescription"]["text"]
        assert "如何改正" in descriptor["help"]["text"]
    unreadable = [f for f in reference["files"] if "error" in f]
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [f["error"] for f in unreadable]
    assert run_["invocations"][0]["executionSuccessful"] is False


def test_sarif_keeps_lines_and_table_cells():
    log = json.loads(run("check", HUANGYUAN, "--format", "sarif").stdout)
    results = log["runs"][0]["results"]
    text = [r for r in results if "region" in r["locations"][0]["physicalLocation"]]
    # a table cell is a result's location (table rules) or a related location (a sentence compared with it)
    cells = [loc for r in results for loc in r["locations"] + r.get("relatedLocations", [])
             if loc.get("logicalLocations", [{}])[0].get("kind") == "table cell"]
    assert text and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in text)
    assert cells and all(loc["logicalLocations"][0]["name"].startswith("表") for loc in cells)


# --------------------------------------------------------------------------- JSON lines, GitHub, concise


def test_jsonl_is_one_object_per_finding_and_per_unreadable_file(batch, reference):
    result = run("check", *batch, "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    found = [(r["path"], r["rule"], r["severity"], r["message"]) for r in records if r["type"] == "finding"]
    assert found == findings_of(reference)
    assert [(r["path"], r["error"]) for r in records if r["type"] == "error"] == \
        [(f["path"], f["error"]) for f in reference["files"] if "error" in f]
    assert len(records) == len(found) + 1


def test_github_annotations(batch, reference):
    lines = run("check", *batch, "--format", "github").stdout.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,:]+)(?:,line=(\d+))?,title=([^:]*)::(.*)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed) if not m]
    command = {"error": "error", "warning": "warning", "info": "notice"}
    want = [(command[sev], path, rule, msg) for path, rule, sev, msg in findings_of(reference)]
    got = [(m[1], m[2], m[4].split(" ")[0], m[5].split("%0A")[0].replace("%25", "%")) for m in parsed
           if m[4] != "gklint"]
    assert got == want
    unreadable = [m for m in parsed if m[4] == "gklint" and m[1] == "error"]  # the unreadable file
    assert len(unreadable) == 1 and unreadable[0][2] not in unreadable[0][5]  # named by file=, not again


def test_github_escapes_what_would_break_a_command():
    from gklint.output.github import annotation

    line = annotation("error", "50%\n第二行", file="a,b:c.txt", title="T1 x")
    assert line == "::error file=a%2Cb%3Ac.txt,title=T1 x::50%25%0A第二行"


def test_concise_is_one_line_per_finding(batch, reference):
    lines = run("check", *batch, "--format", "concise").stdout.splitlines()
    want = findings_of(reference)
    assert len(lines) == len(want) + 1
    pattern = re.compile(r"^(.+?):(?:(\d+):)? ([A-Z]\d{3}|ERROR) \[(error|warning|info)\] (.*)$")
    for line, (path, rule, severity, message) in zip(lines, want):
        m = pattern.match(line)
        assert m and (m[1], m[3], m[4]) == (path, rule, severity) and m[5].startswith(message), line
    unreadable = [line for line in lines if " ERROR [error] " in line]
    assert len(unreadable) == 1
    path = unreadable[0].split(": ERROR")[0]
    assert unreadable[0].count(path) == 1  # the path once, not again in the reason


def test_concise_names_the_line_of_a_text_finding():
    data = json.loads(run("check", HUANGYUAN, "--format", "json").stdout)
    lines = run("check", HUANGYUAN, "--format", "concise").stdout.splitlines()
    for d, line in zip(data["files"][0]["diagnostics"], lines):
        n = d["location"].get("source", {}).get("line")
        assert line.startswith(f"{HUANGYUAN}:{n}: " if n else f"{HUANGYUAN}: ")


# --------------------------------------------------------------------------- -o and encodings


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if not f.binary])
def test_output_file_for_every_text_format_is_utf8_and_is_what_stdout_shows(name, tmp_path):
    out = tmp_path / f"out.{name}"
    to_file = run("check", HUANGYUAN, "--format", name, "-o", out)
    assert to_file.exit_code == 1, to_file.output
    written = out.read_bytes().decode("utf-8")
    assert "湟源" in written or "县人民政府" in written
    if name not in ("terminal", "html"):  # the console formats print as they go; the rest are the same text
        assert to_file.stdout == ""
        assert written == run("check", HUANGYUAN, "--format", name).stdout


def _gklint(*args, encoding="gbk"):
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(Path(__file__).parents[1]))
    return subprocess.run([sys.executable, "-m", "gklint", *map(str, args)], capture_output=True, env=env,
                          timeout=600)


@pytest.mark.parametrize("name", ["terminal", "json", "concise", "github", "jsonl"])
def test_redirected_stdout_on_a_gbk_console_is_utf8(name, tmp_path):
    # A path with a character GBK cannot encode: a GBK stream would fail or replace it with "?".
    source = tmp_path / "报告\u2460.txt"
    source.write_bytes(HUANGYUAN.read_bytes())
    proc = _gklint("check", source, "--format", name)
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    text = proc.stdout.decode("utf-8")  # raises if the bytes are GBK
    assert "报告\u2460.txt" in text and "表二" in text


def test_binary_format_needs_an_output_file():
    result = run("check", HUANGYUAN, "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.output


def test_unwritable_output_file_is_a_plain_error(tmp_path):
    result = run("check", HUANGYUAN, "--format", "json", "-o", tmp_path / "无此目录" / "out.json")
    assert result.exit_code == 2 and "无法写入" in result.output and "Traceback" not in result.output


# --------------------------------------------------------------------------- spreadsheet


def test_xlsx_reads_back_as_the_json_findings(batch, reference, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from gklint.output.xlsx import display_width

    out = tmp_path / "findings.xlsx"
    result = run("check", *batch, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2 and out.read_bytes()[:2] == b"PK"
    book = openpyxl.load_workbook(out)
    findings, files = book.worksheets
    header = [c.value for c in findings[1]]
    assert header == ["文件", "机关", "年度", "部分", "表", "行", "列", "规则", "严重程度", "问题", "应为", "实为",
                      "位置", "原文"]
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref.startswith("A1:N")
    rows = [[c.value for c in row] for row in findings.iter_rows(min_row=2)]

    def shown(value):
        return value if value is None or isinstance(value, (int, float, str)) else json.dumps(value, ensure_ascii=False)

    want = []
    for f in reference["files"]:
        for d in f["diagnostics"]:
            loc = d["location"]
            want.append([f["path"], f.get("meta", {}).get("agency"), f.get("meta", {}).get("year"), loc.get("table"),
                         loc.get("row"), loc.get("column"), d["rule"], SEVERITY_WORDS["zh"][d["severity"]], d["message"],
                         shown(d["expected"]), shown(d["found"]), loc.get("quote")])
    assert [r[:3] + r[4:12] + r[13:] for r in rows] == want
    assert all(r[12] for r in rows)  # every finding's place in words
    assert all(r[3] for r in rows)  # every finding names its section
    # the widest Chinese message column is wider than its character count (wide characters count two)
    messages = [r[9] for r in rows]
    assert findings.column_dimensions["J"].width >= min(60, max(map(display_width, messages)))
    summary = [[c.value for c in row] for row in files.iter_rows(min_row=2)]
    assert [s[0] for s in summary] == [f["path"] for f in reference["files"]]
    for s, f in zip(summary, reference["files"]):
        counts = [sum(d["severity"] == k for d in f["diagnostics"]) for k in ("error", "warning", "info")]
        reason = f.get("error") and f["error"].removeprefix(f"{f['path']}: ")  # the file is named in its column
        assert s[3:7] == [f["layout"]] + counts and s[7] == reason


def test_display_width_counts_wide_characters_twice():
    from gklint.output.xlsx import display_width

    assert display_width("表三 total") == 10 and display_width("（一）") == 6


def test_xlsx_keeps_text_that_looks_like_a_formula(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from gklint.core.diagnostic import Diagnostic, FileResult, Result
    from gklint.output.xlsx import render

    result = Result([FileResult("a.txt", "2021", [Diagnostic("T301", "error", "=SUM(A1)\x07x", found="=1")])])
    book = openpyxl.load_workbook(io.BytesIO(render(result)))
    row = [c for c in book.worksheets[0][2]]
    assert row[9].value == "=SUM(A1)\ufffdx" and row[9].data_type == "s" and row[11].value == "=1"


def test_xlsx_opens_in_libreoffice_when_installed(batch, reference, tmp_path):
    """LibreOffice (headless) opens the spreadsheet and reads, cell for cell, the findings of ``--format json``."""
    import csv
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "findings.xlsx"
    run("check", *batch, "--format", "xlsx", "-o", out)
    # CSV of the first sheet: comma, double quote, UTF-8 (76)
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                           str(out)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with open(tmp_path / "findings.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["文件", "机关", "年度"] and rows[0][7:10] == ["规则", "严重程度", "问题"]
    want = [(f["path"], d["rule"], SEVERITY_WORDS["zh"][d["severity"]], d["message"]) for f in reference["files"]
            for d in f["diagnostics"]]
    assert [(r[0], r[7], r[8], r[9]) for r in rows[1:]] == want


def test_jsonl_is_written_as_each_file_is_done(tmp_path):
    """A batch's lines reach the file file by file, before the batch ends (a reader can follow it)."""
    from gklint.core.diagnostic import Diagnostic, FileResult, Result
    from gklint.output import emit, open_sink

    out = tmp_path / "stream.jsonl"
    sink = open_sink("jsonl", out)
    first = FileResult("a.txt", "2021", [Diagnostic("T301", "error", "甲")])
    sink.render_file(first)
    assert [json.loads(line)["message"] for line in out.read_text(encoding="utf-8").splitlines()] == ["甲"]
    second = FileResult("b.txt", error="b.txt: 无法读取")
    sink.render_file(second)
    emit(sink, Result([first, second]))
    assert [json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines()] == ["finding", "error"]


@pytest.mark.parametrize("name", ["jsonl", "sarif", "terminal"])
def test_unwritable_output_file_is_a_plain_error_for_any_format(name, tmp_path):
    result = run("check", HUANGYUAN, "--format", name, "-o", tmp_path / "无此目录" / "out")
    assert result.exit_code == 2 and "无法写入" in result.output and "Traceback" not in result.output


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


try:
    from hypothesis import given, strategies as st

    @given(st.text(), st.text())
    def test_github_annotation_round_trips_any_text(message, path):
        from gklint.output.github import annotation

        from gklint.core.display import printable

        line = annotation("warning", message, file=path)
        assert line.isprintable() or not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in line)
        head, _, body = line.partition("::")[2].partition("::")
        assert "," not in head and ":" not in head
        if printable(message.replace("\r", "").replace("\n", "")) == message.replace("\r", "").replace("\n", ""):
            assert _unescape(body) == message  # plain text (newlines included) comes back as it was
        if printable(path) == path:
            assert _unescape(head[len("warning file="):]) == path
except ImportError:  # hypothesis is in the test extra
    pass
