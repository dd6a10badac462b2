"""An inspector's inbox checked as a folder: every file sent gets a row (read, or why not and what to do), gklint's
own outputs are not checked again, and the outputs name, order and explain what they show."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gklint.cli import _expand, app
from gklint.core.diagnostic import Diagnostic, FileResult, Part, Result

from conftest import FIXTURES, set_stream_value
from test_annotate import draft_bytes

runner = CliRunner()
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def zipped(**members: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name.replace("__", "/"), text)
    return buf.getvalue()


def old_office() -> bytes:
    return OLE + bytes(504) + "Root Entry".encode("utf-16-le") + bytes(3000)


def encrypted_office() -> bytes:  # a password-protected .docx: a compound file holding the EncryptedPackage stream
    return OLE + bytes(504) + "EncryptedInfo".encode("utf-16-le") + bytes(64) + \
        "EncryptedPackage".encode("utf-16-le") + bytes(3000)


def xlsx() -> bytes:
    return zipped(**{"xl__workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"})


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "甲县").mkdir(parents=True)
    (folder / "乙县").mkdir()
    (folder / "甲县" / "年报.docx").write_bytes(draft_bytes())
    (folder / "乙县" / "年报.docx").write_bytes(draft_bytes(defects=False))
    (folder / "老版本.doc").write_bytes(old_office())
    (folder / "WPS草稿.wps").write_bytes(old_office())
    (folder / "表三.xlsx").write_bytes(xlsx())
    (folder / "报告打包.zip").write_bytes(zipped(**{"a.txt": "x"}))
    for ignored in (".隐藏.doc", "~$年报.docx", "Thumbs.db", ".DS_Store", "说明.png.bak"):
        (folder / ignored).write_bytes(old_office())
    return folder


def names(paths, folder) -> list[str]:
    return [Path(p).relative_to(folder).as_posix() for p in paths]


# ---------------------------------------------------------------- 1. every file sent gets a row


def test_a_folder_lists_what_an_office_may_have_sent_not_lock_files_or_hidden_ones(inbox):
    assert names(_expand([inbox]), inbox) == ["WPS草稿.wps", "乙县/年报.docx", "报告打包.zip", "甲县/年报.docx",
                                              "老版本.doc", "表三.xlsx"]


def test_each_unsupported_submission_is_a_row_saying_what_to_do_and_exit_2(inbox):
    result = run("check", inbox, "-f", "jsonl")
    assert result.exit_code == 2  # an unreadable file, as a damaged one is
    errors = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines()) if r["type"] == "error"}
    assert set(errors) == {"老版本.doc", "WPS草稿.wps", "表三.xlsx", "报告打包.zip"}
    assert "另存为 .docx" in errors["老版本.doc"]["reason"] and "Excel" in errors["表三.xlsx"]["reason"]
    assert errors["表三.xlsx"]["error"].startswith(errors["表三.xlsx"]["path"])  # as before
    assert errors["表三.xlsx"]["path"] not in errors["表三.xlsx"]["reason"]


def test_a_folder_holding_only_a_spreadsheet_says_so_rather_than_no_file(tmp_path):
    (tmp_path / "表三.xlsx").write_bytes(xlsx())
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "没有找到可检查的文件" not in result.output and "Excel 表格" in result.output


# ---------------------------------------------------------------- 2. gklint's own outputs


def test_annotating_a_folder_twice_checks_only_the_drafts(inbox):
    for _ in range(2):
        run("check", inbox / "甲县", "--annotate", "-q")
    assert sorted(p.name for p in (inbox / "甲县").iterdir()) == ["年报.docx", "年报.gklint.docx"]
    assert "甲县/年报.gklint.docx" not in names(_expand([inbox]), inbox)


def test_a_review_page_in_the_folder_is_skipped_by_its_mark_and_refused_when_named(inbox):
    page = inbox / "审阅.html"
    assert run("check", inbox / "甲县", "-f", "html", "-o", page).exit_code == 1
    assert '<meta name="generator" content="gklint ' in page.read_text(encoding="utf-8")
    assert "审阅.html" not in names(_expand([inbox]), inbox)
    result = run("check", page)
    assert result.exit_code == 2 and "gklint 写出的检查结果网页" in result.output


@pytest.mark.parametrize("fmt, name", [("json", "结果.json"), ("xlsx", "问题清单.xlsx")])
def test_a_result_written_into_the_folder_is_skipped_by_its_content_and_refused_when_named(inbox, fmt, name):
    out = inbox / name
    assert run("check", inbox / "甲县", "-f", fmt, "-o", out).exit_code == 1
    assert name not in names(_expand([inbox]), inbox)
    result = run("check", out)
    assert result.exit_code == 2 and "gklint 写出的检查结果（-f json 或 -f xlsx）" in result.output


def test_a_report_json_and_another_workbook_are_not_taken_for_gklints_results(tmp_path):
    (tmp_path / "报告.json").write_text(json.dumps({"meta": {"year": 2023}, "files": []}), encoding="utf-8")
    (tmp_path / "统计.xlsx").write_bytes(xlsx())
    assert names(_expand([tmp_path]), tmp_path) == ["报告.json", "统计.xlsx"]


def test_a_report_page_is_still_read(tmp_path):
    page = tmp_path / "平潭.html"
    page.write_bytes((FIXTURES / "pingtan-2024.html").read_bytes())
    assert names(_expand([tmp_path]), tmp_path) == ["平潭.html"]
    assert run("check", page, "-q").exit_code in (0, 1)


def test_an_annotated_draft_named_explicitly_is_refused(inbox):
    run("check", inbox / "甲县" / "年报.docx", "--annotate", "-q")
    result = run("check", inbox / "甲县" / "年报.gklint.docx")
    assert result.exit_code == 2 and "加了批注" in result.output


def test_a_revised_draft_keeping_gklints_comments_is_read(inbox):
    annotated = inbox / "甲县" / "年报.gklint.docx"
    run("check", inbox / "甲县" / "年报.docx", "--annotate", "-q")
    revised = inbox / "甲县" / "年报（修改稿）.docx"
    revised.write_bytes(annotated.read_bytes())
    assert run("check", revised, "-q").exit_code == 1  # read: its own findings


# ---------------------------------------------------------------- 3. encrypted Word files


def test_a_password_protected_docx_is_said_encrypted_not_old_office(tmp_path):
    path = tmp_path / "加密草稿.docx"
    path.write_bytes(encrypted_office())
    result = run("check", path)
    assert result.exit_code == 2 and "加密" in result.output and "旧版 Office" not in result.output
    old = tmp_path / "老版本.doc"
    old.write_bytes(old_office())
    assert "旧版 Office" in run("check", old).output


# ---------------------------------------------------------------- 4. the review page


def review(inbox, *extra) -> str:
    out = inbox.parent / "review.html"
    run("check", inbox / "甲县", inbox / "乙县", "-f", "html", "-o", out, *extra)
    return out.read_text(encoding="utf-8")


def test_the_review_page_names_files_from_the_folder_checked(inbox):
    page = review(inbox)
    assert "<h2>年报.docx</h2>" in page  # each named from the folder given: here its own
    run("check", inbox, "-f", "html", "-o", inbox.parent / "all.html")
    page = (inbox.parent / "all.html").read_text(encoding="utf-8")
    assert "<h2>甲县/年报.docx</h2>" in page and "<h2>乙县/年报.docx</h2>" in page
    assert str(inbox) not in page
    run("check", inbox, "-f", "html", "-o", inbox.parent / "full.html", "--full-paths")
    assert f"<h2>{inbox.as_posix()}/甲县/年报.docx</h2>" in (inbox.parent / "full.html").read_text(encoding="utf-8")


def test_the_review_page_lists_errors_first_then_warnings_then_infos():
    from gklint.output.html import _report_section

    found = [Diagnostic("P102", "info", "i"), Diagnostic("C201", "warning", "w"), Diagnostic("T302", "error", "e"),
             Diagnostic("P101", "info", "i2"), Diagnostic("T303", "error", "e2")]
    html = _report_section(FileResult("a.txt", diagnostics=found), 1, "a.txt", "zh")
    order = [rule for rule in ("T302", "T303", "C201", "P102", "P101") if f"<b>{rule}</b>" in html]
    assert sorted(order, key=lambda r: html.index(f"<b>{r}</b>")) == ["T302", "T303", "C201", "P102", "P101"]


def test_an_identitys_parts_are_shown_as_its_two_sides(tmp_path):
    from gklint.output.html import _summed

    d = Diagnostic("T302", "error", "m", expected=20, found=19,
                   parts=[Part("（一）予以公开", 12, side="left"), Part("（二）部分公开", 8, side="left"),
                          Part("（七）总计", 19, side="right")])
    assert _summed(d, "zh") == "左边 （一）予以公开 12 + （二）部分公开 8 = 20 ≠ 右边 （七）总计 19"
    assert _summed(d, "en").startswith("left side （一）予以公开 12 + ") and " ≠ right side " in _summed(d, "en")
    plain = Diagnostic("N101", "warning", "m", parts=[Part("a", 1), Part("b", 2)])
    assert _summed(plain, "zh") == "a 1 + b 2"


def test_identity_parts_carry_their_side_in_json(tmp_path, huangyuan_text):
    path = tmp_path / "a.txt"
    path.write_text(set_stream_value(huangyuan_text, "(一)予以公开", 0, "5"), encoding="utf-8")
    data = json.loads(run("check", path, "-f", "json").stdout)
    identities = [d for d in data["files"][0]["diagnostics"] if d["rule"].startswith("T3")]
    assert identities
    for d in identities:
        sides = {p["side"] for p in d["parts"]}
        assert sides == {"left", "right"}
        assert sum(p["value"] or 0 for p in d["parts"] if p["side"] == "left") == d["expected"]


# ---------------------------------------------------------------- 5. options checked before any work


def test_xlsx_without_o_fails_before_reading_any_file(tmp_path):
    empty = tmp_path / "空文件.docx"
    empty.write_bytes(b"")
    result = run("check", empty, "-f", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.output and "空文件" not in result.output  # the file was never read


def test_an_output_in_a_missing_folder_is_said_in_chinese_before_reading(tmp_path):
    result = run("check", FIXTURES / "huangyuan-2021.txt", "-f", "html", "-o", tmp_path / "nosuch" / "dir" / "x.html")
    assert result.exit_code == 2
    assert f"文件夹 {tmp_path / 'nosuch' / 'dir'} 不存在" in result.output and "No such file" not in result.output


def test_cannot_write_says_why_in_chinese(tmp_path):
    from gklint.output import cannot_write

    assert cannot_write(tmp_path, IsADirectoryError(21, "Is a directory")).endswith("这是一个文件夹")
    assert "Permission" not in cannot_write(tmp_path, PermissionError(13, "Permission denied"))


# ---------------------------------------------------------------- 6. xlsx and the terminal summary


def test_xlsx_severity_in_the_sheets_language_and_unreadable_rows_without_the_path(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from gklint.output.xlsx import render

    result = Result([FileResult("甲县/年报.txt", diagnostics=[Diagnostic("T302", "error", "m")]),
                     FileResult("乙县/扫描.png", error="乙县/扫描.png: 第1页: 文字识别超时", spot="第1页")])
    for lang, word in (("zh", "错误"), ("en", "error")):
        book = openpyxl.load_workbook(io.BytesIO(render(result, lang)))
        findings, files = book.worksheets
        header = [c.value for c in findings[1]]
        assert findings.cell(2, header.index("严重程度" if lang == "zh" else "severity") + 1).value == word
        rows = {r[0]: dict(zip([c.value for c in files[1]], r)) for r in files.iter_rows(min_row=2, values_only=True)}
        scan = rows["乙县/扫描.png"]
        assert (scan["无法读取的原因" if lang == "zh" else "read_error"], scan["出错位置" if lang == "zh" else "spot"]) \
            == ("文字识别超时", "第1页")


def test_a_read_errors_spot_reaches_the_result(tmp_path, monkeypatch):
    import gklint.ingest
    from gklint import api
    from gklint.read.errors import ReadError

    def refuse(path, **_):
        raise ReadError(path, "文字识别超时", where="第1页")

    monkeypatch.setattr(gklint.ingest, "read_reports", refuse)
    scan = tmp_path / "扫描.png"
    scan.write_bytes(b"x")
    [f] = api.check_many([str(scan)], jobs=1).files
    assert (f.error, f.spot) == (f"{scan}: 第1页: 文字识别超时", "第1页")
    assert json.loads(run("check", scan, "-f", "jsonl").stdout)["spot"] == "第1页"


def test_a_redirected_summary_keeps_long_file_names_whole(tmp_path):
    long_name = "某某市某某区人民政府办公室2024年政府信息公开工作年度报告（终稿）.txt"
    (tmp_path / "inbox").mkdir()
    for k in (1, 2):
        (tmp_path / "inbox" / f"{k}{long_name}").write_bytes((FIXTURES / "huangyuan-2021.txt").read_bytes())
    out = tmp_path / "out.txt"
    with open(out, "wb") as stdout:  # a file, not a terminal: rich alone would wrap at 80 columns
        subprocess.run([sys.executable, "-m", "gklint", "check", str(tmp_path / "inbox"), "-q"], stdout=stdout,
                       env={**os.environ, "COLUMNS": ""}, check=False)
    text = out.read_text(encoding="utf-8")
    for k in (1, 2):
        assert text.count(f"{k}{long_name}") == 2  # whole in the summary table, and over its findings
