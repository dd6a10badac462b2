"""Which reader a file needs, judged by its content; the extension only breaks ties.

``sniff`` returns a kind of ``formats.FORMATS`` ("pdf", "image", "docx", "json", "html", "txt"), using the
tests declared there, or raises ReadError for what gklint cannot read (old .doc, spreadsheets, other
images, archives, other binaries). ``decode_text`` turns the bytes of a text or HTML file into str.
"""

from __future__ import annotations

import codecs
import os
import re

from gklint.core import lazyre
from gklint.core.own import AUTHOR, CREATOR, GENERATOR
from gklint.read.errors import ReadError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: old Office, or a new one encrypted
_ENCRYPTED_OFFICE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted .docx/.xlsx is kept in
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (_OLE, "旧版 Office 文件（.doc/.xls/.wps），请另存为 .docx 或 PDF 后再检查"),
    (b"{\\rtf", "RTF 文件，请另存为 .docx 或 PDF 后再检查"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"\x7fELF", "可执行文件"),
    (b"MZ", None),  # Windows executable: confirmed below
)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HTML = lazyre.compile(r"<(?:!doctype\s+html|html|head|body|table|meta|title|div|p|span|br|tr|td)[\s>/]", re.I)
_XML_DECL = lazyre.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CHARSET = lazyre.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "gb_2312-80", "csgb2312", "gb18030"}


def sniff(path: str, data: bytes) -> str:
    """The kind of reader a file needs (a ``formats.FORMATS`` kind), or ReadError for what gklint cannot read.

    The formats' binary tests first, in the table's order; then what is recognisably unsupported; then the
    formats' tests on the decoded start of the text, plain text last.
    """
    from gklint.read import formats

    _reject_own_output(path, data)
    for f in formats.FORMATS:
        if f.binary is not None and f.binary(path, data):
            return f.kind
    _reject_binary(path, data)
    ext = os.path.splitext(path)[1].lower()
    text = decode_text(data[:65536], path=path, partial=True)
    head = _XML_DECL.sub("", text.lstrip("\ufeff \t\r\n"), count=1).lstrip()
    if head.lower().startswith("mime-version:") and "multipart/related" in text[:4096].lower():
        raise ReadError(path, "不支持的文件类型：MHT 网页存档，请另存为 HTML 或 PDF 后再检查")
    for f in formats.FORMATS:
        if f.textual is not None and f.textual(ext, text, head):
            return f.kind
    raise ReadError(path, "不支持的文件类型")


def plainly_json(path: str, data: bytes) -> bool:
    """Is this plainly a JSON file (what gklint writes)? It starts with ``{`` and no format's binary test claims it.
    Such a file, when it is valid JSON in UTF-8, is one ``sniff`` says is "json" and ``decode_text`` decodes as
    UTF-8: valid JSON holds no control byte (none in strings, only tab, line feed and carriage return between
    tokens), so it is text; no BOM; no NUL, so not UTF-16; strict UTF-8 first. A reader given its bytes may skip
    both, provided it refuses what is not valid JSON in UTF-8 (``json_format.read_plain``, parsing strictly)."""
    if data[:1] != b"{":
        return False
    from gklint.read import formats

    return not any(f.binary is not None and f.binary(path, data) for f in formats.FORMATS)


def looks_like_html(text: str) -> bool:
    return bool(_HTML.search(text))


def zip_names(path: str, data: bytes) -> set[str]:
    """The member names of a ZIP file, opened under the ZIP guards (ReadError for a hostile archive)."""
    from gklint.read.guards import open_zip

    with open_zip(path, data) as archive:
        return set(archive.namelist())


# what an office may send instead of a report gklint reads: a folder lists them, so that each gets its row and
# what to do (save as .docx or PDF…) rather than being left out unseen
SUBMITTED = frozenset((".doc", ".dot", ".docm", ".dotx", ".wps", ".wpt", ".rtf", ".odt", ".xls", ".xlsx", ".et",
                       ".ods", ".zip", ".rar", ".7z", ".mht", ".mhtml", ".ofd"))
# the review page's <meta name="generator" content="gklint VERSION"> (gklint.output.html.Page.html)
_OWN_PAGE = lazyre.compile(rb"""<meta\s+name=["']generator["']\s+content=["']""" + GENERATOR.encode() + rb"""[\s"']""",
                           re.I)
_OWN_SUFFIX = ".gklint"  # X.gklint.docx / X.gklint.html: what --annotate writes beside X
# the start of a result gklint wrote with -f json (``{"files": [...], "summary": ...}``)
_OWN_RESULT = lazyre.compile(rb'^(?:\xef\xbb\xbf)?\s*\{\s*"files"\s*:\s*\[')
# the workbook -f xlsx writes names gklint as its creator (gklint.output.xlsx.render)
_OWN_WORKBOOK = f">{CREATOR}</dc:creator>".encode()
_OWN_RESULT_SAID = "这是 gklint 写出的检查结果（-f json 或 -f xlsx），不是年度报告；请检查报告原文件"


def own_output_name(path: str) -> bool:
    """Is this the name --annotate gives its outputs (X.gklint.docx, X.gklint.html)? A folder skips them."""
    return os.path.splitext(os.path.basename(path))[0].lower().endswith(_OWN_SUFFIX)


def is_review_page(data: bytes) -> bool:
    """Does this file start as gklint's review page (``-f html`` or ``--annotate``), by the mark gklint writes?"""
    return bool(_OWN_PAGE.search(data[:4096]))


def is_own_result(path: str, data: bytes) -> bool:
    """Is this a result gklint wrote (``-f json``, ``-f xlsx``), by its content (a workbook's whole bytes, or at
    least the first 4 KB of anything else)? A folder skips them: an inspector who writes the results beside the
    reports checks the folder again."""
    return bool(_OWN_RESULT.match(data[:4096])) or (data.startswith(_ZIP) and _own_workbook(path, data))


def _own_workbook(path: str, data: bytes) -> bool:
    """Does this package name gklint as its creator (what ``-f xlsx`` writes)?"""
    from gklint.read.guards import open_zip

    try:
        with open_zip(path, data) as archive, archive.open("docProps/core.xml") as core:
            return _OWN_WORKBOOK in core.read(1 << 16)
    except Exception:  # noqa: BLE001 - no core part, or a damaged package: the reader says what is wrong with it
        return False


def _reject_own_output(path: str, data: bytes) -> None:
    """ReadError for what gklint itself wrote: its review page (by its generator mark), or a Word draft it
    annotated (named X.gklint.docx and holding gklint's comments), which would repeat the findings."""
    if is_review_page(data):
        raise ReadError(path, "这是 gklint 写出的检查结果网页，不是年度报告；请检查报告原文件")
    if _OWN_RESULT.match(data[:4096]):  # a workbook gklint wrote is told apart among workbooks (_reject_binary)
        raise ReadError(path, _OWN_RESULT_SAID)
    if own_output_name(path) and data.startswith(_ZIP) and _commented_by_gklint(path, data):
        raise ReadError(path, "这是 gklint 加了批注的 Word 文件（--annotate 写出），不是报告原文件；请检查原文件")


def _commented_by_gklint(path: str, data: bytes) -> bool:
    from gklint.read.guards import open_zip

    with open_zip(path, data) as archive:
        if "word/comments.xml" not in archive.namelist():
            return False
        with archive.open("word/comments.xml") as comments:
            return f'w:author="{AUTHOR}"'.encode() in comments.read(1 << 20)


def _reject_binary(path: str, data: bytes) -> None:
    """ReadError naming what a file is when it is recognisably a format gklint does not read."""
    if data.startswith(_OLE) and _ENCRYPTED_OFFICE in data:
        raise ReadError(path, "文件已加密（设有打开密码），无法读取；请去除密码后重试")
    if data.startswith(_ZIP):
        names = zip_names(path, data)
        if "xl/workbook.xml" in names:
            if _own_workbook(path, data):
                raise ReadError(path, _OWN_RESULT_SAID)
            raise ReadError(path, "不支持的文件类型：Excel 表格（.xlsx），年度报告请提供 Word（.docx）、PDF 或网页文件")
        if any(n.startswith("ppt/") for n in names):
            raise ReadError(path, "不支持的文件类型：PowerPoint 演示文稿（.pptx）")
        if "content.xml" in names and "mimetype" in names:
            raise ReadError(path, "不支持的文件类型：OpenDocument 文件（.odt/.ods），请另存为 .docx 或 PDF 后再检查")
        if "OFD.xml" in names:
            raise ReadError(path, "不支持的文件类型：OFD 版式文件，请另存为 PDF 后再检查")
        raise ReadError(path, "不支持的文件类型：ZIP 压缩包（不是 Word 文档），请解压后检查其中的报告")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            if what is None and not _confirm_weak(magic, data):
                continue
            raise ReadError(path, f"不支持的文件类型：{what or _WEAK[magic]}")
    if data[:5].lower() == b"<?xml" or data[:8].startswith(b"\xef\xbb\xbf<?xml"):
        head = decode_text(data[:4096], path=path, partial=True)
        if "wordDocument" in head or "w:document" in head:
            raise ReadError(path, "不支持的文件类型：Word 2003 XML 文档，请另存为 .docx 或 PDF 后再检查")


_WEAK = {b"MZ": "可执行文件"}


def _confirm_weak(magic: bytes, data: bytes) -> bool:
    """Two-letter signatures only count when the rest of the file is not text."""
    return not _looks_textual(data[:4096])


# --------------------------------------------------------------------------- text decoding

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROL = bytes(sorted(frozenset(range(0, 32)) - {9, 10, 12, 13, 27}))


def _looks_textual(sample: bytes) -> bool:
    """Few control bytes and no NULs (text in a single- or multi-byte encoding)."""
    if not sample:
        return True
    if b"\0" in sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # in C, not a loop per byte
    return controls <= len(sample) // 100


_DECLARED_WITHIN = 16384  # bytes searched for a declared charset (a portal page's <head> may be long)
MAX_DAMAGED_CHARS = 8  # replacement characters tolerated in a text file (or 1 %, if more; a wrong
# encoding garbles most Chinese characters, far above that)


def decode_text(data: bytes, *, path: str = "", partial: bool = False) -> str:
    """Bytes of a text or HTML file -> str.

    Order: a BOM; strict UTF-8; a declared charset (HTML meta / XML declaration); strict GB18030
    (a superset of GBK and GB2312, the usual Chinese legacy encodings); charset-normalizer's
    guess. Bytes that are not text at all raise ReadError. ``partial``: ``data`` is a prefix of
    the file, so a multi-byte character cut at the end is tolerated.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], encoding, partial, path)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16, partial, path)
    if not _looks_textual(data[:65536]):
        raise ReadError(path, "不是文本文件（含有二进制数据），无法读取")
    try:  # most files: valid UTF-8, whatever they declare
        return _decode(data, "utf-8", partial, path, strict=True)
    except UnicodeError:
        pass
    candidates = ["utf-8"]
    declared = _CHARSET.search(data[:_DECLARED_WITHIN])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "gb18030" if name in _GB else name
        if _is_text_codec(name):  # a declaration may name a binary codec (uu_codec, zlib...): not a charset
            candidates.append(name)
    candidates.append("gb18030")
    for encoding in candidates[1:]:
        try:
            return _decode(data, encoding, partial, path, strict=True)
        except (UnicodeError, LookupError):  # UnicodeError: "utf-16" declared, no BOM in the bytes
            continue
    # A few damaged bytes (a copy cut mid-character, a flipped byte) must not make a report unreadable:
    # take the candidate that needs the fewest replacement characters, when they are a handful.
    tolerant = []
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding, errors="replace")
        except (UnicodeError, LookupError):
            continue
        tolerant.append((text.count("\ufffd"), text))
    if tolerant:
        bad, text = min(tolerant, key=lambda t: t[0])
        if bad <= max(MAX_DAMAGED_CHARS, len(text) // 100):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ReadError(path, "无法识别文本编码，文件可能不是文本")
    try:
        return data.decode(best.encoding, errors="replace")
    except UnicodeError:
        raise ReadError(path, "无法识别文本编码，文件可能不是文本") from None


def _is_text_codec(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except LookupError:
        return False
    return getattr(info, "_is_text_encoding", True)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: NUL bytes, and a strict decode gives ordinary characters."""
    sample = data[:4096]
    if b"\0" not in sample or len(sample) < 4:
        return None
    sample = sample[:len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        ordinary = sum(1 for ch in text if ch in "\t\r\n" or " " <= ch <= "~" or _CJK_TEXT.match(ch))
        if text and ordinary >= 0.9 * len(text):
            return encoding
    return None


_CJK_TEXT = lazyre.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u2027\u00a0-\u00ff]")


def _decode(data: bytes, encoding: str, partial: bool, path: str, strict: bool = False) -> str:
    if partial:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict" if strict else "replace")
        return decoder.decode(data, final=False)
    if strict:
        return data.decode(encoding)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace")
