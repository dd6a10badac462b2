"""The table engine: identities as pandera checks over stacked reports, and its guarantees."""

import copy

import gklint
from gklint.engine import run as run_mod
from gklint.engine.rules import load_rules, parse_rule
from gklint.engine.tables import compile_rules
from gklint.core.model import Cell

from conftest import FIXTURES


def _report():
    return gklint.extract(FIXTURES / "huangyuan-2021.txt")


def test_identities_compile_to_weighted_sums():
    compiled = compile_rules(tuple(r for r in load_rules() if r.kind in ("identity", "cell")), "2021")
    by_rule = {}
    for inst in compiled.instances:
        by_rule.setdefault(inst.rule.id, []).append(inst)
    assert len(by_rule["T301"]) == 7 and len(by_rule["T302"]) == 7  # one per column of table 三
    assert len(by_rule["T303"]) == 25  # one per data row of table 三 (2021)
    assert len(by_rule["T401"]) == 3
    t302 = by_rule["T302"][0]
    assert len(t302.left) == 21  # 2 + 8 + 3 + 5 + 3 result rows of 2021 (group headings excluded)
    old = compile_rules(tuple(r for r in load_rules() if r.kind == "identity"), "2019")
    old_t302 = [i for i in old.instances if i.rule.id == "T302"][0]
    assert len(old_t302.left) == 19  # 2019: （六）其他处理 is a single row


def test_a_blank_term_is_not_taken_for_zero():
    report = _report()
    report.tables["三"].cells[("total", "natural")] = Cell.blank()
    report.tables["三"].cells[("granted", "natural")] = Cell.number(2)
    diags = gklint.check(report, select=["T", "C2"]).diagnostics
    rules = {(d.rule, d.location.row, d.location.column) for d in diags}
    assert ("C201", "（七）总计", "自然人") in rules  # the blank is reported as such
    assert not [d for d in diags if d.rule == "T302"]  # but no sum over an unknown cell
    assert [d.location.row for d in diags if d.rule == "T303"] == ["（一）予以公开"]


def test_batch_gives_each_report_its_own_findings():
    clean, broken = _report(), _report()
    broken.tables["四"].cells[("litigation_direct", "pending")] = Cell.number(3)
    batch = gklint.check_many([clean, broken, clean], select=["T", "C"])
    assert [len(f.diagnostics) for f in batch.files] == [0, 1, 0]
    [d] = batch.files[1].diagnostics
    assert (d.rule, d.location.row, d.location.column, d.expected, d.found) == \
        ("T401", "未经复议直接起诉", "总计", 3, 0)


def test_both_layouts_in_one_batch():
    report21 = _report()
    data = gklint.to_json(report21)
    data["layout"] = "2019"
    data["tables"]["二"] = {"规章": {"本年新制作数量": 1, "本年新公开数量": 1, "对外公开总数量": 4}}
    data["tables"]["三"].pop("（六）其他处理", None)
    for label in list(data["tables"]["三"]):
        if label.startswith(("1.申请人", "2.申请人", "3.其他")):
            data["tables"]["三"].pop(label)
    data["tables"]["三"]["（六）其他处理"] = {c: 0 for c in data["tables"]["三"]["（七）总计"]}
    data["tables"]["三"]["（六）其他处理"]["总计"] = 1
    batch = gklint.check_many([report21, data], select=["T"])
    assert batch.files[1].layout == "2019"
    assert batch.files[0].diagnostics == []
    assert {d.rule for d in batch.files[1].diagnostics} == {"T302", "T303"}


def test_a_crashing_rule_becomes_a_finding(monkeypatch):
    broken = parse_rule({"id": "S999", "name": "broken", "kind": "structure", "check": "overview_length",
                         "severity": "error",
                         "title": {"zh": "坏规则", "en": "broken"}, "message": "x",
                         "docs": {"what": "a", "why": "b", "example": "c", "fix": "d"}}, "test.yaml")

    def explode(rule, report, ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(run_mod, "evaluator", lambda kind: explode)
    result = gklint.check(_report(), rules=(broken,))
    [d] = result.diagnostics
    assert d.rule == "S999" and d.severity == "warning" and "boom" in d.message


def test_check_does_not_change_the_report():
    report = _report()
    before = copy.deepcopy(report.tables)
    gklint.check(report)
    assert report.tables == before
