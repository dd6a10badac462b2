"""Limits applied before and while a file is read, so a hostile or broken file is refused, not obeyed.

Every check raises ``ReadError`` naming the problem and the limit. The limits are generous for real
reports (a few pages, a few MB) and small against bombs. Every limit is a field of ``Limits``
(default values in brackets):

- the input (``read_limited``): only a regular file is opened (a FIFO, socket or device would
  block or never end), and it is refused from its size in the file system before any byte is
  read, above ``max_bytes`` (50 MB);
- zips (docx): the entry count from the end-of-central-directory record before ``zipfile``
  parses the directory (``zip_max_entries``, 5,000), then the declared sizes (``zip_max_total``,
  200 MB in all) and compression ratios (``zip_max_ratio``, 100:1 for entries above
  ``zip_ratio_floor``, 2 MB) before anything is decompressed. While reading, ``zipfile`` itself
  never returns more than an entry's declared size and checks its CRC, so a directory that lies
  cannot feed more than was checked; a directory whose offsets point outside the file is damage;
- XML parts: any DTD (``<!DOCTYPE``/``<!ENTITY``) is refused; Office parts never have one, and
  a DTD is how entity-expansion bombs ("billion laughs") and external entities get in;
- PDFs, first on the raw bytes (``check_pdf``): a missing end marker (truncated download), Flate
  streams found by a byte search that inflate beyond the bounds below (measured with a bounded
  inflater, discarding output). Then, authoritatively, inside pdfminer while it works
  (``pdf_limits``), whatever the stream dictionaries say (escaped or indirect filter names, long
  dictionaries, a content stream that calls itself an image):

  - ``pdf_max_pages`` (500) pages;
  - ``pdf_max_stream`` (64 MB) inflated from one stream (a font program, an object or xref
    stream), by any filter (Flate, LZW, RunLength, ASCII85);
  - ``pdf_max_content`` (8 MB) of content parsed for one page: its content streams and every
    form drawn on it, each time it is drawn (every glyph becomes a parsed object);
  - ``pdf_max_objects`` (100,000) objects (glyphs, lines, rectangles, curves, images) drawn on
    one page;
  - ``pdf_max_inflated`` (256 MB) inflated from all streams together;
  - ``seconds`` (120 s) of reading, checked between pages and inside pdfminer (every 4 KB of
    content parsed and every 1,000 objects drawn).
- scanned pages (``gklint.read.ocr``): at most ``ocr_max_pages`` (40) pages read by OCR, each rendered
  at ``ocr_dpi`` (200) and at most 40 million pixels, the deadline checked before every page and a page
  that took more than ``ocr_page_seconds`` (60 s) of CPU time stopping the file (the batch's deadline stops a worker
  stuck inside one: the model cannot be interrupted; its work is bounded by the image size); a worker
  that loads the OCR model may grow by ``ocr_memory`` (2 GB) more.
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

from gklint.core import lazyre
from gklint.read.errors import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost at most: bytes, archive entries, PDF pages and streams, time, memory, text."""

    max_bytes: int = 50 * MB  # input file
    zip_max_entries: int = 5000
    zip_max_total: int = 200 * MB  # sum of uncompressed sizes
    zip_max_ratio: int = 100  # uncompressed / compressed, for entries above zip_ratio_floor
    zip_ratio_floor: int = 2 * MB
    pdf_max_pages: int = 500
    pdf_max_stream: int = 64 * MB  # one inflated font program, object or xref stream
    pdf_max_content: int = 8 * MB  # content parsed for one page, forms included (each glyph costs memory)
    pdf_max_objects: int = 100_000  # glyphs, lines, rectangles, curves and images drawn on one page
    pdf_max_inflated: int = 256 * MB  # all inflated PDF streams together
    seconds: float = 120.0  # reading deadline per file: checked between pages and inside pdfminer; a batch worker is stopped past it
    memory: int = 1024 * MB  # growth of a reading worker's address space (RLIMIT_AS); reading a real PDF grows it ~100 MB
    max_chars: int = 200_000  # characters of text in one document (real reports: under 40 K)
    max_cells: int = 100_000  # table cells in one document (real reports: a few hundred)
    max_table_cells: int = 50_000  # grid positions of one table (its rows times its widest row)
    max_elements: int = 500_000  # elements of an HTML page (real pages: a few thousand)
    ocr_max_pages: int = 40  # scanned pages read by OCR in one file (5-11 s each on 2 cores; docs/ocr.md)
    ocr_dpi: int = 200  # resolution a scanned PDF page is rendered at for OCR
    ocr_page_seconds: float = 60.0  # CPU seconds for OCR of one page (5-11 s on 2 cores); a page past it stops the file
    ocr_memory: int = 2048 * MB  # further growth allowed to a worker that loads the OCR model (~1.5 GB)


DEFAULT = Limits()


def size_text(n: int) -> str:
    """A size in MB (KB below 1 MB), rounded."""
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def sizes(size: int, cap: int) -> tuple[str, str]:
    """A size and its cap, written so that they differ visibly: in MB/KB, or in bytes (with
    thousands separators) when the rounded figures would read the same."""
    if size_text(size) != size_text(cap):
        return size_text(size), size_text(cap)
    return f"{size:,} 字节", f"{cap:,} 字节"


# --------------------------------------------------------------------------- input size

_KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISSOCK, "套接字"), (stat.S_ISCHR, "字符设备"),
          (stat.S_ISBLK, "块设备"))


def _not_regular(path: str, mode: int) -> ReadError:
    if stat.S_ISDIR(mode):
        return ReadError(path, "这是一个目录，不是文件")
    kind = next((name for test, name in _KINDS if test(mode)), "特殊文件")
    return ReadError(path, f"这不是普通文件，而是{kind}，拒绝读取")


def read_limited(path: str, limits: Limits = DEFAULT) -> bytes:
    """The file's bytes, refused before reading when larger than ``limits.max_bytes``.

    Only a regular file is read: a FIFO, socket or device would block or never end. The file is
    opened without blocking and checked again on the open descriptor (it may have been replaced
    since ``stat``); the size is checked from the file system first, then again while reading, so
    at most ``max_bytes + 1`` bytes are ever held.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if info.st_size > limits.max_bytes:
            found, cap = sizes(info.st_size, limits.max_bytes)
            raise ReadError(path, f"文件过大（{found}，上限 {cap}），拒绝读取")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
                     | getattr(os, "O_CLOEXEC", 0))
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise _not_regular(path, opened.st_mode)
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            # read what fstat says is there (asking for max_bytes + 1 at once costs a 50 MB allocation per
            # file, more than reading a small report); the rest, up to the limit, if the file grew since
            want = min(opened.st_size, limits.max_bytes) + 1
            data = _read_full(fd, want)
            if len(data) == want and want <= limits.max_bytes:
                data += _read_full(fd, limits.max_bytes + 1 - want)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise ReadError(path, "文件不存在") from None
    except PermissionError:
        raise ReadError(path, "没有读取权限") from None
    except IsADirectoryError:
        raise ReadError(path, "这是一个目录，不是文件") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise ReadError(path, f"无法读取：{getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > limits.max_bytes:
        raise ReadError(path, f"文件过大（超过 {size_text(limits.max_bytes)}），拒绝读取")
    if not data:
        raise ReadError(path, "文件是空的")
    return data


def _read_full(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes of ``fd``, fewer only at its end (what a buffered file's ``read(size)`` returns,
    straight from the descriptor: a file object costs more than reading a small report)."""
    data = os.read(fd, size)
    while len(data) < size and (more := os.read(fd, size - len(data))):
        data += more
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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
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
            raise ReadError(path, f"疑似压缩炸弹：条目解压后 {size_text(info.file_size)}，压缩比 {ratio:.0f}:1"
                                  f"（上限 {limits.zip_max_ratio}:1），拒绝读取", where=info.filename)
        if total > limits.zip_max_total:
            raise ReadError(path, f"疑似压缩炸弹：解压后总大小超过 {size_text(limits.zip_max_total)}，拒绝读取")


_DTD = lazyre.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_DTD_UTF16 = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
              for enc in ("utf-16-le", "utf-16-be")]
_XML_PART = lazyre.compile(r"\.(xml|rels|vml)$", re.I)


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
        except ValueError:  # zipfile seeks to an offset the directory computes: it can be negative
            raise ReadError(path, "DOCX 文件已损坏（ZIP 目录中的位置指向文件之外）", where=info.filename) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            # NotImplementedError: a compression method zipfile does not know (before RuntimeError, its base)
            raise ReadError(path, f"DOCX 文件已损坏（{exc}）", where=info.filename) from None
        except RuntimeError as exc:  # zipfile: an entry flagged as encrypted needs a password
            if "encrypted" not in str(exc):
                raise
            raise ReadError(path, "DOCX 文件已加密（需要密码），无法读取", where=info.filename) from None


def check_docx(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Everything checked before python-docx sees the bytes."""
    with open_zip(path, data, limits) as archive:
        check_zip(path, archive, limits)
        if "word/document.xml" not in archive.namelist():
            raise ReadError(path, "不是 Word 文档（缺少 word/document.xml）")
        check_xml_parts(path, archive, limits)


# --------------------------------------------------------------------------- pdf

_STREAM = lazyre.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_OBJ = lazyre.compile(rb"\d+\s+\d+\s+obj\b")
_NOT_CONTENT = lazyre.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)|/Type\s*/(?:ObjStm|XRef)")


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
            raise ReadError(path, f"疑似压缩炸弹：PDF 数据流解压后超过 {size_text(cap)}，拒绝读取")
        if total > limits.pdf_max_inflated:
            raise ReadError(path, f"疑似压缩炸弹：PDF 数据流解压后总计超过 {size_text(limits.pdf_max_inflated)}，拒绝读取")


def _inflated_size(data: bytes, start: int, end: int, cap: int) -> int:
    """How many bytes the zlib stream at data[start:end] inflates to, counted up to ``cap``.

    Output is produced at most 1 MB at a time and discarded. Stops at the end of the zlib stream
    (bytes after it, such as the line break before ``endstream``, stay unused), at ``cap``, or
    when the input is used up.
    """
    inflater = zlib.decompressobj()
    size = 0
    view = memoryview(data)
    pos = start
    try:
        while pos < end and size < cap and not inflater.eof:
            chunk = view[pos:min(end, pos + 64 * 1024)]
            pos += len(chunk)
            out = inflater.decompress(chunk, MB)
            size += len(out)
            while inflater.unconsumed_tail and size < cap and not inflater.eof:
                out = inflater.decompress(inflater.unconsumed_tail, MB)
                if not out:  # no progress (cannot happen with zlib; never loop on it)
                    break
                size += len(out)
    except zlib.error:
        pass  # not really Flate, or damaged: pdfminer will judge
    return size


def check_page_count(path: str, pages: int, limits: Limits = DEFAULT, *, at_least: bool = False) -> None:
    """``at_least``: counting stopped at ``pages``, the file may have more."""
    if pages > limits.pdf_max_pages:
        found = f"超过 {limits.pdf_max_pages} 页" if at_least else f"{pages} 页，上限 {limits.pdf_max_pages} 页"
        raise ReadError(path, f"PDF 页数过多（{found}），拒绝读取")


class Deadline:
    """A wall-clock bound, checked at cheap points: between pages, and inside pdfminer every 4 KB of
    content parsed and every 1,000 objects drawn (``pdf_limits``)."""

    def __init__(self, path: str, seconds: float):
        self.path = path
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str | None = None) -> None:
        if time.monotonic() > self.end:
            raise ReadError(self.path, f"读取超时（超过 {self.seconds:.0f} 秒），文件可能异常", where=where)
