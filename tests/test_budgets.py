"""Budgets on what one document holds: characters of text and table cells, refused early with a clear
Chinese ReadError; and traditional-script detection that looks at a sample, not the whole text."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest

from gklint.ingest import read_report

from gklint.read import script
from gklint.read.errors import ReadError
from gklint.read.guards import DEFAULT
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

from conftest import FIXTURES


def html_table(rows: int, cols: int, cell: str = "<td>1</td>") -> bytes:
    row = "<tr>" + cell * cols + "</tr>"
    return f"<html><body><p>一、总体情况</p><table>{row * rows}</table></body></html>".encode()


def test_a_page_of_a_million_cells_is_refused_before_parsing(tmp_path):
    path = tmp_path / "cells.html"
    path.write_bytes(html_table(10_000, 100, "<td>"))  # 10^6 <td> (closing tags are optional), 4 MB
    with pytest.raises(ReadError, match=r"表格单元格过多（1,000,000 个，上限 100,000）"):
        read_report(path)


def test_a_page_of_too_many_elements_is_refused_before_parsing(tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(b"<html><body>" + b"<p>x" * 2000 + b"</body></html>")
    with pytest.raises(ReadError, match="网页元素过多（2,002 个，上限 1,000）"):
        read_report(path, limits=replace(DEFAULT, max_elements=1000))


def test_cell_budget_of_a_page_is_configurable(tmp_path):
    path = tmp_path / "cells.html"
    path.write_bytes(html_table(30, 10))
    read_report(path)  # 300 cells: a report's size
    with pytest.raises(ReadError, match="表格单元格过多（300 个，上限 200）"):
        read_report(path, limits=replace(DEFAULT, max_cells=200))


def docx_with_table(rows: int, cols: int) -> bytes:
    """The template's package with a body of one table of ``rows`` x ``cols`` cells."""
    source = zipfile.ZipFile(FIXTURES / "template-2021.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * cols + "</w:tr>"
    body = f"<w:body><w:tbl>{row * rows}</w:tbl><w:p/></w:body>"
    xml = re.sub(r"<w:body>.*</w:body>", body, xml, flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def test_docx_cell_budget_is_checked_before_python_docx_parses(tmp_path):
    path = tmp_path / "cells.docx"
    path.write_bytes(docx_with_table(60, 50))  # 3,000 cells
    small = replace(DEFAULT, max_cells=1000)
    with pytest.raises(ReadError, match="表格单元格过多（3,000 个，上限 1,000）"):
        read_report(path, limits=small)
    read_report(path)  # within the default budget


def test_docx_table_budget(tmp_path):
    path = tmp_path / "table.docx"
    path.write_bytes(docx_with_table(40, 25))  # 1,000 positions in one table
    with pytest.raises(ReadError, match="表格过大（1,000 个单元格，上限 500）"):
        read_report(path, limits=replace(DEFAULT, max_table_cells=500))


def test_text_past_the_character_budget_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("一、总体情况\n" + "本机关全年主动公开政府信息。" * 1000, encoding="utf-8")  # 14,007 characters
    read_report(path)
    with pytest.raises(ReadError, match="文本过长（14,007 个字符，上限 12,000）"):
        read_report(path, limits=replace(DEFAULT, max_chars=12_000))
    with pytest.raises(ReadError, match="文本过长.*超过 2,000 个字符的上限"):  # refused before decoding
        read_report(path, limits=replace(DEFAULT, max_chars=2_000))


def test_docx_text_budget(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes((FIXTURES / "template-2021.docx").read_bytes())
    with pytest.raises(ReadError, match="文本过长"):
        read_report(path, limits=replace(DEFAULT, max_chars=200))


def test_html_text_budget(tmp_path):
    path = tmp_path / "t.html"
    path.write_bytes((FIXTURES / "pingtan-2024.html").read_bytes())
    with pytest.raises(ReadError, match="文本过长"):
        read_report(path, limits=replace(DEFAULT, max_chars=2000))


class Counting:
    """Wraps the converter and counts the characters it is given."""

    def __init__(self, inner):
        self.inner, self.seen = inner, 0

    def convert(self, text):
        self.seen += len(text)
        return self.inner.convert(text)


def test_a_long_simplified_text_is_judged_on_a_sample_and_never_converted(monkeypatch):
    counting = Counting(script._converter())
    monkeypatch.setattr(script, "_converter", lambda: counting)
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    long = text + ("本机关全年主动公开政府信息，办理依申请公开。\n" * 20_000)  # ~480 K characters
    doc, converted = script.simplify(read_text("s.txt", long))
    assert not converted
    assert counting.seen <= script.SAMPLE


def test_a_long_traditional_text_is_detected_from_its_sample(monkeypatch):
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    long = script._converter().__class__("s2t").convert(text * 40)
    counting = Counting(script._converter())
    monkeypatch.setattr(script, "_converter", lambda: counting)
    report = recognise(read_text("t.txt", long))
    assert [n.kind for n in report.notes if n.kind == "traditional_script"] == ["traditional_script"]
    assert counting.seen <= script.SAMPLE + len(long) + 10  # the sample, then the text once


def test_sample_covers_the_whole_text():
    text = "".join(chr(0x4E00 + k % 20000) for k in range(100_000))
    part = script.sample(text)
    assert len(part) <= script.SAMPLE and part[:10] == text[:10] and part[-10:] == text[-10:]
