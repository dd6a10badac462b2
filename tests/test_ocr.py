"""Scanned reports read by OCR (gklint.read.ocr), and refused clearly when the ``ocr`` extra is missing.

The scans are made here from tests/fixtures/huaian-2024.pdf (a real text PDF): pages rendered at 200 dpi,
grey, turned 0.5°, noise, JPEG quality 60 (tests/scans.py). What OCR reads is compared with what the text
PDF's own text layer says. OCR costs 5-20 s a page, so the tests share two readings: pages 3-5 scanned
(tables 二, 三, 四) and a PDF whose page 4 alone is scanned, with one digit changed on it.
"""

from __future__ import annotations

import io
from functools import cache

import pytest
from typer.testing import CliRunner

from gklint import layouts
from gklint.read import ocr_engine
from gklint.ingest import read_bytes, read_report
from gklint.read.errors import ReadError
from scans import FIXTURE, degrade, draw_over, image_pdf, render, scanned_pages

needs_ocr = pytest.mark.skipif(not ocr_engine.available(), reason="the ocr extra is not installed: pip install 'gklint[ocr]'")
CHANGED = ("granted", "natural")  # 表三（一）予以公开 / 自然人: 1288 on page 4, drawn as another number


@cache
def _text():
    return read_report(str(FIXTURE))


@cache
def _scanned():
    """Pages 3-5 (tables 二, 三, 四) as an image-only PDF, read by OCR."""
    return read_bytes("scan.pdf", image_pdf(scanned_pages([3, 4, 5])))


def _word_box(page: int, word: str) -> tuple[float, float, float, float]:
    import pdfplumber

    with pdfplumber.open(str(FIXTURE)) as pdf:
        found = [w for w in pdf.pages[page - 1].extract_words() if w["text"] == word]
    assert len(found) == 1
    return found[0]["x0"], found[0]["top"], found[0]["x1"], found[0]["bottom"]


@cache
def _mixed():
    """The text PDF with page 4 replaced by a scan of it on which 1288 (表三（一）予以公开 / 自然人) reads 1289."""
    import pypdfium2 as pdfium

    original = _text().tables["三"].cells[CHANGED].value
    page = draw_over(render(FIXTURE, 4), _word_box(4, str(original)), str(original + 1))
    scan = pdfium.PdfDocument(image_pdf([degrade(page)]))
    text = pdfium.PdfDocument(str(FIXTURE))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text, [0, 1, 2])
    mixed.import_pages(scan, [0])
    mixed.import_pages(text, [4, 5])
    buffer = io.BytesIO()
    mixed.save(buffer)
    return buffer.getvalue(), original


def _table_findings(result, severity: str = "error") -> set[tuple]:
    return {(d.rule, d.location.table, d.location.row, d.location.column)
            for d in result.diagnostics if d.severity == severity and d.location.table}


# --------------------------------------------------------------------------- without the extra

def test_without_the_extra_a_scanned_pdf_is_refused_with_the_install_hint(monkeypatch, tmp_path):
    from gklint.cli import app

    monkeypatch.setattr(ocr_engine, "available", lambda: False)
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([render(FIXTURE, 1, dpi=50)], dpi=50))
    with pytest.raises(ReadError) as info:
        read_report(path)
    assert "没有文字层" in info.value.message and "gklint[ocr]" in info.value.message
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "gklint[ocr]" in result.output and "Traceback" not in result.output


def test_without_the_extra_a_page_image_is_refused_with_the_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr_engine, "available", lambda: False)
    path = tmp_path / "page.png"
    render(FIXTURE, 1, dpi=50).save(path)
    with pytest.raises(ReadError, match=r"gklint\[ocr\]"):
        read_report(path)


def test_a_damaged_page_image_is_a_read_error(tmp_path):
    path = tmp_path / "page.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 300)
    with pytest.raises(ReadError, match="图片"):
        read_report(path)


def test_an_animated_gif_gives_its_first_frame_and_says_so():
    from PIL import Image

    from gklint.read import guards
    from gklint.read.ocr import image_frames

    frames = [Image.new("L", (400, 300), shade) for shade in (255, 128, 0)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    notes: list[str] = []
    read = list(image_frames("a.gif", buffer.getvalue(), guards.DEFAULT, guards.Deadline("a.gif", 60), notes))
    assert [number for number, _, _ in read] == [1] and read[0][1].max() == 255
    assert notes == ["GIF 动图共3帧，只识别了第一帧"]


def test_a_folder_picks_up_gif_bmp_and_webp_pages(tmp_path):
    from gklint.cli import _expand

    for name in ("a.gif", "b.bmp", "c.webp", "d.psd"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.rsplit("/", 1)[-1] for p in _expand([tmp_path])] == ["a.gif", "b.bmp", "c.webp"]


def test_too_many_scanned_pages_are_refused_before_any_ocr(tmp_path):
    from dataclasses import replace

    from gklint.read import guards

    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([render(FIXTURE, p, dpi=30) for p in (1, 2, 3)], dpi=30))
    limits = replace(guards.DEFAULT, ocr_max_pages=2)
    if not ocr_engine.available():
        pytest.skip("the ocr extra is not installed")
    with pytest.raises(ReadError, match="扫描页过多"):
        read_report(path, limits=limits)


# --------------------------------------------------------------------------- with it

@needs_ocr
def test_table_three_reads_as_the_text_layer_says():
    text, scan = _text().tables["三"], _scanned().tables["三"]
    same = [k for k, cell in text.cells.items() if k in scan.cells and scan.cells[k].raw == cell.raw]
    assert len(text.cells) == 175 and len(same) >= 174


@needs_ocr
def test_tables_two_and_four_read_completely_or_with_the_gaps_reported():
    report = _scanned()
    for key in ("二", "四"):
        text, scan = _text().tables[key], report.tables[key]
        wrong = [k for k, cell in text.cells.items() if k not in scan.cells or scan.cells[k].raw != cell.raw]
        reported = {n.row for n in report.notes if n.kind == "table_unreadable" and n.table == key}
        layout_rows = {r.id: r.label for r in layouts.get(report.layout).table(key).rows}
        assert all(layout_rows[row] in reported for row, _ in wrong), (key, wrong)


@needs_ocr
def test_every_scanned_cell_keeps_its_page_box_and_confidence():
    cells = [c for t in _scanned().tables.values() for c in t.cells.values() if c.kind == "number"]
    assert cells and all(c.source.page in (1, 2, 3) for c in cells)
    assert all(c.source.box and 0 < c.source.confidence <= 1 for c in cells if not c.doubt)


@needs_ocr
def test_the_scan_gives_no_table_error_the_text_does_not_and_says_it_is_images():
    from gklint import api

    scanned, text = api.check(_scanned()), api.check(_text())
    assert _table_findings(scanned) <= _table_findings(text)
    (note,) = [d for d in scanned.diagnostics if d.rule == "R112"]
    assert note.severity == "info" and "全部成立" in note.message
    assert not [d for d in text.diagnostics if d.rule == "R112"]


@needs_ocr
def test_a_mixed_pdf_is_read_page_by_page_and_a_changed_digit_is_caught_at_its_place():
    from gklint import api

    data, original = _mixed()
    report = read_bytes("mixed.pdf", data)
    cell = report.tables["三"].cells[CHANGED]
    assert cell.value == original + 1 and cell.source.page == 4 and cell.source.confidence is not None
    assert [s.id for s in report.sections] == [s.id for s in _text().sections]  # text pages read as text
    result = api.check(report)
    # read from an image, the contradiction is not certain: a warning that says the table was OCR'd
    table = [d for d in result.diagnostics if d.rule[0] == "T"]
    assert all(d.severity == "warning" and "文字识别（OCR）从图片读出" in d.message for d in table)
    caught = {(d.rule, d.location.row, d.location.column) for d in table}
    assert any(r == "T303" and row == "（一）予以公开" for r, row, _ in caught)
    assert any(r == "T302" and col == "自然人" for r, _, col in caught)
    (note,) = [n for n in report.notes if n.kind == "image_only"]
    assert "第4页" in note.message and "不成立" in note.message


@needs_ocr
def test_a_page_image_is_read_in_a_worker_under_its_limits(tmp_path):
    """A PNG checked in the worker pool (its memory limit raised for the model, one model per worker)."""
    from gklint import api

    path = tmp_path / "page5.png"
    degrade(render(FIXTURE, 5)).save(path)
    (result,) = api.check_many([str(path)], isolate=True, jobs=1, keep_reports=True).files
    assert result.error is None, result.error
    text, read = _text().tables["四"], result.report.tables["四"]
    assert {k: c.raw for k, c in read.cells.items()} == {k: c.raw for k, c in text.cells.items()}
    assert any(d.rule == "R112" for d in result.diagnostics)


@needs_ocr
def test_a_gif_page_reads_as_its_text_layer(tmp_path):
    """A page saved as a GIF (a grey page in its 256 colours) is read by OCR like a PNG."""
    path = tmp_path / "page5.gif"
    degrade(render(FIXTURE, 5)).save(path)
    read = read_report(path).tables["四"]
    assert {k: c.raw for k, c in read.cells.items()} == {k: c.raw for k, c in _text().tables["四"].cells.items()}


@needs_ocr
def test_extract_says_the_totals_hold_and_keeps_box_and_confidence(monkeypatch):
    import json

    from gklint import api
    from gklint.cli import app
    from gklint.recognise.json_format import from_json

    monkeypatch.setattr(api, "extract", lambda file, layout=None: _scanned())
    result = CliRunner().invoke(app, ["extract", "scan.pdf", "--with-source"])
    assert result.exit_code == 0 and "合计关系全部成立" in result.stderr
    data = json.loads(result.stdout)
    back = from_json(data)
    cell = back.tables["三"].cells[CHANGED]
    assert cell.value == _text().tables["三"].cells[CHANGED].value
    assert cell.source.box == _scanned().tables["三"].cells[CHANGED].source.box and cell.source.confidence > 0
