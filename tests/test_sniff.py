"""Choosing the reader by content, and decoding text files."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from gklint.read.errors import ReadError
from gklint.read.sniff import decode_text, sniff

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(("name", "kind"), [
    ("huaian-2024.pdf", "pdf"), ("template-2021.docx", "docx"), ("pingtan-2021.html", "html"),
    ("pingtan-2024.html", "html"), ("huangyuan-2021.txt", "txt"),
])
def test_real_files(name, kind):
    assert sniff(name, (FIXTURES / name).read_bytes()) == kind


@pytest.mark.parametrize(("fixture", "disguise", "kind"), [
    ("huaian-2024.pdf", "report.docx", "pdf"),
    ("template-2021.docx", "report.pdf", "docx"),
    ("pingtan-2024.html", "report.txt", "html"),
    ("huangyuan-2021.txt", "report.html", "txt"),
    ("huangyuan-2021.txt", "report", "txt"),
])
def test_content_wins_over_extension(fixture, disguise, kind):
    assert sniff(disguise, (FIXTURES / fixture).read_bytes()) == kind


def test_json():
    data = json.dumps({"layout": "2021", "tables": {}}, ensure_ascii=False).encode()
    assert sniff("r.json", data) == "json"
    assert sniff("r.txt", b"\xef\xbb\xbf  \n" + data) == "json"
    assert sniff("r.json", b"[1, 2]") == "json"


def test_html_fragment_and_extension_tie_break():
    assert sniff("a.txt", "<table><tr><td>规章</td></tr></table>".encode()) == "html"
    late = ("政府信息公开工作年度报告\n" * 1000 + "<p>正文</p>").encode()
    assert sniff("a.txt", late) == "txt"  # a tag deep in a .txt file does not make it a web page
    assert sniff("a.html", late) == "html"  # but an .html file with tags is one


def _zip(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(("data", "words"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    (_zip(["[Content_Types].xml", "xl/workbook.xml"]), "Excel"),
    (_zip(["[Content_Types].xml", "ppt/presentation.xml"]), "PowerPoint"),
    (_zip(["a.txt"]), "ZIP"),
    (b"{\\rtf1\\ansi report}", "RTF"),
    (b"\x7fELF" + os.urandom(200), "可执行"),
    (b"\x1f\x8b\x08" + os.urandom(200), "gzip"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x", "MHT"),
])
def test_unsupported(data, words):
    with pytest.raises(ReadError) as info:
        sniff("report.txt", data)
    assert words in info.value.message and "不支持" in info.value.message
    assert str(info.value).startswith("report.txt: ")


@pytest.mark.parametrize("magic", [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00", b"MM\x00*", b"GIF87a",
                                   b"GIF89a", b"RIFF\x10\x27\x00\x00WEBPVP8 ", b"BM\x36\x10\x0e\x00\0\0\0\0\x36\x00"])
def test_page_images_go_to_ocr(magic):
    """PNG, JPEG, TIFF, GIF, WebP and BMP are scanned pages, read by OCR (gklint.read.ocr), whatever the file is
    called."""
    assert sniff("report.txt", magic + os.urandom(200)) == "image"


def test_binary_is_not_text():
    data = bytes(range(256)) * 20
    with pytest.raises(ReadError, match="不是文本"):
        sniff("x.txt", data)


def test_short_signatures_do_not_hide_text():
    assert sniff("x.txt", "MZ开头的文字报告，不是程序。".encode()) == "txt"
    assert sniff("x.txt", "BM开头的文字报告。".encode()) == "txt"


TEXT = "淮安市人民政府2024年政府信息公开工作年度报告：规章1件，行政规范性文件8件。"


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("utf-16"),
    TEXT.encode("utf-16-le"), TEXT.encode("utf-16-be"), TEXT.encode("gb18030"), TEXT.encode("gbk"),
])
def test_decode_text(encoded):
    assert decode_text(encoded) == TEXT


def test_decode_declared_charset():
    page = f'<html><head><meta charset="big5"></head><body>{"政府資訊公開"}</body></html>'
    assert decode_text(page.encode("big5")) == page
    gb = f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{TEXT}'
    assert decode_text(gb.encode("gb2312", errors="ignore")) == gb.encode("gb2312", errors="ignore").decode("gb18030")


def test_decode_refuses_binary():
    with pytest.raises(ReadError, match="不是文本文件"):
        decode_text(b"\0\x01\x02\x03" * 100, path="x.txt")


def test_sniff_reads_only_the_head_of_a_large_text():
    data = (TEXT + "\n").encode() * 200_000  # about 20 MB
    assert sniff("big.txt", data) == "txt"


@pytest.mark.parametrize(("name", "kind"), [
    ("huaian-2024.pdf", "pdf"), ("template-2021.docx", "docx"), ("pingtan-2024.html", "html"),
    ("huangyuan-2021.txt", "txt"),
])
def test_open_document_reads_every_format(name, kind):
    from gklint.read.open import open_document

    document = open_document(str(FIXTURES / name))
    assert document.format == kind
    assert any("政府信息公开" in p.text for p in document.paragraphs)


def test_open_document_leaves_json_to_the_caller(tmp_path):
    from gklint.read.open import open_document

    path = tmp_path / "report.json"
    path.write_text('{"layout": "2021"}', encoding="utf-8")
    with pytest.raises(NotImplementedError):
        open_document(str(path))


def test_a_few_damaged_bytes_do_not_make_text_unreadable():
    from gklint.read.sniff import decode_text

    text = "一、总体情况\n本年度收到政府信息公开申请3件。\n" * 50
    data = text.encode("utf-8")
    assert decode_text(data[:-1]).startswith("一、总体情况")  # cut inside the last character
    flipped = bytearray(data)
    flipped[100] = 0xFF
    assert "本年度收到" in decode_text(bytes(flipped))
    gbk = bytearray(text.encode("gbk"))
    gbk[50] = 0xFF
    assert "本年度收到" in decode_text(bytes(gbk))
