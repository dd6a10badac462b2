"""The example outputs in docs/guide.md are what gklint prints today: the guide's folder 草稿/ is built
(the 平潭 page, the 湟源 text, a truncated Word file), the guide's commands are run in it, and every line
the guide shows (its "……" marks what it leaves out) must be a line of the real output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gklint.cli import app

from conftest import FIXTURES

ROOT = Path(__file__).parent.parent
GUIDE = (ROOT / "docs" / "guide.md").read_text("utf-8")
runner = CliRunner()


def block_after(marker: str) -> list[str]:
    """The lines of the first fenced block after ``marker`` in the guide."""
    start = GUIDE.index(marker)
    body = GUIDE[GUIDE.index("```", start):].split("\n", 1)[1]
    return body[: body.index("```")].rstrip("\n").split("\n")


@pytest.fixture(scope="module")
def season(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("season")
    drafts = root / "草稿"
    drafts.mkdir()
    (drafts / "平潭-2021.html").write_bytes((FIXTURES / "pingtan-2021.html").read_bytes())
    (drafts / "湟源县政府办-2021.txt").write_bytes((ROOT / "samples" / "huangyuan-2021.txt").read_bytes())
    (drafts / "某局-2021.docx").write_bytes((FIXTURES / "template-2021.docx").read_bytes()[:3000])
    return root


def run(season: Path, monkeypatch, *args: str) -> list[str]:
    monkeypatch.chdir(season)
    result = runner.invoke(app, ["check", "草稿/", *args], env={"COLUMNS": "110", "GKLINT_LANG": "zh"})
    assert result.exit_code == 2, result.output  # the truncated Word file
    return [line.rstrip() for line in result.stdout.split("\n")]


def shown(lines: list[str]) -> list[str]:
    return [line.rstrip() for line in lines if line.strip() and line.strip() != "……"]


def test_the_terminal_example_is_the_real_output(season, monkeypatch):
    real = run(season, monkeypatch, "--statistics")
    for marker in ("最后一行是合计。例如：", "合计之前另有按规则的统计表："):
        example = shown(block_after(marker))
        assert example
        missing = [line for line in example if line not in real]
        assert not missing, missing
    # in the same order as printed
    at = 0
    for line in shown(block_after("最后一行是合计。例如：")):
        at = real.index(line, at) + 1  # raises when a line is only found before the one above it


def test_the_concise_and_github_examples_are_real_lines(season, monkeypatch):
    example = shown(block_after("`-f concise`："))
    real = run(season, monkeypatch, "-f", "concise")
    assert example and not [line for line in example if line not in real]
    example = shown(block_after("`-f github`："))
    real = run(season, monkeypatch, "-f", "github")
    assert example and not [line for line in example if line not in real]


def test_the_jsonl_and_json_examples_are_real_objects(season, monkeypatch):
    example = json.loads(" ".join(block_after("`-f jsonl`")))
    real = [json.loads(line) for line in run(season, monkeypatch, "-f", "jsonl") if line]
    assert example in real
    excerpt = json.loads("\n".join(block_after("`-f json`（节选）")))
    whole = json.loads("\n".join(run(season, monkeypatch, "-f", "json")))
    assert excerpt["summary"] == whole["summary"]
    real_file = next(f for f in whole["files"] if f["path"] == excerpt["files"][0]["path"])
    assert {k: real_file[k] for k in ("path", "layout", "meta")} == {k: excerpt["files"][0][k] for k in ("path", "layout", "meta")}
    assert all(d in real_file["diagnostics"] for d in excerpt["files"][0]["diagnostics"])


def test_no_example_says_a_line_of_page_source_for_a_web_page():
    """A web page's finding is placed by section and quote: no example shows 第349行 (its page-source line)."""
    assert not re.search(r"\.html[^\n]*第\d+行", GUIDE)
