"""The section's own text before a table read from text lines stays the section's text.

A table read from a stream of lines (copied web text, a .txt file, a PDF whose table is not ruled) starts at
its first table-like line (caption, header, units), never at the section's heading or at a sentence that
happens to hold one of the table's words ("四、政府信息公开行政复议、行政诉讼情况", "其中自然人申请4件。").
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint.layouts import SECTION_OF_TABLE
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from gklint.testing import build_case_report

from render import render_text
from strategies import reports

CELLS = {"三.new.natural": 3, "三.new.total": 3, "三.granted.natural": 3, "三.granted.total": 3,
         "三.total.natural": 3, "三.total.total": 3, "四.review.upheld": 1, "四.review.total": 1}
RENDERS = [{"sep": None}, {"sep": " "}, {"sep": "\t"},
           {"sep": None, "one_line": True}, {"sep": " ", "one_line": True}, {"sep": "\t", "one_line": True}]
# (section, sentence, the rule its figure disagrees with the tables in)
SENTENCES = [
    ("requests", "本年度新收政府信息公开申请4件，其中自然人申请4件。", "N101"),  # 3 in the table
    ("appeals", "本年度因政府信息公开引起的行政复议2件。", "N103"),  # 1 in the table
    ("appeals", "行政复议2件。", "N103"),  # a sentence that starts with the table's first header word
    ("appeals", "本年度未发生政府信息公开行政复议、行政诉讼。", "N301"),  # 1 in the table
]


@pytest.mark.parametrize("render", RENDERS, ids=str)
@pytest.mark.parametrize("section,sentence,rule", SENTENCES)
def test_a_sentence_before_the_table_is_kept_and_checked(section, sentence, rule, render):
    report = build_case_report({"cells": CELLS, "sections": {section: sentence}, "render": render})
    [text] = [s.text for s in report.sections if s.id == section]
    assert text == sentence
    assert rule in [d.rule for d in gklint.check(report).diagnostics]
    assert report.cell("三", "new", "natural").value == 3 and report.cell("四", "review", "upheld").value == 1


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


# sentences holding the words a table's header starts with (its markers), each ending as a sentence does
_PROSE = ["本年度新收申请{n}件，其中自然人申请{n}件。", "申请人情况详见下表，共{n}件。",
          "本年度发生政府信息公开行政复议{n}件、行政诉讼{n}件。", "行政复议{n}件，结果维持{n}件。",
          "本列数据的勾稽关系为第一项加第二项之和；", "主动公开信息内容共{n}条。"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from([None, "\t", "  "]), st.sampled_from(_PROSE), st.integers(0, 999),
       st.sampled_from(sorted(SECTION_OF_TABLE)))
def test_a_sentence_before_any_table_stays_in_its_section(report, sep, prose, n, key):
    """Property: a sentence put right before a table (the end of its section's text), in every text render, is
    read back in its section, and every table is read as without it."""
    sentence = prose.format(n=n)
    section = next(s for s in report.sections if s.id == SECTION_OF_TABLE[key])
    section.text = f"{section.text}\n{sentence}" if section.text else sentence
    back = recognise(read_text("r.txt", render_text(report, sep=sep)))
    [text] = [s.text for s in back.sections if s.id == section.id]
    assert sentence in text.split("\n")
    assert _cells(back) == _cells(report)
