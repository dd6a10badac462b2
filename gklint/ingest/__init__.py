"""Ingest: a file (or JSON data) -> a Report. The reader is chosen by content, not only by extension."""

from __future__ import annotations

import os
from pathlib import Path

from typing import TYPE_CHECKING

from gklint.ingest.errors import ReadError

if TYPE_CHECKING:  # the model imports ingest.document: keep this package light and acyclic
    from gklint.model import Report

MAX_BYTES = 50 * 1024 * 1024


def read_report(path: str | os.PathLike, *, layout: str | None = None) -> Report:
    """Read any supported file into a Report; ReadError (naming the file and the spot) if it cannot be read."""
    path = str(path)
    p = Path(path)
    try:
        if not p.exists():
            raise ReadError(path, "文件不存在")
        if p.is_dir():
            raise ReadError(path, "这是一个目录，不是文件")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_BYTES // 1024 // 1024} MB）")
        data = p.read_bytes()
    except PermissionError:
        raise ReadError(path, "没有读取权限") from None
    except IsADirectoryError:
        raise ReadError(path, "这是一个目录，不是文件") from None
    except OSError as exc:
        raise ReadError(path, f"无法读取：{exc.strerror or exc}") from None
    return read_bytes(path, data, layout=layout)


def read_bytes(path: str, data: bytes, *, layout: str | None = None) -> Report:
    """Choose the reader by content (``sniff``), read, and recognise the official layout."""
    from gklint.ingest.sniff import decode_text, sniff

    kind = sniff(path, data)
    if kind == "json":
        from gklint.ingest.json_format import read_json

        return read_json(path, decode_text(data))
    if kind == "txt":
        from gklint.ingest.text import read_text

        document = read_text(path, decode_text(data))
    elif kind == "html":
        from gklint.ingest.html import read_html

        document = read_html(path, data)
    elif kind == "docx":
        from gklint.ingest.docx import read_docx

        document = read_docx(path, data)
    elif kind == "pdf":
        from gklint.ingest.pdf import read_pdf

        document = read_pdf(path, data)
    else:  # pragma: no cover - sniff raises for anything else
        raise ReadError(path, f"不支持的文件类型：{kind}")
    from gklint.ingest.recognise import recognise

    return recognise(document, version=layout)
