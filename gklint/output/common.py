"""What several outputs need from a finding: its section, its place in words, a row of plain values."""

from __future__ import annotations

import json
from urllib.parse import quote

from gklint.core.diagnostic import SEVERITY_WORDS, Diagnostic, FileResult, Result


def why_unreadable(f: FileResult, *, spot: bool = True) -> str:
    """Why a file could not be read, without the path its message starts with (the output names the file
    once, in its own place: the header, the ``path:`` of a line, the ``file=`` of an annotation); without
    the spot too (第3页: …) when ``spot`` is False, for an output that gives it its own column."""
    error = f.error or ""
    error = error[len(f.path) + 2:] if error.startswith(f"{f.path}: ") else error
    if not spot and f.spot and error.startswith(f"{f.spot}: "):
        error = error[len(f.spot) + 2:]
    return error


def section_of(d: Diagnostic, f: FileResult) -> str:
    """The section a finding belongs to: where its quoted text is, else the section that holds its table."""
    loc = d.location
    if loc.section:
        return loc.section
    if loc.table and f.sections:
        return f.sections.get(loc.table, f"表{loc.table}")
    return ""


def plain(value):
    """A value as a spreadsheet or a line shows it: numbers stay numbers, lists and dicts as JSON."""
    if value is None or isinstance(value, (int, float, str, bool)):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def rows(result: Result, lang: str = "zh") -> list[dict]:
    """One row per finding, with the file's agency and year, its places in words and its quote."""
    from gklint.output.places import describe

    out = []
    for f in result.files:
        for d in f.diagnostics:
            loc = d.location
            out.append({"file": f.name(lang), "agency": f.meta.get("agency"), "year": f.meta.get("year"),
                        "section": section_of(d, f), "table": loc.table, "row": loc.row,
                        "column": loc.column, "rule": d.rule, "severity": SEVERITY_WORDS[lang][d.severity],
                        "message": d.message,
                        "expected": plain(d.expected), "found": plain(d.found),
                        "place": describe(d, lang), "quote": loc.quote})
    return out


def uri(path: str) -> str:
    """A file path as a URI reference: relative paths stay relative, with forward slashes."""
    text = path.replace("\\", "/")
    if text.startswith("/"):
        return "file://" + quote(text)
    if len(text) > 1 and text[1] == ":":  # a Windows drive
        return "file:///" + quote(text)
    return quote(text)


def file_rows(result: Result, lang: str = "zh") -> list[dict]:
    """The per-file summary: counts by severity, or why the file could not be read (the file named in its own
    column, not again; the spot in the file, when the error has one, in its own)."""
    return [_file_row(f, lang) for f in result.files]


def _file_row(f: FileResult, lang: str) -> dict:
    return {"file": f.name(lang), "agency": f.meta.get("agency"), "year": f.meta.get("year"), "layout": f.layout,
            "errors": f.count("error"), "warnings": f.count("warning"), "infos": f.count("info"),
            "read_error": why_unreadable(f, spot=False) if f.error is not None else None, "spot": f.spot}
