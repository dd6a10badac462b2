"""Outputs need only the Result: with every report model dropped, each renders what it did with them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

import gklint
from gklint.output import FORMATS
from gklint.output.terminal import render

from conftest import FIXTURES, ROOT

FILES = [FIXTURES / "huangyuan-2021.txt", ROOT / "tests" / "corpus" / "lyy-2025.txt"]


def _terminal(result) -> str:
    out = io.StringIO()
    render(result, Console(file=out, width=120, color_system=None))
    return out.getvalue()


@pytest.fixture(scope="module")
def result():
    return gklint.check_many(FILES, isolate=False)


def test_the_terminal_shows_excerpts_sections_and_layout_without_the_report(result):
    with_reports = _terminal(result)
    kept = [f.report for f in result.files]
    try:
        for f in result.files:
            f.report = None
        assert _terminal(result) == with_reports
    finally:
        for f, report in zip(result.files, kept):
            f.report = report
    assert "国办公开办函〔2021〕30号" in with_reports and "三、收到和处理政府信息公开申请情况" in with_reports
    assert "│" in with_reports  # an excerpt panel


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if not f.binary and not f.console])
def test_text_outputs_do_not_need_the_report(result, name):
    kept = [f.report for f in result.files]
    render_ = FORMATS[name].render()
    before = render_(result, lang="zh")
    try:
        for f in result.files:
            f.report = None
        assert render_(result, lang="zh") == before
    finally:
        for f, report in zip(result.files, kept):
            f.report = report
