"""``--lang en`` says everything gklint says itself in English: the findings recognition notes give, the
reasons a file cannot be read, the review page's own words. What stays Chinese is the report's: its
quoted words (“…”, 《…》, <q>), its labels (the official row, column and table labels, a finding's place) and the
official documents the rules' documentation cites by number (国办公开办函〔2021〕30号)."""

from __future__ import annotations

import ast
import dataclasses
import re
import zipfile
from pathlib import Path

import pytest

import gklint
from gklint import layouts as L
from gklint.engine.rules import load_rules
from gklint.read.errors import reason_in
from gklint.rulecases import rule_cases
from gklint.testing import run_case

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|<q\b[^>]*>.*?</q>", re.S)
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕\d+号")
GKLINT = Path(gklint.__file__).parent


def official_words() -> set[str]:
    """The layouts' own words: table titles, row and column labels (and their other names), section names."""
    words: set[str] = set()
    for layout in L.layouts().values():
        for spec in layout.tables.values():
            words.add(spec.title)
            for row in spec.rows:
                words.update(row.names)
                for col in row.columns:
                    words.update(col.names)
        for section in layout.sections:
            words.update(section.names)
    return words


def unsaid(text: str, allowed=()) -> str:
    """The Chinese left in ``text`` once quotes and ``allowed`` words (the report's own) are taken out."""
    text = QUOTED.sub("", text)
    for word in sorted((w for w in allowed if w), key=len, reverse=True):
        text = text.replace(word, "")
    return "".join(CJK.findall(text))


def english(case):
    return dataclasses.replace(case, data=dict(case.data, lang="en"))


RECOGNITION_CASES = [case for rule in load_rules() if rule.kind == "recognition"
                     for case in rule_cases(rule) if case.data.get("fires")]


@pytest.mark.parametrize("case", RECOGNITION_CASES, ids=lambda c: c.id)
def test_every_recognition_note_is_said_in_english(case):
    findings = run_case(english(case)).findings
    assert findings
    for d in findings:
        loc = d.location
        place = [loc.row, loc.column, loc.section, loc.quote, d.found, d.expected]
        assert not unsaid(d.message, [str(p) for p in place if p]), d.message


def _reasons_in_source() -> list[str]:
    """Every reason a ReadError is raised with in gklint's source, its ``{values}`` as 0."""
    reasons = []
    for path in GKLINT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ReadError" and len(node.args) >= 2:
                text = _literal(node.args[1])
                if text and CJK.search(text):
                    reasons.append(text)
    return sorted(set(reasons))


def _literal(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)
    return None


REASONS = _reasons_in_source()
UNLISTED = {  # reasons whose wording carries a message of its own (validation, an OCR install hint)
    "未知的表“0”，应为 0", "表0没有数据行“0”（0年版格式）", "表0“0”一行没有列“0”", "0；0"}


def test_the_source_has_reasons_to_translate():
    assert len(REASONS) > 40


@pytest.mark.parametrize("reason", [r for r in REASONS if r not in UNLISTED])
def test_every_reason_a_reader_gives_is_said_in_english(reason):
    said = reason_in(f"某局/报告.docx: {reason}", "en", "某局/报告.docx")
    assert said.startswith("某局/报告.docx: ") and "(in Chinese)" not in said
    assert not unsaid(said.removeprefix("某局/报告.docx: ")), said


def test_a_reason_not_in_the_table_is_quoted_whole_after_an_english_lead():
    said = reason_in("a.pdf: 第3页: 某种新的问题", "en", "a.pdf")
    assert said == "a.pdf: page 3: cannot be read, for this reason (in Chinese): “某种新的问题”"
    assert reason_in("a.pdf: 第3页: 某种新的问题") == "a.pdf: 第3页: 某种新的问题"


def _inputs(folder: Path) -> list[Path]:
    """Files no reader can read, one for each way (named in English: the test looks only at the reasons)."""
    def write(name: str, data: bytes) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    def zipped(name: str, entries: dict[str, bytes]) -> Path:
        with zipfile.ZipFile(folder / name, "w") as z:
            for entry, data in entries.items():
                z.writestr(entry, data)
        return folder / name

    whole = (folder / "whole.zip")
    zipped("whole.zip", {"word/document.xml": b"<w/>" * 50})
    return [write("empty.docx", b""), write("garbage.pdf", bytes(range(256)) * 8),
            write("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"),
            write("truncated.docx", whole.read_bytes()[:60]),
            write("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            write("rich.rtf", b"{\\rtf1 hello}"), write("packed.gz", b"\x1f\x8b" + bytes(100)),
            zipped("sheet.xlsx", {"xl/workbook.xml": b"<x/>", "[Content_Types].xml": b"<x/>"}),
            zipped("slides.pptx", {"ppt/presentation.xml": b"<x/>"}),
            zipped("archive.zip", {"a.txt": b"hello"}),
            write("binary.txt", b"\x00\x01\x02" * 100), write("bad.json", b'{"tables": '),
            folder / "missing.docx"]


def test_every_reader_s_refusal_is_said_in_english(tmp_path):
    inputs = _inputs(tmp_path)
    result = gklint.check_many([str(p) for p in inputs], lang="en", isolate=False)
    reasons = {Path(f.path).name: f.error for f in result.files}
    assert all(reasons.values()) and len(reasons) == len(inputs)
    for name, reason in reasons.items():
        assert "(in Chinese)" not in reason and not unsaid(reason.replace(str(tmp_path), "")), (name, reason)
    zh = gklint.check_many([str(inputs[0])], isolate=False).files[0].error
    assert zh.endswith("文件是空的")


def test_the_review_page_says_its_own_words_in_english(tmp_path, huangyuan_text):
    from gklint.output.html import LABELS, render

    path = tmp_path / "report.txt"
    path.write_text(huangyuan_text.replace("一、总体情况", "一、总体情况\n收到政府信息公开申请99件。", 1), "utf-8")
    result = gklint.check_many([str(path), str(tmp_path / "missing.docx")], lang="en", keep_reports=True,
                               isolate=False)
    page = render(result, "en")
    assert '<html lang="en">' in page and LABELS["en"]["title"] in page and "Cannot be read: " in page
    f = result.files[0]
    chrome = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    chrome = re.sub(r"<details open>.*?</div></details>", "", chrome, flags=re.S)  # the report rebuilt
    chrome = DOCUMENT_NUMBER.sub("", chrome)  # the documents the rules' docs cite by number
    report_words = [f.meta.get("agency"), *f.sections.values()] + [  # the findings' places and the values
        v for d in f.diagnostics for v in (d.location.row, d.location.column, d.location.section,  # they say
                                           *(p.label for p in d.parts), *d.values.values()) if isinstance(v, str)]
    chrome = re.sub(r"<[^>]+>", " ", QUOTED.sub("", chrome))
    left = unsaid(chrome, official_words() | {w for w in report_words if w})
    assert not left, left
    assert not any(CJK.search(str(v)) for label in LABELS["en"].values()
                   for v in (label.values() if isinstance(label, dict) else
                             [x for item in label for x in (item if isinstance(item, tuple) else [item])]
                             if isinstance(label, tuple) else [label]))
