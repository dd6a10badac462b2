"""``--format jsonl``: one JSON object per line, written as each file's findings are known.

A finding: ``{"type": "finding", "path", "agency", "year", "layout", "rule", "severity", "title",
"message", "location", "expected", "found", "parts", "related"}`` (``related``: the other places
of the finding, each with its own position, docs/json-format.md#findings); a file that could not be read:
``{"type": "error", "path", "error", "reason"}`` (``error`` the path and the reason, as before; ``reason`` without
the path and the spot; ``spot``, where in the file, when the error has one). A reader can act on each line as it comes.
"""

from __future__ import annotations

import json
from dataclasses import replace

from gklint.core.display import json_safe
from gklint.core.diagnostic import FileResult, Result
from gklint.output.common import why_unreadable


# ``json.dumps(value, ensure_ascii=False, default=str)``, its encoder made once (json.dumps makes one a call), without
# the check for a value that holds itself (a finding's dict never does: it is made afresh of plain values), a tenth
# of the encoding's cost
_dumps = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode


def lines(f: FileResult) -> list[str]:
    if f.error is not None:
        said = {"type": "error", "path": f.path, "error": f.error, "reason": why_unreadable(f, spot=False)}
        return [json_safe(_dumps(said | ({"spot": f.spot} if f.spot else {})))]
    head = {"type": "finding", "path": f.path, "agency": f.meta.get("agency"), "year": f.meta.get("year"),
            "layout": f.layout} | ({"part": f.part, "part_title": f.part_title} if f.part else {})
    # line and paragraph separators escaped too (json_safe): a reader splitting lines sees one object a line
    return [json_safe(_dumps(head | d.to_dict())) for d in f.diagnostics]


def file_bytes(f: FileResult) -> bytes:
    """``f``'s lines, each with its newline, in UTF-8 (b"" for a file without findings)."""
    return "".join(line + "\n" for line in lines(f)).encode("utf-8")


def series_bytes(f: FileResult, found: list) -> bytes:
    """The lines of a file's series findings (``found``, merged into ``f``), written once every file's own are
    (``api.Run.render_series``' render)."""
    return file_bytes(replace(f, diagnostics=found))


def render(result: Result, lang: str = "zh") -> str:
    return "".join(line + "\n" for f in result.files for line in lines(f))
