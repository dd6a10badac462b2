"""A file on disk -> Document: size guard, then the reader the content calls for, with its guards.

JSON is not a Document (it is a Report already): the caller handles it before coming here.
"""

from __future__ import annotations

from gklint.read import guards
from gklint.read.document import Document
from gklint.read.errors import ReadError
from gklint.read.sniff import decode_text, sniff


def open_document(path: str, limits: guards.Limits = guards.DEFAULT) -> Document:
    data = guards.read_limited(path, limits)
    return read_document(path, data, limits)


def read_document(path: str, data: bytes, limits: guards.Limits = guards.DEFAULT, *,
                  kind: str | None = None) -> Document:
    """Bytes already in memory -> Document (the size guard applies here too); ``kind`` when the caller
    has already sniffed the content."""
    if len(data) > limits.max_bytes:
        found, cap = guards.sizes(len(data), limits.max_bytes)
        raise ReadError(path, f"文件过大（{found}，上限 {cap}），拒绝读取")
    kind = kind or sniff(path, data)
    if kind == "pdf":
        from gklint.read.pdf import read_pdf

        return read_pdf(path, data, limits)
    if kind == "image":
        from gklint.read.ocr import read_image

        return read_image(path, data, limits)
    if kind == "docx":
        guards.check_docx(path, data, limits)
        return _read_docx(path, data, limits)
    if kind == "html":
        from gklint.read.html import read_html

        return read_html(path, data, limits)
    if kind == "txt":
        from gklint.read.budget import check_bytes_for_text, check_chars
        from gklint.read.text import read_text

        check_bytes_for_text(path, data, limits)
        text = decode_text(data, path=path)
        check_chars(path, len(text), limits)
        return read_text(path, text)
    raise NotImplementedError(f"{kind}: read by the caller, not as a Document")


def _read_docx(path: str, data: bytes, limits: guards.Limits = guards.DEFAULT) -> Document:
    """python-docx's own errors on a damaged package become ReadError."""
    import zipfile

    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from gklint.read.docx import read_docx

    try:
        return read_docx(path, data, limits)
    except (zipfile.BadZipFile, PackageNotFoundError, etree.XMLSyntaxError, KeyError, EOFError) as exc:
        raise ReadError(path, f"Word 文档已损坏，无法解析（{type(exc).__name__}: {str(exc)[:120]}）") from None
    except ValueError as exc:
        if "content type" in str(exc):  # python-docx: a macro-enabled document or a template
            raise ReadError(path, "不支持的 Word 文件类型（启用宏的文档或模板），请另存为普通 .docx 后再检查") from None
        # zipfile on a directory whose offsets point outside the file (a negative seek), and the like
        raise ReadError(path, f"Word 文档已损坏，无法解析（{type(exc).__name__}: {str(exc)[:120]}）") from None
