"""A gklint JSON report is read as every other reader reads its document (``read.open``): characters that show
nothing (zero-width space, byte order mark, soft hyphen…) are not part of its free text, labels or cell text."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.engine.rules import load_rules
from gklint.engine.run import check_reports
from gklint.recognise.json_format import from_json, read_json, to_json
from tests.strategies import corrupted_reports

INVISIBLE = "\u200b\ufeff\u00ad\u200d\u2060"


def _sprinkled(text: str, draw) -> str:
    """``text`` with an invisible character put in at a drawn place."""
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(INVISIBLE)) + text[at:]


def _noisy(doc: dict, draw) -> dict:
    """``doc`` with invisible characters in its title, preamble, headings, texts, row and column labels."""
    out = json.loads(json.dumps(doc))
    out["meta"]["title"] = _sprinkled(out["meta"]["title"], draw)
    out["preamble"] = _sprinkled(out["preamble"], draw)
    for section in out["sections"]:
        section["heading"] = _sprinkled(section["heading"], draw)
        section["text"] = _sprinkled(section["text"], draw)
    out["tables"] = {tkey: {_sprinkled(rlabel, draw): {_sprinkled(clabel, draw): value for clabel, value in cols.items()}
                            for rlabel, cols in rows.items()} for tkey, rows in out["tables"].items()}
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_invisible_characters_change_nothing_read(data):
    doc = to_json(data.draw(corrupted_reports()).report)
    noisy = _noisy(doc, data.draw)
    assert from_json(noisy, "r.json") == from_json(doc, "r.json")


def _report_doc(text: str, new_requests: int = 1) -> dict:
    return {"layout": "2021", "meta": {"year": 2021},
            "sections": [{"heading": "一、总体情况", "text": text}],
            "tables": {"三": {"一、本年新收政府信息公开申请数量": {"总计": new_requests}}}}


def _rules(report) -> list[str]:
    [found] = check_reports([report], load_rules())
    return sorted(d.rule for d in found if d.rule == "N301")


def test_a_statement_with_a_zero_width_space_is_judged():
    clean = _report_doc("本年度未收到政府信息公开申请。")
    noisy = _report_doc("本年度未收到政府信息公\u200b开申\u00ad请。")
    assert _rules(from_json(clean)) == ["N301"]
    assert _rules(read_json("r.json", json.dumps(noisy))) == ["N301"]


def test_a_label_with_a_byte_order_mark_is_the_official_label():
    doc = _report_doc("本年度共收到政府信息公开申请1件。")
    doc["tables"]["三"] = {"一、本年新收\ufeff政府信息公开申请数量": {"总\u200b计": 1}}
    report = read_json("r.json", json.dumps(doc, ensure_ascii=False))
    assert report.value("三", "new", "total") == 1


def test_a_cell_with_a_zero_width_space_is_its_number():
    doc = _report_doc("")
    doc["tables"]["三"]["一、本年新收政府信息公开申请数量"]["总计"] = "1\u200b5"
    assert from_json(doc).value("三", "new", "total") == 15
