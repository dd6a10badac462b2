"""Ingest: a file (or JSON data) -> a Report. The reader is chosen by content, not only by extension."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from gklint.read.errors import ReadError

if TYPE_CHECKING:  # keep this package light: the readers and recognition are imported on first use
    from gklint.core.model import Report

__all__ = ["ReadError", "read_report", "read_bytes"]


def read_report(path: str | os.PathLike, *, layout: str | None = None, limits=None) -> Report:
    """Read any supported file into a Report; ReadError (naming the file and the spot) if it cannot be read.

    ``limits`` (``guards.Limits``, default ``guards.DEFAULT``) bounds what is read.
    """
    from gklint.read import guards

    path = str(path)
    limits = limits or guards.DEFAULT
    return read_bytes(path, guards.read_limited(path, limits), layout=layout, limits=limits)


def read_bytes(path: str, data: bytes, *, layout: str | None = None, limits=None) -> Report:
    """Choose the reader by content (``sniff``), read, and recognise the official layout."""
    from gklint.read.sniff import decode_text, plainly_json, sniff

    if plainly_json(path, data):  # the usual gklint JSON: read straight from the bytes, or else as below
        from gklint.recognise.json_format import read_plain

        report = read_plain(path, data)
        if report is not None:
            return report
    from gklint.read import guards

    limits = limits or guards.DEFAULT
    kind = sniff(path, data)
    if kind == "json":
        from gklint.recognise.json_format import read_json

        return read_json(path, decode_text(data, path=path))
    from gklint.read.open import read_document
    from gklint.recognise.recognise import recognise

    return recognise(read_document(path, data, limits, kind=kind), version=layout)
