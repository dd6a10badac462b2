"""``--format concise``: one line per finding, as ruff prints them.

    path:line: RULE [severity] message（place）

``line`` is the line of a text file when known, else left out (``path: RULE …``); the place follows
the message, as ``gklint.output.places`` says it: table, row and column by their official labels, or
the section, with the position in the file (第12段 in Word, 第3页 in a PDF, none for a web page) and
the start of the quoted sentence; a sentence compared with a table names the cells too (对照：…). A file that could not be read is one
line ``path: ERROR [error] why``.
"""

from __future__ import annotations

from gklint.core.display import printable
from gklint.core.diagnostic import Result
from gklint.output import places
from gklint.output.common import why_unreadable


def render(result: Result, lang: str = "zh") -> str:
    out = []
    for f in result.files:
        if f.error is not None:
            out.append(f"{f.path}: ERROR [error] {why_unreadable(f)}")
            continue
        for d in f.diagnostics:
            line = places.file_line(d)
            where = places.describe(d, lang, quote=True)  # the sentence's start: to find it with Ctrl+F
            tail = (f"（{where}）" if lang == "zh" else f" ({where})") if where else ""
            out.append(f"{f.path}:{line}: " if line else f"{f.path}: ")  # path:line: as editors find it; then the report
            out[-1] += f"{f.tag(lang).lstrip()}{' ' if f.part else ''}{d.rule} [{d.severity}] {d.message}{tail}"
    return "".join(printable(line) + "\n" for line in out)  # one line each, whatever a path or quote holds
