"""Limits applied before and while a file is read, so a hostile or broken file is refused, not obeyed.

Every check raises ``ReadError`` naming the problem. The limits are generous for real reports
(a few pages, a few MB) and small against bombs:

- the input size (``read_limited``), checked from the file system before any byte is read;
- zips (docx): the entry count from the end-of-central-directory record before ``zipfile``
  parses the directory, then the declared sizes and compression ratios before anything is
  decompressed. While reading, ``zipfile`` itself never returns more than an entry's declared
  size and checks its CRC, so a directory that lies cannot feed more than was checked;
- XML parts: any DTD (``<!DOCTYPE``/``<!ENTITY``) is refused; Office parts never have one, and
  a DTD is how entity-expansion bombs ("billion laughs") and external entities get in;
- PDFs: a missing end marker (truncated download), too many pages, Flate streams that inflate
  beyond a bound (measured with a bounded inflater, discarding output), and a reading deadline.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass

from gklint.ingest.errors import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB  # input file
    zip_max_entries: int = 5000
    zip_max_total: int = 200 * MB  # sum of uncompressed sizes
    zip_max_ratio: int = 100  # uncompressed / compressed, for entries above zip_ratio_floor
    zip_ratio_floor: int = 2 * MB
    pdf_max_pages: int = 500
    pdf_max_stream: int = 64 * MB  # one inflated font program, object or xref stream
    pdf_max_content: int = 8 * MB  # one inflated page content stream (each glyph costs memory once parsed)
    pdf_max_inflated: int = 256 * MB  # all inflated (non-image) PDF streams
    seconds: float = 120.0  # reading deadline per file: a batch's worker is stopped past it; PDFs check it between pages
    memory: int = 1024 * MB  # growth of a reading worker's address space (RLIMIT_AS); reading a real PDF grows it ~100 MB
    max_chars: int = 1_000_000  # characters of text in one document (real reports: under 100 K)
    max_cells: int = 100_000  # table cells in one document (real reports: a few hundred)
    max_table_cells: int = 50_000  # grid positions of one table (its rows times its widest row)
    max_elements: int = 500_000  # elements of an HTML page (real pages: a few thousand)


DEFAULT = Limits()


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


# --------------------------------------------------------------------------- input size

def read_limited(path: str, limits: Limits = DEFAULT) -> bytes:
    """The file's bytes, refused before reading when larger than ``limits.max_bytes``.

    The size is checked from the file system first, then again while reading (a device or a
    pipe reports no size), so at most ``max_bytes + 1`` bytes are ever held.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(path, "这是一个目录，不是文件")
        if info.st_size > limits.max_bytes:
            raise ReadError(path, f"文件过大（{_mb(info.st_size)}，上限 {_mb(limits.max_bytes)}），拒绝读取")
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except PermissionError:
        raise ReadError(path, "没有读取权限") from None
    except IsADirectoryError:
        raise ReadError(path, "这是一个目录，不是文件") from None
    except OSError as exc:
        raise ReadError(path, f"无法读取：{exc.strerror or exc}") from None
    if len(data) > limits.max_bytes:
        raise ReadError(path, f"文件过大（超过 {_mb(limits.max_bytes)}），拒绝读取")
    if not data:
        raise ReadError(path, "文件是空的")
    return data


# --------------------------------------------------------------------------- zip (docx)

_EOCD = b"PK\x05\x06"


def open_zip(path: str, data: bytes, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    """A ZipFile over ``data`` after checking the entry count, without parsing the directory first."""
    import io

    end = data.rfind(_EOCD, max(0, len(data) - 22 - 65535))
    if end < 0 or len(data) - end < 22:
        raise ReadError(path, "ZIP/DOCX 文件不完整或已损坏（找不到目录结尾，可能下载中断或被截断）")
    (entries,) = struct.unpack("<H", data[end + 10:end + 12])
    if entries > limits.zip_max_entries:
        raise ReadError(path, f"ZIP/DOCX 包含的条目过多（{entries} 个，上限 {limits.zip_max_entries}），拒绝读取")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(path, f"ZIP/DOCX 文件不完整或已损坏（{exc}）") from None


def check_zip(path: str, archive: zipfile.ZipFile, limits: Limits = DEFAULT) -> None:
    """Refuse a zip bomb from its directory alone: total size, per-entry ratio, entry count."""
    infos = archive.infolist()
    if len(infos) > limits.zip_max_entries:
        raise ReadError(path, f"ZIP/DOCX 包含的条目过多（{len(infos)} 个，上限 {limits.zip_max_entries}），拒绝读取")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.zip_ratio_floor and ratio > limits.zip_max_ratio:
            raise ReadError(path, f"疑似压缩炸弹：条目解压后 {_mb(info.file_size)}，压缩比 {ratio:.0f}:1"
                                  f"（上限 {limits.zip_max_ratio}:1），拒绝读取", where=info.filename)
        if total > limits.zip_max_total:
            raise ReadError(path, f"疑似压缩炸弹：解压后总大小超过 {_mb(limits.zip_max_total)}，拒绝读取")


_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_DTD_UTF16 = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
              for enc in ("utf-16-le", "utf-16-be")]
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.I)


def check_xml_parts(path: str, archive: zipfile.ZipFile, limits: Limits = DEFAULT) -> None:
    """Refuse any XML part that declares a DTD or entities (streamed; sizes already checked)."""
    for info in archive.infolist():
        if not _XML_PART.search(info.filename):
            continue
        tail = b""
        try:
            with archive.open(info) as part:
                while chunk := part.read(MB):
                    window = tail + chunk
                    if _DTD.search(window) or any(m in window for m in _DTD_UTF16):
                        raise ReadError(path, "XML 部件含有 DTD/实体声明（可能是实体膨胀攻击），拒绝读取",
                                        where=info.filename)
                    tail = window[-32:]
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise ReadError(path, f"DOCX 文件已损坏（{exc}）", where=info.filename) from None


def check_docx(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Everything checked before python-docx sees the bytes."""
    with open_zip(path, data, limits) as archive:
        check_zip(path, archive, limits)
        if "word/document.xml" not in archive.namelist():
            raise ReadError(path, "不是 Word 文档（缺少 word/document.xml）")
        check_xml_parts(path, archive, limits)


# --------------------------------------------------------------------------- pdf

_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_NOT_CONTENT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)|/Type\s*/(?:ObjStm|XRef)")


def check_pdf(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Cheap checks on the raw bytes before pdfminer parses anything."""
    if b"%%EOF" not in data[-16384:]:
        raise ReadError(path, "PDF 文件不完整（缺少文件结尾标记 %%EOF，可能下载中断或被截断）")
    check_pdf_streams(path, data, limits)


def check_pdf_streams(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Refuse Flate streams that inflate beyond the limits (a decompression bomb).

    Image streams are skipped (pdfplumber never decodes them); font programs, object and xref
    streams may inflate to ``pdf_max_stream``, anything else (page content: every glyph becomes a
    parsed object) to ``pdf_max_content``. Each is inflated with a bounded output size and the
    output discarded, so memory stays flat.
    """
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        head_start = max(0, start - 2048)
        head = data[head_start:start]
        objs = list(_OBJ.finditer(head))
        if objs:
            head = head[objs[-1].start():]
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if b"/Image" in head:
            continue
        cap = limits.pdf_max_stream if _NOT_CONTENT.search(head) else limits.pdf_max_content
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        size = _inflated_size(data, start, end, cap + 1)
        total += size
        if size > cap:
            raise ReadError(path, f"疑似压缩炸弹：PDF 数据流解压后超过 {_mb(cap)}，拒绝读取")
        if total > limits.pdf_max_inflated:
            raise ReadError(path, f"疑似压缩炸弹：PDF 数据流解压后总计超过 {_mb(limits.pdf_max_inflated)}，拒绝读取")


def _inflated_size(data: bytes, start: int, end: int, cap: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    view = memoryview(data)
    pos = start
    try:
        while pos < end and size < cap:
            chunk = view[pos:min(end, pos + 64 * 1024)]
            pos += len(chunk)
            out = inflater.decompress(chunk, MB)
            size += len(out)
            while inflater.unconsumed_tail and size < cap:
                out = inflater.decompress(inflater.unconsumed_tail, MB)
                size += len(out)
            if inflater.eof:
                break
    except zlib.error:
        pass  # not really Flate, or damaged: pdfminer will judge
    return size


def check_page_count(path: str, pages: int, limits: Limits = DEFAULT) -> None:
    if pages > limits.pdf_max_pages:
        raise ReadError(path, f"PDF 页数过多（{pages} 页，上限 {limits.pdf_max_pages} 页），拒绝读取")


class Deadline:
    """A wall-clock bound, checked at cheap points (between pages)."""

    def __init__(self, path: str, seconds: float):
        self.path = path
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.end:
            raise ReadError(self.path, f"读取超时（超过 {self.seconds:.0f} 秒），文件可能异常", where=where)
