"""Rule vocabulary is data: the words and limits that decide what a rule reports are its parameters in
rules/*.yaml, and a pack declaring a rule with other values changes what it reports.

Each test loads a built-in rule from a pack file written with one parameter changed, and checks that the
same report gives a finding under one value and none under the other.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from gklint import layouts
from gklint.core.model import Report
from gklint.engine.kinds import Context, evaluator
from gklint.engine.rules import Rule, find, load_pack, load_rules, rules_dir
from gklint.testing import build_case_report


def overridden(tmp_path: Path, rule_id: str, **params) -> Rule:
    """The built-in rule ``rule_id`` as a pack file declares it with ``params`` in place of its own."""
    pack = find(rule_id).pack
    data = yaml.safe_load((rules_dir() / pack).read_text(encoding="utf-8"))
    [item] = [dict(r) for r in data["rules"] if r["id"] == rule_id]
    item.update(params)
    path = tmp_path / pack
    path.write_text(yaml.safe_dump({"rules": [item]}, allow_unicode=True), encoding="utf-8")
    [rule] = load_pack(path)
    return rule


def messages(rule: Rule, report: Report) -> list[str]:
    """What ``rule`` reports on ``report``, weighed against the built-in rules (a claim rule's namesake replaced)."""
    ctx = Context(lang="zh", layout=layouts.get(report.layout), rules=load_rules(), settings={})
    return [d.message for d in evaluator(rule.kind)(rule, report, ctx)]


def test_the_pack_file_as_written_reports_as_the_built_in_rule(tmp_path):
    rule = overridden(tmp_path, "N201")
    report = build_case_report({"sections": {"requests": "全年公开政府信息2645条，其中政务动态1200条、通知公告800条、其他信息500条。"}})
    assert rule.params == find("N201").params
    assert messages(rule, report) == messages(find("N201"), report) != []


def test_outcome_heads_keep_a_list_of_outcomes_from_being_whole(tmp_path):
    # 予以公开, 部分公开, 不予公开 share the verb 公开: other outcomes may be left out, so the list is not whole
    report = build_case_report({"sections": {
        "requests": "本年度共答复政府信息公开申请100件，其中予以公开60件、部分公开10件、不予公开10件。"}})
    assert messages(find("N201"), report) == []
    [found] = messages(overridden(tmp_path, "N201", outcome_heads=[]), report)
    assert "各项之和比总数少20件" in found


def test_bracket_asides_leave_another_figure_out_of_the_bracket(tmp_path):
    # "（上年度结转12件）" states another figure, not what 75 counts: 结转 there does not keep 75 from being received
    report = build_case_report({
        "cells": {"三.new.natural": 70, "三.new.total": 70, "三.carried_over.natural": 12, "三.carried_over.total": 12},
        "sections": {"requests": "本年度共收到政府信息公开申请75件（上年度结转12件）。"}})
    [found] = messages(find("N101"), report)
    assert "75件" in found and "为70" in found
    assert messages(overridden(tmp_path, "N101", bracket_asides=[]), report) == []


def test_word_count_units_make_a_count_of_a_lone_numeral_word(tmp_path):
    report = build_case_report({"cells": {"三.new.natural": 1, "三.new.total": 1},
                                "sections": {"requests": "本年度共收到政府信息公开申请两件。"}})
    [found] = messages(find("N101"), report)
    assert "2件" in found
    assert messages(overridden(tmp_path, "N101", word_count_units=["条"]), report) == []


def test_title_line_bounds_the_lines_that_may_name_the_report(tmp_path):
    # a line of 62 characters naming 政务公开年报, below a short line that names no report
    long_line = "某某县某某局" + "（根据上级工作部署并结合本单位实际情况编写的材料）" * 2 + "政务公开年报"
    report = build_case_report({"text": f"某某县人民政府\n{long_line}\n一、总体情况\n本局全年未收到申请。\n"})
    [found] = messages(find("R103"), report)
    assert "不是政府信息公开工作年度报告" in found
    [found] = messages(overridden(tmp_path, "R103", title_line=len(long_line)), report)
    assert "无法判断所用格式版本" in found


def test_min_and_max_parts_bound_the_counts_of_parts_compared(tmp_path):
    rule_id = next(r.id for r in load_rules() if r.params.get("check") == "promised_parts")
    report = build_case_report({"sections": {
        "overview": "本报告由总体情况、主动公开政府信息情况等13个部分组成，其他需要报告的事项列于最后。"}})
    assert messages(find(rule_id), report) == []
    [found] = messages(overridden(tmp_path, rule_id, max_parts=13), report)
    assert "13个部分" in found
