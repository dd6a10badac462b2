"""Issue 10's review page (``--format html -o review.html``), checked as an inspector would open it: in
headless Chromium (Debian's ``chromium``; the test is skipped, with the reason, when it is not installed).

The batch: the three-defect Word draft of test_annotate.py first, then the real reports of
../shared/reports as the repository keeps them: tests/fixtures (huangyuan text, 平潭 page, 淮安 PDF), an
unreadable file, and one office's department reports over five years (tests/corpus/gwh-*.txt). The page loads with no
script error, every cell a finding names is highlighted and no other, and a screenshot (the summary and
the first report's highlighted cells) is kept under ``$GKLINT_ARTIFACTS`` or ``tests/artifacts/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from gklint.cli import app

from conftest import FIXTURES
from test_annotate import draft_bytes

runner = CliRunner()
ARTIFACTS = Path(os.environ.get("GKLINT_ARTIFACTS") or Path(__file__).parent / "artifacts")
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("review")
    draft = folder / "某县草稿.docx"
    draft.write_bytes(draft_bytes())
    bad = folder / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    # the real reports of ../shared/reports: the fixtures, and one office's department reports over the years
    office = sorted((Path(__file__).parent / "corpus").glob("gwh-20*.txt"))
    assert len(office) >= 3
    return [draft, FIXTURES / "huangyuan-2021.txt", FIXTURES / "pingtan-2021.html", FIXTURES / "huaian-2024.pdf", bad,
            *office]


@pytest.fixture(scope="module")
def page(batch, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "review.html"
    result = runner.invoke(app, ["check", *map(str, batch), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2, result.output  # the unreadable file
    return out


@pytest.fixture(scope="module")
def reference(batch) -> dict:
    return json.loads(runner.invoke(app, ["check", *map(str, batch), "--format", "json"]).stdout)


def expected_cells(reference) -> set[tuple]:
    """(report number, table, row label, column label) of every finding that names a cell."""
    out = set()
    for k, f in enumerate(reference["files"], start=1):
        for d in f["diagnostics"]:
            loc = d["location"]
            if loc.get("table") and loc.get("row") and loc.get("column"):
                out.add((k, loc["table"], loc["row"], loc["column"]))
    return out


def flagged_cells(tree) -> set[tuple]:
    out = set()
    for td in tree.xpath('//td[contains(concat(" ", @class, " "), " flag ")]'):
        section = td.xpath("ancestor::section[1]")[0]
        table = td.xpath("ancestor::table[1]")[0]
        out.add((int(section.get("id")[1:]), table.get("data-table"), td.get("data-row"), td.get("data-column")))
    return out


def test_page_is_self_contained_and_names_no_folder(page, batch):
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in text
    for needle in ('src="http', "href=\"http", "@import", "url(", "<link"):
        assert needle not in text
    for path in batch:
        assert str(path.parent) not in text and path.name in text


def test_full_paths_when_asked(batch, tmp_path):
    out = tmp_path / "review.html"
    runner.invoke(app, ["check", str(batch[0]), "--format", "html", "-o", str(out), "--full-paths"])
    assert str(batch[0]) in out.read_text(encoding="utf-8")


def test_summary_and_highlights_match_the_findings(page, reference):
    tree = lxml_html.fromstring(page.read_bytes())
    rows = tree.xpath('//table[@class="summary"]/tbody/tr')
    assert [r.xpath("string(td[1])") for r in rows] == [Path(f["path"]).name for f in reference["files"]]
    for row, f in zip(rows, reference["files"]):
        if "error" in f:
            assert "无法读取" in row.xpath("string(.)")
            assert row.xpath("string(.)").count(Path(f["path"]).name) == 1  # named once, in its own cell
        else:
            counts = [int(row.xpath(f"string(td[{k}])")) for k in (5, 6, 7)]
            assert counts == [sum(d["severity"] == s for d in f["diagnostics"]) for s in ("error", "warning", "info")]
    want = expected_cells(reference)
    assert want and flagged_cells(tree) == want
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))  # every anchor unique, and every link lands on one
    assert {h[1:] for h in tree.xpath('//a/@href') if h.startswith("#")} <= set(ids)
    # a narrative-vs-table finding links to both its places: the sentence and the cell
    n101 = next(li for li in tree.xpath('//section[@id="r1"]//li') if "N101" in li.text_content())
    targets = [h[1:] for h in n101.xpath(".//a/@href")]
    assert len(targets) == 2 and {tree.get_element_by_id(t).tag for t in targets} == {"td", "mark"}
    # every finding explained with its rule's docs one click away (a <details> of the rule's page)
    items = [li for li in tree.xpath('//section[starts-with(@id, "r")]//li') if li.get("id")]
    assert len(items) == sum(len(f["diagnostics"]) for f in reference["files"])
    for li in items:
        details = li.xpath(".//details")
        assert len(details) == 1 and "如何改正" in li.text_content()
        assert all(h in details[0].text_content() for h in ("检查什么", "为什么重要", "示例"))
    # the three defects of the draft: the T401 cell, the N101 sentence, the S103 heading
    first = tree.xpath('//section[@id="r1"]')[0]
    assert [m.text_content() for m in first.xpath(".//mark")] == ["全年共收到政府信息公开申请6件，均已按时办结。",
                                                                  "五、政府信息公开行政复议、行政诉讼情况"]
    cell = first.xpath('.//td[contains(@class, "flag")]')
    assert [(c.get("data-row"), c.get("data-column"), c.text_content()) for c in cell if "T401" in c.get("data-rules")] \
        == [("行政复议", "总计", "0")]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
                           "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, timeout=300)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_page_in_headless_chromium(page, reference, tmp_path):
    url = page.resolve().as_uri()
    proc = chromium(tmp_path, "--dump-dom", url)
    log = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, log[-2000:]
    dom = lxml_html.fromstring(proc.stdout)
    body = dom.xpath("//body")[0]
    assert body.get("data-ready") == "1" and body.get("data-js-errors") is None  # the script ran to its end
    assert "Uncaught" not in log
    assert flagged_cells(dom) == expected_cells(reference)
    assert int(body.get("data-flagged")) == len(dom.xpath('//td[contains(concat(" ", @class, " "), " flag ")]'))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "review-page.png"
    shot.unlink(missing_ok=True)
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2600", url)
    assert proc.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # the screenshot shows the summary and a highlighted cell: where the page lays them out at this size...
    probe = tmp_path / "measure.html"
    probe.write_text(page.read_text("utf-8").replace("</body>", MEASURE, 1), "utf-8")
    proc = chromium(tmp_path, "--dump-dom", "--window-size=1280,2600", probe.resolve().as_uri())
    boxes = json.loads(lxml_html.fromstring(proc.stdout).xpath("//body")[0].get("data-boxes"))
    summary, cell = boxes["summary"], boxes["cell"]
    assert summary["bottom"] <= 2600 and cell["bottom"] <= 2600, boxes
    # ...and the pixels there: the summary's text, and the cell's highlight colour (not white, not grey)
    from PIL import Image

    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1280, 2600)
        inside = [rgb.getpixel((int(cell["left"]) + dx, int(cell["top"]) + dy)) for dx in (2, 4) for dy in (2, 4)]
        assert all(max(p) - min(p) > 20 for p in inside), inside  # the warning/error/info background
        area = rgb.crop(tuple(int(summary[k]) for k in ("left", "top", "right", "bottom"))).convert("L")
        assert area.getextrema()[0] < 100  # dark text in the summary table


MEASURE = """<script>
(function(){
  function box(el){var r=el.getBoundingClientRect();
    return {left:r.left+scrollX,top:r.top+scrollY,right:r.right+scrollX,bottom:r.bottom+scrollY}}
  document.body.dataset.boxes=JSON.stringify({summary:box(document.querySelector("table.summary")),
                                              cell:box(document.querySelector("td.flag"))});
})();
</script></body>"""


CLICK = """<script>
(function(){
  var heads=document.querySelectorAll("table.summary thead th"), order=[];
  function names(){return Array.prototype.map.call(document.querySelectorAll("table.summary tbody tr"),
                                                   function(r){return r.cells[0].textContent}).join("|")}
  [%s].forEach(function(k){heads[k].click(); order.push(names())});
  document.body.dataset.orders=JSON.stringify(order);
})();
</script></body>"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_the_summary_sorts_by_any_column_in_chromium(page, reference, tmp_path):
    """Clicking a heading of the summary sorts its rows (again: the other way), by number where the column
    holds numbers, with the unreadable file's row kept (it has no counts) and no script error."""
    clicks = [4, 4, 2, 1]  # 错误 ascending, then descending; 年度; 机关
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text("utf-8").replace("</body>", CLICK % ",".join(map(str, clicks)), 1), "utf-8")
    proc = chromium(tmp_path, "--dump-dom", probe.resolve().as_uri())
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    body = lxml_html.fromstring(proc.stdout).xpath("//body")[0]
    assert body.get("data-js-errors") is None, body.get("data-js-errors")
    orders = [o.split("|") for o in json.loads(body.get("data-orders"))]
    files = reference["files"]
    names = [Path(f["path"]).name for f in files]
    errors = {Path(f["path"]).name: sum(d["severity"] == "error" for d in f["diagnostics"]) for f in files if "error" not in f}
    assert all(sorted(o) == sorted(names) for o in orders)
    readable = [[n for n in o if n in errors] for o in orders[:2]]
    assert [errors[n] for n in readable[0]] == sorted(errors[n] for n in readable[0])
    assert [errors[n] for n in readable[1]] == sorted((errors[n] for n in readable[1]), reverse=True)
    years = {Path(f["path"]).name: f["meta"]["year"] for f in files if "error" not in f}
    assert [years[n] for n in orders[2] if n in years] == sorted(years[n] for n in orders[2] if n in years)
    unreadable = [Path(f["path"]).name for f in files if "error" in f]
    assert unreadable and all(o[-len(unreadable):] == unreadable for o in orders[:3])  # no counts: last
    assert orders[3][0] != orders[2][0] or orders[3] != orders[2]  # the file column sorts too


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_the_page_prints_on_a4_one_report_per_page(page, reference, tmp_path):
    import pdfplumber

    pdf = tmp_path / "review.pdf"
    proc = chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.resolve().as_uri())
    assert proc.returncode == 0 and pdf.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    with pdfplumber.open(pdf) as doc:
        sizes = {(round(p.width), round(p.height)) for p in doc.pages}
        assert sizes == {(595, 842)}  # A4 in points
        firsts = [p.extract_text().split("\n")[0].strip() for p in doc.pages]
    # every report begins a page: its name is the first line of one
    names = [Path(f["path"]).name for f in reference["files"]]
    assert all(name in firsts for name in names), (names, firsts)
