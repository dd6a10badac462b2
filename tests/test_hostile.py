"""Hostile and broken files are refused with a ReadError naming the problem, quickly and in little memory.

Every file is generated here, in tmp_path; the bombs are built from pre-compressed blocks so a
gigabyte of zeros costs a second at most to make and nothing to store.
"""

from __future__ import annotations

import io
import os
import resource
import struct
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest

import pdfmaker
from gklint.read import guards
from gklint.read.errors import ReadError
from gklint.read.open import open_document

FIXTURES = Path(__file__).parent / "fixtures"
GB = 1 << 30
MB = 1 << 20


@contextmanager
def bounded(megabytes: float = 200.0):
    """The block must raise the process's peak memory by less than ``megabytes`` (a bomb refused before it
    is inflated). Time is not asserted (speed is measured in benchmarks/): a hang is a file past its
    deadline, which the batch turns into a read error naming the limit (tests/test_batch.py)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    yield
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert grown < megabytes, f"peak memory grew by {grown:.0f} MB"


def refused(path: Path, *words: str, limits: guards.Limits = guards.DEFAULT) -> ReadError:
    with bounded(), pytest.raises(ReadError) as info:
        open_document(str(path), limits)
    for word in words:
        assert word in info.value.message, info.value.message
    assert str(info.value).startswith(str(path))
    return info.value


# --------------------------------------------------------------------------- building blocks

def _zeros_deflate(size: int) -> bytes:
    """Raw deflate data of ``size`` zero bytes, by repeating one independently flushed 1 MB block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\0" * MB) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * (size // MB) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def _zeros_crc(size: int) -> int:
    crc, chunk = 0, b"\0" * MB
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return crc


def _write_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, crc, uncompressed size), written by hand."""
    out, central = bytearray(), bytearray()
    for name, raw, crc, size in entries:
        encoded = name.encode()
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 33, crc, len(raw), size,
                               len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 33, crc, len(raw), size, len(encoded), 0)
        out += encoded + raw
    offset = len(out)
    out += central
    out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), offset, 0)
    return bytes(out)


def _small(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


# --------------------------------------------------------------------------- docx

def test_zip_bomb_disguised_as_docx(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_write_zip([_small("[Content_Types].xml", TYPES),
                                 ("word/document.xml", _zeros_deflate(GB), _zeros_crc(GB), GB)]))
    assert path.stat().st_size < 2 * MB
    refused(path, "压缩炸弹")


def test_zip_whose_directory_lies_about_sizes(tmp_path):
    """Declared small, inflates to a gigabyte: zipfile stops at the declared size and the CRC fails."""
    path = tmp_path / "report.docx"
    path.write_bytes(_write_zip([_small("[Content_Types].xml", TYPES),
                                 ("word/document.xml", _zeros_deflate(GB), _zeros_crc(GB), 10_000)]))
    refused(path, "损坏")


def _template_with(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(FIXTURES / "template-2021.docx") as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, document_xml if info.filename == "word/document.xml" else src.read(info))
    return buf.getvalue()


def _billion_laughs() -> bytes:
    with zipfile.ZipFile(FIXTURES / "template-2021.docx") as src:
        original = src.read("word/document.xml").decode()
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)]
    body = original[original.index("<w:document"):]
    body = body.replace("<w:body>", "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
    return f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE lolz [{"".join(entities)}]>{body}'.encode()


def test_xml_entity_expansion_in_document_xml(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_template_with(_billion_laughs()))
    refused(path, "DTD", "实体")


def test_python_docx_alone_does_not_expand_entities(tmp_path):
    """Behind the guard, python-docx's parser (resolve_entities=False, libxml2's amplification
    limit) does not blow up either: it refuses or returns, quickly and in little memory."""
    import docx

    data = _template_with(_billion_laughs())
    with bounded():
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception:  # lxml refuses the amplification: fine, the point is it stays bounded
            return
    assert all(len(p.text) < MB for p in document.paragraphs)


def test_too_many_zip_entries(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes((FIXTURES / "template-2021.docx").read_bytes())
    refused(path, "条目过多", limits=guards.Limits(zip_max_entries=5))


def test_truncated_docx(tmp_path):
    data = (FIXTURES / "template-2021.docx").read_bytes()
    path = tmp_path / "report.docx"
    path.write_bytes(data[: len(data) * 6 // 10])
    refused(path, "不完整")


def test_real_docx_passes_the_guards(tmp_path):
    guards.check_docx("template-2021.docx", (FIXTURES / "template-2021.docx").read_bytes())


# --------------------------------------------------------------------------- size and type

def test_one_gigabyte_file_refused_by_size(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    os.truncate(path, GB)  # sparse: no disk used
    refused(path, "文件过大")


def test_pdf_named_docx_is_read_as_pdf(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes((FIXTURES / "huaian-2024.pdf").read_bytes())
    with bounded():
        document = open_document(str(path))
    assert document.format == "pdf" and len(document.grids) == 3


def test_png_named_txt_is_refused(tmp_path):
    """Read as a page image by its content, whatever its name (gklint.read.ocr); a 64-pixel image holds
    no page to read (and without the ocr extra, it cannot be read at all): refused either way."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (64, 64), 200).save(buf, format="PNG")
    path = tmp_path / "report.txt"
    path.write_bytes(buf.getvalue())
    refused(path, "图片")


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: p.write_bytes(b""), ("空",)),
    (lambda p: p.mkdir(), ("目录",)),
    (lambda p: None, ("不存在",)),
])
def test_not_a_readable_file(tmp_path, make, words):
    path = tmp_path / "report.pdf"
    make(path)
    refused(path, *words)


# --------------------------------------------------------------------------- pdf

def _pdf(tmp_path, data: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _page(text: str = "政府信息公开工作年度报告") -> pdfmaker.Page:
    return pdfmaker.Page().text(72, 100, text, 12)


def test_encrypted_pdf(tmp_path):
    refused(_pdf(tmp_path, pdfmaker.build([_page()], user_password="secret")), "加密")


def test_truncated_pdf(tmp_path):
    data = (FIXTURES / "huaian-2024.pdf").read_bytes()
    refused(_pdf(tmp_path, data[: len(data) * 7 // 10]), "不完整")


def test_pdf_with_its_middle_missing(tmp_path):
    data = (FIXTURES / "huaian-2024.pdf").read_bytes()
    refused(_pdf(tmp_path, data[: len(data) // 3] + data[-2000:]), "损坏")


def test_scanned_pdf_without_text_layer(tmp_path, monkeypatch):
    """Without the ocr extra (tests/test_ocr.py reads scans with it)."""
    from PIL import Image, ImageDraw

    from gklint.read import ocr_engine

    monkeypatch.setattr(ocr_engine, "available", lambda: False)

    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for top in range(80, 800, 30):  # lines of "text" as a scanner sees them: ink, no characters
        draw.rectangle((70, top, 540, top + 12), fill=40)
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=75)
    refused(_pdf(tmp_path, buf.getvalue()), "没有文字层", "扫描", "gklint[ocr]")


def test_pdf_flate_bomb(tmp_path):
    bomb = b"\x78\xda" + _zeros_deflate(GB) + struct.pack(">I", 1)  # zlib wrapper; checksum never reached
    refused(_pdf(tmp_path, pdfmaker.build([_page()], extra_streams=[bomb])), "压缩炸弹")


def test_pdf_page_limit(tmp_path):
    pages = [_page(f"第{i}页的内容") for i in range(5)]
    refused(_pdf(tmp_path, pdfmaker.build(pages)), "页数过多", limits=guards.Limits(pdf_max_pages=3))


def test_pdf_reading_deadline(tmp_path):
    refused(_pdf(tmp_path, pdfmaker.build([_page()])), "超时", limits=guards.Limits(seconds=0))


def test_pdf_without_any_text(tmp_path):
    page = pdfmaker.Page().line(72, 100, 500, 100)
    refused(_pdf(tmp_path, pdfmaker.build([page])), "没有任何文字")
