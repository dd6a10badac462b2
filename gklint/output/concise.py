"""``--format concise``: one line per finding, as ruff prints them.

    path:line: RULE [severity] message（place）

``line`` is the line (text, HTML) or paragraph (Word) when known, else left out (``path: RULE …``);
the place (table, row, column, or section) follows the message. A file that could not be read is one
line ``path: ERROR [error] why``.
"""

from __future__ import annotations

from gklint.core.display import printable
from gklint.core.diagnostic import Result
from gklint.output.common import line_of


def render(result: Result, lang: str = "zh") -> str:
    out = []
    for f in result.files:
        if f.error is not None:
            out.append(f"{f.path}: ERROR [error] {f.error}")
            continue
        for d in f.diagnostics:
            line = line_of(d)
            where = d.location.describe(lang)
            tail = (f"（{where}）" if lang == "zh" else f" ({where})") if where else ""
            out.append(f"{f.path}:{line}: " if line else f"{f.path}: ")
            out[-1] += f"{d.rule} [{d.severity}] {d.message}{tail}"
    return "".join(printable(line) + "\n" for line in out)  # one line each, whatever a path or quote holds
