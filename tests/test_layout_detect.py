"""One layout detector (gklint.layouts.detect) for every input: documents (text, Word, PDF, HTML) and gklint
JSON written without its ``layout`` field."""

from __future__ import annotations

import pytest

from gklint import layouts
from gklint.recognise.json_format import from_json, to_json
from gklint.layouts import detect
from gklint.testing import consistent_reports

OLD_TWO = {"规章": {"本年新制作数量": 1, "本年新公开数量": 1, "对外公开总数量": 3}}  # 2019 wording only
NEW_TWO = {"规章": {"本年制发件数": 1, "本年废止件数": 0, "现行有效件数": 3}}  # 2021 wording only


def test_json_in_the_old_wording_is_read_with_the_old_layout():
    """The rows of table 二 are the same in both layouts; its columns tell them apart (this was a ReadError:
    the rows tied, the newest layout won, and its table 二 has no column 本年新制作数量)."""
    report = from_json({"gklint": 1, "tables": {"二": OLD_TWO}})
    assert report.layout == "2019"
    assert report.value("二", "regulations", "made") == 1


def test_peculiar_labels_outweigh_the_report_year():
    report = from_json({"gklint": 1, "meta": {"year": 2020}, "tables": {"二": NEW_TWO}})
    assert report.layout == "2021"
    assert report.value("二", "regulations", "in_force") == 3


def test_the_report_year_breaks_a_tie():
    """Labels both layouts share leave the year to decide, as for a document."""
    rows = {"行政复议": {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 0, "总计": 1}}
    assert from_json({"gklint": 1, "meta": {"year": 2020}, "tables": {"四": rows}}).layout == "2019"
    assert from_json({"gklint": 1, "meta": {"year": 2022}, "tables": {"四": rows}}).layout == "2021"
    assert from_json({"gklint": 1, "tables": {"四": rows}}).layout == "2021"  # no year: the newest


@pytest.mark.parametrize("report", consistent_reports(6, seed=3), ids=lambda r: f"{r.layout}-{r.meta.year}")
def test_json_without_its_layout_is_detected_as_written(report):
    data = to_json(report)
    del data["layout"]
    assert from_json(data).layout == report.layout


def test_score_counts_read_cells_tables_with_peculiar_labels_and_the_year():
    new, old = layouts.get("2021"), layouts.get("2019")
    found = detect.markers({layouts.normalise("本年新制作数量")}, "", old)
    assert found == {"二": ("本年新制作数量",)}
    assert detect.markers({layouts.normalise("本年新制作数量")}, "", new) == {}
    cells = len(old.table("二").cells())
    assert detect.score(old, 7, found, 2022) == 7 + cells
    assert detect.score(old, 7, found, 2020) == 7 + cells + detect.YEAR_WEIGHT
    assert detect.best([(5, new), (5, old)]) is new
    assert detect.best([(5, new), (6, old)]) is old
    assert detect.best([]) is None
