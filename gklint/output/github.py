"""``--format github``: GitHub Actions workflow annotations, one per finding.

    ::error file=reports/a.txt,line=12,title=T301 表三列的总计::message

Severity maps to the command: error → ``error``, warning → ``warning``, info → ``notice``. Values
are escaped as the runner expects (``%``, CR and LF; in properties also ``:`` and ``,``). A file that
could not be read is an ``error`` annotation on the file.
"""

from __future__ import annotations

from gklint.core.diagnostic import Result
from gklint.output import places
from gklint.output.common import why_unreadable

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    from gklint.core.display import printable

    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)  # other control, separator and bidi characters as \\uNNNN


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{command} {fields}::{escape_data(message)}"


def render(result: Result, lang: str = "zh") -> str:
    out = []
    for f in result.files:
        if f.error is not None:
            out.append(annotation("error", why_unreadable(f), file=f.path, title="gklint"))
            continue
        for d in f.diagnostics:
            where = places.describe(d, lang)
            message = d.message + (f"\n位置：{where}" if where and lang == "zh" else f"\nat: {where}" if where else "")
            if d.location.quote:
                message += f"\n原文：“{d.location.quote}”" if lang == "zh" else f"\ntext: “{d.location.quote}”"
            out.append(annotation(COMMAND[d.severity], message, file=f.path, line=places.tool_line(d),
                                  title=f"{d.rule} {d.title}{f.tag(lang)}".strip()))
    return "".join(line + "\n" for line in out)
