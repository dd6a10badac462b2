"""Ingest: a file (or JSON data) -> a Report. The reader is chosen by content, not only by extension."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from gklint.read.errors import ReadError

if TYPE_CHECKING:  # keep this package light: the readers and recognition are imported on first use
    from gklint.core.model import Report

__all__ = ["ReadError", "read_report", "read_reports", "read_bytes"]


def read_report(path: str | os.PathLike, *, layout: str | None = None, limits=None) -> Report:
    """Read any supported file into a Report (a file holding several: its first); ReadError (naming the file
    and the spot) if it cannot be read.

    ``limits`` (``guards.Limits``, default ``guards.DEFAULT``) bounds what is read.
    """
    return read_reports(path, layout=layout, limits=limits)[0]


def read_reports(path: str | os.PathLike, *, layout: str | None = None, limits=None) -> list[Report]:
    """Every report a file holds (``recognise.recognise_all``: a 汇编 holds dozens), as ``read_report`` reads one."""
    from gklint.read import guards

    path = str(path)
    limits = limits or guards.DEFAULT
    return read_bytes_all(path, guards.read_limited(path, limits), layout=layout, limits=limits)


def read_bytes(path: str, data: bytes, *, layout: str | None = None, limits=None) -> Report:
    """Choose the reader by content (``sniff``), read, and recognise the official layout: the (first) report."""
    return read_bytes_all(path, data, layout=layout, limits=limits)[0]


def read_bytes_all(path: str, data: bytes, *, layout: str | None = None, limits=None) -> list[Report]:
    """``read_bytes``, every report the file holds (gklint's JSON holds one)."""
    from gklint.read.sniff import decode_text, plainly_json, sniff

    if plainly_json(path, data):  # the usual gklint JSON: read straight from the bytes, or else as below
        from gklint.recognise.json_format import read_plain

        report = read_plain(path, data)
        if report is not None:
            return [report]
    from gklint.read import guards

    limits = limits or guards.DEFAULT
    kind = sniff(path, data)
    if kind == "json":
        from gklint.recognise.json_format import read_json

        return [read_json(path, decode_text(data, path=path))]
    from gklint.read.open import read_document
    from gklint.recognise.recognise import recognise_all

    return recognise_all(read_document(path, data, limits, kind=kind), version=layout)
