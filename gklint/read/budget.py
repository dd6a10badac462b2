"""Budgets on what a document holds (characters of text, table cells), checked early and cheaply.

A real report holds a few hundred table cells and under 100,000 characters; the limits
(``guards.Limits.max_chars``, ``max_cells``, ``max_table_cells``, ``max_elements``) are ten to a hundred times that,
and stop a hostile file (a page of a million ``<td>``, a DOCX of a million cells that is small
enough to pass the zip checks, megabytes of one-line text) before the slow steps see it.
"""

from __future__ import annotations

import re
import zipfile

from gklint.core import lazyre
from gklint.read.errors import ReadError
from gklint.read.guards import DEFAULT, MB, Limits


def check_bytes_for_text(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """Before decoding: no encoding spends more than 4 bytes on a character, so more than
    ``4 * max_chars`` bytes are surely too many characters."""
    if len(data) > 4 * limits.max_chars:
        raise ReadError(path, f"文本过长（{len(data):,} 字节，超过 {limits.max_chars:,} 个字符的上限），拒绝读取")


def check_chars(path: str, n: int, limits: Limits = DEFAULT) -> None:
    if n > limits.max_chars:
        raise ReadError(path, f"文本过长（{n:,} 个字符，上限 {limits.max_chars:,}），拒绝读取")


def check_cells(path: str, n: int, limits: Limits = DEFAULT, *, table: int | None = None) -> None:
    if table is not None and n > limits.max_table_cells:
        raise ReadError(path, f"表格过大（{n:,} 个单元格，上限 {limits.max_table_cells:,}），拒绝读取",
                        where=f"第 {table} 个表格")
    if table is None and n > limits.max_cells:
        raise ReadError(path, f"表格单元格过多（{n:,} 个，上限 {limits.max_cells:,}），拒绝读取")


_TAG = lazyre.compile(r"<[A-Za-z]")


def check_markup(path: str, text: str, limits: Limits = DEFAULT) -> None:
    """Before parsing: the page's elements (real pages: a few thousand) and table cells, counted on the markup."""
    check_html(path, text, limits)
    n = sum(1 for _ in _TAG.finditer(text))
    if n > limits.max_elements:
        raise ReadError(path, f"网页元素过多（{n:,} 个，上限 {limits.max_elements:,}），拒绝读取")


_HTML_CELL = lazyre.compile(r"<t[dh][\s>/]", re.I)


def check_html(path: str, text: str, limits: Limits = DEFAULT) -> None:
    """The page's cells counted on the markup, before it is parsed."""
    check_cells(path, sum(1 for _ in _HTML_CELL.finditer(text)), limits)


_DOCX_CELL = lazyre.compile(rb"<(?:[\w.-]+:)?tc[\s>/]")


def check_docx_cells(path: str, data: bytes, limits: Limits = DEFAULT) -> None:
    """``word/document.xml``'s cells counted on its bytes (streamed), before python-docx parses it."""
    import io

    n = 0
    tail = b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("word/document.xml") as part:
            while chunk := part.read(MB):
                window = tail + chunk
                n += len(_DOCX_CELL.findall(window))
                # keep the last bytes that may start a tag cut by the chunk's end (not counted twice:
                # a tag is counted only once its following character is in the window)
                cut = window.rfind(b"<", max(0, len(window) - 64))
                tail = window[cut:] if cut >= 0 else b""
                if tail and _DOCX_CELL.match(tail):
                    n -= 1  # counted already in this window; it will be counted again with the next
                if n > limits.max_cells:
                    break
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # the reader will say what is wrong
    check_cells(path, n, limits)
