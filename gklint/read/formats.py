"""The input formats gklint reads, in one table: kind -> sniff test, reader, extensions, optional extra.

``sniff`` tries the tests in this order (binary signatures on the bytes first, then tests on the decoded
text, plain text last); ``open.read_document`` calls the reader of the kind found; the CLI's folder
expansion picks up the extensions listed here. Adding an input format is one ``Format`` here, its reader
module, its tests and its docs (docs/architecture.md).

Readers are named ``"module:function"`` and imported on first use, so this table stays light to import.
A reader takes ``(path, data, limits)`` and returns a ``Document``. JSON is gklint's own report format:
it is already a Report, so it has no reader here and ``gklint.ingest`` hands it to recognition.
"""

from __future__ import annotations

import importlib
from typing import Callable, NamedTuple

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a")  # PNG, JPEG, TIFF, GIF
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


class Format(NamedTuple):
    """A file format gklint reads: its extensions, how it is recognised and which reader reads it (a named tuple:
    made at import for less than a frozen dataclass)."""

    kind: str
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: str | Callable | None  # "module:function" (path, data, limits) -> Document; None: not a Document
    binary: Callable[[str, bytes], bool] | None = None  # (path, bytes) -> is it this format
    textual: Callable[[str, str, str], bool] | None = None  # (extension, decoded start, its head) -> is it
    extra: str | None = None  # the optional dependency group it needs (pip install gklint[extra])
    label: str = ""  # what it is, for people

    def read(self, path: str, data: bytes, limits):
        if self.reader is None:
            raise NotImplementedError(f"{self.kind}: read by the caller, not as a Document")
        reader = self.reader
        if isinstance(reader, str):
            module, _, name = reader.partition(":")
            reader = getattr(importlib.import_module(module), name)
        return reader(path, data, limits)


def _is_image(path: str, data: bytes) -> bool:
    """A PNG, JPEG, TIFF, GIF, WebP or BMP image (a bitmap's "BM" is confirmed by its four reserved zero bytes)."""
    return (data.startswith(_IMAGES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
            or (data[:2] == b"BM" and len(data) > 26 and data[6:10] == b"\0\0\0\0"))


def _is_docx(path: str, data: bytes) -> bool:
    if not data.startswith(_ZIP):
        return False
    from gklint.read.sniff import zip_names

    return "word/document.xml" in zip_names(path, data)


def _is_html(ext: str, text: str, head: str) -> bool:
    from gklint.read.sniff import looks_like_html

    return looks_like_html(text[:8192]) or (ext in HTML_EXTENSIONS and looks_like_html(text))


HTML_EXTENSIONS = (".html", ".htm", ".shtml", ".xhtml")

FORMATS: tuple[Format, ...] = (
    Format("pdf", (".pdf",), "gklint.read.pdf:read_pdf", binary=lambda path, data: b"%PDF-" in data[:1024],
           label="PDF"),
    Format("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp"), "gklint.read.ocr:read_image",
           binary=_is_image, extra="ocr", label="page image, read by OCR"),
    Format("docx", (".docx",), "gklint.read.docx:read_docx_file", binary=_is_docx, label="Word document"),
    Format("json", (".json",), None,
           textual=lambda ext, text, head: head.startswith("{") or (head.startswith("[") and ext == ".json"),
           label="gklint's report JSON"),
    Format("html", HTML_EXTENSIONS, "gklint.read.html:read_html", textual=_is_html, label="web page"),
    Format("txt", (".txt", ".text"), "gklint.read.text:read_text_file", textual=lambda ext, text, head: True,
           label="plain text"),
)


def extensions() -> frozenset[str]:
    """Every extension a folder is searched for."""
    return frozenset(ext for f in FORMATS for ext in f.extensions)


def get(kind: str) -> Format:
    for f in FORMATS:
        if f.kind == kind:
            return f
    raise KeyError(kind)
