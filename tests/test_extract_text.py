"""Extraction of the huangyuan report copied from a web page (tables flattened one cell per line)."""

import datetime as dt

from gklint import layouts as L
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

from conftest import FIXTURES

# Table 二 as printed in the report; every cell of tables 三 and 四 is 0 there.
TABLE_2 = {
    ("regulations", "issued"): 0, ("regulations", "repealed"): 0, ("regulations", "in_force"): 0,
    ("normative_documents", "issued"): 3, ("normative_documents", "repealed"): 0,
    ("normative_documents", "in_force"): 8,
    ("licensing", "decisions"): 0, ("penalties", "decisions"): 0, ("enforcement", "decisions"): 0,
    ("fees", "fees_amount"): 0,
}


def _report():
    path = FIXTURES / "huangyuan-2021.txt"
    return recognise(read_text(str(path), path.read_text("utf-8")))


def test_every_table_value_is_extracted():
    report = _report()
    layout = L.get("2021")
    assert report.layout == "2021"
    t2, t3, t4 = (report.tables[k] for k in "二三四")
    assert {k: c.value for k, c in t2.cells.items()} == TABLE_2
    assert len(t3.cells) == 175 and len(t4.cells) == 15
    for key in ("三", "四"):
        spec = layout.table(key)
        for row, col in spec.cells():
            cell = report.tables[key].cells[(row.id, col.id)]
            assert (cell.kind, cell.value) == ("number", 0), (key, row.label, col.label)
    assert all(c.kind == "number" for c in t2.cells.values())


def test_values_remember_their_line():
    report = _report()
    lines = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8").split("\n")
    cell = report.tables["二"].cells[("normative_documents", "in_force")]
    assert lines[cell.source.line - 1].strip() == "8"
    total = report.tables["三"].cells[("total", "total")]
    above = [line.strip() for line in lines[: total.source.line] if line.strip()]
    assert above[-8] == "(七)总计"  # the label, then its seven values


def test_metadata():
    meta = _report().meta
    assert meta.year == 2021
    assert meta.title == "县人民政府办公室2021年政府信息公开工作年度报告"
    assert meta.agency == "县人民政府办公室"
    assert meta.published == dt.date(2022, 1, 14)
    assert meta.signed == dt.date(2022, 1, 4)
    assert (meta.period_start, meta.period_end) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def test_sections_in_order_without_table_lines():
    report = _report()
    assert [s.id for s in report.sections] == ["overview", "proactive", "requests", "appeals", "problems"]
    assert [s.number for s in report.sections] == list("一二三四五")
    requests = report.sections[2]
    assert "予以公开" not in requests.text and "自然人" not in requests.text
    assert report.sections[0].text.startswith("2021年,湟源县")
    assert "政府政府" in report.sections[0].text


def test_header_alias_is_noted():
    notes = [n for n in _report().notes if n.kind == "header_alias"]
    assert [(n.found, n.official) for n in notes] == [("本年发件数", "本年制发件数")]


def test_tab_separated_rows():
    layout = L.get("2021")
    rows = ["三、收到和处理政府信息公开申请情况", "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"]
    for row in layout.table("三").rows:
        if row.heading:
            rows.append(row.label)
        else:
            rows.append(row.label + "\t" + "\t".join(["1", "0", "0", "0", "0", "0", "1"]))
    report = recognise(read_text("t.txt", "\n".join(rows)))
    t3 = report.tables["三"]
    assert t3.found and len(t3.cells) == 175
    assert t3.cells[("granted", "natural")].value == 1 and t3.cells[("granted", "total")].value == 1


def test_space_separated_row_with_short_label():
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开 3 0 0 0 0 0 3\n1、属于国家秘密 0 0 0 0 0 0 0\n"
    report = recognise(read_text("t.txt", text), version="2021")
    t3 = report.tables["三"]
    assert t3.cells[("granted", "natural")].value == 3
    assert t3.cells[("refused_state_secret", "total")].value == 0


def test_row_with_wrong_number_of_values_is_left_blank_and_noted():
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开\n3\n0\n0\n3\n（七）总计\n3\n0\n0\n0\n0\n0\n3\n"
    report = recognise(read_text("t.txt", text), version="2021")
    assert report.tables["三"].cells[("granted", "natural")].kind == "blank"
    assert report.tables["三"].cells[("total", "natural")].value == 3
    notes = [n for n in report.notes if n.kind == "table_unreadable" and n.row]
    assert len(notes) == 1 and "（一）予以公开" in notes[0].message
    # the fragment's other 23 rows are said to be missing, in one note, not guessed
    [missing] = [n for n in report.notes if n.kind == "table_unreadable" and not n.row]
    assert "有23行未找到" in missing.message


def test_missing_table_is_noted_not_guessed():
    report = recognise(read_text("t.txt", "一、总体情况\n今年工作顺利。\n"))
    assert {n.table for n in report.notes if n.kind == "table_missing"} == {"二", "三", "四"}
    assert not any(t.found for t in report.tables.values())


def _sections_of(text):
    report = recognise(read_text("t.txt", text), version="2021")
    return [(s.number, s.id) for s in report.sections]


def test_parts_numbered_in_brackets_or_as_parts_or_not_at_all():
    body = "本机关认真开展工作。\n"
    titles = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
              "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    ids = ["overview", "proactive", "requests", "appeals", "problems", "other"]
    numerals = list("一二三四五六")
    bracketed = "".join(f"（{n}）{t}\n{body}" for n, t in zip(numerals, titles))
    assert _sections_of(bracketed) == list(zip(numerals, ids))
    parts = "".join(f"第{n}部分 {t}\n{body}" for n, t in zip(numerals, titles))
    assert _sections_of(parts) == list(zip(numerals, ids))
    bare = "".join(f"{t}\n{body}" for t in titles)
    assert _sections_of(bare) == [(None, i) for i in ids]


def test_bracketed_sub_items_are_not_taken_for_parts_when_the_report_uses_the_official_style():
    text = ("一、总体情况\n（一）主动公开情况。本年度公开信息。\n（二）主动公开政府信息情况\n略。\n"
            "二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n略。\n")
    assert _sections_of(text) == [("一", "overview"), ("二", "proactive"), ("三", "requests")]


def test_a_label_wrapped_onto_the_next_line_is_still_its_row():
    from gklint import layouts as L

    row = L.get("2021").table("三").row("not_processed_confirmation")
    assert L.label_matches("5.要求行政机关确认或重新出具已获取", row.names, loose=True)
    assert not L.label_matches("4.要求行政机关确认或重新出具已获取", row.names, loose=True)  # other number
    assert not L.label_matches("5.要求行政机关", row.names, loose=True)  # too short to be sure


def test_rows_a_grid_lacks_are_read_from_the_text_around_it():
    """A PDF table whose last rows lost their ruling lines: part grid, part tab-separated lines."""
    from gklint.read.document import Document, Grid, GridCell, Paragraph
    from gklint.core.source import Source

    header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    rows = [header, ["一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"],
            ["（一）予以公开", "1", "0", "0", "0", "0", "0", "1"]]
    grid = Grid([[GridCell(text, r, c, source=Source(table=1, row=r + 1, column=c + 1))
                  for c, text in enumerate(cells)] for r, cells in enumerate(rows)])
    blocks = [Paragraph("三、收到和处理政府信息公开申请情况"), grid,
              Paragraph("5.要求行政机关确认或重新出具已获取\t0\t0\t0\t0\t0\t0\t0"), Paragraph("信息"),
              Paragraph("四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0")]
    report = recognise(Document(blocks, path="t.pdf", format="pdf"), version="2021")
    t3 = report.tables["三"]
    assert t3.cells[("granted", "natural")].value == 1  # from the grid
    assert t3.cells[("not_processed_confirmation", "total")].value == 0  # from the text
    assert t3.cells[("carried_forward", "natural")].value == 0
    missing = " ".join(n.message for n in report.notes if n.kind == "table_unreadable")
    assert "5.要求行政机关确认" not in missing and "结转下年度" not in missing
