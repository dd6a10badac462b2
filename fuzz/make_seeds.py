"""Rebuild the derived seeds in fuzz/seeds/ from the repository's fixtures (run by hand, not by the fuzzer).

    python -m fuzz.make_seeds

The real fixtures (tests/fixtures/, samples/) are seeds as they are; reading a whole real report
costs 0.1-5 s, so the fuzzer mostly mutates these smaller derivatives of the same reports:

- ``*.json``: ``gklint.extract`` of each fixture (gklint's own JSON);
- ``huangyuan-2021-rows.txt`` / ``-oneline.txt``: the huangyuan report rendered one table row per line
  (tab-separated) and as one line (a page copied without line breaks: the ``unflatten`` path);
- ``huangyuan-2021.html``: the huangyuan report as a portal page (GBK), by tests/render_html.py;
- ``minimal.html``: a hand-made page, one paragraph and one small table with a rowspan and a colspan;
- ``huangyuan-2021.docx``: the official Word template filled with it, by tests/fixtures/make_docx.py;
- ``minimal.docx``: a hand-made package, one paragraph and one 3x3 table (the smallest python-docx reads);
- ``grid.pdf``: one page of text and a ruled table, by tests/pdfmaker.py (uncompressed objects, Flate content);
- ``huaian-2024-p{N}.pdf``: single pages of the real PDF (pypdfium2 copies them, streams as they were).
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"


def _json(report) -> bytes:
    from gklint.recognise.json_format import to_json

    return (json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n").encode()


def _minimal_docx() -> bytes:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    rows = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>" for v in row) + "</w:tr>"
                   for row in (["项目", "本年新收", "总计"], ["自然人", "12", "12"], ["法人", "3", "3"]))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>'
                "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>本年共收到申请15件。</w:t></w:r></w:p>"
                "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
                f"{rows}</w:tbl><w:sectPr/></w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return buf.getvalue()


MINIMAL_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2021年政府信息公开工作年度报告</title></head>
<body><p>三、收到和处理政府信息公开申请情况</p>
<table border="1"><tr><td rowspan="2">本年新收政府信息公开申请数量</td><td colspan="2">申请人情况</td><td>总计</td></tr>
<tr><td>自然人</td><td>法人</td><td>12</td></tr>
<tr><td>（一）予以公开</td><td>5</td><td>2</td><td>7</td></tr></table>
<p>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</p></body></html>
"""


def _grid_pdf(report) -> bytes:
    import pdfmaker

    page = pdfmaker.Page()
    top = page.paragraph(60, 60, [report.meta.title or "年度报告", "三、收到和处理政府信息公开申请情况"], size=12)
    labels = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开"]
    xs, ys = [60, 300, 380, 460, 540], [top + 10 + 24 * i for i in range(len(labels) + 1)]
    page.grid(xs, ys)
    for i, label in enumerate(labels):
        page.text(64, ys[i] + 6, label, size=9)
        for j, value in enumerate(("5", "0", "5")):
            page.text(xs[j + 1] + 4, ys[i] + 6, value, size=9)
    return pdfmaker.build([page])


def main() -> None:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    import gklint
    from render import render_text
    from render_html import render_portal_page

    spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
    make_docx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_docx)

    SEEDS.mkdir(exist_ok=True)
    text = gklint.extract(FIXTURES / "huangyuan-2021.txt")
    for name in ("pingtan-2021.html", "pingtan-2024.html", "template-2021.docx", "huaian-2024.pdf"):
        (SEEDS / (Path(name).stem + ".json")).write_bytes(_json(gklint.extract(FIXTURES / name)))
    (SEEDS / "huangyuan-2021-rows.txt").write_text(render_text(text, sep="\t"), encoding="utf-8")
    (SEEDS / "huangyuan-2021-oneline.txt").write_text(render_text(text, sep=" ").replace("\n", " "), encoding="utf-8")
    (SEEDS / "huangyuan-2021.html").write_bytes(render_portal_page(text))
    (SEEDS / "minimal.html").write_text(MINIMAL_HTML, encoding="utf-8")
    values = {(key, row, col): cell.raw for key, table in text.tables.items() for (row, col), cell in table.cells.items()}
    narrative = {s.number: s.text.split("\n") for s in text.sections if s.text}
    (SEEDS / "huangyuan-2021.docx").write_bytes(make_docx.fill_template(values, narrative, title=text.meta.title))
    (SEEDS / "minimal.docx").write_bytes(_minimal_docx())
    (SEEDS / "grid.pdf").write_bytes(_grid_pdf(text))

    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FIXTURES / "huaian-2024.pdf"))
    for index in range(min(len(source), 3)):
        single = pdfium.PdfDocument.new()
        single.import_pages(source, [index])
        buf = io.BytesIO()
        single.save(buf)
        (SEEDS / f"huaian-2024-p{index + 1}.pdf").write_bytes(buf.getvalue())


if __name__ == "__main__":
    main()
