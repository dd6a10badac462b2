"""Issue 7's acceptance batch: 25 real reports and every hostile input of the issue in one folder.

The batch finishes, every good report gets exactly the findings it gets in a batch of the good reports
alone, each hostile file costs one line naming it, and no process of the run grows past 1 GB. Outcomes
are asserted, never timings: the subprocess timeout is only a safety net against a hang of the whole
batch (which is the defect this guards against).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_inputs as H
from conftest import FIXTURES, ROOT

CORPUS = Path(__file__).parent / "corpus"
GB = 1 << 30


def html_of_many_cells(cells: int) -> bytes:
    return b"<html><body><p>\xe4\xb8\x80\xe3\x80\x81</p><table><tr>" + b"<td>1" * cells + b"</tr></table></body></html>"


def docx_of_many_cells(rows: int, cols: int) -> bytes:
    """The official template's package with a body of one table of ``rows`` x ``cols`` cells."""
    import io
    import re
    import zipfile

    source = zipfile.ZipFile(FIXTURES / "template-2021.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * cols + "</w:tr>"
    xml = re.sub(r"<w:body>.*</w:body>", lambda _: f"<w:body><w:tbl>{row * rows}</w:tbl><w:p/></w:body>", xml, flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, xml.encode() if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def _good(folder: Path) -> list[Path]:
    reals = sorted(CORPUS.glob("*.txt"))[:20] + [FIXTURES / n for n in (
        "huangyuan-2021.txt", "pingtan-2021.html", "pingtan-2024.html", "huaian-2024.pdf", "template-2021.docx")]
    out = []
    for path in reals:
        shutil.copy(path, folder / path.name)
        out.append(folder / path.name)
    assert len(out) == 25
    return out


def _hostile(folder: Path) -> list[Path]:
    made = [
        H.pdf_bomb_escaped_filter_name(folder / "h-bomb-escaped.pdf"),    # defect 2
        H.pdf_bomb_indirect_filter(folder / "h-bomb-indirect.pdf"),
        H.pdf_bomb_content_called_image(folder / "h-bomb-image.pdf"),
        H.pdf_bomb_long_dictionary(folder / "h-bomb-longdict.pdf"),
        H.docx_negative_seek(folder / "h-negative-seek.docx"),            # defect 6
        H.json_integer_of_5000_digits(folder / "h-5000-digits.json"),
        H.json_nested_100000_deep(folder / "h-deep.json"),
        H.json_count(folder / "h-nan.json", "NaN"),
    ]
    long_line = folder / "h-long-line.txt"                                 # defect 5: long texts
    long_line.write_text("某局2021年政府信息公开工作年度报告" + "政府信息公开工作" * 400_000, encoding="utf-8")
    digits = folder / "h-digits.txt"
    digits.write_bytes(b"1234567890" * 4_500_000)
    html = folder / "h-million-td.html"                                  # defect 5: huge tables
    html.write_bytes(html_of_many_cells(1_000_000))
    docx = folder / "h-million-cells.docx"
    docx.write_bytes(docx_of_many_cells(1_000, 1_000))
    return made + [long_line, digits, html, docx]


def _readable_hostile(folder: Path) -> list[Path]:
    """Defect 1's PDFs: they once hung the reader; now they are read (and have no official table)."""
    return [H.pdf_inflates_past_step(folder / "h-inflate-step.pdf"),
            H.pdf_large_repetitive_content(folder / "h-repetitive.pdf", segments=4_000)]


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gklint", "check", "-f", "json", "-j", "2", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_real_reports_and_every_hostile_input_in_one_batch(tmp_path):
    good_dir, mixed_dir = tmp_path / "good", tmp_path / "mixed"
    good_dir.mkdir()
    mixed_dir.mkdir()
    _good(good_dir)
    _good(mixed_dir)
    hostile = _hostile(mixed_dir)
    readable = _readable_hostile(mixed_dir)
    fifo = H.fifo(tmp_path / "h-fifo.txt")  # defect 4: named on the command line (a folder lists regular files only)
    hostile.append(fifo)

    alone = _run(good_dir)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    mixed = _run(mixed_dir, fifo)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest process of the runs
    assert alone.returncode in (0, 1), alone.stderr[-2000:]
    assert mixed.returncode == 2, mixed.stderr[-2000:]

    def by_name(out: str) -> dict[str, dict]:  # the folder differs, nothing else may
        return {Path(f.pop("path")).name: f for f in json.loads(out)["files"]}

    good, batch = by_name(alone.stdout), by_name(mixed.stdout)
    assert len(good) == 25 and all("error" not in f for f in good.values())
    for name, f in good.items():  # every good report exactly as in the batch of the good ones alone
        assert batch[name] == f, name
    for path in readable:
        assert "error" not in batch[path.name], batch[path.name]
    errors = {name: f["error"] for name, f in batch.items() if "error" in f}
    assert set(errors) == {p.name for p in hostile}, sorted(set(errors) ^ {p.name for p in hostile})
    lines = [line for line in mixed.stderr.splitlines() if line.strip()]
    assert len(lines) == len(hostile), lines  # one line per hostile file, naming it
    for path in hostile:
        [line] = [ln for ln in lines if path.name in ln]
        assert "无法读取（" not in line or "Error" not in line, line  # a clear reason, not a lost report
    assert max(before, peak_kb) * 1024 < GB, f"a process of the batch reached {peak_kb / 1024:.0f} MB"
